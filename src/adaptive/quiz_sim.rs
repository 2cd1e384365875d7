//! The assess quiz simulated on the catalog: people with known abilities take the adaptive and
//! the fixed-order quiz, the scorer reads their answers, and we count how often its verdicts and
//! requirement calls are right and whether the probabilities it prints are calibrated.
//!
//! A simulated person's ability in each skill is θ = μ + σ_δ·z, with μ ~ N(m, σ_μ²) per person
//! and z ~ N(0, 1) per skill. The truth need not be the scorer's model: `Truth` sets m, σ_δ and
//! whether people guess on what they do not know (or answer "I don't know"), so the scorer's
//! robustness is measured, not assumed.
//! Each answer is right with the probability of the question's own or default parameters; a
//! scenario question scores 1 or 0. The person takes the first alternative of every `any_of`
//! requirement.

use rayon::prelude::*;
use serde::Serialize;

use super::quiz::{AdaptivePlan, Asked, Length, asked_skills, evidence_of, fixed_order};
use crate::catalog::{Catalog, Population, Question, Template};
use crate::estimate::{Guessing, ItemParams, level_of};
use crate::posterior::Model;
use crate::readiness::{Verdict, assess_template, verdict_at};
use crate::rng::SplitMix64;

/// Who the simulated people are.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Truth {
    /// The mean general level m of the simulated people.
    pub population_mean: f64,
    /// σ_μ.
    pub general_sd: f64,
    /// σ_δ: the spread of one person's skills around their general level.
    pub skill_sd: f64,
    /// Whether people guess on what they do not know (right with 1 / options at the least);
    /// otherwise they answer "I don't know".
    pub guessing: bool,
}

impl Default for Truth {
    fn default() -> Self {
        Truth {
            population_mean: 0.0,
            general_sd: 1.0,
            skill_sd: 0.8,
            guessing: true,
        }
    }
}

/// What is simulated.
#[derive(Clone, Debug)]
pub struct Simulation {
    pub candidates: usize,
    pub seed: u64,
    pub truth: Truth,
    /// The scorer's model (the catalog's, unless the run overrides it).
    pub scorer_population: Population,
    pub scorer_guessing: Guessing,
}

/// Bins of the reliability table.
const BINS: usize = 10;

/// One bin of a reliability table: predicted probabilities in `[low, high)`, how many, their mean,
/// and how often the event happened.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReliabilityBin {
    pub low: f64,
    pub high: f64,
    pub count: usize,
    pub mean_predicted: f64,
    pub observed: f64,
}

/// One quiz's figures over the simulated people.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuizFigures {
    /// `adaptive` or `fixed`.
    pub order: &'static str,
    pub length: Length,
    pub candidates: usize,
    /// Mean tested questions asked.
    pub mean_questions: f64,
    /// Share (0–1) of people whose verdict matches the true one.
    pub verdict_accuracy: f64,
    /// Share of requirements called right (met when p_met ≥ 0.5).
    pub requirement_accuracy: f64,
    /// Expected calibration error of p_met over ten bins.
    pub calibration_error: f64,
    /// Brier score of p_met.
    pub brier: f64,
    /// Expected calibration error of the verdict's stated probability.
    pub verdict_calibration_error: f64,
    /// Share of verdicts stated at ≥ 90 % sure, and how often those were right.
    pub sure_share: f64,
    pub sure_accuracy: f64,
    /// Share of people called "ready" who are "not yet", or the other way round.
    pub gross_errors: f64,
    pub reliability: Vec<ReliabilityBin>,
}

/// Which quizzes are run.
pub const QUIZZES: [(bool, Length); 6] = [
    (true, Length::Quick),
    (true, Length::Standard),
    (true, Length::Thorough),
    (false, Length::Quick),
    (false, Length::Standard),
    (false, Length::Thorough),
];

/// What one person's quiz gave.
struct Outcome {
    questions: usize,
    verdict_right: bool,
    verdict_probability: f64,
    gross: bool,
    /// (p_met, truly met) per requirement.
    requirements: Vec<(f64, bool)>,
}

/// Simulates `simulation.candidates` people against `template` for each quiz of `quizzes`.
pub fn simulate(
    catalog: &Catalog,
    template: &Template,
    simulation: &Simulation,
    quizzes: &[(bool, Length)],
) -> Vec<QuizFigures> {
    let catalog = &scorer_catalog(catalog, simulation);
    let skills = first_alternatives(catalog, template);
    let outcomes: Vec<Vec<Outcome>> = (0..simulation.candidates)
        .into_par_iter()
        .map(|index| {
            let person = Person::draw(&skills, simulation, index as u64);
            quizzes
                .iter()
                .map(|&(adaptive, length)| {
                    let asked = if adaptive {
                        let plan = AdaptivePlan::new(catalog, &[template], &skills, length);
                        person.take_adaptive(catalog, &plan, simulation.seed, index as u64)
                    } else {
                        let order = fixed_order(catalog, &skills, length);
                        person.take_fixed(catalog, &order, simulation.seed, index as u64)
                    };
                    person.judge(catalog, template, &asked, simulation.scorer_guessing)
                })
                .collect()
        })
        .collect();
    quizzes
        .iter()
        .enumerate()
        .map(|(k, &(adaptive, length))| {
            let column: Vec<&Outcome> = outcomes.iter().map(|o| &o[k]).collect();
            figures(if adaptive { "adaptive" } else { "fixed" }, length, &column)
        })
        .collect()
}

/// The catalog with the scorer's model.
fn scorer_catalog(catalog: &Catalog, simulation: &Simulation) -> Catalog {
    let mut catalog = catalog.clone();
    catalog.info.model = catalog
        .info
        .model
        .with_population(simulation.scorer_population);
    catalog.info.model.guessing = simulation.scorer_guessing == Guessing::On;
    catalog
}

/// The skills asked about when the first alternative of every `any_of` is taken.
fn first_alternatives<'c>(catalog: &'c Catalog, template: &'c Template) -> Vec<&'c str> {
    let chosen: Vec<String> = template
        .requirements
        .iter()
        .filter_map(|r| r.any_of.first().cloned())
        .collect();
    asked_skills(catalog, &[template], &chosen)
}

/// One quiz of a run of retakes, over the simulated people.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RetakeFigures {
    /// 1 for the first quiz, 2 for the retake right after it, ...
    pub session: usize,
    pub candidates: usize,
    pub mean_questions: f64,
    /// Share of this quiz's tested questions that an earlier quiz had asked (all people pooled).
    pub repeated_share: f64,
    /// The largest such share of any one person.
    pub max_repeated_share: f64,
    /// Tested questions per asked skill not yet seen after this quiz: the mean over skills and
    /// people, and the fewest of any skill for any person.
    pub unseen_per_skill: f64,
    pub fewest_unseen: usize,
    pub verdict_accuracy: f64,
}

/// One person's quiz in a retake run: (questions, repeated, mean unseen per skill, fewest unseen,
/// verdict right).
type RetakeRun = (usize, usize, f64, usize, bool);

/// Each simulated person takes `sessions` adaptive quizzes of `length` in a row (same abilities,
/// fresh answers), each told the questions the earlier ones asked.
pub fn retake(
    catalog: &Catalog,
    template: &Template,
    simulation: &Simulation,
    length: Length,
    sessions: usize,
) -> Vec<RetakeFigures> {
    let catalog = &scorer_catalog(catalog, simulation);
    let skills = first_alternatives(catalog, template);
    let bank: Vec<(&str, Vec<&str>)> = skills
        .iter()
        .map(|&skill| {
            let ids = catalog
                .questions
                .iter()
                .filter(|q| q.skill == skill && q.kind.is_tested())
                .map(|q| q.id.as_str())
                .collect();
            (skill, ids)
        })
        .collect();
    // Per person and quiz: (questions, repeated, mean unseen per skill, fewest unseen, right).
    let runs: Vec<Vec<RetakeRun>> = (0..simulation.candidates)
        .into_par_iter()
        .map(|index| {
            let person = Person::draw(&skills, simulation, index as u64);
            let mut seen: Vec<String> = Vec::new();
            (0..sessions)
                .map(|session| {
                    let mut plan = AdaptivePlan::new(catalog, &[template], &skills, length);
                    plan.seen = seen.clone();
                    let seed = simulation
                        .seed
                        .wrapping_add((session as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
                    let asked = person.take_adaptive(catalog, &plan, seed, index as u64);
                    let tested: Vec<&str> = asked
                        .iter()
                        .filter(|a| a.question.kind.is_tested())
                        .map(|a| a.question.id.as_str())
                        .collect();
                    let repeated = tested
                        .iter()
                        .filter(|id| seen.iter().any(|s| s == *id))
                        .count();
                    seen.extend(tested.iter().map(|id| id.to_string()));
                    let unseen: Vec<usize> = bank
                        .iter()
                        .map(|(_, ids)| {
                            ids.iter()
                                .filter(|id| !seen.iter().any(|s| s == *id))
                                .count()
                        })
                        .collect();
                    let mean_unseen =
                        unseen.iter().sum::<usize>() as f64 / unseen.len().max(1) as f64;
                    let fewest = unseen.iter().copied().min().unwrap_or(0);
                    let outcome =
                        person.judge(catalog, template, &asked, simulation.scorer_guessing);
                    (
                        tested.len(),
                        repeated,
                        mean_unseen,
                        fewest,
                        outcome.verdict_right,
                    )
                })
                .collect()
        })
        .collect();
    let n = runs.len().max(1) as f64;
    (0..sessions)
        .map(|k| {
            let column: Vec<&RetakeRun> = runs.iter().map(|r| &r[k]).collect();
            let asked: usize = column.iter().map(|c| c.0).sum();
            let repeated: usize = column.iter().map(|c| c.1).sum();
            RetakeFigures {
                session: k + 1,
                candidates: runs.len(),
                mean_questions: asked as f64 / n,
                repeated_share: repeated as f64 / asked.max(1) as f64,
                max_repeated_share: column
                    .iter()
                    .map(|c| c.1 as f64 / c.0.max(1) as f64)
                    .fold(0.0, f64::max),
                unseen_per_skill: column.iter().map(|c| c.2).sum::<f64>() / n,
                fewest_unseen: column.iter().map(|c| c.3).min().unwrap_or(0),
                verdict_accuracy: column.iter().filter(|c| c.4).count() as f64 / n,
            }
        })
        .collect()
}

fn figures(order: &'static str, length: Length, outcomes: &[&Outcome]) -> QuizFigures {
    let n = outcomes.len().max(1) as f64;
    let share = |f: &dyn Fn(&Outcome) -> bool| outcomes.iter().filter(|o| f(o)).count() as f64 / n;
    let calls: Vec<(f64, bool)> = outcomes
        .iter()
        .flat_map(|o| o.requirements.iter().copied())
        .collect();
    let verdict_calls: Vec<(f64, bool)> = outcomes
        .iter()
        .map(|o| (o.verdict_probability, o.verdict_right))
        .collect();
    let sure: Vec<&&Outcome> = outcomes
        .iter()
        .filter(|o| o.verdict_probability >= 0.9)
        .collect();
    let reliability = reliability(&calls);
    QuizFigures {
        order,
        length,
        candidates: outcomes.len(),
        mean_questions: outcomes.iter().map(|o| o.questions as f64).sum::<f64>() / n,
        verdict_accuracy: share(&|o| o.verdict_right),
        requirement_accuracy: calls.iter().filter(|(p, met)| (*p >= 0.5) == *met).count() as f64
            / calls.len().max(1) as f64,
        calibration_error: calibration_error(&reliability, calls.len()),
        brier: calls
            .iter()
            .map(|(p, met)| (p - f64::from(u8::from(*met))).powi(2))
            .sum::<f64>()
            / calls.len().max(1) as f64,
        verdict_calibration_error: calibration_error(
            &reliability_of(&verdict_calls),
            verdict_calls.len(),
        ),
        sure_share: sure.len() as f64 / n,
        sure_accuracy: if sure.is_empty() {
            0.0
        } else {
            sure.iter().filter(|o| o.verdict_right).count() as f64 / sure.len() as f64
        },
        gross_errors: share(&|o| o.gross),
        reliability,
    }
}

fn reliability(calls: &[(f64, bool)]) -> Vec<ReliabilityBin> {
    reliability_of(calls)
}

/// Ten equal bins of the predicted probability.
fn reliability_of(calls: &[(f64, bool)]) -> Vec<ReliabilityBin> {
    (0..BINS)
        .map(|bin| {
            let low = bin as f64 / BINS as f64;
            let high = (bin + 1) as f64 / BINS as f64;
            let inside: Vec<&(f64, bool)> = calls
                .iter()
                .filter(|(p, _)| *p >= low && (*p < high || (bin == BINS - 1 && *p <= 1.0)))
                .collect();
            let count = inside.len();
            let mean = |f: &dyn Fn(&(f64, bool)) -> f64| {
                if count == 0 {
                    0.0
                } else {
                    inside.iter().map(|c| f(c)).sum::<f64>() / count as f64
                }
            };
            ReliabilityBin {
                low,
                high,
                count,
                mean_predicted: mean(&|c| c.0),
                observed: mean(&|c| f64::from(u8::from(c.1))),
            }
        })
        .collect()
}

/// Σ over bins of (share of calls) × |mean predicted − observed|.
fn calibration_error(bins: &[ReliabilityBin], total: usize) -> f64 {
    bins.iter()
        .map(|b| b.count as f64 / total.max(1) as f64 * (b.mean_predicted - b.observed).abs())
        .sum()
}

/// A simulated person: a true θ per asked skill.
struct Person<'s> {
    abilities: Vec<(&'s str, f64)>,
    guessing: bool,
}

impl<'s> Person<'s> {
    fn draw(skills: &[&'s str], simulation: &Simulation, index: u64) -> Person<'s> {
        let truth = simulation.truth;
        let mut rng = SplitMix64::for_stream(simulation.seed, index);
        let mean = truth.population_mean + truth.general_sd * rng.normal();
        Person {
            abilities: skills
                .iter()
                .map(|&s| (s, mean + truth.skill_sd * rng.normal()))
                .collect(),
            guessing: truth.guessing,
        }
    }

    fn ability(&self, skill: &str) -> Option<f64> {
        self.abilities
            .iter()
            .find(|(s, _)| *s == skill)
            .map(|&(_, theta)| theta)
    }

    /// An answer to `question`, drawn from `rng`. Someone who guesses picks an option when they
    /// do not know (and is right by luck one time in the number of options); someone who does
    /// not answers "I don't know".
    fn answer<'c>(&self, question: &'c Question, rng: &mut SplitMix64) -> Asked<'c> {
        let unanswered = Asked {
            question,
            score: None,
            declined: false,
        };
        if !question.kind.is_tested() {
            return unanswered; // self-reports do not move the estimate
        }
        let Some(theta) = self.ability(&question.skill) else {
            return unanswered;
        };
        let guessing = if self.guessing {
            Guessing::On
        } else {
            Guessing::Off
        };
        let right =
            rng.uniform() < ItemParams::with_guessing(question, guessing).probability(theta);
        Asked {
            question,
            score: Some(if right { 1.0 } else { 0.0 }),
            declined: !right && !self.guessing,
        }
    }

    fn take_adaptive<'c>(
        &self,
        catalog: &'c Catalog,
        plan: &AdaptivePlan,
        seed: u64,
        index: u64,
    ) -> Vec<Asked<'c>> {
        let mut draws = SplitMix64::for_stream(seed ^ 0xa11, index);
        let mut asked = Vec::new();
        while let Some(question) = plan.next(catalog, &asked, seed ^ index) {
            asked.push(self.answer(question, &mut draws));
        }
        asked
    }

    fn take_fixed<'c>(
        &self,
        _catalog: &'c Catalog,
        questions: &[&'c Question],
        seed: u64,
        index: u64,
    ) -> Vec<Asked<'c>> {
        let mut draws = SplitMix64::for_stream(seed ^ 0xa11, index);
        questions
            .iter()
            .map(|&question| self.answer(question, &mut draws))
            .collect()
    }

    /// What the scorer says of `asked`, held against the truth.
    fn judge(
        &self,
        catalog: &Catalog,
        template: &Template,
        asked: &[Asked<'_>],
        guessing: Guessing,
    ) -> Outcome {
        let model = Model::shared(catalog.info.model.population());
        let evidence = evidence_of(asked, guessing);
        let posterior = model.posterior(evidence.iter().map(|(s, r)| (*s, r.as_slice())));
        let scored = assess_template(template, catalog, &posterior);
        let truth = verdict_at(template, |skill| self.ability(skill));
        let requirements = template
            .requirements
            .iter()
            .zip(&scored.requirements)
            .map(|(requirement, outcome)| {
                let best = requirement
                    .skills()
                    .filter_map(|s| self.ability(s))
                    .fold(f64::NEG_INFINITY, f64::max);
                (
                    outcome.p_met,
                    level_of(best) >= requirement.level.clamp(1, 4),
                )
            })
            .collect();
        Outcome {
            questions: asked.iter().filter(|a| a.question.kind.is_tested()).count(),
            verdict_right: scored.verdict == truth,
            verdict_probability: scored.verdict_probability,
            gross: matches!(
                (scored.verdict, truth),
                (Verdict::Ready, Verdict::NotYet) | (Verdict::NotYet, Verdict::Ready)
            ),
            requirements,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::embedded().expect("catalog")
    }

    fn simulation(candidates: usize, seed: u64) -> Simulation {
        Simulation {
            candidates,
            seed,
            truth: Truth::default(),
            scorer_population: Population::default(),
            scorer_guessing: Guessing::On,
        }
    }

    #[test]
    fn the_fixed_quiz_asks_its_form_and_the_adaptive_one_its_length() {
        let catalog = catalog();
        let template = catalog.template("junior-backend").expect("template");
        let figures = simulate(
            &catalog,
            template,
            &simulation(8, 4),
            &[(true, Length::Quick), (false, Length::Quick)],
        );
        assert_eq!(figures[0].mean_questions, 24.0);
        assert_eq!(figures[1].mean_questions, 36.0);
        for f in &figures {
            assert!((0.0..=1.0).contains(&f.verdict_accuracy));
            assert_eq!(f.reliability.iter().map(|b| b.count).sum::<usize>(), 8 * 18);
        }
    }

    /// The statistical check the README's figures rest on: on a few thousand simulated people
    /// whose truth is the model, the probabilities the scorer prints are calibrated.
    #[test]
    fn p_met_is_calibrated_on_simulated_people() {
        let catalog = catalog();
        let template = catalog.template("junior-backend").expect("template");
        let figures = simulate(
            &catalog,
            template,
            &simulation(2000, 11),
            &[(false, Length::Quick)],
        );
        let f = &figures[0];
        assert!(f.calibration_error <= 0.05, "ECE {}", f.calibration_error);
        assert!(f.requirement_accuracy > 0.74, "{}", f.requirement_accuracy);
        assert!(f.gross_errors <= 0.02, "{}", f.gross_errors);
    }

    #[test]
    fn retakes_ask_new_questions_first() {
        let catalog = catalog();
        let template = catalog.template("junior-backend").expect("template");
        let figures = retake(&catalog, template, &simulation(40, 5), Length::Quick, 3);
        assert_eq!(figures.len(), 3);
        assert_eq!(
            figures[0].repeated_share, 0.0,
            "a first quiz repeats nothing"
        );
        assert!(figures[1].repeated_share <= 0.25, "{:?}", figures[1]);
        assert!(figures[2].repeated_share <= 0.40, "{:?}", figures[2]);
        assert!(figures[2].unseen_per_skill < figures[0].unseen_per_skill);
        // Without the record of seen questions the same people repeat far more.
        let mut forgetful = 0;
        for index in 0..10_u64 {
            let sim = simulation(10, 5);
            let skills = first_alternatives(&catalog, template);
            let person = Person::draw(&skills, &sim, index);
            let plan = AdaptivePlan::new(&catalog, &[template], &skills, Length::Quick);
            let first = person.take_adaptive(&catalog, &plan, 5, index);
            let second = person.take_adaptive(
                &catalog,
                &plan,
                5_u64.wrapping_add(0x9e37_79b9_7f4a_7c15),
                index,
            );
            forgetful += second
                .iter()
                .filter(|a| first.iter().any(|f| f.question.id == a.question.id))
                .count();
        }
        assert!(
            forgetful as f64 / 240.0 > figures[1].repeated_share,
            "{forgetful}"
        );
    }

    #[test]
    fn the_truth_follows_the_abilities() {
        let catalog = catalog();
        let template = catalog.template("junior-backend").expect("template");
        let skills = crate::questionnaire::required_skills(&catalog, &[template]);
        let expert: Vec<(&str, f64)> = skills.iter().map(|&s| (s, 3.0)).collect();
        let at = |abilities: &[(&str, f64)]| {
            verdict_at(template, |skill| {
                abilities.iter().find(|(s, _)| *s == skill).map(|a| a.1)
            })
        };
        assert_eq!(at(&expert), Verdict::Ready);
        let novice: Vec<(&str, f64)> = skills.iter().map(|&s| (s, -3.0)).collect();
        assert_eq!(at(&novice), Verdict::NotYet);
    }
}
