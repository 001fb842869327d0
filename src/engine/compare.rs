//! What changed between two assessments of one project: the figures the workbench marks
//! with ▲ and ▼ after an action, and that scenario comparisons line up.

use super::assessment::Assessment;
use crate::model::Percent;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// Changes from `before` to `after`; only figures that moved are present.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    /// Spend by territory code.
    pub territories: HashMap<String, Decimal>,
    /// Net benefit by program id.
    pub programs: HashMap<String, Decimal>,
    /// Contribution and share (in points) by partner id.
    pub partners: HashMap<String, (Decimal, Percent)>,
    pub gap: Decimal,
    pub net_cost: Decimal,
    pub incentives_net: Decimal,
}

/// The changes from `before` to `after`.
pub fn compare(before: &Assessment, after: &Assessment) -> Changes {
    let mut changes = Changes {
        gap: after.gap - before.gap,
        net_cost: after.net_cost - before.net_cost,
        incentives_net: after.incentives_net - before.incentives_net,
        ..Changes::default()
    };
    for (b, a) in before.territories.iter().zip(&after.territories) {
        if b.territory == a.territory && b.total != a.total {
            changes
                .territories
                .insert(a.territory.to_string(), a.total - b.total);
        }
    }
    for a in &after.programs {
        let b = before
            .programs
            .iter()
            .find(|p| p.id == a.id)
            .map(|p| p.net)
            .unwrap_or_default();
        if a.net != b {
            changes.programs.insert(a.id.clone(), a.net - b);
        }
    }
    for a in &after.partners {
        if let Some(b) = before.partners.iter().find(|p| p.id == a.id)
            && (a.contribution != b.contribution || a.share != b.share)
        {
            changes.partners.insert(
                a.id.clone(),
                (
                    a.contribution - b.contribution,
                    Percent(a.share.0 - b.share.0),
                ),
            );
        }
    }
    changes
}
