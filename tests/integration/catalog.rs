//! The catalog: the embedded one validates and keeps its minimums; broken ones are reported
//! in full; `--data` and `--template-file` replace and extend it.

use std::collections::{HashMap, HashSet};

use predicates::prelude::*;
use skillgap::catalog::Catalog;

use crate::util::*;

#[test]
fn the_embedded_catalog_validates() {
    skillgap()
        .arg("validate")
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("embedded default catalog: ok"));
}

#[test]
fn the_data_folder_is_what_is_embedded() {
    skillgap().args(["validate", "data"]).assert().success();
}

#[test]
fn the_embedded_catalog_keeps_its_minimums() {
    let catalog = Catalog::embedded().expect("embedded catalog");
    assert!(
        catalog.skills.len() >= 79,
        "{} skills",
        catalog.skills.len()
    );
    let areas: HashSet<&str> = catalog.skills.iter().map(|s| s.area.as_str()).collect();
    assert!(areas.len() >= 12, "{} areas with skills", areas.len());
    let tested = catalog
        .questions
        .iter()
        .filter(|q| q.kind.is_tested())
        .count();
    assert!(
        catalog.questions.len() >= 950 && tested >= 79 * 12,
        "{tested} tested questions"
    );
    for skill in &catalog.skills {
        let position = catalog.skill_position(&skill.id).expect("indexed");
        let difficulties: Vec<u8> = catalog
            .questions_of(position)
            .filter(|q| q.kind.is_tested())
            .map(|q| q.difficulty)
            .collect();
        // Deep enough to retake (issue 15): at least 12 tested questions, at least 2 at each
        // difficulty, and most of them at 2 and 3, where templates decide.
        assert!(
            difficulties.len() >= 12,
            "{} has {} tested questions",
            skill.id,
            difficulties.len()
        );
        for difficulty in 1..=4 {
            let at = difficulties.iter().filter(|&&d| d == difficulty).count();
            assert!(at >= 2, "{} has {at} at difficulty {difficulty}", skill.id);
        }
        let middle = difficulties.iter().filter(|&&d| d == 2 || d == 3).count();
        assert!(
            2 * middle > difficulties.len(),
            "{}: {middle} of {} at difficulties 2-3",
            skill.id,
            difficulties.len()
        );
        assert!(!skill.resources.is_empty(), "{} has no resources", skill.id);
        assert!(!skill.aliases.is_empty(), "{} has no aliases", skill.id);
    }
    assert!(catalog.templates.len() >= 10);
    for id in [
        "junior-backend",
        "mid-backend",
        "senior-backend-engineer",
        "python-django",
        "python-api",
        "java-spring-boot",
        "node-express",
        "php-laravel",
        "ruby-rails",
        "csharp-dotnet",
        "go-backend",
        "junior-fullstack",
    ] {
        let template = catalog.template(id).expect("template exists");
        assert!(!template.source.is_empty(), "{id} says where it comes from");
    }
    let kinds: HashSet<String> = catalog
        .pathways
        .iter()
        .map(|p| serde_json::to_string(&p.kind).expect("serializes"))
        .collect();
    assert!(kinds.len() >= 7, "pathway kinds: {kinds:?}");
}

#[test]
fn soft_skills_are_assessed_by_scenarios_only() {
    let catalog = Catalog::embedded().expect("embedded catalog");
    for question in catalog.questions.iter() {
        let area = &catalog.skill(&question.skill).expect("skill").area;
        if area == "soft-skills" {
            assert_eq!(question.kind.as_str(), "scenario", "{}", question.id);
        }
    }
}

#[test]
fn resource_urls_are_https_on_the_allowlist() {
    let allowlist: HashSet<String> = std::fs::read_to_string("tests/data/url_allowlist.txt")
        .expect("allowlist")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    let catalog = Catalog::embedded().expect("embedded catalog");
    for skill in &catalog.skills {
        for resource in &skill.resources {
            let rest = resource
                .url
                .strip_prefix("https://")
                .unwrap_or_else(|| panic!("{}: {} is not https", skill.id, resource.url));
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            assert!(
                allowlist.contains(host),
                "{}: {} is not on the allowlist",
                skill.id,
                resource.url
            );
        }
    }
}

#[test]
fn every_alias_names_one_skill() {
    let catalog = Catalog::embedded().expect("embedded catalog");
    let mut owners: HashMap<String, Vec<&str>> = HashMap::new();
    for skill in &catalog.skills {
        for alias in &skill.aliases {
            owners
                .entry(alias.to_lowercase())
                .or_default()
                .push(&skill.id);
        }
    }
    let shared: Vec<_> = owners
        .iter()
        .filter(|(_, skills)| skills.len() > 1)
        .collect();
    assert!(
        shared.is_empty(),
        "aliases claimed by several skills: {shared:?}"
    );
}

#[test]
fn a_broken_catalog_lists_every_problem_with_its_place() {
    let output = skillgap()
        .args(["validate", "tests/data/broken-catalog"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(3));
    let stdout = stdout_of(&output);
    let dir = "tests/data/broken-catalog";
    for expected in [
        format!(
            "{dir}/questions/broken.toml:8:1: question `bad-answer`: answer `e` is not among the options (a, b)"
        ),
        format!(
            "{dir}/questions/broken.toml:18:1: question `several-correct` is `choice` but lists several correct options"
        ),
        format!(
            "{dir}/questions/broken.toml:27:12: question `bad-credit`: option `a` has credit 1.5, outside 0.0 to 1.0"
        ),
        format!(
            "{dir}/questions/broken.toml:32:1: question `empty-prompt` is for skill `nosuchskill`, which is not a skill id"
        ),
        format!("{dir}/questions/broken.toml:35:1: question `empty-prompt` has an empty prompt"),
        format!("{dir}/questions/broken.toml:44:1: question #5: unknown field `dificulty`"),
        format!("{dir}/skills/web.toml:25:1: prerequisite cycle: cache -> queue -> cache"),
        format!("{dir}/skills/web.toml:31:1: skill `queue` is in area `nowhere`"),
        format!(
            "{dir}/skills/web.toml:36:1: duplicate skill id `http` (first defined at {dir}/skills/web.toml:1:1)"
        ),
        format!(
            "{dir}/skills/web.toml:42:1: duplicate skill id `sql` (first defined at {dir}/skills/web.toml:14:1)"
        ),
        format!("{dir}/skills/web.toml:22:1: skill `cache` has 0 tested question(s)"),
        format!(
            "{dir}/templates/bad.toml:6:1: template `bad-template` requires skill `kubernetes`, which is not in the catalog"
        ),
        format!("{dir}/templates/syntax.toml:2:21: invalid TOML"),
    ] {
        assert!(
            stdout.contains(&expected),
            "missing: {expected}\nin:\n{stdout}"
        );
    }
    assert_eq!(stdout.lines().count(), 14);
    assert!(stderr_of(&output).contains("14 problem(s)"));
}

#[test]
fn validate_can_answer_in_json() {
    let output = skillgap()
        .args(["validate", "tests/data/broken-catalog", "--format", "json"])
        .output()
        .expect("runs");
    let problems: serde_json::Value = serde_json::from_str(&stdout_of(&output)).expect("JSON");
    assert_eq!(problems.as_array().map(Vec::len), Some(14));
    assert_eq!(problems[0]["line"], 8);
}

#[test]
fn a_broken_data_folder_is_refused_by_every_command() {
    skillgap()
        .args(["--data", "tests/data/broken-catalog", "templates", "list"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "cannot use the catalog in tests/data/broken-catalog",
        ))
        .stderr(predicate::str::contains("run `skillgap validate` on it"));
    skillgap()
        .args(["--data", "no/such/dir", "skills", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a directory"));
}

#[test]
fn the_data_variable_selects_a_catalog() {
    skillgap()
        .env("SKILLGAP_DATA", MINI)
        .args(["templates", "list", "--format", "jsonl"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"id\":\"web-junior\""));
}

#[test]
fn a_template_file_adds_a_template_and_is_checked() {
    let output = skillgap()
        .args([
            "--template-file",
            "examples/custom-template.toml",
            "templates",
            "show",
            "acme-platform-backend",
            "--format",
            "json",
        ])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let template: serde_json::Value = serde_json::from_str(&stdout_of(&output)).expect("JSON");
    assert_eq!(template["level"], "mid");
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "id = \"x\"\ntitle = \"X\"\nlevel = \"junior\"\n\n[[requirements]]\nskill = \"cobol\"\nlevel = 9\n").expect("write");
    let output = skillgap()
        .args([
            "--template-file",
            bad.to_str().expect("utf-8"),
            "templates",
            "list",
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(3));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("bad.toml:6:1: template `x` requires skill `cobol`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("bad.toml:7:1: template `x`: requirement #1 has level 9"),
        "{stderr}"
    );
}
