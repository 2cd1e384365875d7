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

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
        (100.0 * covered / total_weight).clamp(0.0, 100.0)
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
