//! Products and pricing as data: `content/products/*.yaml` and `content/pricing/*.yaml`,
//! validated, then turned into pricing pages, product pages and `pricing.json`.

use std::path::Path;

use crate::assemble::generated::Generated;
use crate::assemble::Site;
use crate::config::Config;
use crate::diagnostics::Diagnostic;

/// Every product and price list, validated.
#[derive(Debug, Clone, Default)]
pub struct Catalog {}

/// Loads and validates the catalogue under `root/content`.
pub fn load(_root: &Path, _config: &Config) -> Result<Catalog, Vec<Diagnostic>> {
    Ok(Catalog::default())
}

/// Non-fatal findings (warnings) about the catalogue.
pub fn check(_catalog: &Catalog, _config: &Config) -> Vec<Diagnostic> {
    Vec::new()
}

/// The pricing and product pages, and `pricing.json`, for one domain.
pub fn generate(_catalog: &Catalog, _site: &Site<'_>, _domain: usize) -> Result<Generated, Vec<Diagnostic>> {
    Ok(Generated::default())
}
