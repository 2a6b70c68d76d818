//! A record's `# H1` may carry inline Markdown (``# 7. Use `bash` and [Go](https://go.dev)``).
//! It becomes two titles: plain text for `<title>`, the log, the graph and the feed, and
//! inline HTML for the page heading. Only code, emphasis, strong, strikethrough and
//! `http(s)` links are kept as markup; raw HTML is shown as text, and any other link
//! (a relative one the heading cannot resolve, a refused scheme) keeps only its text.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::html::escape_into;
use crate::policy::{self, Kind};

/// The title as plain text and, when it has markup, as inline HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// Plain text.
    pub text: String,
    /// Inline HTML; `None` when the title is plain text already.
    pub html: Option<String>,
}

/// Reads the inline Markdown of a heading.
pub fn inline(markdown: &str) -> Title {
    let mut text = String::new();
    let mut html = String::new();
    let mut marked = false;
    let mut link_open: Vec<bool> = Vec::new();
    for event in Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => {
                text.push_str(&t);
                escape_into(&mut html, &t);
            }
            Event::Code(t) => {
                marked = true;
                text.push_str(&t);
                html.push_str("<code>");
                escape_into(&mut html, &t);
                html.push_str("</code>");
            }
            Event::SoftBreak | Event::HardBreak => {
                text.push(' ');
                html.push(' ');
            }
            Event::Start(tag) => marked |= open(&tag, &mut html, &mut link_open),
            Event::End(tag) => close(tag, &mut html, &mut link_open),
            _ => {}
        }
    }
    let text = text.trim().to_owned();
    let html = marked.then(|| html.trim().to_owned());
    Title { text, html }
}

/// Opens an inline element; true when it adds markup.
fn open(tag: &Tag<'_>, html: &mut String, links: &mut Vec<bool>) -> bool {
    let element = match tag {
        Tag::Emphasis => "<em>",
        Tag::Strong => "<strong>",
        Tag::Strikethrough => "<del>",
        Tag::Link { dest_url, .. } => {
            let web = matches!(policy::check(dest_url), Ok(Kind::Web)) && !dest_url.starts_with("//");
            links.push(web);
            if !web {
                return false;
            }
            html.push_str("<a href=\"");
            escape_into(html, dest_url);
            html.push_str("\">");
            return true;
        }
        _ => return false,
    };
    html.push_str(element);
    true
}

fn close(tag: TagEnd, html: &mut String, links: &mut Vec<bool>) {
    match tag {
        TagEnd::Emphasis => html.push_str("</em>"),
        TagEnd::Strong => html.push_str("</strong>"),
        TagEnd::Strikethrough => html.push_str("</del>"),
        TagEnd::Link if links.pop() == Some(true) => html.push_str("</a>"),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_and_links() {
        let t = inline("Use `bash` and [Go](https://go.dev)");
        assert_eq!(t.text, "Use bash and Go");
        assert_eq!(t.html.as_deref(), Some("Use <code>bash</code> and <a href=\"https://go.dev\">Go</a>"));
    }

    #[test]
    fn plain_titles_have_no_html() {
        assert_eq!(inline("Use PostgreSQL").html, None);
        assert_eq!(inline("Fish & chips").text, "Fish & chips");
    }

    #[test]
    fn hostile_markup_is_text() {
        let t = inline("A <script>x</script> and [b](javascript:alert(1)) *c*");
        assert_eq!(t.text, "A <script>x</script> and b c");
        assert_eq!(t.html.as_deref(), Some("A &lt;script&gt;x&lt;/script&gt; and b <em>c</em>"));
    }
}
