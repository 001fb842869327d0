//! Exact decimals in files: written as strings ("12500.00"), read from strings or integers,
//! never through a float. A float literal in a file is refused with a hint, not rounded.

use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};
use std::fmt;

/// Parses a decimal written by a person: digits, an optional sign and point, `_` or `,`
/// as thousands separators are refused so that "1,5" can never mean two different things.
pub fn parse(text: &str) -> Result<Decimal, String> {
    let trimmed = text.trim();
    // Well formed (a sign, digits, at most one point) but too many digits to hold exactly.
    let unsigned = trimmed.trim_start_matches(['-', '+']);
    let numeric = unsigned.len() + 1 >= trimmed.len()
        && unsigned.matches('.').count() <= 1
        && unsigned.chars().all(|c| c.is_ascii_digit() || c == '.')
        && unsigned.chars().filter(char::is_ascii_digit).count() > 28;
    Decimal::from_str_exact(trimmed).map_err(|_| match numeric {
        true => format!(
            "\"{trimmed}\" is beyond the largest number coprod can hold; amounts may be at most 10000000000000"
        ),
        false => format!(
            "\"{trimmed}\" is not an exact decimal number (write it like \"12500\" or \"0.6650\")"
        ),
    })
}

/// The largest amount a file may hold: ten trillion, far above any film budget in any
/// currency, and small enough that sums over hundreds of thousands of converted lines stay
/// exact.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(1_316_134_912, 2_328, 0, false, 0);

/// The largest exchange rate (1 unit of a currency worth a million base units).
pub const MAX_RATE: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// Refuses a negative amount or one above `MAX_AMOUNT`, naming `what`.
pub fn check_amount(value: Decimal, what: &str) -> Result<(), String> {
    if value.is_sign_negative() && !value.is_zero() {
        Err(format!(
            "{what} is negative ({value}); amounts are zero or more"
        ))
    } else if value > MAX_AMOUNT {
        Err(format!(
            "{what} ({value}) is larger than coprod accepts (at most {MAX_AMOUNT})"
        ))
    } else {
        Ok(())
    }
}

/// Refuses a percentage below zero or above `max` points, naming `what`.
pub fn check_percent(value: Decimal, max: u32, what: &str) -> Result<(), String> {
    if value.is_sign_negative() && !value.is_zero() {
        Err(format!("{what} is negative ({value}%)"))
    } else if value > Decimal::from(max) {
        Err(format!(
            "{what} is {value}%, above the {max}% this field allows"
        ))
    } else {
        Ok(())
    }
}

struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a decimal number written as a string, like \"12500.00\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse(v).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        Err(E::custom(format!(
            "the number {v} is written without quotes; write decimals as strings (\"{v}\") so they stay exact"
        )))
    }
}

pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&value.to_string())
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    deserializer.deserialize_any(DecimalVisitor)
}

/// The same rules for `Option<Decimal>` fields.
pub mod option {
    use super::DecimalVisitor;
    use rust_decimal::Decimal;
    use serde::de::{self, Visitor};
    use serde::{Deserializer, Serializer};
    use std::fmt;

    pub fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => serializer.serialize_some(&v.to_string()),
            None => serializer.serialize_none(),
        }
    }

    struct OptionVisitor;

    impl<'de> Visitor<'de> for OptionVisitor {
        type Value = Option<Decimal>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an optional decimal number written as a string")
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(DecimalVisitor).map(Some)
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            DecimalVisitor.visit_str(v).map(Some)
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(Decimal::from(v)))
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(Decimal::from(v)))
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            DecimalVisitor.visit_f64(v).map(Some)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        deserializer.deserialize_option(OptionVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_are_what_they_say() {
        assert_eq!(MAX_AMOUNT.to_string(), "10000000000000");
        assert_eq!(MAX_RATE.to_string(), "1000000");
        assert!(check_amount(MAX_AMOUNT, "x").is_ok());
        assert!(check_amount(MAX_AMOUNT + Decimal::ONE, "x").is_err());
        assert!(
            check_amount(Decimal::NEGATIVE_ONE, "x")
                .unwrap_err()
                .contains("negative")
        );
        assert!(check_percent(Decimal::from(101), 100, "x").is_err());
    }

    #[test]
    fn parses_exact_decimals_and_refuses_words() {
        assert_eq!(parse("12500.00").unwrap().to_string(), "12500.00");
        assert_eq!(parse(" 0.6650 ").unwrap().to_string(), "0.6650");
        assert!(parse("1,5").is_err());
        assert!(parse("twelve").is_err());
    }
}
