//! `backscreen interview --replay`: the real interview flow answered from a file, with no
//! terminal, for rules authors and clinicians to see what a patient would be asked.

mod common;

use common::{backscreen, fixture};
use serde_json::Value;

fn path(rel: &str) -> String {
    fixture(rel).to_str().expect("utf-8 path").to_string()
}

#[test]
fn replay_as_json_lists_each_prompt_how_it_stopped_and_the_outcome() {
    let run = backscreen(&["interview", "--replay", &path("vignettes/p01.json"), "--format", "json"], "");
    run.assert_ok();
    let doc = run.json();
    let prompts = doc["prompts"].as_array().expect("prompts");
    assert_eq!(
        prompts[0]["questions"],
        serde_json::json!([
            "saddle_numbness",
            "bladder_change",
            "bowel_change",
            "sexual_change",
            "gait_change"
        ]),
        "the cauda equina checklist comes first"
    );
    assert_eq!(doc["stopped"], "decided");
    assert_eq!(doc["outcome"]["triage"]["level"], "self_care");
    assert!(doc["outcome"]["disclaimer"].is_string(), "the same outcome object as evaluate");
}

#[test]
fn replay_needs_no_terminal_and_shows_each_prompt_then_the_result() {
    let run = backscreen(&["interview", "--replay", &path("vignettes/p02.json")], "");
    run.assert_ok();
    assert!(run.stdout.starts_with("\nQuestion 1, at most"), "{}", run.stdout);
    assert!(run.stdout.contains("[x] None of these"));
    assert!(run.stdout.contains("This needs emergency care now"));
    assert!(run.stdout.contains("Stopped: an answer needs emergency care. 3 prompts."));
    assert!(run.stdout.contains("EMERGENCY: get emergency care now"));
}

#[test]
fn a_question_the_file_does_not_answer_is_replayed_as_not_sure() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("a.json");
    std::fs::write(&file, r#"{"answers": {"saddle": false}}"#).expect("write");
    let rules = path("fixtures/rules/minimal.json");
    let run = backscreen(
        &["interview", "--rules", &rules, "--replay", file.to_str().expect("utf-8"), "--format", "json"],
        "",
    );
    run.assert_ok();
    let doc = run.json();
    let open: Vec<&str> = doc["outcome"]["triage"]["open"]
        .as_array()
        .expect("open flags")
        .iter()
        .filter_map(|f| f["id"].as_str())
        .collect();
    assert!(open.contains(&"both_legs"), "`weak` was replayed as not sure: {open:?}");
}

#[test]
fn replay_of_the_answers_it_asked_gives_the_same_outcome_as_evaluate_of_them() {
    for n in 1..=13 {
        let run = backscreen(
            &["interview", "--replay", &path(&format!("vignettes/p{n:02}.json")), "--format", "json"],
            "",
        );
        let doc = run.json();
        let dir = tempfile::tempdir().expect("temp dir");
        let asked = dir.path().join("asked.json");
        // The answers the interview took, from the outcome's own record of the prompts.
        let original: Value = serde_json::from_str(
            &std::fs::read_to_string(fixture(&format!("vignettes/p{n:02}.json"))).expect("read"),
        )
        .expect("json");
        let mut answers = serde_json::Map::new();
        for p in doc["prompts"].as_array().expect("prompts") {
            for q in p["questions"].as_array().expect("questions") {
                let q = q.as_str().expect("id");
                answers
                    .insert(q.into(), original["answers"].get(q).cloned().unwrap_or(Value::from("not_sure")));
            }
        }
        std::fs::write(&asked, serde_json::json!({ "answers": answers }).to_string()).expect("write");
        let evaluated =
            backscreen(&["evaluate", "--format", "json", asked.to_str().expect("utf-8")], "").json();
        assert_eq!(doc["outcome"], evaluated, "p{n:02}");
    }
}

#[test]
fn format_needs_replay_and_replay_excludes_save() {
    let run = backscreen(&["interview", "--format", "json"], "");
    assert_eq!(run.code, 2, "{}", run.stderr);
    let run = backscreen(&["interview", "--replay", &path("vignettes/p01.json"), "--save", "x.json"], "");
    assert_eq!(run.code, 2, "{}", run.stderr);
}
