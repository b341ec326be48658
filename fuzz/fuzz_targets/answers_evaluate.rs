//! Decoding and evaluating an answers file (`backscreen::answers::parse`, then
//! `decision::decide` and `engine::explain`) from any bytes.
//!
//! The first byte picks the rules (the built-in rules, or the minimal test fixture); the
//! rest is the answers file. Any input gives a result or a typed error, never a panic.
//! A result keeps the safety invariants: the triage level is the highest level of the
//! red flags that fired, every fired emergency flag is in the result, ART and rehab never
//! fit at or above their level, and the answers written back read the same.
//!
//! Run: `cargo +nightly fuzz run answers_evaluate` (seed the corpus with
//! `tests/vignettes/p*.json`, each with a leading 0 byte).
#![no_main]

use backscreen::answers::{self, AnswersError};
use backscreen::rules::Level;
use backscreen::{condition::Truth, decision, engine, input, render};
use libfuzzer_sys::fuzz_target;
use shared::rules;

mod shared;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    let rules = rules(which);
    let Ok(text) = input::from_bytes(rest.to_vec()) else { return };
    let file = match answers::parse(&text, "fuzz.json", rules) {
        Ok(file) => file,
        Err(e @ (AnswersError::Syntax { .. } | AnswersError::Invalid { .. })) => {
            assert!(e.to_string().contains("fuzz.json"), "the message names the file: {e}");
            return;
        }
        Err(e @ AnswersError::Read { .. }) => panic!("parsing text reads no file, yet: {e}"),
    };
    for (id, value) in &file.answers {
        let q = rules.question(id).expect("every answer kept is to a question of the rules");
        assert_eq!(answers::check(q, value), None, "every answer kept fits its question");
    }

    let d = decision::decide(rules, &file.answers);
    let fired = || rules.red_flags.iter().zip(&d.flags).filter(|(_, t)| **t == Truth::True);
    let highest = fired().map(|(f, _)| f.level).max().unwrap_or(Level::SelfCare);
    assert_eq!(d.level, highest, "the triage level is the highest level of the flags that fired");
    assert!(!d.art.may_fit || d.level < rules.recommendations.art.not_at_or_above);
    assert!(!d.rehab.may_fit || d.level < rules.recommendations.rehab.not_at_or_above);

    let outcome = engine::explain(rules, &file.answers, &d);
    assert_eq!(outcome.triage.level, d.level);
    for (flag, _) in fired().filter(|(f, _)| f.level == Level::Emergency) {
        assert!(
            outcome.triage.red_flags.iter().any(|r| r.id == flag.id),
            "the emergency flag {} is in the result",
            flag.id
        );
    }
    assert_eq!(outcome.art.may_fit, d.art.may_fit);
    assert_eq!(outcome.rehab.may_fit, d.rehab.may_fit);

    let mut out = Vec::new();
    render::text::write(&mut out, &outcome, Some(80)).expect("a Vec takes every write");
    render::json::write(&mut out, &outcome).expect("a Vec takes every write");
    let report = render::report::build(rules, &file, &outcome);
    render::markdown::write(&mut out, &report).expect("a Vec takes every write");
    render::html::write(&mut out, &report).expect("a Vec takes every write");

    // No answer is lost when the file is written back.
    let again = answers::from_value(file.to_json(), rules).expect("a file written back reads again");
    assert_eq!(again, file);
});
