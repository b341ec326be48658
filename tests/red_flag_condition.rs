//! The `red_flag` condition (issue 9): a recommendation can be ruled out by a red flag,
//! whatever its level, e.g. a soon-level red flag that suggests a fracture rules ART out.
//! Allowed in `recommendations` only, and only naming a red flag that exists.

#[path = "support/outlook_check.rs"]
mod outlook_check;
use backscreen::answers::{AnswerValue, Answers};
use backscreen::condition::Truth;
use backscreen::decision::decide;
use backscreen::engine::evaluate;
use backscreen::outlook::{dependencies, outlook};
use backscreen::rules::{self, Level, Rules, RulesError};

use AnswerValue::{Bool, NotSure, Number};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rules/red-flag-condition.json");

fn text() -> String {
    std::fs::read_to_string(FIXTURE).expect("fixture exists")
}

fn fixture() -> Rules {
    rules::parse(&text(), "red-flag-condition.json").expect("the red_flag fixture is valid")
}

fn answers(pairs: &[(&str, AnswerValue)]) -> Answers {
    pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

/// The problems a rules text is refused with, one line each.
#[track_caller]
fn refused(text: &str) -> Vec<String> {
    match rules::parse(text, "broken.json") {
        Ok(_) => panic!("the broken rules were accepted"),
        Err(RulesError::Invalid { problems, .. }) => {
            problems.iter().map(|p| format!("{}: {}", p.path, p.message)).collect()
        }
        Err(e) => panic!("refused, but not as invalid rules: {e}"),
    }
}

#[track_caller]
fn assert_refused_at(text: &str, path: &str, message: &str) {
    let problems = refused(text);
    assert!(
        problems.iter().any(|p| p.starts_with(&format!("{path}: ")) && p.contains(message)),
        "expected `{path}: ...{message}...` among {problems:?}"
    );
}

const NOT_IF: &str = r#"{ "red_flag": "stress_fracture" }"#;

#[test]
fn a_soon_red_flag_that_fires_rules_art_out_with_its_reason() {
    let rules = fixture();
    let o = evaluate(
        &rules,
        &answers(&[
            ("saddle", Bool(false)),
            ("runner", Bool(false)),
            ("steroids", Bool(true)),
            ("sitting", Number(8)),
        ]),
    );
    assert_eq!(o.triage.level, Level::Soon, "below ART's `not_at_or_above`: the level alone would allow it");
    assert!(!o.art.may_fit, "{:?}", o.art);
    assert_eq!(
        o.art.reasons_against,
        ["A possible stress fracture must be checked before any hands-on work."]
    );
    assert!(o.rehab.may_fit, "the red_flag condition is ART's only; rehab is untouched");
}

#[test]
fn art_may_fit_when_the_red_flag_is_ruled_out() {
    let rules = fixture();
    let o = evaluate(
        &rules,
        &answers(&[
            ("saddle", Bool(false)),
            ("runner", Bool(true)),
            ("worse_on_impact", Bool(false)),
            ("steroids", Bool(false)),
            ("sitting", Number(8)),
        ]),
    );
    assert_eq!(o.triage.level, Level::SelfCare);
    assert!(o.art.may_fit, "{:?}", o.art);
    assert!(o.art.reasons_against.is_empty());
}

#[test]
fn a_red_flag_left_open_keeps_art_off_and_names_the_questions_behind_it() {
    let rules = fixture();
    // `steroids` not sure and `worse_on_impact` not answered: the flag is open (unknown).
    let given = answers(&[
        ("saddle", Bool(false)),
        ("runner", Bool(true)),
        ("steroids", NotSure),
        ("sitting", Number(8)),
    ]);
    let d = decide(&rules, &given);
    assert_eq!(d.flags[1], Truth::Unknown);
    assert_eq!(d.art.against, [Truth::Unknown], "the condition takes the flag's own three-valued truth");
    let o = evaluate(&rules, &given);
    assert!(!o.art.may_fit, "an open red flag never lets ART through: {:?}", o.art);
    assert_eq!(
        o.art.reasons_against,
        [
            "Not sure: \u{201c}Have you taken steroid tablets for months?\u{201d}",
            "Not yet answered: \u{201c}Does landing or running make the pain sharply worse?\u{201d}",
        ]
    );
}

#[test]
fn the_outlook_gives_the_flags_possible_values_to_the_recommendation() {
    let rules = fixture();
    let open = outlook(&rules, &answers(&[("saddle", Bool(false)), ("sitting", Number(8))]));
    assert!(open.art.can_fit && open.art.can_not_fit, "the flag is still open, so ART is: {:?}", open.art);
    let fired = outlook(
        &rules,
        &answers(&[("saddle", Bool(false)), ("steroids", Bool(true)), ("sitting", Number(8))]),
    );
    assert!(!fired.art.can_fit, "the flag has fired: ART cannot fit however the rest is answered");
    let ruled_out = outlook(
        &rules,
        &answers(&[
            ("saddle", Bool(false)),
            ("runner", Bool(false)),
            ("steroids", Bool(false)),
            ("sitting", Number(8)),
        ]),
    );
    assert!(ruled_out.art.can_fit && !ruled_out.art.can_not_fit, "{:?}", ruled_out.art);
    assert!(ruled_out.settled(), "nothing left to ask");
}

#[test]
fn arts_dependencies_include_the_questions_the_red_flag_reads() {
    let rules = fixture();
    let deps = dependencies(&rules);
    let on: Vec<&str> =
        rules.questions.iter().zip(&deps.art).filter(|(_, on)| **on).map(|(q, _)| q.id.as_str()).collect();
    assert_eq!(on, ["runner", "worse_on_impact", "steroids", "sitting"]);
    assert!(
        !deps.rehab[rules.question_index("steroids").expect("steroids")],
        "rehab does not look at the flag"
    );
}

#[test]
fn the_outlook_is_sound_with_a_red_flag_in_a_recommendation() {
    outlook_check::assert_sound(&fixture());
}

#[test]
fn the_interview_asks_what_decides_the_red_flag_before_it_stops() {
    let rules = fixture();
    // The flag fires on the drill-down; the interview must reach it to settle ART.
    let complete = answers(&[
        ("saddle", Bool(false)),
        ("runner", Bool(true)),
        ("worse_on_impact", Bool(true)),
        ("steroids", Bool(false)),
        ("sitting", Number(8)),
    ]);
    let session = backscreen::interview::replay::replay(&rules, &complete, None, None).expect("a replay");
    assert_eq!(decide(&rules, &session.answers).verdict(), decide(&rules, &complete).verdict());
    assert!(session.answers.contains_key("worse_on_impact"), "{:?}", session.prompts);
}

#[test]
fn a_red_flag_condition_outside_recommendations_is_refused_with_its_path() {
    let t = text();
    // In a red flag.
    let in_flag = t.replace(
        r#""when": { "answer": "saddle", "equals": true }, "message""#,
        &format!(r#""when": {{ "any": [ {{ "answer": "saddle", "equals": true }}, {NOT_IF} ] }}, "message""#),
    );
    assert_refused_at(&in_flag, "red_flags[0].when.any[1].red_flag", "can only be used in `recommendations`");
    // In cause evidence.
    let in_evidence =
        t.replace(r#""when": { "answer": "sitting", "at_least": 6 }"#, &format!(r#""when": {NOT_IF}"#));
    assert_refused_at(
        &in_evidence,
        "causes[0].evidence[0].when.red_flag",
        "can only be used in `recommendations`",
    );
    // In skip logic.
    let in_ask_if =
        t.replace(r#""ask_if": { "answer": "runner", "equals": true }"#, &format!(r#""ask_if": {NOT_IF}"#));
    assert_refused_at(&in_ask_if, "questions[2].ask_if.red_flag", "can only be used in `recommendations`");
    // In a score.
    let in_score = t.replace(
        r#""scores": []"#,
        &format!(r#""scores": [ {{ "id": "s", "name": "S", "items": [ {{ "when": {{ "not": {NOT_IF} }}, "points": 1 }} ] }} ]"#),
    );
    assert_refused_at(
        &in_score,
        "scores[0].items[0].when.not.red_flag",
        "can only be used in `recommendations`",
    );
}

#[test]
fn a_red_flag_condition_naming_no_red_flag_is_refused() {
    let t = text().replace(r#"{ "red_flag": "stress_fracture" }"#, r#"{ "red_flag": "stress_fractur" }"#);
    assert_refused_at(
        &t,
        "recommendations.art.not_if[0].when.red_flag",
        "no red flag has the id `stress_fractur`",
    );
}

#[test]
fn a_red_flag_condition_takes_one_id_and_nothing_else() {
    let extra = text().replace(
        r#"{ "red_flag": "stress_fracture" }"#,
        r#"{ "red_flag": "stress_fracture", "at_least": 1 }"#,
    );
    assert_refused_at(&extra, "recommendations.art.not_if[0].when.at_least", "unknown field `at_least`");
    let not_an_id = text().replace(r#"{ "red_flag": "stress_fracture" }"#, r#"{ "red_flag": true }"#);
    assert_refused_at(&not_an_id, "recommendations.art.not_if[0].when.red_flag", "found true");
}

#[test]
fn a_red_flag_condition_is_allowed_in_fits_if_too() {
    let t = text().replace(
        r#""fits_if": [ { "when": { "answered": "sitting" }"#,
        r#""fits_if": [ { "when": { "not": { "red_flag": "saddle" } }"#,
    );
    let rules = rules::parse(&t, "fits-if.json").expect("red_flag in fits_if is allowed");
    let o = evaluate(&rules, &answers(&[("saddle", Bool(false)), ("sitting", Number(3))]));
    assert!(o.rehab.may_fit, "{:?}", o.rehab);
}
