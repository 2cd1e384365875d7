//! `template from-posting`, and `--posting` for the commands that score against a posting.

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, Result, bail};

use super::output::{self, Output};
use super::{Context, listing_format};
use crate::catalog::{Catalog, validate::is_valid_id};
use crate::cli::FromPostingArgs;
use crate::error::{Error, exit};
use crate::estimate::level_name;
use crate::posting::{self, Extraction, PostingOptions};
use crate::reports::{Detail, Listing};
use crate::write::write_file;

/// Adds the template extracted from the posting at `path` (`-` for stdin) to `catalog` and
/// returns its id: what `score --posting` (and `assess --posting`) score against.
pub fn add_to_catalog(catalog: &mut Catalog, path: &Path) -> Result<String> {
    let template = posting::add_to_catalog(catalog, path)
        .with_context(|| format!("cannot use the posting {}", posting::describe(path)))?;
    say!(
        "scoring against the template extracted from {}: {} ({} requirements); see it with \
         `skillgap template from-posting {}`",
        posting::describe(path),
        template.id,
        template.requirements.len(),
        path.display()
    );
    Ok(template.id.clone())
}

pub fn from_posting(context: &Context, mut catalog: Catalog, args: &FromPostingArgs) -> Result<u8> {
    if let Some(id) = &args.id
        && !is_valid_id(id)
    {
        bail!(Error::InvalidInput(format!(
            "--id `{id}` is not a valid template id: use lowercase letters, digits and `-`, \
             starting with a letter"
        )));
    }
    let source = posting::describe(&args.input);
    let text = posting::read_posting(&args.input)?;
    let options = PostingOptions {
        id: args.id.clone(),
        title: args.title.clone(),
        source: source.clone(),
    };
    let extraction = posting::extract(&catalog, &text, &options)?;
    if args.explain {
        let mut out = Output::stdout();
        listing_format(args.format)
            .reporter(context.color)
            .detail(&mut out, &explanation(&catalog, &extraction))?;
        out.finish()?;
        return Ok(exit::OK);
    }
    let toml = posting::render::toml(&extraction)?;
    // What is written must load with --template-file; check it the same way.
    catalog
        .add_template_text(
            format!("the template extracted from {source}"),
            toml.clone(),
        )
        .context("the extracted template does not load (a skillgap bug; please report it)")?;
    match output::file_target(args.out.as_deref()) {
        Some(path) => {
            write_file(path, toml.as_bytes(), output::check_out(path, args.force)?)?;
            say!("wrote {}: {}", path.display(), summary(&extraction));
            say!(
                "use it with: skillgap --template-file {} score SHEET --template {}",
                path.display(),
                extraction.id
            );
        }
        None => {
            let mut out = Output::stdout();
            out.write_all(toml.as_bytes())?;
            out.finish()?;
            say!("{}", summary(&extraction));
        }
    }
    Ok(exit::OK)
}

/// "12 requirements (8 must-have), 3 words not covered, level senior".
fn summary(extraction: &Extraction) -> String {
    let musts = extraction
        .requirements
        .iter()
        .filter(|r| r.requirement.must)
        .count();
    format!(
        "{} requirements ({musts} must-have), {} words not covered by the catalog, level {} ({})",
        extraction.requirements.len(),
        extraction.not_covered.len(),
        extraction.seniority.level.as_str(),
        extraction.seniority.why
    )
}

/// The items in order, each once.
fn distinct(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = Vec::new();
    for item in items {
        if !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen
}

/// The `--explain` view: every requirement with its words, lines and reasons, then the words
/// not covered.
fn explanation(catalog: &Catalog, extraction: &Extraction) -> Detail {
    let skill_name = |id: &str| catalog.skill(id).map_or(id.to_string(), |s| s.name.clone());
    let rows = extraction
        .requirements
        .iter()
        .map(|r| {
            let lines = distinct(r.evidence.iter().map(|e| e.line.to_string()));
            let words = distinct(r.evidence.iter().map(|e| e.words.clone()));
            let skills: Vec<String> = r.requirement.skills().map(skill_name).collect();
            vec![
                lines.join(", "),
                words.join("; "),
                skills.join(" or "),
                if r.requirement.must { "must" } else { "nice" }.to_string(),
                format!(
                    "{} {}",
                    r.requirement.level,
                    level_name(r.requirement.level)
                ),
                r.why.clone(),
            ]
        })
        .collect();
    let not_covered = extraction
        .not_covered
        .iter()
        .map(|n| vec![n.line.to_string(), n.words.clone()])
        .collect();
    Detail {
        title: format!("{} ({})", extraction.title, extraction.id),
        fields: vec![
            (
                "Level",
                format!(
                    "{} ({})",
                    extraction.seniority.level.as_str(),
                    extraction.seniority.why
                ),
            ),
            ("Source", extraction.source.clone()),
            ("Summary", summary(extraction)),
        ],
        sections: vec![
            (
                "Requirements".to_string(),
                Listing::new(
                    vec!["Line", "Words", "Skill", "Need", "Level", "Why"],
                    rows,
                    &extraction.requirements,
                ),
            ),
            (
                "Not covered by the catalog".to_string(),
                Listing::new(vec!["Line", "Words"], not_covered, &extraction.not_covered),
            ),
        ],
        item: serde_json::to_value(extraction).unwrap_or_default(),
    }
}
