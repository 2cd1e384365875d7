//! Reading what `match` ranks: postings (files or folders of `.md`, `.txt`, `.html`) and the
//! people to rank them for (results documents, cohort documents, answer sheets, JSON Lines).
//! What cannot be read is a [`Failure`] naming the file and the reason; the rest go on.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{Posting, sheet_of};
use crate::catalog::Catalog;
use crate::files::{self, Limit};
use crate::posting::{self, PostingOptions};
use crate::results::Results;
use crate::sheet::{AnswerSheet, SheetFormat};

/// Something that could not be read or used, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub source: String,
    pub error: String,
}

impl Failure {
    fn new(source: impl Into<String>, error: impl std::fmt::Display) -> Failure {
        Failure {
            source: crate::sanitize::message(&source.into()),
            error: crate::sanitize::message(&error.to_string()),
        }
    }
}

/// One person to rank postings for: a name, where the answers came from, and the answers
/// (checked against the catalog).
#[derive(Clone, Debug)]
pub struct Candidate {
    pub name: String,
    pub source: String,
    pub sheet: AnswerSheet,
}

/// The extensions of posting files in a folder.
pub const POSTING_EXTENSIONS: [&str; 5] = ["md", "markdown", "txt", "html", "htm"];

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

fn is_html(path: &Path) -> bool {
    has_extension(path, &["html", "htm"])
}

/// The postings of `inputs` (files, or folders walked for posting files), each turned into a
/// template with an id unique among them; what cannot be read or yields no skill is a failure.
pub fn read_postings(catalog: &Catalog, inputs: &[PathBuf]) -> (Vec<Posting>, Vec<Failure>) {
    let mut postings: Vec<Posting> = Vec::new();
    let mut failures = Vec::new();
    for input in inputs {
        let files = if input.is_dir() {
            match files::files_under(input, |p| has_extension(p, &POSTING_EXTENSIONS)) {
                Ok(files) if files.is_empty() => {
                    failures.push(Failure::new(
                        input.display().to_string(),
                        format!(
                            "no posting files in this folder (looked for .{})",
                            POSTING_EXTENSIONS.join(", .")
                        ),
                    ));
                    continue;
                }
                Ok(files) => files,
                Err(error) => {
                    failures.push(Failure::new(
                        input.display().to_string(),
                        error_text(&error),
                    ));
                    continue;
                }
            }
        } else {
            vec![input.clone()]
        };
        for file in files {
            let source = file.display().to_string();
            let id = unique_id(&postings, &file);
            match read_one_posting(catalog, &file, &source, id) {
                Ok(posting) => postings.push(posting),
                Err(error) => failures.push(Failure::new(source, error)),
            }
        }
    }
    (postings, failures)
}

fn read_one_posting(
    catalog: &Catalog,
    path: &Path,
    source: &str,
    id: String,
) -> Result<Posting, String> {
    let text = posting::read_posting(path).map_err(|e| error_text(&e))?;
    let text = if is_html(path) {
        html_to_text(&text)
    } else {
        text
    };
    let options = PostingOptions {
        id: Some(id),
        title: None,
        source: source.to_string(),
    };
    let extraction = posting::extract(catalog, &text, &options).map_err(|e| {
        // The extractor's message starts with the source; the failure names it already.
        let message = e.to_string();
        message
            .strip_prefix(&format!("{source}: "))
            .map_or(message.clone(), str::to_string)
    })?;
    Ok(Posting {
        source: source.to_string(),
        template: extraction.template(),
        extraction,
    })
}

/// An error with its causes; a read error without the file's name, which the failure names
/// already: "cannot read: No such file or directory (os error 2)".
fn error_text(error: &crate::error::Error) -> String {
    match error {
        crate::error::Error::Read { source, .. } => format!("cannot read: {source}"),
        other => chain(other),
    }
}

/// An error with its causes, joined by ": ".
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

/// A template id from the file's name, made unique among `postings` with `-2`, `-3`, ...
fn unique_id(postings: &[Posting], path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let base = posting::id_from(&stem);
    let taken = |id: &str| postings.iter().any(|p| p.template.id == id);
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

/// A posting saved from a web page as plain text the extractor reads: block ends become line
/// ends, headings `#` lines, list items `- ` lines, other tags go, and the common entities are
/// decoded. Scripts and styles are dropped with their content.
pub fn html_to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('>') else {
            rest = "";
            break;
        };
        let tag = after[..end].trim().to_ascii_lowercase();
        rest = &after[end + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let closing = tag.starts_with('/');
        if !closing && (name == "script" || name == "style") {
            let close = format!("</{name}");
            rest = match rest.to_ascii_lowercase().find(&close) {
                Some(i) => &rest[i..],
                None => "",
            };
            continue;
        }
        match name.as_str() {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if !closing => {
                let level = name[1..].parse::<usize>().unwrap_or(2);
                text.push('\n');
                text.push_str(&"#".repeat(level));
                text.push(' ');
            }
            "li" if !closing => text.push_str("\n- "),
            "br" | "p" | "div" | "ul" | "ol" | "tr" | "section" | "h1" | "h2" | "h3" | "h4"
            | "h5" | "h6" | "li" | "table" | "header" | "footer" | "article" => text.push('\n'),
            _ => {}
        }
    }
    text.push_str(rest);
    let decoded = text
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&rsquo;", "'")
        .replace("&ndash;", "–")
        .replace("&mdash;", "—")
        .replace("&amp;", "&");
    let mut lines: Vec<&str> = Vec::new();
    for line in decoded.lines().map(str::trim) {
        if line.is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        lines.push(line);
    }
    lines.join("\n").trim_end().to_string()
}

/// The extensions of candidate files in a folder.
const CANDIDATE_EXTENSIONS: [&str; 3] = ["json", "toml", "jsonl"];

/// The people of `inputs`: results documents (`score --format json`, `assess`), cohort
/// documents (`{"results": [...]}`), answer sheets (`.json`, `.toml`), JSON Lines of either, or
/// folders of them. Each one's answers are checked against `catalog`.
pub fn read_candidates(catalog: &Catalog, inputs: &[PathBuf]) -> (Vec<Candidate>, Vec<Failure>) {
    let mut candidates = Vec::new();
    let mut failures = Vec::new();
    for input in inputs {
        let files = if input.is_dir() {
            match files::files_under(input, |p| has_extension(p, &CANDIDATE_EXTENSIONS)) {
                Ok(files) if files.is_empty() => {
                    failures.push(Failure::new(
                        input.display().to_string(),
                        "no results or answer sheets in this folder (looked for .json, .toml, .jsonl)",
                    ));
                    continue;
                }
                Ok(files) => files,
                Err(error) => {
                    failures.push(Failure::new(
                        input.display().to_string(),
                        error_text(&error),
                    ));
                    continue;
                }
            }
        } else {
            vec![input.clone()]
        };
        for file in files {
            read_candidate_file(catalog, &file, &mut candidates, &mut failures);
        }
    }
    (candidates, failures)
}

fn read_candidate_file(
    catalog: &Catalog,
    path: &Path,
    candidates: &mut Vec<Candidate>,
    failures: &mut Vec<Failure>,
) {
    let source = path.display().to_string();
    if has_extension(path, &["jsonl"]) {
        // A record at a time, each through its cap: never the whole file in memory.
        let file = match files::open_input(path) {
            Ok(file) => file,
            Err(source_error) => {
                let error = crate::error::Error::Read {
                    path: path.to_path_buf(),
                    source: source_error,
                };
                return failures.push(Failure::new(&source, error_text(&error)));
            }
        };
        let lines = files::CappedLines::new(std::io::BufReader::new(file), Limit::JSONL);
        for (index, line) in lines.enumerate() {
            let record = format!("{source}:{}", index + 1);
            match line {
                Ok(line) if line.trim().is_empty() => {}
                Ok(line) => match candidates_of(catalog, &record, path, &line) {
                    Ok(found) => candidates.extend(found),
                    Err(error) => failures.push(Failure::new(record, error)),
                },
                Err(error) => {
                    failures.push(Failure::new(
                        record,
                        format!("cannot read: {error}; the rest was not read"),
                    ));
                }
            }
        }
        return;
    }
    // A sheet, a results document or a cohort of them.
    let text = match files::read_limited(path, Limit::COHORT) {
        Ok(text) => text,
        Err(error) => return failures.push(Failure::new(&source, error_text(&error))),
    };
    match candidates_of(catalog, &source, path, &text) {
        Ok(found) => candidates.extend(found),
        Err(error) => failures.push(Failure::new(source, error)),
    }
}

/// The people in one document: a results document, a cohort of them, or an answer sheet.
fn candidates_of(
    catalog: &Catalog,
    source: &str,
    path: &Path,
    text: &str,
) -> Result<Vec<Candidate>, String> {
    let format = SheetFormat::guess(&path.display().to_string(), text);
    let value = match format {
        SheetFormat::Json => serde_json::from_str::<serde_json::Value>(text).ok(),
        SheetFormat::Toml => None,
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| source.to_string());
    let results_of = |value: serde_json::Value, source: &str| -> Result<Candidate, String> {
        let results: Results = serde_json::from_value(value).map_err(|e| {
            format!(
                "not a valid results document: {}",
                crate::sheet::json_error_words(&e)
            )
        })?;
        let sheet = sheet_of(&results);
        check(catalog, &sheet)?;
        Ok(Candidate {
            name: results
                .candidate
                .clone()
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| stem.clone()),
            source: source.to_string(),
            sheet,
        })
    };
    if let Some(value) = value {
        if let Some(list) = value.get("results").and_then(|r| r.as_array()) {
            return list
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    results_of(v.clone(), &format!("{source} (results[{i}])"))
                        .map_err(|e| format!("results[{i}]: {e}"))
                })
                .collect();
        }
        if value.get("skills").is_some() && value.get("templates").is_some() {
            return results_of(value, source).map(|c| vec![c]);
        }
    }
    let sheet = AnswerSheet::parse(text, format).map_err(|e| e.to_string())?;
    check(catalog, &sheet)?;
    Ok(vec![Candidate {
        name: sheet
            .candidate
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or(stem),
        source: source.to_string(),
        sheet,
    }])
}

fn check(catalog: &Catalog, sheet: &AnswerSheet) -> Result<(), String> {
    sheet.check(catalog).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_lines_headings_and_list_items() {
        let html = "<html><head><style>h1{color:red}</style><script>var x='<li>Go</li>';</script></head>\
            <body><h1>Backend Developer</h1><p>We build &amp; ship.</p>\
            <h2>Requirements</h2><ul><li>Python &amp; Django</li><li>SQL</li></ul></body></html>";
        assert_eq!(
            html_to_text(html),
            "# Backend Developer\n\nWe build & ship.\n\n## Requirements\n\n- Python & Django\n\n- SQL"
        );
        assert_eq!(html_to_text("a <b unclosed"), "a");
    }

    #[test]
    fn ids_from_file_names_are_unique() {
        let catalog = Catalog::embedded().expect("catalog");
        let dir = tempfile::tempdir().expect("dir");
        std::fs::create_dir(dir.path().join("b")).expect("mkdir");
        let text = "# Dev\n## Requirements\n- Python\n";
        std::fs::write(dir.path().join("job.md"), text).expect("write");
        std::fs::write(dir.path().join("b/job.md"), text).expect("write");
        std::fs::write(dir.path().join("empty.txt"), "nothing here").expect("write");
        std::fs::write(dir.path().join("notes.pdf"), "skipped").expect("write");
        let (postings, failures) = read_postings(&catalog, &[dir.path().to_path_buf()]);
        let ids: Vec<&str> = postings.iter().map(|p| p.template.id.as_str()).collect();
        assert_eq!(ids, ["job", "job-2"]);
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert!(failures[0].source.ends_with("empty.txt"));
        assert!(failures[0].error.contains("no skill"), "{failures:?}");
    }
}
