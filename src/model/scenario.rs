//! Named scenarios: one budget, different choices of where lines are spent and who pays.

use super::budget::{Allocation, LineId};
use super::decimal;
use super::goal::Goal;
use super::partner::PartnerId;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a scenario changes about one line.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineOverride {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spent_in: Option<Allocation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_by: Option<PartnerId>,
    /// A different amount, in the line's currency, before fringes.
    #[serde(
        default,
        with = "decimal::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub amount: Option<Decimal>,
}

impl LineOverride {
    pub fn is_empty(&self) -> bool {
        self.spent_in.is_none() && self.paid_by.is_none() && self.amount.is_none()
    }
}

/// A named set of choices on the project's budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Goals for this scenario, on top of the project's own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<Goal>,
    /// Changes to lines, keyed by line id (sorted, so saved files diff cleanly).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub overrides: BTreeMap<LineId, LineOverride>,
}

impl Scenario {
    pub fn new(name: impl Into<String>) -> Scenario {
        Scenario {
            name: name.into(),
            note: String::new(),
            goals: Vec::new(),
            overrides: BTreeMap::new(),
        }
    }
}
