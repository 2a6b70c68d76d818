//! The one interface features (pricing, the decision log) plug into: given the site
//! assembled from Markdown, each adds pages, files and per-page data to every domain
//! before anything is rendered. The renderer reads the result and imports no feature.

use crate::diagnostics::Diagnostic;

use super::generated::Generated;
use super::site::Site;

/// A feature: pages made from data, and rules over them.
pub trait Feature: Sync {
    /// Problems found without assembling anything (errors stop the build).
    fn check(&self, _site: &Site) -> Vec<Diagnostic> {
        Vec::new()
    }

    /// What the feature adds to each domain of `site`, in `site.domains` order. Sees the
    /// pages that features before it in the list added.
    fn generate(&self, site: &Site) -> Result<Vec<Generated>, Vec<Diagnostic>>;
}
