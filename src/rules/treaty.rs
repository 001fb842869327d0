//! Co-production treaties: who is party, the share bands each co-producer must respect, and
//! the points tables that score creative contribution.

use super::provenance::Confidence;
use crate::model::{Date, Format, Percent, Role, Territory};
use serde::{Deserialize, Serialize};

/// A two-party treaty, or a multilateral convention that can also serve bilaterally where no
/// bilateral treaty exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TreatyKind {
    Bilateral,
    Convention,
}

/// A country bound by a treaty, with the date it took effect for it when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    pub country: Territory,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<Date>,
    pub confidence: Confidence,
}

/// Minimum and maximum share of the total production cost. A bound the sources do not give is
/// `None`, and checks against it report "unknown" instead of guessing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Percent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Percent>,
}

/// Points for key creative and technical positions held by nationals of the parties.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PointsTable {
    pub elements: Vec<(Role, u32)>,
    pub threshold: u32,
    /// The formats the table scores; empty means every format.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub formats: Vec<Format>,
}

impl PointsTable {
    pub fn total(&self) -> u32 {
        self.elements.iter().map(|(_, p)| p).sum()
    }
}

/// A co-production treaty or convention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Treaty {
    pub id: String,
    pub name: String,
    pub kind: TreatyKind,
    pub parties: Vec<Party>,
    /// Each country's share when two countries co-produce.
    pub bilateral: Band,
    /// Each country's share when three or more co-produce.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multilateral: Option<Band>,
    /// The share each co-producer from a non-party country must bring when the treaty admits
    /// them (Canada–France: a third-state producer brings at least 10%).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub third_party: Option<Band>,
    /// The share a financial-only co-producer must stay within.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub financial_only: Option<Band>,
    /// The most that co-producers from non-party countries may bring together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub non_party_max: Option<Percent>,
    /// How far (in percentage points) a country's share of spend may stray from its financial
    /// share. `None` where the treaty only asks for proportionality "in principle".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proportionality_tolerance: Option<Percent>,
    /// "The majority of the work in the country of the majority financial contributor."
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub majority_work_in_majority_country: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<PointsTable>,
    /// URLs or documents the figures come from.
    pub source: String,
    pub valid_from: Date,
    pub confidence: Confidence,
    /// What a reader should know: a conflicting value, an approximation in the model.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Treaty {
    pub fn is_party(&self, country: &Territory) -> bool {
        self.parties.iter().any(|p| &p.country == country)
    }

    pub fn party(&self, country: &Territory) -> Option<&Party> {
        self.parties.iter().find(|p| &p.country == country)
    }
}
