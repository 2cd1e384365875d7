//! Answer sheets: a candidate's answers by question id, in JSON or TOML.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Question, QuestionKind, Structure};
use crate::date::Date;
use crate::error::Error;

/// The answer a candidate gives to say "I don't know" (scored as wrong, shown as such).
pub const DONT_KNOW: &str = "?";

/// One answer: an option id, several option ids (multi), `"?"` for "I don't know", or `""`
/// (or `[]`) for a question left blank, which is not counted at all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum AnswerValue {
    One(String),
    Many(Vec<String>),
}

impl AnswerValue {
    /// An empty string or list: the question was left blank (a blank questionnaire sheet).
    pub fn is_unanswered(&self) -> bool {
        match self {
            AnswerValue::One(id) => id.is_empty(),
            AnswerValue::Many(ids) => ids.is_empty(),
        }
    }

    pub fn is_dont_know(&self) -> bool {
        matches!(self, AnswerValue::One(id) if id == DONT_KNOW)
    }

    /// The option ids chosen (empty for "I don't know").
    pub fn chosen(&self) -> Vec<&str> {
        match self {
            AnswerValue::One(id) if id == DONT_KNOW => Vec::new(),
            AnswerValue::One(id) => vec![id.as_str()],
            AnswerValue::Many(ids) => ids.iter().map(String::as_str).collect(),
        }
    }
}

/// What a learner tells about their situation; feeds the pathway recommendations.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_per_week: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_usd: Option<f64>,
    /// Target date, `YYYY-MM-DD`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "deadline_field"
    )]
    pub deadline: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wants_credential: Option<bool>,
    /// Credentials already held ("bachelor-degree", "aws-certified-developer", ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credentials_held: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub structure: Option<Structure>,
    /// How the learner likes to learn; each one counts for or against a pathway.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preferences: Vec<Preference>,
}

/// A learning preference, as `preferences` in a profile and `--prefer` spell it. The aliases are
/// the other spellings the free-form field used to recognise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Preference {
    /// Taught in a classroom.
    #[serde(alias = "in person", alias = "classroom")]
    InPerson,
    /// Taught online or remotely.
    #[serde(alias = "remote")]
    Online,
    /// A mentor to ask.
    #[serde(alias = "mentoring", alias = "mentors")]
    Mentor,
    /// Fellow learners, a cohort.
    #[serde(alias = "peer", alias = "group")]
    Peers,
    /// Help finding a job.
    #[serde(alias = "career services", alias = "career", alias = "job-help")]
    CareerServices,
    /// Recorded lectures and video courses.
    #[serde(alias = "videos")]
    Video,
    /// Books and documentation.
    #[serde(alias = "books")]
    Reading,
    /// Learning by building projects.
    #[serde(alias = "project", alias = "hands-on")]
    Projects,
}

impl Preference {
    /// The name as written in a profile (`career-services`).
    pub fn as_str(self) -> &'static str {
        match self {
            Preference::InPerson => "in-person",
            Preference::Online => "online",
            Preference::Mentor => "mentor",
            Preference::Peers => "peers",
            Preference::CareerServices => "career-services",
            Preference::Video => "video",
            Preference::Reading => "reading",
            Preference::Projects => "projects",
        }
    }
}

impl std::fmt::Display for Preference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `deadline` as a date, with an error that names the field (serde's own does not).
fn deadline_field<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Date>, D::Error> {
    let text = Option::<String>::deserialize(deserializer)?;
    text.map(|text| {
        text.parse()
            .map_err(|e| serde::de::Error::custom(format!("deadline: {e}")))
    })
    .transpose()
}

/// An answer sheet.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerSheet {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_version: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub candidate: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
    /// Templates the candidate targets; `score --template` overrides them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub templates: Vec<String>,
    #[serde(default)]
    pub answers: BTreeMap<String, AnswerValue>,
}

/// Why a sheet could not be read or scored.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SheetError {
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "the sheet is empty; write a JSON object such as {{\"answers\": {{\"<question id>\": \"b\"}}}}"
    )]
    Empty,
    #[error("{}", problems.join("; "))]
    Answers { problems: Vec<String> },
}

/// The format of a sheet's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetFormat {
    Json,
    Toml,
}

impl SheetFormat {
    /// By file extension; JSON when it starts with `{`, TOML otherwise.
    pub fn guess(name: &str, text: &str) -> SheetFormat {
        let json = name.ends_with(".json")
            || name.ends_with(".jsonl")
            || (!name.ends_with(".toml") && text.trim_start().starts_with('{'));
        if json {
            SheetFormat::Json
        } else {
            SheetFormat::Toml
        }
    }
}

/// Parses a sheet or a profile, with the position of the first syntax error.
pub fn parse_document<T: serde::de::DeserializeOwned>(
    text: &str,
    format: SheetFormat,
) -> Result<T, SheetError> {
    if text.trim().is_empty() {
        return Err(SheetError::Empty);
    }
    match format {
        SheetFormat::Json => serde_json::from_str(text).map_err(|e| SheetError::Syntax {
            line: e.line(),
            column: e.column(),
            message: strip_position(&e.to_string()),
        }),
        SheetFormat::Toml => toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map_or((1, 1), |s| crate::diagnostic::line_column(text, s.start));
            SheetError::Syntax {
                line,
                column,
                message: e.message().trim_end().to_string(),
            }
        }),
    }
}

/// How a profile's fields are named in messages: as sheet fields or as command-line flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldNames {
    /// In an answer sheet: `profile.deadline`.
    Sheet,
    /// In a profile file of its own: `deadline`.
    File,
    /// On the command line: `--deadline`.
    Flags,
}

impl FieldNames {
    fn name(self, field: &str) -> String {
        match (self, field) {
            (FieldNames::Sheet, _) => format!("profile.{field}"),
            (FieldNames::File, _) => field.to_string(),
            (FieldNames::Flags, "budget_usd") => "--budget".to_string(),
            (FieldNames::Flags, _) => format!("--{}", field.replace('_', "-")),
        }
    }
}

/// Reads a sheet or a profile file (JSON or TOML, by extension or content); errors name the file.
pub fn read_document<T: serde::de::DeserializeOwned>(path: &std::path::Path) -> Result<T, Error> {
    let text = crate::files::read_text(path)?;
    let name = path.display().to_string();
    parse_document(&text, SheetFormat::guess(&name, &text))
        .map_err(|e| Error::InvalidInput(format!("{name}: {e}")))
}

impl Profile {
    /// Reads a profile file (TOML or JSON, the fields of an answer sheet's `profile`).
    pub fn read(path: &std::path::Path) -> Result<Profile, Error> {
        let profile: Profile = read_document(path)?;
        let problems = profile.problems(FieldNames::File);
        if !problems.is_empty() {
            return Err(Error::InvalidInput(format!(
                "{}: {}",
                path.display(),
                problems.join("; ")
            )));
        }
        Ok(profile)
    }

    /// What is wrong with the profile's values, each naming its field.
    pub fn problems(&self, names: FieldNames) -> Vec<String> {
        let mut problems = Vec::new();
        if let Some(hours) = self.hours_per_week
            && !(hours.is_finite() && hours > 0.0 && hours <= 168.0)
        {
            problems.push(format!(
                "{} {hours}: give the hours you can study in a week, more than 0 and at most 168",
                names.name("hours_per_week")
            ));
        }
        if let Some(budget) = self.budget_usd
            && !(budget.is_finite() && budget >= 0.0)
        {
            problems.push(format!(
                "{} {budget}: give a total in US dollars, 0 or more",
                names.name("budget_usd")
            ));
        }
        problems
    }
}

impl AnswerSheet {
    pub fn parse(text: &str, format: SheetFormat) -> Result<AnswerSheet, SheetError> {
        parse_document(text, format)
    }

    /// Checks every answer against the catalog: known question, options that exist, the right
    /// number of them. Lists every problem at once.
    pub fn check(&self, catalog: &Catalog) -> Result<(), SheetError> {
        let mut problems: Vec<String> = self
            .answers
            .iter()
            .filter(|(_, answer)| !answer.is_unanswered())
            .filter_map(|(id, answer)| match catalog.question(id) {
                None => Some(format!("`{id}` is not a question of this catalog")),
                Some(question) => answer_problem(question, answer),
            })
            .collect();
        if let Some(profile) = &self.profile {
            problems.extend(profile.problems(FieldNames::Sheet));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(SheetError::Answers { problems })
        }
    }
}

fn answer_problem(question: &Question, answer: &AnswerValue) -> Option<String> {
    let id = &question.id;
    let known: Vec<&str> = question.options.iter().map(|o| o.id.as_str()).collect();
    if matches!(answer, AnswerValue::Many(_)) && question.kind != QuestionKind::Multi {
        return Some(format!(
            "`{id}` takes one option id, not a list (it is a {} question)",
            question.kind.as_str()
        ));
    }
    let unknown: Vec<&str> = answer
        .chosen()
        .into_iter()
        .filter(|choice| !known.contains(choice))
        .collect();
    if unknown.is_empty() {
        None
    } else {
        Some(format!(
            "`{id}`: {} not an option (options: {}; \"{DONT_KNOW}\" means \"I don't know\")",
            unknown
                .iter()
                .map(|u| format!("`{u}`"))
                .collect::<Vec<_>>()
                .join(", "),
            known.join(", ")
        ))
    }
}

/// serde_json appends " at line L column C"; the caller shows the position itself.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// The score of one answer to one question: 1 right, 0 wrong or "I don't know", a scenario's or
/// experience question's credit. A multi question is right only with exactly the correct set.
pub fn score_answer(question: &Question, answer: &AnswerValue) -> f64 {
    let chosen = answer.chosen();
    match question.kind {
        QuestionKind::Choice => f64::from(u8::from(
            chosen.len() == 1 && question.answer.as_deref() == Some(chosen[0]),
        )),
        QuestionKind::Multi => {
            let mut chosen: Vec<&str> = chosen;
            chosen.sort_unstable();
            chosen.dedup();
            let mut key: Vec<&str> = question.answers.iter().map(String::as_str).collect();
            key.sort_unstable();
            f64::from(u8::from(!chosen.is_empty() && chosen == key))
        }
        QuestionKind::Scenario | QuestionKind::Experience => chosen
            .first()
            .and_then(|c| question.options.iter().find(|o| o.id == *c))
            .and_then(|o| o.credit)
            .unwrap_or(0.0),
    }
}
