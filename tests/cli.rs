//! The headless commands, run as a user runs them: exit codes, messages, output formats.

use std::path::Path;
use std::process::{Command, Output};

fn coprod(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coprod"))
        .args(args)
        // Keep the user's own rule files out of the tests.
        .env("XDG_CONFIG_HOME", "/nonexistent-coprod-test")
        .env("HOME", "/nonexistent-coprod-test")
        .output()
        .expect("run coprod")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn new_writes_a_project_that_loads_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("film.ron");
    let f = file.to_str().unwrap();
    let o = coprod(&[
        "new",
        f,
        "--title",
        "Le Dernier Hiver",
        "--currency",
        "EUR",
        "--partners",
        "FR,CA",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let o = coprod(&["report", f]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("Canada–France"), "{}", text(&o));
    // an empty budget is a valid file: check runs, and says what fails, not that it is broken
    assert_ne!(coprod(&["check", f]).status.code(), Some(2));
    let before = std::fs::read_to_string(&file).unwrap();
    let o = coprod(&["new", f, "--title", "Other", "--partners", "GB"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
    let o = coprod(&[
        "new",
        dir.path().join("x.ron").to_str().unwrap(),
        "--title",
        "X",
        "--partners",
        "UK",
    ]);
    assert!(text(&o).contains("not a territory"), "{}", text(&o));
}

#[test]
fn check_exits_two_with_file_line_and_column_on_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.ron");
    std::fs::write(&file, "(\n    version: 1,\n    title: \"x\",\n    currency: \"EUR\",\n    territories: [\"FR\"],\n    oops: 1,\n)").unwrap();
    let o = coprod(&["check", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let msg = text(&o);
    assert!(msg.contains("bad.ron:6:"), "{msg}");
    assert!(msg.contains("unknown field `oops`"), "{msg}");
    let o = coprod(&["check", dir.path().join("missing.ron").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("cannot read the file"));
}

#[test]
fn report_json_is_the_documented_contract() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-projects/ca-fr-feature.ron");
    let o = coprod(&["report", sample.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    for key in [
        "project",
        "scenario",
        "currency",
        "budget_total",
        "territories",
        "partners",
        "programs",
        "treaty",
        "financing_total",
        "gap",
        "net_cost",
    ] {
        assert!(v.get(key).is_some(), "missing top-level key {key}");
    }
    assert_eq!(v["report_version"], 1);
    // decimals are strings
    assert!(v["budget_total"].is_string());
    assert!(v["partners"][0]["share"].is_string());
    assert!(
        v["programs"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["gross"].is_string())
    );
}

#[test]
fn report_formats_and_unknown_scenario() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-projects/ca-fr-feature.ron");
    let s = sample.to_str().unwrap();
    let md = coprod(&["report", s, "--format", "md"]);
    assert!(String::from_utf8_lossy(&md.stdout).contains("## Partners"));
    let csv = coprod(&["report", s, "--format", "csv"]);
    assert!(String::from_utf8_lossy(&csv.stdout).starts_with("section,item,measure,value\n"));
    let o = coprod(&["report", s, "--scenario", "No such scenario"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("there is no scenario \"No such scenario\""));
}

#[test]
fn rules_list_show_and_check() {
    let o = coprod(&["rules", "list", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let entries = v.as_array().unwrap();
    assert!(entries.len() >= 20);
    for e in entries {
        for key in [
            "id",
            "kind",
            "name",
            "territory",
            "source",
            "valid_from",
            "confidence",
        ] {
            assert!(e[key].is_string(), "{key} in {e}");
        }
    }
    let o = coprod(&["rules", "show", "ie-s481"]);
    assert!(text(&o).contains("screenireland.ie"), "{}", text(&o));
    let o = coprod(&["rules", "show", "nope"]);
    assert_eq!(o.status.code(), Some(2));

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.ron");
    std::fs::write(&file, "(programs: [\n  (id: \"x\", name: \"X\", territory: \"FR\", kind: Grant, currency: \"EUR\",\n   basis: AllSpend, rate: Flat(\"thirty\"), source: \"s\", valid_from: \"2024-01-01\", confidence: Confirmed),\n])").unwrap();
    let o = coprod(&["rules", "check", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("mine.ron:3:"), "{}", text(&o));
    assert!(text(&o).contains("not an exact decimal"), "{}", text(&o));
}

#[test]
fn help_gives_examples() {
    let o = coprod(&["--help"]);
    assert!(text(&o).contains("Examples:"));
    let o = coprod(&["check", "--help"]);
    assert!(text(&o).contains("exit 0"), "{}", text(&o));
}

#[test]
fn opening_a_file_that_cannot_be_read_says_so_before_any_screen() {
    let o = coprod(&["/nonexistent/film.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).contains("/nonexistent/film.ron: cannot read the file"),
        "{}",
        text(&o)
    );
    // piped, a good file prints its report instead of the workbench
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-projects/gb-ie-drama.ron");
    let o = coprod(&[sample.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("Spend by territory"));
}

#[test]
fn no_arguments_reports_on_the_bundled_sample() {
    let o = coprod(&[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("Spend by territory"));
}

#[test]
fn rules_check_refuses_figures_out_of_range() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.ron");
    std::fs::write(&file, "(programs: [\n  (id: \"neg\", name: \"X\", territory: \"FR\", kind: Grant, currency: \"EUR\",\n   basis: AllSpend, rate: Flat(\"-5\"), source: \"s\", valid_from: \"2024-01-01\", confidence: Confirmed),\n])").unwrap();
    let o = coprod(&["rules", "check", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).contains("mine.ron:2:") && text(&o).contains("the rate is negative"),
        "{}",
        text(&o)
    );
}

#[test]
fn rules_check_refuses_a_local_coproducer_scope_in_a_treaty() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.ron");
    std::fs::write(&file, "(treaties: [\n  (id: \"x-y\", name: \"X\", kind: Bilateral,\n   parties: [(country: \"FR\", confidence: Confirmed), (country: \"KR\", confidence: Confirmed)],\n   bilateral: (min: \"20\"), applies_to: (local_coproducer: true),\n   source: \"s\", valid_from: \"2024-01-01\", confidence: Confirmed),\n])").unwrap();
    let o = coprod(&["rules", "check", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("mine.ron:2:") && text(&o).contains("`local_coproducer` is for programs"),
        "{}",
        text(&o)
    );
}

#[test]
fn check_lists_every_goal_and_fails_when_one_is_not_met() {
    let sample = "sample-projects/ca-fr-feature.ron";
    let o = coprod(&["check", sample]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("goals: 4 of 4 met"), "{out}");
    assert!(
        out.contains(
            "met     share of Productions Boréales at least 20%: Productions Boréales has 20.75%"
        ),
        "{out}"
    );
    // A goal above the Canadian share: every check passes, but the goal fails the run.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("film.ron");
    let text_in = std::fs::read_to_string(sample).unwrap().replace(
        r#"ShareAtLeast(partner: "ca", share: "20")"#,
        r#"ShareAtLeast(partner: "ca", share: "21")"#,
    );
    std::fs::write(&file, text_in).unwrap();
    let o = coprod(&["check", file.to_str().unwrap()]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("goals: 3 of 4 met"), "{out}");
    assert!(
        out.contains("NOT MET share of Productions Boréales at least 21%: Productions Boréales has 20.75%: 0.25 points short"),
        "{out}"
    );
    assert!(
        out.contains("every check passes, but 1 goal is not met"),
        "{out}"
    );
    // The JSON report carries the goals.
    let o = coprod(&["report", file.to_str().unwrap(), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let goal = &json["goals"][0];
    assert_eq!(goal["met"], false);
    assert_eq!(goal["scope"], "Project");
    assert_eq!(goal["goal"]["ShareAtLeast"]["share"], "21");
    assert_eq!(goal["target"], "≥ 21%");
}

#[test]
fn a_goal_for_a_partner_that_does_not_exist_is_named_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("film.ron");
    let text_in = std::fs::read_to_string("sample-projects/ca-fr-feature.ron")
        .unwrap()
        .replace(
            r#"ShareAtLeast(partner: "ca", share: "20")"#,
            r#"ShareAtLeast(partner: "qc", share: "20")"#,
        );
    std::fs::write(&file, &text_in).unwrap();
    let o = coprod(&["check", file.to_str().unwrap()]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(2), "{out}");
    let line = text_in
        .lines()
        .position(|l| l.contains(r#"partner: "qc""#))
        .unwrap()
        + 1;
    assert!(out.contains(&format!("film.ron:{line}:")), "{out}");
    assert!(out.contains("there is no partner \"qc\""), "{out}");
}

#[test]
fn diff_names_the_moves_and_what_they_did_in_every_format() {
    let sample = "sample-projects/ca-fr-feature.ron";
    let args = |format: &'static str| {
        [
            "diff",
            sample,
            "--from",
            "Financing plan",
            "--to",
            "Post in Quebec",
            "--format",
            format,
        ]
    };
    let o = coprod(&args("table"));
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        out.starts_with("Le Dernier Hiver: \"Financing plan\" → \"Post in Quebec\" (EUR)"),
        "{out}"
    );
    for expected in [
        "3100-01  Editor, Nadia Berkani",
        "moved   FR    CA-QC",
        "France Crédit d'impôt cinéma",
        "Productions Boréales        20.75%       22.43%  +1.68 pts",
        "no check changed",
        "Gap                      €0.00    -€20,097.50  -€20,097.50",
    ] {
        assert!(out.contains(expected), "{expected:?} in\n{out}");
    }
    let o = coprod(&args("md"));
    let out = text(&o);
    assert!(out.starts_with("# Le Dernier Hiver"), "{out}");
    assert!(
        out.contains("| 3100-01 | Editor, Nadia Berkani | moved | FR | CA-QC | €86,710.00 |"),
        "{out}"
    );
    let o = coprod(&args("json"));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["diff_version"], 1);
    assert_eq!(json["lines"].as_array().unwrap().len(), 8);
    assert_eq!(json["lines"][0]["change"]["Moved"]["to"], "CA-QC");
    assert_eq!(json["totals"][2]["label"], "Gap");
    let delta: rust_decimal::Decimal = json["totals"][2]["delta"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(delta, rust_decimal::Decimal::new(-2_009_750, 2));
}

#[test]
fn diff_of_two_versions_of_a_file_compares_the_same_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("film.ron");
    let sample = std::fs::read_to_string("sample-projects/ca-fr-feature.ron").unwrap();
    // The new version spends the VFX supervision in France.
    let line = sample
        .lines()
        .find(|l| l.contains(r#"id: "3300-01""#))
        .unwrap()
        .to_string();
    let moved = line.replace(r#"spent_in: At("CA-QC")"#, r#"spent_in: At("FR")"#);
    assert_ne!(line, moved, "the line is spent in CA-QC");
    std::fs::write(&new, sample.replace(&line, &moved)).unwrap();
    let o = coprod(&[
        "diff",
        "sample-projects/ca-fr-feature.ron",
        new.to_str().unwrap(),
        "--from",
        "Post in Quebec",
    ]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("[Post in Quebec] →"), "{out}");
    assert!(out.contains("film.ron [Post in Quebec]"), "{out}");
    assert!(out.contains("3300-01  VFX supervision"), "{out}");
    assert!(out.contains("moved   CA-QC  FR"), "{out}");
    assert!(!out.contains("What changed in the project"), "{out}");
}

#[test]
fn diff_says_what_is_missing() {
    let o = coprod(&["diff", "sample-projects/ca-fr-feature.ron"]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(out.contains("--to NAME"), "{out}");
    assert!(out.contains("\"Post in Quebec\""), "{out}");
    let o = coprod(&[
        "diff",
        "sample-projects/ca-fr-feature.ron",
        "--to",
        "Nowhere",
    ]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(out.contains("no scenario \"Nowhere\""), "{out}");
}

#[test]
fn diff_works_as_a_git_difftool() {
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let o = Command::new("git")
            .args(["-c", "user.email=t@example.org", "-c", "user.name=t"])
            .args(args)
            .current_dir(dir.path())
            .env("XDG_CONFIG_HOME", "/nonexistent-coprod-test")
            .env("HOME", dir.path())
            .output()
            .expect("run git");
        assert!(o.status.success(), "git {args:?}: {}", text(&o));
        o
    };
    let sample = std::fs::read_to_string("sample-projects/ca-fr-feature.ron").unwrap();
    let file = dir.path().join("film.ron");
    std::fs::write(&file, &sample).unwrap();
    git(&["init", "-q"]);
    git(&["add", "film.ron"]);
    git(&["commit", "-qm", "plan"]);
    let line = sample
        .lines()
        .find(|l| l.contains(r#"id: "3300-01""#))
        .unwrap();
    let moved = line.replace(r#"At("CA-QC")"#, r#"At("FR")"#);
    std::fs::write(&file, sample.replace(line, &moved)).unwrap();
    git(&["commit", "-qam", "VFX supervision to Paris"]);
    let tool = format!(
        "'{}' diff \"$LOCAL\" \"$REMOTE\"",
        env!("CARGO_BIN_EXE_coprod")
    );
    git(&["config", "difftool.coprod.cmd", &tool]);
    let o = git(&[
        "difftool",
        "--tool=coprod",
        "--no-prompt",
        "HEAD~1",
        "--",
        "film.ron",
    ]);
    let out = text(&o);
    assert!(
        out.contains("What changed in the budget (1 change)"),
        "{out}"
    );
    assert!(out.contains("3300-01  VFX supervision"), "{out}");
    assert!(out.contains("moved   CA-QC  FR"), "{out}");
    assert!(out.contains("financing gap closed"), "{out}");
}

#[test]
fn optimise_adds_a_scenario_that_passes_check_and_refuses_to_overwrite_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("film.ron");
    std::fs::copy("sample-projects/ca-fr-feature.ron", &file).unwrap();
    let f = file.to_str().unwrap();
    let before = std::fs::read_to_string(&file).unwrap();
    // A dry run prints the plan and leaves the file alone.
    let o = coprod(&["optimise", f, "--dry-run"]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("Method: local search over the"), "{out}");
    assert!(out.contains("an upper bound"), "{out}");
    assert!(out.contains("Dry run: the file is unchanged."), "{out}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
    // For real: a new scenario, the old file kept as .bak, the comment header kept.
    let o = coprod(&["optimise", f, "--into", "Optimised"]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("Written to"), "{out}");
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(
        after.starts_with("// Le Dernier Hiver"),
        "the header is kept"
    );
    assert!(after.contains("name: \"Optimised\""));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("film.ron.bak")).unwrap(),
        before
    );
    let o = coprod(&["check", f, "--scenario", "Optimised"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    // The JSON plan agrees with the report of the written scenario.
    let o = coprod(&[
        "optimise",
        f,
        "--into",
        "Optimised",
        "--dry-run",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["feasible"], true);
    let o = coprod(&["report", f, "--scenario", "Optimised", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let dec = |v: &serde_json::Value| {
        v.as_str()
            .unwrap()
            .parse::<rust_decimal::Decimal>()
            .unwrap()
    };
    assert_eq!(
        dec(&json["incentives_after"]),
        dec(&report["incentives_net"])
    );
    // A second run does not overwrite the scenario unless told to.
    let o = coprod(&["optimise", f, "--into", "Optimised"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("--replace"), "{}", text(&o));
}

#[test]
fn optimise_says_when_nothing_meets_the_constraints_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("film.ron");
    let text_in = std::fs::read_to_string("sample-projects/ca-fr-feature.ron")
        .unwrap()
        .replace(
            r#"ShareAtLeast(partner: "ca", share: "20")"#,
            r#"ShareAtLeast(partner: "ca", share: "95")"#,
        );
    std::fs::write(&file, &text_in).unwrap();
    let o = coprod(&["optimise", file.to_str().unwrap()]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("NOT FEASIBLE"), "{out}");
    assert!(
        out.contains("share of Productions Boréales at least 95%"),
        "{out}"
    );
    assert!(out.contains("Nothing was written"), "{out}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text_in);
}
