//! The command layer: turns parsed arguments into library calls, adds context to errors
//! (`anyhow`) and decides the exit code.

/// `eprintln!` for what the commands tell on stderr: the message may quote input (a path, a
/// candidate's name, an id), so its control characters are made visible first.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::commands::say_lines(&format!($($arg)*))
    };
}

mod assess;
mod calibrate;
mod catalog_views;
mod config;
mod convert;
mod history;
mod interfaces;
mod match_postings;
mod output;
mod plan;
pub mod posting;
mod questionnaire;
mod report;
mod score;
mod simulate;
mod validate;

use std::io::{self, IsTerminal};
use std::path::Path;

use anyhow::{Context as _, Result};
use clap::{CommandFactory, FromArgMatches, ValueEnum};

use crate::catalog::Catalog;
use crate::cli::{Cli, ColorChoice, Command, FormatArg};
use crate::error::{Error, exit};
use crate::reports::Format;

/// What every command needs: how to print and where the catalog comes from.
pub struct Context {
    pub color: bool,
    /// `--accessible` (or `ACCESSIBLE=1`): plain-text prompts, see `ui::TerminalPrompter`.
    pub accessible: bool,
    pub stdout_is_terminal: bool,
    data: Option<std::path::PathBuf>,
    template_files: Vec<std::path::PathBuf>,
    calibration: Option<std::path::PathBuf>,
    /// The configuration file's `format`, for reports to a terminal.
    config_format: Option<FormatArg>,
}

/// Parses the command line with the configuration file's values as the defaults, so a flag
/// (or an environment variable) always wins over the file. Exits on a usage error, as clap does.
pub fn parse_cli() -> Result<Cli> {
    let config = crate::config::Config::load(crate::config::path().as_deref())?;
    let command = config::with_defaults(Cli::command(), &config);
    let matches = command.get_matches();
    Ok(Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit()))
}

impl Context {
    fn new(cli: &Cli) -> Context {
        let stdout_is_terminal = io::stdout().is_terminal();
        crate::terminal::configure(
            match cli.global.paging {
                crate::cli::PagingChoice::Auto => crate::terminal::Paging::Auto,
                crate::cli::PagingChoice::Always => crate::terminal::Paging::Always,
                crate::cli::PagingChoice::Never => crate::terminal::Paging::Never,
            },
            cli.global.accessible,
        );
        let color = wants_color(cli.global.color, stdout_is_terminal);
        console::set_colors_enabled(color);
        console::set_colors_enabled_stderr(wants_color(
            cli.global.color,
            io::stderr().is_terminal(),
        ));
        Context {
            color,
            accessible: cli.global.accessible,
            stdout_is_terminal,
            data: cli.global.data.clone(),
            template_files: cli.global.template_files.clone(),
            calibration: cli.global.calibration.clone(),
            config_format: crate::config::Config::load(crate::config::path().as_deref())
                .ok()
                .and_then(|c| c.format)
                .and_then(|f| FormatArg::from_str(&f, true).ok()),
        }
    }

    /// The catalog (`--data` or embedded) with the `--template-file` templates added and the
    /// `--calibration` difficulties applied.
    pub fn catalog(&self) -> Result<Catalog> {
        let mut catalog =
            Catalog::load(self.data.as_deref()).with_context(|| match &self.data {
                Some(dir) => format!("cannot use the catalog in {}", dir.display()),
                None => "cannot load the embedded catalog".to_string(),
            })?;
        for path in &self.template_files {
            catalog
                .add_template_file(path)
                .with_context(|| format!("cannot use the template file {}", path.display()))?;
        }
        if let Some(path) = &self.calibration {
            catalog
                .apply_calibration(path)
                .with_context(|| format!("cannot use the calibration file {}", path.display()))?;
        }
        Ok(catalog)
    }

    /// The chosen format; results default to a table on a terminal and JSON when piped.
    pub fn results_format(&self, format: Option<FormatArg>) -> Format {
        match format {
            Some(format) => format.into(),
            None if self.stdout_is_terminal => {
                self.config_format.map_or(Format::Table, Format::from)
            }
            None => Format::Json,
        }
    }

    /// The format of a report that may go to a file (`--out`): the one asked for, else the
    /// file's extension's, else JSON; to stdout, as [`Context::results_format`].
    pub fn report_format(&self, format: Option<FormatArg>, out: Option<&Path>) -> Format {
        match (format, out) {
            (Some(format), _) => format.into(),
            (None, Some(path)) => output::format_for_extension(path).unwrap_or(Format::Json),
            (None, None) => self.results_format(None),
        }
    }

    /// The reporter for a report to stdout or to a file (never coloured).
    fn report_reporter(
        &self,
        format: Option<FormatArg>,
        out: Option<&Path>,
    ) -> Box<dyn crate::reports::Reporter> {
        self.report_format(format, out)
            .reporter(self.color && out.is_none())
    }
}

/// Colors for a stream: `always`, `never`, or (auto) when it is a terminal and the
/// environment allows them.
fn wants_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && colors_allowed_by_environment(),
    }
}

/// `NO_COLOR` set and non-empty, or `TERM=dumb`, turns colors off.
fn colors_allowed_by_environment() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    !no_color && !dumb
}

/// Listings default to a table whatever stdout is.
pub fn listing_format(format: Option<FormatArg>) -> Format {
    format.map_or(Format::Table, Format::from)
}

/// Runs the command; `Ok` carries the exit code.
pub fn run(cli: Cli) -> Result<u8> {
    let context = Context::new(&cli);
    match &cli.command {
        Command::Assess(args) => assess::run(&context, args),
        Command::Score(args) => score::run(&context, args),
        Command::Report(args) => report::run(&context, args),
        Command::Plan(args) => plan::plan(&context, args),
        Command::History(args) => history::history(&context, args),
        Command::Schema(args) => interfaces::schema(args),
        Command::Completions(args) => interfaces::completions(&context, args),
        Command::Config(command) => config::run(command),
        Command::Man(args) => interfaces::man(args),
        Command::Compare(args) => history::compare(&context, args),
        Command::Questionnaire(args) => questionnaire::run(&context, args),
        Command::Validate(args) => validate::run(&context, args),
        Command::Templates(command) => catalog_views::templates(&context, command),
        Command::Skills(command) => catalog_views::skills(&context, command),
        Command::Pathways(command) => catalog_views::pathways(&context, command),
        Command::Simulate(args) => simulate::run(&context, args),
        Command::Calibrate(args) => calibrate::run(&context, args),
        Command::Match(args) => match_postings::run(&context, args),
    }
}

/// The exit code for an error that ended a command.
pub fn exit_code_for(error: &anyhow::Error) -> u8 {
    error
        .chain()
        .find_map(|cause| cause.downcast_ref::<Error>().map(Error::exit_code))
        .unwrap_or(exit::ERROR)
}

/// Whether the error is only a closed stdout (`skillgap ... | head`), which is not a failure.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(io::ErrorKind::BrokenPipe))
            || matches!(cause.downcast_ref::<Error>(), Some(Error::Write { source, .. }) if source.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// A note, warning or error for the person on standard error: control characters made visible
/// and, when it is a terminal, lines too long for it broken between words (the terminal would
/// break them in the middle of one), continuation lines indented under their first.
pub fn say_lines(text: &str) {
    let text = crate::sanitize::lines(text);
    let Some(width) = crate::terminal::error_width() else {
        eprintln!("{text}");
        return;
    };
    for line in text.split('\n') {
        if console::measure_text_width(line) <= width {
            eprintln!("{line}");
            continue;
        }
        let indent = &line[..line.len() - line.trim_start().len()];
        let rest = format!("{indent}  ");
        for wrapped in crate::reports::grid::wrap_indented(line.trim_start(), width, indent, &rest)
        {
            eprintln!("{wrapped}");
        }
    }
}
