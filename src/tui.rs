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
