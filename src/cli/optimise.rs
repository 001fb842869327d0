//! `coprod optimise`: where should the movable lines be spent? Prints the plan (the moves
//! with their effect, the constraints and which of them bind, how the result was found) and
//! adds the result to the file as a new scenario.

use super::{OptimiseFormat, exit};
use crate::model::{Edit, Project, format_money};
use crate::optimise::{Options, Plan, optimise};
use crate::store::{self, SaveOptions, lock};
use serde::Serialize;
use std::io::Write;
use std::path::Path;

pub struct OptimiseRequest<'a> {
    pub file: &'a Path,
    pub scenario: Option<&'a str>,
    /// The new scenario's name (default: "<scenario> (optimised)").
    pub into: Option<&'a str>,
    /// Replace a scenario of that name if there is one.
    pub replace: bool,
    /// Print the plan only; leave the file as it is.
    pub dry_run: bool,
    pub allow_derogation: bool,
    pub max_evaluations: Option<usize>,
    pub backup: bool,
    pub format: OptimiseFormat,
}

#[derive(Serialize)]
struct JsonPlan<'a> {
    optimise_version: u32,
    coprod_version: &'static str,
    file: String,
    from: &'a str,
    into: &'a str,
    written: bool,
    #[serde(flatten)]
    plan: &'a Plan,
}

pub fn run_optimise(r: OptimiseRequest, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    super::finish(run(r, out), err)
}

fn run(r: OptimiseRequest, out: &mut dyn Write) -> super::Outcome {
    let rules = super::rule_book().map_err(|e| e.to_string())?;
    let doc = store::load(r.file).map_err(|e| e.to_string())?;
    let project = &doc.project;
    let from = project
        .scenario_or_first(r.scenario)
        .map_err(|e| format!("{}: {e}", r.file.display()))?;
    let into = r
        .into
        .map(str::to_string)
        .unwrap_or_else(|| format!("{} (optimised)", from.name));
    let existing = project.scenarios().iter().position(|s| s.name == into);
    if existing.is_some() && !r.replace && !r.dry_run {
        return Err(format!(
            "{}: there is already a scenario \"{into}\"; name another with --into, or add --replace",
            r.file.display()
        ));
    }
    let mut options = Options {
        allow_derogation: r.allow_derogation,
        ..Options::default()
    };
    if let Some(n) = r.max_evaluations {
        options.max_evaluations = n;
    }
    let mut plan = optimise(project, from, &rules, &options);
    plan.scenario.name.clone_from(&into);
    plan.scenario.note = format!(
        "Proposed by coprod optimise from \"{}\": {} move(s), net incentives {} → {}.",
        from.name,
        plan.moves.len(),
        format_money(plan.incentives_before, project.currency()),
        format_money(plan.incentives_after, project.currency())
    );

    let write = plan.feasible && !r.dry_run && !plan.moves.is_empty();
    if write {
        let mut changed = project.clone();
        let edit = match existing {
            Some(at) => Edit::Batch(vec![
                Edit::RemoveScenario { at },
                Edit::InsertScenario {
                    at,
                    scenario: plan.scenario.clone(),
                },
            ]),
            None => Edit::InsertScenario {
                at: changed.scenarios().len(),
                scenario: plan.scenario.clone(),
            },
        };
        changed.apply(&edit).map_err(|e| e.to_string())?;
        save(r.file, &changed, &doc.preamble, doc.fingerprint, r.backup)?;
    }

    let text = match r.format {
        OptimiseFormat::Json => {
            let json = JsonPlan {
                optimise_version: 1,
                coprod_version: env!("CARGO_PKG_VERSION"),
                file: r.file.display().to_string(),
                from: &from.name,
                into: &into,
                written: write,
                plan: &plan,
            };
            serde_json::to_string_pretty(&json).map_err(|e| format!("cannot write JSON: {e}"))?
                + "\n"
        }
        OptimiseFormat::Table => text(project, &from.name, &into, &plan, write, &r),
    };
    out.write_all(text.as_bytes())
        .map_err(|e| format!("cannot write the plan: {e}"))?;
    Ok(if plan.feasible {
        exit::OK
    } else {
        exit::CHECK_FAILED
    })
}

/// Saves over the file as the workbench does, unless a workbench has it open.
fn save(
    path: &Path,
    project: &Project,
    preamble: &str,
    expected: store::Fingerprint,
    backup: bool,
) -> Result<(), String> {
    let _lock = match lock::acquire(path) {
        Ok(lock::Locking::Acquired(lock)) => lock,
        Ok(lock::Locking::HeldBy(holder)) => {
            return Err(format!(
                "{} is open in a workbench ({}); nothing was written. Close it, or add --dry-run to see the plan",
                path.display(),
                holder.describe()
            ));
        }
        Err(e) => {
            return Err(format!(
                "{}: cannot take the lock beside it ({e}); nothing was written",
                path.display()
            ));
        }
    };
    store::save_with(
        path,
        project,
        preamble,
        &SaveOptions {
            backup,
            expected: Some(expected),
        },
    )
    .map(|_| ())
    .map_err(|e| e.to_string())
}

fn text(
    project: &Project,
    from: &str,
    into: &str,
    plan: &Plan,
    written: bool,
    r: &OptimiseRequest,
) -> String {
    let mut s = crate::report::plan_text(project.title(), from, plan, project.currency());
    s.push('\n');
    s.push_str(&if written {
        format!(
            "Written to {} as scenario \"{into}\". Compare: coprod diff {} --from \"{from}\" --to \"{into}\"\n",
            r.file.display(),
            r.file.display()
        )
    } else if r.dry_run {
        "Dry run: the file is unchanged.\n".to_string()
    } else if !plan.feasible {
        "Nothing was written: the plan does not meet every constraint.\n".to_string()
    } else {
        "Nothing was written: there is nothing to move.\n".to_string()
    });
    s
}
