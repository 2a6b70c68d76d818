//! Site's mark: a small file at the root of every output and staging folder this tool
//! writes. A folder is replaced or deleted only when it carries the mark (or is empty),
//! so `--out ~/` can never wipe a home folder. The mark sits at the output root, beside
//! the host folders, so no host ever publishes it.

use std::path::Path;

use crate::fs::{self, FsError};

/// The mark's file name, at the root of the output folder.
pub const MARK: &str = ".site-output";

/// The first line identifies the mark; the rest is for whoever finds the file.
const FIRST_LINE: &str = "This folder is written by `site build`.";

const TEXT: &str = "This folder is written by `site build`.\n\
Every build replaces it whole: anything else put here is deleted by the next build.\n\
Delete this folder yourself to start afresh; site refuses to write into a folder without this file\n\
unless the folder is empty.\n";

/// Whether `dir` carries the mark: a regular file (not a link) whose first line is ours.
pub fn is_marked(dir: &Path) -> bool {
    let path = dir.join(MARK);
    let regular = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file());
    regular && std::fs::read_to_string(&path).is_ok_and(|text| text.lines().next() == Some(FIRST_LINE))
}

/// Marks `dir` (which must exist) as written by this tool.
pub fn put(dir: &Path) -> Result<(), FsError> {
    fs::write(&dir.join(MARK), TEXT.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marked_folder_is_recognised_and_a_look_alike_is_not() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(!is_marked(dir.path()));
        std::fs::write(dir.path().join(MARK), "something else\n").expect("write");
        assert!(!is_marked(dir.path()));
        put(dir.path()).expect("mark");
        assert!(is_marked(dir.path()));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_mark_is_not_a_mark() {
        let elsewhere = tempfile::tempdir().expect("temp dir");
        put(elsewhere.path()).expect("mark");
        let dir = tempfile::tempdir().expect("temp dir");
        std::os::unix::fs::symlink(elsewhere.path().join(MARK), dir.path().join(MARK)).expect("link");
        assert!(!is_marked(dir.path()));
    }
}
