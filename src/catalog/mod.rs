//! The skill catalog: its model, loading (embedded or from a folder) and validation.

pub mod calibration;
pub mod layout;
pub mod load;
pub mod model;
pub mod source;
pub mod validate;

use std::collections::HashSet;

use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};

pub use model::*;
pub use source::{Problem, SourceFile};

use crate::error::Error;

/// Where a loaded catalog came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CatalogOrigin {
    Embedded,
    Dir(PathBuf),
}

/// A loaded, valid catalog with its look-up indexes.
#[derive(Clone, Debug)]
pub struct Catalog {
    pub info: CatalogInfo,
    pub areas: Vec<Area>,
    pub skills: Vec<Skill>,
    pub questions: Vec<Question>,
    pub templates: Vec<Template>,
    pub pathways: Vec<Pathway>,
    pub origin: CatalogOrigin,
    /// A hash of the catalog's sources, so results can tell which exact catalog scored them.
    pub fingerprint: String,
    // FxHash: every answer of every sheet is looked up here, and SipHash's protection against
    // chosen collisions buys nothing for a table built from the catalog (lookups cannot grow it).
    skill_index: FxHashMap<String, usize>,
    question_index: FxHashMap<String, usize>,
    questions_by_skill: Vec<Vec<usize>>,
}

const EMBEDDED_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/catalog.json"));

impl Catalog {
    /// The default catalog, embedded at build time (already parsed to JSON by `build.rs`, and
    /// checked by a test, so start-up pays for neither TOML parsing nor validation).
    pub fn embedded() -> Result<Catalog, Error> {
        let document: CatalogDocument = serde_json::from_str(EMBEDDED_JSON).map_err(|e| {
            Error::InvalidInput(format!(
                "the embedded catalog is damaged ({e}); rebuild skillgap"
            ))
        })?;
        Ok(Catalog::index(
            document,
            CatalogOrigin::Embedded,
            source::EMBEDDED_FINGERPRINT.to_string(),
        ))
    }

    /// Loads and validates the catalog in `dir`; any problem makes it unusable.
    pub fn from_dir(dir: &Path) -> Result<Catalog, Error> {
        let sources = source::read_dir_sources(dir)?;
        let (document, problems) = check_sources(&sources);
        if !problems.is_empty() {
            return Err(Error::InvalidCatalog { problems });
        }
        let fingerprint = layout::fingerprint(
            sources
                .iter()
                .map(|s| (s.relative.as_str(), s.text.as_str())),
        );
        Ok(Catalog::index(
            document,
            CatalogOrigin::Dir(dir.to_path_buf()),
            fingerprint,
        ))
    }

    /// `--data DIR` when given, else the embedded catalog.
    pub fn load(dir: Option<&Path>) -> Result<Catalog, Error> {
        match dir {
            Some(dir) => Catalog::from_dir(dir),
            None => Catalog::embedded(),
        }
    }

    fn index(document: CatalogDocument, origin: CatalogOrigin, fingerprint: String) -> Catalog {
        let skill_index = id_index(document.skills.iter().map(|s| s.id.as_str()));
        let question_index = id_index(document.questions.iter().map(|q| q.id.as_str()));
        let mut questions_by_skill = vec![Vec::new(); document.skills.len()];
        for (i, question) in document.questions.iter().enumerate() {
            if let Some(&skill) = skill_index.get(&question.skill) {
                questions_by_skill[skill].push(i);
            }
        }
        Catalog {
            info: document.catalog,
            areas: document.areas,
            skills: document.skills,
            questions: document.questions,
            templates: document.templates,
            pathways: document.pathways,
            origin,
            fingerprint,
            skill_index,
            question_index,
            questions_by_skill,
        }
    }

    /// Adds the template in `path` (`--template-file`), checked against this catalog's skills.
    pub fn add_template_file(&mut self, path: &Path) -> Result<&Template, Error> {
        let text = crate::files::read_limited(path, crate::files::Limit::TEMPLATE)?;
        self.add_template_text(path.display().to_string(), text)
    }

    /// Adds a template from its TOML `text`, checked against this catalog's skills; `display`
    /// names it in messages.
    pub fn add_template_text(&mut self, display: String, text: String) -> Result<&Template, Error> {
        let source = SourceFile {
            relative: "templates/template.toml".into(),
            display,
            text,
        };
        let parsed = load::parse_template(&source);
        let mut problems = parsed.problems;
        if let Some(template) = &parsed.template {
            let skills: HashSet<&str> = self.skills.iter().map(|s| s.id.as_str()).collect();
            problems.extend(validate::check_template(&source, template, &skills));
        }
        match parsed.template {
            Some(template) if problems.is_empty() => {
                // A file template replaces a catalog template of the same id: that is how a
                // coach adjusts one.
                self.templates.retain(|t| t.id != template.id);
                self.templates.push(template);
                Ok(self.templates.last().expect("just pushed")) // ok: pushed on the line above
            }
            _ => Err(Error::InvalidCatalog { problems }),
        }
    }

    pub fn skill(&self, id: &str) -> Option<&Skill> {
        self.skill_index.get(id).map(|&i| &self.skills[i])
    }

    pub fn skill_position(&self, id: &str) -> Option<usize> {
        self.skill_index.get(id).copied()
    }

    /// The index of question `id` in [`Catalog::questions`].
    pub fn question_position(&self, id: &str) -> Option<usize> {
        self.question_index.get(id).copied()
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.question_index.get(id).map(|&i| &self.questions[i])
    }

    /// The questions of the skill at `position` (see [`Catalog::skill_position`]).
    pub fn questions_of(&self, position: usize) -> impl Iterator<Item = &Question> {
        self.questions_by_skill[position]
            .iter()
            .map(|&i| &self.questions[i])
    }

    pub fn area(&self, id: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.id == id)
    }

    pub fn template(&self, id: &str) -> Result<&Template, Error> {
        self.templates
            .iter()
            .find(|t| t.id == id)
            .ok_or_else(|| Error::UnknownId {
                what: "template",
                id: id.to_string(),
                suggestions: suggest(id, self.templates.iter().map(|t| t.id.as_str())),
            })
    }

    /// The template "not sure yet" asks about (`core_template` in `catalog.toml`), when the
    /// catalog names one it has.
    pub fn core_template(&self) -> Option<&Template> {
        let id = self.info.core_template.as_deref()?;
        self.templates.iter().find(|t| t.id == id)
    }

    pub fn require_skill(&self, id: &str) -> Result<&Skill, Error> {
        self.skill(id).ok_or_else(|| Error::UnknownId {
            what: "skill",
            id: id.to_string(),
            suggestions: suggest(id, self.skills.iter().map(|s| s.id.as_str())),
        })
    }

    pub fn pathway(&self, id: &str) -> Result<&Pathway, Error> {
        self.pathways
            .iter()
            .find(|p| p.id == id)
            .ok_or_else(|| Error::UnknownId {
                what: "pathway",
                id: id.to_string(),
                suggestions: suggest(id, self.pathways.iter().map(|p| p.id.as_str())),
            })
    }

    /// Where the catalog came from, for messages.
    pub fn describe_origin(&self) -> String {
        match &self.origin {
            CatalogOrigin::Embedded => "embedded default catalog".to_string(),
            CatalogOrigin::Dir(dir) => dir.display().to_string(),
        }
    }
}

/// Parses and checks catalog sources: the document and every problem found.
pub fn check_sources(sources: &[SourceFile]) -> (CatalogDocument, Vec<Problem>) {
    let parsed = load::parse_sources(sources);
    let mut problems = parsed.problems;
    problems.extend(validate::check(sources, &parsed.document, &parsed.origins));
    (parsed.document, problems)
}

fn id_index<'a>(ids: impl Iterator<Item = &'a str>) -> FxHashMap<String, usize> {
    ids.enumerate().map(|(i, id)| (id.to_string(), i)).collect()
}

/// Longest value (in bytes) for which [`suggest`] looks for close ids.
const SUGGEST_MAX_LEN: usize = 200;

/// Up to three known ids close to `wanted`, for "did you mean" hints.
pub fn suggest<'a>(wanted: &str, known: impl Iterator<Item = &'a str>) -> Vec<String> {
    // No id is this long, and comparing a huge value with every id would take minutes.
    if wanted.len() > SUGGEST_MAX_LEN {
        return Vec::new();
    }
    let wanted = wanted.to_lowercase();
    let mut scored: Vec<(f64, &str)> = known
        .map(|id| (strsim::jaro_winkler(&wanted, id), id))
        .filter(|(score, id)| *score > 0.8 || id.contains(wanted.as_str()))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored
        .into_iter()
        .take(3)
        .map(|(_, id)| format!("`{id}`"))
        .collect()
}
