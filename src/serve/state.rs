//! The served site: the last good build, in memory, keyed by `host/path`, plus the
//! diagnostics of a rebuild that failed since. Shared by the HTTP workers (readers) and
//! the rebuild thread (the only writer) through [`Shared`], never a global.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use rayon::prelude::*;

use crate::deploy::Rules;
use crate::ids::PageId;
use crate::pipeline::{self, BuildReport, Error, Prepared};
use crate::render::OutFile;

use super::rewrite::LocalHost;

/// Output files by `host/path` (`connectsoft.ai/docs/index.html`).
pub type Files = HashMap<String, Arc<Body>>;

/// Files as kept ([`Body::new`]), with their `host/path`.
pub type Packed = Vec<(String, Arc<Body>)>;

/// Files smaller than this are kept as they are.
const PACK_FROM: usize = 1024;

/// One served file, kept deflated in memory when it is text (HTML is almost all of a
/// large site's served bytes and shrinks about sixfold; fonts and images would not).
/// Every request inflates it again (about a millisecond for a large page): pages are
/// rewritten for the local hosts on the way out anyway, so sending the deflated bytes
/// as they are was not an option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    /// Raw deflate of the bytes when set, else the bytes.
    packed: bool,
    data: Vec<u8>,
}

impl Body {
    /// Keeps `bytes`, deflated when that is worth it.
    pub fn new(path: &str, bytes: Vec<u8>) -> Body {
        let text = [".html", ".xml", ".json", ".txt", ".css", ".js", ".svg"].iter().any(|x| path.ends_with(x));
        if !text || bytes.len() < PACK_FROM {
            return Body { packed: false, data: bytes };
        }
        let mut data = miniz_oxide::deflate::compress_to_vec(&bytes, 1);
        data.shrink_to_fit();
        Body { packed: true, data }
    }

    /// The file's bytes.
    pub fn bytes(&self) -> Cow<'_, [u8]> {
        if !self.packed {
            return Cow::Borrowed(&self.data);
        }
        // What this process deflated inflates; anything else would be a bug, shown as empty.
        Cow::Owned(miniz_oxide::inflate::decompress_to_vec(&self.data).unwrap_or_default())
    }

    /// Bytes held in memory.
    pub fn held(&self) -> usize {
        self.data.len()
    }
}

/// What is being served.
#[derive(Debug, Clone, Default)]
pub struct State {
    /// Number of the last good build (1 for the first); 0 before any succeeded.
    pub build: u64,
    /// Names this server run, so a tab notices a restart.
    pub run: String,
    /// Its files.
    pub files: Arc<Files>,
    /// The domains as served locally.
    pub hosts: Arc<Vec<LocalHost>>,
    /// The diagnostics of the last rebuild, when it failed.
    pub error: Option<String>,
    /// Each host's headers and redirects, as its generated configuration declares them.
    pub rules: Arc<HashMap<String, Rules>>,
}

/// The state as shared between threads.
pub type Shared = Arc<RwLock<State>>;

/// A copy of the state to answer one request with (cheap: the maps are shared).
pub fn snapshot(shared: &Shared) -> State {
    shared.read().unwrap_or_else(PoisonError::into_inner).clone()
}

/// Changes the state under the write lock.
pub fn update<T>(shared: &Shared, f: impl FnOnce(&mut State) -> T) -> T {
    f(&mut shared.write().unwrap_or_else(PoisonError::into_inner))
}

/// The output after a rebuild, and what changed since `old`.
#[derive(Debug)]
pub struct Merged {
    /// The files to serve.
    pub files: Files,
    /// Paths added, removed or changed, sorted.
    pub changed: Vec<String>,
}

/// The output after a rebuild: its `files`, plus the pages named in `kept` (rendered
/// earlier and unaffected) taken from `old`, plus the files of `old` that `carry` accepts
/// and nothing replaced (the last search index, until the next one is made). `None` when
/// a kept page is missing from `old`, which means the caller must render everything.
/// Costs what was rendered, not what is served: kept files are shared, not compared.
pub fn merge(old: &Files, files: Packed, kept: &[String], carry: impl Fn(&str) -> bool) -> Option<Merged> {
    let mut next = Files::with_capacity(files.len() + kept.len());
    for path in kept {
        next.insert(path.clone(), Arc::clone(old.get(path)?));
    }
    let mut changed = Vec::new();
    let mut replaced = kept.len();
    for (path, body) in files {
        match old.get(&path) {
            Some(before) if *before == body => {
                replaced += 1;
                next.insert(path, Arc::clone(before));
            }
            before => {
                replaced += usize::from(before.is_some());
                changed.push(path.clone());
                next.insert(path, body);
            }
        }
    }
    // Old paths not served again (few, and only when some are gone).
    if replaced < old.len() {
        let gone: Vec<(&String, &Arc<Body>)> = old.iter().filter(|(path, _)| !next.contains_key(*path)).collect();
        for (path, body) in gone {
            if carry(path) {
                next.insert(path.clone(), Arc::clone(body));
            } else {
                changed.push(path.clone());
            }
        }
    }
    changed.sort();
    Some(Merged { files: next, changed })
}

/// Output files as kept ([`Body::new`]), made in parallel.
pub fn pack(files: Vec<OutFile>) -> Packed {
    files.into_par_iter().map(|f| (f.path.clone(), Arc::new(Body::new(&f.path, f.bytes)))).collect()
}

/// Renders the pages `keep` accepts, as [`pipeline::render`] does, packing each file
/// the moment it is made (sorted by path): a first build never holds the whole site's
/// HTML at once, only what the render threads are working on.
pub fn render(prepared: &Prepared, keep: &(dyn Fn(PageId) -> bool + Sync)) -> Result<(Packed, BuildReport), Error> {
    let files = Mutex::new(Packed::new());
    let sink = |file: OutFile| {
        let body = Arc::new(Body::new(&file.path, file.bytes));
        files.lock().unwrap_or_else(PoisonError::into_inner).push((file.path, body));
        Ok(())
    };
    let report = pipeline::render(prepared, keep, &sink)?;
    let mut files = files.into_inner().unwrap_or_else(PoisonError::into_inner);
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok((files, report))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Files {
        list.iter().map(|(p, b)| ((*p).to_owned(), Arc::new(Body::new(p, b.as_bytes().to_vec())))).collect()
    }

    fn out(path: &str, bytes: &str) -> OutFile {
        OutFile { path: path.into(), bytes: bytes.as_bytes().to_vec() }
    }

    #[test]
    fn merge_keeps_unaffected_pages_and_drops_the_rest() {
        let old = files(&[("a/x/index.html", "x1"), ("a/y/index.html", "y1"), ("a/gone.png", "p")]);
        let rendered = pack(vec![out("a/x/index.html", "x2"), out("a/sitemap.xml", "s")]);
        let new = merge(&old, rendered, &["a/y/index.html".into()], |_| false).unwrap();
        assert_eq!(new.files, files(&[("a/x/index.html", "x2"), ("a/y/index.html", "y1"), ("a/sitemap.xml", "s")]));
        assert_eq!(new.changed, ["a/gone.png", "a/sitemap.xml", "a/x/index.html"]);
        assert!(merge(&old, vec![], &["a/missing/index.html".into()], |_| false).is_none());
    }

    #[test]
    fn identical_output_is_no_change() {
        let old = files(&[("a/index.html", "same")]);
        let new = merge(&old, pack(vec![out("a/index.html", "same")]), &[], |_| false).unwrap();
        assert!(new.changed.is_empty());
        assert!(Arc::ptr_eq(&old["a/index.html"], &new.files["a/index.html"]), "the old body is kept");
    }

    #[test]
    fn carried_files_stay_until_replaced() {
        let old = files(&[("a/index.html", "x"), ("a/search/index/meta.json", "old index"), ("a/gone.html", "g")]);
        let is_index = |p: &str| p.contains("/search/index/");
        let new = merge(&old, pack(vec![out("a/index.html", "x")]), &[], is_index).unwrap();
        assert_eq!(new.files, files(&[("a/index.html", "x"), ("a/search/index/meta.json", "old index")]));
        assert_eq!(new.changed, ["a/gone.html"]);
        let rendered = pack(vec![out("a/index.html", "x"), out("a/search/index/meta.json", "new index")]);
        let newer = merge(&new.files, rendered, &[], is_index).unwrap();
        assert_eq!(newer.changed, ["a/search/index/meta.json"]);
    }

    #[test]
    fn text_is_kept_deflated_and_read_back_whole() {
        let page = "<p>a line of HTML</p>\n".repeat(400);
        let body = Body::new("a/index.html", page.clone().into_bytes());
        assert!(body.held() * 4 < page.len(), "{} bytes held for {}", body.held(), page.len());
        assert_eq!(body.bytes(), page.as_bytes());
        let image = vec![7u8; 4000];
        let body = Body::new("a/x.png", image.clone());
        assert_eq!((body.held(), &*body.bytes()), (4000, &image[..]));
        assert_eq!(Body::new("a/small.html", b"<p>".to_vec()).held(), 3);
    }

    #[test]
    fn shared_state_reads_and_writes() {
        let shared: Shared = Arc::default();
        update(&shared, |s| s.build = 4);
        assert_eq!(snapshot(&shared).build, 4);
    }
}
