//! Skip logic as FHIRPath, for the SDC `enableWhenExpression` extension: used where `enableWhen`
//! cannot say exactly when backscreen asks a question (see the module documentation of [`super`]).
//!
//! backscreen asks a question unless its `ask_if` is *false*; an unanswered question is unknown. FHIRPath
//! has the same three values: `and`, `or` and `not()` follow Kleene's logic with the empty collection as
//! unknown. So each condition `C` becomes an expression `E` that is `true`, `false` or empty exactly when
//! `C` is true, false or unknown, and the item is enabled by `iif((E).exists(), E, true)`: not false.
//!
//! An answer is read as `%resource.repeat(item).where(linkId = 'q').answer.value`, empty when the
//! question is unanswered or answered "not sure" (which has no answer in a response), as in the engine.
//! A score is worked out as the engine does, as the lowest and highest sum the answers so far allow.

use super::NOT_SURE_EXTENSION;
use crate::condition::{Bound, Condition, Test};
use crate::rules::{QuestionKind, Rules};
use crate::value::AnswerValue;

/// The `enableWhenExpression` of an item asked when `ask_if` is not false; `None` when a part of the
/// condition has no FHIRPath form (causes and red flags, which validation keeps out of skip logic).
pub fn enable_when(rules: &Rules, ask_if: &Condition) -> Option<String> {
    let e = expression(rules, ask_if)?;
    Some(format!("iif(({e}).exists(), {e}, true)"))
}

/// The three-valued expression of `c`.
fn expression(rules: &Rules, c: &Condition) -> Option<String> {
    Some(match c {
        Condition::Answer { question, test } => {
            let q = rules.question(question)?;
            let value = answer(question);
            let choice = matches!(q.kind, QuestionKind::SingleChoice(_) | QuestionKind::MultipleChoice(_));
            let of = if choice { format!("{value}.code") } else { value.clone() };
            let test = match test {
                Test::Equals(v) => format!("{of} = {}", typed(v)?),
                Test::In(values) => {
                    let set = values.iter().map(typed).collect::<Option<Vec<_>>>()?.join(" | ");
                    format!("{of} in ({set})")
                }
                Test::Contains(choice) => format!("{of} contains {}", literal(choice)),
                Test::AtLeast(n) => format!("{of} >= {n}"),
                Test::AtMost(n) => format!("{of} <= {n}"),
            };
            // Unknown (empty) without an answer, whatever the operator makes of an empty collection.
            format!("iif({value}.exists(), {test}, {{}})")
        }
        Condition::Answered(q) => {
            format!("{}.where(answer.exists() or {}).exists()", item(q), not_sure_mark())
        }
        Condition::NotSure(q) => {
            let it = item(q);
            format!(
                "iif({it}.answer.exists(), false, iif({it}.where({}).exists(), true, {{}}))",
                not_sure_mark()
            )
        }
        Condition::Score { score, bound } => {
            let s = rules.scores.iter().find(|s| &s.id == score)?;
            let mut low = Vec::new();
            let mut high = Vec::new();
            for item in &s.items {
                let e = expression(rules, &item.when)?;
                let p = item.points;
                // Known: the points or nothing; unknown: the least (most) it could add.
                low.push(format!("iif(({e}).exists(), iif({e}, {p}, 0), {})", p.min(0)));
                high.push(format!("iif(({e}).exists(), iif({e}, {p}, 0), {})", p.max(0)));
            }
            let sum = |parts: Vec<String>| if parts.is_empty() { "0".into() } else { parts.join(" + ") };
            let (low, high) = (sum(low), sum(high));
            match bound {
                Bound::AtLeast(n) => format!("iif(({low}) >= {n}, true, iif(({high}) < {n}, false, {{}}))"),
                Bound::AtMost(n) => format!("iif(({high}) <= {n}, true, iif(({low}) > {n}, false, {{}}))"),
            }
        }
        Condition::Cause { .. } | Condition::RedFlag(_) => return None,
        Condition::All(parts) if parts.is_empty() => "true".into(),
        Condition::Any(parts) if parts.is_empty() => "false".into(),
        Condition::All(parts) => join(rules, parts, " and ")?,
        Condition::Any(parts) => join(rules, parts, " or ")?,
        Condition::Not(inner) => format!("({}).not()", expression(rules, inner)?),
    })
}

fn join(rules: &Rules, parts: &[Condition], op: &str) -> Option<String> {
    let parts =
        parts.iter().map(|p| expression(rules, p).map(|e| format!("({e})"))).collect::<Option<Vec<_>>>()?;
    Some(parts.join(op))
}

fn item(question: &str) -> String {
    format!("%resource.repeat(item).where(linkId = {})", literal(question))
}

fn answer(question: &str) -> String {
    format!("{}.answer.value", item(question))
}

fn not_sure_mark() -> String {
    format!("extension.where(url = {}).exists()", literal(NOT_SURE_EXTENSION))
}

/// One answer as a FHIRPath literal: a choice's code, a number or a boolean.
fn typed(v: &AnswerValue) -> Option<String> {
    match v {
        AnswerValue::Bool(b) => Some(b.to_string()),
        AnswerValue::Number(n) => Some(n.to_string()),
        AnswerValue::Choice(c) => Some(literal(c)),
        // A whole set of choices (rare in skip logic) has no form here: the item is then shown.
        AnswerValue::Choices(_) | AnswerValue::NotSure => None,
    }
}

/// A FHIRPath string literal. Ids are `[a-z0-9_]` and URLs plain, but escape anyway.
fn literal(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}
