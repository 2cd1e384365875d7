//! The prompts, behind one trait: dialoguer for people, a scripted prompter (from an answer
//! sheet) for `--answers` and tests.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use console::Term;
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Input, MultiSelect, Select};

use super::quiz::Target;
use crate::catalog::{Catalog, Question, QuestionKind, Structure};
use crate::date::Date;
use crate::sheet::{AnswerSheet, AnswerValue, DONT_KNOW, Preference, Profile};

/// The user stopped (Ctrl-C, Esc) at a prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interrupted;

/// One question as the quiz presents it.
pub struct QuestionView<'q> {
    pub number: usize,
    pub total: usize,
    pub area: &'q str,
    pub skill: &'q str,
    pub question: &'q Question,
    /// The options' indices in the order to show them (shuffled).
    pub order: Vec<usize>,
}

impl QuestionView<'_> {
    /// `[7/30] Databases › SQL fundamentals`.
    pub fn heading(&self) -> String {
        format!(
            "[{}/{}] {} › {}",
            self.number, self.total, self.area, self.skill
        )
    }
}

pub trait Prompter {
    /// What to assess for: some templates, or "not sure yet".
    fn choose_templates(&mut self, catalog: &Catalog) -> Result<Target, Interrupted>;
    /// Which of a requirement's alternatives (`any_of`, e.g. languages) to be assessed on; at
    /// least one.
    fn choose_alternatives(
        &mut self,
        catalog: &Catalog,
        alternatives: &[String],
    ) -> Result<Vec<String>, Interrupted>;
    /// The answer to one question.
    fn ask(&mut self, view: &QuestionView<'_>) -> Result<AnswerValue, Interrupted>;
    fn confirm(&mut self, prompt: &str) -> Result<bool, Interrupted>;
    /// The learner's situation for the study plan; `None` when they skip it.
    fn profile(&mut self) -> Result<Option<Profile>, Interrupted>;
    /// A message for the user (stderr for people, nowhere for scripts).
    fn show(&mut self, text: &str);
}

/// What the Ctrl-C handler needs to know, shared with the command that saves the answers: how
/// many are saved, and whether the quiz already reported the interruption (then the handler
/// stays quiet).
#[derive(Debug, Default)]
pub struct InterruptState {
    pub answers_saved: AtomicUsize,
    pub reported: AtomicBool,
}

/// On Ctrl-C outside a prompt's own key handling: restore the cursor dialoguer hid, say what was
/// saved (in `saved_in`) and how to continue, exit 130. Answers are saved as they are given, so
/// nothing else is needed.
pub fn install_interrupt_handler(saved_in: &Path, state: Arc<InterruptState>) {
    let root = saved_in.display().to_string();
    let _ = ctrlc::set_handler(move || {
        let _ = Term::stderr().show_cursor();
        if !state.reported.swap(true, Ordering::SeqCst) {
            eprintln!(
                "\nInterrupted: {} answer(s) saved in {root}. Continue with `skillgap assess --resume`.",
                state.answers_saved.load(Ordering::SeqCst)
            );
        }
        std::process::exit(i32::from(crate::error::exit::INTERRUPTED));
    });
}

pub struct DialoguerPrompter {
    term: Term,
    theme: ColorfulTheme,
}

impl DialoguerPrompter {
    pub fn new() -> Self {
        DialoguerPrompter {
            term: Term::stderr(),
            theme: ColorfulTheme::default(),
        }
    }

    fn body(&self, view: &QuestionView<'_>) {
        let question = view.question;
        let _ = self.term.write_line("");
        let _ = self
            .term
            .write_line(&console::style(view.heading()).dim().to_string());
        let _ = self.term.write_line(question.prompt.trim());
        if let Some(code) = &question.code {
            let _ = self.term.write_line("");
            for line in code.trim_end().lines() {
                let _ = self
                    .term
                    .write_line(&format!("    {}", console::style(line).cyan()));
            }
        }
    }
}

impl Default for DialoguerPrompter {
    fn default() -> Self {
        Self::new()
    }
}

/// dialoguer's result: `None` (Esc) or an error (Ctrl-C as a key) both mean "stop".
fn stop_on<T>(result: dialoguer::Result<Option<T>>) -> Result<T, Interrupted> {
    match result {
        Ok(Some(value)) => Ok(value),
        _ => {
            let _ = Term::stderr().show_cursor();
            Err(Interrupted)
        }
    }
}

impl Prompter for DialoguerPrompter {
    fn choose_templates(&mut self, catalog: &Catalog) -> Result<Target, Interrupted> {
        let mut items: Vec<String> = catalog
            .templates
            .iter()
            .map(|t| format!("{} ({})", t.title, t.level.as_str()))
            .collect();
        items.push("Not sure yet: assess the core skills and show the best matches".into());
        let choice = stop_on(
            Select::with_theme(&self.theme)
                .with_prompt("Which job do you want to be ready for?")
                .items(&items)
                .default(0)
                .interact_on_opt(&self.term),
        )?;
        Ok(match catalog.templates.get(choice) {
            Some(template) => Target::Templates(vec![template.id.clone()]),
            None => Target::NotSureYet,
        })
    }

    fn choose_alternatives(
        &mut self,
        catalog: &Catalog,
        alternatives: &[String],
    ) -> Result<Vec<String>, Interrupted> {
        let names: Vec<&str> = alternatives
            .iter()
            .map(|id| catalog.skill(id).map_or(id.as_str(), |s| s.name.as_str()))
            .collect();
        let chosen = stop_on(
            MultiSelect::with_theme(&self.theme)
                .with_prompt("Any one of these will do for the job. Which do you use? (Space to mark, Enter to confirm)")
                .items(&names)
                .interact_on_opt(&self.term),
        )?;
        Ok(match chosen.as_slice() {
            [] => alternatives.iter().take(1).cloned().collect(),
            _ => chosen.iter().map(|&i| alternatives[i].clone()).collect(),
        })
    }

    fn ask(&mut self, view: &QuestionView<'_>) -> Result<AnswerValue, Interrupted> {
        self.body(view);
        let question = view.question;
        let options: Vec<&str> = view
            .order
            .iter()
            .map(|&i| question.options[i].text.trim())
            .collect();
        if question.kind == QuestionKind::Multi {
            let chosen = stop_on(
                MultiSelect::with_theme(&self.theme)
                    .with_prompt(format!(
                        "{} Select all that apply (Space to mark, Enter to confirm; none marked = I don't know)",
                        view.heading()
                    ))
                    .items(&options)
                    .interact_on_opt(&self.term),
            )?;
            if chosen.is_empty() {
                return Ok(AnswerValue::One(DONT_KNOW.into()));
            }
            let mut ids: Vec<String> = chosen
                .iter()
                .map(|&i| question.options[view.order[i]].id.clone())
                .collect();
            ids.sort();
            return Ok(AnswerValue::Many(ids));
        }
        let mut items = options;
        let dont_know = if question.kind == QuestionKind::Experience {
            "Skip"
        } else {
            "I don't know"
        };
        items.push(dont_know);
        let choice = stop_on(
            Select::with_theme(&self.theme)
                .with_prompt(view.heading())
                .items(&items)
                .default(0)
                .interact_on_opt(&self.term),
        )?;
        Ok(match view.order.get(choice) {
            Some(&i) => AnswerValue::One(question.options[i].id.clone()),
            None if question.kind == QuestionKind::Experience => AnswerValue::One(String::new()),
            None => AnswerValue::One(DONT_KNOW.into()),
        })
    }

    fn confirm(&mut self, prompt: &str) -> Result<bool, Interrupted> {
        stop_on(
            Confirm::with_theme(&self.theme)
                .with_prompt(prompt)
                .default(true)
                .interact_on_opt(&self.term),
        )
    }

    fn profile(&mut self) -> Result<Option<Profile>, Interrupted> {
        let _ = self.term.write_line("");
        if !self.confirm(
            "Six short questions about your time, budget and goals make the study plan fit you. Answer them? (No skips them)",
        )? {
            return Ok(None);
        }
        let hours = self.number("Hours per week you can study", Some("10"), 0.5, 168.0)?;
        let budget = self.number(
            "Budget for learning in US dollars (0 = free material only; empty = not sure)",
            None,
            0.0,
            f64::MAX,
        )?;
        let deadline = self.deadline()?;
        let wants_credential = self.pick(
            "Do you want a credential employers recognise (certificate, certification, degree)?",
            &[
                ("Yes", Some(true)),
                ("No", Some(false)),
                ("Does not matter", None),
            ],
        )?;
        let structure = self.pick(
            "How do you like to learn?",
            &[
                (
                    "Structured: set pace, teachers, deadlines",
                    Some(Structure::Structured),
                ),
                (
                    "Self-directed: my own pace and choices",
                    Some(Structure::SelfDirected),
                ),
                ("A mix of both", Some(Structure::Mixed)),
                ("No preference", None),
            ],
        )?;
        let wishes = [
            Preference::InPerson,
            Preference::Mentor,
            Preference::Peers,
            Preference::CareerServices,
            Preference::Video,
            Preference::Reading,
            Preference::Projects,
        ];
        let marked = stop_on(
            MultiSelect::with_theme(&self.theme)
                .with_prompt(
                    "Anything else you want? (Space to mark, Enter to confirm; none is fine)",
                )
                .items([
                    "Learning in person",
                    "A mentor",
                    "Fellow learners",
                    "Help finding a job",
                    "Video courses",
                    "Books and documentation",
                    "Learning by building projects",
                ])
                .interact_on_opt(&self.term),
        )?;
        Ok(Some(Profile {
            hours_per_week: hours,
            budget_usd: budget,
            deadline,
            wants_credential,
            structure,
            preferences: marked
                .iter()
                .filter_map(|&i| wishes.get(i).copied())
                .collect(),
            ..Profile::default()
        }))
    }

    fn show(&mut self, text: &str) {
        let _ = self.term.write_line(text);
    }
}

impl DialoguerPrompter {
    /// A number in `[low, high]`; empty gives `None` unless there is a default.
    fn number(
        &self,
        prompt: &str,
        default: Option<&str>,
        low: f64,
        high: f64,
    ) -> Result<Option<f64>, Interrupted> {
        let mut input = Input::<String>::with_theme(&self.theme)
            .with_prompt(prompt)
            .allow_empty(true)
            .validate_with(move |text: &String| -> Result<(), String> {
                let text = text.trim();
                if text.is_empty() {
                    return Ok(());
                }
                match text.replace(['$', ','], "").parse::<f64>() {
                    Ok(value) if (low..=high).contains(&value) => Ok(()),
                    _ if high < f64::MAX => Err(format!("type a number from {low} to {high}")),
                    _ => Err(format!("type a number, {low} or more")),
                }
            });
        if let Some(default) = default {
            input = input.default(default.to_string());
        }
        let text = input
            .interact_text_on(&self.term)
            .map_err(|_| Interrupted)?;
        Ok(text.trim().replace(['$', ','], "").parse::<f64>().ok())
    }

    fn deadline(&self) -> Result<Option<Date>, Interrupted> {
        let today = Date::today();
        let text = Input::<String>::with_theme(&self.theme)
            .with_prompt("Date you want to be job-ready by (YYYY-MM-DD; empty = none)")
            .allow_empty(true)
            .validate_with(move |text: &String| -> Result<(), String> {
                let text = text.trim();
                if text.is_empty() {
                    return Ok(());
                }
                match text.parse::<Date>() {
                    Ok(date) if date > today => Ok(()),
                    Ok(_) => Err("give a date after today".to_string()),
                    Err(error) => Err(error.to_string()),
                }
            })
            .interact_text_on(&self.term)
            .map_err(|_| Interrupted)?;
        Ok(text.trim().parse().ok())
    }

    fn pick<T: Copy>(&self, prompt: &str, choices: &[(&str, T)]) -> Result<T, Interrupted> {
        let labels: Vec<&str> = choices.iter().map(|(label, _)| *label).collect();
        let index = stop_on(
            Select::with_theme(&self.theme)
                .with_prompt(prompt)
                .items(&labels)
                .default(0)
                .interact_on_opt(&self.term),
        )?;
        Ok(choices[index].1)
    }
}

/// Answers from a sheet: the quiz asks, the sheet answers (blank when it has no answer).
pub struct ScriptedPrompter {
    sheet: AnswerSheet,
}

impl ScriptedPrompter {
    pub fn new(sheet: AnswerSheet) -> Self {
        ScriptedPrompter { sheet }
    }
}

impl Prompter for ScriptedPrompter {
    fn choose_templates(&mut self, _catalog: &Catalog) -> Result<Target, Interrupted> {
        if self.sheet.templates.is_empty() {
            Err(Interrupted)
        } else {
            Ok(Target::Templates(self.sheet.templates.clone()))
        }
    }

    /// The alternatives the sheet has answers for (the first when none).
    fn choose_alternatives(
        &mut self,
        catalog: &Catalog,
        alternatives: &[String],
    ) -> Result<Vec<String>, Interrupted> {
        let answered: Vec<String> = alternatives
            .iter()
            .filter(|skill| {
                self.sheet
                    .answers
                    .keys()
                    .any(|id| catalog.question(id).is_some_and(|q| &&q.skill == skill))
            })
            .cloned()
            .collect();
        Ok(if answered.is_empty() {
            alternatives.iter().take(1).cloned().collect()
        } else {
            answered
        })
    }

    fn ask(&mut self, view: &QuestionView<'_>) -> Result<AnswerValue, Interrupted> {
        Ok(self
            .sheet
            .answers
            .get(&view.question.id)
            .cloned()
            .unwrap_or_else(|| AnswerValue::One(String::new())))
    }

    fn confirm(&mut self, _prompt: &str) -> Result<bool, Interrupted> {
        Ok(false)
    }

    fn profile(&mut self) -> Result<Option<Profile>, Interrupted> {
        Ok(self.sheet.profile.clone())
    }

    fn show(&mut self, _text: &str) {}
}
