//! Goals: where a producer needs a scenario to land ("the Belgian partner at 20% at least",
//! "net cost under €4.5M"). A project carries goals for every scenario, and a scenario may add
//! its own. The engine reports each as met or not, and by how much.

use super::decimal;
use super::partner::PartnerId;
use super::percent::Percent;
use super::territory::Territory;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One goal. Amounts are in the project's base currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Goal {
    /// The partner's share of the financing (its contribution over the budget) is at least
    /// `share`.
    ShareAtLeast { partner: PartnerId, share: Percent },
    /// The partner's share is at most `share`.
    ShareAtMost { partner: PartnerId, share: Percent },
    /// The program (a rule-book id) is claimed: eligible and counted.
    Claimed(String),
    /// The budget less the net incentives is at most `amount`.
    NetCostAtMost {
        #[serde(with = "decimal")]
        amount: Decimal,
    },
    /// The net incentives total at least `amount`.
    IncentivesAtLeast {
        #[serde(with = "decimal")]
        amount: Decimal,
    },
    /// Spend in the territory (its regions included) is at least `amount`.
    SpendAtLeast {
        territory: Territory,
        #[serde(with = "decimal")]
        amount: Decimal,
    },
    /// The financing covers the budget: a gap of zero or less.
    GapClosed,
    /// No treaty check fails and none needs a derogation (a bound the sources leave unknown
    /// does not count against it).
    TreatyPasses,
    /// Every spend obligation of every financing source is met.
    ObligationsMet,
}

impl Goal {
    /// Checks what the model alone can check: shares between 0 and 100, amounts in range.
    /// Partner ids are checked by the project, program ids by the engine against its book.
    pub fn check(&self) -> Result<(), String> {
        match self {
            Goal::ShareAtLeast { share, .. } | Goal::ShareAtMost { share, .. } => {
                decimal::check_percent(share.points(), 100, "the share of a goal")
            }
            Goal::NetCostAtMost { amount }
            | Goal::IncentivesAtLeast { amount }
            | Goal::SpendAtLeast { amount, .. } => {
                decimal::check_amount(*amount, "the amount of a goal")
            }
            Goal::Claimed(id) if id.trim().is_empty() => {
                Err("a Claimed goal names no program; give a rule-book id".into())
            }
            Goal::Claimed(_) | Goal::GapClosed | Goal::TreatyPasses | Goal::ObligationsMet => {
                Ok(())
            }
        }
    }

    /// The partner the goal is about, if any.
    pub fn partner(&self) -> Option<&PartnerId> {
        match self {
            Goal::ShareAtLeast { partner, .. } | Goal::ShareAtMost { partner, .. } => Some(partner),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn read(text: &str) -> Vec<Goal> {
        ron::from_str(text).expect("goals parse")
    }

    #[test]
    fn goals_read_as_producers_write_them() {
        let goals = read(
            r#"[
                ShareAtLeast(partner: "be", share: "20"),
                ShareAtMost(partner: "fr", share: "80"),
                Claimed("ie-s481"),
                NetCostAtMost(amount: "4500000"),
                IncentivesAtLeast(amount: "1000000.50"),
                SpendAtLeast(territory: "HU", amount: "250000"),
                GapClosed,
                TreatyPasses,
                ObligationsMet,
            ]"#,
        );
        assert_eq!(goals.len(), 9);
        assert_eq!(
            goals[0],
            Goal::ShareAtLeast {
                partner: PartnerId("be".into()),
                share: Percent(dec!(20))
            }
        );
        assert_eq!(
            goals[4],
            Goal::IncentivesAtLeast {
                amount: dec!(1000000.50)
            }
        );
        assert!(goals.iter().all(|g| g.check().is_ok()));
        let again: Vec<Goal> = read(&ron::to_string(&goals).unwrap());
        assert_eq!(again, goals);
    }

    #[test]
    fn shares_above_a_hundred_and_empty_program_ids_are_refused() {
        let over = Goal::ShareAtLeast {
            partner: PartnerId("be".into()),
            share: Percent(dec!(100.01)),
        };
        assert!(over.check().unwrap_err().contains("share"));
        assert!(Goal::Claimed(" ".into()).check().is_err());
        let negative = Goal::NetCostAtMost { amount: dec!(-1) };
        assert!(negative.check().is_err());
    }
}
