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
    let next = NextFree::after(decisions.iter().map(|p| p.name));
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
            let renamed = next.rename(name, 0);
            Diagnostic::error(page.source, 1, 0, message)
                .with_code(Code::E056)
                .with_source(page.text)
                .with_hint(format!("give it the next free number: rename it to `{renamed}`"))
        })
        .collect()
}

/// The next free record number of a folder (its highest number + 1), written as wide
/// as the folder writes its numbers (`0007`, or `007` where files are `001-….md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NextFree {
    /// The number itself.
    pub number: u32,
    /// Digits in the folder's file names; 4 when no file has a number.
    pub width: usize,
}

impl NextFree {
    /// The next free number after the numbered file names in `names`.
    pub fn after<'a>(names: impl IntoIterator<Item = &'a str>) -> NextFree {
        let numbered: Vec<(u32, usize)> = names
            .into_iter()
            .filter_map(|n| Some((leading_number(n)?, n.bytes().take_while(u8::is_ascii_digit).count())))
            .collect();
        let number = numbered.iter().map(|(n, _)| *n).max().map_or(1, |n| n + 1);
        let width = numbered.iter().map(|(_, w)| *w).max().unwrap_or(4);
        NextFree { number, width }
    }

    /// `name` renamed to carry the free number `skip` places after this one (for the
    /// second of several files needing one): `0002a-addendum.md` → `0007-addendum.md`.
    pub fn rename(&self, name: &str, skip: u32) -> String {
        format!("{}{}", self.written(skip), without_number(name))
    }

    /// The number `skip` places after this one, written like the folder's (`0007`).
    pub fn written(&self, skip: u32) -> String {
        format!("{:0width$}", self.number + skip, width = self.width)
    }
}

/// `0004a-addendum.md` → `-addendum.md`; `notes.md` → `-notes.md`.
fn without_number(name: &str) -> String {
    let digits = name.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return format!("-{name}");
    }
    let rest = &name[digits..];
    rest[suffix_of(name).map_or(0, str::len)..].to_owned()
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

    #[test]
    fn the_next_free_number_is_written_like_the_folder() {
        let next = NextFree::after(["0001-a.md", "0004a-b.md", "0002-c.md", "README.md"]);
        assert_eq!(next, NextFree { number: 5, width: 4 });
        assert_eq!(next.rename("0004a-b.md", 0), "0005-b.md");
        assert_eq!(next.rename("0002.md", 1), "0006.md");
        assert_eq!(next.rename("0002a.md", 0), "0005.md");
        assert_eq!(next.rename("notes.md", 0), "0005-notes.md");
        assert_eq!(NextFree::after(["001-a.md", "012-b.md"]).rename("012-b.md", 0), "013-b.md");
        assert_eq!(NextFree::after(["notes.md"]), NextFree { number: 1, width: 4 });
    }
}
