//! Readiness against job templates under the posterior of a person's skills: for each
//! requirement the probability that it is met, for the template the probability of each verdict
//! (the verdict rule applied to joint draws, never to point estimates), and the gaps, ordered by
//! priority. The formulas are documented in the README.

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Requirement, Template, TemplateLevel};
use crate::estimate::round_to;
use crate::posterior::{Distribution, Posterior, THETA_POINTS, theta_at};

/// Readiness (percent) at which, with every must-have met, a candidate is "ready".
pub const READY_AT: f64 = 80.0;
/// Readiness (percent) from which a candidate is "nearly" ready, if no must-have is more than one
/// level short.
pub const NEARLY_AT: f64 = 60.0;

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    NotYet,
    Nearly,
    Ready,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Ready => "ready",
            Verdict::Nearly => "nearly",
            Verdict::NotYet => "not yet",
        }
    }
}

/// How one requirement is met.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RequirementOutcome {
    /// The skill counted (the assessed alternative most likely to meet it).
    pub skill: String,
    /// The alternatives when the requirement is `any_of`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
    pub required_level: u8,
    /// The most probable level; `None` when the skill was not assessed.
    pub current_level: Option<u8>,
    pub weight: f64,
    pub must: bool,
    /// Whether it is more likely met than not (`p_met` ≥ 0.5).
    pub met: bool,
    /// The posterior probability that the level is at least the required one. For a skill not
    /// assessed it comes from the person's general level alone.
    #[serde(default)]
    pub p_met: f64,
    /// Posterior mean of min(1, continuous level / required level).
    pub coverage: f64,
}

impl RequirementOutcome {
    /// Whether the answers leave it open (0.3 ≤ p_met ≤ 0.7): measure before studying.
    pub fn is_unclear(&self) -> bool {
        (UNCLEAR.0..=UNCLEAR.1).contains(&self.p_met)
    }
}

/// p_met between these is "unclear": shown as "measure first", never scheduled as study.
pub const UNCLEAR: (f64, f64) = (0.3, 0.7);

/// A requirement probably not met (p_met < 0.5), with what it takes to close it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Gap {
    pub skill: String,
    pub name: String,
    /// The most probable level; `None` when the skill was not assessed.
    pub current_level: Option<u8>,
    pub required_level: u8,
    pub weight: f64,
    pub must: bool,
    /// Estimated hours from the most probable level to the required one.
    pub hours: f64,
    /// weight × levels short × (1 − p_met), doubled for a must-have; higher comes first.
    pub priority: f64,
    /// The probability that the requirement is met after all.
    #[serde(default)]
    pub p_met: f64,
    /// Unclear (p_met ≥ 0.3): measure it first (`skillgap assess --skill ID`), do not study yet.
    #[serde(default)]
    pub measure_first: bool,
}

/// The probability of each verdict under the posterior.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct VerdictProbabilities {
    pub not_yet: f64,
    pub nearly: f64,
    pub ready: f64,
}

impl VerdictProbabilities {
    pub fn of(&self, verdict: Verdict) -> f64 {
        match verdict {
            Verdict::NotYet => self.not_yet,
            Verdict::Nearly => self.nearly,
            Verdict::Ready => self.ready,
        }
    }

    /// The most probable verdict (ties: the more cautious).
    pub fn most_probable(&self) -> Verdict {
        [Verdict::NotYet, Verdict::Nearly, Verdict::Ready]
            .into_iter()
            .fold(Verdict::NotYet, |best, v| {
                if self.of(v) > self.of(best) + 1e-12 {
                    v
                } else {
                    best
                }
            })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TemplateReadiness {
    pub template: String,
    pub title: String,
    pub level: TemplateLevel,
    /// 0–100: the posterior mean of the weighted coverage.
    pub readiness: f64,
    /// The central 80 % credible range of readiness, `[low, high]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readiness_range: Option<[f64; 2]>,
    /// The most probable verdict under the posterior.
    pub verdict: Verdict,
    /// Its probability.
    #[serde(default = "one")]
    pub verdict_probability: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict_probabilities: Option<VerdictProbabilities>,
    /// Must-haves more likely missing than met.
    pub must_haves_missing: usize,
    pub requirements: Vec<RequirementOutcome>,
    pub gaps: Vec<Gap>,
}

fn one() -> f64 {
    1.0
}

/// Joint draws are taken first this many (enough when they all agree), then as many more as the
/// first ones say are needed for the verdict's probabilities to be known to within
/// [`MONTE_CARLO_ERROR`], at most [`MAX_VERDICT_DRAWS`] in all.
pub const VERDICT_BATCH: usize = 100;
/// The standard error the verdict's probabilities are estimated to, at most (by the binomial
/// bound, which the stratified draws beat: about 0.007 at 2,000 draws where it says 0.011).
pub const MONTE_CARLO_ERROR: f64 = 0.01;
/// 2,500 draws bring the binomial bound to 0.01 even at p = 0.5.
pub const MAX_VERDICT_DRAWS: usize = 2500;

/// The verdict rule on known abilities: readiness is the weighted coverage; "ready" needs every
/// must-have met and readiness ≥ 80; "nearly" needs readiness ≥ 60 and no must-have more than
/// one level short.
#[derive(Clone, Debug)]
pub struct Rule {
    requirements: Vec<(u8, f64, bool)>,
    total_weight: f64,
}

impl Rule {
    pub fn of(template: &Template) -> Rule {
        let requirements: Vec<(u8, f64, bool)> = template
            .requirements
            .iter()
            .map(|r| (r.level.clamp(1, 4), r.weight, r.must))
            .collect();
        Rule {
            total_weight: requirements.iter().map(|r| r.1).sum(),
            requirements,
        }
    }

    /// Readiness (0–100) and verdict when requirement i's counted ability is `thetas[i]`
    /// (`None`: nothing known, which counts as level 0).
    pub fn apply(&self, thetas: impl Iterator<Item = Option<f64>>) -> (f64, Verdict) {
        let mut tally = Tally::default();
        for (requirement, theta) in self.requirements.iter().zip(thetas) {
            tally.add(self.contribution(*requirement, theta));
        }
        self.finish(&tally)
    }

    /// What a requirement adds at ability `theta`.
    fn contribution(
        &self,
        (required, weight, must): (u8, f64, bool),
        theta: Option<f64>,
    ) -> Contribution {
        let (level, continuous) = theta.map_or((0, 0.0), |t| {
            (
                crate::estimate::level_of(t),
                crate::estimate::continuous_level(t),
            )
        });
        Contribution {
            covered: weight * (continuous / f64::from(required)).min(1.0),
            missing: must && level < required,
            far: must && level + 1 < required,
        }
    }

    fn finish(&self, tally: &Tally) -> (f64, Verdict) {
        let readiness = if self.total_weight > 0.0 {
            (100.0 * tally.covered / self.total_weight).clamp(0.0, 100.0)
        } else {
            0.0
        };
        let verdict = if !tally.missing && readiness >= READY_AT {
            Verdict::Ready
        } else if readiness >= NEARLY_AT && !tally.far {
            Verdict::Nearly
        } else {
            Verdict::NotYet
        };
        (readiness, verdict)
    }

    /// Each requirement's contribution at every cell of the θ grid, so that applying the rule
    /// to thousands of joint draws is table look-ups.
    fn cell_tables(&self) -> Vec<[Contribution; THETA_POINTS]> {
        self.requirements
            .iter()
            .map(|&requirement| {
                std::array::from_fn(|g| self.contribution(requirement, Some(theta_at(g))))
            })
            .collect()
    }
}

/// One requirement's part in the verdict rule.
#[derive(Clone, Copy, Debug, Default)]
struct Contribution {
    covered: f64,
    missing: bool,
    far: bool,
}

#[derive(Default)]
struct Tally {
    covered: f64,
    missing: bool,
    far: bool,
}

impl Tally {
    fn add(&mut self, contribution: Contribution) {
        self.covered += contribution.covered;
        self.missing |= contribution.missing;
        self.far |= contribution.far;
    }
}

/// The verdict at known abilities (a simulated person's truth, say).
pub fn verdict_at(template: &Template, theta_of: impl Fn(&str) -> Option<f64>) -> Verdict {
    Rule::of(template)
        .apply(template.requirements.iter().map(|r| {
            r.skills()
                .filter_map(&theta_of)
                .fold(None, |best: Option<f64>, t| {
                    Some(best.map_or(t, |b| b.max(t)))
                })
        }))
        .1
}

/// Scores a template under the posterior of the person's skills.
pub fn assess_template(
    template: &Template,
    catalog: &Catalog,
    posterior: &Posterior<'_>,
) -> TemplateReadiness {
    let counted: Vec<(&str, &Distribution)> = template
        .requirements
        .iter()
        .map(|requirement| counted_skill(requirement, catalog, posterior))
        .collect();
    let requirements: Vec<RequirementOutcome> = template
        .requirements
        .iter()
        .zip(&counted)
        .map(|(requirement, (skill, distribution))| {
            outcome(
                requirement,
                skill,
                distribution,
                posterior.is_assessed(skill),
            )
        })
        .collect();
    let total_weight: f64 = requirements.iter().map(|r| r.weight).sum();
    let covered: f64 = requirements.iter().map(|r| r.weight * r.coverage).sum();
    let readiness = if total_weight > 0.0 {
        (100.0 * covered / total_weight).clamp(0.0, 100.0)
    } else {
        0.0
    };
    let (probabilities, range) = if posterior.knows_nothing() {
        prior_verdict_distribution(template, &counted, posterior)
    } else {
        verdict_distribution(template, &counted, posterior)
    };
    let verdict = probabilities.most_probable();
    let mut gaps: Vec<Gap> = requirements
        .iter()
        .zip(&counted)
        .filter(|(r, _)| !r.met)
        .map(|(r, (_, distribution))| gap(r, distribution, catalog))
        .collect();
    gaps.sort_by(|a, b| {
        b.priority
            .total_cmp(&a.priority)
            .then(b.must.cmp(&a.must))
            .then(a.skill.cmp(&b.skill))
    });
    TemplateReadiness {
        template: template.id.clone(),
        title: template.title.clone(),
        level: template.level,
        readiness: round_to(readiness, 1),
        readiness_range: Some(range.map(|r| round_to(r, 1))),
        verdict,
        verdict_probability: round_to(probabilities.of(verdict), 3),
        verdict_probabilities: Some(VerdictProbabilities {
            not_yet: round_to(probabilities.not_yet, 3),
            nearly: round_to(probabilities.nearly, 3),
            ready: round_to(probabilities.ready, 3),
        }),
        must_haves_missing: requirements.iter().filter(|r| r.must && !r.met).count(),
        requirements,
        gaps,
    }
}

/// The verdict's probabilities and readiness's 80 % range, from seeded joint draws: the same
/// sheet always gives the same figures.
fn verdict_distribution(
    template: &Template,
    counted: &[(&str, &Distribution)],
    posterior: &Posterior<'_>,
) -> (VerdictProbabilities, [f64; 2]) {
    let rule = Rule::of(template);
    let skills: Vec<&str> = counted.iter().map(|(skill, _)| *skill).collect();
    let seed = template.id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    let tables = rule.cell_tables();
    let mut tally = VerdictProbabilities::default();
    let mut readiness: Vec<f64> = Vec::with_capacity(MAX_VERDICT_DRAWS);
    let mut wanted = VERDICT_BATCH;
    for round in 0u64.. {
        let draws = posterior.draw(&skills, wanted - readiness.len(), seed ^ round);
        for draw in draws.chunks_exact(skills.len().max(1)) {
            let mut sum = Tally::default();
            for (table, &cell) in tables.iter().zip(draw) {
                sum.add(table[usize::from(cell)]);
            }
            let (value, verdict) = rule.finish(&sum);
            readiness.push(value);
            match verdict {
                Verdict::NotYet => tally.not_yet += 1.0,
                Verdict::Nearly => tally.nearly += 1.0,
                Verdict::Ready => tally.ready += 1.0,
            }
        }
        if skills.is_empty() || readiness.len() >= MAX_VERDICT_DRAWS {
            break;
        }
        match draws_needed(&tally, readiness.len()) {
            // At least a batch more (an estimate from few draws can be low), never past the cap.
            Some(needed) => {
                wanted = needed
                    .max(readiness.len() + VERDICT_BATCH)
                    .min(MAX_VERDICT_DRAWS)
            }
            None => break,
        }
    }
    if skills.is_empty() {
        // No requirements: the rule's verdict on nothing, with certainty.
        let (value, verdict) = rule.apply(std::iter::empty());
        let mut certain = VerdictProbabilities::default();
        match verdict {
            Verdict::NotYet => certain.not_yet = 1.0,
            Verdict::Nearly => certain.nearly = 1.0,
            Verdict::Ready => certain.ready = 1.0,
        }
        return (certain, [value, value]);
    }
    let n = readiness.len() as f64;
    tally.not_yet /= n;
    tally.nearly /= n;
    tally.ready /= n;
    let mut at = |q: f64| {
        let index = ((q * n) as usize).min(readiness.len() - 1);
        *readiness.select_nth_unstable_by(index, f64::total_cmp).1
    };
    (tally, [at(0.1), at(0.9)])
}

/// [`verdict_distribution`] for someone of whom nothing is known (a blank sheet): the same for
/// every such sheet, and the dearest to estimate (the prior leaves the verdict unsure, so it takes
/// the most draws), hence computed once per template and population.
fn prior_verdict_distribution(
    template: &Template,
    counted: &[(&str, &Distribution)],
    posterior: &Posterior<'_>,
) -> (VerdictProbabilities, [f64; 2]) {
    type Key = (String, [u64; 3], Vec<(u8, u64, bool)>);
    type Cache = Vec<(Key, (VerdictProbabilities, [f64; 2]))>;
    static CACHE: std::sync::Mutex<Cache> = std::sync::Mutex::new(Vec::new());
    let population = posterior.population();
    let key: Key = (
        template.id.clone(),
        [
            population.general_mean.to_bits(),
            population.general_sd.to_bits(),
            population.skill_sd.to_bits(),
        ],
        template
            .requirements
            .iter()
            .map(|r| (r.level, r.weight.to_bits(), r.must))
            .collect(),
    );
    let lock = || {
        CACHE
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    };
    if let Some((_, known)) = lock().iter().find(|(k, _)| *k == key) {
        return *known;
    }
    let computed = verdict_distribution(template, counted, posterior);
    let mut cache = lock();
    // A catalog's templates under a population or two; a bound all the same.
    if cache.len() >= 256 {
        cache.clear();
    }
    cache.push((key, computed));
    computed
}

/// How many draws in all would bring every verdict's probability to within
/// [`MONTE_CARLO_ERROR`] (by the binomial bound, with add-one smoothing so that a verdict never
/// drawn still counts), judging by the `draws` so far; `None` when these are already enough.
fn draws_needed(tally: &VerdictProbabilities, draws: usize) -> Option<usize> {
    let n = draws as f64;
    let variance = [tally.not_yet, tally.nearly, tally.ready]
        .iter()
        .map(|&count| {
            let p = (count + 1.0) / (n + 2.0);
            p * (1.0 - p)
        })
        .fold(0.0, f64::max);
    let needed = (variance / (MONTE_CARLO_ERROR * MONTE_CARLO_ERROR)).ceil() as usize;
    (needed > draws).then_some(needed)
}

/// The skill counted for a requirement: of the assessed alternatives the one most likely to meet
/// it; if none was assessed, the quickest to learn (whose distribution then comes from the
/// general level alone).
fn counted_skill<'r, 'p>(
    requirement: &'r Requirement,
    catalog: &Catalog,
    posterior: &'p Posterior<'_>,
) -> (&'r str, &'p Distribution) {
    let required = requirement.level.clamp(1, 4);
    let best = requirement
        .skills()
        .filter(|skill| posterior.is_assessed(skill))
        .map(|skill| (skill, posterior.skill(skill)))
        .max_by(|a, b| a.1.at_least(required).total_cmp(&b.1.at_least(required)));
    best.unwrap_or_else(|| {
        let skill = quickest_to_learn(requirement, catalog, required);
        (skill, posterior.skill(skill))
    })
}

fn outcome(
    requirement: &Requirement,
    skill: &str,
    distribution: &Distribution,
    assessed: bool,
) -> RequirementOutcome {
    let required = requirement.level.clamp(1, 4);
    let p_met = distribution.at_least(required);
    let coverage = distribution
        .mean_of(|theta| (crate::estimate::continuous_level(theta) / f64::from(required)).min(1.0));
    RequirementOutcome {
        skill: skill.to_string(),
        alternatives: requirement.any_of.clone(),
        required_level: required,
        current_level: assessed.then(|| distribution.most_probable_level()),
        weight: requirement.weight,
        must: requirement.must,
        met: p_met >= 0.5,
        p_met: round_to(p_met, 3),
        coverage: round_to(coverage, 4),
    }
}

fn quickest_to_learn<'r>(requirement: &'r Requirement, catalog: &Catalog, required: u8) -> &'r str {
    requirement
        .skills()
        .min_by(|a, b| {
            let hours = |id: &str| {
                catalog
                    .skill(id)
                    .map_or(f64::INFINITY, |s| s.hours_between(0, required))
            };
            hours(a).total_cmp(&hours(b))
        })
        .unwrap_or("")
}

fn gap(outcome: &RequirementOutcome, distribution: &Distribution, catalog: &Catalog) -> Gap {
    let from = distribution
        .most_probable_level()
        .min(outcome.required_level.saturating_sub(1));
    let skill = catalog.skill(&outcome.skill);
    let factor = if outcome.must { 2.0 } else { 1.0 };
    let short = f64::from(outcome.required_level - from);
    Gap {
        skill: outcome.skill.clone(),
        name: skill.map_or_else(|| outcome.skill.clone(), |s| s.name.clone()),
        current_level: outcome.current_level,
        required_level: outcome.required_level,
        weight: outcome.weight,
        must: outcome.must,
        hours: skill.map_or(0.0, |s| s.hours_between(from, outcome.required_level)),
        priority: round_to(outcome.weight * short * factor * (1.0 - outcome.p_met), 3),
        p_met: outcome.p_met,
        measure_first: outcome.p_met >= UNCLEAR.0,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;
    use crate::catalog::{Catalog, QuestionKind};
    use crate::posterior::Model;
    use crate::results;
    use crate::sheet::{AnswerSheet, AnswerValue};

    /// A posterior that knows each skill's continuous level (θ = level − 2.5) exactly.
    fn known<'s>(levels: impl IntoIterator<Item = (&'s str, f64)>) -> Posterior<'static> {
        Model::default_model().known(levels.into_iter().map(|(s, l)| (s, l - 2.5)))
    }

    fn everything_at(template: &Template, level: f64) -> Posterior<'static> {
        known(
            template
                .requirements
                .iter()
                .flat_map(|r| r.skills())
                .map(move |s| (s, level)),
        )
    }

    fn catalog() -> Catalog {
        Catalog::embedded().expect("embedded catalog")
    }

    #[test]
    fn all_requirements_met_is_ready_at_100() {
        let catalog = catalog();
        let template = catalog.template("junior-backend").expect("template");
        let readiness = assess_template(template, &catalog, &everything_at(template, 4.0));
        assert_eq!(readiness.readiness, 100.0);
        assert_eq!(readiness.verdict, Verdict::Ready);
        assert!(readiness.gaps.is_empty());
    }

    #[test]
    fn nothing_assessed_is_zero_and_every_requirement_is_a_gap() {
        let catalog = catalog();
        let template = catalog.template("junior-backend").expect("template");
        let readiness = assess_template(template, &catalog, &known([]));
        // Nothing is known, so every requirement is as likely as the population says: none is
        // "not assessed" silently as zero.
        assert!(
            readiness
                .requirements
                .iter()
                .all(|r| r.current_level.is_none())
        );
        assert!(
            readiness
                .requirements
                .iter()
                .all(|r| r.p_met > 0.2 && r.p_met < 0.95),
            "{:?}",
            readiness.requirements
        );
        assert!(readiness.verdict_probability < 0.9);
    }

    #[test]
    fn the_remembered_verdict_of_a_blank_sheet_is_the_one_computed_afresh() {
        let catalog = catalog();
        let blank = known([]);
        assert!(blank.knows_nothing());
        for template in &catalog.templates {
            let counted: Vec<(&str, &Distribution)> = template
                .requirements
                .iter()
                .map(|r| counted_skill(r, &catalog, &blank))
                .collect();
            let afresh = verdict_distribution(template, &counted, &blank);
            for _ in 0..2 {
                assert_eq!(
                    prior_verdict_distribution(template, &counted, &blank),
                    afresh,
                    "{}",
                    template.id
                );
            }
        }
        // Under another population the prior verdict is another one.
        let wider = Model::shared(crate::posterior::Population {
            general_sd: 2.5,
            ..crate::posterior::Population::default()
        });
        let blank_wider = wider.known(std::iter::empty());
        let template = catalog.template("junior-backend").expect("template");
        let counted_in = |posterior| -> Vec<(&str, &Distribution)> {
            template
                .requirements
                .iter()
                .map(|r| counted_skill(r, &catalog, posterior))
                .collect()
        };
        assert_ne!(
            prior_verdict_distribution(template, &counted_in(&blank), &blank),
            prior_verdict_distribution(template, &counted_in(&blank_wider), &blank_wider)
        );
    }

    #[test]
    fn a_missing_must_have_blocks_ready_and_comes_first() {
        let catalog = catalog();
        let template = catalog.template("junior-backend").expect("template");
        // Everything expert except SQL (a must-have at level 2), which is at awareness.
        let posterior = known(
            template
                .requirements
                .iter()
                .flat_map(|r| r.skills())
                .map(|s| (s, if s == "sql" { 1.5 } else { 4.0 })),
        );
        let readiness = assess_template(template, &catalog, &posterior);
        assert!(readiness.readiness > READY_AT, "{}", readiness.readiness);
        assert_eq!(readiness.verdict, Verdict::Nearly);
        assert_eq!(readiness.must_haves_missing, 1);
        let gap = &readiness.gaps[0];
        assert_eq!(
            (gap.skill.as_str(), gap.current_level, gap.required_level),
            ("sql", Some(1), 2)
        );
        let sql = catalog.skill("sql").expect("skill");
        assert_eq!(gap.hours, sql.hours_per_level[1]);
        assert_eq!(gap.priority, 3.0 * 1.0 * 2.0 * (1.0 - gap.p_met));
        assert!(gap.p_met < 0.01 && !gap.measure_first);
    }

    #[test]
    fn the_best_alternative_counts() {
        let catalog = catalog();
        let template = catalog.template("junior-backend").expect("template");
        let readiness = assess_template(template, &catalog, &known([("go", 3.0), ("python", 1.0)]));
        let languages = &readiness.requirements[0];
        assert_eq!(languages.skill, "go");
        assert!(languages.met);
    }

    fn tested_questions(catalog: &Catalog) -> Vec<(String, AnswerValue, AnswerValue)> {
        let template = catalog.template("junior-backend").expect("template");
        let skills = crate::questionnaire::required_skills(catalog, &[template]);
        crate::questionnaire::pick_questions(catalog, &skills, 3)
            .into_iter()
            .filter(|q| q.kind == QuestionKind::Choice)
            .map(|q| {
                let right = q.answer.clone().expect("choice key");
                let wrong = q
                    .options
                    .iter()
                    .find(|o| o.id != right)
                    .expect("other")
                    .id
                    .clone();
                (
                    q.id.clone(),
                    AnswerValue::One(right),
                    AnswerValue::One(wrong),
                )
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn readiness_stays_in_range_and_never_drops_when_an_answer_turns_right(
            pattern in proptest::collection::vec(any::<bool>(), 60),
            flip in 0usize..60,
        ) {
            let catalog = catalog();
            let questions = tested_questions(&catalog);
            let template = catalog.template("junior-backend").expect("template");
            let sheet_with = |flipped: Option<usize>| AnswerSheet {
                answers: questions
                    .iter()
                    .enumerate()
                    .map(|(i, (id, right, wrong))| {
                        let is_right = Some(i) == flipped || pattern[i % pattern.len()];
                        (id.clone(), if is_right { right.clone() } else { wrong.clone() })
                    })
                    .collect::<BTreeMap<_, _>>(),
                ..AnswerSheet::default()
            };
            let flip = flip % questions.len();
            let before = results::score(&catalog, &sheet_with(None), &[template], None);
            let after = results::score(&catalog, &sheet_with(Some(flip)), &[template], None);
            let (before, after) = (&before.templates[0], &after.templates[0]);
            prop_assert!((0.0..=100.0).contains(&before.readiness));
            prop_assert!(after.readiness >= before.readiness - 1e-9, "{} -> {}", before.readiness, after.readiness);
            prop_assert!(after.verdict >= before.verdict);
        }
    }
}
