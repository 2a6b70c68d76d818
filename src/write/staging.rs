//! The staging folder beside the output and the swap that puts it in place.

use std::collections::HashSet;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use super::error::WriteError;
use super::leftovers::{self, sibling};
use super::{mark, paths};
use crate::fs;
use crate::render::OutFile;

/// A staging folder beside the output (same file system, so the swap is a rename).
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    committed: bool,
    /// Folders inside `dir` already made or checked to be real folders (not links).
    made: Mutex<HashSet<PathBuf>>,
}

impl Staging {
    /// Creates an empty, marked staging folder for `out`, first removing what dead
    /// builds of `out` left beside it.
    pub fn create(out: &Path) -> Result<Staging, WriteError> {
        leftovers::clean_beside(out);
        let dir = sibling(out, "staging");
        if std::fs::symlink_metadata(&dir).is_ok() {
            if !mark::is_marked(&dir) {
                let reason = format!("{} is in the way and site did not make it", dir.display());
                return Err(WriteError::Refused { path: out.to_path_buf(), reason });
            }
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir_all(&dir)?;
        mark::put(&dir)?;
        Ok(Staging { dir, out: out.to_path_buf(), committed: false, made: Mutex::new(HashSet::new()) })
    }

    /// Writes one file into the staging folder; safe to call from many threads. A path
    /// that would land outside the folder — absolute, with `..`, through a link — is
    /// refused and nothing is written.
    pub fn put(&self, file: &OutFile) -> Result<(), WriteError> {
        let unsafe_path = |reason| WriteError::UnsafePath { path: file.path.clone(), reason };
        let rel = paths::confine(&file.path).map_err(unsafe_path)?;
        if let Some(parent) = rel.parent() {
            self.make_folders(parent, &file.path)?;
        }
        let target = self.dir.join(&rel);
        if std::fs::symlink_metadata(&target).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(unsafe_path(THROUGH_LINK));
        }
        Ok(fs::write_file(&target, &file.bytes)?)
    }

    /// Creates `rel` and its parents inside the staging folder, one level at a time, and
    /// refuses `path` (the file they are for) when one of them is a link.
    fn make_folders(&self, rel: &Path, path: &str) -> Result<(), WriteError> {
        let mut dir = self.dir.clone();
        for part in rel.components() {
            dir.push(part);
            if self.made.lock().unwrap_or_else(PoisonError::into_inner).contains(&dir) {
                continue;
            }
            match std::fs::symlink_metadata(&dir) {
                Ok(m) if m.file_type().is_symlink() => {
                    return Err(WriteError::UnsafePath { path: path.to_owned(), reason: THROUGH_LINK })
                }
                Ok(_) => {}
                Err(e) if e.kind() == ErrorKind::NotFound => match fs::create_dir(&dir) {
                    Err(e) if e.source.kind() != ErrorKind::AlreadyExists => return Err(e.into()),
                    _ => {}
                },
                Err(source) => return Err(fs::FsError { action: "cannot read", path: dir, source }.into()),
            }
            self.made.lock().unwrap_or_else(PoisonError::into_inner).insert(dir.clone());
        }
        Ok(())
    }

    /// Swaps the staged output in. With `hosts` set, only those host folders are
    /// replaced and the rest of the output is kept; otherwise it is replaced whole.
    pub fn commit(mut self, hosts: Option<&[String]>) -> Result<(), WriteError> {
        self.committed = true;
        let swapped = match hosts {
            None => swap(&self.dir, &self.out),
            Some(hosts) => swap_hosts(&self.dir, &self.out, hosts),
        };
        let _ = fs::remove_dir_all(&self.dir);
        swapped
    }
}

const THROUGH_LINK: &str = "the path passes through a symbolic link inside the staging folder";

impl Drop for Staging {
    /// An abandoned run leaves nothing behind.
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Replaces `out` with `staging`. The old output moves aside first, marked (an output
/// from before the mark gets it here), so a build killed mid-swap leaves a folder the
/// next build recognises and removes.
fn swap(staging: &Path, out: &Path) -> Result<(), WriteError> {
    let old = sibling(out, "old");
    if std::fs::symlink_metadata(&old).is_ok() && !mark::is_marked(&old) {
        let reason = format!("{} is in the way and site did not make it", old.display());
        return Err(WriteError::Refused { path: out.to_path_buf(), reason });
    }
    if out.exists() && !mark::is_marked(out) {
        mark::put(out)?;
    }
    replace(staging, out)
}

/// Replaces the `hosts` folders of `out` and keeps the rest; `out` keeps (or gets) the
/// mark, so the work folders inside it are ours.
fn swap_hosts(staging: &Path, out: &Path, hosts: &[String]) -> Result<(), WriteError> {
    fs::create_dir_all(out)?;
    if !mark::is_marked(out) {
        mark::put(out)?;
    }
    leftovers::clean_inside(out);
    for host in hosts {
        let from = staging.join(host);
        if from.exists() {
            replace(&from, &out.join(host))?;
        }
    }
    Ok(())
}

/// `from` takes the place of `to` by renames; on failure `to` is put back.
fn replace(from: &Path, to: &Path) -> Result<(), WriteError> {
    let old = sibling(to, "old");
    fs::remove_dir_all(&old)?;
    if to.exists() {
        fs::rename(to, &old)?;
    }
    if let Err(e) = fs::rename(from, to) {
        if old.exists() {
            let _ = fs::rename(&old, to);
        }
        return Err(e.into());
    }
    Ok(fs::remove_dir_all(&old)?)
}

#[cfg(test)]
#[path = "staging_tests.rs"]
mod tests;
