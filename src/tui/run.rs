//! The event loop: the terminal, keys in, frames out. The terminal is restored on every way
//! out, panics included (ratatui's init installs the hook).

use super::action::Action;
use super::app::{App, Overlay};
use super::keymap::{self, Binding};
use super::theme::Theme;
use super::view;
use crate::store;
use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::path::PathBuf;

/// Where the project came from, and so where Ctrl-s writes it.
pub struct Origin {
    /// The file, or `None` for the bundled sample.
    pub path: Option<PathBuf>,
    /// The comment block at the top of the file, kept on save.
    pub preamble: String,
    /// The file name to offer when the project has no file yet.
    pub suggested_name: String,
}

/// Runs the workbench until the person quits.
pub fn run(mut app: App, mut origin: Origin) -> std::io::Result<()> {
    let theme = Theme::from_env();
    let keys = keymap::DEFAULT;
    let mut terminal = ratatui::init();
    let result = (|| -> std::io::Result<()> {
        loop {
            terminal.draw(|frame| view::draw(frame, &app, keys, &theme))?;
            if let Event::Key(key) = event::read()? {
                if key.kind != KeyEventKind::Press {
                    continue;
                }
                if handle_key(&mut app, &mut origin, keys, key) == Flow::Quit {
                    return Ok(());
                }
            }
        }
    })();
    ratatui::restore();
    result
}

#[derive(Debug, PartialEq, Eq)]
enum Flow {
    Continue,
    Quit,
}

/// What a key does, given the overlay on screen. Public to the crate for tests.
fn handle_key(app: &mut App, origin: &mut Origin, keys: &[Binding], key: KeyEvent) -> Flow {
    let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
    let action = if ctrl_c {
        Some(Action::Quit)
    } else {
        keymap::action_for(keys, key)
    };
    match app.overlay {
        Overlay::Help => {
            app.overlay = Overlay::None;
            Flow::Continue
        }
        Overlay::ConfirmQuit => {
            app.overlay = Overlay::None;
            match action {
                Some(Action::Quit) => Flow::Quit,
                Some(Action::Save) if save(app, origin) => Flow::Quit,
                _ => {
                    app.status = "Still here.".into();
                    Flow::Continue
                }
            }
        }
        Overlay::None => match action {
            Some(Action::Quit) if app.unsaved > 0 => {
                app.overlay = Overlay::ConfirmQuit;
                Flow::Continue
            }
            Some(Action::Quit) => Flow::Quit,
            Some(Action::Help) => {
                app.overlay = Overlay::Help;
                Flow::Continue
            }
            Some(Action::Save) => {
                save(app, origin);
                Flow::Continue
            }
            Some(action) => {
                app.perform(action);
                Flow::Continue
            }
            None => Flow::Continue,
        },
    }
}

/// Saves to the project's file; the bundled sample goes to a new file in the current
/// directory, never over an existing one. True when saved.
fn save(app: &mut App, origin: &mut Origin) -> bool {
    let path = match &origin.path {
        Some(p) => p.clone(),
        None => {
            let candidate = PathBuf::from(&origin.suggested_name);
            if candidate.exists() {
                app.status = format!(
                    "Not saved: {} already exists here; open it with `coprod {}` or move it away",
                    candidate.display(),
                    candidate.display()
                );
                return false;
            }
            candidate
        }
    };
    match store::save(&path, app.project(), &origin.preamble) {
        Ok(()) => {
            app.unsaved = 0;
            app.status = format!("Saved to {}", path.display());
            origin.path = Some(path);
            true
        }
        Err(e) => {
            app.status = format!("{e}; your changes are still here");
            false
        }
    }
}
