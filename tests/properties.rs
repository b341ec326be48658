//! Properties over random valid answer sets, for the built-in rules and the test fixture:
//! the engine never panics, and adding a red-flag answer never lowers the triage level.

use backscreen::answers::{self, AnswerValue, Answers};
use backscreen::engine::evaluate;
use backscreen::rules::{self, QuestionKind, Rules};
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
