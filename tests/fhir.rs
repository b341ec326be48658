//! The FHIR R4 export: both resources validate against HL7's official schema, their items link up, and
//! `enableWhen` enables a question exactly when backscreen would ask it.

use backscreen::answers::{self, AnswerValue, Answers, AnswersFile};
use backscreen::condition::{Condition, Facts, Range, Test, Truth};
use backscreen::engine;
use backscreen::fhir::{self, ASK_IF_EXTENSION, RESULT_EXTENSION, TRIAGE_LEVEL_SYSTEM};
use backscreen::rules::{self, QuestionKind, Rules};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

fn path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn built_in() -> Rules {
    rules::load(None).expect("the built-in rules are valid")
}

fn skip_logic_rules() -> Rules {
    rules::load(Some(&path("tests/fixtures/fhir/skip-logic.json"))).expect("the skip-logic fixture is valid")
}

fn vignettes() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(path("tests/vignettes"))
        .expect("tests/vignettes exists")
        .map(|e| e.expect("a readable directory entry").path())
        .filter(|p| {
            let name = p.file_name().expect("a file name").to_string_lossy();
            name.len() == 8 && name.starts_with('p') && name.ends_with(".json")
        })
        .collect();
    files.sort();
    assert!(files.len() >= 13, "found only {} vignettes", files.len());
    files
}

fn response_for(rules: &Rules, file: &AnswersFile) -> Value {
    let outcome = engine::evaluate(rules, &file.answers);
    fhir::questionnaire_response(rules, file, &outcome, "2026-01-02T03:04:05Z", None)
}

fn answers_from(rules: &Rules, json: Value) -> AnswersFile {
    answers::from_value(json, rules).expect("answers that fit the rules")
}

/// HL7's schema, compiled once per resource type: the root of the schema is a `oneOf` over every resource,
/// so each validator starts at one definition instead (`contained` resources still go through the `oneOf`).
fn validator(resource: &str) -> &'static jsonschema::Validator {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    static VALIDATORS: OnceLock<HashMap<&'static str, jsonschema::Validator>> = OnceLock::new();
    let validators = VALIDATORS.get_or_init(|| {
        let schema = SCHEMA.get_or_init(|| {
            let text = std::fs::read_to_string(path("tests/fixtures/fhir/fhir.schema.json"))
                .expect("the schema fixture exists");
            serde_json::from_str(&text).expect("the schema is JSON")
        });
        let start = Instant::now();
        let map = ["Questionnaire", "QuestionnaireResponse"]
            .into_iter()
            .map(|r| {
                let wrapper = json!({
                    "$schema": schema["$schema"],
                    "$ref": format!("#/definitions/{r}"),
                    "definitions": schema["definitions"],
                });
                (r, jsonschema::draft6::new(&wrapper).expect("the FHIR schema compiles"))
            })
            .collect();
        eprintln!("compiled the FHIR schema twice in {:?}", start.elapsed());
        map
    });
    &validators[resource]
}

#[track_caller]
fn assert_valid(resource: &Value) {
    let kind = resource["resourceType"].as_str().expect("a resourceType");
    let errors: Vec<String> =
        validator(kind).iter_errors(resource).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{kind} does not fit the FHIR R4 schema:\n{}", errors.join("\n"));
}

/// Every item in document order (depth first), with the linkIds of its ancestors.
fn items(resource: &Value) -> Vec<(Vec<String>, &Value)> {
    fn walk<'a>(list: &'a Value, parents: &[String], out: &mut Vec<(Vec<String>, &'a Value)>) {
        for item in list.as_array().into_iter().flatten() {
            out.push((parents.to_vec(), item));
            let mut path = parents.to_vec();
            path.push(item["linkId"].as_str().expect("every item has a linkId").to_string());
            walk(&item["item"], &path, out);
        }
    }
    let mut out = Vec::new();
    walk(&resource["item"], &[], &mut out);
    out
}

fn question_items(questionnaire: &Value) -> Vec<&Value> {
    items(questionnaire)
        .into_iter()
        .map(|(_, i)| i)
        .filter(|i| !["group", "display"].contains(&i["type"].as_str().expect("every item has a type")))
        .collect()
}

fn item<'a>(questionnaire: &'a Value, link_id: &str) -> &'a Value {
    items(questionnaire)
        .into_iter()
        .map(|(_, i)| i)
        .find(|i| i["linkId"] == link_id)
        .expect("an item with this linkId")
}

fn risk_assessment(response: &Value) -> &Value {
    let contained = response["contained"].as_array().expect("contained resources");
    contained.iter().find(|r| r["resourceType"] == "RiskAssessment").expect("a contained RiskAssessment")
}

#[test]
fn the_questionnaire_for_the_built_in_rules_validates_against_the_fhir_r4_schema() {
    let questionnaire = fhir::questionnaire(&built_in());
    let start = Instant::now();
    assert_valid(&questionnaire);
    eprintln!("validated the Questionnaire in {:?}", start.elapsed());
    assert_eq!(questionnaire["url"], "http://backscreen.invalid/fhir/Questionnaire/low-back");
    assert_eq!(questionnaire["status"], "active");
    // The validator does look inside: a misspelt element deep in an item is refused.
    let mut broken = questionnaire.clone();
    broken["item"][0]["item"][0]["enableWhenn"] = json!([]);
    assert!(!validator("Questionnaire").is_valid(&broken));
}

#[test]
fn the_questionnaire_for_rules_with_every_skip_logic_form_validates_too() {
    let rules = skip_logic_rules();
    let questionnaire = fhir::questionnaire(&rules);
    assert_valid(&questionnaire);
    // A rules id may hold `_`, a FHIR id may not.
    assert_eq!(questionnaire["id"], "skip-logic");
    assert_eq!(questionnaire["name"], "SkipLogic");
}

#[test]
fn a_questionnaire_response_for_every_vignette_validates_against_the_fhir_r4_schema() {
    let rules = built_in();
    let start = Instant::now();
    for file in vignettes() {
        let answers = answers::load(&file, &rules).unwrap();
        let response = response_for(&rules, &answers);
        assert_valid(&response);
        assert_eq!(response["questionnaire"], format!("{}|{}", fhir::canonical_url(&rules), rules.version));
    }
    eprintln!("built and validated the vignette responses in {:?}", start.elapsed());
}

#[test]
fn every_response_link_id_exists_in_the_questionnaire_at_the_same_place() {
    for rules in [built_in(), skip_logic_rules()] {
        let questionnaire = fhir::questionnaire(&rules);
        let places: Vec<(Vec<String>, &str)> = items(&questionnaire)
            .into_iter()
            .map(|(parents, i)| (parents, i["linkId"].as_str().unwrap()))
            .collect();
        let mut files: Vec<AnswersFile> = Vec::new();
        if rules.id == "low-back" {
            files.extend(vignettes().iter().map(|f| answers::load(f, &rules).unwrap()));
        } else {
            files.push(answers_from(
                &rules,
                json!({ "answers": { "flag": false, "num": 3, "multi": ["x", "y"] } }),
            ));
        }
        for file in files {
            let response = response_for(&rules, &file);
            let answered = items(&response);
            assert!(!answered.is_empty());
            for (parents, i) in answered {
                let link_id = i["linkId"].as_str().unwrap();
                assert!(
                    places.iter().any(|(p, l)| *p == parents && *l == link_id),
                    "{link_id} under {parents:?} is not in the questionnaire there"
                );
                let text = item(&questionnaire, link_id)["text"].clone();
                assert_eq!(i["text"], text, "{link_id}");
            }
        }
    }
}

#[test]
fn every_enable_when_refers_to_an_item_earlier_in_document_order() {
    for rules in [built_in(), skip_logic_rules()] {
        let questionnaire = fhir::questionnaire(&rules);
        let order: Vec<&str> =
            items(&questionnaire).iter().map(|(_, i)| i["linkId"].as_str().unwrap()).collect();
        let position = |id: &str| order.iter().position(|l| *l == id).unwrap();
        for (_, i) in items(&questionnaire) {
            for condition in i["enableWhen"].as_array().into_iter().flatten() {
                let target = condition["question"].as_str().unwrap();
                assert!(
                    position(target) < position(i["linkId"].as_str().unwrap()),
                    "{} is enabled by {target}, which comes later",
                    i["linkId"]
                );
            }
        }
    }
}

#[test]
fn every_question_of_the_rules_appears_exactly_once_in_asking_order() {
    for rules in [built_in(), skip_logic_rules()] {
        let questionnaire = fhir::questionnaire(&rules);
        let link_ids: Vec<&str> =
            question_items(&questionnaire).iter().map(|i| i["linkId"].as_str().unwrap()).collect();
        let asking: Vec<&str> =
            rules.asking_order().into_iter().map(|i| rules.questions[i].id.as_str()).collect();
        assert_eq!(link_ids, asking);
        let mut all: Vec<&str> =
            items(&questionnaire).iter().map(|(_, i)| i["linkId"].as_str().unwrap()).collect();
        let count = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), count, "linkIds are unique");
    }
}

#[test]
fn a_section_asked_in_two_runs_gets_two_groups_under_its_title() {
    let questionnaire = fhir::questionnaire(&skip_logic_rules());
    let groups: Vec<(&str, &str)> = questionnaire["item"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["linkId"].as_str().unwrap(), g["text"].as_str().unwrap()))
        .collect();
    assert_eq!(
        groups,
        [
            ("section:first", "First"),
            ("section:second", "Second"),
            ("section:first:2", "First"),
            ("section:second:2", "Second")
        ]
    );
}

#[test]
fn a_question_whose_ask_if_has_no_exact_enable_when_carries_the_ask_if_extension_and_no_enable_when() {
    let mut inexact = BTreeMap::new();
    for (rules, file) in
        [(built_in(), "rules/low-back.json"), (skip_logic_rules(), "tests/fixtures/fhir/skip-logic.json")]
    {
        let raw: Value = serde_json::from_str(&std::fs::read_to_string(path(file)).unwrap()).unwrap();
        let questionnaire = fhir::questionnaire(&rules);
        for q in &rules.questions {
            let i = item(&questionnaire, &q.id);
            let extension = i["extension"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|e| e["url"] == ASK_IF_EXTENSION)
                .map(|e| e["valueString"].as_str().unwrap());
            let has_enable_when = i.get("enableWhen").is_some();
            match (&q.ask_if, extension) {
                (None, _) => assert!(extension.is_none() && !has_enable_when, "{}", q.id),
                (Some(_), Some(condition)) => {
                    assert!(!has_enable_when, "{} has both", q.id);
                    // The extension holds the rules file's own condition.
                    let written = &raw["questions"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .find(|r| r["id"] == q.id.as_str())
                        .unwrap()["ask_if"];
                    assert_eq!(&serde_json::from_str::<Value>(condition).unwrap(), written, "{}", q.id);
                    inexact.entry(rules.id.clone()).or_insert_with(Vec::new).push(q.id.clone());
                }
                (Some(_), None) => assert!(has_enable_when, "{} lost its ask_if", q.id),
            }
        }
    }
    assert_eq!(inexact["skip_logic"], ["inexact_all_number", "inexact_all_in_any", "inexact_score"]);
    // Since the long-standing-pattern questions became one checklist behind `duration_weeks`
    // alone, every ask_if of the built-in file translates exactly.
    assert_eq!(inexact.get("low-back"), None);
}

/// What FHIR R4 makes of an item's `enableWhen` for these answers (`None`: the item has none).
fn fhir_enabled(item: &Value, answers: &Answers) -> Option<bool> {
    let conditions = item.get("enableWhen")?.as_array().expect("enableWhen is a list");
    let holds = |c: &Value| {
        let given: Vec<Value> = match answers.get(c["question"].as_str().expect("enableWhen.question")) {
            // FHIR has no "not sure": an item answered so carries no answer.
            None | Some(AnswerValue::NotSure) => vec![],
            Some(AnswerValue::Bool(b)) => vec![json!(b)],
            Some(AnswerValue::Choice(code)) => vec![json!(code)],
            Some(AnswerValue::Choices(codes)) => codes.iter().map(|c| json!(c)).collect(),
            Some(AnswerValue::Number(n)) => vec![json!(n)],
        };
        let op = c["operator"].as_str().expect("enableWhen.operator");
        if op == "exists" {
            let exists = c["answerBoolean"].as_bool().expect("exists takes answerBoolean");
            return exists != given.is_empty();
        }
        let expected = if let Some(coding) = c.get("answerCoding") {
            coding["code"].clone()
        } else {
            c.get("answerBoolean").or(c.get("answerInteger")).expect("a typed answer").clone()
        };
        let compare = |v: &Value| match (v.as_i64(), expected.as_i64()) {
            (Some(a), Some(b)) => Some(a.cmp(&b)),
            _ => None,
        };
        use std::cmp::Ordering::*;
        match op {
            "=" => given.contains(&expected),
            // FHIR R4: "True if no answer has a value that is equal to the enableWhen answer".
            "!=" => !given.contains(&expected),
            ">" => given.iter().any(|v| compare(v) == Some(Greater)),
            "<" => given.iter().any(|v| compare(v) == Some(Less)),
            ">=" => given.iter().any(|v| matches!(compare(v), Some(Greater | Equal))),
            "<=" => given.iter().any(|v| matches!(compare(v), Some(Less | Equal))),
            other => panic!("unexpected operator {other}"),
        }
    };
    Some(match item.get("enableBehavior").and_then(Value::as_str) {
        Some("any") => conditions.iter().any(holds),
        Some("all") => conditions.iter().all(holds),
        None => {
            assert_eq!(conditions.len(), 1, "enableBehavior is required for more than one enableWhen");
            holds(&conditions[0])
        }
        Some(other) => panic!("unexpected enableBehavior {other}"),
    })
}

struct Given<'a>(&'a Answers);

impl Facts for Given<'_> {
    fn answer(&self, q: &str) -> Option<&AnswerValue> {
        self.0.get(q)
    }
    fn score(&self, _: &str) -> Range {
        Range::default()
    }
    fn cause(&self, _: &str) -> Range {
        Range::default()
    }
}

/// The values worth trying for a question: no answer, every choice, and numbers around each threshold.
fn domain(rules: &Rules, id: &str, condition: &Condition) -> Vec<Option<AnswerValue>> {
    let q = rules.question(id).expect("a question of the rules");
    let mut out = vec![None];
    match &q.kind {
        QuestionKind::YesNo => out.extend([Some(AnswerValue::Bool(true)), Some(AnswerValue::Bool(false))]),
        QuestionKind::SingleChoice(choices) => {
            out.extend(choices.iter().map(|c| Some(AnswerValue::Choice(c.id.clone()))));
        }
        QuestionKind::MultipleChoice(choices) => {
            out.extend(choices.iter().map(|c| Some(AnswerValue::Choices(vec![c.id.clone()]))));
            out.push(Some(AnswerValue::Choices(choices.iter().take(2).map(|c| c.id.clone()).collect())));
        }
        QuestionKind::Number { .. } | QuestionKind::Scale => {
            let (min, max) = q.kind.range().expect("a number or scale");
            let mut numbers = vec![min, max];
            condition.walk(&mut |c| {
                if let Condition::Answer { question, test } = c
                    && question == id
                {
                    match test {
                        Test::AtLeast(n) | Test::AtMost(n) | Test::Equals(AnswerValue::Number(n)) => {
                            numbers.extend([n - 1, *n, n + 1])
                        }
                        Test::In(values) => numbers.extend(values.iter().filter_map(|v| match v {
                            AnswerValue::Number(n) => Some(*n),
                            _ => None,
                        })),
                        _ => {}
                    }
                }
            });
            numbers.retain(|n| (min..=max).contains(n));
            numbers.sort_unstable();
            numbers.dedup();
            out.extend(numbers.into_iter().map(|n| Some(AnswerValue::Number(n))));
        }
    }
    out
}

#[test]
fn enable_when_enables_a_question_exactly_when_backscreen_would_ask_it() {
    let mut checked = 0;
    for rules in [built_in(), skip_logic_rules()] {
        let questionnaire = fhir::questionnaire(&rules);
        for q in &rules.questions {
            let Some(ask_if) = &q.ask_if else { continue };
            let item = item(&questionnaire, &q.id);
            let mut looked_at = Vec::new();
            ask_if.for_each_question(&mut |id| {
                if !looked_at.contains(&id) {
                    looked_at.push(id)
                }
            });
            // Every combination of answers (and no answers) to the questions the ask_if looks at.
            let mut combinations: Vec<Answers> = vec![Answers::new()];
            for id in looked_at {
                combinations = combinations
                    .iter()
                    .flat_map(|base| {
                        domain(&rules, id, ask_if).into_iter().map(move |v| {
                            let mut next = base.clone();
                            if let Some(v) = v {
                                next.insert(id.to_string(), v);
                            }
                            next
                        })
                    })
                    .collect();
            }
            for answers in &combinations {
                let asked = ask_if.eval(&Given(answers)) != Truth::False;
                // No enableWhen: always shown, which is never less than backscreen asks.
                if let Some(enabled) = fhir_enabled(item, answers) {
                    assert_eq!(enabled, asked, "{} with {answers:?}", q.id);
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 200, "only {checked} cases");
    eprintln!("{checked} combinations of answers checked");
}

#[test]
fn the_response_status_follows_the_answers_file_status() {
    let rules = built_in();
    for (status, expected) in [
        (Some("complete"), "completed"),
        (None, "completed"),
        (Some("incomplete"), "in-progress"),
        (Some("stopped_at_emergency"), "stopped"),
        (Some("something new"), "in-progress"),
    ] {
        let mut raw = json!({ "answers": { "saddle_numbness": false } });
        if let Some(s) = status {
            raw["status"] = json!(s);
        }
        let response = response_for(&rules, &answers_from(&rules, raw));
        assert_eq!(response["status"], expected, "{status:?}");
        assert_valid(&response);
    }
}

#[test]
fn a_valid_saved_at_becomes_authored_and_anything_else_falls_back_to_the_argument() {
    let rules = built_in();
    let saved = answers_from(&rules, json!({ "answers": {}, "saved_at": "2025-05-06T07:08:09Z" }));
    assert_eq!(response_for(&rules, &saved)["authored"], "2025-05-06T07:08:09Z");
    let odd = answers_from(&rules, json!({ "answers": {}, "saved_at": "last Tuesday" }));
    assert_eq!(response_for(&rules, &odd)["authored"], "2026-01-02T03:04:05Z");
    let response = response_for(&rules, &odd);
    assert_eq!(risk_assessment(&response)["occurrenceDateTime"], "2026-01-02T03:04:05Z");
    // No answers at all: no items, still a valid response with a result.
    assert!(response.get("item").is_none());
    assert_valid(&response);
}

#[test]
fn the_contained_risk_assessment_carries_the_triage_level_and_every_fired_red_flag() {
    let rules = built_in();
    let mut levels = Vec::new();
    for file in vignettes() {
        let answers = answers::load(&file, &rules).unwrap();
        let outcome = engine::evaluate(&rules, &answers.answers);
        let response = response_for(&rules, &answers);
        assert_eq!(
            response["extension"],
            json!([{ "url": RESULT_EXTENSION, "valueReference": { "reference": "#screening" } }])
        );
        let assessment = risk_assessment(&response);
        assert_eq!(assessment["id"], "screening");
        assert_eq!(assessment["status"], "final");
        assert_eq!(assessment["method"]["text"], format!("backscreen rules low-back {}", rules.version));
        let predictions = assessment["prediction"].as_array().unwrap();
        let level = outcome.triage.level.id();
        assert_eq!(predictions[0]["qualitativeRisk"]["coding"][0]["system"], TRIAGE_LEVEL_SYSTEM);
        assert_eq!(predictions[0]["qualitativeRisk"]["coding"][0]["code"], level);
        let headline = backscreen::render::level_headline(outcome.triage.level, rules.lang());
        assert_eq!(assessment["note"][0]["text"], headline);
        assert_eq!(predictions.len(), 1 + outcome.triage.red_flags.len() + outcome.causes.len());
        for (flag, p) in outcome.triage.red_flags.iter().zip(&predictions[1..]) {
            assert_eq!(p["outcome"]["text"], flag.name.as_str());
            assert_eq!(p["outcome"]["coding"][0]["code"], flag.id.as_str());
            assert_eq!(p["qualitativeRisk"]["coding"][0]["code"], flag.level.id());
            assert_eq!(p["rationale"], flag.message.as_str());
        }
        for (cause, p) in outcome.causes.iter().zip(&predictions[1 + outcome.triage.red_flags.len()..]) {
            assert_eq!(p["outcome"]["text"], cause.name.as_str());
            assert_eq!(p["rationale"], cause.evidence.join(" "));
        }
        let notes: Vec<&str> =
            assessment["note"].as_array().unwrap().iter().map(|n| n["text"].as_str().unwrap()).collect();
        assert!(notes.iter().any(|n| n.starts_with(&outcome.art.name)), "{notes:?}");
        assert!(notes.iter().any(|n| n.starts_with(&outcome.rehab.name)), "{notes:?}");
        assert_eq!(notes.last().unwrap(), &outcome.disclaimer);
        levels.push(level);
    }
    // The vignettes cover an emergency and a case with no red flag.
    assert!(levels.contains(&"emergency") && levels.contains(&"self_care"), "{levels:?}");
}

#[test]
fn typed_answers_match_the_question_types() {
    let rules = built_in();
    let questionnaire = fhir::questionnaire(&rules);
    let mut seen = BTreeMap::new();
    for file in vignettes() {
        let answers = answers::load(&file, &rules).unwrap();
        let response = response_for(&rules, &answers);
        for (_, i) in items(&response) {
            let Some(given) = i.get("answer") else { continue };
            let id = i["linkId"].as_str().unwrap();
            let q = rules.question(id).unwrap();
            let given = given.as_array().unwrap();
            let keys: Vec<&str> =
                given.iter().map(|a| a.as_object().unwrap().keys().next().unwrap().as_str()).collect();
            let (expected, fhir_type) = match &q.kind {
                QuestionKind::YesNo => ("valueBoolean", "boolean"),
                QuestionKind::SingleChoice(_) | QuestionKind::MultipleChoice(_) => ("valueCoding", "choice"),
                QuestionKind::Number { .. } | QuestionKind::Scale => ("valueInteger", "integer"),
            };
            assert!(keys.iter().all(|k| *k == expected), "{id}: {keys:?}");
            assert_eq!(item(&questionnaire, id)["type"], fhir_type, "{id}");
            match answers.answers.get(id).unwrap() {
                AnswerValue::Bool(b) => assert_eq!(given, &[json!({ "valueBoolean": b })]),
                AnswerValue::Number(n) => assert_eq!(given, &[json!({ "valueInteger": n })]),
                AnswerValue::Choice(c) => assert_eq!(given[0]["valueCoding"]["code"], c.as_str()),
                AnswerValue::Choices(cs) => {
                    let codes: Vec<&str> =
                        given.iter().map(|a| a["valueCoding"]["code"].as_str().unwrap()).collect();
                    assert_eq!(codes, cs.iter().map(String::as_str).collect::<Vec<_>>());
                    assert_eq!(item(&questionnaire, id)["repeats"], true);
                }
                AnswerValue::NotSure => unreachable!("the vignettes answer every question"),
            }
            // A coded answer is one of the question's answerOptions.
            for a in given.iter().filter_map(|a| a.get("valueCoding")) {
                let options = item(&questionnaire, id)["answerOption"].as_array().unwrap();
                assert!(options.iter().any(|o| &o["valueCoding"] == a), "{id}: {a}");
            }
            *seen.entry(expected).or_insert(0) += 1;
        }
    }
    assert_eq!(seen.len(), 3, "{seen:?}");
}

#[test]
fn help_units_ranges_and_exclusive_choices_use_the_standard_extensions() {
    let rules = skip_logic_rules();
    let questionnaire = fhir::questionnaire(&rules);
    let flag = item(&questionnaire, "flag");
    assert_eq!(
        flag["item"],
        json!([{ "linkId": "flag.help", "text": "Even a little counts.", "type": "display" }])
    );
    let extensions = |id: &str| item(&questionnaire, id)["extension"].clone();
    assert_eq!(
        extensions("num"),
        json!([
            { "url": "http://hl7.org/fhir/StructureDefinition/minValue", "valueInteger": 0 },
            { "url": "http://hl7.org/fhir/StructureDefinition/maxValue", "valueInteger": 20 },
            {
                "url": "http://hl7.org/fhir/StructureDefinition/questionnaire-unit",
                "valueCoding": { "display": "days" }
            }
        ])
    );
    assert_eq!(extensions("scale")[1]["valueInteger"], 10);
    let none = &item(&questionnaire, "multi")["answerOption"][2];
    assert_eq!(none["valueCoding"]["code"], "none");
    assert_eq!(none["valueCoding"]["system"], "http://backscreen.invalid/fhir/CodeSystem/skip_logic/multi");
    assert_eq!(none["extension"][0]["valueBoolean"], true);
}

#[test]
fn the_whole_fhir_schema_with_its_one_of_over_every_resource_accepts_both_exports() {
    let rules = built_in();
    let text = std::fs::read_to_string(path("tests/fixtures/fhir/fhir.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    let start = Instant::now();
    let whole = jsonschema::draft6::new(&schema).unwrap();
    let compiled = start.elapsed();
    let answers = answers::load(&vignettes()[0], &rules).unwrap();
    for resource in [fhir::questionnaire(&rules), response_for(&rules, &answers)] {
        assert!(whole.is_valid(&resource), "{}", resource["resourceType"]);
    }
    // The root `oneOf` tells resource types apart: a misspelt one is refused.
    assert!(!whole.is_valid(&json!({ "resourceType": "Questionaire" })));
    eprintln!("whole schema: compiled in {compiled:?}, validated in {:?}", start.elapsed() - compiled);
}

/// Runs fhirpath.js (HL7's FHIRPath for JavaScript, which LHC-Forms uses) on each (expression,
/// response). `tests/fhirpath/package-lock.json` pins it; the first run installs it with `npm ci`,
/// so that `cargo test` on a fresh machine needs only Node.js and the npm registry.
fn fhirpath(cases: &[(String, Value)]) -> Vec<Value> {
    let dir = path("tests/fhirpath");
    if !dir.join("node_modules/fhirpath").exists() {
        let installed = std::process::Command::new("npm")
            .args(["ci", "--silent", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir)
            .status()
            .expect("npm runs (Node.js is needed for this test)");
        assert!(installed.success(), "`npm ci --prefix tests/fhirpath` failed");
    }
    let input: Vec<Value> = cases.iter().map(|(e, r)| json!({ "expression": e, "resource": r })).collect();
    let mut child = std::process::Command::new("node")
        .arg(dir.join("evaluate.js"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("node runs (Node.js is needed for this test)");
    use std::io::Write as _;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(Value::from(input).to_string().as_bytes())
        .expect("write cases");
    let out = child.wait_with_output().expect("node finishes");
    assert!(out.status.success(), "fhirpath.js failed");
    serde_json::from_slice(&out.stdout).expect("a JSON list of results")
}

#[test]
fn an_enable_when_expression_enables_a_question_exactly_when_backscreen_would_ask_it() {
    let rules = skip_logic_rules();
    let questionnaire = fhir::questionnaire(&rules);
    let mut cases = Vec::new();
    let mut expected = Vec::new();
    for q in &rules.questions {
        let Some(ask_if) = &q.ask_if else { continue };
        let extension = item(&questionnaire, &q.id)["extension"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|e| e["url"] == fhir::ENABLE_WHEN_EXPRESSION)
            .map(|e| e["valueExpression"]["expression"].as_str().expect("expression").to_string());
        let Some(expression) = extension else { continue };
        // Every combination of no answer, "not sure" and the values worth trying, for every
        // question the condition reads, scores included.
        let mut combinations: Vec<Answers> = vec![Answers::new()];
        for id in rules.questions_used_by(ask_if) {
            let mut values = domain(&rules, id, ask_if);
            values.push(Some(AnswerValue::NotSure));
            combinations = combinations
                .iter()
                .flat_map(|base| {
                    values.iter().map(move |v| {
                        let mut next = base.clone();
                        if let Some(v) = v {
                            next.insert(id.to_string(), v.clone());
                        }
                        next
                    })
                })
                .collect();
        }
        for answers in combinations {
            expected.push((q.id.clone(), rules.truth(ask_if, &answers) != Truth::False, answers.clone()));
            let file = AnswersFile { answers, other: Default::default() };
            cases.push((expression.clone(), response_for(&rules, &file)));
        }
    }
    let inexact: std::collections::BTreeSet<&str> = expected.iter().map(|(q, _, _)| q.as_str()).collect();
    assert_eq!(inexact.len(), 3, "every inexact question has an expression: {inexact:?}");
    let results = fhirpath(&cases);
    for ((id, asked, answers), result) in expected.iter().zip(&results) {
        assert_eq!(result, &json!([asked]), "{id} with {answers:?}");
    }
    assert!(results.len() > 50, "only {} cases", results.len());
    eprintln!("{} answers checked with fhirpath.js", results.len());
}

#[test]
fn a_checklist_is_a_group_of_its_items_under_the_checklists_own_text() {
    let rules = built_in();
    let questionnaire = fhir::questionnaire(&rules);
    for checklist in &rules.checklists {
        let group = item(&questionnaire, &format!("checklist:{}", checklist.id));
        assert_eq!(group["type"], "group");
        assert_eq!(group["text"], rules.t(&checklist.text));
        let inside: Vec<&str> = group["item"]
            .as_array()
            .expect("items")
            .iter()
            .filter(|i| i["type"] != "display")
            .map(|i| i["linkId"].as_str().expect("linkId"))
            .collect();
        let first = checklist.items.iter().map(|it| it.question.as_str()).find(|q| inside.contains(q));
        assert!(first.is_some(), "{}: no item in its group", checklist.id);
        for id in inside {
            assert!(
                checklist.items.iter().any(|it| it.question == id),
                "{id} is not an item of {}",
                checklist.id
            );
        }
    }
    // Each item of every checklist is inside one of the checklist's groups.
    for checklist in &rules.checklists {
        for it in &checklist.items {
            let (path, _) = items(&questionnaire)
                .into_iter()
                .find(|(_, i)| i["linkId"] == it.question.as_str())
                .expect("the item is in the questionnaire");
            assert!(
                path.iter().any(|p| p.starts_with(&format!("checklist:{}", checklist.id))),
                "{} is not under its checklist: {path:?}",
                it.question
            );
        }
    }
}
