//! Percentages as exact decimals in percentage points: `Percent(30)` is 30%.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A percentage in points (30 means 30%). Stored exactly; `of` applies it to an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Percent(pub Decimal);

impl Percent {
    pub const ZERO: Percent = Percent(Decimal::ZERO);
    pub const HUNDRED: Percent = Percent(Decimal::ONE_HUNDRED);

    pub fn new(points: Decimal) -> Self {
        Percent(points)
    }

    pub fn points(self) -> Decimal {
        self.0
    }

    /// The share as a fraction (30% → 0.30).
    pub fn fraction(self) -> Decimal {
        self.0 / Decimal::ONE_HUNDRED
    }

    /// This percentage of `amount`.
    pub fn of(self, amount: Decimal) -> Decimal {
        amount * self.0 / Decimal::ONE_HUNDRED
    }

    /// `part` as a percentage of `whole`; zero when the whole is zero.
    pub fn ratio(part: Decimal, whole: Decimal) -> Percent {
        if whole.is_zero() {
            Percent::ZERO
        } else {
            Percent(part * Decimal::ONE_HUNDRED / whole)
        }
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `{:.2}` gives a fixed number of places for tables; `{}` the shortest exact form.
        match f.precision() {
            Some(dp) => {
                let rounded = self.0.round_dp_with_strategy(
                    dp as u32,
                    rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                );
                write!(f, "{rounded:.dp$}%")
            }
            None => write!(f, "{}%", self.0.round_dp(2).normalize()),
        }
    }
}

impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        super::decimal::serialize(&self.0, s)
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        super::decimal::deserialize(d).map(Percent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn applies_and_measures_exactly() {
        assert_eq!(Percent(dec!(32)).of(dec!(1_000_000)), dec!(320_000));
        assert_eq!(
            Percent::ratio(dec!(1), dec!(3)).0.round_dp(4),
            dec!(33.3333)
        );
        assert_eq!(Percent::ratio(dec!(1), Decimal::ZERO), Percent::ZERO);
        assert_eq!(format!("{}", Percent(dec!(19.999))), "20%");
        assert_eq!(format!("{:.1}", Percent(dec!(19.94))), "19.9%");
        assert_eq!(format!("{:.2}", Percent(dec!(21.6))), "21.60%");
        assert_eq!(format!("{:.2}", Percent(dec!(12.345))), "12.35%");
    }
}
