//! `skillgap plan`: a study plan and pathways from a results document and a profile.

use anyhow::{Result, bail};

use super::Context;
use super::output::{self, Output};
use crate::cli::{PlanArgs, ProfileArgs};
use crate::date::Date;
use crate::error::{Error, exit};
use crate::planning::{PlanDocument, PlanRequest};
use crate::reports::certainty::{MetBand, met_phrase};
use crate::results::{Results, SCHEMA_VERSION, SkillStatus};
use crate::sheet::{FieldNames, Profile};

pub fn plan(context: &Context, args: &PlanArgs) -> Result<u8> {
    let catalog = context.catalog()?;
    let file = output::file_target(args.out.as_deref());
    let mut out = Output::open(file, args.force)?;
    let results = Results::read(&args.results)?;
    check_templates(&results, &args.templates)?;
    let (results, since) = without_steps_since_met(results, args);
    for note in &since {
        say!("{note}");
    }
    let profile = profile_with_overrides(results.profile.clone(), &args.profile)?;
    let start = args.start.unwrap_or_else(Date::today);
    check_deadline(&profile, start)?;
    let document = PlanDocument {
        schema_version: SCHEMA_VERSION,
        generator: format!("skillgap {}", env!("CARGO_PKG_VERSION")),
        candidate: results.display_name().to_string(),
        source: Some(args.results.display().to_string()),
        plan: results.plan(
            &catalog,
            &PlanRequest {
                profile: profile.clone(),
                start,
                templates: args.templates.clone(),
            },
        ),
        profile,
    };
    context
        .report_reporter(args.format.format, file)
        .plan(&mut out, &document)?;
    out.finish()?;
    Ok(exit::OK)
}

fn check_templates(results: &Results, wanted: &[String]) -> Result<()> {
    for id in wanted {
        if !results.templates.iter().any(|t| &t.template == id) {
            let known: Vec<&str> = results
                .templates
                .iter()
                .map(|t| t.template.as_str())
                .collect();
            bail!(Error::InvalidInput(format!(
                "template `{id}` is not in these results (they hold {}); score the answers against it first",
                known.join(", ")
            )));
        }
    }
    Ok(())
}

/// A deadline before the plan starts cannot be planned for: an error, not a plan that "fits".
pub fn check_deadline(profile: &Profile, start: Date) -> Result<()> {
    match profile.deadline {
        Some(deadline) if deadline < start => bail!(Error::InvalidInput(format!(
            "the deadline {deadline} is before the plan starts ({start}); give a date ahead \
             with --deadline YYYY-MM-DD (or leave it out)"
        ))),
        _ => Ok(()),
    }
}

/// Whether any profile flag (or `--profile FILE`) was given.
pub fn has_profile_flags(args: &ProfileArgs) -> bool {
    args.file.is_some()
        || args.hours_per_week.is_some()
        || args.budget.is_some()
        || args.deadline.is_some()
        || args.wants_credential.is_some()
        || !args.credentials_held.is_empty()
        || args.structure.is_some()
        || !args.preferences.is_empty()
}

/// The profile from `base` (the results'), then the `--profile` file, then each flag.
pub fn profile_with_overrides(base: Option<Profile>, args: &ProfileArgs) -> Result<Profile> {
    let mut profile = match &args.file {
        Some(path) => Profile::read(path)?,
        None => base.unwrap_or_default(),
    };
    let flags = Profile {
        hours_per_week: args.hours_per_week,
        budget_usd: args.budget,
        ..Profile::default()
    };
    let problems = flags.problems(FieldNames::Flags);
    if !problems.is_empty() {
        bail!(Error::InvalidInput(problems.join("; ")));
    }
    if args.hours_per_week.is_some() {
        profile.hours_per_week = args.hours_per_week;
    }
    if args.budget.is_some() {
        profile.budget_usd = args.budget;
    }
    if let Some(deadline) = args.deadline {
        profile.deadline = Some(deadline);
    }
    if args.wants_credential.is_some() {
        profile.wants_credential = args.wants_credential;
    }
    if !args.credentials_held.is_empty() {
        profile.credentials_held = args.credentials_held.clone();
    }
    if let Some(structure) = args.structure {
        profile.structure = Some(structure.into());
    }
    if !args.preferences.is_empty() {
        profile.preferences = args.preferences.iter().map(|&p| p.into()).collect();
    }
    Ok(profile)
}

/// Later results in the data folder that measured a gap's skill as met (probably met or met):
/// those steps are marked and left out, so the rest are scheduled from the start date.
fn without_steps_since_met(mut results: Results, args: &PlanArgs) -> (Results, Vec<String>) {
    let Ok(store) = crate::store::Store::new(args.home.dir.clone()) else {
        return (results, Vec::new());
    };
    let mine = std::fs::canonicalize(&args.results).ok();
    let after_mine = |path: &std::path::Path| {
        let modified = |p: &std::path::Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
        match (modified(path), modified(&args.results)) {
            (Some(theirs), Some(ours)) => theirs > ours,
            _ => false,
        }
    };
    // The latest measurement of each skill after this result: (p of each level, day, file).
    let mut latest: Vec<(String, [f64; 5], String, String)> = Vec::new();
    for path in store.saved_results().unwrap_or_default() {
        if std::fs::canonicalize(&path).ok() == mine || !after_mine(&path) {
            continue;
        }
        let Ok(later) = Results::read(&path) else {
            continue;
        };
        let day = super::assess::saved_on(&path);
        for skill in later
            .skills
            .iter()
            .filter(|s| s.status == SkillStatus::Assessed && !s.carried)
        {
            let Some(levels) = skill.level_probabilities else {
                continue;
            };
            let when = skill.measured.unwrap_or(day).to_string();
            latest.retain(|(id, ..)| id != &skill.skill);
            latest.push((
                skill.skill.clone(),
                levels,
                when,
                path.display().to_string(),
            ));
        }
    }
    let mut notes = Vec::new();
    for template in &mut results.templates {
        let name_of = |skill: &str| {
            template
                .gaps
                .iter()
                .find(|g| g.skill == skill)
                .map_or(skill.to_string(), |g| g.name.clone())
        };
        let mut met = Vec::new();
        for gap in &template.gaps {
            let Some((_, levels, when, file)) = latest.iter().find(|(id, ..)| *id == gap.skill)
            else {
                continue;
            };
            let p: f64 = levels[usize::from(gap.required_level.min(4))..]
                .iter()
                .sum();
            if MetBand::of(p).leans_met() {
                met.push(gap.skill.clone());
                let note = format!(
                    "step done: {} ({}) — measured {} on {when} ({file})",
                    name_of(&gap.skill),
                    template.template,
                    met_phrase(p)
                );
                if !notes.contains(&note) {
                    notes.push(note);
                }
            }
        }
        template.gaps.retain(|g| !met.contains(&g.skill));
    }
    // Prerequisites are judged by the later level too, so a met step does not come back as one.
    for skill in &mut results.skills {
        if let Some((_, levels, ..)) = latest.iter().find(|(id, ..)| *id == skill.skill) {
            let most_probable = (0..5u8)
                .max_by(|&a, &b| levels[usize::from(a)].total_cmp(&levels[usize::from(b)]))
                .unwrap_or(0);
            if skill.level.is_none_or(|l| l < most_probable) {
                skill.level = Some(most_probable);
                skill.status = SkillStatus::Assessed;
            }
        }
    }
    (results, notes)
}
