//! `score` and `report`: every format, cohorts, stdin, bad sheets, broken pipes.

use predicates::prelude::*;
use serde_json::Value;

use crate::util::*;

fn score_mini(format: &str) -> String {
    let output = skillgap()
        .args(["--data", MINI, "score", MINI_SHEET, "--format", format])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    stdout_of(&output)
}

#[test]
fn every_format_renders_one_candidate() {
    insta::assert_snapshot!("score_table", score_mini("table"));
    insta::assert_snapshot!("score_markdown", score_mini("markdown"));
    insta::assert_snapshot!("score_csv", score_mini("csv"));
    insta::assert_snapshot!("score_json", score_mini("json"));
    insta::assert_snapshot!("score_jsonl", score_mini("jsonl"));
}

#[test]
fn json_results_hold_estimates_readiness_and_gaps() {
    let results: Value = serde_json::from_str(&score_mini("json")).expect("JSON");
    assert_eq!(results["schema_version"], 2);
    assert_eq!(results["catalog"]["id"], "mini");
    assert_eq!(results["model"]["guessing"], true);
    assert_eq!(results["candidate"], "Ada");
    let http = &results["skills"][0];
    assert_eq!(http["skill"], "http");
    assert_eq!(http["status"], "assessed");
    // 6 of 8 right (one wrong, one "I don't know"); the blank sql-5 is not counted.
    assert_eq!(http["answered"], 8);
    assert_eq!(http["correct"], 6.0);
    assert_eq!(http["dont_know"], 1);
    assert_eq!(http["experience"]["score"], 1.0);
    let levels: Vec<f64> = http["level_probabilities"]
        .as_array()
        .expect("level probabilities")
        .iter()
        .map(|p| p.as_f64().expect("number"))
        .collect();
    assert_eq!(levels.len(), 5);
    assert!(
        (levels.iter().sum::<f64>() - 1.0).abs() < 0.01,
        "{levels:?}"
    );
    let sql = &results["skills"][1];
    assert_eq!(sql["answered"], 4);
    let template = &results["templates"][0];
    let readiness = template["readiness"].as_f64().expect("number");
    assert!((0.0..=100.0).contains(&readiness));
    let range = template["readiness_range"].as_array().expect("range");
    assert!(range[0].as_f64() <= Some(readiness) && Some(readiness) <= range[1].as_f64());
    let sure = template["verdict_probability"]
        .as_f64()
        .expect("probability");
    assert!((1.0 / 3.0..=1.0).contains(&sure), "{sure}");
    for requirement in template["requirements"].as_array().expect("requirements") {
        let p_met = requirement["p_met"].as_f64().expect("p_met");
        assert!((0.0..=1.0).contains(&p_met));
        assert_eq!(requirement["met"], p_met >= 0.5);
    }
    assert_eq!(template["gaps"][0]["skill"], "sql");
}

#[test]
fn report_renders_a_saved_results_document_the_same_way() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("results.json");
    std::fs::write(&path, score_mini("json")).expect("write");
    let output = skillgap()
        .args([
            "report",
            path.to_str().expect("utf-8"),
            "--format",
            "markdown",
        ])
        .output()
        .expect("runs");
    assert!(output.status.success());
    assert_eq!(stdout_of(&output), score_mini("markdown"));
}

#[test]
fn report_rejects_what_is_not_a_results_document() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("x.json");
    std::fs::write(&path, "{\"answers\": {}}").expect("write");
    skillgap()
        .args(["report", path.to_str().expect("utf-8")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a skillgap results document"));
    std::fs::write(&path, "{\"schema_version\": 99}").expect("write");
    skillgap()
        .args(["report", path.to_str().expect("utf-8")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("schema_version 99"));
}

#[test]
fn a_folder_with_one_broken_sheet_scores_the_others_and_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, right) in [("a.json", true), ("b.json", false)] {
        let sheet = sheet_for("junior-backend", name, 3, |_| right);
        std::fs::write(dir.path().join(name), sheet.to_string()).expect("write");
    }
    std::fs::write(dir.path().join("broken.json"), "{\"answers\": ").expect("write");
    std::fs::write(
        dir.path().join("typo.json"),
        "{\"answers\": {\"no-such-question\": \"a\"}}",
    )
    .expect("write");
    let output = skillgap()
        .args([
            "score",
            dir.path().to_str().expect("utf-8"),
            "--format",
            "jsonl",
            "--summary",
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("broken.json: line 1, column 12"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`no-such-question` is not a question of this catalog"),
        "{stderr}"
    );
    let lines: Vec<Value> = stdout_of(&output)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 3, "two results and the summary");
    assert_eq!(lines[0]["candidate"], "a.json");
    assert_eq!(lines[0]["templates"][0]["verdict"], "ready");
    assert_eq!(lines[1]["templates"][0]["verdict"], "not-yet");
    let summary = &lines[2]["summary"];
    assert_eq!(summary["candidates"], 2);
    assert_eq!(summary["failed"], 2);
    assert_eq!(summary["templates"][0]["ready"], 1);
    assert_eq!(summary["templates"][0]["not_yet"], 1);
    let mean = summary["templates"][0]["mean_readiness"]
        .as_f64()
        .expect("number");
    assert_eq!(mean, (mean * 10.0).round() / 10.0, "rounded like readiness");
    assert!(summary["common_gaps"][0]["candidates"].as_u64() == Some(1));
}

#[test]
fn json_lines_on_stdin_stream_into_a_cohort_document() {
    let strong = sheet_for("junior-backend", "strong", 2, |_| true).to_string();
    let weak = sheet_for("junior-backend", "weak", 2, |d| d == 1).to_string();
    let input = format!("{strong}\n\n{weak}\nnot json\n");
    let output = skillgap()
        .args([
            "score",
            "-",
            "--template",
            "junior-backend",
            "--format",
            "json",
            "--summary",
        ])
        .write_stdin(input)
        .output()
        .expect("runs");
    assert_refused(&output, 2, "<stdin>:4:");
    let document: Value = serde_json::from_str(&stdout_of(&output)).expect("one JSON document");
    assert_eq!(document["results"].as_array().map(Vec::len), Some(2));
    assert_eq!(document["failures"][0]["source"], "<stdin>:4");
    assert_eq!(document["summary"]["candidates"], 2);
}

#[test]
fn csv_has_one_row_per_candidate_and_template() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sheet = sheet_for("junior-backend", "c", 2, |_| true);
    let path = dir.path().join("c.json");
    std::fs::write(&path, sheet.to_string()).expect("write");
    let output = skillgap()
        .args([
            "score",
            path.to_str().expect("utf-8"),
            "--all-templates",
            "--format",
            "csv",
        ])
        .output()
        .expect("runs");
    assert!(output.status.success());
    let templates = skillgap::catalog::Catalog::embedded()
        .expect("catalog")
        .templates
        .len();
    assert_eq!(stdout_of(&output).lines().count(), 1 + templates);
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Far more output than a pipe buffer holds, so the writer meets the closed pipe.
    let line = sheet_for("junior-backend", "c", 1, |_| true).to_string();
    let jsonl = std::iter::repeat_n(line.as_str(), 3000)
        .collect::<Vec<_>>()
        .join("\n");
    let path = dir.path().join("many.jsonl");
    std::fs::write(&path, jsonl).expect("write");
    let binary = assert_cmd::cargo::cargo_bin("skillgap");
    let status = std::process::Command::new("bash")
        .args(["-c", "set -o pipefail; \"$0\" score \"$1\" --all-templates --format jsonl | head -c 100 >/dev/null"])
        .arg(&binary)
        .arg(&path)
        .status()
        .expect("bash runs");
    assert!(status.success(), "{status:?}");
}

#[test]
fn unknown_template_is_a_usage_error_with_a_suggestion() {
    skillgap()
        .args([
            "--data",
            MINI,
            "score",
            MINI_SHEET,
            "--template",
            "web-junor",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "template `web-junor` is not in the catalog; did you mean `web-junior`?",
        ));
}

#[test]
fn empty_and_missing_sheets_are_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let empty = dir.path().join("empty.json");
    std::fs::write(&empty, "").expect("write");
    skillgap()
        .args(["score", empty.to_str().expect("utf-8")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the sheet is empty"));
    // A missing file is exit 1, as from every command (README: exit codes).
    skillgap()
        .args(["score", "no/such/file.json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no/such/file.json: no such file or folder",
        ));
}

#[test]
fn the_examples_score_and_the_coach_script_runs() {
    for sheet in ["examples/sheets/ada.json", "examples/sheets/ben.toml"] {
        let output = skillgap()
            .args(["score", sheet, "--format", "json"])
            .output()
            .expect("runs");
        assert!(output.status.success(), "{sheet}: {}", stderr_of(&output));
        let results: Value = serde_json::from_str(&stdout_of(&output)).expect("JSON");
        assert!(
            results["profile"]["hours_per_week"].is_number(),
            "{sheet} has a profile"
        );
    }
    skillgap()
        .args([
            "--template-file",
            "examples/custom-template.toml",
            "score",
            "examples/sheets/ada.json",
        ])
        .args(["--template", "acme-platform-backend", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("acme-platform-backend"));
    let out = tempfile::tempdir().expect("temp dir");
    let output = std::process::Command::new("bash")
        .arg("examples/coach-batch.sh")
        .arg("examples/cohort")
        .arg(out.path())
        .env("SKILLGAP", assert_cmd::cargo::cargo_bin("skillgap"))
        .output()
        .expect("bash runs");
    assert_eq!(
        output.status.code(),
        Some(2),
        "the cohort holds one broken sheet"
    );
    assert!(stderr_of(&output).contains("hal-broken.json"));
    let results = std::fs::read_to_string(out.path().join("results.jsonl")).expect("results");
    assert_eq!(results.lines().count(), 5);
    let cohort = std::fs::read_to_string(out.path().join("cohort.md")).expect("cohort page");
    assert!(cohort.contains("## Cohort summary"));
    let page = std::fs::read_to_string(out.path().join("cohort.html")).expect("cohort HTML");
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("<svg"));
    // Plans are named after the candidate, not numbered.
    for name in ["cara", "dev", "eli", "fay", "gus"] {
        let plan = std::fs::read_to_string(out.path().join(format!("plans/{name}.md")))
            .expect("a plan per candidate, by name");
        assert!(plan.starts_with("# Study plan: "), "{plan}");
    }
}
