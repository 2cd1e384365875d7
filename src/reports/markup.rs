//! What the text formats (table, Markdown) share: level bars, labels and the layout of a
//! candidate's report: the summary first, then the details, then the summary again.

use std::sync::OnceLock;

use super::certainty::{
    MEANING, level_phrase, met_phrase, readiness_phrase, requirement_phrase, template_headline,
};
use super::grid::BAR_COLUMN;
use super::{Listing, Saved};
use crate::estimate::level_name;
use crate::readiness::{RequirementOutcome, TemplateReadiness};
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

/// One block of a candidate's report.
pub enum Block {
    /// Plain lines under a heading (the summary, the ending).
    Lines(String, Vec<String>),
    /// Labelled facts under a heading.
    Facts(String, Vec<(&'static str, String)>),
    /// A table, and a note printed under it (a legend).
    Table(String, Listing, Option<String>),
}

/// A candidate's report: the summary first, the details, then the summary again.
pub struct Report {
    pub title: String,
    pub facts: Vec<(&'static str, String)>,
    pub blocks: Vec<Block>,
}

/// The legend of the level bars.
pub const BAR_LEGEND: &str = "Bar: one cell per level, awareness to expert. █ likely reached \
     (80 % sure or more), ▒ perhaps (20–80 %), ░ required but unlikely, · not required.";

/// The person's name, or "your report" when the answers carry none.
pub fn person(results: &Results) -> &str {
    results
        .candidate
        .as_deref()
        .filter(|name| !name.trim().is_empty())
        .unwrap_or("your report")
}

/// "Programming languages" for the embedded catalog's area ids; other ids read as words.
pub fn area_name(catalog: &str, id: &str) -> String {
    static EMBEDDED: OnceLock<Vec<(String, String)>> = OnceLock::new();
    let embedded = EMBEDDED.get_or_init(|| {
        #[derive(serde::Deserialize)]
        struct Areas {
            #[serde(default)]
            areas: Vec<crate::catalog::Area>,
        }
        crate::catalog::source::embedded_sources()
            .iter()
            .filter(|source| source.relative == "areas.toml")
            .filter_map(|source| toml::from_str::<Areas>(&source.text).ok())
            .flat_map(|a| a.areas)
            .map(|a| (a.id, a.name))
            .collect()
    });
    if catalog == EMBEDDED_CATALOG
        && let Some((_, name)) = embedded.iter().find(|(area, _)| area == id)
    {
        return name.clone();
    }
    let words = id.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The embedded catalog's id.
const EMBEDDED_CATALOG: &str = "skillgap-default";

/// What an `any_of` alternative is called, by its area: "language", "framework".
fn alternative_noun(area: &str) -> &'static str {
    match area {
        "languages" => "language",
        "frameworks" => "framework",
        "databases" => "database",
        _ => "option",
    }
}

/// Probability bars: cell k (awareness, working, proficient, expert) shaded by P(level ≥ k);
/// without probabilities (a version 1 document) by the most probable level.
pub fn probable_bar(probabilities: Option<[f64; 5]>, current: Option<u8>, required: u8) -> String {
    (1..=4u8)
        .map(|cell| {
            let reached = match (probabilities, current) {
                (Some(p), _) => p[usize::from(cell)..].iter().sum::<f64>(),
                (None, Some(level)) => f64::from(u8::from(cell <= level)),
                (None, None) => 0.0,
            };
            if reached >= 0.8 {
                '█'
            } else if reached >= 0.2 {
                '▒'
            } else if cell <= required {
                '░'
            } else {
                '·'
            }
        })
        .collect()
}

fn need(must: bool) -> String {
    if must { "must-have" } else { "nice-to-have" }.to_string()
}

fn skill_of<'r>(results: &'r Results, id: &str) -> Option<&'r SkillResult> {
    results.skills.iter().find(|s| s.skill == id)
}

fn name_of(results: &Results, id: &str) -> String {
    skill_of(results, id).map_or_else(|| id.to_string(), |s| s.name.clone())
}

/// The per-template lines the report opens and ends with: the headline with how sure it is,
/// the requirements met, the gaps and hours, what to measure first.
pub fn template_summary(template: &TemplateReadiness) -> Vec<String> {
    let met = template
        .requirements
        .iter()
        .filter(|r| r.p_met >= 0.5)
        .count();
    let mut lines = vec![
        template_headline(template),
        format!(
            "{met} of {} requirements met; {}",
            template.requirements.len(),
            readiness_phrase(template)
        ),
    ];
    let study: Vec<&crate::readiness::Gap> =
        template.gaps.iter().filter(|g| !g.measure_first).collect();
    if study.is_empty() {
        lines.push("Gaps to study: none.".to_string());
    } else {
        let hours: f64 = study.iter().map(|g| g.hours).sum();
        let shown: Vec<String> = study
            .iter()
            .take(SUMMARY_GAPS)
            .map(|g| format!("{} {:.0} h", g.name, g.hours))
            .collect();
        let more = study.len().saturating_sub(SUMMARY_GAPS);
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        lines.push(format!(
            "Gaps to study: {}{more} ({:.0} h in all).",
            shown.join(", "),
            hours
        ));
    }
    let measure: Vec<String> = template
        .gaps
        .iter()
        .filter(|g| g.measure_first)
        .map(|g| g.name.clone())
        .collect();
    if !measure.is_empty() {
        lines.push(format!(
            "Measure first (unclear, not yet worth studying): {}.",
            measure.join(", ")
        ));
    }
    lines
}

/// Gaps named in a summary line; the table has them all.
const SUMMARY_GAPS: usize = 5;

/// A candidate's report: summary, skills, per template its requirements and gaps, the plan, and
/// the summary again with where the results are saved.
pub fn results_report(results: &Results, saved: &Saved) -> Report {
    let mut facts = Vec::new();
    if let Some(source) = &results.source {
        facts.push(("Answers from", source.clone()));
    }
    let tested: usize = results.skills.iter().map(|s| s.answered).sum();
    let assessed = results
        .skills
        .iter()
        .filter(|s| s.status == SkillStatus::Assessed)
        .count();
    facts.push((
        "Answered",
        format!("{tested} tested question(s) over {assessed} skill(s)"),
    ));
    facts.push((
        "Catalog",
        format!("{} {}", results.catalog.name, results.catalog.version),
    ));
    let summary: Vec<String> = results
        .templates
        .iter()
        .flat_map(|t| {
            let mut lines = template_summary(t);
            lines.push(String::new());
            lines
        })
        .chain([MEANING.to_string()])
        .collect();
    let mut blocks = vec![Block::Lines("Summary".to_string(), summary)];
    blocks.push(Block::Table(
        "Skills".to_string(),
        skills_listing(results),
        Some(BAR_LEGEND.to_string()),
    ));
    for template in &results.templates {
        blocks.push(Block::Table(
            format!("{}: requirements", template.title),
            requirements_listing(template, results),
            None,
        ));
        if template.gaps.iter().any(|g| !g.measure_first) {
            blocks.push(Block::Table(
                format!("{}: gaps to study, by priority", template.title),
                gaps_listing(template),
                None,
            ));
        }
        if template.gaps.iter().any(|g| g.measure_first) {
            blocks.push(Block::Table(
                format!("{}: measure first", template.title),
                measure_listing(template),
                Some(
                    "These are unclear: a few more questions settle whether they need study."
                        .to_string(),
                ),
            ));
        }
    }
    if let Some(plan) = &results.plan {
        let title = |id: &str| {
            results
                .templates
                .iter()
                .find(|t| t.template == id)
                .map_or_else(|| id.to_string(), |t| t.title.clone())
        };
        blocks.push(Block::Facts(
            "Study plan".to_string(),
            super::plan_layout::plan_fields_with(plan, &title),
        ));
        for (heading, listing) in super::plan_layout::plan_sections(plan, &title) {
            blocks.push(Block::Table(heading, listing, None));
        }
    }
    let mut ending: Vec<String> = results
        .templates
        .iter()
        .flat_map(|t| template_summary(t).into_iter().take(3))
        .collect();
    if let Some(path) = &saved.results {
        ending.push(format!("Results saved to {}", path.display()));
    }
    if let Some(path) = &saved.html {
        ending.push(format!("HTML version: {}", path.display()));
    }
    blocks.push(Block::Lines("In short".to_string(), ending));
    let name = person(results);
    Report {
        title: if results.candidate.is_some() && name != "your report" {
            format!("Skills gap report: {name}")
        } else {
            "Skills gap report: your report".to_string()
        },
        facts,
        blocks,
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
                area_name(&results.catalog.id, &skill.area)
            };
            previous_area = &skill.area;
            let required = highest_requirement(results, &skill.skill);
            vec![
                area,
                skill.name.clone(),
                level_phrase(skill),
                probable_bar(skill.level_probabilities, skill.level, required),
                if required == 0 {
                    "-".to_string()
                } else {
                    level_name(required).to_string()
                },
                if skill.answered == 0 {
                    "-".to_string()
                } else {
                    format!("{} of {}", trim_number(skill.correct), skill.answered)
                },
                skill
                    .experience
                    .as_ref()
                    .map_or_else(|| "-".to_string(), |e| format!("{:.0} %", e.score * 100.0)),
            ]
        })
        .collect();
    let mut listing = Listing::new(
        vec![
            "Area",
            "Skill",
            "Level",
            BAR_COLUMN,
            "Required",
            "Right",
            "Experience (self-report)",
        ],
        rows,
        &results.skills,
    );
    listing.group = Some(0);
    listing
}

/// "6" or "2.5".
fn trim_number(value: f64) -> String {
    if (value - value.round()).abs() < 1e-9 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

/// The requirement's skill by name; an `any_of` reads "Python (or another language you
/// choose)".
fn requirement_name(r: &RequirementOutcome, results: &Results) -> String {
    let name = name_of(results, &r.skill);
    if r.alternatives.len() > 1 {
        let noun = skill_of(results, &r.skill).map_or("option", |s| alternative_noun(&s.area));
        format!("{name} (or another {noun} you choose)")
    } else {
        name
    }
}

pub(super) fn requirements_listing(template: &TemplateReadiness, results: &Results) -> Listing {
    let rows = template
        .requirements
        .iter()
        .map(|r| {
            let probabilities = skill_of(results, &r.skill).and_then(|s| s.level_probabilities);
            vec![
                requirement_name(r, results),
                need(r.must),
                level_name(r.required_level).to_string(),
                r.current_level
                    .map_or_else(|| "not assessed".to_string(), |l| level_name(l).to_string()),
                probable_bar(probabilities, r.current_level, r.required_level),
                requirement_phrase(r),
            ]
        })
        .collect();
    Listing::new(
        vec!["Skill", "Need", "Required", "Level", BAR_COLUMN, "Status"],
        rows,
        &template.requirements,
    )
}

pub(super) fn gaps_listing(template: &TemplateReadiness) -> Listing {
    let rows = template
        .gaps
        .iter()
        .filter(|g| !g.measure_first)
        .enumerate()
        .map(|(i, gap)| {
            vec![
                (i + 1).to_string(),
                gap.name.clone(),
                gap.current_level
                    .map_or_else(|| "not assessed".to_string(), |l| level_name(l).to_string()),
                level_name(gap.required_level).to_string(),
                need(gap.must),
                format!("{:.0} h", gap.hours),
            ]
        })
        .collect();
    Listing::new(
        vec!["#", "Skill", "Level", "Required", "Need", "Hours"],
        rows,
        &template.gaps,
    )
}

/// Unclear gaps: the chance each is met and the command that measures it.
fn measure_listing(template: &TemplateReadiness) -> Listing {
    let rows = template
        .gaps
        .iter()
        .filter(|g| g.measure_first)
        .map(|gap| {
            vec![
                gap.name.clone(),
                met_phrase(gap.p_met),
                format!("skillgap assess --skill {}", gap.skill),
            ]
        })
        .collect();
    Listing::new(
        vec!["Skill", "Status", "Measure it with"],
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
    fn probability_bars_shade_each_level_by_how_likely_it_is_reached() {
        // P(level = 0..4): surely awareness, perhaps working, unlikely proficient.
        let p = Some([0.0, 0.5, 0.4, 0.1, 0.0]);
        assert_eq!(probable_bar(p, Some(1), 3), "█▒░·");
        assert_eq!(probable_bar(p, Some(1), 2), "█▒··");
        assert_eq!(probable_bar(None, Some(2), 3), "██░·");
        assert_eq!(probable_bar(None, None, 2), "░░··");
    }

    #[test]
    fn area_ids_read_as_names() {
        assert_eq!(
            area_name("skillgap-default", "languages"),
            "Programming languages"
        );
        assert_eq!(area_name("mini", "web-apis"), "Web apis");
    }

    #[test]
    fn bars_show_reached_missing_and_beyond() {
        assert_eq!(level_bar(Some(1), 3), "█▒▒·");
        assert_eq!(level_bar(Some(3), 2), "███·");
        assert_eq!(level_bar(Some(0), 0), "····");
        assert_eq!(level_bar(None, 2), "????");
    }
}
