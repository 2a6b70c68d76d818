//! The on-disk Markdown cache: a warm build reuses every body and writes the same
//! bytes; a changed page, template, UI string or config invalidates exactly what it
//! affects; a damaged cache is only a miss.

mod common;

use common::{snapshot, Fixture};
use site::BuildReport;

fn cached_build(f: &Fixture) -> BuildReport {
    let mut options = f.options();
    options.cache = Some(f.root().join(".site-cache"));
    match site::build(&options) {
        Ok(report) => report,
        Err(e) => panic!("build failed: {e:?}"),
    }
}

fn pages(f: &Fixture) -> usize {
    walkdir::WalkDir::new(f.root().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .count()
        - 1 // the draft
}

#[test]
fn a_warm_build_reuses_every_body_and_writes_the_same_bytes() {
    let f = Fixture::new("basic");
    assert_eq!(cached_build(&f).cached, 0);
    let cold = snapshot(&f.out());
    assert_eq!(cached_build(&f).cached, pages(&f));
    assert!(snapshot(&f.out()) == cold, "a warm build differs from the cold one");
}

#[test]
fn an_edited_page_is_parsed_again_and_only_it() {
    let f = Fixture::new("basic");
    cached_build(&f);
    f.write("content/docs/advanced.md", "---\ntitle: Advanced\nweight: 2\n---\n## Tuning\n\nNew text.\n");
    let report = cached_build(&f);
    assert_eq!(report.cached, pages(&f) - 1);
    assert!(f.read("a.example/docs/advanced/index.html").contains("New text."));
    // The guide links to #tuning on that page: still resolved, from its cached body.
    assert!(common::attrs(&f.html("a.example/docs/guide/index.html"), "a", "href")
        .contains(&"/docs/advanced/#tuning".to_string()));
}

#[test]
fn templates_and_config_are_never_cached() {
    let f = Fixture::new("basic");
    cached_build(&f);
    let page = f.root().join("themes/default/templates/page.html");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replacen("<article", "<article data-edited=\"yes\"", 1)).unwrap();
    let yaml = std::fs::read_to_string(f.root().join("content/site.yaml")).unwrap();
    f.write("content/site.yaml", &yaml.replace("base_url: https://a.example", "base_url: https://docs.a.example"));
    let report = cached_build(&f);
    assert_eq!(report.cached, pages(&f), "Markdown bodies do not depend on templates or URLs");
    let doc = f.html("a.example/docs/guide/index.html");
    assert_eq!(common::attrs(&doc, "article", "data-edited"), ["yes"]);
    assert_eq!(common::attrs(&doc, "link[rel=canonical]", "href"), ["https://docs.a.example/docs/guide/"]);
}

#[test]
fn changed_ui_strings_invalidate_the_bodies_that_show_them() {
    let f = Fixture::new("basic");
    cached_build(&f);
    let en = std::fs::read_to_string(f.root().join("content/i18n/en.yaml")).unwrap();
    let note = en.lines().find(|l| l.starts_with("admonition_note:")).expect("admonition_note key").to_owned();
    f.write("content/i18n/en.yaml", &en.replace(&note, "admonition_note: \"Heads up\""));
    // Only the English bodies: the two Hebrew pages keep theirs.
    assert_eq!(cached_build(&f).cached, 2);
    let doc = f.html("a.example/docs/guide/index.html");
    assert_eq!(common::texts(&doc, "aside.admonition.note .admonition-title"), ["Heads up"]);
}

#[test]
fn a_damaged_cache_is_a_miss_not_an_error() {
    let f = Fixture::new("basic");
    cached_build(&f);
    let cold = snapshot(&f.out());
    for entry in walkdir::WalkDir::new(f.root().join(".site-cache"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        std::fs::write(entry.path(), b"\xff not a cache entry").unwrap();
    }
    assert_eq!(cached_build(&f).cached, 0);
    assert!(snapshot(&f.out()) == cold);
    assert_eq!(cached_build(&f).cached, pages(&f), "the damaged entries were rewritten");
}

#[test]
fn bodies_made_again_at_render_are_the_bodies_a_cache_holds() {
    // Without a cache no body's HTML is held: the render stage makes it again
    // (`markdown::Remake`); with one, the parse stage's HTML is kept. The real content
    // has every kind of body (code, raw HTML, decision feeds, several domains).
    let f = Fixture::real();
    f.build_ok();
    let remade = snapshot(&f.out());
    assert_eq!(cached_build(&f).cached, 0);
    assert!(snapshot(&f.out()) == remade, "a build holding its bodies differs from one making them again");
}
