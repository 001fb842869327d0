//! The user's own rule files: `*.ron` in the config directory, merged over the embedded book.

use super::error::LoadError;
use crate::rules::RuleBook;
use crate::rules::book::parse_rule_file;
use std::path::{Path, PathBuf};

/// Where user rule files live (`~/.config/coprod/rules` on Linux).
pub fn user_rules_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "coprod").map(|d| d.config_dir().join("rules"))
}

/// The embedded rules, then every `*.ron` file of `dir` in name order (later ids replace
/// earlier ones).
pub fn load_rule_book(dir: Option<&Path>) -> Result<RuleBook, LoadError> {
    let mut book = RuleBook::embedded()?;
    let Some(dir) = dir else { return Ok(book) };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(book);
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).map_err(|source| LoadError::Io {
            path: path.clone(),
            source,
        })?;
        book.merge(parse_rule_file(&path.display().to_string(), &text)?);
    }
    Ok(book)
}
