//! Which way each answer pushes a red flag: the polarity analysis behind the rule that a
//! "yes" never switches a red flag off.
//!
//! A red flag may only look for answers that raise concern: a "yes", a ticked choice, a
//! score reaching up to a bound. `not`, `equals: false`, the exclusive "none" choice and
//! `at_most` on a score turn the direction round, and a negative score point turns its
//! item round. A condition in which every yes/no question and every choice occurs the
//! right way round can only go from false to true as answers move up (no to yes, "none"
//! to a choice, one more choice ticked), so the analysis is a proof of that property.
//! Numbers have no "yes" side (an age is a concern when low as well as when high), the
//! choices of a single-choice question are alternatives rather than more or less (better,
//! the same, worse), and "not sure" is false for both yes and no: none of these counts. The skip logic of the
//! questions a flag reads counts too: a yes that hides one of them would unanswer it.

use super::model::{QuestionKind, Rules};
use crate::condition::{Bound, Condition, Test};
use crate::diagnostics::{Problem, index, join};
use crate::value::AnswerValue;
use std::collections::HashSet;

/// One place where moving an answer up could switch red flag `flag` off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reversed {
    pub flag: usize,
    /// Question index.
    pub question: usize,
    /// Where in the file the reversed test is.
    pub path: String,
}

/// Every reversed test in every red flag, in file order.
pub fn reversed(rules: &Rules) -> Vec<Reversed> {
    let mut out = Vec::new();
    for (flag, f) in rules.red_flags.iter().enumerate() {
        let mut walk = Walk { rules, flag, out: &mut out, opened: HashSet::new() };
        walk.condition(&f.when, &join(&index("red_flags", flag), "when"), true);
    }
    out
}

/// The problems for `rules check` and every load: one per reversed test.
pub fn problems(rules: &Rules) -> Vec<Problem> {
    reversed(rules)
        .into_iter()
        .map(|r| Problem {
            message: format!(
                "red flag `{}` could be switched off by {}; a red flag may only look for a yes, a ticked \
                 choice or a score reaching up (ask about what raises concern, not about its absence)",
                rules.red_flags[r.flag].id,
                raising(rules, r.question)
            ),
            path: r.path,
        })
        .collect()
}

/// What moving question `q`'s answer up means, in words.
pub fn raising(rules: &Rules, q: usize) -> String {
    let question = &rules.questions[q];
    match &question.kind {
        QuestionKind::YesNo => format!("answering yes to `{}`", question.id),
        _ => format!("ticking one more choice of `{}`", question.id),
    }
}

struct Walk<'a, 'o> {
    rules: &'a Rules,
    flag: usize,
    out: &'o mut Vec<Reversed>,
    /// Questions whose skip logic has been looked at, so each is looked at once.
    opened: HashSet<usize>,
}

impl Walk<'_, '_> {
    /// `up`: the condition pushes the flag towards firing when it is true.
    fn condition(&mut self, c: &Condition, path: &str, up: bool) {
        match c {
            Condition::All(parts) | Condition::Any(parts) => {
                let key = if matches!(c, Condition::All(_)) { "all" } else { "any" };
                for (i, p) in parts.iter().enumerate() {
                    self.condition(p, &index(&join(path, key), i), up);
                }
            }
            Condition::Not(inner) => self.condition(inner, &join(path, "not"), !up),
            Condition::Answer { question, test } => {
                let Some(q) = self.rules.question_index(question) else { return };
                if let Some(key) = self.test(q, test, up) {
                    self.out.push(Reversed { flag: self.flag, question: q, path: join(path, key) });
                }
                self.skip_logic(q);
            }
            Condition::NotSure(question) | Condition::Answered(question) => {
                if let Some(q) = self.rules.question_index(question) {
                    self.skip_logic(q);
                }
            }
            Condition::Score { score, bound } => {
                let Some(s) = self.rules.scores.iter().position(|s| &s.id == score) else { return };
                let reaching_up = matches!(bound, Bound::AtLeast(_));
                for (i, item) in self.rules.scores[s].items.iter().enumerate() {
                    let item_up = up == reaching_up;
                    let item_up = if item.points < 0 { !item_up } else { item_up };
                    if item.points != 0 {
                        let at = join(&index(&join(&index("scores", s), "items"), i), "when");
                        self.condition(&item.when, &at, item_up);
                    }
                }
            }
            // Validation keeps these out of red flags and reports them there.
            Condition::Cause { .. } | Condition::RedFlag(_) => {}
        }
    }

    /// The key of a test that points the wrong way, if it does.
    fn test(&self, q: usize, test: &Test, up: bool) -> Option<&'static str> {
        let choices = self.rules.questions[q].kind.choices();
        let exclusive = |id: &str| choices.iter().any(|c| c.id == id && c.exclusive);
        let (key, rising) = match test {
            Test::Equals(AnswerValue::Bool(b)) => ("equals", *b),
            Test::Contains(c) => ("contains", !exclusive(c)),
            // The choices of a single choice are alternatives, with no way up; numbers have
            // no direction either (and validation reports any other test).
            _ => return None,
        };
        (rising != up).then_some(key)
    }

    /// A question the flag reads must not be hidden by a yes elsewhere: its skip logic
    /// has to point the same way as asking it.
    fn skip_logic(&mut self, q: usize) {
        if !self.opened.insert(q) {
            return;
        }
        if let Some(ask_if) = &self.rules.questions[q].ask_if {
            self.condition(ask_if, &join(&index("questions", q), "ask_if"), true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::with_flag;
    use serde_json::json;

    fn paths(rules: &Rules) -> Vec<String> {
        reversed(rules).into_iter().filter(|r| r.flag == 4).map(|r| r.path).collect()
    }

    #[test]
    fn a_red_flag_that_looks_for_yes_answers_and_ticked_choices_points_one_way() {
        let r = with_flag(
            json!({ "all": [
                { "answer": "saddle", "equals": true },
                { "answer": "sports", "contains": "running" },
                { "answer": "age", "at_most": 20 },
                { "score": "worry", "at_least": 1 },
                { "not_sure": "worse" } ] }),
            |_| {},
        );
        assert_eq!(paths(&r), Vec::<String>::new());
    }

    #[test]
    fn equals_false_not_and_the_none_choice_reverse_a_test() {
        let r = with_flag(
            json!({ "any": [
                { "answer": "saddle", "equals": false },
                { "not": { "answer": "saddle", "equals": true } },
                { "answer": "sports", "contains": "neither" },
                { "not": { "not": { "answer": "sports", "contains": "lifting" } } } ] }),
            |_| {},
        );
        assert_eq!(
            paths(&r),
            [
                "red_flags[4].when.any[0].equals",
                "red_flags[4].when.any[1].not.equals",
                "red_flags[4].when.any[2].contains"
            ]
        );
    }

    #[test]
    fn at_most_on_a_score_and_a_negative_point_reverse_the_items_they_count() {
        let r = with_flag(json!({ "score": "flags", "at_most": 0 }), |v| {
            v["scores"].as_array_mut().expect("list").push(
                json!({ "id": "flags", "name": "Flags", "items": [
                { "when": { "answer": "saddle", "equals": true }, "points": 1 },
                { "when": { "answer": "worse", "equals": true }, "points": -1 } ] }),
            );
        });
        assert_eq!(paths(&r), ["scores[1].items[0].when.equals"]);
    }

    #[test]
    fn a_yes_that_hides_a_question_the_flag_reads_reverses_it() {
        let when = json!({ "all": [
            { "answer": "sports", "contains": "running" }, { "answer": "deadlift_stiff", "equals": true } ] });
        let r = with_flag(when, |v| {
            v["questions"][7]["ask_if"] = json!({ "answer": "sports", "contains": "neither" });
        });
        assert_eq!(paths(&r), ["questions[7].ask_if.contains"]);
    }

    #[test]
    fn the_choices_of_a_single_choice_are_alternatives_with_no_way_up() {
        let r = with_flag(json!({ "not": { "answer": "weak", "in": ["one", "both"] } }), |_| {});
        assert_eq!(paths(&r), Vec::<String>::new());
    }
}
