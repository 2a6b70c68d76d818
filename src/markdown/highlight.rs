//! Fenced-code highlighting with syntect, emitting CSS classes (`hl-*`) rather than
//! inline colours, so one stylesheet per colour scheme themes every page.

use std::sync::OnceLock;

use syntect::highlighting::Theme;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;
use two_face::theme::EmbeddedThemeName;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Highlights code; the syntax set is loaded on first use only, once per build.
#[derive(Default)]
pub struct Highlighter {
    syntaxes: OnceLock<SyntaxSet>,
}

impl Highlighter {
    /// A highlighter that has not loaded anything yet.
    pub fn new() -> Self {
        Self::default()
    }

    fn syntaxes(&self) -> &SyntaxSet {
        self.syntaxes.get_or_init(two_face::syntax::extra_newlines)
    }

    /// `<pre class="code">` HTML for `code` in language `lang` (fence info's first word).
    pub fn block(&self, lang: &str, code: &str) -> String {
        let mut out = String::with_capacity(code.len() * 3 + 64);
        out.push_str("<pre class=\"code\"");
        if !lang.is_empty() {
            out.push_str(" data-lang=\"");
            escape_into(&mut out, lang);
            out.push('"');
        }
        out.push_str("><code>");
        match self.classed(lang, code) {
            Some(html) => out.push_str(&html),
            None => escape_into(&mut out, code),
        }
        out.push_str("</code></pre>\n");
        out
    }

    fn classed(&self, lang: &str, code: &str) -> Option<String> {
        if lang.is_empty() || matches!(lang, "text" | "plain" | "txt") {
            return None;
        }
        let syntaxes = self.syntaxes();
        let syntax = syntaxes.find_syntax_by_token(lang)?;
        let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            generator.parse_html_for_line_which_includes_newline(line).ok()?;
        }
        Some(generator.finalize())
    }
}

/// The light and dark token stylesheets (`syntax-light.css`, `syntax-dark.css`).
pub fn stylesheets() -> [(&'static str, String); 2] {
    let themes = two_face::theme::extra();
    let light = css(themes.get(EmbeddedThemeName::InspiredGithub));
    let dark = css(themes.get(EmbeddedThemeName::OneHalfDark));
    // The light sheet is always linked; scoping it keeps its colours out of dark mode
    // for token kinds the dark theme does not colour.
    [
        ("syntax-light.css", format!("@media not (prefers-color-scheme: dark) {{\n{light}}}\n")),
        ("syntax-dark.css", dark),
    ]
}

fn css(theme: &Theme) -> String {
    css_for_theme_with_class_style(theme, CLASS_STYLE).unwrap_or_default()
}

/// Escapes `&`, `<`, `>` and `"` into `out`.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_with_classes() {
        let h = Highlighter::new();
        let html = h.block("rust", "fn main() {}\n");
        assert!(html.starts_with("<pre class=\"code\" data-lang=\"rust\"><code>"));
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="));
    }

    #[test]
    fn unknown_language_is_escaped_plain() {
        let h = Highlighter::new();
        assert_eq!(h.block("nope", "<b>\n"), "<pre class=\"code\" data-lang=\"nope\"><code>&lt;b&gt;\n</code></pre>\n");
    }
}
