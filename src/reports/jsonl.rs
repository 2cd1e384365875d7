//! JSON Lines: one compact document per line, for streaming into jq or another tool. A cohort's
//! summary, when asked for, is a last line of the form `{"schema_version": N, "summary": {...}}`.

use std::io::{self, Write};

use super::{Detail, Listing, Reporter};
use crate::results::Results;
use crate::summary::{Summary, SummaryLine};

pub struct JsonlReporter;

/// One document and its newline, built in memory and written at once: serde writes a document
/// in hundreds of small pieces, each a call through `dyn Write`.
fn line<T: serde::Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    // About the size of one results document, so that it is rarely grown (and copied).
    let mut bytes = Vec::with_capacity(16 * 1024);
    serde_json::to_writer(&mut bytes, value)?;
    bytes.push(b'\n');
    out.write_all(&bytes)
}

impl Reporter for JsonlReporter {
    fn results(&mut self, out: &mut dyn Write, results: &Results) -> io::Result<()> {
        line(out, results)
    }

    fn cohort_row(&mut self, out: &mut dyn Write, results: &Results) -> io::Result<()> {
        line(out, results)
    }

    fn cohort_end(&mut self, out: &mut dyn Write, summary: Option<&Summary>) -> io::Result<()> {
        match summary {
            Some(summary) => line(out, &SummaryLine::new(summary.clone())),
            None => Ok(()),
        }
    }

    fn listing(&mut self, out: &mut dyn Write, listing: &Listing) -> io::Result<()> {
        match &listing.items {
            serde_json::Value::Array(items) => items.iter().try_for_each(|item| line(out, item)),
            other => line(out, other),
        }
    }

    fn detail(&mut self, out: &mut dyn Write, detail: &Detail) -> io::Result<()> {
        line(out, &detail.item)
    }
}
