//! The recovery journal: while a project has unsaved changes, the workbench keeps a copy of
//! it in the data directory, so a crash, a `kill -9` or a lost SSH session loses nothing.
//! The journal is an ordinary project file whose first lines say which file it recovers and
//! what that file held when the work began; reopening the file offers it back.

use super::error::LoadError;
use super::now;
use super::project_file::{Fingerprint, load_str, to_ron};
use crate::model::Project;
use std::path::{Path, PathBuf};

const MARK: &str = "// coprod recovery journal";

/// Which project a journal belongs to: its file, or the bundled sample by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    File(PathBuf),
    Unsaved(String),
}

impl Subject {
    /// The subject for a project file (made absolute, so `./a.ron` and `a.ron` agree).
    pub fn file(path: &Path) -> Subject {
        Subject::File(std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
    }

    fn describe(&self) -> String {
        match self {
            Subject::File(p) => p.display().to_string(),
            Subject::Unsaved(name) => format!("(not yet saved) {name}"),
        }
    }

    /// The journal's file name: a stable hash of the subject, so one file has one journal.
    fn file_name(&self) -> String {
        let key = self.describe();
        format!("{:016x}.ron", Fingerprint::of(key.as_bytes()).hash)
    }
}

/// Where journals are kept: `recovery/` in the data directory, or `dir` when given (tests).
#[derive(Debug, Clone)]
pub struct Journal {
    dir: PathBuf,
    subject: Subject,
}

/// A journal read back: the work, when it was written and what the file held then.
#[derive(Debug, Clone)]
pub struct Recovered {
    pub project: Project,
    pub preamble: String,
    /// Seconds since the Unix epoch.
    pub written: u64,
    /// What the project file held when the unsaved work began (`None`: no file yet).
    pub base: Option<Fingerprint>,
    /// Where the journal is, to tell the person.
    pub path: PathBuf,
}

impl Journal {
    /// The journal for `subject` in the data directory; `None` where the system has none.
    pub fn for_subject(subject: Subject) -> Option<Journal> {
        let dirs = directories::ProjectDirs::from("", "", "coprod")?;
        Some(Journal::in_dir(dirs.data_dir().join("recovery"), subject))
    }

    pub fn in_dir(dir: PathBuf, subject: Subject) -> Journal {
        Journal { dir, subject }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(self.subject.file_name())
    }

    /// Writes the current work (atomically: a crash while writing keeps the previous copy).
    pub fn write(
        &self,
        project: &Project,
        preamble: &str,
        base: Option<Fingerprint>,
    ) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let header = format!(
            "{MARK}\n// file: {}\n// written: {}\n// base: {}\n",
            self.subject.describe(),
            now(),
            match base {
                Some(f) => format!("{}:{:016x}", f.len, f.hash),
                None => "none".into(),
            }
        );
        // The project's own comment block follows the header, so it survives a restore.
        let body = to_ron(project, preamble).map_err(std::io::Error::other)?;
        let path = self.path();
        let tmp = path.with_extension(format!("{}.tmp", std::process::id()));
        {
            use std::io::Write;
            let mut file = std::fs::File::create(&tmp)?;
            file.write_all(header.as_bytes())?;
            file.write_all(body.as_bytes())?;
            file.sync_all()?;
        }
        std::fs::rename(&tmp, &path)
    }

    /// The journal, if there is one. A journal that cannot be read is reported, not
    /// deleted: it may hold the only copy of someone's work.
    pub fn read(&self) -> Result<Option<Recovered>, LoadError> {
        let path = self.path();
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(LoadError::Io { path, source }),
        };
        let field = |name: &str| {
            text.lines().take(4).find_map(|l| {
                l.strip_prefix("// ")?
                    .strip_prefix(name)?
                    .strip_prefix(": ")
            })
        };
        let written = field("written").and_then(|w| w.parse().ok()).unwrap_or(0);
        let base = field("base").and_then(|b| {
            let (len, hash) = b.split_once(':')?;
            Some(Fingerprint {
                len: len.parse().ok()?,
                hash: u64::from_str_radix(hash, 16).ok()?,
            })
        });
        let doc = load_str(&path, &text)?;
        // The header is the journal's, not the project's: keep only what follows it.
        let preamble = doc
            .preamble
            .lines()
            .skip_while(|l| l.starts_with(MARK) || is_header(l))
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string();
        Ok(Some(Recovered {
            project: doc.project,
            preamble,
            written,
            base,
            path,
        }))
    }

    /// Forgets the journal (after a save, or when the person discards the work).
    pub fn remove(&self) -> std::io::Result<()> {
        match std::fs::remove_file(self.path()) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

fn is_header(line: &str) -> bool {
    ["// file: ", "// written: ", "// base: "]
        .iter()
        .any(|h| line.starts_with(h))
}

/// "3 minutes ago", for a time in seconds since the epoch.
pub fn ago(written: u64) -> String {
    let secs = now().saturating_sub(written);
    match secs {
        0..=59 => "less than a minute ago".into(),
        60..=119 => "a minute ago".into(),
        120..=3599 => format!("{} minutes ago", secs / 60),
        3600..=7199 => "an hour ago".into(),
        7200..=172_799 => format!("{} hours ago", secs / 3600),
        _ => format!("{} days ago", secs / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::load_str;

    fn sample() -> crate::store::Document {
        load_str(Path::new("s.ron"), crate::cli::BUNDLED_SAMPLE.1).unwrap()
    }

    #[test]
    fn a_journal_gives_back_the_work_its_preamble_and_its_base() {
        let dir = tempfile::tempdir().unwrap();
        let doc = sample();
        let journal = Journal::in_dir(
            dir.path().to_path_buf(),
            Subject::file(Path::new("/films/a.ron")),
        );
        assert!(journal.read().unwrap().is_none());
        let base = Fingerprint { len: 7, hash: 42 };
        journal
            .write(&doc.project, &doc.preamble, Some(base))
            .unwrap();
        let back = journal.read().unwrap().expect("written");
        assert_eq!(back.project.data(), doc.project.data());
        assert_eq!(back.preamble, doc.preamble);
        assert_eq!(back.base, Some(base));
        assert!(back.written > 0);
        // Another file has another journal.
        let other = Journal::in_dir(
            dir.path().to_path_buf(),
            Subject::file(Path::new("/films/b.ron")),
        );
        assert_ne!(other.path(), journal.path());
        journal.remove().unwrap();
        assert!(journal.read().unwrap().is_none());
        journal.remove().unwrap();
    }

    #[test]
    fn a_damaged_journal_is_reported_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::in_dir(dir.path().to_path_buf(), Subject::Unsaved("x".into()));
        std::fs::write(
            journal.path(),
            "// coprod recovery journal\n(version: 1, title: ",
        )
        .unwrap();
        let err = journal.read().unwrap_err().to_string();
        assert!(err.contains(&journal.path().display().to_string()), "{err}");
        assert!(journal.path().exists());
    }

    #[test]
    fn ages_read_as_words() {
        assert_eq!(ago(now()), "less than a minute ago");
        assert_eq!(ago(now() - 600), "10 minutes ago");
        assert_eq!(ago(now() - 3 * 86_400), "3 days ago");
    }
}
