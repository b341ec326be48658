//! The condition language shared by skip logic, scores, red flags, cause evidence
//! and recommendations, evaluated in three-valued (Kleene) logic.
//!
//! An unanswered question is unknown, never "no". Kleene logic is monotone: a
//! condition that is true (or false) on some answers stays so when more answers
//! are added. That property is what guarantees that adding a red-flag answer can
//! never switch a fired red flag off.

use crate::value::AnswerValue;

#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    Answer {
        question: String,
        test: Test,
    },
    Answered(String),
    /// The question was answered "not sure" (false for any other answer).
    NotSure(String),
    Score {
        score: String,
        bound: Bound,
    },
    Cause {
        cause: String,
        bound: Bound,
    },
    /// The red flag with this id fires (true), is ruled out (false), or is open (unknown).
    RedFlag(String),
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
}

/// What is checked of one question's answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    Equals(AnswerValue),
    In(Vec<AnswerValue>),
    Contains(String),
    AtLeast(i64),
    AtMost(i64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    AtLeast(i64),
    AtMost(i64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    True,
    False,
    Unknown,
}

impl Truth {
    pub fn is_true(self) -> bool {
        self == Truth::True
    }

    fn from_bool(b: bool) -> Truth {
        if b { Truth::True } else { Truth::False }
    }

    fn not(self) -> Truth {
        match self {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            Truth::Unknown => Truth::Unknown,
        }
    }
}

/// A range that a partly-known sum lies in: `low` counts only what is known,
/// `high` assumes every unknown item goes the sum's way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Range {
    pub low: i64,
    pub high: i64,
}

impl Range {
    pub fn add(&mut self, truth: Truth, points: i64) {
        match truth {
            // Saturating: a huge value in a rules file must not wrap round and hide a red flag.
            Truth::True => {
                self.low = self.low.saturating_add(points);
                self.high = self.high.saturating_add(points);
            }
            Truth::Unknown => {
                self.low = self.low.saturating_add(points.min(0));
                self.high = self.high.saturating_add(points.max(0));
            }
            Truth::False => {}
        }
    }

    fn compare(self, bound: Bound) -> Truth {
        match bound {
            Bound::AtLeast(n) if self.low >= n => Truth::True,
            Bound::AtLeast(n) if self.high < n => Truth::False,
            Bound::AtMost(n) if self.high <= n => Truth::True,
            Bound::AtMost(n) if self.low > n => Truth::False,
            _ => Truth::Unknown,
        }
    }
}

/// What a condition can look at.
pub trait Facts {
    fn answer(&self, question: &str) -> Option<&AnswerValue>;
    fn score(&self, score: &str) -> Range;
    fn cause(&self, cause: &str) -> Range;
    /// Whether red flag `flag` fires. Only recommendations may ask (validation sees to
    /// it), so facts that serve nothing else need not know: unknown, never "no".
    fn red_flag(&self, _flag: &str) -> Truth {
        Truth::Unknown
    }
}

impl Condition {
    pub fn eval(&self, facts: &dyn Facts) -> Truth {
        match self {
            Condition::Answer { question, test } => match facts.answer(question) {
                // "Not sure" is unknown, never "no".
                None | Some(AnswerValue::NotSure) => Truth::Unknown,
                Some(value) => Truth::from_bool(test.holds(value)),
            },
            Condition::Answered(q) => Truth::from_bool(facts.answer(q).is_some()),
            Condition::NotSure(q) => match facts.answer(q) {
                None => Truth::Unknown,
                Some(value) => Truth::from_bool(value.is_not_sure()),
            },
            Condition::Score { score, bound } => facts.score(score).compare(*bound),
            Condition::Cause { cause, bound } => facts.cause(cause).compare(*bound),
            Condition::RedFlag(flag) => facts.red_flag(flag),
            Condition::All(parts) => {
                let mut result = Truth::True;
                for part in parts {
                    match part.eval(facts) {
                        Truth::False => return Truth::False,
                        Truth::Unknown => result = Truth::Unknown,
                        Truth::True => {}
                    }
                }
                result
            }
            Condition::Any(parts) => {
                let mut result = Truth::False;
                for part in parts {
                    match part.eval(facts) {
                        Truth::True => return Truth::True,
                        Truth::Unknown => result = Truth::Unknown,
                        Truth::False => {}
                    }
                }
                result
            }
            Condition::Not(inner) => inner.eval(facts).not(),
        }
    }

    /// The questions whose answers make this (true) condition true: for `any`,
    /// the first part that holds; for `all`, every part; under `not`, every
    /// question it looks at.
    pub fn witnesses<'a>(&'a self, facts: &dyn Facts, out: &mut Vec<&'a str>) {
        match self {
            Condition::Answer { question, .. }
            | Condition::Answered(question)
            | Condition::NotSure(question) => push_unique(out, question),
            Condition::All(parts) => parts.iter().for_each(|p| p.witnesses(facts, out)),
            Condition::Any(parts) => {
                if let Some(p) = parts.iter().find(|p| p.eval(facts).is_true()) {
                    p.witnesses(facts, out)
                }
            }
            Condition::Not(inner) => inner.for_each_question(&mut |q| push_unique(out, q)),
            // A score's, cause's or red flag's own conditions say which answers counted.
            Condition::Score { .. } | Condition::Cause { .. } | Condition::RedFlag(_) => {}
        }
    }

    /// Calls `f` with every question this condition names directly.
    pub fn for_each_question<'a>(&'a self, f: &mut dyn FnMut(&'a str)) {
        self.walk(&mut |c| {
            if let Condition::Answer { question, .. }
            | Condition::Answered(question)
            | Condition::NotSure(question) = c
            {
                f(question)
            }
        });
    }

    /// Calls `f` with this condition and every condition nested in it.
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Condition)) {
        f(self);
        match self {
            Condition::All(parts) | Condition::Any(parts) => {
                parts.iter().for_each(|p| p.walk(f));
            }
            Condition::Not(inner) => inner.walk(f),
            _ => {}
        }
    }
}

fn push_unique<'a>(out: &mut Vec<&'a str>, q: &'a str) {
    if !out.contains(&q) {
        out.push(q);
    }
}

impl Test {
    pub(crate) fn holds(&self, value: &AnswerValue) -> bool {
        match (self, value) {
            (Test::Equals(expected), value) => expected == value,
            (Test::In(options), value) => options.contains(value),
            (Test::Contains(choice), AnswerValue::Choices(chosen)) => chosen.contains(choice),
            (Test::AtLeast(n), AnswerValue::Number(v)) => v >= n,
            (Test::AtMost(n), AnswerValue::Number(v)) => v <= n,
            // Validation rules out mismatched types; treat any that slip through as not holding.
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[derive(Default)]
    struct Given {
        answers: HashMap<String, AnswerValue>,
        scores: HashMap<String, Range>,
        flags: HashMap<String, Truth>,
    }

    impl Facts for Given {
        fn answer(&self, q: &str) -> Option<&AnswerValue> {
            self.answers.get(q)
        }
        fn score(&self, s: &str) -> Range {
            self.scores.get(s).copied().unwrap_or_default()
        }
        fn cause(&self, _: &str) -> Range {
            Range::default()
        }
        fn red_flag(&self, flag: &str) -> Truth {
            self.flags.get(flag).copied().unwrap_or(Truth::Unknown)
        }
    }

    fn given(pairs: &[(&str, AnswerValue)]) -> Given {
        Given { answers: pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(), ..Given::default() }
    }

    fn yes(q: &str) -> Condition {
        Condition::Answer { question: q.into(), test: Test::Equals(AnswerValue::Bool(true)) }
    }

    #[test]
    fn an_unanswered_question_is_unknown_not_no() {
        assert_eq!(yes("fever").eval(&given(&[])), Truth::Unknown);
        assert_eq!(Condition::Not(Box::new(yes("fever"))).eval(&given(&[])), Truth::Unknown);
    }

    #[test]
    fn any_is_true_as_soon_as_one_part_is_true_even_with_unknowns() {
        let c = Condition::Any(vec![yes("a"), yes("b")]);
        assert_eq!(c.eval(&given(&[("b", AnswerValue::Bool(true))])), Truth::True);
        assert_eq!(c.eval(&given(&[("b", AnswerValue::Bool(false))])), Truth::Unknown);
    }

    #[test]
    fn all_is_false_as_soon_as_one_part_is_false_even_with_unknowns() {
        let c = Condition::All(vec![yes("a"), yes("b")]);
        assert_eq!(c.eval(&given(&[("a", AnswerValue::Bool(false))])), Truth::False);
        assert_eq!(c.eval(&given(&[("a", AnswerValue::Bool(true))])), Truth::Unknown);
    }

    #[test]
    fn not_sure_is_unknown_to_every_test_and_true_only_for_the_not_sure_condition() {
        let f = given(&[("fever", AnswerValue::NotSure)]);
        assert_eq!(yes("fever").eval(&f), Truth::Unknown, "not sure is never taken as no");
        assert_eq!(Condition::Not(Box::new(yes("fever"))).eval(&f), Truth::Unknown);
        assert_eq!(Condition::NotSure("fever".into()).eval(&f), Truth::True);
        assert_eq!(Condition::NotSure("fever".into()).eval(&given(&[])), Truth::Unknown);
        let no = given(&[("fever", AnswerValue::Bool(false))]);
        assert_eq!(Condition::NotSure("fever".into()).eval(&no), Truth::False);
    }

    #[test]
    fn answered_is_never_unknown() {
        let c = Condition::Answered("age".into());
        assert_eq!(c.eval(&given(&[])), Truth::False);
        assert_eq!(c.eval(&given(&[("age", AnswerValue::Number(40))])), Truth::True);
    }

    #[test]
    fn number_tests_compare_inclusively() {
        let f = given(&[("age", AnswerValue::Number(50))]);
        let at_least = |n| Condition::Answer { question: "age".into(), test: Test::AtLeast(n) };
        let at_most = |n| Condition::Answer { question: "age".into(), test: Test::AtMost(n) };
        assert!(at_least(50).eval(&f).is_true());
        assert_eq!(at_least(51).eval(&f), Truth::False);
        assert!(at_most(50).eval(&f).is_true());
    }

    #[test]
    fn contains_and_in_look_at_choices() {
        let f = given(&[
            ("sport", AnswerValue::Choices(vec!["running".into(), "lifting".into()])),
            ("leg", AnswerValue::Choice("below_knee".into())),
        ]);
        let contains = Condition::Answer { question: "sport".into(), test: Test::Contains("lifting".into()) };
        let one_of = Condition::Answer {
            question: "leg".into(),
            test: Test::In(vec![
                AnswerValue::Choice("thigh".into()),
                AnswerValue::Choice("below_knee".into()),
            ]),
        };
        assert!(contains.eval(&f).is_true());
        assert!(one_of.eval(&f).is_true());
    }

    #[test]
    fn a_partly_known_score_is_decided_only_when_the_unknowns_cannot_change_it() {
        let mut f = Given::default();
        let at_least_2 = Condition::Score { score: "s".into(), bound: Bound::AtLeast(2) };
        f.scores.insert("s".into(), Range { low: 1, high: 3 });
        assert_eq!(at_least_2.eval(&f), Truth::Unknown);
        f.scores.insert("s".into(), Range { low: 2, high: 3 });
        assert_eq!(at_least_2.eval(&f), Truth::True);
        f.scores.insert("s".into(), Range { low: 0, high: 1 });
        assert_eq!(at_least_2.eval(&f), Truth::False);
    }

    #[test]
    fn range_counts_unknown_items_only_at_the_edges() {
        let mut r = Range::default();
        r.add(Truth::True, 2);
        r.add(Truth::Unknown, 3);
        r.add(Truth::Unknown, -1);
        r.add(Truth::False, 5);
        assert_eq!(r, Range { low: 1, high: 5 });
    }

    #[test]
    fn huge_points_saturate_instead_of_wrapping_round() {
        let mut r = Range::default();
        r.add(Truth::True, i64::MAX);
        r.add(Truth::True, i64::MAX);
        assert_eq!(r.low, i64::MAX);
        assert!(r.compare(Bound::AtLeast(2)).is_true());
    }

    #[test]
    fn a_red_flag_condition_takes_the_flags_three_valued_truth() {
        let c = Condition::RedFlag("fracture".into());
        let not = Condition::Not(Box::new(c.clone()));
        let mut f = Given::default();
        assert_eq!(c.eval(&f), Truth::Unknown, "a flag the facts cannot settle is unknown");
        assert_eq!(not.eval(&f), Truth::Unknown);
        for t in [Truth::True, Truth::False, Truth::Unknown] {
            f.flags.insert("fracture".into(), t);
            assert_eq!(c.eval(&f), t);
        }
        f.flags.insert("fracture".into(), Truth::False);
        assert_eq!(not.eval(&f), Truth::True);
    }

    #[test]
    fn witnesses_of_any_name_the_part_that_held() {
        let f = given(&[("a", AnswerValue::Bool(false)), ("b", AnswerValue::Bool(true))]);
        let c = Condition::Any(vec![yes("a"), yes("b")]);
        let mut out = Vec::new();
        c.witnesses(&f, &mut out);
        assert_eq!(out, vec!["b"]);
    }
}
