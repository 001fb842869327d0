//! One pass over the budget lines: spend per territory, per account, kind and residence, and
//! per payer. Everything else reads these totals instead of the lines.

use crate::model::{Category, LineKind, Percent, Project, Scenario, Territory};
use rust_decimal::Decimal;

/// Totals by (territory, account, kind, resident) plus per-payer totals.
pub(crate) struct Ledger {
    pub budget_total: Decimal,
    territories: usize,
    accounts: usize,
    /// Index: ((territory * accounts + account) * 2 + kind) * 2 + resident.
    cells: Vec<Decimal>,
    /// The non-zero cells of each territory, so filters skip the empty ones.
    occupied: Vec<Vec<Occupied>>,
    /// What each partner pays for, by partner index.
    pub paid_by: Vec<Decimal>,
}

/// A non-zero cell: account index, kind (0 labour, 1 goods), resident flag, and where its
/// amount lives in `cells`.
#[derive(Clone, Copy)]
struct Occupied {
    account: usize,
    kind: usize,
    resident: bool,
    index: usize,
}

/// A filter over ledger cells.
pub(crate) struct CellFilter<'a> {
    pub territory: &'a dyn Fn(usize) -> bool,
    pub account: &'a dyn Fn(usize) -> bool,
    pub kind: Option<LineKind>,
    pub resident_only: bool,
}

impl Ledger {
    pub fn tally(project: &Project, scenario: &Scenario) -> Ledger {
        let territories = project.territories();
        let accounts = project.accounts().len();
        let mut cells = vec![Decimal::ZERO; territories.len() * accounts * 4];
        let mut paid_by = vec![Decimal::ZERO; project.partners().len()];
        let default_payer: Vec<usize> = territories
            .iter()
            .map(|t| {
                let country = t.country();
                project
                    .partners()
                    .iter()
                    .position(|p| p.country == country)
                    .unwrap_or_else(|| majority_index(project))
            })
            .collect();
        let partner_index =
            |id: &crate::model::PartnerId| project.partners().iter().position(|p| &p.id == id);

        let mut budget_total = Decimal::ZERO;
        for (index, line) in project.lines().iter().enumerate() {
            let ov = scenario.overrides.get(&line.id);
            let cost = match ov.and_then(|o| o.amount) {
                Some(amount) => project.cost_at(index, amount),
                None => project.base_cost(index),
            };
            budget_total += cost;
            let allocation = ov
                .and_then(|o| o.spent_in.as_ref())
                .unwrap_or(&line.spent_in);
            let payer = ov
                .and_then(|o| o.paid_by.as_ref())
                .or(line.paid_by.as_ref())
                .and_then(partner_index);
            let account = project.line_account(index);
            let kind = usize::from(line.kind == LineKind::Goods);
            for (territory, share) in allocation.parts() {
                let t = territory_index(territories, territory);
                let amount = if *share == Percent::HUNDRED {
                    cost
                } else {
                    share.of(cost)
                };
                let resident = match &line.residence {
                    None => true,
                    Some(r) => r.country() == territory.country(),
                };
                cells[((t * accounts + account) * 2 + kind) * 2 + usize::from(resident)] += amount;
                paid_by[payer.unwrap_or(default_payer[t])] += amount;
            }
        }
        let occupied = (0..territories.len())
            .map(|t| {
                let mut list = Vec::new();
                for account in 0..accounts {
                    for kind in 0..2 {
                        for resident in 0..2 {
                            let index = ((t * accounts + account) * 2 + kind) * 2 + resident;
                            if !cells[index].is_zero() {
                                list.push(Occupied {
                                    account,
                                    kind,
                                    resident: resident == 1,
                                    index,
                                });
                            }
                        }
                    }
                }
                list
            })
            .collect();
        Ledger {
            budget_total,
            territories: territories.len(),
            accounts,
            cells,
            occupied,
            paid_by,
        }
    }

    /// Sum of the cells the filter accepts.
    pub fn sum(&self, filter: &CellFilter) -> Decimal {
        let mut total = Decimal::ZERO;
        self.for_each(filter, |_, _, amount| total += amount);
        total
    }

    /// Calls `f(territory, account, amount)` for every non-zero cell the filter accepts.
    pub fn for_each(&self, filter: &CellFilter, mut f: impl FnMut(usize, usize, Decimal)) {
        let kind = filter.kind.map(|k| usize::from(k == LineKind::Goods));
        for t in 0..self.territories {
            if !(filter.territory)(t) {
                continue;
            }
            for cell in &self.occupied[t] {
                if kind.is_some_and(|k| k != cell.kind) || (filter.resident_only && !cell.resident)
                {
                    continue;
                }
                if (filter.account)(cell.account) {
                    f(t, cell.account, self.cells[cell.index]);
                }
            }
        }
    }

    /// Spend per account across all territories.
    pub fn account_totals(&self) -> Vec<Decimal> {
        let mut totals = vec![Decimal::ZERO; self.accounts];
        for cells in &self.occupied {
            for cell in cells {
                totals[cell.account] += self.cells[cell.index];
            }
        }
        totals
    }

    /// Spend in territory `t`: (total, labour, goods, by category).
    pub fn territory_totals(
        &self,
        project: &Project,
        t: usize,
    ) -> (Decimal, Decimal, Decimal, [Decimal; 4]) {
        let mut labour = Decimal::ZERO;
        let mut goods = Decimal::ZERO;
        let mut by_category = [Decimal::ZERO; 4];
        for a in 0..self.accounts {
            let category = project.accounts()[a].category;
            let c = Category::ALL
                .iter()
                .position(|x| *x == category)
                .unwrap_or(3);
            for kind in 0..2 {
                for resident in 0..2 {
                    let amount = self.cells[((t * self.accounts + a) * 2 + kind) * 2 + resident];
                    if kind == 0 {
                        labour += amount;
                    } else {
                        goods += amount;
                    }
                    by_category[c] += amount;
                }
            }
        }
        (labour + goods, labour, goods, by_category)
    }
}

pub(crate) fn majority_index(project: &Project) -> usize {
    project
        .partners()
        .iter()
        .position(|p| p.role == crate::model::PartnerRole::Majority)
        .unwrap_or(0)
}

fn territory_index(territories: &[Territory], territory: &Territory) -> usize {
    // Allocations were checked against the project's territories when the project was built.
    territories.iter().position(|t| t == territory).unwrap_or(0)
}
