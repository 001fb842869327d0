//! coprod: the co-production workbench as a library, so the binary, tests and benches share it.
//!
//! `model`, `rules`, `engine` and `optimise` are the pure core: plain data and calculation, no I/O, and no
//! knowledge of `store`, `cli` or `tui`.
#![forbid(unsafe_code)]

pub mod cli;
pub mod engine;
pub mod export;
pub mod interchange;
pub mod model;
pub mod optimise;
pub mod report;
pub mod rules;
pub mod store;
pub mod tui;
