//! The real site under its own Content-Security-Policy: every built host is served
//! with the headers its generated `staticwebapp.config.json` declares (global headers,
//! then the first matching route's, redirects and the 404 override as Azure applies
//! them), and headless Chromium opens every page: zero `securitypolicyviolation`
//! events, zero console errors. A control page proves violations would be seen; and
//! `site serve` (with its live-reload script) passes under the same policy.
//!
//! Without Chromium the test prints why and skips; under `CI=true` it fails.

mod common;
#[path = "common/browser.rs"]
mod harness;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use headless_chrome::protocol::cdp::Page::AddScriptToEvaluateOnNewDocument;
use headless_chrome::Tab;
use serde_json::Value;

/// Records every CSP violation of a document in `window.__csp`, before its own scripts run.
const LISTEN: &str = "window.__csp = []; document.addEventListener('securitypolicyviolation', e => \
    window.__csp.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));";

/// Serves `root` on a free loopback port with the headers, redirects and 404 page its
/// Azure Static Web Apps configuration declares; returns the base URL.
fn serve_as_azure(root: PathBuf) -> String {
    let config: Value = serde_json::from_slice(&std::fs::read(root.join("staticwebapp.config.json")).expect("config"))
        .expect("config is JSON");
    assert!(config.get("navigationFallback").is_none());
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (root, config) = (root.clone(), Arc::clone(&config));
            std::thread::spawn(move || respond(stream, &root, &config));
        }
    });
    base
}

fn matches(route: &str, path: &str) -> bool {
    route.strip_suffix('*').map_or(route == path, |prefix| path.starts_with(prefix))
}

fn respond(mut stream: TcpStream, root: &Path, config: &Value) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(&stream);
    let mut line = String::new();
    let mut header = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let raw = line.split_whitespace().nth(1).unwrap_or("/");
    let path = raw.split(['?', '#']).next().unwrap_or("/").to_owned();
    let route =
        config["routes"].as_array().into_iter().flatten().find(|r| matches(r["route"].as_str().unwrap_or(""), &path));
    let mut headers: Vec<(String, String)> = config["globalHeaders"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
        .collect();
    if let Some(redirect) = route.and_then(|r| r["redirect"].as_str()) {
        let head = format!(
            "HTTP/1.1 301 Moved Permanently\r\nLocation: {redirect}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
        let _ = stream.write_all(head.as_bytes());
        return;
    }
    for (name, value) in route.and_then(|r| r["headers"].as_object()).into_iter().flatten() {
        headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        headers.push((name.clone(), value.as_str().unwrap_or_default().to_owned()));
    }
    let mut file = root.to_path_buf();
    for part in path.split('/').filter(|p| !p.is_empty() && *p != "." && *p != "..") {
        file.push(part);
    }
    if path.ends_with('/') {
        file.push("index.html");
    }
    let (status, body, file) = match std::fs::read(&file) {
        Ok(bytes) => ("200 OK", bytes, file),
        Err(_) => {
            let page = config["responseOverrides"]["404"]["rewrite"].as_str().unwrap_or("/404.html");
            let file = root.join(page.trim_start_matches('/'));
            ("404 Not Found", std::fs::read(&file).unwrap_or_default(), file)
        }
    };
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or_default();
    let kind = config["mimeTypes"][format!(".{ext}")].as_str().unwrap_or("application/octet-stream");
    let kind = if kind.starts_with("text/") { format!("{kind}; charset=utf-8") } else { kind.to_owned() };
    let mut head =
        format!("HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(&body));
}

/// Every page URL of a host folder (`/docs/` for `docs/index.html`), plus a missing one.
fn pages(dir: &Path) -> Vec<String> {
    let mut urls = vec!["/no-such-page/".to_owned()];
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().flatten() {
        if entry.path().extension().is_some_and(|e| e == "html") {
            let rel = entry.path().strip_prefix(dir).expect("inside").to_string_lossy().replace('\\', "/");
            urls.push(format!("/{}", rel.strip_suffix("index.html").unwrap_or(&rel)));
        }
    }
    urls
}

/// The violations the page at `url` recorded after loading.
fn violations(tab: &Tab, url: &str) -> Vec<String> {
    harness::goto(tab, url);
    let found = harness::eval_json(tab, "window.__csp || ['the listener did not run']");
    found.as_array().into_iter().flatten().map(|v| format!("{url}: {}", v.as_str().unwrap_or_default())).collect()
}

fn listening_tab(browser: &headless_chrome::Browser) -> Arc<Tab> {
    let tab = browser.new_tab().expect("tab");
    tab.set_default_timeout(Duration::from_secs(60));
    tab.call_method(AddScriptToEvaluateOnNewDocument {
        source: LISTEN.into(),
        world_name: None,
        include_command_line_api: None,
        run_immediately: None,
    })
    .expect("add the listener");
    tab
}

#[test]
fn every_page_of_every_host_satisfies_its_csp() {
    let Some(binary) = harness::chromium() else { return };
    let out = common::repo().join("target/browser-csp");
    let mut options = site::BuildOptions::new(common::repo());
    options.out = out.clone();
    let report = site::build(&options).expect("the real site builds");
    let browser = harness::launch(&binary);
    let tab = listening_tab(&browser);
    let errors = harness::console_errors(&tab);
    let mut found = Vec::new();
    let mut opened = 0;
    for host in &report.hosts {
        let base = serve_as_azure(out.join(host));
        for url in pages(&out.join(host)) {
            found.extend(violations(&tab, &format!("{base}{url}")));
            opened += 1;
        }
        let logged = std::mem::take(&mut *errors.lock().unwrap_or_else(|p| p.into_inner()));
        // The missing page is asked for on purpose: its 404 status is logged, nothing else may be.
        let unexpected = logged.into_iter().filter(|e| !(e.contains("status of 404") && e.contains("/no-such-page/")));
        found.extend(unexpected.map(|e| format!("{host}: console: {e}")));
    }
    eprintln!("{opened} pages on {} hosts opened under their CSP", report.hosts.len());
    assert!(opened > 100, "the whole site: {opened}");
    assert!(found.is_empty(), "{} problems:\n{}", found.len(), found.join("\n"));
    // The control: inline code added to a served page is refused and seen.
    let base = serve_as_azure(out.join(&report.hosts[0]));
    harness::goto(&tab, &format!("{base}/"));
    let seen = harness::eval_json(
        &tab,
        "(() => { document.body.setAttribute('style', 'outline: 1px solid red'); \
         const s = document.createElement('script'); s.textContent = 'window.ran = 1'; document.body.append(s); \
         return [typeof window.ran]; })()",
    );
    assert_eq!(seen, serde_json::json!(["undefined"]), "the inline script must not run");
    std::thread::sleep(Duration::from_millis(200));
    let recorded = harness::eval_json(&tab, "window.__csp");
    assert!(recorded.as_array().is_some_and(|v| v.len() >= 2), "violations are recorded: {recorded}");
}

#[test]
fn site_serve_with_live_reload_satisfies_the_csp() {
    let Some(binary) = harness::chromium() else { return };
    let f = common::Fixture::real();
    let options = site::serve::ServeOptions {
        root: f.root().to_path_buf(),
        bind: "127.0.0.1".into(),
        port: 0,
        drafts: false,
        quiet: true,
    };
    let server = site::serve::start(&options).expect("server starts");
    let browser = harness::launch(&binary);
    let tab = listening_tab(&browser);
    let errors = harness::console_errors(&tab);
    let port = server.addr().port();
    let mut found = Vec::new();
    for url in ["/", "/pricing/", "/decisions/graph/", "/decisions/"] {
        let key = if url.starts_with("/decisions") { "dev" } else { "ai" };
        found.extend(violations(&tab, &format!("http://{key}.localhost:{port}{url}")));
        let live = harness::eval_json(&tab, "!!document.querySelector('script[src=\"/__site/live.js\"]')");
        assert_eq!(live, Value::Bool(true), "{url} has the live-reload client");
    }
    found.extend(errors.lock().unwrap_or_else(|p| p.into_inner()).iter().map(|e| format!("console: {e}")));
    assert!(found.is_empty(), "{}", found.join("\n"));
}
