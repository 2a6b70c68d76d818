//! The consistency rule for prose: a price typed by hand (`USD 1,490`, `5,990 ₪`) drifts
//! from the catalogue and shows one currency on every domain, so `site check` and every
//! build warn about it and name the component to write instead — the exact call when the
//! amount is a catalogue price. Decision records are exempt: a price there is part of
//! what was decided, at the time, and must not change with the catalogue.

use crate::assemble::links::position;
use crate::assemble::Site;
use crate::diagnostics::{Code, Diagnostic};

use super::super::load::Catalog;

/// A warning for each price typed in the prose of a published page that is not a
/// decision record.
pub fn typed_prices(catalog: &Catalog, site: &Site) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (i, page) in site.pages.enumerate() {
        if site.placements[i].is_empty() || page.decision_id().is_some() {
            continue;
        }
        for typed in &site.rendered[i].typed_prices {
            let (line, column) = position(page, typed.offset);
            let shown = typed.target.replace('\u{a0}', " ");
            let message = format!("price typed by hand: `{shown}`");
            found.push(
                Diagnostic::warning(&page.source, line, column, message)
                    .with_code(Code::W016)
                    .with_source(&page.text)
                    .with_hint(hint(&shown, catalog)),
            );
        }
    }
    found
}

/// The component to write instead of `typed`.
fn hint(typed: &str, catalog: &Catalog) -> String {
    let matched = read(typed).and_then(|(currency, value)| catalog_call(catalog, currency, value));
    match matched {
        Some(call) => format!("write `{call}`: every domain then shows the catalogue's price in its own currency"),
        None => "write `{{ price(plan=\"product.plan\") }}` for a catalogue price, or `{{ amount(USD=…, ILS=…) }}` \
                 for another amount, so each domain shows its own currency"
            .into(),
    }
}

/// The currency and whole amount of a typed price (`USD 1,490` → `("USD", 1490)`).
fn read(typed: &str) -> Option<(&'static str, i64)> {
    let currency =
        [("$", "USD"), ("USD", "USD"), ("₪", "ILS"), ("ILS", "ILS"), ("NIS", "ILS"), ("€", "EUR"), ("EUR", "EUR")]
            .into_iter()
            .find(|(sign, _)| typed.contains(sign))
            .map(|(_, code)| code)?;
    let number: String = typed.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
    let whole = match number.split_once('.') {
        Some((int, cents)) if cents.len() <= 2 => int.to_owned(),
        _ => number.replace('.', ""),
    };
    Some((currency, whole.parse().ok()?))
}

/// The `price` call whose plan costs `value` in `currency` a month (else a year).
fn catalog_call(catalog: &Catalog, currency: &str, value: i64) -> Option<String> {
    let plans = catalog.prices.iter().flat_map(|l| l.value.plans.iter().map(move |p| (&l.value.product, p)));
    let of = |m: &Option<crate::pricing::model::Money>| m.as_ref().and_then(|m| m.get(currency)).copied();
    for (product, p) in plans {
        if of(&p.monthly) == Some(value) {
            return Some(format!("{{{{ price(plan=\"{product}.{}\") }}}}", p.id));
        }
        if of(&p.annual) == Some(value) {
            return Some(format!("{{{{ price(plan=\"{product}.{}\", period=\"year\") }}}}", p.id));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::read;

    #[test]
    fn reads_typed_prices() {
        assert_eq!(read("USD 1,490"), Some(("USD", 1490)));
        assert_eq!(read("5,990 ₪"), Some(("ILS", 5990)));
        assert_eq!(read("$490"), Some(("USD", 490)));
        assert_eq!(read("₪ 5,990"), Some(("ILS", 5990)));
    }
}
