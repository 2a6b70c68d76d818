//! The typed shape of `content/products/*.yaml` and `content/pricing/*.yaml`.
//! Every struct refuses unknown keys, so a typo is reported with a suggestion.

use schemars::JsonSchema;
use std::collections::BTreeMap;

use serde::Deserialize;

use super::service::{Fact, Service};
use super::text::{Cell, Text};

/// Prices per currency code, in whole units (`{USD: 490, ILS: 1790}`).
pub type Money = BTreeMap<String, i64>;

/// Whether the commercial terms are final.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Final list prices.
    #[default]
    Published,
    /// Plausible but open: shown with a "draft prices" note.
    Draft,
}

/// The four things ConnectSoft sells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Pillar {
    /// The AI software factory.
    Factory,
    /// Ready SaaS platforms.
    Platforms,
    /// Subscription delivery teams.
    Squads,
    /// Templates, agents and blueprints from partners.
    Marketplace,
}

impl Pillar {
    /// Lowercase name, used in URLs, classes and i18n keys.
    pub fn as_str(self) -> &'static str {
        match self {
            Pillar::Factory => "factory",
            Pillar::Platforms => "platforms",
            Pillar::Squads => "squads",
            Pillar::Marketplace => "marketplace",
        }
    }
}

/// Where a product stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Availability {
    /// Generally available.
    Ga,
    /// In beta.
    Beta,
    /// Opens in roadmap phase 3.
    #[serde(rename = "phase-3")]
    Phase3,
}

impl Availability {
    /// The i18n key suffix (`ga`, `beta`, `phase_3`).
    pub fn key(self) -> &'static str {
        match self {
            Availability::Ga => "ga",
            Availability::Beta => "beta",
            Availability::Phase3 => "phase_3",
        }
    }
}

/// `content/products/<id>.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Product {
    /// URL slug: `/products/<id>/`, `/pricing/<id>/`.
    pub id: String,
    /// Display name.
    pub name: Text,
    /// Which of the four pillars it belongs to; the pillar's own product has `id == pillar`.
    pub pillar: Pillar,
    /// One line.
    pub tagline: Text,
    /// Markdown.
    pub description: Text,
    /// What it does, one line each.
    #[serde(default)]
    pub capabilities: Vec<Text>,
    /// Who it is for, one line each.
    #[serde(default)]
    pub audience: Vec<Text>,
    /// Where it stands.
    pub availability: Availability,
    /// Domain keys that show it (and its pricing).
    pub domains: Vec<String>,
    /// Decision records behind it (`BDR-0002`).
    #[serde(default)]
    pub decisions: Vec<String>,
    /// A Markdown page with the details, `@/platforms/identity.md`.
    #[serde(default)]
    pub page: Option<String>,
    /// Sort order inside its pillar (lowest first).
    #[serde(default)]
    pub weight: i64,
    /// Draft or final.
    #[serde(default)]
    pub status: Status,
}

/// `content/pricing/<product>.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PriceList {
    /// The product id this prices.
    pub product: String,
    /// Draft or final.
    #[serde(default)]
    pub status: Status,
    /// One sentence for the page description and the overview card.
    pub description: Text,
    /// Terms shown under the plans (minimum term, annual discount).
    #[serde(default)]
    pub terms: Vec<Text>,
    /// The plans, in display order.
    #[serde(default)]
    pub plans: Vec<Plan>,
    /// Comparison rows, grouped.
    #[serde(default)]
    pub features: Vec<FeatureGroup>,
    /// Questions and answers (answers in Markdown).
    #[serde(default)]
    pub faq: Vec<Faq>,
    /// For a product that is not on sale yet: its phase and revenue share.
    #[serde(default)]
    pub coming: Option<Coming>,
}

/// One plan.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Unique within the file.
    pub id: String,
    /// Display name.
    pub name: Text,
    /// Who it is for, one sentence.
    pub summary: Text,
    /// Price per month, per currency.
    #[serde(default)]
    pub monthly: Option<Money>,
    /// Price per year, per currency.
    #[serde(default)]
    pub annual: Option<Money>,
    /// Priced on request; `monthly`/`annual` then give a "from" price.
    #[serde(default)]
    pub contact: bool,
    /// Headline limits on the card: words, or `{ service: uptime }` for a line worded from
    /// the plan's `service:` data.
    #[serde(default)]
    pub limits: Vec<Limit>,
    /// Feature id → cell in the comparison table.
    #[serde(default)]
    pub features: BTreeMap<String, Cell>,
    /// The call to action.
    pub cta: Cta,
    /// The recommended plan.
    #[serde(default)]
    pub highlight: bool,
    /// Service levels: `channels`, `response` (`severity_1`…`severity_3`) and `uptime`
    /// (see [`super::service`]). None for a plan without a support promise.
    #[serde(default)]
    pub service: Option<Service>,
}

/// A line of a card's limits.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Limit {
    /// `{ service: uptime }`: the plan's service fact, worded by the UI string
    /// `service_line_<fact>` (`{value} uptime target`).
    Service(ServiceLine),
    /// Words, per language.
    Text(Text),
}

/// `{ service: <fact> }` on a card.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceLine {
    /// Which service fact the line states.
    pub service: Fact,
}

/// A call to action.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cta {
    /// Button text.
    pub label: Text,
    /// Root-relative or absolute URL, or `@/page.md`. Without it the button reaches the
    /// domain's sales contact (`contact:` in `site.yaml`): a `mailto:` with the product and
    /// plan in the subject, or the configured form.
    #[serde(default)]
    pub url: Option<String>,
}

/// A group of comparison rows.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FeatureGroup {
    /// Group heading.
    pub group: Text,
    /// Rows.
    pub features: Vec<Feature>,
}

/// One comparison row.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Feature {
    /// Referenced by plans.
    pub id: String,
    /// Row heading.
    pub label: Text,
    /// A row of service levels: its cells come from each plan's `service:` block
    /// (`uptime`, `support`, `channels`, `severity_1`…`severity_3`), not from `features`.
    #[serde(default)]
    pub service: Option<Fact>,
}

/// A question and its answer.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Faq {
    /// The question.
    pub question: Text,
    /// The answer, Markdown.
    pub answer: Text,
}

/// A product shown as "coming" rather than as plans.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Coming {
    /// The roadmap phase it opens in.
    pub opens_in_phase: u8,
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// What has to be true first.
    #[serde(default)]
    pub prerequisites: Vec<Text>,
    /// How revenue is shared.
    #[serde(default)]
    pub revenue_share: Vec<Share>,
}

/// One opening step.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Roadmap phase.
    pub phase: u8,
    /// Step name (internal, private, public).
    pub name: Text,
    /// Who publishes.
    pub publishers: Text,
    /// Who can buy.
    pub buyers: Text,
    /// The gate.
    pub opens_when: Text,
}

/// One revenue-share row.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Share {
    /// Who it applies to.
    pub who: Text,
    /// Percent the publisher keeps.
    pub publisher: u8,
    /// Percent ConnectSoft keeps.
    pub connectsoft: u8,
}
