//! Answer sheets: a candidate's answers by question id, in JSON or TOML.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Question, QuestionKind, Structure};
use crate::date::Date;
use crate::error::Error;
use crate::files::Limit;

/// The answer a candidate gives to say "I don't know" (scored as wrong, shown as such).
pub const DONT_KNOW: &str = "?";

/// One answer: an option id, several option ids (multi), `"?"` for "I don't know", or `""`
/// (or `[]`) for a question left blank, which is not counted at all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum AnswerValue {
    One(String),
    Many(Vec<String>),
}

/// What an answer may be, in the words of the messages.
const ANSWER_EXPECTED: &str =
    "an option id (\"b\"), a list of option ids ([\"a\", \"c\"]), \"?\" or \"\"";

/// By hand rather than `untagged`, whose message names the Rust type ("did not match any variant
/// of untagged enum AnswerValue").
impl<'de> Deserialize<'de> for AnswerValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = AnswerValue;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(ANSWER_EXPECTED)
            }

            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<AnswerValue, E> {
                Ok(AnswerValue::One(value.to_string()))
            }

            fn visit_string<E: serde::de::Error>(self, value: String) -> Result<AnswerValue, E> {
                Ok(AnswerValue::One(value))
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<AnswerValue, A::Error> {
                let mut ids = Vec::new();
                while let Some(item) = seq.next_element::<serde_json::Value>()? {
                    match item {
                        serde_json::Value::String(id) => ids.push(id),
                        other => {
                            return Err(serde::de::Error::custom(format!(
                                "a list of option ids holds only strings such as \"a\", not {}",
                                plain_json(&other)
                            )));
                        }
                    }
                }
                Ok(AnswerValue::Many(ids))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A JSON value named in plain words for a message: "the number 1", "a list".
fn plain_json(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => "null".to_string(),
        serde_json::Value::Bool(b) => format!("{b}"),
        serde_json::Value::Number(n) => format!("the number {n}"),
        serde_json::Value::String(s) => format!("\"{}\"", crate::sanitize::quote(s)),
        serde_json::Value::Array(_) => "a list".to_string(),
        serde_json::Value::Object(_) => "an object".to_string(),
    }
}

/// Hours of study a week a plan accepts: at least 1, at most 100.
pub const HOURS_PER_WEEK: std::ops::RangeInclusive<f64> = 1.0..=100.0;

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
    pub fn chosen(&self) -> &[String] {
        match self {
            AnswerValue::One(id) if id == DONT_KNOW => &[],
            AnswerValue::One(id) => std::slice::from_ref(id),
            AnswerValue::Many(ids) => ids,
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

/// The answers of a sheet, refusing a question answered twice (JSON allows the key twice, and
/// which answer would count is not what the person meant to say).
fn unique_answers<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, AnswerValue>, D::Error> {
    struct Unique;
    impl<'de> serde::de::Visitor<'de> for Unique {
        type Value = BTreeMap<String, AnswerValue>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a map")
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut answers = BTreeMap::new();
            while let Some((id, answer)) = map.next_entry::<String, AnswerValue>()? {
                if answers.contains_key(&id) {
                    return Err(serde::de::Error::custom(format!(
                        "question `{}` is answered twice; keep one answer",
                        crate::sanitize::quote(&id)
                    )));
                }
                answers.insert(id, answer);
            }
            Ok(answers)
        }
    }
    deserializer.deserialize_map(Unique)
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
    #[serde(default, deserialize_with = "unique_answers")]
    #[schemars(with = "BTreeMap<String, AnswerValue>")]
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
    #[error(
        "the profile file is empty; write its fields, such as hours_per_week = 10 (TOML) or {{\"hours_per_week\": 10}} (JSON)"
    )]
    EmptyProfile,
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
            message: plain_words(&strip_position(&e.to_string())),
        }),
        SheetFormat::Toml => toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map_or((1, 1), |s| crate::diagnostic::line_column(text, s.start));
            SheetError::Syntax {
                line,
                column,
                message: plain_words(e.message().trim_end()),
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

/// Reads a sheet (JSON or TOML, by extension or content, at most [`Limit::SHEET`]); errors
/// name the file.
pub fn read_document<T: serde::de::DeserializeOwned>(path: &std::path::Path) -> Result<T, Error> {
    read_limited_document(path, Limit::SHEET)
}

fn read_limited_document<T: serde::de::DeserializeOwned>(
    path: &std::path::Path,
    limit: Limit,
) -> Result<T, Error> {
    let text = crate::files::read_limited(path, limit)?;
    let name = path.display().to_string();
    parse_document(&text, SheetFormat::guess(&name, &text)).map_err(|e| {
        let e = match e {
            SheetError::Empty if limit == Limit::PROFILE => SheetError::EmptyProfile,
            e => e,
        };
        Error::InvalidInput(crate::sanitize::message(&format!("{name}: {e}")))
    })
}

/// serde's words for what it found, in plain ones: "invalid type: sequence, expected a string"
/// becomes "found a list where a string is expected".
pub(crate) fn plain_words(message: &str) -> String {
    let Some(rest) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
    else {
        return crate::sanitize::shorten_quotes(message);
    };
    let Some((found, expected)) = rest.split_once(", expected ") else {
        return crate::sanitize::shorten_quotes(message);
    };
    let found = match found {
        "sequence" => "a list".to_string(),
        "map" => "a table (an object)".to_string(),
        "unit value" | "null" => "null".to_string(),
        other => match other.split_once(' ') {
            Some(("integer" | "floating point", n)) => {
                format!("the number {}", n.trim_matches('`'))
            }
            Some(("boolean", b)) => format!("`{}`", b.trim_matches('`')),
            Some(("string", s)) => format!("the text {s}"),
            _ => other.to_string(),
        },
    };
    // The Rust type serde names, in words (`struct AnswerSheet`, `u32`).
    let expected = match expected {
        "a sequence" => "a list",
        "a map" => "a table (an object)",
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number (0 or more)",
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number",
        "f32" | "f64" => "a number",
        other if other.starts_with("struct ") => "a table (an object)",
        other => other,
    };
    crate::sanitize::shorten_quotes(&format!("found {found} where {expected} is expected"))
}

impl Profile {
    /// Reads a profile file (TOML or JSON, the fields of an answer sheet's `profile`, at most
    /// [`Limit::PROFILE`]).
    pub fn read(path: &std::path::Path) -> Result<Profile, Error> {
        let profile: Profile = read_limited_document(path, Limit::PROFILE)?;
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
            && !HOURS_PER_WEEK.contains(&hours)
        {
            problems.push(format!(
                "{} {}: give the hours you can study in a week, from {} to {}",
                names.name("hours_per_week"),
                crate::sanitize::number(hours),
                HOURS_PER_WEEK.start(),
                HOURS_PER_WEEK.end()
            ));
        }
        if let Some(budget) = self.budget_usd
            && !(budget.is_finite() && budget >= 0.0)
        {
            problems.push(format!(
                "{} {}: give a total in US dollars, 0 or more",
                names.name("budget_usd"),
                crate::sanitize::number(budget)
            ));
        }
        problems
    }
}

impl AnswerSheet {
    pub fn parse(text: &str, format: SheetFormat) -> Result<AnswerSheet, SheetError> {
        parse_document(text, format)
    }

    /// Spells every option id as the question does when it differs only in case or surrounding
    /// spaces (`"B"` for `"b"`), so a hand-filled sheet is not failed for it.
    pub fn normalize(&mut self, catalog: &Catalog) {
        for (id, answer) in &mut self.answers {
            let Some(question) = catalog.question(id) else {
                continue;
            };
            let respell = |choice: &mut String| {
                let trimmed = choice.trim();
                if trimmed == DONT_KNOW || question.options.iter().any(|o| o.id == *choice) {
                    return;
                }
                if let Some(option) = question
                    .options
                    .iter()
                    .find(|o| o.id.eq_ignore_ascii_case(trimmed))
                {
                    *choice = option.id.clone();
                } else if trimmed.len() != choice.len() {
                    *choice = trimmed.to_string();
                }
            };
            match answer {
                AnswerValue::One(choice) => respell(choice),
                AnswerValue::Many(choices) => choices.iter_mut().for_each(respell),
            }
        }
    }

    /// Whether no question is answered at all (every answer blank, or none given): such a sheet
    /// scores as "not assessed" everywhere, which the caller should say.
    pub fn is_blank(&self) -> bool {
        self.answers.values().all(AnswerValue::is_unanswered)
    }

    /// Checks every answer against the catalog: known question (with the nearest ids of a
    /// mistyped one), options that exist, the right number of them. Lists every problem at once.
    pub fn check(&self, catalog: &Catalog) -> Result<(), SheetError> {
        let mut problems: Vec<String> = Vec::new();
        for (id, answer) in self.answers.iter().filter(|(_, a)| !a.is_unanswered()) {
            match catalog.question(id) {
                // The nearest ids only for the problems shown: a sheet of 60,000 mistyped ids
                // would otherwise take half a minute to refuse.
                None => problems.push(format!(
                    "`{}` is not a question of this catalog{}",
                    crate::sanitize::quote(id),
                    if problems.len() < PROBLEMS_SHOWN {
                        nearest_question(catalog, id)
                    } else {
                        String::new()
                    }
                )),
                Some(question) => problems.extend(answer_problem(question, answer)),
            }
        }
        if let Some(profile) = &self.profile {
            problems.extend(profile.problems(FieldNames::Sheet));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            if problems.len() > PROBLEMS_SHOWN {
                let more = problems.len() - PROBLEMS_SHOWN;
                problems.truncate(PROBLEMS_SHOWN);
                problems.push(format!("and {more} more"));
            }
            Err(SheetError::Answers { problems })
        }
    }
}

/// "; did you mean `sql-03`?" for a mistyped question id, or nothing when none is close.
fn nearest_question(catalog: &Catalog, id: &str) -> String {
    let suggestions = crate::catalog::suggest(id, catalog.questions.iter().map(|q| q.id.as_str()));
    match suggestions.first() {
        Some(nearest) => format!("; did you mean {nearest}?"),
        None => String::new(),
    }
}

/// Problems of one sheet listed in its message; the rest are counted.
const PROBLEMS_SHOWN: usize = 20;

fn answer_problem(question: &Question, answer: &AnswerValue) -> Option<String> {
    let id = &question.id;
    if matches!(answer, AnswerValue::Many(_)) && question.kind != QuestionKind::Multi {
        return Some(format!(
            "`{id}` takes one option id, not a list (it is a {} question)",
            question.kind.as_str()
        ));
    }
    let is_option = |choice: &String| question.options.iter().any(|o| o.id == *choice);
    if answer.chosen().iter().all(is_option) {
        None
    } else {
        let unknown: Vec<&String> = answer.chosen().iter().filter(|c| !is_option(c)).collect();
        let known: Vec<&str> = question.options.iter().map(|o| o.id.as_str()).collect();
        Some(format!(
            "`{id}`: {} not an option (options: {}; \"{DONT_KNOW}\" means \"I don't know\")",
            unknown
                .iter()
                .map(|u| format!("`{}`", crate::sanitize::quote(u)))
                .collect::<Vec<_>>()
                .join(", "),
            known.join(", ")
        ))
    }
}

/// serde_json appends " at line L column C"; the caller shows the position itself.
/// A JSON error in plain words (no Rust type names), with its position when it has one:
/// "line 1, column 73: found the text "x" where a table (an object) is expected".
pub(crate) fn json_error_words(error: &serde_json::Error) -> String {
    let words = plain_words(&strip_position(&error.to_string()));
    if error.line() == 0 {
        words
    } else {
        format!("line {}, column {}: {words}", error.line(), error.column())
    }
}

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
            chosen.len() == 1 && question.answer.as_ref() == Some(&chosen[0]),
        )),
        QuestionKind::Multi => {
            let mut chosen: Vec<&str> = chosen.iter().map(String::as_str).collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> String {
        AnswerSheet::parse(text, SheetFormat::Json)
            .expect_err("must fail")
            .to_string()
    }

    #[test]
    fn only_the_problems_shown_get_the_nearest_ids() {
        let catalog = Catalog::embedded().expect("catalog");
        let answers: String = (0..5000)
            .map(|i| format!("\"sql-0{i}x\": \"a\""))
            .collect::<Vec<_>>()
            .join(",");
        let sheet = AnswerSheet::parse(
            &format!("{{\"answers\": {{{answers}}}}}"),
            SheetFormat::Json,
        )
        .expect("parses");
        let message = sheet.check(&catalog).expect_err("unknown ids").to_string();
        assert!(message.contains("and 4980 more"), "{message}");
        let hinted = message.matches("did you mean").count();
        assert!((1..=PROBLEMS_SHOWN).contains(&hinted), "{message}");
        // A huge mistyped id is not compared with every id.
        assert!(crate::catalog::suggest(&"q".repeat(500_000), ["q", "qq"].into_iter()).is_empty());
        assert_eq!(
            crate::catalog::suggest("sql-0", ["sql-01"].into_iter()).len(),
            1
        );
    }

    #[test]
    fn a_question_answered_twice_is_refused() {
        let message = error(r#"{"answers": {"sql-01": "a", "sql-01": "b"}}"#);
        assert!(message.contains("`sql-01` is answered twice"), "{message}");
        let message = error(r#"{"answers": 5}"#);
        assert!(
            message.contains("found the number 5 where a table (an object) is expected"),
            "{message}"
        );
    }

    #[test]
    fn wrong_types_are_named_in_plain_words() {
        let message = error(r#"{"candidate": [1, 2, 3]}"#);
        assert!(
            message.contains("found a list where a string is expected"),
            "{message}"
        );
        let message = error(r#"{"answers": {"sql-01": [1, 2, 3]}}"#);
        assert!(message.contains("not the number 1"), "{message}");
        let message = error(r#"{"answers": {"sql-01": {"a": 1}}}"#);
        assert!(
            !message.contains("AnswerValue") && !message.contains("untagged"),
            "{message}"
        );
        assert!(message.contains("a list of option ids"), "{message}");
        let sheet = AnswerSheet::parse(r#"{"answers": {"a": "b", "c": ["d"]}}"#, SheetFormat::Json)
            .expect("valid");
        assert_eq!(sheet.answers["c"], AnswerValue::Many(vec!["d".into()]));
    }

    #[test]
    fn option_ids_in_any_case_are_accepted_and_typos_get_the_nearest_id() {
        let catalog = Catalog::load(None).expect("embedded catalog");
        let question = catalog
            .questions
            .iter()
            .find(|q| q.kind == QuestionKind::Choice)
            .expect("a choice question");
        let multi = catalog
            .questions
            .iter()
            .find(|q| q.kind == QuestionKind::Multi)
            .expect("a multi question");
        let upper = question.options[1].id.to_uppercase();
        let mut sheet = AnswerSheet::default();
        sheet
            .answers
            .insert(question.id.clone(), AnswerValue::One(format!(" {upper}")));
        sheet.answers.insert(
            multi.id.clone(),
            AnswerValue::Many(vec![multi.options[0].id.to_uppercase()]),
        );
        assert!(
            sheet.check(&catalog).is_err(),
            "upper case before normalize"
        );
        sheet.normalize(&catalog);
        sheet.check(&catalog).expect("normalized");
        assert_eq!(
            sheet.answers[&question.id],
            AnswerValue::One(question.options[1].id.clone())
        );
        let typo = format!("{}x", question.id);
        let mut sheet = AnswerSheet::default();
        sheet.answers.insert(typo, AnswerValue::One("a".into()));
        let message = sheet.check(&catalog).expect_err("typo").to_string();
        assert!(
            message.contains(&format!("did you mean `{}`", question.id)),
            "{message}"
        );
    }

    #[test]
    fn a_sheet_with_nothing_answered_is_blank() {
        let mut sheet = AnswerSheet::default();
        assert!(sheet.is_blank());
        sheet
            .answers
            .insert("sql-01".into(), AnswerValue::One(String::new()));
        assert!(sheet.is_blank());
        sheet
            .answers
            .insert("sql-02".into(), AnswerValue::One("?".into()));
        assert!(!sheet.is_blank());
    }

    #[test]
    fn paces_outside_one_to_a_hundred_hours_are_refused() {
        for (hours, ok) in [
            (0.00001, false),
            (0.5, false),
            (1.0, true),
            (100.0, true),
            (101.0, false),
            (f64::NAN, false),
        ] {
            let profile = Profile {
                hours_per_week: Some(hours),
                ..Profile::default()
            };
            assert_eq!(
                profile.problems(FieldNames::Sheet).is_empty(),
                ok,
                "{hours}"
            );
        }
    }

    #[test]
    fn an_empty_profile_file_is_not_an_empty_sheet() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("profile.toml");
        std::fs::write(&path, "\n").expect("write");
        let message = Profile::read(&path).expect_err("empty").to_string();
        assert!(message.contains("the profile file is empty"), "{message}");
        std::fs::write(&path, "\u{feff}hours_per_week = 5\n").expect("write");
        assert_eq!(Profile::read(&path).expect("BOM").hours_per_week, Some(5.0));
    }
}
