//! Which treaty text applies and why, and every check it sets: share bands, financial-only
//! bands, non-party ceiling, proportionality, majority of the work, points.

use super::assessment::{
    CheckOutcome, PartnerAssessment, PointsResult, TerritorySpend, TreatyAssessment, TreatyCheck,
    TreatyVerdict,
};
use crate::model::{Coproduction, PartnerRole, Percent, Project, Role, Territory, format_money};
use crate::rules::{Band, RuleBook, Treaty, TreatyKind};
use rust_decimal::Decimal;

/// The treaty chosen for a project, and how it is used.
pub(crate) struct Selected<'a> {
    pub treaty: &'a Treaty,
    pub why: String,
    pub multilateral: bool,
}

pub(crate) enum Selection<'a> {
    Applies(Selected<'a>),
    /// No treaty is sought (creative mode, or one country only).
    NotApplicable(String),
    /// Official status is sought but no treaty in the rule book covers the partners.
    Missing(String),
}

/// The partners' countries, in the order partners are listed.
pub(crate) fn partner_countries(project: &Project) -> Vec<Territory> {
    let mut out: Vec<Territory> = Vec::new();
    for p in project.partners() {
        if !out.contains(&p.country) {
            out.push(p.country.clone());
        }
    }
    out
}

fn list(countries: &[&Territory]) -> String {
    countries
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn select<'a>(project: &Project, rules: &'a RuleBook) -> Selection<'a> {
    let countries = partner_countries(project);
    let multilateral = countries.len() >= 3;
    match &project.data().coproduction {
        Coproduction::Creative => {
            return Selection::NotApplicable(
                "creative (non-treaty) co-production: no treaty checks apply, and programs that need official status are unavailable".into(),
            );
        }
        _ if countries.len() < 2 => {
            return Selection::NotApplicable(format!(
                "every partner is from {}: a single-country production needs no treaty",
                countries
                    .first()
                    .map(Territory::as_str)
                    .unwrap_or("one country")
            ));
        }
        Coproduction::Treaty(id) => {
            return match rules.treaty(id) {
                Some(treaty) => Selection::Applies(Selected {
                    treaty,
                    why: format!("{} is named in the project file", treaty.name),
                    multilateral,
                }),
                None => Selection::Missing(format!(
                    "the project names treaty \"{id}\", which is not in the rule book"
                )),
            };
        }
        Coproduction::Inferred => {}
    }

    let newest_first = |a: &&Treaty, b: &&Treaty| b.valid_from.cmp(&a.valid_from);
    // A treaty for some works only (France–Korea: feature films) is not considered for others.
    let covers = |t: &Treaty| t.applies_to.as_ref().is_none_or(|s| s.fits_work(project));
    let mut conventions: Vec<&Treaty> = rules
        .treaties()
        .iter()
        .filter(|t| t.kind == TreatyKind::Convention && covers(t))
        .collect();
    let mut regional: Vec<&Treaty> = rules
        .treaties()
        .iter()
        .filter(|t| {
            t.kind == TreatyKind::Regional
                && covers(t)
                && countries.iter().all(|c| t.is_party(c))
                && every_side_present(t, rules, &countries)
        })
        .collect();
    regional.sort_by(newest_first);
    conventions.sort_by(newest_first);
    let outside =
        |t: &Treaty| -> Vec<&Territory> { countries.iter().filter(|c| !t.is_party(c)).collect() };
    let passed_over = |chosen: &Treaty| -> String {
        conventions
            .iter()
            .filter(|t| t.valid_from > chosen.valid_from)
            .map(|t| {
                format!(
                    "; {} would apply only if every country had ratified it, and {} has not",
                    t.name,
                    list(&outside(t))
                )
            })
            .collect()
    };

    if !multilateral {
        let mut bilateral: Vec<&Treaty> = rules
            .treaties()
            .iter()
            .filter(|t| {
                t.kind == TreatyKind::Bilateral
                    && covers(t)
                    && countries.iter().all(|c| t.is_party(c))
            })
            .collect();
        bilateral.sort_by(newest_first);
        if let Some(treaty) = bilateral.first() {
            return Selection::Applies(Selected {
                treaty,
                why: format!(
                    "{} is the bilateral treaty between {}; bilateral treaties govern two-country co-productions",
                    treaty.name,
                    list(&countries.iter().collect::<Vec<_>>())
                ),
                multilateral: false,
            });
        }
        if let Some(treaty) = regional.first() {
            return Selection::Applies(Selected {
                treaty,
                why: format!(
                    "{} binds {}; no bilateral treaty between them is in the rule book",
                    treaty.name,
                    list(&countries.iter().collect::<Vec<_>>())
                ),
                multilateral: false,
            });
        }
        if let Some(treaty) = conventions.iter().find(|t| outside(t).is_empty()) {
            return Selection::Applies(Selected {
                treaty,
                why: format!(
                    "no bilateral treaty between {} is in the rule book, so {} serves as a bilateral agreement{}",
                    list(&countries.iter().collect::<Vec<_>>()),
                    treaty.name,
                    passed_over(treaty)
                ),
                multilateral: false,
            });
        }
    } else {
        if let Some(treaty) = conventions.iter().find(|t| outside(t).is_empty()) {
            return Selection::Applies(Selected {
                treaty,
                why: format!(
                    "{} co-producing countries, all parties to {}, which prevails over bilateral treaties for multilateral co-productions{}",
                    countries.len(),
                    treaty.name,
                    passed_over(treaty)
                ),
                multilateral: true,
            });
        }
        if let Some(treaty) = regional.first() {
            return Selection::Applies(Selected {
                treaty,
                why: format!(
                    "every co-producing country ({}) is a party to {}, and no convention binds them all",
                    list(&countries.iter().collect::<Vec<_>>()),
                    treaty.name
                ),
                multilateral: true,
            });
        }
        // A country bound by any convention must be bound by the one chosen: the revised text
        // does not apply to a country that has only ratified the 1992 one.
        let bound_by_some = |c: &Territory| conventions.iter().any(|t| t.is_party(c));
        if let Some(treaty) = conventions.iter().find(|t| {
            countries.iter().filter(|c| t.is_party(c)).count() >= 3
                && countries.iter().all(|c| t.is_party(c) || !bound_by_some(c))
        }) {
            return Selection::Applies(Selected {
                treaty,
                why: format!(
                    "at least three co-producing countries are parties to {}; {} is not, so the non-party ceiling applies",
                    treaty.name,
                    list(&outside(treaty))
                ),
                multilateral: true,
            });
        }
        if let Some(treaty) = rules.treaties().iter().find(|t| {
            t.kind == TreatyKind::Bilateral
                && covers(t)
                && t.parties.iter().all(|p| countries.contains(&p.country))
                && (t.multilateral.is_some() || t.third_party.is_some())
        }) {
            return Selection::Applies(Selected {
                treaty,
                why: format!(
                    "{} allows third-country co-producers, and no convention covers all partners",
                    treaty.name
                ),
                multilateral: true,
            });
        }
    }
    Selection::Missing(format!(
        "no treaty in the rule book covers {}; name one in the file or make it a creative co-production",
        list(&countries.iter().collect::<Vec<_>>())
    ))
}

/// Whether each side of a regional agreement has a co-producer (the EU–Korea Protocol needs
/// both EU and Korean producers; two EU countries alone are not under it).
fn every_side_present(treaty: &Treaty, rules: &RuleBook, countries: &[Territory]) -> bool {
    treaty.sides.iter().all(|side| {
        let region = side.region.as_deref().and_then(|r| rules.region(r));
        countries
            .iter()
            .any(|c| side.countries.contains(c) || region.is_some_and(|r| r.contains(c)))
    })
}

pub(crate) fn assess_treaty(
    project: &Project,
    rules: &RuleBook,
    selection: &Selection,
    partners: &mut [PartnerAssessment],
    countries: &[TerritorySpend],
    budget: Decimal,
) -> TreatyAssessment {
    let selected = match selection {
        Selection::NotApplicable(why) => {
            return verdict_only(why.clone(), TreatyVerdict::NotApplicable);
        }
        Selection::Missing(why) => {
            let mut t = verdict_only(why.clone(), TreatyVerdict::Fail);
            t.checks.push(TreatyCheck {
                id: "treaty".into(),
                label: "A treaty covers the partners".into(),
                outcome: CheckOutcome::Fail,
                figure: "none".into(),
                bound: "a treaty".into(),
                message: why.clone(),
                steps: Vec::new(),
            });
            return t;
        }
        Selection::Applies(s) => s,
    };
    let treaty = selected.treaty;
    let cur = project.currency();
    let money = |x: Decimal| format_money(x, cur);
    // A bilateral treaty that admits third-country co-producers keeps its parties on the
    // bilateral band and holds the others to its third-party band.
    let third_party = treaty
        .third_party
        .filter(|_| treaty.kind == TreatyKind::Bilateral);
    let multilateral_band = selected.multilateral && third_party.is_none();
    let (bilateral, multilateral) = treaty.bands_for(project);
    let band: Band = if multilateral_band {
        multilateral.unwrap_or(bilateral)
    } else {
        bilateral
    };
    let band_name = if multilateral_band {
        "multilateral"
    } else {
        "bilateral"
    };
    let mut checks = Vec::new();
    if let Some(scope) = treaty.applies_to.as_ref().filter(|s| !s.fits_work(project)) {
        let data = project.data();
        checks.push(TreatyCheck {
            id: "scope".into(),
            label: "The treaty covers this kind of work".into(),
            outcome: CheckOutcome::Fail,
            figure: format!("{} {}", data.release.label(), data.format.label()),
            bound: scope.describe(),
            message: format!(
                "{} covers {} only; this is a {} {} work",
                treaty.name,
                scope.describe(),
                data.release.label(),
                data.format.label()
            ),
            steps: Vec::new(),
        });
    }

    // Shares per country, financial-only partners apart.
    let mut country_shares: Vec<(Territory, Decimal)> = Vec::new();
    for p in partners
        .iter()
        .filter(|p| p.role != PartnerRole::FinancialOnly)
    {
        match country_shares.iter_mut().find(|(c, _)| c == &p.country) {
            Some((_, amount)) => *amount += p.contribution,
            None => country_shares.push((p.country.clone(), p.contribution)),
        }
    }
    for p in partners.iter_mut() {
        let b = if !treaty.is_party(&p.country) {
            third_party.unwrap_or_default()
        } else if p.role == PartnerRole::FinancialOnly {
            treaty.financial_only.unwrap_or_default()
        } else {
            band
        };
        p.band_min = b.min;
        p.band_max = b.max;
    }

    let by_sides = !treaty.sides.is_empty();
    for (country, contribution) in country_shares
        .iter()
        .filter(|(c, _)| treaty.is_party(c) && !by_sides)
    {
        let share = Percent::ratio(*contribution, budget);
        let mut steps = vec![format!(
            "{country}: {} of {} = {:.2}",
            money(*contribution),
            money(budget),
            share
        )];
        steps.push(format!(
            "{} {band_name} band: {}",
            treaty.name,
            describe_band(band)
        ));
        checks.push(band_check(
            &format!("share-{country}"),
            &format!("{country} share ({band_name} band)"),
            share,
            band,
            *contribution,
            budget,
            &money,
            steps,
        ));
    }
    for p in partners
        .iter()
        .filter(|p| p.role == PartnerRole::FinancialOnly)
    {
        let b = treaty.financial_only.unwrap_or_default();
        let steps = vec![
            format!(
                "{} ({}): {} of {} = {:.2}",
                p.name,
                p.country,
                money(p.contribution),
                money(budget),
                p.share
            ),
            format!("{} financial-only band: {}", treaty.name, describe_band(b)),
        ];
        checks.push(band_check(
            &format!("financial-{}", p.id),
            &format!("{} financial-only share", p.name),
            p.share,
            b,
            p.contribution,
            budget,
            &money,
            steps,
        ));
    }

    let mut unknown = Vec::new();
    if band.min.is_none() && !by_sides {
        unknown.push(format!("the {band_name} minimum share"));
    }
    if band.max.is_none() && !by_sides {
        unknown.push(format!("the {band_name} maximum share"));
    }
    if partners
        .iter()
        .any(|p| p.role == PartnerRole::FinancialOnly)
    {
        match treaty.financial_only {
            None => unknown.push("the financial-only band".into()),
            Some(b) if b.min.is_none() || b.max.is_none() => {
                unknown.push("a bound of the financial-only band".into())
            }
            _ => {}
        }
    }
    if !unknown.is_empty() {
        checks.push(TreatyCheck {
            id: "unknown-bounds".into(),
            label: "Bounds the sources do not give".into(),
            outcome: CheckOutcome::Unknown,
            figure: String::new(),
            bound: "unknown".into(),
            message: format!(
                "{} of {} {} not known from the sources; shares are checked against the known bounds only",
                unknown.join(", "),
                treaty.name,
                if unknown.len() == 1 { "is" } else { "are" }
            ),
            steps: Vec::new(),
        });
    }

    let mut non_party: Vec<(Territory, Decimal)> = Vec::new();
    for p in partners.iter().filter(|p| !treaty.is_party(&p.country)) {
        match non_party.iter_mut().find(|(c, _)| c == &p.country) {
            Some((_, amount)) => *amount += p.contribution,
            None => non_party.push((p.country.clone(), p.contribution)),
        }
    }
    if let Some(third) = third_party {
        for (country, contribution) in &non_party {
            let share = Percent::ratio(*contribution, budget);
            let steps = vec![
                format!(
                    "{country}: {} of {} = {:.2}",
                    money(*contribution),
                    money(budget),
                    share
                ),
                format!("{} third-party band: {}", treaty.name, describe_band(third)),
            ];
            checks.push(band_check(
                &format!("third-party-{country}"),
                &format!("{country} share (third-party band)"),
                share,
                third,
                *contribution,
                budget,
                &money,
                steps,
            ));
        }
    } else if !non_party.is_empty() {
        let total: Decimal = non_party.iter().map(|(_, a)| *a).sum();
        let share = Percent::ratio(total, budget);
        let names: Vec<&str> = non_party.iter().map(|(c, _)| c.as_str()).collect();
        let (outcome, bound, message) = match treaty.non_party_max {
            Some(max) if share <= max => (
                CheckOutcome::Pass,
                format!("≤ {max}"),
                format!(
                    "non-party co-producers ({}) bring {:.2}, within {max}",
                    names.join(", "),
                    share
                ),
            ),
            Some(max) => (
                CheckOutcome::Fail,
                format!("≤ {max}"),
                format!(
                    "non-party co-producers ({}) bring {:.2}, above the {max} ceiling by {}",
                    names.join(", "),
                    share,
                    money(total - max.of(budget))
                ),
            ),
            None => (
                CheckOutcome::Fail,
                "parties only".into(),
                format!("{} is not a party to {}", names.join(", "), treaty.name),
            ),
        };
        checks.push(TreatyCheck {
            id: "non-party".into(),
            label: "Non-party contribution".into(),
            outcome,
            figure: format!("{share:.2}"),
            bound,
            message,
            steps: vec![format!(
                "Non-party contributions: {} of {}",
                money(total),
                money(budget)
            )],
        });
    }

    let spend_of = |c: &Territory| {
        countries
            .iter()
            .find(|t| &t.territory == c)
            .map(|t| t.total)
            .unwrap_or_default()
    };
    if let Some(tolerance) = treaty.proportionality_tolerance {
        for (country, contribution) in country_shares.iter().filter(|(c, _)| treaty.is_party(c)) {
            let financial = Percent::ratio(*contribution, budget);
            let spend = Percent::ratio(spend_of(country), budget);
            let gap = Percent((spend.0 - financial.0).abs());
            let ok = gap <= tolerance;
            checks.push(TreatyCheck {
                id: format!("proportion-{country}"),
                label: format!("{country} spend in proportion to its share"),
                outcome: if ok { CheckOutcome::Pass } else { CheckOutcome::Fail },
                figure: format!("{:.2} apart", gap),
                bound: format!("≤ {tolerance} apart"),
                message: format!(
                    "{country} spends {:.2} of the budget against a financial share of {:.2}: {:.2} apart, {} the {tolerance} tolerance",
                    spend,
                    financial,
                    gap,
                    if ok { "within" } else { "beyond" }
                ),
                steps: vec![format!("spend {:.2} − financial {:.2}", spend, financial)],
            });
        }
    }

    if let Some(min) = treaty.per_company_min {
        for (country, _) in country_shares.iter().filter(|(c, _)| treaty.is_party(c)) {
            let companies: Vec<&PartnerAssessment> = partners
                .iter()
                .filter(|p| &p.country == country && p.role != PartnerRole::FinancialOnly)
                .collect();
            if companies.len() < 2 {
                continue;
            }
            for p in companies {
                let ok = p.share >= min;
                checks.push(TreatyCheck {
                    id: format!("company-{}", p.id),
                    label: format!("{} within {country}'s share", p.name),
                    outcome: if ok { CheckOutcome::Pass } else { CheckOutcome::Fail },
                    figure: format!("{:.2}", p.share),
                    bound: format!("≥ {min}"),
                    message: if ok {
                        format!("{} brings {:.2}, at least the {min} each company in a shared country share must bring", p.name, p.share)
                    } else {
                        format!(
                            "{} brings {:.2}: each company sharing {country}'s part must bring at least {min} (needs {} more)",
                            p.name,
                            p.share,
                            money(min.of(budget) - p.contribution)
                        )
                    },
                    steps: vec![format!("{}: {} of {}", p.name, money(p.contribution), money(budget))],
                });
            }
        }
    }

    if let Some(max) = treaty.max_coproducers {
        let count = partners.len();
        let ok = count <= max as usize;
        checks.push(TreatyCheck {
            id: "co-producers".into(),
            label: "Number of co-producers".into(),
            outcome: if ok {
                CheckOutcome::Pass
            } else {
                CheckOutcome::Fail
            },
            figure: count.to_string(),
            bound: format!("≤ {max}"),
            message: if ok {
                format!(
                    "{count} co-producers, within the {max} {} allows",
                    treaty.name
                )
            } else {
                format!(
                    "{count} co-producers, more than the {max} {} allows",
                    treaty.name
                )
            },
            steps: Vec::new(),
        });
    }

    if let Some(max) = treaty.non_party_spend_max {
        let outside: Vec<&TerritorySpend> = countries
            .iter()
            .filter(|t| !treaty.is_party(&t.territory))
            .collect();
        let spend: Decimal = outside.iter().map(|t| t.total).sum();
        let share = Percent::ratio(spend, budget);
        let ok = share <= max;
        checks.push(TreatyCheck {
            id: "non-party-spend".into(),
            label: "Spend outside the parties".into(),
            outcome: if ok { CheckOutcome::Pass } else { CheckOutcome::Fail },
            figure: format!("{share:.2}"),
            bound: format!("≤ {max}"),
            message: if ok {
                format!("{} ({share:.2}) is spent outside the parties, within the {max} allowed for technical services there", money(spend))
            } else {
                format!(
                    "{} ({share:.2}) is spent outside the parties, {} more than the {max} allowed",
                    money(spend),
                    money(spend - max.of(budget))
                )
            },
            steps: outside
                .iter()
                .map(|t| format!("{}: {}", t.territory, money(t.total)))
                .collect(),
        });
    }

    side_checks(
        treaty,
        project,
        rules,
        partners,
        countries,
        budget,
        &money,
        &mut checks,
    );

    if treaty.majority_work_in_majority_country {
        // The majority country is the party whose co-producers bring the most, together.
        let majority = country_shares
            .iter()
            .filter(|(c, _)| treaty.is_party(c))
            .max_by(|a, b| a.1.cmp(&b.1))
            .map(|(c, _)| c.clone())
            .unwrap_or_else(|| project.majority().country.clone());
        let majority_spend = spend_of(&majority);
        let rival = countries
            .iter()
            .filter(|t| t.territory != majority)
            .max_by(|a, b| a.total.cmp(&b.total));
        let ok = rival.is_none_or(|r| majority_spend >= r.total);
        checks.push(TreatyCheck {
            id: "majority-work".into(),
            label: "Majority of the work in the majority country".into(),
            outcome: if ok { CheckOutcome::Pass } else { CheckOutcome::Fail },
            figure: money(majority_spend),
            bound: format!("most spend in {majority}"),
            message: match rival {
                Some(r) if !ok => format!(
                    "{} spends {} against {majority}'s {}, but the majority of the work must be in {majority}",
                    r.territory,
                    money(r.total),
                    money(majority_spend)
                ),
                _ => format!("{majority}, the majority country, has the largest spend ({})", money(majority_spend)),
            },
            steps: countries.iter().map(|t| format!("{}: {}", t.territory, money(t.total))).collect(),
        });
    }

    let format = project.data().format;
    let scored =
        |t: &&crate::rules::PointsTable| t.formats.is_empty() || t.formats.contains(&format);
    if treaty.points.as_ref().is_some_and(|t| !scored(&t)) {
        checks.push(TreatyCheck {
            id: "points".into(),
            label: "Points from key roles held by party nationals".into(),
            outcome: CheckOutcome::Unknown,
            figure: String::new(),
            bound: "unknown".into(),
            message: format!(
                "{} has no points table for {:?} works in the rule book, so the points test cannot be checked",
                treaty.name, format
            ),
            steps: Vec::new(),
        });
    }
    let points = treaty.points.as_ref().filter(scored).map(|table| {
        let key_roles = &project.data().key_roles;
        let elements: Vec<(String, u32, bool)> = table
            .elements
            .iter()
            .map(|(role, pts)| {
                let held = key_roles.iter().any(|k| {
                    let same = k.role == *role
                        || (*role == Role::ProductionDesign && k.role == Role::CostumeDesign);
                    same && treaty.is_party(&k.country.country())
                });
                (role.label().to_string(), *pts, held)
            })
            .collect();
        let score = elements
            .iter()
            .filter(|(_, _, h)| *h)
            .map(|(_, p, _)| p)
            .sum();
        PointsResult {
            score,
            total: table.total(),
            threshold: table.threshold,
            elements,
        }
    });
    if let Some(p) = &points {
        let ok = p.score >= p.threshold;
        let missing: Vec<String> = p
            .elements
            .iter()
            .filter(|(_, _, h)| !h)
            .map(|(l, pts, _)| format!("{l} ({pts})"))
            .collect();
        checks.push(TreatyCheck {
            id: "points".into(),
            label: "Points from key roles held by party nationals".into(),
            outcome: if ok { CheckOutcome::Pass } else { CheckOutcome::Fail },
            figure: format!("{} of {}", p.score, p.total),
            bound: format!("≥ {}", p.threshold),
            message: if ok {
                format!("scores {} of {} points (needs {})", p.score, p.total, p.threshold)
            } else {
                format!(
                    "scores {} of {} points, {} short of {}; the authorities may still accept it by derogation",
                    p.score,
                    p.total,
                    p.threshold - p.score,
                    p.threshold
                )
            },
            steps: p.elements.iter().map(|(l, pts, h)| format!("{} {l}: {pts}", if *h { "✓" } else { "✗" })).chain(
                (!missing.is_empty()).then(|| format!("Not held by a party national: {}", missing.join(", ")))).collect(),
        });
    }

    let verdict = if checks.iter().any(|c| c.outcome == CheckOutcome::Fail) {
        TreatyVerdict::Fail
    } else if checks.iter().any(|c| c.outcome == CheckOutcome::Derogation) {
        TreatyVerdict::Derogation
    } else if checks.iter().any(|c| c.outcome == CheckOutcome::Unknown) {
        TreatyVerdict::Unverified
    } else {
        TreatyVerdict::Pass
    };
    TreatyAssessment {
        treaty_id: Some(treaty.id.clone()),
        treaty_name: Some(treaty.name.clone()),
        why: selected.why.clone(),
        verdict,
        checks,
        points,
        source: Some(treaty.source.clone()),
        valid_from: Some(treaty.valid_from),
        confidence: Some(treaty.confidence),
        note: treaty.note.clone(),
    }
}

fn verdict_only(why: String, verdict: TreatyVerdict) -> TreatyAssessment {
    TreatyAssessment {
        treaty_id: None,
        treaty_name: None,
        why,
        verdict,
        checks: Vec::new(),
        points: None,
        source: None,
        valid_from: None,
        confidence: None,
        note: String::new(),
    }
}

fn describe_band(b: Band) -> String {
    let side = |p: Option<Percent>| p.map(|x| x.to_string()).unwrap_or_else(|| "unknown".into());
    let mut text = format!("min {}, max {}", side(b.min), side(b.max));
    if let Some(floor) = b.derogation_min {
        text.push_str(&format!(" (down to {floor} by derogation)"));
    }
    if let Some(ceiling) = b.derogation_max {
        text.push_str(&format!(" (up to {ceiling} by derogation)"));
    }
    text
}

#[allow(clippy::too_many_arguments)]
fn band_check(
    id: &str,
    label: &str,
    share: Percent,
    band: Band,
    contribution: Decimal,
    budget: Decimal,
    money: &dyn Fn(Decimal) -> String,
    steps: Vec<String>,
) -> TreatyCheck {
    let who = label.split(" (").next().unwrap_or(label);
    let mut outcome = CheckOutcome::Pass;
    let mut message = format!("{who} is {share:.2}, within {}", describe_band(band));
    if let Some(min) = band.min.filter(|min| share < *min) {
        let needs = money(min.of(budget) - contribution);
        match band.derogation_min {
            Some(floor) if share >= floor => {
                outcome = CheckOutcome::Derogation;
                message = format!(
                    "{who} is {share:.2}, below the minimum of {min}: it needs the authorities' derogation (possible down to {floor}) or {needs} more contribution"
                );
            }
            floor => {
                outcome = CheckOutcome::Fail;
                message = format!(
                    "{who} is {share:.2}, below the minimum of {min}: needs {needs} more contribution{}",
                    floor
                        .map(|f| format!(" (even by derogation, no lower than {f})"))
                        .unwrap_or_default()
                );
            }
        }
    } else if let Some(max) = band.max.filter(|max| share > *max) {
        let over = money(contribution - max.of(budget));
        match band.derogation_max {
            Some(ceiling) if share <= ceiling => {
                outcome = CheckOutcome::Derogation;
                message = format!(
                    "{who} is {share:.2}, above the maximum of {max} by {over}: it needs the authorities' derogation (possible up to {ceiling})"
                );
            }
            ceiling => {
                outcome = CheckOutcome::Fail;
                message = format!(
                    "{who} is {share:.2}, above the maximum of {max} by {over}{}",
                    ceiling
                        .map(|c| format!(" (even by derogation, no higher than {c})"))
                        .unwrap_or_default()
                );
            }
        }
    }
    let mut bound = match (band.min, band.max) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        (Some(a), None) => format!("≥ {a}"),
        (None, Some(b)) => format!("≤ {b}"),
        (None, None) => "unknown".into(),
    };
    if let Some(floor) = band.derogation_min {
        bound.push_str(&format!(" ({floor} by derogation)"));
    }
    TreatyCheck {
        id: id.into(),
        label: label.into(),
        outcome,
        figure: format!("{share:.2}"),
        bound,
        message,
        steps,
    }
}

/// The checks of a regional agreement's sides: the side's producers together, each of its
/// countries, how many of its countries take part, and its spend against its financial share.
#[allow(clippy::too_many_arguments)]
fn side_checks(
    treaty: &Treaty,
    project: &Project,
    rules: &RuleBook,
    partners: &mut [PartnerAssessment],
    countries: &[TerritorySpend],
    budget: Decimal,
    money: &dyn Fn(Decimal) -> String,
    checks: &mut Vec<TreatyCheck>,
) {
    let mut names: Vec<&str> = Vec::new();
    for s in &treaty.sides {
        if !names.contains(&s.name.as_str()) {
            names.push(&s.name);
        }
    }
    for name in names {
        let Some(side) = treaty
            .sides
            .iter()
            .find(|s| s.name == name && s.when.fits_work(project))
        else {
            continue;
        };
        let region = side.region.as_deref().and_then(|r| rules.region(r));
        let member = |c: &Territory| {
            let country = c.country();
            side.countries.contains(&country) || region.is_some_and(|r| r.contains(&country))
        };
        let mut contribution = Decimal::ZERO;
        let mut present: Vec<(Territory, Decimal)> = Vec::new();
        for p in partners
            .iter()
            .filter(|p| member(&p.country) && p.role != PartnerRole::FinancialOnly)
        {
            contribution += p.contribution;
            match present.iter_mut().find(|(c, _)| c == &p.country) {
                Some((_, a)) => *a += p.contribution,
                None => present.push((p.country.clone(), p.contribution)),
            }
        }
        let share = Percent::ratio(contribution, budget);
        let key = name.to_lowercase().replace(' ', "-");
        checks.push(band_check(
            &format!("side-{key}"),
            &format!("{name} together"),
            share,
            side.combined,
            contribution,
            budget,
            money,
            present
                .iter()
                .map(|(c, a)| format!("{c}: {}", money(*a)))
                .collect(),
        ));
        if let Some(each) = side.each_country {
            for p in partners.iter_mut().filter(|p| member(&p.country)) {
                p.band_min = each.min;
                p.band_max = each.max;
            }
            for (country, amount) in &present {
                checks.push(band_check(
                    &format!("share-{country}"),
                    &format!("{country} share ({name}, each country)"),
                    Percent::ratio(*amount, budget),
                    each,
                    *amount,
                    budget,
                    money,
                    vec![format!(
                        "{country}: {} of {}",
                        money(*amount),
                        money(budget)
                    )],
                ));
            }
        }
        if let Some(min) = side.min_countries {
            let count = present.len();
            let ok = count >= min as usize;
            checks.push(TreatyCheck {
                id: format!("side-{key}-countries"),
                label: format!("{name}: countries taking part"),
                outcome: if ok {
                    CheckOutcome::Pass
                } else {
                    CheckOutcome::Fail
                },
                figure: count.to_string(),
                bound: format!("≥ {min}"),
                message: format!(
                    "{count} {} among the {name} ({}); {} needs at least {min}",
                    if count == 1 { "country" } else { "countries" },
                    present
                        .iter()
                        .map(|(c, _)| c.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    treaty.name
                ),
                steps: Vec::new(),
            });
        }
        let spend: Decimal = countries
            .iter()
            .filter(|t| member(&t.territory))
            .map(|t| t.total)
            .sum();
        let spend_share = Percent::ratio(spend, budget);
        if let Some(tolerance) = side.spend_within {
            let gap = Percent((spend_share.0 - share.0).abs());
            let ok = gap <= tolerance;
            checks.push(TreatyCheck {
                id: format!("side-{key}-proportion"),
                label: format!("{name}: spend in proportion to the financial share"),
                outcome: if ok { CheckOutcome::Pass } else { CheckOutcome::Fail },
                figure: format!("{gap:.2} apart"),
                bound: format!("≤ {tolerance} apart"),
                message: format!(
                    "the {name} spend {spend_share:.2} of the budget against a financial share of {share:.2}: {gap:.2} apart, {} the {tolerance} tolerance",
                    if ok { "within" } else { "beyond" }
                ),
                steps: vec![format!("spend {}, financial {}", money(spend), money(contribution))],
            });
        }
        if let Some(max) = side.spend_max {
            let ok = spend_share <= max;
            checks.push(TreatyCheck {
                id: format!("side-{key}-spend"),
                label: format!("{name}: share of the spend"),
                outcome: if ok {
                    CheckOutcome::Pass
                } else {
                    CheckOutcome::Fail
                },
                figure: format!("{spend_share:.2}"),
                bound: format!("≤ {max}"),
                message: format!(
                    "the {name} spend {spend_share:.2} of the budget, {} the {max} ceiling",
                    if ok { "within" } else { "above" }
                ),
                steps: Vec::new(),
            });
        }
    }
}
