//! How well `template from-posting` reads real postings: precision and recall of the extracted
//! skill ids, must/nice agreement and level band, against a careful reader's labels
//! (tests/data/postings/labels.toml, written before the extractor was tuned).

use std::collections::BTreeSet;

use serde::Deserialize;
use skillgap::catalog::Catalog;
use skillgap::posting::{Extraction, PostingOptions, extract};

const POSTINGS: &str = "tests/data/postings";

/// The bars the extractor must keep; the figures it reaches are printed (run with
/// `--nocapture`) and reported.
const MIN_PRECISION: f64 = 0.9;
const MIN_RECALL: f64 = 0.9;
const MIN_NEED_AGREEMENT: f64 = 0.85;
const MIN_LEVEL_AGREEMENT: f64 = 0.9;

#[derive(Deserialize)]
struct Labels {
    postings: Vec<Label>,
}

#[derive(Deserialize)]
struct Label {
    file: String,
    level: String,
    must: Vec<String>,
    nice: Vec<String>,
}

#[derive(Default)]
struct Tally {
    true_positives: usize,
    false_positives: usize,
    false_negatives: usize,
    need_agreed: usize,
    need_compared: usize,
    level_agreed: usize,
    postings: usize,
}

impl Tally {
    fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }
    fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }
    fn need_agreement(&self) -> f64 {
        ratio(self.need_agreed, self.need_compared)
    }
    fn level_agreement(&self) -> f64 {
        ratio(self.level_agreed, self.postings)
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// Extracted skill ids with whether each is a must.
fn extracted(extraction: &Extraction) -> Vec<(String, bool)> {
    extraction
        .requirements
        .iter()
        .flat_map(|r| {
            r.requirement
                .skills()
                .map(|s| (s.to_string(), r.requirement.must))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn extraction_reaches_the_bar_on_the_labelled_postings() {
    let catalog = Catalog::embedded().expect("embedded catalog");
    let labels: Labels = toml::from_str(
        &std::fs::read_to_string(format!("{POSTINGS}/labels.toml")).expect("labels"),
    )
    .expect("labels parse");
    assert!(
        labels.postings.len() >= 12,
        "the test set needs 12 postings or more"
    );
    let mut tally = Tally::default();
    for label in &labels.postings {
        for id in label.must.iter().chain(&label.nice) {
            assert!(
                catalog.skill(id).is_some(),
                "{}: `{id}` is not a skill",
                label.file
            );
        }
        let path = format!("{POSTINGS}/{}", label.file);
        let text = std::fs::read_to_string(&path).expect("posting");
        let options = PostingOptions {
            source: path.clone(),
            ..Default::default()
        };
        let extraction = extract(&catalog, &text, &options).expect("extracts");
        let found = extracted(&extraction);
        let found_ids: BTreeSet<&str> = found.iter().map(|(s, _)| s.as_str()).collect();
        let labelled: BTreeSet<&str> = label
            .must
            .iter()
            .chain(&label.nice)
            .map(String::as_str)
            .collect();
        let missed: Vec<&&str> = labelled.difference(&found_ids).collect();
        let extra: Vec<&&str> = found_ids.difference(&labelled).collect();
        let mut need_wrong = Vec::new();
        for (skill, must) in &found {
            if labelled.contains(skill.as_str()) {
                tally.need_compared += 1;
                if label.must.contains(skill) == *must {
                    tally.need_agreed += 1;
                } else {
                    need_wrong.push(skill.as_str());
                }
            }
        }
        let level = extraction.seniority.level.as_str();
        tally.postings += 1;
        if level == label.level {
            tally.level_agreed += 1;
        }
        tally.true_positives += labelled.len() - missed.len();
        tally.false_positives += extra.len();
        tally.false_negatives += missed.len();
        println!(
            "{:<36} level {level:<6} (label {:<6}) missed {missed:?} extra {extra:?} must/nice differs {need_wrong:?}",
            label.file, label.level
        );
    }
    println!(
        "posting extraction over {} postings: precision {:.3}, recall {:.3}, must/nice agreement {:.3}, level agreement {:.3}",
        tally.postings,
        tally.precision(),
        tally.recall(),
        tally.need_agreement(),
        tally.level_agreement()
    );
    assert!(
        tally.precision() >= MIN_PRECISION,
        "precision {:.3}",
        tally.precision()
    );
    assert!(tally.recall() >= MIN_RECALL, "recall {:.3}", tally.recall());
    assert!(
        tally.need_agreement() >= MIN_NEED_AGREEMENT,
        "must/nice agreement {:.3}",
        tally.need_agreement()
    );
    assert!(
        tally.level_agreement() >= MIN_LEVEL_AGREEMENT,
        "level agreement {:.3}",
        tally.level_agreement()
    );
}
