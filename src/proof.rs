//! What `rules check` proves about the red flags of a valid rules file, beyond what every
//! load checks (coverage, and the polarity analysis of [`crate::rules::polarity`]):
//!
//! - **reachable**: some answers make each red flag fire;
//! - **stops**: the interview's stop rule never calls a red flag settled while a question
//!   not yet asked could still fire it or rule it out, and what it calls settled is what
//!   the result will say;
//! - and for a red flag the polarity analysis refuses, a counterexample: answers that fire
//!   it, and the one answer moved up that switches it off.
//!
//! Each red flag reads few questions, so each is proved by visiting every state an
//! interview can reach over them: each question unanswered or given one of the answers
//! the rules can tell apart (each choice, or set of the choices tested; numbers on each
//! side of every bound; "not sure"). A state may answer a question only where the
//! interview could ask it: its skip logic lets it, and a drill-down waits for what leads
//! to it. The stop rule is then proved by induction over those states: wherever the
//! outlook calls the flag settled, the flag has that value now, and one more answer of any
//! kind leaves it settled at the same value.

use crate::condition::{Condition, Test, Truth};
use crate::outlook::{self, Poss};
use crate::rules::{QuestionKind, Rules, polarity};
use crate::value::{AnswerValue, Answers};
use std::collections::BTreeSet;

/// The most states visited for one red flag before the proof gives up on it.
pub const MAX_STATES: u64 = 2_000_000;

/// What was proved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proved {
    pub red_flags: usize,
    /// Interview states visited, over all red flags.
    pub states: u64,
}

/// Why a property does not hold, with the answers that show it.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// Moving `question` up to `raised` switches the flag off: it fires on `answers`.
    NotMonotone { flag: usize, answers: Answers, question: usize, raised: AnswerValue },
    /// No answers make the flag fire.
    Unreachable { flag: usize },
    /// On `answers` the stop rule calls the flag settled at `settled`, but it is `now`
    /// there, or answering `question` with `value` would make it `then`.
    Unsound {
        flag: usize,
        answers: Answers,
        settled: Truth,
        now: Truth,
        next: Option<(usize, AnswerValue, Poss)>,
    },
    /// Too many states to visit.
    TooLarge { flag: usize },
}

/// Proves reachable and stops for every red flag, and looks for a counterexample for each
/// reversed test the polarity analysis found.
pub fn prove(rules: &Rules) -> Result<Proved, Vec<Failure>> {
    prove_with(rules, outlook::flag_outlook)
}

/// How the stop rule judges one red flag: [`outlook::flag_outlook`], or a stand-in in tests.
type Judge = fn(&Rules, &Answers, usize) -> Poss;

fn prove_with(rules: &Rules, judge: Judge) -> Result<Proved, Vec<Failure>> {
    let mut failures = Vec::new();
    let mut states = 0;
    let reversed = polarity::reversed(rules);
    for flag in 0..rules.red_flags.len() {
        let Some(space) = Space::new(rules, flag, judge) else {
            failures.push(Failure::TooLarge { flag });
            continue;
        };
        let mut reached = false;
        let mut unsound = None;
        let visited = space.visit(&mut |answers| {
            let now = space.now(answers);
            reached |= now == Truth::True;
            if unsound.is_none() {
                unsound = space.unsound(answers, now);
            }
        });
        match visited {
            Some(n) => states += n,
            None => {
                failures.push(Failure::TooLarge { flag });
                continue;
            }
        }
        if !reached {
            failures.push(Failure::Unreachable { flag });
        }
        failures.extend(unsound);
        for r in reversed.iter().filter(|r| r.flag == flag) {
            if let Some(f) = space.counterexample(r.question)
                && !failures.contains(&f)
            {
                failures.push(f);
            }
        }
    }
    if failures.is_empty() { Ok(Proved { red_flags: rules.red_flags.len(), states }) } else { Err(failures) }
}

/// The states an interview can reach over the questions one red flag depends on.
struct Space<'r> {
    rules: &'r Rules,
    flag: usize,
    /// Question indexes, in asking order.
    questions: Vec<usize>,
    /// By position in `questions`: the answers it can be given.
    answers: Vec<Vec<AnswerValue>>,
    judge: Judge,
}

impl<'r> Space<'r> {
    /// `None` when a question has too many tested choices to try every set of them.
    fn new(rules: &'r Rules, flag: usize, judge: Judge) -> Option<Self> {
        let mask = &outlook::dependencies(rules).flags[flag];
        let questions: Vec<usize> = rules.asking_order().into_iter().filter(|&q| mask[q]).collect();
        let conditions = conditions(rules, flag, mask);
        let answers = questions
            .iter()
            .map(|&q| Some(distinct(rules, &conditions, q, values(rules, &conditions, q)?)))
            .collect::<Option<_>>()?;
        Some(Space { rules, flag, questions, answers, judge })
    }

    /// Calls `visit` on every reachable state; the number of states, or `None` past
    /// [`MAX_STATES`].
    fn visit(&self, visit: &mut dyn FnMut(&Answers)) -> Option<u64> {
        let mut answers = Answers::new();
        let mut count = 0;
        self.walk(0, &mut answers, &mut count, visit).then_some(count)
    }

    fn walk(
        &self,
        at: usize,
        answers: &mut Answers,
        count: &mut u64,
        visit: &mut dyn FnMut(&Answers),
    ) -> bool {
        if at == self.questions.len() {
            *count += 1;
            visit(answers);
            return *count <= MAX_STATES;
        }
        if !self.walk(at + 1, answers, count, visit) {
            return false;
        }
        let q = self.questions[at];
        if !self.rules.ready(q, answers) {
            return true;
        }
        let id = &self.rules.questions[q].id;
        for value in &self.answers[at] {
            answers.insert(id.clone(), value.clone());
            let go_on = self.walk(at + 1, answers, count, visit);
            answers.remove(id);
            if !go_on {
                return false;
            }
        }
        true
    }

    /// The flag's value on these answers, as the result will give it.
    fn now(&self, answers: &Answers) -> Truth {
        self.rules.truth(&self.rules.red_flags[self.flag].when, answers)
    }

    /// Where the stop rule would be wrong at this state, if it would.
    fn unsound(&self, answers: &Answers, now: Truth) -> Option<Failure> {
        let settled = (self.judge)(self.rules, answers, self.flag).settled()?;
        let fail = |next| Failure::Unsound { flag: self.flag, answers: answers.clone(), settled, now, next };
        if now != settled {
            return Some(fail(None));
        }
        let mut more = answers.clone();
        for (at, &q) in self.questions.iter().enumerate() {
            let id = &self.rules.questions[q].id;
            if answers.contains_key(id) || !self.rules.ready(q, answers) {
                continue;
            }
            for value in &self.answers[at] {
                more.insert(id.clone(), value.clone());
                let then = (self.judge)(self.rules, &more, self.flag);
                if then != Poss::of(settled) {
                    return Some(fail(Some((q, value.clone(), then))));
                }
            }
            more.remove(id);
        }
        None
    }

    /// A state where the flag fires and moving `question` up switches it off.
    fn counterexample(&self, question: usize) -> Option<Failure> {
        if !self.questions.contains(&question) {
            return None;
        }
        let id = &self.rules.questions[question].id;
        let mut found = None;
        self.visit(&mut |answers| {
            if found.is_some() || self.now(answers) != Truth::True {
                return;
            }
            let Some(low) = answers.get(id) else { return };
            for raised in raise(self.rules, question, low) {
                let mut after = answers.clone();
                after.insert(id.clone(), raised.clone());
                self.drop_unasked(&mut after);
                if self.now(&after) != Truth::True {
                    found = Some(Failure::NotMonotone {
                        flag: self.flag,
                        answers: answers.clone(),
                        question,
                        raised,
                    });
                    return;
                }
            }
        });
        found
    }

    /// As the interview does when an earlier answer changes: answers to questions that
    /// no longer apply go.
    fn drop_unasked(&self, answers: &mut Answers) {
        for &q in &self.questions {
            if !self.rules.applies(q, answers) {
                answers.remove(&self.rules.questions[q].id);
            }
        }
    }
}

/// Most choices of one question that the flag's conditions may test: every set of them is
/// tried, and 2^16 sets is already past what a proof of one flag can visit.
const MAX_TESTED_CHOICES: usize = 16;

/// The answers question `q` can be given that `conditions` can tell apart; `None` when
/// they test too many of its choices.
fn values(rules: &Rules, conditions: &[&Condition], q: usize) -> Option<Vec<AnswerValue>> {
    let question = &rules.questions[q];
    let mut out = match &question.kind {
        QuestionKind::MultipleChoice(choices) => {
            // Only the choices some condition tests tell answers apart: every set of them.
            let tested = tested_choices(conditions, &question.id);
            let exclusive = choices.iter().find(|c| c.exclusive).map(|c| c.id.clone());
            let free: Vec<&String> = tested.iter().filter(|c| Some(*c) != exclusive.as_ref()).collect();
            if free.len() > MAX_TESTED_CHOICES {
                return None;
            }
            let mut sets = Vec::new();
            for bits in 0..1u64 << free.len() {
                let set: Vec<String> = free
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| bits >> i & 1 == 1)
                    .map(|(_, c)| (*c).clone())
                    .collect();
                if set.is_empty() {
                    // Nothing tested ticked: the "none" choice, or an untested choice.
                    let other = choices.iter().find(|c| !c.exclusive && !tested.contains(&c.id));
                    if let Some(none) = &exclusive {
                        sets.push(AnswerValue::Choices(vec![none.clone()]));
                    }
                    if let Some(other) = other {
                        sets.push(AnswerValue::Choices(vec![other.id.clone()]));
                    }
                    if exclusive.is_none() && other.is_none() {
                        sets.push(AnswerValue::Choices(Vec::new()));
                    }
                } else {
                    sets.push(AnswerValue::Choices(set));
                }
            }
            sets
        }
        _ => outlook::dependencies(rules).probes[q].clone(),
    };
    if question.not_sure {
        out.push(AnswerValue::NotSure);
    }
    Some(out)
}

/// Every condition one red flag's value depends on: its own, the skip logic of the
/// questions it depends on (`mask`), and the items of the scores either names.
fn conditions<'r>(rules: &'r Rules, flag: usize, mask: &[bool]) -> Vec<&'r Condition> {
    let mut out: Vec<&'r Condition> = vec![&rules.red_flags[flag].when];
    out.extend(rules.questions.iter().zip(mask).filter(|(_, m)| **m).filter_map(|(q, _)| q.ask_if.as_ref()));
    let mut scores = Vec::new();
    for c in &out {
        c.walk(&mut |part| {
            if let Condition::Score { score, .. } = part {
                scores.extend(rules.scores.iter().filter(|s| &s.id == score).flat_map(|s| &s.items));
            }
        });
    }
    out.extend(scores.into_iter().map(|item| &item.when));
    out
}

/// One answer of each kind that `conditions` see alike (for a question only asked about
/// through "not sure", yes and no are alike): they lead to the same states.
fn distinct(
    rules: &Rules,
    conditions: &[&Condition],
    q: usize,
    values: Vec<AnswerValue>,
) -> Vec<AnswerValue> {
    let id = &rules.questions[q].id;
    let mut tests: Vec<&Condition> = Vec::new();
    for c in conditions {
        c.walk(&mut |part| match part {
            Condition::Answer { question, .. }
            | Condition::NotSure(question)
            | Condition::Answered(question)
                if question == id =>
            {
                tests.push(part)
            }
            _ => {}
        });
    }
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for value in values {
        let alone = Answers::from([(id.clone(), value.clone())]);
        let sig: Vec<Truth> = tests.iter().map(|t| rules.truth(t, &alone)).collect();
        if !seen.contains(&sig) {
            seen.push(sig);
            out.push(value);
        }
    }
    out
}

/// The choices of question `id` that `conditions` test.
fn tested_choices(conditions: &[&Condition], id: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for c in conditions {
        c.walk(&mut |part| {
            if let Condition::Answer { question, test: Test::Contains(c) } = part
                && question == id
            {
                out.insert(c.clone());
            }
        });
    }
    out
}

/// The answers above `low` for question `q`: yes above no, a set with one more choice
/// ticked (and the "none" choice gone).
fn raise(rules: &Rules, q: usize, low: &AnswerValue) -> Vec<AnswerValue> {
    let choices = rules.questions[q].kind.choices();
    let exclusive = |id: &str| choices.iter().any(|c| c.id == id && c.exclusive);
    match low {
        AnswerValue::Bool(false) => vec![AnswerValue::Bool(true)],
        AnswerValue::Choices(set) => choices
            .iter()
            .filter(|c| !c.exclusive && !set.contains(&c.id))
            .map(|c| {
                let mut more: Vec<String> = set.iter().filter(|s| !exclusive(s)).cloned().collect();
                more.push(c.id.clone());
                AnswerValue::Choices(more)
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// A failure as a problem in the file, with the answers that show it as an answers file
/// on one line.
pub fn problem(rules: &Rules, failure: &Failure) -> crate::diagnostics::Problem {
    use crate::diagnostics::{Problem, index, join};
    let flag = |f: usize| (index("red_flags", f), &rules.red_flags[f].id);
    let file = |answers: &Answers| serde_json::json!({ "answers": answers }).to_string();
    let truth = |t: Truth| match t {
        Truth::True => "fired",
        Truth::False => "ruled out",
        Truth::Unknown => "open",
    };
    match failure {
        Failure::NotMonotone { flag: f, answers, question, raised } => {
            let (path, id) = flag(*f);
            Problem {
                path,
                message: format!(
                    "counterexample: red flag `{id}` fires on the answers {}, and {} (answer {}) switches it off",
                    file(answers),
                    polarity::raising(rules, *question),
                    serde_json::to_string(raised).unwrap_or_default()
                ),
            }
        }
        Failure::Unreachable { flag: f } => {
            let (path, id) = flag(*f);
            Problem {
                path: join(&path, "when"),
                message: format!("red flag `{id}` can never fire: no answers make this condition true"),
            }
        }
        Failure::Unsound { flag: f, answers, settled, now, next } => {
            let (path, id) = flag(*f);
            let after = match next {
                None => format!("the result would show it {}", truth(*now)),
                Some((q, value, _)) => format!(
                    "answering `{}` with {} could still change it",
                    rules.questions[*q].id,
                    serde_json::to_string(value).unwrap_or_default()
                ),
            };
            Problem {
                path,
                message: format!(
                    "the interview could stop on the answers {} with red flag `{id}` settled as {}, but {after}",
                    file(answers),
                    truth(*settled)
                ),
            }
        }
        Failure::TooLarge { flag: f } => {
            let (path, id) = flag(*f);
            Problem {
                path: join(&path, "when"),
                message: format!(
                    "red flag `{id}` depends on too many answers to prove it (more than {MAX_STATES} \
                     interview states); split it into smaller red flags"
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::decide;
    use crate::rules::testing::with_flag;
    use crate::value::AnswerValue::Bool;
    use serde_json::json;

    #[test]
    fn the_built_in_rules_and_the_minimal_rules_are_proved() {
        let built_in = crate::rules::load(None).expect("built-in rules");
        let proved = prove(&built_in).expect("proved");
        assert_eq!(proved.red_flags, built_in.red_flags.len());
        assert!(prove(&with_flag(json!({ "answer": "saddle", "equals": true }), |_| {})).is_ok());
    }

    #[test]
    fn a_red_flag_no_answers_can_fire_is_unreachable() {
        let r = with_flag(
            json!({ "all": [
            { "answer": "weak", "equals": "one" }, { "answer": "weak", "equals": "both" } ] }),
            |_| {},
        );
        assert_eq!(prove(&r), Err(vec![Failure::Unreachable { flag: 4 }]));
    }

    #[test]
    fn a_red_flag_a_yes_switches_off_comes_with_answers_that_fire_it_until_the_yes() {
        let r = with_flag(
            json!({ "all": [
            { "answer": "weak", "equals": "one" }, { "answer": "worse", "equals": false } ] }),
            |_| {},
        );
        let Err(failures) = prove(&r) else { panic!("refused") };
        let [Failure::NotMonotone { flag: 4, answers, question, raised }] = &failures[..] else {
            panic!("one counterexample: {failures:?}")
        };
        assert_eq!(r.questions[*question].id, "worse");
        assert_eq!(raised, &Bool(true));
        assert_eq!(decide(&r, answers).flags[4], Truth::True, "it fires on {answers:?}");
        let mut after = answers.clone();
        after.insert("worse".into(), raised.clone());
        assert_ne!(decide(&r, &after).flags[4], Truth::True, "the yes switches it off");
    }

    #[test]
    fn ticking_one_more_choice_is_moving_up() {
        let r = with_flag(json!({ "answer": "sports", "contains": "neither" }), |_| {});
        let Err(failures) = prove(&r) else { panic!("refused") };
        assert!(
            failures.iter().any(|f| matches!(f, Failure::NotMonotone { flag: 4, answers, .. }
                if answers.get("sports") == Some(&AnswerValue::Choices(vec!["neither".into()])))),
            "{failures:?}"
        );
    }

    #[test]
    fn a_stop_rule_that_calls_a_red_flag_settled_too_soon_is_caught_with_the_answers() {
        // A judge that takes the flag's value on the answers so far as final: it would stop
        // before a single question is asked.
        let hasty: Judge = |rules, answers, flag| Poss::of(rules.truth(&rules.red_flags[flag].when, answers));
        let r = with_flag(json!({ "answer": "saddle", "equals": true }), |_| {});
        let Err(failures) = prove_with(&r, hasty) else { panic!("the hasty stop rule is caught") };
        assert!(
            failures
                .iter()
                .any(|f| matches!(f, Failure::Unsound { flag: 0, answers, settled: Truth::Unknown, .. }
                if answers.is_empty())),
            "{failures:?}"
        );
        assert!(prove_with(&r, outlook::flag_outlook).is_ok());
    }

    #[test]
    fn answers_told_apart_only_by_a_score_in_skip_logic_are_each_visited() {
        // The flag reads `saddle` only through "not sure", but a "yes" to it opens `worse`
        // through a score: yes and no lead to different states, and both must be visited.
        let r = with_flag(
            json!({ "any": [{ "not_sure": "saddle" }, { "answer": "worse", "equals": true }] }),
            |v| {
                v["scores"].as_array_mut().expect("list").push(json!({ "id": "alarm", "name": "Alarm",
                "items": [{ "when": { "answer": "saddle", "equals": true }, "points": 1 }] }));
                v["questions"][2]["ask_if"] = json!({ "score": "alarm", "at_least": 1 });
            },
        );
        assert!(prove(&r).is_ok());
        // Wrong only where `saddle` is "no": caught only if that state is visited.
        let wrong_on_no: Judge = |rules, answers, flag| match answers.get("saddle") {
            Some(Bool(false)) if flag == 4 => Poss::FALSE,
            _ => outlook::flag_outlook(rules, answers, flag),
        };
        let Err(failures) = prove_with(&r, wrong_on_no) else {
            panic!("the state with saddle = no is visited")
        };
        assert!(failures.iter().any(|f| matches!(f, Failure::Unsound { flag: 4, .. })), "{failures:?}");
    }

    #[test]
    fn a_stop_rule_that_settles_on_a_value_the_result_would_not_show_is_caught() {
        // Settled as fired while the answers so far leave it open: the result would not
        // show the red flag the interview stopped on.
        let eager: Judge = |rules, answers, flag| match outlook::flag_outlook(rules, answers, flag) {
            p if p.can(Truth::True) => Poss::TRUE,
            p => p,
        };
        let r = with_flag(json!({ "answer": "weak", "equals": "one" }), |_| {});
        let Err(failures) = prove_with(&r, eager) else { panic!("caught") };
        assert!(
            failures.iter().any(
                |f| matches!(f, Failure::Unsound { settled: Truth::True, now, .. } if *now != Truth::True)
            ),
            "{failures:?}"
        );
    }
}
