//! Text edits for `site new decision --supersedes`: mark an existing record as
//! superseded in whatever format it is written — our front matter, MADR's `status:`
//! (front matter or `* Status:` list) or Nygard's `## Status` section — changing
//! only the lines that say so.

use crate::load::import::is_foreign;
use crate::load::status_line::{parse_status, StatusLine};

/// The newer record, as the older one should name it.
#[derive(Debug, Clone)]
pub struct Successor<'a> {
    /// `BDR-0007`.
    pub id: &'a str,
    /// 7.
    pub number: u32,
    /// Its title.
    pub title: &'a str,
    /// Its file name (`0007-title.md`), for links between ADR files.
    pub file: &'a str,
}

/// `text` with the record marked superseded by `by`, or `None` when no status line
/// can be found to change.
pub fn mark_superseded(text: &str, by: &Successor<'_>) -> Option<String> {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    if is_foreign(text) {
        foreign(&mut lines, by)?;
    } else {
        front_matter(&mut lines, by.id)?;
    }
    let mut out = lines.join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    Some(out)
}

/// Our format: `status: superseded` and the id added to `superseded_by`.
fn front_matter(lines: &mut Vec<String>, id: &str) -> Option<()> {
    let close = lines.iter().skip(1).position(|l| l.trim_end() == "---")? + 1;
    let key = |lines: &[String], key: &str| {
        lines[1..close]
            .iter()
            .position(|l| l.strip_prefix(key).is_some_and(|r| r.trim_start().starts_with(':')))
            .map(|i| i + 1)
    };
    match key(lines, "status") {
        Some(i) => lines[i] = "status: superseded".into(),
        None => lines.insert(close, "status: superseded".into()),
    }
    let close = lines.iter().skip(1).position(|l| l.trim_end() == "---")? + 1;
    let Some(i) = key(lines, "superseded_by") else {
        lines.insert(close, format!("superseded_by: [{id}]"));
        return Some(());
    };
    let value = lines[i].split_once(':').map_or("", |(_, v)| v).trim().to_owned();
    if value.is_empty() {
        // A block list: add an item after the last one.
        let last = (i + 1..close).take_while(|j| lines[*j].trim_start().starts_with("- ")).last().unwrap_or(i);
        lines.insert(last + 1, format!("  - {id}"));
    } else {
        let inner = value.trim_start_matches('[').trim_end_matches(']').trim();
        lines[i] =
            if inner.is_empty() { format!("superseded_by: [{id}]") } else { format!("superseded_by: [{inner}, {id}]") };
    }
    Some(())
}

/// MADR (`status:` / `* Status:`) or Nygard (`## Status` section).
fn foreign(lines: &mut [String], by: &Successor<'_>) -> Option<()> {
    let link = format!("[{}. {}]({})", by.number, by.title, by.file);
    let head_end = lines.iter().position(|l| l.starts_with("## ")).unwrap_or(lines.len());
    let keyed = lines[..head_end].iter().position(|l| {
        let item = l.strip_prefix("* ").or_else(|| l.strip_prefix("- ")).unwrap_or(l);
        item.get(..6).is_some_and(|k| k.eq_ignore_ascii_case("status"))
            && item.get(6..).is_some_and(|rest| rest.trim_start().starts_with(':'))
    });
    if let Some(i) = keyed {
        let prefix = lines[i].split_once(':').map_or("status", |(p, _)| p).to_owned();
        let madr_link = format!("[{}]({})", by.id, by.file);
        lines[i] = format!("{prefix}: superseded by {madr_link}");
        return Some(());
    }
    let mut in_status = false;
    for line in lines.iter_mut() {
        let trimmed = line.trim();
        if trimmed.starts_with('#') {
            in_status = trimmed.trim_start_matches('#').trim().eq_ignore_ascii_case("status");
        } else if in_status && matches!(parse_status(trimmed), StatusLine::Status(..)) {
            *line = format!("Superseded by {link}");
            return Some(());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const BY: Successor<'static> =
        Successor { id: "BDR-0007", number: 7, title: "Use Redis", file: "0007-use-redis.md" };

    #[test]
    fn our_front_matter() {
        let text = "---\nid: BDR-0003\ntitle: A\nstatus: accepted\n---\nBody\n";
        let out = mark_superseded(text, &BY).unwrap();
        assert_eq!(out, "---\nid: BDR-0003\ntitle: A\nstatus: superseded\nsuperseded_by: [BDR-0007]\n---\nBody\n");
        let again = mark_superseded(&out.replace("[BDR-0007]", "[BDR-0005]"), &BY).unwrap();
        assert!(again.contains("superseded_by: [BDR-0005, BDR-0007]\n"), "{again}");
    }

    #[test]
    fn block_lists_grow() {
        let text = "---\ntitle: A\nsuperseded_by:\n  - BDR-0005\n---\n";
        let out = mark_superseded(text, &BY).unwrap();
        assert!(out.contains("superseded_by:\n  - BDR-0005\n  - BDR-0007\nstatus: superseded\n---"), "{out}");
    }

    #[test]
    fn nygard_status_section() {
        let text = "# 3. Use Postgres\n\nDate: 2018-05-03\n\n## Status\n\nAccepted\n\n## Context\n";
        let out = mark_superseded(text, &BY).unwrap();
        assert!(out.contains("## Status\n\nSuperseded by [7. Use Redis](0007-use-redis.md)\n"), "{out}");
    }

    #[test]
    fn madr_status() {
        let text = "---\nstatus: accepted\ndate: 2020-01-01\n---\n# A\n";
        let out = mark_superseded(text, &BY).unwrap();
        assert!(out.starts_with("---\nstatus: superseded by [BDR-0007](0007-use-redis.md)\n"), "{out}");
        let text = "# A\n\n* Status: accepted\n";
        assert!(mark_superseded(text, &BY).unwrap().contains("* Status: superseded by [BDR-0007]"));
        assert_eq!(mark_superseded("# A\n\nNo status.\n", &BY), None);
        assert_eq!(mark_superseded("# A\n\nstatü: x\n", &BY), None, "multibyte text never panics");
    }
}
