//! Writing an extraction as a template TOML file, with a comment above each requirement saying
//! which words on which line produced it, and the words the catalog does not cover.

use serde::Serialize;

use super::{Evidence, Extraction};
use crate::catalog::TemplateLevel;
use crate::error::Error;

#[derive(Serialize)]
struct Head<'a> {
    id: &'a str,
    title: &'a str,
    level: TemplateLevel,
    description: &'a str,
    source: &'a str,
}

/// The template as TOML that `--template-file` reads.
pub fn toml(extraction: &Extraction) -> Result<String, Error> {
    let mut out = String::new();
    let mut line = |text: &str| {
        out.push_str(text);
        out.push('\n');
    };
    line("# Job template extracted by `skillgap template from-posting`.");
    line("# Check it before use: each requirement says which words on which line produced it.");
    line(&comment(&format!(
        "Level {}: {}.",
        extraction.seniority.level.as_str(),
        extraction.seniority.why
    )));
    line(&to_toml(&Head {
        id: &extraction.id,
        title: &extraction.title,
        level: extraction.seniority.level,
        description: &extraction.description,
        source: &extraction.source,
    })?);
    for requirement in &extraction.requirements {
        line("");
        for evidence in &requirement.evidence {
            line(&comment(&describe(evidence)));
        }
        line(&comment(&format!("({})", requirement.why)));
        line("[[requirements]]");
        line(&to_toml(&requirement.requirement)?);
    }
    if !extraction.not_covered.is_empty() {
        line("");
        line("# Not covered by the catalog, so not required (check whether they matter):");
        for word in &extraction.not_covered {
            line(&comment(&format!("  line {}: {}", word.line, word.words)));
        }
    }
    Ok(out)
}

/// "line 12: "Node.js" under "Requirements"".
pub fn describe(evidence: &Evidence) -> String {
    format!("line {}: \"{}\"", evidence.line, evidence.words)
}

/// A TOML comment line; line breaks in the text would end it, so they become spaces.
fn comment(text: &str) -> String {
    format!("# {}", text.replace(['\n', '\r'], " "))
}

fn to_toml<T: Serialize>(value: &T) -> Result<String, Error> {
    toml::to_string(value)
        .map(|text| text.trim_end().to_string())
        .map_err(|e| Error::InvalidInput(format!("cannot write the template as TOML: {e}")))
}
