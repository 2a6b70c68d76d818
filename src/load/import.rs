//! Reading plain ADR files (stage 1, load): Michael Nygard's format (`# 1. Title`,
//! `Date: 2018-05-03`, a `## Status` section) and MADR (front matter with `status`,
//! `date`, `deciders` / `decision-makers`, `consulted`, `informed`, or MADR 2's
//! `* Status:` list, and the title as the `# H1`). Both become the same typed front
//! matter as our own records, so a `docs/adr` folder copied into `content/decisions/`
//! builds without edits. The H1 becomes the title and is cut from the body.

use std::path::Path;

use super::adr_header::{header, Header};
use super::frontmatter::{self, is_iso_date, Dialect, FrontMatter, ImportedMeta, Relation, Status};
use super::madr_front::{self, split_people, ForeignKey, MadrFront};
use super::status_line::{leading_number, parse_status_with, StatusLine, Vocabulary};
use crate::diagnostics::{column_of, Code, Diagnostic};

/// A decision file in a foreign format, read.
#[derive(Debug, Clone)]
pub struct Imported {
    /// Front matter, filled from the file's own conventions.
    pub front: FrontMatter,
    /// Byte offset of the body (after the H1 and the metadata lines).
    pub body_offset: usize,
    /// 1-based line where the body starts.
    pub body_line: usize,
    /// Warnings about the file (an H1 number that is not the file's).
    pub warnings: Vec<Diagnostic>,
    /// Front matter keys written for another tool (reported once per key by the loader).
    pub foreign_keys: Vec<ForeignKey>,
}

/// True when a decision file is not in our own format: no front matter, or front
/// matter without a `title` (MADR keeps the title in the `# H1`).
pub fn is_foreign(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return true;
    }
    for line in lines {
        if line.trim_end() == "---" {
            return true;
        }
        if line.strip_prefix("title").is_some_and(|rest| rest.trim_start().starts_with(':')) {
            return false;
        }
    }
    // Unclosed front matter: the ordinary reader explains that.
    false
}

/// True for an unnumbered file of a copied ADR folder (`README.md`, `index.md`,
/// `template.md`, `adr-template.md`): tools keep them beside the records, and they are
/// not records. Only called for files not in our own format.
pub fn is_extra(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    !name.starts_with(|c: char| c.is_ascii_digit())
}

/// True for a record template, in any format: `template.md`, `adr-template.md`,
/// `0000-TEMPLATE.md` (a first or last word `template`, and no number or number 0).
pub fn is_template(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel).to_ascii_lowercase();
    let stem = name.strip_suffix(".md").unwrap_or(&name);
    let words: Vec<&str> = stem.split(['-', '_', '.', ' ']).filter(|w| !w.is_empty()).collect();
    let unnumbered = leading_number(stem).is_none_or(|n| n == 0);
    let named = words.iter().find(|w| !w.bytes().all(|b| b.is_ascii_digit())) == Some(&"template")
        || words.last() == Some(&"template");
    unnumbered && named
}

/// Reads a decision file that is not in our own format.
pub fn import(text: &str, source: &Path, words: &Vocabulary) -> Result<Imported, Diagnostic> {
    let (mut front, status, start, start_line, foreign_keys, dialect) = match frontmatter::split(text, source) {
        Ok(split) => {
            let (madr, foreign) = madr_front::read(split.yaml, 2, text, source)?;
            let status = madr.status.clone().map(|s| (s, key_line(text, "status")));
            (from_madr(madr), status, split.body_offset, split.body_line, foreign, Dialect::Madr)
        }
        Err(_) => {
            let bom = text.len() - text.trim_start_matches('\u{feff}').len();
            (FrontMatter::default(), None, bom, 1, Vec::new(), Dialect::Nygard)
        }
    };
    let header = header(text, start, start_line).ok_or_else(|| {
        located(text, source, (start_line, ""), "a decision record needs a title".into(), no_title_hint(dialect))
    })?;
    front.title = header.title.text.clone();
    let mut status = status;
    for (key, value, line) in &header.meta {
        match key.as_str() {
            "status" => status = Some((value.clone(), *line)),
            "date" => front.date = Some(value.clone()),
            "updated" | "last updated" => front.updated = Some(value.clone()),
            "deciders" | "decision-makers" => front.deciders = split_people(value),
            "consulted" => front.consulted = split_people(value),
            _ => front.informed = split_people(value),
        }
    }
    check_dates(&front, text, source)?;
    let mut lines: Vec<(String, usize)> = status.into_iter().collect();
    lines.extend(status_section(&text[header.end_offset..], header.end_line));
    let mut meta =
        ImportedMeta { dialect, title_html: header.title.html.clone(), status_note: None, relations: vec![] };
    apply_status(&mut front, &mut meta, &lines, words).map_err(|(line, value)| {
        located(text, source, (line, &value), format!("unknown status `{value}`"), unknown_status_hint(words, dialect))
    })?;
    front.imported = Some(meta);
    let warnings = number_mismatch(&header, source, text).into_iter().collect();
    Ok(Imported { front, body_offset: header.end_offset, body_line: header.end_line, warnings, foreign_keys })
}

/// An E055 error at `line`, pointing at `value` where the line holds it.
fn located(text: &str, source: &Path, (line, value): (usize, &str), message: String, hint: String) -> Diagnostic {
    Diagnostic::error(source, line, column_of(text, line, value), message)
        .with_code(Code::E055)
        .with_source(text)
        .with_hint(hint)
}

fn no_title_hint(dialect: Dialect) -> String {
    match dialect {
        Dialect::Nygard => "start the record with a `# 1. Title` heading".into(),
        Dialect::Madr => "put the title in a `# Title` heading right after the front matter".into(),
    }
}

/// Lists the statuses and the words understood for them.
fn unknown_status_hint(words: &Vocabulary, dialect: Dialect) -> String {
    let how = match dialect {
        Dialect::Nygard => "write one of them as the first line of the `## Status` section, or \"Superseded by [2. Title](0002-title.md)\"",
        Dialect::Madr => "set `status:` to one of them, or `superseded by [ADR-0002](0002-title.md)`",
    };
    format!(
        "the statuses are proposed, accepted, rejected, deprecated and superseded; also understood: {}; {how}; \
         a folder's own words can be mapped in site.yaml (`decisions: {{ statuses: {{ \"on hold\": proposed }} }}`)",
        words.words().join(", ")
    )
}

fn check_dates(front: &FrontMatter, text: &str, source: &Path) -> Result<(), Diagnostic> {
    for (key, value) in [("date", &front.date), ("updated", &front.updated)] {
        if let Some(date) = value.as_deref().filter(|d| !is_iso_date(d)) {
            let line = text.lines().position(|l| l.contains(date)).map_or(1, |i| i + 1);
            let message = format!("`{key}` must be an ISO date, found `{date}`");
            return Err(located(
                text,
                source,
                (line, date),
                message,
                "write dates as YYYY-MM-DD, e.g. 2026-01-01".into(),
            ));
        }
    }
    Ok(())
}

/// `0003-x.md` headed `# 4. X`: the file number is the id, the heading disagrees.
fn number_mismatch(header: &Header, source: &Path, text: &str) -> Option<Diagnostic> {
    let (written, line) = header.number?;
    let name = source.file_name()?.to_str()?;
    let file = leading_number(name)?;
    (written != file).then(|| {
        let message = format!("the heading is numbered {written}, but the file name says {file:04} (`{name}`)");
        Diagnostic::warning(source, line, 3, message).with_code(Code::W010).with_source(text).with_hint(format!(
            "the file number is the record's id (BDR-{file:04}); correct the heading to `# {file}.` or rename the file"
        ))
    })
}

fn from_madr(m: MadrFront) -> FrontMatter {
    FrontMatter {
        description: m.description,
        date: m.date,
        updated: m.updated,
        domains: m.domains,
        draft: m.draft,
        tags: m.tags,
        id: m.id,
        deciders: m.deciders,
        consulted: m.consulted,
        informed: m.informed,
        supersedes: m.supersedes,
        superseded_by: m.superseded_by,
        ..FrontMatter::default()
    }
}

/// 1-based line of a top-level `key:` in the file, or 1.
fn key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| l.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':')))
        .map_or(1, |i| i + 1)
}

/// The non-empty lines of the `## Status` section, with their line numbers.
fn status_section(body: &str, first_line: usize) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut inside = false;
    for (line, raw) in (first_line..).zip(body.lines()) {
        let trimmed = raw.trim();
        if trimmed.starts_with('#') {
            if inside {
                break;
            }
            inside = trimmed.trim_start_matches('#').trim().eq_ignore_ascii_case("status");
        } else if inside && !trimmed.is_empty() {
            out.push((trimmed.to_owned(), line));
        }
    }
    out
}

/// Sets status, supersession and typed links from status lines; `Err((line, value))`
/// when no line names a status.
fn apply_status(
    front: &mut FrontMatter,
    meta: &mut ImportedMeta,
    lines: &[(String, usize)],
    words: &Vocabulary,
) -> Result<(), (usize, String)> {
    for (value, _) in lines {
        match parse_status_with(value, words) {
            StatusLine::Status(parsed) if front.status.is_none() => {
                front.status = Some(parsed.status);
                extend_unique(&mut front.superseded_by, parsed.by);
                front.date = front.date.take().or(parsed.date);
                meta.status_note = parsed.note;
            }
            StatusLine::Status(parsed) if parsed.status == Status::Superseded => {
                extend_unique(&mut front.superseded_by, parsed.by)
            }
            StatusLine::Supersedes(ids) => extend_unique(&mut front.supersedes, ids),
            StatusLine::Relation(label, ids) => {
                let reverse = label.to_ascii_lowercase().ends_with(" by");
                meta.relations.extend(ids.into_iter().map(|target| Relation { label: label.clone(), target, reverse }));
            }
            _ => {}
        }
    }
    match lines.first() {
        Some((value, line)) if front.status.is_none() => Err((*line, value.clone())),
        _ => Ok(()),
    }
}

fn extend_unique(list: &mut Vec<String>, more: Vec<String>) {
    for id in more {
        if !list.contains(&id) {
            list.push(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::status_line::refs_in;
    use super::*;

    fn read(text: &str) -> Imported {
        import(text, Path::new("content/decisions/0002-x.md"), &Vocabulary::default()).unwrap()
    }

    #[test]
    fn nygard_record() {
        let text = "# 2. Use PostgreSQL\n\nDate: 2018-05-03\n\n## Status\n\nAccepted\n\nSupersedes [1. Use MySQL](0001-use-mysql.md)\n\n## Context\n\nX.\n";
        let r = read(text);
        assert_eq!(r.front.title, "Use PostgreSQL");
        assert_eq!(r.front.date.as_deref(), Some("2018-05-03"));
        assert_eq!(r.front.status, Some(Status::Accepted));
        assert_eq!(r.front.supersedes, ["BDR-0001"]);
        assert!(text[r.body_offset..].starts_with("## Status"));
        assert_eq!(r.body_line, 5);
    }

    #[test]
    fn nygard_superseded() {
        let r = read("# 1. Use MySQL\n\nDate: 2018-05-03\n\n## Status\n\nSuperseded by [2. Use PostgreSQL](0002-use-postgresql.md)\n");
        assert_eq!(r.front.status, Some(Status::Superseded));
        assert_eq!(r.front.superseded_by, ["BDR-0002"]);
    }

    #[test]
    fn madr_front_matter() {
        let text = "---\nstatus: superseded by [ADR-0005](0005-example.md)\ndate: 2020-01-01\ndecision-makers: Ann, Bo\nconsulted: [Cy]\n---\n# Use X\n\n## Context and Problem Statement\n";
        let r = read(text);
        assert_eq!(r.front.title, "Use X");
        assert_eq!(r.front.status, Some(Status::Superseded));
        assert_eq!(r.front.superseded_by, ["BDR-0005"]);
        assert_eq!(r.front.deciders, ["Ann", "Bo"]);
        assert_eq!(r.front.consulted, ["Cy"]);
        assert!(text[r.body_offset..].starts_with("## Context"));
    }

    #[test]
    fn madr2_list() {
        let r = read("# Use Y\n\n* Status: accepted\n* Deciders: Ann\n* Date: 2019-02-03\n\nTechnical Story: T\n");
        assert_eq!(r.front.status, Some(Status::Accepted));
        assert_eq!(r.front.date.as_deref(), Some("2019-02-03"));
        assert_eq!(r.body_line, 7);
    }

    #[test]
    fn adr_tools_typed_links() {
        let text = "# 3. C\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\nAmends [1. A](0001-a.md)\n\nClarified by [4. D](0004-d.md)\n";
        let r = read(text);
        let relations = r.front.imported.map(|m| m.relations).unwrap_or_default();
        let found: Vec<(&str, &str, bool)> =
            relations.iter().map(|r| (r.label.as_str(), r.target.as_str(), r.reverse)).collect();
        assert_eq!(found, [("Amends", "BDR-0001", false), ("Clarified by", "BDR-0004", true)]);
    }

    #[test]
    fn templates() {
        assert!(is_template("decisions/template.md") && is_template("decisions/adr-template.md"));
        assert!(is_template("decisions/0000-TEMPLATE.md"));
        assert!(!is_template("decisions/0005-use-templates.md") && !is_template("decisions/0007-template.md"));
    }

    #[test]
    fn unknown_status_is_located() {
        let d = import("# 1. A\n\n## Status\n\nMaybe\n", Path::new("a.md"), &Vocabulary::default()).unwrap_err();
        assert_eq!((d.line, d.message.as_str()), (5, "unknown status `Maybe`"));
    }

    #[test]
    fn recognises_formats() {
        assert!(is_foreign("# 1. A\n"));
        assert!(is_foreign("---\nstatus: accepted\n---\n# A\n"));
        assert!(!is_foreign("---\ntitle: A\n---\n"));
        assert!(is_extra("decisions/README.md") && is_extra("decisions/adr-template.md"));
        assert!(!is_extra("decisions/0001-a.md"));
        assert_eq!(refs_in(" ADR-0005"), ["BDR-0005"]);
    }
}
