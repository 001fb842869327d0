//! Colours as named styles. Only the 16 basic colours are used, so every terminal shows them.
//! A dark theme (the default) and a light one for light backgrounds; with NO_COLOR set, the
//! plain theme uses bold, dim, underline and reverse instead of colour.

use ratatui::style::{Color, Modifier, Style};

/// The styles every view draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    /// The frame and title of the focused panel.
    pub focus: Style,
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
        focus: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        cursor: Style::new().add_modifier(Modifier::REVERSED),
        good: Style::new().fg(Color::Green),
        bad: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        warn: Style::new().fg(Color::Yellow),
        up: Style::new().fg(Color::Green),
        down: Style::new().fg(Color::Red),
        hint_key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    };

    /// For light backgrounds: no yellow or cyan text, which fade on white.
    pub const LIGHT: Theme = Theme {
        text: Style::new(),
        dim: Style::new().fg(Color::DarkGray),
        title: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
        focus: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
        cursor: Style::new().add_modifier(Modifier::REVERSED),
        good: Style::new().fg(Color::Green),
        bad: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        warn: Style::new().fg(Color::Magenta),
        up: Style::new().fg(Color::Green),
        down: Style::new().fg(Color::Red),
        hint_key: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
    };

    pub const PLAIN: Theme = Theme {
        text: Style::new(),
        dim: Style::new().add_modifier(Modifier::DIM),
        title: Style::new().add_modifier(Modifier::BOLD),
        focus: Style::new().add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
        cursor: Style::new().add_modifier(Modifier::REVERSED),
        good: Style::new(),
        bad: Style::new().add_modifier(Modifier::BOLD),
        warn: Style::new().add_modifier(Modifier::UNDERLINED),
        up: Style::new(),
        down: Style::new().add_modifier(Modifier::BOLD),
        hint_key: Style::new().add_modifier(Modifier::BOLD),
    };

    /// The theme named `choice` (`dark`, `light`, `plain`), else `COPROD_THEME`, else dark;
    /// NO_COLOR (any non-empty value) always wins with the plain theme.
    pub fn choose(choice: Option<&str>, no_color: bool) -> Result<Theme, String> {
        if no_color {
            return Ok(Theme::PLAIN);
        }
        match choice {
            None | Some("dark") => Ok(Theme::DARK),
            Some("light") => Ok(Theme::LIGHT),
            Some("plain") => Ok(Theme::PLAIN),
            Some(other) => Err(format!(
                "there is no theme \"{other}\"; choose dark, light or plain"
            )),
        }
    }

    /// As `choose`, reading `COPROD_THEME` and `NO_COLOR` when no theme was asked for.
    pub fn from_env(choice: Option<&str>) -> Result<Theme, String> {
        let env = std::env::var("COPROD_THEME").ok();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::choose(choice.or(env.as_deref()), no_color)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_wins_and_unknown_themes_are_named() {
        assert_eq!(Theme::choose(Some("light"), true), Ok(Theme::PLAIN));
        assert_eq!(Theme::choose(Some("light"), false), Ok(Theme::LIGHT));
        assert_eq!(Theme::choose(None, false), Ok(Theme::DARK));
        assert!(
            Theme::choose(Some("neon"), false)
                .unwrap_err()
                .contains("no theme \"neon\"")
        );
    }
}
