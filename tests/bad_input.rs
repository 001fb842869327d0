//! Every kind of bad input the issue lists, in one table: each is refused with a message
//! that names the file, the line and column where that makes sense, and what is wrong or
//! what to do. Nothing panics and nothing is half loaded (a load either gives a project or
//! an error).

use coprod::store::load_str;
use std::path::Path;

/// A small valid project; each case changes one thing.
const GOOD: &str = r#"(
    version: 1,
    title: "Bad input",
    currency: "EUR",
    rates: [(currency: "CAD", rate: "0.6650", date: "2026-10-01")],
    territories: ["FR", "CA-QC"],
    format: Fiction,
    coproduction: Inferred,
    partners: [
        (id: "fr", name: "FR prod", country: "FR", role: Majority),
        (id: "ca", name: "CA prod", country: "CA", role: Minority),
    ],
    accounts: [(code: "2000", name: "Shoot", category: BelowTheLine)],
    lines: [
        (id: "a", account: "2000", description: "Crew", amount: "1000.00", currency: "EUR", kind: Labour, spent_in: At("FR")),
        (id: "b", account: "2000", description: "Gear", amount: "500.00", currency: "CAD", kind: Goods, spent_in: Split({"FR": "60", "CA-QC": "40"})),
    ],
    scenarios: [(name: "Base")],
)
"#;

fn error_of(text: &str) -> String {
    match load_str(Path::new("film.ron"), text) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(e) => e.to_string(),
    }
}

/// "film.ron:LINE:COL: ..." with LINE and COL numbers; returns the line.
fn line_of(message: &str) -> usize {
    let rest = message
        .strip_prefix("film.ron:")
        .unwrap_or_else(|| panic!("no file name: {message}"));
    let mut parts = rest.splitn(3, ':');
    let line: usize = parts
        .next()
        .and_then(|l| l.parse().ok())
        .unwrap_or_else(|| panic!("no line: {message}"));
    let col: usize = parts
        .next()
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no column: {message}"));
    assert!(line >= 1 && col >= 1, "{message}");
    line
}

#[test]
fn the_good_project_loads() {
    load_str(Path::new("film.ron"), GOOD).unwrap();
}

#[test]
fn each_bad_input_names_where_and_what() {
    // (what, the changed text, the line it is on, words the message must hold)
    let cases: Vec<(&str, String, usize, &str)> = vec![
        (
            "malformed RON",
            GOOD.replace("title: \"Bad input\",", "title: \"Bad input\""),
            4,
            "a comma is missing here",
        ),
        (
            "unknown field",
            GOOD.replace("format: Fiction,", "format: Fiction, colour: Blue,"),
            7,
            "unknown field `colour`; expected one of",
        ),
        (
            "missing field",
            GOOD.replace("    currency: \"EUR\",\n    rates", "    rates"),
            18,
            "missing the field `currency`",
        ),
        (
            "duplicate line id",
            GOOD.replace("(id: \"b\"", "(id: \"a\""),
            16,
            "line id \"a\" appears twice",
        ),
        (
            "split not totalling 100",
            GOOD.replace("\"CA-QC\": \"40\"", "\"CA-QC\": \"39\""),
            16,
            "totals 99%",
        ),
        (
            "unknown territory",
            GOOD.replace("At(\"FR\")", "At(\"DE\")"),
            15,
            "DE, which is not one of the project's territories",
        ),
        (
            "territory that is not ISO",
            GOOD.replace("[\"FR\", \"CA-QC\"]", "[\"FR\", \"UK\"]"),
            6,
            "use an ISO 3166 code",
        ),
        (
            "currency without a rate",
            GOOD.replace("currency: \"CAD\", kind", "currency: \"GBP\", kind"),
            16,
            "GBP, which has no exchange rate",
        ),
        (
            "negative rate",
            GOOD.replace("rate: \"0.6650\"", "rate: \"-0.6650\""),
            5,
            "must be above zero",
        ),
        (
            "zero rate",
            GOOD.replace("rate: \"0.6650\"", "rate: \"0\""),
            5,
            "must be above zero",
        ),
        (
            "amount beyond the decimal range",
            GOOD.replace("\"1000.00\"", "\"79228162514264337593543950336\""),
            15,
            "beyond the largest number coprod can hold",
        ),
        (
            "amount too large to be real",
            GOOD.replace("\"1000.00\"", "\"79228162514264337593543950335\""),
            15,
            "larger than coprod accepts",
        ),
        (
            "float instead of a string",
            GOOD.replace("\"1000.00\"", "1000.5"),
            15,
            "write decimals as strings",
        ),
    ];
    let mut failures = Vec::new();
    for (what, text, line, words) in &cases {
        let message = error_of(text);
        let ok = std::panic::catch_unwind(|| line_of(&message)).ok() == Some(*line)
            && message.contains(words);
        if !ok {
            failures.push(format!("{what} (line {line}): {message}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_newer_version_an_empty_file_bytes_and_a_directory() {
    let e = error_of(&GOOD.replace("version: 1,", "version: 2,"));
    assert!(
        e.contains("format version 2") && e.contains("update coprod"),
        "{e}"
    );
    let e = error_of("");
    assert!(e.contains("film.ron: the file is empty"), "{e}");
    let dir = tempfile::tempdir().unwrap();
    let e = coprod::store::load(dir.path()).unwrap_err().to_string();
    assert!(
        e.contains("this is a directory; give the path of a .ron project file"),
        "{e}"
    );
    let file = dir.path().join("latin1.ron");
    std::fs::write(&file, b"(title: \"Caf\xe9\")").unwrap();
    let e = coprod::store::load(&file).unwrap_err().to_string();
    assert!(
        e.contains("not UTF-8 text (byte 12); save it as UTF-8"),
        "{e}"
    );
}

#[test]
fn a_rule_file_with_a_broken_rule_names_where() {
    let text = "(programs: [\n  (id: \"x\", name: \"X\", territory: \"FR\", kind: Grant, currency: \"EUR\",\n   basis: AllSpend, rate: Flat(\"5\"), source: \"\", valid_from: \"2024-01-01\", confidence: Confirmed),\n])";
    let e = coprod::rules::book::parse_rule_file("mine.ron", text)
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("mine.ron:2:"), "{e}");
    assert!(e.contains("has no source; every rule must cite one"), "{e}");
    let e = coprod::rules::book::parse_rule_file("mine.ron", "(programs: [(id: 1)])")
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("mine.ron:1:"), "{e}");
}
