//! The financier's workbook, read back with calamine: every figure it shows equals the
//! engine's to the cent, its totals are formulas over the lines and sources, and sums made from
//! its own lines give the same figures.

mod common;

use calamine::{Data, Range, Reader, Xlsx, open_workbook};
use coprod::engine::{Assessment, ProgramStatus, assess};
use rust_decimal::Decimal;
use std::path::Path;

fn export(sample: &str, scenario: &str, to: &Path) {
    let src = format!("{}/sample-projects/{sample}", env!("CARGO_MANIFEST_DIR"));
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_coprod"))
        .args([
            "export",
            &src,
            "--to",
            to.to_str().unwrap(),
            "--scenario",
            scenario,
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
            "Budget by territory",
            "Incentives",
            "Treaty",
            "Lines"
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
            .starts_with("SUM(Lines!$J$2:$J$")
    );

    // The lines: their cost here adds up to the budget, and by territory to each spend.
    let lines = book.worksheet_range("Lines").unwrap();
    let rows = lines.height() as u32;
    let mut total = Decimal::ZERO;
    let mut by_territory = std::collections::BTreeMap::<String, Decimal>::new();
    for r in 1..rows {
        let here = match lines.get_value((r, 9)) {
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
