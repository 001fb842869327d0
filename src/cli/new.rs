//! `coprod new`: a valid starting project with partners, territories and a standard chart of
//! accounts, ready to fill in.

use super::exit;
use crate::model::{
    Account, Category, Coproduction, Currency, Declarations, Format, Partner, PartnerId,
    PartnerRole, Project, ProjectData, Scenario, Territory,
};
use crate::store;
use std::io::Write;
use std::path::Path;

const STARTER_ACCOUNTS: &[(&str, &str, Category)] = &[
    ("1100", "Story & rights", Category::AboveTheLine),
    ("1200", "Producers", Category::AboveTheLine),
    ("1300", "Director", Category::AboveTheLine),
    ("1400", "Cast", Category::AboveTheLine),
    ("2100", "Production staff", Category::BelowTheLine),
    ("2200", "Camera", Category::BelowTheLine),
    ("2300", "Art department", Category::BelowTheLine),
    ("2400", "Locations & studio", Category::BelowTheLine),
    ("2500", "Travel & transport", Category::BelowTheLine),
    ("3100", "Editing", Category::Post),
    ("3200", "Sound & music", Category::Post),
    ("3300", "Visual effects", Category::Post),
    ("4100", "Insurance & legal", Category::Other),
    ("4200", "Contingency", Category::Other),
];

pub fn run_new(
    path: &Path,
    title: &str,
    currency: &str,
    partners: &[String],
    err: &mut dyn Write,
) -> u8 {
    match build(title, currency, partners) {
        Ok(project) => {
            if path.exists() {
                let _ = writeln!(
                    err,
                    "error: {} already exists; choose another name (nothing was written)",
                    path.display()
                );
                return exit::INVALID;
            }
            let preamble =
                format!("// {title}: a new coprod project. Add budget lines under `lines`.");
            match store::save(path, &project, &preamble) {
                Ok(()) => exit::OK,
                Err(e) => {
                    let _ = writeln!(err, "error: {e}");
                    exit::INVALID
                }
            }
        }
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            exit::INVALID
        }
    }
}

fn build(title: &str, currency: &str, partners: &[String]) -> Result<Project, String> {
    let currency = Currency::parse(currency)?;
    let mut list = Vec::new();
    let mut territories = Vec::new();
    for (i, code) in partners.iter().enumerate() {
        let country = Territory::parse(code.trim())?;
        if !country.is_country() {
            return Err(format!(
                "{country} is a region; partners are given by country (e.g. {})",
                country.country()
            ));
        }
        territories.push(country.clone());
        list.push(Partner {
            id: PartnerId(country.as_str().to_lowercase()),
            name: format!("{country} co-producer"),
            country,
            role: if i == 0 {
                PartnerRole::Majority
            } else {
                PartnerRole::Minority
            },
            financing: Vec::new(),
            claims_incentives: true,
        });
    }
    if list.is_empty() {
        return Err("give at least one partner country with --partners".into());
    }
    let data = ProjectData {
        version: crate::model::project::FORMAT_VERSION,
        title: title.to_string(),
        notes: String::new(),
        currency,
        rates: Vec::new(),
        territories,
        format: Format::Fiction,
        release: Default::default(),
        language: None,
        episodes: 1,
        coproduction: Coproduction::Inferred,
        partners: list,
        key_roles: Vec::new(),
        declarations: Declarations::default(),
        goals: Vec::new(),
        fringes: Vec::new(),
        accounts: STARTER_ACCOUNTS
            .iter()
            .map(|(code, name, category)| Account {
                code: code.to_string(),
                name: name.to_string(),
                category: *category,
                vfx: *code == "3300",
                logistics: *code == "2500",
            })
            .collect(),
        lines: Vec::new(),
        scenarios: vec![Scenario::new("Base")],
    };
    Project::new(data).map_err(|e| e.message)
}
