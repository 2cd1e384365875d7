//! `skillgap questionnaire`: a blank answer sheet and a Markdown questionnaire for a template,
//! to fill in without a terminal and score with `skillgap score`.

use std::io::Write as _;

use anyhow::{Result, bail};

use super::Context;
use super::output::{self, Output};
use crate::cli::QuestionnaireArgs;
use crate::error::{Error, exit};
use crate::questionnaire;
use crate::write::{Existing, write_file};

pub fn run(context: &Context, args: &QuestionnaireArgs) -> Result<u8> {
    let catalog = context.catalog()?;
    let template = catalog.template(&args.template)?;
    if args.per_skill == 0 {
        bail!(Error::InvalidInput("--per-skill must be at least 1".into()));
    }
    let selection = questionnaire::select_skills(&catalog, &[template], &args.choose)?;
    let questions = questionnaire::pick_questions(&catalog, &selection.skills, args.per_skill);
    let sheet = questionnaire::blank_sheet(template, &questions);
    let markdown = questionnaire::markdown(&catalog, template, &selection, &questions);
    let mut json = serde_json::to_string_pretty(&sheet)?;
    json.push('\n');
    if output::file_target(Some(&args.out)).is_none() {
        let mut out = Output::stdout();
        out.write_all(json.as_bytes())?;
        out.finish()?;
        say!(
            "printed the blank sheet ({} questions); pass --out DIR for the Markdown \
             questionnaire too",
            questions.len()
        );
        return Ok(exit::OK);
    }
    if args.out.exists() && !args.out.is_dir() {
        bail!(Error::InvalidInput(format!(
            "{}: not a folder; --out takes the folder to write the sheet and questionnaire into",
            args.out.display()
        )));
    }
    let sheet_path = args.out.join(format!("{}-sheet.json", template.id));
    let markdown_path = args.out.join(format!("{}-questionnaire.md", template.id));
    let mut existing = Existing::Refuse;
    for path in [&sheet_path, &markdown_path] {
        existing = output::check_out(path, args.force)?;
    }
    write_file(&sheet_path, json.as_bytes(), existing)?;
    write_file(&markdown_path, markdown.as_bytes(), existing)?;
    say!(
        "wrote {} ({} questions) and {}",
        sheet_path.display(),
        questions.len(),
        markdown_path.display()
    );
    say!(
        "score the filled-in sheet with: skillgap score {}",
        sheet_path.display()
    );
    Ok(exit::OK)
}
