//! Property tests: arbitrary bytes and arbitrary front matter go through load → render
//! without a panic; every failure is a located diagnostic.

mod common;

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use site::load::frontmatter;
use site::markdown::{self, Highlighter, Labels};

/// One highlighter for all cases: loading the syntax set is the slow part.
fn highlighter() -> &'static Highlighter {
    static H: OnceLock<Highlighter> = OnceLock::new();
    H.get_or_init(Highlighter::new)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn front_matter_never_panics(yaml in "[a-z_:\\[\\]{}\"'&*!|>#\\- \\n\\t0-9]{0,200}") {
        let text = format!("---\n{yaml}\n---\nbody\n");
        if let Ok(split) = frontmatter::split(&text, Path::new("a.md")) {
            if let Err(d) = frontmatter::parse(&split, &text, Path::new("a.md"), false) {
                prop_assert!(d.line >= 1 && d.line <= text.lines().count(), "line {} out of range", d.line);
            }
        }
    }

    #[test]
    fn markdown_never_panics(body in "\\PC{0,400}") {
        let rendered = markdown::render(&body, highlighter(), &Labels::default());
        prop_assert_eq!(rendered.html.matches(markdown::LINK_PLACEHOLDER).count(), rendered.links.len());
    }

    #[test]
    fn markdown_syntax_soup_never_panics(body in "([#>*_`\\[\\]()!|\\-:@/.md ]|\\n|```rust\\n|> \\[!NOTE\\]\\n){0,120}") {
        let rendered = markdown::render(&body, highlighter(), &Labels::default());
        prop_assert!(rendered.toc.iter().all(|h| rendered.anchors.contains(&h.id)));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_page_bytes_build_or_fail_cleanly(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let f = common::Fixture::new("basic");
        std::fs::write(f.root().join("content/about.md"), &bytes).unwrap();
        match f.build() {
            Ok(_) => {}
            Err(site::Error::Content(ds)) => prop_assert!(ds.iter().all(|d| d.path.starts_with("content"))),
            Err(other) => prop_assert!(false, "unexpected error: {other}"),
        }
    }
}
