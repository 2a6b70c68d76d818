//! No text is dropped: a per-language text (`{en: ..., he: ...}`) whose keys are not all
//! languages of the site is an error (E048) at the stray key.
//!
//! The usual cause is a comma in an unquoted flow mapping: `{ en: Annual licence, 12
//! months minimum, he: … }` is three keys, `en`, `12 months minimum` (with no value) and
//! `he`, so the English text silently loses everything after the comma.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::diagnostics::{Code, Diagnostic};

/// E048 for every stray key of a language map in `text` (catalogue YAML at `path`).
/// A map counts as a text when one of its keys is a site language and every value is a
/// string or empty. Files that do not parse are left to the parser's own error.
pub fn stray_keys(text: &str, path: &Path, languages: &BTreeSet<&str>) -> Vec<Diagnostic> {
    let Ok(value) = crate::yaml::parse_value(text) else {
        return Vec::new();
    };
    let mut strays = Vec::new();
    walk(&value, languages, &mut strays);
    let mut from = 0;
    strays
        .into_iter()
        .map(|(key, texts)| {
            let (line, column) = locate(text, &key, from);
            from = line;
            let cut = cut_text(text, line, column, &texts);
            let message = match cut {
                Some(cut) => format!("`{key}` is not a language of the site; the text before it, \"{cut}\", is cut there"),
                None => format!("`{key}` is not a language of the site"),
            };
            let known: Vec<&str> = languages.iter().copied().collect();
            let hint = format!(
                "languages are {}; a comma in an unquoted `{{ en: a, b, he: c }}` starts a new key: quote the text, `en: \"a, b\"`",
                known.join(", ")
            );
            Diagnostic::error(path, line, column, message).with_code(Code::E048).with_source(text).with_hint(hint)
        })
        .collect()
}

/// The language texts of a map with a stray key.
type Texts = Vec<(String, String)>;

/// The text that was cut: the value of the nearest `lang:` written before the stray key.
fn cut_text(text: &str, line: usize, column: usize, texts: &Texts) -> Option<String> {
    let written = text.lines().nth(line.checked_sub(1)?)?;
    let before: String = written.chars().take(column.saturating_sub(1)).collect();
    texts
        .iter()
        .filter_map(|(lang, value)| before.rfind(&format!("{lang}:")).map(|at| (at, value)))
        .max_by_key(|(at, _)| *at)
        .map(|(_, value)| value.clone())
}

/// `(stray key, the language texts of its map)`, in document order.
fn walk(value: &Value, languages: &BTreeSet<&str>, out: &mut Vec<(String, Texts)>) {
    match value {
        Value::Object(map) => {
            let texty = map.keys().any(|k| languages.contains(k.as_str()))
                && map.values().all(|v| v.is_string() || v.is_null());
            if !texty {
                map.values().for_each(|v| walk(v, languages, out));
                return;
            }
            let texts: Texts = map
                .iter()
                .filter(|(k, _)| languages.contains(k.as_str()))
                .filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_owned())))
                .collect();
            for key in map.keys().filter(|k| !languages.contains(k.as_str())) {
                out.push((key.clone(), texts.clone()));
            }
        }
        Value::Array(items) => items.iter().for_each(|v| walk(v, languages, out)),
        _ => {}
    }
}

/// 1-based line and column of `key` written as a flow-mapping or block key, searching
/// from line `from` (then from the top); `(1, 0)` when not found.
fn locate(text: &str, key: &str, from: usize) -> (usize, usize) {
    let find = |skip: usize| {
        text.lines().enumerate().skip(skip).find_map(|(i, line)| {
            line.match_indices(key)
                .find(|(at, _)| {
                    let before = line[..*at].trim_end();
                    let after = line[at + key.len()..].trim_start();
                    (before.ends_with(',') || before.ends_with('{') || before.is_empty() || before.ends_with('-'))
                        && (after.starts_with(',') || after.starts_with(':') || after.starts_with('}'))
                })
                .map(|(at, _)| (i + 1, line[..at].chars().count() + 1))
        })
    };
    find(from.saturating_sub(1)).or_else(|| find(0)).unwrap_or((1, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comma_in_a_flow_mapping_is_found_at_the_stray_key() {
        let text = "limits:\n  - { en: Annual licence, 12 months minimum, he: \"רישיון\" }\n";
        let langs: BTreeSet<&str> = ["en", "he"].into();
        let found = stray_keys(text, Path::new("p.yaml"), &langs);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!((d.line, d.column, d.code), (2, 27, Some(Code::E048)));
        assert_eq!(
            d.message,
            "`12 months minimum` is not a language of the site; the text before it, \"Annual licence\", is cut there"
        );
    }

    #[test]
    fn prices_and_quoted_texts_pass() {
        let text = "monthly: { USD: 5, ILS: 20 }\nname: { en: \"a, b\", he: c }\nfeatures: { seats: \"5\", x: true }\n";
        let langs: BTreeSet<&str> = ["en", "he"].into();
        assert!(stray_keys(text, Path::new("p.yaml"), &langs).is_empty());
    }
}
