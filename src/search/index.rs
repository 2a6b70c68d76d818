//! The index of one domain: terms with their postings, sharded by the first two or
//! three characters of each term or word, so a query fetches one small file per word.
//!
//! Layout under `/search/index/` (all JSON, deterministic for the same pages):
//! - `meta.json`: version, document count, sections, statuses, each document's section
//!   and status (as runs, documents being sorted by URL);
//! - `t/<hex of the prefix's UTF-8>.json`: `{"t": {term: [[forms], [doc, weight, ...]]},
//!   "f": {word: term}}` — `f` maps an English word to its stem, `forms` are the words
//!   of the pages that gave the term (the query side marks them in excerpts), and the
//!   postings are document numbers as gaps, each followed by its weight;
//! - `d/<n>.json`: documents `n*CHUNK ..` as `[url, title, excerpt text]`.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::docs::{Corpus, Doc};
use super::postings::{self, Postings};
use super::text;

/// Documents per `d/<n>.json` file: a query shows ten results, so it fetches at most
/// ten of these small files.
pub const CHUNK: usize = 4;

/// Characters of a term or word that pick its shard: two on a small site (fewer,
/// fuller files), three from [`LARGE`] documents on (a shard stays small).
pub fn shard_chars(docs: usize) -> usize {
    if docs < LARGE {
        2
    } else {
        3
    }
}

/// The document count from which shards are keyed by three characters.
pub const LARGE: usize = 2000;

/// The folder of the index, root-relative.
pub const DIR: &str = "/search/index/";

/// A file of the index: path relative to the domain root, and bytes.
pub type File = (String, Vec<u8>);

/// Builds the index files of one domain's corpus.
pub fn build(corpus: &Corpus) -> Vec<File> {
    let counted: Vec<_> = corpus.docs.par_iter().map(postings::count).collect();
    let index = Postings::new(&counted);
    let mut memo = Memo::default();
    write(&index, corpus, &mut memo);
    memo.files.into_iter().map(|(path, (_, bytes))| (path, bytes)).collect()
}

/// The files of the last index written with it, by path: a fingerprint of what each
/// was made from (when [`Memo::remembering`]) and its bytes. A file whose fingerprint
/// has not changed is not made again.
#[derive(Default)]
pub struct Memo {
    /// Path → (fingerprint, bytes).
    pub files: BTreeMap<String, (blake3::Hash, Vec<u8>)>,
    /// Keep fingerprints for the next index (the dev server); a one-off build does not.
    pub remembering: bool,
}

impl Memo {
    /// A memo that keeps fingerprints.
    pub fn remembering() -> Memo {
        Memo { files: BTreeMap::new(), remembering: true }
    }

    /// Keeps `path`, made by `make` unless its `fingerprint` is the one kept; true when
    /// the bytes are new.
    fn keep(
        &mut self,
        path: String,
        fingerprint: impl FnOnce() -> blake3::Hash,
        make: impl FnOnce() -> Vec<u8>,
    ) -> bool {
        if !self.remembering {
            self.files.insert(path, (blake3::Hash::from_bytes([0; 32]), make()));
            return true;
        }
        let print = fingerprint();
        if self.files.get(&path).is_some_and(|(kept, _)| *kept == print) {
            return false;
        }
        let bytes = make();
        let same = self.files.get(&path).is_some_and(|(_, kept)| *kept == bytes);
        self.files.insert(path, (print, bytes));
        !same
    }
}

/// Writes the index of `corpus` (its documents' postings in `index`) into `memo`,
/// making again only the files whose content changed; returns the paths made anew
/// (files no longer in the index are dropped from `memo`).
pub fn write(index: &Postings<'_>, corpus: &Corpus, memo: &mut Memo) -> Vec<String> {
    let mut fresh = Vec::new();
    let mut paths = std::collections::BTreeSet::new();
    for (path, fingerprint, make) in shards(index, shard_chars(corpus.docs.len())).chain(chunks(&corpus.docs)) {
        if memo.keep(path.clone(), fingerprint, make) {
            fresh.push(path.clone());
        }
        paths.insert(path);
    }
    let meta_path = format!("{DIR}meta.json");
    let last_meta = memo.files.remove(&meta_path);
    memo.files.retain(|path, _| paths.contains(path));
    let version = version(memo.files.iter().map(|(p, (_, b))| (p, b)));
    let bytes = meta(corpus, &version);
    if last_meta.is_none_or(|(_, kept)| kept != bytes) {
        fresh.push(meta_path.clone());
    }
    memo.files.insert(meta_path, (blake3::Hash::from_bytes([0; 32]), bytes));
    fresh
}

/// A file to keep: its path, its fingerprint and its bytes, each made when asked.
type Lazy<'a> = (String, Box<dyn FnOnce() -> blake3::Hash + 'a>, Box<dyn FnOnce() -> Vec<u8> + 'a>);

/// The shard a term or word belongs to.
pub fn shard_of(key: &str, chars: usize) -> String {
    key.chars().take(chars).collect()
}

/// The file name of a shard: its prefix's UTF-8 bytes in hex, safe on any file system.
pub fn shard_file(prefix: &str) -> String {
    prefix.bytes().map(|b| format!("{b:02x}")).collect()
}

#[derive(Default, Serialize)]
struct Shard<'a> {
    t: BTreeMap<&'a str, (&'a [&'a str], &'a [u32])>,
    f: BTreeMap<&'a str, &'a str>,
}

fn shards<'a>(index: &'a Postings<'_>, chars: usize) -> impl Iterator<Item = Lazy<'a>> {
    let mut shards: BTreeMap<String, Shard<'a>> = BTreeMap::new();
    for (term, forms, postings) in &index.terms {
        let entry = (forms.as_slice(), postings.as_slice());
        shards.entry(shard_of(term, chars)).or_default().t.insert(term, entry);
        if text::is_hebrew(term) {
            continue;
        }
        for form in forms.iter().filter(|f| **f != term) {
            let shard = shards.entry(shard_of(form, chars)).or_default();
            shard.f.insert(form, term);
            shard.t.entry(term).or_insert(entry);
        }
    }
    shards.into_iter().map(|(prefix, shard)| {
        let shard = std::rc::Rc::new(shard);
        let (a, b) = (std::rc::Rc::clone(&shard), shard);
        let lazy: Lazy<'a> = (
            format!("{DIR}t/{}.json", shard_file(&prefix)),
            Box::new(move || shard_print(&a)),
            Box::new(move || serde_json::to_vec(&*b).unwrap_or_default()),
        );
        lazy
    })
}

/// What a shard is made of, hashed without making its JSON.
fn shard_print(shard: &Shard<'_>) -> blake3::Hash {
    let mut buf: Vec<u8> = Vec::new();
    for (term, (forms, postings)) in &shard.t {
        buf.extend_from_slice(term.as_bytes());
        buf.push(0);
        for form in *forms {
            buf.extend_from_slice(form.as_bytes());
            buf.push(1);
        }
        buf.push(0);
        buf.extend_from_slice(&(postings.len() as u64).to_le_bytes());
        for n in *postings {
            buf.extend_from_slice(&n.to_le_bytes());
        }
    }
    buf.push(2);
    for (word, term) in &shard.f {
        buf.extend_from_slice(word.as_bytes());
        buf.push(0);
        buf.extend_from_slice(term.as_bytes());
        buf.push(0);
    }
    blake3::hash(&buf)
}

fn chunks(docs: &[Doc]) -> impl Iterator<Item = Lazy<'_>> {
    docs.chunks(CHUNK).enumerate().map(|(n, chunk)| {
        let rows: std::rc::Rc<Vec<(&str, &str, Cow<'_, str>)>> =
            std::rc::Rc::new(chunk.iter().map(|d| (d.url.as_str(), d.title.as_str(), d.excerpt())).collect());
        let a = std::rc::Rc::clone(&rows);
        let lazy: Lazy<'_> = (
            format!("{DIR}d/{n}.json"),
            Box::new(move || {
                let mut hasher = blake3::Hasher::new();
                for (url, title, excerpt) in a.iter() {
                    for part in [url, title, &excerpt.as_ref()] {
                        hasher.update(&(part.len() as u64).to_le_bytes());
                        hasher.update(part.as_bytes());
                    }
                }
                hasher.finalize()
            }),
            Box::new(move || serde_json::to_vec(&*rows).unwrap_or_default()),
        );
        lazy
    })
}

#[derive(Serialize)]
struct Meta<'a> {
    v: &'a str,
    n: usize,
    chunk: usize,
    shard: usize,
    sections: Vec<(&'a str, &'a str)>,
    statuses: Vec<(&'a str, &'a str)>,
    ds: Vec<(usize, usize)>,
    dt: Vec<(usize, usize)>,
}

fn meta(corpus: &Corpus, version: &str) -> Vec<u8> {
    let meta = Meta {
        v: version,
        n: corpus.docs.len(),
        chunk: CHUNK,
        shard: shard_chars(corpus.docs.len()),
        sections: corpus.sections.iter().map(|s| (s.url.as_str(), s.title.as_str())).collect(),
        statuses: corpus.statuses.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect(),
        ds: runs(corpus.docs.iter().map(|d| d.section)),
        dt: runs(corpus.docs.iter().map(|d| d.status)),
    };
    serde_json::to_vec(&meta).unwrap_or_default()
}

/// `[a, a, a, b]` → `[(a, 3), (b, 1)]`.
fn runs(values: impl Iterator<Item = usize>) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for v in values {
        match out.last_mut() {
            Some((last, n)) if *last == v => *n += 1,
            _ => out.push((v, 1)),
        }
    }
    out
}

/// A short hash of every file (given sorted by path), so a browser never mixes two
/// builds' shards.
fn version<'a>(files: impl Iterator<Item = (&'a String, &'a Vec<u8>)>) -> String {
    let mut hasher = blake3::Hasher::new();
    for (path, bytes) in files {
        hasher.update(path.as_bytes());
        hasher.update(bytes);
    }
    hasher.finalize().to_hex()[..12].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_and_gaps() {
        assert_eq!(runs([0, 0, 2, 2, 2, 1].into_iter()), [(0, 2), (2, 3), (1, 1)]);
        assert_eq!(postings::gaps(&[(1, 4), (5, 300)]), [1, 4, 4, 255]);
        assert_eq!(shard_file("ab"), "6162");
        assert_eq!(shard_of("מחיר", 3), "מחי");
    }
}
