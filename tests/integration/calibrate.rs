//! `skillgap calibrate`: a synthetic cohort with a deliberately mis-keyed question.

use serde_json::Value;

use crate::util::{skillgap, stderr_of, stdout_of};

/// A cohort of 150 sheets answering the SQL and Git choice questions by a Rasch model, with
/// `miskeyed` answered backwards (right by those who would miss it).
fn cohort_sheets(miskeyed: &str) -> String {
    use skillgap::catalog::{Catalog, QuestionKind};
    use skillgap::estimate::{Guessing, ItemParams};
    use skillgap::rng::SplitMix64;
    let catalog = Catalog::embedded().expect("catalog");
    let questions: Vec<_> = catalog
        .questions
        .iter()
        .filter(|q| (q.skill == "sql" || q.skill == "git") && q.kind == QuestionKind::Choice)
        .collect();
    let mut rng = SplitMix64::new(8);
    let mut lines = String::new();
    for person in 0..150 {
        let theta = rng.normal();
        let answers: serde_json::Map<String, Value> = questions
            .iter()
            .map(|q| {
                let mut right =
                    rng.uniform() < ItemParams::with_guessing(q, Guessing::Off).probability(theta);
                if q.id == miskeyed {
                    right = !right;
                }
                let key = q.answer.clone().expect("key");
                let wrong = q.options.iter().find(|o| o.id != key).expect("option");
                let answer = if right { key } else { wrong.id.clone() };
                (q.id.clone(), Value::String(answer))
            })
            .collect();
        let sheet = serde_json::json!({"candidate": format!("p{person}"), "answers": answers});
        lines.push_str(&format!("{sheet}\n"));
    }
    lines
}

#[test]
fn calibrate_flags_a_miskeyed_question_and_writes_an_overlay_the_catalog_loads() {
    let dir = tempfile::tempdir().expect("dir");
    let sheets = dir.path().join("sheets.jsonl");
    std::fs::write(&sheets, cohort_sheets("git-03")).expect("write");
    let scored = skillgap()
        .args([
            "score",
            "--template",
            "junior-backend",
            "--format",
            "jsonl",
            "--quiet",
        ])
        .arg(&sheets)
        .output()
        .expect("score");
    assert!(scored.status.success(), "{}", stderr_of(&scored));
    let results = dir.path().join("results.jsonl");
    std::fs::write(&results, &scored.stdout).expect("write");
    let overlay = dir.path().join("calibration.toml");
    let output = skillgap()
        .arg("calibrate")
        .arg(&results)
        .arg("--out")
        .arg(&overlay)
        .args(["--format", "json"])
        .output()
        .expect("calibrate");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("check git-03: negative item-rest correlation: check the answer key"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("fewer than 100 responses"),
        "150 responses each: {stderr}"
    );
    let items: Value = serde_json::from_str(&stdout_of(&output)).expect("json");
    let flagged: Vec<&str> = items
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| {
            i["flags"]
                .as_array()
                .expect("flags")
                .contains(&Value::from("check-key"))
        })
        .map(|i| i["id"].as_str().expect("id"))
        .collect();
    assert_eq!(flagged, vec!["git-03"]);
    let text = std::fs::read_to_string(&overlay).expect("overlay written");
    assert!(text.contains("id = \"sql-01\"") && !text.contains("\"git-03\""));

    // The overlay loads, changes the catalog's fingerprint, and a second run will not
    // overwrite it by accident.
    let fingerprint = |extra: &[&str]| {
        let output = skillgap()
            .args(extra)
            .args(["score", "--template", "junior-backend", "--format", "json"])
            .arg("examples/sheets/ada.json")
            .output()
            .expect("score");
        assert!(output.status.success(), "{}", stderr_of(&output));
        let results: Value = serde_json::from_str(&stdout_of(&output)).expect("json");
        results["catalog"]["fingerprint"].clone()
    };
    let overlay_arg = overlay.display().to_string();
    assert_ne!(
        fingerprint(&["--calibration", &overlay_arg]),
        fingerprint(&[])
    );
    let again = skillgap()
        .arg("calibrate")
        .arg(&results)
        .arg("--out")
        .arg(&overlay)
        .output()
        .expect("calibrate");
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr_of(&again).contains("pass --force"));
}
