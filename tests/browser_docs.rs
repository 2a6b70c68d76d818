//! Documentation pages in headless Chromium: the copy button appears on code blocks only
//! with JavaScript, copies and announces it; the sidebar is a closed drawer on a phone
//! that opens from the keyboard, and stands open beside the page on a wide screen.
//!
//! Without Chromium the tests print why and skip; under `CI=true` they fail.

mod common;
#[path = "common/browser.rs"]
mod harness;

use common::Fixture;
use harness::{eval_json, StaticServer};
use serde_json::json;

/// Is the first element `selector` matches shown? (`checkVisibility`: a box alone is not
/// enough, since the contents of a closed `<details>` still have one when asked.)
fn visible(tab: &headless_chrome::Tab, selector: &str) -> serde_json::Value {
    eval_json(tab, &format!("(e => !!e && e.checkVisibility())(document.querySelector({selector:?}))"))
}

#[test]
fn the_copy_button_and_the_drawer_work_in_a_browser() {
    let Some(chromium) = harness::chromium() else { return };
    let f = Fixture::new("docsnav");
    f.build_ok();
    let server = StaticServer::start(f.out().join("en.example"));
    let browser = harness::launch_sized(&chromium, (1280, 900));
    let tab = browser.new_tab().expect("tab");
    let url = format!("{}/docs/install/", server.base);

    // Without JavaScript: no button.
    harness::scripts_enabled(&tab, false);
    harness::goto(&tab, &url);
    assert_eq!(eval_json(&tab, "document.querySelectorAll('button.copy-code').length"), json!(0));

    harness::scripts_enabled(&tab, true);
    harness::goto(&tab, &url);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while eval_json(&tab, "document.querySelectorAll('button.copy-code').length") != json!(1) {
        assert!(std::time::Instant::now() < deadline, "no copy button appeared");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(eval_json(&tab, "document.querySelector('button.copy-code').textContent"), json!("Copy code"));
    harness::click(&tab, "button.copy-code");
    let status = "(s => s && [s.getAttribute('aria-live'), s.textContent])(document.querySelector('[role=status]'))";
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let said = eval_json(&tab, status);
        // Headless Chromium may refuse the clipboard: then the failure is announced.
        if said == json!(["polite", "Copied"]) || said == json!(["polite", "Could not copy"]) {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "nothing announced: {said}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }

    // Wide screen: the tree is shown without opening the drawer, its toggle hidden.
    assert_eq!(visible(&tab, ".docs-tree a[aria-current=page]"), json!(true));
    assert_eq!(visible(&tab, ".docs-drawer > summary"), json!(false));

    // Phone: a closed drawer that the keyboard opens.
    harness::viewport(&tab, 375, 800);
    harness::goto(&tab, &url);
    assert_eq!(visible(&tab, ".docs-drawer > summary"), json!(true));
    assert_eq!(visible(&tab, ".docs-tree a[aria-current=page]"), json!(false));
    eval_json(&tab, "(document.querySelector('.docs-drawer > summary').focus(), true)");
    tab.press_key("Enter").expect("press Enter");
    assert_eq!(eval_json(&tab, "document.querySelector('.docs-drawer').open"), json!(true));
    assert_eq!(visible(&tab, ".docs-tree a[aria-current=page]"), json!(true));
    assert_eq!(harness::sideways_overflow(&tab), None, "the page scrolls sideways on a phone");
}
