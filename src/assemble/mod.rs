//! Stage 3, assemble: decide which pages each domain publishes, at which URL, check
//! that no two pages share a URL, resolve every internal link once, and let the
//! features (pricing, the decision log) add their pages. The result is a [`Site`] that
//! the renderer only reads.

pub mod assets;
pub mod docs;
pub mod domain;
pub mod feature;
pub mod generated;
pub mod links;
pub mod outputs;
pub mod place;
pub mod site;
pub mod suggest;
pub mod template;
pub mod translations;

use std::collections::HashMap;
use std::sync::Arc;

use crate::config::Config;
use crate::content_path::ContentPath;
use crate::diagnostics::{Code, Diagnostic};
use crate::ids::{PageId, PerPage};
use crate::load::{Content, Pages};
use crate::markdown::{Remake, Rendered};

pub use feature::Feature;
pub use generated::PageData;
pub use site::{DomainSite, Entry, Links, Nav, Placements, Site, Target, To};

/// What assembling reads: the loaded configuration and content, and the parsed bodies
/// (aligned with `content.pages`).
pub struct Input {
    /// `site.yaml`.
    pub config: Config,
    /// Pages, static files and UI strings.
    pub content: Content,
    /// Markdown bodies as HTML, one per page (shared with the dev server's Markdown
    /// cache, which keeps them between rebuilds without copying).
    pub rendered: Vec<Arc<Rendered>>,
    /// Set when `rendered` holds no HTML: the render stage makes each body again.
    pub remake: Option<Remake>,
    /// Content-relative path → the day of the last commit that changed it (empty when
    /// the content is not in a git repository).
    pub last_changed: std::sync::Arc<HashMap<String, String>>,
    /// The last good build's links, when only a few pages were read again (the dev
    /// server); see [`links::Reuse`].
    pub reuse: Option<links::Reuse>,
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
    let Input { config, content, rendered, remake, last_changed, reuse } = input;
    let (placements, mut problems) = place::place_all(&config, &content.pages);
    let by_rel: HashMap<ContentPath, PageId> = content.pages.enumerate().map(|(i, p)| (p.rel.clone(), i)).collect();
    let children = children_of(&content.pages);
    let translations = translations::index(&content.pages, &by_rel);
    let mut site = Site {
        config,
        pages: content.pages,
        rendered: rendered.into(),
        remake,
        files: content.files,
        i18n: content.i18n,
        placements,
        by_rel,
        children,
        translations,
        links: PerPage::default(),
        domains: Vec::new(),
    };
    let (resolved, broken) = links::resolve(&site, reuse);
    site.links = resolved;
    problems.extend(broken);
    problems.extend(links::check_translations(&site));
    for (index, domain) in site.config.domain_ids() {
        if only.is_some_and(|key| key != domain.key) {
            continue;
        }
        match domain::domain_site(&site, index) {
            Ok(mut d) => {
                d.docs = docs::docs(&site, &d, &last_changed);
                site.domains.push(d);
            }
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
            let host = &site.config.domain_at(ds.domain).host;
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

/// Folder → the pages its section page lists: those directly inside it, and the
/// `_index.md` of each sub-folder.
fn children_of(pages: &Pages) -> HashMap<String, Vec<PageId>> {
    let mut map: HashMap<String, Vec<PageId>> = HashMap::new();
    for (i, page) in pages.enumerate() {
        if let Some(dir) = page.rel.listing_folder() {
            map.entry(dir.to_owned()).or_default().push(i);
        }
    }
    map
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
            problems.push(
                Diagnostic::error(&page.source, 0, 0, message).with_code(Code::E023).with_hint("rename one of them"),
            );
        } else {
            ds.generated.push(page);
        }
    }
    for file in generated.files {
        if ds.files.iter().any(|f| f.path == file.path) {
            problems.push(
                Diagnostic::error(&file.path, 0, 0, format!("`{}` on {host} is generated twice", file.path))
                    .with_code(Code::E023),
            );
        } else {
            ds.files.push(file);
        }
    }
    ds.page_data.extend(generated.page_data);
    ds.components.extend(generated.components);
    problems.extend(generated.warnings);
    ds.generated.sort_by(|a, b| a.url.cmp(&b.url));
    ds.files.sort_by(|a, b| a.path.cmp(&b.path));
    problems
}
