//! The batch runner: answer sheets from files, folders and JSON Lines streams, scored in
//! parallel chunks and handed on in input order. Memory is bounded by the chunk size, not by the
//! number of sheets.

use std::fs::File;
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
    mut emit: impl FnMut(Outcome) -> io::Result<()>,
) -> Result<(), Error> {
    let fixed = match choice {
        TemplateChoice::Fixed(ids) => Some(resolve(catalog, ids)?),
        TemplateChoice::SheetOrAll => None,
    };
    let mut jobs = jobs(inputs)?;
    loop {
        let chunk: Vec<Job> = jobs.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            return Ok(());
        }
        let outcomes: Vec<Outcome> = chunk
            .into_par_iter()
            .map(|job| score_job(catalog, fixed.as_deref(), job))
            .collect();
        for outcome in outcomes {
            emit(outcome).map_err(|source| Error::Write {
                path: PathBuf::from("the report"),
                source,
            })?;
        }
    }
}

fn resolve<'c>(catalog: &'c Catalog, ids: &[String]) -> Result<Vec<&'c Template>, Error> {
    ids.iter().map(|id| catalog.template(id)).collect()
}

fn score_job(catalog: &Catalog, fixed: Option<&[&Template]>, job: Job) -> Outcome {
    let result = job.text.and_then(|text| {
        let sheet = AnswerSheet::parse(&text, job.format).map_err(|e| e.to_string())?;
        sheet.check(catalog).map_err(|e| e.to_string())?;
        let templates = match fixed {
            Some(templates) => templates.to_vec(),
            None if sheet.templates.is_empty() => catalog.templates.iter().collect(),
            None => resolve(catalog, &sheet.templates).map_err(|e| e.to_string())?,
        };
        Ok(results::score(
            catalog,
            &sheet,
            &templates,
            Some(job.source.clone()),
        ))
    });
    Outcome {
        source: job.source,
        result: result.map_err(|e| crate::sanitize::message(&e)),
    }
}

/// The jobs of all inputs, lazily: folders are listed up front, files and lines read on demand.
fn jobs(inputs: &[Input]) -> Result<Box<dyn Iterator<Item = Job>>, Error> {
    let mut iterators: Vec<Box<dyn Iterator<Item = Job>>> = Vec::new();
    for input in inputs {
        match input {
            Input::Stdin => iterators.push(Box::new(lines("<stdin>", BufReader::new(io::stdin())))),
            Input::Path(path) => match std::fs::metadata(path) {
                Ok(meta) if meta.is_dir() => {
                    let files = sheet_files(path)?;
                    if files.is_empty() {
                        return Err(Error::InvalidInput(format!(
                            "no answer sheets in {} (sheets end in .json, .toml or .jsonl)",
                            shown(path)
                        )));
                    }
                    iterators.push(Box::new(files.into_iter().flat_map(file_jobs)));
                }
                Ok(_) => iterators.push(file_jobs(path.clone())),
                Err(e) => return Err(missing(path, &e)),
            },
        }
    }
    Ok(Box::new(iterators.into_iter().flatten()))
}

/// A path for messages, with control characters made visible.
fn shown(path: &Path) -> String {
    crate::sanitize::line(&path.display().to_string()).into_owned()
}

/// Why `path` cannot be used: missing, a link that leads nowhere or in a loop, or unreadable.
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
    Error::InvalidInput(format!("{name}: {reason}"))
}

/// The sheet files under `dir`, recursively, sorted.
fn sheet_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    crate::files::files_under(dir, is_sheet_file)
}

fn file_jobs(path: PathBuf) -> Box<dyn Iterator<Item = Job>> {
    let source = shown(&path);
    if is_jsonl(&path) {
        return match File::open(&path) {
            Ok(file) => Box::new(lines(&source, BufReader::new(file))),
            Err(e) => Box::new(std::iter::once(Job {
                source,
                format: SheetFormat::Json,
                text: Err(format!("cannot read: {e}")),
            })),
        };
    }
    let text = File::open(&path)
        .and_then(|file| crate::files::read_capped(file, Limit::SHEET))
        .map_err(|e| format!("cannot read: {e}"));
    let format = text
        .as_ref()
        .map_or(SheetFormat::Json, |t| SheetFormat::guess(&source, t));
    Box::new(std::iter::once(Job {
        source,
        format,
        text,
    }))
}

/// One job per non-blank line, named `source:line`; a line over the record limit ends the
/// stream with an error job.
fn lines(source: &str, reader: impl BufRead + 'static) -> impl Iterator<Item = Job> + 'static {
    let source = source.to_string();
    CappedLines::new(reader, Limit::JSONL)
        .enumerate()
        .filter(|(_, line)| line.as_ref().map_or(true, |l| !l.trim().is_empty()))
        .map(move |(index, line)| Job {
            source: format!("{source}:{}", index + 1),
            format: SheetFormat::Json,
            text: line.map_err(|e| format!("cannot read: {e}; the rest was not read")).and_then(|line| {
                if line.trim() == "{" {
                    Err("this input is read as JSON Lines, one sheet per line; pass a pretty-printed sheet as a .json file instead".to_string())
                } else {
                    Ok(line)
                }
            }),
        })
}
