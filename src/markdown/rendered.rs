//! What the Markdown stage hands on: a page body as HTML with its headings, ids, links
//! and images, and the words the renderer prints itself.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::components::Call;

/// One heading, for the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    /// 1–6.
    pub level: u8,
    /// Anchor id.
    pub id: String,
    /// Plain text.
    pub title: String,
}

/// An internal link found in the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkRef {
    /// The destination as written (`@/a.md#x`, `../b.md`, `#x`).
    pub target: String,
    /// Byte offset in the body.
    pub offset: usize,
}

/// Something removed from raw HTML under the `safe` setting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stripped {
    /// What and why: `` `onclick` from `<a>`: event-handler attributes run scripts ``.
    pub what: String,
    /// Byte offset in the body.
    pub offset: usize,
}

/// An image found in the body (checked for alt text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageRef {
    /// The source URL as written.
    pub src: String,
    /// Its alt text.
    pub alt: String,
    /// Byte offset in the body.
    pub offset: usize,
}

/// A page body rendered to HTML.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Rendered {
    /// HTML with `site-link:N` placeholders for `links[N]`.
    pub html: String,
    /// Headings of level 2 and 3, in order.
    pub toc: Vec<Heading>,
    /// Every id a `#fragment` can land on, each once: heading ids (all levels, in order),
    /// footnote ids, then ids in raw HTML that the page keeps (`<span id>`, `<a name>`).
    pub anchors: Vec<String>,
    /// Internal links, in order; the placeholder number is the index.
    pub links: Vec<LinkRef>,
    /// Images, for alt-text checks.
    pub images: Vec<ImageRef>,
    /// Links whose URL the URL policy refuses (`javascript:`, `data:`, …), neutralised to `#`.
    pub unsafe_links: Vec<LinkRef>,
    /// Images whose URL the URL policy refuses, shown as their alt text instead.
    pub unsafe_images: Vec<LinkRef>,
    /// What the `safe` raw-HTML setting removed.
    pub stripped: Vec<Stripped>,
    /// Byte offsets of raw HTML containing `<script` (kept under the `trusted` setting).
    pub scripts: Vec<usize>,
    /// Component calls, in order; the placeholder number is the index.
    pub components: Vec<Call>,
    /// Prices typed in prose (`USD 1,490`, `5,990 ₪`): the text and its body offset.
    pub typed_prices: Vec<LinkRef>,
    /// Service figures typed in prose (`99.9%`, `24/7 response`): the text and its body offset.
    #[serde(default)]
    pub typed_promises: Vec<LinkRef>,
    /// The body's words as plain text ([`super::plain::text`]), made by a parse that
    /// keeps no HTML (a cold build without a cache) for the search index; empty when
    /// `html` is kept (the index reads that instead).
    #[serde(skip)]
    pub text: std::sync::Arc<str>,
}

/// Words the renderer prints itself, in the page's language.
#[derive(Debug, Clone)]
pub struct Labels {
    /// `aria-label` of the ¶ permalink.
    pub permalink: String,
    /// Admonition titles by kind (`note`, `tip`, `important`, `warning`, `caution`).
    pub admonitions: BTreeMap<&'static str, String>,
    /// `aria-label` of a table's scroll region when no heading precedes it.
    pub table: String,
}

impl Default for Labels {
    fn default() -> Self {
        let admonitions = [
            ("note", "Note"),
            ("tip", "Tip"),
            ("important", "Important"),
            ("warning", "Warning"),
            ("caution", "Caution"),
        ];
        Labels {
            permalink: "Permalink".into(),
            table: "Table".into(),
            admonitions: admonitions.into_iter().map(|(k, v)| (k, v.to_owned())).collect(),
        }
    }
}

impl Labels {
    /// The labels in the language of a UI-strings table (`heading_anchor`,
    /// `admonition_<kind>`); English for what it does not say.
    pub fn from_strings(strings: Option<&BTreeMap<String, String>>) -> Labels {
        let mut labels = Labels::default();
        let Some(t) = strings else { return labels };
        if let Some(p) = t.get("heading_anchor") {
            labels.permalink = p.clone();
        }
        if let Some(table) = t.get("table_region") {
            labels.table = table.clone();
        }
        for (kind, title) in labels.admonitions.iter_mut() {
            if let Some(text) = t.get(&format!("admonition_{kind}")) {
                *title = text.clone();
            }
        }
        labels
    }
}
