//! The typed values templates see. Computed here so templates hold no logic.
//!
//! Field names are the template contract, documented once in `themes/README.md`
//! (`tests/templates.rs` keeps that file and the theme in step).
#![allow(missing_docs)]

use serde::Serialize;

use crate::assemble::template::Kind;
use crate::assemble::{DomainSite, Site};
use crate::config::{Direction, Domain};
use crate::content_path::ContentPath;
use crate::ids::PageId;
use crate::load::{Page, PageKind};
use crate::markdown::Heading;

use crate::dates;

/// `site` in templates.
#[derive(Serialize)]
pub struct SiteCtx<'a> {
    pub name: &'a str,
    pub tagline: &'a str,
    pub description: &'a str,
    pub year: i32,
}

/// `domain` in templates.
#[derive(Serialize)]
pub struct DomainCtx<'a> {
    pub key: &'a str,
    pub host: &'a str,
    pub base_url: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub role: &'a str,
    pub cta: Vec<LinkCtx>,
}

/// A label and URL.
#[derive(Serialize, Clone)]
pub struct LinkCtx {
    pub label: String,
    pub url: String,
}

/// A navigation item.
#[derive(Serialize)]
pub struct NavCtx<'a> {
    pub label: &'a str,
    pub url: &'a str,
    pub active: bool,
}

/// One of the sites, for the footer.
#[derive(Serialize)]
pub struct SiteLinkCtx<'a> {
    pub key: &'a str,
    pub host: &'a str,
    pub url: String,
    pub label: &'a str,
    pub current: bool,
}

/// A breadcrumb or a linked record.
#[derive(Serialize)]
pub struct Crumb {
    pub title: String,
    pub url: String,
}

/// `page` in templates.
#[derive(Serialize)]
pub struct PageCtx<'a> {
    pub kind: Kind,
    pub title: &'a str,
    pub description: &'a str,
    pub url: &'a str,
    pub permalink: String,
    pub content: String,
    pub toc: &'a [Heading],
    pub date: Option<&'a str>,
    pub date_display: Option<String>,
    pub updated: Option<&'a str>,
    pub updated_display: Option<String>,
    pub tags: &'a [String],
    pub breadcrumbs: Vec<Crumb>,
    pub source: String,
    /// Every language version (this one included); empty without a twin.
    pub translations: Vec<TranslationCtx>,
    /// The page shows highlighted code, so it links the syntax stylesheets.
    pub has_code: bool,
}

/// True when rendered HTML holds a code block (which the syntax stylesheets colour).
pub fn has_code(html: &str) -> bool {
    html.contains("<pre class=\"code\"")
}

/// True when any string in a generated page's data holds a code block.
pub fn data_has_code(data: &serde_json::Value) -> bool {
    match data {
        serde_json::Value::String(s) => has_code(s),
        serde_json::Value::Array(items) => items.iter().any(data_has_code),
        serde_json::Value::Object(map) => map.values().any(data_has_code),
        _ => false,
    }
}

/// One language version of a page, for `hreflang` and the language switch.
#[derive(Serialize)]
pub struct TranslationCtx {
    pub lang: String,
    pub url: String,
    pub label: String,
    pub current: bool,
    /// The original (the `x-default` alternate).
    pub original: bool,
}

/// A child page in a section listing.
#[derive(Serialize)]
pub struct ChildCtx<'a> {
    pub title: &'a str,
    pub url: String,
    pub description: &'a str,
    pub date: Option<&'a str>,
    pub date_display: Option<String>,
    pub kind: Kind,
}

/// `section` in templates.
#[derive(Serialize, Default)]
pub struct SectionCtx<'a> {
    pub pages: Vec<ChildCtx<'a>>,
}

/// The kind name templates switch on.
pub fn kind_name(page: &Page, is_home: bool) -> Kind {
    match (is_home, page.kind) {
        (true, _) => Kind::Home,
        (false, PageKind::Section) => Kind::Section,
        (false, PageKind::Decision) => Kind::Decision,
        (false, PageKind::Page) => Kind::Page,
    }
}

/// `lang` and `dir` of a domain.
pub fn lang_dir(domain: &Domain) -> (&str, &'static str) {
    let dir = match domain.direction {
        Direction::Ltr => "ltr",
        Direction::Rtl => "rtl",
    };
    (domain.language.as_str(), dir)
}

/// The section listing of a section page.
pub fn section<'a>(site: &'a Site, page: PageId, ds: &'a DomainSite, lang: &str) -> SectionCtx<'a> {
    let mut pages: Vec<ChildCtx<'a>> = site
        .section_children(page, ds)
        .into_iter()
        .map(|child| {
            let p = &site.pages[child];
            let entry = &ds.entries[ds.by_page[&child]];
            ChildCtx {
                title: &p.front.title,
                url: entry.url.clone(),
                description: p.front.description.as_deref().unwrap_or(""),
                date: p.front.date.as_deref(),
                date_display: p.front.date.as_deref().and_then(|d| dates::display(d, lang)),
                kind: kind_name(p, false),
            }
        })
        .collect();
    // Pages made from data directly below this section (a product page under /products/)
    // are listed too, after the Markdown pages.
    let url = &ds.entries[ds.by_page[&page]].url;
    let generated = ds.generated.iter().filter(|g| g.url.len() > url.len() && parent_url(&g.url) == url.as_str());
    pages.extend(generated.map(|g| ChildCtx {
        title: &g.title,
        url: g.url.clone(),
        description: &g.description,
        date: g.date.as_deref(),
        date_display: g.date.as_deref().and_then(|d| dates::display(d, lang)),
        kind: g.kind,
    }));
    SectionCtx { pages }
}

/// On a home page, the pages its navigation leads to, as cards: a domain whose home has
/// no products to lead with (`.dev`) opens with these.
pub fn home_sections<'a>(site: &'a Site, ds: &'a DomainSite) -> SectionCtx<'a> {
    let pages = ds
        .nav
        .iter()
        .filter_map(|n| {
            if let Ok(i) = ds.entries.binary_search_by(|e| e.url.as_str().cmp(&n.url)) {
                let entry = &ds.entries[i];
                let p = &site.pages[entry.page];
                return (!entry.is_home).then(|| ChildCtx {
                    title: &p.front.title,
                    url: entry.url.clone(),
                    description: p.front.description.as_deref().unwrap_or(""),
                    date: None,
                    date_display: None,
                    kind: kind_name(p, false),
                });
            }
            let g = ds.generated.iter().find(|g| g.url == n.url)?;
            Some(ChildCtx {
                title: &g.title,
                url: g.url.clone(),
                description: &g.description,
                date: None,
                date_display: None,
                kind: g.kind,
            })
        })
        .collect();
    SectionCtx { pages }
}

/// `/a/b/` → `/a/`.
fn parent_url(url: &str) -> &str {
    let trimmed = url.trim_end_matches('/');
    trimmed.rfind('/').map_or("/", |i| &url[..=i])
}

/// Breadcrumbs from the home page down to the page's parent section.
pub fn breadcrumbs(site: &Site, page: PageId, ds: &DomainSite, home_title: &str) -> Vec<Crumb> {
    let entry = &ds.entries[ds.by_page[&page]];
    if entry.is_home {
        return Vec::new();
    }
    let mut crumbs = vec![Crumb { title: home_title.to_owned(), url: "/".into() }];
    let rel = &site.pages[page].rel;
    for folder in rel.ancestors() {
        let index = ContentPath::section_index(folder);
        if index == *rel {
            break;
        }
        if let Some(e) = site.by_rel.get(&index).and_then(|p| ds.by_page.get(p)).map(|i| &ds.entries[*i]) {
            if !e.is_home {
                crumbs.push(Crumb { title: site.pages[e.page].front.title.clone(), url: e.url.clone() });
            }
        }
    }
    crumbs
}
