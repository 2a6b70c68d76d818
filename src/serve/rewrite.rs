//! What serve mode changes in served text, and only there: each domain's base URL
//! becomes its local address (`https://connectsoft.dev/x/` → `http://dev.localhost:1111/x/`)
//! so a writer can click between domains, and HTML gets the live-reload script. Pure.

/// One domain as served locally.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalHost {
    /// Domain key (`dev`).
    pub key: String,
    /// Published host (`connectsoft.dev`), the folder of its output.
    pub host: String,
    /// Published base URL (`https://connectsoft.dev`).
    pub base_url: String,
    /// Local base URL (`http://dev.localhost:1111`).
    pub local: String,
}

impl LocalHost {
    /// The local address of a domain served on `port`.
    pub fn new(key: &str, host: &str, base_url: &str, port: u16) -> LocalHost {
        LocalHost {
            key: key.to_owned(),
            host: host.to_owned(),
            base_url: base_url.trim_end_matches('/').to_owned(),
            local: format!("http://{key}.localhost:{port}"),
        }
    }

    /// The `Host` header value (without port) that selects this domain.
    pub fn local_name(&self) -> String {
        format!("{}.localhost", self.key)
    }
}

/// Replaces every domain's base URL in `text` by its local one. A base URL only
/// matches where the host name ends (`https://a.example` does not match inside
/// `https://a.example.org`).
pub fn localise(text: &str, hosts: &[LocalHost]) -> String {
    let mut out = String::with_capacity(text.len() + 256);
    let mut rest = text;
    while let Some(at) = rest.find("http") {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        match hosts
            .iter()
            .filter(|h| !h.base_url.is_empty() && ends_host(tail, &h.base_url))
            .max_by_key(|h| h.base_url.len())
        {
            Some(h) => {
                out.push_str(&h.local);
                rest = &tail[h.base_url.len()..];
            }
            None => {
                out.push_str("http");
                rest = &tail[4..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// True when `text` starts with `base` and the host name ends right after it.
fn ends_host(text: &str, base: &str) -> bool {
    text.starts_with(base)
        && !text[base.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':'))
}

/// The tag that loads the live-reload client; `build` and `run` (one per server start)
/// let it notice a rebuild or a restart it missed.
pub fn script_tag(build: u64, run: &str) -> String {
    format!("<script src=\"/__site/live.js\" data-build=\"{build}\" data-run=\"{run}\"></script>\n")
}

/// Inserts `tag` before the last `</body>` (any case), or at the end when there is none.
pub fn inject(html: &str, tag: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let at = lower.rfind("</body>").unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + tag.len());
    out.push_str(&html[..at]);
    out.push_str(tag);
    out.push_str(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts() -> Vec<LocalHost> {
        vec![
            LocalHost::new("ai", "connectsoft.ai", "https://connectsoft.ai", 1111),
            LocalHost::new("dev", "connectsoft.dev", "https://connectsoft.dev/", 1111),
            LocalHost::new("il", "connectsoft.co.il", "https://connectsoft.co.il", 1111),
        ]
    }

    #[test]
    fn base_urls_become_local() {
        let html = r#"<a href="https://connectsoft.dev/decisions/">d</a> <link rel="canonical" href="https://connectsoft.ai/">"#;
        assert_eq!(
            localise(html, &hosts()),
            r#"<a href="http://dev.localhost:1111/decisions/">d</a> <link rel="canonical" href="http://ai.localhost:1111/">"#
        );
        assert_eq!(localise("https://connectsoft.co.il", &hosts()), "http://il.localhost:1111");
        assert_eq!(localise("(https://connectsoft.ai#x)", &hosts()), "(http://ai.localhost:1111#x)");
    }

    #[test]
    fn other_urls_are_left_alone() {
        for text in [
            "https://connectsoft.ai.evil.example/",
            "https://connectsoft.dev-docs.example/",
            "https://connectsoft.aix/",
            "https://connectsoft.ai:8443/",
            "http://connectsoft.ai/",
            "https://example.com/?u=https",
            "plain text, http, https:",
            "",
            "ends with http",
        ] {
            assert_eq!(localise(text, &hosts()), text);
        }
    }

    #[test]
    fn non_ascii_text_survives() {
        let text = "שלום https://connectsoft.co.il/about/ ‏1,790 ₪ https";
        assert_eq!(localise(text, &hosts()), "שלום http://il.localhost:1111/about/ ‏1,790 ₪ https");
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let tag = script_tag(7, "r1");
        assert!(tag.contains("data-build=\"7\" data-run=\"r1\""));
        assert_eq!(inject("<p>x</p></body></html>", "<s>"), "<p>x</p><s></body></html>");
        assert_eq!(inject("<pre>&lt;/body&gt;</pre></BODY>", "<s>"), "<pre>&lt;/body&gt;</pre><s></BODY>");
        assert_eq!(inject("<p>no body end", "<s>"), "<p>no body end<s>");
    }
}
