//! `site build` over the `basic` fixture: routing, links, Markdown features, output files.

mod common;

use common::{attrs, texts, Fixture};

#[test]
fn pages_are_routed_to_their_domains() {
    let f = Fixture::new("basic");
    let report = f.build_ok();
    assert_eq!(report.hosts, ["a.example", "b.example", "c.example"]);
    for path in [
        "a.example/index.html",
        "a.example/docs/index.html",
        "a.example/docs/guide/index.html",
        "a.example/about/index.html",
        "a.example/decisions/bdr-0001/index.html",
    ] {
        assert!(f.exists(path), "{path} missing");
    }
    for path in ["b.example/index.html", "b.example/blog/index.html", "b.example/blog/first-post/index.html"] {
        assert!(f.exists(path), "{path} missing");
    }
    // Sections stay on the domains that publish them; drafts are left out.
    assert!(!f.exists("a.example/blog/first-post/index.html"));
    assert!(!f.exists("b.example/docs/guide/index.html"));
    assert!(!f.exists("b.example/blog/draft/index.html"));
    // The Hebrew folder is mounted at the root of its own domain only.
    assert!(f.exists("c.example/index.html") && f.exists("c.example/about/index.html"));
    assert!(!f.exists("a.example/he/about/index.html"));
    let home_b = f.html("b.example/index.html");
    assert_eq!(texts(&home_b, "main h1"), ["Welcome to B"]);
}

#[test]
fn links_resolve_per_domain_and_across_domains() {
    let f = Fixture::new("basic");
    f.build_ok();
    let guide = f.html("a.example/docs/guide/index.html");
    let hrefs = attrs(&guide, "a", "href");
    assert!(hrefs.contains(&"#install".to_string()), "{hrefs:?}");
    assert!(hrefs.contains(&"/docs/advanced/#tuning".to_string()), "{hrefs:?}");
    assert!(hrefs.contains(&"/about/".to_string()), "{hrefs:?}");
    // From A's home to B's post: absolute to the other host.
    let home_a = attrs(&f.html("a.example/index.html"), "a", "href");
    assert!(home_a.contains(&"https://b.example/blog/first-post/".to_string()), "{home_a:?}");
    assert!(home_a.contains(&"/docs/guide/".to_string()), "{home_a:?}");
    // From B back to A, with the anchor kept.
    let home_b = attrs(&f.html("b.example/index.html"), "a", "href");
    assert!(home_b.contains(&"https://a.example/docs/guide/#install".to_string()), "{home_b:?}");
    // Navigation and calls to action from site.yaml resolve too.
    assert!(home_a.contains(&"https://b.example/blog/".to_string()), "{home_a:?}");
    assert!(home_a.contains(&"/docs/guide/#install".to_string()), "{home_a:?}");
}

#[test]
fn markdown_features_render() {
    let f = Fixture::new("basic");
    f.build_ok();
    let doc = f.html("a.example/docs/guide/index.html");
    assert_eq!(attrs(&doc, "main h2[id]", "id"), ["install", "use-it", "use-it-1"]);
    assert_eq!(attrs(&doc, "h2 a.anchor", "href")[0], "#install");
    assert_eq!(texts(&doc, "h2 a.anchor")[0], "¶");
    assert_eq!(texts(&doc, "aside.admonition.note .admonition-title"), ["Note"]);
    assert_eq!(texts(&doc, "aside.admonition.warning .admonition-title"), ["Warning"]);
    assert!(!attrs(&doc, "pre.code[data-lang=bash] span", "class").is_empty(), "code is highlighted with classes");
    assert!(attrs(&doc, "pre.code span", "style").is_empty(), "no inline styles in code");
    assert_eq!(texts(&doc, "table td"), ["1", "2"]);
    assert_eq!(attrs(&doc, "li input[type=checkbox]", "type").len(), 2);
    assert!(!texts(&doc, ".footnote-definition").is_empty());
    // The table of contents lists the level-2 headings.
    let toc = attrs(&doc, "nav a[href^='#']", "href");
    assert!(toc.contains(&"#install".to_string()) && toc.contains(&"#use-it-1".to_string()), "{toc:?}");
}

#[test]
fn every_domain_gets_its_files_and_head_tags() {
    let f = Fixture::new("basic");
    f.build_ok();
    for host in ["a.example", "b.example", "c.example"] {
        for file in ["404.html", "sitemap.xml", "robots.txt"] {
            assert!(f.exists(&format!("{host}/{file}")), "{host}/{file}");
        }
    }
    let doc = f.html("a.example/docs/guide/index.html");
    assert_eq!(attrs(&doc, "link[rel=canonical]", "href"), ["https://a.example/docs/guide/"]);
    assert_eq!(attrs(&doc, "meta[property='og:url']", "content"), ["https://a.example/docs/guide/"]);
    assert_eq!(attrs(&doc, "meta[property='og:title']", "content").len(), 1);
    let css = attrs(&doc, "link[rel=stylesheet]", "href");
    assert!(css.iter().any(|h| h.starts_with("/assets/style.") && h.len() > "/assets/style..css".len()), "{css:?}");
    for href in css.iter().chain(&attrs(&doc, "link[rel=icon]", "href")) {
        assert!(f.exists(&format!("a.example{href}")), "{href} not written");
    }
    let sitemap = f.read("a.example/sitemap.xml");
    assert!(sitemap.contains("<loc>https://a.example/docs/guide/</loc><lastmod>2026-01-02</lastmod>"), "{sitemap}");
    assert!(!sitemap.contains("b.example"));
    assert!(f.read("a.example/robots.txt").contains("Sitemap: https://a.example/sitemap.xml"));
    let not_found = f.html("a.example/404.html");
    assert_eq!(attrs(&not_found, "html", "lang"), ["en"]);
}

#[test]
fn hebrew_domain_is_rtl() {
    let f = Fixture::new("basic");
    f.build_ok();
    let doc = f.html("c.example/index.html");
    assert_eq!(attrs(&doc, "html", "lang"), ["he"]);
    assert_eq!(attrs(&doc, "html", "dir"), ["rtl"]);
    assert_eq!(attrs(&doc, "main h2[id]", "id"), ["מה-מקבלים"]);
    assert!(attrs(&doc, "a", "href").contains(&"https://a.example/docs/guide/".to_string()));
}

#[test]
fn section_pages_list_their_children_in_order() {
    let f = Fixture::new("basic");
    f.build_ok();
    let doc = f.html("a.example/docs/index.html");
    let hrefs = attrs(&doc, "main a", "href");
    let guide = hrefs.iter().position(|h| h == "/docs/guide/").expect("guide listed");
    let advanced = hrefs.iter().position(|h| h == "/docs/advanced/").expect("advanced listed");
    assert!(guide < advanced, "weight orders the listing: {hrefs:?}");
}

#[test]
fn decision_records_render_with_their_status() {
    let f = Fixture::new("basic");
    f.build_ok();
    let doc = f.html("a.example/decisions/bdr-0001/index.html");
    let text = texts(&doc, "main").join(" ");
    assert!(text.contains("BDR-0001"), "{text}");
    assert!(text.contains("Accepted") || text.contains("accepted"), "{text}");
    assert!(text.contains("Dana"));
}

#[test]
fn builds_are_deterministic() {
    let f = Fixture::new("basic");
    f.build_ok();
    let first = common::snapshot(&f.out());
    f.build_ok();
    let second = common::snapshot(&f.out());
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    assert!(first == second, "two builds of the same input differ");
}

#[test]
fn one_domain_only_keeps_the_others() {
    let f = Fixture::new("basic");
    f.build_ok();
    let before = std::fs::read(f.out().join("b.example/index.html")).unwrap();
    f.write("content/about.md", "---\ntitle: About us\n---\nChanged.\n");
    let mut options = f.options();
    options.domain = Some("a".into());
    let report = site::build(&options).unwrap();
    assert_eq!(report.hosts, ["a.example"]);
    assert!(f.read("a.example/about/index.html").contains("About us"));
    assert_eq!(std::fs::read(f.out().join("b.example/index.html")).unwrap(), before);
}

#[test]
fn sections_list_generated_pages_below_them() {
    let f = Fixture::real();
    f.build_ok();
    let hrefs = attrs(&f.html("connectsoft.ai/products/index.html"), "main a", "href");
    for product in ["/products/factory/", "/products/squads/", "/products/identity/"] {
        assert!(hrefs.iter().any(|h| h == product), "{product} not listed: {hrefs:?}");
    }
}
