//! The pages serve mode makes itself: the landing page at `http://127.0.0.1:PORT/`
//! linking every domain, and the page shown when no build has succeeded yet. Pure.

use crate::html::escape;

use super::rewrite::LocalHost;

const STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem}\
                     a{color:#0b57d0}li{margin:.4rem 0}code,pre{font:14px ui-monospace,monospace}\
                     pre{white-space:pre-wrap;background:#fff4f4;border:1px solid #d93025;padding:1rem}\
                     @media(prefers-color-scheme:dark){body{background:#111;color:#eee}a{color:#8ab4f8}\
                     pre{background:#2a1212}}";

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n\
         <style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    )
}

/// Links to every domain's local address, and the failing build's diagnostics if any.
pub fn landing(hosts: &[LocalHost], error: Option<&str>) -> String {
    let mut body = String::from("<h1>site serve</h1>\n<p>Every domain, live. Edits appear by themselves.</p>\n<ul>\n");
    for h in hosts {
        body.push_str(&format!(
            "<li><a href=\"{}/\">{}/</a> — <code>{}</code> (<code>{}</code>)</li>\n",
            escape(&h.local),
            escape(&h.local),
            escape(&h.host),
            escape(&h.key)
        ));
    }
    body.push_str("</ul>\n");
    if let Some(text) = error {
        body.push_str(&format!("<h2>The last build failed</h2>\n<pre>{}</pre>\n", escape(text)));
    }
    page("site serve", &body)
}

/// Shown for every page while no build has succeeded yet.
pub fn no_build(error: Option<&str>) -> String {
    let text = error.unwrap_or("The site is being built.");
    page(
        "Build failed · site serve",
        &format!(
            "<h1>The site does not build yet</h1>\n<p>Fix the error below; this page reloads by itself.</p>\n\
             <pre>{}</pre>\n",
            escape(text)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn landing_links_every_domain_and_escapes() {
        let hosts = vec![
            LocalHost::new("ai", "connectsoft.ai", "https://connectsoft.ai", 1111),
            LocalHost::new("dev", "connectsoft.dev", "https://connectsoft.dev", 1111),
        ];
        let html = landing(&hosts, Some("error: <b>x</b>"));
        assert!(html.contains("<a href=\"http://ai.localhost:1111/\">"));
        assert!(html.contains("<a href=\"http://dev.localhost:1111/\">"));
        assert!(html.contains("error: &lt;b&gt;x&lt;/b&gt;"));
        assert!(html.contains("</body>"));
        assert!(!landing(&hosts, None).contains("failed"));
    }

    #[test]
    fn no_build_page_shows_the_error() {
        let html = no_build(Some("error: content/site.yaml:3: <bad>"));
        assert!(html.contains("content/site.yaml:3: &lt;bad&gt;") && html.contains("</body>"));
    }
}
