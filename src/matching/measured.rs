//! Readiness on what the answers measured. The joint model credits a skill nobody asked about
//! from the person's general level: someone who aces Python and Django is then "ready" for a
//! Rails posting too, and every posting ties. To rank postings by what a person actually knows,
//! a requirement whose skill (or every alternative) was not assessed counts as level 0 here,
//! as [`Rule::apply`] reads `None`; the assessed ones keep their joint posterior, drawn together.

use std::collections::BTreeMap;

use crate::catalog::{Catalog, Template};
use crate::estimate::{Response, round_to};
use crate::posterior::{Model, Posterior, theta_at};
use crate::readiness::{Gap, Rule, TemplateReadiness, Verdict, VerdictProbabilities};
use crate::sheet::AnswerSheet;

/// Joint draws per posting (the binomial error of a probability is then at most 0.01).
const DRAWS: usize = 2500;
const BATCH: usize = 250;

/// Readiness and verdict with the skills not assessed counted as level 0.
#[derive(Clone, Debug, PartialEq)]
pub struct Measured {
    pub readiness: f64,
    pub readiness_range: [f64; 2],
    pub verdict: Verdict,
    pub verdict_probability: f64,
}

/// The tested responses of a sheet per skill, as the scorer reads them.
pub fn responses(catalog: &Catalog, sheet: &AnswerSheet) -> BTreeMap<String, Vec<Response>> {
    crate::results::tested_responses(catalog, &sheet.answers)
}

/// The model `catalog` scores with.
pub fn model(catalog: &Catalog) -> std::sync::Arc<Model> {
    Model::shared(catalog.info.model.population())
}

/// The posterior of `responses` under `model`.
pub fn posterior<'m>(
    model: &'m Model,
    responses: &'m BTreeMap<String, Vec<Response>>,
) -> Posterior<'m> {
    model.posterior(responses.iter().map(|(s, r)| (s.as_str(), r.as_slice())))
}

/// `template`'s verdict and readiness when only the assessed requirements count; `scored` is
/// the joint model's readiness of the same template (it names the counted skill of each
/// requirement).
pub fn measure(template: &Template, scored: &TemplateReadiness, posterior: &Posterior) -> Measured {
    let rule = Rule::of(template);
    let counted: Vec<Option<&str>> = scored
        .requirements
        .iter()
        .map(|r| posterior.is_assessed(&r.skill).then_some(r.skill.as_str()))
        .collect();
    let mut skills: Vec<&str> = counted.iter().flatten().copied().collect();
    skills.sort_unstable();
    skills.dedup();
    let index: Vec<Option<usize>> = counted
        .iter()
        .map(|c| c.and_then(|s| skills.iter().position(|x| *x == s)))
        .collect();
    let seed = template.id.bytes().fold(0x9e37_79b9_7f4a_7c15u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    let mut tally = VerdictProbabilities::default();
    let mut values = Vec::with_capacity(DRAWS);
    let batches = if skills.is_empty() { 1 } else { DRAWS / BATCH };
    for batch in 0..batches {
        let draws = if skills.is_empty() {
            vec![0; BATCH]
        } else {
            posterior.draw(&skills, BATCH, seed ^ batch as u64)
        };
        let width = skills.len().max(1);
        for draw in draws.chunks_exact(width) {
            let thetas = index
                .iter()
                .map(|i| i.map(|i| theta_at(usize::from(draw[i]))));
            let (value, verdict) = rule.apply(thetas);
            values.push(value);
            match verdict {
                Verdict::NotYet => tally.not_yet += 1.0,
                Verdict::Nearly => tally.nearly += 1.0,
                Verdict::Ready => tally.ready += 1.0,
            }
        }
    }
    let n = values.len() as f64;
    tally.not_yet /= n;
    tally.nearly /= n;
    tally.ready /= n;
    let verdict = tally.most_probable();
    let mean = values.iter().sum::<f64>() / n;
    values.sort_by(f64::total_cmp);
    let at = |q: f64| values[((q * n) as usize).min(values.len() - 1)];
    Measured {
        readiness: round_to(mean, 1),
        readiness_range: [round_to(at(0.1), 1), round_to(at(0.9), 1)],
        verdict,
        verdict_probability: round_to(tally.of(verdict), 3),
    }
}

/// The gaps to show for a posting: the joint model's, with every requirement not assessed
/// added (from level 0, "measure first": the answers say nothing about it), by priority.
pub fn gaps(catalog: &Catalog, scored: &TemplateReadiness) -> Vec<Gap> {
    let mut gaps: Vec<Gap> = scored
        .gaps
        .iter()
        .filter(|g| g.current_level.is_some())
        .cloned()
        .collect();
    for r in scored
        .requirements
        .iter()
        .filter(|r| r.current_level.is_none())
    {
        let skill = catalog.skill(&r.skill);
        let factor = if r.must { 2.0 } else { 1.0 };
        gaps.push(Gap {
            skill: r.skill.clone(),
            name: skill.map_or_else(|| r.skill.clone(), |s| s.name.clone()),
            current_level: None,
            required_level: r.required_level,
            weight: r.weight,
            must: r.must,
            hours: skill.map_or(0.0, |s| s.hours_between(0, r.required_level)),
            priority: round_to(r.weight * f64::from(r.required_level) * factor, 3),
            p_met: r.p_met,
            measure_first: true,
        });
    }
    gaps.sort_by(|a, b| {
        b.priority
            .total_cmp(&a.priority)
            .then(b.must.cmp(&a.must))
            .then(a.skill.cmp(&b.skill))
    });
    gaps
}

/// Readiness over the must-haves alone, a requirement not assessed counting as 0: the weighted
/// posterior mean coverage (exact, by linearity); `None` when the posting names no must-have.
pub fn must_have_readiness(scored: &TemplateReadiness) -> Option<f64> {
    let musts = scored.requirements.iter().filter(|r| r.must);
    let (covered, total) = musts.fold((0.0, 0.0), |(covered, total), r| {
        let coverage = if r.current_level.is_some() {
            r.coverage
        } else {
            0.0
        };
        (covered + r.weight * coverage, total + r.weight)
    });
    (total > 0.0).then(|| round_to(100.0 * covered / total, 1))
}
