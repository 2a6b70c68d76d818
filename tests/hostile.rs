//! Hostile input: every case gives a clear diagnostic (file and line where one exists),
//! exits 1 or 2, never panics or hangs, and leaves the previous `public/` byte-identical.
//! Inputs that are odd but valid (BOM, CRLF, spaces and Hebrew in names) must build.

mod common;

use common::{attrs, Fixture};

/// The build fails after `damage` with exit `code` and `expected` in stderr, cleanly.
fn fails_cleanly(damage: impl FnOnce(&Fixture), code: i32, expected: &str) -> String {
    common::fails_cleanly_with(damage, code, &[expected])
}

fn page(f: &Fixture, text: &str) {
    f.write("content/about.md", text);
}

#[test]
fn yaml_syntax_error() {
    fails_cleanly(
        |f| page(f, "---\ntitle: About\ndescription: \"open\n---\n"),
        1,
        "content/about.md:4:1: front matter: ",
    );
}

#[test]
fn tab_indentation() {
    let stderr =
        fails_cleanly(|f| page(f, "---\ntitle: About\ntags:\n\t- a\n---\n"), 1, "content/about.md:4:1: front matter: ");
    assert!(stderr.contains("= hint: indent with spaces: YAML does not allow tabs in indentation"), "{stderr}");
}

#[test]
fn duplicate_keys_are_reported_at_the_repeat() {
    let stderr = fails_cleanly(
        |f| page(f, "---\ntitle: A\ndescription: d\ntitle: B\n---\n"),
        1,
        "error[E002]: content/about.md:4:1: front matter: duplicate key `title`",
    );
    assert!(stderr.contains("hint: `title` is already set above in the same block"), "{stderr}");
}

#[test]
fn invalid_utf8_in_yaml_names_the_line() {
    fails_cleanly(
        |f| std::fs::write(f.root().join("content/i18n/en.yaml"), b"a: b\nc: \"d \xff\"\n").unwrap(),
        1,
        "error[E001]: content/i18n/en.yaml:2:7: file is not valid UTF-8",
    );
}

#[test]
fn escape_sequences_in_file_names_are_escaped() {
    let stderr = fails_cleanly(|f| f.write("content/docs/\x1b[2Jevil\x07.md", "no front matter\n"), 1, "");
    assert!(stderr.contains("content/docs/\\u{1b}[2Jevil\\u{7}.md:1:1: missing front matter"), "{stderr}");
    assert!(!stderr.contains('\x1b') && !stderr.contains('\x07'), "raw control characters reached stderr");
}

#[test]
fn a_thousands_separator_in_a_price_gets_a_hint() {
    let f = Fixture::new("pricing-basic");
    let path = f.root().join("content/pricing/widget.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let price = text.lines().find(|l| l.contains("monthly: {")).expect("a monthly price").to_owned();
    let usd: String = price.split("USD: ").nth(1).expect("USD").chars().take_while(char::is_ascii_digit).collect();
    std::fs::write(&path, text.replacen(&format!("USD: {usd}"), "USD: 1,490", 1)).unwrap();
    let run = f.run(&["build"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[E004]: content/pricing/widget.yaml:"), "{stderr}");
    assert!(stderr.contains("hint: write `1490`, not `1,490`: numbers take no thousands separator"), "{stderr}");
}

#[test]
fn new_page_refuses_a_title_of_several_lines() {
    let f = Fixture::new("basic");
    let run = f.run(&["new", "page", "docs/x.md", "Title\n---\nmore"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("a title is one line"));
    assert!(!f.root().join("content/docs/x.md").exists());
    // A title that is only `---` is quoted and builds.
    let run = f.run(&["new", "page", "docs/dashes.md", "--", "---"]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    f.build_ok();
    assert_eq!(common::texts(&f.html("a.example/docs/dashes/index.html"), "main h1"), ["---"]);
}

#[test]
fn alias_bomb() {
    let mut yaml = String::from(
        "---\ntitle: About\nlol0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        yaml.push_str(&format!("lol{i}: &a{i} [{}]\n", vec![prev; 9].join(",")));
    }
    yaml.push_str("---\n");
    fails_cleanly(|f| page(f, &yaml), 1, "content/about.md:");
}

#[test]
fn ten_thousand_deep_nesting() {
    let yaml = format!("---\ntitle: About\ndescription: {}{}\n---\n", "[".repeat(10_000), "]".repeat(10_000));
    let stderr = fails_cleanly(|f| page(f, &yaml), 1, "content/about.md:3:");
    assert!(stderr.lines().all(|l| l.chars().count() < 200), "snippets stay short:\n{stderr}");
}

#[test]
fn fifty_megabyte_page_is_refused() {
    let big = format!("---\ntitle: Big\n---\n{}", "word ".repeat(10 * 1024 * 1024));
    fails_cleanly(|f| page(f, &big), 1, "content/about.md: file is 50.0 MB; pages are limited to 8 MB");
}

#[test]
fn invalid_utf8_names_the_line() {
    fails_cleanly(
        |f| std::fs::write(f.root().join("content/about.md"), b"---\ntitle: About\n---\nok\nbad \xff byte\n").unwrap(),
        1,
        "content/about.md:5:5: file is not valid UTF-8",
    );
}

#[test]
fn empty_file() {
    fails_cleanly(|f| page(f, ""), 1, "content/about.md:1:1: missing front matter");
}

#[test]
fn front_matter_never_closed() {
    fails_cleanly(
        |f| page(f, "---\ntitle: About\nBody without an end.\n"),
        1,
        "content/about.md:1:1: front matter is not closed",
    );
}

#[test]
fn title_of_the_wrong_type() {
    fails_cleanly(
        |f| page(f, "---\ntitle: [1, 2]\n---\n"),
        1,
        "content/about.md:2:8: front matter: title: invalid type: sequence, expected a string",
    );
}

#[test]
fn case_only_name_collision() {
    fails_cleanly(
        |f| f.write("content/docs/Guide.md", "---\ntitle: Guide again\n---\n"),
        1,
        "`/docs/guide/` on a.example is produced by both content/docs/Guide.md and content/docs/guide.md",
    );
}

#[test]
fn symlink_loop() {
    #[cfg(unix)]
    fails_cleanly(
        |f| std::os::unix::fs::symlink(f.root().join("content/docs"), f.root().join("content/docs/loop")).unwrap(),
        1,
        "content/docs/loop: symbolic link loop: it points back to content/docs",
    );
}

#[test]
fn a_dangling_link_is_skipped() {
    // An editor's lock file or a moved target: not content, and no reason to stop a build.
    #[cfg(unix)]
    {
        let f = Fixture::new("basic");
        std::os::unix::fs::symlink(f.root().join("nowhere.md"), f.root().join("content/docs/gone.md")).unwrap();
        let run = f.run(&["build", "--quiet"]);
        assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
        assert!(!f.exists("a.example/docs/gone/index.html"));
    }
}

#[test]
fn template_syntax_error_points_into_the_template() {
    fails_cleanly(
        |f| {
            let path = f.root().join("themes/default/templates/page.html");
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&path, text.replacen("{% endblock main %}", "{% endblok main %}", 1)).unwrap();
        },
        1,
        "themes/default/templates/page.html:",
    );
}

#[test]
fn bom_and_crlf_build_correctly() {
    let f = Fixture::new("basic");
    std::fs::write(
        f.root().join("content/about.md"),
        "\u{feff}---\r\ntitle: About\r\ndescription: CRLF\r\n---\r\n## Team\r\n\r\nWe are small.\r\n",
    )
    .unwrap();
    f.build_ok();
    let doc = f.html("a.example/about/index.html");
    assert_eq!(common::texts(&doc, "main h1"), ["About"]);
    assert_eq!(attrs(&doc, "main h2[id]", "id"), ["team"]);
}

#[test]
fn names_with_spaces_and_hebrew_build() {
    let f = Fixture::new("basic");
    f.write("content/docs/my page.md", "---\ntitle: Spaced\n---\nHi.\n");
    f.write("content/docs/שלום.md", "---\ntitle: שלום\n---\nשלום.\n");
    f.write(
        "content/about.md",
        "---\ntitle: About\n---\n[a](docs/my%20page.md) [b](<docs/my page.md>) [c](docs/שלום.md)\n",
    );
    f.build_ok();
    assert!(f.exists("a.example/docs/my-page/index.html"));
    let hrefs: Vec<String> = attrs(&f.html("a.example/about/index.html"), "main a", "href")
        .into_iter()
        .filter(|h| h.starts_with("/docs/"))
        .collect();
    assert_eq!(hrefs[..2], ["/docs/my-page/", "/docs/my-page/"]);
    assert!(hrefs[2].starts_with("/docs/p-") && f.exists(&format!("a.example{}index.html", hrefs[2])), "{hrefs:?}");
}
