//! ADR dialects met in real folders (issue 13, items 4–10 and 12): each fixture is
//! written here in our own words, built, and checked on the published pages or on
//! the exact diagnostic (file, line, message, code).

mod common;

use common::{attrs, texts, Fixture};
use site::diagnostics::{Code, Diagnostic};

const DIR: &str = "content/decisions";

/// The Nygard fixture's site with only `files` in its decision folder.
fn folder(files: &[(&str, &str)]) -> Fixture {
    let f = Fixture::new("decisions-nygard");
    std::fs::remove_dir_all(f.root().join(DIR)).unwrap();
    for (name, text) in files {
        f.write(&format!("{DIR}/{name}"), text);
    }
    f
}

fn warnings(f: &Fixture) -> Vec<Diagnostic> {
    f.build_ok().warnings
}

fn located(d: &Diagnostic) -> (String, usize, String, Option<Code>) {
    (d.path.display().to_string(), d.line, d.message.clone(), d.code)
}

fn nygard(n: u32, title: &str, status: &str) -> String {
    format!("# {n}. {title}\n\nDate: 2021-03-0{n}\n\n## Status\n\n{status}\n\n## Context\n\nSome words.\n")
}

#[test]
fn inline_markdown_in_a_title_is_html_in_the_heading_and_text_elsewhere() {
    let f = folder(&[("0001-use-bash.md", &nygard(1, "Use `bash` and [Go](https://go.dev)", "Accepted"))]);
    assert!(warnings(&f).is_empty());
    let page = f.html("a.example/decisions/bdr-0001/index.html");
    let h1 = page.select(&scraper::Selector::parse("h1").unwrap()).next().unwrap().inner_html();
    assert_eq!(h1, "Use <code>bash</code> and <a href=\"https://go.dev\">Go</a>");
    assert!(texts(&page, "title")[0].starts_with("Use bash and Go"), "{:?}", texts(&page, "title"));
    let log = f.html("a.example/decisions/index.html");
    assert_eq!(texts(&log, ".decision-log-title a")[0], "Use bash and Go");
    let feed = f.read("a.example/decisions/feed.xml");
    assert!(feed.contains("<title>BDR-0001: Use bash and Go</title>"), "{feed}");
}

#[test]
fn adr_tools_spelling_of_supersession_is_read_both_ways() {
    let f = folder(&[
        ("0001-first.md", &nygard(1, "First", "Superceded by [2. Second](0002-second.md)")),
        ("0002-second.md", &nygard(2, "Second", "Accepted\n\nSupercedes [1. First](0001-first.md)")),
    ]);
    assert!(warnings(&f).is_empty());
    let first = f.html("a.example/decisions/bdr-0001/index.html");
    assert_eq!(texts(&first, ".decision-meta .status-badge"), ["Superseded"]);
    assert_eq!(attrs(&first, ".superseded-notice a", "href"), ["/decisions/bdr-0002/"]);
    let second = f.html("a.example/decisions/bdr-0002/index.html");
    assert_eq!(attrs(&second, ".decision-meta .ref-list a", "href"), ["/decisions/bdr-0001/"]);
}

#[test]
fn supersession_written_only_by_the_newer_record_is_derived_with_a_warning() {
    let f = folder(&[
        ("0001-first.md", &nygard(1, "First", "Accepted")),
        ("0002-second.md", &nygard(2, "Second", "Accepted\n\nSupercedes [1. First](0001-first.md)")),
    ]);
    let found: Vec<_> = warnings(&f).iter().map(located).collect();
    assert_eq!(
        found,
        [(
            format!("{DIR}/0001-first.md"),
            7,
            "BDR-0001 is superseded by BDR-0002, but its status is `accepted`; it is shown as superseded".to_owned(),
            Some(Code::W011)
        )]
    );
    let first = f.html("a.example/decisions/bdr-0001/index.html");
    assert_eq!(texts(&first, ".decision-meta .status-badge"), ["Superseded"]);
    assert_eq!(attrs(&first, ".superseded-notice a", "href"), ["/decisions/bdr-0002/"]);
}

#[test]
fn metadata_as_list_items_with_bold_keys() {
    let bold = "# Keep a changelog\n\n- **Status:** Accepted\n- **Date:** 2024-03-01\n- Updated: 2024-04-02\n\n## Context\n\nWords.\n";
    let noted = "# Pick a queue\n\n* Status: proposed. The group has not agreed yet.\n* Date: 2024-05-01\n\n## Context\n\nWords.\n";
    let f = folder(&[("0001-keep-a-changelog.md", bold), ("0002-pick-a-queue.md", noted)]);
    assert!(warnings(&f).is_empty());
    let one = f.html("a.example/decisions/bdr-0001/index.html");
    assert_eq!(texts(&one, ".decision-meta .status-badge"), ["Accepted"]);
    assert_eq!(attrs(&one, ".decision-meta time", "datetime"), ["2024-03-01", "2024-04-02"]);
    assert!(texts(&one, ".prose li").is_empty(), "the metadata bullets are not in the body");
    let two = f.html("a.example/decisions/bdr-0002/index.html");
    assert_eq!(texts(&two, ".decision-meta .status-badge"), ["Proposed"]);
    assert_eq!(texts(&two, ".decision-meta .status-note"), ["The group has not agreed yet."]);
}

#[test]
fn decorated_and_aliased_statuses() {
    let cases = [
        ("✅ Accepted", "Accepted"),
        ("**Accepted**", "Accepted"),
        ("Accepted on 2020-01-05", "Accepted"),
        ("On hold", "Proposed"),
        ("Draft", "Proposed"),
        ("Approved", "Accepted"),
        ("Withdrawn", "Rejected"),
        ("Parked", "Deprecated"),
    ];
    let files: Vec<(String, String)> = (1..)
        .zip(cases)
        .map(|(n, (status, _))| (format!("000{n}-r.md"), format!("# {n}. R{n}\n\n## Status\n\n{status}\n")))
        .collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let f = folder(&refs);
    let config = std::fs::read_to_string(f.root().join("content/site.yaml")).unwrap();
    f.write("content/site.yaml", &format!("{config}decisions:\n  statuses:\n    parked: deprecated\n"));
    f.build_ok();
    for (n, (_, shown)) in (1..).zip(cases) {
        let page = f.html(&format!("a.example/decisions/bdr-000{n}/index.html"));
        assert_eq!(texts(&page, ".decision-meta .status-badge"), [shown], "record {n}");
    }
    let dated = f.html("a.example/decisions/bdr-0003/index.html");
    assert_eq!(attrs(&dated, ".decision-meta time", "datetime"), ["2020-01-05"]);
}

#[test]
fn an_unknown_status_lists_the_known_ones() {
    let f = folder(&[("0001-r.md", "# 1. R\n\n## Status\n\nPondering\n")]);
    let found = f.build_err();
    assert_eq!(
        found.iter().map(located).collect::<Vec<_>>(),
        [(format!("{DIR}/0001-r.md"), 5, "unknown status `Pondering`".to_owned(), Some(Code::E055))]
    );
    assert_eq!(found[0].column, 1, "the status word starts the line");
    let hint = found[0].hint.as_deref().unwrap();
    assert!(hint.starts_with("the statuses are proposed, accepted, rejected, deprecated and superseded; also understood: proposed, draft, on hold,"), "{hint}");
    assert!(hint.contains("first line of the `## Status` section"), "Nygard advice: {hint}");
    assert!(!hint.contains("status:`"), "no front matter key for a Nygard file: {hint}");
}

#[test]
fn a_status_word_mapped_to_no_status_is_an_error_in_site_yaml() {
    let f = folder(&[("0001-r.md", &nygard(1, "R", "Accepted"))]);
    let config = std::fs::read_to_string(f.root().join("content/site.yaml")).unwrap();
    let lines = config.lines().count();
    f.write("content/site.yaml", &format!("{config}decisions:\n  statuses:\n    parked: sleeping\n"));
    let errors = f.build_err();
    let found: Vec<_> = errors.iter().map(located).collect();
    assert_eq!(
        found,
        [(
            "content/site.yaml".to_owned(),
            lines + 3,
            "status word `parked` is mapped to `sleeping`, which is not a status".to_owned(),
            Some(Code::E057)
        )]
    );
    assert_eq!(errors[0].column, 13, "at `sleeping`");
}

#[test]
fn front_matter_for_another_tool_is_a_warning_once_per_key() {
    let madr = |n: u32| {
        format!("---\nparent: Decisions\nnav_order: {n}\nstatus: accepted\nslug: /r{n}\n---\n# Record {n}\n\nWords.\n")
    };
    let f = folder(&[("0001-a.md", &madr(1)), ("0002-b.md", &madr(2))]);
    let found: Vec<_> = warnings(&f).iter().map(located).collect();
    let at = |line, key: &str| {
        let message = format!("front matter key `{key}` is not a decision-record key; ignored (also in 1 other file)");
        (format!("{DIR}/0001-a.md"), line, message, Some(Code::W009))
    };
    assert_eq!(found, [at(2, "parent"), at(3, "nav_order"), at(5, "slug")]);
    assert_eq!(texts(&f.html("a.example/decisions/bdr-0002/index.html"), "h1"), ["Record 2"]);
}

#[test]
fn our_own_format_stays_strict() {
    let own = "---\ntitle: Ours\nstatus: accepted\nnav_order: 3\n---\nWords.\n";
    let f = folder(&[("0001-ours.md", own)]);
    let found: Vec<_> = f.build_err().iter().map(located).collect();
    assert_eq!(
        found,
        [(format!("{DIR}/0001-ours.md"), 4, "front matter: unknown field `nav_order`".to_owned(), Some(Code::E003))]
    );
}

#[test]
fn statuses_written_as_links_keep_the_words_after_them() {
    let f = folder(&[
        ("0001-a.md", &nygard(1, "A", "[Approved]")),
        ("0002-b.md", &nygard(2, "B", "[Deprecated](https://example.com/pull/12) once the new flow shipped")),
    ]);
    assert!(warnings(&f).is_empty());
    let first = f.html("a.example/decisions/bdr-0001/index.html");
    assert_eq!(texts(&first, ".decision-meta .status-badge"), ["Accepted"]);
    let second = f.html("a.example/decisions/bdr-0002/index.html");
    assert_eq!(texts(&second, ".decision-meta .status-badge"), ["Deprecated"]);
    assert!(second.root_element().text().any(|t| t.contains("once the new flow shipped")));
}

#[test]
fn a_record_linking_to_the_template_publishes_it_as_a_file() {
    let first = "# 1. Keep records

Date: 2021-03-01

## Status

Accepted

## Decision

Copy [the template](template.md) for each new record.
";
    let f = folder(&[
        (
            "template.md",
            "# Title

## Status

{status}
",
        ),
        ("0001-keep-records.md", first),
    ]);
    assert!(warnings(&f).is_empty());
    let page = f.html("a.example/decisions/bdr-0001/index.html");
    assert_eq!(
        attrs(&page, ".decision-body a[href$='template.md'], main a[href$='template.md']", "href")[0],
        "/decisions/template.md"
    );
    assert_eq!(f.read("a.example/decisions/template.md"), "# Title\n\n## Status\n\n{status}\n");
    let log = f.html("a.example/decisions/index.html");
    assert_eq!(texts(&log, ".decision-log-item .decision-id"), ["BDR-0001"]);
}

#[test]
fn templates_are_never_records_and_comments_do_not_hide_the_title() {
    let template = "# [short title]\n\n## Status\n\n{proposed | accepted}\n";
    let with_front = "---\ntitle: ADR Template\nnav_order: 100\n---\n# {title}\n";
    let commented = "<!--\n  Write the decision in one sentence.\n  # Not a title\n-->\n# 1. Keep records\n\n## Status\n\nAccepted\n";
    let f = folder(&[
        ("template.md", template),
        ("adr-template.md", with_front),
        ("0000-TEMPLATE.md", template),
        ("0001-keep-records.md", commented),
    ]);
    assert!(warnings(&f).is_empty());
    let log = f.html("a.example/decisions/index.html");
    assert_eq!(texts(&log, ".decision-log-item .decision-id"), ["BDR-0001"]);
    assert_eq!(texts(&f.html("a.example/decisions/bdr-0001/index.html"), "h1"), ["Keep records"]);
}

#[test]
fn a_suffixed_number_is_one_error_naming_the_clash_and_the_next_number() {
    let f = folder(&[
        ("0001-a.md", &nygard(1, "A", "Accepted")),
        ("0002-b.md", &nygard(2, "B", "Accepted")),
        ("0002a-addendum.md", &nygard(2, "B addendum", "Accepted")),
    ]);
    let found = f.build_err();
    assert_eq!(
        found.iter().map(located).collect::<Vec<_>>(),
        [(
            format!("{DIR}/0002a-addendum.md"),
            1,
            format!("`0002a-addendum.md` has a suffixed number: its id would be BDR-0002, which {DIR}/0002-b.md already has"),
            Some(Code::E056)
        )]
    );
    assert_eq!(found[0].hint.as_deref(), Some("give it the next free number: rename it to `0003-addendum.md`"));
}

#[test]
fn a_heading_number_that_is_not_the_file_number_is_a_warning() {
    let f = folder(&[("0001-a.md", &nygard(1, "A", "Accepted")), ("0002-b.md", &nygard(3, "B", "Accepted"))]);
    let found: Vec<_> = warnings(&f).iter().map(located).collect();
    assert_eq!(
        found,
        [(
            format!("{DIR}/0002-b.md"),
            1,
            "the heading is numbered 3, but the file name says 0002 (`0002-b.md`)".to_owned(),
            Some(Code::W010)
        )]
    );
}
