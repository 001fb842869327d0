//! Partner contributions (financing plus the incentives earned in their country), shares,
//! who pays for what, and spend obligations.

use super::assessment::{
    ObligationAssessment, PartnerAssessment, ProgramAssessment, ProgramStatus, SourceAssessment,
    TerritorySpend,
};
use super::ledger::{Ledger, majority_index};
use crate::model::{Percent, Project, format_money};
use rust_decimal::Decimal;

/// Which partner receives the incentives of a country: the first co-producer of that country
/// that claims incentives, else the majority co-producer (a service production).
fn claimant(project: &Project, program: &ProgramAssessment) -> usize {
    claimant_in(project, &program.territory)
}

/// The partner (an index into the project's partners) credited with the incentives of a
/// program of `territory`.
pub fn claimant_in(project: &Project, territory: &crate::model::Territory) -> usize {
    let country = territory.country();
    project
        .partners()
        .iter()
        .position(|p| p.country == country && p.claims_incentives)
        .unwrap_or_else(|| majority_index(project))
}

pub(crate) fn assess_partners(
    project: &Project,
    ledger: &Ledger,
    programs: &[ProgramAssessment],
) -> Vec<PartnerAssessment> {
    let budget = ledger.budget_total;
    let cur = project.currency();
    let mut incentives = vec![Decimal::ZERO; project.partners().len()];
    let mut incentive_steps: Vec<Vec<String>> = vec![Vec::new(); project.partners().len()];
    for program in programs
        .iter()
        .filter(|p| p.status == ProgramStatus::Claimed)
    {
        let i = claimant(project, program);
        incentives[i] += program.net;
        incentive_steps[i].push(format!(
            "+ {} ({}, net)",
            format_money(program.net, cur),
            program.name
        ));
    }
    project
        .partners()
        .iter()
        .enumerate()
        .map(|(i, partner)| {
            let mut steps = Vec::new();
            let mut financing = Decimal::ZERO;
            let mut sources = Vec::new();
            for source in &partner.financing {
                let amount = project
                    .rates()
                    .to_base(source.amount, source.currency)
                    .unwrap_or_default();
                financing += amount;
                sources.push(SourceAssessment {
                    name: source.name.clone(),
                    kind: source.kind,
                    amount: source.amount,
                    currency: source.currency,
                    base: amount,
                    share: Percent::ratio(amount, budget),
                });
                let converted = if source.currency == cur {
                    String::new()
                } else {
                    format!(
                        " ({} {} at {})",
                        source.amount,
                        source.currency,
                        project.rates().rate(source.currency).unwrap_or_default()
                    )
                };
                steps.push(format!(
                    "+ {} {}: {}{converted}",
                    source.kind.label(),
                    source.name,
                    format_money(amount, cur)
                ));
            }
            steps.extend(incentive_steps[i].iter().cloned());
            let contribution = financing + incentives[i];
            let share = Percent::ratio(contribution, budget);
            steps.push(format!(
                "= {} of a {} budget: {:.2}",
                format_money(contribution, cur),
                format_money(budget, cur),
                share
            ));
            PartnerAssessment {
                id: partner.id.0.clone(),
                name: partner.name.clone(),
                country: partner.country.clone(),
                role: partner.role,
                financing,
                sources,
                incentives: incentives[i],
                contribution,
                share,
                pays: ledger.paid_by[i],
                pays_share: Percent::ratio(ledger.paid_by[i], budget),
                band_min: None,
                band_max: None,
                steps,
            }
        })
        .collect()
}

pub(crate) fn assess_obligations(
    project: &Project,
    territories: &[TerritorySpend],
) -> Vec<ObligationAssessment> {
    let mut out = Vec::new();
    for partner in project.partners() {
        for source in &partner.financing {
            let Some(ob) = &source.obligation else {
                continue;
            };
            let amount = project
                .rates()
                .to_base(source.amount, source.currency)
                .unwrap_or_default();
            let required = ob.share.of(amount);
            let achieved: Decimal = territories
                .iter()
                .filter(|t| t.territory.lies_within(&ob.territory))
                .map(|t| t.total)
                .sum();
            let shortfall = (required - achieved).max(Decimal::ZERO);
            out.push(ObligationAssessment {
                partner: partner.id.0.clone(),
                source: source.name.clone(),
                territory: ob.territory.clone(),
                required,
                achieved,
                shortfall,
                met: shortfall.is_zero(),
            });
        }
    }
    out
}
