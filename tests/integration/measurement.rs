//! The joint model as a reader sees it: knowing nothing reads as "not yet", one lucky answer is
//! not "met", and the numbers are the same on every run.

use serde_json::{Value, json};
use skillgap::catalog::{Catalog, QuestionKind};

use crate::util::{correct, sheet_for, skillgap, stderr_of, stdout_of};

fn score(sheet: &Value) -> Value {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("sheet.json");
    std::fs::write(&path, sheet.to_string()).expect("write");
    let output = skillgap()
        .args(["score", "--template", "junior-backend", "--format", "json"])
        .arg(&path)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    serde_json::from_str(&stdout_of(&output)).expect("JSON")
}

#[test]
fn a_sheet_of_i_dont_know_is_not_yet_with_nothing_met() {
    let mut sheet = sheet_for("junior-backend", "Nobody", 2, |_| true);
    for answer in sheet["answers"]
        .as_object_mut()
        .expect("answers")
        .values_mut()
    {
        *answer = json!("?");
    }
    let results = score(&sheet);
    let template = &results["templates"][0];
    assert_eq!(template["verdict"], "not-yet");
    assert!(template["verdict_probability"].as_f64() >= Some(0.9));
    assert!(
        template["readiness"].as_f64() <= Some(10.0),
        "{}",
        template["readiness"]
    );
    for requirement in template["requirements"].as_array().expect("requirements") {
        assert_eq!(requirement["met"], false, "{requirement}");
    }
}

#[test]
fn one_right_answer_never_makes_a_level_two_requirement_sure() {
    let catalog = Catalog::embedded().expect("catalog");
    let template = catalog.template("junior-backend").expect("template");
    let level_two: Vec<&str> = template
        .requirements
        .iter()
        .filter(|r| r.level == 2 && r.any_of.is_empty())
        .filter_map(|r| r.skill.as_deref())
        .collect();
    assert!(!level_two.is_empty());
    // One question of each difficulty, and a scenario, on level-2 requirements.
    let mut picked: Vec<&skillgap::catalog::Question> = (1..=4)
        .filter_map(|difficulty| {
            catalog.questions.iter().find(|q| {
                level_two.contains(&q.skill.as_str())
                    && q.kind == QuestionKind::Choice
                    && q.difficulty == difficulty
            })
        })
        .collect();
    picked.extend(
        catalog
            .questions
            .iter()
            .find(|q| level_two.contains(&q.skill.as_str()) && q.kind == QuestionKind::Scenario),
    );
    assert!(picked.len() >= 4);
    for question in picked {
        let sheet = json!({"answers": {question.id.clone(): correct(question)}});
        let results = score(&sheet);
        let requirement = results["templates"][0]["requirements"]
            .as_array()
            .expect("requirements")
            .iter()
            .find(|r| r["skill"] == question.skill.as_str())
            .expect("requirement")
            .clone();
        let p_met = requirement["p_met"].as_f64().expect("p_met");
        assert!(p_met <= 0.85, "{}: p_met {p_met}", question.id);
    }
}

#[test]
fn the_same_sheet_gives_the_same_numbers() {
    let sheet = sheet_for("junior-backend", "Ada", 2, |difficulty| difficulty <= 2);
    let without_source = |mut results: Value| {
        results.as_object_mut().expect("object").remove("source");
        results
    };
    let first = without_source(score(&sheet));
    assert_eq!(first, without_source(score(&sheet)));
    let template = &first["templates"][0];
    let probabilities = &template["verdict_probabilities"];
    let total: f64 = ["not-yet", "nearly", "ready"]
        .iter()
        .map(|v| probabilities[v].as_f64().expect("number"))
        .sum();
    assert!((total - 1.0).abs() < 0.01, "{probabilities}");
}

#[test]
fn report_still_reads_a_version_1_results_document() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("v1.json");
    let mut results = score(&sheet_for("junior-backend", "Old", 2, |d| d <= 2));
    results["schema_version"] = json!(1);
    let object = results.as_object_mut().expect("object");
    object.remove("model");
    for template in object["templates"].as_array_mut().expect("templates") {
        let template = template.as_object_mut().expect("template");
        for key in [
            "readiness_range",
            "verdict_probability",
            "verdict_probabilities",
        ] {
            template.remove(key);
        }
    }
    std::fs::write(&path, results.to_string()).expect("write");
    let output = skillgap()
        .args(["report", "--format", "markdown"])
        .arg(&path)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(stdout_of(&output).contains("Junior Backend Developer"));
}

#[test]
fn i_dont_know_instead_of_a_guess_lets_right_answers_count_in_full() {
    let catalog = Catalog::embedded().expect("catalog");
    let sql = catalog.question("sql-01").expect("sql-01").skill.clone();
    let choice = |q: &&skillgap::catalog::Question| q.kind == QuestionKind::Choice;
    let right: Vec<_> = catalog
        .questions
        .iter()
        .filter(choice)
        .filter(|q| q.skill == sql)
        .take(3)
        .collect();
    let unknown: Vec<_> = catalog
        .questions
        .iter()
        .filter(choice)
        .filter(|q| q.skill != sql)
        .take(12)
        .collect();
    let sheet = |unknown_answer: &dyn Fn(&skillgap::catalog::Question) -> Value| {
        let mut answers = serde_json::Map::new();
        for q in &right {
            answers.insert(q.id.clone(), correct(q));
        }
        for q in &unknown {
            answers.insert(q.id.clone(), unknown_answer(q));
        }
        json!({ "answers": answers })
    };
    let wrong_option = |q: &skillgap::catalog::Question| {
        let other = q.options.iter().find(|o| Some(&o.id) != q.answer.as_ref());
        json!(other.expect("a wrong option").id)
    };
    let p_met = |results: &Value| {
        results["templates"][0]["requirements"]
            .as_array()
            .expect("requirements")
            .iter()
            .find(|r| r["skill"] == sql.as_str())
            .and_then(|r| r["p_met"].as_f64())
            .expect("the SQL requirement")
    };
    // Both sheets have the same right and not-right answers; only how the unknown questions were
    // left differs. Someone who says "I don't know" rather than guessing is not a guesser, so
    // their right answers are less likely to be luck.
    let declined = p_met(&score(&sheet(&|_| json!("?"))));
    let guessed = p_met(&score(&sheet(&wrong_option)));
    assert!(
        declined > guessed + 0.02,
        "p_met with \"I don't know\" {declined}, with wrong options {guessed}"
    );
}
