//! Walking `content/`: which files are pages, which are copied beside them, and what is
//! skipped — editors' debris, dangling links — or refused: links leaving the site root.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Code, Diagnostic};
use crate::read::{is_dangling, Reader};

/// Folders under `content/` holding data rather than pages.
const DATA_DIRS: [&str; 3] = ["i18n", "products", "pricing"];

/// What the walk found: paths relative to `content/` (with `/`, NFC) and where to read them.
#[derive(Debug, Default)]
pub struct Found {
    /// Markdown files.
    pub markdown: Vec<(String, PathBuf)>,
    /// Other files outside the data folders, published as they are.
    pub files: Vec<(String, PathBuf)>,
}

/// Walks `content`; links are followed only while they stay inside the site root.
pub fn walk(reader: &Reader, content: &Path) -> (Found, Vec<Diagnostic>) {
    let mut found = Found::default();
    let mut problems = Vec::new();
    let mut entries = WalkDir::new(content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    while let Some(entry) = entries.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                problems.extend(walk_error(&e, content));
                continue;
            }
        };
        let path = if entry.path_is_symlink() {
            match reader.confine(entry.path()) {
                Ok(real) => real,
                Err(e) => {
                    problems.push(e.diagnostic(&shown(content, entry.path())));
                    if entry.file_type().is_dir() {
                        entries.skip_current_dir();
                    }
                    continue;
                }
            }
        } else {
            entry.path().to_path_buf()
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(content) else {
            continue;
        };
        let rel = crate::slug::nfc(&rel.to_string_lossy().replace('\\', "/"));
        let top = rel.split('/').next().unwrap_or_default();
        if rel.ends_with(".md") {
            found.markdown.push((rel, path));
        } else if !DATA_DIRS.contains(&top) && rel != "site.yaml" {
            found.files.push((rel, path));
        }
    }
    (found, problems)
}

/// `content/<rel>` for a path under `content`.
fn shown(content: &Path, path: &Path) -> PathBuf {
    Path::new("content").join(path.strip_prefix(content).unwrap_or(path))
}

/// A walk error as a diagnostic; `None` for what is skipped: a dangling link (an
/// editor's lock file, a moved target) and anything named like editors' debris.
fn walk_error(error: &walkdir::Error, content: &Path) -> Option<Diagnostic> {
    let path = error.path().unwrap_or(content);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if error.depth() > 0 && error.loop_ancestor().is_none() && (is_dangling(path) || is_ignored(&name)) {
        return None;
    }
    let shown = shown(content, path);
    if let Some(ancestor) = error.loop_ancestor() {
        let target = Path::new("content").join(ancestor.strip_prefix(content).unwrap_or(ancestor));
        return Some(
            Diagnostic::error(shown, 0, 0, format!("symbolic link loop: it points back to {}", target.display()))
                .with_code(Code::E001)
                .with_hint("remove the link or point it outside its own parent folders"),
        );
    }
    let reason = error.io_error().map_or_else(|| error.to_string(), ToString::to_string);
    Some(
        Diagnostic::error(shown, 0, 0, format!("cannot read: {reason}"))
            .with_code(Code::E001)
            .with_hint("check that the file exists and is readable"),
    )
}

/// Hidden files, editors' temporary and backup files and OS metadata are never content:
/// `.#name` (Emacs locks), `#name#`, `name~`, `*.swp`/`*.swo`/`*.swx`, Vim's `4913`,
/// `*.tmp`, `.DS_Store`, `Thumbs.db`.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || [".swp", ".swo", ".swx", ".tmp"].iter().any(|ext| name.ends_with(ext))
        || name == "4913"
        || name.eq_ignore_ascii_case("thumbs.db")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debris_is_ignored() {
        for name in
            [".#about.md", "#about.md#", "about.md~", ".about.md.swp", "a.swx", "4913", ".DS_Store", "Thumbs.db"]
        {
            assert!(is_ignored(name), "{name}");
        }
        for name in ["about.md", "photo.png", "4914"] {
            assert!(!is_ignored(name), "{name}");
        }
    }
}
