//! End to end, as a producer would meet it: the workbench runs in a real pseudo-terminal
//! (`script` from util-linux), a line is moved, the process is killed with SIGKILL, and
//! reopening the file offers the move back; restoring and saving puts it in the file.
#![cfg(target_os = "linux")]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The workbench in a 120×40 pseudo-terminal, its screen output collected.
struct Workbench {
    child: Child,
    screen: Arc<Mutex<Vec<u8>>>,
}

impl Workbench {
    fn open(file: &Path, home: &Path) -> Workbench {
        Workbench::open_with(file, home, "")
    }

    /// With `env` (`NAME=value `) set for the workbench alone.
    fn open_with(file: &Path, home: &Path, env: &str) -> Workbench {
        let command = format!(
            "stty cols 120 rows 40; {env}exec {} {}",
            env!("CARGO_BIN_EXE_coprod"),
            file.display()
        );
        let mut child = Command::new("script")
            .args(["-qfec", &command, "/dev/null"])
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("HOME", home)
            .env("TERM", "xterm-256color")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("util-linux `script` runs the workbench in a pseudo-terminal");
        let screen = Arc::new(Mutex::new(Vec::new()));
        let mut out = child.stdout.take().unwrap();
        let sink = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = out.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Workbench { child, screen }
    }

    fn keys(&mut self, keys: &str) {
        let stdin = self.child.stdin.as_mut().unwrap();
        for b in keys.bytes() {
            stdin.write_all(&[b]).unwrap();
            stdin.flush().unwrap();
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    /// Waits until the screen output contains `text`.
    fn wait_for(&self, text: &str) {
        let found = wait(|| String::from_utf8_lossy(&self.screen.lock().unwrap()).contains(text));
        assert!(
            found,
            "the screen never showed {text:?}; it showed:\n{}",
            visible(&self.screen.lock().unwrap())
        );
    }

    fn finish(&mut self) {
        let done = wait(|| matches!(self.child.try_wait(), Ok(Some(_))));
        if !done {
            let _ = self.child.kill();
            panic!("the workbench did not quit");
        }
    }
}

/// The printable text of terminal output, escape sequences dropped (for failure messages).
fn visible(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI: ESC [ ... final byte in @..~
            if chars.peek() == Some(&'[') {
                chars.next();
                for d in chars.by_ref() {
                    if ('@'..='~').contains(&d) {
                        break;
                    }
                }
            }
        } else if !c.is_control() || c == '\n' {
            out.push(c);
        }
    }
    out
}

fn wait(mut ready: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if ready() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

fn journals(home: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(home.join("data/coprod/recovery"))
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default()
}

/// The pid the lock file names: the workbench itself, not `script`.
fn workbench_pid(file: &Path) -> u32 {
    let lock = file.with_file_name(format!(
        ".{}.lock",
        file.file_name().unwrap().to_string_lossy()
    ));
    let text = std::fs::read_to_string(&lock).expect("the workbench holds a lock");
    text.lines()
        .find_map(|l| l.strip_prefix("pid="))
        .and_then(|p| p.trim().parse().ok())
        .expect("the lock names a pid")
}

#[test]
fn after_sigkill_reopening_offers_the_unsaved_move_back() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("film.ron");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/sample-projects/gb-ie-drama.ron"
        ),
        &file,
    )
    .unwrap();
    let original = std::fs::read_to_string(&file).unwrap();

    // Open, move the third line (1100-02, spent in IE) with `>`, and wait for the journal.
    let mut first = Workbench::open(&file, home.path());
    first.wait_for("Tidewater");
    first.keys("jjj>");
    first.wait_for("1 unsaved");
    assert!(
        wait(|| !journals(home.path()).is_empty()),
        "a recovery journal is written after the edit"
    );
    let pid = workbench_pid(&file);
    let killed = Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    first.finish();
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        original,
        "nothing was saved before the kill"
    );

    // Reopen: the offer names the moved line.
    let mut second = Workbench::open(&file, home.path());
    second.wait_for("Recover unsaved work?");
    second.wait_for("1100-02");
    // Restore, save, quit.
    second.keys("r");
    second.wait_for("Restored the unsaved work");
    second.keys("\u{13}");
    second.wait_for("Saved to");
    second.keys("q");
    second.finish();

    let saved = coprod::store::load(&file).unwrap().project;
    let before = coprod::store::load_str(Path::new("x.ron"), &original)
        .unwrap()
        .project;
    let summary = coprod::model::diff::summary(&before, &saved);
    assert_eq!(summary.len(), 1, "{summary:?}");
    assert!(summary[0].contains("1100-02"), "{summary:?}");
    assert_eq!(
        std::fs::read_to_string(coprod::store::backup_path(&file)).unwrap(),
        original,
        "the previous version is kept as .bak"
    );
    assert!(
        journals(home.path()).is_empty(),
        "the journal is gone after the save"
    );
}

fn copy_sample(home: &Path) -> (PathBuf, String) {
    let file = home.join("film.ron");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/sample-projects/gb-ie-drama.ron"
        ),
        &file,
    )
    .unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    (file, text)
}

#[test]
fn a_panic_restores_the_terminal_keeps_the_work_and_says_where() {
    let home = tempfile::tempdir().unwrap();
    let (file, _) = copy_sample(home.path());
    let mut bench = Workbench::open_with(&file, home.path(), "COPROD_DEBUG_PANIC_AFTER_KEYS=4 ");
    bench.wait_for("Tidewater");
    bench.keys("jjj>");
    bench.wait_for("1 unsaved");
    bench.keys("x"); // the fifth key panics
    bench.wait_for("coprod stopped on an internal error");
    bench.finish();
    // The last of the output, read after the process ended.
    std::thread::sleep(Duration::from_millis(300));
    let text = visible(&bench.screen.lock().unwrap());
    assert!(text.contains("panicked at src/tui/run.rs"), "{text}");
    assert!(text.contains("Your 1 unsaved change is kept in"), "{text}");
    assert!(text.contains("Please report it"), "{text}");
    // The terminal was given back: the alternate screen was left before the message.
    let raw = String::from_utf8_lossy(&bench.screen.lock().unwrap()).to_string();
    let left = raw
        .rfind("\u{1b}[?1049l")
        .expect("the alternate screen is left");
    assert!(left < raw.find("coprod stopped").unwrap());
    assert_eq!(journals(home.path()).len(), 1);

    // And the work is offered back.
    let mut reopened = Workbench::open(&file, home.path());
    reopened.wait_for("Recover unsaved work?");
    reopened.wait_for("1100-02");
    reopened.keys("d");
    reopened.wait_for("Discarded the unsaved work");
    reopened.keys("q");
    reopened.finish();
    assert!(journals(home.path()).is_empty());
}

#[test]
fn a_second_workbench_on_the_same_file_is_read_only() {
    let home = tempfile::tempdir().unwrap();
    let (file, original) = copy_sample(home.path());
    let mut first = Workbench::open(&file, home.path());
    first.wait_for("Tidewater");
    let mut second = Workbench::open(&file, home.path());
    second.wait_for("Read-only");
    second.wait_for("is open in another coprod (pid");
    second.keys("jjj>");
    second.wait_for("Read-only: ");
    second.keys("\u{13}q");
    second.finish();
    first.keys("q");
    first.finish();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), original);
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten_and_save_as_keeps_the_work() {
    let home = tempfile::tempdir().unwrap();
    let (file, original) = copy_sample(home.path());
    let mut bench = Workbench::open(&file, home.path());
    bench.wait_for("Tidewater");
    bench.keys("jjj>");
    bench.wait_for("1 unsaved");
    let theirs = original.replace("Tidewater", "Tidewater (their cut)");
    std::fs::write(&file, &theirs).unwrap();
    bench.keys("\u{13}");
    bench.wait_for("changed on disk since it was opened");
    bench.wait_for("Save as");
    // The form offers film.saved.ron; Enter saves there.
    bench.keys("\r");
    bench.wait_for("film.saved.ron");
    bench.keys("q");
    bench.finish();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), theirs);
    let mine = coprod::store::load(&home.path().join("film.saved.ron"))
        .unwrap()
        .project;
    assert_eq!(mine.data().title, "Tidewater");
    assert!(journals(home.path()).is_empty());
}
