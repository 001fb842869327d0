//! The rule book: the embedded rules, merged with the user's own rule files.

use super::program::Program;
use super::region::Region;
use super::treaty::Treaty;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// What one rule file holds. Every rule file has this shape.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    #[serde(default)]
    pub programs: Vec<Program>,
    #[serde(default)]
    pub treaties: Vec<Treaty>,
    #[serde(default)]
    pub regions: Vec<Region>,
}

/// A rule file that could not be read, with where the problem is.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{origin}:{line}:{column}: {message}")]
pub struct RuleError {
    pub origin: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The rule files built into the binary, in the order they are merged.
const EMBEDDED: &[(&str, &str)] = &[
    (
        "assets/rules/regions.ron",
        include_str!("../../assets/rules/regions.ron"),
    ),
    (
        "assets/rules/treaties.ron",
        include_str!("../../assets/rules/treaties.ron"),
    ),
    (
        "assets/rules/programs-europe.ron",
        include_str!("../../assets/rules/programs-europe.ron"),
    ),
    (
        "assets/rules/programs-americas.ron",
        include_str!("../../assets/rules/programs-americas.ron"),
    ),
    (
        "assets/rules/programs-asia-pacific-africa.ron",
        include_str!("../../assets/rules/programs-asia-pacific-africa.ron"),
    ),
];

/// All programs and treaties the engine knows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleBook {
    programs: Vec<Program>,
    treaties: Vec<Treaty>,
    regions: Vec<Region>,
}

impl RuleBook {
    /// The rules shipped with coprod.
    pub fn embedded() -> Result<RuleBook, RuleError> {
        let mut book = RuleBook::default();
        for (origin, text) in EMBEDDED {
            book.merge(parse_rule_file(origin, text)?);
        }
        Ok(book)
    }

    /// Adds the rules of `file`; a rule with an id already in the book replaces it.
    pub fn merge(&mut self, file: RuleFile) {
        for program in file.programs {
            match self.programs.iter_mut().find(|p| p.id == program.id) {
                Some(existing) => *existing = program,
                None => self.programs.push(program),
            }
        }
        for treaty in file.treaties {
            match self.treaties.iter_mut().find(|t| t.id == treaty.id) {
                Some(existing) => *existing = treaty,
                None => self.treaties.push(treaty),
            }
        }
        for region in file.regions {
            match self.regions.iter_mut().find(|r| r.id == region.id) {
                Some(existing) => *existing = region,
                None => self.regions.push(region),
            }
        }
    }

    /// The first rule that names a region the book does not hold, as (rule id, message).
    pub fn unknown_reference(&self) -> Option<(String, String)> {
        let known: Vec<&str> = self.regions.iter().map(|r| r.id.as_str()).collect();
        let missing = |id: &str, what: &str, region: &str| {
            (!known.contains(&region)).then(|| {
                (
                    id.to_string(),
                    format!(
                        "{what} \"{id}\" names region \"{region}\", which no rule file defines (known: {})",
                        known.join(", ")
                    ),
                )
            })
        };
        self.programs
            .iter()
            .filter_map(|p| {
                p.wider_base
                    .as_ref()
                    .and_then(|w| missing(&p.id, "program", &w.region))
            })
            .chain(self.treaties.iter().flat_map(|t| {
                t.sides.iter().filter_map(|s| {
                    s.region
                        .as_deref()
                        .and_then(|r| missing(&t.id, "treaty", r))
                })
            }))
            .next()
    }

    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    /// The date of the most recent rule: the book describes the rules in force from then.
    pub fn as_of(&self) -> Option<crate::model::Date> {
        let programs = self.programs.iter().map(|p| p.valid_from);
        let treaties = self.treaties.iter().map(|t| t.valid_from);
        programs.chain(treaties).max()
    }

    pub fn programs(&self) -> &[Program] {
        &self.programs
    }

    pub fn treaties(&self) -> &[Treaty] {
        &self.treaties
    }

    pub fn program(&self, id: &str) -> Option<&Program> {
        self.programs.iter().find(|p| p.id == id)
    }

    pub fn treaty(&self, id: &str) -> Option<&Treaty> {
        self.treaties.iter().find(|t| t.id == id)
    }
}

/// Parses one rule file's text. `origin` names it in errors.
pub fn parse_rule_file(origin: &str, text: &str) -> Result<RuleFile, RuleError> {
    let file: RuleFile = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text)
        .map_err(|e| RuleError {
            origin: origin.to_string(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        })?;
    check_rules(origin, text, &file)?;
    Ok(file)
}

/// Checks what the types cannot: ids unique, sources and dates present, rates sensible.
fn check_rules(origin: &str, text: &str, file: &RuleFile) -> Result<(), RuleError> {
    let fail = |id: &str, message: String| {
        let (line, column) = locate(text, &format!("\"{id}\""));
        Err(RuleError {
            origin: origin.to_string(),
            line,
            column,
            message,
        })
    };
    let mut seen = std::collections::HashSet::new();
    for p in &file.programs {
        if !seen.insert(p.id.as_str()) {
            return fail(&p.id, format!("program id \"{}\" appears twice", p.id));
        }
        if p.source.trim().is_empty() {
            return fail(
                &p.id,
                format!(
                    "program \"{}\" has no source; every rule must cite one",
                    p.id
                ),
            );
        }
        if let Err(message) = program_figures_in_range(p) {
            return fail(&p.id, format!("program \"{}\": {message}", p.id));
        }
    }
    for t in &file.treaties {
        if !seen.insert(t.id.as_str()) {
            return fail(&t.id, format!("treaty id \"{}\" appears twice", t.id));
        }
        if t.source.trim().is_empty() {
            return fail(
                &t.id,
                format!(
                    "treaty \"{}\" has no source; every rule must cite one",
                    t.id
                ),
            );
        }
        let scopes = t
            .applies_to
            .iter()
            .chain(t.special_bands.iter().map(|b| &b.when))
            .chain(t.sides.iter().map(|s| &s.when));
        if scopes.into_iter().any(|s| s.local_coproducer.is_some()) {
            return fail(
                &t.id,
                format!(
                    "treaty \"{}\": `local_coproducer` is for programs (a co-producer from the program's country); a treaty's scope cannot use it",
                    t.id
                ),
            );
        }
        if t.kind == super::TreatyKind::Bilateral && t.parties.len() != 2 {
            return fail(
                &t.id,
                format!(
                    "bilateral treaty \"{}\" must have exactly two parties",
                    t.id
                ),
            );
        }
    }
    Ok(())
}

/// Rates and shares within 0–100%, amounts within what a project may hold.
fn program_figures_in_range(p: &super::Program) -> Result<(), String> {
    use super::{Cap, Minimum, RateSchedule, UpliftEffect};
    use crate::model::decimal::{check_amount, check_percent};
    let rate = |r: crate::model::Percent, what: &str| check_percent(r.points(), 100, what);
    let schedule = |r: &RateSchedule| -> Result<(), String> {
        match r {
            RateSchedule::Flat(r) => rate(*r, "the rate"),
            RateSchedule::Marginal(steps) | RateSchedule::Cliff(steps) => {
                rising(steps.iter().map(|s| s.from))?;
                for s in steps {
                    rate(s.rate, "a step's rate")?;
                    check_amount(s.from, "a step's `from`")?;
                }
                Ok(())
            }
            RateSchedule::ShareCliff(steps) => {
                rising(steps.iter().map(|s| s.from))?;
                for s in steps {
                    rate(s.rate, "a step's rate")?;
                    rate(s.from, "a step's share")?;
                }
                Ok(())
            }
        }
    };
    schedule(&p.rate)?;
    for v in &p.variants {
        if let Some(r) = &v.rate {
            schedule(r)?;
        }
    }
    for part in &p.parts {
        rate(part.rate, "a part's rate")?;
    }
    for sub in &p.sub_caps {
        rate(sub.share, "a sub-cap's share")?;
        if let Some(x) = sub.at_least {
            check_amount(x, "a sub-cap's `at_least`")?;
        }
    }
    if let Some(c) = p.rate_ceiling {
        rate(c, "rate_ceiling")?;
    }
    for cap in &p.caps {
        match cap {
            Cap::Qualifying(x) | Cap::Benefit(x) | Cap::BenefitPerEpisode(x) => {
                check_amount(*x, "a cap")?
            }
            Cap::QualifyingShare(s, _) | Cap::BenefitShareOfBudget(s) => rate(*s, "a cap's share")?,
        }
    }
    fn minimum(m: &Minimum) -> Result<(), String> {
        match m {
            Minimum::QualifyingSpend(x)
            | Minimum::Budget(x)
            | Minimum::BudgetAtMost(x)
            | Minimum::PerEpisode(x)
            | Minimum::BudgetPerEpisode(x) => check_amount(*x, "a minimum"),
            Minimum::LocalShare(s) | Minimum::Financed(s) | Minimum::ForeignFinancing(s) => {
                check_percent(s.points(), 100, "a minimum share")
            }
            Minimum::AnyOf(list) => list.iter().try_for_each(minimum),
        }
    }
    p.minimums.iter().try_for_each(minimum)?;
    for u in &p.uplifts {
        match &u.effect {
            UpliftEffect::AddPoints(r) | UpliftEffect::SetRate(r) => rate(*r, "an uplift's rate")?,
            UpliftEffect::SetSchedule(s) => schedule(s)?,
        }
        if let Some(b) = u.at_least {
            check_amount(b, "an uplift's `at_least`")?;
        }
        if let Some(b) = u.below {
            check_amount(b, "an uplift's `below`")?;
        }
    }
    rate(p.net_share, "net_share")?;
    if let Some(c) = p.aid_ceiling {
        rate(c, "aid_ceiling")?;
    }
    if let Some(f) = p.plus_foreign_up_to {
        check_percent(f.points(), 1000, "plus_foreign_up_to")?;
    }
    Ok(())
}

/// A schedule's steps: at least one, each `from` above the one before.
fn rising<T: PartialOrd>(froms: impl Iterator<Item = T>) -> Result<(), String> {
    let froms: Vec<T> = froms.collect();
    if froms.is_empty() {
        return Err("a rate schedule has no steps".into());
    }
    if froms.windows(2).any(|w| w[0] >= w[1]) {
        return Err("rate steps must rise in `from` order".into());
    }
    Ok(())
}

/// The 1-based line and column of the first occurrence of `needle`, or 1:1.
pub fn locate(text: &str, needle: &str) -> (usize, usize) {
    match text.find(needle) {
        Some(offset) => {
            let before = &text[..offset];
            let line = before.matches('\n').count() + 1;
            let column = before
                .rsplit('\n')
                .next()
                .map(|l| l.chars().count())
                .unwrap_or(0)
                + 1;
            (line, column)
        }
        None => (1, 1),
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    const REQUIRED_TREATIES: &[&str] = &["ets-147", "cets-220", "ca-fr-2022", "ca-gb"];

    const REQUIRED_PROGRAMS: &[&str] = &[
        "gb-avec",
        "gb-iftc",
        "ie-s481",
        "fr-cic",
        "fr-c2i",
        "es-national",
        "es-cn",
        "rs-rebate",
        "hu-rebate",
        "pt-cash-refund",
        "de-dfff-1",
        "ca-cptc",
        "ca-pstc",
        "ca-qc-qpstc",
        "ca-on-opstc",
        "ca-bc-pstc",
    ];

    fn embedded() -> RuleBook {
        match RuleBook::embedded() {
            Ok(book) => book,
            Err(e) => panic!("the embedded rule files do not parse: {e}"),
        }
    }

    #[test]
    fn embedded_rules_parse_and_cite_sources() {
        let book = embedded();
        for p in book.programs() {
            assert!(
                !p.source.trim().is_empty(),
                "program {} cites no source",
                p.id
            );
        }
        for t in book.treaties() {
            assert!(
                !t.source.trim().is_empty(),
                "treaty {} cites no source",
                t.id
            );
        }
        for id in REQUIRED_TREATIES {
            assert!(
                book.treaty(id).is_some(),
                "the rule book has no treaty {id}"
            );
        }
        for id in REQUIRED_PROGRAMS {
            assert!(
                book.program(id).is_some(),
                "the rule book has no program {id}"
            );
        }
    }

    #[test]
    fn every_region_the_embedded_rules_name_is_defined() {
        assert_eq!(embedded().unknown_reference(), None);
        let mut book = embedded();
        book.merge(
            parse_rule_file(
                "user.ron",
                r#"(programs: [(id: "x", name: "X", territory: "IS", kind: CashRebate, currency: "ISK",
                    basis: AllSpend, wider_base: (region: "EAA", above_local_share: "80"),
                    rate: Flat("25"), source: "s", valid_from: "2024-01-01", confidence: Confirmed)])"#,
            )
            .expect("parses"),
        );
        let (id, message) = book.unknown_reference().expect("EAA is unknown");
        assert_eq!(id, "x");
        assert!(message.contains("\"EAA\""), "{message}");
    }

    #[test]
    fn no_embedded_rule_is_shadowed_by_another_file() {
        // Merging replaces a rule with the same id, so a duplicate across files would
        // silently drop one of them.
        let (mut programs, mut treaties) = (0, 0);
        for (origin, text) in EMBEDDED {
            let file = match parse_rule_file(origin, text) {
                Ok(file) => file,
                Err(e) => panic!("{e}"),
            };
            programs += file.programs.len();
            treaties += file.treaties.len();
        }
        let book = embedded();
        assert_eq!(book.programs().len(), programs);
        assert_eq!(book.treaties().len(), treaties);
    }

    #[test]
    fn convention_points_tables_match_appendix_ii() {
        let book = embedded();
        let table = |id: &str| match book.treaty(id).and_then(|t| t.points.as_ref()) {
            Some(points) => (points.total(), points.threshold),
            None => panic!("treaty {id} has no points table"),
        };
        assert_eq!(table("ets-147"), (19, 15));
        assert_eq!(table("cets-220"), (21, 16));
        let parties = |id: &str| book.treaty(id).map(|t| t.parties.len());
        assert_eq!(parties("ets-147"), Some(43));
        assert_eq!(parties("cets-220"), Some(37));
    }
}
