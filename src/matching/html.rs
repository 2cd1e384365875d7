//! `match --format html`: one self-contained page (inline CSS, no script, no remote load): the
//! ranking, then a column per posting of what is missing, then the shared study plan when one
//! was asked for. A cohort page has a ranking per candidate. Everything from the input
//! (names, titles, file names, skill names) is escaped.

use std::fmt::Write as _;

use super::input::Failure;
use super::{Match, Ranking};
use crate::date::Date;
use crate::estimate::level_name;
use crate::planning::Plan;
use crate::readiness::Verdict;
use crate::reports::certainty::{percent, readiness_phrase, verdict_phrase};

const STYLE: &str = "\
:root { --ink: #1e293b; --muted: #64748b; --line: #e2e8f0; --band: #f8fafc; \
--ready: #15803d; --nearly: #d97706; --not-yet: #dc2626; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; \
font: 15px/1.5 system-ui, -apple-system, \"Segoe UI\", Roboto, Arial, sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 24px 32px 48px; }
h1 { font-size: 1.7rem; margin: 0 0 8px; }
h2 { font-size: 1.3rem; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 0.9rem; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
thead th { background: var(--band); border-bottom: 2px solid var(--line); }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.source { color: var(--muted); font-size: 0.85rem; word-break: break-all; }
.verdict { display: inline-block; padding: 0 9px; border-radius: 999px; color: #fff; font-weight: 600; white-space: nowrap; }
.verdict-ready { background: var(--ready); } .verdict-nearly { background: var(--nearly); } .verdict-not-yet { background: var(--not-yet); }
.scroll { overflow-x: auto; }
table.missing { width: auto; }
table.missing td, table.missing th { min-width: 220px; max-width: 300px; }
table.missing ul { margin: 0; padding-left: 18px; }
.must { font-weight: 600; }
.note { color: var(--muted); }
.failures { border-left: 4px solid var(--not-yet); background: var(--band); padding: 8px 12px; }
footer { color: var(--muted); font-size: 0.85rem; margin-top: 40px; border-top: 1px solid var(--line); padding-top: 8px; }
@media print { main { max-width: none; padding: 0; } .scroll { overflow: visible; } \
.verdict { border: 1px solid var(--ink); color: var(--ink); background: none; } tr { break-inside: avoid; } }
";

/// No script, no remote fetch.
const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

use crate::sanitize::html as escape;

fn page(title: &str, body: &str, made_on: Date) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">\n\
         <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n{body}\n\
         <footer>Made on {made_on} by skillgap {version}. Percentages say how sure the answers \
         make each verdict. A self-contained page: it works offline and prints as it looks.\
         </footer>\n</main>\n</body>\n</html>\n",
        title = escape(title),
        version = env!("CARGO_PKG_VERSION"),
    )
}

fn verdict_badge(m: &Match) -> String {
    let class = match m.verdict {
        Verdict::Ready => "verdict-ready",
        Verdict::Nearly => "verdict-nearly",
        Verdict::NotYet => "verdict-not-yet",
    };
    format!(
        r#"<span class="verdict {class}">{}</span> {}"#,
        m.verdict.as_str(),
        escape(&verdict_phrase(&m.as_readiness()))
    )
}

fn failures_html(failures: &[Failure], what: &str) -> String {
    if failures.is_empty() {
        return String::new();
    }
    let mut html = format!(
        r#"<div class="failures"><p>{} {what} could not be used:</p><ul>"#,
        failures.len()
    );
    for failure in failures {
        let _ = write!(
            html,
            "<li><code>{}</code>: {}</li>",
            escape(&failure.source),
            escape(&failure.error)
        );
    }
    html.push_str("</ul></div>");
    html
}

/// The ranking table of `matches`.
fn ranking_table(matches: &[Match]) -> String {
    let mut html = String::from(
        "<table><thead><tr><th>#</th><th>Posting</th><th>Level</th><th>Verdict</th>\
         <th>Readiness</th><th>Must-haves missing</th><th>Top gaps</th><th>Hours to close</th>\
         </tr></thead><tbody>",
    );
    for m in matches {
        let gaps: Vec<String> = m
            .gaps
            .iter()
            .take(3)
            .map(|g| format!("{} ({:.0} h)", escape(&g.name), g.hours))
            .collect();
        let _ = write!(
            html,
            "<tr><td class=\"number\">{}</td><td>{}<div class=\"source\">{}</div></td>\
             <td>{}</td><td>{}</td><td>{}</td><td class=\"number\">{} of {}</td><td>{}</td>\
             <td class=\"number\">{:.0}</td></tr>",
            m.rank,
            escape(&m.title),
            escape(&m.source),
            m.level.as_str(),
            verdict_badge(m),
            escape(&readiness_phrase(&m.as_readiness())),
            m.must_haves_missing.len(),
            m.must_haves,
            if gaps.is_empty() {
                "none".to_string()
            } else {
                gaps.join(", ")
            },
            m.hours_to_close
        );
    }
    html.push_str("</tbody></table>");
    html
}

/// A column per posting: its missing must-haves, its other gaps with hours, and the skills the
/// catalog does not cover.
fn missing_columns(matches: &[Match]) -> String {
    let mut html = String::from(r#"<div class="scroll"><table class="missing"><thead><tr>"#);
    for m in matches {
        let _ = write!(html, "<th>{}. {}</th>", m.rank, escape(&m.title));
    }
    html.push_str("</tr></thead><tbody><tr>");
    for m in matches {
        html.push_str("<td>");
        if m.gaps.is_empty() {
            html.push_str("<p>Nothing missing.</p>");
        } else {
            html.push_str("<ul>");
            for gap in &m.gaps {
                let class = if gap.must { " class=\"must\"" } else { "" };
                let level = |l: Option<u8>| l.map_or("not assessed", level_name);
                let _ = write!(
                    html,
                    "<li{class}>{}{}: {} → {}, {:.0} h{}</li>",
                    escape(&gap.name),
                    if gap.must { " (must)" } else { "" },
                    level(gap.current_level),
                    level_name(gap.required_level),
                    gap.hours,
                    if gap.current_level.is_none() {
                        " <span class=\"note\">(not assessed: measure first)</span>".to_string()
                    } else if gap.measure_first {
                        format!(
                            " <span class=\"note\">(unclear, {} met: measure first)</span>",
                            percent(gap.p_met)
                        )
                    } else {
                        String::new()
                    }
                );
            }
            html.push_str("</ul>");
        }
        let _ = write!(html, "<p><b>{:.0} h</b> to close</p>", m.hours_to_close);
        if !m.not_covered.is_empty() {
            let _ = write!(
                html,
                "<p class=\"note\">Not covered by the catalog: {}</p>",
                escape(&m.not_covered.join(", "))
            );
        }
        html.push_str("</td>");
    }
    html.push_str("</tr></tbody></table></div>");
    html
}

fn plan_html(plan: &Plan, matches: &[Match]) -> String {
    let rank_of = |template: &str| {
        matches
            .iter()
            .find(|m| m.template == template)
            .map_or_else(|| template.to_string(), |m| format!("#{}", m.rank))
    };
    let mut html = format!(
        "<p>{} postings together: {:.0} h at {} h a week{}, {} weeks, done on {}. Each skill \
         the postings share is studied once.</p>",
        plan.templates.len(),
        plan.total_hours,
        plan.hours_per_week,
        if plan.hours_per_week_assumed {
            " (assumed)"
        } else {
            ""
        },
        plan.weeks,
        plan.finish
    );
    if plan.steps.is_empty() {
        html.push_str("<p>Nothing to study for these postings.</p>");
        return html;
    }
    html.push_str(
        "<table><thead><tr><th>#</th><th>Skill</th><th>From → to</th><th>Hours</th>\
         <th>Weeks</th><th>For postings</th></tr></thead><tbody>",
    );
    for step in &plan.steps {
        let postings: Vec<String> = step.templates.iter().map(|t| rank_of(t)).collect();
        let _ = write!(
            html,
            "<tr><td class=\"number\">{}</td><td>{}</td><td>{} → {}</td>\
             <td class=\"number\">{:.0}</td><td>{}–{}</td><td>{}</td></tr>",
            step.order,
            escape(&step.name),
            step.current_level.map_or("not assessed", level_name),
            level_name(step.target_level),
            step.hours,
            step.start_week,
            step.end_week,
            if postings.is_empty() {
                "prerequisite".to_string()
            } else {
                escape(&postings.join(", "))
            }
        );
    }
    html.push_str("</tbody></table>");
    html
}

/// One person's page.
pub fn ranking_page(
    ranking: &Ranking,
    shown: &[Match],
    plan: Option<&Plan>,
    failures: &[Failure],
    made_on: Date,
) -> String {
    let title = format!("Postings ranked for {}", ranking.candidate);
    let mut body = format!(
        "<h1>{}</h1><p class=\"source\">From {}; {} postings ranked, the most probable verdict \
         first, then readiness.</p>",
        escape(&title),
        escape(&ranking.source),
        ranking.matches.len()
    );
    body.push_str(&failures_html(failures, "postings"));
    body.push_str("<h2>Ranking</h2>");
    body.push_str(&ranking_table(shown));
    body.push_str("<h2>What is missing, posting by posting</h2>");
    body.push_str(&missing_columns(shown));
    if let Some(plan) = plan {
        body.push_str("<h2>One study plan for the top postings</h2>");
        body.push_str(&plan_html(plan, &ranking.matches));
    }
    page(&title, &body, made_on)
}

/// A cohort's page: each candidate's best matches.
pub fn cohort_page(
    rankings: &[(Ranking, Option<Plan>)],
    top: usize,
    failures: &[Failure],
    made_on: Date,
) -> String {
    let title = "Best matching postings per candidate";
    let mut body = format!(
        "<h1>{title}</h1><p class=\"source\">{} candidates; the {top} best postings of each.</p>",
        rankings.len()
    );
    body.push_str(&failures_html(failures, "inputs"));
    for (ranking, plan) in rankings {
        let shown: Vec<Match> = ranking.matches.iter().take(top).cloned().collect();
        let _ = write!(
            body,
            "<h2>{}</h2><p class=\"source\">{}</p>",
            escape(&ranking.candidate),
            escape(&ranking.source)
        );
        body.push_str(&ranking_table(&shown));
        if let Some(plan) = plan {
            body.push_str(&plan_html(plan, &ranking.matches));
        }
    }
    page(title, &body, made_on)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_text_is_escaped() {
        assert_eq!(
            escape("<script>\"x\" & 'y'</script>"),
            "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;"
        );
        let html = page("<t>", "", Date::from_ymd(2026, 1, 2).expect("a date"));
        assert!(html.contains("<title>&lt;t&gt;</title>"));
        assert!(html.contains("default-src 'none'"));
    }
}
