//! One pass over the budget lines: spend per territory, per account, kind and residence, and
//! per payer. Everything else reads these totals instead of the lines.

use crate::model::{Category, LineKind, Percent, Project, Scenario, Territory};
use rust_decimal::Decimal;

/// Totals by (territory, account, kind, resident) plus per-payer totals.
#[derive(Clone)]
pub(crate) struct Ledger {
    pub budget_total: Decimal,
    territories: usize,
    accounts: usize,
    /// Index: ((territory * accounts + account) * 2 + kind) * 2 + resident.
    cells: Vec<Decimal>,
    /// The non-zero cells of each territory, so filters skip the empty ones.
    occupied: Vec<Vec<Occupied>>,
    /// Each territory's spend by kind and residence, all accounts together: index
    /// `kind * 2 + resident`. Filters that take every account read these.
    by_kind: Vec<[Decimal; 4]>,
    /// What each partner pays for, by partner index.
    pub paid_by: Vec<Decimal>,
    /// What lines that name their payer cost, by payer and account: index
    /// `partner * accounts + account`. Lines that name none pay to their territory's default
    /// payer, read off the cells, so the common case costs nothing more to post.
    named_by_account: Vec<Decimal>,
    /// The same lines' spend by territory and account: index `territory * accounts + account`.
    named_in: Vec<Decimal>,
    /// Who pays for spend in each territory when a line names no payer.
    default_payer: Vec<usize>,
}

/// Where a line is spent in a scenario, who pays for it and what it costs in the base.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Placement {
    pub spent_in: crate::model::Allocation,
    pub payer: Option<usize>,
    pub cost: Decimal,
}

impl Placement {
    /// Line `index` as `scenario` places it.
    pub fn of(project: &Project, scenario: &Scenario, index: usize) -> Placement {
        let (spent_in, payer, cost) = placed(project, scenario, index);
        Placement {
            spent_in: spent_in.clone(),
            payer,
            cost,
        }
    }
}

/// Where line `index` is spent in `scenario`, who pays (a partner index, when named) and
/// what it costs in the base currency.
fn placed<'p>(
    project: &'p Project,
    scenario: &'p Scenario,
    index: usize,
) -> (&'p crate::model::Allocation, Option<usize>, Decimal) {
    let placed = project.placed(scenario, index);
    let payer = placed
        .paid_by
        .and_then(|id| project.partners().iter().position(|p| &p.id == id));
    (placed.spent_in, payer, placed.cost)
}

/// A non-zero cell: account index, kind (0 labour, 1 goods), resident flag, and where its
/// amount lives in `cells`.
#[derive(Debug, Clone, Copy)]
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
    /// `account` accepts every account: the sum can use each territory's totals.
    pub every_account: bool,
}

impl Ledger {
    pub fn tally(project: &Project, scenario: &Scenario) -> Ledger {
        let territories = project.territories();
        let accounts = project.accounts().len();
        let mut ledger = Ledger {
            budget_total: Decimal::ZERO,
            territories: territories.len(),
            accounts,
            cells: vec![Decimal::ZERO; territories.len() * accounts * 4],
            occupied: vec![Vec::new(); territories.len()],
            by_kind: vec![[Decimal::ZERO; 4]; territories.len()],
            paid_by: vec![Decimal::ZERO; project.partners().len()],
            named_by_account: vec![Decimal::ZERO; project.partners().len() * accounts],
            named_in: vec![Decimal::ZERO; territories.len() * accounts],
            default_payer: territories
                .iter()
                .map(|t| default_payer(project, t))
                .collect(),
        };
        for index in 0..project.lines().len() {
            let (spent_in, payer, cost) = placed(project, scenario, index);
            ledger.post(project, index, spent_in, payer, cost, false);
        }
        for t in 0..ledger.territories {
            ledger.reindex(t);
        }
        ledger
    }

    /// Adds line `index`, placed as `placed`, to the totals (or takes it out when
    /// `withdraw`). The territories' lists of non-zero cells are left for `reindex`.
    fn post(
        &mut self,
        project: &Project,
        index: usize,
        spent_in: &crate::model::Allocation,
        payer: Option<usize>,
        cost: Decimal,
        withdraw: bool,
    ) {
        let line = &project.lines()[index];
        let sign = |x: Decimal| if withdraw { -x } else { x };
        self.budget_total += sign(cost);
        let account = project.line_account(index);
        let kind = usize::from(line.kind == LineKind::Goods);
        let territories = project.territories();
        for (territory, share) in spent_in.parts() {
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
            self.cells[((t * self.accounts + account) * 2 + kind) * 2 + usize::from(resident)] +=
                sign(amount);
            if let Some(p) = payer {
                self.named_by_account[p * self.accounts + account] += sign(amount);
                self.named_in[t * self.accounts + account] += sign(amount);
            }
            self.paid_by[payer.unwrap_or(self.default_payer[t])] += sign(amount);
        }
    }

    /// Rebuilds territory `t`'s list of non-zero cells and its totals by kind.
    fn reindex(&mut self, t: usize) {
        let mut list = Vec::new();
        let mut by_kind = [Decimal::ZERO; 4];
        for account in 0..self.accounts {
            for kind in 0..2 {
                for resident in 0..2 {
                    let index = ((t * self.accounts + account) * 2 + kind) * 2 + resident;
                    if !self.cells[index].is_zero() {
                        by_kind[kind * 2 + resident] += self.cells[index];
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
        self.occupied[t] = list;
        self.by_kind[t] = by_kind;
    }

    /// Moves line `index` from `was` to `now` (where it is spent, who pays, what it costs).
    pub fn replace(&mut self, project: &Project, index: usize, was: &Placement, now: &Placement) {
        self.post(project, index, &was.spent_in, was.payer, was.cost, true);
        self.post(project, index, &now.spent_in, now.payer, now.cost, false);
        let territories = project.territories();
        let touched = was.spent_in.parts().iter().chain(now.spent_in.parts());
        let mut done = Vec::new();
        for (territory, _) in touched {
            let t = territory_index(territories, territory);
            if !done.contains(&t) {
                self.reindex(t);
                done.push(t);
            }
        }
    }

    /// Sum of the cells the filter accepts.
    pub fn sum(&self, filter: &CellFilter) -> Decimal {
        let mut total = Decimal::ZERO;
        if filter.every_account {
            let kind = filter.kind.map(|k| usize::from(k == LineKind::Goods));
            for t in (0..self.territories).filter(|t| (filter.territory)(*t)) {
                for k in 0..2 {
                    if kind.is_some_and(|want| want != k) {
                        continue;
                    }
                    if !filter.resident_only {
                        total += self.by_kind[t][k * 2];
                    }
                    total += self.by_kind[t][k * 2 + 1];
                }
            }
            return total;
        }
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

    /// What partner `partner` pays for in each account (the cost it covers, wherever spent):
    /// the lines that name it, and the rest of the spend in the territories it pays for by
    /// default.
    pub fn paid_by_account(&self, partner: usize) -> Vec<Decimal> {
        let a = self.accounts;
        let mut paid = self.named_by_account[partner * a..(partner + 1) * a].to_vec();
        for t in (0..self.territories).filter(|t| self.default_payer[*t] == partner) {
            for cell in &self.occupied[t] {
                paid[cell.account] += self.cells[cell.index];
            }
            for (p, named) in paid.iter_mut().zip(&self.named_in[t * a..(t + 1) * a]) {
                *p -= *named;
            }
        }
        paid
    }

    /// Spend per account in territory `t`.
    pub fn account_totals_in(&self, t: usize) -> Vec<Decimal> {
        let mut totals = vec![Decimal::ZERO; self.accounts];
        for cell in &self.occupied[t] {
            totals[cell.account] += self.cells[cell.index];
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
        for cell in &self.occupied[t] {
            let category = project.accounts()[cell.account].category;
            let c = Category::ALL
                .iter()
                .position(|x| *x == category)
                .unwrap_or(3);
            let amount = self.cells[cell.index];
            if cell.kind == 0 {
                labour += amount;
            } else {
                goods += amount;
            }
            by_category[c] += amount;
        }
        (labour + goods, labour, goods, by_category)
    }
}

/// Who pays for spend in `territory` when a line names no payer: the partner of its country,
/// else the majority co-producer (an index into the project's partners).
pub fn default_payer(project: &Project, territory: &Territory) -> usize {
    let country = territory.country();
    project
        .partners()
        .iter()
        .position(|p| p.country == country)
        .unwrap_or_else(|| majority_index(project))
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
