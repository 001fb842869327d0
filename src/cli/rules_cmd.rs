//! `coprod rules list|show|check`: the rule book with sources, dates and confidence.

use super::{ListFormat, exit};
use crate::rules::book::parse_rule_file;
use crate::rules::{Program, Region, Treaty};
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

fn region_entry(r: &Region) -> Entry<'_> {
    Entry {
        id: &r.id,
        kind: "region",
        name: &r.name,
        territory: format!("{} countries", r.members.len()),
        source: &r.source,
        valid_from: r.valid_from.to_string(),
        confidence: r.confidence.label(),
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
    super::finish(list(format, out), err)
}

fn list(format: ListFormat, out: &mut dyn Write) -> super::Outcome {
    let book = super::rule_book().map_err(|e| e.to_string())?;
    let entries: Vec<Entry> = book
        .treaties()
        .iter()
        .map(treaty_entry)
        .chain(book.programs().iter().map(program_entry))
        .chain(book.regions().iter().map(region_entry))
        .collect();
    let text = match format {
        ListFormat::Json => serde_json::to_string_pretty(&entries).unwrap_or_default() + "\n",
        ListFormat::Table => {
            let mut t = crate::report::Table::new(
                format!(
                    "{} treaties, {} programs, {} regions",
                    book.treaties().len(),
                    book.programs().len(),
                    book.regions().len()
                ),
                [
                    "Id",
                    "Kind",
                    "Name",
                    "Territory",
                    "Valid from",
                    "Confidence",
                ],
            );
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
    out.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    Ok(exit::OK)
}

pub fn run_rules_show(
    id: &str,
    format: ListFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    super::finish(show(id, format, out), err)
}

fn show(id: &str, format: ListFormat, out: &mut dyn Write) -> super::Outcome {
    let book = super::rule_book().map_err(|e| e.to_string())?;
    if let Some(r) = book.region(id) {
        let text = match format {
            ListFormat::Json => serde_json::to_string_pretty(r).map_err(|e| e.to_string())?,
            ListFormat::Table => described(
                &format!("{} ({})", r.name, r.id),
                region_entry(r),
                &r.note,
                r,
            ),
        };
        writeln!(out, "{text}").map_err(|e| e.to_string())?;
        return Ok(exit::OK);
    }
    let text = match (book.program(id), book.treaty(id), format) {
        (Some(p), _, ListFormat::Json) => {
            serde_json::to_string_pretty(p).map_err(|e| e.to_string())?
        }
        (_, Some(t), ListFormat::Json) => {
            serde_json::to_string_pretty(t).map_err(|e| e.to_string())?
        }
        (Some(p), _, ListFormat::Table) => described(
            &format!(
                "{} ({})\nterritory {} · {} · {}",
                p.name,
                p.id,
                p.territory,
                p.kind.label(),
                p.basis.label()
            ),
            program_entry(p),
            &p.note,
            p,
        ),
        (_, Some(t), ListFormat::Table) => described(
            &format!("{} ({})", t.name, t.id),
            treaty_entry(t),
            &t.note,
            t,
        ),
        (None, None, _) => {
            return Err(format!(
                "no rule with id \"{id}\"; `coprod rules list` shows them all"
            ));
        }
    };
    writeln!(out, "{text}").map_err(|e| e.to_string())?;
    Ok(exit::OK)
}

/// A rule for people: its heading, source, date and confidence, note, then the rule as RON.
fn described(heading: &str, entry: Entry, note: &str, rule: &impl Serialize) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    let note = if note.is_empty() {
        String::new()
    } else {
        format!("\nnote: {note}")
    };
    format!(
        "{heading}\nsource: {}\nvalid from {} · {}{note}\n\n{}",
        entry.source,
        entry.valid_from,
        entry.confidence,
        ron::ser::to_string_pretty(rule, config).unwrap_or_default()
    )
}

pub fn run_rules_check(path: &Path, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    super::finish(check_file(path, out), err)
}

fn check_file(path: &Path, out: &mut dyn Write) -> super::Outcome {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read the file: {e}", path.display()))?;
    let origin = path.display().to_string();
    let file = parse_rule_file(&origin, &text).map_err(|e| e.to_string())?;
    let (programs, treaties, regions) =
        (file.programs.len(), file.treaties.len(), file.regions.len());
    // Regions may come from the embedded book: check the file's references against both.
    let mut book = crate::rules::RuleBook::embedded().map_err(|e| e.to_string())?;
    book.merge(file);
    if let Some((id, message)) = book.unknown_reference() {
        let (line, column) = crate::rules::book::locate(&text, &format!("\"{id}\""));
        return Err(format!("{origin}:{line}:{column}: {message}"));
    }
    writeln!(
        out,
        "ok: {programs} programs, {treaties} treaties, {regions} regions"
    )
    .map_err(|e| e.to_string())?;
    Ok(exit::OK)
}
