//! Translatable text and comparison-table cells as they appear in the catalogue YAML,
//! and money formatted for a locale.
//!
//! A text is either one string used on every domain (`name: Identity`) or a map from
//! language code to string (`summary: {en: For teams, he: לצוותים}`).

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

/// What a language key looks like (`en`, `he`, `pt-BR`), in the schemas too.
pub const LANGUAGE_PATTERN: &str = "^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$";

/// True when `key` looks like a language code ([`LANGUAGE_PATTERN`]).
pub fn is_language(key: &str) -> bool {
    let mut parts = key.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A string, optionally translated per language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// The same text in every language.
    Plain(String),
    /// Language code → text.
    ByLang(BTreeMap<String, String>),
}

impl Text {
    /// The text in `lang`, else in English, else the first one given.
    pub fn get(&self, lang: &str) -> &str {
        match self {
            Text::Plain(s) => s,
            Text::ByLang(map) => {
                map.get(lang).or_else(|| map.get("en")).or_else(|| map.values().next()).map_or("", String::as_str)
            }
        }
    }

    /// The text in `lang` as an owned string.
    pub fn to(&self, lang: &str) -> String {
        self.get(lang).to_owned()
    }
}

/// One cell of the feature comparison: included, not included, or a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// `true`: included.
    Yes,
    /// `false`: not included.
    No,
    /// A value such as `200` or `{en: by contract, he: לפי חוזה}`.
    Value(Text),
}

impl schemars::JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "One string for every language, or one per language code (`{en: ..., he: ...}`).",
            "anyOf": [
                { "type": ["string", "number"] },
                {
                    "type": "object",
                    "propertyNames": { "pattern": LANGUAGE_PATTERN },
                    "additionalProperties": { "type": "string" }
                }
            ]
        })
    }
}

impl schemars::JsonSchema for Cell {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Cell".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let text = generator.subschema_for::<Text>();
        schemars::json_schema!({
            "description": "`true` (included), `false` (not included), or a value shown as text.",
            "anyOf": [ { "type": "boolean" }, text ]
        })
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string, or a map from language to string like `{en: ..., he: ...}`")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text::Plain(v.to_owned()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
        Ok(Text::Plain(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
        Ok(Text::Plain(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
        Ok(Text::Plain(v.to_string()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
        let mut out = BTreeMap::new();
        while let Some(lang) = map.next_key::<String>()? {
            if !is_language(&lang) {
                return Err(de::Error::custom(format!(
                    "`{lang}` is not a language code; a comma in an unquoted `{{ en: a, b }}` starts a new key"
                )));
            }
            let Some(text) = map.next_value::<Option<String>>()? else {
                return Err(de::Error::custom(format!("`{lang}` has no text")));
            };
            out.insert(lang, text);
        }
        Ok(Text::ByLang(out))
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        deserializer.deserialize_any(TextVisitor)
    }
}

struct CellVisitor;

impl<'de> Visitor<'de> for CellVisitor {
    type Value = Cell;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`true`, `false`, a value, or a map from language to value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Cell, E> {
        Ok(if v { Cell::Yes } else { Cell::No })
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Cell, E> {
        TextVisitor.visit_str(v).map(Cell::Value)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Cell, E> {
        TextVisitor.visit_i64(v).map(Cell::Value)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Cell, E> {
        TextVisitor.visit_u64(v).map(Cell::Value)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Cell, E> {
        TextVisitor.visit_f64(v).map(Cell::Value)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Cell, A::Error> {
        TextVisitor.visit_map(map).map(Cell::Value)
    }
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Cell, D::Error> {
        deserializer.deserialize_any(CellVisitor)
    }
}

/// `1490` → `1,490`.
pub fn group_thousands(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if amount < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// An amount in whole units of `currency`, as a reader of `lang` expects it:
/// `$490` in English, `4,990 ₪` (with a no-break space) in Hebrew.
pub fn money(amount: i64, currency: &str, lang: &str) -> String {
    let number = group_thousands(amount);
    let symbol = match currency {
        "USD" => "$",
        "ILS" => "₪",
        "EUR" => "€",
        other => other,
    };
    if lang == "he" || currency == "ILS" {
        format!("{number}\u{a0}{symbol}")
    } else if symbol.len() == 3 {
        format!("{symbol}\u{a0}{number}")
    } else {
        format!("{symbol}{number}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Doc {
        a: Text,
        b: Text,
        c: Vec<Cell>,
    }

    #[test]
    fn text_is_plain_or_per_language() {
        let doc: Doc = crate::yaml::parse("a: Team\nb: {en: Team, he: צוות}\nc: [true, false, 200, x]\n").unwrap();
        assert_eq!(doc.a.get("he"), "Team");
        assert_eq!(doc.b.get("he"), "צוות");
        assert_eq!(doc.b.get("fr"), "Team");
        assert_eq!(doc.c[0], Cell::Yes);
        assert_eq!(doc.c[1], Cell::No);
        assert_eq!(doc.c[2], Cell::Value(Text::Plain("200".into())));
    }

    #[test]
    fn a_text_map_has_only_language_keys_and_string_values() {
        let err = crate::yaml::parse::<Doc>("a: { en: x, y z, he: w }\nb: q\nc: []\n").unwrap_err();
        assert!(err.message.contains("`y z` is not a language code"), "{}", err.message);
        assert!(crate::yaml::parse::<Doc>("a: { en: x, he: }\nb: q\nc: []\n").is_err());
        assert!(is_language("pt-BR") && !is_language("EN") && !is_language("12 months"));
    }

    #[test]
    fn wrong_shape_is_a_located_error() {
        let err = crate::yaml::parse::<Doc>("a: [x]\nb: y\nc: []\n").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.message.contains("expected a string, or a map"), "{}", err.message);
    }

    #[test]
    fn money_follows_the_locale() {
        assert_eq!(group_thousands(180000), "180,000");
        assert_eq!(group_thousands(490), "490");
        assert_eq!(money(490, "USD", "en"), "$490");
        assert_eq!(money(1490, "USD", "en"), "$1,490");
        assert_eq!(money(4990, "ILS", "he"), "4,990\u{a0}₪");
        assert_eq!(money(0, "USD", "en"), "$0");
    }
}
