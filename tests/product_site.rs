//! The real site reads like a product site: each home page leads with what its visitors
//! came for (cards built from the catalogue, not retyped), internal labels stay out of
//! the header, every page with a Hebrew twin links to it and back, the Hebrew navigation
//! lists every Hebrew page, and every price is one left-to-right isolated unit.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{attrs, texts, Fixture};
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

const AI: &str = "connectsoft.ai";
const IL: &str = "connectsoft.co.il";

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

/// Every `index.html` under `public/<host>/`, as root-relative URLs (`/pricing/`).
fn page_urls(out: &Path, host: &str) -> BTreeSet<String> {
    let root = out.join(host);
    walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "index.html")
        .map(|e| {
            let rel = e.path().parent().unwrap_or(&root).strip_prefix(&root).unwrap_or(Path::new(""));
            let rel = rel.to_string_lossy().replace('\\', "/");
            if rel.is_empty() {
                "/".to_owned()
            } else {
                format!("/{rel}/")
            }
        })
        .collect()
}

fn page(f: &Fixture, host: &str, url: &str) -> Html {
    f.html(&format!("{host}{url}index.html"))
}

/// `(hreflang, href)` pairs.
type LangLinks = Vec<(String, String)>;

/// The language switch's links and the `hreflang` alternates of a page.
fn switch_and_alternates(doc: &Html) -> (LangLinks, LangLinks) {
    let pairs = |s: &str| {
        doc.select(&sel(s))
            .map(|a| (a.attr("hreflang").unwrap_or("").to_owned(), a.attr("href").unwrap_or("").to_owned()))
            .collect::<Vec<_>>()
    };
    (pairs(".lang-switch a"), pairs("link[rel=alternate][hreflang]"))
}

#[test]
fn every_page_with_a_hebrew_twin_links_to_it_and_back() {
    let f = Fixture::real();
    f.build_ok();
    let (ai, il) = (page_urls(&f.out(), AI), page_urls(&f.out(), IL));
    let twins: Vec<&String> = ai.intersection(&il).collect();
    // Markdown pages and pages made from data (pricing, products) alike.
    for wanted in ["/", "/about/", "/squads/", "/pricing/", "/pricing/factory/", "/products/", "/products/squads/"] {
        assert!(twins.iter().any(|t| *t == wanted), "{wanted} should exist on both domains: {twins:?}");
    }
    let mut missing = Vec::new();
    for url in twins {
        let (en_switch, en_alt) = switch_and_alternates(&page(&f, AI, url));
        let (he_switch, he_alt) = switch_and_alternates(&page(&f, IL, url));
        let to_he = ("he".to_owned(), format!("https://{IL}{url}"));
        let to_en = ("en".to_owned(), format!("https://{AI}{url}"));
        if en_switch != [to_he.clone()] || !en_alt.contains(&to_he) || !en_alt.contains(&to_en) {
            missing.push(format!("{AI}{url}: switch {en_switch:?}, alternates {en_alt:?}"));
        }
        if he_switch != [to_en.clone()] || !he_alt.contains(&to_en) || !he_alt.contains(&to_he) {
            missing.push(format!("{IL}{url}: switch {he_switch:?}, alternates {he_alt:?}"));
        }
    }
    assert!(missing.is_empty(), "pages without their twin's link:\n{}", missing.join("\n"));
}

#[test]
fn a_page_without_a_twin_has_no_language_switch() {
    let f = Fixture::real();
    f.build_ok();
    for (host, url) in [(AI, "/vision/"), ("connectsoft.io", "/pricing/identity/"), ("connectsoft.dev", "/decisions/")]
    {
        let doc = page(&f, host, url);
        assert!(doc.select(&sel(".lang-switch")).next().is_none(), "{host}{url} has no twin but shows a switch");
    }
}

#[test]
fn the_hebrew_navigation_lists_every_hebrew_page() {
    let f = Fixture::real();
    f.build_ok();
    let home = page(&f, IL, "/");
    let nav: BTreeSet<String> = attrs(&home, ".site-nav a", "href").into_iter().collect();
    // The search page is reached from the header's search box, not the navigation.
    for url in page_urls(&f.out(), IL).iter().filter(|u| *u != "/" && *u != "/search/") {
        // A page deeper down is listed by its section (`/pricing/factory/` under `/pricing/`).
        let top = format!("/{}/", url.trim_matches('/').split('/').next().unwrap_or(""));
        assert!(nav.contains(&top), "{url}: `{top}` is not in the Hebrew navigation {nav:?}");
        let doc = page(&f, IL, url);
        let this_nav: BTreeSet<String> = attrs(&doc, ".site-nav a", "href").into_iter().collect();
        assert_eq!(this_nav, nav, "{url}: every Hebrew page has the same navigation");
    }
}

/// The catalogue as `pricing.json` publishes it: product id → (pillar, lowest paid
/// monthly price).
fn lowest_prices(f: &Fixture, host: &str) -> Vec<(String, String, Option<i64>)> {
    let json: Value = serde_json::from_str(&f.read(&format!("{host}/pricing.json"))).expect("pricing.json");
    let products = json["products"].as_array().expect("products").iter();
    products
        .map(|p| {
            let lowest = p["plans"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|pl| pl["monthly"].as_i64())
                .filter(|v| *v > 0)
                .min();
            (p["id"].as_str().unwrap_or("").to_owned(), p["pillar"].as_str().unwrap_or("").to_owned(), lowest)
        })
        .collect()
}

fn digits(text: &str) -> Option<i64> {
    text.chars().filter(char::is_ascii_digit).collect::<String>().parse().ok()
}

/// The cards a home page leads with: (link, name, price text), in order.
fn home_cards(doc: &Html) -> Vec<(String, String, String)> {
    doc.select(&sel(".home-products .card"))
        .map(|card| {
            let link = card.select(&sel(".card-title a")).next().expect("card link");
            let price = card.select(&sel("bdi.price-amount")).next().map(|b| b.text().collect()).unwrap_or_default();
            (link.attr("href").unwrap_or("").to_owned(), link.text().collect(), price)
        })
        .collect()
}

/// The first element of `main` after the hero.
fn first_after_hero(doc: &Html) -> ElementRef<'_> {
    let body = doc.select(&sel("main .home-body")).next().expect("home body");
    body.children().filter_map(ElementRef::wrap).next().expect("something after the hero")
}

#[test]
fn the_ai_and_hebrew_homes_lead_with_the_four_pillars_priced_from_the_catalogue() {
    let f = Fixture::real();
    f.build_ok();
    for (host, sign) in [(AI, "$"), (IL, "₪")] {
        let doc = page(&f, host, "/");
        let lead = first_after_hero(&doc);
        assert_eq!(lead.value().attr("class"), Some("home-products"), "{host}: the home opens with its products");
        let cards = home_cards(&doc);
        let links: Vec<&str> = cards.iter().map(|(l, _, _)| l.as_str()).collect();
        assert_eq!(
            links,
            ["/products/factory/", "/products/platforms/", "/products/squads/", "/products/marketplace/"]
        );
        let prices = lowest_prices(&f, host);
        for (link, name, price) in &cards {
            let id = link.trim_matches('/').rsplit('/').next().unwrap_or("");
            // A pillar without a price list of its own starts at its cheapest member.
            let expected =
                prices.iter().filter(|(p, pillar, _)| p == id || pillar == id).filter_map(|(_, _, v)| *v).min();
            assert_eq!(digits(price), expected, "{host}: {name} starts at the catalogue's lowest price");
            if expected.is_some() {
                assert!(price.contains(sign), "{host}: {name}: {price} is in the domain's currency");
            }
        }
        let marketplace = doc.select(&sel(".home-card-marketplace")).next().expect("marketplace card");
        assert!(marketplace.select(&sel(".card-meta")).next().is_some(), "{host}: the marketplace says when it opens");
    }
    let names: Vec<String> = home_cards(&page(&f, AI, "/")).into_iter().map(|(_, n, _)| n).collect();
    assert_eq!(names, ["Factory", "Platforms", "AI Squads", "Marketplace"]);
}

#[test]
fn the_io_home_leads_with_its_platforms_and_the_dev_home_with_its_sections() {
    let f = Fixture::real();
    f.build_ok();
    let io = page(&f, "connectsoft.io", "/");
    assert_eq!(first_after_hero(&io).value().attr("class"), Some("home-products"));
    let links: Vec<String> = home_cards(&io).into_iter().map(|(l, _, _)| l).collect();
    assert_eq!(links, ["/products/identity/", "/products/audit/", "/products/billing/"]);
    assert!(home_cards(&io).iter().all(|(_, _, price)| price.starts_with('$')), "{:?}", home_cards(&io));
    let dev = page(&f, "connectsoft.dev", "/");
    assert_eq!(first_after_hero(&dev).value().attr("class"), Some("children home-sections"));
    let nav = attrs(&dev, ".site-nav a", "href");
    assert_eq!(attrs(&dev, ".home-sections .card-title a", "href"), nav, "one card per place the navigation leads");
    assert!(texts(&dev, ".home-sections .card-description").iter().all(|d| !d.is_empty()));
}

#[test]
fn internal_labels_stay_out_of_headers_and_footers() {
    let f = Fixture::real();
    f.build_ok();
    for host in [AI, "connectsoft.io", "connectsoft.dev", IL] {
        let doc = page(&f, host, "/");
        let shown: Vec<String> =
            [".hero", ".site-header", ".site-footer"].iter().flat_map(|s| texts(&doc, s)).collect();
        for label in ["Control plane", "Data plane", "control plane", "data plane", "השוק הישראלי", "מישור"]
        {
            assert!(shown.iter().all(|t| !t.contains(label)), "{host}: `{label}` is an internal label: {shown:?}");
        }
    }
}

/// True when `el` or an ancestor is a left-to-right isolate (`<bdi dir=ltr>`).
fn in_ltr_isolate(el: ElementRef<'_>) -> Option<ElementRef<'_>> {
    std::iter::once(el)
        .chain(el.ancestors().filter_map(ElementRef::wrap))
        .find(|e| e.value().name() == "bdi" && e.value().attr("dir") == Some("ltr"))
}

#[test]
fn every_hebrew_price_is_one_isolated_unit() {
    let f = Fixture::real();
    f.build_ok();
    let mut loose = Vec::new();
    let mut seen = 0;
    for url in page_urls(&f.out(), IL) {
        let doc = page(&f, IL, &url);
        let body = doc.select(&sel("body")).next().expect("body");
        for node in body.descendants() {
            let Some(text) = node.value().as_text() else { continue };
            if !text.contains('₪') {
                continue;
            }
            let parent = node.parent().and_then(ElementRef::wrap).expect("text in an element");
            if parent.value().name() == "script" {
                continue;
            }
            seen += 1;
            match in_ltr_isolate(parent) {
                Some(bdi) => {
                    let whole: String = bdi.text().collect();
                    let ok = whole.ends_with("\u{a0}₪")
                        && whole
                            .trim_end_matches("\u{a0}₪")
                            .chars()
                            .all(|c| c.is_ascii_digit() || c == ',' || c == '.');
                    if !ok {
                        loose.push(format!("{url}: isolate `{whole}` is not one amount and its sign"));
                    }
                }
                None => loose.push(format!("{url}: `{}` is not isolated", text.trim())),
            }
        }
    }
    assert!(seen > 40, "the Hebrew site shows its prices: {seen}");
    assert!(loose.is_empty(), "prices not isolated:\n{}", loose.join("\n"));
}
