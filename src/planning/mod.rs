//! Planning: from a results document's gaps to a study plan a person can follow (ordered steps,
//! week by week, with dates, resources and a project each) and the learning pathways that fit
//! their situation.

mod pathways;
mod schedule;

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Resource};
use crate::date::Date;
use crate::estimate::round_to;
use crate::readiness::TemplateReadiness;
use crate::results::{Results, SkillStatus};
use crate::sheet::Profile;

pub use pathways::{Effect, Reason, Recommendation, recommend};
pub use schedule::{Target, add_prerequisites, merge_gaps, order, prerequisite_level};

/// Hours per week assumed when the profile does not say.
pub const DEFAULT_HOURS_PER_WEEK: f64 = 10.0;

/// What the plan is built for: the learner's situation and when they start.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanRequest {
    pub profile: Profile,
    pub start: Date,
    /// Templates to plan for (ids); empty means every template in the results.
    pub templates: Vec<String>,
}

/// The study plan document, part of the results document (`plan`) and the output of
/// `skillgap plan`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Plan {
    pub templates: Vec<String>,
    pub start: Date,
    pub hours_per_week: f64,
    /// True when the profile gave no hours per week and the default was used.
    pub hours_per_week_assumed: bool,
    pub total_hours: f64,
    /// Weeks until the last step is done (0 when there is nothing to learn).
    pub weeks: u32,
    /// The day the last step is done.
    pub finish: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<DeadlineCheck>,
    pub steps: Vec<Step>,
    pub schedule: Vec<Week>,
    pub pathways: Vec<Recommendation>,
}

/// Whether the plan fits the profile's deadline, and what it would take.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DeadlineCheck {
    pub deadline: Date,
    pub met: bool,
    /// Hours per week that would finish the whole plan by the deadline (absent when the deadline
    /// is not after the start).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_per_week_needed: Option<f64>,
    /// Steps finished on or before the deadline at the planned pace.
    pub steps_done_by_deadline: usize,
}

/// One skill to bring to a level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Step {
    /// 1-based position in the plan.
    pub order: usize,
    pub skill: String,
    pub name: String,
    /// `None` when the skill was not assessed; the hours then assume a start from zero.
    pub current_level: Option<u8>,
    pub target_level: u8,
    pub hours: f64,
    pub must: bool,
    pub priority: f64,
    /// Templates whose gap this closes (empty for a prerequisite only).
    pub templates: Vec<String>,
    /// Skills later in the plan that need this one first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needed_by: Vec<String>,
    /// 1-based weeks in which the step starts and ends.
    pub start_week: u32,
    pub end_week: u32,
    /// The day the target level should be reached at the planned pace.
    pub reached_on: Date,
    pub resources: Vec<Resource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
}

/// One calendar week of the plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Week {
    pub number: u32,
    pub starts: Date,
    pub items: Vec<WeekItem>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct WeekItem {
    pub skill: String,
    pub hours: f64,
}

/// The plan document `skillgap plan` writes (`--format json`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PlanDocument {
    pub schema_version: u32,
    pub generator: String,
    pub candidate: String,
    /// The results document the plan was made from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The profile the plan used (the results' profile with the command's changes).
    pub profile: Profile,
    pub plan: Plan,
}

/// Builds the plan for `results` (its gaps, levels and, unless overridden, its profile).
pub fn build(catalog: &Catalog, results: &Results, request: &PlanRequest) -> Plan {
    let chosen: Vec<&TemplateReadiness> = results
        .templates
        .iter()
        .filter(|t| request.templates.is_empty() || request.templates.contains(&t.template))
        .collect();
    let level_of = |id: &str| {
        results
            .skills
            .iter()
            .find(|s| s.skill == id && s.status == SkillStatus::Assessed)
            .and_then(|s| s.level)
    };
    build_for(catalog, &chosen, level_of, request)
}

/// Builds the plan for the gaps of `chosen` templates; `level_of` gives a skill's assessed level.
pub fn build_for(
    catalog: &Catalog,
    chosen: &[&TemplateReadiness],
    level_of: impl Fn(&str) -> Option<u8>,
    request: &PlanRequest,
) -> Plan {
    let mut targets = merge_gaps(chosen);
    add_prerequisites(catalog, &mut targets, level_of);
    let targets = order(catalog, targets);
    let (hours_per_week, assumed) = match request.profile.hours_per_week {
        Some(hours) if hours > 0.0 => (hours, false),
        _ => (DEFAULT_HOURS_PER_WEEK, true),
    };
    let steps = lay_out(catalog, targets, hours_per_week, request.start);
    let total_hours = steps.iter().fold(0.0, |sum, s| sum + s.hours);
    let weeks = weeks_for(total_hours, hours_per_week);
    let finish = steps.last().map_or(request.start, |s| s.reached_on);
    let deadline = request
        .profile
        .deadline
        .as_deref()
        .and_then(|d| d.parse::<Date>().ok())
        .map(|deadline| check_deadline(deadline, request.start, total_hours, &steps));
    let schedule = week_by_week(&steps, hours_per_week, request.start);
    let gap_hours: Vec<(&str, f64)> = steps.iter().map(|s| (s.skill.as_str(), s.hours)).collect();
    let pathways = recommend(
        catalog,
        &pathways::Situation {
            profile: &request.profile,
            hours_per_week,
            start: request.start,
            plan_hours: total_hours,
            gap_hours: &gap_hours,
        },
    );
    Plan {
        templates: chosen.iter().map(|t| t.template.clone()).collect(),
        start: request.start,
        hours_per_week,
        hours_per_week_assumed: assumed,
        total_hours,
        weeks,
        finish,
        deadline,
        steps,
        schedule,
        pathways,
    }
}

/// Adds a plan to freshly scored results, for all their templates, with the profile they carry.
pub fn attach(catalog: &Catalog, results: &mut Results, start: Date) {
    let request = PlanRequest {
        profile: results.profile.clone().unwrap_or_default(),
        start,
        templates: Vec::new(),
    };
    results.plan = Some(build(catalog, results, &request));
}

/// Whole weeks needed for `hours` at `per_week`.
pub fn weeks_for(hours: f64, per_week: f64) -> u32 {
    if hours <= 0.0 || per_week <= 0.0 {
        return 0;
    }
    (hours / per_week - 1e-9).ceil().max(1.0) as u32
}

/// The day `hours` of study are done, studying `per_week` hours a week spread over its 7 days.
pub fn day_done(start: Date, hours: f64, per_week: f64) -> Date {
    let days = (hours / per_week * 7.0 - 1e-9).ceil().max(0.0) as i64;
    start.add_days(days)
}

fn lay_out(catalog: &Catalog, targets: Vec<Target>, per_week: f64, start: Date) -> Vec<Step> {
    let mut done_hours = 0.0;
    let mut steps = Vec::new();
    for target in targets {
        let skill = catalog.skill(&target.skill);
        let from = target.current_level.unwrap_or(0);
        let hours = skill.map_or(0.0, |s| s.hours_between(from, target.target_level));
        if hours <= 0.0 {
            continue;
        }
        let begins = done_hours;
        done_hours += hours;
        steps.push(Step {
            order: steps.len() + 1,
            skill: target.skill,
            name: target.name,
            current_level: target.current_level,
            target_level: target.target_level,
            hours,
            must: target.must,
            priority: round_to(target.priority, 2),
            templates: target.templates,
            needed_by: target.needed_by,
            start_week: (begins / per_week + 1e-9).floor() as u32 + 1,
            end_week: weeks_for(done_hours, per_week),
            reached_on: day_done(start, done_hours, per_week),
            resources: skill.map(|s| s.resources.clone()).unwrap_or_default(),
            project: skill.and_then(|s| s.project.clone()),
        });
    }
    steps
}

fn check_deadline(deadline: Date, start: Date, total_hours: f64, steps: &[Step]) -> DeadlineCheck {
    let days = deadline.days_since(start);
    let hours_per_week_needed = (days > 0).then(|| round_to(total_hours / (days as f64 / 7.0), 1));
    DeadlineCheck {
        deadline,
        met: steps.last().is_none_or(|s| s.reached_on <= deadline),
        hours_per_week_needed,
        steps_done_by_deadline: steps.iter().filter(|s| s.reached_on <= deadline).count(),
    }
}

/// Splits the steps into calendar weeks of `per_week` hours.
fn week_by_week(steps: &[Step], per_week: f64, start: Date) -> Vec<Week> {
    let mut weeks: Vec<Week> = Vec::new();
    let mut room = 0.0;
    for step in steps {
        let mut left = step.hours;
        while left > 1e-9 {
            if room <= 1e-9 {
                let number = weeks.len() as u32 + 1;
                weeks.push(Week {
                    number,
                    starts: start.add_days(7 * i64::from(number - 1)),
                    items: Vec::new(),
                });
                room = per_week;
            }
            let spent = left.min(room);
            if let Some(week) = weeks.last_mut() {
                week.items.push(WeekItem {
                    skill: step.skill.clone(),
                    hours: round_to(spent, 1),
                });
            }
            left -= spent;
            room -= spent;
        }
    }
    weeks
}

#[cfg(test)]
mod tests;
