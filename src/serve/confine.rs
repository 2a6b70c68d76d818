//! Serve's own guarantee that it publishes nothing from outside the site root.
//!
//! Loading follows symbolic links under `content/`, so `content/docs/passwd.txt ->
//! /etc/passwd` would put that file into the preview. The build refuses such links
//! itself; this check runs again after every rebuild in `site serve`, before its output
//! is served, so a build that read through one is never published, whatever the loader
//! does: the preview keeps the last good build and shows the error, like any other.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Code, Diagnostic};
use crate::load::is_ignored;

/// Links under `root/content` (names the loader ignores left out) whose target, all
/// links resolved, lies outside `root`; one error each.
/// Dangling links are left to the loader, which reports or ignores them.
pub fn check(root: &Path) -> Result<(), Vec<Diagnostic>> {
    let root = &root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let content = root.join("content");
    let walker = WalkDir::new(&content)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    let problems: Vec<Diagnostic> = walker
        .filter_map(Result::ok)
        .filter(|e| e.depth() > 0 && e.path_is_symlink())
        .filter_map(|e| {
            let target = std::fs::canonicalize(e.path()).ok()?;
            (!target.starts_with(root)).then(|| escape(e.path().strip_prefix(root).unwrap_or(e.path()), &target))
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

fn escape(shown: &Path, target: &Path) -> Diagnostic {
    Diagnostic::error(
        PathBuf::from(shown),
        0,
        0,
        format!("symbolic link leads outside the site (to {}); it is not served", target.display()),
    )
    .with_code(Code::E008)
    .with_hint("copy the file into content/ instead of linking to it")
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_leaving_the_root_are_errors_and_others_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let (root, outside) = (dir.path().join("site"), dir.path().join("outside"));
        std::fs::create_dir_all(root.join("content/docs")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("secret.txt"), "secret").unwrap();
        std::fs::write(root.join("shared.txt"), "shared").unwrap();
        let root = root.canonicalize().unwrap();
        assert!(check(&root).is_ok());
        // Inside the root, dangling, or ignored by the loader: not this check's business.
        symlink(root.join("shared.txt"), root.join("content/docs/shared.txt")).unwrap();
        symlink("../../shared.txt", root.join("content/docs/relative.txt")).unwrap();
        symlink("/nonexistent/file", root.join("content/docs/dangling.png")).unwrap();
        symlink(outside.join("secret.txt"), root.join("content/docs/.#lock.md")).unwrap();
        assert!(check(&root).is_ok());
        symlink(outside.join("secret.txt"), root.join("content/docs/passwd.txt")).unwrap();
        symlink(&outside, root.join("content/docs/ext")).unwrap();
        // A link to a link that leaves.
        symlink(root.join("content/docs/passwd.txt"), root.join("content/again.txt")).unwrap();
        let mut shown: Vec<String> = check(&root).unwrap_err().iter().map(|d| d.location()).collect();
        shown.sort();
        assert_eq!(shown, ["content/again.txt", "content/docs/ext", "content/docs/passwd.txt"]);
        let first = &check(&root).unwrap_err()[0];
        assert_eq!(first.code, Some(Code::E008));
        assert!(first.message.contains("symbolic link leads outside the site (to "), "{}", first.message);
    }
}
