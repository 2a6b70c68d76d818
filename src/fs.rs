//! File-system calls that name their path in every error.

use std::io;
use std::path::{Path, PathBuf};

/// An I/O failure together with the path it happened on.
#[derive(Debug, thiserror::Error)]
#[error("{action} {path}: {source}")]
pub struct FsError {
    /// What we were doing ("reading", "writing", ...).
    pub action: &'static str,
    /// The path involved.
    pub path: PathBuf,
    /// The underlying error.
    #[source]
    pub source: io::Error,
}

fn wrap<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> FsError + 'a {
    move |source| FsError { action, path: path.to_path_buf(), source }
}

/// Reads a UTF-8 text file.
pub fn read_to_string(path: &Path) -> Result<String, FsError> {
    std::fs::read_to_string(path).map_err(wrap("cannot read", path))
}

/// Reads a file's bytes.
pub fn read(path: &Path) -> Result<Vec<u8>, FsError> {
    std::fs::read(path).map_err(wrap("cannot read", path))
}

/// Writes bytes, creating parent folders as needed.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), FsError> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    std::fs::write(path, bytes).map_err(wrap("cannot write", path))
}

/// Creates a folder and its parents.
pub fn create_dir_all(path: &Path) -> Result<(), FsError> {
    std::fs::create_dir_all(path).map_err(wrap("cannot create folder", path))
}

/// Removes a folder and everything in it; a missing folder is not an error.
pub fn remove_dir_all(path: &Path) -> Result<(), FsError> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other.map_err(wrap("cannot remove", path)),
    }
}

/// Renames a file or folder.
pub fn rename(from: &Path, to: &Path) -> Result<(), FsError> {
    std::fs::rename(from, to).map_err(wrap("cannot move", from))
}

/// A path's metadata, following links.
pub fn metadata(path: &Path) -> Result<std::fs::Metadata, FsError> {
    std::fs::metadata(path).map_err(wrap("cannot read", path))
}

/// The entries of a folder.
pub fn read_dir(path: &Path) -> Result<std::fs::ReadDir, FsError> {
    std::fs::read_dir(path).map_err(wrap("cannot read folder", path))
}

/// Creates one folder; its parent must exist.
pub fn create_dir(path: &Path) -> Result<(), FsError> {
    std::fs::create_dir(path).map_err(wrap("cannot create folder", path))
}

/// Writes bytes into a file whose folder exists.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), FsError> {
    std::fs::write(path, bytes).map_err(wrap("cannot write", path))
}
