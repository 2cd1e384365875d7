//! `skillgap report`: renders a saved results document again, in any format.

use anyhow::Result;

use super::Context;
use super::output::{self, Output};
use crate::cli::ReportArgs;
use crate::error::exit;
use crate::results::Results;

pub fn run(context: &Context, args: &ReportArgs) -> Result<u8> {
    let results = Results::read(&args.results)?;
    let file = output::file_target(args.out.as_deref());
    let mut reporter = context.report_reporter(args.format.format, file);
    let mut out = Output::open(file, args.force)?;
    reporter.results(&mut out, &results)?;
    out.finish()?;
    Ok(exit::OK)
}
