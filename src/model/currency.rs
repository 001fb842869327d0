//! Currencies (ISO 4217 codes) and the project's exchange-rate table.

use super::date::Date;
use super::decimal;
use super::error::ModelError;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Active ISO 4217 alphabetic codes. A code outside this list is almost always a typo.
const ISO_4217: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD",
    "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD",
    "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ",
    "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD",
    "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR",
    "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR",
    "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN",
    "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR",
    "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB",
    "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS",
    "VES", "VND", "VUV", "WST", "XAF", "XCD", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
];

/// An ISO 4217 currency code such as `EUR` or `CAD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency([u8; 3]);

impl Currency {
    pub fn parse(code: &str) -> Result<Currency, String> {
        let upper = code.trim();
        if upper.len() == 3 && ISO_4217.contains(&upper) {
            let b = upper.as_bytes();
            Ok(Currency([b[0], b[1], b[2]]))
        } else {
            Err(format!(
                "\"{code}\" is not an ISO 4217 currency code (write EUR, GBP, CAD ...)"
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        // The bytes come from the ASCII list above, so this cannot fail.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }

    /// The symbol producers expect in front of an amount, or the code followed by a space.
    pub fn symbol(&self) -> &'static str {
        match self.as_str() {
            "EUR" => "€",
            "GBP" => "£",
            "USD" => "$",
            "CAD" => "C$",
            "AUD" => "A$",
            "NZD" => "NZ$",
            "JPY" => "¥",
            _ => "",
        }
    }
}

impl TryFrom<String> for Currency {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Currency::parse(&value)
    }
}

impl From<Currency> for String {
    fn from(c: Currency) -> String {
        c.as_str().to_string()
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One row of the rate table: 1 unit of `currency` is worth `rate` units of the base currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeRate {
    pub currency: Currency,
    #[serde(with = "decimal")]
    pub rate: Decimal,
    /// The day the rate was taken, so a report can say which rate it used.
    pub date: Date,
}

/// The exchange-rate table, keyed by currency; the base currency converts at 1.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rates {
    base: Option<Currency>,
    table: BTreeMap<Currency, ExchangeRate>,
}

impl Rates {
    pub fn new(base: Currency, rates: &[ExchangeRate]) -> Result<Rates, ModelError> {
        let mut table = BTreeMap::new();
        for r in rates {
            let refuse = |message: String| ModelError::new(message).at(&r.currency.to_string());
            if r.rate <= Decimal::ZERO {
                return Err(refuse(format!(
                    "the exchange rate for {} is {}; a rate must be above zero (1 {} = how many {}?)",
                    r.currency, r.rate, r.currency, base
                )));
            }
            if r.rate > super::decimal::MAX_RATE {
                return Err(refuse(format!(
                    "the exchange rate for {} is {}; rates above {} are refused as a likely typo",
                    r.currency,
                    r.rate,
                    super::decimal::MAX_RATE
                )));
            }
            if r.currency == base {
                return Err(refuse(format!(
                    "{base} is the base currency and needs no exchange rate"
                )));
            }
            if table.insert(r.currency, r.clone()).is_some() {
                return Err(refuse(format!(
                    "{} has two exchange rates; keep one",
                    r.currency
                )));
            }
        }
        Ok(Rates {
            base: Some(base),
            table,
        })
    }

    pub fn base(&self) -> Option<Currency> {
        self.base
    }

    /// Whether amounts in `currency` can be converted.
    pub fn knows(&self, currency: Currency) -> bool {
        self.base == Some(currency) || self.table.contains_key(&currency)
    }

    /// How many base units one unit of `currency` is worth.
    pub fn rate(&self, currency: Currency) -> Option<Decimal> {
        if self.base == Some(currency) {
            Some(Decimal::ONE)
        } else {
            self.table.get(&currency).map(|r| r.rate)
        }
    }

    pub fn entry(&self, currency: Currency) -> Option<&ExchangeRate> {
        self.table.get(&currency)
    }

    /// `amount` in `currency`, expressed in the base currency.
    pub fn to_base(&self, amount: Decimal, currency: Currency) -> Option<Decimal> {
        self.rate(currency).map(|r| amount * r)
    }

    /// A base-currency amount expressed in `currency`.
    pub fn from_base(&self, amount: Decimal, currency: Currency) -> Option<Decimal> {
        self.rate(currency).map(|r| amount / r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn eur() -> Currency {
        Currency::parse("EUR").unwrap()
    }

    #[test]
    fn refuses_unknown_codes() {
        assert!(Currency::parse("EUR").is_ok());
        assert!(Currency::parse("EURO").is_err());
        assert!(Currency::parse("XYZ").is_err());
    }

    #[test]
    fn converts_through_the_table() {
        let cad = Currency::parse("CAD").unwrap();
        let date = Date::parse("2026-10-01").unwrap();
        let rates = Rates::new(
            eur(),
            &[ExchangeRate {
                currency: cad,
                rate: dec!(0.6650),
                date,
            }],
        )
        .unwrap();
        assert_eq!(rates.to_base(dec!(1_000_000), cad), Some(dec!(665_000)));
        assert_eq!(rates.to_base(dec!(5), eur()), Some(dec!(5)));
        assert_eq!(
            rates.to_base(dec!(5), Currency::parse("GBP").unwrap()),
            None
        );
    }

    #[test]
    fn refuses_zero_negative_and_duplicate_rates() {
        let cad = Currency::parse("CAD").unwrap();
        let date = Date::parse("2026-10-01").unwrap();
        let bad = ExchangeRate {
            currency: cad,
            rate: dec!(-0.5),
            date,
        };
        assert!(
            Rates::new(eur(), &[bad])
                .unwrap_err()
                .message
                .contains("above zero")
        );
        let ok = ExchangeRate {
            currency: cad,
            rate: dec!(0.5),
            date,
        };
        assert!(
            Rates::new(eur(), &[ok.clone(), ok])
                .unwrap_err()
                .message
                .contains("two exchange rates")
        );
    }
}

/// `amount` to the cent with thousands separators and the currency's symbol: `€1,234,567.50`,
/// or the code after the number when there is no common symbol (`1,200.00 HUF`).
pub fn format_money(amount: Decimal, currency: Currency) -> String {
    format_money_dp(amount, currency, 2)
}

/// As `format_money`, rounded to `dp` decimal places (0 for compact tables).
pub fn format_money_dp(amount: Decimal, currency: Currency, dp: u32) -> String {
    let rounded =
        amount.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let number = group_thousands(rounded.abs(), dp);
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    match currency.symbol() {
        "" => format!("{sign}{number} {currency}"),
        symbol => format!("{sign}{symbol}{number}"),
    }
}

/// A non-negative amount rounded to `dp` places with `,` between thousands.
pub fn group_thousands(amount: Decimal, dp: u32) -> String {
    let rounded =
        amount.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let text = format!("{:.*}", dp as usize, rounded.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::with_capacity(text.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod format_tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn formats_money_for_people() {
        let eur = Currency::parse("EUR").unwrap();
        let huf = Currency::parse("HUF").unwrap();
        assert_eq!(format_money(dec!(1234567.505), eur), "€1,234,567.51");
        assert_eq!(format_money(dec!(-212400), eur), "-€212,400.00");
        assert_eq!(format_money_dp(dec!(999.5), huf, 0), "1,000 HUF");
        assert_eq!(format_money(dec!(-0.001), eur), "€0.00");
        // half a cent rounds away from zero on both sides, sign included
        assert_eq!(format_money(dec!(-0.005), eur), "-€0.01");
        assert_eq!(format_money(dec!(0.005), eur), "€0.01");
    }
}
