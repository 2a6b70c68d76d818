//! The index kept between rebuilds (`site serve`): a page's text is read from its HTML
//! and its words counted again only when its body, title, description or URL changed;
//! every word seen is numbered and its terms worked out once per session; and only the
//! files whose content changed are made again. The files are those [`super::files`]
//! makes for the same site, byte for byte.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::docs::{self, Doc};
use super::index::{self, Memo};
use super::postings::{self, Numbered, Postings, Words};
use super::text::Terms;
use super::words::FastMap;
use crate::assemble::Site;
use crate::markdown::Rendered;

/// The index of every domain as last made, and what it was made from.
#[derive(Default)]
pub struct Kept {
    domains: HashMap<String, Domain>,
    terms: Option<Terms>,
}

/// What an update made: every index file, `host/path`, either unchanged since the last
/// update or given anew.
#[derive(Debug, Default)]
pub struct Update {
    /// Files as the last update gave them.
    pub unchanged: Vec<String>,
    /// Files new or changed, with their bytes.
    pub written: Vec<(String, Vec<u8>)>,
}

#[derive(Default)]
struct Domain {
    /// Markdown page URL → its body's text as last read.
    texts: HashMap<String, Text>,
    /// Document URL → its words as last counted.
    counted: HashMap<String, Counted>,
    /// Every word seen, by number, and its terms by number.
    ids: FastMap<Box<str>, u32>,
    words: Vec<Box<str>>,
    derived: Vec<Vec<(u32, bool)>>,
    term_ids: FastMap<Box<str>, u32>,
    terms: Vec<Box<str>>,
    /// The files as last made.
    memo: Memo,
}

/// A document's words by number, and the title and text they were counted in.
struct Counted {
    title: String,
    lead: String,
    text: Arc<str>,
    words: Numbered,
}

/// A Markdown page's text, and what it was made from.
struct Text {
    /// The body (held, so that no other body can have its address meanwhile).
    body: Arc<Rendered>,
    text: Arc<str>,
}

impl Kept {
    /// The index files of `site` (the same as [`super::files`] makes), and which of them
    /// changed since the last update.
    pub fn update(&mut self, site: &Site) -> Update {
        let terms = self.terms.get_or_insert_with(Terms::default);
        let mut update = Update::default();
        let mut hosts = HashSet::new();
        for ds in &site.domains {
            let host = site.config.domain_at(ds.domain).host.clone();
            let domain = self
                .domains
                .entry(host.clone())
                .or_insert_with(|| Domain { memo: Memo::remembering(), ..Domain::default() });
            let mut texts = HashMap::with_capacity(ds.entries.len());
            let corpus = docs::corpus_with(site, ds, |page, url| {
                let body = &site.rendered[page];
                let text = match domain.texts.remove(url) {
                    Some(t) if Arc::ptr_eq(&t.body, body) => t.text,
                    _ => docs::body_text(site, page),
                };
                texts.insert(url.to_owned(), Text { body: Arc::clone(body), text: Arc::clone(&text) });
                text
            });
            domain.texts = texts;
            domain.count(&corpus.docs, terms);
            let words: Vec<&str> = domain.words.iter().map(AsRef::as_ref).collect();
            let names: Vec<&str> = domain.terms.iter().map(AsRef::as_ref).collect();
            let numbered: Vec<&[(u32, u32, u32)]> = corpus
                .docs
                .iter()
                .map(|d| domain.counted.get(&d.url).map_or(&[][..], |c| c.words.as_slice()))
                .collect();
            let index =
                Postings::numbered(&Words { words: &words, derived: &domain.derived, terms: &names }, &numbered);
            let fresh: HashSet<String> = index::write(&index, &corpus, &mut domain.memo).into_iter().collect();
            for (path, (_, bytes)) in &domain.memo.files {
                if fresh.contains(path) {
                    update.written.push((format!("{host}{path}"), bytes.clone()));
                } else {
                    update.unchanged.push(format!("{host}{path}"));
                }
            }
            hosts.insert(host);
        }
        self.domains.retain(|host, _| hosts.contains(host));
        update
    }

    /// Forgets which files were given, so the next update gives every file (when this
    /// update's files were not served).
    pub fn unsent(&mut self) {
        for domain in self.domains.values_mut() {
            domain.memo = Memo::remembering();
        }
    }
}

impl Domain {
    /// Counts the words of the documents whose title or text changed; forgets the
    /// documents no longer there.
    fn count(&mut self, docs: &[Doc], terms: &Terms) {
        let mut counted = HashMap::with_capacity(docs.len());
        for doc in docs {
            let same = |c: &Counted| {
                c.title == doc.title && c.lead == doc.lead && (Arc::ptr_eq(&c.text, &doc.text) || *c.text == *doc.text)
            };
            let words = match self.counted.remove(&doc.url).filter(same) {
                Some(kept) => kept.words,
                None => self.number(doc, terms),
            };
            counted.insert(
                doc.url.clone(),
                Counted { title: doc.title.clone(), lead: doc.lead.clone(), text: Arc::clone(&doc.text), words },
            );
        }
        self.counted = counted;
    }

    /// A document's words by number, numbering the words never seen before.
    fn number(&mut self, doc: &Doc, terms: &Terms) -> Numbered {
        let mut out: Numbered = Vec::new();
        for (word, title, body) in postings::count(doc) {
            let id = match self.ids.get(word.as_ref()) {
                Some(id) => *id,
                None => self.add_word(&word, terms),
            };
            out.push((id, title, body));
        }
        out
    }

    fn add_word(&mut self, word: &str, terms: &Terms) -> u32 {
        let id = number(self.words.len());
        let mut derived = Vec::new();
        for (term, exact) in terms.of(word) {
            let next = number(self.terms.len());
            let term_id = *self.term_ids.entry(term.as_str().into()).or_insert(next);
            if term_id == next {
                self.terms.push(term.into_boxed_str());
            }
            derived.push((term_id, exact));
        }
        self.words.push(word.into());
        self.ids.insert(word.into(), id);
        self.derived.push(derived);
        id
    }
}

fn number(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
