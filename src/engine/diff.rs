//! The semantic diff of two scenarios (of one project, or of two versions of a file): what
//! the producer changed, in budget terms, and what it did to every figure that matters.
//!
//! Pure: it reads two projects, their scenarios and their assessments.

use super::assessment::{Assessment, CheckOutcome, ProgramStatus, TreatyVerdict};
use crate::model::{Allocation, Currency, LineId, Percent, Project, Scenario, decimal};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// One side of the comparison: a scenario of a project, and its assessment.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    pub project: &'a Project,
    pub scenario: &'a Scenario,
    pub assessment: &'a Assessment,
}

/// Everything that differs between two sides, in the order a producer reads it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioDiff {
    pub project: String,
    pub before: String,
    pub after: String,
    pub currency: Currency,
    /// Budget lines moved, re-priced, paid by someone else, added or removed.
    pub lines: Vec<LineChange>,
    /// Other changes to the project (partners, financing, the treaty choice, settings), one
    /// sentence each; empty when both sides are the same project.
    pub project_changes: Vec<String>,
    pub territories: Vec<FigureChange>,
    pub programs: Vec<ProgramChange>,
    pub partners: Vec<PartnerChange>,
    pub treaty: TreatyChange,
    pub goals: Vec<GoalChange>,
    /// Budget, financing, gap, incentives and net cost, whether they moved or not.
    pub totals: Vec<FigureChange>,
}

impl ScenarioDiff {
    /// Whether nothing differs at all.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
            && self.project_changes.is_empty()
            && self.territories.is_empty()
            && self.programs.is_empty()
            && self.partners.is_empty()
            && self.treaty.flipped.is_empty()
            && self.treaty.verdict_before == self.treaty.verdict_after
            && self.goals.is_empty()
            && self.totals.iter().all(|t| t.delta.is_zero())
    }
}

/// What happened to one budget line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineChange {
    pub id: LineId,
    pub account: String,
    pub description: String,
    pub change: LineChangeKind,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum LineChangeKind {
    /// Spent somewhere else: `cost` is the line's cost (base currency) on the after side.
    Moved {
        from: String,
        to: String,
        #[serde(with = "decimal")]
        cost: Decimal,
    },
    /// A different cost in the base currency (amount, units, fringes or rate changed).
    Cost {
        #[serde(with = "decimal")]
        from: Decimal,
        #[serde(with = "decimal")]
        to: Decimal,
    },
    /// Paid by another partner ("default" when the file names none).
    Payer { from: String, to: String },
    Added {
        spent_in: String,
        #[serde(with = "decimal")]
        cost: Decimal,
    },
    Removed {
        spent_in: String,
        #[serde(with = "decimal")]
        cost: Decimal,
    },
}

/// A figure before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureChange {
    pub label: String,
    #[serde(with = "decimal")]
    pub before: Decimal,
    #[serde(with = "decimal")]
    pub after: Decimal,
    #[serde(with = "decimal")]
    pub delta: Decimal,
}

impl FigureChange {
    fn new(label: impl Into<String>, before: Decimal, after: Decimal) -> FigureChange {
        FigureChange {
            label: label.into(),
            before,
            after,
            delta: after - before,
        }
    }
}

/// A program whose benefit or status changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgramChange {
    pub id: String,
    pub name: String,
    /// `None` when the program is not in play on that side (no territory of the project in it).
    pub status_before: Option<ProgramStatus>,
    pub status_after: Option<ProgramStatus>,
    #[serde(with = "decimal")]
    pub net_before: Decimal,
    #[serde(with = "decimal")]
    pub net_after: Decimal,
    #[serde(with = "decimal")]
    pub delta: Decimal,
    /// Why it is not claimed on the after side, when it was claimed before.
    pub why: Option<String>,
}

/// A partner whose contribution or share moved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartnerChange {
    pub id: String,
    pub name: String,
    pub share_before: Option<Percent>,
    pub share_after: Option<Percent>,
    /// In percentage points.
    pub delta_points: Decimal,
    #[serde(with = "decimal")]
    pub contribution_before: Decimal,
    #[serde(with = "decimal")]
    pub contribution_after: Decimal,
    /// The treaty band on the after side, as text ("20%–80%"), when a treaty applies.
    pub band: Option<String>,
}

/// The treaty verdict and the checks whose outcome flipped.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TreatyChange {
    pub treaty_before: Option<String>,
    pub treaty_after: Option<String>,
    pub verdict_before: TreatyVerdict,
    pub verdict_after: TreatyVerdict,
    pub flipped: Vec<CheckFlip>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckFlip {
    pub id: String,
    pub label: String,
    /// `None` when the check does not exist on that side.
    pub before: Option<CheckOutcome>,
    pub after: Option<CheckOutcome>,
    /// The after side's sentence (or the before side's when the check is gone).
    pub message: String,
}

/// A goal met on one side and not the other (or set on one side only).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalChange {
    pub label: String,
    pub met_before: Option<bool>,
    pub met_after: Option<bool>,
    pub message: String,
}

/// The diff from `before` to `after`.
pub fn diff(before: Side, after: Side) -> ScenarioDiff {
    let (a, b) = (before.assessment, after.assessment);
    let same_project = std::ptr::eq(before.project, after.project);
    ScenarioDiff {
        project: b.project.clone(),
        before: before.scenario.name.clone(),
        after: after.scenario.name.clone(),
        currency: b.currency,
        lines: line_changes(before, after),
        project_changes: if same_project {
            Vec::new()
        } else {
            crate::model::diff::summary(before.project, after.project)
                .into_iter()
                // Lines are listed one by one above; scenarios are what is compared.
                .filter(|s| {
                    !s.starts_with(|c: char| c.is_ascii_digit()) && !s.starts_with("scenario ")
                })
                .collect()
        },
        territories: territory_changes(a, b),
        programs: program_changes(a, b),
        partners: partner_changes(a, b),
        treaty: treaty_change(a, b),
        goals: goal_changes(a, b),
        totals: vec![
            FigureChange::new("Budget", a.budget_total, b.budget_total),
            FigureChange::new("Financing", a.financing_total, b.financing_total),
            FigureChange::new("Gap", a.gap, b.gap),
            FigureChange::new("Incentives, net", a.incentives_net, b.incentives_net),
            FigureChange::new("Net cost", a.net_cost, b.net_cost),
        ],
    }
}

/// A line as one side sees it: where it is spent, who pays, what it costs in the base.
struct Placed<'a> {
    spent_in: &'a Allocation,
    paid_by: Option<String>,
    cost: Decimal,
}

fn placed<'a>(side: Side<'a>) -> BTreeMap<&'a LineId, (usize, Placed<'a>)> {
    side.project
        .lines()
        .iter()
        .enumerate()
        .map(|(index, line)| {
            let p = side.project.placed(side.scenario, index);
            let placed = Placed {
                spent_in: p.spent_in,
                paid_by: p.paid_by.map(|id| id.0.clone()),
                cost: p.cost,
            };
            (&line.id, (index, placed))
        })
        .collect()
}

fn line_changes(before: Side, after: Side) -> Vec<LineChange> {
    let old = placed(before);
    let new = placed(after);
    let mut out = Vec::new();
    // In the after side's budget order, then the removed lines in the before side's.
    let mut order: Vec<(&LineId, usize)> = new.iter().map(|(id, (i, _))| (*id, *i)).collect();
    order.sort_by_key(|(_, i)| *i);
    for (id, index) in order {
        let line = &after.project.lines()[index];
        let now = &new[id].1;
        let entry = |change| LineChange {
            id: id.clone(),
            account: line.account.clone(),
            description: line.description.clone(),
            change,
        };
        let Some((_, was)) = old.get(id) else {
            out.push(entry(LineChangeKind::Added {
                spent_in: now.spent_in.to_string(),
                cost: now.cost,
            }));
            continue;
        };
        if was.spent_in != now.spent_in {
            out.push(entry(LineChangeKind::Moved {
                from: was.spent_in.to_string(),
                to: now.spent_in.to_string(),
                cost: now.cost,
            }));
        }
        if was.cost != now.cost {
            out.push(entry(LineChangeKind::Cost {
                from: was.cost,
                to: now.cost,
            }));
        }
        if was.paid_by != now.paid_by {
            let name = |p: &Option<String>| p.clone().unwrap_or_else(|| "default".into());
            out.push(entry(LineChangeKind::Payer {
                from: name(&was.paid_by),
                to: name(&now.paid_by),
            }));
        }
    }
    let mut gone: Vec<(&LineId, usize)> = old
        .iter()
        .filter(|(id, _)| !new.contains_key(*id))
        .map(|(id, (i, _))| (*id, *i))
        .collect();
    gone.sort_by_key(|(_, i)| *i);
    for (id, index) in gone {
        let line = &before.project.lines()[index];
        let was = &old[id].1;
        out.push(LineChange {
            id: id.clone(),
            account: line.account.clone(),
            description: line.description.clone(),
            change: LineChangeKind::Removed {
                spent_in: was.spent_in.to_string(),
                cost: was.cost,
            },
        });
    }
    out
}

fn territory_changes(a: &Assessment, b: &Assessment) -> Vec<FigureChange> {
    let mut out: Vec<FigureChange> = Vec::new();
    for t in &b.territories {
        let before = a
            .territories
            .iter()
            .find(|x| x.territory == t.territory)
            .map(|x| x.total)
            .unwrap_or_default();
        if before != t.total {
            out.push(FigureChange::new(t.territory.to_string(), before, t.total));
        }
    }
    for t in &a.territories {
        if !b.territories.iter().any(|x| x.territory == t.territory) && !t.total.is_zero() {
            out.push(FigureChange::new(
                t.territory.to_string(),
                t.total,
                Decimal::ZERO,
            ));
        }
    }
    out
}

fn program_changes(a: &Assessment, b: &Assessment) -> Vec<ProgramChange> {
    let mut ids: Vec<&str> = b.programs.iter().map(|p| p.id.as_str()).collect();
    for p in &a.programs {
        if !ids.contains(&p.id.as_str()) {
            ids.push(&p.id);
        }
    }
    ids.into_iter()
        .filter_map(|id| {
            let was = a.programs.iter().find(|p| p.id == id);
            let now = b.programs.iter().find(|p| p.id == id);
            let net = |p: Option<&super::ProgramAssessment>| {
                p.filter(|p| p.status == ProgramStatus::Claimed)
                    .map(|p| p.net)
                    .unwrap_or_default()
            };
            let (status_before, status_after) = (was.map(|p| p.status), now.map(|p| p.status));
            let (net_before, net_after) = (net(was), net(now));
            // A program with no spend on either side is not news.
            let in_play = |s: Option<ProgramStatus>| s.is_some_and(|s| s != ProgramStatus::NoSpend);
            if (status_before == status_after && net_before == net_after)
                || !(in_play(status_before) || in_play(status_after))
            {
                return None;
            }
            let named = now.or(was).expect("one side has it");
            let why = now
                .filter(|p| {
                    p.status != ProgramStatus::Claimed
                        && status_before == Some(ProgramStatus::Claimed)
                })
                .and_then(|p| p.reasons.first().map(|r| r.message.clone()));
            Some(ProgramChange {
                id: id.to_string(),
                name: named.name.clone(),
                status_before,
                status_after,
                net_before,
                net_after,
                delta: net_after - net_before,
                why,
            })
        })
        .collect()
}

fn partner_changes(a: &Assessment, b: &Assessment) -> Vec<PartnerChange> {
    let mut out = Vec::new();
    for p in &b.partners {
        let was = a.partners.iter().find(|q| q.id == p.id);
        let (share_before, contribution_before) = match was {
            Some(q) => (Some(q.share), q.contribution),
            None => (None, Decimal::ZERO),
        };
        if share_before == Some(p.share) && contribution_before == p.contribution {
            continue;
        }
        let band = match (p.band_min, p.band_max) {
            (None, None) => None,
            (min, max) => Some(format!(
                "{}–{}",
                min.map(|v| v.to_string()).unwrap_or_else(|| "?".into()),
                max.map(|v| v.to_string()).unwrap_or_else(|| "?".into())
            )),
        };
        out.push(PartnerChange {
            id: p.id.clone(),
            name: p.name.clone(),
            share_before,
            share_after: Some(p.share),
            delta_points: p.share.points() - share_before.map(Percent::points).unwrap_or_default(),
            contribution_before,
            contribution_after: p.contribution,
            band,
        });
    }
    for q in &a.partners {
        if !b.partners.iter().any(|p| p.id == q.id) {
            out.push(PartnerChange {
                id: q.id.clone(),
                name: q.name.clone(),
                share_before: Some(q.share),
                share_after: None,
                delta_points: -q.share.points(),
                contribution_before: q.contribution,
                contribution_after: Decimal::ZERO,
                band: None,
            });
        }
    }
    out
}

fn treaty_change(a: &Assessment, b: &Assessment) -> TreatyChange {
    let mut flipped = Vec::new();
    for c in &b.treaty.checks {
        let was = a.treaty.checks.iter().find(|x| x.id == c.id);
        if was.map(|x| x.outcome) != Some(c.outcome) {
            flipped.push(CheckFlip {
                id: c.id.clone(),
                label: c.label.clone(),
                before: was.map(|x| x.outcome),
                after: Some(c.outcome),
                message: c.message.clone(),
            });
        }
    }
    for c in &a.treaty.checks {
        if !b.treaty.checks.iter().any(|x| x.id == c.id) {
            flipped.push(CheckFlip {
                id: c.id.clone(),
                label: c.label.clone(),
                before: Some(c.outcome),
                after: None,
                message: c.message.clone(),
            });
        }
    }
    TreatyChange {
        treaty_before: a.treaty.treaty_name.clone(),
        treaty_after: b.treaty.treaty_name.clone(),
        verdict_before: a.treaty.verdict,
        verdict_after: b.treaty.verdict,
        flipped,
    }
}

fn goal_changes(a: &Assessment, b: &Assessment) -> Vec<GoalChange> {
    let mut out = Vec::new();
    for g in &b.goals {
        let was = a.goals.iter().find(|x| x.goal == g.goal);
        if was.map(|x| x.met) != Some(g.met) {
            out.push(GoalChange {
                label: g.label.clone(),
                met_before: was.map(|x| x.met),
                met_after: Some(g.met),
                message: g.message.clone(),
            });
        }
    }
    for g in &a.goals {
        if !b.goals.iter().any(|x| x.goal == g.goal) {
            out.push(GoalChange {
                label: g.label.clone(),
                met_before: Some(g.met),
                met_after: None,
                message: g.message.clone(),
            });
        }
    }
    out
}
