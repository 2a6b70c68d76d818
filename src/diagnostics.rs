//! User-facing diagnostics: a located message with a source snippet and a hint,
//! printed like a compiler's.

mod codes;

pub use codes::Code;

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Fails the build.
    Error,
    /// Reported; fails only with `--strict`.
    Warning,
}

/// One located message about the content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code (`E020`), documented in the README; `None` until a rule assigns one.
    pub code: Option<Code>,
    /// The file, relative to the site root when possible.
    pub path: PathBuf,
    /// 1-based line; 0 when the message is about the whole file.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// The source line the message points at.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// An error at `path:line:column`.
    pub fn error(path: impl Into<PathBuf>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code: None,
            path: path.into(),
            line,
            column,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    /// A warning at `path:line:column`.
    pub fn warning(path: impl Into<PathBuf>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(path, line, column, message) }
    }

    /// Sets the stable code.
    pub fn with_code(mut self, code: Code) -> Self {
        self.code = Some(code);
        self
    }

    /// Adds a hint ("how to fix it").
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Attaches the offending source line, taken from the file's text.
    pub fn with_source(mut self, text: &str) -> Self {
        if self.line > 0 {
            if let Some(line) = text.lines().nth(self.line - 1) {
                self.source_line = Some(line.trim_end_matches('\r').to_owned());
            }
        }
        self
    }

    /// `path:line:column` as printed at the start of the message.
    pub fn location(&self) -> String {
        let path = display_path(&self.path);
        match (self.line, self.column) {
            (0, _) => path,
            (line, 0) => format!("{path}:{line}"),
            (line, column) => format!("{path}:{line}:{column}"),
        }
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// At most [`SNIPPET_CHARS`] characters of `line` around `column`, and the column
/// within them, so a 50,000-character line prints as a readable excerpt.
fn window(line: &str, column: usize) -> (String, usize) {
    let chars = line.chars().count();
    if chars <= SNIPPET_CHARS {
        return (line.trim_end_matches('\r').to_owned(), column);
    }
    let start = column.saturating_sub(SNIPPET_CHARS / 3).min(chars - SNIPPET_CHARS);
    let excerpt: String = line.chars().skip(start).take(SNIPPET_CHARS).collect();
    let shown = if start > 0 { format!("…{excerpt}…") } else { format!("{excerpt}…") };
    let column = if column == 0 { 0 } else { column - start + usize::from(start > 0) };
    (shown, column)
}

/// Longest source excerpt printed under a diagnostic.
const SNIPPET_CHARS: usize = 120;

fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

impl Diagnostic {
    /// The diagnostic as printed on a terminal; `color` adds ANSI colours.
    pub fn render(&self, color: bool) -> String {
        let (label, paint) = match self.severity {
            Severity::Error => ("error", "\x1b[1;31m"),
            Severity::Warning => ("warning", "\x1b[1;33m"),
        };
        let (on, blue, off) = if color { (paint, "\x1b[1;34m", "\x1b[0m") } else { ("", "", "") };
        let code = self.code.map(|c| format!("[{c}]")).unwrap_or_default();
        let (location, message) = (escape_controls(&self.location()), escape_lines(&self.message));
        let mut out = format!("{on}{label}{code}{off}: {location}: {message}\n");
        if let Some(line) = self.source_line.as_deref() {
            // The location keeps the real column; only the printed excerpt is windowed.
            let (raw, column) = window(line, self.column);
            let (number, source) = (self.line.to_string(), escape_controls(&raw));
            let pad = " ".repeat(number.len());
            out.push_str(&format!("{blue}{pad} |{off}\n{blue}{number} |{off} {source}\n"));
            if column > 0 {
                let before = escape_controls(&raw.chars().take(column - 1).collect::<String>());
                let prefix: String = before.chars().map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
                out.push_str(&format!("{blue}{pad} |{off} {prefix}{on}^{off}\n"));
            }
        }
        if let Some(hint) = self.hint.as_deref().map(escape_lines) {
            out.push_str(&format!("  {blue}={off} hint: {hint}\n"));
        }
        out
    }

    /// One JSON object (one line) for CI annotations.
    pub fn to_json(&self) -> String {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        serde_json::json!({
            "severity": severity,
            "code": self.code.map(Code::as_str),
            "file": display_path(&self.path),
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
        })
        .to_string()
    }
}

/// `text` with control characters (a file name holding `ESC[2J`, a stray carriage
/// return) written as `\u{1b}`, so nothing from content can drive the terminal.
/// Tabs stay: the caret line copies them to stay aligned.
fn escape_controls(text: &str) -> String {
    if !text.chars().any(|c| c.is_control() && c != '\t') {
        return text.to_owned();
    }
    text.chars()
        .map(|c| if c.is_control() && c != '\t' { c.escape_unicode().to_string() } else { c.to_string() })
        .collect()
}

/// Like [`escape_controls`], but line breaks stay: a message may span lines (a template
/// error shows its own excerpt), while an escape sequence still cannot reach the terminal.
fn escape_lines(text: &str) -> String {
    text.split('\n').map(escape_controls).collect::<Vec<_>>().join("\n")
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// Sorts diagnostics by file, line and column so output is stable.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message)));
}

/// 1-based (line, column) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// 1-based column, in characters, of the first `needle` on the 1-based `line` of
/// `text`; 0 when the line does not hold it.
pub fn column_of(text: &str, line: usize, needle: &str) -> usize {
    let written = text.lines().nth(line.wrapping_sub(1)).unwrap_or_default();
    match needle.is_empty() {
        true => 0,
        false => written.find(needle).map_or(0, |i| written[..i].chars().count() + 1),
    }
}

/// 1-based column where the value of `key` starts on the 1-based `line` of `text`:
/// after `key:` and blanks, or at the key when its value is on the next lines; the
/// first non-blank character when the line does not write `key:` (a Nygard status line).
pub fn value_column(text: &str, line: usize, key: &str) -> usize {
    let Some(written) = text.lines().nth(line.wrapping_sub(1)) else {
        return 0;
    };
    let lower = written.to_ascii_lowercase();
    let key = key.to_ascii_lowercase();
    let at_key =
        lower.match_indices(&key).map(|(i, _)| i).find(|i| lower[i + key.len()..].trim_start().starts_with(':'));
    let start = match at_key {
        Some(i) => {
            let after = &written[i + key.len()..];
            let colon = i + key.len() + after.find(':').unwrap_or(0) + 1;
            let value = written[colon..].trim_start();
            if value.is_empty() {
                i
            } else {
                written.len() - value.len()
            }
        }
        None => written.len() - written.trim_start().len(),
    };
    written[..start].chars().count() + 1
}

/// 1-based column of `item` within the value of `key` on the 1-based `line` of `text`
/// (`domains: [a, zz]` → the `zz`; the key's own letters are never matched), or within
/// the line from its first non-blank when it does not write `key:` (a YAML list item);
/// 0 when it is not there.
pub fn item_column(text: &str, line: usize, key: &str, item: &str) -> usize {
    let Some(written) = text.lines().nth(line.wrapping_sub(1)).filter(|_| !item.is_empty()) else {
        return 0;
    };
    let mut from: usize =
        written.chars().take(value_column(text, line, key).saturating_sub(1)).map(char::len_utf8).sum();
    if !key.is_empty() && written[from..].to_ascii_lowercase().starts_with(&key.to_ascii_lowercase()) {
        from += key.len();
    }
    written[from..].find(item).map_or(0, |i| written[..from + i].chars().count() + 1)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The closest candidate to `word` by edit distance, if it is close enough to be a typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, c)| *d <= c.len().max(word.len()).div_ceil(3))
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let next = (row[j] + 1).min(row[j + 1] + 1).min(prev + cost);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_from_offset() {
        let text = "ab\ncd\nef";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 4), (2, 2));
        assert_eq!(line_col(text, 6), (3, 1));
    }

    #[test]
    fn columns_of_values() {
        let text = "---\nid: BDR-0002\n  Aliases:   [/a, /b]\nsupersedes:\nSuperseded by [2. B](0002-b.md)\nétat: x\n";
        assert_eq!(value_column(text, 2, "id"), 5);
        assert_eq!(value_column(text, 3, "aliases"), 14);
        assert_eq!(value_column(text, 4, "supersedes"), 1);
        assert_eq!(value_column(text, 5, "superseded_by"), 1);
        assert_eq!(value_column(text, 6, "état"), 7);
        assert_eq!(value_column(text, 9, "id"), 0);
        assert_eq!(column_of(text, 3, "/b"), 19);
        assert_eq!(column_of(text, 6, "x"), 7);
        assert_eq!(column_of(text, 2, "nowhere"), 0);
        let text = "domains: [a, zz]\naliases:\n  - /a/\n";
        assert_eq!((item_column(text, 1, "domains", "a"), item_column(text, 1, "domains", "zz")), (11, 14));
        assert_eq!((item_column(text, 2, "aliases", "a"), item_column(text, 3, "aliases", "/a/")), (0, 5));
    }

    #[test]
    fn suggests_close_keys_only() {
        let keys = ["title", "description", "date"];
        assert_eq!(did_you_mean("descripton", keys), Some("description"));
        assert_eq!(did_you_mean("titel", keys), Some("title"));
        assert_eq!(did_you_mean("colour", keys), None);
    }

    #[test]
    fn prints_like_a_compiler() {
        let d = Diagnostic::error("content/a.md", 2, 3, "bad thing").with_source("---\nx: yz\n").with_hint("do this");
        let text = d.to_string();
        assert!(text.starts_with("error: content/a.md:2:3: bad thing\n"), "{text}");
        assert!(text.contains("2 | x: yz\n  |   ^\n"), "{text}");
        assert!(text.contains("= hint: do this"));
    }

    #[test]
    fn control_characters_are_escaped() {
        let d = Diagnostic::error("content/\x1b[2Jx.md", 1, 1, "bad \x07 name").with_source("a\x1b]0;t\x07\tb\n");
        let text = d.render(false);
        assert!(text.starts_with("error: content/\\u{1b}[2Jx.md:1:1: bad \\u{7} name\n"), "{text}");
        assert!(text.contains("1 | a\\u{1b}]0;t\\u{7}\tb\n"), "{text}");
        assert!(!text.contains('\x1b'), "{text}");
    }

    #[test]
    fn messages_keep_their_line_breaks_but_not_escapes() {
        let d = Diagnostic::error("themes/t", 0, 0, "template: error\n --> page.html:1:3\x1b[31m");
        let text = d.render(false);
        assert!(text.contains("template: error\n --> page.html:1:3\\u{1b}[31m"), "{text}");
        assert!(!text.contains('\x1b'), "{text}");
    }

    #[test]
    fn json_carries_every_field() {
        let d = Diagnostic::warning("content/a.md", 3, 0, "orphan").with_code(Code::W001).with_hint("link it");
        let v: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap();
        assert_eq!(v["severity"], "warning");
        assert_eq!(v["code"], "W001");
        assert_eq!(v["file"], "content/a.md");
        assert_eq!(v["line"], 3);
        assert_eq!(v["hint"], "link it");
    }
}
