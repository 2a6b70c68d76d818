//! `site`: a multi-domain static site generator for documentation, decision records
//! and pricing.
//!
//! The build is a one-way pipeline, one module per stage, each returning an owned value
//! the next one reads ([`pipeline::prepare`] and [`pipeline::render`] chain them):
//!
//! 1. [`load`]: `site.yaml`, content, UI strings, themes and the pricing catalogue;
//! 2. [`cache`] and [`markdown`]: page bodies to HTML (cached);
//! 3. [`assemble`]: pages per domain, URLs, links resolved once, translations, and the
//!    pages features add through [`assemble::Feature`] ([`pricing`], [`decisions`],
//!    [`search`]'s page);
//! 4. [`render`]: Tera templates over the assembled site, which it only reads;
//! 5. [`write`]: a staging folder, swapped in atomically, with each domain's host
//!    configuration from [`deploy`] (headers, redirects) beside its pages; the [`search`]
//!    index is built beside rendering, from the same assembled site.
//!
//! [`build`], [`check`] and [`serve`] are compositions of these stages.

#![warn(missing_docs)]
// Diagnostics are the error type of most stages; they travel only on the failure
// path, so their size does not matter.
#![allow(clippy::result_large_err)]

pub mod assemble;
pub mod cache;
pub mod check;
pub mod config;
pub mod content_path;
pub mod dates;
pub mod decisions;
pub mod deploy;
pub mod diagnostics;
pub mod fs;
pub mod history;
pub mod html;
pub mod ids;
pub mod load;
pub mod markdown;
pub mod pipeline;
pub mod policy;
pub mod pricing;
pub mod read;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod slug;
pub mod write;
pub mod yaml;

mod build;

pub use build::build;
pub use cache::BuildCache;
pub use pipeline::{render_site, BuildOptions, BuildReport, Error, Timings};
pub use write::guard_output;
