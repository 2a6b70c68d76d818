//! The stable diagnostic codes (`E023`, `W005`): one variant each, with the one-line
//! summary the README's table shows. `tests/codes.rs` checks that table against
//! [`Code::ALL`] and that every code is emitted somewhere in `src/`.

use std::fmt;

/// Declares [`Code`] with its variants, [`Code::ALL`], [`Code::as_str`] and
/// [`Code::summary`] from one list, so the four cannot disagree.
macro_rules! codes {
    ($($code:ident => $summary:literal,)+) => {
        /// A stable diagnostic code, printed as `error[E023]` and in `--format json`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $(
                #[doc = $summary]
                $code,
            )+
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$code),+];

            /// The code as written in output and in the README: `"E023"`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$code => stringify!($code),)+
                }
            }

            /// What the code means, in one line: the README table's text for it.
            pub fn summary(self) -> &'static str {
                match self {
                    $(Code::$code => $summary,)+
                }
            }
        }
    };
}

codes! {
    E001 => "a file cannot be read (missing, not UTF-8 — at the line of the first bad byte —, symbolic-link loop)",
    E002 => "YAML syntax error, or a key repeated in one block (shown at the repeat)",
    E003 => "unknown key (with a \"did you mean\")",
    E004 => "wrong type or missing required key",
    E005 => "front matter missing or not closed",
    E006 => "invalid value (a date not written YYYY-MM-DD or that does not exist, empty title, unknown domain, decision-only key)",
    E007 => "a limit passed: file size for its kind, YAML nested deeper than 64 levels, a Markdown table over 100 columns or 100,000 cells",
    E008 => "a symbolic link (or a theme folder) that leads outside the site root (`site serve` never serves a build that read through one)",
    E009 => "not a regular file: a FIFO, device or socket where a file was expected",
    E010 => "`site.yaml` rule (duplicate key or host, URL, currency, twin)",
    E011 => "a URL in YAML (`site.yaml` navigation or call to action, a plan's `cta.url`, a product's `page:`) with a scheme the [URL policy](#what-content-may-do) refuses: `javascript:`, `data:`, `file:`, …",
    E012 => "link or image naming a file that is not under `content/` (`![diagram](flow.png)` with no `flow.png` beside the page)",
    E013 => "link to a file under `content/` of a type a browser runs (HTML, JavaScript) or an SVG carrying script, while `raw_html` is not `trusted`",
    E015 => "a `deploy:` block in `site.yaml` that is malformed: a header name that is not a token, an empty header value, a redirect `from` that is not a root-relative path, a `to` that is neither a path nor an http(s) URL, a status other than 301/302/307/308 (301/302 for Azure Static Web Apps)",
    E016 => "a redirect (`deploy.redirects`) whose target is not a file the build publishes, on this domain or on the configured domain its URL names",
    E017 => "a host's limit passed: Azure Static Web Apps' `staticwebapp.config.json` over 20 KB; Cloudflare Pages over 2,000 static or 100 dynamic redirects, or over 100 header rules",
    E020 => "link to a missing page",
    E021 => "link to a missing `#anchor`",
    E022 => "link leaves `content/`, or its target is published nowhere",
    E023 => "one output path with two owners (pages, generated pages or files, aliases, files from `content/`, the site's own files), named both",
    E024 => "`translation_of` names no page",
    E025 => "alias already a URL",
    E026 => "`site.yaml` link to no page",
    E027 => "alias that is not a path on its domain (a URL, the home page, a `.` or `..` segment, a backslash, an encoded separator, a control character)",
    E028 => "`edit_url` in `site.yaml` that is not an http(s) URL",
    E029 => "`edit_url` in `site.yaml` without `{path}`",
    E030 => "template error (points into the template file)",
    E031 => "missing UI string or language",
    E032 => "theme missing a template",
    E040 => "product id is not a URL slug",
    E041 => "a product, plan or feature id used twice; a second price list for a product",
    E042 => "unknown product, feature or decision record id",
    E043 => "a price list with both `plans` and `coming`",
    E044 => "negative price",
    E045 => "a plan without a price, or without one in a currency a publishing domain uses",
    E046 => "a translated text missing the language of a domain that shows it",
    E047 => "a call to action or details page that names no published page",
    E048 => "a per-language text (`{en: …, he: …}`) with a key that is not a language of the site, often a comma in an unquoted YAML flow mapping",
    E049 => "a list price outside its currency's `prices:` policy in `site.yaml` (band against another currency, ending digits)",
    E050 => "decision id missing, malformed, or not matching the file number",
    E051 => "two decision records with one id",
    E052 => "`supersedes` / `superseded_by` names no record",
    E053 => "the two sides of a supersession disagree, or the status does not match",
    E054 => "a supersession cycle",
    E055 => "an ADR file (Nygard or MADR) that cannot be read",
    E056 => "a decision file whose number has a suffix (`0004a-addendum.md`)",
    E057 => "a `decisions.statuses` word in `site.yaml` mapped to something that is not a status",
    E058 => "a call to action that reaches no one: no `url` and no `contact:` on the domain, or a `contact:` that is not an email address or allowed URL",
    E059 => "a Markdown component call that cannot be used: unknown component or argument (with a suggestion), malformed call, value out of range, a block component not alone in its paragraph",
    E060 => "a component call naming data that does not exist: a plan, price list, product or decision record, a period the plan has no price for, an `amount` without a shown domain's currency",
    E061 => "a plan's hand-written card text (a limit line, a comparison cell, the summary) stating an uptime target or response promise its `service:` data does not make, or a `{ service: <fact> }` card line on a plan that promises nothing there",
    W001 => "orphan page",
    W002 => "image without alt text",
    W003 => "page without a translation on its twin domain",
    W004 => "raw `<script>` in Markdown, published under `raw_html: trusted` (`site check`)",
    W005 => "a Markdown link or image whose URL the URL policy refuses (`javascript:`, `data:`, `ftp:`, …): the link goes to `#`, the image is shown as its alt text",
    W006 => "a gap in decision numbering",
    W007 => "an annual price not below 12 × the monthly price",
    W008 => "raw HTML removed under `raw_html: safe`: an element that runs a script or embeds a document, an `on…` attribute, a refused URL in an attribute, a malformed tag",
    W009 => "a front matter key of an imported ADR file written for another tool (`parent`, `nav_order`, `slug`): ignored",
    W010 => "an ADR heading number that is not the file's number (`0003-x.md` headed `# 4. X`)",
    W011 => "an imported record superseded by a newer one whose own status line does not say so: shown as superseded",
    W014 => "a redirect (`deploy.redirects`) from a path the build publishes a file at: the redirect hides the page",
    W015 => "a list price outside its currency's `prices:` policy when the policy says `severity: warning`",
    W016 => "a price typed by hand in prose (`USD 1,490`, `5,990 ₪`) instead of a component; decision records exempt",
    W017 => "a service figure typed by hand in prose (an uptime target `99.9%`, a response promise `24/7 response`, `1-hour response`) instead of a `service` component; decision records exempt",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_is_sorted_and_named_like_the_variants() {
        assert!(Code::ALL.windows(2).all(|w| w[0].as_str() < w[1].as_str()));
        assert_eq!(Code::E023.as_str(), "E023");
        assert_eq!(Code::W005.to_string(), "W005");
        assert!(Code::ALL.iter().all(|c| !c.summary().is_empty() && !c.summary().contains(['|', '\n'])));
    }
}
