//! Every shared sample loads, round-trips, and checks with the exit code its name promises:
//! `broken-*` samples are training cases that must fail (exit 1), the others must pass.

use std::path::PathBuf;
use std::process::Command;

fn samples() -> Vec<PathBuf> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/sample-projects"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("sample-projects/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_sample_checks_with_the_expected_exit_code() {
    let files = samples();
    assert!(!files.is_empty());
    for file in files {
        let broken = file
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("broken-"));
        let out = Command::new(env!("CARGO_BIN_EXE_coprod"))
            .arg("check")
            .arg(&file)
            .env("XDG_CONFIG_HOME", "/nonexistent-coprod-test")
            .env("HOME", "/nonexistent-coprod-test")
            .output()
            .expect("run coprod");
        let expected = if broken { 1 } else { 0 };
        assert_eq!(
            out.status.code(),
            Some(expected),
            "{}:\n{}{}",
            file.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn every_sample_round_trips_and_keeps_its_header() {
    for file in samples() {
        let doc = coprod::store::load(&file).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            doc.preamble.starts_with("//"),
            "{} should open with a comment saying what it teaches",
            file.display()
        );
        let text = coprod::store::to_ron(&doc.project, &doc.preamble).expect("saves");
        let again = coprod::store::load_str(&file, &text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            doc.project.data(),
            again.project.data(),
            "{}",
            file.display()
        );
    }
}

#[test]
fn the_bundled_sample_is_the_file_on_disk() {
    let (path, text) = coprod::cli::BUNDLED_SAMPLE;
    let on_disk = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
        .expect("bundled sample on disk");
    assert_eq!(text, on_disk);
}
