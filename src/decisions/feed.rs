//! The Atom feed of a domain's decision log (RFC 4287): one entry per record, newest
//! first, each with a stable id (its permalink), dates, deciders as authors, tags
//! and status as categories, and the record's body as escaped HTML with absolute links.

use crate::assemble::links;
use crate::html::escape_into;
use crate::ids::PageId;

use super::model::Record;
use super::views::View;

/// The feed document.
pub fn atom(view: &View<'_>) -> String {
    let site = view.site;
    let domain = site.config.domain_at(view.domain);
    let base = view.base();
    let records = view.published();
    let updated =
        records.iter().filter_map(|r| last_change(view, r)).max().map_or("1970-01-01".to_owned(), str::to_owned);
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"",
    );
    escape_into(&mut xml, &domain.language);
    xml.push_str("\">\n");
    element(&mut xml, "  ", "title", &format!("{} · {}", view.log_title(), site.config.brand.name));
    let subtitle = view
        .section_page()
        .and_then(|p| site.pages[p].front.description.clone())
        .unwrap_or_else(|| domain.description.clone());
    element(&mut xml, "  ", "subtitle", &subtitle);
    element(&mut xml, "  ", "id", &domain.absolute(&base));
    link(&mut xml, "  ", "self", "application/atom+xml", &domain.absolute(&format!("{base}feed.xml")));
    link(&mut xml, "  ", "alternate", "text/html", &domain.absolute(&base));
    element(&mut xml, "  ", "updated", &timestamp(&updated));
    xml.push_str("  <author>\n");
    element(&mut xml, "    ", "name", &site.config.brand.name);
    element(&mut xml, "    ", "uri", &format!("{}/", domain.base_url));
    xml.push_str("  </author>\n  <generator>site</generator>\n");
    for record in records {
        entry(&mut xml, view, record, &updated);
    }
    xml.push_str("</feed>\n");
    xml
}

fn entry(xml: &mut String, view: &View<'_>, record: &Record, fallback: &str) {
    let site = view.site;
    let domain = site.config.domain_at(view.domain);
    let page = &site.pages[record.page];
    let url = domain.absolute(&site.url_of(record.page, view.domain).unwrap_or_default());
    xml.push_str("  <entry>\n");
    element(xml, "    ", "title", &format!("{}: {}", record.id, page.front.title));
    element(xml, "    ", "id", &url);
    link(xml, "    ", "alternate", "text/html", &url);
    if let Some(date) = &page.front.date {
        element(xml, "    ", "published", &timestamp(date));
    }
    element(xml, "    ", "updated", &timestamp(last_change(view, record).unwrap_or(fallback)));
    for person in &page.front.deciders {
        xml.push_str("    <author>\n");
        element(xml, "      ", "name", person);
        xml.push_str("    </author>\n");
    }
    category(
        xml,
        record.status.as_str(),
        &view.status_label(record.status),
        &format!("{}status/", domain.absolute(&view.base())),
    );
    for tag in &page.front.tags {
        category(xml, tag, tag, &format!("{}tags/", domain.absolute(&view.base())));
    }
    if let Some(summary) = &page.front.description {
        element(xml, "    ", "summary", summary);
    }
    xml.push_str("    <content type=\"html\" xml:base=\"");
    escape_into(xml, &url);
    xml.push_str("\">");
    escape_into(xml, &body(view, record.page, &url));
    xml.push_str("</content>\n  </entry>\n");
}

/// The record's HTML with every internal link made absolute.
fn body(view: &View<'_>, page: PageId, url: &str) -> String {
    let domain = view.site.config.domain_at(view.domain);
    let hrefs: Vec<String> = links::hrefs(view.site, page, view.domain)
        .into_iter()
        .map(|href| {
            if href.starts_with('#') {
                format!("{url}{href}")
            } else if href.starts_with('/') {
                domain.absolute(&href)
            } else {
                href
            }
        })
        .collect();
    // Components were filled by the catalogue, which runs before the log.
    let filled = view.site.domains.iter().find(|d| d.domain == view.domain).and_then(|d| d.components.get(&page));
    links::fill_components(links::substitute(&view.site.body_html(page), &hrefs), filled)
}

/// The later of `updated` and `date`.
fn last_change<'v>(view: &'v View<'_>, record: &Record) -> Option<&'v str> {
    let front = &view.site.pages[record.page].front;
    front.updated.as_deref().max(front.date.as_deref())
}

/// `2026-01-01` → `2026-01-01T00:00:00Z` (RFC 3339, as Atom requires).
pub fn timestamp(date: &str) -> String {
    format!("{date}T00:00:00Z")
}

fn element(xml: &mut String, indent: &str, name: &str, text: &str) {
    xml.push_str(&format!("{indent}<{name}>"));
    escape_into(xml, text);
    xml.push_str(&format!("</{name}>\n"));
}

fn link(xml: &mut String, indent: &str, rel: &str, kind: &str, href: &str) {
    xml.push_str(&format!("{indent}<link rel=\"{rel}\" type=\"{kind}\" href=\""));
    escape_into(xml, href);
    xml.push_str("\"/>\n");
}

fn category(xml: &mut String, term: &str, label: &str, scheme: &str) {
    xml.push_str("    <category term=\"");
    escape_into(xml, term);
    xml.push_str("\" label=\"");
    escape_into(xml, label);
    xml.push_str("\" scheme=\"");
    escape_into(xml, scheme);
    xml.push_str("\"/>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_rfc3339() {
        assert_eq!(timestamp("2026-01-01"), "2026-01-01T00:00:00Z");
    }
}
