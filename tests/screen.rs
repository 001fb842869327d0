//! The workbench drawn into a test terminal at the sizes the issue names.

use coprod::rules::RuleBook;
use coprod::tui::action::Action;
use coprod::tui::app::App;
use coprod::tui::{theme::Theme, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod common;

fn app() -> App {
    App::new(
        common::sample("ca-fr-feature.ron"),
        RuleBook::embedded().expect("rules"),
    )
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal
        .draw(|f| view::draw(f, app, &Theme::PLAIN))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_whole_picture_fits_at_160_by_48_and_100_by_30() {
    let mut app = app();
    for _ in 0..3 {
        app.perform(Action::CursorDown);
    }
    for (w, h) in [(160, 48), (100, 30)] {
        let text = screen(&app, w, h);
        if std::env::var_os("COPROD_PRINT_SCREEN").is_some() {
            println!("{text}");
        }
        for must in [
            "Budget",
            "Spend by territory",
            "Incentives",
            "Partners",
            "Canada–France",
            "Ctrl-s save",
            "? help",
            "q quit",
            "gap",
        ] {
            assert!(text.contains(must), "{w}×{h} lacks {must:?}:\n{text}");
        }
    }
}
