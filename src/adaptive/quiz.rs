//! The adaptive quiz over the catalog, as a library API: which question to ask next, given the
//! answers so far. `assess` uses it by default; `simulate --quiz` measures it.
//!
//! Rules: the skills are those the target templates require. Each skill's ability is its EAP
//! estimate (`crate::estimate`). The next skill is picked by content balancing: every skill first
//! gets its minimum (one more for heavily weighted skills), then the skill with the largest
//! template weight × urgency per question it already has, where urgency is high while θ̂ is
//! near a level threshold the verdict turns on. Within the skill, the question is a randomesque
//! pick among the [`RANDOMESQUE_TOP`] most informative unused ones at its current estimate. A
//! skill stops once it has its minimum and either its standard error is below the target or its
//! requirement is clearly met or clearly missed (the required level's threshold, and for a
//! must-have the one below, lie more than [`CLEAR_MARGIN`] standard errors away); the quiz stops
//! when the length's question budget is spent or no skill is open. Then, for the longer
//! lengths, one self-report question per skill.
//!
//! Every pick is a function of the plan, the seed and the answers so far, so an interrupted
//! quiz resumes exactly where it stopped.

use serde::{Deserialize, Serialize};

use super::bank::Item;
use super::rng::SplitMix64;
use super::select::{ContentBalance, Selector};
use crate::catalog::{Catalog, Question, QuestionKind, Template};
use crate::estimate::{self, DEFAULT_B, Estimate, ItemParams, Response};
use crate::questionnaire::{pick_questions, required_skills};

/// Questions the randomesque pick chooses among (exposure control).
pub const RANDOMESQUE_TOP: usize = 3;
/// A requirement counts as settled when its threshold is this many standard errors from θ̂.
pub const CLEAR_MARGIN: f64 = 1.0;
/// A skill stops once its standard error (in logits, i.e. levels) is below this.
pub const SE_TARGET: f64 = 0.5;
/// Tested questions every skill gets at least. Larger minimums spend the budget on skills whose
/// verdict is already clear: in `simulate --quiz`, minimums of 2–3 cost 5–10 points of verdict
/// accuracy at the same length.
const MINIMUM_PER_SKILL: usize = 1;
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
                    minimum: MINIMUM_PER_SKILL + usize::from(weight >= HEAVY_WEIGHT),
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
        let urgency: Vec<f64> = self
            .skills
            .iter()
            .zip(&states)
            .map(|(plan, state)| state.urgency(plan))
            .collect();
        let balance = ContentBalance::new(
            self.skills.iter().map(|s| s.weight).collect(),
            self.skills.iter().map(|s| s.minimum).collect(),
        );
        let group = balance.next_group(&given, &open, &urgency)?;
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
        !(self.estimate.se < se_target || self.distance_to_verdict(plan) > CLEAR_MARGIN)
    }

    /// How far, in standard errors, θ̂ is from the nearest level threshold the verdict turns
    /// on: the required level's, and for a must-have also the one below (a must-have more than
    /// one level short rules out "nearly").
    fn distance_to_verdict(&self, plan: &SkillPlan) -> f64 {
        let required = usize::from(plan.required_level.clamp(1, 4));
        let below = (plan.must && required >= 2).then(|| DEFAULT_B[required - 2]);
        let se = self.estimate.se.max(1e-9);
        std::iter::once(DEFAULT_B[required - 1])
            .chain(below)
            .map(|threshold| (self.estimate.theta - threshold).abs() / se)
            .fold(f64::INFINITY, f64::min)
    }

    /// How much one more question could change the verdict: 1 when θ̂ sits on a threshold,
    /// falling off like a normal density as it moves away.
    fn urgency(&self, plan: &SkillPlan) -> f64 {
        let distance = self.distance_to_verdict(plan);
        (-0.5 * distance * distance).exp()
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
