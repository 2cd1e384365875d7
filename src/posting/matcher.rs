//! Finding skill names in a line of text: one aho-corasick automaton over every catalog name and
//! alias (and the extractor's own vocabulary), leftmost-longest and ASCII case-insensitive, then
//! a word-boundary check that knows names such as "Node.js", "C#", ".NET" and "CI/CD".

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};

use crate::error::Error;

/// What a term stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// One or more catalog skills ("unit and integration tests" names two).
    Skills(Vec<String>),
    /// A technology or quality the catalog does not cover: listed, never dropped.
    NotCovered,
}

/// One word or phrase to look for.
#[derive(Clone, Debug)]
pub struct Term {
    pub text: String,
    pub target: Target,
    /// Match only with exactly this capitalisation ("Go", "REST": in lower case they are
    /// everyday words).
    pub exact_case: bool,
}

/// A term found in a line: its byte span, the words as written, and what they stand for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub words: String,
    pub target: Target,
}

pub struct Matcher {
    automaton: AhoCorasick,
    terms: Vec<Term>,
    /// Lower-case term → index, to look up the parts of a slashed name ("Ruby/Rails").
    by_text: HashMap<String, usize>,
}

impl Matcher {
    /// Builds the automaton; a term already given (in any case) keeps its first meaning, so the
    /// catalog's names win over the vocabulary's.
    pub fn new(terms: impl IntoIterator<Item = Term>) -> Result<Matcher, Error> {
        let mut kept: Vec<Term> = Vec::new();
        let mut by_text = HashMap::new();
        for term in terms {
            let key = term.text.to_ascii_lowercase();
            if key.trim().is_empty() || by_text.contains_key(&key) {
                continue;
            }
            by_text.insert(key, kept.len());
            kept.push(term);
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .start_kind(StartKind::Both)
            .build(kept.iter().map(|t| t.text.as_str()))
            .map_err(|e| {
                Error::InvalidInput(format!("cannot build the skill-name matcher: {e}"))
            })?;
        Ok(Matcher {
            automaton,
            terms: kept,
            by_text,
        })
    }

    /// Every term in `line`, in order, that stands on word boundaries with the right case. When
    /// the longest term at a place does not fit ("GraphQL API" in "GraphQL APIs"), a shorter one
    /// starting there may ("GraphQL"); when none does, the search goes on from the next character.
    pub fn find(&self, line: &str) -> Vec<Found> {
        let mut found = Vec::new();
        let mut position = 0;
        while let Some(hit) = self
            .automaton
            .find(Input::new(line).span(position..line.len()))
        {
            match self.fitting_at(line, hit.start(), hit.end(), hit.pattern().as_usize()) {
                Some((end, term)) => {
                    let words = &line[hit.start()..end];
                    found.push(Found {
                        start: hit.start(),
                        end,
                        words: words.to_string(),
                        target: term.target.clone(),
                    });
                    if term.text.contains('/') {
                        found.extend(self.slashed_parts(words, hit.start(), &term.target));
                    }
                    position = end;
                }
                None => position = next_char(line, hit.start()),
            }
        }
        found
    }

    /// The longest term starting at `start` (the automaton's, else a shorter one) that fits on
    /// word boundaries, with where it ends.
    fn fitting_at(
        &self,
        line: &str,
        start: usize,
        end: usize,
        pattern: usize,
    ) -> Option<(usize, &Term)> {
        let mut candidate = (end, pattern);
        loop {
            let term = &self.terms[candidate.1];
            if let Some(end) = accepted_end(line, start, candidate.0, term) {
                return Some((end, term));
            }
            let shorter = Input::new(line)
                .span(start..candidate.0 - 1)
                .anchored(Anchored::Yes);
            let hit = self.automaton.find(shorter)?;
            candidate = (hit.end(), hit.pattern().as_usize());
        }
    }

    /// The parts of a slashed name that are names of other skills: "Ruby/Rails" is an alias of
    /// Rails, and also names Ruby.
    fn slashed_parts(&self, words: &str, offset: usize, whole: &Target) -> Vec<Found> {
        let mut parts = Vec::new();
        let mut start = 0;
        for part in words.split('/') {
            let part_start = start;
            start += part.len() + 1;
            let Some(&index) = self.by_text.get(&part.trim().to_ascii_lowercase()) else {
                continue;
            };
            let term = &self.terms[index];
            if &term.target == whole || !case_fits(part.trim(), term) {
                continue;
            }
            parts.push(Found {
                start: offset + part_start,
                end: offset + part_start + part.len(),
                words: part.trim().to_string(),
                target: term.target.clone(),
            });
        }
        parts
    }
}

/// The byte position of the character after the one at `at`.
fn next_char(line: &str, at: usize) -> usize {
    line[at..]
        .chars()
        .next()
        .map_or(line.len(), |c| at + c.len_utf8())
}

/// The end of an accepted match (one past a plural "s" when that makes it a word), or `None`
/// when the match is inside a longer word or has the wrong case.
fn accepted_end(line: &str, start: usize, end: usize, term: &Term) -> Option<usize> {
    if !starts_at_boundary(line, start) || !case_fits(&line[start..end], term) {
        return None;
    }
    if ends_at_boundary(line, end) {
        return Some(end);
    }
    let plural = end + 1;
    (takes_plural(&term.text) && line[end..].starts_with('s') && ends_at_boundary(line, plural))
        .then_some(plural)
}

/// "microservice" → "microservices": common nouns (lower-case, four letters or more) also match
/// with a plural "s"; proper names ("Node", "Redis") do not.
fn takes_plural(text: &str) -> bool {
    text.len() >= 4
        && text.starts_with(|c: char| c.is_ascii_lowercase())
        && text.ends_with(|c: char| c.is_ascii_lowercase())
}

fn case_fits(words: &str, term: &Term) -> bool {
    !term.exact_case || words == term.text
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A name starts at a boundary unless it continues a word: a letter or digit before it, a '#'
/// or '+' (part of names such as "C#"), or a '.' that joins it to a word ("js" in "Vue.js").
fn starts_at_boundary(line: &str, start: usize) -> bool {
    let mut before = line[..start].chars().rev();
    match before.next() {
        None => true,
        Some(c) if is_word_char(c) || c == '#' || c == '+' => false,
        Some('.') => !before.next().is_some_and(is_word_char),
        Some(_) => true,
    }
}

/// A name ends at a boundary unless a letter, digit or '#' follows, a second '+' ("C" in
/// "C++"), or a '.' that joins a word ("Node" in "Node.jsx"); "ES6+" ends after "ES6".
fn ends_at_boundary(line: &str, end: usize) -> bool {
    let mut after = line[end..].chars();
    match after.next() {
        None => true,
        Some(c) if is_word_char(c) || c == '#' => false,
        Some('+') => after.next() != Some('+'),
        Some('.') => !after.next().is_some_and(is_word_char),
        Some(_) => true,
    }
}

/// Short all-capital names ("REST", "JS", "SQL") are acronyms: in lower case they are often
/// words ("the rest of the team"), so they match only in capitals.
pub fn is_acronym(text: &str) -> bool {
    let letters = text.chars().filter(char::is_ascii_alphabetic).count();
    text.len() <= 6
        && letters >= 2
        && text
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skill(text: &str, id: &str) -> Term {
        Term {
            text: text.to_string(),
            target: Target::Skills(vec![id.to_string()]),
            exact_case: is_acronym(text) || text == "Go",
        }
    }

    fn matcher() -> Matcher {
        Matcher::new([
            skill("Node.js", "javascript"),
            skill("Node", "javascript"),
            skill("JS", "javascript"),
            skill("JavaScript", "javascript"),
            skill("Java", "java"),
            skill("C#", "csharp"),
            skill(".NET", "csharp"),
            skill("ASP.NET", "aspnet-core"),
            skill("CI/CD", "ci-cd"),
            skill("REST", "rest-api-design"),
            skill("JSON", "json"),
            skill("Go", "go"),
            skill("Ruby/Rails", "rails"),
            skill("Ruby", "ruby"),
            skill("ES6", "javascript"),
            skill("microservice", "microservices"),
            Term {
                text: "Vue.js".into(),
                target: Target::NotCovered,
                exact_case: false,
            },
        ])
        .expect("matcher")
    }

    fn words(line: &str) -> Vec<String> {
        matcher().find(line).into_iter().map(|f| f.words).collect()
    }

    #[test]
    fn dotted_names_are_one_word() {
        assert_eq!(words("Node.js, Vue.js and JS"), ["Node.js", "Vue.js", "JS"]);
        assert_eq!(words("node.js developer"), ["node.js"]);
        assert_eq!(words("see foo.JS"), Vec::<String>::new());
    }

    #[test]
    fn sharp_plus_and_dot_belong_to_the_name() {
        assert_eq!(words("C# and .NET, ASP.NET"), ["C#", ".NET", "ASP.NET"]);
        assert_eq!(words("VB.NET"), Vec::<String>::new());
        assert_eq!(words("ES6+ and C++"), ["ES6"]);
    }

    #[test]
    fn slashed_names_split_only_where_the_catalog_says() {
        assert_eq!(words("a CI/CD pipeline"), ["CI/CD"]);
        assert_eq!(words("REST/JSON APIs"), ["REST", "JSON"]);
        let found = matcher().find("Ruby/Rails developer");
        let targets: Vec<_> = found.iter().map(|f| f.target.clone()).collect();
        assert_eq!(
            targets,
            [
                Target::Skills(vec!["rails".into()]),
                Target::Skills(vec!["ruby".into()])
            ]
        );
    }

    #[test]
    fn words_inside_longer_words_do_not_match() {
        assert_eq!(words("Javascript and Java"), ["Javascript", "Java"]);
        assert_eq!(words("Google and Golang"), Vec::<String>::new());
        assert_eq!(words("Nodes"), Vec::<String>::new());
    }

    #[test]
    fn acronyms_and_listed_words_need_their_capitals() {
        assert_eq!(words("the rest of the team will go"), Vec::<String>::new());
        assert_eq!(words("REST APIs in Go"), ["REST", "Go"]);
    }

    #[test]
    fn a_shorter_name_fits_where_the_longest_does_not() {
        let matcher = Matcher::new([skill("GraphQL", "graphql"), skill("GraphQL API", "graphql")])
            .expect("matcher");
        let found = matcher.find("GraphQL APIs and GraphQL API");
        let words: Vec<&str> = found.iter().map(|f| f.words.as_str()).collect();
        assert_eq!(words, ["GraphQL", "GraphQL API"]);
    }

    #[test]
    fn a_plural_s_is_part_of_the_match() {
        assert_eq!(words("microservices"), ["microservices"]);
        assert!(!takes_plural("JS"));
        assert!(!takes_plural("Node"));
    }
}
