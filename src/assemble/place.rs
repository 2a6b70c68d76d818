//! Which domains publish a page, and at which URL.

use crate::config::{find_line, Config, Domain};
use crate::content_path::ContentPath;
use crate::diagnostics::{item_column, Code, Diagnostic};
use crate::ids::DomainId;
use crate::load::{Page, PageKind, Pages};
use crate::slug;

use super::site::Placements;

/// Placements of every page, plus problems such as an unknown domain key.
pub fn place_all(config: &Config, pages: &Pages) -> (Placements, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let homes: Vec<String> = config.domains.iter().map(Domain::home_path).collect();
    let placements = pages
        .iter()
        .map(|page| {
            if let Some(keys) = &page.front.domains {
                for key in keys.iter().filter(|k| config.domain(k).is_none()) {
                    let line = find_line(&page.text, "domains").max(1);
                    let known: Vec<&str> = config.domains.iter().map(|d| d.key.as_str()).collect();
                    problems.push(
                        Diagnostic::error(
                            &page.source,
                            line,
                            item_column(&page.text, line, "domains", key),
                            format!("unknown domain `{key}`"),
                        )
                        .with_code(Code::E006)
                        .with_source(&page.text)
                        .with_hint(format!("domains are: {}", known.join(", "))),
                    );
                }
            }
            let on = |(i, domain): (DomainId, &Domain)| {
                url_on(config, &homes, (i.index(), domain), page).map(|url| (i, url))
            };
            config.domain_ids().filter_map(on).collect()
        })
        .collect();
    (placements, problems)
}

/// The URL of `page` on `domain` (the `index`th), or `None` when the domain does not
/// publish it; `homes` holds each domain's home page path.
fn url_on(config: &Config, homes: &[String], (index, domain): (usize, &Domain), page: &Page) -> Option<String> {
    if page.rel == homes[index] {
        return Some("/".into());
    }
    // A domain with its own folder publishes the sections it lists from that folder;
    // other pages reach it only by naming it in `domains:`.
    if let Some(dir) = &domain.content_dir {
        if let Some(rest) = page.rel.within(dir) {
            return domain.sections.iter().any(|s| s == rest.top_section()).then(|| url_for(&rest, page));
        }
    }
    let in_own_dir = config.domains.iter().filter_map(|d| d.content_dir.as_deref()).any(|dir| page.rel.is_within(dir));
    if in_own_dir || homes.iter().any(|home| page.rel == *home) {
        return None;
    }
    let published = match &page.front.domains {
        Some(keys) => keys.contains(&domain.key),
        None => domain.content_dir.is_none() && domain.sections.iter().any(|s| s == page.rel.top_section()),
    };
    published.then(|| url_for(&page.rel, page))
}

/// The URL a content-relative path maps to: `a/b.md` → `/a/b/`, `a/_index.md` → `/a/`,
/// a decision `decisions/0001-x.md` with id `BDR-0001` → `/decisions/bdr-0001/`.
pub fn url_for(rel: &ContentPath, page: &Page) -> String {
    let stem = rel.as_str().strip_suffix(".md").unwrap_or(rel.as_str());
    let mut parts: Vec<&str> = stem.split('/').collect();
    if matches!(parts.last(), Some(&"_index") | Some(&"index")) {
        parts.pop();
    }
    let id = page.decision_id();
    if page.kind == PageKind::Decision {
        if let (Some(id), Some(last)) = (&id, parts.last_mut()) {
            *last = id.as_str();
        }
    }
    let mut url = String::from("/");
    for part in parts {
        let part = slug::url_component(part);
        if !part.is_empty() {
            url.push_str(&part);
            url.push('/');
        }
    }
    url
}
