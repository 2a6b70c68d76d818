//! Nothing escapes the output folder and nothing is silently replaced: aliases are URL
//! paths inside their domain, and every output file has exactly one owner.

mod common;

use std::path::Path;

use common::Fixture;

/// The build fails with exit 1 after `damage`, every `expected` text in stderr, cleanly.
fn refused(damage: impl FnOnce(&Fixture), expected: &[&str]) -> String {
    common::fails_cleanly_with(damage, 1, expected)
}

fn about_with_aliases(f: &Fixture, aliases: &[&str]) {
    let list: Vec<String> = aliases.iter().map(|a| format!("  - \"{a}\"\n")).collect();
    f.write("content/about.md", &format!("---\ntitle: About\naliases:\n{}---\n## Team\n", list.concat()));
}

#[test]
fn an_alias_cannot_leave_the_output_folder() {
    let outside = tempfile::tempdir().expect("temp dir");
    let target = outside.path().join("pwn");
    let escape = format!("../../../../../../../../..{}", target.display());
    let stderr = refused(
        |f| about_with_aliases(f, &[&escape]),
        &[&format!(
            "content/about.md:4:6: alias `{escape}` is not a path on a.example: it holds a `.` or `..` segment"
        )],
    );
    assert!(stderr.contains("error[E027]") || stderr.contains("E027"), "{stderr}");
    assert!(!target.exists(), "the alias wrote {}", target.display());
}

#[test]
fn every_form_of_escaping_alias_is_refused_at_its_line() {
    let cases: [(&str, &str); 5] = [
        ("/x/../../../tmp/p/", "it holds a `.` or `..` segment"),
        ("/docs\\\\..\\\\x/", "it holds a backslash"),
        ("/a%2F..%2F..%2Fb/", "it holds an encoded separator or dot"),
        ("https://evil.example/", "it is a URL, not a path"),
        ("/", "it is the home page"),
    ];
    for (alias, why) in cases {
        let shown = alias.replace("\\\\", "\\");
        refused(
            |f| about_with_aliases(f, &["/fine/", alias]),
            &[&format!("content/about.md:5:6: alias `{shown}` is not a path on a.example: {why}")],
        );
    }
}

#[test]
fn an_alias_cannot_replace_a_page_or_a_generated_file() {
    let stderr = refused(
        |f| about_with_aliases(f, &["/index.html", "/404.html", "/docs/guide/index.html", "/sitemap.xml"]),
        &[
            "`/index.html` on a.example is written by both the page / (content/_index.md) and the alias /index.html (content/about.md)",
            "`/404.html` on a.example is written by both the 404 page and the alias /404.html (content/about.md)",
            "`/docs/guide/index.html` on a.example is written by both the page /docs/guide/ (content/docs/guide.md) and the alias /docs/guide/index.html (content/about.md)",
            "`/sitemap.xml` on a.example is written by both the sitemap and the alias /sitemap.xml/ (content/about.md) (one needs it as a folder)",
        ],
    );
    assert!(stderr.contains("content/about.md:4:6: "), "{stderr}");
}

/// Files are published when a page links to them (HTML only when raw HTML is trusted):
/// `content/about.md` links to each of `files`.
fn linked(f: &Fixture, files: &[(&str, &str)]) {
    let config = std::fs::read_to_string(f.root().join("content/site.yaml")).expect("site.yaml");
    f.write("content/site.yaml", &format!("{config}markdown:\n  raw_html: trusted\n"));
    let mut about = String::from("---\ntitle: About\n---\n");
    for (rel, text) in files {
        f.write(&format!("content/{rel}"), text);
        about.push_str(&format!("[{rel}]({rel})\n\n"));
    }
    f.write("content/about.md", &about);
}

#[test]
fn a_content_file_cannot_replace_a_page() {
    refused(
        |f| linked(f, &[("docs/guide/index.html", "<p>not the guide</p>")]),
        &["`/docs/guide/index.html` on a.example is written by both the page /docs/guide/ (content/docs/guide.md) and the file /docs/guide/index.html (content/docs/guide/index.html)"],
    );
}

#[test]
fn a_content_file_cannot_replace_the_decision_feed_or_a_view() {
    refused(
        |f| linked(f, &[("decisions/feed.xml", "<feed/>"), ("decisions/timeline/index.html", "<p>x</p>")]),
        &[
            "`/decisions/feed.xml` on a.example is written by both the generated file /decisions/feed.xml and the file /decisions/feed.xml (content/decisions/feed.xml)",
            "`/decisions/timeline/index.html` on a.example is written by both the page /decisions/timeline/",
        ],
    );
}

#[test]
fn a_good_alias_still_redirects() {
    let f = Fixture::new("basic");
    about_with_aliases(&f, &["/old-about/", "/team.html"]);
    f.build_ok();
    assert!(f.read("a.example/old-about/index.html").contains("https://a.example/about/"));
    assert!(f.read("a.example/team.html").contains("https://a.example/about/"));
    assert!(Path::new(&f.out()).join("a.example/about/index.html").exists());
}
