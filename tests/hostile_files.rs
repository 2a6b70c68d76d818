//! What the build reads (issue 12): links stay inside the site root, only regular files
//! are opened, every kind of file has a size limit, deep YAML and wide tables are
//! refused before they cost anything, editors' debris is ignored, file names give one
//! URL whichever OS saved them, dates are real. Each refusal is checked with the binary:
//! exit code, the located message, a bounded time (a hang is killed, never waited for),
//! and `public/` unchanged.
#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::{attrs, snapshot, Fixture};

/// Longest any command here may take; a FIFO opened for reading would block for ever.
const BOUND: Duration = Duration::from_secs(60);

/// Runs `site` with `args` in the fixture root; kills it if it outlives [`BOUND`].
fn run_bounded(f: &Fixture, args: &[&str]) -> (Option<i32>, String) {
    let child = site(f, args).stdout(Stdio::null()).spawn().expect("run site");
    let (code, stderr) = finish_bounded(child);
    (code, stderr)
}

fn site(f: &Fixture, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_site"));
    command.args(args).current_dir(f.root()).stdin(Stdio::null()).stderr(Stdio::piped());
    command
}

fn finish_bounded(mut child: Child) -> (Option<i32>, String) {
    let mut stderr = child.stderr.take().expect("stderr");
    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        let _ = done.send(text);
    });
    match finished.recv_timeout(BOUND) {
        Ok(text) => (child.wait().expect("wait").code(), text),
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`site` did not finish within {BOUND:?}");
        }
    }
}

/// Builds the fixture, applies `damage`, then checks `build` and `check` both fail with
/// exit 1 and `expected` in their output, in bounded time, leaving `public/` as it was.
fn refused(case: &str, damage: impl FnOnce(&Fixture), expected: &str) -> String {
    let f = Fixture::new(case);
    f.build_ok();
    let before = snapshot(&f.out());
    damage(&f);
    let mut out = String::new();
    for command in ["build", "check"] {
        let (code, stderr) = run_bounded(&f, &[command]);
        assert_eq!(code, Some(1), "{command}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(stderr.contains(expected), "{command}: expected `{expected}` in:\n{stderr}");
        out = stderr;
    }
    assert!(snapshot(&f.out()) == before, "public/ changed");
    out
}

fn link(target: &Path, at: &Path) {
    std::os::unix::fs::symlink(target, at).expect("symlink");
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

/// A file outside the fixture's root, and its real path as the diagnostic names it.
fn outside_file(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("secret.txt");
    std::fs::write(&path, text).expect("write");
    let real = std::fs::canonicalize(&path).expect("canonical");
    (dir, real)
}

// Item 4: symbolic links leave the site.

#[test]
fn a_link_out_of_the_site_is_refused_where_it_is() {
    let (_keep, secret) = outside_file("root:x:0:0\n");
    let expected =
        format!("error[E008]: content/docs/passwd.txt: symbolic link to {}, outside the site root", secret.display());
    let stderr = refused("basic", |f| link(&secret, &f.root().join("content/docs/passwd.txt")), &expected);
    assert!(stderr.contains("hint: copy the file into the site"), "{stderr}");
}

#[test]
fn a_linked_folder_out_of_the_site_is_refused() {
    let (keep, secret) = outside_file("x");
    let folder = secret.parent().expect("parent").to_path_buf();
    let expected = format!("content/docs/etc: symbolic link to {}, outside the site root", folder.display());
    refused("basic", |f| link(keep.path(), &f.root().join("content/docs/etc")), &expected);
}

#[test]
fn data_config_strings_and_themes_may_not_link_out() {
    let (_keep, secret) = outside_file("brand: {}\n");
    let outside = format!("symbolic link to {}, outside the site root", secret.display());
    for file in ["content/site.yaml", "content/i18n/en.yaml", "content/products/widget.yaml"] {
        refused(
            "pricing-basic",
            |f| {
                std::fs::remove_file(f.root().join(file)).expect("remove");
                link(&secret, &f.root().join(file));
            },
            &format!("error[E008]: {file}: {outside}"),
        );
    }
    let themes = tempfile::tempdir().expect("temp dir");
    let real = std::fs::canonicalize(themes.path()).expect("canonical").join("default");
    refused(
        "basic",
        |f| {
            std::fs::rename(f.root().join("themes/default"), &real).expect("move theme out");
            link(&real, &f.root().join("themes/default"));
        },
        &format!("error[E008]: themes/default: symbolic link to {}, outside the site root", real.display()),
    );
}

#[test]
fn links_inside_the_site_are_followed() {
    let f = Fixture::new("basic");
    f.write("shared/logo.txt", "logo\n");
    // Files are published when a page links to them.
    f.write("shared/notes.md", "---\ntitle: Shared notes\n---\nShared, with [the logo](logo.txt).\n");
    link(&f.root().join("shared/logo.txt"), &f.root().join("content/docs/logo.txt"));
    link(Path::new("../../shared/notes.md"), &f.root().join("content/docs/notes.md"));
    f.build_ok();
    assert_eq!(f.read("a.example/docs/logo.txt"), "logo\n");
    assert_eq!(common::texts(&f.html("a.example/docs/notes/index.html"), "main h1"), ["Shared notes"]);
}

// Item 6: only regular files are read, with a size bound per kind.

#[test]
fn fifos_are_refused_not_waited_for() {
    let fifo = "this is a FIFO (named pipe), not a regular file";
    for (case, file) in [
        ("pricing-basic", "content/products/p.yaml"),
        ("basic", "content/docs/pipe.md"),
        ("basic", "content/docs/pipe.pdf"),
        ("basic", "content/i18n/xx.yaml"),
    ] {
        refused(case, |f| mkfifo(&f.root().join(file)), &format!("error[E009]: {file}: {fifo}"));
    }
    refused(
        "basic",
        |f| {
            std::fs::remove_file(f.root().join("content/site.yaml")).expect("remove");
            mkfifo(&f.root().join("content/site.yaml"));
        },
        &format!("error[E009]: content/site.yaml: {fifo}"),
    );
}

#[test]
fn serve_reports_a_fifo_site_yaml_instead_of_hanging() {
    let f = Fixture::new("basic");
    std::fs::remove_file(f.root().join("content/site.yaml")).expect("remove");
    mkfifo(&f.root().join("content/site.yaml"));
    let mut child = site(&f, &["serve", "--port", "0"]).stdout(Stdio::null()).spawn().expect("serve");
    let stderr = child.stderr.take().expect("stderr");
    let (line_sent, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line_sent.send(line).is_err() {
                break;
            }
        }
    });
    let expected = "content/site.yaml: this is a FIFO (named pipe), not a regular file";
    let mut seen = String::new();
    let found = loop {
        match lines.recv_timeout(BOUND) {
            Ok(line) if line.contains(expected) => break true,
            Ok(line) => seen.push_str(&format!("{line}\n")),
            Err(_) => break false,
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    assert!(found, "serve never reported the FIFO; it printed:\n{seen}");
}

#[test]
fn a_yaml_link_to_dev_zero_is_refused() {
    refused(
        "pricing-basic",
        |f| link(Path::new("/dev/zero"), &f.root().join("content/pricing/zero.yaml")),
        "error[E008]: content/pricing/zero.yaml: symbolic link to /dev/zero, outside the site root",
    );
}

#[test]
fn every_kind_of_file_has_a_size_limit() {
    let sized = |f: &Fixture, rel: &str, bytes: u64| {
        let file = std::fs::File::create(f.root().join(rel)).expect("create");
        file.set_len(bytes).expect("sparse file");
    };
    refused(
        "basic",
        |f| sized(f, "content/docs/video.bin", 33 * 1024 * 1024),
        "error[E007]: content/docs/video.bin: file is 33.0 MB; static files are limited to 32 MB",
    );
    refused(
        "pricing-basic",
        |f| sized(f, "content/products/huge.yaml", 2 * 1024 * 1024),
        "error[E007]: content/products/huge.yaml: file is 2.0 MB; YAML files are limited to 1 MB",
    );
    refused(
        "basic",
        |f| sized(f, "themes/default/static/huge.css", 40 * 1024 * 1024),
        "file is 40.0 MB; static files are limited to 32 MB",
    );
}

// Item 7: bounded work for bounded input.

#[test]
fn a_table_with_five_thousand_columns_is_refused_at_its_delimiter_row() {
    let header = "| a ".repeat(5000) + "|\n";
    let delimiter = "|---".repeat(5000) + "|\n";
    let rows = ("| x ".repeat(5000) + "|\n").repeat(10);
    let page = format!("---\ntitle: About\n---\nIntro.\n\n{header}{delimiter}{rows}");
    refused(
        "basic",
        |f| f.write("content/about.md", &page),
        "error[E007]: content/about.md:7:1: table has 5,000 columns; tables are limited to 100 columns",
    );
}

#[test]
fn eighty_thousand_nested_flow_mappings_are_refused_before_parsing() {
    let deep = format!("id: deep\nname: {}{}\n", "{a: ".repeat(80_000), "}".repeat(80_000));
    let stderr = refused(
        "pricing-basic",
        |f| f.write("content/products/deep.yaml", &deep),
        "error[E007]: content/products/deep.yaml:2:263: YAML nested deeper than 64 levels",
    );
    assert!(stderr.lines().all(|l| l.chars().count() < 200), "snippets stay short:\n{stderr}");
}

// Item 8: editor and VCS debris never breaks a build.

#[test]
fn editor_debris_and_dangling_links_are_ignored() {
    let f = Fixture::new("basic");
    let clean = {
        f.build_ok();
        snapshot(&f.out())
    };
    link(Path::new("root@host.4242:1700000000"), &f.root().join("content/.#about.md"));
    link(Path::new("root@host.4242:1700000000"), &f.root().join("content/docs/.#guide.md"));
    link(&f.root().join("nowhere.md"), &f.root().join("content/docs/gone.md"));
    link(&f.root().join("nowhere.yaml"), &f.root().join("content/i18n/gone.yaml"));
    for debris in [
        "content/#about.md#",
        "content/about.md~",
        "content/docs/.guide.md.swp",
        "content/docs/.guide.md.swx",
        "content/docs/4913",
        "content/.DS_Store",
        "content/docs/Thumbs.db",
    ] {
        std::fs::write(f.root().join(debris), b"\xff\xfe not content ---\n").expect("write debris");
    }
    let (code, stderr) = run_bounded(&f, &["build", "--quiet"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(snapshot(&f.out()) == clean, "debris changed the output");
}

// Item 10: URLs do not depend on the OS that saved the file.

#[test]
fn accented_names_have_one_url_in_either_normalisation_form() {
    let nfc = "caf\u{e9}";
    let nfd = "cafe\u{301}";
    for saved in [nfc, nfd] {
        let f = Fixture::new("basic");
        f.write(&format!("content/docs/{saved}.md"), "---\ntitle: Caf\u{e9}\n---\nCoffee.\n");
        f.write("content/docs/r\u{e9}sum\u{e9}.md", "---\ntitle: CV\n---\nCV.\n");
        let links =
            format!("[a](docs/{nfc}.md) [b](docs/{nfd}.md) [c](docs/caf%C3%A9.md) [d](docs/r\u{e9}sum\u{e9}.md)");
        f.write("content/about.md", &format!("---\ntitle: About\n---\n{links}\n"));
        f.build_ok();
        assert!(f.exists("a.example/docs/cafe/index.html"), "saved as {saved:?}");
        assert!(f.exists("a.example/docs/resume/index.html"));
        let hrefs: Vec<String> = attrs(&f.html("a.example/about/index.html"), "main a", "href")
            .into_iter()
            .filter(|h| h.starts_with("/docs/"))
            .collect();
        assert_eq!(hrefs, ["/docs/cafe/", "/docs/cafe/", "/docs/cafe/", "/docs/resume/"], "saved as {saved:?}");
    }
}

// Item 12: dates are real dates.

#[test]
fn an_impossible_date_is_refused_at_its_line() {
    refused(
        "basic",
        |f| f.write("content/about.md", "---\ntitle: About\ndate: 2026-02-30\n---\n"),
        "error[E006]: content/about.md:3:7: `date`: `2026-02-30` is not a real date: February 2026 has 28 days",
    );
}
