//! `coprod import` and `coprod export`: budgets in from tables, and out to them.

use super::exit;
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
        "\nWritten to {}: {} line(s) added, {} updated, {} unchanged{}.\n",
        r.into.display(),
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
    let ext =
        r.to.extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_lowercase();
    let pack = match r.pack {
        Some(name) => Pack::parse(name)?,
        None => Pack::Full,
    };
    pack.fits(project.currency())
        .map_err(|e| format!("{}: {e}", r.project.display()))?;
    let rules = super::rule_book().map_err(|e| e.to_string())?;
    let stamp = stamp(project, &scenario.name, &rules, pack);
    let bytes = match ext.as_str() {
        "csv" if pack != Pack::Full => {
            return Err(format!(
                "{}: a .csv file holds one table, the budget lines. For the tables of the {} pack as CSV files, export to a directory: --to DIR/ --pack {}",
                r.to.display(),
                pack.name(),
                pack.name()
            ));
        }
        "csv" => csv_bytes(&stamp, &interchange::rows_of_lines(project, scenario))?,
        "" if r.to.is_dir() || r.to.to_string_lossy().ends_with('/') => {
            // A directory: the lines, and each table of the report, as CSV files.
            std::fs::create_dir_all(r.to)
                .map_err(|e| format!("{}: cannot create it: {e}", r.to.display()))?;
            let a = crate::engine::assess(project, scenario, &rules);
            let mut written = vec![r.to.join("lines.csv")];
            write_new(
                &written[0],
                &csv_bytes(&stamp, &interchange::rows_of_lines(project, scenario))?,
            )?;
            for (i, table) in pack.tables(project, &a).iter().enumerate() {
                let slug = if i == 0 {
                    "summary".to_string()
                } else {
                    slug(&table.title)
                };
                let mut rows = vec![table.headers.clone()];
                rows.extend(table.rows.iter().cloned());
                let path = r.to.join(format!("{}-{slug}.csv", i + 1));
                write_new(&path, &csv_bytes(&stamp, &rows)?)?;
                written.push(path);
            }
            // Every figure unformatted and exact, one per row, for other programs.
            let raw = r.to.join("assessment.csv");
            let mut bytes = csv_bytes(&stamp, &[])?;
            bytes.extend_from_slice(super::report::csv(&a).as_bytes());
            write_new(&raw, &bytes)?;
            written.push(raw);
            for path in &written {
                let _ = writeln!(out, "Wrote {}", path.display());
            }
            let _ = writeln!(out, "({stamp})");
            return Ok(exit::OK);
        }
        "xlsx" => {
            let a = crate::engine::assess(project, scenario, &rules);
            super::xlsx::workbook(project, scenario, &a, &stamp, pack)
                .map_err(|e| format!("{}: cannot build the workbook: {e}", r.to.display()))?
        }
        "md" => {
            let a = crate::engine::assess(project, scenario, &rules);
            let mut text = format!("{stamp}\n\n");
            for t in pack.tables(project, &a) {
                text.push_str(&t.markdown());
                text.push('\n');
            }
            text.into_bytes()
        }
        other => {
            return Err(format!(
                "{}: coprod exports to .xlsx (the financier's workbook), .csv (the budget lines), .md (the whole assessment) or a directory (DIR/: the lines and every report table as CSV){}",
                r.to.display(),
                if other.is_empty() {
                    String::new()
                } else {
                    format!(", not .{other}")
                }
            ));
        }
    };
    write_new(r.to, &bytes)?;
    let _ = writeln!(out, "Wrote {} ({stamp})", r.to.display());
    Ok(exit::OK)
}

/// Rows as CSV, the stamp in a row of its own above them (import passes over it: the heading
/// row is found below).
fn csv_bytes(stamp: &str, rows: &[Vec<String>]) -> Result<Vec<u8>, String> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    w.write_record([stamp]).map_err(|e| e.to_string())?;
    for row in rows {
        w.write_record(row).map_err(|e| e.to_string())?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

/// "Spend by territory" → "spend-by-territory"; the words before a colon, dash or bracket.
fn slug(title: &str) -> String {
    let head = title.split([':', '—', '(']).next().unwrap_or(title).trim();
    head.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// What every export states: the coprod version, the rule book's date, the scenario and the
/// pack when it is not the full one.
fn stamp(project: &Project, scenario: &str, rules: &crate::rules::RuleBook, pack: Pack) -> String {
    format!(
        "{} — scenario \"{scenario}\"{} — coprod {} — rule book as of {}",
        project.title(),
        if pack == Pack::Full {
            String::new()
        } else {
            format!(" — {} pack", pack.name())
        },
        env!("CARGO_PKG_VERSION"),
        rules
            .as_of()
            .map(|d| d.to_string())
            .unwrap_or_else(|| "(empty)".into())
    )
}

/// Writes `bytes` to `path` through a temporary file beside it, renamed over it.
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let tmp = path.with_extension(format!(
        "{}.tmp{}",
        path.extension().and_then(|e| e.to_str()).unwrap_or(""),
        std::process::id()
    ));
    let written = std::fs::File::create(&tmp)
        .and_then(|mut f| {
            f.write_all(bytes)?;
            f.sync_all()
        })
        .and_then(|()| std::fs::rename(&tmp, path));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("{}: cannot write it: {e}", path.display())
    })
}
