//! Plain tables for the terminal and Markdown, built from an assessment or a diff: what
//! `coprod report` and `coprod diff` print and the workbench's diff view shows.

use crate::engine::diff::{LineChangeKind, ScenarioDiff};
use crate::engine::{Assessment, CheckOutcome, ProgramStatus, TreatyVerdict};
use crate::model::{Currency, format_money};
use crate::optimise::{Method, Plan};

mod packs;
pub use packs::{Pack, caps_text};

/// A titled table of text cells; numbers are right-aligned.
pub struct Table {
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new<S: Into<String>>(
        title: impl Into<String>,
        headers: impl IntoIterator<Item = S>,
    ) -> Table {
        Table {
            title: title.into(),
            headers: headers.into_iter().map(Into::into).collect(),
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
        if self.rows.is_empty() {
            return out;
        }
        out.push_str(&line(self.headers.iter().map(String::as_str).collect()));
        out.push('\n');
        for row in &self.rows {
            out.push_str(&line(row.iter().map(String::as_str).collect()));
            out.push('\n');
        }
        out
    }

    pub fn markdown(&self) -> String {
        let esc = |c: &str| c.replace('|', "\\|");
        if self.rows.is_empty() {
            return format!("## {}\n", self.title);
        }
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
    // A figure: an optional sign and currency symbol, digits with separators, and perhaps a
    // percent sign, a currency code ("1,000.00 CHF") or a unit ("+1.68 pts"). Ids such as
    // "3100-01" are not figures.
    let c = cell.trim_start_matches(['+', '-', '€', '£', '$', 'C', 'A', 'N', 'Z']);
    let number = match c.split_once(' ') {
        Some((n, unit))
            if unit == "pts"
                || (unit.len() == 3 && unit.chars().all(|u| u.is_ascii_uppercase())) =>
        {
            n
        }
        Some(_) => return false,
        None => c,
    };
    let number = number.strip_suffix('%').unwrap_or(number);
    number.starts_with(|ch: char| ch.is_ascii_digit())
        && number
            .chars()
            .all(|ch| ch.is_ascii_digit() || ch == ',' || ch == '.')
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
    let mut out = vec![
        summary_table(a),
        territory_table(a),
        programs_table(a),
        partners_table(a),
        treaty_table(a),
    ];
    out.extend(obligations_table(a));
    out.extend(goals_table(a));
    out
}

/// The headline figures, titled with the project, scenario and currency.
pub fn summary_table(a: &Assessment) -> Table {
    let m = |x| format_money(x, a.currency);
    let cur = a.currency;
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
    summary
}

pub fn territory_table(a: &Assessment) -> Table {
    let m = |x| format_money(x, a.currency);
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
    t
}

pub fn programs_table(a: &Assessment) -> Table {
    let m = |x| format_money(x, a.currency);
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
    p
}

pub fn partners_table(a: &Assessment) -> Table {
    let m = |x| format_money(x, a.currency);
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
    partners
}

pub fn treaty_table(a: &Assessment) -> Table {
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
    tr
}

/// The spend obligations of financing sources, when there are any.
pub fn obligations_table(a: &Assessment) -> Option<Table> {
    let m = |x| format_money(x, a.currency);
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
        return Some(ob);
    }
    None
}

/// The goals, met or not, when the project sets any.
pub fn goals_table(a: &Assessment) -> Option<Table> {
    if !a.goals.is_empty() {
        let met = a.goals.iter().filter(|g| g.met).count();
        let mut goals = Table::new(
            format!("Goals ({met} of {} met)", a.goals.len()),
            vec!["Goal", "Met", "Figure", "Goal bound", "Detail"],
        );
        for g in &a.goals {
            goals.rows.push(vec![
                g.label.clone(),
                if g.met { "✓ met" } else { "✗ NOT MET" }.into(),
                g.figure.clone(),
                g.target.clone(),
                g.message.clone(),
            ]);
        }
        return Some(goals);
    }
    None
}

/// A signed amount: "+€1,200.00", "-€96,794.45", "€0.00".
fn signed(x: rust_decimal::Decimal, cur: Currency) -> String {
    if x.is_sign_positive() && !x.is_zero() {
        format!("+{}", format_money(x, cur))
    } else {
        format_money(x, cur)
    }
}

fn outcome_word(o: Option<CheckOutcome>) -> &'static str {
    o.map(outcome_label).unwrap_or("(none)")
}

/// The semantic diff as tables, in reading order: what changed in the budget, then what it
/// did. Tables with nothing to say are left out; the totals are always there.
pub fn diff_tables(d: &ScenarioDiff) -> Vec<Table> {
    let cur = d.currency;
    let m = |x| format_money(x, cur);
    let mut out = Vec::new();

    if !d.lines.is_empty() {
        let mut t = Table::new(
            format!(
                "What changed in the budget ({} change{})",
                d.lines.len(),
                if d.lines.len() == 1 { "" } else { "s" }
            ),
            vec!["Line", "Description", "Change", "From", "To", "Amount"],
        );
        for c in &d.lines {
            let (what, from, to, amount) = match &c.change {
                LineChangeKind::Moved { from, to, cost } => {
                    ("moved", from.clone(), to.clone(), m(*cost))
                }
                LineChangeKind::Cost { from, to } => {
                    ("re-priced", m(*from), m(*to), signed(*to - *from, cur))
                }
                LineChangeKind::Payer { from, to } => {
                    ("payer", from.clone(), to.clone(), String::new())
                }
                LineChangeKind::Added { spent_in, cost } => {
                    ("added", String::new(), spent_in.clone(), m(*cost))
                }
                LineChangeKind::Removed { spent_in, cost } => {
                    ("removed", spent_in.clone(), String::new(), m(*cost))
                }
            };
            t.rows.push(vec![
                c.id.to_string(),
                c.description.clone(),
                what.into(),
                from,
                to,
                amount,
            ]);
        }
        out.push(t);
    }
    if !d.project_changes.is_empty() {
        let mut t = Table::new("What changed in the project", vec!["Change"]);
        t.rows = d.project_changes.iter().map(|c| vec![c.clone()]).collect();
        out.push(t);
    }
    if !d.territories.is_empty() {
        let mut t = Table::new(
            "Spend by territory",
            vec!["Territory", "Before", "After", "Change"],
        );
        for f in &d.territories {
            t.rows.push(vec![
                f.label.clone(),
                m(f.before),
                m(f.after),
                signed(f.delta, cur),
            ]);
        }
        out.push(t);
    }
    if !d.programs.is_empty() {
        let mut t = Table::new(
            "Incentives, net",
            vec!["Program", "Before", "After", "Change", "Status", "Why"],
        );
        for p in &d.programs {
            let status = |s: Option<ProgramStatus>| s.map(status_label).unwrap_or("· not in play");
            let status = if p.status_before == p.status_after {
                status(p.status_after).to_string()
            } else {
                format!("{} → {}", status(p.status_before), status(p.status_after))
            };
            t.rows.push(vec![
                p.name.clone(),
                m(p.net_before),
                m(p.net_after),
                signed(p.delta, cur),
                status,
                p.why.clone().unwrap_or_default(),
            ]);
        }
        out.push(t);
    }
    if !d.partners.is_empty() {
        let mut t = Table::new(
            "Partners",
            vec![
                "Partner",
                "Share before",
                "Share after",
                "Change",
                "Band",
                "Contribution after",
            ],
        );
        let share = |s: Option<crate::model::Percent>| {
            s.map(|s| format!("{s:.2}")).unwrap_or_else(|| "-".into())
        };
        for p in &d.partners {
            let delta = p.delta_points.round_dp(2);
            t.rows.push(vec![
                p.name.clone(),
                share(p.share_before),
                share(p.share_after),
                if delta.is_sign_positive() && !delta.is_zero() {
                    format!("+{delta:.2} pts")
                } else {
                    format!("{delta:.2} pts")
                },
                p.band.clone().unwrap_or_default(),
                m(p.contribution_after),
            ]);
        }
        out.push(t);
    }
    let tr = &d.treaty;
    let verdict = if tr.verdict_before == tr.verdict_after {
        format!("{} (unchanged)", verdict_label(tr.verdict_after))
    } else {
        format!(
            "{} → {}",
            verdict_label(tr.verdict_before),
            verdict_label(tr.verdict_after)
        )
    };
    let name = match (&tr.treaty_before, &tr.treaty_after) {
        (b, a) if b == a => a.clone().unwrap_or_else(|| "no treaty".into()),
        (b, a) => format!(
            "{} → {}",
            b.as_deref().unwrap_or("no treaty"),
            a.as_deref().unwrap_or("no treaty")
        ),
    };
    let mut t = Table::new(
        format!("Treaty: {name} — {verdict}"),
        vec!["Check", "Before", "After", "Detail"],
    );
    for f in &tr.flipped {
        t.rows.push(vec![
            f.label.clone(),
            outcome_word(f.before).into(),
            outcome_word(f.after).into(),
            f.message.clone(),
        ]);
    }
    if t.rows.is_empty() {
        t.title.push_str("; no check changed");
    }
    out.push(t);
    if !d.goals.is_empty() {
        let mut t = Table::new("Goals", vec!["Goal", "Before", "After", "Detail"]);
        let met = |m: Option<bool>| match m {
            Some(true) => "✓ met",
            Some(false) => "✗ not met",
            None => "(not set)",
        };
        for g in &d.goals {
            t.rows.push(vec![
                g.label.clone(),
                met(g.met_before).into(),
                met(g.met_after).into(),
                g.message.clone(),
            ]);
        }
        out.push(t);
    }
    let mut t = Table::new("Totals", vec!["Measure", "Before", "After", "Change"]);
    for f in &d.totals {
        t.rows.push(vec![
            f.label.clone(),
            m(f.before),
            m(f.after),
            signed(f.delta, cur),
        ]);
    }
    out.push(t);
    out
}

/// What the optimiser proposes, as `coprod optimise` prints it and the workbench shows it: how
/// the result was found, the totals before and after, the moves and the constraints.
pub fn plan_text(title: &str, from: &str, plan: &Plan, cur: Currency) -> String {
    let m = |x| format_money(x, cur);
    let mut s = format!("{title}: optimising \"{from}\"\n\n");
    s.push_str(&match &plan.method {
        Method::Exhaustive { allocations } => format!(
            "Method: every allocation of the {} movable line(s) was assessed ({allocations}); this is the best there is.\n",
            plan.movable_lines
        ),
        Method::Search { evaluations, bound } => format!(
            "Method: local search over the {} movable line(s) ({evaluations} assessments). This is the best found, not proven the best: no allocation can earn more than {} in net incentives (an upper bound; the plan is {} below it).\n",
            plan.movable_lines,
            m(*bound),
            m(*bound - plan.incentives_after)
        ),
    });
    s.push_str(&format!(
        "Net incentives {} → {} ({}{}); net cost {} → {}.\n",
        m(plan.incentives_before),
        m(plan.incentives_after),
        if plan.incentives_after >= plan.incentives_before {
            "+"
        } else {
            ""
        },
        m(plan.incentives_after - plan.incentives_before),
        m(plan.net_cost_before),
        m(plan.net_cost_after)
    ));
    if let Some(why) = &plan.infeasible {
        s.push_str(&format!("\nNOT FEASIBLE: {why}.\n"));
    }
    if plan.moves.is_empty() {
        s.push_str("\nNo move improves on the scenario as it is.\n");
    } else {
        let mut t = Table::new(
            format!("Moves ({})", plan.moves.len()),
            vec![
                "Line",
                "Description",
                "From",
                "To",
                "Net incentives",
                "Programs",
            ],
        );
        for mv in &plan.moves {
            t.rows.push(vec![
                mv.line.to_string(),
                mv.description.clone(),
                mv.from.clone(),
                mv.to.clone(),
                if mv.incentives.is_sign_negative() {
                    m(mv.incentives)
                } else {
                    format!("+{}", m(mv.incentives))
                },
                mv.programs
                    .iter()
                    .map(|(name, delta)| format!("{name} {delta}"))
                    .collect::<Vec<_>>()
                    .join("; "),
            ]);
        }
        s.push('\n');
        s.push_str(&t.text());
    }
    let mut t = Table::new("Constraints", vec!["Constraint", "Met", "Binds", "Detail"]);
    for c in &plan.constraints {
        t.rows.push(vec![
            c.label.clone(),
            if c.met { "✓" } else { "✗" }.into(),
            if c.binding { "binds" } else { "" }.into(),
            c.detail.clone(),
        ]);
    }
    s.push('\n');
    s.push_str(&t.text());
    if plan.constraints.is_empty() {
        s.push_str("(no treaty check, goal or spend obligation applies)\n");
    }
    s
}

/// The assessment as one long CSV table: section, item, measure and value, every figure exact
/// and unformatted (`coprod report --format csv`).
pub fn assessment_csv(a: &Assessment) -> String {
    let quote = |c: &str| {
        if c.contains([',', '"', '\n']) {
            format!("\"{}\"", c.replace('"', "\"\""))
        } else {
            c.to_string()
        }
    };
    let mut out = String::from("section,item,measure,value\n");
    let mut row = |section: &str, item: &str, measure: &str, value: String| {
        out.push_str(&format!(
            "{},{},{},{}\n",
            quote(section),
            quote(item),
            quote(measure),
            quote(&value)
        ));
    };
    row(
        "summary",
        &a.project,
        "budget_total",
        a.budget_total.to_string(),
    );
    row(
        "summary",
        &a.project,
        "financing_total",
        a.financing_total.to_string(),
    );
    row("summary", &a.project, "gap", a.gap.to_string());
    row(
        "summary",
        &a.project,
        "incentives_net",
        a.incentives_net.to_string(),
    );
    row("summary", &a.project, "net_cost", a.net_cost.to_string());
    for t in &a.territories {
        row(
            "territory",
            t.territory.as_str(),
            "spend",
            t.total.to_string(),
        );
        row(
            "territory",
            t.territory.as_str(),
            "share",
            t.share.points().to_string(),
        );
    }
    for p in &a.programs {
        row("program", &p.id, "status", format!("{:?}", p.status));
        row(
            "program",
            &p.id,
            "qualifying_spend",
            p.qualifying_spend.to_string(),
        );
        row("program", &p.id, "gross", p.gross.to_string());
        row("program", &p.id, "net", p.net.to_string());
    }
    for p in &a.partners {
        row("partner", &p.id, "contribution", p.contribution.to_string());
        row("partner", &p.id, "share", p.share.points().to_string());
    }
    for c in &a.treaty.checks {
        row("treaty", &c.id, "outcome", format!("{:?}", c.outcome));
        row("treaty", &c.id, "figure", c.figure.clone());
    }
    out
}
