//! The pipeline, one call per stage: load → parse → assemble → render. Each stage
//! returns an owned value the next one reads; `build`, `check` and `serve` compose
//! these calls and differ only in what they do with the rendered files.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::assemble::{self, Assembled, Feature, Input, Site};
use crate::cache::BuildCache;
use crate::config::Config;
use crate::decisions::{self, Decisions};
use crate::deploy::{self, Rules};
use crate::diagnostics::{self, Diagnostic};
use crate::fs::FsError;
use crate::ids::PageId;
use crate::load::{self, Content};
use crate::pricing::{self, Pricing};
use crate::render::{self, OutFile, Sink, Themes};
use crate::search::{self, Search};

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
    /// The search index, built while the pages render (so not all of it adds to the total).
    pub search: Duration,
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
    /// Reading or writing a file failed. Exit code 2.
    #[error(transparent)]
    Io(#[from] FsError),
    /// The write stage refused the output folder or a rendered path. Exit code 2.
    #[error(transparent)]
    Write(#[from] crate::write::WriteError),
    /// The operating system refused something that is not a file: a socket, a file
    /// watcher, a signal handler. Exit code 2.
    #[error("{doing}: {source}")]
    System {
        /// What was being done (`cannot listen on 127.0.0.1:1111`).
        doing: String,
        /// Why it failed.
        source: std::io::Error,
    },
    /// A bug in `site` stopped a run (the dev server reports it and keeps serving).
    #[error("the build panicked ({0}); this is a bug in `site`")]
    Bug(String),
}

/// A content error with its diagnostics in reading order.
pub fn content(mut diagnostics: Vec<Diagnostic>) -> Error {
    diagnostics::sort(&mut diagnostics);
    Error::Content(diagnostics)
}

/// Products and price lists, as loaded (named here for the dev server, which keeps them).
pub type Catalog = pricing::Catalog;

/// Stage 1's output: everything read from disk.
#[derive(Clone)]
pub struct Loaded {
    /// `site.yaml`.
    pub config: Config,
    /// Pages, static files, UI strings.
    pub content: Content,
    /// The themes the domains use, compiled (shared: the dev server keeps them).
    pub themes: Arc<Themes>,
    /// Products and price lists.
    pub catalog: pricing::Catalog,
}

/// A site assembled and ready to render, with the themes to render it and the report
/// so far (warnings, stage times).
pub struct Prepared {
    /// The assembled site.
    pub site: Site,
    /// Compiled themes.
    pub themes: Arc<Themes>,
    /// Hosts, warnings and times of the stages run so far.
    pub report: BuildReport,
}

/// Load, parse and assemble: everything but rendering.
pub fn prepare(options: &BuildOptions, cache: &mut BuildCache) -> Result<Prepared, Error> {
    let started = Instant::now();
    let loaded = load(options)?;
    prepare_loaded(options, loaded, started.elapsed(), None, None, cache)
}

/// Parse and assemble what was loaded (`load` is how long loading took). With `fresh`
/// (the dev server, after re-reading a few files of an otherwise unchanged tree), only
/// the bodies of those pages (indexes into `loaded.content.pages`) are looked up again;
/// see [`BuildCache::parse_some`]; and with `reuse` only their links and the links to
/// them are resolved again (see [`assemble::links::Reuse`]).
pub fn prepare_loaded(
    options: &BuildOptions,
    loaded: Loaded,
    load: Duration,
    fresh: Option<&[usize]>,
    reuse: Option<assemble::links::Reuse>,
    cache: &mut BuildCache,
) -> Result<Prepared, Error> {
    let mut timings = Timings { load, ..Timings::default() };
    let mut history = Duration::ZERO;
    let last_changed = timed(&mut history, || cache.last_changed(&options.root));
    timings.load += history;
    let parsed = timed(&mut timings.parse, || cache.parse_some(&loaded.config, &loaded.content, fresh));
    timings.slowest = parsed.slowest;
    let Loaded { config, content, themes, catalog } = loaded;
    let input = Input { config, content, rendered: parsed.rendered, remake: parsed.remake, last_changed, reuse };
    let Assembled { site, warnings } =
        timed(&mut timings.assemble, || assemble(input, catalog, &themes, options.domain.as_deref()))?;
    let hosts = site.domains.iter().map(|d| site.config.domain_at(d.domain).host.clone()).collect();
    let pages = site.domains.iter().map(|d| d.entries.len() + d.generated.len()).sum();
    let report = BuildReport { hosts, pages, warnings, timings, cached: cache.hits, files: 0 };
    Ok(Prepared { site, themes, report })
}

/// Renders the Markdown pages `keep` accepts (and every generated page and file) into
/// `sink`; adds the render time and the file count to the report.
pub fn render(
    prepared: &Prepared,
    keep: &(dyn Fn(PageId) -> bool + Sync),
    sink: &Sink<'_>,
) -> Result<BuildReport, Error> {
    let mut report = prepared.report.clone();
    let started = Instant::now();
    report.files = render::render_selected(&prepared.site, &prepared.themes, keep, sink).map_err(content)?;
    report.timings.render = started.elapsed();
    Ok(report)
}

/// Runs every stage but writing: the rendered files, the search index and the host files,
/// in a stable order.
pub fn render_site(options: &BuildOptions) -> Result<(Vec<OutFile>, BuildReport), Error> {
    let prepared = prepare(options, &mut BuildCache::none())?;
    let (files, index) = rayon::join(|| collect(&prepared, &|_| true), || search_files(&prepared.site));
    let (mut files, mut report) = files?;
    report.files += index.len();
    files.extend(index);
    let hosted = publish(&prepared.site, files.iter().map(|f| &f.path))?;
    report.files += hosted.files.len();
    report.warnings.extend(hosted.warnings);
    files.extend(hosted.files);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, report))
}

/// The search index of every domain, as output files.
pub fn search_files(site: &Site) -> Vec<OutFile> {
    search::files(site).into_iter().map(|(path, bytes)| OutFile { path, bytes }).collect()
}

/// [`search_files`], timed.
pub fn search_timed(site: &Site) -> (Vec<OutFile>, Duration) {
    let started = Instant::now();
    let files = search_files(site);
    (files, started.elapsed())
}

/// Renders the pages `keep` accepts into a list sorted by path.
pub fn collect(
    prepared: &Prepared,
    keep: &(dyn Fn(PageId) -> bool + Sync),
) -> Result<(Vec<OutFile>, BuildReport), Error> {
    let files = Mutex::new(Vec::new());
    let sink = |file: OutFile| {
        files.lock().unwrap_or_else(PoisonError::into_inner).push(file);
        Ok(())
    };
    let report = render(prepared, keep, &sink)?;
    let mut files = files.into_inner().unwrap_or_else(PoisonError::into_inner);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, report))
}

/// Stage 5's host configuration: each domain's rules and host files.
#[derive(Debug, Default)]
pub struct Hosted {
    /// Host files, `host/name`, for the write stage.
    pub files: Vec<OutFile>,
    /// Each built domain's host and rules, for `site serve`.
    pub rules: Vec<(String, Rules)>,
    /// Warnings (W014).
    pub warnings: Vec<Diagnostic>,
}

/// The host files of every built domain, given the `host/path` of every file rendered;
/// a host limit passed or a redirect to nothing is an error.
pub fn publish<'a>(site: &Site, written: impl IntoIterator<Item = &'a String>) -> Result<Hosted, Error> {
    let mut paths: Vec<std::collections::BTreeSet<String>> = vec![Default::default(); site.domains.len()];
    let hosts: Vec<&str> = site.domains.iter().map(|d| site.config.domain_at(d.domain).host.as_str()).collect();
    for path in written {
        let found = hosts.iter().enumerate().find_map(|(i, h)| Some((i, path.strip_prefix(h)?.strip_prefix('/')?)));
        if let Some((i, rest)) = found {
            paths[i].insert(format!("/{rest}"));
        }
    }
    let mut hosted = Hosted::default();
    for (ds, paths) in site.domains.iter().zip(&paths) {
        let domain = site.config.domain_at(ds.domain);
        let aliases: Vec<(String, String)> = ds.aliases.iter().map(|(a, t)| (a.clone(), t.clone())).collect();
        let rules = deploy::rules(&deploy::Published { domain, aliases: &aliases, paths });
        for (name, bytes) in deploy::files(domain, &rules, paths) {
            hosted.files.push(OutFile { path: format!("{}/{name}", domain.host), bytes });
        }
        hosted.rules.push((domain.host.clone(), rules));
    }
    let outputs: Vec<deploy::check::Output<'_>> = site
        .domains
        .iter()
        .zip(&paths)
        .zip(&hosted.rules)
        .map(|((ds, paths), (_, rules))| deploy::check::Output {
            domain: site.config.domain_at(ds.domain),
            rules,
            paths,
        })
        .collect();
    let (errors, warnings): (Vec<_>, Vec<_>) =
        deploy::check(&site.config.text, &outputs).into_iter().partition(Diagnostic::is_error);
    if !errors.is_empty() {
        return Err(content(errors));
    }
    hosted.warnings = warnings;
    Ok(hosted)
}

/// Stage 1: `site.yaml`, then content, themes and the catalogue, every error reported.
pub fn load(options: &BuildOptions) -> Result<Loaded, Error> {
    let config = Config::load(&options.root).map_err(content)?;
    if let Some(key) = &options.domain {
        if config.domain(key).is_none() {
            let keys: Vec<&str> = config.domains.iter().map(|d| d.key.as_str()).collect();
            return Err(Error::Usage(format!("unknown domain `{key}`; the domains are: {}", keys.join(", "))));
        }
    }
    let loaded = load::load(&options.root, &config, options.drafts);
    let themes = Themes::load(&options.root, &config);
    let catalog = pricing::load(&options.root, &config);
    match (loaded, themes, catalog) {
        (Ok(content), Ok(themes), Ok(catalog)) => Ok(Loaded { config, content, themes: Arc::new(themes), catalog }),
        (a, b, c) => Err(content(a.err().into_iter().chain(b.err()).chain(c.err()).flatten().collect())),
    }
}

/// Stage 3: the decision rules over the loaded pages, then the site with the features'
/// pages (pricing first: the log lists the product pages that name a record).
fn assemble(
    mut input: Input,
    catalog: pricing::Catalog,
    themes: &Themes,
    only: Option<&str>,
) -> Result<Assembled, Error> {
    let (record_errors, mut record_warnings): (Vec<_>, Vec<_>) =
        decisions::check(&input.content.pages).into_iter().partition(Diagnostic::is_error);
    record_warnings.append(&mut input.content.warnings);
    let features: [&dyn Feature; 3] = [&Pricing { catalog }, &Decisions, &Search];
    match assemble::assemble(input, only, &features) {
        Ok(mut assembled) if record_errors.is_empty() => {
            let site = &assembled.site;
            let assets: Vec<Vec<String>> =
                site.domains.iter().map(|d| themes.asset_urls(&site.config.domain_at(d.domain).theme)).collect();
            let clashes = assemble::outputs::check(site, &assets);
            if !clashes.is_empty() {
                return Err(content(clashes));
            }
            assembled.warnings.extend(record_warnings);
            diagnostics::sort(&mut assembled.warnings);
            // A feature reports a problem of its data once per domain that shows it.
            assembled.warnings.dedup();
            Ok(assembled)
        }
        Ok(_) => Err(content(record_errors)),
        Err(problems) => Err(content(problems.into_iter().chain(record_errors).collect())),
    }
}

/// Runs `stage`, recording its wall time in `slot`.
fn timed<T>(slot: &mut Duration, stage: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = stage();
    *slot = started.elapsed();
    out
}
