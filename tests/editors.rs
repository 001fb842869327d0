//! The workbench's editors, pickers and views, driven by key events as a person would type
//! them: entries are checked as they are typed, nothing changes until an entry is valid, Esc
//! leaves the project untouched, and every applied change is one undoable step.

use coprod::engine::TreatyVerdict;
use coprod::model::{Allocation, Coproduction, Percent, Territory};
use coprod::rules::RuleBook;
use coprod::tui::app::{App, Outcome, Overlay, Panel};
use coprod::tui::keymap::{KeyFile, Keymap};
use coprod::tui::rows::Row;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEventKind};
use ratatui::layout::Rect;
use rust_decimal::Decimal;

mod common;

fn app() -> App {
    App::new(
        common::sample("ca-fr-feature.ron"),
        RuleBook::embedded().expect("rules"),
    )
}

fn key(app: &mut App, code: KeyCode) -> Outcome {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn backspace(app: &mut App, n: usize) {
    for _ in 0..n {
        key(app, KeyCode::Backspace);
    }
}

/// Puts the budget cursor on line `id` and returns the line's index.
fn cursor_on(app: &mut App, id: &str) -> usize {
    let index = app
        .project()
        .lines()
        .iter()
        .position(|l| l.id.0 == id)
        .expect("line in the sample");
    let at = app
        .rows()
        .iter()
        .position(|r| *r == Row::Line(index))
        .expect("line on screen");
    while app.cursor() < at {
        key(app, KeyCode::Char('j'));
    }
    while app.cursor() > at {
        key(app, KeyCode::Char('k'));
    }
    index
}

fn form_focus_on(app: &mut App, label: &str) {
    for _ in 0..200 {
        if let Overlay::Form { form, .. } = &app.overlay
            && form.fields[form.focus].label == label
        {
            return;
        }
        key(app, KeyCode::Tab);
    }
    panic!("no field {label:?}");
}

fn form_problem(app: &App) -> Option<String> {
    match &app.overlay {
        Overlay::Form { form, .. } => form.first_problem(),
        other => panic!("no form open: {other:?}"),
    }
}

fn spend(app: &App, code: &str) -> Decimal {
    let t = Territory::parse(code).unwrap();
    app.assessment()
        .territories
        .iter()
        .find(|x| x.territory == t)
        .map(|x| x.total)
        .unwrap_or_default()
}

#[test]
fn the_line_editor_refuses_bad_entries_as_they_are_typed_and_applies_a_valid_one() {
    let mut app = app();
    let original = app.project().data().clone();
    let budget = app.assessment().budget_total;
    let i = cursor_on(&mut app, "1200-02");
    key(&mut app, KeyCode::Char('e'));
    // the amount field has the cursor; "55000" is there
    backspace(&mut app, 5);
    typed(&mut app, "6o");
    let problem = form_problem(&app).expect("6o is refused");
    assert!(problem.contains("\"6o\" is not a number"), "{problem}");
    key(&mut app, KeyCode::Enter);
    assert!(app.status.starts_with("Not applied"), "{}", app.status);
    assert_eq!(
        app.project().data(),
        &original,
        "a refused entry changes nothing"
    );

    backspace(&mut app, 1);
    typed(&mut app, "0000");
    form_focus_on(&mut app, "currency");
    backspace(&mut app, 3);
    typed(&mut app, "GBP");
    let problem = form_problem(&app).expect("GBP has no rate in this project");
    assert!(problem.contains("no exchange rate for GBP"), "{problem}");
    backspace(&mut app, 3);
    typed(&mut app, "EUR");
    assert_eq!(form_problem(&app), None);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.status, "Line updated");
    // 60,000 + 40% French performers' charges = 84,000, against 77,000 before: +7,000
    assert_eq!(app.project().cost_in(0, i), Decimal::from(84_000));
    assert_eq!(app.assessment().budget_total - budget, Decimal::from(7_000));
    assert!(!app.changes().net_cost.is_zero());

    key(&mut app, KeyCode::Char('u'));
    assert_eq!(
        app.project().data(),
        &original,
        "undo restores the exact project"
    );
}

#[test]
fn a_scenario_amount_changes_only_that_scenario() {
    let mut app = app();
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.scenario_index(), 1);
    let i = cursor_on(&mut app, "1200-02");
    key(&mut app, KeyCode::Char('e'));
    backspace(&mut app, 5);
    typed(&mut app, "60000");
    // in a scenario other than the first, amounts apply to that scenario by default
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.status, "Line updated");
    assert_eq!(app.project().cost_in(1, i), Decimal::from(84_000));
    assert_eq!(app.project().cost_in(0, i), Decimal::from(77_000));
    assert_eq!(app.project().lines()[i].amount(), Decimal::from(55_000));
}

#[test]
fn esc_leaves_an_editor_untouched() {
    let mut app = app();
    let original = app.project().data().clone();
    cursor_on(&mut app, "1200-02");
    key(&mut app, KeyCode::Char('e'));
    typed(&mut app, "999");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.status, "Left unchanged");
    assert_eq!(app.project().data(), &original);
    assert_eq!(app.unsaved, 0);
}

#[test]
fn the_split_editor_applies_only_a_split_that_totals_100() {
    let mut app = app();
    let original = app.project().data().clone();
    let i = cursor_on(&mut app, "1200-03");
    let cost = app.project().cost_in(0, i);
    let fr_before = spend(&app, "FR");
    key(&mut app, KeyCode::Char('s'));
    // fields: FR, FR-ARA, CA-QC (100 now); the cursor is on FR
    typed(&mut app, "60");
    let problem = form_problem(&app).unwrap();
    assert!(problem.contains("60% too much"), "{problem}");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    backspace(&mut app, 3);
    typed(&mut app, "37");
    let problem = form_problem(&app).unwrap();
    assert!(problem.contains("3% missing"), "{problem}");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.project().data(), &original);
    backspace(&mut app, 2);
    typed(&mut app, "40");
    assert_eq!(form_problem(&app), None);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay, Overlay::None);
    let expected = Allocation::split([
        (
            Territory::parse("FR").unwrap(),
            Percent::new(Decimal::from(60)),
        ),
        (
            Territory::parse("CA-QC").unwrap(),
            Percent::new(Decimal::from(40)),
        ),
    ])
    .unwrap();
    assert_eq!(app.allocation(i), &expected);
    assert_eq!(spend(&app, "FR") - fr_before, cost * Decimal::new(6, 1));
}

#[test]
fn the_territory_picker_narrows_as_you_type_and_refuses_a_pinned_line() {
    let mut app = app();
    let i = cursor_on(&mut app, "1200-03");
    key(&mut app, KeyCode::Char('m'));
    typed(&mut app, "fr-");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(
        app.allocation(i).single(),
        Some(&Territory::parse("FR-ARA").unwrap())
    );
    assert!(
        app.status.starts_with("Moved 1 line to FR-ARA"),
        "{}",
        app.status
    );

    let after_move = app.project().data().clone();
    cursor_on(&mut app, "1200-01");
    key(&mut app, KeyCode::Char('m'));
    typed(&mut app, "ARA");
    key(&mut app, KeyCode::Enter);
    match &app.overlay {
        Overlay::Picker { picker, .. } => {
            let why = picker.problem.as_deref().unwrap_or_default();
            assert!(why.contains("pinned"), "{why}");
        }
        other => panic!("the picker stays open with the reason: {other:?}"),
    }
    typed(&mut app, "xyz");
    match &app.overlay {
        Overlay::Picker { picker, .. } => {
            let why = picker.problem.as_deref().unwrap_or_default();
            assert!(why.contains("choose from FR, FR-ARA, CA-QC"), "{why}");
        }
        other => panic!("{other:?}"),
    }
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.project().data(), &after_move);
}

#[test]
fn the_partner_editor_changes_financing_and_keeps_a_majority() {
    let mut app = app();
    let original = app.project().data().clone();
    let ca_financing = |app: &App| {
        app.assessment()
            .partners
            .iter()
            .find(|p| p.id == "ca")
            .unwrap()
            .financing
    };
    let before = ca_financing(&app);
    let incentives = app.assessment().incentives_net;
    let financing = app.assessment().financing_total;
    key(&mut app, KeyCode::Char('p'));
    form_focus_on(&mut app, "fr · role");
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Enter);
    let problem = form_problem(&app).expect("the project needs a majority co-producer");
    assert!(problem.contains("majority"), "{problem}");
    assert_eq!(app.project().data(), &original);
    key(&mut app, KeyCode::Left);
    form_focus_on(&mut app, "ca · Telefilm Canada production program amount");
    backspace(&mut app, 6);
    typed(&mut app, "600000");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.status, "Partners updated");
    // CAD 100,000 more at 0.6650 EUR per CAD = €66,500
    assert_eq!(ca_financing(&app) - before, Decimal::from(66_500));
    // more public assistance shrinks the Canadian credit's base; the plan's total moves by
    // the new money and the change in incentives together
    let fewer_incentives = app.assessment().incentives_net - incentives;
    assert!(fewer_incentives < Decimal::ZERO);
    assert_eq!(
        app.assessment().financing_total - financing,
        Decimal::from(66_500) + fewer_incentives
    );
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(app.project().data(), &original);
}

#[test]
fn the_treaty_chooser_switches_to_a_creative_coproduction_and_back() {
    let mut app = app();
    assert_ne!(
        app.assessment().treaty.verdict,
        TreatyVerdict::NotApplicable
    );
    key(&mut app, KeyCode::Char('t'));
    typed(&mut app, "creative");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.project().data().coproduction, Coproduction::Creative);
    assert_eq!(
        app.assessment().treaty.verdict,
        TreatyVerdict::NotApplicable
    );
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(app.project().data().coproduction, Coproduction::Inferred);
}

fn explanation(app: &App) -> (String, String) {
    match &app.overlay {
        Overlay::Explain(e) => (e.title.clone(), e.lines.join("\n")),
        other => panic!("no explanation open: {other:?}"),
    }
}

#[test]
fn x_explains_the_figure_under_the_cursor_in_every_panel() {
    let mut app = app();
    cursor_on(&mut app, "1200-02");
    key(&mut app, KeyCode::Char('x'));
    let (title, text) = explanation(&app);
    assert!(title.contains("Julien Mercier"), "{title}");
    // 55,000 + 40% = 77,000, worked out step by step
    assert!(text.contains("amount €55,000.00"), "{text}");
    assert!(
        text.contains("(40.00% of €55,000.00) = €22,000.00"),
        "{text}"
    );
    assert!(
        text.contains("= €77,000.00 counted in the budget"),
        "{text}"
    );
    key(&mut app, KeyCode::Esc);

    key(&mut app, KeyCode::Char('l'));
    key(&mut app, KeyCode::Char('l'));
    assert_eq!(app.focus(), Panel::Incentives);
    key(&mut app, KeyCode::Char('x'));
    let (title, text) = explanation(&app);
    let program = app.shown_programs()[0].clone();
    assert_eq!(title, program.name);
    assert!(text.contains(&program.source), "{text}");
    assert!(
        text.contains(&format!("valid from {}", program.valid_from)),
        "{text}"
    );
    for step in &program.steps {
        assert!(text.contains(step.as_str()), "{text}");
    }
    key(&mut app, KeyCode::Esc);

    key(&mut app, KeyCode::Char('l'));
    key(&mut app, KeyCode::Char('x'));
    let (title, text) = explanation(&app);
    assert!(title.starts_with("Films du Nord"), "{title}");
    assert!(text.contains("contribution"), "{text}");
    key(&mut app, KeyCode::Esc);

    // The sample sets goals: the first keeps the Canadian partner at 20% or more.
    key(&mut app, KeyCode::Char('l'));
    assert_eq!(app.focus(), Panel::Goals);
    key(&mut app, KeyCode::Char('x'));
    let (title, text) = explanation(&app);
    let goal = &app.assessment().goals[0];
    assert_eq!(title, format!("Goal: {}", goal.label));
    assert!(text.contains(&goal.message), "{text}");
    assert!(text.contains("How the share is made"), "{text}");
    key(&mut app, KeyCode::Esc);

    key(&mut app, KeyCode::Char('l'));
    assert_eq!(app.focus(), Panel::Treaty);
    key(&mut app, KeyCode::Char('x'));
    let (_, text) = explanation(&app);
    assert!(
        text.contains(&app.assessment().treaty.checks[0].message),
        "{text}"
    );
    assert!(text.contains("Which text applies"), "{text}");
}

#[test]
fn the_comparison_shows_every_scenario_and_closes_with_esc() {
    let mut app = app();
    key(&mut app, KeyCode::Char('c'));
    match &app.overlay {
        Overlay::Compare { assessments, .. } => {
            assert_eq!(assessments.len(), app.project().scenarios().len());
            let names: Vec<&str> = assessments.iter().map(|a| a.scenario.as_str()).collect();
            assert_eq!(
                names,
                ["Financing plan", "Post in Quebec", "Everything in France"]
            );
        }
        other => panic!("{other:?}"),
    }
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn the_filter_keeps_matching_lines_and_esc_shows_all_again() {
    let mut app = app();
    let all = app.rows().len();
    key(&mut app, KeyCode::Char('/'));
    typed(&mut app, "quebec");
    let lines: Vec<usize> = app
        .rows()
        .iter()
        .filter_map(|r| match r {
            Row::Line(i) => Some(*i),
            _ => None,
        })
        .collect();
    assert!(!lines.is_empty());
    for i in &lines {
        let line = &app.project().lines()[*i];
        let account = &app.project().accounts()[app.project().line_account(*i)];
        assert!(
            line.description.to_lowercase().contains("quebec")
                || account.name.to_lowercase().contains("quebec"),
            "{} does not match",
            line.description
        );
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.filter(), "quebec");
    key(&mut app, KeyCode::Char('/'));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.rows().len(), all);
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let mut app = app();
    assert_eq!(key(&mut app, KeyCode::Char('q')), Outcome::Quit);
    cursor_on(&mut app, "1200-03");
    key(&mut app, KeyCode::Char('>'));
    assert_eq!(app.unsaved, 1);
    assert_eq!(key(&mut app, KeyCode::Char('q')), Outcome::Continue);
    assert_eq!(app.overlay, Overlay::ConfirmQuit);
    assert_eq!(key(&mut app, KeyCode::Char('z')), Outcome::Continue);
    assert_eq!(app.status, "Still here.");
    key(&mut app, KeyCode::Char('q'));
    let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(app.handle_key(ctrl_s), Outcome::SaveAndQuit);
    key(&mut app, KeyCode::Char('q'));
    assert_eq!(key(&mut app, KeyCode::Char('q')), Outcome::Quit);
}

#[test]
fn a_key_file_moves_an_action_to_another_key() {
    let file: KeyFile = ron::from_str(r#"(workbench: { MoveNext: ["]"] })"#).unwrap();
    let keys = Keymap::with_overrides(&file).unwrap();
    let mut app = App::with_keys(
        common::sample("ca-fr-feature.ron"),
        RuleBook::embedded().unwrap(),
        keys,
    );
    cursor_on(&mut app, "1200-03");
    key(&mut app, KeyCode::Char('>'));
    assert_eq!(app.unsaved, 0, "> no longer moves");
    key(&mut app, KeyCode::Char(']'));
    assert_eq!(app.unsaved, 1);
}

#[test]
fn the_mouse_selects_a_row_and_the_wheel_scrolls() {
    let mut app = app();
    let screen = Rect::new(0, 0, 160, 48);
    let areas = coprod::tui::view::areas(screen, &app);
    // the budget's rows start under its border and column headings
    let row = areas.budget.y + 2 + 5;
    coprod::tui::run::on_mouse(
        &mut app,
        screen,
        MouseEventKind::Down(MouseButton::Left),
        areas.budget.x + 10,
        row,
    );
    assert_eq!(app.cursor(), 5);
    coprod::tui::run::on_mouse(
        &mut app,
        screen,
        MouseEventKind::ScrollDown,
        areas.budget.x + 10,
        row,
    );
    assert_eq!(app.cursor(), 8);
    let incentives = areas.incentives;
    coprod::tui::run::on_mouse(
        &mut app,
        screen,
        MouseEventKind::Down(MouseButton::Left),
        incentives.x + 5,
        incentives.y + 2,
    );
    assert_eq!(app.focus(), Panel::Incentives);
    assert_eq!(app.panel_cursor(Panel::Incentives), 1);
}

#[test]
fn the_key_file_example_in_the_readme_is_valid() {
    let readme = include_str!("../README.md");
    let start = readme
        .find("```ron\n(\n    workbench:")
        .expect("the README shows a key file");
    let body = &readme[start + "```ron\n".len()..];
    let example = &body[..body.find("```").expect("closed block")];
    let file: KeyFile = ron::from_str(example).expect("the example parses");
    let keys = Keymap::with_overrides(&file).expect("the example applies");
    let quit = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
    assert_eq!(
        keys.action_for(coprod::tui::keymap::Mode::Workbench, quit),
        Some(coprod::tui::action::Action::Quit)
    );
}

#[test]
fn turning_a_labour_line_into_goods_drops_its_fringes() {
    let mut app = app();
    // 1200-02 is labour with the French performers' charges (40%): 55,000 → 77,000.
    let i = cursor_on(&mut app, "1200-02");
    assert!(!app.project().lines()[i].fringes.is_empty());
    key(&mut app, KeyCode::Char('e'));
    form_focus_on(&mut app, "kind");
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.status, "Line updated");
    let line = &app.project().lines()[i];
    assert_eq!(line.kind, coprod::model::LineKind::Goods);
    assert!(line.fringes.is_empty());
    assert_eq!(app.project().cost_in(0, i), Decimal::from(55_000));
}

#[test]
fn focus_passes_over_the_goals_panel_when_there_are_no_goals() {
    let mut data = common::sample("ca-fr-feature.ron").into_data();
    data.goals.clear();
    let project = coprod::model::Project::new(data).unwrap();
    let mut app = App::new(project, RuleBook::embedded().expect("rules"));
    let mut seen = Vec::new();
    for _ in 0..Panel::ALL.len() {
        key(&mut app, KeyCode::Char('l'));
        seen.push(app.focus());
    }
    assert!(!seen.contains(&Panel::Goals), "{seen:?}");
    assert_eq!(seen.last(), Some(&Panel::Territories), "{seen:?}");
    // Backwards too: from the treaty, `h` goes to the partners.
    while app.focus() != Panel::Treaty {
        key(&mut app, KeyCode::Char('l'));
    }
    key(&mut app, KeyCode::Char('h'));
    assert_eq!(app.focus(), Panel::Partners);
}

#[test]
fn d_diffs_the_scenario_against_another_as_coprod_diff_does() {
    let mut app = app();
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.assessment().scenario, "Post in Quebec");
    key(&mut app, KeyCode::Char('d'));
    // The picker lists the other two scenarios, the first one first.
    match &app.overlay {
        Overlay::Picker { picker, .. } => {
            let names: Vec<&str> = picker.items.iter().map(|i| i.label.as_str()).collect();
            assert_eq!(names, ["Financing plan", "Everything in France"]);
        }
        other => panic!("no picker: {other:?}"),
    }
    key(&mut app, KeyCode::Enter);
    let (title, text) = explanation(&app);
    assert_eq!(title, "Diff: \"Financing plan\" → \"Post in Quebec\"");
    for expected in [
        "## What changed in the budget (8 changes)",
        "3100-01  Editor, Nadia Berkani",
        "Productions Boréales        20.75%       22.43%  +1.68 pts",
        "Gap                      €0.00    -€20,097.50  -€20,097.50",
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
    // The workbench is unchanged: still the same scenario, nothing to save.
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.assessment().scenario, "Post in Quebec");
    assert_eq!(app.unsaved, 0);
}

#[test]
fn d_with_a_single_scenario_says_how_to_make_another() {
    let mut data = common::sample("ca-fr-feature.ron").into_data();
    data.scenarios.truncate(1);
    let project = coprod::model::Project::new(data).unwrap();
    let mut app = App::new(project, RuleBook::embedded().expect("rules"));
    key(&mut app, KeyCode::Char('d'));
    assert_eq!(app.overlay, Overlay::None);
    assert!(app.status.contains("fork it (n)"), "{}", app.status);
}

#[test]
fn o_proposes_an_allocation_and_enter_adopts_it_as_a_scenario() {
    let mut app = app();
    let before = app.assessment().incentives_net;
    key(&mut app, KeyCode::Char('o'));
    // The optimiser works in the background; the screen says so until its proposal arrives.
    assert_eq!(
        app.overlay,
        Overlay::Searching {
            from: "Financing plan".into()
        }
    );
    assert!(app.busy());
    app.wait_background();
    assert!(!app.busy());
    let expected = match &app.overlay {
        Overlay::Proposal { plan, view } => {
            assert!(plan.feasible);
            assert!(!plan.moves.is_empty());
            assert!(
                view.lines[0]
                    .starts_with("Enter adds this as scenario \"Financing plan (optimised)\""),
                "{}",
                view.lines[0]
            );
            assert!(view.lines.iter().any(|l| l.starts_with("Moves (")));
            plan.incentives_after
        }
        other => panic!("no proposal: {other:?}"),
    };
    assert!(expected > before);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.assessment().scenario, "Financing plan (optimised)");
    assert_eq!(app.assessment().incentives_net, expected);
    assert_eq!(app.project().scenarios().len(), 4);
    assert!(app.status.starts_with("Added scenario"), "{}", app.status);
    // One undo takes the whole proposal back.
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(app.project().scenarios().len(), 3);
    // Esc leaves everything as it was.
    key(&mut app, KeyCode::Char('o'));
    app.wait_background();
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.project().scenarios().len(), 3);
    // Esc while it works stops the wait: nothing comes of it, even once it has finished.
    key(&mut app, KeyCode::Char('o'));
    key(&mut app, KeyCode::Char('j'));
    assert!(app.status.contains("Esc stops waiting"), "{}", app.status);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, Overlay::None);
    assert!(!app.busy());
    assert!(app.status.starts_with("Stopped waiting"), "{}", app.status);
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(!app.poll_background());
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.project().scenarios().len(), 3);
}

#[test]
fn i_imports_a_table_after_showing_what_it_reads() {
    let mut app = app();
    key(&mut app, KeyCode::Char('i'));
    let table = format!(
        "{}/tests/fixtures/import/french.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    typed(&mut app, &table);
    key(&mut app, KeyCode::Enter);
    match &app.overlay {
        Overlay::ImportPreview { view, .. } => {
            assert!(
                view.lines[0].starts_with("Enter imports: 3 line(s) added, 0 updated, 0 unchanged"),
                "{:?}",
                view.lines
            );
            assert!(
                view.lines
                    .iter()
                    .any(|l| l.contains("\"Libellé\"") && l.contains("description"))
            );
        }
        other => panic!("no preview: {other:?}"),
    }
    assert_eq!(
        app.project().lines().len(),
        158,
        "nothing changes before Enter"
    );
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.project().lines().len(), 161);
    assert!(app.status.starts_with("Imported"), "{}", app.status);
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(app.project().lines().len(), 158);
    // A table that cannot be read says why in the form, and changes nothing.
    key(&mut app, KeyCode::Char('i'));
    typed(&mut app, "/nonexistent/budget.csv");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay, Overlay::Form { .. }));
    assert!(app.status.contains("cannot read it"), "{}", app.status);
}

#[test]
fn w_exports_the_scenario_on_screen_in_the_pack_chosen() {
    let mut app = app();
    let dir = tempfile::tempdir().unwrap();
    // The scenario on screen is the one written.
    key(&mut app, KeyCode::Tab);
    let scenario = app.project().scenarios()[1].name.clone();
    key(&mut app, KeyCode::Char('w'));
    assert!(matches!(app.overlay, Overlay::Form { .. }));
    let to = dir.path().join("eurimages.md");
    typed(&mut app, to.to_str().unwrap());
    key(&mut app, KeyCode::Down);
    // full → eurimages, and the note beside it follows.
    key(&mut app, KeyCode::Right);
    match &app.overlay {
        Overlay::Form { form, .. } => {
            assert_eq!(
                form.fields[1].note,
                "the summary budget by producer, in euros"
            )
        }
        other => panic!("no form: {other:?}"),
    }
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay, Overlay::None), "{:?}", app.overlay);
    assert!(
        app.status.starts_with(&format!(
            "Wrote {}: scenario \"{scenario}\", eurimages pack",
            to.display()
        )),
        "{}",
        app.status
    );
    let md = std::fs::read_to_string(&to).unwrap();
    assert!(md.starts_with("Le Dernier Hiver — scenario"), "{md}");
    assert!(
        md.contains(&format!("scenario \"{scenario}\" — eurimages pack")),
        "{md}"
    );
    assert!(md.contains("## Summary budget by producer"), "{md}");
    // A name coprod cannot write says why in the form, and writes nothing.
    key(&mut app, KeyCode::Char('w'));
    typed(&mut app, dir.path().join("plan.pdf").to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay, Overlay::Form { .. }));
    assert!(app.status.contains("not .pdf"), "{}", app.status);
    assert!(!dir.path().join("plan.pdf").exists());
}

#[test]
fn an_import_that_adds_an_account_is_undone_with_it() {
    let mut app = app();
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("extra.csv");
    std::fs::write(
        &table,
        "Account,Description,Amount,Location\n9100,CONTINGENCY RESERVE,,\n9100,Completion bond fee,42000,FR\n",
    )
    .unwrap();
    let map = dir.path().join("map.ron");
    std::fs::write(
        &map,
        r#"(categories: [(from: "9000", to: "9999", category: Other)])"#,
    )
    .unwrap();
    let chart = app.project().accounts().len();
    key(&mut app, KeyCode::Char('i'));
    typed(&mut app, table.to_str().unwrap());
    key(&mut app, KeyCode::Down);
    typed(&mut app, map.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    match &app.overlay {
        Overlay::ImportPreview { view, .. } => {
            assert!(
                view.lines[0].starts_with("Enter imports: 1 account(s) and 1 line(s) added"),
                "{:?}",
                view.lines
            );
            assert!(
                view.lines
                    .iter()
                    .any(|l| l == "  9100 CONTINGENCY RESERVE · other"),
                "{:?}",
                view.lines
            );
        }
        other => panic!("no preview: {other:?}"),
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.project().accounts().len(), chart + 1);
    assert_eq!(
        app.project().account("9100").map(|a| a.name.as_str()),
        Some("CONTINGENCY RESERVE")
    );
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(app.project().accounts().len(), chart);
    assert!(app.project().account("9100").is_none());
    assert_eq!(app.project().lines().len(), 158);
}
