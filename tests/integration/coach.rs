//! The coach path, scripts and conventions of issue 17: questionnaires that mark alternatives,
//! forgiving sheets, stdin, machine spellings, schemas, plans for the ready, help, man, config.

use predicates::prelude::*;
use serde_json::Value;

use crate::util::{MINI, MINI_SHEET, sheet_for, skillgap, stderr_of, stdout_of};

#[test]
fn the_questionnaire_creates_its_folder_and_takes_the_stack() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("handout");
    skillgap()
        .args(["questionnaire", "--template", "junior-backend", "--out"])
        .arg(format!("{}/", out.display()))
        .assert()
        .success();
    let all = std::fs::read_to_string(out.join("junior-backend-questionnaire.md")).expect("md");
    assert!(all.contains("answer only the one you use"));
    let chosen = dir.path().join("chosen");
    skillgap()
        .args([
            "questionnaire",
            "-t",
            "junior-backend",
            "--choose",
            "python,django",
            "--out",
        ])
        .arg(&chosen)
        .assert()
        .success();
    let text = std::fs::read_to_string(chosen.join("junior-backend-questionnaire.md")).expect("md");
    assert!(text.contains("## Python") && text.contains("## Django"));
    assert!(!text.contains("## Java") && !text.contains("answer only the one you use"));
    skillgap()
        .args([
            "questionnaire",
            "-t",
            "junior-backend",
            "--choose",
            "pyhton",
            "--out",
            "-",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `python`"));
}

#[test]
fn upper_case_options_are_accepted_typos_get_a_suggestion_and_blank_sheets_a_warning() {
    let dir = tempfile::tempdir().expect("dir");
    let mut sheet = sheet_for("junior-backend", "Ada", 2, |d| d <= 2);
    let answers = sheet["answers"].as_object_mut().expect("answers");
    let (first, value) = answers
        .iter()
        .find(|(_, v)| v.is_string() && v.as_str() != Some("?"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .expect("a single answer");
    answers.insert(
        first.clone(),
        Value::from(value.as_str().expect("id").to_uppercase()),
    );
    let path = dir.path().join("upper.json");
    std::fs::write(&path, sheet.to_string()).expect("write");
    skillgap()
        .arg("score")
        .arg(&path)
        .args(["--format", "json"])
        .assert()
        .success();

    sheet["answers"][format!("{first}x")] = Value::from("a");
    std::fs::write(&path, sheet.to_string()).expect("write");
    skillgap()
        .arg("score")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("did you mean `{first}`")));

    let blank = dir.path().join("blank.json");
    std::fs::write(&blank, r#"{"answers": {"sql-01": ""}}"#).expect("write");
    let output = skillgap()
        .arg("score")
        .arg(&blank)
        .args(["-t", "junior-backend", "--format", "json"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(
        stderr_of(&output).contains("warning:")
            && stderr_of(&output).contains("nothing is answered")
    );
}

#[test]
fn stdin_takes_a_pretty_printed_sheet_or_json_lines() {
    let pretty = std::fs::read_to_string(MINI_SHEET).expect("sheet");
    let output = skillgap()
        .args(["--data", MINI, "score", "-", "--format", "jsonl"])
        .write_stdin(pretty.clone())
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert_eq!(stdout_of(&output).lines().count(), 1);
    let compact: Value = serde_json::from_str(&pretty).expect("JSON");
    let lines = format!("{compact}\n{compact}\n{pretty}");
    let output = skillgap()
        .args([
            "--data",
            MINI,
            "score",
            "-",
            "--format",
            "jsonl",
            "--summary",
        ])
        .write_stdin(lines)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let stdout = stdout_of(&output);
    let all: Vec<&str> = stdout.lines().collect();
    assert_eq!(all.len(), 4, "three results and the summary");
    let summary: Value = serde_json::from_str(all[3]).expect("JSON");
    assert!(summary["schema_version"].is_u64() && summary["summary"].is_object());
}

#[test]
fn csv_uses_machine_spellings_and_no_negative_zero() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("low.json");
    std::fs::write(
        &path,
        sheet_for("junior-backend", "Lo", 2, |_| false).to_string(),
    )
    .expect("write");
    let blank = dir.path().join("blank.json");
    std::fs::write(&blank, r#"{"answers": {}}"#).expect("write");
    let output = skillgap()
        .arg("score")
        .arg(&path)
        .arg(&blank)
        .args(["-t", "junior-backend", "--format", "csv"])
        .output()
        .expect("runs");
    let csv = stdout_of(&output);
    assert!(csv.contains(",not-yet,"), "{csv}");
    assert!(!csv.contains("not yet") && !csv.contains(",-0"), "{csv}");
}

#[test]
fn a_missing_file_is_exit_1_from_every_command() {
    for command in ["score", "report", "plan", "calibrate"] {
        skillgap()
            .args([command, "no/such/file.json"])
            .assert()
            .code(1);
    }
    skillgap()
        .args(["compare", "no/such/a.json", "no/such/b.json"])
        .assert()
        .code(1);
}

fn schema_of(document: &str) -> Value {
    let output = skillgap()
        .args(["schema", document])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    serde_json::from_slice(&output.stdout).expect("JSON")
}

fn assert_valid(schema: &Value, instance: &Value) {
    let validator = jsonschema::validator_for(schema).expect("a valid schema");
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn the_cohort_compare_and_history_documents_have_schemas_with_a_pinned_version() {
    let cohort = schema_of("cohort");
    assert!(cohort["properties"]["schema_version"]["const"].is_u64());
    let output = skillgap()
        .args(["score", "examples/cohort", "--summary", "--format", "json"])
        .output()
        .expect("runs");
    let document: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_valid(&cohort, &document);
    let mut wrong = document.clone();
    wrong["schema_version"] = Value::from(99);
    let validator = jsonschema::validator_for(&cohort).expect("schema");
    assert!(!validator.is_valid(&wrong), "schema_version is a constant");

    let dir = tempfile::tempdir().expect("dir");
    let old = dir.path().join("old.json");
    let new = dir.path().join("new.json");
    for (path, right) in [(&old, 1u8), (&new, 3)] {
        let sheet = dir.path().join("sheet.json");
        std::fs::write(
            &sheet,
            sheet_for("junior-backend", "Ada", 2, |d| d <= right).to_string(),
        )
        .expect("write");
        let output = skillgap()
            .arg("score")
            .arg(&sheet)
            .args(["--format", "json", "--out"])
            .arg(path)
            .output()
            .expect("runs");
        assert!(output.status.success(), "{}", stderr_of(&output));
    }
    let output = skillgap()
        .arg("compare")
        .arg(&old)
        .arg(&new)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    let comparison: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert!(comparison["schema_version"].is_u64());
    assert_valid(&schema_of("compare"), &comparison);
    let history = schema_of("history");
    assert_eq!(history["type"], "array");
    assert_valid(
        &schema_of("summary"),
        &serde_json::json!({
            "schema_version": comparison["schema_version"],
            "summary": document["summary"],
        }),
    );
}

#[test]
fn calibrate_reads_a_cohort_document() {
    let dir = tempfile::tempdir().expect("dir");
    let cohort = dir.path().join("cohort.json");
    let output = skillgap()
        .args(["score", "examples/cohort", "--format", "json", "--out"])
        .arg(&cohort)
        .output()
        .expect("runs");
    assert!(cohort.exists(), "{}", stderr_of(&output));
    skillgap()
        .arg("calibrate")
        .arg(&cohort)
        .args(["--out", "-"])
        .assert()
        .success();
    let broken = dir.path().join("broken.json");
    std::fs::write(
        &broken,
        r#"{"schema_version": 2, "results": [{"skills": 3}]}"#,
    )
    .expect("write");
    skillgap()
        .arg("calibrate")
        .arg(&broken)
        .args(["--out", "-"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a valid cohort document"));
}

#[test]
fn a_ready_candidate_gets_no_empty_plan_and_no_pathways_but_the_next_template() {
    let dir = tempfile::tempdir().expect("dir");
    let sheet = dir.path().join("ada.json");
    std::fs::write(
        &sheet,
        sheet_for("junior-backend", "Ada", 4, |_| true).to_string(),
    )
    .expect("write");
    let results = dir.path().join("ada-results.json");
    skillgap()
        .arg("score")
        .arg(&sheet)
        .args(["-t", "junior-backend", "--format", "json", "--out"])
        .arg(&results)
        .assert()
        .success();
    let output = skillgap()
        .arg("plan")
        .arg(&results)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    let plan: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(
        plan["plan"]["steps"].as_array().map(Vec::len),
        Some(0),
        "ready"
    );
    assert_eq!(plan["plan"]["pathways"].as_array().map(Vec::len), Some(0));
    assert!(plan["plan"]["next_templates"][0].is_string());
    let output = skillgap()
        .arg("plan")
        .arg(&results)
        .args(["--format", "markdown"])
        .output()
        .expect("runs");
    let text = stdout_of(&output);
    assert!(text.contains("nothing to close"), "{text}");
    assert!(
        !text.contains("(none)") && !text.contains("pathways"),
        "{text}"
    );
}

#[test]
fn an_assumed_pace_is_said_and_a_past_deadline_is_an_error() {
    let dir = tempfile::tempdir().expect("dir");
    let sheet = dir.path().join("lo.json");
    std::fs::write(
        &sheet,
        sheet_for("junior-backend", "Lo", 2, |_| false).to_string(),
    )
    .expect("write");
    let results = dir.path().join("lo-results.json");
    skillgap()
        .arg("score")
        .arg(&sheet)
        .args(["-t", "junior-backend", "--format", "json", "--out"])
        .arg(&results)
        .assert()
        .success();
    let output = skillgap()
        .arg("plan")
        .arg(&results)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    let plan: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    if plan["plan"]["hours_per_week_assumed"] == true {
        let bootcamp = plan["plan"]["pathways"]
            .as_array()
            .and_then(|p| p.iter().find(|p| p["pathway"] == "bootcamp-full-time"))
            .expect("listed");
        assert!(bootcamp["fit"].as_f64().expect("fit") <= 50.0, "{bootcamp}");
    }
    skillgap()
        .arg("plan")
        .arg(&results)
        .args(["--deadline", "2020-01-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("before the plan starts"));
}

#[test]
fn assess_takes_the_profile_flags_of_plan() {
    let dir = tempfile::tempdir().expect("dir");
    let sheet = dir.path().join("ada.json");
    std::fs::write(
        &sheet,
        sheet_for("junior-backend", "Ada", 2, |d| d <= 1).to_string(),
    )
    .expect("write");
    let output = skillgap()
        .args(["assess", "--answers"])
        .arg(&sheet)
        .args(["--hours-per-week", "7", "--budget", "0", "--format", "json"])
        .arg("--home")
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let results: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(results["profile"]["hours_per_week"], 7.0);
    assert_eq!(results["plan"]["hours_per_week"], 7.0);
    skillgap()
        .args(["assess", "--answers"])
        .arg(&sheet)
        .args(["--deadline", "2020-01-01"])
        .arg("--home")
        .arg(dir.path())
        .assert()
        .code(2);
}

#[test]
fn help_ends_with_examples_and_the_man_page_has_the_usual_sections() {
    for command in [
        "assess",
        "score",
        "report",
        "plan",
        "history",
        "compare",
        "questionnaire",
        "validate",
        "templates",
        "schema",
        "calibrate",
        "simulate",
        "config",
    ] {
        let output = skillgap().args([command, "--help"]).output().expect("runs");
        let help = stdout_of(&output);
        let tail = help.rsplit("Examples:").next().unwrap_or_default();
        assert!(help.contains("Examples:"), "{command}:\n{help}");
        let examples = tail
            .lines()
            .filter(|l| l.trim_start().starts_with("skillgap"))
            .count();
        assert!(
            (2..=3).contains(&examples),
            "{command}: {examples} examples\n{help}"
        );
    }
    let output = skillgap().arg("man").output().expect("runs");
    let page = stdout_of(&output);
    for section in [
        ".SH EXAMPLES",
        ".SH \"EXIT STATUS\"",
        ".SH \"ENVIRONMENT\"",
        ".SH \"FILES\"",
    ] {
        assert!(page.contains(section), "{section} missing");
    }
}

#[test]
fn completions_offer_the_catalog_ids() {
    for shell in ["bash", "zsh", "fish"] {
        let output = skillgap()
            .args(["completions", shell])
            .output()
            .expect("runs");
        let script = stdout_of(&output);
        // fish's script completes option values only, not positional ids (`pathways show ID`).
        let ids: &[&str] = if shell == "fish" {
            &["junior-backend", "postgresql"]
        } else {
            &["junior-backend", "bootcamp-part-time", "postgresql"]
        };
        for id in ids {
            assert!(script.contains(id), "{shell}: {id} missing");
        }
    }
}

#[test]
fn the_config_file_sets_defaults_that_flags_override() {
    let dir = tempfile::tempdir().expect("dir");
    let config = dir.path().join("config.toml");
    skillgap()
        .env("SKILLGAP_CONFIG", &config)
        .args(["config", "path"])
        .assert()
        .success()
        .stdout(predicate::str::contains("config.toml"));
    std::fs::write(&config, "template = \"go-backend\"\n").expect("write");
    skillgap()
        .env("SKILLGAP_CONFIG", &config)
        .args(["config", "show"])
        .assert()
        .success()
        .stdout(predicate::str::contains("template = \"go-backend\""));
    skillgap()
        .env("SKILLGAP_CONFIG", &config)
        .args(["questionnaire", "--out", "-"])
        .assert()
        .success()
        .stdout(predicate::str::contains("go-backend"));
    skillgap()
        .env("SKILLGAP_CONFIG", &config)
        .args(["questionnaire", "-t", "junior-backend", "--out", "-"])
        .assert()
        .success()
        .stdout(predicate::str::contains("junior-backend"));
    std::fs::write(&config, "length = \"long\"\n").expect("write");
    skillgap()
        .env("SKILLGAP_CONFIG", &config)
        .args(["templates", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("length = \"long\""));
}
