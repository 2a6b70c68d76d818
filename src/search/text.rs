//! Words to index terms, the same way on both sides: the indexer here, the query in
//! `themes/default/static/search.js` (whose Hebrew rules mirror these line for line).
//!
//! - Every word is lowercased and loses its Hebrew vowel points and cantillation marks
//!   (U+0591–U+05C7, except the maqaf U+05BE, which separates words).
//! - A Hebrew word is indexed as itself and as each word left when one of the attached
//!   prefixes is taken off (`המחיר` → `מחיר`, `ושהמחיר` → `שהמחיר`, `המחיר`, `מחיר`), so a
//!   query finds it with or without them; the query is stripped the same way.
//! - Any other word is indexed by its Snowball English stem (`pricing` → `price`). The
//!   query side never stems: each index shard maps the words of the site to their stem.

use rust_stemmers::{Algorithm, Stemmer};

/// The shortest word a prefix may leave (`הים` → `ים`, but never one letter).
const MIN_REST: usize = 2;

/// The longest word indexed, in characters: longer runs are data, not words.
pub const MAX_WORD: usize = 40;

/// True for Hebrew points and accents that do not change which word it is.
pub fn is_mark(c: char) -> bool {
    ('\u{0591}'..='\u{05C7}').contains(&c) && c != '\u{05BE}' && c != '\u{05C0}' && c != '\u{05C3}' && c != '\u{05C6}'
}

/// True for a Hebrew letter (א–ת, final forms included).
pub fn is_hebrew_letter(c: char) -> bool {
    ('\u{05D0}'..='\u{05EA}').contains(&c)
}

/// The words of `text`, lowercased, without marks: runs of letters and digits.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if is_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            push_word(&mut out, std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        push_word(&mut out, word);
    }
    out
}

fn push_word(out: &mut Vec<String>, word: String) {
    if word.chars().count() <= MAX_WORD {
        out.push(word);
    }
}

/// A word's own form with marks removed and lowercased, as [`words`] would give it.
pub fn normalise(word: &str) -> String {
    word.chars().filter(|c| !is_mark(*c)).flat_map(char::to_lowercase).collect()
}

/// True when the word is Hebrew (its first letter is).
pub fn is_hebrew(word: &str) -> bool {
    word.chars().next().is_some_and(is_hebrew_letter)
}

/// The prefixes a Hebrew word may carry: `ו`, then one of `ש כש מ ל`, then one of
/// `ה ב ל כ מ`, each optional (`ו`, `ה`, `וה`, `שה`, `מה`, `כש`, `לכ`, `וכשה`...).
fn prefixes() -> Vec<String> {
    let mut out = Vec::new();
    for first in ["", "ו"] {
        for second in ["", "ש", "כש", "מ", "ל"] {
            for third in ["", "ה", "ב", "ל", "כ", "מ"] {
                let prefix = format!("{first}{second}{third}");
                if !prefix.is_empty() && !out.contains(&prefix) {
                    out.push(prefix);
                }
            }
        }
    }
    out
}

/// The words left when each possible prefix is taken off a Hebrew word (not the word
/// itself), shortest prefix first, without repeats.
pub fn hebrew_stripped(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut list = prefixes();
    list.sort_by_key(|p| (p.chars().count(), p.clone()));
    for prefix in list {
        if let Some(rest) = word.strip_prefix(prefix.as_str()) {
            if rest.chars().count() >= MIN_REST && !out.iter().any(|o| o == rest) {
                out.push(rest.to_owned());
            }
        }
    }
    out
}

/// Turns words into index terms.
pub struct Terms {
    english: Stemmer,
}

impl Default for Terms {
    fn default() -> Self {
        Terms { english: Stemmer::create(Algorithm::English) }
    }
}

impl Terms {
    /// The terms a (normalised) word is indexed under: `(term, exact)`, where `exact`
    /// is false for a Hebrew word with a prefix taken off. Words of one character have none.
    pub fn of(&self, word: &str) -> Vec<(String, bool)> {
        if word.chars().count() < 2 {
            return Vec::new();
        }
        if is_hebrew(word) {
            let mut out = vec![(word.to_owned(), true)];
            out.extend(hebrew_stripped(word).into_iter().map(|w| (w, false)));
            return out;
        }
        if word.chars().all(|c| c.is_ascii_alphabetic()) {
            return vec![(self.english.stem(word).into_owned(), true)];
        }
        vec![(word.to_owned(), true)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_go_and_the_maqaf_splits() {
        assert_eq!(words("הַמְּחִיר שֶׁל בֵּית־הַסֵּפֶר"), ["המחיר", "של", "בית", "הספר"]);
        assert_eq!(normalise("Pricing"), "pricing");
    }

    #[test]
    fn prefixes_come_off_alone_and_combined() {
        assert_eq!(hebrew_stripped("המחיר"), ["מחיר"]);
        assert!(hebrew_stripped("ושהמחיר").contains(&"מחיר".to_owned()));
        assert!(hebrew_stripped("כשהמחיר").contains(&"מחיר".to_owned()));
        assert!(hebrew_stripped("לכשיבוא").contains(&"שיבוא".to_owned()));
        // Never down to one letter.
        assert!(hebrew_stripped("הם").is_empty());
    }

    #[test]
    fn english_words_are_stemmed_and_others_kept() {
        let terms = Terms::default();
        assert_eq!(terms.of("pricing"), [("price".to_owned(), true)]);
        assert_eq!(terms.of("prices"), [("price".to_owned(), true)]);
        assert_eq!(terms.of("2026"), [("2026".to_owned(), true)]);
        assert!(terms.of("a").is_empty());
        assert_eq!(terms.of("במחיר")[1], ("מחיר".to_owned(), false));
    }
}
