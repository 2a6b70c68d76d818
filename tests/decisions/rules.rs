//! Every decision rule: the bad input, the exact diagnostic (file, line, message),
//! and for errors the binary's exit code 1 with `public/` left as it was.

use std::path::PathBuf;

use site::diagnostics::Code;

use crate::common::{snapshot, Fixture};

/// Builds `case` with the binary, applies `edit`, and checks the failed rebuild:
/// exit 1, the diagnostic on stderr, the output untouched, and the library's
/// diagnostic at exactly `file:line:column` (column 0: about the whole line or file).
fn refused(case: &str, edit: impl Fn(&Fixture), file: &str, (line, column): (usize, usize), message: &str) {
    let f = Fixture::new(case);
    let ok = f.run(&["build", "--quiet"]);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    let before = snapshot(&f.out());
    edit(&f);
    let failed = f.run(&["build"]);
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert_eq!(failed.status.code(), Some(1), "{stderr}");
    let place = if column == 0 { format!("{file}:{line}") } else { format!("{file}:{line}:{column}") };
    let printed = format!("{place}: {message}");
    assert!(stderr.lines().any(|l| l.split_once(": ").is_some_and(|(_, rest)| rest == printed)), "{stderr}");
    assert!(snapshot(&f.out()) == before, "public/ changed after a failed build");
    let found = f.build_err();
    let d = found.iter().find(|d| d.message == message).unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!((d.path.clone(), d.line, d.column), (PathBuf::from(file), line, column));
    assert!(d.is_error());
}

const OWN: &str = "decisions-own";
const PRICES: &str = "content/decisions/0002-publish-prices.md";

fn prices(extra: &str, status: &str) -> String {
    format!("---\nid: BDR-0002\ntitle: Publish list prices\nstatus: {status}\ndate: 2026-02-10\n{extra}---\nBody.\n")
}

#[test]
fn a_dangling_reference_is_an_error() {
    let edit = |f: &Fixture| f.write(PRICES, &prices("supersedes: [BDR-0009]\n", "accepted"));
    refused(OWN, edit, PRICES, (6, 14), "`supersedes` names `BDR-0009`, but no decision record has that id");
}

#[test]
fn a_record_cannot_supersede_itself() {
    let edit = |f: &Fixture| f.write(PRICES, &prices("supersedes: [BDR-0002]\n", "accepted"));
    refused(OWN, edit, PRICES, (6, 14), "BDR-0002 cannot supersede itself");
}

#[test]
fn a_supersession_cycle_is_an_error() {
    let edit = |f: &Fixture| {
        let path = "content/decisions/0001-monthly-billing.md";
        let text = std::fs::read_to_string(f.root().join(path)).unwrap();
        f.write(path, &text.replace("tags: [billing]\n", "tags: [billing]\nsupersedes: [BDR-0004]\n"));
    };
    refused(
        OWN,
        edit,
        "content/decisions/0001-monthly-billing.md",
        (9, 14),
        "supersession cycle: BDR-0001 supersedes BDR-0004 supersedes BDR-0003 supersedes BDR-0001",
    );
}

#[test]
fn a_superseded_record_needs_a_successor() {
    let edit = |f: &Fixture| f.write(PRICES, &prices("", "superseded"));
    refused(OWN, edit, PRICES, (4, 9), "BDR-0002 has status `superseded`, but no record supersedes it");
}

#[test]
fn a_superseded_record_must_say_so() {
    let edit = |f: &Fixture| {
        let path = "content/decisions/0005-free-tier.md";
        let text = std::fs::read_to_string(f.root().join(path)).unwrap();
        f.write(path, &text.replace("tags:", "supersedes: [BDR-0002]\ntags:"));
    };
    refused(
        OWN,
        edit,
        "content/decisions/0002-publish-prices.md",
        (5, 9),
        "BDR-0002 is superseded by BDR-0005, but its status is `accepted`",
    );
}

#[test]
fn both_sides_of_a_supersession_must_agree() {
    let edit = |f: &Fixture| f.write(PRICES, &prices("superseded_by: [BDR-0004]\n", "superseded"));
    refused(
        OWN,
        edit,
        PRICES,
        (6, 17),
        "BDR-0002 says it is superseded by BDR-0004, but BDR-0004's `supersedes` does not list it",
    );
}

#[test]
fn duplicate_ids_name_the_other_file() {
    let edit = |f: &Fixture| f.write("content/decisions/0006-copy.md", "---\nid: BDR-0002\ntitle: Copy\n---\n");
    let file = "content/decisions/0006-copy.md";
    refused(OWN, edit, file, (2, 5), "decision id `BDR-0002` is also used by content/decisions/0002-publish-prices.md");
    refused(OWN, edit, file, (2, 5), "decision id `BDR-0002` does not match the file's number 0006");
}

/// The file, line, column, message, hint and code of each diagnostic with `code`.
fn diagnosed(f: &Fixture, code: Code) -> Vec<(String, usize, usize, String, String)> {
    let found = f.build_err();
    let of_code = found.iter().filter(|d| d.code == Some(code));
    let all = of_code.map(|d| {
        let hint = d.hint.clone().unwrap_or_default();
        (d.path.display().to_string(), d.line, d.column, d.message.clone(), hint)
    });
    all.collect()
}

fn diagnostic(
    file: &str,
    line: usize,
    column: usize,
    message: &str,
    hint: &str,
) -> (String, usize, usize, String, String) {
    (file.to_owned(), line, column, message.to_owned(), hint.to_owned())
}

/// Two records numbered 0002: the later one is told the next free number (one past
/// the highest, 0005) and the name to give its file.
#[test]
fn two_records_numbered_alike_are_told_the_next_free_number() {
    let f = Fixture::new(OWN);
    let file = "content/decisions/0002-show-tax.md";
    f.write(file, "---\nid: BDR-0002\ntitle: Show prices with tax\nstatus: proposed\ndate: 2026-02-12\n---\nBody.\n");
    let message = "decision id `BDR-0002` is also used by content/decisions/0002-publish-prices.md";
    let hint = "give it the next free number: rename it to `0006-show-tax.md` and set `id: BDR-0006`";
    assert_eq!(diagnosed(&f, Code::E051), [diagnostic(file, 2, 5, message, hint)]);
    // A Nygard file's id is its file name: renaming it is the whole fix.
    let file = "content/decisions/0002-show-tax.md";
    f.write(file, "# 2. Show prices with tax\n\nDate: 2026-02-12\n\n## Status\n\nProposed\n");
    let hint = "give it the next free number: rename it to `0006-show-tax.md`";
    assert_eq!(diagnosed(&f, Code::E051), [diagnostic(file, 1, 1, message, hint)]);
}

/// An id that is not the file's number is offered only fixes that are free: here
/// both its file number and its id are taken, so the next free number.
#[test]
fn a_mismatched_id_is_offered_only_free_numbers() {
    let f = Fixture::new(OWN);
    let file = "content/decisions/0002-show-tax.md";
    f.write(file, "---\nid: BDR-0003\ntitle: Show prices with tax\n---\nBody.\n");
    let message = "decision id `BDR-0003` does not match the file's number 0002";
    let hint = "give it the next free number: rename it to `0006-show-tax.md` and set `id: BDR-0006`";
    assert_eq!(diagnosed(&f, Code::E050), [diagnostic(file, 2, 5, message, hint)]);
    let f = Fixture::new(OWN);
    let file = "content/decisions/0006-copy.md";
    f.write(file, "---\nid: BDR-0002\ntitle: Copy\n---\n");
    let message = "decision id `BDR-0002` does not match the file's number 0006";
    assert_eq!(diagnosed(&f, Code::E050), [diagnostic(file, 2, 5, message, "set `id: BDR-0006`")]);
    let message = "decision id `BDR-0002` is also used by content/decisions/0002-publish-prices.md";
    let hint = "set `id: BDR-0006`, the file's own number";
    assert_eq!(diagnosed(&f, Code::E051), [diagnostic(file, 2, 5, message, hint)]);
}

#[test]
fn ids_have_one_form() {
    let edit = |f: &Fixture| f.write(PRICES, &prices("", "accepted").replace("BDR-0002", "ADR-2"));
    refused(OWN, edit, PRICES, (2, 5), "decision id `ADR-2` is not of the form BDR-NNNN");
    let edit = |f: &Fixture| f.write("content/decisions/notes.md", "---\ntitle: Notes\n---\n");
    refused(OWN, edit, "content/decisions/notes.md", (1, 0), "decision record has no id");
}

#[test]
fn an_unknown_nygard_status_is_located() {
    let path = "content/decisions/0004-log-in-json.md";
    let edit = |f: &Fixture| {
        let text = std::fs::read_to_string(f.root().join(path)).unwrap();
        f.write(path, &text.replace("Proposed", "Maybe later"));
    };
    refused("decisions-nygard", edit, path, (7, 1), "unknown status `Maybe later`");
}

#[test]
fn imported_records_need_a_title_and_iso_dates() {
    let path = "content/decisions/0005-untitled.md";
    let edit = |f: &Fixture| f.write(path, "Date: 2018-08-01\n\n## Status\n\nAccepted\n");
    refused("decisions-nygard", edit, path, (1, 0), "a decision record needs a title");
    let edit = |f: &Fixture| f.write(path, "# 5. Cache\n\nDate: 01/08/2018\n\n## Status\n\nAccepted\n");
    refused("decisions-nygard", edit, path, (3, 7), "`date` must be an ISO date, found `01/08/2018`");
}

/// MADR front matter may carry keys for another tool (issue 13): a warning, not an
/// error; a wrong type for a key we read is still an error.
#[test]
fn madr_front_matter_keys_for_other_tools_are_warnings() {
    let path = "content/decisions/0003-use-feature-flags.md";
    let f = Fixture::new("decisions-madr");
    f.write(path, "---\nstatus: accepted\nreviewers: [Ann]\n---\n# Flags\n");
    let report = f.build_ok();
    let found: Vec<(String, usize, usize, &str)> =
        report.warnings.iter().map(|d| (d.path.display().to_string(), d.line, d.column, d.message.as_str())).collect();
    assert_eq!(found, [(path.to_owned(), 3, 1, "front matter key `reviewers` is not a decision-record key; ignored")]);
    let edit = |f: &Fixture| f.write(path, "---\nstatus: accepted\ndraft: maybe\n---\n# Flags\n");
    refused(
        "decisions-madr",
        edit,
        path,
        (3, 8),
        "front matter: draft: invalid type: string \"maybe\", expected a boolean",
    );
}

#[test]
fn a_gap_in_the_numbering_is_a_warning() {
    let f = Fixture::new(OWN);
    let path = "content/decisions/0007-later.md";
    f.write(path, "---\nid: BDR-0007\ntitle: Later\nstatus: proposed\ndate: 2026-06-01\n---\nBody.\n");
    let report = f.build_ok();
    assert_eq!(report.warnings.len(), 1, "{:#?}", report.warnings);
    let w = &report.warnings[0];
    assert!(!w.is_error());
    assert_eq!((w.path.clone(), w.line, w.column), (PathBuf::from(path), 2, 5));
    assert_eq!(w.message, "decision numbers jump from BDR-0005 to BDR-0007: BDR-0006 is missing");
    let run = f.run(&["build", "--quiet"]);
    assert!(run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains(&format!("warning[W006]: {path}:2:5: decision numbers jump")), "{stderr}");
}
