//! `assess` without a terminal: scripted answers, and a clear refusal otherwise.

use predicates::prelude::*;

use crate::util::*;

#[test]
fn without_a_terminal_assess_explains_the_non_interactive_ways() {
    skillgap()
        .args(["assess", "--template", "junior-backend"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--answers"))
        .stderr(predicate::str::contains("skillgap questionnaire"));
}

#[test]
fn assess_answers_from_a_sheet_and_saves_the_results() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sheet = dir.path().join("sheet.json");
    std::fs::write(
        &sheet,
        sheet_for("python-django", "Dee", 7, |d| d <= 3).to_string(),
    )
    .expect("write");
    let saved = dir.path().join("results.json");
    let output = skillgap()
        .args(["assess", "--length", "thorough", "--answers"])
        .arg(&sheet)
        .arg("--save")
        .arg(&saved)
        .args(["--format", "json", "--home"])
        .arg(dir.path().join("home"))
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let results: serde_json::Value = serde_json::from_str(&stdout_of(&output)).expect("JSON");
    assert_eq!(results["templates"][0]["template"], "python-django");
    assert!(
        results["templates"][0]["readiness"]
            .as_f64()
            .expect("number")
            > 60.0
    );
    let on_disk: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&saved).expect("saved")).expect("JSON");
    assert_eq!(on_disk, results);
}

/// Tested questions answered (not left blank) in a results document.
fn answered(results: &serde_json::Value) -> usize {
    results["answers"]
        .as_object()
        .expect("answers")
        .values()
        .filter(|a| *a != "")
        .count()
}

#[test]
fn assess_adapts_by_default_and_keeps_the_fixed_order_on_request() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = |extra: &[&str]| {
        let output = skillgap()
            .args([
                "assess",
                "--answers",
                "examples/sheets/ada.json",
                "--seed",
                "3",
            ])
            .args(extra)
            .args(["--format", "json", "--home"])
            .arg(dir.path())
            .output()
            .expect("runs");
        assert!(output.status.success(), "{}", stderr_of(&output));
        serde_json::from_str::<serde_json::Value>(&stdout_of(&output)).expect("JSON")
    };
    let adaptive = run(&[]);
    let fixed = run(&["--fixed"]);
    assert_eq!(answered(&fixed), 36);
    // The quick adaptive quiz answers 24 questions (blanks, which the sheet lacks, do not
    // count); it spends them where the verdict is in doubt, so some skills may be left "not
    // assessed", but every required skill is reported, with its probabilities.
    assert_eq!(answered(&adaptive), 24);
    let assessed = |results: &serde_json::Value| {
        results["skills"]
            .as_array()
            .expect("skills")
            .iter()
            .filter(|s| s["status"] == "assessed")
            .count()
    };
    assert!(assessed(&adaptive) >= 8, "{}", assessed(&adaptive));
    assert_eq!(
        adaptive["skills"].as_array().map(Vec::len),
        fixed["skills"].as_array().map(Vec::len)
    );
    assert!(
        adaptive["skills"]
            .as_array()
            .expect("skills")
            .iter()
            .all(|s| s["level_probabilities"].is_array())
    );
    assert_eq!(
        run(&[]),
        adaptive,
        "the same seed and answers give the same quiz"
    );
}

#[test]
fn assess_takes_the_profile_from_a_file_and_plans_with_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sheet = dir.path().join("sheet.json");
    std::fs::write(
        &sheet,
        sheet_for("junior-backend", "Eve", 2, |d| d <= 1).to_string(),
    )
    .expect("write");
    let profile = dir.path().join("profile.toml");
    std::fs::write(&profile, "hours_per_week = 6\nbudget_usd = 0\n").expect("write");
    let run = |extra: &[&str]| {
        let output = skillgap()
            .args(["assess", "--format", "json", "--answers"])
            .arg(&sheet)
            .args(extra)
            .arg("--home")
            .arg(dir.path().join("home"))
            .output()
            .expect("runs");
        assert!(output.status.success(), "{}", stderr_of(&output));
        serde_json::from_slice::<serde_json::Value>(&output.stdout).expect("JSON")
    };
    let planned = run(&["--profile", profile.to_str().expect("utf-8")]);
    assert_eq!(planned["profile"]["hours_per_week"], 6.0);
    assert_eq!(planned["plan"]["hours_per_week"], 6.0);
    assert_eq!(planned["plan"]["pathways"][0]["pathway"], "self-study");
    let skipped = run(&["--no-profile"]);
    assert!(skipped.get("profile").is_none());
    assert_eq!(skipped["plan"]["hours_per_week_assumed"], true);
    std::fs::write(&profile, "hours_per_week = -1\n").expect("write");
    skillgap()
        .args(["assess", "--answers"])
        .arg(&sheet)
        .arg("--profile")
        .arg(&profile)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("hours_per_week -1"));
}

#[test]
fn assess_against_a_posting_uses_the_extracted_template() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = skillgap()
        .args(["assess", "--posting", "examples/postings/acme-backend.md"])
        .args([
            "--answers",
            "examples/sheets/ben.toml",
            "--no-profile",
            "--format",
            "json",
        ])
        .arg("--home")
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let results: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let templates = results["templates"].as_array().expect("templates");
    assert_eq!(
        templates.len(),
        1,
        "only the posting's template: {templates:?}"
    );
    let requirements = templates[0]["requirements"]
        .as_array()
        .expect("requirements");
    assert!(requirements.iter().any(|r| r["skill"] == "python"));
    skillgap()
        .args(["assess", "--posting", "-", "--template", "junior-backend"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("save the posting to a file"));
}
