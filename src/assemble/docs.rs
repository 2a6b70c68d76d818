//! Documentation navigation: on the sections `site.yaml` names under `docs.sections`,
//! each page gets the section's tree (for the sidebar), the pages before and after it
//! in that tree, when it last changed and where to edit it. Computed once per domain;
//! the renderer only reads it.

use std::collections::HashMap;

use crate::content_path::ContentPath;
use crate::ids::PageId;

use super::site::{DocNode, DocPage, Docs, DomainSite, Site};

/// How deep a section tree goes: sections nested deeper are listed, not opened.
const MAX_DEPTH: usize = 8;

/// The documentation navigation of `ds`; `last_changed` maps content-relative paths
/// to the day their last commit was made.
pub fn docs(site: &Site, ds: &DomainSite, last_changed: &HashMap<String, String>) -> Docs {
    let domain = site.config.domain_at(ds.domain);
    let mut docs = Docs::default();
    for section in &site.config.docs.sections {
        let section = section.trim_matches('/');
        let mut folders = vec![section.to_owned()];
        if let Some(dir) = &domain.content_dir {
            folders.insert(0, format!("{}/{section}", dir.trim_end_matches('/')));
        }
        let root = folders
            .iter()
            .filter_map(|f| site.by_rel.get(&ContentPath::section_index(f)))
            .find(|p| ds.by_page.get(p).is_some_and(|e| !ds.entries[*e].is_home));
        let Some(&root) = root else { continue };
        let tree = node(site, ds, root, 0);
        let mut order = Vec::new();
        flatten(&tree, &mut order);
        let index = docs.trees.len();
        docs.pages.reserve(order.len());
        for (i, page) in order.iter().enumerate() {
            let p = &site.pages[*page];
            let updated = p.front.updated.clone().or_else(|| last_changed.get(p.rel.as_str()).cloned());
            let edit_url = domain.edit_url.as_deref().map(|url| url.replace("{path}", &encode_path(p.rel.as_str())));
            let prev = i.checked_sub(1).map(|j| order[j]);
            let entry = DocPage { tree: index, prev, next: order.get(i + 1).copied(), updated, edit_url };
            // A page in two trees (a section named twice) keeps the first.
            docs.pages.entry(*page).or_insert(entry);
        }
        docs.trees.push(tree);
    }
    docs
}

/// `page` and, for a section, the published pages it lists, by weight then title.
fn node(site: &Site, ds: &DomainSite, page: PageId, depth: usize) -> DocNode {
    let p = &site.pages[page];
    let folder = p.rel.section_folder().filter(|_| p.rel.is_section_index() && depth < MAX_DEPTH);
    let mut kids: Vec<PageId> = folder
        .and_then(|f| site.children.get(f))
        .map(|kids| kids.iter().copied().filter(|k| *k != page && ds.by_page.contains_key(k)).collect())
        .unwrap_or_default();
    kids.sort_by(|a, b| {
        let (pa, pb) = (&site.pages[*a], &site.pages[*b]);
        (pa.front.weight.unwrap_or(i64::MAX), &pa.front.title, pa.rel.as_str()).cmp(&(
            pb.front.weight.unwrap_or(i64::MAX),
            &pb.front.title,
            pb.rel.as_str(),
        ))
    });
    DocNode { page, children: kids.into_iter().map(|k| node(site, ds, k, depth + 1)).collect() }
}

/// Reading order: a page, then what it lists.
fn flatten(node: &DocNode, out: &mut Vec<PageId>) {
    out.push(node.page);
    for child in &node.children {
        flatten(child, out);
    }
}

/// A content path for a URL: each byte outside the unreserved set (and `/`)
/// percent-encoded, so a space or a Hebrew file name stays one valid URL.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_percent_encoded_but_keep_their_slashes() {
        assert_eq!(encode_path("docs/a b.md"), "docs/a%20b.md");
        assert_eq!(encode_path("he/דף.md"), "he/%D7%93%D7%A3.md");
        assert_eq!(encode_path("docs/x?y#z&.md"), "docs/x%3Fy%23z%26.md");
    }
}
