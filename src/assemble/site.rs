//! The assembled site: what each domain publishes, where, and what links to what.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::config::Config;
use crate::content_path::ContentPath;
use crate::ids::{DomainId, PageId, PerPage};
use crate::load::{ContentFile, I18n, Pages};
use crate::markdown::{Remake, Rendered};

use super::generated::{ExtraFile, GeneratedPage, PageData};

/// Where each page appears: `(domain, root-relative URL)` pairs.
pub type Placements = PerPage<Vec<(DomainId, String)>>;

/// One page on one domain.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The page.
    pub page: PageId,
    /// Root-relative URL with a trailing slash.
    pub url: String,
    /// True for the domain's home page.
    pub is_home: bool,
}

/// A resolved navigation item.
#[derive(Debug, Clone)]
pub struct Nav {
    /// Visible text.
    pub label: String,
    /// Root-relative or absolute URL.
    pub url: String,
}

/// Everything one domain publishes.
#[derive(Debug, Clone)]
pub struct DomainSite {
    /// Which of `config.domains`.
    pub domain: DomainId,
    /// Published pages, sorted by URL.
    pub entries: Vec<Entry>,
    /// Page → index into `entries`.
    pub by_page: HashMap<PageId, usize>,
    /// Alias URL → canonical URL.
    pub aliases: BTreeMap<String, String>,
    /// Alias URL → the page whose front matter names it.
    pub alias_sources: BTreeMap<String, PageId>,
    /// Files under `content/` published as they are: `(index into site.files, URL)`.
    pub static_files: Vec<(usize, String)>,
    /// Header navigation.
    pub nav: Vec<Nav>,
    /// Home-page calls to action.
    pub cta: Vec<Nav>,
    /// Pages made from data (pricing, decision views), sorted by URL.
    pub generated: Vec<GeneratedPage>,
    /// Other generated files (feeds, JSON), sorted by path.
    pub files: Vec<ExtraFile>,
    /// What features add to Markdown pages on this domain (a decision record's extras,
    /// the decision log's data), by page.
    pub page_data: HashMap<PageId, PageData>,
    /// Documentation navigation (sidebar trees, previous/next, last updated, edit links).
    pub docs: Docs,
    /// The HTML of each component call of a Markdown page on this domain, by page.
    pub components: HashMap<PageId, Vec<String>>,
}

/// Per page, what each link of its body resolves to; a page's row is shared, so the dev
/// server can carry the rows of pages it did not read again into the next build.
pub type Links = PerPage<Arc<[Option<Target>]>>;

/// Where a link on a page points, once resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The page, file or generated log linked to.
    pub to: To,
    /// `#anchor`, or empty.
    pub anchor: String,
}

/// What a link names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum To {
    /// A Markdown page.
    Page(PageId),
    /// A file under `content/` (index into the site's files), published beside the page.
    File(usize),
    /// The decision log generated for a records folder without `_index.md` (the folder).
    Log(String),
}

impl Target {
    /// The page linked to, when it is a Markdown page.
    pub fn page(&self) -> Option<PageId> {
        match self.to {
            To::Page(page) => Some(page),
            _ => None,
        }
    }
}

/// The assembled site: every domain's pages, ready to render. Owns what the earlier
/// stages produced; nothing changes it after [`super::assemble`] returns it.
#[derive(Debug)]
pub struct Site {
    /// The configuration.
    pub config: Config,
    /// All pages, in load order.
    pub pages: Pages,
    /// Rendered bodies, aligned with `pages`.
    pub rendered: PerPage<Arc<Rendered>>,
    /// Set when `rendered` holds no HTML (a build without a cache): [`Site::body_html`]
    /// makes each body again when it is rendered.
    pub remake: Option<Remake>,
    /// Static files under `content/`, published as they are.
    pub files: Arc<[ContentFile]>,
    /// UI strings per language.
    pub i18n: I18n,
    /// Where each page is published.
    pub placements: Placements,
    /// Content-relative path → page.
    pub by_rel: HashMap<ContentPath, PageId>,
    /// Folder (content-relative, no trailing slash) → pages directly inside it.
    pub children: HashMap<String, Vec<PageId>>,
    /// Original page → pages that translate it.
    pub translations: HashMap<PageId, Vec<PageId>>,
    /// Per page, per link in its body: what it resolves to (`None`: broken, or the
    /// page is not published). Resolved once, here; every later stage reads this.
    pub links: Links,
    /// The domains being built.
    pub domains: Vec<DomainSite>,
}

impl Site {
    /// The body HTML of `page` (with `site-link:N` placeholders): held since the parse
    /// stage, or made again now when the build keeps none ([`Site::remake`]).
    pub fn body_html(&self, page: PageId) -> Cow<'_, str> {
        match &self.remake {
            Some(remake) => {
                let p = &self.pages[page];
                Cow::Owned(remake.html(p.body(), &p.lang))
            }
            None => Cow::Borrowed(&self.rendered[page].html),
        }
    }

    /// The URL of `page` as linked from `domain`: root-relative when published there,
    /// absolute on the first domain that publishes it otherwise.
    pub fn url_of(&self, page: PageId, domain: DomainId) -> Option<String> {
        let placed = &self.placements[page];
        if let Some((_, url)) = placed.iter().find(|(d, _)| *d == domain) {
            return Some(url.clone());
        }
        placed.first().map(|(d, url)| self.config.domain_at(*d).absolute(url))
    }

    /// Pages listed by a section page on `domain`, sorted by weight, then date (newest first), then title.
    pub fn section_children(&self, section: PageId, domain: &DomainSite) -> Vec<PageId> {
        let page = &self.pages[section];
        let dir = page.rel.section_folder().unwrap_or("");
        let mut list: Vec<PageId> = Vec::new();
        if let Some(kids) = self.children.get(dir) {
            list.extend(kids.iter().copied().filter(|k| *k != section && domain.by_page.contains_key(k)));
        }
        list.sort_by(|a, b| {
            let (pa, pb) = (&self.pages[*a].front, &self.pages[*b].front);
            (pa.weight.unwrap_or(i64::MAX), std::cmp::Reverse(&pb.date), &pa.title).cmp(&(
                pb.weight.unwrap_or(i64::MAX),
                std::cmp::Reverse(&pa.date),
                &pb.title,
            ))
        });
        list
    }
}

/// One domain's documentation navigation.
#[derive(Debug, Clone, Default)]
pub struct Docs {
    /// One tree per documentation section the domain publishes.
    pub trees: Vec<DocNode>,
    /// Each page in a tree: where it is and what surrounds it.
    pub pages: HashMap<PageId, DocPage>,
}

/// A page in a section tree, with the pages a section lists below it.
#[derive(Debug, Clone)]
pub struct DocNode {
    /// The page (a section's `_index.md`, or a page).
    pub page: PageId,
    /// Pages and sub-sections inside it, by weight, then title.
    pub children: Vec<DocNode>,
}

/// What a documentation page shows besides its body.
#[derive(Debug, Clone, Default)]
pub struct DocPage {
    /// Index into [`Docs::trees`].
    pub tree: usize,
    /// The page before it in reading order (the tree, depth first).
    pub prev: Option<PageId>,
    /// The page after it.
    pub next: Option<PageId>,
    /// Last updated: `updated:` in front matter, else the day of the last commit that
    /// changed the file (ISO date).
    pub updated: Option<String>,
    /// "Edit this page": the domain's `edit_url` with the page's path in it.
    pub edit_url: Option<String>,
}
