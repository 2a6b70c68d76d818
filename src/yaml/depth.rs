//! A nesting-depth check that runs before the YAML parser.
//!
//! The parser keeps a list of possible keys per open flow collection and walks it on
//! every token, so 80,000 nested `{a: ` (320 KB) take a minute before its recursion
//! limit is ever reached. This scan counts `[` and `{` outside quoted strings,
//! comments and block scalars, in linear time, and stops at the first one too deep.

/// Deepest nesting of flow collections (`[...]`, `{...}`) a YAML text may have.
pub const MAX_DEPTH: usize = 64;

/// 1-based (line, column) of the first `[` or `{` nested deeper than [`MAX_DEPTH`].
pub fn too_deep(text: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    // Indentation of the line that opened a `|` or `>` block scalar.
    let mut block_scalar: Option<usize> = None;
    for (number, line) in (1..).zip(text.lines()) {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(parent) = block_scalar {
            if line.trim().is_empty() || indent > parent {
                continue;
            }
            block_scalar = None;
        }
        let mut previous: Option<char> = None;
        let mut chars = line.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if let Some(open) = quote {
                let escaped_quote = open == '\'' && c == '\'' && chars.peek().is_some_and(|(_, next)| *next == '\'');
                if open == '"' && c == '\\' || escaped_quote {
                    chars.next();
                } else if c == open {
                    quote = None;
                    previous = Some(c);
                }
                continue;
            }
            let starts_value = matches!(previous, None | Some(':' | '-' | '?' | ',' | '[' | '{'));
            match c {
                ' ' | '\t' => continue,
                '#' if i == 0 || line[..i].ends_with([' ', '\t']) => break,
                '"' | '\'' if starts_value => quote = Some(c),
                '[' | '{' if depth > 0 || starts_value => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Some((number, line[..i].chars().count() + 1));
                    }
                }
                ']' | '}' if depth > 0 => depth -= 1,
                '|' | '>' if depth == 0 && previous.is_some() && starts_value && is_scalar_header(&line[i + 1..]) => {
                    block_scalar = Some(indent);
                    break;
                }
                _ => {}
            }
            previous = Some(c);
        }
    }
    None
}

/// The rest of a `|` or `>` line: chomping and indentation indicators, maybe a comment.
fn is_scalar_header(rest: &str) -> bool {
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '+' || c == '-').trim_start();
    rest.is_empty() || rest.starts_with('#')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_flow_nesting_is_found_where_it_passes_the_limit() {
        let text = format!("title: x\ntags: {}{}\n", "{a: ".repeat(80_000), "}".repeat(80_000));
        assert_eq!(too_deep(&text), Some((2, 6 + 4 * MAX_DEPTH + 1)));
        let text = format!("a:\n  - {}{}\n", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_eq!(too_deep(&text), Some((2, 4 + MAX_DEPTH + 1)));
    }

    #[test]
    fn ordinary_yaml_passes() {
        let ok = format!("a: {}{}\n", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(too_deep(&ok), None);
        let brackets_in_text = "title: \"[[[[\"\nb: '{{''{{'\nc: a[b\n# [[[[\nd: |\n  - [ x\n  {{{{\ne: [1, {f: 2}]\n";
        assert_eq!(too_deep(&brackets_in_text.repeat(MAX_DEPTH + 1)), None);
    }
}
