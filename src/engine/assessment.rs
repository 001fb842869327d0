//! What the engine tells about a scenario: spend, incentives, partner shares, treaty verdict.
//!
//! Serialised as the stable JSON report (docs/report-json.md): decimals are strings.

use crate::model::{
    Category, Currency, Date, FinancingKind, Goal, PartnerRole, Percent, Territory, decimal,
};
use crate::rules::{BenefitKind, Confidence};
use rust_decimal::Decimal;
use serde::Serialize;

/// The whole assessment of one scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub project: String,
    pub scenario: String,
    pub currency: Currency,
    #[serde(with = "decimal")]
    pub budget_total: Decimal,
    /// Budget by category, in `Category::ALL` order.
    pub categories: Vec<CategorySpend>,
    /// Spend per account of the chart, in the project's order.
    pub accounts: Vec<AccountSpend>,
    /// Spend per project territory, in the project's order.
    pub territories: Vec<TerritorySpend>,
    /// Spend per country (regions added to their country), in first-seen order.
    pub countries: Vec<TerritorySpend>,
    pub programs: Vec<ProgramAssessment>,
    pub partners: Vec<PartnerAssessment>,
    pub treaty: TreatyAssessment,
    pub obligations: Vec<ObligationAssessment>,
    /// Financing sources plus the net value of claimed incentives.
    #[serde(with = "decimal")]
    pub financing_total: Decimal,
    /// Budget less financing; negative when over-financed.
    #[serde(with = "decimal")]
    pub gap: Decimal,
    #[serde(with = "decimal")]
    pub incentives_gross: Decimal,
    #[serde(with = "decimal")]
    pub incentives_net: Decimal,
    /// Budget less the net value of incentives.
    #[serde(with = "decimal")]
    pub net_cost: Decimal,
    /// Public funds plus the gross value of claimed incentives.
    #[serde(with = "decimal")]
    pub public_aid: Decimal,
    pub public_aid_share: Percent,
    /// Whether the project holds official co-production status after the treaty checks.
    pub official_status: bool,
    /// Things the user should know that are not failures (an uplift declared for no program).
    pub notes: Vec<String>,
    /// The project's goals, then the scenario's, each met or not.
    pub goals: Vec<GoalAssessment>,
}

/// Whether a goal was set for every scenario (in the project) or for this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum GoalScope {
    Project,
    Scenario,
}

/// One goal, held against the scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalAssessment {
    pub goal: Goal,
    pub scope: GoalScope,
    /// The goal in words ("Productions Boréales's share at least 20%").
    pub label: String,
    pub met: bool,
    /// The scenario's figure, as text ("20.75%", "€4,779,007.00").
    pub figure: String,
    /// The goal's bound, as text ("≥ 20%").
    pub target: String,
    /// How far from being met, in the goal's own unit (share points, base currency, failing
    /// checks, or 1 for a program not claimed); zero when met.
    #[serde(with = "decimal")]
    pub shortfall: Decimal,
    /// The whole sentence: the figure, the bound, and the distance or the room left.
    pub message: String,
}

/// An account's total across all territories, and how it splits two ways: by the partner
/// who covers the cost (the summary budget by producer) and by where it is spent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountSpend {
    pub code: String,
    pub name: String,
    pub category: Category,
    #[serde(with = "decimal")]
    pub total: Decimal,
    /// What each partner pays for in this account, in the order of `Assessment::partners`.
    #[serde(serialize_with = "decimal_list")]
    pub paid_by: Vec<Decimal>,
    /// What is spent in each territory, in the order of `Assessment::territories`.
    #[serde(serialize_with = "decimal_list")]
    pub spent_in: Vec<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategorySpend {
    pub category: Category,
    #[serde(with = "decimal")]
    pub total: Decimal,
    pub share: Percent,
    /// What each partner pays for in this category, in the order of `Assessment::partners`.
    #[serde(serialize_with = "decimal_list")]
    pub paid_by: Vec<Decimal>,
}

/// Spend in one territory.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TerritorySpend {
    pub territory: Territory,
    #[serde(with = "decimal")]
    pub total: Decimal,
    #[serde(with = "decimal")]
    pub labour: Decimal,
    #[serde(with = "decimal")]
    pub goods: Decimal,
    /// In `Category::ALL` order.
    #[serde(serialize_with = "decimals")]
    pub by_category: [Decimal; 4],
    pub share: Percent,
    /// The net incentives of the claimed programs of this territory: those of exactly this
    /// territory, and those of a wider territory (a country) when this is the only territory
    /// of the project within it. For a country, every claimed program within it.
    #[serde(with = "decimal")]
    pub incentives: Decimal,
}

fn decimals<S: serde::Serializer>(values: &[Decimal; 4], s: S) -> Result<S::Ok, S::Error> {
    decimal_list(values, s)
}

/// Decimals as a list of strings, as every decimal of the report is written.
fn decimal_list<S: serde::Serializer>(values: &[Decimal], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(values.len()))?;
    for v in values {
        seq.serialize_element(&v.to_string())?;
    }
    seq.end()
}

/// Whether a program pays out for this scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ProgramStatus {
    /// Eligible and counted.
    Claimed,
    /// A requirement or minimum is not met (see `reasons`).
    NotEligible,
    /// Eligible, but a program it cannot be combined with is worth more.
    Excluded,
    /// No spend in the territory: not in play.
    NoSpend,
    /// Not meant for this kind of production (a domestic credit with no local co-producer,
    /// a foreign-production rebate when a local co-producer exists).
    NotApplicable,
}

/// A rule that was not met, with the figure, the bound and what is missing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    /// The rule in a few words ("minimum qualifying spend").
    pub rule: String,
    /// The whole sentence, ready to show.
    pub message: String,
    #[serde(with = "decimal::option")]
    pub figure: Option<Decimal>,
    #[serde(with = "decimal::option")]
    pub bound: Option<Decimal>,
    #[serde(with = "decimal::option")]
    pub shortfall: Option<Decimal>,
}

/// A cap and how close the scenario is to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapStatus {
    pub label: String,
    /// The limit, in the base currency (qualifying spend or benefit, as `label` says).
    #[serde(with = "decimal")]
    pub limit: Decimal,
    /// How much more can count before the cap binds; zero when it binds.
    #[serde(with = "decimal")]
    pub headroom: Decimal,
    pub binding: bool,
}

/// The next rate step or minimum a move could cross.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Threshold {
    pub label: String,
    /// Qualifying spend still needed to reach it, in the base currency.
    #[serde(with = "decimal")]
    pub distance: Decimal,
}

/// Qualifying spend from one account.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountAmount {
    pub code: String,
    pub name: String,
    #[serde(with = "decimal")]
    pub amount: Decimal,
}

/// One incentive program's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgramAssessment {
    pub id: String,
    pub name: String,
    pub territory: Territory,
    pub kind: BenefitKind,
    pub status: ProgramStatus,
    pub reasons: Vec<Reason>,
    /// All spend in the program's territory.
    #[serde(with = "decimal")]
    pub local_spend: Decimal,
    /// Spend that meets the program's basis, before caps.
    #[serde(with = "decimal")]
    pub qualifying_spend: Decimal,
    /// Qualifying spend after caps: what the rate is applied to.
    #[serde(with = "decimal")]
    pub counted_spend: Decimal,
    /// Gross benefit over counted spend.
    pub effective_rate: Percent,
    #[serde(with = "decimal")]
    pub gross: Decimal,
    #[serde(with = "decimal")]
    pub net: Decimal,
    /// What the program would pay if the reasons in `reasons` were resolved.
    #[serde(with = "decimal")]
    pub potential_gross: Decimal,
    pub caps: Vec<CapStatus>,
    pub next_threshold: Option<Threshold>,
    /// Within 10% of a minimum, a cap or a rate step: a small move may flip it.
    pub near_threshold: bool,
    /// The arithmetic, one step per line, for "why?".
    pub steps: Vec<String>,
    pub accounts: Vec<AccountAmount>,
    /// Programs sharing a group cannot be combined.
    pub exclusive_group: Option<String>,
    pub source: String,
    pub valid_from: Date,
    pub confidence: Confidence,
    pub note: String,
}

/// One partner's contribution and share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartnerAssessment {
    pub id: String,
    pub name: String,
    pub country: Territory,
    pub role: PartnerRole,
    /// Its financing sources, in the base currency.
    #[serde(with = "decimal")]
    pub financing: Decimal,
    /// Each of those sources, as the file has it and in the base currency.
    pub sources: Vec<SourceAssessment>,
    /// Net incentives earned in its country that count for it.
    #[serde(with = "decimal")]
    pub incentives: Decimal,
    #[serde(with = "decimal")]
    pub contribution: Decimal,
    /// Contribution over the total budget.
    pub share: Percent,
    /// The budget lines it pays for (who pays, not where it is spent).
    #[serde(with = "decimal")]
    pub pays: Decimal,
    pub pays_share: Percent,
    /// The treaty band for this partner's country, when a treaty applies.
    pub band_min: Option<Percent>,
    pub band_max: Option<Percent>,
    pub steps: Vec<String>,
}

/// One financing source of a partner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceAssessment {
    pub name: String,
    pub kind: FinancingKind,
    /// In its own currency.
    #[serde(with = "decimal")]
    pub amount: Decimal,
    pub currency: Currency,
    /// In the base currency at the project's rate.
    #[serde(with = "decimal")]
    pub base: Decimal,
    /// `base` over the total budget.
    pub share: Percent,
}

/// Pass, fail, or not decidable because the source does not give the bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CheckOutcome {
    Pass,
    Fail,
    /// Outside the band, but within what the authorities may accept by joint approval.
    Derogation,
    Unknown,
}

/// One treaty check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TreatyCheck {
    pub id: String,
    pub label: String,
    pub outcome: CheckOutcome,
    /// The scenario's figure, as text ("18.40%", "14 points").
    pub figure: String,
    /// The bound it is held to, as text ("≥ 20%").
    pub bound: String,
    pub message: String,
    pub steps: Vec<String>,
}

/// The treaty verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TreatyVerdict {
    Pass,
    Fail,
    /// Passes every check it can decide, but a bound is unknown.
    Unverified,
    /// Passes only if the authorities grant a derogation (a share between the usual bound and
    /// the one they may accept).
    Derogation,
    /// Creative (non-treaty) co-production, or a single-country project.
    NotApplicable,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TreatyAssessment {
    pub treaty_id: Option<String>,
    pub treaty_name: Option<String>,
    /// Which text applies and why, in a sentence.
    pub why: String,
    pub verdict: TreatyVerdict,
    pub checks: Vec<TreatyCheck>,
    pub points: Option<PointsResult>,
    pub source: Option<String>,
    pub valid_from: Option<Date>,
    pub confidence: Option<Confidence>,
    /// What a reader should know about the treaty's figures: a conflicting value, an
    /// approximation in the model.
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PointsResult {
    pub score: u32,
    pub total: u32,
    pub threshold: u32,
    /// Each element: role label, points, and whether a party national holds it.
    pub elements: Vec<(String, u32, bool)>,
}

/// A spend obligation attached to a financing source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObligationAssessment {
    pub partner: String,
    pub source: String,
    pub territory: Territory,
    #[serde(with = "decimal")]
    pub required: Decimal,
    #[serde(with = "decimal")]
    pub achieved: Decimal,
    #[serde(with = "decimal")]
    pub shortfall: Decimal,
    pub met: bool,
}

impl Assessment {
    /// The goals that are not met.
    pub fn unmet_goals(&self) -> impl Iterator<Item = &GoalAssessment> {
        self.goals.iter().filter(|g| !g.met)
    }

    /// Every failing check, one sentence each: treaty checks, programs the producer counts on
    /// that are not eligible, and unmet spend obligations.
    pub fn failures(&self) -> Vec<String> {
        let mut out = Vec::new();
        for c in &self.treaty.checks {
            if c.outcome == CheckOutcome::Fail {
                out.push(format!("treaty: {}", c.message));
            }
        }
        // A program is not counted on when another of its exclusive group is claimed.
        let claimed_group = |g: &Option<String>| {
            g.is_some()
                && self
                    .programs
                    .iter()
                    .any(|q| q.status == ProgramStatus::Claimed && &q.exclusive_group == g)
        };
        for p in &self.programs {
            if p.status == ProgramStatus::NotEligible && !claimed_group(&p.exclusive_group) {
                for r in &p.reasons {
                    out.push(format!("{}: {}", p.name, r.message));
                }
            }
        }
        for o in &self.obligations {
            if !o.met {
                out.push(format!(
                    "obligation: \"{}\" ({}) needs {} more spend in {}",
                    o.source,
                    o.partner,
                    crate::model::format_money(o.shortfall, self.currency),
                    o.territory
                ));
            }
        }
        out
    }
}
