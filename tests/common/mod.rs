//! Builders for small projects and rule books, so each test states only what it is about.
#![allow(dead_code)]

use coprod::model::*;
use coprod::rules::RuleBook;
use coprod::rules::book::parse_rule_file;
use rust_decimal::Decimal;
use std::str::FromStr;

pub fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap_or_else(|_| Decimal::from_str(s).expect("decimal"))
}

pub fn t(code: &str) -> Territory {
    Territory::parse(code).expect("territory")
}

pub fn cur(code: &str) -> Currency {
    Currency::parse(code).expect("currency")
}

/// A project under construction; `build` checks it like a loaded file.
pub struct Builder {
    pub data: ProjectData,
}

impl Builder {
    /// A project in `currency` spending in `territories`, with no partners or lines yet.
    pub fn new(currency: &str, territories: &[&str]) -> Builder {
        Builder {
            data: ProjectData {
                version: 1,
                title: "Test".into(),
                notes: String::new(),
                currency: cur(currency),
                rates: Vec::new(),
                territories: territories.iter().map(|x| t(x)).collect(),
                format: Format::Fiction,
                release: Default::default(),
                language: None,
                episodes: 1,
                coproduction: Coproduction::Inferred,
                partners: Vec::new(),
                key_roles: Vec::new(),
                declarations: Declarations::default(),
                goals: Vec::new(),
                fringes: Vec::new(),
                accounts: vec![
                    Account {
                        code: "1000".into(),
                        name: "Above the line".into(),
                        category: Category::AboveTheLine,
                        vfx: false,
                        logistics: false,
                    },
                    Account {
                        code: "2000".into(),
                        name: "Shoot".into(),
                        category: Category::BelowTheLine,
                        vfx: false,
                        logistics: false,
                    },
                    Account {
                        code: "3000".into(),
                        name: "Post".into(),
                        category: Category::Post,
                        vfx: false,
                        logistics: false,
                    },
                    Account {
                        code: "3500".into(),
                        name: "VFX".into(),
                        category: Category::Post,
                        vfx: true,
                        logistics: false,
                    },
                    Account {
                        code: "2900".into(),
                        name: "Travel, hotels and catering".into(),
                        category: Category::BelowTheLine,
                        vfx: false,
                        logistics: true,
                    },
                ],
                lines: Vec::new(),
                scenarios: vec![Scenario::new("Base")],
            },
        }
    }

    pub fn rate(mut self, currency: &str, rate: &str) -> Self {
        self.data.rates.push(ExchangeRate {
            currency: cur(currency),
            rate: d(rate),
            date: Date::parse("2026-10-01").unwrap(),
        });
        self
    }

    pub fn partner(mut self, id: &str, country: &str, role: PartnerRole) -> Self {
        self.data.partners.push(Partner {
            id: PartnerId(id.into()),
            name: id.to_uppercase(),
            country: t(country),
            role,
            financing: Vec::new(),
            claims_incentives: true,
        });
        self
    }

    /// Adds a financing source to the last partner added.
    pub fn funds(mut self, kind: FinancingKind, amount: &str, currency: &str) -> Self {
        let p = self.data.partners.last_mut().expect("a partner first");
        p.financing.push(FinancingSource {
            name: format!("{:?} {}", kind, p.financing.len() + 1),
            kind,
            amount: d(amount),
            currency: cur(currency),
            obligation: None,
        });
        self
    }

    pub fn obligation(mut self, territory: &str, share: &str) -> Self {
        let p = self.data.partners.last_mut().expect("a partner first");
        let s = p.financing.last_mut().expect("a source first");
        s.obligation = Some(SpendObligation {
            territory: t(territory),
            share: Percent(d(share)),
        });
        self
    }

    fn push(
        mut self,
        account: &str,
        kind: LineKind,
        amount: &str,
        currency: &str,
        spent_in: Allocation,
        residence: Option<&str>,
    ) -> Self {
        let id = format!("L{}", self.data.lines.len() + 1);
        self.data.lines.push(Line {
            id: LineId(id.clone()),
            account: account.into(),
            description: id,
            cost: Cost::Amount(d(amount)),
            currency: cur(currency),
            kind,
            residence: residence.map(t),
            nationality: None,
            fringes: Vec::new(),
            spent_in,
            paid_by: None,
            pinned: false,
            allowed: Vec::new(),
            splittable: false,
        });
        self
    }

    /// Labour in the shoot account, done by residents of `territory`.
    pub fn labour(self, territory: &str, amount: &str) -> Self {
        {
            let base = self.base();
            self.push(
                "2000",
                LineKind::Labour,
                amount,
                &base,
                Allocation::at(t(territory)),
                None,
            )
        }
    }

    /// Labour done in `territory` by someone resident in `residence`.
    pub fn labour_by(self, territory: &str, amount: &str, residence: &str) -> Self {
        {
            let base = self.base();
            self.push(
                "2000",
                LineKind::Labour,
                amount,
                &base,
                Allocation::at(t(territory)),
                Some(residence),
            )
        }
    }

    pub fn goods(self, territory: &str, amount: &str) -> Self {
        {
            let base = self.base();
            self.push(
                "2000",
                LineKind::Goods,
                amount,
                &base,
                Allocation::at(t(territory)),
                None,
            )
        }
    }

    pub fn line_in(
        self,
        account: &str,
        kind: LineKind,
        territory: &str,
        amount: &str,
        currency: &str,
    ) -> Self {
        self.push(
            account,
            kind,
            amount,
            currency,
            Allocation::at(t(territory)),
            None,
        )
    }

    pub fn split(self, amount: &str, shares: &[(&str, &str)]) -> Self {
        let alloc =
            Allocation::split(shares.iter().map(|(x, p)| (t(x), Percent(d(p))))).expect("split");
        {
            let base = self.base();
            self.push("2000", LineKind::Goods, amount, &base, alloc, None)
        }
    }

    pub fn fringe(mut self, rate: &str, cutoff: Option<&str>) -> Self {
        self.data.fringes.push(Fringe {
            id: "f".into(),
            name: "Fringe".into(),
            rate: Percent(d(rate)),
            cutoff: cutoff.map(d),
        });
        self.data
            .lines
            .last_mut()
            .expect("a line first")
            .fringes
            .push("f".into());
        self
    }

    pub fn key(mut self, role: Role, country: &str) -> Self {
        self.data.key_roles.push(KeyRole {
            role,
            name: String::new(),
            country: t(country),
        });
        self
    }

    pub fn cultural_test(mut self, country: &str) -> Self {
        self.data.declarations.cultural_tests.insert(t(country));
        self
    }

    pub fn uplift(mut self, key: &str) -> Self {
        self.data.declarations.uplifts.insert(key.into());
        self
    }

    pub fn format(mut self, format: Format) -> Self {
        self.data.format = format;
        self
    }

    pub fn release(mut self, release: Release) -> Self {
        self.data.release = release;
        self
    }

    pub fn episodes(mut self, episodes: u32) -> Self {
        self.data.episodes = episodes;
        self
    }

    pub fn mode(mut self, mode: Coproduction) -> Self {
        self.data.coproduction = mode;
        self
    }

    fn base(&self) -> String {
        self.data.currency.to_string()
    }

    pub fn build(self) -> Project {
        Project::new(self.data).expect("valid project")
    }
}

/// A rule book from RON text (a test's own rules, figures from the cited sources).
pub fn rules(text: &str) -> RuleBook {
    let mut book = RuleBook::default();
    book.merge(parse_rule_file("test rules", text).expect("rules parse"));
    book
}

/// The common provenance fields, for brevity in test rules.
pub const PROV: &str = r#"source: "test", valid_from: "2024-01-01", confidence: Confirmed"#;

/// A sample project from sample-projects/, loaded as the workbench loads it.
pub fn sample(name: &str) -> Project {
    let path = format!("{}/sample-projects/{name}", env!("CARGO_MANIFEST_DIR"));
    coprod::store::load(std::path::Path::new(&path))
        .unwrap_or_else(|e| panic!("{e}"))
        .project
}

/// The embedded rule book, parsed once per test binary.
pub fn embedded() -> &'static RuleBook {
    static BOOK: std::sync::OnceLock<RuleBook> = std::sync::OnceLock::new();
    BOOK.get_or_init(|| RuleBook::embedded().expect("embedded rules"))
}

/// The first scenario of `project` assessed against the embedded rule book.
pub fn run_embedded(project: &Project) -> coprod::engine::Assessment {
    coprod::engine::assess(project, &project.scenarios()[0], embedded())
}

/// The assessment of program `id`; panics when the assessment has none.
pub fn program_in<'a>(
    a: &'a coprod::engine::Assessment,
    id: &str,
) -> &'a coprod::engine::ProgramAssessment {
    a.programs
        .iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("no program {id}"))
}
