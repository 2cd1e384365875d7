//! Reading each line: which skills it names, whether as alternatives ("Django, Flask or
//! FastAPI"), whether they are asked or would be nice, and at what level.

use serde::Serialize;

use super::cues::{LineCues, Strength};
use super::matcher::{Found, Matcher, Target};
use super::sections::{Layout, Line, Section};
use crate::catalog::TemplateLevel;

/// Where a requirement came from: the words, on which line, in which section.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    pub line: usize,
    pub words: String,
    pub section: Section,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
}

/// A word the catalog does not cover, with its line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NotCovered {
    pub line: usize,
    pub words: String,
}

/// One reading of a skill (or of alternatives) on one line.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// One skill, or alternatives any one of which will do.
    pub skills: Vec<String>,
    pub must: bool,
    pub level: u8,
    pub weight: f64,
    pub evidence: Evidence,
    /// Why it is a must or nice, and why this level.
    pub why: String,
}

/// Everything the lines say: the mentions and the words not covered.
pub fn read(
    layout: &Layout,
    matcher: &Matcher,
    band: TemplateLevel,
) -> (Vec<Mention>, Vec<NotCovered>) {
    let mut mentions = Vec::new();
    let mut not_covered: Vec<NotCovered> = Vec::new();
    let mut previous: Option<(usize, Section, bool)> = None;
    for line in layout
        .lines
        .iter()
        .filter(|l| l.section != Section::Ignored)
    {
        let found = matcher.find(&line.text);
        for f in found.iter().filter(|f| f.target == Target::NotCovered) {
            if !not_covered
                .iter()
                .any(|n| n.words.eq_ignore_ascii_case(&f.words))
            {
                not_covered.push(NotCovered {
                    line: line.number,
                    words: f.words.clone(),
                });
            }
        }
        // A wrapped line ("...using" / "languages like Python") continues its requirement.
        let continues = line.text.starts_with(|c: char| c.is_lowercase())
            && previous.is_some_and(|(number, section, asks)| {
                asks && number + 1 == line.number && section == line.section
            });
        let asks = continues || super::cues::reads_as_requirement(&line.text);
        previous = Some((line.number, line.section, asks));
        let reader = LineReader {
            line,
            cues: LineCues::of(&line.text),
            band,
            asks,
        };
        for group in groups(&line.text, &found, reader.cues.alternatives) {
            mentions.extend(reader.mentions(&group));
        }
    }
    (mentions, not_covered)
}

struct LineReader<'a> {
    line: &'a Line,
    cues: LineCues,
    band: TemplateLevel,
    /// The line reads as a requirement (or continues one).
    asks: bool,
}

impl LineReader<'_> {
    /// The mentions of one group of matches: one mention for alternatives, else one per skill
    /// ("unit and integration tests" names two).
    fn mentions(&self, group: &[&Found]) -> Vec<Mention> {
        let skills = skills_of(group);
        if skills.is_empty() {
            return Vec::new();
        }
        let start = group.iter().map(|f| f.start).min().unwrap_or(0);
        let end = group.iter().map(|f| f.end).max().unwrap_or(0);
        let (must, need_why) = self.need(start, end);
        let strength = self.cues.strength_at(start);
        let (level, level_why) = self.level(must, strength);
        let weight = match (must, self.line.section, strength.0) {
            (true, Section::Title, _) => 3.0,
            (true, _, Strength::Strong | Strength::Expert) => 3.0,
            (true, _, _) => 2.0,
            (false, _, _) => 1.0,
        };
        let words: Vec<&str> = group.iter().map(|f| f.words.as_str()).collect();
        let mention = |skills: Vec<String>| Mention {
            skills,
            must,
            level,
            weight,
            evidence: Evidence {
                line: self.line.number,
                words: words.join(", "),
                section: self.line.section,
                heading: self.line.heading.clone(),
            },
            why: format!("{need_why}; {level_why}"),
        };
        if group.len() > 1 {
            vec![mention(skills)]
        } else {
            skills.into_iter().map(|s| mention(vec![s])).collect()
        }
    }

    /// Must or nice, from the section and the phrases around the words at `start..end`.
    fn need(&self, start: usize, end: usize) -> (bool, String) {
        let under = || match &self.line.heading {
            Some(heading) => format!("under \"{heading}\""),
            None => "before any heading".to_string(),
        };
        if let Some(phrase) = self.cues.nice_phrase(start, end) {
            return (false, format!("nice: \"{phrase}\""));
        }
        match self.line.section {
            Section::Title => (true, "must: in the title".to_string()),
            Section::Must => (true, format!("must: {}", under())),
            Section::Nice => (false, format!("nice: {}", under())),
            Section::Duties | Section::Intro | Section::Ignored => {
                if let Some(phrase) = self.cues.must_phrase() {
                    (true, format!("must: \"{phrase}\""))
                } else if self.asks {
                    // "4+ years of Go" under no heading, or after the duties, asks for it.
                    (
                        true,
                        format!("must: {} (the line reads as a requirement)", under()),
                    )
                } else {
                    // The work, or the stack in use: at most nice, even in a posting that
                    // lists no requirements apart.
                    (
                        false,
                        format!("nice: {} (the work, not a requirement)", under()),
                    )
                }
            }
        }
    }

    /// The level asked: the posting's band (a must of a senior posting is proficient), moved by
    /// the line's wording ("expert in", "exposure to").
    fn level(&self, must: bool, wording: (Strength, Option<&'static str>)) -> (u8, String) {
        let base: u8 = match (self.band, must) {
            (TemplateLevel::Senior, true) => 3,
            (TemplateLevel::Senior, false) | (_, true) => 2,
            (_, false) => 1,
        };
        let (mut strength, mut phrase) = wording;
        if self.line.section == Section::Title
            && self.band != TemplateLevel::Junior
            && strength < Strength::Strong
        {
            strength = Strength::Strong;
            phrase = Some("named in the title");
        }
        let level = match strength {
            Strength::Expert => base + 1,
            Strength::Strong if must => base.max(3),
            Strength::Strong => base + 1,
            Strength::Working => base,
            Strength::Lower => base.saturating_sub(1),
        }
        .clamp(1, 4);
        let why = match phrase {
            Some("years") => format!(
                "level {level}: {} years asked",
                self.cues.years.unwrap_or(0)
            ),
            Some("named in the title") => format!("level {level}: named in the title"),
            Some(phrase) => format!("level {level}: \"{phrase}\""),
            None => format!("level {level}: {} posting", self.band.as_str()),
        };
        (level, why)
    }
}

/// The skills of a group, in order, each once.
fn skills_of(group: &[&Found]) -> Vec<String> {
    let mut skills: Vec<String> = Vec::new();
    for found in group {
        if let Target::Skills(ids) = &found.target {
            for id in ids {
                if !skills.contains(id) {
                    skills.push(id.clone());
                }
            }
        }
    }
    skills
}

/// How two neighbouring names are joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Join {
    /// "or", "/": alternatives.
    Or,
    /// "and", "&": both.
    And,
    /// "," or a space: a list, alternatives only when the line says so ("one of", "such as").
    List,
    /// Anything else: not the same list.
    Apart,
}

fn join(gap: &str) -> Join {
    if gap.contains(['(', ')', ':', ';', '.']) {
        return Join::Apart;
    }
    let mut join = if gap.contains(['/', '|']) {
        Join::Or
    } else {
        Join::List
    };
    for word in gap
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '|'))
        .filter(|w| !w.is_empty())
    {
        match word.to_ascii_lowercase().as_str() {
            "or" | "and/or" | "nor" => join = Join::Or,
            "and" | "&" if join != Join::Or => join = Join::And,
            "and" | "&" => {}
            _ => return Join::Apart,
        }
    }
    join
}

/// The matches of a line in groups: a list joined by "or" (or by commas on a line that says
/// "one of" / "such as") is one group of alternatives; every other match is a group alone.
pub fn groups<'f>(line: &str, found: &'f [Found], alternatives_cue: bool) -> Vec<Vec<&'f Found>> {
    let mut groups = Vec::new();
    let mut run: Vec<&Found> = Vec::new();
    let mut joins: Vec<Join> = Vec::new();
    for current in found {
        let joined = run.last().map(|previous| {
            if current.start < previous.end {
                // A part of a slashed name ("Ruby" in "Ruby/Rails"): asked as well, not instead.
                (Join::Apart, false)
            } else {
                let same_skill = previous.target == current.target;
                (join(&line[previous.end..current.start]), same_skill)
            }
        });
        match joined {
            Some((Join::Apart, _)) | None => {
                close(&mut groups, &mut run, &joins, alternatives_cue);
                joins.clear();
            }
            // Two names of one skill ("OpenAPI / Swagger") say nothing about alternatives.
            Some((_, true)) => {}
            Some((join, false)) => joins.push(join),
        }
        run.push(current);
    }
    close(&mut groups, &mut run, &joins, alternatives_cue);
    groups
}

fn close<'f>(
    groups: &mut Vec<Vec<&'f Found>>,
    run: &mut Vec<&'f Found>,
    joins: &[Join],
    alternatives_cue: bool,
) {
    let has = |kind| joins.contains(&kind);
    let alternatives = !has(Join::And) && (has(Join::Or) || alternatives_cue && has(Join::List));
    if alternatives {
        groups.push(std::mem::take(run));
    } else {
        groups.extend(run.drain(..).map(|f| vec![f]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(line: &str, names: &[&str]) -> Vec<Found> {
        names
            .iter()
            .map(|name| {
                let start = line.find(name).expect("name in line");
                Found {
                    start,
                    end: start + name.len(),
                    words: (*name).to_string(),
                    target: Target::Skills(vec![name.to_lowercase()]),
                }
            })
            .collect()
    }

    fn grouped(line: &str, names: &[&str], cue: bool) -> Vec<Vec<String>> {
        let found = found(line, names);
        groups(line, &found, cue)
            .into_iter()
            .map(|g| g.into_iter().map(|f| f.words.clone()).collect())
            .collect()
    }

    #[test]
    fn or_lists_are_alternatives() {
        assert_eq!(
            grouped(
                "Django, Flask or FastAPI",
                &["Django", "Flask", "FastAPI"],
                false
            ),
            [vec!["Django", "Flask", "FastAPI"]]
        );
        assert_eq!(
            grouped("Python or Java", &["Python", "Java"], false),
            [vec!["Python", "Java"]]
        );
        assert_eq!(
            grouped("PostgreSQL/MySQL", &["PostgreSQL", "MySQL"], false),
            [vec!["PostgreSQL", "MySQL"]]
        );
    }

    #[test]
    fn and_lists_and_plain_lists_are_each_required() {
        assert_eq!(
            grouped(
                "HTML, CSS and JavaScript",
                &["HTML", "CSS", "JavaScript"],
                true
            ),
            [vec!["HTML"], vec!["CSS"], vec!["JavaScript"]]
        );
        assert_eq!(
            grouped("Git, Docker, Linux", &["Git", "Docker", "Linux"], false),
            [vec!["Git"], vec!["Docker"], vec!["Linux"]]
        );
    }

    #[test]
    fn a_cue_makes_a_comma_list_alternatives() {
        assert_eq!(
            grouped("one of: Ruby, PHP, Go", &["Ruby", "PHP", "Go"], true),
            [vec!["Ruby", "PHP", "Go"]]
        );
    }

    #[test]
    fn two_names_of_one_skill_do_not_make_alternatives() {
        let line = "OpenAPI / Swagger, contract testing";
        let mut found = found(line, &["OpenAPI", "Swagger", "contract testing"]);
        found[1].target = found[0].target.clone();
        let groups: Vec<usize> = groups(line, &found, false).iter().map(Vec::len).collect();
        assert_eq!(groups, [1, 1, 1]);
    }

    #[test]
    fn brackets_and_other_words_split_lists() {
        assert_eq!(
            grouped(
                "SQL (PostgreSQL or MySQL)",
                &["SQL", "PostgreSQL", "MySQL"],
                false
            ),
            [vec!["SQL"], vec!["PostgreSQL", "MySQL"]]
        );
        assert_eq!(
            grouped(
                "Python with Django or Flask",
                &["Python", "Django", "Flask"],
                false
            ),
            [vec!["Python"], vec!["Django", "Flask"]]
        );
    }
}
