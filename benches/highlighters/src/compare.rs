//! How far tree-sitter's classes colour code as syntect's do: for every code byte that
//! is not white space, the foreground colour and font style the site's two themes give
//! it (through syntect's own theme matching on the class's scope), syntect against
//! tree-sitter, and which scopes account for the differences.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use syntect::highlighting::{FontStyle, Highlighter, Style, Theme};
use syntect::parsing::Scope;
use two_face::theme::EmbeddedThemeName;

use crate::syn::{Listen, Syn};
use crate::ts::Ts;
use crate::Block;

type Look = ((u8, u8, u8), FontStyle);

fn look(style: Style) -> Look {
    let c = style.foreground;
    ((c.r, c.g, c.b), style.font_style)
}

/// Per byte: the look in each theme and the innermost scope's name.
struct Record<'t> {
    themes: &'t [Highlighter<'t>],
    bytes: Vec<(Vec<Look>, String)>,
}

impl Listen for Record<'_> {
    fn text(&mut self, stack: &[Scope], text: &str) {
        let looks: Vec<Look> = self.themes.iter().map(|h| look(h.style_for_stack(stack))).collect();
        let name = stack.last().map(|s| s.build_string()).unwrap_or_default();
        for _ in 0..text.len() {
            self.bytes.push((looks.clone(), name.clone()));
        }
    }
}

pub fn report(blocks: &[Block]) {
    let themes = two_face::theme::extra();
    let owned: Vec<&Theme> =
        vec![themes.get(EmbeddedThemeName::InspiredGithub), themes.get(EmbeddedThemeName::OneHalfDark)];
    let highlighters: Vec<Highlighter> = owned.iter().map(|t| Highlighter::new(t)).collect();
    let syn = Syn::new();
    let mut ts = Ts::new();
    // lang → (bytes, same in light, same in dark)
    let mut agree: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut pairs: HashMap<(String, String), usize> = HashMap::new();
    let (mut syn_classes, mut ts_classes) = (BTreeSet::new(), BTreeSet::new());
    for b in blocks {
        let lang = crate::canonical(&b.lang).to_owned();
        if ts.lang(&b.lang).is_none() {
            continue;
        }
        let mut ours = Record { themes: &highlighters, bytes: Vec::new() };
        let mut html = String::new();
        if !syn.classed(&b.lang, &b.code, &mut html, &mut ours) {
            continue;
        }
        classes(&html, &mut syn_classes);
        let mut theirs: Vec<(Vec<Look>, String)> = Vec::new();
        let mut ts_html = String::new();
        let mut listen = |l: &crate::ts::Lang, capture: Option<usize>, text: &str| {
            let mut stack = vec![Scope::new(l.source).expect("scope")];
            let name =
                capture.map(|c| l.scopes[c].rsplit(' ').next().unwrap_or_default().to_owned()).unwrap_or_default();
            if let Some(c) = capture {
                stack.extend(l.scopes[c].split(' ').map(|part| Scope::new(part).expect("scope")));
            }
            let looks: Vec<Look> = highlighters.iter().map(|h| look(h.style_for_stack(&stack))).collect();
            for _ in 0..text.len() {
                theirs.push((looks.clone(), name.clone()));
            }
        };
        if ts.classed(&b.lang, &b.code, &mut ts_html, &mut listen) != Some(true) {
            continue;
        }
        classes(&ts_html, &mut ts_classes);
        let row = agree.entry(lang).or_default();
        for (i, byte) in b.code.bytes().enumerate() {
            if byte.is_ascii_whitespace() {
                continue;
            }
            let (a, z) = (&ours.bytes[i], &theirs[i]);
            row.0 += 1;
            row.1 += usize::from(a.0[0] == z.0[0]);
            row.2 += usize::from(a.0[1] == z.0[1]);
            for (theme, name) in ["light", "dark"].iter().enumerate() {
                if a.0[theme] != z.0[theme] {
                    *pairs.entry((format!("{name}: {}", a.1), z.1.clone())).or_default() += 1;
                }
            }
        }
    }
    println!("{:<6} {:>9} {:>14} {:>14}", "lang", "bytes", "same (light)", "same (dark)");
    for (lang, (n, light, dark)) in &agree {
        let pct = |k: &usize| 100.0 * *k as f64 / (*n).max(1) as f64;
        println!("{lang:<6} {n:>9} {:>13.1}% {:>13.1}%", pct(light), pct(dark));
    }
    let mut pairs: Vec<_> = pairs.into_iter().collect();
    pairs.sort_by_key(|p| std::cmp::Reverse(p.1));
    println!("\nlargest differences (theme: syntect innermost scope -> tree-sitter scope: bytes):");
    for ((a, z), n) in pairs.iter().take(24) {
        println!("  {a} -> {}: {n}", if z.is_empty() { "(none)" } else { z });
    }
    println!(
        "\nclasses: syntect {} distinct, tree-sitter {} distinct, shared {}",
        syn_classes.len(),
        ts_classes.len(),
        syn_classes.intersection(&ts_classes).count()
    );
    let only: Vec<_> = ts_classes.difference(&syn_classes).collect();
    println!("tree-sitter only: {only:?}");
}

fn classes(html: &str, into: &mut BTreeSet<String>) {
    for part in html.split("class=\"").skip(1) {
        let Some(end) = part.find('"') else { continue };
        into.insert(part[..end].to_owned());
    }
}
