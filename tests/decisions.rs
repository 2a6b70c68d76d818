//! The decision log: our own records, Nygard and MADR folders, the log and its
//! filters, record pages, the timeline, the graph and the Atom feed. Rules are in
//! `decisions/rules.rs`, `site new` in `decisions/scaffold.rs`.

mod common;
#[path = "decisions/json.rs"]
mod json;
#[path = "decisions/rules.rs"]
mod rules;
#[path = "decisions/scaffold.rs"]
mod scaffold;

use common::{attrs, texts, Fixture};

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn built(case: &str) -> Fixture {
    let f = Fixture::new(case);
    let report = f.build_ok();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    f
}

fn ids(f: &Fixture, page: &str) -> Vec<String> {
    texts(&f.html(page), ".decision-log-item .decision-id")
}

#[test]
fn the_log_is_newest_first_with_status_in_words() {
    let f = built("decisions-own");
    let doc = f.html("a.example/decisions/index.html");
    assert_eq!(ids(&f, "a.example/decisions/index.html"), ["BDR-0005", "BDR-0004", "BDR-0003", "BDR-0002", "BDR-0001"]);
    assert_eq!(
        texts(&doc, ".decision-log-item .status-badge"),
        ["Rejected", "Accepted", "Superseded", "Accepted", "Superseded"]
    );
    assert_eq!(attrs(&doc, ".decision-log-title a", "href")[0], "/decisions/bdr-0005/");
    assert_eq!(texts(&doc, "h1"), ["Decisions"]);
    assert!(texts(&doc, ".decision-log-about p")[0].starts_with("Each record says"));
    assert_eq!(texts(&doc, ".decision-filters [aria-current=page]"), ["All decisions 5"]);
    assert_eq!(attrs(&doc, "link[type=\"application/atom+xml\"]", "href"), ["/decisions/feed.xml"]);
    let filters = attrs(&doc, ".decision-filters a", "href");
    for expected in [
        "/decisions/status/accepted/",
        "/decisions/status/rejected/",
        "/decisions/status/superseded/",
        "/decisions/tags/billing/",
        "/decisions/tags/growth-reach/",
        "/decisions/timeline/",
        "/decisions/graph/",
        "/decisions/feed.xml",
    ] {
        assert!(filters.iter().any(|h| h == expected), "{expected} not in {filters:?}");
    }
    assert!(!filters.iter().any(|h| h.contains("proposed")), "no proposed records, no proposed filter");
    for href in &filters {
        let file = if href.ends_with('/') { format!("a.example{href}index.html") } else { format!("a.example{href}") };
        assert!(f.exists(&file), "{file} is linked but missing");
    }
    assert!(!f.exists("b.example/decisions/index.html") && !f.exists("b.example/decisions/feed.xml"));
}

#[test]
fn status_and_tag_pages_list_only_their_records() {
    let f = built("decisions-own");
    let accepted = f.html("a.example/decisions/status/accepted/index.html");
    assert_eq!(texts(&accepted, "h1"), ["Decisions with status: Accepted"]);
    assert_eq!(ids(&f, "a.example/decisions/status/accepted/index.html"), ["BDR-0004", "BDR-0002"]);
    assert_eq!(texts(&accepted, ".decision-filters [aria-current=page]"), ["Accepted 2"]);
    assert_eq!(texts(&accepted, ".breadcrumbs a"), ["Home", "Decisions"]);
    assert_eq!(ids(&f, "a.example/decisions/tags/pricing/index.html"), ["BDR-0005", "BDR-0004", "BDR-0002"]);
    let growth = f.html("a.example/decisions/tags/growth-reach/index.html");
    assert_eq!(texts(&growth, "h1"), ["Decisions tagged: growth & reach"]);
    assert_eq!(ids(&f, "a.example/decisions/tags/growth-reach/index.html"), ["BDR-0005"]);
    assert_eq!(
        attrs(&growth, ".decision-log-item .tag", "href"),
        ["/decisions/tags/pricing/", "/decisions/tags/growth-reach/"]
    );
}

#[test]
fn a_record_page_shows_history_chain_and_who_refers_to_it() {
    let f = built("decisions-own");
    let doc = f.html("a.example/decisions/bdr-0003/index.html");
    assert_eq!(attrs(&doc, ".decision-meta .ref-list a", "href"), ["/decisions/bdr-0001/", "/decisions/bdr-0004/"]);
    assert_eq!(texts(&doc, ".status-history .status-badge"), ["Accepted", "Superseded"]);
    assert_eq!(attrs(&doc, ".status-history time", "datetime"), ["2026-03-10", "2026-04-10"]);
    assert_eq!(attrs(&doc, ".status-history a", "href"), ["/decisions/bdr-0004/"]);
    assert_eq!(texts(&doc, ".supersession-chain .ref-id"), ["BDR-0001", "BDR-0003", "BDR-0004"]);
    assert_eq!(texts(&doc, ".supersession-chain [aria-current=page] .ref-id"), ["BDR-0003"]);

    // BDR-0001 names no successor itself: the side is derived from BDR-0003's `supersedes`.
    let first = f.html("a.example/decisions/bdr-0001/index.html");
    assert_eq!(attrs(&first, ".superseded-notice a", "href"), ["/decisions/bdr-0003/"]);
    assert_eq!(texts(&first, ".supersession-chain .ref-id"), ["BDR-0001", "BDR-0003", "BDR-0004"]);

    let last = f.html("a.example/decisions/bdr-0004/index.html");
    assert_eq!(texts(&last, ".referenced-by a"), ["BDR-0002 Publish list prices", "Pricing guide"]);
    assert_eq!(attrs(&last, ".referenced-by a", "href"), ["/decisions/bdr-0002/", "/docs/pricing/"]);
    assert!(texts(&last, ".decision-meta dd").iter().any(|t| t == "Finance team"));
    let links = attrs(&last, ".prose a:not(.anchor)", "href");
    assert_eq!(links, ["/decisions/bdr-0003/#decision", "/decisions/bdr-0002/"]);
    assert_eq!(attrs(&last, ".decision-meta .tag", "href"), ["/decisions/tags/billing/", "/decisions/tags/pricing/"]);
}

#[test]
fn the_timeline_lists_every_status_change_newest_first() {
    let f = built("decisions-own");
    let doc = f.html("a.example/decisions/timeline/index.html");
    assert_eq!(
        attrs(&doc, ".timeline-date time", "datetime"),
        ["2026-05-10", "2026-04-10", "2026-03-10", "2026-02-10", "2026-01-10"]
    );
    let day: Vec<String> = texts(&doc, ".timeline-day:nth-child(2) .timeline-event")
        .iter()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(
        day,
        ["Accepted BDR-0004 Usage-based billing", "Superseded BDR-0003 Annual billing by BDR-0004 Usage-based billing"]
    );
}

#[test]
fn the_graph_is_an_accessible_svg_whose_nodes_are_links() {
    let f = built("decisions-own");
    let doc = f.html("a.example/decisions/graph/index.html");
    assert_eq!(attrs(&doc, "figure.decision-graph svg", "role"), ["group"]);
    assert_eq!(attrs(&doc, "figure.decision-graph svg", "aria-labelledby"), ["decision-graph-title"]);
    assert!(!texts(&doc, "svg > title#decision-graph-title")[0].is_empty());
    let records = attrs(&doc, "svg a.dg-record", "href");
    assert_eq!(records, (1..=5).map(|n| format!("/decisions/bdr-000{n}/")).collect::<Vec<_>>());
    assert_eq!(texts(&doc, "svg a.dg-record > title")[2], "BDR-0003: Annual billing (Superseded)");
    assert_eq!(attrs(&doc, "svg a.dg-page", "href"), ["/docs/pricing/"]);
    assert_eq!(texts(&doc, "svg path.dg-supersedes").len(), 2);
    let edges: Vec<String> =
        texts(&doc, ".graph-edges li").iter().map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    for expected in [
        "BDR-0004: Usage-based billing supersedes BDR-0003: Annual billing",
        "BDR-0004: Usage-based billing relates to BDR-0002: Publish list prices",
        "Pricing guide refers to BDR-0004: Usage-based billing",
    ] {
        assert!(edges.iter().any(|e| e == expected), "{expected} not in {edges:#?}");
    }
}

fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|c| c.tag_name().name() == name && c.tag_name().namespace() == Some(ATOM))
}

fn text(node: roxmltree::Node<'_, '_>, name: &str) -> Option<String> {
    child(node, name).and_then(|c| c.text()).map(str::to_owned)
}

#[test]
fn the_feed_is_atom() {
    let f = built("decisions-own");
    let xml = f.read("a.example/decisions/feed.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let feed = doc.root_element();
    assert_eq!((feed.tag_name().namespace(), feed.tag_name().name()), (Some(ATOM), "feed"));
    assert_eq!(text(feed, "id").as_deref(), Some("https://a.example/decisions/"));
    assert_eq!(text(feed, "updated").as_deref(), Some("2026-05-10T00:00:00Z"));
    assert_eq!(child(feed, "author").and_then(|a| text(a, "name")).as_deref(), Some("Fixture Co"));
    let links: Vec<(&str, &str)> = feed
        .children()
        .filter(|c| c.tag_name().name() == "link")
        .map(|l| (l.attribute("rel").unwrap_or(""), l.attribute("href").unwrap_or("")))
        .collect();
    assert_eq!(
        links,
        [("self", "https://a.example/decisions/feed.xml"), ("alternate", "https://a.example/decisions/")]
    );
    let entries: Vec<_> = feed.children().filter(|c| c.tag_name().name() == "entry").collect();
    let entry_ids: Vec<String> = entries.iter().filter_map(|e| text(*e, "id")).collect();
    assert_eq!(
        entry_ids,
        (1..=5).rev().map(|n| format!("https://a.example/decisions/bdr-000{n}/")).collect::<Vec<_>>()
    );
    for entry in &entries {
        let id = text(*entry, "id").unwrap_or_default();
        assert!(text(*entry, "title").is_some_and(|t| t.starts_with("BDR-")));
        let updated = text(*entry, "updated").unwrap_or_default();
        assert!(updated.len() == 20 && updated.ends_with("T00:00:00Z"), "{updated}");
        let alternate = entry.children().find(|c| c.tag_name().name() == "link").and_then(|l| l.attribute("href"));
        assert_eq!(alternate, Some(id.as_str()));
        let content = child(*entry, "content").expect("content");
        assert_eq!(content.attribute("type"), Some("html"));
        assert!(content.text().is_some_and(|html| html.contains("<h2 id=\"context\">")));
    }
    let usage = entries[1];
    assert_eq!(text(usage, "published").as_deref(), Some("2026-04-10T00:00:00Z"));
    assert_eq!(text(usage, "updated").as_deref(), Some("2026-04-20T00:00:00Z"));
    let html = child(usage, "content").and_then(|c| c.text()).unwrap_or_default();
    assert!(html.contains("href=\"https://a.example/decisions/bdr-0003/#decision\""), "{html}");
    let terms: Vec<&str> = entries[0].children().filter_map(|c| c.attribute("term")).collect();
    assert_eq!(terms, ["rejected", "pricing", "growth & reach"]);
}

#[test]
fn a_nygard_folder_builds_without_edits() {
    let f = built("decisions-nygard");
    let log = f.html("a.example/decisions/index.html");
    assert_eq!(texts(&log, "h1"), ["Decision log"]);
    assert_eq!(ids(&f, "a.example/decisions/index.html"), ["BDR-0004", "BDR-0003", "BDR-0002", "BDR-0001"]);
    let first = f.html("a.example/decisions/bdr-0001/index.html");
    assert_eq!(texts(&first, "h1"), ["Record architecture decisions"]);
    assert_eq!(attrs(&first, ".decision-meta time", "datetime"), ["2018-05-03"]);
    let mysql = f.html("a.example/decisions/bdr-0002/index.html");
    assert_eq!(texts(&mysql, ".decision-meta .status-badge"), ["Superseded"]);
    assert_eq!(attrs(&mysql, ".superseded-notice a", "href"), ["/decisions/bdr-0003/"]);
    assert!(attrs(&mysql, ".prose a", "href").contains(&"/decisions/bdr-0003/".to_owned()));
    let postgres = f.html("a.example/decisions/bdr-0003/index.html");
    assert_eq!(texts(&postgres, ".decision-meta .status-badge"), ["Accepted"]);
    assert_eq!(attrs(&postgres, ".decision-meta .ref-list a", "href"), ["/decisions/bdr-0002/"]);
    assert!(attrs(&postgres, ".prose a", "href").contains(&"/decisions/bdr-0001/".to_owned()));
    assert_eq!(texts(&f.html("a.example/decisions/bdr-0004/index.html"), ".decision-meta .status-badge"), ["Proposed"]);
    assert!(!f.exists("a.example/decisions/readme/index.html"), "an ADR folder's README is not a record");
}

#[test]
fn a_madr_folder_builds_without_edits() {
    let f = built("decisions-madr");
    assert_eq!(ids(&f, "a.example/decisions/index.html"), ["BDR-0003", "BDR-0002", "BDR-0001", "BDR-0000"]);
    let zero = f.html("a.example/decisions/bdr-0000/index.html");
    assert_eq!(texts(&zero, "h1"), ["Use Markdown Architectural Decision Records"]);
    assert_eq!(texts(&zero, ".decision-meta .inline-list li"), ["Oliver Kopp", "Olaf Zimmermann"]);
    let json = f.html("a.example/decisions/bdr-0001/index.html");
    assert_eq!(texts(&json, ".decision-meta .status-badge"), ["Superseded"]);
    assert_eq!(attrs(&json, ".superseded-notice a", "href"), ["/decisions/bdr-0002/"]);
    assert_eq!(
        texts(&json, ".decision-meta .inline-list li"),
        ["Ann Lee", "Bo Chen", "Storage guild", "All engineers"]
    );
    let sqlite = f.html("a.example/decisions/bdr-0002/index.html");
    assert_eq!(attrs(&sqlite, ".decision-meta .ref-list a", "href"), ["/decisions/bdr-0001/"]);
    assert_eq!(attrs(&sqlite, ".prose a:not(.anchor)", "href"), ["/decisions/bdr-0001/"]);
    let flags = f.html("a.example/decisions/bdr-0003/index.html");
    assert_eq!(texts(&flags, "h1"), ["Use feature flags for releases"]);
    assert_eq!(texts(&flags, ".decision-meta .status-badge"), ["Proposed"]);
    assert!(texts(&flags, ".prose p")[0].starts_with("Technical Story"));
    assert!(!f.exists("a.example/decisions/adr-template/index.html"), "MADR's template is not a record");
}

#[test]
fn connectsoft_dev_publishes_the_real_log() {
    let f = Fixture::real();
    let report = f.build_ok();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    let log = "connectsoft.dev/decisions/index.html";
    let mut listed = ids(&f, log);
    listed.sort();
    assert_eq!(listed, (1..=7).map(|n| format!("BDR-000{n}")).collect::<Vec<_>>());
    let doc = f.html(log);
    let statuses = texts(&doc, ".decision-filters .filter-group:first-child a");
    assert_eq!(statuses, ["All decisions 7", "Proposed 2", "Accepted 5"]);
    for page in [
        "status/accepted/index.html",
        "status/proposed/index.html",
        "timeline/index.html",
        "graph/index.html",
        "feed.xml",
    ] {
        assert!(f.exists(&format!("connectsoft.dev/decisions/{page}")), "{page}");
    }
    let feed = f.read("connectsoft.dev/decisions/feed.xml");
    let feed = roxmltree::Document::parse(&feed).expect("feed parses");
    assert_eq!(feed.root_element().children().filter(|c| c.tag_name().name() == "entry").count(), 7);
    let record = f.html("connectsoft.dev/decisions/bdr-0001/index.html");
    assert!(texts(&record, ".referenced-by a").iter().any(|t| t == "Code ownership and IP"));
    assert!(!f.exists("connectsoft.ai/decisions/feed.xml"));
}

#[test]
fn every_decision_view_is_valid_html() {
    for case in ["decisions-own", "decisions-nygard", "decisions-madr"] {
        let f = built(case);
        if let Some(report) = common::nu_check(&f.out()) {
            assert!(report.is_empty(), "{case}: invalid HTML:\n{report}");
        }
    }
}
