//! Properties over random valid answer sets, for the built-in rules and the test fixture:
//! the engine never panics, adding a red-flag answer never lowers the triage level, and
//! the interview's stop rule is sound (what it stops on, no answer still to come changes).

use backscreen::answers::{self, AnswerValue, Answers};
use backscreen::condition::{Facts, Range, Truth};
use backscreen::decision::{Verdict, decide};
use backscreen::engine::evaluate;
use backscreen::interview::{Ending, Session, replay::replay};
use backscreen::outlook::dependencies;
use backscreen::rules::{self, Level, QuestionKind, Rules};
use proptest::prelude::*;
use std::sync::OnceLock;

fn built_in() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| rules::load(None).unwrap_or_else(|e| panic!("the built-in rules are invalid:\n{e}")))
}

fn minimal() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/rules/minimal.json"
        ))
        .expect("fixture exists");
        rules::parse(&text, "minimal.json").expect("valid")
    })
}

/// A valid answer to question `i`, chosen by `seed`.
fn value(rules: &Rules, i: usize, seed: u64) -> AnswerValue {
    let q = &rules.questions[i];
    match &q.kind {
        QuestionKind::YesNo => AnswerValue::Bool(seed.is_multiple_of(2)),
        QuestionKind::SingleChoice(c) => AnswerValue::Choice(c[(seed as usize) % c.len()].id.clone()),
        QuestionKind::MultipleChoice(c) => {
            let picked: Vec<String> =
                c.iter().enumerate().filter(|(j, _)| seed >> j & 1 == 1).map(|(_, c)| c.id.clone()).collect();
            match c.iter().find(|c| c.exclusive) {
                Some(x) if picked.contains(&x.id) => AnswerValue::Choices(vec![x.id.clone()]),
                _ => AnswerValue::Choices(picked),
            }
        }
        kind => {
            let (min, max) = kind.range().expect("numbers have a range");
            AnswerValue::Number(min + (seed % (max - min + 1) as u64) as i64)
        }
    }
}

/// Some questions answered (about two thirds), each validly.
fn answer_set(rules: &'static Rules) -> impl Strategy<Value = Answers> {
    proptest::collection::vec((any::<u8>(), any::<u64>()), rules.questions.len()).prop_map(move |seeds| {
        seeds
            .into_iter()
            .enumerate()
            .filter(|(_, (keep, _))| !keep.is_multiple_of(3))
            .map(|(i, (_, seed))| (rules.questions[i].id.clone(), value(rules, i, seed)))
            .collect()
    })
}

fn red_flag_addition(rules: &'static Rules) -> impl Strategy<Value = (Answers, usize, u64)> {
    let red: Vec<usize> = {
        let ids = rules.red_flag_questions();
        (0..rules.questions.len()).filter(|&i| ids.contains(rules.questions[i].id.as_str())).collect()
    };
    (answer_set(rules), proptest::sample::select(red), any::<u64>())
}

fn check_monotone(rules: &Rules, answers: Answers, q: usize, seed: u64) -> Result<(), TestCaseError> {
    let id = rules.questions[q].id.clone();
    let mut without = answers;
    without.remove(&id);
    let mut with = without.clone();
    with.insert(id.clone(), value(rules, q, seed));
    let before = evaluate(rules, &without);
    let after = evaluate(rules, &with);
    prop_assert!(after.triage.level >= before.triage.level, "answering {id} lowered the level");
    for flag in &before.triage.red_flags {
        prop_assert!(
            after.triage.red_flags.iter().any(|f| f.id == flag.id),
            "answering {id} switched red flag {} off",
            flag.id
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_valid_answers_evaluate_without_panicking(answers in answer_set(built_in())) {
        let rules = built_in();
        // Every generated answer passes the answers-file checks, so this is the real input space.
        let file = serde_json::json!({ "answers": answers });
        let checked = answers::from_value(file, rules).expect("generated answers are valid");
        let outcome = evaluate(rules, &checked.answers);
        let sorted = outcome.causes.windows(2).all(|w| w[0].score >= w[1].score);
        prop_assert!(sorted, "causes are sorted by score");
    }

    #[test]
    fn adding_a_red_flag_answer_never_lowers_the_triage_level((answers, q, seed) in red_flag_addition(built_in())) {
        check_monotone(built_in(), answers, q, seed)?;
    }

    #[test]
    fn adding_a_red_flag_answer_never_lowers_the_level_in_the_fixture((answers, q, seed) in red_flag_addition(minimal())) {
        check_monotone(minimal(), answers, q, seed)?;
    }
}

// The interview's stop rule, on the built-in rules. Each case replays a whole interview
// (50 to 150 ms in the debug profile), so these run fewer cases than the properties above.

/// Conditions seen from the answers given so far, as skip logic sees them: a score is
/// summed over the answers there are, and ask_if never looks at causes. Written here
/// rather than taken from `Rules::skip_logic`, so that the skip logic the flow uses is
/// checked against this reading of the rules format, not against itself.
struct SoFar<'a>(&'a Rules, &'a Answers);

impl Facts for SoFar<'_> {
    fn answer(&self, question: &str) -> Option<&AnswerValue> {
        self.1.get(question)
    }
    fn score(&self, id: &str) -> Range {
        let mut range = Range::default();
        for item in self.0.scores.iter().filter(|s| s.id == id).flat_map(|s| &s.items) {
            range.add(item.when.eval(self), item.points);
        }
        range
    }
    fn cause(&self, _: &str) -> Range {
        Range::default()
    }
}

/// Skip logic rules question `q` out, given `answers`.
fn skipped(rules: &Rules, answers: &Answers, q: usize) -> bool {
    rules.questions[q].ask_if.as_ref().is_some_and(|c| c.eval(&SoFar(rules, answers)) == Truth::False)
}

/// A valid answer to question `i`: half the time one of the answers that stand for its
/// distinct cases (numbers either side of every bound), else any valid value.
fn any_value(rules: &Rules, i: usize, seed: u64) -> AnswerValue {
    let probes = &dependencies(rules).probes[i];
    if seed & 1 == 1 && !probes.is_empty() {
        probes[(seed >> 1) as usize % probes.len()].clone()
    } else {
        value(rules, i, seed >> 1)
    }
}

/// The answer of someone without the symptom: "no", "none of these", or (for the
/// built-in rules, whose single choices list the mildest first) the first choice.
fn calm_value(rules: &Rules, i: usize, seed: u64) -> AnswerValue {
    match &rules.questions[i].kind {
        QuestionKind::YesNo => AnswerValue::Bool(false),
        QuestionKind::SingleChoice(c) => AnswerValue::Choice(c[0].id.clone()),
        QuestionKind::MultipleChoice(c) => {
            AnswerValue::Choices(c.iter().filter(|c| c.exclusive).map(|c| c.id.clone()).take(1).collect())
        }
        _ => value(rules, i, seed),
    }
}

/// Out of 100.
fn percent(roll: u8) -> u8 {
    (u16::from(roll) * 100 / 256) as u8
}

/// By question index: the most urgent red flag that looks at the question, if any.
fn flag_level(rules: &Rules) -> Vec<Option<Level>> {
    let mut level = vec![None; rules.questions.len()];
    for flag in &rules.red_flags {
        for id in rules.questions_used_by(&flag.when) {
            let at = &mut level[rules.question_index(id).expect("validated")];
            *at = (*at).max(Some(flag.level));
        }
    }
    level
}

/// Complete answers that respect skip logic: every question, in asking order, that its
/// ask_if (on the answers so far) does not rule out gets a value.
///
/// Random answers are nearly always an emergency, so `calm` (0 to 4) sets how often a
/// question an emergency red flag looks at gets the answer of someone without the
/// symptom (never, 50%, 80%, 95%, always); the questions of urgent red flags get it 0%,
/// 50% or 90% of the time, so that every triage level turns up. "Not sure" comes 0%, 5%
/// or 20% of the time, where it is offered.
fn consistent_answers(rules: &'static Rules, calm: std::ops::Range<usize>) -> impl Strategy<Value = Answers> {
    let level = flag_level(rules);
    let seeds = proptest::collection::vec((any::<u8>(), any::<u8>(), any::<u64>()), rules.questions.len());
    (calm, 0..3usize, 0..3usize, seeds).prop_map(move |(calm, quiet, unsure, seeds)| {
        let calm = [0, 50, 80, 95, 100][calm];
        let quiet = [0, 50, 90][quiet];
        let unsure = [0, 5, 20][unsure];
        let mut answers = Answers::new();
        for i in rules.asking_order() {
            if skipped(rules, &answers, i) {
                continue;
            }
            let (c, u, seed) = seeds[i];
            let id = &rules.questions[i].id;
            let calm_here = match level[i] {
                Some(Level::Emergency) => calm,
                Some(Level::Urgent) => quiet,
                _ => 0,
            };
            let v = if percent(c) < calm_here {
                calm_value(rules, i, seed)
            } else if percent(u) < unsure && rules.questions[i].not_sure {
                AnswerValue::NotSure
            } else {
                any_value(rules, i, seed)
            };
            answers.insert(id.clone(), v);
        }
        answers
    })
}

/// The interview as `answers` would answer it.
fn interview(rules: &Rules, answers: &Answers) -> Session {
    replay(rules, answers, None, None).expect("a replay writes nowhere, so it cannot fail")
}

/// `given` with each question it leaves open that skip logic allows, in asking order,
/// answered from `seeds` (a value, or "not sure" where it is offered).
fn complete(rules: &Rules, given: &Answers, seeds: &[(u8, u64)]) -> Answers {
    let mut answers = given.clone();
    for i in rules.asking_order() {
        let id = &rules.questions[i].id;
        if answers.contains_key(id) || skipped(rules, &answers, i) {
            continue;
        }
        let (roll, seed) = seeds[i];
        let not_sure = roll % 6 == 0 && rules.questions[i].not_sure;
        let v = if not_sure { AnswerValue::NotSure } else { any_value(rules, i, seed) };
        answers.insert(id.clone(), v);
    }
    answers
}

fn verdict(rules: &Rules, answers: &Answers) -> Verdict {
    decide(rules, answers).verdict()
}

/// The red flags whose truth differs, by id, to say what changed.
fn flag_changes(rules: &Rules, before: &[Truth], after: &[Truth]) -> Vec<String> {
    let pairs = before.iter().zip(after).zip(&rules.red_flags);
    pairs.filter(|((b, a), _)| b != a).map(|((b, a), f)| format!("{}: {b:?} -> {a:?}", f.id)).collect()
}

/// Seeds for several completions of one interview.
fn completions(rules: &'static Rules) -> impl Strategy<Value = Vec<Vec<(u8, u64)>>> {
    let one = proptest::collection::vec((any::<u8>(), any::<u64>()), rules.questions.len());
    proptest::collection::vec(one, 8)
}

proptest! {
    // 48 cases each, one replay per case: about 6 s (10 s of CPU) for the four in the debug profile
    // on 2 cores. The first two say nothing on an emergency stop (about 1 case in 5 here).
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn no_completion_of_the_questions_not_asked_changes_the_verdict_at_the_stop(
        answers in consistent_answers(built_in(), 2..5),
        seeds in completions(built_in()),
    ) {
        let rules = built_in();
        let session = interview(rules, &answers);
        if session.ending == Ending::Decided {
            let at_stop = verdict(rules, &session.answers);
            for seeds in &seeds {
                let completed = complete(rules, &session.answers, seeds);
                let added: Vec<_> =
                    completed.iter().filter(|(k, _)| !session.answers.contains_key(*k)).collect();
                let after = verdict(rules, &completed);
                prop_assert_eq!(
                    &after, &at_stop,
                    "the interview stopped after {:?} on {:?}, but adding {:?} changes the verdict \
                     (red flags {:?})",
                    session.prompts, session.answers, added, flag_changes(rules, &at_stop.flags, &after.flags)
                );
            }
        }
    }

    #[test]
    fn no_question_still_to_come_changes_a_red_flag_at_the_stop(
        answers in consistent_answers(built_in(), 2..5),
    ) {
        let rules = built_in();
        let session = interview(rules, &answers);
        if matches!(session.ending, Ending::Decided | Ending::Complete) {
            let flags = decide(rules, &session.answers).flags;
            for (q, question) in rules.questions.iter().enumerate() {
                // Skip logic judged here, not by the outlook under test.
                if session.answers.contains_key(&question.id) || skipped(rules, &session.answers, q) {
                    continue;
                }
                let not_sure = question.not_sure.then_some(&AnswerValue::NotSure);
                let probes = dependencies(rules).probes[q].iter().chain(not_sure);
                for probe in probes {
                    let mut more = session.answers.clone();
                    more.insert(question.id.clone(), probe.clone());
                    let after = decide(rules, &more).flags;
                    prop_assert!(
                        after == flags,
                        "the interview stopped ({:?}) on {:?}, but answering {} with {:?} changes {:?}",
                        session.ending, session.answers, question.id, probe, flag_changes(rules, &flags, &after)
                    );
                }
            }
        }
    }

    #[test]
    fn an_emergency_answer_stops_the_interview_within_the_red_flag_questions(
        answers in consistent_answers(built_in(), 1..4)
            .prop_filter("an emergency", |a| decide(built_in(), a).level == Level::Emergency),
    ) {
        let rules = built_in();
        let session = interview(rules, &answers);
        prop_assert_eq!(session.ending, Ending::Emergency, "asked {:?}", session.prompts);
        let red = rules.red_flag_questions();
        for (n, prompt) in session.prompts.iter().enumerate() {
            prop_assert!(
                prompt.iter().any(|id| red.contains(id.as_str())),
                "prompt {} of {:?} asks no red-flag question", n + 1, session.prompts
            );
        }
        prop_assert_eq!(decide(rules, &session.answers).level, Level::Emergency);
    }

    #[test]
    fn the_replay_reaches_the_verdict_of_the_complete_answers(
        answers in consistent_answers(built_in(), 0..5),
    ) {
        let rules = built_in();
        let file = serde_json::json!({ "answers": answers });
        prop_assert!(answers::from_value(file, rules).is_ok(), "generated answers are valid");
        let session = interview(rules, &answers);
        for (id, v) in &session.answers {
            prop_assert_eq!(Some(v), answers.get(id), "{} was asked, and answered from the file", id);
        }
        if matches!(session.ending, Ending::Decided | Ending::Complete) {
            let (at_stop, whole) = (verdict(rules, &session.answers), verdict(rules, &answers));
            prop_assert_eq!(
                &at_stop, &whole,
                "the interview stopped ({:?}) after {:?} (red flags {:?})",
                session.ending, session.prompts, flag_changes(rules, &at_stop.flags, &whole.flags)
            );
        } else {
            prop_assert_eq!(session.ending, Ending::Emergency);
            prop_assert_eq!(decide(rules, &answers).level, Level::Emergency);
        }
    }
}
