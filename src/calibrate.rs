//! Item calibration from a cohort's answers: Rasch difficulties by joint maximum likelihood
//! (JMLE), one skill at a time (each skill is its own ability scale), with the checks that find
//! broken questions: nearly everyone right or wrong, or a negative item-rest correlation, which
//! usually means a wrong answer key.
//!
//! The scale is anchored to the catalog: each skill's new difficulties keep the mean of the
//! current ones, so levels keep their meaning. JMLE's known bias is corrected by (L − 1)/L, L the
//! mean number of the skill's items a person answered (Wright and Douglas 1977). The standard
//! error of b is about 2/√n at 50 % right, so about 100 responses per item are needed for
//! difficulties within ±0.25 logits (the shared calibration benchmark found the same for PROX
//! and JMLE); items with fewer are flagged.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::catalog::{Catalog, Population};
use crate::estimate::{ItemParams, Response, round_to};
use crate::results::Results;
use crate::sheet::score_answer;

/// Responses per item for a difficulty within about ±0.25 logits.
pub const RESPONSES_NEEDED: usize = 100;
/// Share right at or above which an item is too easy to tell people apart (and below 1 − this,
/// too hard).
pub const EXTREME_SHARE: f64 = 0.95;
const MAX_ITERATIONS: usize = 200;
const CONVERGED: f64 = 1e-5;
/// Largest step of one JMLE update, which keeps early iterations from overshooting.
const MAX_STEP: f64 = 1.0;
/// Difficulties are kept within ±this many logits (the edge of the ability scale, well inside
/// what `--calibration` accepts): an item everyone who tells people apart got right (or wrong)
/// has no finite estimate, and is written at the bound and flagged instead.
pub const B_BOUND: f64 = crate::catalog::B_RANGE.1;

/// One person's scored answers to tested questions: (question index in the catalog, score 0–1).
pub type Person = Vec<(usize, f64)>;

/// The scored answers of a cohort.
#[derive(Clone, Debug, Default)]
pub struct Cohort {
    pub persons: Vec<Person>,
    /// Each person's guessing share (see [`crate::estimate::GuessingEvidence::share`]), as the
    /// scorer applies it; a person without one (a cohort built by hand) counts as guessing.
    pub guessing_shares: Vec<f64>,
    /// Answers to questions this catalog does not have (another catalog version), skipped.
    pub unknown_questions: usize,
}

impl Cohort {
    /// Scores every results document's answers against the catalog's keys. Blank answers and
    /// self-reports are left out; "I don't know" scores 0.
    pub fn from_results<'r>(
        catalog: &Catalog,
        results: impl IntoIterator<Item = &'r Results>,
    ) -> Cohort {
        let mut cohort = Cohort::default();
        for document in results {
            let mut person = Person::new();
            let mut guesses = crate::estimate::GuessingEvidence::default();
            for (id, answer) in &document.answers {
                if answer.is_unanswered() {
                    continue;
                }
                match catalog.question_position(id) {
                    Some(index) if catalog.questions[index].kind.is_tested() => {
                        let question = &catalog.questions[index];
                        let score = score_answer(question, answer);
                        guesses.add(question, score, answer.is_dont_know());
                        person.push((index, score));
                    }
                    Some(_) => {}
                    None => cohort.unknown_questions += 1,
                }
            }
            if !person.is_empty() {
                cohort.persons.push(person);
                cohort.guessing_shares.push(guesses.share());
            }
        }
        cohort
    }
}

/// People a population estimate needs at least: fewer give σ's that mostly echo the prior.
pub const PEOPLE_FOR_POPULATION: usize = 30;
/// EM iterations at most, and the change in every parameter below which it has converged.
const EM_ITERATIONS: usize = 200;
const EM_TOLERANCE: f64 = 1e-3;

/// The population the cohort comes from, estimated for the joint model by EM (marginal maximum
/// likelihood): m ← mean E[μ], σ_μ² ← mean E[(μ − m)²], σ_δ² ← mean E[(θ_s − μ)²] over every
/// answered skill, each expectation under the person's posterior at the current parameters.
/// The result is kept within what the loader accepts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PopulationEstimate {
    pub population: Population,
    pub people: usize,
    pub iterations: usize,
    /// Whether a parameter had to be held at the loader's bounds.
    pub at_bound: bool,
}

/// Estimates the population from `cohort` under `catalog`'s items and guessing setting, starting
/// from the catalog's population. `None` with fewer than [`PEOPLE_FOR_POPULATION`] people.
pub fn estimate_population(catalog: &Catalog, cohort: &Cohort) -> Option<PopulationEstimate> {
    if cohort.persons.len() < PEOPLE_FOR_POPULATION {
        return None;
    }
    let guessing = catalog.info.model.guessing();
    let evidence: Vec<Vec<(&str, Vec<Response>)>> = cohort
        .persons
        .iter()
        .enumerate()
        .map(|(i, person)| {
            let share = cohort.guessing_shares.get(i).copied().unwrap_or(1.0);
            let mut by_skill: Vec<(&str, Vec<Response>)> = Vec::new();
            for &(index, score) in person {
                let question = &catalog.questions[index];
                let mut item = ItemParams::with_guessing(question, guessing);
                item.c *= share;
                let response = Response { item, score };
                match by_skill.iter_mut().find(|(s, _)| *s == question.skill) {
                    Some((_, responses)) => responses.push(response),
                    None => by_skill.push((question.skill.as_str(), vec![response])),
                }
            }
            by_skill
        })
        .collect();
    let mut population = catalog.info.model.population();
    let mut iterations = 0;
    let mut at_bound = false;
    for _ in 0..EM_ITERATIONS {
        iterations += 1;
        let model = crate::posterior::Model::new(population);
        let moments: Vec<crate::posterior::PersonMoments> = evidence
            .iter()
            .map(|person| {
                model
                    .posterior(person.iter().map(|(s, r)| (*s, r.as_slice())))
                    .moments()
            })
            .collect();
        let n = moments.len() as f64;
        let mean = moments.iter().map(|m| m.mean).sum::<f64>() / n;
        let general_var = moments.iter().map(|m| m.square).sum::<f64>() / n - mean * mean;
        let deviations: Vec<f64> = moments
            .iter()
            .flat_map(|m| m.deviations.iter().copied())
            .collect();
        let skill_var = deviations.iter().sum::<f64>() / deviations.len().max(1) as f64;
        let (next, bounded) = bounded(Population {
            general_mean: mean,
            general_sd: general_var.max(0.0).sqrt(),
            skill_sd: skill_var.max(0.0).sqrt(),
        });
        at_bound = bounded;
        let change = (next.general_mean - population.general_mean)
            .abs()
            .max((next.general_sd - population.general_sd).abs())
            .max((next.skill_sd - population.skill_sd).abs());
        population = next;
        if change < EM_TOLERANCE {
            break;
        }
    }
    Some(PopulationEstimate {
        population: Population {
            general_mean: round_to(population.general_mean, 3),
            general_sd: round_to(population.general_sd, 3),
            skill_sd: round_to(population.skill_sd, 3),
        },
        people: cohort.persons.len(),
        iterations,
        at_bound,
    })
}

/// `population` held within the loader's ranges, and whether it had to be.
fn bounded(population: Population) -> (Population, bool) {
    use crate::catalog::{GENERAL_MEAN_RANGE, SD_RANGE};
    let clamp = |v: f64, (low, high): (f64, f64)| {
        if v.is_finite() {
            v.clamp(low, high)
        } else {
            (low + high) / 2.0
        }
    };
    let held = Population {
        general_mean: clamp(population.general_mean, GENERAL_MEAN_RANGE),
        general_sd: clamp(population.general_sd, SD_RANGE),
        skill_sd: clamp(population.skill_sd, SD_RANGE),
    };
    (held, held != population)
}

/// What calibration found for one question.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemCalibration {
    pub id: String,
    pub skill: String,
    /// Responses.
    pub n: usize,
    /// Mean score (share right).
    pub share_right: f64,
    /// The difficulty in use now (the question's own `b` or its default).
    pub current_b: f64,
    /// The estimate, when the responses allow one.
    pub b: Option<f64>,
    pub se: Option<f64>,
    /// Correlation of the item's score with the person's score on the skill's other items.
    pub item_rest_correlation: Option<f64>,
    pub flags: Vec<Flag>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flag {
    /// Fewer responses than [`RESPONSES_NEEDED`].
    FewResponses,
    /// At least 95 % right.
    TooEasy,
    /// At most 5 % right.
    TooHard,
    /// Negative item-rest correlation: likely a wrong key.
    CheckKey,
    /// The estimate ran past ±[`B_BOUND`] logits and was set to the bound.
    AtBound,
}

impl Flag {
    pub fn describe(self) -> &'static str {
        match self {
            Flag::FewResponses => "few responses (about 100 needed for ±0.25 logits)",
            Flag::TooEasy => "≥ 95 % right: too easy to tell people apart",
            Flag::TooHard => "≤ 5 % right: too hard, or a wrong key",
            Flag::CheckKey => "negative item-rest correlation: check the answer key",
            Flag::AtBound => "the difficulty ran past ±5 logits and was set to the bound",
        }
    }
}

impl ItemCalibration {
    /// Whether the estimate goes into the overlay (an item with a suspect key has none).
    pub fn is_usable(&self) -> bool {
        self.b.is_some()
    }
}

/// Calibrates every question the cohort answered, skill by skill, in catalog order.
pub fn calibrate(catalog: &Catalog, cohort: &Cohort) -> Vec<ItemCalibration> {
    let mut by_skill: BTreeMap<usize, Vec<Person>> = BTreeMap::new();
    for person in &cohort.persons {
        let mut split: BTreeMap<usize, Person> = BTreeMap::new();
        for &(question, score) in person {
            if let Some(skill) = catalog.skill_position(&catalog.questions[question].skill) {
                split.entry(skill).or_default().push((question, score));
            }
        }
        for (skill, answers) in split {
            by_skill.entry(skill).or_default().push(answers);
        }
    }
    by_skill
        .into_values()
        .flat_map(|persons| calibrate_skill(catalog, &persons))
        .collect()
}

/// One skill's items from the persons who answered them.
fn calibrate_skill(catalog: &Catalog, persons: &[Person]) -> Vec<ItemCalibration> {
    let mut items: Vec<usize> = persons.iter().flatten().map(|&(q, _)| q).collect();
    items.sort_unstable();
    items.dedup();
    let column = |question: usize| items.binary_search(&question).ok();
    // Persons as (item column, score) lists.
    let rows: Vec<Vec<(usize, f64)>> = persons
        .iter()
        .map(|p| {
            p.iter()
                .filter_map(|&(q, s)| Some((column(q)?, s)))
                .collect()
        })
        .collect();
    let stats: Vec<ItemStats> = (0..items.len()).map(|c| ItemStats::of(&rows, c)).collect();
    // A suspect key makes an item's responses noise: it gets no difficulty, and it must not pull
    // the others through the anchor.
    let estimable: Vec<bool> = stats
        .iter()
        .map(|s| {
            s.n > 0
                && s.share_right > 0.0
                && s.share_right < 1.0
                && !s.item_rest.is_some_and(|r| r < 0.0)
        })
        .collect();
    let current: Vec<f64> = items
        .iter()
        .map(|&q| ItemParams::of(&catalog.questions[q]).b)
        .collect();
    let estimates = jmle(&rows, &estimable, &current);
    items
        .iter()
        .enumerate()
        .map(|(c, &q)| {
            let question = &catalog.questions[q];
            let s = &stats[c];
            let mut flags = Vec::new();
            if s.n < RESPONSES_NEEDED {
                flags.push(Flag::FewResponses);
            }
            if s.share_right >= EXTREME_SHARE {
                flags.push(Flag::TooEasy);
            }
            if s.share_right <= 1.0 - EXTREME_SHARE {
                flags.push(Flag::TooHard);
            }
            if s.item_rest.is_some_and(|r| r < 0.0) {
                flags.push(Flag::CheckKey);
            }
            let estimate = estimates[c].filter(|(b, se)| b.is_finite() && se.is_finite());
            let b = estimate.map(|(b, _)| {
                if b.abs() > B_BOUND {
                    flags.push(Flag::AtBound);
                }
                round_to(b.clamp(-B_BOUND, B_BOUND), 3)
            });
            ItemCalibration {
                id: question.id.clone(),
                skill: question.skill.clone(),
                n: s.n,
                share_right: round_to(s.share_right, 3),
                current_b: current[c],
                b,
                se: estimate.map(|(_, se)| round_to(se, 3)),
                item_rest_correlation: s.item_rest.map(|r| round_to(r, 3)),
                flags,
            }
        })
        .collect()
}

struct ItemStats {
    n: usize,
    share_right: f64,
    item_rest: Option<f64>,
}

impl ItemStats {
    /// Responses, mean score, and the Pearson correlation of the item's score with the mean
    /// score on the other items of the skill (over persons who answered it and another one).
    fn of(rows: &[Vec<(usize, f64)>], column: usize) -> ItemStats {
        let mut n = 0;
        let mut total = 0.0;
        let mut pairs = Vec::new();
        for row in rows {
            let Some(&(_, score)) = row.iter().find(|(c, _)| *c == column) else {
                continue;
            };
            n += 1;
            total += score;
            let others: Vec<f64> = row
                .iter()
                .filter(|(c, _)| *c != column)
                .map(|&(_, s)| s)
                .collect();
            if !others.is_empty() {
                pairs.push((score, others.iter().sum::<f64>() / others.len() as f64));
            }
        }
        ItemStats {
            n,
            share_right: if n > 0 { total / n as f64 } else { 0.0 },
            item_rest: correlation(&pairs),
        }
    }
}

fn correlation(pairs: &[(f64, f64)]) -> Option<f64> {
    if pairs.len() < 3 {
        return None;
    }
    let n = pairs.len() as f64;
    let (mx, my) = pairs
        .iter()
        .fold((0.0, 0.0), |(a, b), &(x, y)| (a + x / n, b + y / n));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for &(x, y) in pairs {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx).powi(2);
        syy += (y - my).powi(2);
    }
    (sxx > 0.0 && syy > 0.0).then(|| sxy / (sxx * syy).sqrt())
}

/// Rasch JMLE on a sparse person × item matrix: `(b, se)` for each estimable item, anchored to
/// the mean of `current` over them. Persons with all-right or all-wrong scores on the estimable
/// items carry no information about difficulties and are left out.
fn jmle(
    rows: &[Vec<(usize, f64)>],
    estimable: &[bool],
    current: &[f64],
) -> Vec<Option<(f64, f64)>> {
    let rows: Vec<Vec<(usize, f64)>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .copied()
                .filter(|&(c, _)| estimable[c])
                .collect::<Vec<_>>()
        })
        .filter(|row| {
            let total: f64 = row.iter().map(|&(_, s)| s).sum();
            row.len() >= 2 && total > 0.0 && total < row.len() as f64
        })
        .collect();
    let items = estimable.len();
    let mut b: Vec<f64> = current.to_vec();
    let mut theta = vec![0.0; rows.len()];
    let observed: Vec<f64> = (0..items)
        .map(|c| {
            rows.iter()
                .flat_map(|r| r.iter().filter(|(rc, _)| *rc == c))
                .map(|&(_, s)| s)
                .sum()
        })
        .collect();
    let probability = |theta: f64, b: f64| 1.0 / (1.0 + (b - theta).exp());
    let mut information = vec![0.0; items];
    for _ in 0..MAX_ITERATIONS {
        let mut change: f64 = 0.0;
        for (row, theta) in rows.iter().zip(theta.iter_mut()) {
            let (mut expected, mut variance, mut score) = (0.0, 0.0, 0.0);
            for &(c, s) in row {
                let p = probability(*theta, b[c]);
                expected += p;
                variance += p * (1.0 - p);
                score += s;
            }
            let step = ((score - expected) / variance.max(1e-9)).clamp(-MAX_STEP, MAX_STEP);
            *theta += step;
            change = change.max(step.abs());
        }
        let mut expected = vec![0.0; items];
        information.iter_mut().for_each(|v| *v = 0.0);
        for (row, &theta) in rows.iter().zip(&theta) {
            for &(c, _) in row {
                let p = probability(theta, b[c]);
                expected[c] += p;
                information[c] += p * (1.0 - p);
            }
        }
        for c in (0..items).filter(|&c| estimable[c] && information[c] > 0.0) {
            let step = (-(observed[c] - expected[c]) / information[c]).clamp(-MAX_STEP, MAX_STEP);
            b[c] += step;
            change = change.max(step.abs());
        }
        anchor(&mut b, estimable, current);
        if change < CONVERGED {
            break;
        }
    }
    let mean_length = rows.iter().map(Vec::len).sum::<usize>() as f64 / rows.len().max(1) as f64;
    let correction = if mean_length > 1.0 {
        (mean_length - 1.0) / mean_length
    } else {
        1.0
    };
    let mut corrected: Vec<f64> = b.iter().map(|v| v * correction).collect();
    anchor(&mut corrected, estimable, current);
    (0..items)
        .map(|c| {
            (estimable[c] && information[c] > 0.0)
                .then(|| (corrected[c], 1.0 / information[c].sqrt()))
        })
        .collect()
}

/// Shifts the estimable items' difficulties so their mean equals the current values' mean.
fn anchor(b: &mut [f64], estimable: &[bool], current: &[f64]) {
    let chosen: Vec<usize> = (0..b.len()).filter(|&c| estimable[c]).collect();
    if chosen.is_empty() {
        return;
    }
    let n = chosen.len() as f64;
    let shift = chosen.iter().map(|&c| current[c] - b[c]).sum::<f64>() / n;
    for c in chosen {
        b[c] += shift;
    }
}

/// The overlay the catalog loads with `--calibration`: `[[item]] id, b, n` for every usable
/// estimate.
pub fn overlay_toml(
    items: &[ItemCalibration],
    population: Option<&PopulationEstimate>,
    note: &str,
) -> String {
    let mut text = format!(
        "# Item difficulties (Rasch, logits) estimated by `skillgap calibrate`; {note}.\n\
         # Load with `skillgap --calibration FILE ...`. Items flagged for their key are left out.\n"
    );
    if let Some(estimate) = population {
        let p = estimate.population;
        text.push_str(&format!(
            "\n# The population the joint model assumes, estimated by EM from {} people.\n\
             [population]\ngeneral_mean = {:?}\ngeneral_sd = {:?}\nskill_sd = {:?}\nn = {}\n",
            estimate.people, p.general_mean, p.general_sd, p.skill_sd, estimate.people
        ));
    }
    for item in items.iter().filter(|i| i.is_usable()) {
        if let Some(b) = item.b.filter(|b| b.is_finite()) {
            let b = b.clamp(-B_BOUND, B_BOUND);
            text.push_str(&format!(
                "\n[[item]]\nid = {}\nb = {b:?}\nn = {}\n",
                toml::Value::String(item.id.clone()),
                item.n
            ));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::SplitMix64;

    #[test]
    fn a_cohort_keeps_each_persons_guessing_share_as_the_scorer_sees_it() {
        let catalog = Catalog::embedded().expect("catalog");
        let choice: Vec<&crate::catalog::Question> = catalog
            .questions
            .iter()
            .filter(|q| q.kind == crate::catalog::QuestionKind::Choice)
            .take(10)
            .collect();
        let sheet_of = |answer: &dyn Fn(&crate::catalog::Question) -> String| {
            let mut sheet = crate::sheet::AnswerSheet::default();
            for q in &choice {
                let value = crate::sheet::AnswerValue::One(answer(q));
                sheet.answers.insert(q.id.clone(), value);
            }
            crate::results::score(&catalog, &sheet, &[], None)
        };
        let unsure = sheet_of(&|_| "?".to_string());
        let guesser = sheet_of(&|q| {
            let wrong = q.options.iter().find(|o| Some(&o.id) != q.answer.as_ref());
            wrong.map(|o| o.id.clone()).unwrap_or_default()
        });
        let cohort = Cohort::from_results(&catalog, [&unsure, &guesser]);
        assert_eq!(cohort.persons.len(), 2);
        assert!(
            cohort.guessing_shares[0] <= 0.25,
            "{:?}",
            cohort.guessing_shares
        );
        assert_eq!(cohort.guessing_shares[1], 1.0);
    }

    /// A synthetic cohort on the SQL questions: Rasch answers from abilities N(0, 1) and the
    /// questions' default difficulties, except that `miskeyed` is scored backwards (the key
    /// names a wrong option, so people who know the answer "get it wrong").
    fn cohort(catalog: &Catalog, persons: usize, miskeyed: Option<&str>) -> Cohort {
        let position = catalog.skill_position("sql").expect("sql");
        let questions: Vec<(usize, f64)> = catalog
            .questions
            .iter()
            .enumerate()
            .filter(|(_, q)| {
                q.kind.is_tested() && catalog.skill_position(&q.skill) == Some(position)
            })
            .map(|(i, q)| (i, ItemParams::of(q).b))
            .collect();
        let mut rng = SplitMix64::new(21);
        let persons = (0..persons)
            .map(|_| {
                let theta = rng.normal();
                questions
                    .iter()
                    .map(|&(index, b)| {
                        let right = rng.uniform() < 1.0 / (1.0 + (b - theta).exp());
                        let flipped = Some(catalog.questions[index].id.as_str()) == miskeyed;
                        (index, if right != flipped { 1.0 } else { 0.0 })
                    })
                    .collect()
            })
            .collect();
        Cohort {
            persons,
            ..Cohort::default()
        }
    }

    #[test]
    fn a_miskeyed_item_is_flagged_and_left_out_of_the_overlay() {
        let catalog = Catalog::embedded().expect("catalog");
        let target = catalog
            .questions
            .iter()
            .find(|q| q.skill == "sql" && q.kind.is_tested() && q.difficulty == 2)
            .expect("a working-level SQL question")
            .id
            .clone();
        let items = calibrate(&catalog, &cohort(&catalog, 400, Some(&target)));
        let flagged: Vec<&ItemCalibration> = items
            .iter()
            .filter(|i| i.flags.contains(&Flag::CheckKey))
            .collect();
        assert_eq!(flagged.len(), 1, "{items:#?}");
        assert_eq!(flagged[0].id, target);
        assert!(flagged[0].item_rest_correlation.expect("r") < -0.1);
        assert_eq!(flagged[0].b, None, "a suspect key gets no difficulty");
        let overlay = overlay_toml(&items, None, "test");
        assert!(!overlay.contains(&format!("\"{target}\"")));
        assert!(overlay.matches("[[item]]").count() == items.len() - 1);
    }

    #[test]
    fn difficulties_are_recovered_on_the_catalog_scale() {
        let catalog = Catalog::embedded().expect("catalog");
        let items = calibrate(&catalog, &cohort(&catalog, 2000, None));
        assert!(!items.is_empty());
        for item in &items {
            let b = item.b.expect("estimable");
            assert!(
                (b - item.current_b).abs() < 0.3,
                "{}: {b} vs {}",
                item.id,
                item.current_b
            );
            assert!(item.flags.is_empty(), "{item:?}");
            assert!(item.se.expect("se") < 0.1);
        }
    }

    #[test]
    fn small_cohorts_and_extreme_items_are_flagged() {
        let catalog = Catalog::embedded().expect("catalog");
        let items = calibrate(&catalog, &cohort(&catalog, 40, None));
        assert!(items.iter().all(|i| i.flags.contains(&Flag::FewResponses)));
        let mut everyone_right = cohort(&catalog, 150, None);
        let first = everyone_right.persons[0][0].0;
        for person in &mut everyone_right.persons {
            person[0].1 = 1.0;
        }
        let items = calibrate(&catalog, &everyone_right);
        let item = items
            .iter()
            .find(|i| i.id == catalog.questions[first].id)
            .expect("item");
        assert!(item.flags.contains(&Flag::TooEasy));
        assert_eq!(item.b, None, "no finite difficulty when everyone is right");
    }

    #[test]
    fn a_difficulty_without_a_finite_estimate_is_bounded_flagged_and_loads() {
        let mut catalog = Catalog::embedded().expect("catalog");
        let base = cohort(&catalog, 150, None);
        // The one person who got the first item right got everything right (and carries no
        // information); everyone else got it wrong: JMLE runs off towards +infinity.
        let first = base.persons[0][0].0;
        let mut persons: Vec<Person> = base
            .persons
            .iter()
            .map(|p| {
                p.iter()
                    .map(|&(q, s)| (q, if q == first { 0.0 } else { s }))
                    .collect()
            })
            .collect();
        persons[0] = persons[0].iter().map(|&(q, _)| (q, 1.0)).collect();
        let cohort = Cohort {
            persons,
            ..Cohort::default()
        };
        let items = calibrate(&catalog, &cohort);
        let item = items
            .iter()
            .find(|i| i.id == catalog.questions[first].id)
            .expect("item");
        assert!(item.flags.contains(&Flag::AtBound), "{item:?}");
        assert_eq!(item.b, Some(B_BOUND));
        for item in &items {
            assert!(item.b.is_none_or(|b| b.abs() <= B_BOUND), "{item:?}");
        }
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("overlay.toml");
        std::fs::write(&path, overlay_toml(&items, None, "test")).expect("write");
        let written = catalog
            .apply_calibration(&path)
            .expect("the loader takes what calibrate wrote");
        assert_eq!(written, items.iter().filter(|i| i.is_usable()).count());
    }

    /// People drawn from a known population answering 4 questions in each of four skills, as
    /// the scorer's model says (guessing included).
    fn population_cohort(catalog: &Catalog, truth: Population, people: usize) -> Cohort {
        let skills = ["sql", "http", "git", "linux"];
        let mut rng = SplitMix64::new(5);
        let persons = (0..people)
            .map(|_| {
                let mu = truth.general_mean + truth.general_sd * rng.normal();
                skills
                    .iter()
                    .flat_map(|skill| {
                        let theta = mu + truth.skill_sd * rng.normal();
                        let position = catalog.skill_position(skill).expect("skill");
                        let questions: Vec<usize> = catalog
                            .questions_of(position)
                            .filter(|q| q.kind.is_tested())
                            .take(4)
                            .filter_map(|q| catalog.question_position(&q.id))
                            .collect();
                        questions
                            .into_iter()
                            .map(|index| {
                                let item = ItemParams::of(&catalog.questions[index]);
                                (
                                    index,
                                    f64::from(u8::from(rng.uniform() < item.probability(theta))),
                                )
                            })
                            .collect::<Vec<_>>()
                    })
                    .collect()
            })
            .collect();
        Cohort {
            persons,
            ..Cohort::default()
        }
    }

    #[test]
    fn em_recovers_a_population_that_is_not_the_default() {
        let catalog = Catalog::embedded().expect("catalog");
        let truth = Population {
            general_mean: -1.0,
            general_sd: 1.0,
            skill_sd: 0.5,
        };
        let estimate = estimate_population(&catalog, &population_cohort(&catalog, truth, 150))
            .expect("estimate");
        let p = estimate.population;
        assert!((p.general_mean + 1.0).abs() < 0.25, "{p:?}");
        assert!((p.general_sd - 1.0).abs() < 0.3, "{p:?}");
        assert!((p.skill_sd - 0.5).abs() < 0.3, "{p:?}");
        assert!(!estimate.at_bound);
        assert!(p.problem().is_none(), "never written out of bounds");
    }

    #[test]
    fn a_small_cohort_leaves_the_population_alone_and_the_overlay_loads() {
        let catalog = Catalog::embedded().expect("catalog");
        let small = population_cohort(&catalog, Population::default(), 10);
        assert!(estimate_population(&catalog, &small).is_none());
        let estimate = estimate_population(
            &catalog,
            &population_cohort(&catalog, Population::default(), 40),
        );
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("overlay.toml");
        std::fs::write(&path, overlay_toml(&[], estimate.as_ref(), "test")).expect("write");
        let mut loaded = Catalog::embedded().expect("catalog");
        loaded.apply_calibration(&path).expect("loads");
        let expected = estimate.expect("estimate").population;
        assert_eq!(loaded.info.model.population(), expected);
    }
}
