//! Documentation navigation: the section sidebar with the current page marked,
//! previous/next by weight then title, the edit link in both URL forms, the copy
//! button's script and words, and the `edit_url` checks (E028, E029).

mod common;

use common::Fixture;
use scraper::{Html, Selector};

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).expect("selector")).collect()
}

fn text(el: &scraper::ElementRef<'_>) -> String {
    el.text().collect::<String>().trim().to_owned()
}

/// The reading order of the fixture's `docs` tree.
const ORDER: [(&str, &str); 8] = [
    ("/docs/", "Lantern docs"),
    ("/docs/install/", "Installing"),
    ("/docs/configure/", "Configuring"),
    ("/docs/guides/", "Guides"),
    ("/docs/guides/first-beam/", "Your first beam"),
    ("/docs/guides/colours/", "Colours"),
    ("/docs/about-us/", "About the tools"),
    ("/docs/faq/", "Answers"),
];

fn page(url: &str) -> String {
    format!("en.example{url}index.html")
}

#[test]
fn the_sidebar_lists_the_section_tree_and_marks_the_current_page() {
    let f = Fixture::new("docsnav");
    f.build_ok();
    let html = f.html(&page("/docs/guides/first-beam/"));
    let nav = select(&html, "nav.docs-nav");
    assert_eq!(nav.len(), 1);
    assert_eq!(nav[0].value().attr("aria-label"), Some("Documentation"));
    let links: Vec<(String, String)> = select(&html, "nav.docs-nav a")
        .iter()
        .map(|a| (a.value().attr("href").unwrap_or_default().to_owned(), text(a)))
        .collect();
    let expected: Vec<(String, String)> = ORDER.iter().map(|(u, t)| (u.to_string(), t.to_string())).collect();
    assert_eq!(links, expected);
    // The guides' pages are nested under the guides' entry.
    let nested: Vec<String> = select(&html, "nav.docs-nav .docs-list .docs-list a").iter().map(text).collect();
    assert_eq!(nested, ["Your first beam", "Colours"]);
    let current = select(&html, "nav.docs-nav [aria-current=page]");
    assert_eq!(current.len(), 1);
    assert_eq!(text(&current[0]), "Your first beam");
    // The drawer: a disclosure with a label, closed until opened.
    let drawer = select(&html, "nav.docs-nav details.docs-drawer");
    assert_eq!(drawer.len(), 1);
    assert!(drawer[0].value().attr("open").is_none());
    assert_eq!(
        select(&html, "details.docs-drawer > summary").iter().map(text).collect::<Vec<_>>(),
        ["Pages in this section"]
    );
}

#[test]
fn the_section_page_has_the_sidebar_too_and_is_marked_there() {
    let f = Fixture::new("docsnav");
    f.build_ok();
    let html = f.html(&page("/docs/"));
    let current = select(&html, "nav.docs-nav [aria-current=page]");
    assert_eq!(current.iter().map(text).collect::<Vec<_>>(), ["Lantern docs"]);
    let next = select(&html, "a[rel=next]");
    assert_eq!(next[0].value().attr("href"), Some("/docs/install/"));
    assert!(select(&html, "a[rel=prev]").is_empty(), "the first page has no previous page");
}

#[test]
fn previous_and_next_follow_weight_then_title_through_the_tree() {
    let f = Fixture::new("docsnav");
    f.build_ok();
    for (i, (url, _)) in ORDER.iter().enumerate() {
        let html = f.html(&page(url));
        let href = |rel: &str| {
            select(&html, &format!("nav.docs-pager a[rel={rel}]"))
                .first()
                .and_then(|a| a.value().attr("href"))
                .map(str::to_owned)
        };
        let prev = i.checked_sub(1).map(|j| ORDER[j].0.to_owned());
        let next = ORDER.get(i + 1).map(|(u, _)| (*u).to_owned());
        assert_eq!(href("prev"), prev, "previous of {url}");
        assert_eq!(href("next"), next, "next of {url}");
    }
    let html = f.html(&page("/docs/configure/"));
    let next = select(&html, "a[rel=next] .docs-pager-title");
    assert_eq!(text(&next[0]), "Guides");
}

#[test]
fn each_documentation_section_has_its_own_tree_and_other_sections_have_none() {
    let f = Fixture::new("docsnav");
    f.build_ok();
    let html = f.html(&page("/handbook/rituals/"));
    let links: Vec<String> = select(&html, "nav.docs-nav a").iter().map(text).collect();
    assert_eq!(links, ["Handbook", "Rituals"]);
    assert_eq!(select(&html, "a[rel=prev]")[0].value().attr("href"), Some("/handbook/"));
    for plain in ["/notes/", "/notes/one/", "/"] {
        let html = f.html(&page(plain));
        assert!(select(&html, "nav.docs-nav").is_empty(), "{plain} is not documentation");
        assert!(select(&html, "nav.docs-pager").is_empty(), "{plain} is not documentation");
    }
}

#[test]
fn without_a_docs_setting_only_the_docs_folder_is_documentation() {
    let f = Fixture::new("docsnav");
    let yaml = std::fs::read_to_string(f.root().join("content/site.yaml")).unwrap();
    f.write("content/site.yaml", &yaml.replace("docs:\n  sections: [docs, handbook]\n", ""));
    f.build_ok();
    assert_eq!(select(&f.html(&page("/docs/install/")), "nav.docs-nav").len(), 1);
    assert!(select(&f.html(&page("/handbook/rituals/")), "nav.docs-nav").is_empty());
}

#[test]
fn the_edit_link_fills_the_github_and_the_azure_devops_forms() {
    let forms = [
        (
            "https://github.com/lantern/site/edit/main/content/{path}",
            "https://github.com/lantern/site/edit/main/content/docs/guides/first-beam.md",
        ),
        (
            "https://dev.azure.com/lantern/tools/_git/site?path=/content/{path}&version=GBmain&_a=contents",
            "https://dev.azure.com/lantern/tools/_git/site?path=/content/docs/guides/first-beam.md&version=GBmain&_a=contents",
        ),
    ];
    for (template, expected) in forms {
        let f = Fixture::new("docsnav");
        let yaml = std::fs::read_to_string(f.root().join("content/site.yaml")).unwrap();
        let with = yaml.replace(
            "    sections: [docs, handbook, notes]\n",
            &format!("    sections: [docs, handbook, notes]\n    edit_url: \"{template}\"\n"),
        );
        f.write("content/site.yaml", &with);
        f.build_ok();
        let html = f.html(&page("/docs/guides/first-beam/"));
        let edit = select(&html, "a.edit-link");
        assert_eq!(edit.len(), 1);
        assert_eq!(edit[0].value().attr("href"), Some(expected));
        assert_eq!(text(&edit[0]), "Edit this page");
        // Only documentation pages, and only on the domain that sets it.
        assert!(select(&f.html(&page("/notes/one/")), "a.edit-link").is_empty());
        assert!(select(&f.html("he.example/docs/setup/index.html"), "a.edit-link").is_empty());
    }
}

#[test]
fn without_edit_url_there_is_no_edit_link() {
    let f = Fixture::new("docsnav");
    f.build_ok();
    assert!(select(&f.html(&page("/docs/install/")), "a.edit-link").is_empty());
}

/// Builds the fixture with `line` added to the first domain; returns the diagnostics.
fn bad_edit_url(value: &str) -> (Vec<site::diagnostics::Diagnostic>, String) {
    let f = Fixture::new("docsnav");
    let yaml = std::fs::read_to_string(f.root().join("content/site.yaml")).unwrap();
    let with = yaml.replace("    title: Lantern\n", &format!("    title: Lantern\n    edit_url: {value}\n"));
    f.write("content/site.yaml", &with);
    (f.build_err(), with)
}

#[test]
fn an_edit_url_that_is_not_http_is_e028_at_its_line() {
    let (ds, yaml) = bad_edit_url("ftp://files.example/{path}");
    assert_eq!(ds.len(), 1, "{ds:?}");
    let d = &ds[0];
    assert_eq!(d.code.map(|c| c.as_str()), Some("E028"));
    assert_eq!(d.path, std::path::Path::new("content/site.yaml"));
    assert_eq!(d.line, yaml.lines().position(|l| l.contains("edit_url")).unwrap() + 1);
    assert_eq!(d.column, 15);
    assert_eq!(d.message, "edit_url `ftp://files.example/{path}` is not an http(s) URL");
}

#[test]
fn an_edit_url_without_the_path_placeholder_is_e029_at_its_line() {
    let (ds, yaml) = bad_edit_url("https://github.com/lantern/site/edit/main/content/");
    assert_eq!(ds.len(), 1, "{ds:?}");
    let d = &ds[0];
    assert_eq!(d.code.map(|c| c.as_str()), Some("E029"));
    assert_eq!(d.path, std::path::Path::new("content/site.yaml"));
    assert_eq!(d.line, yaml.lines().position(|l| l.contains("edit_url")).unwrap() + 1);
    assert_eq!(d.column, 15);
    assert_eq!(d.message, "edit_url `https://github.com/lantern/site/edit/main/content/` has no `{path}`");
}

#[test]
fn updated_in_front_matter_is_the_last_updated_date() {
    let f = Fixture::new("docsnav");
    f.build_ok();
    let html = f.html(&page("/docs/configure/"));
    let time = select(&html, ".page-dates time");
    assert_eq!(time.len(), 1);
    assert_eq!(time[0].value().attr("datetime"), Some("2025-11-20"));
    assert_eq!(text(&time[0]), "20 November 2025");
    // Outside git, a page without `updated:` shows no date.
    assert!(select(&f.html(&page("/docs/install/")), ".page-dates").is_empty());
}

#[test]
fn code_blocks_get_the_copy_script_with_words_in_the_page_language() {
    let f = Fixture::new("docsnav");
    f.build_ok();
    let script = |html: &Html| {
        select(html, "script[src]")
            .iter()
            .find(|s| s.value().attr("src").is_some_and(|src| src.contains("copy-code")))
            .map(|s| {
                let v = s.value();
                assert!(v.attr("defer").is_some());
                (v.attr("data-copy").unwrap_or("").to_owned(), v.attr("data-copied").unwrap_or("").to_owned())
            })
    };
    let en = f.html(&page("/docs/install/"));
    assert_eq!(script(&en), Some(("Copy code".into(), "Copied".into())));
    // A page outside the documentation with code has the button too; one without code has neither.
    assert!(script(&f.html(&page("/notes/one/"))).is_some());
    assert!(script(&f.html(&page("/docs/faq/"))).is_none());
    // No button in the HTML itself: it exists only where the script runs.
    assert!(select(&en, "button.copy-code").is_empty());
    let he = f.html("he.example/docs/setup/index.html");
    assert_eq!(script(&he), Some(("העתקת הקוד".into(), "הועתק".into())));
    assert_eq!(select(&he, "nav.docs-nav")[0].value().attr("aria-label"), Some("תיעוד"));
    let current = select(&he, "nav.docs-nav [aria-current=page]");
    assert_eq!(current.iter().map(text).collect::<Vec<_>>(), ["התקנה"]);
}

#[test]
fn a_section_off_the_page_s_branch_stands_as_one_link_without_its_pages() {
    let f = Fixture::new("docsnav");
    f.build_ok();
    let html = f.html(&page("/docs/install/"));
    let links: Vec<String> = select(&html, "nav.docs-nav a").iter().map(text).collect();
    // The guides' own pages are listed only on pages in the guides' branch.
    assert_eq!(links, ["Lantern docs", "Installing", "Configuring", "Guides", "About the tools", "Answers"]);
    assert!(select(&html, "nav.docs-nav .docs-list .docs-list").is_empty());
    let guides = f.html(&page("/docs/guides/"));
    let nested: Vec<String> = select(&guides, "nav.docs-nav .docs-list .docs-list a").iter().map(text).collect();
    assert_eq!(nested, ["Your first beam", "Colours"]);
}
