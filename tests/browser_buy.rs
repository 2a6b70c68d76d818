//! The real site sells in a real browser: every pricing call to action on every domain
//! ends in something a buyer can do (a `mailto:` link whose subject names the product
//! and plan, or a form with an action), and the annual switch changes every card at once
//! to its per-month equivalent, with the cards' prices lined up.
//!
//! Without Chromium the test prints why and skips; under `CI=true` it fails.

mod common;
#[path = "common/browser.rs"]
mod harness;

use harness::{eval_json, StaticServer};
use serde_json::Value;

const HOSTS: [&str; 4] = ["connectsoft.ai", "connectsoft.io", "connectsoft.dev", "connectsoft.co.il"];

/// Every pricing page's link targets from the overview, then each call to action.
const CTAS: &str = r#"(() => Array.from(document.querySelectorAll('.plan-cta')).map(el => {
  const form = el.closest('form');
  return { tag: el.tagName, href: el.getAttribute('href'), action: form ? form.getAttribute('action') : null,
           plan: el.closest('.plan').id, visible: el.getBoundingClientRect().width > 0 };
}))()"#;

const PRODUCT_PAGES: &str = r#"(() => Array.from(new Set(Array.from(document.querySelectorAll('a[href^="/pricing/"]')).map(a => a.getAttribute('href')))).filter(h => h !== '/pricing/'))()"#;

/// For each card: whether the monthly and annual prices show, and the price block's top.
const CARDS: &str = r#"(() => Array.from(document.querySelectorAll('.pricing-plans .plan')).map(card => {
  const shown = p => { const el = card.querySelector('.price[data-period="' + p + '"]'); return !!el && el.getBoundingClientRect().height > 0; };
  const amount = p => { const el = card.querySelector('.price[data-period="' + p + '"] .price-amount'); return el ? el.textContent : null; };
  const box = card.querySelector('.plan-price').getBoundingClientRect();
  return { id: card.id, monthly: shown('monthly'), annual: shown('annual'), top: box.top, left: box.left,
           monthlyAmount: amount('monthly'), annualAmount: amount('annual'),
           billed: !!card.querySelector('.price[data-period="annual"] .price-billed') };
}))()"#;

fn actionable(cta: &Value) -> Result<(), String> {
    if let Some(action) = cta["action"].as_str() {
        return if action.starts_with("https://") { Ok(()) } else { Err(format!("form action `{action}`")) };
    }
    let href = cta["href"].as_str().unwrap_or_default();
    let subject = href.strip_prefix("mailto:").and_then(|m| m.split_once("?subject=")).map(|(_, s)| s);
    match subject {
        Some(s) if s.contains("%E2%80%94") && s.len() > 12 => Ok(()),
        _ => Err(format!("`{href}` is not a mailto: link with the product and plan in its subject")),
    }
}

#[test]
fn every_pricing_call_to_action_ends_in_something_a_buyer_can_do() {
    let Some(binary) = harness::chromium() else { return };
    let f = common::Fixture::real();
    f.build_ok();
    let browser = harness::launch(&binary);
    let tab = browser.new_tab().expect("tab");
    let (mut checked, mut problems) = (0, Vec::new());
    for host in HOSTS {
        let dir = f.out().join(host);
        if !dir.join("pricing/index.html").exists() {
            continue;
        }
        let server = StaticServer::start(dir);
        harness::goto(&tab, &format!("{}/pricing/", server.base));
        let pages = eval_json(&tab, PRODUCT_PAGES);
        for page in pages.as_array().expect("a list").iter().filter_map(Value::as_str) {
            harness::goto(&tab, &format!("{}{page}", server.base));
            for cta in eval_json(&tab, CTAS).as_array().expect("a list") {
                checked += 1;
                if let Err(why) = actionable(cta) {
                    problems.push(format!("{host}{page} {}: {why}", cta["plan"]));
                }
                if cta["visible"] != Value::Bool(true) {
                    problems.push(format!("{host}{page} {}: the button is not visible", cta["plan"]));
                }
            }
        }
    }
    assert!(checked >= 40, "only {checked} calls to action found");
    assert!(problems.is_empty(), "calls to action that lead nowhere:\n{}", problems.join("\n"));
}

#[test]
fn the_annual_switch_changes_every_card_together_and_they_line_up() {
    let Some(binary) = harness::chromium() else { return };
    let f = common::Fixture::real();
    f.build_ok();
    let server = StaticServer::start(f.out().join("connectsoft.ai"));
    let browser = harness::launch(&binary);
    let tab = browser.new_tab().expect("tab");
    harness::viewport(&tab, 1280, 900);
    harness::goto(&tab, &format!("{}/pricing/factory/", server.base));
    let before = eval_json(&tab, CARDS);
    let cards = before.as_array().expect("cards");
    assert_eq!(cards.len(), 4);
    assert!(cards.iter().all(|c| c["monthly"] == Value::Bool(true) && c["annual"] == Value::Bool(false)), "{before}");
    harness::click(&tab, "label[for=billing-annual]");
    let after = eval_json(&tab, CARDS);
    let cards = after.as_array().expect("cards");
    assert!(cards.iter().all(|c| c["annual"] == Value::Bool(true) && c["monthly"] == Value::Bool(false)), "{after}");
    // Team sells annual as the month it costs: $14,900 a year is $1,242 a month.
    let team = &cards[0];
    assert_eq!((team["annualAmount"].as_str(), team["billed"].as_bool()), (Some("$1,242"), Some(true)), "{team}");
    // Cards side by side (one row at this width) show their prices at one height.
    let at = |c: &Value, k: &str| c[k].as_f64().unwrap_or(f64::NAN);
    let one_row = cards.windows(2).all(|w| at(&w[1], "left") > at(&w[0], "left") + 1.0);
    assert!(one_row, "four cards in one row at 1280 px: {after}");
    let top = at(&cards[0], "top");
    assert!(cards.iter().all(|c| (at(c, "top") - top).abs() < 1.0), "prices do not line up: {after}");
}
