//! What a record's own page shows beyond its front matter: the status history, the
//! whole supersession chain in both directions, and the pages that link to it.
//!
//! Struct fields are the template contract (what templates print), named for them.
#![allow(missing_docs)]

use serde::Serialize;

use super::model::Record;
use super::views::{Link, RecordRef, View};
use crate::dates;
use crate::ids::DomainId;

/// One step of the status history.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryItem {
    pub date: Option<String>,
    pub date_display: Option<String>,
    pub status: &'static str,
    pub status_label: String,
    pub by: Option<RecordRef>,
}

/// One record of the supersession chain; `current` is the page being shown.
#[derive(Debug, Clone, Serialize)]
pub struct ChainItem {
    #[serde(flatten)]
    pub record: RecordRef,
    pub current: bool,
}

/// A page linking to the record; `id` is set when it is another record.
#[derive(Debug, Clone, Serialize)]
pub struct Referrer {
    pub id: Option<String>,
    pub title: String,
    pub url: String,
}

/// `decision` in a record page's template: its metadata with supersession resolved
/// both ways, status history and the pages that link to it.
#[derive(Debug, Clone, Serialize)]
pub struct Context {
    pub id: String,
    pub status: &'static str,
    pub status_label: String,
    pub date: Option<String>,
    pub date_display: Option<String>,
    /// An imported record's H1 as inline HTML, when it has markup.
    pub title_html: Option<String>,
    /// The explanation written after an imported record's status.
    pub status_note: Option<String>,
    pub deciders: Vec<String>,
    pub consulted: Vec<String>,
    pub informed: Vec<String>,
    pub tags: Vec<String>,
    #[serde(flatten)]
    pub extras: Extras,
}

/// The context of `record`'s page as seen from the view's domain.
pub fn context(view: &View<'_>, record: &Record) -> Context {
    let front = &view.site.pages[record.page].front;
    Context {
        id: record.id.clone(),
        status: record.status.as_str(),
        status_label: view.status_label(record.status),
        date: front.date.clone(),
        date_display: front.date.as_deref().and_then(|d| dates::display(d, view.lang)),
        title_html: front.imported.as_ref().and_then(|m| m.title_html.clone()),
        status_note: front.imported.as_ref().and_then(|m| m.status_note.clone()),
        deciders: front.deciders.clone(),
        consulted: front.consulted.clone(),
        informed: front.informed.clone(),
        tags: front.tags.clone(),
        extras: extras(view, record),
    }
}

/// The record page's extra context (flattened into `decision`).
#[derive(Debug, Clone, Serialize)]
pub struct Extras {
    pub supersedes: Vec<RecordRef>,
    pub superseded_by: Vec<RecordRef>,
    pub tag_links: Vec<Link>,
    pub history: Vec<HistoryItem>,
    /// Empty when the record stands alone.
    pub chain: Vec<ChainItem>,
    pub referenced_by: Vec<Referrer>,
    pub log_url: String,
    pub feed_url: String,
}

/// Pages made from data that name `record` (product pages), one per source file: the
/// version in the view's language when there is one, linked across domains if need be.
fn generated_referrers(view: &View<'_>, record: &Record) -> Vec<Referrer> {
    let config = &view.site.config;
    let mut chosen: Vec<&(DomainId, String, String, std::path::PathBuf)> = Vec::new();
    for entry in view.index.generated.get(&record.id).map_or(&[][..], Vec::as_slice) {
        let same_lang = config.domain_at(entry.0).language == view.lang;
        match chosen.iter().position(|c| c.3 == entry.3) {
            Some(i) if same_lang && config.domain_at(chosen[i].0).language != view.lang => chosen[i] = entry,
            Some(_) => {}
            None => chosen.push(entry),
        }
    }
    chosen
        .into_iter()
        .map(|(domain, url, title, _)| Referrer {
            id: None,
            title: title.clone(),
            url: if *domain == view.domain { url.clone() } else { config.domain_at(*domain).absolute(url) },
        })
        .collect()
}

/// The extras of `record` as seen from the view's domain.
pub fn extras(view: &View<'_>, record: &Record) -> Extras {
    let site = view.site;
    let refs = |ids: &[String]| ids.iter().filter_map(|id| view.reference_to(id)).collect();
    let history = view
        .index
        .log
        .history(&site.pages, record)
        .into_iter()
        .map(|e| HistoryItem {
            date_display: e.date.as_deref().and_then(|d| dates::display(d, view.lang)),
            date: e.date,
            status: e.status.as_str(),
            status_label: view.status_label(e.status),
            by: e.by.as_deref().and_then(|id| view.reference_to(id)),
        })
        .collect();
    let chain = view.index.log.chain(&record.id);
    let chain = if chain.len() > 1 {
        chain.into_iter().map(|r| ChainItem { record: view.reference(r), current: r.id == record.id }).collect()
    } else {
        Vec::new()
    };
    let referenced_by = view
        .index
        .incoming
        .get(&record.page)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .filter_map(|&page| {
            Some(Referrer {
                id: view.index.log.by_page(page).map(|r| r.id.clone()),
                title: site.pages[page].front.title.clone(),
                url: site.url_of(page, view.domain)?,
            })
        })
        .chain(generated_referrers(view, record))
        .collect();
    let base = view.base();
    Extras {
        supersedes: refs(&record.supersedes),
        superseded_by: refs(&record.superseded_by),
        tag_links: site.pages[record.page]
            .front
            .tags
            .iter()
            .map(|t| Link { label: t.clone(), url: view.tag_url(t) })
            .collect(),
        history,
        chain,
        referenced_by,
        feed_url: format!("{base}feed.xml"),
        log_url: base,
    }
}
