//! Output formats, one file each behind the [`Reporter`] trait: adding a format is adding a file.
//! Everything a command prints goes through here, so every listing and report has `--format`.

pub mod certainty;
mod csv;
pub mod grid;
mod html;
mod json;
mod jsonl;
mod markdown;
mod markup;
mod plan_layout;
mod svg;
mod table;

use std::io::{self, Write};

use serde::Serialize;

use crate::planning::PlanDocument;
use crate::results::Results;
use crate::summary::Summary;

pub use markup::{level_bar, level_label, readiness_label};

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Jsonl,
    Csv,
    Markdown,
    Html,
}

impl Format {
    pub fn reporter(self, color: bool) -> Box<dyn Reporter> {
        match self {
            Format::Table => Box::new(table::TableReporter::new(grid::Style {
                width: crate::terminal::width(),
                accessible: crate::terminal::accessible(),
                color,
            })),
            Format::Json => Box::new(json::JsonReporter::default()),
            Format::Jsonl => Box::new(jsonl::JsonlReporter),
            Format::Csv => Box::new(csv::CsvReporter::default()),
            Format::Markdown => Box::new(markdown::MarkdownReporter::default()),
            Format::Html => Box::new(html::HtmlReporter::new(crate::date::Date::today())),
        }
    }
}

/// A list of things (templates, skills, pathways, problems): columns and rows for the text
/// formats, and the items themselves for JSON.
pub struct Listing {
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
    pub items: serde_json::Value,
    /// A column whose value (given on a group's first row only) heads the rows below it: in the
    /// compact and accessible layouts it becomes a heading instead of a column.
    pub group: Option<usize>,
}

impl Listing {
    pub fn new<T: Serialize>(
        columns: Vec<&'static str>,
        rows: Vec<Vec<String>>,
        items: &T,
    ) -> Self {
        Listing {
            columns,
            rows,
            items: serde_json::to_value(items).unwrap_or(serde_json::Value::Null),
            group: None,
        }
    }
}

/// Where `assess` saved what it found, so the report can end by saying so.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Saved {
    pub results: Option<std::path::PathBuf>,
    pub html: Option<std::path::PathBuf>,
}

/// One thing shown in full (`templates show`, `skills show`, ...).
pub struct Detail {
    pub title: String,
    pub fields: Vec<(&'static str, String)>,
    pub sections: Vec<(String, Listing)>,
    pub item: serde_json::Value,
}

/// One output format.
pub trait Reporter {
    /// Tells the report where the results (and an HTML version) are saved; the human formats
    /// end by saying so. Call it before [`Reporter::results`].
    fn saved(&mut self, _saved: &Saved) {}
    /// One candidate's full report.
    fn results(&mut self, out: &mut dyn Write, results: &Results) -> io::Result<()>;
    /// A cohort, streamed: called for each candidate in input order.
    fn cohort_row(&mut self, out: &mut dyn Write, results: &Results) -> io::Result<()>;
    /// A sheet of the cohort that could not be scored (the message also goes to stderr).
    fn cohort_failure(
        &mut self,
        _out: &mut dyn Write,
        _source: &str,
        _error: &str,
    ) -> io::Result<()> {
        Ok(())
    }
    /// Ends a cohort, with its summary when asked for.
    fn cohort_end(&mut self, out: &mut dyn Write, summary: Option<&Summary>) -> io::Result<()>;
    /// A study plan (`skillgap plan`).
    fn plan(&mut self, out: &mut dyn Write, document: &PlanDocument) -> io::Result<()> {
        self.detail(out, &plan_layout::plan_detail(document))
    }
    fn listing(&mut self, out: &mut dyn Write, listing: &Listing) -> io::Result<()>;
    fn detail(&mut self, out: &mut dyn Write, detail: &Detail) -> io::Result<()>;
}

/// The cohort row's short list of the top gaps by name, for the human formats.
pub(crate) fn top_gap_names(
    template: &crate::readiness::TemplateReadiness,
    count: usize,
) -> String {
    let names: Vec<&str> = template
        .gaps
        .iter()
        .take(count)
        .map(|g| g.name.as_str())
        .collect();
    if names.is_empty() {
        "-".to_string()
    } else {
        names.join(", ")
    }
}

/// The cohort row's short list of the top gaps by id, for the machine formats (CSV).
pub(crate) fn top_gaps(template: &crate::readiness::TemplateReadiness, count: usize) -> String {
    let names: Vec<&str> = template
        .gaps
        .iter()
        .take(count)
        .map(|g| g.skill.as_str())
        .collect();
    if names.is_empty() {
        "-".to_string()
    } else {
        names.join(", ")
    }
}
