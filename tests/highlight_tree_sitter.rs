//! Rust, YAML, bash and JSON are highlighted by tree-sitter, every other language by
//! syntect, with one class structure: the block keeps every code byte, escaped, its spans
//! nest, and what a reader sees stays close to syntect's colours. The colour test reads
//! each code byte's classes back as a TextMate scope stack and asks each of the site's
//! two themes (through syntect's own theme matching) for its colour and font style, for
//! the site's HTML and for syntect's; the share of non-space bytes that look the same
//! must not fall below the figures reached (README, "Highlighter options").

use std::collections::HashMap;
use std::sync::OnceLock;

use scraper::{ElementRef, Html, Node, Selector};
use site::markdown::Highlighter;
use syntect::highlighting::{FontStyle, Highlighter as ThemeMatcher, Theme};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::Scope;
use syntect::util::LinesWithEndings;
use two_face::theme::EmbeddedThemeName;

/// (fence language, fixture file, least share of non-space bytes that look the same in
/// the light theme, in the dark theme): the figures reached, rounded down. What still
/// differs (run with `--nocapture`): Rust format placeholders (`{}` in `format!`), a
/// field's name in a struct literal; shell `${…}` and `$(…)` insides, `set`'s options.
const AGREEMENT: &[(&str, &str, f64, f64)] = &[
    ("rust", "sample.rs", 0.985, 0.978),
    ("bash", "sample.sh", 0.946, 0.936),
    ("yaml", "sample.yaml", 0.987, 0.987),
    ("json", "sample.json", 0.988, 0.988),
];

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/highlight").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Each run of code text in `html`'s `<code>` with the classes of the spans around it,
/// outermost first, as scopes (`hl-keyword hl-control hl-rust` → `keyword.control.rust`).
fn runs(html: &str) -> Vec<(String, Vec<String>)> {
    let doc = Html::parse_fragment(html);
    let code = doc.select(&Selector::parse("code").expect("selector")).next().expect("a code element");
    let mut out = Vec::new();
    for node in code.descendants() {
        let Node::Text(text) = node.value() else { continue };
        let mut scopes: Vec<String> = node
            .ancestors()
            .filter_map(ElementRef::wrap)
            .take_while(|e| e.value().name() != "code")
            .map(|span| {
                assert_eq!(span.value().name(), "span", "only spans inside code: {html}");
                let class = span.value().attr("class").expect("a span has classes");
                class
                    .split_whitespace()
                    .map(|c| c.strip_prefix("hl-").expect("hl- class"))
                    .collect::<Vec<_>>()
                    .join(".")
            })
            .collect();
        scopes.reverse();
        out.push((text.to_string(), scopes));
    }
    out
}

/// syntect's own classed HTML, wrapped as the site wraps a block.
fn syntect_html(lang: &str, code: &str) -> String {
    static SYNTAXES: OnceLock<syntect::parsing::SyntaxSet> = OnceLock::new();
    let syntaxes = SYNTAXES.get_or_init(two_face::syntax::extra_newlines);
    let syntax = syntaxes.find_syntax_by_token(lang).expect("syntect knows the language");
    let style = ClassStyle::SpacedPrefixed { prefix: "hl-" };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, style);
    for line in LinesWithEndings::from(code) {
        generator.parse_html_for_line_which_includes_newline(line).expect("syntect parses");
    }
    format!("<pre><code>{}</code></pre>", generator.finalize())
}

/// The run of non-space bytes around byte `i` (the token a difference is in).
fn word_at(code: &str, i: usize) -> &str {
    let start = code[..i].rfind(char::is_whitespace).map_or(0, |p| p + 1);
    let end = code[i..].find(char::is_whitespace).map_or(code.len(), |p| i + p);
    &code[start..end]
}

type Look = ((u8, u8, u8), FontStyle);

/// Per code byte, its look in each theme and its innermost scope.
fn looks(themes: &[ThemeMatcher], html: &str) -> Vec<(Vec<Look>, String)> {
    let mut out = Vec::new();
    for (text, scopes) in runs(html) {
        let stack: Vec<Scope> = scopes.iter().map(|s| Scope::new(s).expect("a scope")).collect();
        let look: Vec<Look> = themes
            .iter()
            .map(|t| {
                let style = t.style_for_stack(&stack);
                let c = style.foreground;
                ((c.r, c.g, c.b), style.font_style)
            })
            .collect();
        let inner = scopes.last().cloned().unwrap_or_default();
        out.extend(std::iter::repeat_n((look, inner), text.len()));
    }
    out
}

/// Colour agreement of one language's blocks, summed.
#[derive(Default)]
struct Agreement {
    bytes: usize,
    /// Per theme (light, dark), bytes that look the same.
    same: [usize; 2],
    /// (theme, syntect's innermost scope, ours) → (bytes, a word it happens in).
    differences: HashMap<(usize, String, String), (usize, String)>,
}

impl Agreement {
    fn add(&mut self, matchers: &[ThemeMatcher], h: &Highlighter, lang: &str, code: &str) {
        let ours = looks(matchers, &h.block(lang, code));
        let theirs = looks(matchers, &syntect_html(lang, code));
        assert_eq!(ours.len(), code.len(), "{lang}: every byte");
        assert_eq!(theirs.len(), code.len(), "{lang}: every byte (syntect)");
        for (i, byte) in code.bytes().enumerate() {
            if byte.is_ascii_whitespace() {
                continue;
            }
            self.bytes += 1;
            for (theme, count) in self.same.iter_mut().enumerate() {
                if ours[i].0[theme] == theirs[i].0[theme] {
                    *count += 1;
                } else {
                    let key = (theme, theirs[i].1.clone(), ours[i].1.clone());
                    let entry = self.differences.entry(key).or_insert((0, word_at(code, i).to_owned()));
                    entry.0 += 1;
                }
            }
        }
    }

    /// Prints the shares and the largest differences; returns the shares.
    fn report(&self, lang: &str) -> [f64; 2] {
        let share = self.same.map(|n| n as f64 / self.bytes.max(1) as f64);
        let bytes = self.bytes;
        println!("{lang}: {bytes} bytes, same colour {:.2} % light, {:.2} % dark", share[0] * 100.0, share[1] * 100.0);
        let mut differences: Vec<_> = self.differences.iter().collect();
        differences.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
        for ((theme, syntect, ts), (n, word)) in differences.iter().take(40) {
            println!("  {} {syntect} -> {ts}: {n} ({word})", ["light", "dark"][*theme]);
        }
        share
    }
}

fn theme_matchers() -> Vec<ThemeMatcher<'static>> {
    static THEMES: OnceLock<two_face::theme::EmbeddedLazyThemeSet> = OnceLock::new();
    let sets = THEMES.get_or_init(two_face::theme::extra);
    let themes: Vec<&Theme> =
        vec![sets.get(EmbeddedThemeName::InspiredGithub), sets.get(EmbeddedThemeName::OneHalfDark)];
    themes.into_iter().map(ThemeMatcher::new).collect()
}

#[test]
fn colours_agree_with_syntect() {
    let matchers = theme_matchers();
    let h = Highlighter::new();
    let mut failures = Vec::new();
    for &(lang, file, least_light, least_dark) in AGREEMENT {
        let mut agreement = Agreement::default();
        agreement.add(&matchers, &h, lang, &fixture(file));
        let share = agreement.report(lang);
        if share[0] < least_light || share[1] < least_dark {
            failures.push(format!("{lang}: {share:?} < ({least_light}, {least_dark})"));
        }
    }
    assert!(failures.is_empty(), "{failures:?}");
}

/// The same comparison over every Rust, YAML, bash and JSON block of a site's Markdown:
/// `HL_SITE=/dev/shm/c1000/content cargo test --test highlight_tree_sitter -- --ignored
/// --nocapture` (slow in a debug build: syntect highlights every block too).
#[test]
#[ignore]
fn colours_agree_on_a_site() {
    let Some(dir) = std::env::var_os("HL_SITE") else { return };
    let limit: usize = std::env::var("HL_SITE_FILES").ok().and_then(|n| n.parse().ok()).unwrap_or(usize::MAX);
    let matchers = theme_matchers();
    let h = Highlighter::new();
    let mut by_lang: std::collections::BTreeMap<&str, Agreement> = Default::default();
    let files = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .take(limit);
    for entry in files {
        let text = std::fs::read_to_string(entry.path()).expect("reads");
        let mut fence: Option<(String, String)> = None;
        for event in pulldown_cmark::Parser::new(&text) {
            use pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};
            match event {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                    fence = Some((info.split_whitespace().next().unwrap_or("").to_owned(), String::new()));
                }
                Event::Text(t) => {
                    if let Some((_, code)) = fence.as_mut() {
                        code.push_str(&t);
                    }
                }
                Event::End(TagEnd::CodeBlock) => {
                    let Some((fence_lang, code)) = fence.take() else { continue };
                    let lang = match fence_lang.as_str() {
                        "rust" | "rs" => "rust",
                        "yaml" | "yml" => "yaml",
                        "bash" | "sh" | "shell" => "bash",
                        "json" => "json",
                        _ => continue,
                    };
                    by_lang.entry(lang).or_default().add(&matchers, &h, lang, &code);
                }
                _ => {}
            }
        }
    }
    for (lang, agreement) in &by_lang {
        agreement.report(lang);
    }
}

/// The code text of a block's HTML (what a reader copies), read by an HTML parser.
fn text_of(html: &str) -> String {
    runs(html).into_iter().map(|(text, _)| text).collect()
}

/// Every `<span …>` in `html` is closed, in order, and no other tag is inside `<code>`.
fn assert_spans_nest(html: &str) {
    let inner = html.split_once("<code>").and_then(|(_, rest)| rest.rsplit_once("</code>")).expect("a code element").0;
    let mut depth = 0usize;
    for (i, _) in inner.match_indices('<') {
        let tag = &inner[i..];
        if tag.starts_with("<span class=\"") {
            depth += 1;
        } else if tag.starts_with("</span>") {
            depth = depth.checked_sub(1).unwrap_or_else(|| panic!("a span closed twice at {i}: {html}"));
        } else {
            panic!("a tag that is not a span at {i} (unescaped code?): {html}");
        }
    }
    assert_eq!(depth, 0, "every span closed: {html}");
}

/// The innermost-first class lists of the spans in a block.
fn classes(html: &str) -> Vec<String> {
    let doc = Html::parse_fragment(html);
    doc.select(&Selector::parse("code span").expect("selector"))
        .filter_map(|s| s.value().attr("class").map(str::to_owned))
        .collect()
}

#[test]
fn every_byte_kept_escaped_and_spans_nest() {
    let h = Highlighter::new();
    let mut cases: Vec<(&str, String)> = AGREEMENT.iter().map(|&(lang, file, _, _)| (lang, fixture(file))).collect();
    cases.extend(
        [
            ("rust", "fn f() -> bool { 1 < 2 && \"<b>\" != '&' as _ } // a < b & c > d\n"),
            ("rs", "/* <!-- --> */ let s = r#\"</code>\"#;\r\nlet t = '\\'';"),
            ("bash", "[ \"$a\" \\< b ] && echo '<&>' > /dev/null 2>&1 <<< \"x\"\n"),
            ("sh", "echo \"${HOME}/&amp;\" # <i>\n"),
            ("shell", "cat <<'EOF'\n<p>&</p>\nEOF\n"),
            ("yaml", "a: \"<b>&</b>\"\nb: '&amp;' # <x>\n"),
            ("yml", "- <&>\n"),
            ("json", "{\"<k>\": \"&v\", \"n\": [1, -2.5e3]}"),
            ("rust", ""),
            ("json", "\n\n"),
            ("rust", "let é = \"ünïcødé 🦀\";\n"),
        ]
        .map(|(lang, code)| (lang, code.to_owned())),
    );
    for (lang, code) in &cases {
        let html = h.block(lang, code);
        // (An HTML parser reads `\r\n` as `\n`: the `\r` is checked in the HTML itself.)
        assert_eq!(text_of(&html), code.replace("\r\n", "\n"), "{lang}: every byte kept");
        assert_eq!(html.matches('\r').count(), code.matches('\r').count(), "{lang}");
        assert_spans_nest(&html);
        if !code.trim().is_empty() {
            let wrapper = classes(&html).into_iter().next().expect("a span");
            assert!(wrapper.starts_with("hl-source "), "{lang}: {wrapper}");
        }
    }
}

#[test]
fn broken_code_keeps_every_byte() {
    let h = Highlighter::new();
    let broken = [
        ("rust", "fn main( {\n    let x = \"unterminated\n    match } } ]]] <T\n"),
        ("bash", "if [ -z \"$x ]; then\n  echo $( (\n case in esac fi <<EOF\n"),
        ("yaml", "a: [1, 2\n  - b: {c\n\t: d\n\"open"),
        ("json", "{\"a\": [1, 2,, }, \"b\": tru \"<&>"),
    ];
    for (lang, code) in broken {
        let html = h.block(lang, code);
        assert_eq!(text_of(&html), code, "{lang}: every byte kept");
        assert_spans_nest(&html);
        assert!(classes(&html).len() > 1, "{lang}: still highlighted: {html}");
    }
}

#[test]
fn code_nested_deeper_than_people_write_goes_to_syntect() {
    // A YAML block indented 3,000 levels deep stopped the process on an assertion in
    // tree-sitter's C (its YAML scanner's saved state is capped); 20,000 open brackets
    // cost tree-sitter seconds where syntect takes milliseconds.
    let h = Highlighter::new();
    let deep_yaml: String = (0..3000).map(|i| format!("{}a:\n", " ".repeat(i))).collect();
    let cases = [
        ("yaml", deep_yaml),
        ("rust", "(".repeat(20_000)),
        ("json", "[".repeat(20_000)),
        ("bash", "$(".repeat(10_000)),
        ("yaml", "{a: [".repeat(5_000)),
    ];
    let inner = |html: &str| {
        let code = html.split_once("<code>").and_then(|(_, rest)| rest.rsplit_once("</code>")).expect("code").0;
        format!("<pre><code>{code}</code></pre>")
    };
    for (lang, code) in &cases {
        let html = h.block(lang, code);
        assert!(text_of(&html) == *code, "{lang}: every byte kept");
        assert!(inner(&html) == syntect_html(lang, code), "{lang}: highlighted by syntect");
    }
    // Code as people write it stays with tree-sitter (its flatter spans differ from syntect's).
    let nested = format!("fn f() {}{}", "{ (".repeat(40), ") }".repeat(40));
    assert_ne!(inner(&h.block("rust", &nested)), syntect_html("rust", &nested));
}

#[test]
fn tree_sitter_takes_its_languages_and_syntect_the_rest() {
    let h = Highlighter::new();
    // syntect's Rust grammar nests `meta.function` around a function; tree-sitter's
    // query writes no such scope.
    let rust = classes(&h.block("rust", "fn main() {}\n"));
    assert_eq!(rust[0], "hl-source hl-rust");
    assert!(!rust.iter().any(|c| c.contains("hl-meta")), "{rust:?}");
    let syntect = classes(&syntect_html("rust", "fn main() {}\n"));
    assert!(syntect.iter().any(|c| c.contains("hl-meta")), "{syntect:?}");
    // Every other language is syntect's, byte for byte.
    for (lang, token, code) in [
        ("python", "python", "def f(x):\n    return x < 2  # 'two' & more\n"),
        ("cs", "cs", "var x = $\"{a}\"; // <done>\n"),
        ("console", "bash", "$ site build --out public\n"),
        ("toml", "toml", "[package]\nname = \"site\"\n"),
    ] {
        let html = h.block(lang, code);
        let inner = html.split_once("<code>").and_then(|(_, rest)| rest.rsplit_once("</code>")).expect("code").0;
        let theirs = syntect_html(token, code);
        assert_eq!(format!("<pre><code>{inner}</code></pre>"), theirs, "{lang}");
    }
    // An unknown language is escaped, unhighlighted.
    let html = h.block("nope", "<b>&\n");
    assert!(classes(&html).is_empty());
    assert_eq!(text_of(&html), "<b>&\n");
}
