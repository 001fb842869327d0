//! Colours as named styles. Only the 16 basic colours are used, so every terminal shows them;
//! with NO_COLOR set, the plain theme uses bold, dim and reverse instead.

use ratatui::style::{Color, Modifier, Style};

/// The styles every view draws with.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub cursor: Style,
    pub good: Style,
    pub bad: Style,
    pub warn: Style,
    pub up: Style,
    pub down: Style,
    pub hint_key: Style,
}

impl Theme {
    pub const DARK: Theme = Theme {
        text: Style::new(),
        dim: Style::new().fg(Color::DarkGray),
        title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        cursor: Style::new().add_modifier(Modifier::REVERSED),
        good: Style::new().fg(Color::Green),
        bad: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        warn: Style::new().fg(Color::Yellow),
        up: Style::new().fg(Color::Green),
        down: Style::new().fg(Color::Red),
        hint_key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    };

    pub const PLAIN: Theme = Theme {
        text: Style::new(),
        dim: Style::new().add_modifier(Modifier::DIM),
        title: Style::new().add_modifier(Modifier::BOLD),
        cursor: Style::new().add_modifier(Modifier::REVERSED),
        good: Style::new(),
        bad: Style::new().add_modifier(Modifier::BOLD),
        warn: Style::new().add_modifier(Modifier::UNDERLINED),
        up: Style::new(),
        down: Style::new().add_modifier(Modifier::BOLD),
        hint_key: Style::new().add_modifier(Modifier::BOLD),
    };

    /// The plain theme when NO_COLOR is set (any value), else the dark one.
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::PLAIN,
            _ => Theme::DARK,
        }
    }
}
