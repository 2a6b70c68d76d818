//! The head of a plain ADR file: HTML comments, the `# H1` (with its number, if any)
//! and the metadata lines right under it, in every dialect met in real folders:
//! `Date: 2018-05-03`, `* Status: accepted`, `- **Status:** Accepted`, `- Updated: …`.

use super::title::{self, Title};

/// The H1 and the metadata lines right under it.
#[derive(Debug, Clone)]
pub struct Header {
    /// The title, plain and as inline HTML.
    pub title: Title,
    /// The number written before the title (`# 4. X` → 4), and its line.
    pub number: Option<(u32, usize)>,
    /// `(key, value, line)`, keys lowercase (`status`, `date`, …).
    pub meta: Vec<(String, String, usize)>,
    /// Byte offset of the body (after the metadata lines).
    pub end_offset: usize,
    /// 1-based line of the body.
    pub end_line: usize,
}

const META_KEYS: [&str; 8] =
    ["status", "date", "updated", "last updated", "deciders", "decision-makers", "consulted", "informed"];

/// Reads the head of `text` from byte `start` (line `start_line`); `None` when the
/// first thing there is not a `# H1`.
pub fn header(text: &str, start: usize, start_line: usize) -> Option<Header> {
    let mut offset = start;
    let mut line = start_line;
    let mut heading: Option<(Title, Option<(u32, usize)>)> = None;
    let mut meta = Vec::new();
    let mut in_comment = false;
    for raw in text[start..].split_inclusive('\n') {
        let trimmed = raw.trim();
        let opens = !in_comment && trimmed.starts_with("<!--");
        let skip = in_comment || opens || trimmed.is_empty();
        if opens || in_comment {
            // A comment ends on the line holding `-->` (after its own `<!--`).
            let from = if opens { 4 } else { 0 };
            in_comment = !trimmed.get(from..).is_some_and(|rest| rest.contains("-->"));
        }
        if !skip {
            if heading.is_none() {
                let (number, title) = heading_title(trimmed)?;
                heading = Some((title, number.map(|n| (n, line))));
            } else if let Some((key, value)) = meta_line(trimmed) {
                meta.push((key, value, line));
            } else {
                break;
            }
        }
        offset += raw.len();
        line += 1;
    }
    let (title, number) = heading?;
    Some(Header { title, number, meta, end_offset: offset, end_line: line })
}

/// `# 1. Record architecture decisions` → (Some(1), `Record architecture decisions`).
fn heading_title(line: &str) -> Option<(Option<u32>, Title)> {
    let text = line.strip_prefix("# ")?.trim().trim_end_matches('#').trim();
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let (number, text) = match text[digits..].strip_prefix('.') {
        Some(rest) if digits > 0 => (text[..digits].parse().ok(), rest.trim_start()),
        _ => (None, text),
    };
    let title = title::inline(text);
    (!title.text.is_empty()).then_some((number, title))
}

/// `Date: 2018-05-03`, `* Status: accepted`, `- **Status:** Accepted`, `- Deciders: A, B`.
fn meta_line(line: &str) -> Option<(String, String)> {
    let item = line.strip_prefix("* ").or_else(|| line.strip_prefix("- ")).unwrap_or(line).trim_start();
    let (key, value) = item.split_once(':')?;
    let key = key.trim().trim_matches(['*', '_']).trim().to_ascii_lowercase();
    let value = value.trim_start().trim_start_matches(['*', '_']);
    let value = value.split("<!--").next().unwrap_or_default().trim();
    META_KEYS.contains(&key.as_str()).then(|| (key, value.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bold_keys_and_comments() {
        let text =
            "<!--\n  a template note\n-->\n# 3. Use X\n\n- **Status:** Accepted\n- Updated: 2023-01-12\n\nBody\n";
        let h = header(text, 0, 1).unwrap();
        assert_eq!(h.title.text, "Use X");
        assert_eq!(h.number, Some((3, 4)));
        assert_eq!(
            h.meta,
            [("status".to_owned(), "Accepted".to_owned(), 6), ("updated".to_owned(), "2023-01-12".to_owned(), 7)]
        );
        assert_eq!(h.end_line, 9);
    }

    #[test]
    fn a_comment_on_one_line() {
        let h = header("<!-- note -->\n# A\n", 0, 1).unwrap();
        assert_eq!(h.title.text, "A");
    }
}
