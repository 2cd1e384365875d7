//! The adaptive quiz over the catalog, as a library API: which question to ask next, given the
//! answers so far. `assess` uses it by default; `simulate --quiz` measures it.
//!
//! Rules: the skills are those the target templates require. Each skill's ability is its EAP
//! estimate (`crate::estimate`). The next skill is picked by content balancing: every skill first
//! gets its minimum (one more for heavily weighted skills), then the skill furthest below its
//! template-weighted share. Within the skill, the question is a randomesque pick among the
//! [`RANDOMESQUE_TOP`] most informative unused ones at its current estimate. A skill stops once
//! it has its minimum and either its standard error is below the target or its requirement is
//! clearly met or clearly missed (the required level's threshold lies more than
//! [`CLEAR_MARGIN`] standard errors away); the quiz stops when the length's question budget is
//! spent or no skill is open. Then, for the longer lengths, one self-report question per skill.
//!
//! Every pick is a function of the plan, the seed and the answers so far, so an interrupted
//! quiz resumes exactly where it stopped.

use serde::{Deserialize, Serialize};

use super::bank::Item;
use super::rng::SplitMix64;
use super::select::{ContentBalance, Selector};
use crate::catalog::{Catalog, Question, QuestionKind, Template};
use crate::estimate::{self, DEFAULT_B, Estimate, ItemParams, Response};

/// Questions the randomesque pick chooses among (exposure control).
pub const RANDOMESQUE_TOP: usize = 3;
/// A requirement counts as settled when its threshold is this many standard errors from θ̂.
pub const CLEAR_MARGIN: f64 = 1.0;
/// A skill stops once its standard error (in logits, i.e. levels) is below this.
pub const SE_TARGET: f64 = 0.5;
/// Template weight from which a skill gets one more question as its minimum.
const HEAVY_WEIGHT: f64 = 3.0;

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

    /// Tested questions the adaptive quiz asks at most: about 10, 20 and 40 minutes at 30 s a
    /// question, with the self-report questions of the longer lengths.
    pub fn budget(self) -> usize {
        match self {
            Length::Quick => 20,
            Length::Standard => 34,
            Length::Thorough => 72,
        }
    }

    /// Tested questions every skill gets at least (heavy skills one more).
    pub fn minimum_per_skill(self) -> usize {
        match self {
            Length::Quick => 1,
            Length::Standard => 2,
            Length::Thorough => 3,
        }
    }

    /// Whether self-report (experience) questions are asked.
    pub fn with_experience(self) -> bool {
        self != Length::Quick
    }
}

/// One skill the quiz measures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SkillPlan {
    pub skill: String,
    /// The sum of the template weights that ask for it: its share of the quiz.
    pub weight: f64,
    /// The highest level the templates require (1–4).
    pub required_level: u8,
    /// Tested questions it gets at least (when it has them).
    pub minimum: usize,
}

/// Everything the adaptive quiz needs to pick questions; saved with the session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdaptivePlan {
    pub skills: Vec<SkillPlan>,
    /// Tested questions at most.
    pub budget: usize,
    pub se_target: f64,
    pub with_experience: bool,
}

/// A question already asked, and its score (`None`: left blank, which tells nothing and does
/// not count towards the budget or the skill's minimum).
#[derive(Clone, Copy, Debug)]
pub struct Asked<'c> {
    pub question: &'c Question,
    pub score: Option<f64>,
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
                let (weight, required_level) = requirements.fold((0.0, 1), |(w, l), r| {
                    (w + r.weight, l.max(r.level.clamp(1, 4)))
                });
                let weight = if weight > 0.0 { weight } else { 1.0 };
                SkillPlan {
                    skill: skill.to_string(),
                    weight,
                    required_level,
                    minimum: length.minimum_per_skill() + usize::from(weight >= HEAVY_WEIGHT),
                }
            })
            .collect();
        let minimums: usize = skills.iter().map(|s| s.minimum).sum();
        AdaptivePlan {
            budget: length.budget().max(minimums),
            se_target: SE_TARGET,
            with_experience: length.with_experience(),
            skills,
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
        let states: Vec<SkillState<'c>> = self
            .skills
            .iter()
            .map(|plan| SkillState::of(catalog, plan, asked, is_asked))
            .collect();
        let given: Vec<usize> = states.iter().map(|s| s.given).collect();
        let open: Vec<bool> = self
            .skills
            .iter()
            .zip(&states)
            .map(|(plan, state)| state.is_open(plan, self.se_target))
            .collect();
        let balance = ContentBalance::new(
            self.skills.iter().map(|s| s.weight).collect(),
            self.skills.iter().map(|s| s.minimum).collect(),
        );
        let group = balance.next_group(&given, &open)?;
        let state = &states[group];
        let mut rng = SplitMix64::for_stream(seed, asked.len() as u64);
        let candidates = state
            .unused
            .iter()
            .enumerate()
            .map(|(i, q)| (i, Item::from(ItemParams::of(q))));
        let pick = Selector::Randomesque {
            top: RANDOMESQUE_TOP,
        }
        .select_among(candidates, state.estimate.theta, &mut rng)?;
        state.unused.get(pick).copied()
    }
}

/// Where one skill stands.
struct SkillState<'c> {
    /// Tested questions answered (blanks do not count).
    given: usize,
    estimate: Estimate,
    unused: Vec<&'c Question>,
}

impl<'c> SkillState<'c> {
    fn of(
        catalog: &'c Catalog,
        plan: &SkillPlan,
        asked: &[Asked<'c>],
        is_asked: &dyn Fn(&Question) -> bool,
    ) -> SkillState<'c> {
        let responses: Vec<Response> = asked
            .iter()
            .filter(|a| a.question.skill == plan.skill && a.question.kind.is_tested())
            .filter_map(|a| {
                a.score.map(|score| Response {
                    item: ItemParams::of(a.question),
                    score,
                })
            })
            .collect();
        let unused = catalog
            .skill_position(&plan.skill)
            .map(|position| {
                catalog
                    .questions_of(position)
                    .filter(|q| q.kind.is_tested() && !is_asked(q))
                    .collect()
            })
            .unwrap_or_default();
        SkillState {
            given: responses.len(),
            estimate: estimate::eap(&responses),
            unused,
        }
    }

    /// Whether the skill should get more questions.
    fn is_open(&self, plan: &SkillPlan, se_target: f64) -> bool {
        if self.unused.is_empty() {
            return false;
        }
        if self.given < plan.minimum {
            return true;
        }
        let threshold = DEFAULT_B[usize::from(plan.required_level.clamp(1, 4) - 1)];
        let settled = (self.estimate.theta - threshold).abs() > CLEAR_MARGIN * self.estimate.se;
        !(self.estimate.se < se_target || settled)
    }
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
        let skills: Vec<&str> = crate::questionnaire::required_skills(catalog, &[template])
            .into_iter()
            .filter(|s| {
                ![
                    "java",
                    "javascript",
                    "typescript",
                    "php",
                    "ruby",
                    "csharp",
                    "go",
                    "kotlin",
                ]
                .contains(s)
            })
            .filter(|s| {
                ![
                    "flask",
                    "fastapi",
                    "spring-boot",
                    "rails",
                    "laravel",
                    "express",
                    "aspnet-core",
                ]
                .contains(s)
            })
            .collect();
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
            });
        }
        asked
    }

    #[test]
    fn every_skill_gets_its_minimum_within_the_budget() {
        let catalog = catalog();
        let plan = plan(&catalog, Length::Quick);
        assert!(
            plan.skills
                .iter()
                .any(|s| s.skill == "sql" && s.minimum == 2)
        );
        let asked = take(&catalog, &plan, 1, |q| q.difficulty <= 2);
        let tested = asked.iter().filter(|a| a.question.kind.is_tested()).count();
        assert!(tested <= plan.budget, "{tested} > {}", plan.budget);
        assert!(
            tested < 36,
            "the quick quiz must be shorter than the fixed one"
        );
        for skill in &plan.skills {
            let given = asked
                .iter()
                .filter(|a| a.question.skill == skill.skill)
                .count();
            assert!(given >= skill.minimum, "{}: {given}", skill.skill);
        }
        assert!(asked.iter().all(|a| a.question.kind.is_tested()));
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
            mean_difficulty(&strong) > mean_difficulty(&weak) + 0.5,
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
