//! The budget as the screen lists it: categories, their accounts, and the accounts' lines,
//! with collapsed groups hidden and, when a filter is typed, only the lines that match it.

use crate::model::{Category, Project};
use std::collections::HashSet;

/// One visible row of the budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Row {
    Category(Category),
    /// An account, by index into the project's accounts.
    Account(usize),
    /// A line, by index into the project's lines.
    Line(usize),
}

/// Groups the person has collapsed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Collapsed {
    pub categories: HashSet<Category>,
    pub accounts: HashSet<usize>,
}

/// Whether line `index` matches `filter` (case-insensitive): its id, description, account
/// code or name, or where it is spent in scenario `scenario`.
pub fn line_matches(project: &Project, scenario: usize, index: usize, filter: &str) -> bool {
    let line = &project.lines()[index];
    let account = &project.accounts()[project.line_account(index)];
    let needle = filter.to_lowercase();
    [
        line.id.0.as_str(),
        line.description.as_str(),
        account.code.as_str(),
        account.name.as_str(),
    ]
    .iter()
    .any(|text| text.to_lowercase().contains(&needle))
        || project
            .allocation_in(scenario, index)
            .parts()
            .iter()
            .any(|(t, _)| t.as_str().to_lowercase().contains(&needle))
}

/// The rows in display order: each category with spend, its accounts, their lines. With a
/// filter, only matching lines and the groups that hold them.
pub fn visible_rows(
    project: &Project,
    scenario: usize,
    collapsed: &Collapsed,
    filter: &str,
) -> Vec<Row> {
    let mut lines_by_account: Vec<Vec<usize>> = vec![Vec::new(); project.accounts().len()];
    for i in 0..project.lines().len() {
        if filter.is_empty() || line_matches(project, scenario, i, filter) {
            lines_by_account[project.line_account(i)].push(i);
        }
    }
    let mut rows = Vec::new();
    for category in Category::ALL {
        let accounts: Vec<usize> = (0..project.accounts().len())
            .filter(|&a| {
                project.accounts()[a].category == category && !lines_by_account[a].is_empty()
            })
            .collect();
        if accounts.is_empty() {
            continue;
        }
        rows.push(Row::Category(category));
        if collapsed.categories.contains(&category) {
            continue;
        }
        for a in accounts {
            rows.push(Row::Account(a));
            if !collapsed.accounts.contains(&a) {
                rows.extend(lines_by_account[a].iter().map(|&l| Row::Line(l)));
            }
        }
    }
    rows
}

/// The lines a row stands for: itself, or every line of its account or category.
pub fn lines_under(project: &Project, row: Row) -> Vec<usize> {
    if let Row::Line(l) = row {
        return vec![l];
    }
    (0..project.lines().len())
        .filter(|&i| match row {
            Row::Line(l) => l == i,
            Row::Account(a) => project.line_account(i) == a,
            Row::Category(c) => project.accounts()[project.line_account(i)].category == c,
        })
        .collect()
}
