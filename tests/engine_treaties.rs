//! Treaty selection, share bands, the non-party ceiling, financial-only bands, points and
//! the official-status loop. Bands and points are those of the cited texts
//! (../shared/research/rules-facts.md, part A).

mod common;

use common::*;
use coprod::engine::{Assessment, CheckOutcome, ProgramStatus, TreatyCheck, TreatyVerdict, assess};
use coprod::model::{Coproduction, FinancingKind::*, PartnerRole::*, Project, Role};
use coprod::rules::RuleBook;

// ETS 147: bilateral 20–80, multilateral 10–70, financial-only 10–25, non-party ≤ 30%,
// Appendix II: 15 of 19 points. Parties trimmed to the countries the tests use.
const ETS147: &str = r#"(id: "ets-147", name: "Convention 1992", kind: Convention,
    parties: [(country: "FR", confidence: Confirmed), (country: "BE", confidence: Confirmed),
              (country: "IE", confidence: Confirmed), (country: "GB", confidence: Confirmed),
              (country: "HU", confidence: Confirmed), (country: "RS", confidence: Confirmed)],
    bilateral: (min: "20", max: "80"), multilateral: (min: "10", max: "70"),
    financial_only: (min: "10", max: "25"), non_party_max: "30",
    points: (elements: [(Director, 3), (Screenwriter, 3), (Composer, 1), (FirstRole, 3), (SecondRole, 2),
        (ThirdRole, 1), (Camera, 1), (Sound, 1), (Editing, 1), (ProductionDesign, 1), (ShootingLocation, 1),
        (PostLocation, 1)], threshold: 15),
    source: "test", valid_from: "1994-04-01", confidence: Confirmed)"#;
// CETS 220: bilateral 10–90, multilateral 5–80; France not a party in the list used.
const CETS220: &str = r#"(id: "cets-220", name: "Revised Convention", kind: Convention,
    parties: [(country: "BE", confidence: Secondary), (country: "IE", confidence: Secondary),
              (country: "GB", confidence: Secondary), (country: "HU", confidence: Secondary),
              (country: "RS", confidence: Secondary)],
    bilateral: (min: "10", max: "90"), multilateral: (min: "5", max: "80"), non_party_max: "30",
    source: "test", valid_from: "2017-10-01", confidence: Secondary)"#;
// Canada–France 2022: cinema minority minimum 15%, maximum not in the sources.
const CAFR: &str = r#"(id: "ca-fr", name: "Canada–France", kind: Bilateral,
    parties: [(country: "CA", confidence: Confirmed), (country: "FR", confidence: Confirmed)],
    bilateral: (min: "15"), source: "test", valid_from: "2022-05-01", confidence: Confirmed)"#;
// Canada–UK: 20%, majority of the work in the majority country.
const CAGB: &str = r#"(id: "ca-gb", name: "Canada–UK", kind: Bilateral,
    parties: [(country: "CA", confidence: Confirmed), (country: "GB", confidence: Confirmed)],
    bilateral: (min: "20"), majority_work_in_majority_country: true,
    source: "test", valid_from: "1975-01-01", confidence: Confirmed)"#;

fn book() -> RuleBook {
    rules(&format!(
        "(treaties: [{ETS147}, {CETS220}, {CAFR}, {CAGB}])"
    ))
}

fn run(p: &Project) -> Assessment {
    assess(p, &p.scenarios()[0], &book())
}

fn check<'a>(a: &'a Assessment, id: &str) -> &'a TreatyCheck {
    a.treaty
        .checks
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no check {id}: {:?}", a.treaty.checks))
}

/// Two partners sharing a 1,000,000 budget: `a` brings `share_a`, `b` the rest.
fn pair(a: (&str, &str), b: (&str, &str), share_a: &str) -> Project {
    let budget = d("1000000");
    let rest = (budget - d(share_a)).to_string();
    Builder::new("EUR", &[a.1, b.1])
        .partner(a.0, a.1, Majority)
        .funds(Equity, share_a, "EUR")
        .partner(b.0, b.1, Minority)
        .funds(Equity, &rest, "EUR")
        .goods(a.1, "500000")
        .goods(b.1, "500000")
        .build()
}

#[test]
fn bilateral_treaty_governs_two_countries() {
    // CA minority at €150,000 of €1M = 15%: exactly the minimum
    let a = run(&pair(("fr", "FR"), ("ca", "CA"), "850000"));
    assert_eq!(a.treaty.treaty_id.as_deref(), Some("ca-fr"));
    assert!(a.treaty.why.contains("bilateral treaty"));
    assert_eq!(check(&a, "share-CA").outcome, CheckOutcome::Pass);
    // the maximum is not known from the sources: the verdict says it cannot be verified
    assert_eq!(a.treaty.verdict, TreatyVerdict::Unverified);
    let unknown = check(&a, "unknown-bounds");
    assert_eq!(unknown.outcome, CheckOutcome::Unknown);
    assert!(
        unknown
            .message
            .contains("the bilateral maximum share of Canada–France is not known"),
        "{}",
        unknown.message
    );
}

#[test]
fn under_the_bilateral_minimum_by_one_cent() {
    // CA at €149,999.99 = 14.999999%: below 15% by €0.01
    let a = run(&pair(("fr", "FR"), ("ca", "CA"), "850000.01"));
    let c = check(&a, "share-CA");
    assert_eq!(c.outcome, CheckOutcome::Fail);
    assert!(c.message.contains("needs €0.01 more"), "{}", c.message);
    assert_eq!(a.treaty.verdict, TreatyVerdict::Fail);
    assert!(!a.official_status);
}

#[test]
fn revised_convention_only_when_every_country_ratified_it() {
    // GB and IE both ratified CETS 220, no bilateral treaty: revised bilateral band 10–90
    let a = run(&pair(("gb", "GB"), ("ie", "IE"), "880000"));
    assert_eq!(a.treaty.treaty_id.as_deref(), Some("cets-220"));
    // IE at 12% passes 10–90
    assert_eq!(check(&a, "share-IE").outcome, CheckOutcome::Pass);
    // FR has not ratified it: 1992 bilateral band 20–80 applies, and IE at 12% fails
    let a = run(&pair(("fr", "FR"), ("ie", "IE"), "880000"));
    assert_eq!(a.treaty.treaty_id.as_deref(), Some("ets-147"));
    assert!(
        a.treaty.why.contains(
            "Revised Convention would apply only if every country had ratified it, and FR has not"
        ),
        "{}",
        a.treaty.why
    );
    let c = check(&a, "share-IE");
    assert_eq!(c.outcome, CheckOutcome::Fail);
    // 20% × 1,000,000 − 120,000 = 80,000
    assert!(c.message.contains("€80,000.00"), "{}", c.message);
    // GB majority at 80.01% is above the 1992 maximum of 80% by €100
    let a = run(&pair(("gb", "GB"), ("fr", "FR"), "800100"));
    assert!(
        check(&a, "share-GB")
            .message
            .contains("above the maximum of 80% by €100.00")
    );
}

fn three(hu: &str) -> Project {
    // FR majority, HU and RS minorities on a €1,000,000 budget
    let rs = "200000";
    let fr = (d("1000000") - d(hu) - d(rs)).to_string();
    Builder::new("EUR", &["FR", "HU", "RS"])
        .partner("fr", "FR", Majority)
        .funds(Equity, &fr, "EUR")
        .partner("hu", "HU", Minority)
        .funds(Equity, hu, "EUR")
        .partner("rs", "RS", Minority)
        .funds(Equity, rs, "EUR")
        .goods("FR", "600000")
        .goods("HU", "200000")
        .goods("RS", "200000")
        .build()
}

#[test]
fn multilateral_bands_of_the_1992_convention() {
    let a = run(&three("100000"));
    assert_eq!(a.treaty.treaty_id.as_deref(), Some("ets-147"));
    assert!(a.treaty.why.contains("3 co-producing countries"));
    // HU at exactly 10% passes the multilateral minimum; FR at 70% the maximum
    assert_eq!(check(&a, "share-HU").outcome, CheckOutcome::Pass);
    assert_eq!(check(&a, "share-FR").outcome, CheckOutcome::Pass);
    // HU at €99,999 = 9.9999%: fails by €1
    let a = run(&three("99999"));
    assert!(check(&a, "share-HU").message.contains("needs €1.00 more"));
    // and FR at 70.0001% breaks the 70% maximum by €1
    assert_eq!(check(&a, "share-FR").outcome, CheckOutcome::Fail);
}

#[test]
fn non_party_ceiling_of_thirty_percent() {
    let with_us = |us: &str| {
        let rest = (d("1000000") - d(us) - d("200000")).to_string();
        let p = Builder::new("EUR", &["FR", "BE", "HU"])
            .partner("fr", "FR", Majority)
            .funds(Equity, &rest, "EUR")
            .partner("be", "BE", Minority)
            .funds(Equity, "100000", "EUR")
            .partner("hu", "HU", Minority)
            .funds(Equity, "100000", "EUR")
            .partner("us", "US", Minority)
            .funds(Equity, us, "EUR")
            .goods("FR", "1000000")
            .build();
        run(&p)
    };
    // US brings €300,000 = 30%: at the ceiling
    assert_eq!(
        check(&with_us("300000"), "non-party").outcome,
        CheckOutcome::Pass
    );
    // €300,000.01 is above it by €0.01
    let a = with_us("300000.01");
    let c = check(&a, "non-party");
    assert_eq!(c.outcome, CheckOutcome::Fail);
    assert!(c.message.contains("by €0.01"), "{}", c.message);
}

#[test]
fn financial_only_band() {
    let fin = |amount: &str| {
        let rest = (d("1000000") - d(amount) - d("300000")).to_string();
        let p = Builder::new("EUR", &["FR", "BE"])
            .partner("fr", "FR", Majority)
            .funds(Equity, &rest, "EUR")
            .partner("be", "BE", Minority)
            .funds(Equity, "300000", "EUR")
            .partner("ie", "IE", FinancialOnly)
            .funds(Equity, amount, "EUR")
            .goods("FR", "1000000")
            .build();
        run(&p)
    };
    // financial-only IE at 25% passes 10–25; at 26% fails
    assert_eq!(
        check(&fin("250000"), "financial-ie").outcome,
        CheckOutcome::Pass
    );
    let a = fin("260000");
    assert_eq!(check(&a, "financial-ie").outcome, CheckOutcome::Fail);
    assert!(check(&a, "financial-ie").message.contains("€10,000.00"));
}

fn pointed(roles: &[(Role, &str)]) -> Assessment {
    let mut b = Builder::new("EUR", &["FR", "BE"])
        .partner("fr", "FR", Majority)
        .funds(Equity, "700000", "EUR")
        .partner("be", "BE", Minority)
        .funds(Equity, "300000", "EUR")
        .goods("FR", "700000")
        .goods("BE", "300000");
    for (role, country) in roles {
        b = b.key(*role, country);
    }
    run(&b.build())
}

#[test]
fn points_from_party_nationals() {
    use Role::*;
    // Director 3 + Screenwriter 3 + First 3 + Second 2 + Third 1 + Camera 1 + Sound 1 + Editing 1 = 15
    let fifteen = [
        (Director, "FR"),
        (Screenwriter, "BE"),
        (FirstRole, "FR"),
        (SecondRole, "IE"),
        (ThirdRole, "FR"),
        (Camera, "BE"),
        (Sound, "FR"),
        (Editing, "FR"),
        (Composer, "US"),
    ];
    let a = pointed(&fifteen);
    let p = a.treaty.points.as_ref().unwrap();
    assert_eq!((p.score, p.total, p.threshold), (15, 19, 15));
    assert_eq!(check(&a, "points").outcome, CheckOutcome::Pass);
    // the editor from a non-party country costs a point: 14 of 19 fails
    let mut fourteen = fifteen.to_vec();
    fourteen[7] = (Editing, "US");
    let a = pointed(&fourteen);
    assert_eq!(a.treaty.points.as_ref().unwrap().score, 14);
    assert_eq!(check(&a, "points").outcome, CheckOutcome::Fail);
    assert!(check(&a, "points").message.contains("1 short of 15"));
    // a costume designer holds the design element
    let mut with_costume = fourteen.clone();
    with_costume.push((CostumeDesign, "BE"));
    assert_eq!(
        pointed(&with_costume).treaty.points.as_ref().unwrap().score,
        15
    );
}

#[test]
fn majority_of_the_work_in_the_majority_country() {
    let p = |gb: &str, ca: &str| {
        Builder::new("EUR", &["GB", "CA"])
            .partner("gb", "GB", Majority)
            .funds(Equity, "700000", "EUR")
            .partner("ca", "CA", Minority)
            .funds(Equity, "300000", "EUR")
            .goods("GB", gb)
            .goods("CA", ca)
            .build()
    };
    assert_eq!(
        check(&run(&p("500000", "500000")), "majority-work").outcome,
        CheckOutcome::Pass
    );
    let a = run(&p("499999", "500001"));
    assert_eq!(check(&a, "majority-work").outcome, CheckOutcome::Fail);
}

#[test]
fn creative_mode_and_single_country_need_no_treaty() {
    let mut b = Builder::new("EUR", &["FR", "BE"])
        .partner("fr", "FR", Majority)
        .partner("be", "BE", Minority)
        .goods("FR", "1");
    b = b.mode(Coproduction::Creative);
    let a = run(&b.build());
    assert_eq!(a.treaty.verdict, TreatyVerdict::NotApplicable);
    assert!(a.treaty.why.contains("creative"));
    let a = run(&Builder::new("EUR", &["FR"])
        .partner("fr", "FR", Majority)
        .goods("FR", "1")
        .build());
    assert_eq!(a.treaty.verdict, TreatyVerdict::NotApplicable);
}

#[test]
fn a_named_treaty_is_used_and_a_missing_one_fails() {
    let p = Builder::new("EUR", &["FR", "BE"])
        .partner("fr", "FR", Majority)
        .partner("be", "BE", Minority)
        .goods("FR", "1")
        .mode(Coproduction::Treaty("ets-147".into()))
        .build();
    let a = run(&p);
    assert_eq!(a.treaty.treaty_id.as_deref(), Some("ets-147"));
    assert!(a.treaty.why.contains("named in the project file"));
    let p = Builder::new("EUR", &["FR", "JP"])
        .partner("fr", "FR", Majority)
        .partner("jp", "JP", Minority)
        .goods("FR", "1")
        .build();
    let a = run(&p);
    assert_eq!(a.treaty.verdict, TreatyVerdict::Fail);
    assert!(
        a.treaty
            .why
            .contains("no treaty in the rule book covers FR, JP")
    );
}

/// Official status needs the treaty; a program that needs status is lost when a band breaks,
/// and the minority partner's incentive goes with it.
#[test]
fn a_breached_band_removes_the_programs_that_need_official_status() {
    let program = r#"(id: "ca-official", name: "Official-only credit", territory: "CA", kind: TaxCredit,
        currency: "EUR", basis: AllSpend, rate: Flat("25"), requires: [OfficialCoproduction],
        source: "test", valid_from: "2024-01-01", confidence: Confirmed)"#;
    let mut rulebook = book();
    rulebook.merge(
        coprod::rules::book::parse_rule_file("t", &format!("(programs: [{program}])")).unwrap(),
    );
    let plan = |ca_equity: &str| {
        let fr = (d("1000000") - d(ca_equity) - d("50000")).to_string();
        Builder::new("EUR", &["FR", "CA"])
            .partner("fr", "FR", Majority)
            .funds(Equity, &fr, "EUR")
            .partner("ca", "CA", Minority)
            .funds(Equity, ca_equity, "EUR")
            .goods("FR", "800000")
            .goods("CA", "200000")
            .build()
    };
    // CA: €100,000 equity + 25% × 200,000 = 50,000 credit = 150,000 = 15%: passes, credit claimed.
    // (FR brings the remaining 800,000 so the budget is fully financed.)
    let p = plan("100000");
    let a = assess(&p, &p.scenarios()[0], &rulebook);
    assert!(a.official_status);
    assert_eq!(a.partners[1].contribution, d("150000"));
    assert_eq!(a.programs[0].status, ProgramStatus::Claimed);
    assert_eq!(a.gap, d("0"));
    // €99,999.99 of equity: 14.999999% < 15%: status lost, the credit goes, CA falls to €99,999.99
    let p = plan("99999.99");
    let a = assess(&p, &p.scenarios()[0], &rulebook);
    assert!(!a.official_status);
    assert_eq!(a.programs[0].status, ProgramStatus::NotEligible);
    assert!(
        a.programs[0].reasons[0]
            .message
            .contains("treaty check fails"),
        "{}",
        a.programs[0].reasons[0].message
    );
    assert_eq!(a.partners[1].contribution, d("99999.99"));
    // the gap opens by the lost credit: 1,000,000 − (850,000.01 + 99,999.99) = 50,000
    assert_eq!(a.gap, d("50000"));
}

#[test]
fn partner_share_counts_incentives_and_payers_are_kept_apart() {
    let p = Builder::new("EUR", &["FR", "BE"])
        .partner("fr", "FR", Majority)
        .funds(Equity, "600000", "EUR")
        .partner("be", "BE", Minority)
        .funds(PublicFund, "200000", "EUR")
        .obligation("BE", "150")
        .goods("FR", "710000")
        .goods("BE", "290000")
        .build();
    let a = run(&p);
    // BE contributes 200,000 = 20% and pays for the 290,000 spent in Belgium (default payer)
    assert_eq!(a.partners[1].share.points(), d("20"));
    assert_eq!(a.partners[1].pays, d("290000"));
    // the fund asks for 150% × 200,000 = 300,000 in BE: 10,000 short
    assert_eq!(a.obligations[0].required, d("300000"));
    assert_eq!(a.obligations[0].shortfall, d("10000"));
    assert!(
        a.failures()
            .iter()
            .any(|f| f.contains("€10,000.00 more spend in BE"))
    );
    // gap = 1,000,000 − 800,000
    assert_eq!(a.gap, d("200000"));
    assert_eq!(a.net_cost, d("1000000"));
}

/// The summary budget by producer: each account split by the partner who covers its cost,
/// beside where it is spent, and each source as a share of the budget. Worked by hand:
/// 1000 (above the line) 300,000 in FR, paid by FR (the default payer of FR spend);
/// 2000 (below the line) 200,000 in BE, paid by BE, and 100,000 split 60/40 FR/BE, each part
/// paid by its territory's partner; 3000 (post) 200,000 in FR, paid by BE as the line says.
/// Budget 800,000. FR pays 300,000 + 60,000 = 360,000 (45%); BE pays 200,000 + 40,000 +
/// 200,000 = 440,000 (55%).
#[test]
fn each_account_splits_by_who_pays_and_by_where_it_is_spent() {
    use coprod::model::{Category, LineKind, PartnerId};
    let mut b = Builder::new("EUR", &["FR", "BE"])
        .partner("fr", "FR", Majority)
        .funds(Equity, "600000", "EUR")
        .partner("be", "BE", Minority)
        .funds(PublicFund, "200000", "EUR")
        .line_in("1000", LineKind::Labour, "FR", "300000", "EUR")
        .goods("BE", "200000")
        .split("100000", &[("FR", "60"), ("BE", "40")])
        .line_in("3000", LineKind::Goods, "FR", "200000", "EUR");
    let last = b.data.lines.len() - 1;
    b.data.lines[last].paid_by = Some(PartnerId("be".into()));
    let a = run(&b.build());
    assert_eq!(a.budget_total, d("800000"));
    let account = |code: &str| a.accounts.iter().find(|x| x.code == code).unwrap();
    // [FR, BE] in both lists: partners and territories are in the file's order.
    assert_eq!(account("1000").paid_by, [d("300000"), d("0")]);
    assert_eq!(account("1000").spent_in, [d("300000"), d("0")]);
    assert_eq!(account("2000").paid_by, [d("60000"), d("240000")]);
    assert_eq!(account("2000").spent_in, [d("60000"), d("240000")]);
    assert_eq!(account("3000").paid_by, [d("0"), d("200000")]);
    assert_eq!(account("3000").spent_in, [d("200000"), d("0")]);
    assert_eq!(account("3000").name, "Post");
    assert_eq!(account("3000").category, Category::Post);
    assert_eq!(account("3500").paid_by, [d("0"), d("0")]);
    let category = |c: Category| a.categories.iter().find(|x| x.category == c).unwrap();
    assert_eq!(
        category(Category::AboveTheLine).paid_by,
        [d("300000"), d("0")]
    );
    assert_eq!(
        category(Category::BelowTheLine).paid_by,
        [d("60000"), d("240000")]
    );
    assert_eq!(category(Category::Post).paid_by, [d("0"), d("200000")]);
    assert_eq!(category(Category::Other).paid_by, [d("0"), d("0")]);
    assert_eq!(a.partners[0].pays, d("360000"));
    assert_eq!(a.partners[0].pays_share.points(), d("45"));
    assert_eq!(a.partners[1].pays, d("440000"));
    assert_eq!(a.partners[1].pays_share.points(), d("55"));
    // Sources: 600,000 of 800,000 = 75%; 200,000 = 25%.
    let fr = &a.partners[0].sources[0];
    assert_eq!((fr.amount, fr.base), (d("600000"), d("600000")));
    assert_eq!(fr.share.points(), d("75"));
    assert_eq!(a.partners[1].sources[0].share.points(), d("25"));
}

/// A source in another currency is listed in its own currency and converted at the project's
/// rate: CAD 500,000 at 0.665 = €332,500, 33.25% of a €1,000,000 budget.
#[test]
fn a_source_keeps_its_currency_and_shows_its_base_amount() {
    let p = Builder::new("EUR", &["FR", "CA"])
        .rate("CAD", "0.665")
        .partner("fr", "FR", Majority)
        .funds(Equity, "600000", "EUR")
        .partner("ca", "CA", Minority)
        .funds(PublicFund, "500000", "CAD")
        .goods("FR", "1000000")
        .build();
    let a = run(&p);
    let s = &a.partners[1].sources[0];
    assert_eq!(s.currency.as_str(), "CAD");
    assert_eq!(s.amount, d("500000"));
    assert_eq!(s.base, d("332500"));
    assert_eq!(s.share.points(), d("33.25"));
    assert_eq!(a.partners[1].financing, d("332500"));
}

/// The EU–Korea Protocol's hard tolerance: a side's technical and artistic contribution may not
/// differ by more than 20 percentage points from its financial share (olffi.com, secondary).
#[test]
fn spend_must_stay_within_the_proportionality_tolerance() {
    let treaty = r#"(id: "prop", name: "Proportional treaty", kind: Bilateral,
        parties: [(country: "FR", confidence: Secondary), (country: "KR", confidence: Secondary)],
        bilateral: (min: "30", max: "70"), proportionality_tolerance: "20",
        source: "test", valid_from: "2024-01-01", confidence: Secondary)"#;
    let book = rules(&format!("(treaties: [{treaty}])"));
    let plan = |kr_spend: &str| {
        let fr_spend = (d("1000000") - d(kr_spend)).to_string();
        Builder::new("EUR", &["FR", "KR"])
            .partner("fr", "FR", Majority)
            .funds(Equity, "600000", "EUR")
            .partner("kr", "KR", Minority)
            .funds(Equity, "400000", "EUR")
            .goods("FR", &fr_spend)
            .goods("KR", kr_spend)
            .build()
    };
    // KR brings 40% and spends 20%: exactly 20 points apart, within the tolerance
    let p = plan("200000");
    let a = assess(&p, &p.scenarios()[0], &book);
    assert_eq!(check(&a, "proportion-KR").outcome, CheckOutcome::Pass);
    // spending 19.99% is 20.01 points apart: fails
    let p = plan("199900");
    let a = assess(&p, &p.scenarios()[0], &book);
    let c = check(&a, "proportion-KR");
    assert_eq!(c.outcome, CheckOutcome::Fail);
    assert!(c.message.contains("20.01% apart"), "{}", c.message);
}

/// Italy, Spain and Portugal have ratified the revised Convention, France only the 1992 one,
/// and the United States neither: the 1992 text must apply, with the US as the non-party.
#[test]
fn a_country_bound_only_by_the_1992_text_keeps_it_in_force() {
    let book = rules(&format!(
        "(treaties: [{}, {}])",
        ETS147.replace(r#"(country: "HU", confidence: Confirmed)"#, r#"(country: "HU", confidence: Confirmed), (country: "IT", confidence: Confirmed), (country: "ES", confidence: Confirmed), (country: "PT", confidence: Confirmed)"#),
        CETS220.replace(r#"(country: "HU", confidence: Secondary)"#, r#"(country: "HU", confidence: Secondary), (country: "IT", confidence: Secondary), (country: "ES", confidence: Secondary), (country: "PT", confidence: Secondary)"#),
    ));
    let p = Builder::new("EUR", &["FR", "IT", "ES", "PT", "US"])
        .partner("fr", "FR", Majority)
        .funds(Equity, "400000", "EUR")
        .partner("it", "IT", Minority)
        .funds(Equity, "150000", "EUR")
        .partner("es", "ES", Minority)
        .funds(Equity, "150000", "EUR")
        .partner("pt", "PT", Minority)
        .funds(Equity, "150000", "EUR")
        .partner("us", "US", Minority)
        .funds(Equity, "150000", "EUR")
        .goods("FR", "1000000")
        .build();
    let a = assess(&p, &p.scenarios()[0], &book);
    assert_eq!(
        a.treaty.treaty_id.as_deref(),
        Some("ets-147"),
        "{}",
        a.treaty.why
    );
    // only the US is a non-party: 15% ≤ 30%
    assert_eq!(check(&a, "non-party").outcome, CheckOutcome::Pass);
    assert!(check(&a, "non-party").message.contains("(US)"));
}

/// Canada–France admits a third-state co-producer at 10% or more; the two parties keep their
/// bilateral 15% minimum.
#[test]
fn a_third_country_coproducer_is_held_to_the_third_party_band() {
    let cafr = CAFR.replace(
        r#"bilateral: (min: "15"),"#,
        r#"bilateral: (min: "15"), third_party: (min: "10"),"#,
    );
    let book = rules(&format!("(treaties: [{ETS147}, {cafr}])"));
    let plan = |be: &str| {
        let fr = (d("750000") - d(be)).to_string();
        Builder::new("EUR", &["FR", "CA", "BE"])
            .partner("fr", "FR", Majority)
            .funds(Equity, &fr, "EUR")
            .partner("ca", "CA", Minority)
            .funds(Equity, "250000", "EUR")
            .partner("be", "BE", Minority)
            .funds(Equity, be, "EUR")
            .goods("FR", "1000000")
            .build()
    };
    let p = plan("100000");
    let a = assess(&p, &p.scenarios()[0], &book);
    assert_eq!(a.treaty.treaty_id.as_deref(), Some("ca-fr"));
    assert_eq!(check(&a, "third-party-BE").outcome, CheckOutcome::Pass);
    assert_eq!(check(&a, "share-CA").bound, "≥ 15%");
    assert!(a.treaty.checks.iter().all(|c| c.id != "non-party"));
    // BE at 9.99% is under the third-party minimum by €100
    let p = plan("99900");
    let a = assess(&p, &p.scenarios()[0], &book);
    assert!(
        check(&a, "third-party-BE")
            .message
            .contains("needs €100.00 more")
    );
}

#[test]
fn financial_only_partners_from_non_parties_count_towards_the_ceiling() {
    let p = Builder::new("EUR", &["FR"])
        .partner("fr", "FR", Majority)
        .funds(Equity, "300000", "EUR")
        .partner("be", "BE", Minority)
        .funds(Equity, "150000", "EUR")
        .partner("ie", "IE", Minority)
        .funds(Equity, "150000", "EUR")
        .partner("ca", "CA", FinancialOnly)
        .funds(Equity, "200000", "EUR")
        .partner("us", "US", FinancialOnly)
        .funds(Equity, "200000", "EUR")
        .goods("FR", "1000000")
        .build();
    let a = run(&p);
    // CA + US = 40% > 30%: over by €100,000
    let c = check(&a, "non-party");
    assert_eq!(c.outcome, CheckOutcome::Fail);
    assert!(c.message.contains("by €100,000.00"), "{}", c.message);
    // a non-party partner is not shown against the parties' band
    let us = a.partners.iter().find(|x| x.id == "us").unwrap();
    assert_eq!((us.band_min, us.band_max), (None, None));
}

#[test]
fn the_majority_country_is_the_largest_contributor_by_country() {
    // GB is marked majority at 45%, but two Canadian companies bring 55% together and most
    // of the work is in Canada: the clause is met.
    let p = Builder::new("EUR", &["GB", "CA"])
        .partner("gb", "GB", Majority)
        .funds(Equity, "450000", "EUR")
        .partner("ca1", "CA", Minority)
        .funds(Equity, "300000", "EUR")
        .partner("ca2", "CA", Minority)
        .funds(Equity, "250000", "EUR")
        .goods("GB", "400000")
        .goods("CA", "600000")
        .build();
    assert_eq!(check(&run(&p), "majority-work").outcome, CheckOutcome::Pass);
}

#[test]
fn a_points_table_for_another_format_is_not_applied() {
    let fiction_only = ETS147.replace("threshold: 15)", "threshold: 15, formats: [Fiction])");
    let book = rules(&format!("(treaties: [{fiction_only}])"));
    let mut b = Builder::new("EUR", &["FR", "BE"])
        .partner("fr", "FR", Majority)
        .funds(Equity, "700000", "EUR")
        .partner("be", "BE", Minority)
        .funds(Equity, "300000", "EUR")
        .goods("FR", "1000000");
    b.data.format = coprod::model::Format::Animation;
    let p = b.build();
    let a = assess(&p, &p.scenarios()[0], &book);
    assert_eq!(check(&a, "points").outcome, CheckOutcome::Unknown);
    assert!(a.treaty.points.is_none());
    assert_eq!(a.treaty.verdict, TreatyVerdict::Unverified);
}
