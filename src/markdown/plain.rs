//! A body's words as plain text (what the search index reads): rendered HTML with its
//! tags dropped (a block element is a word break, an inline one is not), entities
//! decoded and every run of white space one space, in a single pass over the HTML.
//!
//! A cold `site build` calls it in the parse stage on the HTML that stage makes anyway,
//! so the index never needs a body made again; the dev server calls it on the bodies it
//! keeps. Highlighted and unhighlighted code give the same text (`<span>` is inline).

/// The text of rendered HTML, white space collapsed and trimmed.
pub fn text(html: &str) -> String {
    let mut out = Collapsed { out: String::with_capacity(html.len() / 2), gap: false };
    let bytes = html.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' => {
                out.push_text(&html[run..i]);
                let tag = html[i + 1..].trim_start_matches('/');
                let name = &tag[..tag.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(tag.len())];
                if !INLINE.iter().any(|inline| inline.eq_ignore_ascii_case(name)) {
                    out.gap = true;
                }
                // A tag that never ends takes the rest with it.
                i = html[i..].find('>').map_or(bytes.len(), |end| i + end + 1);
                run = i;
            }
            b'&' => {
                out.push_text(&html[run..i]);
                match entity_end(bytes, i).and_then(|e| Some((e, entity(&html[i + 1..e])?))) {
                    Some((end, c)) => {
                        out.push_char(c);
                        i = end + 1;
                    }
                    None => {
                        out.push_char('&');
                        i += 1;
                    }
                }
                run = i;
            }
            _ => i += 1,
        }
    }
    out.push_text(&html[run..]);
    out.out
}

/// Elements inside a line of text: no word break where they start or end.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "cite", "code", "del", "em", "i", "ins", "kbd", "mark", "s", "small", "span", "strong",
    "sub", "sup", "u",
];

/// The `;` ending an entity that starts at `amp`: at most ten bytes on, before any tag.
fn entity_end(bytes: &[u8], amp: usize) -> Option<usize> {
    for at in amp + 1..=amp + 10 {
        match bytes.get(at) {
            Some(b';') => return Some(at),
            None | Some(b'<') => return None,
            Some(_) => {}
        }
    }
    None
}

/// The character an entity name (between `&` and `;`) stands for, if it is one the
/// Markdown stage writes (named ones) or a number.
fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" | "#39" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// Text written with runs of white space as one space, none at either end.
struct Collapsed {
    out: String,
    /// White space (or a block's edge) since the last character written.
    gap: bool,
}

impl Collapsed {
    fn push_text(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut word = 0;
        let mut i = 0;
        while i < bytes.len() {
            let (space, width) = match bytes[i] {
                b @ 0..0x80 => (matches!(b, b'\t'..=b'\r' | b' '), 1),
                _ => text[i..].chars().next().map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
            };
            if space {
                self.push_word(&text[word..i]);
                self.gap = true;
                word = i + width;
            }
            i += width;
        }
        self.push_word(&text[word..]);
    }

    fn push_word(&mut self, word: &str) {
        if word.is_empty() {
            return;
        }
        if self.gap && !self.out.is_empty() {
            self.out.push(' ');
        }
        self.gap = false;
        self.out.push_str(word);
    }

    fn push_char(&mut self, c: char) {
        if c.is_whitespace() {
            self.gap = true;
        } else {
            self.push_word(c.encode_utf8(&mut [0; 4]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two passes this one replaces: HTML to text, then white space collapsed.
    fn reference(html: &str) -> String {
        let mut out = String::new();
        let mut rest = html;
        while let Some(start) = rest.find('<') {
            decode_into(&mut out, &rest[..start]);
            let tag = rest[start + 1..].trim_start_matches('/');
            let name = &tag[..tag.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(tag.len())];
            if !INLINE.iter().any(|inline| inline.eq_ignore_ascii_case(name)) {
                out.push(' ');
            }
            rest = rest[start..].find('>').map_or("", |end| &rest[start + end + 1..]);
        }
        decode_into(&mut out, rest);
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn decode_into(out: &mut String, text: &str) {
        let mut rest = text;
        while let Some(amp) = rest.find('&') {
            out.push_str(&rest[..amp]);
            let after = &rest[amp..];
            let end = after.find(';').filter(|e| *e <= 10);
            match (end, end.and_then(|e| entity(&after[1..e]))) {
                (Some(e), Some(c)) => {
                    out.push(c);
                    rest = &after[e + 1..];
                }
                _ => {
                    out.push('&');
                    rest = &after[1..];
                }
            }
        }
        out.push_str(rest);
    }

    #[test]
    fn text_of_html() {
        assert_eq!(text("<p>Fish &amp; <em>chips</em>&#33;</p><p>x</p>"), "Fish & chips! x");
        assert_eq!(text("a &unknown; b & c"), "a &unknown; b & c");
        assert_eq!(
            text("<h2 id=\"a\">Title <a class=\"anchor\" href=\"#a\">¶</a></h2>\n<p>a&nbsp;b</p>"),
            "Title ¶ a b"
        );
        assert_eq!(text("  <p>\u{a0}x\u{2003}y </p> "), "x y");
        assert_eq!(text("a<b>c</b>d<br>e<!-- x > y -->f <unclosed"), "acd e y -->f");
    }

    proptest::proptest! {
        /// The same text as the two passes, on any mix of tags, entities and spaces.
        #[test]
        fn same_as_the_two_passes(html in "([a-z ]|<p>|</p>|<em>|</EM>|<br/>|<|>|&|;|&amp;|&#x41;|&#1234567;|&nbsp;|&#10;|\u{a0}|\u{2003}|\u{0bc0}|ñ|\t|\n|\u{b}|\u{1c}|\u{85}|/){0,60}") {
            proptest::prop_assert_eq!(text(&html), reference(&html));
        }
    }
}
