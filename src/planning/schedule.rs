//! From gaps to an ordered list of study steps: targets merged across templates, prerequisites
//! pulled in, and an order where no skill comes before what it needs.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap, HashMap};

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::readiness::TemplateReadiness;

/// The level a prerequisite must reach before a skill that needs it can be learned to `target`:
/// the same level, but never more than "working" (2); nobody needs to be an expert in HTTP
/// before starting Django.
pub fn prerequisite_level(target: u8) -> u8 {
    target.min(2)
}

/// One skill to bring to a level, before ordering.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub skill: String,
    /// The name from the results when the catalog does not know the skill.
    pub name: String,
    pub current_level: Option<u8>,
    pub target_level: u8,
    pub must: bool,
    /// Sum of the gap priorities over the templates that need it.
    pub priority: f64,
    pub templates: Vec<String>,
    /// Skills in the plan that need this one first (empty for a template's own gap).
    pub needed_by: Vec<String>,
}

/// Merges the gaps of several templates: one target per skill, at the highest level any template
/// asks, a must-have if any template says so, its priority the sum of theirs (a skill that
/// serves several templates comes earlier).
pub fn merge_gaps(templates: &[&TemplateReadiness]) -> Vec<Target> {
    let mut targets: BTreeMap<&str, Target> = BTreeMap::new();
    for readiness in templates {
        // An unclear requirement is measured first, not studied on the strength of one or two
        // answers (see `measure_first`).
        for gap in readiness.gaps.iter().filter(|g| !g.measure_first) {
            let target = targets.entry(&gap.skill).or_insert_with(|| Target {
                skill: gap.skill.clone(),
                name: gap.name.clone(),
                current_level: gap.current_level,
                target_level: 0,
                must: false,
                priority: 0.0,
                templates: Vec::new(),
                needed_by: Vec::new(),
            });
            target.target_level = target.target_level.max(gap.required_level);
            target.must |= gap.must;
            target.priority += gap.priority;
            target.templates.push(readiness.template.clone());
        }
    }
    targets.into_values().collect()
}

/// A requirement the answers leave unclear (0.3 ≤ p_met ≤ 0.7): measure it before studying it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MeasureFirst {
    pub skill: String,
    pub name: String,
    /// The probability that it is met (the lowest over the templates that ask for it).
    pub p_met: f64,
    pub required_level: u8,
    /// The command that measures it.
    pub command: String,
}

/// The unclear requirements of `templates`, one per skill, in the templates' order.
pub fn measure_first(catalog: &Catalog, templates: &[&TemplateReadiness]) -> Vec<MeasureFirst> {
    let mut unclear: Vec<MeasureFirst> = Vec::new();
    // Unclear requirements, and gaps marked to measure first (the schedule leaves both out).
    let requirements = templates
        .iter()
        .flat_map(|t| &t.requirements)
        .filter(|r| r.is_unclear())
        .map(|r| (&r.skill, r.p_met, r.required_level));
    let gaps = templates
        .iter()
        .flat_map(|t| &t.gaps)
        .filter(|g| g.measure_first)
        .map(|g| (&g.skill, g.p_met, g.required_level));
    for (skill, p_met, required_level) in requirements.chain(gaps) {
        match unclear.iter_mut().find(|m| &m.skill == skill) {
            Some(known) => {
                known.p_met = known.p_met.min(p_met);
                known.required_level = known.required_level.max(required_level);
            }
            None => unclear.push(MeasureFirst {
                skill: skill.clone(),
                name: catalog
                    .skill(skill)
                    .map_or_else(|| skill.clone(), |s| s.name.clone()),
                p_met,
                required_level,
                command: format!("skillgap assess --skill {skill}"),
            }),
        }
    }
    unclear
}

/// Adds, transitively, every prerequisite below the level its dependants need. `level_of` gives
/// the assessed level of a skill (`None`: not assessed, assumed to start from zero).
pub fn add_prerequisites(
    catalog: &Catalog,
    targets: &mut Vec<Target>,
    level_of: impl Fn(&str) -> Option<u8>,
) {
    let mut position: HashMap<String, usize> = targets
        .iter()
        .enumerate()
        .map(|(i, t)| (t.skill.clone(), i))
        .collect();
    let mut pending: Vec<usize> = (0..targets.len()).collect();
    while let Some(index) = pending.pop() {
        let (skill_id, needed) = {
            let target = &targets[index];
            (
                target.skill.clone(),
                prerequisite_level(target.target_level),
            )
        };
        let Some(skill) = catalog.skill(&skill_id) else {
            continue;
        };
        for prerequisite in &skill.prerequisites {
            let current = level_of(prerequisite);
            if current.unwrap_or(0) >= needed {
                continue;
            }
            let at = match position.get(prerequisite) {
                Some(&at) => at,
                None => {
                    let name = catalog
                        .skill(prerequisite)
                        .map_or_else(|| prerequisite.clone(), |s| s.name.clone());
                    targets.push(Target {
                        skill: prerequisite.clone(),
                        name,
                        current_level: current,
                        target_level: 0,
                        must: false,
                        priority: 0.0,
                        templates: Vec::new(),
                        needed_by: Vec::new(),
                    });
                    position.insert(prerequisite.clone(), targets.len() - 1);
                    targets.len() - 1
                }
            };
            let target = &mut targets[at];
            if !target.needed_by.contains(&skill_id) {
                target.needed_by.push(skill_id.clone());
            }
            if needed > target.target_level {
                target.target_level = needed;
                pending.push(at);
            }
        }
    }
}

/// Orders the targets: highest priority first, except that a skill always comes after the
/// prerequisites in the plan, and a prerequisite inherits the priority of what needs it (so the
/// way to the most important skill is cleared first). Ties go to must-haves, then to the id, so
/// the order is stable.
pub fn order(catalog: &Catalog, targets: Vec<Target>) -> Vec<Target> {
    let index: HashMap<&str, usize> = targets
        .iter()
        .enumerate()
        .map(|(i, t)| (t.skill.as_str(), i))
        .collect();
    // needs[i]: targets that must come before target i.
    let needs: Vec<Vec<usize>> = targets
        .iter()
        .map(|t| {
            catalog
                .skill(&t.skill)
                .map(|s| {
                    s.prerequisites
                        .iter()
                        .filter_map(|p| index.get(p.as_str()).copied())
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect();
    let effective = effective_priorities(&targets, &needs);
    let mut waiting_on: Vec<usize> = needs.iter().map(Vec::len).collect();
    let mut unlocks: Vec<Vec<usize>> = vec![Vec::new(); targets.len()];
    for (i, before) in needs.iter().enumerate() {
        for &b in before {
            unlocks[b].push(i);
        }
    }
    let key = |i: usize| Ready {
        priority: effective[i],
        must: targets[i].must,
        skill: targets[i].skill.clone(),
        index: i,
    };
    let mut ready: BinaryHeap<Ready> = (0..targets.len())
        .filter(|&i| waiting_on[i] == 0)
        .map(key)
        .collect();
    let mut sequence = Vec::with_capacity(targets.len());
    while let Some(next) = ready.pop() {
        sequence.push(next.index);
        for &after in &unlocks[next.index] {
            waiting_on[after] -= 1;
            if waiting_on[after] == 0 {
                ready.push(key(after));
            }
        }
    }
    // A validated catalog has no prerequisite cycles; if one slipped in, keep its skills at the
    // end rather than lose them.
    let mut leftovers: Vec<usize> = (0..targets.len())
        .filter(|i| !sequence.contains(i))
        .collect();
    leftovers.sort_by_key(|&i| std::cmp::Reverse(key(i)));
    sequence.extend(leftovers);
    let mut slots: Vec<Option<Target>> = targets.into_iter().map(Some).collect();
    sequence
        .into_iter()
        .filter_map(|i| slots[i].take())
        .collect()
}

/// Each target's priority, raised to the highest priority of anything that (transitively)
/// needs it.
fn effective_priorities(targets: &[Target], needs: &[Vec<usize>]) -> Vec<f64> {
    let mut effective: Vec<f64> = targets.iter().map(|t| t.priority).collect();
    // Longest prerequisite chains are short; relax until nothing changes (at most n rounds).
    for _ in 0..targets.len() {
        let mut changed = false;
        for (i, before) in needs.iter().enumerate() {
            for &b in before {
                if effective[b] < effective[i] {
                    effective[b] = effective[i];
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    effective
}

#[derive(Debug)]
struct Ready {
    priority: f64,
    must: bool,
    skill: String,
    index: usize,
}

impl Ord for Ready {
    fn cmp(&self, other: &Self) -> Ordering {
        self.priority
            .total_cmp(&other.priority)
            .then(self.must.cmp(&other.must))
            .then_with(|| other.skill.cmp(&self.skill))
    }
}

impl PartialOrd for Ready {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Ready {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ready {}
