//! Service levels as words in a domain's language: a response time (`4 business hours`,
//! `1 hour, 24/7`), the support summary, the channels, the uptime target. Every page
//! that shows a service level (pricing tables, cards, the status page) words it here.

use super::service::{percent, Channel, Fact, Service, Wait};

/// Where the words come from: a domain's UI strings (`view::Locale` implements it).
pub trait Labels {
    /// The UI string `key`, or the key itself when missing.
    fn label(&self, key: &str) -> String;

    /// The language texts of the catalogue are shown in.
    fn lang(&self) -> &str {
        "en"
    }
}

/// A response time: `4 business hours`; a clock that runs 24/7 says so: `1 hour, 24/7`.
pub fn wait(w: Wait, loc: &dyn Labels) -> String {
    let key = if w.amount == 1 { format!("service_{}_one", w.unit.key()) } else { format!("service_{}", w.unit.key()) };
    let text = loc.label(&key).replace("{n}", &w.amount.to_string());
    if w.unit.around_the_clock() {
        loc.label("service_around_the_clock").replace("{wait}", &text)
    } else {
        text
    }
}

/// One line: `24/7 for severity 1, named engineer`, `named engineer`, `24/7 for severity 1`,
/// `business hours`, or the channels of a plan that promises no response time (`community
/// and email`).
pub fn support(service: &Service, loc: &dyn Labels) -> Option<String> {
    let sev1 = service.response.severity_1;
    let around_the_clock = sev1.is_some_and(|w| w.unit.around_the_clock());
    if service.named_engineer && around_the_clock {
        Some(format!("{}, {}", loc.label("service_support_24_7"), loc.label("service_support_named")))
    } else if service.named_engineer {
        Some(loc.label("service_support_named"))
    } else if around_the_clock {
        Some(loc.label("service_support_24_7"))
    } else if service.response.all().iter().any(Option::is_some) && sev1.is_some() {
        Some(loc.label("service_support_business"))
    } else {
        channels(service, loc)
    }
}

/// `email and phone`, `email, phone and shared channel`.
pub fn channels(service: &Service, loc: &dyn Labels) -> Option<String> {
    let names: Vec<String> = service.channels.iter().map(|c| channel(*c, loc)).collect();
    match names.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        [rest @ .., last] => Some(format!("{}{}{last}", rest.join(", "), loc.label("service_and"))),
    }
}

/// One channel's name.
pub fn channel(c: Channel, loc: &dyn Labels) -> String {
    loc.label(&format!("service_channel_{}", c.key()))
}

/// The words of `fact` for a plan, or `None` when the plan promises nothing there.
pub fn fact(service: Option<&Service>, fact: Fact, loc: &dyn Labels) -> Option<String> {
    let s = service?;
    match fact {
        Fact::Uptime => s.uptime.map(percent),
        Fact::Support => support(s, loc),
        Fact::Channels => channels(s, loc),
        Fact::Severity1 => s.response.severity_1.map(|w| wait(w, loc)),
        Fact::Severity2 => s.response.severity_2.map(|w| wait(w, loc)),
        Fact::Severity3 => s.response.severity_3.map(|w| wait(w, loc)),
        Fact::FirstPullRequest => s.first_pull_request.as_ref().map(|t| t.to(loc.lang())),
    }
}

/// The UI strings this module reads, for themes and tests (`service_*`).
pub const LABELS: [&str; 17] = [
    "service_minutes",
    "service_minutes_one",
    "service_hours",
    "service_hours_one",
    "service_business_hours",
    "service_business_hours_one",
    "service_business_days",
    "service_business_days_one",
    "service_around_the_clock",
    "service_support_named",
    "service_support_24_7",
    "service_support_business",
    "service_and",
    "service_channel_community",
    "service_channel_email",
    "service_channel_phone",
    "service_channel_shared_channel",
];
