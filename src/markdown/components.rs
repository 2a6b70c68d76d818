//! Data in Markdown: component calls such as `{{ price(plan="factory.team") }}` in a
//! page's prose (or a catalogue field's), found while the body is parsed and left as
//! numbered placeholders (`<!--site-component:N-->`) that each domain fills with its
//! own data once the site is assembled — the same way internal links are resolved.
//!
//! The call syntax is Zola's shortcode call: a name, then `key="value"` or `key=word`
//! arguments separated by commas. This stage only reads the syntax; which names and
//! arguments exist, and what they render, is the resolver's business (`pricing::components`).
//! Code spans and code blocks are never read for calls (they reach this module as code).

use serde::{Deserialize, Serialize};

use crate::html::escape_into;

use super::money;

/// What a placeholder starts with; the call's number and `-->` follow.
pub const COMPONENT_PLACEHOLDER: &str = "<!--site-component:";

/// One component call found in a body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Call {
    /// The component's name (`price`), as written.
    pub name: String,
    /// Arguments in the order written: name, value, byte offset of the name in the body.
    pub args: Vec<(String, String, usize)>,
    /// Byte offset of `{{` in the body.
    pub offset: usize,
    /// The call as written, `{{ … }}`.
    pub text: String,
    /// Why the call cannot be read (`expected `=` after `plan``), if it cannot.
    pub malformed: Option<String>,
    /// The call is the only thing in its paragraph (a block component may stand there).
    pub alone: bool,
}

/// The placeholder of call number `n`.
pub fn placeholder(n: usize) -> String {
    format!("{COMPONENT_PLACEHOLDER}{n}-->")
}

/// Text with its calls replaced by placeholders (numbered from `first`) and the rest
/// escaped with prices isolated, or `None` when it holds no call. `source` is the
/// body slice the text was read from, starting at byte `start` of the body, used to
/// give each call its offset.
pub fn expand(text: &str, source: &str, start: usize, first: usize) -> Option<(String, Vec<Call>)> {
    if !text.contains("{{") {
        return None;
    }
    let mut html = String::new();
    let mut calls = Vec::new();
    let mut rest = text;
    let mut searched = 0;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open..].find("}}").map(|c| open + c + 2) else { break };
        push_text(&mut html, &rest[..open]);
        let written = &rest[open..close];
        let at = source[searched..].find(written).map_or(start + searched, |i| start + searched + i);
        searched = (at - start + written.len()).min(source.len());
        calls.push(parse(written, at));
        html.push_str(&placeholder(first + calls.len() - 1));
        rest = &rest[close..];
    }
    if calls.is_empty() {
        return None;
    }
    push_text(&mut html, rest);
    Some((html, calls))
}

fn push_text(html: &mut String, text: &str) {
    match money::isolate(text) {
        Some(isolated) => html.push_str(&isolated),
        None => escape_into(html, text),
    }
}

/// Reads one `{{ name(key="value", …) }}` written at body offset `at`.
pub fn parse(written: &str, at: usize) -> Call {
    let mut call = Call {
        name: String::new(),
        args: Vec::new(),
        offset: at,
        text: written.to_owned(),
        malformed: None,
        alone: false,
    };
    let inner_start = 2 + written[2..].len() - written[2..].trim_start().len();
    let inner = written[2..written.len() - 2].trim();
    let name_len = inner.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')).unwrap_or(inner.len());
    call.name = inner[..name_len].to_owned();
    let after = inner[name_len..].trim_start();
    if call.name.is_empty() {
        call.malformed = Some("a component call starts with a name: `{{ price(plan=\"factory.team\") }}`".into());
        return call;
    }
    let Some(args) = after.strip_prefix('(').and_then(|a| a.strip_suffix(')')) else {
        call.malformed = Some(format!("expected `{}(…)`: arguments in parentheses", call.name));
        return call;
    };
    let args_at = at + inner_start + (inner.len() - after.len()) + 1;
    match arguments(args, args_at) {
        Ok(list) => call.args = list,
        Err(message) => call.malformed = Some(message),
    }
    call
}

/// `key="value", key=word` → (key, value, offset of key); `at` is the body offset of `args`.
fn arguments(args: &str, at: usize) -> Result<Vec<(String, String, usize)>, String> {
    let mut out = Vec::new();
    let mut pos = 0;
    let bytes = args.as_bytes();
    loop {
        while pos < bytes.len() && (bytes[pos] == b' ' || bytes[pos] == b',') {
            pos += 1;
        }
        if pos >= bytes.len() {
            return Ok(out);
        }
        let key_start = pos;
        while pos < bytes.len() && (bytes[pos].is_ascii_alphanumeric() || bytes[pos] == b'_') {
            pos += 1;
        }
        let key = &args[key_start..pos];
        let rest = args[pos..].trim_start();
        pos = args.len() - rest.len();
        if key.is_empty() || !rest.starts_with('=') {
            let shown = if key.is_empty() { &args[key_start..] } else { key };
            return Err(format!("expected `name=\"value\"`, found `{shown}`"));
        }
        pos += 1;
        pos += args[pos..].len() - args[pos..].trim_start().len();
        let value = if let Some(quoted) = args[pos..].strip_prefix('"') {
            let end = quoted.find('"').ok_or_else(|| format!("the value of `{key}` has no closing `\"`"))?;
            pos += end + 2;
            quoted[..end].to_owned()
        } else {
            let end = args[pos..].find([',', ' ']).map_or(args.len(), |e| pos + e);
            let word = args[pos..end].to_owned();
            pos = end;
            word
        };
        if out.iter().any(|(k, _, _): &(String, String, usize)| k == key) {
            return Err(format!("`{key}` is given twice"));
        }
        out.push((key.to_owned(), value, at + key_start));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_call_with_quoted_and_bare_values() {
        let call = parse("{{ price(plan=\"factory.team\", period=year) }}", 10);
        assert_eq!(call.name, "price");
        assert_eq!(call.malformed, None);
        assert_eq!(call.args, vec![("plan".into(), "factory.team".into(), 19), ("period".into(), "year".into(), 40)]);
    }

    #[test]
    fn a_malformed_call_says_why() {
        assert!(parse("{{ price plan=1 }}", 0).malformed.unwrap().contains("parentheses"));
        assert!(parse("{{ price(plan) }}", 0).malformed.unwrap().contains("name=\"value\""));
        assert!(parse("{{ price(plan=\"x) }}", 0).malformed.unwrap().contains("closing"));
        assert!(parse("{{ price(a=1, a=2) }}", 0).malformed.unwrap().contains("twice"));
    }

    #[test]
    fn text_around_calls_is_escaped_and_calls_numbered() {
        let (html, calls) = expand("a < {{ x() }} b {{ y() }}", "a < {{ x() }} b {{ y() }}", 100, 3).unwrap();
        assert_eq!(html, "a &lt; <!--site-component:3--> b <!--site-component:4-->");
        assert_eq!(calls[0].offset, 104);
        assert_eq!(calls[1].offset, 116);
        assert_eq!(expand("no call {here}", "", 0, 0), None);
    }
}
