//! Generated projects and rules for the benchmarks: budgets of any size spread over five
//! territories, and twenty programs using every mechanism the engine has.

use coprod::model::*;
use coprod::rules::RuleBook;
use coprod::rules::book::parse_rule_file;
use rust_decimal::Decimal;

pub const TERRITORIES: [&str; 5] = ["FR", "BE", "CA-QC", "CA", "HU"];

pub fn project(lines: usize) -> Project {
    let t = |c: &str| Territory::parse(c).expect("territory");
    let accounts: Vec<Account> = (0..120)
        .map(|i| Account {
            code: format!("{}{:03}", 1 + i / 30, i % 30),
            name: format!("Account {i}"),
            category: Category::ALL[i / 30],
            vfx: i % 30 == 29,
            logistics: i % 30 == 28,
        })
        .collect();
    let data = ProjectData {
        version: 1,
        title: format!("Generated {lines}"),
        notes: String::new(),
        currency: Currency::parse("EUR").expect("EUR"),
        rates: vec![ExchangeRate {
            currency: Currency::parse("CAD").expect("CAD"),
            rate: Decimal::new(6650, 4),
            date: Date::parse("2026-10-01").expect("date"),
        }],
        territories: TERRITORIES.iter().map(|c| t(c)).collect(),
        format: Format::Fiction,
        release: Default::default(),
        language: None,
        episodes: 1,
        coproduction: Coproduction::Inferred,
        partners: ["FR", "BE", "CA", "HU"]
            .iter()
            .enumerate()
            .map(|(i, c)| Partner {
                id: PartnerId(c.to_lowercase()),
                name: c.to_string(),
                country: t(c),
                role: if i == 0 {
                    PartnerRole::Majority
                } else {
                    PartnerRole::Minority
                },
                financing: vec![FinancingSource {
                    name: "Equity".into(),
                    kind: FinancingKind::Equity,
                    amount: Decimal::from(100_000 * lines as i64 / 10),
                    currency: Currency::parse("EUR").expect("EUR"),
                    obligation: None,
                }],
                claims_incentives: true,
            })
            .collect(),
        key_roles: Vec::new(),
        declarations: Declarations {
            cultural_tests: ["FR", "BE", "CA", "HU"].iter().map(|c| t(c)).collect(),
            uplifts: Default::default(),
        },
        goals: Vec::new(),
        fringes: vec![Fringe {
            id: "f".into(),
            name: "Fringe".into(),
            rate: Percent(Decimal::from(45)),
            cutoff: None,
        }],
        accounts: accounts.clone(),
        lines: (0..lines)
            .map(|i| {
                let labour = i % 3 != 0;
                let spent_in = if i % 17 == 0 {
                    Allocation::split([
                        (t("FR"), Percent(Decimal::from(60))),
                        (t("BE"), Percent(Decimal::from(40))),
                    ])
                    .expect("split")
                } else {
                    Allocation::at(t(TERRITORIES[i % 5]))
                };
                Line {
                    id: LineId(format!("L{i}")),
                    account: accounts[i % accounts.len()].code.clone(),
                    description: format!("Line {i}"),
                    cost: Cost::Amount(Decimal::new(1_000_000 + (i as i64 * 7919) % 5_000_000, 2)),
                    currency: Currency::parse(if i % 5 == 2 { "CAD" } else { "EUR" })
                        .expect("currency"),
                    kind: if labour {
                        LineKind::Labour
                    } else {
                        LineKind::Goods
                    },
                    residence: if i % 11 == 0 { Some(t("US")) } else { None },
                    nationality: None,
                    fringes: if labour { vec!["f".into()] } else { Vec::new() },
                    spent_in,
                    paid_by: None,
                    pinned: false,
                    allowed: Vec::new(),
                    splittable: false,
                }
            })
            .collect(),
        scenarios: vec![Scenario::new("Base")],
    };
    Project::new(data).expect("valid generated project")
}

/// Twenty programs over the five territories, using every mechanism the engine has.
pub fn rules() -> RuleBook {
    let prov = r#"source: "generated", valid_from: "2024-01-01", confidence: Confirmed"#;
    let mut programs = Vec::new();
    for (i, territory) in TERRITORIES.iter().enumerate() {
        for j in 0..4 {
            let body = match j {
                0 => r#"basis: AllSpend, rate: Marginal([(from: "0", rate: "30"), (from: "1000000", rate: "25")]), caps: [QualifyingShare("80", Budget), Benefit("5000000")], minimums: [QualifyingSpend("100000")], aid_ceiling: "60""#,
                1 => r#"basis: ResidentLabour, rate: Flat("25"), caps: [QualifyingShare("60", LocalSpendNetOfAssistance)], requires: [CulturalTestOrOfficial], exclusive_group: "g{I}""#,
                2 => r#"basis: Labour, rate: Flat("16"), net_of_other_assistance: true, exclusive_group: "g{I}""#,
                _ => r#"basis: AllSpend, plus_foreign_up_to: "25", rate: Cliff([(from: "0", rate: "25"), (from: "5000000", rate: "30", inclusive: false)]), minimums: [AnyOf([QualifyingSpend("250000"), LocalShare("50")])]"#,
            }
            .replace("{I}", &i.to_string());
            programs.push(format!(
                r#"(id: "p{i}-{j}", name: "Program {i}-{j}", territory: "{territory}", kind: CashRebate, currency: "EUR", {body}, {prov})"#
            ));
        }
    }
    let mut book = RuleBook::embedded().expect("embedded rules");
    book.merge(
        parse_rule_file(
            "generated",
            &format!("(programs: [{}])", programs.join(",\n")),
        )
        .expect("generated rules"),
    );
    book
}
