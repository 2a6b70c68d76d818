//! Front matter of an imported (MADR-style) record. MADR's keys are read; keys written
//! for another tool that renders the same folder (Jekyll's `parent:`, `nav_order:`,
//! `layout:`, Docusaurus' `sidebar_position:`, `slug:`) are each reported as a warning
//! and ignored, so such a folder builds without edits. Our own format stays strict.

use std::path::Path;

use serde::{Deserialize, Deserializer};

use crate::diagnostics::{column_of, did_you_mean, Code, Diagnostic};
use crate::yaml;

/// MADR's front matter keys, plus ours where they make sense (each as in
/// [`crate::load::FrontMatter`]).
#[allow(missing_docs)]
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MadrFront {
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default, alias = "decision-makers", deserialize_with = "people")]
    pub deciders: Vec<String>,
    #[serde(default, deserialize_with = "people")]
    pub consulted: Vec<String>,
    #[serde(default, deserialize_with = "people")]
    pub informed: Vec<String>,
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub updated: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub supersedes: Vec<String>,
    #[serde(default)]
    pub superseded_by: Vec<String>,
    #[serde(default)]
    pub domains: Option<Vec<String>>,
    #[serde(default)]
    pub draft: bool,
}

/// The keys [`MadrFront`] reads.
pub const KEYS: [&str; 14] = [
    "status",
    "date",
    "deciders",
    "decision-makers",
    "consulted",
    "informed",
    "id",
    "description",
    "updated",
    "tags",
    "supersedes",
    "superseded_by",
    "domains",
    "draft",
];

/// A key written for another tool, with the warning that reports it.
#[derive(Debug, Clone)]
pub struct ForeignKey {
    /// The key (`nav_order`).
    pub key: String,
    /// W009 at the key's line.
    pub warning: Diagnostic,
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

/// `"Ann, Bo"` → `["Ann", "Bo"]`.
pub fn split_people(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

/// Reads the YAML of an imported record (`first_line`: the file line of its first
/// line); every key we do not read is a warning, not an error.
pub fn read(
    yaml_text: &str,
    first_line: usize,
    text: &str,
    source: &Path,
) -> Result<(MadrFront, Vec<ForeignKey>), Diagnostic> {
    let mut lines: Vec<&str> = yaml_text.split_inclusive('\n').collect();
    let mut foreign = Vec::new();
    let keys = match yaml::parse_value(yaml_text) {
        Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
        _ => Vec::new(),
    };
    for key in keys.into_iter().filter(|k| !KEYS.contains(&k.as_str())) {
        let Some(at) = blank_key(&mut lines, &key) else { continue };
        let hint = match did_you_mean(&key, KEYS.iter().copied()) {
            Some(best) => format!("did you mean `{best}`? Otherwise it is left for the tool that reads it"),
            None => {
                format!("decision records read {}; other keys are left for the tool that reads them", KEYS.join(", "))
            }
        };
        let message = format!("front matter key `{key}` is not a decision-record key; ignored");
        let line = first_line + at;
        let warning = Diagnostic::warning(source, line, column_of(text, line, &key), message)
            .with_code(Code::W009)
            .with_source(text)
            .with_hint(hint);
        foreign.push(ForeignKey { key, warning });
    }
    let kept: String = lines.concat();
    let front = yaml::parse::<Option<MadrFront>>(&kept).map(Option::unwrap_or_default).map_err(|e| {
        let line = if e.line == 0 { first_line - 1 } else { first_line - 1 + e.line };
        let d = Diagnostic::error(source, line.max(1), e.column, format!("front matter: {}", e.message))
            .with_code(e.code)
            .with_source(text);
        d.with_hint(e.hint.unwrap_or_else(|| format!("decision records read {}", KEYS.join(", "))))
    })?;
    Ok((front, foreign))
}

/// One warning per key across the folder, at its first place, with how many other
/// places write it: twenty records each with `nav_order` are one thing to know.
pub fn once_per_key(mut found: Vec<ForeignKey>) -> Vec<Diagnostic> {
    found.sort_by(|a, b| (&a.key, &a.warning.path, a.warning.line).cmp(&(&b.key, &b.warning.path, b.warning.line)));
    let mut out: Vec<Diagnostic> = Vec::new();
    let mut at = 0;
    while at < found.len() {
        let same = found[at..].iter().take_while(|f| f.key == found[at].key).count();
        let mut warning = found[at].warning.clone();
        if same > 1 {
            let others = if same == 2 { "1 other file".to_owned() } else { format!("{} other files", same - 1) };
            warning.message = format!("{} (also in {others})", warning.message);
        }
        out.push(warning);
        at += same;
    }
    out
}

/// Empties the lines of top-level `key` (and its nested lines), keeping line numbers;
/// the 0-based line of the key.
fn blank_key(lines: &mut [&str], key: &str) -> Option<usize> {
    let is_key = |l: &str| {
        let l = l.trim_start_matches(['"', '\'']);
        l.strip_prefix(key).is_some_and(|rest| rest.trim_start_matches(['"', '\'']).trim_start().starts_with(':'))
    };
    let at = lines.iter().position(|l| is_key(l))?;
    lines[at] = "\n";
    for line in lines.iter_mut().skip(at + 1) {
        let nested = line.starts_with([' ', '\t', '-']) || line.trim().is_empty();
        if !nested {
            break;
        }
        *line = "\n";
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_tools_keys_are_warnings() {
        let yaml = "parent: Decisions\nnav_order: 3\nstatus: accepted\nlayout:\n  - x\n";
        let (front, foreign) = read(yaml, 2, "", Path::new("a.md")).unwrap();
        assert_eq!(front.status.as_deref(), Some("accepted"));
        let found: Vec<(&str, usize)> = foreign.iter().map(|f| (f.key.as_str(), f.warning.line)).collect();
        assert_eq!(found, [("layout", 5), ("nav_order", 3), ("parent", 2)]);
    }

    #[test]
    fn wrong_types_are_still_errors() {
        let d = read("status: accepted\ndraft: maybe\n", 2, "", Path::new("a.md")).unwrap_err();
        assert_eq!(d.line, 3);
    }
}
