//! The Markdown cache: each page body's HTML keyed by a hash of everything that shapes
//! it (the body, its language, the UI strings, the raw-HTML setting, this tool's version). `site serve` keeps
//! it in memory; `site build` keeps it on disk (`.site-cache/`), so a rebuild with
//! nothing changed skips parsing and highlighting. Links are placeholders resolved per
//! domain later, so moving another page never makes a cached body stale.
//!
//! In memory, a body is kept without its HTML: only what assembling reads (links,
//! anchors, headings, images, component calls) and its words (the search index), from
//! a parse that does not highlight.
//! The render stage makes the HTML of the pages it renders again ([`Remake`]) and drops
//! it once the page is packed, as a build without a cache does. Highlighted HTML is
//! about 55 KB a page on code-heavy docs, so holding it was most of the dev server's
//! memory at 10,000 pages; an edit renders a handful of pages, and making their HTML
//! again costs about 150 µs each.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::load::{Content, Page};
use crate::markdown::{self, Highlighter, Labels, Remake, Rendered};

mod disk;
mod history;

/// Bump when the HTML the Markdown stage produces changes shape.
const FORMAT: &str = "md-3";

/// What the parse stage produced.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Every page's body as HTML, aligned with the loaded pages.
    pub rendered: Vec<Arc<Rendered>>,
    /// The ten pages whose Markdown and highlighting took longest, slowest first.
    pub slowest: Vec<(Duration, PathBuf)>,
    /// Set when `rendered` holds no HTML (no cache, or the in-memory cache): the render
    /// stage makes it again.
    pub remake: Option<Remake>,
}

/// Where cached bodies live, if anywhere.
#[derive(Debug, Clone, Default)]
enum Store {
    /// Parse every time.
    #[default]
    None,
    /// Keep bodies between builds of one process (the dev server), without their HTML.
    Memory(HashMap<blake3::Hash, Arc<Rendered>>),
    /// One JSON file per body under this folder.
    Disk(PathBuf),
}

/// The syntax set (loaded once, lazily) and the bodies of earlier builds.
#[derive(Default)]
pub struct BuildCache {
    /// Shared with the [`Remake`] of each build, so the syntax set loads once.
    highlighter: Arc<Highlighter>,
    store: Store,
    /// Bodies taken from the cache in the last build.
    pub hits: usize,
    /// The last git walk: its key (commit checked out, content folder) and dates.
    history: Option<(blake3::Hash, std::sync::Arc<crate::history::LastChanged>)>,
    /// The keys and bodies (without HTML) of the last build's pages (in memory only),
    /// aligned with its pages.
    last: Vec<(blake3::Hash, Arc<Rendered>)>,
}

impl BuildCache {
    /// No cache: every build parses every page.
    pub fn none() -> Self {
        Self::default()
    }

    /// Bodies kept in memory between builds (`site serve`).
    pub fn in_memory() -> Self {
        BuildCache { store: Store::Memory(HashMap::new()), ..Self::default() }
    }

    /// Bodies kept on disk under `dir` between processes (`site build`).
    pub fn on_disk(dir: impl Into<PathBuf>) -> Self {
        BuildCache { store: Store::Disk(dir.into().join(FORMAT)), ..Self::default() }
    }

    /// Markdown to HTML for every page (aligned with `content.pages`), reusing cached
    /// bodies; entries no longer used are dropped so the cache never outgrows the site.
    pub fn parse(&mut self, config: &Config, content: &Content) -> Parsed {
        self.parse_some(config, content, None)
    }

    /// [`BuildCache::parse`], but when `fresh` is given, the pages are those of the last
    /// build (same paths, same order, same languages and strings) with only the pages at
    /// these indexes read again: the others keep their keys and bodies, unhashed.
    pub fn parse_some(&mut self, config: &Config, content: &Content, fresh: Option<&[usize]>) -> Parsed {
        if let Some(fresh) = fresh.filter(|_| self.last.len() == content.pages.len()) {
            return self.parse_fresh(config, content, fresh);
        }
        self.last.clear();
        if matches!(self.store, Store::None) {
            // Nothing to look up or keep: no keys to hash, and no HTML to hold. Bodies
            // are parsed without highlighting for links, anchors and headings, and for
            // their words (the search index), kept as plain text; the render stage
            // makes each body's HTML again and drops it once written.
            self.hits = 0;
            let pages: Vec<&Page> = content.pages.iter().map(|p| &**p).collect();
            let mut parsed = parse(config, content, &pages, &Highlighter::plain(), Keep::Text);
            parsed.remake = Some(self.remake(config, content));
            return parsed;
        }
        // Bodies carry their language's UI strings (permalink label, admonition titles):
        // new strings in a language, new keys for the pages in it. So for the raw-HTML
        // setting.
        let strings = labels_key(config, content);
        let keys: Vec<blake3::Hash> =
            content.pages.as_slice().par_iter().map(|p| key(&strings(&p.lang), &p.lang, p)).collect();
        let mut found: Vec<Option<Arc<Rendered>>> = match &self.store {
            Store::None => vec![None; keys.len()],
            Store::Memory(map) => keys.iter().map(|k| map.get(k).cloned()).collect(),
            Store::Disk(dir) => keys.par_iter().map(|k| read(dir, k).map(Arc::new)).collect(),
        };
        self.hits = found.iter().filter(|f| f.is_some()).count();
        let missing: Vec<usize> = (0..keys.len()).filter(|i| found[*i].is_none()).collect();
        let all = content.pages.as_slice();
        let pages: Vec<&Page> = missing.iter().map(|i| &*all[*i]).collect();
        // In memory, bodies keep their words (the search index) but not their HTML.
        let in_memory = matches!(self.store, Store::Memory(_));
        let Parsed { rendered: fresh, slowest, .. } = if in_memory {
            parse(config, content, &pages, &Highlighter::plain(), Keep::Text)
        } else {
            parse(config, content, &pages, &self.highlighter, Keep::Html)
        };
        let used: HashSet<blake3::Hash> = keys.iter().copied().collect();
        match &mut self.store {
            Store::None => {}
            Store::Memory(map) => {
                map.extend(missing.iter().zip(&fresh).map(|(i, r)| (keys[*i], Arc::clone(r))));
                map.retain(|k, _| used.contains(k));
            }
            // A folder with files the cache did not make is left alone.
            Store::Disk(dir) if disk::claim(dir) => {
                missing.par_iter().zip(&fresh).for_each(|(i, r)| write(dir, &keys[*i], r));
                disk::prune(dir, &used);
            }
            Store::Disk(_) => {}
        }
        for (i, rendered) in missing.into_iter().zip(fresh) {
            found[i] = Some(rendered);
        }
        let rendered: Vec<Arc<Rendered>> = found.into_iter().map(Option::unwrap_or_default).collect();
        if !in_memory {
            return Parsed { rendered, slowest, remake: None };
        }
        self.last = keys.into_iter().zip(rendered.iter().cloned()).collect();
        Parsed { rendered, slowest, remake: Some(self.remake(config, content)) }
    }

    /// The pages at `fresh` parsed (or found in the cache), every other body as it was.
    fn parse_fresh(&mut self, config: &Config, content: &Content, fresh: &[usize]) -> Parsed {
        let all = content.pages.as_slice();
        let pages: Vec<&Page> = fresh.iter().map(|i| &*all[*i]).collect();
        let strings = labels_key(config, content);
        let keys: Vec<blake3::Hash> = pages.iter().map(|p| key(&strings(&p.lang), &p.lang, p)).collect();
        let Store::Memory(map) = &mut self.store else {
            self.last.clear();
            return self.parse(config, content);
        };
        let hit: Vec<Option<Arc<Rendered>>> = keys.iter().map(|k| map.get(k).cloned()).collect();
        let todo: Vec<&Page> = pages.iter().zip(&hit).filter(|(_, h)| h.is_none()).map(|(p, _)| *p).collect();
        let Parsed { rendered: mut made, slowest, .. } =
            parse(config, content, &todo, &Highlighter::plain(), Keep::Text);
        made.reverse();
        self.hits = all.len() - todo.len();
        for ((i, k), h) in fresh.iter().zip(keys).zip(hit) {
            let body = h.or_else(|| made.pop()).unwrap_or_default();
            let (old, _) = std::mem::replace(&mut self.last[*i], (k, Arc::clone(&body)));
            map.insert(k, body);
            if !self.last.iter().any(|(k, _)| *k == old) {
                map.remove(&old);
            }
        }
        let rendered = self.last.iter().map(|(_, r)| Arc::clone(r)).collect();
        Parsed { rendered, slowest, remake: Some(self.remake(config, content)) }
    }

    /// What the render stage needs to make bodies' HTML again, with this cache's syntax set.
    fn remake(&self, config: &Config, content: &Content) -> Remake {
        let labels = languages(config, content).into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        Remake::new(Arc::clone(&self.highlighter), labels, config.markdown.raw_html)
    }
}

/// Each language's key prefix ([`BuildCache::parse`]'s `strings`), as a lookup.
fn labels_key<'a>(config: &'a Config, content: &Content) -> impl Fn(&str) -> blake3::Hash + 'a {
    let shape = shape(config);
    let strings: HashMap<String, blake3::Hash> = config
        .domains
        .iter()
        .map(|d| {
            let labels = Labels::from_strings(content.i18n.table(&d.language));
            (d.language.clone(), blake3::hash(format!("{shape}{labels:?}").as_bytes()))
        })
        .collect();
    let fallback = blake3::hash(format!("{shape}{:?}", Labels::default()).as_bytes());
    move |lang| strings.get(lang).copied().unwrap_or(fallback)
}

/// Everything besides a body and its language that shapes its HTML.
fn shape(config: &Config) -> String {
    format!("{FORMAT}{}{:?}{}", env!("CARGO_PKG_VERSION"), config.markdown.raw_html, crate::markdown::OUTPUT_REVISION)
}

fn key(strings: &blake3::Hash, lang: &str, page: &Page) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new();
    hasher.update(strings.as_bytes());
    hasher.update(lang.as_bytes());
    hasher.update(&[0]);
    hasher.update(page.body().as_bytes());
    hasher.finalize()
}

fn entry(dir: &Path, key: &blake3::Hash) -> PathBuf {
    dir.join(format!("{}.json", key.to_hex()))
}

/// A cached body; anything unreadable is a miss, never an error. An entry is one line
/// of JSON (everything but the HTML) followed by the HTML as it is, which reads much
/// faster than HTML escaped inside JSON.
fn read(dir: &Path, key: &blake3::Hash) -> Option<Rendered> {
    let bytes = std::fs::read(entry(dir, key)).ok()?;
    let newline = bytes.iter().position(|b| *b == b'\n')?;
    let mut rendered: Rendered = serde_json::from_slice(&bytes[..newline]).ok()?;
    rendered.html = String::from_utf8(bytes[newline + 1..].to_vec()).ok()?;
    Some(rendered)
}

/// Best effort: a cache that cannot be written only makes the next build slower.
fn write(dir: &Path, key: &blake3::Hash, rendered: &Rendered) {
    let meta = Rendered { html: String::new(), ..Rendered::clone(rendered) };
    let Ok(mut json) = serde_json::to_vec(&meta) else { return };
    json.push(b'\n');
    json.extend_from_slice(rendered.html.as_bytes());
    let path = entry(dir, key);
    let temp = path.with_extension(format!("tmp{}", std::process::id()));
    if std::fs::create_dir_all(dir).is_ok() && std::fs::write(&temp, json).is_ok() {
        let _ = std::fs::rename(&temp, &path);
    }
}

/// Each domain language's UI strings for bodies.
fn languages<'c>(config: &'c Config, content: &Content) -> HashMap<&'c str, Labels> {
    config
        .domains
        .iter()
        .map(|d| (d.language.as_str(), Labels::from_strings(content.i18n.table(&d.language))))
        .collect()
}

/// What a parse keeps of each body's HTML.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// The HTML.
    Html,
    /// Only its words, as [`Rendered::text`].
    Text,
}

/// Markdown of `pages` to HTML, in parallel, each in its page's language; records the
/// ten slowest pages.
fn parse(config: &Config, content: &Content, pages: &[&Page], highlighter: &Highlighter, keep: Keep) -> Parsed {
    let labels = languages(config, content);
    let fallback = Labels::default();
    let (rendered, times): (Vec<Arc<Rendered>>, Vec<Duration>) = pages
        .par_iter()
        .map(|page| {
            let started = Instant::now();
            let lang = page.lang.as_str();
            let labels = labels.get(lang).unwrap_or(&fallback);
            let mut rendered = markdown::render_as(page.body(), highlighter, labels, config.markdown.raw_html);
            if keep == Keep::Text {
                rendered.text = markdown::plain::text(&rendered.html).into();
                rendered.html = String::new();
            }
            (Arc::new(rendered), started.elapsed())
        })
        .unzip();
    let mut slowest: Vec<(Duration, PathBuf)> =
        times.into_iter().zip(pages).map(|(t, p)| (t, p.source.clone())).collect();
    slowest.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    slowest.truncate(10);
    Parsed { rendered, slowest, remake: None }
}
