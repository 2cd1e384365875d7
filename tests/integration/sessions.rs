//! Sessions never lose answers: each `assess` has its own session file, locked while it runs;
//! a plain `assess` that finds an interrupted one asks (resume / start over, keeping it as a
//! backup / quit), and without a terminal keeps it and says how to go on.

use std::path::Path;

use rexpect::session::PtySession;
use serde_json::Value;

use crate::pty::{Screen, answer_until, assess, exit_code, next_screen, read_json, session_files};
use crate::util::*;

const DOWN: &str = "\x1b[B";

fn answers_in(path: &Path) -> usize {
    read_json(path)["answers"]
        .as_object()
        .expect("answers")
        .len()
}

/// The session's ID: its file name without `.json`.
fn id_of(path: &Path) -> String {
    path.file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".json"))
        .expect("a session file")
        .to_string()
}

/// Ctrl-C at the prompt; the process says `expect` and ends with 130.
fn interrupt(mut session: PtySession, expect: &str) {
    session.send_control('c').expect("Ctrl-C");
    session.exp_string(expect).expect("says what was saved");
    session.exp_eof().expect("exits");
    assert_eq!(exit_code(&session), Some(130));
}

/// Sends keys and flushes them to the terminal.
fn press(session: &mut PtySession, keys: &str, what: &str) {
    session.send(keys).expect(what);
    session.flush().expect("flush");
}

fn quiz_args(seed: &str) -> Vec<&str> {
    vec![
        "--template",
        "junior-backend",
        "--seed",
        seed,
        "--no-profile",
    ]
}

#[test]
fn a_plain_assess_after_ctrl_c_asks_and_never_drops_the_answers() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut first = assess(home.path(), &quiz_args("5"));
    answer_until(&mut first, 0, Some(3));
    interrupt(first, "2 answer(s) saved");
    let files = session_files(home.path());
    assert_eq!(files.len(), 1);
    let id = id_of(&files[0]);
    assert_eq!(answers_in(&files[0]), 2);

    // Without a terminal: refused, the session kept, and how to go on said.
    let output = skillgap()
        .arg("assess")
        .args(quiz_args("6"))
        .arg("--home")
        .arg(home.path())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains(&format!("--resume {id}")) && stderr.contains("start over"),
        "{stderr}"
    );
    assert_eq!(answers_in(&files[0]), 2);

    // On a terminal it asks; Enter resumes at the question where it stopped.
    let mut again = assess(home.path(), &quiz_args("6"));
    again
        .exp_string("An assessment was interrupted")
        .expect("asks about it");
    press(&mut again, "\r", "resume");
    match next_screen(&mut again) {
        Screen::Question(number) => assert_eq!(number, 3, "resumes where it stopped"),
        _ => panic!("a question follows"),
    }
    press(&mut again, "\r", "answer");
    answer_until(&mut again, 3, Some(4));
    interrupt(
        again,
        &format!("3 answer(s) saved. Continue with:\r\n  skillgap assess --resume {id}"),
    );
    assert_eq!(session_files(home.path()), files, "the same session file");
    assert_eq!(answers_in(&files[0]), 3);

    // Start over: a new session, the old one kept as a backup that --resume ID continues.
    let mut over = assess(home.path(), &quiz_args("7"));
    over.exp_string("An assessment was interrupted")
        .expect("asks about it");
    press(&mut over, &format!("{DOWN}\r"), "start over");
    answer_until(&mut over, 0, Some(2));
    interrupt(over, "1 answer(s) saved");
    let now = session_files(home.path());
    assert_eq!(now.len(), 1);
    assert_ne!(now, files, "a new session");
    assert_eq!(answers_in(&now[0]), 1);
    let backup = home
        .path()
        .join("sessions")
        .join(format!("{id}.backup.json"));
    assert_eq!(answers_in(&backup), 3, "the old answers are all kept");

    let mut resumed = assess(home.path(), &["--resume", &id]);
    match next_screen(&mut resumed) {
        Screen::Question(number) => assert_eq!(number, 4),
        _ => panic!("a question follows"),
    }
    interrupt(resumed, "3 answer(s) saved");

    // Quit changes nothing.
    let mut quit = assess(home.path(), &quiz_args("8"));
    quit.exp_string("assessments were interrupted")
        .expect("asks about both");
    press(&mut quit, &format!("{DOWN}{DOWN}{DOWN}\r"), "quit");
    quit.exp_string("Nothing changed").expect("says so");
    quit.exp_eof().expect("exits");
    assert_eq!(exit_code(&quit), Some(0));
    assert_eq!(session_files(home.path()).len(), 2);
}

#[test]
fn an_interrupt_before_the_first_answer_claims_nothing() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut run = assess(home.path(), &quiz_args("5"));
    answer_until(&mut run, 0, Some(1));
    interrupt(
        run,
        "Interrupted before the first answer; nothing was saved.",
    );
    assert!(session_files(home.path()).is_empty());
    let output = skillgap()
        .args(["assess", "--resume", "--home"])
        .arg(home.path())
        .output()
        .expect("runs");
    assert_refused(&output, 2, "there is no interrupted assessment to resume");
}

#[test]
fn two_runs_at_once_keep_their_own_sessions_and_results() {
    let home = tempfile::tempdir().expect("temp dir");
    // Results saved in this second and the next minutes already exist: none is replaced.
    let results = home.path().join("results");
    std::fs::create_dir_all(&results).expect("results");
    let now = std::time::SystemTime::now();
    let taken: Vec<_> = (0..300)
        .map(|s| {
            let stamp = skillgap::store::utc_stamp(now + std::time::Duration::from_secs(s));
            let path = results.join(format!("{stamp}.json"));
            std::fs::write(&path, "{\"taken\": true}").expect("write");
            path
        })
        .collect();

    let mut first = assess(home.path(), &quiz_args("5"));
    answer_until(&mut first, 0, Some(3));
    let files = session_files(home.path());
    assert_eq!(files.len(), 1);
    let id = id_of(&files[0]);

    // While the first runs, its session is not anyone else's to resume.
    let output = skillgap()
        .args(["assess", "--resume", &id, "--home"])
        .arg(home.path())
        .output()
        .expect("runs");
    assert_refused(&output, 2, "open in another skillgap run");
    let output = skillgap()
        .args(["assess", "--resume", "--home"])
        .arg(home.path())
        .output()
        .expect("runs");
    assert!(stderr_of(&output).contains("no interrupted assessment"));

    // A second run in the same folder, to the end: the first's session stays.
    let mut second = assess(home.path(), &quiz_args("9"));
    let (_, finished) = answer_until(&mut second, 0, None);
    assert!(finished);
    second.exp_eof().expect("ends");
    assert_eq!(exit_code(&second), Some(0));
    assert_eq!(session_files(home.path()), files);
    assert_eq!(answers_in(&files[0]), 2);
    for path in &taken {
        let kept: Value = read_json(path);
        assert_eq!(kept["taken"], true, "{} was replaced", path.display());
    }
    assert_eq!(
        std::fs::read_dir(&results).expect("list").count(),
        taken.len() + 1,
        "the new results have a name of their own"
    );

    press(&mut first, "\r", "answer the third");
    answer_until(&mut first, 3, Some(4));
    interrupt(first, "3 answer(s) saved");
    assert_eq!(answers_in(&files[0]), 3);
}
