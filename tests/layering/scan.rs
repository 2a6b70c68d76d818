//! A small reader of Rust module paths, enough for the layering test: it strips comments
//! and literals, finds every `crate::…`, `super::…`, `self::…` and child-module path
//! (grouped `use` trees included), and resolves each to the file that defines it,
//! following `pub use` re-exports to the file the item comes from.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// File (relative to `src/`, `/`-separated) → files it uses.
pub type Graph = BTreeMap<String, BTreeSet<String>>;

/// The top-level module of a file: `assemble/links.rs` → `assemble`, `build.rs` → `build`.
pub fn module_of(file: &str) -> String {
    let first = file.split('/').next().unwrap_or(file);
    first.trim_end_matches(".rs").to_owned()
}

/// Reads every `.rs` file under `src` and returns the file graph.
pub fn edges(src: &Path) -> Graph {
    let mut files = BTreeMap::new();
    collect(src, src, &mut files);
    let modules: BTreeMap<Vec<String>, String> = files.keys().map(|f| (module_path(f), f.clone())).collect();
    let parsed: BTreeMap<String, Vec<Use>> =
        files.iter().map(|(f, text)| (f.clone(), paths(f, text, &modules))).collect();
    let exports: BTreeMap<&str, BTreeMap<String, Vec<String>>> =
        parsed.iter().map(|(f, uses)| (f.as_str(), reexports(uses))).collect();
    let mut graph = Graph::new();
    for (file, uses) in &parsed {
        let targets = graph.entry(file.clone()).or_default();
        for u in uses {
            let target = resolve(&u.path, &modules, &exports);
            if &target != file {
                targets.insert(target);
            }
        }
    }
    graph
}

/// A set of files that all reach each other, and one shortest cycle through the first.
#[derive(Debug)]
pub struct Cycle {
    /// Every file of the strongly connected component, sorted.
    pub files: Vec<String>,
    /// A closed walk from the component's smallest file back to it.
    pub example: Vec<String>,
}

/// One [`Cycle`] per strongly connected component of more than one file.
pub fn cycles(graph: &Graph) -> Vec<Cycle> {
    let mut found = Vec::new();
    let mut done: BTreeSet<&str> = BTreeSet::new();
    for start in graph.keys() {
        if done.contains(start.as_str()) {
            continue;
        }
        let component: BTreeSet<&str> =
            reachable(graph, start).into_iter().filter(|f| reachable(graph, f).contains(start.as_str())).collect();
        done.extend(&component);
        if component.len() > 1 {
            let example = walk(graph, start, &component);
            found.push(Cycle { files: component.iter().map(|f| (*f).to_owned()).collect(), example });
        }
    }
    found
}

fn reachable<'g>(graph: &'g Graph, from: &str) -> BTreeSet<&'g str> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&str> = graph.get(from).into_iter().flatten().map(String::as_str).collect();
    while let Some(f) = stack.pop() {
        if let Some((key, targets)) = graph.get_key_value(f) {
            if seen.insert(key.as_str()) {
                stack.extend(targets.iter().map(String::as_str));
            }
        }
    }
    seen
}

/// A shortest cycle through `start` inside `component` (breadth-first).
fn walk(graph: &Graph, start: &str, component: &BTreeSet<&str>) -> Vec<String> {
    let mut parent: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(f) = queue.pop_front() {
        for t in graph.get(f).into_iter().flatten().map(String::as_str) {
            if t == start {
                let mut back = vec![f];
                while let Some(p) = parent.get(back[back.len() - 1]) {
                    back.push(p);
                }
                let mut cycle: Vec<String> = back.iter().rev().map(|s| (*s).to_owned()).collect();
                cycle.push(start.to_owned());
                return cycle;
            }
            if component.contains(t) && !parent.contains_key(t) && t != start {
                parent.insert(t, f);
                queue.push_back(t);
            }
        }
    }
    vec![start.to_owned()]
}

fn collect(root: &Path, dir: &Path, files: &mut BTreeMap<String, String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            if rel != "main.rs" {
                files.insert(rel, std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }
}

/// `a/b.rs` → `[a, b]`; `a/mod.rs` → `[a]`; `lib.rs` → `[]`.
fn module_path(file: &str) -> Vec<String> {
    let stem = file.trim_end_matches(".rs");
    let mut parts: Vec<String> = stem.split('/').map(str::to_owned).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// A path used by a file: absolute module segments, and whether it is a `pub use`.
struct Use {
    path: Vec<String>,
    public: bool,
}

/// The re-exports of a file: item name → the absolute path it stands for.
fn reexports(uses: &[Use]) -> BTreeMap<String, Vec<String>> {
    uses.iter().filter(|u| u.public).filter_map(|u| Some((u.path.last()?.clone(), u.path.clone()))).collect()
}

/// The file that defines `path`: the longest prefix that is a file, then through that
/// file's re-exports when the next segment is one.
fn resolve(
    path: &[String],
    modules: &BTreeMap<Vec<String>, String>,
    exports: &BTreeMap<&str, BTreeMap<String, Vec<String>>>,
) -> String {
    let mut path = path.to_vec();
    for _ in 0..8 {
        let k = (0..=path.len()).rev().find(|k| modules.contains_key(&path[..*k])).unwrap_or(0);
        let file = modules.get(&path[..k]).cloned().unwrap_or_else(|| "lib.rs".into());
        match path.get(k).and_then(|item| exports.get(file.as_str())?.get(item)) {
            Some(target) if target.as_slice() != path.as_slice() => path = target.clone(),
            _ => return file,
        }
    }
    "lib.rs".into()
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Sep,
    Open,
    Close,
    Comma,
    Star,
    Other,
}

fn paths(file: &str, text: &str, modules: &BTreeMap<Vec<String>, String>) -> Vec<Use> {
    let toks = tokens(&clean(text));
    let here = module_path(file);
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            Tok::Open => depth += 1,
            Tok::Close => {
                depth = depth.saturating_sub(1);
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
            }
            Tok::Ident(kw) if kw == "mod" => {
                if let (Some(Tok::Ident(name)), Some(Tok::Open)) = (toks.get(i + 1), toks.get(i + 2)) {
                    inline.push((name.clone(), depth));
                }
            }
            Tok::Ident(first) if toks.get(i + 1) == Some(&Tok::Sep) && !after_sep(&toks, i) => {
                let mut module = here.clone();
                module.extend(inline.iter().map(|(n, _)| n.clone()));
                let public = is_pub_use(&toks, i);
                let base = match first.as_str() {
                    "crate" => Some(Vec::new()),
                    "super" => Some(module[..module.len().saturating_sub(1)].to_vec()),
                    "self" => Some(module.clone()),
                    child if modules.contains_key(&[module.clone(), vec![child.to_owned()]].concat()) => {
                        Some([module.clone(), vec![child.to_owned()]].concat())
                    }
                    _ => None,
                };
                if let Some(base) = base {
                    let (trees, next) = tree(&toks, i + 1, base, &module);
                    out.extend(trees.into_iter().map(|path| Use { path, public }));
                    i = next;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn after_sep(toks: &[Tok], i: usize) -> bool {
    i > 0 && toks[i - 1] == Tok::Sep
}

fn is_pub_use(toks: &[Tok], i: usize) -> bool {
    let before: Vec<&Tok> = toks[..i].iter().rev().take(2).collect();
    matches!(before.as_slice(), [Tok::Ident(u), Tok::Ident(p)] if u == "use" && p == "pub")
}

/// Reads `::seg::seg::{…}` from `i` (at a `::`), returning every full path and the index after it.
fn tree(toks: &[Tok], mut i: usize, mut base: Vec<String>, module: &[String]) -> (Vec<Vec<String>>, usize) {
    while toks.get(i) == Some(&Tok::Sep) {
        match toks.get(i + 1) {
            Some(Tok::Ident(seg)) if seg == "super" => {
                base.pop();
                i += 2;
            }
            Some(Tok::Ident(seg)) => {
                base.push(seg.clone());
                i += 2;
            }
            Some(Tok::Open) => return group(toks, i + 2, &base, module),
            _ => return (vec![base], i + 1),
        }
    }
    (vec![base], i)
}

fn group(toks: &[Tok], mut i: usize, base: &[String], module: &[String]) -> (Vec<Vec<String>>, usize) {
    let mut out = Vec::new();
    while i < toks.len() {
        match &toks[i] {
            Tok::Close => return (out, i + 1),
            Tok::Comma | Tok::Star | Tok::Other => i += 1,
            Tok::Ident(kw) if kw == "as" => i += 2,
            Tok::Ident(seg) if seg == "self" => {
                out.push(base.to_vec());
                i += 1;
            }
            Tok::Ident(seg) => {
                let (mut more, next) = tree(toks, i + 1, [base, std::slice::from_ref(seg)].concat(), module);
                out.append(&mut more);
                i = next;
            }
            Tok::Open => {
                let (mut more, next) = group(toks, i + 1, base, module);
                out.append(&mut more);
                i = next;
            }
            Tok::Sep => i += 1,
        }
    }
    (out, i)
}

fn tokens(text: &str) -> Vec<Tok> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            // `$crate` is a macro's path, not this crate's.
            out.push(if start > 0 && chars[start - 1] == '$' { Tok::Other } else { Tok::Ident(word) });
            continue;
        }
        out.push(match c {
            ':' if chars.get(i + 1) == Some(&':') => {
                i += 1;
                Tok::Sep
            }
            '{' => Tok::Open,
            '}' => Tok::Close,
            ',' => Tok::Comma,
            '*' => Tok::Star,
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            _ => Tok::Other,
        });
        i += 1;
    }
    out
}

/// The text with comments, strings and character literals blanked out.
fn clean(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !ident_before(&chars, i) {
            i = skip_raw(&chars, i + 1);
            out.push_str(" \"\" ");
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str(" \"\" ");
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str(" ' ");
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// Skips `#*"…"#*` starting at the first `#` or `"` after `r`; returns the index after it.
fn skip_raw(chars: &[char], mut i: usize) -> usize {
    let mut hashes = 0;
    while chars.get(i) == Some(&'#') {
        hashes += 1;
        i += 1;
    }
    if chars.get(i) != Some(&'"') {
        return i;
    }
    i += 1;
    while i < chars.len() {
        if chars[i] == '"' && (0..hashes).all(|h| chars.get(i + 1 + h) == Some(&'#')) {
            return i + 1 + hashes;
        }
        i += 1;
    }
    i
}
