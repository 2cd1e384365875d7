//! From mentions to requirements: a skill named several times becomes one requirement (a must if
//! any mention is, at the highest level asked); alternatives lose the skills already required on
//! their own, so no skill is required twice (a template must not).

use serde::Serialize;

use super::mentions::{Evidence, Mention};
use crate::catalog::Requirement;

/// A requirement of the extracted template, with the words that produced it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExtractedRequirement {
    pub requirement: Requirement,
    pub evidence: Vec<Evidence>,
    /// Why it is a must or nice, and why this level (from the mention that decided them).
    pub why: String,
}

struct Merged {
    skills: Vec<String>,
    must: bool,
    level: u8,
    weight: f64,
    evidence: Vec<Evidence>,
    why: String,
}

impl Merged {
    fn new(mention: Mention) -> Merged {
        Merged {
            skills: mention.skills,
            must: mention.must,
            level: mention.level,
            weight: mention.weight,
            evidence: vec![mention.evidence],
            why: mention.why,
        }
    }

    /// Adds another mention of the same skills: a must outranks a nice, then the higher level.
    fn absorb(&mut self, mention: Mention) {
        let outranks = (mention.must, mention.level) > (self.must, self.level);
        if outranks {
            self.must = mention.must;
            self.level = mention.level;
            self.why = mention.why;
        }
        self.weight = self.weight.max(mention.weight);
        if !self.evidence.contains(&mention.evidence) {
            self.evidence.push(mention.evidence);
        }
    }
}

/// The requirements the mentions make: must-haves first, then in the order they appear.
pub fn requirements(mentions: Vec<Mention>) -> Vec<ExtractedRequirement> {
    let (singles, alternatives): (Vec<Mention>, Vec<Mention>) =
        mentions.into_iter().partition(|m| m.skills.len() == 1);
    let mut merged: Vec<Merged> = Vec::new();
    for mention in singles {
        add(&mut merged, mention);
    }
    for mut mention in alternatives {
        // Alternatives the same as an earlier group join it; skills required elsewhere leave.
        if let Some(same) = merged.iter_mut().find(|m| m.skills == mention.skills) {
            same.absorb(mention);
            continue;
        }
        // A nice-to-have that is also a must alternative ("Redis" in the stack, "one of Go,
        // Redis" required) is read as the alternative: the must decides.
        let mut folded = Vec::new();
        if mention.must {
            merged.retain(|m| {
                let nice_member =
                    !m.must && m.skills.len() == 1 && mention.skills.contains(&m.skills[0]);
                if nice_member {
                    folded.extend(m.evidence.iter().cloned());
                }
                !nice_member
            });
        }
        mention
            .skills
            .retain(|skill| !merged.iter().any(|m| m.skills.contains(skill)));
        if !mention.skills.is_empty() {
            let mut group = Merged::new(mention);
            group.evidence.extend(folded);
            merged.push(group);
        }
    }
    merged.sort_by_key(|m| (!m.must, m.evidence.first().map_or(0, |e| e.line)));
    merged.into_iter().map(into_requirement).collect()
}

fn add(merged: &mut Vec<Merged>, mention: Mention) {
    match merged.iter_mut().find(|m| m.skills == mention.skills) {
        Some(existing) => existing.absorb(mention),
        None => merged.push(Merged::new(mention)),
    }
}

fn into_requirement(merged: Merged) -> ExtractedRequirement {
    let (skill, any_of) = match merged.skills.as_slice() {
        [one] => (Some(one.clone()), Vec::new()),
        _ => (None, merged.skills),
    };
    ExtractedRequirement {
        requirement: Requirement {
            skill,
            any_of,
            level: merged.level,
            weight: merged.weight,
            must: merged.must,
        },
        evidence: merged.evidence,
        why: merged.why,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::posting::sections::Section;

    fn mention(skills: &[&str], must: bool, level: u8, line: usize) -> Mention {
        Mention {
            skills: skills.iter().map(|s| (*s).to_string()).collect(),
            must,
            level,
            weight: if must { 2.0 } else { 1.0 },
            evidence: Evidence {
                line,
                words: skills.join(", "),
                section: Section::Must,
                heading: None,
            },
            why: String::new(),
        }
    }

    #[test]
    fn a_skill_named_twice_is_one_requirement_at_the_higher_need() {
        let requirements = requirements(vec![
            mention(&["python"], false, 2, 1),
            mention(&["python"], true, 3, 5),
        ]);
        assert_eq!(requirements.len(), 1);
        let python = &requirements[0];
        assert!(python.requirement.must);
        assert_eq!(python.requirement.level, 3);
        assert_eq!(python.evidence.len(), 2);
    }

    #[test]
    fn alternatives_drop_skills_required_alone() {
        let requirements = requirements(vec![
            mention(&["javascript", "python", "java"], true, 2, 3),
            mention(&["javascript"], true, 2, 4),
        ]);
        let skills: Vec<(Option<String>, Vec<String>)> = requirements
            .iter()
            .map(|r| (r.requirement.skill.clone(), r.requirement.any_of.clone()))
            .collect();
        assert_eq!(
            skills,
            [
                (None, vec!["python".to_string(), "java".to_string()]),
                (Some("javascript".to_string()), vec![]),
            ]
        );
    }

    #[test]
    fn must_alternatives_take_in_nice_singles() {
        let requirements = requirements(vec![
            mention(&["php"], false, 1, 2),
            mention(&["go", "php"], true, 2, 9),
        ]);
        assert_eq!(requirements.len(), 1);
        let group = &requirements[0];
        assert_eq!(group.requirement.any_of, ["go", "php"]);
        assert!(group.requirement.must);
        assert_eq!(group.evidence.len(), 2);
    }

    #[test]
    fn alternatives_left_with_one_skill_become_that_skill() {
        let requirements = requirements(vec![
            mention(&["express", "kubernetes"], false, 1, 2),
            mention(&["kubernetes"], true, 2, 1),
            mention(&["express"], false, 2, 7),
        ]);
        assert_eq!(requirements.len(), 2);
        assert!(requirements.iter().all(|r| r.requirement.any_of.is_empty()));
    }

    #[test]
    fn must_haves_come_first() {
        let requirements = requirements(vec![
            mention(&["redis"], false, 1, 1),
            mention(&["go"], true, 3, 2),
        ]);
        assert_eq!(requirements[0].requirement.skill.as_deref(), Some("go"));
    }
}
