//! Why a project was refused: each error says what is wrong and what to do.

use thiserror::Error;

/// A project that breaks one of the model's rules. `anchor` is a piece of text the file is
/// likely to contain at the offending place (a quoted id), so the loader can point to it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{message}")]
pub struct ModelError {
    pub message: String,
    pub anchor: Option<String>,
    /// Which occurrence of the anchor (1: the first), so a duplicate points at the repeat.
    pub occurrence: usize,
}

impl ModelError {
    pub fn new(message: impl Into<String>) -> ModelError {
        ModelError {
            message: message.into(),
            anchor: None,
            occurrence: 1,
        }
    }

    /// Points the error at the first place the file writes `"id"`.
    pub fn at(mut self, id: &str) -> ModelError {
        self.anchor = Some(format!("\"{id}\""));
        self
    }

    /// Points the error at the `n`th place the file writes `text` exactly.
    pub fn at_text(mut self, text: String, n: usize) -> ModelError {
        self.anchor = Some(text);
        self.occurrence = n;
        self
    }
}
