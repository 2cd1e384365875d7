//! The quiz: which questions, in which order, with which option order; asking them through a
//! [`Prompter`] and recording the answers in a [`Session`]. Adaptive by default (the next
//! question depends on the answers so far, see [`crate::adaptive::quiz`]); `--fixed` plans the
//! whole list up front.

use anyhow::Result;

use super::prompter::{Interrupted, Prompter, QuestionView};
use super::session::{SESSION_SCHEMA_VERSION, Session};
pub use crate::adaptive::quiz::Length;
use crate::adaptive::quiz::{AdaptivePlan, Asked, asked_skills, fixed_order};
use crate::catalog::{Catalog, Question, QuestionKind, Template};
use crate::error::Error;
use crate::results::{self, Results};
use crate::rng::shuffled;
use crate::sheet::{AnswerSheet, AnswerValue, score_answer};

/// Whether the next question adapts to the answers, or follows a list fixed up front.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    Adaptive,
    Fixed,
}

/// What the learner wants to be assessed for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// These templates (ids).
    Templates(Vec<String>),
    /// "Not sure yet": every template is scored, so the best matches show, but only the
    /// catalog's core template (`core_template` in `catalog.toml`) is asked about, so the quiz
    /// stays short.
    NotSureYet,
}

impl Target {
    /// The templates the results are scored against.
    pub fn templates<'c>(&self, catalog: &'c Catalog) -> Result<Vec<&'c Template>, Error> {
        match self {
            Target::Templates(ids) => ids.iter().map(|id| catalog.template(id)).collect(),
            Target::NotSureYet => Ok(catalog.templates.iter().collect()),
        }
    }

    /// The templates whose skills the quiz asks about: the targets, or for "not sure yet" the
    /// core template (every template when the catalog names none).
    pub fn asked<'c>(&self, catalog: &'c Catalog) -> Result<Vec<&'c Template>, Error> {
        match (self, catalog.core_template()) {
            (Target::NotSureYet, Some(core)) => Ok(vec![core]),
            _ => self.templates(catalog),
        }
    }
}

enum Plan<'c> {
    Fixed(Vec<&'c Question>),
    Adaptive(AdaptivePlan),
}

pub struct Quiz<'c> {
    catalog: &'c Catalog,
    templates: Vec<&'c Template>,
    plan: Plan<'c>,
    seed: u64,
}

/// A verdict at least this probable needs no more questions.
pub const SURE: f64 = 0.9;

/// How a run ended.
pub struct RunOutcome {
    pub interrupted: bool,
    /// Tested questions answered wrong or "I don't know", for the review.
    pub missed: Vec<String>,
}

impl<'c> Quiz<'c> {
    /// Plans a new quiz for the target (for "not sure yet", only the core template's skills are
    /// asked). `chosen` are the alternatives of `any_of` requirements the user picked; the
    /// others are not asked.
    pub fn plan(
        catalog: &'c Catalog,
        target: &Target,
        chosen: &[String],
        length: Length,
        order: Order,
        seed: u64,
    ) -> Result<Quiz<'c>, Error> {
        let templates = target.templates(catalog)?;
        let asked = target.asked(catalog)?;
        let skills = asked_skills(catalog, &asked, chosen);
        let plan = match order {
            Order::Adaptive => Plan::Adaptive(AdaptivePlan::new(catalog, &asked, &skills, length)),
            Order::Fixed => Plan::Fixed(fixed_order(catalog, &skills, length)),
        };
        Ok(Quiz {
            catalog,
            templates,
            plan,
            seed,
        })
    }

    pub fn into_session(self, catalog: &Catalog) -> Session {
        let (questions, adaptive) = match self.plan {
            Plan::Fixed(questions) => (questions.iter().map(|q| q.id.clone()).collect(), None),
            Plan::Adaptive(plan) => (Vec::new(), Some(plan)),
        };
        Session {
            schema_version: SESSION_SCHEMA_VERSION,
            catalog_fingerprint: catalog.fingerprint.clone(),
            templates: self.templates.iter().map(|t| t.id.clone()).collect(),
            seed: self.seed,
            questions,
            answers: Default::default(),
            adaptive,
            profile: None,
            custom_templates: Vec::new(),
            feedback: false,
            extended_from: None,
        }
    }

    /// The quiz a saved session describes; its questions must still be in the catalog.
    pub fn from_session(catalog: &'c Catalog, session: &Session) -> Result<Quiz<'c>, Error> {
        let templates = session
            .templates
            .iter()
            .map(|id| catalog.template(id))
            .collect::<Result<Vec<_>, _>>()?;
        let questions = session
            .questions
            .iter()
            .map(|id| {
                catalog.question(id).ok_or_else(|| {
                    Error::InvalidInput(format!(
                        "the saved session asks question `{id}`, which this catalog does not have; \
                         was it started with another catalog (--data)?"
                    ))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let plan = match &session.adaptive {
            Some(plan) => Plan::Adaptive(plan.clone()),
            None => Plan::Fixed(questions),
        };
        Ok(Quiz {
            catalog,
            templates,
            plan,
            seed: session.seed,
        })
    }

    /// Questions in the quiz; for the adaptive quiz, the most it asks.
    pub fn len(&self) -> usize {
        match &self.plan {
            Plan::Fixed(questions) => questions.len(),
            Plan::Adaptive(plan) => plan.max_questions(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A rough duration: 30 s a tested question, 10 s a self-report.
    pub fn minutes(&self) -> usize {
        let seconds: usize = match &self.plan {
            Plan::Fixed(questions) => questions
                .iter()
                .map(|q| if q.kind.is_tested() { 30 } else { 10 })
                .sum(),
            Plan::Adaptive(plan) => 30 * plan.budget + 10 * (plan.max_questions() - plan.budget),
        };
        seconds.div_ceil(60).max(1)
    }

    /// The next question to ask and its position, or `None` when the quiz is over.
    fn next(&self, session: &Session) -> Option<(usize, &'c Question)> {
        match &self.plan {
            Plan::Fixed(questions) => questions
                .iter()
                .enumerate()
                .find(|(_, q)| !session.answers.contains_key(&q.id))
                .map(|(index, q)| (index, *q)),
            Plan::Adaptive(_) if session.extended_from.is_some() && self.sure(session) => None,
            Plan::Adaptive(plan) => {
                let asked = self.asked(session);
                plan.next(self.catalog, &asked, self.seed)
                    .map(|question| (asked.len(), question))
            }
        }
    }

    /// The questions answered so far, in order, with their scores.
    fn asked(&self, session: &Session) -> Vec<Asked<'c>> {
        session
            .questions
            .iter()
            .filter_map(|id| {
                let question = self.catalog.question(id)?;
                let answer = session.answers.get(id)?;
                let score = (!answer.is_unanswered()).then(|| score_answer(question, answer));
                Some(Asked {
                    question,
                    score,
                    declined: answer.is_dont_know(),
                })
            })
            .collect()
    }

    /// The view of the question at `index`: where it is, and its shuffled options.
    fn view(&self, index: usize, question: &'c Question) -> QuestionView<'c> {
        let skill = self.catalog.skill(&question.skill);
        let area = skill
            .and_then(|s| self.catalog.area(&s.area))
            .map_or("", |a| a.name.as_str());
        let order = if question.kind == QuestionKind::Experience || !question.shuffle {
            // Experience options are a scale, and `shuffle = false` options name their own
            // labels or order; keep them as written.
            (0..question.options.len()).collect()
        } else {
            shuffled(
                question.options.len(),
                self.seed ^ (index as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15),
            )
        };
        QuestionView {
            number: index + 1,
            total: self.len().max(index + 1),
            area,
            skill: skill.map_or(question.skill.as_str(), |s| s.name.as_str()),
            question,
            order,
        }
    }

    /// Asks every question still to come, calling `save` after each answer (the caller decides
    /// where, if anywhere, a session is kept). When the adaptive quiz reaches its length and the
    /// verdict is not yet 90 % sure, it offers to continue (see [`Quiz::offer_more`]).
    pub fn run(
        &mut self,
        session: &mut Session,
        prompter: &mut dyn Prompter,
        feedback: bool,
        save: &mut dyn FnMut(&Session) -> Result<(), Error>,
    ) -> Result<RunOutcome> {
        loop {
            let Some((index, question)) = self.next(session) else {
                match self.offer_more(session, prompter) {
                    Ok(true) => {
                        save(session)?;
                        continue;
                    }
                    Ok(false) => break,
                    Err(Interrupted) => {
                        return Ok(RunOutcome {
                            interrupted: true,
                            missed: Vec::new(),
                        });
                    }
                }
            };
            let answer = match prompter.ask(&self.view(index, question)) {
                Ok(answer) => answer,
                Err(Interrupted) => {
                    return Ok(RunOutcome {
                        interrupted: true,
                        missed: Vec::new(),
                    });
                }
            };
            if feedback && question.kind.is_tested() && !answer.is_unanswered() {
                prompter.show(&feedback_text(question, &answer));
            }
            if matches!(self.plan, Plan::Adaptive(_)) {
                session.questions.push(question.id.clone());
            }
            session.answers.insert(question.id.clone(), answer);
            save(session)?;
        }
        if let (Some(from), Plan::Adaptive(_)) = (session.extended_from, &self.plan) {
            let more = self.tested_answered(session).saturating_sub(from);
            let sure = self.lowest_certainty(session).unwrap_or(1.0);
            prompter.show(&format!(
                "\nAfter {more} more question(s) the verdict is {:.0} % sure.",
                sure * 100.0
            ));
        }
        Ok(RunOutcome {
            interrupted: false,
            missed: self.missed(session),
        })
    }

    fn tested_answered(&self, session: &Session) -> usize {
        self.asked(session)
            .iter()
            .filter(|a| a.question.kind.is_tested() && a.score.is_some())
            .count()
    }

    /// The templates the quiz measures: those whose every requirement has a skill in the plan
    /// (for "not sure yet", the core template, not every template scored).
    fn measured(&self) -> Vec<&'c Template> {
        let Plan::Adaptive(plan) = &self.plan else {
            return self.templates.clone();
        };
        self.templates
            .iter()
            .copied()
            .filter(|t| {
                t.requirements
                    .iter()
                    .all(|r| r.skills().any(|s| plan.skills.iter().any(|p| p.skill == s)))
            })
            .collect()
    }

    /// The lowest verdict probability of the measured templates, from the answers so far.
    fn lowest_certainty(&self, session: &Session) -> Option<f64> {
        let measured = self.measured();
        let results = self.score(session);
        results
            .templates
            .iter()
            .filter(|t| measured.iter().any(|m| m.id == t.template))
            .map(|t| t.verdict_probability)
            .min_by(f64::total_cmp)
    }

    fn sure(&self, session: &Session) -> bool {
        self.lowest_certainty(session).is_none_or(|p| p >= SURE)
    }

    /// At the end of the adaptive quiz, when a measured template's verdict is below [`SURE`]:
    /// says so, estimates how many more questions would settle it and offers to continue (no by
    /// default). Continuing raises the budget up to the next length's (half as much again after
    /// `thorough`); the quiz then stops as soon as every verdict is sure. Offered once.
    fn offer_more(
        &mut self,
        session: &mut Session,
        prompter: &mut dyn Prompter,
    ) -> Result<bool, Interrupted> {
        let budget = match &self.plan {
            Plan::Adaptive(plan) if session.extended_from.is_none() => plan.budget,
            _ => return Ok(false),
        };
        let measured = self.measured();
        let results = self.score(session);
        let unsure: Vec<_> = results
            .templates
            .iter()
            .filter(|t| measured.iter().any(|m| m.id == t.template))
            .filter(|t| t.verdict_probability < SURE)
            .collect();
        if unsure.is_empty() || self.tested_answered(session) < budget {
            return Ok(false);
        }
        let cap = [Length::Quick, Length::Standard, Length::Thorough]
            .into_iter()
            .map(Length::budget)
            .find(|&b| b > budget)
            .unwrap_or(budget + budget / 2);
        let extra = cap - budget;
        let more = more_questions_estimate(&unsure, extra);
        if more == 0 {
            return Ok(false);
        }
        for template in &unsure {
            prompter.show(&format!(
                "\n{}: {} so far, but only {:.0} % sure (the quiz stops early at 90 %).",
                template.title,
                template.verdict.as_str(),
                template.verdict_probability * 100.0
            ));
        }
        let prompt = format!(
            "About {more} more question(s) would likely settle it (at most {extra}). Continue?"
        );
        if !prompter.confirm(&prompt, false)? {
            return Ok(false);
        }
        if let Plan::Adaptive(plan) = &mut self.plan {
            plan.budget = cap;
        }
        if let Some(plan) = &mut session.adaptive {
            plan.budget = cap;
        }
        session.extended_from = Some(budget);
        Ok(true)
    }

    fn missed(&self, session: &Session) -> Vec<String> {
        session
            .questions
            .iter()
            .filter_map(|id| self.catalog.question(id))
            .filter(|q| q.kind.is_tested())
            .filter(|q| {
                session
                    .answers
                    .get(&q.id)
                    .is_some_and(|a| !a.is_unanswered() && score_answer(q, a) < 1.0)
            })
            .map(|q| q.id.clone())
            .collect()
    }

    /// Offers a review of the missed questions: each with its options as they were shown,
    /// which one was the learner's and which is right, and the explanation.
    pub fn offer_review(&self, session: &Session, prompter: &mut dyn Prompter, missed: &[String]) {
        let prompt = format!(
            "Review the {} question(s) you missed, with explanations?",
            missed.len()
        );
        if !matches!(prompter.confirm(&prompt, true), Ok(true)) {
            return;
        }
        for id in missed {
            let Some(question) = self.catalog.question(id) else {
                continue;
            };
            let Some(answer) = session.answers.get(id) else {
                continue;
            };
            let index = session
                .questions
                .iter()
                .position(|q| q == id)
                .unwrap_or_default();
            prompter.show(&review_text(&self.view(index, question), answer));
        }
    }

    pub fn score(&self, session: &Session) -> Results {
        let sheet = AnswerSheet {
            answers: session.answers.clone(),
            templates: session.templates.clone(),
            ..AnswerSheet::default()
        };
        results::score(self.catalog, &sheet, &self.templates, None)
    }
}

/// About how many more questions would settle the unsure verdicts: two for each requirement still
/// in doubt (p_met between 0.1 and 0.9; two answers move a requirement's p_met past either
/// bound in most simulated runs of the quick quiz), at most `extra`.
fn more_questions_estimate(unsure: &[&crate::readiness::TemplateReadiness], extra: usize) -> usize {
    let mut doubtful: Vec<&str> = unsure
        .iter()
        .flat_map(|t| &t.requirements)
        .filter(|r| (0.1..=0.9).contains(&r.p_met))
        .map(|r| r.skill.as_str())
        .collect();
    doubtful.sort_unstable();
    doubtful.dedup();
    (2 * doubtful.len()).clamp(2, extra.max(2)).min(extra)
}

/// One missed question for the review: where it was, the question, its options as shown with
/// the learner's and the right one(s) marked in words, and why.
fn review_text(view: &QuestionView<'_>, answer: &AnswerValue) -> String {
    let question = view.question;
    let mut text = format!("\n{}\n{}", view.heading(), question.prompt.trim());
    if let Some(code) = &question.code {
        text.push('\n');
        for line in code.trim_end().lines() {
            text.push_str(&format!("\n    {line}"));
        }
    }
    text.push('\n');
    let chosen: Vec<&str> = match answer {
        AnswerValue::One(id) => vec![id.as_str()],
        AnswerValue::Many(ids) => ids.iter().map(String::as_str).collect(),
    };
    for (shown, &i) in view.order.iter().enumerate() {
        let option = &question.options[i];
        let right = match question.kind {
            QuestionKind::Choice => question.answer.as_deref() == Some(option.id.as_str()),
            QuestionKind::Multi => question.answers.contains(&option.id),
            QuestionKind::Scenario | QuestionKind::Experience => option.credit == Some(1.0),
        };
        let mut marks = Vec::new();
        if chosen.contains(&option.id.as_str()) {
            marks.push("your answer");
        }
        if right {
            marks.push("right");
        }
        let marks = if marks.is_empty() {
            String::new()
        } else {
            format!("  ← {}", marks.join(", "))
        };
        text.push_str(&format!("\n  {}. {}{marks}", shown + 1, option.text.trim()));
    }
    if answer.is_dont_know() {
        text.push_str("\nYour answer: I don't know");
    }
    text.push_str(&format!("\nWhy: {}", question.explanation.trim()));
    text
}

fn correct_text(question: &Question) -> String {
    let text_of = |id: &str| {
        question
            .options
            .iter()
            .find(|o| o.id == id)
            .map_or(id.to_string(), |o| o.text.trim().to_string())
    };
    let correct: Vec<String> = match question.kind {
        QuestionKind::Choice => question.answer.iter().map(|a| text_of(a)).collect(),
        QuestionKind::Multi => question.answers.iter().map(|a| text_of(a)).collect(),
        QuestionKind::Scenario | QuestionKind::Experience => question
            .options
            .iter()
            .filter(|o| o.credit == Some(1.0))
            .map(|o| o.text.trim().to_string())
            .collect(),
    };
    format!(
        "Answer: {}\nWhy: {}",
        correct.join(" + "),
        question.explanation.trim()
    )
}

fn feedback_text(question: &Question, answer: &AnswerValue) -> String {
    let score = score_answer(question, answer);
    let verdict = if score >= 1.0 {
        console::style("Right.").green().to_string()
    } else if score > 0.0 {
        console::style(format!("Partly right ({:.0}% credit).", score * 100.0))
            .yellow()
            .to_string()
    } else {
        console::style("Not quite.").red().to_string()
    };
    format!("{verdict} {}", correct_text(question))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    /// Answers right the questions of difficulty 1–2 (the key's first option otherwise wrong),
    /// and stops after `remaining` answers.
    struct Candidate {
        remaining: usize,
        /// The answer to every yes/no question.
        continue_when_offered: bool,
        /// Everything shown and asked, in order.
        shown: Vec<String>,
    }

    impl Candidate {
        fn new(remaining: usize) -> Self {
            Candidate {
                remaining,
                continue_when_offered: false,
                shown: Vec::new(),
            }
        }
    }

    impl Prompter for Candidate {
        fn choose_templates(&mut self, _: &Catalog) -> Result<Target, Interrupted> {
            Err(Interrupted)
        }

        fn choose_alternatives(
            &mut self,
            _: &Catalog,
            alternatives: &[String],
        ) -> Result<Vec<String>, Interrupted> {
            Ok(alternatives[..1].to_vec())
        }

        fn ask(&mut self, view: &QuestionView<'_>) -> Result<AnswerValue, Interrupted> {
            if self.remaining == 0 {
                return Err(Interrupted);
            }
            self.remaining -= 1;
            let question = view.question;
            let right = question.difficulty <= 2;
            Ok(match question.kind {
                QuestionKind::Multi if right => AnswerValue::Many(question.answers.clone()),
                QuestionKind::Choice if right => {
                    AnswerValue::One(question.answer.clone().unwrap_or_default())
                }
                _ if right => AnswerValue::One(question.options[0].id.clone()),
                _ => AnswerValue::One(crate::sheet::DONT_KNOW.into()),
            })
        }

        fn profile(&mut self) -> Result<Option<crate::sheet::Profile>, Interrupted> {
            Ok(None)
        }

        fn confirm(&mut self, prompt: &str, _: bool) -> Result<bool, Interrupted> {
            self.shown.push(prompt.to_string());
            Ok(self.continue_when_offered)
        }

        fn show(&mut self, text: &str) {
            self.shown.push(text.to_string());
        }
    }

    fn new_session(catalog: &Catalog, length: Length, order: Order) -> Session {
        let templates = vec!["junior-backend".to_string()];
        let chosen = vec!["python".to_string(), "django".to_string()];
        Quiz::plan(
            catalog,
            &Target::Templates(templates),
            &chosen,
            length,
            order,
            9,
        )
        .expect("plan")
        .into_session(catalog)
    }

    fn run(catalog: &Catalog, session: &mut Session, answers: usize) -> bool {
        let mut quiz = Quiz::from_session(catalog, session).expect("quiz");
        let mut prompter = Candidate::new(answers);
        quiz.run(session, &mut prompter, false, &mut |_| Ok(()))
            .expect("run")
            .interrupted
    }

    #[test]
    fn an_interrupted_adaptive_quiz_resumes_exactly_where_it_stopped() {
        let catalog = Catalog::embedded().expect("catalog");
        let mut straight = new_session(&catalog, Length::Standard, Order::Adaptive);
        assert!(!run(&catalog, &mut straight, usize::MAX));

        let mut stopped = new_session(&catalog, Length::Standard, Order::Adaptive);
        assert!(run(&catalog, &mut stopped, 7));
        assert_eq!(stopped.questions.len(), 7);
        // As saved on disk and read back.
        let json = serde_json::to_string(&stopped).expect("json");
        let mut resumed: Session = serde_json::from_str(&json).expect("parse");
        assert!(!run(&catalog, &mut resumed, usize::MAX));
        assert_eq!(resumed.questions, straight.questions);
        assert_eq!(resumed.answers, straight.answers);
    }

    #[test]
    fn the_adaptive_quick_quiz_is_shorter_than_the_fixed_one() {
        let catalog = Catalog::embedded().expect("catalog");
        let mut fixed = new_session(&catalog, Length::Quick, Order::Fixed);
        assert!(!run(&catalog, &mut fixed, usize::MAX));
        let mut adaptive = new_session(&catalog, Length::Quick, Order::Adaptive);
        assert!(!run(&catalog, &mut adaptive, usize::MAX));
        assert_eq!(fixed.answers.len(), 36);
        assert!(adaptive.answers.len() <= 24, "{}", adaptive.answers.len());
        let quiz = Quiz::from_session(&catalog, &adaptive).expect("quiz");
        assert_eq!(quiz.len(), 24);
        assert_eq!(quiz.minutes(), 12);
        // Both are scored the same way, against the same template.
        assert_eq!(
            quiz.score(&adaptive).templates[0].template,
            "junior-backend"
        );
    }

    #[test]
    fn not_sure_yet_asks_about_the_core_template_and_scores_them_all() {
        let catalog = Catalog::embedded().expect("catalog");
        let core = catalog
            .core_template()
            .expect("the catalog names a core template");
        assert_eq!(core.id, "junior-backend");
        let asked = Target::NotSureYet.asked(&catalog).expect("asked");
        assert_eq!(asked.len(), 1);
        assert_eq!(asked[0].id, core.id);
        let scored = Target::NotSureYet.templates(&catalog).expect("scored");
        assert_eq!(scored.len(), catalog.templates.len());
        // Naming every template is not the same as "not sure yet": all of them are asked.
        let every = Target::Templates(catalog.templates.iter().map(|t| t.id.clone()).collect());
        assert_eq!(
            every.asked(&catalog).expect("asked").len(),
            catalog.templates.len()
        );
    }

    #[test]
    fn options_that_name_their_labels_keep_their_order() {
        let catalog = Catalog::embedded().expect("catalog");
        let session = new_session(&catalog, Length::Quick, Order::Adaptive);
        let quiz = Quiz::from_session(&catalog, &session).expect("quiz");
        let fixed = catalog.question("sql-05").expect("sql-05");
        assert!(!fixed.shuffle);
        let shuffled = catalog.question("sql-01").expect("sql-01");
        assert!(shuffled.shuffle);
        let mut moved = false;
        for index in 0..24 {
            assert_eq!(quiz.view(index, fixed).order, [0, 1, 2, 3]);
            moved |=
                quiz.view(index, shuffled).order != (0..shuffled.options.len()).collect::<Vec<_>>();
        }
        assert!(moved, "other questions are still shuffled");
    }

    #[test]
    fn the_review_shows_the_answer_given_the_options_and_the_right_one() {
        let catalog = Catalog::embedded().expect("catalog");
        let question = catalog.question("sql-05").expect("sql-05");
        let session = new_session(&catalog, Length::Quick, Order::Adaptive);
        let quiz = Quiz::from_session(&catalog, &session).expect("quiz");
        let text = review_text(
            &quiz.view(0, question),
            &AnswerValue::Many(vec!["c".into()]),
        );
        assert!(text.contains("  1. Query A  ← right"), "{text}");
        assert!(text.contains("  3. Query C  ← your answer"), "{text}");
        assert!(text.contains("  4. Query D\n"), "{text}");
        assert!(text.contains("Why: EXISTS"), "{text}");
        assert!(text.contains("-- A"), "the code is shown: {text}");
        let text = review_text(
            &quiz.view(0, question),
            &AnswerValue::One(crate::sheet::DONT_KNOW.into()),
        );
        assert!(text.contains("Your answer: I don't know"), "{text}");
    }

    /// Runs a quick quiz to the end with a candidate who says yes or no to continuing.
    fn quick_run(continue_when_offered: bool, seed: u64) -> (Session, Vec<String>) {
        let catalog = Catalog::embedded().expect("catalog");
        let templates = vec!["junior-backend".to_string()];
        let chosen = vec!["python".to_string(), "django".to_string()];
        let mut session = Quiz::plan(
            &catalog,
            &Target::Templates(templates),
            &chosen,
            Length::Quick,
            Order::Adaptive,
            seed,
        )
        .expect("plan")
        .into_session(&catalog);
        let mut quiz = Quiz::from_session(&catalog, &session).expect("quiz");
        let mut prompter = Candidate::new(usize::MAX);
        prompter.continue_when_offered = continue_when_offered;
        let outcome = quiz
            .run(&mut session, &mut prompter, false, &mut |_| Ok(()))
            .expect("run");
        assert!(!outcome.interrupted);
        (session, prompter.shown)
    }

    #[test]
    fn an_unsure_verdict_offers_more_questions_and_stops_once_sure() {
        let catalog = Catalog::embedded().expect("catalog");
        // This candidate (right up to difficulty 2) leaves the quick quiz unsure.
        let (declined, shown) = quick_run(false, 9);
        assert_eq!(declined.answers.len(), 24);
        let offer = shown
            .iter()
            .find(|s| s.contains("Continue?"))
            .expect("the offer is made");
        assert!(
            offer.starts_with("About ") && offer.contains("would likely settle it"),
            "{offer}"
        );
        assert!(shown.iter().any(|s| s.contains("% sure")), "{shown:?}");
        assert_eq!(declined.extended_from, None);

        let (continued, shown) = quick_run(true, 9);
        assert_eq!(continued.extended_from, Some(24));
        assert_eq!(
            shown.iter().filter(|s| s.contains("Continue?")).count(),
            1,
            "offered once"
        );
        let asked = continued.answers.len();
        assert!(asked > 24, "{asked}");
        let cap = Length::Standard.budget();
        assert!(asked <= cap, "{asked}");
        assert_eq!(continued.adaptive.as_ref().map(|p| p.budget), Some(cap));
        let quiz = Quiz::from_session(&catalog, &continued).expect("quiz");
        if asked < cap {
            assert!(quiz.sure(&continued), "stopped early only once sure");
            // And not one question later than that.
            let mut before = continued.clone();
            let last = before.questions.pop().expect("a question");
            before.answers.remove(&last);
            assert!(!quiz.sure(&before));
        }
        assert!(
            shown
                .last()
                .is_some_and(|s| s.contains("more question(s) the verdict is")),
            "{shown:?}"
        );
    }

    #[test]
    fn the_text_wraps_at_word_boundaries() {
        let text = "Which header makes a conditional GET with If-None-Match work, and why?";
        let lines = crate::ui::wrap(text, 24, "");
        assert!(lines.iter().all(|l| l.chars().count() <= 24), "{lines:?}");
        assert_eq!(lines.join(" "), text);
        assert!(lines.iter().any(|l| l.contains("If-None-Match")));
        // A word longer than the line keeps its own line, whole.
        let long =
            "see https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/If-None-Match now";
        let lines = crate::ui::wrap(long, 30, "");
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines[1].starts_with("https://") && lines[1].ends_with("If-None-Match"));
    }
}
