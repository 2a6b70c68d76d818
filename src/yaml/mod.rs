//! The one place that knows which YAML crate we use.
//!
//! `serde_yaml` is deprecated upstream; `serde_norway` is a maintained fork with the
//! same serde API, so swapping it is a one-line change here. Errors come back with a
//! 1-based line and column and, for unknown keys, a "did you mean" suggestion.

mod depth;
mod explain;

use serde::de::DeserializeOwned;

use crate::diagnostics::{did_you_mean, Code};

pub use depth::MAX_DEPTH;

/// A YAML syntax or shape error, located in the text that was parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct YamlError {
    /// 1-based line in the parsed text (0 if unknown).
    pub line: usize,
    /// 1-based column (0 if unknown).
    pub column: usize,
    /// The message without its location.
    pub message: String,
    /// How to fix it, when we can tell.
    pub hint: Option<String>,
    /// Stable code: E002 syntax, E003 unknown key, E004 wrong type or missing key.
    pub code: Code,
}

/// Parses YAML text into `T`. Nesting deeper than [`depth::MAX_DEPTH`] is refused
/// before parsing, and a key repeated in any mapping (not only in a struct) is an error.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    if let Some((line, column)) = depth::too_deep(text) {
        return Err(YamlError {
            line,
            column,
            message: format!("YAML nested deeper than {} levels", depth::MAX_DEPTH),
            hint: Some("flatten the data; nothing here needs that much nesting".into()),
            code: Code::E007,
        });
    }
    let value = serde_norway::from_str(text).map_err(|e| convert(&e, text))?;
    // serde checks repeated keys of structs only; a map (`monthly: {USD: 1, USD: 2}`,
    // a UI-string table) would silently keep the last one.
    if !explain::may_repeat_a_key(text) {
        return Ok(value);
    }
    match serde_norway::from_str::<serde_norway::Value>(text) {
        Err(e) if explain::duplicate_key(&e.to_string()).is_some() => Err(convert(&e, text)),
        _ => Ok(value),
    }
}

/// Parses YAML text into a generic value (used for i18n tables and pass-through data).
pub fn parse_value(text: &str) -> Result<serde_json::Value, YamlError> {
    parse(text)
}

fn convert(error: &serde_norway::Error, text: &str) -> YamlError {
    let (line, column) = error.location().map_or((0, 0), |l| (l.line(), l.column()));
    let message = strip_location(&error.to_string());
    if let Some(key) = explain::duplicate_key(&message) {
        let (line, column) = explain::second_key(text, line, column, key).unwrap_or((line, column));
        let prefix = message.split("duplicate ").next().unwrap_or_default();
        return YamlError {
            line,
            column,
            message: format!("{prefix}duplicate key `{key}`"),
            hint: Some(format!("`{key}` is already set above in the same block; keep one of them")),
            code: Code::E002,
        };
    }
    match unknown_field(&message) {
        Some((short, hint)) => YamlError { line, column, message: short, hint: Some(hint), code: Code::E003 },
        None => {
            let hint = explain::hint(&message, text, line, column).or_else(|| type_hint(&message));
            YamlError { line, column, hint, code: shape_code(&message), message }
        }
    }
}

fn shape_code(message: &str) -> Code {
    let shape = ["invalid type", "invalid value", "missing field", "invalid length", "unknown variant"];
    if shape.iter().any(|s| message.contains(s)) {
        Code::E004
    } else {
        Code::E002
    }
}

/// serde_norway appends " at line N column M"; we print the location ourselves.
fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// "domains[0]: unknown field `descripton`, expected one of `title`, `description`"
/// → ("domains[0]: unknown field `descripton`", "did you mean `description`?").
fn unknown_field(message: &str) -> Option<(String, String)> {
    let start = message.find("unknown field `")?;
    let rest = &message[start + "unknown field `".len()..];
    let (field, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    let short = format!("{}unknown field `{field}`", &message[..start]);
    let hint = match did_you_mean(field, expected.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None if expected.is_empty() => "remove this key".into(),
        None => format!("allowed keys here: {}", expected.join(", ")),
    };
    Some((short, hint))
}

fn type_hint(message: &str) -> Option<String> {
    if message.contains("expected a sequence") {
        Some("write a list, e.g. `[a, b]` or one `- item` per line".into())
    } else if message.starts_with("missing field `") {
        let field = message.trim_start_matches("missing field `").trim_end_matches('`');
        Some(format!("add `{field}: ...`"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
        description: Option<String>,
    }

    #[test]
    fn unknown_key_is_located_with_suggestion() {
        let err = parse::<Sample>("title: x\ndescripton: y\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 1));
        assert_eq!(err.message, "unknown field `descripton`");
        assert_eq!(err.hint.as_deref(), Some("did you mean `description`?"));
    }

    #[test]
    fn missing_title_is_reported() {
        let err = parse::<Sample>("description: y\n").unwrap_err();
        assert!(err.message.contains("missing field `title`"), "{}", err.message);
    }

    #[test]
    fn duplicate_keys_are_errors_at_the_repeat() {
        let err = parse::<Sample>("title: a\ndescription: b\ntitle: b\n").unwrap_err();
        assert_eq!((err.line, err.column, err.message.as_str()), (3, 1, "duplicate key `title`"));
        let err = parse::<std::collections::BTreeMap<String, i64>>("USD: 1\nILS: 2\nUSD: 3\n").unwrap_err();
        assert_eq!((err.line, err.column, err.message.as_str()), (3, 1, "duplicate key `USD`"));
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let text = format!("title: {}{}\n", "{a: ".repeat(80_000), "}".repeat(80_000));
        let started = std::time::Instant::now();
        let err = parse::<Sample>(&text).unwrap_err();
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        assert_eq!((err.line, err.column, err.code), (1, 8 + 4 * MAX_DEPTH, Code::E007));
        assert_eq!(err.message, "YAML nested deeper than 64 levels");
    }
}
