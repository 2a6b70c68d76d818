//! Machine-readable prices: `/pricing.json` per domain and schema.org `Product`/`Offer`
//! JSON-LD per pricing page. Both carry the domain's currency only, never a conversion.

use serde::Serialize;
use serde_json::json;

use super::contact;
use super::model::{PriceList, Product, Status};
use super::page::Priced;
use super::view::Locale;

/// `/pricing.json`.
#[derive(Debug, Serialize)]
struct PricingJson<'a> {
    domain: &'a str,
    language: &'a str,
    currency: &'a str,
    tax: TaxJson,
    products: Vec<ProductJson>,
}

#[derive(Debug, Serialize)]
struct TaxJson {
    rate: f64,
    included: bool,
}

#[derive(Debug, Serialize)]
struct ProductJson {
    id: String,
    name: String,
    pillar: &'static str,
    draft: bool,
    url: String,
    plans: Vec<PlanJson>,
    coming: Option<ComingJson>,
}

#[derive(Debug, Serialize)]
struct PlanJson {
    id: String,
    name: String,
    monthly: Option<i64>,
    annual: Option<i64>,
    contact: bool,
    highlight: bool,
    /// Absolute URL of the call to action.
    cta: String,
}

#[derive(Debug, Serialize)]
struct ComingJson {
    opens_in_phase: u8,
    publisher_share: Vec<u8>,
}

/// The body of `/pricing.json` for one domain: pretty-printed, newline-terminated.
pub fn pricing_json(priced: &[Priced<'_>], loc: &Locale<'_>, link: &dyn Fn(&str) -> String) -> Vec<u8> {
    let products = priced
        .iter()
        .map(|(product, list)| {
            let (p, l) = (&product.value, &list.value);
            ProductJson {
                id: p.id.clone(),
                name: p.name.to(loc.lang),
                pillar: p.pillar.as_str(),
                draft: p.status == Status::Draft || l.status == Status::Draft,
                url: loc.domain.absolute(&format!("/pricing/{}/", p.id)),
                plans: l
                    .plans
                    .iter()
                    .map(|plan| PlanJson {
                        id: plan.id.clone(),
                        name: plan.name.to(loc.lang),
                        monthly: plan.monthly.as_ref().and_then(|m| m.get(loc.currency)).copied(),
                        annual: plan.annual.as_ref().and_then(|m| m.get(loc.currency)).copied(),
                        contact: plan.contact,
                        highlight: plan.highlight,
                        cta: match &plan.cta.url {
                            Some(url) => link(url),
                            None => contact::href(
                                loc.domain.contact.as_ref(),
                                &p.name.to(loc.lang),
                                &plan.name.to(loc.lang),
                            ),
                        },
                    })
                    .collect(),
                coming: l.coming.as_ref().map(|c| ComingJson {
                    opens_in_phase: c.opens_in_phase,
                    publisher_share: c.revenue_share.iter().map(|s| s.publisher).collect(),
                }),
            }
        })
        .collect();
    let body = PricingJson {
        domain: &loc.domain.host,
        language: loc.lang,
        currency: loc.currency,
        tax: TaxJson { rate: loc.domain.tax.rate, included: loc.domain.tax.included },
        products,
    };
    let mut bytes = serde_json::to_vec_pretty(&body).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// schema.org `Product` with one `Offer` per priced plan and period, as a string safe to
/// place inside `<script type="application/ld+json">` (no `</` sequence). A `json!` value
/// rather than structs: it is an output format (schema.org's `@` keys, a key that is
/// `price` or `minPrice`), printed whole by the template, not data the template reads.
pub fn product_ld(p: &Product, l: &PriceList, url: &str, loc: &Locale<'_>) -> String {
    let vat = loc.domain.tax.included && loc.domain.tax.rate > 0.0;
    let mut offers = Vec::new();
    for plan in &l.plans {
        for (period, unit, money) in [("monthly", "MON", &plan.monthly), ("annual", "ANN", &plan.annual)] {
            let Some(price) = money.as_ref().and_then(|m| m.get(loc.currency)) else {
                continue;
            };
            let mut spec = json!({
                "@type": "UnitPriceSpecification",
                "priceCurrency": loc.currency,
                "referenceQuantity": { "@type": "QuantitativeValue", "value": 1, "unitCode": unit },
                "valueAddedTaxIncluded": vat,
            });
            spec[if plan.contact { "minPrice" } else { "price" }] = json!(price);
            offers.push(json!({
                "@type": "Offer",
                "name": format!("{} ({period})", plan.name.get(loc.lang)),
                "sku": format!("{}-{}-{period}", p.id, plan.id),
                "url": format!("{url}#plan-{}", plan.id),
                "price": price.to_string(),
                "priceCurrency": loc.currency,
                "priceSpecification": spec,
            }));
        }
    }
    let ld = json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "name": p.name.get(loc.lang),
        "description": l.description.get(loc.lang),
        "url": url,
        "brand": { "@type": "Brand", "name": loc.brand },
        "offers": offers,
    });
    escape_script(&serde_json::to_string(&ld).unwrap_or_default())
}

/// JSON inside a `<script>` element must not contain `</` (it would end the element);
/// `<\/` and `\u003c` are the same characters to a JSON parser.
pub fn escape_script(json: &str) -> String {
    json.replace("</", "<\\/").replace("<!--", "\\u003c!--")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_end_is_escaped() {
        let s = escape_script(r#"{"a":"</script><!--"}"#);
        assert!(!s.contains("</"));
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["a"], "</script><!--");
    }
}
