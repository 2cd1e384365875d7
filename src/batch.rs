//! The batch runner: answer sheets from files, folders and JSON Lines streams, scored in
//! parallel chunks and handed on in input order. Memory is bounded by the chunk size, not by the
//! number of sheets.

use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::catalog::{Catalog, Template};
use crate::error::Error;
use crate::files::{CappedLines, Limit};
use crate::results::{self, Results};
use crate::sheet::{AnswerSheet, SheetFormat};

/// Sheets scored together in parallel before their results are handed on.
pub const CHUNK: usize = 1024;

/// Where sheets come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// JSON Lines on standard input.
    Stdin,
    /// A sheet file, a `.jsonl` file, or a folder of them.
    Path(PathBuf),
}

impl Input {
    pub fn from_arg(path: &Path) -> Input {
        if path == Path::new("-") {
            Input::Stdin
        } else {
            Input::Path(path.to_path_buf())
        }
    }
}

/// Which templates to score each sheet against.
#[derive(Clone, Debug)]
pub enum TemplateChoice {
    /// These, for every sheet.
    Fixed(Vec<String>),
    /// The sheet's own `templates`, or every template when it names none.
    SheetOrAll,
}

/// One sheet's text, or why it could not be read.
struct Job {
    source: String,
    format: SheetFormat,
    text: Result<String, String>,
}

/// The result of one sheet.
pub struct Outcome {
    pub source: String,
    pub result: Result<Results, String>,
    /// What the caller should tell about a sheet that was scored (nothing answered, say).
    pub warnings: Vec<String>,
}

/// Whether the inputs are one sheet file (a single report) rather than a cohort.
pub fn is_single_sheet(inputs: &[Input]) -> bool {
    matches!(inputs, [Input::Path(path)] if path.is_file() && !is_jsonl(path))
}

fn is_jsonl(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "jsonl")
}

fn is_sheet_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e == "json" || e == "toml" || e == "jsonl")
}

/// Scores every sheet of `inputs`, calling `emit` for each in input order. Stops early only if
/// `emit` fails (a closed stdout, say).
pub fn run(
    catalog: &Catalog,
    inputs: &[Input],
    choice: &TemplateChoice,
    emit: impl FnMut(Outcome) -> io::Result<()>,
) -> Result<(), Error> {
    run_counted(catalog, inputs, choice, |_| {}, emit)
}

/// As [`run`], first telling `total` how many sheets there are when that is known before
/// reading them (files and folders of `.json`/`.toml` sheets; not stdin or `.jsonl`).
pub fn run_counted(
    catalog: &Catalog,
    inputs: &[Input],
    choice: &TemplateChoice,
    total: impl FnOnce(Option<usize>),
    mut emit: impl FnMut(Outcome) -> io::Result<()>,
) -> Result<(), Error> {
    let fixed = match choice {
        TemplateChoice::Fixed(ids) => Some(resolve(catalog, ids)?),
        TemplateChoice::SheetOrAll => None,
    };
    let (mut jobs, count) = jobs(inputs)?;
    total(count);
    let fixed = fixed.as_deref();
    let mut chunk: Vec<Job> = jobs.by_ref().take(CHUNK).collect();
    let mut scored: Vec<Outcome> = Vec::new();
    // A pipeline of three stages: while the pool scores one chunk, this thread hands on the
    // results of the one before and reads the one after (reading and writing are serial, and
    // would otherwise leave the pool idle).
    // Set when writing fails: the sheets of the chunk in flight are then left unscored, as
    // nothing more will be written (a closed pipe must not wait for 1,024 more sheets).
    let stopped = std::sync::atomic::AtomicBool::new(false);
    let stopped = &stopped;
    while !chunk.is_empty() || !scored.is_empty() {
        let (emitted, next, outcomes) = std::thread::scope(|scope| {
            let scoring = scope.spawn(move || {
                chunk
                    .into_par_iter()
                    .filter_map(|job| {
                        let stop = stopped.load(std::sync::atomic::Ordering::Relaxed);
                        (!stop).then(|| score_job(catalog, fixed, job))
                    })
                    .collect::<Vec<Outcome>>()
            });
            let emitted = std::mem::take(&mut scored)
                .into_iter()
                .try_for_each(&mut emit);
            if emitted.is_err() {
                stopped.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            let next: Vec<Job> = match emitted {
                Ok(()) => jobs.by_ref().take(CHUNK).collect(),
                Err(_) => Vec::new(),
            };
            let outcomes = scoring
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (emitted, next, outcomes)
        });
        emitted.map_err(|source| Error::Write {
            path: PathBuf::from("the report"),
            source,
        })?;
        chunk = next;
        scored = outcomes;
    }
    Ok(())
}

fn resolve<'c>(catalog: &'c Catalog, ids: &[String]) -> Result<Vec<&'c Template>, Error> {
    ids.iter().map(|id| catalog.template(id)).collect()
}

fn score_job(catalog: &Catalog, fixed: Option<&[&Template]>, job: Job) -> Outcome {
    let mut warnings = Vec::new();
    let result = job.text.and_then(|text| {
        let mut sheet = AnswerSheet::parse(&text, job.format).map_err(|e| e.to_string())?;
        sheet.normalize(catalog);
        sheet.check(catalog).map_err(|e| e.to_string())?;
        if sheet.is_blank() {
            warnings.push(
                "nothing is answered (every question is blank): scored with every skill \
                 \"not assessed\", so its readiness says nothing about the candidate"
                    .to_string(),
            );
        }
        let templates = match fixed {
            Some(templates) => templates.to_vec(),
            None if sheet.templates.is_empty() => catalog.templates.iter().collect(),
            None => resolve(catalog, &sheet.templates).map_err(|e| e.to_string())?,
        };
        Ok(results::score_owned(
            catalog,
            sheet,
            &templates,
            Some(job.source.clone()),
        ))
    });
    Outcome {
        source: job.source,
        result: result.map_err(|e| crate::sanitize::message(&e)),
        warnings,
    }
}

type Jobs = Box<dyn Iterator<Item = Job>>;

/// The jobs of all inputs, lazily: folders are listed up front, files and lines read on demand.
/// With them, how many there are when that is known without reading them.
fn jobs(inputs: &[Input]) -> Result<(Jobs, Option<usize>), Error> {
    let mut iterators: Vec<Jobs> = Vec::new();
    let mut count = Some(0usize);
    let add = |count: &mut Option<usize>, n: Option<usize>| {
        *count = count.zip(n).map(|(a, b)| a + b);
    };
    for input in inputs {
        match input {
            Input::Stdin => {
                add(&mut count, None);
                iterators.push(Box::new(lines("<stdin>", BufReader::new(io::stdin()))));
            }
            Input::Path(path) => match std::fs::metadata(path) {
                Ok(meta) if meta.is_dir() => {
                    let files = sheet_files(path)?;
                    if files.is_empty() {
                        return Err(Error::InvalidInput(format!(
                            "no answer sheets in {} (sheets end in .json, .toml or .jsonl)",
                            shown(path)
                        )));
                    }
                    let known = (!files.iter().any(|f| is_jsonl(f))).then_some(files.len());
                    add(&mut count, known);
                    iterators.push(Box::new(files.into_iter().flat_map(file_jobs)));
                }
                Ok(_) => {
                    add(&mut count, (!is_jsonl(path)).then_some(1));
                    iterators.push(file_jobs(path.clone()));
                }
                Err(e) => return Err(missing(path, &e)),
            },
        }
    }
    Ok((Box::new(iterators.into_iter().flatten()), count))
}

/// A path for messages, with control characters made visible.
fn shown(path: &Path) -> String {
    crate::sanitize::line(&path.display().to_string()).into_owned()
}

/// Why `path` cannot be used: missing, a link that leads nowhere or in a loop, or unreadable.
/// A file that cannot be read is exit 1 from every command (the README's exit codes).
fn missing(path: &Path, error: &io::Error) -> Error {
    let name = shown(path);
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let reason = match error.kind() {
        io::ErrorKind::NotFound if is_link => {
            "a symbolic link to nothing (its target does not exist)".to_string()
        }
        io::ErrorKind::NotFound => "no such file or folder".to_string(),
        _ if is_link => format!("a symbolic link that cannot be followed ({error})"),
        _ => format!("cannot read it ({error})"),
    };
    Error::Read {
        path: PathBuf::from(name.clone()),
        source: io::Error::new(error.kind(), reason),
    }
}

/// The sheet files under `dir`, recursively, sorted.
fn sheet_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    crate::files::files_under(dir, is_sheet_file)
}

fn file_jobs(path: PathBuf) -> Box<dyn Iterator<Item = Job>> {
    let source = shown(&path);
    let file = match crate::files::open_input(&path) {
        Ok(file) => file,
        Err(e) => {
            return Box::new(std::iter::once(Job {
                source,
                format: SheetFormat::Json,
                text: Err(format!("cannot read: {e}")),
            }));
        }
    };
    // A pipe (`score <(cat sheets.jsonl)` names `/dev/fd/63`) is read as stdin is: JSON Lines
    // or pretty-printed sheets, a record at a time; a TOML sheet through one is read whole.
    let piped =
        !file.metadata().is_ok_and(|m| m.is_file()) && path.extension().is_none_or(|e| e != "toml");
    let mut reader = BufReader::new(file);
    if is_jsonl(&path) || (piped && starts_like_json(&mut reader)) {
        return Box::new(lines(&source, reader));
    }
    let text =
        crate::files::read_capped(reader, Limit::SHEET).map_err(|e| format!("cannot read: {e}"));
    let format = text
        .as_ref()
        .map_or(SheetFormat::Json, |t| SheetFormat::guess(&source, t));
    Box::new(std::iter::once(Job {
        source,
        format,
        text,
    }))
}

/// Whether the first bytes of `reader` (what one read brings) are a JSON object's start, or
/// only blanks so far; nothing is consumed.
fn starts_like_json(reader: &mut impl BufRead) -> bool {
    let Ok(bytes) = reader.fill_buf() else {
        return true;
    };
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_none_or(|&b| b == b'{')
}

/// One job per record, named `source:line`: a JSON Lines record per non-blank line, or a
/// pretty-printed document spanning lines (one that starts with a line holding only `{`, up to
/// the line where the text read so far is a whole JSON value). A line over the record limit
/// ends the stream with an error job.
fn lines(source: &str, reader: impl BufRead + 'static) -> impl Iterator<Item = Job> + 'static {
    Records {
        source: source.to_string(),
        lines: CappedLines::new(reader, Limit::JSONL).enumerate(),
    }
}

struct Records<R> {
    source: String,
    lines: std::iter::Enumerate<CappedLines<R>>,
}

impl<R: BufRead> Records<R> {
    fn job(&self, index: usize, text: Result<String, String>) -> Job {
        Job {
            source: format!("{}:{}", self.source, index + 1),
            format: SheetFormat::Json,
            text,
        }
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = Job;

    fn next(&mut self) -> Option<Job> {
        let unreadable = |e: io::Error| format!("cannot read: {e}; the rest was not read");
        let (start, first) = loop {
            let (index, line) = self.lines.next()?;
            match line {
                Err(e) => return Some(self.job(index, Err(unreadable(e)))),
                Ok(line) if line.trim().is_empty() => continue,
                Ok(line) => break (index, line),
            }
        };
        if first.trim() != "{" {
            return Some(self.job(start, Ok(first)));
        }
        let mut document = first;
        loop {
            match self.lines.next() {
                None => return Some(self.job(start, Ok(document))),
                Some((_, Err(e))) => return Some(self.job(start, Err(unreadable(e)))),
                Some((_, Ok(line))) => {
                    document.push('\n');
                    document.push_str(&line);
                    if document.len() as u64 > Limit::SHEET.bytes {
                        return Some(self.job(
                            start,
                            Err(format!(
                                "cannot read: {}; the rest was not read",
                                Limit::SHEET.exceeded()
                            )),
                        ));
                    }
                    let closes = line.starts_with('}');
                    if closes && serde_json::from_str::<serde::de::IgnoredAny>(&document).is_ok() {
                        return Some(self.job(start, Ok(document)));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &'static str) -> Vec<(String, Result<String, String>)> {
        lines("<stdin>", text.as_bytes())
            .map(|job| (job.source, job.text))
            .collect()
    }

    #[test]
    fn a_pretty_printed_document_is_one_record_and_json_lines_one_per_line() {
        let pretty = "{\n  \"answers\": {\n    \"sql-01\": \"b\"\n  }\n}\n";
        let got = records(pretty);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "<stdin>:1");
        let text = got[0].1.as_ref().expect("text");
        let sheet = AnswerSheet::parse(text, SheetFormat::Json).expect("a sheet");
        assert_eq!(sheet.answers.len(), 1);
        let got = records("{\"answers\": {}}\n\n{\"answers\": {}}\n{\n\"answers\": {}\n}\n");
        let sources: Vec<&str> = got.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(sources, ["<stdin>:1", "<stdin>:3", "<stdin>:4"]);
        // An unfinished document is handed on whole, for the parser to say what is wrong.
        let got = records("{\n\"answers\": {\n");
        assert_eq!(got.len(), 1);
        assert!(AnswerSheet::parse(got[0].1.as_ref().expect("text"), SheetFormat::Json).is_err());
    }

    #[test]
    fn the_count_is_known_for_files_and_folders_only() {
        let dir = tempfile::tempdir().expect("dir");
        for name in ["a.json", "b.toml"] {
            std::fs::write(dir.path().join(name), "{}").expect("write");
        }
        let folder = Input::Path(dir.path().to_path_buf());
        let (_, count) = jobs(std::slice::from_ref(&folder)).expect("jobs");
        assert_eq!(count, Some(2));
        std::fs::write(dir.path().join("c.jsonl"), "{}\n").expect("write");
        let (_, count) = jobs(&[folder]).expect("jobs");
        assert_eq!(count, None);
        let (_, count) = jobs(&[Input::Stdin]).expect("jobs");
        assert_eq!(count, None);
    }
}
