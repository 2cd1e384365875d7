//! The command layer: turns parsed arguments into library calls, adds context to errors
//! (`anyhow`) and decides the exit code.

mod calibrate;
mod catalog_views;
mod history;
mod interfaces;
mod output;
mod plan;
mod simulate;

pub use plan::read_profile;
pub mod posting;

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use output::Output;

use anyhow::{Context as _, Result, bail};

use crate::batch::{self, Input, TemplateChoice};
use crate::catalog::{self, Catalog};
use crate::cli::{
    Cli, ColorChoice, Command, FormatArg, QuestionnaireArgs, ReportArgs, ScoreArgs, ValidateArgs,
};
use crate::date::Date;
use crate::error::{Error, exit};
use crate::files::write_atomic;
use crate::questionnaire;
use crate::reports::{Format, Listing};
use crate::results::{Results, SCHEMA_VERSION};
use crate::summary::SummaryBuilder;

/// What every command needs: how to print and where the catalog comes from.
pub struct Context {
    pub color: bool,
    pub stdout_is_terminal: bool,
    data: Option<std::path::PathBuf>,
    template_files: Vec<std::path::PathBuf>,
    calibration: Option<std::path::PathBuf>,
}

impl Context {
    fn new(cli: &Cli) -> Context {
        let stdout_is_terminal = io::stdout().is_terminal();
        let color = wants_color(cli.global.color, stdout_is_terminal);
        console::set_colors_enabled(color);
        console::set_colors_enabled_stderr(wants_color(
            cli.global.color,
            io::stderr().is_terminal(),
        ));
        Context {
            color,
            stdout_is_terminal,
            data: cli.global.data.clone(),
            template_files: cli.global.template_files.clone(),
            calibration: cli.global.calibration.clone(),
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
            Some(format) => to_format(format),
            None if self.stdout_is_terminal => Format::Table,
            None => Format::Json,
        }
    }

    /// The format of a report that may go to a file (`--out`): the one asked for, else the
    /// file's extension's, else JSON; to stdout, as [`Context::results_format`].
    pub fn report_format(&self, format: Option<FormatArg>, out: Option<&Path>) -> Format {
        match (format, out) {
            (Some(format), _) => to_format(format),
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

pub fn to_format(format: FormatArg) -> Format {
    match format {
        FormatArg::Table => Format::Table,
        FormatArg::Json => Format::Json,
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Csv => Format::Csv,
        FormatArg::Markdown => Format::Markdown,
        FormatArg::Html => Format::Html,
    }
}

/// Listings default to a table whatever stdout is.
pub fn listing_format(format: Option<FormatArg>) -> Format {
    format.map_or(Format::Table, to_format)
}

/// Runs the command; `Ok` carries the exit code.
pub fn run(cli: Cli) -> Result<u8> {
    let context = Context::new(&cli);
    match &cli.command {
        Command::Assess(args) => crate::ui::assess(&context, args),
        Command::Score(args) => score(&context, args),
        Command::Report(args) => report(&context, args),
        Command::Plan(args) => plan::plan(&context, args),
        Command::History(args) => history::history(&context, args),
        Command::Schema(args) => interfaces::schema(args),
        Command::Completions(args) => interfaces::completions(args),
        Command::Man(args) => interfaces::man(args),
        Command::Compare(args) => history::compare(&context, args),
        Command::Questionnaire(args) => write_questionnaire(&context, args),
        Command::Validate(args) => validate(&context, args),
        Command::Templates(command) => catalog_views::templates(&context, command),
        Command::Skills(command) => catalog_views::skills(&context, command),
        Command::Pathways(command) => catalog_views::pathways(&context, command),
        Command::Simulate(args) => simulate::run(&context, args),
        Command::Calibrate(args) => calibrate::run(&context, args),
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

fn score(context: &Context, args: &ScoreArgs) -> Result<u8> {
    let mut catalog = context.catalog()?;
    let inputs: Vec<Input> = args.inputs.iter().map(|p| Input::from_arg(p)).collect();
    let posting_from_stdin = args.posting.as_deref() == Some(Path::new("-"));
    let stdin_count =
        inputs.iter().filter(|i| **i == Input::Stdin).count() + usize::from(posting_from_stdin);
    if stdin_count > 1 {
        bail!(Error::InvalidInput(
            "`-` (stdin) may be given only once".into()
        ));
    }
    let mut templates = args.templates.clone();
    if let Some(path) = &args.posting {
        templates.push(posting::add_to_catalog(&mut catalog, path)?);
    }
    let choice = if args.all_templates {
        TemplateChoice::Fixed(catalog.templates.iter().map(|t| t.id.clone()).collect())
    } else if templates.is_empty() {
        TemplateChoice::SheetOrAll
    } else {
        TemplateChoice::Fixed(templates)
    };
    let single = batch::is_single_sheet(&inputs) && !args.summary;
    let mut reporter = context.report_reporter(args.format.format, args.out.as_deref());
    let mut out = Output::open(args.out.as_deref())?;
    let progress = progress_bar(args.quiet || single);
    let mut summary = SummaryBuilder::default();
    let mut failures = 0usize;
    let start = args.start.unwrap_or_else(Date::today);
    batch::run(&catalog, &inputs, &choice, |outcome| {
        progress.inc(1);
        let result = outcome.result.map(|mut results| {
            if args.plan {
                results.attach_plan(&catalog, start);
            }
            results
        });
        match result {
            Ok(results) if single => reporter.results(&mut out, &results),
            Ok(results) => {
                summary.add(&results);
                reporter.cohort_row(&mut out, &results)
            }
            Err(error) => {
                failures += 1;
                summary.add_failure();
                progress.suspend(|| eprintln!("error: {}: {error}", outcome.source));
                reporter.cohort_failure(&mut out, &outcome.source, &error)
            }
        }
    })?;
    progress.finish_and_clear();
    if !single {
        let summary = args.summary.then(|| summary.build());
        reporter.cohort_end(&mut out, summary.as_ref())?;
    }
    out.finish()?;
    if failures > 0 {
        eprintln!("{failures} sheet(s) could not be scored; see the errors above");
        return Ok(exit::INVALID_INPUT);
    }
    Ok(exit::OK)
}

/// A spinner counting sheets on stderr, when stderr is a terminal and it is wanted.
fn progress_bar(hidden: bool) -> indicatif::ProgressBar {
    if hidden || !io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} {human_pos} sheets scored in {elapsed}")
    {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// Reads a results document, with messages that name the file and what is wrong.
pub fn read_results(path: &Path) -> Result<Results> {
    let text = crate::files::read_text(path)?;
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        Error::InvalidInput(format!(
            "{}: line {}, column {}: not valid JSON ({e})",
            path.display(),
            e.line(),
            e.column()
        ))
    })?;
    match value
        .get("schema_version")
        .and_then(serde_json::Value::as_u64)
    {
        Some(version) if version == u64::from(SCHEMA_VERSION) => {}
        Some(version) => bail!(Error::InvalidInput(format!(
            "{}: schema_version {version} is not supported by this skillgap (it reads {SCHEMA_VERSION}); upgrade skillgap",
            path.display()
        ))),
        None => bail!(Error::InvalidInput(format!(
            "{}: not a skillgap results document (no schema_version); write one with `skillgap score --format json`",
            path.display()
        ))),
    }
    serde_json::from_value(value).map_err(|e| {
        Error::InvalidInput(format!(
            "{}: not a valid results document: {e}",
            path.display()
        ))
        .into()
    })
}

fn report(context: &Context, args: &ReportArgs) -> Result<u8> {
    let results = read_results(&args.results)?;
    let mut reporter = context.report_reporter(args.format.format, args.out.as_deref());
    let mut out = Output::open(args.out.as_deref())?;
    reporter.results(&mut out, &results)?;
    out.finish()?;
    Ok(exit::OK)
}

fn write_questionnaire(context: &Context, args: &QuestionnaireArgs) -> Result<u8> {
    let catalog = context.catalog()?;
    let template = catalog.template(&args.template)?;
    if args.per_skill == 0 {
        bail!(Error::InvalidInput("--per-skill must be at least 1".into()));
    }
    let skills = questionnaire::required_skills(&catalog, &[template]);
    let questions = questionnaire::pick_questions(&catalog, &skills, args.per_skill);
    let sheet = questionnaire::blank_sheet(template, &questions);
    let markdown = questionnaire::markdown(&catalog, template, &questions);
    if !args.out.is_dir() {
        bail!(Error::InvalidInput(format!(
            "{}: not a folder; create it first or pass another --out",
            args.out.display()
        )));
    }
    let sheet_path = args.out.join(format!("{}-sheet.json", template.id));
    let markdown_path = args.out.join(format!("{}-questionnaire.md", template.id));
    for path in [&sheet_path, &markdown_path] {
        if path.exists() && !args.force {
            bail!(Error::InvalidInput(format!(
                "{} exists; pass --force to overwrite it (a filled-in sheet would be lost)",
                path.display()
            )));
        }
    }
    let mut json = serde_json::to_string_pretty(&sheet)?;
    json.push('\n');
    write_atomic(&sheet_path, json.as_bytes())?;
    write_atomic(&markdown_path, markdown.as_bytes())?;
    eprintln!(
        "wrote {} ({} questions) and {}",
        sheet_path.display(),
        questions.len(),
        markdown_path.display()
    );
    eprintln!(
        "score the filled-in sheet with: skillgap score {}",
        sheet_path.display()
    );
    Ok(exit::OK)
}

fn validate(context: &Context, args: &ValidateArgs) -> Result<u8> {
    let dir = args.dir.as_deref().or(context.data.as_deref());
    let (sources, name) = match dir {
        Some(dir) => (
            catalog::source::read_dir_sources(dir)?,
            dir.display().to_string(),
        ),
        None => (
            catalog::source::embedded_sources(),
            "embedded default catalog".to_string(),
        ),
    };
    let (document, mut problems) = catalog::check_sources(&sources);
    problems.sort();
    let rows = problems
        .iter()
        .map(|p| {
            vec![
                p.file.clone(),
                p.line.to_string(),
                p.column.to_string(),
                p.message.clone(),
            ]
        })
        .collect();
    let items: Vec<serde_json::Value> = problems
        .iter()
        .map(|p| serde_json::json!({"file": p.file, "line": p.line, "column": p.column, "message": p.message}))
        .collect();
    let mut out = io::stdout().lock();
    match args.format.format {
        None => {
            for problem in &problems {
                writeln!(out, "{problem}")?;
            }
        }
        Some(format) => to_format(format).reporter(context.color).listing(
            &mut out,
            &Listing::new(vec!["File", "Line", "Column", "Problem"], rows, &items),
        )?,
    }
    if problems.is_empty() {
        eprintln!(
            "{name}: ok ({} skills, {} questions, {} templates, {} pathways)",
            document.skills.len(),
            document.questions.len(),
            document.templates.len(),
            document.pathways.len()
        );
        Ok(exit::OK)
    } else {
        eprintln!("{name}: {} problem(s)", problems.len());
        Ok(exit::VALIDATION_FAILED)
    }
}
