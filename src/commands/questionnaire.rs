//! `skillgap questionnaire`: a blank answer sheet and a Markdown questionnaire for a template,
//! to fill in without a terminal and score with `skillgap score`.

use anyhow::{Result, bail};

use super::Context;
use crate::cli::QuestionnaireArgs;
use crate::error::{Error, exit};
use crate::files::write_atomic;
use crate::questionnaire;

pub fn run(context: &Context, args: &QuestionnaireArgs) -> Result<u8> {
    let catalog = context.catalog()?;
    let template = catalog.template(&args.template)?;
    if args.per_skill == 0 {
        bail!(Error::InvalidInput("--per-skill must be at least 1".into()));
    }
    let skills = questionnaire::required_skills(&catalog, &[template]);
    let questions = questionnaire::pick_questions(&catalog, &skills, args.per_skill);
    let sheet = questionnaire::blank_sheet(template, &questions);
    let markdown = questionnaire::markdown(&catalog, template, &questions);
    if !args.out.is_dir() {
        bail!(Error::InvalidInput(format!(
            "{}: not a folder; create it first or pass another --out",
            args.out.display()
        )));
    }
    let sheet_path = args.out.join(format!("{}-sheet.json", template.id));
    let markdown_path = args.out.join(format!("{}-questionnaire.md", template.id));
    for path in [&sheet_path, &markdown_path] {
        if path.exists() && !args.force {
            bail!(Error::InvalidInput(format!(
                "{} exists; pass --force to overwrite it (a filled-in sheet would be lost)",
                path.display()
            )));
        }
    }
    let mut json = serde_json::to_string_pretty(&sheet)?;
    json.push('\n');
    write_atomic(&sheet_path, json.as_bytes())?;
    write_atomic(&markdown_path, markdown.as_bytes())?;
    eprintln!(
        "wrote {} ({} questions) and {}",
        sheet_path.display(),
        questions.len(),
        markdown_path.display()
    );
    eprintln!(
        "score the filled-in sheet with: skillgap score {}",
        sheet_path.display()
    );
    Ok(exit::OK)
}
