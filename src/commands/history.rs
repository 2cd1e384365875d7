//! `skillgap history` and `skillgap compare`: results saved over time, and the progress between
//! two of them.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use super::output::Output;
use super::{Context, listing_format};
use crate::cli::{CompareArgs, HistoryArgs};
use crate::error::{Error, exit};
use crate::estimate::level_name;
use crate::history::{
    self, Change, Comparison, HistoryEntry, REAL_CHANGE, SkillChange, TemplateChange,
};
use crate::readiness::Verdict;
use crate::reports::certainty::percent as sure;
use crate::reports::{Detail, Listing, readiness_label};
use crate::results::Results;
use crate::store::Store;

pub fn history(context: &Context, args: &HistoryArgs) -> Result<u8> {
    if let Some(skill) = &args.skill {
        return skill_history(context, args, skill);
    }
    let store = Store::new(args.home.dir.clone())?;
    let paths = store.saved_results()?;
    let mut rows = Vec::new();
    let mut items = Vec::new();
    for path in &paths {
        match Results::read(path).map_err(anyhow::Error::from) {
            Ok(results) => {
                let templates: Vec<String> = results
                    .templates
                    .iter()
                    .map(|t| format!("{} {}", t.template, readiness_label(t)))
                    .collect();
                rows.push(vec![
                    saved_when(path),
                    results.display_name().to_string(),
                    templates.join("; "),
                    path.display().to_string(),
                ]);
                items.push(HistoryEntry::new(path, saved_when(path), &results));
            }
            Err(error) => say!("warning: skipping {}: {error:#}", path.display()),
        }
    }
    if rows.is_empty() {
        say!(
            "no saved results in {}; `skillgap assess` saves them there",
            store.root().display()
        );
        return Ok(exit::OK);
    }
    let listing = Listing::new(
        vec!["Saved (UTC)", "Candidate", "Readiness", "File"],
        rows,
        &items,
    );
    let mut out = Output::stdout();
    listing_format(args.format.format)
        .reporter(context.color)
        .listing(&mut out, &listing)?;
    out.finish()?;
    Ok(exit::OK)
}

/// `2026-11-21 18:04` from `2026-11-21T18-04-05Z.json`; the file name when it is not a stamp.
fn saved_when(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match (stem.get(..10), stem.get(11..13), stem.get(14..16)) {
        (Some(day), Some(hour), Some(minute)) if stem.as_bytes().get(10) == Some(&b'T') => {
            format!("{day} {hour}:{minute}")
        }
        _ => stem,
    }
}

pub fn compare(context: &Context, args: &CompareArgs) -> Result<u8> {
    let ((old, before), (new, after)) = match (&args.old, &args.new) {
        (Some(old), Some(new)) => (
            (old.clone(), Results::read(old)?),
            (new.clone(), Results::read(new)?),
        ),
        _ => latest_two(args)?,
    };
    if let (Some(a), Some(b)) = (&before.candidate, &after.candidate)
        && a != b
    {
        say!("warning: these results are for different candidates ({a}, {b})");
    }
    let comparison = history::compare(
        &before,
        &after,
        &old.display().to_string(),
        &new.display().to_string(),
    );
    let reporter = &mut context
        .results_format(args.format.format)
        .reporter(context.color);
    let mut out = Output::stdout();
    reporter.detail(&mut out, &comparison_detail(&comparison))?;
    out.finish()?;
    Ok(exit::OK)
}

/// The two newest saved results that can be read, older first; unreadable ones are skipped with
/// a warning, as `history` does.
fn latest_two(args: &CompareArgs) -> Result<((PathBuf, Results), (PathBuf, Results))> {
    let store = Store::new(args.home.dir.clone())?;
    let mut readable = Vec::new();
    for path in store.saved_results()?.into_iter().rev() {
        match Results::read(&path).map_err(anyhow::Error::from) {
            Ok(results) => readable.push((path, results)),
            Err(error) => say!("warning: skipping {}: {error:#}", path.display()),
        }
        if readable.len() == 2 {
            break;
        }
    }
    let count = readable.len();
    match (readable.pop(), readable.pop()) {
        (Some(old), Some(new)) => Ok((old, new)),
        _ => bail!(Error::InvalidInput(format!(
            "`compare` needs two results and {} has {count} readable; name them (`skillgap compare OLD.json NEW.json`) or take `skillgap assess` again",
            store.root().join("results").display(),
        ))),
    }
}

fn comparison_detail(comparison: &Comparison) -> Detail {
    let improved = comparison
        .skills
        .iter()
        .filter(|s| s.change == Change::Gained)
        .count();
    let slipped = comparison
        .skills
        .iter()
        .filter(|s| s.change == Change::Dropped)
        .count();
    Detail {
        title: "Progress".to_string(),
        fields: vec![
            ("Before", comparison.old.clone()),
            ("After", comparison.new.clone()),
            (
                "Skills",
                format!(
                    "{improved} really gained a level or more, {slipped} really dropped \
                     (P(level went up), or down, at least {}: the two measurements treated as \
                     independent)",
                    sure(REAL_CHANGE)
                ),
            ),
            (
                "How sure",
                "the chance the level is at least the required one, before → after (for a \
                 skill no template requires, the chance it is at the level shown)"
                    .to_string(),
            ),
        ],
        sections: vec![
            (
                "Templates".to_string(),
                templates_listing(&comparison.templates),
            ),
            ("Skills".to_string(), skills_listing(&comparison.skills)),
        ],
        item: serde_json::to_value(comparison).unwrap_or(serde_json::Value::Null),
    }
}

fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{v:.0}%"))
}

fn signed(value: Option<f64>, unit: &str) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{v:+.1}{unit}"))
}

fn verdict(value: Option<Verdict>) -> &'static str {
    value.map_or("-", Verdict::as_str)
}

fn templates_listing(changes: &[TemplateChange]) -> Listing {
    let rows = changes
        .iter()
        .map(|t| {
            vec![
                t.title.clone(),
                percent(t.old_readiness),
                percent(t.new_readiness),
                signed(t.readiness_delta, " pts"),
                format!("{} → {}", verdict(t.old_verdict), verdict(t.new_verdict)),
            ]
        })
        .collect();
    Listing::new(
        vec!["Template", "Before", "After", "Change", "Verdict"],
        rows,
        &changes,
    )
}

fn level(value: Option<u8>) -> String {
    value.map_or_else(|| "not assessed".to_string(), |l| level_name(l).to_string())
}

/// "working — 20 % → 85 % sure" (P(level ≥ required)), or "at working — 40 % → 70 %"
/// (P(level = most probable)) for a skill no template requires.
pub fn sure_phrase(s: &SkillChange) -> String {
    let Some(level) = s.about_level else {
        return "-".to_string();
    };
    let p = |p: Option<f64>| p.map_or_else(|| "-".to_string(), sure);
    let name = level_name(level);
    let (before, after) = (p(s.old_probability), p(s.new_probability));
    if s.required {
        format!("{name} — {before} → {after} sure")
    } else {
        format!("at {name} — {before} → {after}")
    }
}

fn change_phrase(s: &SkillChange) -> String {
    if s.carried {
        return "carried over, not measured again".to_string();
    }
    let p = |p: Option<f64>| p.map_or_else(|| "-".to_string(), sure);
    match s.change {
        Change::Gained => format!("real gain (P up {})", p(s.p_gained)),
        Change::Dropped => format!("real drop (P down {})", p(s.p_dropped)),
        Change::NoneClear if s.p_gained.is_some() => format!(
            "no clear change (P up {}, down {})",
            p(s.p_gained),
            p(s.p_dropped)
        ),
        Change::NoneClear => "measured once only".to_string(),
    }
}

fn skills_listing(changes: &[SkillChange]) -> Listing {
    let rows = changes
        .iter()
        .map(|s| {
            vec![
                s.name.clone(),
                format!("{} → {}", level(s.old_level), level(s.new_level)),
                sure_phrase(s),
                change_phrase(s),
            ]
        })
        .collect();
    Listing::new(
        vec!["Skill", "Most probable level", "How sure", "Change"],
        rows,
        &changes,
    )
}

/// `history --skill ID`: one skill's measurements, oldest first.
fn skill_history(context: &Context, args: &HistoryArgs, skill: &str) -> Result<u8> {
    let store = Store::new(args.home.dir.clone())?;
    let mut rows = Vec::new();
    let mut items = Vec::new();
    for path in store.saved_results()? {
        let results = match Results::read(&path) {
            Ok(results) => results,
            Err(error) => {
                say!("warning: skipping {}: {error}", path.display());
                continue;
            }
        };
        let Some(found) = results.skills.iter().find(|s| s.skill == skill) else {
            continue;
        };
        let required = results
            .templates
            .iter()
            .flat_map(|t| &t.requirements)
            .filter(|r| r.skill == skill)
            .max_by_key(|r| r.required_level);
        let assessed = found.status == crate::results::SkillStatus::Assessed;
        let range = found.level_range.filter(|_| assessed).map(|[low, high]| {
            if low == high {
                level_name(low).to_string()
            } else {
                format!("{} to {}", level_name(low), level_name(high))
            }
        });
        let met = required.map(|r| {
            format!(
                "{} {}: {}",
                level_name(r.required_level),
                "required",
                crate::reports::certainty::met_phrase(r.p_met)
            )
        });
        let measured = match (found.carried, found.measured) {
            (true, Some(date)) => format!("carried over from {date}"),
            (false, Some(date)) => date.to_string(),
            _ => saved_when(&path).get(..10).unwrap_or_default().to_string(),
        };
        rows.push(vec![
            saved_when(&path),
            measured,
            if assessed {
                found
                    .level
                    .map_or_else(|| "-".to_string(), |l| level_name(l).to_string())
            } else {
                "not assessed".to_string()
            },
            range.unwrap_or_else(|| "-".to_string()),
            met.unwrap_or_else(|| "-".to_string()),
            format!("{} answered", found.answered),
        ]);
        items.push(serde_json::json!({
            "path": path,
            "saved": saved_when(&path),
            "skill": found,
            "requirement": required,
        }));
    }
    if rows.is_empty() {
        say!(
            "no saved result in {} measures `{skill}`; `skillgap assess --skill {skill}` measures it",
            store.root().display()
        );
        return Ok(exit::OK);
    }
    let listing = Listing::new(
        vec![
            "Saved (UTC)",
            "Measured",
            "Most probable level",
            "80 % range",
            "Requirement",
            "Questions",
        ],
        rows,
        &items,
    );
    let mut out = Output::stdout();
    listing_format(args.format.format)
        .reporter(context.color)
        .listing(&mut out, &listing)?;
    out.finish()?;
    Ok(exit::OK)
}
