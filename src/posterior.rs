//! The joint model of one person's skills, and its exact posterior.
//!
//! A person's ability in skill s is θ_s = μ + δ_s: a general level μ ~ N(m, σ_μ²) that all their
//! skills share and a skill-specific offset δ_s ~ N(0, σ_δ²). Every answer therefore tells a
//! little about μ, and through μ about every other skill: someone who gets every SQL, HTTP and Git
//! question right is probably not at "none" in REST.
//!
//! Given μ the skills are independent, so the posterior is exact on two grids, a θ grid per skill
//! and a μ grid, without MCMC: with L_s(θ) the likelihood of skill s's answers and K(θ | μ) the
//! normal density of θ around μ,
//!
//! - Z_s(μ) = Σ_θ L_s(θ) K(θ | μ), p(μ | answers) ∝ N(μ; m, σ_μ) Π_s Z_s(μ), and
//! - p_s(θ | answers) = L_s(θ) Σ_μ p(μ | answers) K(θ | μ) / Z_s(μ).
//!
//! A skill without answers has L_s = 1: its distribution comes from μ alone.

pub use crate::catalog::Population;
use crate::estimate::{DEFAULT_B, Estimate, ItemParams, Response};
use crate::rng::SplitMix64;

/// Points of the θ grid: θ_g = −4.95 + 0.1·g, so the level cuts (−1.5, −0.5, 0.5, 1.5) fall on
/// cell edges and "P(level ≥ L)" is an exact sum of cells.
pub const THETA_POINTS: usize = 100;
const THETA_MIN: f64 = -4.95;
const THETA_STEP: f64 = 0.1;
/// Points of the μ grid, spanning m ± [`MU_SPAN`]·σ_μ.
pub const MU_POINTS: usize = 32;
const MU_SPAN: f64 = 4.5;
/// Cells whose relative weight is below this are skipped when drawing (they cannot be drawn).
const NEGLIGIBLE: f64 = 1e-12;

/// θ at grid point `g`.
pub fn theta_at(g: usize) -> f64 {
    THETA[g]
}

/// The θ grid, tabulated: report code reads it for every cell of every skill.
static THETA: [f64; THETA_POINTS] = {
    let mut theta = [0.0; THETA_POINTS];
    let mut g = 0;
    while g < THETA_POINTS {
        theta[g] = THETA_MIN + THETA_STEP * g as f64;
        g += 1;
    }
    theta
};

/// The first grid point at or above the cut of `level` (1–4); 0 for level 0.
fn first_cell_of(level: u8) -> usize {
    match level {
        0 => 0,
        level => {
            let cut = DEFAULT_B[usize::from(level.min(4)) - 1];
            ((cut - THETA_MIN) / THETA_STEP).ceil() as usize
        }
    }
}

/// The grids and the kernel K(θ | μ) for one population; built once and shared by every sheet.
#[derive(Clone, Debug)]
pub struct Model {
    population: Population,
    mu: [f64; MU_POINTS],
    /// The prior density N(μ_k; m, σ_μ) up to a constant.
    prior: [f64; MU_POINTS],
    /// K[k][g] ∝ exp(−(θ_g − μ_k)² / 2σ_δ²), normalised so that Σ_g K[k][g] = 1.
    kernel: Vec<[f64; THETA_POINTS]>,
}

impl Model {
    pub fn new(population: Population) -> Model {
        let step = 2.0 * MU_SPAN * population.general_sd / (MU_POINTS - 1) as f64;
        let mu: [f64; MU_POINTS] = std::array::from_fn(|k| {
            population.general_mean - MU_SPAN * population.general_sd + step * k as f64
        });
        let prior = mu.map(|m| {
            let z = (m - population.general_mean) / population.general_sd;
            (-0.5 * z * z).exp()
        });
        let kernel = mu
            .iter()
            .map(|&m| {
                let mut row: [f64; THETA_POINTS] = std::array::from_fn(|g| {
                    let z = (theta_at(g) - m) / population.skill_sd;
                    (-0.5 * z * z).exp()
                });
                let total: f64 = row.iter().sum();
                row.iter_mut().for_each(|value| *value /= total);
                row
            })
            .collect();
        Model {
            population,
            mu,
            prior,
            kernel,
        }
    }

    /// The model of the default population, built once.
    pub fn default_model() -> &'static Model {
        static MODEL: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
        MODEL.get_or_init(|| Model::new(Population::default()))
    }

    /// The model of `population`, built once per population and shared (a batch scores every
    /// sheet with the same one).
    pub fn shared(population: Population) -> std::sync::Arc<Model> {
        use std::sync::{Arc, Mutex};
        static MODELS: Mutex<Vec<Arc<Model>>> = Mutex::new(Vec::new());
        let mut models = MODELS
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(model) = models.iter().find(|m| m.population == population) {
            return Arc::clone(model);
        }
        let model = Arc::new(Model::new(population));
        // A handful of populations at most (the catalog's, a calibration's, a simulation's).
        if models.len() >= 8 {
            models.remove(0);
        }
        models.push(Arc::clone(&model));
        model
    }

    pub fn population(&self) -> Population {
        self.population
    }

    /// The posterior of someone whose abilities in the given skills are known exactly (the
    /// limit of infinitely many answers): for tests and for checking the verdict rule.
    pub fn known<'s>(&self, abilities: impl IntoIterator<Item = (&'s str, f64)>) -> Posterior<'_> {
        let parts = abilities.into_iter().map(|(skill, theta)| {
            let cell = ((theta - THETA_MIN) / THETA_STEP)
                .round()
                .clamp(0.0, (THETA_POINTS - 1) as f64) as usize;
            let mut likelihood = [0.0; THETA_POINTS];
            likelihood[cell] = 1.0;
            let z = std::array::from_fn(|k| self.kernel[k][cell]);
            let marginal = std::cell::OnceCell::new();
            (
                skill.to_string(),
                SkillPart {
                    likelihood,
                    z,
                    marginal,
                },
            )
        });
        self.posterior_of(parts.collect())
    }

    /// The posterior given each skill's responses (skills without responses may be left out).
    pub fn posterior<'r>(
        &self,
        evidence: impl IntoIterator<Item = (&'r str, &'r [Response])>,
    ) -> Posterior<'_> {
        let evidence = evidence.into_iter();
        // Sized up front: a part is 2 KB, and growing the vector would copy them all.
        let mut skills = Vec::with_capacity(evidence.size_hint().0);
        skills.extend(
            evidence
                .filter(|(_, responses)| !responses.is_empty())
                .map(|(skill, responses)| (skill.to_string(), SkillPart::new(self, responses))),
        );
        self.posterior_of(skills)
    }

    fn posterior_of(&self, mut skills: Vec<(String, SkillPart)>) -> Posterior<'_> {
        skills.sort_by(|a, b| a.0.cmp(&b.0));
        // p(μ | answers) ∝ prior · Π_s Z_s(μ), multiplied out (no logarithm per cell) and
        // rescaled to a maximum of one after each skill, so that it cannot underflow as a whole.
        let mut weights = self.prior;
        for (_, part) in &skills {
            weights.iter_mut().zip(&part.z).for_each(|(w, z)| *w *= z);
            let max = weights.iter().copied().fold(0.0, f64::max);
            if max > 0.0 {
                weights.iter_mut().for_each(|w| *w /= max);
            }
        }
        let mut sum = total(&weights);
        if sum.is_nan() || sum <= 0.0 {
            // Only answers no μ on the grid can explain (never from the catalog's items).
            weights = self.prior;
            sum = total(&weights);
        }
        weights.iter_mut().for_each(|w| *w /= sum);
        Posterior {
            model: self,
            mu_weights: weights,
            skills,
            unassessed: std::cell::OnceCell::new(),
        }
    }
}

/// ln P(right) and ln P(wrong) of one item at every point of the joint model's θ grid.
#[derive(Clone, Debug)]
pub struct LogLikelihood {
    pub right: [f64; THETA_POINTS],
    pub wrong: [f64; THETA_POINTS],
    /// The probabilities themselves, for multiplying out short answer patterns.
    p_right: [f64; THETA_POINTS],
    p_wrong: [f64; THETA_POINTS],
}

impl LogLikelihood {
    fn new(item: ItemParams) -> Self {
        let mut table = LogLikelihood {
            right: [0.0; THETA_POINTS],
            wrong: [0.0; THETA_POINTS],
            p_right: [0.0; THETA_POINTS],
            p_wrong: [0.0; THETA_POINTS],
        };
        for g in 0..THETA_POINTS {
            let p = item.probability(theta_at(g)).clamp(1e-12, 1.0 - 1e-12);
            table.p_right[g] = p;
            table.p_wrong[g] = 1.0 - p;
            table.right[g] = p.ln();
            table.wrong[g] = (1.0 - p).ln();
        }
        table
    }
}

/// Lower asymptotes of the default items: none, and one in 2–6 options.
const DEFAULT_OPTION_COUNTS: [usize; 6] = [0, 2, 3, 4, 5, 6];
/// Guessing shares g = k / GUESSING_STEPS, k = 0..=GUESSING_STEPS (see
/// [`crate::estimate::GuessingEvidence::share`]): an item's c is its default times g.
const SHARES: usize = crate::estimate::GUESSING_STEPS + 1;
const DEFAULT_TABLES: usize = DEFAULT_B.len() * DEFAULT_OPTION_COUNTS.len() * SHARES;

fn share_at(k: usize) -> f64 {
    k as f64 / crate::estimate::GUESSING_STEPS as f64
}

/// The log-likelihood table of `item`. Almost every catalog item has a = 1, a default `b` and a
/// default `c` (times a guessing share), and this is the scorer's hot path, so those tables are
/// computed once each, when first needed.
pub fn log_likelihood_table(item: ItemParams) -> std::borrow::Cow<'static, LogLikelihood> {
    static TABLES: [std::sync::OnceLock<LogLikelihood>; DEFAULT_TABLES] =
        [const { std::sync::OnceLock::new() }; DEFAULT_TABLES];
    let b_index = DEFAULT_B.iter().position(|&b| b == item.b);
    // The full share first: it is the usual case. A product is computed the same way here and
    // where the share is applied, so the comparison is exact.
    let c_index = (0..SHARES).rev().find_map(|k| {
        DEFAULT_OPTION_COUNTS
            .iter()
            .position(|&n| crate::estimate::guessing_chance(n) * share_at(k) == item.c)
            .map(|n| (n, k))
    });
    let (Some(b_index), Some((n_index, k)), true) = (b_index, c_index, item.a == 1.0) else {
        return std::borrow::Cow::Owned(LogLikelihood::new(item));
    };
    let slot = (b_index * DEFAULT_OPTION_COUNTS.len() + n_index) * SHARES + k;
    std::borrow::Cow::Borrowed(TABLES[slot].get_or_init(|| {
        LogLikelihood::new(ItemParams {
            a: 1.0,
            b: DEFAULT_B[b_index],
            c: crate::estimate::guessing_chance(DEFAULT_OPTION_COUNTS[n_index]) * share_at(k),
        })
    }))
}

/// One answered skill: its likelihood on the θ grid and Z_s(μ_k).
#[derive(Clone, Debug)]
struct SkillPart {
    /// L_s(θ_g) / max_g L_s, so that long answer patterns cannot underflow.
    likelihood: [f64; THETA_POINTS],
    z: [f64; MU_POINTS],
    /// The marginal, computed on first use (reports ask for it several times).
    marginal: std::cell::OnceCell<Distribution>,
}

impl SkillPart {
    fn new(model: &Model, responses: &[Response]) -> SkillPart {
        let mut likelihood = likelihood_of(responses);
        let max = likelihood.iter().copied().fold(0.0, f64::max);
        likelihood.iter_mut().for_each(|l| *l /= max);
        let z = z_of(&model.kernel, &likelihood);
        SkillPart {
            likelihood,
            z,
            marginal: std::cell::OnceCell::new(),
        }
    }
}

/// Answers at most this many can be multiplied out without underflow: every factor is at least
/// 1e-12 (see [`LogLikelihood`]), and 1e-12²⁵ is far above the smallest f64.
const MULTIPLIED_RESPONSES: usize = 25;

/// L(θ_g) of `responses`, up to a constant factor. A product of P(right) and P(wrong) tables
/// when every answer is plainly right or wrong and there are few of them (the usual case: no
/// logarithm or exponential per cell); otherwise through logarithms, rescaled before `exp`.
fn likelihood_of(responses: &[Response]) -> [f64; THETA_POINTS] {
    let plain = |r: &Response| r.score == 0.0 || r.score == 1.0;
    if responses.len() <= MULTIPLIED_RESPONSES && responses.iter().all(plain) {
        let mut product = [1.0f64; THETA_POINTS];
        for response in responses {
            let table = log_likelihood_table(response.item);
            let factors = if response.score == 1.0 {
                &table.p_right
            } else {
                &table.p_wrong
            };
            product.iter_mut().zip(factors).for_each(|(l, f)| *l *= f);
        }
        return product;
    }
    let mut log = [0.0f64; THETA_POINTS];
    for response in responses {
        let table = log_likelihood_table(response.item);
        let score = response.score;
        for (g, value) in log.iter_mut().enumerate() {
            *value += score * table.right[g] + (1.0 - score) * table.wrong[g];
        }
    }
    let max = log.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    log.map(|value| (value - max).exp())
}

/// Defines a function whose body is compiled twice, for AVX and without, and runs the AVX one
/// when the processor has it. The two give the same bits: the sums keep their order (four
/// lanes) and Rust never fuses a multiply with an add. These loops are most of the scorer's
/// arithmetic, and AVX does them in half the instructions.
macro_rules! with_avx {
    ($(#[$doc:meta])* fn $name:ident($($arg:ident: $ty:ty),*) -> $out:ty $body:block) => {
        $(#[$doc])*
        fn $name($($arg: $ty),*) -> $out {
            #[inline(always)]
            fn body($($arg: $ty),*) -> $out $body
            #[cfg(target_arch = "x86_64")]
            {
                #[target_feature(enable = "avx")]
                fn avx($($arg: $ty),*) -> $out {
                    body($($arg),*)
                }
                if std::arch::is_x86_feature_detected!("avx") {
                    // SAFETY: `avx` needs AVX, which the processor was just seen to have.
                    return unsafe { avx($($arg),*) };
                }
            }
            body($($arg),*)
        }
    };
}

with_avx! {
    /// Z(μ_k) = Σ_g L(θ_g) K[k][g] at every μ point.
    fn z_of(kernel: &[[f64; THETA_POINTS]], likelihood: &[f64; THETA_POINTS]) -> [f64; MU_POINTS] {
        let mut z = [0.0; MU_POINTS];
        for (value, row) in z.iter_mut().zip(kernel) {
            *value = dot(likelihood, row);
        }
        z
    }
}

with_avx! {
    /// Σ_k scale_k K[k][g] over the μ points whose weight is not negligible.
    fn mixture(
        kernel: &[[f64; THETA_POINTS]],
        weights: &[f64; MU_POINTS],
        scales: &[f64; MU_POINTS]
    ) -> [f64; THETA_POINTS] {
        let mut mixed = [0.0; THETA_POINTS];
        for ((row, &weight), &scale) in kernel.iter().zip(weights).zip(scales) {
            if weight < NEGLIGIBLE {
                continue;
            }
            for (value, k) in mixed.iter_mut().zip(row) {
                *value += scale * k;
            }
        }
        mixed
    }
}

// `dot` works in whole chunks of four.
const _: () = assert!(THETA_POINTS.is_multiple_of(4));

#[inline(always)]
fn dot(a: &[f64; THETA_POINTS], b: &[f64; THETA_POINTS]) -> f64 {
    let (a, _) = a.as_chunks::<4>();
    let (b, _) = b.as_chunks::<4>();
    let mut lanes = [0.0; 4];
    for (x, y) in a.iter().zip(b) {
        for lane in 0..4 {
            lanes[lane] += x[lane] * y[lane];
        }
    }
    lanes.iter().sum()
}

/// Σ values, in four lanes: a float sum in one lane must be added in order, which the compiler
/// cannot vectorise, and these sums run thousands of times per sheet.
fn total(values: &[f64]) -> f64 {
    let mut lanes = [0.0; 4];
    let chunks = values.chunks_exact(4);
    let rest: f64 = chunks.remainder().iter().sum();
    for chunk in chunks {
        for lane in 0..4 {
            lanes[lane] += chunk[lane];
        }
    }
    lanes.iter().sum::<f64>() + rest
}

/// The posterior of one person's skills.
#[derive(Clone, Debug)]
pub struct Posterior<'m> {
    model: &'m Model,
    mu_weights: [f64; MU_POINTS],
    skills: Vec<(String, SkillPart)>,
    /// The marginal of a skill without answers (the same for all of them).
    unassessed: std::cell::OnceCell<Distribution>,
}

impl Posterior<'_> {
    fn part(&self, skill: &str) -> Option<&SkillPart> {
        self.skills
            .binary_search_by(|(id, _)| id.as_str().cmp(skill))
            .ok()
            .map(|i| &self.skills[i].1)
    }

    /// Whether no answer measured any skill: the posterior is the prior.
    pub fn knows_nothing(&self) -> bool {
        self.skills.is_empty()
    }

    /// The population whose prior this posterior started from.
    pub fn population(&self) -> Population {
        self.model.population()
    }

    /// Whether any answer measured `skill`.
    pub fn is_assessed(&self, skill: &str) -> bool {
        self.part(skill).is_some()
    }

    /// The posterior mean and standard deviation of the general level μ.
    pub fn general_level(&self) -> Estimate {
        let mean: f64 = self
            .mu_weights
            .iter()
            .zip(&self.model.mu)
            .map(|(w, m)| w * m)
            .sum();
        let variance: f64 = self
            .mu_weights
            .iter()
            .zip(&self.model.mu)
            .map(|(w, m)| w * (m - mean) * (m - mean))
            .sum();
        Estimate {
            theta: mean,
            se: variance.max(0.0).sqrt(),
        }
    }

    /// The marginal posterior of θ_s (from μ alone when `skill` has no answers).
    pub fn skill(&self, skill: &str) -> &Distribution {
        let part = self.part(skill);
        let cell = part.map_or(&self.unassessed, |p| &p.marginal);
        cell.get_or_init(|| self.marginal(part))
    }

    fn marginal(&self, part: Option<&SkillPart>) -> Distribution {
        let scales: [f64; MU_POINTS] = std::array::from_fn(|k| match part {
            Some(part) => self.mu_weights[k] / part.z[k].max(f64::MIN_POSITIVE),
            None => self.mu_weights[k],
        });
        let mut probabilities = mixture(&self.model.kernel, &self.mu_weights, &scales);
        if let Some(part) = part {
            for (value, l) in probabilities.iter_mut().zip(&part.likelihood) {
                *value *= l;
            }
        }
        let sum = total(&probabilities);
        probabilities.iter_mut().for_each(|p| *p /= sum);
        Distribution { probabilities }
    }

    /// `count` joint draws of (θ_s for s in `skills`) as θ-grid cells, flattened draw by draw:
    /// `draws[i * skills.len() + j]` is draw i's cell of `skills[j]` (θ = [`theta_at`]).
    /// Seeded and deterministic.
    ///
    /// The draws are stratified over μ (each grid point gets its share of the draws, by systematic
    /// sampling) and, within one μ point, each skill's draws are stratified over its conditional
    /// distribution and paired at random across skills (Latin hypercube). That keeps the Monte
    /// Carlo error of a probability well under 0.01 with a couple of thousand draws.
    pub fn draw(&self, skills: &[&str], count: usize, seed: u64) -> Vec<u8> {
        let mut rng = SplitMix64::new(seed);
        let mut draws = vec![0u8; count * skills.len()];
        let parts: Vec<Option<&SkillPart>> = skills.iter().map(|s| self.part(s)).collect();
        let mut start = 0;
        let mut order: Vec<usize> = Vec::new();
        for (k, block) in systematic_counts(&self.mu_weights, count, &mut rng)
            .into_iter()
            .enumerate()
        {
            if block == 0 {
                continue;
            }
            let kernel = &self.model.kernel[k];
            for (j, part) in parts.iter().enumerate() {
                // A shuffle of any permutation is a uniformly random one: no need to reset.
                if order.len() != block {
                    order.clear();
                    order.extend(0..block);
                }
                shuffle(&mut order, &mut rng);
                // The conditional weights L_s(θ)·K(θ | μ_k) sum to Z_s(μ_k) (the kernel alone to
                // one), so one pass that stops at the last draw finds every draw's cell.
                let (sum, cells) = match part {
                    Some(part) => (part.z[k], Cells::Weighted(&part.likelihood, kernel)),
                    None => (1.0, Cells::Kernel(kernel)),
                };
                let step = sum / block as f64;
                let first = rng.uniform() * step;
                let mut place = |slot: usize, g: usize| {
                    draws[(start + slot) * skills.len() + j] = g as u8;
                };
                match cells {
                    Cells::Weighted(likelihood, kernel) => walk(
                        likelihood.iter().zip(kernel).map(|(l, k)| l * k),
                        &order,
                        first,
                        step,
                        &mut place,
                    ),
                    Cells::Kernel(kernel) => {
                        walk(kernel.iter().copied(), &order, first, step, &mut place)
                    }
                }
            }
            start += block;
        }
        draws
    }
}

/// The cells one skill is drawn from at one μ point: its likelihood times the kernel, or the
/// kernel alone when nothing was answered.
enum Cells<'a> {
    Weighted(&'a [f64; THETA_POINTS], &'a [f64; THETA_POINTS]),
    Kernel(&'a [f64; THETA_POINTS]),
}

/// Systematic sampling along the cells' cumulative weight: the draw at `slots[i]` goes to the
/// first cell whose cumulative weight reaches `first + i·step` (the last cell if none does).
fn walk(
    weights: impl Iterator<Item = f64>,
    slots: &[usize],
    first: f64,
    step: f64,
    place: &mut impl FnMut(usize, usize),
) {
    let mut slots = slots.iter().copied().peekable();
    let mut target = first;
    let mut cumulative = 0.0;
    for (g, weight) in weights.enumerate() {
        cumulative += weight;
        while let Some(slot) = slots.next_if(|_| cumulative >= target) {
            place(slot, g);
            target += step;
        }
        if slots.peek().is_none() {
            return;
        }
    }
    slots.for_each(|slot| place(slot, THETA_POINTS - 1));
}

/// What one person's posterior says of the population parameters: the moments an EM step
/// averages over a cohort.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonMoments {
    /// E[μ].
    pub mean: f64,
    /// E[μ²].
    pub square: f64,
    /// E[(θ_s − μ)²] for each answered skill.
    pub deviations: Vec<f64>,
}

impl Posterior<'_> {
    /// The posterior moments of μ and of each answered skill's offset from it.
    pub fn moments(&self) -> PersonMoments {
        let mu = &self.model.mu;
        let mean: f64 = self.mu_weights.iter().zip(mu).map(|(w, m)| w * m).sum();
        let square: f64 = self.mu_weights.iter().zip(mu).map(|(w, m)| w * m * m).sum();
        let deviations = self
            .skills
            .iter()
            .map(|(_, part)| {
                let mut total = 0.0;
                for (k, &w) in self.mu_weights.iter().enumerate() {
                    if w < NEGLIGIBLE {
                        continue;
                    }
                    let kernel = &self.model.kernel[k];
                    let z = part.z[k].max(f64::MIN_POSITIVE);
                    let inner: f64 = (0..THETA_POINTS)
                        .map(|g| {
                            let d = theta_at(g) - mu[k];
                            part.likelihood[g] * kernel[g] * d * d
                        })
                        .sum();
                    total += w * inner / z;
                }
                total
            })
            .collect();
        PersonMoments {
            mean,
            square,
            deviations,
        }
    }
}

/// How many of `count` draws each grid point gets: systematic sampling of `weights`.
fn systematic_counts(weights: &[f64], count: usize, rng: &mut SplitMix64) -> Vec<usize> {
    let mut counts = vec![0; weights.len()];
    if count == 0 {
        return counts;
    }
    let offset = rng.uniform();
    let mut cumulative = 0.0;
    let mut taken = 0;
    for (k, &w) in weights.iter().enumerate() {
        cumulative += w * count as f64;
        // Draws i with (i + offset) < cumulative belong to points up to k.
        let upto = ((cumulative - offset).floor() as isize + 1).clamp(0, count as isize) as usize;
        counts[k] = upto.saturating_sub(taken);
        taken = taken.max(upto);
    }
    // Rounding at the top end: the last point with weight takes what is left.
    if taken < count
        && let Some(last) = weights.iter().rposition(|&w| w > 0.0)
    {
        counts[last] += count - taken;
    }
    counts
}

fn shuffle(items: &mut [usize], rng: &mut SplitMix64) {
    for i in (1..items.len()).rev() {
        // Lemire's multiply-shift instead of a modulo: this is the scorer's hot loop, and the
        // bias (below 2⁻⁵⁰ for these sizes) does not matter here.
        let j = ((u128::from(rng.next_u64()) * (i as u128 + 1)) >> 64) as usize;
        items.swap(i, j);
    }
}

/// A distribution of θ on the grid.
#[derive(Clone, Debug, PartialEq)]
pub struct Distribution {
    pub probabilities: [f64; THETA_POINTS],
}

impl Distribution {
    /// The first grid point at or above the cut of `level`.
    pub fn first_cell(&self, level: u8) -> usize {
        first_cell_of(level)
    }

    /// P(level ≥ `level`), exactly (0 gives 1).
    pub fn at_least(&self, level: u8) -> f64 {
        total(&self.probabilities[first_cell_of(level)..]).clamp(0.0, 1.0)
    }

    /// P(level = 0..4).
    pub fn level_probabilities(&self) -> [f64; 5] {
        std::array::from_fn(|level| {
            let level = level as u8;
            let end = if level == 4 {
                THETA_POINTS
            } else {
                first_cell_of(level + 1)
            };
            total(&self.probabilities[first_cell_of(level)..end]).clamp(0.0, 1.0)
        })
    }

    /// The most probable level (ties: the lower).
    pub fn most_probable_level(&self) -> u8 {
        let probabilities = self.level_probabilities();
        let mut best = 0;
        for level in 1..5 {
            if probabilities[level] > probabilities[best] + 1e-12 {
                best = level;
            }
        }
        best as u8
    }

    /// The levels of the central `mass` credible interval of θ, `(low, high)`.
    pub fn credible_levels(&self, mass: f64) -> (u8, u8) {
        let tail = (1.0 - mass) / 2.0;
        let (low, high) = (self.quantile(tail), self.quantile(1.0 - tail));
        (
            crate::estimate::level_of(low),
            crate::estimate::level_of(high),
        )
    }

    /// The θ below which a share `q` of the mass lies (cell resolution).
    pub fn quantile(&self, q: f64) -> f64 {
        let mut cumulative = 0.0;
        for (g, p) in self.probabilities.iter().enumerate() {
            cumulative += p;
            if cumulative >= q {
                return theta_at(g);
            }
        }
        theta_at(THETA_POINTS - 1)
    }

    /// E[f(θ)].
    pub fn mean_of(&self, f: impl Fn(f64) -> f64) -> f64 {
        self.probabilities
            .iter()
            .enumerate()
            .map(|(g, p)| p * f(theta_at(g)))
            .sum()
    }

    /// Posterior mean and standard deviation of θ.
    pub fn estimate(&self) -> Estimate {
        let mean = self.mean_of(|theta| theta);
        let variance = self
            .mean_of(|theta| (theta - mean) * (theta - mean))
            .max(0.0);
        Estimate {
            theta: mean,
            se: variance.sqrt(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estimate::ItemParams;

    fn item(b: f64, c: f64) -> ItemParams {
        ItemParams { a: 1.0, b, c }
    }

    fn answers(pattern: &[(f64, f64)]) -> Vec<Response> {
        pattern
            .iter()
            .map(|&(b, score)| Response {
                item: item(b, 0.0),
                score,
            })
            .collect()
    }

    /// Brute-force reference for two skills: integrate μ, θ₁, θ₂ on fine grids directly from the
    /// model's definition, without the Z trick.
    fn reference_p_at_least(
        population: Population,
        first: &[Response],
        second: &[Response],
        level: u8,
    ) -> (f64, f64) {
        let normal = |x: f64, mean: f64, sd: f64| (-0.5 * ((x - mean) / sd).powi(2)).exp();
        let likelihood = |theta: f64, responses: &[Response]| {
            responses
                .iter()
                .map(|r| {
                    let p = r.item.probability(theta);
                    p.powf(r.score) * (1.0 - p).powf(1.0 - r.score)
                })
                .product::<f64>()
        };
        let cut = DEFAULT_B[usize::from(level) - 1];
        let thetas: Vec<f64> = (0..400).map(|i| -8.0 + 0.04 * (i as f64 + 0.5)).collect();
        let mus: Vec<f64> = (0..300).map(|i| -6.0 + 0.04 * (i as f64 + 0.5)).collect();
        let (mut total, mut first_met, mut second_met) = (0.0, 0.0, 0.0);
        for &mu in &mus {
            let prior = normal(mu, population.general_mean, population.general_sd);
            let marginal = |responses: &[Response]| {
                let (mut all, mut above) = (0.0, 0.0);
                for &theta in &thetas {
                    let w = normal(theta, mu, population.skill_sd) * likelihood(theta, responses);
                    all += w;
                    if theta >= cut {
                        above += w;
                    }
                }
                (all, above)
            };
            let (a_all, a_above) = marginal(first);
            let (b_all, b_above) = marginal(second);
            total += prior * a_all * b_all;
            first_met += prior * a_above * b_all;
            second_met += prior * a_all * b_above;
        }
        (first_met / total, second_met / total)
    }

    #[test]
    fn the_posterior_matches_brute_force_integration_for_two_skills() {
        let population = Population::default();
        let model = Model::new(population);
        let sql = answers(&[(-1.5, 1.0), (-0.5, 1.0), (0.5, 0.0), (1.5, 1.0)]);
        let http = answers(&[(-0.5, 0.0), (0.5, 0.3)]);
        let posterior = model.posterior([("sql", &sql[..]), ("http", &http[..])]);
        for level in 1..=4 {
            let (sql_ref, http_ref) = reference_p_at_least(population, &sql, &http, level);
            let sql_p = posterior.skill("sql").at_least(level);
            let http_p = posterior.skill("http").at_least(level);
            assert!(
                (sql_p - sql_ref).abs() < 0.01,
                "level {level}: {sql_p} vs {sql_ref}"
            );
            assert!(
                (http_p - http_ref).abs() < 0.01,
                "level {level}: {http_p} vs {http_ref}"
            );
        }
    }

    #[test]
    fn an_unanswered_skill_follows_the_general_level() {
        let model = Model::default_model();
        let nothing = model.posterior(std::iter::empty());
        let general = nothing.general_level();
        let population = model.population();
        assert!(
            (general.theta - population.general_mean).abs() < 0.01,
            "{general:?}"
        );
        assert!(
            (general.se - population.general_sd).abs() < 0.01,
            "{general:?}"
        );
        let prior = nothing.skill("rest-api-design");
        // θ ~ N(0, 1.3² + 0.8²): P(θ ≥ −0.5) = Φ(0.5 / 1.526) ≈ 0.628.
        assert_eq!((population.general_sd, population.skill_sd), (1.3, 0.8));
        assert!(
            (prior.at_least(2) - 0.628).abs() < 0.01,
            "{}",
            prior.at_least(2)
        );
        let strong = answers(&[(0.5, 1.0), (1.5, 1.0), (0.5, 1.0), (1.5, 1.0)]);
        let weak = answers(&[(-1.5, 0.0), (-0.5, 0.0), (-1.5, 0.0), (-0.5, 0.0)]);
        let after_strong = model.posterior([("sql", &strong[..]), ("http", &strong[..])]);
        let after_weak = model.posterior([("sql", &weak[..]), ("http", &weak[..])]);
        assert!(after_strong.skill("rest-api-design").at_least(2) > 0.8);
        assert!(after_weak.skill("rest-api-design").at_least(2) < 0.4);
        assert!(!after_strong.is_assessed("rest-api-design"));
    }

    #[test]
    fn draws_reproduce_the_exact_marginals() {
        let model = Model::default_model();
        let sql = answers(&[(-0.5, 1.0), (0.5, 0.0)]);
        let posterior = model.posterior([("sql", &sql[..])]);
        let skills = ["sql", "http"];
        let count = 4000;
        let draws = posterior.draw(&skills, count, 7);
        assert_eq!(draws, posterior.draw(&skills, count, 7), "seeded");
        for (j, skill) in skills.iter().enumerate() {
            let exact = posterior.skill(skill).at_least(2);
            let sampled = (0..count)
                .filter(|i| theta_at(usize::from(draws[i * skills.len() + j])) >= DEFAULT_B[1])
                .count() as f64
                / count as f64;
            assert!(
                (exact - sampled).abs() < 0.01,
                "{skill}: {exact} vs {sampled}"
            );
        }
        // The two skills share μ, so their draws are positively correlated.
        let theta = |i: usize, j: usize| theta_at(usize::from(draws[i * 2 + j]));
        let mean = |j: usize| (0..count).map(|i| theta(i, j)).sum::<f64>() / count as f64;
        let (m0, m1) = (mean(0), mean(1));
        let covariance = (0..count)
            .map(|i| (theta(i, 0) - m0) * (theta(i, 1) - m1))
            .sum::<f64>()
            / count as f64;
        assert!(covariance > 0.2, "{covariance}");
    }

    #[test]
    fn systematic_counts_add_up() {
        let mut rng = SplitMix64::new(3);
        for count in [0, 1, 7, 1000] {
            let counts = systematic_counts(&[0.1, 0.0, 0.5, 0.4], count, &mut rng);
            assert_eq!(counts.iter().sum::<usize>(), count);
            assert_eq!(counts[1], 0);
        }
    }

    #[test]
    fn guessing_makes_a_right_answer_say_less() {
        let model = Model::default_model();
        let with = [Response {
            item: item(-0.5, 0.25),
            score: 1.0,
        }];
        let without = [Response {
            item: item(-0.5, 0.0),
            score: 1.0,
        }];
        let p_with = model
            .posterior([("sql", &with[..])])
            .skill("sql")
            .at_least(2);
        let p_without = model
            .posterior([("sql", &without[..])])
            .skill("sql")
            .at_least(2);
        assert!(p_with < p_without, "{p_with} {p_without}");
    }

    #[test]
    fn level_probabilities_sum_to_one_and_agree_with_the_cuts() {
        let model = Model::default_model();
        let sql = answers(&[(-0.5, 1.0), (0.5, 1.0), (1.5, 0.0)]);
        let posterior = model.posterior([("sql", &sql[..])]);
        let distribution = posterior.skill("sql");
        let levels = distribution.level_probabilities();
        assert!((levels.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!((levels[3] + levels[4] - distribution.at_least(3)).abs() < 1e-9);
        let (low, high) = distribution.credible_levels(0.8);
        assert!(low <= distribution.most_probable_level());
        assert!(distribution.most_probable_level() <= high);
    }
}
