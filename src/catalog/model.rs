//! The catalog's data types, exactly as the TOML files spell them (see `data/README.md`).

use serde::{Deserialize, Serialize};

/// The catalog's identity, from `catalog.toml`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CatalogInfo {
    pub id: String,
    pub name: String,
    pub version: String,
    #[serde(default)]
    pub description: String,
    /// The generalist template whose skills "not sure yet" asks about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub core_template: Option<String>,
    /// The measurement model's settings (`[model]`); defaults when absent.
    #[serde(default)]
    pub model: ModelSettings,
}

/// What the loader accepts for a question's own IRT parameters (and `calibrate` writes).
pub const A_RANGE: (f64, f64) = (0.1, 4.0);
pub const B_RANGE: (f64, f64) = (-5.0, 5.0);
pub const C_RANGE: (f64, f64) = (0.0, 0.5);

/// Whether the scorer models right guesses on choice questions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Guessing {
    /// A choice question's lower asymptote is its own `c`, or 1 / the number of options.
    #[default]
    On,
    /// Every item is 2PL (c = 0), as the first version of the scorer assumed.
    Off,
}

/// `[model]` in catalog.toml: the population the joint model assumes and whether right guesses
/// are modelled. See the posterior module and the README's "How the scores are computed".
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ModelSettings {
    pub general_mean: f64,
    pub general_sd: f64,
    pub skill_sd: f64,
    /// Whether a choice question's chance of a right guess (1 / options) is modelled.
    pub guessing: bool,
}

impl Default for ModelSettings {
    fn default() -> Self {
        let population = Population::default();
        ModelSettings {
            general_mean: population.general_mean,
            general_sd: population.general_sd,
            skill_sd: population.skill_sd,
            guessing: true,
        }
    }
}

impl ModelSettings {
    pub fn population(&self) -> Population {
        Population {
            general_mean: self.general_mean,
            general_sd: self.general_sd,
            skill_sd: self.skill_sd,
        }
    }

    pub fn with_population(self, population: Population) -> ModelSettings {
        ModelSettings {
            general_mean: population.general_mean,
            general_sd: population.general_sd,
            skill_sd: population.skill_sd,
            ..self
        }
    }

    pub fn guessing(&self) -> Guessing {
        if self.guessing {
            Guessing::On
        } else {
            Guessing::Off
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Skill {
    pub id: String,
    pub name: String,
    pub area: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub prerequisites: Vec<String>,
    /// Hours to reach level 1, 2, 3 and 4 from the level below.
    pub hours_per_level: [f64; 4],
    /// A small project that proves the skill at working level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    #[serde(default)]
    pub resources: Vec<Resource>,
}

impl Skill {
    /// Estimated hours to move from level `from` to level `to` (0 when `to <= from`).
    pub fn hours_between(&self, from: u8, to: u8) -> f64 {
        (from..to.min(4))
            .map(|level| self.hours_per_level[usize::from(level)])
            .sum()
    }
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    pub title: String,
    pub kind: ResourceKind,
    pub url: String,
    pub hours: f64,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ResourceKind {
    Docs,
    Course,
    Book,
    Tutorial,
    Video,
    Practice,
    Certification,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionKind {
    /// Exactly one correct option.
    Choice,
    /// A set of correct options; only the exact set scores.
    Multi,
    /// Situational judgment: every option carries a credit 0–1.
    Scenario,
    /// Self-report, reported apart from tested knowledge.
    Experience,
}

impl QuestionKind {
    /// Tested kinds feed the ability estimate; experience questions never do.
    pub fn is_tested(self) -> bool {
        self != QuestionKind::Experience
    }

    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Choice => "choice",
            QuestionKind::Multi => "multi",
            QuestionKind::Scenario => "scenario",
            QuestionKind::Experience => "experience",
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub skill: String,
    pub kind: QuestionKind,
    pub difficulty: u8,
    /// IRT discrimination; 1.0 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub a: Option<f64>,
    /// IRT difficulty in logits; derived from `difficulty` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub b: Option<f64>,
    /// IRT lower asymptote (the chance of a right guess); 1 / options for `choice`, 0 otherwise,
    /// when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub c: Option<f64>,
    pub prompt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_lang: Option<String>,
    pub options: Vec<QuestionOption>,
    /// The correct option of a `choice` question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    /// The correct options of a `multi` question.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<String>,
    #[serde(default)]
    pub explanation: String,
    /// Whether the quiz may show the options in a random order; `false` for options that refer
    /// to their own letters or order ("Query A", "both of the above").
    #[serde(default = "shuffle_by_default", skip_serializing_if = "is_true")]
    pub shuffle: bool,
}

fn shuffle_by_default() -> bool {
    true
}

fn is_true(value: &bool) -> bool {
    *value
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct QuestionOption {
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<f64>,
}

#[derive(
    Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum TemplateLevel {
    Junior,
    Mid,
    Senior,
}

impl TemplateLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            TemplateLevel::Junior => "junior",
            TemplateLevel::Mid => "mid",
            TemplateLevel::Senior => "senior",
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub id: String,
    pub title: String,
    pub level: TemplateLevel,
    #[serde(default)]
    pub description: String,
    /// Where the template comes from: the postings or documents it was built from.
    #[serde(default)]
    pub source: String,
    pub requirements: Vec<Requirement>,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// The required skill; or use `any_of` for alternatives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skill: Option<String>,
    /// Alternatives, any one of which satisfies the requirement.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub any_of: Vec<String>,
    pub level: u8,
    #[serde(default = "default_weight")]
    pub weight: f64,
    #[serde(default)]
    pub must: bool,
}

fn default_weight() -> f64 {
    1.0
}

impl Requirement {
    /// The skills that can satisfy this requirement.
    pub fn skills(&self) -> impl Iterator<Item = &str> {
        self.skill
            .iter()
            .map(String::as_str)
            .chain(self.any_of.iter().map(String::as_str))
    }
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, Hash, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PathwayKind {
    SelfStudy,
    Certification,
    Bootcamp,
    OnlineProgram,
    InPerson,
    Vocational,
    College,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Structure {
    SelfDirected,
    Structured,
    Mixed,
}

#[derive(
    Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Credential {
    None,
    Certificate,
    VendorCertification,
    AssociateDegree,
    BachelorDegree,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Pathway {
    pub id: String,
    pub name: String,
    pub kind: PathwayKind,
    #[serde(default)]
    pub description: String,
    pub cost_usd: [f64; 2],
    pub duration_weeks: [f64; 2],
    pub hours_per_week: [f64; 2],
    pub structure: Structure,
    pub credential: Credential,
    #[serde(default)]
    pub mentoring: bool,
    #[serde(default)]
    pub peers: bool,
    #[serde(default)]
    pub career_services: bool,
    /// Skills this pathway is focused on (a vendor certification exists for them, say); empty
    /// when it teaches backend development broadly.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub focus_skills: Vec<String>,
    #[serde(default)]
    pub good_for: Vec<String>,
    #[serde(default)]
    pub bad_for: Vec<String>,
    #[serde(default)]
    pub source: String,
}

/// The whole catalog as read from its files, before indexing.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CatalogDocument {
    #[serde(default)]
    pub catalog: CatalogInfo,
    #[serde(default)]
    pub areas: Vec<Area>,
    #[serde(default)]
    pub skills: Vec<Skill>,
    #[serde(default)]
    pub questions: Vec<Question>,
    #[serde(default)]
    pub templates: Vec<Template>,
    #[serde(default)]
    pub pathways: Vec<Pathway>,
}

/// The population the people assessed come from: the prior of the joint model.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Population {
    /// m: the mean general level, in logits (0 puts the average person at level 2.5).
    pub general_mean: f64,
    /// σ_μ: how much people differ in their general level.
    pub general_sd: f64,
    /// σ_δ: how much one person's skills differ from their general level.
    pub skill_sd: f64,
}

impl Default for Population {
    /// m = 0, σ_μ = 1.3, σ_δ = 0.8. People are expected to differ by about 1 logit in their
    /// general level, but where the people who take the quiz are centred is itself a guess until
    /// `skillgap calibrate` estimates it: a centre known to within about ±0.8 widens the prior of
    /// one person's μ to √(1 + 0.8²) ≈ 1.3. Simulation (README, "How the scores are computed")
    /// shows why: with σ_μ = 1 a population centred one logit lower gets p_met 7 points too high
    /// (calibration error 0.068); with 1.3 it stays within 0.05 in every tested case, at a cost of
    /// about one point of verdict accuracy when the guess is right. σ_δ = 0.8 puts the correlation
    /// between two skills of one person at 1.69 / (1.69 + 0.64) ≈ 0.73.
    fn default() -> Self {
        Population {
            general_mean: 0.0,
            general_sd: 1.3,
            skill_sd: 0.8,
        }
    }
}

/// What the loader accepts for the population parameters.
pub const GENERAL_MEAN_RANGE: (f64, f64) = (-3.0, 3.0);
pub const SD_RANGE: (f64, f64) = (0.2, 3.0);

impl Population {
    /// A problem with the parameters, in words, or `None`.
    pub fn problem(&self) -> Option<String> {
        let within = |value: f64, (low, high): (f64, f64)| {
            value.is_finite() && (low..=high).contains(&value)
        };
        if !within(self.general_mean, GENERAL_MEAN_RANGE) {
            return Some(format!(
                "general_mean = {} is outside {}..{}",
                crate::sanitize::number(self.general_mean),
                GENERAL_MEAN_RANGE.0,
                GENERAL_MEAN_RANGE.1
            ));
        }
        for (name, value) in [("general_sd", self.general_sd), ("skill_sd", self.skill_sd)] {
            if !within(value, SD_RANGE) {
                return Some(format!(
                    "{name} = {} is outside {}..{}",
                    crate::sanitize::number(value),
                    SD_RANGE.0,
                    SD_RANGE.1
                ));
            }
        }
        None
    }

    /// The correlation between two skills of one person the parameters imply.
    pub fn skill_correlation(&self) -> f64 {
        let general = self.general_sd * self.general_sd;
        general / (general + self.skill_sd * self.skill_sd)
    }
}
