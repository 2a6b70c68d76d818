//! Every file a domain writes has one owner. Pages, aliases, pages and files made from
//! data, static files from `content/` and the files the site itself makes (404 page,
//! sitemap, robots.txt, theme assets) all claim output paths; a path claimed twice is
//! an error naming both owners, never a silent overwrite.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::path::Path;

use crate::config::find_line;
use crate::diagnostics::{item_column, Code, Diagnostic};

use super::site::{DomainSite, Site};

/// The output path, relative to the host folder, of a root-relative URL:
/// `/a/b/` → `a/b/index.html`, `/feed.xml` → `feed.xml`.
pub fn output_path(url: &str) -> String {
    let path = url.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_owned()
    }
}

/// Why an alias is not a path inside the domain, if it is not.
pub fn alias_problem(alias: &str) -> Option<&'static str> {
    let lower = alias.to_ascii_lowercase();
    if alias.chars().any(char::is_control) {
        Some("it holds a control character")
    } else if alias.contains('\\') {
        Some("it holds a backslash")
    } else if ["%2f", "%5c", "%2e", "%00"].iter().any(|e| lower.contains(e)) {
        Some("it holds an encoded separator or dot")
    } else if alias.split('/').any(|s| s == ".." || s == ".") {
        Some("it holds a `.` or `..` segment")
    } else if alias.contains("://") || alias.starts_with("//") || alias.contains(['?', '#']) {
        Some("it is a URL, not a path")
    } else if alias.trim().trim_matches('/').is_empty() {
        Some("it is the home page")
    } else {
        None
    }
}

/// Who writes a path: a source file (and line), or the site itself. Borrowed from the
/// site and described only when two claim one path (a site has thousands of paths).
struct Owner<'a> {
    /// The file, line and column (0 when the whole file is the owner).
    source: Option<(Cow<'a, Path>, usize, usize)>,
    what: What<'a>,
}

/// What an owner is, described by [`What::text`].
enum What<'a> {
    Site(&'static str),
    Asset(&'a str),
    Page(&'a str),
    Generated(&'a str),
    File(&'a str),
    Alias(&'a str),
}

impl What<'_> {
    fn text(&self) -> String {
        match self {
            What::Site(what) => (*what).to_owned(),
            What::Asset(url) => format!("the theme asset {url}"),
            What::Page(url) => format!("the page {url}"),
            What::Generated(path) => format!("the generated file {path}"),
            What::File(url) => format!("the file {url}"),
            What::Alias(alias) => format!("the alias {alias}"),
        }
    }
}

impl<'a> Owner<'a> {
    fn file(source: &'a Path, line: usize, what: What<'a>) -> Owner<'a> {
        Owner { source: Some((Cow::Borrowed(source), line, 0)), what }
    }

    fn site(what: What<'a>) -> Owner<'a> {
        Owner { source: None, what }
    }
}

/// Two owners of one output path, on any domain; `assets` lists the URLs of the theme
/// assets each domain gets (by index into `site.domains`).
pub fn check(site: &Site, assets: &[Vec<String>]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (i, ds) in site.domains.iter().enumerate() {
        let host = &site.config.domain_at(ds.domain).host;
        let claimed = claims(site, ds, assets.get(i).map_or(&[][..], Vec::as_slice));
        let mut owners: HashMap<String, Owner<'_>> = HashMap::with_capacity(claimed.len());
        for (path, owner) in claimed {
            match owners.entry(path) {
                Entry::Occupied(first) => problems.push(clash(first.key(), host, first.get(), &owner)),
                Entry::Vacant(slot) => {
                    slot.insert(owner);
                }
            }
        }
        // A file where another owner needs a folder (`/feed.xml` and `/feed.xml/index.html`),
        // reported in path order.
        let mut nested: Vec<(&String, &Owner<'_>)> = owners
            .iter()
            .filter(|(path, _)| path.match_indices('/').any(|(at, _)| owners.contains_key(&path[..at])))
            .collect();
        nested.sort_by_key(|(path, _)| *path);
        for (path, owner) in nested {
            let folders = path.match_indices('/').map(|(at, _)| &path[..at]);
            if let Some((file, first)) = folders.filter_map(|f| owners.get_key_value(f)).next() {
                problems.push(clash(file, host, first, owner));
            }
        }
    }
    problems
}

/// Every output path of one domain with its owner, the site's own files first.
fn claims<'a>(site: &'a Site, ds: &'a DomainSite, assets: &'a [String]) -> Vec<(String, Owner<'a>)> {
    let mut out: Vec<(String, Owner<'a>)> = vec![
        ("404.html".into(), Owner::site(What::Site("the 404 page"))),
        ("sitemap.xml".into(), Owner::site(What::Site("the sitemap"))),
        ("robots.txt".into(), Owner::site(What::Site("robots.txt"))),
    ];
    out.reserve(assets.len() + ds.entries.len() + ds.generated.len() + ds.files.len() + ds.static_files.len());
    out.extend(assets.iter().map(|url| (output_path(url), Owner::site(What::Asset(url)))));
    for e in &ds.entries {
        let page = &site.pages[e.page];
        out.push((output_path(&e.url), Owner::file(&page.source, 1, What::Page(&e.url))));
    }
    for g in &ds.generated {
        out.push((output_path(&g.url), Owner::file(&g.source, 0, What::Page(&g.url))));
    }
    out.extend(ds.files.iter().map(|f| (output_path(&f.path), Owner::site(What::Generated(&f.path)))));
    for (file, url) in &ds.static_files {
        let source = Path::new("content").join(site.files[*file].rel.as_str());
        out.push((output_path(url), Owner { source: Some((Cow::Owned(source), 0, 0)), what: What::File(url) }));
    }
    for (alias, owner) in &ds.alias_sources {
        let page = &site.pages[*owner];
        let written = alias.trim_matches('/');
        let line = find_line(&page.text, written).max(1);
        let at = item_column(&page.text, line, "aliases", written);
        // Point at the alias's leading `/` where it is written with one.
        let before = page.text.lines().nth(line - 1).and_then(|l| l.chars().nth(at.wrapping_sub(2)));
        let column = if at > 1 && before == Some('/') { at - 1 } else { at };
        let source = Some((Cow::Borrowed(page.source.as_path()), line, column));
        out.push((output_path(alias), Owner { source, what: What::Alias(alias) }));
    }
    out
}

fn clash(path: &str, host: &str, first: &Owner<'_>, second: &Owner<'_>) -> Diagnostic {
    let (first_what, second_what) = (first.what.text(), second.what.text());
    let name = |o: &Owner<'_>, what: &str| match &o.source {
        Some((source, ..)) => format!("{what} ({})", source.display()),
        None => what.to_owned(),
    };
    let message = format!(
        "`/{path}` on {host} is written by both {} and {}",
        name(first, &first_what),
        name(second, &second_what)
    );
    let message = if second_what.ends_with(path) || first_what.ends_with(path) {
        message
    } else {
        format!("{message} (one needs it as a folder)")
    };
    let (source, line, column) = match second.source.as_ref().or(first.source.as_ref()) {
        Some((source, line, column)) => (source.to_path_buf(), *line, *column),
        None => Default::default(),
    };
    Diagnostic::error(source, line, column, message)
        .with_code(Code::E023)
        .with_hint("every output file has one source: rename or remove one of them")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_map_to_files() {
        assert_eq!(output_path("/"), "index.html");
        assert_eq!(output_path("/a/b/"), "a/b/index.html");
        assert_eq!(output_path("/index.html"), "index.html");
        assert_eq!(output_path("/decisions/feed.xml"), "decisions/feed.xml");
    }

    #[test]
    fn aliases_stay_inside_the_domain() {
        for bad in ["../../tmp/pwn", "/x/../../../tmp/p/", "a\\b", "/a%2F..%2Fb/", "/a%2e%2e/", "a\u{0}b", "/./x/"] {
            assert!(alias_problem(bad).is_some(), "{bad:?}");
        }
        for bad in ["https://evil.example/", "//evil.example/x", "/x?y", "/", ""] {
            assert!(alias_problem(bad).is_some(), "{bad:?}");
        }
        for good in ["/old/path/", "old/path", "/old.html", "/דף-ישן/", "/a..b/"] {
            assert_eq!(alias_problem(good), None, "{good:?}");
        }
    }
}
