//! What a person can ask the workbench to do. Keys map to these (see the keymap); tests and
//! scripts can send them directly.

use serde::Deserialize;

/// A request to the workbench. The names are the ones a key file uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
pub enum Action {
    /// Move the cursor one row down.
    CursorDown,
    /// Move the cursor one row up.
    CursorUp,
    /// Move the cursor a page down.
    PageDown,
    /// Move the cursor a page up.
    PageUp,
    /// Focus the next panel (budget, territories, incentives, partners, treaty).
    FocusNext,
    /// Focus the previous panel.
    FocusPrevious,
    /// Expand or collapse the category or account under the cursor.
    ToggleExpand,
    /// Mark or unmark the line under the cursor, to move several at once.
    ToggleMark,
    /// Spend the selection in the next territory of the project.
    MoveNext,
    /// Spend the selection in the previous territory of the project.
    MovePrevious,
    /// Choose the territory the selection is spent in from a list.
    PickTerritory,
    /// Split the selection between territories by percentage.
    EditSplit,
    /// Edit the line under the cursor: amount, currency, kind, who pays, pinned.
    EditLine,
    /// Edit the partners and their financing.
    EditPartners,
    /// Choose the treaty, or a creative co-production.
    ChooseTreaty,
    /// Explain the figure under the cursor: rule, arithmetic, source.
    Explain,
    /// Show every scenario side by side.
    Compare,
    /// Compare this scenario with another: which lines differ and what it does to every figure.
    Diff,
    /// Find where the movable lines keep the most incentives while every check and goal
    /// holds, and offer it as a new scenario.
    Optimise,
    /// Read budget lines from a table (CSV, TSV, XLSX, ODS) into the project.
    Import,
    /// Write the scenario on screen for a financier: workbook, CSV, Markdown, in a pack.
    Export,
    /// Show only the budget lines that match a text.
    Filter,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Switch to the next scenario.
    NextScenario,
    /// Fork the current scenario under a new name.
    ForkScenario,
    /// Save the project to its file (atomically).
    Save,
    /// Show or hide the list of keys.
    Help,
    /// Leave the workbench (asks first when there are unsaved changes).
    Quit,
    /// In an editor: apply the entry (only when it is valid).
    Confirm,
    /// In an editor or a view: leave it, changing nothing.
    Cancel,
    /// In an editor: the next field.
    NextField,
    /// In an editor: the previous field.
    PreviousField,
    /// In an editor: the next option of a choice.
    NextOption,
    /// In an editor: the previous option of a choice.
    PreviousOption,
    /// In an editor: delete the character before the cursor.
    DeleteBack,
}
