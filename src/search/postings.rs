//! The inverted index of one domain, built cheaply: each page's words counted once,
//! borrowed from its text; every distinct word given a number and its terms (stem,
//! Hebrew prefixes off) worked out once; postings as vectors in document order.

use std::borrow::Cow;
use std::collections::hash_map::Entry;

use rayon::prelude::*;

use super::docs::Doc;
use super::text::Terms;
use super::words::{each_word, FastMap};

/// Weight of a word in a title, and in the text, for an exact term; half for a
/// Hebrew word reached by taking a prefix off.
const TITLE: u32 = 20;
const BODY: u32 = 2;

/// Every term of a corpus, sorted, with the words that gave it and its postings.
pub struct Postings<'c> {
    /// Terms in order, each with its words (sorted) and `[gap, weight, ...]`.
    pub terms: Vec<(String, Vec<&'c str>, Vec<u32>)>,
}

/// One page's words: `(word, times in the title, times in the text)`.
pub type Counted<'t> = Vec<(Cow<'t, str>, u32, u32)>;

impl<'c> Postings<'c> {
    /// The postings of `docs` (numbered in order), given their counted words.
    pub fn new(counted: &'c [Counted<'c>]) -> Postings<'c> {
        let (words, docs) = intern(counted);
        let terms = Terms::default();
        let stems: Vec<Vec<(String, bool)>> = words.par_iter().map(|w| terms.of(w)).collect();
        let mut ids: FastMap<&str, u32> = FastMap::default();
        let mut names: Vec<&str> = Vec::new();
        let derived: Vec<Vec<(u32, bool)>> = stems
            .iter()
            .map(|list| list.iter().map(|(term, exact)| (id_of(&mut ids, &mut names, term), *exact)).collect())
            .collect();
        let docs: Vec<&[(u32, u32, u32)]> = docs.iter().map(Vec::as_slice).collect();
        Postings::numbered(&Words { words: &words, derived: &derived, terms: &names }, &docs)
    }

    /// The postings of `docs` (numbered in order), each given as its words by number in
    /// `words`: only the words some document has give forms, only the terms some
    /// document has are listed.
    pub fn numbered(words: &Words<'_, 'c>, docs: &[&[(u32, u32, u32)]]) -> Postings<'c> {
        let postings = postings(docs, words.derived, words.terms.len());
        let mut used = vec![false; words.words.len()];
        for (word, ..) in docs.iter().flat_map(|d| d.iter()) {
            used[*word as usize] = true;
        }
        let mut forms: Vec<Vec<u32>> = vec![Vec::new(); words.terms.len()];
        for (word, list) in words.derived.iter().enumerate().filter(|(w, _)| used[*w]) {
            for (term, _) in list {
                forms[*term as usize].push(u32::try_from(word).unwrap_or(u32::MAX));
            }
        }
        let mut order: Vec<usize> = (0..words.terms.len()).filter(|t| !postings[*t].is_empty()).collect();
        order.sort_unstable_by_key(|t| words.terms[*t]);
        let terms = order
            .into_iter()
            .map(|t| {
                let mut list: Vec<&'c str> = forms[t].iter().map(|w| words.words[*w as usize]).collect();
                list.sort_unstable();
                list.dedup();
                (words.terms[t].to_owned(), list, gaps(&postings[t]))
            })
            .collect();
        Postings { terms }
    }
}

/// Words by number, with the terms each gives: `(term number, exact)`.
pub struct Words<'a, 'c> {
    /// The words.
    pub words: &'a [&'c str],
    /// Per word, its terms by number.
    pub derived: &'a [Vec<(u32, bool)>],
    /// The terms by number.
    pub terms: &'a [&'a str],
}

/// Word → (times in the title, times in the text), for one page.
pub fn count<'t>(doc: &'t Doc) -> Counted<'t> {
    let mut map: FastMap<Cow<'t, str>, (u32, u32)> = FastMap::default();
    let mut add = |word: Cow<'t, str>, title: bool| {
        let bump = |entry: &mut (u32, u32)| if title { entry.0 += 1 } else { entry.1 += 1 };
        if let Some(entry) = map.get_mut(word.as_ref()) {
            bump(entry);
        } else {
            bump(map.entry(word).or_default());
        }
    };
    each_word(&doc.title, |w| add(w, true));
    each_word(&doc.lead, |w| add(w, false));
    each_word(&doc.text, |w| add(w, false));
    map.into_iter().map(|(w, (t, b))| (w, t, b)).collect()
}

/// One page's words by number: `(word, times in the title, times in the text)`.
pub type Numbered = Vec<(u32, u32, u32)>;

/// Numbers the distinct words of all pages: the words by number, and each page's
/// `(word, title count, text count)`.
fn intern<'c>(counted: &'c [Counted<'c>]) -> (Vec<&'c str>, Vec<Numbered>) {
    let mut ids: FastMap<&'c str, u32> = FastMap::default();
    let mut words: Vec<&'c str> = Vec::new();
    let docs = counted
        .iter()
        .map(|doc| doc.iter().map(|(w, t, b)| (id_of(&mut ids, &mut words, w.as_ref()), *t, *b)).collect())
        .collect();
    (words, docs)
}

/// The number of `key`, given the next one when it has none yet.
pub fn id_of<'a>(ids: &mut FastMap<&'a str, u32>, names: &mut Vec<&'a str>, key: &'a str) -> u32 {
    match ids.entry(key) {
        Entry::Occupied(e) => *e.get(),
        Entry::Vacant(e) => {
            let id = u32::try_from(names.len()).unwrap_or(u32::MAX);
            names.push(key);
            *e.insert(id)
        }
    }
}

/// Per term, `(doc, weight)` in document order: a page's words that share a term
/// add up.
fn postings(docs: &[&[(u32, u32, u32)]], derived: &[Vec<(u32, bool)>], terms: usize) -> Vec<Vec<(u32, u32)>> {
    let mut out: Vec<Vec<(u32, u32)>> = vec![Vec::new(); terms];
    for (doc, words) in docs.iter().enumerate() {
        let doc = u32::try_from(doc).unwrap_or(u32::MAX);
        for (word, title, body) in words.iter() {
            let weight = TITLE * title + BODY * body;
            for (term, exact) in &derived[*word as usize] {
                let weight = if *exact { weight } else { weight.div_ceil(2) };
                let list = &mut out[*term as usize];
                match list.last_mut() {
                    Some((last, w)) if *last == doc => *w += weight,
                    _ => list.push((doc, weight)),
                }
            }
        }
    }
    out
}

/// `(doc, weight)` as `[gap, weight, gap, weight, ...]`, weights capped at 255.
pub fn gaps(postings: &[(u32, u32)]) -> Vec<u32> {
    let mut out = Vec::with_capacity(postings.len() * 2);
    let mut last = 0;
    for (doc, weight) in postings {
        out.push(doc - last);
        out.push((*weight).min(255));
        last = *doc;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, text: &str) -> Doc {
        Doc { url: String::new(), title: title.into(), section: 0, status: 0, lead: String::new(), text: text.into() }
    }

    #[test]
    fn words_sharing_a_term_add_up_on_a_page() {
        let docs = [doc("Pricing", "price prices"), doc("", "המחיר")];
        let counted: Vec<_> = docs.iter().map(count).collect();
        let index = Postings::new(&counted);
        let names: Vec<&str> = index.terms.iter().map(|(n, ..)| n.as_str()).collect();
        assert_eq!(names, ["price", "המחיר", "מחיר"]);
        let find = |t: &str| index.terms.iter().find(|(n, ..)| n == t).map(|(_, f, p)| (f.clone(), p.clone()));
        assert_eq!(find("price"), Some((vec!["price", "prices", "pricing"], vec![0, 20 + 2 + 2])));
        assert_eq!(find("המחיר"), Some((vec!["המחיר"], vec![1, 2])));
        assert_eq!(find("מחיר"), Some((vec!["המחיר"], vec![1, 1])));
    }
}
