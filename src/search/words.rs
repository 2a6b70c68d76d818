//! Words borrowed from the text: the tokeniser behind [`super::text::words`], which
//! allocates only for a word that differs from its text (capitals, Hebrew points).

use std::borrow::Cow;
use std::hash::{BuildHasherDefault, Hasher};

use super::text::{is_mark, MAX_WORD};

/// Calls `f` with each word of `text`, lowercased and without marks, as
/// [`super::text::words`] lists them: borrowed from `text` when the word is written
/// there as it is indexed (most words), owned otherwise.
pub fn each_word<'t>(text: &'t str, mut f: impl FnMut(Cow<'t, str>)) {
    let mut start: Option<usize> = None;
    let mut plain = true;
    for (i, c) in text.char_indices() {
        let mark = is_mark(c);
        if mark || c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
                plain = true;
            }
            plain = plain && !mark && is_own_lowercase(c);
        } else if let Some(s) = start.take() {
            emit(&text[s..i], plain, &mut f);
        }
    }
    if let Some(s) = start {
        emit(&text[s..], plain, &mut f);
    }
}

/// A run of letters, digits and marks as its word, if it is one not too long.
fn emit<'t>(run: &'t str, plain: bool, f: &mut impl FnMut(Cow<'t, str>)) {
    let word: Cow<'t, str> = if plain {
        Cow::Borrowed(run)
    } else {
        Cow::Owned(run.chars().filter(|c| !is_mark(*c)).flat_map(char::to_lowercase).collect())
    };
    if !word.is_empty() && (word.len() <= MAX_WORD || word.chars().count() <= MAX_WORD) {
        f(word);
    }
}

/// True when `c` lowercases to itself alone.
fn is_own_lowercase(c: char) -> bool {
    if c.is_ascii() {
        return !c.is_ascii_uppercase();
    }
    let mut lower = c.to_lowercase();
    lower.next() == Some(c) && lower.next().is_none()
}

/// A hash map keyed by short strings or numbers of the build's own making: the
/// multiply-rotate hash of rustc (`FxHash`), far cheaper than SipHash on words, and
/// safe here as nothing depends on the order (every file's content is sorted).
pub type FastMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<Fx>>;

/// The `FxHash` hasher.
#[derive(Default, Clone, Copy)]
pub struct Fx(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut eight = [0u8; 8];
            eight.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(eight));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut eight = [0u8; 8];
            eight[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(eight) ^ ((rest.len() as u64) << 56));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        each_word(text, |w| out.push((w.to_string(), matches!(w, Cow::Borrowed(_)))));
        out
    }

    #[test]
    fn borrows_what_it_can() {
        assert_eq!(
            all("the Price, הַמְּחִיר; ok"),
            [("the".into(), true), ("price".into(), false), ("המחיר".into(), false), ("ok".into(), true)]
        );
        assert!(all(&"x".repeat(MAX_WORD + 1)).is_empty());
        assert_eq!(all("\u{05B0} a").len(), 1);
    }

    proptest::proptest! {
        /// The same words as the reference tokeniser, on any text (capitals, Hebrew
        /// points, symbols, characters whose lowercase is longer).
        #[test]
        fn same_words_as_text_words(text in "[a-zA-Z0-9 ,.İǅẞ\u{05B0}\u{05BE}א-ת\u{0300}]{0,60}") {
            let mut ours = Vec::new();
            each_word(&text, |w| ours.push(w.into_owned()));
            proptest::prop_assert_eq!(ours, super::super::text::words(&text));
        }
    }
}
