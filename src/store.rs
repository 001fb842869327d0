//! Reading and writing project files: RON text ⇄ `Project`, with errors that name the file,
//! line and column, and saves that never leave a half-written file behind.

mod error;
mod exports;
pub mod lock;
mod project_file;
pub mod recovery;
mod rule_files;
mod settings;
pub mod tables;

pub use error::LoadError;
pub use exports::write_export;
pub use project_file::{
    Document, Fingerprint, SaveOptions, backup_path, load, load_str, save, save_with, to_ron,
};
pub use rule_files::{load_rule_book, user_rules_dir};
pub use settings::{key_file_path, last_opened, remember_opened};

/// Seconds since the Unix epoch (0 if the clock is before it), for locks and journals.
fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}
