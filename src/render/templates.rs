//! Loading a theme's Tera templates once, and turning Tera errors into diagnostics.

use std::path::{Path, PathBuf};

use tera::{ErrorKind, Tera};
use walkdir::WalkDir;

use crate::assemble::template::Template;
use crate::diagnostics::{Code, Diagnostic};
use crate::load::is_ignored;
use crate::read;

/// Compiles every `*.html` under `themes/<name>/templates/`, after checking that
/// every [`Template`] the pipeline renders is there.
pub fn load(theme_dir: &Path, shown: &Path) -> Result<Tera, Diagnostic> {
    let dir = theme_dir.join("templates");
    let mut sources = Vec::new();
    for entry in WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()))
    {
        let entry = entry.map_err(|e| {
            Diagnostic::error(shown.join("templates"), 0, 0, format!("cannot read templates: {e}"))
                .with_code(Code::E032)
                .with_hint("check that the theme folder exists")
        })?;
        let Ok(rel) = entry.path().strip_prefix(&dir) else {
            continue;
        };
        if entry.file_type().is_file() && rel.extension().is_some_and(|e| e == "html") {
            let name = rel.to_string_lossy().replace('\\', "/");
            let text = read::regular_text(entry.path(), read::Kind::Template)
                .map_err(|e| e.diagnostic(&shown.join("templates").join(&name)))?;
            sources.push((name, text));
        }
    }
    if let Some(missing) = Template::ALL.iter().find(|t| !sources.iter().any(|(n, _)| n == t.file())) {
        return Err(missing_template(*missing, shown));
    }
    let mut tera = Tera::new();
    tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| diagnostic(&e, &shown.join("templates"), &sources))?;
    Ok(tera)
}

/// E032: the theme lacks a template the pipeline renders.
fn missing_template(missing: Template, shown: &Path) -> Diagnostic {
    let message = format!("the theme `{}` has no `{missing}` template", shown.display());
    Diagnostic::error(shown.join("templates").join(missing.file()), 0, 0, message)
        .with_code(Code::E032)
        .with_hint("every theme needs the templates listed in themes/README.md")
}

/// A Tera error as a diagnostic pointing into the template file.
pub fn diagnostic(error: &tera::Error, templates: &Path, sources: &[(String, String)]) -> Diagnostic {
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            let path: PathBuf = templates.join(report.filename());
            let d =
                Diagnostic::error(path, span.start_line, span.start_col + 1, format!("template: {}", report.message()))
                    .with_code(Code::E030);
            match sources.iter().find(|(n, _)| n == report.filename()) {
                Some((_, text)) => d.with_source(text),
                None => d,
            }
        }
        _ => Diagnostic::error(templates, 0, 0, format!("template: {error}")).with_code(Code::E030),
    }
}
