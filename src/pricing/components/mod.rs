//! Data in Markdown, resolved: the component calls the Markdown stage left as
//! placeholders (`{{ price(plan="factory.team") }}`) checked once against the catalogue
//! and the decision records, then rendered per domain in its currency and language.
//! Also the check that prose does not type prices by hand.
//!
//! Pages keep placeholders in the Markdown cache, so a cached body never holds data: a
//! changed price reaches every page on the next build without invalidating the cache.

pub mod html;
mod promised;
pub mod spec;
mod tiers;
mod typed;

use crate::assemble::links::position;
use crate::assemble::Site;
use crate::diagnostics::{Code, Diagnostic};
use crate::ids::{DomainId, PageId};
use crate::markdown::components::Call;

use super::load::Catalog;
use super::view::Locale;

pub use html::Ctx;
pub use promised::typed_promises;
pub use typed::typed_prices;

/// The errors of every component call on a published page: unknown names and arguments,
/// missing data, and an `amount` without the currency of a domain that shows the page.
pub fn check(catalog: &Catalog, site: &Site) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (i, page) in site.pages.enumerate() {
        if site.placements[i].is_empty() {
            continue;
        }
        for call in &site.rendered[i].components {
            let problem = problem(call, catalog, site).or_else(|| currency_missing(call, site, i));
            if let Some((offset, code, message, hint)) = problem {
                let (line, column) = position(page, offset);
                found.push(
                    Diagnostic::error(&page.source, line, column, message)
                        .with_code(code)
                        .with_source(&page.text)
                        .with_hint(hint),
                );
            }
        }
    }
    found
}

/// The domain-independent problem of a call, if any: its spec's checks, then a
/// pillar-level `service` call's.
fn problem(call: &Call, catalog: &Catalog, site: &Site) -> Option<spec::Problem> {
    spec::check(call, catalog, site).or_else(|| {
        let pillar_level = call.name == "service" && spec::arg(call, "plan").is_none();
        pillar_level.then(|| tiers::check(call, catalog)).flatten()
    })
}

/// An `amount` without the currency of a domain the page is shown on.
fn currency_missing(call: &Call, site: &Site, page: PageId) -> Option<spec::Problem> {
    if call.name != "amount" {
        return None;
    }
    site.placements[page].iter().find_map(|(d, _)| {
        let domain = site.config.domain_at(*d);
        let given = call.args.iter().any(|(k, _, _)| *k == domain.currency);
        let message = format!("`amount` has no {} amount, the currency of {}", domain.currency, domain.host);
        (!given).then(|| (call.offset, Code::E060, message, format!("add `{}=…`", domain.currency)))
    })
}

/// Each published page's component HTML on `domain`, in call order, for the pages that
/// call any.
pub fn pages(site: &Site, domain: DomainId, loc: &Locale<'_>) -> Vec<(PageId, Vec<String>)> {
    let cx = Ctx { site, domain, loc };
    site.pages
        .enumerate()
        .filter(|(i, _)| site.placements[*i].iter().any(|(d, _)| *d == domain))
        .filter(|(i, _)| !site.rendered[*i].components.is_empty())
        .map(|(i, _)| (i, site.rendered[i].components.iter().map(|c| html::render(c, &cx)).collect()))
        .collect()
}

/// The problems of the calls in catalogue prose (a description, an FAQ answer): text to
/// find the call's YAML line by (its first argument's value, as YAML may escape quotes),
/// with the code, message and hint.
pub fn check_prose(calls: &[Call], catalog: &Catalog, site: &Site) -> Vec<(String, Code, String, String)> {
    calls
        .iter()
        .filter_map(|call| {
            let needle = call.args.first().map_or(&call.name, |(_, value, _)| value).clone();
            problem(call, catalog, site).map(|(_, code, m, h)| (needle, code, m, h))
        })
        .collect()
}
