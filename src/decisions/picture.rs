//! The data of the graph page: which records and pages become nodes, which links
//! become edges, in what order — then [`super::graph`] draws them, and the same edges
//! are listed as text for readers who cannot see the picture.
//!
//! Struct fields are the template contract (what templates print), named for them.
#![allow(missing_docs)]

use serde::Serialize;

use crate::ids::PageId;

use super::graph::{self, Edge, EdgeKind, Node};
use super::model::Record;
use super::views::{Current, Filter, Link, View};

/// One edge in words, the graph's text equivalent.
#[derive(Debug, Clone, Serialize)]
pub struct EdgeText {
    pub from: Link,
    pub relation: String,
    pub to: Link,
}

/// `data` of the graph page.
#[derive(Debug, Clone, Serialize)]
pub struct GraphData {
    pub crumbs: Vec<Link>,
    pub views: Vec<Filter>,
    pub feed_url: String,
    pub svg: String,
    pub edges: Vec<EdgeText>,
}

/// The graph page's `data` for the published records.
pub fn data(view: &View<'_>, published: &[&Record]) -> GraphData {
    let mut records: Vec<&Record> = published.to_vec();
    records.sort_by(|a, b| (a.number, &a.id).cmp(&(b.number, &b.id)));
    let (mut nodes, mut edges, referrers) = record_edges(view, &records);
    let typed = Typed::of(&records, &mut edges);
    for &page in &referrers {
        let from = nodes.len();
        nodes.push(Node {
            label: view.t("decisions_page"),
            title: view.site.pages[page].front.title.clone(),
            status: None,
            status_label: String::new(),
            url: view.site.url_of(page, view.domain).unwrap_or_default(),
        });
        for (to, r) in records.iter().enumerate() {
            if refers(view, page, r) {
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
        typed: typed.words,
    };
    let text = edges
        .iter()
        .map(|e| EdgeText {
            from: Link { label: node_name(&nodes[e.from]), url: nodes[e.from].url.clone() },
            relation: labels.of(e.kind).to_owned(),
            to: Link { label: node_name(&nodes[e.to]), url: nodes[e.to].url.clone() },
        })
        .collect();
    GraphData {
        crumbs: view.crumbs(Current::View("graph")),
        views: view.views(Current::View("graph")),
        feed_url: format!("{}feed.xml", view.base()),
        svg: graph::svg(&nodes, &edges, &labels),
        edges: text,
    }
}

fn refers(view: &View<'_>, page: PageId, record: &Record) -> bool {
    view.index.incoming.get(&record.page).is_some_and(|list| list.contains(&page))
}

/// Record nodes, supersedes and relates-to edges, and the pages of this domain that
/// refer to a record, in barycentre order.
fn record_edges(view: &View<'_>, records: &[&Record]) -> (Vec<Node>, Vec<Edge>, Vec<PageId>) {
    let site = view.site;
    let nodes: Vec<Node> = records
        .iter()
        .map(|r| Node {
            label: r.id.clone(),
            title: site.pages[r.page].front.title.clone(),
            status: Some(r.status.as_str()),
            status_label: view.status_label(r.status),
            url: site.url_of(r.page, view.domain).unwrap_or_default(),
        })
        .collect();
    let node_of = |page: PageId| records.iter().position(|r| r.page == page);
    let mut edges = Vec::new();
    for (from, r) in records.iter().enumerate() {
        for old in r.supersedes.iter().filter_map(|id| view.index.log.get(id)).filter_map(|o| node_of(o.page)) {
            edges.push(Edge { from, to: old, kind: EdgeKind::Supersedes });
        }
    }
    let mut referrers: Vec<PageId> = Vec::new();
    for (to, r) in records.iter().enumerate() {
        for &page in view.index.incoming.get(&r.page).map_or(&[][..], Vec::as_slice) {
            match node_of(page) {
                // One relates-to edge per pair, and none where supersession already joins them.
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
    let centre = |page: PageId| -> u64 {
        let targets: Vec<u64> =
            records.iter().enumerate().filter(|(_, r)| refers(view, page, r)).map(|(i, _)| i as u64 * 1000).collect();
        targets.iter().sum::<u64>() / (targets.len().max(1) as u64)
    };
    referrers.sort_by_cached_key(|p| (centre(*p), site.pages[*p].front.title.clone()));
    (nodes, edges, referrers)
}

/// The typed links between records drawn (adr-tools' "Amends", "Clarified by"): the
/// words of each kind, in the order [`EdgeKind::Typed`] numbers them.
#[derive(Debug, Default)]
struct Typed {
    words: Vec<String>,
}

impl Typed {
    /// Adds an edge for every typed link between two drawn records, replacing the plain
    /// relates-to edge of the same pair. Only the forward form of a pair is drawn
    /// ("amends", not also "amended by"); the record pages list both.
    fn of(records: &[&Record], edges: &mut Vec<Edge>) -> Typed {
        let mut typed = Typed::default();
        let node_of = |id: &str| records.iter().position(|r| r.id == id);
        for (from, r) in records.iter().enumerate() {
            for (words, id) in relations(r) {
                let Some(to) = node_of(&id) else { continue };
                let kind = typed.kind(&words);
                edges.retain(|e| !(e.kind == EdgeKind::Relates && [(from, to), (to, from)].contains(&(e.from, e.to))));
                edges.push(Edge { from, to, kind });
            }
        }
        typed
    }

    fn kind(&mut self, words: &str) -> EdgeKind {
        let i = self.words.iter().position(|w| w == words).unwrap_or_else(|| {
            self.words.push(words.to_owned());
            self.words.len() - 1
        });
        EdgeKind::Typed(u16::try_from(i).unwrap_or(u16::MAX))
    }
}

/// The typed links a record states in their active form, as `(words, record id)`
/// (adr-tools writes both sides; the passive "Amended by" is the same edge).
fn relations(record: &Record) -> Vec<(String, String)> {
    record.relations.iter().filter(|r| !r.reverse).map(|r| (r.label.to_lowercase(), r.target.clone())).collect()
}

fn node_name(node: &Node) -> String {
    match node.status {
        Some(_) => format!("{}: {}", node.label, node.title),
        None => node.title.clone(),
    }
}
