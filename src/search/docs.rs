//! What one domain's index holds: a document per published page (its URL, title,
//! section, decision status and plain text), read from the assembled site.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::assemble::generated::GeneratedPage;
use crate::assemble::template::Kind;
use crate::assemble::{DomainSite, Site};
use crate::ids::PageId;
use crate::markdown::plain;

/// The longest text kept per document for excerpts, in characters. Every word of the
/// page is indexed; only the excerpt is cut.
pub const EXCERPT_CHARS: usize = 1200;

/// One page as the index sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    /// Root-relative URL.
    pub url: String,
    /// Title.
    pub title: String,
    /// Index into [`Corpus::sections`].
    pub section: usize,
    /// Index into [`Corpus::statuses`] (0: not a decision record).
    pub status: usize,
    /// The page's description as plain text (empty when it has none).
    pub lead: String,
    /// The page's words as plain text (for a Markdown page its body, shared with the
    /// parse stage or the dev server's index), following `lead`.
    pub text: Arc<str>,
}

/// A section as the filter lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Root-relative URL of its list (`/docs/`), or `/` for pages outside any section.
    pub url: String,
    /// Title.
    pub title: String,
}

/// Everything one domain indexes, documents sorted by URL.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// Documents.
    pub docs: Vec<Doc>,
    /// Sections, sorted by URL.
    pub sections: Vec<Section>,
    /// Decision statuses: `(name, label)`; the first is `("", "")` for other pages.
    pub statuses: Vec<(String, String)>,
}

/// The URL of the search page, which is not indexed.
pub const SEARCH_URL: &str = "/search/";

/// The documents of `ds`: its Markdown pages and generated pages, sorted by URL.
pub fn corpus(site: &Site, ds: &DomainSite) -> Corpus {
    corpus_with(site, ds, |page, _| body_text(site, page))
}

/// [`corpus`], the body text of each Markdown page given by `body` (from its page and
/// URL) as [`body_text`] gives it.
pub fn corpus_with(site: &Site, ds: &DomainSite, mut body: impl FnMut(PageId, &str) -> Arc<str>) -> Corpus {
    let (sections, statuses) = sections(site, ds);
    let mut docs: Vec<Doc> = Vec::new();
    for entry in &ds.entries {
        let page = &site.pages[entry.page];
        let status = page.front.status.map_or("", |s| s.as_str());
        let lead = collapse(page.front.description.as_deref().unwrap_or_default());
        let doc = doc(&sections, &statuses, &entry.url, &page.front.title, status, "");
        docs.push(Doc { lead, text: body(entry.page, &entry.url), ..doc });
    }
    for g in listed(ds) {
        let mut text = g.description.clone();
        // Product and pricing pages are made from data: their prose is in it.
        if matches!(g.kind, Kind::Pricing | Kind::Product) {
            data_text(&g.data, &mut text);
        }
        docs.push(doc(&sections, &statuses, &g.url, &g.title, "", &text));
    }
    docs.sort_by(|a, b| a.url.cmp(&b.url));
    Corpus { docs, sections, statuses }
}

fn doc(sections: &[Section], statuses: &[(String, String)], url: &str, title: &str, status: &str, text: &str) -> Doc {
    let top = section_url(url);
    Doc {
        url: url.to_owned(),
        title: title.to_owned(),
        section: sections.iter().position(|s| s.url == top).unwrap_or(0),
        status: statuses.iter().position(|(k, _)| k == status).unwrap_or(0),
        lead: String::new(),
        text: collapse(text).into(),
    }
}

/// The words of a page's body as plain text, white space collapsed: kept by the parse
/// stage when the build keeps no HTML (a cold build), else read from the HTML.
pub fn body_text(site: &Site, page: PageId) -> Arc<str> {
    let rendered = &site.rendered[page];
    match &site.remake {
        Some(_) => Arc::clone(&rendered.text),
        None => plain::text(&rendered.html).into(),
    }
}

impl Doc {
    /// The start of the document's text (`lead`, then `text`), cut at a word boundary
    /// before [`EXCERPT_CHARS`] characters.
    pub fn excerpt(&self) -> Cow<'_, str> {
        if self.lead.is_empty() {
            return Cow::Borrowed(excerpt_text(&self.text));
        }
        let mut start = self.lead.clone();
        if !self.text.is_empty() {
            start.push(' ');
            let room = (EXCERPT_CHARS + 1).saturating_sub(start.chars().count());
            let end = self.text.char_indices().nth(room).map_or(self.text.len(), |(i, _)| i);
            start.push_str(&self.text[..end]);
        }
        Cow::Owned(excerpt_text(&start).to_owned())
    }
}

/// The start of a text, cut at a word boundary before [`EXCERPT_CHARS`] characters.
fn excerpt_text(text: &str) -> &str {
    match text.char_indices().nth(EXCERPT_CHARS) {
        None => text,
        Some((end, _)) => {
            let cut = text[..end].rfind(' ').unwrap_or(end);
            &text[..cut]
        }
    }
}

/// The generated pages the index lists: not the 404 page, not the search page.
fn listed(ds: &DomainSite) -> impl Iterator<Item = &GeneratedPage> {
    ds.generated.iter().filter(|g| g.kind != Kind::NotFound && g.url != SEARCH_URL)
}

/// The sections of `ds` (sorted by URL, titled by their list page) and the decision
/// statuses its records have (`("", "")` first, for every other page), with labels.
pub fn sections(site: &Site, ds: &DomainSite) -> (Vec<Section>, Vec<(String, String)>) {
    let lang = &site.config.domain_at(ds.domain).language;
    let t = site.i18n.table(lang);
    let label = |key: &str, fallback: &str| t.and_then(|t| t.get(key)).cloned().unwrap_or_else(|| fallback.to_owned());
    let mut titles: BTreeMap<&str, &str> = BTreeMap::new();
    let mut statuses: BTreeMap<&'static str, String> = BTreeMap::new();
    for entry in &ds.entries {
        let front = &site.pages[entry.page].front;
        titles.insert(&entry.url, &front.title);
        if let Some(s) = front.status.map(|s| s.as_str()) {
            statuses.insert(s, label(&format!("status_{s}"), s));
        }
    }
    for g in listed(ds) {
        titles.insert(&g.url, &g.title);
    }
    let tops: BTreeSet<String> = titles.keys().map(|url| section_url(url)).collect();
    let sections = tops
        .into_iter()
        .map(|url| {
            let title = match titles.get(url.as_str()) {
                Some(t) if url != "/" => (*t).to_owned(),
                _ => label("home", "Home"),
            };
            Section { url, title }
        })
        .collect();
    let statuses = std::iter::once((String::new(), String::new()))
        .chain(statuses.into_iter().map(|(k, v)| (k.to_owned(), v)))
        .collect();
    (sections, statuses)
}

/// Appends the prose of a generated page's data: every string but URLs, ids and
/// embedded JSON-LD, with HTML reduced to text.
fn data_text(value: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    match value {
        Value::String(s) if !s.starts_with('/') && !s.starts_with("http") => {
            out.push(' ');
            out.push_str(&plain::text(s));
        }
        Value::Array(items) => items.iter().for_each(|v| data_text(v, out)),
        Value::Object(map) => map
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "url" | "id" | "jsonld" | "href" | "pillar" | "kind"))
            .for_each(|(_, v)| data_text(v, out)),
        _ => {}
    }
}

/// The section a URL belongs to: its first folder (`/docs/a/b/` → `/docs/`), or `/`.
pub fn section_url(url: &str) -> String {
    match url.trim_start_matches('/').split_once('/') {
        Some((first, _)) if !first.is_empty() => format!("/{first}/"),
        _ => "/".to_owned(),
    }
}

/// Runs of white space as one space, trimmed.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_by_first_folder() {
        assert_eq!(section_url("/docs/a/b/"), "/docs/");
        assert_eq!(section_url("/about/"), "/about/");
        assert_eq!(section_url("/"), "/");
    }
}
