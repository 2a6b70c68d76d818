//! `deploy:` in a domain of `site.yaml`: the host that publishes the domain, and the
//! headers and redirects it adds to the defaults. Checked here for shape (E015); what
//! needs the built output (targets, host limits) is checked by the deploy stage.

use std::collections::BTreeMap;
use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostics::{value_column, Code, Diagnostic};

/// Where a domain is published; decides which host files `site build` writes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Target {
    /// Azure Static Web Apps: `staticwebapp.config.json`.
    AzureStaticWebApps,
    /// Netlify: `_headers` and `_redirects`.
    Netlify,
    /// Cloudflare Pages: `_headers` and `_redirects`.
    CloudflarePages,
    /// GitHub Pages: `CNAME` and `.nojekyll`; aliases stay redirect pages.
    GithubPages,
    /// Plain files, nothing else (the default).
    #[default]
    None,
}

impl Target {
    /// The host answers aliases with real 301 redirects, so no redirect page is written.
    pub fn redirects(self) -> bool {
        matches!(self, Target::AzureStaticWebApps | Target::Netlify | Target::CloudflarePages)
    }

    /// The name written in `site.yaml`.
    pub fn name(self) -> &'static str {
        match self {
            Target::AzureStaticWebApps => "azure-static-web-apps",
            Target::Netlify => "netlify",
            Target::CloudflarePages => "cloudflare-pages",
            Target::GithubPages => "github-pages",
            Target::None => "none",
        }
    }
}

/// A domain's `deploy:` block.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deploy {
    /// `azure-static-web-apps`, `netlify`, `cloudflare-pages`, `github-pages` or `none`.
    #[serde(default)]
    pub target: Target,
    /// Headers sent with every response, added to the defaults; one with the name of a
    /// default (`Content-Security-Policy`) replaces it.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Redirects besides those made from page aliases.
    #[serde(default)]
    pub redirects: Vec<Redirect>,
}

/// One redirect from `deploy.redirects`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Redirect {
    /// A root-relative path on this domain (`/old/`).
    pub from: String,
    /// A root-relative path on this domain, or an `https://` URL (another domain's page).
    pub to: String,
    /// 301 (the default), 302, 307 or 308.
    #[serde(default = "moved")]
    pub status: u16,
}

fn moved() -> u16 {
    301
}

/// The 1-based line of `needle` at or after line `from` (the first when none follows).
pub fn line_after(text: &str, from: usize, needle: &str) -> usize {
    let after = text.lines().enumerate().skip(from.saturating_sub(1)).find(|(_, l)| l.contains(needle));
    after.map_or_else(|| first_line(text, needle), |(i, _)| i + 1)
}

/// The line where the domain with host `host` starts (its `host:` line).
pub fn domain_line(text: &str, host: &str) -> usize {
    first_line(text, &format!("host: {host}"))
}

/// 1-based line of the first line containing `needle` (0 if none).
fn first_line(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).map_or(0, |i| i + 1)
}

/// Whether `path` is a root-relative path a host rule can name.
pub fn is_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.split('/').any(|s| s == "." || s == "..")
        && path.chars().all(|c| c.is_ascii_graphic() && c != '\\')
}

/// Whether `to` is a redirect target: a path, or an `http(s)://` URL without blanks.
pub fn is_target(to: &str) -> bool {
    let url = to.strip_prefix("https://").or_else(|| to.strip_prefix("http://"));
    match url {
        Some(rest) => !rest.is_empty() && rest.chars().all(|c| c.is_ascii_graphic() && c != '\\'),
        None => is_path(to),
    }
}

fn is_token(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// The `deploy:` problems of the domain with host `host` (E015), each at its line.
pub fn validate(deploy: &Deploy, host: &str, text: &str, path: &Path) -> Vec<Diagnostic> {
    let start = domain_line(text, host);
    let at = |needle: &str, key: &str, message: String, hint: &str| {
        let line = line_after(text, start, needle);
        let column = match key {
            "" => crate::diagnostics::column_of(text, line, needle),
            key => value_column(text, line, key),
        };
        Diagnostic::error(path, line, column, message).with_code(Code::E015).with_source(text).with_hint(hint)
    };
    let mut out = Vec::new();
    for (name, value) in &deploy.headers {
        if !is_token(name) {
            out.push(at(
                name,
                "",
                format!("header name `{name}` is not a token"),
                "write a name like `X-Frame-Options`",
            ));
        } else if value.trim().is_empty() || value.chars().any(char::is_control) {
            let message = format!("header `{name}` has an empty value or a control character");
            out.push(at(name, name, message, "write the value on one line"));
        }
    }
    for r in &deploy.redirects {
        if !is_path(&r.from) {
            let message = format!("redirect from `{}` is not a root-relative path", r.from);
            out.push(at(&r.from, "from", message, "start it with `/`, like `/old/`, without `..` or blanks"));
        }
        if !is_target(&r.to) {
            let message = format!("redirect to `{}` is neither a root-relative path nor an http(s) URL", r.to);
            out.push(at(&r.to, "to", message, "write `/new/` or `https://other.example/page/`"));
        }
        if ![301, 302, 307, 308].contains(&r.status) {
            let message = format!("redirect status {} is not 301, 302, 307 or 308", r.status);
            out.push(at(&format!("status: {}", r.status), "status", message, "leave it out for 301"));
        }
        if deploy.target == Target::AzureStaticWebApps && [307, 308].contains(&r.status) {
            let message = format!("redirect status {} is not one Azure Static Web Apps sends (301 or 302)", r.status);
            out.push(at(&format!("status: {}", r.status), "status", message, "use 301 (permanent) or 302"));
        }
        if r.from == r.to {
            let message = format!("redirect from `{}` goes to itself", r.from);
            out.push(at(&r.from, "from", message, "remove it, or point it elsewhere"));
        }
    }
    out
}
