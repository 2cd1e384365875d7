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
    /// The level the probabilities are about: the highest the templates require of the skill,
    /// else the new most probable level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about_level: Option<u8>,
    /// Whether `about_level` is a required level (the probabilities are then P(level ≥ it)),
    /// or the most probable one (P(level = it)).
    #[serde(default)]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_probability: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_probability: Option<f64>,
    /// P(the level went up) and P(it went down), from the two level distributions treated as
    /// independent measurements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p_gained: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p_dropped: Option<f64>,
    /// `gained` or `dropped` when that probability is at least [`REAL_CHANGE`], else `none`.
    pub change: Change,
    /// Whether the new result carried this skill over from an earlier one (not measured again).
    #[serde(default)]
    pub carried: bool,
}

/// A change is called real when P(level went up), or down, is at least this.
pub const REAL_CHANGE: f64 = 0.8;

/// What the probabilities say about a skill's change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    Gained,
    Dropped,
    /// Neither direction is likely enough (or the levels' probabilities are missing).
    NoneClear,
}

/// P(after > before) and P(after < before) for independent level distributions.
pub fn level_moves(before: &[f64; 5], after: &[f64; 5]) -> (f64, f64) {
    let mut up = 0.0;
    let mut down = 0.0;
    for (i, b) in before.iter().enumerate() {
        for (j, a) in after.iter().enumerate() {
            if j > i {
                up += b * a;
            } else if j < i {
                down += b * a;
            }
        }
    }
    (up, down)
}

/// The highest level `results`' templates require of `skill`.
fn required_level(results: &Results, skill: &str) -> Option<u8> {
    results
        .templates
        .iter()
        .flat_map(|t| &t.requirements)
        .filter(|r| r.skill == skill || r.alternatives.iter().any(|a| a == skill))
        .map(|r| r.required_level)
        .max()
}

/// P(level ≥ `level`) when `at_least`, else P(level = `level`).
fn probability_at(probabilities: &[f64; 5], level: u8, at_least: bool) -> f64 {
    let level = usize::from(level.min(4));
    if at_least {
        probabilities[level..].iter().sum()
    } else {
        probabilities[level]
    }
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
        let required = required_level(new, &skill.skill).or(required_level(old, &skill.skill));
        let about_level = required.or(after.and_then(|a| a.level));
        let old_p = before.and_then(|b| b.level_probabilities);
        let new_p = after.and_then(|a| a.level_probabilities);
        let at = |p: Option<[f64; 5]>| {
            p.zip(about_level)
                .map(|(p, level)| round_to(probability_at(&p, level, required.is_some()), 3))
        };
        let moves = old_p.zip(new_p).map(|(b, a)| level_moves(&b, &a));
        let change = match moves {
            Some((up, _)) if up >= REAL_CHANGE => Change::Gained,
            Some((_, down)) if down >= REAL_CHANGE => Change::Dropped,
            _ => Change::NoneClear,
        };
        changes.push(SkillChange {
            skill: skill.skill.clone(),
            name: skill.name.clone(),
            old_level: before.and_then(|b| b.level),
            new_level: after.and_then(|a| a.level),
            levels_gained,
            theta_delta,
            beyond_uncertainty,
            about_level,
            required: required.is_some(),
            old_probability: at(old_p),
            new_probability: at(new_p),
            p_gained: moves.map(|m| round_to(m.0, 3)),
            p_dropped: moves.map(|m| round_to(m.1, 3)),
            change,
            carried: after.is_some_and(|a| a.carried),
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
    fn a_change_is_real_only_when_the_probabilities_say_so() {
        // Independent distributions: P(up) = Σ_{j > i} P(before = i)·P(after = j).
        let (up, down) = level_moves(&[0.5, 0.5, 0.0, 0.0, 0.0], &[0.0, 0.5, 0.5, 0.0, 0.0]);
        assert!(
            (up - 0.75).abs() < 1e-12 && down.abs() < 1e-12,
            "{up} {down}"
        );
        let catalog = Catalog::embedded().expect("catalog");
        let before = results(&catalog, false);
        let after = results(&catalog, true);
        let sql = |c: &Comparison| c.skills.iter().find(|s| s.skill == "sql").cloned();
        let gained = sql(&compare(&before, &after, "a", "b")).expect("sql");
        assert_eq!(gained.change, Change::Gained, "{gained:?}");
        assert!(gained.required && gained.about_level.is_some());
        assert!(
            gained.old_probability < gained.new_probability,
            "{gained:?}"
        );
        let same = sql(&compare(&after, &after, "a", "a")).expect("sql");
        assert_eq!(same.change, Change::NoneClear, "{same:?}");
        assert!(same.p_gained < Some(REAL_CHANGE));
        let dropped = sql(&compare(&after, &before, "b", "a")).expect("sql");
        assert_eq!(dropped.change, Change::Dropped);
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
