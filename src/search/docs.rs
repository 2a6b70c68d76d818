//! What one domain's index holds: a document per published page (its URL, title,
//! section, decision status and plain text), read from the assembled site.

use std::collections::{BTreeMap, BTreeSet};

use crate::assemble::generated::GeneratedPage;
use crate::assemble::template::Kind;
use crate::assemble::{DomainSite, Site};

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
    /// The page's words as plain text: description, then body.
    pub text: String,
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
    let (sections, statuses) = sections(site, ds);
    let mut docs: Vec<Doc> = Vec::new();
    for entry in &ds.entries {
        let page = &site.pages[entry.page];
        let mut text = page.front.description.clone().unwrap_or_default();
        text.push(' ');
        text.push_str(&plain_text(&site.text_html(entry.page)));
        let status = page.front.status.map_or("", |s| s.as_str());
        docs.push(doc(&sections, &statuses, &entry.url, &page.front.title, status, &text));
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
        text: collapse(text),
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
            out.push_str(&plain_text(s));
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

/// The text of rendered HTML: tags dropped (a block's a word break), entities decoded.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        decode_into(&mut out, &rest[..start]);
        let tag = rest[start + 1..].trim_start_matches('/');
        let name = &tag[..tag.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(tag.len())];
        if !INLINE.iter().any(|inline| inline.eq_ignore_ascii_case(name)) {
            out.push(' ');
        }
        rest = rest[start..].find('>').map_or("", |end| &rest[start + end + 1..]);
    }
    decode_into(&mut out, rest);
    out
}

/// Elements inside a line of text: no word break where they start or end.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "cite", "code", "del", "em", "i", "ins", "kbd", "mark", "s", "small", "span", "strong",
    "sub", "sup", "u",
];

/// Decodes the entities the Markdown stage writes (`&amp;` and friends, numeric ones).
fn decode_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let end = after.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|e| entity(&after[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" | "#39" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
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
    fn text_of_html() {
        assert_eq!(collapse(&plain_text("<p>Fish &amp; <em>chips</em>&#33;</p><p>x</p>")), "Fish & chips! x");
        assert_eq!(collapse(&plain_text("a &unknown; b & c")), "a &unknown; b & c");
    }

    #[test]
    fn sections_by_first_folder() {
        assert_eq!(section_url("/docs/a/b/"), "/docs/");
        assert_eq!(section_url("/about/"), "/about/");
        assert_eq!(section_url("/"), "/");
    }
}
