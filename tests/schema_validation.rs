//! The parser and the generated JSON Schemas cannot drift apart: every YAML file of the
//! real content and of the test fixtures that a schema describes (`site.yaml`,
//! `products/*.yaml`, `pricing/*.yaml`) is validated against the generated schema by an
//! independent validator (Python's `jsonschema`), and the verdict must equal the
//! parser's. The real content must pass both.
//!
//! Without Python's `jsonschema` the test says why and skips; under `CI=true` it fails
//! (`scripts/test` installs it).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use site::pricing::model::{PriceList, Product};

const VALIDATE: &str = r#"
import json, sys
from jsonschema.validators import validator_for
cases = json.load(open(sys.argv[1]))
schemas = {}
for case in cases:
    name = case["schema"]
    if name not in schemas:
        schema = json.load(open(sys.argv[2] + "/" + name))
        schemas[name] = validator_for(schema)(schema)
    errors = sorted(schemas[name].iter_errors(case["instance"]), key=str)
    print(case["file"] + "\t" + ("ok" if not errors else "invalid\t" + errors[0].message.replace("\n", " ")))
"#;

/// A Python that can `import jsonschema`, if any.
fn python() -> Option<String> {
    let candidates = [std::env::var("JSONSCHEMA_PYTHON").ok(), Some("python3".into()), Some("/usr/bin/python3".into())];
    candidates
        .into_iter()
        .flatten()
        .find(|py| Command::new(py).args(["-c", "import jsonschema"]).output().is_ok_and(|o| o.status.success()))
}

/// `(file, schema name, the parser accepts it)` for every YAML file a schema describes.
fn files() -> Vec<(PathBuf, &'static str, bool)> {
    let repo = common::repo();
    let mut roots = vec![repo.join("content")];
    let fixtures = repo.join("tests/fixtures");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&fixtures).unwrap().map(|e| e.unwrap().path()).collect();
    cases.sort();
    roots.extend(cases.into_iter().map(|c| c.join("content")).filter(|c| c.is_dir()));
    let mut out = Vec::new();
    for content in roots {
        let site = content.join("site.yaml");
        if site.is_file() {
            let ok = site::config::Config::parse(&read(&site), &site).is_ok();
            out.push((site, "site.schema.json", ok));
        }
        for (folder, schema) in [("products", "product.schema.json"), ("pricing", "pricing.schema.json")] {
            for file in yaml_files(&content.join(folder)) {
                let text = read(&file);
                let ok = match schema {
                    "product.schema.json" => site::pricing::load::parse::<Product>(&text, &file).is_ok(),
                    _ => site::pricing::load::parse::<PriceList>(&text, &file).is_ok(),
                };
                out.push((file, schema, ok));
            }
        }
    }
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> =
        entries.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "yaml")).collect();
    files.sort();
    files
}

/// Runs the validator over `cases` (`(label, schema, YAML text)`); label → verdict line.
fn validate(py: &str, cases: &[(String, &str, String)]) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    for (name, json) in site::schema::schemas() {
        std::fs::write(dir.path().join(name), json).unwrap();
    }
    let list: Vec<serde_json::Value> = cases
        .iter()
        .map(|(file, schema, text)| {
            let instance = site::yaml::parse_value(text).unwrap_or(serde_json::Value::Null);
            serde_json::json!({ "file": file, "schema": schema, "instance": instance })
        })
        .collect();
    let cases_path = dir.path().join("cases.json");
    std::fs::write(&cases_path, serde_json::to_vec(&list).unwrap()).unwrap();
    let out = Command::new(py).arg("-c").arg(VALIDATE).arg(&cases_path).arg(dir.path()).output().unwrap();
    assert!(out.status.success(), "validator failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let (file, verdict) = l.split_once('\t').unwrap();
            (file.to_owned(), verdict.to_owned())
        })
        .collect()
}

fn validator_or_skip() -> Option<String> {
    let found = python();
    if found.is_none() {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "CI=true but Python's jsonschema is missing");
        eprintln!(
            "skipped: no Python with `jsonschema` (pip install jsonschema, or apt-get install python3-jsonschema)"
        );
    }
    found
}

#[test]
fn parser_and_schemas_agree_on_every_yaml_file() {
    let Some(py) = validator_or_skip() else { return };
    let files = files();
    assert!(files.len() >= 12, "found only {} files", files.len());
    let repo = common::repo();
    let cases: Vec<(String, &str, String)> = files
        .iter()
        .map(|(f, schema, _)| (f.strip_prefix(&repo).unwrap().display().to_string(), *schema, read(f)))
        .collect();
    let verdicts = validate(&py, &cases);
    assert_eq!(verdicts.len(), files.len());
    let mut disagree = Vec::new();
    for ((file, _, parser_ok), (label, verdict)) in files.iter().zip(&verdicts) {
        let schema_ok = verdict == "ok";
        if schema_ok != *parser_ok {
            disagree
                .push(format!("{label}: parser {}, schema {verdict}", if *parser_ok { "accepts" } else { "refuses" }));
        }
        if file.starts_with(repo.join("content")) {
            assert!(parser_ok & schema_ok, "{label}: the real content must pass both: {verdict}");
        }
    }
    assert!(disagree.is_empty(), "parser and schemas disagree:\n{}", disagree.join("\n"));
}

#[test]
fn a_cut_text_is_refused_by_both() {
    let Some(py) = validator_or_skip() else { return };
    let text = read(&common::repo().join("tests/fixtures/pricing-basic/content/pricing/widget.yaml")).replacen(
        "description:",
        "description: { en: Cheap, and good, he: זול }\nx_description:",
        1,
    );
    let text = text.replacen("\nx_description:", "\n# was:", 1);
    let parsed = site::pricing::load::parse::<PriceList>(&text, Path::new("w.yaml"));
    assert!(parsed.is_err(), "the parser accepted a stray key");
    let verdicts = validate(&py, &[("w.yaml".into(), "pricing.schema.json", text)]);
    assert!(verdicts[0].1.starts_with("invalid"), "{:?}", verdicts[0]);
}
