//! Writing an export's files: each through a temporary file beside it, renamed over it, so a
//! reader never sees half a workbook.

use crate::export::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `files` to `to`: a single file there, or each named file into the directory `to`
/// (created when missing). Returns the paths written.
pub fn write_export(to: &Path, files: &[File]) -> Result<Vec<PathBuf>, String> {
    if let [file] = files
        && file.name.is_empty()
    {
        write_file(to, &file.bytes)?;
        return Ok(vec![to.to_path_buf()]);
    }
    std::fs::create_dir_all(to).map_err(|e| format!("{}: cannot create it: {e}", to.display()))?;
    let mut written = Vec::new();
    for file in files {
        let path = to.join(&file.name);
        write_file(&path, &file.bytes)?;
        written.push(path);
    }
    Ok(written)
}

/// Writes `bytes` to `path` through a temporary file beside it, renamed over it.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let tmp = path.with_extension(format!(
        "{}.tmp{}",
        path.extension().and_then(|e| e.to_str()).unwrap_or(""),
        std::process::id()
    ));
    let written = std::fs::File::create(&tmp)
        .and_then(|mut f| {
            f.write_all(bytes)?;
            f.sync_all()
        })
        .and_then(|()| std::fs::rename(&tmp, path));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("{}: cannot write it: {e}", path.display())
    })
}
