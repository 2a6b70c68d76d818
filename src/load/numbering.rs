//! Record numbers with a suffix (`0004a-addendum.md`). The file number is the record's
//! id (`BDR-0004`), so a suffixed file would share its id with `0004-….md` and its
//! URL too; it is one error naming the clash and the next free number, before the
//! id rules or the URL check could report the same file twice.

use crate::diagnostics::{Code, Diagnostic};

use std::path::Path;

use super::status_line::leading_number;

/// A decision file: its name, its path for diagnostics, its text.
pub struct RecordFile<'a> {
    /// `0004a-addendum.md`.
    pub name: &'a str,
    /// `content/decisions/0004a-addendum.md`.
    pub source: &'a Path,
    /// The whole file.
    pub text: &'a str,
}

/// One error per decision file whose number is followed by a letter.
pub fn suffixed(decisions: &[RecordFile<'_>]) -> Vec<Diagnostic> {
    let next = decisions.iter().filter_map(|p| leading_number(p.name)).max().map_or(1, |n| n + 1);
    decisions
        .iter()
        .filter(|p| suffix_of(p.name).is_some())
        .map(|page| {
            let name = page.name;
            let number = leading_number(name).unwrap_or_default();
            let clash =
                decisions.iter().find(|o| suffix_of(o.name).is_none() && leading_number(o.name) == Some(number));
            let id = format!("BDR-{number:04}");
            let message = match clash {
                Some(other) => format!(
                    "`{name}` has a suffixed number: its id would be {id}, which {} already has",
                    other.source.display()
                ),
                None => format!("`{name}` has a suffixed number: record ids are numbers only ({id})"),
            };
            let rest = name.trim_start_matches(|c: char| c.is_ascii_alphanumeric()).trim_start_matches(['-', '_']);
            let renamed = if rest.is_empty() { format!("{next:04}.md") } else { format!("{next:04}-{rest}") };
            Diagnostic::error(page.source, 1, 0, message)
                .with_code(Code::E056)
                .with_source(page.text)
                .with_hint(format!("give it the next free number: rename it to `{renamed}`"))
        })
        .collect()
}

/// `0004a-addendum.md` → `a`; `None` when the number is followed by `-`, `.`, `_` or nothing.
fn suffix_of(name: &str) -> Option<&str> {
    let digits = name.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let rest = &name[digits..];
    let letters = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    let suffix = &rest[..letters];
    // `0004.md` has no suffix; `0004a.md`, `0004a-x.md`, `0004b_x.md` have one.
    (letters > 0 && suffix != "md").then_some(suffix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes() {
        assert_eq!(suffix_of("0004a-addendum.md"), Some("a"));
        assert_eq!(suffix_of("0004-addendum.md"), None);
        assert_eq!(suffix_of("0004.md"), None);
        assert_eq!(suffix_of("README.md"), None);
    }
}
