//! What a person can ask the workbench to do. Keys map to these (see the keymap); tests and
//! scripts can send them directly.

/// A request to the workbench.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Move the cursor one row down.
    CursorDown,
    /// Move the cursor one row up.
    CursorUp,
    /// Expand or collapse the category or account under the cursor.
    ToggleExpand,
    /// Mark or unmark the line under the cursor, to move several at once.
    ToggleMark,
    /// Spend the selection in the next territory of the project.
    MoveNext,
    /// Spend the selection in the previous territory of the project.
    MovePrevious,
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
}
