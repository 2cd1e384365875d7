//! Job-posting extraction: turns a posting's text (plain text or Markdown) into a job
//! [`Template`] of the catalog, and explains it: which words on which line produced each
//! requirement, and which technologies the catalog does not cover.
//!
//! The steps, one module each: [`sections`] reads the layout (title, headings, which section
//! each line is in), [`matcher`] finds skill names, [`cues`] reads the wording around them
//! (must or nice, level, years, seniority), [`mentions`] reads each line into mentions (with
//! alternatives), [`assemble`] merges them into requirements and [`render`] writes the TOML.

pub mod assemble;
pub mod cues;
pub mod matcher;
pub mod mentions;
pub mod render;
pub mod sections;
pub mod vocabulary;

use std::io::Read as _;
use std::path::Path;

use serde::Serialize;

pub use assemble::ExtractedRequirement;
pub use mentions::{Evidence, NotCovered};

use crate::catalog::{Catalog, Template, TemplateLevel};
use crate::error::Error;

/// What the caller decides instead of the posting.
#[derive(Clone, Debug, Default)]
pub struct PostingOptions {
    /// The template id (default: from the title).
    pub id: Option<String>,
    /// The template title (default: the posting's title line).
    pub title: Option<String>,
    /// Where the posting came from, recorded as the template's `source`.
    pub source: String,
}

/// The seniority of a posting and what said so.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Seniority {
    pub level: TemplateLevel,
    pub why: String,
}

/// A template extracted from a posting, with its explanation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Extraction {
    pub id: String,
    pub title: String,
    pub seniority: Seniority,
    pub description: String,
    pub source: String,
    pub requirements: Vec<ExtractedRequirement>,
    pub not_covered: Vec<NotCovered>,
}

impl Extraction {
    /// The job template, as `--template-file` would read it.
    pub fn template(&self) -> Template {
        Template {
            id: self.id.clone(),
            title: self.title.clone(),
            level: self.seniority.level,
            description: self.description.clone(),
            source: self.source.clone(),
            requirements: self
                .requirements
                .iter()
                .map(|r| r.requirement.clone())
                .collect(),
        }
    }
}

/// Reads a posting's text from a file, or from stdin for `-`.
pub fn read_posting(path: &Path) -> Result<String, Error> {
    let read_error = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let bytes = if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(read_error)?;
        bytes
    } else {
        std::fs::read(path).map_err(read_error)?
    };
    String::from_utf8(bytes).map_err(|e| {
        Error::InvalidInput(format!(
            "{}: not UTF-8 text (invalid byte at offset {}); save the posting as UTF-8 text or Markdown",
            describe(path),
            e.utf8_error().valid_up_to()
        ))
    })
}

/// The name of a posting's source for messages: the path, or "stdin".
pub fn describe(path: &Path) -> String {
    if path == Path::new("-") {
        "stdin".to_string()
    } else {
        path.display().to_string()
    }
}

/// Extracts a template from a posting's text, read against `catalog`'s skills.
pub fn extract(
    catalog: &Catalog,
    text: &str,
    options: &PostingOptions,
) -> Result<Extraction, Error> {
    let matcher = matcher::Matcher::new(vocabulary::terms(catalog)?)?;
    let layout = sections::layout(text);
    let seniority = seniority(&layout);
    let (mentions, not_covered) = mentions::read(&layout, &matcher, seniority.level);
    let requirements = assemble::requirements(mentions);
    if requirements.is_empty() {
        return Err(Error::InvalidInput(format!(
            "{}: no skill of the catalog ({}) was found in the posting; is it a job posting's text? \
             (`skillgap skills list` shows the names looked for)",
            options.source,
            catalog.describe_origin()
        )));
    }
    let title = options
        .title
        .clone()
        .or_else(|| layout.title.clone())
        .unwrap_or_else(|| "Job posting".to_string());
    let musts = requirements.iter().filter(|r| r.requirement.must).count();
    Ok(Extraction {
        id: options.id.clone().unwrap_or_else(|| id_from(&title)),
        description: format!(
            "Extracted from a job posting: {} requirements ({musts} must-have). Check it before use.",
            requirements.len()
        ),
        title,
        seniority,
        source: options.source.clone(),
        requirements,
        not_covered,
    })
}

/// The posting's seniority: a title word ("Senior", "Jr."), else the years of experience asked,
/// else mid.
fn seniority(layout: &sections::Layout) -> Seniority {
    if let Some((level, word)) = layout.title.as_deref().and_then(cues::title_seniority) {
        return Seniority {
            level,
            why: format!("\"{word}\" in the title"),
        };
    }
    let years = layout
        .lines
        .iter()
        .filter(|l| l.section != sections::Section::Ignored)
        .filter_map(|l| {
            cues::years_asked(&sections::normalize(&l.text)).map(|years| (years, l.number))
        })
        .max();
    match years {
        Some((years, line)) => Seniority {
            level: cues::years_seniority(years),
            why: format!("{years} years of experience asked on line {line}"),
        },
        None => Seniority {
            level: TemplateLevel::Mid,
            why: "no seniority word in the title and no years of experience; mid assumed"
                .to_string(),
        },
    }
}

/// A template id from a title: "Senior Backend Engineer (Go)" → "senior-backend-engineer-go".
pub fn id_from(title: &str) -> String {
    let mut id = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
        if id.len() >= 48 {
            break;
        }
    }
    let id = id.trim_end_matches('-');
    if id.starts_with(|c: char| c.is_ascii_lowercase()) {
        id.to_string()
    } else if id.is_empty() {
        "posting".to_string()
    } else {
        format!("posting-{id}")
    }
}

#[cfg(test)]
mod tests;
