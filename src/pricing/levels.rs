//! Service levels and contact addresses on Markdown pages, from data: the status page
//! (`support.status_page` in `site.yaml`) gets a table of every plan's uptime target,
//! allowed downtime, channels and response times; each domain's contact page
//! (`contact.page`) gets its addresses as `mailto:` links and what business hours mean.
//! The theme shows them with `partials/service-levels.html` and `partials/contact.html`.

use serde::Serialize;

use crate::assemble::generated::PageData;
use crate::assemble::Site;
use crate::ids::{DomainId, PageId};

use super::facts;
use super::load::Catalog;
use super::service::{downtime_minutes, percent};
use super::view::Locale;

#[derive(Serialize)]
struct LevelsData {
    service_levels: Levels,
}

#[derive(Serialize)]
struct Levels {
    business_hours: String,
    products: Vec<ProductLevels>,
}

#[derive(Serialize)]
struct ProductLevels {
    name: String,
    caption: String,
    plans: Vec<PlanLevels>,
}

#[derive(Serialize)]
struct PlanLevels {
    name: String,
    uptime: String,
    downtime: String,
    channels: String,
    response: [String; 3],
}

#[derive(Serialize)]
struct ContactData {
    contact: ContactView,
}

#[derive(Serialize)]
struct ContactView {
    addresses: Vec<Address>,
    business_hours: String,
}

#[derive(Serialize)]
struct Address {
    role: String,
    address: String,
    href: String,
}

/// The data the status page and this domain's contact page get.
pub fn pages(catalog: &Catalog, site: &Site, domain: DomainId, loc: &Locale<'_>) -> Vec<(PageId, PageData)> {
    let mut out = Vec::new();
    let hours = business_hours(site, loc);
    if let Some(page) = site.config.support.status_page.as_deref().and_then(|p| page_on(site, domain, p)) {
        let levels = Levels { business_hours: hours.clone(), products: products(catalog, loc) };
        out.push((page, data(&LevelsData { service_levels: levels })));
    }
    let contact = loc.domain.contact.as_ref();
    if let Some((contact, page)) = contact.and_then(|c| Some((c, page_on(site, domain, c.page.as_deref()?)?))) {
        let addresses = contact
            .addresses()
            .into_iter()
            .map(|(role, address)| Address {
                role: loc.label(&format!("contact_role_{role}")),
                address: address.to_owned(),
                href: format!("mailto:{address}"),
            })
            .collect();
        out.push((page, data(&ContactData { contact: ContactView { addresses, business_hours: hours } })));
    }
    out
}

fn data<T: Serialize>(value: &T) -> PageData {
    PageData { data: serde_json::to_value(value).ok(), ..PageData::default() }
}

/// "Business hours are …" in the domain's language, empty when `site.yaml` does not say.
fn business_hours(site: &Site, loc: &Locale<'_>) -> String {
    let hours = &site.config.support.business_hours;
    hours
        .get(loc.lang)
        .or_else(|| hours.get("en"))
        .map_or(String::new(), |h| loc.label("service_business_hours_are").replace("{hours}", h))
}

/// The page at content path `path` (`@/` optional) as published on `domain`, or its
/// translation published there.
fn page_on(site: &Site, domain: DomainId, path: &str) -> Option<PageId> {
    let path = path.strip_prefix("@/").unwrap_or(path);
    let here = |i: PageId| site.placements[i].iter().any(|(d, _)| *d == domain);
    let page = *site.by_rel.get(path)?;
    if here(page) {
        return Some(page);
    }
    site.pages.enumerate().find(|(i, p)| p.front.translation_of.as_deref() == Some(path) && here(*i)).map(|(i, _)| i)
}

fn products(catalog: &Catalog, loc: &Locale<'_>) -> Vec<ProductLevels> {
    let dash = || "—".to_owned();
    catalog
        .prices
        .iter()
        .filter(|l| l.value.plans.iter().any(|p| p.service.is_some()))
        .filter_map(|list| {
            let product = catalog.product(&list.value.product)?;
            let name = product.value.name.to(loc.lang);
            let plans = list
                .value
                .plans
                .iter()
                .map(|plan| {
                    let s = plan.service.clone().unwrap_or_default();
                    let mut channels = facts::channels(&s, loc).unwrap_or_else(dash);
                    if s.named_engineer {
                        channels = format!("{channels}; {}", loc.label("service_support_named"));
                    }
                    let wait = |w: Option<super::service::Wait>| w.map_or_else(dash, |w| facts::wait(w, loc));
                    PlanLevels {
                        name: plan.name.to(loc.lang),
                        uptime: s.uptime.map_or_else(dash, percent),
                        downtime: s.uptime.map_or_else(dash, |u| downtime(downtime_minutes(u), loc)),
                        channels,
                        response: s.response.all().map(wait),
                    }
                })
                .collect();
            let caption = loc.label("service_caption").replace("{product}", &name);
            Some(ProductLevels { name, caption, plans })
        })
        .collect()
}

/// `216` → `3 h 36 min`; `43` → `43 min`.
fn downtime(minutes: u32, loc: &Locale<'_>) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    let key = if h == 0 { "service_downtime_m" } else { "service_downtime_hm" };
    loc.label(key).replace("{h}", &h.to_string()).replace("{m}", &m.to_string())
}
