//! Stage 3, assemble: decide which pages each domain publishes, at which URL, check
//! that no two pages share a URL, resolve every internal link once, and let the
//! features (pricing, the decision log) add their pages. The result is a [`Site`] that
//! the renderer only reads.

pub mod feature;
pub mod generated;
pub mod links;
pub mod place;
pub mod site;
pub mod translations;

use std::collections::{BTreeMap, HashMap};

use crate::config::{Config, NavLink};
use crate::diagnostics::Diagnostic;
use crate::load::{Content, Page, PageKind};
use crate::markdown::Rendered;

pub use feature::Feature;
pub use generated::PageData;
pub use site::{parent_dir, DomainSite, Entry, Nav, Placements, Site, Target};

/// What assembling reads: the loaded configuration and content, and the parsed bodies
/// (aligned with `content.pages`).
pub struct Input {
    /// `site.yaml`.
    pub config: Config,
    /// Pages, static files and UI strings.
    pub content: Content,
    /// Markdown bodies as HTML, one per page.
    pub rendered: Vec<Rendered>,
}

/// The assembled site, and the warnings found while assembling it.
#[derive(Debug)]
pub struct Assembled {
    /// Every domain, ready to render.
    pub site: Site,
    /// Non-fatal findings, sorted.
    pub warnings: Vec<Diagnostic>,
}

/// Assembles the domains `only` selects (all when `None`), then lets each feature add
/// its pages in order. Any error stops here, with every error found.
pub fn assemble(input: Input, only: Option<&str>, features: &[&dyn Feature]) -> Result<Assembled, Vec<Diagnostic>> {
    let Input { config, content, rendered } = input;
    let (placements, mut problems) = place::place_all(&config, &content.pages);
    let by_rel: HashMap<String, usize> = content.pages.iter().enumerate().map(|(i, p)| (p.rel.clone(), i)).collect();
    let children = children_of(&content.pages);
    let translations = translations::index(&content.pages, &by_rel);
    let mut site = Site {
        config,
        pages: content.pages,
        rendered,
        files: content.files,
        i18n: content.i18n,
        placements,
        by_rel,
        children,
        translations,
        links: Vec::new(),
        domains: Vec::new(),
    };
    let (resolved, broken) = links::resolve_all(&site);
    site.links = resolved;
    problems.extend(broken);
    problems.extend(links::check_translations(&site));
    for (index, domain) in site.config.domains.iter().enumerate() {
        if only.is_some_and(|key| key != domain.key) {
            continue;
        }
        match domain_site(&site, index) {
            Ok(d) => site.domains.push(d),
            Err(mut more) => problems.append(&mut more),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut findings = Vec::new();
    for feature in features {
        findings.extend(feature.check(&site));
        let made = feature.generate(&site)?;
        for (ds, generated) in site.domains.iter_mut().zip(made) {
            let host = &site.config.domains[ds.domain].host;
            findings.extend(attach(ds, generated, host));
        }
    }
    let (errors, mut warnings): (Vec<_>, Vec<_>) = findings.into_iter().partition(Diagnostic::is_error);
    if !errors.is_empty() {
        return Err(errors);
    }
    warnings.extend(links::neutralised(&site));
    Ok(Assembled { site, warnings })
}

fn domain_site(site: &Site, domain: usize) -> Result<DomainSite, Vec<Diagnostic>> {
    let mut urls: BTreeMap<String, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    let home = site.config.domains[domain].home_path();
    for (page, placed) in site.placements.iter().enumerate() {
        for (_, url) in placed.iter().filter(|(d, _)| *d == domain) {
            if let Some(first) = urls.insert(url.clone(), page) {
                problems.push(duplicate(url, &site.pages[first], &site.pages[page], &site.config.domains[domain].host));
            }
        }
    }
    let mut aliases = BTreeMap::new();
    for (url, page) in &urls {
        for alias in &site.pages[*page].front.aliases {
            let alias = normalize_alias(alias);
            if urls.contains_key(&alias) || aliases.insert(alias.clone(), url.clone()).is_some() {
                let p = &site.pages[*page];
                let line = crate::config::find_line(&p.text, "aliases").max(1);
                problems.push(
                    Diagnostic::error(
                        &p.source,
                        line,
                        0,
                        format!("alias `{alias}` is already a URL on {}", site.config.domains[domain].host),
                    )
                    .with_code("E025")
                    .with_source(&p.text)
                    .with_hint("remove the alias or pick another path"),
                );
            }
        }
    }
    let entries: Vec<Entry> =
        urls.into_iter().map(|(url, page)| Entry { page, is_home: site.pages[page].rel == home, url }).collect();
    let by_page = entries.iter().enumerate().map(|(i, e)| (e.page, i)).collect();
    let config_links = |list: &[NavLink]| -> Vec<Nav> {
        list.iter().map(|n| Nav { label: n.label.clone(), url: nav_url(site, domain, &n.url) }).collect()
    };
    let d = &site.config.domains[domain];
    let (nav, cta) = (config_links(&d.nav), config_links(&d.cta));
    problems.extend(check_config_links(site, domain));
    if problems.is_empty() {
        Ok(DomainSite {
            domain,
            entries,
            by_page,
            aliases,
            nav,
            cta,
            generated: Vec::new(),
            files: Vec::new(),
            page_data: HashMap::new(),
        })
    } else {
        Err(problems)
    }
}

/// A `site.yaml` link as seen from `domain`.
fn nav_url(site: &Site, domain: usize, url: &str) -> String {
    match url.strip_prefix("@/") {
        Some(rel) => {
            let (path, anchor) = links::split_anchor(rel);
            let base = site.by_rel.get(path).and_then(|p| site.url_of(*p, domain)).unwrap_or_default();
            format!("{base}{anchor}")
        }
        None => url.to_owned(),
    }
}

fn check_config_links(site: &Site, domain: usize) -> Vec<Diagnostic> {
    let d = &site.config.domains[domain];
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

/// Adds generated pages and files to a domain, refusing URLs already taken.
pub fn attach(ds: &mut DomainSite, generated: generated::Generated, host: &str) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for page in generated.pages {
        let taken = ds.entries.iter().any(|e| e.url == page.url)
            || ds.generated.iter().any(|g| g.url == page.url)
            || ds.aliases.contains_key(&page.url);
        if taken {
            let message =
                format!("`{}` on {host} is produced by {} and by another page", page.url, page.source.display());
            problems
                .push(Diagnostic::error(&page.source, 0, 0, message).with_code("E023").with_hint("rename one of them"));
        } else {
            ds.generated.push(page);
        }
    }
    for file in generated.files {
        if ds.files.iter().any(|f| f.path == file.path) {
            problems.push(
                Diagnostic::error(&file.path, 0, 0, format!("`{}` on {host} is generated twice", file.path))
                    .with_code("E023"),
            );
        } else {
            ds.files.push(file);
        }
    }
    ds.page_data.extend(generated.page_data);
    ds.generated.sort_by(|a, b| a.url.cmp(&b.url));
    ds.files.sort_by(|a, b| a.path.cmp(&b.path));
    problems
}
