//! `site new`: scaffolds decision records and pages with valid front matter.

use std::path::{Path, PathBuf};

use crate::Error;

/// Creates the next numbered decision record; returns its path.
pub fn new_decision(_root: &Path, _title: &str, _supersedes: Option<&str>) -> Result<PathBuf, Error> {
    Err(Error::Usage("`site new decision` is not available yet".into()))
}

/// Creates a page at `content/<path>`; returns its path.
pub fn new_page(_root: &Path, _path: &str, _title: &str) -> Result<PathBuf, Error> {
    Err(Error::Usage("`site new page` is not available yet".into()))
}
