//! UI strings: `content/i18n/<lang>.yaml`, flat maps with the same keys in every language.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic};
use crate::read::{is_dangling, Kind, Reader};
use crate::yaml;

/// UI strings per language code.
#[derive(Debug, Clone, Default)]
pub struct I18n {
    /// language → key → text.
    pub languages: BTreeMap<String, BTreeMap<String, String>>,
}

impl I18n {
    /// The table for `lang`, if there is one.
    pub fn table(&self, lang: &str) -> Option<&BTreeMap<String, String>> {
        self.languages.get(lang)
    }

    /// Checks that every language listed has a table.
    pub fn require(&self, langs: &[&str]) -> Vec<Diagnostic> {
        langs
            .iter()
            .filter(|lang| !self.languages.contains_key(**lang))
            .map(|lang| {
                Diagnostic::error(
                    format!("content/i18n/{lang}.yaml"),
                    0,
                    0,
                    format!("no UI strings for language `{lang}`"),
                )
                .with_hint(format!("create content/i18n/{lang}.yaml with the same keys as the other languages"))
            })
            .collect()
    }
}

/// Loads every `*.yaml` under `content/i18n/` and checks all share one key set.
pub fn load(reader: &Reader, content: &Path) -> Result<I18n, Vec<Diagnostic>> {
    let dir = content.join("i18n");
    let mut i18n = I18n::default();
    let mut problems = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(i18n);
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let is_table = |p: &&PathBuf| {
        p.extension().is_some_and(|e| e == "yaml")
            && !super::is_ignored(&p.file_name().unwrap_or_default().to_string_lossy())
            && !is_dangling(p)
    };
    for path in paths.iter().filter(is_table) {
        let lang = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        let shown = PathBuf::from("content/i18n").join(format!("{lang}.yaml"));
        match read_table(reader, path, &shown) {
            Ok(table) => {
                i18n.languages.insert(lang, table);
            }
            Err(d) => problems.push(d),
        }
    }
    problems.extend(missing_keys(&i18n));
    if problems.is_empty() {
        Ok(i18n)
    } else {
        Err(problems)
    }
}

fn read_table(reader: &Reader, path: &Path, shown: &Path) -> Result<BTreeMap<String, String>, Diagnostic> {
    let text = reader.text(path, Kind::Yaml).map_err(|e| e.diagnostic(shown))?;
    yaml::parse(&text).map_err(|e| {
        Diagnostic::error(shown, e.line, e.column, e.message)
            .with_code(e.code)
            .with_source(&text)
            .with_hint("UI strings are a flat map of `key: \"text\"`")
    })
}

fn missing_keys(i18n: &I18n) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (lang, table) in &i18n.languages {
        for (other, other_table) in &i18n.languages {
            for key in other_table.keys().filter(|k| !table.contains_key(*k)) {
                out.push(
                    Diagnostic::error(format!("content/i18n/{lang}.yaml"), 0, 0, format!("missing UI string `{key}`"))
                        .with_code(Code::E031)
                        .with_hint(format!(
                            "`{key}` is defined in content/i18n/{other}.yaml; add its translation here"
                        )),
                );
            }
        }
    }
    out
}
