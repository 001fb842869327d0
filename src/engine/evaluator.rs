//! Many assessments of variations of one scenario, fast: a line is re-placed by taking it out
//! of the totals and putting it back where it now goes, so each assessment costs the work after
//! the pass over the lines, not the pass itself. The optimiser and the search for a better
//! allocation use it; the result of `assess` is exactly what `engine::assess` gives for the
//! same placements.

use super::assess::assess_ledger;
use super::assessment::Assessment;
use super::ledger::{Ledger, Placement};
use crate::model::{Allocation, Project, Scenario};
use crate::rules::RuleBook;

pub struct Evaluator<'a> {
    project: &'a Project,
    scenario: &'a Scenario,
    rules: &'a RuleBook,
    ledger: Ledger,
    placed: Vec<Placement>,
}

impl<'a> Evaluator<'a> {
    /// Starts from the lines as `scenario` places them.
    pub fn new(project: &'a Project, scenario: &'a Scenario, rules: &'a RuleBook) -> Self {
        Evaluator {
            project,
            scenario,
            rules,
            ledger: Ledger::tally(project, scenario),
            placed: (0..project.lines().len())
                .map(|i| Placement::of(project, scenario, i))
                .collect(),
        }
    }

    pub fn project(&self) -> &'a Project {
        self.project
    }

    /// Where line `index` is spent now.
    pub fn spent_in(&self, index: usize) -> &Allocation {
        &self.placed[index].spent_in
    }

    /// Spends line `index` in `spent_in`. The allocation must use the project's territories
    /// (the caller checks pins and allowed territories: this is arithmetic, not editing).
    pub fn place(&mut self, index: usize, spent_in: Allocation) {
        let was = &self.placed[index];
        if was.spent_in == spent_in {
            return;
        }
        let now = Placement {
            spent_in,
            ..was.clone()
        };
        self.ledger.replace(self.project, index, was, &now);
        self.placed[index] = now;
    }

    /// The assessment of the scenario with the lines as placed now, every figure as
    /// `engine::assess` gives it but without the programs' arithmetic step by step.
    pub fn assess(&self) -> Assessment {
        assess_ledger(self.project, self.scenario, self.rules, &self.ledger, false)
    }

    /// As `assess`, with every explanation.
    pub fn assess_explained(&self) -> Assessment {
        assess_ledger(self.project, self.scenario, self.rules, &self.ledger, true)
    }

    /// The scenario with the lines as placed now, named `name`: the starting scenario's
    /// overrides, with `spent_in` set wherever a line is no longer where the budget has it.
    pub fn scenario(&self, name: &str) -> Scenario {
        let mut out = self.scenario.clone();
        out.name = name.to_string();
        for (index, line) in self.project.lines().iter().enumerate() {
            let now = &self.placed[index].spent_in;
            let entry = out.overrides.entry(line.id.clone()).or_default();
            entry.spent_in = (now != &line.spent_in).then(|| now.clone());
            if entry.is_empty() {
                out.overrides.remove(&line.id);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::assess;
    use crate::model::LineOverride;

    #[test]
    fn re_placing_lines_gives_exactly_what_a_full_assessment_gives() {
        let project = crate::model::fixture();
        let rules = RuleBook::embedded().expect("rules");
        let base = &project.scenarios()[0];
        let mut e = Evaluator::new(&project, base, &rules);
        assert_eq!(e.assess_explained(), assess(&project, base, &rules));
        // Move every movable line, one by one, to each territory it may go to, and compare
        // with a full assessment of the same placements each time.
        let territories = project.territories().to_vec();
        for (index, line) in project.lines().iter().enumerate() {
            for t in territories.iter().filter(|t| line.may_move_to(t).is_ok()) {
                e.place(index, Allocation::at(t.clone()));
                let s = e.scenario(&base.name);
                let full = assess(&project, &s, &rules);
                assert_eq!(e.assess_explained(), full, "line {}", line.id);
                // Without explanations, only the programs' steps differ.
                let mut quiet = full.clone();
                quiet.programs.iter_mut().for_each(|p| p.steps.clear());
                assert_eq!(e.assess(), quiet, "line {}", line.id);
            }
        }
        let mut moved = e.scenario("Moved");
        // Putting every line back gives the starting scenario again.
        for (index, line) in project.lines().iter().enumerate() {
            let start = base
                .overrides
                .get(&line.id)
                .and_then(|o| o.spent_in.clone())
                .unwrap_or_else(|| line.spent_in.clone());
            e.place(index, start);
        }
        assert_eq!(e.assess_explained(), assess(&project, base, &rules));
        assert_eq!(e.scenario(&base.name), *base);
        moved
            .overrides
            .retain(|_, o: &mut LineOverride| o.spent_in.is_some());
        assert!(!moved.overrides.is_empty());
    }
}
