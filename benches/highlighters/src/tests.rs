//! The options write what they are measured as: a is the site's HTML (syntect's own
//! generator's), d keeps every code byte and closes every span it opens.

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::util::LinesWithEndings;

use crate::syn::{Quiet, Syn};

const SAMPLES: &[(&str, &str)] = &[
    ("rust", "fn total(p: &[u32]) -> u32 {\n    // 'sum' <all> & \"more\"\n    Ok(p.iter().sum())\n}\n"),
    ("yaml", "plan: growth-7\nmonthly: { USD: 107 }\nfeatures: [sso, \"export\"]\n"),
    ("bash", "for f in *.md; do echo \"$f\" > '/tmp/x' && cat \\\n  \"$f\"; done\n"),
    ("json", "{\"a\": [1, 2.5e3, true, null], \"b\": \"<&>\"}\n"),
];

#[test]
fn syntect_spans_are_syntects_own() {
    let syn = Syn::new();
    for (lang, code) in SAMPLES {
        let mut ours = String::new();
        assert!(syn.classed(lang, code, &mut ours, &mut Quiet), "{lang}");
        let syntax = syn.syntax(lang).expect("known");
        let style = ClassStyle::SpacedPrefixed { prefix: "hl-" };
        let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, &syn.set, style);
        for line in LinesWithEndings::from(code) {
            generator.parse_html_for_line_which_includes_newline(line).expect("parses");
        }
        assert_eq!(ours, generator.finalize(), "{lang}");
    }
}

#[cfg(feature = "ts")]
#[test]
fn tree_sitter_keeps_the_code_and_balances_spans() {
    let mut ts = crate::ts::Ts::new();
    for (lang, code) in SAMPLES {
        let mut html = String::new();
        assert_eq!(ts.classed(lang, code, &mut html, &mut |_, _, _| {}), Some(true), "{lang}");
        assert!(html.starts_with("<span class=\"hl-source hl-"), "{lang}: {html}");
        assert_eq!(html.matches("<span ").count(), html.matches("</span>").count(), "{lang}: {html}");
        let mut text = String::new();
        let mut rest = html.as_str();
        while let Some(open) = rest.find('<') {
            text.push_str(&rest[..open]);
            rest = &rest[open + rest[open..].find('>').expect("tag ends") + 1..];
        }
        text.push_str(rest);
        let text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'");
        assert_eq!(text.replace("&amp;", "&"), *code, "{lang}");
    }
}
