//! `coprod rules list|show|check`: the rule book with sources, dates and confidence.

use super::{ListFormat, exit};
use crate::rules::book::parse_rule_file;
use crate::rules::{Program, Treaty};
use serde::Serialize;
use std::io::Write;
use std::path::Path;

#[derive(Serialize)]
struct Entry<'a> {
    id: &'a str,
    kind: &'static str,
    name: &'a str,
    territory: String,
    source: &'a str,
    valid_from: String,
    confidence: &'static str,
}

fn program_entry(p: &Program) -> Entry<'_> {
    Entry {
        id: &p.id,
        kind: "program",
        name: &p.name,
        territory: p.territory.to_string(),
        source: &p.source,
        valid_from: p.valid_from.to_string(),
        confidence: p.confidence.label(),
    }
}

fn treaty_entry(t: &Treaty) -> Entry<'_> {
    let parties: Vec<&str> = t.parties.iter().map(|p| p.country.as_str()).collect();
    Entry {
        id: &t.id,
        kind: "treaty",
        name: &t.name,
        territory: if parties.len() > 4 {
            format!("{} parties", parties.len())
        } else {
            parties.join("–")
        },
        source: &t.source,
        valid_from: t.valid_from.to_string(),
        confidence: t.confidence.label(),
    }
}

pub fn run_rules_list(format: ListFormat, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let book = match super::rule_book() {
        Ok(b) => b,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            return exit::INVALID;
        }
    };
    let entries: Vec<Entry> = book
        .treaties()
        .iter()
        .map(treaty_entry)
        .chain(book.programs().iter().map(program_entry))
        .collect();
    let text = match format {
        ListFormat::Json => serde_json::to_string_pretty(&entries).unwrap_or_default() + "\n",
        ListFormat::Table => {
            let mut t = super::render::Table {
                title: format!(
                    "{} treaties, {} programs",
                    book.treaties().len(),
                    book.programs().len()
                ),
                headers: vec![
                    "Id",
                    "Kind",
                    "Name",
                    "Territory",
                    "Valid from",
                    "Confidence",
                ],
                rows: Vec::new(),
            };
            for e in &entries {
                t.rows.push(vec![
                    e.id.into(),
                    e.kind.into(),
                    e.name.into(),
                    e.territory.clone(),
                    e.valid_from.clone(),
                    e.confidence.into(),
                ]);
            }
            t.text()
        }
    };
    let _ = out.write_all(text.as_bytes());
    exit::OK
}

pub fn run_rules_show(
    id: &str,
    format: ListFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let book = match super::rule_book() {
        Ok(b) => b,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            return exit::INVALID;
        }
    };
    let ron_config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    let text = if let Some(p) = book.program(id) {
        match format {
            ListFormat::Json => serde_json::to_string_pretty(p).unwrap_or_default(),
            ListFormat::Table => format!(
                "{} ({})\nterritory {} · {} · {}\nsource: {}\nvalid from {} · {}{}\n\n{}",
                p.name,
                p.id,
                p.territory,
                p.kind.label(),
                p.basis.label(),
                p.source,
                p.valid_from,
                p.confidence.label(),
                if p.note.is_empty() {
                    String::new()
                } else {
                    format!("\nnote: {}", p.note)
                },
                ron::ser::to_string_pretty(p, ron_config).unwrap_or_default()
            ),
        }
    } else if let Some(t) = book.treaty(id) {
        match format {
            ListFormat::Json => serde_json::to_string_pretty(t).unwrap_or_default(),
            ListFormat::Table => format!(
                "{} ({})\nsource: {}\nvalid from {} · {}{}\n\n{}",
                t.name,
                t.id,
                t.source,
                t.valid_from,
                t.confidence.label(),
                if t.note.is_empty() {
                    String::new()
                } else {
                    format!("\nnote: {}", t.note)
                },
                ron::ser::to_string_pretty(t, ron_config).unwrap_or_default()
            ),
        }
    } else {
        let _ = writeln!(
            err,
            "error: no rule with id \"{id}\"; `coprod rules list` shows them all"
        );
        return exit::INVALID;
    };
    let _ = writeln!(out, "{text}");
    exit::OK
}

pub fn run_rules_check(path: &Path, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(err, "error: {}: cannot read the file: {e}", path.display());
            return exit::INVALID;
        }
    };
    match parse_rule_file(&path.display().to_string(), &text) {
        Ok(file) => {
            let _ = writeln!(
                out,
                "ok: {} programs, {} treaties",
                file.programs.len(),
                file.treaties.len()
            );
            exit::OK
        }
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            exit::INVALID
        }
    }
}
