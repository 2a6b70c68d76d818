//! Reading plain ADR files (stage 1, load): Michael Nygard's format (`# 1. Title`,
//! `Date: 2018-05-03`, a `## Status` section) and MADR (front matter with `status`,
//! `date`, `deciders` / `decision-makers`, `consulted`, `informed`, or MADR 2's
//! `* Status:` list, and the title as the `# H1`). Both become the same typed front
//! matter as our own records, so a `docs/adr` folder copied into `content/decisions/`
//! builds without edits. The H1 becomes the title and is cut from the body.

use std::path::Path;

use serde::{Deserialize, Deserializer};

use super::frontmatter::{self, is_iso_date, FrontMatter, Status};
use crate::diagnostics::{Code, Diagnostic};
use crate::yaml;

use super::status_line::{parse_status, StatusLine};

/// A decision file in a foreign format, read.
#[derive(Debug, Clone)]
pub struct Imported {
    /// Front matter, filled from the file's own conventions.
    pub front: FrontMatter,
    /// Byte offset of the body (after the H1 and the metadata lines).
    pub body_offset: usize,
    /// 1-based line where the body starts.
    pub body_line: usize,
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

/// MADR's front matter keys, plus ours where they make sense.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MadrFront {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default, alias = "decision-makers", deserialize_with = "people")]
    deciders: Vec<String>,
    #[serde(default, deserialize_with = "people")]
    consulted: Vec<String>,
    #[serde(default, deserialize_with = "people")]
    informed: Vec<String>,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    updated: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    supersedes: Vec<String>,
    #[serde(default)]
    superseded_by: Vec<String>,
    #[serde(default)]
    domains: Option<Vec<String>>,
    #[serde(default)]
    draft: bool,
}

/// MADR writes people as a list or as one comma-separated string.
fn people<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match Option::<OneOrMany>::deserialize(d)? {
        None => Vec::new(),
        Some(OneOrMany::Many(list)) => list,
        Some(OneOrMany::One(text)) => split_people(&text),
    })
}

fn split_people(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

/// Reads a decision file that is not in our own format.
pub fn import(text: &str, source: &Path) -> Result<Imported, Diagnostic> {
    let located = |line: usize, message: String, hint: &str| {
        Diagnostic::error(source, line, 0, message).with_code(Code::E055).with_source(text).with_hint(hint.to_owned())
    };
    let (mut front, status, start, start_line) = match frontmatter::split(text, source) {
        Ok(split) => {
            let madr = madr_front(split.yaml, text, source)?;
            let status = madr.status.clone().map(|s| (s, key_line(text, "status")));
            (from_madr(madr), status, split.body_offset, split.body_line)
        }
        Err(_) => (FrontMatter::default(), None, text.len() - text.trim_start_matches('\u{feff}').len(), 1),
    };
    let header = header(text, start, start_line).ok_or_else(|| {
        located(
            start_line,
            "a decision record needs a title".into(),
            "start the record with a `# Title` heading, or add front matter with `title:`",
        )
    })?;
    front.title = header.title;
    let mut status = status;
    for (key, value, line) in header.meta {
        match key.as_str() {
            "status" => status = Some((value, line)),
            "date" => front.date = Some(value),
            "deciders" | "decision-makers" => front.deciders = split_people(&value),
            "consulted" => front.consulted = split_people(&value),
            _ => front.informed = split_people(&value),
        }
    }
    if let Some(date) = front.date.as_deref().filter(|d| !is_iso_date(d)) {
        let line = text.lines().position(|l| l.contains(date)).map_or(1, |i| i + 1);
        return Err(located(
            line,
            format!("`date` must be an ISO date, found `{date}`"),
            "write dates as YYYY-MM-DD, e.g. 2026-01-01",
        ));
    }
    let lines = match status {
        Some((value, line)) => vec![(value, line)],
        None => status_section(&text[header.end_offset..], header.end_line),
    };
    apply_status(&mut front, &lines).map_err(|(line, value)| {
        located(
            line,
            format!("unknown status `{value}`"),
            "use Proposed, Accepted, Rejected, Deprecated, or \"Superseded by [2. Title](0002-title.md)\"",
        )
    })?;
    Ok(Imported { front, body_offset: header.end_offset, body_line: header.end_line })
}

fn madr_front(yaml_text: &str, text: &str, source: &Path) -> Result<MadrFront, Diagnostic> {
    yaml::parse::<Option<MadrFront>>(yaml_text).map(Option::unwrap_or_default).map_err(|e| {
        let line = if e.line == 0 { 1 } else { e.line + 1 };
        let d = Diagnostic::error(source, line, e.column, format!("front matter: {}", e.message))
            .with_code(e.code)
            .with_source(text);
        match e.hint {
            Some(h) => d.with_hint(h),
            None => d.with_hint("MADR records may use status, date, deciders, decision-makers, consulted, informed"),
        }
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

/// The H1 and the metadata lines right under it.
struct Header {
    title: String,
    meta: Vec<(String, String, usize)>,
    end_offset: usize,
    end_line: usize,
}

const META_KEYS: [&str; 6] = ["status", "date", "deciders", "decision-makers", "consulted", "informed"];

fn header(text: &str, start: usize, start_line: usize) -> Option<Header> {
    let mut offset = start;
    let mut line = start_line;
    let mut title: Option<String> = None;
    let mut meta = Vec::new();
    for raw in text[start..].split_inclusive('\n') {
        let trimmed = raw.trim();
        let blank = trimmed.is_empty() || (trimmed.starts_with("<!--") && trimmed.ends_with("-->"));
        if !blank {
            if title.is_none() {
                title = Some(heading_title(trimmed)?);
            } else if let Some((key, value)) = meta_line(trimmed) {
                meta.push((key, value, line));
            } else {
                break;
            }
        }
        offset += raw.len();
        line += 1;
    }
    Some(Header { title: title?, meta, end_offset: offset, end_line: line })
}

/// `# 1. Record architecture decisions` → `Record architecture decisions`.
fn heading_title(line: &str) -> Option<String> {
    let text = line.strip_prefix("# ")?.trim().trim_end_matches('#').trim();
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let text = match text[digits..].strip_prefix('.') {
        Some(rest) if digits > 0 => rest.trim_start(),
        _ => text,
    };
    (!text.is_empty()).then(|| text.to_owned())
}

/// `Date: 2018-05-03`, `* Status: accepted`, `- Deciders: A, B`.
fn meta_line(line: &str) -> Option<(String, String)> {
    let item = line.strip_prefix("* ").or_else(|| line.strip_prefix("- ")).unwrap_or(line);
    let (key, value) = item.split_once(':')?;
    let key = key.trim().to_ascii_lowercase();
    let value = value.split("<!--").next().unwrap_or_default().trim();
    META_KEYS.contains(&key.as_str()).then(|| (key, value.to_owned()))
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

/// Sets status and supersession from status lines; `Err((line, value))` when no line
/// names a status.
fn apply_status(front: &mut FrontMatter, lines: &[(String, usize)]) -> Result<(), (usize, String)> {
    for (value, _) in lines {
        match parse_status(value) {
            StatusLine::Status(status, by) if front.status.is_none() => {
                front.status = Some(status);
                extend_unique(&mut front.superseded_by, by);
            }
            StatusLine::Status(Status::Superseded, by) => extend_unique(&mut front.superseded_by, by),
            StatusLine::Supersedes(ids) => extend_unique(&mut front.supersedes, ids),
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
        import(text, Path::new("content/decisions/0002-x.md")).unwrap()
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
    fn unknown_status_is_located() {
        let d = import("# 1. A\n\n## Status\n\nMaybe\n", Path::new("a.md")).unwrap_err();
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
