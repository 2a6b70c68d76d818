//! Which Markdown pages an edit affects. [`Graph`] is what one page's HTML depends on
//! from other pages; [`select`] compares the last good graph with the new one. Pure
//! apart from [`Graph::of`], which reads it off an assembled site.
//!
//! A page's HTML depends on its own text, on the URLs of pages it links to, on the
//! titles, descriptions and dates of the pages a section lists, on the titles of the
//! sections above it (breadcrumbs), on the other decision records and the pages that
//! refer to it (for a record) and on its versions in other languages. A URL or alias change moves links everywhere, so it, like any
//! page added or removed, re-renders everything.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;

use crate::assemble::{Site, Target};
use crate::content_path::ContentPath;
use crate::ids::{DomainId, PageId};

/// What one page's rendering draws from the rest of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Hash of the front matter text.
    pub front: blake3::Hash,
    /// Hash of the Markdown body.
    pub body: blake3::Hash,
    /// `(domain, URL)` where it is published.
    pub urls: Vec<(DomainId, String)>,
    /// Its aliases as written.
    pub aliases: Vec<String>,
    /// Content paths of the other pages its body links to (from the assembled link table).
    pub links: BTreeSet<ContentPath>,
    /// Its decision id (`BDR-0001`), for records.
    pub decision: Option<String>,
    /// The page it translates.
    pub translation_of: Option<String>,
    /// For a record: the pages made from data that name it (product pages), which its
    /// "referenced by" lists.
    pub named_by: BTreeSet<String>,
    /// In a documentation tree: its sidebar and pager show other pages' titles.
    pub docs: bool,
    /// The row of the link table `links` was read from: a page whose row the next build
    /// carries over (the same allocation) keeps its node.
    pub row: Arc<[Option<Target>]>,
}

/// Every page by content path (nodes shared, so a graph made again keeps the nodes of
/// pages nothing changed without copying them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Graph(pub BTreeMap<ContentPath, Arc<Node>>);

/// Which Markdown pages to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// All of them.
    All,
    /// These, by content path (possibly none: only data-made pages change).
    Pages(BTreeSet<ContentPath>),
}

impl Graph {
    /// Reads the graph off an assembled site.
    pub fn of(site: &Site) -> Graph {
        Graph::reusing(site, None)
    }

    /// [`Graph::of`], taking the text hashes of pages that were not read again from
    /// `old`: `(old graph, indexes of the pages read again)`.
    pub fn reusing(site: &Site, old: Option<(&Graph, &[usize])>) -> Graph {
        let mut named: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for ds in &site.domains {
            for g in &ds.generated {
                for id in &g.refers_to {
                    named.entry(id.as_str()).or_default().insert(format!(
                        "{} {} {}",
                        ds.domain.index(),
                        g.url,
                        g.title
                    ));
                }
            }
        }
        let in_docs: HashSet<PageId> = site.domains.iter().flat_map(|ds| ds.docs.pages.keys().copied()).collect();
        let nodes = site.pages.enumerate().map(|(i, page)| {
            let front = &page.front;
            let kept = old.filter(|(_, fresh)| !fresh.contains(&i.index())).and_then(|(g, _)| g.0.get(&page.rel));
            let named_by = page.decision_id().and_then(|id| named.get(id.as_str()));
            let unchanged = |node: &Node| {
                Arc::ptr_eq(&node.row, &site.links[i])
                    && node.urls == site.placements[i]
                    && node.aliases == front.aliases
                    && node.docs == in_docs.contains(&i)
                    && named_by.map_or(node.named_by.is_empty(), |set| *set == node.named_by)
            };
            if let Some(node) = kept.filter(|node| unchanged(node)) {
                return (page.rel.clone(), Arc::clone(node));
            }
            let (front_hash, body) = match kept {
                Some(node) => (node.front, node.body),
                None => (blake3::hash(&page.text.as_bytes()[..page.body_offset]), blake3::hash(page.body().as_bytes())),
            };
            let node = Node {
                front: front_hash,
                body,
                urls: site.placements[i].clone(),
                aliases: front.aliases.clone(),
                links: site.links[i]
                    .iter()
                    .flatten()
                    .filter_map(Target::page)
                    .filter(|t| *t != i)
                    .map(|t| site.pages[t].rel.clone())
                    .collect(),
                decision: page.decision_id(),
                translation_of: front.translation_of.clone(),
                named_by: named_by.cloned().unwrap_or_default(),
                docs: in_docs.contains(&i),
                row: Arc::clone(&site.links[i]),
            };
            (page.rel.clone(), Arc::new(node))
        });
        Graph(nodes.collect())
    }
}

/// The pages to render after a change from `old` (the last good build) to `new`.
pub fn select(old: Option<&Graph>, new: &Graph) -> Selection {
    let Some(old) = old else {
        return Selection::All;
    };
    let moved =
        old.0.len() != new.0.len()
            || old.0.iter().zip(&new.0).any(|((ra, a), (rb, b))| {
                ra != rb || !Arc::ptr_eq(a, b) && (a.urls != b.urls || a.aliases != b.aliases)
            });
    if moved {
        return Selection::All;
    }
    let mut pages = BTreeSet::new();
    for (rel, now) in &new.0 {
        let before = &old.0[rel];
        if Arc::ptr_eq(before, now) {
            continue;
        }
        if before.named_by != now.named_by {
            pages.insert(rel.clone());
        }
        if before.front == now.front && before.body == now.body {
            continue;
        }
        pages.insert(rel.clone());
        pages.extend(rel.lister());
        pages.extend(new.0.iter().filter(|(_, n)| n.links.contains(rel)).map(|(r, _)| r.clone()));
        if before.front != now.front {
            pages.extend(front_dependents(new, rel, before, now));
        }
        // A record lists the pages that refer to it ("referenced by", with their titles):
        // records this page links to, before or after the edit, re-render.
        let referred = before.links.iter().chain(&now.links);
        pages.extend(referred.filter(|r| new.0.get(*r).is_some_and(|n| n.decision.is_some())).cloned());
        if before.decision.is_some() || now.decision.is_some() {
            // Records show each other (titles, status, supersession both ways) and the
            // log lists them all: a record's edit re-renders every record.
            pages.extend(new.0.iter().filter(|(_, n)| n.decision.is_some()).map(|(r, _)| r.clone()));
        }
    }
    pages.retain(|rel| new.0.contains_key(rel));
    Selection::Pages(pages)
}

/// Pages showing something from `rel`'s front matter besides its listing: pages below
/// a section (breadcrumbs) and every version of the page in another language.
fn front_dependents(graph: &Graph, rel: &ContentPath, before: &Node, now: &Node) -> BTreeSet<ContentPath> {
    let mut out = BTreeSet::new();
    if now.docs {
        out.extend(docs_dependents(graph, rel));
    }
    // Breadcrumbs name the sections above a page, never the root one.
    if let Some(dir) = rel.section_folder().filter(|dir| !dir.is_empty()) {
        out.extend(graph.0.keys().filter(|r| r.is_within(dir)).cloned());
    }
    let originals: BTreeSet<&str> =
        before.translation_of.iter().chain(&now.translation_of).map(String::as_str).chain([rel.as_str()]).collect();
    for (other, node) in &graph.0 {
        if node.translation_of.as_deref().is_some_and(|o| originals.contains(o)) {
            out.insert(other.clone());
        }
    }
    out.extend(originals.into_iter().map(ContentPath::from));
    out
}

/// Documentation pages whose sidebar or pager shows `rel`'s title: a sidebar lists the
/// branch of the page it is on, so the pages below `rel`'s listing section see it, and a
/// pager reaches one section further (the last page of a section points to the next
/// section). Below the folder above that, or the whole tree when that is the root.
fn docs_dependents<'a>(graph: &'a Graph, rel: &ContentPath) -> impl Iterator<Item = ContentPath> + 'a {
    let listing = rel.listing_folder().unwrap_or("");
    let dir = listing.rfind('/').map_or("", |i| &listing[..i]).to_owned();
    graph.0.iter().filter(move |(r, n)| n.docs && (dir.is_empty() || r.is_within(&dir))).map(|(r, _)| r.clone())
}

#[cfg(test)]
#[path = "affected_tests.rs"]
mod tests;
