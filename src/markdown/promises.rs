//! Service figures typed in prose: an uptime target (`99.9%`, `99.95 %`, `‏99.9%` or
//! `%99.9` in Hebrew) and a response promise next to a support word (`24/7 response`,
//! `1-hour response`, `support in business hours`). The catalogue's `service:` data says
//! them once; `site check` warns (W017) about a copy typed by hand, and a pricing card's
//! hand text must not contradict its plan's data (E061).
//!
//! A percentage right after a threshold word (`below 99.0%`, `at or above 95.0%`) is a
//! term of the service-credit schedule, not a plan's promise, and is not reported.

use super::money::{number_len, space_len};

/// What a typed service figure says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Figure {
    /// An uptime target in percent.
    Uptime(f64),
    /// A response around the clock (`24/7`).
    AroundTheClock,
    /// A response time: an amount of hours (minutes and days count as written).
    Response(u32, &'static str),
    /// Support or response within business hours, no amount.
    BusinessHours,
}

/// Words that make a time or `24/7` a support promise when they stand near it.
const SUPPORT_WORDS: [&str; 6] = ["support", "response", "respond", "answers", "מענה", "תמיכה"];

/// Words that make a percentage a threshold of the credit schedule.
const THRESHOLDS: [&str; 5] = ["below", "above", "under", "מתחת ל", "מעל "];

/// How far (in bytes) a support word may stand from a time to make it a promise.
const NEAR: usize = 48;

/// The service figures typed in `text`: byte range and what each says.
pub fn figures(text: &str) -> Vec<(usize, usize, Figure)> {
    // Every figure holds a digit but `business hours`: most text holds neither.
    if !text.bytes().any(|b| b.is_ascii_digit()) && !text.contains("usiness") && !text.contains("בשעות") {
        return Vec::new();
    }
    let lower = lowercase_in_place(text);
    let text_l = lower.as_str();
    let mut found = Vec::new();
    let mut at = 0;
    while at < text.len() {
        // A figure starts with a digit, `%`, `b` (business hours) or `ב` (בשעות העבודה).
        let first = text_l[at..].chars().next();
        let may_start = first.is_some_and(|c| c.is_ascii_digit() || matches!(c, '%' | 'b' | 'ב'));
        if let Some((end, figure)) = may_start.then(|| figure_at(text_l, at, true)).flatten() {
            found.push((at, end, figure));
            at = end;
        } else {
            at += text[at..].chars().next().map_or(1, char::len_utf8);
        }
    }
    found
}

/// `text` lowercased char by char where the lowercase letter is one char of the same
/// length, so every byte offset (and char boundary) of `text` holds in the result;
/// other letters (`Ⱥ` → `ⱥ` grows a byte) stay as written.
fn lowercase_in_place(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) if l.len_utf8() == c.len_utf8() => out.push(l),
            _ => out.push(c),
        }
    }
    out
}

/// What a figure found by [`figures`] says, read again from its text alone.
pub fn read(typed: &str) -> Option<Figure> {
    figure_at(&typed.to_lowercase(), 0, false).map(|(_, f)| f)
}

fn figure_at(text: &str, at: usize, in_context: bool) -> Option<(usize, Figure)> {
    let rest = &text[at..];
    if !starts_word(text, at) {
        return None;
    }
    if let Some(found) = uptime(text, at) {
        return Some(found);
    }
    let promise = if rest.starts_with("24/7") && ends_word(rest, 4) {
        Some((at + 4, Figure::AroundTheClock))
    } else if let Some(len) =
        ["business hours", "business-hours", "בשעות העבודה"].iter().find(|w| rest.starts_with(**w))
    {
        Some((at + len.len(), Figure::BusinessHours))
    } else {
        response_time(rest).map(|(len, f)| (at + len, f))
    };
    promise.filter(|(end, _)| !in_context || near_support(text, at, *end))
}

/// `99.9%`, `99.95 %`, `%99.9`: a percentage from 99, or from 90 with decimals.
fn uptime(text: &str, at: usize) -> Option<(usize, Figure)> {
    let rest = &text[at..];
    let (number_at, number) = match rest.strip_prefix('%') {
        Some(after) => (1, number_len(after)),
        None => (0, number_len(rest)),
    };
    if number == 0 {
        return None;
    }
    let digits = &rest[number_at..number_at + number];
    let mut end = number_at + number;
    if number_at == 0 {
        end += space_len(&rest[end..]);
        end += rest[end..].starts_with('%').then_some(1)?;
    }
    let value: f64 = digits.parse().ok()?;
    let figure = value < 100.0 && (value >= 99.0 || value >= 90.0 && digits.contains('.'));
    (figure && ends_word(rest, end) && !after_threshold(text, at)).then_some((at + end, Figure::Uptime(value)))
}

/// `1-hour`, `4 business hours`, `30 minutes`, `1 business day`.
fn response_time(rest: &str) -> Option<(usize, Figure)> {
    let number = number_len(rest);
    if number == 0 || rest[..number].contains('.') {
        return None;
    }
    let amount: u32 = rest[..number].parse().ok()?;
    let gap = match rest[number..].chars().next() {
        Some(c @ (' ' | '-' | '\u{a0}')) => c.len_utf8(),
        _ => return None,
    };
    let after = &rest[number + gap..];
    let units = [
        ("business hours", "business hours"),
        ("business hour", "business hours"),
        ("business days", "business days"),
        ("business day", "business days"),
        ("minutes", "minutes"),
        ("minute", "minutes"),
        ("hours", "hours"),
        ("hour", "hours"),
        ("שעות עבודה", "business hours"),
        ("שעות", "hours"),
        ("שעה", "hours"),
        ("דקות", "minutes"),
    ];
    let (word, unit) = units.iter().find(|(w, _)| after.starts_with(*w))?;
    let end = number + gap + word.len();
    ends_word(rest, end).then_some((end, Figure::Response(amount, unit)))
}

fn near_support(text: &str, start: usize, end: usize) -> bool {
    let from = floor(text, start.saturating_sub(NEAR));
    let to = ceil(text, (end + NEAR).min(text.len()));
    let window = &text[from..to];
    SUPPORT_WORDS.iter().any(|w| window.contains(w))
}

fn after_threshold(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\u{a0}', '\u{200f}', '\u{200e}']);
    THRESHOLDS.iter().any(|w| before.ends_with(w.trim_end()))
}

fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn starts_word(text: &str, at: usize) -> bool {
    !text[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | ',' | '/' | '-'))
}

fn ends_word(s: &str, end: usize) -> bool {
    !s[end..].chars().next().is_some_and(|c| c.is_alphanumeric() || c == '/')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(text: &str) -> Vec<(&str, Figure)> {
        figures(text).into_iter().map(|(s, e, f)| (&text[s..e], f)).collect()
    }

    #[test]
    fn letters_whose_lowercase_changes_length_keep_the_offsets() {
        // `Ⱥ` (2 bytes) lowercases to `ⱥ` (3), `Ɫ` (3) to `ɫ` (2): the text's length is
        // unchanged but its char boundaries move (found by tests/properties.rs).
        assert_eq!(said("AA꣎AAȺⱢ 99.9% Uptime"), vec![("99.9%", Figure::Uptime(99.9))]);
        assert_eq!(said("ȺȺ 24/7 Support"), vec![("24/7", Figure::AroundTheClock)]);
    }

    #[test]
    fn uptime_figures_in_both_scripts() {
        assert_eq!(said("a 99.9% target"), vec![("99.9%", Figure::Uptime(99.9))]);
        assert_eq!(said("up to 99.95 % a month"), vec![("99.95 %", Figure::Uptime(99.95))]);
        assert_eq!(said("יעד זמינות \u{200f}99.5%"), vec![("99.5%", Figure::Uptime(99.5))]);
        assert_eq!(said("זמינות %99.9"), vec![("%99.9", Figure::Uptime(99.9))]);
    }

    #[test]
    fn ordinary_percentages_and_thresholds_are_not_figures() {
        assert!(said("10% growth, 15% off, 95% of teams").is_empty());
        assert!(said("below 99.0%, at or above 95.0%").is_empty());
        assert!(said("version 99.9").is_empty());
    }

    #[test]
    fn response_promises_need_a_support_word() {
        assert_eq!(said("24/7 response to severity-1"), vec![("24/7", Figure::AroundTheClock)]);
        assert_eq!(said("a 1-hour response"), vec![("1-hour", Figure::Response(1, "hours"))]);
        assert_eq!(said("support in business hours"), vec![("business hours", Figure::BusinessHours)]);
        assert_eq!(said("מענה תוך 4 שעות עבודה"), vec![("4 שעות עבודה", Figure::Response(4, "business hours"))]);
        assert!(said("a 2-hour workshop, open 24/7 for reading").is_empty());
    }
}
