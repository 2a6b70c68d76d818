//! Netlify and Cloudflare Pages: `_headers` (a path line, then indented `Name: value`
//! lines) and `_redirects` (`from to status` per line). The two hosts differ where
//! rules overlap: Netlify lets a later rule's header replace an earlier one, Cloudflare
//! joins both values with a comma unless the later rule first detaches the header with
//! `! Name`; and a Netlify redirect from a path that has a file needs `!` to apply.

use crate::config::Target;

use super::rules::Rules;

/// Cloudflare Pages: static redirects at most.
pub const MAX_STATIC_REDIRECTS: usize = 2000;
/// Cloudflare Pages: dynamic redirects (a `*` splat or a `:placeholder`) at most.
pub const MAX_DYNAMIC_REDIRECTS: usize = 100;
/// Cloudflare Pages: header rules at most.
pub const MAX_HEADER_RULES: usize = 100;

/// The `_headers` file.
pub fn headers(rules: &Rules) -> String {
    let mut out = String::from("# Written by `site build` from site.yaml; edits are overwritten.\n");
    for (i, rule) in rules.headers.iter().enumerate() {
        out.push_str(&rule.pattern);
        out.push('\n');
        for (name, value) in &rule.headers {
            let earlier = rules.headers[..i].iter().any(|r| {
                super::rules::matches(&r.pattern, rule.pattern.trim_end_matches('*'))
                    && r.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
            });
            if earlier && rules.target == Target::CloudflarePages {
                out.push_str(&format!("  ! {name}\n"));
            }
            out.push_str(&format!("  {name}: {value}\n"));
        }
    }
    out
}

/// The `_redirects` file.
pub fn redirects(rules: &Rules) -> String {
    let mut out = String::from("# Written by `site build` from site.yaml; edits are overwritten.\n");
    let force = if rules.target == Target::Netlify { "!" } else { "" };
    for r in &rules.redirects {
        out.push_str(&format!("{} {} {}{force}\n", r.from, r.to, r.status));
    }
    out
}

/// Whether a redirect source is dynamic for Cloudflare Pages (a splat or placeholder).
pub fn is_dynamic(from: &str) -> bool {
    from.contains('*') || from.split('/').any(|s| s.starts_with(':'))
}
