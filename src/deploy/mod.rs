//! Stage 5, publish: each domain's host configuration, made from its `deploy:` block,
//! its page aliases and the paths the build wrote. [`rules`] decides the headers and
//! redirects once; [`files`] writes them in the host's format (one module per host);
//! [`check`] holds them to the host's limits and every redirect to a real target;
//! `site serve` answers with the same [`Rules`].

pub mod azure;
pub mod check;
pub mod headers;
pub mod netlify;
pub mod rules;

use std::collections::BTreeSet;

use crate::config::{Domain, Target};

pub use check::check;
pub use rules::{matches, rules, HeaderRule, Published, RedirectRule, Rules};

/// The host files of one domain, by path relative to its output folder.
pub fn files(domain: &Domain, rules: &Rules, paths: &BTreeSet<String>) -> Vec<(String, Vec<u8>)> {
    match rules.target {
        Target::AzureStaticWebApps => vec![(azure::FILE.into(), azure::config(rules, paths).into_bytes())],
        Target::Netlify | Target::CloudflarePages => vec![
            ("_headers".into(), netlify::headers(rules).into_bytes()),
            ("_redirects".into(), netlify::redirects(rules).into_bytes()),
        ],
        Target::GithubPages => {
            vec![("CNAME".into(), format!("{}\n", domain.host).into_bytes()), (".nojekyll".into(), Vec::new())]
        }
        Target::None => Vec::new(),
    }
}
