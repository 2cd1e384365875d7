//! What the text formats (table, Markdown) share: level bars, labels and the layout of a
//! candidate's report as sections.

use super::{Detail, Listing};
use crate::estimate::level_name;
use crate::readiness::TemplateReadiness;
use crate::results::{Results, SkillResult, SkillStatus};
use crate::summary::Summary;

/// A four-cell bar of a level against a required level: `█` reached, `▒` still missing up to the
/// requirement, `·` beyond it. `????` when the skill was not assessed.
pub fn level_bar(current: Option<u8>, required: u8) -> String {
    let Some(current) = current else {
        return "????".to_string();
    };
    (1..=4u8)
        .map(|cell| {
            if cell <= current {
                '█'
            } else if cell <= required {
                '▒'
            } else {
                '·'
            }
        })
        .collect()
}

/// "working ±1" or "not assessed".
pub fn level_label(skill: &SkillResult) -> String {
    match (skill.status, skill.estimate) {
        (SkillStatus::Assessed, Some(estimate)) => {
            let plus_minus = estimate.plus_minus_levels();
            if plus_minus == 0 {
                level_name(estimate.level()).to_string()
            } else {
                format!("{} ±{plus_minus}", level_name(estimate.level()))
            }
        }
        _ => "not assessed".to_string(),
    }
}

/// "72% · nearly".
pub fn readiness_label(template: &TemplateReadiness) -> String {
    format!("{:.0}% · {}", template.readiness, template.verdict.as_str())
}

fn optional_level(level: Option<u8>) -> String {
    level.map_or_else(
        || "not assessed".to_string(),
        |l| format!("{l} {}", level_name(l)),
    )
}

fn yes_no(value: bool) -> String {
    if value { "must" } else { "nice" }.to_string()
}

/// A candidate's report laid out as a [`Detail`]: skills, then per template its requirements
/// and its gaps.
pub fn results_detail(results: &Results) -> Detail {
    let mut fields = vec![(
        "Catalog",
        format!("{} {}", results.catalog.id, results.catalog.version),
    )];
    if let Some(source) = &results.source {
        fields.push(("Answers from", source.clone()));
    }
    let tested: usize = results.skills.iter().map(|s| s.answered).sum();
    fields.push((
        "Answered",
        format!(
            "{tested} tested question(s) over {} skill(s)",
            results
                .skills
                .iter()
                .filter(|s| s.status == SkillStatus::Assessed)
                .count()
        ),
    ));
    let mut sections = vec![("Skills".to_string(), skills_listing(results))];
    for template in &results.templates {
        sections.push((
            format!("{} — {}", template.title, readiness_label(template)),
            requirements_listing(template, results),
        ));
        if !template.gaps.is_empty() {
            sections.push((
                format!("Gaps for {}, by priority", template.title),
                gaps_listing(template),
            ));
        }
    }
    if let Some(plan) = &results.plan {
        fields.extend(super::plan_layout::plan_fields(plan));
        sections.extend(super::plan_layout::plan_sections(plan));
    }
    Detail {
        title: format!("Skills gap report: {}", results.display_name()),
        fields,
        sections,
        item: serde_json::to_value(results).unwrap_or(serde_json::Value::Null),
    }
}

/// The highest level any scored template requires of `skill`, 0 when none does.
fn highest_requirement(results: &Results, skill: &str) -> u8 {
    results
        .templates
        .iter()
        .flat_map(|t| &t.requirements)
        .filter(|r| r.skill == skill)
        .map(|r| r.required_level)
        .max()
        .unwrap_or(0)
}

/// Skills grouped by area (the area named on its first row), each level drawn against the
/// highest level a template requires of it.
pub(super) fn skills_listing(results: &Results) -> Listing {
    let mut previous_area = "";
    let rows = results
        .skills
        .iter()
        .map(|skill| {
            let area = if skill.area == previous_area {
                String::new()
            } else {
                skill.area.clone()
            };
            previous_area = &skill.area;
            let required = highest_requirement(results, &skill.skill);
            vec![
                area,
                skill.name.clone(),
                level_label(skill),
                level_bar(skill.level, required),
                if required == 0 {
                    "-".to_string()
                } else {
                    format!("{required} {}", level_name(required))
                },
                format!("{:.1}/{}", skill.correct, skill.answered),
                skill
                    .experience
                    .as_ref()
                    .map_or_else(|| "-".to_string(), |e| format!("{:.0}%", e.score * 100.0)),
            ]
        })
        .collect();
    Listing::new(
        vec![
            "Area",
            "Skill",
            "Level",
            "Bar",
            "Required",
            "Right/answered",
            "Experience (self-report)",
        ],
        rows,
        &results.skills,
    )
}

pub(super) fn requirements_listing(template: &TemplateReadiness, results: &Results) -> Listing {
    let name_of = |id: &str| {
        results
            .skills
            .iter()
            .find(|s| s.skill == id)
            .map_or_else(|| id.to_string(), |s| s.name.clone())
    };
    let rows = template
        .requirements
        .iter()
        .map(|r| {
            let skill = if r.alternatives.is_empty() {
                name_of(&r.skill)
            } else {
                format!(
                    "{} (any of {})",
                    name_of(&r.skill),
                    r.alternatives.join(", ")
                )
            };
            vec![
                skill,
                format!("{} {}", r.required_level, level_name(r.required_level)),
                optional_level(r.current_level),
                level_bar(r.current_level, r.required_level),
                yes_no(r.must),
                if r.met { "met" } else { "gap" }.to_string(),
            ]
        })
        .collect();
    Listing::new(
        vec!["Skill", "Required", "Current", "Bar", "Need", "Status"],
        rows,
        &template.requirements,
    )
}

pub(super) fn gaps_listing(template: &TemplateReadiness) -> Listing {
    let rows = template
        .gaps
        .iter()
        .enumerate()
        .map(|(i, gap)| {
            vec![
                (i + 1).to_string(),
                gap.name.clone(),
                optional_level(gap.current_level),
                format!("{} {}", gap.required_level, level_name(gap.required_level)),
                yes_no(gap.must),
                format!("{:.0} h", gap.hours),
            ]
        })
        .collect();
    Listing::new(
        vec!["#", "Skill", "Current", "Required", "Need", "Est. hours"],
        rows,
        &template.gaps,
    )
}

/// The summary's two tables: per template, and the most common gaps.
pub(crate) fn summary_listings(summary: &Summary) -> (Listing, Listing) {
    let templates = summary
        .templates
        .iter()
        .map(|t| {
            vec![
                t.title.clone(),
                t.candidates.to_string(),
                format!("{:.0}%", t.mean_readiness),
                format!("{:.0}%", t.median_readiness),
                t.ready.to_string(),
                t.nearly.to_string(),
                t.not_yet.to_string(),
            ]
        })
        .collect();
    let gaps = summary
        .common_gaps
        .iter()
        .map(|g| {
            vec![
                g.name.clone(),
                g.candidates.to_string(),
                g.must_have.to_string(),
            ]
        })
        .collect();
    (
        Listing::new(
            vec![
                "Template",
                "Candidates",
                "Mean",
                "Median",
                "Ready",
                "Nearly",
                "Not yet",
            ],
            templates,
            &summary.templates,
        ),
        Listing::new(
            vec!["Skill", "Candidates with the gap", "As a must-have"],
            gaps,
            &summary.common_gaps,
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_show_reached_missing_and_beyond() {
        assert_eq!(level_bar(Some(1), 3), "█▒▒·");
        assert_eq!(level_bar(Some(3), 2), "███·");
        assert_eq!(level_bar(Some(0), 0), "····");
        assert_eq!(level_bar(None, 2), "????");
    }
}
