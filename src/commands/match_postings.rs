//! `skillgap match`: ranks job postings for a result (or each candidate of a cohort) and
//! prints them in the chosen format, with one study plan for the best ones when asked.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use rayon::prelude::*;
use serde::Serialize;

use super::Context;
use super::output::{self, Output};
use super::plan::profile_with_overrides;
use crate::catalog::Catalog;
use crate::cli::MatchArgs;
use crate::date::Date;
use crate::error::{Error, exit};
use crate::matching::{
    self, Candidate, Failure, Match, Posting, Ranking, read_candidates, read_postings,
};
use crate::planning::{Plan, PlanDocument, PlanRequest};
use crate::reports::certainty::{readiness_phrase, verdict_id, verdict_phrase};
use crate::reports::{Detail, Format, Listing};

/// Best postings shown per candidate of a cohort unless `--top` says otherwise.
const COHORT_TOP: usize = 3;

/// The `--format json` document for one person.
#[derive(Serialize)]
struct MatchDocument<'a> {
    schema_version: u32,
    generator: String,
    candidate: &'a str,
    source: &'a str,
    /// Best first.
    postings: &'a [Match],
    failures: &'a [Failure],
    #[serde(skip_serializing_if = "Option::is_none")]
    plan: Option<&'a Plan>,
}

/// The `--format json` document for a cohort.
#[derive(Serialize)]
struct CohortDocument<'a> {
    schema_version: u32,
    generator: String,
    candidates: Vec<CandidateMatches<'a>>,
    failures: &'a [Failure],
}

#[derive(Serialize)]
struct CandidateMatches<'a> {
    candidate: &'a str,
    source: &'a str,
    /// The best postings, best first.
    postings: &'a [Match],
    #[serde(skip_serializing_if = "Option::is_none")]
    plan: Option<&'a Plan>,
}

fn generator() -> String {
    format!("skillgap {}", env!("CARGO_PKG_VERSION"))
}

pub fn run(context: &Context, args: &MatchArgs) -> Result<u8> {
    for (flag, value) in [("--top", args.top), ("--plan", args.plan)] {
        if value == Some(0) {
            bail!(Error::InvalidInput(format!("{flag} 0: give 1 or more")));
        }
    }
    let catalog = context.catalog()?;
    let file = output::file_target(args.out.as_deref());
    let format = context.report_format(args.format.format, file);
    let start = args.start.unwrap_or_else(Date::today);
    if args.postings.is_empty() {
        single(context, &catalog, args, format, start)
    } else {
        cohort(context, &catalog, args, format, start)
    }
}

/// Prints each failure on stderr, naming the input and the reason.
fn report_failures(failures: &[Failure]) {
    for failure in failures {
        say!("error: {}: {}", failure.source, failure.error);
    }
}

/// The postings, or an error when none could be read.
fn postings_of(catalog: &Catalog, inputs: &[PathBuf]) -> Result<(Vec<Posting>, Vec<Failure>)> {
    let (postings, failures) = read_postings(catalog, inputs);
    report_failures(&failures);
    if postings.is_empty() {
        bail!(Error::InvalidInput(format!(
            "no posting could be read ({} failed; see above)",
            failures.len()
        )));
    }
    Ok((postings, failures))
}

/// The plan for the `n` best postings of a ranking.
fn plan_for(
    catalog: &Catalog,
    ranking: &Ranking,
    n: usize,
    args: &MatchArgs,
    start: Date,
) -> Result<(Plan, crate::sheet::Profile)> {
    let profile = profile_with_overrides(ranking.results.profile.clone(), &args.profile)?;
    let plan = ranking.results.plan(
        catalog,
        &PlanRequest {
            profile: profile.clone(),
            start,
            templates: matching::top_templates(ranking, n),
        },
    );
    Ok((plan, profile))
}

fn single(
    context: &Context,
    catalog: &Catalog,
    args: &MatchArgs,
    format: Format,
    start: Date,
) -> Result<u8> {
    let (results_path, posting_paths) = match args.inputs.split_first() {
        Some((first, rest)) if !rest.is_empty() => (first, rest),
        _ => bail!(Error::InvalidInput(
            "give the postings to rank after the results: `skillgap match RESULTS.json \
             POSTING...` (files or folders), or a cohort with `--postings DIR`"
                .into()
        )),
    };
    let candidate = the_candidate(catalog, results_path)?;
    let (postings, failures) = postings_of(catalog, posting_paths)?;
    let ranking = matching::rank(catalog, &candidate, &postings);
    let plan = args
        .plan
        .map(|n| plan_for(catalog, &ranking, n, args, start))
        .transpose()?;
    let shown = &ranking.matches[..args.top.unwrap_or(usize::MAX).min(ranking.matches.len())];
    let file = output::file_target(args.out.as_deref());
    let mut out = Output::open(file, args.force)?;
    match format {
        Format::Json => {
            let document = MatchDocument {
                schema_version: matching::SCHEMA_VERSION,
                generator: generator(),
                candidate: &ranking.candidate,
                source: &ranking.source,
                postings: shown,
                failures: &failures,
                plan: plan.as_ref().map(|(plan, _)| plan),
            };
            serde_json::to_writer_pretty(&mut out, &document)?;
            writeln!(out)?;
        }
        Format::Jsonl => {
            for m in shown {
                serde_json::to_writer(&mut out, m)?;
                writeln!(out)?;
            }
            if plan.is_some() {
                say!("note: JSON Lines holds the postings only; the plan is in --format json");
            }
        }
        Format::Html => {
            let page = matching::html::ranking_page(
                &ranking,
                shown,
                plan.as_ref().map(|(plan, _)| plan),
                &failures,
                Date::today(),
            );
            out.write_all(page.as_bytes())?;
        }
        Format::Csv => {
            let mut reporter = format.reporter(false);
            reporter.listing(&mut out, &csv_listing(shown, None))?;
            if plan.is_some() {
                say!(
                    "note: the CSV holds the ranking only; the plan is in --format json, markdown, \
                     html or table"
                );
            }
        }
        Format::Table | Format::Markdown => {
            let mut reporter = format.reporter(context.color && file.is_none());
            reporter.detail(&mut out, &ranking_detail(&ranking, shown, &failures))?;
            if let Some((plan, profile)) = plan {
                writeln!(out)?;
                let document = PlanDocument {
                    schema_version: crate::results::SCHEMA_VERSION,
                    generator: generator(),
                    candidate: ranking.candidate.clone(),
                    source: Some(ranking.source.clone()),
                    profile,
                    plan,
                };
                reporter.plan(&mut out, &document)?;
            }
        }
    }
    out.finish()?;
    Ok(exit_code(&failures))
}

fn exit_code(failures: &[Failure]) -> u8 {
    if failures.is_empty() {
        exit::OK
    } else {
        say!(
            "{} input(s) could not be used; see the errors above",
            failures.len()
        );
        exit::INVALID_INPUT
    }
}

/// The one person of `path`: a results document or an answer sheet.
fn the_candidate(catalog: &Catalog, path: &Path) -> Result<Candidate> {
    if let Err(source) = std::fs::metadata(path) {
        bail!(Error::Read {
            path: path.to_path_buf(),
            source,
        });
    }
    if path.is_dir() {
        bail!(Error::InvalidInput(format!(
            "{} is a folder; the first argument is one results document (for a cohort, give \
             the postings with --postings DIR)",
            path.display()
        )));
    }
    let (mut candidates, failures) = read_candidates(catalog, &[path.to_path_buf()]);
    if let Some(failure) = failures.first() {
        bail!(Error::InvalidInput(format!(
            "{}: {}",
            failure.source, failure.error
        )));
    }
    match candidates.len() {
        1 => Ok(candidates.remove(0)),
        n => bail!(Error::InvalidInput(format!(
            "{} holds {n} candidates; rank postings for each with `skillgap match {} --postings DIR`",
            path.display(),
            path.display()
        ))),
    }
}

fn cohort(
    context: &Context,
    catalog: &Catalog,
    args: &MatchArgs,
    format: Format,
    start: Date,
) -> Result<u8> {
    let (candidates, mut failures) = read_candidates(catalog, &args.inputs);
    report_failures(&failures);
    if candidates.is_empty() {
        bail!(Error::InvalidInput(format!(
            "no candidate could be read ({} failed; see above)",
            failures.len()
        )));
    }
    let (postings, posting_failures) = postings_of(catalog, &args.postings)?;
    failures.extend(posting_failures);
    let top = args.top.unwrap_or(COHORT_TOP);
    let rankings: Vec<Ranking> = candidates
        .par_iter()
        .map(|candidate| matching::rank(catalog, candidate, &postings))
        .collect();
    let mut ranked: Vec<(Ranking, Option<Plan>)> = Vec::with_capacity(rankings.len());
    for ranking in rankings {
        let plan = args
            .plan
            .map(|n| plan_for(catalog, &ranking, n, args, start).map(|(plan, _)| plan))
            .transpose()?;
        ranked.push((ranking, plan));
    }
    let shown = |ranking: &Ranking| ranking.matches.len().min(top);
    let file = output::file_target(args.out.as_deref());
    let mut out = Output::open(file, args.force)?;
    match format {
        Format::Json | Format::Jsonl => {
            let candidates: Vec<CandidateMatches> = ranked
                .iter()
                .map(|(ranking, plan)| CandidateMatches {
                    candidate: &ranking.candidate,
                    source: &ranking.source,
                    postings: &ranking.matches[..shown(ranking)],
                    plan: plan.as_ref(),
                })
                .collect();
            if format == Format::Jsonl {
                for candidate in &candidates {
                    serde_json::to_writer(&mut out, candidate)?;
                    writeln!(out)?;
                }
            } else {
                let document = CohortDocument {
                    schema_version: matching::SCHEMA_VERSION,
                    generator: generator(),
                    candidates,
                    failures: &failures,
                };
                serde_json::to_writer_pretty(&mut out, &document)?;
                writeln!(out)?;
            }
        }
        Format::Html => {
            let page = matching::html::cohort_page(&ranked, top, &failures, Date::today());
            out.write_all(page.as_bytes())?;
        }
        Format::Csv => {
            let mut rows = Vec::new();
            for (ranking, _) in &ranked {
                rows.extend(
                    csv_listing(&ranking.matches[..shown(ranking)], Some(&ranking.candidate)).rows,
                );
            }
            let mut listing = csv_listing(&[], Some(""));
            listing.rows = rows;
            format.reporter(false).listing(&mut out, &listing)?;
        }
        Format::Table | Format::Markdown => {
            let mut reporter = format.reporter(context.color && file.is_none());
            reporter.detail(&mut out, &cohort_detail(&ranked, top, &failures))?;
        }
    }
    out.finish()?;
    Ok(exit_code(&failures))
}

/// "Django (40 h), Docker (25 h)", at most `count`.
fn top_gaps(m: &Match, count: usize) -> String {
    if m.gaps.is_empty() {
        return "none".to_string();
    }
    let mut gaps: Vec<String> = m
        .gaps
        .iter()
        .take(count)
        .map(|g| {
            let note = match (g.current_level, g.measure_first) {
                (None, _) => ", not assessed",
                (Some(_), true) => ", unclear",
                (Some(_), false) => "",
            };
            format!("{} ({:.0} h{note})", g.name, g.hours)
        })
        .collect();
    if m.gaps.len() > count {
        gaps.push(format!("+{} more", m.gaps.len() - count));
    }
    gaps.join(", ")
}

fn must_haves_missing(m: &Match) -> String {
    if m.must_haves_missing.is_empty() {
        format!("none of {}", m.must_haves)
    } else {
        format!(
            "{} of {}: {}",
            m.must_haves_missing.len(),
            m.must_haves,
            m.must_haves_missing.join(", ")
        )
    }
}

fn or_dash(items: &[String]) -> String {
    if items.is_empty() {
        "-".to_string()
    } else {
        items.join(", ")
    }
}

/// The readiness cell: "42 % (likely 30–55 %)".
fn readiness_cell(m: &Match) -> String {
    let phrase = readiness_phrase(&m.as_readiness());
    phrase
        .strip_prefix("readiness ")
        .map_or(phrase.clone(), str::to_string)
}

/// The ranking as the human formats show it.
fn ranking_listing(shown: &[Match]) -> Listing {
    let rows = shown
        .iter()
        .map(|m| {
            vec![
                m.rank.to_string(),
                format!("{} ({})", m.title, m.source),
                m.level.as_str().to_string(),
                verdict_phrase(&m.as_readiness()),
                readiness_cell(m),
                must_haves_missing(m),
                top_gaps(m, 3),
                format!("{:.0}", m.hours_to_close),
            ]
        })
        .collect();
    Listing::new(
        vec![
            "#",
            "Posting",
            "Level",
            "Verdict",
            "Readiness",
            "Must-haves missing",
            "Top gaps",
            "Hours",
        ],
        rows,
        &shown,
    )
}

fn ranking_detail(ranking: &Ranking, shown: &[Match], failures: &[Failure]) -> Detail {
    let missing_rows = shown
        .iter()
        .map(|m| {
            vec![
                m.rank.to_string(),
                m.title.clone(),
                top_gaps(m, usize::MAX),
                format!("{:.0}", m.hours_to_close),
                or_dash(&m.not_covered),
            ]
        })
        .collect();
    let mut fields = vec![
        ("Candidate", ranking.candidate.clone()),
        ("Answers from", ranking.source.clone()),
        (
            "Postings",
            format!(
                "{} ranked: the most probable verdict first, then readiness on the must-haves, \
                 then readiness{}",
                ranking.matches.len(),
                if shown.len() < ranking.matches.len() {
                    format!("; the best {} shown", shown.len())
                } else {
                    String::new()
                }
            ),
        ),
    ];
    if !failures.is_empty() {
        fields.push((
            "Could not read",
            failures
                .iter()
                .map(|f| format!("{} ({})", f.source, f.error))
                .collect::<Vec<_>>()
                .join("; "),
        ));
    }
    Detail {
        title: format!("Postings ranked for {}", ranking.candidate),
        fields,
        sections: vec![
            ("Ranking".to_string(), ranking_listing(shown)),
            (
                "What is missing, posting by posting".to_string(),
                Listing::new(
                    vec![
                        "#",
                        "Posting",
                        "Gaps (hours to close)",
                        "Hours",
                        "Not covered by the catalog",
                    ],
                    missing_rows,
                    &shown,
                ),
            ),
        ],
        item: serde_json::to_value(shown).unwrap_or_default(),
    }
}

fn cohort_detail(ranked: &[(Ranking, Option<Plan>)], top: usize, failures: &[Failure]) -> Detail {
    let mut rows = Vec::new();
    let mut plan_rows = Vec::new();
    for (ranking, plan) in ranked {
        for m in ranking.matches.iter().take(top) {
            rows.push(vec![
                ranking.candidate.clone(),
                m.rank.to_string(),
                format!("{} ({})", m.title, m.source),
                verdict_phrase(&m.as_readiness()),
                readiness_cell(m),
                must_haves_missing(m),
                top_gaps(m, 3),
                format!("{:.0}", m.hours_to_close),
            ]);
        }
        if let Some(plan) = plan {
            let steps: Vec<String> = plan.steps.iter().take(5).map(|s| s.name.clone()).collect();
            plan_rows.push(vec![
                ranking.candidate.clone(),
                plan.templates.len().to_string(),
                format!("{:.0}", plan.total_hours),
                plan.weeks.to_string(),
                or_dash(&steps),
            ]);
        }
    }
    let mut fields = vec![
        ("Candidates", ranked.len().to_string()),
        ("Shown", format!("the {top} best postings of each")),
    ];
    if !failures.is_empty() {
        fields.push((
            "Could not read",
            failures
                .iter()
                .map(|f| format!("{} ({})", f.source, f.error))
                .collect::<Vec<_>>()
                .join("; "),
        ));
    }
    let mut sections = vec![(
        "Best matches".to_string(),
        Listing::new(
            vec![
                "Candidate",
                "#",
                "Posting",
                "Verdict",
                "Readiness",
                "Must-haves missing",
                "Top gaps",
                "Hours",
            ],
            rows,
            &(),
        ),
    )];
    if !plan_rows.is_empty() {
        sections.push((
            "One plan each for the best postings".to_string(),
            Listing::new(
                vec!["Candidate", "Postings", "Hours", "Weeks", "First steps"],
                plan_rows,
                &(),
            ),
        ));
    }
    Detail {
        title: "Best matching postings per candidate".to_string(),
        fields,
        sections,
        item: serde_json::Value::Null,
    }
}

/// The ranking in machine-friendly columns; with a candidate, a first column for them.
fn csv_listing(shown: &[Match], candidate: Option<&str>) -> Listing {
    let mut columns = vec![
        "rank",
        "source",
        "title",
        "level",
        "verdict",
        "verdict_probability",
        "readiness",
        "must_haves",
        "must_haves_missing",
        "top_gaps",
        "hours_to_close",
        "not_covered",
    ];
    if candidate.is_some() {
        columns.insert(0, "candidate");
    }
    let rows = shown
        .iter()
        .map(|m| {
            let mut row = vec![
                m.rank.to_string(),
                m.source.clone(),
                m.title.clone(),
                m.level.as_str().to_string(),
                verdict_id(m.verdict).to_string(),
                format!("{:.3}", m.verdict_probability),
                format!("{:.1}", m.readiness),
                m.must_haves.to_string(),
                m.must_haves_missing.join(";"),
                m.gaps
                    .iter()
                    .take(3)
                    .map(|g| g.skill.as_str())
                    .collect::<Vec<_>>()
                    .join(";"),
                format!("{:.1}", m.hours_to_close),
                m.not_covered.join(";"),
            ];
            if let Some(name) = candidate {
                row.insert(0, name.to_string());
            }
            row
        })
        .collect();
    Listing::new(columns, rows, &())
}
