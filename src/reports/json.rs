//! JSON: the documented, versioned documents, on stdout alone. A cohort is streamed as one
//! object (`{"schema_version":1,"results":[...],"failures":[...],"summary":...}`) without
//! holding the candidates in memory.

use std::io::{self, Write};

use serde::Serialize;

use super::{Detail, Listing, Reporter};
use crate::results::{Results, SCHEMA_VERSION};
use crate::summary::Summary;

#[derive(Default)]
pub struct JsonReporter {
    results_written: usize,
    failures: Vec<(String, String)>,
}

pub(crate) fn write_pretty<T: Serialize + ?Sized>(
    out: &mut dyn Write,
    value: &T,
) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

impl Reporter for JsonReporter {
    fn results(&mut self, out: &mut dyn Write, results: &Results) -> io::Result<()> {
        write_pretty(out, results)
    }

    fn cohort_row(&mut self, out: &mut dyn Write, results: &Results) -> io::Result<()> {
        if self.results_written == 0 {
            write!(out, "{{\"schema_version\":{SCHEMA_VERSION},\"results\":[")?;
        } else {
            write!(out, ",")?;
        }
        self.results_written += 1;
        writeln!(out)?;
        serde_json::to_writer(&mut *out, results)?;
        Ok(())
    }

    fn cohort_failure(
        &mut self,
        _out: &mut dyn Write,
        source: &str,
        error: &str,
    ) -> io::Result<()> {
        self.failures.push((source.to_string(), error.to_string()));
        Ok(())
    }

    fn cohort_end(&mut self, out: &mut dyn Write, summary: Option<&Summary>) -> io::Result<()> {
        if self.results_written == 0 {
            write!(out, "{{\"schema_version\":{SCHEMA_VERSION},\"results\":[")?;
        }
        write!(out, "\n],\"failures\":")?;
        let failures: Vec<serde_json::Value> = self
            .failures
            .iter()
            .map(|(source, error)| serde_json::json!({"source": source, "error": error}))
            .collect();
        serde_json::to_writer(&mut *out, &failures)?;
        if let Some(summary) = summary {
            write!(out, ",\"summary\":")?;
            serde_json::to_writer(&mut *out, summary)?;
        }
        writeln!(out, "}}")
    }

    fn listing(&mut self, out: &mut dyn Write, listing: &Listing) -> io::Result<()> {
        write_pretty(out, &listing.items)
    }

    fn detail(&mut self, out: &mut dyn Write, detail: &Detail) -> io::Result<()> {
        write_pretty(out, &detail.item)
    }
}
