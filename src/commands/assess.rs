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
use crate::adaptive::quiz::{AdaptivePlan, fixed_order};
use crate::catalog::Catalog;
use crate::cli::AssessArgs;
use crate::date::Date;
use crate::error::{Error, exit};
use crate::results::Results;
use crate::sheet::{AnswerSheet, Profile};
use crate::store::{SessionLock, Store};
use crate::ui::quiz::{Length, Order, Quiz, Target};
use crate::ui::session::{self, Session, WhenInterrupted};
use crate::ui::{
    InterruptState, Interrupted, Prompter, ScriptedPrompter, TerminalPrompter,
    install_interrupt_handler,
};
use crate::write::{Existing, write_file};

/// `skillgap assess`.
pub fn run(context: &Context, args: &AssessArgs) -> Result<u8> {
    let mut catalog = context.catalog()?;
    let store = Store::new(args.home.dir.clone())?;
    // Checked before the quiz, not after twenty answers.
    if let Some(path) = &args.save {
        if output::file_target(Some(path)).is_none() {
            bail!(Error::InvalidInput(
                "--save takes a file: the results are printed on stdout already".into()
            ));
        }
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
    let retest = Retest::of(&catalog, args, &store)?;
    if retest.as_ref().is_some_and(|r| r.skills.is_empty()) {
        say!(
            "Nothing to retest: every requirement of the earlier result is met or probably met. \
             Measure a skill anyway with `skillgap assess --skill ID`."
        );
        return Ok(exit::OK);
    }
    if let Some(path) = &args.answers {
        let mut sheet: AnswerSheet = crate::sheet::read_document(path)?;
        sheet.normalize(&catalog);
        sheet
            .check(&catalog)
            .map_err(|e| Error::InvalidInput(format!("{}: {e}", path.display())))?;
        let mut prompter = ScriptedPrompter::new(sheet);
        let session = match &retest {
            Some(retest) => retest.session(&catalog, args, &mut prompter)?,
            None => new_session(&catalog, args, posting.as_deref(), &mut prompter)?,
        };
        // A run from a sheet is repeatable: it keeps no session, no history and no record of
        // the questions seen.
        let carried = retest.as_ref().and_then(|r| r.carried.as_ref());
        return finish_quiz(
            context,
            &catalog,
            args,
            None,
            session,
            &mut prompter,
            carried,
        );
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
    let mut prompter = TerminalPrompter::new(context.accessible);
    let (lock, session) = match resumed {
        Some(resumed) => resumed,
        None => {
            let found = store.interrupted_sessions()?;
            let choice = if found.is_empty() {
                WhenInterrupted::StartOver
            } else {
                session::ask_about_interrupted(&found, &prompter)
            };
            match choice {
                WhenInterrupted::Resume(id) => store.resume_session(Some(&id))?,
                WhenInterrupted::Quit => {
                    say!("Nothing changed; continue later with `skillgap assess --resume`.");
                    return Ok(exit::OK);
                }
                WhenInterrupted::StartOver => {
                    let mut session = match &retest {
                        Some(retest) => retest.session(&catalog, args, &mut prompter)?,
                        None => new_session(&catalog, args, posting.as_deref(), &mut prompter)?,
                    };
                    use_seen_last(&store, &mut session);
                    for saved in &found {
                        let backup = store.back_up_session(&saved.id)?;
                        say!(
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
        retest.as_ref().and_then(|r| r.carried.as_ref()),
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
    session.feedback = args.feedback;
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
    carried: Option<&Carried>,
) -> Result<u8> {
    let mut quiz = Quiz::from_session(catalog, &session)?;
    // `--resume` keeps the feedback the quiz began with.
    let feedback = args.feedback || session.feedback;
    session.feedback = feedback;
    let answered = session.answers.len();
    let so_far = if answered > 0 {
        format!(" {answered} answered so far.")
    } else {
        String::new()
    };
    // The adaptive quiz asks its whole length (stopping early costs accuracy); only when the
    // verdict is still unsure at the end does it offer a few more.
    let length = if session.adaptive.is_some() {
        format!(
            "{} questions, about {} minutes; if the verdict is still unsure after them, you may \
             answer a few more.{so_far}",
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
    let how = if context.accessible {
        "Answer by typing the number of an option and Enter; ? means \"I don't know\", which is always fine."
    } else {
        "Answer with the arrow keys and Enter; \"I don't know\" is always fine."
    };
    prompter.show(&format!("{length} {how}"));
    let outcome = quiz.run(&mut session, prompter, feedback, &mut |session| {
        if let Some(saving) = &saving {
            saving.store.save_session(&saving.lock, session)?;
            saving
                .interrupt
                .answers_saved
                .store(session.answers.len(), Ordering::SeqCst);
        }
        Ok(())
    })?;
    if let Some(saving) = &saving {
        record_seen(saving.store, &session);
    }
    if outcome.interrupted {
        if let Some(saving) = &saving {
            if saving.interrupt.reported.swap(true, Ordering::SeqCst) {
                return Ok(exit::INTERRUPTED);
            }
            let note = crate::ui::interrupted_note(session.answers.len(), saving.lock.id());
            say!("{note}");
        }
        return Ok(exit::INTERRUPTED);
    }
    let mut results = score_carrying(catalog, &quiz, &session, carried);
    if session.profile.is_some() {
        results.profile = session.profile.clone();
    }
    results.attach_plan(catalog, Date::today());
    if saving.is_some() && !feedback && !outcome.missed.is_empty() {
        quiz.offer_review(&session, prompter, &outcome.missed);
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
        say!("results saved to {}", path.display());
    }
    if let Some(path) = saved.first() {
        say!("render them again with: skillgap report {}", path.display());
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

/// What `--skill` or `--retest` measures, and the earlier result it carries the rest from.
struct Retest {
    templates: Vec<String>,
    skills: Vec<String>,
    carried: Option<Carried>,
}

/// The earlier result whose other skills a retest carries over, and when it was saved.
struct Carried {
    results: Results,
    date: Date,
    /// The skills measured now; every other skill's answers come from `results`.
    measured: Vec<String>,
}

impl Retest {
    /// `None` unless `--skill` or `--retest` was given.
    fn of(catalog: &Catalog, args: &AssessArgs, store: &Store) -> Result<Option<Retest>> {
        let earlier = match &args.retest {
            Some(Some(path)) => Some((Results::read(path)?, path.clone())),
            Some(None) => Some(latest_result(store)?.ok_or_else(|| {
                Error::InvalidInput(format!(
                    "`--retest` measures again the gaps of the latest saved result, and {} has \
                     none; run `skillgap assess` first, or pass a results file: `--retest FILE`",
                    store.root().join("results").display()
                ))
            })?),
            None if !args.skills.is_empty() => latest_result(store).unwrap_or(None),
            None => return Ok(None),
        };
        let skills = if args.retest.is_some() {
            let earlier = earlier.as_ref().map(|(r, _)| r);
            retest_skills(earlier.map_or(&[][..], |r| &r.templates))
        } else {
            for id in &args.skills {
                if catalog.skill(id).is_none() {
                    bail!(Error::InvalidInput(format!(
                        "unknown skill `{id}` in --skill; see `skillgap skills list`"
                    )));
                }
            }
            args.skills.clone()
        };
        let templates = if !args.templates.is_empty() {
            args.templates.clone()
        } else if let Some((results, _)) = &earlier {
            results
                .templates
                .iter()
                .map(|t| t.template.clone())
                .collect()
        } else {
            catalog
                .core_template()
                .map(|t| t.id.clone())
                .into_iter()
                .collect()
        };
        for id in &templates {
            catalog.template(id).map_err(|e| {
                Error::InvalidInput(format!(
                    "{e}; the earlier result was scored against a template this catalog does not \
                     hold (from a posting?): measure with `--skill ID --template ID`"
                ))
            })?;
        }
        let carried = earlier.map(|(results, path)| Carried {
            results,
            date: saved_on(&path),
            measured: skills.clone(),
        });
        Ok(Some(Retest {
            templates,
            skills,
            carried,
        }))
    }

    /// A session that measures just the retest's skills, weighted and with the required
    /// levels of its templates; the earlier result's profile is kept unless flags say otherwise.
    fn session(
        &self,
        catalog: &Catalog,
        args: &AssessArgs,
        prompter: &mut dyn Prompter,
    ) -> Result<Session> {
        let target = Target::Templates(self.templates.clone());
        let length: Length = args.length.into();
        let seed = args.seed.unwrap_or_else(session::seed_from_clock);
        let order = if args.fixed {
            Order::Fixed
        } else {
            Order::Adaptive
        };
        let mut session =
            Quiz::plan(catalog, &target, &[], length, order, seed)?.into_session(catalog);
        let skills: Vec<&str> = self.skills.iter().map(String::as_str).collect();
        if args.fixed {
            session.questions = fixed_order(catalog, &skills, length)
                .iter()
                .map(|q| q.id.clone())
                .collect();
        } else {
            let templates = target.templates(catalog)?;
            let mut plan = AdaptivePlan::new(catalog, &templates, &skills, length);
            // A few skills get a few questions each, not the whole quiz's length.
            plan.budget = plan.budget.min(skills.len() * (length.per_skill() + 2));
            session.adaptive = Some(plan);
        }
        let earlier_profile = self
            .carried
            .as_ref()
            .and_then(|c| c.results.profile.clone());
        session.profile = match earlier_profile {
            Some(profile) if !super::plan::has_profile_flags(&args.profile) && !args.no_profile => {
                Some(profile)
            }
            _ => learner_profile(args, prompter)?,
        };
        Ok(session)
    }
}

/// The skills of the requirements that are gaps (p_met < 0.5) or unclear (0.3 ≤ p_met ≤ 0.7).
fn retest_skills(templates: &[crate::readiness::TemplateReadiness]) -> Vec<String> {
    let mut skills: Vec<String> = Vec::new();
    for requirement in templates.iter().flat_map(|t| &t.requirements) {
        if (!requirement.met || requirement.is_unclear()) && !skills.contains(&requirement.skill) {
            skills.push(requirement.skill.clone());
        }
    }
    skills
}

/// The newest saved result that can be read, with its path.
fn latest_result(store: &Store) -> Result<Option<(Results, PathBuf)>> {
    for path in store.saved_results()?.into_iter().rev() {
        match Results::read(&path) {
            Ok(results) => return Ok(Some((results, path))),
            Err(error) => say!("warning: skipping {}: {error}", path.display()),
        }
    }
    Ok(None)
}

/// The day a results file was saved: its time-stamped name in the store, else its modification
/// date (UTC).
pub fn saved_on(path: &std::path::Path) -> Date {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(date) = stem.get(..10).and_then(|d| d.parse::<Date>().ok()) {
        return date;
    }
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|time| crate::store::utc_stamp(time).get(..10)?.parse().ok())
        .unwrap_or_else(Date::today)
}

/// Seen questions are asked last (an interactive run's record; a run from a sheet stays
/// repeatable).
fn use_seen_last(store: &Store, session: &mut Session) {
    let Some(plan) = session.adaptive.as_mut() else {
        return;
    };
    match store.seen_questions() {
        Ok(seen) => plan.seen = seen.questions.into_keys().collect(),
        Err(error) => say!("warning: {error}; every question counts as new"),
    }
}

/// Adds the questions this quiz asked to the person's record.
fn record_seen(store: &Store, session: &Session) {
    let asked = session
        .questions
        .iter()
        .filter(|id| session.answers.contains_key(*id))
        .map(String::as_str);
    if let Err(error) = store.record_seen(asked) {
        say!("warning: could not record the questions asked: {error}");
    }
}

/// The results of the quiz; for a retest, with the earlier answers of the skills it did not
/// measure, each skill marked with the day it was measured.
fn score_carrying(
    catalog: &Catalog,
    quiz: &Quiz<'_>,
    session: &Session,
    carried: Option<&Carried>,
) -> Results {
    let Some(carried) = carried else {
        return quiz.score(session);
    };
    // A skill the retest planned but did not reach keeps its earlier answers too.
    let asked_now: Vec<&str> = session
        .answers
        .iter()
        .filter(|(_, a)| !a.is_unanswered())
        .filter_map(|(id, _)| catalog.question(id))
        .filter(|q| q.kind.is_tested())
        .map(|q| q.skill.as_str())
        .collect();
    let is_carried =
        |skill: &str| !(carried.measured.iter().any(|s| s == skill) && asked_now.contains(&skill));
    let mut merged = session.clone();
    for (id, answer) in &carried.results.answers {
        if catalog.question(id).is_some_and(|q| is_carried(&q.skill)) {
            merged
                .answers
                .entry(id.clone())
                .or_insert_with(|| answer.clone());
        }
    }
    let mut results = quiz.score(&merged);
    let today = Date::today();
    for skill in &mut results.skills {
        let earlier = carried
            .results
            .skills
            .iter()
            .find(|s| s.skill == skill.skill);
        if is_carried(&skill.skill) {
            if let Some(earlier) =
                earlier.filter(|e| e.status == crate::results::SkillStatus::Assessed)
            {
                skill.carried = true;
                skill.measured = Some(earlier.measured.unwrap_or(carried.date));
            }
        } else if skill.status == crate::results::SkillStatus::Assessed {
            skill.measured = Some(today);
        }
    }
    results
}
