//! Financier packs: the tables a fund, a financier or a co-producer asks for, by name, so that
//! one project file gives each of them the same figures laid out their way.

use super::{
    Table, obligations_table, partners_table, status_label, summary_table, territory_table,
    treaty_table,
};
use crate::engine::{AccountSpend, Assessment, ProgramAssessment, ProgramStatus, claimant_in};
use crate::model::{Category, Currency, Percent, Project, format_money};
use rust_decimal::Decimal;

/// A named selection of tables (and of workbook sheets) for one kind of reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pack {
    /// Everything coprod reports.
    Full,
    /// The Eurimages application: the summary budget split by producer, in euros.
    Eurimages,
    /// A financing plan laid out by partner, as Nordic and most national funds ask.
    FinancePlan,
    /// Who pays for each account beside where it is spent (the "Koproduzentenaufteilung").
    CoproducerSplit,
    /// The incentive schedule.
    Incentives,
}

impl Pack {
    pub const ALL: [Pack; 5] = [
        Pack::Full,
        Pack::Eurimages,
        Pack::FinancePlan,
        Pack::CoproducerSplit,
        Pack::Incentives,
    ];

    /// The name given to `--pack`.
    pub fn name(self) -> &'static str {
        match self {
            Pack::Full => "full",
            Pack::Eurimages => "eurimages",
            Pack::FinancePlan => "finance-plan",
            Pack::CoproducerSplit => "coproducer-split",
            Pack::Incentives => "incentives",
        }
    }

    /// What the pack holds, in a few words.
    pub fn short(self) -> &'static str {
        match self {
            Pack::Full => "every table and sheet",
            Pack::Eurimages => "the summary budget by producer, in euros",
            Pack::FinancePlan => "each partner's sources and incentives",
            Pack::CoproducerSplit => "who pays beside where it is spent",
            Pack::Incentives => "the incentive schedule",
        }
    }

    /// What the pack holds, in a sentence.
    pub fn about(self) -> &'static str {
        match self {
            Pack::Full => {
                "every table: summary, spend by territory, incentives, partners, treaty, obligations and goals"
            }
            Pack::Eurimages => {
                "the summary budget split by the producer who covers each cost (not where it is spent), in euros; the finance plan; the co-producers' shares against the treaty bands; the treaty checks and points"
            }
            Pack::FinancePlan => {
                "the financing plan by partner: each source and the incentives it earns, as shares of the budget, with subtotals and the gap; the shares against the treaty bands; the spend obligations"
            }
            Pack::CoproducerSplit => {
                "each account split by the partner who pays for it and, beside it, by the territory where it is spent"
            }
            Pack::Incentives => {
                "the incentive schedule: each program's rate, qualifying and counted spend, gross and net benefit, caps, source and date; spend by territory"
            }
        }
    }

    pub fn parse(name: &str) -> Result<Pack, String> {
        Pack::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| {
                format!(
                    "there is no pack \"{name}\"; the packs are:\n{}",
                    Pack::ALL
                        .iter()
                        .map(|p| format!("  {:<17} {}", p.name(), p.about()))
                        .collect::<Vec<_>>()
                        .join("\n")
                )
            })
    }

    /// Whether the pack can be made for a project whose base currency is `currency`.
    pub fn fits(self, currency: Currency) -> Result<(), String> {
        if self == Pack::Eurimages && currency.as_str() != "EUR" {
            return Err(format!(
                "the Eurimages pack is in euros (Eurimages converts at its own exchange rate) and this project's base currency is {currency}. Save a copy with currency: \"EUR\" and the Eurimages rate for {currency} in its rates, and export that copy; or choose another pack"
            ));
        }
        Ok(())
    }

    /// The pack's tables for assessment `a` of `project`.
    pub fn tables(self, project: &Project, a: &Assessment) -> Vec<Table> {
        let mut out = match self {
            Pack::Full => return super::tables(a),
            Pack::Eurimages => vec![
                summary_table(a),
                budget_by_producer(a),
                finance_plan(project, a),
                partners_table(a),
                treaty_table(a),
            ],
            Pack::FinancePlan => vec![
                summary_table(a),
                finance_plan(project, a),
                partners_table(a),
            ],
            Pack::CoproducerSplit => vec![
                summary_table(a),
                budget_by_producer(a),
                budget_by_territory(a),
            ],
            Pack::Incentives => vec![
                summary_table(a),
                incentive_schedule(project, a),
                territory_table(a),
            ],
        };
        if self == Pack::FinancePlan {
            out.extend(obligations_table(a));
        }
        out
    }
}

/// The budget by account, one column per partner: what each covers, wherever it is spent (the
/// Eurimages summary budget by producer). A subtotal per category, the total, and each
/// partner's share of the budget.
pub fn budget_by_producer(a: &Assessment) -> Table {
    account_split(
        a,
        "Summary budget by producer (the cost each partner covers, wherever it is spent)",
        a.partners.iter().map(|p| p.name.clone()).collect(),
        |acc| &acc.paid_by,
        |ci| a.categories[ci].paid_by.clone(),
        a.partners.iter().map(|p| (p.pays, p.pays_share)).collect(),
    )
}

/// The budget by account, one column per territory: where it is spent.
pub fn budget_by_territory(a: &Assessment) -> Table {
    account_split(
        a,
        "Budget by territory of spend (what incentives and spend obligations count)",
        a.territories
            .iter()
            .map(|t| format!("Spent in {}", t.territory))
            .collect(),
        |acc| &acc.spent_in,
        |ci| a.territories.iter().map(|t| t.by_category[ci]).collect(),
        a.territories.iter().map(|t| (t.total, t.share)).collect(),
    )
}

/// Accounts as rows and `columns` as columns, with a subtotal per category, the total and
/// each column's share of the budget. Every figure is the engine's.
fn account_split<'a>(
    a: &'a Assessment,
    title: &str,
    columns: Vec<String>,
    by_account: impl Fn(&'a AccountSpend) -> &'a [Decimal],
    by_category: impl Fn(usize) -> Vec<Decimal>,
    totals: Vec<(Decimal, Percent)>,
) -> Table {
    let m = |x| format_money(x, a.currency);
    let mut headers = vec!["Account".to_string(), "Heading".to_string()];
    headers.extend(columns);
    headers.push("Total".into());
    let mut t = Table::new(title, headers);
    for (ci, category) in Category::ALL.iter().enumerate() {
        let c = &a.categories[ci];
        // Amounts are never negative: no total, nothing in any column.
        if c.total.is_zero() {
            continue;
        }
        for acc in a
            .accounts
            .iter()
            .filter(|x| x.category == *category && !x.total.is_zero())
        {
            let mut row = vec![acc.code.clone(), acc.name.clone()];
            row.extend(by_account(acc).iter().map(|x| m(*x)));
            row.push(m(acc.total));
            t.rows.push(row);
        }
        let mut row = vec![String::new(), format!("Total {}", category.label())];
        row.extend(by_category(ci).into_iter().map(m));
        row.push(m(c.total));
        t.rows.push(row);
    }
    let mut row = vec![String::new(), "Total budget".into()];
    row.extend(totals.iter().map(|(x, _)| m(*x)));
    row.push(m(a.budget_total));
    t.rows.push(row);
    let mut row = vec![String::new(), "Share of the budget".into()];
    row.extend(totals.iter().map(|(_, s)| format!("{s:.2}")));
    row.push(String::new());
    t.rows.push(row);
    t
}

/// The financing plan by partner: each source in its own currency and in the base, the net
/// incentives credited to the partner, the partner's total and share; then the total
/// financing, the budget and the gap.
pub fn finance_plan(project: &Project, a: &Assessment) -> Table {
    let m = |x| format_money(x, a.currency);
    let mut t = Table::new(
        format!("Financing plan ({})", a.currency),
        [
            "Partner",
            "Source",
            "Kind",
            "Amount",
            "In base",
            "Share of budget",
        ],
    );
    for (i, p) in a.partners.iter().enumerate() {
        for s in &p.sources {
            t.rows.push(vec![
                p.name.clone(),
                s.name.clone(),
                s.kind.label().into(),
                format_money(s.amount, s.currency),
                m(s.base),
                format!("{:.2}", s.share),
            ]);
        }
        for prog in a
            .programs
            .iter()
            .filter(|x| x.status == ProgramStatus::Claimed)
            .filter(|x| claimant_in(project, &x.territory) == i)
        {
            t.rows.push(vec![
                p.name.clone(),
                prog.name.clone(),
                "incentive, net".into(),
                String::new(),
                m(prog.net),
                String::new(),
            ]);
        }
        t.rows.push(vec![
            String::new(),
            format!("Total {}", p.name),
            String::new(),
            String::new(),
            m(p.contribution),
            format!("{:.2}", p.share),
        ]);
    }
    for (label, value) in [
        ("Total financing", a.financing_total),
        ("Budget", a.budget_total),
        ("Gap", a.gap),
    ] {
        t.rows.push(vec![
            String::new(),
            label.into(),
            String::new(),
            String::new(),
            m(value),
            String::new(),
        ]);
    }
    t
}

/// Each program in play: who it is credited to, its rate, spend, benefit, caps and provenance.
pub fn incentive_schedule(project: &Project, a: &Assessment) -> Table {
    let m = |x| format_money(x, a.currency);
    let mut t = Table::new(
        "Incentive schedule",
        [
            "Program",
            "Territory",
            "Credited to",
            "Status",
            "Rate",
            "Qualifying",
            "Counted",
            "Gross",
            "Net",
            "Caps",
            "Source",
            "Valid from",
            "Confidence",
        ],
    );
    for p in a
        .programs
        .iter()
        .filter(|p| p.status != ProgramStatus::NoSpend)
    {
        let claimed = p.status == ProgramStatus::Claimed;
        t.rows.push(vec![
            p.name.clone(),
            p.territory.to_string(),
            a.partners[claimant_in(project, &p.territory)].name.clone(),
            status_label(p.status).into(),
            format!("{:.2}", p.effective_rate),
            m(p.qualifying_spend),
            m(p.counted_spend),
            m(if claimed { p.gross } else { Default::default() }),
            m(if claimed { p.net } else { Default::default() }),
            caps_text(p, a.currency),
            p.source.clone(),
            p.valid_from.to_string(),
            format!("{:?}", p.confidence),
        ]);
    }
    t
}

/// A program's caps in a sentence: "cap on qualifying spend €10,000,000.00 (binds); …".
pub fn caps_text(p: &ProgramAssessment, currency: Currency) -> String {
    p.caps
        .iter()
        .map(|c| {
            format!(
                "{} {}{}",
                c.label,
                format_money(c.limit, currency),
                if c.binding { " (binds)" } else { "" }
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}
