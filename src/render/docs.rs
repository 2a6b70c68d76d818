//! `docs` in templates: the sidebar tree of a documentation page's section, with the
//! page marked, its previous and next pages and its edit link, from what assembling
//! computed ([`crate::assemble::docs`]).
#![allow(missing_docs)]

use serde::Serialize;

use crate::assemble::site::DocNode;
use crate::assemble::{DomainSite, Site};
use crate::ids::PageId;

/// `docs` in templates (absent on pages outside documentation sections).
#[derive(Serialize)]
pub struct DocsCtx<'a> {
    /// The section's own page, the top of the sidebar.
    pub root: NodeCtx<'a>,
    pub prev: Option<PagerCtx<'a>>,
    pub next: Option<PagerCtx<'a>>,
    pub edit_url: Option<&'a str>,
}

/// A sidebar entry.
#[derive(Serialize)]
pub struct NodeCtx<'a> {
    pub title: &'a str,
    pub url: &'a str,
    /// This is the page being rendered (`aria-current="page"`).
    pub current: bool,
    /// The page being rendered is this one or below it.
    pub open: bool,
    pub children: Vec<NodeCtx<'a>>,
}

/// A previous or next link.
#[derive(Serialize)]
pub struct PagerCtx<'a> {
    pub title: &'a str,
    pub url: &'a str,
}

/// The documentation context of `page` on `ds`, when it is in a documentation section.
pub fn context<'a>(site: &'a Site, ds: &'a DomainSite, page: PageId) -> Option<DocsCtx<'a>> {
    let doc = ds.docs.pages.get(&page)?;
    let tree = ds.docs.trees.get(doc.tree)?;
    let link = |p: Option<PageId>| {
        let p = p?;
        Some(PagerCtx { title: &site.pages[p].front.title, url: url(ds, p)? })
    };
    Some(DocsCtx {
        root: node(site, ds, tree, page, true)?,
        prev: link(doc.prev),
        next: link(doc.next),
        edit_url: doc.edit_url.as_deref(),
    })
}

/// A sidebar entry and, when `expand`, its children: the root lists its children, and
/// a section lists its own only when the page being rendered is it or below it. Other
/// sections stand as one link each, so a page's sidebar grows with the depth and breadth
/// of its own branch, not with the whole section (at 10,000 pages the full tree on every
/// page made gigabytes of HTML).
fn node<'a>(site: &'a Site, ds: &'a DomainSite, node: &DocNode, current: PageId, expand: bool) -> Option<NodeCtx<'a>> {
    let is_current = node.page == current;
    let folder = site.pages[node.page].rel.section_folder();
    let open = is_current || folder.is_some_and(|dir| site.pages[current].rel.is_within(dir));
    let children: Vec<NodeCtx<'a>> = if expand || open {
        node.children.iter().filter_map(|c| self::node(site, ds, c, current, false)).collect()
    } else {
        Vec::new()
    };
    Some(NodeCtx {
        title: &site.pages[node.page].front.title,
        url: url(ds, node.page)?,
        current: is_current,
        open,
        children,
    })
}

fn url(ds: &DomainSite, page: PageId) -> Option<&str> {
    ds.by_page.get(&page).map(|i| ds.entries[*i].url.as_str())
}

/// The words documentation pages and the copy button use (`docs_t` in templates): the
/// language's UI strings, or English for a table that lacks them.
#[derive(Serialize)]
pub struct DocsLabels<'a> {
    pub nav: &'a str,
    pub menu: &'a str,
    pub pager: &'a str,
    pub prev: &'a str,
    pub next: &'a str,
    pub edit: &'a str,
    pub copy: &'a str,
    pub copied: &'a str,
    pub copy_failed: &'a str,
}

impl<'a> DocsLabels<'a> {
    /// From a language's UI strings.
    pub fn new(t: &'a std::collections::BTreeMap<String, String>) -> Self {
        let get = |key: &str, english: &'static str| t.get(key).map_or(english, String::as_str);
        DocsLabels {
            nav: get("docs_nav", "Documentation"),
            menu: get("docs_menu", "Pages in this section"),
            pager: get("docs_pager", "Previous and next page"),
            prev: get("docs_prev", "Previous"),
            next: get("docs_next", "Next"),
            edit: get("docs_edit", "Edit this page"),
            copy: get("code_copy", "Copy code"),
            copied: get("code_copied", "Copied"),
            copy_failed: get("code_copy_failed", "Could not copy"),
        }
    }
}
