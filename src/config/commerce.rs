//! What `site.yaml` says about selling: what "business hours" means (`support:`), where
//! a buyer writes on each domain (`contact:` on a domain), and how the list prices of one
//! currency relate to another's (`prices:`).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `support:` — facts that hold for every plan.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Support {
    /// What "business hours" means, per language (`{en: Monday to Friday, 07:00–19:00 UTC, he: …}`).
    #[serde(default)]
    pub business_hours: BTreeMap<String, String>,
    /// The page that shows every plan's service levels (`@/status.md`), rendered from the catalogue.
    #[serde(default)]
    pub status_page: Option<String>,
}

/// `contact:` on a domain — where a buyer on this domain writes.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Sales address: a plan's call to action without `url` opens a message to it,
    /// with the product and plan in the subject.
    pub sales: String,
    /// Support address.
    #[serde(default)]
    pub support: Option<String>,
    /// Partnerships address.
    #[serde(default)]
    pub partners: Option<String>,
    /// Security reports address.
    #[serde(default)]
    pub security: Option<String>,
    /// A form endpoint (`https://…`): calls to action post `product` and `plan` to it
    /// instead of opening an email.
    #[serde(default)]
    pub form: Option<String>,
    /// The contact page (`@/contact.md`; on a translated domain, its translation is used):
    /// it shows these addresses as links.
    #[serde(default)]
    pub page: Option<String>,
}

impl Contact {
    /// The addresses that are set, as `(role, address)`, in a fixed order.
    pub fn addresses(&self) -> Vec<(&'static str, &str)> {
        let roles = [
            ("sales", Some(&self.sales)),
            ("support", self.support.as_ref()),
            ("partners", self.partners.as_ref()),
            ("security", self.security.as_ref()),
        ];
        roles.into_iter().filter_map(|(role, a)| a.map(|a| (role, a.as_str()))).collect()
    }
}

/// `prices: { ILS: {...} }` — the rule the list prices in one currency follow.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PricePolicy {
    /// The currency this one is set against (`USD`).
    pub follows: String,
    /// Units of this currency per unit of `follows` (3.70 shekels a dollar).
    pub rate: f64,
    /// Tax in percent added to the straight conversion (18: ILS prices include VAT).
    #[serde(default)]
    pub tax: f64,
    /// How far below the straight conversion a price may sit, in percent (`{min: 0, max: 10}`).
    pub below: Band,
    /// Allowed last digits (`["90", "900"]`); empty allows any. A price of 0 is always allowed.
    #[serde(default)]
    pub endings: Vec<String>,
    /// `error` (the default) fails the build; `warning` reports and builds.
    #[serde(default)]
    pub severity: PolicySeverity,
}

/// A range in percent.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Lowest percent below.
    pub min: f64,
    /// Highest percent below.
    pub max: f64,
}

/// How a broken price policy is reported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PolicySeverity {
    /// The build fails.
    #[default]
    Error,
    /// The build goes on; `--strict` fails it.
    Warning,
}
