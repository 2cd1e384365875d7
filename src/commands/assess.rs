//! `skillgap assess`: the quiz in a terminal (or from `--answers`), then the results and a plan.
//! The quiz itself ([`crate::ui`]) only talks to a prompter; this command chooses the catalog,
//! where the session and results are saved, and what is printed.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use anyhow::{Result, bail};

use super::output::{self, Output};
use super::{Context, posting};
use crate::catalog::Catalog;
use crate::cli::AssessArgs;
use crate::date::Date;
use crate::error::{Error, exit};
use crate::results::Results;
use crate::sheet::{AnswerSheet, Profile};
use crate::store::{SessionLock, Store};
use crate::ui::quiz::{Order, Quiz, Target};
use crate::ui::session::{self, Session, WhenInterrupted};
use crate::ui::{
    DialoguerPrompter, InterruptState, Interrupted, Prompter, ScriptedPrompter,
    install_interrupt_handler,
};
use crate::write::{Existing, write_file};

/// `skillgap assess`.
pub fn run(context: &Context, args: &AssessArgs) -> Result<u8> {
    let mut catalog = context.catalog()?;
    let store = Store::new(args.home.dir.clone())?;
    // Checked before the quiz, not after twenty answers.
    if let Some(path) = &args.save {
        output::check_out(path, args.force)?;
    }
    let posting = match &args.posting {
        Some(path) if path.as_os_str() == "-" && args.answers.is_none() => bail!(Error::InvalidInput(
            "`--posting -` would read the posting from stdin, which the quiz needs for your answers; \
             save the posting to a file and pass its path"
                .into()
        )),
        Some(path) => Some(posting::add_to_catalog(&mut catalog, path)?),
        None => None,
    };
    let catalog = catalog;
    if let Some(path) = &args.answers {
        let mut sheet: AnswerSheet = crate::sheet::read_document(path)?;
        sheet.normalize(&catalog);
        sheet
            .check(&catalog)
            .map_err(|e| Error::InvalidInput(format!("{}: {e}", path.display())))?;
        let mut prompter = ScriptedPrompter::new(sheet);
        let session = new_session(&catalog, args, posting.as_deref(), &mut prompter)?;
        // A run from a sheet is repeatable: it keeps no session and no history.
        return finish_quiz(context, &catalog, args, None, session, &mut prompter);
    }
    let resumed = match &args.resume {
        Some(id) => Some(store.resume_session(id.as_deref())?),
        None => None,
    };
    if !io::stdin().is_terminal() || !io::stderr().is_terminal() {
        let mut message = "`assess` asks questions in a terminal, and stdin or stderr is not one. \
            To run without a terminal, answer from a file with `skillgap assess --answers \
            SHEET.json`, or write a questionnaire with `skillgap questionnaire --template ID` and \
            score it with `skillgap score SHEET.json`."
            .to_string();
        if resumed.is_none()
            && let Some(latest) = store.interrupted_sessions()?.first()
        {
            message.push_str(&format!(
                "\nThe interrupted assessment in {} ({}) was kept. In a terminal, continue it \
                 with `skillgap assess --resume {}`, or run `skillgap assess` and choose to \
                 start over (the saved answers are kept as a backup).",
                store.root().display(),
                latest.describe(),
                latest.id
            ));
        }
        bail!(Error::InvalidInput(message));
    }
    let mut prompter = DialoguerPrompter::new();
    let (lock, session) = match resumed {
        Some(resumed) => resumed,
        None => {
            let found = store.interrupted_sessions()?;
            let choice = if found.is_empty() {
                WhenInterrupted::StartOver
            } else {
                session::ask_about_interrupted(&found)
            };
            match choice {
                WhenInterrupted::Resume(id) => store.resume_session(Some(&id))?,
                WhenInterrupted::Quit => {
                    eprintln!("Nothing changed; continue later with `skillgap assess --resume`.");
                    return Ok(exit::OK);
                }
                WhenInterrupted::StartOver => {
                    let session = new_session(&catalog, args, posting.as_deref(), &mut prompter)?;
                    for saved in &found {
                        let backup = store.back_up_session(&saved.id)?;
                        eprintln!(
                            "kept the interrupted assessment ({}) in {}; continue it later with \
                             `skillgap assess --resume {}`",
                            saved.describe(),
                            backup.display(),
                            saved.id
                        );
                    }
                    (store.start_session()?, session)
                }
            }
        }
    };
    let catalog = with_custom_templates(catalog, &session);
    let saving = Saving {
        store: &store,
        lock,
        interrupt: Arc::new(InterruptState::default()),
    };
    saving
        .interrupt
        .answers_saved
        .store(session.answers.len(), Ordering::SeqCst);
    install_interrupt_handler(saving.lock.id(), Arc::clone(&saving.interrupt));
    finish_quiz(
        context,
        &catalog,
        args,
        Some(saving),
        session,
        &mut prompter,
    )
}

/// Where an interactive run keeps its session (held locked) and results, and what its Ctrl-C
/// handler is told.
struct Saving<'s> {
    store: &'s Store,
    lock: SessionLock,
    interrupt: Arc<InterruptState>,
}

/// The catalog with the session's own templates (from a posting) back in it, for `--resume`.
fn with_custom_templates(mut catalog: Catalog, session: &Session) -> Catalog {
    for template in &session.custom_templates {
        if catalog.template(&template.id).is_err() {
            catalog.templates.push(template.clone());
        }
    }
    catalog
}

fn new_session(
    catalog: &Catalog,
    args: &AssessArgs,
    posting: Option<&str>,
    prompter: &mut dyn Prompter,
) -> Result<Session> {
    let mut templates = args.templates.clone();
    templates.extend(posting.map(str::to_string));
    let target = if templates.is_empty() {
        match prompter.choose_templates(catalog) {
            Ok(target) => target,
            Err(Interrupted) => bail!(Error::InvalidInput(
                "no template chosen: pass --template ID (see `skillgap templates list`)".into()
            )),
        }
    } else {
        for id in &templates {
            catalog.template(id)?;
        }
        Target::Templates(templates)
    };
    let mut chosen = Vec::new();
    for alternatives in alternative_groups(catalog, &target)? {
        match prompter.choose_alternatives(catalog, &alternatives) {
            Ok(picked) => chosen.extend(picked),
            Err(Interrupted) => bail!(Error::InvalidInput(
                "no choice made; nothing was asked yet".into()
            )),
        }
    }
    let profile = learner_profile(args, prompter)?;
    let seed = args.seed.unwrap_or_else(session::seed_from_clock);
    let order = if args.fixed {
        Order::Fixed
    } else {
        Order::Adaptive
    };
    let mut session = Quiz::plan(catalog, &target, &chosen, args.length.into(), order, seed)?
        .into_session(catalog);
    session.profile = profile;
    session.custom_templates = posting
        .and_then(|id| catalog.template(id).ok())
        .into_iter()
        .cloned()
        .collect();
    Ok(session)
}

/// `--profile FILE` and the flags, nothing with `--no-profile`, else the prompter's (asked, or the sheet's).
fn learner_profile(args: &AssessArgs, prompter: &mut dyn Prompter) -> Result<Option<Profile>> {
    // `--profile FILE` and the profile flags (as `plan` takes them) replace the questions.
    if super::plan::has_profile_flags(&args.profile) {
        let profile = super::plan::profile_with_overrides(None, &args.profile)?;
        super::plan::check_deadline(&profile, Date::today())?;
        return Ok(Some(profile));
    }
    if args.no_profile {
        return Ok(None);
    }
    match prompter.profile() {
        Ok(profile) => Ok(profile),
        Err(Interrupted) => bail!(Error::InvalidInput(
            "stopped before the quiz began; nothing was saved".into()
        )),
    }
}

/// The distinct `any_of` groups of the templates the quiz will ask about.
fn alternative_groups(catalog: &Catalog, target: &Target) -> Result<Vec<Vec<String>>, Error> {
    let mut groups: Vec<Vec<String>> = Vec::new();
    for template in target.asked(catalog)? {
        for requirement in template
            .requirements
            .iter()
            .filter(|r| !r.any_of.is_empty())
        {
            if !groups.contains(&requirement.any_of) {
                groups.push(requirement.any_of.clone());
            }
        }
    }
    Ok(groups)
}

fn finish_quiz(
    context: &Context,
    catalog: &Catalog,
    args: &AssessArgs,
    saving: Option<Saving<'_>>,
    mut session: Session,
    prompter: &mut dyn Prompter,
) -> Result<u8> {
    let quiz = Quiz::from_session(catalog, &session)?;
    let answered = session.answers.len();
    let so_far = if answered > 0 {
        format!(" {answered} answered so far.")
    } else {
        String::new()
    };
    // The adaptive quiz stops early once every skill is measured well enough, so its length is
    // a maximum.
    let length = if session.adaptive.is_some() {
        format!(
            "Up to {} questions, about {} minutes; it stops early once each skill is measured well \
             enough.{so_far}",
            quiz.len(),
            quiz.minutes()
        )
    } else {
        format!(
            "{} questions ({} to go), about {} minutes.",
            quiz.len(),
            quiz.len().saturating_sub(answered),
            quiz.minutes()
        )
    };
    prompter.show(&format!(
        "{length} Answer with the arrow keys and Enter; \"I don't know\" is always fine."
    ));
    let outcome = quiz.run(&mut session, prompter, args.feedback, &mut |session| {
        if let Some(saving) = &saving {
            saving.store.save_session(&saving.lock, session)?;
            saving
                .interrupt
                .answers_saved
                .store(session.answers.len(), Ordering::SeqCst);
        }
        Ok(())
    })?;
    if outcome.interrupted {
        if let Some(saving) = &saving {
            if saving.interrupt.reported.swap(true, Ordering::SeqCst) {
                return Ok(exit::INTERRUPTED);
            }
            match session.answers.len() {
                0 => eprintln!("\nInterrupted before the first answer; nothing was saved."),
                n => eprintln!(
                    "\nInterrupted: {n} answer(s) saved. Continue with `skillgap assess --resume \
                     {}`.",
                    saving.lock.id()
                ),
            }
        }
        return Ok(exit::INTERRUPTED);
    }
    let mut results = quiz.score(&session);
    if session.profile.is_some() {
        results.profile = session.profile.clone();
    }
    results.attach_plan(catalog, Date::today());
    if saving.is_some() && !args.feedback && !outcome.missed.is_empty() {
        quiz.offer_review(prompter, &outcome.missed);
    }
    let saved = save_results(saving.as_ref().map(|s| s.store), args, &results)?;
    if let Some(saving) = saving {
        saving.store.finish_session(saving.lock)?;
    }
    let mut reporter = context
        .results_format(args.format.format)
        .reporter(context.color);
    let mut out = Output::stdout();
    reporter.results(&mut out, &results)?;
    out.finish()?;
    for path in &saved {
        eprintln!("results saved to {}", path.display());
    }
    if let Some(path) = saved.first() {
        eprintln!("render them again with: skillgap report {}", path.display());
    }
    Ok(exit::OK)
}

/// Saves the results in the store's history (when there is one) and to `--save`.
fn save_results(
    store: Option<&Store>,
    args: &AssessArgs,
    results: &Results,
) -> Result<Vec<PathBuf>> {
    let mut json = serde_json::to_string_pretty(results)?;
    json.push('\n');
    let mut saved = Vec::new();
    if let Some(store) = store {
        saved.push(store.save_results(json.as_bytes())?);
    }
    if let Some(path) = &args.save {
        write_file(path, json.as_bytes(), Existing::forced(args.force))?;
        saved.push(path.clone());
    }
    Ok(saved)
}
