//! `site new`: scaffolds decision records and pages with valid front matter.
//!
//! `site new decision "Title" [--supersedes BDR-0003]` writes the next numbered record
//! under `content/decisions/` with the section skeleton and, when it supersedes
//! another, marks that one superseded in its own format. `site new page PATH "Title"`
//! writes an ordinary page under `content/`. Neither overwrites a file.

use std::path::{Component, Path, PathBuf};

use crate::decisions::model::id_number;
use crate::decisions::supersede::{mark_superseded, Successor};
use crate::load::status_line::{leading_number, record_id};
use crate::read::{self, Kind};
use crate::slug;
use crate::{fs, Error};

/// Creates the next numbered decision record, dated today; returns its path.
pub fn new_decision(root: &Path, title: &str, supersedes: Option<&str>) -> Result<PathBuf, Error> {
    new_decision_on(root, title, supersedes, &today())
}

/// Creates the next numbered decision record with the given ISO `date`.
pub fn new_decision_on(root: &Path, title: &str, supersedes: Option<&str>, date: &str) -> Result<PathBuf, Error> {
    let title = one_line(title)?;
    if title.is_empty() {
        return Err(Error::Usage("the decision needs a title, e.g. `site new decision \"Annual discounts\"`".into()));
    }
    let dir = root.join("content/decisions");
    let existing = numbered(&dir)?;
    let number = existing.iter().map(|(n, _)| n + 1).max().unwrap_or(1);
    let name = format!("{number:04}-{}.md", non_empty(slug::url_component(title), "decision"));
    let id = record_id(number);
    // Work out the change to the older record first, so a failure changes nothing.
    let old_id = supersedes.map(|old| old.trim().to_ascii_uppercase());
    let update = match &old_id {
        Some(old) => Some(superseded_update(&existing, old, &Successor { id: &id, number, title, file: &name })?),
        None => None,
    };
    let path = dir.join(&name);
    write_new(&path, &decision_text(&id, title, date, old_id.as_deref()))?;
    if let Some((old_path, text)) = update {
        fs::write(&old_path, text.as_bytes())?;
    }
    Ok(shown(root, &PathBuf::from("content/decisions").join(name)))
}

/// Creates a page at `content/<path>`; returns its path.
pub fn new_page(root: &Path, path: &str, title: &str) -> Result<PathBuf, Error> {
    let title = one_line(title)?;
    if title.is_empty() {
        return Err(Error::Usage("the page needs a title".into()));
    }
    let rel = page_path(path).map_err(Error::Usage)?;
    let target = root.join("content").join(&rel);
    write_new(&target, &page_text(title))?;
    Ok(shown(root, &PathBuf::from("content").join(rel)))
}

/// A page path under `content/`, checked: relative, inside, Markdown, not a data
/// folder, not a decision record.
pub fn page_path(path: &str) -> Result<PathBuf, String> {
    let trimmed = path.trim();
    let rel = trimmed.strip_prefix("content/").unwrap_or(trimmed);
    let candidate = Path::new(rel);
    let inside = !rel.is_empty() && candidate.components().all(|c| matches!(c, Component::Normal(_)));
    if !inside {
        return Err(format!("`{path}` is not a path inside content/; write it like `docs/getting-started.md`"));
    }
    let rel = match candidate.extension() {
        None => format!("{rel}.md"),
        Some(ext) if ext == "md" => rel.to_owned(),
        Some(_) => return Err(format!("`{path}` is not a Markdown file; pages end in `.md`")),
    };
    match rel.split('/').next().unwrap_or_default() {
        "decisions" => Err("decision records are numbered; use `site new decision \"Title\"`".into()),
        "i18n" | "products" | "pricing" => Err(format!("`{path}` is in a data folder, not a page folder")),
        _ => Ok(PathBuf::from(rel)),
    }
}

/// `(number, path)` of every `NNNN-*.md` in the decisions folder.
fn numbered(dir: &Path) -> Result<Vec<(u32, PathBuf)>, Error> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let (Some(n), true) = (leading_number(&name), name.ends_with(".md")) {
            out.push((n, entry.path()));
        }
    }
    out.sort();
    Ok(out)
}

/// The older record's path and its new text.
fn superseded_update(existing: &[(u32, PathBuf)], old: &str, by: &Successor<'_>) -> Result<(PathBuf, String), Error> {
    let number = id_number(old)
        .ok_or_else(|| Error::Usage(format!("`{old}` is not a decision id; write it like `BDR-0003`")))?;
    let (_, path) = existing
        .iter()
        .find(|(n, _)| *n == number)
        .ok_or_else(|| Error::Usage(format!("there is no decision record {old} in content/decisions/")))?;
    let text =
        read::regular_text(path, Kind::Markdown).map_err(|e| Error::Usage(format!("{}: {e}", path.display())))?;
    let updated = mark_superseded(&text, by).ok_or_else(|| {
        Error::Usage(format!("cannot find the status of {old} in {} to mark it superseded", path.display()))
    })?;
    Ok((path.clone(), updated))
}

fn write_new(path: &Path, text: &str) -> Result<(), Error> {
    if path.exists() {
        return Err(Error::Usage(format!("{} already exists; pick another path", path.display())));
    }
    fs::write(path, text.as_bytes()).map_err(Error::from)
}

fn shown(root: &Path, rel: &Path) -> PathBuf {
    if root == Path::new(".") {
        rel.to_path_buf()
    } else {
        root.join(rel)
    }
}

fn non_empty(text: String, fallback: &str) -> String {
    if text.is_empty() {
        fallback.to_owned()
    } else {
        text
    }
}

/// The trimmed title, refused when it spans lines: a line break would end up in the
/// front matter, where a `---` line closes it early.
fn one_line(title: &str) -> Result<&str, Error> {
    let title = title.trim();
    if title.contains(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}']) {
        return Err(Error::Usage("a title is one line; remove the line breaks from it".into()));
    }
    Ok(title)
}

/// A YAML double-quoted string; control characters are written as `\uXXXX` escapes.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A new record: front matter and the section skeleton of SPEC 3.3.
pub fn decision_text(id: &str, title: &str, date: &str, supersedes: Option<&str>) -> String {
    let supersedes = supersedes.map(|old| format!("supersedes: [{old}]\n")).unwrap_or_default();
    format!(
        "---\nid: {id}\ntitle: {}\n# description: One sentence: what we decided.\nstatus: proposed\ndate: {date}\ndeciders: []\ntags: []\n{supersedes}---\n\n\
## Context\n\nWhat forces this decision now: the situation, the constraints, and what happens if we do nothing.\n\n\
## Decision\n\nWhat we will do, stated specifically enough that anyone can check whether we did it.\n\n\
## Consequences\n\n### Positive\n\n- What gets better.\n\n### Negative\n\n- What gets worse, costs more or becomes harder.\n\n\
## Alternatives considered\n\n- **Another option.** Why we did not choose it.\n",
        quoted(title)
    )
}

fn page_text(title: &str) -> String {
    format!(
        "---\ntitle: {}\n# description: One sentence for listings, search results and link previews.\n---\n\n<!-- Write the page here. Link other pages with [text](@/path/from/content.md). -->\n",
        quoted(title)
    )
}

/// Today's date (UTC) as `YYYY-MM-DD`.
fn today() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    crate::dates::from_unix(i64::try_from(secs).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_days() {
        let day = |days: i64| crate::dates::from_unix(days * 86_400);
        assert_eq!(day(0), "1970-01-01");
        assert_eq!(day(20_454), "2026-01-01");
        assert_eq!(day(11_016), "2000-02-29");
    }

    #[test]
    fn page_paths_stay_inside_content() {
        assert_eq!(page_path("docs/a.md"), Ok(PathBuf::from("docs/a.md")));
        assert_eq!(page_path("content/docs/a"), Ok(PathBuf::from("docs/a.md")));
        for bad in ["../a.md", "/etc/a.md", "docs/../../a.md", "", "a.txt", "decisions/0009-x.md", "i18n/x.md"] {
            assert!(page_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn titles_are_one_line_and_escaped() {
        assert!(one_line("A\n---\nB").is_err());
        assert!(one_line("A\u{2028}B").is_err());
        assert_eq!(one_line("  --- ").ok(), Some("---"));
        assert_eq!(quoted("a\tb\u{1b}\"\\"), "\"a\\u0009b\\u001b\\\"\\\\\"");
        let text = page_text("---");
        let split = crate::load::frontmatter::split(&text, Path::new("a.md")).expect("front matter");
        assert!(split.yaml.contains("---"), "{}", split.yaml);
    }

    #[test]
    fn skeleton_has_every_section() {
        let text = decision_text("BDR-0007", "Say \"hi\"", "2026-01-01", Some("BDR-0003"));
        for part in [
            "title: \"Say \\\"hi\\\"\"",
            "supersedes: [BDR-0003]",
            "## Context",
            "## Decision",
            "## Consequences",
            "## Alternatives considered",
        ] {
            assert!(text.contains(part), "{part}");
        }
    }
}
