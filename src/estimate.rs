//! Ability estimation from answers: a Rasch / 2PL item response model, estimated by EAP
//! (expected a posteriori) on a grid with a normal prior, so that all-right and all-wrong answer
//! patterns still give finite estimates with an honest standard error.
//!
//! Abilities are in logits. The level scale is tied to the default item difficulties: a person is
//! at level L when they would answer a typical difficulty-L question right at least half the
//! time, i.e. θ ≥ b(L). With b = −1.5, −0.5, 0.5, 1.5 that makes one level one logit wide, so the
//! continuous level is `clamp(θ + 2.5, 0, 4)` and a standard error in logits is one in levels.

use serde::{Deserialize, Serialize};

use crate::catalog::Question;

/// Default `b` (logits) for difficulty 1, 2, 3, 4.
pub const DEFAULT_B: [f64; 4] = [-1.5, -0.5, 0.5, 1.5];
/// Standard deviation of the normal prior on θ. Wide enough that seven right answers can reach
/// "expert" and seven wrong ones "none", narrow enough to keep one lucky answer from doing so.
pub const PRIOR_SD: f64 = 1.5;
const GRID_MIN: f64 = -5.0;
const GRID_MAX: f64 = 5.0;
/// Points of the grid the posterior is computed on (shared with the adaptive engine's EAP).
pub const GRID_POINTS: usize = 201;

/// The five levels, 0–4.
pub const LEVEL_NAMES: [&str; 5] = ["none", "awareness", "working", "proficient", "expert"];

pub fn level_name(level: u8) -> &'static str {
    LEVEL_NAMES[usize::from(level.min(4))]
}

pub use crate::catalog::{A_RANGE, B_RANGE, C_RANGE, Guessing};

/// IRT parameters of one item (3PL: P = c + (1 − c)·σ(a(θ − b))).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ItemParams {
    pub a: f64,
    pub b: f64,
    pub c: f64,
}

impl ItemParams {
    /// The question's own `a`/`b`/`c`, or the defaults for its difficulty and kind.
    pub fn of(question: &Question) -> ItemParams {
        ItemParams::with_guessing(question, Guessing::On)
    }

    /// As [`ItemParams::of`], with guessing modelled or not.
    pub fn with_guessing(question: &Question, guessing: Guessing) -> ItemParams {
        let default_b = DEFAULT_B[usize::from(question.difficulty.clamp(1, 4) - 1)];
        ItemParams {
            a: question.a.unwrap_or(1.0),
            b: question.b.unwrap_or(default_b),
            c: match guessing {
                Guessing::On => question.c.unwrap_or_else(|| default_guessing(question)),
                Guessing::Off => 0.0,
            },
        }
    }

    /// Probability of a correct answer at ability `theta` (logistic, no 1.7 constant).
    pub fn probability(self, theta: f64) -> f64 {
        self.c + (1.0 - self.c) / (1.0 + (-self.a * (theta - self.b)).exp())
    }
}

/// The chance of a right answer by guessing: one in the number of options for a `choice`
/// question; none for "select all that apply" (2ⁿ − 1 possible sets) or for scenarios, whose
/// credits are fractional outcomes.
pub fn default_guessing(question: &Question) -> f64 {
    match question.kind {
        crate::catalog::QuestionKind::Choice => guessing_chance(question.options.len()),
        _ => 0.0,
    }
}

/// One in `options` (none below two options). The scorer's cached likelihood tables are found by
/// comparing `c` exactly, so every default `c` is computed here.
pub fn guessing_chance(options: usize) -> f64 {
    if options >= 2 {
        1.0 / options as f64
    } else {
        0.0
    }
}

/// Steps the guessing share is rounded to, so that the likelihood tables of every share can be
/// computed once ([`crate::posterior::log_likelihood_table`]).
pub const GUESSING_STEPS: usize = 8;

/// How a person answered the single-choice questions they did not know: with a wrong option (a
/// guess that missed) or with "I don't know" (a guess not taken). Right answers say nothing
/// here: they may be knowledge or luck.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct GuessingEvidence {
    pub missed: usize,
    pub declined: usize,
}

impl GuessingEvidence {
    /// Counts one answer to `question` (scored `score`, `declined` for "I don't know").
    pub fn add(&mut self, question: &Question, score: f64, declined: bool) {
        if question.kind != crate::catalog::QuestionKind::Choice {
            return;
        }
        if declined {
            self.declined += 1;
        } else if score == 0.0 {
            self.missed += 1;
        }
    }

    /// The share g of the questions this person did not know on which they guessed, in steps of
    /// 1/[`GUESSING_STEPS`]: the chance of a lucky right answer is g·c, not c. Someone who
    /// answers "I don't know" whenever unsure never guesses (g near 0), and their right answers
    /// are not discounted as possible luck; someone who never uses it keeps g = 1.
    ///
    /// Of the questions a person does not know, a share g is guessed and missed with chance
    /// 1 − c, so missed / declined = g(1 − c) / (1 − g): g's odds are missed / ((1 − c)·declined),
    /// with c = 1/4 (most choice questions have four options) and one missed guess counted in
    /// advance, so that a sheet without wrong answers or with few "I don't know"s keeps g near 1.
    pub fn share(self) -> f64 {
        if self.declined == 0 {
            return 1.0;
        }
        let odds = (self.missed as f64 + 1.0) / (0.75 * self.declined as f64);
        let share = odds / (1.0 + odds);
        let steps = GUESSING_STEPS as f64;
        (share * steps).round() / steps
    }
}

/// One scored response: the item and a score in 0..=1 (1 right, 0 wrong, a scenario's credit
/// in between, treated as a fractional Bernoulli outcome).
#[derive(Clone, Copy, Debug)]
pub struct Response {
    pub item: ItemParams,
    pub score: f64,
}

/// An ability estimate with its standard error (posterior standard deviation), in logits.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Estimate {
    pub theta: f64,
    pub se: f64,
}

impl Estimate {
    /// Level on the continuous 0–4 scale.
    pub fn continuous_level(self) -> f64 {
        continuous_level(self.theta)
    }

    /// The level 0–4 the estimate falls in.
    pub fn level(self) -> u8 {
        level_of(self.theta)
    }

    /// The levels within one standard error: `(low, high)`.
    pub fn level_range(self) -> (u8, u8) {
        (
            level_of(self.theta - self.se),
            level_of(self.theta + self.se),
        )
    }

    /// The uncertainty in whole levels, for "working, ±1 level".
    pub fn plus_minus_levels(self) -> u8 {
        let (low, high) = self.level_range();
        let level = self.level();
        (level - low).max(high - level)
    }
}

/// `value` rounded to `decimals` places: results carry what is meaningful, not float noise.
pub fn round_to(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

pub fn continuous_level(theta: f64) -> f64 {
    (theta - DEFAULT_B[0] + 1.0).clamp(0.0, 4.0)
}

pub fn level_of(theta: f64) -> u8 {
    DEFAULT_B.iter().filter(|&&b| theta >= b).count() as u8
}

/// θ at grid point `i`.
pub fn grid_theta(i: usize) -> f64 {
    GRID_MIN + (GRID_MAX - GRID_MIN) * i as f64 / (GRID_POINTS - 1) as f64
}

/// Log density of the prior at `theta`, up to a constant.
pub fn log_prior(theta: f64) -> f64 {
    -0.5 * (theta / PRIOR_SD).powi(2)
}

/// EAP estimate of θ from one skill's responses alone, under an independent N(0, 1.5²) prior: the
/// estimator of the generic adaptive-testing engine (`simulate --bank`), which is compared with
/// catsim. Catalog results use the joint model in [`crate::posterior`] instead.
pub fn eap(responses: &[Response]) -> Estimate {
    let mut log_posterior = [0.0f64; GRID_POINTS];
    for (i, value) in log_posterior.iter_mut().enumerate() {
        *value = log_prior(grid_theta(i));
    }
    for response in responses {
        let (x, y) = (response.score, 1.0 - response.score);
        for (i, value) in log_posterior.iter_mut().enumerate() {
            let p = response
                .item
                .probability(grid_theta(i))
                .clamp(1e-12, 1.0 - 1e-12);
            *value += x * p.ln() + y * (1.0 - p).ln();
        }
    }
    let estimate = posterior_moments(&log_posterior);
    Estimate {
        theta: round_to(estimate.theta, 4),
        se: round_to(estimate.se, 4),
    }
}

/// Mean and standard deviation of a posterior given by its logarithm on the grid (unrounded).
pub fn posterior_moments(log_posterior: &[f64; GRID_POINTS]) -> Estimate {
    // Subtract the maximum before exponentiating so long answer patterns cannot underflow.
    let max = log_posterior
        .iter()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    let (mut total, mut first, mut second) = (0.0, 0.0, 0.0);
    for (i, log) in log_posterior.iter().enumerate() {
        let weight = (log - max).exp();
        let theta = grid_theta(i);
        total += weight;
        first += weight * theta;
        second += weight * theta * theta;
    }
    let theta = first / total;
    let variance = (second / total - theta * theta).max(0.0);
    Estimate {
        theta,
        se: variance.sqrt(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn share(missed: usize, declined: usize) -> f64 {
        GuessingEvidence { missed, declined }.share()
    }

    #[test]
    fn the_guessing_share_follows_how_unknown_questions_were_left() {
        // Never "I don't know": a guesser, the full chance of a lucky answer.
        assert_eq!(share(0, 0), 1.0);
        assert_eq!(share(30, 0), 1.0);
        // "I don't know" whenever unsure: next to no guessing.
        assert!(share(0, 20) <= 0.125, "{}", share(0, 20));
        assert_eq!(share(0, 60), 0.0);
        // One "I don't know" among many misses says little.
        assert!(share(12, 1) >= 0.875);
        // In eighths, and in between for a mixture.
        let mixed = share(6, 6);
        assert!(mixed > 0.5 && mixed < 1.0, "{mixed}");
        assert_eq!((mixed * 8.0).fract(), 0.0);
    }

    proptest! {
        #[test]
        fn a_miss_turned_into_i_dont_know_never_raises_the_share(
            missed in 1usize..60, declined in 0usize..60
        ) {
            prop_assert!(share(missed - 1, declined + 1) <= share(missed, declined));
        }
    }

    fn responses(pattern: &[(u8, f64)]) -> Vec<Response> {
        pattern
            .iter()
            .map(|&(difficulty, score)| Response {
                item: ItemParams {
                    a: 1.0,
                    b: DEFAULT_B[usize::from(difficulty - 1)],
                    c: 0.0,
                },
                score,
            })
            .collect()
    }

    const SEVEN: [u8; 7] = [1, 1, 2, 2, 3, 3, 4];

    #[test]
    fn no_answers_give_the_prior() {
        let estimate = eap(&[]);
        assert!(estimate.theta.abs() < 1e-9);
        assert!((estimate.se - PRIOR_SD).abs() < 0.01, "{estimate:?}");
    }

    #[test]
    fn all_right_is_finite_and_expert() {
        let estimate = eap(&responses(&SEVEN.map(|d| (d, 1.0))));
        assert!(estimate.theta.is_finite() && estimate.theta < GRID_MAX);
        assert_eq!(estimate.level(), 4, "{estimate:?}");
        assert!(estimate.se > 0.5 && estimate.se < 1.0, "{estimate:?}");
    }

    #[test]
    fn all_wrong_is_finite_and_none() {
        let estimate = eap(&responses(&SEVEN.map(|d| (d, 0.0))));
        assert!(estimate.theta.is_finite() && estimate.theta > GRID_MIN);
        assert_eq!(estimate.level(), 0, "{estimate:?}");
    }

    #[test]
    fn easy_right_hard_wrong_is_working() {
        let pattern = SEVEN.map(|d| (d, if d <= 2 { 1.0 } else { 0.0 }));
        let estimate = eap(&responses(&pattern));
        assert_eq!(estimate.level(), 2, "{estimate:?}");
        assert_eq!(estimate.plus_minus_levels(), 1);
    }

    #[test]
    fn a_symmetric_pattern_is_centred() {
        // Right on the two easiest, wrong on the two hardest of a symmetric set: θ̂ = 0 exactly.
        let estimate = eap(&responses(&[(1, 1.0), (2, 1.0), (3, 0.0), (4, 0.0)]));
        assert!(estimate.theta.abs() < 1e-9, "{estimate:?}");
    }

    #[test]
    fn more_answers_shrink_the_error() {
        let few = eap(&responses(&[(2, 1.0), (3, 0.0)]));
        let many = eap(&responses(&[
            (2, 1.0),
            (3, 0.0),
            (2, 1.0),
            (3, 0.0),
            (2, 1.0),
            (3, 0.0),
        ]));
        assert!(many.se < few.se, "{few:?} {many:?}");
    }

    #[test]
    fn levels_follow_default_difficulties() {
        assert_eq!(level_of(-1.51), 0);
        assert_eq!(level_of(-1.5), 1);
        assert_eq!(level_of(0.0), 2);
        assert_eq!(level_of(0.5), 3);
        assert_eq!(level_of(3.0), 4);
        assert_eq!(continuous_level(-0.5), 2.0);
        assert_eq!(continuous_level(-9.0), 0.0);
        assert_eq!(continuous_level(9.0), 4.0);
    }

    proptest! {
        #[test]
        fn turning_a_wrong_answer_right_never_lowers_theta(
            pattern in proptest::collection::vec((1u8..=4, 0.0f64..=1.0), 1..12),
            flip in 0usize..12,
        ) {
            let mut items = responses(&pattern);
            let flip = flip % items.len();
            items[flip].score = 0.0;
            let before = eap(&items);
            items[flip].score = 1.0;
            let after = eap(&items);
            prop_assert!(after.theta >= before.theta - 1e-12);
            prop_assert!(after.se > 0.0 && after.se.is_finite());
        }
    }
}
