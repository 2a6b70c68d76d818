//! What content may do: one URL policy for every URL content controls (Markdown links
//! and images, YAML fields, attributes in raw HTML), and the `site.yaml` setting for raw
//! HTML in Markdown pages. A foundation: every stage that takes a URL from content asks
//! [`check`], and decides only what a refusal costs (an error in YAML, a neutralised
//! link and a warning in Markdown).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What an accepted URL is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `http:`, `https:`, or scheme-relative `//host/…`.
    Web,
    /// `mailto:`.
    Mail,
    /// `tel:`.
    Phone,
    /// `@/path.md`: a content file, resolved per domain.
    Content,
    /// No scheme: a path, `?query` or `#anchor` (also the empty URL).
    Relative,
}

/// Why a URL is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The scheme as a browser reads it, lowercase, without the colon (`javascript`).
    pub scheme: String,
}

impl Refusal {
    /// What the URL does, as a verb phrase: `runs a script`, or what else is wrong.
    pub fn reason(&self) -> String {
        let scheme = &self.scheme;
        match scheme.as_str() {
            "javascript" | "vbscript" => "runs a script".into(),
            "data" => "carries a document of its own, which can run a script".into(),
            _ => format!("uses `{scheme}:`, a scheme content may not link to"),
        }
    }
}

/// The schemes content may use, for hints.
pub const ALLOWED: &str = "https://, http://, mailto:, tel:, a relative path, or @/path.md";

/// The URL policy: `http(s)`, `mailto:`, `tel:`, relative URLs and `@/` content links
/// pass; every other scheme is refused. The scheme is read as a browser reads it
/// (leading spaces and controls skipped, tabs and newlines ignored, any case), so
/// `  JaVa\tScript:` is `javascript:`. Entities must already be decoded.
pub fn check(url: &str) -> Result<Kind, Refusal> {
    if url.starts_with("@/") {
        return Ok(Kind::Content);
    }
    let Some(scheme) = scheme(url) else {
        let trimmed = url.trim_start_matches(|c: char| c <= ' ');
        let web = trimmed.starts_with("//") || trimmed.starts_with("\\\\") || trimmed.starts_with("/\\");
        return Ok(if web { Kind::Web } else { Kind::Relative });
    };
    match scheme.as_str() {
        "http" | "https" => Ok(Kind::Web),
        "mailto" => Ok(Kind::Mail),
        "tel" => Ok(Kind::Phone),
        _ => Err(Refusal { scheme }),
    }
}

/// True when [`check`] refuses `url`.
pub fn is_refused(url: &str) -> bool {
    check(url).is_err()
}

/// The scheme of `url` as the WHATWG URL parser finds it, lowercase; `None` for a
/// relative URL.
fn scheme(url: &str) -> Option<String> {
    let mut chars = url.trim_start_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    let first = chars.next().filter(char::is_ascii_alphabetic)?;
    let mut scheme = String::from(first.to_ascii_lowercase());
    for c in chars {
        match c {
            ':' => return Some(scheme),
            c if c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.') => scheme.push(c.to_ascii_lowercase()),
            _ => return None,
        }
    }
    None
}

/// The warning for a Markdown link (replaced by `#`) or image (shown as its alt text)
/// whose URL the policy refused.
pub fn neutralised(url: &str, image: bool) -> String {
    let reason = check(url).err().map_or_else(|| "is refused".to_owned(), |r| r.reason());
    if image {
        format!("image `{url}` {reason}; its alt text is shown instead")
    } else {
        format!("link to `{url}` {reason}; it was replaced by `#`")
    }
}

/// The hint for [`neutralised`].
pub const NEUTRALISED_HINT: &str = "link to a page, or to an https:// URL, instead";

/// What raw HTML in Markdown pages may do (`site.yaml`: `markdown: { raw_html: … }`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Raw HTML is kept, minus what can run a script or embed another document:
    /// `<script>`, `<iframe>`, `<object>`, `<embed>` and their kin, `on…` event
    /// attributes, and URL attributes the URL policy refuses; each removal is a warning.
    #[default]
    Safe,
    /// Raw HTML is published as written (`site check` still reports `<script>`).
    Trusted,
    /// Raw HTML is shown as text.
    Escape,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_kinds() {
        assert_eq!(check("https://x.ai/a"), Ok(Kind::Web));
        assert_eq!(check("HTTP://x.ai"), Ok(Kind::Web));
        assert_eq!(check("//cdn.x.ai/a.png"), Ok(Kind::Web));
        assert_eq!(check("mailto:a@x.ai"), Ok(Kind::Mail));
        assert_eq!(check("tel:+972-3-000"), Ok(Kind::Phone));
        assert_eq!(check("@/contact.md#form"), Ok(Kind::Content));
        for relative in ["/pricing/", "../a.md", "a.md#x", "#top", "?q=1", "", "a/b:c", "./x:y", "1http:x"] {
            assert_eq!(check(relative), Ok(Kind::Relative), "{relative}");
        }
    }

    #[test]
    fn refused_schemes_as_a_browser_reads_them() {
        for (url, scheme) in [
            ("javascript:alert(1)", "javascript"),
            ("  JaVaScRiPt:alert(1)", "javascript"),
            ("java\tscript:x", "javascript"),
            ("\u{1}javascript:x", "javascript"),
            ("jav\nascript:x", "javascript"),
            ("vbscript:x", "vbscript"),
            ("data:text/html,<script>", "data"),
            ("DATA:image/svg+xml;base64,AAAA", "data"),
            ("file:///etc/passwd", "file"),
            ("ftp://x", "ftp"),
            ("c:/x", "c"),
        ] {
            assert_eq!(check(url), Err(Refusal { scheme: scheme.into() }), "{url:?}");
        }
    }

    #[test]
    fn reasons_name_the_scheme() {
        assert_eq!(Refusal { scheme: "javascript".into() }.reason(), "runs a script");
        assert!(Refusal { scheme: "ftp".into() }.reason().contains("`ftp:`"));
    }
}
