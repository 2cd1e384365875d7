//! Listings, show commands, questionnaires and the CLI definition itself.

use clap::CommandFactory;
use predicates::prelude::*;

use crate::util::*;

#[test]
fn the_cli_definition_is_consistent() {
    skillgap::cli::Cli::command().debug_assert();
}

#[test]
fn listings_cover_the_catalog_in_every_format() {
    let catalog = skillgap::catalog::Catalog::embedded().expect("catalog");
    let output = skillgap()
        .args(["skills", "list", "--format", "jsonl"])
        .output()
        .expect("runs");
    assert_eq!(stdout_of(&output).lines().count(), catalog.skills.len());
    let output = skillgap()
        .args(["templates", "list", "--format", "csv"])
        .output()
        .expect("runs");
    assert_eq!(
        stdout_of(&output).lines().count(),
        catalog.templates.len() + 1
    );
    let output = skillgap()
        .args(["pathways", "list", "--format", "markdown"])
        .output()
        .expect("runs");
    assert_eq!(
        stdout_of(&output).lines().count(),
        catalog.pathways.len() + 2
    );
    skillgap()
        .args(["skills", "list", "--area", "databases"])
        .assert()
        .success()
        .stdout(predicate::str::contains("PostgreSQL"))
        .stdout(predicate::str::contains("Django").not());
}

#[test]
fn show_commands_give_the_details() {
    skillgap()
        .args(["skills", "show", "postgresql"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Postgres"))
        .stdout(predicate::str::contains("https://www.postgresql.org/"));
    skillgap()
        .args([
            "templates",
            "show",
            "junior-backend",
            "--format",
            "markdown",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("## Requirements"));
    skillgap()
        .args(["pathways", "show", "vocational-school"])
        .assert()
        .success()
        .stdout(predicate::str::contains("associate-degree"));
}

#[test]
fn unknown_ids_suggest_close_ones() {
    skillgap()
        .args(["skills", "show", "postgres"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "skill `postgres` is not in the catalog; did you mean `postgresql`",
        ));
    skillgap()
        .args(["skills", "list", "--area", "database"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`databases`"));
}

#[test]
fn a_questionnaire_is_a_blank_sheet_and_a_printable_quiz_without_the_key() {
    let catalog = skillgap::catalog::Catalog::embedded().expect("catalog");
    for template in &catalog.templates {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().to_str().expect("utf-8");
        skillgap()
            .args(["questionnaire", "--template", &template.id, "--out", out])
            .assert()
            .success();
        let markdown =
            std::fs::read_to_string(dir.path().join(format!("{}-questionnaire.md", template.id)))
                .expect("questionnaire written");
        assert!(markdown.contains(&template.title));
        assert!(!markdown.contains("credit ="), "no credits in the handout");
        for question in catalog
            .questions
            .iter()
            .filter(|q| markdown.contains(&format!("`{}`", q.id)))
        {
            assert!(
                !markdown.contains(question.explanation.trim()),
                "{} leaks its explanation",
                question.id
            );
        }
        let sheet = dir.path().join(format!("{}-sheet.json", template.id));
        // The blank sheet scores: everything is "not assessed".
        let output = skillgap()
            .args(["score", sheet.to_str().expect("utf-8"), "--format", "json"])
            .output()
            .expect("runs");
        assert!(output.status.success(), "{}", stderr_of(&output));
        let results: serde_json::Value = serde_json::from_str(&stdout_of(&output)).expect("JSON");
        assert!(
            results["skills"]
                .as_array()
                .expect("skills")
                .iter()
                .all(|s| s["status"] == "not-assessed")
        );
        assert_eq!(results["templates"][0]["verdict"], "not-yet");
    }
}

#[test]
fn a_questionnaire_never_overwrites_without_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().to_str().expect("utf-8");
    let args = ["questionnaire", "--template", "go-backend", "--out", out];
    skillgap().args(args).assert().success();
    skillgap()
        .args(args)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pass --force to overwrite"));
    skillgap().args(args).arg("--force").assert().success();
}
