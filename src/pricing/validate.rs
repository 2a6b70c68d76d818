//! The rules serde cannot check: ids that must exist or be unique, prices that must
//! be present in every currency a publishing domain uses, non-negative, and annual
//! cheaper than twelve months; links the URL policy allows. Each finding points at the offending YAML line.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Config;
use crate::diagnostics::{did_you_mean, Code, Diagnostic};
use crate::policy;

use super::load::{Catalog, Source};
use super::locate::Locator;
use super::model::{Money, Plan, PriceList, Product};

/// Errors and warnings over the whole catalogue.
pub fn validate(catalog: &Catalog, config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut ids = BTreeMap::new();
    for product in &catalog.products {
        let at = Locator::new(&product.path, &product.text);
        if !is_slug(&product.value.id) {
            let line = at.key("id", &product.value.id, 1);
            let message = format!("product id `{}` is not a URL slug", product.value.id);
            out.push(at.error(Code::E040, line, message, "use lowercase letters, digits and hyphens, e.g. `identity`"));
        }
        let line = at.key("id", &product.value.id, 1);
        let here = format!("{}:{line}", product.path.display()).replace('\\', "/");
        if let Some(first) = ids.insert(product.value.id.as_str(), here.clone()) {
            ids.insert(product.value.id.as_str(), first.clone());
            let message = format!("product id `{}` is used twice; the first is at {first}", product.value.id);
            out.push(at.error(Code::E041, line, message, "give each product its own id"));
        }
        out.extend(check_domains(&product.value, &at, config));
        out.extend(check_translations(&product.text, &product.value, &at, config));
        if let Some(page) = &product.value.page {
            let line = at.key("page", page, 1);
            let what = format!("product `{}`: `page`", product.value.id);
            out.extend(refused_url(&what, page, &at, line));
        }
    }
    out.extend(super::contact::check_config(config));
    let mut priced = BTreeMap::new();
    for list in &catalog.prices {
        let at = Locator::new(&list.path, &list.text);
        let Some(product) = catalog.product(&list.value.product) else {
            out.push(unknown_product(list, &at, catalog));
            continue;
        };
        if let Some(first) = priced.get(list.value.product.as_str()) {
            let line = at.key("product", &list.value.product, 1);
            let message = format!("product `{}` has a second price list; the first is {first}", list.value.product);
            out.push(at.error(Code::E041, line, message, "merge the plans into one file per product"));
        } else {
            priced.insert(list.value.product.as_str(), list.path.display().to_string().replace('\\', "/"));
        }
        out.extend(check_list(&list.value, &product.value, &at, config));
        out.extend(super::price_policy::check(&list.value, &config.prices, &at));
        out.extend(check_translations(&list.text, &product.value, &at, config));
    }
    out
}

/// An error when the URL policy refuses `url` (`javascript:`, `data:`, …).
fn refused_url(what: &str, url: &str, at: &Locator<'_>, line: usize) -> Option<Diagnostic> {
    let refusal = policy::check(url).err()?;
    let message = format!("{what} goes to `{url}`, which {}", refusal.reason());
    Some(at.error(Code::E011, line, message, &format!("a link in the catalogue is {}", policy::ALLOWED)))
}

/// Lowercase ASCII letters, digits and inner hyphens: safe in `/products/<id>/`.
fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn check_domains(product: &Product, at: &Locator<'_>, config: &Config) -> Vec<Diagnostic> {
    let known: Vec<&str> = config.domains.iter().map(|d| d.key.as_str()).collect();
    product
        .domains
        .iter()
        .filter(|k| config.domain(k).is_none())
        .map(|key| {
            let line = at.line_with("domains", 1);
            let hint = match did_you_mean(key, known.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("domains are: {}", known.join(", ")),
            };
            at.error(Code::E006, line, format!("unknown domain `{key}`"), &hint)
        })
        .collect()
}

fn unknown_product(list: &Source<PriceList>, at: &Locator<'_>, catalog: &Catalog) -> Diagnostic {
    let id = &list.value.product;
    let line = at.key("product", id, 1);
    let hint = match did_you_mean(id, catalog.products.iter().map(|p| p.value.id.as_str())) {
        Some(best) => format!("did you mean `{best}`?"),
        None => "add content/products/<id>.yaml first, or fix the id".to_owned(),
    };
    at.error(Code::E042, line, format!("unknown product `{id}`"), &hint)
}

fn check_list(list: &PriceList, product: &Product, at: &Locator<'_>, config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let features: Vec<&str> = list.features.iter().flat_map(|g| &g.features).map(|f| f.id.as_str()).collect();
    let mut seen = BTreeSet::new();
    for feature in &features {
        if !seen.insert(*feature) {
            let line = at.nth_key("id", feature, 2, at.top("features"));
            let first = at.nth_key("id", feature, 1, at.top("features"));
            let message = format!("feature id `{feature}` is defined twice; the first is at line {first}");
            out.push(at.error(Code::E041, line, message, "give each row its own id"));
        }
    }
    let currencies: BTreeSet<(&str, &str)> = product
        .domains
        .iter()
        .filter_map(|k| config.domain(k))
        .map(|d| (d.currency.as_str(), d.host.as_str()))
        .collect();
    let mut plan_ids = BTreeSet::new();
    let plans_line = at.top("plans");
    for plan in &list.plans {
        let start = at.key("id", &plan.id, plans_line);
        if !plan_ids.insert(plan.id.as_str()) {
            let second = at.key("id", &plan.id, start + 1);
            let message = format!("plan id `{}` is used twice; the first is at line {start}", plan.id);
            out.push(at.error(Code::E041, second, message, "give each plan in the file its own id"));
            continue;
        }
        let plan_at = at.within(start);
        if let Some(url) = &plan.cta.url {
            let cta_line = plan_at.within(plan_at.entry("cta")).entry("url");
            let what = format!("plan `{}`: the call to action", plan.id);
            out.extend(refused_url(&what, url, &plan_at, cta_line));
        }
        out.extend(check_features(plan, &features, &plan_at));
        out.extend(check_prices(plan, &currencies, &plan_at));
        out.extend(super::stated::check(plan, &plan_at));
    }
    if list.coming.is_some() && !list.plans.is_empty() {
        let line = at.top("coming");
        out.push(at.error(
            Code::E043,
            line,
            "a price list has either `plans` or `coming`, not both".into(),
            "remove one",
        ));
    }
    out
}

fn check_features(plan: &Plan, features: &[&str], at: &Locator<'_>) -> Vec<Diagnostic> {
    plan.features
        .keys()
        .filter(|id| !features.contains(&id.as_str()))
        .map(|id| {
            let line = at.entry(id);
            let hint = match did_you_mean(id, features.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => "define it under `features:` first".to_owned(),
            };
            at.error(Code::E042, line, format!("plan `{}` refers to unknown feature `{id}`", plan.id), &hint)
        })
        .collect()
}

fn check_prices(plan: &Plan, currencies: &BTreeSet<(&str, &str)>, at: &Locator<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let periods = [("monthly", &plan.monthly), ("annual", &plan.annual)];
    for (period, money) in periods.iter().filter_map(|(p, m)| m.as_ref().map(|m| (*p, m))) {
        let period_line = at.entry(period);
        for (currency, amount) in money.iter().filter(|(_, a)| **a < 0) {
            let line = at.within(period_line).entry(currency);
            let message = format!("plan `{}` has a negative {period} price: {amount} {currency}", plan.id);
            out.push(at.error(
                Code::E044,
                line,
                message,
                "prices are whole amounts of 0 or more; use 0 for a free plan",
            ));
        }
        out.extend(missing_currency(plan, period, money, currencies, at, period_line));
    }
    if plan.monthly.is_none() && plan.annual.is_none() && !plan.contact {
        let message = format!("plan `{}` has no price", plan.id);
        out.push(at.error(Code::E045, at.first(), message, "add `monthly: {USD: ..., ILS: ...}`, or `contact: true`"));
    }
    if let (Some(monthly), Some(annual)) = (&plan.monthly, &plan.annual) {
        out.extend(annual_not_cheaper(plan, monthly, annual, at));
    }
    out
}

fn missing_currency(
    plan: &Plan,
    period: &str,
    money: &Money,
    currencies: &BTreeSet<(&str, &str)>,
    at: &Locator<'_>,
    line: usize,
) -> Vec<Diagnostic> {
    currencies
        .iter()
        .filter(|(c, _)| !money.contains_key(*c))
        .map(|(currency, host)| {
            let message = format!("plan `{}` has no {period} price in {currency}, which {host} shows", plan.id);
            let hint = format!("add `{currency}: ...` to `{period}:`; prices are never converted between currencies");
            at.error(Code::E045, line, message, &hint)
        })
        .collect()
}

fn annual_not_cheaper(plan: &Plan, monthly: &Money, annual: &Money, at: &Locator<'_>) -> Vec<Diagnostic> {
    let line = at.entry("annual");
    monthly
        .iter()
        .filter_map(|(currency, m)| annual.get(currency).map(|a| (currency, *m, *a)))
        .filter(|(_, m, a)| *m > 0 && *a >= m.saturating_mul(12))
        .map(|(currency, m, a)| {
            let message = format!(
                "plan `{}`: the annual price {a} {currency} is not below 12 × the monthly price ({} {currency})",
                plan.id,
                m.saturating_mul(12)
            );
            let mut d = at.error(Code::W007, line, message, "lower the annual price, or drop it to sell monthly only");
            d.severity = crate::diagnostics::Severity::Warning;
            d
        })
        .collect()
}

/// Every per-language text (`{en: ..., he: ...}`) must have the language of each domain
/// that shows the product: a Hebrew page never silently falls back to English.
fn check_translations(text: &str, product: &Product, at: &Locator<'_>, config: &Config) -> Vec<Diagnostic> {
    let languages: BTreeSet<&str> = config.domains.iter().map(|d| d.language.as_str()).collect();
    let shown: Vec<(&str, &str)> = product
        .domains
        .iter()
        .filter_map(|k| config.domain(k))
        .map(|d| (d.language.as_str(), d.host.as_str()))
        .collect();
    let mut out = Vec::new();
    if let Ok(value) = crate::yaml::parse_value(text) {
        walk_texts(&value, &languages, &mut |map| {
            for (lang, host) in shown.iter().filter(|(lang, _)| !map.contains_key(*lang)) {
                let given = map.values().find_map(|v| v.as_str()).unwrap_or_default();
                let snippet: String = given.lines().next().unwrap_or_default().chars().take(40).collect();
                let line = at.line_with(&snippet, 1);
                let message = format!("no `{lang}` text for \"{snippet}\", which {host} shows");
                out.push(at.error(Code::E046, line, message, &format!("add `{lang}: ...` beside the other languages")));
            }
        });
    }
    out
}

type TextMap = serde_json::Map<String, serde_json::Value>;

/// Calls `found` on every map whose keys are all language codes and whose values are strings.
fn walk_texts(value: &serde_json::Value, languages: &BTreeSet<&str>, found: &mut dyn FnMut(&TextMap)) {
    match value {
        serde_json::Value::Object(map) => {
            let is_text = !map.is_empty() && map.iter().all(|(k, v)| languages.contains(k.as_str()) && v.is_string());
            if is_text {
                found(map);
            } else {
                map.values().for_each(|v| walk_texts(v, languages, found));
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| walk_texts(v, languages, found)),
        _ => {}
    }
}
