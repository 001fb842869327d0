//! The financier's workbook, read back with calamine: every figure it shows equals the
//! engine's to the cent, its totals are formulas over the lines and sources, and sums made from
//! its own lines give the same figures.

mod common;

use calamine::{Data, Range, Reader, Xlsx, open_workbook};
use coprod::engine::{Assessment, ProgramStatus, assess};
use rust_decimal::Decimal;
use std::path::Path;

fn export(sample: &str, scenario: &str, to: &Path) {
    export_pack(sample, scenario, to, "full");
}

fn export_pack(sample: &str, scenario: &str, to: &Path, pack: &str) {
    let src = format!("{}/sample-projects/{sample}", env!("CARGO_MANIFEST_DIR"));
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_coprod"))
        .args([
            "export",
            &src,
            "--to",
            to.to_str().unwrap(),
            "--scenario",
            scenario,
            "--pack",
            pack,
        ])
        .env("XDG_CONFIG_HOME", "/nonexistent-coprod-test")
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// A cell's number as the decimal it was written from, to the cent.
fn cents(range: &Range<Data>, row: u32, col: u32) -> Decimal {
    match range.get_value((row, col)) {
        Some(Data::Float(f)) => format!("{f}").parse::<Decimal>().unwrap().round_dp(2),
        Some(Data::Int(i)) => Decimal::from(*i),
        other => panic!("no number at ({row}, {col}): {other:?}"),
    }
}

fn text(range: &Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        other => panic!("no text at ({row}, {col}): {other:?}"),
    }
}

fn c2(x: Decimal) -> Decimal {
    x.round_dp(2)
}

fn check(sample: &str, scenario: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.xlsx");
    export(sample, scenario, &path);
    let project = common::sample(sample);
    let s = project.scenario(scenario).unwrap();
    let a: Assessment = assess(&project, s, common::embedded());
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "Summary",
            "Finance plan",
            "Budget by producer",
            "Budget by territory",
            "Incentives",
            "Treaty",
            "Lines",
            "Rates"
        ]
    );
    let summary = book.worksheet_range("Summary").unwrap();
    let formulas = book.worksheet_formula("Summary").unwrap();
    assert!(text(&summary, 0, 0).contains(&format!("scenario \"{scenario}\"")));
    assert!(text(&summary, 0, 0).contains("rule book as of"));
    let expected = [
        ("Budget", a.budget_total),
        ("Financing sources", a.financing_total - a.incentives_net),
        ("Incentives, net", a.incentives_net),
        ("Financing total", a.financing_total),
        ("Gap", a.gap),
        ("Net cost", a.net_cost),
    ];
    for (i, (label, value)) in expected.iter().enumerate() {
        let r = 3 + i as u32;
        assert_eq!(text(&summary, r, 0), *label);
        assert_eq!(
            cents(&summary, r, 1),
            c2(*value),
            "{sample} {scenario} {label}"
        );
        let f = formulas.get_value((r, 1)).cloned().unwrap_or_default();
        assert!(!f.is_empty(), "{label} is a formula");
    }
    assert!(
        formulas
            .get_value((3, 1))
            .unwrap()
            .starts_with("SUM(Lines!$M$2:$M$")
    );

    // The lines: their cost here adds up to the budget, and by territory to each spend.
    let lines = book.worksheet_range("Lines").unwrap();
    let rows = lines.height() as u32;
    let mut total = Decimal::ZERO;
    let mut by_territory = std::collections::BTreeMap::<String, Decimal>::new();
    for r in 1..rows {
        let here = match lines.get_value((r, 12)) {
            Some(Data::Float(f)) => format!("{f}").parse::<Decimal>().unwrap(),
            other => panic!("{other:?}"),
        };
        total += here;
        *by_territory.entry(text(&lines, r, 4)).or_default() += here;
    }
    assert_eq!(c2(total), c2(a.budget_total), "{sample}");
    for t in &a.territories {
        let got = by_territory
            .get(t.territory.as_str())
            .copied()
            .unwrap_or_default();
        assert_eq!(c2(got), c2(t.total), "{sample} {}", t.territory);
    }
    let by = book.worksheet_range("Budget by territory").unwrap();
    for (i, t) in a.territories.iter().enumerate() {
        assert_eq!(text(&by, 1 + i as u32, 0), t.territory.as_str());
        assert_eq!(cents(&by, 1 + i as u32, 1), c2(t.total));
    }

    // The partners: financing, incentives, contribution, share.
    let plan = book.worksheet_range("Finance plan").unwrap();
    let top = (0..plan.height() as u32)
        .find(|r| matches!(plan.get_value((*r, 1)), Some(Data::String(s)) if s == "Country"))
        .expect("the partners' heading");
    for (i, p) in a.partners.iter().enumerate() {
        let r = top + 1 + i as u32;
        assert_eq!(text(&plan, r, 0), p.id);
        assert_eq!(cents(&plan, r, 3), c2(p.financing), "{sample} {}", p.id);
        assert_eq!(cents(&plan, r, 4), c2(p.incentives), "{sample} {}", p.id);
        assert_eq!(cents(&plan, r, 5), c2(p.contribution), "{sample} {}", p.id);
        let share = match plan.get_value((r, 6)) {
            Some(Data::Float(f)) => format!("{f}").parse::<Decimal>().unwrap(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            (share * Decimal::ONE_HUNDRED).round_dp(4),
            p.share.points().round_dp(4)
        );
    }

    // The incentive schedule: each program in play, its net to the cent.
    let inc = book.worksheet_range("Incentives").unwrap();
    let shown: Vec<_> = a
        .programs
        .iter()
        .filter(|p| p.status != ProgramStatus::NoSpend)
        .collect();
    assert_eq!(inc.height(), shown.len() + 1);
    for (i, p) in shown.iter().enumerate() {
        let r = 1 + i as u32;
        assert_eq!(text(&inc, r, 1), p.id);
        let net = if p.status == ProgramStatus::Claimed {
            p.net
        } else {
            Decimal::ZERO
        };
        assert_eq!(cents(&inc, r, 9), c2(net), "{sample} {}", p.id);
        assert_eq!(text(&inc, r, 11), p.source);
        assert_eq!(text(&inc, r, 12), p.valid_from.to_string());
    }

    // The treaty checks.
    let treaty = book.worksheet_range("Treaty").unwrap();
    for (i, c) in a.treaty.checks.iter().enumerate() {
        assert_eq!(text(&treaty, 4 + i as u32, 4), c.message);
    }

    // Each account by who pays and by where it is spent.
    let producer = book.worksheet_range("Budget by producer").unwrap();
    check_matrix(
        &producer,
        0,
        &a,
        |acc| acc.paid_by.clone(),
        |ci| a.categories[ci].paid_by.clone(),
    );
    let top = a.territories.len() as u32 + 3;
    check_matrix(
        &by,
        top,
        &a,
        |acc| acc.spent_in.clone(),
        |ci| a.territories.iter().map(|t| t.by_category[ci]).collect(),
    );

    // The rates the lines and sources convert at.
    let rates = book.worksheet_range("Rates").unwrap();
    assert_eq!(text(&rates, 1, 0), a.currency.as_str());
    assert_eq!(cents(&rates, 1, 1), Decimal::ONE);
    for r in 2..rates.height() as u32 {
        let code = text(&rates, r, 0);
        let c = coprod::model::Currency::parse(&code).unwrap();
        let rate = match rates.get_value((r, 1)) {
            Some(Data::Float(f)) => format!("{f}").parse::<Decimal>().unwrap(),
            other => panic!("{other:?}"),
        };
        assert_eq!(Some(rate), project.rates().rate(c), "{sample} {code}");
    }
}

/// An account matrix from row `top`: each account's figure per column, each category's
/// subtotal, the total per column (the engine's partner or territory totals add up the same)
/// and the grand total.
fn check_matrix(
    sheet: &Range<Data>,
    top: u32,
    a: &Assessment,
    by_account: impl Fn(&coprod::engine::AccountSpend) -> Vec<Decimal>,
    by_category: impl Fn(usize) -> Vec<Decimal>,
) {
    let mut r = top + 1;
    let columns = by_category(0).len() as u32;
    for (ci, category) in coprod::model::Category::ALL.iter().enumerate() {
        if a.categories[ci].total.is_zero() {
            continue;
        }
        for acc in a
            .accounts
            .iter()
            .filter(|x| x.category == *category && !x.total.is_zero())
        {
            assert_eq!(text(sheet, r, 0), acc.code);
            for (j, x) in by_account(acc).iter().enumerate() {
                assert_eq!(cents(sheet, r, 2 + j as u32), c2(*x), "{} {j}", acc.code);
            }
            assert_eq!(cents(sheet, r, 2 + columns), c2(acc.total));
            r += 1;
        }
        assert_eq!(text(sheet, r, 1), format!("Total {}", category.label()));
        for (j, x) in by_category(ci).iter().enumerate() {
            assert_eq!(cents(sheet, r, 2 + j as u32), c2(*x));
        }
        r += 2;
    }
    assert_eq!(text(sheet, r, 1), "Total budget");
    assert_eq!(cents(sheet, r, 2 + columns), c2(a.budget_total));
}

#[test]
fn every_figure_of_the_workbook_equals_the_assessment_to_the_cent() {
    for sample in [
        "gb-ie-drama.ron",
        "es-pt-canary.ron",
        "eu-three-country.ron",
        "hu-service-shoot.ron",
        "broken-be-minority.ron",
    ] {
        let first = common::sample(sample).scenarios()[0].name.clone();
        check(sample, &first);
    }
    for scenario in ["Financing plan", "Post in Quebec", "Everything in France"] {
        check("ca-fr-feature.ron", scenario);
    }
}

fn sheets_of(path: &Path) -> Vec<String> {
    let book: Xlsx<_> = open_workbook(path).unwrap();
    book.sheet_names()
}

#[test]
fn each_pack_opens_on_its_own_sheets_and_keeps_what_its_formulas_read() {
    let dir = tempfile::tempdir().unwrap();
    let expected: [(&str, &[&str]); 4] = [
        (
            "eurimages",
            &[
                "Summary",
                "Budget by producer",
                "Finance plan",
                "Treaty",
                "Incentives",
                "Lines",
                "Rates",
            ],
        ),
        (
            "finance-plan",
            &[
                "Summary",
                "Finance plan",
                "Incentives",
                "Treaty",
                "Lines",
                "Rates",
            ],
        ),
        (
            "coproducer-split",
            &[
                "Summary",
                "Budget by producer",
                "Budget by territory",
                "Finance plan",
                "Incentives",
                "Lines",
                "Rates",
            ],
        ),
        (
            "incentives",
            &[
                "Summary",
                "Incentives",
                "Budget by territory",
                "Finance plan",
                "Lines",
                "Rates",
            ],
        ),
    ];
    for (pack, sheets) in expected {
        let path = dir.path().join(format!("{pack}.xlsx"));
        export_pack("ca-fr-feature.ron", "Financing plan", &path, pack);
        assert_eq!(sheets_of(&path), sheets, "{pack}");
        let mut book: Xlsx<_> = open_workbook(&path).unwrap();
        let summary = book.worksheet_range("Summary").unwrap();
        assert!(text(&summary, 0, 0).contains(&format!("{pack} pack")));
        // The summary's formulas find every sheet they read: the budget is still the lines'.
        let project = common::sample("ca-fr-feature.ron");
        let a = assess(
            &project,
            project.scenario("Financing plan").unwrap(),
            common::embedded(),
        );
        assert_eq!(cents(&summary, 3, 1), c2(a.budget_total), "{pack}");
        assert_eq!(cents(&summary, 7, 1), c2(a.gap), "{pack}");
    }
}

#[test]
fn the_eurimages_summary_budget_splits_each_account_by_the_producer_who_covers_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("eurimages.xlsx");
    let project = common::sample("eu-three-country.ron");
    export_pack(
        "eu-three-country.ron",
        &project.scenarios()[0].name,
        &path,
        "eurimages",
    );
    let a = assess(&project, &project.scenarios()[0], common::embedded());
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let sheet = book.worksheet_range("Budget by producer").unwrap();
    for (j, p) in a.partners.iter().enumerate() {
        assert_eq!(text(&sheet, 0, 2 + j as u32), p.name);
    }
    check_matrix(
        &sheet,
        0,
        &a,
        |acc| acc.paid_by.clone(),
        |ci| a.categories[ci].paid_by.clone(),
    );
    // The last two rows: what each producer covers in all, and its share of the budget.
    let last = (0..sheet.height() as u32)
        .find(|r| matches!(sheet.get_value((*r, 1)), Some(Data::String(s)) if s == "Total budget"))
        .unwrap();
    for (j, p) in a.partners.iter().enumerate() {
        assert_eq!(cents(&sheet, last, 2 + j as u32), c2(p.pays), "{}", p.id);
        let share = match sheet.get_value((last + 1, 2 + j as u32)) {
            Some(Data::Float(f)) => format!("{f}").parse::<Decimal>().unwrap(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            (share * Decimal::ONE_HUNDRED).round_dp(4),
            p.pays_share.points().round_dp(4)
        );
    }
    // Each figure is a SUMIFS over the lines by account and paying partner.
    let formulas = book.worksheet_formula("Budget by producer").unwrap();
    let f = formulas.get_value((1, 2)).cloned().unwrap_or_default();
    assert!(
        f.starts_with("SUMIFS(Lines!$M$2:$M$") && f.contains(&format!("\"{}\"", a.partners[0].id)),
        "{f}"
    );
}
