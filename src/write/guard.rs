//! Which output folders a build may replace. Two rules, checked before anything is
//! rendered: the output must not hold or sit inside the sources, and it must be this
//! tool's — absent, empty, or carrying site's mark. An output written by a version of
//! site from before the mark holds nothing but folders named after the hosts in
//! `site.yaml`; such a folder is accepted and gets the mark on its next build.

use std::path::{Path, PathBuf};

use super::error::WriteError;
use super::mark;
use crate::config::Config;
use crate::fs;

/// Refuses output folders whose replacement would destroy what site did not write: the
/// site root or any folder above it, `content/`, `themes/` and the like, and any folder
/// with other files in it (`--out ~/` must never wipe a home folder).
pub fn guard_output(root: &Path, out: &Path) -> Result<(), WriteError> {
    let root = absolute(root);
    let out = absolute(out);
    let refuse = |reason: String| Err(WriteError::Refused { path: out.clone(), reason });
    if out.parent().is_none() {
        return refuse("it is the file-system root".into());
    }
    if root.starts_with(&out) {
        return refuse("it contains the site's sources".into());
    }
    for protected in ["content", "themes", "src", "tests", ".git"] {
        if out.starts_with(root.join(protected)) {
            return refuse(format!("it is inside `{protected}/`"));
        }
    }
    match ownership(&out, || hosts(&root))? {
        Some(reason) => refuse(reason),
        None => Ok(()),
    }
}

/// `None` when the build may replace `out`; otherwise why not. `hosts` is asked for
/// only when `out` is a non-empty folder without the mark.
fn ownership(out: &Path, hosts: impl FnOnce() -> Vec<String>) -> Result<Option<String>, WriteError> {
    let meta = match fs::metadata(out) {
        Err(e) if e.source.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        other => other?,
    };
    if !meta.is_dir() {
        return Ok(Some("it is a file, not a folder".into()));
    }
    if mark::is_marked(out) {
        return Ok(None);
    }
    let entries = entries(out)?;
    if entries.is_empty() {
        return Ok(None);
    }
    let hosts = hosts();
    let foreign: Vec<&(String, bool)> = entries.iter().filter(|(name, dir)| !(*dir && hosts.contains(name))).collect();
    if foreign.is_empty() {
        return Ok(None);
    }
    let mut names: Vec<&str> = foreign.iter().take(3).map(|(name, _)| name.as_str()).collect();
    if foreign.len() > 3 {
        names.push("...");
    }
    Ok(Some(format!(
        "it is not empty ({}) and site did not write it (it has no `{}` file); \
         choose a new or empty folder, or remove this one yourself if nothing in it is needed",
        names.join(", "),
        mark::MARK
    )))
}

/// Names of a folder's entries, each with whether it is a real folder (not a link).
fn entries(dir: &Path) -> Result<Vec<(String, bool)>, WriteError> {
    let mut names: Vec<(String, bool)> = fs::read_dir(dir)?
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.file_type().is_ok_and(|t| t.is_dir())))
        .collect();
    names.sort();
    Ok(names)
}

/// The hosts in `site.yaml`; none when it cannot be read (the build reports why later).
fn hosts(root: &Path) -> Vec<String> {
    Config::load(root).map(|c| c.domains.into_iter().map(|d| d.host).collect()).unwrap_or_default()
}

/// An absolute, normalised path without touching the file system for missing parts.
pub fn absolute(path: &Path) -> PathBuf {
    let joined =
        if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    let existing = joined.ancestors().find(|p| p.exists()).unwrap_or(Path::new("/"));
    let base = existing.canonicalize().unwrap_or_else(|_| existing.to_path_buf());
    let rest = joined.strip_prefix(existing).unwrap_or(Path::new(""));
    let mut out = base;
    for part in rest.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::Normal(p) => out.push(p),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts() -> Vec<String> {
        vec!["a.example".into(), "b.example".into()]
    }

    fn verdict(out: &Path) -> Option<String> {
        ownership(out, hosts).expect("readable")
    }

    #[test]
    fn absent_empty_and_marked_folders_may_be_replaced() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(verdict(&dir.path().join("missing")), None);
        assert_eq!(verdict(dir.path()), None);
        std::fs::write(dir.path().join("notes.txt"), "x").expect("write");
        mark::put(dir.path()).expect("mark");
        assert_eq!(verdict(dir.path()), None);
    }

    #[test]
    fn a_folder_with_other_files_is_refused_and_they_are_named() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join(".ssh")).expect("mkdir");
        std::fs::create_dir(dir.path().join("a.example")).expect("mkdir");
        let reason = verdict(dir.path()).expect("refused");
        assert!(reason.starts_with("it is not empty (.ssh) and site did not write it"), "{reason}");
    }

    #[test]
    fn an_unmarked_output_of_host_folders_only_is_an_earlier_build() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("a.example")).expect("mkdir");
        std::fs::create_dir(dir.path().join("b.example")).expect("mkdir");
        assert_eq!(verdict(dir.path()), None);
        std::fs::write(dir.path().join("c.example"), "a file named like a host").expect("write");
        assert!(verdict(dir.path()).is_some());
    }

    #[test]
    fn a_file_is_not_an_output_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("public");
        std::fs::write(&file, "x").expect("write");
        assert_eq!(verdict(&file).as_deref(), Some("it is a file, not a folder"));
    }
}
