//! Drawing the workbench: a pure function of the app state onto a frame. Only the visible
//! budget rows are laid out, so drawing does not grow with the budget.

use super::action::Action;
use super::app::{App, Overlay};
use super::keymap::{Binding, key_label};
use super::rows::Row;
use super::theme::Theme;
use crate::engine::{CheckOutcome, ProgramStatus, TreatyVerdict};
use crate::model::{Currency, Percent, format_money_dp};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use rust_decimal::Decimal;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App, keys: &[Binding], theme: &Theme) {
    let [header, body, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(5),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    frame.render_widget(Paragraph::new(header_line(app, theme)), header);
    let wide = body.width >= 120;
    let [left, right] = Layout::horizontal(if wide {
        [Constraint::Percentage(52), Constraint::Percentage(48)]
    } else {
        [Constraint::Percentage(50), Constraint::Percentage(50)]
    })
    .areas(body);
    draw_budget(frame, left, app, theme);
    let a = app.assessment();
    let [territories, programs, partners, treaty] = Layout::vertical([
        Constraint::Length(a.territories.len() as u16 + 2),
        Constraint::Min(4),
        Constraint::Length(a.partners.len() as u16 + 2),
        Constraint::Length((a.treaty.checks.len() as u16 + 3).min(10)),
    ])
    .areas(right);
    draw_territories(frame, territories, app, theme);
    draw_programs(frame, programs, app, theme);
    draw_partners(frame, partners, app, theme);
    draw_treaty(frame, treaty, app, theme);
    let status_text = if app.status.is_empty() {
        String::from(" ")
    } else {
        format!(" {}", app.status)
    };
    frame.render_widget(
        Paragraph::new(Span::styled(status_text, theme.warn)),
        status,
    );
    frame.render_widget(Paragraph::new(hint_line(keys, theme)), hints);
    match app.overlay {
        Overlay::Help => draw_help(frame, keys, theme),
        Overlay::ConfirmQuit => draw_confirm_quit(frame, app, theme),
        Overlay::None => {}
    }
}

/// A centred box of `width` × `height` cells, cleared.
fn popup(frame: &mut Frame, width: u16, height: u16) -> Rect {
    let area = frame.area();
    let w = width.min(area.width);
    let h = height.min(area.height);
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    frame.render_widget(ratatui::widgets::Clear, rect);
    rect
}

fn draw_help(frame: &mut Frame, keys: &[Binding], theme: &Theme) {
    let mut lines = Vec::new();
    let mut seen: Vec<Action> = Vec::new();
    for b in keys {
        if seen.contains(&b.action) {
            continue;
        }
        seen.push(b.action);
        let labels: Vec<String> = keys
            .iter()
            .filter(|k| k.action == b.action)
            .map(key_label)
            .collect();
        lines.push(Line::from(vec![
            Span::styled(format!(" {:<14}", labels.join(" / ")), theme.hint_key),
            Span::raw(b.description),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(" Any key closes this help.", theme.dim));
    let area = popup(frame, 70, lines.len() as u16 + 2);
    frame.render_widget(Paragraph::new(lines).block(block("Keys", theme)), area);
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
            Span::styled(" q", theme.hint_key),
            Span::raw(" quit without saving"),
        ]),
        Line::from(vec![
            Span::styled(" Ctrl-s", theme.hint_key),
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

fn header_line(app: &App, theme: &Theme) -> Line<'static> {
    let a = app.assessment();
    let cur = a.currency;
    let position = app
        .project()
        .scenarios()
        .iter()
        .position(|s| s.name == a.scenario)
        .unwrap_or(0)
        + 1;
    let verdict = match a.treaty.verdict {
        TreatyVerdict::Pass => Span::styled("treaty ✓", theme.good),
        TreatyVerdict::Fail => Span::styled("treaty ✗", theme.bad),
        TreatyVerdict::Unverified => Span::styled("treaty ? (a bound is unknown)", theme.warn),
        TreatyVerdict::NotApplicable => Span::styled("no treaty", theme.dim),
    };
    // Most important first, so a narrow terminal cuts the least useful end.
    let mut spans = vec![
        Span::styled(format!(" {} ", a.project), theme.title),
        Span::raw(format!(
            "· {} ({position}/{}) · ",
            a.scenario,
            app.project().scenarios().len()
        )),
        verdict,
        Span::raw(format!(" · gap {}", money(a.gap, cur))),
        change(Some(&app.changes().gap), cur, theme),
        Span::raw(format!(
            " · incentives {} net",
            money(a.incentives_net, cur)
        )),
        change(Some(&app.changes().incentives_net), cur, theme),
        Span::raw(format!(" · budget {}", money(a.budget_total, cur))),
    ];
    if app.unsaved > 0 {
        spans.push(Span::styled(
            format!(" · {} unsaved", app.unsaved),
            theme.warn,
        ));
    }
    Line::from(spans)
}

fn block(title: &str, theme: &Theme) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), theme.title))
}

fn draw_budget(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let project = app.project();
    let a = app.assessment();
    let cur = a.currency;
    let inner_height = area.height.saturating_sub(2) as usize;
    let rows = app.rows();
    // Keep the cursor in view; lay out only the rows that fit.
    let first = app.cursor().saturating_sub(inner_height.saturating_sub(1));
    let width = area.width.saturating_sub(2) as usize;
    let amount_width = 13;
    let where_width = 14;
    let name_width = width.saturating_sub(amount_width + where_width + 7);
    let mut lines = Vec::with_capacity(inner_height);
    for (offset, row) in rows.iter().enumerate().skip(first).take(inner_height) {
        let (name, amount, place, style) = match *row {
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
                let pin = if line.pinned { " ⌂" } else { "" };
                let cost = project.cost_in(app.scenario_index(), i);
                (
                    format!("   {mark} {}{pin}", line.description),
                    money(cost, cur),
                    app.allocation(i).to_string(),
                    theme.text,
                )
            }
        };
        // A visible pointer as well as the reverse video, for terminals without styles.
        let pointer = if offset == app.cursor() { '▶' } else { ' ' };
        let text = format!(
            "{pointer}{:<name_width$} {:>amount_width$} {:<where_width$}",
            truncate(&name, name_width),
            amount,
            truncate(&place, where_width)
        );
        let style = if offset == app.cursor() {
            theme.cursor
        } else {
            style
        };
        lines.push(Line::styled(text, style));
    }
    let title = format!("Budget ({} lines)", project.lines().len());
    frame.render_widget(Paragraph::new(lines).block(block(&title, theme)), area);
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut t: String = text.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn draw_territories(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let a = app.assessment();
    let cur = a.currency;
    let bar_width = (area.width as usize).saturating_sub(40).clamp(5, 30);
    let lines: Vec<Line> = a
        .territories
        .iter()
        .map(|t| {
            let partner_share = a
                .partners
                .iter()
                .find(|p| p.country == t.territory.country())
                .map(|p| p.share);
            let mut spans = vec![
                Span::raw(format!(
                    "{:<6}{:>13} {:>7} ",
                    t.territory.as_str(),
                    money(t.total, cur),
                    format!("{:.1}", t.share)
                )),
                Span::styled(bar(t.share, partner_share, bar_width), theme.good),
            ];
            spans.push(change(
                app.changes().territories.get(t.territory.as_str()),
                cur,
                theme,
            ));
            Line::from(spans)
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(block(
            "Spend by territory (bar: spend share, | partner share)",
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

fn draw_programs(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let a = app.assessment();
    let cur = a.currency;
    let width = area.width.saturating_sub(2) as usize;
    let lines: Vec<Line> = a
        .programs
        .iter()
        .filter(|p| p.status != ProgramStatus::NoSpend)
        .map(|p| {
            let (mark, style) = match p.status {
                ProgramStatus::Claimed if p.near_threshold => ("~", theme.warn),
                ProgramStatus::Claimed => ("✓", theme.good),
                ProgramStatus::NotEligible => ("✗", theme.bad),
                ProgramStatus::Excluded | ProgramStatus::NotApplicable | ProgramStatus::NoSpend => {
                    ("·", theme.dim)
                }
            };
            let detail = match p.status {
                ProgramStatus::Claimed => p
                    .next_threshold
                    .as_ref()
                    .map(|t| format!("next: {} ({} away)", t.label, money(t.distance, cur)))
                    .unwrap_or_default(),
                _ => p
                    .reasons
                    .first()
                    .map(|r| r.message.clone())
                    .unwrap_or_default(),
            };
            let name_width = width.saturating_sub(20).min(44);
            Line::from(vec![
                Span::styled(format!("{mark} "), style),
                Span::raw(format!(
                    "{:<name_width$} {:>13}",
                    truncate(&p.name, name_width),
                    money(p.net, cur)
                )),
                change(app.changes().programs.get(&p.id), cur, theme),
                Span::styled(format!("  {}", detail), theme.dim),
            ])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(block("Incentives (net)", theme)),
        area,
    );
}

fn draw_partners(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let a = app.assessment();
    let cur = a.currency;
    let lines: Vec<Line> = a
        .partners
        .iter()
        .map(|p| {
            let failing = a.treaty.checks.iter().any(|c| {
                c.outcome == CheckOutcome::Fail
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
            let share_style = if failing { theme.bad } else { theme.text };
            let mut spans = vec![
                Span::raw(format!(
                    "{:<22} {:>13} ",
                    truncate(&p.name, 22),
                    money(p.contribution, cur)
                )),
                Span::styled(format!("{:>7}", format!("{:.2}", p.share)), share_style),
            ];
            if let Some((_, d)) = app.changes().partners.get(&p.id) {
                if !d.points().is_zero() {
                    let s = if d.points().is_sign_positive() {
                        theme.up
                    } else {
                        theme.down
                    };
                    let arrow = if d.points().is_sign_positive() {
                        "▲ +"
                    } else {
                        "▼ "
                    };
                    spans.push(Span::styled(format!(" {arrow}{:.2}", d), s));
                }
            }
            spans.push(Span::styled(
                format!("  {band}"),
                if failing { theme.bad } else { theme.dim },
            ));
            Line::from(spans)
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(block("Partners (contribution, share)", theme)),
        area,
    );
}

fn draw_treaty(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let t = &app.assessment().treaty;
    let mut lines = vec![Line::styled(t.why.clone(), theme.dim)];
    for c in &t.checks {
        let (mark, style) = match c.outcome {
            CheckOutcome::Pass => ("✓", theme.good),
            CheckOutcome::Fail => ("✗", theme.bad),
            CheckOutcome::Unknown => ("?", theme.warn),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} "), style),
            Span::styled(
                c.message.clone(),
                if c.outcome == CheckOutcome::Fail {
                    theme.bad
                } else {
                    theme.text
                },
            ),
        ]));
    }
    let title = t.treaty_name.clone().unwrap_or_else(|| "Treaty".into());
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: true })
            .block(block(&title, theme)),
        area,
    );
}

fn hint_line(keys: &[Binding], theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    // Most needed first, so a narrow terminal drops the rest; `?` always lists everything.
    const ORDER: [Action; 11] = [
        Action::Help,
        Action::Quit,
        Action::MoveNext,
        Action::MovePrevious,
        Action::Undo,
        Action::Redo,
        Action::Save,
        Action::ToggleExpand,
        Action::ToggleMark,
        Action::NextScenario,
        Action::ForkScenario,
    ];
    let rank = |b: &&Binding| {
        ORDER
            .iter()
            .position(|a| *a == b.action)
            .unwrap_or(ORDER.len())
    };
    let mut listed: Vec<&Binding> = keys.iter().filter(|b| b.hint.is_some()).collect();
    listed.sort_by_key(rank);
    for b in listed {
        if let Some(word) = b.hint {
            spans.push(Span::styled(format!(" {}", key_label(b)), theme.hint_key));
            spans.push(Span::styled(format!(" {word} "), theme.dim));
        }
    }
    Line::from(spans)
}
