//! One request → one reply, decided from the method, target, `Host` header and the
//! served state alone. Pure, so every rule is unit-tested; [`super::conn`] only moves
//! bytes between the socket and this function.

use super::landing;
use super::paths::{self, content_type, is_text};
use super::rewrite::{inject, localise, script_tag, LocalHost};
use super::state::State;

/// The path of the live-reload event stream.
pub const EVENTS: &str = "/__site/events";
/// The path of the live-reload client.
pub const SCRIPT: &str = "/__site/live.js";
/// The live-reload client.
const LIVE_JS: &str = include_str!("live.js");

/// A complete answer (the body is left out for HEAD when it is sent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// `Content-Type`.
    pub content_type: &'static str,
    /// Body.
    pub body: Vec<u8>,
    /// `Location`, for redirects.
    pub location: Option<String>,
    /// The domain's deploy headers for the path (security, caching), as its host sends them.
    pub headers: Vec<(String, String)>,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply { status, content_type, body: body.into(), location: None, headers: Vec::new() }
    }

    /// A plain-text answer.
    pub fn text(status: u16, text: &str) -> Reply {
        Reply::new(status, "text/plain; charset=utf-8", text)
    }
}

/// What to do with a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Routed {
    /// Send this.
    Reply(Reply),
    /// Hand the connection to the live-reload broadcaster.
    Events,
}

/// Decides the answer to `method target` sent to `host`.
pub fn route(method: &str, target: &str, host: Option<&str>, state: &State) -> Routed {
    if method != "GET" && method != "HEAD" {
        return Routed::Reply(Reply::text(405, "only GET and HEAD are served\n"));
    }
    let path = target.split(['?', '#']).next().unwrap_or_default();
    if path == EVENTS {
        return if method == "GET" { Routed::Events } else { Routed::Reply(Reply::new(200, "text/event-stream", "")) };
    }
    if path == SCRIPT {
        return Routed::Reply(Reply::new(200, content_type(SCRIPT), LIVE_JS));
    }
    let raw = target;
    let Ok(target) = paths::normalise(raw) else {
        return Routed::Reply(Reply::text(400, "bad request path\n"));
    };
    let reply = match domain_of(host, &state.hosts) {
        Some(domain) => file(domain, &target, raw, state),
        None if target.path.is_empty() => html(200, &landing::landing(&state.hosts, state.error.as_deref()), state),
        None => html(404, &landing::landing(&state.hosts, state.error.as_deref()), state),
    };
    Routed::Reply(reply)
}

/// The domain whose local name (`dev.localhost`) the `Host` header names, port ignored.
pub fn domain_of<'a>(host: Option<&str>, hosts: &'a [LocalHost]) -> Option<&'a LocalHost> {
    let host = host?.trim();
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    hosts.iter().find(|h| h.local_name() == name)
}

/// A file of `domain`'s output, a redirect to the folder form, or its 404 page. `raw`
/// is the target as sent, already checked, so the redirect keeps its escapes and query.
fn file(domain: &LocalHost, target: &paths::Target, raw: &str, state: &State) -> Reply {
    if state.build == 0 {
        return html(503, &landing::no_build(state.error.as_deref()), state);
    }
    let rules = state.rules.get(&domain.host);
    let asked = format!("/{}{}", target.path, if target.dir && !target.path.is_empty() { "/" } else { "" });
    // The host's own redirects (aliases, `deploy.redirects`) come before its files.
    if let Some(redirect) = rules.and_then(|r| r.redirect_for(&asked)) {
        let mut reply = Reply::text(redirect.status, "moved\n");
        reply.location = Some(localise(&redirect.to, &state.hosts));
        return reply;
    }
    let key = format!("{}/{}", domain.host, target.key());
    if let Some(bytes) = state.files.get(&key) {
        return served(200, &key, &bytes.bytes(), state);
    }
    if !target.dir && state.files.contains_key(&format!("{}/{}/index.html", domain.host, target.path)) {
        let mut reply = Reply::text(301, "moved\n");
        let (path, query) = raw.split_at(raw.find('?').unwrap_or(raw.len()));
        reply.location = Some(format!("{}/{query}", path.split('#').next().unwrap_or(path)));
        return reply;
    }
    let not_found = format!("{}/404.html", domain.host);
    match state.files.get(&not_found) {
        Some(bytes) => served(404, &not_found, &bytes.bytes(), state),
        None => Reply::text(404, "not found\n"),
    }
}

/// An output file as served, with its host's headers for the path.
fn served(status: u16, key: &str, bytes: &[u8], state: &State) -> Reply {
    let mut reply = body(status, key, bytes, state);
    if let Some((host, path)) = key.split_once('/') {
        if let Some(rules) = state.rules.get(host) {
            reply.headers = rules.headers_for(&format!("/{path}"));
        }
    }
    reply
}

/// An output file's body: text with local URLs, HTML with the live-reload script.
fn body(status: u16, key: &str, bytes: &[u8], state: &State) -> Reply {
    let ty = content_type(key);
    if !is_text(ty) {
        return Reply::new(status, ty, bytes);
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Reply::new(status, ty, bytes);
    };
    let text = localise(text, &state.hosts);
    if ty.starts_with("text/html") {
        Reply::new(status, ty, inject(&text, &script_tag(state.build, &state.run)))
    } else {
        Reply::new(status, ty, text)
    }
}

fn html(status: u16, page: &str, state: &State) -> Reply {
    Reply::new(status, content_type("x.html"), inject(page, &script_tag(state.build, &state.run)))
}

#[cfg(test)]
#[path = "route_tests.rs"]
mod tests;
