//! The browser test harness: a static file server on a loopback port and headless
//! Chromium driven over the DevTools protocol.
//!
//! Why `headless_chrome` (CDP) rather than WebDriver (`fantoccini` + chromedriver): one
//! process fewer to install and start, no driver/browser version pairing, and the
//! protocol gives what these tests need directly — console and exception events,
//! script execution switched off per tab, device metrics for phone widths, and
//! screenshots. With default features the crate never downloads a browser: it launches
//! the system's `chromium` (Debian's package, installed by `scripts/test`).
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::protocol::cdp::{Emulation, Page};
use headless_chrome::{Browser, LaunchOptions, Tab};

/// The Chromium binary: `$CHROMIUM`, else the first of the usual paths that exists.
/// `None` (after printing why) when there is none; under `CI=true` that is a failure.
pub fn chromium() -> Option<PathBuf> {
    let found = std::env::var_os("CHROMIUM").map(PathBuf::from).filter(|p| p.is_file()).or_else(|| {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
            .iter()
            .map(PathBuf::from)
            .find(|p| p.is_file())
    });
    if found.is_none() {
        skip_or_fail("Chromium is not installed (run ./scripts/test, or set CHROMIUM)");
    }
    found
}

/// Under CI a missing tool fails the test; elsewhere the test prints why and skips.
pub fn skip_or_fail(why: &str) {
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{why}; it is required under CI");
    eprintln!("skipped: {why}");
}

/// Headless Chromium with no network of its own, no sandbox (tests run as root in CI),
/// and no GPU, in a 1280 × 900 window.
pub fn launch(binary: &Path) -> Browser {
    launch_sized(binary, (1280, 900))
}

/// [`launch`] with another window size.
pub fn launch_sized(binary: &Path, size: (u32, u32)) -> Browser {
    let args: Vec<&std::ffi::OsStr> = [
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--hide-scrollbars",
    ]
    .iter()
    .map(std::ffi::OsStr::new)
    .collect();
    let options = LaunchOptions::default_builder()
        .path(Some(binary.to_path_buf()))
        .headless(true)
        .sandbox(false)
        .window_size(Some(size))
        .idle_browser_timeout(Duration::from_secs(120))
        .args(args)
        .build()
        .expect("launch options");
    Browser::new(options).expect("launch Chromium")
}

/// Sets the viewport to `width` × `height` CSS pixels (a phone when narrow).
pub fn viewport(tab: &Tab, width: u32, height: u32) {
    tab.call_method(Emulation::SetDeviceMetricsOverride {
        width,
        height,
        device_scale_factor: 1.0,
        mobile: width < 600,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .expect("set viewport");
}

/// Emulates `prefers-color-scheme: light` or `dark`, with reduced motion: a colour
/// transition still running when axe reads the colours would be a false finding.
pub fn color_scheme(tab: &Tab, scheme: &str) {
    let features = vec![
        Emulation::MediaFeature { name: "prefers-color-scheme".into(), value: scheme.into() },
        Emulation::MediaFeature { name: "prefers-reduced-motion".into(), value: "reduce".into() },
    ];
    tab.call_method(Emulation::SetEmulatedMedia { media: None, features: Some(features) })
        .expect("emulate colour scheme");
}

/// Navigates to `url` and returns once its `load` event has fired.
///
/// Why not `wait_until_navigated`: headless_chrome waits for the `networkAlmostIdle`
/// lifecycle event, which Chromium sends only after 500 ms without traffic, then polls
/// every 100 ms — over half a second per page for a site served from loopback.
pub fn goto(tab: &Tab, url: &str) {
    tab.navigate_to(url).unwrap_or_else(|e| panic!("navigate to {url}: {e}"));
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let probe = "JSON.stringify([location.href, document.readyState])";
    loop {
        // The old document may answer first, or the probe may land between documents.
        let state = tab.evaluate(probe, false).ok().and_then(|r| r.value).and_then(|v| v.as_str().map(str::to_owned));
        let state: Option<(String, String)> = state.and_then(|s| serde_json::from_str(&s).ok());
        if state.is_some_and(|(href, ready)| href == url && ready == "complete") {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "{url} did not load in 30 s");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Clicks the middle of the element `selector` matches, scrolled into view: one script
/// call to locate it and a mouse press and release, with no DOM-node round trips.
pub fn click(tab: &Tab, selector: &str) {
    use headless_chrome::protocol::cdp::Input::{DispatchMouseEvent, DispatchMouseEventTypeOption, MouseButton};
    let locate = format!(
        "(e => {{ e.scrollIntoView({{ block: 'center' }}); const r = e.getBoundingClientRect(); \
         return [r.left + r.width / 2, r.top + r.height / 2]; }})(document.querySelector({selector:?}))"
    );
    let point = eval_json(tab, &locate);
    let (x, y) = (point[0].as_f64().expect("x"), point[1].as_f64().expect("y"));
    for kind in [DispatchMouseEventTypeOption::MousePressed, DispatchMouseEventTypeOption::MouseReleased] {
        tab.call_method(DispatchMouseEvent {
            Type: kind,
            x,
            y,
            modifiers: None,
            timestamp: None,
            button: Some(MouseButton::Left),
            buttons: None,
            click_count: Some(1),
            force: None,
            tangential_pressure: None,
            tilt_x: None,
            tilt_y: None,
            twist: None,
            delta_x: None,
            delta_y: None,
            pointer_Type: None,
        })
        .unwrap_or_else(|e| panic!("click {selector}: {e}"));
    }
}

/// Switches page scripts off (or on) for the tab's next navigations.
pub fn scripts_enabled(tab: &Tab, enabled: bool) {
    tab.call_method(Emulation::SetScriptExecutionDisabled { value: !enabled }).expect("toggle scripts");
}

/// Evaluates `expression` (which must produce a JSON string) and parses the result.
pub fn eval_json(tab: &Tab, expression: &str) -> serde_json::Value {
    let result = tab.evaluate(&format!("JSON.stringify({expression})"), true).expect("evaluate");
    let text = result.value.and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_else(|| "null".into());
    serde_json::from_str(&text).expect("JSON from the page")
}

/// Console errors, uncaught exceptions and failed loads on `tab`, collected from now on.
pub fn console_errors(tab: &Tab) -> Arc<Mutex<Vec<String>>> {
    let errors = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&errors);
    tab.enable_log().expect("enable log");
    tab.enable_runtime().expect("enable runtime");
    tab.add_event_listener(Arc::new(move |event: &Event| {
        use headless_chrome::protocol::cdp::Log::LogEntryLevel;
        use headless_chrome::protocol::cdp::Runtime::ConsoleAPICalledEventTypeOption;
        let message = match event {
            Event::LogEntryAdded(e) if e.params.entry.level == LogEntryLevel::Error => {
                Some(format!("{} ({:?})", e.params.entry.text, e.params.entry.url))
            }
            Event::RuntimeExceptionThrown(e) => Some(format!("exception: {}", e.params.exception_details.text)),
            Event::RuntimeConsoleAPICalled(e) if e.params.Type == ConsoleAPICalledEventTypeOption::Error => {
                Some(format!("console.error: {:?}", e.params.args.first().and_then(|a| a.value.clone())))
            }
            _ => None,
        };
        if let Some(message) = message {
            sink.lock().unwrap_or_else(|p| p.into_inner()).push(message);
        }
    }))
    .expect("listen");
    errors
}

/// axe-core's script, installed by `scripts/test`; `None` (after printing why, or
/// failing under CI) when it is missing.
pub fn axe_source() -> Option<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".tools/node_modules/axe-core/axe.min.js");
    let source = std::fs::read_to_string(path).ok();
    if source.is_none() {
        skip_or_fail("axe-core is not installed (run ./scripts/test)");
    }
    source
}

/// The serious and critical axe-core violations on the loaded page (empty when none).
pub fn serious_axe_violations(tab: &Tab, axe: &str) -> serde_json::Value {
    inject_axe(tab, axe);
    run_axe(tab, None)
}

/// Loads axe-core into the current document (once per page: emulation changes keep it).
pub fn inject_axe(tab: &Tab, axe: &str) {
    tab.evaluate(axe, false).expect("inject axe-core");
}

/// Runs the already injected axe-core, with the WCAG 2.2 `target-size` rule (24 × 24 px
/// tap targets) switched on, and returns the serious and critical violations. `only`
/// (a JavaScript array of rule ids) limits the run to those rules.
pub fn run_axe(tab: &Tab, only: Option<&str>) -> serde_json::Value {
    let rules = only.map_or_else(
        || "rules: { 'target-size': { enabled: true } }".to_owned(),
        |rules| format!("runOnly: {{ type: 'rule', values: {rules} }}"),
    );
    let run = format!(
        "axe.run(document, {{ {rules}, resultTypes: ['violations'] }}) \
         .then(r => JSON.stringify(r.violations \
         .filter(v => v.impact === 'serious' || v.impact === 'critical') \
         .map(v => ({{ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')) }}))))"
    );
    let result = tab.evaluate(&run, true).expect("run axe");
    let text = result.value.and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
    serde_json::from_str(&text).expect("axe results")
}

/// The elements that stick out of the viewport sideways, for a failure message.
pub const TOO_WIDE: &str = "[...document.querySelectorAll('body *')].filter(e => { const r = e.getBoundingClientRect(); \
    return r.width > 0 && (r.left < -0.5 || r.right > document.documentElement.clientWidth + 0.5); }) \
    .slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().left) + '..' + Math.round(e.getBoundingClientRect().right))";

/// `Some(culprits)` when the page scrolls sideways at the current viewport.
pub fn sideways_overflow(tab: &Tab) -> Option<serde_json::Value> {
    let widths = eval_json(tab, "[document.documentElement.scrollWidth, document.documentElement.clientWidth]");
    let (scroll, client) = (widths[0].as_f64().unwrap_or(f64::MAX), widths[1].as_f64().unwrap_or(0.0));
    (scroll > client + 0.5)
        .then(|| serde_json::json!({ "scroll": scroll, "client": client, "culprits": eval_json(tab, TOO_WIDE) }))
}

/// A PNG of the whole page at the current viewport width.
pub fn full_page_png(tab: &Tab, width: u32) -> Vec<u8> {
    let height = eval_json(tab, "document.documentElement.scrollHeight").as_u64().unwrap_or(900);
    viewport(tab, width, height.clamp(400, 12_000) as u32);
    // Chromium's fast PNG encoder: a whole page at its default compression takes
    // longer than the page's axe-core run.
    let capture = || {
        tab.call_method(Page::CaptureScreenshot {
            format: Some(Page::CaptureScreenshotFormatOption::Png),
            clip: None,
            quality: None,
            from_surface: Some(true),
            capture_beyond_viewport: None,
            optimize_for_speed: Some(true),
        })
    };
    // A tall page on a busy 2-core machine can miss the protocol's reply once; a
    // second miss is a real failure.
    let shot = capture().or_else(|_| capture()).expect("screenshot");
    viewport(tab, width, 900);
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(shot.data).expect("base64 PNG")
}

/// Serves the files under a folder on `127.0.0.1:<free port>` for the life of the test
/// process: `GET /a/b/` → `a/b/index.html`. No Host routing: one server per site.
pub struct StaticServer {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
}

impl StaticServer {
    /// Starts the server thread.
    pub fn start(root: PathBuf) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let root = root.clone();
                std::thread::spawn(move || respond(stream, &root));
            }
        });
        StaticServer { base }
    }
}

fn respond(mut stream: TcpStream, root: &Path) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(&stream);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    // Read the headers too: closing a socket with unread request bytes resets the
    // connection, and the browser then retries the request.
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let raw = line.split_whitespace().nth(1).unwrap_or("/");
    let path = raw.split(['?', '#']).next().unwrap_or("/");
    let mut file = root.to_path_buf();
    for part in path.split('/').filter(|p| !p.is_empty() && *p != "." && *p != "..") {
        file.push(part);
    }
    if path.ends_with('/') {
        file.push("index.html");
    }
    let (status, body) = match std::fs::read(&file) {
        Ok(bytes) => ("200 OK", bytes),
        Err(_) => ("404 Not Found", b"not found".to_vec()),
    };
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("xml") => "application/xml",
        _ => "application/octet-stream",
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(&body));
}
