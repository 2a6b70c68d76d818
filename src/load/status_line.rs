//! Status lines of plain ADR files: `Accepted`, `Superseded by [2. Title](0002-title.md)`,
//! `Supersedes [1. …](0001-….md)`, MADR's `superseded by ADR-0005`, and the record ids
//! they name. Shared by the importer and by `site new decision --supersedes`.

use super::Status;

/// What one line of a status (a `## Status` section, `status:`, `* Status:`) says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusLine {
    /// A status, with the records named after "Superseded by".
    Status(Status, Vec<String>),
    /// "Supersedes [1. Title](0001-title.md)".
    Supersedes(Vec<String>),
    /// Anything else ("Amended by …").
    Other,
}

/// Reads one status line: `Accepted`, `superseded by ADR-0005`,
/// `Superseded by [2. Use X](0002-use-x.md)`, `Supersedes [1. …](0001-….md)`.
pub fn parse_status(line: &str) -> StatusLine {
    let value = line.trim().trim_start_matches(['*', '-']).trim();
    let lower = value.to_ascii_lowercase();
    if lower.starts_with("superseded by") {
        return StatusLine::Status(Status::Superseded, refs_in(&value["superseded by".len()..]));
    }
    if lower.starts_with("supersedes") {
        return StatusLine::Supersedes(refs_in(&value["supersedes".len()..]));
    }
    let word: String = lower.chars().take_while(char::is_ascii_alphabetic).collect();
    let status = match word.as_str() {
        "proposed" | "draft" => Status::Proposed,
        "accepted" => Status::Accepted,
        "rejected" => Status::Rejected,
        "deprecated" => Status::Deprecated,
        "superseded" => Status::Superseded,
        _ => return StatusLine::Other,
    };
    StatusLine::Status(status, Vec::new())
}

/// Record ids named in `text`: the number of each linked file (`0002-x.md` →
/// `BDR-0002`), else the first number written (`ADR-0005` → `BDR-0005`).
pub fn refs_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("](") {
        let after = &rest[i + 2..];
        let end = after.find(')').unwrap_or(after.len());
        let name = after[..end].rsplit('/').next().unwrap_or_default();
        if let Some(n) = leading_number(name) {
            out.push(record_id(n));
        }
        rest = &after[end..];
    }
    if out.is_empty() {
        let digits: String =
            text.chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
        if let Ok(n) = digits.parse() {
            out.push(record_id(n));
        }
    }
    out
}

/// `0002-use-x.md` → 2.
pub fn leading_number(name: &str) -> Option<u32> {
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// 2 → `BDR-0002`.
pub fn record_id(number: u32) -> String {
    format!("BDR-{number:04}")
}
