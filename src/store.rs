//! Reading and writing project files: RON text ⇄ `Project`, with errors that name the file,
//! line and column, and saves that never leave a half-written file behind.

mod error;
mod project_file;
mod rule_files;
mod settings;

pub use error::LoadError;
pub use project_file::{Document, load, load_str, save, to_ron};
pub use rule_files::{load_rule_book, user_rules_dir};
pub use settings::{key_file_path, last_opened, remember_opened};
