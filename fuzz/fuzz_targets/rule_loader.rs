//! Arbitrary text into the rule-file parser, as a user rule file would arrive. Parsing may
//! fail, but must never panic. A file that parses is merged over the embedded rule book (as
//! `store::load_rule_book` does), the book's region references are checked, and the bundled
//! sample project is assessed in every scenario against the merged book.
#![no_main]

use coprod::engine::assess;
use coprod::model::Project;
use coprod::rules::RuleBook;
use coprod::rules::book::parse_rule_file;
use coprod::store::load_str;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

fn base() -> &'static (RuleBook, Project) {
    static BASE: OnceLock<(RuleBook, Project)> = OnceLock::new();
    BASE.get_or_init(|| {
        let rules = RuleBook::embedded().expect("the embedded rule book loads");
        let sample = include_str!("../../sample-projects/ca-fr-feature.ron");
        let doc = load_str(Path::new("ca-fr-feature.ron"), sample).expect("the sample loads");
        (rules, doc.project)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(file) = parse_rule_file("fuzz.ron", text) else {
        return;
    };
    let (embedded, project) = base();
    let mut book = embedded.clone();
    book.merge(file);
    // `load_rule_book` merges without this check; the workbench reports it. Either way the
    // engine runs on the merged book, so assess whatever it says.
    let _ = book.unknown_reference();
    for scenario in project.scenarios() {
        let _ = assess(project, scenario, &book);
    }
});
