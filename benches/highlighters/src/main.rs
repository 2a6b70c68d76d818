//! Highlights every fenced code block of one or more sites with one highlighter option
//! and reports ns per line (the median over blocks) and totals; `once` makes a single
//! pass for callgrind (`--toggle-collect='*highlight_all*'`), `dump` writes the HTML,
//! `compare` (feature `ts`) compares tree-sitter's colours with syntect's.
//!
//! Usage: highlighters time|once|dump|compare syntect|ts DIR... [--reps N] [--out FILE]

use std::time::Instant;

use mimalloc::MiMalloc;
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

#[global_allocator]
static GLOBAL: MiMalloc = MiMalloc;

#[cfg(feature = "ts")]
mod compare;
mod syn;
#[cfg(test)]
mod tests;
#[cfg(feature = "ts")]
mod ts;

pub struct Block {
    lang: String,
    code: String,
    lines: usize,
}

const BACKEND: &str = if cfg!(feature = "onig") { "onig" } else { "fancy" };

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(mode), Some(option)) = (args.first(), args.get(1)) else {
        eprintln!("usage: highlighters time|once|dump|compare syntect|ts DIR... [--reps N] [--out FILE]");
        std::process::exit(2);
    };
    let mut dirs = Vec::new();
    let mut reps = 5;
    let mut out_file = None;
    let mut rest = args[2..].iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--reps" => reps = rest.next().and_then(|n| n.parse().ok()).unwrap_or(5),
            "--out" => out_file = rest.next().cloned(),
            dir => dirs.push(dir.to_owned()),
        }
    }
    let blocks = read_blocks(&dirs);
    let mut h = Options::new(option);
    match mode.as_str() {
        "time" => time(&mut h, &blocks, reps),
        "once" => {
            // Load the syntax set (and tree-sitter's queries) outside the measured pass.
            h.block("text", "x\n");
            let bytes = highlight_all(&mut h, &blocks);
            println!("{} blocks, {bytes} bytes of HTML", blocks.len());
        }
        "dump" => {
            let html: String = blocks.iter().map(|b| h.block(&b.lang, &b.code)).collect();
            std::fs::write(out_file.as_deref().unwrap_or("/dev/stdout"), html).expect("writes");
        }
        #[cfg(feature = "ts")]
        "compare" => compare::report(&blocks),
        other => panic!("unknown mode {other}"),
    }
}

/// The highlighter under test: syntect alone, or tree-sitter with syntect behind it.
struct Options {
    syn: syn::Syn,
    #[cfg(feature = "ts")]
    ts: Option<ts::Ts>,
}

impl Options {
    fn new(option: &str) -> Self {
        let syn = syn::Syn::new();
        match option {
            "syntect" => Options {
                syn,
                #[cfg(feature = "ts")]
                ts: None,
            },
            #[cfg(feature = "ts")]
            "ts" => Options { syn, ts: Some(ts::Ts::new()) },
            other => panic!("unknown option {other} (tree-sitter needs --features ts)"),
        }
    }

    /// `<pre>` HTML as the site writes it.
    fn block(&mut self, lang: &str, code: &str) -> String {
        let mut out = String::with_capacity(code.len() * 6 + 64);
        out.push_str("<pre class=\"code\"><code>");
        #[cfg(feature = "ts")]
        if let Some(ts) = self.ts.as_mut() {
            if let Some(done) = ts.classed(lang, code, &mut out, &mut |_, _, _| {}) {
                if !done {
                    escape_code_into(&mut out, code);
                }
                out.push_str("</code></pre>\n");
                return out;
            }
        }
        if !self.syn.classed(lang, code, &mut out, &mut syn::Quiet) {
            escape_code_into(&mut out, code);
        }
        out.push_str("</code></pre>\n");
        out
    }
}

#[inline(never)]
fn highlight_all(h: &mut Options, blocks: &[Block]) -> usize {
    blocks.iter().map(|b| std::hint::black_box(h.block(&b.lang, &b.code)).len()).sum()
}

fn time(h: &mut Options, blocks: &[Block], reps: usize) {
    let known: Vec<&Block> = blocks.iter().filter(|b| h.syn.syntax(&b.lang).is_some()).collect();
    let mut best = vec![u128::MAX; known.len()];
    let started = Instant::now();
    for _ in 0..reps {
        for (b, best) in known.iter().zip(best.iter_mut()) {
            let t = cpu_ns();
            std::hint::black_box(h.block(&b.lang, &b.code));
            *best = (*best).min(cpu_ns() - t);
        }
    }
    let wall = started.elapsed();
    let mut langs: Vec<&str> = known.iter().map(|b| canonical(&b.lang)).collect();
    langs.sort_unstable();
    langs.dedup();
    println!(
        "backend {BACKEND}; {} blocks ({} highlighted), {reps} reps (each block's least CPU time), {:.2} s wall",
        blocks.len(),
        known.len(),
        wall.as_secs_f64()
    );
    println!("{:<10} {:>7} {:>8} {:>12} {:>12}", "lang", "blocks", "lines", "CPU ns/line", "CPU ms");
    let row = |name: &str, pick: &dyn Fn(&Block) -> bool| {
        let mut per_line = Vec::new();
        let (mut lines, mut total) = (0, 0u128);
        for (b, ns) in known.iter().zip(&best) {
            if pick(b) {
                per_line.push(*ns as f64 / b.lines.max(1) as f64);
                lines += b.lines;
                total += ns;
            }
        }
        per_line.sort_by(f64::total_cmp);
        let median = per_line.get(per_line.len() / 2).copied().unwrap_or(0.0);
        println!("{name:<10} {:>7} {lines:>8} {median:>12.0} {:>12.2}", per_line.len(), total as f64 / 1e6);
    };
    for lang in &langs {
        row(lang, &|b: &Block| canonical(&b.lang) == *lang);
    }
    row("all", &|_| true);
}

/// This thread's CPU time: wall time means little on a machine shared with other builds.
fn cpu_ns() -> u128 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid timespec to write to.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as u128 * 1_000_000_000 + ts.tv_nsec as u128
}

fn canonical(lang: &str) -> &str {
    match alias(lang) {
        "rs" => "rust",
        "sh" | "shell" => "bash",
        other => other,
    }
}

/// The site's fence aliases (src/markdown/highlight.rs).
pub fn alias(lang: &str) -> &str {
    match lang {
        "csharp" | "c#" => "cs",
        "fsharp" | "f#" => "fs",
        "shell" | "console" => "bash",
        "yml" => "yaml",
        "jsonc" => "json",
        "golang" => "go",
        "dockerfile" => "Dockerfile",
        other => other,
    }
}

/// `<span class="hl-a hl-b">` for scope `a.b`.
pub fn span_for(scope: &str) -> String {
    let mut span = String::from("<span class=\"");
    for (i, atom) in scope.split('.').enumerate() {
        if i > 0 {
            span.push(' ');
        }
        span.push_str("hl-");
        span.push_str(atom);
    }
    span.push_str("\">");
    span
}

/// Escapes code as syntect does (`'` too).
pub fn escape_code_into(out: &mut String, text: &str) {
    let mut done = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[done..i]);
        out.push_str(entity);
        done = i + 1;
    }
    out.push_str(&text[done..]);
}

/// Every fenced block of every `.md` file under `dirs`, in path order.
fn read_blocks(dirs: &[String]) -> Vec<Block> {
    let mut blocks = Vec::new();
    for dir in dirs {
        let mut files: Vec<_> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
            .map(|e| e.into_path())
            .collect();
        files.sort();
        for file in files {
            let Ok(text) = std::fs::read_to_string(&file) else { continue };
            fenced(&text, &mut blocks);
        }
    }
    blocks
}

fn fenced(text: &str, blocks: &mut Vec<Block>) {
    let mut current: Option<Block> = None;
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let lang = info.split_whitespace().next().unwrap_or("").to_owned();
                current = Some(Block { lang, code: String::new(), lines: 0 });
            }
            Event::Text(t) => {
                if let Some(b) = current.as_mut() {
                    b.code.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(mut b) = current.take() {
                    b.lines = b.code.lines().count();
                    blocks.push(b);
                }
            }
            _ => {}
        }
    }
}
