//! Twin pages: `hreflang` alternates both ways, the language switch goes to the twin,
//! and `site check` lists pages without a translation.

mod common;

use common::{attrs, Fixture};

fn alternates(doc: &scraper::Html) -> Vec<(String, String)> {
    let langs = attrs(doc, "link[rel=alternate][hreflang]", "hreflang");
    let urls = attrs(doc, "link[rel=alternate][hreflang]", "href");
    let mut pairs: Vec<_> = langs.into_iter().zip(urls).collect();
    pairs.sort();
    pairs
}

#[test]
fn twins_link_to_each_other_both_ways() {
    let f = Fixture::new("basic");
    f.build_ok();
    let expected = vec![
        ("en".to_string(), "https://a.example/about/".to_string()),
        ("he".to_string(), "https://c.example/about/".to_string()),
        ("x-default".to_string(), "https://a.example/about/".to_string()),
    ];
    let english = f.html("a.example/about/index.html");
    let hebrew = f.html("c.example/about/index.html");
    assert_eq!(alternates(&english), expected);
    assert_eq!(alternates(&hebrew), expected);
    assert_eq!(attrs(&english, ".lang-switch a", "href"), ["https://c.example/about/"]);
    assert_eq!(attrs(&english, ".lang-switch a", "lang"), ["he"]);
    assert_eq!(common::texts(&english, ".lang-switch a"), ["עברית"]);
    assert_eq!(attrs(&hebrew, ".lang-switch a", "href"), ["https://a.example/about/"]);
    // Home pages are twins too; pages without a twin carry no alternates.
    assert_eq!(alternates(&f.html("c.example/index.html")).len(), 3);
    assert!(alternates(&f.html("a.example/docs/guide/index.html")).is_empty());
    assert!(attrs(&f.html("a.example/docs/guide/index.html"), ".lang-switch a", "href").is_empty());
}

#[test]
fn check_lists_pages_without_a_translation() {
    let f = Fixture::new("basic");
    std::fs::remove_file(f.root().join("content/he/about.md")).unwrap();
    let run = f.run(&["check", "--format", "json"]);
    let found: Vec<serde_json::Value> =
        String::from_utf8_lossy(&run.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let missing: Vec<_> = found.iter().filter(|d| d["code"] == "W003").collect();
    assert_eq!(missing.len(), 1, "{found:#?}");
    assert_eq!(missing[0]["file"], "content/about.md");
    assert_eq!(missing[0]["message"], "no he translation of /about/ for c.example");
    assert_eq!(missing[0]["hint"], "add a page under content/he/ with `translation_of: about.md`");
}

#[test]
fn real_site_pairs_ai_and_co_il() {
    let f = Fixture::real();
    f.build_ok();
    for path in ["index.html", "about/index.html", "contact/index.html", "products/index.html"] {
        let ai = alternates(&f.html(&format!("connectsoft.ai/{path}")));
        let il = alternates(&f.html(&format!("connectsoft.co.il/{path}")));
        assert_eq!(ai, il, "{path}");
        assert!(ai.iter().any(|(l, _)| l == "he") && ai.iter().any(|(l, _)| l == "x-default"), "{path}: {ai:?}");
    }
}

/// Latin words in `text` other than brand and product names.
fn english_words(text: &str) -> Vec<String> {
    const ALLOWED: [&str; 17] = [
        "ConnectSoft",
        "connectsoft",
        "ai",
        "io",
        "dev",
        "co",
        "il",
        "Factory",
        "Platforms",
        "AI",
        "Squads",
        "Marketplace",
        "SaaS",
        "DevOps",
        "Identity",
        "Audit",
        "Billing",
    ];
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() > 1 && !ALLOWED.contains(w))
        .map(str::to_owned)
        .collect()
}

#[test]
fn hebrew_site_chrome_has_no_english_ui_strings() {
    let f = Fixture::real();
    f.build_ok();
    let pages: Vec<_> = walkdir::WalkDir::new(f.out().join("connectsoft.co.il"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .collect();
    assert!(pages.len() > 10);
    // The page's chrome; the table of contents repeats the writer's headings, not UI strings.
    let chrome = scraper::Selector::parse("header.site-header, footer.site-footer, nav:not(.toc), .toc-title").unwrap();
    for entry in pages {
        let doc = scraper::Html::parse_document(&std::fs::read_to_string(entry.path()).unwrap());
        assert_eq!(attrs(&doc, "html", "lang"), ["he"], "{}", entry.path().display());
        for element in doc.select(&chrome) {
            // The link to the English twin is English on purpose, and says so with lang="en".
            let text: String = element
                .descendants()
                .filter_map(|n| n.value().as_text().map(|t| (n, t)))
                .filter(|(n, _)| {
                    !n.ancestors().any(|a| a.value().as_element().is_some_and(|e| e.attr("lang") == Some("en")))
                })
                .map(|(_, t)| t.to_string())
                .collect();
            let words = english_words(&text);
            assert!(words.is_empty(), "{}: English UI text {words:?}", entry.path().display());
        }
    }
}
