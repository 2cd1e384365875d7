//! Shared helpers: a command with a clean environment, and answer sheets built from the
//! embedded catalog's own keys.

use assert_cmd::Command;
use serde_json::{Value, json};
use skillgap::catalog::{Catalog, Question, QuestionKind};
use skillgap::questionnaire::{pick_questions, required_skills};

pub const MINI: &str = "tests/data/mini-catalog";
pub const MINI_SHEET: &str = "tests/data/mini-sheet.json";

/// The binary, with every variable that changes its behaviour removed.
pub fn skillgap() -> Command {
    let mut command = Command::cargo_bin("skillgap").expect("binary is built");
    for variable in [
        "NO_COLOR",
        "SKILLGAP_DATA",
        "SKILLGAP_HOME",
        "XDG_DATA_HOME",
        "TERM",
        "COLUMNS",
        "ACCESSIBLE",
        "PAGER",
        "SKILLGAP_PAGER",
    ] {
        command.env_remove(variable);
    }
    // No configuration file from the machine running the tests.
    command.env("SKILLGAP_CONFIG", "tests/data/no-such-config.toml");
    command
}

pub fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts that `output` exited with `code` and that its stderr says `expected`.
pub fn assert_refused(output: &std::process::Output, code: i32, expected: &str) {
    let stderr = stderr_of(output);
    assert_eq!(output.status.code(), Some(code), "{stderr}");
    assert!(stderr.contains(expected), "{stderr}");
}

pub fn correct(question: &Question) -> Value {
    match question.kind {
        QuestionKind::Choice => json!(question.answer),
        QuestionKind::Multi => json!(question.answers),
        _ => {
            let best = question
                .options
                .iter()
                .max_by(|a, b| a.credit.unwrap_or(0.0).total_cmp(&b.credit.unwrap_or(0.0)))
                .expect("options");
            json!(best.id)
        }
    }
}

fn wrong(question: &Question) -> Value {
    match question.kind {
        QuestionKind::Choice => {
            let other = question
                .options
                .iter()
                .find(|o| Some(&o.id) != question.answer.as_ref())
                .expect("a wrong option");
            json!(other.id)
        }
        QuestionKind::Multi => json!([question.answers[0]]),
        _ => {
            let worst = question
                .options
                .iter()
                .min_by(|a, b| a.credit.unwrap_or(0.0).total_cmp(&b.credit.unwrap_or(0.0)))
                .expect("options");
            json!(worst.id)
        }
    }
}

/// A sheet for `template` on the embedded catalog: tested questions up to `per_skill` per
/// skill, answered right when `right(difficulty)`.
pub fn sheet_for(
    template: &str,
    name: &str,
    per_skill: usize,
    right: impl Fn(u8) -> bool,
) -> Value {
    let catalog = Catalog::embedded().expect("embedded catalog");
    let template = catalog.template(template).expect("template");
    let skills = required_skills(&catalog, &[template]);
    let answers: serde_json::Map<String, Value> = pick_questions(&catalog, &skills, per_skill)
        .into_iter()
        .filter(|q| q.kind.is_tested())
        .map(|q| {
            let answer = if right(q.difficulty) {
                correct(q)
            } else {
                wrong(q)
            };
            (q.id.clone(), answer)
        })
        .collect();
    json!({"schema_version": 1, "candidate": name, "templates": [template.id], "answers": answers})
}
