//! Plain tables for the terminal and Markdown, built from the assessment.

use crate::engine::{Assessment, CheckOutcome, ProgramStatus, TreatyVerdict};
use crate::model::{Currency, format_money};

/// A titled table of text cells; numbers are right-aligned.
pub struct Table {
    pub title: String,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    fn new(title: impl Into<String>, headers: Vec<&'static str>) -> Table {
        Table {
            title: title.into(),
            headers,
            rows: Vec::new(),
        }
    }

    pub fn text(&self) -> String {
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let numeric = |i: usize| {
            self.rows
                .iter()
                .all(|r| r.get(i).is_some_and(|c| looks_numeric(c)))
        };
        let line = |cells: Vec<&str>| -> String {
            cells
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let pad = widths[i].saturating_sub(c.chars().count());
                    if numeric(i) {
                        format!("{}{c}", " ".repeat(pad))
                    } else {
                        format!("{c}{}", " ".repeat(pad))
                    }
                })
                .collect::<Vec<_>>()
                .join("  ")
                .trim_end()
                .to_string()
        };
        let mut out = format!("{}\n", self.title);
        out.push_str(&line(self.headers.clone()));
        out.push('\n');
        for row in &self.rows {
            out.push_str(&line(row.iter().map(String::as_str).collect()));
            out.push('\n');
        }
        out
    }

    pub fn markdown(&self) -> String {
        let esc = |c: &str| c.replace('|', "\\|");
        let mut out = format!("## {}\n\n| {} |\n|", self.title, self.headers.join(" | "));
        for _ in &self.headers {
            out.push_str("---|");
        }
        out.push('\n');
        for row in &self.rows {
            out.push_str(&format!(
                "| {} |\n",
                row.iter().map(|c| esc(c)).collect::<Vec<_>>().join(" | ")
            ));
        }
        out
    }
}

fn looks_numeric(cell: &str) -> bool {
    let c = cell.trim_start_matches(['-', '€', '£', '$', 'C', 'A', 'N', 'Z']);
    !c.is_empty() && c.chars().next().is_some_and(|ch| ch.is_ascii_digit()) && !c.contains(' ')
}

pub fn verdict_label(v: TreatyVerdict) -> &'static str {
    match v {
        TreatyVerdict::Pass => "passes",
        TreatyVerdict::Fail => "FAILS",
        TreatyVerdict::Unverified => "passes what can be checked (a bound is unknown)",
        TreatyVerdict::Derogation => "passes only by derogation (the authorities' approval)",
        TreatyVerdict::NotApplicable => "not applicable",
    }
}

pub fn status_label(s: ProgramStatus) -> &'static str {
    match s {
        ProgramStatus::Claimed => "✓ claimed",
        ProgramStatus::NotEligible => "✗ not eligible",
        ProgramStatus::Excluded => "– excluded",
        ProgramStatus::NoSpend => "· no spend",
        ProgramStatus::NotApplicable => "· not applicable",
    }
}

fn outcome_label(o: CheckOutcome) -> &'static str {
    match o {
        CheckOutcome::Pass => "✓ pass",
        CheckOutcome::Fail => "✗ FAIL",
        CheckOutcome::Unknown => "? unknown",
        CheckOutcome::Derogation => "~ DEROGATION",
    }
}

/// The assessment as a list of tables, in reading order.
pub fn tables(a: &Assessment) -> Vec<Table> {
    let cur: Currency = a.currency;
    let m = |x| format_money(x, cur);
    let mut out = Vec::new();

    let mut summary = Table::new(
        format!("{} — scenario \"{}\" ({})", a.project, a.scenario, cur),
        vec!["Measure", "Amount"],
    );
    for (label, value) in [
        ("Budget", m(a.budget_total)),
        ("Financing (sources + net incentives)", m(a.financing_total)),
        ("Gap", m(a.gap)),
        ("Incentives, gross", m(a.incentives_gross)),
        ("Incentives, net", m(a.incentives_net)),
        ("Net cost", m(a.net_cost)),
        (
            "Public aid",
            format!("{} ({:.2})", m(a.public_aid), a.public_aid_share),
        ),
    ] {
        summary.rows.push(vec![label.to_string(), value]);
    }
    out.push(summary);

    let mut t = Table::new(
        "Spend by territory",
        vec!["Territory", "Spend", "Share", "Labour", "Goods & services"],
    );
    for s in &a.territories {
        t.rows.push(vec![
            s.territory.to_string(),
            m(s.total),
            format!("{:.2}", s.share),
            m(s.labour),
            m(s.goods),
        ]);
    }
    out.push(t);

    let mut p = Table::new(
        "Incentive programs",
        vec![
            "Program",
            "Territory",
            "Status",
            "Qualifying",
            "Counted",
            "Gross",
            "Net",
            "Why",
        ],
    );
    let idle: Vec<&str> = a
        .programs
        .iter()
        .filter(|p| p.status == ProgramStatus::NoSpend)
        .map(|p| p.id.as_str())
        .collect();
    if !idle.is_empty() {
        p.title = format!("{} (no spend, not in play: {})", p.title, idle.join(", "));
    }
    for prog in a
        .programs
        .iter()
        .filter(|p| p.status != ProgramStatus::NoSpend)
    {
        let why = match prog.status {
            ProgramStatus::Claimed => prog
                .next_threshold
                .as_ref()
                .map(|t| format!("next: {}, {} away", t.label, m(t.distance)))
                .unwrap_or_default(),
            _ => prog
                .reasons
                .iter()
                .map(|r| r.message.clone())
                .collect::<Vec<_>>()
                .join("; "),
        };
        p.rows.push(vec![
            prog.name.clone(),
            prog.territory.to_string(),
            status_label(prog.status).into(),
            m(prog.qualifying_spend),
            m(prog.counted_spend),
            m(prog.gross),
            m(prog.net),
            why,
        ]);
    }
    out.push(p);

    let mut partners = Table::new(
        "Partners",
        vec![
            "Partner",
            "Country",
            "Role",
            "Financing",
            "Incentives",
            "Contribution",
            "Share",
            "Band",
            "Pays for",
        ],
    );
    for x in &a.partners {
        let band = match (x.band_min, x.band_max) {
            (None, None) => String::new(),
            (min, max) => format!(
                "{}–{}",
                min.map(|v| v.to_string()).unwrap_or_else(|| "?".into()),
                max.map(|v| v.to_string()).unwrap_or_else(|| "?".into())
            ),
        };
        partners.rows.push(vec![
            x.name.clone(),
            x.country.to_string(),
            x.role.label().into(),
            m(x.financing),
            m(x.incentives),
            m(x.contribution),
            format!("{:.2}", x.share),
            band,
            m(x.pays),
        ]);
    }
    out.push(partners);

    let title = match &a.treaty.treaty_name {
        Some(name) => format!("Treaty: {name} — {}", verdict_label(a.treaty.verdict)),
        None => format!("Treaty: {}", verdict_label(a.treaty.verdict)),
    };
    let mut tr = Table::new(title, vec!["Check", "Result", "Figure", "Bound", "Detail"]);
    tr.rows.push(vec![
        "Which text".into(),
        String::new(),
        String::new(),
        String::new(),
        a.treaty.why.clone(),
    ]);
    for c in &a.treaty.checks {
        tr.rows.push(vec![
            c.label.clone(),
            outcome_label(c.outcome).into(),
            c.figure.clone(),
            c.bound.clone(),
            c.message.clone(),
        ]);
    }
    out.push(tr);

    if !a.obligations.is_empty() {
        let mut ob = Table::new(
            "Spend obligations",
            vec![
                "Source",
                "Partner",
                "Territory",
                "Required",
                "Achieved",
                "Shortfall",
            ],
        );
        for o in &a.obligations {
            ob.rows.push(vec![
                o.source.clone(),
                o.partner.clone(),
                o.territory.to_string(),
                m(o.required),
                m(o.achieved),
                m(o.shortfall),
            ]);
        }
        out.push(ob);
    }
    out
}
