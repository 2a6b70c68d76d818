//! Stage 1, load: walk `content/`, split front matter and build typed pages.

pub mod frontmatter;
pub mod i18n;
pub mod import;
pub mod status_line;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::fs;
pub use frontmatter::{FrontMatter, Status};
pub use i18n::I18n;

/// What kind of page a Markdown file is, from its place in the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// A folder's `_index.md`.
    Section,
    /// An ordinary page.
    Page,
    /// A decision record under `content/decisions/`.
    Decision,
}

/// One Markdown file, parsed.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to the site root, for diagnostics (`content/vision.md`).
    pub source: PathBuf,
    /// Path relative to `content/`, with `/` separators (`vision.md`).
    pub rel: String,
    /// Section, page or decision.
    pub kind: PageKind,
    /// The language it is written in: its `lang`, else that of the domain owning its folder.
    pub lang: String,
    /// Typed front matter.
    pub front: FrontMatter,
    /// The whole file, kept for diagnostics.
    pub text: String,
    /// Byte offset of the body in `text`.
    pub body_offset: usize,
    /// 1-based line where the body starts.
    pub body_line: usize,
}

impl Page {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }

    /// Decision id: from front matter, else from the file number (`0001-x.md` → `BDR-0001`).
    pub fn decision_id(&self) -> Option<String> {
        if self.kind != PageKind::Decision {
            return None;
        }
        self.front.id.clone().or_else(|| {
            let stem = self.rel.rsplit('/').next()?;
            let digits: String = stem.chars().take_while(char::is_ascii_digit).collect();
            (!digits.is_empty()).then(|| format!("BDR-{digits:0>4}"))
        })
    }
}

/// A non-Markdown file inside `content/` (an image, a PDF) copied beside its pages.
#[derive(Debug, Clone)]
pub struct ContentFile {
    /// Path relative to `content/`, with `/` separators.
    pub rel: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Everything read from `content/`.
#[derive(Debug, Clone)]
pub struct Content {
    /// Markdown pages, sorted by `rel`.
    pub pages: Vec<Page>,
    /// Other files to copy, sorted by `rel`.
    pub files: Vec<ContentFile>,
    /// UI strings per language.
    pub i18n: I18n,
}

/// Folders under `content/` holding data rather than pages.
const DATA_DIRS: [&str; 3] = ["i18n", "products", "pricing"];

/// Loads every page under `root/content`. All problems are reported, not just the first.
pub fn load(root: &Path, config: &Config, drafts: bool) -> Result<Content, Vec<Diagnostic>> {
    let content = root.join("content");
    let (markdown, files) = walk(&content)?;
    let results: Vec<Result<Option<Page>, Diagnostic>> =
        markdown.par_iter().map(|(rel, path)| load_page(rel, path)).collect();
    let mut pages = Vec::new();
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(Some(page)) if page.front.draft && !drafts => {}
            Ok(Some(mut page)) => {
                page.lang = config.language_of(&page.rel, page.front.lang.as_deref()).to_owned();
                pages.push(page);
            }
            Ok(None) => {}
            Err(d) => problems.push(d),
        }
    }
    let i18n = match i18n::load(&content) {
        Ok(i18n) => i18n,
        Err(mut more) => {
            problems.append(&mut more);
            I18n::default()
        }
    };
    if problems.is_empty() {
        Ok(Content { pages, files, i18n })
    } else {
        Err(problems)
    }
}

type Found = (Vec<(String, PathBuf)>, Vec<ContentFile>);

fn walk(content: &Path) -> Result<Found, Vec<Diagnostic>> {
    let mut markdown = Vec::new();
    let mut files = Vec::new();
    let walker = WalkDir::new(content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = entry.map_err(|e| vec![walk_error(&e, content)])?;
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(content) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let top = rel.split('/').next().unwrap_or_default();
        if rel.ends_with(".md") {
            markdown.push((rel, entry.path().to_path_buf()));
        } else if !DATA_DIRS.contains(&top) && rel != "site.yaml" {
            let shown = PathBuf::from("content").join(&rel);
            let bytes = fs::read(entry.path())
                .map_err(|e| vec![Diagnostic::error(shown, 0, 0, e.to_string()).with_code("E001")])?;
            files.push(ContentFile { rel, bytes });
        }
    }
    Ok((markdown, files))
}

fn walk_error(error: &walkdir::Error, content: &Path) -> Diagnostic {
    let path = error.path().unwrap_or(content);
    let shown = Path::new("content").join(path.strip_prefix(content).unwrap_or(path));
    if let Some(ancestor) = error.loop_ancestor() {
        let target = Path::new("content").join(ancestor.strip_prefix(content).unwrap_or(ancestor));
        return Diagnostic::error(shown, 0, 0, format!("symbolic link loop: it points back to {}", target.display()))
            .with_code("E001")
            .with_hint("remove the link or point it outside its own parent folders");
    }
    let reason = error.io_error().map_or_else(|| error.to_string(), ToString::to_string);
    Diagnostic::error(shown, 0, 0, format!("cannot read: {reason}"))
        .with_code("E001")
        .with_hint("check that the file exists and is readable; a symbolic link may point nowhere")
}

/// Hidden files and editors' temporary files are never content.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// One Markdown file; `None` for the extras of a copied ADR folder (see [`import::is_extra`]).
fn load_page(rel: &str, path: &Path) -> Result<Option<Page>, Diagnostic> {
    let source = PathBuf::from("content").join(rel);
    let text = read_text(path, &source)?;
    let kind = kind_of(rel);
    if kind == PageKind::Decision && import::is_foreign(&text) {
        if import::is_extra(rel) {
            return Ok(None);
        }
        // A plain ADR (Nygard or MADR) copied in as it is.
        let imported = import::import(&text, &source)?;
        let (front, body_offset, body_line) = (imported.front, imported.body_offset, imported.body_line);
        return Ok(Some(Page {
            source,
            rel: rel.to_owned(),
            kind,
            lang: String::new(),
            front,
            text,
            body_offset,
            body_line,
        }));
    }
    let split = frontmatter::split(&text, &source)?;
    let front = frontmatter::parse(&split, &text, &source, kind == PageKind::Decision)?;
    let (body_offset, body_line) = (split.body_offset, split.body_line);
    Ok(Some(Page { source, rel: rel.to_owned(), kind, lang: String::new(), front, text, body_offset, body_line }))
}

/// Pages larger than this are refused rather than loaded (a 50 MB paste is a mistake).
pub const MAX_PAGE_BYTES: usize = 8 * 1024 * 1024;

/// Reads a page as UTF-8; invalid bytes are reported at their line.
fn read_text(path: &Path, source: &Path) -> Result<String, Diagnostic> {
    let bytes = fs::read(path).map_err(|e| {
        Diagnostic::error(source, 0, 0, e.source.to_string())
            .with_code("E001")
            .with_hint("check that the file exists and is readable")
    })?;
    if bytes.len() > MAX_PAGE_BYTES {
        let message = format!(
            "file is {:.1} MB; pages are limited to {} MB",
            bytes.len() as f64 / 1_048_576.0,
            MAX_PAGE_BYTES / 1_048_576
        );
        return Err(Diagnostic::error(source, 0, 0, message)
            .with_code("E007")
            .with_hint("split it into several pages, or move data out of Markdown"));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let good = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        let (line, column) = crate::diagnostics::line_col(&good, valid);
        Diagnostic::error(source, line, column, "file is not valid UTF-8")
            .with_code("E001")
            .with_hint("save the file as UTF-8")
    })
}

fn kind_of(rel: &str) -> PageKind {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    if name == "_index.md" {
        PageKind::Section
    } else if rel.starts_with("decisions/") {
        PageKind::Decision
    } else {
        PageKind::Page
    }
}
