//! Stage 5, write: rendered files go into a staging folder beside the output as they
//! are made; a successful run then replaces the output with renames. A failure before
//! the swap leaves `public/` exactly as it was, and the staging folder is removed.
//!
//! The stage writes and deletes only what it owns: a rendered path that would leave
//! the staging folder is refused ([`paths`]), the output folder is replaced only when
//! it is empty or carries site's mark ([`guard`], [`mark`]), and the folders a killed
//! build left behind are removed only when they carry the mark and their process is
//! gone ([`leftovers`]).

mod error;
pub mod guard;
pub mod leftovers;
pub mod mark;
pub mod paths;
mod staging;

pub use error::WriteError;
pub use guard::guard_output;
pub use staging::Staging;
