//! Hostile input against the built binary: endless files, folder loops, FIFOs, paces and
//! catalog numbers out of bounds, spreadsheet formulas and terminal escapes, and the messages
//! for each (issue 13).

use std::path::Path;

use serde_json::Value;

use crate::util::*;

#[cfg(unix)]
fn link(target: &str, at: &Path) {
    std::os::unix::fs::symlink(target, at).expect("symlink");
}

fn mkfifo(at: &Path) -> bool {
    std::process::Command::new("mkfifo")
        .arg(at)
        .status()
        .is_ok_and(|s| s.success())
}

/// A copy of the mini catalog to break.
fn catalog_copy(dir: &Path) -> std::path::PathBuf {
    let to = dir.join("catalog");
    for entry in walk(Path::new(MINI)) {
        let relative = entry.strip_prefix(MINI).expect("under");
        let target = to.join(relative);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        std::fs::copy(&entry, &target).expect("copy");
    }
    to
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("list") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// A results document of the embedded catalog, written in `dir`.
fn results_file(dir: &Path) -> String {
    let sheet = dir.join("plain.json");
    std::fs::write(
        &sheet,
        r#"{"candidate": "Plain", "templates": ["junior-backend"], "answers": {}}"#,
    )
    .expect("write");
    let output = skillgap()
        .args(["score", "--format", "json"])
        .arg(&sheet)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let path = dir.join("plain-results.json");
    std::fs::write(&path, &output.stdout).expect("write");
    path.display().to_string()
}

#[cfg(unix)]
#[test]
fn endless_input_in_every_role_fails_at_its_limit() {
    let dir = tempfile::tempdir().expect("dir");
    let zero = |name: &str| {
        let path = dir.path().join(name);
        link("/dev/zero", &path);
        path.display().to_string()
    };
    let results = results_file(dir.path());
    let (sheet, jsonl, toml, csv) = (
        zero("zero.json"),
        zero("zero.jsonl"),
        zero("zero.toml"),
        zero("zero.csv"),
    );
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["score", &sheet], "1 MiB limit for an answer sheet"),
        (vec!["score", &jsonl], "1 MiB limit for a JSON Lines record"),
        (
            vec!["plan", &results, "--profile", &toml],
            "64 KiB limit for a profile file",
        ),
        (
            vec!["template", "from-posting", &sheet],
            "1 MiB limit for a job posting",
        ),
        (
            vec!["--template-file", &toml, "templates", "list"],
            "1 MiB limit for a template file",
        ),
        (
            vec!["--calibration", &toml, "templates", "list"],
            "4 MiB limit for a calibration file",
        ),
        (
            vec!["calibrate", &jsonl, "--out", "x.toml"],
            "1 MiB limit for a JSON Lines record",
        ),
        (
            vec!["simulate", "--bank", &csv],
            "4 MiB limit for an item-bank CSV",
        ),
        (
            vec!["simulate", "--examinees", &csv],
            "32 MiB limit for an examinee CSV",
        ),
        (
            vec!["simulate", "--uniforms", &csv],
            "64 MiB limit for a uniform-draws CSV",
        ),
        (
            vec!["simulate", "-n", "3", "--reference", &csv],
            "64 MiB limit for a reference trace CSV",
        ),
        (vec!["report", &sheet], "4 MiB limit for a results document"),
        (vec!["plan", &sheet], "4 MiB limit for a results document"),
        (
            vec!["compare", &sheet, &results],
            "4 MiB limit for a results document",
        ),
        (
            vec!["calibrate", &sheet, "--out", "x.toml"],
            "256 MiB limit for a cohort results file",
        ),
        (
            vec!["match", &sheet, "posting.md"],
            "256 MiB limit for a cohort results file",
        ),
        (
            vec!["match", &jsonl, "posting.md"],
            "1 MiB limit for a JSON Lines record",
        ),
        (
            vec!["match", &results, &sheet],
            "1 MiB limit for a job posting",
        ),
    ];
    std::fs::write(
        dir.path().join("posting.md"),
        "# Backend developer\n\nSQL and HTTP.\n",
    )
    .expect("write");
    for (args, limit) in cases {
        let output = skillgap()
            .current_dir(dir.path())
            .args(&args)
            .output()
            .expect("runs");
        let stderr = stderr_of(&output);
        assert!(!output.status.success(), "{args:?}");
        assert!(stderr.contains(limit), "{args:?}: {stderr}");
        assert!(
            stderr.contains("zero."),
            "{args:?} names the file: {stderr}"
        );
    }
    // The configuration file.
    let output = skillgap()
        .env("SKILLGAP_CONFIG", &toml)
        .args(["templates", "list"])
        .output()
        .expect("runs");
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("zero.toml") && stderr.contains("64 KiB limit for the configuration file"),
        "{stderr}"
    );
    // A posting on stdin.
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("skillgap"))
        .args(["templates", "from-posting", "-"])
        .stdin(std::fs::File::open("/dev/zero").expect("/dev/zero"))
        .output()
        .expect("runs");
    let stderr = stderr_of(&output);
    assert!(!output.status.success());
    assert!(stderr.contains("1 MiB limit for a job posting"), "{stderr}");
    // assert_cmd's pipe_stdin would read /dev/zero into memory first: hand the file over.
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("skillgap"))
        .args(["score", "-"])
        .stdin(std::fs::File::open("/dev/zero").expect("/dev/zero"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("<stdin>:1: cannot read: larger than the 1 MiB limit"));
}

#[test]
fn an_oversized_catalog_file_is_refused_by_name() {
    let dir = tempfile::tempdir().expect("dir");
    let catalog = catalog_copy(dir.path());
    let mut big = std::fs::read_to_string(catalog.join("areas.toml")).expect("read");
    big.push_str(&"#".repeat(5 * 1024 * 1024));
    std::fs::write(catalog.join("areas.toml"), big).expect("write");
    let output = skillgap()
        .arg("validate")
        .arg(&catalog)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("areas.toml: larger than the 4 MiB limit for a catalog file"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn folder_scans_skip_loops_and_fifos_and_score_each_sheet_once() {
    let dir = tempfile::tempdir().expect("dir");
    let cohort = dir.path().join("cohort");
    std::fs::create_dir_all(cohort.join("sub")).expect("mkdir");
    std::fs::copy(MINI_SHEET, cohort.join("ada.json")).expect("copy");
    link(".", &cohort.join("self"));
    link("..", &cohort.join("sub/up"));
    link("../ada.json", &cohort.join("sub/again.json"));
    let fifo = mkfifo(&cohort.join("pipe.json"));
    let output = skillgap()
        .args(["--data", MINI, "score", "--format", "jsonl"])
        .arg(&cohort)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert_eq!(
        stdout_of(&output).lines().count(),
        1,
        "one sheet, scored once"
    );
    if fifo {
        assert!(
            stderr_of(&output).contains("pipe.json: not a regular file"),
            "{}",
            stderr_of(&output)
        );
    }
    // validate on a catalog with loops and a FIFO ends.
    let catalog = catalog_copy(dir.path());
    link("..", &catalog.join("skills-loop"));
    link(".", &catalog.join("self"));
    mkfifo(&catalog.join("fifo.toml"));
    let output = skillgap()
        .arg("validate")
        .arg(&catalog)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
}

#[cfg(unix)]
#[test]
fn empty_folders_and_link_loops_say_what_they_are() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::create_dir(dir.path().join("empty")).expect("mkdir");
    let output = skillgap()
        .current_dir(dir.path())
        .args(["score", "empty"])
        .output()
        .expect("runs");
    assert_refused(&output, 2, "no answer sheets in empty");
    let output = skillgap()
        .current_dir(dir.path())
        .args(["calibrate", "empty", "--out", "c.toml"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("no results documents in empty"));
    link("loop-b.json", &dir.path().join("loop-a.json"));
    link("loop-a.json", &dir.path().join("loop-b.json"));
    let output = skillgap()
        .current_dir(dir.path())
        .args(["score", "loop-a.json"])
        .output()
        .expect("runs");
    let stderr = stderr_of(&output);
    // A file that cannot be read is exit 1 from every command (issue 17; README exit codes).
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr.contains("a symbolic link that cannot be followed"),
        "{stderr}"
    );
    assert!(!stderr.contains("no such file"), "{stderr}");
}

#[test]
fn paces_and_budgets_out_of_bounds_are_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let sheet = dir.path().join("slow.json");
    std::fs::write(
        &sheet,
        r#"{"candidate": "Slow", "profile": {"hours_per_week": 0.00001}, "answers": {}}"#,
    )
    .expect("write");
    let output = skillgap()
        .args(["score", "--plan"])
        .arg(&sheet)
        .output()
        .expect("runs");
    assert_refused(&output, 2, "profile.hours_per_week 0.00001");
    let results = results_file(dir.path());
    for (flag, value) in [
        ("--hours-per-week", "0.00001"),
        ("--hours-per-week", "101"),
        ("--budget", "NaN"),
        ("--budget", "inf"),
    ] {
        let output = skillgap()
            .args(["plan", &results, flag, value])
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{flag} {value}");
        assert!(stderr_of(&output).contains(flag), "{}", stderr_of(&output));
    }
}

#[test]
fn a_plan_longer_than_ten_years_says_so_instead_of_listing_the_weeks() {
    let dir = tempfile::tempdir().expect("dir");
    let sheet = dir.path().join("nobody.json");
    std::fs::write(
        &sheet,
        r#"{"candidate": "Nobody", "templates": ["senior-backend-engineer"], "profile": {"hours_per_week": 1}, "answers": {}}"#,
    )
    .expect("write");
    let output = skillgap()
        .args(["score", "--plan", "--format", "json"])
        .arg(&sheet)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let results: Value = serde_json::from_str(&stdout_of(&output)).expect("JSON");
    let plan = &results["plan"];
    assert!(plan["weeks"].as_u64().expect("weeks") > 520);
    assert_eq!(plan["schedule"].as_array().expect("schedule").len(), 0);
    assert!(
        plan["schedule_note"]
            .as_str()
            .expect("note")
            .contains("more than ten years")
    );
}

#[test]
fn catalog_numbers_out_of_bounds_fail_validation() {
    let dir = tempfile::tempdir().expect("dir");
    let catalog = catalog_copy(dir.path());
    let skills = walk(&catalog.join("skills"));
    let path = skills.first().expect("a skills file");
    let text = std::fs::read_to_string(path).expect("read");
    let start = text.find("hours_per_level").expect("hours_per_level");
    let end = start + text[start..].find('\n').expect("end of line");
    let broken = format!(
        "{}hours_per_level = [1e9, 10, 10, 10]{}",
        &text[..start],
        &text[end..]
    );
    std::fs::write(path, broken).expect("write");
    let output = skillgap()
        .arg("validate")
        .arg(&catalog)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(3));
    assert!(
        stdout_of(&output).contains("at most 2000"),
        "{}",
        stdout_of(&output)
    );
}

#[test]
fn catalog_toml_empty_or_with_a_duplicate_key_is_named_as_such() {
    let dir = tempfile::tempdir().expect("dir");
    let catalog = catalog_copy(dir.path());
    let info = catalog.join("catalog.toml");
    let text = std::fs::read_to_string(&info).expect("read");
    std::fs::write(&info, "").expect("write");
    let output = skillgap()
        .arg("validate")
        .arg(&catalog)
        .output()
        .expect("runs");
    let stdout = stdout_of(&output);
    assert!(stdout.contains("catalog.toml is empty"), "{stdout}");
    assert!(!stdout.contains("has no catalog.toml"), "{stdout}");
    std::fs::write(&info, format!("{text}\nid = \"again\"\n")).expect("write");
    let output = skillgap()
        .arg("validate")
        .arg(&catalog)
        .output()
        .expect("runs");
    let stdout = stdout_of(&output);
    assert!(stdout.contains("duplicate key `id`"), "{stdout}");
    assert!(!stdout.contains("has no catalog.toml"), "{stdout}");
}

#[test]
fn formulas_and_escape_sequences_are_neutralised_in_every_text_format() {
    let dir = tempfile::tempdir().expect("dir");
    let sheets = dir.path().join("evil.jsonl");
    std::fs::write(
        &sheets,
        concat!(
            r#"{"candidate": "=HYPERLINK(\"http://evil\",\"x\")", "answers": {}}"#,
            "\n",
            r#"{"candidate": "\u001b]0;pwned\u0007\u001b[2J", "answers": {}}"#,
            "\n"
        ),
    )
    .expect("write");
    let run = |format: &str| {
        let output = skillgap()
            .args(["--data", MINI, "score", "--format", format])
            .arg(&sheets)
            .output()
            .expect("runs");
        assert!(output.status.success(), "{}", stderr_of(&output));
        stdout_of(&output)
    };
    let csv = run("csv");
    assert!(csv.contains("\"'=HYPERLINK("), "{csv}");
    for format in ["csv", "table", "markdown"] {
        let text = run(format);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{format}: {text:?}"
        );
        assert!(text.contains("u{1b}]0;pwned"), "{format}: {text}");
    }
    // In an error message: a file name with an escape sequence.
    let name = dir.path().join("\u{1b}]0;title\u{7}.json");
    std::fs::write(&name, "{").expect("write");
    let output = skillgap().arg("score").arg(&name).output().expect("runs");
    let stderr = stderr_of(&output);
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert!(stderr.contains("\\u{1b}]0;title\\u{7}.json"), "{stderr}");
}

#[test]
fn messages_quote_little_accept_a_byte_order_mark_and_speak_plainly() {
    let dir = tempfile::tempdir().expect("dir");
    let long = dir.path().join("long.json");
    let id = "y".repeat(200_000);
    std::fs::write(
        &long,
        format!(r#"{{"templates": ["{id}"], "answers": {{}}}}"#),
    )
    .expect("write");
    let output = skillgap().arg("score").arg(&long).output().expect("runs");
    let stderr = stderr_of(&output);
    assert!(stderr.len() < 400, "{} bytes", stderr.len());
    assert!(stderr.contains(&format!("{}…", "y".repeat(60))), "{stderr}");

    let bom = dir.path().join("bom.json");
    std::fs::write(&bom, "\u{feff}{\"candidate\": \"Bom\", \"answers\": {}}").expect("write");
    let output = skillgap()
        .args(["--data", MINI, "score", "--format", "json"])
        .arg(&bom)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let bom = dir.path().join("bom.toml");
    std::fs::write(&bom, "\u{feff}candidate = \"Bom\"\n[answers]\n").expect("write");
    let output = skillgap()
        .args(["--data", MINI, "score"])
        .arg(&bom)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr_of(&output));

    let empty = dir.path().join("profile.toml");
    std::fs::write(&empty, "").expect("write");
    let results = results_file(dir.path());
    let output = skillgap()
        .args(["plan", &results, "--profile"])
        .arg(&empty)
        .output()
        .expect("runs");
    let stderr = stderr_of(&output);
    assert!(stderr.contains("the profile file is empty"), "{stderr}");
    assert!(!stderr.contains("sheet is empty"), "{stderr}");

    let list = dir.path().join("list.json");
    std::fs::write(
        &list,
        r#"{"candidate": [1, 2, 3], "answers": {"http-1": [1, 2, 3]}}"#,
    )
    .expect("write");
    let output = skillgap()
        .args(["--data", MINI, "score"])
        .arg(&list)
        .output()
        .expect("runs");
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("found a list where a string is expected"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("sequence") && !stderr.contains("AnswerValue"),
        "{stderr}"
    );
}

/// The control characters of `text` that must not be in an HTML page (a browser hides most of
/// them, a copied name carries them on): every control but newline, tab and carriage return, and
/// the bidirectional overrides.
fn hidden_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| {
            (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

#[test]
fn control_characters_in_names_ids_and_file_names_never_reach_html() {
    let dir = tempfile::tempdir().expect("dir");
    // ESC (a window title), BEL, NUL, C1 controls (CSI, NEL) and a right-to-left override.
    let evil = "Eve\u{1b}]0;pwned\u{7}\u{0}\u{9b}2J\u{85}\u{202e}gnp.exe";
    let sheet = |name: &str| {
        let mut sheet: Value =
            serde_json::from_str(&std::fs::read_to_string(MINI_SHEET).expect("sheet"))
                .expect("json");
        sheet["candidate"] = Value::from(name);
        sheet
    };
    let cohort = dir.path().join("cohort");
    std::fs::create_dir(&cohort).expect("mkdir");
    let single = cohort.join("eve\u{1b}[2J.json");
    std::fs::write(&single, sheet(evil).to_string()).expect("write");
    let mut unknown = sheet(evil);
    unknown["templates"] = Value::from(vec!["tmpl\u{1b}]2;x\u{7}"]);
    std::fs::write(cohort.join("bad\u{7}id.json"), unknown.to_string()).expect("write");
    std::fs::write(cohort.join("broken\u{1b}[31m.json"), "{").expect("write");
    let posting = dir.path().join("posting\u{1b}[5m.md");
    std::fs::write(
        &posting,
        "# Backend \u{1b}]0;job\u{7}developer\u{9b}\n\nWe use HTTP and SQL every day. \
         You know SQL joins and indexes, HTTP caching and status codes.\n",
    )
    .expect("write");
    let run = |args: &[&std::ffi::OsStr]| {
        let output = skillgap()
            .args(["--data", MINI])
            .args(args)
            .output()
            .expect("runs");
        (output.status.code(), stdout_of(&output), stderr_of(&output))
    };
    let os = |s: &str| std::ffi::OsString::from(s);
    let (code, json, stderr) = run(&[
        &os("score"),
        single.as_os_str(),
        &os("--format"),
        &os("json"),
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let results = dir.path().join("eve-results.json");
    std::fs::write(&results, json).expect("write");
    let pages = [
        vec![
            os("score"),
            single.clone().into(),
            os("--format"),
            os("html"),
        ],
        vec![
            os("score"),
            cohort.clone().into(),
            os("--format"),
            os("html"),
        ],
        vec![
            os("score"),
            cohort.clone().into(),
            os("--summary"),
            os("--format"),
            os("html"),
        ],
        vec![
            os("report"),
            results.clone().into(),
            os("--format"),
            os("html"),
        ],
        vec![
            os("plan"),
            results.clone().into(),
            os("--format"),
            os("html"),
        ],
        vec![
            os("match"),
            results.clone().into(),
            posting.clone().into(),
            os("--format"),
            os("html"),
        ],
        vec![
            os("match"),
            results.clone().into(),
            posting.clone().into(),
            os("--plan"),
            os("--format"),
            os("html"),
        ],
        vec![
            os("match"),
            cohort.clone().into(),
            os("--postings"),
            posting.clone().into(),
            os("--format"),
            os("html"),
        ],
    ];
    for args in pages {
        let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
        let (code, html, stderr) = run(&args);
        assert!(html.contains("<html"), "{args:?} ({code:?}): {stderr}");
        assert_eq!(hidden_controls(&html), Vec::<char>::new(), "{args:?}");
        assert!(
            html.contains("\\u{1b}") || html.contains("\\u{7}"),
            "{args:?} shows what was there: {html}"
        );
    }
}

/// Every role a file is given in, with `x.EXT` links in `dir` to the file tried.
fn every_role<'a>(dir: &'a Path, results: &'a str) -> Vec<Vec<String>> {
    let x = |ext: &str| dir.join(format!("x.{ext}")).display().to_string();
    let posting = "examples/postings/acme-backend.md".to_string();
    let s = |v: &[&str]| v.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    vec![
        s(&["score", &x("json")]),
        s(&["score", &x("jsonl")]),
        s(&["report", &x("json")]),
        s(&["plan", results, "--profile", &x("toml")]),
        s(&["template", "from-posting", &x("md")]),
        s(&["simulate", "-n", "3", "--bank", &x("csv")]),
        s(&["simulate", "--examinees", &x("csv")]),
        s(&["simulate", "-n", "3", "--uniforms", &x("csv")]),
        s(&["--calibration", &x("toml"), "templates", "list"]),
        s(&["--template-file", &x("toml"), "templates", "list"]),
        s(&["calibrate", &x("json"), "--out", "-"]),
        s(&["calibrate", &x("jsonl"), "--out", "-"]),
        s(&["match", &x("json"), &posting]),
        s(&["match", results, &x("md")]),
        s(&["compare", &x("json"), results]),
    ]
}

#[cfg(unix)]
#[test]
fn sockets_block_devices_and_folders_given_as_files_are_named() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_file(dir.path());
    let socket = dir.path().join("listening.sock");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).expect("socket");
    let folder = dir.path().join("a-folder");
    std::fs::create_dir(&folder).expect("mkdir");
    let mut targets = vec![(socket, "is a socket, not a file"), (folder, "folder")];
    // A block device, where the machine shows one (as root it could be read whole).
    use std::os::unix::fs::FileTypeExt as _;
    let disk = std::fs::read_dir("/dev").ok().and_then(|entries| {
        entries
            .flatten()
            .find(|e| e.file_type().is_ok_and(|t| t.is_block_device()))
    });
    if let Some(disk) = disk {
        targets.push((disk.path(), "is a block device (a disk), not a file"));
    }
    for (target, says) in targets {
        let links = tempfile::tempdir().expect("dir");
        for ext in ["json", "jsonl", "toml", "csv", "md"] {
            link(
                target.to_str().expect("utf-8"),
                &links.path().join(format!("x.{ext}")),
            );
        }
        for args in every_role(links.path(), &results) {
            let output = skillgap().args(&args).output().expect("runs");
            let stderr = stderr_of(&output);
            assert!(!output.status.success(), "{args:?}");
            assert!(
                stderr.contains("x.") && stderr.contains(says),
                "{target:?} {args:?}: {stderr}"
            );
            assert!(!stderr.contains("os error"), "{args:?}: {stderr}");
        }
    }
    // The configuration file too.
    let output = skillgap()
        .env("SKILLGAP_CONFIG", dir.path().join("listening.sock"))
        .args(["templates", "list"])
        .output()
        .expect("runs");
    assert!(stderr_of(&output).contains("is a socket, not a file"));
}

#[cfg(unix)]
#[test]
fn process_substitution_is_read_as_a_stream_and_endless_pipes_stop_at_the_cap() {
    let bin = assert_cmd::cargo::cargo_bin("skillgap");
    let bash = |script: &str| {
        std::process::Command::new("bash")
            .arg("-c")
            .arg(script)
            .env("SKILLGAP", &bin)
            .env("SKILLGAP_CONFIG", "tests/data/no-such-config.toml")
            .output()
            .expect("bash runs")
    };
    // JSON Lines, a pretty-printed sheet and a TOML sheet through a pipe.
    for (script, rows) in [
        (
            "\"$SKILLGAP\" score <(cat examples/cohort/bootcamp-week-12.jsonl) --format csv",
            None,
        ),
        (
            "\"$SKILLGAP\" score <(cat examples/sheets/ada.json) --format csv",
            Some(1),
        ),
        (
            "\"$SKILLGAP\" score <(cat examples/sheets/ben.toml) --format csv",
            Some(1),
        ),
    ] {
        let output = bash(script);
        assert!(output.status.success(), "{script}: {}", stderr_of(&output));
        let lines = stdout_of(&output).lines().count() - 1;
        assert!(
            lines >= rows.unwrap_or(2),
            "{script}: {}",
            stdout_of(&output)
        );
        if let Some(rows) = rows {
            assert_eq!(lines, rows, "{script}");
        }
    }
    // Endless pipes stop at the cap of their role.
    for (script, says) in [
        (
            "\"$SKILLGAP\" score <(cat /dev/zero)",
            "1 MiB limit for an answer sheet",
        ),
        (
            "\"$SKILLGAP\" report <(cat /dev/zero)",
            "4 MiB limit for a results document",
        ),
        (
            "\"$SKILLGAP\" template from-posting <(cat /dev/zero)",
            "1 MiB limit for a job posting",
        ),
        (
            "\"$SKILLGAP\" simulate --bank <(cat /dev/zero)",
            "4 MiB limit for an item-bank CSV",
        ),
    ] {
        let output = bash(script);
        let stderr = stderr_of(&output);
        assert!(!output.status.success(), "{script}");
        assert!(
            stderr.contains("/dev/fd/") && stderr.contains(says),
            "{script}: {stderr}"
        );
    }
}

/// What the second adversarial pass found: counts that crashed `simulate`, paths printed raw in
/// notes on stderr, Rust type names in messages, a question answered twice taken silently.
#[test]
fn second_adversarial_pass_findings_stay_fixed() {
    for (args, says) in [
        (
            vec!["simulate", "-n", "18446744073709551615"],
            "simulate at most 1000000 people",
        ),
        (
            vec!["simulate", "--quiz", "-n", "18446744073709551615"],
            "simulate at most 1000000 people",
        ),
        (
            vec![
                "simulate",
                "--retake",
                "-n",
                "1",
                "--sessions",
                "1000000000",
            ],
            "at most 100 quizzes in a row",
        ),
    ] {
        let output = skillgap().args(&args).output().expect("runs");
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
    // A note on stderr (not an error) that names a path given by the user.
    let output = skillgap()
        .args(["history", "--home", "/nonexistent/\u{1b}]0;x\u{7}"])
        .output()
        .expect("runs");
    let stderr = stderr_of(&output);
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "{stderr:?}"
    );
    assert!(stderr.contains("\\u{1b}]0;x\\u{7}"), "{stderr}");
    // Plain words, not Rust types.
    let dir = tempfile::tempdir().expect("dir");
    let null = dir.path().join("null.json");
    std::fs::write(&null, "null").expect("write");
    let output = skillgap().arg("score").arg(&null).output().expect("runs");
    assert!(
        stderr_of(&output).contains("found null where a table (an object) is expected"),
        "{}",
        stderr_of(&output)
    );
    let output = skillgap()
        .args(["report", "examples/sheets/ada.json"])
        .output()
        .expect("runs");
    let stderr = stderr_of(&output);
    assert!(
        !stderr.contains("struct ") && !stderr.contains("TemplateReadiness"),
        "{stderr}"
    );
    assert!(
        stderr.contains("where a table (an object) is expected"),
        "{stderr}"
    );
    // Sheets where results documents are expected.
    let output = skillgap()
        .args([
            "calibrate",
            "examples/cohort/bootcamp-week-12.jsonl",
            "--out",
            "-",
        ])
        .output()
        .expect("runs");
    let stderr = stderr_of(&output);
    assert!(
        !stderr.contains("struct ") && stderr.contains("line 1, column"),
        "{stderr}"
    );
    // The catalog's [model] is bounded like a calibration overlay's population (a NaN spread
    // made every readiness NaN), and huge numbers are quoted short.
    let catalog = catalog_copy(dir.path());
    let mut text = std::fs::read_to_string(catalog.join("catalog.toml")).expect("read");
    text.push_str("\n[model]\ngeneral_sd = nan\nskill_sd = 1e308\n");
    std::fs::write(catalog.join("catalog.toml"), text).expect("write");
    let output = skillgap()
        .arg("validate")
        .arg(&catalog)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(3), "{}", stderr_of(&output));
    assert!(stdout_of(&output).contains("[model]: general_sd = NaN is outside 0.2..3"));
    let output = skillgap()
        .arg("--data")
        .arg(&catalog)
        .args(["score", MINI_SHEET])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(3), "{}", stderr_of(&output));
    let output = skillgap()
        .args(["plan", "--hours-per-week", "1e308"])
        .arg(results_file(dir.path()))
        .output()
        .expect("runs");
    assert!(
        stderr_of(&output).contains("--hours-per-week 1e308: give the hours"),
        "{}",
        stderr_of(&output)
    );
    // A question answered twice.
    let twice = dir.path().join("twice.json");
    std::fs::write(&twice, r#"{"answers": {"sql-01": "a", "sql-01": "b"}}"#).expect("write");
    let output = skillgap().arg("score").arg(&twice).output().expect("runs");
    assert_refused(&output, 2, "`sql-01` is answered twice");
}

/// Runs `skillgap args` to its end, killing it (and failing) if it is still waiting after a
/// minute: a guard against a hang, not a measure of speed.
fn run_guarded(args: &[&std::ffi::OsStr]) -> std::process::Output {
    use std::time::{Duration, Instant};
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("skillgap"))
        .args(args)
        .env("SKILLGAP_CONFIG", "tests/data/no-such-config.toml")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("starts");
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("{args:?} hangs");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().expect("ends")
}

#[cfg(unix)]
#[test]
fn planted_lock_files_in_the_sessions_folder_are_refused_not_followed() {
    let home = tempfile::tempdir().expect("dir");
    let sessions = home.path().join("sessions");
    std::fs::create_dir(&sessions).expect("mkdir");
    let id = "2026-11-21T18-04-05Z-1a2b3c4d";
    std::fs::write(sessions.join(format!("{id}.json")), "{}").expect("write");
    let lock = sessions.join(format!("{id}.lock"));
    let elsewhere = home.path().join("created-through-the-link");
    // A FIFO (opening it for writing would wait forever) and a link to a file that is not there
    // (opening it would create that file).
    assert!(mkfifo(&lock));
    for round in 0..2 {
        if round == 1 {
            std::fs::remove_file(&lock).expect("remove");
            link(elsewhere.to_str().expect("utf-8"), &lock);
        }
        for resume in [vec!["--resume", id], vec!["--resume"]] {
            let mut args: Vec<&std::ffi::OsStr> = vec!["assess".as_ref()];
            args.extend(resume.iter().map(|a| std::ffi::OsStr::new(*a)));
            args.extend(["--home".as_ref(), home.path().as_os_str()]);
            let output = run_guarded(&args);
            let stderr = stderr_of(&output);
            assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
            assert!(
                stderr.contains(&format!("{id}.lock is not a regular file")),
                "{args:?}: {stderr}"
            );
        }
    }
    assert!(!elsewhere.exists(), "nothing is created through the link");
    // A data folder that is a file or a FIFO is named as such, not "no saved results".
    let file = home.path().join("a-file");
    std::fs::write(&file, "x").expect("write");
    let fifo = home.path().join("a-fifo");
    assert!(mkfifo(&fifo));
    for not_a_folder in [&file, &fifo] {
        for command in ["history", "compare"] {
            let output = run_guarded(&[
                command.as_ref(),
                "--home".as_ref(),
                not_a_folder.as_os_str(),
            ]);
            assert_refused(&output, 2, "is not a folder");
        }
    }
}
