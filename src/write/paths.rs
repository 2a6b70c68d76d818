//! Which rendered paths may be written: a path is relative, made of plain names, and
//! stays inside the staging folder. This is defence in depth: the assemble stage should
//! already refuse aliases and URLs that climb out, but the write stage does not rely on it.

use std::path::PathBuf;

use super::mark::MARK;

/// A rendered path (`host/docs/index.html`, `/` separators) as a relative path of plain
/// names, or why it may not be written.
pub fn confine(path: &str) -> Result<PathBuf, &'static str> {
    if path.is_empty() {
        return Err("the path is empty");
    }
    if path.starts_with('/') {
        return Err("the path is absolute");
    }
    if path.contains('\\') {
        return Err("the path contains a backslash");
    }
    if path.chars().any(char::is_control) {
        return Err("the path contains a NUL or control character");
    }
    if has_drive_prefix(path) {
        return Err("the path starts with a drive prefix");
    }
    let mut confined = PathBuf::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => return Err("the path contains `..`"),
            name => confined.push(name),
        }
    }
    if confined.as_os_str().is_empty() {
        return Err("the path names the output folder itself");
    }
    if confined.as_os_str() == MARK {
        return Err("the name is reserved for site's mark");
    }
    Ok(confined)
}

/// `C:`, `c:foo`: a Windows drive, absolute or drive-relative.
fn has_drive_prefix(path: &str) -> bool {
    let mut chars = path.chars();
    matches!((chars.next(), chars.next()), (Some(letter), Some(':')) if letter.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_pass_unchanged() {
        assert_eq!(confine("a.example/docs/index.html"), Ok(PathBuf::from("a.example/docs/index.html")));
        assert_eq!(confine("a.example/assets/style.3f9a.css"), Ok(PathBuf::from("a.example/assets/style.3f9a.css")));
        assert_eq!(confine("a.example//x/./index.html"), Ok(PathBuf::from("a.example/x/index.html")));
    }

    #[test]
    fn paths_that_could_leave_the_folder_are_refused() {
        for (path, why) in [
            ("", "the path is empty"),
            ("/tmp/pwn/index.html", "the path is absolute"),
            ("//server/share/x", "the path is absolute"),
            ("a.example/../../../../../../tmp/pwn/index.html", "the path contains `..`"),
            ("a.example/x/../../../tmp/p/index.html", "the path contains `..`"),
            ("..", "the path contains `..`"),
            ("a.example\\..\\..\\x", "the path contains a backslash"),
            ("a.example/x\0y/index.html", "the path contains a NUL or control character"),
            ("a.example/x\ny", "the path contains a NUL or control character"),
            ("a.example/\u{7f}", "the path contains a NUL or control character"),
            ("C:/Windows/x", "the path starts with a drive prefix"),
            ("c:x", "the path starts with a drive prefix"),
            ("./.", "the path names the output folder itself"),
            (".site-output", "the name is reserved for site's mark"),
        ] {
            assert_eq!(confine(path), Err(why), "{path:?}");
        }
    }

    #[test]
    fn names_that_merely_look_odd_are_fine() {
        for path in ["a.example/..x/index.html", "a.example/x../y", "a.example/.well-known/x", "ab:/x"] {
            assert!(confine(path).is_ok(), "{path:?}");
        }
    }
}
