//! Page bodies made again when they are rendered instead of being held from the parse
//! stage to the render stage. A cold `site build` without a cache parses every body once
//! without highlighting, for what assembling needs (links, anchors, headings, images),
//! and keeps no HTML; the render stage asks [`Remake::html`] for a page's HTML and drops
//! it once the page is written. Highlighted HTML is four times its Markdown, so holding
//! every body was most of a large build's memory. The HTML is the same, byte for byte:
//! both passes run [`super::render_as`] over the same body with the same settings.

use std::collections::HashMap;
use std::fmt;

use super::{render_as, Highlighter, Labels};
use crate::policy::RawHtml;

/// What [`super::render_as`] needs to make a page body's HTML again.
pub struct Remake {
    highlighter: Highlighter,
    labels: HashMap<String, Labels>,
    fallback: Labels,
    raw_html: RawHtml,
}

impl Remake {
    /// Bodies in each language use that language's `labels` (`Labels::default()` for
    /// any other), raw HTML as `raw_html` says.
    pub fn new(labels: HashMap<String, Labels>, raw_html: RawHtml) -> Remake {
        Remake { highlighter: Highlighter::new(), labels, fallback: Labels::default(), raw_html }
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
