//! What a domain's home page leads with: its products as cards built from the catalogue
//! (name, one line, the starting price in the domain's currency, a link), before the
//! home page's prose. On a domain that shows the four pillars the cards are the pillars;
//! on one that shows only single products (the platforms on `.io`) they are those.

use serde::Serialize;

use crate::assemble::generated::PageData;
use crate::assemble::Site;
use crate::ids::{DomainId, PageId};

use super::load::Source;
use super::model::{PriceList, Product};
use super::page::{data, Priced};
use super::view::{self, Amount, Locale};

/// `data` of `index.html` on a domain that sells something.
#[derive(Serialize)]
struct HomeData {
    /// Heading over the cards.
    heading: String,
    cards: Vec<Card>,
    /// VAT included, or tax excluded.
    tax_note: String,
}

/// One product on the home page.
#[derive(Serialize)]
struct Card {
    id: String,
    name: String,
    tagline: String,
    /// Its product page.
    url: String,
    /// The lowest paid price, in the domain's currency.
    from: Option<Amount>,
    /// Some plan costs nothing.
    free: bool,
    /// "Opens in phase 3" for a product not sold yet.
    coming: String,
}

/// The home page's product cards on `domain`, or `None` when it shows no product or
/// has no home page.
pub fn lead(
    shown: &[&Source<Product>],
    priced: &[Priced<'_>],
    site: &Site,
    domain: DomainId,
    loc: &Locale<'_>,
) -> Option<(PageId, PageData)> {
    let ds = site.domains.iter().find(|ds| ds.domain == domain)?;
    let home = ds.entries.iter().find(|e| e.is_home)?.page;
    let pillars: Vec<&Source<Product>> =
        shown.iter().copied().filter(|p| p.value.id == p.value.pillar.as_str()).collect();
    let featured = if pillars.is_empty() { shown.to_vec() } else { pillars };
    if featured.is_empty() {
        return None;
    }
    let cards = featured.iter().map(|p| card(&p.value, &price_lists(&p.value, priced), loc)).collect();
    let home_data = HomeData { heading: loc.label("home_products_heading"), cards, tax_note: loc.tax_note() };
    Some((home, PageData { template: None, decision: None, data: Some(data(&home_data)) }))
}

/// The price lists that price `p`: its own, or for a pillar without one its members'.
fn price_lists<'c>(p: &Product, priced: &[Priced<'c>]) -> Vec<&'c Source<PriceList>> {
    let own: Vec<_> = priced.iter().filter(|(pp, _)| pp.value.id == p.id).map(|(_, l)| *l).collect();
    if !own.is_empty() || p.id != p.pillar.as_str() {
        return own;
    }
    priced.iter().filter(|(pp, _)| pp.value.pillar == p.pillar).map(|(_, l)| *l).collect()
}

fn card(p: &Product, lists: &[&Source<PriceList>], loc: &Locale<'_>) -> Card {
    // The lowest monthly price of any list, else the lowest annual one.
    let from = lists
        .iter()
        .filter_map(|l| view::starting_price(&l.value, loc))
        .min_by_key(|a| (a.per != loc.label("pricing_per_month"), a.value));
    let coming = lists
        .iter()
        .find_map(|l| l.value.coming.as_ref())
        .map(|c| loc.label("pricing_opens_in_phase").replace("{phase}", &c.opens_in_phase.to_string()))
        .unwrap_or_default();
    Card {
        id: p.id.clone(),
        name: p.name.to(loc.lang),
        tagline: p.tagline.to(loc.lang),
        url: format!("/products/{}/", p.id),
        free: lists.iter().any(|l| view::has_free_plan(&l.value, loc)),
        from,
        coming,
    }
}
