//! The interview flow (`backscreen::interview::flow::Flow` with `SafetyFirst`), answered
//! from the fuzz bytes: each prompt gets answers that fit its questions ("not sure"
//! included), or the person goes back; an emergency is confirmed or taken back; the
//! interview may start from saved answers (a resume). Then the same answers are replayed
//! (`interview::replay::replay`).
//!
//! Never a panic, and the flow keeps its promises: every answer kept fits its question
//! and still applies, "at most M more" never rises as answers come, and a flow that says
//! it is decided has nothing left that could change the result.
//!
//! Run: `cargo +nightly fuzz run interview_flow`.
#![no_main]

use backscreen::answers::{self, AnswerValue, Answers};
use backscreen::interview::SafetyFirst;
use backscreen::interview::flow::{Done, Flow};
use backscreen::interview::replay::replay;
use backscreen::rules::{Question, QuestionKind, Rules};
use backscreen::{engine, outlook};
use libfuzzer_sys::fuzz_target;
use shared::rules;

mod shared;

/// The most prompts one input may answer, so each run stays short.
const MAX_STEPS: usize = 200;

/// The fuzz input, read a byte at a time; empty once used up.
struct Bytes<'a>(std::slice::Iter<'a, u8>);

impl Bytes<'_> {
    fn next(&mut self) -> Option<u8> {
        self.0.next().copied()
    }
}

/// An answer a person could give to `q`, from the next bytes: what the terminal offers.
fn answer(q: &Question, bytes: &mut Bytes) -> AnswerValue {
    let Some(x) = bytes.next() else { return AnswerValue::NotSure };
    if q.not_sure && x >= 0xf0 {
        return AnswerValue::NotSure;
    }
    let value = match &q.kind {
        QuestionKind::YesNo => AnswerValue::Bool(x & 1 == 1),
        QuestionKind::SingleChoice(choices) if !choices.is_empty() => {
            AnswerValue::Choice(choices[usize::from(x) % choices.len()].id.clone())
        }
        QuestionKind::MultipleChoice(choices) => {
            let mask = bytes.next().unwrap_or(x);
            let ticked: Vec<String> = choices
                .iter()
                .enumerate()
                .filter(|(i, c)| !c.exclusive && *i < 8 && mask & (1 << i) != 0)
                .map(|(_, c)| c.id.clone())
                .collect();
            match choices.iter().find(|c| c.exclusive) {
                Some(none) if ticked.is_empty() => AnswerValue::Choices(vec![none.id.clone()]),
                _ => AnswerValue::Choices(ticked),
            }
        }
        QuestionKind::Number { min, max, .. } => {
            let span = i128::from(*max) - i128::from(*min) + 1;
            let raw = i128::from(u16::from_le_bytes([x, bytes.next().unwrap_or(0)]));
            AnswerValue::Number(i64::try_from(i128::from(*min) + raw % span).unwrap_or(*min))
        }
        QuestionKind::Scale => AnswerValue::Number(i64::from(x % 11)),
        QuestionKind::SingleChoice(_) => AnswerValue::NotSure,
    };
    // What the terminal could not produce, the flow is never given.
    if answers::check(q, &value).is_some() { AnswerValue::NotSure } else { value }
}

fn check_answers(rules: &Rules, given: &Answers) {
    for (id, value) in given {
        let i = rules.question_index(id).expect("every answer kept is to a question of the rules");
        assert_eq!(answers::check(&rules.questions[i], value), None, "`{id}` fits its question");
        assert!(rules.applies(i, given), "`{id}` no longer applies, yet its answer was kept");
    }
}

fuzz_target!(|data: &[u8]| {
    let mut bytes = Bytes(data.iter());
    let Some(which) = bytes.next() else { return };
    let rules = rules(which);

    // A resume: answers saved for the first few questions in asking order.
    let mut saved = Answers::new();
    let resumed = usize::from(bytes.next().unwrap_or(0) % 8);
    for &q in rules.asking_order().iter().take(resumed) {
        let question = &rules.questions[q];
        saved.insert(question.id.clone(), answer(question, &mut bytes));
    }

    let mut flow = Flow::new(rules, &SafetyFirst, saved);
    let mut most = usize::MAX;
    let mut confirmed_emergency = false;
    for _ in 0..MAX_STEPS {
        let Some(step) = flow.current().cloned() else { break };
        let (number, more) = flow.progress();
        assert_eq!(number, flow.history().len() + 1);
        assert!(more <= most, "at most {more} more, after at most {most} more");
        most = more;
        let Some(op) = bytes.next() else { break };
        if op % 16 == 0 && flow.can_go_back() {
            flow.back();
            most = usize::MAX; // going back may open what an answer had closed
            continue;
        }
        let values: Vec<AnswerValue> =
            step.questions.iter().map(|&q| answer(&rules.questions[q], &mut bytes)).collect();
        flow.answer(values);
        check_answers(rules, flow.answers());
        if flow.is_emergency() {
            // "This needs emergency care now. Is that right?": yes stops, no goes back.
            if bytes.next().is_none_or(|b| b & 1 == 1) {
                confirmed_emergency = true;
                break;
            }
            flow.back();
            most = usize::MAX;
        }
    }
    if !confirmed_emergency && flow.done() == Some(Done::Decided) {
        assert!(outlook::outlook(rules, flow.answers()).settled(), "decided, yet something is open");
    }
    let _ = engine::evaluate(rules, flow.answers());

    let session = replay(rules, flow.answers(), None, None).expect("a replay writes nowhere");
    check_answers(rules, &session.answers);
});
