//! Links from the catalogue to the rest of the site, resolved per domain: decision
//! records by id, Markdown pages by `@/path.md` (preferring the domain's own
//! translation of the page, so the Hebrew site links to its Hebrew contact page).

use serde::Serialize;

use crate::assemble::Site;
use crate::ids::{DomainId, PageId};

/// A link to a decision record.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// `BDR-0002`.
    pub id: String,
    /// Title.
    pub title: String,
    /// URL as seen from the domain.
    pub url: String,
}

/// The URL of a catalogue link on `domain`: `@/path.md` resolved (to the domain's own
/// translation of that page when it has one), anything else as written. `None` when
/// `@/path.md` names no published page.
pub fn link(site: &Site, domain: DomainId, url: &str) -> Option<String> {
    let Some(rel) = url.strip_prefix("@/") else {
        return Some(url.to_owned());
    };
    let (path, anchor) = match rel.split_once('#') {
        Some((p, a)) => (p, format!("#{a}")),
        None => (rel, String::new()),
    };
    let page = *site.by_rel.get(path)?;
    let published_here = |i: PageId| site.placements[i].iter().find(|(d, _)| *d == domain).map(|(_, u)| u.clone());
    let translation = site
        .pages
        .enumerate()
        .filter(|(_, p)| p.front.translation_of.as_deref() == Some(path))
        .find_map(|(i, _)| published_here(i));
    let base = published_here(page).or(translation).or_else(|| site.url_of(page, domain))?;
    Some(format!("{base}{anchor}"))
}

/// Decision records by id, resolved from `domain`; the ids that name no published record
/// are returned as the error.
pub fn decisions(site: &Site, domain: DomainId, ids: &[String]) -> Result<Vec<Link>, Vec<String>> {
    let mut links = Vec::new();
    let mut missing = Vec::new();
    for id in ids {
        let found = site.pages.enumerate().find(|(_, page)| page.decision_id().as_deref() == Some(id.as_str()));
        match found.and_then(|(i, _)| site.url_of(i, domain).map(|url| (i, url))) {
            Some((i, url)) => links.push(Link { id: id.clone(), title: site.pages[i].front.title.clone(), url }),
            None => missing.push(id.clone()),
        }
    }
    if missing.is_empty() {
        Ok(links)
    } else {
        Err(missing)
    }
}
