//! `skillgap config path|show`, and the configuration file's values as the flags' defaults.

use std::io::Write as _;

use anyhow::Result;

use crate::cli::ConfigCommand;
use crate::config::Config;
use crate::error::exit;

pub fn run(command: &ConfigCommand) -> Result<u8> {
    let path = crate::config::path();
    let mut out = super::output::Output::stdout();
    match command {
        ConfigCommand::Path => match &path {
            // As it is for a script; with its control characters made visible on a terminal.
            Some(path) if std::io::IsTerminal::is_terminal(&std::io::stdout()) => writeln!(
                out,
                "{}",
                crate::sanitize::line(&path.display().to_string())
            )?,
            Some(path) => writeln!(out, "{}", path.display())?,
            None => say!("no configuration folder: set XDG_CONFIG_HOME or HOME"),
        },
        ConfigCommand::Show => {
            let config = Config::load(path.as_deref())?;
            match &path {
                Some(path) if path.exists() => say!("# from {}", path.display()),
                Some(path) => {
                    say!("# no file at {}: every key has its default", path.display())
                }
                None => say!("# no configuration folder: every key has its default"),
            }
            out.write_all(config.to_toml().as_bytes())?;
        }
    }
    out.finish()?;
    Ok(exit::OK)
}

/// `command` with the configured values as defaults: `color` and `data` (global), `length` and
/// `template` of `assess`, `template` of `questionnaire`, `paging` wherever a command has it.
pub fn with_defaults(mut command: clap::Command, config: &Config) -> clap::Command {
    let set = |command: clap::Command, id: &str, value: &str| -> clap::Command {
        if command.get_arguments().any(|a| a.get_id() == id) {
            // clap takes `&'static str` defaults (without its `string` feature); this runs once
            // per process, for a few short values.
            let value: &'static str = Box::leak(value.to_string().into_boxed_str());
            command.mut_arg(id, |arg| arg.default_value(value).required(false))
        } else {
            command
        }
    };
    if let Some(color) = &config.color {
        command = set(command, "color", color);
    }
    if let Some(data) = &config.data {
        command = set(command, "data", &data.display().to_string());
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in names {
        command = command.mut_subcommand(name.as_str(), |mut sub| {
            if let Some(paging) = &config.paging {
                sub = set(sub, "paging", paging);
            }
            if let Some(template) = &config.template {
                match name.as_str() {
                    "assess" => sub = set(sub, "templates", template),
                    "questionnaire" => sub = set(sub, "template", template),
                    _ => {}
                }
            }
            if let (Some(length), "assess") = (&config.length, name.as_str()) {
                sub = set(sub, "length", length);
            }
            sub
        });
    }
    command
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, FromArgMatches};

    use super::*;
    use crate::cli::{Cli, ColorChoice, Command, LengthArg};

    fn parse(config: &Config, args: &[&str]) -> Cli {
        let matches = with_defaults(Cli::command(), config)
            .try_get_matches_from(args)
            .expect("parses");
        Cli::from_arg_matches(&matches).expect("a Cli")
    }

    #[test]
    fn the_file_gives_defaults_and_flags_win() {
        let config =
            Config::parse("template = \"mid-backend\"\nlength = \"thorough\"\ncolor = \"never\"\n")
                .expect("valid");
        let cli = parse(&config, &["skillgap", "assess"]);
        assert_eq!(cli.global.color, ColorChoice::Never);
        let Command::Assess(args) = &cli.command else {
            panic!("assess")
        };
        assert_eq!(args.length, LengthArg::Thorough);
        assert_eq!(args.templates, ["mid-backend"]);
        let cli = parse(
            &config,
            &[
                "skillgap",
                "--color",
                "always",
                "assess",
                "--length",
                "quick",
                "-t",
                "go-backend",
            ],
        );
        assert_eq!(cli.global.color, ColorChoice::Always);
        let Command::Assess(args) = &cli.command else {
            panic!("assess")
        };
        assert_eq!(args.length, LengthArg::Quick);
        assert_eq!(args.templates, ["go-backend"]);
        let cli = parse(&config, &["skillgap", "questionnaire"]);
        let Command::Questionnaire(args) = &cli.command else {
            panic!("questionnaire")
        };
        assert_eq!(args.template, "mid-backend");
    }
}
