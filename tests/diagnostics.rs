//! Bad input: every rule's diagnostic names file, line and message, the build exits 1,
//! and the previous output is left byte-for-byte as it was.

mod common;

use common::Fixture;

fn single(f: &Fixture) -> site::diagnostics::Diagnostic {
    let mut ds = f.build_err();
    assert_eq!(ds.len(), 1, "{ds:#?}");
    ds.remove(0)
}

#[test]
fn broken_link_names_file_line_and_column() {
    let f = Fixture::new("basic");
    f.write("content/about.md", "---\ntitle: About\n---\nIntro.\n\nSee [the guide](@/docs/guid.md).\n");
    let d = single(&f);
    assert_eq!(d.location(), "content/about.md:6:5");
    assert_eq!(d.message, "link to `@/docs/guid.md`: no page content/docs/guid.md");
    assert_eq!(d.hint.as_deref(), Some("did you mean `@/docs/guide.md`?"));
    assert_eq!(d.source_line.as_deref(), Some("See [the guide](@/docs/guid.md)."));
}

#[test]
fn broken_anchor_is_reported_with_the_headings() {
    let f = Fixture::new("basic");
    f.write("content/about.md", "---\ntitle: About\n---\n[x](docs/guide.md#instal)\n");
    let d = single(&f);
    assert_eq!(d.location(), "content/about.md:4:1");
    assert_eq!(d.message, "link to `docs/guide.md#instal`: no heading `#instal` in content/docs/guide.md");
    assert_eq!(d.hint.as_deref(), Some("did you mean `#install`?"));
}

#[test]
fn relative_link_cannot_leave_content() {
    let f = Fixture::new("basic");
    f.write("content/about.md", "---\ntitle: About\n---\n[x](../../secret.md)\n");
    let d = single(&f);
    assert_eq!(d.message, "link to `../../secret.md` leaves the content folder");
}

#[test]
fn link_to_unpublished_page_is_an_error() {
    let f = Fixture::new("basic");
    f.write("content/notes/x.md", "---\ntitle: X\n---\n");
    f.write("content/about.md", "---\ntitle: About\n---\n[x](@/notes/x.md)\n");
    let d = single(&f);
    assert_eq!(d.message, "link to `@/notes/x.md`: content/notes/x.md is not published on any domain");
}

#[test]
fn duplicate_urls_name_both_files() {
    let f = Fixture::new("basic");
    f.write("content/docs/guide/index.md", "---\ntitle: Guide again\n---\n");
    let d = single(&f);
    assert_eq!(
        d.message,
        "`/docs/guide/` on a.example is produced by both content/docs/guide.md and content/docs/guide/index.md"
    );
}

#[test]
fn unknown_front_matter_key_suggests_the_right_one() {
    let f = Fixture::new("basic");
    f.write("content/about.md", "---\ntitle: About\ndescripton: typo\n---\n");
    let d = single(&f);
    assert_eq!(d.location(), "content/about.md:3:1");
    assert!(d.message.starts_with("front matter: unknown field `descripton`"), "{}", d.message);
    assert_eq!(d.hint.as_deref(), Some("did you mean `description`?"));
}

#[test]
fn missing_title_and_wrong_types_are_located() {
    let f = Fixture::new("basic");
    f.write("content/about.md", "---\ndescription: no title\n---\n");
    let d = single(&f);
    assert_eq!(d.path, std::path::PathBuf::from("content/about.md"));
    assert!(d.message.contains("missing field `title`"), "{}", d.message);

    f.write("content/about.md", "---\ntitle: About\ntags: strategy\n---\n");
    let d = single(&f);
    assert_eq!(d.location(), "content/about.md:3:7");
    assert!(d.message.contains("expected a sequence"), "{}", d.message);
}

#[test]
fn missing_front_matter_is_explained() {
    let f = Fixture::new("basic");
    f.write("content/about.md", "# About\n");
    let d = single(&f);
    assert_eq!(d.location(), "content/about.md:1:1");
    assert_eq!(d.message, "missing front matter");
}

#[test]
fn unknown_domain_key_in_front_matter() {
    let f = Fixture::new("basic");
    f.write("content/about.md", "---\ntitle: About\ndomains: [a, zz]\n---\n");
    let d = single(&f);
    assert_eq!(d.location(), "content/about.md:3:14");
    assert_eq!(d.message, "unknown domain `zz`");
}

#[test]
fn a_failed_build_leaves_public_untouched_and_exits_1() {
    let f = Fixture::new("basic");
    let ok = f.run(&["build", "--quiet"]);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    let before = common::snapshot(&f.out());
    assert!(!before.is_empty());
    f.write("content/docs/guide.md", "---\ntitle: Guide\n---\n[broken](@/nope.md)\n");
    let failed = f.run(&["build"]);
    assert_eq!(failed.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(stderr.contains("content/docs/guide.md:4:1: link to `@/nope.md`: no page content/nope.md"), "{stderr}");
    assert!(common::snapshot(&f.out()) == before, "public/ changed after a failed build");
    let leftovers: Vec<_> = std::fs::read_dir(f.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");
}

#[test]
fn output_over_the_sources_is_refused_with_exit_2() {
    let f = Fixture::new("basic");
    for out in [".", "content", "content/x", "/", ".."] {
        let run = f.run(&["build", "--out", out]);
        assert_eq!(run.status.code(), Some(2), "--out {out}");
        assert!(String::from_utf8_lossy(&run.stderr).contains("refusing to write the site into"), "--out {out}");
    }
    assert!(f.root().join("content/site.yaml").exists());
}

#[test]
fn unknown_domain_flag_is_a_usage_error() {
    let f = Fixture::new("basic");
    let run = f.run(&["build", "--domain", "zz"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("unknown domain `zz`; the domains are: a, b, c"));
}

#[test]
fn missing_ui_string_names_key_and_file() {
    let f = Fixture::new("basic");
    let he = std::fs::read_to_string(f.root().join("content/i18n/he.yaml")).unwrap();
    let without_home: String = he.lines().filter(|l| !l.starts_with("home:")).map(|l| format!("{l}\n")).collect();
    assert_ne!(he.len(), without_home.len(), "he.yaml has a `home` key");
    f.write("content/i18n/he.yaml", &without_home);
    let ds = f.build_err();
    let d = ds.iter().find(|d| d.message == "missing UI string `home`").unwrap_or_else(|| panic!("{ds:#?}"));
    assert_eq!(d.path, std::path::PathBuf::from("content/i18n/he.yaml"));
    assert_eq!(d.hint.as_deref(), Some("`home` is defined in content/i18n/en.yaml; add its translation here"));
}

#[test]
fn translation_of_must_name_a_page() {
    let f = Fixture::new("basic");
    f.write("content/he/about.md", "---\ntitle: אודות\ntranslation_of: abot.md\n---\n");
    let d = single(&f);
    assert_eq!(d.location(), "content/he/about.md:3:17");
    assert_eq!(d.message, "`translation_of: abot.md` names no page under content/");
    assert_eq!(d.hint.as_deref(), Some("did you mean `about.md`?"));
}

#[test]
fn template_errors_point_into_the_template() {
    let f = Fixture::new("basic");
    let page = std::fs::read_to_string(f.root().join("themes/default/templates/page.html")).unwrap();
    f.write("themes/default/templates/page.html", &page.replacen("{{ page.title }}", "{{ page.no_such_field }}", 1));
    let ds = f.build_err();
    let d = &ds[0];
    assert_eq!(d.path, std::path::PathBuf::from("themes/default/templates/page.html"));
    let line = page.lines().position(|l| l.contains("{{ page.title }}")).unwrap() + 1;
    assert_eq!(d.line, line);
    assert!(d.message.starts_with("template: "), "{}", d.message);
    assert!(d.message.contains("no_such_field"), "{}", d.message);
}

#[test]
fn broken_site_yaml_is_located() {
    let f = Fixture::new("basic");
    let yaml = std::fs::read_to_string(f.root().join("content/site.yaml")).unwrap();
    f.write("content/site.yaml", &yaml.replacen("    language: en\n", "    langauge: en\n", 1));
    let d = single(&f);
    assert_eq!(d.path, std::path::PathBuf::from("content/site.yaml"));
    assert_eq!(d.line, yaml.lines().position(|l| l == "    language: en").unwrap() + 1);
    assert_eq!(d.hint.as_deref(), Some("did you mean `language`?"));
}

#[test]
fn a_broken_navigation_link_has_a_column() {
    let f = Fixture::new("basic");
    let config = std::fs::read_to_string(f.root().join("content/site.yaml")).unwrap();
    f.write("content/site.yaml", &config.replace("@/blog/_index.md", "@/blog/_idnex.md"));
    let d = single(&f);
    assert_eq!(d.location(), "content/site.yaml:15:30");
    assert_eq!(d.message, "link `@/blog/_idnex.md` in domain `a` points to no published page");
}

/// Each front matter and site.yaml rule points at the value at fault on its line.
#[test]
fn front_matter_and_site_yaml_errors_point_at_the_value() {
    let f = Fixture::new("basic");
    f.write("content/about.md", "---\ntitle: About\nstatus: accepted\n---\n");
    let d = single(&f);
    assert_eq!(
        (d.location(), d.message.as_str()),
        ("content/about.md:3:1".into(), "`status` is only allowed in decision records")
    );
    f.write("content/about.md", "---\ntitle: \"  \"\n---\n");
    let d = single(&f);
    assert_eq!((d.location(), d.message.as_str()), ("content/about.md:2:8".into(), "`title` is empty"));
    f.write("content/about.md", "---\ntitle: About\naliases: [/docs/guide/]\n---\n");
    let d = single(&f);
    assert_eq!(d.location(), "content/about.md:3:11");
    assert_eq!(d.message, "alias `/docs/guide/` is already a URL on a.example");
    let f = Fixture::new("basic");
    let config = std::fs::read_to_string(f.root().join("content/site.yaml")).unwrap();
    f.write("content/site.yaml", &config.replacen("    currency: USD\n", "    currency: usd\n", 1));
    let d = single(&f);
    assert_eq!(d.location(), "content/site.yaml:10:15");
    assert_eq!(d.message, "currency `usd` is not an ISO 4217 code");
}
