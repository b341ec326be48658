//! Decoding and checking a rules file (`backscreen::rules::parse`) from any bytes.
//!
//! Any input gives rules or a typed error with a message, never a panic; and rules that
//! pass the check can be used: asking order, red-flag questions, a result for no answers,
//! rendered as text and JSON.
//!
//! Run: `cargo +nightly fuzz run rules_parse` (seed the corpus with `rules/*.json` and
//! `tests/fixtures/rules/*.json`).
#![no_main]

use backscreen::answers::Answers;
use backscreen::rules::{self, RulesError};
use backscreen::{engine, input, render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The same gate as a file on disk: size, UTF-8, not blank.
    let text = match input::from_bytes(data.to_vec()) {
        Ok(text) => text,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    match rules::parse(&text, "fuzz.json") {
        Ok(rules) => {
            let order = rules.asking_order();
            assert!(order.iter().all(|&q| q < rules.questions.len()));
            let _ = rules.red_flag_questions();
            let outcome = engine::evaluate(&rules, &Answers::new());
            let mut out = Vec::new();
            render::text::write(&mut out, &outcome, Some(80)).expect("a Vec takes every write");
            render::json::write(&mut out, &outcome).expect("a Vec takes every write");
        }
        Err(e @ (RulesError::Syntax { .. } | RulesError::Invalid { .. })) => {
            if let RulesError::Invalid { problems, .. } = &e {
                assert!(!problems.is_empty(), "an invalid file names at least one problem");
            }
            assert!(e.to_string().contains("fuzz.json"), "the message names the file: {e}");
        }
        Err(e @ RulesError::Read { .. }) => panic!("parsing text reads no file, yet: {e}"),
    }
});
