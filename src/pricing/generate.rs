//! The pages one domain gets from the catalogue: `/pricing/`, `/pricing/<product>/`,
//! `/products/<id>/` (built by [`super::product`]), and the file `/pricing.json`.

use std::path::PathBuf;

use serde::Serialize;

use crate::assemble::generated::{ExtraFile, Generated, GeneratedPage};
use crate::assemble::template::{Kind, Template};
use crate::assemble::Site;
use crate::diagnostics::{Code, Diagnostic};
use crate::ids::DomainId;
use crate::load::I18n;

use super::load::{Catalog, Source};
use super::locate::Locator;
use super::model::{Coming, Plan, PriceList, Product, Status};
use super::page::{checked_prose, data, page, Priced};
use super::resolve::Link;
use super::view::{self, Amount, Locale, PlanView, TableView};
use super::{contact, json, product, resolve};

/// Everything the catalogue adds to one domain.
pub fn domain(catalog: &Catalog, site: &Site, domain: DomainId, i18n: &I18n) -> Result<Generated, Vec<Diagnostic>> {
    let d = site.config.domain_at(domain);
    // A missing UI table is reported by the renderer, with the other missing strings.
    let Some(t) = i18n.table(&d.language) else {
        return Ok(Generated::default());
    };
    let loc =
        Locale { lang: &d.language, currency: &d.currency, t, domain: d, brand: &site.config.brand.name, catalog };
    let mut products: Vec<&Source<Product>> =
        catalog.products.iter().filter(|p| p.value.domains.contains(&d.key)).collect();
    products.sort_by_key(|p| (p.value.pillar, p.value.id != p.value.pillar.as_str(), p.value.weight, &p.value.id));
    let priced: Vec<Priced<'_>> =
        products.iter().filter_map(|p| catalog.prices_of(&p.value.id).map(|l| (*p, l))).collect();
    let mut out = Generated::default();
    let mut problems = Vec::new();
    for product in &products {
        match product::page(product, &products, &priced, site, domain, &loc) {
            Ok((page, warnings)) => {
                out.pages.push(page);
                out.warnings.extend(warnings);
            }
            Err(mut more) => problems.append(&mut more),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    out.page_data.extend(super::home::lead(&products, &priced, site, domain, &loc));
    out.page_data.extend(super::levels::pages(catalog, site, domain, &loc));
    out.components = super::components::pages(site, domain, &loc);
    if priced.is_empty() {
        return Ok(out);
    }
    out.pages.push(overview(&priced, &loc));
    for (product, list) in &priced {
        match pricing_page(product, list, site, domain, &loc) {
            Ok((page, warnings)) => {
                out.pages.push(page);
                out.warnings.extend(warnings);
            }
            Err(mut more) => problems.append(&mut more),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let link = |url: &str| {
        let resolved = resolve::link(site, domain, url).unwrap_or_default();
        if resolved.starts_with('/') {
            d.absolute(&resolved)
        } else {
            resolved
        }
    };
    let body = json::pricing_json(&priced, &loc, &link);
    out.files.push(ExtraFile { path: "/pricing.json".into(), bytes: body });
    Ok(out)
}

/// `data` of `pricing.html`.
#[derive(Serialize)]
struct OverviewData {
    groups: Vec<OverviewGroup>,
    tax_note: String,
    /// Empty when every price shown is final.
    draft_note: String,
}

/// A product card on the overview.
#[derive(Serialize)]
struct OverviewItem {
    name: String,
    tagline: String,
    url: String,
    product_url: String,
    from: Option<Amount>,
    free: bool,
    coming: String,
}

/// The products of one pillar on the overview.
#[derive(Serialize)]
struct OverviewGroup {
    pillar: &'static str,
    label: String,
    items: Vec<OverviewItem>,
}

fn overview(priced: &[Priced<'_>], loc: &Locale<'_>) -> GeneratedPage {
    let mut groups: Vec<OverviewGroup> = Vec::new();
    for (product, list) in priced {
        let p = &product.value;
        let item = OverviewItem {
            name: p.name.to(loc.lang),
            tagline: list.value.description.to(loc.lang),
            url: format!("/pricing/{}/", p.id),
            product_url: format!("/products/{}/", p.id),
            from: view::starting_price(&list.value, loc),
            free: view::has_free_plan(&list.value, loc),
            coming: coming_note(list.value.coming.as_ref(), loc),
        };
        match groups.last_mut().filter(|g| g.pillar == p.pillar.as_str()) {
            Some(group) => group.items.push(item),
            None => groups.push(OverviewGroup {
                pillar: p.pillar.as_str(),
                label: loc.label(&format!("pricing_pillar_{}", p.pillar.as_str())),
                items: vec![item],
            }),
        }
    }
    let draft = priced.iter().any(|(p, l)| p.value.status == Status::Draft || l.value.status == Status::Draft);
    let mut g = page(
        "/pricing/".into(),
        Template::Pricing,
        Kind::Pricing,
        loc.label("pricing_title"),
        loc.label("pricing_description"),
        &PathBuf::from("content/pricing"),
    );
    g.data = data(&OverviewData {
        groups,
        tax_note: loc.tax_note(),
        draft_note: if draft { loc.label("pricing_draft_note") } else { String::new() },
    });
    g
}

fn coming_note(coming: Option<&Coming>, loc: &Locale<'_>) -> String {
    coming.map_or(String::new(), |c| {
        loc.label("pricing_opens_in_phase").replace("{phase}", &c.opens_in_phase.to_string())
    })
}

/// Resolves a plan's call to action into `view`: a page link, or the domain's contact.
fn cta(
    plan: &Plan,
    view: &mut PlanView,
    product: &str,
    site: &Site,
    domain: DomainId,
    loc: &Locale<'_>,
    at: &Locator<'_>,
) -> Option<Diagnostic> {
    let plan_at = at.within(at.key("id", &plan.id, at.line_with("plans:", 1)));
    let Some(url) = &plan.cta.url else {
        let Some(contact) = &loc.domain.contact else {
            let message = format!(
                "plan `{}`: the call to action has no `url`, and {} has no `contact:` to write to",
                plan.id, loc.domain.host
            );
            let hint = "add `contact: { sales: sales@example.com }` to the domain in site.yaml, or a `url:`";
            return Some(at.error(Code::E058, plan_at.entry("cta"), message, hint));
        };
        match contact::action(contact, product, &plan.name.to(loc.lang)) {
            contact::Action::Mail(href) => view.cta_url = href,
            contact::Action::Form(form) => view.cta_form = Some(form),
        }
        return None;
    };
    match resolve::link(site, domain, url) {
        Some(resolved) => {
            view.cta_url = resolved;
            None
        }
        None => {
            let message = format!("plan `{}`: `{url}` names no published page", plan.id);
            let hint = "write `@/path/under/content.md` of a published page, or a URL";
            Some(at.error(Code::E047, plan_at.within(plan_at.entry("cta")).entry("url"), message, hint))
        }
    }
}

fn pricing_page(
    product: &Source<Product>,
    list: &Source<PriceList>,
    site: &Site,
    domain: DomainId,
    loc: &Locale<'_>,
) -> Result<(GeneratedPage, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (p, l) = (&product.value, &list.value);
    let name = p.name.to(loc.lang);
    let url = format!("/pricing/{}/", p.id);
    let mut plans = view::plans(l, loc);
    let at = Locator::new(&list.path, &list.text);
    let mut problems = Vec::new();
    for (plan, view) in l.plans.iter().zip(plans.iter_mut()) {
        problems.extend(cta(plan, view, &name, site, domain, loc, &at));
    }
    let faq_line = at.line_with("faq:", 1);
    let mut warnings = Vec::new();
    let faq: Vec<FaqItem> = l
        .faq
        .iter()
        .map(|f| {
            let (answer, found) = checked_prose(f.answer.get(loc.lang), site, domain, loc, &at, faq_line);
            let (errors, more): (Vec<_>, Vec<_>) = found.into_iter().partition(Diagnostic::is_error);
            problems.extend(errors);
            warnings.extend(more);
            FaqItem { question: f.question.to(loc.lang), answer }
        })
        .collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    let status = if p.status == Status::Draft { Status::Draft } else { l.status };
    let about = loc.label("pricing_about_product").replace("{product}", &name);
    let product = ProductRef { id: p.id.clone(), name: name.clone(), url: format!("/products/{}/", p.id), about };
    let shown = PricingData {
        product,
        draft_note: view::draft_note(status, loc),
        tax_note: loc.tax_note(),
        terms: l.terms.iter().map(|t| t.to(loc.lang)).collect(),
        switch: plans.iter().any(|plan| plan.price.switches),
        table: view::table(l, &name, loc),
        plans,
        faq,
        coming: l.coming.as_ref().map(|c| coming(c, loc)),
        jsonld: json::product_ld(p, l, &loc.domain.absolute(&url), loc),
        decisions: resolve::decisions(site, domain, &p.decisions).unwrap_or_default(),
    };
    let title = loc.label("pricing_product_title").replace("{product}", &name);
    let mut g = page(url, Template::PricingProduct, Kind::Pricing, title, l.description.to(loc.lang), &list.path);
    g.data = data(&shown);
    Ok((g, warnings))
}

fn coming(c: &Coming, loc: &Locale<'_>) -> ComingView {
    let steps = c
        .steps
        .iter()
        .map(|s| StepView {
            phase: s.phase,
            name: s.name.to(loc.lang),
            publishers: s.publishers.to(loc.lang),
            buyers: s.buyers.to(loc.lang),
            opens_when: s.opens_when.to(loc.lang),
        })
        .collect();
    let shares = c
        .revenue_share
        .iter()
        .map(|s| ShareView {
            who: s.who.to(loc.lang),
            publisher: format!("{}%", s.publisher),
            connectsoft: format!("{}%", s.connectsoft),
        })
        .collect();
    ComingView {
        note: coming_note(Some(c), loc),
        steps,
        prerequisites: c.prerequisites.iter().map(|t| t.to(loc.lang)).collect(),
        shares,
    }
}

/// `data` of `pricing-product.html`.
#[derive(Serialize)]
struct PricingData {
    product: ProductRef,
    /// Empty when the prices are final.
    draft_note: String,
    tax_note: String,
    terms: Vec<String>,
    /// True when some plan has both a monthly and an annual price.
    switch: bool,
    plans: Vec<PlanView>,
    table: Option<TableView>,
    faq: Vec<FaqItem>,
    /// Set instead of plans for a product that is not sold yet.
    coming: Option<ComingView>,
    /// schema.org `Product`, already escaped for a `<script>` element.
    jsonld: String,
    decisions: Vec<Link>,
}

/// The product a pricing page is for, linked to its product page.
#[derive(Serialize)]
struct ProductRef {
    id: String,
    name: String,
    url: String,
    /// "About <product>", the link text.
    about: String,
}

/// A question and its answer (HTML).
#[derive(Serialize)]
struct FaqItem {
    question: String,
    answer: String,
}

/// What a product that is not sold yet shows instead of plans.
#[derive(Serialize)]
struct ComingView {
    /// "Opens in phase N".
    note: String,
    steps: Vec<StepView>,
    prerequisites: Vec<String>,
    shares: Vec<ShareView>,
}

/// One step of a coming product's roadmap.
#[derive(Serialize)]
struct StepView {
    phase: u8,
    name: String,
    publishers: String,
    buyers: String,
    opens_when: String,
}

/// A revenue share, as percentages.
#[derive(Serialize)]
struct ShareView {
    who: String,
    publisher: String,
    connectsoft: String,
}
