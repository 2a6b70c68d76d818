//! Micro-benchmarks of the hot stages, one typical generated page each (the page shape
//! of `benches/gen.py`: ~900 words, six `##` parts, a Rust and a YAML code block, an
//! internal link):
//!
//! - `frontmatter`: split and parse the front matter of one page;
//! - `markdown/highlighted`: Markdown and highlighting of its body, with the shared
//!   `Highlighter` already warm (syntax set loaded, regexes compiled);
//! - `markdown/plain`: the same body with the fences made plain text, to show what the
//!   highlighting costs;
//! - `highlight/<lang>`: one code block per language of the issue's corpus, to show
//!   which grammar costs most;
//! - `render`: the template stage for a one-page site (the page, its section, the home
//!   page, 404, sitemap, robots.txt, theme assets), templates compiled once outside the loop.
//!
//! Run: `cargo bench --bench stages` (about a minute). Timings move with the machine's
//! load; compare runs made under the same conditions.

#![allow(clippy::result_large_err)] // the sink has the library's error type
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use site::assemble::{assemble, Input};
use site::config::Config;
use site::load::frontmatter;
use site::markdown::{self, Highlighter, Labels};
use site::render::{self, Themes};

const WORDS: [&str; 30] = [
    "factory",
    "template",
    "agent",
    "runtime",
    "event",
    "module",
    "service",
    "platform",
    "squad",
    "outcome",
    "pricing",
    "decision",
    "record",
    "customer",
    "code",
    "ownership",
    "cloud",
    "native",
    "pipeline",
    "tenant",
    "identity",
    "audit",
    "billing",
    "release",
    "review",
    "merge",
    "deploy",
    "contract",
    "schema",
    "query",
];

const RUST: &str = "```rust\nfn total(prices: &[u32], seats: u32) -> u32 {\n    let base: u32 = \
                    prices.iter().sum();\n    // page 7: seats multiply the base price\n    base * seats.max(1)\n}\n```\n";

const YAML: &str =
    "```yaml\nplan: growth-7\nmonthly: { USD: 107, ILS: 428 }\nfeatures: [sso, audit, \"export\"]\n```\n";

/// A page like `benches/gen.py` writes: front matter, then six parts of prose with a
/// Rust block, a YAML block and an internal link among them.
fn page() -> String {
    let mut seed = 7u32;
    let mut word = || {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        WORDS[(seed >> 16) as usize % WORDS.len()]
    };
    let mut text =
        String::from("---\ntitle: Page 7\ndescription: Generated page 7.\ndate: 2026-01-08\nweight: 7\n---\n");
    for part in 0..6 {
        let words: Vec<&str> = (0..150).map(|_| word()).collect();
        text.push_str(&format!("## Part {part}\n\n{}.\n\n", words.join(" ")));
        match part {
            1 => text.push_str(RUST),
            3 => text.push_str(YAML),
            4 => text.push_str("See [page 3](@/docs/p3.md#part-1).\n"),
            _ => {}
        }
        text.push('\n');
    }
    text
}

fn frontmatter(c: &mut Criterion) {
    let text = page();
    let path = Path::new("content/docs/p7.md");
    c.bench_function("frontmatter", |b| {
        b.iter(|| {
            let split = frontmatter::split(black_box(&text), path).expect("front matter");
            frontmatter::parse(&split, &text, path, false).expect("valid front matter")
        })
    });
}

fn markdown(c: &mut Criterion) {
    let text = page();
    let body = frontmatter::split(&text, Path::new("p7.md")).expect("front matter").body.to_owned();
    let plain = body.replace("```rust", "```text").replace("```yaml", "```text");
    let highlighter = Highlighter::new();
    let labels = Labels::default();
    // Load the syntax set and compile the regexes the page needs before timing.
    markdown::render(&body, &highlighter, &labels);
    let mut group = c.benchmark_group("markdown");
    group.bench_function("highlighted", |b| b.iter(|| markdown::render(black_box(&body), &highlighter, &labels)));
    group.bench_function("plain", |b| b.iter(|| markdown::render(black_box(&plain), &highlighter, &labels)));
    group.finish();
}

fn highlight(c: &mut Criterion) {
    let blocks = [
        ("rust", RUST.lines().skip(1).take_while(|l| *l != "```").collect::<Vec<_>>().join("\n") + "\n"),
        ("yaml", YAML.lines().skip(1).take_while(|l| *l != "```").collect::<Vec<_>>().join("\n") + "\n"),
        (
            "bash",
            "for f in content/*.md; do\n  echo \"checking $f\" && grep -q '^title:' \"$f\" || exit 1\ndone\n".into(),
        ),
        (
            "json",
            "{\"plan\": \"growth\", \"monthly\": {\"USD\": 107, \"ILS\": 428}, \"features\": [\"sso\", \"audit\"]}\n"
                .into(),
        ),
    ];
    let highlighter = Highlighter::new();
    let mut group = c.benchmark_group("highlight");
    for (lang, code) in &blocks {
        highlighter.block(lang, code);
        group.bench_function(*lang, |b| b.iter(|| highlighter.block(lang, black_box(code))));
    }
    group.finish();
}

fn render(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    fixture(root);
    let config = Config::load(root).expect("config");
    let content = site::load::load(root, &config, false).expect("content");
    let themes = Themes::load(root, &config).expect("themes");
    let highlighter = Highlighter::new();
    let rendered: Vec<_> =
        content.pages.iter().map(|p| markdown::render(p.body(), &highlighter, &Labels::default()).into()).collect();
    let input = Input { config, content, rendered, remake: None, last_changed: Default::default(), reuse: None };
    let site = assemble(input, None, &[]).expect("assembled").site;
    c.bench_function("render", |b| {
        b.iter(|| {
            let sink = |file: render::OutFile| {
                black_box(file);
                Ok(())
            };
            render::render_selected(black_box(&site), &themes, &|_| true, &sink).expect("rendered")
        })
    });
}

/// A one-page site with the repository's theme and UI strings.
fn fixture(root: &Path) {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let content = root.join("content");
    copy_dir(&repo.join("themes"), &root.join("themes"));
    copy_dir(&repo.join("content/i18n"), &content.join("i18n"));
    write(
        &content.join("site.yaml"),
        "brand: {name: Bench, tagline: Generated}\ndomains:\n  - key: ai\n    host: bench.example\n    \
         base_url: https://bench.example\n    language: en\n    direction: ltr\n    currency: USD\n    \
         title: Bench\n    sections: [docs]\n",
    );
    write(&content.join("_index.md"), "---\ntitle: Bench\n---\n- [Docs](@/docs/_index.md)\n");
    write(&content.join("docs/_index.md"), "---\ntitle: Docs\n---\nPages of docs.\n");
    write(&content.join("docs/p3.md"), "---\ntitle: Page 3\n---\n## Part 1\n\nShort.\n");
    write(&content.join("docs/p7.md"), &page());
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let target = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn short() -> Criterion {
    Criterion::default().sample_size(20).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3))
}

criterion_group! { name = stages; config = short(); targets = frontmatter, markdown, highlight, render }
criterion_main!(stages);
