//! The built-in rules of the Americas, Asia-Pacific and Africa against small projects, with
//! every expected figure worked out by hand in the comment beside it from the rule's own
//! figures (assets/rules/programs-americas.ron, assets/rules/programs-asia-pacific-africa.ron)
//! and the source they cite (../shared/research/rules-facts.md).

mod common;

use common::*;
use coprod::engine::{Assessment, ProgramAssessment, ProgramStatus};
use coprod::model::{FinancingKind, Format, LineKind, PartnerRole::*, Project, Release};

use ProgramStatus::*;

fn run(project: &Project) -> Assessment {
    run_embedded(project)
}

fn program<'a>(a: &'a Assessment, id: &str) -> &'a ProgramAssessment {
    program_in(a, id)
}

/// The assessment of one program for a project.
fn one(project: &Project, id: &str) -> ProgramAssessment {
    program(&run(project), id).clone()
}

/// Claimed with this gross benefit.
fn claimed(p: &ProgramAssessment, gross: &str) {
    assert_eq!(p.status, Claimed, "{}: {:?} {:?}", p.id, p.reasons, p.steps);
    assert_eq!(p.gross, d(gross), "{}: {:?}", p.id, p.steps);
}

/// Not eligible for a minimum missed by `shortfall`, paying nothing.
fn short_by(p: &ProgramAssessment, shortfall: &str) {
    assert_eq!(p.status, NotEligible, "{}: {:?}", p.id, p.steps);
    assert_eq!(p.gross, d("0"), "{}", p.id);
    assert_eq!(p.reasons[0].shortfall, Some(d(shortfall)), "{}", p.id);
}

/// Eligible, worth `potential`, but a program of its exclusive group is worth more.
fn excluded(p: &ProgramAssessment, potential: &str) {
    assert_eq!(
        p.status, Excluded,
        "{}: {:?} {:?}",
        p.id, p.reasons, p.steps
    );
    assert_eq!(p.gross, d("0"), "{}", p.id);
    assert_eq!(p.potential_gross, d(potential), "{}", p.id);
}

/// Post-production spend (account 3000, not VFX).
fn post(b: Builder, territory: &str, amount: &str) -> Builder {
    let currency = b.data.currency.to_string();
    b.line_in("3000", LineKind::Goods, territory, amount, &currency)
}

/// Labour in the VFX account 3500 (post, marked vfx).
fn vfx_labour(b: Builder, territory: &str, amount: &str) -> Builder {
    let currency = b.data.currency.to_string();
    b.line_in("3500", LineKind::Labour, territory, amount, &currency)
}

// ------------------------------------------------------------------------------------------
// Canada, federal: CPTC 25% of resident labour, labour ≤ 60% of cost net of assistance;
// PSTC 16% of resident labour net of provincial assistance; shared group "ca-federal"
// (canada.ca, cmpa.ca).
// ------------------------------------------------------------------------------------------

fn canadian(territories: &[&str]) -> Builder {
    Builder::new("CAD", territories)
        .partner("ca", "CA", Majority)
        .cultural_test("CA")
}

#[test]
fn cptc_below_its_cap_beats_the_pstc() {
    let a = run(&canadian(&["CA"])
        .labour("CA", "500000")
        .goods("CA", "500000")
        .build());
    let cptc = program(&a, "ca-cptc");
    // cap: 60% × local spend 1,000,000 = 600,000 ≥ labour 500,000, not binding
    assert_eq!(cptc.caps[0].limit, d("600000"));
    assert!(!cptc.caps[0].binding);
    // 25% × 500,000 = 125,000
    claimed(cptc, "125000");
    // PSTC 16% × 500,000 = 80,000 < 125,000: excluded (ca-federal)
    excluded(program(&a, "ca-pstc"), "80000");
}

#[test]
fn cptc_labour_at_and_over_sixty_percent_of_local_spend() {
    // labour 600,000 of 1,000,000: exactly the 60% limit, not binding; 25% × 600,000 = 150,000
    let p = one(
        &canadian(&["CA"])
            .labour("CA", "600000")
            .goods("CA", "400000")
            .build(),
        "ca-cptc",
    );
    claimed(&p, "150000");
    assert!(!p.caps[0].binding);
    // labour 600,000.01 of 1,000,000: counts as 600,000 → 150,000 (15% of the cost)
    let p = one(
        &canadian(&["CA"])
            .labour("CA", "600000.01")
            .goods("CA", "399999.99")
            .build(),
        "ca-cptc",
    );
    claimed(&p, "150000");
    assert!(p.caps[0].binding);
    assert_eq!(p.counted_spend, d("600000"));
    // labour 800,000 of 1,000,000: counted 600,000 → 150,000; PSTC 16% × 800,000 = 128,000
    let a = run(&canadian(&["CA"])
        .labour("CA", "800000")
        .goods("CA", "200000")
        .build());
    claimed(program(&a, "ca-cptc"), "150000");
    excluded(program(&a, "ca-pstc"), "128000");
}

#[test]
fn cptc_cap_is_net_of_canadian_public_funds() {
    // a Canadian public fund of 100,000: base 1,000,000 − 100,000 = 900,000;
    // limit 60% × 900,000 = 540,000 < labour 700,000; 25% × 540,000 = 135,000
    let a = run(&canadian(&["CA"])
        .funds(FinancingKind::PublicFund, "100000", "CAD")
        .labour("CA", "700000")
        .goods("CA", "300000")
        .build());
    let cptc = program(&a, "ca-cptc");
    assert_eq!(cptc.caps[0].limit, d("540000"));
    assert!(cptc.caps[0].binding);
    claimed(cptc, "135000");
    // PSTC 16% × 700,000 = 112,000 (no provincial credit here)
    excluded(program(&a, "ca-pstc"), "112000");
}

#[test]
fn cptc_cap_is_net_of_the_quebec_credit() {
    // Quebec: 25% × all spend 1,000,000 = 250,000 (budget ≥ C$250k)
    // CPTC: base 1,000,000 − 250,000 = 750,000; limit 60% → 450,000 < labour 600,000;
    // 25% × 450,000 = 112,500
    let a = run(&canadian(&["CA-QC"])
        .labour("CA-QC", "600000")
        .goods("CA-QC", "400000")
        .build());
    claimed(program(&a, "ca-qc-qpstc"), "250000");
    let cptc = program(&a, "ca-cptc");
    assert_eq!(cptc.caps[0].limit, d("450000"));
    claimed(cptc, "112500");
    // PSTC: (600,000 − 250,000) × 16% = 56,000, excluded by the CPTC
    excluded(program(&a, "ca-pstc"), "56000");
}

#[test]
fn cptc_needs_a_canadian_producer_and_the_cultural_test() {
    // a US production: not meant for it
    let p = one(
        &Builder::new("CAD", &["CA"])
            .partner("us", "US", Majority)
            .labour("CA", "500000")
            .build(),
        "ca-cptc",
    );
    assert_eq!(p.status, NotApplicable);
    assert_eq!(p.gross, d("0"));
    // a Canadian producer with no declared test and no treaty (one country): not eligible,
    // so the PSTC is claimed: 16% × 500,000 = 80,000
    let a = run(&Builder::new("CAD", &["CA"])
        .partner("ca", "CA", Majority)
        .labour("CA", "500000")
        .build());
    let cptc = program(&a, "ca-cptc");
    assert_eq!(cptc.status, NotEligible);
    assert!(
        cptc.reasons[0].message.contains("cultural test"),
        "{}",
        cptc.reasons[0].message
    );
    claimed(program(&a, "ca-pstc"), "80000");
}

#[test]
fn pstc_is_net_of_the_quebec_credit_and_counts_resident_labour_only() {
    // Quebec: 25% × (1,000,000 + 200,000 + 1,000,000) = 550,000, non-resident labour included
    // PSTC: resident labour 1,000,000 − 550,000 = 450,000; 16% → 72,000
    let a = run(&Builder::new("CAD", &["CA-QC"])
        .partner("us", "US", Majority)
        .labour("CA-QC", "1000000")
        .labour_by("CA-QC", "200000", "US")
        .goods("CA-QC", "1000000")
        .build());
    claimed(program(&a, "ca-qc-qpstc"), "550000");
    let pstc = program(&a, "ca-pstc");
    assert_eq!(pstc.qualifying_spend, d("450000"));
    claimed(pstc, "72000");
    assert_eq!(program(&a, "ca-cptc").status, NotApplicable);
}

// ------------------------------------------------------------------------------------------
// Quebec production services credit: 25% of all spend, +16% on computer VFX and animation
// labour, production costs ≥ C$250k (Quebec budget 2024-25; revenuquebec.ca).
// ------------------------------------------------------------------------------------------

fn in_quebec() -> Builder {
    Builder::new("CAD", &["CA-QC", "US"]).partner("us", "US", Majority)
}

#[test]
fn quebec_minimum_budget_just_under_and_at() {
    // C$249,999.99 misses C$250,000 by 0.01
    short_by(
        &one(
            &in_quebec().goods("CA-QC", "249999.99").build(),
            "ca-qc-qpstc",
        ),
        "0.01",
    );
    // C$250,000: 25% × 250,000 = 62,500
    claimed(
        &one(&in_quebec().goods("CA-QC", "250000").build(), "ca-qc-qpstc"),
        "62500",
    );
}

#[test]
fn quebec_minimum_is_on_the_total_budget() {
    // 100,000 in Quebec + 150,000 in the US: the budget is 250,000, so 25% × 100,000 = 25,000
    let p = one(
        &in_quebec()
            .goods("CA-QC", "100000")
            .goods("US", "150000")
            .build(),
        "ca-qc-qpstc",
    );
    claimed(&p, "25000");
}

#[test]
fn quebec_vfx_labour_earns_sixteen_points_more() {
    // 25% × (600,000 + 400,000 + 100,000) = 275,000
    // + 16% × VFX labour 400,000 = 64,000 (VFX goods 100,000 earn no part): 339,000
    let b = vfx_labour(in_quebec().goods("CA-QC", "600000"), "CA-QC", "400000").line_in(
        "3500",
        LineKind::Goods,
        "CA-QC",
        "100000",
        "CAD",
    );
    claimed(&one(&b.build(), "ca-qc-qpstc"), "339000");
}

// ------------------------------------------------------------------------------------------
// Ontario: OPSTC 21.5% of all spend, +18% digital animation and VFX labour, C$1M minimum
// (C$200k per episode for series) (fundingmatch.app, ep.com); OFTTC 35% of labour, 40% on the
// first C$240k for first-time producers, +10 regional, ≥ 75% of costs in Ontario
// (ontariocreates.ca). Shared group "ca-on".
// ------------------------------------------------------------------------------------------

fn in_ontario() -> Builder {
    Builder::new("CAD", &["CA-ON"]).partner("us", "US", Majority)
}

#[test]
fn opstc_film_minimum_just_under_and_at() {
    short_by(
        &one(
            &in_ontario().goods("CA-ON", "999999.99").build(),
            "ca-on-opstc",
        ),
        "0.01",
    );
    // 21.5% × 1,000,000 = 215,000
    claimed(
        &one(
            &in_ontario().goods("CA-ON", "1000000").build(),
            "ca-on-opstc",
        ),
        "215000",
    );
}

#[test]
fn opstc_series_minimum_is_per_episode() {
    let series = |episodes: u32, amount: &str| {
        one(
            &in_ontario()
                .release(Release::Television)
                .episodes(episodes)
                .goods("CA-ON", amount)
                .build(),
            "ca-on-opstc",
        )
    };
    // 6 episodes × C$200k = 1,200,000: 1,199,999.99 is 0.01 short
    short_by(&series(6, "1199999.99"), "0.01");
    // 21.5% × 1,200,000 = 258,000
    claimed(&series(6, "1200000"), "258000");
    // 4 episodes need 800,000, so 900,000 qualifies though below the film minimum:
    // 21.5% × 900,000 = 193,500
    claimed(&series(4, "900000"), "193500");
}

#[test]
fn opstc_vfx_labour_earns_eighteen_points_more() {
    // 21.5% × (600,000 + 400,000) = 215,000 + 18% × VFX labour 400,000 = 72,000: 287,000
    let b = vfx_labour(in_ontario().goods("CA-ON", "600000"), "CA-ON", "400000");
    claimed(&one(&b.build(), "ca-on-opstc"), "287000");
}

#[test]
fn ofttc_and_opstc_cannot_be_combined() {
    // labour 1,000,000 + goods 1,000,000: OPSTC 21.5% × 2,000,000 = 430,000 beats
    // OFTTC 35% × 1,000,000 = 350,000
    let a = run(&canadian(&["CA-ON"])
        .labour("CA-ON", "1000000")
        .goods("CA-ON", "1000000")
        .build());
    claimed(program(&a, "ca-on-opstc"), "430000");
    excluded(program(&a, "ca-on-ofttc"), "350000");
    // labour 2,000,000: OFTTC 35% × 2,000,000 = 700,000 beats OPSTC 430,000
    let a = run(&canadian(&["CA-ON"]).labour("CA-ON", "2000000").build());
    claimed(program(&a, "ca-on-ofttc"), "700000");
    excluded(program(&a, "ca-on-opstc"), "430000");
}

#[test]
fn ofttc_needs_three_quarters_of_the_budget_in_ontario() {
    // 750,000 of 1,000,000 = 75%: 35% × 750,000 = 262,500
    let p = one(
        &canadian(&["CA-ON", "US"])
            .labour("CA-ON", "750000")
            .goods("US", "250000")
            .build(),
        "ca-on-ofttc",
    );
    claimed(&p, "262500");
    // 749,999.99 of 1,000,000: 0.01 short of 750,000
    let p = one(
        &canadian(&["CA-ON", "US"])
            .labour("CA-ON", "749999.99")
            .goods("US", "250000.01")
            .build(),
        "ca-on-ofttc",
    );
    short_by(&p, "0.01");
}

#[test]
fn ofttc_first_time_producer_schedule_and_regional_bonus() {
    let ofttc = |labour: &str, uplifts: &[&str]| {
        let mut b = canadian(&["CA-ON"]).labour("CA-ON", labour);
        for u in uplifts {
            b = b.uplift(&format!("ca-on-ofttc/{u}"));
        }
        one(&b.build(), "ca-on-ofttc")
    };
    // below the band: 40% × 200,000 = 80,000
    claimed(&ofttc("200000", &["first-time-producer"]), "80000");
    // at the band's end: 40% × 240,000 = 96,000
    claimed(&ofttc("240000", &["first-time-producer"]), "96000");
    // 40% × 240,000 + 35% × 760,000 = 96,000 + 266,000 = 362,000
    claimed(&ofttc("1000000", &["first-time-producer"]), "362000");
    // without the uplift: 35% × 1,000,000 = 350,000
    claimed(&ofttc("1000000", &[]), "350000");
    // regional only: 45% × 1,000,000 = 450,000
    claimed(&ofttc("1000000", &["regional"]), "450000");
    // both: 50% × 240,000 + 45% × 760,000 = 120,000 + 342,000 = 462,000
    claimed(
        &ofttc("1000000", &["first-time-producer", "regional"]),
        "462000",
    );
}

#[test]
fn ofttc_first_time_band_is_converted_to_the_base_currency() {
    // 1 CAD = 0.68 EUR: the band ends at 240,000 × 0.68 = €163,200.
    // €500,000 of labour: 40% × 163,200 + 35% × 336,800 = 65,280 + 117,880 = 183,160
    let p = one(
        &Builder::new("EUR", &["CA-ON"])
            .rate("CAD", "0.68")
            .partner("ca", "CA", Majority)
            .cultural_test("CA")
            .labour("CA-ON", "500000")
            .uplift("ca-on-ofttc/first-time-producer")
            .build(),
        "ca-on-ofttc",
    );
    claimed(&p, "183160");
}

#[test]
fn ofttc_needs_a_canadian_producer_and_the_cultural_test() {
    let p = one(
        &in_ontario().labour("CA-ON", "1000000").build(),
        "ca-on-ofttc",
    );
    assert_eq!(p.status, NotApplicable);
    let p = one(
        &Builder::new("CAD", &["CA-ON"])
            .partner("ca", "CA", Majority)
            .labour("CA-ON", "1000000")
            .build(),
        "ca-on-ofttc",
    );
    assert_eq!(p.status, NotEligible);
    assert_eq!(p.gross, d("0"));
    // what it would be worth: 35% × 1,000,000
    assert_eq!(p.potential_gross, d("350000"));
}

// ------------------------------------------------------------------------------------------
// British Columbia: PSTC 36% of BC labour, +2 over C$200M (playbackonline.ca 2025-03-10);
// FIBC 40% basic, +12.5 regional (gov.bc.ca budget changes). Shared group "ca-bc".
// ------------------------------------------------------------------------------------------

#[test]
fn bc_pstc_counts_labour_done_in_bc_by_anyone() {
    let b = || {
        Builder::new("CAD", &["CA-BC"])
            .partner("us", "US", Majority)
            .labour("CA-BC", "1000000")
            .labour_by("CA-BC", "500000", "US")
            .goods("CA-BC", "1000000")
    };
    // 36% × (1,000,000 + 500,000) = 540,000 (goods do not count)
    // federal PSTC: resident labour 1,000,000 − 540,000 = 460,000; 16% → 73,600
    let a = run(&b().build());
    claimed(program(&a, "ca-bc-pstc"), "540000");
    claimed(program(&a, "ca-pstc"), "73600");
    // over C$200M declared: 38% × 1,500,000 = 570,000; PSTC (1,000,000 − 570,000) × 16% = 68,800
    let a = run(&b().uplift("ca-bc-pstc/over-200m").build());
    claimed(program(&a, "ca-bc-pstc"), "570000");
    claimed(program(&a, "ca-pstc"), "68800");
}

#[test]
fn fibc_and_bc_pstc_cannot_be_combined() {
    // Canadian production: FIBC 40% × 1,000,000 = 400,000 beats BC PSTC 36% → 360,000
    let a = run(&canadian(&["CA-BC"]).labour("CA-BC", "1000000").build());
    claimed(program(&a, "ca-bc-fibc"), "400000");
    excluded(program(&a, "ca-bc-pstc"), "360000");
    // regional declared: 52.5% × 1,000,000 = 525,000
    let a = run(&canadian(&["CA-BC"])
        .labour("CA-BC", "1000000")
        .uplift("ca-bc-fibc/regional")
        .build());
    claimed(program(&a, "ca-bc-fibc"), "525000");
    // no cultural test declared: FIBC not eligible, the BC PSTC is claimed: 360,000
    let a = run(&Builder::new("CAD", &["CA-BC"])
        .partner("ca", "CA", Majority)
        .labour("CA-BC", "1000000")
        .build());
    assert_eq!(program(&a, "ca-bc-fibc").status, NotEligible);
    claimed(program(&a, "ca-bc-pstc"), "360000");
    // a US production: FIBC not meant for it
    let a = run(&Builder::new("CAD", &["CA-BC"])
        .partner("us", "US", Majority)
        .labour("CA-BC", "1000000")
        .build());
    assert_eq!(program(&a, "ca-bc-fibc").status, NotApplicable);
    claimed(program(&a, "ca-bc-pstc"), "360000");
}

// ------------------------------------------------------------------------------------------
// United States: Georgia 20% + 10 logo, US$500k minimum (georgiaproduction.org);
// New Mexico 25%, +5 series/facility, +5 rural, at most 35%, no minimum (tax.newmexico.gov).
// ------------------------------------------------------------------------------------------

fn american(territory: &str) -> Builder {
    Builder::new("USD", &[territory]).partner("us", "US", Majority)
}

#[test]
fn georgia_minimum_and_logo_uplift() {
    short_by(
        &one(
            &american("US-GA").goods("US-GA", "499999.99").build(),
            "us-ga",
        ),
        "0.01",
    );
    // 20% × 500,000 = 100,000
    claimed(
        &one(&american("US-GA").goods("US-GA", "500000").build(), "us-ga"),
        "100000",
    );
    // logo: 30% × 500,000 = 150,000
    claimed(
        &one(
            &american("US-GA")
                .goods("US-GA", "500000")
                .uplift("us-ga/logo")
                .build(),
            "us-ga",
        ),
        "150000",
    );
}

#[test]
fn georgia_counts_non_resident_payroll() {
    // 20% × (400,000 resident + 600,000 non-resident) = 200,000
    let p = one(
        &american("US-GA")
            .labour("US-GA", "400000")
            .labour_by("US-GA", "600000", "GB")
            .build(),
        "us-ga",
    );
    claimed(&p, "200000");
}

#[test]
fn new_mexico_uplifts_reach_the_35_percent_ceiling() {
    let nm = |uplifts: &[&str]| {
        let mut b = american("US-NM").goods("US-NM", "1000000");
        for u in uplifts {
            b = b.uplift(&format!("us-nm/{u}"));
        }
        one(&b.build(), "us-nm")
    };
    // 25% × 1,000,000 = 250,000
    claimed(&nm(&[]), "250000");
    // 30% × 1,000,000 = 300,000
    claimed(&nm(&["series-or-facility"]), "300000");
    claimed(&nm(&["rural"]), "300000");
    // 25 + 5 + 5 = 35%, the ceiling itself: 350,000
    claimed(&nm(&["series-or-facility", "rural"]), "350000");
}

#[test]
fn new_mexico_has_no_minimum() {
    // 25% × 1,000 = 250
    claimed(
        &one(&american("US-NM").goods("US-NM", "1000").build(), "us-nm"),
        "250",
    );
}

// ------------------------------------------------------------------------------------------
// Mexico: 30% of spend in Mexico, at most MXN 40M per production (expansion.mx, Feb 2026).
// ------------------------------------------------------------------------------------------

#[test]
fn mexico_benefit_cap_just_under_and_over() {
    let mx = |amount: &str| {
        one(
            &Builder::new("MXN", &["MX"])
                .partner("mx", "MX", Majority)
                .goods("MX", amount)
                .build(),
            "mx-federal",
        )
    };
    // 30% × 133,333,333.33 = 39,999,999.999, under MXN 40M
    let p = mx("133333333.33");
    claimed(&p, "39999999.999");
    assert_eq!(p.caps[0].limit, d("40000000"));
    assert!(!p.caps[0].binding);
    // 30% × 133,333,333.34 = 40,000,000.002, capped at 40,000,000
    let p = mx("133333333.34");
    claimed(&p, "40000000");
    assert!(p.caps[0].binding);
}

#[test]
fn mexico_cap_is_converted_to_the_base_currency() {
    // 1 MXN = 0.05 USD: cap MXN 40M = US$2,000,000
    let mx = |amount: &str| {
        one(
            &Builder::new("USD", &["MX"])
                .rate("MXN", "0.05")
                .partner("us", "US", Majority)
                .goods("MX", amount)
                .build(),
            "mx-federal",
        )
    };
    // 30% × 10,000,000 = 3,000,000 → capped at 2,000,000
    let p = mx("10000000");
    assert_eq!(p.caps[0].limit, d("2000000"));
    assert!(p.caps[0].binding);
    claimed(&p, "2000000");
    // 30% × 6,000,000 = 1,800,000, under the cap
    claimed(&mx("6000000"), "1800000");
}

// ------------------------------------------------------------------------------------------
// Colombia: FFC rebate 40% (no minimum set); CINA certificate 35%, minimum COP 1.8bn
// (1,800 SMMLV at the 2021 wage); not combinable (investinbogota.org, locationcolombia.com).
// ------------------------------------------------------------------------------------------

fn in_colombia(amount: &str) -> Assessment {
    run(&Builder::new("COP", &["CO"])
        .partner("us", "US", Majority)
        .goods("CO", amount)
        .build())
}

#[test]
fn colombia_ffc_and_cina_cannot_be_combined() {
    // FFC 40% × 2,000,000,000 = 800,000,000; CINA 35% → 700,000,000, excluded
    let a = in_colombia("2000000000");
    claimed(program(&a, "co-ffc"), "800000000");
    excluded(program(&a, "co-cina"), "700000000");
}

/// A US production in Colombia: `services` of audiovisual services and `logistics` of
/// hotels, catering and transport (an account marked logistics).
fn colombia_split(services: &str, logistics: &str) -> Assessment {
    run(&Builder::new("COP", &["CO"])
        .partner("us", "US", Majority)
        .goods("CO", services)
        .line_in("2900", LineKind::Goods, "CO", logistics, "COP")
        .build())
}

#[test]
fn colombia_ffc_pays_twenty_percent_on_logistics() {
    // services 1,500,000,000 and logistics 500,000,000 (25% of the COP 2bn):
    // FFC 40% × 1,500,000,000 + 20% × 500,000,000 = 600,000,000 + 100,000,000 = 700,000,000;
    // CINA 35% × 2,000,000,000 = 700,000,000: a tie, the earlier rule (FFC) is kept
    let a = colombia_split("1500000000", "500000000");
    claimed(program(&a, "co-ffc"), "700000000");
    excluded(program(&a, "co-cina"), "700000000");
    // logistics 500,000,000.01 of 2,000,000,000.01: FFC 600,000,000 + 100,000,000.002 =
    // 700,000,000.002; CINA 35% × 2,000,000,000.01 = 700,000,000.0035: CINA wins
    let a = colombia_split("1500000000", "500000000.01");
    claimed(program(&a, "co-cina"), "700000000.0035");
    excluded(program(&a, "co-ffc"), "700000000.002");
    // mostly logistics: services 1bn, logistics 1bn: FFC 400M + 200M = 600M; CINA 700M
    let a = colombia_split("1000000000", "1000000000");
    claimed(program(&a, "co-cina"), "700000000");
    excluded(program(&a, "co-ffc"), "600000000");
}

#[test]
fn cina_minimum_just_under_and_at() {
    // 1,799,999,999.99 is 0.01 short of COP 1.8bn; the FFC has no minimum:
    // 40% × 1,799,999,999.99 = 719,999,999.996
    let a = in_colombia("1799999999.99");
    short_by(program(&a, "co-cina"), "0.01");
    claimed(program(&a, "co-ffc"), "719999999.996");
    // at COP 1.8bn CINA is eligible (35% → 630,000,000) but the FFC's 720,000,000 wins
    let a = in_colombia("1800000000");
    excluded(program(&a, "co-cina"), "630000000");
    claimed(program(&a, "co-ffc"), "720000000");
}

#[test]
fn cina_minimum_is_converted_to_the_base_currency() {
    // 1 COP = 0.00025 USD: COP 1.8bn = US$450,000
    let cina = |amount: &str| {
        one(
            &Builder::new("USD", &["CO"])
                .rate("COP", "0.00025")
                .partner("us", "US", Majority)
                .goods("CO", amount)
                .build(),
            "co-cina",
        )
    };
    short_by(&cina("449999.99"), "0.01");
    // eligible at US$450,000: 35% → 157,500 (the FFC's 180,000 is claimed instead)
    excluded(&cina("450000"), "157500");
}

// ------------------------------------------------------------------------------------------
// Australia: Producer Offset 40% theatrical, 30% other formats, SAC or official status;
// Location Offset 30%, A$20M minimum; PDV Offset 30% of post, A$500k minimum; mutually
// exclusive (ITAA 1997 s376-2, arts.gov.au, ausfilm.au).
// ------------------------------------------------------------------------------------------

fn australian() -> Builder {
    Builder::new("AUD", &["AU"])
        .partner("au", "AU", Majority)
        .cultural_test("AU")
}

fn foreign_in_australia() -> Builder {
    Builder::new("AUD", &["AU"]).partner("us", "US", Majority)
}

#[test]
fn producer_offset_is_forty_percent_for_theatrical_and_thirty_otherwise() {
    // theatrical (the default): 40% × 1,000,000 = 400,000
    claimed(
        &one(&australian().goods("AU", "1000000").build(), "au-producer"),
        "400000",
    );
    // television: 30% × 1,000,000 = 300,000
    claimed(
        &one(
            &australian()
                .release(Release::Television)
                .goods("AU", "1000000")
                .build(),
            "au-producer",
        ),
        "300000",
    );
    // online animation: 30% too
    claimed(
        &one(
            &australian()
                .release(Release::Online)
                .format(Format::Animation)
                .goods("AU", "1000000")
                .build(),
            "au-producer",
        ),
        "300000",
    );
}

#[test]
fn australian_offsets_are_mutually_exclusive() {
    // 20,000,000 shoot + 1,000,000 post: Producer 40% × 21,000,000 = 8,400,000;
    // Location 30% × 21,000,000 = 6,300,000; PDV 30% × 1,000,000 = 300,000
    let a = run(&post(australian().goods("AU", "20000000"), "AU", "1000000").build());
    claimed(program(&a, "au-producer"), "8400000");
    excluded(program(&a, "au-location"), "6300000");
    excluded(program(&a, "au-pdv"), "300000");
}

#[test]
fn location_offset_minimum_and_pdv_as_the_alternative() {
    // 19,000,000 + 1,000,000 post = A$20M exactly: 30% × 20,000,000 = 6,000,000
    let a = run(&post(
        foreign_in_australia().goods("AU", "19000000"),
        "AU",
        "1000000",
    )
    .build());
    claimed(program(&a, "au-location"), "6000000");
    excluded(program(&a, "au-pdv"), "300000");
    assert_eq!(program(&a, "au-producer").status, NotApplicable);
    // 18,999,999.99 + 1,000,000 is 0.01 short of A$20M: PDV 30% × 1,000,000 = 300,000
    let a = run(&post(
        foreign_in_australia().goods("AU", "18999999.99"),
        "AU",
        "1000000",
    )
    .build());
    short_by(program(&a, "au-location"), "0.01");
    claimed(program(&a, "au-pdv"), "300000");
}

#[test]
fn pdv_offset_minimum_counts_post_and_vfx_accounts() {
    short_by(
        &one(
            &post(foreign_in_australia(), "AU", "499999.99").build(),
            "au-pdv",
        ),
        "0.01",
    );
    // 300,000 post + 200,000 VFX labour = 500,000; shoot spend does not count:
    // 30% × 500,000 = 150,000
    let b = vfx_labour(
        post(foreign_in_australia().goods("AU", "100000"), "AU", "300000"),
        "AU",
        "200000",
    );
    claimed(&one(&b.build(), "au-pdv"), "150000");
}

#[test]
fn producer_offset_without_cultural_test_or_treaty_is_not_eligible() {
    // an Australian producer alone: no treaty applies, and no test is declared
    let p = one(
        &Builder::new("AUD", &["AU"])
            .partner("au", "AU", Majority)
            .goods("AU", "1000000")
            .build(),
        "au-producer",
    );
    assert_eq!(p.status, NotEligible);
    assert_eq!(p.gross, d("0"));
    assert!(
        p.reasons[0].message.contains("cultural test"),
        "{}",
        p.reasons[0].message
    );
}

// ------------------------------------------------------------------------------------------
// New Zealand Screen Production Rebate: international 20% (+5 uplift), NZ$15M features,
// NZ$4M television and other formats (2017 criteria); PDV 20% of post, NZ$250k; New Zealand
// productions 40%. Modelled as alternatives (filmnz.com, nzfilm.co.nz, mch.govt.nz).
// ------------------------------------------------------------------------------------------

fn foreign_in_nz() -> Builder {
    Builder::new("NZD", &["NZ"]).partner("us", "US", Majority)
}

#[test]
fn nz_international_feature_minimum() {
    short_by(
        &one(
            &foreign_in_nz().goods("NZ", "14999999.99").build(),
            "nz-international",
        ),
        "0.01",
    );
    // 20% × 15,000,000 = 3,000,000
    claimed(
        &one(
            &foreign_in_nz().goods("NZ", "15000000").build(),
            "nz-international",
        ),
        "3000000",
    );
}

#[test]
fn nz_international_television_and_online_minimum_is_four_million() {
    let nz = |release: Release, amount: &str| {
        one(
            &foreign_in_nz().release(release).goods("NZ", amount).build(),
            "nz-international",
        )
    };
    short_by(&nz(Release::Television, "3999999.99"), "0.01");
    // 20% × 4,000,000 = 800,000
    claimed(&nz(Release::Television, "4000000"), "800000");
    claimed(&nz(Release::Online, "4000000"), "800000");
    // the same NZ$4M for a theatrical feature is NZ$11M short of NZ$15M
    short_by(&nz(Release::Theatrical, "4000000"), "11000000");
}

#[test]
fn nz_international_uplift() {
    // 25% × 15,000,000 = 3,750,000
    claimed(
        &one(
            &foreign_in_nz()
                .goods("NZ", "15000000")
                .uplift("nz-international/uplift")
                .build(),
            "nz-international",
        ),
        "3750000",
    );
}

#[test]
fn nz_international_and_pdv_rebates_are_alternatives() {
    // 15,000,000 + 1,000,000 post: international 20% × 16,000,000 = 3,200,000;
    // PDV 20% × 1,000,000 = 200,000
    let a = run(&post(foreign_in_nz().goods("NZ", "15000000"), "NZ", "1000000").build());
    claimed(program(&a, "nz-international"), "3200000");
    excluded(program(&a, "nz-pdv"), "200000");
    assert_eq!(program(&a, "nz-domestic").status, NotApplicable);
    // 13,999,999.99 + 1,000,000 is 0.01 short of NZ$15M: PDV claimed, 200,000
    let a = run(&post(foreign_in_nz().goods("NZ", "13999999.99"), "NZ", "1000000").build());
    short_by(program(&a, "nz-international"), "0.01");
    claimed(program(&a, "nz-pdv"), "200000");
}

#[test]
fn nz_pdv_minimum() {
    short_by(
        &one(&post(foreign_in_nz(), "NZ", "249999.99").build(), "nz-pdv"),
        "0.01",
    );
    // 20% × 250,000 = 50,000
    claimed(
        &one(&post(foreign_in_nz(), "NZ", "250000").build(), "nz-pdv"),
        "50000",
    );
}

#[test]
fn nz_domestic_rebate_for_new_zealand_productions() {
    let nz = || {
        post(
            Builder::new("NZD", &["NZ"])
                .partner("nz", "NZ", Majority)
                .goods("NZ", "15000000"),
            "NZ",
            "1000000",
        )
    };
    // 40% × 16,000,000 = 6,400,000
    let a = run(&nz().cultural_test("NZ").build());
    claimed(program(&a, "nz-domestic"), "6400000");
    excluded(program(&a, "nz-pdv"), "200000");
    assert_eq!(program(&a, "nz-international").status, NotApplicable);
    // without the test (and no treaty for one country): not eligible; PDV 200,000 claimed
    let a = run(&nz().build());
    assert_eq!(program(&a, "nz-domestic").status, NotEligible);
    claimed(program(&a, "nz-pdv"), "200000");
}

#[test]
fn nz_minimum_is_converted_to_the_base_currency() {
    // 1 NZD = 0.55 EUR: NZ$15M = €8,250,000
    let nz = |amount: &str| {
        one(
            &Builder::new("EUR", &["NZ"])
                .rate("NZD", "0.55")
                .partner("us", "US", Majority)
                .goods("NZ", amount)
                .build(),
            "nz-international",
        )
    };
    short_by(&nz("8249999.99"), "0.01");
    // 20% × 8,250,000 = 1,650,000
    claimed(&nz("8250000"), "1650000");
}

// ------------------------------------------------------------------------------------------
// South Korea KOFIC: 20%, KRW 100M minimum, at most KRW 300M (foreign) or KRW 400M
// (co-productions), 25% from KRW 2bn with 10 shooting days (koreanfilm.or.kr).
// ------------------------------------------------------------------------------------------

/// A production spending `amount` in Korea: a US production for "US", a Korean–US
/// co-production for "KR".
fn in_korea(partner: &str, amount: &str) -> Builder {
    let b = Builder::new("KRW", &["KR"]).partner(&partner.to_lowercase(), partner, Majority);
    let b = if partner == "KR" {
        b.partner("us", "US", Minority)
    } else {
        b
    };
    b.goods("KR", amount)
}

#[test]
fn korea_is_for_foreign_works_and_international_coproductions() {
    // All partners Korean: out of scope, whatever the spend
    let p = one(
        &Builder::new("KRW", &["KR"])
            .partner("kr", "KR", Majority)
            .goods("KR", "1600000000")
            .build(),
        "kr-kofic",
    );
    assert_eq!(p.status, ProgramStatus::NotApplicable, "{:?}", p.reasons);
    assert_eq!(p.reasons[0].rule, "foreign partner");
    // Korean majority with a US minority: 20% × 1,600,000,000 = 320,000,000 (KRW 400M cap)
    claimed(
        &one(&in_korea("KR", "1600000000").build(), "kr-kofic"),
        "320000000",
    );
}

#[test]
fn korea_minimum_just_under_and_at() {
    short_by(
        &one(&in_korea("US", "99999999.99").build(), "kr-kofic"),
        "0.01",
    );
    // 20% × 100,000,000 = 20,000,000
    claimed(
        &one(&in_korea("US", "100000000").build(), "kr-kofic"),
        "20000000",
    );
}

#[test]
fn korea_foreign_cap_at_and_over_300_million() {
    // 20% × 1,500,000,000 = 300,000,000: the cap itself, not binding
    let p = one(&in_korea("US", "1500000000").build(), "kr-kofic");
    claimed(&p, "300000000");
    assert_eq!(p.caps[0].limit, d("300000000"));
    assert!(!p.caps[0].binding);
    // 20% × 1,500,000,000.01 = 300,000,000.002 → 300,000,000
    let p = one(&in_korea("US", "1500000000.01").build(), "kr-kofic");
    claimed(&p, "300000000");
    assert!(p.caps[0].binding);
}

#[test]
fn korea_cap_is_400_million_with_a_korean_coproducer() {
    // 20% × 1,600,000,000 = 320,000,000: under KRW 400M with a Korean co-producer ...
    let p = one(&in_korea("KR", "1600000000").build(), "kr-kofic");
    claimed(&p, "320000000");
    assert_eq!(p.caps[0].limit, d("400000000"));
    assert!(!p.caps[0].binding);
    // ... capped at KRW 300M for a foreign production
    let p = one(&in_korea("US", "1600000000").build(), "kr-kofic");
    claimed(&p, "300000000");
    assert!(p.caps[0].binding);
    // 20% × 2,000,000,000.05 = 400,000,000.01 → 400,000,000
    let p = one(&in_korea("KR", "2000000000.05").build(), "kr-kofic");
    claimed(&p, "400000000");
    assert!(p.caps[0].binding);
}

#[test]
fn korea_25_percent_applies_from_two_billion() {
    // declared, at KRW 1,999,999,999.99: not applied, 0.01 short; 20% → 399,999,999.998,
    // under the KRW 400M co-production cap
    let p = one(
        &in_korea("KR", "1999999999.99")
            .uplift("kr-kofic/ten-days")
            .build(),
        "kr-kofic",
    );
    claimed(&p, "399999999.998");
    assert!(!p.caps[0].binding);
    assert_eq!(
        p.next_threshold.as_ref().map(|t| t.distance),
        Some(d("0.01"))
    );
    // at KRW 2bn: 25% × 2,000,000,000 = 500,000,000, capped at 400,000,000 (binding) ...
    let p = one(
        &in_korea("KR", "2000000000")
            .uplift("kr-kofic/ten-days")
            .build(),
        "kr-kofic",
    );
    claimed(&p, "400000000");
    assert!(p.caps[0].binding);
    assert!(
        p.steps.iter().any(|s| s.contains("declared: rate 25%")),
        "{:?}",
        p.steps
    );
    // ... while at 20% it is 400,000,000 exactly, the cap not binding
    let p = one(&in_korea("KR", "2000000000").build(), "kr-kofic");
    claimed(&p, "400000000");
    assert!(!p.caps[0].binding);
}

#[test]
fn korea_minimum_and_cap_are_converted_to_the_base_currency() {
    // 1 KRW = 0.00075 USD: minimum KRW 100M = US$75,000; cap KRW 300M = US$225,000
    let kr = |amount: &str| {
        one(
            &Builder::new("USD", &["KR"])
                .rate("KRW", "0.00075")
                .partner("us", "US", Majority)
                .goods("KR", amount)
                .build(),
            "kr-kofic",
        )
    };
    short_by(&kr("74999.99"), "0.01");
    // 20% × 75,000 = 15,000
    claimed(&kr("75000"), "15000");
    // 20% × 1,500,000 = 300,000 → capped at 225,000
    let p = kr("1500000");
    claimed(&p, "225000");
    assert_eq!(p.caps[0].limit, d("225000"));
    assert!(p.caps[0].binding);
}

// ------------------------------------------------------------------------------------------
// Thailand: 15% on all spend from THB 50M, 20% from THB 100M, 25% from THB 150M (cliffs);
// bonuses +3 local post, +5 Thai key crew, +3 second-tier city; at most 30% in all
// (bangkokpost.com).
// ------------------------------------------------------------------------------------------

fn thailand(amount: &str, uplifts: &[&str]) -> ProgramAssessment {
    let mut b = Builder::new("THB", &["TH"])
        .partner("us", "US", Majority)
        .goods("TH", amount);
    for u in uplifts {
        b = b.uplift(&format!("th-rebate/{u}"));
    }
    one(&b.build(), "th-rebate")
}

#[test]
fn thailand_minimum_just_under_and_at() {
    short_by(&thailand("49999999.99", &[]), "0.01");
    // 15% × 50,000,000 = 7,500,000
    claimed(&thailand("50000000", &[]), "7500000");
}

#[test]
fn thailand_cliffs_rerate_all_spend() {
    // 15% × 99,999,999.99 = 14,999,999.9985; the 20% cliff is 0.01 away
    let p = thailand("99999999.99", &[]);
    claimed(&p, "14999999.9985");
    assert_eq!(
        p.next_threshold.as_ref().map(|t| t.distance),
        Some(d("0.01"))
    );
    // 20% × 100,000,000 = 20,000,000
    claimed(&thailand("100000000", &[]), "20000000");
    // 20% × 149,999,999.99 = 29,999,999.998
    claimed(&thailand("149999999.99", &[]), "29999999.998");
    // 25% × 150,000,000 = 37,500,000
    claimed(&thailand("150000000", &[]), "37500000");
}

#[test]
fn thailand_bonuses_stop_at_thirty_percent() {
    let all = ["local-post", "thai-key-crew", "second-tier-city"];
    // 15 + 3 + 5 + 3 = 26%, under the ceiling: 26% × 50,000,000 = 13,000,000
    claimed(&thailand("50000000", &all), "13000000");
    // 20 + 11 = 31% → 30%: 30% × 100,000,000 = 30,000,000
    claimed(&thailand("100000000", &all), "30000000");
    // 25 + 11 = 36% → 30%: 30% × 150,000,000 = 45,000,000
    claimed(&thailand("150000000", &all), "45000000");
    // 25 + 5 = 30%, the ceiling itself: 45,000,000
    claimed(&thailand("150000000", &["thai-key-crew"]), "45000000");
    // 20 + 3 + 3 = 26%: 26% × 100,000,000 = 26,000,000
    claimed(
        &thailand("100000000", &["local-post", "second-tier-city"]),
        "26000000",
    );
}

#[test]
fn thailand_cliffs_are_converted_to_the_base_currency() {
    // 1 THB = 0.025 EUR: THB 50M = €1,250,000, THB 100M = €2,500,000
    let th = |amount: &str| {
        one(
            &Builder::new("EUR", &["TH"])
                .rate("THB", "0.025")
                .partner("us", "US", Majority)
                .goods("TH", amount)
                .build(),
            "th-rebate",
        )
    };
    short_by(&th("1249999.99"), "0.01");
    // 15% × 2,499,999.99 = 374,999.9985
    claimed(&th("2499999.99"), "374999.9985");
    // 20% × 2,500,000 = 500,000
    claimed(&th("2500000"), "500000");
    // lines in baht: THB 100M × 0.025 = €2,500,000 → 20% → 500,000
    let p = one(
        &Builder::new("EUR", &["TH"])
            .rate("THB", "0.025")
            .partner("us", "US", Majority)
            .line_in("2000", LineKind::Goods, "TH", "100000000", "THB")
            .build(),
        "th-rebate",
    );
    claimed(&p, "500000");
}

// ------------------------------------------------------------------------------------------
// South Africa (thedtic.gov.za): production 25% of QSAPE, +5 black-owned post company,
// R15M minimum, R25M cap; post-only 25%, 27.5% from R10M, 30% from R15M on all of it,
// R1.5M minimum; foreign productions; alternatives (group "za-foreign").
// ------------------------------------------------------------------------------------------

fn foreign_in_za() -> Builder {
    Builder::new("ZAR", &["ZA"]).partner("us", "US", Majority)
}

#[test]
fn south_africa_production_minimum() {
    short_by(
        &one(
            &foreign_in_za().goods("ZA", "14999999.99").build(),
            "za-foreign",
        ),
        "0.01",
    );
    // 25% × 15,000,000 = 3,750,000
    claimed(
        &one(
            &foreign_in_za().goods("ZA", "15000000").build(),
            "za-foreign",
        ),
        "3750000",
    );
}

#[test]
fn south_africa_production_cap_at_and_over_25_million() {
    // 25% × 100,000,000 = 25,000,000: the cap itself, not binding
    let p = one(
        &foreign_in_za().goods("ZA", "100000000").build(),
        "za-foreign",
    );
    claimed(&p, "25000000");
    assert_eq!(p.caps[0].limit, d("25000000"));
    assert!(!p.caps[0].binding);
    // 25% × 100,000,000.04 = 25,000,000.01 → 25,000,000
    let p = one(
        &foreign_in_za().goods("ZA", "100000000.04").build(),
        "za-foreign",
    );
    claimed(&p, "25000000");
    assert!(p.caps[0].binding);
}

#[test]
fn south_africa_black_owned_post_uplift() {
    let za = |amount: &str| {
        one(
            &foreign_in_za()
                .goods("ZA", amount)
                .uplift("za-foreign/black-owned-post")
                .build(),
            "za-foreign",
        )
    };
    // 30% × 60,000,000 = 18,000,000
    claimed(&za("60000000"), "18000000");
    // 30% × 100,000,000 = 30,000,000 → capped at 25,000,000
    let p = za("100000000");
    claimed(&p, "25000000");
    assert!(p.caps[0].binding);
}

#[test]
fn south_africa_post_minimum_and_cliffs() {
    let za = |amount: &str| {
        one(
            &post(foreign_in_za(), "ZA", amount).build(),
            "za-foreign-post",
        )
    };
    short_by(&za("1499999.99"), "0.01");
    // 25% × 1,500,000 = 375,000
    claimed(&za("1500000"), "375000");
    // 25% × 9,999,999.99 = 2,499,999.9975
    claimed(&za("9999999.99"), "2499999.9975");
    // 27.5% × 10,000,000 = 2,750,000
    claimed(&za("10000000"), "2750000");
    // 27.5% × 14,999,999.99 = 4,124,999.99725
    claimed(&za("14999999.99"), "4124999.99725");
    // 30% × 15,000,000 = 4,500,000 (beats the production incentive's 25% → 3,750,000)
    let a = run(&post(foreign_in_za(), "ZA", "15000000").build());
    claimed(program(&a, "za-foreign-post"), "4500000");
    excluded(program(&a, "za-foreign"), "3750000");
}

#[test]
fn south_africa_production_and_post_are_alternatives() {
    // 20,000,000 shoot + 5,000,000 post: production 25% × 25,000,000 = 6,250,000;
    // post-only 25% × 5,000,000 = 1,250,000
    let a = run(&post(foreign_in_za().goods("ZA", "20000000"), "ZA", "5000000").build());
    claimed(program(&a, "za-foreign"), "6250000");
    excluded(program(&a, "za-foreign-post"), "1250000");
}

#[test]
fn south_africa_incentives_are_for_foreign_productions() {
    let a = run(&post(
        Builder::new("ZAR", &["ZA"])
            .partner("za", "ZA", Majority)
            .goods("ZA", "20000000"),
        "ZA",
        "5000000",
    )
    .build());
    for id in ["za-foreign", "za-foreign-post"] {
        let p = program(&a, id);
        assert_eq!(p.status, NotApplicable, "{id}");
        assert_eq!(p.gross, d("0"), "{id}");
    }
}

#[test]
fn south_africa_post_cliffs_are_converted_to_the_base_currency() {
    // 1 ZAR = 0.055 USD: R1.5M = US$82,500; R10M = US$550,000
    let za = |amount: &str| {
        one(
            &post(
                Builder::new("USD", &["ZA"])
                    .rate("ZAR", "0.055")
                    .partner("us", "US", Majority),
                "ZA",
                amount,
            )
            .build(),
            "za-foreign-post",
        )
    };
    short_by(&za("82499.99"), "0.01");
    // 25% × 549,999.99 = 137,499.9975
    claimed(&za("549999.99"), "137499.9975");
    // 27.5% × 550,000 = 151,250
    claimed(&za("550000"), "151250");
}
