//! The worst cases of a big rules file: long ask_if chains and loops are checked without
//! recursion (no stack overflow) and in time close to linear, and files past the
//! documented limits are refused with a message that gives the limit.

mod common;

use common::{backscreen, fixture};
use serde_json::{Value, json};

/// The minimal rules with `n` more yes/no questions, each asked only after a yes to the
/// one before it.
fn chain(n: usize) -> Value {
    let mut rules: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("fixtures/rules/minimal.json")).expect("read"))
            .expect("json");
    let questions = rules["questions"].as_array_mut().expect("questions");
    for i in 0..n {
        let mut q =
            json!({ "id": format!("q{i}"), "section": "pain", "type": "yes_no", "text": format!("Q{i}?") });
        if i > 0 {
            q["ask_if"] = json!({ "answer": format!("q{}", i - 1), "equals": true });
        }
        questions.push(q);
    }
    rules
}

fn check(rules: &Value) -> common::Run {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.json");
    std::fs::write(&path, rules.to_string()).expect("write");
    backscreen(&["rules", "check", path.to_str().expect("utf-8")], "")
}

#[test]
fn a_chain_of_questions_up_to_the_limit_is_checked_without_overflowing_the_stack() {
    // 8 questions in the fixture, 992 more: 1000 in all, the limit.
    let run = check(&chain(992));
    run.assert_ok();
    assert!(run.stdout.contains("1000 questions"), "{}", run.stdout);
}

#[test]
fn a_loop_closed_around_a_long_chain_is_found_and_named() {
    let mut rules = chain(992);
    // The first question of the chain now waits for the last: a loop through all of them.
    rules["questions"][8]["ask_if"] = json!({ "answer": "q991", "equals": true });
    let run = check(&rules);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("ask_if makes a loop: q0 -> q991 -> q990"),
        "{}",
        &run.stderr[..run.stderr.len().min(400)]
    );
    assert_eq!(run.stderr.lines().count(), 1, "one problem, one line");
}

#[test]
fn a_list_past_the_limit_is_refused_with_the_limit() {
    let run = check(&chain(993));
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("questions: a list here has at most 1000 entries; this one has 1001"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_condition_with_forty_thousand_values_is_refused_at_once() {
    let mut rules = chain(0);
    let values: Vec<Value> = (0..40_000).map(|n| json!(n % 120)).collect();
    rules["red_flags"][0]["when"] = json!({ "answer": "age", "in": values });
    let run = check(&rules);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("`in` lists at most 200 values; this one has 40000"), "{}", run.stderr);
}
