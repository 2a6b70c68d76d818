//! Stage 3, assemble: decide which pages each domain publishes, at which URL,
//! check that no two pages share a URL, and resolve internal links.

pub mod generated;
pub mod links;
pub mod place;
pub mod template;
pub mod translations;

use std::collections::{BTreeMap, HashMap};

use crate::config::{Config, NavLink};
use crate::diagnostics::Diagnostic;
use crate::load::{Page, PageKind};
use crate::markdown::Rendered;

/// Where a page appears: `(domain index, root-relative URL)` pairs.
pub type Placements = Vec<Vec<(usize, String)>>;

/// One page on one domain.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Index into the site's pages.
    pub page: usize,
    /// Root-relative URL with a trailing slash.
    pub url: String,
    /// True for the domain's home page.
    pub is_home: bool,
}

/// A resolved navigation item.
#[derive(Debug, Clone)]
pub struct Nav {
    /// Visible text.
    pub label: String,
    /// Root-relative or absolute URL.
    pub url: String,
}

/// Everything one domain publishes.
#[derive(Debug, Clone)]
pub struct DomainSite {
    /// Index into `config.domains`.
    pub domain: usize,
    /// Published pages, sorted by URL.
    pub entries: Vec<Entry>,
    /// Page index → entry index.
    pub by_page: HashMap<usize, usize>,
    /// Alias URL → canonical URL.
    pub aliases: BTreeMap<String, String>,
    /// Header navigation.
    pub nav: Vec<Nav>,
    /// Home-page calls to action.
    pub cta: Vec<Nav>,
    /// Pages made from data (pricing, decision views), sorted by URL.
    pub generated: Vec<generated::GeneratedPage>,
    /// Other generated files (feeds, JSON), sorted by path.
    pub files: Vec<generated::ExtraFile>,
}

/// The assembled site: every domain's pages, ready to render.
#[derive(Debug)]
pub struct Site<'a> {
    /// The configuration.
    pub config: &'a Config,
    /// All pages, in load order.
    pub pages: &'a [Page],
    /// Rendered bodies, aligned with `pages`.
    pub rendered: &'a [Rendered],
    /// Where each page is published.
    pub placements: Placements,
    /// Content-relative path → page index.
    pub by_rel: HashMap<&'a str, usize>,
    /// Folder (content-relative, no trailing slash) → pages directly inside it.
    pub children: HashMap<String, Vec<usize>>,
    /// Original page → pages that translate it.
    pub translations: HashMap<usize, Vec<usize>>,
    /// The domains being built.
    pub domains: Vec<DomainSite>,
}

impl<'a> Site<'a> {
    /// Assembles `pages` for the domains selected by `only` (all when `None`).
    pub fn assemble(
        config: &'a Config,
        pages: &'a [Page],
        rendered: &'a [Rendered],
        only: Option<&str>,
    ) -> Result<Site<'a>, Vec<Diagnostic>> {
        let (placements, mut problems) = place::place_all(config, pages);
        let by_rel = pages.iter().enumerate().map(|(i, p)| (p.rel.as_str(), i)).collect();
        let children = children_of(pages);
        let translations = translations::index(pages, &by_rel);
        let mut site =
            Site { config, pages, rendered, placements, by_rel, children, translations, domains: Vec::new() };
        problems.extend(links::check(&site));
        problems.extend(links::check_translations(&site));
        for (index, domain) in config.domains.iter().enumerate() {
            if only.is_some_and(|key| key != domain.key) {
                continue;
            }
            match site.domain_site(index) {
                Ok(d) => site.domains.push(d),
                Err(mut more) => problems.append(&mut more),
            }
        }
        if problems.is_empty() {
            Ok(site)
        } else {
            Err(problems)
        }
    }

    fn domain_site(&self, domain: usize) -> Result<DomainSite, Vec<Diagnostic>> {
        let mut urls: BTreeMap<String, usize> = BTreeMap::new();
        let mut problems = Vec::new();
        let home = self.config.domains[domain].home_path();
        for (page, placed) in self.placements.iter().enumerate() {
            for (_, url) in placed.iter().filter(|(d, _)| *d == domain) {
                if let Some(first) = urls.insert(url.clone(), page) {
                    problems.push(duplicate(
                        url,
                        &self.pages[first],
                        &self.pages[page],
                        &self.config.domains[domain].host,
                    ));
                }
            }
        }
        let mut aliases = BTreeMap::new();
        for (url, page) in &urls {
            for alias in &self.pages[*page].front.aliases {
                let alias = normalize_alias(alias);
                if urls.contains_key(&alias) || aliases.insert(alias.clone(), url.clone()).is_some() {
                    let p = &self.pages[*page];
                    let line = crate::config::find_line(&p.text, "aliases").max(1);
                    problems.push(
                        Diagnostic::error(
                            &p.source,
                            line,
                            0,
                            format!("alias `{alias}` is already a URL on {}", self.config.domains[domain].host),
                        )
                        .with_code("E025")
                        .with_source(&p.text)
                        .with_hint("remove the alias or pick another path"),
                    );
                }
            }
        }
        let entries: Vec<Entry> =
            urls.into_iter().map(|(url, page)| Entry { page, is_home: self.pages[page].rel == home, url }).collect();
        let by_page = entries.iter().enumerate().map(|(i, e)| (e.page, i)).collect();
        let config_links = |list: &[NavLink]| -> Vec<Nav> {
            list.iter().map(|n| Nav { label: n.label.clone(), url: self.nav_url(domain, &n.url) }).collect()
        };
        let d = &self.config.domains[domain];
        let (nav, cta) = (config_links(&d.nav), config_links(&d.cta));
        problems.extend(self.check_config_links(domain));
        if problems.is_empty() {
            Ok(DomainSite { domain, entries, by_page, aliases, nav, cta, generated: Vec::new(), files: Vec::new() })
        } else {
            Err(problems)
        }
    }

    /// A `site.yaml` link as seen from `domain`.
    fn nav_url(&self, domain: usize, url: &str) -> String {
        match url.strip_prefix("@/") {
            Some(rel) => {
                let (path, anchor) = links::split_anchor(rel);
                let base = self.by_rel.get(path).and_then(|p| self.url_of(*p, domain)).unwrap_or_default();
                format!("{base}{anchor}")
            }
            None => url.to_owned(),
        }
    }

    fn check_config_links(&self, domain: usize) -> Vec<Diagnostic> {
        let d = &self.config.domains[domain];
        let text = &self.config.text;
        d.nav
            .iter()
            .chain(&d.cta)
            .filter_map(|n| n.url.strip_prefix("@/"))
            .filter(|rel| {
                let (path, _) = links::split_anchor(rel);
                self.by_rel.get(path).and_then(|p| self.url_of(*p, domain)).is_none()
            })
            .map(|rel| {
                let line = crate::config::find_line(text, rel);
                Diagnostic::error(
                    crate::config::CONFIG_PATH,
                    line,
                    0,
                    format!("link `@/{rel}` in domain `{}` points to no published page", d.key),
                )
                .with_code("E026")
                .with_hint("check the path under content/ and that a domain publishes it")
            })
            .collect()
    }

    /// The URL of `page` as linked from `domain`: root-relative when published there,
    /// absolute on the first domain that publishes it otherwise.
    pub fn url_of(&self, page: usize, domain: usize) -> Option<String> {
        let placed = &self.placements[page];
        if let Some((_, url)) = placed.iter().find(|(d, _)| *d == domain) {
            return Some(url.clone());
        }
        placed.first().map(|(d, url)| self.config.domains[*d].absolute(url))
    }

    /// Pages listed by a section page on `domain`, sorted by weight, then date (newest first), then title.
    pub fn section_children(&self, section: usize, domain: &DomainSite) -> Vec<usize> {
        let page = &self.pages[section];
        let dir = page.rel.strip_suffix("_index.md").unwrap_or("").trim_end_matches('/');
        let mut list: Vec<usize> = Vec::new();
        if let Some(kids) = self.children.get(dir) {
            list.extend(kids.iter().copied().filter(|k| *k != section && domain.by_page.contains_key(k)));
        }
        list.sort_by(|a, b| {
            let (pa, pb) = (&self.pages[*a].front, &self.pages[*b].front);
            (pa.weight.unwrap_or(i64::MAX), std::cmp::Reverse(&pb.date), &pa.title).cmp(&(
                pb.weight.unwrap_or(i64::MAX),
                std::cmp::Reverse(&pa.date),
                &pb.title,
            ))
        });
        list
    }
}

/// Folder → pages directly inside it; a sub-section's `_index.md` counts as inside its parent.
fn children_of(pages: &[Page]) -> HashMap<String, Vec<usize>> {
    let mut map: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, page) in pages.iter().enumerate() {
        let mut dir = parent_dir(&page.rel);
        if page.kind == PageKind::Section {
            if dir.is_empty() {
                continue;
            }
            dir = parent_dir(dir);
        }
        map.entry(dir.to_owned()).or_default().push(i);
    }
    map
}

/// `a/b/c.md` → `a/b`; `c.md` → ``.
pub fn parent_dir(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..i])
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
    .with_code("E023")
    .with_hint("rename one of the files, or publish them on different domains")
}
