//! Interfaces for other tools, all generated from the same definitions the program uses:
//! `schema` (JSON Schema of the documents), `completions` and `man` (from the clap definition).

use std::io::{self, Write};
use std::path::Path;

use anyhow::{Result, bail};
use clap::CommandFactory;

use super::output::Output;
use crate::cli::{Cli, CompletionsArgs, ManArgs, SchemaArgs, SchemaDocument};
use crate::error::{Error, exit};
use crate::schema::{Document, schema_of};
use crate::write::{Existing, write_file};

pub fn schema(args: &SchemaArgs) -> Result<u8> {
    let document = match args.document {
        SchemaDocument::Results => Document::Results,
        SchemaDocument::Sheet => Document::Sheet,
        SchemaDocument::Template => Document::Template,
        SchemaDocument::Plan => Document::Plan,
        SchemaDocument::Cohort => Document::Cohort,
        SchemaDocument::History => Document::History,
        SchemaDocument::Compare => Document::Compare,
        SchemaDocument::Summary => Document::Summary,
    };
    let mut out = Output::stdout();
    serde_json::to_writer_pretty(&mut out, &schema_of(document))?;
    writeln!(out)?;
    out.finish()?;
    Ok(exit::OK)
}

pub fn completions(context: &super::Context, args: &CompletionsArgs) -> Result<u8> {
    let mut command = with_id_hints(Cli::command(), context.catalog().ok().as_ref());
    // clap_complete panics when its writer fails; render to memory so a closed pipe is an
    // ordinary, quiet error.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "skillgap", &mut script);
    let mut out = Output::stdout();
    out.write_all(&script)?;
    out.finish()?;
    Ok(exit::OK)
}

/// The command with the catalog's template, skill and pathway ids as the values to complete
/// where an id is expected: a list taken when the script is generated (`--data` and
/// `--template-file` included). Only the completion script sees it; parsing accepts any id.
fn with_id_hints(
    command: clap::Command,
    catalog: Option<&crate::catalog::Catalog>,
) -> clap::Command {
    let Some(catalog) = catalog else {
        return command;
    };
    // clap takes `&'static str` values (without its `string` feature); the script is generated
    // once and the process ends.
    let ids = |ids: Vec<&str>| {
        let ids: Vec<&'static str> = ids
            .into_iter()
            .map(|id| &*Box::leak(id.to_string().into_boxed_str()))
            .collect();
        move |arg: clap::Arg| {
            arg.value_parser(clap::builder::PossibleValuesParser::new(ids.clone()))
        }
    };
    let templates = ids(catalog.templates.iter().map(|t| t.id.as_str()).collect());
    let skills = ids(catalog.skills.iter().map(|s| s.id.as_str()).collect());
    let pathways = ids(catalog.pathways.iter().map(|p| p.id.as_str()).collect());
    let has = |command: &clap::Command, id: &str| command.get_arguments().any(|a| a.get_id() == id);
    let mut command = command;
    let names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in names {
        command = command.mut_subcommand(name.as_str(), |mut sub| {
            for id in ["templates", "template"] {
                if has(&sub, id) {
                    sub = sub.mut_arg(id, &templates);
                }
            }
            if has(&sub, "choose") {
                sub = sub.mut_arg("choose", &skills);
            }
            let show: Option<&dyn Fn(clap::Arg) -> clap::Arg> = match name.as_str() {
                "templates" => Some(&templates),
                "skills" => Some(&skills),
                "pathways" => Some(&pathways),
                _ => None,
            };
            if let Some(show) = show
                && sub.find_subcommand("show").is_some()
            {
                sub = sub.mut_subcommand("show", |s| s.mut_arg("id", show));
            }
            sub
        });
    }
    command
}

/// The man page's sections that clap does not write, in roff.
const MAN_ENVIRONMENT: &[(&str, &str)] = &[
    (
        "SKILLGAP_DATA",
        "a catalog folder to load instead of the embedded one (as --data)",
    ),
    (
        "SKILLGAP_HOME",
        "where sessions and saved results are kept (as --home; default $XDG_DATA_HOME/skillgap)",
    ),
    (
        "SKILLGAP_CALIBRATION",
        "a calibration overlay to apply (as --calibration)",
    ),
    (
        "SKILLGAP_CONFIG",
        "the configuration file to read instead of the default one",
    ),
    (
        "XDG_CONFIG_HOME, XDG_DATA_HOME",
        "the base folders of the configuration file and the data folder",
    ),
    (
        "NO_COLOR",
        "when set and not empty, no colours (unless --color always)",
    ),
    ("TERM", "dumb turns colours off"),
];

const MAN_FILES: &[(&str, &str)] = &[
    (
        "$XDG_CONFIG_HOME/skillgap/config.toml",
        "the configuration file: template, length, format, color, paging, data (see skillgap config show)",
    ),
    (
        "$XDG_DATA_HOME/skillgap/results/",
        "results saved by assess, read by history and compare",
    ),
    (
        "$XDG_DATA_HOME/skillgap/sessions/",
        "interrupted assessments, continued with assess --resume",
    ),
];

const MAN_EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "success"),
    ("1", "error: a file could not be read or written"),
    (
        "2",
        "usage error or invalid input (bad arguments, a sheet that cannot be scored, an unknown id)",
    ),
    ("3", "catalog validation failed"),
    (
        "130",
        "interrupted by Ctrl-C (143: SIGTERM); no --out file is written, assess keeps the answers",
    ),
];

/// Text made safe for roff: backslashes and hyphens escaped, no line starting with a control
/// character.
fn roff_text(text: &str) -> String {
    text.lines()
        .map(|line| {
            let line = line.replace('\\', "\\e").replace('-', "\\-");
            if line.starts_with('.') || line.starts_with('\'') {
                format!("\\&{line}")
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn roff_list(out: &mut String, heading: &str, items: &[(&str, &str)]) {
    out.push_str(&format!(".SH \"{heading}\"\n"));
    for (term, text) in items {
        out.push_str(&format!(
            ".TP\n\\fB{}\\fR\n{}\n",
            roff_text(term),
            roff_text(text)
        ));
    }
}

/// The examples and notes of a command's `after_help`: the text after "Examples:" goes to
/// EXAMPLES, anything before it to NOTES.
fn roff_after_help(out: &mut String, command: &clap::Command) {
    let Some(text) = command.get_after_help().map(|t| t.to_string()) else {
        return;
    };
    let (notes, examples) = match text.split_once("Examples:") {
        Some((notes, examples)) => (notes.trim(), examples),
        None => (text.trim(), ""),
    };
    if !notes.is_empty() {
        out.push_str(&format!(".SH NOTES\n{}\n", roff_text(notes)));
    }
    let (examples, after) = match examples.split_once("\n\n") {
        Some((examples, after)) => (examples, after.trim()),
        None => (examples, ""),
    };
    let examples: Vec<&str> = examples
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if !examples.is_empty() {
        out.push_str(".SH EXAMPLES\n");
        for example in examples {
            out.push_str(&format!(".PP\n.nf\n{}\n.fi\n", roff_text(example)));
        }
    }
    if !after.is_empty() && !after.starts_with("Exit codes") {
        out.push_str(&format!(".PP\n{}\n", roff_text(after)));
    }
}

/// One man page: clap's sections, then EXAMPLES (and NOTES), EXIT STATUS, ENVIRONMENT and FILES.
fn render_page(man: &clap_mangen::Man, command: &clap::Command) -> io::Result<Vec<u8>> {
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    if command.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut page)?;
    }
    if command.has_subcommands() {
        man.render_subcommands_section(&mut page)?;
    }
    let mut extra = String::new();
    roff_after_help(&mut extra, command);
    roff_list(&mut extra, "EXIT STATUS", MAN_EXIT_STATUS);
    roff_list(&mut extra, "ENVIRONMENT", MAN_ENVIRONMENT);
    roff_list(&mut extra, "FILES", MAN_FILES);
    page.extend_from_slice(extra.as_bytes());
    if command.get_version().is_some() {
        man.render_version_section(&mut page)?;
    }
    Ok(page)
}

pub fn man(args: &ManArgs) -> Result<u8> {
    let command = Cli::command();
    match super::output::file_target(args.out.as_deref()) {
        None => {
            let page = render_page(&clap_mangen::Man::new(command.clone()), &command)?;
            let mut out = Output::stdout();
            out.write_all(&page)?;
            out.finish()?;
        }
        Some(dir) => write_pages(&command, dir, args.force)?,
    }
    Ok(exit::OK)
}

/// `skillgap.1` and one page per subcommand (`skillgap-score.1`, ...), each under the `--out`
/// rules; every page is checked before the first is written, so a refusal writes none.
fn write_pages(command: &clap::Command, dir: &Path, force: bool) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        bail!(Error::InvalidInput(format!(
            "{}: not a folder; --out takes the folder to write the man pages into",
            dir.display()
        )));
    }
    let mut pages = vec![("skillgap".to_string(), command.clone())];
    for sub in command.get_subcommands() {
        let name = format!("skillgap-{}", sub.get_name());
        let page = sub
            .clone()
            .display_name(name.clone())
            .bin_name(format!("skillgap {}", sub.get_name()));
        pages.push((name, page));
    }
    let mut existing = Existing::Refuse;
    for (name, _) in &pages {
        existing = super::output::check_out(&dir.join(format!("{name}.1")), force)?;
    }
    for (name, page) in pages {
        let roff = render_page(
            &clap_mangen::Man::new(page.clone()).title(name.clone()),
            &page,
        )?;
        let path = dir.join(format!("{name}.1"));
        write_file(&path, &roff, existing)?;
        say!("wrote {}", path.display());
    }
    Ok(())
}
