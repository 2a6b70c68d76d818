//! What a Markdown page may do: links and images with a URL the URL policy refuses are
//! neutralised with W005, raw HTML under `markdown: {raw_html: safe}` (the default)
//! loses what can run a script or embed a document, each removal a W008 at its line;
//! `trusted` and `escape` publish it as written or as text. Heading ids are unique.

mod common;

use std::collections::HashSet;

use common::{snapshot, texts, Fixture};
use scraper::{Html, Selector};
use site::diagnostics::Code;
use site::diagnostics::{Diagnostic, Severity};

const PAGE: &str = "content/about.md";
const OUTPUT: &str = "a.example/about/index.html";

/// Every kind of dangerous URL and raw HTML, one per line where it matters.
const HOSTILE: &str = r#"---
title: About
---
[js](javascript:alert(1)) and [ftp](ftp://files.example/x)

![pixel](data:image/png;base64,AAAA)

Inline <a href="JavaScript:alert(2)" onclick="alert(3)">link</a> here.

<div onmouseover="alert(4)">
<img src="/team.png" alt="Team"
     onerror="alert(5)">
</div>

<iframe src="https://evil.example/"></iframe>

<script>alert(6)</script>

<p><object data="x.swf"></object><embed src="x.swf"></p>

<form action="&#106;avascript:alert(7)"><button formaction="data:text/html,x">Go</button></form>

<svg><a xlink:href="javascript:alert(8)"><text>t</text></a></svg>

Fine: [mail](mailto:hi@a.example), [call](tel:+15550100), [web](https://a.example/), <b>bold</b>.
"#;

fn with_setting(f: &Fixture, setting: Option<&str>) {
    let Some(value) = setting else { return };
    let path = f.root().join("content/site.yaml");
    let text = std::fs::read_to_string(&path).expect("site.yaml");
    f.write("content/site.yaml", &format!("markdown:\n  raw_html: {value}\n{text}"));
}

fn line_of(needle: &str) -> usize {
    HOSTILE.lines().position(|l| l.contains(needle)).map(|i| i + 1).expect(needle)
}

fn main_of(doc: &Html) -> scraper::ElementRef<'_> {
    doc.select(&Selector::parse("main").expect("selector")).next().expect("main")
}

fn warnings_on_the_page(warnings: &[Diagnostic]) -> Vec<(usize, &'static str, String)> {
    let mut found: Vec<_> = warnings
        .iter()
        .filter(|w| w.path == std::path::Path::new(PAGE))
        .inspect(|w| assert_eq!(w.severity, Severity::Warning))
        .map(|w| (w.line, w.code.map_or("-", Code::as_str), w.message.clone()))
        .collect();
    found.sort();
    found
}

#[test]
fn the_safe_default_neutralises_and_reports_each_thing_at_its_line() {
    let f = Fixture::new("basic");
    f.write(PAGE, HOSTILE);
    let report = f.build_ok();
    let mut expected: Vec<(usize, &str, String)> = vec![
        (line_of("[js]"), "W005", "link to `javascript:alert(1)` runs a script; it was replaced by `#`".into()),
        (
            line_of("[js]"),
            "W005",
            "link to `ftp://files.example/x` uses `ftp:`, a scheme content may not link to; it was replaced by `#`"
                .into(),
        ),
        (
            line_of("![pixel]"),
            "W005",
            "image `data:image/png;base64,AAAA` carries a document of its own, which can run a script; its alt \
             text is shown instead"
                .into(),
        ),
        (line_of("Inline"), "W008", "raw HTML: removed `href` from `<a>`: its URL runs a script".into()),
        (
            line_of("Inline"),
            "W008",
            "raw HTML: removed `onclick` from `<a>`: event-handler attributes run scripts".into(),
        ),
        (
            line_of("<div"),
            "W008",
            "raw HTML: removed `onmouseover` from `<div>`: event-handler attributes run scripts".into(),
        ),
        (
            line_of("onerror"),
            "W008",
            "raw HTML: removed `onerror` from `<img>`: event-handler attributes run scripts".into(),
        ),
        (line_of("<iframe"), "W008", "raw HTML: removed `<iframe>`, which embeds another document".into()),
        (line_of("<script"), "W008", "raw HTML: removed `<script>`, which runs a script".into()),
        (line_of("<object"), "W008", "raw HTML: removed `<object>`, which embeds another document".into()),
        (line_of("<object"), "W008", "raw HTML: removed `<embed>`, which embeds another document".into()),
        (line_of("<form"), "W008", "raw HTML: removed `action` from `<form>`: its URL runs a script".into()),
        (
            line_of("<form"),
            "W008",
            "raw HTML: removed `formaction` from `<button>`: its URL carries a document of its own, which can run \
             a script"
                .into(),
        ),
        (line_of("<svg"), "W008", "raw HTML: removed `xlink:href` from `<a>`: its URL runs a script".into()),
    ];
    expected.sort();
    assert_eq!(warnings_on_the_page(&report.warnings), expected);

    let doc = f.html(OUTPUT);
    let main = main_of(&doc);
    let any = Selector::parse("*").expect("selector");
    for element in main.select(&any) {
        let name = element.value().name();
        assert!(!["script", "iframe", "object", "embed"].contains(&name), "<{name}> published");
        for (attr, value) in element.value().attrs() {
            assert!(!attr.starts_with("on"), "<{name} {attr}> published");
            if ["href", "src", "action", "formaction", "xlink:href"].contains(&attr) {
                assert!(site::policy::check(value).is_ok(), "<{name} {attr}=\"{value}\"> published");
            }
        }
    }
    assert!(texts(&doc, "main p").iter().any(|t| t.contains("pixel")), "the image's alt text is shown");
    let img = Selector::parse("main img[alt=Team]").expect("selector");
    assert_eq!(main.select(&img).count(), 1, "harmless markup stays");
    let hrefs = common::attrs(&doc, "main a", "href");
    for kept in ["mailto:hi@a.example", "tel:+15550100", "https://a.example/"] {
        assert!(hrefs.contains(&kept.to_owned()), "{kept} missing from {hrefs:?}");
    }
}

#[test]
fn trusted_publishes_raw_html_as_written_and_check_still_reports_scripts() {
    let f = Fixture::new("basic");
    with_setting(&f, Some("trusted"));
    f.write(PAGE, HOSTILE);
    let report = f.build_ok();
    let codes: HashSet<&str> = report.warnings.iter().filter_map(|w| w.code.map(Code::as_str)).collect();
    assert!(!codes.contains("W008"), "{:#?}", report.warnings);
    let doc = f.html(OUTPUT);
    let main = main_of(&doc);
    let kept = Selector::parse("div[onmouseover], iframe, script").expect("selector");
    assert_eq!(main.select(&kept).count(), 3, "trusted raw HTML is published as written");
    let run = f.run(&["check", "--format", "json"]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    let script: Vec<&str> = stdout.lines().filter(|l| l.contains("\"W004\"")).collect();
    assert_eq!(script.len(), 1, "{stdout}");
    assert!(script[0].contains(&format!("\"line\":{}", line_of("<script"))), "{}", script[0]);
    // Markdown links follow the URL policy whatever the setting.
    assert!(codes.contains("W005"));
}

#[test]
fn escape_shows_raw_html_as_text() {
    let f = Fixture::new("basic");
    with_setting(&f, Some("escape"));
    f.write(PAGE, HOSTILE);
    let report = f.build_ok();
    assert!(!report.warnings.iter().any(|w| w.code == Some(Code::W008)), "{:#?}", report.warnings);
    let doc = f.html(OUTPUT);
    let main = main_of(&doc);
    let markup = Selector::parse("div[onmouseover], iframe, script, object, embed, form, svg, b").expect("selector");
    assert_eq!(main.select(&markup).count(), 0);
    let text: String = main.text().collect();
    assert!(text.contains("<iframe src=\"https://evil.example/\"></iframe>"), "{text}");
}

#[test]
fn an_unknown_setting_is_an_error_at_its_line() {
    let f = Fixture::new("basic");
    f.build_ok();
    let before = snapshot(&f.out());
    with_setting(&f, Some("sometimes"));
    let run = f.run(&["build"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("content/site.yaml:2:"), "{stderr}");
    assert!(stderr.contains("sometimes"), "{stderr}");
    assert!(snapshot(&f.out()) == before, "public/ changed");
}

#[test]
fn heading_ids_are_unique_in_a_page() {
    let f = Fixture::new("basic");
    let body = "---\ntitle: About\n---\n## Same\n\n## Same\n\n## same-1\n\n## Top\n\n## Other {#same-2}\n\n## Same\n\n[a](#same-1) [b](#same-3)\n";
    f.write(PAGE, body);
    f.build_ok();
    let doc = f.html(OUTPUT);
    let ids: Vec<String> = common::attrs(&doc, "main h2", "id");
    assert_eq!(ids, ["same", "same-3", "same-1", "top-1", "same-2", "same-4"].map(String::from));
    let all: Vec<String> = common::attrs(&doc, "[id]", "id");
    let unique: HashSet<&String> = all.iter().collect();
    assert_eq!(unique.len(), all.len(), "an id is repeated: {all:?}");
}
