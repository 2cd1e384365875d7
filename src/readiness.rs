//! Readiness against job templates: weighted coverage of the required levels, a verdict and the
//! gaps, ordered by priority. The formulas are documented in the README.

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Requirement, Template, TemplateLevel};
use crate::estimate::Estimate;

/// Readiness (percent) at which, with every must-have met, a candidate is "ready".
pub const READY_AT: f64 = 80.0;
/// Readiness (percent) from which a candidate is "nearly" ready, if no must-have is more than one
/// level short.
pub const NEARLY_AT: f64 = 60.0;

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    NotYet,
    Nearly,
    Ready,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Ready => "ready",
            Verdict::Nearly => "nearly",
            Verdict::NotYet => "not yet",
        }
    }
}

/// How one requirement is met.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RequirementOutcome {
    /// The skill counted (the best of the alternatives).
    pub skill: String,
    /// The alternatives when the requirement is `any_of`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
    pub required_level: u8,
    /// `None` when the skill was not assessed.
    pub current_level: Option<u8>,
    pub weight: f64,
    pub must: bool,
    pub met: bool,
    /// min(1, continuous level / required level); 0 when not assessed.
    pub coverage: f64,
}

/// A requirement not met, with what it takes to close it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Gap {
    pub skill: String,
    pub name: String,
    /// `None` when the skill was not assessed.
    pub current_level: Option<u8>,
    pub required_level: u8,
    pub weight: f64,
    pub must: bool,
    /// Estimated hours from the current level (0 when not assessed) to the required one.
    pub hours: f64,
    /// weight × levels short × 2 for a must-have; higher comes first.
    pub priority: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TemplateReadiness {
    pub template: String,
    pub title: String,
    pub level: TemplateLevel,
    /// 0–100.
    pub readiness: f64,
    pub verdict: Verdict,
    pub must_haves_missing: usize,
    pub requirements: Vec<RequirementOutcome>,
    pub gaps: Vec<Gap>,
}

/// Scores a template given each skill's estimate (`None`: not assessed).
pub fn assess_template(
    template: &Template,
    catalog: &Catalog,
    estimate_of: impl Fn(&str) -> Option<Estimate>,
) -> TemplateReadiness {
    let requirements: Vec<RequirementOutcome> = template
        .requirements
        .iter()
        .map(|requirement| outcome(requirement, catalog, &estimate_of))
        .collect();
    let total_weight: f64 = requirements.iter().map(|r| r.weight).sum();
    let covered: f64 = requirements.iter().map(|r| r.weight * r.coverage).sum();
    let readiness = if total_weight > 0.0 {
        crate::estimate::round_to((100.0 * covered / total_weight).clamp(0.0, 100.0), 1)
    } else {
        0.0
    };
    let must_haves_missing = requirements.iter().filter(|r| r.must && !r.met).count();
    let worst_must_shortfall = requirements
        .iter()
        .filter(|r| r.must)
        .map(shortfall)
        .max()
        .unwrap_or(0);
    let verdict = if must_haves_missing == 0 && readiness >= READY_AT {
        Verdict::Ready
    } else if readiness >= NEARLY_AT && worst_must_shortfall <= 1 {
        Verdict::Nearly
    } else {
        Verdict::NotYet
    };
    let mut gaps: Vec<Gap> = requirements
        .iter()
        .filter(|r| !r.met)
        .map(|r| gap(r, catalog))
        .collect();
    gaps.sort_by(|a, b| {
        b.priority
            .total_cmp(&a.priority)
            .then(b.must.cmp(&a.must))
            .then(a.skill.cmp(&b.skill))
    });
    TemplateReadiness {
        template: template.id.clone(),
        title: template.title.clone(),
        level: template.level,
        readiness,
        verdict,
        must_haves_missing,
        requirements,
        gaps,
    }
}

/// Levels short of the requirement, counting "not assessed" as level 0.
fn shortfall(outcome: &RequirementOutcome) -> u8 {
    outcome
        .required_level
        .saturating_sub(outcome.current_level.unwrap_or(0))
}

fn outcome(
    requirement: &Requirement,
    catalog: &Catalog,
    estimate_of: &impl Fn(&str) -> Option<Estimate>,
) -> RequirementOutcome {
    let required = requirement.level.clamp(1, 4);
    // The best assessed alternative counts; if none was assessed, the quickest to learn.
    let best = requirement
        .skills()
        .filter_map(|skill| estimate_of(skill).map(|e| (skill, e)))
        .max_by(|a, b| a.1.continuous_level().total_cmp(&b.1.continuous_level()));
    let (skill, estimate) = match best {
        Some((skill, estimate)) => (skill, Some(estimate)),
        None => (quickest_to_learn(requirement, catalog, required), None),
    };
    let coverage = estimate.map_or(0.0, |e| {
        (e.continuous_level() / f64::from(required)).min(1.0)
    });
    let current_level = estimate.map(Estimate::level);
    RequirementOutcome {
        skill: skill.to_string(),
        alternatives: requirement.any_of.clone(),
        required_level: required,
        current_level,
        weight: requirement.weight,
        must: requirement.must,
        met: current_level.is_some_and(|level| level >= required),
        coverage,
    }
}

fn quickest_to_learn<'r>(requirement: &'r Requirement, catalog: &Catalog, required: u8) -> &'r str {
    requirement
        .skills()
        .min_by(|a, b| {
            let hours = |id: &str| {
                catalog
                    .skill(id)
                    .map_or(f64::INFINITY, |s| s.hours_between(0, required))
            };
            hours(a).total_cmp(&hours(b))
        })
        .unwrap_or("")
}

fn gap(outcome: &RequirementOutcome, catalog: &Catalog) -> Gap {
    let from = outcome.current_level.unwrap_or(0);
    let skill = catalog.skill(&outcome.skill);
    let factor = if outcome.must { 2.0 } else { 1.0 };
    Gap {
        skill: outcome.skill.clone(),
        name: skill.map_or_else(|| outcome.skill.clone(), |s| s.name.clone()),
        current_level: outcome.current_level,
        required_level: outcome.required_level,
        weight: outcome.weight,
        must: outcome.must,
        hours: skill.map_or(0.0, |s| s.hours_between(from, outcome.required_level)),
        priority: outcome.weight * f64::from(shortfall(outcome)) * factor,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;
    use crate::catalog::{Catalog, QuestionKind};
    use crate::results;
    use crate::sheet::{AnswerSheet, AnswerValue};

    fn at_level(level: f64) -> Option<Estimate> {
        // continuous level = θ + 2.5
        Some(Estimate {
            theta: level - 2.5,
            se: 0.5,
        })
    }

    fn catalog() -> Catalog {
        Catalog::embedded().expect("embedded catalog")
    }

    #[test]
    fn all_requirements_met_is_ready_at_100() {
        let catalog = catalog();
        let template = catalog.template("junior-backend").expect("template");
        let readiness = assess_template(template, &catalog, |_| at_level(4.0));
        assert_eq!(readiness.readiness, 100.0);
        assert_eq!(readiness.verdict, Verdict::Ready);
        assert!(readiness.gaps.is_empty());
    }

    #[test]
    fn nothing_assessed_is_zero_and_every_requirement_is_a_gap() {
        let catalog = catalog();
        let template = catalog.template("junior-backend").expect("template");
        let readiness = assess_template(template, &catalog, |_| None);
        assert_eq!(readiness.readiness, 0.0);
        assert_eq!(readiness.verdict, Verdict::NotYet);
        assert_eq!(readiness.gaps.len(), template.requirements.len());
        assert!(
            readiness
                .gaps
                .iter()
                .all(|g| g.current_level.is_none() && g.hours > 0.0)
        );
    }

    #[test]
    fn a_missing_must_have_blocks_ready_and_comes_first() {
        let catalog = catalog();
        let template = catalog.template("junior-backend").expect("template");
        // Everything expert except SQL (a must-have at level 2), which is at awareness.
        let readiness = assess_template(template, &catalog, |id| {
            at_level(if id == "sql" { 1.5 } else { 4.0 })
        });
        assert!(readiness.readiness > READY_AT, "{}", readiness.readiness);
        assert_eq!(readiness.verdict, Verdict::Nearly);
        assert_eq!(readiness.must_haves_missing, 1);
        let gap = &readiness.gaps[0];
        assert_eq!(
            (gap.skill.as_str(), gap.current_level, gap.required_level),
            ("sql", Some(1), 2)
        );
        let sql = catalog.skill("sql").expect("skill");
        assert_eq!(gap.hours, sql.hours_per_level[1]);
        assert_eq!(gap.priority, 3.0 * 1.0 * 2.0);
    }

    #[test]
    fn the_best_alternative_counts() {
        let catalog = catalog();
        let template = catalog.template("junior-backend").expect("template");
        let readiness = assess_template(template, &catalog, |id| match id {
            "go" => at_level(3.0),
            "python" => at_level(1.0),
            _ => None,
        });
        let languages = &readiness.requirements[0];
        assert_eq!(languages.skill, "go");
        assert!(languages.met);
    }

    fn tested_questions(catalog: &Catalog) -> Vec<(String, AnswerValue, AnswerValue)> {
        let template = catalog.template("junior-backend").expect("template");
        let skills = crate::questionnaire::required_skills(catalog, &[template]);
        crate::questionnaire::pick_questions(catalog, &skills, 3)
            .into_iter()
            .filter(|q| q.kind == QuestionKind::Choice)
            .map(|q| {
                let right = q.answer.clone().expect("choice key");
                let wrong = q
                    .options
                    .iter()
                    .find(|o| o.id != right)
                    .expect("other")
                    .id
                    .clone();
                (
                    q.id.clone(),
                    AnswerValue::One(right),
                    AnswerValue::One(wrong),
                )
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn readiness_stays_in_range_and_never_drops_when_an_answer_turns_right(
            pattern in proptest::collection::vec(any::<bool>(), 60),
            flip in 0usize..60,
        ) {
            let catalog = catalog();
            let questions = tested_questions(&catalog);
            let template = catalog.template("junior-backend").expect("template");
            let sheet_with = |flipped: Option<usize>| AnswerSheet {
                answers: questions
                    .iter()
                    .enumerate()
                    .map(|(i, (id, right, wrong))| {
                        let is_right = Some(i) == flipped || pattern[i % pattern.len()];
                        (id.clone(), if is_right { right.clone() } else { wrong.clone() })
                    })
                    .collect::<BTreeMap<_, _>>(),
                ..AnswerSheet::default()
            };
            let flip = flip % questions.len();
            let before = results::score(&catalog, &sheet_with(None), &[template], None);
            let after = results::score(&catalog, &sheet_with(Some(flip)), &[template], None);
            let (before, after) = (&before.templates[0], &after.templates[0]);
            prop_assert!((0.0..=100.0).contains(&before.readiness));
            prop_assert!(after.readiness >= before.readiness - 1e-9, "{} -> {}", before.readiness, after.readiness);
            prop_assert!(after.verdict >= before.verdict);
        }
    }
}
