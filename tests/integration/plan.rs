//! `skillgap plan` and `score --plan`: study plans and pathways from results documents.

use serde_json::Value;

use crate::util::{sheet_for, skillgap, stderr_of, stdout_of};

/// Scores `sheet` and returns the results document's bytes.
fn score_sheet(dir: &std::path::Path, sheet: &Value) -> Vec<u8> {
    let path = dir.join("sheet.json");
    std::fs::write(&path, sheet.to_string()).expect("write sheet");
    let output = skillgap()
        .args(["score", "--format", "json"])
        .arg(&path)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    output.stdout
}

/// Results for a beginner on junior-backend (right only on the easiest questions), saved in `dir`.
fn beginner_results(dir: &std::path::Path) -> std::path::PathBuf {
    let answers = sheet_for("junior-backend", "Bea Beginner", 4, |difficulty| {
        difficulty <= 1
    });
    let results = dir.join("beginner-results.json");
    std::fs::write(&results, score_sheet(dir, &answers)).expect("write results");
    results
}

fn plan_json(results: &std::path::Path, flags: &[&str]) -> Value {
    let output = skillgap()
        .arg("plan")
        .arg(results)
        .args(["--start", "2026-11-23", "--format", "json"])
        .args(flags)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    serde_json::from_slice(&output.stdout).expect("plan JSON")
}

fn best_pathway(plan: &Value) -> &str {
    plan["plan"]["pathways"][0]["pathway"]
        .as_str()
        .expect("a pathway")
}

#[test]
fn different_profiles_get_different_plans_and_pathways() {
    let dir = tempfile::tempdir().expect("temp dir");
    let results = beginner_results(dir.path());
    let frugal = plan_json(&results, &["--hours-per-week", "10", "--budget", "0"]);
    let intensive = plan_json(
        &results,
        &[
            "--hours-per-week",
            "45",
            "--budget",
            "20000",
            "--structure",
            "structured",
            "--deadline",
            "2027-06-30",
            "--prefer",
            "career-services",
        ],
    );
    assert_eq!(best_pathway(&frugal), "self-study");
    assert_eq!(best_pathway(&intensive), "bootcamp-full-time");
    let steps = frugal["plan"]["steps"].as_array().expect("steps");
    assert!(
        steps.len() >= 5,
        "a beginner has many gaps: {}",
        steps.len()
    );
    // The same gaps, at 4.5 times the pace: the same hours, fewer weeks, an earlier finish.
    let hours = |plan: &Value| plan["plan"]["total_hours"].as_f64().expect("hours");
    let weeks = |plan: &Value| plan["plan"]["weeks"].as_u64().expect("weeks");
    assert_eq!(hours(&frugal), hours(&intensive));
    assert!(weeks(&intensive) * 4 <= weeks(&frugal));
    let deadline = &intensive["plan"]["deadline"];
    assert_eq!(deadline["deadline"], "2027-06-30");
    for step in steps {
        assert!(step["resources"].as_array().is_some_and(|r| !r.is_empty()));
        assert!(
            step["project"].is_string(),
            "every step has a project: {step}"
        );
    }
}

#[test]
fn markdown_plan_is_ready_to_hand_over() {
    let dir = tempfile::tempdir().expect("temp dir");
    let results = beginner_results(dir.path());
    let output = skillgap()
        .arg("plan")
        .arg(&results)
        .args(["--start", "2026-11-23", "--hours-per-week", "10"])
        .args(["--budget", "0", "--format", "markdown"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let text = stdout_of(&output);
    for heading in [
        "# Study plan: Bea Beginner",
        "## Study plan, in order",
        "## What to build and read, step by step",
        "## Week by week",
        "## Learning pathways that fit, best first",
        " | 2026-11-23 | ",
        // Links sit on lines of their own.
        "<br>https://",
        "fits a $0 budget",
    ] {
        assert!(text.contains(heading), "missing {heading:?} in:\n{text}");
    }
}

#[test]
fn csv_plan_has_one_row_per_step() {
    let dir = tempfile::tempdir().expect("temp dir");
    let results = beginner_results(dir.path());
    let json = plan_json(&results, &[]);
    let output = skillgap()
        .arg("plan")
        .arg(&results)
        .args(["--start", "2026-11-23", "--format", "csv"])
        .output()
        .expect("runs");
    let text = stdout_of(&output);
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .is_some_and(|h| h.starts_with("order,skill,name,"))
    );
    let steps = json["plan"]["steps"].as_array().expect("steps");
    assert_eq!(lines.count(), steps.len());
    assert_eq!(
        json["plan"]["hours_per_week_assumed"], true,
        "no hours given: the default is used and said to be assumed"
    );
}

#[test]
fn bad_plan_input_is_a_clear_usage_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let results = beginner_results(dir.path());
    let profile = dir.path().join("profile.toml");
    std::fs::write(&profile, "hours_per_week = 10\ndeadline = \"2027-02-30\"\n").expect("write");
    let cases: [(&[&str], &str); 5] = [
        (&["--deadline", "2027-02-30"], "YYYY-MM-DD"),
        (
            &["--hours-per-week", "0"],
            "--hours-per-week 0: give the hours",
        ),
        (&["--budget=-5"], "budget"),
        (
            &["--template", "senior-backend-engineer"],
            "not in these results",
        ),
        (
            &["--profile", profile.to_str().expect("utf-8 path")],
            "profile.toml",
        ),
    ];
    for (flags, expected) in cases {
        let output = skillgap()
            .arg("plan")
            .arg(&results)
            .args(flags)
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{flags:?}");
        let stderr = stderr_of(&output);
        assert!(stderr.contains(expected), "{flags:?}: {stderr}");
    }
}

#[test]
fn score_can_add_each_candidates_plan() {
    let output = skillgap()
        .args(["score", "examples/sheets/ben.toml", "--plan"])
        .args(["--start", "2026-11-23", "--format", "json"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let results: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let plan = &results["plan"];
    assert_eq!(plan["start"], "2026-11-23");
    assert_eq!(plan["hours_per_week"], 20.0, "from Ben's profile");
    assert!(plan["steps"].as_array().is_some_and(|s| !s.is_empty()));
    // `report` renders the saved plan again.
    let dir = tempfile::tempdir().expect("temp dir");
    let saved = dir.path().join("ben.json");
    std::fs::write(&saved, &output.stdout).expect("write");
    let report = skillgap()
        .arg("report")
        .arg(&saved)
        .args(["--format", "markdown"])
        .output()
        .expect("runs");
    assert!(stdout_of(&report).contains("## Study plan, in order"));
}

#[test]
fn history_lists_saved_results_and_compare_shows_progress() {
    let home = tempfile::tempdir().expect("temp dir");
    let empty = skillgap()
        .args(["compare", "--home"])
        .arg(home.path())
        .output()
        .expect("runs");
    assert_eq!(empty.status.code(), Some(2));
    assert!(stderr_of(&empty).contains("needs two results"));
    let saved = home.path().join("results");
    std::fs::create_dir_all(&saved).expect("results folder");
    let runs = [
        ("2026-10-01T09-00-00Z.json", 0u8),
        ("2026-11-21T09-00-00Z.json", 4u8),
    ];
    for (name, easiest_right_up_to) in runs {
        let answers = sheet_for("junior-backend", "Cy", 4, |d| d <= easiest_right_up_to);
        std::fs::write(saved.join(name), score_sheet(home.path(), &answers)).expect("save");
    }
    std::fs::write(saved.join("2026-11-22T09-00-00Z.json"), "not json").expect("write");
    let history = skillgap()
        .args(["history", "--format", "csv", "--home"])
        .arg(home.path())
        .output()
        .expect("runs");
    assert!(history.status.success());
    let listing = stdout_of(&history);
    assert_eq!(
        listing.lines().count(),
        3,
        "a header and two runs:\n{listing}"
    );
    assert!(
        listing
            .lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("2026-10-01 09:00,Cy,"))
    );
    assert!(
        stderr_of(&history).contains("skipping"),
        "the broken file is named"
    );
    let compare = skillgap()
        .args(["compare", "--format", "json", "--home"])
        .arg(home.path())
        .output()
        .expect("runs");
    assert!(compare.status.success(), "{}", stderr_of(&compare));
    let progress: Value = serde_json::from_slice(&compare.stdout).expect("JSON");
    assert!(
        progress["old"]
            .as_str()
            .is_some_and(|p| p.ends_with("2026-10-01T09-00-00Z.json"))
    );
    let delta = progress["templates"][0]["readiness_delta"]
        .as_f64()
        .expect("delta");
    assert!(delta > 30.0, "all wrong to all right: {delta}");
    let gained: Vec<i64> = progress["skills"]
        .as_array()
        .expect("skills")
        .iter()
        .filter_map(|s| s["levels_gained"].as_i64())
        .collect();
    assert!(
        !gained.is_empty() && gained.iter().all(|&g| g > 0),
        "{gained:?}"
    );
}
