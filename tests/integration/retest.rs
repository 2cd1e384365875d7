//! Retests: `assess --skill` and `assess --retest` (the rest carried over with its date),
//! `compare` in probabilities, `history --skill`, `plan` with steps since measured as met, and
//! `simulate --retake`.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::util::{sheet_for, skillgap, stderr_of, stdout_of};

const FIRST: &str = "2026-01-05T10-00-00Z.json";

fn write_sheet(dir: &Path, name: &str, sheet: &Value) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, sheet.to_string()).expect("write sheet");
    path
}

/// `assess` from a sheet with `flags`, returning its results document.
fn assess(home: &Path, sheet: &Path, flags: &[&str]) -> Value {
    let output = skillgap()
        .arg("assess")
        .args(flags)
        .args([
            "--no-profile",
            "--seed",
            "3",
            "--format",
            "json",
            "--answers",
        ])
        .arg(sheet)
        .arg("--home")
        .arg(home)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    serde_json::from_slice(&output.stdout).expect("a results document")
}

fn assessed(results: &Value) -> BTreeSet<String> {
    results["skills"]
        .as_array()
        .expect("skills")
        .iter()
        .filter(|s| s["status"] == "assessed")
        .map(|s| s["skill"].as_str().expect("id").to_string())
        .collect()
}

/// A first result for a beginner, saved in the data folder as of 2026-01-05; returns it.
fn first_result(home: &Path) -> Value {
    let weak = sheet_for("junior-backend", "Ana", 30, |d| d <= 1);
    let sheet = write_sheet(home, "first-sheet.json", &weak);
    let saved = home.join("results");
    std::fs::create_dir_all(&saved).expect("results folder");
    let results = assess(home, &sheet, &["--template", "junior-backend"]);
    std::fs::write(saved.join(FIRST), results.to_string()).expect("save");
    results
}

fn retest_skills(first: &Value) -> BTreeSet<String> {
    first["templates"]
        .as_array()
        .expect("templates")
        .iter()
        .flat_map(|t| t["requirements"].as_array().expect("requirements"))
        .filter(|r| {
            let p = r["p_met"].as_f64().expect("p_met");
            p < 0.5 || (0.3..=0.7).contains(&p)
        })
        .map(|r| r["skill"].as_str().expect("skill").to_string())
        .collect()
}

#[test]
fn skill_measures_just_those_skills() {
    let home = tempfile::tempdir().expect("temp dir");
    let strong = sheet_for("junior-backend", "Bo", 30, |_| true);
    let sheet = write_sheet(home.path(), "sheet.json", &strong);
    let results = assess(
        home.path(),
        &sheet,
        &["--skill", "sql,http", "--template", "junior-backend"],
    );
    assert_eq!(
        assessed(&results),
        BTreeSet::from(["http".to_string(), "sql".to_string()])
    );
    let answered = results["answers"].as_object().expect("answers").len();
    assert!(
        answered <= 8,
        "a few questions per skill, not a whole quiz: {answered}"
    );
    let unknown = skillgap()
        .args(["assess", "--skill", "cobol", "--no-profile", "--answers"])
        .arg(&sheet)
        .arg("--home")
        .arg(home.path())
        .output()
        .expect("runs");
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr_of(&unknown).contains("unknown skill `cobol`"));
}

#[test]
fn retest_measures_the_gaps_and_carries_the_rest_with_their_date() {
    let home = tempfile::tempdir().expect("temp dir");
    let first = first_result(home.path());
    let gaps = retest_skills(&first);
    assert!(!gaps.is_empty(), "a beginner has gaps");
    let strong = sheet_for("junior-backend", "Ana", 30, |_| true);
    let sheet = write_sheet(home.path(), "second-sheet.json", &strong);
    let second = assess(home.path(), &sheet, &["--retest"]);
    let carried_before: BTreeSet<String> = assessed(&first).difference(&gaps).cloned().collect();
    assert!(!carried_before.is_empty());
    for skill in second["skills"].as_array().expect("skills") {
        let id = skill["skill"].as_str().expect("id");
        if carried_before.contains(id) || (gaps.contains(id) && skill["carried"] == true) {
            assert_eq!(skill["carried"], true, "{skill}");
            assert_eq!(skill["measured"], "2026-01-05", "{skill}");
        } else if gaps.contains(id) && skill["status"] == "assessed" {
            assert!(skill.get("carried").is_none(), "{skill}");
            assert!(skill["measured"].is_string(), "{skill}");
        }
    }
    // Only the gaps were asked again; the rest of the answers are the first result's.
    let catalog = skillgap::catalog::Catalog::embedded().expect("catalog");
    let answers = second["answers"].as_object().expect("answers");
    for (id, answer) in answers {
        let skill = &catalog.question(id).expect("question").skill;
        if first["answers"][id] == *answer {
            continue; // carried, or answered the same
        }
        assert!(gaps.contains(skill), "{id} is not about a gap yet changed");
    }
    // Whole again: every requirement the first result had assessed still is, and there is a plan.
    assert!(assessed(&second).is_superset(&carried_before));
    assert!(second["plan"]["steps"].is_array());
    let better = |r: &Value| r["templates"][0]["readiness"].as_f64().expect("readiness");
    assert!(better(&second) > better(&first));

    // Saved after the first, it drives compare, history --skill and plan.
    let saved = home.path().join("results");
    std::fs::write(saved.join("2026-02-01T10-00-00Z.json"), second.to_string()).expect("save");
    let gap = gaps.iter().next().expect("a gap").clone();
    compare_speaks_in_probabilities(home.path(), &gap);
    history_of_one_skill(home.path(), &gap);
    plan_marks_steps_since_met(home.path(), &second);
}

fn compare_speaks_in_probabilities(home: &Path, gap: &str) {
    let table = skillgap()
        .env("COLUMNS", "200")
        .args(["compare", "--format", "table", "--home"])
        .arg(home)
        .output()
        .expect("runs");
    assert!(table.status.success(), "{}", stderr_of(&table));
    let text = stdout_of(&table);
    let phrase =
        regex::Regex::new(r"[a-z]+ — (\d+ %|under 1 %) → (\d+ %|over 99 %) sure").expect("regex");
    assert!(phrase.is_match(&text), "{text}");
    assert!(text.contains("carried over, not measured again"), "{text}");
    assert!(text.contains("independent"), "{text}");
    let json = skillgap()
        .args(["compare", "--format", "json", "--home"])
        .arg(home)
        .output()
        .expect("runs");
    let progress: Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let change = progress["skills"]
        .as_array()
        .expect("skills")
        .iter()
        .find(|s| s["skill"] == gap)
        .expect("the gap is compared");
    let up = change["p_gained"].as_f64().expect("p_gained");
    assert_eq!(change["change"] == "gained", up >= 0.8, "{change}");
    assert!(change["new_probability"].as_f64() > change["old_probability"].as_f64());
}

fn history_of_one_skill(home: &Path, gap: &str) {
    let output = skillgap()
        .args(["history", "--format", "csv", "--skill", gap, "--home"])
        .arg(home)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let text = stdout_of(&output);
    assert_eq!(
        text.lines().count(),
        3,
        "a header and two measurements:\n{text}"
    );
    assert!(
        text.lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("2026-01-05 10:00,2026-01-05,"))
    );
    let none = skillgap()
        .args(["history", "--skill", "cobol", "--home"])
        .arg(home)
        .output()
        .expect("runs");
    assert!(stderr_of(&none).contains("no saved result"));
}

fn plan_marks_steps_since_met(home: &Path, second: &Value) {
    let first = home.join("results").join(FIRST);
    // The first result was saved before the second.
    let earlier = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&first)
        .and_then(|f| f.set_modified(earlier))
        .expect("set time");
    // Measured in the second: assessed there, not carried over.
    let carried: BTreeSet<String> = second["skills"]
        .as_array()
        .expect("skills")
        .iter()
        .filter(|s| s["carried"] == true || s["status"] != "assessed")
        .map(|s| s["skill"].as_str().expect("id").to_string())
        .collect();
    let met: BTreeSet<String> = second["templates"][0]["requirements"]
        .as_array()
        .expect("requirements")
        .iter()
        .filter(|r| r["p_met"].as_f64() > Some(0.7))
        .filter(|r| !carried.contains(r["skill"].as_str().expect("skill")))
        .map(|r| r["skill"].as_str().expect("skill").to_string())
        .collect();
    let run = |home_dir: &Path| {
        let output = skillgap()
            .args([
                "plan",
                "--format",
                "json",
                "--start",
                "2026-03-02",
                "--home",
            ])
            .arg(home_dir)
            .arg(&first)
            .output()
            .expect("runs");
        assert!(output.status.success(), "{}", stderr_of(&output));
        let plan: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let steps: BTreeSet<String> = plan["plan"]["steps"]
            .as_array()
            .expect("steps")
            .iter()
            .map(|s| s["skill"].as_str().expect("skill").to_string())
            .collect();
        (steps, stderr_of(&output), plan)
    };
    let nowhere = tempfile::tempdir().expect("temp dir");
    let (before, _, _) = run(nowhere.path());
    let (after, notes, plan) = run(home);
    let done: BTreeSet<String> = before.intersection(&met).cloned().collect();
    assert!(!done.is_empty(), "some step was since measured as met");
    assert!(after.is_disjoint(&done), "{after:?} {done:?} {notes}");
    assert!(notes.contains("step done:"), "{notes}");
    assert_eq!(
        plan["plan"]["start"], "2026-03-02",
        "the rest start from the start date"
    );
}

#[test]
fn retake_simulation_prints_the_repeated_share() {
    let output = skillgap()
        .args([
            "simulate",
            "--retake",
            "-n",
            "6",
            "--sessions",
            "2",
            "--format",
            "json",
        ])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let figures: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let rows = figures.as_array().expect("rows");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["repeated_share"], 0.0);
    assert!(
        rows[1]["repeated_share"].as_f64() <= Some(0.25),
        "{figures}"
    );
    assert!(rows[1]["unseen_per_skill"].as_f64() < rows[0]["unseen_per_skill"].as_f64());
}
