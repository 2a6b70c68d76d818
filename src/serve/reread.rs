//! Reading again only what changed. The dev server keeps the last good build's loaded
//! files ([`Loaded`]); when a batch of changes only edits Markdown pages that were
//! already loaded, those files are read again and put in place of their old versions,
//! and nothing else is read. Anything else (a file added, removed or renamed, a folder,
//! data, configuration, strings, themes, a link) loads the whole tree again.
//!
//! The security check of a full rebuild ([`super::confine::check`], a walk of the whole
//! tree) is replaced by one per changed path: each must be a regular file, not a link,
//! whose real path lies inside the site root. Every other file is as the last full load
//! (and its whole-tree check) found it, since a change to what a path is (a link made,
//! a folder replaced) is an event on that path, and any event on a path that is not an
//! existing page takes the full path.

use std::path::{Path, PathBuf};

use crate::ids::PageId;
use crate::load::{self, Page};
use crate::pipeline::{Error, Loaded};

use super::watch::{classify, Change};

/// A page to read again: its index in the loaded pages and its real path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Index into `loaded.content.pages`.
    pub index: usize,
    /// Where to read it (inside the site root).
    pub path: PathBuf,
}

/// The pages `changed` (absolute paths as the watcher reports them) edit, when that is
/// all they do: `None` when anything needs the whole tree loaded again.
pub fn edits(root: &Path, loaded: &Loaded, changed: &[PathBuf]) -> Option<Vec<Edit>> {
    let real_root = root.canonicalize().ok()?;
    let mut out: Vec<Edit> = Vec::new();
    for path in changed {
        let rel = path.strip_prefix(root).ok()?;
        match classify(rel) {
            Change::Ignored => continue,
            Change::Page => {}
            _ => return None,
        }
        let real = confined(&real_root, path)?;
        let under = rel.strip_prefix("content").ok()?;
        let rel = crate::slug::nfc(&under.to_string_lossy().replace('\\', "/"));
        let index = loaded.content.pages.iter().position(|p| p.rel.as_str() == rel)?;
        if !out.iter().any(|e| e.index == index) {
            out.push(Edit { index, path: real });
        }
    }
    Some(out)
}

/// `path`'s real location when it is a regular file (not a link) whose real path lies
/// inside `root` (canonical); `None` otherwise.
pub fn confined(root: &Path, path: &Path) -> Option<PathBuf> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_file() {
        return None;
    }
    let real = std::fs::canonicalize(path).ok()?;
    real.starts_with(root).then_some(real)
}

/// Reads the `edits` into `loaded`, replacing the old versions; the indexes of the pages
/// read, or `None` when one is no longer an ordinary page (see [`load::reload_page`]).
pub fn apply(loaded: &mut Loaded, edits: &[Edit], drafts: bool) -> Result<Option<Vec<usize>>, Error> {
    let mut pages: Vec<(usize, Page)> = Vec::with_capacity(edits.len());
    let mut problems = Vec::new();
    for edit in edits {
        let old = &loaded.content.pages.as_slice()[edit.index];
        if old.kind == load::PageKind::Decision && load::import::is_foreign(&old.text) {
            // A copied ADR file may have warnings kept with the rest of the tree's.
            return Ok(None);
        }
        let rel = old.rel.as_str().to_owned();
        match load::reload_page(&rel, &edit.path, &loaded.config, drafts) {
            Ok(Some(page)) => pages.push((edit.index, page)),
            Ok(None) => return Ok(None),
            Err(d) => problems.push(d),
        }
    }
    if !problems.is_empty() {
        return Err(crate::pipeline::content(problems));
    }
    let mut read = Vec::with_capacity(pages.len());
    for (index, page) in pages {
        loaded.content.pages[PageId::new(index)] = std::sync::Arc::new(page);
        read.push(index);
    }
    Ok(Some(read))
}
