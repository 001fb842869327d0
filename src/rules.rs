//! The rule book: incentive programs and co-production treaties as data, each with its source
//! and the date it is valid from.
//!
//! Parsing rule text lives here; reading files from disk does not (that is `store`'s job).

pub mod book;
pub mod program;
pub mod provenance;
pub mod treaty;

pub use book::{RuleBook, RuleError, RuleFile};
pub use program::{
    BenefitKind, Cap, CapBase, Minimum, Program, RateSchedule, Requirement, SpendBasis, Step,
    Uplift, UpliftEffect,
};
pub use provenance::Confidence;
pub use treaty::{Band, Party, PointsTable, Treaty, TreatyKind};
