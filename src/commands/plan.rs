//! `skillgap plan`: a study plan and pathways from a results document and a profile.

use anyhow::{Result, bail};

use super::Context;
use super::output::{self, Output};
use crate::cli::{PlanArgs, ProfileArgs};
use crate::date::Date;
use crate::error::{Error, exit};
use crate::planning::{PlanDocument, PlanRequest};
use crate::results::{Results, SCHEMA_VERSION};
use crate::sheet::{FieldNames, Profile};

pub fn plan(context: &Context, args: &PlanArgs) -> Result<u8> {
    let catalog = context.catalog()?;
    let file = output::file_target(args.out.as_deref());
    let mut out = Output::open(file, args.force)?;
    let results = Results::read(&args.results)?;
    check_templates(&results, &args.templates)?;
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
