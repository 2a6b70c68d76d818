//! The pipeline, one call per stage: load → parse → assemble → render → write.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::assemble::generated::attach;
use crate::assemble::Site;
use crate::cache::BuildCache;
use crate::config::Config;
use crate::diagnostics::{self, Diagnostic};
use crate::fs::FsError;
use crate::load::{self, I18n, Page};
use crate::markdown::Labels;
use crate::render::{self, OutFile, Themes};
use crate::{decisions, pricing, write};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root (holds `content/` and `themes/`).
    pub root: PathBuf,
    /// The output folder (`public/`).
    pub out: PathBuf,
    /// Build one domain only, by key.
    pub domain: Option<String>,
    /// Include pages marked `draft: true`.
    pub drafts: bool,
    /// Folder of the on-disk Markdown cache; `None` parses every page.
    pub cache: Option<PathBuf>,
    /// Treat warnings as errors: nothing is written when there are any.
    pub strict: bool,
}

impl BuildOptions {
    /// Options for `root` with the default output `root/public`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        BuildOptions { out: root.join("public"), root, domain: None, drafts: false, cache: None, strict: false }
    }
}

/// Wall time of each stage.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Reading `site.yaml`, content and themes.
    pub load: Duration,
    /// Markdown to HTML.
    pub parse: Duration,
    /// Pages per domain, URLs, links.
    pub assemble: Duration,
    /// Templates.
    pub render: Duration,
    /// Staging and swap.
    pub write: Duration,
    /// The ten pages whose Markdown and highlighting took longest, slowest first.
    pub slowest: Vec<(Duration, PathBuf)>,
}

/// What a successful build produced.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    /// Hosts built, in `site.yaml` order.
    pub hosts: Vec<String>,
    /// Pages rendered, over all domains.
    pub pages: usize,
    /// Files written.
    pub files: usize,
    /// Non-fatal diagnostics.
    pub warnings: Vec<Diagnostic>,
    /// Per-stage times.
    pub timings: Timings,
    /// Page bodies taken from the Markdown cache instead of being parsed.
    pub cached: usize,
}

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The content is wrong; each diagnostic names file and line. Exit code 1.
    #[error("{} error(s) in the content", .0.len())]
    Content(Vec<Diagnostic>),
    /// The command line is wrong. Exit code 2.
    #[error("{0}")]
    Usage(String),
    /// Reading or writing failed. Exit code 2.
    #[error(transparent)]
    Io(#[from] FsError),
    /// The write stage refused the output folder or a rendered path. Exit code 2.
    #[error(transparent)]
    Write(#[from] write::WriteError),
}

fn content(mut diagnostics: Vec<Diagnostic>) -> Error {
    diagnostics::sort(&mut diagnostics);
    Error::Content(diagnostics)
}

/// Builds the site into `options.out`, atomically.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Error> {
    write::guard_output(&options.root, &options.out)?;
    let mut cache = options.cache.as_ref().map_or_else(BuildCache::none, BuildCache::on_disk);
    let staging = write::Staging::create(&options.out)?;
    // Files go to disk as they are rendered; an I/O error stops the run and is reported
    // as such (exit 2), not as a content error.
    let failed: Mutex<Option<write::WriteError>> = Mutex::new(None);
    let sink = |file: OutFile| {
        staging.put(&file).map_err(|e| {
            let d = Diagnostic::error(e.path(), 0, 0, e.to_string()).with_code("E001");
            failed.lock().unwrap_or_else(PoisonError::into_inner).get_or_insert(e);
            d
        })
    };
    let result = run(options, &mut cache, &mut |_| None, crate::check::build_warnings, &sink);
    if let Some(e) = failed.into_inner().unwrap_or_else(PoisonError::into_inner) {
        return Err(e.into());
    }
    let mut report = result?;
    if options.strict && !report.warnings.is_empty() {
        return Err(content(std::mem::take(&mut report.warnings)));
    }
    let started = Instant::now();
    let hosts = options.domain.as_ref().map(|_| report.hosts.clone());
    staging.commit(hosts.as_deref())?;
    report.timings.write = started.elapsed();
    Ok(report)
}

/// Runs every stage but writing: the rendered files, in a stable order.
pub fn render_site(options: &BuildOptions) -> Result<(Vec<OutFile>, BuildReport), Error> {
    render_site_cached(options, &mut BuildCache::none(), &mut |_| None, crate::check::build_warnings)
}

/// [`render_site`] with extra checks over the assembled site; their errors fail the
/// run, their warnings join the report.
pub fn render_site_with(
    options: &BuildOptions,
    checks: impl FnOnce(&Site<'_>) -> Vec<Diagnostic>,
) -> Result<(Vec<OutFile>, BuildReport), Error> {
    render_site_cached(options, &mut BuildCache::none(), &mut |_| None, checks)
}

/// Like [`render_site_with`], reusing `cache` and rendering only the Markdown pages
/// `select` picks from the assembled site (`None`: all). Generated pages and files are
/// always made.
pub fn render_site_cached(
    options: &BuildOptions,
    cache: &mut BuildCache,
    select: &mut Select<'_>,
    checks: impl FnOnce(&Site<'_>) -> Vec<Diagnostic>,
) -> Result<(Vec<OutFile>, BuildReport), Error> {
    let files = Mutex::new(Vec::new());
    let sink = |file: OutFile| {
        files.lock().unwrap_or_else(PoisonError::into_inner).push(file);
        Ok(())
    };
    let report = run(options, cache, select, checks, &sink)?;
    let mut files = files.into_inner().unwrap_or_else(PoisonError::into_inner);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, report))
}

/// The pipeline: every stage, rendered files handed to `sink` as they are made.
fn run(
    options: &BuildOptions,
    cache: &mut BuildCache,
    select: &mut Select<'_>,
    checks: impl FnOnce(&Site<'_>) -> Vec<Diagnostic>,
    sink: &render::Sink<'_>,
) -> Result<BuildReport, Error> {
    let mut timings = Timings::default();
    let started = Instant::now();
    let config = Config::load(&options.root).map_err(content)?;
    if let Some(key) = &options.domain {
        if config.domain(key).is_none() {
            let keys: Vec<&str> = config.domains.iter().map(|d| d.key.as_str()).collect();
            return Err(Error::Usage(format!("unknown domain `{key}`; the domains are: {}", keys.join(", "))));
        }
    }
    let loaded = load::load(&options.root, options.drafts);
    let themes = Themes::load(&options.root, &config);
    let catalog = pricing::load(&options.root, &config);
    let (content_, themes, catalog) = match (loaded, themes, catalog) {
        (Ok(c), Ok(t), Ok(p)) => (c, t, p),
        (a, b, c) => return Err(content(a.err().into_iter().chain(b.err()).chain(c.err()).flatten().collect())),
    };
    timings.load = started.elapsed();

    let started = Instant::now();
    let rendered = cache.parse(&config, &content_, &mut timings);
    timings.parse = started.elapsed();

    let started = Instant::now();
    let decision_findings = decisions::check(&content_.pages);
    let mut site = match Site::assemble(&config, &content_.pages, &rendered, options.domain.as_deref()) {
        Ok(site) => site,
        Err(mut problems) => {
            problems.extend(decision_findings.into_iter().filter(Diagnostic::is_error));
            return Err(content(problems));
        }
    };
    let mut warnings = generate(&mut site, &catalog, &content_.i18n, decision_findings)?;
    let (errors, more): (Vec<_>, Vec<_>) = checks(&site).into_iter().partition(Diagnostic::is_error);
    if !errors.is_empty() {
        return Err(content(errors));
    }
    warnings.extend(more);
    diagnostics::sort(&mut warnings);
    timings.assemble = started.elapsed();

    let started = Instant::now();
    let only = select(&site);
    let keep = |page: usize| only.as_ref().is_none_or(|set| set.contains(&page));
    let files =
        render::render_selected(&site, &themes, &content_.i18n, &content_.files, &keep, sink).map_err(content)?;
    timings.render = started.elapsed();

    let report = BuildReport {
        hosts: site.domains.iter().map(|d| config.domains[d.domain].host.clone()).collect(),
        pages: site.domains.iter().map(|d| d.entries.len() + d.generated.len()).sum(),
        files,
        warnings,
        timings,
        cached: cache.hits,
    };
    Ok(report)
}

/// Picks the Markdown pages (indices into `site.pages`) a rebuild renders; `None` means all.
pub type Select<'s> = dyn FnMut(&Site<'_>) -> Option<HashSet<usize>> + 's;

/// Adds the pages made from data (decision views, pricing) to every domain; returns
/// the warnings the feature rules found (`findings` holds those found before assembly).
fn generate(
    site: &mut Site<'_>,
    catalog: &pricing::Catalog,
    i18n: &I18n,
    mut findings: Vec<Diagnostic>,
) -> Result<Vec<Diagnostic>, Error> {
    findings.extend(pricing::check(catalog, site.config));
    let mut made = Vec::new();
    let records = decisions::Index::new(site);
    for index in 0..site.domains.len() {
        let domain = site.domains[index].domain;
        let mut generated = decisions::generate(site, &records, domain, i18n).map_err(content)?;
        generated.extend(pricing::generate(catalog, site, domain, i18n).map_err(content)?);
        made.push(generated);
    }
    for (ds, generated) in site.domains.iter_mut().zip(made) {
        let host = site.config.domains[ds.domain].host.clone();
        findings.extend(attach(ds, generated, &host));
    }
    let (errors, warnings): (Vec<_>, Vec<_>) = findings.into_iter().partition(Diagnostic::is_error);
    if errors.is_empty() {
        Ok(warnings)
    } else {
        Err(content(errors))
    }
}

/// The language a page is written in: its `lang`, else that of the domain that owns its folder.
pub fn page_language<'a>(config: &'a Config, page: &'a Page) -> &'a str {
    if let Some(lang) = &page.front.lang {
        return lang;
    }
    let owner = config.domains.iter().find(|d| {
        d.content_dir.as_deref().is_some_and(|dir| page.rel.starts_with(&format!("{}/", dir.trim_end_matches('/'))))
            || d.home.as_deref() == Some(page.rel.as_str())
    });
    owner.or(config.domains.first()).map_or("en", |d| d.language.as_str())
}

pub(crate) fn labels_for(i18n: &I18n, lang: &str) -> Labels {
    let mut labels = Labels::default();
    if let Some(t) = i18n.table(lang) {
        if let Some(p) = t.get("heading_anchor") {
            labels.permalink = p.clone();
        }
        for (kind, title) in labels.admonitions.iter_mut() {
            if let Some(text) = t.get(&format!("admonition_{kind}")) {
                *title = text.clone();
            }
        }
    }
    labels
}
