//! The semantic diff, on a French–Belgian project whose figures are worked by hand.
//!
//! Budget €1,000,000: L1 €500,000 and L2 €100,000 of goods in FR, L3 €400,000 in BE. The French
//! majority brings €600,000, the Belgian minority €200,000. A Belgian rebate pays 25% of all
//! Belgian spend from €400,000; a test treaty asks each partner for 30%–80%.
//!
//! Base: BE spend 400,000 → rebate 100,000; BE share (200,000 + 100,000) / 1,000,000 = 30%;
//! FR 60%; financing 900,000, gap 100,000, net cost 900,000.

mod common;

use common::*;
use coprod::engine::diff::{LineChangeKind, Side, diff};
use coprod::engine::{CheckOutcome, ProgramStatus, ScenarioDiff, TreatyVerdict, assess};
use coprod::model::{
    Allocation, FinancingKind::*, Goal, LineId, LineOverride, PartnerId, PartnerRole::*, Percent,
    Project, Scenario,
};
use coprod::rules::RuleBook;

const BE_REBATE: &str = r#"id: "be-test", name: "Belgian rebate", territory: "BE", kind: CashRebate,
    currency: "EUR", basis: AllSpend, rate: Flat("25"), minimums: [QualifyingSpend("400000")]"#;
const FR_BE: &str = r#"id: "fr-be", name: "France–Belgium", kind: Bilateral,
    parties: [(country: "FR", confidence: Confirmed), (country: "BE", confidence: Confirmed)],
    bilateral: (min: "30", max: "80")"#;

fn book() -> RuleBook {
    rules(&format!(
        "(programs: [({BE_REBATE}, {PROV})], treaties: [({FR_BE}, {PROV})])"
    ))
}

/// The base project and one more scenario with `overrides`.
fn project(overrides: Vec<(&str, LineOverride)>) -> Project {
    let mut b = Builder::new("EUR", &["FR", "BE"])
        .partner("fr", "FR", Majority)
        .funds(Equity, "600000", "EUR")
        .partner("be", "BE", Minority)
        .funds(PublicFund, "200000", "EUR")
        .goods("FR", "500000")
        .goods("FR", "100000")
        .goods("BE", "400000");
    b.data.goals = vec![Goal::ShareAtLeast {
        partner: PartnerId("be".into()),
        share: Percent(d("30")),
    }];
    let mut other = Scenario::new("Other");
    for (id, ov) in overrides {
        other.overrides.insert(LineId(id.into()), ov);
    }
    b.data.scenarios.push(other);
    b.build()
}

fn between(before: (&Project, usize), after: (&Project, usize)) -> ScenarioDiff {
    let rules = book();
    let (p, q) = (before.0, after.0);
    let (s, t) = (&p.scenarios()[before.1], &q.scenarios()[after.1]);
    let (a, b) = (assess(p, s, &rules), assess(q, t, &rules));
    diff(
        Side {
            project: p,
            scenario: s,
            assessment: &a,
        },
        Side {
            project: q,
            scenario: t,
            assessment: &b,
        },
    )
}

fn spent(code: &str) -> LineOverride {
    LineOverride {
        spent_in: Some(Allocation::at(t(code))),
        ..LineOverride::default()
    }
}

#[test]
fn a_move_is_named_and_its_effects_are_figured_to_the_cent() {
    // L2 (€100,000) moves FR → BE: BE 500,000, rebate 125,000 (+25,000); BE share
    // (200,000 + 125,000) / 1,000,000 = 32.5% (+2.5 points); FR stays at 60%; gap 75,000;
    // net cost 875,000.
    let p = project(vec![("L2", spent("BE"))]);
    let x = between((&p, 0), (&p, 1));
    assert_eq!((x.before.as_str(), x.after.as_str()), ("Base", "Other"));
    assert_eq!(x.lines.len(), 1);
    assert_eq!(x.lines[0].id, LineId("L2".into()));
    assert_eq!(
        x.lines[0].change,
        LineChangeKind::Moved {
            from: "FR".into(),
            to: "BE".into(),
            cost: d("100000")
        }
    );
    let spend: Vec<(&str, _, _, _)> = x
        .territories
        .iter()
        .map(|f| (f.label.as_str(), f.before, f.after, f.delta))
        .collect();
    assert_eq!(
        spend,
        [
            ("FR", d("600000"), d("500000"), d("-100000")),
            ("BE", d("400000"), d("500000"), d("100000")),
        ]
    );
    assert_eq!(x.programs.len(), 1);
    let rebate = &x.programs[0];
    assert_eq!(
        (rebate.net_before, rebate.net_after, rebate.delta),
        (d("100000"), d("125000"), d("25000"))
    );
    assert_eq!(rebate.status_before, Some(ProgramStatus::Claimed));
    // Only the Belgian partner's share moved.
    assert_eq!(x.partners.len(), 1);
    assert_eq!(x.partners[0].id, "be");
    assert_eq!(x.partners[0].delta_points, d("2.5"));
    assert_eq!(x.partners[0].contribution_after, d("325000"));
    assert_eq!(x.partners[0].band.as_deref(), Some("30%–80%"));
    assert!(x.treaty.flipped.is_empty());
    assert!(x.goals.is_empty());
    let totals: Vec<(&str, _)> = x
        .totals
        .iter()
        .map(|f| (f.label.as_str(), f.delta))
        .collect();
    assert_eq!(
        totals,
        [
            ("Budget", d("0")),
            ("Financing", d("25000")),
            ("Gap", d("-25000")),
            ("Incentives, net", d("25000")),
            ("Net cost", d("-25000")),
        ]
    );
}

#[test]
fn a_lost_program_flips_the_treaty_check_and_the_goal() {
    // L3 (€400,000) is split 99.99% BE / 0.01% FR: BE spend 399,960 misses the €400,000
    // minimum, so the rebate is lost; BE share 200,000 / 1,000,000 = 20%, under the 30% band
    // minimum; the goal "BE at least 30%" is no longer met.
    let split = LineOverride {
        spent_in: Some(
            Allocation::split([
                (t("BE"), Percent(d("99.99"))),
                (t("FR"), Percent(d("0.01"))),
            ])
            .unwrap(),
        ),
        ..LineOverride::default()
    };
    let p = project(vec![("L3", split)]);
    let x = between((&p, 0), (&p, 1));
    assert_eq!(
        x.lines[0].change,
        LineChangeKind::Moved {
            from: "BE".into(),
            to: "BE 99.99 / FR 0.01".into(),
            cost: d("400000")
        }
    );
    let rebate = &x.programs[0];
    assert_eq!(rebate.status_after, Some(ProgramStatus::NotEligible));
    assert_eq!(rebate.delta, d("-100000"));
    assert!(
        rebate.why.as_deref().is_some_and(|w| w.contains("€40.00")),
        "{:?}",
        rebate.why
    );
    assert_eq!(x.treaty.verdict_before, TreatyVerdict::Pass);
    assert_eq!(x.treaty.verdict_after, TreatyVerdict::Fail);
    let flip = &x.treaty.flipped[0];
    assert_eq!(
        (flip.before, flip.after),
        (Some(CheckOutcome::Pass), Some(CheckOutcome::Fail))
    );
    assert_eq!(x.goals.len(), 1);
    assert_eq!(
        (x.goals[0].met_before, x.goals[0].met_after),
        (Some(true), Some(false))
    );
}

#[test]
fn cost_and_payer_changes_and_lines_added_or_removed_between_two_files() {
    let old = project(vec![]);
    let mut data = old.data().clone();
    // L1 paid by the Belgian partner, L2 re-priced to €120,000, L3 removed, L4 added in BE.
    data.lines[0].paid_by = Some(PartnerId("be".into()));
    data.lines[1].cost = coprod::model::Cost::Amount(d("120000"));
    let mut added = data.lines[2].clone();
    added.id = LineId("L4".into());
    added.description = "L4".into();
    added.cost = coprod::model::Cost::Amount(d("50000"));
    data.lines.remove(2);
    data.lines.push(added);
    data.partners[1].financing[0].amount = d("210000");
    let new = Project::new(data).unwrap();
    let x = between((&old, 0), (&new, 0));
    let changes: Vec<(&str, &LineChangeKind)> = x
        .lines
        .iter()
        .map(|c| (c.id.0.as_str(), &c.change))
        .collect();
    assert_eq!(
        changes,
        [
            (
                "L1",
                &LineChangeKind::Payer {
                    from: "default".into(),
                    to: "be".into()
                }
            ),
            (
                "L2",
                &LineChangeKind::Cost {
                    from: d("100000"),
                    to: d("120000")
                }
            ),
            (
                "L4",
                &LineChangeKind::Added {
                    spent_in: "BE".into(),
                    cost: d("50000")
                }
            ),
            (
                "L3",
                &LineChangeKind::Removed {
                    spent_in: "BE".into(),
                    cost: d("400000")
                }
            ),
        ]
    );
    assert_eq!(
        x.project_changes,
        ["partner BE changed (role or financing)"]
    );
    // Budget 500,000 + 120,000 + 50,000 = 670,000.
    assert_eq!(x.totals[0].after, d("670000"));
}

#[test]
fn a_scenario_against_itself_has_nothing_to_say() {
    let p = project(vec![("L2", spent("BE"))]);
    let x = between((&p, 1), (&p, 1));
    assert!(x.is_empty(), "{x:?}");
}
