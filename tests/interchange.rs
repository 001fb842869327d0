//! Budgets in and out: every sample's scenarios exported to CSV and imported into an emptied
//! copy give back the same budget (lines, amounts, territories, payers); tables shaped like the
//! exports of budgeting tools and spreadsheets (a Movie Magic-style tab-delimited detail export
//! with title rows, account headings and subtotals; French- and German-headed CSV with decimal
//! commas) are read as a line producer expects; bad rows are named and nothing is written.

mod common;

use coprod::engine::assess;
use coprod::interchange::number;
use coprod::model::{Allocation, Cost, LineKind, Project};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn coprod(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coprod"))
        .args(args)
        .env("XDG_CONFIG_HOME", "/nonexistent-coprod-test")
        .env("HOME", "/nonexistent-coprod-test")
        .output()
        .expect("run coprod")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn load(path: &Path) -> Project {
    coprod::store::load(path)
        .unwrap_or_else(|e| panic!("{e}"))
        .project
}

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// A copy of the French–Quebec sample in a new directory, to import into.
fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let into = dir.path().join("film.ron");
    std::fs::copy(
        format!(
            "{}/sample-projects/ca-fr-feature.ron",
            env!("CARGO_MANIFEST_DIR")
        ),
        &into,
    )
    .unwrap();
    (dir, into)
}

/// A copy of the bundled sample with no lines and no scenario changes, saved in `dir`.
fn emptied(dir: &Path, sample: &str) -> PathBuf {
    let mut data = common::sample(sample).into_data();
    data.lines.clear();
    for s in &mut data.scenarios {
        s.overrides.clear();
    }
    let path = dir.join("empty.ron");
    coprod::store::save(&path, &Project::new(data).unwrap(), "// emptied").unwrap();
    path
}

#[test]
fn export_then_import_gives_back_the_same_budget_for_every_scenario_of_every_sample() {
    let samples = [
        "ca-fr-feature.ron",
        "gb-ie-drama.ron",
        "es-pt-canary.ron",
        "eu-three-country.ron",
        "hu-service-shoot.ron",
        "broken-be-minority.ron",
    ];
    for sample in samples {
        let original = common::sample(sample);
        for scenario in original.scenarios() {
            let dir = tempfile::tempdir().unwrap();
            let csv = dir.path().join("lines.csv");
            let src = format!("{}/sample-projects/{sample}", env!("CARGO_MANIFEST_DIR"));
            let o = coprod(&[
                "export",
                &src,
                "--to",
                csv.to_str().unwrap(),
                "--scenario",
                &scenario.name,
            ]);
            assert_eq!(o.status.code(), Some(0), "{}", text(&o));
            let into = emptied(dir.path(), sample);
            let o = coprod(&[
                "import",
                csv.to_str().unwrap(),
                "--into",
                into.to_str().unwrap(),
            ]);
            assert_eq!(
                o.status.code(),
                Some(0),
                "{sample} {}: {}",
                scenario.name,
                text(&o)
            );
            let back = load(&into);
            // Same lines, each as the scenario placed, priced and paid for it.
            assert_eq!(back.lines().len(), original.lines().len(), "{sample}");
            let s = original
                .scenarios()
                .iter()
                .position(|x| x.name == scenario.name)
                .unwrap();
            for (i, line) in original.lines().iter().enumerate() {
                let ov = scenario.overrides.get(&line.id);
                let got = &back.lines()[i];
                assert_eq!(got.id, line.id, "{sample}");
                assert_eq!(got.account, line.account);
                assert_eq!(got.description, line.description);
                assert_eq!(got.currency, line.currency);
                assert_eq!(got.kind, line.kind);
                assert_eq!(got.fringes, line.fringes);
                assert_eq!(
                    &got.spent_in,
                    ov.and_then(|o| o.spent_in.as_ref())
                        .unwrap_or(&line.spent_in),
                    "{sample} {} {}",
                    scenario.name,
                    line.id
                );
                assert_eq!(
                    got.paid_by.as_ref(),
                    ov.and_then(|o| o.paid_by.as_ref())
                        .or(line.paid_by.as_ref())
                );
                assert_eq!(got.pinned, line.pinned);
                assert_eq!(got.allowed, line.allowed);
                assert_eq!(
                    back.base_cost(i),
                    original.cost_in(s, i),
                    "{sample} {} {}",
                    scenario.name,
                    line.id
                );
            }
            // And so the same assessment of the budget.
            let a = assess(&original, scenario, common::embedded());
            let b = assess(&back, &back.scenarios()[0], common::embedded());
            assert_eq!(a.budget_total, b.budget_total, "{sample}");
            assert_eq!(
                a.incentives_net, b.incentives_net,
                "{sample} {}",
                scenario.name
            );
            let spend = |x: &coprod::engine::Assessment| {
                x.territories.iter().map(|t| t.total).collect::<Vec<_>>()
            };
            assert_eq!(spend(&a), spend(&b), "{sample}");
        }
    }
}

#[test]
fn a_movie_magic_style_detail_export_is_read_with_its_mapping() {
    let (_dir, into) = sample_copy();
    let before = load(&into).lines().len();
    let table = fixture("mmb-detail.tsv");
    let map = fixture("mmb-map.ron");
    let args = [
        "import",
        &table,
        "--into",
        into.to_str().unwrap(),
        "--map",
        &map,
    ];
    let o = coprod(&[&args[..], &["--dry-run"]].concat());
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    for expected in [
        "headings on row 3",
        "\"Amount\"                     → quantity",
        "\"X\"                          → multiplier (x)",
        "row    5  2200 Director of photography, prep and shoot · 8 Weeks × €4,200.00 = €33,600.00 · labour (it carries fringes) · spent in FR-ARA",
        "row    7  2200 Drone unit, winter aerials · 6 Days × €1,150.00 = €6,900.00 · goods & services (it carries no fringes) · spent in CA-QC",
        "Skipped rows: 4 (heading of an account), 8 (subtotal), 9 (blank), 10 (heading of an account), 13 (subtotal)",
        "Dry run: nothing was written.",
    ] {
        assert!(out.contains(expected), "{expected:?} in\n{out}");
    }
    assert_eq!(load(&into).lines().len(), before);
    let o = coprod(&args);
    assert!(text(&o).contains("5 line(s) added"), "{}", text(&o));
    let p = load(&into);
    assert_eq!(p.lines().len(), before + 5);
    let hotels = p
        .lines()
        .iter()
        .find(|l| l.description == "Hotels, Isère and Savoie")
        .unwrap();
    assert_eq!(hotels.kind, LineKind::Goods);
    assert_eq!(hotels.amount(), Decimal::new(96_000, 0));
    // The next number free in account 2900 (the sample has 2900-01 to 2900-06).
    assert_eq!(hotels.id.0, "2900-07");
    // Importing again adds nothing: the lines are matched by account and description.
    let o = coprod(&args);
    assert!(
        text(&o).contains("0 line(s) added, 0 updated, 5 unchanged"),
        "{}",
        text(&o)
    );
    assert_eq!(load(&into).lines().len(), before + 5);
}

#[test]
fn french_and_german_headings_and_decimal_commas_are_understood() {
    let (_dir, into) = sample_copy();
    let o = coprod(&[
        "import",
        &fixture("french.csv"),
        "--into",
        into.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        text(&o).contains("Skipped rows: 5 (subtotal)"),
        "{}",
        text(&o)
    );
    let o = coprod(&[
        "import",
        &fixture("german.csv"),
        "--into",
        into.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let p = load(&into);
    let find = |d: &str| p.lines().iter().find(|l| l.description == d).unwrap();
    // 8 semaines à 4 200,00 → 33,600.00; 96 000,50 with a decimal comma.
    assert_eq!(find("Chef opérateur").amount(), Decimal::new(33_600, 0));
    assert_eq!(find("Chef opérateur").kind, LineKind::Labour);
    assert_eq!(find("Hôtels").amount(), Decimal::new(9_600_050, 2));
    assert_eq!(find("Hôtels").spent_in, Allocation::at(common::t("FR-ARA")));
    // "4.200,00" in German.
    assert!(matches!(&find("Kameramann").cost, Cost::Units(u) if u.rate == Decimal::new(4_200, 0)));
}

#[test]
fn bad_rows_are_named_and_nothing_is_written_unless_asked() {
    let (dir, into) = sample_copy();
    let before = std::fs::read_to_string(&into).unwrap();
    let table = dir.path().join("budget.csv");
    std::fs::write(
        &table,
        "Account,Description,Amount,Currency,Location\n\
         2200,Camera crane,12500,EUR,FR\n\
         9999,Unknown account,100,EUR,FR\n\
         2200,Steadicam,12.5O0,EUR,FR\n\
         2200,Dolly,900,EUR,Narnia\n\
         2200,Camera crane,300,EUR,FR\n\
         2200,Lenses,4000,XYZ,FR\n",
    )
    .unwrap();
    let t = table.to_str().unwrap();
    let o = coprod(&["import", t, "--into", into.to_str().unwrap()]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(2), "{out}");
    for expected in [
        "budget.csv: row 3: account \"9999\" is not in the project's chart of accounts",
        "budget.csv: row 4: amount: \"12.5O0\" is not a number",
        "budget.csv: row 5: \"Narnia\" is not a territory",
        "budget.csv: row 6: account 2200 \"Camera crane\" is already on row 2",
        "budget.csv: row 7:",
        "Nothing was written: 5 row(s) cannot be read",
    ] {
        assert!(out.contains(expected), "{expected:?} in\n{out}");
    }
    assert_eq!(std::fs::read_to_string(&into).unwrap(), before);
    // --skip-invalid imports the one good row and lists the rest.
    let o = coprod(&[
        "import",
        t,
        "--into",
        into.to_str().unwrap(),
        "--skip-invalid",
    ]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        out.contains("1 line(s) added, 0 updated, 0 unchanged; 5 invalid row(s) skipped"),
        "{out}"
    );
    // A spreadsheet it cannot read yet is refused with what to do.
    let o = coprod(&["import", "budget.numbers", "--into", into.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).contains("save the sheet in one of those"),
        "{}",
        text(&o)
    );
}

#[test]
fn numbers_are_read_as_spreadsheets_write_them() {
    for (text, value) in [
        ("12500", "12500"),
        ("12,500.00", "12500.00"),
        ("12 500,00", "12500.00"),
        ("12.500,00", "12500.00"),
        ("1.234.567", "1234567"),
        ("€ 1,200", "1200"),
        ("(300.50)", "-300.50"),
        ("0,5", "0.5"),
        ("4,200", "4200"),
        ("EUR 1,200.50", "1200.50"),
        ("1'250.00", "1250.00"),
    ] {
        assert_eq!(
            number(text).unwrap(),
            value.parse::<Decimal>().unwrap(),
            "{text}"
        );
    }
    assert!(number("twelve").is_err());
    assert!(
        number("12.5O0").is_err(),
        "a letter is a slip, not a thousands mark"
    );
    assert!(number("12 kg").is_err());
    assert!(number("").is_err());
}

#[test]
fn exports_state_the_version_the_rule_book_date_and_the_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("plan.md");
    let src = format!(
        "{}/sample-projects/ca-fr-feature.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    let o = coprod(&[
        "export",
        &src,
        "--to",
        md.to_str().unwrap(),
        "--scenario",
        "Post in Quebec",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let written = std::fs::read_to_string(&md).unwrap();
    let as_of = common::embedded().as_of().unwrap().to_string();
    let first = written.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "Le Dernier Hiver — scenario \"Post in Quebec\" — coprod {} — rule book as of {as_of}",
            env!("CARGO_PKG_VERSION")
        )
    );
    assert!(written.contains("## Partners"), "{written}");
    let o = coprod(&[
        "export",
        &src,
        "--to",
        dir.path().join("x.pdf").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("not .pdf"), "{}", text(&o));
}

/// A workbook as a spreadsheet user builds it: a title merged across the top, a two-row
/// heading whose upper row is merged ("Cost" over quantity, unit and rate), numbers stored as
/// numbers, subtotal rows with formulas, and a blank row.
fn workbook(path: &Path) {
    use rust_xlsxwriter::{Format, Formula, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let bold = Format::new().set_bold();
    sheet
        .merge_range(0, 0, 0, 6, "Le Dernier Hiver — budget v3", &bold)
        .unwrap();
    sheet.merge_range(1, 2, 1, 4, "Cost", &bold).unwrap();
    for (c, h) in [
        "Account",
        "Description",
        "Quantity",
        "Unit",
        "Rate",
        "Subtotal",
        "Location",
    ]
    .iter()
    .enumerate()
    {
        sheet
            .write_string_with_format(2, c as u16, *h, &bold)
            .unwrap();
    }
    let rows: [(&str, &str, f64, &str, f64, &str); 3] = [
        (
            "2200",
            "Focus puller, prep and shoot",
            9.0,
            "weeks",
            2150.75,
            "FR-ARA",
        ),
        (
            "2900",
            "Catering, Quebec unit",
            20.0,
            "days",
            1120.5,
            "CA-QC",
        ),
        (
            "2900",
            "Hotels, Lyon studio weeks",
            1.0,
            "allow",
            18333.33,
            "FR-ARA",
        ),
    ];
    for (i, (account, description, quantity, unit, rate, location)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        sheet.write_string(r, 0, *account).unwrap();
        sheet.write_string(r, 1, *description).unwrap();
        sheet.write_number(r, 2, *quantity).unwrap();
        sheet.write_string(r, 3, *unit).unwrap();
        sheet.write_number(r, 4, *rate).unwrap();
        let result = format!("{}", quantity * rate);
        sheet
            .write_formula(
                r,
                5,
                Formula::new(format!("=C{0}*E{0}", r + 1)).set_result(result),
            )
            .unwrap();
        sheet.write_string(r, 6, *location).unwrap();
    }
    sheet.write_string(7, 1, "Total below the line").unwrap();
    sheet
        .write_formula(7, 5, Formula::new("=SUM(F4:F6)").set_result("60045.08"))
        .unwrap();
    book.save(path).unwrap();
}

#[test]
fn an_xlsx_with_merged_headings_and_subtotals_is_read_to_the_cent() {
    let (dir, into) = sample_copy();
    let xlsx = dir.path().join("budget.xlsx");
    workbook(&xlsx);
    let o = coprod(&[
        "import",
        xlsx.to_str().unwrap(),
        "--into",
        into.to_str().unwrap(),
        "--dry-run",
    ]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("headings on row 3"), "{out}");
    assert!(
        out.contains("Skipped rows: 7 (blank), 8 (subtotal)"),
        "{out}"
    );
    let o = coprod(&[
        "import",
        xlsx.to_str().unwrap(),
        "--into",
        into.to_str().unwrap(),
    ]);
    assert!(text(&o).contains("3 line(s) added"), "{}", text(&o));
    let p = load(&into);
    let find = |d: &str| p.lines().iter().find(|l| l.description == d).unwrap();
    // 9 × 2,150.75 = 19,356.75; 20 × 1,120.50 = 22,410.00; 1 × 18,333.33: exact decimals, as typed.
    assert_eq!(
        find("Focus puller, prep and shoot").amount(),
        Decimal::new(1_935_675, 2)
    );
    assert_eq!(find("Focus puller, prep and shoot").kind, LineKind::Labour);
    assert_eq!(
        find("Catering, Quebec unit").amount(),
        Decimal::new(2_241_000, 2)
    );
    assert_eq!(
        find("Hotels, Lyon studio weeks").amount(),
        Decimal::new(1_833_333, 2)
    );
}

#[test]
fn a_directory_gets_the_lines_and_every_report_table_as_csv() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pack/");
    let src = format!(
        "{}/sample-projects/ca-fr-feature.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    let o = coprod(&["export", &src, "--to", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "1-summary.csv",
            "2-spend-by-territory.csv",
            "3-incentive-programs.csv",
            "4-partners.csv",
            "5-treaty.csv",
            "6-spend-obligations.csv",
            "7-goals.csv",
            "assessment.csv",
            "lines.csv"
        ]
    );
    // Each starts with the stamp; the partners' table carries the figures of the report.
    let partners = std::fs::read_to_string(out.join("4-partners.csv")).unwrap();
    let mut rows = partners.lines();
    assert!(rows.next().unwrap().contains("rule book as of"));
    assert!(rows.next().unwrap().starts_with("Partner,Country,Role"));
    assert!(
        partners.contains("Productions Boréales,CA,minority"),
        "{partners}"
    );
    assert!(partners.contains("20.75%"), "{partners}");
    // The same figures unformatted: the exact budget total of the report.
    let raw = std::fs::read_to_string(out.join("assessment.csv")).unwrap();
    let a = assess(
        &common::sample("ca-fr-feature.ron"),
        &common::sample("ca-fr-feature.ron").scenarios()[0],
        common::embedded(),
    );
    assert!(
        raw.contains(&format!(
            "summary,Le Dernier Hiver,budget_total,{}",
            a.budget_total
        )),
        "{raw}"
    );
}

#[test]
fn an_ods_with_spanish_headings_is_read() {
    let (_dir, into) = sample_copy();
    let o = coprod(&[
        "import",
        &fixture("spanish.ods"),
        "--into",
        into.to_str().unwrap(),
    ]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        out.contains("\"Concepto\"                   → description"),
        "{out}"
    );
    assert!(out.contains("Skipped rows: 4 (subtotal)"), "{out}");
    let p = load(&into);
    let line = p
        .lines()
        .iter()
        .find(|l| l.description == "Grúa y travelling")
        .unwrap();
    assert_eq!(line.amount(), Decimal::new(1_425_075, 2));
    assert_eq!(line.spent_in, Allocation::at(common::t("FR")));
}

#[test]
fn an_update_changes_only_what_the_table_has_columns_for() {
    let (dir, into) = sample_copy();
    let was = load(&into);
    let line = was
        .lines()
        .iter()
        .find(|l| l.id.0 == "1200-01")
        .unwrap()
        .clone();
    assert!(
        line.pinned && !line.fringes.is_empty(),
        "the sample pins 1200-01 and gives it fringes"
    );
    // A new fee for the same account and description; no location, pin or fringe columns.
    let table = dir.path().join("fees.csv");
    std::fs::write(
        &table,
        format!(
            "Account,Description,Amount\n1200,\"{}\",99000\n",
            line.description
        ),
    )
    .unwrap();
    let o = coprod(&[
        "import",
        table.to_str().unwrap(),
        "--into",
        into.to_str().unwrap(),
    ]);
    assert!(
        text(&o).contains("0 line(s) added, 1 updated"),
        "{}",
        text(&o)
    );
    let now = load(&into);
    let after = now.lines().iter().find(|l| l.id == line.id).unwrap();
    assert_eq!(after.amount(), Decimal::new(99_000, 0));
    assert_eq!(after.pinned, line.pinned);
    assert_eq!(after.fringes, line.fringes);
    assert_eq!(after.spent_in, line.spent_in);
    assert_eq!(after.kind, line.kind);
    assert_eq!(now.lines().len(), was.lines().len());
}

#[test]
fn a_pack_gives_each_reader_its_own_tables() {
    let dir = tempfile::tempdir().unwrap();
    let src = format!(
        "{}/sample-projects/ca-fr-feature.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    let project = common::sample("ca-fr-feature.ron");
    let a = assess(&project, &project.scenarios()[0], common::embedded());
    let eur = |x| coprod::model::format_money(x, a.currency);

    // The Eurimages pack as CSV tables: the summary budget by producer leads.
    let out = dir.path().join("eurimages/");
    let o = coprod(&[
        "export",
        &src,
        "--to",
        out.to_str().unwrap(),
        "--pack",
        "eurimages",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "1-summary.csv",
            "2-summary-budget-by-producer.csv",
            "3-financing-plan.csv",
            "4-partners.csv",
            "5-treaty.csv",
            "assessment.csv",
            "lines.csv"
        ]
    );
    let budget = std::fs::read_to_string(out.join("2-summary-budget-by-producer.csv")).unwrap();
    assert!(budget.lines().next().unwrap().contains("eurimages pack"));
    assert!(
        budget.contains("Account,Heading,Films du Nord,Productions Boréales,Total"),
        "{budget}"
    );
    let total = budget
        .lines()
        .find(|l| l.starts_with(",Total budget,"))
        .expect("the total row");
    assert_eq!(
        total,
        format!(
            ",Total budget,\"{}\",\"{}\",\"{}\"",
            eur(a.partners[0].pays),
            eur(a.partners[1].pays),
            eur(a.budget_total)
        )
    );

    // The finance plan as Markdown: each source with its share, each partner's total.
    let md = dir.path().join("plan.md");
    let o = coprod(&[
        "export",
        &src,
        "--to",
        md.to_str().unwrap(),
        "--pack",
        "finance-plan",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let md = std::fs::read_to_string(md).unwrap();
    assert!(md.contains("## Financing plan (EUR)"), "{md}");
    assert!(
        md.contains("| Productions Boréales | Telefilm Canada production program | public fund | C$500,000.00 | €332,500.00 | 4.79% |"),
        "{md}"
    );
    assert!(
        md.contains(&format!(
            "|  | Total Productions Boréales |  |  | {} | 20.75% |",
            eur(a.partners[1].contribution)
        )),
        "{md}"
    );
    assert!(!md.contains("## Incentive programs"), "{md}");

    // The incentive schedule: each program in play, credited to its partner.
    let md = dir.path().join("incentives.md");
    let o = coprod(&[
        "export",
        &src,
        "--to",
        md.to_str().unwrap(),
        "--pack",
        "incentives",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let md = std::fs::read_to_string(md).unwrap();
    let cspc = a
        .programs
        .iter()
        .find(|p| p.id == "ca-qc-qpstc")
        .expect("the Quebec service credit");
    assert!(
        md.contains(&format!(
            "| {} | CA-QC | Productions Boréales | ✓ claimed |",
            cspc.name
        )),
        "{md}"
    );
    assert!(md.contains(&eur(cspc.net)), "{md}");
}

#[test]
fn a_pack_that_cannot_be_made_says_why_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let sample = |name: &str| format!("{}/sample-projects/{name}", env!("CARGO_MANIFEST_DIR"));
    // Eurimages works in euros; this project's base is sterling.
    let out = dir.path().join("eurimages.xlsx");
    let o = coprod(&[
        "export",
        &sample("gb-ie-drama.ron"),
        "--to",
        out.to_str().unwrap(),
        "--pack",
        "eurimages",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("in euros"), "{}", text(&o));
    assert!(text(&o).contains("GBP"), "{}", text(&o));
    assert!(!out.exists());
    // One CSV file holds one table: the lines.
    let out = dir.path().join("plan.csv");
    let o = coprod(&[
        "export",
        &sample("ca-fr-feature.ron"),
        "--to",
        out.to_str().unwrap(),
        "--pack",
        "finance-plan",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).contains("tables of the finance-plan pack as CSV files, export to a directory"),
        "{}",
        text(&o)
    );
    assert!(!out.exists());
    // An unknown pack lists the packs there are.
    let o = coprod(&[
        "export",
        &sample("ca-fr-feature.ron"),
        "--to",
        out.to_str().unwrap(),
        "--pack",
        "nordic",
    ]);
    assert_eq!(o.status.code(), Some(2));
    for name in [
        "full",
        "eurimages",
        "finance-plan",
        "coproducer-split",
        "incentives",
    ] {
        assert!(text(&o).contains(name), "{}", text(&o));
    }
}

#[test]
fn an_excel_97_workbook_is_read_with_numbers_as_numbers() {
    let (_dir, into) = sample_copy();
    let o = coprod(&[
        "import",
        &fixture("legacy.xls"),
        "--into",
        into.to_str().unwrap(),
    ]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("headings on row 3"), "{out}");
    assert!(
        out.contains(
            "Skipped rows: 4 (heading of an account), 7 (subtotal), 8 (heading of an account), 10 (subtotal)"
        ),
        "{out}"
    );
    assert!(out.contains("3 line(s) added"), "{out}");
    let p = load(&into);
    let find = |d: &str| p.lines().iter().find(|l| l.description == d).unwrap();
    // Account 2200 stored as the number 2200; 6 weeks at 2,650.50 checked against 15,903.00.
    let operator = find("Second camera operator, Montreal");
    assert_eq!(operator.account, "2200");
    assert_eq!(operator.amount(), Decimal::new(1_590_300, 2));
    assert_eq!(operator.kind, LineKind::Labour);
    assert_eq!(operator.spent_in, Allocation::at(common::t("CA-QC")));
    let camera = find("Camera package rental, Lyon");
    assert_eq!(camera.amount(), Decimal::new(4_800_025, 2));
    assert_eq!(camera.spent_in, Allocation::at(common::t("FR-ARA")));
    assert_eq!(
        find("Location fees, Vercors").amount(),
        Decimal::new(15_000, 0)
    );
}

#[test]
fn a_budget_comes_into_a_new_project_with_the_accounts_its_chart_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let into = dir.path().join("fresh.ron");
    let o = coprod(&[
        "new",
        into.to_str().unwrap(),
        "--title",
        "Fresh",
        "--currency",
        "EUR",
        "--partners",
        "FR,BE",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let chart_before = load(&into).accounts().to_vec();
    assert!(chart_before.iter().all(|a| a.code != "2900"));
    let table = fixture("mmb-detail.tsv");
    // Without categories, the unknown account is a bad row that says how to add it.
    let o = coprod(&[
        "import",
        &table,
        "--into",
        into.to_str().unwrap(),
        "--map",
        &fixture("mmb-map.ron"),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("account \"2900\" is not in the project's chart of accounts; add it to accounts in the project, give its category in the mapping"),
        "{}",
        text(&o)
    );
    // With them, the dry run lists the account it would add, named from its heading row.
    let map = fixture("new-accounts-map.ron");
    let args = [
        "import",
        &table,
        "--into",
        into.to_str().unwrap(),
        "--map",
        &map,
    ];
    let o = coprod(&[&args[..], &["--dry-run"]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        text(&o).contains("New accounts (not in the chart; category from the mapping):\n  2900 HOTELS AND CATERING · below the line\n"),
        "{}",
        text(&o)
    );
    assert_eq!(load(&into).accounts(), &chart_before[..]);
    let o = coprod(&args);
    assert!(
        text(&o).contains("1 account(s) added, 5 line(s) added, 0 updated, 0 unchanged"),
        "{}",
        text(&o)
    );
    let p = load(&into);
    // In code order: after every account below 2900, before every one above it.
    let at = p.accounts().iter().position(|a| a.code == "2900").unwrap();
    let account = &p.accounts()[at];
    assert_eq!(account.name, "HOTELS AND CATERING");
    assert_eq!(account.category, coprod::model::Category::BelowTheLine);
    for (i, a) in p.accounts().iter().enumerate() {
        let n: u32 = a.code.parse().unwrap();
        assert_eq!(i < at, n < 2900, "{} at {i}", a.code);
    }
    assert_eq!(p.lines().iter().filter(|l| l.account == "2900").count(), 2);
    // Again: nothing new.
    let o = coprod(&args);
    assert!(
        text(&o).contains("0 line(s) added, 0 updated, 5 unchanged"),
        "{}",
        text(&o)
    );
    assert!(!text(&o).contains("account(s) added"), "{}", text(&o));
    assert_eq!(load(&into).accounts().len(), chart_before.len() + 1);
}
