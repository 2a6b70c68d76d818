//! Stage 5, write: rendered files go into a staging folder beside the output as they
//! are made; a successful run then replaces the output with renames. A failure before
//! the swap leaves `public/` exactly as it was, and the staging folder is removed.

use std::path::{Path, PathBuf};

use crate::fs::{self, FsError};
use crate::render::OutFile;

/// A staging folder beside the output (same file system, so the swap is a rename).
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    committed: bool,
}

impl Staging {
    /// Creates an empty staging folder for `out`.
    pub fn create(out: &Path) -> Result<Staging, FsError> {
        let dir = sibling(out, "staging");
        fs::remove_dir_all(&dir)?;
        fs::create_dir_all(&dir)?;
        Ok(Staging { dir, out: out.to_path_buf(), committed: false })
    }

    /// Writes one file into the staging folder; safe to call from many threads.
    pub fn put(&self, file: &OutFile) -> Result<(), FsError> {
        fs::write(&self.dir.join(&file.path), &file.bytes)
    }

    /// Swaps the staged output in. With `hosts` set, only those host folders are
    /// replaced and the rest of the output is kept; otherwise it is replaced whole.
    pub fn commit(mut self, hosts: Option<&[String]>) -> Result<(), FsError> {
        self.committed = true;
        let swapped = match hosts {
            None => swap(&self.dir, &self.out),
            Some(hosts) => swap_hosts(&self.dir, &self.out, hosts),
        };
        let _ = fs::remove_dir_all(&self.dir);
        swapped
    }
}

impl Drop for Staging {
    /// An abandoned run leaves nothing behind.
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// `public` → `.public.<what>-<pid>` in the same parent folder.
fn sibling(out: &Path, what: &str) -> PathBuf {
    let name = out.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    parent.join(format!(".{name}.{what}-{}", std::process::id()))
}

fn swap(staging: &Path, out: &Path) -> Result<(), FsError> {
    let old = sibling(out, "old");
    fs::remove_dir_all(&old)?;
    if out.exists() {
        fs::rename(out, &old)?;
    }
    if let Err(e) = fs::rename(staging, out) {
        if old.exists() {
            let _ = fs::rename(&old, out);
        }
        return Err(e);
    }
    fs::remove_dir_all(&old)
}

fn swap_hosts(staging: &Path, out: &Path, hosts: &[String]) -> Result<(), FsError> {
    fs::create_dir_all(out)?;
    for host in hosts {
        let from = staging.join(host);
        if from.exists() {
            swap(&from, &out.join(host))?;
        }
    }
    Ok(())
}
