//! Why a figure is what it is: the rule, the arithmetic with the lines and caps that produced
//! it, and the source with its date. Every figure and step comes from the engine's assessment
//! (or, for a line's cost, from the model); this module only lays them out as text.

use super::app::App;
use super::rows::Row;
use crate::engine::{
    CheckOutcome, GoalAssessment, GoalScope, PartnerAssessment, ProgramAssessment, ProgramStatus,
    TerritorySpend,
};
use crate::model::{Category, Currency, Goal, format_money};
use rust_decimal::Decimal;

/// A titled page of text, scrolled by the viewer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    pub title: String,
    pub lines: Vec<String>,
    pub scroll: usize,
}

impl Explanation {
    /// An explanation with a title and no lines yet.
    pub fn titled(title: impl Into<String>) -> Explanation {
        Explanation::new(title)
    }

    fn new(title: impl Into<String>) -> Explanation {
        Explanation {
            title: title.into(),
            lines: Vec::new(),
            scroll: 0,
        }
    }

    fn push(&mut self, line: impl Into<String>) {
        self.lines.push(line.into());
    }

    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    fn heading(&mut self, text: &str) {
        self.blank();
        self.lines.push(format!("## {text}"));
    }

    /// A heading and its lines; nothing at all when there are no lines.
    fn section(&mut self, title: &str, lines: impl IntoIterator<Item = String>) {
        let mut lines = lines.into_iter().peekable();
        if lines.peek().is_some() {
            self.heading(title);
            self.lines.extend(lines);
        }
    }
}

fn m(x: Decimal, c: Currency) -> String {
    format_money(x, c)
}

/// Every key, mode by mode, from the keymap in force (so remapped keys show as they are).
pub fn keys(keys: &super::keymap::Keymap) -> Explanation {
    use super::keymap::Mode;
    let mut e = Explanation::new("Keys");
    for mode in Mode::ALL {
        e.heading(mode.label());
        let bindings: Vec<_> = keys.in_mode(mode).collect();
        let mut seen = Vec::new();
        for b in &bindings {
            if seen.contains(&b.action) {
                continue;
            }
            seen.push(b.action);
            let labels: Vec<String> = bindings
                .iter()
                .filter(|k| k.action == b.action)
                .map(|k| k.key.label())
                .collect();
            e.push(format!("{:<18}{}", labels.join(" / "), b.description));
        }
    }
    e.blank();
    e.push("Mouse: click a row to select it, the wheel scrolls. Keys can be changed in keys.ron in the config directory (see the README).");
    e
}

/// A budget row: a line's cost step by step, where it is spent, who pays, what may move it;
/// an account's or category's total.
pub fn budget_row(app: &App, row: Row) -> Explanation {
    let project = app.project();
    let a = app.assessment();
    let cur = a.currency;
    match row {
        Row::Line(i) => {
            let line = &project.lines()[i];
            let account = &project.accounts()[project.line_account(i)];
            let mut e = Explanation::new(format!("Line {} · {}", line.id, line.description));
            e.push(format!(
                "Account {} {} ({})",
                account.code,
                account.name,
                account.category.label()
            ));
            e.push(format!(
                "{}{}{}",
                line.kind.label(),
                line.residence
                    .as_ref()
                    .map(|r| format!(" · resident in {r}"))
                    .unwrap_or_default(),
                line.nationality
                    .as_ref()
                    .map(|n| format!(" · national of {n}"))
                    .unwrap_or_default()
            ));
            e.heading(&format!("Cost in scenario \"{}\"", app.scenario().name));
            for step in project.cost_steps(app.scenario_index(), i) {
                e.push(step);
            }
            e.push(format!(
                "= {} counted in the budget",
                m(project.cost_in(app.scenario_index(), i), cur)
            ));
            e.heading("Where it is spent and who pays");
            let here = app.allocation(i);
            if here == &line.spent_in {
                e.push(format!("Spent in {here}, as the budget has it"));
            } else {
                e.push(format!(
                    "Spent in {here} in this scenario (the budget has {})",
                    line.spent_in
                ));
            }
            let ov = app.scenario().overrides.get(&line.id);
            match ov
                .and_then(|o| o.paid_by.as_ref())
                .or(line.paid_by.as_ref())
            {
                Some(p) => e.push(format!("Paid by {p}")),
                None => e.push("No payer named"),
            }
            if line.pinned {
                e.push("Pinned: it never moves (e edits it)");
            } else if !line.allowed.is_empty() {
                let allowed: Vec<&str> = line.allowed.iter().map(|t| t.as_str()).collect();
                e.push(format!("May only be spent in {}", allowed.join(", ")));
            }
            let programs: Vec<String> = a
                .programs
                .iter()
                .filter(|p| {
                    p.status == ProgramStatus::Claimed
                        && here
                            .parts()
                            .iter()
                            .any(|(t, _)| t.lies_within(&p.territory))
                })
                .map(|p| format!("{} ({:.2} effective)", p.name, p.effective_rate))
                .collect();
            if !programs.is_empty() {
                e.heading("Programs claimed where it is spent");
                for p in programs {
                    e.push(p);
                }
                e.push("Whether this line qualifies depends on each program's rules (x on the program)");
            }
            e
        }
        Row::Account(i) => {
            let account = &project.accounts()[i];
            let mut e = Explanation::new(format!("Account {} {}", account.code, account.name));
            let total = a.accounts.get(i).map(|x| x.total).unwrap_or_default();
            let lines = (0..project.lines().len())
                .filter(|&l| project.line_account(l) == i)
                .count();
            e.push(format!(
                "{} in {lines} line{} ({})",
                m(total, cur),
                if lines == 1 { "" } else { "s" },
                account.category.label()
            ));
            if account.vfx {
                e.push("A visual-effects account: programs with VFX rules count it apart");
            }
            if account.logistics {
                e.push(
                    "A logistics account (hotels, catering, transport): programs with logistics rules count it apart",
                );
            }
            e.blank();
            e.push("> < m and s move every line of the account together (pinned lines stay)");
            e
        }
        Row::Category(c) => category(app, c),
    }
}

fn category(app: &App, c: Category) -> Explanation {
    let a = app.assessment();
    let mut e = Explanation::new(c.label().to_string());
    if let Some(x) = a.categories.iter().find(|x| x.category == c) {
        e.push(format!(
            "{} · {:.2} of the budget ({})",
            m(x.total, a.currency),
            x.share,
            m(a.budget_total, a.currency)
        ));
    }
    e.heading("By territory");
    let index = Category::ALL.iter().position(|x| *x == c).unwrap_or(0);
    for t in &a.territories {
        e.push(format!(
            "{:<8} {}",
            t.territory.as_str(),
            m(t.by_category[index], a.currency)
        ));
    }
    e
}

/// A territory's spend: labour and goods, by category, the partner's share against it, and
/// the programs that pay there.
pub fn territory(app: &App, t: &TerritorySpend) -> Explanation {
    let a = app.assessment();
    let cur = a.currency;
    let mut e = Explanation::new(format!("Spend in {}", t.territory));
    e.push(format!(
        "{} · {:.2} of the budget ({})",
        m(t.total, cur),
        t.share,
        m(a.budget_total, cur)
    ));
    e.push(format!(
        "labour {} · goods {}",
        m(t.labour, cur),
        m(t.goods, cur)
    ));
    e.push(format!(
        "incentives earned here: {} net (programs of {} itself, or of its country when it is the project's only territory there)",
        m(t.incentives, cur),
        t.territory
    ));
    e.heading("By category");
    for (c, amount) in Category::ALL.iter().zip(t.by_category) {
        e.push(format!("{:<22} {}", c.label(), m(amount, cur)));
    }
    if let Some(p) = a
        .partners
        .iter()
        .find(|p| p.country == t.territory.country())
    {
        e.heading("Against the partner of its country");
        e.push(format!(
            "{} brings {:.2} of the financing; {} spends {:.2} of the budget here",
            p.name, p.share, t.territory, t.share
        ));
    }
    e.section(
        "Programs here",
        a.programs
            .iter()
            .filter(|p| t.territory.lies_within(&p.territory) && p.status != ProgramStatus::NoSpend)
            .map(|p| format!("{} · net {} ({})", p.name, m(p.net, cur), status(p.status))),
    );
    e
}

fn status(s: ProgramStatus) -> &'static str {
    match s {
        ProgramStatus::Claimed => "claimed",
        ProgramStatus::NotEligible => "not eligible",
        ProgramStatus::Excluded => {
            "excluded: a program it cannot be combined with is claimed instead"
        }
        ProgramStatus::NoSpend => "no spend in its territory",
        ProgramStatus::NotApplicable => "not for this kind of production",
    }
}

/// A program's benefit: status, the engine's arithmetic, caps with headroom, the rules not
/// met, the next threshold, the accounts that count most, and the source.
pub fn program(app: &App, p: &ProgramAssessment) -> Explanation {
    let cur = app.assessment().currency;
    let mut e = Explanation::new(p.name.clone());
    e.push(format!(
        "{} in {} · {}",
        p.kind.label(),
        p.territory,
        status(p.status)
    ));
    e.push(format!(
        "gross {} · net {} · effective rate {:.2} of counted spend",
        m(p.gross, cur),
        m(p.net, cur),
        p.effective_rate
    ));
    e.heading("Spend");
    e.push(format!(
        "spent in {}: {}",
        p.territory,
        m(p.local_spend, cur)
    ));
    e.push(format!("qualifying: {}", m(p.qualifying_spend, cur)));
    e.push(format!(
        "counted (after caps on the base): {}",
        m(p.counted_spend, cur)
    ));
    e.section("Arithmetic", p.steps.iter().cloned());
    e.section(
        "Caps",
        p.caps.iter().map(|c| {
            format!(
                "{}: limit {}, headroom {}{}",
                c.label,
                m(c.limit, cur),
                m(c.headroom, cur),
                if c.binding { " · binding" } else { "" }
            )
        }),
    );
    e.section(
        "Rules not met",
        p.reasons.iter().map(|r| match r.shortfall {
            Some(short) => format!("{} (short by {})", r.message, m(short, cur)),
            None => r.message.clone(),
        }),
    );
    if let Some(t) = &p.next_threshold {
        e.heading("Next threshold");
        e.push(format!("{}: {} away", t.label, m(t.distance, cur)));
    }
    if p.potential_gross > p.gross {
        e.push(format!(
            "Worth {} gross if it were claimed",
            m(p.potential_gross, cur)
        ));
    }
    e.section(
        "Accounts that count most",
        p.accounts
            .iter()
            .map(|acc| format!("{} {} · {}", acc.code, acc.name, m(acc.amount, cur))),
    );
    e.heading("Source");
    e.push(p.source.clone());
    e.push(format!(
        "valid from {} · confidence: {}",
        p.valid_from,
        p.confidence.label()
    ));
    if !p.note.is_empty() {
        e.push(p.note.clone());
    }
    e
}

/// A partner's percentage: what it brings, the treaty band, and the arithmetic.
pub fn partner(app: &App, p: &PartnerAssessment) -> Explanation {
    let a = app.assessment();
    let cur = a.currency;
    let mut e = Explanation::new(format!("{} ({})", p.name, p.country));
    e.push(format!("{} co-producer", p.role.label()));
    e.push(format!(
        "financing {} + incentives {} = contribution {}",
        m(p.financing, cur),
        m(p.incentives, cur),
        m(p.contribution, cur)
    ));
    e.push(format!(
        "share {:.2} of the financing plan ({})",
        p.share,
        m(a.financing_total, cur)
    ));
    e.push(format!(
        "pays for {} of the budget lines ({:.2})",
        m(p.pays, cur),
        p.pays_share
    ));
    if p.band_min.is_some() || p.band_max.is_some() {
        let show = |b: Option<crate::model::Percent>| {
            b.map(|v| format!("{v:.2}"))
                .unwrap_or_else(|| "unknown".into())
        };
        e.push(format!(
            "treaty band: at least {}, at most {}",
            show(p.band_min),
            show(p.band_max)
        ));
    }
    e.section("Arithmetic", p.steps.iter().cloned());
    e.section(
        "Treaty checks on this partner",
        a.treaty
            .checks
            .iter()
            .filter(|c| {
                c.id.ends_with(&format!("-{}", p.country)) || c.id.ends_with(&format!("-{}", p.id))
            })
            .map(|c| format!("{} {}", mark(c.outcome), c.message)),
    );
    treaty_source(app, &mut e);
    e
}

fn mark(outcome: CheckOutcome) -> &'static str {
    match outcome {
        CheckOutcome::Pass => "✓",
        CheckOutcome::Fail => "✗",
        CheckOutcome::Unknown => "?",
        CheckOutcome::Derogation => "~",
    }
}

fn treaty_source(app: &App, e: &mut Explanation) {
    let t = &app.assessment().treaty;
    if let Some(source) = &t.source {
        e.heading("Source");
        e.push(source.clone());
        let mut line = String::new();
        if let Some(d) = t.valid_from {
            line.push_str(&format!("in force from {d}"));
        }
        if let Some(c) = t.confidence {
            if !line.is_empty() {
                line.push_str(" · ");
            }
            line.push_str(&format!("confidence: {}", c.label()));
        }
        if !line.is_empty() {
            e.push(line);
        }
        if !t.note.is_empty() {
            e.push(t.note.clone());
        }
    }
}

/// A treaty check (or the points test, after the checks): the figure against the bound and
/// the steps, then which text applies and why.
/// Scenario `before` against the current one: the lines that differ and what they do, as
/// `coprod diff` prints it.
pub fn diff(app: &App, before: usize) -> Explanation {
    let project = app.project();
    let (from, to) = (
        &project.scenarios()[before],
        &project.scenarios()[app.scenario_index()],
    );
    let a = crate::engine::assess(project, from, app.rules());
    let side = |scenario, assessment| crate::engine::diff::Side {
        project,
        scenario,
        assessment,
    };
    let d = crate::engine::diff(side(from, &a), side(to, app.assessment()));
    let mut e = Explanation::new(format!("Diff: \"{}\" → \"{}\"", d.before, d.after));
    if d.is_empty() {
        e.push("The two scenarios place, price and pay for every line alike: nothing differs.");
        return e;
    }
    for table in crate::report::diff_tables(&d) {
        e.heading(&table.title);
        let text = table.text();
        e.lines.extend(text.lines().skip(1).map(str::to_string));
    }
    e
}

/// The optimiser's proposal, as `coprod optimise` prints it.
pub fn proposal(
    project: &crate::model::Project,
    from: &str,
    plan: &crate::optimise::Plan,
) -> Explanation {
    let mut e = Explanation::new(format!("Optimiser: \"{from}\""));
    let text = crate::report::plan_text(project.title(), from, plan, project.currency());
    e.lines.extend(text.lines().skip(2).map(str::to_string));
    e
}

/// A goal: met or not, by how much, where it was set, and the figures behind it.
pub fn goal(app: &App, g: &GoalAssessment) -> Explanation {
    let a = app.assessment();
    let mut e = Explanation::new(format!("Goal: {}", g.label));
    e.push(if g.met { "✓ met" } else { "✗ not met" });
    e.push(g.message.clone());
    e.push(format!("figure {} · goal {}", g.figure, g.target));
    e.push(match g.scope {
        GoalScope::Project => "Set in the project's goals, for every scenario.".to_string(),
        GoalScope::Scenario => format!("Set in the goals of scenario \"{}\".", a.scenario),
    });
    match &g.goal {
        Goal::ShareAtLeast { partner, .. } | Goal::ShareAtMost { partner, .. } => {
            if let Some(p) = a.partners.iter().find(|p| p.id == partner.0) {
                e.section("How the share is made", p.steps.iter().cloned());
            }
        }
        Goal::Claimed(id) => {
            if let Some(p) = a.programs.iter().find(|p| &p.id == id) {
                e.section("Why not", p.reasons.iter().map(|r| r.message.clone()));
                e.section("Arithmetic", p.steps.iter().cloned());
            }
        }
        Goal::TreatyPasses => {
            e.section(
                "Checks",
                a.treaty
                    .checks
                    .iter()
                    .map(|c| format!("{} {}", mark(c.outcome), c.message)),
            );
        }
        Goal::ObligationsMet => {
            e.section(
                "Obligations",
                a.obligations.iter().map(|o| {
                    format!(
                        "{} \"{}\" ({}): {} required in {}, {} achieved",
                        if o.met { "✓" } else { "✗" },
                        o.source,
                        o.partner,
                        m(o.required, a.currency),
                        o.territory,
                        m(o.achieved, a.currency)
                    )
                }),
            );
        }
        Goal::NetCostAtMost { .. } => e.section(
            "Arithmetic",
            [format!(
                "budget {} − net incentives {} = net cost {}",
                m(a.budget_total, a.currency),
                m(a.incentives_net, a.currency),
                m(a.net_cost, a.currency)
            )],
        ),
        Goal::GapClosed => e.section(
            "Arithmetic",
            [format!(
                "budget {} − financing {} (sources and net incentives) = gap {}",
                m(a.budget_total, a.currency),
                m(a.financing_total, a.currency),
                m(a.gap, a.currency)
            )],
        ),
        Goal::IncentivesAtLeast { .. } | Goal::SpendAtLeast { .. } => {}
    }
    e
}

pub fn treaty(app: &App, at: usize) -> Explanation {
    let t = &app.assessment().treaty;
    let mut e = Explanation::new(
        t.treaty_name
            .clone()
            .unwrap_or_else(|| "No treaty applies".into()),
    );
    if let Some(c) = t.checks.get(at) {
        e.push(format!("{} {}", mark(c.outcome), c.label));
        e.push(c.message.clone());
        if !c.figure.is_empty() || !c.bound.is_empty() {
            e.push(format!("figure {} · bound {}", c.figure, c.bound));
        }
        e.section("Arithmetic", c.steps.iter().cloned());
    } else if let Some(points) = &t.points {
        e.push(format!(
            "Points test: {} of {} (needs {})",
            points.score, points.total, points.threshold
        ));
        e.heading("Elements");
        for (label, value, met) in &points.elements {
            e.push(format!("{} {label}: {value}", if *met { "✓" } else { "·" }));
        }
    }
    e.heading("Which text applies");
    e.push(t.why.clone());
    treaty_source(app, &mut e);
    e
}
