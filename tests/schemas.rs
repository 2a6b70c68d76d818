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
fn catalogue_files_name_their_schema() {
    for (folder, schema) in [("products", "product"), ("pricing", "pricing")] {
        let dir = common::repo().join("content").join(folder);
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            assert_eq!(
                text.lines().next(),
                Some(format!("# yaml-language-server: $schema=../.schemas/{schema}.schema.json").as_str()),
                "{}",
                entry.path().display()
            );
            seen += 1;
        }
        assert!(seen > 0, "no YAML in content/{folder}");
    }
}

#[test]
fn the_schemas_accept_the_real_catalogue_keys() {
    // Every top-level key of a real product file is a property of the product schema.
    let schema: serde_json::Value =
        serde_json::from_str(&schema::schemas().into_iter().find(|(n, _)| *n == "product.schema.json").unwrap().1)
            .unwrap();
    let props = schema["properties"].as_object().unwrap();
    let factory = std::fs::read_to_string(common::repo().join("content/products/factory.yaml")).unwrap();
    for line in factory.lines().filter(|l| !l.starts_with([' ', '#', '-']) && l.contains(':')) {
        let key = line.split(':').next().unwrap();
        assert!(props.contains_key(key), "product schema lacks `{key}`");
    }
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
