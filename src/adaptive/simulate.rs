//! Simulated adaptive tests: examinees of known ability answer items drawn by the engine, and
//! the summary says how well and how quickly their ability was recovered.

use serde::Serialize;

use super::bank::ItemBank;
use super::estimators::{Estimator, EstimatorKind};
use super::select::Selector;
use super::stop::StopRule;
use crate::error::Error;
use crate::estimate::Estimate;
use crate::rng::SplitMix64;

/// How the engine runs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EngineConfig {
    pub selector: Selector,
    pub estimator: EstimatorKind,
    pub stop: StopRule,
}

/// A matrix of uniform draws U[i, j] (row = examinee, column = item) fixing who answers what:
/// examinee i answers item j right exactly when P_j(θ_i) ≥ U[i, j].
#[derive(Clone, Debug, PartialEq)]
pub struct Uniforms {
    columns: usize,
    values: Vec<f64>,
}

impl Uniforms {
    /// `values` row by row, `columns` per row.
    pub fn new(columns: usize, values: Vec<f64>) -> Uniforms {
        Uniforms { columns, values }
    }

    pub fn rows(&self) -> usize {
        self.values.len().checked_div(self.columns).unwrap_or(0)
    }

    pub fn columns(&self) -> usize {
        self.columns
    }

    /// Whether there is a draw for every examinee and item.
    pub fn check_covers(&self, examinees: usize, items: usize) -> Result<(), Error> {
        if self.columns != items {
            return Err(Error::InvalidInput(format!(
                "the uniform draws have {} columns but the bank has {items} items; they need one column per item",
                self.columns
            )));
        }
        if self.rows() < examinees {
            return Err(Error::InvalidInput(format!(
                "the uniform draws have {} rows but there are {examinees} examinees; give one row per examinee",
                self.rows()
            )));
        }
        Ok(())
    }

    fn row(&self, row: usize) -> &[f64] {
        &self.values[row * self.columns..(row + 1) * self.columns]
    }
}

/// One examinee's test.
#[derive(Clone, Debug, PartialEq)]
pub struct ExamineeRun {
    pub true_theta: f64,
    pub estimate: Estimate,
    /// Bank rows (0-based) in the order given.
    pub items: Vec<usize>,
    pub responses: Vec<bool>,
}

/// Runs one adaptive test: start at θ̂ = 0; while the stop rule allows, select, answer
/// (right when P(θ) ≥ the draw), re-estimate.
pub fn run_examinee(
    bank: &ItemBank,
    true_theta: f64,
    config: &EngineConfig,
    draw: &mut dyn FnMut(usize) -> f64,
    rng: &mut SplitMix64,
) -> ExamineeRun {
    let mut used = vec![false; bank.len()];
    let mut estimator = Estimator::new(config.estimator);
    let mut estimate = Estimate {
        theta: 0.0,
        se: f64::INFINITY,
    };
    let mut items = Vec::with_capacity(config.stop.max_items.min(bank.len()));
    let mut responses = Vec::with_capacity(items.capacity());
    while !config.stop.is_done(items.len(), estimate.se) {
        let Some(item) = config.selector.select(bank, estimate.theta, &used, rng) else {
            break; // the bank is used up
        };
        used[item] = true;
        items.push(item);
        responses.push(bank.item(item).probability(true_theta) >= draw(item));
        estimate = estimator.update(bank, &items, &responses, estimate.theta);
    }
    ExamineeRun {
        true_theta,
        estimate,
        items,
        responses,
    }
}

/// Runs every examinee, single-threaded. With `uniforms`, row i fixes examinee i's answers;
/// without, draws come from `seed` (one independent stream per examinee). Randomesque picks
/// always come from `seed`. The draws must cover every examinee and every item.
pub fn run(
    bank: &ItemBank,
    thetas: &[f64],
    uniforms: Option<&Uniforms>,
    config: &EngineConfig,
    seed: u64,
) -> Result<Vec<ExamineeRun>, Error> {
    if let Some(uniforms) = uniforms {
        uniforms.check_covers(thetas.len(), bank.len())?;
    }
    Ok(thetas
        .iter()
        .enumerate()
        .map(|(i, &theta)| {
            let mut rng = SplitMix64::for_stream(seed, i as u64);
            match uniforms {
                Some(uniforms) => {
                    let row = uniforms.row(i);
                    run_examinee(bank, theta, config, &mut |item| row[item], &mut rng)
                }
                None => {
                    let mut draws = SplitMix64::for_stream(seed ^ 0x5eed, i as u64);
                    run_examinee(bank, theta, config, &mut |_| draws.uniform(), &mut rng)
                }
            }
        })
        .collect())
}

/// `n` abilities drawn from N(0, 1).
pub fn normal_abilities(n: usize, seed: u64) -> Vec<f64> {
    let mut rng = SplitMix64::new(seed);
    (0..n).map(|_| rng.normal()).collect()
}

/// What a simulation found.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SimulationSummary {
    pub examinees: usize,
    pub bank_items: usize,
    pub rmse: f64,
    pub bias: f64,
    pub mean_length: f64,
    pub median_length: f64,
    /// Share (0–1) of examinees whose final SE is below the target.
    pub reached_se_target: f64,
    pub mean_se: f64,
    /// The largest share of examinees who saw one item.
    pub max_exposure: f64,
    /// Items nobody saw.
    pub unused_items: usize,
}

pub fn summarize(runs: &[ExamineeRun], bank_items: usize, se_target: f64) -> SimulationSummary {
    let n = runs.len().max(1) as f64;
    let errors = runs.iter().map(|r| r.estimate.theta - r.true_theta);
    let bias = errors.clone().sum::<f64>() / n;
    let rmse = (errors.map(|e| e * e).sum::<f64>() / n).sqrt();
    let mut lengths: Vec<usize> = runs.iter().map(|r| r.items.len()).collect();
    lengths.sort_unstable();
    let mut exposure = vec![0usize; bank_items];
    for item in runs.iter().flat_map(|r| &r.items) {
        exposure[*item] += 1;
    }
    SimulationSummary {
        examinees: runs.len(),
        bank_items,
        rmse,
        bias,
        mean_length: lengths.iter().sum::<usize>() as f64 / n,
        median_length: median(&lengths),
        reached_se_target: runs.iter().filter(|r| r.estimate.se < se_target).count() as f64 / n,
        mean_se: runs.iter().map(|r| r.estimate.se).sum::<f64>() / n,
        max_exposure: exposure.iter().copied().max().unwrap_or(0) as f64 / n,
        unused_items: exposure.iter().filter(|&&count| count == 0).count(),
    }
}

/// The median of sorted counts (the mean of the middle two for an even number).
fn median(sorted: &[usize]) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2] as f64,
        n => (sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adaptive::bank::Item;

    fn bank() -> ItemBank {
        let mut rng = SplitMix64::new(11);
        ItemBank::new(
            (0..200)
                .map(|_| Item::two_pl(1.2 + 0.25 * rng.normal(), rng.normal()))
                .map(|item| Item {
                    a: item.a.max(0.3),
                    ..item
                })
                .collect(),
        )
        .expect("bank")
    }

    fn config(estimator: EstimatorKind) -> EngineConfig {
        EngineConfig {
            selector: Selector::MaxInfo,
            estimator,
            stop: StopRule {
                se_target: 0.3,
                max_items: 30,
            },
        }
    }

    #[test]
    fn abilities_are_recovered_and_the_stop_rule_holds() {
        let bank = bank();
        let thetas = normal_abilities(300, 5);
        for estimator in [EstimatorKind::Mle, EstimatorKind::Eap] {
            let runs = run(&bank, &thetas, None, &config(estimator), 1).expect("run");
            let summary = summarize(&runs, bank.len(), 0.3);
            assert!(summary.rmse < 0.45, "{estimator:?}: {summary:?}");
            assert!(summary.bias.abs() < 0.1, "{estimator:?}: {summary:?}");
            assert!(summary.mean_length < 30.0, "{estimator:?}: {summary:?}");
            for run in &runs {
                assert!(run.items.len() <= 30);
                assert!(run.items.len() == 30 || run.estimate.se < 0.3, "{run:?}");
                let mut unique = run.items.clone();
                unique.sort_unstable();
                unique.dedup();
                assert_eq!(unique.len(), run.items.len(), "an item was given twice");
            }
        }
    }

    #[test]
    fn uniform_draws_decide_the_answers() {
        let bank = bank();
        let columns = bank.len();
        // All draws 0: every answer right; all draws 1 (above any P < 1): every answer wrong.
        let uniforms = Uniforms::new(columns, [vec![0.0; columns], vec![1.0; columns]].concat());
        let runs = run(
            &bank,
            &[0.0, 0.0],
            Some(&uniforms),
            &config(EstimatorKind::Mle),
            0,
        )
        .expect("run");
        let error = run(
            &bank,
            &[0.0; 3],
            Some(&uniforms),
            &config(EstimatorKind::Mle),
            0,
        )
        .expect_err("too few rows");
        assert!(
            error
                .to_string()
                .contains("2 rows but there are 3 examinees"),
            "{error}"
        );
        assert!(runs[0].responses.iter().all(|&r| r));
        assert!(runs[1].responses.iter().all(|&r| !r));
        assert!(runs[0].estimate.theta > 1.0 && runs[1].estimate.theta < -1.0);
    }

    #[test]
    fn randomesque_lowers_the_maximum_exposure() {
        let bank = bank();
        let thetas = normal_abilities(200, 9);
        let fixed = summarize(
            &run(&bank, &thetas, None, &config(EstimatorKind::Mle), 2).expect("run"),
            bank.len(),
            0.3,
        );
        let spread = EngineConfig {
            selector: Selector::Randomesque { top: 5 },
            ..config(EstimatorKind::Mle)
        };
        let spread = summarize(
            &run(&bank, &thetas, None, &spread, 2).expect("run"),
            bank.len(),
            0.3,
        );
        assert_eq!(
            fixed.max_exposure, 1.0,
            "max info always opens with the same item"
        );
        assert!(spread.max_exposure < 0.8, "{spread:?}");
        assert!(
            spread.unused_items < fixed.unused_items,
            "{spread:?} {fixed:?}"
        );
    }

    #[test]
    fn summary_figures() {
        let run = |true_theta: f64, theta: f64, n: usize| ExamineeRun {
            true_theta,
            estimate: Estimate { theta, se: 0.25 },
            items: (0..n).collect(),
            responses: vec![true; n],
        };
        let summary = summarize(&[run(0.0, 0.5, 2), run(1.0, 0.5, 4)], 10, 0.3);
        assert_eq!(summary.rmse, 0.5);
        assert_eq!(summary.bias, 0.0);
        assert_eq!(summary.median_length, 3.0);
        assert_eq!(summary.max_exposure, 1.0);
        assert_eq!(summary.unused_items, 6);
        assert_eq!(summary.reached_se_target, 1.0);
    }
}
