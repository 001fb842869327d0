//! Headless commands: check, report, diff, rules, new. Thin faces over the engine.

mod check;
mod diff;
mod interchange;
mod new;
mod open;
mod optimise;
mod report;
mod rules_cmd;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

pub use check::run_check;
pub use diff::{DiffRequest, run_diff};
pub use interchange::{ExportRequest, ImportRequest, run_export, run_import};
pub use new::run_new;
pub use open::{OpenOptions, read_keys, run_workbench};
pub use optimise::{OptimiseRequest, run_optimise};
pub use report::{run_report, run_report_text};
pub use rules_cmd::{run_rules_check, run_rules_list, run_rules_show};

/// The sample project built into the binary, opened when no file is given.
pub const BUNDLED_SAMPLE: (&str, &str) = (
    "sample-projects/ca-fr-feature.ron",
    include_str!("../sample-projects/ca-fr-feature.ron"),
);

#[derive(Debug, Parser)]
#[command(
    name = "coprod",
    version,
    about = "Co-production workbench: spend by country, incentives, partner shares and treaty checks",
    long_about = "coprod assesses international film co-productions: each country's spend, the incentives \
each territory pays back, each co-producer's share, and whether the co-production treaty's bands hold.\n\n\
With a FILE, or with nothing, it opens the interactive workbench (with nothing: the project \
opened last, or the bundled sample the first time). When the output is not a terminal it prints \
the report instead. Keys can be changed in keys.ron in the config directory (see the README).",
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  coprod film.ron\n  coprod check sample-projects/ca-fr-feature.ron\n  coprod report film.ron --scenario \"Post in Quebec\" --format json\n  coprod rules list\n  coprod new film.ron --title \"Le Dernier Hiver\" --currency EUR --partners FR,CA"
)]
pub struct Cli {
    /// A project file to open in the workbench (default: the last one opened, else the
    /// bundled sample).
    pub file: Option<PathBuf>,
    /// Open the bundled sample project, whatever was opened last.
    #[arg(long, conflicts_with = "file")]
    pub sample: bool,
    /// Colours: dark (default), light (for light backgrounds) or plain. NO_COLOR forces
    /// plain; COPROD_THEME sets the default.
    #[arg(long, value_name = "THEME")]
    pub theme: Option<String>,
    /// Edit the file even though another coprod has it open (its lock is taken over).
    #[arg(long)]
    pub force: bool,
    /// Do not keep the previous version as FILE.bak when saving (COPROD_BACKUP=0 does
    /// the same).
    #[arg(long)]
    pub no_backup: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a project: exit 0 when every check passes, 1 when a treaty, incentive or
    /// obligation check fails (one line each), 2 when the file cannot be read or is invalid.
    #[command(after_help = "Example:\n  coprod check film.ron --scenario Base")]
    Check {
        file: PathBuf,
        /// Scenario name (default: the first in the file).
        #[arg(long, short)]
        scenario: Option<String>,
    },
    /// Print the whole assessment of a scenario.
    #[command(
        after_help = "Examples:\n  coprod report film.ron\n  coprod report film.ron --format json > report.json\n  coprod report film.ron --format md --scenario \"Post in Quebec\""
    )]
    Report {
        file: PathBuf,
        #[arg(long, short)]
        scenario: Option<String>,
        #[arg(long, short, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
    },
    /// Compare two scenarios, or a scenario in two versions of a file: which lines moved,
    /// changed cost or payer, and what it did to incentives, partner shares, treaty checks,
    /// goals, the gap and the net cost.
    #[command(
        after_help = "Examples:\n  coprod diff film.ron --from \"Financing plan\" --to \"Post in Quebec\"\n  coprod diff old/film.ron film.ron\n  coprod diff film.ron --to \"Post in Quebec\" --format md\n  git difftool -x 'coprod diff' HEAD~1 -- film.ron"
    )]
    Diff {
        /// The project file (with two files: the old version).
        file: PathBuf,
        /// The new version of the file, to compare with the old one.
        new: Option<PathBuf>,
        /// The scenario to start from (default: the first).
        #[arg(long)]
        from: Option<String>,
        /// The scenario to compare with (with two files, default: the same name as --from in
        /// the new file, else its first).
        #[arg(long)]
        to: Option<String>,
        #[arg(long, short, value_enum, default_value_t = DiffFormat::Table)]
        format: DiffFormat,
    },
    /// Find where the movable lines should be spent to keep the most net incentives (the
    /// lowest net cost) while every treaty check, goal and spend obligation holds; the result
    /// is added to the file as a new scenario. Exit 1 when no allocation meets every
    /// constraint.
    #[command(
        after_help = "Examples:\n  coprod optimise film.ron --scenario \"Financing plan\" --into \"Optimised\"\n  coprod optimise film.ron --dry-run\n  coprod optimise film.ron --format json --dry-run"
    )]
    Optimise {
        file: PathBuf,
        /// The scenario to start from (default: the first).
        #[arg(long, short)]
        scenario: Option<String>,
        /// The new scenario's name (default: "SCENARIO (optimised)").
        #[arg(long)]
        into: Option<String>,
        /// Replace the scenario named by --into if the file has one.
        #[arg(long)]
        replace: bool,
        /// Print the plan; leave the file as it is.
        #[arg(long)]
        dry_run: bool,
        /// Count a share the authorities may accept by derogation as passing.
        #[arg(long)]
        allow_derogation: bool,
        /// Stop the search after this many assessments (default 9000).
        #[arg(long, value_name = "N")]
        max_evaluations: Option<usize>,
        #[arg(long, short, value_enum, default_value_t = OptimiseFormat::Table)]
        format: OptimiseFormat,
    },
    /// Read budget lines from a table (CSV, TSV, XLSX, XLS or ODS, as budgeting tools and
    /// spreadsheets export them) into an existing project: lines are added, or updated when the
    /// account and description match. Nothing is written unless every row is valid.
    #[command(
        after_help = "Examples:\n  coprod import budget.csv --into film.ron --dry-run\n  coprod import detail.tsv --into film.ron --map headings.ron\n  coprod import budget.csv --into film.ron --skip-invalid"
    )]
    Import {
        table: PathBuf,
        /// The project to read the lines into (create it with coprod new).
        #[arg(long)]
        into: PathBuf,
        /// A RON file naming headings, locations, kinds, a currency and the categories of
        /// accounts to add to the chart (docs/import.md).
        #[arg(long, value_name = "MAP.ron")]
        map: Option<PathBuf>,
        /// Show the headings as recognised and the first rows as they will be read.
        #[arg(long)]
        dry_run: bool,
        /// Import the valid rows and list the others, instead of writing nothing.
        #[arg(long)]
        skip_invalid: bool,
    },
    /// Write a scenario for a financier: the workbook (.xlsx, live formulas over the lines),
    /// the budget lines as CSV (they import back to the same budget), the assessment as
    /// Markdown, or a directory of CSV tables. Each export states the coprod version, the rule
    /// book's date and the scenario.
    #[command(
        after_help = "Packs (--pack): which tables and sheets, for whom:\n  full              everything (the default)\n  eurimages         the summary budget by producer in euros, finance plan, shares, treaty\n  finance-plan      each partner's sources and incentives as shares of the budget\n  coproducer-split  each account by who pays and by where it is spent\n  incentives        the incentive schedule and spend by territory\n\nExamples:\n  coprod export film.ron --to plan.xlsx\n  coprod export film.ron --to eurimages.xlsx --pack eurimages\n  coprod export film.ron --to lines.csv\n  coprod export film.ron --to assessment.md --scenario \"Post in Quebec\"\n  coprod export film.ron --to pack/ --pack finance-plan"
    )]
    Export {
        project: PathBuf,
        /// OUT.xlsx, OUT.csv, OUT.md or DIR/.
        #[arg(long, value_name = "OUT")]
        to: PathBuf,
        #[arg(long, short)]
        scenario: Option<String>,
        /// full, eurimages, finance-plan, coproducer-split or incentives.
        #[arg(long, value_name = "NAME")]
        pack: Option<String>,
    },
    /// The rule book: incentive programs and treaties, with sources and dates.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Write a new, valid starting project.
    #[command(
        after_help = "Example:\n  coprod new film.ron --title \"Le Dernier Hiver\" --currency EUR --partners FR,CA"
    )]
    New {
        file: PathBuf,
        #[arg(long)]
        title: String,
        /// Base currency (ISO 4217).
        #[arg(long, default_value = "EUR")]
        currency: String,
        /// Partner countries, majority first (ISO 3166-1, comma-separated).
        #[arg(long, value_delimiter = ',', required = true)]
        partners: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List every program and treaty.
    #[command(after_help = "Example:\n  coprod rules list --format json")]
    List {
        #[arg(long, short, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Show one rule in full, with its source.
    #[command(after_help = "Example:\n  coprod rules show ie-s481")]
    Show {
        id: String,
        #[arg(long, short, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Validate a rule file of your own before putting it in the rules directory.
    #[command(after_help = "Example:\n  coprod rules check my-rules.ron")]
    Check { file: PathBuf },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
    Csv,
    Md,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OptimiseFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Table,
    Md,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

/// Process exit codes shared by every command.
pub mod exit {
    pub const OK: u8 = 0;
    pub const CHECK_FAILED: u8 = 1;
    pub const INVALID: u8 = 2;
}

/// Loads the rule book with the user's rule directory; shared by commands.
pub fn rule_book() -> Result<crate::rules::RuleBook, crate::store::LoadError> {
    crate::store::load_rule_book(crate::store::user_rules_dir().as_deref())
}

/// A command's outcome: an exit code, or a message that ends it with `exit::INVALID`.
type Outcome = Result<u8, String>;

/// Prints a failed command's message and turns the outcome into an exit code.
fn finish(outcome: Outcome, err: &mut dyn std::io::Write) -> u8 {
    outcome.unwrap_or_else(|message| {
        let _ = writeln!(err, "error: {message}");
        exit::INVALID
    })
}
