//! Raw HTML in Markdown under the `safe` setting: a small tokenizer that reads tags as a
//! browser does and writes back only what cannot run a script or embed another
//! document. Everything is re-serialised (tags rebuilt from their parsed names and
//! decoded attribute values, a `<` that starts no tag escaped), so what was checked is
//! exactly what the browser will read. The same reading gives the ids a fragment
//! (`#x`) can land on: an `id` on any element, a `name` on `<a>` (as the HTML standard
//! finds a fragment's target), none inside elements whose content a browser reads as
//! text (`<textarea>`, `<style>`, …).

use crate::html::escape_into;

use super::entities::decode;

use rules::{attribute_problem, element_reason, is_name, is_space, RAW_TEXT, REMOVED, TEXT_ONLY};

#[path = "raw_html_rules.rs"]
mod rules;

/// One thing taken out of raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// Byte offset in the fragment.
    pub offset: usize,
    /// What was removed and why, for the warning.
    pub what: String,
}

/// A fragment after [`clean`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clean {
    /// The HTML written back.
    pub html: String,
    /// What was taken out.
    pub removed: Vec<Removed>,
    /// The ids (`id` on any element, `name` on `<a>`) that `html` holds, in order.
    pub ids: Vec<String>,
}

/// `fragment` with everything that can run a script or embed a document removed.
pub fn sanitize(fragment: &str) -> (String, Vec<Removed>) {
    let clean = clean(fragment);
    (clean.html, clean.removed)
}

/// [`sanitize`], with the ids the result holds.
pub fn clean(fragment: &str) -> Clean {
    let mut s = Sanitizer::new(fragment, false);
    s.run();
    Clean { html: s.out, removed: s.removed, ids: s.ids }
}

/// The ids `fragment` holds when written out unchanged (the `trusted` setting).
pub fn ids(fragment: &str) -> Vec<String> {
    let mut s = Sanitizer::new(fragment, true);
    s.run();
    s.ids
}

/// The lines of one HTML block (a Markdown parser hands them over one by one), gathered
/// so that a tag written over several lines is read whole.
#[derive(Debug, Default)]
pub struct Block {
    text: String,
    /// Where each line starts in `text`, and in the Markdown body.
    lines: Vec<(usize, usize)>,
}

impl Block {
    /// Adds a line that starts at byte `offset` of the body.
    pub fn push(&mut self, line: &str, offset: usize) {
        self.lines.push((self.text.len(), offset));
        self.text.push_str(line);
    }

    /// True when no line has been added since the last [`Block::finish`].
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The block sanitised, with offsets in the body; the block is empty again.
    pub fn finish(&mut self) -> Clean {
        let mut clean = clean(&self.text);
        for r in &mut clean.removed {
            let (start, offset) =
                self.lines.iter().rev().find(|(start, _)| *start <= r.offset).copied().unwrap_or((0, 0));
            r.offset = offset + (r.offset - start);
        }
        *self = Block::default();
        clean
    }
}

struct Sanitizer<'a> {
    src: &'a str,
    pos: usize,
    out: String,
    removed: Vec<Removed>,
    /// Only read the ids: every tag is kept (the `trusted` setting).
    read_only: bool,
    ids: Vec<String>,
    /// The open element whose content is text ([`TEXT_ONLY`]), if any.
    text_only: Option<String>,
}

/// A start or end tag as read.
struct Tag {
    name: String,
    attributes: Vec<(usize, String, String)>,
    self_closing: bool,
}

impl<'a> Sanitizer<'a> {
    fn new(src: &'a str, read_only: bool) -> Self {
        let out = String::with_capacity(if read_only { 0 } else { src.len() });
        Sanitizer { src, pos: 0, out, removed: Vec::new(), read_only, ids: Vec::new(), text_only: None }
    }

    fn rest(&self) -> &str {
        &self.src[self.pos..]
    }

    fn remove(&mut self, offset: usize, what: String) {
        self.removed.push(Removed { offset, what });
    }

    fn run(&mut self) {
        while let Some(i) = self.rest().find('<') {
            let start = self.pos + i;
            self.out.push_str(&self.src[self.pos..start]);
            self.pos = start;
            let after = &self.src[start + 1..];
            let next = after.chars().next();
            if after.starts_with("!--") {
                self.comment(start);
            } else if matches!(next, Some('!' | '?')) {
                self.declaration(start);
            } else if after.starts_with('/') && after[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
                self.pos += 2;
                match self.tag(start) {
                    Some(tag) => self.end_tag(&tag),
                    None => self.unclosed(start),
                }
            } else if next.is_some_and(|c| c.is_ascii_alphabetic()) {
                self.pos += 1;
                match self.tag(start) {
                    Some(tag) => self.start_tag(start, tag),
                    None => self.unclosed(start),
                }
            } else {
                self.out.push_str("&lt;");
                self.pos += 1;
            }
        }
        self.out.push_str(&self.src[self.pos..]);
        self.pos = self.src.len();
    }

    /// `<!-- … -->` is kept as written, unless it holds markup; one never closed would
    /// hide the rest of the page.
    fn comment(&mut self, start: usize) {
        let body = &self.src[start + 4..];
        let end = if body.starts_with('>') {
            Some((0, 1))
        } else if body.starts_with("->") {
            Some((0, 2))
        } else {
            [body.find("-->").map(|i| (i, 3)), body.find("--!>").map(|i| (i, 4))].into_iter().flatten().min()
        };
        match end {
            // Markup inside a comment is text to us, but not to a browser inside `<style>`.
            Some((i, len)) if body[..i].contains(['<', '>']) => {
                self.remove(start, "a comment with markup inside".into());
                self.pos = start + 4 + i + len;
            }
            Some((i, len)) => {
                self.out.push_str("<!--");
                self.out.push_str(&body[..i]);
                self.out.push_str("-->");
                self.pos = start + 4 + i + len;
            }
            None => {
                self.remove(start, "an unclosed comment `<!--`, which would hide the rest of the page".into());
                self.pos = self.src.len();
            }
        }
    }

    /// `<!DOCTYPE …>`, `<![CDATA[…`, `<?…>`: a browser reads these as comments up to `>`.
    fn declaration(&mut self, start: usize) {
        let end = self.src[start..].find('>').map_or(self.src.len(), |i| start + i + 1);
        let shown: String = self.src[start..end].chars().take(20).collect();
        self.remove(start, format!("the declaration `{shown}`"));
        self.pos = end;
    }

    fn unclosed(&mut self, start: usize) {
        let shown: String = self.src[start..].chars().take(20).collect();
        self.remove(start, format!("the unclosed tag `{shown}`, which would swallow the markup after it"));
        self.pos = self.src.len();
    }

    fn end_tag(&mut self, tag: &Tag) {
        if self.text_only.as_ref() == Some(&tag.name) {
            self.text_only = None;
        }
        if self.read_only || (!REMOVED.contains(&tag.name.as_str()) && is_name(&tag.name)) {
            self.out.push_str(&format!("</{}>", tag.name));
        }
    }

    /// Notes an attribute written out if it gives the element an id a fragment can name.
    fn note_id(&mut self, element: &str, name: &str, value: &str) {
        let target = name == "id" || (name == "name" && element == "a");
        if target && !value.is_empty() && self.text_only.is_none() {
            self.ids.push(value.to_owned());
        }
    }

    /// Moves past the content of a [`TEXT_ONLY`] element, to its end tag.
    fn skip_text(&mut self, element: &str) {
        let close = format!("</{element}");
        self.pos = self.rest().to_ascii_lowercase().find(&close).map_or(self.src.len(), |i| self.pos + i);
    }

    fn start_tag(&mut self, start: usize, mut tag: Tag) {
        // A browser keeps the first of two attributes with one name.
        let mut seen: Vec<String> = Vec::new();
        tag.attributes.retain(|(_, name, _)| {
            let first = !seen.contains(name);
            seen.push(name.clone());
            first
        });
        // A browser ignores `/>` on these: their text runs to the end tag either way.
        let text_only = TEXT_ONLY.contains(&tag.name.as_str());
        if self.read_only {
            for (_, name, value) in &tag.attributes {
                self.note_id(&tag.name, name, value);
            }
            if text_only {
                self.skip_text(&tag.name);
            }
            return;
        }
        if !is_name(&tag.name) {
            let shown: String = tag.name.chars().take(20).collect();
            self.remove(start, format!("the tag `<{shown}>`, whose name is not an element name"));
            return;
        }
        if REMOVED.contains(&tag.name.as_str()) {
            self.remove(start, format!("`<{}>`, which {}", tag.name, element_reason(&tag.name)));
            if RAW_TEXT.contains(&tag.name.as_str()) {
                self.skip_text(&tag.name);
            }
            return;
        }
        self.out.push('<');
        self.out.push_str(&tag.name);
        for (offset, name, value) in &tag.attributes {
            if let Some(why) = attribute_problem(name, value) {
                self.remove(start + offset, format!("`{name}` from `<{}>`: {why}", tag.name));
                continue;
            }
            self.note_id(&tag.name, name, value);
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value);
            self.out.push('"');
        }
        self.out.push_str(if tag.self_closing { " />" } else { ">" });
        if text_only && self.text_only.is_none() {
            self.text_only = Some(tag.name);
        }
    }

    /// Reads a tag from its name (after `<` or `</`) to its `>`; `None` if the fragment
    /// ends first. Attribute offsets are relative to the tag's `<` at `tag_start`.
    fn tag(&mut self, tag_start: usize) -> Option<Tag> {
        let name = self.take_while(|c| !is_space(c) && c != '/' && c != '>').to_ascii_lowercase();
        let mut tag = Tag { name, attributes: Vec::new(), self_closing: false };
        loop {
            self.take_while(is_space);
            let rest = self.rest();
            if rest.starts_with("/>") {
                tag.self_closing = true;
                self.pos += 2;
                return Some(tag);
            }
            match rest.chars().next()? {
                '>' => {
                    self.pos += 1;
                    return Some(tag);
                }
                '/' => self.pos += 1,
                first => {
                    let offset = self.pos - tag_start;
                    self.pos += first.len_utf8();
                    let mut name = first.to_string();
                    name.push_str(self.take_while(|c| !is_space(c) && !matches!(c, '/' | '>' | '=')));
                    let value = self.value()?;
                    tag.attributes.push((offset, name.to_ascii_lowercase(), decode(&value)));
                }
            }
        }
    }

    /// An attribute's value as written (`=` and quotes consumed), or "" when it has none.
    fn value(&mut self) -> Option<String> {
        let before = self.pos;
        self.take_while(is_space);
        if !self.rest().starts_with('=') {
            self.pos = before;
            return Some(String::new());
        }
        self.pos += 1;
        self.take_while(is_space);
        match self.rest().chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let end = self.rest()[1..].find(quote)?;
                let value = self.rest()[1..1 + end].to_owned();
                self.pos += end + 2;
                Some(value)
            }
            _ => Some(self.take_while(|c| !is_space(c) && c != '>').to_owned()),
        }
    }

    fn take_while(&mut self, keep: impl Fn(char) -> bool) -> &str {
        let start = self.pos;
        let len = self.rest().find(|c: char| !keep(c)).unwrap_or(self.rest().len());
        self.pos += len;
        &self.src[start..start + len]
    }
}

#[cfg(test)]
#[path = "raw_html_tests.rs"]
mod tests;
