//! `template from-posting` and `score --posting` from the built binary.

use predicates::prelude::*;
use serde_json::Value;

use crate::util::*;

const EXAMPLE: &str = "examples/postings/acme-backend.md";
const EXAMPLE_ID: &str = "backend-developer-python-acme-parcel";

fn from_posting(args: &[&str]) -> std::process::Output {
    skillgap()
        .args(["template", "from-posting"])
        .args(args)
        .output()
        .expect("runs")
}

#[test]
fn the_template_goes_to_stdout_with_a_comment_per_requirement() {
    let output = from_posting(&[EXAMPLE]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let toml = stdout_of(&output);
    assert!(toml.contains(&format!("id = \"{EXAMPLE_ID}\"")), "{toml}");
    assert!(toml.contains("level = \"mid\""), "{toml}");
    assert!(
        toml.contains("# line 15: \"FastAPI, Flask, Django\""),
        "{toml}"
    );
    assert!(
        toml.contains("any_of = [\"fastapi\", \"flask\", \"django\"]"),
        "{toml}"
    );
    assert!(toml.contains("#   line 26: Elixir"), "{toml}");
    assert!(stderr_of(&output).contains("15 requirements (10 must-have)"));
}

#[test]
fn the_written_template_loads_with_template_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("acme.toml");
    let path_arg = path.to_str().expect("utf-8");
    let output = from_posting(&[EXAMPLE, "--out", path_arg]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(stdout_of(&output).is_empty());
    let output = skillgap()
        .args(["--template-file", path_arg, "templates", "show", EXAMPLE_ID])
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let template: Value = serde_json::from_str(&stdout_of(&output)).expect("JSON");
    assert_eq!(template["level"], "mid");
    assert_eq!(template["requirements"][0]["skill"], "python");
}

#[test]
fn out_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("acme.toml");
    std::fs::write(&path, "keep me").expect("write");
    let path_arg = path.to_str().expect("utf-8");
    skillgap()
        .args(["templates", "from-posting", EXAMPLE, "--out", path_arg])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pass --force"));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "keep me");
    skillgap()
        .args([
            "templates",
            "from-posting",
            EXAMPLE,
            "--out",
            path_arg,
            "--force",
        ])
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .contains("[[requirements]]")
    );
}

#[test]
fn id_title_and_stdin() {
    let text = std::fs::read_to_string(EXAMPLE).expect("example");
    let output = skillgap()
        .args([
            "template",
            "from-posting",
            "-",
            "--id",
            "acme",
            "--title",
            "Acme API",
        ])
        .write_stdin(text)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let toml = stdout_of(&output);
    assert!(toml.contains("id = \"acme\""), "{toml}");
    assert!(toml.contains("title = \"Acme API\""), "{toml}");
    assert!(toml.contains("source = \"stdin\""), "{toml}");
}

#[test]
fn explain_prints_the_matches_and_what_is_not_covered() {
    // Wide enough that no cell wraps (at 80 columns the table wraps at word boundaries).
    let output = skillgap()
        .env("COLUMNS", "200")
        .args([
            "template",
            "from-posting",
            EXAMPLE,
            "--explain",
            "--color",
            "never",
        ])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let table = stdout_of(&output);
    for expected in [
        "Requirements",
        "FastAPI or Flask or Django",
        "\"a plus\"",
        "Not covered by the catalog",
        "Elixir",
    ] {
        assert!(table.contains(expected), "{expected} missing in\n{table}");
    }
    let output = from_posting(&[EXAMPLE, "--explain", "--format", "json"]);
    let explained: Value = serde_json::from_str(&stdout_of(&output)).expect("JSON");
    assert_eq!(explained["id"], EXAMPLE_ID);
    assert_eq!(explained["not_covered"][0]["line"], 26);
}

#[test]
fn bad_input_gets_a_clear_error() {
    skillgap()
        .args(["template", "from-posting", "missing-posting.md"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("missing-posting.md"));
    let dir = tempfile::tempdir().expect("temp dir");
    let binary = dir.path().join("posting.md");
    std::fs::write(&binary, b"Backend \xff\xfe Python\n").expect("write");
    skillgap()
        .args(["template", "from-posting", binary.to_str().expect("utf-8")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not UTF-8"));
    let menu = dir.path().join("menu.md");
    std::fs::write(&menu, "Menu\nSoup of the day\n").expect("write");
    skillgap()
        .args(["template", "from-posting", menu.to_str().expect("utf-8")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no skill of the catalog"));
    skillgap()
        .args(["template", "from-posting", EXAMPLE, "--id", "Bad Id"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--id `Bad Id` is not a valid template id",
        ));
}

#[test]
fn score_posting_scores_against_the_extracted_template() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sheet = dir.path().join("ada.json");
    let answers = sheet_for("python-api", "Ada", 4, |difficulty| difficulty <= 2);
    std::fs::write(&sheet, answers.to_string()).expect("write");
    let output = skillgap()
        .args([
            "score",
            sheet.to_str().expect("utf-8"),
            "--posting",
            EXAMPLE,
        ])
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let results: Value = serde_json::from_str(&stdout_of(&output)).expect("JSON");
    let templates = results["templates"].as_array().expect("templates");
    assert_eq!(templates.len(), 1);
    assert_eq!(templates[0]["template"], EXAMPLE_ID);
    let readiness = templates[0]["readiness"].as_f64().expect("readiness");
    assert!(readiness > 0.0 && readiness < 100.0, "{readiness}");
    assert!(stderr_of(&output).contains(EXAMPLE_ID));
}

#[test]
fn score_posting_reports_a_bad_posting() {
    skillgap()
        .args(["score", MINI_SHEET, "--posting", "missing-posting.md"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "cannot use the posting missing-posting.md",
        ));
}
