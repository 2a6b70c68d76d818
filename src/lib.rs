//! `site`: a multi-domain static site generator for documentation, decision records
//! and pricing.
//!
//! The build is a pipeline, one module per stage:
//! [`load`] (walk `content/`, front matter) → [`markdown`] (bodies to HTML) →
//! [`assemble`] (pages per domain, URLs, links) → [`render`] (Tera) → [`write`]
//! (staging folder, atomic swap).

#![warn(missing_docs)]
// Diagnostics are the error type of most stages; they travel only on the failure
// path, so their size does not matter.
#![allow(clippy::result_large_err)]

pub mod assemble;
pub mod cache;
pub mod check;
pub mod config;
pub mod decisions;
pub mod diagnostics;
pub mod fs;
pub mod load;
pub mod markdown;
pub mod pricing;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod write;
pub mod yaml;

mod build;

pub use build::{
    build, render_site, render_site_cached, render_site_with, BuildOptions, BuildReport, Error, Select, Timings,
};
pub use cache::BuildCache;
pub use write::guard_output;
