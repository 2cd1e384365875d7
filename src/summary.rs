//! The cohort view of a batch: readiness per template across candidates and the most common gaps.
//! Accumulated in constant memory (a readiness histogram, counts per skill), so it streams.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::readiness::Verdict;
use crate::results::Results;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TemplateSummary {
    pub template: String,
    pub title: String,
    pub candidates: usize,
    pub mean_readiness: f64,
    /// Median, to the whole percent.
    pub median_readiness: f64,
    pub ready: usize,
    pub nearly: usize,
    pub not_yet: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct GapCount {
    pub skill: String,
    pub name: String,
    /// Candidates with this gap in at least one template.
    pub candidates: usize,
    /// Candidates for whom it is a must-have gap in at least one template.
    pub must_have: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Summary {
    pub candidates: usize,
    pub failed: usize,
    pub templates: Vec<TemplateSummary>,
    /// Most common first; at most [`COMMON_GAPS`].
    pub common_gaps: Vec<GapCount>,
}

/// A sheet of a cohort that could not be scored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Failure {
    /// The file (or `file:line`) the sheet came from.
    pub source: String,
    /// Why it could not be scored.
    pub error: String,
}

/// The cohort document `score --format json` writes for several sheets (streamed by the JSON
/// reporter in exactly this shape; `calibrate` reads it back through this type).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CohortDocument {
    /// The results' schema version ([`crate::results::SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// One results document per sheet scored, in input order.
    pub results: Vec<Results>,
    #[serde(default)]
    pub failures: Vec<Failure>,
    /// With `--summary`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Summary>,
}

/// The last line of `score --format jsonl --summary`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SummaryLine {
    /// The results' schema version ([`crate::results::SCHEMA_VERSION`]).
    pub schema_version: u32,
    pub summary: Summary,
}

impl SummaryLine {
    pub fn new(summary: Summary) -> SummaryLine {
        SummaryLine {
            schema_version: crate::results::SCHEMA_VERSION,
            summary,
        }
    }
}

/// How many of the most common gaps the summary lists.
pub const COMMON_GAPS: usize = 10;

#[derive(Default)]
struct TemplateTally {
    title: String,
    candidates: usize,
    sum: f64,
    histogram: Vec<usize>,
    verdicts: [usize; 3],
}

/// Adds candidates one at a time; memory depends on the catalog, not on the cohort.
#[derive(Default)]
pub struct SummaryBuilder {
    candidates: usize,
    failed: usize,
    templates: BTreeMap<String, TemplateTally>,
    order: Vec<String>,
    gaps: HashMap<String, (String, usize, usize)>,
}

impl SummaryBuilder {
    pub fn add(&mut self, results: &Results) {
        self.candidates += 1;
        // skill -> (name, must-have in some template)
        let mut gaps_seen: HashMap<&str, (&str, bool)> = HashMap::new();
        for template in &results.templates {
            // Looked up before inserting: the ids are copied once per cohort, not per candidate.
            if !self.templates.contains_key(&template.template) {
                self.order.push(template.template.clone());
                self.templates.insert(
                    template.template.clone(),
                    TemplateTally {
                        title: template.title.clone(),
                        histogram: vec![0; 101],
                        ..TemplateTally::default()
                    },
                );
            }
            let Some(tally) = self.templates.get_mut(&template.template) else {
                continue;
            };
            tally.candidates += 1;
            tally.sum += template.readiness;
            tally.histogram[template.readiness.round().clamp(0.0, 100.0) as usize] += 1;
            tally.verdicts[template.verdict as usize] += 1;
            for gap in &template.gaps {
                let seen = gaps_seen
                    .entry(gap.skill.as_str())
                    .or_insert((gap.name.as_str(), false));
                seen.1 |= gap.must;
            }
        }
        for (skill, (name, must)) in gaps_seen {
            if !self.gaps.contains_key(skill) {
                self.gaps
                    .insert(skill.to_string(), (name.to_string(), 0, 0));
            }
            let Some(entry) = self.gaps.get_mut(skill) else {
                continue;
            };
            entry.1 += 1;
            entry.2 += usize::from(must);
        }
    }

    pub fn add_failure(&mut self) {
        self.failed += 1;
    }

    pub fn build(&self) -> Summary {
        let templates = self
            .order
            .iter()
            .filter_map(|id| self.templates.get(id).map(|t| (id, t)))
            .map(|(id, tally)| TemplateSummary {
                template: id.clone(),
                title: tally.title.clone(),
                candidates: tally.candidates,
                mean_readiness: crate::estimate::round_to(
                    tally.sum / tally.candidates.max(1) as f64,
                    1,
                ),
                median_readiness: median(&tally.histogram, tally.candidates),
                ready: tally.verdicts[Verdict::Ready as usize],
                nearly: tally.verdicts[Verdict::Nearly as usize],
                not_yet: tally.verdicts[Verdict::NotYet as usize],
            })
            .collect();
        let mut common_gaps: Vec<GapCount> = self
            .gaps
            .iter()
            .map(|(skill, (name, candidates, must_have))| GapCount {
                skill: skill.clone(),
                name: name.clone(),
                candidates: *candidates,
                must_have: *must_have,
            })
            .collect();
        common_gaps.sort_by(|a, b| {
            b.candidates
                .cmp(&a.candidates)
                .then(b.must_have.cmp(&a.must_have))
                .then(a.skill.cmp(&b.skill))
        });
        common_gaps.truncate(COMMON_GAPS);
        Summary {
            candidates: self.candidates,
            failed: self.failed,
            templates,
            common_gaps,
        }
    }
}

/// Median of values counted in a 0–100 histogram (the lower median for an even count).
fn median(histogram: &[usize], count: usize) -> f64 {
    if count == 0 {
        return 0.0;
    }
    let target = count.div_ceil(2);
    let mut seen = 0;
    for (value, n) in histogram.iter().enumerate() {
        seen += n;
        if seen >= target {
            return value as f64;
        }
    }
    100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_a_histogram() {
        let mut histogram = vec![0; 101];
        histogram[10] = 1;
        histogram[50] = 1;
        histogram[90] = 1;
        assert_eq!(median(&histogram, 3), 50.0);
        histogram[95] = 1;
        assert_eq!(median(&histogram, 4), 50.0);
        assert_eq!(median(&vec![0; 101], 0), 0.0);
    }
}
