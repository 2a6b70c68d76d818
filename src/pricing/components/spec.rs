//! Which components exist, which arguments each takes, and the checks that do not depend
//! on a domain: a known name, known and complete arguments, values in range, and data
//! that exists (the plan, the product, the decision record).

use crate::assemble::Site;
use crate::diagnostics::{did_you_mean, Code};
use crate::markdown::components::Call;

use super::super::load::Catalog;
use super::super::model::Plan;
use super::super::service::Fact;

/// One argument of a component.
pub struct Arg {
    /// Its name.
    pub name: &'static str,
    /// The call must give it.
    pub required: bool,
    /// The values it accepts; empty for any.
    pub values: &'static [&'static str],
}

/// A component: its name, arguments, and whether it is a block (a paragraph of its own).
pub struct Spec {
    /// Its name.
    pub name: &'static str,
    /// Its arguments.
    pub args: &'static [Arg],
    /// It renders a block (a list, a card) and must stand alone in its paragraph.
    pub block: bool,
}

const PERIOD: Arg = Arg { name: "period", required: false, values: &["month", "year"] };
const TAX: Arg = Arg { name: "tax", required: false, values: &["yes", "no"] };

/// Every component, in the README's order. `amount` takes currency codes as its arguments.
pub const SPECS: &[Spec] = &[
    Spec { name: "price", args: &[Arg { name: "plan", required: true, values: &[] }, PERIOD, TAX], block: false },
    Spec { name: "plans", args: &[Arg { name: "product", required: true, values: &[] }, PERIOD], block: true },
    Spec { name: "product", args: &[Arg { name: "id", required: true, values: &[] }], block: true },
    Spec { name: "decision", args: &[Arg { name: "id", required: true, values: &[] }], block: false },
    Spec { name: "amount", args: &[], block: false },
    Spec { name: "tax", args: &[], block: false },
    Spec {
        name: "service",
        args: &[
            Arg { name: "plan", required: false, values: &[] },
            Arg { name: "pillar", required: false, values: &["factory", "platforms", "squads", "marketplace"] },
            Arg { name: "tier", required: false, values: &[] },
            Arg { name: "fact", required: true, values: FACTS },
        ],
        block: false,
    },
    Spec { name: "hours", args: &[], block: false },
];

/// The service facts a `service` call can show, as `fact=` names them.
pub const FACTS: &[&str] =
    &["support", "uptime", "channels", "severity_1", "severity_2", "severity_3", "first_pull_request"];

/// A `fact=` name as the catalogue's [`Fact`].
pub fn fact(name: &str) -> Option<Fact> {
    Some(match name {
        "support" => Fact::Support,
        "uptime" => Fact::Uptime,
        "channels" => Fact::Channels,
        "severity_1" => Fact::Severity1,
        "severity_2" => Fact::Severity2,
        "severity_3" => Fact::Severity3,
        "first_pull_request" => Fact::FirstPullRequest,
        _ => return None,
    })
}

/// A problem with a call: where (body offset), which code, what, and a hint.
pub type Problem = (usize, Code, String, String);

/// The spec of a component by name.
pub fn spec(name: &str) -> Option<&'static Spec> {
    SPECS.iter().find(|s| s.name == name)
}

/// The value of argument `name` in `call`, if given.
pub fn arg<'c>(call: &'c Call, name: &str) -> Option<&'c str> {
    call.args.iter().find(|(k, _, _)| k == name).map(|(_, v, _)| v.as_str())
}

/// The plan `product.plan` names in the catalogue.
pub fn plan<'c>(catalog: &'c Catalog, id: &str) -> Option<(&'c str, &'c Plan)> {
    let (product, plan) = id.split_once('.')?;
    let list = catalog.prices_of(product)?;
    list.value.plans.iter().find(|p| p.id == plan).map(|p| (list.value.product.as_str(), p))
}

/// Every plan id (`factory.team`), for suggestions.
fn plan_ids(catalog: &Catalog) -> Vec<String> {
    catalog
        .prices
        .iter()
        .flat_map(|l| l.value.plans.iter().map(move |p| format!("{}.{}", l.value.product, p.id)))
        .collect()
}

/// The domain-independent problems of one call.
pub fn check(call: &Call, catalog: &Catalog, site: &Site) -> Option<Problem> {
    let at = call.offset;
    let Some(spec) = spec(&call.name) else {
        let names = SPECS.iter().map(|s| s.name);
        let hint = match did_you_mean(&call.name, names) {
            Some(near) => format!("did you mean `{near}`? The components are listed in the README"),
            None => format!("the components are {}", list(SPECS.iter().map(|s| s.name))),
        };
        return Some((at, Code::E059, format!("unknown component `{}`", call.name), hint));
    };
    if let Some(why) = &call.malformed {
        return Some((at, Code::E059, format!("cannot read the call of `{}`: {why}", call.name), example(spec)));
    }
    if spec.block && !call.alone {
        let message = format!("`{}` renders a block: write it alone on its own line, between blank lines", spec.name);
        return Some((at, Code::E059, message, example(spec)));
    }
    if spec.name == "amount" {
        return amount_args(call);
    }
    for (key, value, key_at) in &call.args {
        let Some(a) = spec.args.iter().find(|a| a.name == key) else {
            let hint = match did_you_mean(key, spec.args.iter().map(|a| a.name)) {
                Some(near) => format!("did you mean `{near}`? `{}` takes {}", spec.name, arg_list(spec)),
                None => format!("`{}` takes {}", spec.name, arg_list(spec)),
            };
            return Some((*key_at, Code::E059, format!("unknown argument `{key}` of `{}`", spec.name), hint));
        };
        if !a.values.is_empty() && !a.values.contains(&value.as_str()) {
            let message = format!("`{key}` of `{}` is `{value}`", spec.name);
            return Some((*key_at, Code::E059, message, format!("write one of {}", list(a.values.iter().copied()))));
        }
    }
    if let Some(missing) = spec.args.iter().find(|a| a.required && arg(call, a.name).is_none()) {
        let message = format!("`{}` needs `{}`", spec.name, missing.name);
        return Some((at, Code::E059, message, example(spec)));
    }
    data(call, spec, catalog, site)
}

/// `amount(USD=6, ILS=25)`: every argument a currency code with a whole amount.
fn amount_args(call: &Call) -> Option<Problem> {
    if call.args.is_empty() {
        return Some((call.offset, Code::E059, "`amount` needs an amount per currency".into(), example_amount()));
    }
    for (key, value, key_at) in &call.args {
        let code = key.len() == 3 && key.chars().all(|c| c.is_ascii_uppercase());
        if !code || value.parse::<i64>().is_err() {
            let message = format!("`amount` takes currency codes with whole amounts, not `{key}={value}`");
            return Some((*key_at, Code::E059, message, example_amount()));
        }
    }
    None
}

/// Data the call names that does not exist.
fn data(call: &Call, spec: &Spec, catalog: &Catalog, site: &Site) -> Option<Problem> {
    if spec.name == "tax" || spec.name == "hours" {
        return None;
    }
    if spec.name == "service" && arg(call, "plan").is_none() {
        // A pillar's level: checked by `tiers::check` (see `components::problem`).
        return None;
    }
    if spec.name == "service" && (arg(call, "pillar").is_some() || arg(call, "tier").is_some()) {
        let message = "`service` takes `plan` or `pillar` (with `tier`), not both".to_owned();
        return Some((call.offset, Code::E059, message, "drop `pillar` and `tier`, or drop `plan`".into()));
    }
    let (key, value) = match spec.name {
        "price" | "service" => ("plan", arg(call, "plan")?),
        "plans" => ("product", arg(call, "product")?),
        _ => ("id", arg(call, "id")?),
    };
    let key_at = call.args.iter().find(|(k, _, _)| k == key).map_or(call.offset, |(_, _, at)| *at);
    let (found, known): (bool, Vec<String>) = match spec.name {
        "price" | "service" => (plan(catalog, value).is_some(), plan_ids(catalog)),
        "plans" => {
            (catalog.prices_of(value).is_some(), catalog.prices.iter().map(|l| l.value.product.clone()).collect())
        }
        "product" => (catalog.product(value).is_some(), catalog.products.iter().map(|p| p.value.id.clone()).collect()),
        _ => {
            let ids: Vec<String> = site.pages.iter().filter_map(|p| p.decision_id()).collect();
            (ids.iter().any(|i| i == value), ids)
        }
    };
    if found {
        return period_missing(call, catalog, key_at);
    }
    let what = match spec.name {
        "price" | "service" => "plan",
        "plans" => "price list",
        "product" => "product",
        _ => "decision record",
    };
    let hint = match did_you_mean(value, known.iter().map(String::as_str)) {
        Some(near) => format!("did you mean `{near}`?"),
        None if what == "plan" => "plans are named `product.plan`, as in content/pricing/*.yaml".into(),
        None => format!("known: {}", list(known.iter().map(String::as_str).take(12))),
    };
    Some((key_at, Code::E060, format!("`{}` names no {what} `{value}`", spec.name), hint))
}

/// A `price` whose plan has no price for the period asked.
fn period_missing(call: &Call, catalog: &Catalog, at: usize) -> Option<Problem> {
    let (_, plan) = plan(catalog, arg(call, "plan")?)?;
    if call.name == "service" {
        let named = arg(call, "fact").unwrap_or_default();
        let promised = plan.service.as_ref().is_some_and(|s| match fact(named) {
            Some(Fact::Uptime) => s.uptime.is_some(),
            Some(Fact::Support | Fact::Channels) => true,
            Some(Fact::Severity1) => s.response.severity_1.is_some(),
            Some(Fact::Severity2) => s.response.severity_2.is_some(),
            Some(Fact::Severity3) => s.response.severity_3.is_some(),
            Some(Fact::FirstPullRequest) => s.first_pull_request.is_some(),
            None => true,
        });
        let message =
            format!("plan `{}` promises no `{named}` in its `service:`", arg(call, "plan").unwrap_or_default());
        return (!promised).then(|| (at, Code::E060, message, "give the plan that service level in its YAML".into()));
    }
    if call.name != "price" {
        return None;
    }
    let year = arg(call, "period") == Some("year");
    let prices = if year { &plan.annual } else { &plan.monthly };
    if prices.is_some() {
        return None;
    }
    let (period, other) = if year { ("year", "month") } else { ("month", "year") };
    let message = format!("plan `{}` has no price per {period}", arg(call, "plan").unwrap_or_default());
    Some((at, Code::E060, message, format!("write `period=\"{other}\"`, or give the plan that price in its YAML")))
}

fn list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names.map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

fn arg_list(spec: &Spec) -> String {
    list(spec.args.iter().map(|a| a.name))
}

/// A call of `spec` with its required arguments, for hints.
fn example(spec: &Spec) -> String {
    let args: Vec<String> = spec
        .args
        .iter()
        .filter(|a| a.required)
        .map(|a| format!("{}=\"{}\"", a.name, if a.name == "plan" { "factory.team" } else { "…" }))
        .collect();
    if spec.name == "amount" {
        return example_amount();
    }
    format!("write `{{{{ {}({}) }}}}`", spec.name, args.join(", "))
}

fn example_amount() -> String {
    "write `{{ amount(USD=6, ILS=25) }}`: one whole amount per currency the site shows".into()
}
