//! `skillgap calibrate`: Rasch difficulties from a cohort's results, the flagged questions, and
//! the overlay file the catalog loads with `--calibration`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use super::output::{self, Output};
use super::{Context, listing_format};
use crate::calibrate::{self, Cohort, Flag, ItemCalibration, RESPONSES_NEEDED};
use crate::cli::CalibrateArgs;
use crate::error::{Error, exit};
use crate::files::{CappedLines, Limit};
use crate::reports::Listing;
use crate::results::Results;
use crate::summary::CohortDocument;
use crate::write::write_file;

pub fn run(context: &Context, args: &CalibrateArgs) -> Result<u8> {
    let catalog = context.catalog()?;
    let file = output::file_target(Some(&args.out));
    let existing = match file {
        Some(path) => Some(
            output::check_out(path, args.force)
                .map_err(|error| error.context("cannot write the calibration overlay"))?,
        ),
        None => None,
    };
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
    let population = estimate_population(&catalog, &cohort, &items);
    let note = format!(
        "{} people, catalog {} {}",
        cohort.persons.len(),
        catalog.info.id,
        catalog.info.version
    );
    let overlay = calibrate::overlay_toml(&items, population.as_ref(), &note);
    let mut reporter = listing_format(args.format.format).reporter(context.color);
    match (file, existing) {
        (Some(path), Some(existing)) => {
            write_file(path, overlay.as_bytes(), existing)?;
            let mut out = Output::stdout();
            reporter.listing(&mut out, &listing(&items))?;
            out.finish()?;
        }
        _ => {
            // The overlay is stdout's; the table goes to stderr.
            let mut out = Output::stdout();
            out.write_all(overlay.as_bytes())?;
            out.finish()?;
            reporter.listing(&mut io::stderr().lock(), &listing(&items))?;
        }
    }
    report(file, &cohort, &items);
    report_population(population.as_ref(), cohort.persons.len());
    Ok(exit::OK)
}

/// The population under the new difficulties: the items the overlay sets are applied first, so
/// the two fit together.
fn estimate_population(
    catalog: &crate::catalog::Catalog,
    cohort: &Cohort,
    items: &[ItemCalibration],
) -> Option<calibrate::PopulationEstimate> {
    let mut calibrated = catalog.clone();
    for item in items.iter().filter(|i| i.is_usable()) {
        if let (Some(b), Some(index)) = (item.b, calibrated.question_position(&item.id)) {
            calibrated.questions[index].b = Some(b);
        }
    }
    calibrate::estimate_population(&calibrated, cohort)
}

fn report_population(estimate: Option<&calibrate::PopulationEstimate>, people: usize) {
    match estimate {
        Some(estimate) => {
            let p = estimate.population;
            say!(
                "population (joint model, EM over {} people, {} iterations): general mean {}, \
                 general sd {}, skill sd {} (skills correlate at {:.2}){}",
                estimate.people,
                estimate.iterations,
                p.general_mean,
                p.general_sd,
                p.skill_sd,
                p.skill_correlation(),
                if estimate.at_bound {
                    "; held at the loader's bounds, check the cohort"
                } else {
                    ""
                }
            );
        }
        None => say!(
            "population: not estimated ({people} people; it needs at least {}); the overlay keeps \
             the catalog's",
            calibrate::PEOPLE_FOR_POPULATION
        ),
    }
}

/// What happened, on stderr: the file written, what needs a look, and what is still rough.
fn report(out: Option<&Path>, cohort: &Cohort, items: &[ItemCalibration]) {
    if cohort.unknown_questions > 0 {
        say!(
            "warning: {} answer(s) name questions this catalog does not have; they were skipped",
            cohort.unknown_questions
        );
    }
    let few = items
        .iter()
        .filter(|i| i.flags.contains(&Flag::FewResponses))
        .count();
    if few > 0 {
        say!(
            "warning: {few} of {} question(s) have fewer than {RESPONSES_NEEDED} responses; their \
             difficulties are rough (±0.25 logits needs about {RESPONSES_NEEDED})",
            items.len()
        );
    }
    for item in items.iter().filter(|i| {
        i.flags.iter().any(|f| {
            matches!(
                f,
                Flag::CheckKey | Flag::TooEasy | Flag::TooHard | Flag::AtBound
            )
        })
    }) {
        let reasons: Vec<&str> = item
            .flags
            .iter()
            .filter(|f| **f != Flag::FewResponses)
            .map(|f| f.describe())
            .collect();
        say!("check {}: {}", item.id, reasons.join("; "));
    }
    let written = items.iter().filter(|i| i.is_usable()).count();
    let to = out.map_or("standard output".into(), |path| path.display().to_string());
    say!(
        "calibrated {} question(s) from {} people; wrote {written} difficulties to {to}",
        items.len(),
        cohort.persons.len(),
    );
    match out {
        Some(path) => say!(
            "use them with: skillgap --calibration {} assess",
            path.display()
        ),
        None => {
            say!("save them to a file and use it with: skillgap --calibration FILE assess")
        }
    }
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
                        Flag::AtBound => "at bound",
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
        let files = result_files(path)?;
        if files.is_empty() {
            bail!(Error::InvalidInput(format!(
                "no results documents in {} (they end in .json or .jsonl)",
                crate::sanitize::line(&path.display().to_string())
            )));
        }
        let mut documents = Vec::new();
        for file in files {
            documents.extend(read_documents(&file)?);
        }
        return Ok(documents);
    }
    if path.extension().is_some_and(|e| e == "jsonl") {
        return read_lines(path);
    }
    let text = crate::files::read_limited(path, Limit::COHORT)?;
    // A cohort document has `results`; a results document does not.
    #[derive(serde::Deserialize)]
    struct Probe {
        results: Option<serde::de::IgnoredAny>,
    }
    let is_cohort = serde_json::from_str::<Probe>(&text).is_ok_and(|p| p.results.is_some());
    if !is_cohort {
        return Ok(vec![Results::read(path)?]);
    }
    let cohort: CohortDocument = serde_json::from_str(&text).map_err(|e| {
        Error::InvalidInput(crate::sanitize::message(&format!(
            "{}: line {}, column {}: not a valid cohort document ({e}); write one with \
             `skillgap score FOLDER --format json`",
            path.display(),
            e.line(),
            e.column()
        )))
    })?;
    Ok(cohort.results)
}

fn read_error(path: &Path, source: io::Error) -> anyhow::Error {
    Error::Read {
        path: path.to_path_buf(),
        source,
    }
    .into()
}

/// JSON Lines of results documents; a `{"summary": ...}` line is skipped.
fn read_lines(path: &Path) -> Result<Vec<Results>> {
    let file = crate::files::open_input(path).map_err(|e| read_error(path, e))?;
    let mut documents = Vec::new();
    for (index, line) in CappedLines::new(io::BufReader::new(file), Limit::JSONL).enumerate() {
        let line = line.map_err(|e| read_error(path, e))?;
        let line = line.as_str();
        if line.trim().is_empty() {
            continue;
        }
        let invalid = |e: serde_json::Error| {
            Error::InvalidInput(crate::sanitize::message(&format!(
                "{}:{}: not a results document: {}",
                path.display(),
                index + 1,
                crate::sheet::json_error_words(&e)
            )))
        };
        // The `--summary` line of `score --format jsonl` has a summary and no skills.
        #[derive(serde::Deserialize)]
        struct Probe {
            summary: Option<serde::de::IgnoredAny>,
            skills: Option<serde::de::IgnoredAny>,
        }
        let probe: Probe = serde_json::from_str(line).map_err(invalid)?;
        if probe.summary.is_some() && probe.skills.is_none() {
            continue;
        }
        documents.push(serde_json::from_str::<Results>(line).map_err(invalid)?);
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
