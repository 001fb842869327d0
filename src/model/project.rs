//! The whole project: what the file holds (`ProjectData`) and the checked form the engine
//! reads (`Project`).

use super::budget::LineKind;
use super::budget::{Account, Allocation, Fringe, Line, LineId};
use super::currency::{Currency, ExchangeRate, Rates};
use super::error::ModelError;
use super::goal::Goal;
use super::partner::{KeyRole, Partner, PartnerId, PartnerRole};
use super::scenario::Scenario;
use super::territory::Territory;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap, HashSet};

/// Whether the project seeks official co-production status, and under which treaty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Coproduction {
    /// Official co-production; the treaty is chosen from the partners' countries.
    Inferred,
    /// Official co-production under the named treaty (a rule-book id).
    Treaty(String),
    /// A creative (non-treaty) co-production: no treaty checks, no official-status programs.
    Creative,
}

/// The kind of work, which some programs and points tables distinguish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    Fiction,
    Animation,
    Documentary,
}

/// Where the work is released first, which some programs and treaties distinguish (the
/// German film funds, Australia's Producer Offset, Canada–France's cinema band).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Release {
    /// A film made for cinemas.
    #[default]
    Theatrical,
    /// A television film or series.
    Television,
    /// A work made for online (VOD) services.
    Online,
}

impl Release {
    pub fn label(self) -> &'static str {
        match self {
            Release::Theatrical => "theatrical",
            Release::Television => "television",
            Release::Online => "online",
        }
    }

    fn is_theatrical(&self) -> bool {
        *self == Release::Theatrical
    }
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::Fiction => "fiction",
            Format::Animation => "animation",
            Format::Documentary => "documentary",
        }
    }
}

/// What the producer declares and the engine cannot compute: tests passed, uplift
/// conditions met.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Declarations {
    /// Countries whose national cultural test the project passes.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub cultural_tests: BTreeSet<Territory>,
    /// Uplifts whose conditions are met, as `program-id/uplift-id`.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub uplifts: BTreeSet<String>,
}

/// The project exactly as the file holds it. Field order is the file's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectData {
    pub version: u32,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// The base currency: budget totals and partner shares are in it.
    pub currency: Currency,
    #[serde(default)]
    pub rates: Vec<ExchangeRate>,
    /// The territories in play, in the order `>` cycles through them.
    pub territories: Vec<Territory>,
    pub format: Format,
    #[serde(default, skip_serializing_if = "Release::is_theatrical")]
    pub release: Release,
    /// The original language of the work, as an ISO 639-1 code ("fr"): Canada–France lowers
    /// its cinema minimum for French-language works.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub episodes: u32,
    pub coproduction: Coproduction,
    pub partners: Vec<Partner>,
    #[serde(default)]
    pub key_roles: Vec<KeyRole>,
    #[serde(default)]
    pub declarations: Declarations,
    /// Where every scenario should land (a partner's share, a program claimed, a net cost);
    /// `coprod check` and the workbench report each as met or not.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<Goal>,
    #[serde(default)]
    pub fringes: Vec<Fringe>,
    pub accounts: Vec<Account>,
    pub lines: Vec<Line>,
    pub scenarios: Vec<Scenario>,
}

fn one() -> u32 {
    1
}

fn is_one(v: &u32) -> bool {
    *v == 1
}

/// The current file format version.
pub const FORMAT_VERSION: u32 = 1;

/// A line as a scenario has it (see `Project::placed`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed<'a> {
    pub spent_in: &'a Allocation,
    pub paid_by: Option<&'a PartnerId>,
    /// The scenario's own amount, in the line's currency before fringes, when it sets one.
    pub amount: Option<Decimal>,
    pub cost: Decimal,
}

/// A checked project. It can only be built by `Project::new`, which refuses invalid data.
#[derive(Debug, Clone)]
pub struct Project {
    data: ProjectData,
    rates: Rates,
    line_index: HashMap<LineId, usize>,
    /// Each line's cost in the base currency, fringes included, as the budget writes it.
    base_costs: Vec<Decimal>,
    /// Each line's account, as an index into `accounts`.
    line_accounts: Vec<usize>,
}

impl Project {
    pub fn new(data: ProjectData) -> Result<Project, ModelError> {
        let rates = Rates::new(data.currency, &data.rates)?;
        let ids = |items: Vec<&str>, field: &str, what: &str| check_unique(items, field, what);
        ids(
            data.partners.iter().map(|p| p.id.0.as_str()).collect(),
            "id",
            "partner id",
        )?;
        ids(
            data.accounts.iter().map(|a| a.code.as_str()).collect(),
            "code",
            "account code",
        )?;
        ids(
            data.fringes.iter().map(|f| f.id.as_str()).collect(),
            "id",
            "fringe id",
        )?;
        ids(
            data.lines.iter().map(|l| l.id.0.as_str()).collect(),
            "id",
            "line id",
        )?;
        ids(
            data.scenarios.iter().map(|s| s.name.as_str()).collect(),
            "name",
            "scenario name",
        )?;
        ids(
            data.territories.iter().map(Territory::as_str).collect(),
            "",
            "territory",
        )?;

        if data.territories.is_empty() {
            return Err(ModelError::new(
                "the project lists no territories; add the countries where money is spent",
            ));
        }
        if data.partners.is_empty() {
            return Err(ModelError::new(
                "the project has no partners; add at least the majority co-producer",
            ));
        }
        if data.scenarios.is_empty() {
            return Err(ModelError::new(
                "the project has no scenarios; add one, e.g. (name: \"Base\")",
            ));
        }
        if let Some(language) = &data.language {
            let iso = language.len() == 2 && language.bytes().all(|b| b.is_ascii_lowercase());
            if !iso {
                return Err(ModelError::new(format!(
                    "language \"{language}\" is not an ISO 639-1 code; write two lowercase letters such as \"fr\" or \"en\""
                )));
            }
        }
        if data.episodes == 0 {
            return Err(ModelError::new("episodes is 0; a single film has 1"));
        }

        for fringe in &data.fringes {
            let what = format!("fringe {}", fringe.id);
            super::decimal::check_percent(
                fringe.rate.points(),
                1000,
                &format!("the rate of {what}"),
            )
            .and_then(|()| match fringe.cutoff {
                Some(c) => super::decimal::check_amount(c, &format!("the cutoff of {what}")),
                None => Ok(()),
            })
            .map_err(|m| ModelError::new(m).at(&fringe.id))?;
        }

        for partner in &data.partners {
            check_partner(&rates, partner)?;
        }
        check_has_majority(&data.partners)?;

        let refs = References::of(&data);
        for line in &data.lines {
            check_line(&refs, &rates, line)?;
        }

        check_goals(&data, &data.goals, "goals")?;
        for scenario in &data.scenarios {
            check_goals(
                &data,
                &scenario.goals,
                &format!("scenario \"{}\", goals", scenario.name),
            )?;
        }

        let line_index: HashMap<LineId, usize> = data
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| (l.id.clone(), i))
            .collect();
        for scenario in &data.scenarios {
            for (id, ov) in &scenario.overrides {
                let what = format!("scenario \"{}\", line {id}", scenario.name);
                let Some(&index) = line_index.get(id) else {
                    return Err(ModelError::new(format!("{what}: there is no line {id}")).at(&id.0));
                };
                check_override(&data, &data.lines[index], ov, &what).map_err(|e| e.at(&id.0))?;
            }
        }

        let fringes: HashMap<&str, &Fringe> =
            data.fringes.iter().map(|f| (f.id.as_str(), f)).collect();
        let base_costs = data
            .lines
            .iter()
            .map(|l| line_cost(l, l.amount(), &fringes, &rates))
            .collect::<Result<Vec<_>, _>>()?;
        let account_index: HashMap<&str, usize> = data
            .accounts
            .iter()
            .enumerate()
            .map(|(i, a)| (a.code.as_str(), i))
            .collect();
        let line_accounts = data
            .lines
            .iter()
            .map(|l| account_index[l.account.as_str()])
            .collect();
        Ok(Project {
            data,
            rates,
            line_index,
            base_costs,
            line_accounts,
        })
    }

    pub fn data(&self) -> &ProjectData {
        &self.data
    }

    /// Mutable access for edits, which keep the invariants `new` checked (see `edit.rs`).
    pub(crate) fn data_mut(&mut self) -> &mut ProjectData {
        &mut self.data
    }

    pub fn into_data(self) -> ProjectData {
        self.data
    }

    pub fn title(&self) -> &str {
        &self.data.title
    }

    pub fn currency(&self) -> Currency {
        self.data.currency
    }

    pub fn rates(&self) -> &Rates {
        &self.rates
    }

    pub fn territories(&self) -> &[Territory] {
        &self.data.territories
    }

    pub fn lines(&self) -> &[Line] {
        &self.data.lines
    }

    pub fn line_index(&self, id: &LineId) -> Option<usize> {
        self.line_index.get(id).copied()
    }

    pub fn partners(&self) -> &[Partner] {
        &self.data.partners
    }

    pub fn accounts(&self) -> &[Account] {
        &self.data.accounts
    }

    pub fn account(&self, code: &str) -> Option<&Account> {
        self.data.accounts.iter().find(|a| a.code == code)
    }

    pub fn scenarios(&self) -> &[Scenario] {
        &self.data.scenarios
    }

    pub fn scenario(&self, name: &str) -> Option<&Scenario> {
        self.data.scenarios.iter().find(|s| s.name == name)
    }

    /// The scenario named `name`, or the first one when no name is given.
    pub fn scenario_or_first(&self, name: Option<&str>) -> Result<&Scenario, ModelError> {
        match name {
            None => Ok(&self.data.scenarios[0]),
            Some(n) => self.scenario(n).ok_or_else(|| {
                let names: Vec<&str> = self
                    .data
                    .scenarios
                    .iter()
                    .map(|s| s.name.as_str())
                    .collect();
                ModelError::new(format!(
                    "there is no scenario \"{n}\"; the project has: {}",
                    names.join(", ")
                ))
            }),
        }
    }

    /// The majority co-producer (the project guarantees there is one).
    pub fn majority(&self) -> &Partner {
        self.data
            .partners
            .iter()
            .find(|p| p.role == PartnerRole::Majority)
            .unwrap_or(&self.data.partners[0])
    }

    /// Puts `line` in place of line `index` if the project stays valid, and returns the line
    /// it replaced. The id stays the line's own; scenarios that change the line must still be
    /// able to (a line cannot be pinned while a scenario moves it).
    pub(crate) fn replace_line(&mut self, index: usize, line: Line) -> Result<Line, ModelError> {
        let old = self
            .data
            .lines
            .get(index)
            .ok_or_else(|| ModelError::new(format!("there is no line number {}", index + 1)))?;
        if old.id != line.id {
            return Err(ModelError::new(format!(
                "line {} keeps its id; it cannot become {}",
                old.id, line.id
            )));
        }
        check_line(&References::of(&self.data), &self.rates, &line)?;
        for scenario in &self.data.scenarios {
            if let Some(ov) = scenario.overrides.get(&line.id) {
                let what = format!("scenario \"{}\", line {}", scenario.name, line.id);
                check_override(&self.data, &line, ov, &what)?;
            }
        }
        let fringes: HashMap<&str, &Fringe> = self
            .data
            .fringes
            .iter()
            .map(|f| (f.id.as_str(), f))
            .collect();
        let cost = line_cost(&line, line.amount(), &fringes, &self.rates)?;
        let account = self
            .data
            .accounts
            .iter()
            .position(|a| a.code == line.account)
            .unwrap_or_default();
        self.base_costs[index] = cost;
        self.line_accounts[index] = account;
        Ok(std::mem::replace(&mut self.data.lines[index], line))
    }

    /// Puts `partner` in place of partner `index` if the project stays valid (the id stays, a
    /// majority co-producer remains), and returns the partner it replaced.
    pub(crate) fn replace_partner(
        &mut self,
        index: usize,
        partner: Partner,
    ) -> Result<Partner, ModelError> {
        let old =
            self.data.partners.get(index).ok_or_else(|| {
                ModelError::new(format!("there is no partner number {}", index + 1))
            })?;
        if old.id != partner.id {
            return Err(ModelError::new(format!(
                "partner {} keeps its id; it cannot become {}",
                old.id, partner.id
            )));
        }
        check_partner(&self.rates, &partner)?;
        let mut partners = self.data.partners.clone();
        partners[index] = partner.clone();
        check_has_majority(&partners)?;
        Ok(std::mem::replace(&mut self.data.partners[index], partner))
    }

    /// Sets whether and under which treaty the project seeks official status; returns the
    /// previous choice.
    pub(crate) fn replace_coproduction(&mut self, mode: Coproduction) -> Coproduction {
        std::mem::replace(&mut self.data.coproduction, mode)
    }

    /// The index into `accounts()` of line `index`'s account.
    pub fn line_account(&self, index: usize) -> usize {
        self.line_accounts[index]
    }

    /// Line `index`'s cost in the base currency with fringes, at the budget's own amount.
    pub fn base_cost(&self, index: usize) -> Decimal {
        self.base_costs[index]
    }

    /// Line `index`'s cost in the base currency with fringes, in scenario `scenario` (which may
    /// change its amount).
    pub fn cost_in(&self, scenario: usize, index: usize) -> Decimal {
        let id = &self.data.lines[index].id;
        match self
            .data
            .scenarios
            .get(scenario)
            .and_then(|s| s.overrides.get(id))
            .and_then(|o| o.amount)
        {
            Some(amount) => self.cost_at(index, amount),
            None => self.base_costs[index],
        }
    }

    /// How line `index` costs what it does in scenario `scenario`, one step per sentence: the
    /// amount (or quantity × rate), each fringe with its cutoff, and the conversion to the base
    /// currency. The last step is `cost_in(scenario, index)`.
    pub fn cost_steps(&self, scenario: usize, index: usize) -> Vec<String> {
        use super::currency::format_money;
        let line = &self.data.lines[index];
        let cur = line.currency;
        let overridden = self
            .data
            .scenarios
            .get(scenario)
            .and_then(|s| s.overrides.get(&line.id))
            .and_then(|o| o.amount);
        let mut steps = Vec::new();
        let amount = match (overridden, &line.cost) {
            (Some(a), _) => {
                steps.push(format!(
                    "amount {} in this scenario (the budget has {})",
                    format_money(a, cur),
                    format_money(line.amount(), cur)
                ));
                a
            }
            (None, super::budget::Cost::Units(u)) => {
                steps.push(format!(
                    "{} {} × {} = {}",
                    u.quantity.normalize(),
                    u.unit,
                    format_money(u.rate, cur),
                    format_money(line.amount(), cur)
                ));
                line.amount()
            }
            (None, super::budget::Cost::Amount(a)) => {
                steps.push(format!("amount {}", format_money(*a, cur)));
                *a
            }
        };
        let mut total = amount;
        for fringe in line
            .fringes
            .iter()
            .filter_map(|id| self.data.fringes.iter().find(|f| &f.id == id))
        {
            let charge = fringe.charge(amount);
            total += charge;
            let on = match fringe.cutoff {
                Some(c) if amount > c => {
                    format!("{:.2} of the cutoff {}", fringe.rate, format_money(c, cur))
                }
                _ => format!("{:.2} of {}", fringe.rate, format_money(amount, cur)),
            };
            steps.push(format!(
                "+ {} ({on}) = {}",
                fringe.name,
                format_money(charge, cur)
            ));
        }
        if !line.fringes.is_empty() {
            steps.push(format!("= {} with fringes", format_money(total, cur)));
        }
        let base = self.data.currency;
        if cur != base {
            let rate = self.rates.rate(cur).unwrap_or_default();
            let dated = self
                .rates
                .entry(cur)
                .map(|e| format!(" (rate of {})", e.date))
                .unwrap_or_default();
            steps.push(format!(
                "× {} {base} per {cur}{dated} = {}",
                rate.normalize(),
                format_money(self.cost_at(index, amount), base)
            ));
        }
        steps
    }

    /// Line `index` as `scenario` has it: where it is spent, who it names as payer (`None`:
    /// the engine's default) and what it costs in the base currency with fringes.
    pub fn placed<'a>(&'a self, scenario: &'a Scenario, index: usize) -> Placed<'a> {
        let line = &self.data.lines[index];
        let ov = scenario.overrides.get(&line.id);
        Placed {
            spent_in: ov
                .and_then(|o| o.spent_in.as_ref())
                .unwrap_or(&line.spent_in),
            paid_by: ov
                .and_then(|o| o.paid_by.as_ref())
                .or(line.paid_by.as_ref()),
            amount: ov.and_then(|o| o.amount),
            cost: match ov.and_then(|o| o.amount) {
                Some(amount) => self.cost_at(index, amount),
                None => self.base_costs[index],
            },
        }
    }

    /// Line `index`'s cost in the base currency with fringes, at another amount.
    pub fn cost_at(&self, index: usize, amount: Decimal) -> Decimal {
        // Currencies were checked in `new`, so the rate exists.
        self.rates
            .to_base(
                self.own_cost_at(index, amount),
                self.data.lines[index].currency,
            )
            .unwrap_or_default()
    }

    /// Line `index`'s cost in its own currency with fringes, at `amount` (before fringes).
    pub fn own_cost_at(&self, index: usize, amount: Decimal) -> Decimal {
        let line = &self.data.lines[index];
        let fringe_total: Decimal = line
            .fringes
            .iter()
            .filter_map(|id| self.data.fringes.iter().find(|f| &f.id == id))
            .map(|f| f.charge(amount))
            .sum();
        amount + fringe_total
    }
}

fn line_cost(
    line: &Line,
    amount: Decimal,
    fringes: &HashMap<&str, &Fringe>,
    rates: &Rates,
) -> Result<Decimal, ModelError> {
    let fringe_total: Decimal = line
        .fringes
        .iter()
        .filter_map(|id| fringes.get(id.as_str()))
        .map(|f| f.charge(amount))
        .sum();
    rates
        .to_base(amount + fringe_total, line.currency)
        .ok_or_else(|| {
            ModelError::new(format!(
                "line {} is in {} which has no exchange rate",
                line.id, line.currency
            ))
        })
}

/// The names a line may refer to, gathered once so each line is checked in constant time.
struct References<'a> {
    territories: HashSet<&'a Territory>,
    partners: HashSet<&'a PartnerId>,
    accounts: HashSet<&'a str>,
    fringes: HashSet<&'a str>,
}

impl<'a> References<'a> {
    fn of(data: &'a ProjectData) -> References<'a> {
        References {
            territories: data.territories.iter().collect(),
            partners: data.partners.iter().map(|p| &p.id).collect(),
            accounts: data.accounts.iter().map(|a| a.code.as_str()).collect(),
            fringes: data.fringes.iter().map(|f| f.id.as_str()).collect(),
        }
    }
}

/// Whether `line` refers only to things the project has: its account, currency, fringes,
/// territories (within its allowed ones) and payer.
fn check_line(refs: &References, rates: &Rates, line: &Line) -> Result<(), ModelError> {
    let id = line.id.0.as_str();
    if !refs.accounts.contains(line.account.as_str()) {
        return Err(ModelError::new(format!(
            "line {id} is in account {} which is not in the chart of accounts",
            line.account
        ))
        .at(id));
    }
    known_currency(rates, line.currency, &format!("line {id}")).map_err(|e| e.at(id))?;
    if line.kind == LineKind::Goods && !line.fringes.is_empty() {
        return Err(ModelError::new(format!(
            "line {id} is goods & services but carries fringes; fringes apply to labour (remove them, or make it labour)"
        ))
        .at(id));
    }
    for f in &line.fringes {
        if !refs.fringes.contains(f.as_str()) {
            return Err(ModelError::new(format!(
                "line {id} uses fringe {f}, which is not defined"
            ))
            .at(id));
        }
    }
    check_allocation(&line.spent_in, &refs.territories, &format!("line {id}"))
        .map_err(|e| e.at(id))?;
    if !line.allowed.is_empty()
        && let Some((outside, _)) = line
            .spent_in
            .parts()
            .iter()
            .find(|(t, _)| !line.allowed.iter().any(|a| t.lies_within(a)))
    {
        return Err(ModelError::new(format!(
            "line {id} is spent in {outside} but may only be spent in its allowed territories"
        ))
        .at(id));
    }
    if let Some(payer) = &line.paid_by
        && !refs.partners.contains(payer)
    {
        return Err(ModelError::new(format!(
            "line {id} is paid by partner \"{payer}\", which does not exist"
        ))
        .at(id));
    }
    super::decimal::check_amount(line.amount(), &format!("the amount of line {id}"))
        .map_err(|m| ModelError::new(m).at(id))?;
    Ok(())
}

/// Whether `partner` belongs to a country and its financing is in known currencies, in range.
fn check_partner(rates: &Rates, partner: &Partner) -> Result<(), ModelError> {
    if !partner.country.is_country() {
        return Err(ModelError::new(format!(
            "partner {} has country {}; a partner belongs to a country (use {})",
            partner.id,
            partner.country,
            partner.country.country()
        ))
        .at(&partner.id.0));
    }
    if partner.name.trim().is_empty() {
        return Err(
            ModelError::new(format!("partner {} needs a name", partner.id)).at(&partner.id.0),
        );
    }
    for source in &partner.financing {
        let what = format!("financing \"{}\" of partner {}", source.name, partner.id);
        if source.name.trim().is_empty() {
            return Err(ModelError::new(format!(
                "a financing source of partner {} needs a name",
                partner.id
            ))
            .at(&partner.id.0));
        }
        known_currency(rates, source.currency, &what).map_err(|e| e.at(&source.name))?;
        super::decimal::check_amount(source.amount, &what)
            .map_err(|m| ModelError::new(m).at(&source.name))?;
        if let Some(ob) = &source.obligation
            && (ob.share.points() <= Decimal::ZERO || ob.share.points() > Decimal::from(1000))
        {
            return Err(ModelError::new(format!(
                "the spend obligation of \"{}\" must be above 0% and at most 1000%",
                source.name
            ))
            .at(&source.name));
        }
    }
    Ok(())
}

/// Goals name partners of the project, territories where the project spends, and figures in
/// range.
fn check_goals(data: &ProjectData, goals: &[Goal], what: &str) -> Result<(), ModelError> {
    for goal in goals {
        goal.check()
            .map_err(|m| ModelError::new(format!("{what}: {m}")))?;
        if let Some(partner) = goal.partner()
            && !data.partners.iter().any(|p| &p.id == partner)
        {
            let known: Vec<&str> = data.partners.iter().map(|p| p.id.0.as_str()).collect();
            return Err(ModelError::new(format!(
                "{what}: there is no partner \"{partner}\"; the partners are {}",
                known.join(", ")
            ))
            .at(&partner.0));
        }
        if let Goal::SpendAtLeast { territory, .. } = goal
            && !data.territories.iter().any(|t| t.lies_within(territory))
        {
            return Err(ModelError::new(format!(
                    "{what}: no territory of the project lies in {territory}; add it to territories or name one that is there"
                ))
                .at(territory.as_str()));
        }
    }
    Ok(())
}

fn check_has_majority(partners: &[Partner]) -> Result<(), ModelError> {
    if partners.iter().any(|p| p.role == PartnerRole::Majority) {
        Ok(())
    } else {
        Err(ModelError::new(
            "no partner is the majority co-producer; mark one with role: Majority",
        ))
    }
}

/// Whether a scenario may apply `ov` to `line`: known territories, a movable line, an
/// existing payer.
pub(crate) fn check_override(
    data: &ProjectData,
    line: &Line,
    ov: &super::scenario::LineOverride,
    what: &str,
) -> Result<(), ModelError> {
    if let Some(alloc) = &ov.spent_in {
        for (t, _) in alloc.parts() {
            if !data.territories.contains(t) {
                return Err(ModelError::new(format!(
                    "{what} is spent in {t}, which is not one of the project's territories; add it to territories"
                )));
            }
        }
        if alloc != &line.spent_in {
            for (t, _) in alloc.parts() {
                line.may_move_to(t)
                    .map_err(|m| ModelError::new(format!("{what}: {m}")))?;
            }
        }
    }
    if let Some(amount) = ov.amount {
        super::decimal::check_amount(amount, &format!("{what}: the amount"))
            .map_err(ModelError::new)?;
    }
    if let Some(payer) = &ov.paid_by
        && !data.partners.iter().any(|p| &p.id == payer)
    {
        return Err(ModelError::new(format!(
            "{what}: partner \"{payer}\" does not exist"
        )));
    }
    Ok(())
}

/// Refuses a repeated id, pointing at its second `field: "item"` in the file.
fn check_unique(items: Vec<&str>, field: &str, what: &str) -> Result<(), ModelError> {
    let mut seen = HashSet::new();
    for item in items {
        if !seen.insert(item) {
            let error = ModelError::new(format!(
                "{what} \"{item}\" appears twice; each must be unique"
            ));
            return Err(if field.is_empty() {
                error.at(item)
            } else {
                error.at_text(format!("{field}: \"{item}\""), 2)
            });
        }
    }
    Ok(())
}

fn known_currency(rates: &Rates, currency: Currency, what: &str) -> Result<(), ModelError> {
    if rates.knows(currency) {
        Ok(())
    } else {
        Err(ModelError::new(format!(
            "{what} is in {currency}, which has no exchange rate; add (currency: \"{currency}\", rate: \"…\", date: \"YYYY-MM-DD\") to rates"
        )))
    }
}

fn check_allocation(
    alloc: &Allocation,
    territories: &HashSet<&Territory>,
    what: &str,
) -> Result<(), ModelError> {
    for (t, _) in alloc.parts() {
        if !territories.contains(t) {
            return Err(ModelError::new(format!(
                "{what} is spent in {t}, which is not one of the project's territories; add it to territories"
            )));
        }
    }
    Ok(())
}
