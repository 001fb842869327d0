//! The embedded European rules for Belgium, the Netherlands, Central and Eastern Europe, the
//! Nordics, the Mediterranean and the Caucasus, case by case. Every expected figure is worked
//! out by hand in the comment beside it from the rate, cap or threshold that the rule in
//! assets/rules/programs-europe.ron gives (and its source in ../shared/research/rules-facts.md).
//!
//! Projects are built in the program's own currency unless a test is about conversion. Spend
//! "elsewhere" goes to SE (EEA, no program in the rule book) or US (outside the EEA, no national
//! program), so no other program's benefit enters public-aid ceilings.

mod common;

use common::*;
use coprod::engine::{Assessment, CapStatus, ProgramAssessment, ProgramStatus};
use coprod::model::{FinancingKind, Format, LineKind, PartnerRole::*, Project, Release, Role};
use rust_decimal::Decimal;

fn run(project: &Project) -> Assessment {
    run_embedded(project)
}

fn program<'a>(a: &'a Assessment, id: &str) -> &'a ProgramAssessment {
    program_in(a, id)
}

/// The assessment of program `id` for `project`.
fn assessed(project: Project, id: &str) -> ProgramAssessment {
    program(&run(&project), id).clone()
}

/// The shortfall of the first reason, when the program is not eligible.
fn shortfall(p: &ProgramAssessment) -> Option<Decimal> {
    p.reasons.first().and_then(|r| r.shortfall)
}

/// The cap whose limit is `limit`.
fn cap<'a>(p: &'a ProgramAssessment, limit: &str) -> &'a CapStatus {
    p.caps
        .iter()
        .find(|c| c.limit == d(limit))
        .unwrap_or_else(|| panic!("{}: no cap at {limit}: {:?}", p.id, p.caps))
}

fn claimed(p: &ProgramAssessment, gross: &str) {
    assert_eq!(
        p.status,
        ProgramStatus::Claimed,
        "{}: {:?}",
        p.id,
        p.reasons
    );
    assert_eq!(p.gross, d(gross), "{}", p.id);
}

fn missed_by(p: &ProgramAssessment, short: &str) {
    assert_eq!(p.status, ProgramStatus::NotEligible, "{}", p.id);
    assert_eq!(p.gross, d("0"), "{}", p.id);
    assert_eq!(shortfall(p), Some(d(short)), "{}: {:?}", p.id, p.reasons);
}

/// A single-country production of `country` spending in `territories`, the cultural test of
/// `country` declared passed.
fn local(currency: &str, country: &str, territories: &[&str]) -> Builder {
    Builder::new(currency, territories)
        .partner("p", country, Majority)
        .cultural_test(country)
}

// ---------------------------------------------------------------------------------------------
// Belgium Tax Shelter: 42% of Belgian spend (the upper figure of "40–42%"); certificates at most
// €15M per work; Tax Shelter money at most 50% of the budget; a European work (declared as the
// Belgian cultural test) or a Belgian treaty co-production (screenflanders.be, scopepictures.com).

#[test]
fn be_tax_shelter_rate_on_belgian_spend_only() {
    // €1M in Belgium, €1M in Sweden: 42% × 1,000,000 = 420,000; the 50% cap is
    // 50% × 2,000,000 = 1,000,000, with 580,000 of headroom
    let p = assessed(
        local("EUR", "BE", &["BE", "SE"])
            .goods("BE", "1000000")
            .goods("SE", "1000000")
            .build(),
        "be-tax-shelter",
    );
    claimed(&p, "420000");
    assert_eq!(p.qualifying_spend, d("1000000"));
    let half = cap(&p, "1000000");
    assert!(!half.binding);
    assert_eq!(half.headroom, d("580000"));
}

#[test]
fn be_tax_shelter_fifteen_million_certificate_cap() {
    // €15M / 42% = €35,714,285.71 of Belgian spend reaches the cap.
    // €35,714,285: 42% → 14,999,999.70, under the cap (headroom 0.30)
    let p = assessed(
        local("EUR", "BE", &["BE"]).goods("BE", "35714285").build(),
        "be-tax-shelter",
    );
    claimed(&p, "14999999.70");
    assert!(!cap(&p, "15000000").binding);
    assert_eq!(cap(&p, "15000000").headroom, d("0.30"));
    // €35,714,286: 42% → 15,000,000.12, capped at 15,000,000 (50% of the budget is 17,857,143)
    let p = assessed(
        local("EUR", "BE", &["BE"]).goods("BE", "35714286").build(),
        "be-tax-shelter",
    );
    claimed(&p, "15000000");
    assert!(cap(&p, "15000000").binding);
    assert!(!cap(&p, "17857143").binding);
}

#[test]
fn be_tax_shelter_needs_the_test_when_no_treaty_applies() {
    // every partner Belgian: no treaty, so no official status; without the declared Belgian
    // test the shelter is out; it would be worth 42% × 500,000 = 210,000
    let p = assessed(
        Builder::new("EUR", &["BE"])
            .partner("be", "BE", Majority)
            .goods("BE", "500000")
            .build(),
        "be-tax-shelter",
    );
    assert_eq!(p.status, ProgramStatus::NotEligible);
    assert_eq!(p.gross, d("0"));
    assert_eq!(p.potential_gross, d("210000"));
    assert_eq!(p.reasons[0].rule, "cultural test or official status");
    // with the test declared: 210,000 claimed
    let p = assessed(
        local("EUR", "BE", &["BE"]).goods("BE", "500000").build(),
        "be-tax-shelter",
    );
    claimed(&p, "210000");
}

// ---------------------------------------------------------------------------------------------
// Screen Flanders: up to 24% of Flemish spend, at most €400k; Flemish spend at least €250k
// (screenflanders.be; vlaio.be). It stacks with the Tax Shelter.

#[test]
fn screen_flanders_stacks_with_the_tax_shelter() {
    // €1M in Flanders, €500k elsewhere in Belgium.
    // Screen Flanders: 24% × 1,000,000 = 240,000 (Flemish spend only).
    // Tax Shelter: Flemish spend is Belgian spend: 42% × 1,500,000 = 630,000 (50% of the
    // budget is 750,000). Together 870,000.
    let a = run(&local("EUR", "BE", &["BE-VLG", "BE"])
        .goods("BE-VLG", "1000000")
        .goods("BE", "500000")
        .build());
    claimed(program(&a, "be-vlg-screen-flanders"), "240000");
    claimed(program(&a, "be-tax-shelter"), "630000");
    assert_eq!(a.incentives_gross, d("870000"));
}

#[test]
fn screen_flanders_minimum_just_under_and_at() {
    let flanders = |amount: &str| {
        assessed(
            local("EUR", "BE", &["BE-VLG", "BE"])
                .goods("BE-VLG", amount)
                .goods("BE", "1000000")
                .build(),
            "be-vlg-screen-flanders",
        )
    };
    // €249,999.99 misses €250,000 by €0.01; it would pay 24% × 249,999.99 = 59,999.9976
    let p = flanders("249999.99");
    missed_by(&p, "0.01");
    assert_eq!(p.potential_gross, d("59999.9976"));
    // €250,000: 24% → 60,000
    claimed(&flanders("250000"), "60000");
    // Screen Flanders needs no test: without any declaration it is still claimed
    let p = assessed(
        Builder::new("EUR", &["BE-VLG"])
            .partner("be", "BE", Majority)
            .goods("BE-VLG", "250000")
            .build(),
        "be-vlg-screen-flanders",
    );
    claimed(&p, "60000");
}

#[test]
fn screen_flanders_four_hundred_thousand_cap() {
    // €400,000 / 24% = €1,666,666.67 reaches the cap.
    // €1,666,666: 24% → 399,999.84, not binding
    let flanders = |amount: &str| {
        assessed(
            local("EUR", "BE", &["BE-VLG"])
                .goods("BE-VLG", amount)
                .build(),
            "be-vlg-screen-flanders",
        )
    };
    let p = flanders("1666666");
    claimed(&p, "399999.84");
    assert!(!cap(&p, "400000").binding);
    // €1,666,667: 24% → 400,000.08, capped at 400,000
    let p = flanders("1666667");
    claimed(&p, "400000");
    assert!(cap(&p, "400000").binding);
}

// ---------------------------------------------------------------------------------------------
// Netherlands NFPI: up to 35% of Dutch costs; at most €3M; budget at least €600k (features and
// animation) or €250k (documentaries); Dutch test (filmfonds.nl).

fn dutch(nl: &str, elsewhere: &str) -> Builder {
    local("EUR", "NL", &["NL", "SE"])
        .goods("NL", nl)
        .goods("SE", elsewhere)
}

#[test]
fn nl_budget_minimum_just_under_and_at() {
    // budget 500,000 + 99,999.99 = 599,999.99: €0.01 under €600,000
    missed_by(
        &assessed(dutch("500000", "99999.99").build(), "nl-nfpi"),
        "0.01",
    );
    // budget €600,000: 35% × 500,000 Dutch spend = 175,000
    claimed(
        &assessed(dutch("500000", "100000").build(), "nl-nfpi"),
        "175000",
    );
    // animation keeps the €600k minimum: budget €250,000 is €350,000 short
    missed_by(
        &assessed(
            dutch("250000", "0").format(Format::Animation).build(),
            "nl-nfpi",
        ),
        "350000",
    );
}

#[test]
fn nl_documentary_budget_minimum() {
    // documentary: €250,000 budget; €249,999.99 is €0.01 short
    missed_by(
        &assessed(
            dutch("249999.99", "0").format(Format::Documentary).build(),
            "nl-nfpi",
        ),
        "0.01",
    );
    // €250,000 all Dutch: 35% → 87,500
    claimed(
        &assessed(
            dutch("250000", "0").format(Format::Documentary).build(),
            "nl-nfpi",
        ),
        "87500",
    );
    // a fiction film with the same budget is €350,000 short of €600,000
    missed_by(&assessed(dutch("250000", "0").build(), "nl-nfpi"), "350000");
}

#[test]
fn nl_three_million_cap_and_test() {
    // €3M / 35% = €8,571,428.57. €10M Dutch: 35% → 3,500,000, capped at 3,000,000
    let p = assessed(dutch("10000000", "0").build(), "nl-nfpi");
    claimed(&p, "3000000");
    assert!(cap(&p, "3000000").binding);
    // €8,571,428: 35% → 2,999,999.80, not binding
    let p = assessed(dutch("8571428", "0").build(), "nl-nfpi");
    claimed(&p, "2999999.80");
    assert!(!cap(&p, "3000000").binding);
    // without the Dutch test: not eligible
    let mut b = dutch("1000000", "0");
    b.data.declarations.cultural_tests.clear();
    let p = assessed(b.build(), "nl-nfpi");
    assert_eq!(p.status, ProgramStatus::NotEligible);
    assert_eq!(p.reasons[0].rule, "cultural test");
    // 35% × 1,000,000 = 350,000 it would have paid
    assert_eq!(p.potential_gross, d("350000"));
}

// ---------------------------------------------------------------------------------------------
// Czech Republic from 1 Jan 2025: 25% of Czech-taxed spend, 35% for animation; at most CZK 450M;
// minimum CZK 15M (feature), CZK 2M (documentary), CZK 8M per episode (series)
// (cineuropa.org Dec 2024; filmcommission.cz).

fn czech() -> Builder {
    local("CZK", "CZ", &["CZ"])
}

#[test]
fn cz_twenty_five_percent_of_czech_taxed_spend() {
    // labour CZK 10M + goods CZK 10M: 25% × 20,000,000 = 5,000,000
    let p = assessed(
        czech()
            .labour("CZ", "10000000")
            .goods("CZ", "10000000")
            .build(),
        "cz-rebate",
    );
    claimed(&p, "5000000");
}

#[test]
fn cz_labour_by_non_residents_does_not_count() {
    // labour 9M by Czech residents, 6M by a German resident, goods 5M: qualifying 9M + 5M = 14M,
    // CZK 1,000,000 short of the CZK 15M minimum although CZK 20M is spent in the country
    let p = assessed(
        czech()
            .labour("CZ", "9000000")
            .labour_by("CZ", "6000000", "DE")
            .goods("CZ", "5000000")
            .build(),
        "cz-rebate",
    );
    assert_eq!(p.local_spend, d("20000000"));
    assert_eq!(p.qualifying_spend, d("14000000"));
    missed_by(&p, "1000000");
    // Czech residents' labour 10M + goods 5M: 15M qualifies, 25% × 15,000,000 = 3,750,000
    let p = assessed(
        czech()
            .labour("CZ", "10000000")
            .goods("CZ", "5000000")
            .build(),
        "cz-rebate",
    );
    claimed(&p, "3750000");
}

#[test]
fn cz_feature_minimum_just_under() {
    // CZK 14,999,999.99 is CZK 0.01 short of 15,000,000
    missed_by(
        &assessed(czech().goods("CZ", "14999999.99").build(), "cz-rebate"),
        "0.01",
    );
}

#[test]
fn cz_animation_thirty_five_percent() {
    // animation: 35% × 20,000,000 = 7,000,000
    claimed(
        &assessed(
            czech()
                .format(Format::Animation)
                .goods("CZ", "20000000")
                .build(),
            "cz-rebate",
        ),
        "7000000",
    );
    // the animation variant keeps the CZK 15M minimum: 14,999,999 is 1 short
    missed_by(
        &assessed(
            czech()
                .format(Format::Animation)
                .goods("CZ", "14999999")
                .build(),
            "cz-rebate",
        ),
        "1",
    );
}

#[test]
fn cz_documentary_and_series_minimums() {
    // documentary: CZK 2M; 1,999,999.99 is 0.01 short; 2,000,000 × 25% = 500,000
    let doc = |amount: &str| {
        assessed(
            czech()
                .format(Format::Documentary)
                .goods("CZ", amount)
                .build(),
            "cz-rebate",
        )
    };
    missed_by(&doc("1999999.99"), "0.01");
    claimed(&doc("2000000"), "500000");
    // series of 3: CZK 8M × 3 = 24M; 23,999,999.99 is 0.01 short; 24M × 25% = 6,000,000
    let series = |amount: &str| {
        assessed(
            czech()
                .release(Release::Television)
                .episodes(3)
                .goods("CZ", amount)
                .build(),
            "cz-rebate",
        )
    };
    missed_by(&series("23999999.99"), "0.01");
    claimed(&series("24000000"), "6000000");
}

#[test]
fn cz_animated_series_gets_the_animation_rate_and_the_episode_minimum() {
    // Both variants fit: animation gives 35%, series the CZK 8M per-episode minimum.
    // 4 episodes: 4 × 8,000,000 = 32,000,000; 31,999,999.99 is 0.01 short;
    // 32,000,000 × 35% = 11,200,000
    let animated_series = |amount: &str| {
        assessed(
            czech()
                .format(Format::Animation)
                .release(Release::Television)
                .episodes(4)
                .goods("CZ", amount)
                .build(),
            "cz-rebate",
        )
    };
    missed_by(&animated_series("31999999.99"), "0.01");
    let p = animated_series("32000000");
    claimed(&p, "11200000");
    assert!(
        p.steps
            .iter()
            .any(|s| s.starts_with("Figures for animation and series: rate 35%")),
        "{:?}",
        p.steps
    );
}

#[test]
fn cz_four_hundred_fifty_million_cap() {
    // CZK 450M / 25% = CZK 1.8bn. 1,799,999,996 × 25% = 449,999,999: not binding
    let p = assessed(czech().goods("CZ", "1799999996").build(), "cz-rebate");
    claimed(&p, "449999999");
    assert!(!cap(&p, "450000000").binding);
    // 1,800,000,004 × 25% = 450,000,001, capped at 450,000,000
    let p = assessed(czech().goods("CZ", "1800000004").build(), "cz-rebate");
    claimed(&p, "450000000");
    assert!(cap(&p, "450000000").binding);
}

#[test]
fn cz_thresholds_convert_from_koruna() {
    // base EUR, 1 CZK = €0.04: the CZK 15M minimum is €600,000 and the CZK 450M cap €18M
    let cz = |amount: &str| {
        assessed(
            local("EUR", "CZ", &["CZ"])
                .rate("CZK", "0.04")
                .goods("CZ", amount)
                .build(),
            "cz-rebate",
        )
    };
    missed_by(&cz("599999.99"), "0.01");
    // €600,000 × 25% = 150,000
    claimed(&cz("600000"), "150000");
    // €80M × 25% = 20,000,000, capped at €18,000,000
    let p = cz("80000000");
    claimed(&p, "18000000");
    assert!(cap(&p, "18000000").binding);
}

// ---------------------------------------------------------------------------------------------
// Poland: 30% of Polish costs; at most PLN 15M; minimum PLN 3M (feature); at least 75% of the
// financing confirmed; public funds at most 60% of the budget (international) or 50% (with a
// Polish co-producer) (polishfilmcommission.pl, pisf.pl, kipa.pl).

/// A foreign (Swedish) production shooting in Poland, with `equity` of financing.
fn polish_service(pl: &str, equity: &str) -> Builder {
    Builder::new("PLN", &["PL", "SE"])
        .partner("se", "SE", Majority)
        .funds(FinancingKind::Equity, equity, "PLN")
        .cultural_test("PL")
        .goods("PL", pl)
}

#[test]
fn pl_thirty_percent_with_three_quarters_financed() {
    // PLN 10M in Poland, PLN 7.5M financed = 75% of 10M: 30% × 10,000,000 = 3,000,000
    claimed(
        &assessed(polish_service("10000000", "7500000").build(), "pl-rebate"),
        "3000000",
    );
    // PLN 7,499,999.99 financed is PLN 0.01 short of 75%
    missed_by(
        &assessed(
            polish_service("10000000", "7499999.99").build(),
            "pl-rebate",
        ),
        "0.01",
    );
}

#[test]
fn pl_minimum_spend_just_under_and_at() {
    // PLN 2,999,999.99 in Poland is 0.01 short of PLN 3M (financing PLN 3M covers 75%)
    missed_by(
        &assessed(polish_service("2999999.99", "3000000").build(), "pl-rebate"),
        "0.01",
    );
    // PLN 3M: 30% → 900,000
    claimed(
        &assessed(polish_service("3000000", "3000000").build(), "pl-rebate"),
        "900000",
    );
}

#[test]
fn pl_fifteen_million_cap() {
    // PLN 60M: 30% → 18,000,000, capped at 15,000,000 (aid: 15M ≤ 60% × 60M = 36M)
    let p = assessed(polish_service("60000000", "45000000").build(), "pl-rebate");
    claimed(&p, "15000000");
    assert!(cap(&p, "15000000").binding);
    // PLN 49,999,999: 30% → 14,999,999.70, not binding
    let p = assessed(polish_service("49999999", "45000000").build(), "pl-rebate");
    claimed(&p, "14999999.70");
    assert!(!cap(&p, "15000000").binding);
}

#[test]
fn pl_aid_ceiling_sixty_percent_for_a_foreign_production() {
    // budget PLN 10M all in Poland, PLN 4M public fund + 4M equity (80% financed).
    // Rebate 30% × 10M = 3M; public aid 4M + 3M = 7M > 60% × 10M = 6M: cut by 1M → 2,000,000
    let p = assessed(
        polish_service("10000000", "4000000")
            .funds(FinancingKind::PublicFund, "4000000", "PLN")
            .build(),
        "pl-rebate",
    );
    claimed(&p, "2000000");
    let ceiling = cap(&p, "6000000");
    assert!(ceiling.binding);
    assert_eq!(ceiling.headroom, d("0"));
    // PLN 3M public fund: 3M + 3M = 6M, exactly the ceiling: no cut
    let p = assessed(
        polish_service("10000000", "5000000")
            .funds(FinancingKind::PublicFund, "3000000", "PLN")
            .build(),
        "pl-rebate",
    );
    claimed(&p, "3000000");
    assert!(!cap(&p, "6000000").binding);
}

#[test]
fn pl_aid_ceiling_fifty_percent_with_a_polish_coproducer() {
    // the same plan with a Polish producer: public aid ≤ 50% × 10M = 5M;
    // 4M + 3M = 7M: cut by 2M → 1,000,000
    let p = assessed(
        local("PLN", "PL", &["PL"])
            .funds(FinancingKind::Equity, "4000000", "PLN")
            .funds(FinancingKind::PublicFund, "4000000", "PLN")
            .goods("PL", "10000000")
            .build(),
        "pl-rebate",
    );
    claimed(&p, "1000000");
    assert!(cap(&p, "5000000").binding);
}

#[test]
fn pl_thresholds_convert_from_zloty() {
    // base EUR, 1 PLN = €0.23: the PLN 3M minimum is €690,000; financing in EUR
    let pl = |amount: &str| {
        assessed(
            Builder::new("EUR", &["PL"])
                .rate("PLN", "0.23")
                .partner("se", "SE", Majority)
                .funds(FinancingKind::Equity, "1000000", "EUR")
                .cultural_test("PL")
                .goods("PL", amount)
                .build(),
            "pl-rebate",
        )
    };
    missed_by(&pl("689999.99"), "0.01");
    // €690,000 × 30% = 207,000 (financing €1M ≥ 75%; aid 207,000 ≤ 60% × 690,000 = 414,000)
    claimed(&pl("690000"), "207000");
}

// ---------------------------------------------------------------------------------------------
// Romania 2024–26: 30% (the FNE figure carried); at most €10M; minimum €100k (feature or per
// episode), €50k (documentary); animation keeps €100k (filmneweurope.com, July 2024).

fn romanian(amount: &str) -> Builder {
    local("EUR", "RO", &["RO"]).goods("RO", amount)
}

#[test]
fn ro_feature_minimum_and_rate() {
    missed_by(&assessed(romanian("99999.99").build(), "ro-rebate"), "0.01");
    // €100,000 × 30% = 30,000
    claimed(&assessed(romanian("100000").build(), "ro-rebate"), "30000");
    // animation has no variant of its own: €99,999.99 is still €0.01 short
    missed_by(
        &assessed(
            romanian("99999.99").format(Format::Animation).build(),
            "ro-rebate",
        ),
        "0.01",
    );
}

#[test]
fn ro_documentary_and_series_minimums() {
    // documentary €50k: 49,999.99 short by 0.01; 50,000 × 30% = 15,000
    missed_by(
        &assessed(
            romanian("49999.99").format(Format::Documentary).build(),
            "ro-rebate",
        ),
        "0.01",
    );
    claimed(
        &assessed(
            romanian("50000").format(Format::Documentary).build(),
            "ro-rebate",
        ),
        "15000",
    );
    // 4 episodes × €100k = €400k; 399,999.99 short by 0.01; 400,000 × 30% = 120,000
    missed_by(
        &assessed(romanian("399999.99").episodes(4).build(), "ro-rebate"),
        "0.01",
    );
    claimed(
        &assessed(romanian("400000").episodes(4).build(), "ro-rebate"),
        "120000",
    );
}

#[test]
fn ro_ten_million_cap() {
    // €10M / 30% = €33,333,333.33. €40M × 30% = 12,000,000 → 10,000,000
    let p = assessed(romanian("40000000").build(), "ro-rebate");
    claimed(&p, "10000000");
    assert!(cap(&p, "10000000").binding);
    // €33,333,333 × 30% = 9,999,999.90: not binding
    let p = assessed(romanian("33333333").build(), "ro-rebate");
    claimed(&p, "9999999.90");
    assert!(!cap(&p, "10000000").binding);
}

// ---------------------------------------------------------------------------------------------
// Croatia: 25% of Croatian-taxed spend, +5 points in less-developed regions; kuna minimums
// converted at the fixed 7.53450 HRK per euro: HRK 2M feature = €265,445.62, HRK 300k
// documentary = €39,816.84, HRK 500k animation = €66,361.40, HRK 1M TV film = €132,722.81,
// HRK 750k per TV episode = €99,542.11 (filmingincroatia.hr; Council Regulation 2022/1208).

fn croatian() -> Builder {
    local("EUR", "HR", &["HR"])
}

#[test]
fn hr_feature_minimum_in_converted_kuna() {
    // €265,445.61 is €0.01 short of €265,445.62
    missed_by(
        &assessed(croatian().goods("HR", "265445.61").build(), "hr-rebate"),
        "0.01",
    );
    // €265,445.62 × 25% = 66,361.405
    claimed(
        &assessed(croatian().goods("HR", "265445.62").build(), "hr-rebate"),
        "66361.405",
    );
}

#[test]
fn hr_labour_of_non_residents_does_not_count() {
    // goods 200,000 + labour 100,000 by a Serbian resident: only 200,000 qualifies,
    // 65,445.62 short of 265,445.62
    let p = assessed(
        croatian()
            .goods("HR", "200000")
            .labour_by("HR", "100000", "RS")
            .build(),
        "hr-rebate",
    );
    assert_eq!(p.qualifying_spend, d("200000"));
    missed_by(&p, "65445.62");
    // the same labour by Croatian residents: 300,000 × 25% = 75,000
    claimed(
        &assessed(
            croatian()
                .goods("HR", "200000")
                .labour("HR", "100000")
                .build(),
            "hr-rebate",
        ),
        "75000",
    );
}

#[test]
fn hr_variant_minimums_by_format_and_release() {
    let hr = |b: Builder, amount: &str| assessed(b.goods("HR", amount).build(), "hr-rebate");
    // television film: €132,722.81; €132,722.80 is €0.01 short; at it, 25% → 33,180.7025
    let tv = || croatian().release(Release::Television);
    missed_by(&hr(tv(), "132722.80"), "0.01");
    claimed(&hr(tv(), "132722.81"), "33180.7025");
    // an online film has the same minimum
    missed_by(
        &hr(croatian().release(Release::Online), "132722.80"),
        "0.01",
    );
    // documentary: €39,816.84; 25% → 9,954.21
    let doc = || croatian().format(Format::Documentary);
    missed_by(&hr(doc(), "39816.83"), "0.01");
    claimed(&hr(doc(), "39816.84"), "9954.21");
    // animation: €66,361.40; 25% → 16,590.35
    let anim = || croatian().format(Format::Animation);
    missed_by(&hr(anim(), "66361.39"), "0.01");
    claimed(&hr(anim(), "66361.40"), "16590.35");
    // TV series of 6: 6 × 99,542.11 = 597,252.66; 25% → 149,313.165
    let series = || croatian().release(Release::Television).episodes(6);
    missed_by(&hr(series(), "597252.65"), "0.01");
    claimed(&hr(series(), "597252.66"), "149313.165");
}

#[test]
fn hr_animated_tv_series_uses_the_episode_minimum() {
    // An animated TV series fits the animation and the series variants (not the TV-film
    // one, which is for single works); the series minimum comes last and wins:
    // 5 × 99,542.11 = 497,710.55; 497,710.54 is 0.01 short; 25% × 497,710.55 = 124,427.6375
    let animated_series = |amount: &str| {
        assessed(
            croatian()
                .format(Format::Animation)
                .release(Release::Television)
                .episodes(5)
                .goods("HR", amount)
                .build(),
            "hr-rebate",
        )
    };
    missed_by(&animated_series("497710.54"), "0.01");
    claimed(&animated_series("497710.55"), "124427.6375");
}

#[test]
fn hr_less_developed_region_uplift() {
    // declared: 25% + 5 points = 30% × 1,000,000 = 300,000; undeclared 250,000
    let hr = |b: Builder| assessed(b.goods("HR", "1000000").build(), "hr-rebate");
    claimed(
        &hr(croatian().uplift("hr-rebate/less-developed-region")),
        "300000",
    );
    claimed(&hr(croatian()), "250000");
}

// ---------------------------------------------------------------------------------------------
// Iceland: 25% of costs in Iceland paid to Iceland-taxable payees; 35% from ISK 350M (with
// conditions declared as the uplift); total EEA costs count once more than 80% of the budget is
// in Iceland; public support at most 85% of the budget (icelandicfilmcentre.is).

fn icelandic(territories: &[&str]) -> Builder {
    local("ISK", "IS", territories)
}

#[test]
fn is_wider_eea_base_only_above_eighty_percent() {
    // IS 400M + SE 50M + US 50M = 500M: Iceland is exactly 80%, not more: only Icelandic
    // spend counts, 25% × 400,000,000 = 100,000,000
    let p = assessed(
        icelandic(&["IS", "SE", "US"])
            .goods("IS", "400000000")
            .goods("SE", "50000000")
            .goods("US", "50000000")
            .build(),
        "is-reimbursement",
    );
    assert_eq!(p.qualifying_spend, d("400000000"));
    claimed(&p, "100000000");
    // IS 400,000,001 + SE 50M + US 49,999,999 = 500M: Iceland above 80%, so the Swedish
    // (EEA) spend counts too, the US spend does not: 450,000,001 × 25% = 112,500,000.25
    let p = assessed(
        icelandic(&["IS", "SE", "US"])
            .goods("IS", "400000001")
            .goods("SE", "50000000")
            .goods("US", "49999999")
            .build(),
        "is-reimbursement",
    );
    assert_eq!(p.qualifying_spend, d("450000001"));
    claimed(&p, "112500000.25");
}

#[test]
fn is_labour_by_non_residents_does_not_count() {
    // all in Iceland: labour 20M by residents, 10M by a UK resident, goods 30M:
    // 50,000,000 × 25% = 12,500,000
    let p = assessed(
        icelandic(&["IS"])
            .labour("IS", "20000000")
            .labour_by("IS", "10000000", "GB")
            .goods("IS", "30000000")
            .build(),
        "is-reimbursement",
    );
    assert_eq!(p.qualifying_spend, d("50000000"));
    claimed(&p, "12500000");
}

#[test]
fn is_thirty_five_percent_from_three_hundred_fifty_million() {
    let is = |amount: &str, declared: bool| {
        let mut b = icelandic(&["IS"]).goods("IS", amount);
        if declared {
            b = b.uplift("is-reimbursement/large-production");
        }
        assessed(b.build(), "is-reimbursement")
    };
    // declared, ISK 349,999,999: the 35% is not reached; 25% → 87,499,999.75, 1 short
    let p = is("349999999", true);
    claimed(&p, "87499999.75");
    assert_eq!(p.next_threshold.as_ref().map(|t| t.distance), Some(d("1")));
    // declared, ISK 350M: 35% × 350,000,000 = 122,500,000
    claimed(&is("350000000", true), "122500000");
    // not declared, ISK 350M: 25% → 87,500,000
    claimed(&is("350000000", false), "87500000");
}

#[test]
fn is_uplift_threshold_counts_icelandic_costs_only() {
    // IS 300M + SE 50M: Iceland is 85.7% of 350M, so the EEA base is 350M. The rule's note:
    // "35% on all of it when Icelandic costs reach ISK 350M" (icelandicfilmcentre.is); Icelandic
    // costs are 300M, so 25% × 350,000,000 = 87,500,000
    let p = assessed(
        icelandic(&["IS", "SE"])
            .goods("IS", "300000000")
            .goods("SE", "50000000")
            .uplift("is-reimbursement/large-production")
            .build(),
        "is-reimbursement",
    );
    claimed(&p, "87500000");
}

#[test]
fn is_public_aid_ceiling_eighty_five_percent() {
    // budget ISK 100M in Iceland; rebate 25% → 25M.
    // public fund 70M: 70M + 25M = 95M > 85% × 100M = 85M, cut by 10M → 15,000,000
    let is = |public: &str| {
        assessed(
            icelandic(&["IS"])
                .funds(FinancingKind::PublicFund, public, "ISK")
                .goods("IS", "100000000")
                .build(),
            "is-reimbursement",
        )
    };
    let p = is("70000000");
    claimed(&p, "15000000");
    assert!(cap(&p, "85000000").binding);
    // public fund 60M: 60M + 25M = 85M, exactly the ceiling: 25,000,000, not binding
    let p = is("60000000");
    claimed(&p, "25000000");
    assert!(!cap(&p, "85000000").binding);
}

#[test]
fn is_needs_its_test() {
    // without the Icelandic test: not eligible; it would pay 25% × 10M = 2,500,000
    let p = assessed(
        Builder::new("ISK", &["IS"])
            .partner("is", "IS", Majority)
            .goods("IS", "10000000")
            .build(),
        "is-reimbursement",
    );
    assert_eq!(p.status, ProgramStatus::NotEligible);
    assert_eq!(p.reasons[0].rule, "cultural test");
    assert_eq!(p.potential_gross, d("2500000"));
}

#[test]
fn is_uplift_threshold_converts_from_kronur() {
    // base EUR, 1 ISK = €0.0065: ISK 350M is €2,275,000
    let is = |amount: &str| {
        assessed(
            local("EUR", "IS", &["IS"])
                .rate("ISK", "0.0065")
                .uplift("is-reimbursement/large-production")
                .goods("IS", amount)
                .build(),
            "is-reimbursement",
        )
    };
    // €2,274,999.99 × 25% = 568,749.9975
    claimed(&is("2274999.99"), "568749.9975");
    // €2,275,000 × 35% = 796,250
    claimed(&is("2275000"), "796250");
}

// ---------------------------------------------------------------------------------------------
// Norway: 25% of costs in Norway paid to Norwegian taxpayers; EEA costs count once more than 80%
// of costs are in Norway; Norwegian spend at least NOK 4M; budget at least NOK 25M (feature),
// NOK 10M per episode (series), NOK 10M (documentary); at least 30% of the financing from
// outside Norway (nfi.no, norwegianfilm.com).

/// A Norwegian producer financing `home`, a Swedish co-producer financing `foreign`.
fn norwegian(home: &str, foreign: &str) -> Builder {
    Builder::new("NOK", &["NO", "SE", "US"])
        .partner("no", "NO", Majority)
        .funds(FinancingKind::Equity, home, "NOK")
        .partner("se", "SE", Minority)
        .funds(FinancingKind::Equity, foreign, "NOK")
        .cultural_test("NO")
}

#[test]
fn no_twenty_five_percent_with_thirty_percent_foreign_financing() {
    // NO 20M + US 10M = budget 30M (Norway 66.7%); Swedish financing 9M = 30% of 30M:
    // 25% × 20,000,000 = 5,000,000
    let p = assessed(
        norwegian("21000000", "9000000")
            .goods("NO", "20000000")
            .goods("US", "10000000")
            .build(),
        "no-incentive",
    );
    claimed(&p, "5000000");
    // Swedish financing 8,999,999.99: 0.01 short of 30%
    let p = assessed(
        norwegian("21000000.01", "8999999.99")
            .goods("NO", "20000000")
            .goods("US", "10000000")
            .build(),
        "no-incentive",
    );
    missed_by(&p, "0.01");
    // Norwegian money does not count: 30M from Norway, 1 from Sweden leaves 8,999,999 to find
    let p = assessed(
        norwegian("30000000", "1")
            .goods("NO", "20000000")
            .goods("US", "10000000")
            .build(),
        "no-incentive",
    );
    missed_by(&p, "8999999");
}

#[test]
fn no_spend_and_budget_minimums() {
    // Norwegian spend NOK 3,999,999.99 (budget 25M): 0.01 short of NOK 4M
    let p = assessed(
        norwegian("17500000", "7500000")
            .goods("NO", "3999999.99")
            .goods("US", "21000000.01")
            .build(),
        "no-incentive",
    );
    missed_by(&p, "0.01");
    assert_eq!(p.reasons[0].rule, "minimum qualifying spend");
    // budget NOK 24,999,999.99: 0.01 short of NOK 25M (Swedish 7.5M ≥ 30%)
    let p = assessed(
        norwegian("17500000", "7500000")
            .goods("NO", "20000000")
            .goods("US", "4999999.99")
            .build(),
        "no-incentive",
    );
    missed_by(&p, "0.01");
    assert_eq!(p.reasons[0].rule, "minimum budget");
    // NO 4M + US 21M = 25M: 25% × 4,000,000 = 1,000,000
    claimed(
        &assessed(
            norwegian("17500000", "7500000")
                .goods("NO", "4000000")
                .goods("US", "21000000")
                .build(),
            "no-incentive",
        ),
        "1000000",
    );
}

#[test]
fn no_wider_eea_base_only_above_eighty_percent() {
    // NO 24M + SE 3M + US 3M = 30M: Norway exactly 80%: 25% × 24,000,000 = 6,000,000
    let p = assessed(
        norwegian("21000000", "9000000")
            .goods("NO", "24000000")
            .goods("SE", "3000000")
            .goods("US", "3000000")
            .build(),
        "no-incentive",
    );
    assert_eq!(p.qualifying_spend, d("24000000"));
    claimed(&p, "6000000");
    // NO 24,000,000.01 + SE 3M + US 2,999,999.99: Norway above 80%, Swedish spend counts:
    // 27,000,000.01 × 25% = 6,750,000.0025
    let p = assessed(
        norwegian("21000000", "9000000")
            .goods("NO", "24000000.01")
            .goods("SE", "3000000")
            .goods("US", "2999999.99")
            .build(),
        "no-incentive",
    );
    assert_eq!(p.qualifying_spend, d("27000000.01"));
    claimed(&p, "6750000.0025");
}

#[test]
fn no_labour_by_non_residents_does_not_count() {
    // NO labour 10M by residents + 2M by a Swedish resident + US 18M = 30M (Norway 40%):
    // 25% × 10,000,000 = 2,500,000
    let p = assessed(
        norwegian("21000000", "9000000")
            .labour("NO", "10000000")
            .labour_by("NO", "2000000", "SE")
            .goods("US", "18000000")
            .build(),
        "no-incentive",
    );
    assert_eq!(p.qualifying_spend, d("10000000"));
    claimed(&p, "2500000");
}

#[test]
fn no_series_budget_per_episode() {
    // 3 episodes: NOK 10M × 3 = 30M. NO 20M + US 9,999,999.99: 0.01 short
    let series = |us: &str| {
        assessed(
            norwegian("21000000", "9000000")
                .release(Release::Television)
                .episodes(3)
                .goods("NO", "20000000")
                .goods("US", us)
                .build(),
            "no-incentive",
        )
    };
    let p = series("9999999.99");
    missed_by(&p, "0.01");
    assert_eq!(p.reasons[0].rule, "minimum budget per episode");
    // budget 30M: 25% × 20,000,000 = 5,000,000
    claimed(&series("10000000"), "5000000");
    // budget 26M clears the feature's 25M but is 4M short of 30M for three episodes
    missed_by(&series("6000000"), "4000000");
}

#[test]
fn no_documentary_budget() {
    // documentary: budget NOK 10M; NO 8M + US 2M, Swedish 3M = 30%: 25% × 8M = 2,000,000
    let doc = |us: &str| {
        assessed(
            norwegian("7000000", "3000000")
                .format(Format::Documentary)
                .goods("NO", "8000000")
                .goods("US", us)
                .build(),
            "no-incentive",
        )
    };
    claimed(&doc("2000000"), "2000000");
    // budget 9,999,999.99: 0.01 short
    missed_by(&doc("1999999.99"), "0.01");
}

#[test]
fn no_thresholds_convert_from_kroner() {
    // base EUR, 1 NOK = €0.085: NOK 4M = €340,000; NOK 25M = €2,125,000; Swedish financing
    // €637,500 = 30% of €2,125,000
    let no = |no: &str, us: &str| {
        assessed(
            Builder::new("EUR", &["NO", "US"])
                .rate("NOK", "0.085")
                .partner("no", "NO", Majority)
                .funds(FinancingKind::Equity, "1487500", "EUR")
                .partner("se", "SE", Minority)
                .funds(FinancingKind::Equity, "637500", "EUR")
                .cultural_test("NO")
                .goods("NO", no)
                .goods("US", us)
                .build(),
            "no-incentive",
        )
    };
    // €340,000 × 25% = 85,000
    claimed(&no("340000", "1785000"), "85000");
    // €339,999.99 in Norway: 0.01 short of €340,000
    missed_by(&no("339999.99", "1785000.01"), "0.01");
    // budget €2,124,999.99: 0.01 short of €2,125,000
    missed_by(&no("340000", "1784999.99"), "0.01");
}

// ---------------------------------------------------------------------------------------------
// Malta: 30% (40% for the top cultural-test score, declared); above-the-line counts up to the
// higher of €1M and 30% of Malta eligible spend; Malta spend at least €100k and budget at
// least €200k (directory.afci.org).

fn maltese(atl: &str, btl: &str) -> ProgramAssessment {
    assessed(
        local("EUR", "MT", &["MT"])
            .line_in("1000", LineKind::Labour, "MT", atl, "EUR")
            .goods("MT", btl)
            .build(),
        "mt-rebate",
    )
}

#[test]
fn mt_above_the_line_floor_of_one_million() {
    // ATL 1.5M + BTL 1.5M = 3M; 30% × 3M = 900,000 < 1M, so ATL counts up to 1,000,000:
    // qualifying 2,500,000 × 30% = 750,000
    let p = maltese("1500000", "1500000");
    assert_eq!(p.qualifying_spend, d("2500000"));
    claimed(&p, "750000");
    assert!(cap(&p, "1000000").binding);
    // ATL exactly 1M + BTL 2M: not above the limit; 30% × 3,000,000 = 900,000
    let p = maltese("1000000", "2000000");
    claimed(&p, "900000");
    assert!(!cap(&p, "1000000").binding);
    // ATL 1,000,000.01 + BTL 2M: 0.01 over the €1M limit (30% × 3,000,000.01 = 900,000.003 is
    // lower): qualifying 3,000,000 × 30% = 900,000
    let p = maltese("1000000.01", "2000000");
    assert_eq!(p.qualifying_spend, d("3000000"));
    claimed(&p, "900000");
    assert!(cap(&p, "1000000").binding);
}

#[test]
fn mt_above_the_line_thirty_percent_share() {
    // ATL 4M + BTL 6M = 10M; limit 30% × 10M = 3M (higher than 1M): qualifying 9M × 30%
    // = 2,700,000
    let p = maltese("4000000", "6000000");
    assert_eq!(p.qualifying_spend, d("9000000"));
    claimed(&p, "2700000");
    assert!(cap(&p, "3000000").binding);
    // ATL 1.2M + BTL 2.8M = 4M: limit 30% × 4M = 1,200,000 = ATL: not binding; 1,200,000
    let p = maltese("1200000", "2800000");
    claimed(&p, "1200000");
    assert!(!cap(&p, "1200000").binding);
    // ATL 1,200,000.10 + BTL 2,799,999.90 = 4M: ATL 0.10 over the 1,200,000 limit:
    // qualifying 3,999,999.90 × 30% = 1,199,999.97
    let p = maltese("1200000.10", "2799999.90");
    assert_eq!(p.qualifying_spend, d("3999999.90"));
    claimed(&p, "1199999.97");
}

#[test]
fn mt_spend_and_budget_minimums() {
    let mt = |malta: &str, elsewhere: &str| {
        assessed(
            local("EUR", "MT", &["MT", "SE"])
                .goods("MT", malta)
                .goods("SE", elsewhere)
                .build(),
            "mt-rebate",
        )
    };
    // Malta €99,999.99 (budget 200,000): 0.01 short of €100k
    let p = mt("99999.99", "100000.01");
    missed_by(&p, "0.01");
    assert_eq!(p.reasons[0].rule, "minimum qualifying spend");
    // budget €199,999.99: 0.01 short of €200k
    let p = mt("100000", "99999.99");
    missed_by(&p, "0.01");
    assert_eq!(p.reasons[0].rule, "minimum budget");
    // both met: 30% × 100,000 = 30,000
    claimed(&mt("100000", "100000"), "30000");
}

#[test]
fn mt_top_score_forty_percent() {
    // declared: 40% × 1,000,000 = 400,000
    let p = assessed(
        local("EUR", "MT", &["MT"])
            .uplift("mt-rebate/top-score")
            .goods("MT", "1000000")
            .build(),
        "mt-rebate",
    );
    claimed(&p, "400000");
}

// ---------------------------------------------------------------------------------------------
// Greece EKOME: 40% (Law 4704/2020, carried; 35% in EKOME's FAQ); no cap; minimum €100k, and
// for series also €30k per episode (filmcommission.gr, ekome.media).

fn greek(amount: &str) -> Builder {
    local("EUR", "GR", &["GR"]).goods("GR", amount)
}

#[test]
fn gr_forty_percent_and_minimum() {
    missed_by(&assessed(greek("99999.99").build(), "gr-ekome"), "0.01");
    // €100,000 × 40% = 40,000
    claimed(&assessed(greek("100000").build(), "gr-ekome"), "40000");
    // no cap: €50M × 40% = 20,000,000
    claimed(&assessed(greek("50000000").build(), "gr-ekome"), "20000000");
}

#[test]
fn gr_series_per_episode_and_total() {
    // 5 episodes: €30k × 5 = €150k, above the €100k total. €149,999.99 meets €100k but is
    // 0.01 short of €150k
    let series = |eps: u32, amount: &str| {
        assessed(
            greek(amount)
                .release(Release::Television)
                .episodes(eps)
                .build(),
            "gr-ekome",
        )
    };
    let p = series(5, "149999.99");
    missed_by(&p, "0.01");
    assert_eq!(p.reasons[0].rule, "minimum spend per episode");
    // €150,000 × 40% = 60,000
    claimed(&series(5, "150000"), "60000");
    // 2 episodes: €60k per-episode total, but the €100k total binds: 99,999.99 is 0.01 short
    let p = series(2, "99999.99");
    missed_by(&p, "0.01");
    assert_eq!(p.reasons[0].rule, "minimum qualifying spend");
    claimed(&series(2, "100000"), "40000");
}

#[test]
fn gr_needs_its_test() {
    let mut b = greek("1000000");
    b.data.declarations.cultural_tests.clear();
    let p = assessed(b.build(), "gr-ekome");
    assert_eq!(p.status, ProgramStatus::NotEligible);
    // 40% × 1,000,000 = 400,000 it would have paid
    assert_eq!(p.potential_gross, d("400000"));
}

// ---------------------------------------------------------------------------------------------
// Film in Georgia: 20% + 1 point per cultural-test item (up to 5); minimum GEL 500k (features,
// TV, series), GEL 300k (documentaries, animation) (filmingeorgia.ge). No test required.

fn georgian() -> Builder {
    Builder::new("GEL", &["GE"]).partner("ge", "GE", Majority)
}

#[test]
fn ge_twenty_percent_and_minimums() {
    let ge =
        |b: Builder, amount: &str| assessed(b.goods("GE", amount).build(), "ge-film-in-georgia");
    // feature: GEL 499,999.99 is 0.01 short; GEL 500,000 × 20% = 100,000 (no test declared)
    missed_by(&ge(georgian(), "499999.99"), "0.01");
    claimed(&ge(georgian(), "500000"), "100000");
    // documentary and animation: GEL 300k; 300,000 × 20% = 60,000
    for format in [Format::Documentary, Format::Animation] {
        missed_by(&ge(georgian().format(format), "299999.99"), "0.01");
        claimed(&ge(georgian().format(format), "300000"), "60000");
    }
    // a television series keeps GEL 500k: 499,999.99 is 0.01 short
    missed_by(
        &ge(
            georgian().release(Release::Television).episodes(8),
            "499999.99",
        ),
        "0.01",
    );
}

#[test]
fn ge_one_point_per_cultural_item() {
    let ge = |items: &[&str]| {
        let mut b = georgian().goods("GE", "1000000");
        for i in items {
            b = b.uplift(&format!("ge-film-in-georgia/cultural-{i}"));
        }
        assessed(b.build(), "ge-film-in-georgia")
    };
    // three items: (20 + 3)% × 1,000,000 = 230,000
    claimed(&ge(&["1", "3", "5"]), "230000");
    // all five: 25% → 250,000
    claimed(&ge(&["1", "2", "3", "4", "5"]), "250000");
}

#[test]
fn ge_minimum_converts_from_lari() {
    // base EUR, 1 GEL = €0.34: GEL 500k = €170,000
    let ge = |amount: &str| {
        assessed(
            Builder::new("EUR", &["GE"])
                .rate("GEL", "0.34")
                .partner("ge", "GE", Majority)
                .goods("GE", amount)
                .build(),
            "ge-film-in-georgia",
        )
    };
    missed_by(&ge("169999.99"), "0.01");
    // €170,000 × 20% = 34,000
    claimed(&ge("170000"), "34000");
}

// ---------------------------------------------------------------------------------------------
// Serbia: 25%, 30% on all spend once Serbian spend is above €5M; minimum €300k (feature/TV),
// €150k per episode (series), €150k (animation), €50k (documentary) (filminserbia.com).

fn serbian(b: Builder, amount: &str) -> ProgramAssessment {
    assessed(b.goods("RS", amount).build(), "rs-rebate")
}

fn serbia() -> Builder {
    Builder::new("EUR", &["RS"]).partner("rs", "RS", Majority)
}

#[test]
fn rs_cliff_above_five_million() {
    // exactly €5M is not above: 25% × 5,000,000 = 1,250,000
    claimed(&serbian(serbia(), "5000000"), "1250000");
    // €5,000,000.01: 30% on all of it: 1,500,000.003
    claimed(&serbian(serbia(), "5000000.01"), "1500000.003");
}

#[test]
fn rs_minimums_by_format_and_series() {
    // feature €300k: 299,999.99 short by 0.01; 300,000 × 25% = 75,000
    missed_by(&serbian(serbia(), "299999.99"), "0.01");
    claimed(&serbian(serbia(), "300000"), "75000");
    // documentary €50k: 50,000 × 25% = 12,500
    let doc = || serbia().format(Format::Documentary);
    missed_by(&serbian(doc(), "49999.99"), "0.01");
    claimed(&serbian(doc(), "50000"), "12500");
    // animation €150k: 150,000 × 25% = 37,500
    let anim = || serbia().format(Format::Animation);
    missed_by(&serbian(anim(), "149999.99"), "0.01");
    claimed(&serbian(anim(), "150000"), "37500");
    // series of 4: €150k × 4 = €600k; 600,000 × 25% = 150,000
    let series = || serbia().release(Release::Television).episodes(4);
    missed_by(&serbian(series(), "599999.99"), "0.01");
    claimed(&serbian(series(), "600000"), "150000");
}

#[test]
fn rs_animated_series_uses_the_episode_minimum() {
    // Animation (€150k) and series (€150k per episode) both fit; the series minimum, listed
    // later, wins: 3 episodes → €450k. 449,999.99 is 0.01 short; 450,000 × 25% = 112,500
    let animated_series = || {
        serbia()
            .format(Format::Animation)
            .release(Release::Online)
            .episodes(3)
    };
    missed_by(&serbian(animated_series(), "449999.99"), "0.01");
    claimed(&serbian(animated_series(), "450000"), "112500");
}

// ---------------------------------------------------------------------------------------------
// Hungary: 30% of Hungarian spend plus foreign spend up to 25% of the Hungarian spend, also at
// 30%; no cap, no minimum; Hungarian test (lionsproduction.com, angelfilms.hu).

fn hungarian(abroad: &str) -> ProgramAssessment {
    assessed(
        local("EUR", "HU", &["HU", "SE"])
            .goods("HU", "1000000")
            .goods("SE", abroad)
            .build(),
        "hu-rebate",
    )
}

#[test]
fn hu_foreign_spend_up_to_a_quarter() {
    // foreign €249,999.99 < 25% × 1,000,000: all counts: 1,249,999.99 × 30% = 374,999.997
    let p = hungarian("249999.99");
    assert_eq!(p.qualifying_spend, d("1249999.99"));
    claimed(&p, "374999.997");
    // foreign exactly €250,000: 1,250,000 × 30% = 375,000
    claimed(&hungarian("250000"), "375000");
    // foreign €250,000.01: only 250,000 counts: still 375,000
    let p = hungarian("250000.01");
    assert_eq!(p.qualifying_spend, d("1250000"));
    claimed(&p, "375000");
    // foreign €2M: still 375,000 (37.5% of Hungarian spend)
    claimed(&hungarian("2000000"), "375000");
}

#[test]
fn hu_needs_its_test() {
    let mut b = local("EUR", "HU", &["HU"]).goods("HU", "100000");
    b.data.declarations.cultural_tests.clear();
    let p = assessed(b.build(), "hu-rebate");
    assert_eq!(p.status, ProgramStatus::NotEligible);
    assert_eq!(p.reasons[0].rule, "cultural test");
    // 30% × 100,000 = 30,000 it would have paid
    assert_eq!(p.potential_gross, d("30000"));
}

// ---------------------------------------------------------------------------------------------
// Portugal Pic Portugal cash refund: 30% on the first €2M, 25% above; at most €6M per work;
// minimum €2.5M (portugalfilmcommission.com).

fn portuguese(amount: &str) -> ProgramAssessment {
    assessed(
        local("EUR", "PT", &["PT"]).goods("PT", amount).build(),
        "pt-cash-refund",
    )
}

#[test]
fn pt_marginal_bands_and_minimum() {
    // €2,499,999.99 is 0.01 short of €2.5M; it would pay
    // 30% × 2,000,000 + 25% × 499,999.99 = 600,000 + 124,999.9975 = 724,999.9975
    let p = portuguese("2499999.99");
    missed_by(&p, "0.01");
    assert_eq!(p.potential_gross, d("724999.9975"));
    // €2.5M: 600,000 + 25% × 500,000 = 725,000
    claimed(&portuguese("2500000"), "725000");
    // €10M: 600,000 + 25% × 8,000,000 = 2,600,000
    claimed(&portuguese("10000000"), "2600000");
}

#[test]
fn pt_six_million_cap() {
    // 600,000 + 25% × (x − 2M) = 6M at x = 23.6M: exactly 6,000,000, not binding
    let p = portuguese("23600000");
    claimed(&p, "6000000");
    assert!(!cap(&p, "6000000").binding);
    // €23,600,000.04: 6,000,000.01, capped at 6,000,000
    let p = portuguese("23600000.04");
    claimed(&p, "6000000");
    assert!(cap(&p, "6000000").binding);
    // €30M: 600,000 + 7,000,000 = 7,600,000 → 6,000,000
    claimed(&portuguese("30000000"), "6000000");
}

#[test]
fn be_tax_shelter_through_official_status_without_the_test() {
    // Belgian and Swedish partners (a two-country co-production under a convention both
    // ratified), no Belgian test declared: official status alone opens the shelter.
    // Budget 1,000,000: BE 700,000, SE 300,000. Shelter 42% × 700,000 = 294,000.
    // Shares: Belgium 406,000 + 294,000 = 70%, Sweden 300,000 = 30%, inside the bilateral
    // band (10–90% under the revised Convention, 20–80% under the 1992 one).
    // Every Appendix II element is held by a Belgian or Swedish national (21 of 21 points).
    let mut b = Builder::new("EUR", &["BE", "SE"]);
    for (i, role) in [
        Role::Director,
        Role::Screenwriter,
        Role::Composer,
        Role::FirstRole,
        Role::SecondRole,
        Role::ThirdRole,
        Role::Camera,
        Role::Sound,
        Role::Editing,
        Role::ProductionDesign,
        Role::ShootingLocation,
        Role::VfxLocation,
        Role::PostLocation,
    ]
    .into_iter()
    .enumerate()
    {
        b = b.key(role, if i % 2 == 0 { "BE" } else { "SE" });
    }
    let a = run(&b
        .partner("be", "BE", Majority)
        .funds(FinancingKind::Equity, "406000", "EUR")
        .partner("se", "SE", Minority)
        .funds(FinancingKind::Equity, "300000", "EUR")
        .goods("BE", "700000")
        .goods("SE", "300000")
        .build());
    assert!(a.official_status, "{:?}", a.treaty);
    claimed(program(&a, "be-tax-shelter"), "294000");
    assert_eq!(a.partners[0].share.points(), d("70"));
}
