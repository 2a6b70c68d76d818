//! Internal links: `@/path.md#anchor`, relative `../x.md`, and `#anchor`. Resolved
//! once for the whole site into [`Site::links`]; each domain then writes its hrefs.

use std::collections::HashSet;
use std::sync::Arc;

use crate::content_path::ContentPath;
use crate::diagnostics::{did_you_mean, line_col, Code, Diagnostic};
use crate::html::escape_into;
use crate::ids::{DomainId, PageId};
use crate::load::Page;
use crate::markdown::components::{placeholder, COMPONENT_PLACEHOLDER};
use crate::markdown::LINK_PLACEHOLDER;
use crate::policy;

use super::assets::{self, Folder, Tree};
use super::site::{Links, Site, Target, To};
use super::suggest::{self, Broken};

/// Splits `path#anchor` into `("path", "#anchor")`.
pub fn split_anchor(target: &str) -> (&str, &str) {
    match target.find('#') {
        Some(i) => (&target[..i], &target[i..]),
        None => (target, ""),
    }
}

/// What the last good build resolved, for a build that read only a few pages again
/// (the dev server): their rows are resolved again, with the rows of the pages linking
/// to them (an anchor may have gone); every other row is carried over.
#[derive(Debug)]
pub struct Reuse {
    /// The last good build's table.
    pub links: Links,
    /// The pages read again, each with where the last build placed it.
    pub fresh: Vec<(PageId, Vec<(DomainId, String)>)>,
}

/// Resolves every link of every published page: the table [`Site::links`] holds, and
/// a located error for each link that does not resolve. With `reuse` (when no page of
/// it moved: same pages, same placements) only the rows it names are resolved again.
pub fn resolve(site: &Site, reuse: Option<Reuse>) -> (Links, Vec<Diagnostic>) {
    let reuse = reuse.filter(|r| {
        r.links.len() == site.pages.len() && r.fresh.iter().all(|(page, placed)| site.placements[*page] == *placed)
    });
    let tree = Tree::new(&site.pages, &site.files, &site.by_rel);
    let mut problems = Vec::new();
    let Some(Reuse { links: old, fresh }) = reuse else {
        let table = site.pages.enumerate().map(|(index, _)| resolve_page(site, &tree, index, &mut problems)).collect();
        return (table, problems);
    };
    let fresh: HashSet<PageId> = fresh.into_iter().map(|(page, _)| page).collect();
    let table = old
        .enumerate()
        .map(|(index, row)| {
            let again =
                fresh.contains(&index) || row.iter().flatten().any(|t| t.page().is_some_and(|p| fresh.contains(&p)));
            if again {
                resolve_page(site, &tree, index, &mut problems)
            } else {
                Arc::clone(row)
            }
        })
        .collect();
    (table, problems)
}

/// The row of one page: what each of its links resolves to (empty when unpublished).
fn resolve_page(site: &Site, tree: &Tree<'_>, index: PageId, problems: &mut Vec<Diagnostic>) -> Arc<[Option<Target>]> {
    if site.placements[index].is_empty() {
        return Arc::new([]);
    }
    let page = &site.pages[index];
    site.rendered[index]
        .links
        .iter()
        .map(|link| match resolve_target(site, tree, index, &link.target) {
            Ok(target) => Some(target),
            Err(broken) => {
                let (line, column) = position(page, link.offset);
                problems.push(
                    Diagnostic::error(&page.source, line, column, broken.message)
                        .with_code(broken.code)
                        .with_source(&page.text)
                        .with_hint(broken.hint),
                );
                None
            }
        })
        .collect()
}

/// The file line and column of a byte offset in a page's body.
pub fn position(page: &Page, offset: usize) -> (usize, usize) {
    let (line, column) = line_col(page.body(), offset);
    (page.body_line + line - 1, column)
}

/// Warnings every build reports: links and images whose URL the URL policy refused
/// (neutralised), and what the `safe` raw-HTML setting removed.
pub fn neutralised(site: &Site) -> Vec<Diagnostic> {
    let published = site.pages.enumerate().filter(|(i, _)| !site.placements[*i].is_empty());
    published
        .flat_map(|(i, page)| {
            let r = &site.rendered[i];
            let links = r.unsafe_links.iter().map(|l| (l.offset, Code::W005, policy::neutralised(&l.target, false)));
            let images = r.unsafe_images.iter().map(|l| (l.offset, Code::W005, policy::neutralised(&l.target, true)));
            let stripped = r.stripped.iter().map(|s| (s.offset, Code::W008, format!("raw HTML: removed {}", s.what)));
            links.chain(images).chain(stripped).map(move |(offset, code, message)| {
                let (line, column) = position(page, offset);
                let hint = if code == Code::W005 { policy::NEUTRALISED_HINT } else { RAW_HTML_HINT };
                Diagnostic::warning(&page.source, line, column, message)
                    .with_source(&page.text)
                    .with_code(code)
                    .with_hint(hint)
            })
        })
        .collect()
}

const RAW_HTML_HINT: &str =
    "write the page without it; if every author of content/ is trusted, set `markdown: {raw_html: trusted}` in site.yaml";

/// `translation_of` must name an existing page.
pub fn check_translations(site: &Site) -> Vec<Diagnostic> {
    site.pages
        .iter()
        .filter_map(|page| {
            let original = page.front.translation_of.as_deref()?;
            if site.by_rel.contains_key(original) {
                return None;
            }
            let line = crate::config::find_line(&page.text, "translation_of").max(1);
            // The column of the value, where the path to fix starts.
            let column = crate::diagnostics::column_of(&page.text, line, original);
            let others = site.by_rel.keys().map(ContentPath::as_str).filter(|p| *p != page.rel.as_str());
            let hint = match suggest::closest(original, others) {
                Some(best) => format!("did you mean `{best}`?"),
                None => "write the original's path relative to content/, e.g. `about.md`".into(),
            };
            let message = format!("`translation_of: {original}` names no page under content/");
            Some(
                Diagnostic::error(&page.source, line, column, message)
                    .with_code(Code::E024)
                    .with_source(&page.text)
                    .with_hint(hint),
            )
        })
        .collect()
}

/// What a link points to, with its `#anchor` (possibly empty); the anchor is the
/// page's own id when the link names it as GitHub reads fragments (see [`landing_id`]).
fn resolve_target(site: &Site, tree: &Tree<'_>, from: PageId, target: &str) -> Result<Target, Broken> {
    let (path, anchor) = split_anchor(target);
    let to = if path.is_empty() {
        To::Page(from)
    } else {
        let rel = content_path(&site.pages[from].rel, path).ok_or_else(|| Broken {
            code: Code::E022,
            message: format!("link to `{target}` leaves the content folder"),
            hint: "internal links stay inside content/; use `@/path/from/content.md`".into(),
        })?;
        named(site, tree, from, target, &rel)?
    };
    let anchor = match &to {
        To::Page(page) => check_page(site, *page, target, anchor)?,
        To::Log(_) if !anchor.is_empty() => {
            return Err(Broken {
                code: Code::E021,
                message: format!("link to `{target}`: the generated decision log has no heading `{anchor}`"),
                hint: format!("link to the log itself: `{path}`"),
            });
        }
        To::File(_) | To::Log(_) => anchor.to_owned(),
    };
    Ok(Target { to, anchor })
}

/// The page, file or folder at content path `rel`.
fn named(site: &Site, tree: &Tree<'_>, from: PageId, target: &str, rel: &ContentPath) -> Result<To, Broken> {
    if let Some(page) = site.by_rel.get(rel) {
        return Ok(To::Page(*page));
    }
    if let Some(file) = tree.file(rel.as_str()) {
        if let Some(why) = assets::refused(&site.files[file], site.config.markdown.raw_html) {
            return Err(Broken {
                code: Code::E013,
                message: format!("link to `{target}`: content/{rel} is not published: {why}"),
                hint: "link to a page, an image or a document instead; if every author of content/ is trusted, set `markdown: {raw_html: trusted}` in site.yaml".into(),
            });
        }
        return Ok(To::File(file));
    }
    match tree.folder_of(rel).map(|folder| (folder, tree.folder(folder))) {
        Some((_, Some(Folder::Section(page)))) => Ok(To::Page(page)),
        Some((_, Some(Folder::Log(folder)))) => Ok(To::Log(folder)),
        Some((folder, None)) => Err(suggest::no_section(folder, target)),
        None => Err(suggest::missing(site, tree, from, target, rel)),
    }
}

/// A page link's target must be published and hold its anchor; the anchor as the
/// page writes it.
fn check_page(site: &Site, page: PageId, target: &str, anchor: &str) -> Result<String, Broken> {
    if site.placements[page].is_empty() {
        return Err(Broken {
            code: Code::E022,
            message: format!(
                "link to `{target}`: {} is not published on any domain",
                site.pages[page].source.display()
            ),
            hint: "add its section to a domain's `sections` in content/site.yaml, or give it `domains:`".into(),
        });
    }
    let id = anchor.trim_start_matches('#');
    let anchors = &site.rendered[page].anchors;
    if id.is_empty() {
        return Ok(anchor.to_owned());
    }
    match landing_id(anchors, id) {
        Some(found) if found == id => Ok(anchor.to_owned()),
        Some(found) => Ok(format!("#{found}")),
        None => Err(missing_anchor(site, page, target, id)),
    }
}

fn missing_anchor(site: &Site, page: PageId, target: &str, id: &str) -> Broken {
    let anchors = &site.rendered[page].anchors;
    let hint = match did_you_mean(id, anchors.iter().map(String::as_str)) {
        Some(best) => format!("did you mean `#{best}`?"),
        None if anchors.is_empty() => "that page has no headings or other ids".into(),
        None => format!("its ids are: {}", anchors.iter().map(|a| format!("#{a}")).collect::<Vec<_>>().join(", ")),
    };
    Broken {
        code: Code::E021,
        message: format!("link to `{target}`: no heading `#{id}` in {}", site.pages[page].source.display()),
        hint,
    }
}

/// The id among `anchors` that the fragment `id` lands on: itself, else its
/// percent-decoded form (as a browser finds a target), else that lowercased (as GitHub
/// also finds one, so `#Performance` reaches `## Performance`).
fn landing_id<'a>(anchors: &'a [String], id: &str) -> Option<&'a str> {
    let decoded = percent_decode(id);
    let lower = decoded.to_lowercase();
    let found = [id, decoded.as_str(), lower.as_str()].into_iter().find_map(|want| anchors.iter().find(|a| *a == want));
    found.map(String::as_str)
}

/// The content-relative path a link's path part names, from the page at content path
/// `from`, or `None` if it escapes `content/`.
pub fn content_path(from: &ContentPath, path: &str) -> Option<ContentPath> {
    let (base, rest) = match path.strip_prefix("@/") {
        Some(rest) => ("", rest),
        None => (from.folder(), path),
    };
    let rest = crate::slug::nfc(&percent_decode(rest));
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for part in rest.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(ContentPath::new(parts.join("/")))
}

/// Decodes `%20`-style escapes, as editors write spaces and non-ASCII names in links.
fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| path.to_owned())
}

/// The `href` of each link on `page` as seen from `domain`.
pub fn hrefs(site: &Site, page: PageId, domain: DomainId) -> Vec<String> {
    let dir = site.config.domain_at(domain).content_dir.as_deref();
    site.links[page]
        .iter()
        .map(|target| match target {
            Some(Target { to: To::Page(p), anchor }) if *p == page && !anchor.is_empty() => anchor.clone(),
            Some(Target { to: To::Page(p), anchor }) => {
                format!("{}{anchor}", site.url_of(*p, domain).unwrap_or_default())
            }
            // Published on every domain that publishes a page linking to it.
            Some(Target { to: To::File(f), anchor }) => format!("{}{anchor}", assets::file_url(&site.files[*f], dir)),
            Some(Target { to: To::Log(folder), .. }) => log_url(site, folder, domain),
            None => String::new(),
        })
        .collect()
}

/// The URL of the log generated for the records in `folder`: on `domain` when it
/// publishes one of them, else absolute on the first domain that does.
fn log_url(site: &Site, folder: &str, domain: DomainId) -> String {
    let url = format!("/{folder}/");
    let placed =
        site.pages.enumerate().filter(|(_, p)| p.rel.folder() == folder).flat_map(|(i, _)| &site.placements[i]);
    let domains: Vec<DomainId> = placed.map(|(d, _)| *d).collect();
    match domains.iter().find(|d| **d == domain).or(domains.iter().min()) {
        Some(d) if *d == domain => url,
        Some(d) => site.config.domain_at(*d).absolute(&url),
        None => url,
    }
}

/// Replaces component placeholders (`<!--site-component:N-->`) in `html` with
/// `filled[N]`; a placeholder alone in its paragraph is replaced with the paragraph, so a
/// block (a list, a card) is not nested in `<p>`.
pub fn fill_components(html: String, filled: Option<&Vec<String>>) -> String {
    let Some(filled) = filled.filter(|_| html.contains(COMPONENT_PLACEHOLDER)) else { return html };
    let mut html = html;
    for (n, out) in filled.iter().enumerate() {
        let mark = placeholder(n);
        let alone = format!("<p>{mark}</p>\n");
        html = if out.ends_with('\n') && html.contains(&alone) {
            html.replacen(&alone, out, 1)
        } else {
            html.replacen(&mark, out, 1)
        };
    }
    html
}

/// Replaces `site-link:N` placeholders in `html` with `hrefs[N]` (HTML-escaped).
pub fn substitute(html: &str, hrefs: &[String]) -> String {
    let mut out = String::with_capacity(html.len() + hrefs.len() * 16);
    let mut rest = html;
    while let Some(i) = rest.find(LINK_PLACEHOLDER) {
        out.push_str(&rest[..i]);
        let after = &rest[i + LINK_PLACEHOLDER.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        match after[..digits].parse::<usize>().ok().and_then(|n| hrefs.get(n)) {
            Some(href) => escape_into(&mut out, href),
            None => out.push_str(LINK_PLACEHOLDER),
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substitutes_placeholders() {
        let html = r#"<a href="site-link:0">a</a> <a href="site-link:1">b</a>"#;
        let out = substitute(html, &["/x/".into(), "https://y.dev/z/#k".into()]);
        assert_eq!(out, r#"<a href="/x/">a</a> <a href="https://y.dev/z/#k">b</a>"#);
    }

    #[test]
    fn decodes_escapes() {
        assert_eq!(percent_decode("my%20page.md"), "my page.md");
        assert_eq!(percent_decode("%D7%A9.md"), "ש.md");
        assert_eq!(percent_decode("100%.md"), "100%.md");
    }

    #[test]
    fn splits_anchors() {
        assert_eq!(split_anchor("a.md#b"), ("a.md", "#b"));
        assert_eq!(split_anchor("a.md"), ("a.md", ""));
    }
}
