//! Territories: ISO 3166-1 countries (`FR`) and ISO 3166-2 subdivisions (`CA-QC`).
//!
//! Spend in a subdivision is also spend in its country: `CA-QC` lies within `CA`. Where
//! ISO 3166-2 nests subdivisions (Spain's provinces within its autonomous communities),
//! spend in the inner one is also spend in the outer: `ES-SS` lies within `ES-PV` and `ES`.

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

/// ISO 3166-2:ES: each province and the autonomous community it belongs to. The
/// single-province communities (Asturias, Cantabria, La Rioja, Madrid, Murcia, Navarre,
/// the Balearic Islands) have a province code of their own.
const ES_PROVINCES: &[(&str, &str)] = &[
    ("ES-AL", "ES-AN"),
    ("ES-CA", "ES-AN"),
    ("ES-CO", "ES-AN"),
    ("ES-GR", "ES-AN"),
    ("ES-H", "ES-AN"),
    ("ES-J", "ES-AN"),
    ("ES-MA", "ES-AN"),
    ("ES-SE", "ES-AN"),
    ("ES-HU", "ES-AR"),
    ("ES-TE", "ES-AR"),
    ("ES-Z", "ES-AR"),
    ("ES-O", "ES-AS"),
    ("ES-GC", "ES-CN"),
    ("ES-TF", "ES-CN"),
    ("ES-S", "ES-CB"),
    ("ES-AV", "ES-CL"),
    ("ES-BU", "ES-CL"),
    ("ES-LE", "ES-CL"),
    ("ES-P", "ES-CL"),
    ("ES-SA", "ES-CL"),
    ("ES-SG", "ES-CL"),
    ("ES-SO", "ES-CL"),
    ("ES-VA", "ES-CL"),
    ("ES-ZA", "ES-CL"),
    ("ES-AB", "ES-CM"),
    ("ES-CR", "ES-CM"),
    ("ES-CU", "ES-CM"),
    ("ES-GU", "ES-CM"),
    ("ES-TO", "ES-CM"),
    ("ES-B", "ES-CT"),
    ("ES-GI", "ES-CT"),
    ("ES-L", "ES-CT"),
    ("ES-T", "ES-CT"),
    ("ES-BA", "ES-EX"),
    ("ES-CC", "ES-EX"),
    ("ES-C", "ES-GA"),
    ("ES-LU", "ES-GA"),
    ("ES-OR", "ES-GA"),
    ("ES-PO", "ES-GA"),
    ("ES-PM", "ES-IB"),
    ("ES-LO", "ES-RI"),
    ("ES-M", "ES-MD"),
    ("ES-MU", "ES-MC"),
    ("ES-NA", "ES-NC"),
    ("ES-BI", "ES-PV"),
    ("ES-SS", "ES-PV"),
    ("ES-VI", "ES-PV"),
    ("ES-A", "ES-VC"),
    ("ES-CS", "ES-VC"),
    ("ES-V", "ES-VC"),
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

    /// The subdivision this one is part of, where ISO 3166-2 nests them (`ES-PV` for the
    /// province `ES-SS`); `None` for a country or a first-level subdivision.
    pub fn parent(&self) -> Option<Territory> {
        ES_PROVINCES
            .iter()
            .find(|(province, _)| *province == self.0)
            .map(|(_, community)| Territory((*community).to_string()))
    }

    /// Whether spend here also counts as spend in `other`: the same territory, a subdivision
    /// of the country `other`, or a province of the subdivision `other`.
    pub fn lies_within(&self, other: &Territory) -> bool {
        if self == other {
            return true;
        }
        if other.is_country() {
            return !self.is_country() && self.country() == *other;
        }
        self.parent()
            .is_some_and(|parent| parent.lies_within(other))
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
    fn spanish_provinces_lie_within_their_community_and_spain() {
        for (province, community) in ES_PROVINCES {
            assert!(
                t(province).lies_within(&t(community)),
                "{province} in {community}"
            );
            assert!(t(province).lies_within(&t("ES")));
            assert!(!t(community).lies_within(&t(province)));
        }
        assert!(t("ES-SS").lies_within(&t("ES-PV")));
        assert!(!t("ES-SS").lies_within(&t("ES-BI")));
        assert!(!t("ES-SS").lies_within(&t("ES-NC")));
        assert!(t("ES-NA").lies_within(&t("ES-NC")));
        assert_eq!(t("ES-PV").parent(), None);
        assert_eq!(t("ES").parent(), None);
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
