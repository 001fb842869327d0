//! How sure we are of a rule: every program and treaty carries a source, the date it is
//! valid from, a confidence and a note.

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
