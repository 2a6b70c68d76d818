//! The price policy of `site.yaml` (`prices:`), enforced: every list price in a currency
//! with a policy sits in its band against the currency it follows, and ends in one of its
//! endings (BDR-0006: shekels 0–10% below a straight conversion of dollars plus VAT,
//! ending in 90 or 900). A price of 0 (a free plan) is always allowed.

use crate::config::{PolicySeverity, PricePolicy};
use crate::diagnostics::{Code, Diagnostic};

use super::locate::Locator;
use super::model::{Money, PriceList};
use super::text::group_thousands;

/// Where a price must lie: the band in whole units and the straight conversion.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    /// Lowest allowed price (rounded up).
    pub low: i64,
    /// Highest allowed price (rounded down).
    pub high: i64,
    /// The straight conversion, with tax.
    pub conversion: f64,
}

/// The band a price must fall in, given the price it follows.
pub fn range(policy: &PricePolicy, followed: i64) -> Range {
    let conversion = followed as f64 * policy.rate * (1.0 + policy.tax / 100.0);
    let low = (conversion * (1.0 - policy.below.max / 100.0) - 1e-6).ceil() as i64;
    let high = (conversion * (1.0 - policy.below.min / 100.0) + 1e-6).floor() as i64;
    Range { low, high, conversion }
}

/// True when `amount` ends in one of `endings` (or there are none).
pub fn ends_well(amount: i64, endings: &[String]) -> bool {
    endings.is_empty() || endings.iter().any(|e| amount.to_string().ends_with(e.as_str()))
}

/// The compliant price nearest to `amount` within `range`, if any (the lower one on a tie).
pub fn nearest(amount: i64, range: Range, endings: &[String]) -> Option<i64> {
    if range.low > range.high {
        return None;
    }
    let mut candidates: Vec<i64> = Vec::new();
    if endings.is_empty() {
        candidates.push(amount.clamp(range.low, range.high));
    }
    for ending in endings {
        let Ok(tail) = ending.parse::<i64>() else { continue };
        let step = 10_i64.saturating_pow(u32::try_from(ending.len()).unwrap_or(18));
        // The first number ≥ low that ends in `ending`, then each `step` above it.
        let base = range.low - range.low.rem_euclid(step) + tail;
        let first = if base < range.low { base + step } else { base };
        let target = amount.clamp(range.low, range.high);
        let below = first + ((target - first).max(0) / step) * step;
        candidates.extend([below, below + step].into_iter().filter(|c| (range.low..=range.high).contains(c)));
        if (range.low..=range.high).contains(&first) {
            candidates.push(first);
        }
    }
    candidates.into_iter().min_by_key(|c| ((c - amount).abs(), *c))
}

/// Every list price of `list` that breaks a policy of `policies`, at its line.
pub fn check(
    list: &PriceList,
    policies: &std::collections::BTreeMap<String, PricePolicy>,
    at: &Locator<'_>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let plans_line = at.top("plans");
    for plan in &list.plans {
        let plan_at = at.within(at.key("id", &plan.id, plans_line));
        for (period, money) in [("monthly", &plan.monthly), ("annual", &plan.annual)] {
            let Some(money) = money else { continue };
            for (currency, policy) in policies {
                let found = breach(money, currency, policy);
                if let Some(message) = found {
                    let line = plan_at.within(plan_at.entry(period)).entry(currency);
                    let message = format!("plan `{}`: the {period} price {message}", plan.id);
                    let hint = "BDR-0006: set it by hand inside the band; `prices:` in site.yaml states the rule";
                    let mut d = at.error(Code::E049, line, message, hint);
                    d.column = column_of_amount(at, line, currency).unwrap_or(d.column);
                    if policy.severity == PolicySeverity::Warning {
                        d.code = Some(Code::W015);
                        d.severity = crate::diagnostics::Severity::Warning;
                    }
                    out.push(d);
                }
            }
        }
    }
    out
}

/// The message for a price in `currency` that breaks `policy`, or `None`.
fn breach(money: &Money, currency: &str, policy: &PricePolicy) -> Option<String> {
    let amount = *money.get(currency)?;
    let followed = *money.get(&policy.follows)?;
    if amount == 0 {
        return None;
    }
    let r = range(policy, followed);
    let in_band = (r.low..=r.high).contains(&amount);
    let ends = ends_well(amount, &policy.endings);
    if in_band && ends {
        return None;
    }
    let what = match (in_band, ends) {
        (false, false) => "is outside the band and has a wrong ending",
        (false, true) => "is outside the band",
        _ => "has a wrong ending",
    };
    let endings =
        if policy.endings.is_empty() { String::new() } else { format!(", ending in {}", policy.endings.join(" or ")) };
    let suggestion = match nearest(amount, r, &policy.endings) {
        Some(n) => format!("; nearest compliant: {} {currency}", group_thousands(n)),
        None => "; no price in the band has an allowed ending".to_owned(),
    };
    Some(format!(
        "{} {currency} {what}: expected {}–{} {currency}{endings} ({}–{}% below {} {} × {} + {}% tax = {:.2}){suggestion}",
        group_thousands(amount),
        group_thousands(r.low),
        group_thousands(r.high),
        policy.below.min,
        policy.below.max,
        policy.follows,
        group_thousands(followed),
        policy.rate,
        policy.tax,
        r.conversion,
    ))
}

/// 1-based column of the amount after `currency:` on `line`.
fn column_of_amount(at: &Locator<'_>, line: usize, currency: &str) -> Option<usize> {
    let written = at.line_text(line)?;
    let key = format!("{currency}:");
    let i = written.find(&key)? + key.len();
    let skip = written[i..].len() - written[i..].trim_start().len();
    Some(written[..i + skip].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Band;

    fn bdr_0006() -> PricePolicy {
        PricePolicy {
            follows: "USD".into(),
            rate: 3.70,
            tax: 18.0,
            below: Band { min: 0.0, max: 10.0 },
            endings: vec!["90".into(), "900".into()],
            severity: PolicySeverity::Error,
        }
    }

    #[test]
    fn the_band_follows_the_conversion() {
        let r = range(&bdr_0006(), 290);
        assert_eq!((r.low, r.high), (1140, 1266));
        assert!((r.conversion - 1266.14).abs() < 0.01);
    }

    #[test]
    fn the_nearest_compliant_price_ends_well_and_sits_in_the_band() {
        let p = bdr_0006();
        assert_eq!(nearest(1290, range(&p, 290), &p.endings), Some(1190));
        assert_eq!(nearest(199_000, range(&p, 49_000), &p.endings), Some(198_990));
        assert_eq!(nearest(39_900, range(&p, 9_900), &p.endings), Some(39_900));
        assert!(ends_well(59_900, &p.endings) && ends_well(1_290, &p.endings) && !ends_well(749_000, &p.endings));
    }
}
