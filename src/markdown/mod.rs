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
mod state;
mod treesitter;
mod wrap;

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::policy::RawHtml;

pub use highlight::Highlighter;
pub use ids::RESERVED_IDS;
use refs::Refs;
pub use rendered::{Heading, ImageRef, Labels, LinkRef, Rendered, Stripped};
use state::State;
pub use state::LINK_PLACEHOLDER;

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
