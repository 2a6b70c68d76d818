//! The architecture, checked: every `crate::…` and `super::…` path in `src/` is an edge
//! from the file that writes it to the file that defines it. The build is a one-way
//! pipeline, so the file graph has no cycle, and every edge between top-level modules is
//! one the table below allows.

#[path = "layering/scan.rs"]
mod scan;

use scan::{cycles, edges, module_of, Graph};

/// Who may use whom, by top-level module (`src/<name>.rs` or `src/<name>/`). A module may
/// always use itself. Anything not listed is refused.
const ALLOWED: &[(&str, &[&str])] = &[
    // Foundations: no stage of the pipeline.
    ("diagnostics", &[]),
    ("html", &[]),
    ("ids", &[]),
    ("fs", &[]),
    ("dates", &[]),
    ("slug", &[]),
    ("content_path", &[]),
    ("policy", &[]),
    ("read", &["diagnostics"]),
    ("yaml", &["diagnostics"]),
    // Before stage 3: when content files last changed, from git (cached by `cache`).
    ("history", &["dates"]),
    // Stage 1, load: configuration, content, UI strings (the catalogue and themes are
    // loaded by their own stages' modules, from the pipeline).
    ("config", &["content_path", "diagnostics", "ids", "policy", "read", "yaml"]),
    ("load", &["config", "content_path", "dates", "diagnostics", "html", "ids", "policy", "read", "slug", "yaml"]),
    // Stage 2, parse.
    ("markdown", &["html", "policy", "slug"]),
    ("cache", &["config", "history", "load", "markdown"]),
    // Stage 3, assemble, and the features that plug into it through `assemble::Feature`.
    ("assemble", &["config", "content_path", "diagnostics", "html", "ids", "load", "markdown", "policy", "slug"]),
    ("decisions", &["assemble", "dates", "diagnostics", "html", "ids", "load", "markdown", "slug"]),
    ("search", &["assemble", "config", "diagnostics", "ids", "markdown"]),
    ("pricing", &["assemble", "config", "diagnostics", "html", "ids", "load", "markdown", "policy", "read", "yaml"]),
    // Stage 4 reads the assembled site, never a feature; stage 5 writes files.
    (
        "render",
        &["assemble", "config", "content_path", "dates", "diagnostics", "html", "ids", "load", "markdown", "read"],
    ),
    ("write", &["config", "fs", "render"]),
    // Stage 5's host configuration (headers, redirects), from the config and the paths written.
    ("deploy", &["config", "diagnostics"]),
    // The pipeline chains the stages; the commands compose the pipeline.
    (
        "pipeline",
        &[
            "assemble",
            "cache",
            "config",
            "decisions",
            "deploy",
            "diagnostics",
            "fs",
            "ids",
            "load",
            "pricing",
            "render",
            "search",
            "write",
        ],
    ),
    ("build", &["cache", "diagnostics", "pipeline", "render", "write"]),
    ("check", &["assemble", "cache", "content_path", "diagnostics", "ids", "load", "pipeline"]),
    (
        "serve",
        &[
            "assemble",
            "cache",
            "content_path",
            "deploy",
            "diagnostics",
            "html",
            "ids",
            "load",
            "pipeline",
            "render",
            "search",
            // File names of pages read again, in NFC as loading names them.
            "slug",
        ],
    ),
    // The commands that write sources and schemas.
    ("scaffold", &["dates", "decisions", "fs", "load", "pipeline", "read", "slug"]),
    ("schema", &["config", "fs", "load", "pricing"]),
];

fn graph() -> Graph {
    edges(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
}

#[test]
fn no_file_imports_itself_through_others() {
    let graph = graph();
    let found = cycles(&graph);
    assert!(
        found.is_empty(),
        "{} import cycle(s) between files in src/:\n{}",
        found.len(),
        found
            .iter()
            .map(|c| format!("  {} files: {}\n    e.g. {}", c.files.len(), c.files.join(", "), c.example.join(" → ")))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn every_edge_between_modules_is_allowed() {
    let graph = graph();
    let mut refused = Vec::new();
    for (from, targets) in &graph {
        let a = module_of(from);
        for to in targets {
            let b = module_of(to);
            if a == b || a == "lib" || a == "main" {
                continue;
            }
            let allowed = ALLOWED.iter().find(|(m, _)| *m == a).is_some_and(|(_, deps)| deps.contains(&b.as_str()));
            if !allowed {
                refused.push(format!("  {from} → {to}  ({a} ↛ {b})"));
            }
        }
    }
    refused.sort();
    assert!(refused.is_empty(), "edges the layering table does not allow:\n{}", refused.join("\n"));
}

#[test]
fn the_table_names_every_module_of_src() {
    let graph = graph();
    let mut missing: Vec<String> = graph
        .keys()
        .map(|f| module_of(f))
        .filter(|m| m != "lib" && m != "main" && !ALLOWED.iter().any(|(name, _)| name == m))
        .collect();
    missing.sort();
    missing.dedup();
    assert!(missing.is_empty(), "modules missing from the layering table: {missing:?}");
}

#[test]
fn the_scanner_finds_cycles_and_grouped_paths() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path();
    std::fs::create_dir_all(src.join("a")).expect("mkdir");
    std::fs::write(src.join("lib.rs"), "pub mod a;\npub mod b;\n").expect("write");
    std::fs::write(src.join("a/mod.rs"), "pub mod inner;\nuse crate::{b::{self, Thing}, a::inner::f};\n")
        .expect("write");
    std::fs::write(src.join("a/inner.rs"), "// crate::b::nothing in a comment\nfn g() { super::h(); }\n")
        .expect("write");
    std::fs::write(src.join("b.rs"), "const S: &str = \"crate::a\";\nfn x() { let _ = S; }\n").expect("write");
    let graph = edges(src);
    let targets = |f: &str| graph.get(f).cloned().unwrap_or_default();
    assert_eq!(targets("a/mod.rs"), ["a/inner.rs", "b.rs"].map(String::from).into_iter().collect());
    assert_eq!(targets("a/inner.rs"), ["a/mod.rs"].map(String::from).into_iter().collect());
    assert!(targets("b.rs").is_empty());
    let found = cycles(&graph);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].files, ["a/inner.rs", "a/mod.rs"]);
    assert_eq!(found[0].example, ["a/inner.rs", "a/mod.rs", "a/inner.rs"]);
}
