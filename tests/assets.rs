//! Page assets (issue 13, item 3): files a page links to are published at the URL its
//! link is rewritten to; a missing or refused file is an error at `file:line:col`;
//! files nobody links to are not published; links to folders reach their section.

mod common;

use common::{attrs, Fixture};

const RECORD: &str = "---\nid: BDR-0001\ntitle: The first decision\nstatus: accepted\ndate: 2026-01-01\n---\n";

fn single(f: &Fixture) -> site::diagnostics::Diagnostic {
    let mut ds = f.build_err();
    assert_eq!(ds.len(), 1, "{ds:#?}");
    ds.remove(0)
}

/// The basic fixture with a record that links `body`.
fn record_linking(body: &str) -> Fixture {
    let f = Fixture::new("basic");
    f.write("content/decisions/0001-first-decision.md", &format!("{RECORD}## Context\n\n{body}\n"));
    f
}

#[test]
fn an_image_beside_a_record_is_published_where_its_src_points() {
    let f = record_linking("The flow: ![the order flow](0001-flow.png) and [the licence](../LICENSE-MIT).");
    f.write("content/decisions/0001-flow.png", "PNG bytes");
    f.write("content/LICENSE-MIT", "Permission is granted.\n");
    f.build_ok();
    let doc = f.html("a.example/decisions/bdr-0001/index.html");
    assert_eq!(attrs(&doc, "main img", "src"), ["/decisions/0001-flow.png"]);
    assert!(attrs(&doc, "main a", "href").contains(&"/LICENSE-MIT".to_owned()));
    assert_eq!(f.read("a.example/decisions/0001-flow.png"), "PNG bytes");
    assert_eq!(f.read("a.example/LICENSE-MIT"), "Permission is granted.\n");
    // Only where a page links to it: domain b publishes no page that does.
    assert!(!f.exists("b.example/decisions/0001-flow.png"));
}

#[test]
fn files_nobody_links_to_are_not_published() {
    let f = record_linking("No pictures.");
    f.write("content/decisions/Makefile", "all:\n\techo hi\n");
    f.write("content/decisions/dump.js", "alert(1)\n");
    f.write("content/docs/notes.pdf", "PDF");
    f.build_ok();
    assert!(!f.exists("a.example/decisions/Makefile"));
    assert!(!f.exists("a.example/decisions/dump.js"));
    assert!(!f.exists("a.example/docs/notes.pdf"));
}

#[test]
fn a_missing_image_is_an_error_at_its_column() {
    let f = record_linking("Before.\n\nThe flow: ![the order flow](0001-flow.png)");
    let d = single(&f);
    assert_eq!(d.location(), "content/decisions/0001-first-decision.md:11:11");
    assert_eq!(d.code.map(|c| c.as_str()), Some("E012"));
    assert_eq!(d.message, "link to `0001-flow.png`: no file content/decisions/0001-flow.png");
}

#[test]
fn a_misspelt_file_gets_the_closest_one() {
    let f = record_linking("[the data](0001-dat.csv)");
    f.write("content/decisions/0001-data.csv", "a,b\n");
    let d = single(&f);
    assert_eq!(d.location(), "content/decisions/0001-first-decision.md:9:1");
    assert_eq!(d.hint.as_deref(), Some("did you mean `0001-data.csv`?"));
}

#[test]
fn paths_out_of_the_content_folder_are_refused() {
    for (link, column) in [("../../etc/passwd", 6), ("%2e%2e/%2e%2e/etc/passwd", 6), ("..%2f..%2f..%2fetc/passwd", 6)] {
        let f = record_linking(&format!("Read [it]({link})."));
        let d = single(&f);
        assert_eq!(d.location(), format!("content/decisions/0001-first-decision.md:9:{column}"), "{link}");
        assert_eq!(d.code.map(|c| c.as_str()), Some("E022"), "{link}");
        assert_eq!(d.message, format!("link to `{link}` leaves the content folder"));
    }
}

#[test]
fn an_absolute_path_is_a_url_on_the_domain_and_never_read() {
    let f = record_linking("![secret](/etc/passwd) and [it](/etc/hostname).");
    f.build_ok();
    let doc = f.html("a.example/decisions/bdr-0001/index.html");
    assert_eq!(attrs(&doc, "main img", "src"), ["/etc/passwd"]);
    assert!(!f.exists("a.example/etc/passwd"));
    assert!(!f.exists("a.example/etc/hostname"));
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_root_is_refused_even_when_linked() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.png"), "secret").unwrap();
    let f = record_linking("![secret](leak.png)");
    std::os::unix::fs::symlink(outside.path().join("secret.png"), f.root().join("content/decisions/leak.png")).unwrap();
    let ds = f.build_err();
    assert!(ds.iter().any(|d| d.code.map(|c| c.as_str()) == Some("E008")), "{ds:#?}");
    assert!(!f.exists("a.example/decisions/leak.png"));
}

#[test]
fn html_and_scripts_from_content_are_refused() {
    let f = record_linking("[the demo](demo.html)");
    f.write("content/decisions/demo.html", "<script>alert(1)</script>");
    let d = single(&f);
    assert_eq!(d.location(), "content/decisions/0001-first-decision.md:9:1");
    assert_eq!(d.code.map(|c| c.as_str()), Some("E013"));
    assert_eq!(
        d.message,
        "link to `demo.html`: content/decisions/demo.html is not published: a browser runs this type of file as part of the site"
    );
    let f = record_linking("![the chart](chart.svg)");
    f.write("content/decisions/chart.svg", "<svg onload=\"steal()\"><rect/></svg>");
    assert_eq!(
        single(&f).message,
        "link to `chart.svg`: content/decisions/chart.svg is not published: this SVG image carries script"
    );
}

#[test]
fn links_to_folders_and_readmes_reach_the_section() {
    let f = record_linking("See [the docs](../docs/), [again](../docs), [the readme](../docs/README.md).");
    f.build_ok();
    let doc = f.html("a.example/decisions/bdr-0001/index.html");
    let hrefs = attrs(&doc, "main p a", "href");
    assert_eq!(hrefs[..3], ["/docs/", "/docs/", "/docs/"], "{hrefs:?}");
}

#[test]
fn a_folder_without_a_section_page_is_an_error() {
    let f = record_linking("See [the blog](../blog/deep/).");
    f.write("content/blog/deep/post.md", "---\ntitle: Post\n---\nText.\n");
    let d = single(&f);
    assert_eq!(d.location(), "content/decisions/0001-first-decision.md:9:5");
    assert_eq!(d.message, "link to `../blog/deep/`: content/blog/deep/ has no section page");
    assert_eq!(d.hint.as_deref(), Some("add content/blog/deep/_index.md, or link to a page inside it"));
}

/// Item 11: an ADR folder without `_index.md` gets a generated log, and links to the
/// folder or its `_index.md` lead there, on its own domain and from another.
#[test]
fn a_records_folder_without_index_links_to_the_generated_log() {
    let f = Fixture::new("basic");
    assert!(!f.root().join("content/decisions/_index.md").exists());
    f.write(
        "content/about.md",
        "---\ntitle: About\n---\n[log](@/decisions/), [again](@/decisions/_index.md), [rel](decisions/).\n",
    );
    f.write(
        "content/blog/first-post.md",
        "---\ntitle: First post\ndate: 2026-01-01\n---\nSee [the log](@/decisions/).\n",
    );
    f.build_ok();
    let about = f.html("a.example/about/index.html");
    assert_eq!(attrs(&about, "main p a", "href"), ["/decisions/", "/decisions/", "/decisions/"]);
    let post = f.html("b.example/blog/first-post/index.html");
    assert_eq!(attrs(&post, "main p a", "href"), ["https://a.example/decisions/"]);
    assert!(f.exists("a.example/decisions/index.html"));
}

#[test]
fn a_missing_page_hint_names_a_page_that_exists() {
    let f = Fixture::new("basic");
    f.write("content/about.md", "---\ntitle: About\n---\nSee [x](@/docs/zebra-stripes.md).\n");
    let d = single(&f);
    assert_eq!(d.location(), "content/about.md:4:5");
    assert_eq!(d.code.map(|c| c.as_str()), Some("E020"));
    assert_eq!(d.hint.as_deref(), Some("`@/` paths start at content/, e.g. `@/docs/_index.md`"));
    let f = Fixture::new("basic");
    f.write("content/docs/more.md", "---\ntitle: More\n---\nSee [x](zebra-stripes.md).\n");
    let d = single(&f);
    assert_eq!(d.hint.as_deref(), Some("a relative link starts at the page's folder, content/docs; e.g. `_index.md`"));
}

#[test]
fn a_misspelt_page_is_never_offered_as_itself_or_an_unrelated_record() {
    let f = Fixture::new("basic");
    f.write(
        "content/decisions/0002-second-call.md",
        &RECORD.replace("0001", "0002").replace("first decision", "second call"),
    );
    f.write("content/decisions/0001-first-decision.md", &format!("{RECORD}See [the next](0003-use-kafka.md).\n"));
    let d = single(&f);
    assert_eq!(
        d.hint.as_deref(),
        Some("a relative link starts at the page's folder, content/decisions; e.g. `0002-second-call.md`")
    );
}
