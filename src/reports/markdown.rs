//! Markdown: what a coach pastes into a README or an email.

use std::io::{self, Write};

use super::markup::{results_detail, summary_listings};
use super::{Detail, Listing, Reporter, top_gaps};
use crate::results::Results;
use crate::summary::Summary;

#[derive(Default)]
pub struct MarkdownReporter {
    header_written: bool,
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

fn write_table(out: &mut dyn Write, listing: &Listing) -> io::Result<()> {
    writeln!(out, "| {} |", listing.columns.join(" | "))?;
    writeln!(out, "|{}", "---|".repeat(listing.columns.len()))?;
    for row in &listing.rows {
        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

impl Reporter for MarkdownReporter {
    fn results(&mut self, out: &mut dyn Write, results: &Results) -> io::Result<()> {
        self.detail(out, &results_detail(results))
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
                "| {} | {} | {:.0}% | {} | {} |",
                cell(results.display_name()),
                cell(&template.title),
                template.readiness,
                template.verdict.as_str(),
                cell(&top_gaps(template, 3))
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
            writeln!(out, "- **{key}:** {}", cell(value))?;
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
