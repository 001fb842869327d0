//! What differs between two versions of a project, in a producer's words: lines moved,
//! edited, added or removed, scenarios, partners and the treaty choice. Used to say what a
//! recovery journal would bring back.

use super::{LineId, Project};
use std::collections::BTreeMap;

/// One sentence per kind of difference; empty when the two are the same.
pub fn summary(before: &Project, after: &Project) -> Vec<String> {
    let mut out = Vec::new();
    let old: BTreeMap<&LineId, _> = before.lines().iter().map(|l| (&l.id, l)).collect();
    let new: BTreeMap<&LineId, _> = after.lines().iter().map(|l| (&l.id, l)).collect();
    let mut moved = Vec::new();
    let mut edited = Vec::new();
    for (id, line) in &new {
        if let Some(was) = old.get(id) {
            if was.spent_in != line.spent_in {
                moved.push(id.0.as_str());
            }
            let mut same_place = (*was).clone();
            same_place.spent_in = line.spent_in.clone();
            if &same_place != *line {
                edited.push(id.0.as_str());
            }
        }
    }
    let added: Vec<&str> = new
        .keys()
        .filter(|id| !old.contains_key(*id))
        .map(|id| id.0.as_str())
        .collect();
    let removed: Vec<&str> = old
        .keys()
        .filter(|id| !new.contains_key(*id))
        .map(|id| id.0.as_str())
        .collect();
    for (what, ids) in [
        ("moved to another territory", &moved),
        ("edited (amount, currency, kind, payer or flags)", &edited),
        ("added", &added),
        ("removed", &removed),
    ] {
        if !ids.is_empty() {
            out.push(format!(
                "{} line{} {what}: {}",
                ids.len(),
                if ids.len() == 1 { "" } else { "s" },
                list(ids)
            ));
        }
    }

    let names =
        |p: &Project| -> Vec<String> { p.scenarios().iter().map(|s| s.name.clone()).collect() };
    let (was, now) = (names(before), names(after));
    for name in now.iter().filter(|n| !was.contains(n)) {
        out.push(format!("scenario \"{name}\" added"));
    }
    for name in was.iter().filter(|n| !now.contains(n)) {
        out.push(format!("scenario \"{name}\" removed"));
    }
    for s in after.scenarios() {
        if let Some(w) = before.scenarios().iter().find(|w| w.name == s.name)
            && w.overrides != s.overrides
        {
            let changed: Vec<&str> = s
                .overrides
                .keys()
                .chain(w.overrides.keys())
                .filter(|id| s.overrides.get(*id) != w.overrides.get(*id))
                .map(|id| id.0.as_str())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            out.push(format!(
                "scenario \"{}\": {} line{} placed or priced differently: {}",
                s.name,
                changed.len(),
                if changed.len() == 1 { "" } else { "s" },
                list(&changed)
            ));
        }
    }
    for p in after.partners() {
        match before.partners().iter().find(|q| q.id == p.id) {
            Some(q) if q != p => {
                out.push(format!("partner {} changed (role or financing)", p.name))
            }
            None => out.push(format!("partner {} added", p.name)),
            _ => {}
        }
    }
    for q in before.partners() {
        if !after.partners().iter().any(|p| p.id == q.id) {
            out.push(format!("partner {} removed", q.name));
        }
    }
    if before.data().coproduction != after.data().coproduction {
        out.push("the treaty choice changed".into());
    }
    let rest_same = {
        let mut a = before.data().clone();
        let b = after.data();
        a.lines.clone_from(&b.lines);
        a.scenarios.clone_from(&b.scenarios);
        a.partners.clone_from(&b.partners);
        a.coproduction = b.coproduction.clone();
        &a == b
    };
    if !rest_same {
        out.push("other project settings changed (title, rates, territories, accounts…)".into());
    }
    out
}

/// "a, b, c and 4 more".
fn list(ids: &[&str]) -> String {
    const SHOWN: usize = 5;
    let head = ids
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > SHOWN {
        format!("{head} and {} more", ids.len() - SHOWN)
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Allocation, Edit, Scenario};

    fn sample() -> Project {
        crate::model::fixture()
    }

    #[test]
    fn the_same_project_has_nothing_to_say() {
        let p = sample();
        assert!(summary(&p, &p).is_empty());
    }

    #[test]
    fn moves_edits_and_scenarios_are_named() {
        let before = sample();
        let mut after = before.clone();
        let (index, line) = after
            .lines()
            .iter()
            .enumerate()
            .find(|(_, l)| !l.pinned)
            .map(|(i, l)| (i, l.clone()))
            .unwrap();
        let elsewhere = after
            .territories()
            .iter()
            .find(|t| Allocation::at((*t).clone()) != line.spent_in && line.may_move_to(t).is_ok())
            .cloned()
            .expect("a territory the line may move to");
        let mut moved = line.clone();
        moved.spent_in = Allocation::at(elsewhere);
        after
            .apply(&Edit::SetLine {
                index,
                line: Box::new(moved),
            })
            .unwrap();
        after
            .apply(&Edit::InsertScenario {
                at: after.scenarios().len(),
                scenario: Scenario::new("Night shoot"),
            })
            .unwrap();
        let said = summary(&before, &after);
        assert_eq!(
            said,
            [
                format!("1 line moved to another territory: {}", line.id.0),
                "scenario \"Night shoot\" added".to_string(),
            ],
            "{said:?}"
        );
    }
}
