use std::sync::Arc;

use super::*;
use crate::serve::state::{Body, Files};

fn state() -> State {
    let files: Files = [
        ("connectsoft.ai/index.html", "<html><body><a href=\"https://connectsoft.dev/decisions/\">d</a></body></html>"),
        ("connectsoft.ai/pricing/index.html", "<body>pricing</body>"),
        ("connectsoft.ai/404.html", "<body>lost</body>"),
        ("connectsoft.ai/sitemap.xml", "<loc>https://connectsoft.ai/</loc>"),
        ("connectsoft.ai/assets/style.0123456789.css", "body{}"),
        ("connectsoft.ai/favicon.png", "\u{89}PNG"),
        ("connectsoft.dev/index.html", "<body>dev</body>"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), Arc::new(Body::new(k, v.as_bytes().to_vec()))))
    .collect();
    let hosts = vec![
        LocalHost::new("ai", "connectsoft.ai", "https://connectsoft.ai", 4000),
        LocalHost::new("dev", "connectsoft.dev", "https://connectsoft.dev", 4000),
    ];
    State {
        build: 3,
        run: "r1".into(),
        files: Arc::new(files),
        hosts: Arc::new(hosts),
        error: None,
        rules: Arc::default(),
    }
}

fn get(target: &str, host: &str) -> Reply {
    match route("GET", target, Some(host), &state()) {
        Routed::Reply(r) => r,
        Routed::Events => panic!("unexpected event stream"),
    }
}

fn body(r: &Reply) -> String {
    String::from_utf8_lossy(&r.body).into_owned()
}

#[test]
fn domains_are_chosen_by_host() {
    let r = get("/", "ai.localhost:4000");
    assert_eq!((r.status, r.content_type), (200, "text/html; charset=utf-8"));
    assert!(body(&r).contains("href=\"http://dev.localhost:4000/decisions/\""), "{}", body(&r));
    assert!(body(&r).contains("<script src=\"/__site/live.js\" data-build=\"3\" data-run=\"r1\"></script>\n</body>"));
    assert!(body(&get("/", "DEV.localhost.")).contains("dev"));
    assert!(body(&get("/", "dev.localhost")).contains("dev"));
}

#[test]
fn the_landing_page_links_every_domain() {
    for host in ["127.0.0.1:4000", "localhost:4000", "[::1]:4000", "other.localhost:4000"] {
        let r = get("/", host);
        assert_eq!(r.status, 200, "{host}");
        assert!(body(&r).contains("http://ai.localhost:4000/") && body(&r).contains("http://dev.localhost:4000/"));
    }
    assert!(matches!(route("GET", "/", None, &state()), Routed::Reply(r) if r.status == 200));
    assert_eq!(get("/pricing/", "127.0.0.1:4000").status, 404);
}

#[test]
fn files_types_and_redirects() {
    let css = get("/assets/style.0123456789.css?v=1", "ai.localhost:4000");
    assert_eq!((css.status, css.content_type, body(&css).as_str()), (200, "text/css; charset=utf-8", "body{}"));
    let xml = get("/sitemap.xml", "ai.localhost:4000");
    assert_eq!(body(&xml), "<loc>http://ai.localhost:4000/</loc>");
    assert_eq!(get("/favicon.png", "ai.localhost:4000").body, "\u{89}PNG".as_bytes());
    let moved = get("/pricing", "ai.localhost:4000");
    assert_eq!((moved.status, moved.location.as_deref()), (301, Some("/pricing/")));
    let moved = get("/pric%69ng?plan=team", "ai.localhost:4000");
    assert_eq!((moved.status, moved.location.as_deref()), (301, Some("/pric%69ng/?plan=team")));
    let js = get(SCRIPT, "ai.localhost:4000");
    assert_eq!((js.status, js.content_type), (200, "text/javascript; charset=utf-8"));
    assert!(body(&js).contains("EventSource"));
}

#[test]
fn missing_pages_get_the_theme_404() {
    let r = get("/nope/", "ai.localhost:4000");
    assert_eq!(r.status, 404);
    assert!(body(&r).contains("lost") && body(&r).contains("/__site/live.js"));
    let plain = get("/nope/", "dev.localhost:4000");
    assert_eq!(plain.status, 404);
}

#[test]
fn only_get_and_head() {
    for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT", "get"] {
        assert!(
            matches!(route(method, "/", Some("ai.localhost"), &state()), Routed::Reply(r) if r.status == 405),
            "{method}"
        );
    }
    assert!(matches!(route("HEAD", "/", Some("ai.localhost"), &state()), Routed::Reply(r) if r.status == 200));
    assert_eq!(route("GET", "/__site/events?x", Some("ai.localhost"), &state()), Routed::Events);
    assert!(matches!(route("HEAD", EVENTS, Some("ai.localhost"), &state()), Routed::Reply(r) if r.status == 200));
}

#[test]
fn traversal_never_serves_a_file() {
    for target in [
        "/../index.html",
        "/%2e%2e/connectsoft.dev/index.html",
        "/..%2fconnectsoft.dev%2findex.html",
        "/a%5c..%5cb",
        "/%00",
    ] {
        let r = get(target, "ai.localhost:4000");
        assert_eq!(r.status, 400, "{target}");
    }
    // A file of another domain is not reachable by path.
    assert_eq!(get("/connectsoft.dev/index.html", "ai.localhost:4000").status, 404);
}

#[test]
fn before_the_first_good_build_pages_show_the_error() {
    let mut s = state();
    s.build = 0;
    s.error = Some("error: content/site.yaml:1: broken".into());
    let Routed::Reply(r) = route("GET", "/", Some("ai.localhost"), &s) else { panic!() };
    assert_eq!(r.status, 503);
    assert!(body(&r).contains("content/site.yaml:1: broken") && body(&r).contains("/__site/live.js"));
    let Routed::Reply(landing) = route("GET", "/", Some("localhost"), &s) else { panic!() };
    assert!(body(&landing).contains("The last build failed"));
}
