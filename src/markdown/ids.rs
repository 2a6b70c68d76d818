//! Heading ids, unique within a page. A heading's own id is its text made into an id by
//! GitHub's rule ([`crate::slug::anchor`]: lowercase, letters and digits of any script
//! kept, each space a `-`, punctuation and symbols dropped, hyphens never collapsed), so a
//! link that works on GitHub works here; `{#id}` sets one. Ids are given once the whole
//! body is read, so an id written later (`## Same-1`, `{#same-1}`, a footnote
//! `[^same-1]`) is known before a repeated heading needs a suffix.

use std::collections::{HashMap, HashSet};

/// Ids the theme's templates use (`#top`, the skip link's target); headings never take them.
pub const RESERVED_IDS: [&str; 2] = ["top", "main-content"];

/// A heading as written: its `{#id}` if it has one, else its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written<'a> {
    /// The explicit `{#id}`.
    pub explicit: Option<&'a str>,
    /// The heading's plain text.
    pub text: &'a str,
}

/// One id per heading, in order, none repeated and none in `taken` (reserved ids,
/// footnote labels). Explicit ids are kept first, then each heading's own slug where it
/// is still free, in reading order; only a repeat gets a suffix (`-1`, `-2`, …), the
/// first free one. So `## Same`, `## Same`, `## same-1` give `same`, `same-2`, `same-1`.
pub fn assign<'t>(headings: &[Written<'_>], taken: impl IntoIterator<Item = &'t str>) -> Vec<String> {
    let mut taken: HashSet<String> = taken.into_iter().map(str::to_owned).collect();
    let bases: Vec<String> = headings
        .iter()
        .map(|h| {
            let base = h.explicit.map_or_else(|| crate::slug::anchor(h.text), str::to_owned);
            if base.is_empty() {
                "section".to_owned()
            } else {
                base
            }
        })
        .collect();
    let mut ids: Vec<Option<String>> = vec![None; headings.len()];
    let explicit_first = (0..headings.len()).filter(|i| headings[*i].explicit.is_some());
    let then_generated = (0..headings.len()).filter(|i| headings[*i].explicit.is_none());
    for i in explicit_first.chain(then_generated) {
        if taken.insert(bases[i].clone()) {
            ids[i] = Some(bases[i].clone());
        }
    }
    let mut next: HashMap<&str, usize> = HashMap::new();
    ids.iter()
        .zip(&bases)
        .map(|(id, base)| match id {
            Some(id) => id.clone(),
            None => {
                let n = next.entry(base).or_insert(0);
                loop {
                    *n += 1;
                    let candidate = format!("{base}-{n}");
                    if taken.insert(candidate.clone()) {
                        break candidate;
                    }
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(headings: &[(Option<&str>, &str)], taken: &[&str]) -> Vec<String> {
        let written: Vec<Written<'_>> =
            headings.iter().map(|(explicit, text)| Written { explicit: *explicit, text }).collect();
        assign(&written, taken.iter().copied())
    }

    #[test]
    fn repeats_get_the_first_free_suffix() {
        assert_eq!(ids(&[(None, "Same"), (None, "Same"), (None, "same-1")], &[]), ["same", "same-2", "same-1"]);
        assert_eq!(ids(&[(None, "A"), (None, "A"), (None, "A")], &[]), ["a", "a-1", "a-2"]);
        assert_eq!(ids(&[(None, "A"), (None, "A"), (Some("a-1"), "X")], &[]), ["a", "a-2", "a-1"]);
    }

    #[test]
    fn explicit_reserved_and_footnote_ids_are_kept_apart() {
        assert_eq!(ids(&[(None, "Top"), (Some("top"), "X")], &RESERVED_IDS), ["top-1", "top-2"]);
        assert_eq!(ids(&[(Some("x"), "A"), (Some("x"), "B")], &[]), ["x", "x-1"]);
        assert_eq!(ids(&[(None, "Note")], &["note"]), ["note-1"]);
        assert_eq!(ids(&[(None, "¿?"), (None, "")], &[]), ["section", "section-1"]);
    }

    #[test]
    fn every_id_is_unique() {
        let headings = [(None, "a"), (None, "a-1"), (None, "a"), (Some("a-2"), "z"), (None, "a"), (None, "a-1")];
        let found = ids(&headings, &RESERVED_IDS);
        let unique: HashSet<&String> = found.iter().collect();
        assert_eq!(unique.len(), found.len(), "{found:?}");
    }
}
