//! Arbitrary bytes into the project loader. Loading may fail, but must never panic. A project
//! that loads is assessed in every scenario against the embedded rule book, saved to text and
//! loaded again: the reloaded project must equal the first, and a second save must give the
//! same text.
#![no_main]

use coprod::engine::assess;
use coprod::rules::RuleBook;
use coprod::store::{LoadError, load, load_str, to_ron};
use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn rules() -> &'static RuleBook {
    static RULES: OnceLock<RuleBook> = OnceLock::new();
    RULES.get_or_init(|| RuleBook::embedded().expect("the embedded rule book loads"))
}

/// One scratch file per fuzzer process, for the bytes path (`load`).
fn scratch() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        std::env::temp_dir().join(format!("coprod-fuzz-{}.ron", std::process::id()))
    })
}

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.ron");
    let text = match std::str::from_utf8(data) {
        Ok(text) => text,
        Err(e) => {
            // Not UTF-8: only `load` sees such bytes. It must refuse them as not text, at the
            // offset where the valid prefix ends.
            let file = scratch();
            std::fs::write(file, data).expect("write the scratch file");
            match load(file) {
                Err(LoadError::NotText { offset, .. }) => {
                    assert_eq!(offset, e.valid_up_to(), "NotText offset")
                }
                Err(other) => panic!("non-UTF-8 input gave another error: {other}"),
                Ok(_) => panic!("non-UTF-8 input loaded"),
            }
            return;
        }
    };
    let Ok(doc) = load_str(path, text) else {
        return;
    };
    for scenario in doc.project.scenarios() {
        let _ = assess(&doc.project, scenario, rules());
    }
    let saved = to_ron(&doc.project, &doc.preamble).expect("a loaded project saves");
    let again = match load_str(path, &saved) {
        Ok(again) => again,
        Err(e) => panic!("a saved project does not load again: {e}\n--- saved ---\n{saved}"),
    };
    assert_eq!(
        doc.project.data(),
        again.project.data(),
        "save and reload changed the project"
    );
    assert_eq!(
        doc.preamble, again.preamble,
        "save and reload changed the preamble"
    );
    let resaved = to_ron(&again.project, &again.preamble).expect("a reloaded project saves");
    assert_eq!(saved, resaved, "a second save gave different text");
});
