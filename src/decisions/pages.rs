//! The generated views of one domain's log: a page per status and per tag, the
//! timeline, the graph, and the Atom feed. The log itself is the Markdown section
//! page `decisions/_index.md` (see [`super::section_data`]).
//!
//! Struct fields are the template contract (what templates print), named for them.
#![allow(missing_docs)]

use std::path::PathBuf;

use serde::Serialize;

use crate::assemble::generated::{ExtraFile, Generated, GeneratedPage};
use crate::markdown::slug;
use crate::render::dates;

use super::feed;
use super::graph::{self, Edge, EdgeKind, Node};
use super::model::Record;
use super::views::{Current, Filter, Link, RecordRef, View, STATUSES};

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

/// One edge in words, the graph's text equivalent.
#[derive(Debug, Clone, Serialize)]
pub struct EdgeText {
    pub from: Link,
    pub relation: String,
    pub to: Link,
}

/// `data` of the graph page.
#[derive(Debug, Clone, Serialize)]
struct GraphData {
    crumbs: Vec<Link>,
    views: Vec<Filter>,
    feed_url: String,
    svg: String,
    edges: Vec<EdgeText>,
}

/// Every generated page and the feed for the view's domain.
pub fn generate(view: &View<'_>) -> Generated {
    let base = view.base();
    let published = view.published();
    let source = source(view);
    let date = published.iter().filter_map(|r| view.site.pages[r.page].front.date.clone()).max();
    let page = |url: String, template: &str, kind: &str, title: String, data: serde_json::Value| GeneratedPage {
        url,
        template: template.into(),
        kind: kind.into(),
        description: String::new(),
        title,
        source: source.clone(),
        data,
        date: date.clone(),
    };
    let mut pages = Vec::new();
    let section_here =
        view.section_page().is_some_and(|p| view.site.placements[p].iter().any(|(d, _)| *d == view.domain));
    if !section_here {
        // An ADR folder copied in without a `_index.md`: the log is generated.
        let data = view.list(view.t("decisions_all"), published.clone(), Current::All);
        pages.push(page(base.clone(), "decisions.html", "section", view.log_title(), json(&data)));
    }
    for status in STATUSES {
        let records: Vec<&Record> = published.iter().copied().filter(|r| r.status == status).collect();
        if records.is_empty() {
            continue;
        }
        let title = view.t_with("decisions_status_title", "status", &view.status_label(status));
        let data = view.list(title.clone(), records, Current::Status(status));
        pages.push(page(
            format!("{base}status/{}/", status.as_str()),
            "decisions-list.html",
            "decision-list",
            title,
            json(&data),
        ));
    }
    for (tag, (label, _)) in view.tags() {
        let records: Vec<&Record> = published
            .iter()
            .copied()
            .filter(|r| view.site.pages[r.page].front.tags.iter().any(|t| slug::url_component(t) == tag))
            .collect();
        let title = view.t_with("decisions_tag_title", "tag", &label);
        let data = view.list(title.clone(), records, Current::Tag(&tag));
        pages.push(page(format!("{base}tags/{tag}/"), "decisions-list.html", "decision-list", title, json(&data)));
    }
    let feed_url = format!("{base}feed.xml");
    let timeline = TimelineData {
        crumbs: view.crumbs(Current::View("timeline")),
        views: view.views(Current::View("timeline")),
        feed_url: feed_url.clone(),
        days: timeline(view, &published),
    };
    pages.push(page(
        format!("{base}timeline/"),
        "decisions-timeline.html",
        "decision-timeline",
        view.t("decisions_timeline"),
        json(&timeline),
    ));
    let (svg, edges) = picture(view, &published);
    let graph = GraphData {
        crumbs: view.crumbs(Current::View("graph")),
        views: view.views(Current::View("graph")),
        feed_url,
        svg,
        edges,
    };
    pages.push(page(
        format!("{base}graph/"),
        "decisions-graph.html",
        "decision-graph",
        view.t("decisions_graph"),
        json(&graph),
    ));
    let files = vec![ExtraFile { path: format!("{base}feed.xml"), bytes: feed::atom(view).into_bytes() }];
    Generated { pages, files }
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
        for event in view.index.log.history(view.site.pages, record) {
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

/// The graph's nodes and edges for the published records, as SVG and as text.
fn picture(view: &View<'_>, published: &[&Record]) -> (String, Vec<EdgeText>) {
    let site = view.site;
    let mut records: Vec<&Record> = published.to_vec();
    records.sort_by(|a, b| (a.number, &a.id).cmp(&(b.number, &b.id)));
    let mut nodes: Vec<Node> = records
        .iter()
        .map(|r| Node {
            label: r.id.clone(),
            title: site.pages[r.page].front.title.clone(),
            status: Some(r.status.as_str()),
            status_label: view.status_label(r.status),
            url: site.url_of(r.page, view.domain).unwrap_or_default(),
        })
        .collect();
    let node_of = |page: usize| records.iter().position(|r| r.page == page);
    let mut edges = Vec::new();
    for (from, r) in records.iter().enumerate() {
        for old in r.supersedes.iter().filter_map(|id| view.index.log.get(id)).filter_map(|o| node_of(o.page)) {
            edges.push(Edge { from, to: old, kind: EdgeKind::Supersedes });
        }
    }
    let mut referrers: Vec<usize> = Vec::new();
    for (to, r) in records.iter().enumerate() {
        for &page in view.index.incoming.get(&r.page).map_or(&[][..], Vec::as_slice) {
            match node_of(page) {
                Some(from) if !edges.iter().any(|e| (e.from, e.to) == (from, to) || (e.from, e.to) == (to, from)) => {
                    edges.push(Edge { from, to, kind: EdgeKind::Relates });
                }
                Some(_) => {}
                // Pages of this domain only: the record pages list every referrer.
                None if site.placements[page].iter().any(|(d, _)| *d == view.domain) && !referrers.contains(&page) => {
                    referrers.push(page)
                }
                None => {}
            }
        }
    }
    // Barycentre order: each page sits level with the records it refers to, which
    // keeps edges short and crossings few.
    let centre = |page: usize| -> u64 {
        let targets: Vec<u64> = records
            .iter()
            .enumerate()
            .filter(|(_, r)| view.index.incoming.get(&r.page).is_some_and(|list| list.contains(&page)))
            .map(|(i, _)| i as u64 * 1000)
            .collect();
        targets.iter().sum::<u64>() / (targets.len().max(1) as u64)
    };
    referrers.sort_by_cached_key(|p| (centre(*p), site.pages[*p].front.title.clone()));
    for &page in &referrers {
        let from = nodes.len();
        nodes.push(Node {
            label: view.t("decisions_page"),
            title: site.pages[page].front.title.clone(),
            status: None,
            status_label: String::new(),
            url: site.url_of(page, view.domain).unwrap_or_default(),
        });
        for (to, r) in records.iter().enumerate() {
            if view.index.incoming.get(&r.page).is_some_and(|list| list.contains(&page)) {
                edges.push(Edge { from, to, kind: EdgeKind::References });
            }
        }
    }
    edges.sort();
    edges.dedup();
    let labels = graph::Labels {
        title: view.t("decisions_graph_title"),
        legend: [
            view.t("decisions_edge_supersedes"),
            view.t("decisions_edge_relates"),
            view.t("decisions_edge_references"),
        ],
    };
    let text = edges
        .iter()
        .map(|e| EdgeText {
            from: Link { label: node_name(&nodes[e.from]), url: nodes[e.from].url.clone() },
            relation: labels.legend[e.kind as usize].clone(),
            to: Link { label: node_name(&nodes[e.to]), url: nodes[e.to].url.clone() },
        })
        .collect();
    (graph::svg(&nodes, &edges, &labels), text)
}

fn node_name(node: &Node) -> String {
    match node.status {
        Some(_) => format!("{}: {}", node.label, node.title),
        None => node.title.clone(),
    }
}
