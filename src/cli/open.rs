//! `coprod [FILE]`: open the workbench. The file, the theme and the key file are read and
//! checked before the screen is taken over, so a problem gets its message in the normal
//! terminal.

use super::{BUNDLED_SAMPLE, exit};
use crate::model::diff;
use crate::store;
use crate::store::lock::{self, Locking};
use crate::store::recovery::{self, Journal, Subject};
use crate::tui::app::App;
use crate::tui::app::RecoveryOffer;
use crate::tui::keymap::{KeyFile, Keymap};
use crate::tui::run::{Session, run};
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
    /// Take the file over even if another workbench has it open.
    pub force: bool,
    /// Keep the replaced version as FILE.bak on each save.
    pub backup: bool,
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
    let mut app = App::with_keys(doc.project, rules, keys);
    let mut session = Session {
        path: path.map(Path::to_path_buf),
        preamble: doc.preamble,
        suggested_name: suggested_name.clone(),
        fingerprint: path.map(|_| doc.fingerprint),
        backup: options.backup,
        lock: None,
        journal: None,
        recovered: None,
    };
    let subject = match path {
        Some(p) => {
            let taken = if options.force {
                lock::take_over(p)
            } else {
                lock::acquire(p)
            };
            match taken {
                Ok(Locking::Acquired(held)) => session.lock = Some(held),
                Ok(Locking::HeldBy(holder)) => {
                    app.read_only = Some(format!(
                        "{} is open in another coprod ({}); to edit it here anyway, quit and run `coprod --force {}`",
                        p.display(),
                        holder.describe(),
                        p.display()
                    ));
                    app.status = format!("Read-only: {}", app.read_only.as_deref().unwrap_or(""));
                }
                // A directory where no lock can be written: the file can still be edited.
                Err(_) => {}
            }
            Subject::file(p)
        }
        None => Subject::Unsaved(suggested_name),
    };
    if app.read_only.is_none() {
        session.journal = Journal::for_subject(subject);
        offer_recovery(&mut app, &mut session);
    }
    run(app, session, theme)?;
    Ok(exit::OK)
}

/// Unsaved work from an earlier session of this file, offered back before anything else.
fn offer_recovery(app: &mut App, session: &mut Session) {
    let Some(journal) = &session.journal else {
        return;
    };
    match journal.read() {
        Ok(None) => {}
        Ok(Some(recovered)) => {
            let mut summary = diff::summary(app.project(), &recovered.project);
            if summary.is_empty() {
                // Nothing that is not already in the file.
                let _ = journal.remove();
                return;
            }
            if recovered.base.is_some() && recovered.base != session.fingerprint {
                summary.push(
                    "the file on disk has changed since this work began (saved from elsewhere?)"
                        .into(),
                );
            }
            app.offer_recovery(RecoveryOffer {
                when: recovery::ago(recovered.written),
                summary,
                journal: journal.path().display().to_string(),
            });
            session.recovered = Some(recovered);
        }
        Err(e) => {
            // Never overwrite a journal that may hold someone's only copy of their work.
            app.status = format!(
                "A recovery journal was found but cannot be read ({e}); it is kept as it is, and this session keeps no journal"
            );
            session.journal = None;
        }
    }
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
