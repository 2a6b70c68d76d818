//! Markdown nobody here wrote: the `*.md` files of the crates in the cargo registry
//! (present after any build, so on CI too) built as pages of a scratch site. The build
//! must not panic; every id the rendered HTML holds must be a link target; and no
//! `#anchor` error may name an id the target page holds. Links to files the scratch site
//! lacks fail the build (E020), so only anchor diagnostics are judged.
//!
//! `SITE_CORPUS_ALL=1` lifts the cap on files; `SITE_CORPUS_DIRS=a:b` adds folders of
//! Markdown of your own (a checkout's `docs/`), for a run by hand.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use scraper::{Html, Selector};
use site::diagnostics::{Code, Diagnostic};
use site::markdown::{self, Highlighter, Labels};

/// Files built by default: enough variety, still a few seconds in a debug build.
const CAP: usize = 250;
/// Bigger files (long changelogs) add time, not variety.
const MAX_BYTES: u64 = 200_000;

/// `(group, folder)` pairs to read Markdown from: each crate of the registry's source
/// folder, then the folders named in `SITE_CORPUS_DIRS`.
fn sources() -> Vec<(String, PathBuf)> {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    let mut found = Vec::new();
    if let Some(src) = cargo_home.map(|h| h.join("registry/src")) {
        for registry in sorted_dirs(&src) {
            found.extend(sorted_dirs(&registry).into_iter().map(|krate| (name(&krate), krate)));
        }
    }
    for dir in std::env::var("SITE_CORPUS_DIRS").unwrap_or_default().split(':').filter(|d| !d.is_empty()) {
        found.push((name(Path::new(dir)), PathBuf::from(dir)));
    }
    found
}

fn sorted_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    dirs.sort();
    dirs
}

fn name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// `(content path under r/, text)` of each Markdown file, in a stable order.
fn gather(cap: usize) -> Vec<(String, String)> {
    let mut pages = Vec::new();
    for (group, root) in sources() {
        let walk = walkdir::WalkDir::new(&root).sort_by_file_name().into_iter().filter_map(Result::ok);
        for entry in walk {
            let path = entry.path();
            let is_md = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("md"));
            let small = entry.metadata().is_ok_and(|m| m.len() <= MAX_BYTES);
            // `_index.md` would be a section page here, and `target/` holds build output.
            let skipped = entry.file_name() == "_index.md" || path.components().any(|c| c.as_os_str() == "target");
            if !entry.file_type().is_file() || !is_md || !small || skipped {
                continue;
            }
            let (Ok(rel), Ok(text)) = (path.strip_prefix(&root), std::fs::read_to_string(path)) else { continue };
            pages.push((format!("{group}/{}", rel.to_string_lossy()), text));
            if pages.len() == cap {
                return pages;
            }
        }
    }
    pages
}

/// A site with one domain publishing `content/r/`, a page per file, and a page whose
/// link is broken on purpose (proof that links were checked).
fn scratch_site(pages: &[(String, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    let yaml = "brand: {name: Corpus, tagline: Scratch}\ndomains:\n  - {key: a, host: a.example, \
                base_url: 'https://a.example', language: en, direction: ltr, currency: USD, title: Corpus, \
                sections: [r]}\n";
    write("content/site.yaml", yaml);
    write("content/_index.md", "---\ntitle: Home\n---\nHome.\n");
    write("content/r/sentinel.md", "---\ntitle: Sentinel\n---\n[x](#no-such-id-anywhere)\n");
    for (rel, text) in pages {
        let title = serde_json::to_string(rel).expect("title");
        write(&format!("content/r/{rel}"), &format!("---\ntitle: {title}\n---\n{text}"));
    }
    let repo = common::repo();
    for (from, to) in [("themes", "themes"), ("content/i18n", "content/i18n")] {
        copy(&repo.join(from), &dir.path().join(to));
    }
    dir
}

fn copy(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let target = to.join(entry.path().strip_prefix(from).expect("under"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Every id an HTML body holds: `id` on any element, `name` on `<a>`.
fn ids_in(html: &str) -> BTreeSet<String> {
    let doc = Html::parse_document(html);
    let with_id = Selector::parse("[id]").expect("selector");
    let named = Selector::parse("a[name]").expect("selector");
    let ids = doc.select(&with_id).filter_map(|e| e.value().attr("id"));
    let names = doc.select(&named).filter_map(|e| e.value().attr("name"));
    ids.chain(names).filter(|v| !v.is_empty()).map(str::to_owned).collect()
}

/// The page path and the id of an E021 diagnostic
/// ("link to `…`: no heading `#ID` in content/r/PATH").
fn missing_anchor(d: &Diagnostic) -> Option<(String, String)> {
    let after = d.message.split_once(": no heading `#")?.1;
    let (id, path) = after.rsplit_once("` in content/r/")?;
    Some((path.to_owned(), id.to_owned()))
}

#[test]
fn markdown_of_the_registry_builds_and_every_id_is_a_target() {
    let cap = if std::env::var_os("SITE_CORPUS_ALL").is_some() { usize::MAX } else { CAP };
    let pages = gather(cap);
    if pages.is_empty() {
        eprintln!("skipped: no Markdown under the cargo registry (CARGO_HOME or ~/.cargo) or SITE_CORPUS_DIRS");
        return;
    }
    let started = Instant::now();
    let site = scratch_site(&pages);

    // Rendered alone, each body's ids are exactly its anchors.
    let highlighter = Highlighter::new();
    let labels = Labels::default();
    let ids: HashMap<&str, BTreeSet<String>> = pages
        .par_iter()
        .map(|(rel, text)| {
            let rendered = markdown::render(text, &highlighter, &labels);
            let anchors: BTreeSet<String> = rendered.anchors.iter().cloned().collect();
            let found = ids_in(&rendered.html);
            assert_eq!(found, anchors, "ids of {rel} differ from its anchors");
            (rel.as_str(), found)
        })
        .collect();
    let rendered_in = started.elapsed();

    let diagnostics = match site::build(&site::BuildOptions::new(site.path())) {
        Ok(report) => report.warnings,
        Err(site::Error::Content(ds)) => ds,
        Err(other) => panic!("the build stopped: {other}"),
    };
    let anchor_errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.code == Some(Code::E021)).collect();
    assert!(
        anchor_errors.iter().any(|d| d.message.contains("#no-such-id-anywhere")),
        "links were not checked: {diagnostics:#?}"
    );
    let mut false_errors = Vec::new();
    for d in &anchor_errors {
        let Some((rel, id)) = missing_anchor(d) else { continue };
        let Some(ids) = ids.get(rel.as_str()) else { continue };
        if ids.contains(&id) || ids.contains(&id.to_lowercase()) {
            false_errors.push(d.to_string());
        }
    }
    eprintln!(
        "{} files, {} anchor errors (1 on purpose), {} other diagnostics; rendered in {:?}, built in {:?}",
        pages.len(),
        anchor_errors.len(),
        diagnostics.len() - anchor_errors.len(),
        rendered_in,
        started.elapsed() - rendered_in
    );
    assert!(false_errors.is_empty(), "anchor errors for ids the page holds:\n{}", false_errors.join("\n"));
}
