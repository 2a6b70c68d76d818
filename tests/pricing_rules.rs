//! The catalogue rules of issue 17 on the `pricing-basic` fixture: no text is cut (E048),
//! the price policy of `site.yaml` (E049, W015), service levels rendered from data, and
//! calls to action that end in something a buyer can do (`mailto:` or a form; E058).

mod common;

use common::{attrs, texts, Fixture};
use site::diagnostics::{Code, Diagnostic, Severity};

const CASE: &str = "pricing-basic";
const WIDGET: &str = "content/pricing/widget.yaml";
const SITE: &str = "content/site.yaml";
const POLICY: &str =
    "prices:\n  ILS: { follows: USD, rate: 3.70, tax: 18, below: { min: 0, max: 10 }, endings: [\"90\", \"900\"] }\n";

fn yaml(rel: &str) -> String {
    std::fs::read_to_string(common::repo().join("tests/fixtures").join(CASE).join(rel)).expect("fixture file")
}

/// 1-based line and column of `needle` in `text`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    text.lines()
        .enumerate()
        .find_map(|(i, l)| l.find(needle).map(|at| (i + 1, l[..at].chars().count() + 1)))
        .expect(needle)
}

/// The fixture with `rel` edited; the build's one error.
fn one_error(f: &Fixture) -> Diagnostic {
    let ds = f.build_err();
    assert_eq!(ds.len(), 1, "{ds:#?}");
    ds.into_iter().next().unwrap()
}

#[test]
fn a_comma_in_a_flow_mapping_is_an_error_at_the_stray_key() {
    let f = Fixture::new(CASE);
    let text =
        yaml(WIDGET).replacen("{ en: 10 seats, he: 10 משתמשים }", "{ en: 10 seats, 2 admins, he: 10 משתמשים }", 1);
    f.write(WIDGET, &text);
    let d = one_error(&f);
    assert_eq!(d.code, Some(Code::E048));
    assert_eq!((d.line, d.column), position(&text, "2 admins"));
    assert_eq!(d.message, "`2 admins` is not a language of the site; the text before it, \"10 seats\", is cut there");
    assert_eq!(
        d.hint.as_deref(),
        Some("languages are en, he; a comma in an unquoted `{ en: a, b, he: c }` starts a new key: quote the text, `en: \"a, b\"`")
    );
}

#[test]
fn a_language_the_site_does_not_have_is_an_error_too() {
    let f = Fixture::new(CASE);
    let text = yaml(WIDGET).replacen(
        "{ en: To try it., he: כדי לנסות. }",
        "{ en: To try it., he: כדי לנסות., fr: Pour essayer. }",
        1,
    );
    f.write(WIDGET, &text);
    let d = one_error(&f);
    assert_eq!((d.code, d.line, d.column), (Some(Code::E048), position(&text, "fr:").0, position(&text, "fr:").1));
    assert!(d.message.starts_with("`fr` is not a language of the site"), "{}", d.message);
}

#[test]
fn a_price_outside_the_policy_fails_with_the_band_and_the_nearest_price() {
    let f = Fixture::new(CASE);
    f.write(SITE, &format!("{}{POLICY}", yaml(SITE)));
    f.build_ok();
    let text = yaml(WIDGET).replacen("monthly: { USD: 490, ILS: 1990 }", "monthly: { USD: 490, ILS: 2290 }", 1);
    f.write(WIDGET, &text);
    let d = one_error(&f);
    assert_eq!(d.code, Some(Code::E049));
    assert_eq!((d.line, d.column), position(&text, "2290"));
    assert_eq!(
        d.message,
        "plan `pro`: the monthly price 2,290 ILS is outside the band: expected 1,926–2,139 ILS, ending in 90 or 900 \
         (0–10% below USD 490 × 3.7 + 18% tax = 2139.34); nearest compliant: 2,090 ILS"
    );
    let run = f.run(&["build"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains(&format!("error[E049]: {}: {}", d.location(), d.message)));
}

#[test]
fn a_wrong_ending_is_named_and_a_warning_policy_only_warns() {
    let f = Fixture::new(CASE);
    let policy = POLICY.replace("] }", "], severity: warning }");
    f.write(SITE, &format!("{}{policy}", yaml(SITE)));
    let text = yaml(WIDGET).replacen("annual: { USD: 4900, ILS: 19900 }", "annual: { USD: 4900, ILS: 20000 }", 1);
    f.write(WIDGET, &text);
    let report = f.build_ok();
    let w: Vec<_> = report.warnings.iter().filter(|w| w.code == Some(Code::W015)).collect();
    assert_eq!(w.len(), 1, "{:#?}", report.warnings);
    assert_eq!(w[0].severity, Severity::Warning);
    assert_eq!((w[0].line, w[0].column), position(&text, "20000"));
    assert!(
        w[0].message
            .starts_with("plan `pro`: the annual price 20,000 ILS has a wrong ending: expected 19,255–21,393 ILS"),
        "{}",
        w[0].message
    );
    assert!(w[0].message.ends_with("nearest compliant: 19,990 ILS"), "{}", w[0].message);
}

#[test]
fn the_real_prices_follow_bdr_0006() {
    let f = Fixture::real();
    let report = f.build_ok();
    assert!(!report.warnings.iter().any(|w| w.code == Some(Code::W015)));
    let site = std::fs::read_to_string(common::repo().join(SITE)).unwrap();
    assert!(site.contains(
        "ILS: { follows: USD, rate: 3.70, tax: 18, below: { min: 0, max: 10 }, endings: [\"90\", \"900\"] }"
    ));
}

#[test]
fn a_call_to_action_without_url_writes_to_the_domain_sales_address() {
    let f = Fixture::new(CASE);
    let site = yaml(SITE).replacen(
        "    title: Widgets\n",
        "    title: Widgets\n    contact: { sales: sales@widget.example }\n",
        1,
    );
    f.write(SITE, &site);
    let text = yaml(WIDGET).replacen("url: \"@/contact.md\" }\n  - id: enterprise", "}\n  - id: enterprise", 1);
    f.write(WIDGET, &text);
    // The Hebrew domain has no contact: the same plan fails there, at its `cta:`.
    let d = one_error(&f);
    assert_eq!(d.code, Some(Code::E058));
    assert_eq!(d.line, position(&text, "label: { en: Choose Pro").0);
    assert_eq!(d.message, "plan `pro`: the call to action has no `url`, and he.example has no `contact:` to write to");
    let site = site.replacen(
        "    content_dir: he\n",
        "    content_dir: he\n    contact: { sales: sales@widget.example, form: https://forms.widget.example/buy }\n",
        1,
    );
    f.write(SITE, &site);
    f.build_ok();
    let en = f.html("en.example/pricing/widget/index.html");
    let hrefs = attrs(&en, "#plan-pro a.plan-cta", "href");
    assert_eq!(hrefs, ["mailto:sales@widget.example?subject=Widget%20%E2%80%94%20Pro"]);
    let he = f.html("he.example/pricing/widget/index.html");
    assert_eq!(attrs(&he, "#plan-pro form.plan-cta-form", "action"), ["https://forms.widget.example/buy"]);
    assert_eq!(attrs(&he, "#plan-pro form.plan-cta-form", "method"), ["post"]);
    assert_eq!(attrs(&he, "#plan-pro form input[name=plan]", "value"), ["Pro"]);
    assert_eq!(texts(&he, "#plan-pro form button[type=submit]").len(), 1);
}

#[test]
fn service_rows_take_their_cells_from_the_plans_service_levels() {
    let f = Fixture::new(CASE);
    let text = yaml(WIDGET)
        .replacen(
            "cta: { label: { en: Choose Pro",
            "service: { channels: [email, phone], response: { severity_1: 1 hour, severity_3: 2 business days }, uptime: 99.9 }\n    cta: { label: { en: Choose Pro",
            1,
        )
        .replacen(
            "      - { id: sso, label: { en: Single sign-on, he: SSO } }\n",
            "      - { id: sso, label: { en: Single sign-on, he: SSO } }\n      - { id: uptime, label: { en: Uptime, he: זמינות }, service: uptime }\n      - { id: support, label: { en: Support, he: תמיכה }, service: support }\n      - { id: sev1, label: { en: Severity 1, he: חומרה 1 }, service: severity_1 }\n",
            1,
        );
    f.write(WIDGET, &text);
    f.build_ok();
    let en = f.html("en.example/pricing/widget/index.html");
    let rows = texts(&en, "table tbody tr td:nth-child(3)");
    for want in ["99.9%", "24/7 for severity 1", "1 hour, 24/7"] {
        assert!(rows.iter().any(|r| r == want), "{want} not in {rows:?}");
    }
    let he = f.html("he.example/pricing/widget/index.html");
    let rows = texts(&he, "table tbody tr td:nth-child(3)");
    assert!(rows.iter().any(|r| r == "שעה, 24/7"), "{rows:?}");
}

#[test]
fn a_contact_that_is_not_an_email_address_is_refused() {
    let f = Fixture::new(CASE);
    let site = yaml(SITE).replacen(
        "    title: Widgets\n",
        "    title: Widgets\n    contact: { sales: \"https://sales.example\" }\n",
        1,
    );
    f.write(SITE, &site);
    let d = one_error(&f);
    assert_eq!(d.code, Some(Code::E058));
    assert_eq!((d.line, d.column), position(&site, "https://sales.example"));
    assert_eq!(d.message, "en: the sales contact `https://sales.example` is not an email address");
}
