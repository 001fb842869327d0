//! The western European programs of the embedded rule book (assets/rules/programs-europe.ron),
//! case by case: UK, Ireland, France, Spain (national, Canaries, Navarre, Basque Country),
//! Germany and Italy. Every expected figure is worked out by hand in the comment beside it
//! from the rate, cap or threshold the rule itself gives (and the fact table behind it,
//! ../shared/research/rules-facts.md), never copied from the engine's output.
//!
//! "Elsewhere" spend goes to Switzerland (CH), where the rule book has no program, so it only
//! adds to the budget. With partners from a single country no treaty applies, so programs that
//! accept official status instead of a cultural test need the declared cultural test.

mod common;

use common::*;
use coprod::engine::{Assessment, CapStatus, ProgramAssessment, ProgramStatus};
use coprod::model::{FinancingKind, Format, LineKind, PartnerRole::*, Project, Release};

use ProgramStatus::{Claimed, Excluded, NoSpend, NotApplicable, NotEligible};

fn run(project: &Project) -> Assessment {
    run_embedded(project)
}

fn program<'a>(a: &'a Assessment, id: &str) -> &'a ProgramAssessment {
    program_in(a, id)
}

/// The cap whose limit is `limit` (benefit, qualifying spend or public-aid limits alike).
fn cap<'a>(p: &'a ProgramAssessment, limit: &str) -> &'a CapStatus {
    p.caps
        .iter()
        .find(|c| c.limit == d(limit))
        .unwrap_or_else(|| panic!("{}: no cap with limit {limit} in {:?}", p.id, p.caps))
}

/// The "public aid ≤ x% of the budget" entry.
fn aid_cap(p: &ProgramAssessment) -> &CapStatus {
    p.caps
        .iter()
        .find(|c| c.label.starts_with("public aid"))
        .unwrap_or_else(|| panic!("{}: no public-aid cap in {:?}", p.id, p.caps))
}

// ---------------------------------------------------------------------------------------
// United Kingdom: gb-avec, gb-iftc, gb-avec-vfx (one exclusive group "gb-avec", net 75%)
// ---------------------------------------------------------------------------------------

/// A UK production (UK partner, BFI cultural test declared) in GBP.
fn uk() -> Builder {
    Builder::new("GBP", &["GB", "CH"])
        .partner("gb", "GB", Majority)
        .cultural_test("GB")
}

/// UK spend on goods (account 2000) and elsewhere (CH).
fn uk_spend(gb: &str, ch: &str) -> Builder {
    uk().goods("GB", gb).goods("CH", ch)
}

/// A line in the VFX account (3500, marked vfx).
fn vfx(b: Builder, territory: &str, amount: &str) -> Builder {
    b.line_in("3500", LineKind::Goods, territory, amount, "GBP")
}

#[test]
fn avec_thirty_four_percent_with_a_seventy_five_percent_net() {
    // Budget £30M (UK £20M, CH £10M). AVEC (gov.uk): 34% of UK spend within 80% of the budget
    // (80% × 30,000,000 = 24,000,000, not binding): 34% × 20,000,000 = 6,800,000 gross;
    // taxable, net_share 75%: 75% × 6,800,000 = 5,100,000.
    let a = run(&uk_spend("20000000", "10000000").build());
    let avec = program(&a, "gb-avec");
    assert_eq!(avec.status, Claimed);
    assert_eq!((avec.gross, avec.net), (d("6800000"), d("5100000")));
    let eighty = cap(avec, "24000000");
    assert!(!eighty.binding);
    assert_eq!(eighty.headroom, d("4000000"));
    // IFTC: the £30M budget is above its £23.5M ceiling (a ceiling, so no shortfall)
    let iftc = program(&a, "gb-iftc");
    assert_eq!(iftc.status, NotEligible);
    assert_eq!(iftc.reasons[0].figure, Some(d("30000000")));
    assert_eq!(iftc.reasons[0].bound, Some(d("23500000")));
    assert_eq!(iftc.reasons[0].shortfall, None);
    // AVEC with the VFX enhancement: no VFX spend, so the same 6,800,000; the tie goes to the
    // earlier rule (gb-avec), and the VFX variant is excluded
    let vfx = program(&a, "gb-avec-vfx");
    assert_eq!(vfx.status, Excluded);
    assert_eq!(vfx.potential_gross, d("6800000"));
    assert_eq!(vfx.gross, d("0"));
    assert_eq!(a.incentives_gross, d("6800000"));
    assert_eq!(a.incentives_net, d("5100000"));
}

#[test]
fn avec_eighty_percent_of_budget_cap_at_and_over() {
    // Budget £30M; cap 80% × 30,000,000 = 24,000,000 of qualifying spend.
    // UK £24M exactly: not binding, no headroom left; 34% × 24,000,000 = 8,160,000
    let a = run(&uk_spend("24000000", "6000000").build());
    let p = program(&a, "gb-avec");
    assert_eq!(p.gross, d("8160000"));
    assert!(!cap(p, "24000000").binding);
    assert_eq!(cap(p, "24000000").headroom, d("0"));
    // UK £24,000,000.01: binding, counts as 24,000,000 → still 8,160,000
    let a = run(&uk_spend("24000000.01", "5999999.99").build());
    let p = program(&a, "gb-avec");
    assert!(cap(p, "24000000").binding);
    assert_eq!(p.counted_spend, d("24000000"));
    assert_eq!(p.gross, d("8160000"));
    // UK £23,999,999.99: 34% × 23,999,999.99 = 8,159,999.9966
    let a = run(&uk_spend("23999999.99", "6000000.01").build());
    assert_eq!(program(&a, "gb-avec").gross, d("8159999.9966"));
    // UK £27M of £30M: counts as 24,000,000 → 8,160,000; net 75% = 6,120,000
    let a = run(&uk_spend("27000000", "3000000").build());
    let p = program(&a, "gb-avec");
    assert_eq!((p.gross, p.net), (d("8160000"), d("6120000")));
}

#[test]
fn avec_ten_percent_uk_minimum() {
    // Budget £30M: UK spend must reach 10% × 30,000,000 = 3,000,000.
    // £2,999,999.99 misses by £0.01; it would be worth 34% × 2,999,999.99 = 1,019,999.9966
    let a = run(&uk_spend("2999999.99", "27000000.01").build());
    let p = program(&a, "gb-avec");
    assert_eq!(p.status, NotEligible);
    assert_eq!(p.reasons[0].shortfall, Some(d("0.01")));
    assert_eq!(p.potential_gross, d("1019999.9966"));
    assert_eq!(p.gross, d("0"));
    // the VFX variant has the same 10% minimum
    assert_eq!(program(&a, "gb-avec-vfx").status, NotEligible);
    assert_eq!(
        program(&a, "gb-avec-vfx").reasons[0].shortfall,
        Some(d("0.01"))
    );
    // exactly £3,000,000: 34% × 3,000,000 = 1,020,000
    let a = run(&uk_spend("3000000", "27000000").build());
    let p = program(&a, "gb-avec");
    assert_eq!(p.status, Claimed);
    assert_eq!(p.gross, d("1020000"));
}

#[test]
fn avec_animation_rate_thirty_nine_percent() {
    // Declared animation/children's TV uplift: 39% × 20,000,000 = 7,800,000; net 75% = 5,850,000
    let a = run(&uk_spend("20000000", "10000000")
        .uplift("gb-avec/animation")
        .build());
    let p = program(&a, "gb-avec");
    assert_eq!(p.status, Claimed);
    assert_eq!((p.gross, p.net), (d("7800000"), d("5850000")));
    // the VFX variant's own animation uplift is not declared: 34% × 20,000,000 = 6,800,000
    let v = program(&a, "gb-avec-vfx");
    assert_eq!(v.status, Excluded);
    assert_eq!(v.potential_gross, d("6800000"));
}

#[test]
fn avec_needs_the_cultural_test_without_a_treaty() {
    // UK partner only (no treaty, so no official status) and no cultural test declared
    let project = Builder::new("GBP", &["GB", "CH"])
        .partner("gb", "GB", Majority)
        .goods("GB", "5000000")
        .goods("CH", "5000000")
        .build();
    let a = run(&project);
    for id in ["gb-avec", "gb-iftc", "gb-avec-vfx"] {
        let p = program(&a, id);
        assert_eq!(p.status, NotEligible, "{id}");
        assert_eq!(
            p.reasons[0].rule, "cultural test or official status",
            "{id}"
        );
        assert_eq!(p.gross, d("0"), "{id}");
    }
    // what AVEC would be worth: 34% × 5,000,000 = 1,700,000
    assert_eq!(program(&a, "gb-avec").potential_gross, d("1700000"));
    // IFTC: budget £10M ≤ £23.5M; 53% × 5,000,000 = 2,650,000
    assert_eq!(program(&a, "gb-iftc").potential_gross, d("2650000"));
}

#[test]
fn iftc_fifty_three_percent_beats_avec() {
    // Budget £10M, UK £8M: 80% cap 8,000,000 (not binding), £12M cap not binding.
    // IFTC 53% × 8,000,000 = 4,240,000 gross, net 75% = 3,180,000.
    // AVEC 34% × 8,000,000 = 2,720,000: excluded (same group), as is the VFX variant.
    let a = run(&uk_spend("8000000", "2000000").build());
    let iftc = program(&a, "gb-iftc");
    assert_eq!(iftc.status, Claimed);
    assert_eq!((iftc.gross, iftc.net), (d("4240000"), d("3180000")));
    for id in ["gb-avec", "gb-avec-vfx"] {
        let p = program(&a, id);
        assert_eq!(p.status, Excluded, "{id}");
        assert_eq!(p.potential_gross, d("2720000"), "{id}");
        assert_eq!(p.net, d("0"), "{id}");
    }
    assert_eq!(a.incentives_gross, d("4240000"));
}

#[test]
fn iftc_twelve_million_qualifying_cap() {
    // Budget £20M: 80% cap = 16,000,000; IFTC cap £12M of qualifying spend (80% of £15M).
    // UK £12M exactly: neither cap binds; 53% × 12,000,000 = 6,360,000; net 4,770,000
    let a = run(&uk_spend("12000000", "8000000").build());
    let p = program(&a, "gb-iftc");
    assert_eq!(p.status, Claimed);
    assert_eq!((p.gross, p.net), (d("6360000"), d("4770000")));
    assert!(!cap(p, "12000000").binding);
    assert_eq!(cap(p, "12000000").headroom, d("0"));
    assert!(!cap(p, "16000000").binding);
    // UK £12,000,000.01: the £12M cap binds → 6,360,000
    let a = run(&uk_spend("12000000.01", "7999999.99").build());
    let p = program(&a, "gb-iftc");
    assert!(cap(p, "12000000").binding);
    assert_eq!(p.gross, d("6360000"));
    // UK £11,999,999.99: 53% × 11,999,999.99 = 6,359,999.9947
    let a = run(&uk_spend("11999999.99", "8000000.01").build());
    assert_eq!(program(&a, "gb-iftc").gross, d("6359999.9947"));
    // UK £15M: counts as 12,000,000 → 6,360,000; AVEC 34% × 15,000,000 = 5,100,000 excluded
    let a = run(&uk_spend("15000000", "5000000").build());
    assert_eq!(program(&a, "gb-iftc").gross, d("6360000"));
    assert_eq!(program(&a, "gb-avec").status, Excluded);
    assert_eq!(program(&a, "gb-avec").potential_gross, d("5100000"));
}

#[test]
fn iftc_budget_ceiling_of_twenty_three_and_a_half_million() {
    // Budget exactly £23.5M (UK £12M): within the ceiling; IFTC 53% × 12,000,000 = 6,360,000
    // beats AVEC 34% × 12,000,000 = 4,080,000
    let a = run(&uk_spend("12000000", "11500000").build());
    assert_eq!(program(&a, "gb-iftc").status, Claimed);
    assert_eq!(program(&a, "gb-iftc").gross, d("6360000"));
    assert_eq!(program(&a, "gb-avec").status, Excluded);
    assert_eq!(program(&a, "gb-avec").potential_gross, d("4080000"));
    // Budget £23,500,000.01: IFTC is out, AVEC claims its 4,080,000 (net 3,060,000)
    let a = run(&uk_spend("12000000", "11500000.01").build());
    let iftc = program(&a, "gb-iftc");
    assert_eq!(iftc.status, NotEligible);
    assert_eq!(iftc.reasons[0].rule, "budget ceiling");
    assert_eq!(iftc.reasons[0].figure, Some(d("23500000.01")));
    assert_eq!(iftc.potential_gross, d("6360000"));
    let avec = program(&a, "gb-avec");
    assert_eq!(avec.status, Claimed);
    assert_eq!((avec.gross, avec.net), (d("4080000"), d("3060000")));
}

#[test]
fn iftc_ten_percent_uk_minimum() {
    // Budget £20M: 10% = 2,000,000. £1,999,999.99 misses by £0.01 (the ceiling is met, so the
    // local share is the only reason)
    let a = run(&uk_spend("1999999.99", "18000000.01").build());
    let p = program(&a, "gb-iftc");
    assert_eq!(p.status, NotEligible);
    assert_eq!(p.reasons.len(), 1);
    assert_eq!(p.reasons[0].shortfall, Some(d("0.01")));
    // exactly £2M: 53% × 2,000,000 = 1,060,000
    let a = run(&uk_spend("2000000", "18000000").build());
    assert_eq!(program(&a, "gb-iftc").status, Claimed);
    assert_eq!(program(&a, "gb-iftc").gross, d("1060000"));
}

#[test]
fn iftc_thresholds_convert_from_pounds_into_a_euro_base() {
    // Base EUR, 1 GBP = 1.2 EUR: ceiling £23.5M = €28,200,000; cap £12M = €14,400,000.
    let euro = |gb: &str, ch: &str| {
        Builder::new("EUR", &["GB", "CH"])
            .rate("GBP", "1.2")
            .partner("gb", "GB", Majority)
            .cultural_test("GB")
            .goods("GB", gb)
            .goods("CH", ch)
            .build()
    };
    // budget €28.2M, UK €15M: 80% × 28,200,000 = 22,560,000 (not binding), €14.4M binds:
    // 53% × 14,400,000 = 7,632,000; AVEC 34% × 15,000,000 = 5,100,000 excluded
    let a = run(&euro("15000000", "13200000"));
    let p = program(&a, "gb-iftc");
    assert_eq!(p.status, Claimed);
    assert_eq!(p.gross, d("7632000"));
    assert!(cap(p, "14400000").binding);
    assert_eq!(program(&a, "gb-avec").potential_gross, d("5100000"));
    // budget €28,200,000.01: above the converted ceiling; AVEC 5,100,000 claimed
    let a = run(&euro("15000000", "13200000.01"));
    assert_eq!(program(&a, "gb-iftc").status, NotEligible);
    assert_eq!(program(&a, "gb-iftc").reasons[0].bound, Some(d("28200000")));
    assert_eq!(program(&a, "gb-avec").status, Claimed);
    assert_eq!(program(&a, "gb-avec").gross, d("5100000"));
}

#[test]
fn avec_vfx_enhancement_outside_the_eighty_percent_cap() {
    // CTA 2009 s.1179EC: 39% of UK VFX costs, less the VFX share of the regular 34% credit
    // (which is taken on all UK spend within the 80% cap).
    // Budget £30M: UK shoot £20M, UK VFX £6M, CH £4M. UK spend 26,000,000 > 80% × 30,000,000
    // = 24,000,000, so the cap binds. Regular credit 34% × 24,000,000 = 8,160,000, of which
    // the VFX share is 6/26. Benefit: 34% × 24,000,000 × 20/26 = 6,276,923.08 plus
    // 39% × 6,000,000 = 2,340,000: 8,616,923.08 (net 75%: 6,462,692.31).
    // AVEC alone: 8,160,000, excluded. IFTC: budget above £23.5M.
    let project = vfx(uk_spend("20000000", "4000000"), "GB", "6000000").build();
    let a = run(&project);
    let p = program(&a, "gb-avec-vfx");
    assert_eq!(p.status, Claimed);
    assert_eq!(
        (p.gross.round_dp(2), p.net.round_dp(2)),
        (d("8616923.08"), d("6462692.31"))
    );
    // counted: 24,000,000 × 20/26 = 18,461,538.46 of other spend, plus £6M of VFX
    assert_eq!(p.counted_spend.round_dp(2), d("24461538.46"));
    assert!(cap(p, "24000000").binding);
    assert!(
        p.steps.iter().any(|s| s.contains(
            "£24,000,000.00 × (£26,000,000.00 − £6,000,000.00) / £26,000,000.00 = £18,461,538.46"
        )),
        "{:#?}",
        p.steps
    );
    let avec = program(&a, "gb-avec");
    assert_eq!(avec.status, Excluded);
    assert_eq!(avec.potential_gross, d("8160000"));
    assert_eq!(program(&a, "gb-iftc").status, NotEligible);

    // UK shoot £27M + UK VFX £3M = budget £30M: 34% × 24,000,000 × 27/30 = 7,344,000 plus
    // 39% × 3,000,000 = 1,170,000 → 8,514,000 (AVEC: 8,160,000)
    let project = vfx(uk_spend("27000000", "0"), "GB", "3000000").build();
    let a = run(&project);
    let p = program(&a, "gb-avec-vfx");
    assert_eq!(p.gross, d("8514000"));
    assert!(cap(p, "24000000").binding);
    assert_eq!(program(&a, "gb-avec").potential_gross, d("8160000"));

    // Within the cap nothing is shared out: budget £40M, UK shoot £20M, UK VFX £6M, CH £14M:
    // 26,000,000 ≤ 32,000,000; 34% × 20,000,000 = 6,800,000 + 2,340,000 = 9,140,000
    let project = vfx(uk_spend("20000000", "14000000"), "GB", "6000000").build();
    let p = program(&run(&project), "gb-avec-vfx").clone();
    assert_eq!(p.gross, d("9140000"));
    assert_eq!(p.counted_spend, d("26000000"));
    assert!(!cap(&p, "32000000").binding);
}

#[test]
fn avec_vfx_hmrc_worked_example_company_w() {
    // HMRC CREC061450, Example 2 (Company W, a film): relevant global expenditure £40M, of
    // which non-UK £4M and UK VFX £6M. "90% of relevant global expenditure on the film is UK
    // expenditure, meaning the 80% cap applies"; its Chapter 3 credits are £6,800,000 (AP1)
    // and £4,080,000 (AP2): 10,880,000 = 34% × 80% × 40,000,000.
    // Additional VFX credit (s.1179EC): 39% × 6,000,000 = 2,340,000 less the adjusted VFX
    // portion 10,880,000 × 6/36 = 1,813,333.33 → 526,666.67. In all 11,406,666.67.
    let project = vfx(uk_spend("30000000", "4000000"), "GB", "6000000").build();
    let a = run(&project);
    let avec = program(&a, "gb-avec");
    assert_eq!(avec.potential_gross, d("10880000"));
    let p = program(&a, "gb-avec-vfx");
    assert_eq!(p.status, Claimed);
    assert_eq!(p.gross.round_dp(2), d("11406666.67"));
    assert_eq!((p.gross - avec.potential_gross).round_dp(2), d("526666.67"));
}

#[test]
fn avec_vfx_hmrc_worked_example_company_n() {
    // HMRC CREC061440, Example 1 (Company N, high-end TV), its AVEC period: relevant global
    // expenditure £12M, non-UK £5M, UK VFX £1M; "only 60% ... is UK expenditure and the 80%
    // cap does not apply"; Chapter 3 credit £2,380,000 = 34% × 7,000,000.
    // Additional: 39% × 1,000,000 − 2,380,000 × 1/7 = 390,000 − 340,000 = 50,000 → 2,430,000.
    let project = vfx(uk_spend("6000000", "5000000"), "GB", "1000000")
        .release(Release::Television)
        .episodes(6)
        .build();
    let a = run(&project);
    assert_eq!(program(&a, "gb-avec").potential_gross, d("2380000"));
    let p = program(&a, "gb-avec-vfx");
    assert_eq!(p.status, Claimed);
    assert_eq!(p.gross, d("2430000"));
}

#[test]
fn avec_vfx_abroad_earns_nothing() {
    // VFX done in Switzerland is not UK spend: UK £20M of £30M, both AVEC forms 34% ×
    // 20,000,000 = 6,800,000; the tie keeps gb-avec (earlier rule)
    let project = vfx(uk_spend("20000000", "4000000"), "CH", "6000000").build();
    let a = run(&project);
    assert_eq!(program(&a, "gb-avec").status, Claimed);
    assert_eq!(program(&a, "gb-avec").gross, d("6800000"));
    assert_eq!(program(&a, "gb-avec-vfx").potential_gross, d("6800000"));
}

#[test]
fn avec_vfx_against_iftc() {
    // Budget £20M: UK shoot £4M, UK VFX £14M, CH £2M. UK spend 18,000,000 > 80% cap
    // 16,000,000.
    // IFTC: 16,000,000 → £12M cap → 53% × 12,000,000 = 6,360,000.
    // VFX variant: 34% × 16,000,000 × 4/18 = 1,208,888.89 + 39% × 14,000,000 = 5,460,000
    // → 6,668,888.89 (net 75%: 5,001,666.67).
    // AVEC: 16,000,000 × 34% = 5,440,000.  The VFX variant wins.
    let a = run(&vfx(uk_spend("4000000", "2000000"), "GB", "14000000").build());
    let v = program(&a, "gb-avec-vfx");
    assert_eq!(v.status, Claimed);
    assert_eq!(
        (v.gross.round_dp(2), v.net.round_dp(2)),
        (d("6668888.89"), d("5001666.67"))
    );
    assert_eq!(program(&a, "gb-iftc").status, Excluded);
    assert_eq!(program(&a, "gb-iftc").potential_gross, d("6360000"));
    assert_eq!(program(&a, "gb-avec").status, Excluded);
    assert_eq!(program(&a, "gb-avec").potential_gross, d("5440000"));
    assert_eq!(a.incentives_gross, v.gross);

    // UK shoot £10M, UK VFX £8M, CH £2M: IFTC still 6,360,000; VFX variant
    // 34% × 16,000,000 × 10/18 = 3,022,222.22 + 39% × 8,000,000 = 3,120,000 = 6,142,222.22:
    // IFTC wins
    let a = run(&vfx(uk_spend("10000000", "2000000"), "GB", "8000000").build());
    assert_eq!(program(&a, "gb-iftc").status, Claimed);
    assert_eq!(program(&a, "gb-iftc").gross, d("6360000"));
    assert_eq!(program(&a, "gb-avec-vfx").status, Excluded);
    assert_eq!(
        program(&a, "gb-avec-vfx").potential_gross.round_dp(2),
        d("6142222.22")
    );
}

#[test]
fn avec_vfx_is_not_for_animation() {
    // The VFX enhancement is only for productions at the 34% rate (CREC061410): an animated
    // film claims AVEC at 39%. Budget £30M: UK £20M + UK VFX £6M, CH £4M, animation declared:
    // 39% × 24,000,000 (80% cap) = 9,360,000.
    let project = vfx(uk_spend("20000000", "4000000"), "GB", "6000000")
        .format(Format::Animation)
        .uplift("gb-avec/animation")
        .build();
    let a = run(&project);
    assert_eq!(program(&a, "gb-avec-vfx").status, NotApplicable);
    assert_eq!(program(&a, "gb-avec").status, Claimed);
    assert_eq!(program(&a, "gb-avec").gross, d("9360000"));
}

// ---------------------------------------------------------------------------------------
// Ireland: ie-s481
// ---------------------------------------------------------------------------------------

fn ireland(ie: &str, ch: &str) -> Builder {
    Builder::new("EUR", &["IE", "CH"])
        .partner("ie", "IE", Majority)
        .cultural_test("IE")
        .goods("IE", ie)
        .goods("CH", ch)
}

#[test]
fn s481_worked_examples_from_filminireland() {
    // filminireland.com, "Section 481 examples" (the source the fact table names):
    // Example 1: total budget €10M, Irish spend €4M → "32% of eligible Irish Expenditure" =
    // €1,280,000 (80% × 10,000,000 = 8,000,000 does not bind).
    let p = program(&run(&ireland("4000000", "6000000").build()), "ie-s481").clone();
    assert_eq!(p.status, Claimed);
    assert_eq!(p.gross, d("1280000"));
    // Example 2: total budget €1M, all spent in Ireland → "32% of 80%" = €256,000.
    let p = program(&run(&ireland("1000000", "0").build()), "ie-s481").clone();
    assert_eq!(p.gross, d("256000"));
    assert!(cap(&p, "800000").binding);
    // (Its Example 3, €150M budget and €80M Irish spend, states €9.6M, which is 32% of
    // neither €80M nor €125M; it is left out.)
}

#[test]
fn s481_thirty_two_percent() {
    // €5M of €10M in Ireland: 80% × 10,000,000 = 8,000,000 not binding; 32% × 5,000,000 = 1,600,000
    let a = run(&ireland("5000000", "5000000").build());
    let p = program(&a, "ie-s481");
    assert_eq!(p.status, Claimed);
    assert_eq!((p.gross, p.net), (d("1600000"), d("1600000")));
    assert_eq!(cap(p, "8000000").headroom, d("3000000"));
    assert!(!cap(p, "125000000").binding);
}

#[test]
fn s481_eighty_percent_of_cost() {
    // Budget €10M: 80% = 8,000,000. Irish €8M exactly: 32% × 8,000,000 = 2,560,000, not binding
    let p = program(&run(&ireland("8000000", "2000000").build()), "ie-s481").clone();
    assert_eq!(p.gross, d("2560000"));
    assert!(!cap(&p, "8000000").binding);
    // €8,000,000.01: binding → 2,560,000
    let p = program(
        &run(&ireland("8000000.01", "1999999.99").build()),
        "ie-s481",
    )
    .clone();
    assert!(cap(&p, "8000000").binding);
    assert_eq!(p.gross, d("2560000"));
    // all €10M in Ireland: counted 8,000,000 → 2,560,000
    let p = program(&run(&ireland("10000000", "0").build()), "ie-s481").clone();
    assert_eq!((p.counted_spend, p.gross), (d("8000000"), d("2560000")));
}

#[test]
fn s481_minimum_of_125000() {
    // €124,999.99: €0.01 short; would be 32% × 124,999.99 = 39,999.9968
    let p = program(&run(&ireland("124999.99", "1000000").build()), "ie-s481").clone();
    assert_eq!(p.status, NotEligible);
    assert_eq!(p.reasons[0].shortfall, Some(d("0.01")));
    assert_eq!(p.potential_gross, d("39999.9968"));
    // €125,000: 32% × 125,000 = 40,000
    let p = program(&run(&ireland("125000", "1000000").build()), "ie-s481").clone();
    assert_eq!(p.status, Claimed);
    assert_eq!(p.gross, d("40000"));
}

#[test]
fn s481_one_hundred_and_twenty_five_million_cap() {
    // Budget €200M: 80% = 160,000,000; the €125M cap on eligible spend.
    // Irish €125M exactly: 32% × 125,000,000 = 40,000,000, cap not binding
    let p = program(&run(&ireland("125000000", "75000000").build()), "ie-s481").clone();
    assert_eq!(p.gross, d("40000000"));
    assert!(!cap(&p, "125000000").binding);
    // €125,000,000.01: binding → 40,000,000
    let p = program(
        &run(&ireland("125000000.01", "74999999.99").build()),
        "ie-s481",
    )
    .clone();
    assert!(cap(&p, "125000000").binding);
    assert_eq!(p.gross, d("40000000"));
    // €150M of €200M: within 80% (160M) but over €125M → 40,000,000
    let p = program(&run(&ireland("150000000", "50000000").build()), "ie-s481").clone();
    assert_eq!(p.counted_spend, d("125000000"));
    assert_eq!(p.gross, d("40000000"));
}

#[test]
fn s481_sceal_uplift_below_twenty_million() {
    // Scéal 40% while qualifying spend is below €20M (revenue.ie). Budget €30M (80% = 24M).
    // €19,999,999.99: 40% × 19,999,999.99 = 7,999,999.996
    let a = run(&ireland("19999999.99", "10000000.01")
        .uplift("ie-s481/sceal")
        .build());
    assert_eq!(program(&a, "ie-s481").gross, d("7999999.996"));
    // without the declaration: 32% × 19,999,999.99 = 6,399,999.9968
    let a = run(&ireland("19999999.99", "10000000.01").build());
    assert_eq!(program(&a, "ie-s481").gross, d("6399999.9968"));
    // €20M is not below €20M: 32% × 20,000,000 = 6,400,000
    let a = run(&ireland("20000000", "10000000")
        .uplift("ie-s481/sceal")
        .build());
    assert_eq!(program(&a, "ie-s481").gross, d("6400000"));
}

#[test]
fn s481_needs_the_culture_test() {
    let mut b = ireland("5000000", "5000000");
    b.data.declarations.cultural_tests.clear();
    let p = program(&run(&b.build()), "ie-s481").clone();
    assert_eq!(p.status, NotEligible);
    assert_eq!(p.reasons[0].rule, "cultural test");
    // would be 32% × 5,000,000 = 1,600,000
    assert_eq!(p.potential_gross, d("1600000"));
    assert_eq!(p.gross, d("0"));
}

// ---------------------------------------------------------------------------------------
// France: fr-cic (domestic) and fr-c2i (international), group "fr-credit"
// ---------------------------------------------------------------------------------------

fn france(partner: &str, fr: &str, ch: &str) -> Builder {
    Builder::new("EUR", &["FR", "CH"])
        .partner(&partner.to_lowercase(), partner, Majority)
        .cultural_test("FR")
        .goods("FR", fr)
        .goods("CH", ch)
}

#[test]
fn cic_twenty_percent_for_a_french_production() {
    // French co-producer: CIC 20% × 10,000,000 = 2,000,000; C2I is for foreign productions only
    let a = run(&france("FR", "10000000", "2000000").build());
    let cic = program(&a, "fr-cic");
    assert_eq!(cic.status, Claimed);
    assert_eq!(cic.gross, d("2000000"));
    let c2i = program(&a, "fr-c2i");
    assert_eq!(c2i.status, NotApplicable);
    assert_eq!(c2i.reasons[0].rule, "foreign production");
    assert_eq!(c2i.gross, d("0"));
}

#[test]
fn cic_thirty_percent_uplift() {
    // budget under €7M / animation / VFX-heavy declared: 30% × 10,000,000 = 3,000,000
    let a = run(&france("FR", "10000000", "2000000")
        .uplift("fr-cic/lower-budget-or-animation")
        .build());
    assert_eq!(program(&a, "fr-cic").gross, d("3000000"));
}

#[test]
fn cic_thirty_million_cap() {
    // €150M: 20% × 150,000,000 = 30,000,000, exactly the cap: not binding
    let p = program(&run(&france("FR", "150000000", "0").build()), "fr-cic").clone();
    assert_eq!(p.gross, d("30000000"));
    assert!(!cap(&p, "30000000").binding);
    assert_eq!(cap(&p, "30000000").headroom, d("0"));
    // €150,000,000.05: 20% = 30,000,000.01 → capped at 30,000,000
    let p = program(&run(&france("FR", "150000000.05", "0").build()), "fr-cic").clone();
    assert!(cap(&p, "30000000").binding);
    assert_eq!(p.gross, d("30000000"));
    // €149,999,999.95: 20% = 29,999,999.99
    let p = program(&run(&france("FR", "149999999.95", "0").build()), "fr-cic").clone();
    assert_eq!(p.gross, d("29999999.99"));
}

#[test]
fn cic_needs_the_cultural_test() {
    let mut b = france("FR", "10000000", "2000000");
    b.data.declarations.cultural_tests.clear();
    let p = program(&run(&b.build()), "fr-cic").clone();
    assert_eq!(p.status, NotEligible);
    assert_eq!(p.reasons[0].rule, "cultural test");
    assert_eq!(p.potential_gross, d("2000000"));
}

#[test]
fn c2i_thirty_percent_for_a_foreign_production() {
    // US producer, French service: 30% × 1,000,000 = 300,000; CIC needs a French co-producer
    let a = run(&france("US", "1000000", "1000000").build());
    let c2i = program(&a, "fr-c2i");
    assert_eq!(c2i.status, Claimed);
    assert_eq!(c2i.gross, d("300000"));
    let cic = program(&a, "fr-cic");
    assert_eq!(cic.status, NotApplicable);
    assert_eq!(cic.reasons[0].rule, "local co-producer");
}

#[test]
fn c2i_minimum_250000_or_half_the_budget() {
    // €249,999.99 of €1,249,999.99 (20%): neither €250k nor 50%; the nearer is €0.01 to €250k
    // (50% × 1,249,999.99 = 624,999.995 is 375,000.005 away)
    let p = program(
        &run(&france("US", "249999.99", "1000000").build()),
        "fr-c2i",
    )
    .clone();
    assert_eq!(p.status, NotEligible);
    assert_eq!(p.reasons[0].rule, "minimum (any of)");
    assert_eq!(p.reasons[0].shortfall, Some(d("0.01")));
    // €250,000 exactly: 30% × 250,000 = 75,000
    let p = program(&run(&france("US", "250000", "1000000").build()), "fr-c2i").clone();
    assert_eq!(p.status, Claimed);
    assert_eq!(p.gross, d("75000"));
    // €200,000 of €400,000 = 50%: the share is enough although under €250k; 30% → 60,000
    let p = program(&run(&france("US", "200000", "200000").build()), "fr-c2i").clone();
    assert_eq!(p.status, Claimed);
    assert_eq!(p.gross, d("60000"));
    // €199,999.99 of €400,000: €0.01 short of 50% (and €50,000.01 short of €250k)
    let p = program(
        &run(&france("US", "199999.99", "200000.01").build()),
        "fr-c2i",
    )
    .clone();
    assert_eq!(p.status, NotEligible);
    assert_eq!(p.reasons[0].shortfall, Some(d("0.01")));
}

#[test]
fn c2i_forty_percent_vfx_uplift() {
    // declared VFX-heavy: 40% × 1,000,000 = 400,000 (the note's conflicting reading: all spend)
    let a = run(&france("US", "1000000", "1000000")
        .uplift("fr-c2i/vfx")
        .build());
    assert_eq!(program(&a, "fr-c2i").gross, d("400000"));
}

#[test]
fn c2i_thirty_million_cap() {
    // €100M: 30% = 30,000,000, exactly the cap
    let p = program(&run(&france("US", "100000000", "0").build()), "fr-c2i").clone();
    assert_eq!(p.gross, d("30000000"));
    assert!(!cap(&p, "30000000").binding);
    // €100,000,000.10: 30% = 30,000,000.03 → 30,000,000
    let p = program(&run(&france("US", "100000000.10", "0").build()), "fr-c2i").clone();
    assert!(cap(&p, "30000000").binding);
    assert_eq!(p.gross, d("30000000"));
    // €99,999,999.99: 30% = 29,999,999.997
    let p = program(&run(&france("US", "99999999.99", "0").build()), "fr-c2i").clone();
    assert_eq!(p.gross, d("29999999.997"));
}

#[test]
fn c2i_needs_the_cultural_test() {
    let mut b = france("US", "1000000", "1000000");
    b.data.declarations.cultural_tests.clear();
    let p = program(&run(&b.build()), "fr-c2i").clone();
    assert_eq!(p.status, NotEligible);
    assert_eq!(p.reasons[0].rule, "cultural test");
    assert_eq!(p.potential_gross, d("300000"));
}

// ---------------------------------------------------------------------------------------
// Spain: es-national, es-cn, es-nc, es-pv-gipuzkoa, es-pv-araba, es-bi
// ---------------------------------------------------------------------------------------

/// A Spanish production spending in `territories` (plus CH).
fn spain(territories: &[&str]) -> Builder {
    let mut all: Vec<&str> = territories.to_vec();
    all.push("CH");
    Builder::new("EUR", &all).partner("es", "ES", Majority)
}

#[test]
fn spain_national_bands_thirty_then_twenty_five() {
    // €3M in Spain: 30% × 1,000,000 + 25% × 2,000,000 = 300,000 + 500,000 = 800,000
    let a = run(&spain(&["ES"])
        .goods("ES", "3000000")
        .goods("CH", "1000000")
        .build());
    let p = program(&a, "es-national");
    assert_eq!(p.status, Claimed);
    assert_eq!(p.gross, d("800000"));
    // public aid 800,000 ≤ 50% × 4,000,000 = 2,000,000: not binding
    assert!(!aid_cap(p).binding);
    assert_eq!(aid_cap(p).limit, d("2000000"));
}

#[test]
fn spain_national_one_million_minimum() {
    // €999,999.99: €0.01 short; would be 30% × 999,999.99 = 299,999.997
    let a = run(&spain(&["ES"])
        .goods("ES", "999999.99")
        .goods("CH", "1000000")
        .build());
    let p = program(&a, "es-national");
    assert_eq!(p.status, NotEligible);
    assert_eq!(p.reasons[0].shortfall, Some(d("0.01")));
    assert_eq!(p.potential_gross, d("299999.997"));
    // €1M: 30% × 1,000,000 = 300,000
    let a = run(&spain(&["ES"])
        .goods("ES", "1000000")
        .goods("CH", "1000000")
        .build());
    assert_eq!(program(&a, "es-national").status, Claimed);
    assert_eq!(program(&a, "es-national").gross, d("300000"));
}

#[test]
fn spain_national_animation_minimum_200000() {
    let animated = |es: &str, ch: &str| {
        spain(&["ES"])
            .format(Format::Animation)
            .goods("ES", es)
            .goods("CH", ch)
            .build()
    };
    // €200,000 of animation: 30% × 200,000 = 60,000
    let a = run(&animated("200000", "200000"));
    assert_eq!(program(&a, "es-national").status, Claimed);
    assert_eq!(program(&a, "es-national").gross, d("60000"));
    // €199,999.99: €0.01 short of the €200k animation minimum
    let a = run(&animated("199999.99", "200000.01"));
    let p = program(&a, "es-national");
    assert_eq!(p.status, NotEligible);
    assert_eq!(p.reasons[0].shortfall, Some(d("0.01")));
}

#[test]
fn spain_national_twenty_million_cap() {
    // €79.8M: 300,000 + 25% × 78,800,000 = 300,000 + 19,700,000 = 20,000,000: exactly the cap.
    // Aid: 50% × 79,800,000 = 39,900,000, far above.
    let a = run(&spain(&["ES"]).goods("ES", "79800000").build());
    let p = program(&a, "es-national");
    assert_eq!(p.gross, d("20000000"));
    assert!(!cap(p, "20000000").binding);
    assert_eq!(cap(p, "20000000").headroom, d("0"));
    // €79,800,000.04: 300,000 + 25% × 78,800,000.04 = 20,000,000.01 → 20,000,000
    let a = run(&spain(&["ES"]).goods("ES", "79800000.04").build());
    let p = program(&a, "es-national");
    assert!(cap(p, "20000000").binding);
    assert_eq!(p.gross, d("20000000"));
}

#[test]
fn spain_national_series_caps() {
    // 8-episode TV series, €100M in Spain: 300,000 + 25% × 99,000,000 = 25,050,000;
    // the €20M production cap binds; €10M × 8 = 80,000,000 per-episode cap does not (its
    // headroom is measured after the first cap: 80,000,000 − 20,000,000 = 60,000,000)
    let a = run(&spain(&["ES"])
        .release(Release::Television)
        .episodes(8)
        .goods("ES", "100000000")
        .build());
    let p = program(&a, "es-national");
    assert_eq!(p.gross, d("20000000"));
    assert!(cap(p, "20000000").binding);
    let per_episode = cap(p, "80000000");
    assert!(!per_episode.binding);
    assert_eq!(per_episode.headroom, d("60000000"));
}

#[test]
fn spain_national_animated_series_gets_both_variants() {
    // Animation lowers the minimum to €200k; a series adds the €10M-per-episode cap.
    // 2-episode animated series, €200,000 in Spain (and €200,000 in CH):
    // 30% × 200,000 = 60,000, claimed; caps €20M and €10M × 2 = €20M both listed.
    let animated_series = |es: &str| {
        spain(&["ES"])
            .format(Format::Animation)
            .release(Release::Television)
            .episodes(2)
            .goods("ES", es)
            .goods("CH", "200000")
            .build()
    };
    let a = run(&animated_series("200000"));
    let p = program(&a, "es-national");
    assert_eq!((p.status, p.gross), (Claimed, d("60000")));
    assert_eq!(
        p.caps
            .iter()
            .filter(|c| c.limit == d("20000000") && c.label.contains("per episode"))
            .count(),
        1,
        "{:?}",
        p.caps
    );
    // €199,999.99 is €0.01 short of the animation minimum
    let a = run(&animated_series("199999.99"));
    assert_eq!(
        program(&a, "es-national").reasons[0].shortfall,
        Some(d("0.01"))
    );
}

#[test]
fn spain_national_fifty_percent_aid_ceiling() {
    // Budget €2M all in Spain; credit 300,000 + 25% × 1,000,000 = 550,000.
    // Public fund €500k: aid 500,000 + 550,000 = 1,050,000 > 50% × 2,000,000 = 1,000,000,
    // so the credit falls by 50,000 to 500,000.
    let a = run(&spain(&["ES"])
        .funds(FinancingKind::PublicFund, "500000", "EUR")
        .goods("ES", "2000000")
        .build());
    let p = program(&a, "es-national");
    assert_eq!(p.gross, d("500000"));
    assert!(aid_cap(p).binding);
    assert_eq!(aid_cap(p).limit, d("1000000"));
    assert_eq!(a.public_aid, d("1000000"));
    // Public fund €450k: 450,000 + 550,000 = 1,000,000, exactly the ceiling: no cut
    let a = run(&spain(&["ES"])
        .funds(FinancingKind::PublicFund, "450000", "EUR")
        .goods("ES", "2000000")
        .build());
    let p = program(&a, "es-national");
    assert_eq!(p.gross, d("550000"));
    assert!(!aid_cap(p).binding);
}

#[test]
fn spain_national_leaves_out_regional_spend() {
    // €2M mainland + €1M each in the Canaries, Navarre, the Basque Country and Bizkaia (€6M).
    // National on mainland only: 300,000 + 25% × 1,000,000 = 550,000.
    // Canaries: 50% × 1,000,000 = 500,000 (minimum €1M met exactly).
    // Navarre: 1M / 6M = 16.7% < 40%: not eligible.
    // Bizkaia lies within the Basque Country, so Basque spend is €2M (33.3%):
    // Gipuzkoa: 33.3% < 35%: not eligible; Araba: 50% × 2,000,000 = 1,000,000.
    // Bizkaia: 35% × 1,000,000 = 350,000, but a company is taxed in one province: Araba wins.
    // Aid: 550,000 + 500,000 + 1,000,000 = 2,050,000 ≤ 50% × 6,000,000: no cut.
    let a = run(&spain(&["ES", "ES-CN", "ES-NC", "ES-PV", "ES-BI"])
        .goods("ES", "2000000")
        .goods("ES-CN", "1000000")
        .goods("ES-NC", "1000000")
        .goods("ES-PV", "1000000")
        .goods("ES-BI", "1000000")
        .build());
    let national = program(&a, "es-national");
    assert_eq!(national.qualifying_spend, d("2000000"));
    assert_eq!(national.gross, d("550000"));
    assert_eq!(program(&a, "es-cn").gross, d("500000"));
    assert_eq!(program(&a, "es-nc").status, NotEligible);
    assert_eq!(program(&a, "es-pv-gipuzkoa").status, NotEligible);
    assert_eq!(program(&a, "es-pv-araba").gross, d("1000000"));
    assert_eq!(program(&a, "es-bi").status, Excluded);
    assert_eq!(program(&a, "es-bi").potential_gross, d("350000"));
    assert_eq!(a.public_aid, d("2050000"));
}

#[test]
fn canary_bands_fifty_then_forty_five() {
    // €3M in the Canaries: 50% × 1,000,000 + 45% × 2,000,000 = 500,000 + 900,000 = 1,400,000.
    // No mainland spend: the national credit is not in play.
    let a = run(&spain(&["ES-CN"])
        .goods("ES-CN", "3000000")
        .goods("CH", "3000000")
        .build());
    let p = program(&a, "es-cn");
    assert_eq!(p.status, Claimed);
    assert_eq!(p.gross, d("1400000"));
    assert_eq!(program(&a, "es-national").status, NoSpend);
}

#[test]
fn canary_one_million_minimum() {
    let a = run(&spain(&["ES-CN"])
        .goods("ES-CN", "999999.99")
        .goods("CH", "1000000")
        .build());
    let p = program(&a, "es-cn");
    assert_eq!(p.status, NotEligible);
    assert_eq!(p.reasons[0].shortfall, Some(d("0.01")));
    // €1M: 50% × 1,000,000 = 500,000 (aid 500,000 ≤ 50% × 2,000,000)
    let a = run(&spain(&["ES-CN"])
        .goods("ES-CN", "1000000")
        .goods("CH", "1000000")
        .build());
    assert_eq!(program(&a, "es-cn").gross, d("500000"));
}

#[test]
fn canary_thirty_six_million_cap() {
    // €80M: 500,000 + 45% × 79,000,000 = 36,050,000 → €36M (profilm.es, newer figure).
    // Aid: 50% × 80,000,000 = 40,000,000 ≥ 36,000,000.
    let a = run(&spain(&["ES-CN"]).goods("ES-CN", "80000000").build());
    let p = program(&a, "es-cn");
    assert_eq!(p.gross, d("36000000"));
    assert!(cap(p, "36000000").binding);
    assert!(!aid_cap(p).binding);
    // €79.8M: 500,000 + 45% × 78,800,000 = 35,960,000, under the cap
    let a = run(&spain(&["ES-CN"]).goods("ES-CN", "79800000").build());
    let p = program(&a, "es-cn");
    assert_eq!(p.gross, d("35960000"));
    assert!(!cap(p, "36000000").binding);
    assert_eq!(cap(p, "36000000").headroom, d("40000"));
}

#[test]
fn canary_aid_ceiling() {
    // €2M in the Canaries: 500,000 + 450,000 = 950,000; public fund €100k:
    // 1,050,000 > 50% × 2,000,000 = 1,000,000 → cut 50,000 → 900,000
    let a = run(&spain(&["ES-CN"])
        .funds(FinancingKind::PublicFund, "100000", "EUR")
        .goods("ES-CN", "2000000")
        .build());
    let p = program(&a, "es-cn");
    assert_eq!(p.gross, d("900000"));
    assert!(aid_cap(p).binding);
}

#[test]
fn canary_and_national_share_one_aid_ceiling() {
    // Canaries €2M → 950,000; mainland €1M → 300,000; public fund €400k.
    // Aid 400,000 + 950,000 + 300,000 = 1,650,000 > 50% × 3,000,000 = 1,500,000:
    // the credits together fall by 150,000 to 1,100,000.
    let a = run(&spain(&["ES", "ES-CN"])
        .funds(FinancingKind::PublicFund, "400000", "EUR")
        .goods("ES-CN", "2000000")
        .goods("ES", "1000000")
        .build());
    let both = program(&a, "es-cn").gross + program(&a, "es-national").gross;
    assert_eq!(both, d("1100000"));
    assert_eq!(a.public_aid, d("1500000"));
}

#[test]
fn navarre_forty_five_percent_from_forty_percent_local() {
    // €4M of €10M in Navarre = 40%, the minimum share: 45% × 4,000,000 = 1,800,000
    let a = run(&spain(&["ES-NC"])
        .goods("ES-NC", "4000000")
        .goods("CH", "6000000")
        .build());
    let p = program(&a, "es-nc");
    assert_eq!(p.status, Claimed);
    assert_eq!(p.gross, d("1800000"));
    // €3,999,999.99: €0.01 short of 40% × 10,000,000
    let a = run(&spain(&["ES-NC"])
        .goods("ES-NC", "3999999.99")
        .goods("CH", "6000000.01")
        .build());
    let p = program(&a, "es-nc");
    assert_eq!(p.status, NotEligible);
    assert_eq!(p.reasons[0].shortfall, Some(d("0.01")));
}

#[test]
fn navarre_difficult_work_fifty_percent_on_the_first_three_million() {
    let navarre = |nc: &str, ch: &str, difficult: bool| {
        let mut b = spain(&["ES-NC"]).goods("ES-NC", nc).goods("CH", ch);
        if difficult {
            b = b.uplift("es-nc/difficult-work");
        }
        program(&run(&b.build()), "es-nc").clone()
    };
    // €5M: 50% × 3,000,000 + 45% × 2,000,000 = 1,500,000 + 900,000 = 2,400,000
    assert_eq!(navarre("5000000", "5000000", true).gross, d("2400000"));
    // without the declaration: 45% × 5,000,000 = 2,250,000
    assert_eq!(navarre("5000000", "5000000", false).gross, d("2250000"));
    // €2M, difficult: 50% × 2,000,000 = 1,000,000
    assert_eq!(navarre("2000000", "0", true).gross, d("1000000"));
}

#[test]
fn navarre_five_million_cap() {
    let navarre = |nc: &str, difficult: bool| {
        let mut b = spain(&["ES-NC"]).goods("ES-NC", nc);
        if difficult {
            b = b.uplift("es-nc/difficult-work");
        }
        program(&run(&b.build()), "es-nc").clone()
    };
    // €12M: 45% × 12,000,000 = 5,400,000 → 5,000,000
    let p = navarre("12000000", false);
    assert_eq!(p.gross, d("5000000"));
    assert!(cap(&p, "5000000").binding);
    // €11,111,111.11: 45% = 4,999,999.9995, just under
    let p = navarre("11111111.11", false);
    assert_eq!(p.gross, d("4999999.9995"));
    assert!(!cap(&p, "5000000").binding);
    // difficult, €11M: 1,500,000 + 45% × 8,000,000 = 5,100,000 → 5,000,000
    assert_eq!(navarre("11000000", true).gross, d("5000000"));
    // difficult, €10M: 1,500,000 + 45% × 7,000,000 = 4,650,000
    assert_eq!(navarre("10000000", true).gross, d("4650000"));
}

/// A Basque production: `pv` spent in the Basque Country, `ch` elsewhere.
fn basque(pv: &str, ch: &str) -> Builder {
    spain(&["ES-PV"]).goods("ES-PV", pv).goods("CH", ch)
}

#[test]
fn gipuzkoa_fifty_percent_from_thirty_five_percent_local() {
    // €4M of €10M = 40%: 50% × 4,000,000 = 2,000,000 (aid 2,000,000 ≤ 5,000,000).
    // Araba: 50% × 4,000,000 = 2,000,000, a tie: the earlier rule (Gipuzkoa) is kept.
    let a = run(&basque("4000000", "6000000").build());
    let g = program(&a, "es-pv-gipuzkoa");
    assert_eq!(g.status, Claimed);
    assert_eq!(g.gross, d("2000000"));
    let ar = program(&a, "es-pv-araba");
    assert_eq!(ar.status, Excluded);
    assert_eq!(ar.potential_gross, d("2000000"));
    assert_eq!(a.incentives_gross, d("2000000"));
}

#[test]
fn gipuzkoa_thirty_five_percent_threshold() {
    // exactly 35% (€3.5M of €10M): 50% × 3,500,000 = 1,750,000
    let a = run(&basque("3500000", "6500000").build());
    assert_eq!(program(&a, "es-pv-gipuzkoa").status, Claimed);
    assert_eq!(program(&a, "es-pv-gipuzkoa").gross, d("1750000"));
    // €3,499,999.99: €0.01 short of 35% × 10,000,000; Araba (no share rule) takes over:
    // 50% × 3,499,999.99 = 1,749,999.995
    let a = run(&basque("3499999.99", "6500000.01").build());
    let g = program(&a, "es-pv-gipuzkoa");
    assert_eq!(g.status, NotEligible);
    assert_eq!(g.reasons[0].shortfall, Some(d("0.01")));
    assert_eq!(g.potential_gross, d("0"));
    let ar = program(&a, "es-pv-araba");
    assert_eq!(ar.status, Claimed);
    assert_eq!(ar.gross, d("1749999.995"));
}

#[test]
fn gipuzkoa_sixty_percent_only_above_half() {
    // exactly 50% (€5M of €10M) is not above: 50% × 5,000,000 = 2,500,000
    let a = run(&basque("5000000", "5000000").build());
    assert_eq!(program(&a, "es-pv-gipuzkoa").gross, d("2500000"));
    // €5,000,000.01 of €10M: 60% × 5,000,000.01 = 3,000,000.006 (aid 5,000,000: not binding);
    // Araba 50% × 5,000,000.01 = 2,500,000.005, excluded
    let a = run(&basque("5000000.01", "4999999.99").build());
    let g = program(&a, "es-pv-gipuzkoa");
    assert_eq!(g.gross, d("3000000.006"));
    assert!(!aid_cap(g).binding);
    assert_eq!(program(&a, "es-pv-araba").status, Excluded);
    assert_eq!(program(&a, "es-pv-araba").potential_gross, d("2500000.005"));
}

#[test]
fn gipuzkoa_basque_language_ten_points() {
    // 60% band (€6M of €10M) + 10 points = 70% × 6,000,000 = 4,200,000 (aid 5,000,000)
    let a = run(&basque("6000000", "4000000")
        .uplift("es-pv-gipuzkoa/basque-language")
        .build());
    assert_eq!(program(&a, "es-pv-gipuzkoa").gross, d("4200000"));
    // 50% band (€4M of €10M) + 10 points = 60% × 4,000,000 = 2,400,000
    let a = run(&basque("4000000", "6000000")
        .uplift("es-pv-gipuzkoa/basque-language")
        .build());
    assert_eq!(program(&a, "es-pv-gipuzkoa").gross, d("2400000"));
}

#[test]
fn gipuzkoa_ten_million_cap() {
    // €20M of €24M (83.3%): 60% × 20,000,000 = 12,000,000 → 10,000,000;
    // aid 50% × 24,000,000 = 12,000,000: not binding
    let a = run(&basque("20000000", "4000000").build());
    let g = program(&a, "es-pv-gipuzkoa");
    assert_eq!(g.gross, d("10000000"));
    assert!(cap(g, "10000000").binding);
    assert!(!aid_cap(g).binding);
    // €16M of €20M (80%): 60% × 16,000,000 = 9,600,000, under the cap (aid limit 10,000,000)
    let a = run(&basque("16000000", "4000000").build());
    let g = program(&a, "es-pv-gipuzkoa");
    assert_eq!(g.gross, d("9600000"));
    assert!(!cap(g, "10000000").binding);
}

#[test]
fn gipuzkoa_fifty_percent_aid_ceiling() {
    // all €10M in the Basque Country: 60% × 10,000,000 = 6,000,000 > 50% × 10,000,000 =
    // 5,000,000 → 5,000,000. Araba (50% × 10,000,000 = 5,000,000) lost to the 6,000,000
    // before the ceiling applied.
    let a = run(&basque("10000000", "0").build());
    let g = program(&a, "es-pv-gipuzkoa");
    assert_eq!(g.status, Claimed);
    assert_eq!(g.gross, d("5000000"));
    assert!(aid_cap(g).binding);
    assert_eq!(program(&a, "es-pv-araba").status, Excluded);
    // €4M of €10M with a €3.5M public fund: Gipuzkoa 50% × 4,000,000 = 2,000,000, but
    // 3,500,000 + 2,000,000 = 5,500,000 > 5,000,000 → 2,000,000 − 500,000 = 1,500,000.
    // Araba gives 50% × 4,000,000 = 2,000,000 and carries no aid ceiling, so once the ceiling
    // is counted Araba is worth more and is the one claimed: aid 3,500,000 + 2,000,000.
    let a = run(&spain(&["ES-PV"])
        .funds(FinancingKind::PublicFund, "3500000", "EUR")
        .goods("ES-PV", "4000000")
        .goods("CH", "6000000")
        .build());
    let ar = program(&a, "es-pv-araba");
    assert_eq!((ar.status, ar.gross), (Claimed, d("2000000")));
    let g = program(&a, "es-pv-gipuzkoa");
    assert_eq!(g.status, Excluded);
    assert_eq!(g.potential_gross, d("2000000"));
    assert!(
        g.reasons[0]
            .message
            .contains("once public-aid ceilings apply (€2,000,000"),
        "{}",
        g.reasons[0].message
    );
    assert_eq!(a.public_aid, d("5500000"));
    // With a €3M fund the ceiling cuts nothing (3,000,000 + 2,000,000 = 5,000,000): the tie
    // keeps the earlier rule, Gipuzkoa, at 2,000,000.
    let a = run(&spain(&["ES-PV"])
        .funds(FinancingKind::PublicFund, "3000000", "EUR")
        .goods("ES-PV", "4000000")
        .goods("CH", "6000000")
        .build());
    assert_eq!(program(&a, "es-pv-gipuzkoa").gross, d("2000000"));
    assert_eq!(program(&a, "es-pv-araba").status, Excluded);
}

#[test]
fn basque_choice_counts_benefits_from_other_countries_against_the_ceiling() {
    // €4M in the Basque Country, €6M in Hungary (test declared), a €2M Spanish public fund;
    // budget €10M. Gipuzkoa 50% × 4,000,000 = 2,000,000; Araba the same. Hungary counts
    // foreign spend up to 25% of its own: 6,000,000 + 1,500,000 = 7,500,000 × 30% =
    // 2,250,000 (no ceiling).
    // With Gipuzkoa: aid 2,000,000 + 2,000,000 + 2,250,000 = 6,250,000 > 5,000,000, so
    // Gipuzkoa falls by 1,250,000 to 750,000: the project keeps 750,000 + 2,250,000.
    // With Araba (no ceiling): 2,000,000 + 2,250,000 = 4,250,000. Araba is claimed, although
    // among the Basque credits alone (2,000,000 + 2,000,000 ≤ 5,000,000) it was a tie.
    let a = run(&spain(&["ES-PV", "HU"])
        .funds(FinancingKind::PublicFund, "2000000", "EUR")
        .cultural_test("HU")
        .goods("ES-PV", "4000000")
        .goods("HU", "6000000")
        .build());
    let ar = program(&a, "es-pv-araba");
    assert_eq!((ar.status, ar.gross), (Claimed, d("2000000")));
    let g = program(&a, "es-pv-gipuzkoa");
    assert_eq!((g.status, g.potential_gross), (Excluded, d("2000000")));
    assert_eq!(program(&a, "hu-rebate").gross, d("2250000"));
    assert_eq!(a.incentives_gross, d("4250000"));
    assert_eq!(a.public_aid, d("6250000"));
}

#[test]
fn gipuzkoa_three_million_per_episode() {
    // 3-episode series, €16M of €20M (80%): 60% × 16,000,000 = 9,600,000;
    // €3M × 3 = 9,000,000 binds, €10M does not. Araba 50% × 16,000,000 = 8,000,000 (its own
    // 9,000,000 cap not reached): excluded.
    let series = |pv: &str, ch: &str| run(&basque(pv, ch).episodes(3).build());
    let a = series("16000000", "4000000");
    let g = program(&a, "es-pv-gipuzkoa");
    assert_eq!(g.gross, d("9000000"));
    assert!(cap(g, "9000000").binding);
    assert!(!cap(g, "10000000").binding);
    assert_eq!(program(&a, "es-pv-araba").potential_gross, d("8000000"));
    // €15M of €18.75M (80%): 60% × 15,000,000 = 9,000,000, exactly the per-episode cap
    let a = series("15000000", "3750000");
    let g = program(&a, "es-pv-gipuzkoa");
    assert_eq!(g.gross, d("9000000"));
    assert!(!cap(g, "9000000").binding);
}

#[test]
fn basque_credits_count_spend_in_every_basque_province() {
    // ISO 3166-2:ES: Bizkaia (ES-BI), Gipuzkoa (ES-SS) and Araba (ES-VI) lie within the
    // Basque Country (ES-PV). €4M under ES-PV, €6M under ES-BI, budget €10M:
    // Gipuzkoa sees 10M / 10M = 100% → 60% × 10,000,000 = 6,000,000, cut by its aid ceiling
    // (50% × 10,000,000) to 5,000,000. Araba: 50% × 10,000,000 = 5,000,000.
    // Bizkaia counts only its own €6M: 35% × 6,000,000 = 2,100,000.
    // A company is taxed in one province, so the three are one group; after the ceiling
    // Gipuzkoa and Araba tie at 5,000,000 and the earlier rule, Gipuzkoa, is kept.
    let a = run(&spain(&["ES-PV", "ES-BI"])
        .goods("ES-PV", "4000000")
        .goods("ES-BI", "6000000")
        .build());
    let g = program(&a, "es-pv-gipuzkoa");
    assert_eq!(g.local_spend, d("10000000"));
    assert_eq!((g.status, g.gross), (Claimed, d("5000000")));
    assert_eq!(program(&a, "es-pv-araba").status, Excluded);
    let bi = program(&a, "es-bi");
    assert_eq!(bi.status, Excluded);
    assert_eq!(bi.potential_gross, d("2100000"));
    assert_eq!(a.incentives_gross, d("5000000"));

    // Spend recorded under the provinces themselves counts the same: €3M in Gipuzkoa (ES-SS)
    // and €1M in Araba (ES-VI) of €10M is 40% in the Basque Country → 50% × 4,000,000.
    let a = run(&spain(&["ES-SS", "ES-VI"])
        .goods("ES-SS", "3000000")
        .goods("ES-VI", "1000000")
        .goods("CH", "6000000")
        .build());
    let g = program(&a, "es-pv-gipuzkoa");
    assert_eq!(g.local_spend, d("4000000"));
    assert_eq!(g.gross, d("2000000"));
    // and none of it counts for the national credit
    assert_eq!(program(&a, "es-national").status, NoSpend);
}

#[test]
fn araba_fifty_percent_below_gipuzkoas_share() {
    // €3M of €10M = 30%: Gipuzkoa not eligible; Araba 50% × 3,000,000 = 1,500,000
    let a = run(&basque("3000000", "7000000").build());
    assert_eq!(program(&a, "es-pv-gipuzkoa").status, NotEligible);
    let ar = program(&a, "es-pv-araba");
    assert_eq!(ar.status, Claimed);
    assert_eq!(ar.gross, d("1500000"));
}

#[test]
fn araba_declared_sixty_percent_beats_gipuzkoa() {
    // €4M of €10M, Araba's 60% declared: 60% × 4,000,000 = 2,400,000 > Gipuzkoa 2,000,000
    let a = run(&basque("4000000", "6000000")
        .uplift("es-pv-araba/higher-share")
        .build());
    assert_eq!(program(&a, "es-pv-araba").status, Claimed);
    assert_eq!(program(&a, "es-pv-araba").gross, d("2400000"));
    let g = program(&a, "es-pv-gipuzkoa");
    assert_eq!(g.status, Excluded);
    assert_eq!(g.potential_gross, d("2000000"));
}

#[test]
fn araba_uplifts_combine() {
    // €3M of €10M: 60% then +10 points = 70% × 3,000,000 = 2,100,000
    let a = run(&basque("3000000", "7000000")
        .uplift("es-pv-araba/higher-share")
        .uplift("es-pv-araba/basque-language")
        .build());
    assert_eq!(program(&a, "es-pv-araba").gross, d("2100000"));
    // Basque only: (50 + 10)% × 3,000,000 = 1,800,000
    let a = run(&basque("3000000", "7000000")
        .uplift("es-pv-araba/basque-language")
        .build());
    assert_eq!(program(&a, "es-pv-araba").gross, d("1800000"));
}

#[test]
fn araba_ten_million_cap() {
    // Under 35% local so only Araba is eligible.
    // €20,000,000.02 of €60M: 50% = 10,000,000.01 → 10,000,000
    let a = run(&basque("20000000.02", "40000000").build());
    let ar = program(&a, "es-pv-araba");
    assert_eq!(ar.gross, d("10000000"));
    assert!(cap(ar, "10000000").binding);
    // €19,999,999.98: 50% = 9,999,999.99
    let a = run(&basque("19999999.98", "40000000").build());
    let ar = program(&a, "es-pv-araba");
    assert_eq!(ar.gross, d("9999999.99"));
    assert!(!cap(ar, "10000000").binding);
}

#[test]
fn araba_three_million_per_episode() {
    // 2-episode series, €13M of €40M (32.5%): 50% × 13,000,000 = 6,500,000 → €3M × 2 = 6,000,000
    let a = run(&basque("13000000", "27000000").episodes(2).build());
    let ar = program(&a, "es-pv-araba");
    assert_eq!(ar.status, Claimed);
    assert_eq!(ar.gross, d("6000000"));
    assert!(cap(ar, "6000000").binding);
    assert!(!cap(ar, "10000000").binding);
}

#[test]
fn bizkaia_thirty_five_percent_and_its_uplifts() {
    // €1M in Bizkaia of €2M. Bizkaia lies within the Basque Country, so Araba's credit
    // (50% of Basque spend, same group) is 500,000 and Gipuzkoa's (50% share → 50% band) too;
    // the group keeps whichever is worth most.
    let bizkaia = |uplifts: &[&str]| {
        let mut b = spain(&["ES-BI"])
            .goods("ES-BI", "1000000")
            .goods("CH", "1000000");
        for u in uplifts {
            b = b.uplift(u);
        }
        program(&run(&b.build()), "es-bi").clone()
    };
    // 35% × 1,000,000 = 350,000 < 500,000: excluded
    let p = bizkaia(&[]);
    assert_eq!((p.status, p.potential_gross), (Excluded, d("350000")));
    // declared 60%: 600,000, claimed
    let p = bizkaia(&["es-bi/higher-share"]);
    assert_eq!((p.status, p.gross), (Claimed, d("600000")));
    // 60% + 10 points: 700,000
    assert_eq!(
        bizkaia(&["es-bi/higher-share", "es-bi/basque-language"]).gross,
        d("700000")
    );
    // 35% + 10 points: 450,000 < 500,000: excluded
    let p = bizkaia(&["es-bi/basque-language"]);
    assert_eq!((p.status, p.potential_gross), (Excluded, d("450000")));
}

// ---------------------------------------------------------------------------------------
// Germany: de-dfff-1, de-dfff-2 (group "de-dfff"), de-gmpf
// ---------------------------------------------------------------------------------------

fn germany(partner: &str, de: &str, ch: &str) -> Builder {
    Builder::new("EUR", &["DE", "CH"])
        .partner(&partner.to_lowercase(), partner, Majority)
        .cultural_test("DE")
        .goods("DE", de)
        .goods("CH", ch)
}

#[test]
fn dfff_one_thirty_percent_for_a_german_cinema_film() {
    // German producer, theatrical: 30% × 5,000,000 = 1,500,000 (80% × 10,000,000 = 8,000,000
    // not binding). DFFF II is for service productions; GMPF for non-theatrical works.
    let a = run(&germany("DE", "5000000", "5000000").build());
    let p = program(&a, "de-dfff-1");
    assert_eq!(p.status, Claimed);
    assert_eq!(p.gross, d("1500000"));
    assert_eq!(cap(p, "8000000").headroom, d("3000000"));
    assert_eq!(program(&a, "de-dfff-2").status, NotApplicable);
    assert_eq!(
        program(&a, "de-dfff-2").reasons[0].rule,
        "foreign production"
    );
    assert_eq!(program(&a, "de-gmpf").status, NotApplicable);
    assert_eq!(program(&a, "de-gmpf").reasons[0].rule, "kind of work");
}

#[test]
fn dfff_one_eighty_percent_of_budget() {
    // €8M of €10M: exactly 80%, not binding: 30% × 8,000,000 = 2,400,000
    let p = program(
        &run(&germany("DE", "8000000", "2000000").build()),
        "de-dfff-1",
    )
    .clone();
    assert_eq!(p.gross, d("2400000"));
    assert!(!cap(&p, "8000000").binding);
    // all €10M in Germany: counted 8,000,000 → 2,400,000
    let p = program(&run(&germany("DE", "10000000", "0").build()), "de-dfff-1").clone();
    assert!(cap(&p, "8000000").binding);
    assert_eq!((p.counted_spend, p.gross), (d("8000000"), d("2400000")));
}

#[test]
fn dfff_one_five_million_cap() {
    let dfff =
        |de: &str, ch: &str| program(&run(&germany("DE", de, ch).build()), "de-dfff-1").clone();
    // €16,666,666.66 of €24,666,666.66: 30% = 4,999,999.998, under €5M
    let p = dfff("16666666.66", "8000000");
    assert_eq!(p.gross, d("4999999.998"));
    assert!(!cap(&p, "5000000").binding);
    // €16,666,666.67: 30% = 5,000,000.001 → 5,000,000
    let p = dfff("16666666.67", "8000000");
    assert_eq!(p.gross, d("5000000"));
    assert!(cap(&p, "5000000").binding);
    // €20M of €25M (80% = 20M, not binding): 6,000,000 → 5,000,000
    assert_eq!(dfff("20000000", "5000000").gross, d("5000000"));
}

#[test]
fn dfff_needs_a_cinema_release_and_the_cultural_test() {
    // a TV film: DFFF I and II are for theatrical releases
    let a = run(&germany("DE", "5000000", "5000000")
        .release(Release::Television)
        .build());
    for id in ["de-dfff-1", "de-dfff-2"] {
        assert_eq!(program(&a, id).status, NotApplicable, "{id}");
        assert_eq!(program(&a, id).reasons[0].rule, "kind of work", "{id}");
    }
    // no cultural test declared
    let mut b = germany("DE", "5000000", "5000000");
    b.data.declarations.cultural_tests.clear();
    let p = program(&run(&b.build()), "de-dfff-1").clone();
    assert_eq!(p.status, NotEligible);
    assert_eq!(p.reasons[0].rule, "cultural test");
    assert_eq!(p.potential_gross, d("1500000"));
}

#[test]
fn dfff_two_for_a_large_service_production() {
    // US producer, €40M of €50M in Germany (budget ≥ €20M, German spend ≥ €8M).
    // DFFF II: 25% × 40,000,000 = 10,000,000 (cap €25M).
    // DFFF I is for German producers: not applicable to a US service production (it would be
    // 30% × 40M = 12,000,000 → €5M cap).
    let a = run(&germany("US", "40000000", "10000000").build());
    let two = program(&a, "de-dfff-2");
    assert_eq!(two.status, Claimed);
    assert_eq!(two.gross, d("10000000"));
    let one = program(&a, "de-dfff-1");
    assert_eq!(one.status, NotApplicable);
    assert_eq!(one.potential_gross, d("5000000"));
    assert_eq!(a.incentives_gross, d("10000000"));
}

#[test]
fn dfff_two_twenty_five_million_cap() {
    // €100M: 25% = 25,000,000, exactly the cap
    let p = program(&run(&germany("US", "100000000", "0").build()), "de-dfff-2").clone();
    assert_eq!(p.gross, d("25000000"));
    assert!(!cap(&p, "25000000").binding);
    // €100,000,000.04: 25% = 25,000,000.01 → 25,000,000
    let p = program(
        &run(&germany("US", "100000000.04", "0").build()),
        "de-dfff-2",
    )
    .clone();
    assert!(cap(&p, "25000000").binding);
    assert_eq!(p.gross, d("25000000"));
}

#[test]
fn dfff_two_minimum_budget_and_german_spend() {
    // budget €19,999,999.99: €0.01 short of the €20M budget minimum
    let a = run(&germany("US", "10000000", "9999999.99").build());
    let p = program(&a, "de-dfff-2");
    assert_eq!(p.status, NotEligible);
    assert_eq!(p.reasons[0].rule, "minimum budget");
    assert_eq!(p.reasons[0].shortfall, Some(d("0.01")));
    // German spend €7,999,999.99 of €25M: €0.01 short of €8M
    let a = run(&germany("US", "7999999.99", "17000000").build());
    let p = program(&a, "de-dfff-2");
    assert_eq!(p.status, NotEligible);
    assert_eq!(p.reasons.len(), 1);
    assert_eq!(p.reasons[0].rule, "minimum qualifying spend");
    assert_eq!(p.reasons[0].shortfall, Some(d("0.01")));
    // both exactly met (€8M of €20M): 25% × 8,000,000 = 2,000,000; DFFF I (30%) is for
    // German producers and does not apply to this US production
    let a = run(&germany("US", "8000000", "12000000").build());
    let two = program(&a, "de-dfff-2");
    assert_eq!(two.status, Claimed);
    assert_eq!(two.gross, d("2000000"));
    assert_eq!(program(&a, "de-dfff-1").status, NotApplicable);
}

#[test]
fn dfff_two_animation_minimum_two_million() {
    let animated =
        |de: &str, ch: &str| run(&germany("US", de, ch).format(Format::Animation).build());
    // €2M of €20M: animation minimum met; 25% × 2,000,000 = 500,000
    let a = animated("2000000", "18000000");
    let two = program(&a, "de-dfff-2");
    assert_eq!(two.status, Claimed);
    assert_eq!(two.gross, d("500000"));
    // €1,999,999.99: €0.01 short of €2M
    let a = animated("1999999.99", "18000000.01");
    let two = program(&a, "de-dfff-2");
    assert_eq!(two.status, NotEligible);
    assert_eq!(two.reasons[0].shortfall, Some(d("0.01")));
}

#[test]
fn gmpf_thirty_percent_for_a_tv_film() {
    // TV film, €10M in Germany: 30% × 10,000,000 = 3,000,000 (no 80% rule in GMPF)
    let a = run(&germany("DE", "10000000", "0")
        .release(Release::Television)
        .build());
    let p = program(&a, "de-gmpf");
    assert_eq!(p.status, Claimed);
    assert_eq!(p.gross, d("3000000"));
    assert_eq!(program(&a, "de-dfff-1").status, NotApplicable);
}

#[test]
fn gmpf_five_million_for_a_film() {
    let gmpf = |de: &str| {
        program(
            &run(&germany("DE", de, "0").release(Release::Online).build()),
            "de-gmpf",
        )
        .clone()
    };
    // €20M: 6,000,000 → 5,000,000
    let p = gmpf("20000000");
    assert_eq!(p.gross, d("5000000"));
    assert!(cap(&p, "5000000").binding);
    // €16M: 4,800,000
    let p = gmpf("16000000");
    assert_eq!(p.gross, d("4800000"));
    assert!(!cap(&p, "5000000").binding);
}

#[test]
fn gmpf_twenty_million_for_a_series() {
    let series = |de: &str| {
        program(
            &run(&germany("US", de, "0")
                .release(Release::Television)
                .episodes(6)
                .build()),
            "de-gmpf",
        )
        .clone()
    };
    // 6-episode series, €60M: 30% = 18,000,000 (the series cap is €20M, not €5M)
    let p = series("60000000");
    assert_eq!(p.gross, d("18000000"));
    assert!(!cap(&p, "20000000").binding);
    // €70M: 21,000,000 → 20,000,000
    let p = series("70000000");
    assert_eq!(p.gross, d("20000000"));
    assert!(cap(&p, "20000000").binding);
}

#[test]
fn gmpf_needs_the_cultural_test() {
    let mut b = germany("DE", "10000000", "0").release(Release::Television);
    b.data.declarations.cultural_tests.clear();
    let p = program(&run(&b.build()), "de-gmpf").clone();
    assert_eq!(p.status, NotEligible);
    assert_eq!(p.reasons[0].rule, "cultural test");
    assert_eq!(p.potential_gross, d("3000000"));
}

// ---------------------------------------------------------------------------------------
// Italy: it-international, it-domestic
// ---------------------------------------------------------------------------------------

fn italy(partner: &str, it: &str, ch: &str) -> Builder {
    Builder::new("EUR", &["IT", "CH"])
        .partner(&partner.to_lowercase(), partner, Majority)
        .cultural_test("IT")
        .goods("IT", it)
        .goods("CH", ch)
}

#[test]
fn italy_international_forty_percent() {
    // US producer, €5M of €10M in Italy: 75% × 10,000,000 = 7,500,000 not binding;
    // 40% × 5,000,000 = 2,000,000. The domestic credit needs an Italian co-producer.
    let a = run(&italy("US", "5000000", "5000000").build());
    let p = program(&a, "it-international");
    assert_eq!(p.status, Claimed);
    assert_eq!(p.gross, d("2000000"));
    assert_eq!(cap(p, "7500000").headroom, d("2500000"));
    let dom = program(&a, "it-domestic");
    assert_eq!(dom.status, NotApplicable);
    assert_eq!(dom.reasons[0].rule, "local co-producer");
}

#[test]
fn italy_international_seventy_five_percent_of_budget() {
    // €7.5M of €10M: exactly 75%: 40% × 7,500,000 = 3,000,000
    let p = program(
        &run(&italy("US", "7500000", "2500000").build()),
        "it-international",
    )
    .clone();
    assert_eq!(p.gross, d("3000000"));
    assert!(!cap(&p, "7500000").binding);
    // €7,500,000.01: binding → 3,000,000
    let p = program(
        &run(&italy("US", "7500000.01", "2499999.99").build()),
        "it-international",
    )
    .clone();
    assert!(cap(&p, "7500000").binding);
    assert_eq!(p.gross, d("3000000"));
    // all €10M in Italy: counted 7,500,000 → 3,000,000
    let p = program(
        &run(&italy("US", "10000000", "0").build()),
        "it-international",
    )
    .clone();
    assert_eq!((p.counted_spend, p.gross), (d("7500000"), d("3000000")));
}

#[test]
fn italy_international_twenty_million_cap() {
    // €50M of €70M (75% = 52,500,000): 40% × 50,000,000 = 20,000,000, exactly the cap
    let p = program(
        &run(&italy("US", "50000000", "20000000").build()),
        "it-international",
    )
    .clone();
    assert_eq!(p.gross, d("20000000"));
    assert!(!cap(&p, "20000000").binding);
    // €50,000,000.05: 40% = 20,000,000.02 → 20,000,000
    let p = program(
        &run(&italy("US", "50000000.05", "19999999.95").build()),
        "it-international",
    )
    .clone();
    assert!(cap(&p, "20000000").binding);
    assert_eq!(p.gross, d("20000000"));
}

#[test]
fn italy_international_needs_the_cultural_test() {
    let mut b = italy("US", "5000000", "5000000");
    b.data.declarations.cultural_tests.clear();
    let p = program(&run(&b.build()), "it-international").clone();
    assert_eq!(p.status, NotEligible);
    assert_eq!(p.reasons[0].rule, "cultural test");
    assert_eq!(p.potential_gross, d("2000000"));
}

#[test]
fn italy_domestic_fifteen_percent() {
    // Italian producer, €10M of €20M: 15% × 10,000,000 = 1,500,000 (aid ≤ 10,000,000).
    // The international credit is for foreign works only.
    let a = run(&italy("IT", "10000000", "10000000").build());
    let p = program(&a, "it-domestic");
    assert_eq!(p.status, Claimed);
    assert_eq!(p.gross, d("1500000"));
    assert!(!aid_cap(p).binding);
    let int = program(&a, "it-international");
    assert_eq!(int.status, NotApplicable);
    assert_eq!(int.reasons[0].rule, "foreign production");
}

#[test]
fn italy_domestic_declared_forty_percent() {
    // 40% × 10,000,000 = 4,000,000; aid 4,000,000 ≤ 50% × 20,000,000
    let a = run(&italy("IT", "10000000", "10000000")
        .uplift("it-domestic/higher-rate")
        .build());
    assert_eq!(program(&a, "it-domestic").gross, d("4000000"));
}

#[test]
fn italy_domestic_nine_million_cap() {
    let dom = |it: &str, higher: bool| {
        let mut b = italy("IT", it, "0");
        if higher {
            b = b.uplift("it-domestic/higher-rate");
        }
        program(&run(&b.build()), "it-domestic").clone()
    };
    // 40% × 22,500,000 = 9,000,000: exactly the cap (aid limit 11,250,000)
    let p = dom("22500000", true);
    assert_eq!(p.gross, d("9000000"));
    assert!(!cap(&p, "9000000").binding);
    // 40% × 25,000,000 = 10,000,000 → 9,000,000
    let p = dom("25000000", true);
    assert_eq!(p.gross, d("9000000"));
    assert!(cap(&p, "9000000").binding);
    // 15% × 60,000,000.10 = 9,000,000.015 → 9,000,000
    let p = dom("60000000.10", false);
    assert_eq!(p.gross, d("9000000"));
    assert!(cap(&p, "9000000").binding);
    // 15% × 59,999,999.99 = 8,999,999.9985
    assert_eq!(dom("59999999.99", false).gross, d("8999999.9985"));
}

#[test]
fn italy_domestic_fifty_percent_aid_ceiling() {
    let dom = |public: &str| {
        let a = run(&Builder::new("EUR", &["IT"])
            .partner("it", "IT", Majority)
            .funds(FinancingKind::PublicFund, public, "EUR")
            .cultural_test("IT")
            .uplift("it-domestic/higher-rate")
            .goods("IT", "10000000")
            .build());
        (program(&a, "it-domestic").clone(), a.public_aid)
    };
    // €10M budget, 40% → 4,000,000; public fund €1.5M: 5,500,000 > 5,000,000 → 3,500,000
    let (p, aid) = dom("1500000");
    assert_eq!(p.gross, d("3500000"));
    assert!(aid_cap(&p).binding);
    assert_eq!(aid, d("5000000"));
    // public fund €1M: 1,000,000 + 4,000,000 = 5,000,000, exactly the ceiling
    let (p, _) = dom("1000000");
    assert_eq!(p.gross, d("4000000"));
    assert!(!aid_cap(&p).binding);
}

#[test]
fn italy_domestic_needs_the_cultural_test() {
    let mut b = italy("IT", "10000000", "10000000");
    b.data.declarations.cultural_tests.clear();
    let p = program(&run(&b.build()), "it-domestic").clone();
    assert_eq!(p.status, NotEligible);
    assert_eq!(p.reasons[0].rule, "cultural test");
    assert_eq!(p.potential_gross, d("1500000"));
}
