//! Incentive programs: what spend qualifies, at what rate, within which caps and minimums,
//! and what the producer must hold to claim it.

use super::provenance::Confidence;
use crate::model::{
    Category, Currency, Date, Format, Percent, Project, Release, Territory, decimal,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

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
    /// Spend paid to payees taxed in the territory: goods and services bought there, and
    /// labour by people resident there (Czech Republic, Norway, Iceland, Croatia).
    LocallyTaxed,
}

impl SpendBasis {
    pub fn label(self) -> &'static str {
        match self {
            SpendBasis::AllSpend => "all local spend",
            SpendBasis::Labour => "local labour",
            SpendBasis::ResidentLabour => "resident labour",
            SpendBasis::Goods => "local goods & services",
            SpendBasis::LocallyTaxed => "spend paid to local taxpayers",
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
    /// Cliffs on the share of the budget spent in the territory: the highest step reached
    /// applies to all spend (Gipuzkoa: 50% from 35% of spend in the Basque Country, 60% above
    /// 50%). Below the first step the rate is zero.
    ShareCliff(Vec<ShareStep>),
}

/// A step of a [`RateSchedule::ShareCliff`]: the rate from a share of the budget spent locally.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareStep {
    pub from: Percent,
    pub rate: Percent,
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub inclusive: bool,
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
    /// The benefit is at most this amount per episode (Spain: €10M per episode of a series).
    BenefitPerEpisode(#[serde(with = "decimal")] Decimal),
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
    /// Qualifying spend of at least this amount per episode (Serbia: €150k per episode).
    PerEpisode(#[serde(with = "decimal")] Decimal),
    /// A total budget of at least this amount per episode (Norway: NOK 10M per episode).
    BudgetPerEpisode(#[serde(with = "decimal")] Decimal),
    /// Financing in place (all partners' sources) of at least this share of the budget
    /// (Poland: 75% of the financing confirmed).
    Financed(Percent),
    /// Financing from partners of other countries of at least this share of the budget
    /// (Norway: at least 30% non-Norwegian financing).
    ForeignFinancing(Percent),
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
    /// A partner from another country: a foreign production, or a co-production with one
    /// (Korea's location incentive is for foreign works and international co-productions).
    ForeignPartner,
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
            Requirement::ForeignPartner => {
                "a partner from another country (a foreign work or an international co-production)"
            }
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
    /// Replaces the schedule (Ontario: 40% on the first C$240k for first-time producers).
    SetSchedule(RateSchedule),
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
    /// The uplift only applies once qualifying spend in the program's own territory reaches
    /// this amount (Iceland: 35% from ISK 350M of Icelandic costs, with conditions the producer
    /// declares).
    #[serde(
        default,
        with = "decimal::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub at_least: Option<Decimal>,
}

/// Which projects a program, or a variant of it, is for. An empty list matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub formats: Vec<Format>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub releases: Vec<Release>,
    /// Original languages (ISO 639-1); empty for any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    /// `Some(true)`: series only (more than one episode); `Some(false)`: single works only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<bool>,
    /// `Some(true)`: only with a co-producer from the program's country; `Some(false)`: only
    /// without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_coproducer: Option<bool>,
}

impl Scope {
    /// Whether a project (with or without a co-producer from the program's country) is in scope.
    pub fn matches(&self, project: &Project, has_local: bool) -> bool {
        self.fits_work(project) && self.local_coproducer.is_none_or(|l| l == has_local)
    }

    /// Whether the work itself is in scope: format, release, language and series. Treaties
    /// use this alone; `local_coproducer` only means something for a program.
    pub fn fits_work(&self, project: &Project) -> bool {
        let data = project.data();
        (self.formats.is_empty() || self.formats.contains(&data.format))
            && (self.releases.is_empty() || self.releases.contains(&data.release))
            && (self.languages.is_empty()
                || data
                    .language
                    .as_ref()
                    .is_some_and(|l| self.languages.contains(l)))
            && self.series.is_none_or(|s| s == (data.episodes > 1))
    }

    /// "animation, television series", in words.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if !self.formats.is_empty() {
            parts.push(
                self.formats
                    .iter()
                    .map(|f| f.label())
                    .collect::<Vec<_>>()
                    .join(" or "),
            );
        }
        if !self.releases.is_empty() {
            parts.push(
                self.releases
                    .iter()
                    .map(|r| r.label())
                    .collect::<Vec<_>>()
                    .join(" or "),
            );
        }
        if !self.languages.is_empty() {
            parts.push(format!("works in {}", self.languages.join(" or ")));
        }
        match self.series {
            Some(true) => parts.push("series".into()),
            Some(false) => parts.push("single works".into()),
            None => {}
        }
        match self.local_coproducer {
            Some(true) => parts.push("with a local co-producer".into()),
            Some(false) => parts.push("without a local co-producer".into()),
            None => {}
        }
        if parts.is_empty() {
            "every work".into()
        } else {
            parts.join(", ")
        }
    }
}

/// Different figures for some projects: a lower minimum for documentaries, a higher rate for
/// theatrical features, a per-episode cap for series. Every variant whose scope matches
/// replaces the fields it gives, in the order listed, so the last one wins where two give
/// the same field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    pub when: Scope,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<RateSchedule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caps: Option<Vec<Cap>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimums: Option<Vec<Minimum>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aid_ceiling: Option<Percent>,
}

/// Spend beyond the territory that qualifies once most of the work is local (Iceland and
/// Norway: costs anywhere in the EEA once more than 80% of the total is local).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WiderBase {
    /// A region of the rule book (`regions`), such as "EEA".
    pub region: String,
    /// Local spend must be more than this share of the budget.
    pub above_local_share: Percent,
}

/// A limit on how much of some categories' spend qualifies (Malta: above-the-line at most the
/// higher of €1M and 30% of eligible spend).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubCap {
    pub name: String,
    pub categories: Vec<Category>,
    /// At most this share of the qualifying spend (all categories) ...
    pub share: Percent,
    /// ... or this amount, if higher.
    #[serde(
        default,
        with = "decimal::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub at_least: Option<Decimal>,
}

/// Part of the qualifying spend that earns its own rate (UK: VFX at 39% outside the 80% cap;
/// Quebec: 16% more on computer VFX and animation labour).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub name: String,
    /// Only these categories (empty: any).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<Category>,
    /// Only accounts marked as VFX.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub vfx_only: bool,
    /// Only labour.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub labour_only: bool,
    /// Only accounts marked as logistics (hotels, catering, transport).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub logistics_only: bool,
    pub rate: Percent,
    /// `true`: this spend leaves the main base (and its caps) and earns this rate instead;
    /// `false`: it earns this rate on top of the main rate.
    pub instead: bool,
    /// With `instead`: the spend stays in the main base through its caps, and the capped
    /// base then keeps only the other spend's share of it. This is how the UK VFX
    /// enhancement works (HMRC CREC061430): 39% on all UK VFX costs, plus 34% of the capped
    /// base less the VFX share of it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pro_rata: bool,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wider_base: Option<WiderBase>,
    /// The projects the program is for (theatrical films only, say); `None` for every project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<Scope>,
    /// Figures that differ for some projects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<Variant>,
    pub rate: RateSchedule,
    /// The highest rate uplifts can reach (Thailand: 30% in all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_ceiling: Option<Percent>,
    /// Parts of the qualifying spend with their own rate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Part>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub caps: Vec<Cap>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_caps: Vec<SubCap>,
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

impl Program {
    /// The program as it applies to this project: the figures of every variant that fits in
    /// place of the defaults (borrowed as it is when none fits).
    pub fn for_project(&self, project: &Project) -> Cow<'_, Program> {
        let mut variants = self.variants_for(project).peekable();
        if variants.peek().is_none() {
            return Cow::Borrowed(self);
        }
        let mut out = self.clone();
        for v in variants {
            if let Some(rate) = &v.rate {
                out.rate = rate.clone();
            }
            if let Some(caps) = &v.caps {
                out.caps = caps.clone();
            }
            if let Some(minimums) = &v.minimums {
                out.minimums = minimums.clone();
            }
            if v.aid_ceiling.is_some() {
                out.aid_ceiling = v.aid_ceiling;
            }
        }
        Cow::Owned(out)
    }
}

impl Program {
    /// The variants that fit this project, in the order the rule lists them. Each replaces
    /// the figures it gives, so a later variant wins where two give the same figure.
    pub fn variants_for<'a>(&'a self, project: &Project) -> impl Iterator<Item = &'a Variant> {
        let country = self.territory.country();
        let has_local = project.partners().iter().any(|p| p.country == country);
        let matching: Vec<&Variant> = self
            .variants
            .iter()
            .filter(|v| v.when.matches(project, has_local))
            .collect();
        matching.into_iter()
    }
}

impl RateSchedule {
    /// The rate that a schedule's headline states (the first step, or the flat rate).
    pub fn headline(&self) -> Percent {
        match self {
            RateSchedule::Flat(p) => *p,
            RateSchedule::Marginal(steps) | RateSchedule::Cliff(steps) => {
                steps.first().map(|s| s.rate).unwrap_or(Percent::ZERO)
            }
            RateSchedule::ShareCliff(steps) => {
                steps.first().map(|s| s.rate).unwrap_or(Percent::ZERO)
            }
        }
    }

    /// The same schedule with no rate above `ceiling`.
    pub fn capped_at(&self, ceiling: Percent) -> RateSchedule {
        let cap = |s: &Step| Step {
            from: s.from,
            rate: if s.rate > ceiling { ceiling } else { s.rate },
            inclusive: s.inclusive,
        };
        match self {
            RateSchedule::Flat(p) => RateSchedule::Flat(if *p > ceiling { ceiling } else { *p }),
            RateSchedule::Marginal(steps) => {
                RateSchedule::Marginal(steps.iter().map(cap).collect())
            }
            RateSchedule::Cliff(steps) => RateSchedule::Cliff(steps.iter().map(cap).collect()),
            RateSchedule::ShareCliff(steps) => RateSchedule::ShareCliff(
                steps
                    .iter()
                    .map(|s| ShareStep {
                        rate: if s.rate > ceiling { ceiling } else { s.rate },
                        ..s.clone()
                    })
                    .collect(),
            ),
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
            RateSchedule::ShareCliff(steps) => RateSchedule::ShareCliff(
                steps
                    .iter()
                    .map(|s| ShareStep {
                        rate: Percent(s.rate.0 + points.0),
                        ..s.clone()
                    })
                    .collect(),
            ),
        }
    }
}
