//! What a domain's host does besides serving files, decided once from its `deploy:`
//! block, its aliases and the paths written: headers by path pattern, and redirects.

use std::collections::BTreeSet;

use crate::config::{Domain, Target};

use super::headers;

/// Headers for the paths a pattern matches: `/*` (everything), `/dir/*` (a prefix) or
/// one exact path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderRule {
    /// `/*`, `/assets/*` or `/exact/path`.
    pub pattern: String,
    /// Name and value, in order.
    pub headers: Vec<(String, String)>,
}

/// One server redirect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedirectRule {
    /// Root-relative path (`/old/`).
    pub from: String,
    /// Root-relative path or absolute URL.
    pub to: String,
    /// 301, 302, 307 or 308.
    pub status: u16,
}

/// What a domain's host does besides serving files: headers (later rules override
/// earlier ones for the same name) and redirects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    /// The host.
    pub target: Target,
    /// Header rules, `/*` first.
    pub headers: Vec<HeaderRule>,
    /// Page aliases (as 301s, when the host redirects) then `deploy.redirects`.
    pub redirects: Vec<RedirectRule>,
}

/// One domain's output as the deploy stage sees it.
pub struct Published<'a> {
    /// The domain.
    pub domain: &'a Domain,
    /// Alias path → canonical path.
    pub aliases: &'a [(String, String)],
    /// Root-relative path of every file written for it (`/docs/index.html`).
    pub paths: &'a BTreeSet<String>,
}

/// The prefix under which the theme publishes its content-hashed assets.
const ASSETS: &str = "/assets/";

/// The rules of one domain.
pub fn rules(p: &Published<'_>) -> Rules {
    let deploy = &p.domain.deploy;
    let extra: Vec<(String, String)> = deploy.headers.iter().map(|(n, v)| (n.clone(), v.clone())).collect();
    let mut header_rules =
        vec![HeaderRule { pattern: "/*".into(), headers: headers::merged(headers::security(), &extra) }];
    let immutable = vec![("Cache-Control".to_owned(), headers::IMMUTABLE.to_owned())];
    let assets: Vec<&String> = p.paths.iter().filter(|f| f.starts_with(ASSETS)).collect();
    if !assets.is_empty() && assets.iter().all(|f| headers::is_hashed(f)) {
        header_rules.push(HeaderRule { pattern: format!("{ASSETS}*"), headers: immutable });
    } else {
        // A file without a hash among the assets: name each hashed file instead.
        let hashed = p.paths.iter().filter(|f| headers::is_hashed(f));
        header_rules.extend(hashed.map(|f| HeaderRule { pattern: f.clone(), headers: immutable.clone() }));
    }
    let mut redirects = Vec::new();
    if deploy.target.redirects() {
        redirects.extend(p.aliases.iter().map(|(from, to)| RedirectRule {
            from: from.clone(),
            to: to.clone(),
            status: 301,
        }));
    }
    redirects.extend(deploy.redirects.iter().map(|r| RedirectRule {
        from: r.from.clone(),
        to: r.to.clone(),
        status: r.status,
    }));
    Rules { target: deploy.target, headers: header_rules, redirects }
}

/// Whether `pattern` matches the root-relative `path`.
pub fn matches(pattern: &str, path: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => path.starts_with(prefix),
        None => pattern == path,
    }
}

impl Rules {
    /// The headers a response for `path` carries: every matching rule in order, a later
    /// one replacing an earlier header of the same name.
    pub fn headers_for(&self, path: &str) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for rule in self.headers.iter().filter(|r| matches(&r.pattern, path)) {
            out = headers::merged(out, &rule.headers);
        }
        out
    }

    /// The redirect for a request path: `/old` and `/old/` both match an alias `/old/`.
    pub fn redirect_for(&self, path: &str) -> Option<&RedirectRule> {
        let bare = path.trim_end_matches('/');
        self.redirects.iter().find(|r| r.from == path || (!bare.is_empty() && r.from.trim_end_matches('/') == bare))
    }
}
