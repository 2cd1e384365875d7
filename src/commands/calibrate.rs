//! `skillgap calibrate`: Rasch difficulties from a cohort's results, the flagged questions, and
//! the overlay file the catalog loads with `--calibration`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use super::{Context, listing_format};
use crate::calibrate::{self, Cohort, Flag, ItemCalibration, RESPONSES_NEEDED};
use crate::cli::CalibrateArgs;
use crate::error::{Error, exit};
use crate::files::write_atomic;
use crate::reports::Listing;
use crate::results::Results;

pub fn run(context: &Context, args: &CalibrateArgs) -> Result<u8> {
    let catalog = context.catalog()?;
    if args.out.exists() && !args.force {
        bail!(Error::InvalidInput(format!(
            "{} exists; pass --force to overwrite it or --out to write elsewhere",
            args.out.display()
        )));
    }
    let mut documents = Vec::new();
    for input in &args.inputs {
        documents.extend(read_documents(input)?);
    }
    let cohort = Cohort::from_results(&catalog, &documents);
    if cohort.persons.is_empty() {
        bail!(Error::InvalidInput(format!(
            "the {} results document(s) hold no answered tested questions of this catalog; \
             calibrate needs the `answers` that `score` and `assess` record",
            documents.len()
        )));
    }
    let items = calibrate::calibrate(&catalog, &cohort);
    let note = format!(
        "{} people, catalog {} {}",
        cohort.persons.len(),
        catalog.info.id,
        catalog.info.version
    );
    write_atomic(&args.out, calibrate::overlay_toml(&items, &note).as_bytes())?;
    let mut out = io::stdout().lock();
    listing_format(args.format.format)
        .reporter(context.color)
        .listing(&mut out, &listing(&items))?;
    out.flush()?;
    report(&args.out, &cohort, &items);
    Ok(exit::OK)
}

/// What happened, on stderr: the file written, what needs a look, and what is still rough.
fn report(out: &Path, cohort: &Cohort, items: &[ItemCalibration]) {
    if cohort.unknown_questions > 0 {
        eprintln!(
            "warning: {} answer(s) name questions this catalog does not have; they were skipped",
            cohort.unknown_questions
        );
    }
    let few = items
        .iter()
        .filter(|i| i.flags.contains(&Flag::FewResponses))
        .count();
    if few > 0 {
        eprintln!(
            "warning: {few} of {} question(s) have fewer than {RESPONSES_NEEDED} responses; their \
             difficulties are rough (±0.25 logits needs about {RESPONSES_NEEDED})",
            items.len()
        );
    }
    for item in items.iter().filter(|i| {
        i.flags
            .iter()
            .any(|f| matches!(f, Flag::CheckKey | Flag::TooEasy | Flag::TooHard))
    }) {
        let reasons: Vec<&str> = item
            .flags
            .iter()
            .filter(|f| **f != Flag::FewResponses)
            .map(|f| f.describe())
            .collect();
        eprintln!("check {}: {}", item.id, reasons.join("; "));
    }
    let written = items.iter().filter(|i| i.is_usable()).count();
    eprintln!(
        "calibrated {} question(s) from {} people; wrote {written} difficulties to {}",
        items.len(),
        cohort.persons.len(),
        out.display()
    );
    eprintln!(
        "use them with: skillgap --calibration {} assess",
        out.display()
    );
}

fn listing(items: &[ItemCalibration]) -> Listing {
    let number = |value: Option<f64>| value.map_or("-".to_string(), |v| format!("{v:.2}"));
    let rows = items
        .iter()
        .map(|i| {
            vec![
                i.id.clone(),
                i.skill.clone(),
                i.n.to_string(),
                format!("{:.0} %", 100.0 * i.share_right),
                format!("{:.2}", i.current_b),
                number(i.b),
                number(i.se),
                number(i.item_rest_correlation),
                i.flags
                    .iter()
                    .map(|f| match f {
                        Flag::FewResponses => "few",
                        Flag::TooEasy => "too easy",
                        Flag::TooHard => "too hard",
                        Flag::CheckKey => "CHECK KEY",
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            ]
        })
        .collect();
    Listing::new(
        vec![
            "Question", "Skill", "n", "Right", "b now", "b new", "SE", "r(rest)", "Flags",
        ],
        rows,
        &items,
    )
}

/// Results documents in `path`: a results document, a cohort document (`{"results": [...]}`),
/// JSON Lines of results, or a folder of such files.
fn read_documents(path: &Path) -> Result<Vec<Results>> {
    if path.is_dir() {
        let mut documents = Vec::new();
        for file in result_files(path)? {
            documents.extend(read_documents(&file)?);
        }
        return Ok(documents);
    }
    if path.extension().is_some_and(|e| e == "jsonl") {
        return read_lines(path);
    }
    let text = crate::files::read_text(path)?;
    let cohort: Option<Vec<serde_json::Value>> = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v.get("results").and_then(|r| r.as_array().cloned()));
    match cohort {
        Some(values) => values
            .into_iter()
            .enumerate()
            .map(|(i, value)| {
                serde_json::from_value(value).map_err(|e| {
                    Error::InvalidInput(format!(
                        "{}: results[{i}]: not a valid results document: {e}",
                        path.display()
                    ))
                    .into()
                })
            })
            .collect(),
        None => Ok(vec![Results::read(path)?]),
    }
}

/// JSON Lines of results documents; a `{"summary": ...}` line is skipped.
fn read_lines(path: &Path) -> Result<Vec<Results>> {
    let text = crate::files::read_text(path)?;
    let mut documents = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let invalid = |e: serde_json::Error| {
            Error::InvalidInput(format!(
                "{}:{}: not a results document: {e}",
                path.display(),
                index + 1
            ))
        };
        let value: serde_json::Value = serde_json::from_str(line).map_err(invalid)?;
        if value.get("summary").is_some() && value.get("schema_version").is_none() {
            continue;
        }
        documents.push(serde_json::from_value(value).map_err(invalid)?);
    }
    Ok(documents)
}

/// The .json and .jsonl files under `dir`, recursively, sorted.
fn result_files(dir: &Path) -> Result<Vec<PathBuf>> {
    Ok(crate::files::files_under(dir, |path| {
        path.extension()
            .is_some_and(|e| e == "json" || e == "jsonl")
    })?)
}
