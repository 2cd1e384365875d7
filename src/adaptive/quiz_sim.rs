//! The assess quiz simulated on the catalog: candidates with known levels per skill answer the
//! adaptive and the fixed-order quiz, and we count the questions asked and how often the
//! readiness verdict from their answers matches the verdict from their true levels.
//!
//! A candidate's true ability in each skill is θ = μ + 0.8·z, with μ ~ N(0, 1) per candidate
//! (some people are stronger across the board) and z ~ N(0, 1) per skill. Each answer is right
//! with the 2PL probability of the question's own or default parameters (`ItemParams::of`), as
//! the scorer assumes; a scenario question scores 1 or 0. The candidate takes the first
//! alternative of every `any_of` requirement.

use rayon::prelude::*;
use serde::Serialize;

use super::quiz::{AdaptivePlan, Asked, Length, asked_skills, fixed_order};
use super::rng::SplitMix64;
use crate::catalog::{Catalog, Question, Template};
use crate::estimate::{self, Estimate, ItemParams, Response};
use crate::readiness::{Verdict, assess_template};

/// Spread of a candidate's skills around their own mean.
const SKILL_SD: f64 = 0.8;

/// One quiz's figures over the simulated candidates.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuizFigures {
    /// `adaptive` or `fixed`.
    pub order: &'static str,
    pub length: Length,
    pub candidates: usize,
    /// Mean tested questions asked.
    pub mean_questions: f64,
    /// Share (0–1) of candidates whose verdict matches the true one.
    pub verdict_accuracy: f64,
}

/// Which quizzes are run.
const QUIZZES: [(bool, Length); 6] = [
    (true, Length::Quick),
    (true, Length::Standard),
    (true, Length::Thorough),
    (false, Length::Quick),
    (false, Length::Standard),
    (false, Length::Thorough),
];

/// Simulates `candidates` candidates against `template`, for the adaptive and the fixed quiz at
/// every length.
pub fn simulate(
    catalog: &Catalog,
    template: &Template,
    candidates: usize,
    seed: u64,
) -> Vec<QuizFigures> {
    let chosen: Vec<String> = template
        .requirements
        .iter()
        .filter_map(|r| r.any_of.first().cloned())
        .collect();
    let skills = asked_skills(catalog, &[template], &chosen);
    // (questions, verdict right) per candidate and quiz.
    let outcomes: Vec<[(usize, bool); QUIZZES.len()]> = (0..candidates)
        .into_par_iter()
        .map(|index| {
            let candidate = Candidate::draw(&skills, seed, index as u64);
            let truth = candidate.true_verdict(catalog, template);
            QUIZZES.map(|(adaptive, length)| {
                let asked = if adaptive {
                    let plan = AdaptivePlan::new(catalog, &[template], &skills, length);
                    candidate.take_adaptive(catalog, &plan, seed, index as u64)
                } else {
                    candidate.take_fixed(&fixed_order(catalog, &skills, length), seed, index as u64)
                };
                let verdict = verdict_of(catalog, template, &asked);
                let tested = asked.iter().filter(|a| a.question.kind.is_tested()).count();
                (tested, verdict == truth)
            })
        })
        .collect();
    QUIZZES
        .iter()
        .enumerate()
        .map(|(k, &(adaptive, length))| {
            let n = outcomes.len().max(1) as f64;
            QuizFigures {
                order: if adaptive { "adaptive" } else { "fixed" },
                length,
                candidates: outcomes.len(),
                mean_questions: outcomes.iter().map(|o| o[k].0 as f64).sum::<f64>() / n,
                verdict_accuracy: outcomes.iter().filter(|o| o[k].1).count() as f64 / n,
            }
        })
        .collect()
}

/// A simulated candidate: a true θ per asked skill.
struct Candidate<'s> {
    abilities: Vec<(&'s str, f64)>,
}

impl<'s> Candidate<'s> {
    fn draw(skills: &[&'s str], seed: u64, index: u64) -> Candidate<'s> {
        let mut rng = SplitMix64::for_stream(seed, index);
        let mean = rng.normal();
        Candidate {
            abilities: skills
                .iter()
                .map(|&s| (s, mean + SKILL_SD * rng.normal()))
                .collect(),
        }
    }

    fn ability(&self, skill: &str) -> Option<f64> {
        self.abilities
            .iter()
            .find(|(s, _)| *s == skill)
            .map(|&(_, theta)| theta)
    }

    fn true_verdict(&self, catalog: &Catalog, template: &Template) -> Verdict {
        assess_template(template, catalog, |skill| {
            self.ability(skill).map(|theta| Estimate { theta, se: 0.0 })
        })
        .verdict
    }

    /// The score of an answer to `question`, drawn from `rng`.
    fn answer(&self, question: &Question, rng: &mut SplitMix64) -> Option<f64> {
        if !question.kind.is_tested() {
            return None; // self-reports do not move the estimate
        }
        let theta = self.ability(&question.skill)?;
        let right = rng.uniform() < ItemParams::of(question).probability(theta);
        Some(if right { 1.0 } else { 0.0 })
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
            let score = self.answer(question, &mut draws);
            asked.push(Asked { question, score });
        }
        asked
    }

    fn take_fixed<'c>(&self, questions: &[&'c Question], seed: u64, index: u64) -> Vec<Asked<'c>> {
        let mut draws = SplitMix64::for_stream(seed ^ 0xa11, index);
        questions
            .iter()
            .map(|&question| Asked {
                question,
                score: self.answer(question, &mut draws),
            })
            .collect()
    }
}

/// The verdict the scorer would give: EAP per skill from its tested answers.
fn verdict_of(catalog: &Catalog, template: &Template, asked: &[Asked<'_>]) -> Verdict {
    assess_template(template, catalog, |skill| {
        let responses: Vec<Response> = asked
            .iter()
            .filter(|a| a.question.skill == skill)
            .filter_map(|a| {
                a.score.map(|score| Response {
                    item: ItemParams::of(a.question),
                    score,
                })
            })
            .collect();
        (!responses.is_empty()).then(|| estimate::eap(&responses))
    })
    .verdict
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longer_quizzes_ask_more_and_the_adaptive_quick_quiz_asks_fewer_than_the_fixed_one() {
        let catalog = Catalog::embedded().expect("catalog");
        let template = catalog.template("junior-backend").expect("template");
        let figures = simulate(&catalog, template, 60, 4);
        assert_eq!(figures.len(), 6);
        let get = |order: &str, length: Length| {
            figures
                .iter()
                .find(|f| f.order == order && f.length == length)
                .expect("row")
        };
        assert_eq!(get("fixed", Length::Quick).mean_questions, 36.0);
        assert!(get("adaptive", Length::Quick).mean_questions <= 24.0);
        for order in ["adaptive", "fixed"] {
            assert!(
                get(order, Length::Quick).mean_questions
                    < get(order, Length::Thorough).mean_questions
            );
        }
        assert!(
            figures
                .iter()
                .all(|f| (0.0..=1.0).contains(&f.verdict_accuracy))
        );
        assert!(get("fixed", Length::Thorough).verdict_accuracy > 0.5);
    }

    #[test]
    fn the_truth_follows_the_abilities() {
        let catalog = Catalog::embedded().expect("catalog");
        let template = catalog.template("junior-backend").expect("template");
        let expert = Candidate {
            abilities: crate::questionnaire::required_skills(&catalog, &[template])
                .into_iter()
                .map(|s| (s, 3.0))
                .collect(),
        };
        assert_eq!(expert.true_verdict(&catalog, template), Verdict::Ready);
        let novice = Candidate {
            abilities: expert.abilities.iter().map(|&(s, _)| (s, -3.0)).collect(),
        };
        assert_eq!(novice.true_verdict(&catalog, template), Verdict::NotYet);
    }
}
