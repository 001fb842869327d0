//! `coprod import` and `coprod export`: budgets in from tables, and out to them.

use super::exit;
use crate::export::Target;
use crate::interchange::{self, Mapping};
use crate::model::Project;
use crate::report::Pack;
use crate::store::tables::{read_mapping, read_table};
use crate::store::{self, SaveOptions, lock};
use std::io::Write;
use std::path::Path;

pub struct ImportRequest<'a> {
    pub table: &'a Path,
    pub into: &'a Path,
    pub map: Option<&'a Path>,
    pub dry_run: bool,
    pub skip_invalid: bool,
    pub backup: bool,
}

pub fn run_import(r: ImportRequest, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    super::finish(import(r, out), err)
}

fn import(r: ImportRequest, out: &mut dyn Write) -> super::Outcome {
    let doc = store::load(r.into).map_err(|e| {
        format!("{e}\n(import adds lines to an existing project: create one first with coprod new)")
    })?;
    let mapping = match r.map {
        Some(p) => read_mapping(p)?,
        None => Mapping::default(),
    };
    let rows = read_table(r.table)?;
    let reading = interchange::read(&rows, &doc.project, &mapping)
        .map_err(|e| format!("{}: {e}", r.table.display()))?;
    let mut text = interchange::describe(
        &r.table.display().to_string(),
        &reading,
        if r.dry_run { 10 } else { 0 },
    );
    if !reading.errors.is_empty() && !r.skip_invalid {
        text.push_str(&format!(
            "\nNothing was written: {} row(s) cannot be read. Correct them, or add --skip-invalid to import the rest.\n",
            reading.errors.len()
        ));
        out.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
        return Ok(exit::INVALID);
    }
    if r.dry_run {
        text.push_str("\nDry run: nothing was written.\n");
        out.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
        return Ok(exit::OK);
    }
    let mut data = doc.project.data().clone();
    let applied = interchange::apply(&mut data, &reading);
    let project = Project::new(data).map_err(|e| {
        format!(
            "{}: the imported lines do not fit the project: {e}; nothing was written",
            r.table.display()
        )
    })?;
    let _lock = match lock::acquire(r.into) {
        Ok(lock::Locking::Acquired(l)) => l,
        Ok(lock::Locking::HeldBy(h)) => {
            return Err(format!(
                "{} is open in a workbench ({}); nothing was written. Close it and import again",
                r.into.display(),
                h.describe()
            ));
        }
        Err(e) => return Err(format!("{}: cannot take the lock ({e})", r.into.display())),
    };
    store::save_with(
        r.into,
        &project,
        &doc.preamble,
        &SaveOptions {
            backup: r.backup,
            expected: Some(doc.fingerprint),
        },
    )
    .map_err(|e| e.to_string())?;
    text.push_str(&format!(
        "\nWritten to {}: {}{} line(s) added, {} updated, {} unchanged{}.\n",
        r.into.display(),
        if applied.new_accounts.is_empty() {
            String::new()
        } else {
            format!("{} account(s) added, ", applied.new_accounts.len())
        },
        applied.added.len(),
        applied.updated.len(),
        applied.unchanged,
        if reading.errors.is_empty() {
            String::new()
        } else {
            format!(
                "; {} invalid row(s) skipped (listed above)",
                reading.errors.len()
            )
        }
    ));
    out.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    Ok(exit::OK)
}

pub struct ExportRequest<'a> {
    pub project: &'a Path,
    pub to: &'a Path,
    pub scenario: Option<&'a str>,
    /// A pack's name; the full pack when `None`.
    pub pack: Option<&'a str>,
}

pub fn run_export(r: ExportRequest, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    super::finish(export(r, out), err)
}

fn export(r: ExportRequest, out: &mut dyn Write) -> super::Outcome {
    let doc = store::load(r.project).map_err(|e| e.to_string())?;
    let project = &doc.project;
    let scenario = project
        .scenario_or_first(r.scenario)
        .map_err(|e| format!("{}: {e}", r.project.display()))?;
    let pack = match r.pack {
        Some(name) => Pack::parse(name)?,
        None => Pack::Full,
    };
    let target = Target::of(r.to, r.to.is_dir())?;
    let rules = super::rule_book().map_err(|e| e.to_string())?;
    let (files, stamp) = crate::export::render(project, scenario, &rules, pack, target)
        .map_err(|e| format!("{}: {e}", r.to.display()))?;
    let written = store::write_export(r.to, &files)?;
    if target == Target::Directory {
        for path in &written {
            let _ = writeln!(out, "Wrote {}", path.display());
        }
        let _ = writeln!(out, "({stamp})");
    } else {
        let _ = writeln!(out, "Wrote {} ({stamp})", r.to.display());
    }
    Ok(exit::OK)
}
