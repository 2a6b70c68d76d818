//! Azure Static Web Apps: `staticwebapp.config.json`. Redirects are `routes` with a
//! `statusCode`; headers are `globalHeaders` plus route `headers` (a route's header
//! replaces the global one of the same name); the 404 page is a `responseOverrides`
//! rewrite. There is never a `navigationFallback`: it would answer every missing path
//! with a page and status 200.

use std::collections::BTreeSet;

use serde_json::{json, Map, Value};

use super::rules::Rules;

/// The file's name.
pub const FILE: &str = "staticwebapp.config.json";

/// The largest configuration file the host accepts, in bytes (20 KB).
pub const MAX_BYTES: usize = 20 * 1024;

/// MIME types of the extensions a site may ship; only those it does ship are listed.
const MIME: &[(&str, &str)] = &[
    (".css", "text/css"),
    (".gif", "image/gif"),
    (".html", "text/html"),
    (".ico", "image/x-icon"),
    (".jpeg", "image/jpeg"),
    (".jpg", "image/jpeg"),
    (".js", "text/javascript"),
    (".json", "application/json"),
    (".pdf", "application/pdf"),
    (".png", "image/png"),
    (".svg", "image/svg+xml"),
    (".txt", "text/plain"),
    (".webmanifest", "application/manifest+json"),
    (".webp", "image/webp"),
    (".woff2", "font/woff2"),
    (".xml", "application/xml"),
];

/// The configuration for `rules`, given the paths the build wrote.
pub fn config(rules: &Rules, paths: &BTreeSet<String>) -> String {
    let mut routes = Vec::new();
    for r in &rules.redirects {
        let route = |from: &str| json!({ "route": from, "redirect": r.to, "statusCode": r.status });
        routes.push(route(&r.from));
        // `/old/` is also asked for as `/old`.
        if let Some(bare) = r.from.strip_suffix('/').filter(|b| !b.is_empty()) {
            routes.push(route(bare));
        }
    }
    let mut global = Map::new();
    for rule in &rules.headers {
        let headers: Map<String, Value> =
            rule.headers.iter().map(|(n, v)| (n.clone(), Value::String(v.clone()))).collect();
        if rule.pattern == "/*" {
            global = headers;
        } else {
            routes.push(json!({ "route": rule.pattern, "headers": headers }));
        }
    }
    let shipped: BTreeSet<&str> = paths.iter().filter_map(|p| extension(p)).collect();
    let mime: Map<String, Value> = MIME
        .iter()
        .filter(|(ext, _)| shipped.contains(ext))
        .map(|(ext, ty)| ((*ext).to_owned(), Value::String((*ty).to_owned())))
        .collect();
    let mut config = json!({
        "routes": routes,
        "responseOverrides": { "404": { "rewrite": "/404.html" } },
        "globalHeaders": global,
        "trailingSlash": "auto",
        "mimeTypes": mime,
    });
    if !paths.contains("/404.html") {
        config.as_object_mut().map(|c| c.remove("responseOverrides"));
    }
    let mut text = serde_json::to_string_pretty(&config).unwrap_or_default();
    text.push('\n');
    text
}

/// `.xml` for `/feed.xml`; `None` for a name without a dot.
fn extension(path: &str) -> Option<&str> {
    let name = path.rsplit('/').next()?;
    name.rfind('.').filter(|i| *i > 0).map(|i| &name[i..])
}
