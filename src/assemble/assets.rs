//! What a page's link names when it is not another page: a file beside it (an image, a
//! PDF, a licence) or a folder (its section page, or the generated decision log of an
//! ADR folder copied in without `_index.md`). Only files a published page links to are
//! published, each at one URL per domain, so a relative `src` never dangles.

use std::collections::HashMap;

use crate::content_path::ContentPath;
use crate::ids::PageId;
use crate::load::{ContentFile, PageKind, Pages};
use crate::policy::RawHtml;

/// Names `README.md` and `index.md` take in a repository: a link to one that is not a
/// page of its own stands for its folder, as a repository browser shows it.
const FOLDER_PAGES: [&str; 3] = ["readme.md", "index.md", crate::content_path::SECTION_INDEX];

/// File types a browser runs as active content when opened from this domain's origin:
/// published only when every author is trusted (`raw_html: trusted`).
const ACTIVE: [&str; 9] = ["html", "htm", "xhtml", "xht", "shtml", "js", "mjs", "wasm", "swf"];

/// Where a folder link leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Folder {
    /// The folder's `_index.md`.
    Section(PageId),
    /// The folder holds decision records but no `_index.md`: the decision log the
    /// decisions feature generates at `/<folder>/`.
    Log(String),
}

/// Lookups over the content tree, built once per link resolution.
pub struct Tree<'s> {
    files: HashMap<&'s str, usize>,
    /// Every folder holding a page or a file, and whether it holds decision records.
    folders: HashMap<String, bool>,
    by_rel: &'s HashMap<ContentPath, PageId>,
}

impl<'s> Tree<'s> {
    /// Indexes `files` and the folders of `pages` and `files`.
    pub fn new(pages: &Pages, files: &'s [ContentFile], by_rel: &'s HashMap<ContentPath, PageId>) -> Tree<'s> {
        let mut folders: HashMap<String, bool> = HashMap::new();
        // Pages share their folders: look a folder up before allocating its name.
        let mut note = |rel: &ContentPath, record: bool| {
            for folder in rel.ancestors() {
                if !folders.contains_key(folder) {
                    folders.insert(folder.to_owned(), false);
                }
            }
            match folders.get_mut(rel.folder()) {
                Some(holds) => *holds |= record,
                None => {
                    folders.insert(rel.folder().to_owned(), record);
                }
            }
        };
        for page in pages.iter() {
            note(&page.rel, page.kind == PageKind::Decision);
        }
        for file in files {
            note(&file.rel, false);
        }
        let files = files.iter().enumerate().map(|(i, f)| (f.rel.as_str(), i)).collect();
        Tree { files, folders, by_rel }
    }

    /// The file at `rel`, if there is one.
    pub fn file(&self, rel: &str) -> Option<usize> {
        self.files.get(rel).copied()
    }

    /// The folder `rel` stands for: itself when it is a folder, or the folder holding it
    /// when it is a `README.md`, `index.md` or `_index.md` that is not a page.
    pub fn folder_of<'r>(&self, rel: &'r ContentPath) -> Option<&'r str> {
        if rel.as_str().is_empty() || self.folders.contains_key(rel.as_str()) {
            return Some(rel.as_str());
        }
        FOLDER_PAGES.contains(&rel.file_name().to_ascii_lowercase().as_str()).then(|| rel.folder())
    }

    /// Where a link to `folder` leads, if anywhere.
    pub fn folder(&self, folder: &str) -> Option<Folder> {
        if let Some(page) = self.by_rel.get(ContentPath::section_index(folder).as_str()) {
            return Some(Folder::Section(*page));
        }
        self.folders.get(folder).copied().filter(|records| *records).map(|_| Folder::Log(folder.to_owned()))
    }

    /// Existing files and folders, for "did you mean".
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.files.keys().copied().chain(self.folders.keys().map(String::as_str).filter(|f| !f.is_empty()))
    }
}

/// Why a file is not published from `content/` under `raw_html`, or `None`: a type the
/// browser runs (HTML, scripts) or an SVG image carrying script, unless authors are trusted.
pub fn refused(file: &ContentFile, raw_html: RawHtml) -> Option<&'static str> {
    if raw_html == RawHtml::Trusted {
        return None;
    }
    let name = file.rel.file_name().to_ascii_lowercase();
    let ext = name.rsplit_once('.').map_or("", |(_, ext)| ext);
    if ACTIVE.contains(&ext) {
        return Some("a browser runs this type of file as part of the site");
    }
    (ext == "svg" && scripted_svg(&file.bytes)).then_some("this SVG image carries script")
}

/// True when SVG bytes hold a `<script>`, a `javascript:` URL or an `on…=` event handler.
fn scripted_svg(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes).to_ascii_lowercase();
    if text.contains("<script") || text.contains("javascript:") {
        return true;
    }
    let b = text.as_bytes();
    (0..b.len().saturating_sub(3)).any(|i| {
        b[i].is_ascii_whitespace() && b[i + 1] == b'o' && b[i + 2] == b'n' && {
            let name = b[i + 3..].iter().take_while(|c| c.is_ascii_alphabetic()).count();
            let rest = &b[i + 3 + name..];
            name > 0 && rest.iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'=')
        }
    })
}

/// The URL of a content file on a domain whose `content_dir` is `dir`: its path inside
/// that folder, else its path under `content/`.
pub fn file_url(file: &ContentFile, dir: Option<&str>) -> String {
    match dir.and_then(|d| file.rel.within(d)) {
        Some(rest) => format!("/{rest}"),
        None => format!("/{}", file.rel),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(rel: &str, bytes: &str) -> ContentFile {
        ContentFile { rel: ContentPath::new(rel), bytes: bytes.as_bytes().to_vec() }
    }

    #[test]
    fn active_types_are_refused_unless_trusted() {
        for rel in ["docs/page.html", "docs/app.JS", "x.xhtml"] {
            assert!(refused(&file(rel, ""), RawHtml::Safe).is_some(), "{rel}");
            assert!(refused(&file(rel, ""), RawHtml::Trusted).is_none(), "{rel}");
        }
        for rel in ["a.png", "b.pdf", "LICENSE-MIT", "c.svg"] {
            assert!(refused(&file(rel, "<svg><rect/></svg>"), RawHtml::Safe).is_none(), "{rel}");
        }
    }

    #[test]
    fn scripted_svg_is_found() {
        assert!(scripted_svg(b"<svg><SCRIPT>x</SCRIPT></svg>"));
        assert!(scripted_svg(b"<svg onload = \"x()\"></svg>"));
        assert!(scripted_svg(b"<svg><a href=\"javascript:x\"/></svg>"));
        assert!(!scripted_svg(b"<svg><text>only one</text></svg>"));
    }

    #[test]
    fn file_urls_drop_the_domain_folder() {
        assert_eq!(file_url(&file("he/logo.png", ""), Some("he")), "/logo.png");
        assert_eq!(file_url(&file("decisions/flow.png", ""), Some("he")), "/decisions/flow.png");
        assert_eq!(file_url(&file("decisions/flow.png", ""), None), "/decisions/flow.png");
    }
}
