//! A service level said of a whole pillar rather than one plan:
//! `{{ service(pillar="platforms", tier="business", fact="uptime") }}` is the value every
//! platform's Business plan shares (an error when they differ), and
//! `{{ service(pillar="platforms", fact="uptime") }}` the highest uptime target of the
//! pillar ("up to 99.95%") — computed from the plans, never typed.

use crate::diagnostics::Code;
use crate::markdown::components::Call;

use super::super::facts::{self, Labels};
use super::super::load::Catalog;
use super::super::model::Plan;
use super::super::service::{percent, Fact};
use super::spec::{self, arg, Problem};

/// The plans of `pillar` (all tiers, or those whose id is `tier`).
pub fn plans<'c>(catalog: &'c Catalog, pillar: &str, tier: Option<&str>) -> Vec<&'c Plan> {
    catalog
        .prices
        .iter()
        .filter(|l| catalog.product(&l.value.product).is_some_and(|p| p.value.pillar.as_str() == pillar))
        .flat_map(|l| l.value.plans.iter())
        .filter(|p| tier.is_none_or(|t| p.id == t))
        .collect()
}

/// The highest uptime target among `plans`.
pub fn max_uptime(plans: &[&Plan]) -> Option<f64> {
    plans.iter().filter_map(|p| p.service.as_ref()?.uptime).reduce(f64::max)
}

/// What the call shows on a domain (English words for the check), or `None`.
pub fn value(call: &Call, catalog: &Catalog, loc: &dyn Labels) -> Option<String> {
    let pillar = arg(call, "pillar")?;
    let fact = arg(call, "fact").and_then(spec::fact)?;
    let tier = arg(call, "tier");
    let plans = plans(catalog, pillar, tier);
    if tier.is_none() {
        return (fact == Fact::Uptime).then(|| max_uptime(&plans).map(percent))?;
    }
    let mut values = plans.iter().map(|p| facts::fact(p.service.as_ref(), fact, loc));
    let first = values.next()??;
    values.all(|v| v.as_deref() == Some(first.as_str())).then_some(first)
}

struct Plain;

impl Labels for Plain {
    fn label(&self, key: &str) -> String {
        key.to_owned()
    }
}

/// The problems of a `service` call without `plan`.
pub fn check(call: &Call, catalog: &Catalog) -> Option<Problem> {
    let at = |name: &str| call.args.iter().find(|(k, _, _)| k == name).map_or(call.offset, |(_, _, a)| *a);
    let example = "write `{{ service(plan=\"identity.business\", fact=\"uptime\") }}`, or \
                   `{{ service(pillar=\"platforms\", tier=\"business\", fact=\"uptime\") }}` for a whole pillar";
    let Some(pillar) = arg(call, "pillar") else {
        return Some((call.offset, Code::E059, "`service` needs `plan` or `pillar`".into(), example.into()));
    };
    let fact = arg(call, "fact").unwrap_or_default();
    let tier = arg(call, "tier");
    let plans = plans(catalog, pillar, tier);
    if plans.is_empty() {
        let message = match tier {
            Some(t) => format!("`service` finds no plan `{t}` in pillar `{pillar}`"),
            None => format!("`service` finds no plan in pillar `{pillar}`"),
        };
        return Some((at(if tier.is_some() { "tier" } else { "pillar" }), Code::E060, message, example.into()));
    }
    if tier.is_none() && fact != "uptime" {
        let message = format!("`service` without `tier` shows the pillar's highest uptime, not `{fact}`");
        return Some((at("fact"), Code::E059, message, "add `tier=\"…\"`, or write `fact=\"uptime\"`".into()));
    }
    if value(call, catalog, &Plain).is_none() {
        let message = match tier {
            Some(t) => format!("the `{t}` plans of pillar `{pillar}` do not all promise the same `{fact}`"),
            None => format!("no plan of pillar `{pillar}` has an uptime target"),
        };
        return Some((at("fact"), Code::E060, message, "name one plan: `plan=\"product.plan\"`".into()));
    }
    None
}
