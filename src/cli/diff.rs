//! `coprod diff`: two scenarios of one file, or a scenario in two versions of a file, compared
//! in a producer's words (lines moved, re-priced, paid by another partner) with what it did to
//! incentives, shares, the treaty checks, the goals, the gap and the net cost.

use super::{DiffFormat, exit};
use crate::engine::assess;
use crate::engine::diff::{ScenarioDiff, Side, diff};
use crate::model::Project;
use crate::store;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// What to compare.
pub struct DiffRequest<'a> {
    pub file: &'a Path,
    /// A second version of the file: `file` is then the old one.
    pub other: Option<&'a Path>,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub format: DiffFormat,
}

#[derive(Serialize)]
struct JsonDiff<'a> {
    diff_version: u32,
    coprod_version: &'static str,
    before_file: String,
    after_file: String,
    #[serde(flatten)]
    diff: &'a ScenarioDiff,
}

pub fn run_diff(request: DiffRequest, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    super::finish(run(request, out), err)
}

fn run(r: DiffRequest, out: &mut dyn Write) -> super::Outcome {
    let rules = super::rule_book().map_err(|e| e.to_string())?;
    let old = store::load(r.file).map_err(|e| e.to_string())?;
    let new = match r.other {
        Some(path) => Some(store::load(path).map_err(|e| e.to_string())?),
        None => None,
    };
    let after_path = r.other.unwrap_or(r.file);
    let before_project = &old.project;
    let after_project: &Project = new.as_ref().map_or(before_project, |d| &d.project);
    let before = pick(before_project, r.file, r.from)?;
    let after = match (r.other, r.to) {
        (None, None) => {
            return Err(format!(
                "say which scenario to compare with: coprod diff {} --to NAME (the file has: {})",
                r.file.display(),
                names(before_project)
            ));
        }
        (_, Some(name)) => pick(after_project, after_path, Some(name))?,
        // Two versions of a file: the same scenario in the new one, else its first.
        (Some(_), None) => after_project
            .scenario(&before.name)
            .unwrap_or(&after_project.scenarios()[0]),
    };
    let a = assess(before_project, before, &rules);
    let b = assess(after_project, after, &rules);
    let d = diff(
        Side {
            project: before_project,
            scenario: before,
            assessment: &a,
        },
        Side {
            project: after_project,
            scenario: after,
            assessment: &b,
        },
    );
    let heading = if r.other.is_some() {
        format!(
            "{}: {} [{}] → {} [{}]",
            d.project,
            r.file.display(),
            d.before,
            after_path.display(),
            d.after
        )
    } else {
        format!("{}: \"{}\" → \"{}\"", d.project, d.before, d.after)
    };
    let text = match r.format {
        DiffFormat::Json => {
            let json = JsonDiff {
                diff_version: 1,
                coprod_version: env!("CARGO_PKG_VERSION"),
                before_file: r.file.display().to_string(),
                after_file: after_path.display().to_string(),
                diff: &d,
            };
            serde_json::to_string_pretty(&json).map_err(|e| format!("cannot write JSON: {e}"))?
                + "\n"
        }
        DiffFormat::Table => {
            let tables = crate::report::diff_tables(&d);
            let body: Vec<String> = tables.iter().map(crate::report::Table::text).collect();
            format!("{heading} ({})\n\n{}", d.currency, body.join("\n"))
        }
        DiffFormat::Md => {
            let tables = crate::report::diff_tables(&d);
            let body: Vec<String> = tables.iter().map(crate::report::Table::markdown).collect();
            format!("# {heading} ({})\n\n{}", d.currency, body.join("\n"))
        }
    };
    out.write_all(text.as_bytes())
        .map_err(|e| format!("cannot write the diff: {e}"))?;
    Ok(exit::OK)
}

fn pick<'p>(
    p: &'p Project,
    path: &Path,
    name: Option<&str>,
) -> Result<&'p crate::model::Scenario, String> {
    p.scenario_or_first(name)
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn names(p: &Project) -> String {
    p.scenarios()
        .iter()
        .map(|s| format!("\"{}\"", s.name))
        .collect::<Vec<_>>()
        .join(", ")
}
