//! Heading ids and URL slugs.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

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

/// `text` in Unicode normalisation form C. macOS saves file names decomposed (NFD:
/// `e` + U+0301), Linux and Windows as typed (usually NFC); both mean the same name.
pub fn nfc(text: &str) -> String {
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text.to_owned(),
        _ => text.nfc().collect(),
    }
}

/// A URL path component: lowercase ASCII letters, digits, `_` and `-`. Accented Latin
/// letters lose their accents (`café` → `cafe`, whichever normalisation form the name
/// was saved in), a few letters are spelled out (`ß` → `ss`, `æ` → `ae`), any other
/// character separates words. A name with no ASCII letters or digits left (`שלום.md`)
/// gets a stable `p-<hash>` of its NFC form so it still has a URL.
pub fn url_component(text: &str) -> String {
    let text = nfc(text);
    let slug = ascii_slug(&text);
    if slug.is_empty() && !text.is_empty() {
        return format!("p-{}", &blake3::hash(text.as_bytes()).to_hex().as_str()[..8]);
    }
    slug
}

fn ascii_slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c.to_ascii_lowercase());
        } else if let Some(spelled) = spelled_out(c) {
            out.push_str(spelled);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

/// Latin letters that do not decompose into a base letter and an accent.
fn spelled_out(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'þ' | 'Þ' => "th",
        'ı' => "i",
        _ => return None,
    })
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
        assert_eq!(hebrew, format!("p-{}", &blake3::hash("שלום".as_bytes()).to_hex().as_str()[..8]));
    }

    #[test]
    fn accents_are_dropped_in_either_normalisation_form() {
        assert_eq!(url_component("caf\u{e9}"), "cafe");
        assert_eq!(url_component("cafe\u{301}"), "cafe");
        assert_eq!(url_component("R\u{e9}sum\u{e9} 2026"), "resume-2026");
        assert_eq!(url_component("Stra\u{df}e"), "strasse");
        assert_eq!(url_component("\u{c6}sir \u{f8}l"), "aesir-ol");
        assert_eq!(nfc("cafe\u{301}"), "caf\u{e9}");
    }
}
