//! Products and pricing: the pages, JSON-LD and `pricing.json` built from the fixture
//! `pricing-basic` (an English USD domain and a Hebrew ILS domain with VAT), and every
//! validation rule fed bad input: exact diagnostic, exit code 1, `public/` untouched.

mod common;

use common::{attrs, texts, Fixture};
use scraper::{Html, Selector};
use serde_json::Value;
use site::diagnostics::{Diagnostic, Severity};

const CASE: &str = "pricing-basic";
const WIDGET: &str = "content/pricing/widget.yaml";

fn built() -> Fixture {
    let f = Fixture::new(CASE);
    f.build_ok();
    f
}

/// The YAML of the fixture's file `rel`.
fn yaml(rel: &str) -> String {
    std::fs::read_to_string(common::repo().join("tests/fixtures").join(CASE).join(rel)).expect("fixture file")
}

/// 1-based line of the first line of `text` containing `needle`, after line `after`.
fn line_of(text: &str, needle: &str, after: usize) -> usize {
    text.lines().enumerate().skip(after).find(|(_, l)| l.contains(needle)).map(|(i, _)| i + 1).expect(needle)
}

fn json_ld(doc: &Html) -> Value {
    let sel = Selector::parse(r#"script[type="application/ld+json"]"#).unwrap();
    let script = doc.select(&sel).next().expect("a JSON-LD script");
    let text: String = script.text().collect();
    assert!(!text.contains("</"), "JSON-LD must not contain `</`");
    serde_json::from_str(&text).expect("JSON-LD parses")
}

#[test]
fn pages_exist_where_products_are_published() {
    let f = built();
    for path in [
        "en.example/pricing/index.html",
        "en.example/pricing/widget/index.html",
        "en.example/pricing/gadget/index.html",
        "en.example/products/widget/index.html",
        "en.example/products/gadget/index.html",
        "en.example/pricing.json",
        "he.example/pricing/index.html",
        "he.example/pricing/widget/index.html",
        "he.example/products/widget/index.html",
        "he.example/pricing.json",
    ] {
        assert!(f.exists(path), "{path} missing");
    }
    assert!(!f.exists("he.example/pricing/gadget/index.html"), "gadget is published on en only");
    assert!(!f.exists("he.example/products/gadget/index.html"));
    let sitemap = f.read("en.example/sitemap.xml");
    assert!(sitemap.contains("https://en.example/pricing/widget/"), "{sitemap}");
}

#[test]
fn plan_cards_show_prices_in_the_domain_currency() {
    let f = built();
    let en = f.html("en.example/pricing/widget/index.html");
    assert_eq!(texts(&en, ".plan-name"), ["Free", "Pro", "Enterprise"]);
    assert_eq!(attrs(&en, ".plan-highlight", "id"), ["plan-pro"]);
    assert_eq!(texts(&en, r#".price[data-period="monthly"] .price-amount"#), ["$0", "$490", "$4,000"]);
    assert_eq!(texts(&en, r#".price[data-period="annual"] .price-amount"#), ["$0", "$408", "$4,000"]);
    assert_eq!(texts(&en, ".price-billed"), ["$4,900 billed yearly"], "annual shows the month it costs");
    assert_eq!(texts(&en, ".price-prefix"), ["From", "From"]);
    assert_eq!(texts(&en, ".price-note"), ["Save 17% against paying monthly"]);
    assert_eq!(texts(&en, ".pricing-tax"), ["Prices are in USD and exclude tax."]);
    assert_eq!(texts(&en, ".pricing-draft"), ["Draft list prices, to be finalised."]);
    assert_eq!(attrs(&en, ".plan-cta", "href"), ["/contact/", "/contact/", "https://widget.example/sales"]);

    let he = f.html("he.example/pricing/widget/index.html");
    assert_eq!(attrs(&he, "html", "dir"), ["rtl"]);
    assert_eq!(
        texts(&he, r#".price[data-period="monthly"] .price-amount"#),
        ["0\u{a0}₪", "1,990\u{a0}₪", "15,900\u{a0}₪"]
    );
    assert_eq!(
        attrs(&he, ".price-amount", "dir").iter().filter(|d| *d == "ltr").count(),
        6,
        "amounts are LTR isolates"
    );
    assert_eq!(texts(&he, ".pricing-tax"), ["המחירים כוללים מע״מ 18%."]);
    assert_eq!(texts(&he, ".plan-name"), ["Free", "Pro", "Enterprise"]);
    assert_eq!(attrs(&he, ".plan-cta", "href")[0], "/contact/", "the Hebrew twin of contact.md");
}

#[test]
fn the_switch_is_a_labelled_radio_group_with_both_prices_in_the_html() {
    let f = built();
    let doc = f.html("en.example/pricing/widget/index.html");
    assert_eq!(texts(&doc, ".billing-switch legend"), ["Billing period"]);
    assert_eq!(attrs(&doc, r#".billing-switch input[type="radio"]"#, "id"), ["billing-monthly", "billing-annual"]);
    assert_eq!(attrs(&doc, ".billing-switch label", "for"), ["billing-monthly", "billing-annual"]);
    assert_eq!(attrs(&doc, "input[checked]", "value"), ["monthly"]);
    let scripts = attrs(&doc, "script[src]", "src");
    let script: Vec<String> = scripts.iter().filter(|s| s.starts_with("/assets/pricing.")).cloned().collect();
    assert_eq!(script.len(), 1, "{scripts:?}");
    assert!(attrs(&doc, "script[src][defer]", "src").contains(&script[0]), "pricing.js loads with defer");
    let gadget = f.html("en.example/pricing/gadget/index.html");
    assert!(texts(&gadget, ".billing-switch").is_empty(), "no switch without annual prices");
}

#[test]
fn the_comparison_table_is_grouped_with_scoped_headers() {
    let f = built();
    let doc = f.html("en.example/pricing/widget/index.html");
    assert_eq!(texts(&doc, "table.compare caption"), ["What each Widget plan includes"]);
    assert_eq!(texts(&doc, r#"table.compare thead th[scope="col"]"#), ["Feature", "Free", "Pro", "Enterprise"]);
    assert_eq!(texts(&doc, r#"table.compare th[scope="colgroup"]"#), ["Usage", "Security"]);
    assert_eq!(attrs(&doc, r#"table.compare th[scope="colgroup"]"#, "colspan"), ["4", "4"]);
    assert_eq!(texts(&doc, r#"table.compare th[scope="row"]"#), ["Seats", "Single sign-on"]);
    let sso: Vec<String> = texts(&doc, "table.compare tbody:nth-of-type(2) tr:nth-child(2) td");
    assert_eq!(sso, ["Not included", "Included", "Included"]);
    assert_eq!(texts(&doc, "table.compare tbody:nth-of-type(1) tr:nth-child(2) td"), ["1", "10", "unlimited"]);
    assert_eq!(texts(&doc, ".faq-item summary"), ["Can I cancel?"]);
    assert_eq!(texts(&doc, ".faq-answer strong"), ["any time"]);
}

#[test]
fn json_ld_offers_match_the_yaml() {
    let f = built();
    let yaml: Value = site::yaml::parse_value(&yaml(WIDGET)).unwrap();
    for (host, currency, vat) in [("en.example", "USD", false), ("he.example", "ILS", true)] {
        let ld = json_ld(&f.html(&format!("{host}/pricing/widget/index.html")));
        assert_eq!(ld["@type"], "Product");
        assert_eq!(ld["url"], format!("https://{host}/pricing/widget/"));
        let offers = ld["offers"].as_array().expect("offers");
        assert_eq!(offers.len(), 5, "free and pro monthly + annual, enterprise monthly");
        for offer in offers {
            assert_eq!(offer["priceCurrency"], currency);
            assert_eq!(offer["priceSpecification"]["valueAddedTaxIncluded"], vat);
            let sku = offer["sku"].as_str().unwrap();
            let (plan, period) = sku.trim_start_matches("widget-").rsplit_once('-').unwrap();
            let source = yaml["plans"].as_array().unwrap().iter().find(|p| p["id"] == plan).unwrap();
            let expected = source[period][currency].as_i64().unwrap();
            assert_eq!(offer["price"], expected.to_string(), "{sku} on {host}");
            let key = if source["contact"] == true { "minPrice" } else { "price" };
            assert_eq!(offer["priceSpecification"][key], expected, "{sku}");
        }
    }
}

#[test]
fn pricing_json_has_the_resolved_plans_in_the_domain_currency() {
    let f = built();
    let yaml: Value = site::yaml::parse_value(&yaml(WIDGET)).unwrap();
    let he: Value = serde_json::from_str(&f.read("he.example/pricing.json")).unwrap();
    assert_eq!(he["currency"], "ILS");
    assert_eq!(he["tax"]["rate"], 18.0);
    assert_eq!(he["tax"]["included"], true);
    let ids: Vec<&str> = he["products"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["widget"]);
    let widget = &he["products"][0];
    assert_eq!(widget["draft"], true);
    assert_eq!(widget["url"], "https://he.example/pricing/widget/");
    for (plan, source) in widget["plans"].as_array().unwrap().iter().zip(yaml["plans"].as_array().unwrap()) {
        assert_eq!(plan["id"], source["id"]);
        assert_eq!(plan["monthly"], source["monthly"]["ILS"]);
        assert_eq!(plan["annual"], source["annual"]["ILS"]);
        assert!(!plan.to_string().contains("USD"));
    }
    assert_eq!(widget["plans"][0]["cta"], "https://he.example/contact/");
    let en: Value = serde_json::from_str(&f.read("en.example/pricing.json")).unwrap();
    assert_eq!(en["currency"], "USD");
    assert_eq!(en["products"][0]["plans"][1]["monthly"], 490);
    assert_eq!(en["products"][1]["id"], "gadget");
}

#[test]
fn product_pages_link_to_pricing_and_decisions() {
    let f = built();
    let en = f.html("en.example/products/widget/index.html");
    assert_eq!(texts(&en, "h1"), ["Widget"]);
    assert_eq!(texts(&en, ".prose strong"), ["built"]);
    assert!(attrs(&en, "main a", "href").contains(&"/pricing/widget/".to_owned()));
    assert_eq!(attrs(&en, ".ref-list a", "href"), ["/decisions/bdr-0001/"]);
    let he = f.html("he.example/products/widget/index.html");
    assert_eq!(attrs(&he, ".ref-list a", "href"), ["https://en.example/decisions/bdr-0001/"]);
    assert_eq!(texts(&he, "h1"), ["Widget"]);
    assert_eq!(texts(&he, ".lead"), ["הווידג׳ט שבונה ווידג׳טים."]);
    let overview = f.html("en.example/pricing/index.html");
    assert_eq!(attrs(&overview, ".pricing-card .card-title a", "href"), ["/pricing/widget/", "/pricing/gadget/"]);
    assert_eq!(texts(&overview, ".pricing-card .price-amount"), ["$490", "$99"]);
}

// ---------- validation: every rule, exact diagnostic, exit 1, public/ untouched ----------

/// Builds the fixture, breaks `rel` by replacing `from` with `to`, and checks that the
/// build fails with exactly one error, which it returns, while the CLI exits 1 and leaves
/// the previous output as it was.
fn broken(rel: &str, from: &str, to: &str) -> (Diagnostic, String) {
    let text = yaml(rel);
    assert!(text.contains(from), "{rel} has no `{from}`");
    let bad = text.replacen(from, to, 1);
    (fails(|f| f.write(rel, &bad)), bad)
}

/// Builds the fixture, applies `change`, and checks that the build fails with exactly
/// one error, which it returns, while the CLI exits 1 and leaves `public/` as it was.
fn fails(change: impl FnOnce(&Fixture)) -> Diagnostic {
    let f = Fixture::new(CASE);
    let ok = f.run(&["build", "--quiet"]);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    let before = common::snapshot(&f.out());
    change(&f);
    let ds = f.build_err();
    assert_eq!(ds.len(), 1, "{ds:#?}");
    let d = ds.into_iter().next().unwrap();
    let run = f.run(&["build"]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains(&format!("error[{}]: {}: {}", d.code.map_or("", |c| c.as_str()), d.location(), d.message)),
        "{stderr}"
    );
    assert!(common::snapshot(&f.out()) == before, "public/ changed after a failed build");
    d
}

#[test]
fn yaml_syntax_error_is_located() {
    let (d, bad) = broken(WIDGET, "    name: Free\n", "    name: Free: again\n");
    assert_eq!(d.location(), format!("{WIDGET}:{}:15", line_of(&bad, "Free: again", 0)));
    assert_eq!(d.message, "mapping values are not allowed in this context");
    assert_eq!(d.source_line.as_deref(), Some("    name: Free: again"));
}

#[test]
fn wrong_type_is_located() {
    let (d, bad) = broken(WIDGET, "monthly: { USD: 490, ILS: 1990 }", "monthly: { USD: cheap, ILS: 1990 }");
    assert_eq!(d.location(), format!("{WIDGET}:{}:21", line_of(&bad, "USD: cheap", 0)));
    assert_eq!(d.message, "plans[1].monthly.USD: invalid type: string \"cheap\", expected i64");
}

#[test]
fn unknown_key_suggests_the_right_one() {
    let (d, bad) = broken(WIDGET, "    highlight: true", "    highlihgt: true");
    assert_eq!(d.location(), format!("{WIDGET}:{}:5", line_of(&bad, "highlihgt", 0)));
    assert_eq!(d.message, "plans[1]: unknown field `highlihgt`");
    assert_eq!(d.hint.as_deref(), Some("did you mean `highlight`?"));
}

#[test]
fn unknown_product_id() {
    let (d, _) = broken(WIDGET, "product: widget", "product: widgit");
    assert_eq!(d.location(), format!("{WIDGET}:1:1"));
    assert_eq!(d.message, "unknown product `widgit`");
    assert_eq!(d.hint.as_deref(), Some("did you mean `widget`?"));
}

#[test]
fn unknown_feature_id() {
    let (d, bad) = broken(WIDGET, "features: { seats: \"10\", sso: true }", "features: { seats: \"10\", ssso: true }");
    assert_eq!(d.line, line_of(&bad, "ssso: true", 0));
    assert_eq!(d.message, "plan `pro` refers to unknown feature `ssso`");
    assert_eq!(d.hint.as_deref(), Some("did you mean `sso`?"));
}

#[test]
fn duplicate_plan_id() {
    let (d, bad) = broken(WIDGET, "  - id: enterprise", "  - id: pro");
    assert_eq!(d.location(), format!("{WIDGET}:{}:5", line_of(&bad, "- id: pro", line_of(&bad, "- id: pro", 0))));
    assert_eq!(
        d.message,
        format!("plan id `pro` is used twice; the first is at line {}", line_of(&bad, "- id: pro", 0))
    );
}

#[test]
fn negative_price() {
    let (d, bad) = broken(WIDGET, "annual: { USD: 4900, ILS: 19900 }", "annual: { USD: -4900, ILS: 19900 }");
    assert_eq!(d.location(), format!("{WIDGET}:{}:5", line_of(&bad, "USD: -4900", 0)));
    assert_eq!(d.message, "plan `pro` has a negative annual price: -4900 USD");
}

#[test]
fn missing_currency_of_a_publishing_domain() {
    let (d, bad) = broken(WIDGET, "monthly: { USD: 490, ILS: 1990 }", "monthly: { USD: 490 }");
    assert_eq!(d.location(), format!("{WIDGET}:{}:5", line_of(&bad, "monthly: { USD: 490 }", 0)));
    assert_eq!(d.message, "plan `pro` has no monthly price in ILS, which he.example shows");
    assert_eq!(d.hint.as_deref(), Some("add `ILS: ...` to `monthly:`; prices are never converted between currencies"));
}

#[test]
fn unknown_decision_record() {
    let (d, bad) = broken("content/products/widget.yaml", "decisions: [BDR-0001]", "decisions: [BDR-0009]");
    assert_eq!(d.location(), format!("content/products/widget.yaml:{}:1", line_of(&bad, "BDR-0009", 0)));
    assert_eq!(d.message, "unknown decision record `BDR-0009`");
    assert_eq!(d.hint.as_deref(), Some("did you mean `BDR-0001`?"));
}

#[test]
fn unknown_domain_of_a_product() {
    let (d, bad) = broken("content/products/widget.yaml", "domains: [en, he]", "domains: [en, hee]");
    assert_eq!(d.location(), format!("content/products/widget.yaml:{}:1", line_of(&bad, "domains:", 0)));
    assert_eq!(d.message, "unknown domain `hee`");
    assert_eq!(d.hint.as_deref(), Some("did you mean `he`?"));
}

#[test]
fn annual_not_below_twelve_months_is_a_warning() {
    let f = Fixture::new(CASE);
    let text = yaml(WIDGET).replacen("annual: { USD: 4900, ILS: 19900 }", "annual: { USD: 5880, ILS: 19900 }", 1);
    f.write(WIDGET, &text);
    let report = f.build_ok();
    assert_eq!(report.warnings.len(), 1, "{:#?}", report.warnings);
    let w = &report.warnings[0];
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(w.line, line_of(&text, "USD: 5880", 0));
    assert_eq!(w.message, "plan `pro`: the annual price 5880 USD is not below 12 × the monthly price (5880 USD)");
    let run = f.run(&["build", "--quiet"]);
    assert_eq!(run.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&run.stderr).contains(&format!("warning[W007]: {}: {}", w.location(), w.message)));
    // With --strict the warning fails the build and the output stays as it was.
    let before = common::snapshot(&f.out());
    let strict = f.run(&["build", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&strict.stderr).contains(&format!(
        "warning[W007]: {}: {}",
        w.location(),
        w.message
    )));
    assert!(common::snapshot(&f.out()) == before, "public/ changed after a strict failure");
}

#[test]
fn product_id_must_be_a_slug() {
    let gizmo = yaml("content/products/gadget.yaml").replacen("id: gadget", "id: Gizmo Pro", 1);
    let d = fails(|f| f.write("content/products/gizmo.yaml", &gizmo));
    assert_eq!(d.location(), "content/products/gizmo.yaml:1:1");
    assert_eq!(d.message, "product id `Gizmo Pro` is not a URL slug");
}

#[test]
fn duplicate_product_id() {
    let d = fails(|f| f.write("content/products/gizmo.yaml", &yaml("content/products/gadget.yaml")));
    assert_eq!(d.location(), "content/products/gizmo.yaml:1:1");
    assert_eq!(d.message, "product id `gadget` is used twice; the first is at content/products/gadget.yaml:1");
}

#[test]
fn second_price_list_for_a_product() {
    let d = fails(|f| f.write("content/pricing/other.yaml", &yaml("content/pricing/gadget.yaml")));
    assert_eq!(d.location(), "content/pricing/other.yaml:1:1");
    assert_eq!(d.message, "product `gadget` has a second price list; the first is content/pricing/gadget.yaml");
}

#[test]
fn duplicate_feature_id() {
    let sso = "      - { id: sso, label: { en: Single sign-on, he: SSO } }\n";
    let (d, bad) = broken(WIDGET, sso, &format!("{sso}      - {{ id: seats, label: Seats again }}\n"));
    assert_eq!(d.line, line_of(&bad, "Seats again", 0));
    assert_eq!(
        d.message,
        format!("feature id `seats` is defined twice; the first is at line {}", line_of(&bad, "id: seats", 0))
    );
}

#[test]
fn plan_without_a_price() {
    let (d, bad) = broken("content/pricing/gadget.yaml", "    monthly: { USD: 99 }\n", "");
    assert_eq!(d.location(), format!("content/pricing/gadget.yaml:{}:5", line_of(&bad, "- id: basic", 0)));
    assert_eq!(d.message, "plan `basic` has no price");
    assert_eq!(d.hint.as_deref(), Some("add `monthly: {USD: ..., ILS: ...}`, or `contact: true`"));
}

#[test]
fn plans_and_coming_together() {
    let (d, bad) =
        broken("content/pricing/gadget.yaml", "plans:\n", "coming:\n  opens_in_phase: 3\n  steps: []\nplans:\n");
    assert_eq!(d.line, line_of(&bad, "coming:", 0));
    assert_eq!(d.message, "a price list has either `plans` or `coming`, not both");
}

#[test]
fn call_to_action_must_name_a_published_page() {
    let (d, bad) = broken("content/pricing/gadget.yaml", "url: \"@/contact.md\"", "url: \"@/contcat.md\"");
    assert_eq!(d.line, line_of(&bad, "@/contcat.md", 0));
    assert_eq!(d.message, "plan `basic`: `@/contcat.md` names no published page");
}

#[test]
fn details_page_must_be_published() {
    let (d, bad) = broken("content/products/widget.yaml", "page: \"@/contact.md\"", "page: \"@/about.md\"");
    assert_eq!(d.location(), format!("content/products/widget.yaml:{}:1", line_of(&bad, "page:", 0)));
    assert_eq!(d.message, "`page: @/about.md` names no published page");
}

#[test]
fn a_text_shown_in_hebrew_needs_its_hebrew() {
    let (d, bad) = broken(
        "content/products/widget.yaml",
        "tagline: { en: The widget that builds widgets., he: הווידג׳ט שבונה ווידג׳טים. }",
        "tagline: { en: The widget that builds widgets. }",
    );
    assert_eq!(d.location(), format!("content/products/widget.yaml:{}:1", line_of(&bad, "tagline:", 0)));
    assert_eq!(d.message, "no `he` text for \"The widget that builds widgets.\", which he.example shows");
}

#[test]
fn decision_records_list_the_product_pages_that_name_them() {
    let f = common::Fixture::real();
    f.build_ok();
    let record = f.html("connectsoft.dev/decisions/bdr-0002/index.html");
    let referrers = common::attrs(&record, "ul.referenced-by a", "href");
    // The Factory's product page names BDR-0002; the record links to its English version.
    assert!(referrers.contains(&"https://connectsoft.ai/products/factory/".to_string()), "{referrers:?}");
    assert!(!referrers.iter().any(|r| r.starts_with("https://connectsoft.co.il/")), "{referrers:?}");
}
