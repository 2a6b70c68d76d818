//! `site check`: every validation of `build`, plus content checks that do not stop a
//! build — orphan pages, images without alt text, raw scripts — without writing.

use std::collections::HashSet;

use crate::assemble::{links, translations, Site, Target};
use crate::cache::BuildCache;
use crate::content_path::ContentPath;
use crate::diagnostics::{self, Code, Diagnostic};
use crate::ids::PageId;
use crate::load::{Page, PageKind};
use crate::pipeline::{self, content, BuildOptions, Error};

/// Runs the whole pipeline but the write, with every check; returns the warnings.
pub fn check(options: &BuildOptions) -> Result<Vec<Diagnostic>, Error> {
    let prepared = pipeline::prepare(options, &mut BuildCache::none())?;
    let (errors, mut warnings): (Vec<_>, Vec<_>) = checks(&prepared.site).into_iter().partition(Diagnostic::is_error);
    if !errors.is_empty() {
        return Err(content(errors));
    }
    // Rendering finds template errors; the files themselves are not kept.
    let written = std::sync::Mutex::new(Vec::new());
    let report = pipeline::render(&prepared, &|_| true, &|file| {
        written.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(file.path);
        Ok(())
    })?;
    warnings.extend(report.warnings);
    // The host files are made (and their limits checked) but not kept.
    let written = written.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    warnings.extend(pipeline::publish(&prepared.site, &written)?.warnings);
    diagnostics::sort(&mut warnings);
    Ok(warnings)
}

/// The checks `site check` adds to those of `build`.
fn checks(site: &Site) -> Vec<Diagnostic> {
    let mut all = orphans(site);
    all.extend(images_without_alt(site));
    all.extend(raw_scripts(site));
    all.extend(translations::missing(site));
    all
}

fn published(site: &Site) -> impl Iterator<Item = (PageId, &Page)> + '_ {
    site.pages.enumerate().filter(|(i, _)| !site.placements[*i].is_empty()).map(|(i, p)| (i, &**p))
}

/// A warning at a byte offset of a page's body.
fn at(page: &Page, offset: usize, message: String) -> Diagnostic {
    let (line, column) = links::position(page, offset);
    Diagnostic::warning(&page.source, line, column, message).with_source(&page.text)
}

/// Published pages no other page, navigation, call to action or section listing links to.
fn orphans(site: &Site) -> Vec<Diagnostic> {
    let mut linked: HashSet<PageId> = HashSet::new();
    for (i, page) in published(site) {
        for page in site.links[i].iter().flatten().filter_map(Target::page) {
            if page != i {
                linked.insert(page);
            }
        }
        if page.kind != PageKind::Section {
            if let Some(parent) = parent_section(site, &page.rel) {
                linked.insert(parent);
                linked.insert(i);
            }
        }
    }
    for ds in &site.domains {
        for nav in ds.nav.iter().chain(&ds.cta) {
            if let Some(e) = ds.entries.iter().find(|e| e.url == nav.url) {
                linked.insert(e.page);
            }
        }
        linked.extend(ds.entries.iter().filter(|e| e.is_home).map(|e| e.page));
    }
    published(site)
        .filter(|(i, _)| !linked.contains(i))
        .map(|(_, page)| {
            Diagnostic::warning(&page.source, 0, 0, "orphan page: published, but no page links to it")
                .with_code(Code::W001)
                .with_hint("link to it from a related page, a section or the navigation in site.yaml")
        })
        .collect()
}

/// The `_index.md` of the folder holding `rel`, if there is one.
fn parent_section(site: &Site, rel: &ContentPath) -> Option<PageId> {
    site.by_rel.get(&rel.folder_index()).copied()
}

fn images_without_alt(site: &Site) -> Vec<Diagnostic> {
    published(site)
        .flat_map(|(i, page)| {
            site.rendered[i].images.iter().filter(|img| img.alt.trim().is_empty()).map(move |img| {
                at(page, img.offset, format!("image `{}` has no alt text", img.src))
                    .with_code(Code::W002)
                    .with_hint("describe the image: ![what it shows](path)")
            })
        })
        .collect()
}

fn raw_scripts(site: &Site) -> Vec<Diagnostic> {
    published(site)
        .flat_map(|(i, page)| {
            site.rendered[i].scripts.iter().map(move |offset| {
                at(page, *offset, "raw `<script>` in Markdown".into())
                    .with_code(Code::W004)
                    .with_hint("pages must work without JavaScript; put behaviour in the theme instead")
            })
        })
        .collect()
}
