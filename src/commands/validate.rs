//! `skillgap validate`: every problem in a catalog folder (or the embedded catalog), with its
//! file, line and column.

use std::io::Write;

use anyhow::Result;

use super::Context;
use super::output::Output;
use crate::catalog;
use crate::cli::ValidateArgs;
use crate::error::exit;
use crate::reports::{Format, Listing};

pub fn run(context: &Context, args: &ValidateArgs) -> Result<u8> {
    let dir = args.dir.as_deref().or(context.data.as_deref());
    let (sources, name) = match dir {
        Some(dir) => (
            catalog::source::read_dir_sources(dir)?,
            dir.display().to_string(),
        ),
        None => (
            catalog::source::embedded_sources(),
            "embedded default catalog".to_string(),
        ),
    };
    let (document, mut problems) = catalog::check_sources(&sources);
    problems.sort();
    let rows = problems
        .iter()
        .map(|p| {
            vec![
                p.file.clone(),
                p.line.to_string(),
                p.column.to_string(),
                p.message.clone(),
            ]
        })
        .collect();
    let items: Vec<serde_json::Value> = problems
        .iter()
        .map(|p| serde_json::json!({"file": p.file, "line": p.line, "column": p.column, "message": p.message}))
        .collect();
    let mut out = Output::stdout();
    match args.format.format {
        None => {
            for problem in &problems {
                writeln!(out, "{problem}")?;
            }
        }
        Some(format) => Format::from(format).reporter(context.color).listing(
            &mut out,
            &Listing::new(vec!["File", "Line", "Column", "Problem"], rows, &items),
        )?,
    }
    out.finish()?;
    if problems.is_empty() {
        say!(
            "{name}: ok ({} skills, {} questions, {} templates, {} pathways)",
            document.skills.len(),
            document.questions.len(),
            document.templates.len(),
            document.pathways.len()
        );
        Ok(exit::OK)
    } else {
        say!("{name}: {} problem(s)", problems.len());
        Ok(exit::VALIDATION_FAILED)
    }
}
