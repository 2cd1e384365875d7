//! Ability estimators for the adaptive engine: maximum likelihood bounded to [−6, 6] with
//! Dodd's step rule while all responses agree (the rule catsim uses), and EAP on the grid of
//! `crate::estimate`, updated one response at a time.

use super::bank::{Item, ItemBank};
use crate::estimate::{self, Estimate, GRID_POINTS};

/// The interval the maximum-likelihood estimate is searched in (catsim's "extended" range).
pub const THETA_BOUNDS: (f64, f64) = (-6.0, 6.0);
/// Absolute tolerance on θ of the bounded search (SciPy's default `xatol`, which catsim uses).
pub const MLE_TOLERANCE: f64 = 1e-5;
/// Function evaluations after which the bounded search gives up (SciPy's default).
const MLE_MAX_EVALUATIONS: usize = 500;

/// Which estimator the engine uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EstimatorKind {
    /// Maximum likelihood with Dodd's step rule; SE = 1/√I(θ̂).
    Mle,
    /// Posterior mean with the catalog's N(0, 1.5²) prior; SE = posterior SD.
    Eap,
}

/// One examinee's estimator state.
#[derive(Clone, Debug)]
pub enum Estimator {
    Mle,
    Eap(Box<Posterior>),
}

impl Estimator {
    pub fn new(kind: EstimatorKind) -> Estimator {
        match kind {
            EstimatorKind::Mle => Estimator::Mle,
            EstimatorKind::Eap => Estimator::Eap(Box::default()),
        }
    }

    /// The estimate after the responses so far (`items[k]` answered `responses[k]`; the last one
    /// is new). `previous` is the estimate before it, from which Dodd's rule steps.
    pub fn update(
        &mut self,
        bank: &ItemBank,
        items: &[usize],
        responses: &[bool],
        previous: f64,
    ) -> Estimate {
        match self {
            Estimator::Mle => {
                let theta = mle_with_dodd(bank, items, responses, previous);
                Estimate {
                    theta,
                    se: bank.standard_error(items, theta),
                }
            }
            Estimator::Eap(posterior) => {
                if let (Some(&item), Some(&correct)) = (items.last(), responses.last()) {
                    posterior.add(bank.item(item), correct);
                }
                posterior.estimate()
            }
        }
    }
}

/// Maximum-likelihood θ, or Dodd's step from `previous` while every response is the same:
/// halfway towards the bank's largest difficulty after only right answers, towards the smallest
/// after only wrong ones (the likelihood has no maximum then).
pub fn mle_with_dodd(bank: &ItemBank, items: &[usize], responses: &[bool], previous: f64) -> f64 {
    let (min_b, max_b) = bank.difficulty_range();
    match responses.first() {
        None => previous,
        Some(&first) if responses.iter().all(|&r| r == first) => {
            if first {
                previous + (max_b - previous) / 2.0
            } else {
                previous - (previous - min_b) / 2.0
            }
        }
        Some(_) => {
            let likelihood = Likelihood::new(bank, items, responses);
            bounded_minimum(
                |theta| -likelihood.log_likelihood(theta),
                THETA_BOUNDS,
                MLE_TOLERANCE,
                MLE_MAX_EVALUATIONS,
            )
        }
    }
}

/// The log-likelihood of a response pattern, arranged to be cheap to evaluate many times.
/// For a 2PL item with z = a(θ − b) and e = exp(−z): ln P = −ln(1 + e) and
/// ln(1 − P) = −z − ln(1 + e). So the 2PL part is −ln Π(1 + eᵢ) − Σ_wrong zᵢ: one logarithm per
/// evaluation instead of one per item, and the wrong answers' Σ z is linear in θ. Items with
/// guessing or slipping take the general formula.
struct Likelihood {
    two_pl: Vec<(f64, f64)>,
    wrong_a: f64,
    wrong_ab: f64,
    general: Vec<(Item, bool)>,
}

impl Likelihood {
    fn new(bank: &ItemBank, items: &[usize], responses: &[bool]) -> Likelihood {
        let mut likelihood = Likelihood {
            two_pl: Vec::with_capacity(items.len()),
            wrong_a: 0.0,
            wrong_ab: 0.0,
            general: Vec::new(),
        };
        for (&index, &correct) in items.iter().zip(responses) {
            let item = bank.item(index);
            if item.c != 0.0 || item.d != 1.0 {
                likelihood.general.push((item, correct));
                continue;
            }
            likelihood.two_pl.push((item.a, item.b));
            if !correct {
                likelihood.wrong_a += item.a;
                likelihood.wrong_ab += item.a * item.b;
            }
        }
        likelihood
    }

    fn log_likelihood(&self, theta: f64) -> f64 {
        // Past this the running product is folded into the logarithm, so it cannot overflow.
        const FOLD_AT: f64 = 1e250;
        let mut product = 1.0f64;
        let mut log_sum = 0.0f64;
        for &(a, b) in &self.two_pl {
            let z = a * (theta - b);
            let e = (-z).exp();
            if e > FOLD_AT {
                log_sum += -z; // ln(1 + e) = −z to double precision here
                continue;
            }
            product *= 1.0 + e;
            if product > FOLD_AT {
                log_sum += product.ln();
                product = 1.0;
            }
        }
        log_sum += product.ln();
        let wrong_z = theta * self.wrong_a - self.wrong_ab;
        let general: f64 = self
            .general
            .iter()
            .map(|&(item, correct)| item.log_likelihood(theta, correct))
            .sum();
        -log_sum - wrong_z + general
    }
}

/// Brent's bounded minimisation of a function of one variable: golden-section steps with
/// parabolic interpolation when it is safe. A step-for-step port of SciPy's `fminbound`
/// (`minimize_scalar(method="bounded")`, which catsim's estimator calls), so that the same
/// likelihood gives the same estimate to the last digits, not only within the tolerance.
pub fn bounded_minimum(
    mut f: impl FnMut(f64) -> f64,
    (lower, upper): (f64, f64),
    xatol: f64,
    max_evaluations: usize,
) -> f64 {
    let sqrt_eps = 2.2e-16f64.sqrt();
    let golden_mean = 0.5 * (3.0 - 5f64.sqrt());
    let (mut a, mut b) = (lower, upper);
    let mut fulc = a + golden_mean * (b - a);
    let (mut nfc, mut xf) = (fulc, fulc);
    let (mut rat, mut e) = (0.0f64, 0.0f64);
    let mut fx = f(xf);
    let mut evaluations = 1;
    let (mut ffulc, mut fnfc) = (fx, fx);
    let mut xm = 0.5 * (a + b);
    let mut tol1 = sqrt_eps * xf.abs() + xatol / 3.0;
    let mut tol2 = 2.0 * tol1;
    while (xf - xm).abs() > tol2 - 0.5 * (b - a) {
        let mut golden = true;
        if e.abs() > tol1 {
            // Try a parabola through the three best points.
            golden = false;
            let mut r = (xf - nfc) * (fx - ffulc);
            let mut q = (xf - fulc) * (fx - fnfc);
            let mut p = (xf - fulc) * q - (xf - nfc) * r;
            q = 2.0 * (q - r);
            if q > 0.0 {
                p = -p;
            }
            q = q.abs();
            r = e;
            e = rat;
            if p.abs() < (0.5 * q * r).abs() && p > q * (a - xf) && p < q * (b - xf) {
                rat = p / q;
                let x = xf + rat;
                if (x - a) < tol2 || (b - x) < tol2 {
                    rat = tol1 * sign_or_one(xm - xf);
                }
            } else {
                golden = true;
            }
        }
        if golden {
            e = if xf >= xm { a - xf } else { b - xf };
            rat = golden_mean * e;
        }
        let x = xf + sign_or_one(rat) * rat.abs().max(tol1);
        let fu = f(x);
        evaluations += 1;
        if fu <= fx {
            if x >= xf {
                a = xf;
            } else {
                b = xf;
            }
            (fulc, ffulc) = (nfc, fnfc);
            (nfc, fnfc) = (xf, fx);
            (xf, fx) = (x, fu);
        } else {
            if x < xf {
                a = x;
            } else {
                b = x;
            }
            if fu <= fnfc || nfc == xf {
                (fulc, ffulc) = (nfc, fnfc);
                (nfc, fnfc) = (x, fu);
            } else if fu <= ffulc || fulc == xf || fulc == nfc {
                (fulc, ffulc) = (x, fu);
            }
        }
        xm = 0.5 * (a + b);
        tol1 = sqrt_eps * xf.abs() + xatol / 3.0;
        tol2 = 2.0 * tol1;
        if evaluations >= max_evaluations {
            break;
        }
    }
    xf
}

/// NumPy's `sign(x) + (x == 0)`: −1 or 1, and 1 for zero.
fn sign_or_one(x: f64) -> f64 {
    if x < 0.0 { -1.0 } else { 1.0 }
}

/// A posterior on the EAP grid, updated one response at a time (cheaper than recomputing it from
/// every response after each answer).
#[derive(Clone, Debug)]
pub struct Posterior {
    log_density: [f64; GRID_POINTS],
}

impl Posterior {
    pub fn new() -> Posterior {
        let mut log_density = [0.0; GRID_POINTS];
        for (i, value) in log_density.iter_mut().enumerate() {
            *value = estimate::log_prior(estimate::grid_theta(i));
        }
        Posterior { log_density }
    }

    pub fn add(&mut self, item: Item, correct: bool) {
        for (i, value) in self.log_density.iter_mut().enumerate() {
            // Clamped like the catalog's EAP so a near-certain miss cannot give −∞.
            let p = item
                .probability(estimate::grid_theta(i))
                .clamp(1e-12, 1.0 - 1e-12);
            *value += if correct { p.ln() } else { (1.0 - p).ln() };
        }
    }

    pub fn estimate(&self) -> Estimate {
        estimate::posterior_moments(&self.log_density)
    }
}

impl Default for Posterior {
    fn default() -> Self {
        Posterior::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estimate::{ItemParams, Response};

    fn bank() -> ItemBank {
        ItemBank::new(
            [(1.0, -1.0), (1.5, 0.0), (0.8, 1.0), (1.2, 2.0)]
                .iter()
                .map(|&(a, b)| Item::two_pl(a, b))
                .collect(),
        )
        .expect("bank")
    }

    #[test]
    fn bounded_minimum_finds_a_parabola_vertex_and_respects_bounds() {
        let x = bounded_minimum(|x| (x - 1.234).powi(2), (-6.0, 6.0), 1e-5, 500);
        assert!((x - 1.234).abs() < 1e-5, "{x}");
        let edge = bounded_minimum(|x| -x, (-6.0, 6.0), 1e-5, 500);
        assert!(edge <= 6.0 && edge > 6.0 - 1e-4, "{edge}");
    }

    #[test]
    fn bounded_minimum_matches_scipy_on_a_likelihood() {
        // SciPy 1.17.1: minimize_scalar(nll, bounds=(-6, 6), method="bounded").x for items
        // (a, b) = (1, -1), (1.5, 0), (0.8, 1) answered right, wrong, right.
        let bank = bank();
        let theta = mle_with_dodd(&bank, &[0, 1, 2], &[true, false, true], 0.0);
        assert!((theta - 0.079_389_116_259_142_51).abs() < 1e-12, "{theta}");
    }

    #[test]
    fn the_mle_sets_the_score_equation_to_zero() {
        let bank = bank();
        let (items, responses) = ([0, 1, 2, 3], [true, false, true, false]);
        let theta = mle_with_dodd(&bank, &items, &responses, 0.0);
        let gradient: f64 = items
            .iter()
            .zip(responses)
            .map(|(&i, r)| {
                let item = bank.item(i);
                item.a * (f64::from(u8::from(r)) - item.probability(theta))
            })
            .sum();
        assert!(gradient.abs() < 1e-4, "{theta} {gradient}");
    }

    #[test]
    fn the_fast_likelihood_equals_the_sum_of_item_log_likelihoods() {
        let bank = ItemBank::new(vec![
            Item::two_pl(1.0, -1.0),
            Item::two_pl(2.5, 0.5),
            Item {
                a: 1.3,
                b: 0.2,
                c: 0.2,
                d: 0.9,
            },
            Item::two_pl(4.0, 5.0),
        ])
        .expect("bank");
        let (items, responses) = ([0, 1, 2, 3], [true, false, true, false]);
        let likelihood = Likelihood::new(&bank, &items, &responses);
        for theta in [-6.0, -1.0, 0.0, 0.3, 2.0, 6.0, -300.0] {
            let direct: f64 = items
                .iter()
                .zip(responses)
                .map(|(&i, r)| bank.item(i).log_likelihood(theta, r))
                .sum();
            let fast = likelihood.log_likelihood(theta);
            // The direct form loses digits in 1 − P when P is near 1, hence the tolerance.
            assert!(
                (fast - direct).abs() <= 1e-9 * direct.abs().max(1.0),
                "θ = {theta}: {fast} vs {direct}"
            );
        }
    }

    #[test]
    fn dodd_steps_halfway_to_the_extreme_difficulty() {
        let bank = bank();
        assert_eq!(mle_with_dodd(&bank, &[1], &[true], 0.0), 1.0);
        assert_eq!(mle_with_dodd(&bank, &[1, 2], &[true, true], 1.0), 1.5);
        assert_eq!(mle_with_dodd(&bank, &[1], &[false], 0.0), -0.5);
    }

    #[test]
    fn the_incremental_posterior_agrees_with_the_catalog_eap() {
        let bank = bank();
        let mut estimator = Estimator::new(EstimatorKind::Eap);
        let (items, responses) = ([0usize, 1, 2], [true, false, true]);
        let mut last = Estimate {
            theta: 0.0,
            se: 0.0,
        };
        for k in 1..=items.len() {
            last = estimator.update(&bank, &items[..k], &responses[..k], last.theta);
        }
        let reference = estimate::eap(
            &items
                .iter()
                .zip(responses)
                .map(|(&i, r)| Response {
                    item: ItemParams {
                        a: bank.item(i).a,
                        b: bank.item(i).b,
                        c: 0.0,
                    },
                    score: f64::from(u8::from(r)),
                })
                .collect::<Vec<_>>(),
        );
        assert!(
            (last.theta - reference.theta).abs() < 1e-4,
            "{last:?} {reference:?}"
        );
        assert!(
            (last.se - reference.se).abs() < 1e-4,
            "{last:?} {reference:?}"
        );
    }
}
