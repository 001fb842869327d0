//! What went wrong reading a file, with where and what to do.

use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{path}: cannot read the file: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: the file is not UTF-8 text (byte {offset}); save it as UTF-8")]
    NotText { path: PathBuf, offset: usize },
    #[error("{path}: the file is empty; a project starts with (version: 1, ...)")]
    Empty { path: PathBuf },
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{path}: this file is format version {found}, newer than this coprod understands (up to {supported}); update coprod to open it"
    )]
    NewerVersion {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: cannot save: {message}")]
    Save { path: PathBuf, message: String },
    #[error(transparent)]
    Rules(#[from] crate::rules::RuleError),
}
