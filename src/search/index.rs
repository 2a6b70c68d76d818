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

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::docs::{Corpus, Doc, EXCERPT_CHARS};
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
    let mut files = shards(&index, shard_chars(corpus.docs.len()));
    files.extend(chunks(&corpus.docs));
    let version = version(&files);
    files.push((format!("{DIR}meta.json"), meta(corpus, &version)));
    files.sort();
    files
}

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

fn shards(index: &Postings<'_>, chars: usize) -> Vec<File> {
    let mut shards: BTreeMap<String, Shard<'_>> = BTreeMap::new();
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
    shards
        .into_iter()
        .map(|(prefix, shard)| {
            let bytes = serde_json::to_vec(&shard).unwrap_or_default();
            (format!("{DIR}t/{}.json", shard_file(&prefix)), bytes)
        })
        .collect()
}

fn chunks(docs: &[Doc]) -> Vec<File> {
    docs.chunks(CHUNK)
        .enumerate()
        .map(|(n, chunk)| {
            let rows: Vec<(&str, &str, String)> =
                chunk.iter().map(|d| (d.url.as_str(), d.title.as_str(), excerpt_text(&d.text))).collect();
            (format!("{DIR}d/{n}.json"), serde_json::to_vec(&rows).unwrap_or_default())
        })
        .collect()
}

/// The start of a document's text, cut at a word boundary.
fn excerpt_text(text: &str) -> String {
    match text.char_indices().nth(EXCERPT_CHARS) {
        None => text.to_owned(),
        Some((end, _)) => {
            let cut = text[..end].rfind(' ').unwrap_or(end);
            text[..cut].to_owned()
        }
    }
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

/// A short hash of every file, so a browser never mixes two builds' shards.
fn version(files: &[File]) -> String {
    let mut hasher = blake3::Hasher::new();
    let mut sorted: Vec<&File> = files.iter().collect();
    sorted.sort();
    for (path, bytes) in sorted {
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
