//! Drawing the workbench: a function of the app state onto a frame. Only the visible budget
//! rows are laid out, so drawing does not grow with the budget. The layout is a function of
//! its own (`areas`), so a mouse click finds the panel and row it landed on.

use super::app::{App, Choosing, Overlay, Panel, RecoveryOffer};
use super::editor::{Form, Input, Picker};
use super::explain::Explanation;
use super::keymap::{Binding, Mode};
use super::rows::Row;
use super::theme::Theme;
use super::truncate;
use crate::engine::{Assessment, CheckOutcome, ProgramStatus, TreatyVerdict};
use crate::model::{Currency, Goal, Percent, format_money_dp};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use rust_decimal::Decimal;

/// Where each part of the screen is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub budget: Rect,
    pub territories: Rect,
    pub incentives: Rect,
    pub partners: Rect,
    pub goals: Rect,
    pub treaty: Rect,
    pub status: Rect,
    pub hints: Rect,
}

impl Areas {
    fn panel(&self, panel: Panel) -> Rect {
        match panel {
            Panel::Budget => self.budget,
            Panel::Territories => self.territories,
            Panel::Incentives => self.incentives,
            Panel::Partners => self.partners,
            Panel::Goals => self.goals,
            Panel::Treaty => self.treaty,
        }
    }
}

/// The layout of a screen of size `area` for `app`.
pub fn areas(area: Rect, app: &App) -> Areas {
    let [header, body, status, hints] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(5),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let [budget, right] =
        Layout::horizontal([Constraint::Percentage(52), Constraint::Percentage(48)]).areas(body);
    let a = app.assessment();
    // Goals take a row each, up to a third of the column; none at all without goals.
    let goals_height = if a.goals.is_empty() {
        0
    } else {
        (a.goals.len() as u16 + 2).min((right.height / 3).max(4))
    };
    let [territories, incentives, partners, goals, treaty] = Layout::vertical([
        Constraint::Length(a.territories.len() as u16 + 2),
        Constraint::Min(4),
        Constraint::Length(a.partners.len() as u16 + 2),
        Constraint::Length(goals_height),
        Constraint::Length(
            (app.panel_len(Panel::Treaty) as u16 + 3).min((right.height / 3).max(5)),
        ),
    ])
    .areas(right);
    Areas {
        header,
        budget,
        territories,
        incentives,
        partners,
        goals,
        treaty,
        status,
        hints,
    }
}

/// The first item shown of a list of `len` items `height` rows high with the cursor at
/// `cursor`, starting from `top`: the list scrolls only as far as the cursor needs.
fn window(top: usize, cursor: usize, len: usize, height: usize) -> usize {
    let height = height.max(1);
    let top = if cursor < top {
        cursor
    } else if cursor >= top + height {
        cursor + 1 - height
    } else {
        top
    };
    top.min(len.saturating_sub(height))
}

/// How many rows above its first item a panel's list starts inside its border.
fn list_offset(panel: Panel) -> u16 {
    match panel {
        // the column headings, and the treaty's why line
        Panel::Budget | Panel::Treaty => 2,
        _ => 1,
    }
}

fn list_height(areas: &Areas, panel: Panel) -> usize {
    areas
        .panel(panel)
        .height
        .saturating_sub(list_offset(panel) + 1) as usize
}

fn first_shown(app: &App, areas: &Areas, panel: Panel) -> usize {
    let height = list_height(areas, panel);
    match panel {
        Panel::Budget => window(app.budget_top.get(), app.cursor(), app.rows().len(), height),
        other => window(0, app.panel_cursor(other), app.panel_len(other), height),
    }
}

/// The panel and the item of its list at screen cell (`column`, `row`), for the mouse.
pub fn hit(area: Rect, app: &App, column: u16, row: u16) -> Option<(Panel, Option<usize>)> {
    let areas = areas(area, app);
    let inside =
        |r: Rect| column >= r.x && column < r.x + r.width && row >= r.y && row < r.y + r.height;
    let panel = Panel::ALL.into_iter().find(|p| inside(areas.panel(*p)))?;
    let r = areas.panel(panel);
    let top = r.y + list_offset(panel);
    let item = (row >= top && row < r.y + r.height - 1)
        .then(|| first_shown(app, &areas, panel) + (row - top) as usize)
        .filter(|i| *i < app.panel_len(panel));
    Some((panel, item))
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let areas = areas(frame.area(), app);
    app.budget_height.set(list_height(&areas, Panel::Budget));
    frame.render_widget(Paragraph::new(header_lines(app, theme)), areas.header);
    draw_budget(frame, &areas, app, theme);
    draw_territories(frame, &areas, app, theme);
    draw_programs(frame, &areas, app, theme);
    draw_partners(frame, &areas, app, theme);
    draw_goals(frame, &areas, app, theme);
    draw_treaty(frame, &areas, app, theme);
    let status = match &app.overlay {
        Overlay::Filter => Line::from(vec![
            Span::styled(" / ", theme.hint_key),
            Span::raw(format!("{}▏", app.filter())),
            Span::styled(
                format!(
                    "  {} line rows match · Enter keeps the filter, Esc clears it",
                    app.rows()
                        .iter()
                        .filter(|r| matches!(r, Row::Line(_)))
                        .count()
                ),
                theme.dim,
            ),
        ]),
        _ if app.status.is_empty() => Line::raw(" "),
        _ => Line::styled(format!(" {}", app.status), theme.warn),
    };
    frame.render_widget(Paragraph::new(status), areas.status);
    frame.render_widget(
        Paragraph::new(hint_line(
            app,
            app.overlay.mode(),
            areas.hints.width as usize,
            theme,
        )),
        areas.hints,
    );
    match &app.overlay {
        Overlay::ConfirmQuit => draw_confirm_quit(frame, app, theme),
        Overlay::Searching { from } => draw_searching(frame, from, theme),
        Overlay::Recover(offer) => draw_recovery_offer(frame, offer, theme),
        Overlay::Explain(e) => draw_explanation(frame, e, theme),
        Overlay::Proposal { view, .. } | Overlay::ImportPreview { view, .. } => {
            draw_explanation(frame, view, theme)
        }
        Overlay::Compare {
            assessments,
            scroll,
        } => draw_compare(frame, app, assessments, *scroll, theme),
        Overlay::Form { form, .. } => draw_form(frame, form, theme),
        Overlay::Picker { picker, choosing } => draw_picker(frame, picker, choosing, theme),
        Overlay::None | Overlay::Filter => {}
    }
}

/// A centred box of `width` × `height` cells, cleared.
fn popup(frame: &mut Frame, width: u16, height: u16) -> Rect {
    let area = frame.area();
    let w = width.min(area.width);
    let h = height.min(area.height.saturating_sub(1));
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height.saturating_sub(1) - h) / 2,
        width: w,
        height: h,
    };
    frame.render_widget(Clear, rect);
    rect
}

fn draw_confirm_quit(frame: &mut Frame, app: &App, theme: &Theme) {
    let lines = vec![
        Line::raw(format!(
            " {} unsaved change{}.",
            app.unsaved,
            if app.unsaved == 1 { "" } else { "s" }
        )),
        Line::raw(""),
        Line::from(vec![
            Span::styled(
                format!(
                    " {}",
                    app.keys()
                        .label_of(Mode::Workbench, super::action::Action::Quit)
                ),
                theme.hint_key,
            ),
            Span::raw(" quit without saving"),
        ]),
        Line::from(vec![
            Span::styled(
                format!(
                    " {}",
                    app.keys()
                        .label_of(Mode::Workbench, super::action::Action::Save)
                ),
                theme.hint_key,
            ),
            Span::raw(" save, then quit"),
        ]),
        Line::from(vec![
            Span::styled(" any other key", theme.hint_key),
            Span::raw(" stay"),
        ]),
    ];
    let area = popup(frame, 44, 7);
    frame.render_widget(Paragraph::new(lines).block(block("Quit?", theme)), area);
}

fn draw_searching(frame: &mut Frame, from: &str, theme: &Theme) {
    let lines = vec![
        Line::raw(format!(" Finding where the movable lines of \"{from}\"")),
        Line::raw(" keep the most incentives while every check and goal holds…"),
        Line::raw(""),
        Line::from(vec![
            Span::styled(" Esc", theme.hint_key),
            Span::raw(" stop waiting"),
        ]),
    ];
    let area = popup(frame, 66, 6);
    frame.render_widget(Paragraph::new(lines).block(block("Optimiser", theme)), area);
}

fn draw_recovery_offer(frame: &mut Frame, offer: &RecoveryOffer, theme: &Theme) {
    let mut lines = vec![
        Line::raw(format!(
            " Unsaved work from an earlier session ({}) was kept:",
            offer.when
        )),
        Line::raw(""),
    ];
    lines.extend(offer.summary.iter().map(|s| Line::raw(format!("  • {s}"))));
    lines.push(Line::raw(""));
    for (key, what) in [
        ("r", "restore it and carry on (save to keep it)"),
        ("d", "discard it: open the file as it is on disk"),
        (
            "k",
            "keep both: open it as a file of its own beside this one",
        ),
    ] {
        lines.push(Line::from(vec![
            Span::styled(format!(" {key}"), theme.hint_key),
            Span::raw(format!(" {what}")),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(" kept in {}", offer.journal),
        theme.dim,
    ));
    let full = frame.area();
    let width = full.width.saturating_sub(8).min(100);
    let area = popup(frame, width, lines.len() as u16 + 2);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block("Recover unsaved work?", theme)),
        area,
    );
}

fn draw_explanation(frame: &mut Frame, e: &Explanation, theme: &Theme) {
    let full = frame.area();
    let area = popup(
        frame,
        full.width.saturating_sub(8).min(110),
        full.height.saturating_sub(4),
    );
    let inner = area.height.saturating_sub(2) as usize;
    let scroll = e.scroll.min(e.lines.len().saturating_sub(inner));
    let lines: Vec<Line> = e
        .lines
        .iter()
        .skip(scroll)
        .take(inner)
        .map(|l| match l.strip_prefix("## ") {
            Some(h) => Line::styled(format!(" {h}"), theme.title),
            None => Line::raw(format!(" {l}")),
        })
        .collect();
    let more = if scroll + inner < e.lines.len() {
        " ↓ more "
    } else {
        ""
    };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .block(block(&e.title, theme).title_bottom(Span::styled(more, theme.dim))),
        area,
    );
}

fn draw_compare(frame: &mut Frame, app: &App, all: &[Assessment], scroll: usize, theme: &Theme) {
    let rows_needed = 14
        + app.assessment().territories.len()
        + app.assessment().programs.len()
        + app.assessment().partners.len();
    let area = popup(
        frame,
        frame.area().width,
        (rows_needed as u16).min(frame.area().height.saturating_sub(1)),
    );
    let cur = app.assessment().currency;
    let label_width = 34usize;
    let col =
        ((area.width as usize).saturating_sub(label_width + 3) / all.len().max(1)).clamp(10, 22);
    let mut rows: Vec<Line> = Vec::new();
    let row = |label: &str, cells: Vec<(String, Style)>| -> Line<'static> {
        let mut spans = vec![Span::raw(format!(
            " {:<label_width$}",
            truncate(label, label_width)
        ))];
        for (text, style) in cells {
            spans.push(Span::styled(
                format!("{:>col$}", truncate(&text, col - 1)),
                style,
            ));
        }
        Line::from(spans)
    };
    let heading = |text: &str| Line::styled(format!(" {text}"), theme.title);
    let names: Vec<(String, Style)> = all
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mark = if i == app.scenario_index() { "▶" } else { "" };
            (format!("{mark}{}", a.scenario), theme.title)
        })
        .collect();
    rows.push(row("Scenario", names));
    let money_row = |label: &str, f: &dyn Fn(&Assessment) -> Decimal| {
        row(
            label,
            all.iter().map(|a| (money(f(a), cur), theme.text)).collect(),
        )
    };
    rows.push(row(
        "Treaty",
        all.iter()
            .map(|a| match a.treaty.verdict {
                TreatyVerdict::Pass => ("✓ holds".to_string(), theme.good),
                TreatyVerdict::Fail => ("✗ fails".to_string(), theme.bad),
                TreatyVerdict::Unverified => ("? unknown bound".to_string(), theme.warn),
                TreatyVerdict::Derogation => ("~ by derogation".to_string(), theme.warn),
                TreatyVerdict::NotApplicable => ("no treaty".to_string(), theme.dim),
            })
            .collect(),
    ));
    rows.push(money_row("Budget", &|a| a.budget_total));
    rows.push(money_row("Financing", &|a| a.financing_total));
    rows.push(money_row("Incentives (net)", &|a| a.incentives_net));
    rows.push(money_row("Gap", &|a| a.gap));
    rows.push(money_row("Net cost", &|a| a.net_cost));
    rows.push(row(
        "Public aid share",
        all.iter()
            .map(|a| (format!("{:.2}", a.public_aid_share), theme.text))
            .collect(),
    ));
    rows.push(heading("Spend by territory"));
    for (i, t) in app.assessment().territories.iter().enumerate() {
        rows.push(row(
            t.territory.as_str(),
            all.iter()
                .map(|a| {
                    a.territories
                        .get(i)
                        .map(|x| {
                            (
                                format!("{} {:.0}", money(x.total, cur), x.share),
                                theme.text,
                            )
                        })
                        .unwrap_or_default()
                })
                .collect(),
        ));
    }
    rows.push(heading("Incentives (net)"));
    for (i, p) in app.assessment().programs.iter().enumerate() {
        if all
            .iter()
            .all(|a| a.programs.get(i).is_none_or(|x| x.net.is_zero()))
        {
            continue;
        }
        rows.push(row(
            &p.name,
            all.iter()
                .map(|a| {
                    a.programs
                        .get(i)
                        .map(|x| (money(x.net, cur), theme.text))
                        .unwrap_or_default()
                })
                .collect(),
        ));
    }
    rows.push(heading("Partners (share)"));
    for (i, p) in app.assessment().partners.iter().enumerate() {
        rows.push(row(
            &p.name,
            all.iter()
                .map(|a| {
                    a.partners
                        .get(i)
                        .map(|x| (format!("{:.2}", x.share), theme.text))
                        .unwrap_or_default()
                })
                .collect(),
        ));
    }
    let inner = area.height.saturating_sub(2) as usize;
    let scroll = scroll.min(rows.len().saturating_sub(inner));
    let shown: Vec<Line> = rows.into_iter().skip(scroll).take(inner).collect();
    frame.render_widget(
        Paragraph::new(shown).block(block("Scenarios side by side (Esc closes)", theme)),
        area,
    );
}

fn draw_form(frame: &mut Frame, form: &Form, theme: &Theme) {
    let label_width = form
        .fields
        .iter()
        .map(|f| f.label.chars().count())
        .max()
        .unwrap_or(10)
        .min(40);
    let mut lines = Vec::new();
    let full = frame.area();
    let visible = (full.height as usize).saturating_sub(10).max(3);
    let first = window(0, form.focus, form.fields.len(), visible);
    for (i, field) in form.fields.iter().enumerate().skip(first).take(visible) {
        let focused = i == form.focus;
        let value = match &field.input {
            Input::Text { value, .. } => {
                if focused {
                    format!("{value}▏")
                } else {
                    value.clone()
                }
            }
            Input::Choice { options, selected } => {
                format!(
                    "‹ {} ›",
                    options.get(*selected).cloned().unwrap_or_default()
                )
            }
            Input::Toggle(on) => if *on { "[x] yes" } else { "[ ] no" }.to_string(),
        };
        let pointer = if focused { "▶" } else { " " };
        let mut spans = vec![
            Span::raw(format!(
                "{pointer}{:<label_width$} ",
                truncate(&field.label, label_width)
            )),
            Span::styled(
                format!("{value:<22}"),
                if focused { theme.cursor } else { theme.text },
            ),
        ];
        if !field.note.is_empty() {
            spans.push(Span::styled(format!("  {}", field.note), theme.dim));
        }
        lines.push(Line::from(spans));
        // The reason sits under the field, where the eye already is.
        if let Some(e) = &field.error {
            lines.push(Line::styled(
                format!(" {:label_width$}  ✗ {e}", ""),
                theme.bad,
            ));
        }
    }
    lines.push(Line::raw(""));
    if let Some(s) = &form.summary {
        lines.push(Line::styled(
            format!(" {s}"),
            if form.problem.is_some() {
                theme.bad
            } else {
                theme.good
            },
        ));
    }
    match (
        form.fields.iter().find(|f| f.error.is_some()),
        &form.problem,
    ) {
        (Some(field), _) => lines.push(Line::styled(
            format!(
                " Enter waits until {} is valid · Esc leaves everything as it was",
                field.label
            ),
            theme.bad,
        )),
        (None, Some(p)) => lines.push(Line::styled(format!(" ✗ {p}"), theme.bad)),
        (None, None) => lines.push(Line::styled(
            " Enter applies · Esc leaves everything as it was",
            theme.dim,
        )),
    }
    let width = full.width.saturating_sub(6).min(120);
    let area = popup(frame, width, wrapped_height(&lines, width) + 2);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .block(block(&form.title, theme)),
        area,
    );
}

fn draw_picker(frame: &mut Frame, picker: &Picker, choosing: &Choosing, theme: &Theme) {
    let full = frame.area();
    let matching = picker.matching();
    let visible = (full.height as usize).saturating_sub(10).max(3);
    let first = window(0, picker.cursor, matching.len(), visible);
    let label_width = matching
        .iter()
        .map(|i| i.label.chars().count())
        .max()
        .unwrap_or(10)
        .min(70);
    let mut lines = vec![
        Line::from(vec![
            Span::styled(" Type to narrow: ", theme.dim),
            Span::raw(format!("{}▏", picker.query)),
        ]),
        Line::raw(""),
    ];
    for (i, item) in matching.iter().enumerate().skip(first).take(visible) {
        let focused = i == picker.cursor;
        let style = if focused {
            theme.cursor
        } else if item.refused.is_some() {
            theme.dim
        } else {
            theme.text
        };
        let pointer = if focused { "▶" } else { " " };
        let detail = item.refused.clone().unwrap_or_else(|| item.detail.clone());
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "{pointer}{:<label_width$}",
                    truncate(&item.label, label_width)
                ),
                style,
            ),
            Span::styled(format!("  {detail}"), theme.dim),
        ]));
    }
    lines.push(Line::raw(""));
    match &picker.problem {
        Some(p) => lines.push(Line::styled(format!(" ✗ {p}"), theme.bad)),
        None => lines.push(Line::styled(
            match choosing {
                Choosing::Territory(_) => " Enter moves the selection there · Esc leaves it",
                Choosing::Treaty => " Enter chooses · Esc leaves it as it was",
                Choosing::DiffAgainst => " Enter shows the diff · Esc leaves it",
            },
            theme.dim,
        )),
    }
    let width = full.width.saturating_sub(6).min(130);
    let area = popup(frame, width, wrapped_height(&lines, width) + 2);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .block(block(&picker.title, theme)),
        area,
    );
}

/// How many rows `lines` take when wrapped inside a box `width` wide (borders included).
fn wrapped_height(lines: &[Line], width: u16) -> u16 {
    let inner = (width as usize).saturating_sub(2).max(1);
    lines
        .iter()
        .map(|l| l.width().div_ceil(inner).max(1) as u16)
        .sum()
}

fn money(x: Decimal, currency: Currency) -> String {
    format_money_dp(x, currency, 0)
}

/// `▲ +€42,100` or `▼ -€3,000`, or nothing when the figure did not move.
fn change(delta: Option<&Decimal>, currency: Currency, theme: &Theme) -> Span<'static> {
    match delta {
        Some(d) if d.is_sign_positive() && !d.is_zero() => {
            Span::styled(format!(" ▲ +{}", money(*d, currency)), theme.up)
        }
        Some(d) if !d.is_zero() => Span::styled(format!(" ▼ {}", money(*d, currency)), theme.down),
        _ => Span::raw(""),
    }
}

fn header_lines(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let a = app.assessment();
    let cur = a.currency;
    let position = app.scenario_index() + 1;
    let verdict = match a.treaty.verdict {
        TreatyVerdict::Pass => Span::styled("treaty ✓", theme.good),
        TreatyVerdict::Fail => Span::styled("treaty ✗", theme.bad),
        TreatyVerdict::Unverified => Span::styled("treaty ? (a bound is unknown)", theme.warn),
        TreatyVerdict::Derogation => Span::styled("treaty ~ (needs a derogation)", theme.warn),
        TreatyVerdict::NotApplicable => Span::styled("no treaty", theme.dim),
    };
    let mut first = vec![
        Span::styled(format!(" {} ", a.project), theme.title),
        Span::raw(format!(
            "· scenario \"{}\" ({position}/{}) · ",
            a.scenario,
            app.project().scenarios().len()
        )),
        verdict,
    ];
    if !a.goals.is_empty() {
        let met = a.goals.iter().filter(|g| g.met).count();
        let (mark, style) = if met == a.goals.len() {
            ("✓", theme.good)
        } else {
            ("✗", theme.bad)
        };
        first.push(Span::raw(" · "));
        first.push(Span::styled(
            format!("goals {mark} {met}/{}", a.goals.len()),
            style,
        ));
    }
    if app.unsaved > 0 {
        first.push(Span::styled(
            format!(" · {} unsaved", app.unsaved),
            theme.warn,
        ));
    }
    if app.read_only.is_some() {
        first.push(Span::styled(" · read-only", theme.warn));
    }
    // Most important first, so a narrow terminal cuts the least useful end.
    let gap_style = if a.gap.is_sign_positive() && !a.gap.is_zero() {
        theme.bad
    } else {
        theme.text
    };
    let second = vec![
        Span::styled(format!(" gap {}", money(a.gap, cur)), gap_style),
        change(Some(&app.changes().gap), cur, theme),
        Span::raw(format!(
            " · incentives {} net",
            money(a.incentives_net, cur)
        )),
        change(Some(&app.changes().incentives_net), cur, theme),
        Span::raw(format!(" · net cost {}", money(a.net_cost, cur))),
        change(Some(&app.changes().net_cost), cur, theme),
        Span::raw(format!(
            " · financing {} · budget {}",
            money(a.financing_total, cur),
            money(a.budget_total, cur)
        )),
    ];
    vec![Line::from(first), Line::from(second)]
}

fn block(title: &str, theme: &Theme) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), theme.title))
}

/// A panel's frame: the focused one is marked, so the person knows where j/k and x act.
fn panel_block(title: &str, focused: bool, theme: &Theme) -> Block<'static> {
    if focused {
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme.focus)
            .title(Span::styled(format!("▸ {title} "), theme.focus))
    } else {
        block(title, theme)
    }
}

/// `▶` on the focused panel's cursor row, so it shows without colours too.
fn pointer(app: &App, panel: Panel, index: usize) -> Span<'static> {
    if app.focus() == panel && app.panel_cursor(panel) == index {
        Span::styled("▶", ratatui::style::Style::new())
    } else {
        Span::raw(" ")
    }
}

fn row_style(app: &App, panel: Panel, index: usize, base: Style, theme: &Theme) -> Style {
    if app.focus() == panel && app.panel_cursor(panel) == index {
        theme.cursor
    } else {
        base
    }
}

fn draw_budget(frame: &mut Frame, areas: &Areas, app: &App, theme: &Theme) {
    let area = areas.budget;
    let project = app.project();
    let a = app.assessment();
    let cur = a.currency;
    let height = list_height(areas, Panel::Budget);
    let rows = app.rows();
    let first = first_shown(app, areas, Panel::Budget);
    app.budget_top.set(first);
    let width = area.width.saturating_sub(2) as usize;
    let amount_width = 13;
    let where_width = 13;
    // Who pays and labour/goods when there is room for them.
    let wide = width >= 70;
    let payer_width = if wide { 8 } else { 0 };
    let fixed = 1 + amount_width + 1 + where_width + if wide { payer_width + 6 } else { 1 };
    let name_width = width.saturating_sub(fixed).max(8);
    let mut lines = Vec::with_capacity(height + 1);
    let heading = if wide {
        format!(
            " {:<name_width$} {:>amount_width$} {:<where_width$} {:<payer_width$} {}",
            "line", "amount", "spent in", "pays", "L/G"
        )
    } else {
        format!(
            " {:<name_width$} {:>amount_width$} {:<where_width$}",
            "line", "amount", "spent in"
        )
    };
    lines.push(Line::styled(heading, theme.dim));
    for (offset, row) in rows.iter().enumerate().skip(first).take(height) {
        let (name, amount, place, payer, kind, style) = match *row {
            Row::Category(c) => {
                let total = a
                    .categories
                    .iter()
                    .find(|x| x.category == c)
                    .map(|x| x.total)
                    .unwrap_or_default();
                (
                    c.label().to_uppercase(),
                    money(total, cur),
                    String::new(),
                    String::new(),
                    "",
                    theme.title,
                )
            }
            Row::Account(i) => {
                let acc = &project.accounts()[i];
                let total = a.accounts.get(i).map(|x| x.total).unwrap_or_default();
                (
                    format!("  {} {}", acc.code, acc.name),
                    money(total, cur),
                    String::new(),
                    String::new(),
                    "",
                    theme.text,
                )
            }
            Row::Line(i) => {
                let line = &project.lines()[i];
                let mark = if app.marked().contains(&line.id) {
                    "•"
                } else {
                    " "
                };
                let pin = if line.pinned { "⌂ " } else { "" };
                let cost = project.cost_in(app.scenario_index(), i);
                let payer = app
                    .scenario()
                    .overrides
                    .get(&line.id)
                    .and_then(|o| o.paid_by.as_ref())
                    .or(line.paid_by.as_ref())
                    .map(|p| p.0.clone())
                    .unwrap_or_else(|| "·".into());
                let moved = app.allocation(i) != &line.spent_in;
                (
                    format!("   {mark} {pin}{}", line.description),
                    money(cost, cur),
                    format!("{}{}", app.allocation(i), if moved { "*" } else { "" }),
                    payer,
                    if line.kind == crate::model::LineKind::Labour {
                        "L"
                    } else {
                        "G"
                    },
                    theme.text,
                )
            }
        };
        // A visible pointer as well as the reverse video, for terminals without styles.
        let focused = app.focus() == Panel::Budget && offset == app.cursor();
        let pointer = if offset == app.cursor() { '▶' } else { ' ' };
        let mut text = format!(
            "{pointer}{:<name_width$} {:>amount_width$} {:<where_width$}",
            truncate(&name, name_width),
            amount,
            truncate(&place, where_width)
        );
        if wide {
            text.push_str(&format!(
                " {:<payer_width$} {kind}",
                truncate(&payer, payer_width)
            ));
        }
        let style = if focused { theme.cursor } else { style };
        lines.push(Line::styled(text, style));
    }
    let mut title = format!("Budget ({} lines)", project.lines().len());
    if !app.filter().is_empty() {
        title.push_str(&format!(" · filter \"{}\"", app.filter()));
    }
    if !app.marked().is_empty() {
        title.push_str(&format!(" · {} marked", app.marked().len()));
    }
    frame.render_widget(
        Paragraph::new(lines).block(panel_block(&title, app.focus() == Panel::Budget, theme)),
        area,
    );
}

fn draw_territories(frame: &mut Frame, areas: &Areas, app: &App, theme: &Theme) {
    let area = areas.territories;
    let a = app.assessment();
    let cur = a.currency;
    // The figures take 39 cells (27 without the incentives). A change (▲ +€13,766) comes
    // before the bar, and before the incentives column when the panel is too narrow for it.
    let inner = (area.width as usize).saturating_sub(2);
    let widest_change = a
        .territories
        .iter()
        .map(|t| {
            change(
                app.changes().territories.get(t.territory.as_str()),
                cur,
                theme,
            )
            .width()
        })
        .max()
        .unwrap_or(0);
    let show_incentives = inner.saturating_sub(39) >= widest_change;
    let room = inner.saturating_sub(if show_incentives { 39 } else { 27 });
    let bar_width = match room.saturating_sub(widest_change) {
        w if w >= 5 => w.min(30),
        _ => 0,
    };
    let lines: Vec<Line> = a
        .territories
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let partner_share = a
                .partners
                .iter()
                .find(|p| p.country == t.territory.country())
                .map(|p| p.share);
            let spans = vec![
                pointer(app, Panel::Territories, i),
                Span::styled(
                    format!(
                        "{:<6}{:>12} {:>6} {}",
                        t.territory.as_str(),
                        money(t.total, cur),
                        format!("{:.1}", t.share),
                        if show_incentives {
                            format!("{:>11} ", money(t.incentives, cur))
                        } else {
                            String::new()
                        }
                    ),
                    row_style(app, Panel::Territories, i, theme.text, theme),
                ),
                Span::styled(bar(t.share, partner_share, bar_width), theme.good),
                change(
                    app.changes().territories.get(t.territory.as_str()),
                    cur,
                    theme,
                ),
            ];
            Line::from(spans)
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(panel_block(
            "Territories: spend, share, incentives (█ spend | partner)",
            app.focus() == Panel::Territories,
            theme,
        )),
        area,
    );
}

/// A bar of `share` with a `|` where the partner's financial share falls.
fn bar(share: Percent, partner: Option<Percent>, width: usize) -> String {
    let cells = |p: Percent| -> usize {
        let filled = p.points() * Decimal::from(width as u64) / Decimal::ONE_HUNDRED;
        filled.round().try_into().unwrap_or(0usize).min(width)
    };
    let filled = cells(share);
    let marker = partner.map(cells);
    (0..width)
        .map(|i| {
            if Some(i) == marker {
                '|'
            } else if i < filled {
                '█'
            } else {
                '·'
            }
        })
        .collect()
}

fn draw_programs(frame: &mut Frame, areas: &Areas, app: &App, theme: &Theme) {
    let area = areas.incentives;
    let cur = app.assessment().currency;
    let width = area.width.saturating_sub(2) as usize;
    let height = list_height(areas, Panel::Incentives);
    let first = first_shown(app, areas, Panel::Incentives);
    // Room is kept for the change (▲ +€12,345) after the figure.
    let name_width = width.saturating_sub(33).clamp(20, 40);
    let lines: Vec<Line> =
        app.shown_programs()
            .into_iter()
            .enumerate()
            .skip(first)
            .take(height)
            .map(|(i, p)| {
                let (mark, style) = match p.status {
                    ProgramStatus::Claimed if p.near_threshold => ("~", theme.warn),
                    ProgramStatus::Claimed => ("✓", theme.good),
                    ProgramStatus::NotEligible => ("✗", theme.bad),
                    ProgramStatus::Excluded
                    | ProgramStatus::NotApplicable
                    | ProgramStatus::NoSpend => ("·", theme.dim),
                };
                let detail = match p.status {
                    ProgramStatus::Claimed => {
                        let headroom = p
                            .caps
                            .iter()
                            .filter(|c| !c.binding)
                            .map(|c| c.headroom)
                            .min()
                            .map(|h| format!("headroom {}", money(h, cur)));
                        let binding = p
                            .caps
                            .iter()
                            .any(|c| c.binding)
                            .then(|| "capped".to_string());
                        let next = p.next_threshold.as_ref().map(|t| {
                            format!("next: {} ({} away)", t.label, money(t.distance, cur))
                        });
                        [binding, next.or(headroom)]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(" · ")
                    }
                    _ => p
                        .reasons
                        .first()
                        .map(|r| r.message.clone())
                        .unwrap_or_default(),
                };
                Line::from(vec![
                    pointer(app, Panel::Incentives, i),
                    Span::styled(format!("{mark} "), style),
                    Span::styled(
                        format!(
                            "{:<name_width$} {:>12}",
                            truncate(&p.name, name_width),
                            money(p.net, cur)
                        ),
                        row_style(app, Panel::Incentives, i, theme.text, theme),
                    ),
                    change(app.changes().programs.get(&p.id), cur, theme),
                    Span::styled(format!("  {detail}"), theme.dim),
                ])
            })
            .collect();
    frame.render_widget(
        Paragraph::new(lines).block(panel_block(
            "Incentives, net (✓ claimed ~ near a threshold ✗ not met)",
            app.focus() == Panel::Incentives,
            theme,
        )),
        area,
    );
}

fn draw_partners(frame: &mut Frame, areas: &Areas, app: &App, theme: &Theme) {
    let area = areas.partners;
    let narrow = area.width < 62;
    let a = app.assessment();
    let cur = a.currency;
    let lines: Vec<Line> = a
        .partners
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let failing = a.treaty.checks.iter().find(|c| {
                matches!(c.outcome, CheckOutcome::Fail | CheckOutcome::Derogation)
                    && (c.id == format!("share-{}", p.country)
                        || c.id == format!("financial-{}", p.id))
            });
            let band = match (p.band_min, p.band_max) {
                (None, None) => String::new(),
                (min, max) => format!(
                    "band {}–{}",
                    min.map(|v| v.to_string()).unwrap_or_else(|| "?".into()),
                    max.map(|v| v.to_string()).unwrap_or_else(|| "?".into())
                ),
            };
            let share_style = if failing.is_some() {
                theme.bad
            } else {
                theme.text
            };
            // A narrow panel keeps the share and the bound it breaks, and drops the amount.
            let cells = if narrow {
                format!("{:<16} ", truncate(&p.name, 16))
            } else {
                format!(
                    "{:<22} {:>13} ",
                    truncate(&p.name, 22),
                    money(p.contribution, cur)
                )
            };
            let mut spans = vec![
                pointer(app, Panel::Partners, i),
                Span::styled(cells, row_style(app, Panel::Partners, i, theme.text, theme)),
                Span::styled(format!("{:>7}", format!("{:.2}", p.share)), share_style),
            ];
            if let Some((_, d)) = app.changes().partners.get(&p.id)
                && !d.points().is_zero()
            {
                let (s, arrow) = if d.points().is_sign_positive() {
                    (theme.up, "▲ +")
                } else {
                    (theme.down, "▼ ")
                };
                spans.push(Span::styled(format!(" {arrow}{:.2}", d), s));
            }
            match failing {
                Some(check) => {
                    let broken = match (p.band_min, p.band_max) {
                        (Some(min), _) if p.share.points() < min.points() => {
                            if narrow {
                                format!("below min {min}")
                            } else {
                                format!("below the minimum {min}")
                            }
                        }
                        (_, Some(max)) if p.share.points() > max.points() => {
                            if narrow {
                                format!("above max {max}")
                            } else {
                                format!("above the maximum {max}")
                            }
                        }
                        _ => format!("outside {}", check.bound),
                    };
                    if check.outcome == CheckOutcome::Derogation {
                        // Short: the explanation (x) gives the bound the authorities may accept.
                        let side = match (p.band_min, p.band_max) {
                            (Some(min), _) if p.share.points() < min.points() => {
                                format!("below {min}")
                            }
                            (_, Some(max)) => format!("above {max}"),
                            _ => broken,
                        };
                        let text = if narrow {
                            format!("  ~ {side}: derog.")
                        } else {
                            format!("  ~ {side}: by derogation")
                        };
                        spans.push(Span::styled(text, theme.warn))
                    } else {
                        spans.push(Span::styled(format!("  ✗ {broken}"), theme.bad))
                    }
                }
                None => spans.push(Span::styled(format!("  {band}"), theme.dim)),
            }
            Line::from(spans)
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(panel_block(
            "Partners (contribution, share)",
            app.focus() == Panel::Partners,
            theme,
        )),
        area,
    );
}

fn draw_goals(frame: &mut Frame, areas: &Areas, app: &App, theme: &Theme) {
    let area = areas.goals;
    if area.height == 0 {
        return;
    }
    let goals = &app.assessment().goals;
    let width = area.width.saturating_sub(2) as usize;
    let height = list_height(areas, Panel::Goals);
    let first = first_shown(app, areas, Panel::Goals);
    let lines: Vec<Line> = goals
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, g)| {
            let (mark, style) = if g.met {
                ("✓", theme.good)
            } else {
                ("✗", theme.bad)
            };
            // The goal, then the figure and, for a number, the bound it is held to.
            let numeric = !matches!(
                g.goal,
                Goal::Claimed(_) | Goal::TreatyPasses | Goal::ObligationsMet
            );
            let figures = if numeric {
                format!("{} ({})", g.figure, g.target)
            } else {
                g.figure.clone()
            };
            let label_width = width.saturating_sub(figures.chars().count() + 5);
            Line::from(vec![
                pointer(app, Panel::Goals, i),
                Span::styled(format!("{mark} "), style),
                Span::styled(
                    format!("{:<label_width$} ", truncate(&g.label, label_width)),
                    row_style(app, Panel::Goals, i, theme.text, theme),
                ),
                Span::styled(figures, if g.met { theme.text } else { theme.bad }),
            ])
        })
        .collect();
    let met = goals.iter().filter(|g| g.met).count();
    let title = format!("Goals ({met} of {} met)", goals.len());
    frame.render_widget(
        Paragraph::new(lines).block(panel_block(&title, app.focus() == Panel::Goals, theme)),
        area,
    );
}

fn draw_treaty(frame: &mut Frame, areas: &Areas, app: &App, theme: &Theme) {
    let area = areas.treaty;
    let t = &app.assessment().treaty;
    let width = area.width.saturating_sub(2) as usize;
    let mut lines = vec![Line::styled(truncate(&t.why, width), theme.dim)];
    let height = list_height(areas, Panel::Treaty);
    let first = first_shown(app, areas, Panel::Treaty);
    let mut items: Vec<Line> = t
        .checks
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (mark, style) = match c.outcome {
                CheckOutcome::Pass => ("✓", theme.good),
                CheckOutcome::Fail => ("✗", theme.bad),
                CheckOutcome::Unknown => ("?", theme.warn),
                CheckOutcome::Derogation => ("~", theme.warn),
            };
            let text_style = if c.outcome == CheckOutcome::Fail {
                theme.bad
            } else {
                theme.text
            };
            Line::from(vec![
                pointer(app, Panel::Treaty, i),
                Span::styled(format!("{mark} "), style),
                Span::styled(
                    truncate(&c.message, width.saturating_sub(3)),
                    row_style(app, Panel::Treaty, i, text_style, theme),
                ),
            ])
        })
        .collect();
    if let Some(points) = &t.points {
        let passed = points.score >= points.threshold;
        items.push(Line::from(vec![
            pointer(app, Panel::Treaty, t.checks.len()),
            Span::styled(
                if passed { "✓ " } else { "✗ " },
                if passed { theme.good } else { theme.bad },
            ),
            Span::styled(
                format!(
                    "points {} of {} (needs {})",
                    points.score, points.total, points.threshold
                ),
                row_style(app, Panel::Treaty, t.checks.len(), theme.text, theme),
            ),
        ]));
    }
    lines.extend(items.into_iter().skip(first).take(height));
    let title = t.treaty_name.clone().unwrap_or_else(|| "Treaty".into());
    frame.render_widget(
        Paragraph::new(lines).block(panel_block(&title, app.focus() == Panel::Treaty, theme)),
        area,
    );
}

fn hint_line(app: &App, mode: Mode, width: usize, theme: &Theme) -> Line<'static> {
    use super::action::Action;
    let mut spans = Vec::new();
    // Most needed first, so a narrow terminal drops the rest; `?` always lists everything.
    const ORDER: [Action; 18] = [
        Action::Help,
        Action::Quit,
        Action::Save,
        Action::Undo,
        Action::MoveNext,
        Action::MovePrevious,
        Action::PickTerritory,
        Action::EditSplit,
        Action::EditLine,
        Action::Explain,
        Action::FocusNext,
        Action::Redo,
        Action::Compare,
        Action::NextScenario,
        Action::ForkScenario,
        Action::Filter,
        Action::EditPartners,
        Action::ChooseTreaty,
    ];
    let rank = |b: &&Binding| {
        ORDER
            .iter()
            .position(|a| *a == b.action)
            .unwrap_or(ORDER.len())
    };
    let mut listed: Vec<&Binding> = app
        .keys()
        .in_mode(mode)
        .filter(|b| b.hint.is_some())
        .collect();
    if mode == Mode::Workbench {
        listed.sort_by_key(rank);
    }
    // While the optimiser works, Esc is the one key that does anything.
    if matches!(app.overlay, Overlay::Searching { .. }) {
        listed.retain(|b| b.action == Action::Cancel);
    }
    // Whole hints only: a narrow terminal drops the last ones rather than cutting one.
    let mut used = 0;
    for b in listed {
        if let Some(word) = b.hint {
            let key = format!(" {}", b.key.label());
            let word = format!(" {word} ");
            used += key.chars().count() + word.chars().count();
            if used > width {
                break;
            }
            spans.push(Span::styled(key, theme.hint_key));
            spans.push(Span::styled(word, theme.dim));
        }
    }
    Line::from(spans)
}
