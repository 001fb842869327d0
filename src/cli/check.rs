//! `coprod check`: a short verdict and one line per failure, with the exit code as contract.

use super::exit;
use crate::engine::assess;
use crate::store;
use std::io::Write;
use std::path::Path;

pub fn run_check(
    path: &Path,
    scenario: Option<&str>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    super::finish(check(path, scenario, out), err)
}

fn check(path: &Path, scenario: Option<&str>, out: &mut dyn Write) -> super::Outcome {
    let rules = super::rule_book().map_err(|e| e.to_string())?;
    let doc = store::load(path).map_err(|e| e.to_string())?;
    let scenario = doc
        .project
        .scenario_or_first(scenario)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let a = assess(&doc.project, scenario, &rules);
    let failures = a.failures();
    let cur = a.currency;
    let money = |x| crate::model::format_money_dp(x, cur, 0);
    let _ = writeln!(
        out,
        "{} [{}]: budget {}, incentives {} net, gap {}, treaty {}",
        a.project,
        a.scenario,
        money(a.budget_total),
        money(a.incentives_net),
        money(a.gap),
        crate::report::verdict_label(a.treaty.verdict)
    );
    for f in &failures {
        let _ = writeln!(out, "FAIL {f}");
    }
    for n in &a.notes {
        let _ = writeln!(out, "note: {n}");
    }
    let unmet = a.unmet_goals().count();
    if !a.goals.is_empty() {
        let _ = writeln!(
            out,
            "goals: {} of {} met",
            a.goals.len() - unmet,
            a.goals.len()
        );
        for g in &a.goals {
            let mark = if g.met { "met    " } else { "NOT MET" };
            let _ = writeln!(out, "  {mark} {}: {}", g.label, g.message);
        }
    }
    match (failures.is_empty(), unmet) {
        (true, 0) => {
            let _ = writeln!(out, "ok: every check passes");
            Ok(exit::OK)
        }
        (true, _) => {
            let what = if unmet == 1 {
                "1 goal is".to_string()
            } else {
                format!("{unmet} goals are")
            };
            let _ = writeln!(out, "every check passes, but {what} not met");
            Ok(exit::CHECK_FAILED)
        }
        _ => Ok(exit::CHECK_FAILED),
    }
}
