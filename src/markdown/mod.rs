//! Stage 2, parse: Markdown → HTML with heading anchors, a table of contents,
//! admonitions, highlighted code and internal links left as numbered placeholders
//! (`site-link:N`) that each domain resolves to its own URLs.

mod entities;
pub mod highlight;
pub mod ids;
pub mod raw_html;

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

use crate::html::escape_into;
use crate::policy::{self, RawHtml};

pub use highlight::Highlighter;
pub use ids::RESERVED_IDS;

/// The `href` prefix of an internal link placeholder.
pub const LINK_PLACEHOLDER: &str = "site-link:";

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
    /// Every heading id (all levels) and explicit footnote ids.
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
}

/// Words the renderer prints itself, in the page's language.
#[derive(Debug, Clone)]
pub struct Labels {
    /// `aria-label` of the ¶ permalink.
    pub permalink: String,
    /// Admonition titles by kind (`note`, `tip`, `important`, `warning`, `caution`).
    pub admonitions: BTreeMap<&'static str, String>,
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
        for (kind, title) in labels.admonitions.iter_mut() {
            if let Some(text) = t.get(&format!("admonition_{kind}")) {
                *title = text.clone();
            }
        }
        labels
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Bumped whenever the same body renders to a different [`Rendered`], so cached
/// renderings from before are not reused.
pub const REVISION: u32 = 1;

/// True when `dest` points at another content file rather than the web.
pub fn is_internal(dest: &str) -> bool {
    if dest.starts_with("@/") || dest.starts_with('#') {
        return true;
    }
    if dest.contains("://") || dest.starts_with("mailto:") || dest.starts_with("tel:") || dest.starts_with('/') {
        return false;
    }
    let path = dest.split('#').next().unwrap_or(dest);
    path.ends_with(".md")
}

/// True when a page's `dest` names something under `content/`: an `@/` path, an anchor,
/// or any relative reference (`flow.png`, `../LICENSE`, `../docs/`) — not a URL with a
/// scheme, a root-relative path (`/pricing/`) or a query alone.
pub fn is_content_ref(dest: &str) -> bool {
    if dest.starts_with("@/") || dest.starts_with('#') {
        return true;
    }
    !(dest.is_empty() || dest.starts_with('/') || dest.starts_with('\\') || dest.starts_with('?') || has_scheme(dest))
}

/// True when `dest` starts with a URL scheme (`https:`, `mailto:`, `c:`).
fn has_scheme(dest: &str) -> bool {
    let Some((scheme, _)) = dest.split_once(':') else { return false };
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Renders a Markdown body with raw HTML under the default (`safe`) setting.
pub fn render(body: &str, highlighter: &Highlighter, labels: &Labels) -> Rendered {
    render_as(body, highlighter, labels, RawHtml::Safe)
}

/// Which links a rendering resolves: a page's (every content reference, files and
/// folders too) or data prose's (`@/` and `.md` links only; it has no folder).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refs {
    Page,
    Prose,
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
    let mut state =
        State { labels, out: Rendered::default(), headings: Vec::new(), images: Vec::new(), raw_html, refs };
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut heading: Option<(HeadingLevel, Option<String>, Vec<Event<'_>>, String)> = None;
    let mut code: Option<(String, String)> = None;
    let mut block = raw_html::Block::default();
    let mut footnotes: Vec<String> = Vec::new();
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let event = match event {
            Event::Html(html) | Event::InlineHtml(html) if raw_html == RawHtml::Escape => Event::Text(html),
            // Lines of an HTML block are read together, so a tag split over lines is whole.
            Event::Html(html) if raw_html == RawHtml::Safe => {
                block.push(&html, range.start);
                continue;
            }
            Event::End(TagEnd::HtmlBlock) if raw_html == RawHtml::Safe => {
                let (html, removed) = block.finish();
                state.strip(removed);
                events.push(Event::Html(html.into()));
                Event::End(TagEnd::HtmlBlock)
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                footnotes.push(label.to_string());
                Event::Start(Tag::FootnoteDefinition(label))
            }
            other => other,
        };
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
            other => state.transform(other, range),
        };
        match heading.as_mut() {
            Some((_, _, inner, text)) => {
                if let Event::Text(t) | Event::Code(t) = &event {
                    text.push_str(t);
                }
                inner.push(event);
            }
            None => events.push(event),
        }
    }
    if !block.is_empty() {
        // Not expected (every HTML block ends), but never drop or pass one unread.
        let (html, removed) = block.finish();
        state.strip(removed);
        events.push(Event::Html(html.into()));
    }
    state.heading_ids(&mut events, &footnotes);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    state.out.html = logical_alignment(html);
    state.out
}

/// pulldown-cmark aligns table cells with `style="text-align: left|right"`, which does
/// not mirror in right-to-left pages; classes mapped to `start`/`end` in the theme do.
fn logical_alignment(html: String) -> String {
    if !html.contains(" style=\"text-align: ") {
        return html;
    }
    html.replace(" style=\"text-align: left\"", " class=\"align-start\"")
        .replace(" style=\"text-align: right\"", " class=\"align-end\"")
        .replace(" style=\"text-align: center\"", " class=\"align-center\"")
}

struct State<'l> {
    labels: &'l Labels,
    out: Rendered,
    /// Headings read so far, given their ids once the whole body is read.
    headings: Vec<PendingHeading>,
    /// Open images, innermost last: `true` for one neutralised (shown as its alt text).
    images: Vec<bool>,
    raw_html: RawHtml,
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

impl State<'_> {
    fn transform<'a>(&mut self, event: Event<'a>, range: Range<usize>) -> Event<'a> {
        match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) if policy::is_refused(&dest_url) => {
                self.out.unsafe_links.push(LinkRef { target: dest_url.to_string(), offset: range.start });
                Event::Start(Tag::Link { link_type, dest_url: "#".into(), title, id })
            }
            Event::InlineHtml(html) if self.raw_html == RawHtml::Safe => {
                let (html, removed) = raw_html::sanitize(&html);
                self.strip(removed.into_iter().map(|r| raw_html::Removed { offset: r.offset + range.start, ..r }));
                Event::InlineHtml(html.into())
            }
            Event::Html(html) | Event::InlineHtml(html) if html.to_ascii_lowercase().contains("<script") => {
                self.out.scripts.push(range.start);
                Event::Html(html)
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) if self.resolves(&dest_url) => {
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
                let dest_url = match self.refs == Refs::Page && is_content_ref(&dest_url) && !dest_url.starts_with('#')
                {
                    true => self.placeholder(&dest_url, range.start),
                    false => dest_url,
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

    /// True when a link's destination is resolved by the site rather than kept as written.
    fn resolves(&self, dest: &str) -> bool {
        match self.refs {
            Refs::Page => is_content_ref(dest),
            Refs::Prose => is_internal(dest),
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
    /// the page's anchors.
    fn heading_ids(&mut self, events: &mut [Event<'_>], footnotes: &[String]) {
        let written: Vec<ids::Written<'_>> =
            self.headings.iter().map(|h| ids::Written { explicit: h.explicit.as_deref(), text: &h.title }).collect();
        let taken = RESERVED_IDS.iter().copied().chain(footnotes.iter().map(String::as_str));
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
    }
}
