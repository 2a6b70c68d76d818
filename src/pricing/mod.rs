//! Products and pricing as data: `content/products/*.yaml` and `content/pricing/*.yaml`,
//! validated, then turned into pricing pages, product pages and `pricing.json`.
//!
//! Load and validation run with the other loaders (so every error is reported in one
//! build); pages are generated per domain once the site is assembled, because product
//! pages link to decision records and Markdown pages by their URLs.

pub mod components;
pub mod contact;
pub mod facts;
pub mod generate;
pub mod home;
pub mod json;
pub mod languages;
pub mod levels;
pub mod load;
pub mod locate;
pub mod model;
pub mod page;
pub mod price_policy;
pub mod product;
pub mod resolve;
pub mod service;
pub mod stated;
pub mod text;
pub mod validate;
pub mod view;

use std::path::Path;

use crate::assemble::generated::Generated;
use crate::assemble::{Feature, Site};
use crate::config::Config;
use crate::diagnostics::Diagnostic;

pub use load::Catalog;

/// Loads and validates the catalogue under `root/content`. Warnings are kept in the
/// catalogue for [`check`].
pub fn load(root: &Path, config: &Config) -> Result<Catalog, Vec<Diagnostic>> {
    let languages = config.domains.iter().map(|d| d.language.as_str()).collect();
    let mut catalog = load::read(root, &languages)?;
    let (errors, warnings): (Vec<_>, Vec<_>) =
        validate::validate(&catalog, config).into_iter().partition(Diagnostic::is_error);
    if errors.is_empty() {
        catalog.warnings = warnings;
        Ok(catalog)
    } else {
        Err(errors)
    }
}

/// Pricing as a feature: the pricing and product pages and `pricing.json` on every
/// domain that sells something; the catalogue's warnings.
pub struct Pricing {
    /// The loaded, validated catalogue.
    pub catalog: Catalog,
}

impl Feature for Pricing {
    fn check(&self, site: &Site) -> Vec<Diagnostic> {
        let mut found = self.catalog.warnings.clone();
        found.extend(components::check(&self.catalog, site));
        found.extend(components::typed_prices(&self.catalog, site));
        found.extend(components::typed_promises(&self.catalog, site));
        found
    }

    fn generate(&self, site: &Site) -> Result<Vec<Generated>, Vec<Diagnostic>> {
        site.domains.iter().map(|ds| generate::domain(&self.catalog, site, ds.domain, &site.i18n)).collect()
    }
}
