//! `skillgap schema`: every document the examples produce validates against the published
//! schema, and the schema describes every field they carry (no undocumented fields).

use serde_json::Value;

use crate::util::{skillgap, stderr_of};

fn schema(document: &str) -> Value {
    let output = skillgap()
        .args(["schema", document])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let mut schema: Value = serde_json::from_slice(&output.stdout).expect("schema is JSON");
    forbid_undocumented_fields(&mut schema);
    schema
}

/// The published schema allows additive fields; for the test, every object must be fully
/// described, so an output field missing from the schema fails.
fn forbid_undocumented_fields(schema: &mut Value) {
    match schema {
        Value::Object(object) => {
            if object.contains_key("properties") && !object.contains_key("additionalProperties") {
                object.insert("additionalProperties".into(), Value::Bool(false));
            }
            object.values_mut().for_each(forbid_undocumented_fields);
        }
        Value::Array(items) => items.iter_mut().for_each(forbid_undocumented_fields),
        _ => {}
    }
}

fn assert_valid(schema: &Value, instance: &Value, what: &str) {
    let validator = jsonschema::validator_for(schema).expect("a valid schema");
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not match the schema:\n{}",
        errors.join("\n")
    );
}

fn json_of(args: &[&str]) -> Value {
    let output = skillgap().args(args).output().expect("runs");
    assert!(output.status.success(), "{args:?}: {}", stderr_of(&output));
    serde_json::from_slice(&output.stdout).expect("JSON")
}

fn toml_file(path: &str) -> Value {
    let text = std::fs::read_to_string(path).expect("readable");
    toml::from_str(&text).expect("TOML")
}

#[test]
fn results_and_plans_from_the_examples_match_their_schemas() {
    let results = schema("results");
    let home = tempfile::tempdir().expect("temp dir");
    let home = home.path().to_str().expect("utf-8").to_string();
    for args in [
        &["score", "examples/sheets/ada.json", "--format", "json"][..],
        &[
            "score",
            "examples/sheets/ben.toml",
            "--plan",
            "--format",
            "json",
        ],
        &[
            "score",
            "examples/cohort/gus.json",
            "--all-templates",
            "--plan",
            "--format",
            "json",
        ],
        &[
            "assess",
            "--answers",
            "examples/sheets/ben.toml",
            "--format",
            "json",
            "--home",
            &home,
        ],
    ] {
        assert_valid(&results, &json_of(args), &args.join(" "));
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let saved = dir.path().join("ben.json");
    std::fs::write(
        &saved,
        serde_json::to_vec(&json_of(&[
            "score",
            "examples/sheets/ben.toml",
            "--format",
            "json",
        ]))
        .expect("JSON"),
    )
    .expect("write");
    let plan = json_of(&[
        "plan",
        saved.to_str().expect("utf-8"),
        "--deadline",
        "2027-06-30",
        "--format",
        "json",
    ]);
    assert_valid(&schema("plan"), &plan, "plan --format json");
}

#[test]
fn example_sheets_and_templates_match_their_schemas() {
    let sheet = schema("sheet");
    assert_valid(&sheet, &toml_file("examples/sheets/ben.toml"), "ben.toml");
    for path in ["examples/sheets/ada.json", "examples/cohort/gus.json"] {
        let value: Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("read")).expect("JSON");
        assert_valid(&sheet, &value, path);
    }
    let cohort = std::fs::read_to_string("examples/cohort/bootcamp-week-12.jsonl").expect("read");
    for (i, line) in cohort.lines().enumerate() {
        let value: Value = serde_json::from_str(line).expect("JSON line");
        assert_valid(
            &sheet,
            &value,
            &format!("bootcamp-week-12.jsonl line {}", i + 1),
        );
    }
    let template = schema("template");
    let mut paths = vec!["examples/custom-template.toml".to_string()];
    for entry in std::fs::read_dir("data/templates").expect("templates folder") {
        paths.push(entry.expect("entry").path().display().to_string());
    }
    for path in paths {
        assert_valid(&template, &toml_file(&path), &path);
    }
}

#[test]
fn the_schema_rejects_what_skillgap_rejects() {
    let sheet = schema("sheet");
    let validator = jsonschema::validator_for(&sheet).expect("schema");
    let bad = serde_json::json!({"answers": {"sql-01": 3}});
    assert!(!validator.is_valid(&bad), "a number is not an option id");
    let unknown = serde_json::json!({"answers": {}, "candiate": "typo"});
    assert!(!validator.is_valid(&unknown), "sheets deny unknown fields");
    let results = schema("results");
    let partial = serde_json::json!({"schema_version": 1});
    assert!(!jsonschema::is_valid(&results, &partial));
    let mut extra = json_of(&["score", "examples/sheets/ada.json", "--format", "json"]);
    assert!(jsonschema::is_valid(&results, &extra));
    extra["skills"][0]["undocumented"] = Value::Bool(true);
    assert!(
        !jsonschema::is_valid(&results, &extra),
        "the test's strict schema catches a field the schema does not describe"
    );
}

#[test]
fn completions_and_man_pages_come_from_the_command_definition() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let output = skillgap()
            .args(["completions", shell])
            .output()
            .expect("runs");
        assert!(output.status.success(), "{shell}");
        let script = String::from_utf8_lossy(&output.stdout);
        for word in ["plan", "compare", "hours-per-week"] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
    }
    let page = skillgap().arg("man").output().expect("runs");
    let page = String::from_utf8_lossy(&page.stdout);
    assert!(page.contains(".TH skillgap 1"), "{page}");
    let dir = tempfile::tempdir().expect("temp dir");
    skillgap()
        .args(["man", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let score = std::fs::read_to_string(dir.path().join("skillgap-score.1")).expect("score page");
    assert!(score.contains("skillgap\\-score") && score.contains("\\-\\-summary"));
}
