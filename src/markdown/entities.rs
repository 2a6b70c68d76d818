//! Character references in raw HTML attribute values, decoded as a browser decodes them
//! before the URL policy looks at a URL.

/// Decodes character references in an attribute value: every numeric one (with or
/// without `;`, as browsers do) and the common named ones. An unknown name is left as
/// written, and the value is escaped again when written back, so the browser reads
/// exactly the string that was checked.
pub fn decode(value: &str) -> String {
    if !value.contains('&') {
        return value.to_owned();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match reference(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference at the start of `text` (`&…`) stands for, and its length.
fn reference(text: &str) -> Option<(char, usize)> {
    let body = &text[1..];
    if let Some(num) = body.strip_prefix('#') {
        let (digits, radix, skip) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex.chars().take_while(char::is_ascii_hexdigit).count(), 16, 3),
            None => (num.chars().take_while(char::is_ascii_digit).count(), 10, 2),
        };
        if digits == 0 {
            return None;
        }
        let significant = text[skip..skip + digits].trim_start_matches('0');
        let code = if significant.len() > 8 { None } else { u32::from_str_radix(significant, radix).ok() };
        // `&#0;`, surrogates and values past Unicode are U+FFFD in a browser too.
        let c = code.and_then(char::from_u32).filter(|c| *c != '\0').unwrap_or('\u{fffd}');
        let semicolon = usize::from(text[skip + digits..].starts_with(';'));
        return Some((c, skip + digits + semicolon));
    }
    const NAMED: &[(&str, char)] = &[
        ("amp;", '&'),
        ("lt;", '<'),
        ("gt;", '>'),
        ("quot;", '"'),
        ("apos;", '\''),
        ("nbsp;", '\u{a0}'),
        ("colon;", ':'),
        ("Tab;", '\t'),
        ("NewLine;", '\n'),
        ("sol;", '/'),
        ("lpar;", '('),
        ("rpar;", ')'),
        ("period;", '.'),
        ("comma;", ','),
        ("num;", '#'),
        ("quest;", '?'),
        ("equals;", '='),
        ("excl;", '!'),
    ];
    NAMED.iter().find(|(name, _)| body.starts_with(name)).map(|(name, c)| (*c, name.len() + 1))
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn numeric_and_common_named_references() {
        assert_eq!(decode("&#106;&#x61;&#X76;a"), "java");
        assert_eq!(decode("&#0000106avascript&colon;"), "javascript:");
        assert_eq!(decode("a&amp;b&lt;&Tab;&NewLine;"), "a&b<\t\n");
        assert_eq!(decode("&#0;&#xD800;&#99999999999;"), "\u{fffd}\u{fffd}\u{fffd}");
        assert_eq!(decode("&eacute; &# &#x; & x"), "&eacute; &# &#x; & x");
    }
}
