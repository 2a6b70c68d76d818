//! Incremental rebuilds: the whole pipeline runs in memory, only the pages a batch of
//! edits names are read again ([`super::reread`]; anything else loads the whole tree),
//! Markdown bodies come from the [`BuildCache`] unless their text changed, and only the
//! pages [`affected::select`] picks are rendered. Nothing is written to disk.

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::assemble::links::Reuse;
use crate::assemble::{Links, Site};
use crate::cache::BuildCache;
use crate::deploy::Rules;
use crate::ids::PageId;
use crate::pipeline::{self, BuildOptions, BuildReport, Error, Loaded};
use crate::render::extras::page_path;

use super::affected::{self, Graph, Selection};
use super::watch::Scope;

/// A domain as configured: key, host, base URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomainInfo {
    /// `ai`.
    pub key: String,
    /// `connectsoft.ai`.
    pub host: String,
    /// `https://connectsoft.ai`.
    pub base_url: String,
}

/// What one rebuild produced.
#[derive(Debug)]
pub struct Outcome {
    /// Files rendered this time, packed as they were made.
    pub files: super::state::Packed,
    /// Output paths of pages not re-rendered, to carry over from the last good build.
    pub kept: Vec<String>,
    /// Markdown pages rendered (over all domains).
    pub pages: usize,
    /// The domains, from `site.yaml`.
    pub domains: Vec<DomainInfo>,
    /// The build's report (warnings, stage times).
    pub report: BuildReport,
    /// Wall time.
    pub took: Duration,
    /// Each host's headers and redirects.
    pub rules: Vec<(String, Rules)>,
    /// The assembled site, for the search index built after the reload is sent.
    pub site: Site,
    /// The Markdown files read again (site-root-relative), when only those were read;
    /// `None` when the whole tree was loaded.
    pub reread: Option<Vec<PathBuf>>,
    /// Wall time of each step, in order.
    pub steps: Vec<(&'static str, Duration)>,
}

/// Rebuilds a site again and again, reusing what has not changed.
pub struct Rebuilder {
    options: BuildOptions,
    cache: BuildCache,
    /// The dependency graph of the last good build.
    graph: Option<Graph>,
    /// What the last good build loaded (`None` after a failure: the next build loads all),
    /// made again by [`Rebuilder::keep`] from the site once its reload was sent.
    loaded: Option<Loaded>,
    /// What [`Rebuilder::keep`] needs besides the site.
    parts: Option<Parts>,
    /// The last good build's link table (kept with `loaded`).
    links: Option<Links>,
}

/// What a loaded site holds that the assembled site does not.
struct Parts {
    themes: std::sync::Arc<crate::render::Themes>,
    catalog: pipeline::Catalog,
    warnings: Vec<crate::diagnostics::Diagnostic>,
}

impl Rebuilder {
    /// A rebuilder for the site at `options.root`; `options.out` is never touched.
    pub fn new(options: BuildOptions) -> Rebuilder {
        Rebuilder { options, cache: BuildCache::in_memory(), graph: None, loaded: None, parts: None, links: None }
    }

    /// Rebuilds: loads the whole tree, compares it with the last good build and, with
    /// [`Scope::Changed`], renders only the pages the change affects.
    pub fn run(&mut self, scope: Scope) -> Result<Outcome, Error> {
        self.run_after(scope, None)
    }

    /// [`Rebuilder::run`] after a batch of `changed` paths (absolute): when they only
    /// edit pages already loaded, only those files are read again.
    pub fn run_after(&mut self, scope: Scope, changed: Option<&[PathBuf]>) -> Result<Outcome, Error> {
        let mut clock = Clock::start();
        let kept = self.loaded.take();
        let links = self.links.take();
        self.parts = None;
        let root = &self.options.root;
        let edits = match (scope, &kept, changed) {
            (Scope::Changed, Some(loaded), Some(paths)) => super::reread::edits(root, loaded, paths),
            _ => None,
        };
        let (loaded, fresh) = match (kept, edits) {
            (Some(mut loaded), Some(edits)) => match super::reread::apply(&mut loaded, &edits, self.options.drafts)? {
                Some(fresh) => (loaded, Some(fresh)),
                None => (pipeline::load(&self.options)?, None),
            },
            _ => (pipeline::load(&self.options)?, None),
        };
        clock.step("load");
        let reread = fresh.as_ref().map(|f| shown(&loaded, f));
        let parts = Parts {
            themes: std::sync::Arc::clone(&loaded.themes),
            catalog: loaded.catalog.clone(),
            warnings: loaded.content.warnings.clone(),
        };
        let reuse =
            links.zip(fresh.as_deref()).and_then(|(links, fresh)| reuse(&loaded, self.graph.as_ref()?, links, fresh));
        let prepared =
            pipeline::prepare_loaded(&self.options, loaded, clock.total(), fresh.as_deref(), reuse, &mut self.cache)?;
        clock.steps.push(("lookup", prepared.report.timings.parse));
        clock.steps.push(("assemble", prepared.report.timings.assemble));
        clock.lap();
        let site = &prepared.site;
        let graph = Graph::reusing(site, self.graph.as_ref().zip(fresh.as_deref()));
        clock.step("graph");
        let old = match scope {
            Scope::Changed => self.graph.as_ref(),
            Scope::Everything => None,
        };
        let (only, kept) = choose(site, &affected::select(old, &graph));
        let all: usize = site.domains.iter().map(|d| d.entries.len()).sum();
        let keep_page = |page: PageId| only.as_ref().is_none_or(|set| set.contains(&page));
        let (mut files, mut report) = super::state::render(&prepared, &keep_page)?;
        clock.step("render");
        // The host files and rules, made from every path served (rendered now or kept).
        let hosted = pipeline::publish(site, files.iter().map(|(path, _)| path).chain(&kept))?;
        files.extend(super::state::pack(hosted.files));
        report.warnings.extend(hosted.warnings);
        clock.step("publish");
        // Whatever the loader let through, nothing read through a link leaving the site
        // is served: after a full load the whole tree is checked, after re-reading a few
        // pages [`super::reread`] checked each.
        if fresh.is_none() {
            super::confine::check(root).map_err(Error::Content)?;
        }
        clock.step("confine");
        self.graph = Some(graph);
        self.parts = Some(parts);
        let (pages, rules, domains) = (all - kept.len(), hosted.rules, domains(site));
        Ok(Outcome {
            files,
            pages,
            kept,
            domains,
            report,
            took: clock.total(),
            rules,
            site: prepared.site,
            reread,
            steps: clock.steps,
        })
    }

    /// Keeps what the last good build (whose site this is) loaded, so the next run can
    /// read only the files it changes. Cloning the pages takes time in proportion to the
    /// site, so the server calls this after the reload is sent, not before.
    pub fn keep(&mut self, site: &Site) {
        let Some(Parts { themes, catalog, warnings }) = self.parts.take() else {
            return;
        };
        let content = crate::load::Content {
            pages: site.pages.clone(),
            files: site.files.clone(),
            i18n: site.i18n.clone(),
            warnings,
        };
        self.loaded = Some(Loaded { config: site.config.clone(), content, themes, catalog });
        self.links = Some(site.links.clone());
    }

    /// Forgets the last build's graph, so the next run renders everything.
    pub fn forget(&mut self) {
        self.graph = None;
        self.loaded = None;
        self.parts = None;
        self.links = None;
    }

    /// Drops every cache (after a panic left them in doubt).
    pub fn reset(&mut self) {
        self.cache = BuildCache::in_memory();
        self.graph = None;
        self.loaded = None;
        self.parts = None;
        self.links = None;
    }
}

/// Wall time of each step of a rebuild.
struct Clock {
    started: Instant,
    last: Instant,
    steps: Vec<(&'static str, Duration)>,
}

impl Clock {
    fn start() -> Clock {
        let now = Instant::now();
        Clock { started: now, last: now, steps: Vec::new() }
    }

    /// Ends step `name`, begun when the last one ended.
    fn step(&mut self, name: &'static str) {
        let now = Instant::now();
        self.steps.push((name, now - self.last));
        self.last = now;
    }

    /// Starts the next step now (the steps since were recorded by hand).
    fn lap(&mut self) {
        self.last = Instant::now();
    }

    fn total(&self) -> Duration {
        self.started.elapsed()
    }
}

/// What the last good build resolved, for assembling after re-reading the pages at
/// `fresh`: its link table and where it placed each of those pages.
fn reuse(loaded: &Loaded, graph: &Graph, links: Links, fresh: &[usize]) -> Option<Reuse> {
    let pages = loaded.content.pages.as_slice();
    let placed = fresh.iter().map(|i| Some((PageId::new(*i), graph.0.get(&pages.get(*i)?.rel)?.urls.clone())));
    Some(Reuse { links, fresh: placed.collect::<Option<_>>()? })
}

/// The site-root-relative paths of the loaded pages at `indexes`.
fn shown(loaded: &Loaded, indexes: &[usize]) -> Vec<PathBuf> {
    indexes.iter().map(|i| loaded.content.pages.as_slice()[*i].source.clone()).collect()
}

/// The pages to render for `selection` (`None`: all), and the output paths of the
/// pages not rendered, to carry over from the last good build.
fn choose(site: &Site, selection: &Selection) -> (Option<HashSet<PageId>>, Vec<String>) {
    let Selection::Pages(rels) = selection else {
        return (None, Vec::new());
    };
    let only: HashSet<PageId> = rels.iter().filter_map(|r| site.by_rel.get(r.as_str()).copied()).collect();
    let mut kept = Vec::new();
    for ds in &site.domains {
        let host = &site.config.domain_at(ds.domain).host;
        for entry in ds.entries.iter().filter(|e| !only.contains(&e.page)) {
            kept.push(page_path(host, &entry.url));
        }
    }
    (Some(only), kept)
}

fn domains(site: &Site) -> Vec<DomainInfo> {
    site.config
        .domains
        .iter()
        .map(|d| DomainInfo { key: d.key.clone(), host: d.host.clone(), base_url: d.base_url.clone() })
        .collect()
}
