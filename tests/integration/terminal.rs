//! The report in a terminal: laid out for 80 columns (snapshots), summary first, names not ids,
//! the accessible layout, a pty with no size, and paging.

use std::process::Command;

use rexpect::session::{Options, spawn_with_options};

use crate::util::*;

const ADA: &str = "examples/sheets/ada.json";

fn report(args: &[&str], columns: &str) -> String {
    let output = skillgap()
        .env("COLUMNS", columns)
        .args(args)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    stdout_of(&output)
}

fn width(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

#[test]
fn the_80_column_report_fits_and_reads_summary_first() {
    let table = report(&["score", ADA, "--format", "table"], "80");
    assert!(width(&table) <= 80, "a line is wider than 80:\n{table}");
    insta::assert_snapshot!("report_table_80", table);
    let mini = report(
        &["--data", MINI, "score", MINI_SHEET, "--format", "table"],
        "80",
    );
    assert!(width(&mini) <= 80);
    insta::assert_snapshot!("report_table_80_mini", mini);
    insta::assert_snapshot!(
        "report_markdown",
        report(&["score", ADA, "--format", "markdown"], "80")
    );
}

#[test]
fn the_summary_comes_first_and_again_at_the_end() {
    let table = report(&["score", ADA, "--format", "table"], "80");
    let headline = "Junior Backend Developer: ready";
    let first = table.find(headline).expect("headline");
    assert!(first < table.find("\nSkills\n").expect("skills section"));
    assert!(table.rfind(headline) > table.find("\nSkills\n"));
    assert!(table.contains("requirements met"));
    assert!(table.contains("Percentages say how sure"));
    assert!(!table.contains('±'));
    // Names, not ids; area names; the any_of reads as a choice.
    assert!(table.contains("Programming languages"));
    assert!(table.contains("Python (or another"));
    assert!(!table.contains("rest-api-design"));
    assert!(table.contains("Bar: one cell per level"));
    // The always-empty self-report column is dropped.
    assert!(!table.contains("Experience (self-report)"));
}

#[test]
fn wide_terminals_get_the_area_column_and_narrow_ones_area_headings() {
    let wide = report(&["score", ADA, "--format", "table"], "140");
    assert!(wide.contains("Area "), "{wide}");
    let narrow = report(&["score", ADA, "--format", "table"], "80");
    assert!(!narrow.contains("Area "));
    assert!(narrow.contains("\nProgramming languages\n"));
}

#[test]
fn no_id_or_url_is_split_at_any_width() {
    let dir = tempfile::tempdir().expect("tempdir");
    let results = dir.path().join("results.json");
    std::fs::write(&results, report(&["score", ADA, "--format", "json"], "80")).expect("write");
    let results = results.to_string_lossy().into_owned();
    for columns in ["60", "80", "100", "200"] {
        let plan = report(&["plan", &results, "--format", "table"], columns);
        for line in plan.lines() {
            for word in line.split_whitespace() {
                if word.contains("://") {
                    assert!(
                        word.starts_with("http") && !word.ends_with('-'),
                        "{columns}: a broken link {word:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_sheet_without_a_name_says_your_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(MINI_SHEET).expect("sheet");
    let mut sheet: serde_json::Value = serde_json::from_str(&text).expect("json");
    sheet.as_object_mut().expect("object").remove("candidate");
    let path = dir.path().join("sheet.json");
    std::fs::write(&path, sheet.to_string()).expect("write");
    let path = path.to_string_lossy().into_owned();
    let out = report(&["--data", MINI, "score", &path, "--format", "table"], "80");
    assert!(out.starts_with("Skills gap report: your report\n"), "{out}");
    assert!(!out.contains("candidate"));
}

#[test]
fn accessible_mode_reads_as_labelled_lines() {
    for how in ["flag", "env"] {
        let mut command = skillgap();
        command.env("COLUMNS", "80");
        if how == "env" {
            command.env("ACCESSIBLE", "1");
        } else {
            command.arg("--accessible");
        }
        let output = command
            .args(["--data", MINI, "score", MINI_SHEET, "--format", "table"])
            .output()
            .expect("runs");
        let out = stdout_of(&output);
        assert!(
            out.contains("Skill: SQL. Need: nice-to-have. Required: proficient. Level: awareness."),
            "{how}: {out}"
        );
        for glyph in ['─', '│', '█', '▒', '░'] {
            assert!(!out.contains(glyph), "{how}: {glyph} in\n{out}");
        }
        assert!(
            !out.contains("Bar:"),
            "no legend for bars that are not drawn"
        );
    }
    let off = report(
        &["--data", MINI, "score", MINI_SHEET, "--format", "table"],
        "80",
    );
    assert!(off.contains('─'));
}

#[test]
fn machine_formats_do_not_change_with_the_layout() {
    for format in ["json", "csv", "jsonl"] {
        let narrow = report(
            &["--data", MINI, "score", MINI_SHEET, "--format", format],
            "40",
        );
        let mut command = skillgap();
        let wide = command
            .env("COLUMNS", "200")
            .env("ACCESSIBLE", "1")
            .args(["--data", MINI, "score", MINI_SHEET, "--format", format])
            .output()
            .expect("runs");
        assert_eq!(narrow, stdout_of(&wide), "{format}");
    }
}

fn in_pty(args: &[&str], env: &[(&str, &str)]) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_skillgap"));
    command
        .args(args)
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .env_remove("PAGER")
        .env_remove("SKILLGAP_PAGER")
        .env_remove("SKILLGAP_DATA");
    for (key, value) in env {
        command.env(key, value);
    }
    let options = Options::new()
        .timeout_ms(Some(20_000))
        .strip_ansi_escape_codes(true);
    let mut session = spawn_with_options(command, options).expect("starts in a pty");
    let raw = session.exp_eof().expect("runs to the end");
    // rexpect hands back one char per byte: decode the UTF-8 again.
    if raw.chars().all(|c| u32::from(c) < 256) {
        let bytes: Vec<u8> = raw.chars().map(|c| c as u8).collect();
        String::from_utf8_lossy(&bytes).replace("\r\n", "\n")
    } else {
        raw.replace("\r\n", "\n")
    }
}

#[test]
fn a_pty_without_a_size_falls_back_to_columns_then_80() {
    // rexpect's pty reports a width of 0.
    let listed = in_pty(&["templates", "list"], &[]);
    let lines = listed.lines().count();
    assert!(lines < 60, "{lines} lines:\n{listed}");
    assert!(width(&listed) <= 80, "{listed}");
    let at_120 = in_pty(&["templates", "list"], &[("COLUMNS", "120")]);
    assert!(at_120.lines().count() <= lines);
    let report = in_pty(&["score", ADA, "--format", "table"], &[]);
    assert!(width(&report) <= 80);
    assert!(report.contains("Junior Backend Developer: ready"));
}

#[test]
fn paging_always_goes_through_the_pager_and_never_does_not() {
    let dir = tempfile::tempdir().expect("tempdir");
    let marker = dir.path().join("paged");
    // A pager that records that it ran and passes the text through.
    let pager = format!("tee {}", marker.display());
    let out = in_pty(
        &["--paging", "always", "score", ADA, "--format", "table"],
        &[("SKILLGAP_PAGER", &pager)],
    );
    assert!(out.contains("Junior Backend Developer"));
    let paged = std::fs::read_to_string(&marker).expect("the pager ran");
    assert!(paged.contains("Junior Backend Developer"));
    std::fs::remove_file(&marker).expect("remove");
    let out = in_pty(
        &["--paging", "never", "score", ADA, "--format", "table"],
        &[("SKILLGAP_PAGER", &pager)],
    );
    assert!(out.contains("Junior Backend Developer"));
    assert!(!marker.exists(), "--paging never started the pager");
    // An unusable pager means no paging, not a failure.
    let out = in_pty(
        &["--paging", "always", "score", ADA, "--format", "table"],
        &[("SKILLGAP_PAGER", "/nonexistent/pager")],
    );
    assert!(out.contains("Junior Backend Developer"));
}

#[test]
fn piped_output_is_never_paged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let marker = dir.path().join("paged");
    let output = skillgap()
        .env("SKILLGAP_PAGER", format!("tee {}", marker.display()))
        .args(["--paging", "always", "score", ADA, "--format", "table"])
        .output()
        .expect("runs");
    assert!(stdout_of(&output).contains("Junior Backend Developer"));
    assert!(!marker.exists());
}
