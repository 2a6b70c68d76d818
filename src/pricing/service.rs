//! Service levels as data: a plan's support channels, response times and uptime target.
//!
//! A plan's `service:` block in `content/pricing/<product>.yaml`:
//!
//! ```yaml
//! service:
//!   channels: [email, phone]            # community | email | phone | shared-channel
//!   response:                           # first response by a person, per severity
//!     severity_1: 1 hour                # `N minutes|hours` = around the clock (24/7)
//!     severity_2: 4 business hours      # `N business hours|days` = within business hours
//!     severity_3: 1 business day
//!   uptime: 99.9                        # monthly uptime target in percent (the SLA)
//!   named_engineer: true
//!   first_pull_request: { en: within two weeks of signing, he: … }
//! ```
//!
//! Fields: [`Service::channels`], [`Service::response`] ([`Response::severity_1`],
//! [`Response::severity_2`], [`Response::severity_3`], each a [`Wait`]),
//! [`Service::uptime`], [`Service::named_engineer`]. What "business hours" means is said
//! once, in `site.yaml` (`support.business_hours`). A comparison row declares
//! `service: uptime|support|severity_1|severity_2|severity_3|channels|first_pull_request` (a [`Fact`]) and
//! takes its cells from here instead of from the plans' `features`.

use std::fmt;

use schemars::JsonSchema;
use serde::Deserialize;

use super::text::Text;

/// A plan's service levels.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// How a customer reaches support, in order.
    #[serde(default)]
    pub channels: Vec<Channel>,
    /// First response time per severity; a severity left out has no commitment.
    #[serde(default)]
    pub response: Response,
    /// Monthly uptime target in percent (`99.9`); none means no uptime commitment.
    #[serde(default)]
    pub uptime: Option<f64>,
    /// A named engineer who knows the customer's set-up.
    #[serde(default)]
    pub named_engineer: bool,
    /// When the first pull request lands in the customer's repository, counted from
    /// signing (`{en: within two weeks of signing, he: …}`).
    #[serde(default)]
    pub first_pull_request: Option<Text>,
}

/// A support channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    /// The public community forum.
    Community,
    /// Email to support.
    Email,
    /// Phone.
    Phone,
    /// A chat channel shared with the customer's team.
    SharedChannel,
}

impl Channel {
    /// The i18n key suffix (`community`, `email`, `phone`, `shared_channel`).
    pub fn key(self) -> &'static str {
        match self {
            Channel::Community => "community",
            Channel::Email => "email",
            Channel::Phone => "phone",
            Channel::SharedChannel => "shared_channel",
        }
    }
}

/// First response times: severity 1 (production down), 2 (degraded), 3 (a question).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// Production down or data at risk.
    #[serde(default)]
    pub severity_1: Option<Wait>,
    /// Production degraded, or a major function failing with a workaround.
    #[serde(default)]
    pub severity_2: Option<Wait>,
    /// A question, a minor defect or a request.
    #[serde(default)]
    pub severity_3: Option<Wait>,
}

impl Response {
    /// The three severities in order, 1 first.
    pub fn all(&self) -> [Option<Wait>; 3] {
        [self.severity_1, self.severity_2, self.severity_3]
    }
}

/// A response time: an amount of a unit, written `4 business hours`, `1 hour`, `30 minutes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct Wait {
    /// How many units.
    pub amount: u32,
    /// Which unit, and so whether the clock runs around the clock or in business hours.
    pub unit: Unit,
}

/// The unit of a [`Wait`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Minutes, around the clock.
    Minutes,
    /// Hours, around the clock.
    Hours,
    /// Hours inside business hours.
    BusinessHours,
    /// Business days.
    BusinessDays,
}

impl Unit {
    /// True when the clock runs 24/7.
    pub fn around_the_clock(self) -> bool {
        matches!(self, Unit::Minutes | Unit::Hours)
    }

    /// Its plural name in English (`minutes`, `business hours`).
    pub fn plural(self) -> &'static str {
        match self {
            Unit::Minutes => "minutes",
            Unit::Hours => "hours",
            Unit::BusinessHours => "business hours",
            Unit::BusinessDays => "business days",
        }
    }

    /// The i18n key (`minutes`, `hours`, `business_hours`, `business_days`).
    pub fn key(self) -> &'static str {
        match self {
            Unit::Minutes => "minutes",
            Unit::Hours => "hours",
            Unit::BusinessHours => "business_hours",
            Unit::BusinessDays => "business_days",
        }
    }
}

/// The pattern a [`Wait`] is written in (also its JSON Schema pattern).
pub const WAIT_PATTERN: &str = "^[1-9][0-9]* (minutes?|hours?|business hours?|business days?)$";

impl TryFrom<String> for Wait {
    type Error = String;

    fn try_from(text: String) -> Result<Wait, String> {
        let bad = || {
            format!(
                "`{text}` is not a response time: write `30 minutes`, `1 hour`, `4 business hours` or `1 business day`"
            )
        };
        let (amount, unit) = text.trim().split_once(' ').ok_or_else(bad)?;
        let amount: u32 = amount.parse().ok().filter(|a| *a > 0).ok_or_else(bad)?;
        let unit = match unit.trim() {
            "minute" | "minutes" => Unit::Minutes,
            "hour" | "hours" => Unit::Hours,
            "business hour" | "business hours" => Unit::BusinessHours,
            "business day" | "business days" => Unit::BusinessDays,
            _ => return Err(bad()),
        };
        Ok(Wait { amount, unit })
    }
}

impl fmt::Display for Wait {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let one = self.amount == 1;
        let unit = match (self.unit, one) {
            (Unit::Minutes, true) => "minute",
            (Unit::Minutes, false) => "minutes",
            (Unit::Hours, true) => "hour",
            (Unit::Hours, false) => "hours",
            (Unit::BusinessHours, true) => "business hour",
            (Unit::BusinessHours, false) => "business hours",
            (Unit::BusinessDays, true) => "business day",
            (Unit::BusinessDays, false) => "business days",
        };
        write!(f, "{} {unit}", self.amount)
    }
}

impl JsonSchema for Wait {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Wait".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A response time: `30 minutes`, `1 hour` (around the clock), `4 business hours`, `1 business day`.",
            "type": "string",
            "pattern": WAIT_PATTERN
        })
    }
}

/// A service fact a comparison row can show (`service:` on a feature row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Fact {
    /// The uptime target (`99.9%`).
    Uptime,
    /// A one-line support summary (`business hours`, `24/7 for severity 1`, `named engineer`).
    Support,
    /// The channels.
    Channels,
    /// Severity 1 response time.
    #[serde(rename = "severity_1")]
    Severity1,
    /// Severity 2 response time.
    #[serde(rename = "severity_2")]
    Severity2,
    /// Severity 3 response time.
    #[serde(rename = "severity_3")]
    Severity3,
    /// When the first pull request lands, counted from signing.
    FirstPullRequest,
}

impl Fact {
    /// Its name in YAML and in UI-string keys (`uptime`, `severity_1`, `first_pull_request`).
    pub fn key(self) -> &'static str {
        match self {
            Fact::Uptime => "uptime",
            Fact::Support => "support",
            Fact::Channels => "channels",
            Fact::Severity1 => "severity_1",
            Fact::Severity2 => "severity_2",
            Fact::Severity3 => "severity_3",
            Fact::FirstPullRequest => "first_pull_request",
        }
    }
}

/// Allowed downtime in whole minutes per 30 days for an uptime target in percent.
pub fn downtime_minutes(uptime: f64) -> u32 {
    let minutes = (100.0 - uptime).max(0.0) / 100.0 * 30.0 * 24.0 * 60.0;
    // Round down, after shaving float noise (99.5% is 216 minutes, not 215.99…).
    (minutes + 1e-6).floor() as u32
}

/// `99.9` → `99.9%`, `99.0` → `99%`.
pub fn percent(uptime: f64) -> String {
    let text = format!("{uptime:.2}");
    format!("{}%", text.trim_end_matches('0').trim_end_matches('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_read_and_print() {
        let w = Wait::try_from("4 business hours".to_owned()).unwrap();
        assert_eq!((w.amount, w.unit), (4, Unit::BusinessHours));
        assert_eq!(w.to_string(), "4 business hours");
        assert!(Wait::try_from("1 hour".to_owned()).unwrap().unit.around_the_clock());
        assert!(Wait::try_from("soon".to_owned()).is_err());
        assert!(Wait::try_from("0 hours".to_owned()).is_err());
    }

    #[test]
    fn downtime_follows_the_target() {
        assert_eq!(downtime_minutes(99.5), 216);
        assert_eq!(downtime_minutes(99.9), 43);
        assert_eq!(downtime_minutes(99.95), 21);
        assert_eq!(percent(99.95), "99.95%");
        assert_eq!(percent(99.0), "99%");
    }
}
