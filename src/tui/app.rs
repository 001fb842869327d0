//! The workbench's state: the project being edited, where the cursor is, the history of
//! edits, the engine's latest assessment with the one before it (to show what changed), and
//! whichever editor or view is open. Keys come in through `handle_key`; tests can also send
//! actions straight to `perform`.

use super::action::Action;
use super::editor::{self, Check, Field, Form, Item, Picker};
use super::explain::{self, Explanation};
use super::keymap::{Keymap, Mode};
use super::rows::{Collapsed, Row, lines_under, visible_rows};
use crate::engine::{Assessment, Changes, ProgramAssessment, ProgramStatus, assess, compare};
use crate::model::{
    Allocation, Coproduction, Cost, Currency, Edit, LineId, LineKind, PartnerRole, Project,
    Scenario, Territory, format_money_dp,
};
use crate::rules::RuleBook;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::cell::Cell;
use std::collections::BTreeSet;

/// One entry of the history: the edit that reverses a change, and the scenario shown
/// before and after it, so undo and redo return to where the change was made.
struct Step {
    edit: Edit,
    scenario_before: usize,
    scenario_after: usize,
}

/// The panels of the main screen, in the order focus moves through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Panel {
    Budget,
    Territories,
    Incentives,
    Partners,
    /// Shown only when the project or the scenario sets goals.
    Goals,
    Treaty,
}

impl Panel {
    pub const ALL: [Panel; 6] = [
        Panel::Budget,
        Panel::Territories,
        Panel::Incentives,
        Panel::Partners,
        Panel::Goals,
        Panel::Treaty,
    ];

    fn index(self) -> usize {
        Panel::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
}

/// What a form changes when it is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// Line `index`: amount, currency, kind, who pays, pinned.
    Line(usize),
    /// Where these lines are spent, split by percentage.
    Split(Vec<usize>),
    /// Every partner's role and financing.
    Partners,
    /// The path to save the project to.
    SaveAs,
    /// Read a table (and a mapping) into the budget.
    Import,
    /// Write the scenario on screen to a file, in a pack.
    Export,
}

/// What a picker's choice does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choosing {
    /// Spend these lines in the chosen territory.
    Territory(Vec<usize>),
    /// Seek official status under the chosen treaty, or none.
    Treaty,
    /// Diff the current scenario against the chosen one.
    DiffAgainst,
}

/// A window over the workbench that takes the keys until it closes.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    None,
    /// Quit was asked with unsaved changes: the next key decides.
    ConfirmQuit,
    Explain(Explanation),
    /// The lines a table would bring in, waiting to be imported (Enter) or left (Esc).
    ImportPreview {
        /// The chart of accounts and the lines the import would give; `None` when a row
        /// cannot be read.
        budget: Option<(Vec<crate::model::Account>, Vec<crate::model::Line>)>,
        view: Explanation,
    },
    /// The optimiser at work on scenario `from`, in the background; Esc stops waiting.
    Searching {
        from: String,
    },
    /// The optimiser's proposal, waiting to be adopted (Enter) or left (Esc).
    Proposal {
        plan: Box<crate::optimise::Plan>,
        view: Explanation,
    },
    /// Every scenario's assessment, side by side.
    Compare {
        assessments: Vec<Assessment>,
        scroll: usize,
    },
    Form {
        form: Form,
        purpose: Purpose,
    },
    Picker {
        picker: Picker,
        choosing: Choosing,
    },
    /// Typing the budget filter.
    Filter,
    /// Unsaved work from an earlier session was found: restore, discard or keep both.
    Recover(Box<RecoveryOffer>),
}

/// What a recovery journal would bring back, as shown before the person decides.
#[derive(Debug, Clone, PartialEq)]
pub struct RecoveryOffer {
    /// When the work was last written ("3 minutes ago").
    pub when: String,
    /// What differs from the file as it is on disk, one sentence each.
    pub summary: Vec<String>,
    /// Where the journal is kept.
    pub journal: String,
}

/// The person's answer to a recovery offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecoveryChoice {
    /// Carry on from the unsaved work.
    Restore,
    /// Throw the unsaved work away.
    Discard,
    /// Write the unsaved work to a file of its own and open that; the file stays as it is.
    KeepBoth,
}

impl Overlay {
    /// Which keys apply while this overlay is open.
    pub fn mode(&self) -> Mode {
        match self {
            Overlay::None | Overlay::ConfirmQuit | Overlay::Recover(_) => Mode::Workbench,
            Overlay::Explain(_)
            | Overlay::Compare { .. }
            | Overlay::Proposal { .. }
            | Overlay::Searching { .. }
            | Overlay::ImportPreview { .. } => Mode::Viewer,
            Overlay::Form { .. } | Overlay::Picker { .. } | Overlay::Filter => Mode::Editor,
        }
    }
}

/// What the event loop must do after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Continue,
    Save,
    SaveAndQuit,
    Quit,
    /// Save to this path instead of the project's file.
    SaveAs(std::path::PathBuf),
    Recover(RecoveryChoice),
}

/// The workbench state. Every change goes through `commit`, which re-assesses at once.
pub struct App {
    project: Project,
    rules: RuleBook,
    keys: Keymap,
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
    filter: String,
    cursor: usize,
    focus: Panel,
    /// The cursor of each panel other than the budget, by `Panel::ALL` index.
    panel_cursor: [usize; 6],
    /// The first budget row on screen, kept between frames so the list scrolls smoothly.
    pub budget_top: Cell<usize>,
    /// The height of the budget list in the last frame, for paging.
    pub budget_height: Cell<usize>,
    marked: BTreeSet<LineId>,
    /// One sentence about the last action: what happened, or why nothing did.
    pub status: String,
    /// Edits since the project was loaded or saved.
    pub unsaved: usize,
    pub overlay: Overlay,
    /// The optimiser's result, once its thread has one.
    search: Option<std::sync::mpsc::Receiver<crate::optimise::Plan>>,
    /// Why the project may not be changed (another workbench has the file), if so.
    pub read_only: Option<String>,
    /// Counts every change to the project (edits, undo, redo), so the recovery journal
    /// knows when it is behind.
    pub revision: u64,
    /// The last change added or removed a scenario, or changed partners or the treaty.
    pub structural: bool,
    /// A path typed into the save-as form, for the event loop.
    save_as: Option<std::path::PathBuf>,
}

impl App {
    pub fn new(project: Project, rules: RuleBook) -> App {
        App::with_keys(project, rules, Keymap::default())
    }

    pub fn with_keys(project: Project, rules: RuleBook, keys: Keymap) -> App {
        let assessment = assess(&project, &project.scenarios()[0], &rules);
        let collapsed = Collapsed::default();
        let rows = visible_rows(&project, 0, &collapsed, "");
        App {
            project,
            rules,
            keys,
            scenario: 0,
            assessment,
            before: None,
            changes: Changes::default(),
            undo: Vec::new(),
            redo: Vec::new(),
            rows,
            collapsed,
            filter: String::new(),
            cursor: 0,
            focus: Panel::Budget,
            panel_cursor: [0; 6],
            budget_top: Cell::new(0),
            budget_height: Cell::new(20),
            marked: BTreeSet::new(),
            status: String::new(),
            unsaved: 0,
            overlay: Overlay::None,
            search: None,
            read_only: None,
            revision: 0,
            structural: false,
            save_as: None,
        }
    }

    pub fn project(&self) -> &Project {
        &self.project
    }

    /// Puts another version of the project in place of this one (recovered work): the
    /// history starts again from it, and it counts as unsaved.
    pub fn replace_project(&mut self, project: Project) {
        self.project = project;
        self.undo.clear();
        self.redo.clear();
        self.marked.clear();
        self.scenario = 0;
        self.unsaved = self.unsaved.max(1);
        self.revision += 1;
        self.structural = true;
        self.reassess(false);
        let at = self.rows.get(self.cursor).copied();
        self.rebuild_rows(at);
    }

    /// Asks whether to restore unsaved work from an earlier session.
    pub fn offer_recovery(&mut self, offer: RecoveryOffer) {
        self.overlay = Overlay::Recover(Box::new(offer));
    }

    /// Asks where to save, starting from `suggested`; `why` says why the usual file would
    /// not do.
    pub fn ask_save_as(&mut self, suggested: &std::path::Path, why: &str) {
        let mut form = Form::new(
            "Save as (Enter saves, Esc cancels)",
            vec![editor::Field::text(
                "File",
                suggested.display().to_string(),
                editor::Check::Name,
            )],
        );
        form.summary = Some(why.to_string());
        self.overlay = Overlay::Form {
            form,
            purpose: Purpose::SaveAs,
        };
    }

    pub fn rules(&self) -> &RuleBook {
        &self.rules
    }

    pub fn keys(&self) -> &Keymap {
        &self.keys
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

    pub fn focus(&self) -> Panel {
        self.focus
    }

    /// The cursor of `panel` (the budget's is `cursor`).
    pub fn panel_cursor(&self, panel: Panel) -> usize {
        match panel {
            Panel::Budget => self.cursor,
            other => self.panel_cursor[other.index()],
        }
    }

    pub fn filter(&self) -> &str {
        &self.filter
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

    /// The programs the incentives panel lists: those with spend in their territory.
    pub fn shown_programs(&self) -> Vec<&ProgramAssessment> {
        self.assessment
            .programs
            .iter()
            .filter(|p| p.status != ProgramStatus::NoSpend)
            .collect()
    }

    /// How many items `panel` lists.
    pub fn panel_len(&self, panel: Panel) -> usize {
        let a = &self.assessment;
        match panel {
            Panel::Budget => self.rows.len(),
            Panel::Territories => a.territories.len(),
            Panel::Incentives => self.shown_programs().len(),
            Panel::Partners => a.partners.len(),
            Panel::Goals => a.goals.len(),
            Panel::Treaty => a.treaty.checks.len() + usize::from(a.treaty.points.is_some()),
        }
    }

    /// Puts the cursor of `panel` on item `at` (clamped) and focuses it: a mouse click.
    pub fn point_at(&mut self, panel: Panel, at: usize) {
        self.focus = panel;
        let last = self.panel_len(panel).saturating_sub(1);
        match panel {
            Panel::Budget => self.cursor = at.min(last),
            other => self.panel_cursor[other.index()] = at.min(last),
        }
    }

    /// What a key does, given the overlay on screen.
    pub fn handle_key(&mut self, key: KeyEvent) -> Outcome {
        let ctrl_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        let mode = self.overlay.mode();
        let action = if ctrl_c {
            Some(Action::Quit)
        } else {
            self.keys.action_for(mode, key)
        };
        match &self.overlay {
            Overlay::Recover(_) => {
                let choice = match key.code {
                    KeyCode::Char('r') => Some(RecoveryChoice::Restore),
                    KeyCode::Char('d') => Some(RecoveryChoice::Discard),
                    KeyCode::Char('k') => Some(RecoveryChoice::KeepBoth),
                    _ => None,
                };
                match choice {
                    Some(choice) => {
                        self.overlay = Overlay::None;
                        Outcome::Recover(choice)
                    }
                    None => {
                        self.status =
                            "Unsaved work is waiting: r restore it, d discard it, k keep both"
                                .into();
                        Outcome::Continue
                    }
                }
            }
            Overlay::ConfirmQuit => {
                self.overlay = Overlay::None;
                match action {
                    Some(Action::Quit) => Outcome::Quit,
                    Some(Action::Save) => Outcome::SaveAndQuit,
                    _ => {
                        self.status = "Still here.".into();
                        Outcome::Continue
                    }
                }
            }
            _ if ctrl_c => self.perform_quit(),
            Overlay::Searching { from } => {
                if action == Some(Action::Cancel) {
                    self.status = format!("Stopped waiting for the optimiser on \"{from}\"");
                    self.search = None;
                    self.overlay = Overlay::None;
                } else {
                    self.status = "The optimiser is at work: Esc stops waiting".into();
                }
                Outcome::Continue
            }
            Overlay::None
            | Overlay::Explain(_)
            | Overlay::Compare { .. }
            | Overlay::Proposal { .. }
            | Overlay::ImportPreview { .. } => match action {
                Some(Action::Quit) if mode == Mode::Workbench => self.perform_quit(),
                Some(Action::Save) => Outcome::Save,
                Some(action) => {
                    self.perform(action);
                    Outcome::Continue
                }
                None => Outcome::Continue,
            },
            Overlay::Form { .. } | Overlay::Picker { .. } | Overlay::Filter => {
                match (action, key.code) {
                    (Some(action), _) => self.perform(action),
                    (None, KeyCode::Char(c))
                        if !key
                            .modifiers
                            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                    {
                        self.type_char(c)
                    }
                    _ => {}
                }
                match self.save_as.take() {
                    Some(path) => Outcome::SaveAs(path),
                    None => Outcome::Continue,
                }
            }
        }
    }

    fn perform_quit(&mut self) -> Outcome {
        if self.unsaved > 0 {
            self.overlay = Overlay::ConfirmQuit;
            Outcome::Continue
        } else {
            Outcome::Quit
        }
    }

    /// Carries out `action` in the mode of the overlay on screen. Saving and quitting belong
    /// to the event loop, which owns the file (see `handle_key`).
    pub fn perform(&mut self, action: Action) {
        match self.overlay.mode() {
            Mode::Workbench => self.perform_on_workbench(action),
            Mode::Viewer => self.perform_in_viewer(action),
            Mode::Editor => self.perform_in_editor(action),
        }
    }

    fn perform_on_workbench(&mut self, action: Action) {
        self.status.clear();
        match action {
            Action::CursorDown => self.move_cursor(1),
            Action::CursorUp => self.move_cursor(-1),
            Action::PageDown => self.move_cursor(self.page() as isize),
            Action::PageUp => self.move_cursor(-(self.page() as isize)),
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrevious => self.cycle_focus(-1),
            Action::ToggleExpand => self.toggle_expand(),
            Action::ToggleMark => self.toggle_mark(),
            Action::MoveNext => self.move_selection(1),
            Action::MovePrevious => self.move_selection(-1),
            Action::PickTerritory => self.open_territory_picker(),
            Action::EditSplit => self.open_split_editor(),
            Action::EditLine => self.open_line_editor(),
            Action::EditPartners => self.open_partner_editor(),
            Action::ChooseTreaty => self.open_treaty_picker(),
            Action::Explain => self.explain(),
            Action::Compare => self.open_compare(),
            Action::Diff => self.open_diff_picker(),
            Action::Optimise => self.propose(),
            Action::Import => self.ask_import(),
            Action::Export => self.ask_export(),
            Action::Filter => {
                self.focus = Panel::Budget;
                self.overlay = Overlay::Filter;
            }
            Action::Undo => self.step_history(true),
            Action::Redo => self.step_history(false),
            Action::NextScenario => {
                self.scenario = (self.scenario + 1) % self.project.scenarios().len();
                self.reassess(false);
                self.status = format!("Scenario \"{}\"", self.scenario().name);
            }
            Action::ForkScenario => self.fork(),
            Action::Help => self.overlay = Overlay::Explain(explain::keys(&self.keys)),
            Action::Quit => {
                // Leaving belongs to the event loop; here only the question is opened.
                self.perform_quit();
            }
            Action::Save
            | Action::Confirm
            | Action::Cancel
            | Action::NextField
            | Action::PreviousField
            | Action::NextOption
            | Action::PreviousOption
            | Action::DeleteBack => {}
        }
    }

    fn page(&self) -> usize {
        self.budget_height.get().saturating_sub(1).max(1)
    }

    fn move_cursor(&mut self, step: isize) {
        let len = self.panel_len(self.focus);
        let at = self.panel_cursor(self.focus) as isize + step;
        let at = at.clamp(0, len.saturating_sub(1) as isize) as usize;
        match self.focus {
            Panel::Budget => self.cursor = at,
            other => self.panel_cursor[other.index()] = at,
        }
    }

    /// Moves focus to the next (or previous) panel on screen; the goals panel is skipped when
    /// there are no goals.
    fn cycle_focus(&mut self, step: isize) {
        let n = Panel::ALL.len() as isize;
        let mut at = self.focus.index() as isize;
        loop {
            at = (at + step).rem_euclid(n);
            let panel = Panel::ALL[at as usize];
            if panel != Panel::Goals || !self.assessment.goals.is_empty() {
                self.focus = panel;
                return;
            }
        }
    }

    fn perform_in_viewer(&mut self, action: Action) {
        let page = self.page();
        if action == Action::Confirm {
            if matches!(self.overlay, Overlay::Proposal { .. }) {
                self.adopt_proposal();
            } else if matches!(self.overlay, Overlay::ImportPreview { .. }) {
                self.import_previewed();
            }
            return;
        }
        let scroll = match &mut self.overlay {
            Overlay::Explain(e) => &mut e.scroll,
            Overlay::Proposal { view, .. } | Overlay::ImportPreview { view, .. } => {
                &mut view.scroll
            }
            Overlay::Compare { scroll, .. } => scroll,
            _ => return,
        };
        match action {
            Action::CursorDown => *scroll += 1,
            Action::CursorUp => *scroll = scroll.saturating_sub(1),
            Action::PageDown => *scroll += page,
            Action::PageUp => *scroll = scroll.saturating_sub(page),
            Action::Cancel | Action::Quit | Action::Explain | Action::Compare | Action::Help => {
                self.overlay = Overlay::None
            }
            _ => {}
        }
    }

    fn perform_in_editor(&mut self, action: Action) {
        match (&mut self.overlay, action) {
            (_, Action::Cancel) => {
                if self.overlay == Overlay::Filter {
                    self.set_filter(String::new());
                    self.status = "Filter cleared".into();
                } else {
                    self.status = "Left unchanged".into();
                }
                self.overlay = Overlay::None;
            }
            (Overlay::Filter, Action::Confirm) => {
                self.overlay = Overlay::None;
                self.status = if self.filter.is_empty() {
                    String::new()
                } else {
                    format!(
                        "Showing lines matching \"{}\"; / then Esc shows all",
                        self.filter
                    )
                };
            }
            (Overlay::Filter, Action::DeleteBack) => {
                let mut f = self.filter.clone();
                f.pop();
                self.set_filter(f);
            }
            (Overlay::Form { form, .. }, Action::NextField) => form.next(1),
            (Overlay::Form { form, .. }, Action::PreviousField) => form.next(-1),
            (Overlay::Form { form, purpose }, Action::NextOption) => {
                form.cycle(1);
                note_pack(form, purpose);
            }
            (Overlay::Form { form, purpose }, Action::PreviousOption) => {
                form.cycle(-1);
                note_pack(form, purpose);
            }
            (Overlay::Form { form, .. }, Action::DeleteBack) => form.delete_back(),
            (Overlay::Form { .. }, Action::Confirm) => self.submit_form(),
            (Overlay::Picker { picker, .. }, Action::NextField | Action::NextOption) => {
                picker.next(1)
            }
            (Overlay::Picker { picker, .. }, Action::PreviousField | Action::PreviousOption) => {
                picker.next(-1)
            }
            (Overlay::Picker { picker, .. }, Action::DeleteBack) => picker.delete_back(),
            (Overlay::Picker { .. }, Action::Confirm) => self.submit_picker(),
            _ => {}
        }
        self.refresh_form();
    }

    /// Types a character into the open editor, picker or filter.
    pub fn type_char(&mut self, c: char) {
        match &mut self.overlay {
            Overlay::Form { form, .. } => form.type_char(c),
            Overlay::Picker { picker, .. } => picker.type_char(c),
            Overlay::Filter => {
                let mut f = self.filter.clone();
                f.push(c);
                self.set_filter(f);
            }
            _ => {}
        }
        self.refresh_form();
    }

    /// Re-checks what a form cannot check field by field (a split's total).
    fn refresh_form(&mut self) {
        if let Overlay::Form {
            form,
            purpose: Purpose::Split(_),
        } = &mut self.overlay
        {
            let (total, exact) = editor::split_total(&form.fields);
            form.summary = Some(format!("total {}%", total.normalize()));
            form.problem = (!exact).then(|| {
                let gap = total - rust_decimal::Decimal::ONE_HUNDRED;
                if gap.is_sign_negative() {
                    format!(
                        "the split must total 100% ({}% missing)",
                        (-gap).normalize()
                    )
                } else {
                    format!("the split must total 100% ({}% too much)", gap.normalize())
                }
            });
        }
    }

    fn set_filter(&mut self, filter: String) {
        let at = self.rows.get(self.cursor).copied();
        self.filter = filter;
        self.rebuild_rows(at);
    }

    fn rebuild_rows(&mut self, keep: Option<Row>) {
        self.rows = visible_rows(&self.project, self.scenario, &self.collapsed, &self.filter);
        self.cursor = keep
            .and_then(|r| self.rows.iter().position(|x| *x == r))
            .unwrap_or(0)
            .min(self.rows.len().saturating_sub(1));
    }

    fn fork(&mut self) {
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

    /// Asks for the table to import, and a mapping file if it needs one.
    fn ask_import(&mut self) {
        let mut form = Form::new(
            "Import budget lines (Enter reads the table, Esc cancels)",
            vec![
                editor::Field::text(
                    "Table (CSV, TSV, XLSX, ODS)",
                    String::new(),
                    editor::Check::Name,
                ),
                editor::Field::text(
                    "Mapping file (optional)",
                    String::new(),
                    editor::Check::Optional,
                ),
            ],
        );
        form.summary = Some(
            "Nothing changes until you see the lines it reads and press Enter; docs/import.md says what it understands".into(),
        );
        self.overlay = Overlay::Form {
            form,
            purpose: Purpose::Import,
        };
    }

    /// Asks where to write the scenario on screen, and in which pack.
    fn ask_export(&mut self) {
        let packs = crate::report::Pack::ALL
            .iter()
            .map(|p| p.name().to_string())
            .collect();
        let mut form = Form::new(
            format!(
                "Export scenario \"{}\" (Enter writes, Esc cancels)",
                self.scenario().name
            ),
            vec![
                editor::Field::text(
                    "Write to (.xlsx, .csv, .md or DIR/)",
                    String::new(),
                    editor::Check::Name,
                ),
                editor::Field::choice("Pack (←/→)", packs, 0),
            ],
        );
        note_pack(&mut form, &Purpose::Export);
        form.summary = Some(
            "As on screen, unsaved changes included. docs/import.md says what each pack holds"
                .into(),
        );
        self.overlay = Overlay::Form {
            form,
            purpose: Purpose::Export,
        };
    }

    /// Writes the scenario on screen to `to` in `pack`.
    fn export(&self, to: &str, pack: crate::report::Pack) -> Result<String, String> {
        let path = std::path::Path::new(to);
        let target = crate::export::Target::of(path, path.is_dir())?;
        let (files, _) =
            crate::export::render(&self.project, self.scenario(), &self.rules, pack, target)?;
        let written = crate::store::write_export(path, &files)?;
        Ok(format!(
            "Wrote {}{}: scenario \"{}\", {} pack{}",
            to,
            if written.len() > 1 {
                format!(" ({} files)", written.len())
            } else {
                String::new()
            },
            self.scenario().name,
            pack.name(),
            if self.unsaved > 0 {
                ", unsaved changes included"
            } else {
                ""
            }
        ))
    }

    /// Reads the table and shows what importing it would do.
    fn preview_import(&self, table: &str, map: &str) -> Result<Overlay, String> {
        let path = std::path::Path::new(table);
        let mapping = if map.trim().is_empty() {
            crate::interchange::Mapping::default()
        } else {
            crate::store::tables::read_mapping(std::path::Path::new(map.trim()))?
        };
        let rows = crate::store::tables::read_table(path)?;
        let reading = crate::interchange::read(&rows, &self.project, &mapping)
            .map_err(|e| format!("{table}: {e}"))?;
        let mut view = Explanation::titled(format!("Import {table}"));
        let mut data = self.project.data().clone();
        let applied = crate::interchange::apply(&mut data, &reading);
        view.lines.push(if reading.errors.is_empty() {
            format!(
                "Enter imports: {}{} line(s) added, {} updated, {} unchanged (u undoes) · Esc leaves the budget as it is",
                if applied.new_accounts.is_empty() {
                    String::new()
                } else {
                    format!("{} account(s) and ", applied.new_accounts.len())
                },
                applied.added.len(),
                applied.updated.len(),
                applied.unchanged
            )
        } else {
            format!(
                "{} row(s) cannot be read (listed below): nothing can be imported until they are corrected. Esc closes.",
                reading.errors.len()
            )
        });
        view.lines.push(String::new());
        view.lines.extend(
            crate::interchange::describe(table, &reading, 20)
                .lines()
                .map(str::to_string),
        );
        let budget = reading
            .errors
            .is_empty()
            .then_some((data.accounts, data.lines));
        Ok(Overlay::ImportPreview { budget, view })
    }

    /// Imports the lines on screen as one step.
    fn import_previewed(&mut self) {
        let Overlay::ImportPreview { budget, .. } = &self.overlay else {
            return;
        };
        let Some((accounts, lines)) = budget.clone() else {
            self.status = "Nothing to import: correct the rows listed, then import again".into();
            return;
        };
        let before = self.project.lines().len();
        self.overlay = Overlay::None;
        if self.commit(Edit::SetBudget { accounts, lines }, self.scenario) {
            self.status = format!(
                "Imported: the budget has {} lines (it had {before}); u undoes",
                self.project.lines().len()
            );
        }
    }

    /// Runs the optimiser on the scenario on screen and shows what it proposes.
    /// Starts the optimiser on the scenario on screen, in a thread of its own so the screen
    /// stays responsive on large budgets; `poll_background` shows its proposal.
    fn propose(&mut self) {
        let (project, rules, scenario) = (self.project.clone(), self.rules.clone(), self.scenario);
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let options = crate::optimise::Options::default();
            let plan = crate::optimise::optimise(
                &project,
                &project.scenarios()[scenario],
                &rules,
                &options,
            );
            // Nobody listens any more when Esc stopped the wait.
            let _ = tx.send(plan);
        });
        self.search = Some(rx);
        self.overlay = Overlay::Searching {
            from: self.scenario().name.clone(),
        };
        self.status = "Optimising…".into();
    }

    /// Whether the optimiser is at work in the background.
    pub fn busy(&self) -> bool {
        self.search.is_some()
    }

    /// Shows the optimiser's proposal if it has arrived; returns whether the screen changed.
    pub fn poll_background(&mut self) -> bool {
        let Some(rx) = &self.search else {
            return false;
        };
        match rx.try_recv() {
            Ok(plan) => {
                self.search = None;
                self.show_proposal(plan);
                true
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => false,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.search = None;
                self.overlay = Overlay::None;
                self.status = "The optimiser stopped without a proposal".into();
                true
            }
        }
    }

    /// Waits for the optimiser and shows its proposal (for scripts and tests).
    pub fn wait_background(&mut self) {
        if let Some(rx) = self.search.take() {
            match rx.recv() {
                Ok(plan) => self.show_proposal(plan),
                Err(_) => {
                    self.overlay = Overlay::None;
                    self.status = "The optimiser stopped without a proposal".into();
                }
            }
        }
    }

    /// Shows `plan`, the optimiser's proposal for the scenario on screen.
    fn show_proposal(&mut self, plan: crate::optimise::Plan) {
        self.status.clear();
        let from = self.scenario().name.clone();
        let mut view = explain::proposal(&self.project, &from, &plan);
        view.lines.insert(
            0,
            if plan.moves.is_empty() {
                "Nothing to adopt: no move improves on this scenario. Esc closes.".to_string()
            } else if plan.feasible {
                format!(
                    "Enter adds this as scenario \"{}\" (u undoes) · Esc leaves everything as it is",
                    self.optimised_name()
                )
            } else {
                "Not every constraint can be met, so this cannot be adopted. Esc closes.".to_string()
            },
        );
        self.overlay = Overlay::Proposal {
            plan: Box::new(plan),
            view,
        };
    }

    /// Adds the proposal on screen as a new scenario and shows it.
    fn adopt_proposal(&mut self) {
        let Overlay::Proposal { plan, .. } = &self.overlay else {
            return;
        };
        if plan.moves.is_empty() || !plan.feasible {
            self.status = if plan.moves.is_empty() {
                "Nothing to adopt: no move improves on this scenario".into()
            } else {
                "Not adopted: the proposal does not meet every constraint".into()
            };
            return;
        }
        let name = self.optimised_name();
        let mut scenario = plan.scenario.clone();
        scenario.name.clone_from(&name);
        scenario.note = format!(
            "Proposed by the optimiser from \"{}\": {} move(s).",
            self.scenario().name,
            plan.moves.len()
        );
        let (moves, gain) = (
            plan.moves.len(),
            plan.incentives_after - plan.incentives_before,
        );
        self.overlay = Overlay::None;
        let at = self.project.scenarios().len();
        if self.commit(Edit::InsertScenario { at, scenario }, at) {
            self.status = format!(
                "Added scenario \"{name}\": {moves} move(s), net incentives +{}; d diffs it, u undoes",
                crate::model::format_money(gain, self.assessment.currency)
            );
        }
    }

    /// "Base (optimised)", or "Base (optimised 2)" when that name is taken.
    fn optimised_name(&self) -> String {
        let base = &self.scenario().name;
        std::iter::once(format!("{base} (optimised)"))
            .chain((2..).map(|n| format!("{base} (optimised {n})")))
            .find(|n| self.project.scenario(n).is_none())
            .unwrap_or_default()
    }

    fn fork_name(&self) -> String {
        let base = &self.scenario().name;
        (2..)
            .map(|n| format!("{base} ({n})"))
            .find(|n| self.project.scenario(n).is_none())
            .unwrap_or_default()
    }

    fn toggle_expand(&mut self) {
        if self.focus != Panel::Budget {
            return self.explain();
        }
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
        self.rebuild_rows(at);
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

    /// A few words for the selection: "line 1501 (Élodie Marchand…)", "12 lines".
    fn selection_label(&self, lines: &[usize]) -> String {
        match lines {
            [one] => {
                let line = &self.project.lines()[*one];
                format!(
                    "line {} ({})",
                    line.id,
                    super::truncate(&line.description, 41)
                )
            }
            many => format!("{} lines", many.len()),
        }
    }

    /// Moves the selection one territory along: each movable line goes to the territory after
    /// (or before) where the first selected line is spent.
    fn move_selection(&mut self, step: isize) {
        if self.focus != Panel::Budget {
            self.status = "Moves work on the budget; h/l or ←/→ focus it".into();
            return;
        }
        let selection = self.selection();
        let Some(&first) = selection.first() else {
            return;
        };
        let from = self.allocation(first).parts()[0].0.clone();
        let to = self.project.neighbour_territory(&from, step);
        self.spend_selection_in(&selection, Allocation::at(to));
    }

    /// Spends the movable lines of `selection` in `target`; pinned or restricted lines stay
    /// and the status line says why. The reason is returned when none could move.
    fn spend_selection_in(&mut self, selection: &[usize], target: Allocation) -> Option<String> {
        let mut movable = Vec::new();
        let mut refused = Vec::new();
        for &i in selection {
            let line = &self.project.lines()[i];
            if &target == self.allocation(i) {
                continue;
            }
            match target
                .parts()
                .iter()
                .try_for_each(|(t, _)| line.may_move_to(t))
            {
                Ok(()) => movable.push(line.id.clone()),
                Err(why) => refused.push(why),
            }
        }
        if movable.is_empty() {
            let why = refused
                .into_iter()
                .next()
                .unwrap_or_else(|| format!("Already spent in {target}"));
            self.status = why.clone();
            return Some(why);
        }
        let count = movable.len();
        match self
            .project
            .move_lines(self.scenario, &movable, target.clone())
        {
            Ok(edit) => {
                if self.commit(edit, self.scenario) {
                    self.status = match refused.len() {
                        0 => format!("Moved {count} line{} to {target}", plural(count)),
                        n => format!(
                            "Moved {count} line{} to {target}; {n} stayed: {}",
                            plural(count),
                            refused[0]
                        ),
                    };
                }
                None
            }
            Err(e) => {
                self.status = e.message.clone();
                Some(e.message)
            }
        }
    }

    /// The selection for an editor, or a status saying where to put the cursor.
    fn budget_selection(&mut self, verb: &str) -> Option<Vec<usize>> {
        if self.focus != Panel::Budget {
            self.status = format!("To {verb}, focus the budget (h/l or ←/→) and choose lines");
            return None;
        }
        let selection = self.selection();
        if selection.is_empty() {
            self.status = format!("Nothing to {verb}: the budget shows no lines");
            return None;
        }
        Some(selection)
    }

    fn open_territory_picker(&mut self) {
        let Some(selection) = self.budget_selection("move") else {
            return;
        };
        let here = self.allocation(selection[0]).clone();
        let a = &self.assessment;
        let items: Vec<Item> = self
            .project
            .territories()
            .iter()
            .map(|t| {
                let spend = a
                    .territories
                    .iter()
                    .find(|x| &x.territory == t)
                    .map(|x| format!("{} spent here", format_money_dp(x.total, a.currency, 0)))
                    .unwrap_or_default();
                // Refused only when no line of the selection may go there.
                let refused = selection
                    .iter()
                    .map(|&i| self.project.lines()[i].may_move_to(t))
                    .try_fold(None, |first: Option<String>, r| match r {
                        Ok(()) => Err(()),
                        Err(why) => Ok(first.or(Some(why))),
                    })
                    .ok()
                    .flatten();
                let now = if here.single() == Some(t) {
                    " · now"
                } else {
                    ""
                };
                Item {
                    key: t.as_str().to_string(),
                    label: t.as_str().to_string(),
                    detail: format!("{spend}{now}"),
                    refused,
                }
            })
            .collect();
        let at = here
            .single()
            .and_then(|h| self.project.territories().iter().position(|t| t == h))
            .unwrap_or(0);
        let title = format!("Spend {} in…", self.selection_label(&selection));
        self.overlay = Overlay::Picker {
            picker: Picker::new(title, "territory", items, at),
            choosing: Choosing::Territory(selection),
        };
    }

    fn open_split_editor(&mut self) {
        let Some(selection) = self.budget_selection("split") else {
            return;
        };
        let current = self.allocation(selection[0]).clone();
        let fields = self
            .project
            .territories()
            .iter()
            .map(|t| {
                let share = current
                    .parts()
                    .iter()
                    .find(|(x, _)| x == t)
                    .map(|(_, p)| p.points().normalize().to_string())
                    .unwrap_or_default();
                Field::text(t.as_str(), share, Check::Percent)
            })
            .collect();
        let mut form = Form::new(
            format!(
                "Split {} (percent per territory)",
                self.selection_label(&selection)
            ),
            fields,
        );
        form.focus = 0;
        self.overlay = Overlay::Form {
            form,
            purpose: Purpose::Split(selection),
        };
        self.refresh_form();
    }

    fn currencies(&self) -> Vec<Currency> {
        let data = self.project.data();
        std::iter::once(data.currency)
            .chain(data.rates.iter().map(|r| r.currency))
            .collect()
    }

    fn payer_options(&self) -> Vec<String> {
        std::iter::once("not named (the engine's default)".to_string())
            .chain(
                self.project
                    .partners()
                    .iter()
                    .map(|p| format!("{} ({})", p.name, p.id)),
            )
            .collect()
    }

    fn open_line_editor(&mut self) {
        if self.focus != Panel::Budget {
            self.status = "To edit a line, focus the budget (h/l or ←/→)".into();
            return;
        }
        let Some(Row::Line(i)) = self.rows.get(self.cursor).copied() else {
            self.status =
                "Put the cursor on a line to edit it; m and s work on whole accounts".into();
            return;
        };
        let line = &self.project.lines()[i];
        let ov = self
            .scenario()
            .overrides
            .get(&line.id)
            .cloned()
            .unwrap_or_default();
        let amount = ov.amount.unwrap_or_else(|| line.amount());
        let budget_note = match &line.cost {
            Cost::Units(u) => format!(
                "budget: {} {} × {} = {}",
                u.quantity.normalize(),
                u.unit,
                u.rate.normalize(),
                line.amount().normalize()
            ),
            Cost::Amount(a) => format!("budget: {}", a.normalize()),
        };
        let payer = ov.paid_by.as_ref().or(line.paid_by.as_ref());
        let payer_at = payer
            .and_then(|p| self.project.partners().iter().position(|x| &x.id == p))
            .map_or(0, |i| i + 1);
        let per_scenario = ov.amount.is_some() || ov.paid_by.is_some() || self.scenario > 0;
        let scenario_name = self.scenario().name.clone();
        let fields = vec![
            Field::text(
                format!("amount ({}, before fringes)", line.currency),
                amount.normalize().to_string(),
                Check::Amount,
            )
            .with_note(budget_note),
            Field::choice(
                "amount and payer apply to",
                vec![
                    format!("scenario \"{scenario_name}\" only"),
                    "the budget (every scenario)".into(),
                ],
                usize::from(!per_scenario),
            ),
            Field::text(
                "currency",
                line.currency.as_str(),
                Check::Currency(self.currencies()),
            ),
            Field::choice(
                "kind",
                vec![
                    LineKind::Labour.label().into(),
                    LineKind::Goods.label().into(),
                ],
                usize::from(line.kind == LineKind::Goods),
            ),
            Field::choice("who pays", self.payer_options(), payer_at),
            Field::toggle("pinned (never moves)", line.pinned),
        ];
        let title = format!("Line {} · {}", line.id, line.description);
        self.overlay = Overlay::Form {
            form: Form::new(title, fields),
            purpose: Purpose::Line(i),
        };
    }

    fn open_partner_editor(&mut self) {
        let currencies = self.currencies();
        let roles = vec![
            PartnerRole::Majority.label().to_string(),
            PartnerRole::Minority.label().to_string(),
            PartnerRole::FinancialOnly.label().to_string(),
        ];
        let mut fields = Vec::new();
        for p in self.project.partners() {
            let role_at = match p.role {
                PartnerRole::Majority => 0,
                PartnerRole::Minority => 1,
                PartnerRole::FinancialOnly => 2,
            };
            fields.push(Field::text(
                format!("{} · name", p.id),
                p.name.clone(),
                Check::Name,
            ));
            fields.push(
                Field::choice(format!("{} · role", p.id), roles.clone(), role_at)
                    .with_note(p.country.as_str().to_string()),
            );
            for s in &p.financing {
                fields.push(
                    Field::text(
                        format!("{} · {} amount", p.id, s.name),
                        s.amount.normalize().to_string(),
                        Check::Amount,
                    )
                    .with_note(s.kind.label()),
                );
                fields.push(Field::text(
                    format!("{} · {} currency", p.id, s.name),
                    s.currency.as_str(),
                    Check::Currency(currencies.clone()),
                ));
            }
        }
        self.overlay = Overlay::Form {
            form: Form::new("Partners and financing", fields),
            purpose: Purpose::Partners,
        };
    }

    fn open_treaty_picker(&mut self) {
        let countries: BTreeSet<Territory> = self
            .project
            .partners()
            .iter()
            .map(|p| p.country.clone())
            .collect();
        let current = &self.project.data().coproduction;
        let inferred_now = match (current, &self.assessment.treaty.treaty_name) {
            (Coproduction::Inferred, Some(name)) => format!("now: {name}"),
            (Coproduction::Inferred, None) => "now: no treaty found".into(),
            _ => String::new(),
        };
        let mut items = vec![Item {
            key: "inferred".into(),
            label: "Official co-production, treaty chosen from the partners' countries".into(),
            detail: inferred_now,
            refused: None,
        }];
        for t in self.rules.treaties() {
            let missing: Vec<&str> = countries
                .iter()
                .filter(|c| !t.parties.iter().any(|p| &p.country == *c))
                .map(Territory::as_str)
                .collect();
            items.push(Item {
                key: t.id.clone(),
                label: t.name.clone(),
                detail: if missing.is_empty() {
                    "covers every partner's country".into()
                } else {
                    format!("does not list {}", missing.join(", "))
                },
                refused: None,
            });
        }
        items.push(Item {
            key: "creative".into(),
            label: "Creative co-production (no treaty, no official status)".into(),
            detail: String::new(),
            refused: None,
        });
        let at = match current {
            Coproduction::Inferred => 0,
            Coproduction::Creative => items.len() - 1,
            Coproduction::Treaty(id) => items.iter().position(|i| &i.key == id).unwrap_or(0),
        };
        self.overlay = Overlay::Picker {
            picker: Picker::new("Treaty or creative co-production", "treaty", items, at),
            choosing: Choosing::Treaty,
        };
    }

    fn submit_picker(&mut self) {
        let Overlay::Picker { picker, choosing } = &self.overlay else {
            return;
        };
        let key = match picker.chosen() {
            Ok(item) => item.key.clone(),
            Err(why) => {
                self.status = why.clone();
                if let Overlay::Picker { picker, .. } = &mut self.overlay {
                    picker.problem = Some(why);
                }
                return;
            }
        };
        match choosing.clone() {
            Choosing::Territory(lines) => {
                let Ok(t) = Territory::parse(&key) else {
                    return;
                };
                match self.spend_selection_in(&lines, Allocation::at(t)) {
                    None => self.overlay = Overlay::None,
                    Some(why) => {
                        if let Overlay::Picker { picker, .. } = &mut self.overlay {
                            picker.problem = Some(why);
                        }
                    }
                }
            }
            Choosing::DiffAgainst => {
                let Some(before) = key.parse::<usize>().ok() else {
                    return;
                };
                self.overlay = Overlay::Explain(explain::diff(self, before));
            }
            Choosing::Treaty => {
                let mode = match key.as_str() {
                    "inferred" => Coproduction::Inferred,
                    "creative" => Coproduction::Creative,
                    id => Coproduction::Treaty(id.to_string()),
                };
                self.overlay = Overlay::None;
                if mode == self.project.data().coproduction {
                    self.status = "Nothing changed".into();
                } else if self.commit(Edit::SetCoproduction(mode), self.scenario) {
                    self.status = match &self.assessment.treaty.treaty_name {
                        Some(name) => format!("Treaty: {name}"),
                        None => "No treaty: a creative co-production".into(),
                    };
                }
            }
        }
    }

    fn submit_form(&mut self) {
        let Overlay::Form { form, purpose } = &self.overlay else {
            return;
        };
        if let Some(problem) = form.first_problem() {
            self.status = format!("Not applied: {problem}");
            return;
        }
        let mut next: Option<Overlay> = None;
        let result = match purpose.clone() {
            Purpose::Split(lines) => {
                let parts: Vec<(Territory, crate::model::Percent)> = self
                    .project
                    .territories()
                    .iter()
                    .zip(&form.fields)
                    .map(|(t, f)| (t.clone(), editor::percent_of(f)))
                    .filter(|(_, p)| !p.points().is_zero())
                    .collect();
                match Allocation::split(parts) {
                    Ok(target) => match self.spend_selection_in(&lines, target) {
                        None => Ok(()),
                        Some(why) => Err(why),
                    },
                    Err(why) => Err(why),
                }
            }
            Purpose::Line(index) => self
                .line_edit(index, form)
                .and_then(|edit| self.apply_entry(edit, "Line updated")),
            Purpose::Partners => self
                .partner_edit(form)
                .and_then(|edit| self.apply_entry(edit, "Partners updated")),
            Purpose::SaveAs => {
                let typed = form.fields[0].text_value().trim();
                self.save_as = Some(std::path::PathBuf::from(typed));
                Ok(())
            }
            Purpose::Export => {
                let to = form.fields[0].text_value().trim().to_string();
                let pack = crate::report::Pack::ALL[form.fields[1].selected()];
                self.export(&to, pack).map(|done| self.status = done)
            }
            Purpose::Import => {
                let table = form.fields[0].text_value().trim().to_string();
                let map = form.fields[1].text_value().trim().to_string();
                self.preview_import(&table, &map).map(|preview| {
                    next = Some(preview);
                })
            }
        };
        match result {
            Ok(()) => self.overlay = next.take().unwrap_or(Overlay::None),
            Err(why) => {
                self.status = format!("Not applied: {why}");
                if let Overlay::Form { form, .. } = &mut self.overlay {
                    form.problem = Some(why);
                }
            }
        }
    }

    /// Applies an editor's entry (`None`: it changed nothing), saying `done` when it did.
    fn apply_entry(&mut self, edit: Option<Edit>, done: &str) -> Result<(), String> {
        match edit {
            None => self.status = "Nothing changed".into(),
            Some(edit) => {
                self.try_commit(edit, self.scenario)?;
                self.status = done.into();
            }
        }
        Ok(())
    }

    /// The edit a valid line form stands for, or `None` when it changes nothing.
    fn line_edit(&self, index: usize, form: &Form) -> Result<Option<Edit>, String> {
        let f = &form.fields;
        let line = &self.project.lines()[index];
        let amount = editor::parse_amount(f[0].text_value())?;
        let per_scenario = f[1].selected() == 0;
        let currency = editor::parse_currency(f[2].text_value(), &self.currencies())?;
        let kind = if f[3].selected() == 1 {
            LineKind::Goods
        } else {
            LineKind::Labour
        };
        let payer = match f[4].selected() {
            0 => None,
            n => Some(self.project.partners()[n - 1].id.clone()),
        };
        let mut new_line = line.clone();
        new_line.currency = currency;
        new_line.kind = kind;
        if kind == LineKind::Goods {
            // Fringes are labour costs: goods & services carry none.
            new_line.fringes.clear();
        }
        new_line.pinned = f[5].is_on();
        let current = self
            .scenario()
            .overrides
            .get(&line.id)
            .cloned()
            .unwrap_or_default();
        let mut ov = current.clone();
        if per_scenario {
            ov.amount = (amount != line.amount()).then_some(amount);
            ov.paid_by = if payer == line.paid_by {
                None
            } else if payer.is_none() {
                return Err(
                    "a scenario can name who pays but not unname it; choose a partner, or apply to the budget"
                        .into(),
                );
            } else {
                payer
            };
        } else {
            if amount != line.amount() {
                new_line.cost = Cost::Amount(amount);
            }
            new_line.paid_by = payer;
            ov.amount = None;
            ov.paid_by = None;
        }
        let mut edits = Vec::new();
        if ov != current {
            edits.push(Edit::SetOverrides {
                scenario: self.scenario,
                changes: vec![(line.id.clone(), Some(ov))],
            });
        }
        if &new_line != line {
            edits.push(Edit::SetLine {
                index,
                line: Box::new(new_line),
            });
        }
        Ok(Edit::all(edits))
    }

    /// The edit a valid partner form stands for, or `None` when it changes nothing.
    fn partner_edit(&self, form: &Form) -> Result<Option<Edit>, String> {
        let mut fields = form.fields.iter();
        let mut edits = Vec::new();
        let currencies = self.currencies();
        for (index, p) in self.project.partners().iter().enumerate() {
            let mut next = || fields.next().ok_or("the form lost a field".to_string());
            let mut partner = p.clone();
            partner.name = next()?.text_value().trim().to_string();
            partner.role = match next()?.selected() {
                0 => PartnerRole::Majority,
                1 => PartnerRole::Minority,
                _ => PartnerRole::FinancialOnly,
            };
            for source in &mut partner.financing {
                source.amount = editor::parse_amount(next()?.text_value())?;
                source.currency = editor::parse_currency(next()?.text_value(), &currencies)?;
            }
            if &partner != p {
                edits.push(Edit::SetPartner {
                    index,
                    partner: Box::new(partner),
                });
            }
        }
        Ok(Edit::all(edits))
    }

    fn explain(&mut self) {
        let explanation = match self.focus {
            Panel::Budget => self
                .rows
                .get(self.cursor)
                .map(|r| explain::budget_row(self, *r)),
            Panel::Territories => self
                .assessment
                .territories
                .get(self.panel_cursor(Panel::Territories))
                .map(|t| explain::territory(self, t)),
            Panel::Incentives => self
                .shown_programs()
                .get(self.panel_cursor(Panel::Incentives))
                .map(|p| explain::program(self, p)),
            Panel::Partners => self
                .assessment
                .partners
                .get(self.panel_cursor(Panel::Partners))
                .map(|p| explain::partner(self, p)),
            Panel::Goals => self
                .assessment
                .goals
                .get(self.panel_cursor(Panel::Goals))
                .map(|g| explain::goal(self, g)),
            Panel::Treaty => Some(explain::treaty(self, self.panel_cursor(Panel::Treaty))),
        };
        match explanation {
            Some(e) => self.overlay = Overlay::Explain(e),
            None => self.status = "Nothing here to explain".into(),
        }
    }

    /// Asks which scenario to diff the current one against; with one scenario there is none.
    fn open_diff_picker(&mut self) {
        let current = self.scenario;
        let items: Vec<Item> = self
            .project
            .scenarios()
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != current)
            .map(|(i, s)| {
                let a = assess(&self.project, s, &self.rules);
                Item {
                    key: i.to_string(),
                    label: s.name.clone(),
                    detail: format!(
                        "net cost {} · gap {}",
                        crate::model::format_money_dp(a.net_cost, a.currency, 0),
                        crate::model::format_money_dp(a.gap, a.currency, 0)
                    ),
                    refused: None,
                }
            })
            .collect();
        if items.is_empty() {
            self.status =
                "There is only one scenario: fork it (n), change the copy, then diff".into();
            return;
        }
        let title = format!(
            "Diff \"{}\" against",
            self.project.scenarios()[current].name
        );
        self.overlay = Overlay::Picker {
            picker: Picker::new(title, "scenario", items, 0),
            choosing: Choosing::DiffAgainst,
        };
    }

    fn open_compare(&mut self) {
        let assessments = self
            .project
            .scenarios()
            .iter()
            .map(|s| assess(&self.project, s, &self.rules))
            .collect();
        self.overlay = Overlay::Compare {
            assessments,
            scroll: 0,
        };
    }

    /// Applies `edit`, records its inverse for undo, shows scenario `then` and re-assesses.
    /// False when refused.
    fn commit(&mut self, edit: Edit, then: usize) -> bool {
        match self.try_commit(edit, then) {
            Ok(()) => true,
            Err(why) => {
                self.status = why;
                false
            }
        }
    }

    /// As `commit`, returning the reason a refused edit was refused.
    fn try_commit(&mut self, edit: Edit, then: usize) -> Result<(), String> {
        if let Some(why) = &self.read_only {
            return Err(format!("Read-only: {why}"));
        }
        let inverse = self.project.apply(&edit).map_err(|e| e.message)?;
        self.revision += 1;
        self.structural = edit.is_structural();
        self.undo.push(Step {
            edit: inverse,
            scenario_before: self.scenario,
            scenario_after: then,
        });
        self.redo.clear();
        self.unsaved += 1;
        self.scenario = then;
        self.reassess(true);
        Ok(())
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
                self.revision += 1;
                self.structural = step.edit.is_structural();
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
        if !self.filter.is_empty() {
            // Where lines are spent is part of what the filter matches.
            let at = self.rows.get(self.cursor).copied();
            self.rebuild_rows(at);
        }
        for panel in Panel::ALL.into_iter().skip(1) {
            let last = self.panel_len(panel).saturating_sub(1);
            let c = &mut self.panel_cursor[panel.index()];
            *c = (*c).min(last);
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// On the export form, what the chosen pack holds, beside it.
fn note_pack(form: &mut Form, purpose: &Purpose) {
    if *purpose == Purpose::Export
        && let Some(field) = form.fields.get_mut(1)
    {
        field.note = crate::report::Pack::ALL[field.selected()]
            .short()
            .to_string();
    }
}
