//! One fixture harness: copy `tests/fixtures/<case>/` (plus the repository's
//! themes and UI strings, unless the fixture has its own) into a temp dir, build it,
//! and read the output back.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};
use site::{BuildOptions, BuildReport, Error};
use tempfile::TempDir;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture copied into a temp dir.
pub struct Fixture {
    pub dir: TempDir,
}

impl Fixture {
    /// Copies `tests/fixtures/<case>` and fills in `themes/` and `content/i18n/`.
    pub fn new(case: &str) -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&repo().join("tests/fixtures").join(case), dir.path());
        if !dir.path().join("themes").exists() {
            copy_dir(&repo().join("themes"), &dir.path().join("themes"));
        }
        if !dir.path().join("content/i18n").exists() {
            copy_dir(&repo().join("content/i18n"), &dir.path().join("content/i18n"));
        }
        Fixture { dir }
    }

    /// The real site: `content/` and `themes/` of the repository.
    pub fn real() -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&repo().join("content"), &dir.path().join("content"));
        copy_dir(&repo().join("themes"), &dir.path().join("themes"));
        Fixture { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions::new(self.root())
    }

    pub fn build(&self) -> Result<BuildReport, Error> {
        site::build(&self.options())
    }

    /// Builds and panics with the diagnostics on failure.
    pub fn build_ok(&self) -> BuildReport {
        match self.build() {
            Ok(report) => report,
            Err(Error::Content(ds)) => {
                panic!("build failed:\n{}", ds.iter().map(ToString::to_string).collect::<String>())
            }
            Err(e) => panic!("build failed: {e}"),
        }
    }

    /// Builds and returns the content diagnostics it failed with.
    pub fn build_err(&self) -> Vec<site::diagnostics::Diagnostic> {
        match self.build() {
            Err(Error::Content(ds)) => ds,
            Ok(_) => panic!("build unexpectedly succeeded"),
            Err(e) => panic!("unexpected error kind: {e}"),
        }
    }

    /// Writes (or overwrites) a file under the root.
    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Reads an output file, e.g. `a.example/docs/guide/index.html`.
    pub fn read(&self, rel: &str) -> String {
        let path = self.out().join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.out().join(rel).exists()
    }

    /// Parses an output HTML file.
    pub fn html(&self, rel: &str) -> Html {
        Html::parse_document(&self.read(rel))
    }

    /// Runs the `site` binary with `args` in the fixture root.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_site")).args(args).current_dir(self.root()).output().expect("run site")
    }
}

/// Builds the `basic` fixture, applies `damage`, rebuilds with the binary and checks the
/// failure: exit code, no panic, stderr holding every `expected` text, a bounded time and
/// the output left as it was. Returns stderr.
pub fn fails_cleanly_with(damage: impl FnOnce(&Fixture), code: i32, expected: &[&str]) -> String {
    let f = Fixture::new("basic");
    f.build_ok();
    let before = snapshot(&f.out());
    damage(&f);
    let started = std::time::Instant::now();
    let run = f.run(&["build"]);
    assert!(started.elapsed() < std::time::Duration::from_secs(30), "took {:?}", started.elapsed());
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert_eq!(run.status.code(), Some(code), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for text in expected {
        assert!(stderr.contains(text), "expected `{text}` in:\n{stderr}");
    }
    assert!(snapshot(&f.out()) == before, "public/ changed");
    stderr
}

/// Every file under `dir`, relative path → bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut map = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            map.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    map
}

/// Text of every element matching `selector`.
pub fn texts(doc: &Html, selector: &str) -> Vec<String> {
    let sel = Selector::parse(selector).expect("selector");
    doc.select(&sel).map(|e| e.text().collect::<String>().trim().to_owned()).collect()
}

/// An attribute of every element matching `selector`.
pub fn attrs(doc: &Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = Selector::parse(selector).expect("selector");
    doc.select(&sel).filter_map(|e| e.value().attr(attr).map(str::to_owned)).collect()
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs the W3C Nu HTML checker over every `.html` file under `dir`: `Some(report)`
/// when it ran (empty when valid), `None` when java or the jar is missing outside CI.
pub fn nu_check(dir: &Path) -> Option<String> {
    let jar = std::env::var_os("VNU_JAR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join(".tools/node_modules/vnu-jar/build/dist/vnu.jar"));
    let java = Command::new("java").arg("-version").output().is_ok_and(|o| o.status.success());
    if !(jar.is_file() && java) {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "the Nu HTML checker is required under CI");
        eprintln!("skipped: the Nu HTML checker is not installed (run ./scripts/test, or set VNU_JAR)");
        return None;
    }
    let pages: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().to_path_buf())
        .collect();
    let output = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "text"])
        .args(&pages)
        .output()
        .expect("run vnu");
    if output.status.success() {
        Some(String::new())
    } else {
        Some(String::from_utf8_lossy(&output.stderr).into_owned() + &String::from_utf8_lossy(&output.stdout))
    }
}
