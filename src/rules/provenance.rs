//! Where a rule comes from and how sure we are of it.

use crate::model::Date;
use serde::{Deserialize, Serialize};

/// How well a rule's figures are sourced, as the research marks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Confidence {
    /// From a primary or official source (treaty text, gazette, agency page).
    Confirmed,
    /// From trade press, law firms or film commissions only: verify before relying on it.
    Secondary,
    /// Sources disagree; the rule carries one value and its note gives the other.
    Conflicting,
}

impl Confidence {
    pub fn label(self) -> &'static str {
        match self {
            Confidence::Confirmed => "confirmed",
            Confidence::Secondary => "secondary source",
            Confidence::Conflicting => "sources conflict",
        }
    }
}

/// Source, date and confidence, carried by every program and treaty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// URLs or documents the figures come from.
    pub source: String,
    pub valid_from: Date,
    pub confidence: Confidence,
    /// What a reader should know: a conflicting value, an approximation in the model.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}
