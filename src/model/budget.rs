//! The chart of accounts and its lines: what each line costs, what kind of spend it is, where
//! it is spent and who pays for it.

use super::currency::Currency;
use super::decimal;
use super::partner::PartnerId;
use super::percent::Percent;
use super::territory::Territory;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The four top-level groups of a film budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Category {
    /// Rights, writers, producers, director, principal cast.
    AboveTheLine,
    /// Crew, sets, equipment, locations, travel: the shoot.
    BelowTheLine,
    /// Editing, sound, music, VFX, grading, deliverables.
    Post,
    /// Insurance, legal, financing costs, overheads, contingency.
    Other,
}

impl Category {
    pub const ALL: [Category; 4] = [
        Category::AboveTheLine,
        Category::BelowTheLine,
        Category::Post,
        Category::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Category::AboveTheLine => "Above the line",
            Category::BelowTheLine => "Below the line",
            Category::Post => "Post-production",
            Category::Other => "Other",
        }
    }
}

/// An account in the chart of accounts (`2300 Camera`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    pub code: String,
    pub name: String,
    pub category: Category,
    /// Visual effects work, which some programs rate differently (France C2I, UK VFX).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub vfx: bool,
    /// Logistics: hotels, catering, transport, which some programs rate differently
    /// (Colombia's FFC pays 20% on them and 40% on other services).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub logistics: bool,
}

/// Labour (people paid for work, fringes included) or goods & services.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum LineKind {
    Labour,
    Goods,
}

impl LineKind {
    pub fn label(self) -> &'static str {
        match self {
            LineKind::Labour => "labour",
            LineKind::Goods => "goods & services",
        }
    }
}

/// A line's id: stable across saves and scenarios, unique in the project.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LineId(pub String);

impl fmt::Display for LineId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Quantity × rate, as budgets are usually written ("10 weeks at 2,400").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Units {
    #[serde(with = "decimal")]
    pub quantity: Decimal,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    #[serde(with = "decimal")]
    pub rate: Decimal,
}

/// How a line's amount is given: a lump sum, or quantity × rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cost {
    Amount(Decimal),
    Units(Units),
}

impl Cost {
    /// The amount in the line's own currency, before fringes.
    pub fn amount(&self) -> Decimal {
        match self {
            Cost::Amount(a) => *a,
            Cost::Units(u) => u.quantity * u.rate,
        }
    }
}

/// Where a line's money is spent: one territory, or a split whose shares total exactly 100%.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "AllocationFile", into = "AllocationFile")]
pub struct Allocation {
    parts: Vec<(Territory, Percent)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
enum AllocationFile {
    At(Territory),
    Split(BTreeMap<Territory, Percent>),
}

impl Allocation {
    pub fn at(territory: Territory) -> Allocation {
        Allocation {
            parts: vec![(territory, Percent::HUNDRED)],
        }
    }

    /// A split across territories; refused unless every share is above zero and they total
    /// exactly 100.
    pub fn split(
        shares: impl IntoIterator<Item = (Territory, Percent)>,
    ) -> Result<Allocation, String> {
        let mut merged: BTreeMap<Territory, Percent> = BTreeMap::new();
        for (territory, share) in shares {
            if share.points() <= Decimal::ZERO {
                return Err(format!(
                    "the share for {territory} is {share}; every share of a split must be above 0%"
                ));
            }
            if merged.insert(territory.clone(), share).is_some() {
                return Err(format!("{territory} appears twice in the split"));
            }
        }
        let total: Decimal = merged.values().map(|p| p.points()).sum();
        if total != Decimal::ONE_HUNDRED {
            return Err(format!(
                "the split totals {}% but must total exactly 100% ({})",
                total.normalize(),
                if total < Decimal::ONE_HUNDRED {
                    format!("{}% missing", (Decimal::ONE_HUNDRED - total).normalize())
                } else {
                    format!("{}% too much", (total - Decimal::ONE_HUNDRED).normalize())
                }
            ));
        }
        if merged.len() == 1 {
            let (t, _) = merged.into_iter().next().expect("one entry");
            return Ok(Allocation::at(t));
        }
        Ok(Allocation {
            parts: merged.into_iter().collect(),
        })
    }

    /// Each territory with its share; a single territory has 100%.
    pub fn parts(&self) -> &[(Territory, Percent)] {
        &self.parts
    }

    /// The territory when the line is spent in one place only.
    pub fn single(&self) -> Option<&Territory> {
        match self.parts.as_slice() {
            [(t, _)] => Some(t),
            _ => None,
        }
    }

    pub fn is_split(&self) -> bool {
        self.parts.len() > 1
    }
}

impl fmt::Display for Allocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.single() {
            Some(t) => write!(f, "{t}"),
            None => {
                let text: Vec<String> = self
                    .parts
                    .iter()
                    .map(|(t, p)| format!("{t} {}", p.points().normalize()))
                    .collect();
                write!(f, "{}", text.join(" / "))
            }
        }
    }
}

impl TryFrom<AllocationFile> for Allocation {
    type Error = String;
    fn try_from(value: AllocationFile) -> Result<Self, Self::Error> {
        match value {
            AllocationFile::At(t) => Ok(Allocation::at(t)),
            AllocationFile::Split(map) => Allocation::split(map),
        }
    }
}

impl From<Allocation> for AllocationFile {
    fn from(a: Allocation) -> AllocationFile {
        match a.single() {
            Some(t) => AllocationFile::At(t.clone()),
            None => AllocationFile::Split(a.parts.into_iter().collect()),
        }
    }
}

/// A payroll charge applied to labour lines (social charges, pension, holiday pay).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fringe {
    pub id: String,
    pub name: String,
    pub rate: Percent,
    /// The charge applies to at most this much of a line's amount, in the line's currency.
    #[serde(
        default,
        with = "decimal::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub cutoff: Option<Decimal>,
}

impl Fringe {
    /// The charge this fringe adds to a line amount.
    pub fn charge(&self, amount: Decimal) -> Decimal {
        let base = match self.cutoff {
            Some(cutoff) if amount > cutoff => cutoff,
            _ => amount,
        };
        self.rate.of(base)
    }
}

/// One budget line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "LineFile", into = "LineFile")]
pub struct Line {
    pub id: LineId,
    pub account: String,
    pub description: String,
    pub cost: Cost,
    pub currency: Currency,
    pub kind: LineKind,
    /// Where the person paid lives and is taxed (labour); `None` means where the work is done.
    pub residence: Option<Territory>,
    /// The person's nationality, when a program or treaty asks for it.
    pub nationality: Option<Territory>,
    /// Fringe ids applied to this line.
    pub fringes: Vec<String>,
    /// Where the money is spent in the budget as written; scenarios may move it.
    pub spent_in: Allocation,
    /// Who pays; `None` means the partner of the country where the money is spent.
    pub paid_by: Option<PartnerId>,
    /// A pinned line cannot be moved (a lead actor's fee, a fixed studio deal).
    pub pinned: bool,
    /// When not empty, the only territories this line may be moved to.
    pub allowed: Vec<Territory>,
    /// The optimiser may split this line between territories (a unit that can shoot part of
    /// its days in each place); otherwise it moves the line whole.
    pub splittable: bool,
}

impl Line {
    /// The amount in the line's currency, before fringes.
    pub fn amount(&self) -> Decimal {
        self.cost.amount()
    }

    /// Whether this line may be spent in `territory`.
    pub fn may_move_to(&self, territory: &Territory) -> Result<(), String> {
        if self.pinned {
            return Err(format!(
                "line {} ({}) is pinned and cannot move",
                self.id, self.description
            ));
        }
        if !self.allowed.is_empty() && !self.allowed.iter().any(|a| territory.lies_within(a)) {
            let allowed: Vec<&str> = self.allowed.iter().map(Territory::as_str).collect();
            return Err(format!(
                "line {} ({}) may only be spent in {}",
                self.id,
                self.description,
                allowed.join(", ")
            ));
        }
        Ok(())
    }
}

/// A line as written in the file: the amount may be given directly or as quantity × rate.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LineFile {
    id: LineId,
    account: String,
    description: String,
    #[serde(
        default,
        with = "decimal::option",
        skip_serializing_if = "Option::is_none"
    )]
    amount: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    units: Option<Units>,
    currency: Currency,
    kind: LineKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    residence: Option<Territory>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    nationality: Option<Territory>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    fringes: Vec<String>,
    spent_in: Allocation,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    paid_by: Option<PartnerId>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pinned: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    allowed: Vec<Territory>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    splittable: bool,
}

impl TryFrom<LineFile> for Line {
    type Error = String;
    fn try_from(f: LineFile) -> Result<Self, Self::Error> {
        let what = |field: &str| format!("line {}: {field}", f.id);
        if let Some(amount) = f.amount {
            decimal::check_amount(amount, &what("the amount"))?;
        }
        if let Some(u) = &f.units {
            decimal::check_amount(u.quantity, &what("the quantity"))?;
            decimal::check_amount(u.rate, &what("the rate"))?;
            let product = u.quantity.checked_mul(u.rate).unwrap_or(Decimal::MAX);
            decimal::check_amount(product, &what("quantity × rate"))?;
        }
        let cost = match (f.amount, f.units) {
            (Some(amount), None) => Cost::Amount(amount),
            (None, Some(units)) => Cost::Units(units),
            (Some(amount), Some(units)) => {
                let product = units.quantity * units.rate;
                if product != amount {
                    return Err(format!(
                        "line {}: amount {} does not equal quantity × rate ({} × {} = {}); give one or make them agree",
                        f.id, amount, units.quantity, units.rate, product
                    ));
                }
                Cost::Units(units)
            }
            (None, None) => {
                return Err(format!(
                    "line {} has neither an amount nor units (quantity × rate)",
                    f.id
                ));
            }
        };
        Ok(Line {
            id: f.id,
            account: f.account,
            description: f.description,
            cost,
            currency: f.currency,
            kind: f.kind,
            residence: f.residence,
            nationality: f.nationality,
            fringes: f.fringes,
            spent_in: f.spent_in,
            paid_by: f.paid_by,
            pinned: f.pinned,
            allowed: f.allowed,
            splittable: f.splittable,
        })
    }
}

impl From<Line> for LineFile {
    fn from(l: Line) -> LineFile {
        let (amount, units) = match l.cost {
            Cost::Amount(a) => (Some(a), None),
            Cost::Units(u) => (None, Some(u)),
        };
        LineFile {
            id: l.id,
            account: l.account,
            description: l.description,
            amount,
            units,
            currency: l.currency,
            kind: l.kind,
            residence: l.residence,
            nationality: l.nationality,
            fringes: l.fringes,
            spent_in: l.spent_in,
            paid_by: l.paid_by,
            pinned: l.pinned,
            allowed: l.allowed,
            splittable: l.splittable,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn t(code: &str) -> Territory {
        Territory::parse(code).unwrap()
    }

    #[test]
    fn a_split_must_total_exactly_one_hundred() {
        let err = Allocation::split([(t("FR"), Percent(dec!(60))), (t("BE"), Percent(dec!(39.9)))])
            .unwrap_err();
        assert!(
            err.contains("99.9%") && err.contains("0.1% missing"),
            "{err}"
        );
        let err = Allocation::split([(t("FR"), Percent(dec!(60))), (t("BE"), Percent(dec!(41)))])
            .unwrap_err();
        assert!(err.contains("1% too much"), "{err}");
        assert!(
            Allocation::split([(t("FR"), Percent(dec!(100))), (t("BE"), Percent(dec!(0)))])
                .is_err()
        );
        let ok = Allocation::split([(t("FR"), Percent(dec!(60))), (t("BE"), Percent(dec!(40)))])
            .unwrap();
        assert_eq!(ok.to_string(), "BE 40 / FR 60");
        let single = Allocation::split([(t("FR"), Percent(dec!(100)))]).unwrap();
        assert_eq!(single.single(), Some(&t("FR")));
    }

    #[test]
    fn fringes_stop_at_their_cutoff() {
        let f = Fringe {
            id: "x".into(),
            name: "x".into(),
            rate: Percent(dec!(10)),
            cutoff: Some(dec!(50_000)),
        };
        assert_eq!(f.charge(dec!(40_000)), dec!(4_000));
        assert_eq!(f.charge(dec!(80_000)), dec!(5_000));
    }
}
