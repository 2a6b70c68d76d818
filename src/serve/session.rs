//! The rebuild thread: for each batch of changes, rebuild, swap the served output in
//! one step, tell the browsers. A failed build changes nothing that is served; it
//! only shows its diagnostics in the terminal and over every open page.

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use crate::assemble::Site;
use crate::search;
use crate::Error;

use super::rebuild::{Outcome, Rebuilder};
use super::reload::{Event, Hub};
use super::rewrite::LocalHost;
use super::state::{self, Shared};
use super::watch::{Plan, Refresh, Scope};
use super::watcher::{gather, Msg};

/// Debounce: a batch ends after this long without events...
const QUIET: Duration = Duration::from_millis(8);
/// ...or this long after it began.
const LIMIT: Duration = Duration::from_millis(200);

/// Where messages go: the terminal, unless quiet.
#[derive(Debug, Clone, Copy)]
pub struct Log {
    /// Print only errors.
    pub quiet: bool,
}

impl Log {
    /// Progress, on stdout.
    pub fn info(&self, text: &str) {
        if !self.quiet {
            println!("{text}");
        }
    }

    /// Problems, on stderr, always.
    pub fn error(&self, text: &str) {
        eprint!("{text}");
    }
}

/// Everything the rebuild thread owns or shares.
pub struct Session {
    /// The site root.
    pub root: PathBuf,
    /// Rebuilds with caches.
    pub rebuilder: Rebuilder,
    /// The served site.
    pub state: Shared,
    /// The browsers.
    pub hub: Option<Hub>,
    /// The terminal.
    pub log: Log,
    /// The bound port, for local URLs.
    pub port: u16,
    /// The newest built site waiting for its search index.
    pub pending: Pending,
}

/// The search index thread's work: the newest built site waiting for its index (with
/// its build number), and the index as last made.
pub type Pending = Arc<Waiting>;

/// See [`Pending`].
#[derive(Default)]
pub struct Waiting {
    next: Mutex<Option<(u64, Site)>>,
    /// The index as last made, and its files as last served.
    kept: Mutex<(search::Kept, state::Files)>,
}

impl Session {
    /// Serves batches from `rx` until told to stop.
    pub fn run(mut self, rx: &Receiver<Msg>) {
        while let Some(batch) = gather(rx, QUIET, LIMIT) {
            let failing = state::snapshot(&self.state).error.is_some();
            if let Plan::Rebuild(scope, refresh) = batch.plan(&self.root, failing) {
                // The last path is the file an atomic save ends with (`x.md`, not `sedX1`).
                let relevant = batch.paths.iter().rev().find(|p| {
                    p.strip_prefix(&self.root)
                        .is_ok_and(|rel| super::watch::classify(rel) != super::watch::Change::Ignored)
                });
                let first = relevant.map(|p| shown(&self.root, p)).unwrap_or_default();
                let changed = (!batch.rescan).then_some(batch.paths.as_slice());
                self.rebuild_after(scope, refresh, &first, changed);
            }
        }
    }

    /// Rebuilds, updates what is served, and tells the browsers; `why` names the change.
    pub fn rebuild(&mut self, scope: Scope, refresh: Refresh, why: &str) {
        self.rebuild_after(scope, refresh, why, None);
    }

    /// [`Session::rebuild`] after a batch of `changed` paths, which may spare reading
    /// the whole tree again (see [`Rebuilder::run_after`]).
    pub fn rebuild_after(&mut self, scope: Scope, refresh: Refresh, why: &str, changed: Option<&[PathBuf]>) {
        // A bug in a stage must not end the preview: report it like a content error.
        match panic::catch_unwind(AssertUnwindSafe(|| self.rebuilder.run_after(scope, changed))) {
            Ok(Ok(outcome)) => self.succeeded(outcome, refresh, why),
            Ok(Err(error)) => self.failed(&error),
            Err(payload) => {
                self.rebuilder.reset();
                self.failed(&Error::Bug(panic_text(&*payload).to_owned()));
            }
        }
    }

    fn succeeded(&mut self, mut outcome: Outcome, refresh: Refresh, why: &str) {
        let started = Instant::now();
        for warning in &outcome.report.warnings {
            self.log.error(&warning.to_string());
        }
        let old = state::snapshot(&self.state);
        // The last build's search index stays served until this build's is ready.
        let Some(state::Merged { files, changed }) =
            state::merge(&old.files, outcome.files, &outcome.kept, search::is_index_file)
        else {
            // A page we meant to keep was never served: render everything instead.
            self.rebuilder.forget();
            return self.rebuild(Scope::Everything, refresh, why);
        };
        let hosts: Vec<LocalHost> =
            outcome.domains.iter().map(|d| LocalHost::new(&d.key, &d.host, &d.base_url, self.port)).collect();
        let recovered = old.error.is_some() || old.build == 0;
        if changed.is_empty() && !recovered && *old.hosts == hosts {
            self.rebuilder.keep(&outcome.site);
            self.log.info(&format!("{why}: no output changed ({} ms)", outcome.took.as_millis()));
            return;
        }
        let build = old.build + 1;
        let event = match refresh {
            Refresh::Stylesheets if !recovered => Event::Css { build, urls: stylesheets(&changed, &files) },
            _ => Event::Reload { build },
        };
        outcome.steps.push(("merge", started.elapsed()));
        let swapped = Instant::now();
        state::update(&self.state, |s| {
            s.build = build;
            s.files = Arc::new(files);
            s.hosts = Arc::new(hosts);
            s.rules = Arc::new(outcome.rules.into_iter().collect());
            s.error = None;
        });
        outcome.steps.push(("swap", swapped.elapsed()));
        let sent = Instant::now();
        if let Some(hub) = &self.hub {
            hub.publish(event);
        }
        outcome.steps.push(("event", sent.elapsed()));
        let ms = (outcome.took + started.elapsed()).as_millis();
        // After the reload: the next edit's starting point (see `Rebuilder::keep`).
        let kept = Instant::now();
        self.rebuilder.keep(&outcome.site);
        outcome.steps.push(("then keep", kept.elapsed()));
        let read = outcome.reread.as_ref().map_or_else(|| "all files read".to_owned(), |r| format!("{} read", r.len()));
        let steps: Vec<String> =
            outcome.steps.iter().map(|(n, t)| format!("{n} {:.1}", t.as_secs_f64() * 1e3)).collect();
        index_later(outcome.site, build, &self.state, &self.pending);
        self.log.info(&if why.is_empty() {
            format!("built {} pages in {ms} ms", outcome.pages)
        } else {
            format!(
                "{why}: rebuilt in {ms} ms ({} pages rendered, {} files changed, {read}; ms: {})",
                outcome.pages,
                changed.len(),
                steps.join(", ")
            )
        });
    }

    fn failed(&mut self, error: &Error) {
        let text = match error {
            Error::Content(diagnostics) => diagnostics.iter().map(ToString::to_string).collect::<String>(),
            other => format!("error: {other}\n"),
        };
        self.log.error(&text);
        self.log.error("error: the build failed; still serving the last good build\n");
        state::update(&self.state, |s| s.error = Some(text.clone()));
        if let Some(hub) = &self.hub {
            hub.publish(Event::Failed { text });
        }
    }
}

/// Builds the search index of build `build` on a thread of its own, off the
/// edit-to-reload path, and serves it if no later build was served meanwhile. The
/// thread has its own one-thread pool: on the shared pool, its parallel work would
/// queue ahead of the next rebuild's and delay that reload by the index's whole time.
fn index_later(site: Site, build: u64, shared: &Shared, next: &Pending) {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    let pool = POOL.get_or_init(|| {
        let named = rayon::ThreadPoolBuilder::new().num_threads(1).thread_name(|_| "site-search-index".into());
        named.build().map_err(|e| eprintln!("warning: cannot start the search index thread: {e}")).ok()
    });
    // Only the newest site waits (older ones are dropped, not queued with their pages).
    *next.next.lock().unwrap_or_else(PoisonError::into_inner) = Some((build, site));
    let (shared, next) = (Arc::clone(shared), Arc::clone(next));
    let job = move || {
        let Some((build, site)) = next.next.lock().unwrap_or_else(PoisonError::into_inner).take() else {
            return; // An earlier job took the newest site.
        };
        if state::snapshot(&shared).build != build {
            return; // A later build is served; its own index follows.
        }
        // Only the files whose content changed are made and packed again; all of them
        // when what is served is not what was last made (a build swapped in meanwhile).
        let mut kept = next.kept.lock().unwrap_or_else(PoisonError::into_inner);
        let (index, served) = &mut *kept;
        let mut update = index.update(&site);
        let current = state::snapshot(&shared);
        let stale = |p: &String| current.files.get(p).zip(served.get(p)).is_none_or(|(a, b)| !Arc::ptr_eq(a, b));
        if update.unchanged.iter().any(stale) {
            index.unsent();
            update = index.update(&site);
        }
        drop(site);
        if current.build != build {
            index.unsent();
            return;
        }
        let written = update.written.into_iter().map(|(path, bytes)| crate::render::OutFile { path, bytes });
        let mut made: state::Files = state::pack(written.collect()).into_iter().collect();
        made.extend(update.unchanged.into_iter().filter_map(|p| Some((p.clone(), Arc::clone(current.files.get(&p)?)))));
        let mut files: state::Files = current
            .files
            .iter()
            .filter(|(p, _)| !search::is_index_file(p))
            .map(|(p, b)| (p.clone(), Arc::clone(b)))
            .collect();
        files.extend(made.iter().map(|(p, b)| (p.clone(), Arc::clone(b))));
        let swapped = state::update(&shared, |s| {
            let now = s.build == build;
            if now {
                s.files = Arc::new(files);
            }
            now
        });
        if swapped {
            *served = made;
        } else {
            index.unsent();
        }
    };
    if let Some(pool) = pool {
        pool.spawn(job);
    }
}

/// The message a panic was raised with.
fn panic_text(payload: &(dyn Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message")
}

/// Root-relative URLs of the new stylesheets (`host/assets/x.css` → `/assets/x.css`).
fn stylesheets(changed: &[String], files: &state::Files) -> Vec<String> {
    let mut urls: Vec<String> = changed
        .iter()
        .filter(|p| p.ends_with(".css") && files.contains_key(*p))
        .filter_map(|p| p.find('/').map(|i| p[i..].to_owned()))
        .collect();
    urls.sort();
    urls.dedup();
    urls
}

fn shown(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panic_messages() {
        let caught = panic::catch_unwind(|| panic!("boom {}", 1)).unwrap_err();
        assert_eq!(panic_text(&*caught), "boom 1");
        let caught = panic::catch_unwind(|| panic!("static")).unwrap_err();
        assert_eq!(panic_text(&*caught), "static");
    }

    #[test]
    fn stylesheet_urls_are_root_relative_and_unique() {
        let changed = [
            "a.example/assets/style.0123456789.css".to_owned(),
            "b.example/assets/style.0123456789.css".to_owned(),
            "a.example/index.html".to_owned(),
            "a.example/assets/style.9876543210.css".to_owned(),
        ];
        let files: state::Files = [&changed[0], &changed[1], &changed[2]]
            .into_iter()
            .map(|p| (p.clone(), Arc::new(state::Body::new(p, vec![]))))
            .collect();
        // The removed old version is not sent: swapping to it would undo the change.
        assert_eq!(stylesheets(&changed, &files), ["/assets/style.0123456789.css"]);
    }
}
