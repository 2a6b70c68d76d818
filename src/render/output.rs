//! What rendering produces: files, handed to a sink as soon as each is made.

use crate::diagnostics::Diagnostic;

/// One file of the output, relative to the output folder (`connectsoft.ai/index.html`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    /// `host/path`, with `/` separators.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Where rendered files go as soon as they are made (a staging folder, or a list),
/// so a large site is never held in memory as HTML all at once.
pub type Sink<'s> = dyn Fn(OutFile) -> Result<(), Diagnostic> + Sync + 's;
