//! The decision log (SPEC 3.3): business decision records as first-class data.
//!
//! [`import`] reads plain Nygard and MADR files at load time; [`model`] is the log with
//! supersession derived both ways; [`rules`] checks it; [`views`], [`pages`],
//! [`record`], [`feed`] and [`graph`] make what each domain publishes: the log (the
//! `decisions/_index.md` section page), pages per status and tag, a timeline, a graph,
//! the Atom feed, and the extras on each record's page.

pub mod feed;
pub mod graph;
pub mod import;
pub mod model;
pub mod pages;
pub mod picture;
pub mod record;
pub mod rules;
pub mod status;
pub mod supersede;
pub mod views;

use std::collections::{BTreeMap, HashMap};

use crate::assemble::generated::Generated;
use crate::assemble::{links, Site};
use crate::diagnostics::Diagnostic;
use crate::load::{I18n, Page, PageKind};

pub use model::Log;
pub use views::View;

/// The log plus who links to each record, built once per build.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Every record.
    pub log: Log,
    /// Record page → published pages linking to it (not itself, not the log page),
    /// in page order.
    pub incoming: HashMap<usize, Vec<usize>>,
    /// Record id → pages made from data that name it (a product page), as
    /// `(domain index, URL, title, source file)`, in domain order.
    pub generated: HashMap<String, Vec<(usize, String, String, std::path::PathBuf)>>,
}

impl Index {
    /// Indexes the records of an assembled site.
    pub fn new(site: &Site<'_>) -> Index {
        let log = Log::new(site.pages);
        let mut incoming: HashMap<usize, Vec<usize>> = HashMap::new();
        let generated = generated_referrers(site);
        if log.records.is_empty() {
            return Index { log, incoming, generated };
        }
        for from in 0..site.pages.len() {
            if site.placements[from].is_empty() || is_log_page(site, from) {
                continue;
            }
            for link in &site.rendered[from].links {
                let Some(to) = links::target_page(site, from, &link.target) else {
                    continue;
                };
                if to != from && log.by_page(to).is_some() {
                    let list = incoming.entry(to).or_default();
                    if !list.contains(&from) {
                        list.push(from);
                    }
                }
            }
        }
        Index { log, incoming, generated }
    }
}

/// Generated pages (product pages) by the record ids they name.
fn generated_referrers(site: &Site<'_>) -> HashMap<String, Vec<(usize, String, String, std::path::PathBuf)>> {
    let mut map: HashMap<String, Vec<_>> = HashMap::new();
    for ds in &site.domains {
        for g in &ds.generated {
            for id in &g.refers_to {
                map.entry(id.clone()).or_default().push((ds.domain, g.url.clone(), g.title.clone(), g.source.clone()));
            }
        }
    }
    map
}

/// True for a section page whose folder holds decision records: the log itself.
fn is_log_page(site: &Site<'_>, page: usize) -> bool {
    let p = &site.pages[page];
    if p.kind != PageKind::Section {
        return false;
    }
    let dir = p.rel.strip_suffix("_index.md").unwrap_or_default().trim_end_matches('/');
    site.children.get(dir).is_some_and(|kids| kids.iter().any(|k| site.pages[*k].kind == PageKind::Decision))
}

/// Rules over all decision records (errors and warnings). Needs only the loaded
/// pages, so it runs before assembly and explains problems (a duplicate id) that
/// assembly would otherwise report only as a URL clash.
pub fn check(pages: &[Page]) -> Vec<Diagnostic> {
    rules::check(pages)
}

/// The decision-log pages and feed for one domain: nothing unless it publishes records.
pub fn generate(site: &Site<'_>, index: &Index, domain: usize, i18n: &I18n) -> Result<Generated, Vec<Diagnostic>> {
    let lang = site.config.domains[domain].language.as_str();
    let Some(t) = i18n.table(lang) else {
        return Err(i18n.require(&[lang]));
    };
    let view = View { site, index, domain, t, lang };
    if view.published().is_empty() {
        return Ok(Generated::default());
    }
    Ok(pages::generate(&view))
}

/// `data` for the log's section page (`decisions/_index.md`) on a domain that
/// publishes records; `None` for every other page.
pub fn section_data(
    site: &Site<'_>,
    index: &Index,
    page: usize,
    domain: usize,
    t: &BTreeMap<String, String>,
    lang: &str,
) -> Option<serde_json::Value> {
    if !is_log_page(site, page) {
        return None;
    }
    let view = View { site, index, domain, t, lang };
    let published = view.published();
    if published.is_empty() {
        return None;
    }
    let data = view.list(view.t("decisions_all"), published, views::Current::All);
    serde_json::to_value(data).ok()
}
