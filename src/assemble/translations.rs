//! Twin pages across languages: a Hebrew page names its English original with
//! `translation_of`; both then link to each other (`hreflang`, language switch).

use std::collections::HashMap;

use crate::content_path::ContentPath;
use crate::diagnostics::{Code, Diagnostic};
use crate::ids::{DomainId, PageId};
use crate::load::Pages;

use super::site::Site;

/// One language version of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// The page.
    pub page: PageId,
    /// Language code.
    pub lang: String,
    /// Absolute URL.
    pub url: String,
}

/// Original page → the pages that translate it, from `translation_of`.
pub fn index(pages: &Pages, by_rel: &HashMap<ContentPath, PageId>) -> HashMap<PageId, Vec<PageId>> {
    let mut map: HashMap<PageId, Vec<PageId>> = HashMap::new();
    for (i, page) in pages.enumerate() {
        if let Some(original) = page.front.translation_of.as_deref().and_then(|rel| by_rel.get(rel)) {
            map.entry(*original).or_default().push(i);
        }
    }
    map
}

/// Every language version of `page`, the original first; empty when it has no twin.
pub fn versions(site: &Site, page: PageId) -> Vec<Version> {
    let original =
        site.pages[page].front.translation_of.as_deref().and_then(|rel| site.by_rel.get(rel).copied()).unwrap_or(page);
    let Some(translated) = site.translations.get(&original) else { return Vec::new() };
    std::iter::once(original)
        .chain(translated.iter().copied())
        .filter_map(|p| {
            let url = absolute_url(site, p)?;
            Some(Version { page: p, lang: site.pages[p].lang.clone(), url })
        })
        .collect()
}

/// The page's absolute URL, preferring a domain that has a twin domain.
fn absolute_url(site: &Site, page: PageId) -> Option<String> {
    let config = &site.config;
    let twins: Vec<&str> = config.domains.iter().filter_map(|d| d.twin.as_deref()).collect();
    let placed = &site.placements[page];
    let (domain, url) =
        placed.iter().find(|(d, _)| twins.contains(&config.domain_at(*d).key.as_str())).or(placed.first())?;
    Some(config.domain_at(*domain).absolute(url))
}

/// Pages published on a twin domain, in a section its translating domain also
/// publishes, that no page translates yet.
pub fn missing(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for translating in site.config.domains.iter().filter(|d| d.twin.is_some()) {
        let Some((twin, _)) = site.config.domain_ids().find(|(_, d)| Some(&d.key) == translating.twin.as_ref()) else {
            continue;
        };
        for (page, placed) in site.placements.enumerate() {
            let Some((_, url)) = placed.iter().find(|(d, _)| *d == twin) else { continue };
            let wanted = url == "/" || translating.sections.iter().any(|s| s == site.pages[page].rel.top_section());
            if wanted && !site.translations.contains_key(&page) {
                let p = &site.pages[page];
                let message = format!("no {} translation of {} for {}", translating.language, url, translating.host);
                out.push(Diagnostic::warning(&p.source, 0, 0, message).with_code(Code::W003).with_hint(format!(
                    "add a page under content/{}/ with `translation_of: {}`",
                    translating.content_dir.as_deref().unwrap_or(""),
                    p.rel
                )));
            }
        }
    }
    out
}

/// One language version of a page made from data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedVersion {
    /// The domain it is on.
    pub domain: DomainId,
    /// Language code.
    pub lang: String,
    /// Absolute URL.
    pub url: String,
}

/// Every language version of the page made from data at `url` on `domain`: the same URL
/// made on its twin domain (a twin keeps its original's URLs), the original domain's
/// first. Empty when no twin domain being built has a page there.
pub fn generated_versions(site: &Site, domain: DomainId, url: &str) -> Vec<GeneratedVersion> {
    let config = &site.config;
    let key = |d: DomainId| config.domain_at(d).key.as_str();
    let paired = |a: DomainId, b: DomainId| config.domain_at(a).twin.as_deref() == Some(key(b));
    let mut found: Vec<DomainId> = site
        .domains
        .iter()
        .filter(|ds| ds.domain == domain || paired(ds.domain, domain) || paired(domain, ds.domain))
        .filter(|ds| ds.generated.binary_search_by(|g| g.url.as_str().cmp(url)).is_ok())
        .map(|ds| ds.domain)
        .collect();
    if found.len() < 2 {
        return Vec::new();
    }
    // The original is the domain the others translate (it names no twin itself).
    found.sort_by_key(|d| (config.domain_at(*d).twin.is_some(), *d));
    found
        .into_iter()
        .map(|d| {
            let on = config.domain_at(d);
            GeneratedVersion { domain: d, lang: on.language.clone(), url: on.absolute(url) }
        })
        .collect()
}
