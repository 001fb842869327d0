//! Editors: forms whose fields validate as you type, and pickers that choose one item from a
//! list. They hold text and choices only; the app turns a valid entry into an `Edit`, so
//! nothing reaches the project until the whole entry is valid, and `Esc` drops it.

use crate::model::{Currency, Percent, Territory};
use rust_decimal::Decimal;
use std::str::FromStr;

/// What a text field must hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// A non-negative amount of money.
    Amount,
    /// A percentage from 0 to 100; empty means 0.
    Percent,
    /// An ISO 4217 code the project has a rate for (the codes it may be).
    Currency(Vec<Currency>),
    /// Any non-empty text.
    Name,
    /// Any text, empty included (an optional entry).
    Optional,
}

/// A field's value as the person sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Text {
        value: String,
        check: Check,
    },
    Choice {
        options: Vec<String>,
        selected: usize,
    },
    Toggle(bool),
}

/// One labelled field with the reason its entry is refused, if it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: String,
    pub input: Input,
    pub error: Option<String>,
    /// A note beside the field (what it was, what it means).
    pub note: String,
}

impl Field {
    pub fn text(label: impl Into<String>, value: impl Into<String>, check: Check) -> Field {
        let mut field = Field {
            label: label.into(),
            input: Input::Text {
                value: value.into(),
                check,
            },
            error: None,
            note: String::new(),
        };
        field.validate();
        field
    }

    pub fn choice(label: impl Into<String>, options: Vec<String>, selected: usize) -> Field {
        Field {
            label: label.into(),
            input: Input::Choice { options, selected },
            error: None,
            note: String::new(),
        }
    }

    pub fn toggle(label: impl Into<String>, on: bool) -> Field {
        Field {
            label: label.into(),
            input: Input::Toggle(on),
            error: None,
            note: String::new(),
        }
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Field {
        self.note = note.into();
        self
    }

    /// Re-checks the entry and records why it is refused.
    pub fn validate(&mut self) {
        self.error = match &self.input {
            Input::Text { value, check } => match check {
                Check::Amount => parse_amount(value).err(),
                Check::Percent => parse_percent(value).err(),
                Check::Currency(known) => parse_currency(value, known).err(),
                Check::Name if value.trim().is_empty() => Some("cannot be empty".into()),
                Check::Name | Check::Optional => None,
            },
            _ => None,
        };
    }

    pub fn text_value(&self) -> &str {
        match &self.input {
            Input::Text { value, .. } => value,
            _ => "",
        }
    }

    pub fn selected(&self) -> usize {
        match &self.input {
            Input::Choice { selected, .. } => *selected,
            _ => 0,
        }
    }

    pub fn is_on(&self) -> bool {
        matches!(self.input, Input::Toggle(true))
    }
}

/// Reads an amount as people type it: `125000`, `125,000.50`, `125 000`.
pub fn parse_amount(text: &str) -> Result<Decimal, String> {
    let cleaned: String = text
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' '))
        .collect();
    if cleaned.is_empty() {
        return Err("enter an amount, e.g. 125000 or 125,000.50".into());
    }
    let value = Decimal::from_str(&cleaned).map_err(|_| {
        format!("\"{text}\" is not a number; type digits with an optional decimal point")
    })?;
    if value.is_sign_negative() && !value.is_zero() {
        return Err("an amount cannot be negative".into());
    }
    crate::model::decimal::check_amount(value, "the amount")?;
    Ok(value)
}

/// Reads a percentage from 0 to 100 (`40`, `37.5`, `40%`); empty is 0.
pub fn parse_percent(text: &str) -> Result<Decimal, String> {
    let cleaned = text.trim().trim_end_matches('%').trim();
    if cleaned.is_empty() {
        return Ok(Decimal::ZERO);
    }
    let value = Decimal::from_str(cleaned)
        .map_err(|_| format!("\"{text}\" is not a number; type a percentage such as 40 or 37.5"))?;
    if value < Decimal::ZERO || value > Decimal::ONE_HUNDRED {
        return Err(format!("{value}% is outside 0–100"));
    }
    if value.scale() > 4 {
        return Err("at most four decimals".into());
    }
    Ok(value)
}

/// Reads a currency code the project can convert.
pub fn parse_currency(text: &str, known: &[Currency]) -> Result<Currency, String> {
    let code = text.trim().to_uppercase();
    let currency = Currency::parse(&code)
        .map_err(|_| format!("\"{text}\" is not an ISO 4217 currency code (EUR, CAD, GBP…)"))?;
    if known.contains(&currency) {
        Ok(currency)
    } else {
        let list: Vec<&str> = known.iter().map(Currency::as_str).collect();
        Err(format!(
            "the project has no exchange rate for {code}; it converts {} (add a rate to the file)",
            list.join(", ")
        ))
    }
}

/// A form: fields, the one with the cursor, and whatever refuses the entry as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// A running line under the fields (a split's total).
    pub summary: Option<String>,
    /// Why the entry as a whole is refused (a split that does not total 100, the project
    /// refusing the change).
    pub problem: Option<String>,
}

impl Form {
    pub fn new(title: impl Into<String>, fields: Vec<Field>) -> Form {
        let focus = fields
            .iter()
            .position(|f| matches!(f.input, Input::Text { .. }))
            .unwrap_or(0);
        Form {
            title: title.into(),
            fields,
            focus,
            summary: None,
            problem: None,
        }
    }

    pub fn is_valid(&self) -> bool {
        self.problem.is_none() && self.fields.iter().all(|f| f.error.is_none())
    }

    /// The first reason the entry is refused, naming the field.
    pub fn first_problem(&self) -> Option<String> {
        self.fields
            .iter()
            .find_map(|f| f.error.as_ref().map(|e| format!("{}: {e}", f.label)))
            .or_else(|| self.problem.clone())
    }

    pub fn next(&mut self, step: isize) {
        let n = self.fields.len() as isize;
        if n > 0 {
            self.focus = (self.focus as isize + step).rem_euclid(n) as usize;
        }
    }

    /// Types `c` into the field with the cursor; on a choice or toggle, Space moves it on.
    /// Any change withdraws a refusal of the previous entry.
    pub fn type_char(&mut self, c: char) {
        self.problem = None;
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        match &mut field.input {
            Input::Text { value, .. } => {
                value.push(c);
                field.validate();
            }
            _ if c == ' ' => self.cycle(1),
            _ => {}
        }
    }

    pub fn delete_back(&mut self) {
        self.problem = None;
        if let Some(field) = self.fields.get_mut(self.focus)
            && let Input::Text { value, .. } = &mut field.input
        {
            value.pop();
            field.validate();
        }
    }

    /// Moves a choice to its next (`step` 1) or previous option, or flips a toggle.
    pub fn cycle(&mut self, step: isize) {
        self.problem = None;
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        match &mut field.input {
            Input::Choice { options, selected } if !options.is_empty() => {
                *selected = (*selected as isize + step).rem_euclid(options.len() as isize) as usize;
            }
            Input::Toggle(on) => *on = !*on,
            _ => {}
        }
    }
}

/// One thing a picker offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// What the item stands for (a territory code, a treaty id).
    pub key: String,
    pub label: String,
    /// A figure or fact shown beside it.
    pub detail: String,
    /// Why it cannot be chosen, if it cannot.
    pub refused: Option<String>,
}

/// A list to choose one item from; typing narrows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub title: String,
    pub items: Vec<Item>,
    /// What the person typed; items whose key or label contain it stay.
    pub query: String,
    /// The cursor, within the items that match.
    pub cursor: usize,
    pub problem: Option<String>,
    /// How the items are called in messages ("territory").
    pub noun: &'static str,
}

impl Picker {
    pub fn new(
        title: impl Into<String>,
        noun: &'static str,
        items: Vec<Item>,
        at: usize,
    ) -> Picker {
        Picker {
            title: title.into(),
            items,
            query: String::new(),
            cursor: at,
            problem: None,
            noun,
        }
    }

    /// The items that match what was typed.
    pub fn matching(&self) -> Vec<&Item> {
        let q = self.query.to_lowercase();
        self.items
            .iter()
            .filter(|i| {
                q.is_empty()
                    || i.key.to_lowercase().contains(&q)
                    || i.label.to_lowercase().contains(&q)
            })
            .collect()
    }

    pub fn type_char(&mut self, c: char) {
        self.query.push(c);
        self.cursor = 0;
        self.refresh();
    }

    pub fn delete_back(&mut self) {
        self.query.pop();
        self.cursor = 0;
        self.refresh();
    }

    pub fn next(&mut self, step: isize) {
        let n = self.matching().len() as isize;
        if n > 0 {
            self.cursor = (self.cursor as isize + step).rem_euclid(n) as usize;
        }
        self.refresh();
    }

    fn refresh(&mut self) {
        self.problem = if self.matching().is_empty() {
            let known: Vec<&str> = self.items.iter().map(|i| i.key.as_str()).collect();
            let unknown = match self.noun {
                "territory" if Territory::parse(&self.query.to_uppercase()).is_err() => {
                    format!("\"{}\" is not a territory code", self.query)
                }
                noun => format!("no {noun} of this project matches \"{}\"", self.query),
            };
            Some(format!("{unknown}; choose from {}", known.join(", ")))
        } else {
            None
        };
    }

    /// The item under the cursor, or why there is none to choose.
    pub fn chosen(&self) -> Result<&Item, String> {
        let matching = self.matching();
        let item = matching.get(self.cursor).copied().ok_or_else(|| {
            self.problem
                .clone()
                .unwrap_or_else(|| "nothing to choose".into())
        })?;
        match &item.refused {
            Some(why) => Err(why.clone()),
            None => Ok(item),
        }
    }
}

/// The total of a split editor's percentages, and whether it is exactly 100.
pub fn split_total(fields: &[Field]) -> (Decimal, bool) {
    let total: Decimal = fields
        .iter()
        .filter_map(|f| match &f.input {
            Input::Text {
                value,
                check: Check::Percent,
            } => parse_percent(value).ok(),
            _ => None,
        })
        .sum();
    (total, total == Decimal::ONE_HUNDRED)
}

/// `Percent` of a checked percentage field.
pub fn percent_of(field: &Field) -> Percent {
    Percent::new(parse_percent(field.text_value()).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_people_type_them_and_refuse_the_rest() {
        assert_eq!(parse_amount("125,000.50"), Ok(Decimal::new(12500050, 2)));
        assert_eq!(parse_amount(" 125 000 "), Ok(Decimal::from(125_000)));
        assert!(parse_amount("12a").unwrap_err().contains("not a number"));
        assert!(parse_amount("").unwrap_err().contains("enter an amount"));
        assert!(parse_amount("-5").unwrap_err().contains("negative"));
        assert!(parse_amount("1e20").is_err());
        assert!(parse_amount("99999999999999999").is_err());
    }

    #[test]
    fn percentages_are_between_0_and_100() {
        assert_eq!(parse_percent("37.5%"), Ok(Decimal::new(375, 1)));
        assert_eq!(parse_percent(""), Ok(Decimal::ZERO));
        assert!(parse_percent("101").unwrap_err().contains("outside 0–100"));
        assert!(parse_percent("x").unwrap_err().contains("not a number"));
    }

    #[test]
    fn currencies_must_be_codes_the_project_converts() {
        let known = [
            Currency::parse("EUR").unwrap(),
            Currency::parse("CAD").unwrap(),
        ];
        assert_eq!(parse_currency("cad", &known), Ok(known[1]));
        assert!(
            parse_currency("USD", &known)
                .unwrap_err()
                .contains("no exchange rate for USD")
        );
        assert!(
            parse_currency("E", &known)
                .unwrap_err()
                .contains("not an ISO 4217")
        );
    }

    #[test]
    fn a_form_validates_each_keystroke() {
        let mut form = Form::new(
            "Line",
            vec![
                Field::text("amount", "100", Check::Amount),
                Field::choice("kind", vec!["Labour".into(), "Goods".into()], 0),
            ],
        );
        assert!(form.is_valid());
        form.type_char('x');
        assert!(!form.is_valid());
        assert_eq!(
            form.first_problem().unwrap(),
            "amount: \"100x\" is not a number; type digits with an optional decimal point"
        );
        form.delete_back();
        assert!(form.is_valid());
        form.next(1);
        form.type_char(' ');
        assert_eq!(form.fields[1].selected(), 1);
        form.cycle(1);
        assert_eq!(form.fields[1].selected(), 0);
    }

    #[test]
    fn a_picker_narrows_as_you_type_and_says_when_nothing_matches() {
        let item = |k: &str| Item {
            key: k.into(),
            label: k.into(),
            detail: String::new(),
            refused: (k == "BE").then(|| "pinned".into()),
        };
        let mut p = Picker::new(
            "Move to",
            "territory",
            vec![item("FR"), item("CA-QC"), item("BE")],
            0,
        );
        p.type_char('q');
        assert_eq!(p.chosen().unwrap().key, "CA-QC");
        p.delete_back();
        p.type_char('D');
        p.type_char('E');
        let why = p.chosen().unwrap_err();
        assert!(
            why.contains("no territory of this project matches \"DE\""),
            "{why}"
        );
        assert!(why.contains("choose from FR, CA-QC, BE"), "{why}");
        p.query = "Z".into();
        p.type_char('Z');
        let why = p.chosen().unwrap_err();
        assert!(why.starts_with("\"ZZ\" is not a territory code"), "{why}");
        p.query.clear();
        p.next(-1);
        assert_eq!(p.chosen().unwrap_err(), "pinned");
    }
}
