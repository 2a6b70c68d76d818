//! The one place that knows which YAML crate we use.
//!
//! `serde_yaml` is deprecated upstream; `serde_norway` is a maintained fork with the
//! same serde API, so swapping it is a one-line change here. Errors come back with a
//! 1-based line and column and, for unknown keys, a "did you mean" suggestion.

use serde::de::DeserializeOwned;

use crate::diagnostics::did_you_mean;

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
    pub code: &'static str,
}

/// Parses YAML text into `T`.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_norway::from_str(text).map_err(|e| convert(&e))
}

/// Parses YAML text into a generic value (used for i18n tables and pass-through data).
pub fn parse_value(text: &str) -> Result<serde_json::Value, YamlError> {
    parse(text)
}

fn convert(error: &serde_norway::Error) -> YamlError {
    let (line, column) = error.location().map_or((0, 0), |l| (l.line(), l.column()));
    let message = strip_location(&error.to_string());
    match unknown_field(&message) {
        Some((short, hint)) => YamlError { line, column, message: short, hint: Some(hint), code: "E003" },
        None => YamlError { line, column, hint: type_hint(&message), code: shape_code(&message), message },
    }
}

fn shape_code(message: &str) -> &'static str {
    let shape = ["invalid type", "invalid value", "missing field", "invalid length", "unknown variant"];
    if shape.iter().any(|s| message.contains(s)) {
        "E004"
    } else {
        "E002"
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
    } else if message.contains("duplicate entry") {
        Some("each key may appear once; remove or merge the repeated one".into())
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
    fn duplicate_keys_are_errors() {
        let err = parse::<Sample>("title: a\ntitle: b\n").unwrap_err();
        assert!(err.message.contains("duplicate"), "{}", err.message);
        assert!(err.line >= 1);
    }
}
