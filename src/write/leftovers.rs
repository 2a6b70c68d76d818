//! Folders a killed build left behind. A build works in `.public.staging-<pid>` and moves
//! the old output to `.public.old-<pid>` for the moment of the swap; SIGKILL (or a power
//! cut) leaves them there. The next build removes such a folder only when it carries
//! site's mark and no process with its PID is running, so a concurrent build's folder
//! and anything this tool did not make are never touched.

use std::path::{Path, PathBuf};

use super::mark;

/// `public` → `.public.<what>-<pid>` in the same parent folder, for this process.
pub fn sibling(out: &Path, what: &str) -> PathBuf {
    let name = out.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    parent.join(format!(".{name}.{what}-{}", std::process::id()))
}

/// The stem and PID of a work folder's name: `.public.staging-42` → `("public", 42)`.
pub fn parse(name: &str) -> Option<(&str, u32)> {
    let (stem, tail) = name.strip_prefix('.')?.rsplit_once('.')?;
    let pid = tail.strip_prefix("staging-").or_else(|| tail.strip_prefix("old-"))?;
    if stem.is_empty() || pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok().filter(|pid| *pid != 0).map(|pid| (stem, pid))
}

/// Removes the marked work folders of dead builds of `out` from beside it. Best effort:
/// a folder that cannot be removed is left for the user and does not stop the build.
pub fn clean_beside(out: &Path) {
    let Some(name) = out.file_name().map(|n| n.to_string_lossy().into_owned()) else { return };
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    remove_dead(parent, |stem, dir| stem == name && is_real_dir(dir) && mark::is_marked(dir));
}

/// Removes the work folders of dead single-domain builds (`.<host>.old-<pid>`) from
/// inside `out`, which must carry the mark: everything in a marked output is ours.
pub fn clean_inside(out: &Path) {
    if mark::is_marked(out) {
        remove_dead(out, |_, dir| is_real_dir(dir));
    }
}

fn remove_dead(parent: &Path, ours: impl Fn(&str, &Path) -> bool) {
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some((stem, pid)) = name.to_str().and_then(parse) else { continue };
        let path = entry.path();
        if pid != std::process::id() && ours(stem, &path) && !running(pid) {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

fn is_real_dir(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_dir())
}

/// Whether a process with this PID exists. Without `/proc` (not Linux) every PID counts
/// as running: leaving a folder behind is the safe mistake.
pub fn running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_folder_names_are_parsed_and_others_are_not() {
        assert_eq!(parse(".public.staging-42"), Some(("public", 42)));
        assert_eq!(parse(".public.old-7"), Some(("public", 7)));
        assert_eq!(parse(".a.example.old-7"), Some(("a.example", 7)));
        for name in [
            ".public.staging-",
            ".public.staging-0",
            ".public.staging-4x",
            "public.old-1",
            ".old-1",
            ".ssh",
            ".site-output",
        ] {
            assert_eq!(parse(name), None, "{name}");
        }
    }

    #[test]
    fn this_process_is_running() {
        assert!(running(std::process::id()));
    }

    #[test]
    fn a_folder_is_named_for_this_process() {
        let expected = format!(".public.staging-{}", std::process::id());
        assert_eq!(sibling(Path::new("/x/public"), "staging"), Path::new("/x").join(expected));
    }
}
