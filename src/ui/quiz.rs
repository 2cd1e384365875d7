//! The quiz: which questions, in which order, with which option order; asking them through a
//! [`Prompter`] and recording the answers in a [`Session`].

use anyhow::Result;

use super::prompter::{ANSWERS_SAVED, Interrupted, Prompter, QuestionView};
use super::session::{SESSION_SCHEMA_VERSION, Session};
use crate::catalog::{Catalog, Question, QuestionKind, Template};
use crate::error::Error;
use crate::questionnaire::{pick_questions, required_skills};
use crate::results::{self, Results};
use crate::sheet::{AnswerSheet, AnswerValue, score_answer};

/// How long the quiz is: tested questions per skill, and whether experience questions are asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Length {
    Quick,
    Standard,
    Thorough,
}

impl Length {
    fn per_skill(self) -> usize {
        match self {
            Length::Quick => 2,
            Length::Standard => 4,
            Length::Thorough => 7,
        }
    }

    fn with_experience(self) -> bool {
        self != Length::Quick
    }
}

/// The generalist template whose skills "not sure yet" assesses.
const CORE_TEMPLATE: &str = "junior-backend";

/// The templates whose skills the quiz asks about: the targets, or, when the target is every
/// template ("not sure yet"), only the core template, so the quiz stays short.
pub fn asked_templates<'c>(catalog: &'c Catalog, targets: &[&'c Template]) -> Vec<&'c Template> {
    let all = targets.len() > 1 && targets.len() == catalog.templates.len();
    match catalog.template(CORE_TEMPLATE) {
        Ok(core) if all => vec![core],
        _ => targets.to_vec(),
    }
}

pub struct Quiz<'c> {
    catalog: &'c Catalog,
    templates: Vec<&'c Template>,
    questions: Vec<&'c Question>,
    seed: u64,
}

/// How a run ended.
pub struct RunOutcome {
    pub interrupted: bool,
    /// Tested questions answered wrong or "I don't know", for the review.
    pub missed: Vec<String>,
}

impl<'c> Quiz<'c> {
    /// Plans a new quiz for the templates. With every template ("not sure yet"), only the core
    /// template's skills are asked, so the quiz stays short. `chosen` are the alternatives of
    /// `any_of` requirements the user picked; the others are not asked.
    pub fn plan(
        catalog: &'c Catalog,
        template_ids: &[String],
        chosen: &[String],
        length: Length,
        seed: u64,
    ) -> Result<Quiz<'c>, Error> {
        let templates = template_ids
            .iter()
            .map(|id| catalog.template(id))
            .collect::<Result<Vec<_>, _>>()?;
        let asked = asked_templates(catalog, &templates);
        let alternatives: Vec<&str> = asked
            .iter()
            .flat_map(|t| {
                t.requirements
                    .iter()
                    .flat_map(|r| r.any_of.iter().map(String::as_str))
            })
            .collect();
        let skills: Vec<&str> = required_skills(catalog, &asked)
            .into_iter()
            .filter(|s| !alternatives.contains(s) || chosen.iter().any(|c| c == s))
            .collect();
        let mut questions = pick_questions(catalog, &skills, length.per_skill());
        if !length.with_experience() {
            questions.retain(|q| q.kind.is_tested());
        }
        Ok(Quiz {
            catalog,
            templates,
            questions,
            seed,
        })
    }

    pub fn into_session(self, catalog: &Catalog) -> Session {
        Session {
            schema_version: SESSION_SCHEMA_VERSION,
            catalog_fingerprint: catalog.fingerprint.clone(),
            templates: self.templates.iter().map(|t| t.id.clone()).collect(),
            seed: self.seed,
            questions: self.questions.iter().map(|q| q.id.clone()).collect(),
            answers: Default::default(),
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
        Ok(Quiz {
            catalog,
            templates,
            questions,
            seed: session.seed,
        })
    }

    pub fn len(&self) -> usize {
        self.questions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.questions.is_empty()
    }

    /// A rough duration: 30 s a tested question, 10 s a self-report.
    pub fn minutes(&self) -> usize {
        let seconds: usize = self
            .questions
            .iter()
            .map(|q| if q.kind.is_tested() { 30 } else { 10 })
            .sum();
        seconds.div_ceil(60).max(1)
    }

    /// The view of question `index`: where it is, and its shuffled options.
    fn view(&self, index: usize) -> QuestionView<'c> {
        let question = self.questions[index];
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
            total: self.questions.len(),
            area,
            skill: skill.map_or(question.skill.as_str(), |s| s.name.as_str()),
            question,
            order,
        }
    }

    /// Asks every question not yet answered, saving after each answer.
    pub fn run(
        &self,
        session: &mut Session,
        prompter: &mut dyn Prompter,
        feedback: bool,
        save: &mut dyn FnMut(&Session) -> Result<(), Error>,
    ) -> Result<RunOutcome> {
        for index in 0..self.questions.len() {
            let question = self.questions[index];
            if session.answers.contains_key(&question.id) {
                continue;
            }
            let answer = match prompter.ask(&self.view(index)) {
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
            session.answers.insert(question.id.clone(), answer);
            save(session)?;
            ANSWERS_SAVED.store(session.answers.len(), std::sync::atomic::Ordering::SeqCst);
        }
        Ok(RunOutcome {
            interrupted: false,
            missed: self.missed(session),
        })
    }

    fn missed(&self, session: &Session) -> Vec<String> {
        self.questions
            .iter()
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

/// A permutation of `0..n` from `seed` (SplitMix64 and Fisher–Yates): hand-written so a seed
/// gives the same order in every version, which `--seed` and `--resume` rely on.
pub fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shuffles_are_permutations_and_reproducible() {
        let a = shuffled(5, 42);
        let mut sorted = a.clone();
        sorted.sort();
        assert_eq!(sorted, vec![0, 1, 2, 3, 4]);
        assert_eq!(a, shuffled(5, 42));
        let differs = (0..20).any(|seed| shuffled(5, seed) != a);
        assert!(differs);
    }
}
