//! The decision log: rules over BDRs, the log views, the feed and the graph.

use crate::assemble::generated::Generated;
use crate::assemble::Site;
use crate::diagnostics::Diagnostic;

/// Rules over all decision records (errors and warnings).
pub fn check(_site: &Site<'_>) -> Vec<Diagnostic> {
    Vec::new()
}

/// The decision-log pages and feed for one domain.
pub fn generate(_site: &Site<'_>, _domain: usize) -> Result<Generated, Vec<Diagnostic>> {
    Ok(Generated::default())
}
