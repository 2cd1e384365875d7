//! Matching one person's answers against many job postings: a template is extracted from each
//! posting (as `template from-posting` does), the answers are scored against all of them under
//! one posterior, and the postings are ranked, most probable verdict first, then readiness.
//!
//! Plain data in and out: reading files is [`read_postings`] and [`read_candidates`], the
//! ranking is [`rank`], and the HTML page is [`html`]'s. No clap types.

pub mod html;
pub mod input;
pub mod measured;

use serde::Serialize;

use crate::catalog::{Catalog, Template, TemplateLevel};
use crate::posting::Extraction;
use crate::readiness::{Gap, TemplateReadiness, Verdict};
use crate::results::{self, Results};
use crate::sheet::AnswerSheet;

pub use input::{Candidate, Failure, read_candidates, read_postings};

/// The `match --format json` document's version. Changes are additive.
pub const SCHEMA_VERSION: u32 = 1;

/// A posting read and turned into a template.
#[derive(Clone, Debug)]
pub struct Posting {
    /// The file it came from, as given.
    pub source: String,
    /// What the extractor found (title, seniority, requirements, words not covered).
    pub extraction: Extraction,
    /// The template scored against; its id is unique among the postings of one run.
    pub template: Template,
}

impl Posting {
    /// The distinct words of the posting the catalog does not cover, in order.
    pub fn not_covered(&self) -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        for item in &self.extraction.not_covered {
            if !words
                .iter()
                .any(|w| w.eq_ignore_ascii_case(item.words.trim()))
            {
                words.push(item.words.trim().to_string());
            }
        }
        words
    }
}

/// One posting's place in a ranking: what the `postings` array of the JSON document holds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Match {
    /// 1-based place in the ranking.
    pub rank: usize,
    /// The posting's file.
    pub source: String,
    /// The posting's title (its first heading or line).
    pub title: String,
    /// The id of the template extracted from it (unique in this run; `--plan` lists these).
    pub template: String,
    /// The seniority the extractor read, and why.
    pub level: TemplateLevel,
    pub level_why: String,
    /// 0–100, the posterior mean of the weighted coverage, a requirement not assessed counting
    /// as level 0 (see [`measured`]).
    pub readiness: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub readiness_range: Option<[f64; 2]>,
    /// 0–100, readiness over the must-haves alone (not assessed at level 0): what an employer
    /// screens on first, and the ranking's second key (the readiness when it names none).
    pub must_have_readiness: f64,
    /// The most probable verdict, and its probability (requirements not assessed at level 0).
    pub verdict: Verdict,
    pub verdict_probability: f64,
    /// What the joint model says when it guesses the skills not assessed from the general level.
    pub with_guesses: Guessed,
    /// How many requirements the posting has, and how many of them are must-haves.
    pub requirements: usize,
    pub must_haves: usize,
    /// The must-haves more likely missing than met, or not assessed: their skill ids.
    pub must_haves_missing: Vec<String>,
    /// The requirements' skills the answers did not assess (measure them: `skillgap assess
    /// --posting FILE`).
    pub not_assessed: Vec<String>,
    /// The gaps, highest priority first, with the hours to close each and how sure it is; a
    /// requirement not assessed is a gap from level 0 marked `measure_first`.
    pub gaps: Vec<Gap>,
    /// The hours the gaps add up to (each from the most probable level to the required one).
    pub hours_to_close: f64,
    /// Skills the posting asks for that the catalog does not cover.
    pub not_covered: Vec<String>,
}

/// The joint model's figures for a posting, skills not assessed guessed from the general level.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Guessed {
    pub readiness: f64,
    pub verdict: Verdict,
    pub verdict_probability: f64,
}

impl Match {
    fn of(
        posting: &Posting,
        readiness: &TemplateReadiness,
        measured: measured::Measured,
        gaps: Vec<Gap>,
    ) -> Match {
        let hours = gaps.iter().map(|g| g.hours).sum::<f64>();
        let not_assessed: Vec<String> = readiness
            .requirements
            .iter()
            .filter(|r| r.current_level.is_none())
            .map(|r| r.skill.clone())
            .collect();
        Match {
            rank: 0,
            source: posting.source.clone(),
            title: posting.extraction.title.clone(),
            template: posting.template.id.clone(),
            level: posting.extraction.seniority.level,
            level_why: posting.extraction.seniority.why.clone(),
            readiness: measured.readiness,
            must_have_readiness: measured::must_have_readiness(readiness)
                .unwrap_or(measured.readiness),
            readiness_range: Some(measured.readiness_range),
            verdict: measured.verdict,
            verdict_probability: measured.verdict_probability,
            with_guesses: Guessed {
                readiness: readiness.readiness,
                verdict: readiness.verdict,
                verdict_probability: readiness.verdict_probability,
            },
            requirements: readiness.requirements.len(),
            must_haves: readiness.requirements.iter().filter(|r| r.must).count(),
            must_haves_missing: readiness
                .requirements
                .iter()
                .filter(|r| r.must && (!r.met || r.current_level.is_none()))
                .map(|r| r.skill.clone())
                .collect(),
            not_assessed,
            gaps,
            hours_to_close: (hours * 10.0).round() / 10.0 + 0.0,
            not_covered: posting.not_covered(),
        }
    }

    /// The readiness of this match as the report sentences want it.
    pub fn as_readiness(&self) -> TemplateReadiness {
        TemplateReadiness {
            template: self.template.clone(),
            title: self.title.clone(),
            level: self.level,
            readiness: self.readiness,
            readiness_range: self.readiness_range,
            verdict: self.verdict,
            verdict_probability: self.verdict_probability,
            verdict_probabilities: None,
            must_haves_missing: self.must_haves_missing.len(),
            requirements: Vec::new(),
            gaps: self.gaps.clone(),
        }
    }
}

/// One person's postings, best first, with the results they were ranked from (one template per
/// posting, for `--plan`).
#[derive(Clone, Debug)]
pub struct Ranking {
    pub candidate: String,
    pub source: String,
    pub matches: Vec<Match>,
    pub results: Results,
}

/// The order of a ranking: the better verdict first (ready, nearly, not yet), then the higher
/// readiness on the must-haves, then the higher readiness, then the surer verdict, then the
/// source (so ties always come out the same). The must-haves come before overall readiness
/// because a short posting whose nice-to-haves one happens to know is not closer than one whose
/// must-haves one has.
pub fn better(a: &Match, b: &Match) -> std::cmp::Ordering {
    b.verdict
        .cmp(&a.verdict)
        .then(b.must_have_readiness.total_cmp(&a.must_have_readiness))
        .then(b.readiness.total_cmp(&a.readiness))
        .then(b.verdict_probability.total_cmp(&a.verdict_probability))
        .then_with(|| a.source.cmp(&b.source))
}

/// Scores the candidate's answers against every posting (one posterior, one template each) and
/// ranks the postings. The sheet must have been checked against `catalog`.
pub fn rank(catalog: &Catalog, candidate: &Candidate, postings: &[Posting]) -> Ranking {
    let templates: Vec<&Template> = postings.iter().map(|p| &p.template).collect();
    let mut results = results::score(
        catalog,
        &candidate.sheet,
        &templates,
        Some(candidate.source.clone()),
    );
    let model = measured::model(catalog);
    let responses = measured::responses(catalog, &candidate.sheet);
    let posterior = measured::posterior(&model, &responses);
    let mut matches = Vec::with_capacity(postings.len());
    for (posting, readiness) in postings.iter().zip(results.templates.iter_mut()) {
        let figures = measured::measure(&posting.template, readiness, &posterior);
        let gaps = measured::gaps(catalog, readiness);
        // The plan studies what the ranking shows missing, the skills not assessed included.
        readiness.gaps = gaps.clone();
        matches.push(Match::of(posting, readiness, figures, gaps));
    }
    matches.sort_by(better);
    for (i, m) in matches.iter_mut().enumerate() {
        m.rank = i + 1;
    }
    Ranking {
        candidate: candidate.name.clone(),
        source: candidate.source.clone(),
        matches,
        results,
    }
}

/// The template ids of the first `n` matches, for a plan that opens the most doors.
pub fn top_templates(ranking: &Ranking, n: usize) -> Vec<String> {
    ranking
        .matches
        .iter()
        .take(n)
        .map(|m| m.template.clone())
        .collect()
}

/// The answers of a results document (or a sheet) as a sheet to score again.
pub fn sheet_of(results: &Results) -> AnswerSheet {
    AnswerSheet {
        schema_version: Some(1),
        candidate: results.candidate.clone(),
        profile: results.profile.clone(),
        templates: Vec::new(),
        answers: results.answers.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a_match(source: &str, verdict: Verdict, readiness: f64, p: f64) -> Match {
        Match {
            rank: 0,
            source: source.to_string(),
            title: source.to_string(),
            template: source.to_string(),
            level: TemplateLevel::Mid,
            level_why: String::new(),
            readiness,
            must_have_readiness: readiness,
            readiness_range: None,
            verdict,
            verdict_probability: p,
            with_guesses: Guessed {
                readiness,
                verdict,
                verdict_probability: p,
            },
            requirements: 1,
            must_haves: 1,
            must_haves_missing: Vec::new(),
            not_assessed: Vec::new(),
            gaps: Vec::new(),
            hours_to_close: 0.0,
            not_covered: Vec::new(),
        }
    }

    #[test]
    fn the_better_verdict_comes_first_then_readiness_then_certainty() {
        let mut matches = [
            a_match("a", Verdict::NotYet, 95.0, 0.9),
            a_match("b", Verdict::Nearly, 70.0, 0.6),
            a_match("c", Verdict::Ready, 81.0, 0.55),
            a_match("d", Verdict::Nearly, 75.0, 0.5),
            a_match("e", Verdict::Nearly, 75.0, 0.8),
            a_match("f", Verdict::Nearly, 75.0, 0.8),
            Match {
                must_have_readiness: 90.0,
                ..a_match("g", Verdict::Nearly, 65.0, 0.5)
            },
        ];
        matches.sort_by(better);
        let order: Vec<&str> = matches.iter().map(|m| m.source.as_str()).collect();
        assert_eq!(order, ["c", "g", "e", "f", "d", "b", "a"]);
    }

    #[test]
    fn answers_ranked_against_extracted_postings_favour_the_matching_stack() {
        let catalog = Catalog::embedded().expect("catalog");
        let posting = |name: &str, text: &str| {
            let extraction = crate::posting::extract(
                &catalog,
                text,
                &crate::posting::PostingOptions {
                    id: Some(name.to_string()),
                    title: None,
                    source: name.to_string(),
                },
            )
            .expect("extracts");
            Posting {
                source: name.to_string(),
                template: extraction.template(),
                extraction,
            }
        };
        let postings = [
            posting(
                "php",
                "# PHP Developer\n## Requirements\n- PHP\n- Laravel\n- MySQL\n",
            ),
            posting(
                "python",
                "# Python Developer\n## Requirements\n- Python\n- Django\n- PostgreSQL\n",
            ),
        ];
        // Every question on Python and Django answered right.
        let answers = catalog
            .questions
            .iter()
            .filter(|q| (q.skill == "python" || q.skill == "django") && q.kind.is_tested())
            .filter_map(|q| {
                q.answer
                    .clone()
                    .map(|a| (q.id.clone(), crate::sheet::AnswerValue::One(a)))
            })
            .collect();
        let candidate = Candidate {
            name: "Py".to_string(),
            source: "py.json".to_string(),
            sheet: AnswerSheet {
                answers,
                ..AnswerSheet::default()
            },
        };
        let ranking = rank(&catalog, &candidate, &postings);
        assert_eq!(ranking.matches[0].source, "python", "{:?}", ranking.matches);
        assert_eq!(ranking.matches[0].rank, 1);
        assert!(ranking.matches[0].readiness > ranking.matches[1].readiness);
        assert_eq!(ranking.results.templates.len(), 2);
    }
}
