//! The financier's workbook: one .xlsx with the summary, the budget lines, the budget by
//! territory and by payer, the finance plan, the incentive schedule and the treaty checks.
//!
//! Totals, shares and the gap are live formulas over the exported lines and sources, so a
//! financier who changes a cell sees the sums follow; each formula also carries its result, so
//! the file reads right before any recalculation. Figures come from the engine and are written
//! as spreadsheet numbers (binary floating point, as every spreadsheet stores them) only here,
//! at the file's edge.

use crate::engine::{Assessment, CheckOutcome, ProgramStatus, claimant_in, default_payer};
use crate::model::{Category, Currency, Percent, Project, Scenario};
use crate::report::Pack;
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

/// The sheets of each pack, in order. Summary, Finance plan, Incentives, Lines and Rates are in
/// every pack: the summary's totals are formulas over them.
fn sheets(pack: Pack) -> &'static [&'static str] {
    match pack {
        Pack::Full => &[
            "Summary",
            "Finance plan",
            "Budget by producer",
            "Budget by territory",
            "Incentives",
            "Treaty",
            "Lines",
            "Rates",
        ],
        Pack::Eurimages => &[
            "Summary",
            "Budget by producer",
            "Finance plan",
            "Treaty",
            "Incentives",
            "Lines",
            "Rates",
        ],
        Pack::FinancePlan => &[
            "Summary",
            "Finance plan",
            "Incentives",
            "Treaty",
            "Lines",
            "Rates",
        ],
        Pack::CoproducerSplit => &[
            "Summary",
            "Budget by producer",
            "Budget by territory",
            "Finance plan",
            "Incentives",
            "Lines",
            "Rates",
        ],
        Pack::Incentives => &[
            "Summary",
            "Incentives",
            "Budget by territory",
            "Finance plan",
            "Lines",
            "Rates",
        ],
    }
}

/// The sheet a pack opens on.
fn lead(pack: Pack) -> &'static str {
    match pack {
        Pack::Full => "Summary",
        Pack::Eurimages | Pack::CoproducerSplit => "Budget by producer",
        Pack::FinancePlan => "Finance plan",
        Pack::Incentives => "Incentives",
    }
}

/// One column of an account matrix: its heading, the value its rows match in the Lines
/// sheet, and the engine's figures for each account, each category and the whole budget.
struct MatrixColumn<'a> {
    heading: String,
    matches: &'a str,
    by_account: Vec<Decimal>,
    by_category: Vec<Decimal>,
    total: Decimal,
    share: Percent,
}

/// Accounts as rows, one column per payer or territory, from row `top`: each cell a SUMIFS
/// over the Lines sheet, a subtotal per category, the total and each column's share.
fn account_matrix(
    sheet: &mut Worksheet,
    top: u32,
    a: &Assessment,
    columns: &[MatrixColumn],
    match_range: &str,
    ranges: &Ranges,
    f: &Formats,
) -> Result<(), XlsxError> {
    let mut names = vec!["Account".to_string(), "Heading".to_string()];
    names.extend(columns.iter().map(|c| c.heading.clone()));
    names.push("Total".into());
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    headings(sheet, top, &names, &f.bold)?;
    let total_col = columns.len() as u16 + 2;
    let last = col(total_col - 1);
    let mut r = top + 1;
    let mut subtotals = Vec::new();
    for (ci, category) in Category::ALL.iter().enumerate() {
        let c = &a.categories[ci];
        // Amounts are never negative, so an account or category with no total has nothing in
        // any column either.
        if c.total.is_zero() {
            continue;
        }
        let first = r + 1;
        for (ai, acc) in a.accounts.iter().enumerate() {
            if acc.category != *category || acc.total.is_zero() {
                continue;
            }
            let x = r + 1;
            sheet.write_string(r, 0, acc.code.as_str())?;
            sheet.write_string(r, 1, acc.name.as_str())?;
            for (j, column) in columns.iter().enumerate() {
                sheet.write_formula_with_format(
                    r,
                    2 + j as u16,
                    live(
                        format!(
                            "=SUMIFS({},{},$A{x},{match_range},\"{}\")",
                            ranges.cost_here,
                            ranges.account,
                            column.matches.replace('"', "\"\"")
                        ),
                        n(column.by_account[ai]),
                    ),
                    &f.money,
                )?;
            }
            sheet.write_formula_with_format(
                r,
                total_col,
                live(format!("=SUM(C{x}:{last}{x})"), n(acc.total)),
                &f.money,
            )?;
            r += 1;
        }
        let x = r + 1;
        sheet.write_string_with_format(r, 1, format!("Total {}", category.label()), &f.bold)?;
        for (j, column) in columns.iter().enumerate() {
            let l = col(2 + j as u16);
            sheet.write_formula_with_format(
                r,
                2 + j as u16,
                live(
                    format!("=SUM({l}{first}:{l}{})", r),
                    n(column.by_category[ci]),
                ),
                &f.money_bold,
            )?;
        }
        sheet.write_formula_with_format(
            r,
            total_col,
            live(format!("=SUM(C{x}:{last}{x})"), n(c.total)),
            &f.money_bold,
        )?;
        subtotals.push(x);
        r += 2;
    }
    let x = r + 1;
    sheet.write_string_with_format(r, 1, "Total budget", &f.bold)?;
    let sum_of = |l: &str| {
        if subtotals.is_empty() {
            "=0".to_string()
        } else {
            let cells: Vec<String> = subtotals.iter().map(|s| format!("{l}{s}")).collect();
            format!("={}", cells.join("+"))
        }
    };
    for (j, column) in columns.iter().enumerate() {
        let l = col(2 + j as u16);
        sheet.write_formula_with_format(
            r,
            2 + j as u16,
            live(sum_of(&l), n(column.total)),
            &f.money_bold,
        )?;
        sheet.write_formula_with_format(
            r + 1,
            2 + j as u16,
            live(
                format!("=IF(Summary!$B$4=0,0,{l}{x}/Summary!$B$4)"),
                n(column.share.fraction()),
            ),
            &f.percent,
        )?;
    }
    sheet.write_formula_with_format(
        r,
        total_col,
        live(sum_of(&col(total_col)), n(a.budget_total)),
        &f.money_bold,
    )?;
    sheet.write_string(r + 1, 1, "Share of the budget")?;
    sheet.set_column_width(1, 36)?;
    for j in 0..=columns.len() {
        sheet.set_column_width(2 + j as u16, 18)?;
    }
    Ok(())
}

/// The formats every sheet uses.
struct Formats {
    bold: Format,
    money: Format,
    money_bold: Format,
    percent: Format,
}

/// The ranges of the Lines sheet that the matrices' formulas read.
struct Ranges {
    cost_here: String,
    account: String,
    spent_in: String,
    payer: String,
}

/// Writes the workbook for `scenario` of `project` (assessed as `a`) in `pack`'s selection of
/// sheets and returns its bytes.
pub fn workbook(
    project: &Project,
    scenario: &Scenario,
    a: &Assessment,
    stamp: &str,
    pack: Pack,
) -> Result<Vec<u8>, XlsxError> {
    let cur = a.currency;
    let f = Formats {
        bold: Format::new().set_bold(),
        money: money_format(cur),
        money_bold: money_format(cur).set_bold(),
        percent: Format::new().set_num_format("0.00%"),
    };
    let (bold, money, percent) = (&f.bold, &f.money, &f.percent);

    // Rates: what one unit of each currency is worth in the base; the lines and sources
    // convert through this table, so a financier can try another rate.
    let mut rates = Worksheet::new();
    rates.set_name("Rates")?;
    headings(
        &mut rates,
        0,
        &["Currency", &format!("Rate (in {cur})"), "Taken on"],
        bold,
    )?;
    let mut currencies: Vec<Currency> = vec![cur];
    for line in project.lines() {
        if !currencies.contains(&line.currency) {
            currencies.push(line.currency);
        }
    }
    for source in project.partners().iter().flat_map(|p| &p.financing) {
        if !currencies.contains(&source.currency) {
            currencies.push(source.currency);
        }
    }
    currencies[1..].sort();
    for (i, c) in currencies.iter().enumerate() {
        let r = 1 + i as u32;
        rates.write_string(r, 0, c.as_str())?;
        rates.write_number_with_format(
            r,
            1,
            n(project.rates().rate(*c).unwrap_or_default()),
            &Format::new().set_num_format("0.0000####"),
        )?;
        match project.rates().entry(*c) {
            Some(e) => rates.write_string(r, 2, e.date.to_string())?,
            None => rates.write_string(r, 2, "base currency")?,
        };
    }
    rates.set_column_width(1, 16)?;
    let rate_table = format!("Rates!$A$2:$B${}", currencies.len() + 1);
    let formats: std::collections::HashMap<Currency, Format> =
        currencies.iter().map(|c| (*c, money_format(*c))).collect();

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
            "Currency",
            "Cost in currency",
            "Rate",
            "Line cost",
            "Cost here",
        ],
        bold,
    )?;
    let mut row = 1u32;
    for (i, line) in project.lines().iter().enumerate() {
        let placed = project.placed(scenario, i);
        let own = project.own_cost_at(i, placed.amount.unwrap_or_else(|| line.amount()));
        let rate = project.rates().rate(line.currency).unwrap_or_default();
        let category = project
            .account(&line.account)
            .map(|a| a.category.label())
            .unwrap_or("");
        for (territory, share) in placed.spent_in.parts() {
            let who = match placed.paid_by {
                Some(id) => id.0.as_str(),
                None => project.partners()[default_payer(project, territory)]
                    .id
                    .0
                    .as_str(),
            };
            let r = row + 1;
            lines.write_string(row, 0, line.id.0.as_str())?;
            lines.write_string(row, 1, line.account.as_str())?;
            lines.write_string(row, 2, line.description.as_str())?;
            lines.write_string(row, 3, category)?;
            lines.write_string(row, 4, territory.as_str())?;
            lines.write_number_with_format(row, 5, n(share.fraction()), percent)?;
            lines.write_string(row, 6, who)?;
            lines.write_string(row, 7, line.kind.label())?;
            lines.write_string(row, 8, line.currency.as_str())?;
            lines.write_number_with_format(row, 9, n(own), &formats[&line.currency])?;
            lines.write_formula(
                row,
                10,
                live(format!("=VLOOKUP(I{r},{rate_table},2,FALSE)"), n(rate)),
            )?;
            lines.write_formula_with_format(
                row,
                11,
                live(format!("=J{r}*K{r}"), n(placed.cost)),
                money,
            )?;
            lines.write_formula_with_format(
                row,
                12,
                live(format!("=L{r}*F{r}"), n(share.of(placed.cost))),
                money,
            )?;
            row += 1;
        }
    }
    let last_line = row.max(2);
    lines.set_column_width(2, 48)?;
    for c in [9, 11, 12] {
        lines.set_column_width(c, 16)?;
    }
    let ranges = Ranges {
        cost_here: format!("Lines!$M$2:$M${last_line}"),
        account: format!("Lines!$B$2:$B${last_line}"),
        spent_in: format!("Lines!$E$2:$E${last_line}"),
        payer: format!("Lines!$G$2:$G${last_line}"),
    };
    let cost_here = &ranges.cost_here;

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
            "Rate",
            "Amount in base",
            "Share of budget",
        ],
        bold,
    )?;
    let mut row = 1u32;
    for (partner, p) in project.partners().iter().zip(&a.partners) {
        for source in &p.sources {
            let r = row + 1;
            plan.write_string(row, 0, partner.id.0.as_str())?;
            plan.write_string(row, 1, source.name.as_str())?;
            plan.write_string(row, 2, source.kind.label())?;
            plan.write_number_with_format(row, 3, n(source.amount), &formats[&source.currency])?;
            plan.write_string(row, 4, source.currency.as_str())?;
            plan.write_formula(
                row,
                5,
                live(
                    format!("=VLOOKUP(E{r},{rate_table},2,FALSE)"),
                    n(project.rates().rate(source.currency).unwrap_or_default()),
                ),
            )?;
            plan.write_formula_with_format(
                row,
                6,
                live(format!("=D{r}*F{r}"), n(source.base)),
                money,
            )?;
            plan.write_formula_with_format(
                row,
                7,
                live(
                    format!("=IF(Summary!$B$4=0,0,G{r}/Summary!$B$4)"),
                    n(source.share.fraction()),
                ),
                percent,
            )?;
            row += 1;
        }
    }
    let last_source = row.max(2);
    let sources_partner = format!("'Finance plan'!$A$2:$A${last_source}");
    let sources_amount = format!("'Finance plan'!$G$2:$G${last_source}");

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
        bold,
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
        inc.write_number_with_format(row, 5, n(p.qualifying_spend), money)?;
        inc.write_number_with_format(row, 6, n(p.counted_spend), money)?;
        inc.write_number_with_format(row, 7, n(p.effective_rate.fraction()), percent)?;
        inc.write_number_with_format(
            row,
            8,
            n(if claimed { p.gross } else { Decimal::ZERO }),
            money,
        )?;
        inc.write_number_with_format(
            row,
            9,
            n(if claimed { p.net } else { Decimal::ZERO }),
            money,
        )?;
        inc.write_string(row, 10, crate::report::caps_text(p, cur))?;
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
    summary.write_string_with_format(0, 0, stamp, bold)?;
    headings(&mut summary, 2, &["Measure", "Amount"], bold)?;
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
        summary.write_formula_with_format(r, 1, live(formula, n(*value)), money)?;
    }
    summary.write_string(10, 0, format!("Pack: {} — {}", pack.name(), pack.about()))?;
    summary.write_string(
        11,
        0,
        "Totals, shares and the gap are formulas over the Lines, Finance plan, Incentives and Rates sheets.",
    )?;
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
        bold,
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
            money,
        )?;
        plan.write_formula_with_format(
            r,
            4,
            live(
                format!("=SUMIFS({net_col},{credited_col},A{x})"),
                n(p.incentives),
            ),
            money,
        )?;
        plan.write_formula_with_format(
            r,
            5,
            live(format!("=D{x}+E{x}"), n(p.contribution)),
            money,
        )?;
        plan.write_formula_with_format(
            r,
            6,
            live(
                format!("=IF(Summary!$B$4=0,0,F{x}/Summary!$B$4)"),
                n(p.share.fraction()),
            ),
            percent,
        )?;
        if let Some(min) = p.band_min {
            plan.write_number_with_format(r, 7, n(min.fraction()), percent)?;
        }
        if let Some(max) = p.band_max {
            plan.write_number_with_format(r, 8, n(max.fraction()), percent)?;
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
    plan.set_column_width(3, 18)?;
    plan.set_column_width(6, 18)?;

    // Budget by territory: spend and incentives per territory, then each account by where it
    // is spent.
    let mut by = Worksheet::new();
    by.set_name("Budget by territory")?;
    headings(
        &mut by,
        0,
        &["Territory", "Spend", "Share", "Incentives, net"],
        bold,
    )?;
    for (i, t) in a.territories.iter().enumerate() {
        let r = 1 + i as u32;
        let x = r + 1;
        by.write_string(r, 0, t.territory.as_str())?;
        by.write_formula_with_format(
            r,
            1,
            live(
                format!("=SUMIFS({cost_here},{},A{x})", ranges.spent_in),
                n(t.total),
            ),
            money,
        )?;
        by.write_formula_with_format(
            r,
            2,
            live(
                format!("=IF(Summary!$B$4=0,0,B{x}/Summary!$B$4)"),
                n(t.share.fraction()),
            ),
            percent,
        )?;
        let claimed: Decimal = a
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
                n(claimed),
            ),
            money,
        )?;
    }
    let columns: Vec<MatrixColumn> = a
        .territories
        .iter()
        .enumerate()
        .map(|(i, t)| MatrixColumn {
            heading: format!("Spent in {}", t.territory),
            matches: t.territory.as_str(),
            by_account: a.accounts.iter().map(|x| x.spent_in[i]).collect(),
            by_category: t.by_category.to_vec(),
            total: t.total,
            share: t.share,
        })
        .collect();
    account_matrix(
        &mut by,
        a.territories.len() as u32 + 3,
        a,
        &columns,
        &ranges.spent_in,
        &ranges,
        &f,
    )?;
    by.set_freeze_panes(1, 0)?;

    // Budget by producer: each account by the partner who covers its cost, wherever it is
    // spent (the Eurimages summary budget).
    let mut producer = Worksheet::new();
    producer.set_name("Budget by producer")?;
    let columns: Vec<MatrixColumn> = a
        .partners
        .iter()
        .enumerate()
        .map(|(i, p)| MatrixColumn {
            heading: p.name.clone(),
            matches: p.id.as_str(),
            by_account: a.accounts.iter().map(|x| x.paid_by[i]).collect(),
            by_category: a.categories.iter().map(|c| c.paid_by[i]).collect(),
            total: p.pays,
            share: p.pays_share,
        })
        .collect();
    account_matrix(&mut producer, 0, a, &columns, &ranges.payer, &ranges, &f)?;

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
        bold,
    )?;
    treaty.write_string(1, 0, a.treaty.why.as_str())?;
    headings(
        &mut treaty,
        3,
        &["Check", "Result", "Figure", "Bound", "Detail"],
        bold,
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

    let mut built = vec![summary, plan, producer, by, inc, treaty, lines, rates];
    let mut book = Workbook::new();
    for name in sheets(pack) {
        if let Some(i) = built.iter_mut().position(|s| s.name() == *name) {
            let mut sheet = built.swap_remove(i);
            if *name == lead(pack) {
                sheet.set_active(true);
            }
            book.push_worksheet(sheet);
        }
    }
    book.save_to_buffer()
}
