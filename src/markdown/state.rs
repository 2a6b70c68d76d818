//! The state of one body's event loop ([`super::render_as`]'s): headings waiting for
//! their ids, open images, the raw HTML block being read, and the per-text hooks (prices,
//! service figures, component calls, link placeholders) that fill [`Rendered`].

use std::ops::Range;

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, HeadingLevel, Tag, TagEnd};

use crate::html::escape_into;
use crate::policy::{self, RawHtml};

use super::components;
use super::ids;
use super::money;
use super::promises;
use super::raw_html;
use super::refs::Refs;
use super::rendered::{Heading, ImageRef, Labels, LinkRef, Rendered, Stripped};

/// The `href` prefix of an internal link placeholder.
pub const LINK_PLACEHOLDER: &str = "site-link:";

pub(super) struct State<'l> {
    labels: &'l Labels,
    pub(super) out: Rendered,
    /// Headings read so far, given their ids once the whole body is read.
    headings: Vec<PendingHeading>,
    /// Open images, innermost last: `true` for one neutralised (shown as its alt text).
    pub(super) images: Vec<bool>,
    raw_html: RawHtml,
    /// The lines of the HTML block being read.
    block: raw_html::Block,
    /// The same under the `trusted` setting, passed on line by line and read for ids.
    trusted_block: String,
    /// Footnote labels: each definition's id.
    footnotes: Vec<String>,
    /// Ids in the raw HTML the page keeps.
    html_ids: Vec<String>,
    refs: Refs,
}

/// A heading whose `<hN id="…">` and permalink wait for its id.
struct PendingHeading {
    level: u8,
    explicit: Option<String>,
    title: String,
    /// Indices in the event list of its opening and closing markup.
    open: usize,
    close: usize,
}

impl<'l> State<'l> {
    /// The name of a table's scroll region: the heading above it, else "Table".
    pub(super) fn table_label(&self) -> String {
        self.headings.last().map_or_else(|| self.labels.table.clone(), |h| h.title.clone())
    }

    pub(super) fn new(labels: &'l Labels, raw_html: RawHtml, refs: Refs) -> Self {
        State {
            labels,
            out: Rendered::default(),
            headings: Vec::new(),
            images: Vec::new(),
            raw_html,
            block: raw_html::Block::default(),
            trusted_block: String::new(),
            footnotes: Vec::new(),
            html_ids: Vec::new(),
            refs,
        }
    }

    /// Raw HTML as the setting says: shown as text (`escape`), gathered by block and
    /// sanitised (`safe`), or passed on and read for its ids (`trusted`). `None` while a
    /// block is being gathered. Also notes footnote labels.
    pub(super) fn raw_html<'a>(
        &mut self,
        event: Event<'a>,
        offset: usize,
        events: &mut Vec<Event<'a>>,
    ) -> Option<Event<'a>> {
        Some(match event {
            Event::Html(html) | Event::InlineHtml(html) if self.raw_html == RawHtml::Escape => Event::Text(html),
            // Lines of an HTML block are read together, so a tag split over lines is whole.
            Event::Html(html) if self.raw_html == RawHtml::Safe => {
                self.block.push(&html, offset);
                return None;
            }
            Event::Html(html) => {
                self.trusted_block.push_str(&html);
                Event::Html(html)
            }
            Event::InlineHtml(html) if self.raw_html == RawHtml::Trusted => {
                self.html_ids.extend(raw_html::ids(&html));
                Event::InlineHtml(html)
            }
            Event::End(TagEnd::HtmlBlock) => {
                self.end_html_block(events);
                Event::End(TagEnd::HtmlBlock)
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.footnotes.push(label.to_string());
                Event::Start(Tag::FootnoteDefinition(label))
            }
            other => other,
        })
    }

    /// Writes out the HTML block gathered under `safe`, sanitised; reads the ids of one
    /// passed on under `trusted`.
    pub(super) fn end_html_block(&mut self, events: &mut Vec<Event<'_>>) {
        if !self.block.is_empty() {
            let clean = self.block.finish();
            self.strip(clean.removed);
            self.html_ids.extend(clean.ids);
            events.push(Event::Html(clean.html.into()));
        }
        if !self.trusted_block.is_empty() {
            self.html_ids.extend(raw_html::ids(&self.trusted_block));
            self.trusted_block.clear();
        }
    }

    /// Prose text outside images: component calls become placeholders, typed prices are
    /// noted (for the `site check` warning) and isolated later, in `isolate_prices`.
    pub(super) fn text<'a>(&mut self, text: CowStr<'a>, body: &str, range: Range<usize>) -> Event<'a> {
        let source = body.get(range.clone()).unwrap_or("");
        for (start, end) in money::prices(&text) {
            let typed = &text[start..end];
            let at = source.find(typed).map_or(range.start + start, |i| range.start + i);
            self.out.typed_prices.push(LinkRef { target: typed.to_owned(), offset: at });
        }
        for (start, end, _) in promises::figures(&text) {
            let typed = &text[start..end];
            let at = source.find(typed).map_or(range.start + start, |i| range.start + i);
            self.out.typed_promises.push(LinkRef { target: typed.to_owned(), offset: at });
        }
        match components::expand(&text, source, range.start, self.out.components.len()) {
            Some((html, calls)) => {
                self.out.components.extend(calls);
                Event::InlineHtml(html.into())
            }
            None => Event::Text(text),
        }
    }

    pub(super) fn transform<'a>(&mut self, event: Event<'a>, range: Range<usize>) -> Event<'a> {
        match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) if policy::is_refused(&dest_url) => {
                self.out.unsafe_links.push(LinkRef { target: dest_url.to_string(), offset: range.start });
                Event::Start(Tag::Link { link_type, dest_url: "#".into(), title, id })
            }
            Event::InlineHtml(html) if self.raw_html == RawHtml::Safe => {
                let clean = raw_html::clean(&html);
                self.strip(
                    clean.removed.into_iter().map(|r| raw_html::Removed { offset: r.offset + range.start, ..r }),
                );
                self.html_ids.extend(clean.ids);
                Event::InlineHtml(clean.html.into())
            }
            Event::Html(html) | Event::InlineHtml(html) if html.to_ascii_lowercase().contains("<script") => {
                self.out.scripts.push(range.start);
                Event::Html(html)
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) if self.refs.resolves(&dest_url) => {
                let dest_url = self.placeholder(&dest_url, range.start);
                Event::Start(Tag::Link { link_type, dest_url, title, id })
            }
            Event::Start(Tag::Image { dest_url, .. }) if policy::is_refused(&dest_url) => {
                self.out.unsafe_images.push(LinkRef { target: dest_url.to_string(), offset: range.start });
                self.images.push(true);
                Event::Text("".into())
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                self.out.images.push(ImageRef { src: dest_url.to_string(), alt: String::new(), offset: range.start });
                self.images.push(false);
                // A page's image beside it is a file under content/, resolved like a link.
                let dest_url = if self.refs.resolves_image(&dest_url) {
                    self.placeholder(&dest_url, range.start)
                } else {
                    dest_url
                };
                Event::Start(Tag::Image { link_type, dest_url, title, id })
            }
            Event::End(TagEnd::Image) => match self.images.pop() {
                Some(true) => Event::Text("".into()),
                _ => Event::End(TagEnd::Image),
            },
            Event::Text(text) => {
                if let Some(image) = self.out.images.last_mut().filter(|_| self.images.last() == Some(&false)) {
                    image.alt.push_str(&text);
                }
                Event::Text(text)
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => Event::Html(self.admonition_start(kind).into()),
            Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html("</aside>\n".into()),
            other => other,
        }
    }

    /// Records a link to resolve and returns its numbered placeholder.
    fn placeholder(&mut self, dest: &str, offset: usize) -> CowStr<'static> {
        let n = self.out.links.len();
        self.out.links.push(LinkRef { target: dest.to_owned(), offset });
        CowStr::from(format!("{LINK_PLACEHOLDER}{n}"))
    }

    /// Records what the `safe` setting removed (offsets already in the body).
    fn strip(&mut self, removed: impl IntoIterator<Item = raw_html::Removed>) {
        self.out.stripped.extend(removed.into_iter().map(|r| Stripped { what: r.what, offset: r.offset }));
    }

    fn admonition_start(&self, kind: BlockQuoteKind) -> String {
        let class = match kind {
            BlockQuoteKind::Note => "note",
            BlockQuoteKind::Tip => "tip",
            BlockQuoteKind::Important => "important",
            BlockQuoteKind::Warning => "warning",
            BlockQuoteKind::Caution => "caution",
        };
        let title = self.labels.admonitions.get(class).map_or(class, String::as_str);
        let mut html = format!("<aside class=\"admonition {class}\" role=\"note\"><p class=\"admonition-title\">");
        escape_into(&mut html, title);
        html.push_str("</p>\n");
        html
    }

    /// Keeps a heading's place; its id is given by [`State::heading_ids`].
    pub(super) fn heading<'a>(
        &mut self,
        level: HeadingLevel,
        explicit: Option<String>,
        inner: Vec<Event<'a>>,
        title: String,
        events: &mut Vec<Event<'a>>,
    ) {
        let open = events.len();
        events.push(Event::Html("".into()));
        events.extend(inner);
        self.headings.push(PendingHeading { level: level as u8, explicit, title, open, close: events.len() });
        events.push(Event::Html("".into()));
    }

    /// Gives every heading its unique id: writes its markup, the table of contents and
    /// the page's anchors (then footnote and raw-HTML ids).
    pub(super) fn heading_ids(&mut self, events: &mut [Event<'_>]) {
        let written: Vec<ids::Written<'_>> =
            self.headings.iter().map(|h| ids::Written { explicit: h.explicit.as_deref(), text: &h.title }).collect();
        let taken = ids::RESERVED_IDS.iter().copied().chain(self.footnotes.iter().map(String::as_str));
        let assigned = ids::assign(&written, taken);
        for (h, id) in self.headings.iter().zip(assigned) {
            let level = h.level;
            if (2..=3).contains(&level) {
                self.out.toc.push(Heading { level, id: id.clone(), title: h.title.trim().to_owned() });
            }
            let mut open = format!("<h{level} id=\"");
            escape_into(&mut open, &id);
            open.push_str("\">");
            events[h.open] = Event::Html(open.into());
            let mut close = String::from(" <a class=\"anchor\" href=\"#");
            escape_into(&mut close, &id);
            close.push_str("\" aria-label=\"");
            escape_into(&mut close, &self.labels.permalink);
            close.push_str(&format!("\">¶</a></h{level}>\n"));
            events[h.close] = Event::Html(close.into());
            self.out.anchors.push(id);
        }
        for id in self.footnotes.drain(..).chain(self.html_ids.drain(..)) {
            if !self.out.anchors.contains(&id) {
                self.out.anchors.push(id);
            }
        }
    }
}
