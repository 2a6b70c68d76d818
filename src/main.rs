//! The `site` command line: parse arguments, call the library, print diagnostics,
//! exit 0 (ok), 1 (content errors) or 2 (usage or I/O errors).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};

use site::{BuildOptions, Error};

#[derive(Parser)]
#[command(name = "site", version, about = "Build ConnectSoft's four websites from one content folder")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Render every domain into <out>/<host>/, atomically.
    Build(BuildArgs),
    /// Serve every domain live on one port, rebuilding on change.
    Serve(ServeArgs),
    /// Validate everything (links, anchors, orphans, alt text) without writing.
    Check(CheckArgs),
    /// Write JSON Schemas for site.yaml, products, pricing and front matter (for editors).
    Schema {
        /// The site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Scaffold a decision record or a page.
    #[command(subcommand)]
    New(NewCommand),
}

#[derive(Args)]
struct CheckArgs {
    /// The site root (holds content/ and themes/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Check one domain only, by key.
    #[arg(long)]
    domain: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// `text` for people, `json` for CI (one object per line).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Args)]
struct ServeArgs {
    /// The site root (holds content/ and themes/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Address to bind; anything but loopback exposes drafts to the network.
    #[arg(long, default_value = "127.0.0.1")]
    bind: String,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Print nothing but errors.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Subcommand)]
enum NewCommand {
    /// Create the next numbered decision record.
    Decision {
        /// The decision's title.
        title: String,
        /// Id of the record this one supersedes (e.g. BDR-0003).
        #[arg(long)]
        supersedes: Option<String>,
        /// The site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Create a page at content/<PATH>.
    Page {
        /// Path under content/, e.g. docs/getting-started.md.
        path: String,
        /// The page's title.
        title: String,
        /// The site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Args)]
struct BuildArgs {
    /// The site root (holds content/ and themes/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The output folder.
    #[arg(long, default_value = "public")]
    out: PathBuf,
    /// Build one domain only, by key (ai, io, dev, il).
    #[arg(long)]
    domain: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Print nothing but errors.
    #[arg(long, short, conflicts_with = "verbose")]
    quiet: bool,
    /// Print the time of each stage.
    #[arg(long, short)]
    verbose: bool,
    /// Print the time of each stage and the ten slowest pages.
    #[arg(long)]
    timings: bool,
    /// Folder of the Markdown cache (kept between builds; CI may keep it too).
    #[arg(long, default_value = ".site-cache", conflicts_with = "no_cache")]
    cache: PathBuf,
    /// Parse every page; neither read nor write the cache.
    #[arg(long)]
    no_cache: bool,
    /// Treat warnings as errors (nothing is written when there are any).
    #[arg(long)]
    strict: bool,
}

/// mimalloc: highlighting allocates on every regex search, and glibc's allocator was a
/// fifth of all instructions in the profile (README, Performance).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build(&args),
        Command::Check(args) => check(&args),
        Command::Serve(args) => serve(&args),
        Command::Schema { root } => schema(&root),
        Command::New(command) => new(&command),
    }
}

fn check(args: &CheckArgs) -> ExitCode {
    let options = BuildOptions {
        root: args.root.clone(),
        out: args.root.join("public"),
        domain: args.domain.clone(),
        drafts: args.drafts,
        cache: None,
        strict: false,
    };
    let diagnostics = match site::check::check(&options) {
        Ok(warnings) => warnings,
        Err(Error::Content(errors)) => errors,
        Err(other) => return report(&other, args.format),
    };
    print_all(&diagnostics, args.format);
    let failing = diagnostics.iter().filter(|d| d.is_error() || args.strict).count();
    if args.format == Format::Text {
        let warnings = diagnostics.len() - diagnostics.iter().filter(|d| d.is_error()).count();
        eprintln!("checked: {} error(s), {warnings} warning(s)", diagnostics.len() - warnings);
    }
    if failing > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Prints diagnostics: compiler style on stderr (coloured on a terminal unless
/// `NO_COLOR` is set), or one JSON object per line on stdout.
fn print_all(diagnostics: &[site::diagnostics::Diagnostic], format: Format) {
    match format {
        Format::Json => diagnostics.iter().for_each(|d| println!("{}", d.to_json())),
        Format::Text => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            diagnostics.iter().for_each(|d| eprint!("{}", d.render(color)));
        }
    }
}

fn schema(root: &std::path::Path) -> ExitCode {
    match site::schema::write(root) {
        Ok(paths) => {
            paths.iter().for_each(|p| println!("{}", p.display()));
            ExitCode::SUCCESS
        }
        Err(error) => report(&Error::Io(error), Format::Text),
    }
}

fn serve(args: &ServeArgs) -> ExitCode {
    let options = site::serve::ServeOptions {
        root: args.root.clone(),
        bind: args.bind.clone(),
        port: args.port,
        drafts: args.drafts,
        quiet: args.quiet,
    };
    match site::serve::serve(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => report(&error, Format::Text),
    }
}

fn new(command: &NewCommand) -> ExitCode {
    let created = match command {
        NewCommand::Decision { title, supersedes, root } => {
            site::scaffold::new_decision(root, title, supersedes.as_deref())
        }
        NewCommand::Page { path, title, root } => site::scaffold::new_page(root, path, title),
    };
    match created {
        Ok(path) => {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(error) => report(&error, Format::Text),
    }
}

fn build(args: &BuildArgs) -> ExitCode {
    let started = Instant::now();
    let out = if args.out.is_absolute() { args.out.clone() } else { args.root.join(&args.out) };
    let cache =
        (!args.no_cache)
            .then(|| if args.cache.is_absolute() { args.cache.clone() } else { args.root.join(&args.cache) });
    let options = BuildOptions {
        root: args.root.clone(),
        out,
        domain: args.domain.clone(),
        drafts: args.drafts,
        cache,
        strict: args.strict,
    };
    match site::build(&options) {
        Ok(report) => {
            print_all(&report.warnings, Format::Text);
            if !args.quiet {
                println!(
                    "built {} pages for {} in {} ms",
                    report.pages,
                    report.hosts.join(", "),
                    started.elapsed().as_millis()
                );
            }
            if args.verbose || args.timings {
                println!("  {} page bodies came from the cache", report.cached);
            }
            if args.verbose || args.timings {
                print_timings(&report.timings, args.timings);
            }
            ExitCode::SUCCESS
        }
        Err(error) => report(&error, Format::Text),
    }
}

fn print_timings(t: &site::Timings, slowest: bool) {
    for (stage, time) in [
        ("load", t.load),
        ("parse", t.parse),
        ("assemble", t.assemble),
        ("render", t.render),
        ("write", t.write),
        ("search", t.search),
    ] {
        println!("  {stage:<9}{:>8.1} ms", time.as_secs_f64() * 1000.0);
    }
    if slowest {
        println!("slowest pages (Markdown and highlighting):");
        for (time, path) in &t.slowest {
            println!("  {:>8.2} ms  {}", time.as_secs_f64() * 1000.0, path.display());
        }
    }
}

fn report(error: &Error, format: Format) -> ExitCode {
    match error {
        Error::Content(diagnostics) => {
            print_all(diagnostics, format);
            let n = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!("error: build failed with {n} error(s); the output folder was not changed");
            ExitCode::from(1)
        }
        other => {
            eprintln!("error: {other}");
            ExitCode::from(2)
        }
    }
}
