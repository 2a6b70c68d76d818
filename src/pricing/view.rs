//! What the pricing templates see: plans, prices and labels resolved for one domain's
//! language, currency and tax, so templates only lay them out.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::Domain;
use crate::html::escape;

use super::load::Catalog;
use super::model::{Money, Plan, PriceList, Status};
use super::text::{money, Cell};

/// One domain's language, currency and UI strings.
pub struct Locale<'a> {
    /// Language code.
    pub lang: &'a str,
    /// ISO 4217 code prices are shown in.
    pub currency: &'a str,
    /// UI strings.
    pub t: &'a BTreeMap<String, String>,
    /// The domain.
    pub domain: &'a Domain,
    /// The company name, for schema.org `brand`.
    pub brand: &'a str,
    /// The catalogue, for the components in catalogue prose.
    pub catalog: &'a Catalog,
}

impl Locale<'_> {
    /// A UI string, or its key when missing (the i18n loader checks every key exists).
    pub fn label(&self, key: &str) -> String {
        self.t.get(key).cloned().unwrap_or_else(|| key.to_owned())
    }

    /// The note under prices: VAT included, or tax excluded.
    pub fn tax_note(&self) -> String {
        let tax = &self.domain.tax;
        let key = if tax.included && tax.rate > 0.0 { "pricing_tax_included" } else { "pricing_tax_excluded" };
        self.label(key).replace("{rate}", &format!("{}", tax.rate)).replace("{currency}", self.currency)
    }
}

impl super::facts::Labels for Locale<'_> {
    fn label(&self, key: &str) -> String {
        Locale::label(self, key)
    }

    fn lang(&self) -> &str {
        self.lang
    }
}

/// A displayed price.
#[derive(Debug, Clone, Serialize)]
pub struct Amount {
    /// The amount, formatted: `$1,490`, `5,990 ₪`.
    pub text: String,
    /// The number, for machines.
    pub value: i64,
    /// "From " when the plan is priced on request.
    pub prefix: String,
    /// "/ month", "/ year".
    pub per: String,
    /// "Save 17% against monthly", when cheaper than twelve months.
    pub note: String,
    /// Under an annual price shown per month: "$14,900 billed yearly", as HTML (the amount isolated).
    pub billed: String,
}

/// A plan's price as shown under each position of the monthly/annual switch.
#[derive(Debug, Clone, Serialize)]
pub struct PriceView {
    /// Shown when "monthly" is selected.
    pub monthly: Option<Amount>,
    /// Shown when "annual" is selected.
    pub annual: Option<Amount>,
    /// True when the two differ (the plan has both prices).
    pub switches: bool,
    /// "Talk to us" for plans priced on request without a "from" price.
    pub contact: String,
}

/// A plan card.
#[derive(Debug, Clone, Serialize)]
pub struct PlanView {
    /// Plan id.
    pub id: String,
    /// Name.
    pub name: String,
    /// One sentence.
    pub summary: String,
    /// Prices.
    pub price: PriceView,
    /// Headline limits.
    pub limits: Vec<String>,
    /// Call to action.
    pub cta_label: String,
    /// Call-to-action URL (a page, or `mailto:` the domain's sales contact).
    pub cta_url: String,
    /// Instead of a link: a form posting the product and plan to the domain's endpoint.
    pub cta_form: Option<super::contact::FormView>,
    /// The recommended plan.
    pub highlight: bool,
}

/// The comparison table.
#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    /// `<caption>`.
    pub caption: String,
    /// Column headings.
    pub plans: Vec<String>,
    /// Number of columns (the feature column and one per plan).
    pub span: usize,
    /// Row groups.
    pub groups: Vec<GroupView>,
}

/// A group of rows.
#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    /// Group heading.
    pub name: String,
    /// Rows.
    pub rows: Vec<RowView>,
}

/// A row.
#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    /// Row heading.
    pub label: String,
    /// One cell per plan.
    pub cells: Vec<CellView>,
}

/// A cell: `yes`, `no` or `text`.
#[derive(Debug, Clone, Serialize)]
pub struct CellView {
    /// `yes`, `no` or `text`.
    pub kind: &'static str,
    /// The visible text, or the screen-reader text for yes/no.
    pub text: String,
}

/// Prices in the domain's currency for one plan.
pub fn price(plan: &Plan, loc: &Locale<'_>) -> PriceView {
    let of = |m: &Option<Money>| m.as_ref().and_then(|m| m.get(loc.currency)).copied();
    let (monthly, annual) = (of(&plan.monthly), of(&plan.annual));
    let prefix = if plan.contact { loc.label("pricing_from_prefix") } else { String::new() };
    let amount = |value: i64, per: &str, note: String| Amount {
        text: money(value, loc.currency, loc.lang),
        value,
        prefix: prefix.clone(),
        per: loc.label(per),
        note,
        billed: String::new(),
    };
    let saving = match (monthly, annual) {
        (Some(m), Some(a)) => saving_percent(m, a)
            .map_or(String::new(), |p| loc.label("pricing_annual_saving").replace("{percent}", &p.to_string())),
        _ => String::new(),
    };
    let m = monthly.map(|v| amount(v, "pricing_per_month", String::new()));
    // With both prices, "annual" sells annual: the per-month equivalent, what is billed
    // once a year, and the saving; an annual-only price is shown per year.
    let a = match (monthly, annual) {
        (Some(_), Some(a)) if a > 0 => Some(Amount {
            billed: billed_html(&loc.label("pricing_billed_yearly"), &money(a, loc.currency, loc.lang)),
            ..amount(per_month(a), "pricing_per_month", saving)
        }),
        (_, Some(a)) => Some(amount(a, "pricing_per_year", String::new())),
        _ => None,
    };
    let contact =
        if plan.contact && m.is_none() && a.is_none() { loc.label("pricing_on_request") } else { String::new() };
    PriceView {
        switches: m.is_some() && a.is_some(),
        monthly: m.clone().or_else(|| a.clone()),
        annual: a.or(m),
        contact,
    }
}

/// An annual price as a whole amount per month (rounded half up).
pub fn per_month(annual: i64) -> i64 {
    i64::try_from((i128::from(annual) * 2 + 12) / 24).unwrap_or(i64::MAX)
}

/// Percent saved by paying `annual` once instead of twelve times `monthly` (rounded),
/// when annual is cheaper.
pub fn saving_percent(monthly: i64, annual: i64) -> Option<i128> {
    // i128: amounts come from YAML and may be as large as i64 allows.
    let year = i128::from(monthly) * 12;
    (monthly > 0 && i128::from(annual) < year).then(|| ((year - i128::from(annual)) * 100 + year / 2) / year)
}

/// A card's limit line: its words, or a service fact worded from the plan's data.
fn limit(p: &Plan, line: &super::model::Limit, loc: &Locale<'_>) -> Option<String> {
    match line {
        super::model::Limit::Text(t) => Some(t.to(loc.lang)),
        super::model::Limit::Service(s) => {
            let value = super::facts::fact(p.service.as_ref(), s.service, loc)?;
            Some(loc.label(&format!("service_line_{}", s.service.key())).replace("{value}", &value))
        }
    }
}

/// The plan cards of a price list.
pub fn plans(list: &PriceList, loc: &Locale<'_>) -> Vec<PlanView> {
    list.plans
        .iter()
        .map(|p| PlanView {
            id: p.id.clone(),
            name: p.name.to(loc.lang),
            summary: p.summary.to(loc.lang),
            price: price(p, loc),
            limits: p.limits.iter().filter_map(|l| limit(p, l, loc)).collect(),
            cta_label: p.cta.label.to(loc.lang),
            cta_url: p.cta.url.clone().unwrap_or_default(),
            cta_form: None,
            highlight: p.highlight,
        })
        .collect()
}

/// The feature comparison of a price list, or `None` when it defines no features.
pub fn table(list: &PriceList, product: &str, loc: &Locale<'_>) -> Option<TableView> {
    if list.features.is_empty() || list.plans.is_empty() {
        return None;
    }
    let (yes, no) = (loc.label("pricing_included"), loc.label("pricing_not_included"));
    let cell = |c: Option<&Cell>| match c {
        Some(Cell::Yes) => CellView { kind: "yes", text: yes.clone() },
        Some(Cell::Value(t)) => CellView { kind: "text", text: t.to(loc.lang) },
        Some(Cell::No) | None => CellView { kind: "no", text: no.clone() },
    };
    let row_cell = |p: &Plan, f: &super::model::Feature| match f.service {
        Some(fact) => match super::facts::fact(p.service.as_ref(), fact, loc) {
            Some(text) => CellView { kind: "text", text },
            None => CellView { kind: "no", text: no.clone() },
        },
        None => cell(p.features.get(&f.id)),
    };
    let groups = list
        .features
        .iter()
        .map(|g| GroupView {
            name: g.group.to(loc.lang),
            rows: g
                .features
                .iter()
                .map(|f| RowView {
                    label: f.label.to(loc.lang),
                    cells: list.plans.iter().map(|p| row_cell(p, f)).collect(),
                })
                .collect(),
        })
        .collect();
    Some(TableView {
        caption: loc.label("pricing_compare_caption").replace("{product}", product),
        plans: list.plans.iter().map(|p| p.name.to(loc.lang)).collect(),
        span: list.plans.len() + 1,
        groups,
    })
}

/// The lowest paid price, for the overview: monthly when any plan has one, else annual.
pub fn starting_price(list: &PriceList, loc: &Locale<'_>) -> Option<Amount> {
    let lowest = |pick: fn(&Plan) -> &Option<Money>| {
        list.plans.iter().filter_map(|p| pick(p).as_ref()?.get(loc.currency).copied()).filter(|v| *v > 0).min()
    };
    let (value, per) = match lowest(|p| &p.monthly) {
        Some(v) => (v, "pricing_per_month"),
        None => (lowest(|p| &p.annual)?, "pricing_per_year"),
    };
    Some(Amount {
        text: money(value, loc.currency, loc.lang),
        value,
        prefix: loc.label("pricing_from_prefix"),
        per: loc.label(per),
        note: String::new(),
        billed: String::new(),
    })
}

/// True when a plan is free in the domain's currency.
pub fn has_free_plan(list: &PriceList, loc: &Locale<'_>) -> bool {
    list.plans.iter().any(|p| p.monthly.as_ref().and_then(|m| m.get(loc.currency)) == Some(&0))
}

/// The "draft prices" note, empty for final prices.
pub fn draft_note(status: Status, loc: &Locale<'_>) -> String {
    match status {
        Status::Draft => loc.label("pricing_draft_note"),
        Status::Published => String::new(),
    }
}

/// "$14,900 billed yearly" as HTML: the words escaped, the amount one left-to-right
/// isolate (so `14,900 ₪` keeps its order inside Hebrew).
fn billed_html(label: &str, amount: &str) -> String {
    let (before, after) = label.split_once("{amount}").unwrap_or((label, ""));
    format!("{}<bdi dir=\"ltr\">{}</bdi>{}", escape(before), escape(amount), escape(after))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn locale_test(plan: &str, check: impl FnOnce(PriceView)) {
        let config = Config::parse(
            "brand: {name: X, tagline: Y}\ndomains:\n  - {key: a, host: a.x, base_url: https://a.x, language: en, direction: ltr, currency: USD, title: A}\n",
            std::path::Path::new("site.yaml"),
        )
        .unwrap();
        let t = BTreeMap::from([("pricing_annual_saving".to_owned(), "Save {percent}%".to_owned())]);
        let loc = Locale {
            lang: "en",
            currency: "USD",
            t: &t,
            domain: &config.domains[0],
            brand: "X",
            catalog: &Catalog::default(),
        };
        let plan: Plan = crate::yaml::parse(plan).unwrap();
        check(price(&plan, &loc));
    }

    #[test]
    fn annual_saving_is_rounded_and_never_overflows() {
        locale_test(
            "id: a\nname: A\nsummary: s\nmonthly: {USD: 1490}\nannual: {USD: 14900}\ncta: {label: c, url: /}\n",
            |p| {
                assert!(p.switches);
                assert_eq!(p.annual.unwrap().note, "Save 17%");
            },
        );
        let huge = format!(
            "id: a\nname: A\nsummary: s\nmonthly: {{USD: {}}}\nannual: {{USD: 1}}\ncta: {{label: c, url: /}}\n",
            i64::MAX
        );
        locale_test(&huge, |p| assert_eq!(p.annual.unwrap().note, "Save 100%"));
    }

    #[test]
    fn a_plan_with_one_period_shows_it_in_both() {
        locale_test(
            "id: a\nname: A\nsummary: s\ncontact: true\nannual: {USD: 180000}\ncta: {label: c, url: /}\n",
            |p| {
                assert!(!p.switches);
                assert_eq!(p.monthly.unwrap().text, "$180,000");
                assert_eq!(p.annual.unwrap().prefix, "pricing_from_prefix");
            },
        );
    }
}
