//! Foundation: a file's place under `content/`, and the rules read off it — the folder
//! holding it, that folder's section page (`_index.md`), which section page lists it,
//! its top section, and whether it lies in a domain's `content_dir`. Every stage asks
//! this type instead of slicing strings, so the rules are written once.

use std::borrow::Borrow;
use std::fmt;

/// The file name of a folder's section page.
pub const SECTION_INDEX: &str = "_index.md";

/// A path relative to `content/`, with `/` separators and no leading `/`
/// (`docs/guide.md`, `decisions/_index.md`, `he/about.md`). Folders are plain `&str`
/// in the same form, the root folder being `""`.
///
/// It borrows as `str`, so maps keyed by content paths are looked up with a `&str`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContentPath(String);

impl ContentPath {
    /// Wraps a path already relative to `content/` with `/` separators.
    pub fn new(rel: impl Into<String>) -> ContentPath {
        ContentPath(rel.into())
    }

    /// The section page of `folder`: `docs` → `docs/_index.md`, `` → `_index.md`.
    pub fn section_index(folder: &str) -> ContentPath {
        if folder.is_empty() {
            ContentPath(SECTION_INDEX.to_owned())
        } else {
            ContentPath(format!("{folder}/{SECTION_INDEX}"))
        }
    }

    /// The path as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The last component: `docs/guide.md` → `guide.md`.
    pub fn file_name(&self) -> &str {
        self.0.rsplit('/').next().unwrap_or(&self.0)
    }

    /// The folder holding this path: `a/b/c.md` → `a/b`, `c.md` → `` (the root).
    pub fn folder(&self) -> &str {
        parent(&self.0)
    }

    /// The section page of the folder holding this path (for a section page, itself).
    pub fn folder_index(&self) -> ContentPath {
        ContentPath::section_index(self.folder())
    }

    /// The folders above this path, outermost first, the root left out:
    /// `a/b/c.md` → `a`, `a/b`.
    pub fn ancestors(&self) -> impl Iterator<Item = &str> {
        self.0.match_indices('/').map(|(i, _)| &self.0[..i])
    }

    /// True for a folder's section page (`_index.md`).
    pub fn is_section_index(&self) -> bool {
        self.file_name() == SECTION_INDEX
    }

    /// For a section page, the folder it stands for (`docs/_index.md` → `docs`,
    /// `_index.md` → ``); `None` for any other page.
    pub fn section_folder(&self) -> Option<&str> {
        self.is_section_index().then(|| self.folder())
    }

    /// The folder whose section page lists this path: the folder holding it, or for a
    /// section page the folder above its own. `None` for the root `_index.md`, which no
    /// section lists.
    pub fn listing_folder(&self) -> Option<&str> {
        match self.section_folder() {
            Some("") => None,
            Some(folder) => Some(parent(folder)),
            None => Some(self.folder()),
        }
    }

    /// The section page that lists this path (`docs/_index.md` lists `docs/guide.md`
    /// and `docs/deep/_index.md`; the root `_index.md` lists top-level pages).
    pub fn lister(&self) -> Option<ContentPath> {
        self.listing_folder().map(ContentPath::section_index)
    }

    /// The first component, which a domain's `sections` name: a folder, or a root
    /// file's stem (`docs/guide.md` → `docs`, `about.md` → `about`).
    pub fn top_section(&self) -> &str {
        match self.0.split_once('/') {
            Some((folder, _)) => folder,
            None => self.0.strip_suffix(".md").unwrap_or(&self.0),
        }
    }

    /// This path as seen from inside folder `dir` (a domain's `content_dir`, with or
    /// without a trailing `/`): `he/about.md` within `he` → `about.md`. `None` when it
    /// lies outside; an empty `dir` holds nothing.
    pub fn within(&self, dir: &str) -> Option<ContentPath> {
        self.strip_dir(dir).map(ContentPath::new)
    }

    /// True when this path lies inside folder `dir`, as for [`ContentPath::within`].
    pub fn is_within(&self, dir: &str) -> bool {
        self.strip_dir(dir).is_some()
    }

    fn strip_dir(&self, dir: &str) -> Option<&str> {
        self.0.strip_prefix(dir.trim_end_matches('/'))?.strip_prefix('/')
    }
}

/// `a/b/c` → `a/b`; `c` → ``.
fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

impl fmt::Display for ContentPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Borrow<str> for ContentPath {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for ContentPath {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for ContentPath {
    fn from(rel: &str) -> ContentPath {
        ContentPath::new(rel)
    }
}

impl From<String> for ContentPath {
    fn from(rel: String) -> ContentPath {
        ContentPath(rel)
    }
}

impl From<ContentPath> for String {
    fn from(path: ContentPath) -> String {
        path.0
    }
}

impl PartialEq<str> for ContentPath {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for ContentPath {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for ContentPath {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(rel: &str) -> ContentPath {
        ContentPath::new(rel)
    }

    #[test]
    fn folders_and_their_section_pages() {
        assert_eq!(p("about.md").folder(), "");
        assert_eq!(p("docs/guide.md").folder(), "docs");
        assert_eq!(p("docs/deep/x.md").folder(), "docs/deep");
        assert_eq!(p("docs/_index.md").folder(), "docs");
        assert_eq!(ContentPath::section_index(""), "_index.md");
        assert_eq!(ContentPath::section_index("docs"), "docs/_index.md");
        assert_eq!(ContentPath::section_index("he/אודות"), "he/אודות/_index.md");
        assert_eq!(p("about.md").folder_index(), "_index.md");
        assert_eq!(p("docs/deep/x.md").folder_index(), "docs/deep/_index.md");
        assert_eq!(p("docs/_index.md").folder_index(), "docs/_index.md");
    }

    #[test]
    fn section_pages_and_their_folders() {
        assert!(p("_index.md").is_section_index());
        assert!(p("docs/deep/_index.md").is_section_index());
        assert!(!p("docs/my_index.md").is_section_index());
        assert!(!p("docs/_index.md.bak/x.md").is_section_index());
        assert_eq!(p("_index.md").section_folder(), Some(""));
        assert_eq!(p("docs/_index.md").section_folder(), Some("docs"));
        assert_eq!(p("he/מדריך/_index.md").section_folder(), Some("he/מדריך"));
        assert_eq!(p("docs/guide.md").section_folder(), None);
        assert_eq!(p("docs/my_index.md").section_folder(), None);
    }

    #[test]
    fn listers() {
        let lister = |rel: &str| p(rel).lister().map(String::from);
        assert_eq!(lister("_index.md"), None);
        assert_eq!(lister("about.md").as_deref(), Some("_index.md"));
        assert_eq!(lister("docs/_index.md").as_deref(), Some("_index.md"));
        assert_eq!(lister("docs/guide.md").as_deref(), Some("docs/_index.md"));
        assert_eq!(lister("docs/deep/_index.md").as_deref(), Some("docs/_index.md"));
        assert_eq!(lister("docs/deep/x.md").as_deref(), Some("docs/deep/_index.md"));
        assert_eq!(lister("he/מדריך/שלום.md").as_deref(), Some("he/מדריך/_index.md"));
        assert_eq!(p("docs/deep/_index.md").listing_folder(), Some("docs"));
        assert_eq!(p("about.md").listing_folder(), Some(""));
    }

    #[test]
    fn ancestors_outermost_first() {
        assert_eq!(p("about.md").ancestors().collect::<Vec<_>>(), Vec::<&str>::new());
        assert_eq!(p("a/b/c.md").ancestors().collect::<Vec<_>>(), ["a", "a/b"]);
        assert_eq!(p("he/מדריך/_index.md").ancestors().collect::<Vec<_>>(), ["he", "he/מדריך"]);
    }

    #[test]
    fn top_sections() {
        assert_eq!(p("docs/deep/x.md").top_section(), "docs");
        assert_eq!(p("docs/_index.md").top_section(), "docs");
        assert_eq!(p("about.md").top_section(), "about");
        assert_eq!(p("_index.md").top_section(), "_index");
        assert_eq!(p("אודות.md").top_section(), "אודות");
        assert_eq!(p("logo.svg").top_section(), "logo.svg");
    }

    #[test]
    fn content_dirs_with_and_without_a_trailing_slash() {
        for dir in ["he", "he/", "he//"] {
            assert_eq!(p("he/about.md").within(dir), Some(p("about.md")), "{dir}");
            assert_eq!(p("he/מדריך/_index.md").within(dir), Some(p("מדריך/_index.md")), "{dir}");
            assert!(p("he/_index.md").is_within(dir), "{dir}");
            assert!(!p("hebrew/about.md").is_within(dir), "{dir}");
            assert!(!p("he.md").is_within(dir), "{dir}");
            assert!(!p("docs/he/about.md").is_within(dir), "{dir}");
        }
        assert_eq!(p("sites/he/a.md").within("sites/he"), Some(p("a.md")));
        assert!(!p("about.md").is_within(""));
        assert!(!p("about.md").is_within("/"));
    }

    #[test]
    fn reads_and_compares_as_a_string() {
        use std::collections::HashMap;
        let map: HashMap<ContentPath, usize> = [(p("docs/guide.md"), 1)].into();
        assert_eq!(map.get("docs/guide.md"), Some(&1));
        assert_eq!(p("he/אודות.md").to_string(), "he/אודות.md");
        assert_eq!(p("docs/guide.md").file_name(), "guide.md");
        assert_eq!(p("guide.md").file_name(), "guide.md");
    }
}
