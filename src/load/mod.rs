//! Stage 1, load: walk `content/`, split front matter and build typed pages.

pub mod adr_header;
pub mod frontmatter;
pub mod i18n;
pub mod import;
pub mod limits;
pub mod madr_front;
pub mod numbering;
pub mod status_line;
pub mod title;
pub mod walk;

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content_path::ContentPath;
use crate::diagnostics::Diagnostic;
use crate::ids::PerPage;
use crate::read::{self, Kind, Reader};
pub use frontmatter::{Dialect, FrontMatter, ImportedMeta, Relation, Status};
pub use i18n::I18n;
use rayon::prelude::*;
pub use walk::is_ignored;

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
    pub rel: ContentPath,
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
            let stem = self.rel.file_name();
            let digits: String = stem.chars().take_while(char::is_ascii_digit).collect();
            (!digits.is_empty()).then(|| format!("BDR-{digits:0>4}"))
        })
    }
}

/// A non-Markdown file inside `content/` (an image, a PDF) copied beside its pages.
#[derive(Debug, Clone)]
pub struct ContentFile {
    /// Path relative to `content/`, with `/` separators.
    pub rel: ContentPath,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// The pages of a site, each shared: the dev server keeps the last build's pages and
/// replaces only those it reads again, without copying the rest.
pub type Pages = PerPage<std::sync::Arc<Page>>;

impl From<Vec<Page>> for Pages {
    fn from(pages: Vec<Page>) -> Pages {
        pages.into_iter().map(std::sync::Arc::new).collect::<Vec<_>>().into()
    }
}

/// Everything read from `content/`.
#[derive(Debug, Clone)]
pub struct Content {
    /// Markdown pages, sorted by `rel`: the order [`crate::ids::PageId`]s count in.
    pub pages: Pages,
    /// Other files to copy, sorted by `rel`.
    pub files: std::sync::Arc<[ContentFile]>,
    /// UI strings per language.
    pub i18n: I18n,
    /// Warnings found while reading (imported ADR files), sorted.
    pub warnings: Vec<Diagnostic>,
}

/// Loads every page under `root/content`. All problems are reported, not just the first.
pub fn load(root: &Path, config: &Config, drafts: bool) -> Result<Content, Vec<Diagnostic>> {
    let content = root.join("content");
    let reader = Reader::new(root);
    let (found, mut problems) = walk::walk(&reader, &content);
    let words = status_line::Vocabulary::new(&config.decisions.statuses);
    let results: Vec<Result<Read, Diagnostic>> =
        found.markdown.par_iter().map(|(rel, path)| load_page(rel, path, &words)).collect();
    let mut pages = Vec::new();
    let mut templates = Vec::new();
    let mut warnings = Vec::new();
    let mut foreign_keys = Vec::new();
    for result in results {
        match result {
            Ok(Read::Template(file)) => templates.push(file),
            Ok(Read::Page(loaded)) => {
                warnings.extend(loaded.warnings);
                foreign_keys.extend(loaded.foreign_keys);
                let mut page = loaded.page;
                if page.front.draft && !drafts {
                    continue;
                }
                page.lang = config.language_of(&page.rel, page.front.lang.as_deref()).to_owned();
                pages.push(page);
            }
            Ok(Read::Skipped) => {}
            Err(d) => problems.push(d),
        }
    }
    let records: Vec<numbering::RecordFile<'_>> = pages
        .iter()
        .filter(|p| p.kind == PageKind::Decision)
        .map(|p| numbering::RecordFile { name: p.rel.file_name(), source: &p.source, text: &p.text })
        .collect();
    problems.extend(numbering::suffixed(&records));
    warnings.extend(madr_front::once_per_key(foreign_keys));
    crate::diagnostics::sort(&mut warnings);
    let files = found.files.par_iter().map(|(rel, path)| load_file(rel, path)).collect::<Vec<_>>();
    let mut files: Vec<ContentFile> = files.into_iter().filter_map(|f| f.map_err(|d| problems.push(d)).ok()).collect();
    files.extend(templates);
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    let i18n = match i18n::load(&reader, &content) {
        Ok(i18n) => i18n,
        Err(mut more) => {
            problems.append(&mut more);
            I18n::default()
        }
    };
    if problems.is_empty() {
        Ok(Content { pages: pages.into(), files: files.into(), i18n, warnings })
    } else {
        Err(problems)
    }
}

/// Reads one Markdown file again, as [`load`] reads it (`rel` relative to `content/`,
/// `path` already confined to the site root). `None` when it is not an ordinary page
/// any more (a record template, a copied ADR file with warnings, a draft left out): what
/// it is then depends on the rest of the tree, so the caller loads everything.
pub fn reload_page(rel: &str, path: &Path, config: &Config, drafts: bool) -> Result<Option<Page>, Diagnostic> {
    let words = status_line::Vocabulary::new(&config.decisions.statuses);
    match load_page(rel, path, &words)? {
        Read::Page(loaded) if loaded.warnings.is_empty() && loaded.foreign_keys.is_empty() => {
            let mut page = loaded.page;
            if page.front.draft && !drafts {
                return Ok(None);
            }
            page.lang = config.language_of(&page.rel, page.front.lang.as_deref()).to_owned();
            Ok(Some(page))
        }
        _ => Ok(None),
    }
}

fn load_file(rel: &str, path: &Path) -> Result<ContentFile, Diagnostic> {
    let bytes = read::regular(path, Kind::Static).map_err(|e| e.diagnostic(&Path::new("content").join(rel)))?;
    Ok(ContentFile { rel: ContentPath::new(rel), bytes })
}

/// One Markdown file read, with what reading it found.
struct Loaded {
    page: Page,
    warnings: Vec<Diagnostic>,
    foreign_keys: Vec<madr_front::ForeignKey>,
}

/// What one Markdown file turned out to be.
enum Read {
    Page(Box<Loaded>),
    /// A record template: no page, but a record may link to it (adr-tools' first record
    /// does), so it is a file like any other, published when linked.
    Template(ContentFile),
    /// An extra of a copied ADR folder (`README.md`, `index.md`): its folder's log
    /// stands for it.
    Skipped,
}

/// One Markdown file: a page, or a record template (see [`import::is_template`]), or
/// an extra of a copied ADR folder (see [`import::is_extra`]).
fn load_page(rel: &str, path: &Path, words: &status_line::Vocabulary) -> Result<Read, Diagnostic> {
    let source = PathBuf::from("content").join(rel);
    let text = read::regular_text(path, Kind::Markdown).map_err(|e| e.diagnostic(&source))?;
    limits::check_markdown(&text, &source)?;
    let rel = ContentPath::new(rel);
    let kind = kind_of(&rel);
    if kind == PageKind::Decision && import::is_template(rel.as_str()) {
        return Ok(Read::Template(ContentFile { rel, bytes: text.into_bytes() }));
    }
    if kind == PageKind::Decision && import::is_foreign(&text) {
        if import::is_extra(rel.as_str()) {
            return Ok(Read::Skipped);
        }
        // A plain ADR (Nygard or MADR) copied in as it is.
        let imported = import::import(&text, &source, words)?;
        let (front, body_offset, body_line) = (imported.front, imported.body_offset, imported.body_line);
        let page = Page { source, rel, kind, lang: String::new(), front, text, body_offset, body_line };
        return Ok(Read::Page(Box::new(Loaded {
            page,
            warnings: imported.warnings,
            foreign_keys: imported.foreign_keys,
        })));
    }
    let split = frontmatter::split(&text, &source)?;
    let front = frontmatter::parse(&split, &text, &source, kind == PageKind::Decision)?;
    let (body_offset, body_line) = (split.body_offset, split.body_line);
    let page = Page { source, rel, kind, lang: String::new(), front, text, body_offset, body_line };
    Ok(Read::Page(Box::new(Loaded { page, warnings: Vec::new(), foreign_keys: Vec::new() })))
}

/// Pages larger than this are refused rather than loaded (a 50 MB paste is a mistake).
pub const MAX_PAGE_BYTES: usize = Kind::Markdown.limit() as usize;

fn kind_of(rel: &ContentPath) -> PageKind {
    if rel.is_section_index() {
        PageKind::Section
    } else if rel.as_str().starts_with("decisions/") {
        PageKind::Decision
    } else {
        PageKind::Page
    }
}
