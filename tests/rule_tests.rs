//! The rule tests in rules/tests/*.yaml, run by `cargo test` as well as `gongfu rules test`.

use gongfu::ruletest;
use gongfu::workspace::Workspace;

#[test]
fn every_rule_test_passes() {
    let ws = Workspace::open(None, None).unwrap();
    let files = ws.rules_source.list("tests").unwrap();
    assert!(!files.is_empty(), "no rule tests found");
    let outcomes = ruletest::run(&ws, &files).unwrap();
    assert!(outcomes.len() >= 30, "only {} rule tests", outcomes.len());
    let failed: Vec<String> = outcomes
        .iter()
        .filter(|o| !o.problems.is_empty())
        .map(|o| format!("{}: {}: {}", o.file, o.name, o.problems.join("; ")))
        .collect();
    assert!(
        failed.is_empty(),
        "failing rule tests:\n{}",
        failed.join("\n")
    );
}

#[test]
fn a_wrong_expectation_fails() {
    let ws = Workspace::open(None, None).unwrap();
    let file = gongfu::rules::RuleFile {
        shown: "t.yaml".into(),
        text: "cases:\n  - name: wrong value\n    text: 城镇化率达到75%。\n    targets:\n      - {value: 76}\n  - name: missing target\n    text: 加快5G网络建设。\n    targets:\n      - {value: 5}\n".into(),
    };
    let outcomes = ruletest::run(&ws, &[file]).unwrap();
    assert_eq!(
        outcomes[0].problems,
        ["target 1: value: expected 76, got 75"]
    );
    assert_eq!(outcomes[1].problems, ["expected 1 target(s), got 0: "]);
}
