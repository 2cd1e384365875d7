//! `assess` in a real pseudo-terminal (rexpect): a whole quick quiz answered with the arrow keys
//! and Enter, and Ctrl-C at question k followed by `--resume` without losing an answer.

use std::path::{Path, PathBuf};
use std::process::Command;

use regex::Regex;
use rexpect::ReadUntil;
use rexpect::process::WaitStatus;
use rexpect::session::{Options, PtySession, spawn_with_options};
use serde_json::Value;

const DOWN: &str = "\x1b[B";

pub(crate) fn assess(home: &Path, args: &[&str]) -> PtySession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_skillgap"));
    command
        .arg("assess")
        .args(args)
        .arg("--home")
        .arg(home)
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1")
        .env_remove("SKILLGAP_DATA")
        .env_remove("SKILLGAP_HOME");
    let options = Options::new()
        .timeout_ms(Some(20_000))
        .strip_ansi_escape_codes(true);
    spawn_with_options(command, options).expect("assess starts in a pseudo-terminal")
}

/// What the quiz shows next.
pub(crate) enum Screen {
    Alternatives,
    Question(usize),
    Review,
    Report,
}

pub(crate) fn next_screen(session: &mut PtySession) -> Screen {
    let (_, matched) = session
        .exp_any(vec![
            // The active prompt ("? "); its answered form ("✔ ...") is printed again after Enter.
            ReadUntil::Regex(
                Regex::new(r"\? Any one of these[^\r\n]*Which do you use\?").expect("regex"),
            ),
            ReadUntil::Regex(Regex::new(r"\[\d+/\d+\]").expect("regex")),
            ReadUntil::String("question(s) you missed".into()),
            ReadUntil::String("Skills gap report".into()),
        ])
        .expect("the quiz shows a prompt or the report");
    if matched.contains("Which do you use?") {
        Screen::Alternatives
    } else if matched.contains("missed") {
        Screen::Review
    } else if matched.contains("Skills gap report") {
        Screen::Report
    } else {
        let number = matched
            .trim_matches(|c| c == '[' || c == ']')
            .split('/')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("a question number");
        Screen::Question(number)
    }
}

/// Answers questions until `stop_before` is shown (or to the end); returns the question numbers
/// answered. `last_shown` is a question already answered on screen. Odd questions take the first option, even ones the second (arrow down).
pub(crate) fn answer_until(
    session: &mut PtySession,
    mut last_shown: usize,
    stop_before: Option<usize>,
) -> (Vec<usize>, bool) {
    let mut answered = Vec::new();
    loop {
        match next_screen(session) {
            Screen::Alternatives => {
                // Enter with nothing marked takes the first; no Space, so no redraw to mistake
                // for a second prompt.
                session.send("\r").expect("pick the first alternative");
            }
            // dialoguer redraws the prompt on every key; a number seen again is the same question.
            Screen::Question(number) if number == last_shown => {}
            Screen::Question(number) if Some(number) == stop_before => {
                return (answered, false);
            }
            Screen::Question(number) => {
                last_shown = number;
                let keys = if number % 2 == 0 {
                    format!("{DOWN}\r")
                } else {
                    "\r".into()
                };
                session.send(&keys).expect("answer");
                answered.push(number);
            }
            Screen::Review => {
                session.send("n").expect("decline the review");
            }
            Screen::Report => return (answered, true),
        }
        session.flush().expect("flush");
    }
}

pub(crate) fn exit_code(session: &PtySession) -> Option<i32> {
    match session.process().wait().expect("the process ends") {
        WaitStatus::Exited(_, code) => Some(code),
        _ => None,
    }
}

/// The interrupted sessions' files in `home` (not backups), by name.
pub(crate) fn session_files(home: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(home.join("sessions"))
        .map(|entries| {
            entries
                .map(|e| e.expect("entry").path())
                .filter(|p| {
                    let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
                    name.is_some_and(|n| n.ends_with(".json") && !n.ends_with(".backup.json"))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

pub(crate) fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("readable")).expect("JSON")
}

#[test]
fn a_quick_assessment_runs_to_the_report_with_arrow_keys() {
    let home = tempfile::tempdir().expect("temp dir");
    let saved = home.path().join("run.json");
    let mut session = assess(
        home.path(),
        &[
            "--template",
            "junior-backend",
            "--length",
            "quick",
            "--seed",
            "11",
            "--no-profile",
            "--save",
            saved.to_str().expect("utf-8"),
        ],
    );
    let (answered, finished) = answer_until(&mut session, 0, None);
    assert!(finished, "the report is shown");
    session
        .exp_eof()
        .expect("the program ends after the report");
    assert_eq!(exit_code(&session), Some(0));
    let results = read_json(&saved);
    let answers = results["answers"].as_object().expect("answers");
    assert_eq!(
        answers.len(),
        answered.len(),
        "every answer given is in the results"
    );
    assert!(
        answers.len() >= 10,
        "a quick quiz still asks a fair number: {}",
        answers.len()
    );
    assert_eq!(results["templates"][0]["template"], "junior-backend");
    assert!(
        results["plan"]["steps"].is_array(),
        "the plan is part of the results"
    );
    assert!(
        session_files(home.path()).is_empty(),
        "a finished session is cleared"
    );
}

#[test]
fn ctrl_c_keeps_every_answer_and_resume_continues_there() {
    let home = tempfile::tempdir().expect("temp dir");
    let stop_at = 4;
    let mut session = assess(
        home.path(),
        &[
            "--template",
            "junior-backend",
            "--seed",
            "5",
            "--no-profile",
        ],
    );
    let (answered, finished) = answer_until(&mut session, 0, Some(stop_at));
    assert!(!finished);
    assert_eq!(answered, [1, 2, 3]);
    session.send_control('c').expect("Ctrl-C");
    session
        .exp_string(&format!("{} answer(s) saved", stop_at - 1))
        .expect("says how many answers were saved");
    session
        .exp_string("--resume")
        .expect("says how to continue");
    session.exp_eof().expect("exits");
    assert_eq!(exit_code(&session), Some(130));
    let files = session_files(home.path());
    assert_eq!(files.len(), 1, "one session file: {files:?}");
    let saved = read_json(&files[0]);
    let before: Vec<(String, Value)> = saved["answers"]
        .as_object()
        .expect("answers")
        .iter()
        .map(|(id, answer)| (id.clone(), answer.clone()))
        .collect();
    assert_eq!(before.len(), stop_at - 1);

    let results_path = home.path().join("resumed.json");
    let mut resumed = assess(
        home.path(),
        &["--resume", "--save", results_path.to_str().expect("utf-8")],
    );
    match next_screen(&mut resumed) {
        Screen::Question(number) => assert_eq!(number, stop_at, "resumes at the same question"),
        _ => panic!("the resumed quiz starts with a question"),
    }
    resumed.send("\r").expect("answer");
    let (_, finished) = answer_until(&mut resumed, stop_at, None);
    assert!(finished);
    resumed.exp_eof().expect("ends");
    assert_eq!(exit_code(&resumed), Some(0));
    let results = read_json(&results_path);
    for (id, answer) in before {
        assert_eq!(
            results["answers"][&id], answer,
            "{id} kept from before Ctrl-C"
        );
    }
}
