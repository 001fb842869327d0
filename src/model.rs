//! The project as producers describe it: budget, partners, financing, key roles, scenarios.
//!
//! Plain data with serde; no I/O. A `Project` only exists once `Project::new` has checked it,
//! so the engine never meets a split of 99.9% or a payer that does not exist.

pub mod budget;
pub mod currency;
pub mod date;
pub mod decimal;
pub mod diff;
pub mod edit;
pub mod error;
pub mod goal;
pub mod partner;
pub mod percent;
pub mod project;
pub mod scenario;
pub mod territory;

pub use budget::{Account, Allocation, Category, Cost, Fringe, Line, LineId, LineKind, Units};
pub use currency::{Currency, ExchangeRate, Rates, format_money, format_money_dp};
pub use date::Date;
pub use edit::Edit;
pub use error::ModelError;
pub use goal::Goal;
pub use partner::{
    FinancingKind, FinancingSource, KeyRole, Partner, PartnerId, PartnerRole, Role, SpendObligation,
};
pub use percent::Percent;
pub use project::{Coproduction, Declarations, Format, Project, ProjectData, Release};
pub use scenario::{LineOverride, Scenario};
pub use territory::Territory;

/// A small valid project for the model's own tests (tests/fixtures/v1.ron), read without the
/// store so the core's tests stay inside the core.
#[cfg(test)]
pub(crate) fn fixture() -> Project {
    let text = include_str!("../tests/fixtures/v1.ron");
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    Project::new(options.from_str(text).expect("the fixture parses")).expect("the fixture is valid")
}
