//! The markup half of the Content-Security-Policy promise, without a browser: no page
//! of the real site carries what `script-src 'self'; style-src 'self'` refuses — a
//! `<script>` without `src` (JSON-LD data blocks aside), an `on…=` handler, a `<style>`
//! element or a `style=` attribute (inline SVG included), or a `javascript:` URL. The
//! browser half is `tests/browser_csp.rs`.

mod common;

use common::Fixture;
use scraper::{Html, Selector};

fn inline_code(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut found = Vec::new();
    let scripts = Selector::parse("script").expect("selector");
    for script in doc.select(&scripts) {
        let data = script.value().attr("type").is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"));
        if script.value().attr("src").is_none() && !data {
            found.push(format!("inline <script>: {}", script.inner_html().chars().take(60).collect::<String>()));
        }
    }
    let all = Selector::parse("*").expect("selector");
    for element in doc.select(&all) {
        let name = element.value().name();
        if name == "style" {
            found.push("a <style> element".into());
        }
        for (attr, value) in element.value().attrs() {
            if attr == "style" {
                found.push(format!("style=\"{value}\" on <{name}>"));
            } else if attr.starts_with("on") {
                found.push(format!("{attr}= on <{name}>"));
            } else if value.trim_start().to_ascii_lowercase().starts_with("javascript:") {
                found.push(format!("{attr}=\"{value}\" on <{name}>"));
            }
        }
    }
    found
}

#[test]
fn the_checker_finds_inline_code() {
    let html = "<p style=\"color:red\" onclick=\"x()\">a</p><style>p{}</style><script>x()</script>\
        <script type=\"application/ld+json\">{}</script><script src=\"/a.js\"></script>\
        <svg><rect style=\"fill:red\"/></svg><a href=\"javascript:x()\">b</a>";
    assert_eq!(inline_code(html).len(), 6, "{:#?}", inline_code(html));
}

#[test]
fn no_page_of_the_real_site_needs_an_inline_exception() {
    let f = Fixture::real();
    f.build_ok();
    let mut found = Vec::new();
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(f.out()).into_iter().flatten() {
        if entry.path().extension().is_some_and(|e| e == "html") {
            pages += 1;
            let html = std::fs::read_to_string(entry.path()).expect("read");
            let at = entry.path().strip_prefix(f.out()).expect("inside").display().to_string();
            found.extend(inline_code(&html).into_iter().map(|p| format!("{at}: {p}")));
        }
    }
    assert!(pages > 100, "the whole site: {pages}");
    assert!(found.is_empty(), "{} pieces of inline code:\n{}", found.len(), found.join("\n"));
}
