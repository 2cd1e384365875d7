//! `skillgap simulate`: the engine reproduces catsim's reference run on the committed subset of
//! the frozen inputs, writes traces, and rejects bad files with a clear message.

use std::path::Path;

use serde_json::Value;
use skillgap::adaptive::estimators::EstimatorKind;
use skillgap::adaptive::select::Selector;
use skillgap::adaptive::simulate::{self, EngineConfig};
use skillgap::adaptive::stop::StopRule;
use skillgap::adaptive::tables;

use crate::util::{skillgap, stderr_of, stdout_of};

const DIR: &str = "tests/data/cat";

fn data(name: &str) -> String {
    format!("{DIR}/{name}")
}

/// catsim's rules: max Fisher information, MLE with Dodd's steps, stop at SE < 0.3 or 30 items.
const CATSIM_RULES: EngineConfig = EngineConfig {
    selector: Selector::MaxInfo,
    estimator: EstimatorKind::Mle,
    stop: StopRule {
        se_target: 0.3,
        max_items: 30,
    },
};

#[test]
fn the_engine_gives_catsims_item_sequences_and_estimates() {
    let bank = tables::read_bank(Path::new(&data("bank_2PL.csv"))).expect("bank");
    let thetas = tables::read_abilities(Path::new(&data("examinees_100.csv"))).expect("thetas");
    let uniforms = tables::read_uniforms(Path::new(&data("uniforms_100.csv"))).expect("draws");
    let reference =
        tables::read_trace(Path::new(&data("trace_catsim_2PL_100.csv"))).expect("trace");
    assert_eq!((thetas.len(), reference.len()), (100, 100));
    let runs = simulate::run(&bank, &thetas, Some(&uniforms), &CATSIM_RULES, 0).expect("run");
    for (expected, run) in reference.iter().zip(&runs) {
        assert_eq!(
            run.items, expected.items,
            "examinee {}: items differ",
            expected.examinee
        );
        assert_eq!(run.responses, expected.responses);
        assert!(
            (run.estimate.theta - expected.est_theta).abs() <= 1e-4,
            "examinee {}: θ̂ {} vs catsim {}",
            expected.examinee,
            run.estimate.theta,
            expected.est_theta
        );
        assert!((run.estimate.se - expected.se).abs() <= 1e-4);
    }
}

fn simulate_subset() -> assert_cmd::Command {
    let mut command = skillgap();
    command.args([
        "simulate",
        "--bank",
        &data("bank_2PL.csv"),
        "--examinees",
        &data("examinees_100.csv"),
        "--uniforms",
        &data("uniforms_100.csv"),
    ]);
    command
}

#[test]
fn the_command_reports_agreement_with_the_reference_trace() {
    let output = simulate_subset()
        .args(["--reference", &data("trace_catsim_2PL_100.csv")])
        .args(["--format", "json"])
        .output()
        .expect("run");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let report: Value = serde_json::from_str(&stdout_of(&output)).expect("json");
    let items = &report;
    assert_eq!(items["examinees"], 100);
    assert_eq!(items["reference"]["same_items"], 100);
    assert_eq!(items["reference"]["same_items_and_theta"], 100);
    assert!(items["simulation_seconds"].as_f64().expect("time") > 0.0);
    let length = items["mean_length"].as_f64().expect("length");
    assert!((19.0..=30.0).contains(&length), "{length}");
}

#[test]
fn the_trace_has_the_reference_columns_and_rows() {
    let dir = tempfile::tempdir().expect("dir");
    let trace = dir.path().join("trace.csv");
    let output = simulate_subset()
        .args(["--trace", &trace.display().to_string(), "--format", "csv"])
        .output()
        .expect("run");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let written = std::fs::read_to_string(&trace).expect("trace written");
    let reference = std::fs::read_to_string(data("trace_catsim_2PL_100.csv")).expect("reference");
    let header = |text: &str| text.lines().next().map(str::to_string);
    assert_eq!(header(&written), header(&reference));
    assert_eq!(written.lines().count(), 101);
    // The item and response columns match catsim's exactly.
    let tail = |line: &str| line.rsplitn(3, ',').take(2).collect::<Vec<_>>().join(",");
    for (ours, theirs) in written.lines().zip(reference.lines()).skip(1) {
        assert_eq!(tail(ours), tail(theirs));
    }
}

#[test]
fn drawn_examinees_and_the_catalog_bank_work_without_files() {
    let output = skillgap()
        .args([
            "simulate",
            "-n",
            "50",
            "--seed",
            "3",
            "--selector",
            "randomesque",
        ])
        .args([
            "--estimator",
            "eap",
            "--se-target",
            "0.5",
            "--format",
            "json",
        ])
        .output()
        .expect("run");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let report: Value = serde_json::from_str(&stdout_of(&output)).expect("json");
    assert_eq!(report["examinees"], 50);
    assert!(report["bank_items"].as_u64().expect("items") > 500);
}

#[test]
fn bad_inputs_name_the_file_line_and_column() {
    let dir = tempfile::tempdir().expect("dir");
    let bank = dir.path().join("bank.csv");
    std::fs::write(&bank, "a,b,c,d\n1,0,0,1\n1.2,hard,0,1\n").expect("write");
    let output = skillgap()
        .args(["simulate", "--bank", &bank.display().to_string(), "-n", "5"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("bank.csv: line 3: column `b`: `hard` is not a number"),
        "{stderr}"
    );

    let output = simulate_subset()
        .args(["--bank", &bank.display().to_string()])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));

    let small = dir.path().join("small.csv");
    std::fs::write(&small, "a,b\n1,0\n1.5,0.5\n").expect("write");
    let output = skillgap()
        .args(["simulate", "--bank", &small.display().to_string()])
        .args(["--uniforms", &data("uniforms_100.csv")])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("300 columns but the bank has 2 items"),
        "{stderr}"
    );

    let output = skillgap()
        .args(["simulate", "-n", "0"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("no examinees to simulate"));

    let output = skillgap()
        .args(["simulate", "-n", "5", "--se-target", "0"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("--se-target 0: must be a positive"));
}

#[test]
fn the_catalog_quiz_simulation_compares_adaptive_and_fixed() {
    let output = skillgap()
        .args(["simulate", "--quiz", "-n", "20", "--format", "json"])
        .output()
        .expect("run");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let rows: Value = serde_json::from_str(&stdout_of(&output)).expect("json");
    let rows = rows.as_array().expect("rows");
    assert_eq!(rows.len(), 6);
    let fixed_quick = rows
        .iter()
        .find(|r| r["order"] == "fixed" && r["length"] == "quick")
        .expect("fixed quick");
    assert_eq!(fixed_quick["mean_questions"], 36.0);
    for key in [
        "verdict_accuracy",
        "requirement_accuracy",
        "calibration_error",
        "sure_share",
        "sure_accuracy",
        "gross_errors",
    ] {
        let value = fixed_quick[key].as_f64().expect(key);
        assert!((0.0..=1.0).contains(&value), "{key} = {value}");
    }
    assert_eq!(
        fixed_quick["reliability"].as_array().map(Vec::len),
        Some(10)
    );
    assert!(stderr_of(&output).contains("20 simulated people against junior-backend"));

    // A truth that is not the model: centred lower, with guessing off.
    let output = skillgap()
        .args(["simulate", "--quiz", "-n", "10", "--lengths", "quick"])
        .args([
            "--population-mean",
            "-1",
            "--guessing",
            "off",
            "--format",
            "json",
        ])
        .output()
        .expect("run");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let rows: Value = serde_json::from_str(&stdout_of(&output)).expect("json");
    assert_eq!(rows.as_array().map(Vec::len), Some(2));
    assert!(stderr_of(&output).contains("truth: mean -1"));
    let output = skillgap()
        .args(["simulate", "--quiz", "--skill-sd", "0"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2), "a skill sd of 0 is refused");

    let output = skillgap()
        .args(["simulate", "--quiz", "--template", "junior-backnd"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("did you mean `junior-backend`"));

    let output = skillgap()
        .args(["simulate", "--quiz", "--bank", "x.csv"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2), "--quiz and --bank conflict");
}
