//! The calculation: `assess(project, scenario, rules) -> Assessment`, a pure function.
//!
//! No I/O, no knowledge of files or screens. Everything on screen and in reports comes from
//! the `Assessment` this produces.
