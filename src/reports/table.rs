//! Text for the terminal, laid out for its width ([`super::grid`]): a candidate's report opens
//! and ends with its summary; cohorts stream as fixed columns. With `--accessible` every table
//! becomes labelled lines.

use std::io::{self, Write};

use super::grid::{Style, render, wrap, wrap_indented};
use super::markup::{Block, Report, results_report, summary_listings};
use super::{Detail, Listing, Reporter, Saved, top_gap_names};
use crate::results::Results;
use crate::summary::Summary;

pub struct TableReporter {
    style: Style,
    header_written: bool,
    saved: Saved,
}

impl TableReporter {
    pub fn new(style: Style) -> Self {
        TableReporter {
            style,
            header_written: false,
            saved: Saved::default(),
        }
    }

    fn heading(&self, text: &str) -> String {
        self.style.heading(text)
    }

    fn table(&self, listing: &Listing) -> String {
        render(listing, &self.style)
    }

    fn facts(&self, out: &mut dyn Write, facts: &[(&str, String)]) -> io::Result<()> {
        let width = facts.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
        for (key, value) in facts {
            let value = crate::sanitize::lines(value);
            let lines = if self.style.accessible {
                wrap_indented(&format!("{key}: {value}"), self.style.width, "", "")
            } else {
                let first = format!("  {key:<width$}  ");
                let rest = " ".repeat(first.len());
                wrap_indented(&value, self.style.width, &first, &rest)
            };
            for line in lines {
                writeln!(out, "{line}")?;
            }
        }
        Ok(())
    }

    fn report(&self, out: &mut dyn Write, report: &Report) -> io::Result<()> {
        writeln!(out, "{}", self.heading(&clean(&report.title)))?;
        self.facts(out, &report.facts)?;
        for block in &report.blocks {
            writeln!(out)?;
            match block {
                Block::Lines(heading, lines) => {
                    writeln!(out, "{}", self.heading(&clean(heading)))?;
                    for line in lines {
                        for wrapped in wrap_indented(&clean(line), self.style.width, "  ", "  ") {
                            writeln!(out, "{wrapped}")?;
                        }
                    }
                }
                Block::Facts(heading, facts) => {
                    writeln!(out, "{}", self.heading(&clean(heading)))?;
                    self.facts(out, facts)?;
                }
                Block::Table(heading, listing, note) => {
                    writeln!(out, "{}", self.heading(&clean(heading)))?;
                    if listing.rows.is_empty() {
                        writeln!(out, "  (none)")?;
                    } else {
                        write!(out, "{}", self.table(listing))?;
                        // The legend explains glyphs; the accessible layout has none.
                        if let Some(note) = note.as_ref().filter(|_| !self.style.accessible) {
                            for line in wrap(note, self.style.width) {
                                writeln!(out, "{line}")?;
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// Untrusted text (names, ids, file names) with its control characters made visible, so it
/// cannot clear the terminal or retitle its window.
fn clean(text: &str) -> String {
    crate::sanitize::line(text).into_owned()
}

const COHORT_COLUMNS: [(&str, usize); 4] = [
    ("Candidate", 24),
    ("Template", 26),
    ("Readiness", 10),
    ("Verdict", 19),
];

fn fit(text: &str, width: usize) -> String {
    let count = console::measure_text_width(text);
    if count <= width {
        format!("{text}{}", " ".repeat(width - count))
    } else {
        let cut: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

impl Reporter for TableReporter {
    fn saved(&mut self, saved: &Saved) {
        self.saved = saved.clone();
    }

    fn results(&mut self, out: &mut dyn Write, results: &Results) -> io::Result<()> {
        self.report(out, &results_report(results, &self.saved))
    }

    fn cohort_row(&mut self, out: &mut dyn Write, results: &Results) -> io::Result<()> {
        let name = results
            .candidate
            .as_deref()
            .or(results.source.as_deref())
            .unwrap_or("(no name)");
        if self.style.accessible {
            for template in &results.templates {
                let line = format!(
                    "Candidate: {}. Template: {}. Readiness: {:.0} %. Verdict: {}. Top gaps: {}.",
                    clean(name),
                    clean(&template.title),
                    template.readiness,
                    super::certainty::verdict_phrase(template),
                    clean(&top_gap_names(template, 3))
                );
                for line in wrap(&line, self.style.width) {
                    writeln!(out, "{line}")?;
                }
            }
            return Ok(());
        }
        if !self.header_written {
            self.header_written = true;
            let header: Vec<String> = COHORT_COLUMNS.iter().map(|(n, w)| fit(n, *w)).collect();
            let line = format!("{}  Top gaps", header.join("  "));
            writeln!(out, "{}", self.heading(&line))?;
        }
        for template in &results.templates {
            let cells = [
                name.to_string(),
                template.title.clone(),
                format!("{:.0} %", template.readiness),
                format!(
                    "{} ({})",
                    template.verdict.as_str(),
                    super::certainty::percent(template.verdict_probability)
                ),
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
                clean(&top_gap_names(template, 3))
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
        write!(out, "{}", self.table(&templates))?;
        if !gaps.rows.is_empty() {
            writeln!(out)?;
            writeln!(out, "{}", self.heading("Most common gaps"))?;
            write!(out, "{}", self.table(&gaps))?;
        }
        Ok(())
    }

    fn listing(&mut self, out: &mut dyn Write, listing: &Listing) -> io::Result<()> {
        write!(out, "{}", self.table(listing))
    }

    fn detail(&mut self, out: &mut dyn Write, detail: &Detail) -> io::Result<()> {
        writeln!(out, "{}", self.heading(&clean(&detail.title)))?;
        self.facts(out, &detail.fields)?;
        for (heading, listing) in &detail.sections {
            writeln!(out)?;
            writeln!(out, "{}", self.heading(&clean(heading)))?;
            if listing.rows.is_empty() {
                writeln!(out, "  (none)")?;
            } else {
                write!(out, "{}", self.table(listing))?;
            }
        }
        Ok(())
    }
}
