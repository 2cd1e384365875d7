//! Markdown: what a coach pastes into a README or an email.

use std::io::{self, Write};

use super::markup::{Block, results_report, summary_listings};
use super::{Detail, Listing, Reporter, Saved, top_gap_names};
use crate::results::Results;
use crate::summary::Summary;

#[derive(Default)]
pub struct MarkdownReporter {
    header_written: bool,
    saved: Saved,
}

/// Escapes what would break a Markdown table cell or start markup.
/// Control characters and escape sequences from the input become visible escapes.
fn cell(text: &str) -> String {
    crate::sanitize::line(&text.replace('\n', " "))
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', " ")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A table cell: its lines joined with `<br>` (a link stays whole on a line of its own).
fn table_cell(text: &str) -> String {
    text.split('\n').map(cell).collect::<Vec<_>>().join("<br>")
}

/// The table, without the columns empty in every row.
fn write_table(out: &mut dyn Write, listing: &Listing) -> io::Result<()> {
    let empty = |c: &str| c.trim().is_empty() || c.trim() == "-";
    let columns: Vec<usize> = (0..listing.columns.len())
        .filter(|&c| {
            !listing
                .rows
                .iter()
                .all(|row| row.get(c).is_none_or(|v| empty(v)))
        })
        .collect();
    let header: Vec<&str> = columns.iter().map(|&c| listing.columns[c]).collect();
    writeln!(out, "| {} |", header.join(" | "))?;
    writeln!(out, "|{}", "---|".repeat(columns.len()))?;
    for row in &listing.rows {
        let cells: Vec<String> = columns
            .iter()
            .map(|&c| row.get(c).map_or(String::new(), |v| table_cell(v)))
            .collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

impl Reporter for MarkdownReporter {
    fn saved(&mut self, saved: &Saved) {
        self.saved = saved.clone();
    }

    fn results(&mut self, out: &mut dyn Write, results: &Results) -> io::Result<()> {
        let report = results_report(results, &self.saved);
        writeln!(out, "# {}\n", cell(&report.title))?;
        for (key, value) in &report.facts {
            writeln!(out, "- **{key}:** {}", cell(value))?;
        }
        for block in &report.blocks {
            match block {
                Block::Lines(heading, lines) => {
                    writeln!(out, "\n## {}\n", cell(heading))?;
                    for line in lines {
                        if line.is_empty() {
                            writeln!(out)?;
                        } else {
                            writeln!(out, "{}  ", cell(line))?;
                        }
                    }
                }
                Block::Facts(heading, facts) => {
                    writeln!(out, "\n## {}\n", cell(heading))?;
                    for (key, value) in facts {
                        writeln!(out, "- **{key}:** {}", cell(value))?;
                    }
                }
                Block::Table(heading, listing, note) => {
                    writeln!(out, "\n## {}\n", cell(heading))?;
                    if listing.rows.is_empty() {
                        writeln!(out, "(none)")?;
                    } else {
                        write_table(out, listing)?;
                        if let Some(note) = note {
                            writeln!(out, "\n{}", cell(note))?;
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn cohort_row(&mut self, out: &mut dyn Write, results: &Results) -> io::Result<()> {
        if !self.header_written {
            self.header_written = true;
            writeln!(out, "# Cohort readiness\n")?;
            writeln!(
                out,
                "| Candidate | Template | Readiness | Verdict | Top gaps |"
            )?;
            writeln!(out, "|---|---|---|---|---|")?;
        }
        for template in &results.templates {
            writeln!(
                out,
                "| {} | {} | {:.0} % | {} | {} |",
                cell(
                    results
                        .candidate
                        .as_deref()
                        .or(results.source.as_deref())
                        .unwrap_or("(no name)")
                ),
                cell(&template.title),
                template.readiness,
                super::certainty::verdict_phrase(template),
                cell(&top_gap_names(template, 3))
            )?;
        }
        Ok(())
    }

    fn cohort_end(&mut self, out: &mut dyn Write, summary: Option<&Summary>) -> io::Result<()> {
        let Some(summary) = summary else {
            return Ok(());
        };
        writeln!(
            out,
            "\n## Cohort summary\n\n{} candidate(s) scored, {} sheet(s) failed.\n",
            summary.candidates, summary.failed
        )?;
        let (templates, gaps) = summary_listings(summary);
        write_table(out, &templates)?;
        if !gaps.rows.is_empty() {
            writeln!(out, "\n### Most common gaps\n")?;
            write_table(out, &gaps)?;
        }
        Ok(())
    }

    fn listing(&mut self, out: &mut dyn Write, listing: &Listing) -> io::Result<()> {
        write_table(out, listing)
    }

    fn detail(&mut self, out: &mut dyn Write, detail: &Detail) -> io::Result<()> {
        writeln!(out, "# {}\n", cell(&detail.title))?;
        for (key, value) in &detail.fields {
            writeln!(out, "- **{key}:** {}", cell(&value.replace('\n', " ")))?;
        }
        for (heading, listing) in &detail.sections {
            writeln!(out, "\n## {}\n", cell(heading))?;
            if listing.rows.is_empty() {
                writeln!(out, "(none)")?;
            } else {
                write_table(out, listing)?;
            }
        }
        Ok(())
    }
}
