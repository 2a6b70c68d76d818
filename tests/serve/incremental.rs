//! Incremental rebuilds render only what an edit affects; this checks that what they
//! serve is byte-for-byte what a full build renders, after every edit of a series.

use std::collections::BTreeMap;
use std::path::Path;

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
    files.iter().map(|(k, v)| (k.clone(), v.bytes().to_vec())).collect()
}

struct Incremental {
    rebuilder: Rebuilder,
    files: Files,
    rendered: Vec<usize>,
    /// What the last step changed (before the search index was added).
    changed: Vec<String>,
}

impl Incremental {
    fn new(root: &Path) -> Incremental {
        let mut me = Incremental {
            rebuilder: Rebuilder::new(BuildOptions::new(root)),
            files: Files::new(),
            rendered: vec![],
            changed: vec![],
        };
        me.step(Scope::Everything);
        me
    }

    fn step(&mut self, scope: Scope) {
        let outcome = self.rebuilder.run(scope).expect("incremental build");
        self.take(outcome);
    }

    /// A rebuild after a batch naming `changed` (root-relative); the files read again
    /// (`None`: the whole tree was loaded).
    fn after(&mut self, root: &Path, changed: &[&str]) -> Option<Vec<String>> {
        let paths: Vec<std::path::PathBuf> = changed.iter().map(|rel| root.join(rel)).collect();
        let outcome = self.rebuilder.run_after(Scope::Changed, Some(&paths)).expect("incremental build");
        let reread = outcome.reread.clone().map(|r| r.iter().map(|p| p.to_string_lossy().into_owned()).collect());
        self.take(outcome);
        reread
    }

    fn take(&mut self, outcome: site::serve::rebuild::Outcome) {
        self.rebuilder.keep(&outcome.site);
        self.rendered.push(outcome.pages);
        let merged = state::merge(&self.files, outcome.files, &outcome.kept, site::search::is_index_file)
            .expect("kept pages exist");
        self.changed = merged.changed;
        self.files = merged.files;
        // The dev server replaces the search index after the reload; it must equal a full build's.
        self.files.retain(|path, _| !site::search::is_index_file(path));
        for file in site::pipeline::search_files(&outcome.site) {
            self.files.extend(state::pack(vec![file]));
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
    let unchanged = inc.files.clone();
    inc.step(Scope::Changed);
    assert_eq!(inc.changed, Vec::<String>::new(), "nothing changed, nothing differs");
    assert_eq!(plain(&unchanged), plain(&inc.files));
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

#[test]
fn an_edit_reads_only_the_edited_files_and_serves_what_a_full_build_would() {
    let f = Fixture::new("basic");
    let root = f.root().canonicalize().unwrap();
    let root = root.as_path();
    let mut inc = Incremental::new(root);
    let one = |rel: &str| Some(vec![rel.to_owned()]);
    let page = "content/docs/advanced.md";
    edit(root, page, "Back to the", "Return to the");
    assert_eq!(inc.after(root, &[page]), one(page), "a body edit");
    assert_same(&inc, root, "a body edit");
    let guide = "content/docs/guide.md";
    edit(root, guide, "title: Guide", "title: The Guide");
    // Editors' debris in the same batch is not read.
    f.write("content/docs/.guide.md.swp", "junk");
    assert_eq!(inc.after(root, &[guide, "content/docs/.guide.md.swp"]), one(guide), "a title a section lists");
    assert_same(&inc, root, "a title a section lists");
    edit(root, page, "## Tuning", "## Tuning it");
    edit(root, guide, "./advanced.md#tuning", "./advanced.md#tuning-it");
    let both = Some(vec![page.to_owned(), guide.to_owned()]);
    assert_eq!(inc.after(root, &[page, guide, page]), both, "a link target and its link");
    assert_same(&inc, root, "a link target and its link");
    f.write("content/docs/extra.md", "---\ntitle: Extra\n---\nSee [tuning](advanced.md#tuning-it).\n");
    assert_eq!(inc.after(root, &["content/docs/extra.md"]), None, "a new file loads the whole tree");
    assert_same(&inc, root, "a file added");
    let extra = "content/docs/extra.md";
    edit(root, extra, "See [", "Read [");
    assert_eq!(inc.after(root, &[extra]), one(extra));
    assert_same(&inc, root, "an edit of the added file");
    edit(root, extra, "title: Extra", "title: Extra\ndraft: true");
    assert_eq!(inc.after(root, &[extra]), None, "a page made a draft loads the whole tree");
    assert_same(&inc, root, "a page made a draft");
    edit(root, extra, "\ndraft: true", "");
    assert_eq!(inc.after(root, &[extra]), None, "a draft is not loaded, so it is read with the rest");
    assert_same(&inc, root, "a draft published");
    std::fs::remove_file(root.join(extra)).unwrap();
    assert_eq!(inc.after(root, &[extra]), None, "a removed file loads the whole tree");
    assert_same(&inc, root, "a file removed");
    let record = "content/decisions/0001-first-decision.md";
    edit(root, record, "title: The first decision", "title: Decided");
    assert_eq!(inc.after(root, &[record]), one(record), "a record's title");
    assert_same(&inc, root, "a record's title");
    edit(root, "content/site.yaml", "title: Site A", "title: Site A");
    assert_eq!(inc.after(root, &["content/site.yaml", page]), None, "configuration loads the whole tree");
    assert_same(&inc, root, "configuration");
}

#[test]
fn a_heading_removed_breaks_the_links_to_it_from_pages_not_read_again() {
    let f = Fixture::new("basic");
    let root = f.root().canonicalize().unwrap();
    let root = root.as_path();
    let mut inc = Incremental::new(root);
    // guide.md links to `./advanced.md#tuning`; only advanced.md is read again.
    let page = "content/docs/advanced.md";
    edit(root, page, "## Tuning", "## Tweaks");
    let paths = [root.join(page)];
    let Err(site::pipeline::Error::Content(found)) = inc.rebuilder.run_after(Scope::Changed, Some(&paths)) else {
        panic!("a link to a heading that is gone must fail the build");
    };
    let found: Vec<String> =
        found.iter().map(|d| format!("{}:{}:{}: {}", d.path.display(), d.line, d.column, d.message)).collect();
    let expected =
        "content/docs/guide.md:31:52: link to `./advanced.md#tuning`: no heading `#tuning` in content/docs/advanced.md";
    assert_eq!(found, [expected]);
    edit(root, page, "## Tweaks", "## Tuning");
    let outcome = inc.rebuilder.run_after(Scope::Changed, Some(&paths)).expect("fixed");
    inc.take(outcome);
    assert_same(&inc, root, "the heading back");
    // And a link made to resolve again by an edit elsewhere: the heading renamed with it.
    let guide = "content/docs/guide.md";
    edit(root, page, "## Tuning", "## Tuning it");
    edit(root, guide, "./advanced.md#tuning", "./advanced.md#tuning-it");
    assert_eq!(inc.after(root, &[page, guide]), Some(vec![page.to_owned(), guide.to_owned()]));
    assert_same(&inc, root, "both edited");
    edit(root, guide, "./advanced.md#tuning-it", "./advanced.md#Tuning-It");
    assert_eq!(inc.after(root, &[guide]), Some(vec![guide.to_owned()]), "a link's own edit");
    assert_same(&inc, root, "a link written as GitHub reads it");
}

#[test]
fn a_data_edit_loads_the_whole_tree_and_serves_what_a_full_build_would() {
    let f = Fixture::new("pricing-basic");
    let root = f.root().canonicalize().unwrap();
    let root = root.as_path();
    let mut inc = Incremental::new(root);
    let data = "content/pricing/widget.yaml";
    edit(root, data, "USD: 490,", "USD: 590,");
    // The home page shows the lowest price: data edits render everything (see `watch::plan`).
    let paths = [root.join(data)];
    let outcome = inc.rebuilder.run_after(Scope::Everything, Some(&paths)).expect("builds");
    assert_eq!(outcome.reread, None);
    inc.take(outcome);
    assert_same(&inc, root, "a price edit");
    let page = "content/contact.md";
    std::fs::write(root.join(page), std::fs::read_to_string(root.join(page)).unwrap() + "\nOne more line.\n").unwrap();
    assert_eq!(inc.after(root, &[page]), Some(vec![page.to_owned()]));
    assert_same(&inc, root, "a page edit on a priced site");
}

#[test]
fn a_failed_build_is_never_patched_by_a_later_edit() {
    let f = Fixture::new("basic");
    let root = f.root().canonicalize().unwrap();
    let root = root.as_path();
    let mut inc = Incremental::new(root);
    let (guide, page) = ("content/docs/guide.md", "content/docs/advanced.md");
    edit(root, guide, "title: Guide", "title: [unclosed");
    let paths = [root.join(guide)];
    assert!(inc.rebuilder.run_after(Scope::Changed, Some(&paths)).is_err(), "broken front matter fails");
    // The broken page is still broken: an edit elsewhere must not build from its old text.
    edit(root, page, "Back to the", "Return to the");
    let paths = [root.join(page)];
    assert!(inc.rebuilder.run_after(Scope::Changed, Some(&paths)).is_err(), "still failing");
    edit(root, guide, "title: [unclosed", "title: Guide");
    let paths = [root.join(guide)];
    let outcome = inc.rebuilder.run_after(Scope::Changed, Some(&paths)).expect("fixed");
    assert_eq!(outcome.reread, None, "after a failure the whole tree is read");
    inc.take(outcome);
    assert_same(&inc, root, "the fix");
}

#[cfg(unix)]
#[test]
fn a_page_replaced_by_a_link_leaving_the_site_is_never_served() {
    let f = Fixture::new("basic");
    let root = f.root().canonicalize().unwrap();
    let root = root.as_path();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.md");
    std::fs::write(&secret, "---\ntitle: Secret\n---\nThe secret.\n").unwrap();
    let mut inc = Incremental::new(root);
    let page = root.join("content/docs/advanced.md");
    std::fs::remove_file(&page).unwrap();
    std::os::unix::fs::symlink(&secret, &page).unwrap();
    let error = inc.rebuilder.run_after(Scope::Changed, Some(&[page])).expect_err("a link leaving the site");
    assert!(error.to_string().contains("error"), "{error}");
    let folder = root.join("content/docs");
    let moved = root.join("content/docs-old");
    std::fs::rename(&folder, &moved).unwrap();
    std::os::unix::fs::symlink(outside.path(), &folder).unwrap();
    // Only the page's path is in this batch, as if the folder's events were lost.
    let paths = [folder.join("secret.md")];
    assert!(inc.rebuilder.run_after(Scope::Changed, Some(&paths)).is_err(), "a folder linked outside the site");
}

#[test]
fn the_dev_server_holds_no_body_html_and_an_edit_renders_only_its_pages() {
    // The in-memory cache keeps what assembling reads, not the HTML: the render stage
    // makes each rendered page's body again, highlighted, and every page it does not
    // render is served as it was. The real content has code, raw HTML and several domains.
    let f = Fixture::real();
    let root = f.root().canonicalize().unwrap();
    let root = root.as_path();
    let mut rebuilder = Rebuilder::new(BuildOptions::new(root));
    let first = rebuilder.run(Scope::Everything).expect("first build");
    assert!(first.site.remake.is_some(), "bodies are made again when rendered");
    assert!(first.site.rendered.iter().all(|r| r.html.is_empty()), "no body HTML is held after parsing");
    let mut inc = Incremental { rebuilder, files: Files::new(), rendered: vec![], changed: vec![] };
    inc.take(first);
    assert_same(&inc, root, "the first build");

    let page = "content/vision.md";
    let text = std::fs::read_to_string(root.join(page)).unwrap();
    let code = "\n```rust\nfn edited_in_serve() -> u32 {\n    42\n}\n```\n";
    std::fs::write(root.join(page), format!("{text}{code}")).unwrap();
    let before = inc.files.clone();
    let outcome = inc.rebuilder.run_after(Scope::Changed, Some(&[root.join(page)])).expect("an edit");
    assert_eq!(outcome.reread.as_ref().map(Vec::len), Some(1), "only the edited file is read");
    assert!(outcome.site.rendered.iter().all(|r| r.html.is_empty()), "still no body HTML held");
    assert!(!outcome.kept.is_empty(), "a body edit renders a few pages, not all");
    let kept = outcome.kept.clone();
    inc.take(outcome);
    for path in &kept {
        assert!(
            std::sync::Arc::ptr_eq(&before[path], &inc.files[path]),
            "{path} was not rendered, so it is served as it was"
        );
    }
    assert_same(&inc, root, "a body edit adding a code block");
    let edited = plain(&inc.files);
    let html = edited
        .iter()
        .find(|(p, b)| p.ends_with("index.html") && String::from_utf8_lossy(b).contains("edited_in_serve"));
    let (_, html) = html.expect("the edited page is served");
    let doc = scraper::Html::parse_document(&String::from_utf8_lossy(html));
    let spans = scraper::Selector::parse("pre code span[class^='hl-']").unwrap();
    assert!(doc.select(&spans).next().is_some(), "the new code block is highlighted");
}
