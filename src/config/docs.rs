//! `docs:` in `site.yaml` (which sections are documentation) and a domain's `edit_url`.

use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostics::{column_of, Code, Diagnostic};

/// Which sections are documentation (`docs:` in `site.yaml`).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocsSettings {
    /// Top-level section folders whose pages get the documentation navigation: a sidebar
    /// with the section tree, previous/next links, "last updated" and "edit this page".
    /// Default: `[docs]`.
    #[serde(default = "default_docs_sections")]
    pub sections: Vec<String>,
}

impl Default for DocsSettings {
    fn default() -> Self {
        DocsSettings { sections: default_docs_sections() }
    }
}

fn default_docs_sections() -> Vec<String> {
    vec!["docs".into()]
}

/// The problem with an `edit_url` template, at its line: not an http(s) URL (E028), or
/// no `{path}` in it (E029).
pub(super) fn edit_url_problem(url: &str, text: &str, path: &Path) -> Option<Diagnostic> {
    let lower = url.to_ascii_lowercase();
    let web = (lower.starts_with("https://") || lower.starts_with("http://"))
        && url.len() > "https://".len()
        && !url.chars().any(|c| c.is_control() || c.is_whitespace());
    let (code, message, hint) = if !web {
        (
            Code::E028,
            format!("edit_url `{url}` is not an http(s) URL"),
            "write e.g. `edit_url: https://github.com/org/repo/edit/main/content/{path}`",
        )
    } else if !url.contains("{path}") {
        (
            Code::E029,
            format!("edit_url `{url}` has no `{{path}}`"),
            "put `{path}` where the page's path under content/ goes",
        )
    } else {
        return None;
    };
    let line = text.lines().position(|l| l.contains("edit_url") && l.contains(url)).map_or(0, |i| i + 1);
    let column = column_of(text, line, url);
    Some(Diagnostic::error(path, line, column, message).with_code(code).with_source(text).with_hint(hint))
}
