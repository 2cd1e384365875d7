//! Progress over time: what two results documents say about the same learner, skill by skill
//! and template by template.

use serde::{Deserialize, Serialize};

use crate::estimate::round_to;
use crate::readiness::Verdict;
use crate::results::{Results, SkillResult, SkillStatus};

/// How one template's readiness moved.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TemplateChange {
    pub template: String,
    pub title: String,
    /// `None` when the template was not scored in that run.
    pub old_readiness: Option<f64>,
    pub new_readiness: Option<f64>,
    /// New minus old, when both were scored.
    pub readiness_delta: Option<f64>,
    pub old_verdict: Option<Verdict>,
    pub new_verdict: Option<Verdict>,
}

/// How one skill's estimate moved.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SkillChange {
    pub skill: String,
    pub name: String,
    /// `None` when the skill was not assessed in that run.
    pub old_level: Option<u8>,
    pub new_level: Option<u8>,
    /// New minus old level, when both were assessed.
    pub levels_gained: Option<i8>,
    /// New minus old ability (logits), when both were assessed.
    pub theta_delta: Option<f64>,
    /// Whether the change is larger than the two estimates' combined uncertainty
    /// (|Δθ| > √(se₁² + se₂²)); smaller changes may be noise.
    pub beyond_uncertainty: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Comparison {
    /// The results' schema version ([`crate::results::SCHEMA_VERSION`]).
    pub schema_version: u32,
    pub old: String,
    pub new: String,
    pub templates: Vec<TemplateChange>,
    pub skills: Vec<SkillChange>,
}

/// One saved result in `skillgap history --format json` (an array of these, oldest first).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct HistoryEntry {
    /// The results' schema version ([`crate::results::SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// The saved results document.
    pub path: std::path::PathBuf,
    /// When it was saved (UTC), `YYYY-MM-DD HH:MM`, or the file name when it is not a stamp.
    pub saved: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub candidate: Option<String>,
    pub templates: Vec<HistoryTemplate>,
}

/// A template's readiness in one saved result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct HistoryTemplate {
    pub template: String,
    pub readiness: f64,
    pub verdict: Verdict,
}

impl HistoryEntry {
    pub fn new(path: &std::path::Path, saved: String, results: &Results) -> HistoryEntry {
        HistoryEntry {
            schema_version: crate::results::SCHEMA_VERSION,
            path: path.to_path_buf(),
            saved,
            candidate: results.candidate.clone(),
            templates: results
                .templates
                .iter()
                .map(|t| HistoryTemplate {
                    template: t.template.clone(),
                    readiness: t.readiness,
                    verdict: t.verdict,
                })
                .collect(),
        }
    }
}

/// Compares two runs; `old_name` and `new_name` say where they came from.
pub fn compare(old: &Results, new: &Results, old_name: &str, new_name: &str) -> Comparison {
    Comparison {
        schema_version: crate::results::SCHEMA_VERSION,
        old: old_name.to_string(),
        new: new_name.to_string(),
        templates: template_changes(old, new),
        skills: skill_changes(old, new),
    }
}

fn template_changes(old: &Results, new: &Results) -> Vec<TemplateChange> {
    let mut ids: Vec<&str> = new.templates.iter().map(|t| t.template.as_str()).collect();
    for template in &old.templates {
        if !ids.contains(&template.template.as_str()) {
            ids.push(&template.template);
        }
    }
    ids.into_iter()
        .map(|id| {
            let before = old.templates.iter().find(|t| t.template == id);
            let after = new.templates.iter().find(|t| t.template == id);
            let title = after.or(before).map_or(id, |t| t.title.as_str());
            let readiness_delta = match (before, after) {
                (Some(b), Some(a)) => Some(round_to(a.readiness - b.readiness, 1)),
                _ => None,
            };
            TemplateChange {
                template: id.to_string(),
                title: title.to_string(),
                old_readiness: before.map(|t| t.readiness),
                new_readiness: after.map(|t| t.readiness),
                readiness_delta,
                old_verdict: before.map(|t| t.verdict),
                new_verdict: after.map(|t| t.verdict),
            }
        })
        .collect()
}

fn assessed(skill: &SkillResult) -> bool {
    skill.status == SkillStatus::Assessed && skill.estimate.is_some()
}

fn skill_changes(old: &Results, new: &Results) -> Vec<SkillChange> {
    let mut changes: Vec<SkillChange> = Vec::new();
    let in_either = new.skills.iter().chain(
        old.skills
            .iter()
            .filter(|s| !new.skills.iter().any(|n| n.skill == s.skill)),
    );
    for skill in in_either {
        let before = old
            .skills
            .iter()
            .find(|s| s.skill == skill.skill)
            .filter(|s| assessed(s));
        let after = new
            .skills
            .iter()
            .find(|s| s.skill == skill.skill)
            .filter(|s| assessed(s));
        if before.is_none() && after.is_none() {
            continue;
        }
        let estimates = before
            .and_then(|b| b.estimate)
            .zip(after.and_then(|a| a.estimate));
        let theta_delta = estimates.map(|(b, a)| round_to(a.theta - b.theta, 2));
        let beyond_uncertainty =
            estimates.is_some_and(|(b, a)| (a.theta - b.theta).abs() > b.se.hypot(a.se));
        let levels_gained = before
            .and_then(|b| b.level)
            .zip(after.and_then(|a| a.level))
            .map(|(b, a)| a as i8 - b as i8);
        changes.push(SkillChange {
            skill: skill.skill.clone(),
            name: skill.name.clone(),
            old_level: before.and_then(|b| b.level),
            new_level: after.and_then(|a| a.level),
            levels_gained,
            theta_delta,
            beyond_uncertainty,
        });
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::sheet::{AnswerSheet, AnswerValue};

    fn results(catalog: &Catalog, right: bool) -> Results {
        let template = catalog.template("junior-backend").expect("template");
        let answers = catalog
            .questions
            .iter()
            .filter(|q| q.skill == "sql" && q.kind == crate::catalog::QuestionKind::Choice)
            .map(|q| {
                let wrong = q.options.iter().find(|o| Some(&o.id) != q.answer.as_ref());
                let pick = if right {
                    q.answer.clone()
                } else {
                    wrong.map(|o| o.id.clone())
                };
                (q.id.clone(), AnswerValue::One(pick.unwrap_or_default()))
            })
            .collect();
        let sheet = AnswerSheet {
            answers,
            ..AnswerSheet::default()
        };
        crate::results::score(catalog, &sheet, &[template], None)
    }

    #[test]
    fn progress_shows_levels_gained_and_readiness_delta() {
        let catalog = Catalog::embedded().expect("catalog");
        let before = results(&catalog, false);
        let after = results(&catalog, true);
        let comparison = compare(&before, &after, "old.json", "new.json");
        let sql = comparison
            .skills
            .iter()
            .find(|s| s.skill == "sql")
            .expect("sql compared");
        assert!(sql.levels_gained.is_some_and(|g| g >= 2), "{sql:?}");
        assert!(sql.theta_delta.is_some_and(|d| d > 0.0));
        assert!(
            sql.beyond_uncertainty,
            "all wrong to all right is real progress"
        );
        let junior = &comparison.templates[0];
        assert!(
            junior.readiness_delta.is_some_and(|d| d > 0.0),
            "{junior:?}"
        );
        let backwards = compare(&after, &before, "new.json", "old.json");
        let sql_back = backwards
            .skills
            .iter()
            .find(|s| s.skill == "sql")
            .expect("sql");
        assert_eq!(sql_back.levels_gained, sql.levels_gained.map(|g| -g));
        // Skills never assessed in either run are left out.
        assert!(
            comparison
                .skills
                .iter()
                .all(|s| s.old_level.is_some() || s.new_level.is_some())
        );
    }

    #[test]
    fn the_same_run_twice_shows_no_change() {
        let catalog = Catalog::embedded().expect("catalog");
        let run = results(&catalog, true);
        let comparison = compare(&run, &run, "a", "a");
        assert!(
            comparison
                .skills
                .iter()
                .all(|s| s.levels_gained == Some(0) && !s.beyond_uncertainty)
        );
        assert!(
            comparison
                .templates
                .iter()
                .all(|t| t.readiness_delta == Some(0.0))
        );
    }
}
