//! Co-production treaties: who is party, the share bands each co-producer must respect, and
//! the points tables that score creative contribution.

use super::program::Scope;
use super::provenance::Confidence;
use crate::model::{Date, Format, Percent, Role, Territory};
use serde::{Deserialize, Serialize};

/// A two-party treaty, or a multilateral convention that can also serve bilaterally where no
/// bilateral treaty exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TreatyKind {
    Bilateral,
    Convention,
    /// An agreement among a few named parties or sides that applies when every co-producing
    /// country is a party (Germany–Austria–Switzerland; the EU–Korea Protocol).
    Regional,
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
    /// The lowest share the authorities may accept by joint approval (Italy–Japan: 20%, down
    /// to 10% with written approval).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derogation_min: Option<Percent>,
    /// The highest share the authorities may accept by joint approval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derogation_max: Option<Percent>,
}

/// Bands that replace the usual ones for some works (Canada–France: cinema and French-language
/// cinema works).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecialBands {
    pub when: Scope,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bilateral: Option<Band>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multilateral: Option<Band>,
}

/// One side of a regional agreement whose countries count together (the EU producers of the
/// EU–Korea Protocol).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Side {
    pub name: String,
    /// The side's countries: a region of the rule book ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// ... or a list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<Territory>,
    /// The works these figures are for; the first side entry that matches is used.
    #[serde(default)]
    pub when: Scope,
    /// The side's producers together.
    pub combined: Band,
    /// Each country of the side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub each_country: Option<Band>,
    /// At least this many of the side's countries must co-produce.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_countries: Option<u32>,
    /// The side's share of spend (its technical and artistic contribution) may differ from its
    /// financial share by at most this many points ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spend_within: Option<Percent>,
    /// ... and may not exceed this share of the total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spend_max: Option<Percent>,
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
    /// The works the treaty covers (France–Korea: feature films only); `None` for all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<Scope>,
    /// Bands for some works, in place of `bilateral` / `multilateral`; the first match is used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub special_bands: Vec<SpecialBands>,
    /// Each co-producer within one country's share brings at least this much (Italy–Japan: 5%).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_company_min: Option<Percent>,
    /// At most this many co-producers (UK–India: 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_coproducers: Option<u32>,
    /// Spend in countries that are not parties may be at most this share of the budget
    /// (Canada–China, Canada–New Zealand: technical services up to 25%).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub non_party_spend_max: Option<Percent>,
    /// Sides whose countries count together (regional agreements).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sides: Vec<Side>,
    /// URLs or documents the figures come from.
    pub source: String,
    pub valid_from: Date,
    pub confidence: Confidence,
    /// What a reader should know: a conflicting value, an approximation in the model.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Treaty {
    /// The bands for this project: special bands for its kind of work, or the usual ones.
    pub fn bands_for(&self, project: &crate::model::Project) -> (Band, Option<Band>) {
        match self
            .special_bands
            .iter()
            .find(|s| s.when.fits_work(project))
        {
            Some(s) => (
                s.bilateral.unwrap_or(self.bilateral),
                s.multilateral.or(self.multilateral),
            ),
            None => (self.bilateral, self.multilateral),
        }
    }

    pub fn is_party(&self, country: &Territory) -> bool {
        self.parties.iter().any(|p| &p.country == country)
    }

    pub fn party(&self, country: &Territory) -> Option<&Party> {
        self.parties.iter().find(|p| &p.country == country)
    }
}
