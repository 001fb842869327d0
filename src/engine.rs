//! The calculation: `assess(project, scenario, rules) -> Assessment`, a pure function.
//!
//! No I/O, no knowledge of files or screens. Everything on screen and in reports comes from
//! the `Assessment` this produces.

mod assess;
pub mod assessment;
mod compare;
pub mod diff;
mod evaluator;
mod goals;
mod ledger;
mod partners;
mod programs;
mod treaty;

pub use assess::assess;
pub use assessment::*;
pub use compare::{Changes, compare};
pub use diff::{ScenarioDiff, diff};
pub use evaluator::Evaluator;
pub use ledger::default_payer;
pub use partners::claimant_in;
