//! Every HTML page the real site builds, on every domain, in headless Chromium: at
//! 1280 px light and dark and at 375 px, axe-core finds no serious or critical
//! violation (tap-target size included); at 375 and 320 px the page does not scroll
//! sideways; no page logs a console error. A screenshot of every page in every variant
//! goes to `target/screenshots/site/<host>/`.
//!
//! Why it is fast enough for CI: one browser with a few tabs working through a shared
//! queue of pages; each page is loaded once and axe-core injected once, and the
//! variants are made by changing the emulated viewport and colour scheme on the same
//! document. `SITE_BROWSER_TABS` sets the number of tabs (default 3).
//!
//! Without Chromium or axe-core the test prints why and skips; under `CI=true` it fails.

mod common;
#[path = "common/browser.rs"]
mod harness;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use harness::StaticServer;
use headless_chrome::Tab;

/// One page to visit: its host, the server's base URL and its root-relative URL.
struct Page {
    host: String,
    base: String,
    url: String,
}

/// A way of looking at a page: viewport width, colour scheme, and what is checked.
struct Variant {
    name: &'static str,
    width: u32,
    scheme: &'static str,
    axe: bool,
    /// axe-core rules to run (`None`: all). In dark mode only colours change, so only
    /// the colour rules run again.
    axe_rules: Option<&'static str>,
    /// The page must not scroll sideways (phones).
    fits: bool,
}

/// The colour rules of axe-core, run again in dark mode.
const COLOUR_RULES: &str = "['color-contrast', 'link-in-text-block']";

const VARIANTS: [Variant; 4] = [
    Variant { name: "1280", width: 1280, scheme: "light", axe: true, axe_rules: None, fits: false },
    Variant { name: "1280-dark", width: 1280, scheme: "dark", axe: true, axe_rules: Some(COLOUR_RULES), fits: false },
    Variant { name: "375", width: 375, scheme: "light", axe: true, axe_rules: None, fits: true },
    Variant { name: "320", width: 320, scheme: "light", axe: false, axe_rules: None, fits: true },
];

/// Every `*.html` file under each host folder of `out`, as a page URL.
fn pages(out: &Path, servers: &[(String, StaticServer)]) -> Vec<Page> {
    let mut pages = Vec::new();
    for (host, server) in servers {
        let dir = out.join(host);
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name().into_iter().flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "html") {
                continue;
            }
            let rel = path.strip_prefix(&dir).expect("under the host folder").to_string_lossy().replace('\\', "/");
            let url = match rel.strip_suffix("index.html") {
                Some(folder) => format!("/{folder}"),
                None => format!("/{rel}"),
            };
            pages.push(Page { host: host.clone(), base: server.base.clone(), url });
        }
    }
    pages
}

/// The real site built into `target/browser-site-all/`, with one server per host.
fn build() -> (PathBuf, Vec<(String, StaticServer)>) {
    let out = common::repo().join("target/browser-site-all");
    let mut options = site::BuildOptions::new(common::repo());
    options.out = out.clone();
    site::build(&options).expect("the real site builds");
    let mut hosts: Vec<String> = std::fs::read_dir(&out)
        .expect("output folder")
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    hosts.sort();
    let servers = hosts.into_iter().map(|h| (h.clone(), StaticServer::start(out.join(&h)))).collect();
    (out, servers)
}

/// Time spent loading pages, running axe-core and taking screenshots, summed over tabs.
#[derive(Default)]
struct Spent {
    load: Duration,
    axe: Duration,
    shots: Duration,
}

/// Runs `f`, adding the time it takes to `total`.
fn timed<T>(total: &mut Duration, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let value = f();
    *total += start.elapsed();
    value
}

/// Checks one page in every variant; returns what is wrong with it.
fn check_page(tab: &Tab, axe: &str, page: &Page, shots: &Path, spent: &mut Spent) -> Vec<String> {
    let mut found = Vec::new();
    harness::viewport(tab, 1280, 900);
    harness::color_scheme(tab, "light");
    timed(&mut spent.load, || {
        harness::goto(tab, &format!("{}{}", page.base, page.url));
        harness::inject_axe(tab, axe);
    });
    let stem = match page.url.trim_matches('/') {
        "" => "home".to_owned(),
        path => path.replace('/', "_"),
    };
    for variant in &VARIANTS {
        harness::color_scheme(tab, variant.scheme);
        harness::viewport(tab, variant.width, 900);
        let label = format!("{}{} at {}", page.host, page.url, variant.name);
        if variant.fits {
            if let Some(overflow) = harness::sideways_overflow(tab) {
                found.push(format!("{label}: scrolls sideways: {overflow}"));
            }
        }
        if variant.axe {
            let violations = timed(&mut spent.axe, || harness::run_axe(tab, variant.axe_rules));
            if violations.as_array().is_some_and(|v| !v.is_empty()) {
                found.push(format!("{label}: axe: {violations:#}"));
            }
        }
        let png = timed(&mut spent.shots, || harness::full_page_png(tab, variant.width));
        let file = shots.join(&page.host).join(format!("{stem}-{}.png", variant.name));
        std::fs::write(&file, png).unwrap_or_else(|e| panic!("write {}: {e}", file.display()));
    }
    found
}

/// One tab's share of the work: takes pages from `queue` until it is empty.
fn worker(tab: &Tab, axe: &str, queue: &Mutex<Vec<Page>>, shots: &Path, found: &Mutex<Vec<String>>) -> Spent {
    let errors = harness::console_errors(tab);
    let mut spent = Spent::default();
    loop {
        let Some(page) = queue.lock().unwrap_or_else(|p| p.into_inner()).pop() else { break };
        let problems = check_page(tab, axe, &page, shots, &mut spent);
        let logged: Vec<String> = std::mem::take(&mut *errors.lock().unwrap_or_else(|p| p.into_inner()));
        let mut found = found.lock().unwrap_or_else(|p| p.into_inner());
        found.extend(problems);
        found.extend(logged.into_iter().map(|e| format!("{}{}: console: {e}", page.host, page.url)));
    }
    spent
}

#[test]
fn every_page_passes_axe_fits_a_phone_and_is_captured() {
    let Some(binary) = harness::chromium() else { return };
    let Some(axe) = harness::axe_source() else { return };
    let started = Instant::now();
    let (out, servers) = build();
    let queue = pages(&out, &servers);
    let hosts: std::collections::BTreeSet<&str> = queue.iter().map(|p| p.host.as_str()).collect();
    assert_eq!(hosts.len(), 4, "four domains: {hosts:?}");
    let count = queue.len();
    assert!(count >= 100, "expected the whole site, found {count} pages");
    let shots = common::repo().join("target/screenshots/site");
    for host in &hosts {
        std::fs::create_dir_all(shots.join(host)).expect("screenshot folder");
    }
    let queue = Mutex::new(queue);
    let found = Mutex::new(Vec::new());
    let tabs: usize = std::env::var("SITE_BROWSER_TABS").ok().and_then(|n| n.parse().ok()).unwrap_or(3);
    let browser = harness::launch(&binary);
    let built = started.elapsed();
    let spent: Vec<Spent> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..tabs.max(1))
            .map(|_| {
                let tab: Arc<Tab> = browser.new_tab().expect("tab");
                // Whole-page screenshots of the tallest pages take seconds under load.
                tab.set_default_timeout(Duration::from_secs(60));
                let (axe, queue, shots, found) = (&axe, &queue, &shots, &found);
                scope.spawn(move || worker(&tab, axe, queue, shots, found))
            })
            .collect();
        workers.into_iter().map(|w| w.join().expect("a tab's worker")).collect()
    });
    let sum = |f: fn(&Spent) -> Duration| spent.iter().map(f).sum::<Duration>().as_secs_f64();
    eprintln!(
        "{count} pages × {} variants with {tabs} tabs: built in {:.1} s, checked in {:.1} s \
         (summed over tabs: loading {:.1} s, axe {:.1} s, screenshots {:.1} s)",
        VARIANTS.len(),
        built.as_secs_f64(),
        (started.elapsed() - built).as_secs_f64(),
        sum(|s| s.load),
        sum(|s| s.axe),
        sum(|s| s.shots),
    );
    let found = found.into_inner().unwrap_or_else(|p| p.into_inner());
    assert!(found.is_empty(), "{} problems:\n{}", found.len(), found.join("\n"));
}
