//! The rule book: incentive programs and co-production treaties as data, each with its source
//! and the date it is valid from.
//!
//! Parsing rule text lives here; reading files from disk does not (that is `store`'s job).

pub mod book;
pub mod program;
pub mod provenance;
pub mod region;
pub mod treaty;

pub use book::{RuleBook, RuleError, RuleFile};
pub use program::{
    BenefitKind, Cap, CapBase, Minimum, Part, Program, RateSchedule, Requirement, Scope, ShareStep,
    SpendBasis, Step, SubCap, Uplift, UpliftEffect, Variant, WiderBase,
};
pub use provenance::Confidence;
pub use region::Region;
pub use treaty::{Band, Party, PointsTable, Side, SpecialBands, Treaty, TreatyKind};
