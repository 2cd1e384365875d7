//! The assessment in progress, saved after every answer (by the caller's save callback, see
//! [`crate::store::Store`]) so nothing is lost.

use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::prompter::TerminalPrompter;
use crate::adaptive::quiz::AdaptivePlan;
use crate::catalog::Template;
use crate::sheet::{AnswerValue, Profile};

/// 2: the adaptive quiz (`adaptive`), the profile and custom templates; version 1 sessions
/// still load (they are fixed-order quizzes).
pub const SESSION_SCHEMA_VERSION: u32 = 2;

/// Everything needed to continue an assessment exactly where it stopped.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub schema_version: u32,
    pub catalog_fingerprint: String,
    pub templates: Vec<String>,
    pub seed: u64,
    /// The questions in the order they are asked.
    pub questions: Vec<String>,
    pub answers: BTreeMap<String, AnswerValue>,
    /// The adaptive quiz's plan; its questions are then chosen as it goes, and `questions`
    /// lists those answered so far. Absent for the fixed order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adaptive: Option<AdaptivePlan>,
    /// The learner's situation, asked before the quiz (absent when skipped).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
    /// Templates the catalog does not hold (extracted from a posting), so `--resume` has them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom_templates: Vec<Template>,
    /// Right/wrong and the explanation after each answer (`--feedback`), kept for `--resume`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub feedback: bool,
    /// The adaptive quiz's budget before the learner chose to continue it (the verdict was not
    /// yet 90 % sure); it then stops as soon as the verdict is sure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extended_from: Option<usize>,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// A seed for shuffling when the user gives none.
pub fn seed_from_clock() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
}

/// A saved, interrupted session as the prompt and messages show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedSession {
    /// What `--resume ID` takes.
    pub id: String,
    pub answers: usize,
    pub templates: Vec<String>,
    /// When the last answer was saved, e.g. `2026-11-21 18:04 UTC`.
    pub saved: String,
}

impl SavedSession {
    /// `8 answers for junior-backend, saved 2026-11-21 18:04 UTC (ID 2026-...)`.
    pub fn describe(&self) -> String {
        let templates = if self.templates.is_empty() {
            String::new()
        } else {
            format!(" for {}", self.templates.join(", "))
        };
        format!(
            "{} answer(s){templates}, saved {} (ID {})",
            self.answers, self.saved, self.id
        )
    }
}

/// What to do about interrupted sessions before a new one starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WhenInterrupted {
    Resume(String),
    /// Start a new session; the interrupted ones are kept as backups.
    StartOver,
    Quit,
}

/// Asks on the terminal (stderr) what to do about `found` (latest first); Esc or Ctrl-C quits.
pub fn ask_about_interrupted(
    found: &[SavedSession],
    prompter: &TerminalPrompter,
) -> WhenInterrupted {
    const SHOWN: usize = 5;
    let mut items: Vec<String> = match found {
        [only] => vec![format!("Resume it ({})", only.describe())],
        _ => found
            .iter()
            .take(SHOWN)
            .map(|s| format!("Resume {}", s.describe()))
            .collect(),
    };
    let resumable = items.len();
    items.push("Start over (the saved answers are kept as a backup)".into());
    items.push("Quit".into());
    let prompt = match found.len() {
        1 => "An assessment was interrupted. What now?".to_string(),
        n => format!("{n} assessments were interrupted. What now?"),
    };
    let labels: Vec<&str> = items.iter().map(String::as_str).collect();
    match prompter.select(&prompt, &labels, 0, None) {
        Ok(i) if i < resumable => WhenInterrupted::Resume(found[i].id.clone()),
        Ok(i) if i == resumable => WhenInterrupted::StartOver,
        _ => WhenInterrupted::Quit,
    }
}
