//! `site serve` over real loopback sockets: every domain by `Host`, live reload after
//! edits, creations, deletions and renames, the error overlay and recovery, path
//! safety, many clients at once. Servers listen on port 0; every wait is bounded.

#[path = "serve/client.rs"]
mod client;
mod common;
#[path = "common/browser.rs"]
mod harness;

use std::collections::BTreeMap;
use std::time::Duration;

use client::{get, request, Events};
use common::Fixture;
use site::serve::{self, ServeOptions, Server};

fn start(f: &Fixture) -> Server {
    start_on(f, 0)
}

fn start_on(f: &Fixture, port: u16) -> Server {
    let options =
        ServeOptions { root: f.root().to_path_buf(), bind: "127.0.0.1".into(), port, drafts: false, quiet: true };
    serve::start(&options).expect("server starts")
}

fn host(server: &Server, key: &str) -> String {
    format!("{key}.localhost:{}", server.addr().port())
}

fn page(server: &Server, key: &str, target: &str) -> String {
    let r = get(server.addr(), &host(server, key), target);
    assert_eq!(r.status, 200, "{key} {target}: {}", r.text());
    r.text()
}

fn build_of(event: &client::Event) -> u64 {
    let data: serde_json::Value = serde_json::from_str(&event.data).expect("JSON data");
    data["build"].as_u64().expect("a build number")
}

fn status(server: &Server, key: &str, target: &str) -> u16 {
    get(server.addr(), &host(server, key), target).status
}

#[test]
fn every_domain_by_host_and_a_landing_page() {
    let f = Fixture::new("basic");
    let server = start(&f);
    let port = server.addr().port();
    assert!(server.addr().ip().is_loopback() && port != 0);
    assert!(page(&server, "a", "/docs/guide/").contains("<h1"));
    assert!(page(&server, "b", "/").contains("Welcome to B"));
    assert!(page(&server, "c", "/about/").contains("אודות"));
    assert_eq!(status(&server, "b", "/docs/guide/"), 404, "docs are not on b");
    // Cross-domain links point at the local host of the other domain.
    let b_home = page(&server, "b", "/");
    assert!(b_home.contains(&format!("href=\"http://a.localhost:{port}/docs/guide/#install\"")), "{b_home}");
    assert!(!b_home.contains("https://a.example"), "{b_home}");
    assert!(b_home.contains("<script src=\"/__site/live.js\""));
    for landing_host in [format!("127.0.0.1:{port}"), format!("localhost:{port}")] {
        let landing = get(server.addr(), &landing_host, "/");
        assert_eq!(landing.status, 200);
        for key in ["a", "b", "c"] {
            assert!(landing.text().contains(&format!("href=\"http://{key}.localhost:{port}/\"")), "{}", landing.text());
        }
    }
    let urls: Vec<String> = server.urls().into_iter().map(|(_, u)| u).collect();
    assert_eq!(urls, [0, 1, 2].map(|i| format!("http://{}.localhost:{port}/", ["a", "b", "c"][i])));
}

#[test]
fn a_correct_little_server() {
    let f = Fixture::new("basic");
    let server = start(&f);
    let (addr, a) = (server.addr(), host(&server, "a"));
    let html = get(addr, &a, "/");
    assert_eq!(html.header("Content-Type"), Some("text/html; charset=utf-8"));
    assert_eq!(html.header("Cache-Control"), Some("no-store"));
    let head = request(addr, "HEAD", "/", &a);
    assert_eq!(head.status, 200);
    assert_eq!(head.header("Content-Length"), html.header("Content-Length"));
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let r = request(addr, method, "/", &a);
        assert_eq!(r.status, 405, "{method}");
        assert_eq!(r.header("Allow"), Some("GET, HEAD"));
    }
    let css = html
        .text()
        .split("href=\"")
        .filter_map(|s| s.split('"').next())
        .find(|u| u.ends_with(".css"))
        .map(String::from);
    let css = css.expect("a stylesheet link");
    assert_eq!(get(addr, &a, &css).header("Content-Type"), Some("text/css; charset=utf-8"));
    assert_eq!(get(addr, &a, "/sitemap.xml").header("Content-Type"), Some("application/xml; charset=utf-8"));
    assert!(get(addr, &a, "/sitemap.xml").text().contains(&format!("http://a.localhost:{}/", addr.port())));
    assert_eq!(get(addr, &a, "/robots.txt").header("Content-Type"), Some("text/plain; charset=utf-8"));
    assert_eq!(get(addr, &a, "/__site/live.js").header("Content-Type"), Some("text/javascript; charset=utf-8"));
    let missing = get(addr, &a, "/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("<html") && missing.text().contains("/__site/live.js"), "the theme's 404 page");
    let moved = get(addr, &a, "/docs/guide");
    assert_eq!((moved.status, moved.header("Location")), (301, Some("/docs/guide/")));
    // Nothing is written: serving never touches public/.
    assert!(!f.out().exists());
    server.shutdown();
}

#[test]
fn edits_creations_renames_and_deletions_reach_the_browser() {
    let f = Fixture::new("basic");
    let server = start(&f);
    let (mut events, hello) = Events::open(server.addr(), &host(&server, "a"));
    assert_eq!(build_of(&hello), 1);

    let guide = std::fs::read_to_string(f.root().join("content/docs/guide.md")).unwrap();
    f.write("content/docs/guide.md", &guide.replace("Run this:", "Run this first:"));
    events.expect("reload");
    assert!(page(&server, "a", "/docs/guide/").contains("Run this first:"));

    // An editor's atomic save: write a hidden temp file, rename it over the page.
    f.write("content/docs/.guide.md.tmp", &guide.replace("Run this:", "Atomically saved:"));
    std::fs::rename(f.root().join("content/docs/.guide.md.tmp"), f.root().join("content/docs/guide.md")).unwrap();
    events.expect("reload");
    assert!(page(&server, "a", "/docs/guide/").contains("Atomically saved:"));

    f.write("content/docs/new.md", "---\ntitle: Brand new\n---\nFresh words.\n");
    events.expect("reload");
    assert!(page(&server, "a", "/docs/new/").contains("Fresh words."));
    assert!(page(&server, "a", "/docs/").contains("Brand new"), "the section lists the new page");

    std::fs::rename(f.root().join("content/docs/new.md"), f.root().join("content/docs/renamed.md")).unwrap();
    events.expect("reload");
    assert_eq!(status(&server, "a", "/docs/new/"), 404);
    assert!(page(&server, "a", "/docs/renamed/").contains("Fresh words."));

    std::fs::remove_file(f.root().join("content/docs/renamed.md")).unwrap();
    events.expect("reload");
    assert_eq!(status(&server, "a", "/docs/renamed/"), 404);
    assert!(!page(&server, "a", "/docs/").contains("Brand new"));

    // A new folder with a page in it.
    f.write("content/docs/deep/page.md", "---\ntitle: Deep\n---\nDown here.\n");
    events.expect("reload");
    assert!(page(&server, "a", "/docs/deep/page/").contains("Down here."));
}

#[test]
fn ui_strings_and_templates_rebuild_everything() {
    let f = Fixture::new("basic");
    let server = start(&f);
    let (mut events, _) = Events::open(server.addr(), &host(&server, "a"));
    // The permalink label is baked into cached Markdown bodies: they must be redone.
    let en = std::fs::read_to_string(f.root().join("content/i18n/en.yaml")).unwrap();
    f.write("content/i18n/en.yaml", &en.replace("\"Link to this section\"", "\"Permalink here\""));
    events.expect("reload");
    assert!(page(&server, "a", "/docs/guide/").contains("aria-label=\"Permalink here\""));
    let base = std::fs::read_to_string(f.root().join("themes/default/templates/base.html")).unwrap();
    f.write("themes/default/templates/base.html", &base.replace("</main>", "</main>\n<!-- edited template -->"));
    events.expect("reload");
    for (key, target) in [("a", "/docs/guide/"), ("b", "/"), ("c", "/about/")] {
        assert!(page(&server, key, target).contains("<!-- edited template -->"), "{key}{target}");
    }
}

#[test]
fn editor_temp_files_do_not_rebuild() {
    let f = Fixture::new("basic");
    let server = start(&f);
    let (mut events, _) = Events::open(server.addr(), &host(&server, "a"));
    for junk in ["content/docs/.guide.md.swp", "content/docs/guide.md~", "content/docs/4913", "content/docs/.#guide.md"]
    {
        f.write(junk, "junk");
    }
    events.expect_silence(Duration::from_millis(600));
    assert!(!page(&server, "a", "/docs/guide/").contains("junk"));
}

#[test]
fn a_broken_file_shows_the_overlay_keeps_the_last_good_page_and_recovers() {
    let f = Fixture::new("basic");
    let server = start(&f);
    let (mut events, _) = Events::open(server.addr(), &host(&server, "a"));
    let before = page(&server, "a", "/docs/guide/");
    let guide = std::fs::read_to_string(f.root().join("content/docs/guide.md")).unwrap();
    f.write("content/docs/guide.md", &guide.replace("weight: 1", "wieght: 1").replace("Run this:", "Broken edit:"));
    let failed = events.expect("build-error");
    assert!(failed.data.contains("content/docs/guide.md:"), "{}", failed.data);
    assert!(failed.data.contains("wieght"), "{}", failed.data);
    assert_eq!(page(&server, "a", "/docs/guide/"), before, "the last good page is still served");
    // A tab opened now sees the error at once.
    let (mut late, _) = Events::open(server.addr(), &host(&server, "b"));
    assert!(late.expect("build-error").data.contains("content/docs/guide.md:"));

    f.write("content/docs/guide.md", &guide.replace("Run this:", "Fixed edit:"));
    events.expect("reload");
    late.expect("reload");
    assert!(page(&server, "a", "/docs/guide/").contains("Fixed edit:"));
    let (_, hello) = Events::open(server.addr(), &host(&server, "a"));
    assert_eq!(build_of(&hello), 2, "a failed build is not a build");
}

#[test]
fn a_site_that_starts_broken_is_served_once_fixed() {
    let f = Fixture::new("basic");
    let config = std::fs::read_to_string(f.root().join("content/site.yaml")).unwrap();
    f.write("content/site.yaml", &config.replace("brand:", "brnad:"));
    let server = start(&f);
    let landing = get(server.addr(), &format!("127.0.0.1:{}", server.addr().port()), "/");
    assert!(landing.text().contains("content/site.yaml"), "{}", landing.text());
    let (mut events, _) = Events::open(server.addr(), &host(&server, "a"));
    f.write("content/site.yaml", &config);
    events.expect("reload");
    assert!(page(&server, "a", "/").contains("Welcome to A"));
}

#[test]
fn a_stylesheet_edit_swaps_the_stylesheet() {
    let f = Fixture::new("basic");
    let server = start(&f);
    let (mut events, _) = Events::open(server.addr(), &host(&server, "a"));
    let path = f.root().join("themes/default/static/style.css");
    let mut css = std::fs::read_to_string(&path).unwrap();
    css.push_str("\n.serve-test { color: red; }\n");
    std::fs::write(&path, css).unwrap();
    let swap = events.expect("css");
    assert!(swap.data.contains("\"urls\":[\"/assets/style."), "{}", swap.data);
    let url = swap.data.split("\"urls\":[\"").nth(1).and_then(|s| s.split('"').next()).unwrap().to_owned();
    assert!(page(&server, "a", &url).contains(".serve-test"));
    assert!(page(&server, "a", "/").contains(&url), "pages link the new stylesheet");
}

#[test]
fn traversal_attempts_never_serve_files_from_outside() {
    let f = Fixture::new("basic");
    f.write("secret.txt", "TOP SECRET");
    f.write("content/secret.yaml", "TOP SECRET");
    let server = start(&f);
    for target in [
        "/../secret.txt",
        "/../../../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/docs/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/docs%2f..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/docs/..%5c..%5csecret.txt",
        "//etc/passwd",
        "/etc/passwd",
        "/secret.txt",
        "/content/secret.yaml",
        "/secret.yaml",
        "/%00",
        "/index.html%00.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "/../b.example/index.html",
    ] {
        for key in ["a", "b"] {
            let r = get(server.addr(), &host(&server, key), target);
            assert!(r.status == 400 || r.status == 404, "{target}: {}", r.status);
            let text = r.text();
            assert!(!text.contains("TOP SECRET") && !text.contains("root:x:0"), "{target}");
        }
    }
    // Absolute-form targets and odd hosts get the same treatment.
    let r = get(server.addr(), &host(&server, "a"), "http://a.localhost/../../etc/passwd");
    assert!(r.status == 400 || r.status == 404, "{}", r.status);
}

#[test]
fn fifty_clients_and_twenty_streams_all_get_answers() {
    let f = Fixture::new("basic");
    let server = start(&f);
    let addr = server.addr();
    let mut streams: Vec<Events> =
        (0..20).map(|i| Events::open(addr, &host(&server, ["a", "b", "c"][i % 3])).0).collect();
    let hosts: Vec<String> = ["a", "b", "c"].iter().map(|k| host(&server, k)).collect();
    let answers: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..50)
            .map(|i| {
                let h = hosts[i % 3].clone();
                scope.spawn(move || get(addr, &h, "/").status)
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("client thread")).collect()
    });
    assert_eq!(answers, vec![200; 50]);
    let guide = std::fs::read_to_string(f.root().join("content/docs/guide.md")).unwrap();
    f.write("content/docs/guide.md", &guide.replace("Run this:", "Everyone sees this:"));
    for stream in &mut streams {
        stream.expect("reload");
    }
    let mut statuses = BTreeMap::new();
    for h in &hosts {
        *statuses.entry(get(addr, h, "/").status).or_insert(0) += 1;
    }
    assert_eq!(statuses, BTreeMap::from([(200, 3)]));
}

#[test]
fn pages_stay_served_while_rebuilding() {
    let f = Fixture::new("basic");
    let server = start(&f);
    let (addr, a) = (server.addr(), host(&server, "a"));
    let (mut events, _) = Events::open(addr, &a);
    let guide = std::fs::read_to_string(f.root().join("content/docs/guide.md")).unwrap();
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let reader = scope.spawn(|| (0..300).map(|_| get(addr, &a, "/docs/guide/").status).collect::<Vec<_>>());
        for i in 0..5 {
            f.write("content/docs/guide.md", &guide.replace("Run this:", &format!("Run this ({i}):")));
            events.expect("reload");
        }
        reader.join().expect("reader thread")
    });
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    assert!(page(&server, "a", "/docs/guide/").contains("Run this (4):"));
}

#[test]
fn shutdown_releases_the_port() {
    let f = Fixture::new("basic");
    let server = start(&f);
    let addr = server.addr();
    let (mut events, _) = Events::open(addr, &host(&server, "a"));
    server.shutdown();
    events.expect("bye");
    // The listener closes on its own accept thread, a moment later.
    let deadline = std::time::Instant::now() + client::PATIENCE;
    while std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(1)).is_ok() {
        assert!(std::time::Instant::now() < deadline, "the port is still open");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[path = "serve/incremental.rs"]
mod incremental;

#[path = "serve/hostile.rs"]
mod hostile;

#[path = "serve/links.rs"]
mod links;

#[path = "serve/browser.rs"]
mod browser;

#[test]
fn the_search_page_and_its_index_are_served() {
    let f = Fixture::new("basic");
    f.write("content/docs/quokka.md", "---\ntitle: Quokka\n---\nA quokka page.\n");
    let server = start(&f);
    assert!(page(&server, "a", "/search/").contains("search-form"));
    // The index is built after the first build is served, on a thread of its own.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let meta = loop {
        let r = get(server.addr(), &host(&server, "a"), "/search/index/meta.json");
        if r.status == 200 {
            break r.text();
        }
        assert!(std::time::Instant::now() < deadline, "no search index after 30 s");
        std::thread::sleep(Duration::from_millis(20));
    };
    let meta: serde_json::Value = serde_json::from_str(&meta).expect("meta.json");
    let chars = meta["shard"].as_u64().expect("shard") as usize;
    let hex: String = "quokka".chars().take(chars).collect::<String>().bytes().map(|b| format!("{b:02x}")).collect();
    let shard = get(server.addr(), &host(&server, "a"), &format!("/search/index/t/{hex}.json"));
    assert_eq!(shard.status, 200);
    assert!(shard.text().contains("\"quokka\""), "{}", shard.text());
}
