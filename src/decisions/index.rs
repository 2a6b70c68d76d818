//! Who links to each decision record: Markdown pages, and pages made from data that
//! name it. Built once per build, after the features before the log added their pages.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::assemble::{Site, Target};
use crate::ids::{DomainId, PageId};
use crate::load::PageKind;

use super::model::Log;

/// The log plus who links to each record, built once per build.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Every record.
    pub log: Log,
    /// Record page → published pages linking to it (not itself, not the log page),
    /// in page order.
    pub incoming: HashMap<PageId, Vec<PageId>>,
    /// Record id → pages made from data that name it (a product page), as
    /// `(domain, URL, title, source file)`, in domain order.
    pub generated: HashMap<String, Vec<(DomainId, String, String, PathBuf)>>,
}

impl Index {
    /// Indexes the records of an assembled site.
    pub fn new(site: &Site) -> Index {
        let log = Log::new(&site.pages);
        let mut incoming: HashMap<PageId, Vec<PageId>> = HashMap::new();
        let generated = generated_referrers(site);
        if log.records.is_empty() {
            return Index { log, incoming, generated };
        }
        for from in site.pages.ids() {
            if site.placements[from].is_empty() || is_log_page(site, from) {
                continue;
            }
            for to in site.links[from].iter().flatten().filter_map(Target::page) {
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
fn generated_referrers(site: &Site) -> HashMap<String, Vec<(DomainId, String, String, PathBuf)>> {
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
pub(super) fn is_log_page(site: &Site, page: PageId) -> bool {
    let p = &site.pages[page];
    if p.kind != PageKind::Section {
        return false;
    }
    let dir = p.rel.section_folder().unwrap_or_default();
    site.children.get(dir).is_some_and(|kids| kids.iter().any(|k| site.pages[*k].kind == PageKind::Decision))
}
