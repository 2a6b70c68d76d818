//! Finding the YAML line a semantic error is about, after serde has succeeded.
//!
//! serde gives positions only for syntax and shape errors, so rules that look at the
//! parsed values (an unknown feature id, a missing currency) find their line again by
//! scanning the text, within the block of the plan or price they concern. Catalogue
//! files are small and hand-written, so a line scan is both simple and exact.

use std::path::Path;

use crate::diagnostics::{Code, Diagnostic};

/// A file's text, or the block of it starting at `start`, to search for keys.
#[derive(Debug, Clone, Copy)]
pub struct Locator<'a> {
    path: &'a Path,
    text: &'a str,
    /// First line of the block (1-based).
    start: usize,
    /// Last line of the block (1-based, inclusive).
    end: usize,
}

impl<'a> Locator<'a> {
    /// The whole file.
    pub fn new(path: &'a Path, text: &'a str) -> Self {
        Locator { path, text, start: 1, end: text.lines().count().max(1) }
    }

    /// The YAML block that starts at `line`: a list item with its keys, or a key with
    /// its nested lines. An inline map (`monthly: {USD: 5}`) is a block of one line.
    pub fn within(&self, line: usize) -> Locator<'a> {
        let lines: Vec<&str> = self.text.lines().collect();
        let Some(first) = line.checked_sub(1).and_then(|i| lines.get(i)) else {
            return *self;
        };
        let indent = leading_spaces(first);
        let is_item = first[indent..].starts_with("- ");
        let mut end = line;
        for (i, l) in lines.iter().enumerate().skip(line) {
            let trimmed = l.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let inside = if is_item { leading_spaces(l) >= indent + 2 } else { leading_spaces(l) > indent };
            if !inside {
                break;
            }
            end = i + 1;
        }
        Locator { start: line, end, ..*self }
    }

    /// The text of 1-based `line`.
    pub fn line_text(&self, line: usize) -> Option<&'a str> {
        self.text.lines().nth(line.checked_sub(1)?)
    }

    /// The block's first line.
    pub fn first(&self) -> usize {
        self.start
    }

    fn lines(&self) -> impl Iterator<Item = (usize, &'a str)> + '_ {
        self.text.lines().enumerate().map(|(i, l)| (i + 1, l)).skip(self.start - 1).take(self.end + 1 - self.start)
    }

    /// First line at or after `from` that contains `needle`; the block start if none.
    pub fn line_with(&self, needle: &str, from: usize) -> usize {
        self.lines().find(|(n, l)| *n >= from && l.contains(needle)).map_or(self.start, |(n, _)| n)
    }

    /// The line of the top-level (unindented) `key:`, or the block start.
    pub fn top(&self, key: &str) -> usize {
        let key = format!("{key}:");
        self.lines().find(|(_, l)| l.starts_with(&key)).map_or(self.start, |(n, _)| n)
    }

    /// The line of the `n`th (1-based) `key: value` at or after `from`, in block style
    /// (`id: x`) or inside an inline map (`{ id: x, ... }`).
    pub fn nth_key(&self, key: &str, value: &str, n: usize, from: usize) -> usize {
        let needle = format!("{key}: {value}");
        self.lines()
            .filter(|(line, l)| {
                *line >= from
                    && l.match_indices(&needle).any(|(i, _)| {
                        let after = l[i + needle.len()..].chars().next();
                        let before = l[..i].trim_end().chars().last();
                        matches!(after, None | Some(',' | '}' | ' ')) && matches!(before, None | Some('{' | ',' | '-'))
                    })
            })
            .nth(n.saturating_sub(1))
            .map_or(self.start, |(line, _)| line)
    }

    /// First line at or after `from` holding `key: value` (the value unquoted).
    pub fn key(&self, key: &str, value: &str, from: usize) -> usize {
        self.lines()
            .find(|(n, l)| {
                *n >= from
                    && strip_item(l).strip_prefix(key).and_then(|r| r.strip_prefix(':')).is_some_and(|v| {
                        let v = v.split(" #").next().unwrap_or("").trim();
                        v.trim_matches(|c| c == '"' || c == '\'') == value
                    })
            })
            .map_or(self.start, |(n, _)| n)
    }

    /// The line of `key:` in this block, as a block key or inside an inline map.
    pub fn entry(&self, key: &str) -> usize {
        let block_key = format!("{key}:");
        let inline = [format!("{{{key}:"), format!("{{ {key}:"), format!(", {key}:"), format!(",{key}:")];
        self.lines()
            .find(|(_, l)| strip_item(l).starts_with(&block_key))
            .or_else(|| self.lines().find(|(_, l)| inline.iter().any(|i| l.contains(i.as_str()))))
            .map_or(self.start, |(n, _)| n)
    }

    /// A warning with a stable `code` at `line`, pointing at its first key, with the source line and a hint.
    pub fn warning(&self, code: Code, line: usize, message: String, hint: &str) -> Diagnostic {
        Diagnostic { severity: crate::diagnostics::Severity::Warning, ..self.error(code, line, message, hint) }
    }

    /// An error at `line`, with the source line shown.
    pub fn error(&self, code: Code, line: usize, message: String, hint: &str) -> Diagnostic {
        let column = self.text.lines().nth(line.saturating_sub(1)).map_or(0, |l| l.len() - strip_item(l).len() + 1);
        Diagnostic::error(self.path, line, column, message).with_code(code).with_source(self.text).with_hint(hint)
    }
}

fn leading_spaces(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// `  - id: x` → `id: x`; `    name: y` → `name: y`.
fn strip_item(line: &str) -> &str {
    let trimmed = line.trim_start();
    trimmed.strip_prefix("- ").map_or(trimmed, str::trim_start)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "plans:\n  - id: team\n    monthly: {USD: 5}\n    features:\n      sso: true\n  - id: teams\n    monthly:\n      USD: 7\n      ILS: 20\nfaq: []\n";

    #[test]
    fn finds_keys_inside_blocks() {
        let at = Locator::new(Path::new("x.yaml"), TEXT);
        assert_eq!(at.key("id", "teams", 1), 6);
        let team = at.within(2);
        assert_eq!((team.start, team.end), (2, 5));
        assert_eq!(team.entry("sso"), 5);
        assert_eq!(team.within(team.entry("monthly")).entry("USD"), 3);
        let teams = at.within(6);
        assert_eq!(teams.end, 9);
        assert_eq!(teams.within(teams.entry("monthly")).entry("ILS"), 9);
        assert_eq!(at.error(Code::E040, 6, "m".into(), "h").column, 5);
    }

    #[test]
    fn finds_the_nth_inline_key() {
        let text = "features:\n  - { id: seats, label: A }\n  - { id: seatsx }\n  - id: seats\n";
        let at = Locator::new(Path::new("x.yaml"), text);
        assert_eq!(at.top("features"), 1);
        assert_eq!(at.nth_key("id", "seats", 1, 1), 2);
        assert_eq!(at.nth_key("id", "seats", 2, 1), 4);
    }
}
