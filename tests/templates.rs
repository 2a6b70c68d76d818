//! The template contract: `themes/README.md` lists exactly the default theme's
//! templates, the theme has every template the Rust code renders, each of them renders
//! its page kind, and a theme missing one fails to load with E032.

mod common;

use std::collections::BTreeSet;

use common::{texts, Fixture};
use scraper::Selector;
use site::assemble::template::Template;

fn readme() -> String {
    std::fs::read_to_string(common::repo().join("themes/README.md")).expect("themes/README.md")
}

/// Template names in the first column of the README's tables (`| \`name.html\` | …`),
/// from the heading starting with `## {from}` up to the next `## ` heading, or from
/// everywhere when `from` is empty.
fn listed(readme: &str, from: &str) -> BTreeSet<String> {
    let mut inside = from.is_empty();
    let mut names = BTreeSet::new();
    for line in readme.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            inside = from.is_empty() || heading.starts_with(from);
            continue;
        }
        let Some(cell) = line.strip_prefix("| `") else {
            continue;
        };
        let name = cell.split('`').next().unwrap_or_default();
        if inside && name.ends_with(".html") {
            names.insert(name.to_owned());
        }
    }
    names
}

/// Every `*.html` under the default theme's `templates/`, relative to it.
fn theme_files() -> BTreeSet<String> {
    let dir = common::repo().join("themes/default/templates");
    walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().strip_prefix(&dir).expect("under templates").to_string_lossy().replace('\\', "/"))
        .collect()
}

#[test]
fn the_readme_lists_every_template_of_the_theme_and_nothing_else() {
    let listed = listed(&readme(), "");
    let files = theme_files();
    let unlisted: Vec<_> = files.difference(&listed).collect();
    let missing: Vec<_> = listed.difference(&files).collect();
    assert!(unlisted.is_empty(), "templates missing from themes/README.md: {unlisted:?}");
    assert!(missing.is_empty(), "themes/README.md lists templates that do not exist: {missing:?}");
}

#[test]
fn the_templates_the_code_renders_are_the_readmes_first_table_and_in_the_theme() {
    let rendered: BTreeSet<String> = Template::ALL.iter().map(|t| t.file().to_owned()).collect();
    assert_eq!(listed(&readme(), "Templates the pipeline renders"), rendered);
    let files = theme_files();
    for template in Template::ALL {
        assert!(files.contains(template.file()), "the default theme has no {template}");
    }
}

/// A page each template renders: fixture, output file, `page.kind`, and an element only
/// that template prints. The match is exhaustive, so a new template needs a sample here.
fn sample(template: Template) -> Option<(&'static str, &'static str, &'static str, &'static str)> {
    Some(match template {
        // Every sample below extends it: `body.kind-*` is printed by `base.html`.
        Template::Base => return None,
        Template::Index => ("basic", "a.example/index.html", "home", "section.hero"),
        Template::Section => ("basic", "a.example/docs/index.html", "section", ".section-page .cards"),
        Template::Page => ("basic", "a.example/about/index.html", "page", "article.doc .doc-foot"),
        Template::Decision => ("basic", "a.example/decisions/bdr-0001/index.html", "decision", ".decision-trail"),
        Template::Decisions => {
            ("basic", "a.example/decisions/index.html", "section", ".decision-log-page .decision-log")
        }
        Template::DecisionsList => {
            ("basic", "a.example/decisions/status/accepted/index.html", "decision-list", ".decision-log-list")
        }
        Template::DecisionsTimeline => {
            ("basic", "a.example/decisions/timeline/index.html", "decision-timeline", "ol.timeline")
        }
        Template::DecisionsGraph => {
            ("basic", "a.example/decisions/graph/index.html", "decision-graph", "figure.decision-graph")
        }
        Template::Pricing => ("pricing-basic", "en.example/pricing/index.html", "pricing", ".pricing-group"),
        Template::PricingProduct => {
            ("pricing-basic", "en.example/pricing/widget/index.html", "pricing", ".pricing-related")
        }
        Template::Product => ("pricing-basic", "en.example/products/widget/index.html", "product", "article.product"),
        Template::Search => ("basic", "a.example/search/index.html", "search", "form.search-form"),
        Template::NotFound => ("basic", "a.example/404.html", "404", ".not-found"),
    })
}

#[test]
fn every_template_renders_its_page_kind() {
    let built: Vec<(&str, Fixture)> = ["basic", "pricing-basic"]
        .into_iter()
        .map(|case| {
            let fixture = Fixture::new(case);
            fixture.build_ok();
            (case, fixture)
        })
        .collect();
    for template in Template::ALL {
        let Some((case, file, kind, marker)) = sample(template) else {
            continue;
        };
        let fixture = &built.iter().find(|(c, _)| *c == case).expect("fixture built").1;
        let doc = fixture.html(file);
        let body = Selector::parse(&format!("html[lang][dir] > body.kind-{kind}")).expect("selector");
        assert_eq!(doc.select(&body).count(), 1, "{template}: {file} is not a `{kind}` page");
        let element = Selector::parse(marker).expect("selector");
        assert!(doc.select(&element).next().is_some(), "{template}: {file} has no `{marker}`");
        assert!(!texts(&doc, "h1").is_empty(), "{template}: {file} has no title");
    }
}

#[test]
fn a_theme_without_a_template_it_must_have_fails_to_load_with_e032() {
    let fixture = Fixture::new("basic");
    std::fs::remove_file(fixture.root().join("themes/default/templates/decisions-graph.html"))
        .expect("remove template");
    let run = fixture.run(&["build"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    let expected = "error[E032]: themes/default/templates/decisions-graph.html: \
                    the theme `themes/default` has no `decisions-graph.html` template\n  \
                    = hint: every theme needs the templates listed in themes/README.md\n";
    assert!(stderr.contains(expected), "{stderr}");
    assert_eq!(stderr.matches("[E032]").count(), 1, "reported once for the three domains that share it: {stderr}");
    assert!(!fixture.exists("a.example/index.html"), "nothing is written");
}
