//! What `coprod export` and the workbench's export write, as bytes: the financier's workbook,
//! the budget lines as CSV, a pack's tables as CSV files or Markdown. No I/O here: the caller
//! writes the files (atomically, through `store`).

mod xlsx;

use crate::engine::assess;
use crate::model::{Project, Scenario};
use crate::report::Pack;
use crate::rules::RuleBook;
use std::path::Path;

/// What kind of file an export writes, from the name it is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// `.xlsx`: the workbook.
    Workbook,
    /// `.csv`: the budget lines.
    Lines,
    /// `.md`: the pack's tables.
    Markdown,
    /// A directory (`DIR/`, or one that exists): the lines, the pack's tables and the raw
    /// assessment, each as CSV.
    Directory,
}

impl Target {
    /// The target `path` names; a path ending in `/`, or one the caller found to be a
    /// directory (`is_dir`), is a directory.
    pub fn of(path: &Path, is_dir: bool) -> Result<Target, String> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_lowercase();
        match ext.as_str() {
            "xlsx" => Ok(Target::Workbook),
            "csv" => Ok(Target::Lines),
            "md" => Ok(Target::Markdown),
            "" if is_dir || path.to_string_lossy().ends_with('/') => Ok(Target::Directory),
            other => Err(format!(
                "{}: coprod exports to .xlsx (the financier's workbook), .csv (the budget lines), .md (the assessment) or a directory (DIR/: the lines and every table as CSV){}",
                path.display(),
                if other.is_empty() {
                    String::new()
                } else {
                    format!(", not .{other}")
                }
            )),
        }
    }
}

/// One file of an export: its name within a directory export (empty for a single file) and
/// its contents.
pub struct File {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The files exporting `scenario` of `project` in `pack` to `target` gives, and the stamp
/// they carry. Refuses a pack the project cannot have and a pack's tables in a single CSV.
pub fn render(
    project: &Project,
    scenario: &Scenario,
    rules: &RuleBook,
    pack: Pack,
    target: Target,
) -> Result<(Vec<File>, String), String> {
    pack.fits(project.currency())?;
    let stamp = stamp(project, &scenario.name, rules, pack);
    let single = |bytes| {
        vec![File {
            name: String::new(),
            bytes,
        }]
    };
    let files = match target {
        Target::Lines if pack != Pack::Full => {
            return Err(format!(
                "a .csv file holds one table, the budget lines. For the tables of the {} pack as CSV files, export to a directory (a path ending in /)",
                pack.name()
            ));
        }
        Target::Lines => single(csv_bytes(
            &stamp,
            &crate::interchange::rows_of_lines(project, scenario),
        )?),
        Target::Workbook => {
            let a = assess(project, scenario, rules);
            single(
                xlsx::workbook(project, scenario, &a, &stamp, pack)
                    .map_err(|e| format!("cannot build the workbook: {e}"))?,
            )
        }
        Target::Markdown => {
            let a = assess(project, scenario, rules);
            let mut text = format!("{stamp}\n\n");
            for t in pack.tables(project, &a) {
                text.push_str(&t.markdown());
                text.push('\n');
            }
            single(text.into_bytes())
        }
        Target::Directory => {
            let a = assess(project, scenario, rules);
            let mut files = vec![File {
                name: "lines.csv".into(),
                bytes: csv_bytes(
                    &stamp,
                    &crate::interchange::rows_of_lines(project, scenario),
                )?,
            }];
            for (i, table) in pack.tables(project, &a).iter().enumerate() {
                let slug = if i == 0 {
                    "summary".to_string()
                } else {
                    slug(&table.title)
                };
                let mut rows = vec![table.headers.clone()];
                rows.extend(table.rows.iter().cloned());
                files.push(File {
                    name: format!("{}-{slug}.csv", i + 1),
                    bytes: csv_bytes(&stamp, &rows)?,
                });
            }
            // Every figure unformatted and exact, one per row, for other programs.
            let mut bytes = csv_bytes(&stamp, &[])?;
            bytes.extend_from_slice(crate::report::assessment_csv(&a).as_bytes());
            files.push(File {
                name: "assessment.csv".into(),
                bytes,
            });
            files
        }
    };
    Ok((files, stamp))
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
fn stamp(project: &Project, scenario: &str, rules: &RuleBook, pack: Pack) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_says_what_is_written() {
        let of = |p: &str, dir| Target::of(Path::new(p), dir);
        assert_eq!(of("plan.xlsx", false), Ok(Target::Workbook));
        assert_eq!(of("PLAN.XLSX", false), Ok(Target::Workbook));
        assert_eq!(of("lines.csv", false), Ok(Target::Lines));
        assert_eq!(of("plan.md", false), Ok(Target::Markdown));
        assert_eq!(of("tables/", false), Ok(Target::Directory));
        assert_eq!(of("tables", true), Ok(Target::Directory));
        let e = of("tables", false).unwrap_err();
        assert!(e.contains("DIR/"), "{e}");
        let e = of("plan.pdf", false).unwrap_err();
        assert!(e.ends_with("not .pdf"), "{e}");
    }

    #[test]
    fn table_titles_become_file_names() {
        assert_eq!(slug("Spend by territory"), "spend-by-territory");
        assert_eq!(
            slug("Summary budget by producer (the cost each partner covers)"),
            "summary-budget-by-producer"
        );
        assert_eq!(slug("Treaty: Canada–France — passes"), "treaty");
    }
}
