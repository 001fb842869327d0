//! Budgets in and out as tables: the rows of a CSV file or a spreadsheet become budget lines,
//! and a scenario's lines become rows that read back to the same budget.
//!
//! No I/O: the caller reads the file into rows of text cells and writes the rows out.
//! Headings are recognised in English, French, German and Spanish, as budgeting tools export
//! them; a mapping names the rest.

use crate::model::{
    Account, Allocation, Category, Cost, Currency, Line, LineId, LineKind, PartnerId, Percent,
    Project, ProjectData, Scenario, Territory, Units, decimal, format_money,
};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
pub enum Field {
    /// The line's id (coprod's own exports).
    Id,
    Account,
    Description,
    /// A quantity ("Amount" in Movie Magic, next to Units, X and Rate).
    Quantity,
    Unit,
    /// A multiplier applied to the quantity ("X").
    Multiplier,
    Rate,
    /// Quantity × multiplier × rate, before fringes; checked against them.
    Subtotal,
    /// The line's amount before fringes, when no rate is given.
    Amount,
    Fringes,
    Location,
    Currency,
    Kind,
    PaidBy,
    Pinned,
    Allowed,
    Splittable,
    Residence,
    Nationality,
    /// Read and set aside (a group, a set, a total with fringes).
    Ignore,
}

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Field::Id => "line id",
            Field::Account => "account",
            Field::Description => "description",
            Field::Quantity => "quantity",
            Field::Unit => "unit",
            Field::Multiplier => "multiplier (x)",
            Field::Rate => "rate",
            Field::Subtotal => "subtotal (checked)",
            Field::Amount => "amount",
            Field::Fringes => "fringes",
            Field::Location => "where spent",
            Field::Currency => "currency",
            Field::Kind => "labour or goods",
            Field::PaidBy => "paid by",
            Field::Pinned => "pinned",
            Field::Allowed => "allowed territories",
            Field::Splittable => "splittable",
            Field::Residence => "residence",
            Field::Nationality => "nationality",
            Field::Ignore => "(ignored)",
        }
    }
}

/// The usual headings of budgeting-tool exports, lower case, in English, French, German and
/// Spanish. "Amount" is a quantity when the table also has a rate (Movie Magic's detail
/// export), and the line's amount otherwise.
const HEADINGS: &[(&str, Field)] = &[
    ("id", Field::Id),
    ("line", Field::Id),
    ("line id", Field::Id),
    ("account", Field::Account),
    ("acct", Field::Account),
    ("acct #", Field::Account),
    ("account #", Field::Account),
    ("account no", Field::Account),
    ("account number", Field::Account),
    ("compte", Field::Account),
    ("n° de compte", Field::Account),
    ("poste", Field::Account),
    ("konto", Field::Account),
    ("kontonummer", Field::Account),
    ("cuenta", Field::Account),
    ("partida", Field::Account),
    ("description", Field::Description),
    ("desc", Field::Description),
    ("item", Field::Description),
    ("libellé", Field::Description),
    ("libelle", Field::Description),
    ("désignation", Field::Description),
    ("designation", Field::Description),
    ("beschreibung", Field::Description),
    ("bezeichnung", Field::Description),
    ("text", Field::Description),
    ("descripción", Field::Description),
    ("descripcion", Field::Description),
    ("concepto", Field::Description),
    ("quantity", Field::Quantity),
    ("qty", Field::Quantity),
    ("quantité", Field::Quantity),
    ("quantite", Field::Quantity),
    ("qté", Field::Quantity),
    ("nombre", Field::Quantity),
    ("menge", Field::Quantity),
    ("anzahl", Field::Quantity),
    ("cantidad", Field::Quantity),
    ("units", Field::Unit),
    ("unit", Field::Unit),
    ("unité", Field::Unit),
    ("unite", Field::Unit),
    ("einheit", Field::Unit),
    ("unidad", Field::Unit),
    ("unidades", Field::Unit),
    ("x", Field::Multiplier),
    ("mult", Field::Multiplier),
    ("multiplier", Field::Multiplier),
    ("rate", Field::Rate),
    ("taux", Field::Rate),
    ("tarif", Field::Rate),
    ("prix unitaire", Field::Rate),
    ("satz", Field::Rate),
    ("einzelpreis", Field::Rate),
    ("preis", Field::Rate),
    ("tarifa", Field::Rate),
    ("precio", Field::Rate),
    ("precio unitario", Field::Rate),
    ("subtotal", Field::Subtotal),
    ("sub-total", Field::Subtotal),
    ("sous-total", Field::Subtotal),
    ("zwischensumme", Field::Subtotal),
    ("amount", Field::Amount),
    ("total", Field::Amount),
    ("montant", Field::Amount),
    ("betrag", Field::Amount),
    ("summe", Field::Amount),
    ("importe", Field::Amount),
    ("fringes", Field::Fringes),
    ("fringe", Field::Fringes),
    ("charges", Field::Fringes),
    ("charges sociales", Field::Fringes),
    ("lohnnebenkosten", Field::Fringes),
    ("sozialabgaben", Field::Fringes),
    ("cargas sociales", Field::Fringes),
    ("location", Field::Location),
    ("spent in", Field::Location),
    ("territory", Field::Location),
    ("country", Field::Location),
    ("lieu", Field::Location),
    ("pays", Field::Location),
    ("territoire", Field::Location),
    ("ort", Field::Location),
    ("land", Field::Location),
    ("drehort", Field::Location),
    ("ubicación", Field::Location),
    ("ubicacion", Field::Location),
    ("país", Field::Location),
    ("pais", Field::Location),
    ("localización", Field::Location),
    ("currency", Field::Currency),
    ("cur", Field::Currency),
    ("devise", Field::Currency),
    ("monnaie", Field::Currency),
    ("währung", Field::Currency),
    ("waehrung", Field::Currency),
    ("moneda", Field::Currency),
    ("divisa", Field::Currency),
    ("kind", Field::Kind),
    ("type", Field::Kind),
    ("paid by", Field::PaidBy),
    ("payer", Field::PaidBy),
    ("pinned", Field::Pinned),
    ("allowed", Field::Allowed),
    ("splittable", Field::Splittable),
    ("residence", Field::Residence),
    ("nationality", Field::Nationality),
    ("group", Field::Ignore),
    ("set", Field::Ignore),
    ("groupe", Field::Ignore),
    ("décor", Field::Ignore),
    ("gruppe", Field::Ignore),
    ("grupo", Field::Ignore),
    ("cost", Field::Ignore),
    ("cost with fringes", Field::Ignore),
];

/// What the person tells the import beyond the headings (a RON file given with `--map`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Headings (as written, any case) and the field each holds.
    #[serde(default)]
    pub columns: BTreeMap<String, Field>,
    /// Locations as written and the territory (or split, "FR 60 / BE 40") each means.
    #[serde(default)]
    pub locations: BTreeMap<String, String>,
    /// Where lines with no location are spent.
    #[serde(default)]
    pub default_location: Option<String>,
    /// Labour or goods by account code, for tables that do not say.
    #[serde(default)]
    pub kinds: BTreeMap<String, LineKind>,
    /// The currency of lines with no currency column (default: the project's).
    #[serde(default)]
    pub currency: Option<String>,
    /// The category of accounts the chart does not have yet, by ranges of codes: the import
    /// adds each such account, named as the table's heading row for it names it.
    #[serde(default)]
    pub categories: Vec<CategoryRange>,
}

/// Accounts from `from` to `to` (both included) are in `category`. Codes made of digits
/// compare as numbers ("900" comes before "2200"), others as text.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryRange {
    pub from: String,
    pub to: String,
    pub category: Category,
}

impl Mapping {
    /// The category the mapping gives account `code`, if a range holds it.
    pub fn category_of(&self, code: &str) -> Option<Category> {
        self.categories
            .iter()
            .find(|r| compare_codes(&r.from, code).is_le() && compare_codes(code, &r.to).is_le())
            .map(|r| r.category)
    }
}

/// Account codes in chart order: as numbers when both are digits, else as text.
fn compare_codes(a: &str, b: &str) -> std::cmp::Ordering {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    if digits(a) && digits(b) {
        let (a, b) = (a.trim_start_matches('0'), b.trim_start_matches('0'));
        a.len().cmp(&b.len()).then_with(|| a.cmp(b))
    } else {
        a.cmp(b)
    }
}

/// A bad row: its number in the file (1 is the first row) and why.
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    pub row: usize,
    pub message: String,
}

/// A row read as a budget line, not yet in a project.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub row: usize,
    pub line: Line,
    /// How the kind was decided, when the table does not say ("from the unit: weeks").
    pub kind_from: &'static str,
    /// The fringes cell held an amount, not fringe names: it says nothing of the line's fringes.
    pub fringe_amount: bool,
}

/// The table as it will be read: which heading row, which column holds what.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The heading row's number (1-based).
    pub heading_row: usize,
    /// Each column: its heading and the field it holds (`None`: not recognised, left out).
    pub columns: Vec<(String, Option<Field>)>,
    pub drafts: Vec<Draft>,
    pub errors: Vec<RowError>,
    /// Rows passed over: blank or subtotal rows, with their numbers.
    pub skipped: Vec<(usize, &'static str)>,
    /// Accounts the chart does not have, which the import adds (their category from the
    /// mapping, their name from the table's heading row for them, or else their code).
    pub new_accounts: Vec<Account>,
}

/// The words that start a subtotal or total row.
const TOTAL_WORDS: &[&str] = &[
    "total",
    "subtotal",
    "sub-total",
    "sous-total",
    "summe",
    "zwischensumme",
    "gesamt",
    "gesamtsumme",
    "suma",
    "grand total",
];

/// Units that make a line labour when the table does not say.
const TIME_UNITS: &[&str] = &[
    "hour",
    "hours",
    "hr",
    "hrs",
    "day",
    "days",
    "week",
    "weeks",
    "wk",
    "wks",
    "month",
    "months",
    "heure",
    "heures",
    "jour",
    "jours",
    "semaine",
    "semaines",
    "mois",
    "stunde",
    "stunden",
    "tag",
    "tage",
    "woche",
    "wochen",
    "monat",
    "monate",
    "hora",
    "horas",
    "día",
    "días",
    "dia",
    "dias",
    "semana",
    "semanas",
    "mes",
    "meses",
    "flat",
    "forfait",
    "pauschale",
    "cachet",
];

/// Reads `rows` as budget lines for `project`.
pub fn read(rows: &[Vec<String>], project: &Project, mapping: &Mapping) -> Result<Reading, String> {
    let (heading_row, fields) = find_headings(rows, mapping)?;
    let columns: Vec<(String, Option<Field>)> = rows[heading_row]
        .iter()
        .zip(&fields)
        .map(|(h, f)| (h.trim().to_string(), *f))
        .collect();
    let has = |f: Field| fields.contains(&Some(f));
    // "Amount" next to a rate is Movie Magic's quantity.
    let fields: Vec<Option<Field>> = fields
        .iter()
        .map(|f| match f {
            Some(Field::Amount) if has(Field::Rate) && !has(Field::Quantity) => {
                Some(Field::Quantity)
            }
            other => *other,
        })
        .collect();
    let columns: Vec<(String, Option<Field>)> = columns
        .into_iter()
        .zip(&fields)
        .map(|((h, _), f)| (h, *f))
        .collect();
    for needed in [Field::Account, Field::Description] {
        if !fields.contains(&Some(needed)) {
            return Err(format!(
                "row {}: no column holds the {}; name it in a mapping file (--map) with columns: {{\"YOUR HEADING\": {:?}}}",
                heading_row + 1,
                needed.label(),
                needed
            ));
        }
    }
    if !fields.contains(&Some(Field::Amount)) && !fields.contains(&Some(Field::Rate)) {
        return Err(format!(
            "row {}: no column holds an amount or a rate; name it in a mapping file (--map)",
            heading_row + 1
        ));
    }
    let mut reading = Reading {
        heading_row: heading_row + 1,
        columns,
        drafts: Vec::new(),
        errors: Vec::new(),
        skipped: Vec::new(),
        new_accounts: Vec::new(),
    };
    // Names of accounts from their heading rows ("2300 CAMERA").
    let mut heading_names: BTreeMap<String, String> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate().skip(heading_row + 1) {
        let number = i + 1;
        let cell = |f: Field| -> &str {
            fields
                .iter()
                .position(|x| *x == Some(f))
                .and_then(|c| row.get(c))
                .map(|s| s.trim())
                .unwrap_or("")
        };
        if row.iter().all(|c| c.trim().is_empty()) {
            reading.skipped.push((number, "blank"));
            continue;
        }
        // "Total 2200" or "Sous-total" in the account column, or anywhere in a row with no
        // account.
        let starts_total = |text: &str| {
            let text = text.trim().to_lowercase();
            TOTAL_WORDS.iter().any(|w| text.starts_with(w))
        };
        if starts_total(cell(Field::Account))
            || (cell(Field::Account).is_empty() && row.iter().any(|c| starts_total(c)))
        {
            reading.skipped.push((number, "subtotal"));
            continue;
        }
        let figures = [Field::Quantity, Field::Rate, Field::Subtotal, Field::Amount];
        if figures.iter().all(|f| cell(*f).is_empty()) {
            // An account's heading row ("2300 CAMERA" with no figures).
            let (code, name) = (cell(Field::Account), cell(Field::Description));
            if !code.is_empty() && !name.is_empty() {
                heading_names
                    .entry(code.to_string())
                    .or_insert_with(|| name.to_string());
            }
            reading.skipped.push((number, "heading of an account"));
            continue;
        }
        let account = cell(Field::Account);
        let known = project.account(account).is_some()
            || reading.new_accounts.iter().any(|a| a.code == account);
        let new_category = if known {
            None
        } else {
            match mapping.category_of(account) {
                Some(c) => Some(c),
                None => {
                    reading.errors.push(RowError {
                        row: number,
                        message: format!(
                            "account \"{account}\" is not in the project's chart of accounts; add it to accounts in the project, give its category in the mapping (categories: [(from: \"{account}\", to: \"{account}\", category: BelowTheLine)]), or correct the row"
                        ),
                    });
                    continue;
                }
            }
        };
        match draft(number, &cell, project, mapping) {
            Ok(d) => {
                if let Some(category) = new_category {
                    reading.new_accounts.push(Account {
                        code: account.to_string(),
                        name: String::new(),
                        category,
                        vfx: false,
                        logistics: false,
                    });
                }
                reading.drafts.push(d);
            }
            Err(message) => reading.errors.push(RowError {
                row: number,
                message,
            }),
        }
    }
    for account in &mut reading.new_accounts {
        account.name = heading_names
            .get(&account.code)
            .cloned()
            .unwrap_or_else(|| format!("Account {}", account.code));
    }
    // The same account and description twice would be two lines a later import cannot tell
    // apart.
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut repeated = Vec::new();
    for d in &reading.drafts {
        let key = (d.line.account.clone(), d.line.description.to_lowercase());
        if let Some(first) = seen.get(&key) {
            reading.errors.push(RowError {
                row: d.row,
                message: format!(
                    "account {} \"{}\" is already on row {first}; give one of them another description",
                    d.line.account, d.line.description
                ),
            });
            repeated.push(d.row);
        } else {
            seen.insert(key, d.row);
        }
    }
    // A repeat is a bad row: it is never imported, not even with --skip-invalid.
    reading.drafts.retain(|d| !repeated.contains(&d.row));
    reading.errors.sort_by_key(|e| e.row);
    Ok(reading)
}

/// The heading row: the first of the first 20 rows where at least two cells are known
/// headings, and what each of its columns holds.
fn find_headings(
    rows: &[Vec<String>],
    mapping: &Mapping,
) -> Result<(usize, Vec<Option<Field>>), String> {
    let known = |h: &str| -> Option<Field> {
        let h = h.trim().to_lowercase();
        if h.is_empty() {
            return None;
        }
        mapping
            .columns
            .iter()
            .find(|(k, _)| k.trim().to_lowercase() == h)
            .map(|(_, f)| *f)
            .or_else(|| HEADINGS.iter().find(|(k, _)| *k == h).map(|(_, f)| *f))
    };
    for (i, row) in rows.iter().enumerate().take(20) {
        let fields: Vec<Option<Field>> = row.iter().map(|c| known(c)).collect();
        if fields.iter().filter(|f| f.is_some()).count() >= 2 {
            // A heading used twice keeps its first column.
            let mut seen = Vec::new();
            let fields = fields
                .into_iter()
                .map(|f| match f {
                    Some(x) if x != Field::Ignore && seen.contains(&x) => None,
                    Some(x) => {
                        seen.push(x);
                        Some(x)
                    }
                    None => None,
                })
                .collect();
            return Ok((i, fields));
        }
    }
    Err("no heading row found in the first 20 rows (none has two known headings such as Account and Description); name your headings in a mapping file (--map)".into())
}

/// A number as spreadsheets and budgeting tools write it: "12500", "12,500.00", "12 500,00",
/// "12.500,00", "€ 1,200", "(300)" for a negative.
pub fn number(text: &str) -> Result<Decimal, String> {
    let raw = text.trim();
    let not_a_number = || format!("\"{raw}\" is not a number");
    // A currency symbol or code before or after the figure is allowed; any other letter is a
    // typing slip ("12.5O0"), never silently dropped.
    let mut body = raw.trim_matches(|c: char| "€£$¥".contains(c) || c.is_whitespace());
    for code in [body.get(..3), body.get(body.len().saturating_sub(3)..)] {
        if let Some(code) =
            code.filter(|c| c.len() == 3 && c.chars().all(|x| x.is_ascii_uppercase()))
        {
            body = body.trim_start_matches(code).trim_end_matches(code).trim();
        }
    }
    let negative = body.starts_with('(') && body.ends_with(')');
    let body = body.trim_start_matches('(').trim_end_matches(')');
    if body.chars().any(|c| {
        !(c.is_ascii_digit()
            || matches!(c, '.' | ',' | '-' | '+' | '\'' | '’')
            || c.is_whitespace())
    }) {
        return Err(not_a_number());
    }
    let cleaned: String = body
        .chars()
        .filter(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'))
        .collect();
    if cleaned.is_empty() {
        return Err(not_a_number());
    }
    let normalised = match (cleaned.rfind('.'), cleaned.rfind(',')) {
        // Both: the last one is the decimal separator.
        (Some(p), Some(c)) if c > p => cleaned.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => cleaned.replace(',', ""),
        // A comma alone: decimal when one or two digits follow it, else thousands.
        (None, Some(c)) => {
            let decimals = cleaned.len() - c - 1;
            if cleaned.matches(',').count() == 1 && (1..=2).contains(&decimals) {
                cleaned.replace(',', ".")
            } else {
                cleaned.replace(',', "")
            }
        }
        // Points alone: thousands when there are several ("1.234.567"); a single point is a
        // decimal point, so a German "1.500" must be written "1.500,00" or mapped.
        (Some(_), None) if cleaned.matches('.').count() > 1 => cleaned.replace('.', ""),
        _ => cleaned,
    };
    let value = decimal::parse(&normalised).map_err(|_| not_a_number())?;
    Ok(if negative { -value } else { value })
}

fn draft<'r>(
    row: usize,
    cell: &dyn Fn(Field) -> &'r str,
    project: &Project,
    mapping: &Mapping,
) -> Result<Draft, String> {
    let account = cell(Field::Account).to_string();
    let description = cell(Field::Description).to_string();
    if description.is_empty() {
        return Err("the description is empty".into());
    }
    let amount_of = |f: Field| -> Result<Option<Decimal>, String> {
        match cell(f) {
            "" => Ok(None),
            text => number(text)
                .map(Some)
                .map_err(|e| format!("{}: {e}", f.label())),
        }
    };
    let quantity = amount_of(Field::Quantity)?;
    let multiplier = amount_of(Field::Multiplier)?;
    let rate = amount_of(Field::Rate)?;
    let subtotal = amount_of(Field::Subtotal)?;
    let amount = amount_of(Field::Amount)?;
    let cost = match (quantity, rate) {
        (Some(q), Some(r)) => {
            let q = q * multiplier.unwrap_or(Decimal::ONE);
            for (what, given) in [("subtotal", subtotal), ("amount", amount)] {
                if let Some(s) = given
                    && (q * r - s).abs() > Decimal::new(1, 2)
                {
                    return Err(format!(
                        "the {what} {s} does not equal quantity × x × rate ({q} × {r} = {})",
                        q * r
                    ));
                }
            }
            Cost::Units(Units {
                quantity: q,
                unit: cell(Field::Unit).to_string(),
                rate: r,
            })
        }
        (None, Some(r)) => Cost::Amount(r),
        _ => match amount.or(subtotal) {
            Some(a) => Cost::Amount(a),
            None => return Err("no amount, and no quantity with a rate".into()),
        },
    };
    let check = |what: &str, x: Decimal| decimal::check_amount(x, what);
    match &cost {
        Cost::Amount(a) => check("the amount", *a)?,
        Cost::Units(u) => {
            check("the quantity", u.quantity)?;
            check("the rate", u.rate)?;
        }
    }
    let currency = match cell(Field::Currency) {
        "" => match &mapping.currency {
            Some(c) => Currency::parse(c)?,
            None => project.currency(),
        },
        c => Currency::parse(c)?,
    };
    // A fringe amount (budgeting tools write the charge itself) says whether the line is
    // labour; coprod computes charges from the project's fringes, so the figure is set aside.
    let fringe_amount = match cell(Field::Fringes) {
        "" => None,
        text => number(text).ok(),
    };
    let fringes: Vec<String> = match cell(Field::Fringes) {
        "" => Vec::new(),
        _ if fringe_amount.is_some() => Vec::new(),
        text => text
            .split([',', ';'])
            .map(|f| f.trim().to_string())
            .filter(|f| !f.is_empty())
            .collect(),
    };
    for f in &fringes {
        if !project.data().fringes.iter().any(|x| &x.id == f) {
            return Err(format!(
                "fringe \"{f}\" is not one of the project's fringes"
            ));
        }
    }
    let (kind, kind_from) = match cell(Field::Kind).to_lowercase().as_str() {
        "" => match mapping.kinds.get(&account) {
            Some(k) => (*k, "from the mapping"),
            None if !fringes.is_empty() => (LineKind::Labour, "from its fringes"),
            None if fringe_amount.is_some_and(|f| f > Decimal::ZERO) => {
                (LineKind::Labour, "it carries fringes")
            }
            None if fringe_amount.is_some() => (LineKind::Goods, "it carries no fringes"),
            None if TIME_UNITS.contains(&cell(Field::Unit).to_lowercase().as_str()) => {
                (LineKind::Labour, "from its unit")
            }
            None => (
                LineKind::Goods,
                "by default: no kind, unit or fringes say labour",
            ),
        },
        "labour" | "labor" | "l" | "main-d'œuvre" | "main d'oeuvre" | "personnel" | "personal"
        | "arbeit" | "mano de obra" => (LineKind::Labour, "from its kind column"),
        "goods" | "g" | "goods & services" | "goods and services" | "biens et services"
        | "sachkosten" | "bienes y servicios" => (LineKind::Goods, "from its kind column"),
        other => return Err(format!("kind \"{other}\" is neither labour nor goods")),
    };
    // A row that updates a line may leave its location out: the line stays where it is.
    let existing = project.lines().iter().find(|l| {
        (!cell(Field::Id).is_empty() && l.id.0 == cell(Field::Id))
            || (l.account == account && l.description.to_lowercase() == description.to_lowercase())
    });
    let location = match cell(Field::Location) {
        "" => match (&mapping.default_location, existing) {
            (Some(default), _) => default.clone(),
            (None, Some(line)) => line.spent_in.to_string(),
            (None, None) => {
                return Err(
                    "no location; give one, or a default_location in the mapping file".into(),
                );
            }
        },
        text => mapping
            .locations
            .iter()
            .find(|(k, _)| k.trim().eq_ignore_ascii_case(text))
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| text.to_string()),
    };
    let spent_in = allocation(&location).map_err(|e| {
        format!("{e}; map the location \"{location}\" to a territory in the mapping file (locations: {{\"{location}\": \"FR\"}})")
    })?;
    for (t, _) in spent_in.parts() {
        if !project.territories().contains(t) {
            return Err(format!(
                "{t} is not one of the project's territories; add it to territories, or map the location"
            ));
        }
    }
    let territories = |f: Field| -> Result<Vec<Territory>, String> {
        cell(f)
            .split([',', ';', ' '])
            .filter(|s| !s.trim().is_empty())
            .map(Territory::parse)
            .collect()
    };
    let flag = |f: Field| {
        matches!(
            cell(f).to_lowercase().as_str(),
            "yes" | "true" | "x" | "1" | "oui" | "ja" | "sí" | "si"
        )
    };
    let paid_by = match cell(Field::PaidBy) {
        "" => None,
        p => {
            if !project.partners().iter().any(|x| x.id.0 == p) {
                return Err(format!("paid by \"{p}\": there is no partner with that id"));
            }
            Some(PartnerId(p.to_string()))
        }
    };
    let single = |f: Field| -> Result<Option<Territory>, String> {
        match cell(f) {
            "" => Ok(None),
            t => Territory::parse(t).map(Some),
        }
    };
    Ok(Draft {
        row,
        line: Line {
            id: LineId(cell(Field::Id).to_string()),
            account,
            description,
            cost,
            currency,
            kind,
            residence: single(Field::Residence)?,
            nationality: single(Field::Nationality)?,
            fringes,
            spent_in,
            paid_by,
            pinned: flag(Field::Pinned),
            allowed: territories(Field::Allowed)?,
            splittable: flag(Field::Splittable),
        },
        kind_from,
        fringe_amount: fringe_amount.is_some(),
    })
}

/// "FR", or a split as coprod writes it: "BE 40 / FR 60".
pub fn allocation(text: &str) -> Result<Allocation, String> {
    let parts: Vec<&str> = text.split('/').map(str::trim).collect();
    if parts.len() == 1 && !parts[0].contains(' ') {
        return Territory::parse(parts[0]).map(Allocation::at);
    }
    let shares = parts
        .iter()
        .map(|p| {
            let (t, share) = p
                .rsplit_once(' ')
                .ok_or_else(|| format!("\"{p}\" is not a territory and a share (\"FR 60\")"))?;
            Ok((Territory::parse(t)?, Percent(number(share)?)))
        })
        .collect::<Result<Vec<_>, String>>()?;
    Allocation::split(shares)
}

/// What an import did to the project's lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applied {
    /// Accounts added to the chart.
    pub new_accounts: Vec<String>,
    pub added: Vec<LineId>,
    pub updated: Vec<LineId>,
    pub unchanged: usize,
}

/// Adds each draft of `reading` as a line, or updates the line with the same account and
/// description (or the same id, when the table gives ids). An update changes only what the
/// table has columns for: a line pinned, split or given fringes in coprod keeps them when a
/// table without those columns is imported again. New lines get the next free id in their
/// account.
pub fn apply(data: &mut ProjectData, reading: &Reading) -> Applied {
    let has = |f: Field| reading.columns.iter().any(|(_, x)| *x == Some(f));
    let mut applied = Applied::default();
    // New accounts go into the chart in code order.
    for account in &reading.new_accounts {
        let at = data
            .accounts
            .iter()
            .position(|a| compare_codes(&a.code, &account.code).is_gt())
            .unwrap_or(data.accounts.len());
        data.accounts.insert(at, account.clone());
        applied.new_accounts.push(account.code.clone());
    }
    for d in &reading.drafts {
        let same = data.lines.iter().position(|l| {
            (!d.line.id.0.is_empty() && l.id == d.line.id)
                || (l.account == d.line.account
                    && l.description.to_lowercase() == d.line.description.to_lowercase())
        });
        match same {
            Some(i) => {
                let mut line = data.lines[i].clone();
                let new = &d.line;
                line.cost = new.cost.clone();
                if has(Field::Currency) {
                    line.currency = new.currency;
                }
                if has(Field::Kind) {
                    line.kind = new.kind;
                }
                if has(Field::Fringes) && !d.fringe_amount {
                    line.fringes.clone_from(&new.fringes);
                }
                if has(Field::Location) {
                    line.spent_in = new.spent_in.clone();
                }
                if has(Field::PaidBy) {
                    line.paid_by.clone_from(&new.paid_by);
                }
                if has(Field::Pinned) {
                    line.pinned = new.pinned;
                }
                if has(Field::Allowed) {
                    line.allowed.clone_from(&new.allowed);
                }
                if has(Field::Splittable) {
                    line.splittable = new.splittable;
                }
                if has(Field::Residence) {
                    line.residence.clone_from(&new.residence);
                }
                if has(Field::Nationality) {
                    line.nationality.clone_from(&new.nationality);
                }
                if data.lines[i] == line {
                    applied.unchanged += 1;
                } else {
                    data.lines[i] = line;
                    applied.updated.push(data.lines[i].id.clone());
                }
            }
            None => {
                let mut line = d.line.clone();
                if line.id.0.is_empty() || data.lines.iter().any(|l| l.id == line.id) {
                    line.id = next_id(data, &line.account);
                }
                applied.added.push(line.id.clone());
                data.lines.push(line);
            }
        }
    }
    applied
}

/// "2300-07": the account code and the next number free in it.
fn next_id(data: &ProjectData, account: &str) -> LineId {
    (1..)
        .map(|n| LineId(format!("{account}-{n:02}")))
        .find(|id| !data.lines.iter().any(|l| &l.id == id))
        .expect("a free id")
}

/// The headings of `rows_of_lines`, in order: what coprod writes and reads back.
pub const LINE_HEADINGS: [&str; 18] = [
    "id",
    "account",
    "description",
    "quantity",
    "unit",
    "rate",
    "amount",
    "currency",
    "kind",
    "fringes",
    "spent in",
    "paid by",
    "pinned",
    "allowed",
    "splittable",
    "residence",
    "nationality",
    "cost with fringes",
];

/// The lines of `scenario` as rows (headings first): where the scenario spends each line,
/// who pays, and its amount, so that importing the rows gives the same budget. The last
/// column, the cost in the base currency with fringes, is for readers; import sets it aside.
pub fn rows_of_lines(project: &Project, scenario: &Scenario) -> Vec<Vec<String>> {
    let mut rows = vec![LINE_HEADINGS.iter().map(|h| h.to_string()).collect()];
    for (i, line) in project.lines().iter().enumerate() {
        let placed = project.placed(scenario, i);
        let (spent_in, paid_by, cost) = (placed.spent_in, placed.paid_by, placed.cost);
        let (quantity, unit, rate, amount) = match (&line.cost, placed.amount) {
            (_, Some(a)) => (String::new(), String::new(), String::new(), a.to_string()),
            (Cost::Amount(a), None) => (String::new(), String::new(), String::new(), a.to_string()),
            (Cost::Units(u), None) => (
                u.quantity.to_string(),
                u.unit.clone(),
                u.rate.to_string(),
                String::new(),
            ),
        };
        let yes = |b: bool| if b { "yes" } else { "" }.to_string();
        let list = |ts: &[Territory]| {
            ts.iter()
                .map(Territory::as_str)
                .collect::<Vec<_>>()
                .join(" ")
        };
        rows.push(vec![
            line.id.to_string(),
            line.account.clone(),
            line.description.clone(),
            quantity,
            unit,
            rate,
            amount,
            line.currency.to_string(),
            match line.kind {
                LineKind::Labour => "labour".into(),
                LineKind::Goods => "goods".into(),
            },
            line.fringes.join(", "),
            spent_in.to_string(),
            paid_by.map(|p| p.0.clone()).unwrap_or_default(),
            yes(line.pinned),
            list(&line.allowed),
            yes(line.splittable),
            line.residence
                .as_ref()
                .map(|t| t.to_string())
                .unwrap_or_default(),
            line.nationality
                .as_ref()
                .map(|t| t.to_string())
                .unwrap_or_default(),
            cost.round_dp(2).to_string(),
        ]);
    }
    rows
}

/// The headings as recognised, the first `shown` rows as they will be read, the rows passed
/// over and every bad row, as `coprod import` prints them and the workbench shows them.
pub fn describe(table: &str, reading: &Reading, shown: usize) -> String {
    let mut text = String::new();
    text.push_str(&format!(
        "{}: headings on row {}\n",
        table, reading.heading_row
    ));
    for (heading, field) in &reading.columns {
        text.push_str(&format!(
            "  {:<28} → {}\n",
            format!("\"{heading}\""),
            field
                .map(|f| f.label())
                .unwrap_or("(not recognised, left out)")
        ));
    }
    if shown > 0 && !reading.drafts.is_empty() {
        text.push_str(&format!(
            "\nFirst rows as they will be read ({} of {}):\n",
            shown.min(reading.drafts.len()),
            reading.drafts.len()
        ));
        for d in reading.drafts.iter().take(shown) {
            let l = &d.line;
            let cost = match &l.cost {
                Cost::Amount(a) => format_money(*a, l.currency),
                Cost::Units(u) => format!(
                    "{} {} × {} = {}",
                    u.quantity.normalize(),
                    u.unit,
                    format_money(u.rate, l.currency),
                    format_money(l.amount(), l.currency)
                ),
            };
            text.push_str(&format!(
                "  row {:>4}  {} {} · {} · {} ({}) · spent in {}\n",
                d.row,
                l.account,
                l.description,
                cost,
                l.kind.label(),
                d.kind_from,
                l.spent_in
            ));
        }
    }
    if !reading.skipped.is_empty() {
        let rows: Vec<String> = reading
            .skipped
            .iter()
            .map(|(n, why)| format!("{n} ({why})"))
            .collect();
        text.push_str(&format!("Skipped rows: {}\n", rows.join(", ")));
    }
    if !reading.new_accounts.is_empty() {
        text.push_str("New accounts (not in the chart; category from the mapping):\n");
        for a in &reading.new_accounts {
            text.push_str(&format!(
                "  {} {} · {}\n",
                a.code,
                a.name,
                a.category.label().to_lowercase()
            ));
        }
    }
    for e in &reading.errors {
        text.push_str(&format!("{}: row {}: {}\n", table, e.row, e.message));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_of_digits_compare_as_numbers() {
        use std::cmp::Ordering::*;
        assert_eq!(compare_codes("900", "2200"), Less);
        assert_eq!(compare_codes("2200", "2200"), Equal);
        assert_eq!(compare_codes("0900", "900"), Equal);
        assert_eq!(compare_codes("10000", "9999"), Greater);
        // Text compares as text.
        assert_eq!(compare_codes("A-10", "A-9"), Less);
    }

    #[test]
    fn a_range_gives_the_category_of_a_new_account() {
        let mapping: Mapping = ron::from_str(
            r#"(categories: [
                (from: "1000", to: "1999", category: AboveTheLine),
                (from: "2000", to: "2999", category: BelowTheLine),
            ])"#,
        )
        .unwrap();
        assert_eq!(mapping.category_of("1000"), Some(Category::AboveTheLine));
        assert_eq!(mapping.category_of("1999"), Some(Category::AboveTheLine));
        assert_eq!(mapping.category_of("2000"), Some(Category::BelowTheLine));
        assert_eq!(mapping.category_of("2999"), Some(Category::BelowTheLine));
        assert_eq!(mapping.category_of("999"), None);
        assert_eq!(mapping.category_of("3000"), None);
    }
}
