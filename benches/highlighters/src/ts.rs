//! tree-sitter-highlight for the common fence languages, each capture written as the
//! TextMate scope the site's stylesheets colour (`hl-keyword hl-control hl-rust`), inside
//! the block's `hl-source hl-…` span as syntect writes it.

use tree_sitter_highlight::{HighlightConfiguration, HighlightEvent, Highlighter};

use crate::escape_code_into;

/// Capture names the grammars' queries use, and the scope (before the language
/// suffix) each is written as.
const CAPTURES: &[(&str, &str)] = &[
    ("attribute", "meta.annotation"),
    ("boolean", "constant.language"),
    ("comment", "comment.line"),
    ("comment.documentation", "comment.line.documentation"),
    ("constant", "constant.other"),
    ("constant.builtin", "constant.language"),
    ("constructor", "entity.name.type"),
    ("embedded", "meta.embedded"),
    ("escape", "constant.character.escape"),
    ("function", "entity.name.function"),
    ("function.macro", "support.macro"),
    ("function.method", "entity.name.function"),
    ("keyword", "keyword.control"),
    ("label", "entity.name.label"),
    ("number", "constant.numeric"),
    ("operator", "keyword.operator"),
    ("property", "variable.other.member"),
    ("punctuation.bracket", "punctuation.section"),
    ("punctuation.delimiter", "punctuation.separator"),
    ("punctuation.special", "punctuation.definition"),
    ("string", "string.quoted.double"),
    ("string.special.key", "entity.name.tag"),
    ("type", "storage.type"),
    ("type.builtin", "storage.type"),
    ("variable.builtin", "variable.language"),
    ("variable.parameter", "variable.parameter"),
];

pub struct Lang {
    config: HighlightConfiguration,
    /// `source.rust` etc., the block's outer scope as syntect names it.
    pub source: &'static str,
    /// Per capture index, the opening span.
    spans: Vec<String>,
    /// Per capture index, the full scope (for the colour comparison).
    pub scopes: Vec<String>,
}

pub struct Ts {
    rust: Lang,
    yaml: Lang,
    bash: Lang,
    json: Lang,
    highlighter: Highlighter,
}

fn lang(language: tree_sitter::Language, name: &str, highlights: &str, injections: &str, source: &'static str) -> Lang {
    let mut config = HighlightConfiguration::new(language, name, highlights, injections, "").expect("query compiles");
    let names: Vec<&str> = CAPTURES.iter().map(|(c, _)| *c).collect();
    config.configure(&names);
    // syntect's shell grammar ends its scopes in `.shell`.
    let suffix = if name == "bash" { "shell" } else { name };
    let scopes: Vec<String> = CAPTURES.iter().map(|(capture, scope)| scoped(name, capture, scope, suffix)).collect();
    // A scope may be a nesting of several (space-separated), as syntect nests them.
    let spans = scopes.iter().map(|s| s.split(' ').map(crate::span_for).collect()).collect();
    Lang { config, source, spans, scopes }
}

/// A capture's scope; keys of JSON and YAML objects are written as syntect's grammars
/// name them.
fn scoped(lang: &str, capture: &str, scope: &str, suffix: &str) -> String {
    let scope = match (lang, capture) {
        ("json", "string.special.key") => "meta.mapping.key string.quoted.double",
        ("json", "string") => "meta.mapping.value string.quoted.double",
        ("rust", "function" | "function.method") => "support.function",
        ("rust", "type" | "constructor") => "support.type",
        ("bash", "function") => "variable.function",
        ("bash", "constant") => "variable.parameter.option",
        ("yaml", "property") | ("yaml", "string.special.key") => "entity.name.tag",
        ("yaml", "type") => "storage.type.tag-handle",
        _ => scope,
    };
    scope.split(' ').map(|part| format!("{part}.{suffix}")).collect::<Vec<_>>().join(" ")
}

/// The grammar's query with its key pattern moved after `(string) @string`: of two
/// patterns capturing one node, tree-sitter-highlight here keeps the later one's.
fn json_query() -> String {
    let query = tree_sitter_json::HIGHLIGHTS_QUERY;
    let key = "(pair\n  key: (_) @string.special.key)\n";
    match query.strip_prefix(key) {
        Some(rest) => format!("{rest}\n{key}"),
        None => query.to_owned(),
    }
}

impl Ts {
    pub fn new() -> Self {
        Ts {
            rust: lang(
                tree_sitter_rust::LANGUAGE.into(),
                "rust",
                tree_sitter_rust::HIGHLIGHTS_QUERY,
                tree_sitter_rust::INJECTIONS_QUERY,
                "source.rust",
            ),
            yaml: lang(
                tree_sitter_yaml::LANGUAGE.into(),
                "yaml",
                tree_sitter_yaml::HIGHLIGHTS_QUERY,
                "",
                "source.yaml",
            ),
            bash: lang(
                tree_sitter_bash::LANGUAGE.into(),
                "bash",
                tree_sitter_bash::HIGHLIGHT_QUERY,
                "",
                "source.shell.bash",
            ),
            json: lang(tree_sitter_json::LANGUAGE.into(), "json", &json_query(), "", "source.json"),
            highlighter: Highlighter::new(),
        }
    }

    pub fn lang(&self, lang: &str) -> Option<&Lang> {
        match crate::alias(lang) {
            "rust" | "rs" => Some(&self.rust),
            "yaml" => Some(&self.yaml),
            "bash" | "sh" => Some(&self.bash),
            "json" => Some(&self.json),
            _ => None,
        }
    }

    /// Appends the classed HTML of `code` if tree-sitter has the language; `listen`
    /// hears each run of text with the capture index it is in (innermost).
    pub fn classed(
        &mut self,
        lang: &str,
        code: &str,
        out: &mut String,
        listen: &mut impl FnMut(&Lang, Option<usize>, &str),
    ) -> Option<bool> {
        let which = match crate::alias(lang) {
            "rust" | "rs" => 0,
            "yaml" => 1,
            "bash" | "sh" => 2,
            "json" => 3,
            _ => return None,
        };
        let langs = [&self.rust, &self.yaml, &self.bash, &self.json];
        let l = langs[which];
        let rust = &self.rust.config;
        let events =
            self.highlighter.highlight(&l.config, code.as_bytes(), None, |name| (name == "rust").then_some(rust));
        let Ok(events) = events else { return Some(false) };
        let start = out.len();
        out.push_str(&crate::span_for(l.source));
        let mut stack: Vec<usize> = Vec::new();
        for event in events {
            match event {
                Ok(HighlightEvent::Source { start, end }) => {
                    listen(l, stack.last().copied(), &code[start..end]);
                    escape_code_into(out, &code[start..end]);
                }
                Ok(HighlightEvent::HighlightStart(h)) => {
                    stack.push(h.0);
                    out.push_str(&l.spans[h.0]);
                }
                Ok(HighlightEvent::HighlightEnd) => {
                    let depth = stack.pop().map_or(1, |h| l.scopes[h].split(' ').count());
                    for _ in 0..depth {
                        out.push_str("</span>");
                    }
                }
                Err(_) => {
                    out.truncate(start);
                    return Some(false);
                }
            }
        }
        out.push_str("</span>");
        Some(true)
    }
}
