//! Incremental rebuilds render only what an edit affects; this checks that what they
//! serve is byte-for-byte what a full build renders, after every edit of a series.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use site::serve::rebuild::Rebuilder;
use site::serve::state::{self, Files};
use site::serve::watch::Scope;
use site::BuildOptions;

use super::common::Fixture;

fn full(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let (files, _) = site::render_site(&BuildOptions::new(root)).expect("full build");
    files.into_iter().map(|f| (f.path, f.bytes)).collect()
}

fn plain(files: &Files) -> BTreeMap<String, Vec<u8>> {
    files.iter().map(|(k, v)| (k.clone(), v.to_vec())).collect()
}

struct Incremental {
    rebuilder: Rebuilder,
    files: Files,
    rendered: Vec<usize>,
}

impl Incremental {
    fn new(root: &Path) -> Incremental {
        let mut me =
            Incremental { rebuilder: Rebuilder::new(BuildOptions::new(root)), files: Files::new(), rendered: vec![] };
        me.step(Scope::Everything);
        me
    }

    fn step(&mut self, scope: Scope) {
        let outcome = self.rebuilder.run(scope).expect("incremental build");
        self.rendered.push(outcome.pages);
        self.files = state::merge(&self.files, outcome.files, &outcome.kept).expect("kept pages exist");
        // The dev server adds the search index after the reload; it must equal a full build's.
        for file in site::pipeline::search_files(&outcome.site) {
            self.files.insert(file.path, Arc::new(file.bytes));
        }
    }
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn assert_same(inc: &Incremental, root: &Path, what: &str) {
    let expected = full(root);
    let got = plain(&inc.files);
    let differ: Vec<&String> = expected.keys().chain(got.keys()).filter(|k| expected.get(*k) != got.get(*k)).collect();
    assert!(differ.is_empty(), "after {what}: incremental output differs from a full build in {differ:?}");
}

#[test]
fn incremental_output_equals_a_full_build_after_every_edit() {
    let f = Fixture::new("basic");
    let root = f.root();
    let mut inc = Incremental::new(root);
    let total = *inc.rendered.last().unwrap();
    let edits: [(&str, &str, &str, &str); 8] = [
        ("body of a page", "content/docs/advanced.md", "Back to the", "Return to the"),
        ("title of a page", "content/docs/guide.md", "title: Guide", "title: The Guide"),
        ("weight (listing order)", "content/docs/advanced.md", "weight: 2", "weight: 0"),
        ("title of a section", "content/docs/_index.md", "title: Docs", "title: Documentation"),
        (
            "title of a record",
            "content/decisions/0001-first-decision.md",
            "title: The first decision",
            "title: Decided",
        ),
        ("status of a record", "content/decisions/0001-first-decision.md", "status: accepted", "status: deprecated"),
        ("a page's date", "content/blog/first-post.md", "date: 2026-01-01", "date: 2025-12-31"),
        ("a translated page", "content/about.md", "title: About", "title: About us"),
    ];
    for (what, rel, from, to) in edits {
        edit(root, rel, from, to);
        inc.step(Scope::Changed);
        assert_same(&inc, root, what);
    }
    let body_edit = inc.rendered[1];
    assert!(body_edit < total, "a body edit re-renders {body_edit} of {total} pages");

    f.write("content/docs/extra.md", "---\ntitle: Extra\n---\nSee [tuning](advanced.md#tuning).\n");
    inc.step(Scope::Changed);
    assert_same(&inc, root, "a new page");
    edit(root, "content/docs/advanced.md", "## Tuning", "## Tuning it");
    edit(root, "content/docs/extra.md", "advanced.md#tuning", "advanced.md#tuning-it");
    edit(root, "content/docs/guide.md", "./advanced.md#tuning", "./advanced.md#tuning-it");
    inc.step(Scope::Changed);
    assert_same(&inc, root, "a renamed heading and its links");
    std::fs::remove_file(root.join("content/docs/extra.md")).unwrap();
    inc.step(Scope::Changed);
    assert_same(&inc, root, "a deleted page");
    let unchanged = Arc::new(inc.files.clone());
    inc.step(Scope::Changed);
    assert!(state::changes(&unchanged, &inc.files).is_empty(), "nothing changed, nothing differs");
}

#[test]
fn incremental_output_equals_a_full_build_on_the_real_content() {
    let f = Fixture::real();
    let root = f.root();
    let mut inc = Incremental::new(root);
    let decisions: Vec<String> = std::fs::read_dir(root.join("content/decisions"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".md") && !n.starts_with('_'))
        .collect();
    let record = format!("content/decisions/{}", decisions.iter().min().expect("a decision record"));
    edit(root, &record, "title: ", "title: Edited ");
    inc.step(Scope::Changed);
    assert_same(&inc, root, "a record's title");
    edit(root, "content/vision.md", "title: ", "title: Edited ");
    inc.step(Scope::Changed);
    assert_same(&inc, root, "the vision page's title");
    let text = std::fs::read_to_string(root.join("content/vision.md")).unwrap();
    std::fs::write(root.join("content/vision.md"), format!("{text}\nOne more paragraph.\n")).unwrap();
    inc.step(Scope::Changed);
    assert_same(&inc, root, "the vision page's body");
}
