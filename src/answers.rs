//! Answers files: `{"answers": {question_id: value}, ...}`, read strictly against the rules.
//!
//! Other top-level keys (the rules id and version, status, timestamps written by the
//! interview) are kept as they are, so a file can be read, extended and saved again.

use crate::diagnostics::{Lines, Problem, join, kind};
use crate::input::{self, InputError, SyntaxError};
use crate::rules::{QuestionKind, Rules, value_fits};
use crate::sanitize::quote;
use serde_json::{Map, Value};
use std::path::Path;
use thiserror::Error;

pub use crate::value::{AnswerValue, Answers, NOT_SURE};

/// The whole file: the answers and any other keys, kept.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnswersFile {
    pub answers: Answers,
    pub other: Map<String, Value>,
}

#[derive(Debug, Error)]
pub enum AnswersError {
    #[error("answers file {file}: {source}")]
    Read { file: String, source: InputError },
    #[error("answers file {file}:{}:{}: {}", .error.line, .error.column, .error.message)]
    Syntax { file: String, error: SyntaxError },
    #[error("{}", Lines::new("answers", .file, .problems))]
    Invalid { file: String, problems: Vec<Problem> },
}

/// Reads an answers file (or stdin for `-`), or a FHIR QuestionnaireResponse, and checks it
/// against the rules.
pub fn load(path: &Path, rules: &Rules) -> Result<AnswersFile, AnswersError> {
    let file = if path == Path::new("-") { "<stdin>".to_string() } else { path.display().to_string() };
    let text = input::read_text(path).map_err(|source| AnswersError::Read { file: file.clone(), source })?;
    parse(&text, &file, rules)
}

/// Reads an answers file to continue it and save it again (`--resume`). A FHIR resource is
/// refused: saving would replace it with an answers file, and the response, with its result,
/// would be lost.
pub fn load_to_resume(path: &Path, rules: &Rules) -> Result<AnswersFile, AnswersError> {
    let file = path.display().to_string();
    let text = input::read_text(path).map_err(|source| AnswersError::Read { file: file.clone(), source })?;
    let value =
        input::parse_json(&text).map_err(|error| AnswersError::Syntax { file: file.clone(), error })?;
    if value.get("resourceType").is_some() {
        let message =
            "a FHIR resource cannot be resumed: saving would replace it with an answers file; read it \
                       with `backscreen evaluate`, or start a new screening with --save"
                .to_string();
        return Err(AnswersError::Invalid {
            file,
            problems: vec![Problem { path: "resourceType".into(), message }],
        });
    }
    from_value(value, rules).map_err(|problems| AnswersError::Invalid { file, problems })
}

pub fn parse(text: &str, file: &str, rules: &Rules) -> Result<AnswersFile, AnswersError> {
    let value = input::parse_json(text).map_err(|error| AnswersError::Syntax { file: file.into(), error })?;
    from_value(value, rules).map_err(|problems| AnswersError::Invalid { file: file.into(), problems })
}

pub fn from_value(value: Value, rules: &Rules) -> Result<AnswersFile, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut problem = |path: String, message: String| problems.push(Problem { path, message });
    // A FHIR QuestionnaireResponse (from `evaluate --format fhir` or a form filler) is read too.
    match value.get("resourceType").and_then(Value::as_str) {
        Some("QuestionnaireResponse") => return crate::fhir::read::answers(&value, rules),
        Some(other) => {
            let message = format!(
                "a FHIR `{}` is not an answers file; backscreen reads answers files and FHIR QuestionnaireResponses",
                quote(other)
            );
            return Err(vec![Problem { path: "resourceType".into(), message }]);
        }
        None => {}
    }
    let Value::Object(mut other) = value else {
        problem(
            String::new(),
            format!("expected a JSON object with an `answers` object, found {}", kind(&value)),
        );
        return Err(problems);
    };
    let Some(raw) = other.remove("answers") else {
        problem(
            String::new(),
            "missing `answers`: expected {\"answers\": {\"question_id\": value, ...}}".into(),
        );
        return Err(problems);
    };
    let Value::Object(raw) = raw else {
        problem("answers".into(), format!("expected an object of question ids, found {}", kind(&raw)));
        return Err(problems);
    };
    if let Some(id) = other.get("rules").and_then(|r| r.get("id")).and_then(Value::as_str)
        && id != rules.id
    {
        problem(
            "rules.id".into(),
            format!(
                "these answers are for rules `{}`, but the rules in use are `{}`; pass --rules",
                quote(id),
                rules.id
            ),
        );
    }
    let mut answers = Answers::new();
    for (id, v) in raw {
        // The path is built only for a problem: this loop runs for every answer of a batch.
        let path = || join("answers", &id);
        let Some(q) = rules.question(&id) else {
            problem(path(), format!("no question has the id `{}` in rules `{}`", quote(&id), rules.id));
            continue;
        };
        match read_value(&q.kind, &v) {
            Err(message) => problem(path(), format!("`{id}`: {message}")),
            Ok(None) => {}
            Ok(Some(value)) => match check(q, &value) {
                Some(message) => problem(path(), message),
                None => {
                    answers.insert(id, value);
                }
            },
        }
    }
    if problems.is_empty() { Ok(AnswersFile { answers, other }) } else { Err(problems) }
}

/// The JSON form each question type takes; `null` means not answered.
fn read_value(q: &QuestionKind, v: &Value) -> Result<Option<AnswerValue>, String> {
    let value = match (q, v) {
        (_, Value::Null) => return Ok(None),
        (_, Value::String(s)) if s == NOT_SURE => AnswerValue::NotSure,
        (QuestionKind::YesNo, Value::Bool(b)) => AnswerValue::Bool(*b),
        (QuestionKind::SingleChoice(_), Value::String(s)) => AnswerValue::Choice(s.clone()),
        (QuestionKind::MultipleChoice(_), Value::Array(items)) => AnswerValue::Choices(
            items
                .iter()
                .map(|i| {
                    i.as_str()
                        .map(str::to_string)
                        .ok_or_else(|| format!("expected choice ids, found {}", kind(i)))
                })
                .collect::<Result<_, _>>()?,
        ),
        (kind @ (QuestionKind::Number { .. } | QuestionKind::Scale), Value::Number(n)) => {
            AnswerValue::Number(n.as_i64().ok_or_else(|| {
                let (min, max) = kind.range().unwrap_or_default();
                // Past i64, serde_json reads a number as a float: 99999999999999999999 arrives as 1e20.
                if n.is_u64() || n.as_f64().is_some_and(|f| f.abs() >= 9.223_372_036_854_776e18) {
                    format!("a number too large; expected a whole number from {min} to {max}")
                } else {
                    format!("expected a whole number, found {n}")
                }
            })?)
        }
        (q, v) => {
            let expected = match q {
                QuestionKind::YesNo => "true or false",
                QuestionKind::SingleChoice(_) => "a choice id (a string)",
                QuestionKind::MultipleChoice(_) => "a list of choice ids",
                _ => "a whole number",
            };
            return Err(format!("expected {expected} (or \"{NOT_SURE}\"), found {}", kind(v)));
        }
    };
    Ok(Some(value))
}

/// Why an answer does not fit its question, if it does not.
pub fn check(q: &crate::rules::Question, value: &AnswerValue) -> Option<String> {
    let AnswerValue::Choices(chosen) = value else {
        if let AnswerValue::Choice(c) = value {
            return unknown_choice(q, c);
        }
        return value_fits(q, value).map(|m| format!("`{}`: {m}", q.id));
    };
    for (i, c) in chosen.iter().enumerate() {
        if let Some(m) = unknown_choice(q, c) {
            return Some(m);
        }
        if chosen[..i].contains(c) {
            return Some(format!("`{}`: `{c}` is chosen twice", q.id));
        }
    }
    let exclusive = q.kind.choices().iter().find(|c| c.exclusive);
    match exclusive {
        Some(x) if chosen.len() > 1 && chosen.contains(&x.id) => {
            Some(format!("`{}`: `{}` cannot be chosen together with other choices", q.id, x.id))
        }
        _ => None,
    }
}

/// Why `c` is not a choice of `q`, if it is not. `c` comes from the file, so it is quoted
/// (shortened, control characters shown as escapes): one line, however long or odd.
fn unknown_choice(q: &crate::rules::Question, c: &str) -> Option<String> {
    let ids: Vec<&str> = q.kind.choices().iter().map(|x| x.id.as_str()).collect();
    if ids.is_empty() {
        // Not a choice question: no file gets here (`read_value` refuses a string first).
        return value_fits(q, &AnswerValue::Choice(c.to_string())).map(|m| format!("`{}`: {m}", q.id));
    }
    (!ids.contains(&c)).then(|| {
        format!(
            "`{}`: `{}` is not a choice of `{}`; its choices are: {}",
            q.id,
            quote(c),
            q.id,
            ids.join(", ")
        )
    })
}

impl AnswersFile {
    /// The file as JSON: other keys first, then `answers`.
    pub fn to_json(&self) -> Value {
        let mut map = self.other.clone();
        map.insert("answers".into(), serde_json::to_value(&self.answers).unwrap_or_default());
        Value::Object(map)
    }
}
