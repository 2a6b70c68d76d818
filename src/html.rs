//! HTML and XML escaping, one implementation for every stage that writes markup.

/// Escapes `&`, `<`, `>` and `"` into `out`.
pub fn escape_into(out: &mut String, text: &str) {
    escape_bytes(out, text, |b| match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        _ => None,
    });
}

/// Escapes highlighted code as syntect does: `'` too, as `&#39;`.
pub fn escape_code_into(out: &mut String, text: &str) {
    escape_bytes(out, text, |b| match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    });
}

/// Copies `text` to `out` in runs, replacing the ASCII bytes `entity` names; the bytes
/// replaced are ASCII, so every run boundary is a character boundary.
fn escape_bytes(out: &mut String, text: &str, entity: impl Fn(u8) -> Option<&'static str>) {
    let mut done = 0;
    for (i, b) in text.bytes().enumerate() {
        if let Some(replacement) = entity(b) {
            out.push_str(&text[done..i]);
            out.push_str(replacement);
            done = i + 1;
        }
    }
    out.push_str(&text[done..]);
}

/// `text` escaped for HTML text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_before() {
        let mut out = String::new();
        escape_into(&mut out, "a<b>&\"c\" 'd' ¶ é");
        assert_eq!(out, "a&lt;b&gt;&amp;&quot;c&quot; 'd' ¶ é");
    }
}
