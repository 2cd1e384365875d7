//! `skillgap history` and `skillgap compare`: results saved over time, and the progress between
//! two of them.

use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use super::{Context, listing_format};
use crate::cli::{CompareArgs, HistoryArgs};
use crate::error::{Error, exit};
use crate::estimate::level_name;
use crate::history::{self, Comparison, HistoryEntry, SkillChange, TemplateChange};
use crate::readiness::Verdict;
use crate::reports::{Detail, Listing, readiness_label};
use crate::results::Results;
use crate::store::Store;

pub fn history(context: &Context, args: &HistoryArgs) -> Result<u8> {
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
            Err(error) => eprintln!("warning: skipping {}: {error:#}", path.display()),
        }
    }
    if rows.is_empty() {
        eprintln!(
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
    listing_format(args.format.format)
        .reporter(context.color)
        .listing(&mut io::stdout().lock(), &listing)?;
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
        eprintln!("warning: these results are for different candidates ({a}, {b})");
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
    reporter.detail(&mut io::stdout().lock(), &comparison_detail(&comparison))?;
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
            Err(error) => eprintln!("warning: skipping {}: {error:#}", path.display()),
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
        .filter(|s| s.levels_gained.is_some_and(|g| g > 0))
        .count();
    let slipped = comparison
        .skills
        .iter()
        .filter(|s| s.levels_gained.is_some_and(|g| g < 0))
        .count();
    Detail {
        title: "Progress".to_string(),
        fields: vec![
            ("Before", comparison.old.clone()),
            ("After", comparison.new.clone()),
            (
                "Skills",
                format!("{improved} gained a level or more, {slipped} dropped"),
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

fn skills_listing(changes: &[SkillChange]) -> Listing {
    let rows = changes
        .iter()
        .map(|s| {
            let gained = s
                .levels_gained
                .map_or_else(|| "-".to_string(), |g| format!("{g:+}"));
            let note = match s.theta_delta {
                Some(_) if s.beyond_uncertainty => "beyond the uncertainty",
                Some(_) => "within the uncertainty",
                None => "",
            };
            vec![
                s.name.clone(),
                level(s.old_level),
                level(s.new_level),
                gained,
                format!("{} {note}", signed(s.theta_delta, ""))
                    .trim()
                    .to_string(),
            ]
        })
        .collect();
    Listing::new(
        vec![
            "Skill",
            "Before",
            "After",
            "Levels",
            "Ability change (logits)",
        ],
        rows,
        &changes,
    )
}
