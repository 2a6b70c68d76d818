//! What every page the catalogue makes shares: the pair it is made from, the page
//! record, its data, and the prose (descriptions, FAQ answers) rendered by the same
//! Markdown stage as pages.

use std::path::Path;

use serde::Serialize;

use crate::assemble::generated::GeneratedPage;
use crate::assemble::links::{fill_components, substitute};
use crate::assemble::template::{Kind, Template};
use crate::assemble::Site;
use crate::diagnostics::{Code, Diagnostic};
use crate::ids::DomainId;
use crate::markdown::{self, Highlighter, Labels};
use crate::policy;

use super::load::Source;
use super::locate::Locator;
use super::model::{PriceList, Product};
use super::view::Locale;
use super::{components, resolve};

/// A product with its price list, as shown on one domain.
pub type Priced<'c> = (&'c Source<Product>, &'c Source<PriceList>);

/// A generated page; the caller fills in `data` .
pub fn page(
    url: String,
    template: Template,
    kind: Kind,
    title: String,
    description: String,
    source: &Path,
) -> GeneratedPage {
    GeneratedPage {
        url,
        template,
        kind,
        title,
        description,
        source: source.to_path_buf(),
        data: serde_json::Value::Null,
        date: None,
        refers_to: Vec::new(),
    }
}

/// Template data as the JSON value a generated page carries.
pub fn data<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}

/// Catalogue prose as HTML, with what its links did.
#[derive(Debug, Default)]
pub struct Prose {
    /// The HTML.
    pub html: String,
    /// Internal links that name no published page (`@/nope.md`).
    pub broken: Vec<String>,
    /// Links (`false`) and images (`true`) whose URL the URL policy refused.
    pub neutralised: Vec<(String, bool)>,
    /// Component calls that cannot be rendered: the call as written, code, message, hint.
    pub calls: Vec<(String, Code, String, String)>,
}

/// Markdown from the catalogue through the Markdown stage pages use (heading ids,
/// URLs the URL policy refuses neutralised), with raw HTML shown as text, and `@/path.md` links resolved
/// as seen from `domain`. A link without `@/` is taken from `content/`.
pub fn prose(text: &str, site: &Site, domain: DomainId, loc: &Locale<'_>) -> Prose {
    let lang = &site.config.domain_at(domain).language;
    let labels = Labels::from_strings(site.i18n.table(lang));
    let rendered = markdown::render_prose(text, &Highlighter::new(), &labels);
    let mut broken = Vec::new();
    let hrefs: Vec<String> = rendered
        .links
        .iter()
        .map(|link| {
            let target = &link.target;
            if target.starts_with('#') {
                return target.clone();
            }
            let written = if target.starts_with("@/") { target.clone() } else { format!("@/{target}") };
            resolve::link(site, domain, &written).unwrap_or_else(|| {
                broken.push(target.clone());
                String::new()
            })
        })
        .collect();
    let links = rendered.unsafe_links.iter().map(|l| (l.target.clone(), false));
    let neutralised = links.chain(rendered.unsafe_images.iter().map(|l| (l.target.clone(), true))).collect();
    let cx = components::Ctx { site, domain, loc };
    let filled: Vec<String> = rendered.components.iter().map(|c| components::html::render(c, &cx)).collect();
    let html = fill_components(substitute(&rendered.html, &hrefs), Some(&filled));
    let calls = components::check_prose(&rendered.components, loc.catalog, site);
    Prose { html, broken, neutralised, calls }
}

/// [`prose`] with what its links did reported at the YAML line that holds each link
/// (searched from line `from`): a link to no published page is an error, a URL the URL
/// policy refuses a warning (the link already points to `#`, the image is its alt text).
pub fn checked_prose(
    text: &str,
    site: &Site,
    domain: DomainId,
    loc: &Locale<'_>,
    at: &Locator<'_>,
    from: usize,
) -> (String, Vec<Diagnostic>) {
    let Prose { html, broken, neutralised, calls } = prose(text, site, domain, loc);
    let mut found = Vec::new();
    for (written, code, message, hint) in calls {
        let line = at.line_with(&written, from);
        found.push(at.error(code, line, message, &hint));
    }
    for target in broken {
        let line = at.line_with(&target, from);
        let message = format!("link to `{target}` names no published page");
        found.push(at.error(Code::E047, line, message, "write `@/path/under/content.md` of a published page"));
    }
    for (target, image) in neutralised {
        let line = at.line_with(&target, from);
        found.push(at.warning(Code::W005, line, policy::neutralised(&target, image), policy::NEUTRALISED_HINT));
    }
    (html, found)
}
