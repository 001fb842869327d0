//! The embedded treaties, case by case: which text applies, and each band, derogation, ceiling
//! and side, just inside and just outside, with every share worked out by hand from the figures
//! the treaty's source gives (assets/rules/treaties.ron, ../shared/research/rules-facts.md).
//!
//! Spend is placed where no program pays out (no cultural test declared, no exchange rate for
//! the program's currency), so each partner's share is its financing over the budget.

mod common;

use common::*;
use coprod::engine::{Assessment, CheckOutcome, TreatyCheck, TreatyVerdict};
use coprod::model::{FinancingKind::Equity, Format, PartnerRole::*, Project, Release};
use coprod::rules::RuleBook;

fn run(project: &Project) -> Assessment {
    run_embedded(project)
}

fn check<'a>(a: &'a Assessment, id: &str) -> &'a TreatyCheck {
    a.treaty
        .checks
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no check {id} in {:#?}", a.treaty.checks))
}

/// France (majority) and Canada on a €1,000,000 budget spent in France.
fn canada_france(ca: &str, fr: &str) -> Builder {
    Builder::new("EUR", &["FR"])
        .partner("fr", "FR", Majority)
        .funds(Equity, fr, "EUR")
        .partner("ca", "CA", Minority)
        .funds(Equity, ca, "EUR")
        .goods("FR", "1000000")
}

#[test]
fn canada_france_cinema_minimum_is_lowered_only_by_derogation() {
    // 200,000 / 1,000,000 = 20%: the 20% minimum is met.
    let a = run(&canada_france("200000", "800000").build());
    assert_eq!(a.treaty.treaty_id.as_deref(), Some("ca-fr-2022"));
    assert_eq!(check(&a, "share-CA").outcome, CheckOutcome::Pass);
    // 170,000 / 1,000,000 = 17%: below 20% but not below the 15% a cinema work may be allowed.
    let a = run(&canada_france("170000", "830000").build());
    let c = check(&a, "share-CA");
    assert_eq!(c.outcome, CheckOutcome::Derogation, "{}", c.message);
    assert!(c.message.contains("possible down to 15%"), "{}", c.message);
    assert_eq!(a.treaty.verdict, TreatyVerdict::Derogation);
    assert!(a.official_status);
    // 149,999.99 / 1,000,000 = 14.999999%: below even the derogation floor.
    let a = run(&canada_france("149999.99", "850000.01").build());
    assert_eq!(check(&a, "share-CA").outcome, CheckOutcome::Fail);
    assert_eq!(a.treaty.verdict, TreatyVerdict::Fail);
}

#[test]
fn canada_france_television_has_no_derogation_and_french_cinema_goes_to_ten() {
    // A television work at 17%: the 20% minimum holds with no derogation.
    let a = run(&canada_france("170000", "830000")
        .release(Release::Television)
        .build());
    assert_eq!(check(&a, "share-CA").outcome, CheckOutcome::Fail);
    // A French-language cinema work at 12%: below 20%, above the 10% floor.
    let mut b = canada_france("120000", "880000");
    b.data.language = Some("fr".into());
    let a = run(&b.build());
    assert_eq!(check(&a, "share-CA").outcome, CheckOutcome::Derogation);
    // The same share without the language: below the 15% cinema floor.
    let a = run(&canada_france("120000", "880000").build());
    assert_eq!(check(&a, "share-CA").outcome, CheckOutcome::Fail);
}

/// Italy (majority, `it_a` and optionally a second company `it_b`) and Japan on €1,000,000
/// spent in Italy.
fn italy_japan(it_a: &str, it_b: Option<&str>, jp: &str) -> Project {
    let mut b = Builder::new("EUR", &["IT"])
        .partner("it1", "IT", Majority)
        .funds(Equity, it_a, "EUR");
    if let Some(amount) = it_b {
        b = b
            .partner("it2", "IT", Minority)
            .funds(Equity, amount, "EUR");
    }
    b.partner("jp", "JP", Minority)
        .funds(Equity, jp, "EUR")
        .goods("IT", "1000000")
        .build()
}

#[test]
fn italy_japan_derogations_on_both_bounds() {
    // Japan 150,000 = 15%: under 20%, within the 10% derogation floor.
    let a = run(&italy_japan("850000", None, "150000"));
    assert_eq!(a.treaty.treaty_id.as_deref(), Some("it-jp"));
    assert_eq!(check(&a, "share-JP").outcome, CheckOutcome::Derogation);
    // Italy 850,000 = 85%: above 80%, within the 90% derogation ceiling.
    assert_eq!(check(&a, "share-IT").outcome, CheckOutcome::Derogation);
    // Italy 910,000 = 91%: above even 90%; Japan 9%: below even 10%.
    let a = run(&italy_japan("910000", None, "90000"));
    assert_eq!(check(&a, "share-IT").outcome, CheckOutcome::Fail);
    assert_eq!(check(&a, "share-JP").outcome, CheckOutcome::Fail);
}

#[test]
fn italy_japan_each_company_in_a_shared_country_brings_five_percent() {
    // Italy 600,000 + 40,000 = 64%, Japan 36%: both in band. The second Italian company brings
    // 40,000 / 1,000,000 = 4% < 5%: it needs 10,000 more.
    let a = run(&italy_japan("600000", Some("40000"), "360000"));
    assert_eq!(check(&a, "share-IT").outcome, CheckOutcome::Pass);
    let c = check(&a, "company-it2");
    assert_eq!(c.outcome, CheckOutcome::Fail);
    assert!(c.message.contains("needs €10,000.00 more"), "{}", c.message);
    assert_eq!(check(&a, "company-it1").outcome, CheckOutcome::Pass);
    // At exactly 5% (50,000) it passes.
    let a = run(&italy_japan("590000", Some("50000"), "360000"));
    assert_eq!(check(&a, "company-it2").outcome, CheckOutcome::Pass);
    // A single company per country is not checked.
    let a = run(&italy_japan("640000", None, "360000"));
    assert!(
        a.treaty
            .checks
            .iter()
            .all(|c| !c.id.starts_with("company-"))
    );
}

#[test]
fn italy_hungary_minimum_with_its_derogation() {
    // Hungary 120,000 / 1,000,000 = 12%: below 20%, above the 10% derogation floor.
    let project = Builder::new("EUR", &["IT"])
        .partner("it", "IT", Majority)
        .funds(Equity, "880000", "EUR")
        .partner("hu", "HU", Minority)
        .funds(Equity, "120000", "EUR")
        .goods("IT", "1000000")
        .build();
    let a = run(&project);
    assert_eq!(a.treaty.treaty_id.as_deref(), Some("it-hu"));
    assert_eq!(check(&a, "share-HU").outcome, CheckOutcome::Derogation);
}

#[test]
fn uk_india_allows_four_co_producers() {
    // Five co-producers (three British, two Indian) against a maximum of four.
    let mut b = Builder::new("INR", &["IN"]);
    for (id, country, role) in [
        ("gb1", "GB", Majority),
        ("gb2", "GB", Minority),
        ("gb3", "GB", Minority),
        ("in1", "IN", Minority),
        ("in2", "IN", Minority),
    ] {
        b = b.partner(id, country, role).funds(Equity, "200000", "INR");
    }
    let a = run(&b.goods("IN", "1000000").build());
    assert_eq!(a.treaty.treaty_id.as_deref(), Some("gb-in"));
    let c = check(&a, "co-producers");
    assert_eq!(c.outcome, CheckOutcome::Fail);
    assert_eq!(c.figure, "5");
    // Four pass: GB 60%, IN 40% (each within 20–80%).
    let mut b = Builder::new("INR", &["IN"]);
    for (id, country, role) in [
        ("gb1", "GB", Majority),
        ("gb2", "GB", Minority),
        ("gb3", "GB", Minority),
        ("in1", "IN", Minority),
    ] {
        b = b.partner(id, country, role).funds(Equity, "250000", "INR");
    }
    let a = run(&b.goods("IN", "1000000").build());
    assert_eq!(check(&a, "co-producers").outcome, CheckOutcome::Pass);
    assert_eq!(a.treaty.verdict, TreatyVerdict::Pass);
}

/// Canada (majority) and China sharing €1,000,000, with `abroad` of it spent in the US.
fn canada_china(abroad: &str, china: &str) -> Project {
    Builder::new("EUR", &["CN", "US"])
        .partner("ca", "CA", Majority)
        .funds(Equity, "600000", "EUR")
        .partner("cn", "CN", Minority)
        .funds(Equity, "400000", "EUR")
        .goods("CN", china)
        .goods("US", abroad)
        .build()
}

#[test]
fn canada_china_spend_outside_the_parties_up_to_a_quarter() {
    // 250,000 of 1,000,000 in the US = 25%: at the ceiling.
    let a = run(&canada_china("250000", "750000"));
    assert_eq!(a.treaty.treaty_id.as_deref(), Some("ca-cn"));
    assert_eq!(check(&a, "non-party-spend").outcome, CheckOutcome::Pass);
    // 250,000.01 = 25.000001%: €0.01 over.
    let a = run(&canada_china("250000.01", "749999.99"));
    let c = check(&a, "non-party-spend");
    assert_eq!(c.outcome, CheckOutcome::Fail);
    assert!(c.message.contains("€0.01 more"), "{}", c.message);
    // China 40% ≥ 15%, and no maximum is known: the verdict says a bound is unknown.
    let a = run(&canada_china("0", "1000000"));
    assert_eq!(check(&a, "share-CN").outcome, CheckOutcome::Pass);
    assert_eq!(a.treaty.verdict, TreatyVerdict::Unverified);
}

/// Korea, France and Germany with their financing and their spend (both in €).
fn eu_korea(kr: (&str, &str), fr: (&str, &str), de: (&str, &str)) -> Builder {
    Builder::new("EUR", &["KR", "FR", "DE"])
        .partner("kr", "KR", Majority)
        .funds(Equity, kr.0, "EUR")
        .partner("fr", "FR", Minority)
        .funds(Equity, fr.0, "EUR")
        .partner("de", "DE", Minority)
        .funds(Equity, de.0, "EUR")
        .goods("KR", kr.1)
        .goods("FR", fr.1)
        .goods("DE", de.1)
}

#[test]
fn eu_korea_sides_count_together() {
    // €1,000,000: Korea 400,000 (40%), France 350,000, Germany 250,000: the EU side 60%.
    // Spend matches financing: each side 0 points from its financial share, EU spend 60% ≤ 70%.
    let a = run(&eu_korea(
        ("400000", "400000"),
        ("350000", "350000"),
        ("250000", "250000"),
    )
    .build());
    assert_eq!(
        a.treaty.treaty_id.as_deref(),
        Some("eu-kr"),
        "{}",
        a.treaty.why
    );
    for id in [
        "side-eu-producers",
        "side-korean-producers",
        "side-eu-producers-countries",
        "side-eu-producers-proportion",
        "side-eu-producers-spend",
        "share-FR",
        "share-DE",
    ] {
        assert_eq!(check(&a, id).outcome, CheckOutcome::Pass, "{id}");
    }
    assert_eq!(a.treaty.verdict, TreatyVerdict::Pass);
}

#[test]
fn eu_korea_limits_on_spend_and_on_each_member_state() {
    // Financing as above, but the EU spends 750,000 (75%) and Korea 250,000: 75% > 70%, and
    // 75% − 60% = 15 points apart (within 20).
    let a = run(&eu_korea(
        ("400000", "250000"),
        ("350000", "450000"),
        ("250000", "300000"),
    )
    .build());
    assert_eq!(
        check(&a, "side-eu-producers-spend").outcome,
        CheckOutcome::Fail
    );
    assert_eq!(
        check(&a, "side-eu-producers-proportion").outcome,
        CheckOutcome::Pass
    );
    // Korea's side spends 25% against 40% financial: 15 points apart, within 20.
    assert_eq!(
        check(&a, "side-korean-producers-proportion").outcome,
        CheckOutcome::Pass
    );
    // Germany brings 90,000 (9%): below the 10% each member state must bring. Korea 560,000.
    let a = run(&eu_korea(
        ("560000", "560000"),
        ("350000", "350000"),
        ("90000", "90000"),
    )
    .build());
    assert_eq!(check(&a, "share-DE").outcome, CheckOutcome::Fail);
    // EU side 44% ≥ 30%.
    assert_eq!(check(&a, "side-eu-producers").outcome, CheckOutcome::Pass);
}

#[test]
fn eu_korea_animation_needs_three_member_states_and_thirty_five_percent() {
    // Same plan as the passing one, as animation: the EU side has two member states, not three;
    // 60% ≥ 35% and Korea 40% ≥ 35% still pass.
    let a = run(&eu_korea(
        ("400000", "400000"),
        ("350000", "350000"),
        ("250000", "250000"),
    )
    .format(Format::Animation)
    .build());
    let c = check(&a, "side-eu-producers-countries");
    assert_eq!(c.outcome, CheckOutcome::Fail);
    assert_eq!(c.bound, "≥ 3");
    assert_eq!(
        check(&a, "side-korean-producers").outcome,
        CheckOutcome::Pass
    );
    // Korea at 340,000 (34%) as animation: below 35%.
    let a = run(&eu_korea(
        ("340000", "340000"),
        ("400000", "400000"),
        ("260000", "260000"),
    )
    .format(Format::Animation)
    .build());
    assert_eq!(
        check(&a, "side-korean-producers").outcome,
        CheckOutcome::Fail
    );
}

#[test]
fn two_eu_countries_alone_are_not_under_the_eu_korea_protocol() {
    // Spain and Portugal are both parties to the Protocol's EU side, but no Korean producer
    // takes part: the European Convention applies instead.
    let project = Builder::new("EUR", &["ES"])
        .partner("es", "ES", Majority)
        .funds(Equity, "700000", "EUR")
        .partner("pt", "PT", Minority)
        .funds(Equity, "300000", "EUR")
        .goods("ES", "1000000")
        .build();
    let a = run(&project);
    assert_ne!(a.treaty.treaty_id.as_deref(), Some("eu-kr"));
    // Korea with a single EU state is under it, and fails its two-state minimum.
    let project = Builder::new("EUR", &["KR"])
        .partner("kr", "KR", Majority)
        .funds(Equity, "600000", "EUR")
        .partner("de", "DE", Minority)
        .funds(Equity, "400000", "EUR")
        .goods("KR", "1000000")
        .build();
    let a = run(&project);
    assert_eq!(a.treaty.treaty_id.as_deref(), Some("eu-kr"));
    assert_eq!(
        check(&a, "side-eu-producers-countries").outcome,
        CheckOutcome::Fail
    );
}

/// Germany (majority) and Austria on €1,000,000 spent in Germany.
fn germany_austria(at: &str, de: &str) -> Project {
    Builder::new("EUR", &["DE"])
        .partner("de", "DE", Majority)
        .funds(Equity, de, "EUR")
        .partner("at", "AT", Minority)
        .funds(Equity, at, "EUR")
        .goods("DE", "1000000")
        .build()
}

#[test]
fn germany_austria_switzerland_applies_between_two_of_them() {
    // Austria 150,000 = 15%: under 20%, within the 10% allowed exceptionally.
    let a = run(&germany_austria("150000", "850000"));
    assert_eq!(
        a.treaty.treaty_id.as_deref(),
        Some("de-at-ch"),
        "{}",
        a.treaty.why
    );
    assert_eq!(check(&a, "share-AT").outcome, CheckOutcome::Derogation);
    // No maximum is known, so Germany at 85% is not checked against one.
    assert_eq!(check(&a, "share-DE").outcome, CheckOutcome::Pass);
    // 99,999.99 = 9.999999%: below 10%.
    let a = run(&germany_austria("99999.99", "900000.01"));
    assert_eq!(check(&a, "share-AT").outcome, CheckOutcome::Fail);
    // 200,000 = 20%: in band.
    let a = run(&germany_austria("200000", "800000"));
    assert_eq!(check(&a, "share-AT").outcome, CheckOutcome::Pass);
}

/// France (majority) and Korea on €1,000,000 spent in France.
fn france_korea(release: Release) -> Project {
    Builder::new("EUR", &["FR"])
        .partner("fr", "FR", Majority)
        .funds(Equity, "700000", "EUR")
        .partner("kr", "KR", Minority)
        .funds(Equity, "300000", "EUR")
        .goods("FR", "1000000")
        .release(release)
        .build()
}

#[test]
fn france_korea_covers_feature_films_only() {
    let a = run(&france_korea(Release::Theatrical));
    assert_eq!(a.treaty.treaty_id.as_deref(), Some("fr-kr"));
    // Korea 30%, France 70%: within 20–80%.
    assert_eq!(a.treaty.verdict, TreatyVerdict::Pass);
    // A television work is not under it; the EU–Korea Protocol is the remaining text, and it
    // needs two EU member states.
    let a = run(&france_korea(Release::Television));
    assert_eq!(a.treaty.treaty_id.as_deref(), Some("eu-kr"));
    assert_eq!(a.treaty.verdict, TreatyVerdict::Fail);
}

#[test]
fn a_named_treaty_that_does_not_cover_the_work_fails_its_scope() {
    let mut project = france_korea(Release::Television).data().clone();
    project.coproduction = coprod::model::Coproduction::Treaty("fr-kr".into());
    let a = run(&Project::new(project).expect("valid"));
    let c = check(&a, "scope");
    assert_eq!(c.outcome, CheckOutcome::Fail);
    assert!(c.message.contains("theatrical"), "{}", c.message);
}

#[test]
fn unknown_bounds_are_said_to_be_unknown() {
    // Australia–Korea: 20% each, animation excepted, with no sourced animation minimum.
    let project = Builder::new("EUR", &["KR"])
        .partner("kr", "KR", Majority)
        .funds(Equity, "900000", "EUR")
        .partner("au", "AU", Minority)
        .funds(Equity, "100000", "EUR")
        .goods("KR", "1000000")
        .format(Format::Animation)
        .build();
    let a = run(&project);
    assert_eq!(a.treaty.treaty_id.as_deref(), Some("au-kr"));
    // Australia at 10% would fail the 20% fiction minimum; as animation no bound is known.
    assert_eq!(check(&a, "share-AU").outcome, CheckOutcome::Pass);
    assert_eq!(check(&a, "unknown-bounds").outcome, CheckOutcome::Unknown);
    assert_eq!(a.treaty.verdict, TreatyVerdict::Unverified);
    // UK–Australia: the minimum after the 2021 amendments is not known.
    let project = Builder::new("EUR", &["GB"])
        .partner("gb", "GB", Majority)
        .funds(Equity, "900000", "EUR")
        .partner("au", "AU", Minority)
        .funds(Equity, "100000", "EUR")
        .goods("GB", "1000000")
        .build();
    let a = run(&project);
    assert_eq!(a.treaty.treaty_id.as_deref(), Some("gb-au"));
    let c = check(&a, "unknown-bounds");
    assert!(c.message.contains("minimum share"), "{}", c.message);
    // The majority of the work is in the UK, the majority country.
    assert_eq!(check(&a, "majority-work").outcome, CheckOutcome::Pass);
}

#[test]
fn switzerland_mexico_band_and_third_party() {
    // Mexico 190,000 of 1,000,000 = 19% < 20%.
    let project = Builder::new("EUR", &["CH"])
        .partner("ch", "CH", Majority)
        .funds(Equity, "810000", "EUR")
        .partner("mx", "MX", Minority)
        .funds(Equity, "190000", "EUR")
        .goods("CH", "1000000")
        .build();
    let a = run(&project);
    assert_eq!(a.treaty.treaty_id.as_deref(), Some("ch-mx"));
    let c = check(&a, "share-MX");
    assert_eq!(c.outcome, CheckOutcome::Fail);
    assert!(c.message.contains("needs €10,000.00 more"), "{}", c.message);
    // A third-country co-producer with 15% (under its 20% minimum): Switzerland 55%, Mexico 30%.
    let project = Builder::new("EUR", &["CH"])
        .partner("ch", "CH", Majority)
        .funds(Equity, "550000", "EUR")
        .partner("mx", "MX", Minority)
        .funds(Equity, "300000", "EUR")
        .partner("ar", "AR", Minority)
        .funds(Equity, "150000", "EUR")
        .goods("CH", "1000000")
        .build();
    let a = run(&project);
    assert_eq!(a.treaty.treaty_id.as_deref(), Some("ch-mx"));
    assert_eq!(check(&a, "third-party-AR").outcome, CheckOutcome::Fail);
}

#[test]
fn canada_new_zealand_spend_outside_the_parties() {
    // NZ 30%, Canada 70%; 260,000 of 1,000,000 spent in Australia = 26% > 25%.
    let project = Builder::new("EUR", &["NZ", "AU"])
        .partner("ca", "CA", Majority)
        .funds(Equity, "700000", "EUR")
        .partner("nz", "NZ", Minority)
        .funds(Equity, "300000", "EUR")
        .goods("NZ", "740000")
        .goods("AU", "260000")
        .build();
    let a = run(&project);
    assert_eq!(a.treaty.treaty_id.as_deref(), Some("ca-nz"));
    assert_eq!(check(&a, "non-party-spend").outcome, CheckOutcome::Fail);
    assert_eq!(check(&a, "share-NZ").outcome, CheckOutcome::Pass);
}

#[test]
fn every_embedded_rule_cites_a_source_and_a_date_and_every_rule_is_tested() {
    let book = RuleBook::embedded().expect("embedded rules");
    let tests: String = [
        include_str!("rules_treaties.rs"),
        include_str!("rules_europe_west.rs"),
        include_str!("rules_europe_east_north.rs"),
        include_str!("rules_world.rs"),
        include_str!("engine_treaties.rs"),
    ]
    .concat();
    let mut untested = Vec::new();
    for p in book.programs() {
        assert!(!p.source.trim().is_empty(), "{} has no source", p.id);
        assert!(p.valid_from.to_string().len() == 10, "{} has no date", p.id);
        if !tests.contains(&format!("\"{}\"", p.id)) {
            untested.push(p.id.clone());
        }
    }
    for t in book.treaties() {
        assert!(!t.source.trim().is_empty(), "{} has no source", t.id);
        if !tests.contains(&format!("\"{}\"", t.id)) {
            untested.push(t.id.clone());
        }
    }
    for r in book.regions() {
        assert!(!r.source.trim().is_empty(), "{} has no source", r.id);
    }
    assert!(
        book.programs().len() >= 45,
        "{} programs",
        book.programs().len()
    );
    assert!(untested.is_empty(), "rules with no test case: {untested:?}");
}

/// Two countries on €1,000,000 spent in the first: `a` brings `a_amount`, `b` the rest.
fn pair(a: &str, b: &str, b_amount: &str) -> Project {
    let rest = (d("1000000") - d(b_amount)).to_string();
    Builder::new("EUR", &[a])
        .partner("a", a, Majority)
        .funds(Equity, &rest, "EUR")
        .partner("b", b, Minority)
        .funds(Equity, b_amount, "EUR")
        .goods(a, "1000000")
        .build()
}

#[test]
fn bilateral_minimums_just_under_and_at() {
    // (majority, minority, treaty, the minority's minimum share on a €1,000,000 budget)
    for (a, b, treaty, minimum) in [
        ("CA", "AU", "ca-au", "300000"), // Canada–Australia 30%
        ("CA", "ZA", "ca-za", "150000"), // Canada–South Africa (2026) 15%
        ("CA", "IN", "ca-in", "200000"), // Canada–India 20%
        ("GB", "FR", "gb-fr", "200000"), // UK–France 20%
        ("GB", "NZ", "gb-nz", "200000"), // UK–New Zealand 20%
    ] {
        let at = run(&pair(a, b, minimum));
        assert_eq!(at.treaty.treaty_id.as_deref(), Some(treaty), "{a}–{b}");
        assert_eq!(
            check(&at, &format!("share-{b}")).outcome,
            CheckOutcome::Pass,
            "{treaty} at {minimum}"
        );
        // €0.01 under the minimum.
        let under = (d(minimum) - d("0.01")).to_string();
        let below = run(&pair(a, b, &under));
        let c = check(&below, &format!("share-{b}"));
        assert_eq!(c.outcome, CheckOutcome::Fail, "{treaty} at {under}");
        assert!(c.message.contains("needs €0.01 more"), "{}", c.message);
    }
}

#[test]
fn uk_france_financial_only_band_is_twenty_to_thirty() {
    // A French financial-only partner with 310,000 (31%): above the 30% financial-only maximum.
    let project = |fr: &str| {
        let rest = (d("1000000") - d(fr)).to_string();
        Builder::new("EUR", &["GB"])
            .partner("gb", "GB", Majority)
            .funds(Equity, &rest, "EUR")
            .partner("fr", "FR", FinancialOnly)
            .funds(Equity, fr, "EUR")
            .goods("GB", "1000000")
            .build()
    };
    let a = run(&project("310000"));
    assert_eq!(a.treaty.treaty_id.as_deref(), Some("gb-fr"));
    assert_eq!(check(&a, "financial-fr").outcome, CheckOutcome::Fail);
    // 300,000 (30%) and 200,000 (20%) are within it; 199,999.99 is not.
    assert_eq!(
        check(&run(&project("300000")), "financial-fr").outcome,
        CheckOutcome::Pass
    );
    assert_eq!(
        check(&run(&project("200000")), "financial-fr").outcome,
        CheckOutcome::Pass
    );
    assert_eq!(
        check(&run(&project("199999.99")), "financial-fr").outcome,
        CheckOutcome::Fail
    );
}

#[test]
fn commonwealth_treaties_want_the_majority_of_the_work_in_the_majority_country() {
    // UK–New Zealand: the UK brings 70% but 600,000 of the 1,000,000 is spent in New Zealand.
    let project = Builder::new("EUR", &["GB", "NZ"])
        .partner("gb", "GB", Majority)
        .funds(Equity, "700000", "EUR")
        .partner("nz", "NZ", Minority)
        .funds(Equity, "300000", "EUR")
        .goods("GB", "400000")
        .goods("NZ", "600000")
        .build();
    let a = run(&project);
    assert_eq!(a.treaty.treaty_id.as_deref(), Some("gb-nz"));
    assert_eq!(check(&a, "majority-work").outcome, CheckOutcome::Fail);
}
