//! `assess`: ties the ledger, programs, partners and treaty together.
//!
//! Official status and incentives depend on each other: the treaty checks use partner shares,
//! which include incentives, and some incentives need official status. The plan is assessed
//! first as if official status holds (that is what the producer applies for). If a treaty
//! check fails, status is lost and the programs that need it are assessed again without it;
//! the treaty checks shown are those of the plan as submitted.

use super::assessment::{
    AccountSpend, Assessment, CategorySpend, CheckOutcome, ProgramAssessment, ProgramStatus,
    TerritorySpend, TreatyCheck, TreatyVerdict,
};
use super::goals::assess_goals;
use super::ledger::Ledger;
use super::partners::{assess_obligations, assess_partners};
use super::programs::{OfficialStatus, assess_programs, public_funds};
use super::treaty::{Selection, assess_treaty, select};
use crate::model::{Category, Percent, Project, Scenario, Territory};
use crate::rules::{Requirement, RuleBook};
use rust_decimal::Decimal;

/// Assesses `scenario` of `project` against `rules`. Pure: same inputs, same result.
pub fn assess(project: &Project, scenario: &Scenario, rules: &RuleBook) -> Assessment {
    assess_ledger(
        project,
        scenario,
        rules,
        &Ledger::tally(project, scenario),
        true,
    )
}

/// Assesses `scenario` from its ledger: everything after the pass over the lines. Without
/// `explain`, programs leave out the arithmetic step by step (their `steps` stay empty) and
/// every figure is the same.
pub(crate) fn assess_ledger(
    project: &Project,
    scenario: &Scenario,
    rules: &RuleBook,
    ledger: &Ledger,
    explain: bool,
) -> Assessment {
    let budget = ledger.budget_total;

    let mut categories: Vec<CategorySpend> = Category::ALL
        .iter()
        .map(|c| CategorySpend {
            category: *c,
            total: Decimal::ZERO,
            share: Percent::ZERO,
            paid_by: vec![Decimal::ZERO; project.partners().len()],
        })
        .collect();
    let territories: Vec<TerritorySpend> = project
        .territories()
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let (total, labour, goods, by_category) = ledger.territory_totals(project, i);
            for (c, amount) in categories.iter_mut().zip(by_category) {
                c.total += amount;
            }
            TerritorySpend {
                territory: t.clone(),
                total,
                labour,
                goods,
                by_category,
                share: Percent::ratio(total, budget),
                incentives: Decimal::ZERO,
            }
        })
        .collect();
    for c in &mut categories {
        c.share = Percent::ratio(c.total, budget);
    }
    let accounts = account_spend(project, ledger, &mut categories);
    let countries = by_country(&territories, budget);

    let selection = select(project, rules);
    let seeks_status = matches!(selection, Selection::Applies(_));
    let assumed = OfficialStatus {
        holds: seeks_status,
        why_not: match &selection {
            Selection::NotApplicable(why) | Selection::Missing(why) => why.clone(),
            Selection::Applies(_) => String::new(),
        },
    };
    let mut programs = assess_programs(project, ledger, rules, &assumed, explain);
    let mut partners = assess_partners(project, ledger, &programs);
    let mut treaty = assess_treaty(
        project,
        rules,
        &selection,
        &mut partners,
        &countries,
        budget,
    );
    let official_status = seeks_status && treaty.verdict != TreatyVerdict::Fail;

    // Losing status only changes anything if a program counted on it.
    if seeks_status && !official_status && relies_on_status(project, rules, &programs) {
        let failed: Vec<&str> = treaty
            .checks
            .iter()
            .filter(|c| c.outcome == CheckOutcome::Fail)
            .map(|c| c.message.as_str())
            .collect();
        let lost = OfficialStatus {
            holds: false,
            why_not: format!("the treaty check fails: {}", failed.join("; ")),
        };
        programs = assess_programs(project, ledger, rules, &lost, explain);
        partners = assess_partners(project, ledger, &programs);
        // The checks are shown with the shares that remain once status is lost, so that they
        // agree with the partners' figures; the verdict stays the first one.
        let mut without = assess_treaty(
            project,
            rules,
            &selection,
            &mut partners,
            &countries,
            budget,
        );
        without.why = format!(
            "{}. With the incentives that need official status, the treaty fails ({}); without them the shares fall, and the checks below use those shares",
            treaty.why,
            failed.join("; ")
        );
        if without.verdict != TreatyVerdict::Fail {
            without.verdict = TreatyVerdict::Fail;
            without.checks.insert(
                0,
                TreatyCheck {
                    id: "status".into(),
                    label: "Official status".into(),
                    outcome: CheckOutcome::Fail,
                    figure: String::new(),
                    bound: "every check".into(),
                    message: format!(
                        "official status is lost: with the incentives it brings, {}",
                        failed.join("; ")
                    ),
                    steps: Vec::new(),
                },
            );
        }
        treaty = without;
    }

    let (mut territories, mut countries) = (territories, countries);
    attribute_incentives(&mut territories, &mut countries, &programs);
    let obligations = assess_obligations(project, &territories);
    let claimed = programs
        .iter()
        .filter(|p| p.status == ProgramStatus::Claimed);
    let incentives_gross: Decimal = claimed.clone().map(|p| p.gross).sum();
    let incentives_net: Decimal = claimed.map(|p| p.net).sum();
    let financing: Decimal = partners.iter().map(|p| p.financing).sum();
    let financing_total = financing + incentives_net;
    let public_aid = public_funds(project, None) + incentives_gross;

    let mut notes = Vec::new();
    for declared in &project.data().declarations.uplifts {
        let known = declared
            .split_once('/')
            .and_then(|(program, uplift)| {
                rules
                    .program(program)
                    .map(|p| p.uplifts.iter().any(|u| u.id == uplift))
            })
            .unwrap_or(false);
        if !known {
            notes.push(format!("declared uplift \"{declared}\" matches no program uplift in the rule book (write program-id/uplift-id)"));
        }
    }

    let mut assessment = Assessment {
        project: project.title().to_string(),
        scenario: scenario.name.clone(),
        currency: project.currency(),
        budget_total: budget,
        categories,
        accounts,
        territories,
        countries,
        programs,
        partners,
        treaty,
        obligations,
        financing_total,
        gap: budget - financing_total,
        incentives_gross,
        incentives_net,
        net_cost: budget - incentives_net,
        public_aid,
        public_aid_share: Percent::ratio(public_aid, budget),
        official_status,
        notes,
        goals: Vec::new(),
    };
    assessment.goals = assess_goals(project, scenario, rules, &assessment);
    assessment
}

/// Whether a program counted in the first pass would be lost without official status.
fn relies_on_status(project: &Project, rules: &RuleBook, programs: &[ProgramAssessment]) -> bool {
    let tests = &project.data().declarations.cultural_tests;
    programs
        .iter()
        .filter(|a| a.status != ProgramStatus::NoSpend)
        .any(|a| {
            rules.program(&a.id).is_some_and(|p| {
                p.requires.iter().any(|r| match r {
                    Requirement::OfficialCoproduction => true,
                    Requirement::CulturalTestOrOfficial => {
                        !tests.contains(&p.territory.country()) && !tests.contains(&p.territory)
                    }
                    _ => false,
                })
            })
        })
}

/// Territory spend folded into countries (CA-QC into CA), in first-seen order.
/// Puts each claimed program's net benefit on the territory it belongs to: the territory
/// itself, or the only project territory within it (a federal credit when the project spends
/// in one province); and on its country.
fn attribute_incentives(
    territories: &mut [TerritorySpend],
    countries: &mut [TerritorySpend],
    programs: &[ProgramAssessment],
) {
    for p in programs
        .iter()
        .filter(|p| p.status == ProgramStatus::Claimed)
    {
        let exact = territories.iter().position(|t| t.territory == p.territory);
        let within: Vec<usize> = (0..territories.len())
            .filter(|&i| territories[i].territory.lies_within(&p.territory))
            .collect();
        let row = match (exact, within.as_slice()) {
            (Some(i), _) => Some(i),
            (None, [only]) => Some(*only),
            _ => None,
        };
        if let Some(i) = row {
            territories[i].incentives += p.net;
        }
        if let Some(c) = countries
            .iter_mut()
            .find(|c| c.territory == p.territory.country())
        {
            c.incentives += p.net;
        }
    }
}

fn by_country(territories: &[TerritorySpend], budget: Decimal) -> Vec<TerritorySpend> {
    let mut out: Vec<TerritorySpend> = Vec::new();
    for t in territories {
        let country: Territory = t.territory.country();
        match out.iter_mut().find(|c| c.territory == country) {
            Some(c) => {
                c.total += t.total;
                c.labour += t.labour;
                c.goods += t.goods;
                for (a, b) in c.by_category.iter_mut().zip(t.by_category) {
                    *a += b;
                }
            }
            None => out.push(TerritorySpend {
                territory: country,
                ..t.clone()
            }),
        }
    }
    for c in &mut out {
        c.share = Percent::ratio(c.total, budget);
    }
    out
}

/// Each account's total, split by paying partner and by territory, and the categories' split
/// by paying partner.
fn account_spend(
    project: &Project,
    ledger: &Ledger,
    categories: &mut [CategorySpend],
) -> Vec<AccountSpend> {
    let in_territory: Vec<Vec<Decimal>> = (0..project.territories().len())
        .map(|t| ledger.account_totals_in(t))
        .collect();
    let paid: Vec<Vec<Decimal>> = (0..project.partners().len())
        .map(|p| ledger.paid_by_account(p))
        .collect();
    project
        .accounts()
        .iter()
        .zip(ledger.account_totals())
        .enumerate()
        .map(|(i, (a, total))| {
            let paid_by: Vec<Decimal> = paid.iter().map(|p| p[i]).collect();
            if let Some(c) = categories.iter_mut().find(|c| c.category == a.category) {
                for (sum, amount) in c.paid_by.iter_mut().zip(&paid_by) {
                    *sum += *amount;
                }
            }
            AccountSpend {
                code: a.code.clone(),
                name: a.name.clone(),
                category: a.category,
                total,
                paid_by,
                spent_in: in_territory.iter().map(|t| t[i]).collect(),
            }
        })
        .collect()
}
