//! Stage 5, write: rendered files go into a staging folder beside the output as they
//! are made; a successful run then replaces the output with renames. A failure before
//! the swap leaves `public/` exactly as it was, and the staging folder is removed.
//!
//! The stage writes and deletes only what it owns: a rendered path that would leave
//! the staging folder is refused ([`paths`]), the output folder is replaced only when
//! it is empty or carries site's mark ([`guard`], [`mark`]), and the folders a killed
//! build left behind are removed only when they carry the mark and their process is
//! gone ([`leftovers`]).

use std::path::{Path, PathBuf};

use crate::fs::FsError;

pub mod guard;
pub mod leftovers;
pub mod mark;
pub mod paths;
mod staging;

pub use guard::guard_output;
pub use staging::Staging;

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
