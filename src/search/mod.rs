//! Site search, a feature: a `/search/` page on every domain (made like any generated
//! page, in assembly) and, once the site is rendered, a static index per domain under
//! `/search/index/` that `themes/default/static/search.js` queries in the browser.
//!
//! The index is its own format rather than Pagefind's: Hebrew needs its prefixes
//! taken off ([`text`]), which Pagefind does not do, and it keeps the build free of
//! Pagefind's dependency tree (README, "Search"). [`docs`] reads the pages, [`index`]
//! writes the files. `site build` writes the index beside the pages; `site serve`
//! builds it off the edit-to-reload path.

pub mod docs;
pub mod index;
pub mod kept;
mod postings;
pub mod text;
mod words;

use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::assemble::generated::{Generated, GeneratedPage};
use crate::assemble::template::{Kind, Template};
use crate::assemble::{DomainSite, Feature, Site};
use crate::diagnostics::Diagnostic;

pub use docs::SEARCH_URL;
pub use kept::{Kept, Update};

/// The search page on every domain.
pub struct Search;

impl Feature for Search {
    fn generate(&self, site: &Site) -> Result<Vec<Generated>, Vec<Diagnostic>> {
        Ok(site.domains.iter().map(|ds| Generated { pages: vec![page(site, ds)], ..Generated::default() }).collect())
    }
}

/// `data` of the search page: what the filters and the no-script list offer.
#[derive(Serialize)]
struct PageData {
    /// Sections: `url`, `title`.
    sections: Vec<Link>,
    /// Decision statuses: `name`, `label` (empty when the domain has no records).
    statuses: Vec<Status>,
    /// Where the index is, root-relative.
    index: &'static str,
}

#[derive(Serialize)]
struct Link {
    url: String,
    title: String,
}

#[derive(Serialize)]
struct Status {
    name: String,
    label: String,
}

fn page(site: &Site, ds: &DomainSite) -> GeneratedPage {
    let lang = &site.config.domain_at(ds.domain).language;
    let t = |key: &str, fallback: &str| {
        site.i18n.table(lang).and_then(|t| t.get(key)).cloned().unwrap_or_else(|| fallback.to_owned())
    };
    let (sections, statuses) = docs::sections(site, ds);
    let data = PageData {
        sections: sections.into_iter().map(|s| Link { url: s.url, title: s.title }).collect(),
        statuses: statuses.into_iter().skip(1).map(|(name, label)| Status { name, label }).collect(),
        index: index::DIR,
    };
    GeneratedPage {
        url: SEARCH_URL.to_owned(),
        template: Template::Search,
        kind: Kind::Search,
        title: t("search_title", "Search"),
        description: t("search_description", "Search this site."),
        source: PathBuf::from(crate::config::CONFIG_PATH),
        data: serde_json::to_value(&data).unwrap_or_default(),
        date: None,
        refers_to: Vec::new(),
    }
}

/// The index files of every domain of `site`, as `(host/path, bytes)`, sorted.
pub fn files(site: &Site) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = site
        .domains
        .par_iter()
        .flat_map_iter(|ds| {
            let host = site.config.domain_at(ds.domain).host.clone();
            index::build(&docs::corpus(site, ds)).into_iter().map(move |(path, bytes)| (format!("{host}{path}"), bytes))
        })
        .collect();
    out.sort();
    out
}

/// True for an output path (`host/search/index/...`) that belongs to the index.
pub fn is_index_file(path: &str) -> bool {
    path.split_once('/').is_some_and(|(_, rest)| index::DIR.strip_prefix('/').is_some_and(|dir| rest.starts_with(dir)))
}
