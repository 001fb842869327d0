//! The financier's workbook: one .xlsx with the summary, the budget lines, the budget by
//! territory and by payer, the finance plan, the incentive schedule and the treaty checks.
//!
//! Totals, shares and the gap are live formulas over the exported lines and sources, so a
//! financier who changes a cell sees the sums follow; each formula also carries its result, so
//! the file reads right before any recalculation. Figures come from the engine and are written
//! as spreadsheet numbers (binary floating point, as every spreadsheet stores them) only here,
//! at the file's edge.

use crate::engine::{Assessment, CheckOutcome, ProgramStatus, claimant_in, default_payer};
use crate::model::{Category, Currency, Project, Scenario};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet, XlsxError};

/// A formula with its result, so the file reads right before any recalculation.
fn live(formula: impl Into<String>, result: f64) -> Formula {
    Formula::new(formula.into()).set_result(result.to_string())
}

/// A decimal as a spreadsheet number, unrounded, so that sums in the sheet agree with the
/// engine's to the cent (the cell format shows two places).
fn n(x: Decimal) -> f64 {
    x.to_f64().unwrap_or_default()
}

/// "€#,##0.00", or the code after the figure for a currency without a symbol.
fn money_format(currency: Currency) -> Format {
    let pattern = match currency.symbol() {
        "" => format!("#,##0.00 \"{currency}\""),
        symbol => format!("\"{symbol}\"#,##0.00"),
    };
    Format::new().set_num_format(pattern)
}

/// Column letter of a 0-based column (A, B, … Z, AA).
fn col(c: u16) -> String {
    let mut c = c as u32 + 1;
    let mut s = String::new();
    while c > 0 {
        let r = (c - 1) % 26;
        s.insert(0, (b'A' + r as u8) as char);
        c = (c - 1) / 26;
    }
    s
}

fn headings(
    sheet: &mut Worksheet,
    row: u32,
    names: &[&str],
    bold: &Format,
) -> Result<(), XlsxError> {
    for (c, h) in names.iter().enumerate() {
        sheet.write_string_with_format(row, c as u16, *h, bold)?;
    }
    sheet.set_freeze_panes(row + 1, 0)?;
    Ok(())
}

/// Writes the workbook for `scenario` of `project` (assessed as `a`) and returns its bytes.
pub fn workbook(
    project: &Project,
    scenario: &Scenario,
    a: &Assessment,
    stamp: &str,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let cur = a.currency;
    let money = money_format(cur);
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0.00%");
    // What each partner pays for in each category, added up as the lines are written.
    let mut paid: std::collections::HashMap<(Category, usize), Decimal> =
        std::collections::HashMap::new();

    // Lines: one row per territory a line is spent in.
    let mut lines = Worksheet::new();
    lines.set_name("Lines")?;
    headings(
        &mut lines,
        0,
        &[
            "Line",
            "Account",
            "Description",
            "Category",
            "Spent in",
            "Share",
            "Paid by",
            "Kind",
            "Line cost",
            "Cost here",
        ],
        &bold,
    )?;
    let mut row = 1u32;
    for (i, line) in project.lines().iter().enumerate() {
        let placed = project.placed(scenario, i);
        let cost = placed.cost;
        let account_category = project.account(&line.account).map(|a| a.category);
        let category = account_category.map(Category::label).unwrap_or("");
        for (territory, share) in placed.spent_in.parts() {
            let who = match placed.paid_by {
                Some(id) => project
                    .partners()
                    .iter()
                    .position(|p| &p.id == id)
                    .unwrap_or_default(),
                None => default_payer(project, territory),
            };
            if let Some(c) = account_category {
                *paid.entry((c, who)).or_default() += share.of(cost);
            }
            let payer = project.partners()[who].id.0.clone();
            let r = row + 1;
            lines.write_string(row, 0, line.id.0.as_str())?;
            lines.write_string(row, 1, line.account.as_str())?;
            lines.write_string(row, 2, line.description.as_str())?;
            lines.write_string(row, 3, category)?;
            lines.write_string(row, 4, territory.as_str())?;
            lines.write_number_with_format(row, 5, n(share.fraction()), &percent)?;
            lines.write_string(row, 6, payer.as_str())?;
            lines.write_string(row, 7, line.kind.label())?;
            lines.write_number_with_format(row, 8, n(cost), &money)?;
            lines.write_formula_with_format(
                row,
                9,
                live(format!("=I{r}*F{r}"), n(share.of(cost))),
                &money,
            )?;
            row += 1;
        }
    }
    let last_line = row;
    lines.set_column_width(2, 48)?;
    lines.set_column_width(8, 16)?;
    lines.set_column_width(9, 16)?;
    let cost_here = format!("Lines!$J$2:$J${last_line}");
    let spent_col = format!("Lines!$E$2:$E${last_line}");
    let payer_col = format!("Lines!$G$2:$G${last_line}");
    let category_col = format!("Lines!$D$2:$D${last_line}");

    // Finance plan: each source, then each partner's contribution and share.
    let mut plan = Worksheet::new();
    plan.set_name("Finance plan")?;
    headings(
        &mut plan,
        0,
        &[
            "Partner",
            "Source",
            "Kind",
            "Amount",
            "Currency",
            "Amount in base",
        ],
        &bold,
    )?;
    let mut row = 1u32;
    for partner in project.partners() {
        for source in &partner.financing {
            let base = project
                .rates()
                .to_base(source.amount, source.currency)
                .unwrap_or_default();
            plan.write_string(row, 0, partner.id.0.as_str())?;
            plan.write_string(row, 1, source.name.as_str())?;
            plan.write_string(row, 2, source.kind.label())?;
            plan.write_number(row, 3, n(source.amount))?;
            plan.write_string(row, 4, source.currency.to_string())?;
            plan.write_number_with_format(row, 5, n(base), &money)?;
            row += 1;
        }
    }
    let last_source = row.max(2);
    let sources_partner = format!("'Finance plan'!$A$2:$A${last_source}");
    let sources_amount = format!("'Finance plan'!$F$2:$F${last_source}");

    // Incentives: the engine's figures, each credited to a partner.
    let mut inc = Worksheet::new();
    inc.set_name("Incentives")?;
    headings(
        &mut inc,
        0,
        &[
            "Program",
            "Id",
            "Territory",
            "Credited to",
            "Status",
            "Qualifying spend",
            "Counted spend",
            "Effective rate",
            "Gross",
            "Net",
            "Caps",
            "Source",
            "Valid from",
            "Confidence",
        ],
        &bold,
    )?;
    let mut row = 1u32;
    for p in a
        .programs
        .iter()
        .filter(|p| p.status != ProgramStatus::NoSpend)
    {
        let claimed = p.status == ProgramStatus::Claimed;
        inc.write_string(row, 0, p.name.as_str())?;
        inc.write_string(row, 1, p.id.as_str())?;
        inc.write_string(row, 2, p.territory.as_str())?;
        inc.write_string(
            row,
            3,
            project.partners()[claimant_in(project, &p.territory)]
                .id
                .0
                .as_str(),
        )?;
        inc.write_string(row, 4, crate::report::status_label(p.status))?;
        inc.write_number_with_format(row, 5, n(p.qualifying_spend), &money)?;
        inc.write_number_with_format(row, 6, n(p.counted_spend), &money)?;
        inc.write_number_with_format(row, 7, n(p.effective_rate.fraction()), &percent)?;
        inc.write_number_with_format(
            row,
            8,
            n(if claimed { p.gross } else { Decimal::ZERO }),
            &money,
        )?;
        inc.write_number_with_format(
            row,
            9,
            n(if claimed { p.net } else { Decimal::ZERO }),
            &money,
        )?;
        let caps: Vec<String> = p
            .caps
            .iter()
            .map(|c| {
                format!(
                    "{} {}{}",
                    c.label,
                    crate::model::format_money(c.limit, cur),
                    if c.binding { " (binds)" } else { "" }
                )
            })
            .collect();
        inc.write_string(row, 10, caps.join("; "))?;
        inc.write_string(row, 11, p.source.as_str())?;
        inc.write_string(row, 12, p.valid_from.to_string())?;
        inc.write_string(row, 13, format!("{:?}", p.confidence))?;
        row += 1;
    }
    let last_program = row.max(2);
    let net_col = format!("Incentives!$J$2:$J${last_program}");
    let credited_col = format!("Incentives!$D$2:$D${last_program}");
    let territory_inc_col = format!("Incentives!$C$2:$C${last_program}");
    inc.set_column_width(0, 44)?;

    // Summary.
    let mut summary = Worksheet::new();
    summary.set_name("Summary")?;
    summary.write_string_with_format(0, 0, stamp, &bold)?;
    headings(&mut summary, 2, &["Measure", "Amount"], &bold)?;
    let rows: [(&str, String, Decimal); 6] = [
        ("Budget", format!("=SUM({cost_here})"), a.budget_total),
        (
            "Financing sources",
            format!("=SUM({sources_amount})"),
            a.financing_total - a.incentives_net,
        ),
        (
            "Incentives, net",
            format!("=SUM({net_col})"),
            a.incentives_net,
        ),
        ("Financing total", "=B5+B6".into(), a.financing_total),
        ("Gap", "=B4-B7".into(), a.gap),
        ("Net cost", "=B4-B6".into(), a.net_cost),
    ];
    for (i, (label, formula, value)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        summary.write_string(r, 0, *label)?;
        summary.write_formula_with_format(r, 1, live(formula, n(*value)), &money)?;
    }
    summary.set_column_width(0, 24)?;
    summary.set_column_width(1, 18)?;

    // Partners, on the finance plan sheet below the sources.
    let top = last_source + 2;
    headings(
        &mut plan,
        top,
        &[
            "Partner",
            "Country",
            "Role",
            "Financing",
            "Incentives",
            "Contribution",
            "Share",
            "Band min",
            "Band max",
            "In band",
        ],
        &bold,
    )?;
    for (i, p) in a.partners.iter().enumerate() {
        let r = top + 1 + i as u32;
        let x = r + 1;
        plan.write_string(r, 0, p.id.as_str())?;
        plan.write_string(r, 1, p.country.as_str())?;
        plan.write_string(r, 2, p.role.label())?;
        plan.write_formula_with_format(
            r,
            3,
            live(
                format!("=SUMIFS({sources_amount},{sources_partner},A{x})"),
                n(p.financing),
            ),
            &money,
        )?;
        plan.write_formula_with_format(
            r,
            4,
            live(
                format!("=SUMIFS({net_col},{credited_col},A{x})"),
                n(p.incentives),
            ),
            &money,
        )?;
        plan.write_formula_with_format(
            r,
            5,
            live(format!("=D{x}+E{x}"), n(p.contribution)),
            &money,
        )?;
        plan.write_formula_with_format(
            r,
            6,
            live(format!("=F{x}/Summary!$B$4"), n(p.share.fraction())),
            &percent,
        )?;
        if let Some(min) = p.band_min {
            plan.write_number_with_format(r, 7, n(min.fraction()), &percent)?;
        }
        if let Some(max) = p.band_max {
            plan.write_number_with_format(r, 8, n(max.fraction()), &percent)?;
        }
        if p.band_min.is_some() || p.band_max.is_some() {
            let min = if p.band_min.is_some() {
                format!("G{x}>=H{x}")
            } else {
                "TRUE".into()
            };
            let max = if p.band_max.is_some() {
                format!("G{x}<=I{x}")
            } else {
                "TRUE".into()
            };
            let inside =
                p.band_min.is_none_or(|m| p.share >= m) && p.band_max.is_none_or(|m| p.share <= m);
            plan.write_formula(
                r,
                9,
                Formula::new(format!("=IF(AND({min},{max}),\"yes\",\"NO\")"))
                    .set_result(if inside { "yes" } else { "NO" }),
            )?;
        }
    }
    plan.set_column_width(1, 36)?;

    // Budget by territory, and by payer and category (the summary budget split by producer).
    let mut by = Worksheet::new();
    by.set_name("Budget by territory")?;
    headings(
        &mut by,
        0,
        &["Territory", "Spend", "Share", "Incentives, net"],
        &bold,
    )?;
    for (i, t) in a.territories.iter().enumerate() {
        let r = 1 + i as u32;
        let x = r + 1;
        by.write_string(r, 0, t.territory.as_str())?;
        by.write_formula_with_format(
            r,
            1,
            live(format!("=SUMIFS({cost_here},{spent_col},A{x})"), n(t.total)),
            &money,
        )?;
        by.write_formula_with_format(
            r,
            2,
            live(format!("=B{x}/Summary!$B$4"), n(t.share.fraction())),
            &percent,
        )?;
        let exact: Decimal = a
            .programs
            .iter()
            .filter(|p| p.status == ProgramStatus::Claimed && p.territory == t.territory)
            .map(|p| p.net)
            .sum();
        by.write_formula_with_format(
            r,
            3,
            live(
                format!("=SUMIFS({net_col},{territory_inc_col},A{x})"),
                n(exact),
            ),
            &money,
        )?;
    }
    let top = a.territories.len() as u32 + 3;
    let partners = project.partners();
    let mut names: Vec<&str> = vec!["Category"];
    names.extend(partners.iter().map(|p| p.id.0.as_str()));
    names.push("Total");
    headings(&mut by, top, &names, &bold)?;
    by.set_freeze_panes(1, 0)?;
    for (i, category) in Category::ALL.iter().enumerate() {
        let r = top + 1 + i as u32;
        let x = r + 1;
        by.write_string(r, 0, category.label())?;
        for j in 0..partners.len() {
            let c = 1 + j as u16;
            let head = format!("{}${}", col(c), top + 1);
            let paid = paid.get(&(*category, j)).copied().unwrap_or_default();
            by.write_formula_with_format(
                r,
                c,
                live(
                    format!("=SUMIFS({cost_here},{category_col},$A{x},{payer_col},{head})"),
                    n(paid),
                ),
                &money,
            )?;
        }
        let last = col(partners.len() as u16);
        let total = a.categories[i].total;
        by.write_formula_with_format(
            r,
            partners.len() as u16 + 1,
            live(format!("=SUM(B{x}:{last}{x})"), n(total)),
            &money,
        )?;
    }

    // Treaty checks and points.
    let mut treaty = Worksheet::new();
    treaty.set_name("Treaty")?;
    treaty.write_string_with_format(
        0,
        0,
        a.treaty
            .treaty_name
            .as_deref()
            .unwrap_or("No treaty applies"),
        &bold,
    )?;
    treaty.write_string(1, 0, a.treaty.why.as_str())?;
    headings(
        &mut treaty,
        3,
        &["Check", "Result", "Figure", "Bound", "Detail"],
        &bold,
    )?;
    for (i, c) in a.treaty.checks.iter().enumerate() {
        let r = 4 + i as u32;
        treaty.write_string(r, 0, c.label.as_str())?;
        treaty.write_string(
            r,
            1,
            match c.outcome {
                CheckOutcome::Pass => "pass",
                CheckOutcome::Fail => "FAIL",
                CheckOutcome::Derogation => "derogation",
                CheckOutcome::Unknown => "unknown",
            },
        )?;
        treaty.write_string(r, 2, c.figure.as_str())?;
        treaty.write_string(r, 3, c.bound.as_str())?;
        treaty.write_string(r, 4, c.message.as_str())?;
    }
    if let Some(points) = &a.treaty.points {
        let r = 5 + a.treaty.checks.len() as u32;
        treaty.write_string(
            r,
            0,
            format!(
                "Points: {} of {} (needs {})",
                points.score, points.total, points.threshold
            ),
        )?;
    }
    treaty.set_column_width(0, 32)?;

    book.push_worksheet(summary);
    book.push_worksheet(plan);
    book.push_worksheet(by);
    book.push_worksheet(inc);
    book.push_worksheet(treaty);
    book.push_worksheet(lines);
    book.save_to_buffer()
}
