//! Pages and files made from data rather than Markdown: pricing pages, decision-log
//! views, feeds, `pricing.json`. Feature modules produce them per domain; the
//! assembler checks their URLs against the Markdown pages and the renderer renders
//! them with the theme like any other page.

use std::path::PathBuf;

use crate::diagnostics::Diagnostic;

use super::template::Template;
use super::DomainSite;

/// A page whose body comes from a template and structured data.
#[derive(Debug, Clone)]
pub struct GeneratedPage {
    /// Root-relative URL with a trailing slash (`/pricing/factory/`).
    pub url: String,
    /// Theme template that renders it.
    pub template: Template,
    /// `page.kind` in the template (`pricing`, `decision-log`, ...).
    pub kind: String,
    /// Page title.
    pub title: String,
    /// One-sentence summary.
    pub description: String,
    /// The file it was generated from, for diagnostics (`content/pricing/factory.yaml`).
    pub source: PathBuf,
    /// Anything the template needs, as `data`.
    pub data: serde_json::Value,
    /// ISO date for the sitemap's `lastmod`, if any.
    pub date: Option<String>,
    /// Ids of the decision records it links to (they list it under "referenced by").
    pub refers_to: Vec<String>,
}

/// A non-HTML file at a root-relative path (`/pricing.json`, `/decisions/feed.xml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraFile {
    /// Root-relative path, starting with `/`.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// What a feature module adds to one domain.
#[derive(Debug, Clone, Default)]
pub struct Generated {
    /// Pages.
    pub pages: Vec<GeneratedPage>,
    /// Other files.
    pub files: Vec<ExtraFile>,
}

impl Generated {
    /// Adds `more` to `self`.
    pub fn extend(&mut self, more: Generated) {
        self.pages.extend(more.pages);
        self.files.extend(more.files);
    }
}

/// Adds generated pages and files to a domain, refusing URLs already taken.
pub fn attach(ds: &mut DomainSite, generated: Generated, host: &str) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for page in generated.pages {
        let taken = ds.entries.iter().any(|e| e.url == page.url)
            || ds.generated.iter().any(|g| g.url == page.url)
            || ds.aliases.contains_key(&page.url);
        if taken {
            let message =
                format!("`{}` on {host} is produced by {} and by another page", page.url, page.source.display());
            problems
                .push(Diagnostic::error(&page.source, 0, 0, message).with_code("E023").with_hint("rename one of them"));
        } else {
            ds.generated.push(page);
        }
    }
    for file in generated.files {
        if ds.files.iter().any(|f| f.path == file.path) {
            problems.push(
                Diagnostic::error(&file.path, 0, 0, format!("`{}` on {host} is generated twice", file.path))
                    .with_code("E023"),
            );
        } else {
            ds.files.push(file);
        }
    }
    ds.generated.sort_by(|a, b| a.url.cmp(&b.url));
    ds.files.sort_by(|a, b| a.path.cmp(&b.path));
    problems
}
