//! Stage 5, write: everything goes into a staging folder beside the output, then
//! replaces the output with renames. A failure before the swap leaves `public/`
//! exactly as it was.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::fs::{self, FsError};
use crate::render::OutFile;

/// Writes `files` under `out`. With `hosts` set, only those host folders are
/// replaced and the rest of `out` is kept; otherwise `out` is replaced whole.
pub fn write(out: &Path, files: &[OutFile], hosts: Option<&[String]>) -> Result<(), FsError> {
    let staging = sibling(out, "staging");
    fs::remove_dir_all(&staging)?;
    fs::create_dir_all(&staging)?;
    let written = files.par_iter().try_for_each(|f| fs::write(&staging.join(&f.path), &f.bytes));
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    let swapped = match hosts {
        None => swap(&staging, out),
        Some(hosts) => swap_hosts(&staging, out, hosts),
    };
    let _ = fs::remove_dir_all(&staging);
    swapped
}

/// `public` → `.public.<what>-<pid>` in the same parent folder (same file system, so
/// renames are atomic).
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
