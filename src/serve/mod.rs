//! `site serve`: all domains live from memory, rebuilt on change, reloaded in the browser.

use std::path::PathBuf;

use crate::Error;

/// What `site serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root.
    pub root: PathBuf,
    /// Address to bind (`127.0.0.1`).
    pub bind: String,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Include drafts.
    pub drafts: bool,
    /// Print only errors.
    pub quiet: bool,
}

/// Runs the dev server until interrupted.
pub fn serve(_options: &ServeOptions) -> Result<(), Error> {
    Err(Error::Usage("`site serve` is not available yet".into()))
}
