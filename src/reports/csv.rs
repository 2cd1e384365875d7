//! CSV: one row per candidate and template, for spreadsheets. With `--summary`, a blank line and
//! the per-template summary rows follow.

use std::io::{self, Write};

use super::{Detail, Listing, Reporter, top_gaps};
use crate::planning::PlanDocument;
use crate::results::Results;
use crate::summary::Summary;

#[derive(Default)]
pub struct CsvReporter {
    header_written: bool,
}

fn write_rows(out: &mut dyn Write, header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(safe(row))?;
    }
    writer.flush()
}

/// A number to `decimals` places, never `-0` (a sum of nothing, or a tiny negative rounding).
fn number(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    match text.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_string(),
        _ => text,
    }
}

/// A row's cells made safe for a spreadsheet: no formulas, no control characters.
fn safe<S: AsRef<str>>(cells: impl IntoIterator<Item = S>) -> Vec<String> {
    cells
        .into_iter()
        .map(|cell| crate::sanitize::csv_cell(cell.as_ref()).into_owned())
        .collect()
}

const COHORT_HEADER: [&str; 9] = [
    "candidate",
    "source",
    "template",
    "readiness",
    "verdict",
    "must_haves_missing",
    "gaps",
    "gap_hours",
    "top_gaps",
];

const PLAN_HEADER: [&str; 12] = [
    "order",
    "skill",
    "name",
    "current_level",
    "target_level",
    "hours",
    "must",
    "start_week",
    "end_week",
    "reached_on",
    "templates",
    "project",
];

impl Reporter for CsvReporter {
    /// One row per step: what a spreadsheet of the plan needs.
    fn plan(&mut self, out: &mut dyn Write, document: &PlanDocument) -> io::Result<()> {
        let rows: Vec<Vec<String>> = document
            .plan
            .steps
            .iter()
            .map(|step| {
                vec![
                    step.order.to_string(),
                    step.skill.clone(),
                    step.name.clone(),
                    step.current_level.map_or(String::new(), |l| l.to_string()),
                    step.target_level.to_string(),
                    // Adding 0.0 turns -0 into 0.
                    (step.hours + 0.0).to_string(),
                    step.must.to_string(),
                    step.start_week.to_string(),
                    step.end_week.to_string(),
                    step.reached_on.to_string(),
                    step.templates.join(" "),
                    step.project.clone().unwrap_or_default(),
                ]
            })
            .collect();
        write_rows(out, &PLAN_HEADER, &rows)
    }

    fn results(&mut self, out: &mut dyn Write, results: &Results) -> io::Result<()> {
        self.cohort_row(out, results)
    }

    fn cohort_row(&mut self, out: &mut dyn Write, results: &Results) -> io::Result<()> {
        let mut writer = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(out);
        if !self.header_written {
            self.header_written = true;
            writer.write_record(COHORT_HEADER)?;
        }
        for template in &results.templates {
            writer.write_record(safe([
                results.candidate.clone().unwrap_or_default(),
                results.source.clone().unwrap_or_default(),
                template.template.clone(),
                number(template.readiness, 1),
                super::certainty::verdict_id(template.verdict).to_string(),
                template.must_haves_missing.to_string(),
                template.gaps.len().to_string(),
                number(template.gaps.iter().map(|g| g.hours).sum::<f64>(), 0),
                top_gaps(template, 3).replace(", ", ";"),
            ]))?;
        }
        writer.flush()
    }

    fn cohort_end(&mut self, out: &mut dyn Write, summary: Option<&Summary>) -> io::Result<()> {
        let Some(summary) = summary else {
            return Ok(());
        };
        writeln!(out)?;
        let rows: Vec<Vec<String>> = summary
            .templates
            .iter()
            .map(|t| {
                vec![
                    t.template.clone(),
                    t.candidates.to_string(),
                    number(t.mean_readiness, 1),
                    number(t.median_readiness, 0),
                    t.ready.to_string(),
                    t.nearly.to_string(),
                    t.not_yet.to_string(),
                ]
            })
            .collect();
        write_rows(
            out,
            &[
                "template",
                "candidates",
                "mean_readiness",
                "median_readiness",
                "ready",
                "nearly",
                "not_yet",
            ],
            &rows,
        )
    }

    fn listing(&mut self, out: &mut dyn Write, listing: &Listing) -> io::Result<()> {
        write_rows(out, &listing.columns, &listing.rows)
    }

    fn detail(&mut self, out: &mut dyn Write, detail: &Detail) -> io::Result<()> {
        let rows: Vec<Vec<String>> = detail
            .fields
            .iter()
            .map(|(k, v)| vec![(*k).to_string(), v.clone()])
            .collect();
        write_rows(out, &["field", "value"], &rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_is_never_negative() {
        assert_eq!(number(-0.0, 0), "0");
        assert_eq!(number(-0.2, 0), "0");
        assert_eq!(number(-0.04, 1), "0.0");
        assert_eq!(number(-1.5, 1), "-1.5");
        assert_eq!(number(12.0, 0), "12");
    }
}
