use super::*;

use std::collections::BTreeSet;

fn file(path: &str) -> OutFile {
    OutFile { path: path.into(), bytes: b"<p>x</p>".to_vec() }
}

/// Every path under `dir` except inside the staging folder.
fn tree(dir: &Path, staging: &Path) -> BTreeSet<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| !p.starts_with(staging))
        .collect()
}

#[cfg(target_os = "linux")]
/// A PID no process has: a child that has exited and been waited for.
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().expect("spawn true");
    let pid = child.id();
    child.wait().expect("wait");
    pid
}

#[test]
fn paths_that_leave_the_staging_folder_are_refused_and_nothing_is_written() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("site/public");
    std::fs::create_dir_all(tmp.path().join("site")).expect("mkdir");
    let staging = Staging::create(&out).expect("staging");
    let before = tree(tmp.path(), &staging.dir);
    let absolute = format!("{}/abs/index.html", tmp.path().display());
    for path in [
        "a.example/../../../escaped/index.html",
        "a.example/x/../../../../escaped/index.html",
        "../escaped/index.html",
        absolute.as_str(),
        "a.example\\..\\..\\escaped\\index.html",
        "C:/escaped/index.html",
        "a.example/esc\0aped/index.html",
        "a.example/esc\u{1b}aped/index.html",
    ] {
        match staging.put(&file(path)) {
            Err(e @ WriteError::UnsafePath { .. }) => {
                assert!(e.to_string().starts_with(&format!("refusing to write `{path}`: ")), "{e}")
            }
            other => panic!("{path:?} was not refused: {other:?}"),
        }
    }
    assert_eq!(tree(tmp.path(), &staging.dir), before, "something was written outside the staging folder");
    staging.put(&file("a.example/ok/index.html")).expect("a plain path is written");
}

#[cfg(unix)]
#[test]
fn a_link_inside_the_staging_folder_is_never_followed() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let outside = tmp.path().join("outside");
    std::fs::create_dir(&outside).expect("mkdir");
    std::fs::write(outside.join("keep.html"), "mine").expect("write");
    let staging = Staging::create(&tmp.path().join("public")).expect("staging");
    std::os::unix::fs::symlink(&outside, staging.dir.join("a.example")).expect("link");
    std::fs::create_dir(staging.dir.join("b.example")).expect("mkdir");
    std::os::unix::fs::symlink(outside.join("keep.html"), staging.dir.join("b.example/keep.html")).expect("link");
    for path in ["a.example/index.html", "a.example/deep/er/index.html", "b.example/keep.html"] {
        let refused = staging.put(&file(path)).expect_err(path);
        assert!(refused.to_string().contains("symbolic link"), "{refused}");
    }
    let left: Vec<_> = std::fs::read_dir(&outside).expect("read").flatten().map(|e| e.file_name()).collect();
    assert_eq!(left, ["keep.html"]);
    assert_eq!(std::fs::read_to_string(outside.join("keep.html")).expect("read"), "mine");
}

#[test]
fn the_mark_is_at_the_output_root_and_in_no_host_folder() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("public");
    let staging = Staging::create(&out).expect("staging");
    staging.put(&file("a.example/index.html")).expect("put");
    staging.commit(None).expect("commit");
    assert!(mark::is_marked(&out));
    assert!(!out.join("a.example").join(mark::MARK).exists());
    let names: Vec<_> = std::fs::read_dir(tmp.path()).expect("read").flatten().map(|e| e.file_name()).collect();
    assert_eq!(names, ["public"], "work folders left beside the output");
}

#[test]
fn a_one_host_build_keeps_the_other_hosts_and_the_mark() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("public");
    std::fs::create_dir_all(out.join("b.example")).expect("mkdir");
    std::fs::write(out.join("b.example/index.html"), "b").expect("write");
    let staging = Staging::create(&out).expect("staging");
    staging.put(&file("a.example/index.html")).expect("put");
    staging.commit(Some(&["a.example".to_owned()])).expect("commit");
    assert!(mark::is_marked(&out));
    assert_eq!(std::fs::read_to_string(out.join("b.example/index.html")).expect("read"), "b");
    assert!(out.join("a.example/index.html").exists());
}

#[cfg(target_os = "linux")]
#[test]
fn dead_builds_leftovers_go_and_live_or_unmarked_ones_stay() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("public");
    let dead = dead_pid();
    let folder = |what: &str, pid: u32, marked: bool| {
        let dir = tmp.path().join(format!(".public.{what}-{pid}"));
        std::fs::create_dir_all(dir.join("a.example")).expect("mkdir");
        if marked {
            mark::put(&dir).expect("mark");
        }
        dir
    };
    let dead_staging = folder("staging", dead, true);
    let dead_old = folder("old", dead, true);
    let unmarked = folder("old", dead + 1_000_000, false);
    let live = folder("staging", std::os::unix::process::parent_id(), true);
    let other_output = tmp.path().join(format!(".www.staging-{dead}"));
    std::fs::create_dir(&other_output).expect("mkdir");
    mark::put(&other_output).expect("mark");
    drop(Staging::create(&out).expect("staging"));
    assert!(!dead_staging.exists() && !dead_old.exists(), "a dead build's folders were kept");
    assert!(unmarked.exists() && live.exists() && other_output.exists(), "a folder not ours to remove was removed");
}
