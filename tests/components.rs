//! Data in Markdown: component calls (`{{ price(plan="widget.pro") }}`) in pages and in
//! catalogue prose, rendered per domain (currency, language, direction isolation), their
//! errors at file:line:col with a suggestion, nothing read inside code, the Markdown cache
//! kept correct when the catalogue changes, and the warning for prices typed by hand.

mod common;

use common::{texts, Fixture};
use site::diagnostics::{Code, Severity};
use site::BuildOptions;

const CASE: &str = "pricing-basic";
const PRICES: &str = "content/pricing/widget.yaml";

/// The fixture with its English contact page holding `body` and the Hebrew twin `he_body`.
fn with_guide(body: &str, he_body: &str) -> Fixture {
    let f = Fixture::new(CASE);
    f.write("content/contact.md", &format!("---\ntitle: Contact\n---\n{body}\n"));
    f.write("content/he/contact.md", &format!("---\ntitle: צור קשר\ntranslation_of: contact.md\n---\n{he_body}\n"));
    f
}

fn main_html(f: &Fixture, rel: &str) -> String {
    let doc = f.html(rel);
    let main = scraper::Selector::parse("main").unwrap();
    doc.select(&main).next().expect("main").inner_html()
}

#[test]
fn a_price_is_shown_in_each_domains_currency_isolated() {
    let call = "Pro costs {{ price(plan=\"widget.pro\") }} a month, {{ price(plan=\"widget.pro\", period=\"year\", tax=\"yes\") }} a year.";
    let f = with_guide(call, &format!("המחיר: {call}"));
    f.build_ok();
    let en = f.html("en.example/contact/index.html");
    assert_eq!(texts(&en, "main bdi.price-inline[dir=ltr]"), ["$490", "$4,900"]);
    assert_eq!(texts(&en, "main small.tax-note"), ["Prices are in USD and exclude tax."]);
    let he = f.html("he.example/contact/index.html");
    assert_eq!(texts(&he, "main bdi.price-inline[dir=ltr]"), ["1,990\u{a0}₪", "19,900\u{a0}₪"]);
    assert_eq!(texts(&he, "main small.tax-note"), ["המחירים כוללים מע״מ 18%."]);
}

#[test]
fn plans_product_cards_decisions_and_amounts_render_per_domain() {
    let body = "{{ plans(product=\"widget\") }}\n\n{{ product(id=\"widget\") }}\n\nSee {{ decision(id=\"BDR-0001\") }}; extra seats {{ amount(USD=6, ILS=25) }}.";
    let f = with_guide(body, body);
    f.build_ok();
    let en = f.html("en.example/contact/index.html");
    let items = texts(&en, "main ul.plan-summary > li");
    assert_eq!(items[1], "Pro – $490 / month. For a team.");
    assert_eq!(items[2], "Enterprise – From $4,000 / month. For a company.");
    assert_eq!(texts(&en, "main .product-card-name a"), ["Widget"]);
    assert_eq!(common::attrs(&en, "main .product-card-name a", "href"), ["/products/widget/"]);
    assert_eq!(texts(&en, "main a.decision-ref"), ["BDR-0001 Price widgets per seat"]);
    assert_eq!(texts(&en, "main .status-badge.status-accepted").len(), 1);
    assert!(texts(&en, "main bdi.price-inline").contains(&"$6".to_owned()));
    let html = main_html(&f, "en.example/contact/index.html");
    assert!(!html.contains("<p><ul") && !html.contains("<p><div"), "a block is not nested in a paragraph: {html}");
    let he = f.html("he.example/contact/index.html");
    assert_eq!(texts(&he, "main ul.plan-summary > li")[1], "Pro – 1,990\u{a0}₪ לחודש. לצוות.");
    assert!(texts(&he, "main bdi.price-inline").contains(&"25\u{a0}₪".to_owned()));
    assert_eq!(texts(&he, "main .status-badge.status-accepted").len(), 1);
}

#[test]
fn calls_inside_code_are_left_as_written() {
    let body = "Write `{{ price(plan=\"widget.pro\") }}`.\n\n```\n{{ nope() }}\n```\n";
    let f = with_guide(body, body);
    f.build_ok();
    let en = f.html("en.example/contact/index.html");
    assert_eq!(texts(&en, "main p code"), ["{{ price(plan=\"widget.pro\") }}"]);
    assert!(texts(&en, "main pre").iter().any(|t| t.contains("{{ nope() }}")));
    assert!(texts(&en, "main bdi.price-inline").is_empty());
}

fn only_error(f: &Fixture) -> site::diagnostics::Diagnostic {
    let errors = f.build_err();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    errors.into_iter().next().unwrap()
}

#[test]
fn an_unknown_component_is_an_error_with_a_suggestion() {
    let f = with_guide("Intro.\n\nPro costs {{ prise(plan=\"widget.pro\") }}.", "x");
    let d = only_error(&f);
    assert_eq!(d.code, Some(Code::E059));
    assert_eq!(d.path, std::path::Path::new("content/contact.md"));
    assert_eq!((d.line, d.column), (6, 11));
    assert_eq!(d.message, "unknown component `prise`");
    assert_eq!(d.hint.as_deref(), Some("did you mean `price`? The components are listed in the README"));
}

#[test]
fn an_unknown_argument_is_an_error_at_the_argument() {
    let f = with_guide("Pro costs {{ price(plan=\"widget.pro\", perod=\"year\") }}.", "x");
    let d = only_error(&f);
    assert_eq!(d.code, Some(Code::E059));
    assert_eq!((d.line, d.column), (4, 39));
    assert_eq!(d.message, "unknown argument `perod` of `price`");
    assert_eq!(d.hint.as_deref(), Some("did you mean `period`? `price` takes `plan`, `period`, `tax`"));
}

#[test]
fn an_unknown_plan_is_an_error_naming_the_nearest() {
    let f = with_guide("Pro costs {{ price(plan=\"widget.prro\") }}.", "x");
    let d = only_error(&f);
    assert_eq!(d.code, Some(Code::E060));
    assert_eq!((d.line, d.column), (4, 20));
    assert_eq!(d.message, "`price` names no plan `widget.prro`");
    assert_eq!(d.hint.as_deref(), Some("did you mean `widget.pro`?"));
}

#[test]
fn a_block_component_inside_a_sentence_is_an_error() {
    let f = with_guide("Our plans: {{ plans(product=\"widget\") }}", "x");
    let d = only_error(&f);
    assert_eq!(d.code, Some(Code::E059));
    assert_eq!((d.line, d.column), (4, 12));
    assert!(d.message.starts_with("`plans` renders a block"), "{}", d.message);
}

#[test]
fn a_component_in_catalogue_prose_renders_and_is_checked() {
    let f = Fixture::new(CASE);
    let text = std::fs::read_to_string(f.root().join(PRICES)).unwrap();
    let answer = "Yes, and Pro stays at {{ price(plan=\\\"widget.pro\\\") }}.";
    f.write(PRICES, &text.replacen("Yes, **any time**.", answer, 1));
    f.build_ok();
    let en = f.html("en.example/pricing/widget/index.html");
    assert!(texts(&en, "main bdi.price-inline").contains(&"$490".to_owned()), "{:?}", texts(&en, "main bdi"));
    f.write(PRICES, &text.replacen("Yes, **any time**.", "See {{ price(plan=\\\"widget.gold\\\") }}.", 1));
    let errors = f.build_err();
    assert!(errors.iter().all(|d| d.code == Some(Code::E060) && d.path.ends_with("widget.yaml")), "{errors:#?}");
    let line = text.lines().position(|l| l.contains("any time")).unwrap() + 1;
    assert_eq!(errors[0].line, line);
}

#[test]
fn a_changed_price_reaches_cached_pages() {
    let f = with_guide("Pro costs {{ price(plan=\"widget.pro\") }}.", "x");
    let mut options: BuildOptions = f.options();
    options.cache = Some(f.root().join(".site-cache"));
    site::build(&options).expect("first build");
    let prices = std::fs::read_to_string(f.root().join(PRICES)).unwrap();
    f.write(PRICES, &prices.replacen("monthly: { USD: 490, ILS: 1990 }", "monthly: { USD: 590, ILS: 1990 }", 1));
    let report = site::build(&options).expect("second build");
    assert!(report.cached > 0, "the guide's body comes from the cache");
    let en = f.html("en.example/contact/index.html");
    assert_eq!(texts(&en, "main bdi.price-inline"), ["$590"]);
}

#[test]
fn a_price_typed_by_hand_is_a_warning_naming_the_component() {
    let body = "Pro is USD 490 a month, `USD 490` in code.\n\nהמחיר 1,990 ₪ או ₪ 1,990.";
    let f = with_guide(body, "x");
    f.write(
        "content/decisions/0002-more.md",
        "---\nid: BDR-0002\ntitle: More\nstatus: accepted\ndate: 2026-01-02\n---\nWe chose USD 490.\n",
    );
    let report = f.build_ok();
    let typed: Vec<_> = report.warnings.iter().filter(|d| d.code == Some(Code::W016)).collect();
    assert_eq!(typed.len(), 3, "{typed:#?}");
    let d = typed[0];
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.path, std::path::Path::new("content/contact.md"));
    assert_eq!((d.line, d.column), (4, 8));
    assert_eq!(d.message, "price typed by hand: `USD 490`");
    let hint =
        "write `{{ price(plan=\"widget.pro\") }}`: every domain then shows the catalogue's price in its own currency";
    assert_eq!(d.hint.as_deref(), Some(hint));
    assert_eq!((typed[1].line, typed[1].column, typed[1].message.as_str()), (6, 7, "price typed by hand: `1,990 ₪`"));
    assert_eq!(typed[2].message, "price typed by hand: `₪ 1,990`");
    let hint = typed[2].hint.as_deref().unwrap_or_default();
    assert!(hint.contains("widget.pro"), "{hint}");
}

#[test]
fn service_levels_and_business_hours_come_from_the_data() {
    let body = "Pro answers in {{ service(plan=\"widget.pro\", fact=\"severity_1\") }}, {{ hours() }}.";
    let f = with_guide(body, body);
    let prices = std::fs::read_to_string(f.root().join(PRICES)).unwrap();
    let service =
        "    highlight: true\n    service: { channels: [email], response: { severity_1: 1 hour }, uptime: 99.9 }\n";
    f.write(PRICES, &prices.replacen("    highlight: true\n", service, 1));
    let config = std::fs::read_to_string(f.root().join("content/site.yaml")).unwrap();
    let hours = "support:\n  business_hours: { en: Monday to Friday, he: שני עד שישי }\ndomains:\n";
    f.write("content/site.yaml", &config.replacen("domains:\n", hours, 1));
    f.build_ok();
    let en = main_html(&f, "en.example/contact/index.html");
    assert!(en.contains("Pro answers in 1 hour, 24/7, <bdi>Monday to Friday</bdi>."), "{en}");
    let he = main_html(&f, "he.example/contact/index.html");
    assert!(he.contains("<bdi>שני עד שישי</bdi>"), "{he}");
    f.write(PRICES, &prices);
    let errors = f.build_err();
    let paths: Vec<_> = errors.iter().map(|d| d.path.to_string_lossy().into_owned()).collect();
    assert_eq!(paths, ["content/contact.md", "content/he/contact.md"]);
    for (d, line) in errors.iter().zip([4, 5]) {
        assert_eq!((d.code, d.line, d.column), (Some(Code::E060), line, 27));
        assert_eq!(d.message, "plan `widget.pro` promises no `severity_1` in its `service:`");
    }
}
