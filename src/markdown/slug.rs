//! Heading ids and URL slugs.

/// The anchor id of a heading: lowercase, letters/digits/`_` kept, spaces and `-`
/// become `-`, other punctuation dropped, repeats collapsed.
pub fn anchor(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' {
            out.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-') && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

/// A URL path component: lowercase ASCII letters, digits and `-`. A name with no
/// ASCII letters or digits (`שלום.md`) gets a stable `p-<hash>` so it still has a URL.
pub fn url_component(text: &str) -> String {
    let slug = ascii_slug(text);
    if slug.is_empty() && !text.is_empty() {
        return format!("p-{}", &blake3::hash(text.as_bytes()).to_hex().as_str()[..8]);
    }
    slug
}

fn ascii_slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_follow_the_documented_rule() {
        assert_eq!(anchor("Alternatives considered"), "alternatives-considered");
        assert_eq!(anchor("Why not hourly billing?"), "why-not-hourly-billing");
        assert_eq!(anchor("SaaS vs. self-host — the trade-off"), "saas-vs-self-host-the-trade-off");
        assert_eq!(anchor("Step 1: `site build`"), "step-1-site-build");
        assert_eq!(anchor("מה מקבלים"), "מה-מקבלים");
    }

    #[test]
    fn url_components_are_ascii() {
        assert_eq!(url_component("Hello World.md"), "hello-world-md");
        assert_eq!(url_component("BDR-0001"), "bdr-0001");
        assert_eq!(url_component("my page"), "my-page");
        let hebrew = url_component("שלום");
        assert!(hebrew.starts_with("p-") && hebrew.len() == 10, "{hebrew}");
    }
}
