//! Incentive arithmetic, case by case. Every expected figure is worked out by hand in the
//! comment beside it from the rate, cap or threshold of the cited source
//! (../shared/research/rules-facts.md).

mod common;

use common::*;
use coprod::engine::{Assessment, ProgramAssessment, ProgramStatus, assess};
use coprod::model::{Coproduction, PartnerRole::*, Project};
use coprod::rules::RuleBook;

fn run(project: &Project, book: &RuleBook) -> Assessment {
    assess(project, &project.scenarios()[0], book)
}

fn program<'a>(a: &'a Assessment, id: &str) -> &'a ProgramAssessment {
    a.programs
        .iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("no program {id}"))
}

fn one(body: &str) -> RuleBook {
    rules(&format!("(programs: [({body}, {PROV})])"))
}

// Spain national credit: 30% on the first €1M, 25% above; €1M minimum; €20M cap (profilm.es).
const SPAIN: &str = r#"id: "es", name: "Spain", territory: "ES", kind: TaxCredit, currency: "EUR", basis: AllSpend,
    excluded_territories: ["ES-CN"],
    rate: Marginal([(from: "0", rate: "30"), (from: "1000000", rate: "25")]),
    caps: [Benefit("20000000")], minimums: [QualifyingSpend("1000000")], aid_ceiling: "50""#;

fn spain(amount: &str) -> Project {
    Builder::new("EUR", &["ES"])
        .partner("es", "ES", Majority)
        .goods("ES", amount)
        .build()
}

#[test]
fn marginal_bands_at_and_above_the_first_million() {
    let book = one(SPAIN);
    for (spend, gross) in [
        // exactly €1M: 30% × 1,000,000 = 300,000
        ("1000000", "300000"),
        // €3M: 30% × 1M + 25% × 2M = 300,000 + 500,000
        ("3000000", "800000"),
        // €1,000,000.04: 300,000 + 25% × 0.04 = 300,000.01
        ("1000000.04", "300000.01"),
    ] {
        let a = run(&spain(spend), &book);
        let p = program(&a, "es");
        assert_eq!(p.status, ProgramStatus::Claimed, "{spend}");
        assert_eq!(p.gross, d(gross), "{spend}");
    }
}

#[test]
fn minimum_spend_just_under_and_at() {
    let book = one(SPAIN);
    // €999,999.99 misses the €1M minimum by €0.01
    let a = run(&spain("999999.99"), &book);
    let p = program(&a, "es");
    assert_eq!(p.status, ProgramStatus::NotEligible);
    assert_eq!(p.gross, d("0"));
    assert_eq!(p.reasons[0].shortfall, Some(d("0.01")));
    assert!(
        p.reasons[0].message.contains("needs €0.01 more"),
        "{}",
        p.reasons[0].message
    );
    // what it would have paid: 30% × 999,999.99 = 299,999.997
    assert_eq!(p.potential_gross, d("299999.997"));
    assert_eq!(
        program(&run(&spain("1000000"), &book), "es").status,
        ProgramStatus::Claimed
    );
}

#[test]
fn absolute_benefit_cap() {
    // €90M: 300,000 + 25% × 89,000,000 = 22,550,000, capped at €20,000,000
    let a = run(&spain("90000000"), &one(SPAIN));
    let p = program(&a, "es");
    assert_eq!(p.gross, d("20000000"));
    assert!(p.caps.iter().any(|c| c.binding && c.limit == d("20000000")));
}

#[test]
fn public_aid_ceiling_shrinks_the_credit() {
    // Budget €2M all in Spain, €500k public fund. Credit 300,000 + 25% × 1,000,000 = 550,000.
    // Public aid 500,000 + 550,000 = 1,050,000 > 50% × 2,000,000 = 1,000,000: cut by 50,000.
    let project = Builder::new("EUR", &["ES"])
        .partner("es", "ES", Majority)
        .funds(coprod::model::FinancingKind::PublicFund, "500000", "EUR")
        .goods("ES", "2000000")
        .build();
    let a = run(&project, &one(SPAIN));
    assert_eq!(program(&a, "es").gross, d("500000"));
    assert_eq!(a.public_aid, d("1000000"));
}

// Canary Islands: 50% on the first €1M, 45% above (profilm.es).
const CANARY: &str = r#"id: "es-cn", name: "Canary Islands", territory: "ES-CN", kind: TaxCredit, currency: "EUR", basis: AllSpend,
    rate: Marginal([(from: "0", rate: "50"), (from: "1000000", rate: "45")]), minimums: [QualifyingSpend("1000000")]"#;

#[test]
fn canary_spend_leaves_the_national_credit() {
    let book = rules(&format!(
        "(programs: [({SPAIN}, {PROV}), ({CANARY}, {PROV})])"
    ));
    let project = Builder::new("EUR", &["ES", "ES-CN"])
        .partner("es", "ES", Majority)
        .goods("ES-CN", "2000000")
        .goods("ES", "1500000")
        .build();
    let a = run(&project, &book);
    // Canary: 50% × 1,000,000 + 45% × 1,000,000 = 950,000
    assert_eq!(program(&a, "es-cn").gross, d("950000"));
    // National on mainland spend only: 300,000 + 25% × 500,000 = 425,000
    assert_eq!(program(&a, "es").qualifying_spend, d("1500000"));
    assert_eq!(program(&a, "es").gross, d("425000"));
}

// Serbia: 25%, 30% if Serbian spend is above €5M; €300k minimum (filminserbia.com).
const SERBIA: &str = r#"id: "rs", name: "Serbia", territory: "RS", kind: CashRebate, currency: "EUR", basis: AllSpend,
    rate: Cliff([(from: "0", rate: "25"), (from: "5000000", rate: "30", inclusive: false)]),
    minimums: [QualifyingSpend("300000")]"#;

fn serbia(amount: &str) -> ProgramAssessment {
    let project = Builder::new("EUR", &["RS"])
        .partner("rs", "RS", Majority)
        .goods("RS", amount)
        .build();
    program(&run(&project, &one(SERBIA)), "rs").clone()
}

#[test]
fn cliff_rerates_all_spend_only_above_five_million() {
    // exactly €5M is not above: 25% × 5,000,000 = 1,250,000
    assert_eq!(serbia("5000000").gross, d("1250000"));
    // €5,000,000.01: 30% × 5,000,000.01 = 1,500,000.003
    assert_eq!(serbia("5000000.01").gross, d("1500000.003"));
    // €4M: 25% → 1,000,000, and the cliff is €1,000,000 away
    let p = serbia("4000000");
    assert_eq!(p.gross, d("1000000"));
    assert_eq!(
        p.next_threshold.as_ref().map(|t| t.distance),
        Some(d("1000000"))
    );
    // €4.6M is within 10% of the cliff: flagged as near
    assert!(serbia("4600000").near_threshold);
    assert!(!serbia("3000000").near_threshold);
}

#[test]
fn serbian_minimum_just_under() {
    let p = serbia("299999");
    assert_eq!(p.status, ProgramStatus::NotEligible);
    assert_eq!(p.reasons[0].shortfall, Some(d("1")));
    assert_eq!(serbia("300000").gross, d("75000"));
}

// Ireland S481: 32% of the lowest of eligible spend, 80% of total cost, €125M; €125k minimum;
// Scéal uplift to 40% below €20M (screenireland.ie, revenue.ie).
const S481: &str = r#"id: "ie", name: "S481", territory: "IE", kind: TaxCredit, currency: "EUR", basis: AllSpend,
    rate: Flat("32"), caps: [QualifyingShare("80", Budget), Qualifying("125000000")],
    minimums: [QualifyingSpend("125000")], requires: [CulturalTest],
    uplifts: [(id: "sceal", name: "Scéal", effect: SetRate("40"), below: "20000000")]"#;

fn ireland(ie: &str, elsewhere: &str) -> Builder {
    Builder::new("EUR", &["IE", "GB"])
        .partner("ie", "IE", Majority)
        .cultural_test("IE")
        .goods("IE", ie)
        .goods("GB", elsewhere)
}

#[test]
fn qualifying_capped_at_eighty_percent_of_the_budget() {
    // all €10M in Ireland: counted 80% × 10,000,000 = 8,000,000; 32% → 2,560,000
    let a = run(&ireland("10000000", "0").build(), &one(S481));
    let p = program(&a, "ie");
    assert_eq!(p.counted_spend, d("8000000"));
    assert_eq!(p.gross, d("2560000"));
    // half in Ireland: 32% × 5,000,000 = 1,600,000; 3,000,000 of headroom to the 80% cap
    let a = run(&ireland("5000000", "5000000").build(), &one(S481));
    let p = program(&a, "ie");
    assert_eq!(p.gross, d("1600000"));
    assert_eq!(p.caps[0].headroom, d("3000000"));
    assert!(!p.caps[0].binding);
}

#[test]
fn irish_minimum_and_cultural_test() {
    let a = run(&ireland("124999", "1000000").build(), &one(S481));
    assert_eq!(program(&a, "ie").reasons[0].shortfall, Some(d("1")));
    let mut b = ireland("500000", "500000");
    b.data.declarations.cultural_tests.clear();
    let a = run(&b.build(), &one(S481));
    let p = program(&a, "ie");
    assert_eq!(p.status, ProgramStatus::NotEligible);
    assert!(p.reasons[0].message.contains("cultural test"));
}

#[test]
fn sceal_uplift_applies_only_below_twenty_million() {
    // €5M Irish spend with Scéal declared: 40% × 5,000,000 = 2,000,000
    let a = run(
        &ireland("5000000", "5000000").uplift("ie/sceal").build(),
        &one(S481),
    );
    assert_eq!(program(&a, "ie").gross, d("2000000"));
    // €20M is not below €20M: 32% × 20,000,000 = 6,400,000 (budget 30M, 80% cap 24M not binding)
    let a = run(
        &ireland("20000000", "10000000").uplift("ie/sceal").build(),
        &one(S481),
    );
    assert_eq!(program(&a, "ie").gross, d("6400000"));
    // an uplift that names no rule is reported, not ignored silently
    let a = run(
        &ireland("5000000", "0").uplift("ie/typo").build(),
        &one(S481),
    );
    assert!(a.notes.iter().any(|n| n.contains("ie/typo")));
}

// UK AVEC: 34%, taxable (net 75% → 25.5%); 80% of core cost; ≥10% UK spend (gov.uk).
const AVEC: &str = r#"id: "gb-avec", name: "AVEC", territory: "GB", kind: TaxCredit, currency: "GBP", basis: AllSpend,
    rate: Flat("34"), caps: [QualifyingShare("80", Budget)], minimums: [LocalShare("10")],
    requires: [CulturalTestOrOfficial], exclusive_group: "gb", net_share: "75""#;
// UK IFTC: 53%, core cost ≤ £23.5M, credit capped at the £15M level (gov.uk 6 Mar 2024):
// 80% of £15M = £12M of qualifying spend (£12M × 53% × 75% = £4.77M net, the trade estimate).
const IFTC: &str = r#"id: "gb-iftc", name: "IFTC", territory: "GB", kind: TaxCredit, currency: "GBP", basis: AllSpend,
    rate: Flat("53"), caps: [QualifyingShare("80", Budget), Qualifying("12000000")],
    minimums: [LocalShare("10"), BudgetAtMost("23500000")], requires: [CulturalTestOrOfficial],
    exclusive_group: "gb", net_share: "75""#;

fn uk(gb: &str, ie: &str) -> Project {
    Builder::new("GBP", &["GB", "IE"])
        .partner("gb", "GB", Majority)
        .cultural_test("GB")
        .goods("GB", gb)
        .goods("IE", ie)
        .build()
}

#[test]
fn avec_gross_and_taxable_net() {
    // £6M of £10M in the UK: 34% × 6,000,000 = 2,040,000 gross; × 75% = 1,530,000 net
    let a = run(&uk("6000000", "4000000"), &one(AVEC));
    let p = program(&a, "gb-avec");
    assert_eq!((p.gross, p.net), (d("2040000"), d("1530000")));
    // £9M of £10M: counted 8,000,000 → 2,720,000
    assert_eq!(
        program(&run(&uk("9000000", "1000000"), &one(AVEC)), "gb-avec").gross,
        d("2720000")
    );
}

#[test]
fn avec_ten_percent_uk_minimum() {
    // £999,000 of £10M is 9.99%: needs £1,000 more
    let a = run(&uk("999000", "9001000"), &one(AVEC));
    let p = program(&a, "gb-avec");
    assert_eq!(p.status, ProgramStatus::NotEligible);
    assert_eq!(p.reasons[0].shortfall, Some(d("1000")));
    assert!(p.reasons[0].message.contains("£1,000.00"));
}

#[test]
fn iftc_ceiling_cap_and_exclusivity_with_avec() {
    let book = rules(&format!("(programs: [({AVEC}, {PROV}), ({IFTC}, {PROV})])"));
    // budget £23M, UK £20M: 80% cap 18.4M, £12M cap → 53% × 12,000,000 = 6,360,000.
    // AVEC would be 34% × 18,400,000 = 6,256,000: IFTC is worth more, AVEC is excluded.
    let a = run(&uk("20000000", "3000000"), &book);
    assert_eq!(program(&a, "gb-iftc").gross, d("6360000"));
    assert_eq!(program(&a, "gb-iftc").net, d("4770000"));
    assert_eq!(program(&a, "gb-avec").status, ProgramStatus::Excluded);
    assert_eq!(program(&a, "gb-avec").potential_gross, d("6256000"));
    assert_eq!(a.incentives_gross, d("6360000"));
    // budget £23,500,000.01 is above the ceiling: IFTC out, AVEC claimed
    let a = run(&uk("20000000", "3500000.01"), &book);
    assert_eq!(program(&a, "gb-iftc").status, ProgramStatus::NotEligible);
    assert_eq!(program(&a, "gb-avec").status, ProgramStatus::Claimed);
    // exactly £23.5M is within the ceiling, so IFTC is eligible; but now AVEC counts
    // 80% × 23,500,000 = 18,800,000 × 34% = 6,392,000, more than IFTC's 6,360,000
    let a = run(&uk("20000000", "3500000"), &book);
    assert_eq!(program(&a, "gb-iftc").status, ProgramStatus::Excluded);
    assert_eq!(program(&a, "gb-avec").gross, d("6392000"));
}

// Canada CPTC: 25% of resident labour, labour ≤ 60% of cost net of assistance (canada.ca).
const CPTC: &str = r#"id: "ca-cptc", name: "CPTC", territory: "CA", kind: TaxCredit, currency: "CAD", basis: ResidentLabour,
    rate: Flat("25"), caps: [QualifyingShare("60", LocalSpendNetOfAssistance)],
    requires: [CulturalTestOrOfficial, LocalCoproducer], exclusive_group: "ca-federal""#;
// Canada PSTC: 16% of Canadian labour net of provincial assistance; not with CPTC.
const PSTC: &str = r#"id: "ca-pstc", name: "PSTC", territory: "CA", kind: TaxCredit, currency: "CAD", basis: ResidentLabour,
    rate: Flat("16"), net_of_other_assistance: true, exclusive_group: "ca-federal""#;
// Quebec production services credit: 20% of all spend (revenuquebec.ca; 25% per others).
const QPSTC: &str = r#"id: "ca-qc", name: "Quebec", territory: "CA-QC", kind: TaxCredit, currency: "CAD", basis: AllSpend,
    rate: Flat("20"), minimums: [Budget("250000")]"#;

fn canada() -> Builder {
    Builder::new("CAD", &["CA", "CA-QC", "FR"])
        .partner("ca", "CA", Majority)
        .cultural_test("CA")
}

#[test]
fn labour_only_credit_with_its_sixty_percent_cap() {
    // labour 600,000 + goods 400,000: cap 60% × 1,000,000 = 600,000 → 25% → 150,000
    let a = run(
        &canada()
            .labour("CA", "600000")
            .goods("CA", "400000")
            .build(),
        &one(CPTC),
    );
    assert_eq!(program(&a, "ca-cptc").gross, d("150000"));
    // labour 800,000 + goods 200,000: 800,000 capped at 600,000 → 150,000 (15% of cost)
    let a = run(
        &canada()
            .labour("CA", "800000")
            .goods("CA", "200000")
            .build(),
        &one(CPTC),
    );
    let p = program(&a, "ca-cptc");
    assert_eq!(
        (p.qualifying_spend, p.counted_spend, p.gross),
        (d("800000"), d("600000"), d("150000"))
    );
}

#[test]
fn non_resident_labour_does_not_qualify() {
    // 500,000 of labour in Canada, 200,000 of it by a French resident: 300,000 × 25% = 75,000
    let project = canada()
        .labour("CA", "300000")
        .labour_by("CA", "200000", "FR")
        .goods("CA", "1000000")
        .build();
    let a = run(&project, &one(CPTC));
    assert_eq!(program(&a, "ca-cptc").qualifying_spend, d("300000"));
    assert_eq!(program(&a, "ca-cptc").gross, d("75000"));
}

#[test]
fn federal_credit_net_of_provincial_assistance() {
    let book = rules(&format!(
        "(programs: [({PSTC}, {PROV}), ({QPSTC}, {PROV})])"
    ));
    // Quebec: 20% × (1,000,000 labour + 500,000 goods) = 300,000
    // PSTC: (1,000,000 − 300,000) × 16% = 112,000
    let project = Builder::new("CAD", &["CA-QC"])
        .partner("us", "US", Majority)
        .labour("CA-QC", "1000000")
        .goods("CA-QC", "500000")
        .mode(Coproduction::Creative)
        .build();
    let a = run(&project, &book);
    assert_eq!(program(&a, "ca-qc").gross, d("300000"));
    assert_eq!(program(&a, "ca-pstc").qualifying_spend, d("700000"));
    assert_eq!(program(&a, "ca-pstc").gross, d("112000"));
}

#[test]
fn exclusive_federal_credits_keep_the_larger() {
    let book = rules(&format!("(programs: [({CPTC}, {PROV}), ({PSTC}, {PROV})])"));
    // labour 1,000,000 + goods 1,000,000: CPTC 25% × min(1,000,000, 60% × 2,000,000) = 250,000;
    // PSTC 16% × 1,000,000 = 160,000 → CPTC claimed, PSTC excluded
    let a = run(
        &canada()
            .labour("CA", "1000000")
            .goods("CA", "1000000")
            .build(),
        &book,
    );
    assert_eq!(program(&a, "ca-cptc").gross, d("250000"));
    let pstc = program(&a, "ca-pstc");
    assert_eq!(pstc.status, ProgramStatus::Excluded);
    assert!(pstc.reasons[0].message.contains("CPTC"));
    assert_eq!(a.incentives_gross, d("250000"));
}

#[test]
fn official_status_gate_in_creative_mode() {
    // creative mode, no cultural test: CPTC needs one or the other
    let mut b = canada().labour("CA", "600000").mode(Coproduction::Creative);
    b.data.declarations.cultural_tests.clear();
    let a = run(&b.build(), &one(CPTC));
    let p = program(&a, "ca-cptc");
    assert_eq!(p.status, ProgramStatus::NotEligible);
    assert!(
        p.reasons[0]
            .message
            .contains("official co-production status"),
        "{}",
        p.reasons[0].message
    );
    // with the Canadian cultural test declared it is claimed again: 60% × 600,000 = 360,000 → 90,000
    let a = run(
        &canada()
            .labour("CA", "600000")
            .mode(Coproduction::Creative)
            .build(),
        &one(CPTC),
    );
    assert_eq!(program(&a, "ca-cptc").gross, d("90000"));
}

#[test]
fn domestic_credit_not_applicable_without_a_local_coproducer() {
    let project = Builder::new("CAD", &["CA"])
        .partner("us", "US", Majority)
        .cultural_test("CA")
        .labour("CA", "100000")
        .build();
    let a = run(&project, &one(CPTC));
    assert_eq!(program(&a, "ca-cptc").status, ProgramStatus::NotApplicable);
    assert!(
        a.failures().is_empty(),
        "a program not meant for the project is not a failure"
    );
}

// Ontario OPSTC: 21.5%, minimum C$1M (ep.com), to test thresholds in another currency.
const OPSTC: &str = r#"id: "ca-on", name: "OPSTC", territory: "CA-ON", kind: TaxCredit, currency: "CAD", basis: AllSpend,
    rate: Flat("21.5"), minimums: [QualifyingSpend("1000000")]"#;

#[test]
fn thresholds_in_local_currency_convert_through_project_rates() {
    // base EUR, 1 CAD = 0.6650 EUR: the C$1,000,000 minimum is €665,000
    let at = |eur: &str| {
        let p = Builder::new("EUR", &["CA-ON"])
            .rate("CAD", "0.6650")
            .partner("us", "US", Majority)
            .goods("CA-ON", eur)
            .build();
        program(&run(&p, &one(OPSTC)), "ca-on").clone()
    };
    assert_eq!(at("665000").status, ProgramStatus::Claimed);
    // 21.5% × 665,000 = 142,975
    assert_eq!(at("665000").gross, d("142975"));
    let under = at("664999.99");
    assert_eq!(under.status, ProgramStatus::NotEligible);
    assert_eq!(under.reasons[0].shortfall, Some(d("0.01")));
}

#[test]
fn lines_in_another_currency_convert_into_the_base() {
    // a C$1,000,000 line at 0.6650 is €665,000 of Ontario spend
    let p = Builder::new("EUR", &["CA-ON"])
        .rate("CAD", "0.6650")
        .partner("us", "US", Majority)
        .line_in(
            "2000",
            coprod::model::LineKind::Goods,
            "CA-ON",
            "1000000",
            "CAD",
        )
        .build();
    let a = run(&p, &one(OPSTC));
    assert_eq!(a.budget_total, d("665000"));
    assert_eq!(program(&a, "ca-on").gross, d("142975"));
}

#[test]
fn program_in_a_currency_without_a_rate_says_so() {
    let p = Builder::new("EUR", &["CA-ON"])
        .partner("us", "US", Majority)
        .goods("CA-ON", "100")
        .build();
    let a = run(&p, &one(OPSTC));
    assert!(program(&a, "ca-on").reasons[0].message.contains("CAD"));
}

// Hungary: 30% of Hungarian spend plus foreign spend up to 25% of it (lionsproduction.com).
const HUNGARY: &str = r#"id: "hu", name: "Hungary", territory: "HU", kind: CashRebate, currency: "EUR", basis: AllSpend,
    plus_foreign_up_to: "25", rate: Flat("30")"#;

#[test]
fn hungarian_base_reaches_foreign_spend_up_to_a_quarter() {
    let hu = |abroad: &str| {
        let p = Builder::new("EUR", &["HU", "FR"])
            .partner("hu", "HU", Majority)
            .goods("HU", "1000000")
            .goods("FR", abroad)
            .build();
        program(&run(&p, &one(HUNGARY)), "hu").gross
    };
    // foreign 500,000 counts up to 25% × 1,000,000 = 250,000: 30% × 1,250,000 = 375,000
    assert_eq!(hu("500000"), d("375000"));
    // foreign 100,000 counts whole: 30% × 1,100,000 = 330,000
    assert_eq!(hu("100000"), d("330000"));
}

// France C2I: 30%; ≥ €250k eligible spend or 50% of the budget; foreign productions only.
const C2I: &str = r#"id: "fr-c2i", name: "C2I", territory: "FR", kind: TaxCredit, currency: "EUR", basis: AllSpend,
    rate: Flat("30"), caps: [Benefit("30000000")],
    minimums: [AnyOf([QualifyingSpend("250000"), LocalShare("50")])], requires: [ForeignProduction]"#;

#[test]
fn either_minimum_is_enough() {
    let c2i = |fr: &str, us: &str| {
        let p = Builder::new("EUR", &["FR", "US"])
            .partner("us", "US", Majority)
            .goods("FR", fr)
            .goods("US", us)
            .build();
        program(&run(&p, &one(C2I)), "fr-c2i").clone()
    };
    // €200k of €300k is 66.7% of the budget: eligible; 30% → 60,000
    assert_eq!(c2i("200000", "100000").gross, d("60000"));
    // €200k of €1M: neither; the nearer is €50,000 more to reach €250k
    let p = c2i("200000", "800000");
    assert_eq!(p.status, ProgramStatus::NotEligible);
    assert_eq!(p.reasons[0].shortfall, Some(d("50000")));
}

#[test]
fn fringes_count_as_labour_cost_and_stop_at_the_cutoff() {
    // 100,000 with a 45% fringe: 145,000; with a 50,000 cutoff: 100,000 + 22,500 = 122,500
    let p = canada().labour("CA", "100000").fringe("45", None).build();
    assert_eq!(run(&p, &RuleBook::default()).budget_total, d("145000"));
    let p = canada()
        .labour("CA", "100000")
        .fringe("45", Some("50000"))
        .build();
    let a = run(&p, &one(CPTC));
    assert_eq!(a.budget_total, d("122500"));
    // all of it is resident labour: 25% × min(122,500, 60% × 122,500 = 73,500) = 18,375
    assert_eq!(program(&a, "ca-cptc").gross, d("18375"));
}

#[test]
fn a_split_line_counts_in_each_territory() {
    // 1,000,000 split FR 60 / BE 40
    let p = Builder::new("EUR", &["FR", "BE"])
        .partner("fr", "FR", Majority)
        .split("1000000", &[("FR", "60"), ("BE", "40")])
        .build();
    let a = run(&p, &RuleBook::default());
    assert_eq!(a.territories[0].total, d("600000"));
    assert_eq!(a.territories[1].total, d("400000"));
    assert_eq!(a.territories[1].share.points(), d("40"));
}

#[test]
fn region_spend_counts_for_its_country() {
    // Quebec spend is Canadian spend for a federal program and in the country totals
    let p = canada()
        .labour("CA-QC", "400000")
        .labour("CA", "200000")
        .build();
    let a = run(&p, &one(CPTC));
    assert_eq!(program(&a, "ca-cptc").qualifying_spend, d("600000"));
    let ca = a.countries.iter().find(|c| c.territory == t("CA")).unwrap();
    assert_eq!(ca.total, d("600000"));
}

#[test]
fn a_program_without_spend_needs_no_exchange_rate() {
    // a Canadian partner and territory, all spend in France, no CAD rate: the Canadian
    // programs are simply not in play, not failures
    let p = Builder::new("EUR", &["FR", "CA"])
        .partner("fr", "FR", Majority)
        .partner("ca", "CA", Minority)
        .goods("FR", "100")
        .build();
    let a = run(&p, &one(OPSTC));
    assert_eq!(program(&a, "ca-on").status, ProgramStatus::NoSpend);
    let a = run(&p, &one(CPTC));
    assert_eq!(program(&a, "ca-cptc").status, ProgramStatus::NoSpend);
    assert!(a.failures().iter().all(|f| !f.contains("exchange rate")));
}

#[test]
fn exclusive_groups_span_a_region_and_its_country() {
    let regional = r#"id: "be-vlg", name: "Regional", territory: "BE-VLG", kind: Grant, currency: "EUR", basis: AllSpend,
        rate: Flat("20"), exclusive_group: "be""#;
    let national = r#"id: "be", name: "National", territory: "BE", kind: Grant, currency: "EUR", basis: AllSpend,
        rate: Flat("15"), exclusive_group: "be""#;
    let book = rules(&format!(
        "(programs: [({regional}, {PROV}), ({national}, {PROV})])"
    ));
    // €500k in Flanders, €500k elsewhere in Belgium: regional 20% × 500,000 = 100,000;
    // national 15% × 1,000,000 = 150,000 → national claimed, regional excluded
    let p = Builder::new("EUR", &["BE", "BE-VLG"])
        .partner("be", "BE", Majority)
        .goods("BE-VLG", "500000")
        .goods("BE", "500000")
        .build();
    let a = run(&p, &book);
    assert_eq!(program(&a, "be").gross, d("150000"));
    assert_eq!(program(&a, "be-vlg").status, ProgramStatus::Excluded);
    assert_eq!(a.incentives_gross, d("150000"));
}

#[test]
fn no_rate_step_is_in_reach_past_a_binding_cap() {
    // Spain with a qualifying cap of €800k: €1.5M of spend counts as 800,000 at 30% = 240,000,
    // and the 25% band above €1M cannot be reached
    let capped = SPAIN.replace(
        r#"caps: [Benefit("20000000")]"#,
        r#"caps: [Qualifying("800000"), Benefit("20000000")]"#,
    );
    let a = run(&spain("1500000"), &one(&capped));
    let p = program(&a, "es");
    assert_eq!(p.gross, d("240000"));
    assert_eq!(p.next_threshold, None);
}

#[test]
fn each_territory_carries_the_incentives_of_its_programs() {
    const NATIONAL: &str = r#"id: "n", name: "National", territory: "ES", kind: CashRebate, currency: "EUR", basis: AllSpend, rate: Flat("20")"#;
    const REGIONAL: &str = r#"id: "r", name: "Regional", territory: "ES-CN", kind: CashRebate, currency: "EUR", basis: AllSpend, rate: Flat("10")"#;
    let book = rules(&format!(
        "(programs: [({NATIONAL}, {PROV}), ({REGIONAL}, {PROV})])"
    ));
    let spend = |a: &Assessment, code: &str| {
        a.territories
            .iter()
            .find(|x| x.territory == t(code))
            .unwrap()
            .incentives
    };
    // €1,000,000 in ES and €500,000 in ES-CN. National: 20% × 1,500,000 = 300,000, on the ES
    // row (its own territory). Regional: 10% × 500,000 = 50,000, on ES-CN. Spain: 350,000.
    let both = Builder::new("EUR", &["ES", "ES-CN"])
        .partner("es", "ES", Majority)
        .goods("ES", "1000000")
        .goods("ES-CN", "500000")
        .build();
    let a = run(&both, &book);
    assert_eq!(spend(&a, "ES"), d("300000"));
    assert_eq!(spend(&a, "ES-CN"), d("50000"));
    let spain = a.countries.iter().find(|c| c.territory == t("ES")).unwrap();
    assert_eq!(spain.incentives, d("350000"));
    // Only ES-CN in the project: the national program has no row of its own and ES-CN is the
    // only territory within Spain, so it carries both: 20% × 500,000 + 10% × 500,000 = 150,000.
    let islands = Builder::new("EUR", &["ES-CN"])
        .partner("es", "ES", Majority)
        .goods("ES-CN", "500000")
        .build();
    assert_eq!(spend(&run(&islands, &book), "ES-CN"), d("150000"));
}
