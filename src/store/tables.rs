//! Tables on disk: delimited text and spreadsheets read into rows of text cells for
//! `interchange`, and the mapping file that goes with them.

use crate::interchange::Mapping;
use std::path::Path;

/// The rows of a delimited text file: tab-separated for .tsv, otherwise whichever of `,` `;`
/// and tab the first five lines use most.
pub fn read_delimited(path: &Path) -> Result<Vec<Vec<String>>, String> {
    let bytes =
        std::fs::read(path).map_err(|e| format!("{}: cannot read it: {e}", path.display()))?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        format!(
            "{}: byte {} is not UTF-8 text; save the table as CSV UTF-8 and import that",
            path.display(),
            e.valid_up_to()
        )
    })?;
    let text = text.trim_start_matches('\u{feff}');
    let is_tsv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv") || e.eq_ignore_ascii_case("tab"));
    let delimiter = if is_tsv {
        b'\t'
    } else {
        // Whichever separator the first lines use most (a title row above the table may have
        // none); a comma when none is used.
        let head: Vec<&str> = text.lines().take(5).collect();
        let count = |d: u8| -> usize { head.iter().map(|l| l.matches(d as char).count()).sum() };
        let mut best = b',';
        for d in [b';', b'\t'] {
            if count(d) > count(best) {
                best = d;
            }
        }
        best
    };
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
        .records()
        .enumerate()
        .map(|(i, r)| {
            r.map(|rec| rec.iter().map(str::to_string).collect())
                .map_err(|e| format!("{}:{}: {e}", path.display(), i + 1))
        })
        .collect()
}

pub fn read_table(path: &Path) -> Result<Vec<Vec<String>>, String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_lowercase();
    match ext.as_str() {
        "csv" | "tsv" | "tab" | "txt" => read_delimited(path),
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => read_spreadsheet(path),
        other => Err(format!(
            "{}: coprod reads .csv, .tsv, .xlsx, .xls and .ods tables{}; save the sheet in one of those and import that",
            path.display(),
            if other.is_empty() {
                String::new()
            } else {
                format!(", not .{other}")
            }
        )),
    }
}

/// The first worksheet of a spreadsheet, as text cells. A number is written as the shortest
/// decimal that the spreadsheet's stored value rounds back to (what the person typed: 1120.5,
/// not 1120.4999999999999), and read from there as an exact decimal.
fn read_spreadsheet(path: &Path) -> Result<Vec<Vec<String>>, String> {
    use calamine::{Data, Reader, open_workbook_auto};
    let mut book = open_workbook_auto(path)
        .map_err(|e| format!("{}: cannot read it as a spreadsheet: {e}", path.display()))?;
    let first = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| format!("{}: the workbook has no sheet", path.display()))?;
    let range = book
        .worksheet_range(&first)
        .map_err(|e| format!("{}: sheet \"{first}\": {e}", path.display()))?;
    // Rows keep their numbers in the sheet: empty rows above the range are added back.
    let offset = range.start().map(|(row, _)| row as usize).unwrap_or(0);
    let mut rows = vec![Vec::new(); offset];
    let columns = range.start().map(|(_, col)| col as usize).unwrap_or(0);
    for row in range.rows() {
        let mut cells = vec![String::new(); columns];
        cells.extend(row.iter().map(|cell| match cell {
            Data::Empty => String::new(),
            Data::String(s) => s.clone(),
            Data::Float(f) => format!("{f}"),
            Data::Int(i) => i.to_string(),
            Data::Bool(b) => b.to_string(),
            Data::DateTime(d) => d.to_string(),
            Data::DateTimeIso(d) | Data::DurationIso(d) => d.clone(),
            Data::Error(e) => format!("#{e:?}"),
        }));
        rows.push(cells);
    }
    Ok(rows)
}

pub fn read_mapping(path: &Path) -> Result<Mapping, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read the mapping: {e}", path.display()))?;
    ron::from_str(&text).map_err(|e| {
        format!(
            "{}:{}:{}: {}; see docs/import.md for the mapping's fields",
            path.display(),
            e.span.start.line,
            e.span.start.col,
            e.code
        )
    })
}
