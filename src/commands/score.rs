//! `skillgap score`: answer sheets (or a folder of them) to results, one document or a cohort.

use std::io::{self, IsTerminal};
use std::path::Path;

use anyhow::{Result, bail};

use super::output::Output;
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
    let mut reporter = context.report_reporter(args.format.format, args.out.as_deref());
    let mut out = Output::open(args.out.as_deref())?;
    let progress = progress_bar(args.quiet || single);
    let mut summary = SummaryBuilder::default();
    let mut failures = 0usize;
    let start = args.start.unwrap_or_else(Date::today);
    batch::run(&catalog, &inputs, &choice, |outcome| {
        progress.inc(1);
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
                progress.suspend(|| eprintln!("error: {}: {error}", outcome.source));
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
        eprintln!("{failures} sheet(s) could not be scored; see the errors above");
        return Ok(exit::INVALID_INPUT);
    }
    Ok(exit::OK)
}

/// A spinner counting sheets on stderr, when stderr is a terminal and it is wanted.
fn progress_bar(hidden: bool) -> indicatif::ProgressBar {
    if hidden || !io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} {human_pos} sheets scored in {elapsed}")
    {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}
