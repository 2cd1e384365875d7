//! The words around a skill that change what is asked: "a plus" makes it nice to have, "expert
//! in" raises the level, "exposure to" lowers it; "5+ years" and "Senior" set the seniority.

use serde::Serialize;

use crate::catalog::TemplateLevel;

/// Phrases before a skill that make it nice to have ("ideally Kafka").
const NICE_BEFORE: &[&str] = &[
    "nice to have",
    "ideally",
    "optionally",
    "preferably",
    "bonus",
    "familiarity with",
    "familiar with",
    "exposure to",
    "would be nice",
];

/// Phrases after a skill that make it nice to have ("Kafka is a plus").
const NICE_AFTER: &[&str] = &[
    "a plus",
    "huge plus",
    "big plus",
    "preferred",
    "is an advantage",
    "an advantage",
    "advantageous",
    "desirable",
    "nice to have",
    "a bonus",
];

/// Phrases that make a skill a must wherever it is.
const MUST_WORDS: &[&str] = &["must", "required", "mandatory", "essential"];

const EXPERT_WORDS: &[&str] = &[
    "expert",
    "expertise",
    "deep",
    "mastery",
    "in-depth",
    "in depth",
];
const STRONG_WORDS: &[&str] = &[
    "strong",
    "advanced",
    "extensive",
    "proficient",
    "proficiency",
    "solid",
    "confident",
    "excellent",
    "fluent",
];
const LOWER_WORDS: &[&str] = &[
    "exposure to",
    "familiarity",
    "familiar with",
    "basic",
    "awareness",
    "some experience",
];

/// Phrases that make a list of skills alternatives ("one of", "such as").
const ALTERNATIVE_WORDS: &[&str] = &[
    "one of",
    "such as",
    "like",
    "e.g.",
    "for example",
    "some of",
    "any of",
    "at least one",
    "or similar",
    "or equivalent",
    "or other",
    "either",
];

/// How a line's wording shifts the level it asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strength {
    Lower,
    Working,
    Strong,
    Expert,
}

/// A phrase found in a line: where, and which.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cue {
    pub at: usize,
    pub phrase: &'static str,
}

/// The cues of one line, found once and asked about per skill.
#[derive(Clone, Debug)]
pub struct LineCues {
    nice_before: Vec<Cue>,
    nice_after: Vec<Cue>,
    must: Option<Cue>,
    /// The wording's strength per clause ("Expert in Go; working knowledge of Python").
    clauses: Vec<Clause>,
    pub alternatives: bool,
    pub years: Option<u32>,
}

impl LineCues {
    pub fn of(line: &str) -> LineCues {
        let lower = super::sections::normalize(line);
        let years = years_asked(&lower);
        let many_years = years.is_some_and(|y| y >= 5);
        let clauses = clauses(&lower)
            .map(|(start, end)| {
                let mut strength = strength(&lower[start..end]);
                if many_years && strength.0 < Strength::Strong {
                    strength = (Strength::Strong, Some("years"));
                }
                Clause { end, strength }
            })
            .collect();
        LineCues {
            nice_before: find_phrases(&lower, NICE_BEFORE),
            nice_after: find_phrases(&lower, NICE_AFTER),
            must: find_phrases(&lower, MUST_WORDS).first().copied(),
            clauses,
            alternatives: !find_phrases(&lower, ALTERNATIVE_WORDS).is_empty(),
            years,
        }
    }

    /// The strength of the wording in the clause of the words starting at `start`.
    pub fn strength_at(&self, start: usize) -> (Strength, Option<&'static str>) {
        self.clauses
            .iter()
            .find(|c| start < c.end)
            .or(self.clauses.last())
            .map_or((Strength::Working, None), |c| c.strength)
    }

    /// The phrase that makes the words at `start..end` nice to have: one before them ("ideally
    /// Kafka") or after them ("Kafka is a plus").
    pub fn nice_phrase(&self, start: usize, end: usize) -> Option<&'static str> {
        self.nice_before
            .iter()
            .find(|c| c.at < start)
            .or_else(|| self.nice_after.iter().find(|c| c.at >= end))
            .map(|c| c.phrase)
    }

    pub fn must_phrase(&self) -> Option<&'static str> {
        self.must.map(|c| c.phrase)
    }
}

#[derive(Clone, Copy, Debug)]
struct Clause {
    end: usize,
    strength: (Strength, Option<&'static str>),
}

/// The clauses of a line, as byte ranges: split at ';' and at the end of a sentence.
fn clauses(lower: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut ends: Vec<usize> = lower
        .match_indices(';')
        .map(|(at, _)| at)
        .chain(lower.match_indices(". ").map(|(at, _)| at))
        .collect();
    ends.sort_unstable();
    ends.push(lower.len());
    let starts = std::iter::once(0).chain(ends.clone().into_iter().map(|end| end + 1));
    starts
        .zip(ends)
        .map(move |(start, end)| (start.min(lower.len()), end))
}

/// Where each phrase occurs in `lower` as whole words, in order.
fn find_phrases(lower: &str, phrases: &[&'static str]) -> Vec<Cue> {
    let mut cues: Vec<Cue> = phrases
        .iter()
        .flat_map(|phrase| {
            lower
                .match_indices(phrase)
                .filter(|(at, _)| is_whole_word(lower, *at, at + phrase.len()))
                .map(|(at, _)| Cue { at, phrase })
        })
        .collect();
    cues.sort_by_key(|c| c.at);
    cues
}

fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The strongest wording on the line, with the phrase that says it.
fn strength(lower: &str) -> (Strength, Option<&'static str>) {
    let levels = [
        (Strength::Expert, EXPERT_WORDS),
        (Strength::Strong, STRONG_WORDS),
        (Strength::Lower, LOWER_WORDS),
    ];
    levels
        .iter()
        .find_map(|(strength, words)| {
            find_phrases(lower, words)
                .first()
                .map(|cue| (*strength, Some(cue.phrase)))
        })
        .unwrap_or((Strength::Working, None))
}

/// The years of experience a line asks for: "3+ years" → 3, "5–10 years" → 5 (the low end);
/// with several ("5+ years of backend, 2+ as lead") the largest.
pub fn years_asked(lower: &str) -> Option<u32> {
    lower
        .match_indices("year")
        .filter(|(at, _)| is_whole_word_start(lower, *at))
        .filter_map(|(at, _)| years_before(&lower[..at]))
        .max()
}

fn is_whole_word_start(text: &str, at: usize) -> bool {
    !text[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// The number (or the low end of a range) just before "years".
fn years_before(before: &str) -> Option<u32> {
    let before = before.trim_end().trim_end_matches('+').trim_end();
    let high_start = before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let high: u32 = before[high_start..].parse().ok()?;
    let rest = before[..high_start].trim_end();
    let rest = rest
        .strip_suffix(['-', '–', '—'])
        .or_else(|| rest.strip_suffix(" to"))
        .map(str::trim_end);
    let Some(rest) = rest else {
        return Some(high);
    };
    let low_start = rest.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    Some(rest[low_start..].parse().unwrap_or(high))
}

/// Seniority words in a title, lowest level first: a title naming two ("Senior/Mid", "Mid-Senior")
/// asks for the lower. "Engineer I" / "SDE 1" style grades count too.
const SENIORITY_WORDS: [(TemplateLevel, &[&str]); 3] = [
    (
        TemplateLevel::Junior,
        &[
            "junior",
            "jr",
            "entry-level",
            "entry level",
            "graduate",
            "graduates",
            "new grad",
            "intern",
            "interns",
            "internship",
            "trainee",
            "traineeship",
            "apprentice",
            "apprenticeship",
            "aspiring",
            "engineer i",
            "developer i",
            "sde i",
            "sde 1",
            "sde-1",
            "sde1",
        ],
    ),
    (
        TemplateLevel::Mid,
        &[
            "mid",
            "mid-level",
            "middle",
            "intermediate",
            "engineer ii",
            "developer ii",
            "sde ii",
            "sde 2",
            "sde-2",
            "sde2",
        ],
    ),
    (
        TemplateLevel::Senior,
        &[
            "senior",
            "sr",
            "lead",
            "staff",
            "principal",
            "architect",
            "head of",
            "engineer iii",
            "developer iii",
            "sde iii",
            "sde 3",
            "sde-3",
            "sde3",
        ],
    ),
];

/// The seniority a title names ("Senior", "Jr.", "Staff", "Internship"), with the word; when it
/// names two levels ("Senior/Mid"), the lower.
pub fn title_seniority(title: &str) -> Option<(TemplateLevel, &'static str)> {
    let lower = super::sections::normalize(title);
    SENIORITY_WORDS.iter().find_map(|(level, words)| {
        find_phrases(&lower, words)
            .first()
            .map(|cue| (*level, cue.phrase))
    })
}

/// Whether a title names more than one level ("Senior/Mid"): the lower one is taken.
pub fn title_names_a_range(title: &str) -> bool {
    let lower = super::sections::normalize(title);
    SENIORITY_WORDS
        .iter()
        .filter(|(_, words)| !find_phrases(&lower, words).is_empty())
        .count()
        > 1
}

/// Words that open a line asking for something rather than describing the work: "4+ years of
/// Go", "Strong experience with Node.js", "Working knowledge of SQL", "Must have: ...". Such a
/// line is a requirement even under no heading, or after a list of duties.
const REQUIREMENT_OPENINGS: &[&str] = &[
    "experience",
    "at least",
    "minimum",
    "strong",
    "solid",
    "sound",
    "proficien",
    "knowledge",
    "working knowledge",
    "understanding",
    "deep",
    "expert",
    "proven",
    "hands-on",
    "track record",
    "ability to",
    "able to",
    "must",
    "you have",
    "you bring",
    "you are",
    "bachelor",
    "degree",
    "excellent",
    "advanced",
    "demonstrated",
    "large experience",
    "extensive",
    "fluent",
    "comfortable",
    "confident",
    "good knowledge",
    "good understanding",
    "if you have",
    "foundational",
];

/// Whether a line reads as a requirement by its opening words ("5+ years of ...", "Strong
/// Python", "Experience with ...").
pub fn reads_as_requirement(line: &str) -> bool {
    let lower = super::sections::normalize(line);
    let lower = lower.trim_start();
    let years_first = lower.starts_with(|c: char| c.is_ascii_digit())
        && years_asked(&lower[..lower.len().min(24)]).is_some();
    years_first
        || REQUIREMENT_OPENINGS
            .iter()
            .any(|w| lower.starts_with(w) && is_whole_word_start(lower, 0))
}

/// The seniority years of experience suggest: under 2 junior, 2 to 4 mid, 5 or more senior.
pub fn years_seniority(years: u32) -> TemplateLevel {
    match years {
        0..=1 => TemplateLevel::Junior,
        2..=4 => TemplateLevel::Mid,
        _ => TemplateLevel::Senior,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_take_the_low_end() {
        assert_eq!(years_asked("3+ years of python"), Some(3));
        assert_eq!(years_asked("5–10 years"), Some(5));
        assert_eq!(years_asked("5-10 years of backend"), Some(5));
        assert_eq!(years_asked("2 to 4 years"), Some(2));
        assert_eq!(
            years_asked("5+ years of backend (2+ years as lead)"),
            Some(5)
        );
        assert_eq!(years_asked("0-2 years of experience"), Some(0));
        assert_eq!(years_asked("many years"), None);
        assert_eq!(years_asked("yearly bonus of 3"), None);
    }

    #[test]
    fn years_map_to_a_level_band() {
        assert_eq!(years_seniority(1), TemplateLevel::Junior);
        assert_eq!(years_seniority(3), TemplateLevel::Mid);
        assert_eq!(years_seniority(5), TemplateLevel::Senior);
    }

    #[test]
    fn titles_name_the_seniority() {
        assert_eq!(
            title_seniority("Sr. Python Developer"),
            Some((TemplateLevel::Senior, "sr"))
        );
        assert_eq!(
            title_seniority("Junior Backend Developer"),
            Some((TemplateLevel::Junior, "junior"))
        );
        assert_eq!(
            title_seniority("Staff Software Engineer"),
            Some((TemplateLevel::Senior, "staff"))
        );
        assert_eq!(title_seniority("Backend Engineer (Go)"), None);
        assert_eq!(title_seniority("Leading payments company"), None);
    }

    #[test]
    fn nice_phrases_apply_on_their_side() {
        let line = "Python required, Kafka is a plus";
        let cues = LineCues::of(line);
        assert_eq!(cues.nice_phrase(0, 6), Some("a plus"));
        let line = "SQL, and optionally Redis";
        let cues = LineCues::of(line);
        assert_eq!(cues.nice_phrase(0, 3), None);
        assert_eq!(cues.nice_phrase(20, 25), Some("optionally"));
    }

    #[test]
    fn wording_sets_the_strength() {
        assert_eq!(
            LineCues::of("Expert in Go").strength_at(10),
            (Strength::Expert, Some("expert"))
        );
        assert_eq!(
            LineCues::of("Strong understanding of SQL")
                .strength_at(24)
                .0,
            Strength::Strong
        );
        assert_eq!(
            LineCues::of("Exposure to Kubernetes").strength_at(12).0,
            Strength::Lower
        );
        assert_eq!(
            LineCues::of("Experience with Docker").strength_at(16).0,
            Strength::Working
        );
        assert_eq!(
            LineCues::of("Node.js: 5+ years").strength_at(0),
            (Strength::Strong, Some("years"))
        );
    }

    #[test]
    fn each_clause_has_its_own_strength() {
        let cues = LineCues::of("Expert in Go; working knowledge of Python");
        assert_eq!(cues.strength_at(10).0, Strength::Expert);
        assert_eq!(cues.strength_at(35).0, Strength::Working);
    }

    #[test]
    fn alternative_phrases_are_found() {
        assert!(LineCues::of("one of these languages: Go, Java").alternatives);
        assert!(!LineCues::of("Go, Java and Python").alternatives);
    }
}
