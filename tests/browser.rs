//! The real site's pricing pages in headless Chromium: the monthly/annual switch changes
//! every displayed price and back, with JavaScript and without it, and by keyboard; no
//! console errors; no horizontal page scroll at 375 px; on a phone the comparison
//! table keeps its feature column in view, reaches every plan and shows that it
//! scrolls; screenshots at 375 and 1280 px under `target/screenshots/`. (axe-core runs
//! over these pages, and every other, in `tests/browser_site.rs`.)
//!
//! Without Chromium the tests print why and skip; under `CI=true` they fail.
//! `./scripts/test` installs it.

mod common;
#[path = "common/browser.rs"]
mod harness;

use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use harness::{eval_json, StaticServer};
use scraper::{Html, Selector};
use serde_json::Value;

/// The real site, built once into `target/browser-site/`, with a server per host.
struct Built {
    /// (host, server) for each host that publishes pricing.
    servers: Vec<(String, StaticServer)>,
    out: PathBuf,
}

/// One Chromium at a time: the tests share a 2-core machine with the other test binaries.
static ONE_BROWSER: Mutex<()> = Mutex::new(());

fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let out = common::repo().join("target/browser-site");
        let mut options = site::BuildOptions::new(common::repo());
        options.out = out.clone();
        site::build(&options).expect("the real site builds");
        let servers = ["connectsoft.ai", "connectsoft.io", "connectsoft.co.il"]
            .iter()
            .map(|host| (host.to_string(), StaticServer::start(out.join(host))))
            .collect();
        Built { servers, out }
    })
}

/// Every pricing page: (host, server base URL, root-relative URL).
fn pricing_pages(built: &Built) -> Vec<(String, String, String)> {
    let mut pages = Vec::new();
    for (host, server) in &built.servers {
        let dir = built.out.join(host);
        for entry in walkdir::WalkDir::new(dir.join("pricing")).sort_by_file_name().into_iter().flatten() {
            if entry.file_name() == "index.html" {
                let rel = entry.path().parent().and_then(|p| p.strip_prefix(&dir).ok()).expect("relative");
                let url = format!("/{}/", rel.to_string_lossy().replace('\\', "/"));
                pages.push((host.clone(), server.base.clone(), url));
            }
        }
    }
    assert!(pages.len() >= 12, "expected the pricing pages of three hosts, found {pages:?}");
    pages
}

/// The amounts a plan card holds for each position of the switch, from the HTML.
fn amounts(built: &Built, host: &str, url: &str) -> Vec<(String, String)> {
    let html = std::fs::read_to_string(built.out.join(host).join(&url[1..]).join("index.html")).expect("page");
    let doc = Html::parse_document(&html);
    let plan = Selector::parse(".pricing-plans .plan").unwrap();
    let monthly = Selector::parse(r#".price[data-period="monthly"] .price-amount"#).unwrap();
    let annual = Selector::parse(r#".price[data-period="annual"] .price-amount"#).unwrap();
    let text = |e: Option<scraper::ElementRef>| e.map(|e| e.text().collect::<String>()).unwrap_or_default();
    doc.select(&plan).map(|p| (text(p.select(&monthly).next()), text(p.select(&annual).next()))).collect()
}

/// The amount each plan card shows right now in the browser.
const SHOWN: &str = "Array.from(document.querySelectorAll('.pricing-plans .plan')).map(p => \
    Array.from(p.querySelectorAll('.price-amount')).filter(e => e.checkVisibility()).map(e => e.textContent).join(' + '))";

fn shown(tab: &headless_chrome::Tab) -> Vec<String> {
    serde_json::from_value(eval_json(tab, SHOWN)).expect("a list of amounts")
}

/// A real mouse click in the middle of the element (headless_chrome's own `click`
/// scrolls with an awaited script, which never settles when page scripts are off).
fn click(tab: &headless_chrome::Tab, selector: &str) {
    harness::click(tab, selector);
}

/// `position` of the comparison table's first plan heading, or null without a table.
const STICKY: &str =
    "(e => e && getComputedStyle(e).position)(document.querySelector('.pricing-compare thead th:nth-child(2)'))";

/// On a phone, the comparison table scrolled to its end: does the feature column stay
/// at the scroller's start edge, is the last plan in view, and does the scroller show
/// a hint (a shadow drawn as a gradient background) that it scrolls?
const COMPARE_ON_A_PHONE: &str = "(() => { const s = document.querySelector('.compare-scroll'); if (!s) return null; \
    const rtl = getComputedStyle(s).direction === 'rtl'; \
    const hint = getComputedStyle(s).backgroundImage.includes('gradient'); \
    const scrolls = s.scrollWidth > s.clientWidth + 1; \
    s.scrollLeft = rtl ? -s.scrollWidth : s.scrollWidth; \
    const box = s.getBoundingClientRect(); \
    const heads = s.querySelectorAll('thead th'); \
    const first = heads[0].getBoundingClientRect(), last = heads[heads.length - 1].getBoundingClientRect(); \
    const start = rtl ? Math.abs(first.right - box.right) < 2 : Math.abs(first.left - box.left) < 2; \
    const lastIn = last.left >= box.left - 1 && last.right <= box.right + 1; \
    s.scrollLeft = 0; \
    return { hint, scrolls, start, lastIn }; })()";

/// Clicks annual, then monthly, checking every card's displayed amount each time.
fn check_switch(tab: &headless_chrome::Tab, expected: &[(String, String)], page: &str) {
    let monthly: Vec<String> = expected.iter().map(|(m, _)| m.clone()).collect();
    let annual: Vec<String> = expected.iter().map(|(_, a)| a.clone()).collect();
    assert!(monthly != annual, "{page}: no plan has two prices");
    assert_eq!(shown(tab), monthly, "{page}: monthly prices first");
    click(tab, "label[for=billing-annual]");
    assert_eq!(shown(tab), annual, "{page}: every price changes to annual");
    click(tab, "label[for=billing-monthly]");
    assert_eq!(shown(tab), monthly, "{page}: and back to monthly");
}

#[test]
fn the_switch_changes_every_price_with_and_without_javascript() {
    let Some(binary) = harness::chromium() else { return };
    let built = built();
    let _one = ONE_BROWSER.lock().unwrap_or_else(|p| p.into_inner());
    let browser = harness::launch(&binary);
    let switchable: Vec<_> = pricing_pages(built)
        .into_iter()
        .filter(|(host, _, url)| amounts(built, host, url).iter().any(|(m, a)| m != a))
        .collect();
    assert!(switchable.len() >= 10, "{switchable:?}");
    for scripts in [true, false] {
        let tab = browser.new_tab().expect("tab");
        harness::scripts_enabled(&tab, scripts);
        let errors = harness::console_errors(&tab);
        for (host, base, url) in &switchable {
            harness::goto(&tab, &format!("{base}{url}"));
            let page = format!("{host}{url} (scripts {})", if scripts { "on" } else { "off" });
            check_switch(&tab, &amounts(built, host, url), &page);
            // pricing.js mirrors the choice on the section; with scripts off nothing does.
            let mirrored = eval_json(&tab, "document.querySelector('[data-billing-switch]').dataset.billing");
            click(&tab, "label[for=billing-annual]");
            let after = eval_json(&tab, "document.querySelector('[data-billing-switch]').dataset.billing");
            assert_eq!((mirrored, after.as_str() == Some("annual")), (Value::from("monthly"), scripts), "{page}");
            click(&tab, "label[for=billing-monthly]");
        }
        let errors = errors.lock().unwrap_or_else(|p| p.into_inner()).clone();
        assert!(errors.is_empty(), "console errors with scripts {scripts}: {errors:#?}");
    }
}

#[test]
fn the_switch_works_from_the_keyboard() {
    let Some(binary) = harness::chromium() else { return };
    let built = built();
    let _one = ONE_BROWSER.lock().unwrap_or_else(|p| p.into_inner());
    let browser = harness::launch(&binary);
    let tab = browser.new_tab().expect("tab");
    let (_, base) = built.servers.iter().find(|(h, _)| h == "connectsoft.ai").map(|(h, s)| (h, &s.base)).unwrap();
    harness::goto(&tab, &format!("{base}/pricing/squads/"));
    let expected = amounts(built, "connectsoft.ai", "/pricing/squads/");
    tab.find_element("#billing-monthly").and_then(|e| e.focus().map(|_| ())).expect("focus the switch");
    tab.press_key("ArrowRight").expect("key");
    assert_eq!(eval_json(&tab, "document.activeElement.id"), "billing-annual");
    assert_eq!(shown(&tab), expected.iter().map(|(_, a)| a.clone()).collect::<Vec<_>>());
    let status = eval_json(&tab, "document.querySelector('[data-billing-status]').textContent");
    assert_eq!(status, "Showing annual prices", "the change is announced");
    tab.press_key("ArrowLeft").expect("key");
    assert_eq!(shown(&tab), expected.iter().map(|(m, _)| m.clone()).collect::<Vec<_>>());
}

#[test]
fn pricing_pages_fit_a_phone_and_are_captured_at_two_widths() {
    let Some(binary) = harness::chromium() else { return };
    let built = built();
    let _one = ONE_BROWSER.lock().unwrap_or_else(|p| p.into_inner());
    let browser = harness::launch(&binary);
    let tab = browser.new_tab().expect("tab");
    let errors = harness::console_errors(&tab);
    let shots = common::repo().join("target/screenshots");
    std::fs::create_dir_all(&shots).expect("screenshot folder");
    for (host, base, url) in pricing_pages(built) {
        for width in [375, 1280] {
            harness::viewport(&tab, width, 900);
            harness::goto(&tab, &format!("{base}{url}"));
            if let Some(overflow) = harness::sideways_overflow(&tab) {
                panic!("{host}{url} scrolls sideways at {width} px: {overflow}");
            }
            // The comparison header sticks below the site header on wide screens only.
            let sticky = eval_json(&tab, STICKY);
            if !sticky.is_null() {
                assert_eq!(sticky == "sticky", width == 1280, "{host}{url} at {width} px: header is {sticky}");
            }
            let compare = eval_json(&tab, COMPARE_ON_A_PHONE);
            if width == 375 && !compare.is_null() {
                let expected = serde_json::json!({ "hint": true, "scrolls": true, "start": true, "lastIn": true });
                assert_eq!(compare, expected, "{host}{url}: the comparison table on a phone");
            }
            let name = format!("{host}{}-{width}.png", url.trim_end_matches('/').replace('/', "_"));
            std::fs::write(shots.join(name), harness::full_page_png(&tab, width)).expect("write screenshot");
        }
    }
    let errors = errors.lock().unwrap_or_else(|p| p.into_inner()).clone();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
}
