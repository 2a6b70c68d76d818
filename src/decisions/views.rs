//! What the decision-log templates see, computed per domain: record summaries,
//! filters by status and tag, the views menu, breadcrumbs. Templates only print.
//!
//! Struct fields are the template contract (what templates print), named for them.
#![allow(missing_docs)]

use std::collections::BTreeMap;

use serde::Serialize;

use crate::assemble::Site;
use crate::dates;
use crate::ids::{DomainId, PageId};
use crate::load::{PageKind, Status};
use crate::slug;

use super::model::Record;
use super::Index;

/// Every status, in the order filters list them.
pub const STATUSES: [Status; 5] =
    [Status::Proposed, Status::Accepted, Status::Rejected, Status::Deprecated, Status::Superseded];

/// A linked record: id, title, URL and status.
#[derive(Debug, Clone, Serialize)]
pub struct RecordRef {
    pub id: String,
    pub title: String,
    pub url: String,
    pub status: &'static str,
    pub status_label: String,
}

/// A label and URL (tags, breadcrumbs, views).
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub label: String,
    pub url: String,
}

/// One record in a listing.
#[derive(Debug, Clone, Serialize)]
pub struct RecordItem {
    #[serde(flatten)]
    pub record: RecordRef,
    pub description: String,
    pub date: Option<String>,
    pub date_display: Option<String>,
    pub tags: Vec<Link>,
    pub supersedes: Vec<RecordRef>,
    pub superseded_by: Vec<RecordRef>,
}

/// A filter link with its count; `current` marks the page being shown.
#[derive(Debug, Clone, Serialize)]
pub struct Filter {
    pub label: String,
    pub url: String,
    pub count: usize,
    pub current: bool,
}

/// `data` of the log, status and tag pages.
#[derive(Debug, Clone, Serialize)]
pub struct ListData {
    pub heading: String,
    pub records: Vec<RecordItem>,
    pub all: Filter,
    pub statuses: Vec<Filter>,
    pub tags: Vec<Filter>,
    pub views: Vec<Filter>,
    pub feed_url: String,
    pub crumbs: Vec<Link>,
}

/// Which listing is shown, for `current` on the filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Current<'s> {
    /// The whole log.
    All,
    /// One status.
    Status(Status),
    /// One tag, by slug.
    Tag(&'s str),
    /// The timeline or the graph, by view URL suffix.
    View(&'s str),
}

/// One domain's view of the log.
pub struct View<'a> {
    pub site: &'a Site,
    pub index: &'a Index,
    pub domain: DomainId,
    pub t: &'a BTreeMap<String, String>,
    pub lang: &'a str,
}

impl View<'_> {
    /// A UI string, or its key when missing (the i18n loader guarantees every key).
    pub fn t(&self, key: &str) -> String {
        self.t.get(key).cloned().unwrap_or_else(|| key.to_owned())
    }

    /// A UI string with `{name}` replaced by `value`.
    pub fn t_with(&self, key: &str, name: &str, value: &str) -> String {
        self.t(key).replace(&format!("{{{name}}}"), value)
    }

    /// The translated name of a status.
    pub fn status_label(&self, status: Status) -> String {
        self.t(&format!("status_{}", status.as_str()))
    }

    /// Records published on this domain, newest first (date, then number).
    pub fn published(&self) -> Vec<&Record> {
        let pages = &self.site.pages;
        let mut list: Vec<&Record> = self
            .index
            .log
            .records
            .iter()
            .filter(|r| self.site.placements[r.page].iter().any(|(d, _)| *d == self.domain))
            .collect();
        list.sort_by(|a, b| {
            let key = |r: &Record| (pages[r.page].front.date.clone(), r.number, r.id.clone());
            key(b).cmp(&key(a))
        });
        list
    }

    /// The log's own URL on this domain: its section page, else `/decisions/`.
    pub fn base(&self) -> String {
        let here = |p: PageId| self.site.placements[p].iter().find(|(d, _)| *d == self.domain).map(|(_, u)| u.clone());
        self.section_page().and_then(here).unwrap_or_else(|| "/decisions/".into())
    }

    /// The section page (`decisions/_index.md`) of the records, when there is one.
    pub fn section_page(&self) -> Option<PageId> {
        let first = self.index.log.records.first()?;
        let rel = &self.site.pages[first.page].rel;
        self.site.by_rel.get(&rel.folder_index()).copied().filter(|p| self.site.pages[*p].kind == PageKind::Section)
    }

    /// The log's title: the section page's title, else the UI string.
    pub fn log_title(&self) -> String {
        match self.section_page() {
            Some(p) => self.site.pages[p].front.title.clone(),
            None => self.t("decision_log"),
        }
    }

    /// The URL of a tag page.
    pub fn tag_url(&self, tag: &str) -> String {
        format!("{}tags/{}/", self.base(), slug::url_component(tag))
    }

    /// A record as a link.
    pub fn reference(&self, record: &Record) -> RecordRef {
        RecordRef {
            id: record.id.clone(),
            title: self.site.pages[record.page].front.title.clone(),
            url: self.site.url_of(record.page, self.domain).unwrap_or_default(),
            status: record.status.as_str(),
            status_label: self.status_label(record.status),
        }
    }

    /// A record named by id (which the rules guarantee exists).
    pub fn reference_to(&self, id: &str) -> Option<RecordRef> {
        self.index.log.get(id).map(|r| self.reference(r))
    }

    /// A record's summary for listings.
    pub fn item(&self, record: &Record) -> RecordItem {
        let front = &self.site.pages[record.page].front;
        let refs = |ids: &[String]| ids.iter().filter_map(|id| self.reference_to(id)).collect();
        RecordItem {
            record: self.reference(record),
            description: front.description.clone().unwrap_or_default(),
            date: front.date.clone(),
            date_display: front.date.as_deref().and_then(|d| dates::display(d, self.lang)),
            tags: front.tags.iter().map(|t| Link { label: t.clone(), url: self.tag_url(t) }).collect(),
            supersedes: refs(&record.supersedes),
            superseded_by: refs(&record.superseded_by),
        }
    }

    /// Tags used by published records: slug → (label, count), sorted by slug.
    pub fn tags(&self) -> BTreeMap<String, (String, usize)> {
        let mut tags: BTreeMap<String, (String, usize)> = BTreeMap::new();
        for r in self.published() {
            for tag in &self.site.pages[r.page].front.tags {
                let slug = slug::url_component(tag);
                if !slug.is_empty() {
                    tags.entry(slug).or_insert_with(|| (tag.clone(), 0)).1 += 1;
                }
            }
        }
        tags
    }

    /// The data of one listing page.
    pub fn list(&self, heading: String, records: Vec<&Record>, current: Current<'_>) -> ListData {
        let published = self.published();
        let base = self.base();
        let all = Filter {
            label: self.t("decisions_all"),
            url: base.clone(),
            count: published.len(),
            current: current == Current::All,
        };
        let statuses = STATUSES
            .iter()
            .map(|s| (s, published.iter().filter(|r| r.status == *s).count()))
            .filter(|(_, n)| *n > 0)
            .map(|(s, count)| Filter {
                label: self.status_label(*s),
                url: format!("{base}status/{}/", s.as_str()),
                count,
                current: current == Current::Status(*s),
            })
            .collect();
        let tags = self
            .tags()
            .into_iter()
            .map(|(slug, (label, count))| Filter {
                url: format!("{base}tags/{slug}/"),
                current: current == Current::Tag(&slug),
                label,
                count,
            })
            .collect();
        ListData {
            heading,
            records: records.into_iter().map(|r| self.item(r)).collect(),
            all,
            statuses,
            tags,
            views: self.views(current),
            feed_url: format!("{base}feed.xml"),
            crumbs: self.crumbs(current),
        }
    }

    /// The other ways to read the log: timeline, graph.
    pub fn views(&self, current: Current<'_>) -> Vec<Filter> {
        let base = self.base();
        [("timeline", "decisions_timeline"), ("graph", "decisions_graph")]
            .into_iter()
            .map(|(path, key)| Filter {
                label: self.t(key),
                url: format!("{base}{path}/"),
                count: 0,
                current: current == Current::View(path),
            })
            .collect()
    }

    /// Home, then the log (except on the log itself).
    pub fn crumbs(&self, current: Current<'_>) -> Vec<Link> {
        let mut crumbs = vec![Link { label: self.t("home"), url: "/".into() }];
        if current != Current::All {
            crumbs.push(Link { label: self.log_title(), url: self.base() });
        }
        crumbs
    }
}
