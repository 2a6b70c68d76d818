//! Fenced-code highlighting with tree-sitter for the common fence languages (Rust, YAML,
//! bash, JSON): one parse of the block by the grammar's generated parser and one query
//! over the tree, where syntect tries dozens of regexes at every position (about 0.3×
//! the instructions; README, "Highlighter options"). Every other language stays on
//! syntect ([`super::highlight`]).
//!
//! The HTML has syntect's class *structure*: the block in `<span class="hl-source
//! hl-rust">`, each token in `<span class="hl-…">` spans named with the TextMate scope
//! syntect's grammar gives that kind of token (`CAPTURES`, then `scoped`), so both
//! theme stylesheets colour it unchanged. It is not syntect's HTML byte for byte: the
//! queries name fewer token kinds and nest no `meta.*` scopes.

use std::cell::RefCell;
use std::sync::OnceLock;

use tree_sitter_highlight::{HighlightConfiguration, HighlightEvent, Highlighter};

use crate::html::escape_code_into;

/// Capture names the queries use (the grammars' own and [`extra`]'s), and the scope
/// (before the language's suffix) each is written as unless `scoped` says otherwise.
/// A scope of several words separated by spaces is a nesting of spans; an empty one
/// writes no span (a token syntect's grammar leaves uncoloured).
const CAPTURES: &[(&str, &str)] = &[
    ("attribute", "meta.annotation"),
    ("boolean", "constant.language"),
    ("comment", "comment.line"),
    ("comment.documentation", "comment.line.documentation"),
    ("constant", "constant.other"),
    ("constant.builtin", "constant.language"),
    ("constructor", "entity.name.type"),
    ("embedded", "meta.embedded"),
    ("entity.name.enum", "entity.name.enum"),
    ("entity.name.function", "entity.name.function"),
    ("entity.name.impl", "entity.name.impl"),
    ("entity.name.module", "entity.name.module"),
    ("entity.name.struct", "entity.name.struct"),
    ("entity.name.trait", "entity.name.trait"),
    ("escape", "constant.character.escape"),
    ("function", "entity.name.function"),
    ("function.macro", "support.macro"),
    ("function.method", "entity.name.function"),
    ("keyword", "keyword.control"),
    ("keyword.heredoc", "keyword.control.heredoc-token"),
    ("label", "entity.name.label"),
    ("none", ""),
    ("number", "constant.numeric"),
    ("operator", "keyword.operator"),
    ("property", "variable.other.member"),
    ("punctuation.bracket", "punctuation.section"),
    ("punctuation.delimiter", "punctuation.separator"),
    ("punctuation.special", "punctuation.definition"),
    ("storage.modifier", "storage.modifier"),
    ("string", "string.quoted.double"),
    ("string.special.key", "entity.name.tag"),
    ("string.unquoted", "string.unquoted"),
    ("support.function", "support.function"),
    ("support.type", "support.type"),
    ("type", "storage.type"),
    ("type.builtin", "storage.type"),
    ("variable.alias", "variable.other.alias"),
    ("variable.annotation", "variable.annotation"),
    ("variable.builtin", "variable.language"),
    ("variable.member", "variable.other.member"),
    ("variable.parameter", "variable.parameter"),
];

/// A capture's scope for one language, where syntect's grammar names that kind of token
/// differently from the default above.
fn scoped(lang: Lang, capture: &str, scope: &'static str) -> &'static str {
    match (lang, capture) {
        (Lang::Json, "string.special.key") => "meta.mapping.key string.quoted.double",
        (Lang::Json, "string") => "meta.mapping.value string.quoted.double",
        // syntect's Rust grammar colours a call of a function or method by name but not
        // through a path (`Vec::new()`), and a type's name only where it is declared
        // (and `Self`, primitives, the prelude's types), a field only where declared.
        (Lang::Rust, "function" | "function.method") => "support.function",
        (Lang::Rust, "type" | "constructor" | "property") => "",
        (Lang::Rust, "label") => "storage.modifier.lifetime",
        (Lang::Bash, "function") => "variable.function",
        (Lang::Bash, "constant") => "variable.parameter.option",
        (Lang::Bash, "property") => "variable.other.readwrite",
        (Lang::Bash, "punctuation.special") => "punctuation.definition.variable",
        (Lang::Bash, "embedded") => "",
        (Lang::Bash, "operator") => "keyword.operator.assignment",
        (Lang::Yaml, "property" | "string.special.key") => "entity.name.tag",
        (Lang::Yaml, "type") => "storage.type.tag-handle",
        _ => scope,
    }
}

/// Patterns of ours, put after each grammar's query (of two patterns capturing one
/// node, tree-sitter-highlight keeps the later's), for tokens syntect's grammars colour
/// in a way the grammar's query does not. Every capture named must be in [`CAPTURES`]:
/// an unknown one would win and leave the token uncoloured.
fn extra(lang: Lang) -> &'static str {
    match lang {
        Lang::Rust => RUST_EXTRA,
        Lang::Bash => BASH_EXTRA,
        Lang::Json => "(pair key: (_) @string.special.key)\n(escape_sequence) @escape\n",
        Lang::Yaml => "(alias_name) @variable.alias\n",
    }
}

const RUST_EXTRA: &str = r#"
((identifier) @constant (#match? @constant "^[A-Z][A-Z\d_]+$"))
((type_identifier) @type.builtin (#eq? @type.builtin "Self"))
((identifier) @type.builtin (#eq? @type.builtin "Self"))
(scoped_identifier path: (identifier) @type.builtin
  (#match? @type.builtin "^([iu](8|16|32|64|128|size)|f32|f64|bool|char|str)$"))
([(identifier) (type_identifier)] @support.type
  (#any-of? @support.type "Some" "None" "Ok" "Err" "Option" "Result" "String" "Vec" "Box"
    "Copy" "Send" "Sized" "Sync" "Drop" "Fn" "FnMut" "FnOnce" "ToOwned" "Clone" "PartialEq"
    "PartialOrd" "Eq" "Ord" "AsRef" "AsMut" "Into" "From" "Default" "Iterator" "Extend"
    "IntoIterator" "DoubleEndedIterator" "ExactSizeIterator" "ToString"))
(struct_item name: (type_identifier) @entity.name.struct)
(enum_item name: (type_identifier) @entity.name.enum)
(trait_item name: (type_identifier) @entity.name.trait)
(impl_item type: (type_identifier) @entity.name.impl)
(impl_item type: (generic_type type: (type_identifier) @entity.name.impl))
(mod_item name: (identifier) @entity.name.module)
(function_item name: (identifier) @entity.name.function)
(attribute (identifier) @variable.annotation)
(attribute arguments: (token_tree (identifier) @none))
(lifetime "'" @label)
(binary_expression operator: _ @operator)
(compound_assignment_expr operator: _ @operator)
(assignment_expression "=" @operator)
(let_declaration "=" @operator)
(match_arm "=>" @operator)
(unary_expression "!" @operator)
(call_expression function: (scoped_identifier name: (identifier) @none))
(generic_function function: (scoped_identifier name: (identifier) @none))
(generic_function function: (field_expression field: (field_identifier) @none))
(closure_parameters (identifier) @variable.parameter)
["async" "await"] @none
(field_declaration name: (field_identifier) @variable.member)
"#;

const BASH_EXTRA: &str = r#"
(simple_expansion "$" @punctuation.special)
(expansion "${" @punctuation.special)
(expansion "}" @punctuation.special)
((command_name (word) @support.function)
  (#any-of? @support.function "echo" "printf" "exit" "set" "cd" "read" "shift" "source"
    "eval" "exec" "return" "trap" "true" "false" "type" "wait" "kill" "alias" "let"
    "ulimit" "umask" "getopts" "shopt" "command" "builtin" "hash" "times" "unalias"))
((command_name (word) @keyword) (#any-of? @keyword "continue" "break"))
["local" "declare" "readonly" "typeset"] @storage.modifier
(function_definition name: (word) @entity.name.function)
(variable_assignment "=" @operator)
(file_redirect [">&" "&>" ">&-" "<&" "<&-" "&>>" ">|"] @operator)
(variable_assignment value: (word) @string.unquoted)
[(heredoc_start) (heredoc_end)] @keyword.heredoc
";" @operator
(test_command ["[" "]" "[[" "]]"] @support.function)
(test_operator) @constant
"#;

/// The languages tree-sitter highlights.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Lang {
    Rust,
    Yaml,
    Bash,
    Json,
}

impl Lang {
    /// The language of a fence's first word, if it is one of ours. (`console` is a
    /// transcript, prompts and output, not a script: it stays on syntect.)
    fn of(fence: &str) -> Option<Lang> {
        match fence {
            "rust" | "rs" => Some(Lang::Rust),
            "yaml" | "yml" => Some(Lang::Yaml),
            "bash" | "sh" | "shell" => Some(Lang::Bash),
            "json" => Some(Lang::Json),
            _ => None,
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// The block's outer scope, as syntect's grammar names it.
    fn source(self) -> &'static str {
        match self {
            Lang::Rust => "source.rust",
            Lang::Yaml => "source.yaml",
            Lang::Bash => "source.shell.bash",
            Lang::Json => "source.json",
        }
    }

    /// The last word of every scope syntect's grammar writes.
    fn suffix(self) -> &'static str {
        match self {
            Lang::Rust => "rust",
            Lang::Yaml => "yaml",
            Lang::Bash => "shell",
            Lang::Json => "json",
        }
    }

    fn grammar(self) -> (tree_sitter::Language, &'static str, &'static str) {
        match self {
            Lang::Rust => (
                tree_sitter_rust::LANGUAGE.into(),
                tree_sitter_rust::HIGHLIGHTS_QUERY,
                tree_sitter_rust::INJECTIONS_QUERY,
            ),
            Lang::Yaml => (tree_sitter_yaml::LANGUAGE.into(), tree_sitter_yaml::HIGHLIGHTS_QUERY, ""),
            Lang::Bash => (tree_sitter_bash::LANGUAGE.into(), tree_sitter_bash::HIGHLIGHT_QUERY, ""),
            Lang::Json => (tree_sitter_json::LANGUAGE.into(), tree_sitter_json::HIGHLIGHTS_QUERY, ""),
        }
    }
}

/// One language's compiled query and the HTML each capture opens and closes.
struct Config {
    config: HighlightConfiguration,
    /// `<span class="hl-source hl-rust">`.
    open_block: String,
    /// Per capture index (into [`CAPTURES`]): its opening span(s), and how many.
    spans: Vec<(String, usize)>,
}

/// Each language's configuration, compiled on first use, once per process (`None`: its
/// query did not compile, so syntect highlights it).
static CONFIGS: [OnceLock<Option<Config>>; 4] = [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];

thread_local! {
    /// The parser and query cursor, reused by every block this thread highlights.
    static HIGHLIGHTER: RefCell<Highlighter> = RefCell::new(Highlighter::new());
}

fn config(lang: Lang) -> Option<&'static Config> {
    CONFIGS[lang.index()].get_or_init(|| compile(lang).ok()).as_ref()
}

fn compile(lang: Lang) -> Result<Config, tree_sitter::QueryError> {
    let (language, highlights, injections) = lang.grammar();
    let query = format!("{highlights}\n{}", extra(lang));
    let name = lang.suffix();
    let mut config = HighlightConfiguration::new(language, name, &query, injections, "")?;
    let names: Vec<&str> = CAPTURES.iter().map(|(capture, _)| *capture).collect();
    config.configure(&names);
    let spans = CAPTURES
        .iter()
        .map(|(capture, scope)| {
            let scope = scoped(lang, capture, scope);
            let open: String = scope.split_whitespace().map(|part| span_for(part, lang.suffix())).collect();
            (open, scope.split_whitespace().count())
        })
        .collect();
    let open_block = span_for(lang.source(), "");
    Ok(Config { config, open_block, spans })
}

/// `<span class="hl-a hl-b hl-suffix">` for scope `a.b` (no suffix when it is empty).
fn span_for(scope: &str, suffix: &str) -> String {
    let mut span = String::from("<span class=\"");
    for (i, atom) in scope.split('.').chain((!suffix.is_empty()).then_some(suffix)).enumerate() {
        if i > 0 {
            span.push(' ');
        }
        span.push_str("hl-");
        span.push_str(atom);
    }
    span.push_str("\">");
    span
}

/// Appends the classed HTML of `code` to `out`; false (and `out` unchanged) when the
/// language is not one of tree-sitter's or highlighting fails (syntect then takes it).
/// Code the grammar cannot parse is still highlighted (around its error nodes), every
/// byte kept.
pub(super) fn classed(fence: &str, code: &str, out: &mut String) -> bool {
    let Some(config) = Lang::of(fence).and_then(config).filter(|_| within_limits(code)) else { return false };
    let start = out.len();
    let done = HIGHLIGHTER.with(|cell| {
        let Ok(mut highlighter) = cell.try_borrow_mut() else { return false };
        write(&mut highlighter, config, code, out)
    });
    if !done {
        out.truncate(start);
    }
    done
}

/// Bracket nesting tree-sitter is given at most: its parsers slow down with depth far
/// faster than linearly (200,000 open parentheses took 50 s, where syntect takes 0.2 s).
const MAX_DEPTH: usize = 100;

/// Leading spaces or tabs on a line tree-sitter is given at most: the YAML scanner keeps
/// a stack of indentation levels whose saved state tree-sitter caps, and a block indented
/// 3,000 levels deep stops the whole process on an assertion in tree-sitter's C.
const MAX_INDENT: usize = 100;

/// Whether `code` is shaped like code a person writes: nesting and indentation below
/// the limits above. Anything deeper (hostile or generated) goes to syntect, which
/// handles it in linear time; the limits are counted on the text alone, so the choice
/// is the same on every machine.
fn within_limits(code: &str) -> bool {
    let mut depth = 0usize;
    for byte in code.bytes() {
        match byte {
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return false;
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    code.lines().all(|line| line.len() - line.trim_start_matches([' ', '\t']).len() <= MAX_INDENT)
}

/// Writes the block; false if the events do not cover the code exactly, in order, or
/// do not nest.
fn write(highlighter: &mut Highlighter, lang: &Config, code: &str, out: &mut String) -> bool {
    // Rust's injections (macro bodies) are Rust again.
    let injected = |name: &str| if name == Lang::Rust.suffix() { config(Lang::Rust).map(|c| &c.config) } else { None };
    let Ok(events) = highlighter.highlight(&lang.config, code.as_bytes(), None, injected) else { return false };
    out.push_str(&lang.open_block);
    let mut open: Vec<usize> = Vec::new();
    let mut done = 0;
    for event in events {
        match event {
            Ok(HighlightEvent::Source { start, end }) => match code.get(start..end) {
                Some(text) if start == done => {
                    escape_code_into(out, text);
                    done = end;
                }
                _ => return false,
            },
            Ok(HighlightEvent::HighlightStart(capture)) => {
                let Some((span, depth)) = lang.spans.get(capture.0) else { return false };
                out.push_str(span);
                open.push(*depth);
            }
            Ok(HighlightEvent::HighlightEnd) => {
                let Some(depth) = open.pop() else { return false };
                for _ in 0..depth {
                    out.push_str("</span>");
                }
            }
            Err(_) => return false,
        }
    }
    if done != code.len() {
        return false;
    }
    for depth in open {
        for _ in 0..depth {
            out.push_str("</span>");
        }
    }
    out.push_str("</span>");
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_query_compiles() {
        for lang in [Lang::Rust, Lang::Yaml, Lang::Bash, Lang::Json] {
            if let Err(e) = compile(lang) {
                panic!("{lang:?}: {e}");
            }
        }
    }

    /// A capture is written as the entry of `CAPTURES` that is its longest prefix (by
    /// dotted parts), as tree-sitter-highlight matches them: each must have one.
    #[test]
    fn every_capture_of_the_queries_is_mapped() {
        for lang in [Lang::Rust, Lang::Yaml, Lang::Bash, Lang::Json] {
            let config = compile(lang).expect("compiles");
            for name in config.config.names().iter().filter(|n| !n.starts_with("injection.")) {
                let known = CAPTURES.iter().any(|(c, _)| name == c || name.starts_with(&format!("{c}.")));
                assert!(known, "{lang:?}: {name}");
            }
        }
    }
}
