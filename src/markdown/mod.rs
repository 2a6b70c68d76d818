//! Stage 2, parse: Markdown → HTML with heading anchors, a table of contents,
//! admonitions, highlighted code and internal links left as numbered placeholders
//! (`site-link:N`) that each domain resolves to its own URLs.

pub mod highlight;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

use crate::html::escape_into;

pub use highlight::Highlighter;

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
    /// Links with a `javascript:` (or `vbscript:`, `data:`) URL, neutralised to `#`.
    pub unsafe_links: Vec<LinkRef>,
    /// Byte offsets of raw HTML containing `<script`.
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

/// True for URLs that run code when clicked.
pub fn is_script_url(dest: &str) -> bool {
    let scheme: String =
        dest.trim_start().chars().filter(|c| !c.is_whitespace()).take(11).collect::<String>().to_ascii_lowercase();
    scheme.starts_with("javascript:") || scheme.starts_with("vbscript:") || scheme.starts_with("data:")
}

/// Renders a Markdown body.
pub fn render(body: &str, highlighter: &Highlighter, labels: &Labels) -> Rendered {
    render_with(body, highlighter, labels, true)
}

/// Renders Markdown that comes from data (a product description, an FAQ answer): like a
/// page body, but raw HTML is shown as text.
pub fn render_prose(text: &str, highlighter: &Highlighter, labels: &Labels) -> Rendered {
    render_with(text, highlighter, labels, false)
}

fn render_with(body: &str, highlighter: &Highlighter, labels: &Labels, raw_html: bool) -> Rendered {
    // Ids the theme uses for its own landmarks; headings never take them.
    let ids = RESERVED_IDS.iter().map(|id| (id.to_string(), 0)).collect();
    let mut state = State { labels, out: Rendered::default(), ids, in_image: false };
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut heading: Option<(HeadingLevel, Option<String>, Vec<Event<'_>>, String)> = None;
    let mut code: Option<(String, String)> = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let event = match event {
            Event::Html(html) | Event::InlineHtml(html) if !raw_html => Event::Text(html),
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
                    state.heading(level, id, inner, &text, &mut events);
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
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    state.out.html = logical_alignment(html);
    state.out
}

/// Element ids the theme's templates use (`#top`, the skip link's target).
pub const RESERVED_IDS: [&str; 2] = ["top", "main-content"];

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
    ids: HashMap<String, usize>,
    in_image: bool,
}

impl State<'_> {
    fn transform<'a>(&mut self, event: Event<'a>, range: Range<usize>) -> Event<'a> {
        match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) if is_script_url(&dest_url) => {
                self.out.unsafe_links.push(LinkRef { target: dest_url.to_string(), offset: range.start });
                Event::Start(Tag::Link { link_type, dest_url: "#".into(), title, id })
            }
            Event::Html(html) | Event::InlineHtml(html) if html.to_ascii_lowercase().contains("<script") => {
                self.out.scripts.push(range.start);
                Event::Html(html)
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) if is_internal(&dest_url) => {
                let n = self.out.links.len();
                self.out.links.push(LinkRef { target: dest_url.to_string(), offset: range.start });
                let dest_url = CowStr::from(format!("{LINK_PLACEHOLDER}{n}"));
                Event::Start(Tag::Link { link_type, dest_url, title, id })
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                self.out.images.push(ImageRef { src: dest_url.to_string(), alt: String::new(), offset: range.start });
                self.in_image = true;
                Event::Start(Tag::Image { link_type, dest_url, title, id })
            }
            Event::End(TagEnd::Image) => {
                self.in_image = false;
                Event::End(TagEnd::Image)
            }
            Event::Text(text) => {
                if let Some(image) = self.out.images.last_mut().filter(|_| self.in_image) {
                    image.alt.push_str(&text);
                }
                Event::Text(text)
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => Event::Html(self.admonition_start(kind).into()),
            Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html("</aside>\n".into()),
            other => other,
        }
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

    fn heading<'a>(
        &mut self,
        level: HeadingLevel,
        id: Option<String>,
        inner: Vec<Event<'a>>,
        text: &str,
        events: &mut Vec<Event<'a>>,
    ) {
        let base = id.unwrap_or_else(|| crate::slug::anchor(text));
        let base = if base.is_empty() { "section".to_owned() } else { base };
        let id = match self.ids.get_mut(&base) {
            Some(n) => {
                *n += 1;
                format!("{base}-{n}")
            }
            None => {
                self.ids.insert(base.clone(), 0);
                base
            }
        };
        let level = level as u8;
        if (2..=3).contains(&level) {
            self.out.toc.push(Heading { level, id: id.clone(), title: text.trim().to_owned() });
        }
        let mut open = format!("<h{level} id=\"");
        escape_into(&mut open, &id);
        open.push_str("\">");
        events.push(Event::Html(open.into()));
        events.extend(inner);
        let mut close = String::from(" <a class=\"anchor\" href=\"#");
        escape_into(&mut close, &id);
        close.push_str("\" aria-label=\"");
        escape_into(&mut close, &self.labels.permalink);
        close.push_str(&format!("\">¶</a></h{level}>\n"));
        events.push(Event::Html(close.into()));
        self.out.anchors.push(id);
    }
}
