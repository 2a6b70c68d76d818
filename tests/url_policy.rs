//! The URL policy in YAML: a navigation link or call to action in `site.yaml`, a plan's
//! call to action or a product's `page:` with a `javascript:`, `data:` or other refused
//! scheme fails the build (E011) at its line, exit code 1, `public/` untouched.

mod common;

use std::path::Path;

use common::{snapshot, Fixture};
use site::diagnostics::Code;
use site::diagnostics::Diagnostic;

/// Builds `case`, rewrites `file` (replacing `from` with `to` once), and checks that the
/// binary fails with exit code 1 and leaves `public/` as it was; returns the one error
/// and the damaged text.
fn refused(case: &str, file: &str, from: &str, to: &str) -> (Diagnostic, String) {
    let f = Fixture::new(case);
    f.build_ok();
    let before = snapshot(&f.out());
    let text = std::fs::read_to_string(f.root().join(file)).expect("fixture file");
    assert!(text.contains(from), "{file} has no `{from}`");
    let damaged = text.replacen(from, to, 1);
    f.write(file, &damaged);
    let run = f.run(&["build"]);
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[E011]"), "{stderr}");
    assert!(snapshot(&f.out()) == before, "public/ changed");
    let errors = f.build_err();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(snapshot(&f.out()) == before, "public/ changed");
    (errors[0].clone(), damaged)
}

/// 1-based column, in characters, of `needle` on the 1-based line `line`.
fn column_of(text: &str, line: usize, needle: &str) -> usize {
    let written = text.lines().nth(line - 1).expect("line");
    written[..written.find(needle).expect(needle)].chars().count() + 1
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).map(|i| i + 1).expect(needle)
}

#[test]
fn a_script_url_in_site_yaml_navigation_is_an_error_at_its_line() {
    let (d, text) =
        refused("basic", "content/site.yaml", "url: /docs/ }", "url: \"javascript:alert(document.cookie)\" }");
    assert_eq!(d.code, Some(Code::E011));
    assert_eq!(d.path, Path::new("content/site.yaml"));
    assert_eq!(d.line, line_of(&text, "javascript:"));
    assert_eq!(d.column, column_of(&text, d.line, "javascript:"));
    assert_eq!(
        d.message,
        "navigation link `Docs` in domain `a` goes to `javascript:alert(document.cookie)`, which runs a script"
    );
}

#[test]
fn a_data_url_in_a_site_yaml_call_to_action_is_an_error_at_its_line() {
    let (d, text) = refused(
        "basic",
        "content/site.yaml",
        "url: \"@/docs/guide.md#install\"",
        "url: \"  DATA:text/html;base64,PHNjcmlwdD4=\"",
    );
    assert_eq!(d.line, line_of(&text, "DATA:"));
    assert_eq!(d.column, column_of(&text, d.line, "  DATA:"));
    assert_eq!(
        d.message,
        "call to action `Start` in domain `a` goes to `  DATA:text/html;base64,PHNjcmlwdD4=`, which carries a \
         document of its own, which can run a script"
    );
    assert_eq!(
        d.hint.as_deref(),
        Some("a link in site.yaml is https://, http://, mailto:, tel:, a relative path, or @/path.md")
    );
}

#[test]
fn a_script_url_in_a_plan_call_to_action_is_an_error_at_its_line() {
    let (d, text) = refused(
        "pricing-basic",
        "content/pricing/widget.yaml",
        "url: \"https://widget.example/sales\"",
        "url: \"javascript:alert(1)\"",
    );
    assert_eq!(d.code, Some(Code::E011));
    assert_eq!(d.path, Path::new("content/pricing/widget.yaml"));
    assert_eq!(d.line, line_of(&text, "javascript:"));
    assert_eq!(d.message, "plan `enterprise`: the call to action goes to `javascript:alert(1)`, which runs a script");
}

#[test]
fn a_data_url_as_a_product_page_is_an_error_at_its_line() {
    let (d, text) =
        refused("pricing-basic", "content/products/widget.yaml", "page: \"@/contact.md\"", "page: \"data:,hello\"");
    assert_eq!(d.path, Path::new("content/products/widget.yaml"));
    assert_eq!(d.line, line_of(&text, "data:,hello"));
    assert_eq!(
        d.message,
        "product `widget`: `page` goes to `data:,hello`, which carries a document of its own, which can run a script"
    );
}

#[test]
fn other_schemes_are_refused_too_and_allowed_ones_build() {
    let (d, _) = refused("basic", "content/site.yaml", "url: /docs/ }", "url: \"file:///etc/passwd\" }");
    assert_eq!(d.message, "navigation link `Docs` in domain `a` goes to `file:///etc/passwd`, which uses `file:`, a scheme content may not link to");
    let f = Fixture::new("basic");
    let text = std::fs::read_to_string(f.root().join("content/site.yaml")).expect("site.yaml");
    let allowed = "url: /docs/ }\n      - { label: Mail, url: \"mailto:hi@a.example\" }\n      - { label: Call, url: \"tel:+1-555-0100\" }\n      - { label: Web, url: \"https://x.example/\" }";
    f.write("content/site.yaml", &text.replacen("url: /docs/ }", allowed, 1));
    f.build_ok();
}
