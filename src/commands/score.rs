//! `skillgap score`: answer sheets (or a folder of them) to results, one document or a cohort.

use std::io::{self, IsTerminal};
use std::path::Path;

use anyhow::{Result, bail};

use super::output::{self, Output};
use super::{Context, posting};
use crate::batch::{self, Input, TemplateChoice};
use crate::cli::ScoreArgs;
use crate::date::Date;
use crate::error::{Error, exit};
use crate::summary::SummaryBuilder;

pub fn run(context: &Context, args: &ScoreArgs) -> Result<u8> {
    let mut catalog = context.catalog()?;
    let inputs: Vec<Input> = args.inputs.iter().map(|p| Input::from_arg(p)).collect();
    let posting_from_stdin = args.posting.as_deref() == Some(Path::new("-"));
    let stdin_count =
        inputs.iter().filter(|i| **i == Input::Stdin).count() + usize::from(posting_from_stdin);
    if stdin_count > 1 {
        bail!(Error::InvalidInput(
            "`-` (stdin) may be given only once".into()
        ));
    }
    let mut templates = args.templates.clone();
    if let Some(path) = &args.posting {
        templates.push(posting::add_to_catalog(&mut catalog, path)?);
    }
    let choice = if args.all_templates {
        TemplateChoice::Fixed(catalog.templates.iter().map(|t| t.id.clone()).collect())
    } else if templates.is_empty() {
        TemplateChoice::SheetOrAll
    } else {
        TemplateChoice::Fixed(templates)
    };
    let single = batch::is_single_sheet(&inputs) && !args.summary;
    let file = output::file_target(args.out.as_deref());
    let mut reporter = context.report_reporter(args.format.format, file);
    let mut out = Output::open(file, args.force)?;
    let progress = progress_bar(args.quiet || single);
    let mut summary = SummaryBuilder::default();
    let mut failures = 0usize;
    let start = args.start.unwrap_or_else(Date::today);
    let total = |count: Option<usize>| {
        if let Some(count) = count {
            show_total(&progress, count as u64);
        }
    };
    batch::run_counted(&catalog, &inputs, &choice, total, |outcome| {
        progress.inc(1);
        for warning in &outcome.warnings {
            progress.suspend(|| say!("warning: {}: {warning}", outcome.source));
        }
        let result = outcome.result.map(|mut results| {
            if args.plan {
                results.attach_plan(&catalog, start);
            }
            results
        });
        match result {
            Ok(results) if single => reporter.results(&mut out, &results),
            Ok(results) => {
                summary.add(&results);
                reporter.cohort_row(&mut out, &results)
            }
            Err(error) => {
                failures += 1;
                summary.add_failure();
                progress.suspend(|| say!("error: {}: {error}", outcome.source));
                reporter.cohort_failure(&mut out, &outcome.source, &error)
            }
        }
    })?;
    progress.finish_and_clear();
    if !single {
        let summary = args.summary.then(|| summary.build());
        reporter.cohort_end(&mut out, summary.as_ref())?;
    }
    out.finish()?;
    if failures > 0 {
        say!("{failures} sheet(s) could not be scored; see the errors above");
        return Ok(exit::INVALID_INPUT);
    }
    Ok(exit::OK)
}

/// The progress bar's line: a spinner and a count while the total is unknown (stdin, `.jsonl`),
/// a bar with the total and an estimate of the time left once it is known.
fn progress_template(total_known: bool) -> &'static str {
    if total_known {
        "{bar:30} {human_pos}/{human_len} sheets scored in {elapsed}, about {eta} left"
    } else {
        "{spinner} {human_pos} sheets scored in {elapsed}"
    }
}

/// Turns the spinner into a bar of `total` sheets.
fn show_total(bar: &indicatif::ProgressBar, total: u64) {
    bar.set_length(total);
    if let Ok(style) = indicatif::ProgressStyle::with_template(progress_template(true)) {
        bar.set_style(style.progress_chars("█▉▊▋▌▍▎▏ "));
    }
}

/// A spinner counting sheets on stderr, when stderr is a terminal and it is wanted.
fn progress_bar(hidden: bool) -> indicatif::ProgressBar {
    if hidden || !io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    if let Ok(style) = indicatif::ProgressStyle::with_template(progress_template(false)) {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_count_shows_the_total_and_the_time_left() {
        assert!(progress_template(true).contains("{human_len}"));
        assert!(progress_template(true).contains("{eta}"));
        assert!(!progress_template(false).contains("{human_len}"));
        let bar = indicatif::ProgressBar::hidden();
        show_total(&bar, 12);
        assert_eq!(bar.length(), Some(12));
    }
}
