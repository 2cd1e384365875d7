//! Tables for the terminal (comfy-table), fitted to its width; cohorts stream as fixed columns.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};

use super::markup::{results_detail, summary_listings};
use super::{Detail, Listing, Reporter, top_gaps};
use crate::results::Results;
use crate::summary::Summary;

pub struct TableReporter {
    color: bool,
    header_written: bool,
}

impl TableReporter {
    pub fn new(color: bool) -> Self {
        TableReporter {
            color,
            header_written: false,
        }
    }

    fn heading(&self, text: &str) -> String {
        if self.color {
            console::style(text).bold().to_string()
        } else {
            text.to_string()
        }
    }
}

fn table(listing: &Listing) -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(listing.columns.clone());
    for row in &listing.rows {
        table.add_row(row.iter().map(|cell| clean(cell)));
    }
    table
}

/// Untrusted text (names, ids, file names) with its control characters made visible, so it
/// cannot clear the terminal or retitle its window.
fn clean(text: &str) -> String {
    crate::sanitize::line(text).into_owned()
}

const COHORT_COLUMNS: [(&str, usize); 4] = [
    ("Candidate", 28),
    ("Template", 26),
    ("Readiness", 10),
    ("Verdict", 8),
];

fn fit(text: &str, width: usize) -> String {
    let count = text.chars().count();
    if count <= width {
        format!("{text:<width$}")
    } else {
        let cut: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

impl Reporter for TableReporter {
    fn results(&mut self, out: &mut dyn Write, results: &Results) -> io::Result<()> {
        self.detail(out, &results_detail(results))
    }

    fn cohort_row(&mut self, out: &mut dyn Write, results: &Results) -> io::Result<()> {
        if !self.header_written {
            self.header_written = true;
            let header: Vec<String> = COHORT_COLUMNS.iter().map(|(n, w)| fit(n, *w)).collect();
            let line = format!("{}  Top gaps", header.join("  "));
            writeln!(out, "{}", self.heading(&line))?;
        }
        for template in &results.templates {
            let cells = [
                results.display_name().to_string(),
                template.template.clone(),
                format!("{:.0}%", template.readiness),
                template.verdict.as_str().to_string(),
            ];
            let cells: Vec<String> = cells
                .iter()
                .zip(COHORT_COLUMNS)
                .map(|(cell, (_, width))| fit(&clean(cell), width))
                .collect();
            writeln!(
                out,
                "{}  {}",
                cells.join("  "),
                clean(&top_gaps(template, 3))
            )?;
        }
        Ok(())
    }

    fn cohort_end(&mut self, out: &mut dyn Write, summary: Option<&Summary>) -> io::Result<()> {
        let Some(summary) = summary else {
            return Ok(());
        };
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            self.heading(&format!(
                "Cohort summary: {} candidate(s), {} sheet(s) failed",
                summary.candidates, summary.failed
            ))
        )?;
        let (templates, gaps) = summary_listings(summary);
        writeln!(out, "{}", table(&templates))?;
        if !gaps.rows.is_empty() {
            writeln!(out, "{}", self.heading("Most common gaps"))?;
            writeln!(out, "{}", table(&gaps))?;
        }
        Ok(())
    }

    fn listing(&mut self, out: &mut dyn Write, listing: &Listing) -> io::Result<()> {
        writeln!(out, "{}", table(listing))
    }

    fn detail(&mut self, out: &mut dyn Write, detail: &Detail) -> io::Result<()> {
        writeln!(out, "{}", self.heading(&clean(&detail.title)))?;
        let width = detail
            .fields
            .iter()
            .map(|(k, _)| k.len())
            .max()
            .unwrap_or(0);
        for (key, value) in &detail.fields {
            writeln!(out, "  {key:<width$}  {}", crate::sanitize::lines(value))?;
        }
        for (heading, listing) in &detail.sections {
            writeln!(out)?;
            writeln!(out, "{}", self.heading(&clean(heading)))?;
            if listing.rows.is_empty() {
                writeln!(out, "  (none)")?;
            } else {
                writeln!(out, "{}", table(listing))?;
            }
        }
        Ok(())
    }
}
