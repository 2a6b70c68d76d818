//! A plan's hand-written card text must not contradict its `service:` data (E061): a
//! limit line, a comparison cell or the summary that states an uptime target or a
//! response promise the plan's service levels do not make (`99.9% uptime` on a plan
//! whose target is 99.5%, `24/7` on a plan answered in business hours), and a
//! `{ service: <fact> }` card line on a plan that promises nothing there.

use crate::diagnostics::{Code, Diagnostic};
use crate::markdown::promises::{figures, Figure};

use super::locate::Locator;
use super::model::{Limit, Plan};
use super::service::{percent, Service};
use super::text::{Cell, Text};

/// E061 for each contradiction in `plan`, whose YAML block is `at`.
pub fn check(plan: &Plan, at: &Locator<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut texts: Vec<&Text> = vec![&plan.summary];
    for limit in &plan.limits {
        match limit {
            Limit::Text(t) => texts.push(t),
            Limit::Service(line) => {
                if super::facts::fact(plan.service.as_ref(), line.service, &Words).is_none() {
                    let key = line.service.key();
                    let message =
                        format!("plan `{}` shows `service: {key}` on its card but promises no `{key}`", plan.id);
                    let line = at.line_with(&format!("service: {key}"), at.first());
                    out.push(at.error(Code::E061, line, message, "give the plan that service level, or drop the line"));
                }
            }
        }
    }
    texts.extend(plan.features.values().filter_map(|c| match c {
        Cell::Value(t) => Some(t),
        _ => None,
    }));
    for text in texts {
        for written in languages(text) {
            for (start, end, figure) in figures(written) {
                if let Some(why) = contradiction(figure, plan.service.as_ref()) {
                    let typed = &written[start..end];
                    let message = format!("plan `{}` says `{typed}` by hand, but {why}", plan.id);
                    let hint =
                        "write `{ service: uptime }` (or another service fact) as the card line, or fix `service:`";
                    out.push(at.error(Code::E061, at.line_with(typed, at.first()), message, hint));
                }
            }
        }
    }
    out
}

fn languages(text: &Text) -> Vec<&str> {
    match text {
        Text::Plain(s) => vec![s.as_str()],
        Text::ByLang(map) => map.values().map(String::as_str).collect(),
    }
}

/// Why `figure` contradicts `service`, or `None` when the data says the same.
fn contradiction(figure: Figure, service: Option<&Service>) -> Option<String> {
    let none = Service::default();
    let s = service.unwrap_or(&none);
    let waits = s.response.all();
    match figure {
        Figure::Uptime(v) => match s.uptime {
            Some(u) if (u - v).abs() < 1e-9 => None,
            Some(u) => Some(format!("its `service:` uptime target is {}", percent(u))),
            None => Some("its `service:` has no uptime target".into()),
        },
        Figure::AroundTheClock if !waits.iter().flatten().any(|w| w.unit.around_the_clock()) => {
            Some("its `service:` promises no response around the clock".into())
        }
        Figure::Response(n, unit) => {
            let same = waits.iter().flatten().any(|w| w.amount == n && w.unit.plural() == unit);
            (!same).then(|| format!("no response time in its `service:` is {n} {unit}"))
        }
        _ => None,
    }
}

/// English words for the check; only whether a fact has a value matters.
struct Words;

impl super::facts::Labels for Words {
    fn label(&self, key: &str) -> String {
        key.to_owned()
    }
}
