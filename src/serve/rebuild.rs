//! Incremental rebuilds: the whole pipeline runs in memory (loading is cheap), Markdown
//! bodies come from the [`BuildCache`] unless their text changed, and only the pages
//! [`affected::select`] picks are rendered. Nothing is written to disk.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use crate::assemble::Site;
use crate::cache::BuildCache;
use crate::deploy::Rules;
use crate::ids::PageId;
use crate::pipeline::{self, BuildOptions, BuildReport, Error};
use crate::render::extras::page_path;
use crate::render::OutFile;

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
    /// Files rendered this time.
    pub files: Vec<OutFile>,
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
}

/// Rebuilds a site again and again, reusing what has not changed.
pub struct Rebuilder {
    options: BuildOptions,
    cache: BuildCache,
    /// The dependency graph of the last good build.
    graph: Option<Graph>,
}

impl Rebuilder {
    /// A rebuilder for the site at `options.root`; `options.out` is never touched.
    pub fn new(options: BuildOptions) -> Rebuilder {
        Rebuilder { options, cache: BuildCache::in_memory(), graph: None }
    }

    /// Rebuilds: assembles the site, compares it with the last good one and, with
    /// [`Scope::Changed`], renders only the pages the change affects.
    pub fn run(&mut self, scope: Scope) -> Result<Outcome, Error> {
        let started = Instant::now();
        let prepared = pipeline::prepare(&self.options, &mut self.cache)?;
        let site = &prepared.site;
        let graph = Graph::of(site);
        let old = match scope {
            Scope::Changed => self.graph.as_ref(),
            Scope::Everything => None,
        };
        let (only, kept) = choose(site, &affected::select(old, &graph));
        let all: usize = site.domains.iter().map(|d| d.entries.len()).sum();
        let keep = |page: PageId| only.as_ref().is_none_or(|set| set.contains(&page));
        let (mut files, mut report) = pipeline::collect(&prepared, &keep)?;
        // The host files and rules, made from every path served (rendered now or kept).
        let hosted = pipeline::publish(site, files.iter().map(|f| &f.path).chain(&kept))?;
        files.extend(hosted.files);
        report.warnings.extend(hosted.warnings);
        // Whatever the loader let through, nothing read through a link leaving the site is served.
        super::confine::check(&self.options.root).map_err(Error::Content)?;
        self.graph = Some(graph);
        let (pages, rules, domains) = (all - kept.len(), hosted.rules, domains(site));
        Ok(Outcome { files, pages, kept, domains, report, took: started.elapsed(), rules, site: prepared.site })
    }

    /// Forgets the last build's graph, so the next run renders everything.
    pub fn forget(&mut self) {
        self.graph = None;
    }

    /// Drops every cache (after a panic left them in doubt).
    pub fn reset(&mut self) {
        self.cache = BuildCache::in_memory();
        self.graph = None;
    }
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
