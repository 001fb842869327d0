//! The `coprod` binary: parse the command line and hand over to the library.
#![forbid(unsafe_code)]

use clap::Parser;
use coprod::cli::{self, Cli, Command, RulesCommand};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    let mut out = std::io::stdout().lock();
    // Whole lines at once: a message written in pieces can be cut short when the process ends
    // right after it and the terminal on the other side closes (a pseudo-terminal drops what it
    // has not yet passed on).
    let mut err = std::io::LineWriter::new(std::io::stderr().lock());
    let code = match args.command {
        None => cli::run_workbench(
            cli::OpenOptions {
                file: args.file.as_deref(),
                sample: args.sample,
                theme: args.theme.as_deref(),
                force: args.force,
                backup: !args.no_backup
                    && std::env::var("COPROD_BACKUP").map_or(true, |v| v != "0"),
            },
            &mut out,
            &mut err,
        ),
        Some(Command::Check { file, scenario }) => {
            cli::run_check(&file, scenario.as_deref(), &mut out, &mut err)
        }
        Some(Command::Report {
            file,
            scenario,
            format,
        }) => cli::run_report(&file, scenario.as_deref(), format, &mut out, &mut err),
        Some(Command::Diff {
            file,
            new,
            from,
            to,
            format,
        }) => cli::run_diff(
            cli::DiffRequest {
                file: &file,
                other: new.as_deref(),
                from: from.as_deref(),
                to: to.as_deref(),
                format,
            },
            &mut out,
            &mut err,
        ),
        Some(Command::Optimise {
            file,
            scenario,
            into,
            replace,
            dry_run,
            allow_derogation,
            max_evaluations,
            format,
        }) => cli::run_optimise(
            cli::OptimiseRequest {
                file: &file,
                scenario: scenario.as_deref(),
                into: into.as_deref(),
                replace,
                dry_run,
                allow_derogation,
                max_evaluations,
                backup: !args.no_backup
                    && std::env::var("COPROD_BACKUP").map_or(true, |v| v != "0"),
                format,
            },
            &mut out,
            &mut err,
        ),
        Some(Command::Import {
            table,
            into,
            map,
            dry_run,
            skip_invalid,
        }) => cli::run_import(
            cli::ImportRequest {
                table: &table,
                into: &into,
                map: map.as_deref(),
                dry_run,
                skip_invalid,
                backup: std::env::var("COPROD_BACKUP").map_or(true, |v| v != "0"),
            },
            &mut out,
            &mut err,
        ),
        Some(Command::Export {
            project,
            to,
            scenario,
            pack,
        }) => cli::run_export(
            cli::ExportRequest {
                project: &project,
                to: &to,
                scenario: scenario.as_deref(),
                pack: pack.as_deref(),
            },
            &mut out,
            &mut err,
        ),
        Some(Command::Rules(RulesCommand::List { format })) => {
            cli::run_rules_list(format, &mut out, &mut err)
        }
        Some(Command::Rules(RulesCommand::Show { id, format })) => {
            cli::run_rules_show(&id, format, &mut out, &mut err)
        }
        Some(Command::Rules(RulesCommand::Check { file })) => {
            cli::run_rules_check(&file, &mut out, &mut err)
        }
        Some(Command::New {
            file,
            title,
            currency,
            partners,
        }) => cli::run_new(&file, &title, &currency, &partners, &mut err),
    };
    ExitCode::from(code)
}
