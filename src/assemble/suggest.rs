//! Hints for links that name nothing, computed from what exists: the closest page or
//! file (never the linking page itself, never an unrelated record), written the way the
//! link was written (`@/…` or relative), else an example path that does exist.

use crate::content_path::ContentPath;
use crate::diagnostics::{did_you_mean, Code};
use crate::ids::PageId;

use super::assets::Tree;
use super::site::Site;

/// Why a link does not resolve, with a hint.
pub struct Broken {
    /// The diagnostic code.
    pub code: Code,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

/// A link to a page or file that does not exist: E020 for a Markdown page, E012 for any
/// other file.
pub fn missing(site: &Site, tree: &Tree<'_>, from: PageId, target: &str, rel: &ContentPath) -> Broken {
    let page = rel.as_str().ends_with(".md");
    let here = &site.pages[from].rel;
    let names: Vec<&str> = if page {
        site.by_rel.keys().map(ContentPath::as_str).filter(|p| *p != here.as_str()).collect()
    } else {
        tree.names().collect()
    };
    let written = |to: &str| written_as(target, here.folder(), to);
    let hint = match closest(rel.as_str(), names.iter().copied()) {
        Some(best) => format!("did you mean `{}`?", written(best)),
        None => match example(site, rel.folder(), here) {
            Some(e) if target.starts_with("@/") => format!("`@/` paths start at content/, e.g. `{}`", written(e)),
            Some(e) => {
                format!("a relative link starts at the page's folder, content/{}; e.g. `{}`", here.folder(), written(e))
            }
            None => "write the path from content/ with `@/`, e.g. `@/about.md`".to_owned(),
        },
    };
    let (code, what) = if page { (Code::E020, "page") } else { (Code::E012, "file") };
    Broken { code, message: format!("link to `{target}`: no {what} content/{rel}"), hint }
}

/// A link to a folder that has no section page (and holds no decision records).
pub fn no_section(folder: &str, target: &str) -> Broken {
    let shown = if folder.is_empty() { "content/".to_owned() } else { format!("content/{folder}/") };
    Broken {
        code: Code::E020,
        message: format!("link to `{target}`: {shown} has no section page"),
        hint: format!("add {shown}_index.md, or link to a page inside it"),
    }
}

/// The candidate closest to `rel`: a name within a third of its length in edits in the
/// same folder, or the same file name in another folder (a moved file). Numbered names
/// (`0007-use-kafka.md`) match only the same number or the same words: a record is
/// never offered for an unrelated one.
pub fn closest<'a>(rel: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let (folder, name) = split(rel);
    let mut moved = None;
    let mut near = Vec::new();
    for c in candidates {
        let (f, n) = split(c);
        if f == folder && related(name, n) {
            near.push(c);
        } else if n == name && moved.is_none() {
            moved = Some(c);
        }
    }
    let names: Vec<&str> = near.iter().map(|c| split(c).1).collect();
    let best = did_you_mean(name, names.iter().copied());
    best.and_then(|b| near.into_iter().find(|c| split(c).1 == b)).or(moved)
}

/// True when two file names could be one typed for the other.
fn related(a: &str, b: &str) -> bool {
    let (na, sa) = numbered(a);
    let (nb, sb) = numbered(b);
    match (na, nb) {
        (Some(x), Some(y)) if x != y => sa == sb,
        (Some(_), Some(_)) => true,
        _ => did_you_mean(a, [b]).is_some(),
    }
}

/// `0007-use-kafka.md` → (`Some(7)`, `use-kafka.md`).
fn numbered(name: &str) -> (Option<u64>, &str) {
    let digits = name.chars().take_while(char::is_ascii_digit).count();
    let number = name[..digits].parse().ok();
    (number, name[digits..].trim_start_matches(['-', '_', '.']))
}

fn split(rel: &str) -> (&str, &str) {
    rel.rsplit_once('/').unwrap_or(("", rel))
}

/// An existing page to show as an example path: one in `folder`, else one beside the
/// linking page, else any — never the linking page itself.
fn example<'s>(site: &'s Site, folder: &str, here: &ContentPath) -> Option<&'s str> {
    let mut pages: Vec<&str> = site.by_rel.keys().map(ContentPath::as_str).filter(|p| *p != here.as_str()).collect();
    pages.sort_unstable();
    let in_folder = |dir: &str| pages.iter().copied().find(|p| split(p).0 == dir);
    in_folder(folder).or_else(|| in_folder(here.folder())).or_else(|| pages.first().copied())
}

/// `to` (content-relative) as the link was written: `@/to`, or relative to `from_folder`.
fn written_as(target: &str, from_folder: &str, to: &str) -> String {
    if target.starts_with("@/") {
        return format!("@/{to}");
    }
    let from: Vec<&str> = from_folder.split('/').filter(|p| !p.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let mut out = "../".repeat(from.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_names_in_the_same_folder() {
        let pages = ["docs/guide.md", "docs/advanced.md", "blog/guide.md"];
        assert_eq!(closest("docs/giude.md", pages), Some("docs/guide.md"));
        assert_eq!(closest("notes/guide.md", pages), Some("docs/guide.md"));
        assert_eq!(closest("docs/zebra.md", pages), None);
    }

    #[test]
    fn records_are_offered_only_when_related() {
        let records = ["decisions/0003-use-redis.md", "decisions/0007-use-kafka.md"];
        assert_eq!(closest("decisions/0009-use-kafka.md", records), Some("decisions/0007-use-kafka.md"));
        assert_eq!(closest("decisions/0007-use-kafak.md", records), Some("decisions/0007-use-kafka.md"));
        assert_eq!(closest("decisions/0009-use-redis-cache.md", records), None);
        assert_eq!(closest("decisions/0002-use-kafka.md", ["decisions/0003-use-redis.md"]), None);
    }

    #[test]
    fn suggestions_are_written_like_the_link() {
        assert_eq!(written_as("@/x.md", "docs", "decisions/a.md"), "@/decisions/a.md");
        assert_eq!(written_as("x.md", "docs/deep", "decisions/a.md"), "../../decisions/a.md");
        assert_eq!(written_as("x.md", "docs", "docs/a.md"), "a.md");
    }
}
