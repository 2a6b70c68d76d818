//! What the `safe` raw-HTML setting removes, and why: the element and attribute lists
//! the sanitiser in [`super`] reads.

use crate::policy;

/// Elements removed with their tags (their content stays, but for `script` and
/// `iframe`, whose content a browser never shows as HTML).
pub const REMOVED: &[&str] = &[
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base", "meta", "link",
    // SVG animation can set an `href` to a script URL after the page loads.
    "animate", "set",
];

/// Removed elements whose content is raw text up to their end tag.
pub const RAW_TEXT: &[&str] = &["script", "iframe"];

/// Attributes that hold one URL.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "cite",
    "background",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "manifest",
    "codebase",
    "data",
    "icon",
    "classid",
    "archive",
    "usemap",
];

/// Elements whose content a browser reads as text: ids written inside them are not ids.
pub const TEXT_ONLY: &[&str] =
    &["script", "iframe", "style", "textarea", "title", "xmp", "noembed", "noframes", "noscript"];

/// Attributes that hold a list of URLs (`srcset="a.png 1x, b.png 2x"`, `ping="a b"`).
const URL_LIST_ATTRIBUTES: &[&str] = &["srcset", "imagesrcset", "ping"];

/// Letters, digits, `-`, `_`, `:` and `.`: a tag or attribute name written back as it is.
pub fn is_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
}

pub fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

pub fn element_reason(name: &str) -> &'static str {
    match name {
        "script" => "runs a script",
        "base" => "would change where every link on the page goes",
        "meta" | "link" => "can redirect the page or load other documents",
        "animate" | "set" => "can turn a link into a script URL",
        _ => "embeds another document",
    }
}

/// Why an attribute (name lowercased, value decoded) is removed, if it is.
pub fn attribute_problem(name: &str, value: &str) -> Option<String> {
    if name.starts_with("on") {
        return Some("event-handler attributes run scripts".into());
    }
    if name == "srcdoc" {
        return Some("it embeds a document".into());
    }
    if !is_name(name) {
        return Some("not an attribute name".into());
    }
    let urls: Vec<&str> = if URL_ATTRIBUTES.contains(&name) {
        vec![value]
    } else if URL_LIST_ATTRIBUTES.contains(&name) {
        let separator = if name == "ping" { ' ' } else { ',' };
        value.split(separator).map(|part| part.split_whitespace().next().unwrap_or("")).collect()
    } else {
        Vec::new()
    };
    urls.into_iter().find_map(|url| policy::check(url).err()).map(|refusal| format!("its URL {}", refusal.reason()))
}
