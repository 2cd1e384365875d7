//! `skillgap match`: postings ranked for a result, for a cohort, with a shared plan, in every
//! format, and postings that cannot be read named while the others are ranked.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{sheet_for, skillgap, stderr_of, stdout_of};

const POSTINGS: &str = "tests/data/postings";

/// A results document for a sheet answering every question of `template` right.
fn results_for(dir: &Path, template: &str, name: &str) -> PathBuf {
    let sheet = dir.join(format!("{name}-sheet.json"));
    std::fs::write(&sheet, sheet_for(template, name, 8, |_| true).to_string()).expect("write");
    let output = skillgap()
        .args(["score", "--format", "json", "--template", template])
        .arg(&sheet)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let results = dir.join(format!("{name}.json"));
    std::fs::write(&results, &output.stdout).expect("write");
    results
}

fn json_of(output: &std::process::Output) -> Value {
    serde_json::from_str(&stdout_of(output)).expect("JSON on stdout")
}

/// A few real postings of different stacks, copied into `dir`.
fn some_postings(dir: &Path) -> PathBuf {
    let postings = dir.join("postings");
    std::fs::create_dir(&postings).expect("mkdir");
    for name in [
        "03-php-backend-developer.md",
        "06-java-spring-backend.md",
        "20-python-developer-intern.md",
        "33-backend-engineer-ruby.md",
        "37-senior-php-laravel-bilingual.md",
    ] {
        std::fs::copy(Path::new(POSTINGS).join(name), postings.join(name)).expect("copy");
    }
    postings
}

#[test]
fn a_python_django_persons_best_match_among_real_postings_is_a_python_posting() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_for(dir.path(), "python-django", "Py");
    let output = skillgap()
        .args(["match", "--format", "json"])
        .arg(&results)
        .arg(POSTINGS)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let document = json_of(&output);
    assert_eq!(document["schema_version"], 1);
    let postings = document["postings"].as_array().expect("postings");
    assert_eq!(postings.len(), 41, "every posting is ranked");
    let top = postings[0]["source"].as_str().expect("source");
    assert!(
        top.contains("python") || top.contains("django"),
        "top match {top}"
    );
    for field in [
        "source",
        "title",
        "level",
        "readiness",
        "verdict",
        "verdict_probability",
        "must_haves_missing",
        "gaps",
        "hours_to_close",
        "not_covered",
    ] {
        assert!(
            postings[0].get(field).is_some(),
            "{field} in {}",
            postings[0]
        );
    }
    // Best first: the verdict never gets better down the list, and within a verdict the
    // must-haves' readiness never rises.
    let rank = |v: &Value| match v["verdict"].as_str() {
        Some("ready") => 2,
        Some("nearly") => 1,
        _ => 0,
    };
    for pair in postings.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(rank(a) >= rank(b));
        if rank(a) == rank(b) {
            assert!(a["must_have_readiness"].as_f64() >= b["must_have_readiness"].as_f64());
        }
    }
    // A Rails posting asks for Ruby on Rails, which these answers never touched.
    let rails = postings
        .iter()
        .find(|p| p["source"].as_str().is_some_and(|s| s.contains("01-rails")))
        .expect("the Rails posting");
    assert!(
        rails["not_assessed"]
            .as_array()
            .expect("list")
            .contains(&Value::from("rails")),
        "{rails}"
    );
}

#[test]
fn a_php_persons_best_match_is_a_php_posting_in_the_table_and_csv() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_for(dir.path(), "php-laravel", "Pat");
    let postings = some_postings(dir.path());
    let output = skillgap()
        .args(["match", "--format", "csv"])
        .arg(&results)
        .arg(&postings)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let csv = stdout_of(&output);
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .is_some_and(|h| h.starts_with("rank,source,title,level,verdict")),
        "{csv}"
    );
    let first = lines.next().expect("a row");
    assert!(first.starts_with("1,") && first.contains("php"), "{first}");
    assert_eq!(csv.lines().count(), 6);
    let output = skillgap()
        .args(["match", "--format", "table", "--top", "2"])
        .arg(&results)
        .arg(&postings)
        .output()
        .expect("runs");
    let table = stdout_of(&output);
    assert!(table.contains("Postings ranked for Pat"), "{table}");
    assert!(table.contains("What is missing"), "{table}");
    assert!(table.contains("sure"), "the verdict says how sure: {table}");
    assert!(!table.contains("06-java"), "--top 2 shows two: {table}");
}

#[test]
fn postings_that_cannot_be_read_are_named_and_the_rest_ranked_with_exit_2() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_for(dir.path(), "python-django", "Py");
    let postings = some_postings(dir.path());
    std::fs::write(postings.join("empty.txt"), "Nothing to see here.\n").expect("write");
    std::fs::write(postings.join("binary.md"), [0xff, 0xfe, 0x00]).expect("write");
    let missing = dir.path().join("missing.md");
    let output = skillgap()
        .args(["match", "--format", "json"])
        .arg(&results)
        .arg(&postings)
        .arg(&missing)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("empty.txt") && stderr.contains("no skill"),
        "{stderr}"
    );
    assert!(
        stderr.contains("binary.md") && stderr.contains("UTF-8"),
        "{stderr}"
    );
    assert!(stderr.contains("missing.md"), "{stderr}");
    let document = json_of(&output);
    assert_eq!(document["postings"].as_array().map(Vec::len), Some(5));
    assert_eq!(document["failures"].as_array().map(Vec::len), Some(3));
    // No posting at all: an error, exit 2.
    let output = skillgap()
        .arg("match")
        .arg(&results)
        .arg(&missing)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("no posting could be read"));
    // No postings given: a usage error that says how.
    let output = skillgap()
        .arg("match")
        .arg(&results)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("--postings"));
}

#[test]
fn one_plan_for_the_top_postings_studies_each_shared_skill_once() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_for(dir.path(), "php-laravel", "Pat");
    let postings = some_postings(dir.path());
    let output = skillgap()
        .args([
            "match",
            "--format",
            "json",
            "--plan=3",
            "--start",
            "2026-01-05",
        ])
        .arg(&results)
        .arg(&postings)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let document = json_of(&output);
    let mut top: Vec<&str> = document["postings"]
        .as_array()
        .expect("postings")
        .iter()
        .take(3)
        .map(|p| p["template"].as_str().expect("id"))
        .collect();
    let plan = &document["plan"];
    let mut planned: Vec<&str> = plan["templates"]
        .as_array()
        .expect("templates")
        .iter()
        .map(|t| t.as_str().expect("id"))
        .collect();
    top.sort_unstable();
    planned.sort_unstable();
    assert_eq!(planned, top, "the plan is for the three best postings");
    // Skills to study and skills to measure first (those no answer reached) together.
    let steps: Vec<&str> = plan["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .chain(plan["measure_first"].as_array().into_iter().flatten())
        .map(|s| s["skill"].as_str().expect("skill"))
        .collect();
    assert!(!steps.is_empty());
    let mut distinct = steps.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), steps.len(), "each skill once: {steps:?}");
    // Skills nobody measured are to measure first, not study: when there are study steps, one
    // serves several postings.
    let study = plan["steps"].as_array().expect("steps");
    assert!(
        study.is_empty()
            || study
                .iter()
                .any(|s| s["templates"].as_array().is_some_and(|t| t.len() > 1)),
        "some step serves several postings"
    );
}

#[test]
fn a_cohort_gets_each_candidates_best_matches() {
    let dir = tempfile::tempdir().expect("dir");
    let cohort = dir.path().join("cohort");
    std::fs::create_dir(&cohort).expect("mkdir");
    results_for(&cohort, "python-django", "Py");
    std::fs::write(
        cohort.join("pat.json"),
        sheet_for("php-laravel", "Pat", 8, |_| true).to_string(),
    )
    .expect("write");
    std::fs::write(
        cohort.join("broken.json"),
        "{\"answers\": {\"nope-01\": \"a\"}}",
    )
    .expect("write");
    let postings = some_postings(dir.path());
    let output = skillgap()
        .args(["match", "--format", "json", "--postings"])
        .arg(&postings)
        .arg(&cohort)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2), "a broken sheet");
    assert!(stderr_of(&output).contains("broken.json"));
    let document = json_of(&output);
    let candidates = document["candidates"].as_array().expect("candidates");
    let best = |name: &str| {
        candidates
            .iter()
            .filter(|c| c["candidate"] == name)
            .map(|c| {
                assert_eq!(c["postings"].as_array().map(Vec::len), Some(3));
                c["postings"][0]["source"]
                    .as_str()
                    .expect("source")
                    .to_string()
            })
            .next()
            .expect("the candidate")
    };
    // Py is there twice: the sheet and its results document.
    assert!(best("Py").contains("python"), "{}", stdout_of(&output));
    assert!(best("Pat").contains("php"), "{}", best("Pat"));
    let output = skillgap()
        .args(["match", "--format", "markdown", "--top", "1", "--postings"])
        .arg(&postings)
        .arg(cohort.join("pat.json"))
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let markdown = stdout_of(&output);
    assert!(
        markdown.contains("# Best matching postings per candidate"),
        "{markdown}"
    );
    assert!(markdown.contains("| Pat |"), "{markdown}");
}

#[test]
fn the_html_page_is_self_contained_with_a_column_per_posting_and_escaped_text() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_for(dir.path(), "python-django", "Py");
    let postings = some_postings(dir.path());
    std::fs::write(
        postings.join("evil.md"),
        "# <script>alert(1)</script> Developer\n## Requirements\n- Python\n- Django\n",
    )
    .expect("write");
    let out = dir.path().join("match.html");
    let output = skillgap()
        .args(["match", "--plan", "--out"])
        .arg(&out)
        .arg(&results)
        .arg(&postings)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let html = std::fs::read_to_string(&out).expect("the page");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"), "no script, the title escaped");
    assert!(html.contains("&lt;script&gt;"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "nothing remote"
    );
    assert!(html.contains("What is missing, posting by posting"));
    let columns = html
        .split("<table class=\"missing\">")
        .nth(1)
        .and_then(|rest| rest.split("</thead>").next())
        .expect("the missing table");
    assert_eq!(columns.matches("<th>").count(), 6, "a column per posting");
    assert!(html.contains("One study plan for the top postings"));
}
