//! coprod: the co-production workbench as a library, so the binary, tests and benches share it.
//!
//! `model`, `rules`, `engine`, `optimise`, `interchange`, `report` and `export` are the pure
//! core: plain data, calculation and the bytes of files, no I/O, and no knowledge of `store`,
//! `cli` or `tui`.
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
