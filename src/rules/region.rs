//! Groups of countries that rules refer to by name: the EU and the EEA (bases that reach
//! beyond one country, sides of a regional agreement).

use super::provenance::Confidence;
use crate::model::{Date, Territory};
use serde::{Deserialize, Serialize};

/// A named group of countries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub id: String,
    pub name: String,
    pub members: Vec<Territory>,
    /// URLs or documents the membership comes from.
    pub source: String,
    pub valid_from: Date,
    pub confidence: Confidence,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Region {
    /// Whether a territory (or the country it lies in) is a member.
    pub fn contains(&self, territory: &Territory) -> bool {
        let country = territory.country();
        self.members.contains(&country)
    }
}
