//! A candidate's page: who and what, then per template the verdict, the radar of areas, a bar
//! per required skill and the gaps, then the skills assessed and the study plan.

use std::fmt::Write as _;

use super::super::certainty::{
    MEANING, level_phrase, met_phrase, readiness_phrase, requirement_phrase, verdict_phrase,
};
use super::super::svg::{self, Axis, Bar};
use super::{escape, facts, html_table, plan, verdict_badge};
use crate::date::Date;
use crate::estimate::level_name;
use crate::readiness::{RequirementOutcome, TemplateReadiness};
use crate::results::{Results, SkillStatus};

fn body(results: &Results, made_on: Date) -> String {
    let mut body = format!(
        "<header><h1>Skills gap report: {}</h1>{}</header>",
        escape(results.display_name()),
        facts(&header_fields(results, made_on))
    );
    body.push_str(&overview(results));
    for (index, template) in results.templates.iter().enumerate() {
        body.push_str(&template_section(index, template, results));
    }
    let _ = write!(
        body,
        r#"<section id="skills"><h2>Skills assessed</h2>{}</section>"#,
        skills_table(results)
    );
    match &results.plan {
        Some(study_plan) => body.push_str(&plan::section(study_plan, &measure_first(results))),
        None => body.push_str(NO_PLAN),
    }
    body
}

/// The candidate's whole page.
pub fn page(results: &Results, made_on: Date) -> String {
    super::page(
        &format!("Skills gap report: {}", results.display_name()),
        &body(results, made_on),
        made_on,
    )
}

const NO_PLAN: &str = r#"<section id="plan"><h2>Study plan</h2><p class="hint">These results have no study plan yet. Make one with <code>skillgap plan RESULTS.json --hours-per-week 10</code> (it writes the plan on its own), or score the answer sheet again with <code>skillgap score SHEET --plan --format json &gt; RESULTS.json</code> and render this page again.</p></section>"#;

fn header_fields(results: &Results, made_on: Date) -> Vec<(&'static str, String)> {
    let mut fields = vec![(
        "Catalog",
        format!(
            "{} ({} {})",
            results.catalog.name, results.catalog.id, results.catalog.version
        ),
    )];
    if let Some(source) = &results.source {
        fields.push(("Answers from", source.clone()));
    }
    let tested: usize = results.skills.iter().map(|s| s.answered).sum();
    let assessed = results
        .skills
        .iter()
        .filter(|s| s.status == SkillStatus::Assessed)
        .count();
    fields.push((
        "Answered",
        format!("{tested} tested question(s) over {assessed} skill(s)"),
    ));
    fields.push(("Report made on", made_on.to_string()));
    fields
}

/// The one sentence saying what the percentages mean.
fn meaning() -> String {
    format!(r#"<p class="meaning">{}</p>"#, escape(MEANING))
}

/// Every template at a glance, each linking to its section.
fn overview(results: &Results) -> String {
    let rows: Vec<Vec<String>> = results
        .templates
        .iter()
        .enumerate()
        .map(|(index, t)| {
            vec![
                format!(r##"<a href="#template-{index}">{}</a>"##, escape(&t.title)),
                t.level.as_str().to_string(),
                format!(
                    r#"<meter min="0" max="100" low="60" high="80" optimum="100" value="{:.0}"></meter> {}"#,
                    t.readiness,
                    escape(&readiness_phrase(t))
                ),
                verdict_badge(t.verdict, &verdict_phrase(t)),
                t.must_haves_missing.to_string(),
            ]
        })
        .collect();
    format!(
        r#"<section id="overview"><h2>Readiness</h2>{}{}</section>"#,
        html_table(
            &[
                "Template",
                "Level",
                "Readiness",
                "Verdict",
                "Must-haves missing"
            ],
            &rows,
            None
        ),
        meaning()
    )
}

/// The names of `ids`, in words: "Python, Go or Java".
fn names_of(results: &Results, ids: &[String]) -> String {
    let names: Vec<String> = ids.iter().map(|id| skill_name(results, id)).collect();
    match names.as_slice() {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// A requirement's skill in words: "Python (or another of: Go, Java)".
fn requirement_name(requirement: &RequirementOutcome, results: &Results) -> String {
    let name = skill_name(results, &requirement.skill);
    let others: Vec<String> = requirement
        .alternatives
        .iter()
        .filter(|a| **a != requirement.skill)
        .cloned()
        .collect();
    if others.is_empty() {
        name
    } else {
        format!("{name} (or {})", names_of(results, &others))
    }
}

fn level_with_name(level: u8) -> String {
    format!("{level} {}", level_name(level))
}

fn need(must: bool) -> &'static str {
    if must { "must" } else { "nice" }
}

/// The requirements, each with how sure it is met, in words.
fn requirements_table(template: &TemplateReadiness, results: &Results) -> String {
    let rows: Vec<Vec<String>> = template
        .requirements
        .iter()
        .map(|r| {
            let level = results
                .skills
                .iter()
                .find(|s| s.skill == r.skill)
                .map_or_else(|| "not assessed".to_string(), level_phrase);
            vec![
                escape(&requirement_name(r, results)),
                short(&level_with_name(r.required_level)),
                escape(&level),
                short(need(r.must)),
                escape(&requirement_phrase(r)),
            ]
        })
        .collect();
    html_table(
        &["Skill", "Required", "Your level", "Need", "Status"],
        &rows,
        None,
    )
}

/// A cell that should not wrap (a date, a level, hours).
fn short(text: &str) -> String {
    format!(r#"<span class="nowrap">{}</span>"#, escape(text))
}

/// The gaps by priority; an unclear one says to measure it first, with the command.
fn gaps_table(template: &TemplateReadiness) -> String {
    let rows: Vec<Vec<String>> = template
        .gaps
        .iter()
        .enumerate()
        .map(|(i, gap)| {
            let next = if gap.measure_first {
                // Breaks only between the words of the command, never inside an id or a flag.
                format!(
                    r#"<strong>measure first</strong>: <code>skillgap assess <span class="nowrap">--skill</span> <span class="nowrap">{}</span></code>"#,
                    escape(&gap.skill)
                )
            } else {
                format!("study, about {}", short(&format!("{:.0} h", gap.hours)))
            };
            vec![
                (i + 1).to_string(),
                escape(&gap.name),
                escape(&met_phrase(gap.p_met)),
                short(
                    &gap.current_level
                        .map_or_else(|| "not assessed".to_string(), level_with_name),
                ),
                short(&level_with_name(gap.required_level)),
                short(need(gap.must)),
                next,
            ]
        })
        .collect();
    html_table(
        &[
            "#",
            "Skill",
            "Met?",
            "Most probable level",
            "Required",
            "Need",
            "Next",
        ],
        &rows,
        None,
    )
}

/// Skills grouped by area, each with its most probable level and how sure that is; the
/// self-reported experience only when some skill has it.
fn skills_table(results: &Results) -> String {
    let with_experience = results.skills.iter().any(|s| s.experience.is_some());
    let mut previous_area = "";
    let rows: Vec<Vec<String>> = results
        .skills
        .iter()
        .map(|skill| {
            let area = if skill.area == previous_area {
                String::new()
            } else {
                escape(&area_label(&skill.area))
            };
            previous_area = &skill.area;
            let required = highest_requirement(results, &skill.skill);
            let mut row = vec![
                area,
                escape(&skill.name),
                escape(&level_phrase(skill)),
                if required == 0 {
                    "-".to_string()
                } else {
                    short(&level_with_name(required))
                },
                short(&format!("{:.1} of {}", skill.correct, skill.answered)),
            ];
            if with_experience {
                row.push(skill.experience.as_ref().map_or_else(
                    || "-".to_string(),
                    |e| short(&format!("{:.0} %", e.score * 100.0)),
                ));
            }
            row
        })
        .collect();
    let mut columns = vec!["Area", "Skill", "Level", "Required", "Right of answered"];
    if with_experience {
        columns.push("Experience (self-report)");
    }
    html_table(
        &columns,
        &rows,
        Some(
            "Levels 0 none, 1 awareness, 2 working, 3 proficient, 4 expert: the most probable level, how likely it is, and the likely range.",
        ),
    )
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

/// The skills any template says to measure before studying (id, name), once each.
fn measure_first(results: &Results) -> Vec<(String, String)> {
    let mut skills: Vec<(String, String)> = Vec::new();
    for gap in results
        .templates
        .iter()
        .flat_map(|t| &t.gaps)
        .filter(|g| g.measure_first)
    {
        if !skills.iter().any(|(id, _)| *id == gap.skill) {
            skills.push((gap.skill.clone(), gap.name.clone()));
        }
    }
    skills
}

/// An area id in words: "soft-skills" → "Soft skills".
pub fn area_label(area: &str) -> String {
    match area {
        "apis" => return "APIs".to_string(),
        "devops" => return "DevOps".to_string(),
        _ => {}
    }
    let words = area.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn template_section(index: usize, template: &TemplateReadiness, results: &Results) -> String {
    let axes = area_axes(template, results);
    let radar_note = if axes.len() < 3 {
        format!(" Only {} area(s): the bars show the detail.", axes.len())
    } else {
        String::new()
    };
    let bars: Vec<Bar> = template
        .requirements
        .iter()
        .map(|r| Bar {
            label: requirement_name(r, results),
            probabilities: results
                .skills
                .iter()
                .find(|s| s.skill == r.skill)
                .and_then(|s| s.level_probabilities),
            current: r.current_level,
            required: r.required_level,
            p_met: r.p_met,
        })
        .collect();
    let gaps = if template.gaps.is_empty() {
        "<p>No gaps: every requirement is more likely met than not.</p>".to_string()
    } else {
        gaps_table(template)
    };
    format!(
        r#"<section class="template" id="template-{index}"><h2>{title}</h2><p class="headline">{badge} {readiness}; {missing} must-have(s) missing</p><div class="charts"><figure>{radar}<figcaption>Levels by area: the mean of the most probable levels of the area's required skills, weighted like readiness (not assessed counts as 0), against the mean level the template asks for.{radar_note}</figcaption></figure><figure>{bars}<figcaption>One bar per required skill, a cell per level from 0 none to 4 expert: the darker the cell, the more likely that level. The dashed line marks where the required level starts; on the right, how sure it is met.</figcaption></figure></div><details><summary>Requirements as a table</summary>{requirements}</details><h3>Gaps, by priority</h3>{gaps}</section>"#,
        title = escape(&template.title),
        badge = verdict_badge(template.verdict, &verdict_phrase(template)),
        readiness = escape(&readiness_phrase(template)),
        missing = template.must_haves_missing,
        radar = svg::radar(
            &format!("radar-{index}"),
            &format!("Levels by area for {}", template.title),
            &axes
        ),
        bars = svg::skill_bars(
            &format!("bars-{index}"),
            &format!(
                "How likely each level is, per required skill, for {}",
                template.title
            ),
            &bars
        ),
        requirements = requirements_table(template, results),
    )
}

fn skill_name(results: &Results, id: &str) -> String {
    results
        .skills
        .iter()
        .find(|s| s.skill == id)
        .map_or_else(|| id.to_string(), |s| s.name.clone())
}

/// Per area the template touches: the weighted mean level of its required skills (not assessed
/// counts as 0) and the weighted mean required level. Areas come in the results' order (the
/// catalog's), a skill the results do not list falls in "other", last.
pub fn area_axes(template: &TemplateReadiness, results: &Results) -> Vec<Axis> {
    // (rank, area, weight, weighted level, weighted requirement)
    let mut areas: Vec<(usize, String, f64, f64, f64)> = Vec::new();
    for requirement in &template.requirements {
        let position = results
            .skills
            .iter()
            .position(|s| s.skill == requirement.skill);
        let area = position.map_or("other", |p| results.skills[p].area.as_str());
        let rank = results
            .skills
            .iter()
            .position(|s| s.area == area)
            .unwrap_or(usize::MAX);
        // A zero weight still shows on the chart, counted once.
        let weight = if requirement.weight > 0.0 {
            requirement.weight
        } else {
            f64::EPSILON
        };
        let current = f64::from(requirement.current_level.unwrap_or(0));
        let required = f64::from(requirement.required_level);
        match areas.iter_mut().find(|a| a.1 == area) {
            Some(entry) => {
                entry.2 += weight;
                entry.3 += weight * current;
                entry.4 += weight * required;
            }
            None => areas.push((
                rank,
                area.to_string(),
                weight,
                weight * current,
                weight * required,
            )),
        }
    }
    areas.sort_by_key(|a| a.0);
    areas
        .into_iter()
        .map(|(_, label, weight, level, required)| Axis {
            label: area_label(&label),
            candidate: level / weight,
            required: required / weight,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readiness::Verdict;
    use crate::results::SkillResult;

    fn skill(id: &str, area: &str) -> SkillResult {
        SkillResult::not_assessed(id, id, area)
    }

    fn requirement(
        skill: &str,
        current: Option<u8>,
        required: u8,
        weight: f64,
    ) -> RequirementOutcome {
        RequirementOutcome {
            skill: skill.into(),
            alternatives: Vec::new(),
            required_level: required,
            current_level: current,
            weight,
            must: true,
            met: false,
            p_met: 0.0,
            coverage: 0.0,
        }
    }

    #[test]
    fn areas_average_their_requirements_by_weight_in_catalog_order() {
        let results: Results = serde_json::from_value(serde_json::json!({
            "schema_version": 1,
            "generator": "test",
            "catalog": {"id": "c", "name": "C", "version": "1", "fingerprint": "f"},
            "answers": {},
            "skills": [skill("http", "apis"), skill("sql", "databases"), skill("redis", "databases")],
            "templates": []
        }))
        .expect("results");
        let template = TemplateReadiness {
            template: "t".into(),
            title: "T".into(),
            level: crate::catalog::TemplateLevel::Junior,
            readiness: 50.0,
            readiness_range: None,
            verdict: Verdict::NotYet,
            verdict_probability: 1.0,
            verdict_probabilities: None,
            must_haves_missing: 0,
            requirements: vec![
                requirement("sql", Some(3), 2, 3.0),
                requirement("redis", None, 4, 1.0),
                requirement("http", Some(1), 2, 1.0),
                requirement("elsewhere", Some(2), 2, 1.0),
            ],
            gaps: Vec::new(),
        };
        let axes = area_axes(&template, &results);
        let labels: Vec<&str> = axes.iter().map(|a| a.label.as_str()).collect();
        assert_eq!(labels, ["APIs", "Databases", "Other"]);
        assert_eq!((axes[0].candidate, axes[0].required), (1.0, 2.0));
        // databases: (3×3 + 1×0) / 4 against (3×2 + 1×4) / 4.
        assert_eq!((axes[1].candidate, axes[1].required), (2.25, 2.5));
        assert_eq!((axes[2].candidate, axes[2].required), (2.0, 2.0));
    }
}
