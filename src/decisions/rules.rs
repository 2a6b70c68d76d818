//! Rules over all decision records, as pure functions of the loaded pages: ids,
//! duplicates, dangling references, supersession agreement and cycles (errors) and
//! gaps in the numbering (a warning). Each diagnostic points at the line to fix.

use crate::diagnostics::{did_you_mean, value_column, Code, Diagnostic};
use crate::load::{Dialect, Page, Pages, Status};

use super::located::{at, at_id, key_line};
use super::model::{Log, Record};
use super::numbers::Numbers;
use crate::load::status_line::leading_number;

/// Every decision-record problem in `pages`.
pub fn check(pages: &Pages) -> Vec<Diagnostic> {
    let coded = |code: Code, found: Vec<Diagnostic>| found.into_iter().map(move |d| d.with_code(code));
    let numbers = Numbers::new(pages);
    let mut out: Vec<Diagnostic> = coded(Code::E050, numbers.ids(pages)).collect();
    let log = Log::new(pages);
    out.extend(coded(Code::E051, numbers.duplicates(pages, &log)));
    for r in &log.records {
        out.extend(coded(Code::E052, references(pages, &log, r)));
        out.extend(coded(Code::E053, agreement(pages, &log, r)));
        out.extend(status(pages, r).map(|d| if d.code.is_none() { d.with_code(Code::E053) } else { d }));
    }
    out.extend(coded(Code::E054, cycles(pages, &log)));
    out.extend(coded(Code::W006, gaps(pages, &log)));
    out
}

/// `supersedes` / `superseded_by` must name existing records other than itself.
fn references(pages: &Pages, log: &Log, r: &Record) -> Vec<Diagnostic> {
    let page = &pages[r.page];
    let mut out = Vec::new();
    for (key, list) in [("supersedes", &page.front.supersedes), ("superseded_by", &page.front.superseded_by)] {
        for other in list {
            if *other == r.id {
                let message = format!("{} cannot supersede itself", r.id);
                out.push(at_id(page, key, other, message, "remove its own id from the list"));
            } else if log.get(other).is_none() {
                let ids = log.records.iter().map(|r| r.id.as_str());
                let hint = match did_you_mean(other, ids) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => "name an existing record by its id, e.g. `BDR-0001`".into(),
                };
                let message = format!("`{key}` names `{other}`, but no decision record has that id");
                out.push(at_id(page, key, other, message, hint));
            }
        }
    }
    out
}

/// Where both sides of an edge are written, they must name each other.
fn agreement(pages: &Pages, log: &Log, r: &Record) -> Vec<Diagnostic> {
    let page = &pages[r.page];
    let mut out = Vec::new();
    for newer in page.front.superseded_by.iter().filter_map(|id| log.get(id)) {
        let theirs = &pages[newer.page].front.supersedes;
        if !theirs.is_empty() && !theirs.contains(&r.id) && newer.id != r.id {
            out.push(at_id(
                page,
                "superseded_by",
                &newer.id,
                format!(
                    "{} says it is superseded by {}, but {}'s `supersedes` does not list it",
                    r.id, newer.id, newer.id
                ),
                side_hint(&pages[newer.page], "Supersedes", "supersedes", page, "superseded_by"),
            ));
        }
    }
    for older in page.front.supersedes.iter().filter_map(|id| log.get(id)) {
        let theirs = &pages[older.page].front.superseded_by;
        if !theirs.is_empty() && !theirs.contains(&r.id) && older.id != r.id {
            out.push(at_id(
                page,
                "supersedes",
                &older.id,
                format!(
                    "{} says it supersedes {}, but {}'s `superseded_by` does not list it",
                    r.id, older.id, older.id
                ),
                side_hint(&pages[older.page], "Superseded by", "superseded_by", page, "supersedes"),
            ));
        }
    }
    out
}

/// How to complete the other side of an edge, in the format `other` is written in:
/// a front matter key, or a status line for a Nygard file.
fn side_hint(other: &Page, phrase: &str, key: &str, here: &Page, own_key: &str) -> String {
    let file = here.rel.file_name();
    let number = leading_number(file).unwrap_or_default();
    let fix_there = match other.front.imported.as_ref().map(|m| m.dialect) {
        Some(Dialect::Nygard) => {
            format!("write \"{phrase} [{number}. …]({file})\" in the `## Status` section of {}", other.source.display())
        }
        _ => format!("add {} to `{key}` in {}", here.decision_id().unwrap_or_default(), other.source.display()),
    };
    let fix_here = match here.front.imported.as_ref().map(|m| m.dialect) {
        Some(Dialect::Nygard) => "correct the status line here".to_owned(),
        _ => format!("correct `{own_key}` here"),
    };
    format!("{fix_there}, or {fix_here}")
}

/// A superseded record has a successor, and a record with a successor is superseded.
/// An imported record whose successor alone says so is shown as superseded (W011).
fn status(pages: &Pages, r: &Record) -> Option<Diagnostic> {
    let page = &pages[r.page];
    let written = page.front.status.unwrap_or(Status::Proposed);
    let dialect = page.front.imported.as_ref().map(|m| m.dialect);
    match (written, r.superseded_by.is_empty()) {
        (Status::Superseded, true) => Some(at(
            page,
            "status",
            format!("{} has status `superseded`, but no record supersedes it", r.id),
            match dialect {
                Some(_) => format!(
                    "write \"Supersedes [{}. …]({})\" in the newer record's status, or change this status",
                    r.number.unwrap_or_default(),
                    page.rel.file_name()
                ),
                None => format!(
                    "add `superseded_by: [BDR-NNNN]` here or `supersedes: [{}]` to the newer record, or change the status",
                    r.id
                ),
            },
        )),
        (status, false) if status != Status::Superseded => {
            let message = format!(
                "{} is superseded by {}, but its status is `{}`",
                r.id,
                r.superseded_by.join(", "),
                status.as_str()
            );
            let Some(dialect) = dialect else {
                return Some(at(page, "status", message, "set `status: superseded`"));
            };
            let by = r.superseded_by.first().map(String::as_str).unwrap_or_default();
            let hint = match dialect {
                Dialect::Nygard => format!("write \"Superseded by [N. Title](NNNN-title.md)\" (the record {by}) as its status"),
                Dialect::Madr => format!("set `status: superseded by {by}`"),
            };
            let shown = format!("{message}; it is shown as superseded");
            let line = key_line(page, "status");
            let column = value_column(&page.text, line, "status");
            Some(Diagnostic::warning(&page.source, line, column, shown).with_source(&page.text).with_hint(hint).with_code(Code::W011))
        }
        _ => None,
    }
}

/// Supersession must not loop: each cycle is reported once, at its smallest id.
fn cycles(pages: &Pages, log: &Log) -> Vec<Diagnostic> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut marks = vec![Mark::New; log.records.len()];
    let mut out = Vec::new();
    for start in 0..log.records.len() {
        if marks[start] != Mark::New {
            continue;
        }
        // Iterative depth-first search; `path` holds the open nodes and their next edge.
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        marks[start] = Mark::Open;
        while let Some(&(node, next)) = path.last() {
            let edges = &log.records[node].supersedes;
            if next >= edges.len() {
                marks[node] = Mark::Done;
                path.pop();
                continue;
            }
            if let Some(top) = path.last_mut() {
                top.1 += 1;
            }
            let Some(target) = log.position(&edges[next]) else {
                continue;
            };
            match marks[target] {
                Mark::New => {
                    marks[target] = Mark::Open;
                    path.push((target, 0));
                }
                Mark::Open => out.push(cycle(pages, log, &path, target)),
                Mark::Done => {}
            }
        }
    }
    out
}

fn cycle(pages: &Pages, log: &Log, path: &[(usize, usize)], back_to: usize) -> Diagnostic {
    let from = path.iter().position(|(n, _)| *n == back_to).unwrap_or(0);
    let mut members: Vec<usize> = path[from..].iter().map(|(n, _)| *n).collect();
    let smallest = members.iter().enumerate().min_by_key(|(_, n)| &log.records[**n].id).map_or(0, |(i, _)| i);
    members.rotate_left(smallest);
    members.push(members[0]);
    let names: Vec<&str> = members.iter().map(|n| log.records[*n].id.as_str()).collect();
    let first = &log.records[members[0]];
    at_id(
        &pages[first.page],
        "supersedes",
        names[1],
        format!("supersession cycle: {}", names.join(" supersedes ")),
        "a record can only supersede older decisions; remove one of the links",
    )
}

/// Numbers should not jump: a missing number is usually a lost or renamed file.
fn gaps(pages: &Pages, log: &Log) -> Vec<Diagnostic> {
    let mut numbered: Vec<(u32, &Record)> = log.records.iter().filter_map(|r| Some((r.number?, r))).collect();
    numbered.dedup_by_key(|(n, _)| *n);
    numbered
        .windows(2)
        .filter(|w| w[1].0 > w[0].0 + 1)
        .map(|w| {
            let (before, after) = (w[0].1, w[1].1);
            let missing = if w[1].0 == w[0].0 + 2 {
                format!("BDR-{:04} is missing", w[0].0 + 1)
            } else {
                format!("BDR-{:04} to BDR-{:04} are missing", w[0].0 + 1, w[1].0 - 1)
            };
            let page = &pages[after.page];
            let line = key_line(page, "id");
            Diagnostic::warning(
                &page.source,
                line,
                value_column(&page.text, line, "id"),
                format!("decision numbers jump from {} to {}: {missing}", before.id, after.id),
            )
            .with_source(&page.text)
            .with_hint("numbers are never reused; keep a withdrawn record with status `rejected` or `deprecated`")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::model::tests::record;
    use super::*;

    fn messages(pages: &[Page]) -> Vec<String> {
        check(&Pages::from(pages.to_vec())).into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn a_consistent_chain_passes() {
        let pages =
            [record(1, Status::Superseded, &[], &["BDR-0002"]), record(2, Status::Accepted, &["BDR-0001"], &[])];
        assert!(messages(&pages).is_empty(), "{:?}", messages(&pages));
    }

    #[test]
    fn status_must_follow_supersession() {
        let pages = [record(1, Status::Accepted, &[], &[]), record(2, Status::Accepted, &["BDR-0001"], &[])];
        assert_eq!(messages(&pages), ["BDR-0001 is superseded by BDR-0002, but its status is `accepted`"]);
        let pages = [record(1, Status::Superseded, &[], &[])];
        assert_eq!(messages(&pages), ["BDR-0001 has status `superseded`, but no record supersedes it"]);
    }

    #[test]
    fn sides_must_agree() {
        let pages = [
            record(1, Status::Superseded, &[], &["BDR-0002"]),
            record(2, Status::Accepted, &["BDR-0003"], &[]),
            record(3, Status::Superseded, &[], &[]),
        ];
        assert_eq!(
            messages(&pages),
            ["BDR-0001 says it is superseded by BDR-0002, but BDR-0002's `supersedes` does not list it"]
        );
    }

    #[test]
    fn cycles_are_reported_once() {
        let pages = [
            record(1, Status::Superseded, &["BDR-0003"], &[]),
            record(2, Status::Superseded, &["BDR-0001"], &[]),
            record(3, Status::Superseded, &["BDR-0002"], &[]),
        ];
        assert_eq!(
            messages(&pages),
            ["supersession cycle: BDR-0001 supersedes BDR-0003 supersedes BDR-0002 supersedes BDR-0001"]
        );
    }

    #[test]
    fn lines_are_found_in_every_format() {
        let mut page = record(1, Status::Accepted, &[], &[]);
        page.text = "---\nid: BDR-0001\nstatü: x\nstatus: accepted\n---\n".into();
        assert_eq!((key_line(&page, "id"), key_line(&page, "status")), (2, 4));
        page.text = "# 1. A\n\n## Status\n\nSuperseded by [2. B](0002-b.md)\n".into();
        assert_eq!((key_line(&page, "status"), key_line(&page, "superseded_by"), key_line(&page, "id")), (5, 5, 1));
    }

    #[test]
    fn gaps_are_warnings() {
        let pages = [record(1, Status::Accepted, &[], &[]), record(4, Status::Accepted, &[], &[])];
        let ds = check(&Pages::from(pages.to_vec()));
        assert_eq!(ds.len(), 1);
        assert!(!ds[0].is_error());
        assert_eq!(ds[0].message, "decision numbers jump from BDR-0001 to BDR-0004: BDR-0002 to BDR-0003 are missing");
    }

    #[test]
    fn dangling_and_self_references() {
        let pages = [record(1, Status::Accepted, &["BDR-0009", "BDR-0001"], &[])];
        assert_eq!(
            messages(&pages),
            ["`supersedes` names `BDR-0009`, but no decision record has that id", "BDR-0001 cannot supersede itself"]
        );
    }
}
