//! The write stage's one error type.

use std::path::{Path, PathBuf};

use crate::fs::FsError;

/// Why the write stage refused or failed. Each variant names the path involved.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// The output folder (or a folder beside it) is not this tool's to replace.
    #[error("refusing to write the site into {}: {reason}", .path.display())]
    Refused {
        /// The folder refused.
        path: PathBuf,
        /// Why, and what to do about it.
        reason: String,
    },
    /// A rendered file's path would land outside the staging folder.
    #[error("refusing to write `{path}`: {reason}; rendered files stay inside the output folder")]
    UnsafePath {
        /// The path as the renderer gave it (`host/...`).
        path: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Reading or writing failed.
    #[error(transparent)]
    Io(#[from] FsError),
}

impl WriteError {
    /// The path the error is about.
    pub fn path(&self) -> &Path {
        match self {
            WriteError::Refused { path, .. } => path,
            WriteError::UnsafePath { path, .. } => Path::new(path),
            WriteError::Io(e) => &e.path,
        }
    }
}
