//! Publishing: each `deploy.target` writes its host's files into `public/<host>/`:
//! `staticwebapp.config.json` checked against a schema of the documented properties,
//! `_headers` / `_redirects` syntax, aliases as 301s, CNAME and `.nojekyll`; and
//! `site serve` answers with the same headers and redirects.

#[path = "serve/client.rs"]
#[allow(dead_code)]
mod client;
mod common;

use common::Fixture;
use serde_json::{json, Value};

/// The `basic` fixture with a `deploy:` block per domain (`None`: none) and an alias
/// `/old-guide/` on the guide.
fn fixture(a: Option<&str>, b: Option<&str>, c: Option<&str>) -> Fixture {
    let f = Fixture::new("basic");
    let mut yaml = std::fs::read_to_string(f.root().join("content/site.yaml")).unwrap();
    for (title, deploy) in [("Site A", a), ("Site B", b), ("אתר ג", c)] {
        if let Some(deploy) = deploy {
            yaml =
                yaml.replace(&format!("    title: {title}\n"), &format!("    title: {title}\n    deploy: {deploy}\n"));
        }
    }
    f.write("content/site.yaml", &yaml);
    let guide = f.root().join("content/docs/guide.md");
    let text =
        std::fs::read_to_string(&guide).unwrap().replacen("weight: 1\n", "weight: 1\naliases: [/old-guide/]\n", 1);
    std::fs::write(guide, text).unwrap();
    f
}

/// The properties Azure Static Web Apps documents for `staticwebapp.config.json`, as
/// a JSON Schema (the subset of keywords [`validate`] knows).
fn azure_schema() -> Value {
    let headers = json!({ "type": "object", "additionalProperties": { "type": "string" } });
    let route = json!({
        "type": "object",
        "required": ["route"],
        "additionalProperties": false,
        "properties": {
            "route": { "type": "string", "pattern": "^/" },
            "methods": { "type": "array", "items": { "type": "string" } },
            "rewrite": { "type": "string" },
            "redirect": { "type": "string" },
            "statusCode": { "type": "integer", "enum": [200, 301, 302, 307, 308, 404] },
            "headers": headers,
            "allowedRoles": { "type": "array", "items": { "type": "string" } },
        }
    });
    let overrides = json!({
        "type": "object",
        "additionalProperties": {
            "type": "object",
            "additionalProperties": false,
            "properties": {
                "rewrite": { "type": "string" },
                "redirect": { "type": "string" },
                "statusCode": { "type": "integer" }
            }
        }
    });
    json!({
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "routes": { "type": "array", "items": route },
            "navigationFallback": { "type": "object" },
            "responseOverrides": overrides,
            "globalHeaders": headers,
            "mimeTypes": { "type": "object", "additionalProperties": { "type": "string", "pattern": "^[a-z]+/[a-z0-9.+-]+$" } },
            "trailingSlash": { "type": "string", "enum": ["always", "never", "auto"] },
            "platform": { "type": "object" },
            "networking": { "type": "object" },
            "forwardingGateway": { "type": "object" },
            "auth": { "type": "object" }
        }
    })
}

/// Checks `value` against `schema` (type, properties, additionalProperties, required,
/// items, enum, a `^`-anchored prefix pattern); returns the problems with their paths.
fn validate(schema: &Value, value: &Value, at: &str, out: &mut Vec<String>) {
    let ty = schema["type"].as_str().unwrap_or("any");
    let fits = match ty {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        _ => true,
    };
    if !fits {
        return out.push(format!("{at}: expected {ty}, found {value}"));
    }
    if let Some(options) = schema["enum"].as_array() {
        if !options.contains(value) {
            out.push(format!("{at}: {value} is not one of {options:?}"));
        }
    }
    if let (Some(pattern), Some(text)) = (schema["pattern"].as_str(), value.as_str()) {
        let ok = match pattern {
            "^/" => text.starts_with('/'),
            _ => text.split_once('/').is_some_and(|(a, b)| !a.is_empty() && !b.is_empty() && !text.contains(' ')),
        };
        if !ok {
            out.push(format!("{at}: `{text}` does not match {pattern}"));
        }
    }
    if let Some(object) = value.as_object() {
        for key in schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            if !object.contains_key(key) {
                out.push(format!("{at}: `{key}` is required"));
            }
        }
        for (key, item) in object {
            match (schema["properties"].get(key), &schema["additionalProperties"]) {
                (Some(sub), _) => validate(sub, item, &format!("{at}.{key}"), out),
                (None, Value::Bool(false)) => out.push(format!("{at}: unknown property `{key}`")),
                (None, Value::Object(_)) => {
                    validate(&schema["additionalProperties"], item, &format!("{at}.{key}"), out)
                }
                _ => {}
            }
        }
    }
    for (i, item) in value.as_array().into_iter().flatten().enumerate() {
        validate(&schema["items"], item, &format!("{at}[{i}]"), out);
    }
}

#[test]
fn azure_config_validates_and_turns_aliases_into_301s() {
    let f = fixture(Some("{ target: azure-static-web-apps, headers: { X-Robots-Tag: noindex } }"), None, None);
    f.build_ok();
    let config: Value = serde_json::from_str(&f.read("a.example/staticwebapp.config.json")).expect("JSON");
    let mut problems = Vec::new();
    validate(&azure_schema(), &config, "$", &mut problems);
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(config.get("navigationFallback").is_none(), "a fallback would answer every 404 with 200");
    let routes = config["routes"].as_array().unwrap();
    assert!(routes.contains(&json!({ "route": "/old-guide/", "redirect": "/docs/guide/", "statusCode": 301 })));
    assert!(routes.contains(&json!({ "route": "/old-guide", "redirect": "/docs/guide/", "statusCode": 301 })));
    assert!(!f.exists("a.example/old-guide/index.html"), "no meta-refresh page where the host redirects");
    let assets = routes.iter().find(|r| r["route"] == "/assets/*").expect("an assets route");
    assert_eq!(assets["headers"]["Cache-Control"], "public, max-age=31536000, immutable");
    let global = &config["globalHeaders"];
    assert_eq!(global["Cache-Control"], "no-cache");
    assert_eq!(global["X-Robots-Tag"], "noindex");
    assert!(global["Content-Security-Policy"].as_str().unwrap().contains("script-src 'self'"));
    assert!(global["Content-Security-Policy"].as_str().unwrap().contains("frame-ancestors 'none'"));
    for name in ["Strict-Transport-Security", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"] {
        assert!(global[name].is_string(), "{name} missing");
    }
    assert_eq!(config["responseOverrides"]["404"]["rewrite"], "/404.html");
    assert_eq!(config["trailingSlash"], "auto");
    assert_eq!(config["mimeTypes"][".xml"], "application/xml");
    assert_eq!(config["mimeTypes"][".css"], "text/css");
    // The other domains publish plain files, their alias pages included.
    assert!(!f.exists("b.example/staticwebapp.config.json") && !f.exists("b.example/_headers"));
}

#[test]
fn a_schema_violation_is_caught_by_the_validator() {
    let mut problems = Vec::new();
    let bad = json!({ "routes": [{ "redirect": "/x/" }], "trailingSlash": "sometimes", "navigationFallbak": {} });
    validate(&azure_schema(), &bad, "$", &mut problems);
    assert_eq!(problems.len(), 3, "{problems:#?}");
}

/// `_headers`: path lines at column 0, then indented `Name: value` (or `! Name`) lines.
fn header_rules(text: &str) -> Vec<(String, Vec<String>)> {
    let mut rules: Vec<(String, Vec<String>)> = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        if let Some(header) = line.strip_prefix("  ") {
            let ok = header.starts_with("! ")
                || header.split_once(": ").is_some_and(|(n, v)| !n.contains(' ') && !v.is_empty());
            assert!(ok, "bad header line `{line}`");
            rules.last_mut().expect("a path before headers").1.push(header.to_owned());
        } else {
            assert!(line.starts_with('/') && !line.contains(' '), "bad path line `{line}`");
            rules.push((line.to_owned(), Vec::new()));
        }
    }
    rules
}

#[test]
fn netlify_and_cloudflare_get_headers_and_redirects_files() {
    let f = fixture(
        Some("{ target: netlify, redirects: [{ from: /go/, to: \"https://b.example/\", status: 302 }] }"),
        Some("{ target: cloudflare-pages }"),
        None,
    );
    f.build_ok();
    let netlify = header_rules(&f.read("a.example/_headers"));
    assert_eq!(netlify[0].0, "/*");
    assert!(netlify[0].1.iter().any(|h| h.starts_with("Content-Security-Policy: default-src 'self'")));
    assert_eq!(netlify[1], ("/assets/*".into(), vec!["Cache-Control: public, max-age=31536000, immutable".into()]));
    let redirects: Vec<Vec<String>> = f
        .read("a.example/_redirects")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split(' ').map(str::to_owned).collect())
        .collect();
    assert_eq!(redirects, [["/old-guide/", "/docs/guide/", "301!"], ["/go/", "https://b.example/", "302!"]]);
    let cloudflare = header_rules(&f.read("b.example/_headers"));
    // Cloudflare joins repeated headers with a comma unless the later rule detaches them.
    assert_eq!(cloudflare[1].1, ["! Cache-Control", "Cache-Control: public, max-age=31536000, immutable"]);
    assert_eq!(f.read("b.example/_redirects").lines().filter(|l| !l.starts_with('#')).count(), 0);
}

#[test]
fn github_pages_gets_cname_and_nojekyll_and_keeps_alias_pages() {
    let f = fixture(Some("{ target: github-pages }"), Some("{ target: none }"), None);
    f.build_ok();
    assert_eq!(f.read("a.example/CNAME"), "a.example\n");
    assert_eq!(f.read("a.example/.nojekyll"), "");
    assert!(f.read("a.example/old-guide/index.html").contains("http-equiv=\"refresh\""));
    for name in ["CNAME", ".nojekyll", "_headers", "_redirects", "staticwebapp.config.json"] {
        assert!(!f.exists(&format!("b.example/{name}")), "{name} for `none`");
    }
}

#[test]
fn serve_sends_the_configured_headers_and_redirects() {
    let f = fixture(Some("{ target: azure-static-web-apps, headers: { X-Robots-Tag: noindex } }"), None, None);
    let options = site::serve::ServeOptions {
        root: f.root().to_path_buf(),
        bind: "127.0.0.1".into(),
        port: 0,
        drafts: false,
        quiet: true,
    };
    let server = site::serve::start(&options).expect("server starts");
    let host = format!("a.localhost:{}", server.addr().port());
    let page = client::get(server.addr(), &host, "/docs/guide/");
    assert_eq!(page.status, 200);
    let csp = page.header("Content-Security-Policy").expect("a CSP");
    assert!(csp.starts_with("default-src 'self'; script-src 'self'"), "{csp}");
    assert_eq!(page.header("X-Robots-Tag"), Some("noindex"));
    assert!(page.header("Strict-Transport-Security").is_some() && page.header("Permissions-Policy").is_some());
    // Serve mode never lets a preview be cached; the live-reload client is a file ('self').
    assert_eq!(page.header("Cache-Control"), Some("no-store"));
    assert!(page.text().contains("<script src=\"/__site/live.js\""));
    let moved = client::get(server.addr(), &host, "/old-guide/");
    assert_eq!((moved.status, moved.header("Location")), (301, Some("/docs/guide/")));
    let missing = client::get(server.addr(), &host, "/nowhere/");
    assert_eq!(missing.status, 404);
    assert!(missing.header("Content-Security-Policy").is_some(), "the 404 page has the headers too");
    let other = client::get(server.addr(), &format!("b.localhost:{}", server.addr().port()), "/");
    // A domain published as plain files is previewed under the default policy all the same.
    assert!(other.header("Content-Security-Policy").is_some() && other.header("X-Robots-Tag").is_none());
}
