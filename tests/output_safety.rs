//! The build writes and deletes only what it owns: `--out` must be new, empty or marked
//! by site; `--cache DIR` deletes only its own entries; what a killed build left behind
//! is removed only when it carries the mark and its process is gone; and a rendered
//! path that climbs out of the output is never written.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::{snapshot, Fixture};

const MARK: &str = ".site-output";

/// Runs the binary in the fixture root; fails the test instead of hanging.
fn run(f: &Fixture, args: &[&str]) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_site"))
        .args(args)
        .current_dir(f.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run site");
    let pid = child.id();
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || send.send(child.wait_with_output()));
    match receive.recv_timeout(Duration::from_secs(60)) {
        Ok(output) => output.expect("site output"),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("site {args:?} did not finish in 60 s");
        }
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs a build that must be refused with exit 2 and a message containing `expected`.
fn refused(f: &Fixture, args: &[&str], expected: &str) -> String {
    let output = run(f, args);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(text.contains(expected), "expected `{expected}` in:\n{text}");
    assert!(!text.contains("panicked"), "{text}");
    text
}

/// Every path under `dir`, relative.
fn listing(dir: &Path) -> BTreeSet<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.path().strip_prefix(dir).ok().map(Path::to_path_buf))
        .collect()
}

/// A PID no process has: a child that has exited and been waited for.
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().expect("spawn true");
    let pid = child.id();
    child.wait().expect("wait");
    pid
}

#[test]
fn a_home_folder_as_out_is_refused_and_left_alone() {
    let f = Fixture::new("basic");
    f.write("home/.ssh/authorized_keys", "ssh-ed25519 AAAA me\n");
    f.write("home/notes.txt", "mine\n");
    let before = listing(f.root());
    let text = refused(&f, &["build", "--out", "home"], "refusing to write the site into ");
    assert!(text.contains("home: it is not empty (.ssh, notes.txt) and site did not write it"), "{text}");
    assert!(text.contains("remove this one yourself"), "{text}");
    assert_eq!(std::fs::read_to_string(f.root().join("home/.ssh/authorized_keys")).unwrap(), "ssh-ed25519 AAAA me\n");
    assert_eq!(listing(f.root()), before, "a refused build wrote or deleted something");
}

#[test]
fn another_project_as_out_is_refused_and_left_alone() {
    let f = Fixture::new("basic");
    f.write("otherproject/src/main.rs", "fn main() {}\n");
    f.write("otherproject/Cargo.toml", "[package]\n");
    let before = snapshot(&f.root().join("otherproject"));
    refused(&f, &["build", "--out", "otherproject"], "it is not empty (Cargo.toml, src) and site did not write it");
    assert!(snapshot(&f.root().join("otherproject")) == before);
}

#[test]
fn a_file_as_out_is_refused() {
    let f = Fixture::new("basic");
    f.write("out.txt", "keep\n");
    refused(&f, &["build", "--out", "out.txt"], "out.txt: it is a file, not a folder");
    assert_eq!(std::fs::read_to_string(f.root().join("out.txt")).unwrap(), "keep\n");
}

#[test]
fn new_and_empty_folders_are_written_and_marked_at_the_root_only() {
    let f = Fixture::new("basic");
    std::fs::create_dir(f.root().join("empty")).unwrap();
    for out in ["fresh", "empty", "fresh"] {
        let output = run(&f, &["build", "--quiet", "--out", out]);
        assert!(output.status.success(), "--out {out}: {}", stderr(&output));
        let dir = f.root().join(out);
        assert!(dir.join(MARK).is_file(), "--out {out}: no mark");
        let marks: Vec<_> = listing(&dir).into_iter().filter(|p| p.ends_with(MARK)).collect();
        assert_eq!(marks, [PathBuf::from(MARK)], "the mark is published inside a host folder");
    }
}

#[test]
fn an_output_from_before_the_mark_is_accepted_when_it_holds_only_host_folders() {
    let f = Fixture::new("basic");
    f.build_ok();
    let built = snapshot(&f.out());
    std::fs::remove_file(f.out().join(MARK)).unwrap();
    let output = run(&f, &["build", "--quiet"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(snapshot(&f.out()) == built, "the accepted output is rebuilt and marked");

    std::fs::remove_file(f.out().join(MARK)).unwrap();
    f.write("public/notes.txt", "mine\n");
    let before = snapshot(&f.out());
    refused(&f, &["build"], "it is not empty (notes.txt) and site did not write it");
    assert!(snapshot(&f.out()) == before, "public/ changed");
}

#[test]
fn a_one_domain_build_keeps_the_mark_and_the_other_hosts() {
    let f = Fixture::new("basic");
    f.build_ok();
    let other = std::fs::read(f.out().join("b.example/index.html")).unwrap();
    let output = run(&f, &["build", "--quiet", "--domain", "a"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(f.out().join(MARK).is_file());
    assert_eq!(std::fs::read(f.out().join("b.example/index.html")).unwrap(), other);
}

#[test]
fn folders_of_dead_builds_are_removed_and_live_or_foreign_ones_kept() {
    let f = Fixture::new("basic");
    f.build_ok();
    let mark = std::fs::read(f.out().join(MARK)).unwrap();
    let dead = dead_pid();
    let folder = |name: String, marked: bool| {
        let dir = f.root().join(name);
        std::fs::create_dir_all(dir.join("a.example")).unwrap();
        std::fs::write(dir.join("a.example/index.html"), "x").unwrap();
        if marked {
            std::fs::write(dir.join(MARK), &mark).unwrap();
        }
        dir
    };
    let dead_staging = folder(format!(".public.staging-{dead}"), true);
    let dead_old = folder(format!(".public.old-{dead}"), true);
    let dead_host = folder(format!("public/.a.example.old-{dead}"), false);
    // This test process is alive: its folder could be a concurrent build's.
    let live = folder(format!(".public.staging-{}", std::process::id()), true);
    let foreign = folder(format!(".public.old-{}", dead + 1_000_000), false);
    let output = run(&f, &["build", "--quiet", "--domain", "a"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!dead_staging.exists() && !dead_old.exists(), "a dead build's folders were kept");
    assert!(!dead_host.exists(), "a dead one-domain build's old host folder was kept");
    assert!(live.join("a.example/index.html").exists(), "a live build's folder was removed");
    assert!(foreign.join("a.example/index.html").exists(), "an unmarked folder was removed");
}

#[test]
fn aliases_that_climb_out_write_nothing_outside_the_output() {
    let f = Fixture::new("basic");
    f.build_ok();
    let before = snapshot(&f.out());
    let outside = |root: &Path| listing(root).into_iter().filter(|p| !p.starts_with("public")).collect::<BTreeSet<_>>();
    let sources = outside(f.root());
    for alias in ["/../../escaped/", "../../escaped", "/x/../../../escaped/", "/../../../../../../../escaped/"] {
        f.write("content/about.md", &format!("---\ntitle: About\naliases: [\"{alias}\"]\n---\nAbout.\n"));
        let output = run(&f, &["build", "--no-cache"]);
        let text = stderr(&output);
        // The assemble stage may refuse the alias first (1); the write stage refuses it (2).
        assert!(matches!(output.status.code(), Some(1 | 2)), "alias {alias}: {text}");
        assert!(text.contains("escaped"), "alias {alias}: the message names the path:\n{text}");
        assert!(snapshot(&f.out()) == before, "alias {alias}: public/ changed");
        let written: Vec<_> = outside(f.root()).difference(&sources).cloned().collect();
        assert!(written.iter().all(|p| p.starts_with("content")), "alias {alias} wrote {written:?}");
    }
}

#[test]
fn the_cache_folder_deletes_only_its_own_entries() {
    let f = Fixture::new("basic");
    f.write("shared/keep.txt", "mine\n");
    f.write("shared/md-notes/plan.md", "mine\n");
    f.write("shared/md-1/mine.txt", "mine\n");
    let before = snapshot(&f.root().join("shared"));
    for _ in 0..2 {
        let output = run(&f, &["build", "--quiet", "--cache", "shared"]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let after = snapshot(&f.root().join("shared"));
    assert!(before.iter().all(|(path, bytes)| after.get(path) == Some(bytes)), "a file the cache did not make is gone");
    assert!(after.keys().any(|p| p.starts_with("md-3/") && p.ends_with(".json")), "the cache was not written");
}

#[test]
fn a_cache_format_folder_with_other_files_is_neither_written_nor_pruned() {
    let f = Fixture::new("basic");
    f.write("shared/md-3/mine.txt", "mine\n");
    let output = run(&f, &["build", "--quiet", "--cache", "shared"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let names: Vec<PathBuf> = listing(&f.root().join("shared/md-3")).into_iter().collect();
    assert_eq!(names, [PathBuf::new(), PathBuf::from("mine.txt")]);
}
