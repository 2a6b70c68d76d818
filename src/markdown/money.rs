//! Prices typed in prose stay whole in right-to-left text.
//!
//! In a Hebrew paragraph the bidi algorithm splits "Factory Team – 5,990 ₪ לחודש": the
//! number joins the English words before it and the shekel sign is left on the far side.
//! Each amount with its currency (`5,990 ₪`, `USD 1,490`, `$490`) is therefore wrapped in
//! `<bdi class="price-inline" dir="ltr">`, one left-to-right unit whatever surrounds it, with a
//! no-break space so it never wraps between number and sign. The sign stays where the
//! writer put it: the locale's order is the writer's to choose.

use crate::html::escape_into;

/// Signs written before or after an amount, and the codes written as words.
const SYMBOLS: [&str; 3] = ["$", "₪", "€"];
const CODES: [&str; 4] = ["USD", "ILS", "NIS", "EUR"];

/// `text` as HTML with every price isolated, or `None` when it holds no price (the
/// caller then keeps the plain text event).
pub fn isolate(text: &str) -> Option<String> {
    let found = prices(text);
    if found.is_empty() {
        return None;
    }
    let mut out = String::new();
    let mut copied = 0;
    for (at, end) in found {
        escape_into(&mut out, &text[copied..at]);
        out.push_str("<bdi class=\"price-inline\" dir=\"ltr\">");
        escape_into(&mut out, &text[at..end].replace(' ', "\u{a0}"));
        out.push_str("</bdi>");
        copied = end;
    }
    escape_into(&mut out, &text[copied..]);
    Some(out)
}

/// The byte ranges (start, end) of the prices typed in `text`.
pub fn prices(text: &str) -> Vec<(usize, usize)> {
    // Every price holds an amount: most text has no digit at all.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut at = 0;
    while at < text.len() {
        match price_at(text, at) {
            Some(end) => {
                found.push((at, end));
                at = end;
            }
            None => at += text[at..].chars().next().map_or(1, char::len_utf8),
        }
    }
    found
}

/// The end of a price starting at byte `at`: a sign or code then an amount, or an
/// amount then a sign or code (`$` only leads).
fn price_at(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    if !starts_word(text, at) {
        return None;
    }
    if let Some(sign) = leading_sign(rest) {
        let gap = space_len(&rest[sign..]);
        let number = number_len(&rest[sign + gap..]);
        let is_code = CODES.iter().any(|c| rest.starts_with(c));
        if number > 0 && (!is_code || gap > 0) && ends_word(rest, sign + gap + number) {
            return Some(at + sign + gap + number);
        }
        return None;
    }
    let number = number_len(rest);
    if number == 0 {
        return None;
    }
    let gap = space_len(&rest[number..]);
    let after = &rest[number + gap..];
    let sign = SYMBOLS.iter().filter(|s| **s != "$").chain(CODES.iter()).find(|s| after.starts_with(**s))?;
    let is_code = CODES.contains(sign);
    let end = number + gap + sign.len();
    (!is_code || gap > 0 && ends_word(rest, end)).then_some(at + end)
}

/// The length of a sign or currency code at the start of `s`.
fn leading_sign(s: &str) -> Option<usize> {
    SYMBOLS.iter().chain(CODES.iter()).find(|sign| s.starts_with(**sign)).map(|sign| sign.len())
}

/// One space or no-break space, or none.
pub(super) fn space_len(s: &str) -> usize {
    match s.chars().next() {
        Some(c @ (' ' | '\u{a0}' | '\u{202f}')) => c.len_utf8(),
        _ => 0,
    }
}

/// Digits, with `,` or `.` only between digits: `1,490`, `1,266.14`.
pub(super) fn number_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut end = 0;
    while end < bytes.len() {
        let digit = bytes[end].is_ascii_digit();
        let joiner = matches!(bytes[end], b',' | b'.')
            && end > 0
            && bytes[end - 1].is_ascii_digit()
            && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
        if !digit && !joiner {
            break;
        }
        end += 1;
    }
    end
}

/// True when no letter or digit runs into byte `at` from the left.
fn starts_word(text: &str, at: usize) -> bool {
    !text[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '.' || c == ',')
}

/// True when no letter or digit follows byte `end` of `s`.
fn ends_word(s: &str, end: usize) -> bool {
    !s[end..].chars().next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::isolate;

    const OPEN: &str = "<bdi class=\"price-inline\" dir=\"ltr\">";

    #[test]
    fn a_shekel_price_in_hebrew_is_one_unit() {
        assert_eq!(isolate("Team – 5,990 ₪ לחודש").unwrap(), format!("Team – {OPEN}5,990\u{a0}₪</bdi> לחודש"));
        assert_eq!(isolate("החל מ-790 ₪ לחודש").unwrap(), format!("החל מ-{OPEN}790\u{a0}₪</bdi> לחודש"));
    }

    #[test]
    fn dollar_and_code_prices_are_isolated() {
        assert_eq!(isolate("from $490 a month").unwrap(), format!("from {OPEN}$490</bdi> a month"));
        assert_eq!(
            isolate("USD 290 / 1,290 ₪").unwrap(),
            format!("{OPEN}USD\u{a0}290</bdi> / {OPEN}1,290\u{a0}₪</bdi>")
        );
        assert_eq!(isolate("1,266.14 ₪.").unwrap(), format!("{OPEN}1,266.14\u{a0}₪</bdi>."));
    }

    #[test]
    fn numbers_and_words_without_a_currency_are_left_alone() {
        assert_eq!(isolate("5 users, 200 runs, 99.9%"), None);
        assert_eq!(isolate("USDA 20 and 20 USDX"), None);
        assert_eq!(isolate("USD alone, $ alone"), None);
        assert_eq!(isolate("a2 $"), None);
    }

    #[test]
    fn the_rest_of_the_text_is_escaped() {
        assert_eq!(isolate("<b> $5 & more").unwrap(), format!("&lt;b&gt; {OPEN}$5</bdi> &amp; more"));
    }
}
