//! Making the parser's errors actionable: a duplicate key is shown at the repeated key
//! (the parser points at the start of its mapping), and common slips get a hint — a tab
//! in the indentation, a thousands separator in a number.

/// The key named by a duplicate-key message (`duplicate field `title``,
/// `prices: duplicate entry with key "USD"`).
pub fn duplicate_key(message: &str) -> Option<&str> {
    if let Some(rest) = message.split("duplicate field `").nth(1) {
        return rest.split('`').next();
    }
    message.split("duplicate entry with key \"").nth(1)?.split('"').next()
}

/// False when no word in front of a `: ` occurs twice, so no key can be repeated and the
/// second, generic parse that finds repeated map keys can be skipped (front matter).
pub fn may_repeat_a_key(text: &str) -> bool {
    let mut seen = std::collections::HashSet::new();
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices(':') {
        if !matches!(bytes.get(i + 1), None | Some(b' ' | b'\t' | b'\n' | b'\r')) {
            continue;
        }
        let before = &text[..i];
        let start = before.rfind(|c: char| c.is_whitespace() || matches!(c, '{' | '[' | ',')).map_or(0, |j| j + 1);
        if !seen.insert(before[start..].trim_matches(['"', '\''])) {
            return true;
        }
    }
    false
}

/// 1-based (line, column) of the second `key:` of the mapping that starts at
/// (`line`, `column`) in `text`: a block mapping (its keys share that column) or an
/// inline `{...}` map on one line.
pub fn second_key(text: &str, line: usize, column: usize, key: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.get(line.checked_sub(1)?)?;
    let start = first.char_indices().nth(column.checked_sub(1)?).map(|(i, _)| i)?;
    if first[start..].starts_with('{') {
        let at = key_positions(&first[start..], key).nth(1)?;
        return Some((line, first[..start + at].chars().count() + 1));
    }
    let indent = column - 1;
    let mut seen = 0;
    for (number, source) in (line..).zip(&lines[line - 1..]) {
        let trimmed = source.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if number > line && source.len() - trimmed.len() < indent {
            return None;
        }
        let own = source.char_indices().nth(indent).map(|(i, _)| i);
        let Some(at) = own.filter(|i| source[..*i].chars().all(|c| c == ' ' || c == '-')) else {
            continue;
        };
        if key_positions(&source[at..], key).next() == Some(0) {
            seen += 1;
            if seen == 2 {
                return Some((number, column));
            }
        }
    }
    None
}

/// Byte offsets in `text` where `key` (plain or quoted) starts a `key:` entry.
fn key_positions<'a>(text: &'a str, key: &'a str) -> impl Iterator<Item = usize> + 'a {
    let forms = [key.to_owned(), format!("\"{key}\""), format!("'{key}'")];
    text.char_indices().filter_map(move |(i, _)| {
        let before_ok = text[..i].trim_end().chars().last().is_none_or(|c| matches!(c, '{' | ',' | '-'));
        let after = forms.iter().find_map(|f| text[i..].strip_prefix(f.as_str()))?;
        (before_ok && after.trim_start().starts_with(':')).then_some(i)
    })
}

/// A hint for the error `message` at (`line`, `column`) of `text`, when the source
/// line shows a common slip: a tab in the indentation, a thousands separator.
pub fn hint(message: &str, text: &str, line: usize, column: usize) -> Option<String> {
    let source = text.lines().nth(line.checked_sub(1)?)?;
    let leading = &source[..source.len() - source.trim_start().len()];
    if source.chars().nth(column.saturating_sub(1)) == Some('\t') || leading.contains('\t') {
        return Some("indent with spaces: YAML does not allow tabs in indentation".into());
    }
    let numeric = ["expected i", "expected u", "expected f"].iter().any(|e| message.contains(e));
    let number = grouped_number(source).filter(|_| numeric)?;
    let plain = number.replace(',', "");
    Some(format!(
        "write `{plain}`, not `{number}`: numbers take no thousands separator (inside `{{...}}` a comma starts the next key)"
    ))
}

/// A number written with thousands separators (`1,490`, `12,000,000`) in `line`.
fn grouped_number(line: &str) -> Option<&str> {
    let bytes = line.as_bytes();
    for start in 0..bytes.len() {
        if !bytes[start].is_ascii_digit() || (start > 0 && bytes[start - 1].is_ascii_digit()) {
            continue;
        }
        let mut end = start;
        while end < bytes.len() && bytes[end].is_ascii_digit() {
            end += 1;
        }
        let lead = end - start;
        let mut groups = 0;
        while bytes.get(end) == Some(&b',')
            && bytes.get(end + 1..end + 4).is_some_and(|g| g.iter().all(u8::is_ascii_digit))
            && !bytes.get(end + 4).is_some_and(u8::is_ascii_digit)
        {
            end += 4;
            groups += 1;
        }
        if groups > 0 && (1..=3).contains(&lead) {
            return Some(&line[start..end]);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_keys_are_found_at_the_repeat() {
        assert_eq!(duplicate_key("duplicate field `title`"), Some("title"));
        assert_eq!(duplicate_key("m: duplicate entry with key \"a\""), Some("a"));
        let text = "title: a\ntags: [x]\ntitle: b\n";
        assert_eq!(second_key(text, 1, 1, "title"), Some((3, 1)));
        let nested = "top: 1\nm:\n  a: 1\n  b:\n    a: 9\n  a: 3\n";
        assert_eq!(second_key(nested, 3, 3, "a"), Some((6, 3)));
        let items = "plans:\n  - id: a\n    id: b\n";
        assert_eq!(second_key(items, 2, 5, "id"), Some((3, 5)));
        assert_eq!(second_key("x: {a: 1, b: 2, a: 3}\n", 1, 4, "a"), Some((1, 17)));
    }

    #[test]
    fn only_texts_with_a_repeated_word_before_a_colon_need_the_second_parse() {
        assert!(!may_repeat_a_key("title: a\ndescription: \"b: c\"\ntags: [x]\n"));
        assert!(may_repeat_a_key("title: a\nm:\n  title: b\n"));
        assert!(may_repeat_a_key("x: {a: 1, \"a\": 2}"));
        assert!(may_repeat_a_key("- id: a\n- id: b\n"));
    }

    #[test]
    fn slips_get_hints() {
        let tab = hint("found character that cannot start any token", "title: a\ntags:\n\t- a\n", 3, 1);
        let tab = tab.unwrap_or_default();
        assert!(tab.starts_with("indent with spaces"), "{tab}");
        let message = "monthly.490: invalid type: unit value, expected i64";
        let comma = hint(message, "monthly: {USD: 1,490, ILS: 5990}\n", 1, 21).unwrap_or_default();
        assert!(comma.starts_with("write `1490`, not `1,490`"), "{comma}");
        assert_eq!(hint("invalid type: map, expected i64", "tags: [a, b]\n", 1, 7), None);
        assert_eq!(hint("did not find expected key", "d: costs 1,490\n", 1, 4), None);
        assert_eq!(grouped_number("x: 1,2345"), None);
        assert_eq!(grouped_number("x: 12,000,000"), Some("12,000,000"));
    }
}
