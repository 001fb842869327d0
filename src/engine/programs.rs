//! Incentive programs: qualifying spend, minimums, caps, rates and cliffs, uplifts,
//! exclusivity and public-aid ceilings, with the arithmetic kept for "why?".

use super::assessment::{
    AccountAmount, CapStatus, ProgramAssessment, ProgramStatus, Reason, Threshold,
};
use super::ledger::{CellFilter, Ledger};
use crate::model::{FinancingKind, LineKind, Percent, Project, Territory, format_money};
use crate::rules::{
    Cap, CapBase, Minimum, Part, Program, RateSchedule, Requirement, RuleBook, ShareStep,
    SpendBasis, Step, UpliftEffect,
};
use rust_decimal::Decimal;
use std::borrow::Cow;

/// Whether official co-production status holds, and if not, why.
pub(crate) struct OfficialStatus {
    pub holds: bool,
    pub why_not: String,
}

/// How close (as a share of the bound) counts as "near" a threshold.
const NEAR: Decimal = Decimal::from_parts(10, 0, 0, false, 2);

/// Appends a step of the arithmetic only when explanations are wanted: the optimiser assesses
/// thousands of allocations and reads only the figures.
macro_rules! step {
    ($explain:expr, $steps:expr, $text:expr) => {
        if $explain {
            $steps.push($text)
        }
    };
}

pub(crate) fn assess_programs(
    project: &Project,
    ledger: &Ledger,
    rules: &RuleBook,
    status: &OfficialStatus,
    explain: bool,
) -> Vec<ProgramAssessment> {
    let countries: Vec<Territory> = project
        .territories()
        .iter()
        .map(Territory::country)
        .collect();
    // Each program with the figures of the variants that fit this project.
    let effective: Vec<Cow<Program>> = rules
        .programs()
        .iter()
        .filter(|p| countries.contains(&p.territory.country()))
        .map(|p| p.for_project(project))
        .collect();
    let relevant: Vec<&Program> = effective.iter().map(|p| p.as_ref()).collect();
    // Regional programs first, so national ones computed net of regional assistance see them.
    let (regional, national): (Vec<&Program>, Vec<&Program>) = relevant
        .into_iter()
        .partition(|p| !p.territory.is_country());

    let mut done: Vec<(&Program, ProgramAssessment)> = Vec::new();
    assess_each(
        project, ledger, rules, status, explain, &mut done, &regional,
    );
    let regional_raw: Vec<ProgramAssessment> = done.iter().map(|(_, a)| a.clone()).collect();
    // Settled now so that national programs net of regional assistance see only the winners.
    resolve_exclusive_groups(project, ledger, &mut done, 0);
    let first_choice = statuses(&done);
    assess_each(
        project, ledger, rules, status, explain, &mut done, &national,
    );
    // Every group is settled again with all programs known, since public-aid ceilings count
    // national benefits too.
    for ((_, a), raw) in done.iter_mut().zip(regional_raw) {
        *a = raw;
    }
    resolve_exclusive_groups(project, ledger, &mut done, 0);
    if statuses(&done[..first_choice.len()]) != first_choice {
        // Another regional program won: national figures net of regional assistance change.
        done.truncate(first_choice.len());
        assess_each(
            project, ledger, rules, status, explain, &mut done, &national,
        );
        resolve_exclusive_groups(project, ledger, &mut done, first_choice.len());
    }
    apply_aid_ceilings(project, ledger, &mut done);
    done.into_iter()
        .map(|(program, mut a)| {
            a.net = program.net_share.of(a.gross);
            a.effective_rate = Percent::ratio(a.gross, a.counted_spend);
            if explain
                && a.status == ProgramStatus::Claimed
                && program.net_share != Percent::HUNDRED
            {
                a.steps.push(format!(
                    "Net value: {} × {} = {}{}",
                    money(project, a.gross),
                    program.net_share,
                    money(project, a.net),
                    if program.net_note.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", program.net_note)
                    }
                ));
            }
            a
        })
        .collect()
}

fn money(project: &Project, amount: Decimal) -> String {
    format_money(amount, project.currency())
}

struct Evaluation<'a> {
    project: &'a Project,
    ledger: &'a Ledger,
    rules: &'a RuleBook,
    status: &'a OfficialStatus,
    /// Whether to write the arithmetic out step by step.
    explain: bool,
    done: &'a [(&'a Program, ProgramAssessment)],
}

impl<'a> Evaluation<'a> {
    fn money(&self, amount: Decimal) -> String {
        money(self.project, amount)
    }

    fn run(&self, p: &Program) -> ProgramAssessment {
        let project = self.project;
        let budget = self.ledger.budget_total;
        let mut out = empty(p);
        let territories = project.territories();
        let accounts = project.accounts();
        let in_territory = |t: usize| {
            let here = &territories[t];
            here.lies_within(&p.territory)
                && !p.excluded_territories.iter().any(|e| here.lies_within(e))
        };
        let account_qualifies = |a: usize| {
            let acc = &accounts[a];
            (p.categories.is_empty() || p.categories.contains(&acc.category))
                && (!p.vfx_only || acc.vfx)
                && !p.excluded_accounts.contains(&acc.code)
        };
        let every_account =
            p.categories.is_empty() && !p.vfx_only && p.excluded_accounts.is_empty();
        let (kind, resident_only) = match p.basis {
            SpendBasis::AllSpend => (None, false),
            SpendBasis::Labour => (Some(LineKind::Labour), false),
            SpendBasis::ResidentLabour => (Some(LineKind::Labour), true),
            SpendBasis::Goods => (Some(LineKind::Goods), false),
            // Goods carry no residence, so they count as locally taxed where they are bought.
            SpendBasis::LocallyTaxed => (None, true),
        };
        let any = |_: usize| true;
        out.local_spend = self.ledger.sum(&CellFilter {
            territory: &in_territory,
            account: &any,
            kind: None,
            resident_only: false,
            every_account: true,
        });
        if out.local_spend.is_zero() {
            out.status = ProgramStatus::NoSpend;
            step!(
                self.explain,
                out.steps,
                format!("No spend in {}: the program is not in play.", p.territory)
            );
            return out;
        }
        if let Some(scope) = p.applies_to.as_ref() {
            let has_local = project
                .partners()
                .iter()
                .any(|x| x.country == p.territory.country());
            if !scope.matches(project, has_local) {
                let data = project.data();
                out.status = ProgramStatus::NotApplicable;
                out.reasons.push(Reason {
                    rule: "kind of work".into(),
                    message: format!(
                        "is for {}; this project is a {} {} work{}",
                        scope.describe(),
                        data.release.label(),
                        data.format.label(),
                        if data.episodes > 1 {
                            format!(" in {} episodes", data.episodes)
                        } else {
                            String::new()
                        }
                    ),
                    figure: None,
                    bound: None,
                    shortfall: None,
                });
                return out;
            }
        }
        let fitting: Vec<String> = p.variants_for(project).map(|v| v.when.describe()).collect();
        if !fitting.is_empty() {
            step!(
                self.explain,
                out.steps,
                format!(
                    "Figures for {}: {}",
                    fitting.join(" and "),
                    describe(&p.rate, &|x| x, self)
                )
            );
        }
        let Some(fx) = project.rates().rate(p.currency) else {
            out.status = ProgramStatus::NotEligible;
            out.reasons.push(Reason {
                rule: "exchange rate".into(),
                message: format!(
                    "its amounts are in {}, which has no exchange rate in the project; add one to rates",
                    p.currency
                ),
                figure: None,
                bound: None,
                shortfall: None,
            });
            return out;
        };
        let to_base = |x: Decimal| x * fx;

        let region = p.wider_base.as_ref().map(|w| {
            let members = self.rules.region(&w.region);
            let share = Percent::ratio(out.local_spend, budget);
            let reached = members.is_some() && share > w.above_local_share;
            step!(self.explain, out.steps, match members {
                None => format!(
                    "Wider base: region \"{}\" is not in the rule book, so only local spend counts",
                    w.region
                ),
                Some(r) if reached => format!(
                    "Wider base: spend in {} is {:.2} of the budget, more than {}, so spend anywhere in the {} counts",
                    p.territory, share, w.above_local_share, r.name
                ),
                Some(r) => format!(
                    "Wider base not reached: spend in {} is {:.2} of the budget; above {} spend anywhere in the {} would count",
                    p.territory, share, w.above_local_share, r.name
                ),
            });
            members.filter(|_| reached)
        });
        let in_base = |t: usize| match region {
            Some(Some(r)) => r.contains(&territories[t]),
            _ => in_territory(t),
        };
        let mut by_account = vec![Decimal::ZERO; accounts.len()];
        let filter = CellFilter {
            territory: &in_base,
            account: &account_qualifies,
            kind,
            resident_only,
            every_account,
        };
        self.ledger
            .for_each(&filter, |_, a, amount| by_account[a] += amount);
        let mut qualifying: Decimal = by_account.iter().sum();
        // Spend levels that uplifts start from are counted in the territory itself, even when
        // a wider base or spend abroad adds to what qualifies (Iceland: ISK 350M of Icelandic
        // costs).
        let local_qualifying = match region {
            Some(Some(_)) => self.ledger.sum(&CellFilter {
                territory: &in_territory,
                account: &account_qualifies,
                kind,
                resident_only,
                every_account,
            }),
            _ => qualifying,
        };
        step!(
            self.explain,
            out.steps,
            format!(
                "Qualifying spend ({} in {}{}): {}",
                p.basis.label(),
                match region {
                    Some(Some(r)) => r.name.clone(),
                    _ => p.territory.to_string(),
                },
                if p.excluded_territories.is_empty() {
                    String::new()
                } else {
                    let ex: Vec<&str> = p
                        .excluded_territories
                        .iter()
                        .map(Territory::as_str)
                        .collect();
                    format!(", excluding {}", ex.join(", "))
                },
                self.money(qualifying)
            )
        );
        out.accounts = largest_accounts(&by_account, accounts);

        if let Some(share) = p.plus_foreign_up_to {
            let outside = |t: usize| !territories[t].lies_within(&p.territory);
            let foreign = self.ledger.sum(&CellFilter {
                territory: &outside,
                account: &account_qualifies,
                kind,
                resident_only: false,
                every_account,
            });
            let limit = share.of(qualifying);
            let extra = foreign.min(limit);
            step!(
                self.explain,
                out.steps,
                format!(
                    "Plus spend abroad up to {share} of local qualifying spend: min({}, {} × {}) = {}",
                    self.money(foreign),
                    share,
                    self.money(qualifying),
                    self.money(extra)
                )
            );
            qualifying += extra;
        }

        // Parts that leave the main base earn their own rate, outside its caps.
        let part_spend = |part: &Part| {
            let in_part = |a: usize| {
                account_qualifies(a)
                    && (part.categories.is_empty()
                        || part.categories.contains(&accounts[a].category))
                    && (!part.vfx_only || accounts[a].vfx)
                    && (!part.logistics_only || accounts[a].logistics)
            };
            self.ledger.sum(&CellFilter {
                territory: &in_base,
                account: &in_part,
                kind: if part.labour_only {
                    Some(LineKind::Labour)
                } else {
                    kind
                },
                resident_only,
                every_account: every_account
                    && part.categories.is_empty()
                    && !part.vfx_only
                    && !part.logistics_only,
            })
        };
        let parts: Vec<(&Part, Decimal)> = p.parts.iter().map(|x| (x, part_spend(x))).collect();
        let apart: Decimal = parts
            .iter()
            .filter(|(x, _)| x.instead && !x.pro_rata)
            .map(|(_, v)| *v)
            .sum();
        // Pro-rata parts go through the main base's caps and leave it afterwards.
        let shared: Decimal = parts
            .iter()
            .filter(|(x, _)| x.instead && x.pro_rata)
            .map(|(_, v)| *v)
            .sum();
        if !apart.is_zero() {
            let names: Vec<&str> = parts
                .iter()
                .filter(|(x, _)| x.instead && !x.pro_rata)
                .map(|(x, _)| x.name.as_str())
                .collect();
            step!(
                self.explain,
                out.steps,
                format!(
                    "Less {} ({}), which earns its own rate: {} − {} = {}",
                    names.join(", "),
                    self.money(apart),
                    self.money(qualifying),
                    self.money(apart),
                    self.money(qualifying - apart)
                )
            );
            qualifying -= apart;
        }

        for sub in &p.sub_caps {
            let spend: Decimal = (0..accounts.len())
                .filter(|&a| sub.categories.contains(&accounts[a].category))
                .map(|a| by_account[a])
                .sum();
            let by_share = sub.share.of(qualifying);
            let limit = match sub.at_least.map(&to_base) {
                Some(floor) if floor > by_share => floor,
                _ => by_share,
            };
            let binding = spend > limit;
            let label = format!(
                "{} ≤ {}{}",
                sub.name,
                sub.share,
                sub.at_least
                    .map(|x| format!(
                        " of qualifying spend or {}, if higher",
                        self.money(to_base(x))
                    ))
                    .unwrap_or_else(|| " of qualifying spend".into())
            );
            if binding {
                step!(
                    self.explain,
                    out.steps,
                    format!(
                        "Sub-cap: {label}: {} counts as {}, so qualifying spend falls to {}",
                        self.money(spend),
                        self.money(limit),
                        self.money(qualifying - (spend - limit))
                    )
                );
                qualifying -= spend - limit;
            }
            out.caps.push(CapStatus {
                label,
                limit,
                headroom: (limit - spend).max(Decimal::ZERO),
                binding,
            });
        }

        let assistance_within: Decimal = self
            .done
            .iter()
            .filter(|(q, a)| {
                a.status == ProgramStatus::Claimed
                    && q.territory != p.territory
                    && q.territory.lies_within(&p.territory)
            })
            .map(|(_, a)| a.gross)
            .sum();
        if p.net_of_other_assistance && !assistance_within.is_zero() {
            let reduced = (qualifying - assistance_within).max(Decimal::ZERO);
            step!(
                self.explain,
                out.steps,
                format!(
                    "Net of other assistance in {}: {} − {} = {}",
                    p.territory,
                    self.money(qualifying),
                    self.money(assistance_within),
                    self.money(reduced)
                )
            );
            qualifying = reduced;
        }
        out.qualifying_spend = qualifying;

        let mut not_applicable = Vec::new();
        for req in &p.requires {
            if let Some((reason, structural)) = self.requirement(p, *req) {
                if structural {
                    not_applicable.push(reason);
                } else {
                    out.reasons.push(reason);
                }
            }
        }

        let mut near = false;
        let mut first_shortfall: Option<Threshold> = None;
        for m in &p.minimums {
            match self.minimum(p, m, &to_base, qualifying, out.local_spend, budget) {
                MinimumResult::Met { near: n } => near |= n,
                MinimumResult::Missed(reason) => {
                    if first_shortfall.is_none()
                        && let Some(s) = reason.shortfall
                    {
                        first_shortfall = Some(Threshold {
                            label: reason.rule.clone(),
                            distance: s,
                        });
                        near |= reason.bound.is_some_and(|b| s <= NEAR * b);
                    }
                    out.reasons.push(reason);
                }
            }
        }

        // Caps on qualifying spend.
        let public_funds = public_funds(project, None);
        let benefits_so_far: Decimal = self
            .done
            .iter()
            .filter(|(_, a)| a.status == ProgramStatus::Claimed)
            .map(|(_, a)| a.gross)
            .sum();
        let mut counted = qualifying;
        for cap in &p.caps {
            let (label, limit) = match cap {
                Cap::Qualifying(x) => (
                    format!("qualifying spend ≤ {}", self.money(to_base(*x))),
                    to_base(*x),
                ),
                Cap::QualifyingShare(share, base) => {
                    let base_value = match base {
                        CapBase::Budget => budget,
                        CapBase::BudgetNetOfAssistance => budget - public_funds - benefits_so_far,
                        CapBase::LocalSpend => out.local_spend,
                        CapBase::LocalSpendNetOfAssistance => {
                            out.local_spend
                                - public_funds_in(project, &p.territory)
                                - assistance_within
                        }
                    }
                    .max(Decimal::ZERO);
                    (
                        format!(
                            "qualifying spend ≤ {share} of {} ({})",
                            base.label(),
                            self.money(base_value)
                        ),
                        share.of(base_value),
                    )
                }
                Cap::Benefit(_) | Cap::BenefitShareOfBudget(_) | Cap::BenefitPerEpisode(_) => {
                    continue;
                }
            };
            let binding = qualifying > limit;
            if binding {
                step!(
                    self.explain,
                    out.steps,
                    format!(
                        "Cap: {label}: {} counts as {}",
                        self.money(qualifying),
                        self.money(limit)
                    )
                );
            }
            counted = counted.min(limit);
            near |= !binding && limit - qualifying <= NEAR * limit;
            out.caps.push(CapStatus {
                label,
                limit,
                headroom: (limit - qualifying).max(Decimal::ZERO),
                binding,
            });
        }
        let uncapped = counted >= qualifying;
        if !shared.is_zero() {
            let names: Vec<&str> = parts
                .iter()
                .filter(|(x, _)| x.instead && x.pro_rata)
                .map(|(x, _)| x.name.as_str())
                .collect();
            // Sub-caps or assistance may have taken the base below the part itself.
            let kept = if counted < qualifying {
                counted * (qualifying - shared).max(Decimal::ZERO) / qualifying
            } else {
                (counted - shared).max(Decimal::ZERO)
            };
            step!(
                self.explain,
                out.steps,
                if counted < qualifying {
                    format!(
                        "Less the share of {} ({}), which earns its own rate: {} × ({} − {}) / {} = {}",
                        names.join(", "),
                        self.money(shared),
                        self.money(counted),
                        self.money(qualifying),
                        self.money(shared),
                        self.money(qualifying),
                        self.money(kept)
                    )
                } else {
                    format!(
                        "Less {} ({}), which earns its own rate: {} − {} = {}",
                        names.join(", "),
                        self.money(shared),
                        self.money(counted),
                        self.money(shared),
                        self.money(kept)
                    )
                }
            );
            counted = kept;
        }
        out.counted_spend = counted + apart + shared;
        out.qualifying_spend = qualifying + apart;

        // Rate, with declared uplifts.
        let mut schedule = p.rate.clone();
        for u in &p.uplifts {
            let key = format!("{}/{}", p.id, u.id);
            if !project.data().declarations.uplifts.contains(&key) {
                continue;
            }
            if let Some(from) = u.at_least.map(&to_base)
                && local_qualifying < from
            {
                step!(
                    self.explain,
                    out.steps,
                    format!(
                        "Uplift \"{}\" declared but not applied: qualifying spend in {} is {}, {} short of {}",
                        u.name,
                        p.territory,
                        self.money(local_qualifying),
                        self.money(from - local_qualifying),
                        self.money(from)
                    )
                );
                near |= from - local_qualifying <= NEAR * from;
                if first_shortfall.is_none() {
                    first_shortfall = Some(Threshold {
                        label: format!("uplift \"{}\"", u.name),
                        distance: from - local_qualifying,
                    });
                }
                continue;
            }
            if let Some(below) = u.below.map(&to_base)
                && qualifying >= below
            {
                step!(
                    self.explain,
                    out.steps,
                    format!(
                        "Uplift \"{}\" declared but not applied: qualifying spend {} is not below {}",
                        u.name,
                        self.money(qualifying),
                        self.money(below)
                    )
                );
                continue;
            }
            schedule = match &u.effect {
                UpliftEffect::AddPoints(points) => schedule.with_added(*points),
                UpliftEffect::SetRate(rate) => RateSchedule::Flat(*rate),
                UpliftEffect::SetSchedule(rates) => rates.clone(),
            };
            step!(
                self.explain,
                out.steps,
                format!(
                    "Uplift \"{}\" declared: {}",
                    u.name,
                    describe(&schedule, &to_base, self)
                )
            );
        }
        if let Some(ceiling) = p.rate_ceiling {
            let capped = schedule.capped_at(ceiling);
            if capped != schedule {
                step!(
                    self.explain,
                    out.steps,
                    format!(
                        "Rates are at most {ceiling} in all: {}",
                        describe(&capped, &to_base, self)
                    )
                );
                schedule = capped;
            }
        }
        let local = Local {
            territory: &p.territory,
            spend: out.local_spend,
            budget,
        };
        let (mut gross, next) = self.apply_rate(
            &schedule,
            qualifying,
            counted,
            &local,
            &to_base,
            &mut out.steps,
        );

        for (part, spend) in &parts {
            if spend.is_zero() {
                continue;
            }
            let extra = part.rate.of(*spend);
            step!(
                self.explain,
                out.steps,
                format!(
                    "{}{}: {} × {} = {}",
                    if part.instead { "" } else { "Plus " },
                    part.name,
                    self.money(*spend),
                    part.rate,
                    self.money(extra)
                )
            );
            gross += extra;
        }
        if parts.iter().any(|(_, spend)| !spend.is_zero()) {
            out.steps
                .push(format!("Benefit in all: {}", self.money(gross)));
        }
        // Past a binding cap more spend earns nothing, so no rate step is within reach.
        let next = next.filter(|_| uncapped);
        if let Some(t) = &next {
            near |= t.distance <= NEAR * (qualifying + t.distance);
        }

        for cap in &p.caps {
            let (label, limit) = match cap {
                Cap::Benefit(x) => (
                    format!("benefit ≤ {}", self.money(to_base(*x))),
                    to_base(*x),
                ),
                Cap::BenefitShareOfBudget(share) => {
                    (format!("benefit ≤ {share} of the budget"), share.of(budget))
                }
                Cap::BenefitPerEpisode(x) => {
                    let episodes = Decimal::from(project.data().episodes);
                    (
                        format!(
                            "benefit ≤ {} per episode × {episodes}",
                            self.money(to_base(*x))
                        ),
                        to_base(*x) * episodes,
                    )
                }
                _ => continue,
            };
            let binding = gross > limit;
            if binding {
                step!(
                    self.explain,
                    out.steps,
                    format!(
                        "Cap: {label}: {} becomes {}",
                        self.money(gross),
                        self.money(limit)
                    )
                );
            }
            out.caps.push(CapStatus {
                label,
                limit,
                headroom: (limit - gross).max(Decimal::ZERO),
                binding,
            });
            gross = gross.min(limit);
        }

        out.next_threshold = first_shortfall.or(next);
        out.near_threshold = near;
        if !not_applicable.is_empty() {
            out.status = ProgramStatus::NotApplicable;
            out.potential_gross = gross;
            out.reasons = not_applicable;
        } else if !out.reasons.is_empty() {
            out.status = ProgramStatus::NotEligible;
            out.potential_gross = gross;
            step!(
                self.explain,
                out.steps,
                format!(
                    "Not eligible: it would be worth {} gross.",
                    self.money(gross)
                )
            );
        } else {
            out.status = ProgramStatus::Claimed;
            out.gross = gross;
            out.potential_gross = gross;
        }
        out
    }

    /// `None` when met; otherwise the reason and whether it is structural (the program is not
    /// meant for this kind of production at all).
    fn requirement(&self, p: &Program, req: Requirement) -> Option<(Reason, bool)> {
        let project = self.project;
        let country = p.territory.country();
        let cultural = project
            .data()
            .declarations
            .cultural_tests
            .contains(&country)
            || project
                .data()
                .declarations
                .cultural_tests
                .contains(&p.territory);
        let has_local = project.partners().iter().any(|x| x.country == country);
        let reason = |rule: &str, message: String| Reason {
            rule: rule.into(),
            message,
            figure: None,
            bound: None,
            shortfall: None,
        };
        match req {
            Requirement::OfficialCoproduction if !self.status.holds => Some((
                reason(
                    "official co-production status",
                    format!(
                        "needs official co-production status: {}",
                        self.status.why_not
                    ),
                ),
                false,
            )),
            Requirement::CulturalTest if !cultural => Some((
                reason(
                    "cultural test",
                    format!(
                        "needs the {country} cultural test, which the project does not declare passed (declarations.cultural_tests)"
                    ),
                ),
                false,
            )),
            Requirement::CulturalTestOrOfficial if !cultural && !self.status.holds => Some((
                reason(
                    "cultural test or official status",
                    format!(
                        "needs the {country} cultural test (not declared passed) or official co-production status ({})",
                        self.status.why_not
                    ),
                ),
                false,
            )),
            Requirement::LocalCoproducer if !has_local => Some((
                reason(
                    "local co-producer",
                    format!("is for productions with a co-producer from {country}; there is none"),
                ),
                true,
            )),
            Requirement::ForeignPartner
                if project.partners().iter().all(|x| x.country == country) =>
            {
                Some((
                    reason(
                        "foreign partner",
                        format!(
                            "is for foreign works and international co-productions; every partner is from {country}"
                        ),
                    ),
                    true,
                ))
            }
            Requirement::ForeignProduction if has_local => Some((
                reason(
                    "foreign production",
                    format!(
                        "is for foreign productions serviced in {country}; the project has a {country} co-producer"
                    ),
                ),
                true,
            )),
            _ => None,
        }
    }

    fn minimum(
        &self,
        p: &Program,
        m: &Minimum,
        to_base: &dyn Fn(Decimal) -> Decimal,
        qualifying: Decimal,
        local: Decimal,
        budget: Decimal,
    ) -> MinimumResult {
        let at_least = |rule: &str, what: String, figure: Decimal, bound: Decimal| {
            if figure >= bound {
                MinimumResult::Met {
                    near: figure - bound <= NEAR * bound,
                }
            } else {
                let shortfall = bound - figure;
                MinimumResult::Missed(Reason {
                    rule: rule.into(),
                    message: format!(
                        "needs {} more {what} (has {}, minimum {})",
                        self.money(shortfall),
                        self.money(figure),
                        self.money(bound)
                    ),
                    figure: Some(figure),
                    bound: Some(bound),
                    shortfall: Some(shortfall),
                })
            }
        };
        match m {
            Minimum::QualifyingSpend(x) => at_least(
                "minimum qualifying spend",
                format!("qualifying spend in {}", p.territory),
                qualifying,
                to_base(*x),
            ),
            Minimum::LocalShare(share) => at_least(
                "minimum local share",
                format!("spend in {} to reach {share} of the budget", p.territory),
                local,
                share.of(budget),
            ),
            Minimum::Budget(x) => at_least("minimum budget", "budget".into(), budget, to_base(*x)),
            Minimum::PerEpisode(x) => {
                let episodes = self.project.data().episodes;
                at_least(
                    "minimum spend per episode",
                    format!(
                        "qualifying spend in {} ({} per episode × {episodes})",
                        p.territory,
                        self.money(to_base(*x))
                    ),
                    qualifying,
                    to_base(*x) * Decimal::from(episodes),
                )
            }
            Minimum::BudgetPerEpisode(x) => {
                let episodes = self.project.data().episodes;
                at_least(
                    "minimum budget per episode",
                    format!(
                        "budget ({} per episode × {episodes})",
                        self.money(to_base(*x))
                    ),
                    budget,
                    to_base(*x) * Decimal::from(episodes),
                )
            }
            Minimum::Financed(share) => at_least(
                "financing in place",
                format!("financing to reach {share} of the budget"),
                financing(self.project, |_| true),
                share.of(budget),
            ),
            Minimum::ForeignFinancing(share) => {
                let country = p.territory.country();
                at_least(
                    "financing from abroad",
                    format!(
                        "financing from partners outside {country} to reach {share} of the budget"
                    ),
                    financing(self.project, |c| c != &country),
                    share.of(budget),
                )
            }
            Minimum::BudgetAtMost(x) => {
                let ceiling = to_base(*x);
                if budget <= ceiling {
                    MinimumResult::Met {
                        near: ceiling - budget <= NEAR * ceiling,
                    }
                } else {
                    MinimumResult::Missed(Reason {
                        rule: "budget ceiling".into(),
                        message: format!(
                            "the budget {} is {} above the program's ceiling of {}",
                            self.money(budget),
                            self.money(budget - ceiling),
                            self.money(ceiling)
                        ),
                        figure: Some(budget),
                        bound: Some(ceiling),
                        shortfall: None,
                    })
                }
            }
            Minimum::AnyOf(options) => {
                let mut missed = Vec::new();
                for option in options {
                    match self.minimum(p, option, to_base, qualifying, local, budget) {
                        met @ MinimumResult::Met { .. } => return met,
                        MinimumResult::Missed(r) => missed.push(r),
                    }
                }
                let best = missed.iter().filter_map(|r| r.shortfall).min();
                let texts: Vec<String> = missed.iter().map(|r| r.message.clone()).collect();
                MinimumResult::Missed(Reason {
                    rule: "minimum (any of)".into(),
                    message: format!("meets none of its minimums: {}", texts.join("; or ")),
                    figure: None,
                    bound: None,
                    shortfall: best,
                })
            }
        }
    }

    /// Gross benefit from the schedule, and the next step a move could reach.
    fn apply_rate(
        &self,
        schedule: &RateSchedule,
        qualifying: Decimal,
        counted: Decimal,
        local: &Local,
        to_base: &dyn Fn(Decimal) -> Decimal,
        steps: &mut Vec<String>,
    ) -> (Decimal, Option<Threshold>) {
        match schedule {
            RateSchedule::ShareCliff(cliffs) => {
                let share = if local.budget.is_zero() {
                    Percent::ZERO
                } else {
                    Percent::ratio(local.spend, local.budget)
                };
                let reached = |s: &ShareStep| {
                    if s.inclusive {
                        share >= s.from
                    } else {
                        share > s.from
                    }
                };
                let rate = highest_reached(cliffs, reached, |s| s.rate);
                let gross = rate.of(counted);
                step!(
                    self.explain,
                    steps,
                    format!(
                        "Spend in {} is {:.2} of the budget, so {rate} applies to all qualifying spend: {} × {rate} = {}",
                        local.territory,
                        share,
                        self.money(counted),
                        self.money(gross)
                    )
                );
                let next = cliffs.iter().find(|s| !reached(s)).map(|s| Threshold {
                    label: format!(
                        "{} once {} {} of the budget is spent in {}",
                        s.rate,
                        if s.inclusive { "at least" } else { "more than" },
                        s.from,
                        local.territory
                    ),
                    distance: (s.from.of(local.budget) - local.spend).max(Decimal::ZERO),
                });
                (gross, next)
            }
            RateSchedule::Flat(rate) => {
                let gross = rate.of(counted);
                step!(
                    self.explain,
                    steps,
                    format!(
                        "Benefit: {} × {rate} = {}",
                        self.money(counted),
                        self.money(gross)
                    )
                );
                (gross, None)
            }
            RateSchedule::Marginal(bands) => {
                let mut gross = Decimal::ZERO;
                let mut next = None;
                for (i, band) in bands.iter().enumerate() {
                    let from = to_base(band.from);
                    let to = bands.get(i + 1).map(|b| to_base(b.from));
                    if counted <= from {
                        if next.is_none() {
                            next = Some(Threshold {
                                label: format!("{} on spend above {}", band.rate, self.money(from)),
                                distance: from - counted,
                            });
                        }
                        continue;
                    }
                    let slice = match to {
                        Some(to) => counted.min(to) - from,
                        None => counted - from,
                    };
                    let part = band.rate.of(slice);
                    gross += part;
                    step!(
                        self.explain,
                        steps,
                        format!(
                            "Band from {}: {} × {} = {}",
                            self.money(from),
                            self.money(slice),
                            band.rate,
                            self.money(part)
                        )
                    );
                }
                step!(
                    self.explain,
                    steps,
                    format!("Benefit: {}", self.money(gross))
                );
                (gross, next)
            }
            RateSchedule::Cliff(cliffs) => {
                let reached = |s: &Step| {
                    let from = to_base(s.from);
                    if s.inclusive {
                        qualifying >= from
                    } else {
                        qualifying > from
                    }
                };
                let rate = highest_reached(cliffs, reached, |s| s.rate);
                let gross = rate.of(counted);
                step!(
                    self.explain,
                    steps,
                    format!(
                        "Rate {rate} on all qualifying spend at {}: {} × {rate} = {}",
                        self.money(qualifying),
                        self.money(counted),
                        self.money(gross)
                    )
                );
                let next = cliffs.iter().find(|s| !reached(s)).map(|s| {
                    let from = to_base(s.from);
                    Threshold {
                        label: format!(
                            "{} on all spend {} {}",
                            s.rate,
                            if s.inclusive { "from" } else { "above" },
                            self.money(from)
                        ),
                        distance: from - qualifying,
                    }
                });
                (gross, next)
            }
        }
    }
}

/// The rate of the highest cliff step reached (steps rise), or zero below the first.
fn highest_reached<S>(
    steps: &[S],
    reached: impl Fn(&S) -> bool,
    rate: impl Fn(&S) -> Percent,
) -> Percent {
    steps
        .iter()
        .rev()
        .find(|s| reached(s))
        .map(rate)
        .unwrap_or(Percent::ZERO)
}

/// Spend in a program's territory against the budget, for rates that depend on the share.
struct Local<'a> {
    territory: &'a Territory,
    spend: Decimal,
    budget: Decimal,
}

/// How many accounts an explanation lists (the largest first); the rest are summed.
const LISTED_ACCOUNTS: usize = 12;

/// The largest qualifying accounts, with the others summed into one entry.
fn largest_accounts(
    by_account: &[Decimal],
    accounts: &[crate::model::Account],
) -> Vec<AccountAmount> {
    let mut order: Vec<usize> = (0..by_account.len())
        .filter(|&a| !by_account[a].is_zero())
        .collect();
    let listed = order.len().min(LISTED_ACCOUNTS);
    if order.len() > listed {
        order.select_nth_unstable_by(listed - 1, |&x, &y| by_account[y].cmp(&by_account[x]));
    }
    let (top, rest) = order.split_at_mut(listed);
    top.sort_by(|&x, &y| by_account[y].cmp(&by_account[x]).then(x.cmp(&y)));
    let mut out: Vec<AccountAmount> = top
        .iter()
        .map(|&a| AccountAmount {
            code: accounts[a].code.clone(),
            name: accounts[a].name.clone(),
            amount: by_account[a],
        })
        .collect();
    if !rest.is_empty() {
        out.push(AccountAmount {
            code: String::new(),
            name: format!("{} other accounts", rest.len()),
            amount: rest.iter().map(|&a| by_account[a]).sum(),
        });
    }
    out
}

enum MinimumResult {
    Met { near: bool },
    Missed(Reason),
}

fn describe(
    schedule: &RateSchedule,
    to_base: &dyn Fn(Decimal) -> Decimal,
    e: &Evaluation,
) -> String {
    match schedule {
        RateSchedule::Flat(r) => format!("rate {r}"),
        RateSchedule::Marginal(s) | RateSchedule::Cliff(s) => s
            .iter()
            .map(|x| format!("{} from {}", x.rate, e.money(to_base(x.from))))
            .collect::<Vec<_>>()
            .join(", "),
        RateSchedule::ShareCliff(s) => s
            .iter()
            .map(|x| format!("{} from {} of the budget spent locally", x.rate, x.from))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn empty(p: &Program) -> ProgramAssessment {
    ProgramAssessment {
        id: p.id.clone(),
        name: p.name.clone(),
        territory: p.territory.clone(),
        kind: p.kind,
        status: ProgramStatus::NoSpend,
        reasons: Vec::new(),
        local_spend: Decimal::ZERO,
        qualifying_spend: Decimal::ZERO,
        counted_spend: Decimal::ZERO,
        effective_rate: Percent::ZERO,
        gross: Decimal::ZERO,
        net: Decimal::ZERO,
        potential_gross: Decimal::ZERO,
        caps: Vec::new(),
        next_threshold: None,
        near_threshold: false,
        steps: Vec::new(),
        accounts: Vec::new(),
        exclusive_group: p.exclusive_group.clone(),
        source: p.source.clone(),
        valid_from: p.valid_from,
        confidence: p.confidence,
        note: p.note.clone(),
    }
}

/// All financing sources of the partners whose country passes `keep`, in the base currency.
fn financing(project: &Project, keep: impl Fn(&Territory) -> bool) -> Decimal {
    project
        .partners()
        .iter()
        .filter(|p| keep(&p.country))
        .flat_map(|p| &p.financing)
        .filter_map(|s| project.rates().to_base(s.amount, s.currency))
        .sum()
}

/// Public funds in the base currency, from partners of `country` or from all partners.
pub(crate) fn public_funds(project: &Project, country: Option<&Territory>) -> Decimal {
    project
        .partners()
        .iter()
        .filter(|p| country.is_none_or(|c| &p.country == c))
        .flat_map(|p| &p.financing)
        .filter(|s| s.kind == FinancingKind::PublicFund)
        .filter_map(|s| project.rates().to_base(s.amount, s.currency))
        .sum()
}

fn public_funds_in(project: &Project, territory: &Territory) -> Decimal {
    public_funds(project, Some(&territory.country()))
}

/// Assesses each program in turn; each sees the ones assessed before it.
fn assess_each<'p>(
    project: &Project,
    ledger: &Ledger,
    rules: &RuleBook,
    status: &OfficialStatus,
    explain: bool,
    done: &mut Vec<(&'p Program, ProgramAssessment)>,
    level: &[&'p Program],
) {
    for &program in level {
        let assessed = Evaluation {
            project,
            ledger,
            rules,
            status,
            explain,
            done,
        }
        .run(program);
        done.push((program, assessed));
    }
}

fn statuses(done: &[(&Program, ProgramAssessment)]) -> Vec<ProgramStatus> {
    done.iter().map(|(_, a)| a.status).collect()
}

/// Among claimed programs sharing an exclusive group, keep the one that leaves the project
/// the most (net) once public-aid ceilings have cut what they cut.
fn resolve_exclusive_groups(
    project: &Project,
    ledger: &Ledger,
    done: &mut [(&Program, ProgramAssessment)],
    from: usize,
) {
    let budget = ledger.budget_total;
    let funds = public_funds(project, None);
    let mut groups: Vec<String> = done[from..]
        .iter()
        .filter_map(|(p, _)| p.exclusive_group.clone())
        .collect();
    groups.sort();
    groups.dedup();
    for group in groups {
        let members: Vec<usize> = (from..done.len())
            .filter(|&i| {
                let (p, a) = &done[i];
                p.exclusive_group.as_ref() == Some(&group) && a.status == ProgramStatus::Claimed
            })
            .collect();
        if members.len() < 2 {
            continue;
        }
        // What the project keeps, and what the member itself keeps, if only it is claimed.
        let outcome = |keep: usize| {
            let claimed: Vec<(Option<Percent>, Decimal)> = done
                .iter()
                .enumerate()
                .map(|(i, (p, a))| {
                    let counts =
                        a.status == ProgramStatus::Claimed && (i == keep || !members.contains(&i));
                    (p.aid_ceiling, if counts { a.gross } else { Decimal::ZERO })
                })
                .collect();
            let cuts = aid_ceiling_cuts(budget, funds, &claimed);
            let net = |i: usize| done[i].0.net_share.of(claimed[i].1 - cuts[i]);
            ((0..done.len()).map(net).sum::<Decimal>(), net(keep))
        };
        let outcomes: Vec<(usize, (Decimal, Decimal))> =
            members.iter().map(|&i| (i, outcome(i))).collect();
        // Earlier rules win ties.
        let &(best, (winner_total, winner_net)) = outcomes
            .iter()
            .max_by(|(x, (tx, _)), (y, (ty, _))| tx.cmp(ty).then(y.cmp(x)))
            .expect("a group with two members has a best one");
        let ceilings_bite = outcomes
            .iter()
            .any(|&(i, (_, kept))| kept != done[i].0.net_share.of(done[i].1.gross));
        let winner_name = done[best].1.name.clone();
        let winner_net = money(project, winner_net);
        for &(i, (total, _)) in outcomes.iter().filter(|(i, _)| *i != best) {
            let worth = match (ceilings_bite, total == winner_total) {
                (false, false) => format!("which is worth more ({winner_net} net)"),
                (false, true) => format!(
                    "which is worth as much ({winner_net} net) and comes first in the rule book"
                ),
                (true, false) => format!(
                    "which leaves the project more once public-aid ceilings apply ({winner_net} net)"
                ),
                (true, true) => format!(
                    "which leaves the project as much once public-aid ceilings apply ({winner_net} net) and comes first in the rule book"
                ),
            };
            let a = &mut done[i].1;
            a.status = ProgramStatus::Excluded;
            a.potential_gross = a.gross;
            a.gross = Decimal::ZERO;
            a.reasons.push(Reason {
                rule: "cannot be combined".into(),
                message: format!("cannot be combined with {winner_name}, {worth}"),
                figure: None,
                bound: None,
                shortfall: None,
            });
        }
    }
}

/// How much each benefit falls so that public aid stays within the ceilings, taking the
/// programs in order. `claimed` holds each program's ceiling and its gross (zero when it is
/// not claimed); `funds` is the public money already in the financing plan.
fn aid_ceiling_cuts(
    budget: Decimal,
    funds: Decimal,
    claimed: &[(Option<Percent>, Decimal)],
) -> Vec<Decimal> {
    let mut public = funds + claimed.iter().map(|(_, gross)| gross).sum::<Decimal>();
    claimed
        .iter()
        .map(|&(ceiling, gross)| {
            let Some(ceiling) = ceiling else {
                return Decimal::ZERO;
            };
            let cut = (public - ceiling.of(budget)).max(Decimal::ZERO).min(gross);
            public -= cut;
            cut
        })
        .collect()
}

/// Shrinks benefits so that total public aid stays within each program's ceiling.
fn apply_aid_ceilings(
    project: &Project,
    ledger: &Ledger,
    done: &mut [(&Program, ProgramAssessment)],
) {
    let budget = ledger.budget_total;
    let funds = public_funds(project, None);
    let claimed: Vec<(Option<Percent>, Decimal)> = done
        .iter()
        .map(|(p, a)| {
            let gross = if a.status == ProgramStatus::Claimed {
                a.gross
            } else {
                Decimal::ZERO
            };
            (p.aid_ceiling, gross)
        })
        .collect();
    let cuts = aid_ceiling_cuts(budget, funds, &claimed);
    let mut public = funds + claimed.iter().map(|(_, gross)| gross).sum::<Decimal>();
    for ((program, a), cut) in done.iter_mut().zip(cuts) {
        let Some(ceiling) = program.aid_ceiling else {
            continue;
        };
        if a.status != ProgramStatus::Claimed {
            continue;
        }
        let allowed = ceiling.of(budget);
        let label = format!("public aid ≤ {ceiling} of the budget");
        if !cut.is_zero() {
            a.steps.push(format!(
                "Cap: {label}: public aid would be {} against {} allowed, so the benefit falls by {}",
                money(project, public),
                money(project, allowed),
                money(project, cut)
            ));
            a.gross -= cut;
            public -= cut;
        }
        a.caps.push(CapStatus {
            label,
            limit: allowed,
            headroom: (allowed - public).max(Decimal::ZERO),
            binding: !cut.is_zero(),
        });
    }
}
