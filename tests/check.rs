//! `site check`: the content checks beyond `build`, JSON output, `--strict`, and that
//! nothing is written.

mod common;

use common::Fixture;
use site::diagnostics::Code;

fn json_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

#[test]
fn reports_orphans_missing_alt_text_scripts_and_script_links() {
    let f = Fixture::new("basic");
    f.write(
        "content/about.md",
        "---\ntitle: About\n---\n## Team\n\n![](team.png)\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1))\n",
    );
    f.write("content/team.png", "PNG");
    let run = f.run(&["check", "--format", "json"]);
    assert_eq!(run.status.code(), Some(0), "warnings alone pass: {}", String::from_utf8_lossy(&run.stderr));
    let found = json_lines(&run.stdout);
    let by_code =
        |code: &str| found.iter().find(|d| d["code"] == code).unwrap_or_else(|| panic!("{code} missing: {found:#?}"));
    let orphan = by_code("W001");
    assert_eq!(orphan["file"], "content/decisions/0001-first-decision.md");
    assert_eq!(orphan["severity"], "warning");
    assert_eq!(orphan["message"], "orphan page: published, but no page links to it");
    let alt = by_code("W002");
    assert_eq!((alt["file"].as_str(), alt["line"].as_u64()), (Some("content/about.md"), Some(6)));
    assert_eq!(alt["message"], "image `team.png` has no alt text");
    // The default raw-HTML setting (`safe`) removes the script; `trusted` keeps it and
    // `check` reports it with W004 (tests/raw_html.rs).
    let script = by_code("W008");
    assert_eq!((script["line"].as_u64(), script["column"].as_u64()), (Some(8), Some(1)));
    assert_eq!(script["message"], "raw HTML: removed `<script>`, which runs a script");
    let link = by_code("W005");
    assert_eq!((link["line"].as_u64(), link["column"].as_u64()), (Some(10), Some(1)));
    assert_eq!(link["message"], "link to `javascript:alert(1)` runs a script; it was replaced by `#`");
    assert!(!f.out().exists(), "check must not write");
}

#[test]
fn strict_turns_warnings_into_failures() {
    let f = Fixture::new("basic");
    let run = f.run(&["check", "--strict"]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("warning[W001]: content/decisions/0001-first-decision.md: orphan page"), "{stderr}");
}

#[test]
fn errors_exit_1_with_json_for_ci() {
    let f = Fixture::new("basic");
    f.write("content/about.md", "---\ntitle: About\n---\n[x](@/nope.md)\n");
    let run = f.run(&["check", "--format", "json"]);
    assert_eq!(run.status.code(), Some(1));
    let found = json_lines(&run.stdout);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["severity"], "error");
    assert_eq!(found[0]["file"], "content/about.md");
    assert_eq!(found[0]["line"], 4);
    assert_eq!(found[0]["message"], "link to `@/nope.md`: no page content/nope.md");
}

#[test]
fn script_links_are_neutralised_in_the_build() {
    let f = Fixture::new("basic");
    f.write("content/about.md", "---\ntitle: About\n---\n[click](javascript:alert(1)) [ok](https://example.com)\n");
    let report = f.build_ok();
    assert_eq!(report.warnings.len(), 1);
    assert_eq!(report.warnings[0].code, Some(Code::W005));
    let hrefs = common::attrs(&f.html("a.example/about/index.html"), "main a", "href");
    assert!(hrefs.contains(&"#".to_string()) && hrefs.contains(&"https://example.com".to_string()), "{hrefs:?}");
    assert!(!hrefs.iter().any(|h| h.to_lowercase().contains("javascript")), "{hrefs:?}");
}

#[test]
fn the_real_content_checks_clean() {
    let f = Fixture::real();
    let run = f.run(&["check", "--strict"]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
}
