//! One domain's share of the site: its pages and URLs, aliases, navigation and the
//! static files it publishes.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::config::NavLink;
use crate::diagnostics::{item_column, Code, Diagnostic};
use crate::ids::{DomainId, PageId};
use crate::load::Page;

use super::outputs::alias_problem;
use super::site::{DomainSite, Entry, Nav, Site, To};
use super::{assets, links};

/// What `domain` publishes, or every problem found.
pub fn domain_site(site: &Site, domain: DomainId) -> Result<DomainSite, Vec<Diagnostic>> {
    let mut urls: BTreeMap<String, PageId> = BTreeMap::new();
    let mut problems = Vec::new();
    let home = site.config.domain_at(domain).home_path();
    for (page, placed) in site.placements.enumerate() {
        for (_, url) in placed.iter().filter(|(d, _)| *d == domain) {
            if let Some(first) = urls.insert(url.clone(), page) {
                problems.push(duplicate(
                    url,
                    &site.pages[first],
                    &site.pages[page],
                    &site.config.domain_at(domain).host,
                ));
            }
        }
    }
    let (aliases, alias_sources) = aliases(site, domain, &urls, &mut problems);
    let entries: Vec<Entry> =
        urls.into_iter().map(|(url, page)| Entry { page, is_home: site.pages[page].rel == home, url }).collect();
    let by_page = entries.iter().enumerate().map(|(i, e)| (e.page, i)).collect();
    let config_links = |list: &[NavLink]| -> Vec<Nav> {
        list.iter().map(|n| Nav { label: n.label.clone(), url: nav_url(site, domain, &n.url) }).collect()
    };
    let d = site.config.domain_at(domain);
    let (nav, cta) = (config_links(&d.nav), config_links(&d.cta));
    problems.extend(check_config_links(site, domain));
    if problems.is_empty() {
        Ok(DomainSite {
            domain,
            entries,
            by_page,
            aliases,
            alias_sources,
            static_files: static_files(site, domain),
            nav,
            cta,
            generated: Vec::new(),
            files: Vec::new(),
            page_data: HashMap::new(),
            docs: Default::default(),
            components: HashMap::new(),
        })
    } else {
        Err(problems)
    }
}

/// A `site.yaml` link as seen from `domain`.
fn nav_url(site: &Site, domain: DomainId, url: &str) -> String {
    match url.strip_prefix("@/") {
        Some(rel) => {
            let (path, anchor) = links::split_anchor(rel);
            let base = site.by_rel.get(path).and_then(|p| site.url_of(*p, domain)).unwrap_or_default();
            format!("{base}{anchor}")
        }
        None => url.to_owned(),
    }
}

fn check_config_links(site: &Site, domain: DomainId) -> Vec<Diagnostic> {
    let d = site.config.domain_at(domain);
    let text = &site.config.text;
    d.nav
        .iter()
        .chain(&d.cta)
        .filter_map(|n| n.url.strip_prefix("@/"))
        .filter(|rel| {
            let (path, _) = links::split_anchor(rel);
            site.by_rel.get(path).and_then(|p| site.url_of(*p, domain)).is_none()
        })
        .map(|rel| {
            let line = crate::config::find_line(text, rel);
            let written = text.lines().nth(line.saturating_sub(1)).unwrap_or_default();
            let column = written.find(&format!("@/{rel}")).map_or(0, |i| written[..i].chars().count() + 1);
            Diagnostic::error(
                crate::config::CONFIG_PATH,
                line,
                column,
                format!("link `@/{rel}` in domain `{}` points to no published page", d.key),
            )
            .with_code(Code::E026)
            .with_hint("check the path under content/ and that a domain publishes it")
        })
        .collect()
}

/// Alias URL → canonical URL, and alias URL → the page that wrote it; an alias that is
/// not a path inside the domain, or is already a URL, is an error at its line.
fn aliases(
    site: &Site,
    domain: DomainId,
    urls: &BTreeMap<String, PageId>,
    problems: &mut Vec<Diagnostic>,
) -> (BTreeMap<String, String>, BTreeMap<String, PageId>) {
    let host = &site.config.domain_at(domain).host;
    let mut aliases = BTreeMap::new();
    let mut sources = BTreeMap::new();
    for (url, page) in urls {
        let p = &site.pages[*page];
        for written in &p.front.aliases {
            let line = alias_line(p, written);
            // As written in YAML, a backslash may be doubled inside double quotes.
            let column = match item_column(&p.text, line, "aliases", written) {
                0 => item_column(&p.text, line, "aliases", &written.replace('\\', "\\\\")),
                column => column,
            };
            if let Some(why) = alias_problem(written) {
                let shown: String = written.chars().flat_map(visible).collect();
                let message = format!("alias `{shown}` is not a path on {host}: {why}");
                problems.push(
                    Diagnostic::error(&p.source, line, column, message)
                        .with_code(Code::E027)
                        .with_source(&p.text)
                        .with_hint("an alias is a URL path on this domain, like `/old/path/`"),
                );
                continue;
            }
            let alias = normalize_alias(written);
            if urls.contains_key(&alias) || aliases.insert(alias.clone(), url.clone()).is_some() {
                problems.push(
                    Diagnostic::error(&p.source, line, column, format!("alias `{alias}` is already a URL on {host}"))
                        .with_code(Code::E025)
                        .with_source(&p.text)
                        .with_hint("remove the alias or pick another path"),
                );
            } else {
                sources.insert(alias, *page);
            }
        }
    }
    (aliases, sources)
}

/// The line of `alias` in the page's front matter: the list item that is exactly it,
/// else a line that contains it, else the `aliases:` line.
fn alias_line(page: &Page, alias: &str) -> usize {
    let front = &page.text[..page.body_offset];
    // As written in YAML: a backslash may appear doubled inside double quotes.
    let forms = [alias.to_owned(), alias.replace('\\', "\\\\")];
    let item = |line: &str| {
        let value = line.trim().trim_start_matches('-').trim();
        forms.iter().any(|f| value.trim_matches(['"', '\'']) == f)
    };
    let contains = |line: &str| forms.iter().any(|f| !f.trim().is_empty() && line.contains(f.as_str()));
    let lines = || front.lines().enumerate();
    let found = lines().find(|(_, l)| item(l)).or_else(|| lines().find(|(_, l)| contains(l)));
    found.map_or_else(|| crate::config::find_line(&page.text, "aliases").max(1), |(i, _)| i + 1)
}

/// A character as shown in a message: control characters escaped (`\u{1b}`), so a
/// hostile alias cannot drive the terminal.
fn visible(c: char) -> Vec<char> {
    if c.is_control() {
        c.escape_default().collect()
    } else {
        vec![c]
    }
}

/// The files under `content/` this domain publishes, as `(index into site.files, URL)`:
/// those a page it publishes links to, and no others — a copied folder's `Makefile` or
/// script is not published because it lies beside the pages.
fn static_files(site: &Site, domain: DomainId) -> Vec<(usize, String)> {
    let dir = site.config.domain_at(domain).content_dir.as_deref();
    let linked: BTreeSet<usize> = site
        .placements
        .enumerate()
        .filter(|(_, placed)| placed.iter().any(|(d, _)| *d == domain))
        .flat_map(|(page, _)| site.links[page].iter().flatten())
        .filter_map(|t| match t.to {
            To::File(file) => Some(file),
            _ => None,
        })
        .collect();
    linked.into_iter().map(|i| (i, assets::file_url(&site.files[i], dir))).collect()
}

fn normalize_alias(alias: &str) -> String {
    let trimmed = alias.trim().trim_matches('/');
    if trimmed.is_empty() {
        "/".into()
    } else if trimmed.ends_with(".html") {
        format!("/{trimmed}")
    } else {
        format!("/{trimmed}/")
    }
}

fn duplicate(url: &str, a: &Page, b: &Page, host: &str) -> Diagnostic {
    let (first, second) = if a.rel <= b.rel { (a, b) } else { (b, a) };
    Diagnostic::error(
        &second.source,
        1,
        0,
        format!("`{url}` on {host} is produced by both {} and {}", first.source.display(), second.source.display()),
    )
    .with_code(Code::E023)
    .with_hint("rename one of the files, or publish them on different domains")
}
