//! FHIR R4 export: the rules as a `Questionnaire`; answers and their result as a `QuestionnaireResponse`.
//!
//! Both are plain [`serde_json::Value`]s that validate against HL7's R4 JSON schema. Nothing here reaches
//! a network: every canonical URL and code system lives under `http://backscreen.invalid/` ([`BASE`]).
//! The `.invalid` top-level domain is reserved never to resolve (RFC 2606), so these URLs name things
//! without pointing anywhere a record could be sent.
//!
//! # Choices, and why
//!
//! **Layout.** Items come in the asking order of `rules/README.md` (every red-flag question first),
//! grouped the way the interview shows section titles: one `group` item per run of consecutive questions
//! from the same section. The built-in rules ask the red-flag questions of "About you" early and the rest
//! later, so a section can have two groups: the first run's linkId is `section:{id}`, later runs
//! `section:{id}:2`, ... Grouping whole sections in section order would move red-flag questions behind
//! ordinary ones and could put an `enableWhen` before the item it looks at; with document order equal to
//! asking order, the rules checker's own guarantee (an `ask_if` only looks at questions asked before)
//! carries over. Help text is a `display` child item (`{question}.help`), always shown under the question
//! as in the interview rather than behind a help button: some help is part of the safety question ("even
//! a small patch counts"). Ids never contain `:` or `.`, so these linkIds cannot collide with a question's.
//!
//! **Skip logic.** backscreen asks a question unless its `ask_if` is *false*: unknown (an unanswered or
//! skipped question) means ask. A FHIR `enableWhen` is two-valued and `=` is false on an unanswered item,
//! so `=` alone would hide, say, the "pain in both legs" emergency question from someone who skipped the
//! leg-pain question. An `ask_if` is therefore translated only when the translation enables the item
//! exactly when backscreen would ask it (FHIR counts answers of disabled items as absent; so does the
//! interview):
//! - a test `Q equals V` becomes `Q = V` or `Q exists false` (`enableBehavior: any`); `in` gives one `=`
//!   per value, `contains` a `=` on the repeating item (true when any answer matches), `at_least` and
//!   `at_most` `>=` and `<=`;
//! - `answered` becomes `exists true`; a `not` of a test becomes `!=` (true when no answer equals, so also
//!   when unanswered), `<`/`>` or `exists false`; `not` of `all`/`any` is pushed inwards (De Morgan holds
//!   in three-valued logic);
//! - `any` of translatable parts joins their `enableWhen`s under `any`; `all` works when each part is a
//!   single `enableWhen`: a yes/no or single-choice test becomes `!=` each other value, joined under `all`.
//!
//! In a form that shows every enabled item at once, a follow-up question is therefore visible until its
//! opening question is answered. Anything else (a number test inside `all`, `all` inside `any`, scores) has
//! no exact form. Such an item gets no `enableWhen` at all, so a plain FHIR renderer always shows it
//! (asking more never hides a red flag); an SDC renderer hides it as the interview would, by the SDC
//! extension [`ENABLE_WHEN_EXPRESSION`]: the condition in FHIRPath, whose empty collection is backscreen's
//! unknown ([`expression`]). The exact condition is also kept, as compact JSON in rules-file syntax, in
//! the extension [`ASK_IF_EXTENSION`].
//!
//! **Result.** The response holds one `QuestionnaireResponse.item` per answered question (a multiple
//! choice has one `answer` per choice; an empty one is left out, since FHIR has no empty answer). A
//! "not sure" is an item with no answer and the extension [`NOT_SURE_EXTENSION`]. [`read`] reads a
//! response back into answers, from backscreen or any SDC form filler. Answers
//! to questions their `ask_if` skipped are kept: the result used them. The screening result is a
//! `contained` `RiskAssessment` with id `screening`, referenced from the response by the extension
//! [`RESULT_EXTENSION`] (a response has no element for a derived result). Its first prediction is the
//! triage level, then one per red flag that fired (qualitative risk = its level) and one per listed cause
//! (rationale = its evidence); `mitigation` holds the next steps and `note` the headline, what was not
//! screened, ART, rehab and the disclaimer. The response's `status` is `completed` for a `complete` file
//! or one with no status, `stopped` for `stopped_at_emergency` (resuming such a file stops again at once,
//! so it will never be completed) and `in-progress` for `incomplete` or anything unrecognised.
//!
//! **Versions and odd text.** The response names its questionnaire as `url|version`
//! ([`canonical_reference`]). A FHIR canonical holds no whitespace and `|` separates the version, so a
//! version with a space or a `|` (which a rules file may have) cannot be written there: the reference is
//! then the URL alone, and the version stays in `Questionnaire.version` and the result's `method`. Every
//! string goes through [`fhir_string`]: the schema's `string` allows no whitespace but space, tab, CR and
//! LF (a no-break space in a title would make the export invalid), and FHIR strings should hold no other
//! control characters. Numbers need nothing: the rules decoder keeps a number question's range within a
//! 32-bit FHIR `integer`, and every answer and `ask_if` number within its question's range.

pub mod expression;
pub mod read;

use crate::answers::{AnswerValue, AnswersFile};
use crate::condition::{Bound, Condition, Test};
use crate::engine::{Fit, Outcome};
use crate::i18n::Lang;
use crate::render::{level_headline, level_label};
use crate::rules::{Checklist, Level, Question, QuestionKind, Rules};
use crate::tr;
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// Where every backscreen canonical URL and code system lives; `.invalid` never resolves.
pub const BASE: &str = "http://backscreen.invalid/fhir";
/// Extension on a `QuestionnaireResponse`: `valueReference` to the contained screening result.
pub const RESULT_EXTENSION: &str = "http://backscreen.invalid/fhir/StructureDefinition/screening-result";
/// Extension on a question item whose `ask_if` has no exact `enableWhen`: `valueString`, the condition as
/// compact JSON in rules-file syntax.
pub const ASK_IF_EXTENSION: &str = "http://backscreen.invalid/fhir/StructureDefinition/ask-if";
/// Extension on a `QuestionnaireResponse.item` with no answer: `valueBoolean` true when the person
/// answered "not sure" (FHIR has no such answer, and an item with no answer is one not answered).
pub const NOT_SURE_EXTENSION: &str = "http://backscreen.invalid/fhir/StructureDefinition/not-sure";
/// Code system of triage levels: `emergency`, `urgent`, `soon`, `self_care`.
pub const TRIAGE_LEVEL_SYSTEM: &str = "http://backscreen.invalid/fhir/CodeSystem/triage-level";

const MIN_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/minValue";
const MAX_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/maxValue";
const UNIT: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit";
/// SDC: a FHIRPath expression that enables the item when true.
pub const ENABLE_WHEN_EXPRESSION: &str =
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression";
const OPTION_EXCLUSIVE: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive";

/// The canonical URL of the rules' `Questionnaire` (without version).
pub fn canonical_url(rules: &Rules) -> String {
    format!("{BASE}/Questionnaire/{}", rules.id)
}

/// How a `QuestionnaireResponse` names the questionnaire it answers: `url|version`, or the URL alone when
/// the version holds whitespace or `|`, which a canonical cannot carry.
pub fn canonical_reference(rules: &Rules) -> String {
    let url = canonical_url(rules);
    if rules.version.chars().any(|c| c.is_whitespace() || c == '|' || c.is_control()) {
        url
    } else {
        format!("{url}|{}", rules.version)
    }
}

/// The code system of one question's choices.
pub fn choice_system(rules: &Rules, question: &str) -> String {
    format!("{BASE}/CodeSystem/{}/{question}", rules.id)
}

// One path segment after `CodeSystem/`, unlike a question's two, so these never collide with `choice_system`.
fn red_flag_system(rules: &Rules) -> String {
    format!("{BASE}/CodeSystem/{}-red-flags", rules.id)
}

fn cause_system(rules: &Rules) -> String {
    format!("{BASE}/CodeSystem/{}-causes", rules.id)
}

/// The rules as a FHIR R4 `Questionnaire` (see the module documentation for the layout and skip logic).
pub fn questionnaire(rules: &Rules) -> Value {
    let items: Vec<Value> = groups(rules)
        .iter()
        .map(|g| {
            json!({
                "linkId": g.link_id,
                "text": g.title,
                "type": "group",
                "item": g.entries.iter().map(|e| e.questionnaire_item(rules)).collect::<Vec<_>>(),
            })
        })
        .collect();
    prune(json!({
        "resourceType": "Questionnaire",
        "id": resource_id(&rules.id),
        // The language its texts are shown in, which may be a translation of the file's own.
        "language": rules.lang().code(),
        "url": canonical_url(rules),
        "version": rules.version,
        "name": machine_name(&rules.id),
        "title": rules.t(&rules.title),
        "status": "active",
        "subjectType": ["Patient"],
        "description": rules.t(&rules.disclaimer),
        "item": items,
    }))
}

/// An answers file and its outcome as a FHIR R4 `QuestionnaireResponse` to [`questionnaire`], with the
/// result in a contained `RiskAssessment`. `authored` (a FHIR dateTime, such as `save::now_utc()`) is used
/// when the file has no valid `saved_at`.
///
/// `patient` (`--patient`, a free-text label such as a name or clinic number) becomes the
/// response's and the result's `subject.display`. Without one (or a blank one) the response has
/// no subject and the result's is "the person screened".
pub fn questionnaire_response(
    rules: &Rules,
    file: &AnswersFile,
    outcome: &Outcome,
    authored: &str,
    patient: Option<&str>,
) -> Value {
    let patient = patient.map(str::trim).filter(|p| !p.is_empty());
    let authored =
        file.other.get("saved_at").and_then(Value::as_str).filter(|s| is_date_time(s)).unwrap_or(authored);
    let items: Vec<Value> = groups(rules)
        .iter()
        .filter_map(|g| {
            let answered: Vec<Value> =
                g.entries.iter().filter_map(|e| e.response_item(rules, file)).collect();
            (!answered.is_empty()).then(|| json!({ "linkId": g.link_id, "text": g.title, "item": answered }))
        })
        .collect();
    prune(json!({
        "resourceType": "QuestionnaireResponse",
        "language": rules.lang().code(),
        "contained": [risk_assessment(outcome, rules, authored, patient)],
        "extension": [{ "url": RESULT_EXTENSION, "valueReference": { "reference": "#screening" } }],
        "questionnaire": canonical_reference(rules),
        "status": response_status(file),
        "subject": patient.map(|p| json!({ "display": p })),
        "authored": authored,
        "item": items,
    }))
}

/// A run of consecutive questions, in asking order, from one section.
struct Group<'a> {
    section: &'a str,
    link_id: String,
    title: &'a str,
    entries: Vec<Entry<'a>>,
}

/// A question, or the questions of a checklist shown together (a group of its own).
enum Entry<'a> {
    Question(&'a Question),
    Checklist { link_id: String, checklist: &'a Checklist, questions: Vec<&'a Question> },
}

impl Entry<'_> {
    fn questionnaire_item(&self, rules: &Rules) -> Value {
        match self {
            Entry::Question(q) => question_item(rules, q, None),
            Entry::Checklist { link_id, checklist, questions } => {
                let mut items: Vec<Value> = Vec::new();
                if let Some(help) = &checklist.help {
                    let id = format!("{link_id}.help");
                    items.push(json!({ "linkId": id, "text": rules.t(help), "type": "display" }));
                }
                items.extend(questions.iter().map(|q| question_item(rules, q, Some(checklist))));
                json!({ "linkId": link_id, "text": rules.t(&checklist.text), "type": "group", "item": items })
            }
        }
    }

    fn response_item(&self, rules: &Rules, file: &AnswersFile) -> Option<Value> {
        match self {
            Entry::Question(q) => answered_item(rules, q, None, file.answers.get(&q.id)?),
            Entry::Checklist { link_id, checklist, questions } => {
                let answered: Vec<Value> = questions
                    .iter()
                    .filter_map(|q| answered_item(rules, q, Some(checklist), file.answers.get(&q.id)?))
                    .collect();
                let text = rules.t(&checklist.text);
                (!answered.is_empty()).then(|| json!({ "linkId": link_id, "text": text, "item": answered }))
            }
        }
    }
}

fn groups(rules: &Rules) -> Vec<Group<'_>> {
    let mut groups: Vec<Group> = Vec::new();
    let mut runs: HashMap<&str, usize> = HashMap::new();
    let mut placed: HashMap<&str, usize> = HashMap::new();
    for i in rules.asking_order() {
        let q = &rules.questions[i];
        match groups.last_mut() {
            Some(g) if g.section == q.section => {
                push_entry(rules, &mut g.entries, i, &mut placed);
            }
            _ => {
                let run = runs.entry(&q.section).or_insert(0);
                *run += 1;
                let link_id = match *run {
                    1 => format!("section:{}", q.section),
                    n => format!("section:{}:{n}", q.section),
                };
                let title = rules
                    .sections
                    .iter()
                    .find(|s| s.id == q.section)
                    .map_or(q.section.as_str(), |s| rules.t(&s.title));
                let mut entries = Vec::new();
                push_entry(rules, &mut entries, i, &mut placed);
                groups.push(Group { section: &q.section, link_id, title, entries });
            }
        }
    }
    groups
}

/// Adds question `i` to a group's entries: a plain question, or an item of a checklist, into the
/// checklist's group just before it or a new one. Document order stays the asking order, so a
/// checklist whose items are asked apart (behind other questions) is split into several groups:
/// `checklist:{id}`, then `checklist:{id}:2`, ...
fn push_entry<'a>(
    rules: &'a Rules,
    entries: &mut Vec<Entry<'a>>,
    i: usize,
    runs: &mut HashMap<&'a str, usize>,
) {
    let q = &rules.questions[i];
    let Some(c) = rules.derived().checklist_of[i] else {
        entries.push(Entry::Question(q));
        return;
    };
    let checklist = &rules.checklists[c];
    if let Some(Entry::Checklist { checklist: last, questions, .. }) = entries.last_mut()
        && std::ptr::eq(*last, checklist)
    {
        questions.push(q);
        return;
    }
    let run = runs.entry(&checklist.id).or_insert(0);
    *run += 1;
    let link_id = match *run {
        1 => format!("checklist:{}", checklist.id),
        n => format!("checklist:{}:{n}", checklist.id),
    };
    entries.push(Entry::Checklist { link_id, checklist, questions: vec![q] });
}

/// A question's text, or in a checklist its label there when it has one.
fn label<'a>(q: &'a Question, checklist: Option<&'a Checklist>) -> &'a crate::text::Text {
    checklist
        .and_then(|c| c.items.iter().find(|it| it.question == q.id))
        .and_then(|it| it.text.as_ref())
        .unwrap_or(&q.text)
}

/// A question's item; in a checklist, its text is its label there.
fn question_item(rules: &Rules, q: &Question, checklist: Option<&Checklist>) -> Value {
    let mut item = Map::new();
    let mut extensions = Vec::new();
    item.insert("linkId".into(), json!(q.id));
    item.insert("text".into(), json!(rules.t(label(q, checklist))));
    let options = |choices: &[crate::rules::Choice]| -> Value {
        choices
            .iter()
            .map(|c| {
                let mut option = json!({ "valueCoding": coding(rules, q, &c.id) });
                if c.exclusive {
                    option["extension"] = json!([{ "url": OPTION_EXCLUSIVE, "valueBoolean": true }]);
                }
                option
            })
            .collect()
    };
    match &q.kind {
        QuestionKind::YesNo => {
            item.insert("type".into(), json!("boolean"));
        }
        QuestionKind::SingleChoice(choices) => {
            item.insert("type".into(), json!("choice"));
            item.insert("answerOption".into(), options(choices));
        }
        QuestionKind::MultipleChoice(choices) => {
            item.insert("type".into(), json!("choice"));
            item.insert("repeats".into(), json!(true));
            item.insert("answerOption".into(), options(choices));
        }
        QuestionKind::Number { .. } | QuestionKind::Scale => {
            item.insert("type".into(), json!("integer"));
        }
    }
    if let Some((min, max)) = q.kind.range() {
        // FHIR integers are 32-bit: a wider bound allows nothing more than the widest FHIR integer.
        let clamp = |n: i64| n.clamp(i64::from(i32::MIN), i64::from(i32::MAX));
        extensions.push(json!({ "url": MIN_VALUE, "valueInteger": clamp(min) }));
        extensions.push(json!({ "url": MAX_VALUE, "valueInteger": clamp(max) }));
    }
    if let QuestionKind::Number { unit: Some(unit), .. } = &q.kind {
        extensions.push(json!({ "url": UNIT, "valueCoding": { "display": rules.t(unit) } }));
    }
    if let Some(ask_if) = &q.ask_if {
        match skip_logic(rules, ask_if) {
            SkipLogic::Always => {}
            SkipLogic::When { conditions, behavior } => {
                if conditions.len() > 1 {
                    item.insert("enableBehavior".into(), json!(behavior));
                }
                item.insert("enableWhen".into(), Value::Array(conditions));
            }
            SkipLogic::Inexact => {
                // An SDC renderer hides the item as the interview would; a plain one shows it.
                if let Some(e) = expression::enable_when(rules, ask_if) {
                    let value = json!({ "language": "text/fhirpath", "expression": e });
                    extensions.push(json!({ "url": ENABLE_WHEN_EXPRESSION, "valueExpression": value }));
                }
                extensions.push(
                    json!({ "url": ASK_IF_EXTENSION, "valueString": condition_json(ask_if).to_string() }),
                );
            }
        }
    }
    if let Some(help) = &q.help {
        item.insert(
            "item".into(),
            json!([{ "linkId": format!("{}.help", q.id), "text": rules.t(help), "type": "display" }]),
        );
    }
    if !extensions.is_empty() {
        item.insert("extension".into(), Value::Array(extensions));
    }
    Value::Object(item)
}

/// How an `ask_if` reads in FHIR.
enum SkipLogic {
    /// The condition can never be false: no `enableWhen` needed.
    Always,
    When {
        conditions: Vec<Value>,
        behavior: &'static str,
    },
    /// No exact `enableWhen`; the item stays always enabled.
    Inexact,
}

fn skip_logic(rules: &Rules, c: &Condition) -> SkipLogic {
    // An empty `any` list means "never"; FHIR reads an empty enableWhen as "always", so it is not exact.
    if let Some(any) = disjunction(rules, c, false).filter(|v| !v.is_empty()) {
        return SkipLogic::When { conditions: any, behavior: "any" };
    }
    match conjunction(rules, c, false) {
        Some(all) if all.is_empty() => SkipLogic::Always,
        Some(all) => SkipLogic::When { conditions: all, behavior: "all" },
        None => SkipLogic::Inexact,
    }
}

/// `enableWhen`s, any one of which holds exactly when `c` (negated if `negate`) is not false.
fn disjunction(rules: &Rules, c: &Condition, negate: bool) -> Option<Vec<Value>> {
    match c {
        Condition::Not(inner) => disjunction(rules, inner, !negate),
        Condition::Any(parts) if !negate => join(parts.iter().map(|p| disjunction(rules, p, false))),
        Condition::All(parts) if negate => join(parts.iter().map(|p| disjunction(rules, p, true))),
        // A conjunction fits in an `any` list only as a single enableWhen.
        Condition::All(parts) | Condition::Any(parts) => match parts.as_slice() {
            [only] => disjunction(rules, only, negate),
            _ => conjunction(rules, c, negate).filter(|v| v.len() == 1),
        },
        Condition::Answered(q) => Some(vec![exists(q, !negate)]),
        Condition::Answer { question, test } => {
            let q = rules.question(question)?;
            let unanswered = exists(question, false);
            let mut out = match (test, negate) {
                (Test::Equals(v), false) => vec![enable_when(rules, q, "=", v)?, unanswered],
                (Test::In(values), false) => {
                    let mut out =
                        values.iter().map(|v| enable_when(rules, q, "=", v)).collect::<Option<Vec<_>>>()?;
                    out.push(unanswered);
                    out
                }
                (Test::Contains(c), false) => {
                    vec![enable_when(rules, q, "=", &AnswerValue::Choice(c.clone()))?, unanswered]
                }
                (Test::AtLeast(n), false) => {
                    vec![enable_when(rules, q, ">=", &AnswerValue::Number(*n))?, unanswered]
                }
                (Test::AtMost(n), false) => {
                    vec![enable_when(rules, q, "<=", &AnswerValue::Number(*n))?, unanswered]
                }
                (Test::Equals(v), true) => vec![enable_when(rules, q, "!=", v)?],
                (Test::Contains(c), true) => {
                    vec![enable_when(rules, q, "!=", &AnswerValue::Choice(c.clone()))?]
                }
                (Test::In(values), true) => match values.as_slice() {
                    [v] => vec![enable_when(rules, q, "!=", v)?],
                    // Not one of these: one of the other choices, or no answer.
                    _ if matches!(q.kind, QuestionKind::SingleChoice(_)) => {
                        let mut out = other_choices(rules, q, values, "=")?;
                        out.push(unanswered);
                        out
                    }
                    _ => return None,
                },
                (Test::AtLeast(n), true) => {
                    vec![enable_when(rules, q, "<", &AnswerValue::Number(*n))?, unanswered]
                }
                (Test::AtMost(n), true) => {
                    vec![enable_when(rules, q, ">", &AnswerValue::Number(*n))?, unanswered]
                }
            };
            dedup(&mut out);
            Some(out)
        }
        // FHIR answers carry no "not sure"; such skip logic stays in the ask-if extension.
        // (Causes and red flags are kept out of skip logic by validation.)
        Condition::Score { .. } | Condition::Cause { .. } | Condition::RedFlag(_) | Condition::NotSure(_) => {
            None
        }
    }
}

/// `enableWhen`s, all of which hold exactly when `c` (negated if `negate`) is not false.
fn conjunction(rules: &Rules, c: &Condition, negate: bool) -> Option<Vec<Value>> {
    match c {
        Condition::Not(inner) => conjunction(rules, inner, !negate),
        Condition::All(parts) if !negate => join(parts.iter().map(|p| conjunction(rules, p, false))),
        Condition::Any(parts) if negate => join(parts.iter().map(|p| conjunction(rules, p, true))),
        // A disjunction fits in an `all` list only as a single enableWhen.
        Condition::All(parts) | Condition::Any(parts) => match parts.as_slice() {
            [only] => conjunction(rules, only, negate),
            _ => disjunction(rules, c, negate).filter(|v| v.len() == 1),
        },
        Condition::Answered(q) => Some(vec![exists(q, !negate)]),
        Condition::Answer { question, test } => {
            let q = rules.question(question)?;
            let mut out = match (test, negate, &q.kind) {
                // Yes, or no answer: not "no".
                (Test::Equals(AnswerValue::Bool(b)), false, QuestionKind::YesNo) => {
                    vec![enable_when(rules, q, "!=", &AnswerValue::Bool(!b))?]
                }
                // This choice, or no answer: none of the others.
                (Test::Equals(v), false, QuestionKind::SingleChoice(_)) => {
                    other_choices(rules, q, std::slice::from_ref(v), "!=")?
                }
                (Test::In(values), false, QuestionKind::SingleChoice(_)) => {
                    other_choices(rules, q, values, "!=")?
                }
                (Test::Equals(v), true, _) => vec![enable_when(rules, q, "!=", v)?],
                (Test::In(values), true, _) => {
                    values.iter().map(|v| enable_when(rules, q, "!=", v)).collect::<Option<Vec<_>>>()?
                }
                (Test::Contains(c), true, _) => {
                    vec![enable_when(rules, q, "!=", &AnswerValue::Choice(c.clone()))?]
                }
                // "At least n, or no answer" and "includes c, or no answer" have no single operator.
                _ => disjunction(rules, c, negate).filter(|v| v.len() == 1)?,
            };
            dedup(&mut out);
            Some(out)
        }
        Condition::Score { .. } | Condition::Cause { .. } | Condition::RedFlag(_) | Condition::NotSure(_) => {
            None
        }
    }
}

/// All parts' lists in one, or `None` if any part has none.
fn join(parts: impl Iterator<Item = Option<Vec<Value>>>) -> Option<Vec<Value>> {
    let mut out = Vec::new();
    for part in parts {
        out.extend(part?);
    }
    dedup(&mut out);
    Some(out)
}

fn dedup(list: &mut Vec<Value>) {
    let mut seen: Vec<Value> = Vec::new();
    list.retain(|v| {
        let new = !seen.contains(v);
        if new {
            seen.push(v.clone());
        }
        new
    });
}

/// One `enableWhen` per choice of `q` not in `values`.
fn other_choices(rules: &Rules, q: &Question, values: &[AnswerValue], op: &str) -> Option<Vec<Value>> {
    q.kind
        .choices()
        .iter()
        .filter(|c| !values.contains(&AnswerValue::Choice(c.id.clone())))
        .map(|c| enable_when(rules, q, op, &AnswerValue::Choice(c.id.clone())))
        .collect()
}

fn exists(question: &str, answered: bool) -> Value {
    json!({ "question": question, "operator": "exists", "answerBoolean": answered })
}

fn enable_when(rules: &Rules, q: &Question, op: &str, value: &AnswerValue) -> Option<Value> {
    let (kind, v) = typed(rules, q, value)?;
    let mut out = json!({ "question": q.id, "operator": op });
    out[format!("answer{kind}")] = v;
    Some(out)
}

/// A value as FHIR types it for `q`: ("Boolean" | "Coding" | "Integer", value); `None` if it does not fit.
fn typed(rules: &Rules, q: &Question, value: &AnswerValue) -> Option<(&'static str, Value)> {
    match (&q.kind, value) {
        (QuestionKind::YesNo, AnswerValue::Bool(b)) => Some(("Boolean", json!(b))),
        (QuestionKind::SingleChoice(_) | QuestionKind::MultipleChoice(_), AnswerValue::Choice(c)) => {
            q.kind.choices().iter().any(|x| &x.id == c).then(|| ("Coding", coding(rules, q, c)))
        }
        (QuestionKind::Number { .. } | QuestionKind::Scale, AnswerValue::Number(n)) => {
            Some(("Integer", json!(n)))
        }
        _ => None,
    }
}

fn coding(rules: &Rules, q: &Question, choice: &str) -> Value {
    let display = q.kind.choices().iter().find(|c| c.id == choice).map(|c| rules.t(&c.text));
    json!({ "system": choice_system(rules, &q.id), "code": choice, "display": display })
}

/// A condition in rules-file syntax, for [`ASK_IF_EXTENSION`].
fn condition_json(c: &Condition) -> Value {
    let bound = |kind: &str, id: &str, b: &Bound| match b {
        Bound::AtLeast(n) => json!({ kind: id, "at_least": n }),
        Bound::AtMost(n) => json!({ kind: id, "at_most": n }),
    };
    match c {
        Condition::Answer { question, test } => match test {
            Test::Equals(v) => json!({ "answer": question, "equals": answer_json(v) }),
            Test::In(values) => {
                json!({ "answer": question, "in": values.iter().map(answer_json).collect::<Vec<_>>() })
            }
            Test::Contains(choice) => json!({ "answer": question, "contains": choice }),
            Test::AtLeast(n) => json!({ "answer": question, "at_least": n }),
            Test::AtMost(n) => json!({ "answer": question, "at_most": n }),
        },
        Condition::Answered(q) => json!({ "answered": q }),
        Condition::NotSure(q) => json!({ "not_sure": q }),
        Condition::Score { score, bound: b } => bound("score", score, b),
        Condition::Cause { cause, bound: b } => bound("cause", cause, b),
        Condition::RedFlag(flag) => json!({ "red_flag": flag }),
        Condition::All(parts) => json!({ "all": parts.iter().map(condition_json).collect::<Vec<_>>() }),
        Condition::Any(parts) => json!({ "any": parts.iter().map(condition_json).collect::<Vec<_>>() }),
        Condition::Not(inner) => json!({ "not": condition_json(inner) }),
    }
}

fn answer_json(v: &AnswerValue) -> Value {
    match v {
        AnswerValue::Bool(b) => json!(b),
        AnswerValue::Choice(c) => json!(c),
        AnswerValue::Choices(cs) => json!(cs),
        AnswerValue::Number(n) => json!(n),
        AnswerValue::NotSure => json!(crate::value::NOT_SURE),
    }
}

fn answered_item(
    rules: &Rules,
    q: &Question,
    checklist: Option<&Checklist>,
    value: &AnswerValue,
) -> Option<Value> {
    let text = rules.t(label(q, checklist));
    let answer = |v: &AnswerValue| {
        typed(rules, q, v).map(|(kind, v)| Value::Object(Map::from_iter([(format!("value{kind}"), v)])))
    };
    let answers: Vec<Value> = match value {
        AnswerValue::Choices(chosen) => {
            chosen.iter().filter_map(|c| answer(&AnswerValue::Choice(c.clone()))).collect()
        }
        AnswerValue::NotSure => {
            let not_sure = json!([{ "url": NOT_SURE_EXTENSION, "valueBoolean": true }]);
            return Some(json!({ "linkId": q.id, "text": text, "extension": not_sure }));
        }
        v => answer(v).into_iter().collect(),
    };
    (!answers.is_empty()).then(|| json!({ "linkId": q.id, "text": text, "answer": answers }))
}

fn response_status(file: &AnswersFile) -> &'static str {
    match file.other.get("status").map(|s| s.as_str()) {
        None | Some(Some("complete")) => "completed",
        Some(Some("stopped_at_emergency")) => "stopped",
        // "incomplete", or a status this version does not know: never claim completion.
        Some(_) => "in-progress",
    }
}

fn risk_assessment(outcome: &Outcome, rules: &Rules, authored: &str, patient: Option<&str>) -> Value {
    let lang = rules.lang();
    let level = outcome.triage.level;
    let mut predictions = vec![json!({
        "outcome": { "text": tr!(lang, "fhir-triage-outcome") },
        "qualitativeRisk": level_concept(level, lang),
        "rationale": level_headline(level, lang),
    })];
    for flag in &outcome.triage.red_flags {
        predictions.push(json!({
            "outcome": {
                "coding": [{ "system": red_flag_system(rules), "code": flag.id, "display": flag.name }],
                "text": flag.name,
            },
            "qualitativeRisk": level_concept(flag.level, lang),
            "rationale": flag.message,
        }));
    }
    for cause in &outcome.causes {
        predictions.push(json!({
            "outcome": {
                "coding": [{ "system": cause_system(rules), "code": cause.id, "display": cause.name }],
                "text": cause.name,
            },
            "rationale": cause.evidence.join(" "),
        }));
    }
    let mut notes = vec![level_headline(level, lang)];
    // The causes above are then other patterns for the clinician, not the explanation.
    if let Some(first) = &outcome.serious_cause_first {
        notes.push(format!("{}. {}", first.title, first.message));
    }
    if !outcome.triage.not_screened.is_empty() {
        let questions: Vec<&str> = outcome.triage.not_screened.iter().map(|q| q.text.as_str()).collect();
        notes.push(tr!(lang, "fhir-not-screened", questions = sentences(&questions)));
    }
    notes.push(fit_note(lang, &outcome.art, tr!(lang, "fhir-areas"), outcome.art.targets.as_deref()));
    notes.push(fit_note(lang, &outcome.rehab, tr!(lang, "fhir-focus"), outcome.rehab.focus.as_deref()));
    notes.push(outcome.disclaimer.clone());
    json!({
        "resourceType": "RiskAssessment",
        "id": "screening",
        "status": "final",
        "method": {
            "text": tr!(lang, "fhir-method", id = outcome.rules.id.as_str(), version = outcome.rules.version.as_str())
        },
        "subject": { "display": patient.map_or_else(|| tr!(lang, "fhir-subject"), str::to_string) },
        "occurrenceDateTime": authored,
        // "#" is the containing response: the answers are the basis.
        "basis": [{ "reference": "#" }],
        "prediction": predictions,
        "mitigation": outcome.next_steps.join(" "),
        "note": notes.iter().map(|n| json!({ "text": n })).collect::<Vec<_>>(),
    })
}

fn fit_note(lang: Lang, fit: &Fit, list_name: String, list: Option<&[String]>) -> String {
    let verdict = if fit.may_fit { tr!(lang, "fit-may-fit") } else { tr!(lang, "fit-not-suggested") };
    let mut note = format!("{}: {verdict}.", fit.name);
    if !fit.reasons.is_empty() {
        note.push(' ');
        note.push_str(&tr!(lang, "fhir-reasons", reasons = sentences(&fit.reasons)));
    }
    if !fit.reasons_against.is_empty() {
        note.push(' ');
        note.push_str(&tr!(lang, "fhir-reasons-against", reasons = sentences(&fit.reasons_against)));
    }
    if let Some(list) = list.filter(|l| !l.is_empty()) {
        note.push_str(&format!(" {list_name}: {}.", list.join(", ")));
    }
    note
}

/// Items run together as sentences; those without a full stop (a quoted question) get one.
fn sentences(items: &[impl AsRef<str>]) -> String {
    let mut out = String::new();
    for item in items.iter().map(|i| i.as_ref().trim()).filter(|i| !i.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(item);
        if !item.ends_with(['.', '!', '?']) {
            out.push('.');
        }
    }
    out
}

fn level_concept(level: Level, lang: Lang) -> Value {
    let label = level_label(level, lang);
    json!({
        "coding": [{ "system": TRIAGE_LEVEL_SYSTEM, "code": level.id(), "display": label }],
        "text": label,
    })
}

/// A FHIR resource id (letters, digits, `-`, `.`) from a rules id, which may also hold `_`.
fn resource_id(id: &str) -> String {
    id.replace('_', "-")
}

/// A machine-friendly `name` such as `LowBack` from the id `low-back`.
fn machine_name(id: &str) -> String {
    id.split(['-', '_'])
        .flat_map(|part| {
            let mut chars = part.chars();
            chars.next().map(|c| c.to_ascii_uppercase()).into_iter().chain(chars)
        })
        .collect()
}

/// FHIR forbids empty strings, arrays and objects: drop them, so an empty text in a rules file cannot
/// make the export invalid. Every string becomes a [`fhir_string`] on the way.
fn prune(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            Value::Object(map.into_iter().map(|(k, v)| (k, prune(v))).filter(|(_, v)| !is_empty(v)).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(prune).filter(|v| !is_empty(v)).collect()),
        Value::String(s) => Value::String(fhir_string(s)),
        v => v,
    }
}

/// Text as a FHIR `string` (pattern `^[ \r\n\t\S]+$`): any other whitespace (no-break space, line
/// separator, ...) becomes a space, and a control character other than tab, CR and LF becomes U+FFFD
/// ("strings SHOULD not contain Unicode character points below 32, except for u0009, u000D and u000A").
pub fn fhir_string(s: String) -> String {
    let odd = |c: char| !matches!(c, ' ' | '\t' | '\r' | '\n') && (c.is_whitespace() || c.is_control());
    if !s.chars().any(odd) {
        return s;
    }
    s.chars()
        .map(|c| match c {
            c if !odd(c) => c,
            c if c.is_whitespace() => ' ',
            _ => '\u{FFFD}',
        })
        .collect()
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// Whether `s` is a FHIR `dateTime`: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a full time with seconds and zone.
fn is_date_time(s: &str) -> bool {
    let number = |t: &str, len: usize, range: std::ops::RangeInclusive<u32>| {
        t.len() == len && t.bytes().all(|b| b.is_ascii_digit()) && t.parse().is_ok_and(|n| range.contains(&n))
    };
    let (date, time) = match s.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let parts: Vec<&str> = date.split('-').collect();
    let date_ok = match parts.as_slice() {
        [y] => number(y, 4, 1..=9999),
        [y, m] => number(y, 4, 1..=9999) && number(m, 2, 1..=12),
        [y, m, d] => number(y, 4, 1..=9999) && number(m, 2, 1..=12) && number(d, 2, 1..=31),
        _ => false,
    };
    let Some(time) = time else { return date_ok };
    if parts.len() != 3 || !date_ok {
        return false;
    }
    let (clock, zone) = match time.find(['Z', '+', '-']) {
        Some(i) => time.split_at(i),
        None => return false,
    };
    let zone_ok = zone == "Z"
        || zone
            .get(1..)
            .and_then(|z| z.split_once(':'))
            .is_some_and(|(h, m)| number(h, 2, 0..=14) && number(m, 2, 0..=59) && (h != "14" || m == "00"));
    let (hms, fraction) = clock.split_once('.').map_or((clock, None), |(a, b)| (a, Some(b)));
    let fraction_ok = fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    let hms_ok = match hms.split(':').collect::<Vec<_>>().as_slice() {
        [h, m, sec] => number(h, 2, 0..=23) && number(m, 2, 0..=59) && number(sec, 2, 0..=60),
        _ => false,
    };
    zone_ok && fraction_ok && hms_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times_are_checked_against_the_fhir_shape() {
        for ok in ["2026-11-23T22:59:00Z", "2026-11-23T22:59:00.123+01:00", "2026", "2026-11", "2026-11-23"] {
            assert!(is_date_time(ok), "{ok}");
        }
        for bad in
            ["", "yesterday", "2026-13-01", "2026-11-23T22:59Z", "2026-11-23T22:59:00", "0000", "2026-1-1"]
        {
            assert!(!is_date_time(bad), "{bad}");
        }
    }

    #[test]
    fn listed_reasons_read_as_sentences() {
        assert_eq!(
            sentences(&["One.", "Not yet answered: \u{201c}Q?\u{201d}", " "]),
            "One. Not yet answered: \u{201c}Q?\u{201d}."
        );
    }

    #[test]
    fn machine_names_are_upper_camel_case() {
        assert_eq!(machine_name("low-back"), "LowBack");
        assert_eq!(machine_name("a_b-c"), "ABC");
    }

    #[test]
    fn pruning_drops_empty_values_at_every_depth() {
        let v = prune(json!({ "a": "", "b": [{ "c": "" }], "d": { "e": [] }, "f": 1 }));
        assert_eq!(v, json!({ "f": 1 }));
    }
}

#[cfg(test)]
mod hostile {
    //! A rules file at the edge of what the decoder allows still exports valid FHIR.

    use super::*;
    use crate::answers;
    use crate::engine;
    use crate::rules::{self, decode::MAX_VERSION_LEN};

    /// Spaces, `|`, a no-break space, an ideographic space, as long as allowed: all allowed in a version.
    fn hostile_version() -> String {
        let v = "1.0 beta|2\u{a0}x\u{3000}y".to_string();
        format!("{v}{}", "9".repeat(MAX_VERSION_LEN - v.chars().count()))
    }

    fn hostile_rules() -> Rules {
        let text = include_str!("../tests/fixtures/rules/minimal.json");
        let mut v: Value = serde_json::from_str(text).expect("the minimal rules are JSON");
        v["version"] = json!(hostile_version());
        v["title"] = json!("Title\u{a0}with a no-break space\u{2028}and a line separator");
        let sitting = v["questions"]
            .as_array_mut()
            .and_then(|qs| qs.iter_mut().find(|q| q["id"] == "sitting"))
            .expect("minimal.json asks `sitting`");
        sitting["min"] = json!(i32::MIN);
        sitting["max"] = json!(i32::MAX);
        // A number at the edge in an ask_if that has an exact enableWhen.
        let stiff = v["questions"]
            .as_array_mut()
            .and_then(|qs| qs.iter_mut().find(|q| q["id"] == "deadlift_stiff"))
            .expect("minimal.json asks `deadlift_stiff`");
        stiff["ask_if"] = json!({ "any": [
            { "answer": "sitting", "at_least": i32::MAX },
            { "answer": "sitting", "at_most": i32::MIN },
        ] });
        rules::parse(&v.to_string(), "hostile.json").expect("the hostile rules are allowed")
    }

    fn validator(resource: &str) -> jsonschema::Validator {
        let text = include_str!("../tests/fixtures/fhir/fhir.schema.json");
        let schema: Value = serde_json::from_str(text).expect("the schema is JSON");
        let wrapper = json!({
            "$schema": schema["$schema"],
            "$ref": format!("#/definitions/{resource}"),
            "definitions": schema["definitions"],
        });
        jsonschema::draft6::new(&wrapper).expect("the FHIR schema compiles")
    }

    #[track_caller]
    fn assert_valid(resource: &Value) {
        let kind = resource["resourceType"].as_str().expect("a resource type");
        let errors: Vec<String> = validator(kind)
            .iter_errors(resource)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{kind} is not valid FHIR R4:\n{}", errors.join("\n"));
    }

    /// Every number in `v`, which must be a 32-bit FHIR integer (or a float for decimals, of which there are none).
    fn integers(v: &Value, out: &mut Vec<i64>) {
        match v {
            Value::Number(n) => out.push(n.as_i64().unwrap_or_else(|| panic!("{n} is not a whole number"))),
            Value::Array(items) => items.iter().for_each(|i| integers(i, out)),
            Value::Object(map) => map.values().for_each(|i| integers(i, out)),
            _ => {}
        }
    }

    #[test]
    fn a_hostile_version_and_extreme_numbers_still_make_valid_fhir() {
        let rules = hostile_rules();
        let questionnaire = questionnaire(&rules);
        let answers = json!({ "answers": { "saddle": false, "weak": "none", "sitting": i32::MAX,
                                           "sports": ["lifting"], "deadlift_stiff": true, "age": 40 } });
        let file = answers::from_value(answers, &rules).expect("answers at the edge of the range fit");
        let outcome = engine::evaluate(&rules, &file.answers);
        let response = questionnaire_response(&rules, &file, &outcome, "2026-01-02T03:04:05Z", None);
        assert_valid(&questionnaire);
        assert_valid(&response);
        // The version is kept, as FHIR text; the canonical reference cannot carry it.
        assert_eq!(questionnaire["version"], fhir_string(hostile_version()));
        assert_eq!(response["questionnaire"], canonical_url(&rules));
        for resource in [&questionnaire, &response] {
            let mut numbers = Vec::new();
            integers(resource, &mut numbers);
            assert!(numbers.contains(&i64::from(i32::MAX)), "{numbers:?}");
            assert!(numbers.iter().all(|n| i32::try_from(*n).is_ok()), "{numbers:?}");
        }
    }

    #[test]
    fn a_plain_version_stays_in_the_canonical_reference() {
        let rules = rules::parse(include_str!("../tests/fixtures/rules/minimal.json"), "minimal.json")
            .expect("the minimal rules are valid");
        assert_eq!(canonical_reference(&rules), format!("{}|1", canonical_url(&rules)));
    }

    #[test]
    fn fhir_strings_keep_text_and_drop_odd_whitespace_and_controls() {
        assert_eq!(fhir_string("a b\tc\r\nd".into()), "a b\tc\r\nd");
        assert_eq!(fhir_string("a\u{a0}b\u{2028}c\u{b}d".into()), "a b c d");
        assert_eq!(fhir_string("a\u{1b}[2J".into()), "a\u{FFFD}[2J");
    }
}
