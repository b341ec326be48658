//! Plain mode (`--plain`, or TERM=dumb), for screen readers and simple terminals: each
//! prompt written once as lines, answered by typing; no escape sequence at all. The real
//! binary in a pseudo-terminal, typed at as a person would.
#![cfg(unix)]

#[path = "support/pty.rs"]
mod pty;

use pty::plain::{ENGLISH, answer_calmly, escapes, spawn, spawn_with_columns};
use pty::{CTRL_D, Screen, read_json, squash, temp};
use serde_json::Value;
use std::path::Path;

fn root(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel).to_str().expect("a UTF-8 path").to_string()
}

fn minimal_rules() -> String {
    root("tests/fixtures/rules/minimal.json")
}

fn built_in_rules() -> Value {
    serde_json::from_str(&std::fs::read_to_string(root("rules/low-back.json")).expect("read the rules"))
        .expect("the rules are JSON")
}

#[track_caller]
fn assert_no_escape(s: &Screen) {
    let at = escapes(s.raw());
    if let Some(&first) = at.first() {
        let near =
            String::from_utf8_lossy(&s.raw()[first.saturating_sub(80)..(first + 40).min(s.raw().len())]);
        panic!("{} ESC bytes written; the first after {near:?}", at.len());
    }
}

/// Types `line` at the next "Your answer:" after `question`.
#[track_caller]
fn answer(s: &mut Screen, question: &str, line: &str) {
    s.expect(question);
    s.expect("Your answer:");
    s.line(line);
}

#[test]
fn a_whole_interview_is_completed_by_typing_and_writes_no_escape_sequence() {
    let dir = temp();
    let file = dir.path().join("answers.json");
    let rules = built_in_rules();
    let mut s = spawn(dir.path(), &["--plain", "--save", file.to_str().expect("UTF-8")], &[]);
    let welcome = squash(&s.expect("Question 1, "));
    assert!(welcome.contains("Answer by typing, then press Enter"), "the keys say to type:\n{welcome}");
    assert!(!welcome.contains("arrows"), "no arrow keys in plain mode:\n{welcome}");
    let first = squash(&s.expect("Your answer:"));
    assert!(first.contains(" 1. "), "the rows are numbered:\n{first}");
    assert!(first.contains(" 0. None of these"), "none of these is typed as 0:\n{first}");
    assert!(!first.contains("\"back\" to go back"), "nothing to go back to yet:\n{first}");
    s.line("0");
    s.expect("Recorded: None of these");
    let shown = answer_calmly(&mut s, &rules, "en", &ENGLISH, 2, "Your answers are saved in");
    assert!(!shown.is_empty(), "more than the first prompt was asked");
    assert_eq!(s.finish(), 0);

    let text = s.text();
    assert!(text.contains("Your result: "), "the result is shown:\n{text}");
    let saved = read_json(&file);
    assert_eq!(saved["status"], "complete", "{saved}");
    assert!(saved["answers"].as_object().is_some_and(|a| a.len() > 5), "{saved}");
    // Colour is off for the result too, though TERM says the terminal could show it.
    assert_no_escape(&s);
}

#[test]
fn back_returns_to_the_previous_question_and_enter_alone_keeps_its_answer() {
    let dir = temp();
    let file = dir.path().join("a.json");
    let args = ["--plain", "--rules", &minimal_rules(), "--save", file.to_str().expect("UTF-8")];
    let mut s = spawn(dir.path(), &args, &[]);
    answer(&mut s, "Leg weakness?", "1");
    s.expect("Recorded: None");
    answer(&mut s, "Numb between the legs?", "back");
    s.expect("(back to the previous question)");
    let again = squash(&s.expect("Your answer:"));
    assert!(again.contains("Leg weakness?"), "the question before is asked again:\n{again}");
    assert!(again.contains("Enter alone keeps your previous answer: None."), "{again}");
    s.line("");
    s.expect("Recorded: None");
    // Back once more, and this time a changed answer is taken.
    answer(&mut s, "Numb between the legs?", "back");
    answer(&mut s, "Leg weakness?", "2");
    s.expect("Recorded: One leg");
    s.expect("Your answer:");
    s.type_text(CTRL_D);
    s.expect("screening cancelled");
    assert_eq!(s.finish(), 130);
    assert_eq!(read_json(&file)["answers"]["weak"], "one");
    assert_no_escape(&s);
}

#[test]
fn a_wrong_entry_is_refused_with_what_is_allowed_and_asked_again_without_a_redraw() {
    let dir = temp();
    let mut s = spawn(dir.path(), &["--plain", "--rules", &minimal_rules()], &[]);
    answer(&mut s, "Leg weakness?", "9");
    let refusal = squash(&s.expect("Your answer:"));
    assert!(refusal.contains("\"9\" is not an answer here. Type the number of your answer"), "{refusal}");
    assert!(!refusal.contains("Leg weakness?"), "the question is not written again:\n{refusal}");
    s.line("1");
    answer(&mut s, "Numb between the legs?", "maybe");
    let refusal = squash(&s.expect("Your answer:"));
    assert!(refusal.contains("\"maybe\" is not an answer here. Type y for yes or n for no"), "{refusal}");
    s.line("N");
    s.expect("Recorded: No");
    answer(&mut s, "Pain now, 0 to 10?", "11");
    let refusal = squash(&s.expect("Your answer:"));
    assert!(refusal.contains("\"11\" is not an answer here. Type a whole number from 0 to 10"), "{refusal}");
    s.line("3");
    s.expect("Recorded: 3/10");
    s.expect("Your answer:");
    s.type_text(CTRL_D);
    assert_eq!(s.finish(), 130);
    assert_no_escape(&s);
}

#[test]
fn term_dumb_without_plain_gives_the_same_plain_prompts() {
    let dir = temp();
    let mut s = spawn(dir.path(), &["--rules", &minimal_rules()], &[("TERM", "dumb")]);
    let welcome = squash(&s.expect("Question 1, "));
    assert!(welcome.contains("Answer by typing"), "{welcome}");
    let prompt = squash(&s.expect("Your answer:"));
    assert!(prompt.contains("Leg weakness? 1. None 2. One leg 3. Both legs"), "{prompt}");
    s.line("1");
    s.expect("Numb between the legs?");
    s.expect("Your answer:");
    // Ctrl-D, the end of input, stops as in the arrow-key interview.
    s.type_text(CTRL_D);
    s.expect("screening cancelled");
    assert_eq!(s.finish(), 130);
    assert_no_escape(&s);
}

#[test]
fn an_emergency_answer_is_checked_by_typing_and_stops_the_interview_once_confirmed() {
    let dir = temp();
    let file = dir.path().join("a.json");
    let args = ["--plain", "--rules", &minimal_rules(), "--save", file.to_str().expect("UTF-8")];
    let mut s = spawn(dir.path(), &args, &[]);
    answer(&mut s, "Leg weakness?", "3");
    let check = squash(&s.expect("Your answer:"));
    assert!(check.contains("Please check this answer."), "{check}");
    assert!(check.contains("You said: “Leg weakness?” Both legs"), "{check}");
    assert!(check.contains("Type y if that is right, or n to go back"), "{check}");
    s.line("n");
    s.expect("(back to the question)");
    let again = squash(&s.expect("Your answer:"));
    assert!(again.contains("Enter alone keeps your previous answer: Both legs."), "{again}");
    s.line("3");
    s.expect("Please check this answer.");
    s.expect("Your answer:");
    s.line("y");
    s.expect("STOP: this needs emergency care now. No more questions.");
    s.expect("Your answers are saved in");
    assert_eq!(s.finish(), 0);
    assert_eq!(read_json(&file)["status"], "stopped_at_emergency");
    assert_no_escape(&s);
}

#[test]
fn the_save_offer_the_file_name_and_replacing_a_file_are_answered_by_typing() {
    let dir = temp();
    std::fs::write(dir.path().join("backscreen-answers.json"), "{}").expect("an existing file");
    let mut s = spawn(dir.path(), &["--plain", "--rules", &minimal_rules()], &[]);
    answer(&mut s, "Leg weakness?", "3");
    s.expect("Please check this answer.");
    s.expect("Your answer:");
    s.line("y");
    s.expect("Save your answers to a file");
    s.expect("Your answer:");
    s.line("y");
    s.expect("File name (Enter alone: backscreen-answers.json; \"back\" to go back):");
    s.line("");
    s.expect("backscreen-answers.json already exists. Replace it with these answers?");
    s.expect("Your answer:");
    s.line("");
    s.expect("backscreen-answers.json is kept as it is; choose another name");
    s.expect("File name");
    s.line("mine.json");
    s.expect("Your answers are saved in mine.json");
    assert_eq!(s.finish(), 0);
    assert_eq!(std::fs::read_to_string(dir.path().join("backscreen-answers.json")).expect("kept"), "{}");
    assert_eq!(read_json(&dir.path().join("mine.json"))["answers"]["weak"], "both");
    assert_no_escape(&s);
}

#[test]
fn every_line_of_the_prompts_and_the_saved_note_fits_a_40_column_terminal() {
    let dir = temp();
    let rules = built_in_rules();
    // A name longer than a line: the note breaks inside it rather than run past the edge.
    let name = "answers-kept-for-the-clinic-visit-on-tuesday.json";
    let mut s = spawn_with_columns(dir.path(), &["--plain", "--save", name], &[], 40);
    answer_calmly(&mut s, &rules, "en", &ENGLISH, 1, "Your answers are saved in");
    assert_eq!(s.finish(), 0);
    let text = s.text();
    // The prompts (up to the result, which is the report's to fit) and the note after it.
    let prompts = &text[..text.rfind("Recorded: ").expect("answers were recorded")];
    let note = &text[text.rfind("Your answers are saved in").expect("the note")..];
    for line in prompts.lines().chain(note.lines()) {
        let line = line.trim_end_matches('\r');
        assert!(line.chars().count() <= 40, "{} columns: {line:?}", line.chars().count());
    }
    let joined: String = note.split_whitespace().collect();
    assert!(joined.contains(&format!("backscreenevaluate{name}")), "{note}");
}

#[test]
fn a_signal_in_plain_mode_leaves_in_the_persons_language_without_an_escape_sequence() {
    let dir = temp();
    let file = dir.path().join("respuestas.json");
    let mut s = spawn(dir.path(), &["--plain", "--lang", "es", "--save", file.to_str().expect("UTF-8")], &[]);
    s.expect("Su respuesta:");
    let status =
        std::process::Command::new("kill").args(["-TERM", &s.pid().to_string()]).status().expect("kill runs");
    assert!(status.success());
    s.expect("Sus respuestas hasta ahora están guardadas en");
    s.expect("backscreen: cribado cancelado");
    assert_eq!(s.finish(), 143, "128 + SIGTERM");
    assert_no_escape(&s);
}
