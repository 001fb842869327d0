//! Goals: each of the project's and the scenario's goals, held against the finished
//! assessment, with how far it is from being met (or how much room is left).

use super::assessment::{
    Assessment, CheckOutcome, GoalAssessment, GoalScope, ProgramStatus, TreatyVerdict,
};
use crate::model::{Goal, Percent, Project, Scenario, format_money};
use crate::rules::RuleBook;
use rust_decimal::{Decimal, RoundingStrategy};

/// Every goal of the project, then every goal of the scenario, in the order written.
pub(crate) fn assess_goals(
    project: &Project,
    scenario: &Scenario,
    rules: &RuleBook,
    a: &Assessment,
) -> Vec<GoalAssessment> {
    let project_goals = project.data().goals.iter().map(|g| (g, GoalScope::Project));
    let scenario_goals = scenario.goals.iter().map(|g| (g, GoalScope::Scenario));
    project_goals
        .chain(scenario_goals)
        .map(|(goal, scope)| assess_goal(goal, scope, rules, a))
        .collect()
}

/// What one goal's check found, before it is labelled.
struct Found {
    label: String,
    met: bool,
    figure: String,
    target: String,
    shortfall: Decimal,
    message: String,
}

fn assess_goal(goal: &Goal, scope: GoalScope, rules: &RuleBook, a: &Assessment) -> GoalAssessment {
    let f = match goal {
        Goal::ShareAtLeast { partner, share } => share_goal(a, &partner.0, *share, true),
        Goal::ShareAtMost { partner, share } => share_goal(a, &partner.0, *share, false),
        Goal::Claimed(id) => claimed_goal(a, rules, id),
        Goal::NetCostAtMost { amount } => amount_goal(a, "net cost", a.net_cost, *amount, false),
        Goal::IncentivesAtLeast { amount } => {
            amount_goal(a, "net incentives", a.incentives_net, *amount, true)
        }
        Goal::SpendAtLeast { territory, amount } => {
            let spend: Decimal = a
                .territories
                .iter()
                .filter(|t| t.territory.lies_within(territory))
                .map(|t| t.total)
                .sum();
            amount_goal(a, &format!("spend in {territory}"), spend, *amount, true)
        }
        Goal::GapClosed => gap_goal(a),
        Goal::TreatyPasses => treaty_goal(a),
        Goal::ObligationsMet => obligations_goal(a),
    };
    GoalAssessment {
        goal: goal.clone(),
        scope,
        label: f.label,
        met: f.met,
        figure: f.figure,
        target: f.target,
        shortfall: f.shortfall,
        message: f.message,
    }
}

fn share_goal(a: &Assessment, partner: &str, bound: Percent, at_least: bool) -> Found {
    let (sign, word) = if at_least {
        ("≥", "at least")
    } else {
        ("≤", "at most")
    };
    let Some(p) = a.partners.iter().find(|p| p.id == partner) else {
        // The model refuses goals for unknown partners; this is for completeness.
        return Found {
            label: format!("share of {partner} {word} {bound}"),
            met: false,
            figure: "-".into(),
            target: format!("{sign} {bound}"),
            shortfall: bound.points(),
            message: format!("there is no partner \"{partner}\""),
        };
    };
    let share = p.share.points();
    let missing = if at_least {
        bound.points() - share
    } else {
        share - bound.points()
    };
    let met = missing <= Decimal::ZERO;
    // A shortfall under half a hundredth of a point needs more places to be seen.
    let fine = !met && missing < Decimal::new(5, 3);
    let money =
        |points: Decimal| format_money(a.budget_total * points / Decimal::ONE_HUNDRED, a.currency);
    let message = if met {
        format!(
            "{} has {}%, {} points {} the {bound} goal ({} of room)",
            p.name,
            points(share, false),
            points(-missing, false),
            if at_least { "above" } else { "below" },
            money(-missing)
        )
    } else {
        format!(
            "{} has {}%: {} points {} the {bound} goal, {} {} contribution",
            p.name,
            points(share, fine),
            points(missing, fine),
            if at_least { "short of" } else { "over" },
            money(missing),
            if at_least { "more" } else { "less" }
        )
    };
    Found {
        label: format!("share of {} {word} {bound}", p.name),
        met,
        figure: format!("{}%", points(share, fine)),
        target: format!("{sign} {bound}"),
        shortfall: missing.max(Decimal::ZERO),
        message,
    }
}

fn claimed_goal(a: &Assessment, rules: &RuleBook, id: &str) -> Found {
    let Some(p) = a.programs.iter().find(|p| p.id == id) else {
        let message = match rules.program(id) {
            Some(program) => format!(
                "{} is not in play: the project has no territory in {}",
                program.name, program.territory
            ),
            None => {
                format!("there is no program \"{id}\" in the rule book (see `coprod rules list`)")
            }
        };
        return Found {
            label: format!("{id} claimed"),
            met: false,
            figure: "not in play".into(),
            target: "claimed".into(),
            shortfall: Decimal::ONE,
            message,
        };
    };
    let met = p.status == ProgramStatus::Claimed;
    let message = match p.status {
        ProgramStatus::Claimed => format!(
            "{} is claimed: {} net",
            p.name,
            format_money(p.net, a.currency)
        ),
        ProgramStatus::Excluded => {
            let winner = a.programs.iter().find(|q| {
                q.status == ProgramStatus::Claimed
                    && q.exclusive_group.is_some()
                    && q.exclusive_group == p.exclusive_group
            });
            match winner {
                Some(w) => format!(
                    "{} is eligible, but {} is claimed instead (they cannot be combined)",
                    p.name, w.name
                ),
                None => format!(
                    "{} is eligible but cannot be combined with a program claimed",
                    p.name
                ),
            }
        }
        ProgramStatus::NoSpend => format!("{} is not claimed: no spend in {}", p.name, p.territory),
        ProgramStatus::NotEligible | ProgramStatus::NotApplicable => {
            let why: Vec<&str> = p.reasons.iter().map(|r| r.message.as_str()).collect();
            if why.is_empty() {
                format!("{} is not claimed", p.name)
            } else {
                format!("{} is not claimed: {}", p.name, why.join("; "))
            }
        }
    };
    let figure = match p.status {
        ProgramStatus::Claimed => format_money(p.net, a.currency),
        ProgramStatus::Excluded => "excluded".into(),
        ProgramStatus::NoSpend => "no spend".into(),
        ProgramStatus::NotEligible => "not eligible".into(),
        ProgramStatus::NotApplicable => "not applicable".into(),
    };
    Found {
        label: format!("{} claimed", p.name),
        met,
        figure,
        target: "claimed".into(),
        shortfall: if met { Decimal::ZERO } else { Decimal::ONE },
        message,
    }
}

/// Share points to two places; to six when `fine` (a shortfall that two places would show as
/// nothing: 19.999999% is not "20.00%, 0.00 points short").
fn points(x: Decimal, fine: bool) -> String {
    let dp = if fine { 6 } else { 2 };
    let rounded = x.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    if fine {
        rounded.normalize().to_string()
    } else {
        format!("{rounded:.2}")
    }
}

/// An amount to the cent, as reports show it: a gap of a tenth of a cent is closed.
fn cents(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

fn amount_goal(
    a: &Assessment,
    what: &str,
    value: Decimal,
    bound: Decimal,
    at_least: bool,
) -> Found {
    let money = |x| format_money(x, a.currency);
    let value = cents(value);
    let missing = if at_least {
        bound - value
    } else {
        value - bound
    };
    let met = missing <= Decimal::ZERO;
    let (sign, word) = if at_least {
        ("≥", "at least")
    } else {
        ("≤", "at most")
    };
    let message = match (met, at_least) {
        (true, true) => format!(
            "{what} is {}, {} above the goal",
            money(value),
            money(-missing)
        ),
        (true, false) => format!(
            "{what} is {}, {} under the goal",
            money(value),
            money(-missing)
        ),
        (false, true) => format!(
            "{what} is {}: {} short of {}",
            money(value),
            money(missing),
            money(bound)
        ),
        (false, false) => format!(
            "{what} is {}: {} over {}",
            money(value),
            money(missing),
            money(bound)
        ),
    };
    Found {
        label: format!("{what} {word} {}", money(bound)),
        met,
        figure: money(value),
        target: format!("{sign} {}", money(bound)),
        shortfall: missing.max(Decimal::ZERO),
        message,
    }
}

fn gap_goal(a: &Assessment) -> Found {
    let gap = cents(a.gap);
    let met = gap <= Decimal::ZERO;
    let money = |x| format_money(x, a.currency);
    Found {
        label: "financing gap closed".into(),
        met,
        figure: money(gap),
        target: "≤ 0".into(),
        shortfall: gap.max(Decimal::ZERO),
        message: if met {
            format!("the financing covers the budget (gap {})", money(gap))
        } else {
            format!("{} of the budget is not financed", money(gap))
        },
    }
}

fn treaty_goal(a: &Assessment) -> Found {
    let failing: Vec<&str> = a
        .treaty
        .checks
        .iter()
        .filter(|c| matches!(c.outcome, CheckOutcome::Fail | CheckOutcome::Derogation))
        .map(|c| c.message.as_str())
        .collect();
    let (met, figure, message) = match a.treaty.verdict {
        TreatyVerdict::Pass => (
            true,
            "passes".to_string(),
            "every treaty check passes".to_string(),
        ),
        TreatyVerdict::Unverified => (
            true,
            "passes".into(),
            "every treaty check that can be decided passes (a bound is unknown)".into(),
        ),
        TreatyVerdict::NotApplicable => (
            true,
            "no treaty".into(),
            format!("no treaty applies: {}", a.treaty.why),
        ),
        TreatyVerdict::Derogation => (
            false,
            "derogation".into(),
            format!("only by derogation: {}", failing.join("; ")),
        ),
        TreatyVerdict::Fail => (
            false,
            "fails".into(),
            format!("failing: {}", failing.join("; ")),
        ),
    };
    Found {
        label: "every treaty check passes".into(),
        met,
        figure,
        target: "passes".into(),
        shortfall: if met {
            Decimal::ZERO
        } else {
            Decimal::from(failing.len().max(1))
        },
        message,
    }
}

fn obligations_goal(a: &Assessment) -> Found {
    let unmet: Vec<String> = a
        .obligations
        .iter()
        .filter(|o| !o.met)
        .map(|o| {
            format!(
                "\"{}\" needs {} more in {}",
                o.source,
                format_money(o.shortfall, a.currency),
                o.territory
            )
        })
        .collect();
    let total = a.obligations.len();
    let met = unmet.is_empty();
    Found {
        label: "every spend obligation met".into(),
        met,
        figure: format!("{} of {total} met", total - unmet.len()),
        target: format!("{total} of {total}"),
        shortfall: a
            .obligations
            .iter()
            .filter(|o| !o.met)
            .map(|o| o.shortfall)
            .sum(),
        message: if total == 0 {
            "no financing source sets a spend obligation".into()
        } else if met && total == 1 {
            "the spend obligation is met".into()
        } else if met {
            format!("all {total} spend obligations are met")
        } else {
            unmet.join("; ")
        },
    }
}
