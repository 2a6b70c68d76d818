//! The product pages, `/products/<id>/`: what a product is, who it is for, and links to
//! its pricing, its details page and the decision records behind it.

use serde::Serialize;

use crate::assemble::generated::GeneratedPage;
use crate::assemble::template::{Kind, Template};
use crate::assemble::Site;
use crate::diagnostics::{did_you_mean, Code, Diagnostic};
use crate::ids::DomainId;

use super::load::Source;
use super::locate::Locator;
use super::model::Product;
use super::page::{checked_prose, data, page as generated, Priced};
use super::resolve::{self, Link};
use super::view::{self, Locale};

/// `data` of `product.html`.
#[derive(Serialize)]
struct ProductData {
    id: String,
    pillar: &'static str,
    /// "Available", "In preview", ...
    availability: String,
    /// HTML.
    description: String,
    capabilities: Vec<String>,
    audience: Vec<String>,
    /// Its pricing page, or its pillar's group on the overview.
    pricing_url: Option<String>,
    /// The Markdown page with more details.
    details_url: Option<String>,
    decisions: Vec<Link>,
    /// The pillar's other products, on a pillar's page.
    members: Vec<Member>,
    /// Empty for a published product.
    draft_note: String,
}

/// Another product of the same pillar.
#[derive(Serialize)]
struct Member {
    name: String,
    tagline: String,
    url: String,
}

/// `/products/<id>/` for one product on one domain, and the warnings about it.
pub fn page(
    product: &Source<Product>,
    shown: &[&Source<Product>],
    priced: &[Priced<'_>],
    site: &Site,
    domain: DomainId,
    loc: &Locale<'_>,
) -> Result<(GeneratedPage, Vec<Diagnostic>), Vec<Diagnostic>> {
    let p = &product.value;
    let (decisions, details) = links(product, site, domain)?;
    let at = Locator::new(&product.path, &product.text);
    let (description, found) =
        checked_prose(p.description.get(loc.lang), site, domain, loc, &at, at.top("description"));
    let (errors, warnings): (Vec<_>, Vec<_>) = found.into_iter().partition(Diagnostic::is_error);
    if !errors.is_empty() {
        return Err(errors);
    }
    let is_pillar = p.id == p.pillar.as_str();
    let members: Vec<Member> = shown
        .iter()
        .filter(|m| is_pillar && m.value.pillar == p.pillar && m.value.id != p.id)
        .map(|m| Member {
            name: m.value.name.to(loc.lang),
            tagline: m.value.tagline.to(loc.lang),
            url: format!("/products/{}/", m.value.id),
        })
        .collect();
    let url = format!("/products/{}/", p.id);
    let mut g =
        generated(url, Template::Product, Kind::Product, p.name.to(loc.lang), p.tagline.to(loc.lang), &product.path);
    g.refers_to = p.decisions.clone();
    g.data = data(&ProductData {
        id: p.id.clone(),
        pillar: p.pillar.as_str(),
        availability: loc.label(&format!("pricing_availability_{}", p.availability.key())),
        description,
        capabilities: p.capabilities.iter().map(|t| t.to(loc.lang)).collect(),
        audience: p.audience.iter().map(|t| t.to(loc.lang)).collect(),
        pricing_url: pricing_url(p, priced),
        details_url: details,
        decisions,
        members,
        draft_note: view::draft_note(p.status, loc),
    });
    Ok((g, warnings))
}

/// The product's own pricing page; for a pillar without one (Platforms), its group on
/// the overview when any of its members is priced.
fn pricing_url(p: &Product, priced: &[Priced<'_>]) -> Option<String> {
    if priced.iter().any(|(pp, _)| pp.value.id == p.id) {
        Some(format!("/pricing/{}/", p.id))
    } else if p.id == p.pillar.as_str() && priced.iter().any(|(pp, _)| pp.value.pillar == p.pillar) {
        Some(format!("/pricing/#pillar-{}", p.pillar.as_str()))
    } else {
        None
    }
}

/// The decision records and details page a product names, resolved from `domain`, or
/// an error at the line of each one that names nothing published.
fn links(
    product: &Source<Product>,
    site: &Site,
    domain: DomainId,
) -> Result<(Vec<Link>, Option<String>), Vec<Diagnostic>> {
    let p = &product.value;
    let at = Locator::new(&product.path, &product.text);
    let mut problems = Vec::new();
    let decisions = resolve::decisions(site, domain, &p.decisions).unwrap_or_else(|missing| {
        let known: Vec<String> = site.pages.iter().filter_map(|pg| pg.decision_id()).collect();
        for id in missing {
            let hint = match did_you_mean(&id, known.iter().map(String::as_str)) {
                Some(best) => format!("did you mean `{best}`?"),
                None => "decision ids look like `BDR-0002`; see content/decisions/".to_owned(),
            };
            let line = at.line_with(&id, at.top("decisions"));
            problems.push(at.error(Code::E042, line, format!("unknown decision record `{id}`"), &hint));
        }
        Vec::new()
    });
    let details = p.page.as_deref().and_then(|link| {
        let url = resolve::link(site, domain, link);
        if url.is_none() {
            let message = format!("`page: {link}` names no published page");
            problems.push(at.error(
                Code::E047,
                at.top("page"),
                message,
                "write `@/path/under/content.md` of a published page",
            ));
        }
        url
    });
    if problems.is_empty() {
        Ok((decisions, details))
    } else {
        Err(problems)
    }
}
