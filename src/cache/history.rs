//! The last-change dates of content files, walked from git once per checked-out commit:
//! kept in memory between `site serve` rebuilds, and on disk (`DIR/git-1/`) between
//! `site build` runs. An edit does not move `HEAD`, so it never walks history again.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::history::{LastChanged, Repo};

use super::{disk, BuildCache, Store};

/// Bump when what a cached walk holds changes shape.
const FORMAT: &str = "git-1";

impl BuildCache {
    /// When each file under `root/content` last changed in git (content-relative path →
    /// `YYYY-MM-DD`); empty when the content is in no readable repository.
    pub fn last_changed(&mut self, root: &Path) -> Arc<LastChanged> {
        let Some(repo) = Repo::open(root) else {
            return Arc::default();
        };
        let key = blake3::hash(format!("{FORMAT}:{}", repo.key()).as_bytes());
        if let Some((known, dates)) = &self.history {
            if *known == key {
                return Arc::clone(dates);
            }
        }
        let folder = self.history_folder();
        let dates = match folder.as_deref().and_then(|dir| read(dir, &key)) {
            Some(dates) => dates,
            None => {
                let dates = repo.last_changed();
                if let Some(dir) = folder.as_deref() {
                    write(dir, &key, &dates);
                }
                dates
            }
        };
        let dates = Arc::new(dates);
        self.history = Some((key, Arc::clone(&dates)));
        dates
    }

    /// `DIR/git-1` beside the Markdown cache's folder, for an on-disk cache.
    fn history_folder(&self) -> Option<PathBuf> {
        match &self.store {
            Store::Disk(dir) => dir.parent().map(|p| p.join(FORMAT)),
            _ => None,
        }
    }
}

fn entry(dir: &Path, key: &blake3::Hash) -> PathBuf {
    dir.join(format!("{}.json", key.to_hex()))
}

/// A cached walk; anything unreadable is a miss.
fn read(dir: &Path, key: &blake3::Hash) -> Option<LastChanged> {
    serde_json::from_slice(&std::fs::read(entry(dir, key)).ok()?).ok()
}

/// Best effort, in a folder the cache owns; the walk for another commit is removed.
fn write(dir: &Path, key: &blake3::Hash, dates: &LastChanged) {
    if !disk::claim(dir) {
        return;
    }
    let Ok(json) = serde_json::to_vec(dates) else { return };
    let path = entry(dir, key);
    let temp = path.with_extension(format!("tmp{}", std::process::id()));
    if std::fs::write(&temp, json).is_ok() {
        let _ = std::fs::rename(&temp, &path);
    }
    disk::keep_only(dir, &HashSet::from([*key]));
}
