//! FHIR R4 import: a `QuestionnaireResponse` to backscreen's `Questionnaire`, from backscreen itself or
//! from any SDC form filler (LHC-Forms, for example), read back as an answers file.
//!
//! The response's items are checked against the Questionnaire the rules export ([`super::questionnaire`]),
//! not against a second description of it: a group or display item must be one of its groups or
//! displays, a question item one of its questions, and each answer of the type the question takes
//! (`valueBoolean`, a `valueCoding` of one of its choices, `valueInteger`). Anything else is refused,
//! naming the item. The values are then checked as any answers file's are (ranges, exclusive choices),
//! so a response can never carry what an answers file could not.
//!
//! A question answered "not sure" has no answer and the extension [`super::NOT_SURE_EXTENSION`]; a
//! question with neither was not answered.

use super::{NOT_SURE_EXTENSION, canonical_url, choice_system};
use crate::answers::{self, AnswersFile};
use crate::diagnostics::{Problem, index, join, kind};
use crate::rules::{QuestionKind, Rules};
use crate::sanitize::quote;
use crate::value::NOT_SURE;
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// The answers a `QuestionnaireResponse` gives, as an answers file (its status, time and rules version
/// kept as an answers file keeps them).
pub fn answers(response: &Value, rules: &Rules) -> Result<AnswersFile, Vec<Problem>> {
    let kinds = rules.fhir_items.get_or_init(|| {
        let mut kinds = HashMap::new();
        collect_link_ids(&super::questionnaire(rules), &mut kinds);
        kinds
    });
    let mut r = Reader { rules, problems: Vec::new(), answers: Map::new(), kinds };
    let other = r.header(response);
    match response.get("item") {
        None => {}
        Some(Value::Array(items)) => r.items(items, "item"),
        Some(v) => r.problem("item".into(), format!("expected a list of items, found {}", kind(v))),
    }
    if !r.problems.is_empty() {
        return Err(r.problems);
    }
    let mut file = other;
    file.insert("answers".into(), Value::Object(r.answers));
    // Ranges, choices and exclusive "none" choices are checked as for any answers file.
    answers::from_value(Value::Object(file), rules)
}

/// What kind of item each linkId of the Questionnaire is: `group`, `display`, or a question's type.
fn collect_link_ids(item: &Value, out: &mut HashMap<String, String>) {
    if let (Some(id), Some(t)) = (item.get("linkId").and_then(Value::as_str), item.get("type")) {
        out.insert(id.to_string(), t.as_str().unwrap_or_default().to_string());
    }
    for child in item.get("item").and_then(Value::as_array).into_iter().flatten() {
        collect_link_ids(child, out);
    }
}

struct Reader<'a> {
    rules: &'a Rules,
    problems: Vec<Problem>,
    /// In answers-file form: question id to JSON value.
    answers: Map<String, Value>,
    kinds: &'a HashMap<String, String>,
}

impl Reader<'_> {
    fn problem(&mut self, path: String, message: String) {
        self.problems.push(Problem { path, message });
    }

    /// Checks which questionnaire the response answers, and keeps its status, time and version in
    /// the answers file's own keys.
    fn header(&mut self, response: &Value) -> Map<String, Value> {
        let mut other = Map::new();
        let url = canonical_url(self.rules);
        match response.get("questionnaire").and_then(Value::as_str) {
            None => self.problem(
                "questionnaire".into(),
                format!("missing `questionnaire`: a response to backscreen's questionnaire names {url}"),
            ),
            Some(named) => {
                let (base, version) = match named.split_once('|') {
                    Some((b, v)) => (b, Some(v)),
                    None => (named, None),
                };
                if base != url {
                    self.problem(
                        "questionnaire".into(),
                        format!(
                            "this response answers the questionnaire `{}`, not this one ({url}); pass the \
                             rules it was made from with --rules",
                            quote(named)
                        ),
                    );
                }
                let mut rules = json!({ "id": self.rules.id });
                if let Some(v) = version {
                    rules["version"] = json!(v);
                }
                other.insert("rules".into(), rules);
            }
        }
        let status = match response.get("status").and_then(Value::as_str) {
            Some("completed") | Some("amended") => "complete",
            Some("stopped") => "stopped_at_emergency",
            _ => "incomplete",
        };
        other.insert("status".into(), json!(status));
        if let Some(at) = response.get("authored").and_then(Value::as_str) {
            other.insert("saved_at".into(), json!(at));
        }
        other
    }

    fn items(&mut self, items: &[Value], path: &str) {
        for (i, item) in items.iter().enumerate() {
            self.item(item, &index(path, i));
        }
    }

    fn item(&mut self, item: &Value, path: &str) {
        let Some(link_id) = item.get("linkId").and_then(Value::as_str) else {
            self.problem(path.into(), "an item without a `linkId`".into());
            return;
        };
        let Some(kind_of) = self.kinds.get(link_id).cloned() else {
            self.problem(
                path.into(),
                format!(
                    "item `{}` is not in backscreen's questionnaire `{}`; is this a response to another form?",
                    quote(link_id),
                    self.rules.id
                ),
            );
            return;
        };
        if let Some(children) = item.get("item").and_then(Value::as_array) {
            self.items(children, &join(path, "item"));
        }
        let answers = item.get("answer").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
        if kind_of == "group" || kind_of == "display" {
            if !answers.is_empty() {
                self.problem(path.into(), format!("item `{link_id}` is a {kind_of} and takes no answer"));
            }
            return;
        }
        let Some(q) = self.rules.question(link_id) else { return };
        if self.answers.contains_key(link_id) {
            self.problem(path.into(), format!("question `{link_id}` is answered twice"));
            return;
        }
        let not_sure = item
            .get("extension")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .any(|e| e.get("url").and_then(Value::as_str) == Some(NOT_SURE_EXTENSION));
        if answers.is_empty() {
            if not_sure {
                self.answers.insert(link_id.into(), json!(NOT_SURE));
            }
            return;
        }
        let at = |i: usize| index(&join(path, "answer"), i);
        let (field, wanted) = match &q.kind {
            QuestionKind::YesNo => ("valueBoolean", "a yes/no question"),
            QuestionKind::SingleChoice(_) => ("valueCoding", "a question with one choice"),
            QuestionKind::MultipleChoice(_) => ("valueCoding", "a question with several choices"),
            QuestionKind::Number { .. } | QuestionKind::Scale => ("valueInteger", "a number question"),
        };
        let mut values = Vec::new();
        for (i, a) in answers.iter().enumerate() {
            let Some(v) = a.get(field) else {
                let found = a
                    .as_object()
                    .and_then(|o| o.keys().find(|k| k.starts_with("value")).cloned())
                    .unwrap_or_else(|| "no value".into());
                self.problem(
                    at(i),
                    format!("question `{link_id}` is {wanted}: expected {field}, found `{}`", quote(&found)),
                );
                continue;
            };
            match self.value(link_id, &q.kind, v) {
                Ok(v) => values.push(v),
                Err(message) => self.problem(at(i), message),
            }
        }
        if values.len() != answers.len() {
            return;
        }
        let value = match &q.kind {
            QuestionKind::MultipleChoice(_) => Value::Array(values),
            _ if values.len() > 1 => {
                self.problem(
                    path.into(),
                    format!("question `{link_id}` takes one answer, found {}", values.len()),
                );
                return;
            }
            _ => values.remove(0),
        };
        self.answers.insert(link_id.into(), value);
    }

    /// One answer's value in answers-file form.
    fn value(&self, link_id: &str, q: &QuestionKind, v: &Value) -> Result<Value, String> {
        match q {
            QuestionKind::YesNo => v
                .as_bool()
                .map(Value::Bool)
                .ok_or_else(|| format!("expected true or false, found {}", kind(v))),
            QuestionKind::Number { .. } | QuestionKind::Scale => v
                .as_i64()
                .map(|n| json!(n))
                .ok_or_else(|| format!("expected a whole number, found {}", kind(v))),
            QuestionKind::SingleChoice(choices) | QuestionKind::MultipleChoice(choices) => {
                let code = v.get("code").and_then(Value::as_str).ok_or("a coding without a `code`")?;
                let system = choice_system(self.rules, link_id);
                if let Some(s) = v.get("system").and_then(Value::as_str)
                    && s != system
                {
                    return Err(format!("the code system `{}` is not this question's ({system})", quote(s)));
                }
                if !choices.iter().any(|c| c.id == code) {
                    let known: Vec<&str> = choices.iter().map(|c| c.id.as_str()).collect();
                    return Err(format!(
                        "`{}` is not a choice of `{link_id}`; its choices: {}",
                        quote(code),
                        known.join(", ")
                    ));
                }
                Ok(json!(code))
            }
        }
    }
}
