//! The event loop: the terminal, keys and mouse in, frames out, and everything that keeps
//! the work safe: saves that refuse to overwrite someone else's changes, the recovery
//! journal written while there are unsaved changes, and a panic that restores the terminal
//! and keeps the journal (ratatui's init installs the restoring hook; the mouse is released
//! by the same hook chain).

use super::app::{App, Outcome, Overlay, RecoveryChoice};
use super::theme::Theme;
use super::view;
use crate::store::lock::{self, Lock, Locking};
use crate::store::recovery::{Journal, Recovered, Subject};
use crate::store::{self, Fingerprint, SaveOptions};
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::execute;
use ratatui::layout::Rect;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The journal is written at most this often while edits keep coming (and at once after a
/// change of scenarios, partners or treaty).
const JOURNAL_EVERY: Duration = Duration::from_secs(2);

/// The file behind the workbench and what keeps it safe.
pub struct Session {
    /// The file, or `None` for the bundled sample.
    pub path: Option<PathBuf>,
    /// The comment block at the top of the file, kept on save.
    pub preamble: String,
    /// The file name to offer when the project has no file yet.
    pub suggested_name: String,
    /// What the file held when it was opened or last saved.
    pub fingerprint: Option<Fingerprint>,
    /// Keep the replaced version as FILE.bak on each save.
    pub backup: bool,
    /// This workbench's hold on the file (`None` when read-only or for the sample).
    pub lock: Option<Lock>,
    /// Where unsaved work is kept (`None` when read-only, or when a journal that could not
    /// be read must not be overwritten).
    pub journal: Option<Journal>,
    /// Unsaved work found at start, waiting for the person's answer.
    pub recovered: Option<Recovered>,
}

/// How far the journal has caught up with the project.
#[derive(Default)]
struct JournalState {
    revision: u64,
    last: Option<Instant>,
    written: bool,
}

/// Runs the workbench until the person quits. A panic restores the terminal, keeps the
/// unsaved work in the journal and comes back as an error saying so.
pub fn run(mut app: App, mut session: Session, theme: Theme) -> Result<(), String> {
    let mut terminal = ratatui::init();
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        hook(info);
    }));
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    let mut journal = JournalState::default();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop(&mut terminal, &mut app, &mut session, &mut journal, &theme)
    }));
    match result {
        Ok(result) => {
            let _ = execute!(std::io::stdout(), DisableMouseCapture);
            ratatui::restore();
            result.map_err(|e| format!("the terminal failed: {e}"))
        }
        // The panic hook has restored the terminal already; leaving the alternate screen
        // twice would move the cursor back over the panic message.
        Err(_) => Err(after_panic(&app, &session)),
    }
}

/// What to tell the person after a panic, once the journal has the unsaved work.
fn after_panic(app: &App, session: &Session) -> String {
    let kept = match (&session.journal, app.unsaved) {
        (_, 0) => "There were no unsaved changes.".to_string(),
        (Some(journal), _) => {
            match journal.write(app.project(), &session.preamble, session.fingerprint) {
                Ok(()) => format!(
                    "Your {} unsaved change{} {} kept in {}; open {} again and coprod offers {} back.",
                    app.unsaved,
                    if app.unsaved == 1 { "" } else { "s" },
                    if app.unsaved == 1 { "is" } else { "are" },
                    journal.path().display(),
                    session
                        .path
                        .as_deref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| "the project".into()),
                    if app.unsaved == 1 { "it" } else { "them" },
                ),
                Err(e) => format!("The unsaved changes could not be kept ({e})."),
            }
        }
        (None, _) => {
            "The unsaved changes could not be kept: there is no recovery journal for this session."
                .to_string()
        }
    };
    format!(
        "coprod stopped on an internal error (the message above says where). {kept} Please report it with that message and the steps that led to it."
    )
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    session: &mut Session,
    journal: &mut JournalState,
    theme: &Theme,
) -> std::io::Result<()> {
    // Debug builds only: panic after this many keys, so tests can watch a panic end well.
    #[cfg(debug_assertions)]
    let mut panic_in: Option<usize> = std::env::var("COPROD_DEBUG_PANIC_AFTER_KEYS")
        .ok()
        .and_then(|n| n.parse().ok());
    loop {
        terminal.draw(|frame| view::draw(frame, app, theme))?;
        // While the optimiser works, look for its proposal often.
        let wait = if app.busy() { 50 } else { 500 };
        if !event::poll(Duration::from_millis(wait))? {
            app.poll_background();
            keep_journal(app, session, journal);
            continue;
        }
        match event::read()? {
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                #[cfg(debug_assertions)]
                if let Some(n) = panic_in.as_mut() {
                    if *n == 0 {
                        panic!("COPROD_DEBUG_PANIC_AFTER_KEYS asked for a panic here");
                    }
                    *n -= 1;
                }
                match app.handle_key(key) {
                    Outcome::Continue => {}
                    Outcome::Quit => {
                        // Quitting with unsaved changes was confirmed: they are discarded.
                        if let Some(j) = &session.journal {
                            let _ = j.remove();
                        }
                        return Ok(());
                    }
                    Outcome::Save => {
                        save(app, session, journal, None);
                    }
                    Outcome::SaveAndQuit => {
                        if save(app, session, journal, None) {
                            return Ok(());
                        }
                    }
                    Outcome::SaveAs(path) => {
                        save(app, session, journal, Some(path));
                    }
                    Outcome::Recover(choice) => recover(app, session, journal, choice),
                }
            }
            Event::Mouse(mouse) => {
                let size = terminal.size()?;
                let area = Rect::new(0, 0, size.width, size.height);
                on_mouse(app, area, mouse.kind, mouse.column, mouse.row);
            }
            // A resize redraws at the new size on the next turn of the loop.
            _ => {}
        }
        keep_journal(app, session, journal);
    }
}

/// Brings the recovery journal up to date when it is due; removes it once nothing is
/// unsaved.
fn keep_journal(app: &mut App, session: &Session, state: &mut JournalState) {
    let Some(journal) = &session.journal else {
        return;
    };
    if matches!(app.overlay, Overlay::Recover(_)) {
        // The journal on disk is the work being offered back: leave it alone.
        return;
    }
    if app.unsaved == 0 {
        if state.written && journal.remove().is_ok() {
            state.written = false;
        }
        state.revision = app.revision;
        return;
    }
    if app.revision == state.revision && state.written {
        return;
    }
    let due = app.structural || state.last.is_none_or(|t| t.elapsed() >= JOURNAL_EVERY);
    if !due {
        return;
    }
    match journal.write(app.project(), &session.preamble, session.fingerprint) {
        Ok(()) => {
            state.revision = app.revision;
            state.last = Some(Instant::now());
            state.written = true;
        }
        Err(e) => {
            app.status =
                format!("The recovery journal could not be written ({e}): save often with Ctrl-s");
            state.last = Some(Instant::now());
        }
    }
}

/// The wheel scrolls the panel (or view) under the pointer; a click selects a row.
pub fn on_mouse(app: &mut App, area: Rect, kind: MouseEventKind, column: u16, row: u16) {
    use super::action::Action;
    let over_workbench = app.overlay == Overlay::None;
    match kind {
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            if over_workbench && let Some((panel, _)) = view::hit(area, app, column, row) {
                let at = app.panel_cursor(panel);
                app.point_at(panel, at);
            }
            let action = if kind == MouseEventKind::ScrollDown {
                Action::CursorDown
            } else {
                Action::CursorUp
            };
            for _ in 0..3 {
                app.perform(action);
            }
        }
        MouseEventKind::Down(MouseButton::Left) if over_workbench => {
            if let Some((panel, item)) = view::hit(area, app, column, row) {
                let at = item.unwrap_or_else(|| app.panel_cursor(panel));
                app.point_at(panel, at);
            }
        }
        _ => {}
    }
}

/// Saves to the project's file, or to `target` (save as). A save that fails keeps the work
/// in memory and asks for another file. True when saved.
fn save(
    app: &mut App,
    session: &mut Session,
    journal: &mut JournalState,
    target: Option<PathBuf>,
) -> bool {
    if let Some(why) = &app.read_only {
        app.status = format!("Read-only, nothing saved: {why}");
        return false;
    }
    let path = target
        .or_else(|| session.path.clone())
        .unwrap_or_else(|| PathBuf::from(&session.suggested_name));
    let same_file = session.path.as_deref() == Some(path.as_path());
    let options = SaveOptions {
        backup: session.backup,
        expected: if same_file { session.fingerprint } else { None },
    };
    let had_file = same_file && path.exists();
    match store::save_with(&path, app.project(), &session.preamble, &options) {
        Ok(fingerprint) => {
            if let Some(j) = &session.journal {
                let _ = j.remove();
            }
            journal.written = false;
            if !same_file {
                switch_file(app, session, &path);
            }
            session.fingerprint = Some(fingerprint);
            app.unsaved = 0;
            app.status = if had_file && session.backup {
                format!(
                    "Saved to {} (the previous version is in {})",
                    path.display(),
                    store::backup_path(&path).display()
                )
            } else {
                format!("Saved to {}", path.display())
            };
            let _ = store::remember_opened(&path);
            true
        }
        Err(e) => {
            let why = e.to_string();
            app.ask_save_as(&another_name(&path, "saved"), &why);
            app.status = format!("{why}; your changes are still here");
            false
        }
    }
}

/// The workbench now works on `path`: its lock and its journal follow.
fn switch_file(app: &mut App, session: &mut Session, path: &Path) {
    session.lock = match lock::acquire(path) {
        Ok(Locking::Acquired(lock)) => Some(lock),
        Ok(Locking::HeldBy(holder)) => {
            app.status = format!(
                "{} is also open in another coprod ({})",
                path.display(),
                holder.describe()
            );
            None
        }
        Err(_) => None,
    };
    session.journal = Journal::for_subject(Subject::file(path));
    session.path = Some(path.to_path_buf());
}

/// `film.ron` → `film.saved.ron`, then `film.saved-2.ron` … : a name that is free.
pub fn another_name(path: &Path, tag: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "project".into());
    (1..)
        .map(|n| {
            let name = if n == 1 {
                format!("{stem}.{tag}.ron")
            } else {
                format!("{stem}.{tag}-{n}.ron")
            };
            path.with_file_name(name)
        })
        .find(|p| !p.exists())
        .expect("some name is free")
}

/// Carries out the person's answer to the recovery offer.
fn recover(
    app: &mut App,
    session: &mut Session,
    journal: &mut JournalState,
    choice: RecoveryChoice,
) {
    let Some(recovered) = session.recovered.take() else {
        return;
    };
    match choice {
        RecoveryChoice::Restore => {
            app.replace_project(recovered.project);
            // Saving must still notice a file that changed after the work began.
            if recovered.base.is_some() {
                session.fingerprint = recovered.base;
            }
            journal.written = true;
            app.status = "Restored the unsaved work: Ctrl-s saves it".into();
        }
        RecoveryChoice::Discard => {
            if let Some(j) = &session.journal {
                let _ = j.remove();
            }
            app.status = "Discarded the unsaved work; this is the file as it is on disk".into();
        }
        RecoveryChoice::KeepBoth => {
            let base = session
                .path
                .clone()
                .unwrap_or_else(|| PathBuf::from(&session.suggested_name));
            let path = another_name(&base, "recovered");
            let options = SaveOptions {
                backup: false,
                expected: None,
            };
            match store::save_with(&path, &recovered.project, &recovered.preamble, &options) {
                Ok(fingerprint) => {
                    if let Some(j) = &session.journal {
                        let _ = j.remove();
                    }
                    let was = base.display().to_string();
                    switch_file(app, session, &path);
                    session.fingerprint = Some(fingerprint);
                    app.replace_project(recovered.project);
                    app.unsaved = 0;
                    app.status = format!(
                        "The unsaved work is now {}, open here; {was} is as it was",
                        path.display()
                    );
                }
                Err(e) => {
                    // Nothing is lost: the journal stays, and the work is restored here.
                    app.replace_project(recovered.project);
                    journal.written = true;
                    app.status = format!("{e}; the unsaved work is restored here instead");
                }
            }
        }
    }
}
