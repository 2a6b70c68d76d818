//! Dev-server latency on a generated 1,000-page site: from writing a Markdown edit to
//! the `reload` event arriving on an open `/__site/events` stream, median over 20
//! edits; and the full rebuild time of the same site for comparison.
//!
//! Run: `cargo bench --bench serve` (release build; the site lives in a temp dir).
//!
//! With `SITE_BENCH_ROOT=DIR` (a site from `benches/gen.py`, e.g. `--profile code`), only
//! the edit → reload loop runs, on that site's first domain, and the process's resident
//! memory after the first build and its peak are printed (nothing else runs in the
//! process, so the peak is the server's). The edits append a marker line to 20 pages.

#[path = "../tests/serve/client.rs"]
#[allow(dead_code)]
mod client;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use client::{get, Events};
use site::serve::rebuild::Rebuilder;
use site::serve::watch::Scope;
use site::serve::{self, ServeOptions};
use site::BuildOptions;

const SECTIONS: usize = 10;
const PER_SECTION: usize = 100;
const EDITS: usize = 20;

fn main() {
    if let Some(root) = std::env::var_os("SITE_BENCH_ROOT") {
        let root = PathBuf::from(root);
        let edits = spread(&root);
        edit_to_reload(&root, "ai", &edits);
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    generate(root);
    println!("generated {} pages in {}", SECTIONS * PER_SECTION + SECTIONS + 1, root.display());
    full_rebuilds(root);
    let edits: Vec<(PathBuf, String)> = (1..=EDITS)
        .map(|i| {
            let (s, p) = (i % SECTIONS, (i * 7) % PER_SECTION);
            (root.join(format!("content/docs/s{s}/p{p}.md")), format!("/docs/s{s}/p{p}/"))
        })
        .collect();
    edit_to_reload(root, "a", &edits);
}

/// 20 pages spread over a generated site (`gen.py` names pages `p<N>.md`), with their URLs.
fn spread(root: &Path) -> Vec<(PathBuf, String)> {
    let content = root.join("content");
    let mut pages: Vec<PathBuf> = walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| {
            p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('p'))
                && p.extension().is_some_and(|x| x == "md")
        })
        .collect();
    pages.sort();
    let step = (pages.len() / EDITS).max(1);
    pages
        .into_iter()
        .step_by(step)
        .take(EDITS)
        .map(|p| {
            let rel = p.strip_prefix(&content).expect("inside").with_extension("");
            let url = format!("/{}/", rel.to_string_lossy());
            (p, url)
        })
        .collect()
}

/// `VmRSS` and `VmHWM` (peak) of this process, in MiB.
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site like the peers' benchmark: docs pages with two code blocks and a link each.
fn generate(root: &Path) {
    let content = root.join("content");
    copy_dir(&repo().join("themes"), &root.join("themes"));
    copy_dir(&repo().join("content/i18n"), &content.join("i18n"));
    write(&content.join("site.yaml"), SITE_YAML);
    write(&content.join("_index.md"), "---\ntitle: Bench\n---\nA generated site.\n");
    for s in 0..SECTIONS {
        let dir = content.join(format!("docs/s{s}"));
        write(&dir.join("_index.md"), &format!("---\ntitle: Section {s}\ndescription: Pages {s}xx.\n---\nIntro.\n"));
        for p in 0..PER_SECTION {
            write(&dir.join(format!("p{p}.md")), &page(s, p));
        }
    }
}

fn page(s: usize, p: usize) -> String {
    let next = (p + 1) % PER_SECTION;
    format!(
        "---\ntitle: Page {s}-{p}\ndescription: Generated page {p} of section {s}.\nweight: {p}\n---\n\
         ## Overview\n\nSome *text* for page {p}, with a [link to the next page](p{next}.md#overview) and \
         **bold** words.\n\n```rust\nfn main() {{\n    println!(\"page {p}\");\n}}\n```\n\n## Details\n\n\
         - one\n- two\n\n```python\ndef f(x):\n    return x * {p}\n```\n\nEDIT-MARKER 0\n"
    )
}

const SITE_YAML: &str =
    "brand:\n  name: Bench Co\n  tagline: Many pages\ndomains:\n  - key: a\n    host: a.example\n    \
base_url: https://a.example\n    language: en\n    direction: ltr\n    currency: USD\n    title: Bench A\n    \
sections: [docs]\n    nav:\n      - { label: Docs, url: /docs/ }\n  - key: b\n    host: b.example\n    \
base_url: https://b.example\n    language: en\n    direction: ltr\n    currency: USD\n    title: Bench B\n    \
sections: [docs]\n";

fn full_rebuilds(root: &Path) {
    let options = BuildOptions::new(root);
    let started = Instant::now();
    let (_, report) = site::render_site(&options).expect("the generated site builds");
    println!("cold full render (in memory): {:.1} ms, {} pages over both domains", ms(started.elapsed()), report.pages);
    let mut rebuilder = Rebuilder::new(options.clone());
    rebuilder.run(Scope::Everything).expect("builds");
    let times: Vec<Duration> = (0..5).map(|_| rebuilder.run(Scope::Everything).expect("builds").took).collect();
    println!("full rebuild in serve (template/site.yaml change, warm caches): median {:.1} ms", ms(median(times)));
    incremental_stages(root, &mut rebuilder);
    let mut out = options;
    out.out = root.join("public");
    let times: Vec<Duration> = (0..5)
        .map(|_| {
            let t = Instant::now();
            site::build(&out).expect("builds");
            t.elapsed()
        })
        .collect();
    println!("`site build` (cold, written to disk): median {:.1} ms", ms(median(times)));
}

/// One page edited, rebuilt without the server: where the time goes.
fn incremental_stages(root: &Path, rebuilder: &mut Rebuilder) {
    let path = root.join("content/docs/s0/p0.md");
    let text = std::fs::read_to_string(&path).expect("read page");
    let mut runs = Vec::new();
    for i in 0..5 {
        std::fs::write(&path, text.replace("EDIT-MARKER 0", &format!("STAGES {i}"))).expect("write");
        runs.push(rebuilder.run(Scope::Changed).expect("builds"));
    }
    std::fs::write(&path, text).expect("write");
    rebuilder.run(Scope::Changed).expect("builds");
    runs.sort_by_key(|o| o.took);
    let o = &runs[runs.len() / 2];
    let t = &o.report.timings;
    println!(
        "incremental rebuild of one page: {:.1} ms, {} pages rendered (load {:.1}, parse {:.1}, assemble {:.1}, render {:.1})",
        ms(o.took),
        o.pages,
        ms(t.load),
        ms(t.parse),
        ms(t.assemble),
        ms(t.render)
    );
}

fn edit_to_reload(root: &Path, key: &str, edits: &[(PathBuf, String)]) {
    // SITE_BENCH_VERBOSE=1 prints the server's own line per rebuild.
    let quiet = std::env::var_os("SITE_BENCH_VERBOSE").is_none();
    let options = ServeOptions { root: root.to_path_buf(), bind: "127.0.0.1".into(), port: 0, drafts: false, quiet };
    let started = Instant::now();
    let server = serve::start(&options).expect("server starts");
    let host = format!("{key}.localhost:{}", server.addr().port());
    let (mut events, _) = Events::open(server.addr(), &host);
    let (rss, _) = memory();
    println!("serve start (first build, in memory): {:.1} ms, RSS {rss} MiB", ms(started.elapsed()));
    let mut times = Vec::new();
    for (i, (path, url)) in edits.iter().enumerate() {
        let text = std::fs::read_to_string(path).expect("read page");
        let edited = format!("{text}\nEDIT-MARKER {}\n", i + 1);
        std::thread::sleep(Duration::from_millis(150));
        let started = Instant::now();
        std::fs::write(path, edited).expect("write page");
        events.expect("reload");
        times.push(started.elapsed());
        let served = get(server.addr(), &host, url).text();
        assert!(served.contains(&format!("EDIT-MARKER {}", i + 1)), "edit {} is served at {url}", i + 1);
    }
    let (rss, peak) = memory();
    println!("serve memory after the edits: RSS {rss} MiB, peak {peak} MiB");
    let mut sorted = times.clone();
    sorted.sort();
    println!(
        "edit → reload event, {} single-page edits: median {:.1} ms (min {:.1}, max {:.1})",
        times.len(),
        ms(median(times)),
        ms(sorted[0]),
        ms(sorted[sorted.len() - 1])
    );
    server.shutdown();
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let rel = entry.path().strip_prefix(from).expect("inside");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
