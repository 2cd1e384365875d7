//! `skillgap report`: renders a saved results document again, in any format.

use anyhow::Result;

use super::Context;
use super::output::Output;
use crate::cli::ReportArgs;
use crate::error::exit;
use crate::results::Results;

pub fn run(context: &Context, args: &ReportArgs) -> Result<u8> {
    let results = Results::read(&args.results)?;
    let mut reporter = context.report_reporter(args.format.format, args.out.as_deref());
    let mut out = Output::open(args.out.as_deref())?;
    reporter.results(&mut out, &results)?;
    out.finish()?;
    Ok(exit::OK)
}
