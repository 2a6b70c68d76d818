//! The syntax stylesheets: every token colour is readable (4.5:1, WCAG AA) on the
//! theme's code background in light and dark mode, and only pages that show code load
//! the stylesheets.

mod common;

use common::{attrs, Fixture};
use site::markdown::contrast::{Rgb, DARK_CODE_BG, LIGHT_CODE_BG};
use site::markdown::highlight;

/// `--code-bg` as `style.css` sets it: first for light mode, then for dark mode.
fn theme_code_backgrounds() -> Vec<Rgb> {
    let css = std::fs::read_to_string(common::repo().join("themes/default/static/style.css")).expect("style.css");
    css.lines()
        .filter_map(|l| l.trim().strip_prefix("--code-bg:"))
        .map(|v| Rgb::parse(v.trim().trim_end_matches(';')).expect("a hex colour"))
        .collect()
}

/// (selector, colour, background) for every rule of `css` that sets a colour; the
/// background is the rule's own or `code_bg`.
fn token_colours(css: &str, code_bg: Rgb) -> Vec<(String, Rgb, Rgb)> {
    let mut found = Vec::new();
    for rule in css.split('}') {
        let Some((selector, body)) = rule.split_once('{') else { continue };
        let value = |property: &str| {
            body.split(';').find_map(|d| {
                let (name, value) = d.split_once(':')?;
                (name.trim() == property).then(|| Rgb::parse(value.trim())).flatten()
            })
        };
        if let Some(colour) = value("color") {
            let selector = selector.lines().last().unwrap_or(selector).trim().to_owned();
            found.push((selector, colour, value("background-color").unwrap_or(code_bg)));
        }
    }
    found
}

#[test]
fn every_token_colour_reaches_4_5_to_1_on_the_code_background() {
    assert_eq!(theme_code_backgrounds(), [LIGHT_CODE_BG, DARK_CODE_BG], "the constants follow style.css");
    let [(_, light), (_, dark)] = highlight::stylesheets();
    for (css, bg, scheme) in [(light, LIGHT_CODE_BG, "light"), (dark, DARK_CODE_BG, "dark")] {
        let colours = token_colours(&css, bg);
        assert!(colours.len() > 20, "{scheme}: the stylesheet colours tokens: {colours:?}");
        let faint: Vec<String> = colours
            .iter()
            .filter(|(_, c, b)| c.contrast(*b) < 4.5)
            .map(|(s, c, b)| format!("{s}: {c:?} on {b:?} is {:.2}:1", c.contrast(*b)))
            .collect();
        assert!(faint.is_empty(), "{scheme} token colours below 4.5:1:\n{}", faint.join("\n"));
    }
}

#[test]
fn only_pages_with_code_load_the_syntax_stylesheets() {
    let f = Fixture::real();
    f.build_ok();
    let (mut with, mut without) = (0, 0);
    for entry in walkdir::WalkDir::new(f.out()).into_iter().flatten() {
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).expect("page");
        let doc = scraper::Html::parse_document(&html);
        let sheets: Vec<String> =
            attrs(&doc, "link[rel=stylesheet]", "href").into_iter().filter(|h| h.contains("/syntax-")).collect();
        let has_code = !attrs(&doc, "pre.code", "class").is_empty();
        let page = entry.path().display();
        if has_code {
            with += 1;
            assert_eq!(sheets.len(), 2, "{page} shows code: it needs both syntax stylesheets");
        } else {
            without += 1;
            assert!(sheets.is_empty(), "{page} shows no code but loads {sheets:?}");
        }
    }
    assert!(with > 0 && without > 0, "{with} pages with code, {without} without");
}
