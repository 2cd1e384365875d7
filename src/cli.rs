//! The command-line interface: clap definitions only. `commands` turns them into work.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "skillgap",
    version,
    about = "Career-readiness assessor for backend web development",
    long_about = "Quizzes you on backend web development skills, estimates your level in each \
                  with an honest uncertainty, scores you against job templates and prints the \
                  gaps with an ordered study plan.",
    after_help = MAIN_EXAMPLES
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Load the catalog from this folder instead of the embedded default
    #[arg(long, global = true, env = "SKILLGAP_DATA", value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Add a job template from a TOML file (repeatable); replaces a template with the same id
    #[arg(long = "template-file", global = true, value_name = "PATH")]
    pub template_files: Vec<PathBuf>,
    /// Apply item difficulties from a calibration file written by `skillgap calibrate`
    #[arg(long, global = true, env = "SKILLGAP_CALIBRATION", value_name = "FILE")]
    pub calibration: Option<PathBuf>,
    /// When to use colors (NO_COLOR is respected)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// When to page long output on a terminal (less -FRX; SKILLGAP_PAGER or PAGER win)
    #[arg(long, global = true, value_enum, default_value_t = PagingChoice::Auto)]
    pub paging: PagingChoice,
    /// Screen-reader friendly: reports as labelled lines, quiz questions numbered and answered by
    /// typing a number, no redrawn menus, nothing carried by colour or glyphs alone
    #[arg(long, global = true, env = "ACCESSIBLE", value_parser = clap::builder::BoolishValueParser::new())]
    pub accessible: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PagingChoice {
    /// Only when stdout is a terminal and the output is longer than the screen
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Table,
    Json,
    Jsonl,
    Csv,
    Markdown,
    /// One self-contained HTML page (inline CSS and SVG charts)
    Html,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Take the assessment interactively in the terminal
    #[command(after_help = ASSESS_EXAMPLES)]
    Assess(AssessArgs),
    /// Score answer sheets (files, folders, or a sheet or JSON Lines on stdin with `-`)
    #[command(after_help = SCORE_EXAMPLES)]
    Score(ScoreArgs),
    /// Render a saved results document again
    #[command(after_help = REPORT_EXAMPLES)]
    Report(ReportArgs),
    /// Turn a results document's gaps into a study plan and the learning pathways that fit
    #[command(after_help = PLAN_EXAMPLES)]
    Plan(PlanArgs),
    /// List the results saved by `assess`, oldest first
    #[command(after_help = HISTORY_EXAMPLES)]
    History(HistoryArgs),
    /// Show the progress between two results: levels gained, readiness change
    #[command(after_help = COMPARE_EXAMPLES)]
    Compare(CompareArgs),
    /// Write a blank answer sheet and a printable questionnaire for a template
    #[command(after_help = QUESTIONNAIRE_EXAMPLES)]
    Questionnaire(QuestionnaireArgs),
    /// Check a catalog folder (the embedded catalog by default) and list every problem
    #[command(after_help = VALIDATE_EXAMPLES)]
    Validate(ValidateArgs),
    /// List or show job templates, or extract one from a job posting
    #[command(subcommand, alias = "template", after_help = CATALOG_EXAMPLES)]
    Templates(TemplatesCommand),
    /// Print the JSON Schema of a document skillgap reads or writes
    #[command(after_help = SCHEMA_EXAMPLES)]
    Schema(SchemaArgs),
    /// Print a shell completion script (template, skill and pathway ids included)
    #[command(after_help = "Examples:
  skillgap completions bash > ~/.local/share/bash-completion/completions/skillgap
  skillgap completions fish > ~/.config/fish/completions/skillgap.fish")]
    Completions(CompletionsArgs),
    /// Print the man page (roff)
    #[command(after_help = "Examples:
  skillgap man | man -l -
  skillgap man --out ~/.local/share/man/man1")]
    Man(ManArgs),
    /// List or show skills
    #[command(subcommand, after_help = CATALOG_EXAMPLES)]
    Skills(SkillsCommand),
    /// List or show learning pathways
    #[command(subcommand, after_help = CATALOG_EXAMPLES)]
    Pathways(PathwaysCommand),
    /// Simulate adaptive tests on an item bank and measure precision, length and exposure
    Simulate(SimulateArgs),
    /// Estimate question difficulties (Rasch) from a cohort's results and flag broken questions
    Calibrate(CalibrateArgs),
    /// Rank job postings by how ready a result is for each: verdict, readiness, what is missing
    Match(MatchArgs),
    /// Where the configuration file is, and what it sets
    #[command(subcommand, after_help = CONFIG_EXAMPLES)]
    Config(ConfigCommand),
}

#[derive(Debug, Args)]
#[command(
    after_help = "Each posting (.md, .markdown, .txt, .html, .htm in a folder; any file \
    named) is read as `template from-posting` reads it, the answers are scored against all of \
    them, and they are ranked: the most probable verdict first (ready, nearly, not yet), then \
    readiness. Postings that cannot be read are named on stderr with the reason, the others are \
    ranked, and the exit code is 2."
)]
pub struct MatchArgs {
    /// A results document (`score --format json`, `assess`) or an answer sheet, then the
    /// postings: files or folders. With --postings, all of them are candidates: results, sheets,
    /// cohort documents, .jsonl, or folders of them
    #[arg(required = true, value_name = "RESULTS POSTING...")]
    pub inputs: Vec<PathBuf>,
    /// The postings (files or folders, repeatable) to rank for every candidate given (a cohort)
    #[arg(long = "postings", value_name = "DIR")]
    pub postings: Vec<PathBuf>,
    /// Show only the N best postings [default: all; 3 per candidate with --postings]
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Add one study plan for the N best postings together, each shared skill once
    /// [default N: 3]
    #[arg(
        long,
        value_name = "N",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "3"
    )]
    pub plan: Option<usize>,
    /// First day of the plan (default: today)
    #[arg(long, value_name = "YYYY-MM-DD", requires = "plan")]
    pub start: Option<crate::date::Date>,
    #[command(flatten)]
    pub profile: ProfileArgs,
    /// Write the report to this file (atomically) instead of stdout (`-`); without --format,
    /// the format follows the extension (.html, .md, .csv, .json, .jsonl, .txt), else JSON
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Overwrite the --out file if it exists
    #[arg(long, requires = "out")]
    pub force: bool,
    #[command(flatten)]
    pub format: FormatOption,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the configuration file's path ($SKILLGAP_CONFIG, else
    /// $XDG_CONFIG_HOME/skillgap/config.toml)
    Path,
    /// Print the configuration in effect (the file's keys)
    Show,
}

/// The main `--help`'s end: examples, then the exit codes.
pub const MAIN_EXAMPLES: &str = "Examples:
  skillgap assess                                  # take the quiz
  skillgap score cohort/ --summary --out cohort.html
  skillgap plan results.json --hours-per-week 10

Exit codes: 0 ok, 1 error (a file could not be read or written), 2 usage or invalid input,
3 catalog validation failed, 130 interrupted.";

/// The examples each main command's `--help` ends with (and its man page's EXAMPLES).
pub const ASSESS_EXAMPLES: &str = "Examples:
  skillgap assess                                  # choose a job, answer, read the report
  skillgap assess -t junior-backend --length standard --hours-per-week 8
  skillgap assess --resume                         # continue after Ctrl-C";
pub const SCORE_EXAMPLES: &str = "Examples:
  skillgap score sheet.json                        # one candidate's report
  skillgap score cohort/ -t junior-backend --summary --out cohort.html
  cat sheets.jsonl | skillgap score - --format jsonl | jq .templates";
pub const REPORT_EXAMPLES: &str = "Examples:
  skillgap report ada.json                         # the report again, as a table
  skillgap report ada.json --out ada.html          # a page to mail or print";
pub const PLAN_EXAMPLES: &str = "Examples:
  skillgap plan ada.json --hours-per-week 10 --budget 0
  skillgap plan ada.json --deadline 2027-06-30 --format markdown > plan.md";
pub const HISTORY_EXAMPLES: &str = "Examples:
  skillgap history                                 # every saved result, oldest first
  skillgap history --format json | jq '.[-1]'";
pub const COMPARE_EXAMPLES: &str = "Examples:
  skillgap compare                                 # the two newest saved results
  skillgap compare before.json after.json --format json";
pub const QUESTIONNAIRE_EXAMPLES: &str = "Examples:
  skillgap questionnaire -t junior-backend --out handout/
  skillgap questionnaire -t junior-backend --choose python,django --out handout/
  skillgap questionnaire -t go-backend --out - > blank-sheet.json";
pub const VALIDATE_EXAMPLES: &str = "Examples:
  skillgap validate                                # the embedded catalog
  skillgap validate my-catalog/ --format json";
pub const CATALOG_EXAMPLES: &str = "Examples:
  skillgap templates list
  skillgap skills show sql
  skillgap pathways show bootcamp-part-time --format json";
pub const SCHEMA_EXAMPLES: &str = "Examples:
  skillgap schema results > results.schema.json
  skillgap schema cohort | jq .properties";
pub const CONFIG_EXAMPLES: &str = "Examples:
  skillgap config path
  skillgap config show
Keys (all optional): template, length, format, color, paging, data.";

#[derive(Debug, Args)]
#[command(
    after_help = "Results are scored against the loaded catalog's keys. Difficulties are \
    estimated per skill by joint maximum likelihood and anchored to the mean of the current ones. \
    About 100 responses per question give ±0.25 logits; questions with fewer are flagged.\n\n\
    Examples:\n  skillgap calibrate results/ --out calibration.toml\n  \
    skillgap --calibration calibration.toml score cohort/"
)]
pub struct CalibrateArgs {
    /// Results documents: .json (one, or a cohort from `score --format json`), .jsonl, or folders
    #[arg(required = true, value_name = "RESULTS")]
    pub inputs: Vec<PathBuf>,
    /// Where to write the calibration overlay (load it with --calibration); `-` for stdout
    /// (the table then goes to stderr)
    #[arg(long, value_name = "FILE", default_value = "calibration.toml")]
    pub out: PathBuf,
    /// Overwrite --out if it exists
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub format: FormatOption,
}

#[derive(Debug, Args)]
pub struct FormatOption {
    /// Output format (default: table on a terminal, json otherwise for results)
    #[arg(long, short, value_enum)]
    pub format: Option<FormatArg>,
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    /// Template(s) to assess against (repeatable); asked for when omitted
    #[arg(long = "template", short, value_name = "ID")]
    pub templates: Vec<String>,
    /// How long: quick (~12 min, 24 questions), standard (~20), thorough (~40)
    #[arg(long, value_enum, default_value_t = LengthArg::Quick)]
    pub length: LengthArg,
    /// Answer from a sheet file instead of prompting (non-interactive)
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Show right/wrong and the explanation after each answer
    #[arg(long)]
    pub feedback: bool,
    /// Ask in a fixed order planned up front instead of adapting to the answers
    #[arg(long)]
    pub fixed: bool,
    /// Seed for the question picks and option shuffling
    #[arg(long)]
    pub seed: Option<u64>,
    /// Also save the results document here (a new file; an existing one only with --force)
    #[arg(long, value_name = "PATH")]
    pub save: Option<PathBuf>,
    /// Overwrite the --save file if it exists
    #[arg(long, requires = "save")]
    pub force: bool,
    /// Assess against the template extracted from this job posting (text or Markdown)
    #[arg(long, value_name = "FILE")]
    pub posting: Option<PathBuf>,
    /// Continue an interrupted assessment where it stopped: the latest, or the one with this ID
    #[arg(long, value_name = "ID", conflicts_with_all = ["templates", "answers", "seed", "length", "fixed", "ProfileArgs", "no_profile", "posting"])]
    pub resume: Option<Option<String>>,
    /// Your situation for the study plan, instead of asking: `--profile FILE` and the same
    /// flags as `plan` (`--hours-per-week`, `--budget`, `--deadline`, ...)
    #[command(flatten)]
    pub profile: ProfileArgs,
    /// Do not ask about your situation; the plan assumes 10 h/week and no other limits
    #[arg(long, conflicts_with = "ProfileArgs")]
    pub no_profile: bool,
    /// Measure just these skills (comma-separated ids); required levels come from --template,
    /// else the latest saved result's templates, else the catalog's core template
    #[arg(long = "skill", value_name = "ID[,ID...]", value_delimiter = ',', conflicts_with_all = ["resume", "posting"])]
    pub skills: Vec<String>,
    /// Measure again the gaps and unclear requirements of the latest saved result (or of FILE);
    /// the other skills are carried over from it with the date they were measured
    #[arg(long, value_name = "FILE", num_args = 0..=1, conflicts_with_all = ["resume", "posting", "templates", "skills"])]
    pub retest: Option<Option<PathBuf>>,
    #[command(flatten)]
    pub home: HomeOption,
    #[command(flatten)]
    pub format: FormatOption,
}

#[derive(Debug, Args)]
pub struct HomeOption {
    /// Where sessions and results are kept (default: $XDG_DATA_HOME/skillgap)
    #[arg(long = "home", env = "SKILLGAP_HOME", value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Show one skill's measurements over time instead
    #[arg(long, value_name = "ID")]
    pub skill: Option<String>,
    #[command(flatten)]
    pub home: HomeOption,
    #[command(flatten)]
    pub format: FormatOption,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The earlier results document (default: the second newest in `history`)
    #[arg(value_name = "OLD", requires = "new")]
    pub old: Option<PathBuf>,
    /// The later results document (default: the newest in `history`)
    #[arg(value_name = "NEW")]
    pub new: Option<PathBuf>,
    #[command(flatten)]
    pub home: HomeOption,
    #[command(flatten)]
    pub format: FormatOption,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LengthArg {
    Quick,
    Standard,
    Thorough,
}

#[derive(Debug, Args)]
#[command(
    after_help = "A response is right when P(θ) ≥ the draw U[i,j]. Rules: start at θ = 0; \
    select by Fisher information at θ̂; MLE (bounded to [-6, 6], Dodd's step rule while all \
    answers agree, SE = 1/√I(θ̂)) or EAP (SE = posterior SD); stop when SE < --se-target or \
    after --max-items, checked before each selection.\n\n\
    Examples:\n  skillgap simulate -n 1000 --seed 1\n  \
    skillgap simulate --quiz --template junior-backend"
)]
#[command(group(clap::ArgGroup::new("quiz_mode").args(["quiz", "retake"])))]
pub struct SimulateArgs {
    /// Item bank: CSV with columns a,b and optionally c,d (default: the catalog's tested questions)
    #[arg(long, value_name = "CSV")]
    pub bank: Option<PathBuf>,
    /// True abilities: CSV with a column `theta` (default: -n abilities drawn from N(0, 1))
    #[arg(long, value_name = "CSV", conflicts_with = "count")]
    pub examinees: Option<PathBuf>,
    /// How many abilities to draw from N(0, 1) [default: the rows of --uniforms, else 1000]
    #[arg(short = 'n', long = "count", value_name = "N")]
    pub count: Option<usize>,
    /// Seed for drawn abilities, answers and randomesque picks
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Fixed uniform draws: CSV without header, a row per examinee and a column per bank item
    #[arg(long, value_name = "CSV")]
    pub uniforms: Option<PathBuf>,
    /// How the next item is picked
    #[arg(long, value_enum, default_value_t = SelectorArg::MaxInfo)]
    pub selector: SelectorArg,
    /// How many of the most informative items the randomesque selector picks among
    #[arg(long, value_name = "K", default_value_t = 5)]
    pub top: usize,
    /// How θ is estimated after each answer
    #[arg(long, value_enum, default_value_t = EstimatorArg::Mle)]
    pub estimator: EstimatorArg,
    /// Stop once the standard error is below this
    #[arg(long, value_name = "SE", default_value_t = 0.3)]
    pub se_target: f64,
    /// Stop after this many items at most
    #[arg(long, value_name = "N", default_value_t = 30)]
    pub max_items: usize,
    /// Write every examinee's test to this CSV, with catsim's trace columns
    /// (examinee,true_theta,est_theta,se,n_items,items,responses)
    #[arg(long, value_name = "OUT.csv")]
    pub trace: Option<PathBuf>,
    /// Overwrite the --trace file if it exists
    #[arg(long, requires = "trace")]
    pub force: bool,
    /// Compare with a reference trace: same items in the same order and |Δθ| ≤ 1e-4
    #[arg(long, value_name = "TRACE.csv")]
    pub reference: Option<PathBuf>,
    /// Simulate the assess quiz on the catalog instead: candidates with known levels take the
    /// adaptive and the fixed-order quiz at every length; prints questions asked and how often
    /// the readiness verdict matches the true one
    #[arg(long, conflicts_with_all = ["bank", "examinees", "uniforms", "trace", "reference"])]
    pub quiz: bool,
    /// Simulate retakes: each person takes --sessions quick quizzes in a row, seen questions
    /// used last; prints the share of each quiz's questions already asked and how many
    /// questions per skill are left unseen
    #[arg(long, conflicts_with_all = ["bank", "examinees", "uniforms", "trace", "reference", "quiz"])]
    pub retake: bool,
    /// --retake: quizzes per person
    #[arg(long, value_name = "N", default_value_t = 3, requires = "retake")]
    pub sessions: usize,
    /// The template the --quiz candidates are assessed against
    #[arg(
        long,
        value_name = "ID",
        default_value = "junior-backend",
        requires = "quiz_mode"
    )]
    pub template: String,
    /// --quiz: mean general level of the simulated people (the scorer assumes the catalog's)
    #[arg(
        long,
        value_name = "M",
        default_value_t = 0.0,
        requires = "quiz_mode",
        allow_negative_numbers = true
    )]
    pub population_mean: f64,
    /// --quiz: spread of one simulated person's skills around their general level (0.8: skills
    /// correlate at 0.61; 1.53: at 0.3; 0.42: at 0.85)
    #[arg(long, value_name = "SD", default_value_t = 0.8, requires = "quiz_mode")]
    pub skill_sd: f64,
    /// --quiz: whether simulated people guess on what they do not know (off: they answer "I
    /// don't know")
    #[arg(
        long,
        value_enum,
        value_name = "ON|OFF",
        default_value = "on",
        requires = "quiz_mode"
    )]
    pub guessing: Switch,
    /// --quiz: whether the scorer models guessing (default: the catalog's setting)
    #[arg(long, value_enum, value_name = "ON|OFF", requires = "quiz_mode")]
    pub scorer_guessing: Option<Switch>,
    /// --quiz: the quiz lengths to run (default: all three)
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        value_name = "LENGTH",
        requires = "quiz_mode"
    )]
    pub lengths: Vec<LengthArg>,
    /// --quiz: also print the reliability table of p_met (predicted vs observed, ten bins)
    #[arg(long, requires = "quiz_mode")]
    pub reliability: bool,
    #[command(flatten)]
    pub format: FormatOption,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Switch {
    On,
    Off,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SelectorArg {
    /// The most informative unused item
    MaxInfo,
    /// A random pick among the --top most informative (exposure control)
    Randomesque,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EstimatorArg {
    /// Maximum likelihood with Dodd's step rule
    Mle,
    /// Expected a posteriori, the catalog's N(0, 1.5²) prior
    Eap,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Answer sheets: .json, .toml, .jsonl files, folders of them, or `-` for JSON Lines on stdin
    #[arg(required = true, value_name = "SHEET")]
    pub inputs: Vec<PathBuf>,
    /// Score against this template (repeatable); default: the sheet's own templates, else all
    #[arg(long = "template", short, value_name = "ID")]
    pub templates: Vec<String>,
    /// Score against every template
    #[arg(long, conflicts_with = "templates")]
    pub all_templates: bool,
    /// Add a cohort summary: readiness per template, the most common gaps
    #[arg(long)]
    pub summary: bool,
    /// Add each candidate's study plan and pathways (from the sheet's profile) to the results
    #[arg(long)]
    pub plan: bool,
    /// First day of the plans (default: today)
    #[arg(long, value_name = "YYYY-MM-DD", requires = "plan")]
    pub start: Option<crate::date::Date>,
    /// Also score against the template extracted from this job posting (text or Markdown)
    #[arg(long, value_name = "FILE")]
    pub posting: Option<PathBuf>,
    /// No progress bar
    #[arg(long, short)]
    pub quiet: bool,
    /// Write the report to this file (atomically) instead of stdout (`-`); without --format,
    /// the format follows the extension (.html, .md, .csv, .json, .jsonl, .txt), else JSON
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Overwrite the --out file if it exists
    #[arg(long, requires = "out")]
    pub force: bool,
    #[command(flatten)]
    pub format: FormatOption,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// A results document (JSON) written by `score --format json` or `assess`
    #[arg(value_name = "RESULTS")]
    pub results: PathBuf,
    /// Write the report to this file (atomically) instead of stdout (`-`); without --format,
    /// the format follows the extension (.html, .md, .csv, .json, .jsonl, .txt), else JSON
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Overwrite the --out file if it exists
    #[arg(long, requires = "out")]
    pub force: bool,
    #[command(flatten)]
    pub format: FormatOption,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// A results document (JSON) written by `assess`, or by `score --format json` for one sheet
    #[arg(value_name = "RESULTS")]
    pub results: PathBuf,
    /// Plan for this template only (repeatable); default: every template in the results
    #[arg(long = "template", short, value_name = "ID")]
    pub templates: Vec<String>,
    /// First day of the plan (default: today)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub start: Option<crate::date::Date>,
    #[command(flatten)]
    pub profile: ProfileArgs,
    /// Where later results are looked for: steps whose skill has since been measured as met
    /// are marked and left out
    #[command(flatten)]
    pub home: HomeOption,
    /// Write the plan to this file (atomically) instead of stdout (`-`); without --format, the
    /// format follows the extension (.html, .md, .csv, .json, .txt), else JSON
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Overwrite the --out file if it exists
    #[arg(long, requires = "out")]
    pub force: bool,
    #[command(flatten)]
    pub format: FormatOption,
}

/// The learner's situation; each flag overrides the profile file, which overrides the profile
/// saved in the results.
#[derive(Debug, Args, Default)]
pub struct ProfileArgs {
    /// Read the profile from this TOML or JSON file (fields as in an answer sheet's `profile`)
    #[arg(long = "profile", value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Hours of study per week
    #[arg(long, value_name = "HOURS")]
    pub hours_per_week: Option<f64>,
    /// Total budget for learning, in US dollars
    #[arg(long, value_name = "USD")]
    pub budget: Option<f64>,
    /// Date by which you want to be job-ready
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub deadline: Option<crate::date::Date>,
    /// Whether you want a credential employers recognise (certificate, certification, degree)
    #[arg(long, value_name = "YES|NO", num_args = 0..=1, default_missing_value = "true",
          value_parser = clap::builder::BoolishValueParser::new())]
    pub wants_credential: Option<bool>,
    /// A credential you already hold, e.g. bachelor-degree (repeatable)
    #[arg(long = "holds", value_name = "CREDENTIAL")]
    pub credentials_held: Vec<String>,
    /// How you like to learn
    #[arg(long, value_enum)]
    pub structure: Option<StructureArg>,
    /// A learning preference (repeatable)
    #[arg(long = "prefer", value_name = "PREFERENCE", value_enum)]
    pub preferences: Vec<PreferenceArg>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PreferenceArg {
    /// Taught in a classroom
    #[value(alias = "classroom")]
    InPerson,
    /// Taught online
    #[value(alias = "remote")]
    Online,
    /// A mentor to ask
    Mentor,
    /// Fellow learners
    Peers,
    /// Help finding a job
    CareerServices,
    /// Video courses
    Video,
    /// Books and documentation
    Reading,
    /// Learning by building projects
    Projects,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StructureArg {
    /// Set pace, teachers, deadlines
    Structured,
    /// Your own pace and choices
    SelfDirected,
    /// Some of both
    Mixed,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which document
    #[arg(value_enum)]
    pub document: SchemaDocument,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SchemaDocument {
    /// One candidate's results (`score --format json`, `assess`)
    Results,
    /// An answer sheet
    Sheet,
    /// A job template (`--template-file`)
    Template,
    /// A study plan (`plan --format json`)
    Plan,
    /// Several candidates' results (`score FOLDER --format json`)
    Cohort,
    /// The saved results (`history --format json`)
    History,
    /// The progress between two results (`compare --format json`)
    Compare,
    /// The summary line of `score --format jsonl --summary`
    Summary,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write one page per subcommand (skillgap.1, skillgap-score.1, ...) into this folder
    /// (created when missing) instead of printing the main page (`-`)
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Overwrite pages already in the --out folder
    #[arg(long, requires = "out")]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct QuestionnaireArgs {
    /// The template to build the questionnaire for
    #[arg(long = "template", short, value_name = "ID")]
    pub template: String,
    /// Folder to write `<template>-sheet.json` and `<template>-questionnaire.md` into (created
    /// when missing); `-` prints only the blank sheet to stdout
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub out: PathBuf,
    /// The stack the candidate uses, e.g. `python,django`: of a requirement with alternatives
    /// (a language, a framework) only the chosen ones are asked; otherwise the questionnaire
    /// marks the alternatives "answer only the one you use"
    #[arg(long, value_name = "SKILL,...", value_delimiter = ',')]
    pub choose: Vec<String>,
    /// Tested questions per required skill (spread over difficulties)
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub per_skill: usize,
    /// Overwrite existing files
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Catalog folder to check (default: the embedded catalog, or --data)
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    #[command(flatten)]
    pub format: FormatOption,
}

#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// List the job templates
    List(FormatOption),
    /// Show one template's requirements
    Show(ShowArgs),
    /// Extract a template from a job posting's text (plain text or Markdown)
    FromPosting(FromPostingArgs),
}

#[derive(Debug, Args)]
pub struct FromPostingArgs {
    /// The posting: a text or Markdown file, or `-` for stdin
    #[arg(value_name = "FILE")]
    pub input: PathBuf,
    /// Write the template TOML here instead of stdout (`-`)
    #[arg(long, value_name = "PATH", conflicts_with = "explain")]
    pub out: Option<PathBuf>,
    /// Overwrite the --out file if it exists
    #[arg(long, requires = "out")]
    pub force: bool,
    /// Print what was matched, on which line and why, instead of the template
    #[arg(long)]
    pub explain: bool,
    /// The template id (default: made from the title)
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// The template title (default: the posting's first heading or line)
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
    /// Format of the --explain output
    #[arg(long, short, value_enum, requires = "explain")]
    pub format: Option<FormatArg>,
}

#[derive(Debug, Subcommand)]
pub enum SkillsCommand {
    /// List the skills
    List(SkillsListArgs),
    /// Show one skill: aliases, prerequisites, hours, resources
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct SkillsListArgs {
    /// Only skills of this area
    #[arg(long, value_name = "AREA")]
    pub area: Option<String>,
    #[command(flatten)]
    pub format: FormatOption,
}

#[derive(Debug, Subcommand)]
pub enum PathwaysCommand {
    /// List the learning pathways
    List(FormatOption),
    /// Show one pathway in full
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The id to show
    pub id: String,
    #[command(flatten)]
    pub format: FormatOption,
}
