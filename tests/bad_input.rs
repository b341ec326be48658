//! The bad-input catalogue: every way a rules or answers file can be wrong that we know
//! of, each run through the real binary. Every case must exit 1 (2 for a usage error),
//! print nothing on stdout, never panic, and say on stderr what is wrong and where:
//! the file, the JSON path or line:column, and the specific words.
//!
//! Fixtures live in `tests/fixtures/bad/rules/` and `tests/fixtures/bad/answers/`; most
//! are `tests/fixtures/rules/minimal.json` with one thing broken. Large inputs are
//! generated at test time in a temporary directory and never committed. Where a bad case
//! has a close good one (a yes/no answer "maybe" against "not_sure"), a test next to the
//! catalogue checks that the good one is accepted.
//!
//! Nothing from a file drives the terminal: in every case stderr holds no escape or other
//! control character and no bidirectional control, and no line is longer than
//! [`MAX_LINE`], however long the key or value a message quotes.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_backscreen");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const BAD_RULES: &str = "tests/fixtures/bad/rules";
const BAD_ANSWERS: &str = "tests/fixtures/bad/answers";
const MINIMAL: &str = "tests/fixtures/rules/minimal.json";
/// Valid answers for `minimal.json`.
const GOOD_ANSWERS: &str = r#"{"answers":{"saddle":false,"weak":"one","worse":true,"sitting":8,"pain":4,"age":55,"sports":["lifting"]}}"#;
/// No case may take longer than this; a hang is a failure, not a stuck test run.
const DEADLINE: Duration = Duration::from_secs(60);
/// The longest stderr line any case may print (in characters).
const MAX_LINE: usize = 500;

/// Each inner list is one line of stderr: all its words must be on that same line.
type Lines = &'static [&'static [&'static str]];

/// Bad rules files, checked with `backscreen rules check FILE`.
const RULES_CASES: &[(&str, Lines)] = &[
    // Reading and JSON syntax.
    ("truncated.json", &[&["truncated.json:15:", "the JSON ends too early", "cut short"]]),
    ("empty.json", &[&["it is empty", "expected a JSON object"]]),
    ("whitespace_only.json", &[&["it is empty", "expected a JSON object"]]),
    ("not_utf8.json", &[&["not UTF-8", "offset 100", "save it as UTF-8"]]),
    ("top_level_array.json", &[&["expected an object", "found a list"]]),
    (
        "deep_json_arrays.json",
        &[&["deep_json_arrays.json:1:", "invalid JSON", "nested too deeply (more than 127 levels"]],
    ),
    ("duplicate_key.json", &[&["duplicate_key.json:", "the key \"text\" appears twice in the same object"]]),
    // Shapes and types.
    ("text_as_number.json", &[&["questions[0].text:", "expected text", "found the number 42"]]),
    ("min_as_string.json", &[&["questions[3].min:", "expected a whole number", "found the string \"16\""]]),
    (
        "weight_not_whole.json",
        &[&["causes[0].evidence[0].weight:", "expected a whole number", "1.5, which is not a whole number"]],
    ),
    (
        "huge_score_points.json",
        &[&["scores[0].items[0].points:", "points are a whole number from -1000 to 1000"]],
    ),
    ("id_too_long.json", &[&["questions[0].id:", "65 characters long", "at most 64"]]),
    // The message states the rule `is_id` applies.
    (
        "id_invalid_characters.json",
        &[&["id:", "`mini.mal` is not a valid id", "letters (a-z, A-Z), digits, `_` and `-`", "at most 64"]],
    ),
    // A number too large says so, whether serde_json still reads it (as a float) or not.
    (
        "number_too_large.json",
        &[&["causes[0].evidence[0].weight:", "expected a whole number, found a number too large"]],
    ),
    ("number_beyond_json_range.json", &[&["number_beyond_json_range.json:47:", "a number too large"]]),
    // A FHIR integer is 32-bit: a question's range must fit one.
    (
        "number_bounds_beyond_32_bits.json",
        &[&[
            "questions[5].max:",
            "`max` is a whole number from -2147483648 to 2147483647",
            "not 9223372036854775807",
        ]],
    ),
    // A version is one line of visible text, printed as it is in summaries and reports.
    (
        "version_with_control_characters.json",
        &[&["version:", "`1\\nok: all fine \\u{1b}[2J\\u{202e}enif`", "a version is one line"]],
    ),
    ("version_too_long.json", &[&["version:", "81 characters long", "at most 64"]]),
    // A key or value quoted in a message is one line: its newline and escapes are shown, not obeyed.
    (
        "unknown_field_hostile_key.json",
        &[&[
            "questions[2][\"ask_if\\nbackscreen: ok \\u{1b}]0;pwned\\u{7}\\u{202e}\"]:",
            "unknown field `ask_if\\nbackscreen",
        ]],
    ),
    (
        "unknown_level_hostile.json",
        &[&["red_flags[2].level:", "unknown level `urgent\\u{1b}[2J\\n\\u{2066}now\\u{2069}`"]],
    ),
    (
        "unknown_field_typo.json",
        &[&["questions[2].ask_iff:", "unknown field `ask_iff`", "did you mean `ask_if`?"]],
    ),
    ("missing_required_field.json", &[&["missing field `disclaimer`", "the top level"]]),
    (
        "missing_question_section.json",
        &[&["questions[4]:", "missing field `section`", "required in questions[4]"]],
    ),
    (
        "unknown_question_type.json",
        &[&["questions[4].type:", "unknown question type `slider`", "yes_no, single_choice"]],
    ),
    ("format_2.json", &[&["format:", "reads rules format 1, not 2"]]),
    ("cause_without_evidence.json", &[&["causes[0].evidence:", "a cause needs at least one evidence item"]]),
    ("deeply_nested_conditions.json", &[&["red_flags[0].when.not.not.not", "nest more than 16 deep"]]),
    // References.
    (
        "dangling_question_in_condition.json",
        &[&["questions[2].ask_if.not.answer:", "no question has the id `weakness`"]],
    ),
    ("dangling_section.json", &[&["questions[0].section:", "no section has the id `safty`"]]),
    ("dangling_source.json", &[&["red_flags[3].source[1]:", "no source has the id `s9`"]]),
    (
        "duplicate_question_ids.json",
        &[&["questions[8].id:", "duplicate question id `age`", "first used at questions[3]"]],
    ),
    (
        "duplicate_choice_ids.json",
        &[&[
            "questions[6].choices[1].id:",
            "duplicate choice id `lifting`",
            "first used at questions[6].choices[0]",
        ]],
    ),
    // Conditions that do not fit.
    (
        "choice_not_of_question.json",
        &[&["red_flags[1].when.equals:", "`both_legs` is not a choice of `weak`", "none, one, both"]],
    ),
    (
        "number_out_of_range_in_condition.json",
        &[&["causes[0].evidence[0].when.at_least:", "30 is outside `sitting`'s range 0 to 24"]],
    ),
    (
        "contains_on_yes_no.json",
        &[&[
            "causes[1].evidence[1].when.contains:",
            "`contains` is for multiple_choice",
            "`deadlift_stiff` is yes_no",
        ]],
    ),
    (
        "cause_condition_outside_recommendations.json",
        &[&["causes[1].evidence[0].when.cause:", "can only be used in `recommendations`"]],
    ),
    (
        "answered_in_red_flag.json",
        &[&["red_flags[3].when.any[1].not.answered:", "`answered` cannot be used in a red flag"]],
    ),
    // Asking order and the red-flag safety rules.
    ("ask_if_cycle.json", &[&["questions[5].ask_if:", "loop", "sitting -> sports -> sitting"]]),
    (
        "ask_if_forward_reference.json",
        &[&["questions[5].ask_if:", "looks at `deadlift_stiff`, which is asked after `sitting`"]],
    ),
    (
        "red_flag_question_hidden.json",
        &[
            &["questions[0].ask_if:", "looks at `sports`, which is asked after `saddle`"],
            &["questions[0].ask_if:", "red-flag question `saddle` would be skipped depending on `sports`"],
        ],
    ),
    // Checklists: several questions on one screen, each still its own answer.
    (
        "checklist_item_unknown_question.json",
        &[&["checklists[0].items[1].question:", "no question has the id `deadlift_stif`"]],
    ),
    (
        "checklist_item_number_question.json",
        &[&[
            "checklists[0].items[1].question:",
            "`sitting` is a number question",
            "checklist items are yes_no questions",
        ]],
    ),
    (
        "checklist_multiple_choice_without_none.json",
        &[&["checklists[0].items[1].question:", "`sports` has no `exclusive` (\"none of these\") choice"]],
    ),
    (
        "checklist_question_in_two_checklists.json",
        &[&[
            "checklists[1].items[1].question:",
            "`saddle` is already an item at checklists[0].items[0].question",
        ]],
    ),
    ("checklist_with_one_item.json", &[&["checklists[0].items:", "a checklist needs at least two items"]]),
    (
        "checklist_duplicate_ids.json",
        &[&["checklists[1].id:", "duplicate checklist id `signs`", "first used at checklists[0]"]],
    ),
    // "Not sure": a reserved choice id, and a condition only where the question offers it.
    (
        "choice_id_not_sure.json",
        &[&["questions[1].choices[3].id:", "`not_sure` is reserved for the \"not sure\" answer"]],
    ),
    (
        "not_sure_condition_when_not_offered.json",
        &[&[
            "red_flags[0].when.any[1].not_sure:",
            "`saddle` does not offer \"not sure\" (its `not_sure` is false)",
        ]],
    ),
    // Every problem reported, each on its own line.
    (
        "several_errors.json",
        &[
            &["format:", "not 2"],
            &["questions[0].text:", "found the number 42"],
            &["questions[2].ask_iff:", "did you mean `ask_if`?"],
            &["questions[4].type:", "unknown question type `slider`"],
            &["causes[0].evidence[0].weight:", "expected a whole number"],
        ],
    ),
];

/// Bad rules files that `evaluate --rules FILE` must refuse just as `rules check` does.
const EVALUATE_RULES_CASES: &[(&str, Lines)] = &[
    ("truncated.json", &[&["truncated.json:15:", "the JSON ends too early"]]),
    (
        "dangling_question_in_condition.json",
        &[&["questions[2].ask_if.not.answer:", "no question has the id `weakness`"]],
    ),
    ("ask_if_cycle.json", &[&["questions[5].ask_if:", "loop"]]),
    ("not_utf8.json", &[&["not UTF-8", "offset 100"]]),
    ("checklist_with_one_item.json", &[&["checklists[0].items:", "at least two items"]]),
    ("not_sure_condition_when_not_offered.json", &[&["red_flags[0].when.any[1].not_sure:"]]),
    (
        "several_errors.json",
        &[
            &["format:"],
            &["questions[0].text:"],
            &["questions[2].ask_iff:"],
            &["questions[4].type:"],
            &["causes[0].evidence[0].weight:"],
        ],
    ),
];

/// Bad answers files, checked with `backscreen evaluate --rules minimal.json FILE`.
const ANSWERS_CASES: &[(&str, Lines)] = &[
    ("unknown_question.json", &[&["answers.sadle:", "no question has the id `sadle` in rules `minimal`"]]),
    ("yes_no_as_string.json", &[&["answers.saddle:", "expected true or false", "found the string \"yes\""]]),
    // "Not sure" is the string "not_sure"; any other word is refused, and the message says so.
    (
        "yes_no_maybe.json",
        &[&["answers.saddle:", "expected true or false (or \"not_sure\")", "found the string \"maybe\""]],
    ),
    ("age_out_of_range.json", &[&["answers.age:", "200 is outside `age`'s range 16 to 120"]]),
    ("scale_out_of_range.json", &[&["answers.pain:", "11 is outside `pain`'s range 0 to 10"]]),
    ("unknown_choice.json", &[&["answers.weak:", "`left` is not a choice of `weak`", "none, one, both"]]),
    ("number_not_whole.json", &[&["answers.sitting:", "expected a whole number", "7.5"]]),
    (
        "multiple_choice_as_string.json",
        &[&["answers.sports:", "expected a list of choice ids", "\"running\""]],
    ),
    (
        "exclusive_choice_with_another.json",
        &[&["answers.sports:", "`neither` cannot be chosen together with other choices"]],
    ),
    ("choice_twice.json", &[&["answers.sports:", "`running` is chosen twice"]]),
    // A repeated key must not let a later "no" hide a red-flag "yes".
    ("duplicate_key.json", &[&["duplicate_key.json:1:", "the key \"saddle\" appears twice"]]),
    ("answers_missing.json", &[&["missing `answers`"]]),
    ("answers_not_object.json", &[&["answers:", "expected an object of question ids", "found a list"]]),
    ("top_level_array.json", &[&["expected a JSON object with an `answers` object", "found a list"]]),
    ("truncated.json", &[&["truncated.json:3:", "the JSON ends too early", "cut short"]]),
    (
        "rules_id_mismatch.json",
        &[&["rules.id:", "these answers are for rules `other`", "the rules in use are `minimal`", "--rules"]],
    ),
    ("not_utf8.json", &[&["not UTF-8", "offset 22"]]),
    // Keys and values from the file are quoted on one line, escapes shown, never obeyed.
    (
        "unknown_question_hostile_key.json",
        &[&[
            "answers[\"sad\\nle\\u{1b}[2J\\u{202e}\"]:",
            "no question has the id `sad\\nle\\u{1b}[2J\\u{202e}`",
        ]],
    ),
    (
        "unknown_choice_hostile.json",
        &[&["answers.weak:", "`left\\n\\u{1b}[31m\\u{202e}thgir` is not a choice of `weak`"]],
    ),
    ("yes_no_hostile_string.json", &[&["answers.saddle:", "found the string \"no\\n\\u{1b}[2J\\u{202e}\""]]),
    ("duplicate_key_hostile.json", &[&["the key \"sad\\ndle\\u{202e}\" appears twice"]]),
    (
        "rules_id_mismatch_hostile.json",
        &[&["rules.id:", "for rules `other\\n\\u{1b}[2Jxxx", "x\u{2026}`, but the rules in use"]],
    ),
    (
        "number_too_large.json",
        &[&["answers.sitting:", "a number too large; expected a whole number from 0 to 24"]],
    ),
    (
        "several_problems.json",
        &[
            &["answers.age:", "200 is outside `age`'s range 16 to 120"],
            &["answers.saddle:", "expected true or false"],
            &["answers.sadle:", "no question has the id `sadle`"],
        ],
    ),
];

struct Output {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

/// Runs the real binary from the crate root, with `stdin` fed to it, killing it at the deadline.
fn run(args: &[&str], stdin: &[u8]) -> Output {
    let start = Instant::now();
    let mut child = Command::new(BIN)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .args(args)
        .current_dir(ROOT)
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {BIN}: {e}"));
    let input = stdin.to_vec();
    let mut pipe_in = child.stdin.take().expect("stdin is piped");
    // The binary may stop reading early (a bounded read); a broken pipe here is fine.
    let writer = thread::spawn(move || {
        let _ = pipe_in.write_all(&input);
    });
    let drain = |mut r: Box<dyn Read + Send>| {
        thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = r.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let out = drain(Box::new(child.stdout.take().expect("stdout is piped")));
    let err = drain(Box::new(child.stderr.take().expect("stderr is piped")));
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for the binary") {
            break Some(status);
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        thread::sleep(Duration::from_millis(5));
    };
    let elapsed = start.elapsed();
    let _ = writer.join();
    let stdout = out.join().unwrap_or_default();
    let mut stderr = err.join().unwrap_or_default();
    if status.is_none() {
        stderr.push_str(&format!("\n[killed after {DEADLINE:?}]"));
    }
    Output { code: status.and_then(|s| s.code()), stdout, stderr, elapsed }
}

/// One entry of the catalogue: a command and what must come of it.
struct Case {
    name: String,
    args: Vec<String>,
    stdin: Vec<u8>,
    code: i32,
    /// Every stderr line must contain this (the file named on every line).
    every_line: Option<String>,
    lines: Vec<Vec<String>>,
    /// The longest the run may take.
    within: Duration,
}

impl Case {
    fn new(name: impl Into<String>, args: &[&str], lines: Lines) -> Case {
        Case {
            name: name.into(),
            args: args.iter().map(|a| a.to_string()).collect(),
            stdin: Vec::new(),
            code: 1,
            every_line: None,
            lines: lines.iter().map(|l| l.iter().map(|w| w.to_string()).collect()).collect(),
            within: Duration::from_secs(20),
        }
    }

    fn naming(mut self, prefix: impl Into<String>) -> Case {
        self.every_line = Some(prefix.into());
        self
    }

    fn within(mut self, limit: Duration) -> Case {
        self.within = limit;
        self
    }

    fn exit_code(mut self, code: i32) -> Case {
        self.code = code;
        self
    }

    fn stdin(mut self, bytes: &[u8]) -> Case {
        self.stdin = bytes.to_vec();
        self
    }

    /// What is wrong with the binary's behaviour on this case, if anything.
    fn check(&self) -> Option<String> {
        let args: Vec<&str> = self.args.iter().map(String::as_str).collect();
        let out = run(&args, &self.stdin);
        let mut wrong = Vec::new();
        if out.code != Some(self.code) {
            wrong.push(format!("exit code {:?}, expected {}", out.code, self.code));
        }
        if !out.stdout.is_empty() {
            wrong.push(format!("stdout is not empty: {:?}", out.stdout));
        }
        for bad in ["panicked", "RUST_BACKTRACE", "stack overflow"] {
            if out.stderr.contains(bad) {
                wrong.push(format!("stderr contains {bad:?}"));
            }
        }
        wrong.extend(self.line_problems(&out.stderr));
        wrong.extend(terminal_problems(&out.stderr));
        if out.elapsed > self.within {
            wrong.push(format!("took {:?}, more than {:?}", out.elapsed, self.within));
        }
        (!wrong.is_empty()).then(|| {
            format!(
                "case `{}` (backscreen {}):\n    - {}\n    stderr was:\n{}",
                self.name,
                self.args.join(" "),
                wrong.join("\n    - "),
                indent(&out.stderr)
            )
        })
    }

    /// Every expected line is found on its own stderr line, and there is no other line.
    fn line_problems(&self, stderr: &str) -> Vec<String> {
        let got: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
        let mut wrong = Vec::new();
        let mut used = BTreeSet::new();
        for words in &self.lines {
            let found = got
                .iter()
                .enumerate()
                .find(|(i, line)| !used.contains(i) && words.iter().all(|w| line.contains(w.as_str())));
            match found {
                Some((i, _)) => {
                    used.insert(i);
                }
                None => wrong.push(format!("no stderr line (not already matched) contains all of {words:?}")),
            }
        }
        if let Some(prefix) = &self.every_line {
            if got.is_empty() {
                wrong.push("stderr is empty".into());
            }
            for line in &got {
                if !line.starts_with("backscreen: ") || !line.contains(prefix.as_str()) {
                    wrong.push(format!("line does not start `backscreen: ` and name {prefix:?}: {line:?}"));
                }
            }
            if got.len() != self.lines.len() {
                wrong.push(format!(
                    "{} stderr lines, expected {} (one per problem)",
                    got.len(),
                    self.lines.len()
                ));
            }
        }
        wrong
    }
}

/// What in `stderr` could drive a terminal or forge a line: control characters other than
/// newline (ESC, BEL, C1), bidirectional controls, and overlong lines.
fn terminal_problems(stderr: &str) -> Vec<String> {
    let mut wrong = Vec::new();
    let bidi =
        |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}');
    if let Some(c) = stderr.chars().find(|&c| (c.is_control() && c != '\n') || bidi(c)) {
        wrong.push(format!("stderr holds the character U+{:04X}", c as u32));
    }
    if let Some(line) = stderr.lines().find(|l| l.chars().count() > MAX_LINE) {
        wrong.push(format!(
            "a stderr line is {} characters long, more than {MAX_LINE}: {:?}...",
            line.chars().count(),
            line.chars().take(120).collect::<String>()
        ));
    }
    wrong
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("      | {l}")).collect::<Vec<_>>().join("\n")
}

/// Runs every case and fails once, listing every case that failed.
fn run_all(cases: Vec<Case>) {
    assert!(!cases.is_empty(), "no cases to run");
    let failures: Vec<String> = cases.iter().filter_map(Case::check).collect();
    assert!(
        failures.is_empty(),
        "{} of {} bad-input cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

fn rules_fixture(file: &str) -> String {
    format!("{BAD_RULES}/{file}")
}

fn answers_fixture(file: &str) -> String {
    format!("{BAD_ANSWERS}/{file}")
}

#[test]
fn every_bad_rules_file_exits_1_with_a_message_naming_the_problem() {
    let cases = RULES_CASES
        .iter()
        .map(|(file, lines)| {
            let path = rules_fixture(file);
            Case::new(format!("rules/{file}"), &["rules", "check", &path], lines)
                .naming(format!("rules file {path}"))
        })
        .collect();
    run_all(cases);
}

#[test]
fn evaluate_refuses_a_bad_rules_file_with_the_same_message() {
    let cases = EVALUATE_RULES_CASES
        .iter()
        .map(|(file, lines)| {
            let path = rules_fixture(file);
            Case::new(format!("evaluate --rules rules/{file}"), &["evaluate", "--rules", &path, "-"], lines)
                .naming(format!("rules file {path}"))
                .stdin(GOOD_ANSWERS.as_bytes())
        })
        .collect();
    run_all(cases);
}

#[test]
fn every_bad_answers_file_exits_1_with_a_message_naming_the_problem() {
    let mut cases: Vec<Case> = ANSWERS_CASES
        .iter()
        .map(|(file, lines)| {
            let path = answers_fixture(file);
            Case::new(format!("answers/{file}"), &["evaluate", "--rules", MINIMAL, &path], lines)
                .naming(format!("answers file {path}"))
        })
        .collect();
    cases.push(
        Case::new("empty stdin", &["evaluate", "--rules", MINIMAL, "-"], &[&["it is empty"]])
            .naming("answers file <stdin>"),
    );
    cases.push(
        Case::new(
            "bad answers on stdin",
            &["evaluate", "--rules", MINIMAL, "-"],
            &[&["answers.age:", "200 is outside"]],
        )
        .naming("answers file <stdin>")
        .stdin(br#"{"answers": {"age": 200}}"#),
    );
    cases.push(
        Case::new(
            "json output, bad answers",
            &["evaluate", "--rules", MINIMAL, "--format", "json", "-"],
            &[&["answers.saddle:", "expected true or false"]],
        )
        .naming("answers file <stdin>")
        .stdin(br#"{"answers": {"saddle": "yes"}}"#),
    );
    run_all(cases);
}

/// The good counterpart of `yes_no_maybe.json`: "not_sure" is an answer to any question,
/// and it leaves the red flags it could fire open, never ruled out.
#[test]
fn not_sure_is_accepted_for_a_yes_no_question_and_leaves_its_red_flag_open() {
    let answers = GOOD_ANSWERS.replace(r#""saddle":false"#, r#""saddle":"not_sure""#);
    assert_ne!(answers, GOOD_ANSWERS, "the good answers no longer answer `saddle` with false");
    let out = run(&["evaluate", "--rules", MINIMAL, "--format", "json", "-"], answers.as_bytes());
    assert_eq!(
        out.code,
        Some(0),
        "\"not_sure\" for a yes/no question must be accepted; stderr: {}",
        out.stderr
    );
    assert!(out.stderr.is_empty(), "stderr is not empty: {}", out.stderr);
    let result: serde_json::Value =
        serde_json::from_str(&out.stdout).expect("evaluate --format json prints JSON");
    let triage = &result["triage"];
    let ids = |key: &str| -> Vec<String> {
        triage[key]
            .as_array()
            .unwrap_or_else(|| panic!("triage.{key} is not a list: {triage}"))
            .iter()
            .map(|f| f["id"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert!(!ids("red_flags").contains(&"saddle".to_string()), "\"not sure\" fired a red flag: {triage}");
    assert_eq!(ids("open"), ["saddle"], "\"not sure\" must leave the saddle red flag open: {triage}");
    assert_eq!(
        triage["open"][0]["not_sure_about"][0]["question"], "saddle",
        "the open flag names the question answered \"not sure\": {triage}"
    );
}

#[test]
fn a_missing_file_is_named_in_the_error() {
    let answers = answers_fixture("there_is_no_such_file.json");
    let rules = rules_fixture("there_is_no_such_file.json");
    run_all(vec![
        Case::new(
            "missing answers file",
            &["evaluate", "--rules", MINIMAL, &answers],
            &[&["cannot read it"]],
        )
        .naming(format!("answers file {answers}")),
        Case::new("missing rules file", &["rules", "check", &rules], &[&["cannot read it"]])
            .naming(format!("rules file {rules}")),
        Case::new(
            "missing rules file for evaluate",
            &["evaluate", "--rules", &rules, "-"],
            &[&["cannot read it"]],
        )
        .naming(format!("rules file {rules}"))
        .stdin(GOOD_ANSWERS.as_bytes()),
        Case::new(
            "a directory as the rules file",
            &["rules", "check", BAD_RULES],
            &[&["it is a directory, not a file"]],
        )
        .naming(format!("rules file {BAD_RULES}")),
    ]);
}

#[test]
fn an_unknown_flag_is_a_usage_error_with_exit_code_2() {
    run_all(vec![
        Case::new(
            "unknown flag",
            &["evaluate", "--frobnicate", "--rules", MINIMAL, "answers.json"],
            &[&["unexpected argument '--frobnicate'"]],
        )
        .exit_code(2),
        Case::new("missing ANSWERS argument", &["evaluate", "--rules", MINIMAL], &[&["<ANSWERS>"]])
            .exit_code(2),
        Case::new(
            "unknown output format",
            &["evaluate", "--format", "xml", "--rules", MINIMAL, "-"],
            &[&["invalid value 'xml'", "--format"]],
        )
        .exit_code(2),
    ]);
}

/// A 50 MB file made of valid JSON padded with one giant string.
fn write_padded_json(path: &Path, head: &str) {
    let file = std::fs::File::create(path).expect("creating the large file");
    let mut w = std::io::BufWriter::new(file);
    w.write_all(head.as_bytes()).expect("writing");
    w.write_all(br#", "padding": ""#).expect("writing");
    let chunk = vec![b'x'; 1024 * 1024];
    for _ in 0..50 {
        w.write_all(&chunk).expect("writing");
    }
    w.write_all(b"\"}\n").expect("writing");
    w.flush().expect("writing");
    let len = std::fs::metadata(path).expect("stat").len();
    assert!(len >= 50 * 1024 * 1024, "the generated file is only {len} bytes");
}

#[test]
fn a_50_mb_file_is_refused_quickly_as_larger_than_the_limit() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let rules: PathBuf = dir.path().join("huge-rules.json");
    let answers: PathBuf = dir.path().join("huge-answers.json");
    write_padded_json(&rules, r#"{"format": 1, "id": "huge""#);
    write_padded_json(&answers, r#"{"answers": {"saddle": false}"#);
    let (rules, answers) = (rules.display().to_string(), answers.display().to_string());
    let big_stdin = {
        let mut v = br#"{"answers": {"saddle": false}, "padding": ""#.to_vec();
        v.resize(v.len() + 50 * 1024 * 1024, b'x');
        v.extend_from_slice(b"\"}");
        v
    };
    let cases = vec![
        Case::new("50 MB rules file", &["rules", "check", &rules], &[&["larger than 4 MB", "right file"]])
            .naming(format!("rules file {rules}")),
        Case::new(
            "50 MB answers file",
            &["evaluate", "--rules", MINIMAL, &answers],
            &[&["larger than 4 MB"]],
        )
        .naming(format!("answers file {answers}")),
        Case::new("50 MB answers on stdin", &["evaluate", "--rules", MINIMAL, "-"], &[&["larger than 4 MB"]])
            .naming("answers file <stdin>")
            .stdin(&big_stdin),
    ];
    // A file over the limit is refused without reading it all.
    run_all(cases.into_iter().map(|c| c.within(Duration::from_secs(5))).collect());
}

#[test]
fn the_catalogue_has_at_least_25_bad_input_files_and_every_one_is_tested() {
    let list = |dir: &str| -> BTreeSet<String> {
        std::fs::read_dir(Path::new(ROOT).join(dir))
            .unwrap_or_else(|e| panic!("cannot list {dir}: {e}"))
            .map(|e| e.expect("a directory entry").file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".json"))
            .collect()
    };
    let (rules, answers) = (list(BAD_RULES), list(BAD_ANSWERS));
    let total = rules.len() + answers.len();
    assert!(total >= 25, "only {total} bad-input fixtures; the catalogue needs at least 25");
    let tested_rules: BTreeSet<String> = RULES_CASES.iter().map(|(f, _)| f.to_string()).collect();
    let tested_answers: BTreeSet<String> = ANSWERS_CASES.iter().map(|(f, _)| f.to_string()).collect();
    assert_eq!(rules, tested_rules, "every file in {BAD_RULES} has exactly one entry in RULES_CASES");
    assert_eq!(answers, tested_answers, "every file in {BAD_ANSWERS} has exactly one entry in ANSWERS_CASES");
    for (file, _) in EVALUATE_RULES_CASES {
        assert!(rules.contains(*file), "EVALUATE_RULES_CASES names {file}, which is not in {BAD_RULES}");
    }
}

#[test]
fn the_minimal_rules_and_good_answers_are_accepted_so_the_catalogue_tests_one_fault_each() {
    let out = run(&["rules", "check", MINIMAL], b"");
    assert_eq!(out.code, Some(0), "minimal.json must pass `rules check`; stderr: {}", out.stderr);
    let out = run(&["evaluate", "--rules", MINIMAL, "-"], GOOD_ANSWERS.as_bytes());
    assert_eq!(out.code, Some(0), "the good answers must evaluate; stderr: {}", out.stderr);
    assert!(!out.stdout.is_empty(), "evaluate printed nothing");
}

/// A UTF-8 byte-order mark (Windows Notepad writes one) is skipped, not refused: the same
/// file without it is valid, and the mark is invisible to the person who saved it.
#[test]
fn a_file_starting_with_a_byte_order_mark_is_read_as_without_it() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let rules = dir.path().join("bom-rules.json");
    let minimal = std::fs::read(Path::new(ROOT).join(MINIMAL)).expect("reading minimal.json");
    std::fs::write(&rules, [b"\xef\xbb\xbf".as_slice(), &minimal].concat()).expect("writing");
    let rules = rules.display().to_string();
    let out = run(&["rules", "check", &rules], b"");
    assert_eq!(out.code, Some(0), "a rules file with a byte-order mark must load; stderr: {}", out.stderr);
    let answers = [b"\xef\xbb\xbf".as_slice(), GOOD_ANSWERS.as_bytes()].concat();
    let out = run(&["evaluate", "--rules", &rules, "-"], &answers);
    assert_eq!(out.code, Some(0), "answers with a byte-order mark must evaluate; stderr: {}", out.stderr);
    assert!(out.stderr.is_empty(), "stderr is not empty: {}", out.stderr);
}

/// `-0` is zero: serde_json reads it as the float -0.0, which is not refused as "not whole".
#[test]
fn minus_zero_is_read_as_zero_in_rules_and_answers() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let rules = dir.path().join("minus-zero.json");
    let minimal = std::fs::read_to_string(Path::new(ROOT).join(MINIMAL)).expect("reading minimal.json");
    let changed = minimal.replace(r#""min": 0, "max": 24"#, r#""min": -0, "max": 24"#);
    assert_ne!(changed, minimal, "minimal.json no longer has `sitting`'s range 0 to 24");
    std::fs::write(&rules, changed).expect("writing");
    let rules = rules.display().to_string();
    let out = run(&["rules", "check", &rules], b"");
    assert_eq!(out.code, Some(0), "`\"min\": -0` must read as 0; stderr: {}", out.stderr);
    let answers = GOOD_ANSWERS.replace(r#""sitting":8"#, r#""sitting":-0"#);
    assert_ne!(answers, GOOD_ANSWERS, "the good answers no longer answer `sitting` with 8");
    let out = run(&["evaluate", "--rules", MINIMAL, "--format", "json", "-"], answers.as_bytes());
    assert_eq!(out.code, Some(0), "`\"sitting\": -0` must read as 0; stderr: {}", out.stderr);
}

/// A 3 MB key quoted in a message must not make a 3 MB line: at most 60 characters of it are quoted.
#[test]
fn a_3_mb_key_is_quoted_shortened_in_one_line() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let key = "k".repeat(3 * 1024 * 1024);
    let answers = dir.path().join("huge-key.json");
    std::fs::write(&answers, format!(r#"{{"answers": {{"{key}": true}}}}"#)).expect("writing");
    let rules = dir.path().join("huge-field.json");
    let minimal = std::fs::read_to_string(Path::new(ROOT).join(MINIMAL)).expect("reading minimal.json");
    std::fs::write(&rules, minimal.replacen("\"format\": 1,", &format!("\"format\": 1, \"{key}\": 1,"), 1))
        .expect("writing");
    let (answers, rules) = (answers.display().to_string(), rules.display().to_string());
    let quoted = format!("`{}\u{2026}`", "k".repeat(60));
    let line = |words: &[&str]| vec![words.iter().map(|w| w.to_string()).collect::<Vec<_>>()];
    let mut in_answers =
        Case::new("3 MB key in an answers file", &["evaluate", "--rules", MINIMAL, &answers], &[])
            .naming(format!("answers file {answers}"));
    in_answers.lines = line(&["no question has the id", &quoted]);
    let mut in_rules = Case::new("3 MB field name in a rules file", &["rules", "check", &rules], &[])
        .naming(format!("rules file {rules}"));
    in_rules.lines = line(&["unknown field", &quoted]);
    run_all(vec![in_answers, in_rules]);
}
