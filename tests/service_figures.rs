//! Service levels stay data: an uptime target or response promise typed in prose warns
//! (W017) and names the `service` call to write; `service` reads a pillar's tier and a
//! pillar's highest uptime; pricing cards word `{ service: … }` lines from the data, and
//! hand-written card text that contradicts the data is an error (E061).

mod common;

use common::{texts, Fixture};
use site::diagnostics::{Code, Severity};

const CASE: &str = "pricing-basic";
const PRICES: &str = "content/pricing/widget.yaml";
const GADGET: &str = "content/pricing/gadget.yaml";

/// The fixture with Pro promising `service`, and the contact pages holding `en` and `he`.
fn with_service(en: &str, he: &str) -> Fixture {
    let f = Fixture::new(CASE);
    f.write("content/contact.md", &format!("---\ntitle: Contact\n---\n{en}\n"));
    f.write("content/he/contact.md", &format!("---\ntitle: צור קשר\ntranslation_of: contact.md\n---\n{he}\n"));
    let prices = std::fs::read_to_string(f.root().join(PRICES)).unwrap();
    let service = "    highlight: true\n    service: { channels: [email], response: { severity_1: 1 hour, severity_3: 1 business day }, uptime: 99.9 }\n";
    f.write(PRICES, &prices.replacen("    highlight: true\n", service, 1));
    f
}

#[test]
fn a_service_figure_typed_by_hand_is_a_warning_naming_the_call() {
    let en = "Pro has a 99.9% uptime target and a 1-hour response. Growth was 10% last year, credits start below 99.0%, and `99.9%` is code.";
    let he = "יעד זמינות \u{200f}99.9% ומענה 24/7.";
    let f = with_service(en, he);
    f.write(
        "content/decisions/0002-more.md",
        "---\nid: BDR-0002\ntitle: More\nstatus: accepted\ndate: 2026-01-02\n---\nWe promised 99.9% uptime and 24/7 support.\n",
    );
    let report = f.build_ok();
    let typed: Vec<_> = report.warnings.iter().filter(|d| d.code == Some(Code::W017)).collect();
    let found: Vec<_> = typed
        .iter()
        .map(|d| (d.path.to_string_lossy().into_owned(), d.line, d.column, d.message.as_str(), d.hint.as_deref()))
        .collect();
    let hint = |fact: &str| {
        format!("write `{{{{ service(plan=\"widget.pro\", fact=\"{fact}\") }}}}`: the page then follows the plan's `service:` data")
    };
    let (uptime, sev1) = (hint("uptime"), hint("severity_1"));
    assert_eq!(
        found,
        [
            ("content/contact.md".into(), 4, 11, "service figure typed by hand: `99.9%`", Some(uptime.as_str())),
            ("content/contact.md".into(), 4, 37, "service figure typed by hand: `1-hour`", Some(sev1.as_str())),
            ("content/he/contact.md".into(), 5, 13, "service figure typed by hand: `99.9%`", Some(uptime.as_str())),
            ("content/he/contact.md".into(), 5, 25, "service figure typed by hand: `24/7`", Some(sev1.as_str())),
        ]
    );
    assert!(typed.iter().all(|d| d.severity == Severity::Warning));
}

#[test]
fn ordinary_percentages_and_times_do_not_warn() {
    let en = "Revenue grew 10% and 95% of teams renewed. The workshop takes 2 hours; the API is open 24/7 to read.";
    let f = with_service(en, "צמיחה של 10%.");
    let report = f.build_ok();
    let typed: Vec<_> = report.warnings.iter().filter(|d| d.code == Some(Code::W017)).collect();
    assert!(typed.is_empty(), "{typed:#?}");
}

#[test]
fn service_reads_a_pillar_tier_and_a_pillars_highest_uptime() {
    let body = "Up to {{ service(pillar=\"factory\", fact=\"uptime\") }}; Pro tiers: {{ service(pillar=\"factory\", tier=\"pro\", fact=\"severity_1\") }}.";
    let f = with_service(body, body);
    let prices = std::fs::read_to_string(f.root().join(PRICES)).unwrap();
    let enterprise = "    contact: true\n    service: { channels: [email], uptime: 99.95 }\n";
    f.write(PRICES, &prices.replacen("    contact: true\n", enterprise, 1));
    f.build_ok();
    let en = f.html("en.example/contact/index.html");
    assert_eq!(texts(&en, "main p"), ["Up to 99.95%; Pro tiers: 1 hour, 24/7."]);
    let he = f.html("he.example/contact/index.html");
    assert_eq!(texts(&he, "main p"), ["Up to 99.95%; Pro tiers: שעה, 24/7."]);

    f.write(
        "content/contact.md",
        "---\ntitle: Contact\n---\n{{ service(pillar=\"factory\", tier=\"gold\", fact=\"uptime\") }}\n",
    );
    let errors = f.build_err();
    let d = errors.iter().find(|d| d.path.ends_with("content/contact.md")).expect("an error on the page");
    assert_eq!((d.code, d.line, d.column), (Some(Code::E060), 4, 30));
    assert_eq!(d.message, "`service` finds no plan `gold` in pillar `factory`");
}

#[test]
fn card_lines_come_from_the_service_data() {
    let f = with_service("Hello.", "שלום.");
    let prices = std::fs::read_to_string(f.root().join(PRICES)).unwrap();
    let lines = "limits: [{ en: 10 seats, he: 10 משתמשים }, { service: uptime }, { service: severity_3 }]";
    f.write(PRICES, &prices.replacen("limits: [{ en: 10 seats, he: 10 משתמשים }]", lines, 1));
    f.build_ok();
    let en = f.html("en.example/pricing/widget/index.html");
    let limits = texts(&en, "main ul.plan-limits li");
    assert!(
        limits.ends_with(&["10 seats".into(), "99.9% uptime target".into(), "Answers within 1 business day".into()]),
        "{limits:?}"
    );
    let he = f.html("he.example/pricing/widget/index.html");
    assert!(texts(&he, "main ul.plan-limits li").contains(&"יעד זמינות 99.9%".to_owned()));
}

#[test]
fn card_text_contradicting_the_service_data_is_an_error() {
    let f = with_service("Hello.", "שלום.");
    let prices = std::fs::read_to_string(f.root().join(PRICES)).unwrap();
    let lines = "limits: [{ en: 99.5% uptime target, he: יעד זמינות 99.5% }]";
    f.write(PRICES, &prices.replacen("limits: [{ en: 10 seats, he: 10 משתמשים }]", lines, 1));
    let gadget = std::fs::read_to_string(f.root().join(GADGET)).unwrap();
    f.write(GADGET, &gadget.replacen("    name: Basic\n", "    name: Basic\n    limits: [{ service: uptime }]\n", 1));
    let errors = f.build_err();
    let found: Vec<_> = errors
        .iter()
        .filter(|d| d.code == Some(Code::E061))
        .map(|d| (d.path.to_string_lossy().into_owned(), d.line, d.message.as_str()))
        .collect();
    let line = prices.lines().position(|l| l.contains("limits: [{ en: 10 seats")).unwrap() + 1;
    let gadget_line = gadget.lines().position(|l| l.contains("name: Basic")).unwrap() + 2;
    let wrong = "plan `pro` says `99.5%` by hand, but its `service:` uptime target is 99.9%";
    assert_eq!(
        found,
        [
            (GADGET.into(), gadget_line, "plan `basic` shows `service: uptime` on its card but promises no `uptime`"),
            (PRICES.into(), line, wrong),
            (PRICES.into(), line, wrong),
        ]
    );
}
