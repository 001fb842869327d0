//! Incentive programs: what spend qualifies, at what rate, within which caps and minimums,
//! and what the producer must hold to claim it.

use super::provenance::Confidence;
use crate::model::{Category, Currency, Date, Percent, Territory, decimal};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// How the benefit reaches the production.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BenefitKind {
    CashRebate,
    TaxCredit,
    Grant,
    /// A credit or certificate sold to a third party, usually at a discount.
    TransferableCredit,
    /// Private investment through a tax shelter (Belgium).
    TaxShelter,
}

impl BenefitKind {
    pub fn label(self) -> &'static str {
        match self {
            BenefitKind::CashRebate => "cash rebate",
            BenefitKind::TaxCredit => "tax credit",
            BenefitKind::Grant => "grant",
            BenefitKind::TransferableCredit => "transferable credit",
            BenefitKind::TaxShelter => "tax shelter",
        }
    }
}

/// Which spend in the territory counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SpendBasis {
    /// All spend in the territory, labour and goods & services.
    AllSpend,
    /// Labour performed in the territory, whoever is paid.
    Labour,
    /// Labour performed in the territory by people resident there.
    ResidentLabour,
    /// Goods and services bought in the territory.
    Goods,
}

impl SpendBasis {
    pub fn label(self) -> &'static str {
        match self {
            SpendBasis::AllSpend => "all local spend",
            SpendBasis::Labour => "local labour",
            SpendBasis::ResidentLabour => "resident labour",
            SpendBasis::Goods => "local goods & services",
        }
    }
}

/// One step of a rate schedule. For marginal schedules the rate applies to the spend above
/// `from`; for cliffs it applies to all spend once `from` is reached (or passed, when
/// `inclusive` is false).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    #[serde(with = "decimal")]
    pub from: Decimal,
    pub rate: Percent,
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub inclusive: bool,
}

fn yes() -> bool {
    true
}
fn is_yes(v: &bool) -> bool {
    *v
}

/// How the rate depends on the amount of qualifying spend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RateSchedule {
    Flat(Percent),
    /// Bands: each rate applies to the slice of spend in its band (30% on the first €1M, 25% above).
    Marginal(Vec<Step>),
    /// Cliffs: the highest step reached applies to all spend (25%, 30% on all once above €5M).
    Cliff(Vec<Step>),
}

/// What a share-of-something cap is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CapBase {
    /// The total budget (total production cost).
    Budget,
    /// The budget less public assistance (public funds and other programs' benefits).
    BudgetNetOfAssistance,
    /// All spend in the program's territory.
    LocalSpend,
    /// Local spend less public assistance received in the territory.
    LocalSpendNetOfAssistance,
}

impl CapBase {
    pub fn label(self) -> &'static str {
        match self {
            CapBase::Budget => "the total budget",
            CapBase::BudgetNetOfAssistance => "the budget net of assistance",
            CapBase::LocalSpend => "local spend",
            CapBase::LocalSpendNetOfAssistance => "local spend net of assistance",
        }
    }
}

/// A limit on what can be claimed. Amounts are in the program's currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cap {
    /// Qualifying spend counts up to this amount.
    Qualifying(#[serde(with = "decimal")] Decimal),
    /// Qualifying spend counts up to this share of a base (80% of the budget).
    QualifyingShare(Percent, CapBase),
    /// The benefit is at most this amount.
    Benefit(#[serde(with = "decimal")] Decimal),
    /// The benefit is at most this share of the budget.
    BenefitShareOfBudget(Percent),
}

/// A condition of eligibility. Amounts are in the program's currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Minimum {
    /// Qualifying spend of at least this amount.
    QualifyingSpend(#[serde(with = "decimal")] Decimal),
    /// Spend in the territory of at least this share of the budget.
    LocalShare(Percent),
    /// A total budget of at least this amount.
    Budget(#[serde(with = "decimal")] Decimal),
    /// A total budget of at most this amount (an eligibility ceiling).
    BudgetAtMost(#[serde(with = "decimal")] Decimal),
    /// Any one of these is enough.
    AnyOf(Vec<Minimum>),
}

/// Status the production must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Requirement {
    /// Certified as an official co-production under a treaty.
    OfficialCoproduction,
    /// The country's cultural test, declared passed in the project.
    CulturalTest,
    /// Either of the two (UK, Canada, Australia).
    CulturalTestOrOfficial,
    /// A co-producer from the program's country (domestic credits).
    LocalCoproducer,
    /// No co-producer from the country: a foreign production serviced there.
    ForeignProduction,
}

impl Requirement {
    pub fn label(self) -> &'static str {
        match self {
            Requirement::OfficialCoproduction => "official co-production status",
            Requirement::CulturalTest => "the national cultural test",
            Requirement::CulturalTestOrOfficial => {
                "the cultural test or official co-production status"
            }
            Requirement::LocalCoproducer => "a co-producer from the country",
            Requirement::ForeignProduction => "a foreign production (no local co-producer)",
        }
    }
}

/// What a declared uplift does to the rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum UpliftEffect {
    /// Adds percentage points to every rate of the schedule.
    AddPoints(Percent),
    /// Replaces the schedule by one flat rate.
    SetRate(Percent),
}

/// An optional enhancement whose conditions the producer declares in the project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Uplift {
    pub id: String,
    pub name: String,
    pub effect: UpliftEffect,
    /// The uplift only applies while qualifying spend is below this amount.
    #[serde(
        default,
        with = "decimal::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub below: Option<Decimal>,
}

/// An incentive program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Program {
    pub id: String,
    pub name: String,
    pub territory: Territory,
    pub kind: BenefitKind,
    /// The currency of the program's amounts (caps, minimums, steps).
    pub currency: Currency,
    pub basis: SpendBasis,
    /// When not empty, only these budget categories qualify.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<Category>,
    /// Only accounts marked as VFX qualify.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub vfx_only: bool,
    /// Account codes that never qualify.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded_accounts: Vec<String>,
    /// Parts of the territory served by another program (ES-CN for the Spanish national credit).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded_territories: Vec<Territory>,
    /// Spend outside the territory also qualifies, up to this share of the local qualifying
    /// spend (Hungary: foreign spend up to 25% of Hungarian spend).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plus_foreign_up_to: Option<Percent>,
    pub rate: RateSchedule,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub caps: Vec<Cap>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub minimums: Vec<Minimum>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<Requirement>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uplifts: Vec<Uplift>,
    /// Programs sharing a group cannot be combined: the one worth most is claimed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclusive_group: Option<String>,
    /// Qualifying spend is reduced by other programs' benefits within this territory
    /// (a federal credit computed net of provincial assistance).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub net_of_other_assistance: bool,
    /// Total public aid (public funds plus incentives) may not exceed this share of the budget;
    /// this program's benefit shrinks to fit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aid_ceiling: Option<Percent>,
    /// The share of the gross benefit the production keeps (after tax, or a broker's discount).
    #[serde(default = "full", skip_serializing_if = "is_full")]
    pub net_share: Percent,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub net_note: String,
    /// URLs or documents the figures come from.
    pub source: String,
    pub valid_from: Date,
    pub confidence: Confidence,
    /// What a reader should know: a conflicting value, an approximation in the model.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

fn full() -> Percent {
    Percent::HUNDRED
}
fn is_full(p: &Percent) -> bool {
    *p == Percent::HUNDRED
}

impl RateSchedule {
    /// The rate that a schedule's headline states (the first step, or the flat rate).
    pub fn headline(&self) -> Percent {
        match self {
            RateSchedule::Flat(p) => *p,
            RateSchedule::Marginal(steps) | RateSchedule::Cliff(steps) => {
                steps.first().map(|s| s.rate).unwrap_or(Percent::ZERO)
            }
        }
    }

    /// Adds points to every rate.
    pub fn with_added(&self, points: Percent) -> RateSchedule {
        let add = |s: &Step| Step {
            from: s.from,
            rate: Percent(s.rate.0 + points.0),
            inclusive: s.inclusive,
        };
        match self {
            RateSchedule::Flat(p) => RateSchedule::Flat(Percent(p.0 + points.0)),
            RateSchedule::Marginal(steps) => {
                RateSchedule::Marginal(steps.iter().map(add).collect())
            }
            RateSchedule::Cliff(steps) => RateSchedule::Cliff(steps.iter().map(add).collect()),
        }
    }
}
