//! The study plan in HTML: headline figures, the steps in order, what to build and read for each
//! (with links), week by week, and the learning pathways with their fit and reasons.

use std::fmt::Write as _;

use serde::Serialize;

use super::super::plan_layout::{plan_fields, steps_listing, weeks_listing};
use super::super::svg::{self, TimelineRow};
use super::{escape, facts, link, listing_table};
use crate::date::Date;
use crate::figures::{dollars, range};
use crate::planning::{Effect, Plan, PlanDocument, Recommendation, Step};

/// The plan as a section of a candidate's page; `measure_first` are the skills (id, name) the
/// answers leave unclear: the timeline draws them apart, to measure before studying.
pub fn section(plan: &Plan, measure_first: &[(String, String)]) -> String {
    let mut html = String::from(r#"<section id="plan"><h2>Study plan</h2>"#);
    html.push_str(&facts(&plan_fields(plan)));
    if plan.steps.is_empty() {
        html.push_str("<p>Nothing to learn for these templates: every requirement is met.</p>");
    } else {
        let _ = write!(
            html,
            "<h3>Timeline</h3><figure>{}<figcaption>One bar per step, over the weeks it takes at {} h/week. Skills the answers leave unclear are drawn apart: measure them first (<code>skillgap assess --skill ID</code>) before spending study time on them.</figcaption></figure><h3>Steps, in order</h3>{}<h3>What to build and read, step by step</h3><div class=\"steps\">{}</div><h3>Week by week</h3>{}",
            svg::timeline(
                "timeline",
                "The study plan week by week",
                plan.weeks,
                &timeline_rows(plan, measure_first)
            ),
            plan.hours_per_week,
            listing_table(&steps_listing(plan), None),
            plan.steps.iter().map(step_article).collect::<String>(),
            listing_table(&weeks_listing(plan), None)
        );
    }
    let _ = write!(
        html,
        r#"<h3>Learning pathways that fit, best first</h3><div class="pathways">{}</div></section>"#,
        plan.pathways
            .iter()
            .map(pathway_article)
            .collect::<String>()
    );
    html
}

/// A row per step, in order, then the skills to measure first that the plan does not schedule.
fn timeline_rows(plan: &Plan, measure_first: &[(String, String)]) -> Vec<TimelineRow> {
    let unclear = |skill: &str| measure_first.iter().any(|(id, _)| id == skill);
    let mut rows: Vec<TimelineRow> = plan
        .steps
        .iter()
        .map(|step| {
            let measure = unclear(&step.skill);
            TimelineRow {
                label: format!("{}. {}", step.order, step.name),
                start_week: step.start_week,
                end_week: step.end_week,
                hours: step.hours,
                measure_first: measure,
                note: if measure {
                    format!("{} h · measure first", step.hours)
                } else {
                    format!("{} h", step.hours)
                },
            }
        })
        .collect();
    for (id, name) in measure_first {
        if !plan.steps.iter().any(|s| s.skill == *id) {
            rows.push(TimelineRow {
                label: name.clone(),
                start_week: 1,
                end_week: 1,
                hours: 0.0,
                measure_first: true,
                note: "measure first".to_string(),
            });
        }
    }
    rows
}

/// `skillgap plan --format html`: the plan on its own page.
pub fn page(document: &PlanDocument, made_on: Date) -> String {
    let title = format!("Study plan: {}", document.candidate);
    let mut body = format!("<h1>{}</h1>", escape(&title));
    if let Some(source) = &document.source {
        body.push_str(&facts(&[("Results from", source.clone())]));
    }
    body.push_str(&section(&document.plan, &[]));
    super::page(&title, &body, made_on)
}

/// A catalog kind (`self-study`, `docs`) in words.
fn kind_label<T: Serialize>(kind: &T) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('-', " ")))
        .unwrap_or_default()
}

fn step_article(step: &Step) -> String {
    let project = step.project.as_deref().map_or_else(String::new, |p| {
        format!("<p><strong>Project to prove it:</strong> {}</p>", escape(p))
    });
    let resources: String = step
        .resources
        .iter()
        .map(|r| {
            format!(
                "<li>{} <span class=\"kind\">({}, about {} h)</span></li>",
                link(&r.url, &r.title),
                escape(&kind_label(&r.kind)),
                r.hours
            )
        })
        .collect();
    let resources = if resources.is_empty() {
        String::new()
    } else {
        format!("<p><strong>Start with:</strong></p><ul>{resources}</ul>")
    };
    format!(
        r#"<article class="step"><h4>{}. {}</h4>{project}{resources}</article>"#,
        step.order,
        escape(&step.name)
    )
}

fn effect_class(effect: Effect) -> &'static str {
    match effect {
        Effect::For => "for",
        Effect::Against => "against",
        Effect::Note => "note",
    }
}

/// "4–16" or "38"; each number written by `show`.
fn pathway_article(recommendation: &Recommendation) -> String {
    let reasons: String = recommendation
        .reasons
        .iter()
        .map(|r| {
            format!(
                r#"<li class="{}">{}</li>"#,
                effect_class(r.effect),
                escape(&r.text)
            )
        })
        .collect();
    format!(
        r#"<article class="pathway"><h4>{} <span class="kind">{}</span></h4><p>Fit <meter min="0" max="100" low="40" high="70" optimum="100" value="{fit:.0}"></meter> <strong>{fit:.0}/100</strong> · cost {} · {} week(s)</p><ul class="reasons">{reasons}</ul></article>"#,
        escape(&recommendation.name),
        escape(&kind_label(&recommendation.kind)),
        range(recommendation.cost_usd, dollars),
        range(recommendation.weeks, |w| format!("{w:.0}")),
        fit = recommendation.fit,
    )
}
