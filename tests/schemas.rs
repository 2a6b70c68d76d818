//! The committed editor schemas match the Rust types, and the YAML files point at them.

mod common;

use site::schema;

#[test]
fn committed_schemas_are_up_to_date() {
    for (name, json) in schema::schemas() {
        let path = common::repo().join(schema::DIR).join(name);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(committed == json, "{} is stale: run `cargo run -- schema`", path.display());
        let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed["additionalProperties"], false, "{name}: unknown keys must be flagged while typing");
    }
}

#[test]
fn yaml_files_name_their_schema() {
    let site = std::fs::read_to_string(common::repo().join("content/site.yaml")).unwrap();
    assert_eq!(site.lines().next(), Some("# yaml-language-server: $schema=.schemas/site.schema.json"));
}

#[test]
fn schema_command_writes_the_files() {
    let f = common::Fixture::new("basic");
    let run = f.run(&["schema"]);
    assert!(run.status.success());
    let site: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(f.root().join("content/.schemas/site.schema.json")).unwrap())
            .unwrap();
    assert!(site["$defs"]["Domain"]["properties"]["base_url"].is_object());
    f.build_ok();
    assert!(!f.exists("a.example/.schemas/site.schema.json"), "schemas are never published");
}
