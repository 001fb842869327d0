//! End to end: the real `coprod` binary in a pseudo-terminal, driven key by key as a person at a
//! keyboard drives it. Every step waits until the text it expects is visible on the parsed
//! screen (or fails after a timeout, showing the screen), so the tests prove what a person sees:
//! - the workbench opens a project on the alternate screen, moves a line, undoes, moves it again,
//!   saves with Ctrl-s and quits with status 0; the saved file keeps its comment header and
//!   still passes `coprod check`;
//! - quitting with unsaved changes asks first, and quitting anyway leaves the file byte for byte;
//! - a file that cannot be read is named on the normal screen, with a failing exit status;
//! - never losing work: after SIGKILL the unsaved move is offered back, restored and saved
//!   (the old version kept as .bak); a panic gives the terminal back, keeps the work and says
//!   where; a second workbench on the same file is read-only; a file changed on disk is not
//!   overwritten, and save-as keeps the work.

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ROWS: NonZeroU16 = NonZeroU16::new(48).unwrap();
const COLS: NonZeroU16 = NonZeroU16::new(160).unwrap();
/// Generous: a slow, busy machine still draws a frame well within this.
const TIMEOUT: Duration = Duration::from_secs(20);
const SAMPLE: &str = "sample-projects/ca-fr-feature.ron";
const CTRL_S: &str = "\x13";

/// `coprod` running in a pseudo-terminal, its output parsed into a screen.
struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    // Held so the terminal stays open for as long as the session.
    _master: Box<dyn MasterPty + Send>,
}

impl Session {
    /// Starts `coprod ARGS` in `dir`, with its config and data kept inside `dir`.
    fn start(dir: &Path, args: &[&str]) -> Session {
        Session::start_with(dir, args, &[])
    }

    /// As `start`, with `env` set for coprod.
    fn start_with(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Session {
        let size = PtySize {
            rows: ROWS.get(),
            cols: COLS.get(),
            pixel_width: 0,
            pixel_height: 0,
        };
        // The parser below has the same size, so it lays text out as the terminal does.
        let pair = native_pty_system().openpty(size).expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_coprod"));
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env("XDG_CONFIG_HOME", dir.join("config"));
        cmd.env("XDG_DATA_HOME", dir.join("data"));
        cmd.env("HOME", dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("COPROD_THEME");
        for (name, value) in env {
            cmd.env(name, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn coprod");
        // Only the child holds the terminal's other end, so reads end when it exits.
        drop(pair.slave);

        let screen = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let parser = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => parser.lock().unwrap().process(&buf[..n]),
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    // EIO once the child has exited and its end is closed.
                    Err(_) => break,
                }
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Session {
            child,
            writer,
            screen,
            _master: pair.master,
        }
    }

    /// The screen as text, one line per row.
    fn text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until `done` holds for the screen; panics with the screen after the timeout.
    fn wait_until(&self, what: &str, done: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            if done(self.screen.lock().unwrap().screen()) {
                return;
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "waited {TIMEOUT:?} for {what}; the screen shows:\n{}",
                    self.text()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until `text` is visible.
    fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?}"), |s| s.contents().contains(text));
    }

    /// Types `keys` as they would come from a keyboard.
    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    /// Waits for the process to end; panics with the screen after the timeout.
    fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("poll coprod") {
                return status;
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "waited {TIMEOUT:?} for coprod to exit; the screen shows:\n{}",
                    self.text()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Session {
    /// A failed test leaves no process behind.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A copy of the sample in a fresh temporary directory: the directory and the copy's path.
fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let copy = dir.path().join("ca-fr-feature.ron");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE);
    std::fs::copy(&sample, &copy).expect("copy the sample");
    (dir, copy)
}

/// Opens the copy and waits for the whole workbench, on the alternate screen. A frame can
/// arrive in several reads, so every part is waited for, never checked on a half-drawn screen.
fn open_workbench(dir: &Path, copy: &Path) -> Session {
    let session = Session::start(dir, &[copy.to_str().expect("utf-8 path")]);
    session.wait_for("Budget (158 lines)");
    session.wait_until("the title at the start of the header", |s| {
        s.contents().trim_start().starts_with("Le Dernier Hiver")
    });
    session.wait_for("? help");
    session.wait_for("Ctrl-s save");
    session.wait_until("the alternate screen", vt100::Screen::alternate_screen);
    session
}

/// Moves the cursor down to a budget line that can move: the rows above it are ABOVE THE LINE,
/// 1100 Story and rights and a pinned line (⌂).
fn go_to_first_line(session: &mut Session) {
    session.send("jjj");
}

/// The `//` lines the file begins with.
fn comment_header(text: &str) -> Vec<&str> {
    text.lines().take_while(|l| l.starts_with("//")).collect()
}

#[test]
fn move_undo_move_save_and_quit() {
    let (dir, copy) = sample_copy();
    let original = std::fs::read_to_string(&copy).unwrap();
    let mut session = open_workbench(dir.path(), &copy);

    go_to_first_line(&mut session);
    session.send(">");
    session.wait_for("Moved 1 line to");
    session.wait_for("· 1 unsaved");

    session.send("u");
    session.wait_for("Undid the last change");
    session.wait_until("no unsaved changes", |s| !s.contents().contains("unsaved"));

    session.send(">");
    session.wait_for("Moved 1 line to");
    session.wait_for("· 1 unsaved");

    session.send(CTRL_S);
    session.wait_for("Saved to");
    session.wait_until("no unsaved changes", |s| !s.contents().contains("unsaved"));

    session.send("q");
    let status = session.wait_exit();
    assert!(
        status.success(),
        "{status}; the screen shows:\n{}",
        session.text()
    );

    let check = std::process::Command::new(env!("CARGO_BIN_EXE_coprod"))
        .arg("check")
        .arg(&copy)
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("HOME", dir.path())
        .output()
        .expect("run coprod check");
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(
        matches!(check.status.code(), Some(0 | 1)),
        "check could not read the saved file: {:?}\n{report}{}",
        check.status,
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(!report.trim().is_empty(), "check printed nothing");

    let saved = std::fs::read_to_string(&copy).unwrap();
    assert_ne!(saved, original, "the move was not saved");
    // Saved as an override in the scenario: the moved line (1100-02, Title search) is named once
    // more, as its key.
    let mentions = |text: &str| text.matches("\"1100-02\"").count();
    assert_eq!(
        mentions(&saved),
        mentions(&original) + 1,
        "no override for the moved line"
    );
    assert_eq!(comment_header(&saved), comment_header(&original));
    assert!(!comment_header(&original).is_empty());
}

#[test]
fn quit_without_saving_leaves_the_file_as_it_was() {
    let (dir, copy) = sample_copy();
    let original = std::fs::read(&copy).unwrap();
    let mut session = open_workbench(dir.path(), &copy);

    go_to_first_line(&mut session);
    session.send(">");
    session.wait_for("· 1 unsaved");

    session.send("q");
    session.wait_for("Quit?");
    session.send("q");
    let status = session.wait_exit();
    assert!(
        status.success(),
        "{status}; the screen shows:\n{}",
        session.text()
    );
    assert!(
        std::fs::read(&copy).unwrap() == original,
        "the file changed"
    );
}

#[test]
fn a_file_that_cannot_be_read_is_named_on_the_normal_screen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut session = Session::start(dir.path(), &["missing.ron"]);
    session.wait_until("\"missing.ron\" on the normal screen", |s| {
        !s.alternate_screen() && s.contents().contains("missing.ron")
    });
    let status = session.wait_exit();
    assert!(!status.success(), "{status}");
    assert_eq!(status.exit_code(), 2, "{status}");
}

#[test]
fn a_bad_key_file_is_named_with_line_and_column_before_the_screen_opens() {
    let (dir, copy) = sample_copy();
    let config = dir.path().join("config").join("coprod");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(
        config.join("keys.ron"),
        "(\n    workbench: { MoveNext: [\"]\" },\n)\n",
    )
    .expect("key file");
    let copy = copy.to_string_lossy().to_string();
    let mut session = Session::start(dir.path(), &[&copy]);
    session.wait_until("the key file's line and column on the normal screen", |s| {
        !s.alternate_screen() && s.contents().contains("keys.ron:2:")
    });
    assert_eq!(session.wait_exit().exit_code(), 2);
}

#[test]
fn the_project_opened_last_is_opened_again_without_a_file() {
    let (dir, copy) = sample_copy();
    let copy_arg = copy.to_string_lossy().to_string();
    let mut first = Session::start(dir.path(), &[&copy_arg]);
    first.wait_for("Budget (158 lines)");
    first.send("q");
    assert!(first.wait_exit().success());
    // Change the remembered file, so reopening it is visible.
    let text = std::fs::read_to_string(&copy).expect("copy");
    std::fs::write(
        &copy,
        text.replace("Le Dernier Hiver", "Le Dernier Printemps"),
    )
    .expect("retitle");
    let mut again = Session::start(dir.path(), &[]);
    again.wait_for("Le Dernier Printemps");
    again.send("q");
    assert!(again.wait_exit().success());
    let mut sample = Session::start(dir.path(), &["--sample"]);
    sample.wait_for("Le Dernier Hiver");
    sample.send("q");
    assert!(sample.wait_exit().success());
}

/// The recovery journals kept under `dir`'s data directory.
fn journals(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir.join("data/coprod/recovery"))
        .map(|d| d.map(|e| e.expect("entry").path()).collect())
        .unwrap_or_default()
}

/// Waits until `ready` holds, for up to the timeout.
fn eventually(what: &str, ready: impl Fn() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < TIMEOUT, "waited {TIMEOUT:?} for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Opens `copy`, moves a line, waits for the recovery journal, and kills the workbench with
/// SIGKILL, as a crash or a lost session would.
fn move_a_line_then_kill(dir: &Path, copy: &Path) {
    let mut first = open_workbench(dir, copy);
    go_to_first_line(&mut first);
    first.send(">");
    first.wait_for("1 unsaved");
    eventually("a recovery journal", || journals(dir).len() == 1);
    let pid = first.child.process_id().expect("a pid");
    let killed = std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    first.wait_exit();
}

fn load(path: &Path) -> coprod::model::Project {
    coprod::store::load(path).expect("loads").project
}

#[test]
fn after_sigkill_reopening_offers_the_unsaved_move_back() {
    let (dir, copy) = sample_copy();
    let original = std::fs::read_to_string(&copy).expect("read");
    move_a_line_then_kill(dir.path(), &copy);
    assert_eq!(std::fs::read_to_string(&copy).expect("read"), original);

    // The stale lock is replaced and the move is offered back.
    let mut second = Session::start(dir.path(), &[copy.to_str().expect("utf-8")]);
    second.wait_for("Recover unsaved work?");
    second.wait_for("1 line placed or priced differently");
    let offer = second.text();
    second.send("r");
    second.wait_for("Restored the unsaved work");
    second.send(CTRL_S);
    second.wait_for("the previous version is in");
    second.send("q");
    assert!(second.wait_exit().success());

    let before = coprod::store::load_str(Path::new("x.ron"), &original)
        .expect("loads")
        .project;
    let said = coprod::model::diff::summary(&before, &load(&copy));
    assert_eq!(said.len(), 1, "{said:?}");
    let id = said[0].rsplit(": ").next().expect("an id");
    assert!(offer.contains(id), "the offer named {id}:\n{offer}");
    let bak = coprod::store::backup_path(&copy);
    assert_eq!(std::fs::read_to_string(bak).expect(".bak"), original);
    assert!(
        journals(dir.path()).is_empty(),
        "the journal goes with the save"
    );
}

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "only debug builds can be told to panic on a key"
)]
fn a_panic_gives_the_terminal_back_keeps_the_work_and_says_where() {
    let (dir, copy) = sample_copy();
    // Debug builds panic on the fifth key when asked to.
    let mut session = Session::start_with(
        dir.path(),
        &[copy.to_str().expect("utf-8")],
        &[("COPROD_DEBUG_PANIC_AFTER_KEYS", "4")],
    );
    session.wait_for("Ctrl-s save");
    go_to_first_line(&mut session);
    session.send(">");
    session.wait_for("1 unsaved");
    session.send("x");
    session.wait_for("Please report it");
    assert!(!session.wait_exit().success());
    let screen = session.text();
    assert!(!session.screen.lock().unwrap().screen().alternate_screen());
    assert!(screen.contains("panicked at src/tui/run.rs"), "{screen}");
    assert!(
        screen.contains("coprod stopped on an internal error"),
        "{screen}"
    );
    assert!(
        screen.contains("Your 1 unsaved change is kept in"),
        "{screen}"
    );
    assert_eq!(journals(dir.path()).len(), 1);

    let mut reopened = Session::start(dir.path(), &[copy.to_str().expect("utf-8")]);
    reopened.wait_for("Recover unsaved work?");
    reopened.send("d");
    reopened.wait_for("Discarded the unsaved work");
    reopened.send("q");
    assert!(reopened.wait_exit().success());
    assert!(journals(dir.path()).is_empty());
}

#[test]
fn a_second_workbench_on_the_same_file_is_read_only() {
    let (dir, copy) = sample_copy();
    let original = std::fs::read_to_string(&copy).expect("read");
    let mut first = open_workbench(dir.path(), &copy);
    let mut second = Session::start(dir.path(), &[copy.to_str().expect("utf-8")]);
    second.wait_for("read-only");
    second.wait_for("is open in another coprod (pid");
    go_to_first_line(&mut second);
    second.send(">");
    second.wait_for("Read-only: ");
    second.send(CTRL_S);
    second.wait_for("Read-only, nothing saved");
    second.send("q");
    assert!(second.wait_exit().success());
    first.send("q");
    assert!(first.wait_exit().success());
    assert_eq!(std::fs::read_to_string(&copy).expect("read"), original);
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten_and_save_as_keeps_the_work() {
    let (dir, copy) = sample_copy();
    let original = std::fs::read_to_string(&copy).expect("read");
    let mut session = open_workbench(dir.path(), &copy);
    go_to_first_line(&mut session);
    session.send(">");
    session.wait_for("1 unsaved");
    let theirs = original.replace("Le Dernier Hiver", "Le Dernier Hiver (their cut)");
    std::fs::write(&copy, &theirs).expect("write");
    session.send(CTRL_S);
    session.wait_for("changed on disk since it was opened");
    session.wait_for("Save as");
    // The form offers ca-fr-feature.saved.ron; Enter saves there.
    session.send("\r");
    session.wait_for("Saved to");
    session.send("q");
    assert!(session.wait_exit().success());
    assert_eq!(std::fs::read_to_string(&copy).expect("read"), theirs);
    let mine = load(&dir.path().join("ca-fr-feature.saved.ron"));
    assert_eq!(mine.data().title, "Le Dernier Hiver");
    assert!(journals(dir.path()).is_empty());
}

#[test]
fn keep_both_puts_the_unsaved_work_in_a_file_of_its_own() {
    let (dir, copy) = sample_copy();
    let original = std::fs::read_to_string(&copy).expect("read");
    move_a_line_then_kill(dir.path(), &copy);

    let mut second = Session::start(dir.path(), &[copy.to_str().expect("utf-8")]);
    second.wait_for("Recover unsaved work?");
    second.send("k");
    second.wait_for("ca-fr-feature.recovered.ron, open here");
    second.send("q");
    assert!(second.wait_exit().success());
    assert_eq!(std::fs::read_to_string(&copy).expect("read"), original);
    let before = coprod::store::load_str(Path::new("x.ron"), &original)
        .expect("loads")
        .project;
    let recovered = load(&dir.path().join("ca-fr-feature.recovered.ron"));
    assert_eq!(coprod::model::diff::summary(&before, &recovered).len(), 1);
    assert!(journals(dir.path()).is_empty());
}
