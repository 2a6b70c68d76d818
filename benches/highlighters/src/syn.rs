//! syntect driven as src/markdown/highlight.rs drives it: the parser's scope operations
//! written straight into one buffer, each scope's `<span class="hl-…">` built once.
//! Which regex engine runs underneath is the crate feature (`onig` or `fancy`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::RwLock;

use syntect::parsing::{BasicScopeStackOp, ParseState, Scope, ScopeStack, ScopeStackOp, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

use crate::escape_code_into;

pub struct Syn {
    pub set: SyntaxSet,
    spans: RwLock<HashMap<Scope, Box<str>, BuildHasherDefault<ScopeHasher>>>,
}

/// The site's scope hasher (a multiply-mix, FxHash's).
#[derive(Default)]
struct ScopeHasher(u64);

impl Hasher for ScopeHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Called for every run of code text with the scope stack it is in (the colour
/// comparison listens; timing passes a no-op).
pub trait Listen {
    fn text(&mut self, stack: &[Scope], text: &str);
}

pub struct Quiet;
impl Listen for Quiet {
    #[inline(always)]
    fn text(&mut self, _: &[Scope], _: &str) {}
}

impl Syn {
    pub fn new() -> Self {
        Syn { set: two_face::syntax::extra_newlines(), spans: RwLock::default() }
    }

    pub fn syntax(&self, lang: &str) -> Option<&SyntaxReference> {
        if lang.is_empty() || matches!(lang, "text" | "plain" | "txt") {
            return None;
        }
        self.set.find_syntax_by_token(crate::alias(lang))
    }

    /// Appends the classed HTML of `code`; false when syntect fails or knows no syntax.
    pub fn classed(&self, lang: &str, code: &str, out: &mut String, listen: &mut impl Listen) -> bool {
        let Some(syntax) = self.syntax(lang) else { return false };
        let start = out.len();
        let mut state = ParseState::new(syntax);
        let mut stack = ScopeStack::new();
        let mut open = 0;
        for line in LinesWithEndings::from(code) {
            let spans =
                state.parse_line(line, &self.set).ok().and_then(|ops| self.line(line, &ops, &mut stack, out, listen));
            match spans {
                Some(delta) => open += delta,
                None => {
                    out.truncate(start);
                    return false;
                }
            }
        }
        for _ in 0..open {
            out.push_str("</span>");
        }
        true
    }

    fn line(
        &self,
        line: &str,
        ops: &[(usize, ScopeStackOp)],
        stack: &mut ScopeStack,
        out: &mut String,
        listen: &mut impl Listen,
    ) -> Option<isize> {
        let mut done = 0;
        let mut delta = 0;
        let mut empty = false;
        let mut span_start = 0;
        for (at, op) in ops {
            if *at > done {
                empty = false;
                listen.text(stack.as_slice(), &line[done..*at]);
                escape_code_into(out, &line[done..*at]);
                done = *at;
            }
            let applied = stack.apply_with_hook(op, |basic, _| match basic {
                BasicScopeStackOp::Push(scope) => {
                    span_start = out.len();
                    empty = true;
                    self.open_span(scope, out);
                    delta += 1;
                }
                BasicScopeStackOp::Pop => {
                    if empty {
                        out.truncate(span_start);
                    } else {
                        out.push_str("</span>");
                    }
                    delta -= 1;
                    empty = false;
                }
            });
            applied.ok()?;
        }
        listen.text(stack.as_slice(), &line[done..]);
        escape_code_into(out, &line[done..]);
        Some(delta)
    }

    fn open_span(&self, scope: Scope, out: &mut String) {
        if let Some(span) = self.spans.read().ok().as_ref().and_then(|map| map.get(&scope)) {
            out.push_str(span);
            return;
        }
        let span = crate::span_for(&scope.build_string());
        out.push_str(&span);
        if let Ok(mut map) = self.spans.write() {
            map.insert(scope, span.into());
        }
    }
}
