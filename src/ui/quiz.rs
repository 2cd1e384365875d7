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
                Some(Asked { question, score })
            })
            .collect()
    }

    /// The view of the question at `index`: where it is, and its shuffled options.
    fn view(&self, index: usize, question: &'c Question) -> QuestionView<'c> {
        let skill = self.catalog.skill(&question.skill);
        let area = skill
            .and_then(|s| self.catalog.area(&s.area))
            .map_or("", |a| a.name.as_str());
        let order = if question.kind == QuestionKind::Experience {
            // Experience options are a scale; keep them in order.
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
    /// where, if anywhere, a session is kept).
    pub fn run(
        &self,
        session: &mut Session,
        prompter: &mut dyn Prompter,
        feedback: bool,
        save: &mut dyn FnMut(&Session) -> Result<(), Error>,
    ) -> Result<RunOutcome> {
        while let Some((index, question)) = self.next(session) {
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
        Ok(RunOutcome {
            interrupted: false,
            missed: self.missed(session),
        })
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

    /// Offers a review of the missed questions with their explanations.
    pub fn offer_review(&self, prompter: &mut dyn Prompter, missed: &[String]) {
        let prompt = format!(
            "Review the {} question(s) you missed, with explanations?",
            missed.len()
        );
        if !matches!(prompter.confirm(&prompt), Ok(true)) {
            return;
        }
        for id in missed {
            if let Some(question) = self.catalog.question(id) {
                prompter.show(&format!(
                    "\n{}\n{}",
                    question.prompt.trim(),
                    correct_text(question)
                ));
            }
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

        fn confirm(&mut self, _: &str) -> Result<bool, Interrupted> {
            Ok(false)
        }

        fn show(&mut self, _: &str) {}
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
        let quiz = Quiz::from_session(catalog, session).expect("quiz");
        let mut prompter = Candidate { remaining: answers };
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
}
