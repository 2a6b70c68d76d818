//! Catalogue prose (product descriptions, FAQ answers) goes through the Markdown stage
//! pages use: `@/` links resolve per domain, a broken link is an error at its YAML line,
//! a script URL is neutralised with a warning, and raw HTML is shown as text.

mod common;

use common::{attrs, Fixture};
use scraper::{Html, Selector};
use site::diagnostics::{Code, Severity};

const CASE: &str = "pricing-basic";
const WIDGET_PRODUCT: &str = "content/products/widget.yaml";
const WIDGET_PRICES: &str = "content/pricing/widget.yaml";

fn fixture_text(f: &Fixture, rel: &str) -> String {
    std::fs::read_to_string(f.root().join(rel)).expect("fixture file")
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).map(|i| i + 1).expect(needle)
}

#[test]
fn links_in_descriptions_and_answers_resolve_per_domain() {
    let f = Fixture::new(CASE);
    let product = fixture_text(&f, WIDGET_PRODUCT).replacen(
        "Widgets, **built** for you.",
        "Widgets, [ask us](@/contact.md) or <b>shout</b>.",
        1,
    );
    f.write(WIDGET_PRODUCT, &product);
    let prices = fixture_text(&f, WIDGET_PRICES).replacen("Yes, **any time**.", "Yes, see [contact](contact.md).", 1);
    f.write(WIDGET_PRICES, &prices);
    f.build_ok();
    let page = f.html("en.example/products/widget/index.html");
    assert!(attrs(&page, "main a", "href").contains(&"/contact/".to_owned()), "{:?}", attrs(&page, "main a", "href"));
    let main = page.select(&Selector::parse("main").unwrap()).next().expect("main").inner_html();
    assert!(main.contains("&lt;b&gt;shout&lt;/b&gt;"), "raw HTML must be shown as text: {main}");
    let pricing = f.html("en.example/pricing/widget/index.html");
    assert!(attrs(&pricing, "main a", "href").contains(&"/contact/".to_owned()));
}

#[test]
fn a_broken_link_in_an_answer_is_an_error_at_its_line() {
    let f = Fixture::new(CASE);
    let prices = fixture_text(&f, WIDGET_PRICES).replacen("Yes, **any time**.", "Yes, see [x](@/nope.md).", 1);
    f.write(WIDGET_PRICES, &prices);
    let errors = f.build_err();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let d = &errors[0];
    assert_eq!(d.code, Some(Code::E047));
    assert_eq!(d.path, std::path::Path::new(WIDGET_PRICES));
    assert_eq!(d.line, line_of(&prices, "@/nope.md"));
    assert_eq!(d.message, "link to `@/nope.md` names no published page");
}

#[test]
fn a_script_link_in_a_description_is_neutralised_with_a_warning() {
    let f = Fixture::new(CASE);
    let product =
        fixture_text(&f, WIDGET_PRODUCT).replacen("Widgets, **built** for you.", "[Win](javascript:alert(1)) now.", 1);
    f.write(WIDGET_PRODUCT, &product);
    let report = f.build_ok();
    let warnings: Vec<_> = report.warnings.iter().filter(|w| w.code == Some(Code::W005)).collect();
    assert_eq!(warnings.len(), 1, "one warning, however many domains show the product: {warnings:#?}");
    assert_eq!(warnings[0].severity, Severity::Warning);
    assert_eq!(warnings[0].line, line_of(&product, "javascript:"));
    let page = f.read("en.example/products/widget/index.html");
    assert!(!page.contains("javascript:"), "the script URL was published");
    let doc = Html::parse_document(&page);
    assert!(attrs(&doc, "main a", "href").contains(&"#".to_owned()));
}
