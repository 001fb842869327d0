//! The interactive workbench: app state, actions, key bindings and views.
//!
//! The app never computes money: every figure it shows comes from the engine's latest
//! `Assessment`. Every change is an `Edit` on the project, so undo and redo are exact.

pub mod action;
pub mod app;
pub mod editor;
pub mod explain;
pub mod keymap;
pub mod rows;
pub mod run;
pub mod theme;
pub mod view;

/// `text` cut to `width` characters, with `…` when something was cut.
pub(crate) fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut t: String = text.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}
