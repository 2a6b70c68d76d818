//! Heading ids and URL slugs.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// The anchor id of a heading, by GitHub's rule (the one its `github-slugger` reference
/// implementation follows): the text is lowercased (Unicode's full lowercase mapping);
/// every space becomes `-`; `-` stays; every other character stays only if it is a letter
/// (`L*`), a mark (`M*`), a decimal digit (`Nd`), a letter number (`Nl`) or connector
/// punctuation (`Pc`, which holds `_`). So punctuation, symbols (emoji among them),
/// other numbers (`²`, `½`), tabs, non-breaking spaces and format characters are dropped,
/// and nothing is collapsed or trimmed: `Discussion - 13th February` →
/// `discussion---13th-february`, `-ceol style` → `-ceol-style`, `מה מקבלים` → `מה-מקבלים`.
/// `text` is the heading's text as a reader sees it (inline code and link text included).
pub fn anchor(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' | '-' => Some('-'),
            c if is_word(c) => Some(c),
            _ => None,
        })
        .collect()
}

/// True for a letter, mark, decimal digit, letter number or connector punctuation.
fn is_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    WORD.binary_search_by(|&(start, end)| {
        if end < c {
            std::cmp::Ordering::Less
        } else if start > c {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    })
    .is_ok()
}

/// The ranges of [`is_word`], sorted, read once from regex-syntax's Unicode tables
/// (immutable once built).
static WORD: std::sync::LazyLock<Vec<(char, char)>> = std::sync::LazyLock::new(|| {
    use regex_syntax::hir::{Class, HirKind};
    let hir = regex_syntax::Parser::new().parse(r"[\p{L}\p{M}\p{Nd}\p{Nl}\p{Pc}]");
    match hir.as_ref().map(|h| h.kind()) {
        Ok(HirKind::Class(Class::Unicode(class))) => class.ranges().iter().map(|r| (r.start(), r.end())).collect(),
        // The pattern is fixed; a crate built without its Unicode tables is a build mistake.
        _ => unreachable!("regex-syntax lacks the Unicode general categories"),
    }
});

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
    // ASCII needs no normalising (the common case: no copy).
    let text = if text.is_ascii() { std::borrow::Cow::Borrowed(text) } else { std::borrow::Cow::Owned(nfc(text)) };
    let slug = ascii_slug(&text);
    if slug.is_empty() && !text.is_empty() {
        return format!("p-{}", &blake3::hash(text.as_bytes()).to_hex().as_str()[..8]);
    }
    slug
}

fn ascii_slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut push = |c: char| {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c.to_ascii_lowercase());
        } else if let Some(spelled) = spelled_out(c) {
            out.push_str(spelled);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    };
    if text.is_ascii() {
        text.chars().for_each(&mut push);
    } else {
        text.nfd().filter(|c| !is_combining_mark(*c)).for_each(&mut push);
    }
    // Only a leading `-` can be left at the start (runs are collapsed), so trim in place.
    while out.ends_with('-') {
        out.pop();
    }
    if out.starts_with('-') {
        out.remove(0);
    }
    out
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
        assert_eq!(anchor("Step 1: `site build`"), "step-1-site-build");
        assert_eq!(anchor("מה מקבלים"), "מה-מקבלים");
    }

    #[test]
    fn anchors_keep_every_hyphen_as_github_does() {
        assert_eq!(anchor("Discussion - 13th February"), "discussion---13th-february");
        assert_eq!(anchor("-ceol style"), "-ceol-style");
        assert_eq!(anchor("SaaS vs. self-host — the trade-off"), "saas-vs-self-host--the-trade-off");
        assert_eq!(anchor("Deployment & Continuous Deployment (CD)"), "deployment--continuous-deployment-cd");
        assert_eq!(anchor("Does it modify order/cart?"), "does-it-modify-ordercart");
        assert_eq!(anchor("Is it done ?"), "is-it-done-");
        assert_eq!(anchor(" padded "), "-padded-");
        assert_eq!(anchor("a--b"), "a--b");
    }

    #[test]
    fn anchors_keep_letters_of_every_script_and_drop_symbols() {
        assert_eq!(anchor("Ünïcödé Straße"), "ünïcödé-straße");
        assert_eq!(anchor("ΣΟΦΟΣ"), "σοφος");
        assert_eq!(anchor("Привет Мир"), "привет-мир");
        assert_eq!(anchor("नमस्ते दुनिया"), "नमस्ते-दुनिया");
        assert_eq!(anchor("日本語の見出し"), "日本語の見出し");
        assert_eq!(anchor("🎉 Release 1.0 ✨"), "-release-10-");
        assert_eq!(anchor("x² + ½ ① Ⓐ"), "x----");
        assert_eq!(anchor("snake_case and ‿tie"), "snake_case-and-‿tie");
        assert_eq!(anchor("Roman Ⅻ"), "roman-ⅻ");
        assert_eq!(anchor("tab\there\u{a0}nbsp\u{200b}zw"), "tabherenbspzw");
        assert_eq!(anchor("cafe\u{301}"), "cafe\u{301}");
        assert_eq!(anchor("$100 @home #1 \"quoted\" 'single' [x](y) <b>"), "100-home-1-quoted-single-xy-b");
        assert_eq!(anchor("¿?"), "");
    }

    #[test]
    fn url_components_are_ascii() {
        assert_eq!(url_component("Hello World.md"), "hello-world-md");
        assert_eq!(url_component("BDR-0001"), "bdr-0001");
        assert_eq!(url_component("my page"), "my-page");
        assert_eq!(url_component("--a  b--"), "a-b");
        assert_eq!(url_component("---"), format!("p-{}", &blake3::hash(b"---").to_hex().as_str()[..8]));
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
