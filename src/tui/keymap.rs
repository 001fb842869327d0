//! Key bindings as data: one table of (mode, key) → (action, description). The hint bar and
//! the help screen are generated from it, so they can never drift from what the keys do. A
//! key file (`keys.ron` in the config directory) replaces the keys of any action.

use super::action::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Which part of the workbench has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
pub enum Mode {
    /// The main screen.
    Workbench,
    /// An editor, a picker or the filter line: typed characters go into the entry.
    Editor,
    /// A view over the workbench (an explanation, the scenario comparison).
    Viewer,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Workbench, Mode::Editor, Mode::Viewer];

    pub fn label(self) -> &'static str {
        match self {
            Mode::Workbench => "Workbench",
            Mode::Editor => "Editors and pickers",
            Mode::Viewer => "Explanations and the comparison",
        }
    }
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    /// Reads a key as the help writes it: `j`, `>`, `Enter`, `Space`, `Tab`, `Shift-Tab`,
    /// `Esc`, `Up`, `Down`, `Left`, `Right`, `PageUp`, `PageDown`, `Backspace`, `F1`…`F12`,
    /// `Ctrl-s`.
    pub fn parse(text: &str) -> Result<Key, String> {
        let (modifiers, rest) = match text.strip_prefix("Ctrl-") {
            Some(rest) if !rest.is_empty() => (KeyModifiers::CONTROL, rest),
            _ => (KeyModifiers::NONE, text),
        };
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest {
                "Enter" => KeyCode::Enter,
                "Space" => KeyCode::Char(' '),
                "Tab" => KeyCode::Tab,
                "Shift-Tab" => KeyCode::BackTab,
                "Esc" => KeyCode::Esc,
                "Up" => KeyCode::Up,
                "Down" => KeyCode::Down,
                "Left" => KeyCode::Left,
                "Right" => KeyCode::Right,
                "PageUp" => KeyCode::PageUp,
                "PageDown" => KeyCode::PageDown,
                "Home" => KeyCode::Home,
                "End" => KeyCode::End,
                "Backspace" => KeyCode::Backspace,
                f if f.starts_with('F')
                    && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
                {
                    KeyCode::F(f[1..].parse().unwrap_or(1))
                }
                _ => {
                    return Err(format!(
                        "\"{text}\" is not a key; write a character (\"j\", \">\"), a name (Enter, Space, Tab, Shift-Tab, Esc, Up, Down, Left, Right, PageUp, PageDown, Home, End, Backspace, F1–F12) or Ctrl- and a character (\"Ctrl-s\")"
                    ));
                }
            },
        };
        Ok(Key { code, modifiers })
    }

    /// How the key is written in the hint bar and help: `>`, `Enter`, `Ctrl-s`.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }

    /// Whether `event` is this key. Shifted characters (`>`, `?`) match whatever modifiers
    /// the terminal reports with them.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        self.code == event.code
            && (self.modifiers == event.modifiers
                || (matches!(self.code, KeyCode::Char(_) | KeyCode::BackTab)
                    && self.modifiers.is_empty()
                    && event.modifiers == KeyModifiers::SHIFT))
    }
}

/// One binding: in a mode, a key performs an action; the help says what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub mode: Mode,
    pub key: Key,
    pub action: Action,
    pub description: &'static str,
    /// The word the always-visible hint bar shows, for the keys it lists.
    pub hint: Option<&'static str>,
}

/// The bindings in force: the built-in table with the key file's replacements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

use Action as A;
use KeyCode as K;
use Mode::{Editor as E, Viewer as V, Workbench as W};

/// The built-in table, in the order the help lists it.
const DEFAULT: &[(Mode, Key, Action, &str, Option<&str>)] = &[
    (
        W,
        Key::plain(K::Char('j')),
        A::CursorDown,
        "move the cursor down",
        None,
    ),
    (
        W,
        Key::plain(K::Down),
        A::CursorDown,
        "move the cursor down",
        None,
    ),
    (
        W,
        Key::plain(K::Char('k')),
        A::CursorUp,
        "move the cursor up",
        None,
    ),
    (
        W,
        Key::plain(K::Up),
        A::CursorUp,
        "move the cursor up",
        None,
    ),
    (W, Key::plain(K::PageDown), A::PageDown, "a page down", None),
    (W, Key::plain(K::PageUp), A::PageUp, "a page up", None),
    (
        W,
        Key::plain(K::Char('l')),
        A::FocusNext,
        "focus the next panel",
        Some("panel"),
    ),
    (
        W,
        Key::plain(K::Right),
        A::FocusNext,
        "focus the next panel",
        None,
    ),
    (
        W,
        Key::plain(K::Char('h')),
        A::FocusPrevious,
        "focus the previous panel",
        None,
    ),
    (
        W,
        Key::plain(K::Left),
        A::FocusPrevious,
        "focus the previous panel",
        None,
    ),
    (
        W,
        Key::plain(K::Enter),
        A::ToggleExpand,
        "expand or collapse a category or account; elsewhere, explain",
        Some("expand"),
    ),
    (
        W,
        Key::plain(K::Char(' ')),
        A::ToggleMark,
        "mark a line, to move several at once",
        Some("mark"),
    ),
    (
        W,
        Key::plain(K::Char('>')),
        A::MoveNext,
        "spend the selection in the next territory",
        Some("move→"),
    ),
    (
        W,
        Key::plain(K::Char('<')),
        A::MovePrevious,
        "spend the selection in the previous territory",
        Some("move←"),
    ),
    (
        W,
        Key::plain(K::Char('m')),
        A::PickTerritory,
        "choose where the selection is spent",
        Some("move to"),
    ),
    (
        W,
        Key::plain(K::Char('s')),
        A::EditSplit,
        "split the selection between territories",
        Some("split"),
    ),
    (
        W,
        Key::plain(K::Char('e')),
        A::EditLine,
        "edit the line: amount, currency, kind, who pays, pinned",
        Some("edit"),
    ),
    (
        W,
        Key::plain(K::Char('p')),
        A::EditPartners,
        "edit the partners and their financing",
        Some("partners"),
    ),
    (
        W,
        Key::plain(K::Char('t')),
        A::ChooseTreaty,
        "choose the treaty, or a creative co-production",
        Some("treaty"),
    ),
    (
        W,
        Key::plain(K::Char('x')),
        A::Explain,
        "explain the figure under the cursor",
        Some("explain"),
    ),
    (
        W,
        Key::plain(K::Char('c')),
        A::Compare,
        "compare the scenarios side by side",
        Some("compare"),
    ),
    (
        W,
        Key::plain(K::Char('d')),
        A::Diff,
        "diff this scenario against another: lines and figures",
        Some("diff"),
    ),
    (
        W,
        Key::plain(K::Char('o')),
        A::Optimise,
        "optimise: the placement keeping the most incentives",
        Some("optimise"),
    ),
    (
        W,
        Key::plain(K::Char('i')),
        A::Import,
        "import budget lines from a table (CSV, TSV, XLSX, ODS)",
        Some("import"),
    ),
    (
        W,
        Key::plain(K::Char('w')),
        A::Export,
        "write this scenario for a financier: workbook, CSV, Markdown",
        Some("export"),
    ),
    (
        W,
        Key::plain(K::Char('/')),
        A::Filter,
        "show only the budget lines matching a text",
        Some("filter"),
    ),
    (
        W,
        Key::plain(K::Char('u')),
        A::Undo,
        "undo the last change",
        Some("undo"),
    ),
    (
        W,
        Key::ctrl('r'),
        A::Redo,
        "redo what was undone",
        Some("redo"),
    ),
    (
        W,
        Key::plain(K::Tab),
        A::NextScenario,
        "switch to the next scenario",
        Some("scenario"),
    ),
    (
        W,
        Key::plain(K::Char('n')),
        A::ForkScenario,
        "fork the scenario under a new name",
        Some("fork"),
    ),
    (
        W,
        Key::ctrl('s'),
        A::Save,
        "save the project (atomically)",
        Some("save"),
    ),
    (
        W,
        Key::plain(K::Char('?')),
        A::Help,
        "show every key",
        Some("help"),
    ),
    (
        W,
        Key::plain(K::Char('q')),
        A::Quit,
        "quit (asks when there are unsaved changes)",
        Some("quit"),
    ),
    (
        E,
        Key::plain(K::Enter),
        A::Confirm,
        "apply the entry (only when it is valid)",
        Some("apply"),
    ),
    (
        E,
        Key::plain(K::Esc),
        A::Cancel,
        "leave, changing nothing",
        Some("cancel"),
    ),
    (
        E,
        Key::plain(K::Tab),
        A::NextField,
        "next field or item",
        Some("next"),
    ),
    (
        E,
        Key::plain(K::Down),
        A::NextField,
        "next field or item",
        None,
    ),
    (
        E,
        Key::plain(K::BackTab),
        A::PreviousField,
        "previous field or item",
        None,
    ),
    (
        E,
        Key::plain(K::Up),
        A::PreviousField,
        "previous field or item",
        None,
    ),
    (
        E,
        Key::plain(K::Right),
        A::NextOption,
        "next option of a choice",
        Some("option"),
    ),
    (
        E,
        Key::plain(K::Left),
        A::PreviousOption,
        "previous option of a choice",
        None,
    ),
    (
        E,
        Key::plain(K::Backspace),
        A::DeleteBack,
        "delete the last character",
        None,
    ),
    (
        V,
        Key::plain(K::Char('j')),
        A::CursorDown,
        "scroll down",
        None,
    ),
    (
        V,
        Key::plain(K::Down),
        A::CursorDown,
        "scroll down",
        Some("scroll"),
    ),
    (V, Key::plain(K::Char('k')), A::CursorUp, "scroll up", None),
    (V, Key::plain(K::Up), A::CursorUp, "scroll up", None),
    (V, Key::plain(K::PageDown), A::PageDown, "a page down", None),
    (V, Key::plain(K::PageUp), A::PageUp, "a page up", None),
    (V, Key::plain(K::Esc), A::Cancel, "close", Some("close")),
    (
        V,
        Key::plain(K::Enter),
        A::Confirm,
        "adopt the optimiser's proposal as a new scenario",
        None,
    ),
    (V, Key::plain(K::Char('q')), A::Cancel, "close", None),
    (V, Key::plain(K::Char('x')), A::Cancel, "close", None),
    (V, Key::plain(K::Char('c')), A::Cancel, "close", None),
    (V, Key::plain(K::Char('?')), A::Cancel, "close", None),
];

/// What a key file holds: for each mode, the keys that replace an action's built-in ones.
///
/// ```ron
/// (
///     workbench: { MoveNext: ["]", ">"], MovePrevious: ["[", "<"], Quit: ["Ctrl-q"] },
/// )
/// ```
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFile {
    #[serde(default)]
    pub workbench: BTreeMap<Action, Vec<String>>,
    #[serde(default)]
    pub editor: BTreeMap<Action, Vec<String>>,
    #[serde(default)]
    pub viewer: BTreeMap<Action, Vec<String>>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: DEFAULT
                .iter()
                .map(|&(mode, key, action, description, hint)| Binding {
                    mode,
                    key,
                    action,
                    description,
                    hint,
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// The built-in table with `file`'s replacements. An action named in the file loses its
    /// built-in keys in that mode and gets the listed ones; a key cannot do two things in one
    /// mode.
    pub fn with_overrides(file: &KeyFile) -> Result<Keymap, String> {
        let mut map = Keymap::default();
        for (mode, table) in [
            (Mode::Workbench, &file.workbench),
            (Mode::Editor, &file.editor),
            (Mode::Viewer, &file.viewer),
        ] {
            for (action, keys) in table {
                let Some(template) = map
                    .bindings
                    .iter()
                    .find(|b| b.mode == mode && b.action == *action)
                    .cloned()
                else {
                    return Err(format!(
                        "{action:?} is not an action of the {} keys",
                        mode.label().to_lowercase()
                    ));
                };
                let at = map
                    .bindings
                    .iter()
                    .position(|b| b.mode == mode && b.action == *action)
                    .unwrap_or(0);
                map.bindings
                    .retain(|b| !(b.mode == mode && b.action == *action));
                let mut fresh = Vec::with_capacity(keys.len());
                for (i, text) in keys.iter().enumerate() {
                    let key = Key::parse(text)?;
                    fresh.push(Binding {
                        key,
                        hint: if i == 0 { template.hint } else { None },
                        ..template.clone()
                    });
                }
                map.bindings.splice(at..at, fresh);
            }
            // A key listed for an action takes it from whatever had it built in.
            let mut seen: Vec<Key> = Vec::new();
            let overridden: Vec<Key> = table
                .values()
                .flatten()
                .filter_map(|t| Key::parse(t).ok())
                .collect();
            let mut clash = None;
            map.bindings.retain(|b| {
                if b.mode != mode {
                    return true;
                }
                let named = table.contains_key(&b.action);
                if overridden.contains(&b.key) && !named {
                    return false;
                }
                if named && seen.contains(&b.key) {
                    clash = Some(b.key.label());
                }
                if named {
                    seen.push(b.key);
                }
                true
            });
            if let Some(key) = clash {
                return Err(format!(
                    "{key} is given to two actions of the {} keys; give each key one action",
                    mode.label().to_lowercase()
                ));
            }
        }
        Ok(map)
    }

    /// The action bound to `event` in `mode`, if any.
    pub fn action_for(&self, mode: Mode, event: KeyEvent) -> Option<Action> {
        self.bindings
            .iter()
            .find(|b| b.mode == mode && b.key.matches(&event))
            .map(|b| b.action)
    }

    /// The bindings of one mode, in table order.
    pub fn in_mode(&self, mode: Mode) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.mode == mode)
    }

    /// How the first key of `action` in `mode` is written, for messages ("press e to edit").
    pub fn label_of(&self, mode: Mode, action: Action) -> String {
        self.in_mode(mode)
            .find(|b| b.action == action)
            .map(|b| b.key.label())
            .unwrap_or_else(|| "(no key)".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn keys_find_their_actions_in_their_mode() {
        let map = Keymap::default();
        let shift_gt = event(KeyCode::Char('>'), KeyModifiers::SHIFT);
        assert_eq!(map.action_for(Mode::Workbench, shift_gt), Some(A::MoveNext));
        let ctrl_s = event(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(map.action_for(Mode::Workbench, ctrl_s), Some(A::Save));
        let plain_s = event(KeyCode::Char('s'), KeyModifiers::NONE);
        assert_eq!(map.action_for(Mode::Workbench, plain_s), Some(A::EditSplit));
        assert_eq!(map.action_for(Mode::Editor, plain_s), None);
        let esc = event(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(map.action_for(Mode::Editor, esc), Some(A::Cancel));
        assert_eq!(map.label_of(Mode::Workbench, A::Redo), "Ctrl-r");
    }

    #[test]
    fn every_action_has_a_key() {
        let map = Keymap::default();
        for action in [
            A::CursorDown,
            A::CursorUp,
            A::PageDown,
            A::PageUp,
            A::FocusNext,
            A::FocusPrevious,
            A::ToggleExpand,
            A::ToggleMark,
            A::MoveNext,
            A::MovePrevious,
            A::PickTerritory,
            A::EditSplit,
            A::EditLine,
            A::EditPartners,
            A::ChooseTreaty,
            A::Explain,
            A::Compare,
            A::Diff,
            A::Optimise,
            A::Import,
            A::Export,
            A::Filter,
            A::Undo,
            A::Redo,
            A::NextScenario,
            A::ForkScenario,
            A::Save,
            A::Help,
            A::Quit,
            A::Confirm,
            A::Cancel,
            A::NextField,
            A::PreviousField,
            A::NextOption,
            A::PreviousOption,
            A::DeleteBack,
        ] {
            assert!(
                map.bindings.iter().any(|b| b.action == action),
                "{action:?} has no key"
            );
        }
    }

    #[test]
    fn a_key_file_replaces_an_actions_keys_and_takes_the_key_from_others() {
        let file: KeyFile =
            ron::from_str(r#"(workbench: { MoveNext: ["]", "l"], Quit: ["Ctrl-q"] })"#).unwrap();
        let map = Keymap::with_overrides(&file).unwrap();
        let w = |c, m| map.action_for(Mode::Workbench, event(c, m));
        assert_eq!(w(KeyCode::Char(']'), KeyModifiers::NONE), Some(A::MoveNext));
        // `l` was focus-next; the file gave it to MoveNext
        assert_eq!(w(KeyCode::Char('l'), KeyModifiers::NONE), Some(A::MoveNext));
        assert_eq!(w(KeyCode::Char('>'), KeyModifiers::SHIFT), None);
        assert_eq!(w(KeyCode::Char('q'), KeyModifiers::NONE), None);
        assert_eq!(w(KeyCode::Char('q'), KeyModifiers::CONTROL), Some(A::Quit));
        // focus-next keeps its arrow
        assert_eq!(w(KeyCode::Right, KeyModifiers::NONE), Some(A::FocusNext));
        // the hint bar still lists MoveNext, under its first new key
        let hinted = map
            .in_mode(Mode::Workbench)
            .find(|b| b.action == A::MoveNext && b.hint.is_some())
            .unwrap();
        assert_eq!(hinted.key.label(), "]");
    }

    #[test]
    fn bad_key_files_are_refused_with_what_to_write() {
        let file: KeyFile = ron::from_str(r#"(workbench: { Save: ["Hyper-s"] })"#).unwrap();
        let err = Keymap::with_overrides(&file).unwrap_err();
        assert!(err.contains("\"Hyper-s\" is not a key"), "{err}");
        let file: KeyFile = ron::from_str(r#"(workbench: { Save: ["z"], Quit: ["z"] })"#).unwrap();
        let err = Keymap::with_overrides(&file).unwrap_err();
        assert!(err.contains("z is given to two actions"), "{err}");
        let file: KeyFile = ron::from_str(r#"(viewer: { Save: ["z"] })"#).unwrap();
        let err = Keymap::with_overrides(&file).unwrap_err();
        assert!(
            err.contains("Save is not an action of the explanations"),
            "{err}"
        );
        assert!(ron::from_str::<KeyFile>(r#"(workbench: { Launch: ["z"] })"#).is_err());
    }

    #[test]
    fn keys_read_as_they_are_written() {
        for text in [
            "j",
            ">",
            "Enter",
            "Space",
            "Shift-Tab",
            "Ctrl-s",
            "F5",
            "PageDown",
        ] {
            let key = Key::parse(text).unwrap();
            let again = Key::parse(&match key.label().as_str() {
                "PgDn" => "PageDown".to_string(),
                other => other.to_string(),
            })
            .unwrap();
            assert_eq!(key, again, "{text}");
        }
    }
}
