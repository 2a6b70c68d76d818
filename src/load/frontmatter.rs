//! Splitting a Markdown file into YAML front matter and body, and the typed front matter.

use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostics::{column_of, value_column, Code, Diagnostic};
use crate::yaml;

/// The status of a decision record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Under discussion.
    Proposed,
    /// In force.
    Accepted,
    /// Considered and turned down.
    Rejected,
    /// No longer in force, not replaced.
    Deprecated,
    /// Replaced by a later record.
    Superseded,
}

impl Status {
    /// The lowercase name used in URLs, classes and i18n keys.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
            Status::Deprecated => "deprecated",
            Status::Superseded => "superseded",
        }
    }
}

/// Front matter of a page or decision record (SPEC 3.2, 3.3).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Page title (required).
    pub title: String,
    /// One-sentence summary for listings and meta tags.
    #[serde(default)]
    pub description: Option<String>,
    /// ISO date `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    /// ISO date of the last significant change.
    #[serde(default)]
    pub updated: Option<String>,
    /// Domain keys; overrides the sections a domain publishes.
    #[serde(default)]
    pub domains: Option<Vec<String>>,
    /// Ordering inside a section (lower first).
    #[serde(default)]
    pub weight: Option<i64>,
    /// Drafts are skipped unless `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Old URLs that redirect here.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Free-form tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Language of the page, when it differs from its domain's.
    #[serde(default)]
    pub lang: Option<String>,
    /// Content-relative path of the page this one translates.
    #[serde(default)]
    pub translation_of: Option<String>,
    /// Decision id (`BDR-0001`).
    #[serde(default)]
    pub id: Option<String>,
    /// Decision status.
    #[serde(default)]
    pub status: Option<Status>,
    /// Who decided.
    #[serde(default)]
    pub deciders: Vec<String>,
    /// Ids of records this one replaces.
    #[serde(default)]
    pub supersedes: Vec<String>,
    /// Ids of records that replace this one.
    #[serde(default)]
    pub superseded_by: Vec<String>,
    /// People whose opinion was sought (MADR's `consulted`).
    #[serde(default)]
    pub consulted: Vec<String>,
    /// People kept informed (MADR's `informed`).
    #[serde(default)]
    pub informed: Vec<String>,
    /// What an imported record adds: not front matter keys, read from the file's head.
    #[serde(skip)]
    pub imported: Option<ImportedMeta>,
}

/// The plain ADR dialect a record was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// No front matter: `# 1. Title`, `Date:`, a `## Status` section (adr-tools).
    Nygard,
    /// Front matter without a title (MADR 3) and the title as the `# H1`.
    Madr,
}

/// A typed link between records that adr-tools writes with `adr link`
/// ("Amends [1. …](0001-….md)" on one side, "Amended by [3. …](0003-….md)" on the other).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Relation {
    /// The words as written (`Amends`, `Clarified by`).
    pub label: String,
    /// The record it names (`BDR-0001`).
    pub target: String,
    /// True for the passive side ("Amended by"): the edge points from `target` to this
    /// record. Drawing only the active sides draws each edge once.
    pub reverse: bool,
}

/// What a record read from a plain ADR file carries beyond front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedMeta {
    /// Nygard or MADR.
    pub dialect: Dialect,
    /// The `# H1` as inline HTML, when it has markup (code, links, emphasis).
    pub title_html: Option<String>,
    /// The explanation written after the status (`proposed. No consensus yet`).
    pub status_note: Option<String>,
    /// Typed links from the status section, in the order written.
    pub relations: Vec<Relation>,
}

/// Front matter keys only decision records may use.
pub const DECISION_KEYS: [&str; 7] =
    ["id", "status", "deciders", "supersedes", "superseded_by", "consulted", "informed"];

/// A Markdown file split at its front matter.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// Everything after the closing `---`.
    pub body: &'a str,
    /// 1-based line where the body starts.
    pub body_line: usize,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Splits `text` into front matter and body.
pub fn split<'a>(text: &'a str, path: &Path) -> Result<Split<'a>, Diagnostic> {
    let text_no_bom = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - text_no_bom.len();
    let first_end = text_no_bom.find('\n').map_or(text_no_bom.len(), |i| i + 1);
    if text_no_bom[..first_end].trim_end() != "---" {
        return Err(Diagnostic::error(path, 1, 1, "missing front matter")
            .with_code(Code::E005)
            .with_source(text)
            .with_hint("start the file with a `---` line, then `title: ...`, then another `---` line"));
    }
    let mut offset = first_end;
    for (line, raw) in (2..).zip(text_no_bom[first_end..].split_inclusive('\n')) {
        if raw.trim_end() == "---" {
            let body_offset = offset + raw.len();
            return Ok(Split {
                yaml: &text_no_bom[first_end..offset],
                body: &text_no_bom[body_offset..],
                body_line: line + 1,
                body_offset: bom + body_offset,
            });
        }
        offset += raw.len();
    }
    Err(Diagnostic::error(path, 1, 1, "front matter is not closed")
        .with_code(Code::E005)
        .with_source(text)
        .with_hint("end the front matter with a line containing only `---`"))
}

/// Parses and checks front matter; line numbers are those of the whole file.
pub fn parse(split: &Split<'_>, text: &str, path: &Path, is_decision: bool) -> Result<FrontMatter, Diagnostic> {
    let front: FrontMatter = yaml::parse(split.yaml).map_err(|e| {
        let line = if e.line == 0 { 1 } else { e.line + 1 };
        let d = Diagnostic::error(path, line, e.column, format!("front matter: {}", e.message))
            .with_code(e.code)
            .with_source(text);
        match e.hint {
            Some(h) => d.with_hint(h),
            None => d,
        }
    })?;
    check(&front, split.yaml, text, path, is_decision)?;
    Ok(front)
}

fn check(front: &FrontMatter, yaml: &str, text: &str, path: &Path, is_decision: bool) -> Result<(), Diagnostic> {
    let at = |key: &str| key_line(yaml, key).map_or(1, |l| l + 1);
    if front.title.trim().is_empty() {
        return Err(Diagnostic::error(path, at("title"), value_column(text, at("title"), "title"), "`title` is empty")
            .with_code(Code::E006)
            .with_source(text)
            .with_hint("give the page a title"));
    }
    for (key, value) in [("date", &front.date), ("updated", &front.updated)] {
        if let Some(problem) = value.as_deref().and_then(crate::dates::problem) {
            return Err(Diagnostic::error(
                path,
                at(key),
                value_column(text, at(key), key),
                format!("`{key}`: {problem}"),
            )
            .with_code(Code::E006)
            .with_source(text)
            .with_hint("write dates as YYYY-MM-DD, e.g. 2026-01-01"));
        }
    }
    if !is_decision {
        let used = [
            ("id", front.id.is_some()),
            ("status", front.status.is_some()),
            ("deciders", !front.deciders.is_empty()),
            ("supersedes", !front.supersedes.is_empty()),
            ("superseded_by", !front.superseded_by.is_empty()),
            ("consulted", !front.consulted.is_empty()),
            ("informed", !front.informed.is_empty()),
        ];
        if let Some((key, _)) = used.iter().find(|(_, used)| *used) {
            let message = format!("`{key}` is only allowed in decision records");
            return Err(Diagnostic::error(path, at(key), column_of(text, at(key), key), message)
                .with_code(Code::E006)
                .with_source(text)
                .with_hint("move the file to content/decisions/ or remove the key"));
        }
    }
    Ok(())
}

/// 1-based line (within the YAML) of a top-level `key:`.
fn key_line(yaml: &str, key: &str) -> Option<usize> {
    yaml.lines().position(|l| l.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':'))).map(|i| i + 1)
}

/// True for `YYYY-MM-DD` naming a day that exists (not `2026-02-30`).
pub fn is_iso_date(value: &str) -> bool {
    crate::dates::problem(value).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let text = "---\ntitle: A\n---\nBody\n";
        let s = split(text, Path::new("a.md")).unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 4);
        assert_eq!(&text[s.body_offset..], "Body\n");
    }

    #[test]
    fn unknown_key_names_the_file_line() {
        let text = "---\ntitle: A\ndescripton: x\n---\n";
        let s = split(text, Path::new("a.md")).unwrap();
        let d = parse(&s, text, Path::new("a.md"), false).unwrap_err();
        assert_eq!(d.line, 3);
        assert_eq!(d.hint.as_deref(), Some("did you mean `description`?"));
    }

    #[test]
    fn bad_date_is_rejected() {
        let text = "---\ntitle: A\ndate: 01/02/2026\n---\n";
        let s = split(text, Path::new("a.md")).unwrap();
        let d = parse(&s, text, Path::new("a.md"), false).unwrap_err();
        assert_eq!(d.line, 3);
        assert_eq!(d.message, "`date`: `01/02/2026` is not an ISO date (YYYY-MM-DD)");
    }

    #[test]
    fn status_outside_decisions_is_rejected() {
        let text = "---\ntitle: A\nstatus: accepted\n---\n";
        let s = split(text, Path::new("a.md")).unwrap();
        let d = parse(&s, text, Path::new("a.md"), false).unwrap_err();
        assert_eq!(d.line, 3);
    }
}
