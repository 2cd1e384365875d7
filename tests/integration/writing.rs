//! Writing files: one rule for every `--out` (a new path or, with `--force`, a regular file;
//! never a link, a device, a FIFO or a folder; `-` is stdout; a missing folder is created),
//! temporary files that Ctrl-C removes and a later run sweeps, and errors on stdout that say so.

use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant, SystemTime};

use crate::util::*;

const BEN: &str = "examples/sheets/ben.toml";
const POSTING: &str = "examples/postings/acme-backend.md";

/// Ben's results, saved to `dir/ben.json`.
fn ben_results(dir: &Path) -> PathBuf {
    let output = skillgap()
        .args(["score", BEN, "--format", "json"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let path = dir.join("ben.json");
    std::fs::write(&path, &output.stdout).expect("write");
    path
}

/// Every command with `--out FILE`, writing to `out` (`results` is a results document).
fn commands_with_out(results: &Path, out: &Path) -> Vec<Vec<String>> {
    let results = results.display().to_string();
    let out = out.display().to_string();
    let strings = |args: &[&str]| args.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    vec![
        strings(&["score", BEN, "--out", &out]),
        strings(&["report", &results, "--out", &out]),
        strings(&["plan", &results, "--out", &out]),
        strings(&["templates", "from-posting", POSTING, "--out", &out]),
        strings(&["calibrate", &results, "--out", &out]),
        strings(&["match", &results, POSTING, "--out", &out]),
        strings(&["simulate", "-n", "5", "--trace", &out]),
    ]
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn every_out_refuses_an_existing_file_without_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    let results = ben_results(dir.path());
    let out = dir.path().join("taken.out");
    for args in commands_with_out(&results, &out) {
        std::fs::write(&out, "keep me").expect("write");
        let output = skillgap().args(&args).output().expect("runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = stderr_of(&output);
        assert!(
            stderr.contains("taken.out exists") && stderr.contains("--force"),
            "{args:?}: {stderr}"
        );
        assert_eq!(std::fs::read_to_string(&out).expect("read"), "keep me");
        let forced = skillgap()
            .args(&args)
            .arg("--force")
            .output()
            .expect("runs");
        assert!(forced.status.success(), "{args:?}: {}", stderr_of(&forced));
        assert_ne!(std::fs::read_to_string(&out).expect("read"), "keep me");
        std::fs::remove_file(&out).expect("remove");
        let fresh = skillgap().args(&args).output().expect("runs");
        assert!(fresh.status.success(), "{args:?}: {}", stderr_of(&fresh));
        assert!(out.is_file(), "{args:?} writes a new path");
        std::fs::remove_file(&out).expect("remove");
        assert_eq!(
            names(dir.path()),
            ["ben.json"],
            "{args:?} leaves nothing else"
        );
    }
    // `assess --save` follows the same rule, before any question is asked.
    std::fs::write(&out, "keep me").expect("write");
    let output = skillgap()
        .args(["assess", "--answers", MINI_SHEET, "--data", MINI, "--save"])
        .arg(&out)
        .output()
        .expect("runs");
    assert_refused(&output, 2, "--force");
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "keep me");
}

#[test]
fn out_refuses_links_devices_fifos_and_folders() {
    let dir = tempfile::tempdir().expect("temp dir");
    let results = ben_results(dir.path());
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").expect("write");
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&victim, &link).expect("symlink");
    let fifo = dir.path().join("fifo.json");
    let made = StdCommand::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let folder = dir.path().join("folder");
    std::fs::create_dir(&folder).expect("mkdir");
    let targets = [
        (link.clone(), "is a symbolic link"),
        (PathBuf::from("/dev/null"), "not a regular file"),
        (fifo.clone(), "not a regular file"),
        (folder.clone(), "is a folder"),
    ];
    for (target, why) in &targets {
        for args in commands_with_out(&results, target) {
            for force in [false, true] {
                let output = skillgap()
                    .args(&args)
                    .args(force.then_some("--force"))
                    .output()
                    .expect("runs");
                assert_eq!(output.status.code(), Some(2), "{args:?}");
                let stderr = stderr_of(&output);
                assert!(
                    stderr.contains(&target.display().to_string())
                        && stderr.contains(why)
                        && stderr.contains("only to a regular file or a new path"),
                    "{args:?}: {stderr}"
                );
            }
        }
    }
    assert_eq!(std::fs::read_to_string(&victim).expect("read"), "precious");
    assert!(std::fs::symlink_metadata(&link).expect("link").is_symlink());
    assert_eq!(
        names(dir.path()),
        ["ben.json", "fifo.json", "folder", "link.json", "victim.txt"],
        "no temporary file is left"
    );
}

#[test]
fn out_dash_is_standard_output_for_every_command() {
    let dir = tempfile::tempdir().expect("temp dir");
    let results = ben_results(dir.path());
    // `simulate` prints its figures on stdout; its `--trace -` is refused (below).
    let mut all: Vec<Vec<String>> = commands_with_out(&results, Path::new("-"))
        .into_iter()
        .filter(|args| args[0] != "simulate")
        .collect();
    all.push(
        [
            "questionnaire",
            "--template",
            "junior-backend",
            "--out",
            "-",
        ]
        .map(String::from)
        .to_vec(),
    );
    for args in all {
        let output = skillgap().args(&args).output().expect("runs");
        assert!(output.status.success(), "{args:?}: {}", stderr_of(&output));
        assert!(!output.stdout.is_empty(), "{args:?} prints the document");
        assert!(!Path::new("-").exists(), "{args:?} made a file named -");
    }
    let sheet = skillgap()
        .args([
            "questionnaire",
            "--template",
            "junior-backend",
            "--out",
            "-",
        ])
        .output()
        .expect("runs");
    let sheet: serde_json::Value = serde_json::from_slice(&sheet.stdout).expect("a sheet");
    assert!(sheet["answers"].is_object(), "{sheet}");
    let calibration = skillgap()
        .arg("calibrate")
        .arg(&results)
        .args(["--out", "-"])
        .output()
        .expect("runs");
    let overlay = String::from_utf8_lossy(&calibration.stdout);
    assert!(
        overlay.parse::<toml::Table>().is_ok(),
        "stdout is the overlay alone: {overlay}"
    );
}

#[test]
fn man_out_follows_the_out_rules_and_dash_is_stdout() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pages = dir.path().join("man1");
    skillgap()
        .args(["man", "--out"])
        .arg(&pages)
        .assert()
        .success();
    let written = names(&pages);
    assert!(written.contains(&"skillgap.1".to_string()), "{written:?}");
    assert!(
        written.contains(&"skillgap-score.1".to_string()),
        "{written:?}"
    );
    // Again: the pages exist, so nothing is written without --force.
    std::fs::write(pages.join("skillgap-score.1"), "keep me").expect("write");
    let output = skillgap()
        .args(["man", "--out"])
        .arg(&pages)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
    assert!(stderr_of(&output).contains("exists; pass --force"));
    assert_eq!(
        std::fs::read_to_string(pages.join("skillgap-score.1")).expect("read"),
        "keep me"
    );
    skillgap()
        .args(["man", "--force", "--out"])
        .arg(&pages)
        .assert()
        .success();
    assert_ne!(
        std::fs::read_to_string(pages.join("skillgap-score.1")).expect("read"),
        "keep me"
    );
    assert_eq!(names(&pages), written, "no temporary file is left");
    // A planted link among the pages is refused, and its target left alone, even with --force.
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").expect("write");
    std::fs::remove_file(pages.join("skillgap-plan.1")).expect("remove");
    std::os::unix::fs::symlink(&victim, pages.join("skillgap-plan.1")).expect("link");
    let output = skillgap()
        .args(["man", "--force", "--out"])
        .arg(&pages)
        .output()
        .expect("runs");
    assert_refused(&output, 2, "is a symbolic link");
    assert_eq!(std::fs::read_to_string(&victim).expect("read"), "precious");
    // A file where the folder should be.
    let output = skillgap()
        .args(["man", "--out"])
        .arg(&victim)
        .output()
        .expect("runs");
    assert_refused(&output, 2, "not a folder");
    // `-` is standard output, as for every --out.
    let output = skillgap()
        .args(["man", "--out", "-"])
        .output()
        .expect("runs");
    assert!(output.status.success());
    assert!(stdout_of(&output).contains(".TH"), "roff on stdout");
    assert!(!Path::new("-").exists());
}

#[test]
fn trace_and_save_refuse_dash_before_any_work() {
    for (args, says) in [
        (
            vec!["simulate", "-n", "5", "--trace", "-"],
            "--trace takes a file",
        ),
        (
            vec![
                "assess",
                "--template",
                "web-junior",
                "--data",
                MINI,
                "--answers",
                MINI_SHEET,
                "--save",
                "-",
            ],
            "--save takes a file",
        ),
    ] {
        let output = skillgap().args(&args).output().expect("runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr_of(&output).contains(says),
            "{args:?}: {}",
            stderr_of(&output)
        );
        assert!(!Path::new("-").exists());
    }
}

#[test]
fn out_into_a_missing_folder_creates_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    // The README's coach command.
    skillgap()
        .current_dir(dir.path())
        .args([
            "questionnaire",
            "--template",
            "junior-backend",
            "--out",
            "handout/",
        ])
        .assert()
        .success();
    assert_eq!(
        names(&dir.path().join("handout")),
        [
            "junior-backend-questionnaire.md",
            "junior-backend-sheet.json"
        ]
    );
    let out = dir.path().join("new/deeper/ben.json");
    skillgap()
        .args(["score", BEN, "--out"])
        .arg(&out)
        .assert()
        .success();
    assert!(out.is_file());
}

#[test]
fn ctrl_c_during_score_out_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("cohort.json");
    // Sheets from stdin, which stays open: the run is waiting with its temporary file open.
    let child = StdCommand::new(env!("CARGO_BIN_EXE_skillgap"))
        .args(["score", "-", "--quiet", "--out"])
        .arg(&out)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let deadline = Instant::now() + Duration::from_secs(60);
    while !names(dir.path())
        .iter()
        .any(|n| n.ends_with(".skillgap-tmp"))
    {
        assert!(Instant::now() < deadline, "no temporary file appeared");
        std::thread::sleep(Duration::from_millis(20));
    }
    let killed = StdCommand::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let output = child.wait_with_output().expect("ends");
    assert_eq!(output.status.code(), Some(130), "{}", stderr_of(&output));
    assert!(
        names(dir.path()).is_empty(),
        "nothing is left: {:?}",
        names(dir.path())
    );
}

/// Ctrl-C in a terminal stops the whole pipeline (`cat sheets | skillgap score - --out ...`):
/// the program feeding stdin dies too, so the run sees its input end. The run must not take that
/// end for the cohort's: it writes nothing and exits 130, whatever it read before.
#[test]
fn ctrl_c_to_a_pipeline_writes_no_cohort_of_fewer_sheets() {
    use std::io::Write as _;
    use std::os::unix::process::CommandExt as _;
    let sheet = std::fs::read_to_string(MINI_SHEET).expect("sheet");
    let record =
        serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&sheet).expect("json"))
            .expect("one line");
    for args in [
        vec!["score", "-", "--quiet", "--data", MINI, "--out"],
        vec![
            "score", "-", "--quiet", "--data", MINI, "--format", "csv", "--out",
        ],
        vec!["score", "-", "--data", MINI, "--summary", "--out"],
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("cohort.json");
        // `cat` leads a process group of its own, as a shell's pipeline would.
        let mut cat = StdCommand::new("cat")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .process_group(0)
            .spawn()
            .expect("cat");
        let group = cat.id();
        let mut feed = cat.stdin.take().expect("stdin");
        let child = StdCommand::new(env!("CARGO_BIN_EXE_skillgap"))
            .args(&args)
            .arg(&out)
            .env("SKILLGAP_CONFIG", "tests/data/no-such-config.toml")
            .stdin(cat.stdout.take().expect("cat's stdout"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .process_group(i32::try_from(group).expect("pid"))
            .spawn()
            .expect("starts");
        // Two sheets read; the run waits for more with its temporary file open.
        writeln!(feed, "{record}\n{record}").expect("feed");
        let deadline = Instant::now() + Duration::from_secs(60);
        while !names(dir.path())
            .iter()
            .any(|n| n.ends_with(".skillgap-tmp"))
        {
            assert!(Instant::now() < deadline, "no temporary file appeared");
            std::thread::sleep(Duration::from_millis(20));
        }
        let killed = StdCommand::new("kill")
            .args(["-INT", "--", &format!("-{group}")])
            .status()
            .expect("kill");
        assert!(killed.success());
        let output = child.wait_with_output().expect("ends");
        drop(feed);
        let _ = cat.wait();
        assert_eq!(
            output.status.code(),
            Some(130),
            "{args:?}: {}",
            stderr_of(&output)
        );
        assert!(
            names(dir.path()).is_empty(),
            "{args:?} left {:?}",
            names(dir.path())
        );
        assert!(
            stderr_of(&output).contains("interrupted; nothing was written"),
            "{}",
            stderr_of(&output)
        );
    }
}

#[test]
fn stale_temporary_files_are_swept_at_the_next_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = SystemTime::now() - Duration::from_secs(2 * 60 * 60);
    let plant = |name: &str, modified: SystemTime| {
        let file = std::fs::File::create(dir.path().join(name)).expect("create");
        file.set_modified(modified).expect("age");
    };
    plant(".ben.json.Ab3dE6gH9jKl.skillgap-tmp", old);
    plant(".ben.json.aB3xY9.tmp", old);
    plant(".ben.json.Zz9yX8wV7uT6.skillgap-tmp", SystemTime::now());
    plant(".notes.tmp", old);
    plant("draft.tmp", old);
    skillgap()
        .args(["score", BEN, "--out"])
        .arg(dir.path().join("ben.json"))
        .assert()
        .success();
    assert_eq!(
        names(dir.path()),
        [
            ".ben.json.Zz9yX8wV7uT6.skillgap-tmp",
            ".notes.tmp",
            "ben.json",
            "draft.tmp"
        ],
        "only skillgap's own, old temporary files go"
    );
    // And in the data folder: an older skillgap's session temporaries.
    let home = dir.path().join("home");
    std::fs::create_dir(&home).expect("home");
    let file = std::fs::File::create(home.join(".session.json.tmp-4242")).expect("create");
    file.set_modified(old).expect("age");
    let output = skillgap()
        .args(["assess", "--resume", "--home"])
        .arg(&home)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(!home.join(".session.json.tmp-4242").exists());
}

#[test]
fn a_write_error_on_stdout_says_standard_output() {
    let results_dir = tempfile::tempdir().expect("temp dir");
    let results = ben_results(results_dir.path());
    let results = results.to_str().expect("utf-8");
    // A data folder with two saved results, for `history` and `compare`.
    let home = results_dir.path().join("home");
    std::fs::create_dir_all(home.join("results")).expect("mkdir");
    for stamp in ["2026-10-01T09-00-00Z", "2026-11-21T09-00-00Z"] {
        std::fs::copy(results, home.join(format!("results/{stamp}.json"))).expect("copy");
    }
    let home = home.to_str().expect("utf-8");
    // A configuration file, so `config show` has something to print.
    let config = results_dir.path().join("config.toml");
    std::fs::write(&config, "paging = \"never\"\n").expect("write");
    let full = || std::fs::File::create("/dev/full").expect("/dev/full");
    // Every command that prints to stdout.
    let commands: Vec<Vec<&str>> = vec![
        vec!["score", BEN],
        vec!["score", "examples/sheets", "--format", "csv"],
        vec!["report", results],
        vec!["plan", results],
        vec!["history", "--home", home],
        vec!["compare", "--home", home],
        vec![
            "questionnaire",
            "--template",
            "junior-backend",
            "--out",
            "-",
        ],
        vec!["validate", "--format", "json"],
        vec!["templates", "list"],
        vec!["templates", "show", "junior-backend"],
        vec!["templates", "from-posting", POSTING],
        vec!["skills", "list"],
        vec!["skills", "show", "sql"],
        vec!["pathways", "list"],
        vec!["schema", "results"],
        vec!["completions", "bash"],
        vec!["man"],
        vec!["simulate", "-n", "20"],
        vec![
            "simulate",
            "--quiz",
            "-n",
            "3",
            "--template",
            "junior-backend",
        ],
        vec![
            "simulate",
            "--retake",
            "-n",
            "3",
            "--template",
            "junior-backend",
        ],
        vec!["calibrate", results, "--out", "-"],
        vec!["match", results, POSTING],
        vec![
            "assess",
            "--template",
            "web-junior",
            "--answers",
            MINI_SHEET,
            "--data",
            MINI,
            "--format",
            "json",
            "--home",
            home,
        ],
        vec!["config", "path"],
        vec!["config", "show"],
    ];
    for args in commands {
        let output = StdCommand::new(env!("CARGO_BIN_EXE_skillgap"))
            .args(&args)
            .env("SKILLGAP_CONFIG", &config)
            .stdout(full())
            .output()
            .expect("runs");
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write standard output") && stderr.contains("No space left"),
            "{args:?}: {stderr}"
        );
    }
    // A closed pipe (`| head`) is not a failure and prints nothing.
    let mut child = StdCommand::new(env!("CARGO_BIN_EXE_skillgap"))
        .args(["score", BEN, "--format", "table"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("ends");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stderr_of(&output), "");
}
