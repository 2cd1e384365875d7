//! The study plan laid out for the text formats: what to learn in which order, week by week,
//! with projects and resources, and the learning pathways with the reasons for each.

use super::{Detail, Listing};
use crate::estimate::level_name;
use crate::planning::{Effect, Plan, PlanDocument, Recommendation, Step};

/// Pathways shown in the text formats; JSON has them all.
const PATHWAYS_SHOWN: usize = 4;
/// Resources shown per step in the text formats.
const RESOURCES_SHOWN: usize = 2;

/// `skillgap plan`'s report.
pub fn plan_detail(document: &PlanDocument) -> Detail {
    let id = |id: &str| id.to_string();
    let mut fields = plan_fields_with(&document.plan, &id);
    if let Some(source) = &document.source {
        fields.insert(0, ("Results from", source.clone()));
    }
    Detail {
        title: match document.candidate.trim() {
            "" | "candidate" => "Study plan: your plan".to_string(),
            name => format!("Study plan: {name}"),
        },
        fields,
        sections: plan_sections(&document.plan, &id),
        item: serde_json::to_value(document).unwrap_or(serde_json::Value::Null),
    }
}

/// A template's title by its id (the id itself when the title is not known).
pub type Titles<'a> = dyn Fn(&str) -> String + 'a;

/// The plan's headline figures, templates by id.
pub fn plan_fields(plan: &Plan) -> Vec<(&'static str, String)> {
    plan_fields_with(plan, &|id: &str| id.to_string())
}

/// The plan's headline figures, templates by their titles.
pub fn plan_fields_with(plan: &Plan, title: &Titles) -> Vec<(&'static str, String)> {
    let pace = if plan.hours_per_week_assumed {
        format!(
            "{} h/week (assumed; set it with --hours-per-week)",
            plan.hours_per_week
        )
    } else {
        format!("{} h/week", plan.hours_per_week)
    };
    let mut fields = vec![
        (
            "Targets",
            plan.templates
                .iter()
                .map(|t| title(t))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("Pace", pace),
        (
            "Total",
            format!(
                "{} h over {} week(s), {} step(s): {} to {}",
                plan.total_hours,
                plan.weeks,
                plan.steps.len(),
                plan.start,
                plan.finish
            ),
        ),
    ];
    if let Some(check) = &plan.deadline {
        let verdict = if check.met {
            format!("{}: the plan fits", check.deadline)
        } else {
            let needed = check.hours_per_week_needed.map_or_else(
                || "the deadline is not after the start".to_string(),
                |h| format!("finishing everything by then needs {h} h/week"),
            );
            format!(
                "{}: missed; {} of {} step(s) done by then; {needed}",
                check.deadline,
                check.steps_done_by_deadline,
                plan.steps.len()
            )
        };
        fields.push(("Deadline", verdict));
    }
    if let Some(note) = &plan.schedule_note {
        fields.push(("Schedule", note.clone()));
    }
    if plan.steps.is_empty() {
        fields.retain(|(name, _)| *name == "Targets");
        fields.push(("Study plan", nothing_to_close(plan)));
    }
    fields
}

/// What a plan with no steps says: the candidate is ready, and where to aim next.
pub fn nothing_to_close(plan: &Plan) -> String {
    let next = if plan.next_templates.is_empty() {
        String::new()
    } else {
        format!(
            "; aim next for {} (score the same answers with --template {})",
            plan.next_templates.join(" or "),
            plan.next_templates[0]
        )
    };
    format!("nothing to close: every requirement of the targets is met{next}")
}

/// The plan's sections: steps, projects and resources, week by week, pathways.
pub fn plan_sections(plan: &Plan, title: &Titles) -> Vec<(String, Listing)> {
    let mut sections = Vec::new();
    if !plan.measure_first.is_empty() {
        sections.push((
            "Measure first: your answers leave these unclear".to_string(),
            measure_first_listing(plan),
        ));
    }
    if plan.steps.is_empty() {
        return sections;
    }
    sections.extend([
        (
            "Study plan, in order".to_string(),
            steps_listing_with(plan, title),
        ),
        (
            "What to build and read, step by step".to_string(),
            projects_listing(plan),
        ),
        ("Week by week".to_string(), weeks_listing(plan)),
        (
            "Learning pathways that fit, best first".to_string(),
            pathways_listing(&plan.pathways),
        ),
    ]);
    sections
}

/// Unclear requirements with the command that measures each, instead of hours of study.
fn measure_first_listing(plan: &Plan) -> Listing {
    let rows = plan
        .measure_first
        .iter()
        .map(|m| {
            vec![
                m.name.clone(),
                format!(
                    "{} needed; {}",
                    level_name(m.required_level),
                    super::certainty::met_phrase(m.p_met)
                ),
                m.command.clone(),
            ]
        })
        .collect();
    Listing::new(
        vec!["Skill", "Where it stands", "Measure it with"],
        rows,
        &plan.measure_first,
    )
}

fn levels(step: &Step) -> String {
    let from = step
        .current_level
        .map_or_else(|| "not assessed".to_string(), |l| level_name(l).to_string());
    format!("{from} → {}", level_name(step.target_level))
}

fn why(step: &Step, plan_steps: &[Step], title: &Titles) -> String {
    let mut reasons = Vec::new();
    if !step.templates.is_empty() {
        let need = if step.must {
            "must-have"
        } else {
            "nice-to-have"
        };
        let titles: Vec<String> = step.templates.iter().map(|t| title(t)).collect();
        reasons.push(format!("{need} for {}", titles.join(", ")));
    }
    if !step.needed_by.is_empty() {
        let names: Vec<String> = step
            .needed_by
            .iter()
            .map(|id| skill_name(plan_steps, id))
            .collect();
        reasons.push(format!("needed first by {}", names.join(", ")));
    }
    reasons.join("; ")
}

fn weeks_span(step: &Step) -> String {
    if step.start_week == step.end_week {
        format!("{}", step.start_week)
    } else {
        format!("{}–{}", step.start_week, step.end_week)
    }
}

/// A skill's name from the plan's steps, or its id.
fn skill_name(steps: &[Step], id: &str) -> String {
    steps
        .iter()
        .find(|s| s.skill == id)
        .map_or_else(|| id.to_string(), |s| s.name.clone())
}

pub(super) fn steps_listing(plan: &Plan) -> Listing {
    steps_listing_with(plan, &|id: &str| id.to_string())
}

fn steps_listing_with(plan: &Plan, title: &Titles) -> Listing {
    let rows = plan
        .steps
        .iter()
        .map(|step| {
            vec![
                step.order.to_string(),
                step.name.clone(),
                levels(step),
                format!("{} h", step.hours),
                weeks_span(step),
                step.reached_on.to_string(),
                why(step, &plan.steps, title),
            ]
        })
        .collect();
    Listing::new(
        vec!["#", "Skill", "Level", "Hours", "Weeks", "Reached by", "Why"],
        rows,
        &plan.steps,
    )
}

fn projects_listing(plan: &Plan) -> Listing {
    let rows = plan
        .steps
        .iter()
        .map(|step| {
            let resources: Vec<String> = step
                .resources
                .iter()
                .take(RESOURCES_SHOWN)
                .map(|r| format!("{}\n{}", r.title, r.url))
                .collect();
            vec![
                step.order.to_string(),
                step.name.clone(),
                step.project.clone().unwrap_or_else(|| "-".to_string()),
                if resources.is_empty() {
                    "-".to_string()
                } else {
                    resources.join("\n")
                },
            ]
        })
        .collect();
    Listing::new(
        vec!["#", "Skill", "Project to prove it", "Start with"],
        rows,
        &plan.steps,
    )
}

/// Weeks spent wholly on one skill are merged into one row ("5–12"), so a long plan stays
/// readable.
pub(super) fn weeks_listing(plan: &Plan) -> Listing {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut last_whole: Option<(String, u32)> = None;
    for week in &plan.schedule {
        let whole = match week.items.as_slice() {
            [only] => Some(format!(
                "{} {} h",
                skill_name(&plan.steps, &only.skill),
                only.hours
            )),
            _ => None,
        };
        match (&whole, &mut last_whole, rows.last_mut()) {
            (Some(study), Some((previous, first)), Some(row)) if study == previous => {
                row[0] = format!("{}–{}", first, week.number);
            }
            _ => {
                let items: Vec<String> = week
                    .items
                    .iter()
                    .map(|item| {
                        format!("{} {} h", skill_name(&plan.steps, &item.skill), item.hours)
                    })
                    .collect();
                rows.push(vec![
                    week.number.to_string(),
                    week.starts.to_string(),
                    items.join(", "),
                ]);
                last_whole = whole.map(|study| (study, week.number));
            }
        }
    }
    Listing::new(vec!["Week", "Starts", "Study"], rows, &plan.schedule)
}

fn mark(effect: Effect) -> &'static str {
    match effect {
        Effect::For => "+",
        Effect::Against => "−",
        Effect::Note => "~",
    }
}

fn pathways_listing(recommendations: &[Recommendation]) -> Listing {
    let rows = recommendations
        .iter()
        .take(PATHWAYS_SHOWN)
        .map(|r| {
            let reasons: Vec<String> = r
                .reasons
                .iter()
                .map(|reason| format!("{} {}", mark(reason.effect), reason.text))
                .collect();
            vec![format!("{:.0}", r.fit), r.name.clone(), reasons.join("; ")]
        })
        .collect();
    Listing::new(vec!["Fit", "Pathway", "Why"], rows, &recommendations)
}
