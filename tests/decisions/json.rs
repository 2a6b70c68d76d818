//! `/decisions.json` (issue 13, item 13) and the graph's legend (item 12).

use super::common::{texts, Fixture};

fn built(case: &str) -> Fixture {
    let f = Fixture::new(case);
    f.build_ok();
    f
}

#[test]
fn decisions_json_lists_every_published_record() {
    let f = built("decisions-own");
    let json: serde_json::Value = serde_json::from_str(&f.read("a.example/decisions.json")).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["domain"], "a.example");
    assert_eq!(json["log"], "https://a.example/decisions/");
    let records = json["records"].as_array().unwrap();
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["BDR-0001", "BDR-0002", "BDR-0003", "BDR-0004", "BDR-0005"]);
    let r4 = &records[3];
    assert_eq!(r4["title"], "Usage-based billing");
    assert_eq!(r4["status"], "accepted");
    assert_eq!(r4["date"], "2026-04-10");
    assert_eq!(r4["updated"], "2026-04-20");
    assert_eq!(r4["deciders"], serde_json::json!(["Dana", "Eli"]));
    assert_eq!(r4["consulted"], serde_json::json!(["Finance team"]));
    assert_eq!(r4["supersedes"], serde_json::json!(["BDR-0003"]));
    assert_eq!(r4["tags"], serde_json::json!(["billing", "pricing"]));
    assert_eq!(r4["url"], "https://a.example/decisions/bdr-0004/");
    assert_eq!(r4["source"], "content/decisions/0004-usage-based-billing.md");
    // Links beyond supersession: 0004 links 0003 (which it supersedes) and 0002.
    assert_eq!(r4["relations"], serde_json::json!([{ "kind": "links-to", "id": "BDR-0002" }]));
    assert_eq!(records[2]["superseded_by"], serde_json::json!(["BDR-0004"]));
    let history = records[2]["history"].as_array().unwrap();
    assert_eq!(history.last().unwrap()["status"], "superseded");
    assert_eq!(history.last().unwrap()["by"], "BDR-0004");
    assert!(f.read("a.example/decisions.json").ends_with("}\n"));
}

#[test]
fn the_graph_legend_shows_only_the_kinds_drawn() {
    for case in ["decisions-own", "decisions-nygard"] {
        let f = built(case);
        let doc = f.html("a.example/decisions/graph/index.html");
        let legend = texts(&doc, "svg .dg-legend-text");
        let drawn: Vec<String> = ["supersedes", "relates to", "refers to"]
            .into_iter()
            .filter(|kind| texts(&doc, ".graph-edges li").iter().any(|e| e.contains(&format!(" {kind} "))))
            .map(str::to_owned)
            .collect();
        assert_eq!(legend, drawn, "{case}");
    }
    let f = built("decisions-nygard");
    assert!(!texts(&f.html("a.example/decisions/graph/index.html"), "svg .dg-legend-text")
        .contains(&"refers to".to_owned()));
}
