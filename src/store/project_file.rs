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
    /// What the text read was, to tell later whether the file changed on disk.
    pub fingerprint: Fingerprint,
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
    if let Ok(probe) = lenient_version(text)
        && let Some(found) = probe.version
        && found > FORMAT_VERSION
    {
        return Err(LoadError::NewerVersion {
            path: path_buf,
            found,
            supported: FORMAT_VERSION,
        });
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
            .map(|a| locate_nth(text, a, e.occurrence))
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
        fingerprint: Fingerprint::of(text.as_bytes()),
    })
}

/// Line and column of the `n`th occurrence of `needle` (the first when there are fewer).
fn locate_nth(text: &str, needle: &str, n: usize) -> (usize, usize) {
    let mut from = 0;
    let mut at = None;
    for _ in 0..n.max(1) {
        match text[from..].find(needle) {
            Some(i) => {
                at = Some(from + i);
                from += i + needle.len();
            }
            None => break,
        }
    }
    match at {
        Some(offset) => locate(text, &text[offset..]),
        None => (1, 1),
    }
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
        ron::Error::ExpectedComma => {
            "a comma is missing here (after the item before this point)".into()
        }
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

/// What a file held when it was read or written, to tell whether someone else changed it
/// since: its length and a hash of its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    pub len: u64,
    pub hash: u64,
}

impl Fingerprint {
    /// FNV-1a over the bytes: stable across builds, so a fingerprint kept in a recovery
    /// journal still compares after an upgrade.
    pub fn of(bytes: &[u8]) -> Fingerprint {
        let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        Fingerprint {
            len: bytes.len() as u64,
            hash,
        }
    }

    /// The file's fingerprint now; `None` when there is no file.
    pub fn of_file(path: &Path) -> std::io::Result<Option<Fingerprint>> {
        match std::fs::read(path) {
            Ok(bytes) => Ok(Some(Fingerprint::of(&bytes))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// How a save treats what is already on disk.
#[derive(Debug, Clone, Default)]
pub struct SaveOptions {
    /// Keep the file being replaced as `FILE.bak`.
    pub backup: bool,
    /// What the file held when it was opened or last saved: the save is refused if the file
    /// now holds something else. `None`: the file must not exist yet (a new file).
    pub expected: Option<Fingerprint>,
}

/// `project.ron` → `project.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Saves atomically: write a temporary file beside the target, sync it, then rename it over
/// the target. A failure leaves the old file as it was.
pub fn save(path: &Path, project: &Project, preamble: &str) -> Result<(), LoadError> {
    let expected = Fingerprint::of_file(path).map_err(|e| LoadError::Save {
        path: path.to_path_buf(),
        message: format!("{e}; nothing was written"),
    })?;
    save_with(
        path,
        project,
        preamble,
        &SaveOptions {
            backup: false,
            expected,
        },
    )
    .map(|_| ())
}

/// Saves atomically, refusing to overwrite a file that changed since `options.expected`,
/// and keeps the replaced file as `FILE.bak` when asked. Returns the new fingerprint.
pub fn save_with(
    path: &Path,
    project: &Project,
    preamble: &str,
    options: &SaveOptions,
) -> Result<Fingerprint, LoadError> {
    save_via(path, project, preamble, options, &|file, bytes| {
        let mut file = std::fs::File::create(file)?;
        file.write_all(bytes)?;
        file.sync_all()
    })
}

/// `save_with`, writing each file through `write` (tests give it one that fails as a full
/// disk would).
pub(crate) fn save_via(
    path: &Path,
    project: &Project,
    preamble: &str,
    options: &SaveOptions,
    write: &dyn Fn(&Path, &[u8]) -> std::io::Result<()>,
) -> Result<Fingerprint, LoadError> {
    let fail = |message: String| LoadError::Save {
        path: path.to_path_buf(),
        message,
    };
    let now = Fingerprint::of_file(path).map_err(|e| fail(format!("{e}; nothing was written")))?;
    match (options.expected, now) {
        (Some(before), Some(now)) if before != now => {
            return Err(fail(
                "the file changed on disk since it was opened (another program or another coprod wrote it); nothing was written. Save under another name, then compare the two".into(),
            ));
        }
        (None, Some(_)) => {
            return Err(fail(
                "a file with this name already exists; nothing was written. Choose another name"
                    .into(),
            ));
        }
        _ => {}
    }
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
    let bak = backup_path(path);
    let bak_tmp = dir.join(format!(".{name}.bak.{}.tmp", std::process::id()));
    let steps = || -> std::io::Result<()> {
        write(&tmp, text.as_bytes())?;
        if options.backup && now.is_some() {
            // The previous version, itself written whole before it replaces an older .bak.
            let old = std::fs::read(path)?;
            write(&bak_tmp, &old)?;
            std::fs::rename(&bak_tmp, &bak)?;
        }
        std::fs::rename(&tmp, path)?;
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    };
    steps().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(&bak_tmp);
        fail(format!("{e}; the file on disk is unchanged"))
    })?;
    Ok(Fingerprint::of(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Document {
        load_str(Path::new("s.ron"), crate::cli::BUNDLED_SAMPLE.1).unwrap()
    }

    fn files_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_save_keeps_the_previous_version_as_bak() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("film.ron");
        std::fs::write(&path, "old text").unwrap();
        let doc = sample();
        let options = SaveOptions {
            backup: true,
            expected: Fingerprint::of_file(&path).unwrap(),
        };
        let saved = save_with(&path, &doc.project, &doc.preamble, &options).unwrap();
        assert_eq!(
            std::fs::read_to_string(backup_path(&path)).unwrap(),
            "old text"
        );
        assert_eq!(Fingerprint::of_file(&path).unwrap(), Some(saved));
        assert_eq!(files_in(dir.path()), ["film.ron", "film.ron.bak"]);
        // Without backups, no .bak is touched.
        let options = SaveOptions {
            backup: false,
            expected: Some(saved),
        };
        std::fs::remove_file(backup_path(&path)).unwrap();
        save_with(&path, &doc.project, &doc.preamble, &options).unwrap();
        assert_eq!(files_in(dir.path()), ["film.ron"]);
    }

    #[test]
    fn a_file_changed_on_disk_since_it_was_opened_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("film.ron");
        std::fs::write(&path, "what was opened").unwrap();
        let opened = Fingerprint::of_file(&path).unwrap();
        std::fs::write(&path, "what someone else saved").unwrap();
        let doc = sample();
        let options = SaveOptions {
            backup: true,
            expected: opened,
        };
        let err = save_with(&path, &doc.project, &doc.preamble, &options)
            .unwrap_err()
            .to_string();
        assert!(err.contains("changed on disk since it was opened"), "{err}");
        assert!(err.contains("Save under another name"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "what someone else saved"
        );
        assert_eq!(files_in(dir.path()), ["film.ron"]);
        // A new file never replaces one that exists.
        let new = SaveOptions {
            backup: true,
            expected: None,
        };
        let err = save_with(&path, &doc.project, &doc.preamble, &new)
            .unwrap_err()
            .to_string();
        assert!(err.contains("already exists"), "{err}");
    }

    #[test]
    fn a_full_disk_leaves_the_file_and_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("film.ron");
        std::fs::write(&path, "the saved version").unwrap();
        let doc = sample();
        let options = SaveOptions {
            backup: true,
            expected: Fingerprint::of_file(&path).unwrap(),
        };
        // ENOSPC (28 on Linux and macOS) after half the bytes are written.
        let full = |file: &Path, bytes: &[u8]| -> std::io::Result<()> {
            std::fs::write(file, &bytes[..bytes.len() / 2])?;
            Err(std::io::Error::from_raw_os_error(28))
        };
        let err = save_via(&path, &doc.project, &doc.preamble, &options, &full)
            .unwrap_err()
            .to_string();
        assert!(err.contains("the file on disk is unchanged"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "the saved version");
        assert_eq!(files_in(dir.path()), ["film.ron"]);
    }

    #[test]
    fn a_directory_that_cannot_be_written_is_refused_with_the_reason() {
        // A path whose directory is a plain file fails for every user, root included.
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("not-a-dir");
        std::fs::write(&blocker, "").unwrap();
        let path = blocker.join("film.ron");
        let doc = sample();
        let err = save_with(&path, &doc.project, &doc.preamble, &SaveOptions::default())
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(&format!("{}: cannot save", path.display())),
            "{err}"
        );
        assert!(err.contains("nothing was written"), "{err}");
    }
}
