//! The generated views of one domain's log: a page per status and per tag, the
//! timeline, the graph, and the Atom feed. The log itself is the Markdown section
//! page `decisions/_index.md` (see [`super::section_data`]).
//!
//! Struct fields are the template contract (what templates print), named for them.
#![allow(missing_docs)]

use std::path::PathBuf;

use serde::Serialize;

use crate::assemble::generated::{ExtraFile, Generated, GeneratedPage};
use crate::assemble::template::{Kind, Template};
use crate::dates;
use crate::slug;

use super::model::Record;
use super::views::{Current, Filter, Link, RecordRef, View, STATUSES};
use super::{feed, picture};

/// One step in the timeline.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEvent {
    pub record: RecordRef,
    pub status: &'static str,
    pub status_label: String,
    pub by: Option<RecordRef>,
}

/// The events of one day.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineDay {
    pub date: Option<String>,
    pub date_display: String,
    pub events: Vec<TimelineEvent>,
}

/// `data` of the timeline page.
#[derive(Debug, Clone, Serialize)]
struct TimelineData {
    crumbs: Vec<Link>,
    views: Vec<Filter>,
    feed_url: String,
    days: Vec<TimelineDay>,
}

/// Every generated page and the feed for the view's domain.
pub fn generate(view: &View<'_>) -> Generated {
    let base = view.base();
    let published = view.published();
    let maker = Maker {
        source: source(view),
        date: published.iter().filter_map(|r| view.site.pages[r.page].front.date.clone()).max(),
    };
    let mut pages = Vec::new();
    let section_here =
        view.section_page().is_some_and(|p| view.site.placements[p].iter().any(|(d, _)| *d == view.domain));
    if !section_here {
        // An ADR folder copied in without a `_index.md`: the log is generated.
        let data = view.list(view.t("decisions_all"), published.clone(), Current::All);
        pages.push(maker.page(base.clone(), Template::Decisions, Kind::Section, view.log_title(), json(&data)));
    }
    pages.extend(filter_pages(view, &published, &maker));
    let timeline = TimelineData {
        crumbs: view.crumbs(Current::View("timeline")),
        views: view.views(Current::View("timeline")),
        feed_url: format!("{base}feed.xml"),
        days: timeline(view, &published),
    };
    let title = view.t("decisions_timeline");
    pages.push(maker.page(
        format!("{base}timeline/"),
        Template::DecisionsTimeline,
        Kind::DecisionTimeline,
        title,
        json(&timeline),
    ));
    let graph = picture::data(view, &published);
    let title = view.t("decisions_graph");
    pages.push(maker.page(format!("{base}graph/"), Template::DecisionsGraph, Kind::DecisionGraph, title, json(&graph)));
    let files = vec![
        ExtraFile { path: format!("{base}feed.xml"), bytes: feed::atom(view).into_bytes() },
        ExtraFile { path: "/decisions.json".into(), bytes: super::json::decisions_json(view) },
    ];
    Generated { pages, files, ..Generated::default() }
}

/// What every generated page of one domain shares.
struct Maker {
    source: PathBuf,
    date: Option<String>,
}

impl Maker {
    fn page(
        &self,
        url: String,
        template: Template,
        kind: Kind,
        title: String,
        data: serde_json::Value,
    ) -> GeneratedPage {
        GeneratedPage {
            url,
            template,
            kind,
            description: String::new(),
            title,
            source: self.source.clone(),
            data,
            date: self.date.clone(),
            refers_to: Vec::new(),
        }
    }
}

/// A page per status in use and per tag.
fn filter_pages(view: &View<'_>, published: &[&Record], maker: &Maker) -> Vec<GeneratedPage> {
    let base = view.base();
    let mut pages = Vec::new();
    for status in STATUSES {
        let records: Vec<&Record> = published.iter().copied().filter(|r| r.status == status).collect();
        if records.is_empty() {
            continue;
        }
        let title = view.t_with("decisions_status_title", "status", &view.status_label(status));
        let data = view.list(title.clone(), records, Current::Status(status));
        let url = format!("{base}status/{}/", status.as_str());
        pages.push(maker.page(url, Template::DecisionsList, Kind::DecisionList, title, json(&data)));
    }
    for (tag, (label, _)) in view.tags() {
        let tagged = |r: &&Record| view.site.pages[r.page].front.tags.iter().any(|t| slug::url_component(t) == tag);
        let records: Vec<&Record> = published.iter().copied().filter(tagged).collect();
        let title = view.t_with("decisions_tag_title", "tag", &label);
        let data = view.list(title.clone(), records, Current::Tag(&tag));
        pages.push(maker.page(
            format!("{base}tags/{tag}/"),
            Template::DecisionsList,
            Kind::DecisionList,
            title,
            json(&data),
        ));
    }
    pages
}

fn json<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}

/// The file the views come from, for diagnostics: the log's section page, else a record.
fn source(view: &View<'_>) -> PathBuf {
    let page = view.section_page().or_else(|| view.index.log.records.first().map(|r| r.page));
    page.map_or_else(|| PathBuf::from("content/decisions"), |p| view.site.pages[p].source.clone())
}

/// Every status change of the published records, grouped by day, newest first.
pub fn timeline(view: &View<'_>, records: &[&Record]) -> Vec<TimelineDay> {
    let mut events: Vec<(Option<String>, u32, TimelineEvent)> = Vec::new();
    for record in records {
        for event in view.index.log.history(&view.site.pages, record) {
            let item = TimelineEvent {
                record: view.reference(record),
                status: event.status.as_str(),
                status_label: view.status_label(event.status),
                by: event.by.as_deref().and_then(|id| view.reference_to(id)),
            };
            events.push((event.date, record.number.unwrap_or(0), item));
        }
    }
    events.sort_by(|a, b| (&b.0, b.1).cmp(&(&a.0, a.1)));
    let mut days: Vec<TimelineDay> = Vec::new();
    for (date, _, event) in events {
        match days.last_mut().filter(|d| d.date == date) {
            Some(day) => day.events.push(event),
            None => days.push(TimelineDay {
                date_display: date
                    .as_deref()
                    .and_then(|d| dates::display(d, view.lang))
                    .unwrap_or_else(|| view.t("decisions_undated")),
                date,
                events: vec![event],
            }),
        }
    }
    days
}
