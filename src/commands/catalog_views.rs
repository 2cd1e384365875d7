//! `templates`, `skills` and `pathways`: listing the catalog and showing one entry.

use anyhow::{Result, bail};

use super::output::Output;
use super::{Context, listing_format};
use crate::catalog::{Catalog, Pathway, QuestionKind, Skill, Template};
use crate::cli::{PathwaysCommand, ShowArgs, SkillsCommand, TemplatesCommand};
use crate::error::{Error, exit};
use crate::estimate::level_name;
use crate::reports::{Detail, Format, Listing};

fn print_listing(format: Format, context: &Context, listing: &Listing) -> Result<u8> {
    let mut out = Output::stdout();
    format.reporter(context.color).listing(&mut out, listing)?;
    out.finish()?;
    Ok(exit::OK)
}

fn print_detail(format: Format, context: &Context, detail: &Detail) -> Result<u8> {
    let mut out = Output::stdout();
    format.reporter(context.color).detail(&mut out, detail)?;
    out.finish()?;
    Ok(exit::OK)
}

pub fn templates(context: &Context, command: &TemplatesCommand) -> Result<u8> {
    let catalog = context.catalog()?;
    match command {
        TemplatesCommand::List(format) => {
            let rows = catalog
                .templates
                .iter()
                .map(|t| {
                    let must = t.requirements.iter().filter(|r| r.must).count();
                    vec![
                        t.id.clone(),
                        t.title.clone(),
                        t.level.as_str().to_string(),
                        format!("{} ({must} must-have)", t.requirements.len()),
                    ]
                })
                .collect();
            let listing = Listing::new(
                vec!["Id", "Title", "Level", "Requirements"],
                rows,
                &catalog.templates,
            );
            print_listing(listing_format(format.format), context, &listing)
        }
        TemplatesCommand::Show(ShowArgs { id, format }) => {
            let template = catalog.template(id)?;
            print_detail(
                listing_format(format.format),
                context,
                &template_detail(&catalog, template),
            )
        }
        TemplatesCommand::FromPosting(args) => super::posting::from_posting(context, catalog, args),
    }
}

fn template_detail(catalog: &Catalog, template: &Template) -> Detail {
    let skill_name = |id: &str| catalog.skill(id).map_or(id.to_string(), |s| s.name.clone());
    let rows = template
        .requirements
        .iter()
        .map(|r| {
            let names: Vec<String> = r.skills().map(skill_name).collect();
            vec![
                names.join(" or "),
                format!("{} {}", r.level, level_name(r.level)),
                format!("{}", r.weight),
                if r.must { "must" } else { "nice" }.to_string(),
            ]
        })
        .collect();
    Detail {
        title: format!("{} ({})", template.title, template.id),
        fields: vec![
            ("Level", template.level.as_str().to_string()),
            ("Description", template.description.clone()),
            ("Source", template.source.clone()),
        ],
        sections: vec![(
            "Requirements".to_string(),
            Listing::new(
                vec!["Skill", "Minimum level", "Weight", "Need"],
                rows,
                &template.requirements,
            ),
        )],
        item: serde_json::to_value(template).unwrap_or_default(),
    }
}

pub fn skills(context: &Context, command: &SkillsCommand) -> Result<u8> {
    let catalog = context.catalog()?;
    match command {
        SkillsCommand::List(args) => {
            if let Some(area) = &args.area
                && catalog.area(area).is_none()
            {
                bail!(Error::UnknownId {
                    what: "area",
                    id: area.clone(),
                    suggestions: crate::catalog::suggest(
                        area,
                        catalog.areas.iter().map(|a| a.id.as_str())
                    ),
                });
            }
            let skills: Vec<&Skill> = catalog
                .skills
                .iter()
                .filter(|s| args.area.as_ref().is_none_or(|a| &s.area == a))
                .collect();
            let rows = skills
                .iter()
                .map(|s| {
                    vec![
                        s.id.clone(),
                        s.name.clone(),
                        s.area.clone(),
                        tested_questions(&catalog, s).to_string(),
                        short_list(&s.aliases, 4),
                    ]
                })
                .collect();
            let listing = Listing::new(
                vec!["Id", "Name", "Area", "Questions", "Aliases"],
                rows,
                &skills,
            );
            print_listing(listing_format(args.format.format), context, &listing)
        }
        SkillsCommand::Show(ShowArgs { id, format }) => {
            let skill = catalog.require_skill(id)?;
            print_detail(
                listing_format(format.format),
                context,
                &skill_detail(&catalog, skill),
            )
        }
    }
}

/// The first `count` items, then "…" when there are more.
fn short_list(items: &[String], count: usize) -> String {
    let mut shown = items
        .iter()
        .take(count)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > count {
        shown.push_str(", …");
    }
    shown
}

fn tested_questions(catalog: &Catalog, skill: &Skill) -> usize {
    catalog.skill_position(&skill.id).map_or(0, |p| {
        catalog
            .questions_of(p)
            .filter(|q| q.kind.is_tested())
            .count()
    })
}

fn skill_detail(catalog: &Catalog, skill: &Skill) -> Detail {
    let area = catalog
        .area(&skill.area)
        .map_or(skill.area.clone(), |a| a.name.clone());
    let mut by_difficulty = [0usize; 4];
    let mut experience = 0;
    if let Some(position) = catalog.skill_position(&skill.id) {
        for question in catalog.questions_of(position) {
            if question.kind == QuestionKind::Experience {
                experience += 1;
            } else {
                by_difficulty[usize::from(question.difficulty.clamp(1, 4) - 1)] += 1;
            }
        }
    }
    let hours = skill
        .hours_per_level
        .iter()
        .enumerate()
        .map(|(i, h)| format!("{}: {h} h", level_name(i as u8 + 1)))
        .collect::<Vec<_>>()
        .join(", ");
    let resources = skill
        .resources
        .iter()
        .map(|r| {
            vec![
                r.title.clone(),
                kebab(&r.kind),
                format!("{} h", r.hours),
                r.url.clone(),
            ]
        })
        .collect();
    let mut fields = vec![
        ("Area", area),
        ("Description", skill.description.clone()),
        ("Aliases", skill.aliases.join(", ")),
        (
            "Prerequisites",
            if skill.prerequisites.is_empty() {
                "-".to_string()
            } else {
                skill.prerequisites.join(", ")
            },
        ),
        ("Hours to reach", hours),
        (
            "Questions",
            format!(
                "{} tested (difficulty 1-4: {}), {experience} experience",
                by_difficulty.iter().sum::<usize>(),
                by_difficulty.map(|n| n.to_string()).join("/")
            ),
        ),
    ];
    if let Some(project) = &skill.project {
        fields.push(("Project", project.clone()));
    }
    Detail {
        title: format!("{} ({})", skill.name, skill.id),
        fields,
        sections: vec![(
            "Resources".to_string(),
            Listing::new(
                vec!["Title", "Kind", "Hours", "URL"],
                resources,
                &skill.resources,
            ),
        )],
        item: serde_json::to_value(skill).unwrap_or_default(),
    }
}

pub fn pathways(context: &Context, command: &PathwaysCommand) -> Result<u8> {
    let catalog = context.catalog()?;
    match command {
        PathwaysCommand::List(format) => {
            let rows = catalog
                .pathways
                .iter()
                .map(|p| {
                    vec![
                        p.id.clone(),
                        p.name.clone(),
                        range(p.cost_usd, "$"),
                        format!("{} weeks", range(p.duration_weeks, "")),
                        format!("{} h/week", range(p.hours_per_week, "")),
                    ]
                })
                .collect();
            let listing = Listing::new(
                vec!["Id", "Name", "Cost (USD)", "Duration", "Hours"],
                rows,
                &catalog.pathways,
            );
            print_listing(listing_format(format.format), context, &listing)
        }
        PathwaysCommand::Show(ShowArgs { id, format }) => {
            let pathway = catalog.pathway(id)?;
            print_detail(
                listing_format(format.format),
                context,
                &pathway_detail(pathway),
            )
        }
    }
}

/// "$100–$1000", "4–16": the catalog's figures as written.
fn range(values: [f64; 2], unit: &str) -> String {
    crate::figures::range(values, |v| format!("{unit}{v}"))
}

fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_string()
}

fn pathway_detail(pathway: &Pathway) -> Detail {
    Detail {
        title: format!("{} ({})", pathway.name, pathway.id),
        fields: vec![
            ("Kind", kebab(&pathway.kind)),
            ("Description", pathway.description.clone()),
            ("Cost (USD)", range(pathway.cost_usd, "$")),
            (
                "Duration",
                format!("{} weeks", range(pathway.duration_weeks, "")),
            ),
            ("Hours per week", range(pathway.hours_per_week, "")),
            ("Structure", kebab(&pathway.structure)),
            ("Credential", kebab(&pathway.credential)),
            ("Mentoring", yes_no(pathway.mentoring)),
            ("Peers", yes_no(pathway.peers)),
            ("Career services", yes_no(pathway.career_services)),
            (
                "Focused on",
                if pathway.focus_skills.is_empty() {
                    "backend development broadly".to_string()
                } else {
                    pathway.focus_skills.join(", ")
                },
            ),
            ("Good for", pathway.good_for.join("; ")),
            ("Bad for", pathway.bad_for.join("; ")),
            ("Source", pathway.source.clone()),
        ],
        sections: Vec::new(),
        item: serde_json::to_value(pathway).unwrap_or_default(),
    }
}

/// The kebab-case name serde gives an enum value.
fn kebab<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
