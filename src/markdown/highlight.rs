//! Fenced-code highlighting with syntect, emitting CSS classes (`hl-*`) rather than
//! inline colours, so one stylesheet per colour scheme themes every page. Rust, YAML,
//! bash and JSON go to tree-sitter first ([`super::treesitter`]), with the same classes.
//!
//! The HTML is the same, byte for byte, as syntect's `ClassedHTMLGenerator` makes, but
//! written straight into the block's buffer: syntect formats every line into a fresh
//! `String` and rebuilds each token's class list under a global lock; here a scope's
//! `<span class="…">` is built once per build and the syntax of a fence language is
//! looked up once. Parsing (syntect's regexes) is untouched and is most of the cost.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{OnceLock, RwLock};

use crate::html::{escape_code_into, escape_into};
use crate::markdown::{contrast, treesitter};

use syntect::highlighting::Theme;

use syntect::html::{css_for_theme_with_class_style, ClassStyle};
use syntect::parsing::{BasicScopeStackOp, ParseState, Scope, ScopeStack, ScopeStackOp, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;
use two_face::theme::EmbeddedThemeName;

const CLASS_PREFIX: &str = "hl-";
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: CLASS_PREFIX };

/// Highlights code; the syntax set is loaded on first use only, once per build.
#[derive(Default)]
pub struct Highlighter {
    syntaxes: OnceLock<SyntaxSet>,
    /// Fence language → index into the syntax set (`None`: no syntax knows it).
    languages: RwLock<HashMap<String, Option<usize>>>,
    /// Scope → its opening `<span class="hl-… hl-…">`.
    spans: RwLock<HashMap<Scope, Box<str>, BuildHasherDefault<ScopeHasher>>>,
    /// Escape code without highlighting (a body read for its words: the search index).
    plain: bool,
}

/// A scope is two `u64`s of atom numbers, looked up on every token: a multiply-mix
/// (FxHash's) is enough, SipHash costs more than the rest of the lookup.
#[derive(Default)]
struct ScopeHasher(u64);

impl Hasher for ScopeHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl Highlighter {
    /// A highlighter that has not loaded anything yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// A highlighter that escapes every code block as plain text: the same words as
    /// [`Highlighter::block`] makes, without loading the syntax set.
    pub fn plain() -> Self {
        Highlighter { plain: true, ..Self::default() }
    }

    fn syntaxes(&self) -> &SyntaxSet {
        self.syntaxes.get_or_init(two_face::syntax::extra_newlines)
    }

    /// `<pre class="code">` HTML for `code` in language `lang` (fence info's first word).
    pub fn block(&self, lang: &str, code: &str) -> String {
        let mut out = String::with_capacity(code.len() * 6 + 64);
        // Focusable, so a line wider than the screen can be scrolled from the keyboard.
        out.push_str("<pre class=\"code\" tabindex=\"0\"");
        if !lang.is_empty() {
            out.push_str(" data-lang=\"");
            escape_into(&mut out, lang);
            out.push('"');
        }
        out.push_str("><code>");
        if self.plain || !(treesitter::classed(lang, code, &mut out) || self.classed(lang, code, &mut out)) {
            escape_into(&mut out, code);
        }
        out.push_str("</code></pre>\n");
        out
    }

    /// Appends the classed HTML of `code` to `out`; false (and `out` unchanged) when
    /// the language is plain or unknown or syntect fails.
    fn classed(&self, lang: &str, code: &str, out: &mut String) -> bool {
        let Some(syntax) = self.syntax(lang) else { return false };
        let start = out.len();
        let mut state = ParseState::new(syntax);
        let mut stack = ScopeStack::new();
        let mut open = 0;
        for line in LinesWithEndings::from(code) {
            let spans =
                state.parse_line(line, self.syntaxes()).ok().and_then(|ops| self.line(line, &ops, &mut stack, out));
            match spans {
                Some(delta) => open += delta,
                None => {
                    out.truncate(start);
                    return false;
                }
            }
        }
        for _ in 0..open {
            out.push_str("</span>");
        }
        true
    }

    fn syntax(&self, lang: &str) -> Option<&SyntaxReference> {
        // (`alias` maps fence names writers use that the grammars do not list.)
        if lang.is_empty() || matches!(lang, "text" | "plain" | "txt") {
            return None;
        }
        let syntaxes = self.syntaxes();
        let known = self.languages.read().ok().and_then(|map| map.get(lang).copied());
        let index = known.unwrap_or_else(|| {
            let found = syntaxes.find_syntax_by_token(alias(lang));
            let index = found.and_then(|s| syntaxes.syntaxes().iter().position(|t| std::ptr::eq(s, t)));
            if let Ok(mut map) = self.languages.write() {
                map.insert(lang.to_owned(), index);
            }
            index
        })?;
        syntaxes.syntaxes().get(index)
    }

    /// One line's tokens as spans, as syntect's `line_tokens_to_classed_spans` writes
    /// them (a span opened and closed around no text is dropped); returns the change in
    /// the number of open spans, or `None` if the scope operations do not fit the stack.
    fn line(
        &self,
        line: &str,
        ops: &[(usize, ScopeStackOp)],
        stack: &mut ScopeStack,
        out: &mut String,
    ) -> Option<isize> {
        let mut done = 0;
        let mut delta = 0;
        let mut empty = false;
        let mut span_start = 0;
        for (at, op) in ops {
            if *at > done {
                empty = false;
                escape_code_into(out, &line[done..*at]);
                done = *at;
            }
            let applied = stack.apply_with_hook(op, |basic, _| match basic {
                BasicScopeStackOp::Push(scope) => {
                    span_start = out.len();
                    empty = true;
                    self.open_span(scope, out);
                    delta += 1;
                }
                BasicScopeStackOp::Pop => {
                    if empty {
                        out.truncate(span_start);
                    } else {
                        out.push_str("</span>");
                    }
                    delta -= 1;
                    empty = false;
                }
            });
            applied.ok()?;
        }
        escape_code_into(out, &line[done..]);
        Some(delta)
    }

    fn open_span(&self, scope: Scope, out: &mut String) {
        if let Some(span) = self.spans.read().ok().as_ref().and_then(|map| map.get(&scope)) {
            out.push_str(span);
            return;
        }
        let mut span = String::from("<span class=\"");
        for (i, atom) in scope.build_string().split('.').enumerate() {
            if i > 0 {
                span.push(' ');
            }
            span.push_str(CLASS_PREFIX);
            span.push_str(atom);
        }
        span.push_str("\">");
        out.push_str(&span);
        if let Ok(mut map) = self.spans.write() {
            map.insert(scope, span.into());
        }
    }
}

/// The light and dark token stylesheets (`syntax-light.css`, `syntax-dark.css`).
pub fn stylesheets() -> [(&'static str, String); 2] {
    let themes = two_face::theme::extra();
    let light = contrast::readable_css(&css(themes.get(EmbeddedThemeName::InspiredGithub)), contrast::LIGHT_CODE_BG);
    let dark = contrast::readable_css(&css(themes.get(EmbeddedThemeName::OneHalfDark)), contrast::DARK_CODE_BG);
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

/// Fence names writers use that the grammars do not list as a token.
fn alias(lang: &str) -> &str {
    match lang {
        "csharp" | "c#" => "cs",
        "fsharp" | "f#" => "fs",
        "shell" | "console" => "bash",
        "yml" => "yaml",
        "jsonc" => "json",
        "golang" => "go",
        "dockerfile" => "Dockerfile",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_with_classes() {
        let h = Highlighter::new();
        let html = h.block("rust", "fn main() {}\n");
        assert!(html.starts_with("<pre class=\"code\" tabindex=\"0\" data-lang=\"rust\"><code>"));
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="));
    }

    /// The HTML syntect's own generator makes, for comparison.
    fn syntect_html(h: &Highlighter, lang: &str, code: &str) -> String {
        use syntect::html::ClassedHTMLGenerator;
        let syntaxes = h.syntaxes();
        let syntax = syntaxes.find_syntax_by_token(lang).expect("known language");
        let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            generator.parse_html_for_line_which_includes_newline(line).expect("parses");
        }
        generator.finalize()
    }

    #[test]
    fn same_html_as_syntect() {
        let h = Highlighter::new();
        let samples = [
            ("rust", "fn total(p: &[u32]) -> u32 {\n    // 'sum' <all> & \"more\"\n    p.iter().sum()\n}\n"),
            ("rust", "let s = \"unterminated\nstring across lines"),
            ("rs", "/* open\n comment */ struct A<'a>(&'a str);\r\n"),
            ("yaml", "plan: growth-7\nmonthly: { USD: 107, ILS: 428 }\nfeatures: [sso, audit, \"export\"]\n"),
            ("yaml", "key: |\n  block 'text' <b>\n  more\nother: &anchor\n  - *anchor\n"),
            ("bash", "#!/bin/sh\nfor f in *.md; do echo \"$f\" > '/tmp/x' && cat <<EOF\n$f\nEOF\ndone\n"),
            ("json", "{\"a\": [1, 2.5e3, true, null], \"b\": \"<&>\"}\n"),
            ("cs", "var x = $\"{a}\"; // done\n"),
            ("python", "def f(x):\n    return x * 2  # 'two'\n"),
            ("html", "<a href='x' title=\"y\">&amp;</a>\n"),
            ("rust", ""),
            ("rust", "\n\n"),
        ];
        for (lang, code) in samples {
            let mut ours = String::new();
            assert!(h.classed(lang, code, &mut ours), "{lang}");
            assert_eq!(ours, syntect_html(&h, lang, code), "{lang}: {code:?}");
        }
    }

    #[test]
    fn common_fence_names_are_recognised() {
        let h = Highlighter::new();
        for lang in ["csharp", "c#", "shell", "yml"] {
            assert!(h.block(lang, "x\n").contains("class=\"hl-"), "{lang}");
        }
    }

    #[test]
    fn unknown_language_is_escaped_plain() {
        let h = Highlighter::new();
        assert_eq!(
            h.block("nope", "<b>\n"),
            "<pre class=\"code\" tabindex=\"0\" data-lang=\"nope\"><code>&lt;b&gt;\n</code></pre>\n"
        );
    }
}
