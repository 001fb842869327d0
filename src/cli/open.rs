//! `coprod [FILE]`: open the workbench. The file is read and checked before the screen is
//! taken over, so a bad file gets its message in the normal terminal.

use super::{BUNDLED_SAMPLE, exit};
use crate::store;
use crate::tui::app::App;
use crate::tui::run::{Origin, run};
use std::io::{IsTerminal, Write};
use std::path::Path;

pub fn run_workbench(path: Option<&Path>, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    super::finish(open(path, out, err), err)
}

fn open(path: Option<&Path>, out: &mut dyn Write, err: &mut dyn Write) -> super::Outcome {
    let (origin_name, loaded) = match path {
        Some(p) => (p.display().to_string(), store::load(p)),
        None => (
            BUNDLED_SAMPLE.0.to_string(),
            store::load_str(Path::new(BUNDLED_SAMPLE.0), BUNDLED_SAMPLE.1),
        ),
    };
    let doc = loaded.map_err(|e| e.to_string())?;
    if !std::io::stdout().is_terminal() {
        // Piped or redirected: the report is what can be read there.
        return Ok(match path {
            Some(p) => super::run_report(p, None, super::ReportFormat::Table, out, err),
            None => super::run_report_text(
                BUNDLED_SAMPLE.0,
                BUNDLED_SAMPLE.1,
                super::ReportFormat::Table,
                out,
                err,
            ),
        });
    }
    let rules = super::rule_book().map_err(|e| e.to_string())?;
    let suggested_name = Path::new(&origin_name)
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "project.ron".into());
    let origin = Origin {
        path: path.map(Path::to_path_buf),
        preamble: doc.preamble,
        suggested_name,
    };
    run(App::new(doc.project, rules), origin).map_err(|e| format!("the terminal failed: {e}"))?;
    Ok(exit::OK)
}
