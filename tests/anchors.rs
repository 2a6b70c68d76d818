//! Anchors: heading ids made by GitHub's rule, and every id the output holds (raw-HTML
//! `id`, `<a name>`, `{#id}`, footnotes) is a target a `#fragment` link may name.

mod common;

use common::{attrs, Fixture};

/// Meeting notes with the kinds of targets real READMEs use.
const MINUTES: &str = "---
title: Minutes
---
## Discussion - 13th February

Options were weighed, <span id=\"integer-args\">integers first</span>.

<a name=\"older-name\"></a>

## Renamed later {#custom}

## -ceol style

## Résumé & 日本語 🎉

## Discussion - 13th February

A remark.[^aside]

[^aside]: Said in passing.
";

fn fixture(links: &str) -> Fixture {
    let f = Fixture::new("basic");
    f.write("content/docs/minutes.md", MINUTES);
    f.write("content/about.md", &format!("---\ntitle: About\n---\n{links}\n"));
    f
}

fn with_raw_html(f: &Fixture, value: &str) {
    let text = std::fs::read_to_string(f.root().join("content/site.yaml")).expect("site.yaml");
    f.write("content/site.yaml", &format!("markdown:\n  raw_html: {value}\n{text}"));
}

#[test]
fn heading_ids_follow_githubs_rule() {
    let f = fixture("Nothing here.");
    f.build_ok();
    let doc = f.html("a.example/docs/minutes/index.html");
    assert_eq!(
        attrs(&doc, "main h2[id]", "id"),
        ["discussion---13th-february", "custom", "-ceol-style", "résumé--日本語-", "discussion---13th-february-1"]
    );
}

#[test]
fn every_id_in_the_output_is_a_link_target() {
    let f = fixture(
        "[a](docs/minutes.md#discussion---13th-february) [b](docs/minutes.md#integer-args) \
         [c](@/docs/minutes.md#custom) [d](docs/minutes.md#older-name) [e](docs/minutes.md#aside) \
         [f](docs/minutes.md#-ceol-style) [g](docs/minutes.md#discussion---13th-february-1) \
         [h](docs/minutes.md#r%C3%A9sum%C3%A9--%E6%97%A5%E6%9C%AC%E8%AA%9E-)",
    );
    f.build_ok();
    let minutes = f.html("a.example/docs/minutes/index.html");
    let ids = attrs(&minutes, "main [id]", "id");
    for id in ["discussion---13th-february", "integer-args", "custom", "aside", "discussion---13th-february-1"] {
        assert!(ids.iter().any(|i| i == id), "{id} not in {ids:?}");
    }
    assert_eq!(attrs(&minutes, "main a[name]", "name"), ["older-name"]);
    let about = f.html("a.example/about/index.html");
    let hrefs = attrs(&about, "main p a", "href");
    assert_eq!(
        hrefs,
        [
            "/docs/minutes/#discussion---13th-february",
            "/docs/minutes/#integer-args",
            "/docs/minutes/#custom",
            "/docs/minutes/#older-name",
            "/docs/minutes/#aside",
            "/docs/minutes/#-ceol-style",
            "/docs/minutes/#discussion---13th-february-1",
            "/docs/minutes/#résumé--日本語-",
        ]
    );
}

#[test]
fn a_fragment_in_other_case_lands_on_the_id_and_is_written_as_it() {
    let f = fixture("[a](docs/minutes.md#Discussion---13th-February) [b](#TOP-OF-PAGE)\n\n## Top of page");
    f.build_ok();
    let about = f.html("a.example/about/index.html");
    assert_eq!(attrs(&about, "main p a", "href"), ["/docs/minutes/#discussion---13th-february", "#top-of-page"]);
}

#[test]
fn a_missing_anchor_is_still_an_error() {
    let f = fixture("See [the talk](docs/minutes.md#discussion-13th-february).");
    let ds = f.build_err();
    assert_eq!(ds.len(), 1, "{ds:#?}");
    let d = &ds[0];
    assert_eq!(d.code, Some(site::diagnostics::Code::E021));
    assert_eq!(d.location(), "content/about.md:4:5");
    assert_eq!(
        d.message,
        "link to `docs/minutes.md#discussion-13th-february`: no heading `#discussion-13th-february` in content/docs/minutes.md"
    );
    assert_eq!(d.hint.as_deref(), Some("did you mean `#discussion---13th-february`?"));
}

#[test]
fn raw_html_ids_count_only_when_the_output_keeps_them() {
    // `escape` shows raw HTML as text: no element, no id.
    let f = fixture("[b](docs/minutes.md#integer-args)");
    with_raw_html(&f, "escape");
    let ds = f.build_err();
    assert_eq!(ds.len(), 1, "{ds:#?}");
    assert_eq!(
        ds[0].message,
        "link to `docs/minutes.md#integer-args`: no heading `#integer-args` in content/docs/minutes.md"
    );

    // `safe` removes a script and its id with it; `trusted` keeps both.
    let script = "[s](#runner)\n\n<script id=\"runner\">let x = 1;</script>\n";
    let f = fixture(script);
    let ds = f.build_err();
    assert!(ds.iter().any(|d| d.message == "link to `#runner`: no heading `#runner` in content/about.md"), "{ds:#?}");
    let f = fixture(script);
    with_raw_html(&f, "trusted");
    f.build_ok();
}
