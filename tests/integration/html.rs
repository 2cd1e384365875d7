//! `--format html` and `--out`: a candidate's page from a saved result, a cohort page, escaping.

use std::path::Path;

use serde_json::Value;

use crate::util::*;

/// Ben's results with a plan, saved to `dir/ben.json`.
fn ben_results(dir: &Path) -> std::path::PathBuf {
    let output = skillgap()
        .args([
            "score",
            "examples/sheets/ben.toml",
            "--plan",
            "--start",
            "2026-11-23",
            "--format",
            "json",
        ])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let path = dir.join("ben.json");
    std::fs::write(&path, &output.stdout).expect("write");
    path
}

fn report_html(results: &Path, out: &Path, extra: &[&str]) -> String {
    let output = skillgap()
        .arg("report")
        .arg(results)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(output.stdout.is_empty(), "the page goes to the file only");
    assert!(stderr_of(&output).contains("wrote"));
    std::fs::read_to_string(out).expect("the page was written")
}

#[test]
fn a_saved_result_becomes_one_self_contained_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let results_path = ben_results(dir.path());
    let results: Value =
        serde_json::from_str(&std::fs::read_to_string(&results_path).expect("read")).expect("JSON");
    let out = dir.path().join("ben.html");
    let html = report_html(&results_path, &out, &["--format", "html"]);

    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Skills gap report: Ben Example"));
    assert_eq!(html.matches("<svg class=\"radar\"").count(), 1);
    let requirements = results["templates"][0]["requirements"]
        .as_array()
        .expect("requirements")
        .len();
    assert_eq!(html.matches("<g class=\"skill-bar\"").count(), requirements);
    assert!(html.contains("<section id=\"plan\"><h2>Study plan</h2>"));
    let steps = results["plan"]["steps"].as_array().expect("steps").len();
    assert_eq!(html.matches("<article class=\"step\">").count(), steps);
    assert!(html.contains("Learning pathways that fit"));
    // Self-contained: nothing is loaded from elsewhere.
    for external in ["<script", "<link", "<img", "src=", "@import"] {
        assert!(!html.contains(external), "{external} in the page");
    }
    // Only the page's own patterns are referenced (`url(#…)`), never a file or an address.
    assert_eq!(html.matches("url(").count(), html.matches("url(#").count());

    // Without --format, the .html extension decides; the page is the same.
    let again = report_html(&results_path, &dir.path().join("again.html"), &[]);
    assert_eq!(again, html);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left");
}

#[test]
fn a_hostile_candidate_name_is_shown_not_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sheet = dir.path().join("evil.json");
    let mut value = sheet_for("junior-backend", "<script>alert(1)</script>", 2, |d| d <= 2);
    value["profile"] = serde_json::json!({"hours_per_week": 5});
    std::fs::write(&sheet, value.to_string()).expect("write");
    let output = skillgap()
        .arg("score")
        .arg(&sheet)
        .args(["--plan", "--format", "html"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let html = stdout_of(&output);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.to_ascii_lowercase().contains("<script"));
}

#[test]
fn a_cohort_page_shows_readiness_per_template_and_common_gaps() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("cohort.html");
    let output = skillgap()
        .args([
            "score",
            "examples/cohort",
            "--summary",
            "--quiet",
            "--format",
            "html",
            "--out",
        ])
        .arg(&out)
        .output()
        .expect("runs");
    // One sheet of the example cohort is broken on purpose: the others are still reported.
    assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
    let html = std::fs::read_to_string(&out).expect("the page was written");
    assert!(html.contains("<h1>Cohort readiness</h1>"));
    assert!(html.contains("<svg class=\"histogram\""));
    assert!(html.contains("<h2>Most common gaps</h2>"));
    assert!(html.contains("Sheets that could not be scored"));
    assert!(html.contains("hal-broken.json"));
    // Each candidate's row, with the verdict as a badge.
    for name in ["Cara", "Dev", "Eli", "Fay", "Gus"] {
        assert!(
            html.contains(&format!("<td>{name}</td>")),
            "{name} is missing"
        );
    }
    // The verdict as a badge with a glyph, saying how sure it is.
    assert!(
        html.contains("<span class=\"verdict verdict-ready\"><span aria-hidden=\"true\">✓ </span>"),
        "{html}"
    );
    assert!(html.contains("% sure</span>"));
    // The histogram has axes with ticks and titles, and a pattern per verdict.
    assert!(html.matches("class=\"y-tick\"").count() > 2);
    assert!(html.contains(">Candidates</text>") && html.contains(">Readiness (%)</text>"));
    assert!(html.contains("url(#histogram-0-hatch)"));
    for red_or_green in ["#dc2626", "#15803d"] {
        assert!(!html.contains(red_or_green));
    }
}

#[test]
fn out_to_a_missing_folder_creates_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let results = ben_results(dir.path());
    let out = dir.path().join("no-such-folder").join("ben.html");
    skillgap()
        .arg("report")
        .arg(&results)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(&out).expect("written");
    assert!(html.contains("Ben Example"), "{html}");
}

#[test]
fn out_follows_the_extension_for_other_formats_too() {
    let dir = tempfile::tempdir().expect("temp dir");
    let results = ben_results(dir.path());
    let out = dir.path().join("ben.md");
    skillgap()
        .arg("report")
        .arg(&results)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let markdown = std::fs::read_to_string(&out).expect("written");
    assert!(
        markdown.starts_with("# Skills gap report: Ben Example"),
        "{markdown}"
    );
}

#[test]
fn the_bars_show_how_likely_each_level_is_and_the_verdict_how_sure() {
    let dir = tempfile::tempdir().expect("temp dir");
    let results_path = ben_results(dir.path());
    let results: Value =
        serde_json::from_str(&std::fs::read_to_string(&results_path).expect("read")).expect("JSON");
    let html = report_html(
        &results_path,
        &dir.path().join("ben.html"),
        &["--format", "html"],
    );
    let requirements = results["templates"][0]["requirements"]
        .as_array()
        .expect("requirements")
        .len();
    // A shaded cell per level and requirement, the requirement marked, and a legend.
    assert_eq!(
        html.matches("class=\"level-shade\"").count(),
        5 * requirements
    );
    assert_eq!(html.matches("class=\"requirement\"").count(), requirements);
    assert!(html.contains("Shade = chance of the level"));
    let probability = results["templates"][0]["verdict_probability"]
        .as_f64()
        .expect("verdict probability");
    // In the reports' own words ("over 99 %" rather than "100 %").
    let sure = skillgap::reports::certainty::percent(probability);
    assert!(html.contains(&format!("not yet — {sure} sure")), "{html}");
    assert!(html.contains("Percentages say how sure"));
    // Names are wrapped, not cut; no terminal glyph bars; no ± on levels.
    assert!(html.contains(">Message queues and event</tspan>"), "{html}");
    for absent in ["…", "█", "▒", "±"] {
        assert!(!html.contains(absent), "{absent} in the page");
    }
    // The plan as a timeline, the steps to measure first apart.
    let steps = results["plan"]["steps"].as_array().expect("steps").len();
    // One bar per step, and the requirements to measure first drawn as bars of their own.
    let measure_first = results["plan"]["measure_first"]
        .as_array()
        .map_or(0, Vec::len);
    assert!(
        html.matches("<g class=\"step-bar").count() >= steps
            && html.matches("<g class=\"step-bar").count() <= steps + measure_first + 2,
        "one bar per step"
    );
    assert!(html.contains("<g class=\"measure-first\">"));
    assert!(html.contains("Weeks from the start of the plan"));
}
