//! `coprod [FILE]`: open the workbench. The file, the theme and the key file are read and
//! checked before the screen is taken over, so a problem gets its message in the normal
//! terminal.

use super::{BUNDLED_SAMPLE, exit};
use crate::store;
use crate::tui::app::App;
use crate::tui::keymap::{KeyFile, Keymap};
use crate::tui::run::{Origin, run};
use crate::tui::theme::Theme;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// What the command line asked the workbench for.
#[derive(Debug, Default)]
pub struct OpenOptions<'a> {
    pub file: Option<&'a Path>,
    /// The bundled sample, whatever was opened last.
    pub sample: bool,
    pub theme: Option<&'a str>,
}

pub fn run_workbench(options: OpenOptions, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    super::finish(open(options, out, err), err)
}

fn open(options: OpenOptions, out: &mut dyn Write, err: &mut dyn Write) -> super::Outcome {
    // With no file: the project opened last, else the bundled sample.
    let remembered: Option<PathBuf> = match (options.file, options.sample) {
        (None, false) => store::last_opened(),
        _ => None,
    };
    let path = options.file.or(remembered.as_deref());
    let (origin_name, loaded) = match path {
        Some(p) => (p.display().to_string(), store::load(p)),
        None => (
            BUNDLED_SAMPLE.0.to_string(),
            store::load_str(Path::new(BUNDLED_SAMPLE.0), BUNDLED_SAMPLE.1),
        ),
    };
    let doc = loaded.map_err(|e| match &remembered {
        Some(_) => format!(
            "{e}\n(this is the project opened last; open another with `coprod FILE`, or the sample with `coprod --sample`)"
        ),
        None => e.to_string(),
    })?;
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
    let theme = Theme::from_env(options.theme)?;
    let keys = match store::key_file_path() {
        Some(file) if file.is_file() => read_keys(&file)?,
        _ => Keymap::default(),
    };
    let rules = super::rule_book().map_err(|e| e.to_string())?;
    if let Some(p) = path {
        // Forgetting is harmless: the next bare `coprod` opens the sample instead.
        let _ = store::remember_opened(p);
    }
    let suggested_name = Path::new(&origin_name)
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "project.ron".into());
    let origin = Origin {
        path: path.map(Path::to_path_buf),
        preamble: doc.preamble,
        suggested_name,
    };
    run(App::with_keys(doc.project, rules, keys), origin, theme)
        .map_err(|e| format!("the terminal failed: {e}"))?;
    Ok(exit::OK)
}

/// The key file, with its problems named by file, line and column.
pub fn read_keys(file: &Path) -> Result<Keymap, String> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("{}: cannot read the key file: {e}", file.display()))?;
    let parsed: KeyFile = ron::from_str(&text).map_err(|e| {
        format!(
            "{}:{}:{}: {}; see \"Keys\" in the README for the format, or move the file away",
            file.display(),
            e.span.start.line,
            e.span.start.col,
            e.code
        )
    })?;
    Keymap::with_overrides(&parsed)
        .map_err(|e| format!("{}: {e}; fix the key file or move it away", file.display()))
}
