//! What each component renders on one domain: prices in its currency and language
//! (direction-isolated, as prices typed in prose are), plan lists, product cards and
//! decision references with their status badge.

use crate::assemble::Site;
use crate::html::escape_into;
use crate::ids::DomainId;
use crate::markdown::components::Call;

use super::super::facts;
use super::super::model::{Money, Plan};
use super::super::text::money;
use super::super::view::{self, Locale};
use super::spec::{self, arg, plan};

/// One domain's view of the data components read.
pub struct Ctx<'a> {
    /// The assembled site (decision records, page URLs).
    pub site: &'a Site,
    /// The domain rendered.
    pub domain: DomainId,
    /// Its language, currency, strings and the catalogue.
    pub loc: &'a Locale<'a>,
}

/// The HTML of a call already checked by [`super::spec::check`]; empty when its data is
/// missing on this domain (reported by the check).
pub fn render(call: &Call, cx: &Ctx<'_>) -> String {
    match call.name.as_str() {
        "price" => price(call, cx),
        "plans" => plans(call, cx),
        "product" => product(call, cx),
        "decision" => decision(call, cx),
        "amount" => amount(call, cx),
        "service" => service(call, cx),
        "hours" => {
            let hours = &cx.site.config.support.business_hours;
            let text = hours.get(cx.loc.lang).or_else(|| hours.get("en")).map_or("", String::as_str);
            let mut html = String::from("<bdi>");
            escape_into(&mut html, text);
            html.push_str("</bdi>");
            html
        }
        "tax" => {
            let mut html = String::new();
            escape_into(&mut html, &cx.loc.tax_note());
            html
        }
        _ => String::new(),
    }
}

/// `<bdi class="price-inline" dir="ltr">…</bdi>`: one left-to-right unit in any script.
fn isolated(text: &str) -> String {
    let mut html = String::from("<bdi class=\"price-inline\" dir=\"ltr\">");
    escape_into(&mut html, text);
    html.push_str("</bdi>");
    html
}

/// The plan's price for `year` or a month in the domain's currency, or "on request".
fn plan_price(p: &Plan, year: bool, loc: &Locale<'_>) -> String {
    let prices: &Option<Money> = if year { &p.annual } else { &p.monthly };
    match prices.as_ref().and_then(|m| m.get(loc.currency)) {
        Some(value) => isolated(&money(*value, loc.currency, loc.lang)),
        None => {
            let mut html = String::new();
            escape_into(&mut html, &loc.label("pricing_on_request"));
            html
        }
    }
}

fn tax_note(loc: &Locale<'_>) -> String {
    let mut html = String::from("<small class=\"tax-note\">");
    escape_into(&mut html, &loc.tax_note());
    html.push_str("</small>");
    html
}

fn price(call: &Call, cx: &Ctx<'_>) -> String {
    let Some((_, p)) = arg(call, "plan").and_then(|id| plan(cx.loc.catalog, id)) else { return String::new() };
    let mut html = plan_price(p, arg(call, "period") == Some("year"), cx.loc);
    if arg(call, "tax") == Some("yes") {
        html.push(' ');
        html.push_str(&tax_note(cx.loc));
    }
    html
}

fn plans(call: &Call, cx: &Ctx<'_>) -> String {
    let Some(list) = arg(call, "product").and_then(|id| cx.loc.catalog.prices_of(id)) else { return String::new() };
    let year = arg(call, "period") == Some("year");
    let per = cx.loc.label(if year { "pricing_per_year" } else { "pricing_per_month" });
    let mut html = String::from("<ul class=\"plan-summary\">\n");
    for p in &list.value.plans {
        html.push_str("<li><strong>");
        escape_into(&mut html, &p.name.to(cx.loc.lang));
        html.push_str("</strong> – ");
        if p.contact && (if year { &p.annual } else { &p.monthly }).is_some() {
            escape_into(&mut html, &cx.loc.label("pricing_from_prefix"));
        }
        html.push_str(&plan_price(p, year, cx.loc));
        html.push(' ');
        escape_into(&mut html, &per);
        html.push_str(". ");
        escape_into(&mut html, &p.summary.to(cx.loc.lang));
        html.push_str("</li>\n");
    }
    html.push_str("</ul>\n<p class=\"tax-note\">");
    escape_into(&mut html, &cx.loc.tax_note());
    html.push_str("</p>\n");
    html
}

fn product(call: &Call, cx: &Ctx<'_>) -> String {
    let Some(p) = arg(call, "id").and_then(|id| cx.loc.catalog.product(id)) else { return String::new() };
    let p = &p.value;
    let d = cx.site.config.domain_at(cx.domain);
    let url = format!("/products/{}/", p.id);
    // A product another domain sells is linked there.
    let href = match p.domains.first() {
        Some(key) if !p.domains.contains(&d.key) => {
            cx.site.config.domain(key).map_or(url.clone(), |other| other.absolute(&url))
        }
        _ => url,
    };
    let mut html = String::from("<div class=\"product-card\">\n<p class=\"product-card-name\"><a href=\"");
    escape_into(&mut html, &href);
    html.push_str("\">");
    escape_into(&mut html, &p.name.to(cx.loc.lang));
    html.push_str("</a></p>\n<p>");
    escape_into(&mut html, &p.tagline.to(cx.loc.lang));
    html.push_str("</p>\n");
    let from = cx.loc.catalog.prices_of(&p.id).and_then(|l| view::starting_price(&l.value, cx.loc));
    if let Some(from) = from {
        html.push_str("<p class=\"product-card-price\">");
        escape_into(&mut html, &from.prefix);
        html.push_str(&isolated(&from.text));
        html.push(' ');
        escape_into(&mut html, &from.per);
        html.push(' ');
        html.push_str(&tax_note(cx.loc));
        html.push_str("</p>\n");
    }
    html.push_str("</div>\n");
    html
}

fn decision(call: &Call, cx: &Ctx<'_>) -> String {
    let Some(id) = arg(call, "id") else { return String::new() };
    let site = cx.site;
    let Some((page, record)) = site.pages.enumerate().find(|(_, p)| p.decision_id().as_deref() == Some(id)) else {
        return String::new();
    };
    let url = site.url_of(page, cx.domain).unwrap_or_default();
    let mut html = String::from("<a class=\"decision-ref\" href=\"");
    escape_into(&mut html, &url);
    html.push_str("\"><span class=\"ref-id\" dir=\"ltr\">");
    escape_into(&mut html, id);
    html.push_str("</span> <bdi>");
    escape_into(&mut html, &record.front.title);
    html.push_str("</bdi></a>");
    if let Some(status) = record.front.status {
        html.push_str(" <span class=\"status-badge status-");
        html.push_str(status.as_str());
        html.push_str("\">");
        escape_into(&mut html, &cx.loc.label(&format!("status_{}", status.as_str())));
        html.push_str("</span>");
    }
    html
}

/// A plan's service level in the domain's words (`1 hour, 24/7`, `99.9%`).
fn service(call: &Call, cx: &Ctx<'_>) -> String {
    if arg(call, "plan").is_none() {
        let mut html = String::new();
        escape_into(&mut html, &super::tiers::value(call, cx.loc.catalog, cx.loc).unwrap_or_default());
        return html;
    }
    let Some((_, p)) = arg(call, "plan").and_then(|id| plan(cx.loc.catalog, id)) else { return String::new() };
    let Some(fact) = arg(call, "fact").and_then(spec::fact) else { return String::new() };
    let mut html = String::new();
    escape_into(&mut html, &facts::fact(p.service.as_ref(), fact, cx.loc).unwrap_or_default());
    html
}

fn amount(call: &Call, cx: &Ctx<'_>) -> String {
    let currency = cx.loc.currency;
    match call.args.iter().find(|(k, _, _)| k == currency).and_then(|(_, v, _)| v.parse::<i64>().ok()) {
        Some(value) => isolated(&money(value, currency, cx.loc.lang)),
        None => String::new(),
    }
}
