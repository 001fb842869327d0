//! The workbench's state: the project being edited, where the cursor is, the history of
//! edits, and the engine's latest assessment with the one before it (to show what changed).

use super::action::Action;
use super::rows::{Collapsed, Row, lines_under, visible_rows};
use crate::engine::{Assessment, Changes, assess, compare};
use crate::model::{Allocation, Edit, LineId, Project, Scenario};
use crate::rules::RuleBook;
use std::collections::BTreeSet;

/// One entry of the history: the edit that reverses a change, and the scenario shown
/// before and after it, so undo and redo return to where the change was made.
struct Step {
    edit: Edit,
    scenario_before: usize,
    scenario_after: usize,
}

/// A window over the workbench that takes the keys until it closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help,
    /// Quit was asked with unsaved changes: the next key decides.
    ConfirmQuit,
}

/// The workbench state. Every change goes through `perform`, which re-assesses at once.
pub struct App {
    project: Project,
    rules: RuleBook,
    scenario: usize,
    assessment: Assessment,
    /// The assessment before the last change, so each figure can show its change.
    before: Option<Assessment>,
    /// What the last change changed (empty after a plain switch of scenario).
    changes: Changes,
    undo: Vec<Step>,
    redo: Vec<Step>,
    rows: Vec<Row>,
    collapsed: Collapsed,
    cursor: usize,
    marked: BTreeSet<LineId>,
    /// One sentence about the last action: what happened, or why nothing did.
    pub status: String,
    /// Edits since the project was loaded or saved.
    pub unsaved: usize,
    pub overlay: Overlay,
}

impl App {
    pub fn new(project: Project, rules: RuleBook) -> App {
        let assessment = assess(&project, &project.scenarios()[0], &rules);
        let collapsed = Collapsed::default();
        let rows = visible_rows(&project, &collapsed);
        App {
            project,
            rules,
            scenario: 0,
            assessment,
            before: None,
            changes: Changes::default(),
            undo: Vec::new(),
            redo: Vec::new(),
            rows,
            collapsed,
            cursor: 0,
            marked: BTreeSet::new(),
            status: String::new(),
            unsaved: 0,
            overlay: Overlay::None,
        }
    }

    pub fn project(&self) -> &Project {
        &self.project
    }

    pub fn assessment(&self) -> &Assessment {
        &self.assessment
    }

    pub fn before(&self) -> Option<&Assessment> {
        self.before.as_ref()
    }

    pub fn changes(&self) -> &Changes {
        &self.changes
    }

    pub fn scenario(&self) -> &Scenario {
        &self.project.scenarios()[self.scenario]
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn marked(&self) -> &BTreeSet<LineId> {
        &self.marked
    }

    /// The index of the scenario on screen.
    pub fn scenario_index(&self) -> usize {
        self.scenario
    }

    /// Where line `index` is spent in the current scenario.
    pub fn allocation(&self, index: usize) -> &Allocation {
        self.project.allocation_in(self.scenario, index)
    }

    pub fn perform(&mut self, action: Action) {
        self.status.clear();
        match action {
            Action::CursorDown => {
                self.cursor = (self.cursor + 1).min(self.rows.len().saturating_sub(1))
            }
            Action::CursorUp => self.cursor = self.cursor.saturating_sub(1),
            Action::ToggleExpand => self.toggle_expand(),
            Action::ToggleMark => self.toggle_mark(),
            Action::MoveNext => self.move_selection(1),
            Action::MovePrevious => self.move_selection(-1),
            Action::Undo => self.step_history(true),
            Action::Redo => self.step_history(false),
            Action::NextScenario => {
                self.scenario = (self.scenario + 1) % self.project.scenarios().len();
                self.reassess(false);
                self.status = format!("Scenario \"{}\"", self.scenario().name);
            }
            // Saving, help and quitting belong to the event loop, which owns the file and
            // the screen.
            Action::Save | Action::Help | Action::Quit => {}
            Action::ForkScenario => {
                let name = self.fork_name();
                let scenario = Scenario {
                    name: name.clone(),
                    ..self.scenario().clone()
                };
                let at = self.project.scenarios().len();
                if self.commit(Edit::InsertScenario { at, scenario }, at) {
                    self.status = format!("Forked into \"{name}\"");
                }
            }
        }
    }

    fn fork_name(&self) -> String {
        let base = &self.scenario().name;
        (2..)
            .map(|n| format!("{base} ({n})"))
            .find(|n| self.project.scenario(n).is_none())
            .unwrap_or_default()
    }

    fn toggle_expand(&mut self) {
        match self.rows.get(self.cursor) {
            Some(Row::Category(c)) => {
                if !self.collapsed.categories.remove(c) {
                    self.collapsed.categories.insert(*c);
                }
            }
            Some(Row::Account(a)) => {
                if !self.collapsed.accounts.remove(a) {
                    self.collapsed.accounts.insert(*a);
                }
            }
            Some(Row::Line(_)) => return self.toggle_mark(),
            None => return,
        }
        let at = self.rows.get(self.cursor).copied();
        self.rows = visible_rows(&self.project, &self.collapsed);
        self.cursor = at
            .and_then(|r| self.rows.iter().position(|x| *x == r))
            .unwrap_or(0);
    }

    fn toggle_mark(&mut self) {
        if let Some(Row::Line(i)) = self.rows.get(self.cursor) {
            let id = self.project.lines()[*i].id.clone();
            if !self.marked.remove(&id) {
                self.marked.insert(id);
            }
        }
    }

    /// The lines the next move applies to: the marked lines, else the row under the cursor.
    fn selection(&self) -> Vec<usize> {
        if !self.marked.is_empty() {
            return self
                .marked
                .iter()
                .filter_map(|id| self.project.line_index(id))
                .collect();
        }
        self.rows
            .get(self.cursor)
            .map(|r| lines_under(&self.project, *r))
            .unwrap_or_default()
    }

    /// Moves the selection one territory along: each movable line goes to the territory after
    /// (or before) where the first selected line is spent. Pinned or restricted lines stay and
    /// the status line says why.
    fn move_selection(&mut self, step: isize) {
        let selection = self.selection();
        let Some(&first) = selection.first() else {
            return;
        };
        let from = self.allocation(first).parts()[0].0.clone();
        let to = self.project.neighbour_territory(&from, step);
        let target = Allocation::at(to.clone());
        let mut movable = Vec::new();
        let mut refused = Vec::new();
        for i in selection {
            let line = &self.project.lines()[i];
            match line.may_move_to(&to) {
                Ok(()) => movable.push(line.id.clone()),
                Err(why) => refused.push(why),
            }
        }
        if movable.is_empty() {
            self.status = refused.into_iter().next().unwrap_or_default();
            return;
        }
        let count = movable.len();
        match self.project.move_lines(self.scenario, &movable, target) {
            Ok(edit) => {
                if self.commit(edit, self.scenario) {
                    self.status = match refused.len() {
                        0 => format!("Moved {count} line{} to {to}", plural(count)),
                        n => format!(
                            "Moved {count} line{} to {to}; {n} stayed: {}",
                            plural(count),
                            refused[0]
                        ),
                    };
                }
            }
            Err(e) => self.status = e.message,
        }
    }

    /// Applies `edit`, records its inverse for undo, shows scenario `then` and re-assesses.
    /// False when refused.
    fn commit(&mut self, edit: Edit, then: usize) -> bool {
        match self.project.apply(&edit) {
            Ok(inverse) => {
                self.undo.push(Step {
                    edit: inverse,
                    scenario_before: self.scenario,
                    scenario_after: then,
                });
                self.redo.clear();
                self.unsaved += 1;
                self.scenario = then;
                self.reassess(true);
                true
            }
            Err(e) => {
                self.status = e.message;
                false
            }
        }
    }

    fn step_history(&mut self, undo: bool) {
        let (from, word) = if undo {
            (&mut self.undo, "Undid")
        } else {
            (&mut self.redo, "Redid")
        };
        let Some(step) = from.pop() else {
            self.status = format!("Nothing to {}", if undo { "undo" } else { "redo" });
            return;
        };
        match self.project.apply(&step.edit) {
            Ok(inverse) => {
                let back = Step {
                    edit: inverse,
                    ..step
                };
                if undo {
                    self.scenario = back.scenario_before;
                    self.redo.push(back);
                    self.unsaved = self.unsaved.saturating_sub(1);
                } else {
                    self.scenario = back.scenario_after;
                    self.undo.push(back);
                    self.unsaved += 1;
                }
                self.scenario = self.scenario.min(self.project.scenarios().len() - 1);
                self.reassess(true);
                self.status = format!("{word} the last change");
            }
            Err(e) => {
                self.status = e.message;
                from.push(step);
            }
        }
    }

    fn reassess(&mut self, keep_before: bool) {
        let fresh = assess(
            &self.project,
            &self.project.scenarios()[self.scenario],
            &self.rules,
        );
        let old = std::mem::replace(&mut self.assessment, fresh);
        self.changes = if keep_before {
            compare(&old, &self.assessment)
        } else {
            Changes::default()
        };
        self.before = keep_before.then_some(old);
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
