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
        path: if path == Path::new("-") {
            "standard input".into()
        } else {
            path.to_path_buf()
        },
        source,
    };
    let limit = crate::files::Limit::POSTING;
    let bytes = if path == Path::new("-") {
        crate::files::read_bytes_capped(std::io::stdin(), limit).map_err(read_error)?
    } else {
        let file = crate::files::open_input(path).map_err(read_error)?;
        crate::files::read_bytes_capped(file, limit).map_err(read_error)?
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

/// Adds the template extracted from the job posting in `path` (`-` for stdin) to `catalog`, as
/// `skillgap template from-posting` writes it; `--posting` uses this. It lives here, not in the
/// catalog, because the posting depends on the catalog and not the other way round.
pub fn add_to_catalog<'c>(catalog: &'c mut Catalog, path: &Path) -> Result<&'c Template, Error> {
    let text = read_posting(path)?;
    let options = PostingOptions {
        source: describe(path),
        ..Default::default()
    };
    let extraction = extract(catalog, &text, &options)?;
    let toml = render::toml(&extraction)?;
    catalog.add_template_text(
        format!("{} (template extracted from it)", options.source),
        toml,
    )
}

#[cfg(test)]
mod tests {
    //! Extraction against the embedded catalog: names, alternatives, must/nice, levels, and that the
    //! TOML written loads as a template.

    use super::*;
    use crate::catalog::Requirement;

    fn catalog() -> Catalog {
        Catalog::embedded().expect("embedded catalog")
    }

    fn extract_text(text: &str) -> Extraction {
        let options = PostingOptions {
            source: "test posting".into(),
            ..Default::default()
        };
        extract(&catalog(), text, &options).expect("extracts")
    }

    /// The requirement that names `skill` (alone or among alternatives).
    fn requirement<'e>(extraction: &'e Extraction, skill: &str) -> Option<&'e Requirement> {
        extraction
            .requirements
            .iter()
            .map(|r| &r.requirement)
            .find(|r| r.skills().any(|s| s == skill))
    }

    fn skills_of(extraction: &Extraction) -> Vec<String> {
        let mut skills: Vec<String> = extraction
            .requirements
            .iter()
            .flat_map(|r| {
                r.requirement
                    .skills()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        skills.sort();
        skills
    }

    #[test]
    fn names_with_dots_hashes_and_slashes_match_on_their_boundaries() {
        let extraction = extract_text(
            "Backend Developer\n## Requirements\n- Node.js and C# / .NET\n- CI/CD with REST/JSON APIs\n\
             - Vue.js is not a catalog skill\n",
        );
        assert_eq!(
            skills_of(&extraction),
            ["ci-cd", "csharp", "javascript", "rest-api-design"]
        );
        let words: Vec<&str> = extraction
            .not_covered
            .iter()
            .map(|n| n.words.as_str())
            .collect();
        assert_eq!(words, ["Vue.js"]);
        assert_eq!(extraction.not_covered[0].line, 5);
    }

    #[test]
    fn alternatives_on_one_line_become_one_any_of() {
        let extraction = extract_text(
            "Python Developer\n## Requirements\n- Django, Flask or FastAPI\n- PostgreSQL/MySQL\n",
        );
        let framework = requirement(&extraction, "flask").expect("frameworks");
        assert_eq!(framework.any_of, ["django", "flask", "fastapi"]);
        assert!(framework.must);
        let database = requirement(&extraction, "mysql").expect("databases");
        assert_eq!(database.any_of, ["postgresql", "mysql"]);
    }

    #[test]
    fn sections_and_phrases_decide_must_or_nice() {
        let extraction = extract_text(
            "Backend Developer\n## Requirements\n- Python\n- Kafka is a plus\n- Ideally Docker\n\
             ## Nice to have\n- Kubernetes\n## Bonus\n- Redis\n",
        );
        let must = |skill| requirement(&extraction, skill).map(|r| r.must);
        assert_eq!(must("python"), Some(true));
        assert_eq!(must("message-queues"), Some(false));
        assert_eq!(must("containers"), Some(false));
        assert_eq!(must("kubernetes"), Some(false));
        assert_eq!(must("caching"), Some(false));
    }

    #[test]
    fn duties_are_at_most_nice_and_lines_asking_are_musts() {
        let with_requirements = extract_text(
            "Backend Developer\n## What you'll do\n- Build GraphQL APIs\n## Requirements\n- Go\n",
        );
        assert_eq!(
            requirement(&with_requirements, "graphql").map(|r| r.must),
            Some(false)
        );
        let duties_only =
            extract_text("Backend Developer\n## Responsibilities\n- Build GraphQL APIs\n");
        assert_eq!(
            requirement(&duties_only, "graphql").map(|r| r.must),
            Some(false)
        );
        let headingless = extract_text("Backend Developer\n4+ years of experience with GraphQL\n");
        assert_eq!(
            requirement(&headingless, "graphql").map(|r| r.must),
            Some(true)
        );
    }

    #[test]
    fn years_and_title_words_set_the_seniority_and_levels() {
        let senior =
            extract_text("Backend Engineer\n## Requirements\n- 5–10 years with Go\n- SQL\n");
        assert_eq!(senior.seniority.level, TemplateLevel::Senior);
        assert_eq!(requirement(&senior, "sql").map(|r| r.level), Some(3));
        let mid =
            extract_text("Backend Engineer\n## Requirements\n- 3+ years of backend work\n- SQL\n");
        assert_eq!(mid.seniority.level, TemplateLevel::Mid);
        assert_eq!(requirement(&mid, "sql").map(|r| r.level), Some(2));
        let junior =
            extract_text("Junior Developer\n## Requirements\n- SQL\n- Exposure to Docker\n");
        assert_eq!(junior.seniority.level, TemplateLevel::Junior);
        assert_eq!(requirement(&junior, "sql").map(|r| r.level), Some(2));
        assert_eq!(requirement(&junior, "containers").map(|r| r.level), Some(1));
    }

    #[test]
    fn wording_moves_the_level() {
        let extraction = extract_text(
            "Senior Engineer\n## Requirements\n- Expert in PostgreSQL\n- Strong Python\n\
             - Working knowledge of Docker\n- Familiarity with Kubernetes\n",
        );
        let level = |skill| requirement(&extraction, skill).map(|r| r.level);
        assert_eq!(level("postgresql"), Some(4));
        assert_eq!(level("python"), Some(3));
        assert_eq!(level("containers"), Some(3));
        assert_eq!(level("kubernetes"), Some(1));
    }

    #[test]
    fn soft_skills_are_read_from_their_usual_wording() {
        let extraction = extract_text(
            "Developer\n## Requirements\n- Good written and verbal communication\n- A team player\n\
             - You will mentor junior developers\n- You take ownership of your work\n",
        );
        assert_eq!(
            skills_of(&extraction),
            ["communication", "mentoring", "ownership", "teamwork"]
        );
    }

    #[test]
    fn a_text_without_skills_is_an_error_naming_its_source() {
        let options = PostingOptions {
            source: "lunch.txt".into(),
            ..Default::default()
        };
        let error =
            extract(&catalog(), "Menu\nSoup of the day\n", &options).expect_err("no skills");
        assert!(error.to_string().contains("lunch.txt"), "{error}");
        assert_eq!(error.exit_code(), crate::error::exit::INVALID_INPUT);
    }

    #[test]
    fn the_emitted_toml_loads_as_a_template_with_its_comments() {
        let text = "Senior Backend Engineer (Go)\n## Requirements\n- Go, Python or Java\n- PostgreSQL\n\
                    - Kafka and Elixir\n## Nice to have\n- Terraform\n";
        let extraction = extract_text(text);
        let toml = render::toml(&extraction).expect("renders");
        assert!(toml.contains("# line 3: \"Go, Python, Java\""), "{toml}");
        assert!(toml.contains("#   line 5: Elixir"), "{toml}");
        let mut catalog = catalog();
        let template = catalog
            .add_template_text("extracted.toml".into(), toml)
            .expect("the emitted TOML is a valid template")
            .clone();
        assert_eq!(template, extraction.template());
        assert_eq!(template.id, "senior-backend-engineer-go");
        assert_eq!(template.level, TemplateLevel::Senior);
    }

    #[test]
    fn ids_come_from_titles() {
        assert_eq!(id_from("Sr. Python Developer"), "sr-python-developer");
        assert_eq!(
            id_from(".NET Senior Backend Developer"),
            "net-senior-backend-developer"
        );
        assert_eq!(id_from("2026 Backend"), "posting-2026-backend");
        assert_eq!(id_from("!!!"), "posting");
    }
}
