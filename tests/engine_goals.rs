//! Goals: each kind held against a small French–Belgian project whose figures are worked by
//! hand, at its bound and one cent (or one hundredth of a point) past it.
//!
//! The project: budget €1,000,000, €600,000 of goods in FR and €400,000 in BE. The French
//! majority brings €600,000, the Belgian minority €200,000 with an obligation to spend 200% of
//! it (€400,000) in BE. A Belgian rebate pays 25% of all Belgian spend from €400,000:
//! 25% × 400,000 = €100,000. Shares: FR 600,000 / 1,000,000 = 60%, BE (200,000 + 100,000) /
//! 1,000,000 = 30%. Financing 800,000 + 100,000 = 900,000, so the gap is €100,000 and the net
//! cost 1,000,000 − 100,000 = €900,000. A test treaty asks 20%–80% of each partner.

mod common;

use common::*;
use coprod::engine::{Assessment, GoalScope, assess};
use coprod::model::{FinancingKind::*, Goal, PartnerId, PartnerRole::*, Percent, Project};
use coprod::rules::RuleBook;

const BE_REBATE: &str = r#"id: "be-test", name: "Belgian rebate", territory: "BE", kind: CashRebate,
    currency: "EUR", basis: AllSpend, rate: Flat("25"), minimums: [QualifyingSpend("400000")]"#;
const FR_BE: &str = r#"id: "fr-be", name: "France–Belgium", kind: Bilateral,
    parties: [(country: "FR", confidence: Confirmed), (country: "BE", confidence: Confirmed)],
    bilateral: (min: "20", max: "80")"#;

fn book() -> RuleBook {
    rules(&format!(
        "(programs: [({BE_REBATE}, {PROV})], treaties: [({FR_BE}, {PROV})])"
    ))
}

/// The project above with Belgian spend `be` (French spend makes up the €1,000,000), Belgian
/// financing `be_funds`, and `goals`.
fn project(be: &str, be_funds: &str, goals: Vec<Goal>) -> Project {
    let fr = (d("1000000") - d(be)).to_string();
    let mut b = Builder::new("EUR", &["FR", "BE"])
        .partner("fr", "FR", Majority)
        .funds(Equity, "600000", "EUR")
        .partner("be", "BE", Minority)
        .funds(PublicFund, be_funds, "EUR")
        .obligation("BE", "200")
        .goods("FR", &fr)
        .goods("BE", be);
    b.data.goals = goals;
    b.build()
}

fn run(p: &Project) -> Assessment {
    assess(p, &p.scenarios()[0], &book())
}

fn share(partner: &str, points: &str, at_least: bool) -> Goal {
    let partner = PartnerId(partner.into());
    let share = Percent(d(points));
    if at_least {
        Goal::ShareAtLeast { partner, share }
    } else {
        Goal::ShareAtMost { partner, share }
    }
}

/// Each goal alone on the base project: (goal, met, shortfall).
#[test]
fn each_goal_at_its_bound_and_just_past_it() {
    let amount = |s: &str| d(s);
    let cases: Vec<(Goal, bool, &str)> = vec![
        // BE has exactly 30%.
        (share("be", "30", true), true, "0"),
        (share("be", "30.01", true), false, "0.01"),
        // FR has exactly 60%.
        (share("fr", "60", false), true, "0"),
        (share("fr", "59.99", false), false, "0.01"),
        (Goal::Claimed("be-test".into()), true, "0"),
        // Net cost €900,000.
        (
            Goal::NetCostAtMost {
                amount: amount("900000"),
            },
            true,
            "0",
        ),
        (
            Goal::NetCostAtMost {
                amount: amount("899999.99"),
            },
            false,
            "0.01",
        ),
        // Net incentives €100,000.
        (
            Goal::IncentivesAtLeast {
                amount: amount("100000"),
            },
            true,
            "0",
        ),
        (
            Goal::IncentivesAtLeast {
                amount: amount("100000.01"),
            },
            false,
            "0.01",
        ),
        // Spend in BE €400,000.
        (
            Goal::SpendAtLeast {
                territory: t("BE"),
                amount: amount("400000"),
            },
            true,
            "0",
        ),
        (
            Goal::SpendAtLeast {
                territory: t("BE"),
                amount: amount("400000.01"),
            },
            false,
            "0.01",
        ),
        // Gap €100,000.
        (Goal::GapClosed, false, "100000"),
        // BE 30%, FR 60%: both inside 20–80.
        (Goal::TreatyPasses, true, "0"),
        // €400,000 required in BE, €400,000 spent.
        (Goal::ObligationsMet, true, "0"),
    ];
    for (goal, met, shortfall) in cases {
        let a = run(&project("400000", "200000", vec![goal.clone()]));
        let g = &a.goals[0];
        assert_eq!(a.goals.len(), 1);
        assert_eq!(g.goal, goal);
        assert_eq!(g.met, met, "{goal:?}: {}", g.message);
        assert_eq!(g.shortfall, d(shortfall), "{goal:?}: {}", g.message);
        assert_eq!(g.scope, GoalScope::Project);
    }
}

#[test]
fn a_share_goal_says_how_much_contribution_is_missing_or_spare() {
    // 0.01 points of a €1,000,000 budget is €100.
    let a = run(&project(
        "400000",
        "200000",
        vec![share("be", "30.01", true), share("be", "25", true)],
    ));
    assert_eq!(
        a.goals[0].message,
        "BE has 30.00%: 0.01 points short of the 30.01% goal, €100.00 more contribution"
    );
    assert_eq!(a.goals[0].figure, "30.00%");
    assert_eq!(a.goals[0].target, "≥ 30.01%");
    // 5 points of room is €50,000.
    assert_eq!(
        a.goals[1].message,
        "BE has 30.00%, 5.00 points above the 25% goal (€50,000.00 of room)"
    );
}

#[test]
fn a_program_one_cent_under_its_minimum_is_not_claimed_and_the_goal_says_why() {
    // BE €399,999.99 misses the €400,000 minimum, so no rebate.
    let a = run(&project(
        "399999.99",
        "200000",
        vec![Goal::Claimed("be-test".into())],
    ));
    let g = &a.goals[0];
    assert!(!g.met);
    assert_eq!(g.shortfall, d("1"));
    assert_eq!(g.figure, "not eligible");
    assert!(
        g.message.starts_with("Belgian rebate is not claimed: ") && g.message.contains("€0.01"),
        "{}",
        g.message
    );
}

#[test]
fn programs_missing_from_the_book_or_from_the_project_are_named() {
    let a = run(&project(
        "400000",
        "200000",
        vec![Goal::Claimed("xx-nothing".into())],
    ));
    assert!(!a.goals[0].met);
    assert!(
        a.goals[0].message.contains("no program \"xx-nothing\""),
        "{}",
        a.goals[0].message
    );
    // The embedded Irish credit exists, but the project spends nothing in Ireland.
    let p = project("400000", "200000", vec![Goal::Claimed("ie-s481".into())]);
    let a = assess(&p, &p.scenarios()[0], embedded());
    let g = &a.goals[0];
    assert!(!g.met);
    assert_eq!(g.figure, "not in play");
    assert!(g.message.contains("no territory in IE"), "{}", g.message);
}

#[test]
fn the_gap_goal_is_met_at_zero_and_to_the_cent() {
    // Belgian funds €300,000: financing 900,000 + rebate 100,000 = budget; gap 0.
    let a = run(&project("400000", "300000", vec![Goal::GapClosed]));
    assert!(a.goals[0].met, "{}", a.goals[0].message);
    // €299,999.99: one cent short.
    let a = run(&project("400000", "299999.99", vec![Goal::GapClosed]));
    assert!(!a.goals[0].met);
    assert_eq!(a.goals[0].shortfall, d("0.01"));
    assert_eq!(a.goals[0].message, "€0.01 of the budget is not financed");
    // €299,999.996: the gap of €0.004 is zero to the cent.
    let a = run(&project("400000", "299999.996", vec![Goal::GapClosed]));
    assert_eq!(a.gap, d("0.004"));
    assert!(a.goals[0].met, "{}", a.goals[0].message);
}

#[test]
fn the_treaty_goal_fails_with_the_failing_check() {
    // Belgian funds €99,999.99: BE (99,999.99 + 100,000) / 1,000,000 = 19.999999%, under 20%.
    let a = run(&project("400000", "99999.99", vec![Goal::TreatyPasses]));
    let g = &a.goals[0];
    assert!(!g.met);
    assert_eq!(g.shortfall, d("1"));
    assert!(g.message.starts_with("failing: BE share"), "{}", g.message);
    // €100,000: exactly 20%.
    let a = run(&project("400000", "100000", vec![Goal::TreatyPasses]));
    assert!(a.goals[0].met, "{}", a.goals[0].message);
}

#[test]
fn the_obligation_goal_counts_the_shortfall() {
    // 200% of €200,000 = €400,000 in BE; €399,999.99 spent.
    let a = run(&project("399999.99", "200000", vec![Goal::ObligationsMet]));
    let g = &a.goals[0];
    assert!(!g.met);
    assert_eq!(g.shortfall, d("0.01"));
    assert_eq!(g.figure, "0 of 1 met");
    assert!(
        g.message.contains("needs €0.01 more in BE"),
        "{}",
        g.message
    );
}

#[test]
fn spend_goals_count_the_regions_of_a_country() {
    let mut b = Builder::new("EUR", &["FR", "FR-ARA"])
        .partner("fr", "FR", Majority)
        .goods("FR", "300000")
        .goods("FR-ARA", "200000");
    b.data.goals = vec![Goal::SpendAtLeast {
        territory: t("FR"),
        amount: d("500000"),
    }];
    let p = b.build();
    let a = assess(&p, &p.scenarios()[0], &book());
    assert!(a.goals[0].met, "{}", a.goals[0].message);
    assert_eq!(a.goals[0].figure, "€500,000.00");
}

#[test]
fn scenario_goals_follow_the_project_goals() {
    let mut p = project("400000", "200000", vec![Goal::TreatyPasses]).into_data();
    p.scenarios[0].goals = vec![share("be", "35", true)];
    let p = Project::new(p).unwrap();
    let a = run(&p);
    let scopes: Vec<(GoalScope, bool)> = a.goals.iter().map(|g| (g.scope, g.met)).collect();
    assert_eq!(
        scopes,
        [(GoalScope::Project, true), (GoalScope::Scenario, false)]
    );
    assert_eq!(a.unmet_goals().count(), 1);
}

#[test]
fn goals_naming_an_unknown_partner_or_territory_are_refused() {
    let mut data = project("400000", "200000", vec![]).into_data();
    data.goals = vec![share("de", "20", true)];
    let err = Project::new(data.clone()).unwrap_err();
    assert!(err.message.contains("no partner \"de\""), "{}", err.message);
    data.goals = vec![Goal::SpendAtLeast {
        territory: t("HU"),
        amount: d("1"),
    }];
    let err = Project::new(data.clone()).unwrap_err();
    assert!(err.message.contains("HU"), "{}", err.message);
    data.goals.clear();
    data.scenarios[0].goals = vec![share("be", "101", true)];
    let err = Project::new(data).unwrap_err();
    assert!(
        err.message.starts_with("scenario \"Base\", goals:"),
        "{}",
        err.message
    );
}

#[test]
fn a_share_a_hair_under_its_goal_is_not_rounded_onto_it() {
    // Belgian funds €99,999.99: (99,999.99 + 100,000) / 1,000,000 = 19.999999%.
    let a = run(&project(
        "400000",
        "99999.99",
        vec![share("be", "20", true)],
    ));
    assert_eq!(
        a.goals[0].message,
        "BE has 19.999999%: 0.000001 points short of the 20% goal, €0.01 more contribution"
    );
}
