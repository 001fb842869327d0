//! Territories: ISO 3166-1 countries (`FR`) and ISO 3166-2 subdivisions (`CA-QC`).
//!
//! Spend in a subdivision is also spend in its country: `CA-QC` lies within `CA`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// ISO 3166-1 alpha-2 codes, with `XK` (Kosovo) as used by the European Commission.
const ISO_3166_1: &[&str] = &[
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "XK", "YE", "YT", "ZA", "ZM", "ZW",
];

/// A country (`FR`) or a subdivision of one (`CA-QC`, `ES-CN`, `BE-VLG`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Territory(String);

impl Territory {
    pub fn parse(code: &str) -> Result<Territory, String> {
        let code = code.trim();
        let (country, region) = match code.split_once('-') {
            Some((c, r)) => (c, Some(r)),
            None => (code, None),
        };
        if !ISO_3166_1.contains(&country) {
            return Err(format!(
                "\"{code}\" is not a territory: use an ISO 3166 code such as FR, GB, CA-QC or ES-CN"
            ));
        }
        if let Some(region) = region {
            let well_formed = (1..=3).contains(&region.len())
                && region
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
            if !well_formed {
                return Err(format!(
                    "\"{code}\" is not an ISO 3166-2 subdivision code (like CA-QC or BE-VLG)"
                ));
            }
        }
        Ok(Territory(code.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The country this territory belongs to (`CA` for `CA-QC`, itself for a country).
    pub fn country(&self) -> Territory {
        match self.0.split_once('-') {
            Some((c, _)) => Territory(c.to_string()),
            None => self.clone(),
        }
    }

    pub fn is_country(&self) -> bool {
        !self.0.contains('-')
    }

    /// Whether spend here also counts as spend in `other` (same territory, or a subdivision
    /// of the country `other`).
    pub fn lies_within(&self, other: &Territory) -> bool {
        if self == other {
            return true;
        }
        other.is_country()
            && self.0.len() > 3
            && self.0.starts_with(other.as_str())
            && self.0.as_bytes()[2] == b'-'
    }
}

impl TryFrom<String> for Territory {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Territory::parse(&value)
    }
}

impl From<Territory> for String {
    fn from(t: Territory) -> String {
        t.0
    }
}

impl fmt::Display for Territory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(code: &str) -> Territory {
        Territory::parse(code).unwrap()
    }

    #[test]
    fn regions_lie_within_their_country_only() {
        assert!(t("CA-QC").lies_within(&t("CA")));
        assert!(t("CA").lies_within(&t("CA")));
        assert!(!t("CA").lies_within(&t("CA-QC")));
        assert!(!t("CA-QC").lies_within(&t("CA-ON")));
        assert!(!t("FR").lies_within(&t("CA")));
        assert_eq!(t("ES-CN").country(), t("ES"));
    }

    #[test]
    fn refuses_what_is_not_iso() {
        assert!(
            Territory::parse("UK").is_err(),
            "the ISO code for the United Kingdom is GB"
        );
        assert!(Territory::parse("fr").is_err());
        assert!(Territory::parse("CA-quebec").is_err());
        assert!(Territory::parse("BE-VLG").is_ok());
    }
}
