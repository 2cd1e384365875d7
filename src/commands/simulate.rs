//! `skillgap simulate`: runs the adaptive engine on simulated examinees and prints how well it
//! recovered their abilities, with the simulation time.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context as _, Result, bail};
use serde::Serialize;

use super::output::{self, Output};
use super::{Context, listing_format};
use crate::adaptive::bank::{Item, ItemBank};
use crate::adaptive::quiz::Length;
use crate::adaptive::quiz_sim;
use crate::adaptive::select::Selector;
use crate::adaptive::simulate::{self, EngineConfig, SimulationSummary};
use crate::adaptive::stop::StopRule;
use crate::adaptive::tables::{self, Agreement};
use crate::catalog::{Catalog, Population};
use crate::cli::{SelectorArg, SimulateArgs, Switch};
use crate::error::{Error, exit};
use crate::estimate::Guessing;
use crate::estimate::ItemParams;
use crate::reports::Listing;

/// |Δθ| within which an estimate counts as the reference's.
const THETA_TOLERANCE: f64 = 1e-4;
/// Abilities drawn when neither --examinees, -n nor --uniforms says how many.
const DEFAULT_EXAMINEES: usize = 1000;

#[derive(Serialize)]
struct Report {
    #[serde(flatten)]
    summary: SimulationSummary,
    se_target: f64,
    simulation_seconds: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<Agreement>,
}

/// Most simulated people (-n) in one run: a million takes minutes and a few hundred MiB; more
/// would only grow the memory (a huge -n once aborted on a capacity overflow).
const MAX_SIMULATED: usize = 1_000_000;
/// Most retakes per person (--sessions): no template has questions for more.
const MAX_SESSIONS: usize = 100;

pub fn run(context: &Context, args: &SimulateArgs) -> Result<u8> {
    if let Some(count) = args.count
        && count > MAX_SIMULATED
    {
        bail!(Error::InvalidInput(format!(
            "-n {count}: simulate at most {MAX_SIMULATED} people in one run"
        )));
    }
    if args.sessions > MAX_SESSIONS {
        bail!(Error::InvalidInput(format!(
            "--sessions {}: at most {MAX_SESSIONS} quizzes in a row",
            args.sessions
        )));
    }
    if args.quiz {
        return run_quiz(context, args);
    }
    if args.retake {
        return run_retake(context, args);
    }
    let config = engine_config(args)?;
    // Checked before the simulation, not after it.
    if let Some(path) = &args.trace {
        if output::file_target(Some(path)).is_none() {
            bail!(Error::InvalidInput(
                "--trace takes a file (the figures are printed on stdout)".into()
            ));
        }
        output::check_out(path, args.force)?;
    }
    let bank = match &args.bank {
        Some(path) => tables::read_bank(path)?,
        None => catalog_bank(&context.catalog()?)?,
    };
    let uniforms = args
        .uniforms
        .as_deref()
        .map(tables::read_uniforms)
        .transpose()?;
    let thetas = match &args.examinees {
        Some(path) => tables::read_abilities(path)?,
        None => {
            let count = args
                .count
                .or(uniforms.as_ref().map(|u| u.rows()))
                .unwrap_or(DEFAULT_EXAMINEES);
            simulate::normal_abilities(count, args.seed)
        }
    };
    if thetas.is_empty() {
        bail!(Error::InvalidInput(
            "no examinees to simulate: give -n N (at least 1) or --examinees FILE".into()
        ));
    }
    let started = Instant::now();
    let runs = simulate::run(&bank, &thetas, uniforms.as_ref(), &config, args.seed)
        .context("cannot run the simulation")?;
    let seconds = started.elapsed().as_secs_f64();
    if let Some(path) = &args.trace {
        tables::write_trace(path, &runs)?;
        say!(
            "wrote the trace of {} examinees to {}",
            runs.len(),
            path.display()
        );
    }
    let reference = match &args.reference {
        Some(path) => Some(compare_with(path, &runs)?),
        None => None,
    };
    let report = Report {
        summary: simulate::summarize(&runs, bank.len(), config.stop.se_target),
        se_target: config.stop.se_target,
        simulation_seconds: seconds,
        reference,
    };
    let mut out = Output::stdout();
    listing_format(args.format.format)
        .reporter(context.color)
        .listing(&mut out, &listing(&report))?;
    out.finish()?;
    Ok(exit::OK)
}

/// Candidates drawn for `--quiz` when -n does not say.
const DEFAULT_CANDIDATES: usize = 1000;

/// `simulate --quiz`: the adaptive and the fixed quiz on the catalog.
/// `simulate --retake`: consecutive quizzes for the same simulated people, seen questions used
/// last.
fn run_retake(context: &Context, args: &SimulateArgs) -> Result<u8> {
    let catalog = context.catalog()?;
    let template = catalog.template(&args.template)?;
    let candidates = args.count.unwrap_or(DEFAULT_CANDIDATES);
    if candidates == 0 || args.sessions == 0 {
        bail!(Error::InvalidInput(
            "-n and --sessions must be at least 1".into()
        ));
    }
    let length = args
        .lengths
        .first()
        .map_or(Length::Quick, |&l| Length::from(l));
    let simulation = quiz_sim::Simulation {
        candidates,
        seed: args.seed,
        truth: quiz_sim::Truth {
            population_mean: args.population_mean,
            skill_sd: args.skill_sd,
            guessing: args.guessing == Switch::On,
            ..quiz_sim::Truth::default()
        },
        scorer_population: catalog.info.model.population(),
        scorer_guessing: catalog.info.model.guessing(),
    };
    let started = Instant::now();
    let figures = quiz_sim::retake(&catalog, template, &simulation, length, args.sessions);
    let seconds = started.elapsed().as_secs_f64();
    let percent = |x: f64| format!("{:.1} %", 100.0 * x);
    let rows = figures
        .iter()
        .map(|f| {
            vec![
                f.session.to_string(),
                format!("{:.1}", f.mean_questions),
                percent(f.repeated_share),
                percent(f.max_repeated_share),
                format!("{:.1}", f.unseen_per_skill),
                f.fewest_unseen.to_string(),
                percent(f.verdict_accuracy),
            ]
        })
        .collect();
    let header = vec![
        "Quiz",
        "Questions",
        "Repeated",
        "Most repeated (one person)",
        "Unseen per skill after",
        "Fewest unseen",
        "Verdict right",
    ];
    let mut out = Output::stdout();
    listing_format(args.format.format)
        .reporter(context.color)
        .listing(&mut out, &Listing::new(header, rows, &figures))?;
    out.finish()?;
    say!(
        "{candidates} simulated people against {} took {} {} quizzes in a row in {seconds:.2} s; \
         each quiz uses the questions the earlier ones asked last. Repeated: share of a quiz's \
         tested questions an earlier quiz asked.",
        template.id,
        args.sessions,
        format!("{length:?}").to_lowercase(),
    );
    Ok(exit::OK)
}

fn run_quiz(context: &Context, args: &SimulateArgs) -> Result<u8> {
    let catalog = context.catalog()?;
    let template = catalog.template(&args.template)?;
    let candidates = args.count.unwrap_or(DEFAULT_CANDIDATES);
    if candidates == 0 {
        bail!(Error::InvalidInput("-n must be at least 1".into()));
    }
    let truth = quiz_sim::Truth {
        population_mean: args.population_mean,
        skill_sd: args.skill_sd,
        guessing: args.guessing == Switch::On,
        ..quiz_sim::Truth::default()
    };
    let checked = Population {
        general_mean: truth.population_mean,
        general_sd: truth.general_sd,
        skill_sd: truth.skill_sd,
    };
    if let Some(problem) = checked.problem() {
        bail!(Error::InvalidInput(format!(
            "--population-mean/--skill-sd: {problem}"
        )));
    }
    let scorer_guessing = match args.scorer_guessing {
        Some(Switch::On) => Guessing::On,
        Some(Switch::Off) => Guessing::Off,
        None => catalog.info.model.guessing(),
    };
    let simulation = quiz_sim::Simulation {
        candidates,
        seed: args.seed,
        truth,
        scorer_population: catalog.info.model.population(),
        scorer_guessing,
    };
    let lengths: Vec<Length> = if args.lengths.is_empty() {
        vec![Length::Quick, Length::Standard, Length::Thorough]
    } else {
        args.lengths.iter().map(|&l| Length::from(l)).collect()
    };
    let quizzes: Vec<(bool, Length)> = [true, false]
        .into_iter()
        .flat_map(|adaptive| lengths.iter().map(move |&l| (adaptive, l)))
        .collect();
    let started = Instant::now();
    let figures = quiz_sim::simulate(&catalog, template, &simulation, &quizzes);
    let seconds = started.elapsed().as_secs_f64();
    let percent = |x: f64| format!("{:.1} %", 100.0 * x);
    let rows = figures
        .iter()
        .map(|f| {
            vec![
                f.order.to_string(),
                format!("{:?}", f.length).to_lowercase(),
                format!("{:.1}", f.mean_questions),
                percent(f.verdict_accuracy),
                percent(f.requirement_accuracy),
                format!("{:.3}", f.calibration_error),
                percent(f.sure_share),
                percent(f.sure_accuracy),
                percent(f.gross_errors),
            ]
        })
        .collect();
    let mut out = Output::stdout();
    let header = vec![
        "Quiz",
        "Length",
        "Asked",
        "Verdict right",
        "Requirements right",
        "p_met ECE",
        "Sure (≥ 90 %)",
        "Sure and right",
        "Ready ↔ not yet",
    ];
    let mut reporter = listing_format(args.format.format).reporter(context.color);
    reporter.listing(&mut out, &Listing::new(header, rows, &figures))?;
    if args.reliability {
        for f in &figures {
            let rows = f
                .reliability
                .iter()
                .map(|b| {
                    vec![
                        format!("{:?} {:?}", f.order, f.length)
                            .to_lowercase()
                            .replace('"', ""),
                        format!("{:.1}–{:.1}", b.low, b.high),
                        b.count.to_string(),
                        format!("{:.3}", b.mean_predicted),
                        format!("{:.3}", b.observed),
                    ]
                })
                .collect();
            reporter.listing(
                &mut out,
                &Listing::new(
                    vec!["Quiz", "p_met bin", "Calls", "Mean p_met", "Observed met"],
                    rows,
                    &f.reliability,
                ),
            )?;
        }
    }
    out.finish()?;
    say!(
        "{candidates} simulated people against {} in {seconds:.2} s (truth: mean {}, skill sd {}, \
         guessing {}; scorer: guessing {}). Asked: the tested questions asked, on average.",
        template.id,
        truth.population_mean,
        truth.skill_sd,
        if truth.guessing { "on" } else { "off" },
        if scorer_guessing == Guessing::On {
            "on"
        } else {
            "off"
        },
    );
    Ok(exit::OK)
}

fn engine_config(args: &SimulateArgs) -> Result<EngineConfig> {
    if args.se_target.is_nan() || args.se_target <= 0.0 {
        bail!(Error::InvalidInput(format!(
            "--se-target {}: must be a positive standard error, such as 0.3",
            args.se_target
        )));
    }
    if args.max_items == 0 {
        bail!(Error::InvalidInput("--max-items must be at least 1".into()));
    }
    if args.top == 0 {
        bail!(Error::InvalidInput("--top must be at least 1".into()));
    }
    Ok(EngineConfig {
        selector: match args.selector {
            SelectorArg::MaxInfo => Selector::MaxInfo,
            SelectorArg::Randomesque => Selector::Randomesque { top: args.top },
        },
        estimator: args.estimator.into(),
        stop: StopRule {
            se_target: args.se_target,
            max_items: args.max_items,
        },
    })
}

/// The catalog's tested questions as a 2PL bank, with their own or the default a and b.
fn catalog_bank(catalog: &Catalog) -> Result<ItemBank> {
    let items: Vec<Item> = catalog
        .questions
        .iter()
        .filter(|q| q.kind.is_tested())
        .map(|q| Item::from(ItemParams::of(q)))
        .collect();
    ItemBank::new(items).with_context(|| {
        format!(
            "cannot use the questions of the {}",
            catalog.describe_origin()
        )
    })
}

fn compare_with(path: &Path, runs: &[simulate::ExamineeRun]) -> Result<Agreement> {
    let reference = tables::read_trace(path)?;
    if reference.len() != runs.len() {
        say!(
            "warning: {} has {} examinees and the simulation {}; comparing the first {}",
            path.display(),
            reference.len(),
            runs.len(),
            reference.len().min(runs.len())
        );
    }
    Ok(tables::compare(&reference, runs, THETA_TOLERANCE))
}

fn listing(report: &Report) -> Listing {
    let s = &report.summary;
    let mut rows = vec![
        ("examinees", s.examinees.to_string()),
        ("bank items", s.bank_items.to_string()),
        ("RMSE", format!("{:.4}", s.rmse)),
        ("bias", format!("{:+.4}", s.bias)),
        ("mean length", format!("{:.2}", s.mean_length)),
        ("median length", format!("{}", s.median_length)),
        (
            "reached SE target",
            format!(
                "{:.1} % (SE < {})",
                100.0 * s.reached_se_target,
                report.se_target
            ),
        ),
        ("mean final SE", format!("{:.4}", s.mean_se)),
        ("max exposure", format!("{:.3}", s.max_exposure)),
        ("unused items", s.unused_items.to_string()),
        (
            "simulation time",
            format!("{:.4} s (single thread)", report.simulation_seconds),
        ),
    ];
    if let Some(agreement) = &report.reference {
        rows.push((
            "same items as reference",
            format!("{} / {}", agreement.same_items, agreement.compared),
        ));
        rows.push((
            "same items and |Δθ| ≤ 1e-4",
            format!(
                "{} / {}",
                agreement.same_items_and_theta, agreement.compared
            ),
        ));
        rows.push((
            "max |Δθ| (same items)",
            format!("{:.2e}", agreement.max_theta_difference),
        ));
        if let Some(first) = agreement.first_difference {
            rows.push(("first examinee that differs", first.to_string()));
        }
    }
    Listing::new(
        vec!["Measure", "Value"],
        rows.into_iter()
            .map(|(name, value)| vec![name.to_string(), value])
            .collect(),
        report,
    )
}
