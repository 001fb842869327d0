//! `coprod report`: the whole assessment as a table, JSON, CSV or Markdown.

use super::{ReportFormat, exit};
use crate::engine::{Assessment, assess};
use crate::model::Project;
use crate::store;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// The JSON report: version stamps, then the assessment's fields (docs/report-json.md).
#[derive(Serialize)]
struct JsonReport<'a> {
    report_version: u32,
    coprod_version: &'static str,
    #[serde(flatten)]
    assessment: &'a Assessment,
}

pub fn run_report(
    path: &Path,
    scenario: Option<&str>,
    format: ReportFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let outcome = store::load(path)
        .map_err(|e| e.to_string())
        .and_then(|doc| {
            report_project(
                &doc.project,
                &path.display().to_string(),
                scenario,
                format,
                out,
            )
        });
    super::finish(outcome, err)
}

/// Reports on project text that is not on disk (the bundled sample).
pub fn run_report_text(
    origin: &str,
    text: &str,
    format: ReportFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let outcome = store::load_str(Path::new(origin), text)
        .map_err(|e| e.to_string())
        .and_then(|doc| report_project(&doc.project, origin, None, format, out));
    super::finish(outcome, err)
}

fn report_project(
    project: &Project,
    origin: &str,
    scenario: Option<&str>,
    format: ReportFormat,
    out: &mut dyn Write,
) -> super::Outcome {
    let rules = super::rule_book().map_err(|e| e.to_string())?;
    let scenario = project
        .scenario_or_first(scenario)
        .map_err(|e| format!("{origin}: {e}"))?;
    let a = assess(project, scenario, &rules);
    let text = match format {
        ReportFormat::Json => {
            let report = JsonReport {
                report_version: 1,
                coprod_version: env!("CARGO_PKG_VERSION"),
                assessment: &a,
            };
            serde_json::to_string_pretty(&report).map_err(|e| format!("cannot write JSON: {e}"))?
                + "\n"
        }
        ReportFormat::Table => crate::report::tables(&a)
            .iter()
            .map(crate::report::Table::text)
            .collect::<Vec<_>>()
            .join("\n"),
        ReportFormat::Md => crate::report::tables(&a)
            .iter()
            .map(crate::report::Table::markdown)
            .collect::<Vec<_>>()
            .join("\n"),
        ReportFormat::Csv => crate::report::assessment_csv(&a),
    };
    out.write_all(text.as_bytes())
        .map_err(|e| format!("cannot write the report: {e}"))?;
    Ok(exit::OK)
}
