//! The optimiser: where should the movable lines be spent so that the project keeps the most
//! incentives (equivalently, costs the least net) while every treaty check passes, every goal
//! is met and every spend obligation is met?
//!
//! The engine is the model: every candidate allocation is assessed by the same code that
//! draws the workbench, through the incremental `Evaluator`, so caps, cliffs, minimums,
//! exclusive programs and aid ceilings count exactly as the engine computes them. When the
//! allocations are few enough, every one is assessed and the result is the proven optimum.
//! Otherwise a local search runs (single moves, moves of several lines towards a program's
//! minimum or next rate step, swaps, restarts from each territory) and the result is reported
//! as found by search, with an upper bound on what any allocation could earn.
//! docs/optimiser.md explains the model.
//!
//! Pure: no I/O.

use crate::engine::{Assessment, CheckOutcome, Evaluator, ProgramStatus, assess};
use crate::model::{Allocation, LineId, Percent, Project, Scenario, Territory, format_money};
use crate::rules::RuleBook;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// How many of the largest movable lines the search tries swapping pairwise.
const SWAP_LINES: usize = 40;

/// How many lines a move of several lines towards a program adds at most.
const COMPOUND_LINES: usize = 64;

/// How hard to search.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Assess every allocation when there are at most this many.
    pub exhaustive_limit: u64,
    /// Stop the search after this many assessments.
    pub max_evaluations: usize,
    /// Splittable lines are split in steps of this many percent.
    pub split_step: u32,
    /// Count a share the authorities may accept by derogation as passing.
    pub allow_derogation: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            exhaustive_limit: 20_000,
            max_evaluations: 9_000,
            split_step: 25,
            allow_derogation: false,
        }
    }
}

/// How the result was found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Method {
    /// Every allocation was assessed: the result is the best there is.
    Exhaustive { allocations: u64 },
    /// Local search (from the starting placement, then from each territory): the best found,
    /// not proven the best.
    /// `bound` is an upper bound on the net incentives of any allocation.
    Search {
        evaluations: usize,
        #[serde(with = "crate::model::decimal")]
        bound: Decimal,
    },
}

/// One line moved, with what the move did when it was applied after the ones before it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Move {
    pub line: LineId,
    pub description: String,
    pub from: String,
    pub to: String,
    /// Change in net incentives (and, with the opposite sign, in net cost).
    #[serde(with = "crate::model::decimal")]
    pub incentives: Decimal,
    /// The programs (rule-book ids) whose net benefit moved, with the change.
    pub programs: Vec<(String, String)>,
}

/// A constraint the result is held to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Constraint {
    pub label: String,
    pub met: bool,
    /// It stops a better allocation: an allocation that earns more breaks it.
    pub binding: bool,
    /// The figure and the bound, or what a better allocation would need.
    pub detail: String,
}

/// What the optimiser proposes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// The proposed scenario: the starting one with the moves applied.
    pub scenario: Scenario,
    pub moves: Vec<Move>,
    pub method: Method,
    /// Every constraint is met.
    pub feasible: bool,
    pub constraints: Vec<Constraint>,
    /// Why no allocation meets every constraint, when none does (or none was found).
    pub infeasible: Option<String>,
    #[serde(with = "crate::model::decimal")]
    pub incentives_before: Decimal,
    #[serde(with = "crate::model::decimal")]
    pub incentives_after: Decimal,
    #[serde(with = "crate::model::decimal")]
    pub net_cost_before: Decimal,
    #[serde(with = "crate::model::decimal")]
    pub net_cost_after: Decimal,
    /// How many lines could move.
    pub movable_lines: usize,
}

/// A line the optimiser may place, and where.
struct Choice {
    line: usize,
    options: Vec<Allocation>,
}

/// How good an assessment is: first how far it is from meeting every constraint, then the
/// net incentives.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Score {
    violation: Decimal,
    objective: Decimal,
}

impl Score {
    fn better_than(&self, other: &Score) -> bool {
        self.violation < other.violation
            || (self.violation == other.violation && self.objective > other.objective)
    }
}

/// Optimises the placement of `scenario`'s movable lines.
pub fn optimise(
    project: &Project,
    scenario: &Scenario,
    rules: &RuleBook,
    options: &Options,
) -> Plan {
    let choices = choices(project, scenario, options);
    let mut e = Evaluator::new(project, scenario, rules);
    let start = e.assess();
    let allocations = choices
        .iter()
        .try_fold(1u64, |n, c| n.checked_mul(c.options.len() as u64))
        .filter(|n| *n <= options.exhaustive_limit);
    let (method, best, free_best) = match allocations {
        Some(n) => {
            let (best, free) = exhaustive(&mut e, &choices, options);
            (Method::Exhaustive { allocations: n }, best, free)
        }
        None => {
            let (best, free, evaluations) = search(&mut e, &choices, options);
            let bound = bound(project, scenario, rules, &choices);
            (Method::Search { evaluations, bound }, best, free)
        }
    };
    for (c, at) in choices.iter().zip(&best) {
        e.place(c.line, c.options[*at].clone());
    }
    let end = e.assess();
    let proposed = e.scenario(&scenario.name);
    let moves = moves(project, scenario, &proposed, rules);
    let free_assessment = free_best.map(|placement| {
        for (c, at) in choices.iter().zip(&placement) {
            e.place(c.line, c.options[*at].clone());
        }
        e.assess()
    });
    let constraints = constraints(&end, free_assessment.as_ref(), options);
    let feasible = constraints.iter().all(|c| c.met);
    let infeasible = (!feasible).then(|| {
        let unmet: Vec<String> = constraints
            .iter()
            .filter(|c| !c.met)
            .map(|c| format!("{} ({})", c.label, c.detail))
            .collect();
        let how = match method {
            Method::Exhaustive { .. } => "no placement of the movable lines meets",
            Method::Search { .. } => "the search found no placement of the movable lines that meets",
        };
        format!(
            "{how} every constraint (lines move whole; only lines marked splittable are split, in steps of {}%); the closest leaves unmet: {}",
            options.split_step,
            unmet.join("; ")
        )
    });
    Plan {
        scenario: proposed,
        moves,
        method,
        feasible,
        constraints,
        infeasible,
        incentives_before: start.incentives_net,
        incentives_after: end.incentives_net,
        net_cost_before: start.net_cost,
        net_cost_after: end.net_cost,
        movable_lines: choices.len(),
    }
}

/// The lines that can move (not pinned, more than one place to go) and where each may go:
/// every project territory it is allowed in, and for a splittable line, two-way splits in
/// steps of `split_step`. The current placement is always the first option.
fn choices(project: &Project, scenario: &Scenario, options: &Options) -> Vec<Choice> {
    let step = options.split_step.clamp(1, 50);
    project
        .lines()
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.pinned)
        .filter_map(|(index, line)| {
            let current = project.placed(scenario, index).spent_in.clone();
            let places: Vec<&Territory> = project
                .territories()
                .iter()
                .filter(|t| line.may_move_to(t).is_ok())
                .collect();
            let mut opts = vec![current.clone()];
            let mut add = |a: Allocation| {
                if !opts.contains(&a) {
                    opts.push(a);
                }
            };
            for t in &places {
                add(Allocation::at((*t).clone()));
            }
            if line.splittable {
                for (i, a) in places.iter().enumerate() {
                    for b in &places[i + 1..] {
                        let mut share = step;
                        while share < 100 {
                            if let Ok(split) = Allocation::split([
                                ((*a).clone(), Percent(Decimal::from(share))),
                                ((*b).clone(), Percent(Decimal::from(100 - share))),
                            ]) {
                                add(split);
                            }
                            share += step;
                        }
                    }
                }
            }
            (opts.len() > 1).then_some(Choice {
                line: index,
                options: opts,
            })
        })
        .collect()
}

/// How far `a` is from meeting every constraint (zero when it meets them all), in shares of
/// the whole: share points over 100, money over the budget, one per failing check.
fn violation(a: &Assessment, options: &Options) -> Decimal {
    let budget = a.budget_total.max(Decimal::ONE);
    let mut v = Decimal::ZERO;
    for c in &a.treaty.checks {
        let fails = c.outcome == CheckOutcome::Fail
            || (c.outcome == CheckOutcome::Derogation && !options.allow_derogation);
        if fails {
            v += Decimal::ONE;
        }
    }
    // Distance of each share from its band, so that moves towards it count.
    for p in &a.partners {
        let share = p.share.points();
        if let Some(min) = p.band_min {
            v += (min.points() - share).max(Decimal::ZERO) / Decimal::ONE_HUNDRED;
        }
        if let Some(max) = p.band_max {
            v += (share - max.points()).max(Decimal::ZERO) / Decimal::ONE_HUNDRED;
        }
    }
    for g in a.goals.iter().filter(|g| !g.met) {
        use crate::model::Goal;
        v += Decimal::ONE
            + match g.goal {
                Goal::ShareAtLeast { .. } | Goal::ShareAtMost { .. } => {
                    g.shortfall / Decimal::ONE_HUNDRED
                }
                Goal::NetCostAtMost { .. }
                | Goal::IncentivesAtLeast { .. }
                | Goal::SpendAtLeast { .. }
                | Goal::GapClosed
                | Goal::ObligationsMet => g.shortfall / budget,
                Goal::Claimed(_) | Goal::TreatyPasses => Decimal::ZERO,
            };
    }
    for o in a.obligations.iter().filter(|o| !o.met) {
        v += Decimal::ONE + o.shortfall / budget;
    }
    v
}

fn score(a: &Assessment, options: &Options) -> Score {
    Score {
        violation: violation(a, options),
        objective: a.incentives_net,
    }
}

/// Assesses every allocation, one line changed at a time (an odometer over the choices).
/// Returns the best allocation, and the best one ignoring constraints when it differs.
fn exhaustive(
    e: &mut Evaluator,
    choices: &[Choice],
    options: &Options,
) -> (Vec<usize>, Option<Vec<usize>>) {
    let mut at = vec![0usize; choices.len()];
    let mut best = at.clone();
    let mut best_score = score(&e.assess(), options);
    let mut free = at.clone();
    let mut free_objective = best_score.objective;
    loop {
        // Next allocation: advance the first digit that can, resetting those before it.
        let mut i = 0;
        while i < choices.len() {
            at[i] += 1;
            if at[i] < choices[i].options.len() {
                e.place(choices[i].line, choices[i].options[at[i]].clone());
                break;
            }
            at[i] = 0;
            e.place(choices[i].line, choices[i].options[0].clone());
            i += 1;
        }
        if i == choices.len() {
            break;
        }
        let s = score(&e.assess(), options);
        if s.better_than(&best_score) {
            best_score = s;
            best.clone_from(&at);
        }
        if s.objective > free_objective {
            free_objective = s.objective;
            free.clone_from(&at);
        }
    }
    let free = (free_objective > best_score.objective).then_some(free);
    (best, free)
}

/// The search: a local search from the starting placement, then from each territory with
/// every movable line that may go there placed in it, while assessments remain. Returns the
/// best placement found, the best one that gave up a constraint for more incentives (from the
/// winning start's last pass), and the number of assessments.
fn search(
    e: &mut Evaluator,
    choices: &[Choice],
    options: &Options,
) -> (Vec<usize>, Option<Vec<usize>>, usize) {
    let mut evaluations = 0usize;
    let mut at = vec![0usize; choices.len()];
    let (mut best_score, mut best_free) =
        local_search(e, choices, options, &mut at, &mut evaluations);
    let mut best = at.clone();
    let territories = e.project().territories().to_vec();
    for t in &territories {
        if evaluations >= options.max_evaluations {
            break;
        }
        let start: Vec<usize> = choices
            .iter()
            .map(|c| {
                c.options
                    .iter()
                    .position(|o| o.single() == Some(t))
                    .unwrap_or(0)
            })
            .collect();
        if start == best {
            continue;
        }
        move_to(e, choices, &mut at, &start);
        let (s, free) = local_search(e, choices, options, &mut at, &mut evaluations);
        if s.better_than(&best_score) {
            best_score = s;
            best_free = free;
            best.clone_from(&at);
        }
    }
    move_to(e, choices, &mut at, &best);
    let free = best_free
        .filter(|(o, _)| *o > best_score.objective)
        .map(|(_, placement)| placement);
    (best, free, evaluations)
}

/// Places every choice as `to` says.
fn move_to(e: &mut Evaluator, choices: &[Choice], at: &mut [usize], to: &[usize]) {
    for (i, c) in choices.iter().enumerate() {
        if at[i] != to[i] {
            e.place(c.line, c.options[to[i]].clone());
            at[i] = to[i];
        }
    }
}

/// Local search from the placement `at` (already placed in `e`): single-line moves (largest
/// lines first), moves of several lines towards a program's minimum or next rate step, and
/// swaps between large lines, repeated until none improves. Returns the score reached and the
/// best placement of the last pass that gave up a constraint for more incentives.
fn local_search(
    e: &mut Evaluator,
    choices: &[Choice],
    options: &Options,
    at: &mut Vec<usize>,
    evaluations: &mut usize,
) -> (Score, Option<(Decimal, Vec<usize>)>) {
    let project = e.project();
    let mut current = score(&e.assess(), options);
    *evaluations += 1;
    let mut free: Option<(Decimal, Vec<usize>)>;
    let mut order: Vec<usize> = (0..choices.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(project.base_cost(choices[i].line)));
    let budget = options.max_evaluations.max(1);
    loop {
        let mut improved = false;
        // Only the last pass, which improves nothing, says what the constraints cost.
        free = None;
        // Single moves.
        for &i in &order {
            let c = &choices[i];
            for k in 0..c.options.len() {
                if k == at[i] || *evaluations >= budget {
                    continue;
                }
                e.place(c.line, c.options[k].clone());
                let s = score(&e.assess(), options);
                *evaluations += 1;
                if s.better_than(&current) {
                    current = s;
                    at[i] = k;
                    improved = true;
                } else {
                    if s.objective > current.objective
                        && free.as_ref().is_none_or(|(o, _)| s.objective > *o)
                    {
                        let mut tried = at.clone();
                        tried[i] = k;
                        free = Some((s.objective, tried));
                    }
                    e.place(c.line, c.options[at[i]].clone());
                }
            }
        }
        // Several lines at once towards a program's minimum.
        let a = e.assess();
        *evaluations += 1;
        // Targets: programs not paying for want of spend, and programs with a rate step
        // ahead. Lines are added towards each, largest first and then smallest first, and the
        // best point along the way is kept if it beats the current placement.
        let targets: Vec<(String, Territory)> = a
            .programs
            .iter()
            .filter(|p| {
                matches!(
                    p.status,
                    ProgramStatus::NotEligible | ProgramStatus::NoSpend
                ) || (p.status == ProgramStatus::Claimed && p.next_threshold.is_some())
            })
            .map(|p| (p.id.clone(), p.territory.clone()))
            .collect();
        for (_, target) in &targets {
            // Lines not yet spent in the program's territory that may go there.
            let candidates: Vec<(usize, usize)> = order
                .iter()
                .filter_map(|&i| {
                    let c = &choices[i];
                    let here = c.options[at[i]]
                        .parts()
                        .iter()
                        .all(|(t, _)| t.lies_within(target));
                    if here {
                        return None;
                    }
                    c.options
                        .iter()
                        .position(|o| o.single().is_some_and(|t| t.lies_within(target)))
                        .map(|k| (i, k))
                })
                .collect();
            let largest_first: Vec<(usize, usize)> =
                candidates.iter().copied().take(COMPOUND_LINES).collect();
            let smallest_first: Vec<(usize, usize)> = candidates
                .iter()
                .rev()
                .copied()
                .take(COMPOUND_LINES)
                .collect();
            for path in [largest_first, smallest_first] {
                if *evaluations >= budget {
                    break;
                }
                let before = at.clone();
                let mut best: Option<(Score, usize)> = None;
                for (step, &(i, k)) in path.iter().enumerate() {
                    if *evaluations >= budget {
                        break;
                    }
                    e.place(choices[i].line, choices[i].options[k].clone());
                    at[i] = k;
                    let s = score(&e.assess(), options);
                    *evaluations += 1;
                    if s.better_than(&current) && best.is_none_or(|(b, _)| s.better_than(&b)) {
                        best = Some((s, step));
                    }
                }
                // Back to the start, then forward to the best point, if any.
                for (i, k) in before.iter().enumerate() {
                    if at[i] != *k {
                        e.place(choices[i].line, choices[i].options[*k].clone());
                    }
                }
                *at = before;
                if let Some((s, upto)) = best {
                    for &(i, k) in &path[..=upto] {
                        e.place(choices[i].line, choices[i].options[k].clone());
                        at[i] = k;
                    }
                    current = s;
                    improved = true;
                }
            }
        }
        // Swaps between two of the largest lines: spend stays where it was, roughly, so a
        // band or an obligation that stops single moves may still allow them.
        if !improved {
            let largest: Vec<usize> = order.iter().copied().take(SWAP_LINES).collect();
            'swaps: for (n, &i) in largest.iter().enumerate() {
                for &j in &largest[n + 1..] {
                    if *evaluations >= budget {
                        break 'swaps;
                    }
                    let (a, b) = (&choices[i], &choices[j]);
                    if a.options[at[i]] == b.options[at[j]] {
                        continue;
                    }
                    let (Some(ki), Some(kj)) = (
                        a.options.iter().position(|o| *o == b.options[at[j]]),
                        b.options.iter().position(|o| *o == a.options[at[i]]),
                    ) else {
                        continue;
                    };
                    e.place(a.line, a.options[ki].clone());
                    e.place(b.line, b.options[kj].clone());
                    let s = score(&e.assess(), options);
                    *evaluations += 1;
                    if s.better_than(&current) {
                        current = s;
                        at[i] = ki;
                        at[j] = kj;
                        improved = true;
                    } else {
                        e.place(a.line, a.options[at[i]].clone());
                        e.place(b.line, b.options[at[j]].clone());
                    }
                }
            }
        }
        if !improved || *evaluations >= budget {
            break;
        }
    }
    (current, free)
}

/// An upper bound on the net incentives of any allocation: for each program, what it would
/// pay, eligibility aside, with every movable line that may go to its territory spent there;
/// for programs that exclude each other, the most any of them would pay. Programs pay no less
/// when more spend qualifies (true of every mechanism in the rule book), so no allocation can
/// earn more than this sum.
fn bound(project: &Project, scenario: &Scenario, rules: &RuleBook, choices: &[Choice]) -> Decimal {
    let start = assess(project, scenario, rules);
    let mut best: BTreeMap<String, Decimal> = BTreeMap::new();
    let mut e = Evaluator::new(project, scenario, rules);
    // Every program of a country in play, including those with no spend yet.
    for p in &start.programs {
        for c in choices {
            let there = c
                .options
                .iter()
                .find(|o| o.single().is_some_and(|t| t.lies_within(&p.territory)))
                .unwrap_or(&c.options[0]);
            e.place(c.line, there.clone());
        }
        let a = e.assess();
        let value = a
            .programs
            .iter()
            .find(|q| q.id == p.id)
            .map(|q| q.potential_gross.max(q.gross))
            .unwrap_or_default();
        let key = p.exclusive_group.clone().unwrap_or_else(|| p.id.clone());
        let slot = best.entry(key).or_default();
        *slot = (*slot).max(value);
    }
    best.values().copied().sum()
}

/// The moves from `start` to `proposed`, each with what it did applied after the ones
/// before it.
fn moves(project: &Project, start: &Scenario, proposed: &Scenario, rules: &RuleBook) -> Vec<Move> {
    let placed = |s: &Scenario, index: usize| project.placed(s, index).spent_in.clone();
    let mut e = Evaluator::new(project, start, rules);
    let mut before = e.assess();
    let mut out = Vec::new();
    for (index, line) in project.lines().iter().enumerate() {
        let (from, to) = (placed(start, index), placed(proposed, index));
        if from == to {
            continue;
        }
        e.place(index, to.clone());
        let after = e.assess();
        let programs = after
            .programs
            .iter()
            .filter_map(|p| {
                let was = before
                    .programs
                    .iter()
                    .find(|q| q.id == p.id)
                    .map(|q| q.net)
                    .unwrap_or_default();
                let delta = p.net - was;
                (!delta.is_zero()).then(|| {
                    let sign = if delta.is_sign_positive() { "+" } else { "" };
                    (
                        p.id.clone(),
                        format!("{sign}{}", format_money(delta, after.currency)),
                    )
                })
            })
            .collect();
        out.push(Move {
            line: line.id.clone(),
            description: line.description.clone(),
            from: from.to_string(),
            to: to.to_string(),
            incentives: after.incentives_net - before.incentives_net,
            programs,
        });
        before = after;
    }
    out
}

/// Every constraint the result is held to, met or not, and binding when the best allocation
/// ignoring constraints (`free`) breaks it.
fn constraints(a: &Assessment, free: Option<&Assessment>, options: &Options) -> Vec<Constraint> {
    let broken: Vec<Constraint> = free
        .map(|f| held_to(f, options).into_iter().filter(|c| !c.met).collect())
        .unwrap_or_default();
    let mut out = held_to(a, options);
    for c in out.iter_mut().filter(|c| c.met) {
        if let (Some(f), Some(b)) = (free, broken.iter().find(|b| b.label == c.label)) {
            c.binding = true;
            c.detail = format!(
                "{}; an allocation earning {} more breaks it ({})",
                c.detail,
                format_money(f.incentives_net - a.incentives_net, a.currency),
                b.detail
            );
        }
    }
    out
}

/// The treaty checks, goals and spend obligations of `a`, each met or not (none binding yet).
fn held_to(a: &Assessment, options: &Options) -> Vec<Constraint> {
    let constraint = |label: String, met: bool, detail: String| Constraint {
        label,
        met,
        binding: false,
        detail,
    };
    let treaty = a.treaty.checks.iter().map(|c| {
        let met = c.outcome != CheckOutcome::Fail
            && (c.outcome != CheckOutcome::Derogation || options.allow_derogation);
        constraint(format!("treaty: {}", c.label), met, c.message.clone())
    });
    let goals = a
        .goals
        .iter()
        .map(|g| constraint(format!("goal: {}", g.label), g.met, g.message.clone()));
    let obligations = a.obligations.iter().map(|o| {
        constraint(
            format!("obligation: \"{}\" in {}", o.source, o.territory),
            o.met,
            format!(
                "{} required, {} achieved",
                format_money(o.required, a.currency),
                format_money(o.achieved, a.currency)
            ),
        )
    });
    treaty.chain(goals).chain(obligations).collect()
}
