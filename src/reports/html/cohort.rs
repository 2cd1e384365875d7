//! The cohort page: readiness per template (a histogram by verdict), the most common gaps and a
//! table of candidates. A page is laid out at the end, so the rows are kept, but only the few
//! figures each row shows, never the full results.

use super::super::certainty::{MEANING, verdict_phrase};
use super::super::markup::summary_listings;
use super::super::svg::{self, Bins};
use super::{escape, facts, html_table, listing_table, verdict_badge};
use crate::date::Date;
use crate::readiness::Verdict;
use crate::results::Results;
use crate::summary::Summary;

/// Gaps named per candidate and template in the table.
const TOP_GAPS: usize = 3;

/// One candidate against one template.
struct Row {
    candidate: String,
    template: String,
    readiness: f64,
    verdict: Verdict,
    /// How sure the verdict is, in words ("not yet — 88 % sure").
    sure: String,
    top_gaps: Vec<String>,
}

#[derive(Default)]
pub struct Cohort {
    rows: Vec<Row>,
    candidates: usize,
    /// Templates by id, with their title, in the order first seen.
    templates: Vec<(String, String)>,
    failures: Vec<(String, String)>,
}

impl Cohort {
    pub fn add(&mut self, results: &Results) {
        self.candidates += 1;
        for template in &results.templates {
            if !self
                .templates
                .iter()
                .any(|(id, _)| *id == template.template)
            {
                self.templates
                    .push((template.template.clone(), template.title.clone()));
            }
            self.rows.push(Row {
                candidate: results.display_name().to_string(),
                template: template.template.clone(),
                readiness: template.readiness,
                verdict: template.verdict,
                sure: verdict_phrase(template),
                top_gaps: template
                    .gaps
                    .iter()
                    .take(TOP_GAPS)
                    .map(|g| g.name.clone())
                    .collect(),
            });
        }
    }

    pub fn add_failure(&mut self, source: &str, error: &str) {
        self.failures.push((source.to_string(), error.to_string()));
    }

    pub fn page(&self, summary: Option<&Summary>, made_on: Date) -> String {
        let title = "Cohort readiness";
        let mut body = format!(
            "<h1>{title}</h1>{}",
            facts(&[
                ("Candidates", self.candidates.to_string()),
                ("Sheets that failed", self.failures.len().to_string()),
                ("Report made on", made_on.to_string()),
            ])
        );
        for (index, (id, title)) in self.templates.iter().enumerate() {
            body.push_str(&self.template_section(index, id, title, summary));
        }
        body.push_str(&common_gaps(summary));
        body.push_str(&self.candidates_table());
        body.push_str(&self.failures_table());
        super::page(title, &body, made_on)
    }

    fn template_section(
        &self,
        index: usize,
        id: &str,
        title: &str,
        summary: Option<&Summary>,
    ) -> String {
        let mut bins: Bins = [[0; 3]; 10];
        let mut counts = [0usize; 3];
        for row in self.rows.iter().filter(|r| r.template == id) {
            svg::add_to_bins(&mut bins, row.readiness, row.verdict as usize);
            counts[row.verdict as usize] += 1;
        }
        let averages = summary
            .and_then(|s| s.templates.iter().find(|t| t.template == id))
            .map_or_else(String::new, |t| {
                format!(
                    ", mean readiness {:.0}%, median {:.0}%",
                    t.mean_readiness, t.median_readiness
                )
            });
        format!(
            r#"<section class="template" id="template-{index}"><h2>{}</h2><p class="headline">{} candidate(s): <strong>{}</strong> ready, <strong>{}</strong> nearly, <strong>{}</strong> not yet{averages}</p><figure>{}<figcaption>Candidates by readiness, in bins of ten points, coloured and patterned by verdict (not yet hatched, nearly dotted, ready solid) with the count written in each bar; the dashed lines mark 60 % (nearly) and 80 % (ready, with every must-have met).</figcaption></figure></section>"#,
            escape(title),
            counts.iter().sum::<usize>(),
            counts[Verdict::Ready as usize],
            counts[Verdict::Nearly as usize],
            counts[Verdict::NotYet as usize],
            svg::readiness_histogram(
                &format!("histogram-{index}"),
                &format!("Readiness of the cohort for {title}"),
                &bins
            ),
        )
    }

    fn candidates_table<'a>(&'a self) -> String {
        let title_of = |id: &'a str| -> &'a str {
            self.templates
                .iter()
                .find(|(t, _)| t == id)
                .map_or(id, |(_, title)| title.as_str())
        };
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|row| {
                vec![
                    escape(&row.candidate),
                    escape(title_of(&row.template)),
                    format!(r#"<span class="nowrap">{:.0} %</span>"#, row.readiness),
                    verdict_badge(row.verdict, &row.sure),
                    if row.top_gaps.is_empty() {
                        "-".to_string()
                    } else {
                        escape(&row.top_gaps.join(", "))
                    },
                ]
            })
            .collect();
        format!(
            r#"<section id="candidates"><h2>Candidates</h2>{}<p class="meaning">{}</p></section>"#,
            html_table(
                &["Candidate", "Template", "Readiness", "Verdict", "Top gaps"],
                &rows,
                None
            ),
            escape(MEANING)
        )
    }

    fn failures_table(&self) -> String {
        if self.failures.is_empty() {
            return String::new();
        }
        let rows: Vec<Vec<String>> = self
            .failures
            .iter()
            .map(|(source, error)| vec![escape(source), escape(error)])
            .collect();
        format!(
            r#"<section id="failures"><h2>Sheets that could not be scored</h2>{}</section>"#,
            html_table(&["Sheet", "Why"], &rows, None)
        )
    }
}

fn common_gaps(summary: Option<&Summary>) -> String {
    let Some(summary) = summary else {
        return r#"<section id="gaps"><h2>Most common gaps</h2><p class="hint">Score with <code>--summary</code> for the most common gaps and the mean and median readiness.</p></section>"#.to_string();
    };
    // The per-template figures are in each template's headline already.
    let (_, gaps) = summary_listings(summary);
    format!(
        r#"<section id="gaps"><h2>Most common gaps</h2>{}</section>"#,
        listing_table(
            &gaps,
            Some("Candidates with the gap in at least one template.")
        )
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_candidates_and_failures() {
        let mut cohort = Cohort::default();
        cohort.add_failure("<img src=x onerror=alert(1)>.json", "bad <b>");
        cohort.rows.push(Row {
            candidate: "<script>alert(1)</script>".into(),
            template: "t".into(),
            readiness: 72.0,
            verdict: Verdict::Nearly,
            sure: "probably nearly — 70 % sure".into(),
            top_gaps: vec!["<i>SQL</i>".into()],
        });
        cohort.templates.push(("t".into(), "<u>T</u>".into()));
        let html = cohort.page(None, Date::from_ymd(2026, 1, 1).expect("date"));
        for raw in ["<script", "<img", "<b>", "<i>", "<u>"] {
            assert!(!html.contains(raw), "{raw} in the page");
        }
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("1</strong> nearly"));
    }
}
