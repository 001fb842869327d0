//! Key bindings as data: one table of (key, action, description). The hint bar and the help
//! screen are generated from it, so they can never drift from what the keys do.

use super::action::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One binding: a key (with modifiers), the action it performs, and what the help says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
    pub action: Action,
    /// Shown in the hint bar (short) and the help screen.
    pub description: &'static str,
    /// The word the always-visible hint bar shows, for the keys it lists.
    pub hint: Option<&'static str>,
}

const fn key(
    code: KeyCode,
    action: Action,
    description: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        code,
        modifiers: KeyModifiers::NONE,
        action,
        description,
        hint,
    }
}

const fn ctrl(
    c: char,
    action: Action,
    description: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
        action,
        description,
        hint,
    }
}

/// The built-in bindings, in the order the help screen lists them.
pub const DEFAULT: &[Binding] = &[
    key(
        KeyCode::Char('j'),
        Action::CursorDown,
        "move the cursor down",
        None,
    ),
    key(
        KeyCode::Down,
        Action::CursorDown,
        "move the cursor down",
        None,
    ),
    key(
        KeyCode::Char('k'),
        Action::CursorUp,
        "move the cursor up",
        None,
    ),
    key(KeyCode::Up, Action::CursorUp, "move the cursor up", None),
    key(
        KeyCode::Enter,
        Action::ToggleExpand,
        "expand or collapse a category or account",
        Some("expand"),
    ),
    key(
        KeyCode::Char(' '),
        Action::ToggleMark,
        "mark a line, to move several at once",
        Some("mark"),
    ),
    key(
        KeyCode::Char('>'),
        Action::MoveNext,
        "spend the selection in the next territory",
        Some("move→"),
    ),
    key(
        KeyCode::Char('<'),
        Action::MovePrevious,
        "spend the selection in the previous territory",
        Some("move←"),
    ),
    key(
        KeyCode::Char('u'),
        Action::Undo,
        "undo the last change",
        Some("undo"),
    ),
    ctrl('r', Action::Redo, "redo what was undone", Some("redo")),
    key(
        KeyCode::Tab,
        Action::NextScenario,
        "switch to the next scenario",
        Some("scenario"),
    ),
    key(
        KeyCode::Char('n'),
        Action::ForkScenario,
        "fork the scenario under a new name",
        Some("fork"),
    ),
    ctrl(
        's',
        Action::Save,
        "save the project (atomically)",
        Some("save"),
    ),
    key(
        KeyCode::Char('?'),
        Action::Help,
        "show every key",
        Some("help"),
    ),
    key(
        KeyCode::Char('q'),
        Action::Quit,
        "quit (asks when there are unsaved changes)",
        Some("quit"),
    ),
];

/// The action bound to `event`, if any. Shifted characters (`>`, `?`) match whatever
/// modifiers the terminal reports with them.
pub fn action_for(bindings: &[Binding], event: KeyEvent) -> Option<Action> {
    bindings
        .iter()
        .find(|b| {
            b.code == event.code
                && (b.modifiers == event.modifiers
                    || (matches!(b.code, KeyCode::Char(_))
                        && b.modifiers.is_empty()
                        && event.modifiers == KeyModifiers::SHIFT))
        })
        .map(|b| b.action)
}

/// How a key is written in the hint bar and help: `>`, `Enter`, `Ctrl-s`.
pub fn key_label(b: &Binding) -> String {
    let base = match b.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Esc => "Esc".into(),
        other => format!("{other:?}"),
    };
    if b.modifiers.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_find_their_actions() {
        let shift_gt = KeyEvent::new(KeyCode::Char('>'), KeyModifiers::SHIFT);
        assert_eq!(action_for(DEFAULT, shift_gt), Some(Action::MoveNext));
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(action_for(DEFAULT, ctrl_s), Some(Action::Save));
        let plain_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE);
        assert_eq!(action_for(DEFAULT, plain_s), None);
        assert_eq!(key_label(&DEFAULT[9]), "Ctrl-r");
    }

    #[test]
    fn every_action_has_a_key() {
        use Action::*;
        for action in [
            CursorDown,
            CursorUp,
            ToggleExpand,
            ToggleMark,
            MoveNext,
            MovePrevious,
            Undo,
            Redo,
            NextScenario,
            ForkScenario,
            Save,
            Help,
            Quit,
        ] {
            assert!(
                DEFAULT.iter().any(|b| b.action == action),
                "{action:?} has no key"
            );
        }
    }
}
