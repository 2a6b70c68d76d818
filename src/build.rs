//! `site build`: the pipeline with its rendered files streamed into a staging folder,
//! swapped in atomically when every stage succeeded.

use std::sync::{Mutex, PoisonError};
use std::time::Instant;

use crate::cache::BuildCache;
use crate::diagnostics::{Code, Diagnostic};
use crate::pipeline::{self, content, BuildOptions, BuildReport, Error};
use crate::render::OutFile;
use crate::write;

/// Builds the site into `options.out`, atomically.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Error> {
    write::guard_output(&options.root, &options.out)?;
    let mut cache = options.cache.as_ref().map_or_else(BuildCache::none, BuildCache::on_disk);
    let prepared = pipeline::prepare(options, &mut cache)?;
    let staging = write::Staging::create(&options.out)?;
    // Files go to disk as they are rendered; an I/O error stops the run and is reported
    // as such (exit 2), not as a content error.
    let failed: Mutex<Option<write::WriteError>> = Mutex::new(None);
    let written: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let sink = |file: OutFile| {
        written.lock().unwrap_or_else(PoisonError::into_inner).push(file.path.clone());
        staging.put(&file).map_err(|e| {
            let d = Diagnostic::error(e.path(), 0, 0, e.to_string()).with_code(Code::E001);
            failed.lock().unwrap_or_else(PoisonError::into_inner).get_or_insert(e);
            d
        })
    };
    // The search index is made from the assembled site while the pages render.
    let (result, index) =
        rayon::join(|| pipeline::render(&prepared, &|_| true, &sink), || pipeline::search_timed(&prepared.site));
    let (index, search_time) = index;
    let mut index_count = 0;
    for file in index {
        if sink(file).is_err() {
            break;
        }
        index_count += 1;
    }
    if let Some(e) = failed.into_inner().unwrap_or_else(PoisonError::into_inner) {
        return Err(e.into());
    }
    let mut report = result?;
    report.files += index_count;
    report.timings.search = search_time;
    // Stage 5's host files (headers, redirects), made from every path just written.
    let written = written.into_inner().unwrap_or_else(PoisonError::into_inner);
    let hosted = pipeline::publish(&prepared.site, &written)?;
    for file in &hosted.files {
        staging.put(file)?;
    }
    report.files += hosted.files.len();
    report.warnings.extend(hosted.warnings);
    if options.strict && !report.warnings.is_empty() {
        return Err(content(std::mem::take(&mut report.warnings)));
    }
    let started = Instant::now();
    let hosts = options.domain.as_ref().map(|_| report.hosts.clone());
    staging.commit(hosts.as_deref())?;
    report.timings.write = started.elapsed();
    Ok(report)
}
