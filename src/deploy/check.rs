//! What the deploy stage holds the output to: each host's limits (E017), every
//! `deploy.redirects` target a file some domain publishes (E016, across domains), and
//! no redirect hiding a published page (W014). Located in `site.yaml`.

use std::collections::BTreeSet;

use crate::config::deploy::{domain_line, line_after};
use crate::config::{Domain, Target, CONFIG_PATH};
use crate::diagnostics::{value_column, Code, Diagnostic};

use super::rules::Rules;
use super::{azure, netlify};

/// One domain's output, ready to check.
pub struct Output<'a> {
    /// The domain.
    pub domain: &'a Domain,
    /// Its rules.
    pub rules: &'a Rules,
    /// Root-relative paths of the files written for it.
    pub paths: &'a BTreeSet<String>,
}

/// Every problem of every domain; `text` is `site.yaml`.
pub fn check(text: &str, all: &[Output<'_>]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for o in all {
        out.extend(limits(text, o));
        out.extend(targets(text, o, all));
    }
    out
}

/// Whether `path` (query and fragment ignored) names a file in `paths`.
pub fn exists(paths: &BTreeSet<String>, path: &str) -> bool {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let folder = if path.ends_with('/') { format!("{path}index.html") } else { format!("{path}/index.html") };
    paths.contains(path) || paths.contains(&folder)
}

/// Where `key: value` is written in the domain's block (the value bare or quoted).
fn at(text: &str, o: &Output<'_>, value: &str, key: &str) -> (usize, usize) {
    let start = domain_line(text, &o.domain.host);
    let written = [format!("{key}: {value}"), format!("{key}: \"{value}\""), value.to_owned()];
    let needle =
        written.iter().find(|n| text.lines().skip(start).any(|l| l.contains(n.as_str()))).unwrap_or(&written[2]);
    let line = line_after(text, start, needle);
    (line, value_column(text, line, key))
}

fn limits(text: &str, o: &Output<'_>) -> Vec<Diagnostic> {
    let target = o.domain.deploy.target;
    let (line, column) = at(text, o, target.name(), "target");
    let error = |message: String, hint: &str| {
        Diagnostic::error(CONFIG_PATH, line, column, message).with_code(Code::E017).with_source(text).with_hint(hint)
    };
    let host = &o.domain.host;
    let mut out = Vec::new();
    match target {
        Target::AzureStaticWebApps => {
            let size = azure::config(o.rules, o.paths).len();
            if size > azure::MAX_BYTES {
                out.push(error(
                    format!(
                        "{} for {host} is {size} bytes; Azure Static Web Apps accepts at most {} (20 KB)",
                        azure::FILE,
                        azure::MAX_BYTES
                    ),
                    "remove aliases or redirects, or shorten the extra headers",
                ));
            }
        }
        Target::CloudflarePages => {
            let (dynamic, fixed): (Vec<_>, Vec<_>) =
                o.rules.redirects.iter().partition(|r| netlify::is_dynamic(&r.from));
            let counts = [
                (fixed.len(), netlify::MAX_STATIC_REDIRECTS, "static redirects"),
                (dynamic.len(), netlify::MAX_DYNAMIC_REDIRECTS, "dynamic redirects"),
                (o.rules.headers.len(), netlify::MAX_HEADER_RULES, "header rules"),
            ];
            for (count, max, what) in counts.into_iter().filter(|(count, max, _)| count > max) {
                out.push(error(
                    format!("{host} has {count} {what}; Cloudflare Pages accepts at most {max}"),
                    "remove aliases or redirects, or publish on another host",
                ));
            }
        }
        _ => {}
    }
    out
}

fn targets(text: &str, o: &Output<'_>, all: &[Output<'_>]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for r in &o.domain.deploy.redirects {
        let found = if r.to.starts_with('/') {
            Some((o.domain, exists(o.paths, &r.to)))
        } else {
            all.iter().find_map(|other| {
                let rest = r.to.strip_prefix(other.domain.base_url.as_str())?;
                let path = if rest.is_empty() { "/" } else { rest };
                path.starts_with('/').then(|| (other.domain, exists(other.paths, path)))
            })
        };
        if let Some((domain, false)) = found {
            let (line, column) = at(text, o, &r.to, "to");
            let message =
                format!("redirect from `{}` goes to `{}`, which {} does not publish", r.from, r.to, domain.host);
            out.push(
                Diagnostic::error(CONFIG_PATH, line, column, message)
                    .with_code(Code::E016)
                    .with_source(text)
                    .with_hint("point it at a page that exists, with its trailing slash"),
            );
        }
        if exists(o.paths, &r.from) {
            let (line, column) = at(text, o, &r.from, "from");
            let message = format!("redirect from `{}` hides a page {} publishes", r.from, o.domain.host);
            out.push(
                Diagnostic::warning(CONFIG_PATH, line, column, message)
                    .with_code(Code::W014)
                    .with_source(text)
                    .with_hint("give the page an alias instead, or remove the redirect"),
            );
        }
    }
    out
}
