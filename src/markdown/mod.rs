//! Stage 2, parse: Markdown → HTML with heading anchors, a table of contents,
//! admonitions, highlighted code and internal links left as numbered placeholders
//! (`site-link:N`) that each domain resolves to its own URLs.

pub mod components;
pub mod contrast;
mod entities;
pub mod highlight;
pub mod ids;
mod money;
pub mod plain;
pub mod promises;
pub mod raw_html;
mod refs;
mod rendered;
mod treesitter;
mod wrap;

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::html::escape_into;
use crate::policy::{self, RawHtml};

pub use highlight::Highlighter;
pub use ids::RESERVED_IDS;
use refs::Refs;
pub use rendered::{Heading, ImageRef, Labels, LinkRef, Rendered, Stripped};

/// The `href` prefix of an internal link placeholder.
pub const LINK_PLACEHOLDER: &str = "site-link:";

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Renders a Markdown body with raw HTML under the default (`safe`) setting.
pub fn render(body: &str, highlighter: &Highlighter, labels: &Labels) -> Rendered {
    render_as(body, highlighter, labels, RawHtml::Safe)
}

/// Renders Markdown that comes from data (a product description, an FAQ answer): like a
/// page body, but raw HTML is shown as text.
pub fn render_prose(text: &str, highlighter: &Highlighter, labels: &Labels) -> Rendered {
    render_with(text, highlighter, labels, RawHtml::Escape, Refs::Prose)
}

/// Renders a Markdown body with raw HTML as `raw_html` says.
pub fn render_as(body: &str, highlighter: &Highlighter, labels: &Labels, raw_html: RawHtml) -> Rendered {
    render_with(body, highlighter, labels, raw_html, Refs::Page)
}

fn render_with(body: &str, highlighter: &Highlighter, labels: &Labels, raw_html: RawHtml, refs: Refs) -> Rendered {
    let mut state = State::new(labels, raw_html, refs);
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut heading: Option<(HeadingLevel, Option<String>, Vec<Event<'_>>, String)> = None;
    let mut code: Option<(String, String)> = None;
    for (event, range) in merged_text(body) {
        let Some(event) = state.raw_html(event, range.start, &mut events) else { continue };
        if let Some((lang, text)) = code.as_mut() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    events.push(Event::Html(highlighter.block(lang, text).into()));
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        let event = match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split([' ', ',', '{']).next().unwrap_or("").to_owned(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
                continue;
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((level, id.map(|i| i.to_string()), Vec::new(), String::new()));
                continue;
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, id, inner, text)) = heading.take() {
                    state.heading(level, id, inner, text, &mut events);
                }
                continue;
            }
            Event::Text(text) if state.images.is_empty() => state.text(text, body, range),
            other => state.transform(other, range),
        };
        match heading.as_mut() {
            Some((_, _, inner, text)) => {
                // The id is made from the text a reader sees: an image's alt text is not shown.
                if let (Event::Text(t) | Event::Code(t), true) = (&event, state.images.is_empty()) {
                    text.push_str(t);
                }
                inner.push(event);
            }
            None => wrap::push(&mut events, isolate_prices(event, state.images.is_empty()), || state.table_label()),
        }
    }
    // Not expected (every HTML block ends), but never drop or pass a block unread.
    state.end_html_block(&mut events);
    state.heading_ids(&mut events);
    wrap::label_task_markers(&mut events);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    state.out.html = wrap::logical_alignment(wrap::empty_header_cells(html));
    for (n, call) in state.out.components.iter_mut().enumerate() {
        call.alone = state.out.html.contains(&format!("<p>{}</p>", components::placeholder(n)));
    }
    // A body may be held until the render stage (the dev server's cache, the disk
    // cache): a buffer grown by doubling carries up to as much again in spare capacity,
    // which `shrink_to_fit` does not return under mimalloc (it keeps a block in place
    // when the new size is at least half). An exact copy does.
    if state.out.html.capacity() > state.out.html.len() + state.out.html.len() / 8 {
        state.out.html = state.out.html.as_str().to_owned();
    }
    state.out
}

/// The body's events with adjacent text events joined (pulldown-cmark splits text where
/// an emphasis or link might have started), so a component call is read whole.
fn merged_text(body: &str) -> Vec<(Event<'_>, Range<usize>)> {
    let mut out: Vec<(Event<'_>, Range<usize>)> = Vec::new();
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        if let (Event::Text(next), Some((Event::Text(text), was))) = (&event, out.last_mut()) {
            *text = CowStr::from(format!("{text}{next}"));
            was.end = range.end.max(was.end);
            continue;
        }
        out.push((event, range));
    }
    out
}

/// Changes whenever the same body renders to other HTML (prices isolated: 1; tables in
/// scroll regions, labelled task items: 2; files and folders as links: 3), so cached
/// bodies of earlier builds of the same version are not reused. 4: component calls as
/// placeholders (filled per domain after assembly, so a cached body never holds data).
/// 5: service figures typed in prose noted for W017.
pub const OUTPUT_REVISION: u32 = 5;

/// Prose text with its prices as direction-isolated units (see [`money`]). Headings keep
/// their text (their titles feed the table of contents) and image alt text stays text.
fn isolate_prices(event: Event<'_>, outside_image: bool) -> Event<'_> {
    match event {
        Event::Text(text) if outside_image => match money::isolate(&text) {
            Some(html) => Event::InlineHtml(html.into()),
            None => Event::Text(text),
        },
        other => other,
    }
}

struct State<'l> {
    labels: &'l Labels,
    out: Rendered,
    /// Headings read so far, given their ids once the whole body is read.
    headings: Vec<PendingHeading>,
    /// Open images, innermost last: `true` for one neutralised (shown as its alt text).
    images: Vec<bool>,
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
    fn table_label(&self) -> String {
        self.headings.last().map_or_else(|| self.labels.table.clone(), |h| h.title.clone())
    }

    fn new(labels: &'l Labels, raw_html: RawHtml, refs: Refs) -> Self {
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
    fn raw_html<'a>(&mut self, event: Event<'a>, offset: usize, events: &mut Vec<Event<'a>>) -> Option<Event<'a>> {
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
    fn end_html_block(&mut self, events: &mut Vec<Event<'_>>) {
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
    /// noted (for the `site check` warning) and isolated later, in [`isolate_prices`].
    fn text<'a>(&mut self, text: CowStr<'a>, body: &str, range: Range<usize>) -> Event<'a> {
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

    fn transform<'a>(&mut self, event: Event<'a>, range: Range<usize>) -> Event<'a> {
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
    fn heading<'a>(
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
    fn heading_ids(&mut self, events: &mut [Event<'_>]) {
        let written: Vec<ids::Written<'_>> =
            self.headings.iter().map(|h| ids::Written { explicit: h.explicit.as_deref(), text: &h.title }).collect();
        let taken = RESERVED_IDS.iter().copied().chain(self.footnotes.iter().map(String::as_str));
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

// Remake: page bodies made again when they are rendered.
// Page bodies made again when they are rendered instead of being held from the parse
// stage to the render stage. A cold `site build` without a cache parses every body once
// without highlighting, for what assembling needs (links, anchors, headings, images),
// and keeps no HTML; the render stage asks [`Remake::html`] for a page's HTML and drops
// it once the page is written. Highlighted HTML is four times its Markdown, so holding
// every body was most of a large build's memory. The HTML is the same, byte for byte:
// both passes run [`render_as`] over the same body with the same settings.

/// What [`render_as`] needs to make a page body's HTML again.
pub struct Remake {
    highlighter: Arc<Highlighter>,
    labels: HashMap<String, Labels>,
    fallback: Labels,
    raw_html: RawHtml,
}

impl Remake {
    /// Bodies in each language use that language's `labels` (`Labels::default()` for
    /// any other), raw HTML as `raw_html` says; code is highlighted with `highlighter`
    /// (shared: the dev server's loads its syntax set once, not on every rebuild).
    pub fn new(highlighter: Arc<Highlighter>, labels: HashMap<String, Labels>, raw_html: RawHtml) -> Remake {
        Remake { highlighter, labels, fallback: Labels::default(), raw_html }
    }

    /// The HTML of `body`, a page in language `lang` (with `site-link:N` placeholders,
    /// as the parse stage makes it).
    pub fn html(&self, body: &str, lang: &str) -> String {
        let labels = self.labels.get(lang).unwrap_or(&self.fallback);
        render_as(body, &self.highlighter, labels, self.raw_html).html
    }
}

impl fmt::Debug for Remake {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Remake").field("languages", &self.labels.len()).field("raw_html", &self.raw_html).finish()
    }
}
