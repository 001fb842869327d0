//! The project file: round trips, stable text, and bad input reported with file, line and
//! column.

use coprod::store::{LoadError, load_str, to_ron};
use std::path::Path;

const GOOD: &str = r#"// A header comment the author wrote.
// It survives a save.
(
    version: 1,
    title: "Round trip",
    currency: "EUR",
    rates: [(currency: "CAD", rate: "0.6650", date: "2026-10-01")],
    territories: ["FR", "CA-QC", "BE"],
    format: Fiction,
    coproduction: Inferred,
    partners: [
        (id: "fr", name: "FR prod", country: "FR", role: Majority, financing: [
            (name: "Equity", kind: Equity, amount: "1000000.00", currency: "EUR"),
            (name: "Region", kind: PublicFund, amount: "200000", currency: "EUR",
             obligation: (territory: "BE", share: "150")),
        ]),
        (id: "ca", name: "CA prod", country: "CA", role: Minority, claims_incentives: false),
    ],
    key_roles: [(role: Director, name: "A. Director", country: "FR")],
    declarations: (cultural_tests: ["FR"], uplifts: ["fr-cic/low-budget"]),
    fringes: [(id: "fr-soc", name: "Social charges", rate: "45", cutoff: "100000")],
    accounts: [
        (code: "1300", name: "Director", category: AboveTheLine),
        (code: "3300", name: "VFX", category: Post, vfx: true),
    ],
    lines: [
        (id: "a", account: "1300", description: "Fee", amount: "150000.50", currency: "EUR", kind: Labour,
         residence: "FR", fringes: ["fr-soc"], spent_in: At("FR"), paid_by: "fr", pinned: true),
        (id: "b", account: "3300", description: "Shots", units: (quantity: "120", unit: "shot", rate: "2500"),
         currency: "CAD", kind: Goods, spent_in: Split({"CA-QC": "70", "BE": "30"}), allowed: ["CA", "BE"]),
    ],
    scenarios: [
        (name: "Base"),
        (name: "VFX in Belgium", note: "all shots in BE", overrides: {"b": (spent_in: At("BE"))}),
    ],
)
"#;

fn load(text: &str) -> Result<coprod::store::Document, LoadError> {
    load_str(Path::new("film.ron"), text)
}

#[test]
fn load_save_load_is_the_identity_and_the_text_is_stable() {
    let first = load(GOOD).expect("loads");
    let text = to_ron(&first.project, &first.preamble).expect("saves");
    let second = load(&text).expect("reloads");
    assert_eq!(first.project.data(), second.project.data());
    let again = to_ron(&second.project, &second.preamble).expect("saves again");
    assert_eq!(text, again, "saving twice gives the same text");
    assert!(text.starts_with("// A header comment the author wrote.\n// It survives a save.\n"));
    // decimals keep their written scale and are strings, never floats
    assert!(text.contains("amount: \"150000.50\""));
    assert!(text.contains("rate: \"0.6650\""));
    // version comes first in the saved text
    let body = text
        .lines()
        .find(|l| l.trim_start().starts_with(|c: char| c.is_alphabetic()))
        .unwrap();
    assert_eq!(body.trim(), "version: 1,");
}

#[test]
fn units_give_the_amount_and_fringes_apply() {
    let doc = load(GOOD).unwrap();
    let p = &doc.project;
    // 120 × 2,500 CAD = 300,000 CAD × 0.6650 = €199,500
    assert_eq!(p.base_cost(1).to_string(), "199500.0000");
    // 150,000.50 + 45% × 100,000 (cutoff) = 195,000.50
    assert_eq!(p.base_cost(0).to_string(), "195000.50");
}

fn error_of(text: &str) -> String {
    load(text)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_else(|| "loaded without error".into())
}

#[test]
fn truncated_file_names_line_and_column() {
    let cut = &GOOD[..GOOD.find("accounts:").unwrap()];
    let e = error_of(cut);
    assert!(e.starts_with("film.ron:"), "{e}");
    assert!(
        e.contains("ends too early") || e.contains("Unexpected end"),
        "{e}"
    );
}

#[test]
fn unknown_field_is_named_with_the_expected_ones() {
    let text = GOOD.replace(
        "title: \"Round trip\",",
        "title: \"Round trip\",\n    budget: \"5\",",
    );
    let e = error_of(&text);
    assert!(e.starts_with("film.ron:6:"), "{e}");
    assert!(e.contains("unknown field `budget`"), "{e}");
    assert!(e.contains("expected one of"), "{e}");
}

#[test]
fn a_split_that_does_not_total_one_hundred_is_refused() {
    let e = error_of(&GOOD.replace(r#""BE": "30""#, r#""BE": "29.9""#));
    assert!(
        e.contains("totals 99.9%") && e.contains("0.1% missing"),
        "{e}"
    );
    assert!(e.starts_with("film.ron:3"), "{e}");
}

#[test]
fn negative_exchange_rate_is_refused() {
    let e = error_of(&GOOD.replace("rate: \"0.6650\"", "rate: \"-0.6650\""));
    assert!(e.contains("must be above zero"), "{e}");
}

#[test]
fn newer_version_is_refused_before_anything_else() {
    let e = error_of(&GOOD.replace("version: 1,", "version: 99,"));
    assert!(
        e.contains("format version 99") && e.contains("update coprod"),
        "{e}"
    );
    // even when the rest would not parse as version 1
    let e = error_of("(version: 99, something_new: [1, 2, 3])");
    assert!(e.contains("format version 99"), "{e}");
}

#[test]
fn references_that_do_not_exist_point_at_the_line() {
    let e = error_of(&GOOD.replace("paid_by: \"fr\"", "paid_by: \"xx\""));
    assert!(
        e.contains("paid by partner \"xx\", which does not exist"),
        "{e}"
    );
    assert!(e.starts_with("film.ron:27:"), "the line of id \"a\": {e}");
    let e = error_of(&GOOD.replace(
        "currency: \"CAD\", kind: Goods",
        "currency: \"GBP\", kind: Goods",
    ));
    assert!(e.contains("GBP, which has no exchange rate"), "{e}");
    let e = error_of(&GOOD.replace("At(\"FR\"), paid_by", "At(\"DE\"), paid_by"));
    assert!(
        e.contains("DE, which is not one of the project's territories"),
        "{e}"
    );
    let e = error_of(&GOOD.replace(
        "currency: \"EUR\",\n    rates",
        "currency: \"EURO\",\n    rates",
    ));
    assert!(e.contains("not an ISO 4217 currency code"), "{e}");
}

#[test]
fn duplicate_ids_and_moving_a_pinned_line_are_refused() {
    let e = error_of(&GOOD.replace("(id: \"b\"", "(id: \"a\""));
    assert!(e.contains("line id \"a\" appears twice"), "{e}");
    let e = error_of(&GOOD.replace(
        r#"{"b": (spent_in: At("BE"))}"#,
        r#"{"a": (spent_in: At("BE"))}"#,
    ));
    assert!(e.contains("pinned and cannot move"), "{e}");
}

#[test]
fn floats_and_empty_files_are_refused_with_a_hint() {
    let e = error_of(&GOOD.replace("amount: \"1000000.00\"", "amount: 1000000.5"));
    assert!(e.contains("write decimals as strings"), "{e}");
    assert!(error_of("  \n").contains("the file is empty"));
}

#[test]
fn units_that_disagree_with_the_amount_are_refused() {
    let text = GOOD.replace(
        r#"units: (quantity: "120""#,
        r#"amount: "1", units: (quantity: "120""#,
    );
    let e = error_of(&text);
    assert!(e.contains("does not equal quantity × rate"), "{e}");
}

#[test]
fn reading_a_directory_or_bytes_that_are_not_text() {
    let dir = tempfile::tempdir().unwrap();
    let e = coprod::store::load(dir.path()).unwrap_err().to_string();
    assert!(e.contains("directory"), "{e}");
    let file = dir.path().join("x.ron");
    std::fs::write(&file, [0x28, 0xff, 0xfe]).unwrap();
    let e = coprod::store::load(&file).unwrap_err().to_string();
    assert!(e.contains("not UTF-8"), "{e}");
}

#[test]
fn save_is_atomic_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("film.ron");
    let doc = load(GOOD).unwrap();
    coprod::store::save(&path, &doc.project, &doc.preamble).unwrap();
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("film.ron")]);
    let reloaded = coprod::store::load(&path).unwrap();
    assert_eq!(reloaded.project.data(), doc.project.data());
    // saving into a directory that does not exist fails and says the file is unchanged
    let e = coprod::store::save(&dir.path().join("missing/film.ron"), &doc.project, "")
        .unwrap_err()
        .to_string();
    assert!(e.contains("cannot save") && e.contains("unchanged"), "{e}");
}

/// The annotated example of docs/file-format.md is a real, loadable project.
#[test]
fn the_documented_example_loads() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/file-format.md"))
        .unwrap();
    let start = doc.find("```ron\n").expect("a ron block") + 7;
    let end = start + doc[start..].find("```").unwrap();
    let project = load(&doc[start..end])
        .unwrap_or_else(|e| panic!("{e}"))
        .project;
    assert_eq!(project.scenarios().len(), 2);
}

/// One fixture per file-format version, loaded forever.
#[test]
fn every_format_version_fixture_loads() {
    for version in 1..=coprod::model::project::FORMAT_VERSION {
        let path = format!(
            "{}/tests/fixtures/v{version}.ron",
            env!("CARGO_MANIFEST_DIR")
        );
        coprod::store::load(Path::new(&path)).unwrap_or_else(|e| panic!("{e}"));
    }
}

/// A user's rule file replaces a built-in rule with the same id and adds new ones.
#[test]
fn user_rule_files_override_and_extend_the_embedded_book() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("10-mine.ron"),
        r#"(programs: [
            (id: "rs-rebate", name: "Serbia (my reading)", territory: "RS", kind: CashRebate, currency: "EUR",
             basis: AllSpend, rate: Flat("20"), source: "my notes", valid_from: "2026-01-01", confidence: Secondary),
            (id: "xk-new", name: "A new program", territory: "XK", kind: Grant, currency: "EUR",
             basis: AllSpend, rate: Flat("10"), source: "my notes", valid_from: "2026-01-01", confidence: Secondary),
        ])"#,
    )
    .unwrap();
    let embedded = coprod::rules::RuleBook::embedded().unwrap();
    let book = coprod::store::load_rule_book(Some(dir.path())).unwrap();
    assert_eq!(book.programs().len(), embedded.programs().len() + 1);
    assert_eq!(
        book.program("rs-rebate").unwrap().name,
        "Serbia (my reading)"
    );
    assert!(book.program("xk-new").is_some());
    // a broken user file is reported with its path, line and column
    std::fs::write(
        dir.path().join("20-broken.ron"),
        "(programs: [(id: \"x\", name: 3)])",
    )
    .unwrap();
    let e = coprod::store::load_rule_book(Some(dir.path()))
        .unwrap_err()
        .to_string();
    assert!(e.contains("20-broken.ron:1:"), "{e}");
}

#[test]
fn amounts_beyond_range_and_negative_amounts_are_refused() {
    let e = error_of(&GOOD.replace(
        "amount: \"150000.50\"",
        "amount: \"79228162514264337593543950335\"",
    ));
    assert!(e.contains("larger than coprod accepts"), "{e}");
    let e = error_of(&GOOD.replace(r#"quantity: "120""#, r#"quantity: "10000000000000""#));
    assert!(e.contains("quantity × rate") && e.contains("larger"), "{e}");
    let e = error_of(&GOOD.replace("amount: \"150000.50\"", "amount: \"-150000.50\""));
    assert!(e.contains("negative"), "{e}");
    let e = error_of(&GOOD.replace("cutoff: \"100000\"", "cutoff: \"-1\""));
    assert!(e.contains("cutoff of fringe fr-soc is negative"), "{e}");
    let e = error_of(&GOOD.replace("rate: \"0.6650\"", "rate: \"100000000\""));
    assert!(e.contains("likely typo"), "{e}");
}

#[test]
fn every_part_of_a_split_must_be_allowed() {
    let e = error_of(&GOOD.replace(r#"allowed: ["CA", "BE"]"#, r#"allowed: ["CA"]"#));
    assert!(
        e.contains("spent in BE but may only be spent in its allowed territories"),
        "{e}"
    );
}
