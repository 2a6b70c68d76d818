//! The decision log (SPEC 3.3): business decision records as first-class data.
//!
//! Plain Nygard and MADR files are read at load time ([`crate::load::import`]); [`model`] is the log with
//! supersession derived both ways; [`rules`] checks it; [`views`], [`pages`],
//! [`record`], [`feed`] and [`graph`] make what each domain publishes: the log (the
//! `decisions/_index.md` section page), pages per status and tag, a timeline, a graph,
//! the Atom feed, `/decisions.json` ([`json`]), and the extras on each record's page.

pub mod feed;
pub mod graph;
pub mod index;
pub mod json;
pub mod located;
pub mod model;
pub mod numbers;
pub mod pages;
pub mod picture;
pub mod record;
pub mod rules;
pub mod supersede;
pub mod views;

use crate::assemble::generated::Generated;
use crate::assemble::template::Template;
use crate::assemble::{DomainSite, Feature, PageData, Site};
use crate::diagnostics::Diagnostic;
use crate::load::{PageKind, Pages};

pub use index::Index;
pub use model::Log;
pub use views::View;

/// Rules over all decision records (errors and warnings). Needs only the loaded
/// pages, so it runs before assembly and explains problems (a duplicate id) that
/// assembly would otherwise report only as a URL clash.
pub fn check(pages: &Pages) -> Vec<Diagnostic> {
    rules::check(pages)
}

/// The decision log as a feature: its views and feed on every domain that publishes
/// records, the log's data on its section page, and each record page's extras.
pub struct Decisions;

impl Feature for Decisions {
    fn generate(&self, site: &Site) -> Result<Vec<Generated>, Vec<Diagnostic>> {
        let index = Index::new(site);
        site.domains.iter().map(|ds| domain(site, &index, ds)).collect()
    }
}

/// What the log adds to one domain.
fn domain(site: &Site, index: &Index, ds: &DomainSite) -> Result<Generated, Vec<Diagnostic>> {
    let lang = site.config.domain_at(ds.domain).language.as_str();
    let Some(t) = site.i18n.table(lang) else {
        return Err(site.i18n.require(&[lang]));
    };
    let view = View { site, index, domain: ds.domain, t, lang };
    let published = view.published();
    let mut out = if published.is_empty() { Generated::default() } else { pages::generate(&view) };
    for entry in &ds.entries {
        let page = &site.pages[entry.page];
        let data = match page.kind {
            PageKind::Decision => index
                .log
                .by_page(entry.page)
                .map(|r| PageData { decision: json(&record::context(&view, r)), ..PageData::default() }),
            PageKind::Section if !entry.is_home && !published.is_empty() && index::is_log_page(site, entry.page) => {
                let list = view.list(view.t("decisions_all"), published.clone(), views::Current::All);
                Some(PageData { template: Some(Template::Decisions), data: json(&list), ..PageData::default() })
            }
            _ => None,
        };
        out.page_data.extend(data.map(|d| (entry.page, d)));
    }
    Ok(out)
}

fn json(value: &impl serde::Serialize) -> Option<serde_json::Value> {
    serde_json::to_value(value).ok()
}
