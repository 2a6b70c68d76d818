//! What the deploy stage refuses, each at its place in `site.yaml`: a malformed
//! `deploy:` block (E015), a redirect to nothing, across domains too (E016), a host's
//! limits (E017: Azure's 20 KB file, Cloudflare's 2,000 static and 100 dynamic
//! redirects and 100 header rules), and a redirect hiding a page (W014).

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::Fixture;
use site::config::Config;
use site::deploy::{self, check::Output, Published};
use site::diagnostics::{Code, Diagnostic, Severity};

const HEAD: &str = "brand: {name: X, tagline: Y}\ndomains:\n  - key: a\n    host: a.example\n    base_url: https://a.example\n    language: en\n    direction: ltr\n    currency: USD\n    title: A\n";

/// The one domain of `HEAD` + `deploy`, its rules given `aliases` and `paths`, checked.
fn check(deploy: &str, aliases: &[(String, String)], paths: &BTreeSet<String>) -> Vec<Diagnostic> {
    let text = format!("{HEAD}{deploy}");
    let config = Config::parse(&text, Path::new("content/site.yaml")).expect("parses");
    assert!(config.validate(&text, Path::new("content/site.yaml")).is_empty());
    let domain = &config.domains[0];
    let rules = deploy::rules(&Published { domain, aliases, paths });
    deploy::check(&text, &[Output { domain, rules: &rules, paths }])
}

fn site_paths() -> BTreeSet<String> {
    ["/index.html", "/404.html", "/docs/index.html", "/assets/style.0123456789.css"].map(String::from).into()
}

fn aliases(n: usize, width: usize) -> Vec<(String, String)> {
    (0..n).map(|i| (format!("/old/{i:0width$}/"), "/docs/".to_owned())).collect()
}

fn only(found: &[Diagnostic]) -> &Diagnostic {
    assert_eq!(found.len(), 1, "{found:#?}");
    &found[0]
}

fn assert_at(d: &Diagnostic, code: Code, line: usize, column: usize, message: &str) {
    assert_eq!(
        (d.code, d.path.as_path(), d.line, d.column),
        (Some(code), Path::new("content/site.yaml"), line, column)
    );
    assert_eq!(d.message, message);
}

#[test]
fn azure_config_over_20_kb_is_refused() {
    let deploy = "    deploy:\n      target: azure-static-web-apps\n";
    assert!(check(deploy, &aliases(100, 3), &site_paths()).is_empty(), "100 aliases fit");
    let found = check(deploy, &aliases(150, 60), &site_paths());
    let d = only(&found);
    assert!(d.message.starts_with("staticwebapp.config.json for a.example is "), "{}", d.message);
    assert!(d.message.ends_with(" bytes; Azure Static Web Apps accepts at most 20480 (20 KB)"), "{}", d.message);
    assert_eq!((d.code, d.line, d.column), (Some(Code::E017), 11, 15));
}

#[test]
fn cloudflare_static_redirects_past_2000_are_refused() {
    let deploy = "    deploy:\n      target: cloudflare-pages\n";
    assert!(check(deploy, &aliases(2000, 4), &site_paths()).is_empty(), "2,000 fit");
    let found = check(deploy, &aliases(2001, 4), &site_paths());
    assert_at(
        only(&found),
        Code::E017,
        11,
        15,
        "a.example has 2001 static redirects; Cloudflare Pages accepts at most 2000",
    );
}

#[test]
fn cloudflare_dynamic_redirects_past_100_are_refused() {
    let redirects =
        |n: usize| (0..n).map(|i| format!("        - {{ from: /r{i}/*, to: /docs/ }}\n")).collect::<String>();
    let deploy = |n| format!("    deploy:\n      target: cloudflare-pages\n      redirects:\n{}", redirects(n));
    assert!(check(&deploy(100), &[], &site_paths()).is_empty());
    let found = check(&deploy(101), &[], &site_paths());
    assert_at(
        only(&found),
        Code::E017,
        11,
        15,
        "a.example has 101 dynamic redirects; Cloudflare Pages accepts at most 100",
    );
}

#[test]
fn cloudflare_header_rules_past_100_are_refused() {
    // A file without a hash among the assets: each hashed file gets its own rule.
    let mut paths = site_paths();
    paths.insert("/assets/plain.css".into());
    let deploy = "    deploy:\n      target: cloudflare-pages\n";
    for i in 0..98 {
        paths.insert(format!("/img/{i}.0123456789.png"));
    }
    assert!(check(deploy, &[], &paths).is_empty(), "`/*` and 99 hashed files: 100 rules");
    paths.insert("/img/last.0123456789.png".into());
    let found = check(deploy, &[], &paths);
    assert_at(only(&found), Code::E017, 11, 15, "a.example has 101 header rules; Cloudflare Pages accepts at most 100");
}

#[test]
fn unhashed_files_are_never_immutable() {
    let mut paths = site_paths();
    paths.insert("/assets/plain.css".into());
    let config = Config::parse(HEAD, Path::new("site.yaml")).unwrap();
    let rules = deploy::rules(&Published { domain: &config.domains[0], aliases: &[], paths: &paths });
    let cache = |p: &str| rules.headers_for(p).into_iter().find(|(n, _)| n == "Cache-Control").map(|(_, v)| v);
    assert_eq!(cache("/assets/plain.css").as_deref(), Some("no-cache"));
    assert_eq!(cache("/assets/style.0123456789.css").as_deref(), Some("public, max-age=31536000, immutable"));
    assert_eq!(cache("/docs/index.html").as_deref(), Some("no-cache"));
}

#[test]
fn malformed_deploy_blocks_are_located() {
    let text = format!(
        "{HEAD}    deploy:\n      target: netlify\n      headers: {{ \"Bad Name\": x }}\n      redirects:\n        - {{ from: old, to: /docs/ }}\n        - {{ from: /a/, to: \"ftp://x\", status: 303 }}\n"
    );
    let config = Config::parse(&text, Path::new("content/site.yaml")).expect("parses");
    let found = config.validate(&text, Path::new("content/site.yaml"));
    assert_eq!(found.len(), 4, "{found:#?}");
    assert_at(&found[0], Code::E015, 12, 19, "header name `Bad Name` is not a token");
    assert_at(&found[1], Code::E015, 14, 19, "redirect from `old` is not a root-relative path");
    assert_at(
        &found[2],
        Code::E015,
        15,
        28,
        "redirect to `ftp://x` is neither a root-relative path nor an http(s) URL",
    );
    assert_at(&found[3], Code::E015, 15, 47, "redirect status 303 is not 301, 302, 307 or 308");
    let azure = format!("{HEAD}    deploy:\n      target: azure-static-web-apps\n      redirects: [{{ from: /a/, to: /b/, status: 308 }}]\n");
    let config = Config::parse(&azure, Path::new("content/site.yaml")).expect("parses");
    let found = config.validate(&azure, Path::new("content/site.yaml"));
    assert_at(
        only(&found),
        Code::E015,
        12,
        49,
        "redirect status 308 is not one Azure Static Web Apps sends (301 or 302)",
    );
    let unknown = Config::parse(&format!("{HEAD}    deploy: {{ target: vercel }}\n"), Path::new("content/site.yaml"));
    assert_eq!(unknown.expect_err("unknown target").code, Some(Code::E004));
}

/// The `basic` fixture with `deploy` on domain b (`Site B`).
fn fixture_b(deploy: &str) -> Fixture {
    let f = Fixture::new("basic");
    let yaml = std::fs::read_to_string(f.root().join("content/site.yaml")).unwrap();
    f.write("content/site.yaml", &yaml.replace("    title: Site B\n", &format!("    title: Site B\n{deploy}")));
    f
}

#[test]
fn redirect_targets_must_exist_across_domains() {
    let f = fixture_b(
        "    deploy:\n      target: netlify\n      redirects:\n        - { from: /guide/, to: \"https://a.example/docs/guide/\" }\n        - { from: /gone/, to: \"https://a.example/docs/nothing/\" }\n        - { from: /here/, to: /blog/missing/ }\n",
    );
    let found = f.build_err();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_at(
        &found[0],
        Code::E016,
        29,
        31,
        "redirect from `/gone/` goes to `https://a.example/docs/nothing/`, which a.example does not publish",
    );
    assert_at(
        &found[1],
        Code::E016,
        30,
        31,
        "redirect from `/here/` goes to `/blog/missing/`, which b.example does not publish",
    );
}

#[test]
fn a_redirect_hiding_a_page_is_a_warning() {
    let f = fixture_b("    deploy:\n      target: netlify\n      redirects:\n        - { from: /blog/, to: / }\n");
    let report = f.build_ok();
    let d = report.warnings.iter().find(|d| d.code == Some(Code::W014)).expect("W014");
    assert_eq!(d.severity, Severity::Warning);
    assert_at(d, Code::W014, 28, 19, "redirect from `/blog/` hides a page b.example publishes");
}
