//! Co-producers, the financing each brings, and the key creative roles treaties count.

use super::currency::Currency;
use super::decimal;
use super::percent::Percent;
use super::territory::Territory;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A partner's id, used by lines (`paid_by`) and scenarios.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PartnerId(pub String);

impl fmt::Display for PartnerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A co-producer's position in the co-production.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PartnerRole {
    Majority,
    Minority,
    /// Brings money only, no creative or technical contribution.
    FinancialOnly,
}

impl PartnerRole {
    pub fn label(self) -> &'static str {
        match self {
            PartnerRole::Majority => "majority",
            PartnerRole::Minority => "minority",
            PartnerRole::FinancialOnly => "financial-only",
        }
    }
}

/// What kind of money a financing source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum FinancingKind {
    Equity,
    /// A distributor's or broadcaster's pre-sale or minimum guarantee.
    PreSale,
    /// A public fund (national or regional film fund, Eurimages): counts as public aid.
    PublicFund,
    Loan,
    Deferment,
    Other,
}

impl FinancingKind {
    pub fn label(self) -> &'static str {
        match self {
            FinancingKind::Equity => "equity",
            FinancingKind::PreSale => "pre-sale / MG",
            FinancingKind::PublicFund => "public fund",
            FinancingKind::Loan => "loan",
            FinancingKind::Deferment => "deferment",
            FinancingKind::Other => "other",
        }
    }
}

/// A condition attached to money: spend at least `share` of the amount in `territory`
/// ("150% of the grant spent in DE-BE").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpendObligation {
    pub territory: Territory,
    pub share: Percent,
}

/// One source of money a partner brings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FinancingSource {
    pub name: String,
    pub kind: FinancingKind,
    #[serde(with = "decimal")]
    pub amount: Decimal,
    pub currency: Currency,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub obligation: Option<SpendObligation>,
}

/// A co-producer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    pub id: PartnerId,
    pub name: String,
    /// The partner's country (ISO 3166-1).
    pub country: Territory,
    pub role: PartnerRole,
    #[serde(default)]
    pub financing: Vec<FinancingSource>,
    /// Whether incentives earned in this partner's country count as its contribution. When
    /// several partners share a country, the first that claims them receives them.
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub claims_incentives: bool,
}

fn yes() -> bool {
    true
}

fn is_yes(v: &bool) -> bool {
    *v
}

/// The creative and technical positions co-production points tables score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Role {
    Director,
    Screenwriter,
    Composer,
    FirstRole,
    SecondRole,
    ThirdRole,
    Camera,
    Sound,
    Editing,
    ProductionDesign,
    CostumeDesign,
    ShootingLocation,
    VfxLocation,
    PostLocation,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Director => "Director",
            Role::Screenwriter => "Screenwriter",
            Role::Composer => "Composer",
            Role::FirstRole => "First role",
            Role::SecondRole => "Second role",
            Role::ThirdRole => "Third role",
            Role::Camera => "Camera (DoP)",
            Role::Sound => "Sound",
            Role::Editing => "Editing",
            Role::ProductionDesign => "Production design",
            Role::CostumeDesign => "Costume design",
            Role::ShootingLocation => "Studio / shooting location",
            Role::VfxLocation => "VFX / CGI location",
            Role::PostLocation => "Post-production location",
        }
    }
}

/// A key creative or technical position and the country it counts for (a person's
/// nationality or residence; for locations, where the work happens).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyRole {
    pub role: Role,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub country: Territory,
}
