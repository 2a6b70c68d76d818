//! The template contract: every theme template the pipeline renders, by name.
//!
//! Assembled and generated pages name their template with [`Template`] rather than a
//! string, the renderer checks that a theme has every one of them when it loads it
//! (E032), and `themes/README.md` lists the fields each receives. It lives here, not in
//! `render`, so that feature modules (pricing, decisions) can name a template without
//! importing the renderer.

use std::fmt;

use serde::Serialize;

/// A template every theme provides, under `themes/<name>/templates/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Template {
    /// The layout the page templates extend; never rendered by itself.
    Base,
    /// A domain's home page.
    Index,
    /// A section page (`_index.md`) with its child pages.
    Section,
    /// An ordinary Markdown page.
    Page,
    /// One decision record.
    Decision,
    /// The decision log: the log's section page, or generated when it has none.
    Decisions,
    /// The decision records of one status or one tag.
    DecisionsList,
    /// Every status change of the decision records, by day.
    DecisionsTimeline,
    /// The supersession graph of the decision records.
    DecisionsGraph,
    /// The pricing overview, `/pricing/`.
    Pricing,
    /// One product's plans and prices, `/pricing/<product>/`.
    PricingProduct,
    /// One product, `/products/<product>/`.
    Product,
    /// A domain's search page, `/search/`.
    Search,
    /// A domain's `404.html`.
    NotFound,
}

impl Template {
    /// Every template, in the order `themes/README.md` lists them.
    pub const ALL: [Template; 14] = [
        Template::Base,
        Template::Index,
        Template::Section,
        Template::Page,
        Template::Decision,
        Template::Decisions,
        Template::DecisionsList,
        Template::DecisionsTimeline,
        Template::DecisionsGraph,
        Template::Pricing,
        Template::PricingProduct,
        Template::Product,
        Template::Search,
        Template::NotFound,
    ];

    /// The file name under the theme's `templates/` folder.
    pub fn file(self) -> &'static str {
        match self {
            Template::Base => "base.html",
            Template::Index => "index.html",
            Template::Section => "section.html",
            Template::Page => "page.html",
            Template::Decision => "decision.html",
            Template::Decisions => "decisions.html",
            Template::DecisionsList => "decisions-list.html",
            Template::DecisionsTimeline => "decisions-timeline.html",
            Template::DecisionsGraph => "decisions-graph.html",
            Template::Pricing => "pricing.html",
            Template::PricingProduct => "pricing-product.html",
            Template::Product => "product.html",
            Template::Search => "search.html",
            Template::NotFound => "404.html",
        }
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.file())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_has_its_own_file() {
        let mut files: Vec<&str> = Template::ALL.iter().map(|t| t.file()).collect();
        files.sort_unstable();
        files.dedup();
        assert_eq!(files.len(), Template::ALL.len());
    }
}

/// What a page is, as templates see it in `page.kind` (`{% if page.kind == "section" %}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A domain's home page.
    Home,
    /// A section page, or the decision log generated for a folder without one.
    Section,
    /// An ordinary Markdown page.
    Page,
    /// One decision record.
    Decision,
    /// The decision records of one status or tag.
    DecisionList,
    /// The decision timeline.
    DecisionTimeline,
    /// The decision graph.
    DecisionGraph,
    /// A pricing page (the overview or one product's).
    Pricing,
    /// A product page.
    Product,
    /// The search page.
    Search,
    /// The 404 page.
    #[serde(rename = "404")]
    NotFound,
}
