//! The consistency rule for service figures: an uptime target or a response promise typed
//! in prose (`99.9%`, `24/7 response`, `1-hour response`) drifts from the plans'
//! `service:` data, so `site check` and every build warn (W017) and name the `service`
//! call that shows the same value when one does. Decision records are exempt, as for
//! prices: what was decided then stays as written.

use crate::assemble::links::position;
use crate::assemble::Site;
use crate::diagnostics::{Code, Diagnostic};
use crate::markdown::promises::{read, Figure};

use super::super::load::Catalog;
use super::super::model::Pillar;
use super::super::service::{percent, Wait};
use super::tiers;

/// A warning for each service figure typed in the prose of a published page that is not
/// a decision record.
pub fn typed_promises(catalog: &Catalog, site: &Site) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (i, page) in site.pages.enumerate() {
        if site.placements[i].is_empty() || page.decision_id().is_some() {
            continue;
        }
        for typed in &site.rendered[i].typed_promises {
            let (line, column) = position(page, typed.offset);
            let shown = typed.target.replace('\u{a0}', " ");
            let figure = read(&typed.target);
            let message = format!("service figure typed by hand: `{shown}`");
            found.push(
                Diagnostic::warning(&page.source, line, column, message)
                    .with_code(Code::W017)
                    .with_source(&page.text)
                    .with_hint(hint(figure, catalog)),
            );
        }
    }
    found
}

/// The component to write instead of a typed figure.
fn hint(figure: Option<Figure>, catalog: &Catalog) -> String {
    match figure.and_then(|f| call_for(f, catalog)) {
        Some(call) => format!("write `{call}`: the page then follows the plan's `service:` data"),
        None => "write `{{ service(plan=\"product.plan\", fact=\"uptime\") }}` (or `fact=\"severity_1\"`, \
                 `\"support\"`, …) so the page follows the plans' `service:` data"
            .into(),
    }
}

/// The `service` call that shows `figure`, the first plan in catalogue order that says it.
fn call_for(figure: Figure, catalog: &Catalog) -> Option<String> {
    let call = |id: String, fact: &str| format!("{{{{ service(plan=\"{id}\", fact=\"{fact}\") }}}}");
    let plans = catalog.prices.iter().flat_map(|l| l.value.plans.iter().map(move |p| (&l.value.product, p)));
    for (product, p) in plans {
        let Some(s) = p.service.as_ref() else { continue };
        let id = format!("{product}.{}", p.id);
        let sev1 = s.response.severity_1;
        match figure {
            Figure::Uptime(v) if s.uptime.is_some_and(|u| (u - v).abs() < 1e-9) => return Some(call(id, "uptime")),
            Figure::AroundTheClock if sev1.is_some_and(|w| w.unit.around_the_clock()) => {
                return Some(call(id, "severity_1"))
            }
            Figure::Response(n, unit) => {
                let same = |w: Option<Wait>| w.is_some_and(|w| w.amount == n && w.unit.plural() == unit);
                let r = &s.response;
                for (w, fact) in
                    [(r.severity_1, "severity_1"), (r.severity_2, "severity_2"), (r.severity_3, "severity_3")]
                {
                    if same(w) {
                        return Some(call(id, fact));
                    }
                }
            }
            Figure::BusinessHours if sev1.is_some_and(|w| !w.unit.around_the_clock()) => {
                return Some(call(id, "support"))
            }
            _ => {}
        }
    }
    pillar_max(figure, catalog)
}

/// `{{ service(pillar="…", fact="uptime") }}` when the figure is a pillar's highest uptime.
fn pillar_max(figure: Figure, catalog: &Catalog) -> Option<String> {
    let Figure::Uptime(v) = figure else { return None };
    [Pillar::Factory, Pillar::Platforms, Pillar::Squads, Pillar::Marketplace].into_iter().find_map(|pillar| {
        let top = tiers::max_uptime(&tiers::plans(catalog, pillar.as_str(), None))?;
        (percent(top) == percent(v))
            .then(|| format!("{{{{ service(pillar=\"{}\", fact=\"uptime\") }}}}", pillar.as_str()))
    })
}
