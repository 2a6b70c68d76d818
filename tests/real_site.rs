//! The real `content/`: it builds with no warnings, every page the brief asks for
//! exists, and every page is valid HTML per the W3C Nu checker.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{attrs, texts, Fixture};

#[test]
fn real_content_builds_without_warnings() {
    let f = Fixture::real();
    let report = f.build_ok();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    assert_eq!(report.hosts, ["connectsoft.ai", "connectsoft.io", "connectsoft.dev", "connectsoft.co.il"]);
    let expected = [
        "connectsoft.ai/index.html",
        "connectsoft.ai/vision/index.html",
        "connectsoft.ai/products/index.html",
        "connectsoft.ai/squads/index.html",
        "connectsoft.ai/marketplace/index.html",
        "connectsoft.ai/code-ownership/index.html",
        "connectsoft.ai/company/business-models/index.html",
        "connectsoft.ai/about/index.html",
        "connectsoft.ai/contact/index.html",
        "connectsoft.io/index.html",
        "connectsoft.io/platforms/index.html",
        "connectsoft.io/status/index.html",
        "connectsoft.dev/index.html",
        "connectsoft.dev/domain-strategy/index.html",
        "connectsoft.dev/business-models/factory/index.html",
        "connectsoft.dev/business-models/platforms/index.html",
        "connectsoft.dev/business-models/squads/index.html",
        "connectsoft.dev/business-models/marketplace/index.html",
        "connectsoft.dev/planning/2026-01-01-business-model-session/index.html",
        "connectsoft.dev/decisions/index.html",
        "connectsoft.co.il/index.html",
        "connectsoft.co.il/products/index.html",
        "connectsoft.co.il/about/index.html",
        "connectsoft.co.il/contact/index.html",
    ];
    for path in expected {
        assert!(f.exists(path), "{path} missing");
    }
    for n in 1..=5 {
        let doc = f.html(&format!("connectsoft.dev/decisions/bdr-000{n}/index.html"));
        let ids = attrs(&doc, "main h2[id]", "id");
        for section in ["context", "decision", "consequences", "alternatives-considered"] {
            assert!(ids.iter().any(|i| i == section), "BDR-000{n} lacks {section}: {ids:?}");
        }
    }
    let he = f.html("connectsoft.co.il/index.html");
    assert_eq!(attrs(&he, "html", "dir"), ["rtl"]);
    assert!(!texts(&he, "main h1")[0].is_empty());
}

/// The Nu checker jar: `$VNU_JAR`, else the copy `scripts/test` installs.
fn vnu_jar() -> Option<PathBuf> {
    let jar = std::env::var_os("VNU_JAR")
        .map(PathBuf::from)
        .unwrap_or_else(|| common::repo().join(".tools/node_modules/vnu-jar/build/dist/vnu.jar"));
    let java = Command::new("java").arg("-version").output().is_ok_and(|o| o.status.success());
    (jar.is_file() && java).then_some(jar)
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().to_path_buf())
        .collect()
}

#[test]
fn every_page_of_the_real_site_is_valid_html() {
    let Some(jar) = vnu_jar() else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "the Nu HTML checker (java + vnu.jar) is required under CI; run ./scripts/test"
        );
        eprintln!("skipped: the Nu HTML checker is not installed (run ./scripts/test, or set VNU_JAR)");
        return;
    };
    let f = Fixture::real();
    f.build_ok();
    let pages = html_files(&f.out());
    assert!(pages.len() > 40, "only {} pages", pages.len());
    let output = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "text"])
        .args(&pages)
        .output()
        .expect("run vnu");
    let report = String::from_utf8_lossy(&output.stderr).into_owned() + &String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "invalid HTML:\n{report}");
}
