//! At `urgent` and `emergency` (issue 9) the result does not present the common causes as
//! the explanation of the pain: it says a serious cause must be ruled out first, and lists
//! any causes for the clinician under a heading that says so. `self_care` and `soon`
//! results are as before.

mod common;

use backscreen::answers::{AnswerValue, Answers};
use backscreen::engine::{Outcome, evaluate};
use backscreen::render::{chart, text};
use backscreen::rules::{self, Level, Rules};
use common::{backscreen, fixture};

use AnswerValue::{Bool, Choice, Number};

const TITLE: &str = "A serious cause must be ruled out first";
const HEADING: &str = "For your clinician: other patterns in your answers (not an explanation while a serious cause is being ruled out)";
const MESSAGE: &str = "Your answers include a warning sign. Until a clinician has checked it, no common cause is \
                       offered here as the explanation of your pain.";

fn minimal() -> Rules {
    let text = std::fs::read_to_string(fixture("fixtures/rules/minimal.json")).expect("fixture exists");
    rules::parse(&text, "minimal.json").expect("the minimal fixture is valid")
}

/// Answers in the minimal rules at each level, each with `sitting` evidence (a cause).
fn at(level: Level) -> Vec<(&'static str, AnswerValue)> {
    let mut a = vec![("sitting", Number(8)), ("sports", AnswerValue::Choices(vec!["neither".into()]))];
    a.extend(match level {
        Level::Emergency => vec![("saddle", Bool(true))],
        Level::Urgent => vec![("saddle", Bool(false)), ("weak", Choice("one".into())), ("worse", Bool(true))],
        Level::Soon => vec![
            ("saddle", Bool(false)),
            ("weak", Choice("none".into())),
            ("age", Number(60)),
            ("pain", Number(8)),
        ],
        Level::SelfCare => {
            vec![
                ("saddle", Bool(false)),
                ("weak", Choice("none".into())),
                ("age", Number(30)),
                ("pain", Number(3)),
            ]
        }
    });
    a
}

fn answers(pairs: &[(&str, AnswerValue)]) -> Answers {
    pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

fn outcome(level: Level) -> Outcome {
    let o = evaluate(&minimal(), &answers(&at(level)));
    assert_eq!(o.triage.level, level, "the answers give the level they are for");
    o
}

fn text_of(o: &Outcome) -> String {
    colored::control::set_override(false);
    let mut out = Vec::new();
    text::write(&mut out, o, None).expect("write to a Vec");
    String::from_utf8(out).expect("utf-8")
}

fn summary_of(o: &Outcome) -> String {
    colored::control::set_override(false);
    let mut out = Vec::new();
    text::summary(&mut out, o, None).expect("write to a Vec");
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn at_urgent_and_emergency_the_text_says_a_serious_cause_comes_first_and_lists_causes_for_the_clinician() {
    for level in [Level::Urgent, Level::Emergency] {
        let o = outcome(level);
        let out = text_of(&o);
        assert!(
            !out.contains("What your answers point to"),
            "{level:?}: no cause as the explanation:\n{out}"
        );
        assert!(!out.contains("Sitting long loads the back."), "{level:?}: no cause's explanation:\n{out}");
        let at =
            |needle: &str| out.find(needle).unwrap_or_else(|| panic!("{level:?}: no `{needle}` in:\n{out}"));
        let order = [
            at(&o.triage.red_flags[0].message),
            at(TITLE),
            at(MESSAGE),
            at(HEADING),
            at("Prolonged sitting (score 2)"),
            at("You sit 6 or more hours a day."),
            at("ART not suggested now"),
        ];
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{level:?}: out of order:\n{out}");
    }
}

#[test]
fn at_self_care_and_soon_the_text_is_as_before() {
    for level in [Level::SelfCare, Level::Soon] {
        let out = text_of(&outcome(level));
        assert!(
            out.contains("What your answers point to\n  1. Prolonged sitting (score 2)\n"),
            "{level:?}:\n{out}"
        );
        assert!(out.contains("     Sitting long loads the back.\n"), "{level:?}:\n{out}");
        assert!(!out.contains("serious cause"), "{level:?}:\n{out}");
    }
}

#[test]
fn with_no_cause_the_text_still_says_a_serious_cause_comes_first_but_lists_nothing() {
    let o = evaluate(&minimal(), &answers(&[("saddle", Bool(true))]));
    assert!(o.causes.is_empty());
    let out = text_of(&o);
    assert!(out.contains(TITLE) && out.contains(MESSAGE), "{out}");
    assert!(!out.contains("For your clinician"), "no heading over an empty list:\n{out}");
}

#[test]
fn the_summary_names_no_cause_at_urgent_and_emergency() {
    for level in [Level::Urgent, Level::Emergency] {
        let summary = summary_of(&outcome(level));
        assert!(!summary.contains("Points to:"), "{level:?}:\n{summary}");
        assert!(summary.contains(&format!("{TITLE}.")), "{level:?}:\n{summary}");
    }
    let summary = summary_of(&outcome(Level::Soon));
    assert!(summary.contains("Points to: Prolonged sitting"), "{summary}");
}

#[test]
fn the_cause_chart_is_left_out_at_urgent_and_emergency() {
    colored::control::set_override(false);
    for (level, drawn) in
        [(Level::Emergency, false), (Level::Urgent, false), (Level::Soon, true), (Level::SelfCare, true)]
    {
        let mut out = Vec::new();
        chart::write(&mut out, &outcome(level), None).expect("write to a Vec");
        assert_eq!(!out.is_empty(), drawn, "{level:?}");
    }
}

#[test]
fn json_adds_serious_cause_first_at_urgent_and_emergency_and_keeps_the_causes() {
    for (level, present) in
        [(Level::Emergency, true), (Level::Urgent, true), (Level::Soon, false), (Level::SelfCare, false)]
    {
        let v = serde_json::to_value(outcome(level)).expect("an outcome serialises");
        assert_eq!(v["causes"][0]["id"], "sitting", "{level:?}: `causes` stays for JSON readers");
        let first = v.as_object().expect("an object").get("serious_cause_first");
        assert_eq!(first.is_some(), present, "{level:?}: {v}");
        if let Some(first) = first {
            assert_eq!(first["title"], TITLE);
            assert_eq!(first["message"], MESSAGE);
            assert_eq!(first["causes_heading"], HEADING);
        }
    }
}

#[test]
fn an_emergency_vignette_evaluated_by_the_binary_says_it_in_text_and_json() {
    let path = fixture("vignettes/p13.json");
    let path = path.to_str().expect("utf-8 path");
    let json = backscreen(&["evaluate", "--format", "json", path], "");
    json.assert_ok();
    let v = json.json();
    assert_eq!(v["triage"]["level"], "emergency");
    assert_eq!(v["serious_cause_first"]["causes_heading"], HEADING);
    let run = backscreen(&["evaluate", "--color", "never", path], "");
    run.assert_ok();
    let words = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains(TITLE) && words.contains(MESSAGE), "{}", run.stdout);
    assert!(!words.contains("What your answers point to"), "{}", run.stdout);
}

#[test]
fn the_fhir_risk_assessment_notes_that_a_serious_cause_comes_first() {
    let note = |name: &str| -> Vec<String> {
        let path = fixture(&format!("vignettes/{name}.json"));
        let run = backscreen(&["evaluate", "--format", "fhir", path.to_str().expect("utf-8 path")], "");
        run.assert_ok();
        let v = run.json();
        let assessment = v["contained"]
            .as_array()
            .expect("contained resources")
            .iter()
            .find(|r| r["resourceType"] == "RiskAssessment")
            .expect("a RiskAssessment")
            .clone();
        assessment["note"]
            .as_array()
            .expect("notes")
            .iter()
            .map(|n| n["text"].as_str().unwrap_or("").into())
            .collect()
    };
    let expected = format!("{TITLE}. {MESSAGE}");
    assert!(note("p13").contains(&expected), "{:?}", note("p13"));
    assert!(!note("p01").contains(&expected));
}
