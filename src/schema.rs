//! `site schema`: JSON Schemas for the YAML a writer edits, generated from the same
//! Rust types the build parses with, so editors validate and complete as you type.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::fs::{self, FsError};
use crate::load::FrontMatter;
use crate::pricing::model::{PriceList, Product};

/// Where the schemas live, relative to the site root (hidden: never published).
pub const DIR: &str = "content/.schemas";

/// Every schema as `(file name, pretty JSON)`.
pub fn schemas() -> Vec<(&'static str, String)> {
    let pretty = |schema: schemars::Schema| serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n";
    vec![
        ("site.schema.json", pretty(schemars::schema_for!(Config))),
        ("front-matter.schema.json", pretty(schemars::schema_for!(FrontMatter))),
        ("product.schema.json", pretty(schemars::schema_for!(Product))),
        ("pricing.schema.json", pretty(schemars::schema_for!(PriceList))),
    ]
}

/// Writes every schema under `root/content/.schemas/`; returns the paths written.
pub fn write(root: &Path) -> Result<Vec<PathBuf>, FsError> {
    schemas()
        .into_iter()
        .map(|(name, json)| {
            let path = root.join(DIR).join(name);
            fs::write(&path, json.as_bytes()).map(|()| path)
        })
        .collect()
}
