//! Interfaces for other tools, all generated from the same definitions the program uses:
//! `schema` (JSON Schema of the documents), `completions` and `man` (from the clap definition).

use std::io::{self, Write};
use std::path::Path;

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, ManArgs, SchemaArgs, SchemaDocument};
use crate::error::{Error, exit};
use crate::schema::{Document, schema_of};
use crate::write::write_atomic;

pub fn schema(args: &SchemaArgs) -> Result<u8> {
    let document = match args.document {
        SchemaDocument::Results => Document::Results,
        SchemaDocument::Sheet => Document::Sheet,
        SchemaDocument::Template => Document::Template,
        SchemaDocument::Plan => Document::Plan,
    };
    let mut out = io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &schema_of(document))?;
    writeln!(out)?;
    Ok(exit::OK)
}

pub fn completions(args: &CompletionsArgs) -> Result<u8> {
    let mut command = Cli::command();
    // clap_complete panics when its writer fails; render to memory so a closed pipe is an
    // ordinary, quiet error.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "skillgap", &mut script);
    io::stdout().lock().write_all(&script)?;
    Ok(exit::OK)
}

pub fn man(args: &ManArgs) -> Result<u8> {
    let command = Cli::command();
    match &args.out {
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command).render(&mut page)?;
            io::stdout().lock().write_all(&page)?;
        }
        Some(dir) => write_pages(&command, dir)?,
    }
    Ok(exit::OK)
}

/// `skillgap.1` and one page per subcommand (`skillgap-score.1`, ...).
fn write_pages(command: &clap::Command, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut pages = vec![("skillgap".to_string(), command.clone())];
    for sub in command.get_subcommands() {
        let name = format!("skillgap-{}", sub.get_name());
        let page = sub
            .clone()
            .display_name(name.clone())
            .bin_name(format!("skillgap {}", sub.get_name()));
        pages.push((name, page));
    }
    for (name, page) in pages {
        let mut roff = Vec::new();
        clap_mangen::Man::new(page)
            .title(name.clone())
            .render(&mut roff)?;
        let path = dir.join(format!("{name}.1"));
        write_atomic(&path, &roff)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}
