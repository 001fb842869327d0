//! What the workbench remembers between runs and reads from the config directory: the last
//! project opened (data directory) and the key file (config directory).

use std::path::{Path, PathBuf};

fn dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "coprod")
}

/// Where the key file lives (`~/.config/coprod/keys.ron` on Linux).
pub fn key_file_path() -> Option<PathBuf> {
    dirs().map(|d| d.config_dir().join("keys.ron"))
}

fn memory_path() -> Option<PathBuf> {
    dirs().map(|d| d.data_dir().join("last-opened"))
}

/// The project file opened last, if it is remembered and still exists.
pub fn last_opened() -> Option<PathBuf> {
    let text = std::fs::read_to_string(memory_path()?).ok()?;
    let path = PathBuf::from(text.trim_end_matches('\n'));
    path.is_file().then_some(path)
}

/// Remembers `path` as the project opened last. Forgetting is harmless, so failures are
/// returned for the caller to ignore or report.
pub fn remember_opened(path: &Path) -> std::io::Result<()> {
    let Some(memory) = memory_path() else {
        return Ok(());
    };
    let absolute = std::path::absolute(path)?;
    if let Some(dir) = memory.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let temp = memory.with_extension("tmp");
    std::fs::write(&temp, format!("{}\n", absolute.display()))?;
    std::fs::rename(&temp, &memory)
}
