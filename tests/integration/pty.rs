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
    assess_with(home, args, None, &[])
}

/// `assess` in a pseudo-terminal `columns` wide (`None`: a pty without a size, which reports
/// width 0), with extra environment variables.
pub(crate) fn assess_with(
    home: &Path,
    args: &[&str],
    columns: Option<u16>,
    env: &[(&str, &str)],
) -> PtySession {
    let mut command = match columns {
        Some(columns) => {
            let mut command = Command::new("sh");
            command
                .arg("-c")
                .arg(format!("stty cols {columns} rows 40 && exec \"$0\" \"$@\""));
            command.arg(env!("CARGO_BIN_EXE_skillgap"));
            command
        }
        None => Command::new(env!("CARGO_BIN_EXE_skillgap")),
    };
    command
        .env_remove("COLUMNS")
        .env_remove("ACCESSIBLE")
        .envs(env.iter().copied());
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
    /// "About N more question(s) would likely settle it ... Continue?"
    Continue,
    Report,
}

pub(crate) fn next_screen(session: &mut PtySession) -> Screen {
    let (_, matched) = session
        .exp_any(vec![
            // The active prompt ("? "); its answered form ("✔ ...") is printed again after Enter.
            ReadUntil::Regex(Regex::new(r"\? Which do you use\?").expect("regex")),
            ReadUntil::Regex(Regex::new(r"\[\d+/\d+\]").expect("regex")),
            ReadUntil::String("question(s) you missed".into()),
            ReadUntil::String("would likely settle it".into()),
            ReadUntil::String("Skills gap report".into()),
        ])
        .expect("the quiz shows a prompt or the report");
    if matched.contains("Which do you use?") {
        Screen::Alternatives
    } else if matched.contains("missed") {
        Screen::Review
    } else if matched.contains("settle it") {
        Screen::Continue
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
                // Space marks the first, Enter confirms; the redraws end at "You chose".
                press(session, " \r");
                session
                    .exp_string("You chose:")
                    .expect("the choice is confirmed");
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
            Screen::Review | Screen::Continue => {
                session.send("n").expect("decline");
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
    press(&mut resumed, "\r");
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

/// Sends keys and flushes them (rexpect buffers what it sends).
pub(crate) fn press(session: &mut PtySession, keys: &str) {
    session.send(keys).expect("keys sent");
    session.flush().expect("keys flushed");
}

/// Whether `text` holds a ✔ (rexpect reads bytes one by one, so UTF-8 arrives as Latin-1).
fn has_check_mark(text: &str) -> bool {
    text.contains('✔') || text.contains("\u{e2}\u{9c}\u{94}")
}

/// Answers the question whose header was just seen with `keys`: returns the question's text
/// (up to its prompt, as UTF-8) and what follows up to the next question's header.
fn one_question_screen(session: &mut PtySession, number: usize, keys: &str) -> (String, String) {
    // Keys typed before the prompt reads them may be lost.
    let (text, _) = session
        .exp_regex(r"\? (Your answer|All that apply)")
        .expect("the prompt");
    press(session, keys);
    let (screen, _) = session
        .exp_regex(&format!(r"\[{}/\d+\]", number + 1))
        .expect("the next question");
    // rexpect hands over bytes as Latin-1.
    let bytes: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
    (String::from_utf8_lossy(&bytes).into_owned(), screen)
}

/// Marks the first of each group of alternatives (language, framework) until question 1.
fn choose_first_alternatives(session: &mut PtySession) {
    loop {
        match next_screen(session) {
            Screen::Alternatives => {
                press(session, " \r");
                session.exp_string("You chose:").expect("chosen");
            }
            Screen::Question(1) => return,
            _ => panic!("the alternatives come before the first question"),
        }
    }
}

fn header_once_and_no_split_words(columns: Option<u16>) {
    let home = tempfile::tempdir().expect("temp dir");
    let mut session = assess_with(
        home.path(),
        &[
            "--template",
            "junior-backend",
            "--seed",
            "3",
            "--no-profile",
        ],
        columns,
        &[],
    );
    choose_first_alternatives(&mut session);
    let width = usize::from(columns.unwrap_or(80));
    for number in 1..=6 {
        let (text, screen) = one_question_screen(&mut session, number, &format!("{DOWN}{DOWN}\r"));
        // The header is printed once: not again in the prompt line nor on a redraw.
        for part in [&text, &screen] {
            assert!(
                !Regex::new(&format!(r"\[{number}/\d+\]"))
                    .expect("regex")
                    .is_match(part),
                "header repeated: {part}"
            );
        }
        assert!(
            screen.contains("Your answer"),
            "the answer is echoed: {screen}"
        );
        // The question is wrapped to the width at word boundaries (code keeps its lines).
        for line in text.lines().filter(|l| !l.starts_with("    ")) {
            assert!(
                line.chars().count() <= width,
                "a line wider than {width}: {line:?}"
            );
        }
    }
    session.send_control('c').expect("Ctrl-C");
    session.exp_eof().expect("exits");
}

#[test]
fn the_question_header_is_printed_once_at_80_columns() {
    header_once_and_no_split_words(Some(80));
}

#[test]
fn the_question_header_is_printed_once_at_width_0() {
    header_once_and_no_split_words(None);
}

#[test]
fn marking_no_language_asks_again_instead_of_picking_one() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut session = assess_with(
        home.path(),
        &[
            "--template",
            "junior-backend",
            "--seed",
            "3",
            "--no-profile",
        ],
        Some(80),
        &[],
    );
    assert!(matches!(next_screen(&mut session), Screen::Alternatives));
    press(&mut session, "\r");
    session
        .exp_string("Nothing marked: mark at least one")
        .expect("says so");
    press(&mut session, &format!("{DOWN} \r"));
    let (_, chosen) = session.exp_regex(r"You chose: [^\r\n.]+").expect("chosen");
    assert!(!chosen.contains("Python"), "{chosen}");
    session.send_control('c').expect("Ctrl-C");
    session.exp_eof().expect("exits");
}

#[test]
fn feedback_marks_no_wrong_answer_right_and_survives_resume() {
    const UP: &str = "\x1b[A";
    let home = tempfile::tempdir().expect("temp dir");
    let mut session = assess_with(
        home.path(),
        &[
            "--template",
            "junior-backend",
            "--seed",
            "4",
            "--no-profile",
            "--feedback",
        ],
        Some(80),
        &[],
    );
    choose_first_alternatives(&mut session);
    session
        .exp_regex(r"\? (Your answer|All that apply)")
        .expect("the prompt");
    // Up from the first option wraps to the last: "I don't know".
    press(&mut session, &format!("{UP}\r"));
    let before = session.exp_string("Not quite.").expect("feedback");
    assert!(
        !has_check_mark(&before),
        "no check mark before a wrong answer: {before}"
    );
    assert!(
        Regex::new("Your answer:? I don.t know")
            .expect("regex")
            .is_match(&before),
        "{before}"
    );
    session.exp_regex(r"\[2/\d+\]").expect("question 2");
    session.send_control('c').expect("Ctrl-C");
    session.exp_eof().expect("exits");

    let mut resumed = assess_with(home.path(), &["--resume"], Some(80), &[]);
    resumed.exp_regex(r"\[2/\d+\]").expect("question 2 again");
    resumed
        .exp_regex(r"\? (Your answer|All that apply)")
        .expect("the prompt");
    press(&mut resumed, &format!("{UP}\r"));
    let before = resumed
        .exp_string("Not quite.")
        .expect("--resume keeps --feedback");
    assert!(!has_check_mark(&before), "{before}");
    resumed.send_control('c').expect("Ctrl-C");
    resumed.exp_eof().expect("exits");
}

/// The whole quick quiz in accessible mode: numbered plain-text questions answered by typing a
/// number (or ? for "I don't know"), the continue offer and the review declined with "n".
fn accessible_quick_quiz(columns: Option<u16>, by_flag: bool) {
    let home = tempfile::tempdir().expect("temp dir");
    let saved = home.path().join("run.json");
    let mut args = vec![
        "--template",
        "junior-backend",
        "--length",
        "quick",
        "--seed",
        "11",
        "--no-profile",
        "--save",
        saved.to_str().expect("utf-8"),
    ];
    let env: &[(&str, &str)] = if by_flag {
        args.push("--accessible");
        &[]
    } else {
        &[("ACCESSIBLE", "1")]
    };
    let mut session = assess_with(home.path(), &args, columns, env);
    session.exp_string("Which do you use?").expect("languages");
    session.exp_string("  1. ").expect("numbered");
    session.exp_string("then Enter:").expect("typed");
    session.send_line("").expect("nothing");
    session.exp_string("Nothing chosen").expect("asks again");
    session.send_line("1").expect("the first");
    session.exp_string("You chose:").expect("chosen");
    let question = Regex::new(r"Question \d+ of \d+ \(\d+ % done\)").expect("regex");
    let mut answered = 0;
    loop {
        let (_, matched) = session
            .exp_any(vec![
                ReadUntil::String("Which do you use?".into()),
                ReadUntil::Regex(question.clone()),
                ReadUntil::String("Continue? [y/N]".into()),
                ReadUntil::String("question(s) you missed".into()),
                ReadUntil::String("Skills gap report".into()),
            ])
            .expect("a question, an offer or the report");
        if matched.contains("Which do you use?") {
            session.exp_string("then Enter:").expect("typed");
            session.send_line("1").expect("the first");
        } else if matched.starts_with("Question") {
            let screen = session.exp_string("then Enter:").expect("the answer line");
            assert!(!screen.contains('\x1b'), "no escape codes: {screen:?}");
            assert!(
                screen.contains("\n  1. ") || screen.contains("\r\n  1. "),
                "{screen}"
            );
            answered += 1;
            // Alternate a number and "?"; an invalid number is refused and asked again.
            if answered == 1 {
                session.send_line("99").expect("out of range");
                session
                    .exp_regex("is not one of the numbers|Type numbers from 1 to")
                    .expect("refused");
                session.exp_string("Enter:").expect("asked again");
            }
            session
                .send_line(if answered % 2 == 0 { "?" } else { "1" })
                .expect("answer");
        } else if matched.contains("Skills gap report") {
            break;
        } else {
            session.send_line("n").expect("decline");
        }
    }
    session.exp_eof().expect("ends");
    assert_eq!(exit_code(&session), Some(0));
    let results = read_json(&saved);
    let answers = results["answers"].as_object().expect("answers");
    assert_eq!(answers.len(), answered);
    assert_eq!(answered, 24, "the quick quiz asks 24");
    assert!(answers.values().any(|a| a == "?"), "? is I don't know");
}

#[test]
fn the_whole_quick_quiz_works_in_accessible_mode_at_80_columns() {
    accessible_quick_quiz(Some(80), true);
}

#[test]
fn the_whole_quick_quiz_works_in_accessible_mode_at_width_0() {
    accessible_quick_quiz(None, false);
}
