//! The workbench without a terminal: feed actions, check the project and the assessment.

use coprod::model::Territory;
use coprod::rules::RuleBook;
use coprod::tui::action::Action;
use coprod::tui::app::App;
use coprod::tui::rows::Row;

mod common;

fn app() -> App {
    App::new(
        common::sample("ca-fr-feature.ron"),
        RuleBook::embedded().expect("rules"),
    )
}

/// Puts the cursor on the first line that can move to the next territory.
fn cursor_on_movable_line(app: &mut App) -> usize {
    loop {
        if let Some(Row::Line(i)) = app.rows().get(app.cursor()) {
            let line = &app.project().lines()[*i];
            let from = app.allocation(*i).parts()[0].0.clone();
            if app.allocation(*i).single().is_some()
                && line
                    .may_move_to(&app.project().neighbour_territory(&from, 1))
                    .is_ok()
            {
                return *i;
            }
        }
        let before = app.cursor();
        app.perform(Action::CursorDown);
        assert_ne!(before, app.cursor(), "no movable line in the sample");
    }
}

fn spend(app: &App, territory: &Territory) -> rust_decimal::Decimal {
    app.assessment()
        .territories
        .iter()
        .find(|t| &t.territory == territory)
        .unwrap()
        .total
}

#[test]
fn a_move_changes_the_territory_totals_and_undo_restores_everything() {
    let mut app = app();
    let original = app.project().data().clone();
    let budget = app.assessment().budget_total;
    let line = cursor_on_movable_line(&mut app);
    let from = app.allocation(line).single().unwrap().clone();
    let to = app.project().neighbour_territory(&from, 1);
    let (from_before, to_before) = (spend(&app, &from), spend(&app, &to));

    app.perform(Action::MoveNext);
    assert!(app.status.starts_with("Moved 1 line to"), "{}", app.status);
    assert_eq!(app.allocation(line).single(), Some(&to));
    let moved = from_before - spend(&app, &from);
    assert!(moved > rust_decimal::Decimal::ZERO);
    assert_eq!(
        spend(&app, &to) - to_before,
        moved,
        "what leaves one territory arrives in the other"
    );
    assert_eq!(
        app.assessment().budget_total,
        budget,
        "moving never changes the budget"
    );
    assert!(
        app.before().is_some(),
        "the previous assessment is kept to show changes"
    );
    assert_eq!(app.unsaved, 1);

    app.perform(Action::Undo);
    assert_eq!(app.project().data(), &original);
    assert_eq!(spend(&app, &from), from_before);
    assert_eq!(app.unsaved, 0);
    app.perform(Action::Redo);
    assert_eq!(app.allocation(line).single(), Some(&to));
}

#[test]
fn pinned_lines_refuse_to_move_and_say_why() {
    let mut app = app();
    let pinned = app
        .project()
        .lines()
        .iter()
        .position(|l| l.pinned)
        .expect("the sample pins a line");
    while app.rows().get(app.cursor()) != Some(&Row::Line(pinned)) {
        app.perform(Action::CursorDown);
    }
    let original = app.project().data().clone();
    app.perform(Action::MoveNext);
    assert!(app.status.contains("pinned"), "{}", app.status);
    assert_eq!(app.project().data(), &original);
    assert_eq!(app.unsaved, 0);
}

#[test]
fn marked_lines_move_together() {
    let mut app = app();
    let first = cursor_on_movable_line(&mut app);
    app.perform(Action::ToggleMark);
    app.perform(Action::CursorDown);
    let second = cursor_on_movable_line(&mut app);
    app.perform(Action::ToggleMark);
    assert_eq!(app.marked().len(), 2);
    app.perform(Action::MoveNext);
    assert!(app.status.starts_with("Moved 2 lines"), "{}", app.status);
    assert_eq!(
        app.allocation(first).single(),
        app.allocation(second).single()
    );
    // one undo takes the whole move back
    app.perform(Action::Undo);
    assert_eq!(app.unsaved, 0);
}

#[test]
fn collapsing_a_category_hides_its_rows() {
    let mut app = app();
    let all = app.rows().len();
    assert!(matches!(app.rows()[0], Row::Category(_)));
    app.perform(Action::ToggleExpand);
    assert!(app.rows().len() < all);
    app.perform(Action::ToggleExpand);
    assert_eq!(app.rows().len(), all);
}

#[test]
fn forking_a_scenario_switches_to_the_copy_and_undo_removes_it() {
    let mut app = app();
    let count = app.project().scenarios().len();
    let name = app.scenario().name.clone();
    app.perform(Action::ForkScenario);
    assert_eq!(app.project().scenarios().len(), count + 1);
    assert_eq!(app.scenario().name, format!("{name} (2)"));
    app.perform(Action::Undo);
    assert_eq!(app.project().scenarios().len(), count);
    app.perform(Action::NextScenario);
    assert_ne!(app.scenario().name, name);
}
