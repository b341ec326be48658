//! FHIR both ways: a QuestionnaireResponse (backscreen's own, or a form filler's) is read
//! back as the answers it holds, with the same result as the answers file it came from;
//! a response to another form, with a foreign item or a wrong answer type, is refused
//! naming the item.

mod common;
#[cfg(unix)]
#[path = "support/pty.rs"]
mod pty;

use backscreen::{answers, engine, fhir, rules};
use common::{backscreen, fixture};
use serde_json::{Value, json};

fn vignettes() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(fixture("vignettes"))
        .expect("vignettes")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.file_name().is_some_and(|n| n != "expected.json"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_vignettes_response_reads_back_to_the_same_answers_and_result() {
    let rules = rules::load(None).expect("built-in rules");
    let files = vignettes();
    assert!(files.len() >= 37);
    for path in files {
        let file = answers::load(&path, &rules).expect("vignette");
        let outcome = engine::evaluate(&rules, &file.answers);
        let response = fhir::questionnaire_response(&rules, &file, &outcome, "2026-01-01T00:00:00Z", None);
        let back =
            answers::from_value(response, &rules).unwrap_or_else(|p| panic!("{}: {:?}", path.display(), p));
        assert_eq!(back.answers, file.answers, "{}: the same answers", path.display());
        assert_eq!(engine::evaluate(&rules, &back.answers), outcome, "{}: the same result", path.display());
    }
}

#[test]
fn evaluate_reads_a_response_written_by_evaluate_and_gives_the_same_result() {
    let vignette = fixture("vignettes/p05.json");
    let direct = backscreen(&["evaluate", "--format", "json", vignette.to_str().expect("utf-8")], "");
    direct.assert_ok();
    let response = backscreen(&["evaluate", "--format", "fhir", vignette.to_str().expect("utf-8")], "");
    response.assert_ok();
    let back = backscreen(&["evaluate", "--format", "json", "-"], &response.stdout);
    back.assert_ok();
    assert_eq!(back.json(), direct.json());
}

/// The response to `p01`, as JSON, to change.
fn response() -> Value {
    let rules = rules::load(None).expect("built-in rules");
    let file = answers::load(&fixture("vignettes/p01.json"), &rules).expect("vignette");
    let outcome = engine::evaluate(&rules, &file.answers);
    fhir::questionnaire_response(&rules, &file, &outcome, "2026-01-01T00:00:00Z", None)
}

fn evaluate(response: &Value) -> common::Run {
    backscreen(&["evaluate", "-"], &response.to_string())
}

#[test]
fn a_response_with_a_foreign_item_is_refused_naming_the_item() {
    let mut r = response();
    let group = r["item"][0]["item"].as_array_mut().expect("items");
    group.push(json!({ "linkId": "favourite_colour", "answer": [{ "valueString": "blue" }] }));
    let n = group.len() - 1;
    let run = evaluate(&r);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(&format!(
            "item[0].item[{n}]: item `favourite_colour` is not in backscreen's questionnaire"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn a_response_with_a_wrong_answer_type_is_refused_naming_the_item() {
    let mut r = response();
    let first = find(&mut r, "saddle_numbness").expect("p01 answers the first question");
    first["answer"] = json!([{ "valueString": "no" }]);
    let run = evaluate(&r);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "item[0].item[0].item[0].answer[0]: question `saddle_numbness` is a yes/no question: \
             expected valueBoolean, found `valueString`"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_response_to_another_questionnaire_is_refused() {
    let mut r = response();
    r["questionnaire"] = json!("http://example.org/Questionnaire/phq-9|1.0");
    let run = evaluate(&r);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("this response answers the questionnaire `http://example.org/Questionnaire/phq-9|1.0`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_choice_that_is_not_the_questions_is_refused() {
    let mut r = response();
    let item = find(&mut r, "activities").expect("p01 answers activities");
    item["answer"][0]["valueCoding"]["code"] = json!("skydiving");
    let run = evaluate(&r);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("`skydiving` is not a choice of `activities`"), "{}", run.stderr);
}

#[test]
fn a_form_fillers_minimal_response_is_read_and_unanswered_questions_stay_unanswered() {
    // What an SDC form filler sends: no text, no result, groups as in the Questionnaire.
    let r = json!({
        "resourceType": "QuestionnaireResponse",
        "questionnaire": "http://backscreen.invalid/fhir/Questionnaire/low-back",
        "status": "in-progress",
        "item": [{ "linkId": "section:red_flags", "item": [
            { "linkId": "saddle_numbness", "answer": [{ "valueBoolean": true }] }
        ]}]
    });
    let run = backscreen(&["evaluate", "--format", "json", "-"], &r.to_string());
    run.assert_ok();
    assert_eq!(run.json()["triage"]["level"], "emergency");
}

#[test]
fn a_not_sure_answer_goes_out_as_an_extension_and_comes_back() {
    let rules = rules::load(None).expect("built-in rules");
    let text = r#"{"answers": {"saddle_numbness": "not_sure"}}"#;
    let file = answers::parse(text, "t.json", &rules).expect("answers");
    let outcome = engine::evaluate(&rules, &file.answers);
    let response = fhir::questionnaire_response(&rules, &file, &outcome, "2026-01-01T00:00:00Z", None);
    let s = response.to_string();
    assert!(s.contains(fhir::NOT_SURE_EXTENSION), "{s}");
    let back = answers::from_value(response, &rules).expect("reads back");
    assert_eq!(back.answers, file.answers);
}

#[test]
fn another_fhir_resource_is_not_taken_for_answers() {
    let run = evaluate(&json!({ "resourceType": "Patient", "id": "x" }));
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("a FHIR `Patient` is not an answers file"), "{}", run.stderr);
}

fn find<'a>(v: &'a mut Value, link_id: &str) -> Option<&'a mut Value> {
    if v.get("linkId").and_then(Value::as_str) == Some(link_id) {
        return Some(v);
    }
    v.get_mut("item")?.as_array_mut()?.iter_mut().find_map(|i| find(i, link_id))
}

/// `--resume` saves the file again as an answers file: a FHIR response given to it would be
/// replaced, losing the response and its result. It is refused and left as it was.
#[cfg(unix)]
#[test]
fn resuming_a_fhir_response_is_refused_and_leaves_the_file_as_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("response.json");
    std::fs::write(&file, response().to_string()).expect("write");
    let before = std::fs::read(&file).expect("read");
    let mut s = pty::spawn(dir.path(), &["--resume", "response.json"], &[]);
    s.expect("a FHIR resource cannot be resumed");
    assert_eq!(s.finish(), 1);
    assert_eq!(std::fs::read(&file).expect("read"), before, "the response is untouched");
}
