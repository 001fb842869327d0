//! The event loop: the terminal, keys and mouse in, frames out. The terminal is restored on
//! every way out, panics included (ratatui's init installs the hook; the mouse is released
//! by the same hook chain).

use super::app::{App, Outcome, Overlay};
use super::theme::Theme;
use super::view;
use crate::store;
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::execute;
use ratatui::layout::Rect;
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
pub fn run(mut app: App, mut origin: Origin, theme: Theme) -> std::io::Result<()> {
    let mut terminal = ratatui::init();
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        hook(info);
    }));
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    let result = (|| -> std::io::Result<()> {
        loop {
            terminal.draw(|frame| view::draw(frame, &app, &theme))?;
            match event::read()? {
                Event::Key(key) if key.kind == KeyEventKind::Press => {
                    let outcome = app.handle_key(key);
                    match outcome {
                        Outcome::Continue => {}
                        Outcome::Quit => return Ok(()),
                        Outcome::Save => {
                            save(&mut app, &mut origin);
                        }
                        Outcome::SaveAndQuit => {
                            if save(&mut app, &mut origin) {
                                return Ok(());
                            }
                        }
                    }
                }
                Event::Mouse(mouse) => {
                    let size = terminal.size()?;
                    let area = Rect::new(0, 0, size.width, size.height);
                    on_mouse(&mut app, area, mouse.kind, mouse.column, mouse.row);
                }
                // A resize redraws at the new size on the next turn of the loop.
                _ => {}
            }
        }
    })();
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

/// The wheel scrolls the panel (or view) under the pointer; a click selects a row.
pub fn on_mouse(app: &mut App, area: Rect, kind: MouseEventKind, column: u16, row: u16) {
    use super::action::Action;
    let over_workbench = app.overlay == Overlay::None;
    match kind {
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            if over_workbench {
                if let Some((panel, _)) = view::hit(area, app, column, row) {
                    let at = app.panel_cursor(panel);
                    app.point_at(panel, at);
                }
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
            let _ = store::remember_opened(&path);
            origin.path = Some(path);
            true
        }
        Err(e) => {
            app.status = format!("{e}; your changes are still here");
            false
        }
    }
}
