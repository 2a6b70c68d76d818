//! The on-disk cache's folders, and what may be deleted from them. `--cache DIR` can
//! name any folder, so the cache deletes only what it made: files named like its
//! entries, inside folders that carry its mark (or that hold nothing but such files,
//! as an earlier version left them). Nothing else in `DIR` is ever touched.

use std::collections::HashSet;
use std::path::Path;

/// The mark the cache leaves in each format folder (`DIR/md-3/`).
const MARK: &str = ".site-cache";

const MARK_TEXT: &str = "Markdown cache of `site build`; deleting this folder is always safe.\n";

/// Makes `dir` ready for entries: creates and marks it when absent, marks it when it
/// holds only cache entries. `false` when it holds anything else: then the build
/// neither writes nor prunes there.
pub(super) fn claim(dir: &Path) -> bool {
    if !dir.exists() && std::fs::create_dir_all(dir).is_err() {
        return false;
    }
    if !ours(dir) {
        return false;
    }
    marked(dir) || std::fs::write(dir.join(MARK), MARK_TEXT).is_ok()
}

/// Removes the entries of `dir` this build did not use, and other format folders
/// (`md-*`) beside it that are the cache's own.
pub(super) fn prune(dir: &Path, used: &HashSet<blake3::Hash>) {
    if let Some(parent) = dir.parent().and_then(|p| std::fs::read_dir(p).ok()) {
        for old in parent.flatten().filter(|e| e.file_name().to_string_lossy().starts_with("md-")) {
            let path = old.path();
            if path != dir && ours(&path) {
                remove_entries(&path, |_| true);
                let _ = std::fs::remove_file(path.join(MARK));
                // Only an empty folder goes: `remove_dir`, never `remove_dir_all`.
                let _ = std::fs::remove_dir(&path);
            }
        }
    }
    if ours(dir) {
        remove_entries(dir, |key| !used.contains(&key));
    }
}

/// Removes the entries of `dir` other than `used`, when the folder is the cache's own;
/// other folders beside it are left alone.
pub(super) fn keep_only(dir: &Path, used: &HashSet<blake3::Hash>) {
    if ours(dir) {
        remove_entries(dir, |key| !used.contains(&key));
    }
}

/// Removes the entry files in `dir` whose key `unwanted` picks (temporary files always).
fn remove_entries(dir: &Path, unwanted: impl Fn(blake3::Hash) -> bool) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(kind) = name.to_str().and_then(entry_name) else { continue };
        let regular = entry.file_type().is_ok_and(|t| t.is_file());
        let remove = match kind {
            Entry::Temporary => true,
            Entry::Body(key) => unwanted(key),
        };
        if remove && regular {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A real folder (not a link) with the mark, or with nothing but entry files in it.
fn ours(dir: &Path) -> bool {
    let real = std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_dir());
    real && (marked(dir) || only_entries(dir))
}

fn marked(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir.join(MARK)).is_ok_and(|m| m.file_type().is_file())
}

fn only_entries(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .all(|e| e.file_type().is_ok_and(|t| t.is_file()) && e.file_name().to_str().and_then(entry_name).is_some())
    })
}

/// What a file in a format folder is, by its name.
enum Entry {
    /// `<key>.json`: a cached body.
    Body(blake3::Hash),
    /// `<key>.tmp<pid>`: a body being written.
    Temporary,
}

fn entry_name(name: &str) -> Option<Entry> {
    if let Some(hex) = name.strip_suffix(".json") {
        return blake3::Hash::from_hex(hex).ok().map(Entry::Body);
    }
    let (hex, pid) = name.split_once(".tmp")?;
    let numeric = !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit());
    (numeric && blake3::Hash::from_hex(hex).is_ok()).then_some(Entry::Temporary)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> blake3::Hash {
        blake3::hash(text.as_bytes())
    }

    fn put(dir: &Path, name: &str) {
        std::fs::create_dir_all(dir).expect("mkdir");
        std::fs::write(dir.join(name), "x").expect("write");
    }

    #[test]
    fn only_the_caches_own_files_and_folders_are_pruned() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("md-2");
        assert!(claim(&dir));
        let (kept, stale) = (key("kept"), key("stale"));
        put(&dir, &format!("{}.json", kept.to_hex()));
        put(&dir, &format!("{}.json", stale.to_hex()));
        put(&dir, &format!("{}.tmp42", stale.to_hex()));
        put(&dir, "notes.txt");
        let old = tmp.path().join("md-1");
        put(&old, &format!("{}.json", stale.to_hex()));
        let mine = tmp.path().join("md-notes");
        put(&mine, "plan.md");
        let mixed = tmp.path().join("md-0");
        put(&mixed, &format!("{}.json", stale.to_hex()));
        put(&mixed, "mine.txt");
        prune(&dir, &HashSet::from([kept]));
        let mut left: Vec<String> =
            std::fs::read_dir(&dir).expect("read").flatten().map(|e| e.file_name().to_string_lossy().into()).collect();
        left.sort();
        assert_eq!(left, [MARK.to_owned(), format!("{}.json", kept.to_hex()), "notes.txt".to_owned()]);
        assert!(!old.exists(), "an earlier version's cache folder is the cache's own");
        assert!(mine.join("plan.md").exists() && mixed.join("mine.txt").exists());
        assert!(
            mixed.join(format!("{}.json", stale.to_hex())).exists(),
            "a folder with other files is not the cache's"
        );
    }

    #[test]
    fn a_folder_with_other_files_is_not_claimed() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("md-2");
        put(&dir, "mine.txt");
        assert!(!claim(&dir));
        assert!(!dir.join(MARK).exists());
        let earlier = tmp.path().join("earlier/md-2");
        put(&earlier, &format!("{}.json", key("x").to_hex()));
        assert!(claim(&earlier), "an earlier version's folder of entries is adopted");
        assert!(marked(&earlier));
    }
}
