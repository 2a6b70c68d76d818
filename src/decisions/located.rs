//! Where a decision-record diagnostic points: the line a key is written on (front
//! matter, a MADR list, Nygard's `## Status` section) and the column of its value.

use crate::diagnostics::{item_column, value_column, Diagnostic};
use crate::load::Page;

/// The 1-based line where `key` is written, for front matter, MADR lists, and
/// Nygard's `## Status` section; 1 when it is not written.
pub fn key_line(page: &Page, key: &str) -> usize {
    let text = &page.text;
    let head_end = text.lines().position(|l| l.starts_with("## ")).unwrap_or(usize::MAX);
    let written = text.lines().take(head_end).position(|l| {
        let item = l.strip_prefix("* ").or_else(|| l.strip_prefix("- ")).unwrap_or(l);
        item.get(..key.len()).is_some_and(|k| k.eq_ignore_ascii_case(key))
            && item.get(key.len()..).is_some_and(|rest| rest.trim_start().starts_with(':'))
    });
    if let Some(i) = written {
        return i + 1;
    }
    let phrase = match key {
        "supersedes" => "supersedes",
        "superseded_by" => "superseded by",
        _ => "",
    };
    let mut in_status = false;
    for (i, line) in text.lines().enumerate() {
        let lower = line.trim().to_ascii_lowercase();
        if !phrase.is_empty() && lower.starts_with(phrase) {
            return i + 1;
        }
        if lower.starts_with('#') {
            in_status = lower.trim_start_matches('#').trim() == "status";
        } else if in_status && key == "status" && !lower.is_empty() {
            return i + 1;
        }
    }
    1
}

/// An error at the value of `key` (line and column).
pub fn at(page: &Page, key: &str, message: String, hint: impl Into<String>) -> Diagnostic {
    let line = key_line(page, key);
    let column = value_column(&page.text, line, key);
    Diagnostic::error(&page.source, line, column, message).with_source(&page.text).with_hint(hint)
}

/// Like [`at`], pointing at `id` in the value where it is written there.
pub fn at_id(page: &Page, key: &str, id: &str, message: String, hint: impl Into<String>) -> Diagnostic {
    let mut d = at(page, key, message, hint);
    d.column = Some(item_column(&page.text, d.line, key, id)).filter(|c| *c > 0).unwrap_or(d.column);
    d
}
