//! Property tests: random valid projects and random sequences of the workbench's edits.
//!
//! (a) moving, splitting and re-assigning lines never changes the budget total;
//! (b) undoing any sequence of edits restores the exact project, and redo replays it;
//! (c) save → load is the identity and a second save gives the same text;
//! (d) the assessment never panics on a valid project, and its spend adds up.
//!
//! Money is exact: amounts are generated as integer cents (`Decimal::new(cents, 2)`),
//! percentages as integer hundredths of a point, rates as integer ten-thousandths. Every
//! choice among the project's own things (a line, a territory, a partner) is a
//! `proptest::sample::Index`, so a case shrinks towards the first of each and to fewer,
//! smaller lines. 64 cases per property by default; set `PROPTEST_CASES` for more.

mod common;

use common::{Builder, cur, embedded, t};
use coprod::engine::{Assessment, assess};
use coprod::model::*;
use coprod::store::{load, load_str, save, to_ron};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use rust_decimal::Decimal;
use std::path::Path;

// ----------------------------------------------------------------------------------------
// Pools the generators draw from

/// Where money may be spent: countries, provinces and regions, and Spanish provinces nested
/// in their autonomous communities (ES-SS within ES-PV within ES).
const TERRITORIES: &[&str] = &[
    "FR", "FR-ARA", "CA", "CA-QC", "CA-ON", "CA-BC", "ES", "ES-CN", "ES-SS", "ES-PV", "ES-NC",
    "BE", "BE-WAL", "BE-VLG", "DE", "GB", "IE", "HU", "IT", "AU", "NZ", "US-GA", "CO", "PT",
];

/// Partners' countries (a partner belongs to a country, never a subdivision).
const COUNTRIES: &[&str] = &[
    "FR", "CA", "ES", "BE", "DE", "GB", "IE", "HU", "IT", "AU", "NZ", "US", "CO", "PT", "KR", "AT",
    "CH",
];

const CURRENCIES: &[&str] = &["EUR", "CAD", "GBP", "HUF", "USD", "AUD"];

/// Rule-book treaty ids, and one that does not exist.
const TREATIES: &[&str] = &[
    "ets-147",
    "cets-220",
    "ca-fr-2022",
    "ca-gb",
    "gb-fr",
    "it-hu",
    "de-at-ch",
    "eu-kr",
    "no-such-treaty",
];

const UPLIFTS: &[&str] = &[
    "ie-s481/sceal",
    "fr-cic/lower-budget-or-animation",
    "fr-c2i/vfx",
    "es-nc/difficult-work",
    "no-such/uplift",
];

const ROLES: &[Role] = &[
    Role::Director,
    Role::Screenwriter,
    Role::Composer,
    Role::FirstRole,
    Role::SecondRole,
    Role::ThirdRole,
    Role::Camera,
    Role::Sound,
    Role::Editing,
    Role::ProductionDesign,
    Role::CostumeDesign,
    Role::ShootingLocation,
    Role::VfxLocation,
    Role::PostLocation,
];

const KINDS: &[FinancingKind] = &[
    FinancingKind::Equity,
    FinancingKind::PreSale,
    FinancingKind::PublicFund,
    FinancingKind::Loan,
    FinancingKind::Deferment,
    FinancingKind::Other,
];

const PARTNER_ROLES: &[PartnerRole] = &[
    PartnerRole::Majority,
    PartnerRole::Minority,
    PartnerRole::FinancialOnly,
];

/// The number of cases: 64, or `PROPTEST_CASES`.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
        // Keep the tree clean: a failure prints its minimal input, to copy into a test.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn pick(i: &Index, pool: &[&'static str]) -> &'static str {
    i.get::<&'static str>(pool)
}

fn money(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

// ----------------------------------------------------------------------------------------
// Specifications: plain generated values, turned into a project by `build`

/// An amount in cents: often zero or small, mostly up to a billion.
fn cents() -> impl Strategy<Value = i64> {
    prop_oneof![
        1 => Just(0i64),
        2 => 0i64..1_000_000,
        6 => 0i64..=100_000_000_000,
    ]
}

/// Free text, including quotes, backslashes, newlines, comment markers and any printable
/// character, which the file must carry unchanged.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[A-Za-z0-9 ]{0,12}",
        1 => "\\PC{0,12}",
        1 => "[\"\\\\/\n\t'(){}:,é€ ]{0,8}",
    ]
}

/// A name: never blank.
fn name() -> impl Strategy<Value = String> {
    ("[A-Z]", text()).prop_map(|(a, b)| a + &b)
}

/// Where a line is spent: one territory, or a split by weights over two or three.
#[derive(Debug, Clone)]
enum AllocSpec {
    At(Index),
    Split(Vec<(Index, u32)>),
}

fn alloc_spec() -> impl Strategy<Value = AllocSpec> {
    prop_oneof![
        2 => any::<Index>().prop_map(AllocSpec::At),
        1 => prop::collection::vec((any::<Index>(), 1u32..=100), 2..=3).prop_map(AllocSpec::Split),
    ]
}

/// Weights turned into shares in hundredths of a point that total exactly 100: each share
/// is rounded down and the last takes the rest, so every share stays above zero.
fn split_of(parts: Vec<(Territory, u32)>) -> Allocation {
    let sum: i64 = parts.iter().map(|(_, w)| i64::from(*w)).sum();
    let mut left = 10_000i64;
    let last = parts.len() - 1;
    let shares = parts.into_iter().enumerate().map(|(i, (t, w))| {
        let hundredths = if i == last {
            left
        } else {
            i64::from(w) * 10_000 / sum
        };
        left -= hundredths;
        (t, Percent(Decimal::new(hundredths, 2)))
    });
    Allocation::split(shares.collect::<Vec<_>>()).expect("shares total exactly 100")
}

fn allocation(territories: &[Territory], spec: &AllocSpec) -> Allocation {
    match spec {
        AllocSpec::At(i) => Allocation::at(i.get(territories).clone()),
        AllocSpec::Split(parts) => {
            let mut picked: Vec<(Territory, u32)> = Vec::new();
            for (i, w) in parts {
                let t = i.get(territories);
                if !picked.iter().any(|(x, _)| x == t) {
                    picked.push((t.clone(), *w));
                }
            }
            split_of(picked)
        }
    }
}

#[derive(Debug, Clone)]
enum CostSpec {
    Amount(i64),
    /// Quantity in hundredths, rate in cents.
    Units(i64, i64),
}

fn cost_spec() -> impl Strategy<Value = CostSpec> {
    prop_oneof![
        4 => cents().prop_map(CostSpec::Amount),
        1 => (0i64..=10_000, 0i64..=100_000_000).prop_map(|(q, r)| CostSpec::Units(q, r)),
    ]
}

#[derive(Debug, Clone)]
struct LineSpec {
    account: Index,
    labour: bool,
    cost: CostSpec,
    currency: Index,
    residence: Option<Index>,
    fringes: Vec<Index>,
    spent_in: AllocSpec,
    paid_by: Option<Index>,
    pinned: bool,
    restricted: bool,
    description: String,
}

fn line_spec() -> impl Strategy<Value = LineSpec> {
    (
        (any::<Index>(), any::<bool>(), cost_spec(), any::<Index>()),
        (
            prop::option::weighted(0.3, any::<Index>()),
            prop::collection::vec(any::<Index>(), 0..=2),
            alloc_spec(),
            prop::option::weighted(0.4, any::<Index>()),
        ),
        (
            prop::bool::weighted(0.15),
            prop::bool::weighted(0.15),
            text(),
        ),
    )
        .prop_map(
            |(
                (account, labour, cost, currency),
                (residence, fringes, spent_in, paid_by),
                (pinned, restricted, description),
            )| LineSpec {
                account,
                labour,
                cost,
                currency,
                residence,
                fringes,
                spent_in,
                paid_by,
                pinned,
                restricted,
                description,
            },
        )
}

#[derive(Debug, Clone)]
struct SourceSpec {
    name: String,
    kind: Index,
    amount: i64,
    currency: Index,
    /// Territory (from the pool) and share in hundredths of a point.
    obligation: Option<(Index, i64)>,
}

fn source_spec() -> impl Strategy<Value = SourceSpec> {
    (
        name(),
        any::<Index>(),
        cents(),
        any::<Index>(),
        prop::option::weighted(0.2, (any::<Index>(), 1i64..=100_000)),
    )
        .prop_map(|(name, kind, amount, currency, obligation)| SourceSpec {
            name,
            kind,
            amount,
            currency,
            obligation,
        })
}

#[derive(Debug, Clone)]
struct PartnerSpec {
    name: String,
    country: Index,
    role: Index,
    financing: Vec<SourceSpec>,
    claims_incentives: bool,
}

fn partner_spec() -> impl Strategy<Value = PartnerSpec> {
    (
        name(),
        any::<Index>(),
        any::<Index>(),
        prop::collection::vec(source_spec(), 0..=3),
        prop::bool::weighted(0.85),
    )
        .prop_map(
            |(name, country, role, financing, claims_incentives)| PartnerSpec {
                name,
                country,
                role,
                financing,
                claims_incentives,
            },
        )
}

#[derive(Debug, Clone)]
struct OverrideSpec {
    line: Index,
    spent_in: Option<AllocSpec>,
    paid_by: Option<Index>,
    amount: Option<i64>,
}

fn override_spec() -> impl Strategy<Value = OverrideSpec> {
    (
        any::<Index>(),
        prop::option::of(alloc_spec()),
        prop::option::weighted(0.3, any::<Index>()),
        prop::option::weighted(0.3, cents()),
    )
        .prop_map(|(line, spent_in, paid_by, amount)| OverrideSpec {
            line,
            spent_in,
            paid_by,
            amount,
        })
}

#[derive(Debug, Clone)]
struct ScenarioSpec {
    note: String,
    overrides: Vec<OverrideSpec>,
}

fn scenario_spec() -> impl Strategy<Value = ScenarioSpec> {
    (text(), prop::collection::vec(override_spec(), 0..=4))
        .prop_map(|(note, overrides)| ScenarioSpec { note, overrides })
}

#[derive(Debug, Clone)]
struct ProjectSpec {
    title: String,
    notes: String,
    base: Index,
    /// Currency and rate in ten-thousandths (0.0001 to 1000).
    rates: Vec<(Index, i64)>,
    territories: Vec<&'static str>,
    format: Index,
    release: Index,
    episodes: u32,
    language: Option<Index>,
    /// 0 inferred, 1 creative, 2 a named treaty.
    coproduction: (u8, Index),
    partners: Vec<PartnerSpec>,
    /// Which partner is made the majority co-producer; `None` (rarely) leaves the roles as
    /// drawn, so some projects have no majority and `Project::new` refuses them.
    majority: Option<Index>,
    key_roles: Vec<(Index, Index)>,
    cultural_tests: Vec<Index>,
    uplifts: Vec<Index>,
    /// Rate in hundredths of a point, cutoff in cents.
    fringes: Vec<(i64, Option<i64>)>,
    lines: Vec<LineSpec>,
    scenarios: Vec<ScenarioSpec>,
}

fn project_spec() -> impl Strategy<Value = ProjectSpec> {
    (
        (
            text(),
            text(),
            any::<Index>(),
            prop::collection::vec((any::<Index>(), 1i64..=10_000_000), 0..=3),
            prop::sample::subsequence(TERRITORIES.to_vec(), 1..=5).prop_shuffle(),
        ),
        (
            any::<Index>(),
            any::<Index>(),
            prop_oneof![4 => Just(1u32), 1 => 2u32..=40],
            prop::option::weighted(0.3, any::<Index>()),
            (0u8..3, any::<Index>()),
        ),
        (
            prop::collection::vec(partner_spec(), 1..=4),
            prop::option::weighted(0.95, any::<Index>()),
            prop::collection::vec((any::<Index>(), any::<Index>()), 0..=4),
            prop::collection::vec(any::<Index>(), 0..=3),
            prop::collection::vec(any::<Index>(), 0..=2),
        ),
        (
            prop::collection::vec((0i64..=10_000, prop::option::weighted(0.5, cents())), 0..=2),
            prop::collection::vec(line_spec(), 0..=10),
            prop::collection::vec(scenario_spec(), 1..=3),
        ),
    )
        .prop_map(
            |(
                (title, notes, base, rates, territories),
                (format, release, episodes, language, coproduction),
                (partners, majority, key_roles, cultural_tests, uplifts),
                (fringes, lines, scenarios),
            )| ProjectSpec {
                title,
                notes,
                base,
                rates,
                territories,
                format,
                release,
                episodes,
                language,
                coproduction,
                partners,
                majority,
                key_roles,
                cultural_tests,
                uplifts,
                fringes,
                lines,
                scenarios,
            },
        )
}

/// The project data a spec stands for. References (territories, payers, fringes) are drawn
/// from what the project has, so `Project::new` accepts almost every one.
fn build(spec: &ProjectSpec) -> ProjectData {
    let base = pick(&spec.base, CURRENCIES);
    let mut b = Builder::new(base, &spec.territories);
    let mut known = vec![cur(base)];
    for (c, rate) in &spec.rates {
        let c = cur(pick(c, CURRENCIES));
        if known.contains(&c) {
            continue;
        }
        known.push(c);
        b.data.rates.push(ExchangeRate {
            currency: c,
            rate: Decimal::new(*rate, 4),
            date: Date::parse("2026-10-01").unwrap(),
        });
    }
    let mut data = b.data;
    data.title = spec.title.clone();
    data.notes = spec.notes.clone();
    data.format = *spec
        .format
        .get(&[Format::Fiction, Format::Animation, Format::Documentary]);
    data.release = *spec
        .release
        .get(&[Release::Theatrical, Release::Television, Release::Online]);
    data.episodes = spec.episodes;
    data.language = spec
        .language
        .map(|l| pick(&l, &["fr", "en", "es"]).to_string());
    data.coproduction = match spec.coproduction.0 {
        0 => Coproduction::Inferred,
        1 => Coproduction::Creative,
        _ => Coproduction::Treaty(pick(&spec.coproduction.1, TREATIES).to_string()),
    };
    for (i, p) in spec.partners.iter().enumerate() {
        data.partners.push(Partner {
            id: PartnerId(format!("p{i}")),
            name: p.name.clone(),
            country: t(pick(&p.country, COUNTRIES)),
            role: *p.role.get(PARTNER_ROLES),
            financing: p
                .financing
                .iter()
                .map(|s| FinancingSource {
                    name: s.name.clone(),
                    kind: *s.kind.get(KINDS),
                    amount: money(s.amount),
                    currency: *s.currency.get(&known),
                    obligation: s.obligation.map(|(t_, share)| SpendObligation {
                        territory: t(pick(&t_, TERRITORIES)),
                        share: Percent(Decimal::new(share, 2)),
                    }),
                })
                .collect(),
            claims_incentives: p.claims_incentives,
        });
    }
    if let Some(m) = spec.majority {
        let n = data.partners.len();
        data.partners[m.index(n)].role = PartnerRole::Majority;
    }
    data.key_roles = spec
        .key_roles
        .iter()
        .map(|(r, c)| KeyRole {
            role: *r.get(ROLES),
            name: String::new(),
            country: t(pick(c, COUNTRIES)),
        })
        .collect();
    data.declarations.cultural_tests = spec
        .cultural_tests
        .iter()
        .map(|c| t(pick(c, COUNTRIES)))
        .collect();
    data.declarations.uplifts = spec
        .uplifts
        .iter()
        .map(|u| pick(u, UPLIFTS).to_string())
        .collect();
    data.fringes = spec
        .fringes
        .iter()
        .enumerate()
        .map(|(i, (rate, cutoff))| Fringe {
            id: format!("f{i}"),
            name: format!("Fringe {i}"),
            rate: Percent(Decimal::new(*rate, 2)),
            cutoff: cutoff.map(money),
        })
        .collect();
    let fringe_ids: Vec<String> = data.fringes.iter().map(|f| f.id.clone()).collect();
    let partner_ids: Vec<PartnerId> = data.partners.iter().map(|p| p.id.clone()).collect();
    let accounts: Vec<String> = data.accounts.iter().map(|a| a.code.clone()).collect();
    for (i, l) in spec.lines.iter().enumerate() {
        let kind = if l.labour {
            LineKind::Labour
        } else {
            LineKind::Goods
        };
        let mut fringes = Vec::new();
        if kind == LineKind::Labour && !fringe_ids.is_empty() {
            for f in &l.fringes {
                let id = f.get(&fringe_ids);
                if !fringes.contains(id) {
                    fringes.push(id.clone());
                }
            }
        }
        let spent_in = allocation(&data.territories, &l.spent_in);
        let allowed = if l.restricted {
            let mut countries: Vec<Territory> = Vec::new();
            for (t_, _) in spent_in.parts() {
                if !countries.contains(&t_.country()) {
                    countries.push(t_.country());
                }
            }
            countries
        } else {
            Vec::new()
        };
        data.lines.push(Line {
            id: LineId(format!("{}-{i:02}", 1000 + i)),
            account: l.account.get(&accounts).clone(),
            description: l.description.clone(),
            cost: match l.cost {
                CostSpec::Amount(c) => Cost::Amount(money(c)),
                CostSpec::Units(q, r) => Cost::Units(Units {
                    quantity: Decimal::new(q, 2),
                    unit: "day".into(),
                    rate: money(r),
                }),
            },
            currency: *l.currency.get(&known),
            kind,
            residence: l.residence.map(|r| t(pick(&r, TERRITORIES))),
            nationality: None,
            fringes,
            spent_in,
            paid_by: l.paid_by.map(|p| p.get(&partner_ids).clone()),
            pinned: l.pinned,
            allowed,
            splittable: !l.pinned && i % 3 == 0,
        });
    }
    data.scenarios = spec
        .scenarios
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut scenario = Scenario::new(if i == 0 {
                "Base".to_string()
            } else {
                format!("Scenario {i}")
            });
            scenario.note = s.note.clone();
            if data.lines.is_empty() {
                return scenario;
            }
            for o in &s.overrides {
                let line = o.line.get(&data.lines);
                // Only moves the line may make: a pinned or restricted line stays.
                let spent_in = o
                    .spent_in
                    .as_ref()
                    .map(|a| allocation(&data.territories, a))
                    .filter(|a| a.parts().iter().all(|(t_, _)| line.may_move_to(t_).is_ok()));
                let ov = LineOverride {
                    spent_in,
                    paid_by: o.paid_by.map(|p| p.get(&partner_ids).clone()),
                    amount: o.amount.map(money),
                };
                if !ov.is_empty() {
                    scenario.overrides.insert(line.id.clone(), ov);
                }
            }
            scenario
        })
        .collect();
    data
}

fn project() -> impl Strategy<Value = ProjectData> {
    project_spec().prop_map(|spec| build(&spec))
}

// ----------------------------------------------------------------------------------------
// Actions: what a person does in the workbench, resolved against the project at the time

#[derive(Debug, Clone)]
enum Action {
    // Budget-preserving: where lines are spent and who pays.
    /// `>`/`<`/`m`: spend the selected lines in one territory.
    Move {
        scenario: Index,
        lines: Vec<Index>,
        to: Index,
    },
    /// `s`: split the selected lines by percentages totalling 100.
    Split {
        scenario: Index,
        lines: Vec<Index>,
        parts: Vec<(Index, u32)>,
    },
    /// Who pays, in a scenario.
    Pay {
        scenario: Index,
        lines: Vec<Index>,
        partner: Index,
    },
    /// Moving a line back to where the budget spends it.
    MoveHome {
        scenario: Index,
        line: Index,
    },
    /// Clearing where a scenario spends a line and who pays for it.
    Clear {
        scenario: Index,
        line: Index,
    },
    /// Editing the budget's own line: where it is spent, who pays, pinned.
    Reline {
        line: Index,
        spent_in: Option<AllocSpec>,
        payer: Option<Option<Index>>,
        flip_pin: bool,
    },
    /// Several of these as one step.
    Batch(Vec<Action>),

    // Edits that may change the budget.
    /// A scenario amount (`None` clears it).
    Amount {
        scenario: Index,
        line: Index,
        cents: Option<i64>,
    },
    /// The budget's own amount, and labour or goods.
    Recost {
        line: Index,
        cost: CostSpec,
        flip_kind: bool,
    },
    /// A partner's role, one source's amount, whether it claims incentives.
    Partner {
        partner: Index,
        role: Index,
        source: Option<(Index, i64)>,
        flip_claims: bool,
    },
    Coproduction(u8, Index),
    /// `n`: fork a scenario.
    Fork {
        scenario: Index,
        at: Index,
    },
    RemoveScenario(Index),
}

fn lines_sel() -> impl Strategy<Value = Vec<Index>> {
    prop::collection::vec(any::<Index>(), 1..=3)
}

/// Moves, splits and payer changes: none changes what the budget costs.
fn preserving_action() -> impl Strategy<Value = Action> {
    let simple = prop_oneof![
        4 => (any::<Index>(), lines_sel(), any::<Index>())
            .prop_map(|(scenario, lines, to)| Action::Move { scenario, lines, to }),
        3 => (
            any::<Index>(),
            lines_sel(),
            prop::collection::vec((any::<Index>(), 1u32..=100), 2..=3)
        )
            .prop_map(|(scenario, lines, parts)| Action::Split { scenario, lines, parts }),
        2 => (any::<Index>(), lines_sel(), any::<Index>())
            .prop_map(|(scenario, lines, partner)| Action::Pay { scenario, lines, partner }),
        1 => (any::<Index>(), any::<Index>())
            .prop_map(|(scenario, line)| Action::MoveHome { scenario, line }),
        1 => (any::<Index>(), any::<Index>())
            .prop_map(|(scenario, line)| Action::Clear { scenario, line }),
        2 => (
            any::<Index>(),
            prop::option::of(alloc_spec()),
            prop::option::of(prop::option::of(any::<Index>())),
            prop::bool::weighted(0.2)
        )
            .prop_map(|(line, spent_in, payer, flip_pin)| Action::Reline {
                line,
                spent_in,
                payer,
                flip_pin
            }),
    ];
    let simple = simple.boxed();
    prop_oneof![
        4 => simple.clone(),
        1 => prop::collection::vec(simple, 2..=3).prop_map(Action::Batch),
    ]
}

/// Any edit the workbench makes.
fn any_action() -> impl Strategy<Value = Action> {
    prop_oneof![
        6 => preserving_action(),
        2 => (any::<Index>(), any::<Index>(), prop::option::weighted(0.8, cents()))
            .prop_map(|(scenario, line, cents)| Action::Amount { scenario, line, cents }),
        2 => (any::<Index>(), cost_spec(), prop::bool::weighted(0.3))
            .prop_map(|(line, cost, flip_kind)| Action::Recost { line, cost, flip_kind }),
        2 => (
            any::<Index>(),
            any::<Index>(),
            prop::option::of((any::<Index>(), cents())),
            any::<bool>()
        )
            .prop_map(|(partner, role, source, flip_claims)| Action::Partner {
                partner,
                role,
                source,
                flip_claims
            }),
        1 => (0u8..3, any::<Index>()).prop_map(|(m, i)| Action::Coproduction(m, i)),
        1 => (any::<Index>(), any::<Index>())
            .prop_map(|(scenario, at)| Action::Fork { scenario, at }),
        1 => any::<Index>().prop_map(Action::RemoveScenario),
    ]
}

fn line_ids(p: &Project, lines: &[Index]) -> Vec<LineId> {
    let mut ids: Vec<LineId> = Vec::new();
    for i in lines {
        let id = &i.get(p.lines()).id;
        if !ids.contains(id) {
            ids.push(id.clone());
        }
    }
    ids
}

/// As the workbench spends a selection somewhere: the lines already there, pinned or
/// restricted stay; the others move. `None` when none can.
fn spend_in(p: &Project, scenario: usize, lines: &[Index], target: Allocation) -> Option<Edit> {
    let movable: Vec<LineId> = line_ids(p, lines)
        .into_iter()
        .filter(|id| {
            let index = p.line_index(id).expect("a line of the project");
            p.allocation_in(scenario, index) != &target
                && target
                    .parts()
                    .iter()
                    .all(|(t_, _)| p.lines()[index].may_move_to(t_).is_ok())
        })
        .collect();
    if movable.is_empty() {
        return None;
    }
    Some(
        p.move_lines(scenario, &movable, target)
            .expect("movable lines move"),
    )
}

/// The edit an action stands for in project `p` (at step `step`), or `None` when the
/// workbench would refuse it before making an edit (a pinned line, no lines).
fn edit_for(p: &Project, action: &Action, step: usize) -> Option<Edit> {
    let scenario = |i: &Index| i.index(p.scenarios().len());
    let has_lines = !p.lines().is_empty();
    match action {
        Action::Move {
            scenario: s,
            lines,
            to,
        } if has_lines => spend_in(
            p,
            scenario(s),
            lines,
            Allocation::at(to.get(p.territories()).clone()),
        ),
        Action::Split {
            scenario: s,
            lines,
            parts,
        } if has_lines => spend_in(
            p,
            scenario(s),
            lines,
            allocation(p.territories(), &AllocSpec::Split(parts.clone())),
        ),
        Action::Pay {
            scenario: s,
            lines,
            partner,
        } if has_lines => p
            .set_payer(
                scenario(s),
                &line_ids(p, lines),
                &partner.get(p.partners()).id,
            )
            .ok(),
        Action::MoveHome { scenario: s, line } if has_lines => {
            let line = line.get(p.lines());
            p.move_lines(
                scenario(s),
                std::slice::from_ref(&line.id),
                line.spent_in.clone(),
            )
            .ok()
        }
        Action::Clear { scenario: s, line } if has_lines => {
            // Where and who pay go back to the budget's; a scenario amount stays.
            let s = scenario(s);
            let id = line.get(p.lines()).id.clone();
            let amount = p.scenarios()[s].overrides.get(&id).and_then(|o| o.amount);
            let ov = LineOverride {
                amount,
                ..LineOverride::default()
            };
            Some(Edit::SetOverrides {
                scenario: s,
                changes: vec![(id, Some(ov))],
            })
        }
        Action::Reline {
            line,
            spent_in,
            payer,
            flip_pin,
        } if has_lines => {
            let index = line.index(p.lines().len());
            let mut new = p.lines()[index].clone();
            if let Some(a) = spent_in {
                new.spent_in = allocation(p.territories(), a);
            }
            if let Some(payer) = payer {
                new.paid_by = payer.map(|i| i.get(p.partners()).id.clone());
            }
            new.pinned ^= flip_pin;
            Some(Edit::SetLine {
                index,
                line: Box::new(new),
            })
        }
        Action::Batch(actions) => Edit::all(
            actions
                .iter()
                .filter_map(|a| edit_for(p, a, step))
                .collect(),
        ),
        Action::Amount {
            scenario: s,
            line,
            cents,
        } if has_lines => {
            let s = scenario(s);
            let id = line.get(p.lines()).id.clone();
            let mut ov = p.scenarios()[s]
                .overrides
                .get(&id)
                .cloned()
                .unwrap_or_default();
            ov.amount = cents.map(money);
            Some(Edit::SetOverrides {
                scenario: s,
                changes: vec![(id, Some(ov))],
            })
        }
        Action::Recost {
            line,
            cost,
            flip_kind,
        } if has_lines => {
            let index = line.index(p.lines().len());
            let mut new = p.lines()[index].clone();
            new.cost = match *cost {
                CostSpec::Amount(c) => Cost::Amount(money(c)),
                CostSpec::Units(q, r) => Cost::Units(Units {
                    quantity: Decimal::new(q, 2),
                    unit: "week".into(),
                    rate: money(r),
                }),
            };
            if *flip_kind {
                new.kind = match new.kind {
                    LineKind::Labour => LineKind::Goods,
                    LineKind::Goods => LineKind::Labour,
                };
            }
            Some(Edit::SetLine {
                index,
                line: Box::new(new),
            })
        }
        Action::Partner {
            partner,
            role,
            source,
            flip_claims,
        } => {
            let index = partner.index(p.partners().len());
            let mut new = p.partners()[index].clone();
            new.role = *role.get(PARTNER_ROLES);
            if let Some((s, c)) = source
                && !new.financing.is_empty()
            {
                let n = new.financing.len();
                new.financing[s.index(n)].amount = money(*c);
            }
            new.claims_incentives ^= flip_claims;
            Some(Edit::SetPartner {
                index,
                partner: Box::new(new),
            })
        }
        Action::Coproduction(m, i) => Some(Edit::SetCoproduction(match m {
            0 => Coproduction::Inferred,
            1 => Coproduction::Creative,
            _ => Coproduction::Treaty(pick(i, TREATIES).to_string()),
        })),
        Action::Fork { scenario: s, at } => Some(Edit::InsertScenario {
            at: at.index(p.scenarios().len() + 1),
            scenario: Scenario {
                name: format!("Fork {step}"),
                ..p.scenarios()[scenario(s)].clone()
            },
        }),
        Action::RemoveScenario(at) => Some(Edit::RemoveScenario {
            at: at.index(p.scenarios().len()),
        }),
        _ => None,
    }
}

// ----------------------------------------------------------------------------------------
// Checks

fn assess_all(p: &Project) -> Vec<Assessment> {
    p.scenarios()
        .iter()
        .map(|s| assess(p, s, embedded()))
        .collect()
}

/// What the budget costs in each scenario, with the spend of each account.
fn budget(p: &Project) -> Vec<(Decimal, Vec<Decimal>)> {
    assess_all(p)
        .into_iter()
        .map(|a| (a.budget_total, a.accounts.iter().map(|x| x.total).collect()))
        .collect()
}

/// The spend adds up: every line's cost is in the budget once, and the budget is spent
/// across the territories and paid for by the partners to the last fraction of a cent.
fn check_conservation(p: &Project, a: &Assessment, scenario: usize) -> Result<(), TestCaseError> {
    let lines: Decimal = (0..p.lines().len()).map(|i| p.cost_in(scenario, i)).sum();
    prop_assert_eq!(a.budget_total, lines, "budget is the sum of the line costs");
    let territories: Decimal = a.territories.iter().map(|t| t.total).sum();
    prop_assert_eq!(territories, a.budget_total, "spend per territory adds up");
    let countries: Decimal = a.countries.iter().map(|t| t.total).sum();
    prop_assert_eq!(countries, a.budget_total, "spend per country adds up");
    let accounts: Decimal = a.accounts.iter().map(|t| t.total).sum();
    prop_assert_eq!(accounts, a.budget_total, "spend per account adds up");
    let pays: Decimal = a.partners.iter().map(|t| t.pays).sum();
    prop_assert_eq!(pays, a.budget_total, "what the partners pay adds up");
    // The summary budget by producer and by territory: each account splits both ways to its
    // total, and each column adds up to the partner's or the territory's total.
    for acc in &a.accounts {
        let paid: Decimal = acc.paid_by.iter().sum();
        prop_assert_eq!(paid, acc.total, "account {} by payer", &acc.code);
        let spent: Decimal = acc.spent_in.iter().sum();
        prop_assert_eq!(spent, acc.total, "account {} by territory", &acc.code);
    }
    for (i, partner) in a.partners.iter().enumerate() {
        let paid: Decimal = a.accounts.iter().map(|x| x.paid_by[i]).sum();
        prop_assert_eq!(paid, partner.pays, "{} pays, by account", &partner.id);
        let by_category: Decimal = a.categories.iter().map(|c| c.paid_by[i]).sum();
        prop_assert_eq!(
            by_category,
            partner.pays,
            "{} pays, by category",
            &partner.id
        );
    }
    for (j, t) in a.territories.iter().enumerate() {
        let spent: Decimal = a.accounts.iter().map(|x| x.spent_in[j]).sum();
        prop_assert_eq!(spent, t.total, "{} by account", &t.territory);
    }
    Ok(())
}

/// How many applied edits changed where money is spent, and how many were splits.
#[derive(Default, Debug)]
struct Stats {
    applied: usize,
    refused: usize,
    moved_money: usize,
    splits_applied: usize,
}

/// Whether `edit` spends some line across several territories.
fn splits(edit: &Edit) -> bool {
    match edit {
        Edit::SetOverrides { changes, .. } => changes.iter().any(|(_, ov)| {
            ov.as_ref()
                .and_then(|o| o.spent_in.as_ref())
                .is_some_and(Allocation::is_split)
        }),
        Edit::SetLine { line, .. } => line.spent_in.is_split(),
        Edit::Batch(edits) => edits.iter().any(splits),
        _ => false,
    }
}

fn spend_by_territory(p: &Project) -> Vec<Vec<Decimal>> {
    assess_all(p)
        .iter()
        .map(|a| a.territories.iter().map(|t| t.total).collect())
        .collect()
}

/// Applies budget-preserving actions one by one; after each, the budget total and each
/// account's spend are unchanged in every scenario, and the spend still adds up.
fn run_preserving(mut p: Project, actions: &[Action]) -> Result<Stats, TestCaseError> {
    let before = budget(&p);
    let mut stats = Stats::default();
    for (step, action) in actions.iter().enumerate() {
        let Some(edit) = edit_for(&p, action, step) else {
            continue;
        };
        let data = p.data().clone();
        let spend = spend_by_territory(&p);
        match p.apply(&edit) {
            Ok(_) => {
                stats.applied += 1;
                if splits(&edit) {
                    stats.splits_applied += 1;
                }
                if spend_by_territory(&p) != spend {
                    stats.moved_money += 1;
                }
            }
            Err(_) => {
                stats.refused += 1;
                prop_assert_eq!(p.data(), &data, "a refused edit changes nothing");
            }
        }
        prop_assert_eq!(&budget(&p), &before, "after {:?}", edit);
        for (i, a) in assess_all(&p).iter().enumerate() {
            check_conservation(&p, a, i)?;
        }
    }
    Ok(stats)
}

fn valid(data: ProjectData) -> Option<Project> {
    Project::new(data).ok()
}

// ----------------------------------------------------------------------------------------
// The properties

proptest! {
    #![proptest_config(config())]

    /// (a) Moving, splitting and re-assigning lines never changes the budget total.
    #[test]
    fn moves_splits_and_payers_keep_the_budget_total(
        data in project(),
        actions in prop::collection::vec(preserving_action(), 1..=8),
    ) {
        let p = valid(data);
        prop_assume!(p.is_some(), "Project::new refuses it");
        run_preserving(p.unwrap(), &actions)?;
    }

    /// (b) Undo after any sequence of edits restores the exact project (data, saved text and
    /// assessment), and redo replays it exactly. On the way, the edited project is one
    /// `Project::new` accepts and assesses as if it had been built afresh from its data.
    #[test]
    fn undo_restores_the_exact_project_and_redo_replays_it(
        data in project(),
        actions in prop::collection::vec(any_action(), 1..=10),
    ) {
        let p = valid(data);
        prop_assume!(p.is_some(), "Project::new refuses it");
        let mut p = p.unwrap();
        let original = p.data().clone();
        let original_text = to_ron(&p, "").unwrap();
        let original_assessment = assess_all(&p);
        let mut undo = Vec::new();
        for (step, action) in actions.iter().enumerate() {
            if let Some(edit) = edit_for(&p, action, step) {
                let data = p.data().clone();
                match p.apply(&edit) {
                    Ok(inverse) => undo.push(inverse),
                    Err(_) => prop_assert_eq!(p.data(), &data, "a refused edit changes nothing"),
                }
            }
        }
        let edited = p.data().clone();
        let edited_assessment = assess_all(&p);
        // the edited project is valid and reads as if built afresh from its data
        let fresh = Project::new(edited.clone());
        prop_assert!(fresh.is_ok(), "an edit left an invalid project: {:?}", fresh.err());
        prop_assert_eq!(&assess_all(&fresh.unwrap()), &edited_assessment);
        let mut redo = Vec::new();
        for inverse in undo.iter().rev() {
            redo.push(p.apply(inverse).expect("an inverse applies"));
        }
        prop_assert_eq!(p.data(), &original);
        prop_assert_eq!(to_ron(&p, "").unwrap(), original_text);
        prop_assert_eq!(assess_all(&p), original_assessment);
        for edit in redo.iter().rev() {
            p.apply(edit).expect("a redo applies");
        }
        prop_assert_eq!(p.data(), &edited);
        prop_assert_eq!(assess_all(&p), edited_assessment);
    }

    /// (c) Save → load is the identity, the comment block on top survives, and saving the
    /// loaded project gives the same text; through a file too.
    #[test]
    fn save_then_load_is_the_identity(
        data in project(),
        preamble in prop::collection::vec("//[A-Za-z0-9.,:()' -]{0,30}[A-Za-z0-9.]", 0..=3),
    ) {
        let p = valid(data);
        prop_assume!(p.is_some(), "Project::new refuses it");
        let p = p.unwrap();
        let preamble = preamble.join("\n");
        let text = to_ron(&p, &preamble).unwrap();
        let doc = load_str(Path::new("film.ron"), &text)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(doc.project.data(), p.data());
        // decimals compare equal whatever their scale; the file keeps the scale too
        prop_assert_eq!(format!("{:?}", doc.project.data()), format!("{:?}", p.data()));
        prop_assert_eq!(&doc.preamble, &preamble);
        let again = to_ron(&doc.project, &doc.preamble).unwrap();
        prop_assert_eq!(&again, &text, "saving twice gives the same text");

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("film.ron");
        save(&path, &p, &preamble).unwrap();
        prop_assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        let from_file = load(&path).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(from_file.project.data(), p.data());
    }

    /// (c') A project reached by the workbench's edits saves and loads too: an edit never
    /// leaves a project the file format refuses.
    #[test]
    fn edited_projects_save_and_load(
        data in project(),
        actions in prop::collection::vec(any_action(), 1..=10),
    ) {
        let p = valid(data);
        prop_assume!(p.is_some(), "Project::new refuses it");
        let mut p = p.unwrap();
        for (step, action) in actions.iter().enumerate() {
            if let Some(edit) = edit_for(&p, action, step) {
                let _ = p.apply(&edit);
            }
        }
        let text = to_ron(&p, "").unwrap();
        let doc = load_str(Path::new("film.ron"), &text)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(doc.project.data(), p.data());
    }

    /// (d) The assessment never panics on a valid project, in any scenario, and its spend
    /// adds up.
    #[test]
    fn the_assessment_never_panics_and_adds_up(data in project()) {
        let p = valid(data);
        prop_assume!(p.is_some(), "Project::new refuses it");
        let p = p.unwrap();
        for (i, a) in assess_all(&p).iter().enumerate() {
            check_conservation(&p, a, i)?;
            prop_assert_eq!(a.gap, a.budget_total - a.financing_total);
            prop_assert_eq!(a.net_cost, a.budget_total - a.incentives_net);
            // the report a user can ask for serialises too
            serde_json::to_string(a).unwrap();
        }
    }
}

/// The generators are not vacuous: moves and splits are applied and do move money between
/// territories, some edits are refused (pinned or restricted lines), and `Project::new`
/// accepts most generated projects.
#[test]
fn the_generators_move_money_and_hit_refusals() {
    // A fixed seed: the counts below are about the generators, not luck.
    let mut runner = TestRunner::deterministic();
    let mut totals = Stats::default();
    let mut accepted = 0;
    let mut cases = 0;
    let strategy = (project(), prop::collection::vec(preserving_action(), 1..=8));
    for _ in 0..64 {
        let (data, actions) = strategy.new_tree(&mut runner).unwrap().current();
        cases += 1;
        let Some(p) = valid(data) else { continue };
        accepted += 1;
        let stats = run_preserving(p, &actions).unwrap();
        totals.applied += stats.applied;
        totals.refused += stats.refused;
        totals.moved_money += stats.moved_money;
        totals.splits_applied += stats.splits_applied;
    }
    eprintln!("{accepted} of {cases} projects valid; {totals:?}");
    assert!(
        accepted * 10 >= cases * 8,
        "{accepted} of {cases} projects valid"
    );
    assert!(totals.moved_money >= 64, "{totals:?}");
    assert!(totals.splits_applied >= 16, "{totals:?}");
    assert!(totals.refused >= 1, "{totals:?}");
}

/// The minimal case `edited_projects_save_and_load` found: a labour line with a fringe
/// turned into goods. The edit is refused, as the loader would refuse the saved file.
#[test]
fn a_line_turned_to_goods_with_its_fringes_is_refused() {
    let mut p = Builder::new("EUR", &["FR"])
        .partner("fr", "FR", PartnerRole::Majority)
        .labour("FR", "1000")
        .fringe("10", None)
        .build();
    let before = p.clone();
    let mut goods = p.lines()[0].clone();
    goods.kind = LineKind::Goods;
    let refused = p
        .apply(&Edit::SetLine {
            index: 0,
            line: Box::new(goods),
        })
        .unwrap_err();
    assert!(
        refused
            .message
            .contains("goods & services but carries fringes"),
        "{refused}"
    );
    assert_eq!(p.data(), before.data());
    let text = to_ron(&p, "").unwrap();
    load_str(Path::new("film.ron"), &text).unwrap();
}

/// Shares built from weights always total exactly 100 and stay above zero.
#[test]
fn weights_make_exact_splits() {
    let parts = vec![(t("FR"), 1), (t("BE"), 100), (t("ES-SS"), 100)];
    let a = split_of(parts);
    let total: Decimal = a.parts().iter().map(|(_, p)| p.points()).sum();
    assert_eq!(total, Decimal::ONE_HUNDRED);
    assert!(a.parts().iter().all(|(_, p)| p.points() > Decimal::ZERO));
}
