//! Unit tests of `site.yaml` parsing and validation.

use super::*;

const MINIMAL: &str = "brand: {name: X, tagline: Y}\ndomains:\n  - key: ai\n    host: x.ai\n    base_url: https://x.ai/\n    language: en\n    direction: ltr\n    currency: USD\n    title: X\n";

#[test]
fn parses_minimal_config() {
    let config = Config::parse(MINIMAL, Path::new("site.yaml")).unwrap();
    assert_eq!(config.domains[0].base_url, "https://x.ai");
    assert_eq!(config.domains[0].home_path(), "_index.md");
    assert!(config.validate(MINIMAL, Path::new("site.yaml")).is_empty());
}

#[test]
fn duplicate_keys_are_located() {
    let text = format!("{MINIMAL}  - key: ai\n    host: y.ai\n    base_url: https://y.ai\n    language: en\n    direction: ltr\n    currency: usd\n    title: Y\n");
    let config = Config::parse(&text, Path::new("site.yaml")).unwrap();
    let problems = config.validate(&text, Path::new("site.yaml"));
    assert_eq!(problems.len(), 2);
    assert_eq!(problems[0].line, 3);
    assert!(problems[0].message.contains("`ai` is used twice"));
    assert!(problems[1].message.contains("`usd` is not an ISO 4217 code"));
}
