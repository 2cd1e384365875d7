//! The results document: everything one assessment found, versioned (`schema_version`), and
//! self-contained so that `skillgap report` can render it again without the catalog.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Template};
use crate::date::Date;
use crate::error::Error;
use crate::estimate::{self, Estimate, ItemParams, Response};
use crate::planning::{self, Plan, PlanRequest};
use crate::readiness::{self, TemplateReadiness};
use crate::sheet::{AnswerSheet, AnswerValue, Profile, score_answer};

/// The results document's schema version. Changes are additive; a breaking change bumps it.
pub const SCHEMA_VERSION: u32 = 2;
/// The oldest results version `report` still reads (version 2 only added fields).
pub const OLDEST_SCHEMA_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CatalogRef {
    pub id: String,
    pub name: String,
    pub version: String,
    pub fingerprint: String,
}

/// The model's settings, so a reader knows what the probabilities assume.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ModelInfo {
    /// m: the assumed mean general level (logits).
    pub general_mean: f64,
    /// σ_μ.
    pub general_sd: f64,
    /// σ_δ.
    pub skill_sd: f64,
    /// Whether right guesses on choice questions are modelled.
    pub guessing: bool,
    /// The person's general level μ: posterior mean and standard deviation, in logits.
    pub general_level: Estimate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SkillStatus {
    Assessed,
    NotAssessed,
}

/// Self-reported experience, kept apart from the tested level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Experience {
    pub answered: usize,
    /// Mean credit of the answers, 0–1.
    pub score: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SkillResult {
    pub skill: String,
    pub name: String,
    pub area: String,
    pub status: SkillStatus,
    /// Ability in logits and its standard error; absent when not assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<Estimate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level_name: Option<String>,
    /// The levels of the central 80 % credible interval, `[low, high]` (version 1: within one
    /// standard error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level_range: Option<[u8; 2]>,
    /// P(level = 0, 1, 2, 3, 4) under the joint posterior. For a skill not assessed they come
    /// from the person's general level alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level_probabilities: Option<[f64; 5]>,
    /// Tested questions answered (including "I don't know").
    pub answered: usize,
    /// Sum of the tested scores (a scenario's credit counts as a fraction).
    pub correct: f64,
    pub dont_know: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experience: Option<Experience>,
    /// When these answers were given, for results that join several assessments (a retest
    /// carries the skills it did not measure over from the earlier result).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measured: Option<Date>,
    /// Whether this skill was carried over from an earlier result, not measured in this one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub carried: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Results {
    pub schema_version: u32,
    pub generator: String,
    pub catalog: CatalogRef,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub candidate: Option<String>,
    /// The answer sheet this came from, when it came from a file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
    pub answers: BTreeMap<String, AnswerValue>,
    pub skills: Vec<SkillResult>,
    pub templates: Vec<TemplateReadiness>,
    /// The measurement model that scored it (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<ModelInfo>,
    /// The study plan and pathways, when one was made (`assess`, `plan`, `score` of one sheet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Plan>,
}

impl Results {
    /// The candidate's name, or the source, or "candidate".
    pub fn display_name(&self) -> &str {
        self.candidate
            .as_deref()
            .or(self.source.as_deref())
            .unwrap_or("candidate")
    }

    /// Reads a results document, with messages that name the file and what is wrong.
    pub fn read(path: &Path) -> Result<Results, Error> {
        let text = crate::files::read_limited(path, crate::files::Limit::RESULTS)?;
        let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
            Error::InvalidInput(format!(
                "{}: line {}, column {}: not valid JSON ({e})",
                path.display(),
                e.line(),
                e.column()
            ))
        })?;
        match value
            .get("schema_version")
            .and_then(serde_json::Value::as_u64)
        {
            Some(version)
                if (u64::from(OLDEST_SCHEMA_VERSION)..=u64::from(SCHEMA_VERSION))
                    .contains(&version) => {}
            Some(version) => {
                return Err(Error::InvalidInput(format!(
                    "{}: schema_version {version} is not supported by this skillgap (it reads {OLDEST_SCHEMA_VERSION} to {SCHEMA_VERSION}); upgrade skillgap",
                    path.display()
                )));
            }
            None => {
                return Err(Error::InvalidInput(format!(
                    "{}: not a skillgap results document (no schema_version); write one with `skillgap score --format json`",
                    path.display()
                )));
            }
        }
        serde_json::from_value(value).map_err(|e| {
            Error::InvalidInput(format!(
                "{}: not a valid results document: {}",
                path.display(),
                crate::sheet::plain_words(&e.to_string())
            ))
        })
    }

    /// The plan for these results (their gaps, levels and, unless overridden, their profile).
    /// It lives here, not in `planning`, because results hold a plan: planning does not
    /// import results.
    pub fn plan(&self, catalog: &Catalog, request: &PlanRequest) -> Plan {
        let chosen: Vec<&TemplateReadiness> = self
            .templates
            .iter()
            .filter(|t| request.templates.is_empty() || request.templates.contains(&t.template))
            .collect();
        let level_of = |id: &str| {
            self.skills
                .iter()
                .find(|s| s.skill == id && s.status == SkillStatus::Assessed)
                .and_then(|s| s.level)
        };
        planning::build_for(catalog, &chosen, level_of, request)
    }

    /// Adds a plan to freshly scored results, for all their templates, with the profile they
    /// carry.
    pub fn attach_plan(&mut self, catalog: &Catalog, start: Date) {
        let request = PlanRequest {
            profile: self.profile.clone().unwrap_or_default(),
            start,
            templates: Vec::new(),
        };
        self.plan = Some(self.plan(catalog, &request));
    }
}

/// Scores a (checked) sheet against `templates`.
pub fn score(
    catalog: &Catalog,
    sheet: &AnswerSheet,
    templates: &[&Template],
    source: Option<String>,
) -> Results {
    Results {
        candidate: sheet.candidate.clone(),
        profile: sheet.profile.clone(),
        answers: sheet.answers.clone(),
        ..scored(catalog, sheet, templates, source)
    }
    .without_blank_name()
}

/// As [`score`], taking the sheet: its answers move into the results instead of being copied
/// (a batch scores each sheet once and has no more use for it).
pub fn score_owned(
    catalog: &Catalog,
    mut sheet: AnswerSheet,
    templates: &[&Template],
    source: Option<String>,
) -> Results {
    let results = scored(catalog, &sheet, templates, source);
    Results {
        candidate: sheet.candidate.take(),
        profile: sheet.profile.take(),
        answers: std::mem::take(&mut sheet.answers),
        ..results
    }
    .without_blank_name()
}

impl Results {
    fn without_blank_name(mut self) -> Results {
        self.candidate = self.candidate.filter(|name| !name.trim().is_empty());
        self
    }
}

/// The results of `sheet` without its candidate, profile and answers, which the callers fill in.
fn scored(
    catalog: &Catalog,
    sheet: &AnswerSheet,
    templates: &[&Template],
    source: Option<String>,
) -> Results {
    let settings = catalog.info.model;
    let model = crate::posterior::Model::shared(settings.population());
    let evidence = Evidence::of(catalog, &sheet.answers, settings.guessing());
    let posterior = model.posterior(
        evidence
            .tallies
            .iter()
            .map(|(id, tally)| (*id, tally.responses.as_slice())),
    );
    let mut skills = evidence.skill_results(catalog, &posterior);
    let readiness: Vec<TemplateReadiness> = templates
        .iter()
        .map(|t| readiness::assess_template(t, catalog, &posterior))
        .collect();
    // Each requirement's counted skill is listed, "not assessed" if need be; untouched
    // alternatives of an `any_of` are not.
    for outcome in readiness.iter().flat_map(|t| &t.requirements) {
        if let Some(skill) = catalog.skill(&outcome.skill) {
            skills
                .entry(skill.id.as_str())
                .or_insert_with(|| SkillResult {
                    level_probabilities: Some(rounded(
                        posterior.skill(&skill.id).level_probabilities(),
                    )),
                    ..not_assessed(skill)
                });
        }
    }
    let mut skills: Vec<SkillResult> = skills.into_values().collect();
    let area_order = |area: &str| catalog.areas.iter().position(|a| a.id == area);
    skills.sort_by_cached_key(|s| (area_order(&s.area), catalog.skill_position(&s.skill)));
    Results {
        schema_version: SCHEMA_VERSION,
        generator: format!("skillgap {}", env!("CARGO_PKG_VERSION")),
        catalog: CatalogRef {
            id: catalog.info.id.clone(),
            name: catalog.info.name.clone(),
            version: catalog.info.version.clone(),
            fingerprint: catalog.fingerprint.clone(),
        },
        candidate: None,
        source,
        profile: None,
        answers: BTreeMap::new(),
        skills,
        templates: readiness,
        model: Some(ModelInfo {
            general_mean: settings.general_mean,
            general_sd: settings.general_sd,
            skill_sd: settings.skill_sd,
            guessing: settings.guessing,
            general_level: rounded_estimate(posterior.general_level()),
        }),
        plan: None,
    }
}

fn not_assessed(skill: &crate::catalog::Skill) -> SkillResult {
    SkillResult::not_assessed(&skill.id, &skill.name, &skill.area)
}

impl SkillResult {
    /// A skill the templates need but no answer measured.
    pub fn not_assessed(skill: &str, name: &str, area: &str) -> SkillResult {
        SkillResult {
            skill: skill.to_string(),
            name: name.to_string(),
            area: area.to_string(),
            status: SkillStatus::NotAssessed,
            estimate: None,
            level: None,
            level_name: None,
            level_range: None,
            level_probabilities: None,
            answered: 0,
            correct: 0.0,
            dont_know: 0,
            experience: None,
            measured: None,
            carried: false,
        }
    }
}

fn rounded(probabilities: [f64; 5]) -> [f64; 5] {
    probabilities.map(|p| estimate::round_to(p, 3))
}

fn rounded_estimate(estimate: Estimate) -> Estimate {
    Estimate {
        theta: estimate::round_to(estimate.theta, 4),
        se: estimate::round_to(estimate.se, 4),
    }
}

/// A sheet's tested responses per skill, exactly as [`score`] reads them (the catalog's guessing
/// setting, blanks left out, "I don't know" scored 0), for callers that build their own posterior.
pub fn tested_responses(
    catalog: &Catalog,
    answers: &BTreeMap<String, AnswerValue>,
) -> BTreeMap<String, Vec<Response>> {
    Evidence::of(catalog, answers, catalog.info.model.guessing())
        .tallies
        .into_iter()
        .filter(|(_, tally)| !tally.responses.is_empty())
        .map(|(skill, tally)| (skill.to_string(), tally.responses))
        .collect()
}

/// What one skill's answers were.
#[derive(Default)]
struct Tally {
    responses: Vec<Response>,
    dont_know: usize,
    experience: Vec<f64>,
}

/// The answers grouped by skill.
struct Evidence<'c> {
    tallies: BTreeMap<&'c str, Tally>,
}

impl<'c> Evidence<'c> {
    fn of(
        catalog: &'c Catalog,
        answers: &BTreeMap<String, AnswerValue>,
        guessing: estimate::Guessing,
    ) -> Evidence<'c> {
        let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
        let mut guesses = estimate::GuessingEvidence::default();
        for (id, answer) in answers.iter().filter(|(_, a)| !a.is_unanswered()) {
            let Some(question) = catalog.question(id) else {
                continue;
            };
            let tally = tallies.entry(question.skill.as_str()).or_default();
            let score = score_answer(question, answer);
            if question.kind.is_tested() {
                tally.responses.push(Response {
                    item: ItemParams::with_guessing(question, guessing),
                    score,
                });
                tally.dont_know += usize::from(answer.is_dont_know());
                guesses.add(question, score, answer.is_dont_know());
            } else if !answer.is_dont_know() {
                tally.experience.push(score);
            }
        }
        let share = guesses.share();
        if share < 1.0 {
            let responses = tallies.values_mut().flat_map(|t| &mut t.responses);
            responses.for_each(|r| r.item.c *= share);
        }
        Evidence { tallies }
    }

    /// One result per skill with answers, keyed by skill id.
    fn skill_results(
        &self,
        catalog: &'c Catalog,
        posterior: &crate::posterior::Posterior<'_>,
    ) -> BTreeMap<&'c str, SkillResult> {
        self.tallies
            .iter()
            .filter_map(|(&id, tally)| {
                let skill = catalog.skill(id)?;
                let tested = !tally.responses.is_empty();
                let distribution = posterior.skill(id);
                let experience = (!tally.experience.is_empty()).then(|| Experience {
                    answered: tally.experience.len(),
                    score: tally.experience.iter().sum::<f64>() / tally.experience.len() as f64,
                });
                let level = distribution.most_probable_level();
                let (low, high) = distribution.credible_levels(0.8);
                let result = SkillResult {
                    status: if tested {
                        SkillStatus::Assessed
                    } else {
                        SkillStatus::NotAssessed
                    },
                    estimate: tested.then(|| rounded_estimate(distribution.estimate())),
                    level: tested.then_some(level),
                    level_name: tested.then(|| estimate::level_name(level).to_string()),
                    level_range: tested.then_some([low, high]),
                    level_probabilities: Some(rounded(distribution.level_probabilities())),
                    answered: tally.responses.len(),
                    correct: tally.responses.iter().map(|r| r.score).sum(),
                    dont_know: tally.dont_know,
                    experience,
                    ..not_assessed(skill)
                };
                Some((skill.id.as_str(), result))
            })
            .collect()
    }
}
