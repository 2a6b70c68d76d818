//! `site new decision` and `site new page` on temp copies: the files they write
//! build, the superseded record is updated in its own format, and bad paths or
//! ids change nothing.

use crate::common::{attrs, texts, Fixture};

fn run_ok(f: &Fixture, args: &[&str]) -> String {
    let out = f.run(args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

fn read(f: &Fixture, rel: &str) -> String {
    std::fs::read_to_string(f.root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn new_decision_supersedes_a_record_and_builds() {
    let f = Fixture::new("decisions-own");
    let path = run_ok(&f, &["new", "decision", "Usage caps", "--supersedes", "BDR-0004"]);
    assert_eq!(path, "content/decisions/0006-usage-caps.md");
    let text = read(&f, &path);
    assert!(text.starts_with("---\nid: BDR-0006\ntitle: \"Usage caps\"\n"), "{text}");
    for part in [
        "status: proposed\n",
        "supersedes: [BDR-0004]\n",
        "## Context\n",
        "## Decision\n",
        "## Consequences\n",
        "## Alternatives considered\n",
    ] {
        assert!(text.contains(part), "{part} missing:\n{text}");
    }
    let old = read(&f, "content/decisions/0004-usage-based-billing.md");
    assert!(old.contains("\nstatus: superseded\n") && old.contains("\nsuperseded_by: [BDR-0006]\n"), "{old}");
    let report = f.build_ok();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    let doc = f.html("a.example/decisions/bdr-0006/index.html");
    assert_eq!(texts(&doc, "h1"), ["Usage caps"]);
    let ids: Vec<String> = attrs(&doc, "h2[id]", "id");
    for section in ["context", "decision", "consequences", "alternatives-considered"] {
        assert!(ids.iter().any(|i| i == section), "{section} not in {ids:?}");
    }
    let older = f.html("a.example/decisions/bdr-0004/index.html");
    assert_eq!(attrs(&older, ".superseded-notice a", "href"), ["/decisions/bdr-0006/"]);
    assert_eq!(texts(&older, ".supersession-chain .ref-id"), ["BDR-0001", "BDR-0003", "BDR-0004", "BDR-0006"]);
}

#[test]
fn new_decision_marks_a_nygard_record_in_its_own_format() {
    let f = Fixture::new("decisions-nygard");
    let path = run_ok(&f, &["new", "decision", "Use CockroachDB", "--supersedes", "bdr-0003"]);
    assert_eq!(path, "content/decisions/0005-use-cockroachdb.md");
    let old = read(&f, "content/decisions/0003-use-postgresql-for-storage.md");
    assert!(old.contains("## Status\n\nSuperseded by [5. Use CockroachDB](0005-use-cockroachdb.md)\n"), "{old}");
    let report = f.build_ok();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    let doc = f.html("a.example/decisions/bdr-0003/index.html");
    assert_eq!(texts(&doc, ".decision-meta .status-badge"), ["Superseded"]);
    assert_eq!(texts(&doc, ".supersession-chain .ref-id"), ["BDR-0002", "BDR-0003", "BDR-0005"]);
}

#[test]
fn new_decision_without_supersedes_takes_the_next_number() {
    let f = Fixture::new("decisions-madr");
    let path = run_ok(&f, &["new", "decision", "Cache settings in memory"]);
    assert_eq!(path, "content/decisions/0004-cache-settings-in-memory.md");
    f.build_ok();
    assert!(f.exists("a.example/decisions/bdr-0004/index.html"));
}

#[test]
fn new_decision_refuses_an_unknown_record_and_changes_nothing() {
    let f = Fixture::new("decisions-own");
    let before = crate::common::snapshot(&f.root().join("content"));
    let out = f.run(&["new", "decision", "X", "--supersedes", "BDR-0042"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("there is no decision record BDR-0042 in content/decisions/"));
    let out = f.run(&["new", "decision", "X", "--supersedes", "0042"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(crate::common::snapshot(&f.root().join("content")) == before);
}

#[test]
fn new_page_writes_a_page_that_builds_and_never_overwrites() {
    let f = Fixture::new("decisions-own");
    let path = run_ok(&f, &["new", "page", "docs/getting-started.md", "Getting started"]);
    assert_eq!(path, "content/docs/getting-started.md");
    f.build_ok();
    assert_eq!(texts(&f.html("a.example/docs/getting-started/index.html"), "h1"), ["Getting started"]);
    let again = f.run(&["new", "page", "docs/getting-started.md", "Again"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert!(read(&f, "content/docs/getting-started.md").contains("Getting started"));
    for outside in ["../escape.md", "/tmp/site-new-page-escape.md", "docs/../../escape.md"] {
        let out = f.run(&["new", "page", outside, "Escape"]);
        assert_eq!(out.status.code(), Some(2), "{outside}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("is not a path inside content/"), "{outside}");
    }
    assert!(!f.root().join("escape.md").exists() && !f.root().parent().unwrap().join("escape.md").exists());
}

#[test]
fn new_decision_on_a_copy_of_the_real_content_builds_cleanly() {
    let f = Fixture::real();
    let path = run_ok(&f, &["new", "decision", "Annual prepayment discounts"]);
    assert_eq!(path, "content/decisions/0008-annual-prepayment-discounts.md");
    let report = f.build_ok();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    let doc = f.html("connectsoft.dev/decisions/bdr-0008/index.html");
    assert_eq!(texts(&doc, ".decision-meta .status-badge"), ["Proposed"]);
    let log = f.html("connectsoft.dev/decisions/index.html");
    assert!(texts(&log, ".decision-log-item .decision-id").iter().any(|id| id == "BDR-0008"));
}
