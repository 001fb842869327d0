//! One workbench per project file: a lock file beside the project names the process and
//! host that has it open, so a second workbench opens the file read-only instead of
//! overwriting the first one's work. A lock left by a process that is gone (a crash, a
//! `kill -9`) is recognised and replaced.

use super::now;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Who holds a project file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub pid: u32,
    pub host: String,
    /// Seconds since the Unix epoch when the lock was taken.
    pub since: u64,
}

impl Holder {
    fn me() -> Holder {
        Holder {
            pid: std::process::id(),
            host: host_name(),
            since: now(),
        }
    }

    fn to_text(&self) -> String {
        format!(
            "pid={}\nhost={}\nsince={}\n",
            self.pid, self.host, self.since
        )
    }

    fn parse(text: &str) -> Option<Holder> {
        let field = |name: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(name)?.strip_prefix('='))
                .map(str::trim)
        };
        Some(Holder {
            pid: field("pid")?.parse().ok()?,
            host: field("host")?.to_string(),
            since: field("since").and_then(|s| s.parse().ok()).unwrap_or(0),
        })
    }

    /// "pid 4242 on studio-mac": who to look for.
    pub fn describe(&self) -> String {
        format!("pid {} on {}", self.pid, self.host)
    }
}

/// The lock this process holds; dropping it releases the file.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Only our own lock is removed: another process may have taken over.
        if read_holder(&self.path).is_some_and(|h| h.pid == std::process::id()) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// The result of asking for a project file.
#[derive(Debug)]
pub enum Locking {
    /// This process has the file.
    Acquired(Lock),
    /// Another live process has it (or one on another host, which cannot be checked).
    HeldBy(Holder),
}

/// `project.ron` → `.project.ron.lock`, beside it.
pub fn lock_path(project: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(project.file_name().unwrap_or_default());
    name.push(".lock");
    project.with_file_name(name)
}

/// Takes the lock on `project`, unless a live process holds it. A lock whose process is
/// gone (same host, no such process) is replaced.
pub fn acquire(project: &Path) -> std::io::Result<Locking> {
    let path = lock_path(project);
    for _ in 0..2 {
        match create(&path) {
            Ok(lock) => return Ok(Locking::Acquired(lock)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                match read_holder(&path) {
                    Some(holder) if !is_stale(&holder) => return Ok(Locking::HeldBy(holder)),
                    // Stale or unreadable: a crashed workbench left it.
                    _ => std::fs::remove_file(&path)?,
                }
            }
            Err(e) => return Err(e),
        }
    }
    take_over(project)
}

/// Takes the lock whoever holds it (the person insisted).
pub fn take_over(project: &Path) -> std::io::Result<Locking> {
    let path = lock_path(project);
    let tmp = path.with_extension(format!("lock.{}.tmp", std::process::id()));
    std::fs::write(&tmp, Holder::me().to_text())?;
    std::fs::rename(&tmp, &path)?;
    Ok(Locking::Acquired(Lock { path }))
}

fn create(path: &Path) -> std::io::Result<Lock> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(Holder::me().to_text().as_bytes())?;
    Ok(Lock {
        path: path.to_path_buf(),
    })
}

fn read_holder(path: &Path) -> Option<Holder> {
    Holder::parse(&std::fs::read_to_string(path).ok()?)
}

/// A lock from this host whose process no longer runs. Locks from other hosts are never
/// stale: there is no way to look.
fn is_stale(holder: &Holder) -> bool {
    holder.host == host_name() && process_is_gone(holder.pid)
}

/// Whether no process `pid` runs here. Where that cannot be told (no /proc), it is assumed
/// to run, so a lock is never taken from a live workbench.
fn process_is_gone(pid: u32) -> bool {
    let proc = Path::new("/proc");
    proc.join("self").exists() && !proc.join(pid.to_string()).exists()
}

fn host_name() -> String {
    ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|f| std::fs::read_to_string(f).ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .unwrap_or_else(|| "this computer".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_workbench_sees_the_first_and_a_dead_holder_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("film.ron");
        let first = match acquire(&project).unwrap() {
            Locking::Acquired(lock) => lock,
            other => panic!("{other:?}"),
        };
        // The same process asking again is "another workbench" as far as the file is
        // concerned: it is held, by this pid, on this host.
        match acquire(&project).unwrap() {
            Locking::HeldBy(h) => {
                assert_eq!(h.pid, std::process::id());
                assert_eq!(h.host, host_name());
            }
            other => panic!("{other:?}"),
        }
        drop(first);
        assert!(!lock_path(&project).exists(), "released on drop");

        // A lock left by a process that is gone (no such pid runs here).
        if Path::new("/proc/self").exists() {
            let stale = Holder {
                pid: u32::MAX - 1,
                host: host_name(),
                since: 1,
            };
            std::fs::write(lock_path(&project), stale.to_text()).unwrap();
            assert!(matches!(acquire(&project).unwrap(), Locking::Acquired(_)));
        }

        // A lock from another host is respected (nothing can be checked there) until the
        // person insists.
        let remote = Holder {
            pid: 1,
            host: "another-host".into(),
            since: 1,
        };
        std::fs::write(lock_path(&project), remote.to_text()).unwrap();
        match acquire(&project).unwrap() {
            Locking::HeldBy(h) => assert_eq!(h.describe(), "pid 1 on another-host"),
            other => panic!("{other:?}"),
        }
        let taken = take_over(&project).unwrap();
        assert_eq!(
            read_holder(&lock_path(&project)).map(|h| h.pid),
            Some(std::process::id())
        );
        drop(taken);
        assert!(!lock_path(&project).exists());
    }

    #[test]
    fn lock_file_sits_beside_the_project_and_hides() {
        assert_eq!(
            lock_path(Path::new("/work/films/tide.ron")),
            Path::new("/work/films/.tide.ron.lock")
        );
    }
}
