//! The extractor's own word lists (`vocabulary.toml`, compiled in) and the terms the matcher
//! looks for: the catalog's names and aliases first, then these.

use serde::Deserialize;

use super::matcher::{Target, Term, is_acronym};
use crate::catalog::Catalog;
use crate::error::Error;

const VOCABULARY: &str = include_str!("vocabulary.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Vocabulary {
    exact_case: Vec<String>,
    phrases: Vec<Phrases>,
    not_covered: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Phrases {
    skills: Vec<String>,
    words: Vec<String>,
}

/// Every term to look for in a posting read against `catalog`. Phrases for skills the catalog
/// lacks (a `--data` catalog without soft skills) are left out.
pub fn terms(catalog: &Catalog) -> Result<Vec<Term>, Error> {
    let vocabulary: Vocabulary = toml::from_str(VOCABULARY).map_err(|e| {
        Error::InvalidInput(format!(
            "the posting vocabulary compiled into skillgap is damaged ({e}); rebuild skillgap"
        ))
    })?;
    let exact = |text: &str| is_acronym(text) || vocabulary.exact_case.iter().any(|w| w == text);
    let mut terms = Vec::new();
    for skill in &catalog.skills {
        for name in std::iter::once(&skill.name).chain(&skill.aliases) {
            terms.push(Term {
                text: name.clone(),
                target: Target::Skills(vec![skill.id.clone()]),
                exact_case: exact(name),
            });
        }
    }
    for phrases in &vocabulary.phrases {
        if phrases.skills.iter().any(|id| catalog.skill(id).is_none()) {
            continue;
        }
        terms.extend(phrases.words.iter().map(|word| Term {
            text: word.clone(),
            target: Target::Skills(phrases.skills.clone()),
            exact_case: exact(word),
        }));
    }
    terms.extend(vocabulary.not_covered.iter().map(|word| Term {
        text: word.clone(),
        target: Target::NotCovered,
        // Proper names ("Oracle", "Spark", "Chef") are everyday words in lower case.
        exact_case: exact(word) || word.starts_with(|c: char| c.is_ascii_uppercase()),
    }));
    Ok(terms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vocabulary_parses_and_names_catalog_skills() {
        let vocabulary: Vocabulary = toml::from_str(VOCABULARY).expect("vocabulary parses");
        let catalog = Catalog::embedded().expect("embedded catalog");
        for phrases in &vocabulary.phrases {
            for id in &phrases.skills {
                assert!(catalog.skill(id).is_some(), "{id} is not a catalog skill");
            }
        }
    }

    #[test]
    fn not_covered_words_are_not_catalog_names() {
        // A word both listed as not covered and named by the catalog would be matched as the
        // catalog's skill; keeping the lists apart keeps the vocabulary honest.
        let vocabulary: Vocabulary = toml::from_str(VOCABULARY).expect("vocabulary parses");
        let catalog = Catalog::embedded().expect("embedded catalog");
        let names: std::collections::HashSet<String> = catalog
            .skills
            .iter()
            .flat_map(|s| std::iter::once(&s.name).chain(&s.aliases))
            .map(|n| n.to_lowercase())
            .collect();
        let shared: Vec<_> = vocabulary
            .not_covered
            .iter()
            .filter(|w| names.contains(&w.to_lowercase()))
            .collect();
        assert!(
            shared.is_empty(),
            "listed as not covered but in the catalog: {shared:?}"
        );
    }
}
