//! The adaptive quiz over the catalog, as a library API: which question to ask next, given the
//! answers so far. `assess` uses it by default; `simulate --quiz` measures it.
//!
//! Rules: the skills are those the target templates require. After every answer the joint
//! posterior of the person's skills is updated (`crate::posterior`). The next question is the one
//! expected to reduce the remaining doubt about the verdict the most: for each unused question of
//! a required skill, the expected drop in weight·(1 + must)·p_met·(1 − p_met) after its answer
//! (plus half the same term at the level below for a must-have, which decides "nearly"). Among
//! the questions within [`NEAR_BEST`] of the best gain one is picked at random (randomesque
//! exposure control), so two people with the same answers do not see the same sequence. The quiz
//! asks the length's number of tested questions (no early stop: stopping early costs verdict
//! accuracy at a given length), then, for the longer lengths, one self-report question per skill.
//!
//! Every pick is a function of the plan, the seed and the answers so far, so an interrupted
//! quiz resumes exactly where it stopped.

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Question, QuestionKind, Template};
use crate::estimate::{Guessing, ItemParams, Response};
use crate::posterior::{Distribution, THETA_POINTS, theta_at};
use crate::questionnaire::{pick_questions, required_skills};
use crate::rng::SplitMix64;

/// Questions whose expected gain is at least this share of the best one are picked among at
/// random (exposure control).
pub const NEAR_BEST: f64 = 0.95;
// No minimum per skill: one question for each of the 18 skills of junior-backend costs about 3
// points of verdict accuracy at the quick length (`simulate --quiz`, 1,000 people). A skill the
// quiz never reaches is reported "not assessed", from the general level alone.

/// Kept in saved sessions of version 1; the selection no longer uses it.
pub const SE_TARGET: f64 = 0.5;

/// How long the quiz is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Length {
    Quick,
    Standard,
    Thorough,
}

impl Length {
    /// Tested questions per skill in the fixed (non-adaptive) order.
    pub fn per_skill(self) -> usize {
        match self {
            Length::Quick => 2,
            Length::Standard => 4,
            Length::Thorough => 7,
        }
    }

    /// Tested questions the adaptive quiz asks at most: about 12, 20 and 36 minutes at 30 s a
    /// question, plus the self-report questions of the longer lengths. Chosen with
    /// `skillgap simulate --quiz` (see benches/README.md): standard and thorough reach the
    /// verdict accuracy of a fixed quiz about twice as long; quick asks two thirds of the fixed
    /// quick quiz's questions at about one point lower accuracy (one question per skill already
    /// takes most of its budget).
    pub fn budget(self) -> usize {
        match self {
            Length::Quick => 24,
            Length::Standard => 40,
            Length::Thorough => 72,
        }
    }

    /// Whether self-report (experience) questions are asked.
    pub fn with_experience(self) -> bool {
        self != Length::Quick
    }
}

/// The skills the quiz asks about: the templates' skills, keeping of each `any_of` requirement
/// only the alternatives in `chosen`.
pub fn asked_skills<'c>(
    catalog: &'c Catalog,
    templates: &[&'c Template],
    chosen: &[String],
) -> Vec<&'c str> {
    let alternatives: Vec<&str> = templates
        .iter()
        .flat_map(|t| {
            t.requirements
                .iter()
                .flat_map(|r| r.any_of.iter().map(String::as_str))
        })
        .collect();
    required_skills(catalog, templates)
        .into_iter()
        .filter(|s| !alternatives.contains(s) || chosen.iter().any(|c| c == s))
        .collect()
}

/// The fixed (non-adaptive) order: the length's questions per skill over the difficulties, and
/// for the longer lengths each skill's self-report question.
pub fn fixed_order<'c>(catalog: &'c Catalog, skills: &[&str], length: Length) -> Vec<&'c Question> {
    let mut questions = pick_questions(catalog, skills, length.per_skill());
    if !length.with_experience() {
        questions.retain(|q| q.kind.is_tested());
    }
    questions
}

/// One skill the quiz measures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SkillPlan {
    pub skill: String,
    /// The sum of the template weights that ask for it: its share of the quiz.
    pub weight: f64,
    /// The highest level the templates require (1–4).
    pub required_level: u8,
    /// Whether a template makes it a must-have.
    #[serde(default)]
    pub must: bool,
    /// Unused since version 2 of the session (the expected gain decides); kept so older
    /// sessions load.
    #[serde(default)]
    pub minimum: usize,
}

/// Everything the adaptive quiz needs to pick questions; saved with the session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdaptivePlan {
    pub skills: Vec<SkillPlan>,
    /// Tested questions at most.
    pub budget: usize,
    #[serde(default = "default_se_target")]
    pub se_target: f64,
    pub with_experience: bool,
    /// Whether right guesses are modelled (the catalog's setting when the quiz began).
    #[serde(default = "guessing_on")]
    pub guessing: bool,
    /// Questions the person has seen in earlier quizzes: within a skill they are used only once
    /// its unseen questions are all asked, so a retake asks new questions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seen: Vec<String>,
}

fn default_se_target() -> f64 {
    SE_TARGET
}

fn guessing_on() -> bool {
    true
}

/// A question already asked, and its score (`None`: left blank, which tells nothing and does
/// not count towards the budget or the skill's minimum).
#[derive(Clone, Copy, Debug)]
pub struct Asked<'c> {
    pub question: &'c Question,
    pub score: Option<f64>,
    /// Answered "I don't know" (scored as wrong, and a sign of someone who does not guess).
    pub declined: bool,
}

impl AdaptivePlan {
    /// The plan for `skills` (ids, in order), weighted by what `templates` require of them.
    pub fn new(
        catalog: &Catalog,
        templates: &[&Template],
        skills: &[&str],
        length: Length,
    ) -> Self {
        let skills: Vec<SkillPlan> = skills
            .iter()
            .filter(|id| catalog.skill(id).is_some())
            .map(|&skill| {
                let requirements = templates
                    .iter()
                    .flat_map(|t| &t.requirements)
                    .filter(|r| r.skills().any(|s| s == skill));
                let (weight, required_level, must) = requirements
                    .fold((0.0, 1, false), |(w, l, m), r| {
                        (w + r.weight, l.max(r.level.clamp(1, 4)), m || r.must)
                    });
                let weight = if weight > 0.0 { weight } else { 1.0 };
                SkillPlan {
                    skill: skill.to_string(),
                    weight,
                    required_level,
                    must,
                    minimum: 0,
                }
            })
            .collect();
        AdaptivePlan {
            budget: length.budget(),
            se_target: SE_TARGET,
            with_experience: length.with_experience(),
            guessing: catalog.info.model.guessing,
            skills,
            seen: Vec::new(),
        }
    }

    /// Questions at most: the tested budget and a self-report question per skill.
    pub fn max_questions(&self) -> usize {
        self.budget
            + if self.with_experience {
                self.skills.len()
            } else {
                0
            }
    }

    /// The next question, or `None` when the quiz is over. Deterministic in `seed` and `asked`.
    pub fn next<'c>(
        &self,
        catalog: &'c Catalog,
        asked: &[Asked<'c>],
        seed: u64,
    ) -> Option<&'c Question> {
        let is_asked = |q: &Question| asked.iter().any(|a| a.question.id == q.id);
        // A question left blank (an answer sheet without it) tells nothing and does not count.
        let tested_answered = asked
            .iter()
            .filter(|a| a.question.kind.is_tested() && a.score.is_some())
            .count();
        if tested_answered < self.budget
            && let Some(question) = self.next_tested(catalog, asked, seed, &is_asked)
        {
            return Some(question);
        }
        if !self.with_experience {
            return None;
        }
        self.skills.iter().find_map(|plan| {
            let position = catalog.skill_position(&plan.skill)?;
            catalog
                .questions_of(position)
                .find(|q| q.kind == QuestionKind::Experience)
                .filter(|q| !is_asked(q))
        })
    }

    fn next_tested<'c>(
        &self,
        catalog: &'c Catalog,
        asked: &[Asked<'c>],
        seed: u64,
        is_asked: &dyn Fn(&Question) -> bool,
    ) -> Option<&'c Question> {
        let guessing = self.guessing_of();
        let model = crate::posterior::Model::shared(catalog.info.model.population());
        let evidence = evidence_of(asked, guessing);
        let share = guessing_share(asked);
        let posterior = model.posterior(evidence.iter().map(|(s, r)| (*s, r.as_slice())));
        let mut gains: Vec<(&'c Question, f64)> = Vec::new();
        for plan in &self.skills {
            let Some(position) = catalog.skill_position(&plan.skill) else {
                continue;
            };
            let distribution = posterior.skill(&plan.skill);
            for question in self.fresh_first(catalog.questions_of(position), is_asked) {
                let mut item = ItemParams::with_guessing(question, guessing);
                item.c *= share;
                gains.push((question, expected_gain(plan, distribution, item)));
            }
        }
        let best = gains.iter().map(|g| g.1).fold(f64::NEG_INFINITY, f64::max);
        let near: Vec<&'c Question> = gains
            .iter()
            .filter(|g| g.1 >= best * NEAR_BEST)
            .map(|g| g.0)
            .collect();
        if near.is_empty() {
            return None;
        }
        let mut rng = SplitMix64::for_stream(seed, asked.len() as u64);
        Some(near[rng.below(near.len())])
    }

    /// The unused tested questions among `questions`, leaving out those seen in earlier quizzes
    /// while any unseen one is left (seen questions are used last).
    fn fresh_first<'c>(
        &self,
        questions: impl Iterator<Item = &'c Question>,
        is_asked: &dyn Fn(&Question) -> bool,
    ) -> Vec<&'c Question> {
        let unused: Vec<&'c Question> = questions
            .filter(|q| q.kind.is_tested() && !is_asked(q))
            .collect();
        let is_seen = |q: &Question| self.seen.contains(&q.id);
        if unused.iter().all(|q| is_seen(q)) {
            return unused;
        }
        unused.into_iter().filter(|q| !is_seen(q)).collect()
    }

    fn guessing_of(&self) -> Guessing {
        if self.guessing {
            Guessing::On
        } else {
            Guessing::Off
        }
    }
}

/// Each skill's tested responses so far (blanks tell nothing), with the guessing chance of each
/// choice question scaled by how often this person guesses (as the scorer does).
pub fn evidence_of<'c>(asked: &[Asked<'c>], guessing: Guessing) -> Vec<(&'c str, Vec<Response>)> {
    let mut evidence: Vec<(&'c str, Vec<Response>)> = Vec::new();
    for a in asked.iter().filter(|a| a.question.kind.is_tested()) {
        let Some(score) = a.score else { continue };
        let response = Response {
            item: ItemParams::with_guessing(a.question, guessing),
            score,
        };
        match evidence.iter_mut().find(|(s, _)| *s == a.question.skill) {
            Some((_, responses)) => responses.push(response),
            None => evidence.push((a.question.skill.as_str(), vec![response])),
        }
    }
    let share = guessing_share(asked);
    if share < 1.0 {
        let responses = evidence.iter_mut().flat_map(|(_, r)| r);
        responses.for_each(|r| r.item.c *= share);
    }
    evidence
}

/// How often this person guesses, from the answers so far ([`GuessingEvidence::share`]).
///
/// [`GuessingEvidence::share`]: crate::estimate::GuessingEvidence::share
pub fn guessing_share(asked: &[Asked<'_>]) -> f64 {
    let mut guesses = crate::estimate::GuessingEvidence::default();
    for a in asked.iter().filter(|a| a.question.kind.is_tested()) {
        if let Some(score) = a.score {
            guesses.add(a.question, score, a.declined);
        }
    }
    guesses.share()
}

/// The expected drop in the skill's share of the verdict's doubt, w·(1 + must)·π(1 − π) with
/// π = P(level ≥ required), once `item` is answered; a must-have adds half the same term at the
/// level below, which decides between "nearly" and "not yet".
fn expected_gain(plan: &SkillPlan, distribution: &Distribution, item: ItemParams) -> f64 {
    let right: Vec<f64> = (0..THETA_POINTS)
        .map(|g| item.probability(theta_at(g)))
        .collect();
    let factor = plan.weight * if plan.must { 2.0 } else { 1.0 };
    let required = plan.required_level.clamp(1, 4);
    let mut gain = drop_in_doubt(distribution, &right, required);
    if plan.must && required >= 2 {
        gain += 0.5 * drop_in_doubt(distribution, &right, required - 1);
    }
    factor * gain
}

/// π(1 − π) now minus its expectation after the answer, with π = P(level ≥ `level`).
fn drop_in_doubt(distribution: &Distribution, right: &[f64], level: u8) -> f64 {
    let cut = distribution.first_cell(level);
    let p = &distribution.probabilities;
    let p_right: f64 = p.iter().zip(right).map(|(p, r)| p * r).sum();
    let met = distribution.at_least(level);
    let met_and_right: f64 = p[cut..].iter().zip(&right[cut..]).map(|(p, r)| p * r).sum();
    let met_and_wrong = met - met_and_right;
    let doubt_after = |joint: f64, marginal: f64| {
        if marginal <= 1e-12 {
            0.0
        } else {
            joint * (1.0 - joint / marginal)
        }
    };
    let after = doubt_after(met_and_right, p_right) + doubt_after(met_and_wrong, 1.0 - p_right);
    (met * (1.0 - met) - after).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::score_answer;

    fn catalog() -> Catalog {
        Catalog::embedded().expect("embedded catalog")
    }

    fn plan(catalog: &Catalog, length: Length) -> AdaptivePlan {
        let template = catalog.template("junior-backend").expect("template");
        let chosen = ["python".to_string(), "django".to_string()];
        let skills = asked_skills(catalog, &[template], &chosen);
        assert!(skills.contains(&"python") && !skills.contains(&"java"));
        AdaptivePlan::new(catalog, &[template], &skills, length)
    }

    /// Runs the quiz for someone who answers right exactly the questions `right` accepts.
    fn take<'c>(
        catalog: &'c Catalog,
        plan: &AdaptivePlan,
        seed: u64,
        right: impl Fn(&Question) -> bool,
    ) -> Vec<Asked<'c>> {
        let mut asked = Vec::new();
        while let Some(question) = plan.next(catalog, &asked, seed) {
            assert!(
                asked
                    .iter()
                    .all(|a: &Asked<'_>| a.question.id != question.id),
                "{} asked twice",
                question.id
            );
            let score = if right(question) { 1.0 } else { 0.0 };
            asked.push(Asked {
                question,
                score: Some(score),
                declined: false,
            });
        }
        asked
    }

    #[test]
    fn the_quick_quiz_asks_its_length_and_never_a_question_twice() {
        let catalog = catalog();
        let plan = plan(&catalog, Length::Quick);
        let asked = take(&catalog, &plan, 1, |q| q.difficulty <= 2);
        let tested = asked.iter().filter(|a| a.question.kind.is_tested()).count();
        assert_eq!(tested, plan.budget);
        assert_eq!(plan.budget, 24);
        assert!(asked.iter().all(|a| a.question.kind.is_tested()));
        // Only the skills the templates require are asked about.
        assert!(
            asked
                .iter()
                .all(|a| plan.skills.iter().any(|s| s.skill == a.question.skill))
        );
    }

    #[test]
    fn must_haves_get_more_questions_than_nice_to_haves() {
        // A person at the working level (right exactly up to difficulty 2): the questions go to
        // the requirements that weigh most in the verdict.
        let catalog = catalog();
        let plan = plan(&catalog, Length::Standard);
        let asked = take(&catalog, &plan, 3, |q| q.difficulty <= 2);
        let mean_asked = |must: bool| {
            let skills: Vec<&SkillPlan> = plan.skills.iter().filter(|s| s.must == must).collect();
            let count = asked
                .iter()
                .filter(|a| skills.iter().any(|s| s.skill == a.question.skill))
                .count();
            count as f64 / skills.len() as f64
        };
        assert!(
            mean_asked(true) > mean_asked(false),
            "{} vs {}",
            mean_asked(true),
            mean_asked(false)
        );
    }

    #[test]
    fn picks_follow_the_estimate() {
        // Someone who gets everything right is asked harder questions than someone who gets
        // everything wrong.
        let catalog = catalog();
        let plan = plan(&catalog, Length::Thorough);
        let mean_difficulty = |asked: &[Asked<'_>]| {
            let tested: Vec<f64> = asked
                .iter()
                .filter(|a| a.question.kind.is_tested())
                .map(|a| f64::from(a.question.difficulty))
                .collect();
            tested.iter().sum::<f64>() / tested.len() as f64
        };
        let strong = take(&catalog, &plan, 5, |_| true);
        let weak = take(&catalog, &plan, 5, |_| false);
        assert!(
            mean_difficulty(&strong) > mean_difficulty(&weak) + 0.25,
            "{} {} {} {}",
            mean_difficulty(&strong),
            mean_difficulty(&weak),
            strong.len(),
            weak.len()
        );
        assert!(
            strong
                .iter()
                .any(|a| a.question.kind == QuestionKind::Experience)
        );
    }

    #[test]
    fn the_same_seed_and_answers_give_the_same_quiz_and_seeds_vary_it() {
        let catalog = catalog();
        let plan = plan(&catalog, Length::Standard);
        let right = |q: &Question| {
            let key = q.answer.clone().map(crate::sheet::AnswerValue::One);
            key.is_some_and(|k| score_answer(q, &k) == 1.0) && q.difficulty <= 2
        };
        let ids = |asked: Vec<Asked<'_>>| -> Vec<String> {
            asked.iter().map(|a| a.question.id.clone()).collect()
        };
        let first = ids(take(&catalog, &plan, 42, right));
        assert_eq!(first, ids(take(&catalog, &plan, 42, right)));
        assert!((0..10).any(|seed| ids(take(&catalog, &plan, seed, right)) != first));
    }

    #[test]
    fn questions_seen_before_are_used_last() {
        let catalog = catalog();
        let fresh = plan(&catalog, Length::Quick);
        let right = |q: &Question| q.difficulty <= 2;
        let first: Vec<String> = take(&catalog, &fresh, 9, right)
            .iter()
            .map(|a| a.question.id.clone())
            .collect();
        let mut retake = fresh.clone();
        retake.seen = first.clone();
        let second = take(&catalog, &retake, 10, right);
        let repeated = second
            .iter()
            .filter(|a| first.contains(&a.question.id))
            .count();
        assert_eq!(repeated, 0, "the bank has unseen questions for every skill");
        // Once a skill's unseen questions are all seen, its seen ones are still asked.
        let mut all_seen = fresh.clone();
        all_seen.seen = catalog.questions.iter().map(|q| q.id.clone()).collect();
        assert_eq!(take(&catalog, &all_seen, 9, right).len(), fresh.budget);
    }

    #[test]
    fn plans_round_trip_through_json() {
        let catalog = catalog();
        let plan = plan(&catalog, Length::Quick);
        let json = serde_json::to_string(&plan).expect("json");
        assert_eq!(
            serde_json::from_str::<AdaptivePlan>(&json).expect("parse"),
            plan
        );
    }
}
