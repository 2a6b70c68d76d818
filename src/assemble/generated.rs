//! Pages and files made from data rather than Markdown: pricing pages, decision-log
//! views, feeds, `pricing.json`. Feature modules produce them per domain; the
//! assembler checks their URLs against the Markdown pages and the renderer renders
//! them with the theme like any other page.

use std::path::PathBuf;

use serde_json::Value;

use crate::diagnostics::Diagnostic;
use crate::ids::PageId;

use super::template::{Kind, Template};

/// A page whose body comes from a template and structured data.
#[derive(Debug, Clone)]
pub struct GeneratedPage {
    /// Root-relative URL with a trailing slash (`/pricing/factory/`).
    pub url: String,
    /// Theme template that renders it.
    pub template: Template,
    /// `page.kind` in the template (`pricing`, `decision-log`, ...).
    pub kind: Kind,
    /// Page title.
    pub title: String,
    /// One-sentence summary.
    pub description: String,
    /// The file it was generated from, for diagnostics (`content/pricing/factory.yaml`).
    pub source: PathBuf,
    /// Anything the template needs, as `data`.
    pub data: serde_json::Value,
    /// ISO date for the sitemap's `lastmod`, if any.
    pub date: Option<String>,
    /// Ids of the decision records it links to (they list it under "referenced by").
    pub refers_to: Vec<String>,
}

/// A non-HTML file at a root-relative path (`/pricing.json`, `/decisions/feed.xml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraFile {
    /// Root-relative path, starting with `/`.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// What a feature adds to a Markdown page on one domain.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageData {
    /// The theme template that renders the page instead of its kind's default.
    pub template: Option<Template>,
    /// `decision` in the template: a record's metadata and extras.
    pub decision: Option<Value>,
    /// `data` in the template.
    pub data: Option<Value>,
}

/// What a feature module adds to one domain.
#[derive(Debug, Clone, Default)]
pub struct Generated {
    /// Pages.
    pub pages: Vec<GeneratedPage>,
    /// Other files.
    pub files: Vec<ExtraFile>,
    /// What it adds to Markdown pages, by page.
    pub page_data: Vec<(PageId, PageData)>,
    /// Non-fatal findings about the data the pages were made from.
    pub warnings: Vec<Diagnostic>,
    /// The HTML of each component call on a Markdown page, in call order, by page.
    pub components: Vec<(PageId, Vec<String>)>,
}

impl Generated {
    /// Adds `more` to `self`.
    pub fn extend(&mut self, more: Generated) {
        self.pages.extend(more.pages);
        self.files.extend(more.files);
        self.page_data.extend(more.page_data);
        self.warnings.extend(more.warnings);
        self.components.extend(more.components);
    }
}
