//! Edits: every change a person makes to a project, as a value. Applying an edit returns its
//! inverse, so undo is applying the inverse and redo is applying it back.

use super::budget::{Account, Allocation, Line, LineId};
use super::error::ModelError;
use super::partner::{Partner, PartnerId};
use super::project::{Coproduction, Project, check_override};
use super::scenario::{LineOverride, Scenario};
use super::territory::Territory;

/// One change to a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Replace the overrides of some lines in scenario `scenario` (`None` clears one).
    SetOverrides {
        scenario: usize,
        changes: Vec<(LineId, Option<LineOverride>)>,
    },
    /// Insert a scenario at `at`.
    InsertScenario { at: usize, scenario: Scenario },
    /// Remove the scenario at `at`.
    RemoveScenario { at: usize },
    /// Replace line `index` of the budget (its id stays).
    SetLine { index: usize, line: Box<Line> },
    /// Replace partner `index` (its id stays).
    SetPartner { index: usize, partner: Box<Partner> },
    /// Choose the treaty, or creative mode.
    SetCoproduction(Coproduction),
    /// Replace the chart of accounts and every budget line (an import): the project is checked
    /// again as a whole.
    SetBudget {
        accounts: Vec<Account>,
        lines: Vec<Line>,
    },
    /// Several edits as one step: all apply, or none does.
    Batch(Vec<Edit>),
}

impl Edit {
    /// Whether the edit changes the project's shape (scenarios, partners, the treaty)
    /// rather than where or how much a line is spent.
    pub fn is_structural(&self) -> bool {
        match self {
            Edit::SetOverrides { .. } | Edit::SetLine { .. } => false,
            Edit::InsertScenario { .. }
            | Edit::RemoveScenario { .. }
            | Edit::SetPartner { .. }
            | Edit::SetCoproduction(_)
            | Edit::SetBudget { .. } => true,
            Edit::Batch(edits) => edits.iter().any(Edit::is_structural),
        }
    }

    /// `edits` as one step: nothing when empty, the edit itself when alone, else a batch.
    pub fn all(mut edits: Vec<Edit>) -> Option<Edit> {
        match edits.len() {
            0 => None,
            1 => edits.pop(),
            _ => Some(Edit::Batch(edits)),
        }
    }
}

impl Project {
    /// Applies `edit` if it keeps the project valid, and returns the edit that undoes it.
    /// A refused edit changes nothing.
    pub fn apply(&mut self, edit: &Edit) -> Result<Edit, ModelError> {
        match edit {
            Edit::SetOverrides { scenario, changes } => {
                let name = &self.scenario_at(*scenario)?.name;
                for (id, ov) in changes {
                    let line = self
                        .line_index(id)
                        .map(|i| &self.lines()[i])
                        .ok_or_else(|| ModelError::new(format!("there is no line {id}")))?;
                    if let Some(ov) = ov {
                        check_override(
                            self.data(),
                            line,
                            ov,
                            &format!("scenario \"{name}\", line {id}"),
                        )?;
                    }
                }
                let overrides = &mut self.data_mut().scenarios[*scenario].overrides;
                let mut undo = Vec::with_capacity(changes.len());
                for (id, ov) in changes {
                    let previous = match ov.clone().filter(|o| !o.is_empty()) {
                        Some(ov) => overrides.insert(id.clone(), ov),
                        None => overrides.remove(id),
                    };
                    undo.push((id.clone(), previous));
                }
                undo.reverse();
                Ok(Edit::SetOverrides {
                    scenario: *scenario,
                    changes: undo,
                })
            }
            Edit::InsertScenario { at, scenario } => {
                if *at > self.scenarios().len() {
                    return Err(ModelError::new("there is no such place for a scenario"));
                }
                if self.scenario(&scenario.name).is_some() {
                    return Err(ModelError::new(format!(
                        "a scenario is already named \"{}\"",
                        scenario.name
                    )));
                }
                if scenario.name.trim().is_empty() {
                    return Err(ModelError::new("a scenario needs a name"));
                }
                for (id, ov) in &scenario.overrides {
                    let line = self
                        .line_index(id)
                        .map(|i| &self.lines()[i])
                        .ok_or_else(|| ModelError::new(format!("there is no line {id}")))?;
                    check_override(
                        self.data(),
                        line,
                        ov,
                        &format!("scenario \"{}\", line {id}", scenario.name),
                    )?;
                }
                self.data_mut().scenarios.insert(*at, scenario.clone());
                Ok(Edit::RemoveScenario { at: *at })
            }
            Edit::RemoveScenario { at } => {
                self.scenario_at(*at)?;
                if self.scenarios().len() == 1 {
                    return Err(ModelError::new("a project keeps at least one scenario"));
                }
                let scenario = self.data_mut().scenarios.remove(*at);
                Ok(Edit::InsertScenario { at: *at, scenario })
            }
            Edit::SetBudget { accounts, lines } => {
                let mut data = self.data().clone();
                let old_lines = std::mem::replace(&mut data.lines, lines.clone());
                let old_accounts = std::mem::replace(&mut data.accounts, accounts.clone());
                *self = Project::new(data)?;
                Ok(Edit::SetBudget {
                    accounts: old_accounts,
                    lines: old_lines,
                })
            }
            Edit::SetLine { index, line } => {
                let old = self.replace_line(*index, (**line).clone())?;
                Ok(Edit::SetLine {
                    index: *index,
                    line: Box::new(old),
                })
            }
            Edit::SetPartner { index, partner } => {
                let old = self.replace_partner(*index, (**partner).clone())?;
                Ok(Edit::SetPartner {
                    index: *index,
                    partner: Box::new(old),
                })
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match self.apply(edit) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(e) => {
                            // Put back what already applied, newest first; each inverse was
                            // produced by a successful apply, so it applies.
                            for inverse in inverses.iter().rev() {
                                let _ = self.apply(inverse);
                            }
                            return Err(e);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Batch(inverses))
            }
            Edit::SetCoproduction(mode) => Ok(Edit::SetCoproduction(
                self.replace_coproduction(mode.clone()),
            )),
        }
    }

    fn scenario_at(&self, index: usize) -> Result<&Scenario, ModelError> {
        self.scenarios()
            .get(index)
            .ok_or_else(|| ModelError::new(format!("there is no scenario number {}", index + 1)))
    }

    /// The edit that spends `lines` in `to` in scenario `scenario`, keeping their other
    /// overrides. Refused, naming the line, if one is pinned or may not go there.
    pub fn move_lines(
        &self,
        scenario: usize,
        lines: &[LineId],
        to: Allocation,
    ) -> Result<Edit, ModelError> {
        let current = self.scenario_at(scenario)?;
        let mut changes = Vec::with_capacity(lines.len());
        for id in lines {
            let index = self
                .line_index(id)
                .ok_or_else(|| ModelError::new(format!("there is no line {id}")))?;
            let line = &self.lines()[index];
            if to != line.spent_in {
                for (t, _) in to.parts() {
                    line.may_move_to(t).map_err(ModelError::new)?;
                }
            }
            let mut ov = current.overrides.get(id).cloned().unwrap_or_default();
            ov.spent_in = (to != line.spent_in).then(|| to.clone());
            changes.push((id.clone(), Some(ov)));
        }
        Ok(Edit::SetOverrides { scenario, changes })
    }

    /// The edit that makes `payer` pay for `lines` in scenario `scenario`.
    pub fn set_payer(
        &self,
        scenario: usize,
        lines: &[LineId],
        payer: &PartnerId,
    ) -> Result<Edit, ModelError> {
        let current = self.scenario_at(scenario)?;
        let changes = lines
            .iter()
            .map(|id| {
                let index = self
                    .line_index(id)
                    .ok_or_else(|| ModelError::new(format!("there is no line {id}")))?;
                let mut ov = current.overrides.get(id).cloned().unwrap_or_default();
                ov.paid_by =
                    (self.lines()[index].paid_by.as_ref() != Some(payer)).then(|| payer.clone());
                Ok((id.clone(), Some(ov)))
            })
            .collect::<Result<Vec<_>, ModelError>>()?;
        Ok(Edit::SetOverrides { scenario, changes })
    }

    /// Where line `index` is spent in scenario `scenario`.
    pub fn allocation_in(&self, scenario: usize, index: usize) -> &Allocation {
        let line = &self.lines()[index];
        self.scenarios()
            .get(scenario)
            .and_then(|s| s.overrides.get(&line.id))
            .and_then(|o| o.spent_in.as_ref())
            .unwrap_or(&line.spent_in)
    }

    /// The project territory after (`step` 1) or before (`step` -1) `from`, wrapping around.
    pub fn neighbour_territory(&self, from: &Territory, step: isize) -> Territory {
        let list = self.territories();
        let at = list.iter().position(|t| t == from).unwrap_or(0) as isize;
        let n = list.len() as isize;
        list[((at + step).rem_euclid(n)) as usize].clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cost, Currency, PartnerRole};
    use rust_decimal::Decimal;

    fn project() -> Project {
        crate::model::fixture()
    }

    fn t(c: &str) -> Territory {
        Territory::parse(c).unwrap()
    }

    #[test]
    fn a_move_and_its_undo_restore_the_exact_project() {
        let mut p = project();
        let before = p.data().clone();
        let id = LineId("3301".into());
        let edit = p
            .move_lines(0, std::slice::from_ref(&id), Allocation::at(t("BE")))
            .unwrap();
        let undo = p.apply(&edit).unwrap();
        assert_eq!(p.allocation_in(0, 1), &Allocation::at(t("BE")));
        let redo = p.apply(&undo).unwrap();
        assert_eq!(p.data(), &before);
        p.apply(&redo).unwrap();
        assert_eq!(p.allocation_in(0, 1), &Allocation::at(t("BE")));
    }

    #[test]
    fn pinned_and_restricted_lines_refuse_to_move_and_nothing_changes() {
        let p = project();
        let err = p
            .move_lines(0, &[LineId("1301".into())], Allocation::at(t("BE")))
            .unwrap_err();
        assert!(err.message.contains("pinned"), "{err}");
        let err = p
            .move_lines(0, &[LineId("3301".into())], Allocation::at(t("FR")))
            .unwrap_err();
        assert!(err.message.contains("may only be spent in CA, BE"), "{err}");
    }

    #[test]
    fn moving_back_home_clears_the_override() {
        let mut p = project();
        // in "VFX in Belgium" line 3301 is moved to BE (and paid by fr); moving it back to its
        // budget split clears the move and keeps the payer
        let id = LineId("3301".into());
        let home = p.lines()[1].spent_in.clone();
        let edit = p.move_lines(1, std::slice::from_ref(&id), home).unwrap();
        p.apply(&edit).unwrap();
        let ov = &p.scenarios()[1].overrides[&id];
        assert_eq!(ov.spent_in, None);
        assert_eq!(ov.paid_by, Some(PartnerId("fr".into())));
        // and clearing the payer too removes the override altogether
        let clear = Edit::SetOverrides {
            scenario: 1,
            changes: vec![(id.clone(), None)],
        };
        p.apply(&clear).unwrap();
        assert!(!p.scenarios()[1].overrides.contains_key(&id));
    }

    #[test]
    fn scenarios_fork_and_remove_with_undo() {
        let mut p = project();
        let fork = Scenario {
            name: "Fork".into(),
            ..p.scenarios()[1].clone()
        };
        let undo = p
            .apply(&Edit::InsertScenario {
                at: 2,
                scenario: fork,
            })
            .unwrap();
        assert_eq!(p.scenarios()[2].overrides.len(), 1);
        assert!(
            p.apply(&Edit::InsertScenario {
                at: 0,
                scenario: Scenario::new("Fork")
            })
            .is_err()
        );
        p.apply(&undo).unwrap();
        assert_eq!(p.scenarios().len(), 2);
        assert_eq!(p.neighbour_territory(&t("BE"), 1), t("FR"));
        assert_eq!(p.neighbour_territory(&t("FR"), -1), t("BE"));
    }

    #[test]
    fn a_line_edit_recosts_the_line_and_its_undo_restores_it() {
        let mut p = project();
        let before = p.data().clone();
        // 180,000 + 45% charges on it = 261,000
        assert_eq!(p.base_cost(0), Decimal::from(261_000));
        let mut line = p.lines()[0].clone();
        line.cost = Cost::Amount(Decimal::from(220_000));
        let undo = p
            .apply(&Edit::SetLine {
                index: 0,
                line: Box::new(line),
            })
            .unwrap();
        // 220,000 + 45% of the 200,000 cutoff (90,000) = 310,000
        assert_eq!(p.base_cost(0), Decimal::from(310_000));
        assert_eq!(
            p.cost_steps(0, 0),
            [
                "amount €220,000.00",
                "+ Charges sociales (illustrative) (45.00% of the cutoff €200,000.00) = €90,000.00",
                "= €310,000.00 with fringes",
            ]
        );
        // 120 shots × CAD 2,500 = CAD 300,000; × 0.6650 = €199,500
        assert_eq!(
            p.cost_steps(0, 1),
            [
                "120 shot × C$2,500.00 = C$300,000.00",
                "× 0.665 EUR per CAD (rate of 2026-10-01) = €199,500.00",
            ]
        );
        p.apply(&undo).unwrap();
        assert_eq!(p.data(), &before);
        assert_eq!(p.base_cost(0), Decimal::from(261_000));
    }

    #[test]
    fn a_batch_applies_whole_or_not_at_all() {
        let mut p = project();
        let before = p.data().clone();
        let mut goods = p.lines()[0].clone();
        goods.kind = crate::model::LineKind::Goods;
        goods.fringes.clear();
        let mut pinned_vfx = p.lines()[1].clone();
        pinned_vfx.pinned = true; // refused: scenario 2 moves it
        let batch = Edit::Batch(vec![
            Edit::SetLine {
                index: 0,
                line: Box::new(goods.clone()),
            },
            Edit::SetLine {
                index: 1,
                line: Box::new(pinned_vfx),
            },
        ]);
        assert!(p.apply(&batch).is_err());
        assert_eq!(p.data(), &before);
        let undo = p
            .apply(&Edit::Batch(vec![
                Edit::SetLine {
                    index: 0,
                    line: Box::new(goods),
                },
                Edit::SetCoproduction(Coproduction::Creative),
            ]))
            .unwrap();
        assert_eq!(p.lines()[0].kind, crate::model::LineKind::Goods);
        p.apply(&undo).unwrap();
        assert_eq!(p.data(), &before);
    }

    #[test]
    fn line_edits_that_break_the_project_are_refused_and_change_nothing() {
        let mut p = project();
        let before = p.data().clone();
        let mut vfx = p.lines()[1].clone();
        vfx.pinned = true;
        let err = p
            .apply(&Edit::SetLine {
                index: 1,
                line: Box::new(vfx),
            })
            .unwrap_err();
        assert!(err.message.contains("pinned"), "{err}");
        let mut usd = p.lines()[0].clone();
        usd.currency = Currency::parse("USD").unwrap();
        let err = p
            .apply(&Edit::SetLine {
                index: 0,
                line: Box::new(usd),
            })
            .unwrap_err();
        assert!(err.message.contains("no exchange rate"), "{err}");
        let mut renamed = p.lines()[0].clone();
        renamed.id = LineId("9999".into());
        assert!(
            p.apply(&Edit::SetLine {
                index: 0,
                line: Box::new(renamed)
            })
            .is_err()
        );
        assert_eq!(p.data(), &before);
    }

    #[test]
    fn partner_edits_keep_a_majority_and_undo_exactly() {
        let mut p = project();
        let before = p.data().clone();
        let mut fr = p.partners()[0].clone();
        fr.role = PartnerRole::Minority;
        let err = p
            .apply(&Edit::SetPartner {
                index: 0,
                partner: Box::new(fr),
            })
            .unwrap_err();
        assert!(err.message.contains("majority"), "{err}");
        let mut ca = p.partners()[1].clone();
        ca.financing[0].amount = Decimal::from(1_000_000);
        let undo = p
            .apply(&Edit::SetPartner {
                index: 1,
                partner: Box::new(ca),
            })
            .unwrap();
        assert_eq!(
            p.partners()[1].financing[0].amount,
            Decimal::from(1_000_000)
        );
        let back = p
            .apply(&Edit::SetCoproduction(Coproduction::Creative))
            .unwrap();
        assert_eq!(p.data().coproduction, Coproduction::Creative);
        p.apply(&back).unwrap();
        p.apply(&undo).unwrap();
        assert_eq!(p.data(), &before);
    }
}
