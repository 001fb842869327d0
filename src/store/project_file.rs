//! The project file: RON with `version` first, decimals as strings, atomic saves.

use super::error::LoadError;
use crate::model::project::FORMAT_VERSION;
use crate::model::{Project, ProjectData};
use crate::rules::book::locate;
use ron::extensions::Extensions;
use serde::Deserialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A loaded project and the comment block that opened its file, kept so a save does not
/// drop what the author wrote at the top.
#[derive(Debug, Clone)]
pub struct Document {
    pub project: Project,
    pub preamble: String,
}

fn options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

pub fn load(path: &Path) -> Result<Document, LoadError> {
    if path.is_dir() {
        return Err(LoadError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other(
                "this is a directory; give the path of a .ron project file",
            ),
        });
    }
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| LoadError::NotText {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    load_str(path, &text)
}

/// Only the version, read first so a newer file is refused before anything else is parsed.
#[derive(Deserialize)]
struct VersionProbe {
    version: Option<u32>,
}

pub fn load_str(path: &Path, text: &str) -> Result<Document, LoadError> {
    let path_buf = path.to_path_buf();
    if text.trim().is_empty() {
        return Err(LoadError::Empty { path: path_buf });
    }
    // Field order is free in RON, so probe the version with a lenient reader first.
    if let Ok(probe) = lenient_version(text) {
        if let Some(found) = probe.version {
            if found > FORMAT_VERSION {
                return Err(LoadError::NewerVersion {
                    path: path_buf,
                    found,
                    supported: FORMAT_VERSION,
                });
            }
        }
    }
    let data: ProjectData = options().from_str(text).map_err(|e| LoadError::Syntax {
        path: path_buf.clone(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: explain_syntax(&e.code),
    })?;
    if data.version > FORMAT_VERSION {
        return Err(LoadError::NewerVersion {
            path: path_buf,
            found: data.version,
            supported: FORMAT_VERSION,
        });
    }
    if data.version == 0 {
        return Err(LoadError::Invalid {
            path: path_buf,
            line: 1,
            column: 1,
            message: "version 0 does not exist; use version: 1".into(),
        });
    }
    let project = Project::new(data).map_err(|e| {
        let (line, column) = e
            .anchor
            .as_deref()
            .map(|a| locate(text, a))
            .unwrap_or((1, 1));
        LoadError::Invalid {
            path: path_buf.clone(),
            line,
            column,
            message: e.message,
        }
    })?;
    Ok(Document {
        project,
        preamble: preamble(text),
    })
}

fn lenient_version(text: &str) -> Result<VersionProbe, ron::error::SpannedError> {
    // Any well-formed RON reads as a `Value`; a struct's fields become map entries.
    let value: ron::Value = options().from_str(text)?;
    let version = match value {
        ron::Value::Map(map) => map.iter().find_map(|(k, v)| match (k, v) {
            (ron::Value::String(k), ron::Value::Number(n)) if k == "version" => small_integer(n),
            _ => None,
        }),
        _ => None,
    };
    Ok(VersionProbe { version })
}

fn small_integer(n: &ron::Number) -> Option<u32> {
    use ron::Number::*;
    match *n {
        U8(v) => Some(u32::from(v)),
        U16(v) => Some(u32::from(v)),
        U32(v) => Some(v),
        U64(v) => u32::try_from(v).ok(),
        I8(v) => u32::try_from(v).ok(),
        I16(v) => u32::try_from(v).ok(),
        I32(v) => u32::try_from(v).ok(),
        I64(v) => u32::try_from(v).ok(),
        _ => None,
    }
}

fn explain_syntax(code: &ron::Error) -> String {
    match code {
        ron::Error::NoSuchStructField {
            found: field,
            expected,
            ..
        } => format!(
            "unknown field `{field}`; expected one of: {}",
            expected.join(", ")
        ),
        ron::Error::MissingStructField { field, outer } => match outer {
            Some(o) => format!("`{o}` is missing the field `{field}`"),
            None => format!("missing the field `{field}`"),
        },
        ron::Error::Eof => "the file ends too early: a bracket or parenthesis is not closed".into(),
        other => other.to_string(),
    }
}

/// The comment lines at the top of the file, up to the first line of content.
fn preamble(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("//") || t.is_empty() {
            out.push_str(line);
            out.push('\n');
        } else {
            break;
        }
    }
    out.trim_end().to_string()
}

/// The project as RON text, fields in a fixed order, so equal projects give equal text.
pub fn to_ron(project: &Project, preamble: &str) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ".to_string())
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        .depth_limit(8)
        .extensions(Extensions::IMPLICIT_SOME);
    let body = ron::ser::to_string_pretty(project.data(), config)?;
    let mut out = String::new();
    if !preamble.is_empty() {
        out.push_str(preamble);
        out.push('\n');
    }
    out.push_str(&body);
    out.push('\n');
    Ok(out)
}

/// Saves atomically: write a temporary file beside the target, sync it, then rename it over
/// the target. A failure leaves the old file as it was.
pub fn save(path: &Path, project: &Project, preamble: &str) -> Result<(), LoadError> {
    let fail = |message: String| LoadError::Save {
        path: path.to_path_buf(),
        message,
    };
    let text = to_ron(project, preamble).map_err(|e| fail(e.to_string()))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "project.ron".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)?;
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(format!("{e}; the file on disk is unchanged"))
    })
}
