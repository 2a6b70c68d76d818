//! `site build`: the pipeline with its rendered files streamed into a staging folder,
//! swapped in atomically when every stage succeeded.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::Instant;

use crate::cache::BuildCache;
use crate::diagnostics::Diagnostic;
use crate::fs::FsError;
use crate::pipeline::{self, content, BuildOptions, BuildReport, Error};
use crate::render::OutFile;
use crate::write;

/// Builds the site into `options.out`, atomically.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Error> {
    guard_output(&options.root, &options.out)?;
    let mut cache = options.cache.as_ref().map_or_else(BuildCache::none, BuildCache::on_disk);
    let prepared = pipeline::prepare(options, &mut cache)?;
    let staging = write::Staging::create(&options.out)?;
    // Files go to disk as they are rendered; an I/O error stops the run and is reported
    // as such (exit 2), not as a content error.
    let failed: Mutex<Option<FsError>> = Mutex::new(None);
    let sink = |file: OutFile| {
        staging.put(&file).map_err(|e| {
            let d = Diagnostic::error(&e.path, 0, 0, e.to_string()).with_code("E001");
            failed.lock().unwrap_or_else(PoisonError::into_inner).get_or_insert(e);
            d
        })
    };
    let result = pipeline::render(&prepared, &|_| true, &sink);
    if let Some(e) = failed.into_inner().unwrap_or_else(PoisonError::into_inner) {
        return Err(Error::Io(e));
    }
    let mut report = result?;
    if options.strict && !report.warnings.is_empty() {
        return Err(content(std::mem::take(&mut report.warnings)));
    }
    let started = Instant::now();
    let hosts = options.domain.as_ref().map(|_| report.hosts.clone());
    staging.commit(hosts.as_deref())?;
    report.timings.write = started.elapsed();
    Ok(report)
}

/// Refuses output folders whose replacement would destroy the sources: the site
/// root or any folder above it, `content/`, `themes/` or anything inside them.
pub fn guard_output(root: &Path, out: &Path) -> Result<(), Error> {
    let root = absolute(root);
    let out = absolute(out);
    let refuse = |why: &str| Err(Error::Usage(format!("refusing to write the site into {}: {why}", out.display())));
    if out.parent().is_none() {
        return refuse("it is the file-system root");
    }
    if root.starts_with(&out) {
        return refuse("it contains the site's sources");
    }
    for protected in ["content", "themes", "src", "tests", ".git"] {
        if out.starts_with(root.join(protected)) {
            return refuse(&format!("it is inside `{protected}/`"));
        }
    }
    Ok(())
}

/// An absolute, normalised path without touching the file system for missing parts.
fn absolute(path: &Path) -> PathBuf {
    let joined =
        if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    let existing = joined.ancestors().find(|p| p.exists()).unwrap_or(Path::new("/"));
    let base = existing.canonicalize().unwrap_or_else(|_| existing.to_path_buf());
    let rest = joined.strip_prefix(existing).unwrap_or(Path::new(""));
    let mut out = base;
    for part in rest.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::Normal(p) => out.push(p),
            _ => {}
        }
    }
    out
}
