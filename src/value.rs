//! One answer, and the answers of one person: the values every other module shares.
//!
//! Kept apart from reading answers files (`answers`) and rules files (`rules`), which
//! both need it.

use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

/// The JSON string an answers file holds for "not sure". Reserved: no choice may take
/// it as its id.
pub const NOT_SURE: &str = "not_sure";

/// One answer: yes/no, a choice, several choices, a whole number, or "not sure".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerValue {
    Bool(bool),
    Choice(String),
    Choices(Vec<String>),
    Number(i64),
    /// The person was asked and said they are not sure: recorded, but unknown to every
    /// condition, never taken as "no".
    NotSure,
}

impl AnswerValue {
    pub fn is_not_sure(&self) -> bool {
        matches!(self, AnswerValue::NotSure)
    }
}

impl Serialize for AnswerValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            AnswerValue::Bool(b) => s.serialize_bool(*b),
            AnswerValue::Choice(c) => s.serialize_str(c),
            AnswerValue::Choices(cs) => cs.serialize(s),
            AnswerValue::Number(n) => s.serialize_i64(*n),
            AnswerValue::NotSure => s.serialize_str(NOT_SURE),
        }
    }
}

/// Answers by question id. A question missing from the map was not asked.
pub type Answers = BTreeMap<String, AnswerValue>;
