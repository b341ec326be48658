//! The interview end to end: the real binary in a pseudo-terminal created by the test,
//! driven with the keys a person would press. Runs without a terminal attached (CI).
#![cfg(unix)]

mod common;
#[path = "support/pty.rs"]
mod pty;

use common::{backscreen, fixture, root};
use pty::{CTRL_C, CTRL_D, DOWN, ENTER, ESC, Screen, UP, answer, path_str, read_json, squash, temp};
use serde_json::{Value, json};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SHOW_CURSOR: &str = "\x1b[?25h";
const HIDE_CURSOR: &str = "\x1b[?25l";

fn minimal_rules() -> String {
    path_str(&fixture("fixtures/rules/minimal.json"))
}

#[track_caller]
fn assert_owner_only(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).expect("the saved file exists").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{} has mode {mode:o}", path.display());
}

/// From the start of the line holding `needle` to the end of the raw output.
fn raw_from_line_of<'a>(raw: &'a [u8], needle: &str) -> &'a [u8] {
    let at =
        raw.windows(needle.len()).position(|w| w == needle.as_bytes()).expect("the needle is in the output");
    let line_start = raw[..at].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    &raw[line_start..]
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// The start of a row's label, enough to find it in a prompt (where it is wrapped).
fn label_start(text: &str) -> String {
    squash(text).chars().take(40).collect()
}

/// How the summary names a level ("self_care" -> "SELF-CARE").
fn level_word(level: &Value) -> String {
    level.as_str().expect("a level").to_uppercase().replace('_', "-")
}

/// The answers file's answers, as `evaluate --format json` sees them.
fn evaluate(rules: Option<&str>, file: &Path) -> Value {
    let file = path_str(file);
    let mut args = vec!["evaluate", "--format", "json"];
    if let Some(rules) = rules {
        args.extend(["--rules", rules]);
    }
    args.push(&file);
    let run = backscreen(&args, "");
    run.assert_ok();
    run.json()
}

/// Answers whatever the interview asks, by question text (the order is the interview's
/// to choose), until `until` is shown. Returns the questions asked, in order; a question
/// asked twice is a failure: nothing here goes back.
#[track_caller]
fn answer_each(s: &mut Screen, answers: &[(&str, String)], until: &str) -> Vec<String> {
    let mut texts: Vec<&str> = answers.iter().map(|(q, _)| *q).collect();
    texts.push(until);
    let mut asked = Vec::new();
    loop {
        let (k, _) = s.expect_any(&texts);
        if k == answers.len() {
            return asked;
        }
        let (question, keys) = &answers[k];
        assert!(!asked.contains(&question.to_string()), "{question:?} was asked twice:\n{}", s.plain());
        asked.push(question.to_string());
        s.keys(keys);
    }
}

/// Every question of the minimal rules, answered for the self-care path with lifting:
/// weakness none, saddle no, age 40, pain 3, sitting 8 h, sports lifting, stiff yes.
fn self_care_with_lifting() -> Vec<(&'static str, String)> {
    vec![
        ("Leg weakness?", ENTER.to_string()),
        ("Numb between the legs?", "n".to_string()),
        ("Your age?", format!("40{ENTER}")),
        ("Pain now, 0 to 10?", format!("3{ENTER}")),
        ("Hours sitting a day?", format!("8{ENTER}")),
        ("Which do you do?", format!("{DOWN} {ENTER}")),
        ("Stiff after deadlifts?", "y".to_string()),
    ]
}

/// The same answers, without the questions in `skip`.
fn self_care_with_lifting_but(skip: &[&str]) -> Vec<(&'static str, String)> {
    self_care_with_lifting().into_iter().filter(|(q, _)| !skip.contains(q)).collect()
}

/// The built-in rules, to know the texts the interview shows for each question.
fn built_in_rules() -> Value {
    read_json(&root("rules/low-back.json"))
}

/// A text of the rules as the interview shows it in English: the text itself, or its
/// English in a file that holds texts in several languages.
fn text_of(v: &Value) -> &str {
    v.as_str()
        .or_else(|| v.get("en").and_then(Value::as_str))
        .unwrap_or_else(|| panic!("a text in the rules: {v}"))
}

fn question<'a>(rules: &'a Value, id: &str) -> &'a Value {
    let questions = rules["questions"].as_array().expect("questions");
    questions.iter().find(|q| q["id"] == id).unwrap_or_else(|| panic!("no question {id} in the rules"))
}

/// The checklist that `id` is an item of, if any.
fn checklist_of<'a>(rules: &'a Value, id: &str) -> Option<&'a Value> {
    let lists = rules["checklists"].as_array().expect("checklists");
    lists.iter().find(|c| c["items"].as_array().expect("items").iter().any(|i| i["question"] == id))
}

/// The labels of a checklist's rows for `ids` (its items shown): an item's own text (or
/// its question's), or, for a multiple-choice item, each choice but "none". Then the
/// headings: a multiple-choice item's own text, shown above its choices.
fn checklist_labels(rules: &Value, list: &Value, ids: &[&str]) -> (Vec<String>, Vec<String>) {
    let mut labels = Vec::new();
    let mut headings = Vec::new();
    for item in
        list["items"].as_array().expect("items").iter().filter(|i| ids.iter().any(|id| i["question"] == *id))
    {
        let q = question(rules, text_of(&item["question"]));
        let own = item.get("text").map(text_of);
        if q["type"] == "multiple_choice" {
            headings.extend(own.map(str::to_string));
            let choices = q["choices"].as_array().expect("choices");
            let shown = choices.iter().filter(|c| c["exclusive"] != true);
            labels.extend(shown.map(|c| text_of(&c["text"]).to_string()));
        } else {
            labels.push(own.unwrap_or_else(|| text_of(&q["text"])).to_string());
        }
    }
    (labels, headings)
}

/// The warning signs checklist of the built-in rules: its text, item ids and row labels.
fn warning_signs(rules: &Value) -> (String, Vec<String>, Vec<String>) {
    let list = checklist_of(rules, "saddle_numbness").expect("the saddle question is in a checklist");
    let ids: Vec<String> = list["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| text_of(&i["question"]).to_string())
        .collect();
    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let (labels, _) = checklist_labels(rules, list, &id_refs);
    (text_of(&list["text"]).to_string(), ids, labels)
}

/// A prompt as the pty showed it: from its "Question N, " line to the moment it read a key.
struct Shown {
    number: usize,
    text: String,
}

/// The row labels of a list as drawn (nothing ticked yet): each row's first line starts
/// with an empty box; a long label goes on below it.
fn rows_of(prompt: &str) -> Vec<&str> {
    // The active row has a pointer before its box.
    prompt
        .lines()
        .map(|l| l.trim_start_matches(['\r', ' ']))
        .map(|l| l.strip_prefix("\u{276f} ").unwrap_or(l))
        .filter_map(|l| l.strip_prefix("\u{2b1a} ").or_else(|| l.strip_prefix("\u{2714} ")))
        .map(str::trim_end)
        .collect()
}

/// Answers every prompt from "Question `first`" on calmly, whatever the interview asks:
/// "None of these" in a checklist and in a list to tick, No to a yes/no question, the
/// first choice of a list, a low number (35 for an age). Stops at the summary of the
/// result; an emergency confirmation is a failure. Returns the prompts shown.
#[track_caller]
fn answer_calmly_to_the_end(s: &mut Screen, rules: &Value, first: usize) -> Vec<Shown> {
    // A checklist's last row, or a multiple-choice question's exclusive choice.
    let mut none_texts: Vec<&str> = rules["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .flat_map(|q| q["choices"].as_array().into_iter().flatten())
        .filter(|c| c["exclusive"] == true)
        .map(|c| text_of(&c["text"]))
        .collect();
    none_texts.push("None of these");
    let mut shown = Vec::new();
    for number in first.. {
        let header = format!("Question {number}, ");
        match s.expect_any(&[&header, " Your result: ", "Please check this answer"]) {
            (0, _) => {}
            (1, _) => return shown,
            _ => panic!("a calm answer needed emergency care:\n{}", s.plain()),
        }
        let text = format!("{header}{}", s.until_reading());
        let keys = if text.contains("(y or n") {
            "n".to_string()
        } else if text.contains("(arrows and Enter") {
            ENTER.to_string()
        } else if text.contains("(arrows, Space to tick") {
            let none = rows_of(&text).iter().position(|r| none_texts.contains(r));
            let none = none.unwrap_or_else(|| panic!("no \"none\" row to tick:\n{text}"));
            format!("{} {ENTER}", DOWN.repeat(none))
        } else if let Some(at) = text.find("Answer (") {
            let min: i64 = text[at + "Answer (".len()..]
                .split(' ')
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("no range in:\n{text}"));
            format!("{}{ENTER}", if min >= 16 { 35 } else { min + 2 })
        } else {
            panic!("a prompt of an unknown kind:\n{text}");
        };
        s.keys(&keys);
        shown.push(Shown { number, text });
    }
    unreachable!("the numbers run out")
}

#[test]
fn a_full_self_care_path_reaches_the_result_and_saves_it() {
    let dir = temp();
    let file = dir.path().join("answers.json");
    let rules = minimal_rules();
    let mut s = pty::spawn(dir.path(), &["--rules", &rules, "--save", &path_str(&file)], &[]);
    s.expect("Question 1, at most");
    let asked = answer_each(&mut s, &self_care_with_lifting(), "SELF-CARE");
    s.expect("Cause scores");
    s.expect("Your result: SELF-CARE");
    s.expect("Your answers are saved in");
    assert_eq!(s.finish(), 0);

    assert_owner_only(&file);
    let saved = read_json(&file);
    assert_eq!(saved["status"], "complete");
    assert_eq!(saved["answers"].as_object().expect("answers").len(), asked.len(), "{saved}");
    assert_eq!(saved["answers"]["sports"], json!(["lifting"]));
    assert_eq!(saved["answers"]["deadlift_stiff"], true);

    // What the interview showed is what evaluate computes from the saved file.
    let json = evaluate(Some(&rules), &file);
    assert_eq!(json["triage"]["level"], "self_care");
    let plain = s.plain();
    let result = &plain[plain.find("SELF-CARE").expect("the result")..];
    let causes = json["causes"].as_array().expect("causes");
    assert_eq!(causes.len(), 2, "lifting and sitting: {json}");
    for (i, cause) in causes.iter().enumerate() {
        let line = format!("{}. {} (score {})", i + 1, cause["name"].as_str().expect("name"), cause["score"]);
        assert!(result.contains(&line), "the result lacks `{line}`:\n{result}");
    }
    assert_eq!(result.matches("(score ").count(), causes.len(), "no other cause is shown:\n{result}");
    let chart = &result[result.find("Cause scores").expect("the chart")..];
    for cause in causes {
        assert!(chart.contains(cause["name"].as_str().expect("name")), "the chart lacks {cause}:\n{chart}");
    }
    // Colour is on in a terminal without NO_COLOR (the contrast for the NO_COLOR test).
    assert!(contains(raw_from_line_of(s.raw(), "SELF-CARE"), "\x1b["), "the result is coloured");
}

#[test]
fn a_confirmed_emergency_answer_ends_the_interview_at_once() {
    let dir = temp();
    let mut s = pty::spawn(dir.path(), &["--rules", &minimal_rules()], &[]);
    answer(&mut s, "Leg weakness?", &format!("{DOWN}{DOWN}{ENTER}"));
    s.expect("Please check this answer");
    s.keys("y");
    s.expect("STOP: this needs emergency care now");
    // Without --save, the answers are offered to be saved; decline.
    s.expect("Save your answers");
    s.keys("n");
    s.expect("EMERGENCY");
    assert_eq!(s.finish(), 0);
    let plain = s.plain();
    assert!(!plain.contains("Question 2"), "no question after the emergency answer:\n{plain}");
    let left: Vec<_> = std::fs::read_dir(dir.path()).expect("list").collect();
    assert!(left.is_empty(), "declining the save writes nothing: {left:?}");
}

#[test]
fn esc_goes_back_and_a_changed_answer_is_used() {
    let dir = temp();
    let file = dir.path().join("a.json");
    let mut s = pty::spawn(dir.path(), &["--rules", &minimal_rules(), "--save", &path_str(&file)], &[]);
    answer(&mut s, "Leg weakness?", &format!("{DOWN}{ENTER}"));
    answer(&mut s, "Numb between the legs?", "n");
    // `worse` asks about the one weak leg; going back twice reaches the weakness.
    answer(&mut s, "Is the weakness getting worse?", ESC);
    s.expect("(back to the previous question)");
    s.expect("Numb between the legs?");
    let prompt = s.until_reading();
    assert!(squash(&prompt).ends_with("(y/n) \u{203a} no"), "the earlier No is preselected:\n{prompt}");
    s.keys(ESC);
    s.expect("(back to the previous question)");
    s.expect("Leg weakness?");
    let menu = s.until_reading();
    let marked = |choice: &str| {
        let line = menu.lines().find(|l| l.contains(choice)).expect("the choice is listed");
        let line = line.trim_start_matches(['\r', ' ']);
        line.starts_with('\u{276f}') || line.starts_with('>')
    };
    assert!(marked("One leg"), "the earlier answer is preselected:\n{menu}");
    assert!(!marked("None"), "{menu}");
    s.keys(&format!("{UP}{ENTER}"));
    let rest = [
        ("Numb between the legs?", "n".to_string()),
        ("Is the weakness getting worse?", "y".to_string()),
        ("Your age?", format!("30{ENTER}")),
        ("Pain now, 0 to 10?", format!("3{ENTER}")),
        ("Hours sitting a day?", format!("1{ENTER}")),
        ("Which do you do?", format!("{DOWN}{DOWN} {ENTER}")),
    ];
    let asked = answer_each(&mut s, &rest, "SELF-CARE");
    assert!(!asked.iter().any(|q| q.contains("worse")), "`worse` no longer applies: {asked:?}");
    assert_eq!(s.finish(), 0);
    let saved = read_json(&file);
    assert_eq!(saved["status"], "complete");
    assert_eq!(saved["answers"]["weak"], "none");
    assert_eq!(saved["answers"]["saddle"], false);
    assert_eq!(saved["answers"]["sports"], json!(["neither"]));
    assert!(saved["answers"].get("worse").is_none(), "no stale `worse` answer: {saved}");
}

#[test]
fn an_out_of_range_number_is_refused_with_the_allowed_range_and_asked_again() {
    let dir = temp();
    let mut s = pty::spawn(dir.path(), &["--rules", &minimal_rules()], &[]);
    // With severe pain, age can change the result, so it is asked.
    let before = [
        ("Leg weakness?", ENTER.to_string()),
        ("Numb between the legs?", "n".to_string()),
        ("Pain now, 0 to 10?", format!("9{ENTER}")),
    ];
    answer_each(&mut s, &before, "Your age?");
    s.keys(&format!("200{ENTER}"));
    s.expect("200 is not allowed");
    s.expect("from 16 to 120");
    s.expect("Answer (16 to 120 years");
    s.keys(&format!("40{ENTER}"));
    let between = s.expect("Question ");
    assert!(between.contains("40 years"), "the accepted answer is recorded:\n{between}");
    s.keys(CTRL_C);
    assert_eq!(s.finish(), 130);
}

#[test]
fn ctrl_c_with_save_writes_an_incomplete_file_that_resume_finishes() {
    let dir = temp();
    let file = dir.path().join("a.json");
    let rules = minimal_rules();
    let mut s = pty::spawn(dir.path(), &["--rules", &rules, "--save", &path_str(&file)], &[]);
    answer(&mut s, "Leg weakness?", ENTER);
    answer(&mut s, "Numb between the legs?", "n");
    s.expect("Question 3, ");
    let cancel_point = s.mark();
    s.keys(CTRL_C);
    s.expect("screening cancelled");
    assert_eq!(s.finish(), 130);
    assert!(s.plain().contains("--resume"), "the way to continue is shown");
    assert!(contains(&s.raw()[cancel_point..], SHOW_CURSOR), "the cursor is shown again after Ctrl-C");

    assert_owner_only(&file);
    let saved = read_json(&file);
    assert_eq!(saved["status"], "incomplete");
    let answers = saved["answers"].as_object().expect("answers");
    assert_eq!(answers.len(), 2, "{saved}");
    assert_eq!(saved["answers"]["saddle"], false);
    assert_eq!(saved["answers"]["weak"], "none");

    let mut s = pty::spawn(dir.path(), &["--rules", &rules, "--resume", &path_str(&file)], &[]);
    s.expect("2 answers already given");
    let first = s.expect("Question 3, at most");
    assert!(!first.contains("Question 1"), "{first}");
    let asked = answer_each(
        &mut s,
        &self_care_with_lifting_but(&["Leg weakness?", "Numb between the legs?"]),
        "Your answers are saved in",
    );
    assert_eq!(s.finish(), 0);
    assert_owner_only(&file);
    let saved = read_json(&file);
    assert_eq!(saved["status"], "complete");
    assert_eq!(saved["answers"].as_object().expect("answers").len(), 2 + asked.len(), "{saved}");
    assert_eq!(saved["answers"]["weak"], "none", "the answers before Ctrl-C are kept");
}

#[test]
fn ctrl_d_cancels_like_ctrl_c() {
    let dir = temp();
    let mut s = pty::spawn(dir.path(), &["--rules", &minimal_rules()], &[]);
    s.expect("Leg weakness?");
    s.expect("Both legs");
    // The choice list hides the cursor; cancelling there must show it again.
    let cancel_point = s.mark();
    assert!(contains(&s.raw()[..cancel_point], HIDE_CURSOR), "the list hides the cursor");
    s.keys(CTRL_D);
    s.expect("screening cancelled");
    assert_eq!(s.finish(), 130);
    assert!(contains(&s.raw()[cancel_point..], SHOW_CURSOR), "the cursor is shown again after Ctrl-D");
}

#[test]
fn no_color_gives_no_escape_codes_in_the_result() {
    let dir = temp();
    let file = dir.path().join("a.json");
    let mut s = pty::spawn(
        dir.path(),
        &["--rules", &minimal_rules(), "--save", &path_str(&file)],
        &[("NO_COLOR", "1")],
    );
    answer_each(&mut s, &self_care_with_lifting(), "SELF-CARE");
    s.expect("Your answers are saved in");
    assert_eq!(s.finish(), 0);
    let result = raw_from_line_of(s.raw(), "SELF-CARE");
    assert!(!contains(result, "\x1b["), "escape codes in the result:\n{:?}", String::from_utf8_lossy(result));
    assert!(contains(result, "Cause scores"), "the chart is part of what was checked");
    assert!(contains(result, "Your result: SELF-CARE"), "the summary is part of what was checked");
}

#[test]
fn save_refuses_to_overwrite_an_existing_file_without_force() {
    let dir = temp();
    let file = dir.path().join("a.json");
    std::fs::write(&file, "keep me\n").expect("write");
    let rules = minimal_rules();
    let mut s = pty::spawn(dir.path(), &["--rules", &rules, "--save", &path_str(&file)], &[]);
    assert_eq!(s.finish(), 1);
    let plain = s.plain();
    assert!(plain.contains("already exists") && plain.contains("--force"), "{plain}");
    assert!(!plain.contains("Question"), "nothing is asked:\n{plain}");
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "keep me\n");

    let mut s = pty::spawn(dir.path(), &["--rules", &rules, "--save", &path_str(&file), "--force"], &[]);
    s.expect("Question 1, at most");
    s.keys(CTRL_C);
    assert_eq!(s.finish(), 130);
    let saved = read_json(&file);
    assert_eq!(saved["status"], "incomplete");
    assert_owner_only(&file);
}

#[test]
fn running_without_a_terminal_exits_2_quickly() {
    let dir = temp();
    for args in [&[][..], &["interview"][..]] {
        let start = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_backscreen"))
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .args(args)
            .current_dir(dir.path())
            .env("HOME", dir.path())
            .env("TERM", "xterm")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn backscreen");
        while child.try_wait().expect("poll the child").is_none() {
            if start.elapsed() > Duration::from_secs(5) {
                let _ = child.kill();
                panic!("`backscreen {}` waited for input that can never come", args.join(" "));
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let out = child.wait_with_output().expect("collect the output");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "`backscreen {}`: {stderr}", args.join(" "));
        assert!(stderr.contains("backscreen evaluate ANSWERS"), "{stderr}");
        assert!(out.stdout.is_empty(), "nothing on stdout");
        assert!(start.elapsed() < Duration::from_secs(3), "took {:?}", start.elapsed());
    }
}

#[test]
fn the_built_in_rules_start_with_the_welcome_and_a_safety_question() {
    let dir = temp();
    let rules = built_in_rules();
    let mut s = pty::spawn(dir.path(), &[], &[]);
    s.expect("screening aid");
    let welcome = s.expect("Ctrl-C to stop");
    let welcome = squash(&welcome);
    assert!(welcome.contains("safety questions first"), "{welcome}");
    assert!(welcome.contains("? for not sure"), "{welcome}");
    s.expect("Question 1, at most");
    let progress = s.expect("\n");
    let section = question(&rules, "saddle_numbness")["section"].clone();
    let sections = rules["sections"].as_array().expect("sections");
    let title = text_of(&sections.iter().find(|t| t["id"] == section).expect("the section")["title"]);
    assert!(progress.contains(title), "the first prompt is in {title:?}: {progress:?}");
    s.keys(CTRL_C);
    s.expect("screening cancelled");
    assert_eq!(s.finish(), 130);
    let left: Vec<_> = std::fs::read_dir(dir.path()).expect("list").collect();
    assert!(left.is_empty(), "nothing is saved without --save: {left:?}");
}

#[test]
fn a_save_that_fails_midway_shows_the_answers_so_nothing_is_lost() {
    let dir = temp();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).expect("mkdir");
    let file = sub.join("a.json");
    let mut s = pty::spawn(dir.path(), &["--rules", &minimal_rules(), "--save", &path_str(&file)], &[]);
    answer(&mut s, "Leg weakness?", ENTER);
    // The first answer is saved before the next question is shown.
    s.expect("Numb between the legs?");
    assert_eq!(read_json(&file)["answers"]["weak"], "none");
    std::fs::remove_dir_all(&sub).expect("remove the save directory");
    s.keys("n");
    s.expect("could not save");
    answer_each(
        &mut s,
        &self_care_with_lifting_but(&["Leg weakness?", "Numb between the legs?"]),
        "SELF-CARE",
    );
    s.expect("could not save");
    s.expect("\"answers\"");
    assert_eq!(s.finish(), 1, "the answers are shown, but the file asked for is missing");
    let plain = s.plain();
    let shown = &plain[plain.rfind("could not save").expect("the failure is reported")..];
    for answer in ["\"weak\": \"none\"", "\"saddle\": false", "\"pain\": 3", "\"deadlift_stiff\": true"] {
        assert!(shown.contains(answer), "`{answer}` is shown:\n{shown}");
    }
    assert!(!sub.exists());
}

#[test]
fn escape_sequences_in_rules_text_are_neutralised_in_the_prompts() {
    let dir = temp();
    let hostile = std::fs::read_to_string(minimal_rules())
        .expect("fixture")
        .replace("Leg weakness?", "Leg?\\u001b]0;pwned\\u0007\\u001b[2J weakness?");
    let rules = dir.path().join("hostile.json");
    std::fs::write(&rules, hostile).expect("write");
    let mut s = pty::spawn(dir.path(), &["--rules", &path_str(&rules)], &[]);
    s.expect("weakness?");
    s.keys(CTRL_C);
    s.expect("screening cancelled");
    assert_eq!(s.finish(), 130);
    assert!(!contains(s.raw(), "\u{1b}]0;pwned"), "the title-setting sequence reached the terminal");
    assert!(!contains(s.raw(), "\u{1b}[2J"), "the clear-screen sequence reached the terminal");
}

#[test]
fn help_text_is_shown_with_its_question() {
    let dir = temp();
    let mut s = pty::spawn(dir.path(), &["--rules", &minimal_rules()], &[]);
    answer_each(&mut s, &self_care_with_lifting_but(&["Hours sitting a day?"]), "Hours sitting a day?");
    s.expect("Work and leisure together.");
    s.keys(CTRL_C);
    s.expect("screening cancelled");
    assert_eq!(s.finish(), 130);
}

#[test]
fn an_interrupt_signal_cancels_cleanly_with_the_cursor_shown() {
    // Between two key reads the terminal is in normal mode, where Ctrl-C is a signal,
    // not a key; a signal sent from outside takes that path every time.
    let dir = temp();
    let file = dir.path().join("answers.json");
    let mut s = pty::spawn(dir.path(), &["--rules", &minimal_rules(), "--save", &path_str(&file)], &[]);
    answer(&mut s, "Leg weakness?", ENTER);
    s.expect("Numb between the legs?");
    let at = s.mark();
    let status =
        std::process::Command::new("kill").args(["-INT", &s.pid().to_string()]).status().expect("kill runs");
    assert!(status.success());
    s.expect("--resume");
    s.expect("screening cancelled");
    assert_eq!(s.finish(), 130, "exit 130, not death by signal");
    assert!(contains(&s.raw()[at..], "\x1b[?25h"), "the cursor is shown again");
    assert_eq!(read_json(&file)["answers"]["weak"], "none", "the answer given is on disk");
}

#[test]
fn the_warning_signs_come_first_as_a_checklist_that_needs_a_tick_to_say_none_apply() {
    let dir = temp();
    let file = dir.path().join("a.json");
    let rules = built_in_rules();
    let (text, ids, labels) = warning_signs(&rules);
    let mut s = pty::spawn(dir.path(), &["--save", &path_str(&file)], &[]);
    s.expect("Question 1, ");
    let prompt = squash(&s.until_reading());
    assert!(prompt.contains(&squash(&text)), "the checklist's question is shown:\n{prompt}");
    for label in &labels {
        assert!(prompt.contains(&label_start(label)), "a row for {label:?}:\n{prompt}");
    }
    assert!(prompt.ends_with("None of these"), "the last row says none apply:\n{prompt}");

    // Enter with nothing ticked is no answer: a note, and the same list again.
    s.keys(ENTER);
    let refused = s.expect("Tick each one that applies (Space), or \"None of these\".");
    assert!(!refused.contains("Answer"), "{refused}");
    s.until_reading();
    assert!(read_json(&file)["answers"].as_object().expect("answers").is_empty(), "nothing is recorded yet");

    s.keys(&format!("{UP} {ENTER}")); // Up from the first row is the last: "None of these".
    let answered = s.expect("Question 2, ");
    assert!(answered.contains("Answer \u{b7} None of these"), "{answered}");
    assert!(!answered.contains("Tick each one"), "the note is gone once ticked:\n{answered}");
    s.keys(CTRL_C);
    assert_eq!(s.finish(), 130);
    let saved = read_json(&file);
    let answers = saved["answers"].as_object().expect("answers");
    assert_eq!(answers.len(), ids.len(), "one answer per warning sign: {saved}");
    for id in &ids {
        assert_eq!(saved["answers"][id], false, "{id}: {saved}");
    }
}

#[test]
fn not_sure_on_a_warning_sign_is_saved_and_gives_an_urgent_result_that_names_it() {
    let dir = temp();
    let file = dir.path().join("a.json");
    let rules = built_in_rules();
    let (_, ids, labels) = warning_signs(&rules);
    let bladder = ids.iter().position(|id| id == "bladder_change").expect("a bladder warning sign");
    let flag = rules["red_flags"]
        .as_array()
        .expect("red flags")
        .iter()
        .find(|f| f["id"] == "cauda_equina_not_sure")
        .expect("a red flag for not being sure of a warning sign");
    let name = text_of(&flag["name"]);
    assert_eq!(flag["level"], "urgent");

    let mut s = pty::spawn(dir.path(), &["--save", &path_str(&file)], &[]);
    s.expect("Question 1, ");
    s.keys(&format!("{}?{ENTER}", DOWN.repeat(bladder)));
    s.expect("Answer \u{b7} ");
    let recorded = squash(&s.expect("(not sure)"));
    assert_eq!(
        recorded,
        format!("{} (not sure)", squash(&labels[bladder])),
        "only the bladder row, not sure"
    );
    let shown = answer_calmly_to_the_end(&mut s, &rules, 2);
    assert!(!shown.is_empty(), "the interview goes on after \"not sure\"");
    s.expect("Your answers are saved in");
    assert_eq!(s.finish(), 0);

    let saved = read_json(&file);
    assert_eq!(saved["status"], "complete");
    for id in &ids {
        let expected = if *id == ids[bladder] { json!("not_sure") } else { json!(false) };
        assert_eq!(saved["answers"][id], expected, "{id}: {saved}");
    }
    let outcome = evaluate(None, &file);
    assert_eq!(outcome["triage"]["level"], "urgent", "{outcome}");
    let fired: Vec<&Value> = outcome["triage"]["red_flags"].as_array().expect("red flags").iter().collect();
    assert!(fired.iter().any(|f| f["id"] == "cauda_equina_not_sure"), "{outcome}");

    // The result says so: the level, the red flag with the answer behind it, and the summary.
    let plain = s.plain();
    let result = squash(&plain[plain.rfind("Answer \u{b7}").expect("the last answer")..]);
    assert!(result.contains("URGENT"), "{result}");
    assert!(result.contains(&format!("[URGENT] {name}")), "the red flag is listed:\n{result}");
    let question = squash(text_of(&question(&rules, "bladder_change")["text"]));
    assert!(result.contains(&format!("\"{question}\" -> Not sure")), "the answer behind it:\n{result}");
    let summary = &result[result.rfind("Your result:").expect("the summary")..];
    assert!(summary.starts_with("Your result: URGENT"), "{summary}");
    assert!(summary.contains(&format!("Because of: {name}")), "{summary}");
}

#[test]
fn not_sure_is_an_answer_to_every_kind_of_question_and_is_saved_as_not_sure() {
    let dir = temp();
    let file = dir.path().join("a.json");
    let mut s = pty::spawn(dir.path(), &["--rules", &minimal_rules(), "--save", &path_str(&file)], &[]);
    // A single choice's last row, a yes/no `?`, a number `?`, a list to tick's last row.
    let not_sure = [
        ("Leg weakness?", format!("{UP}{ENTER}")),
        ("Numb between the legs?", "?".to_string()),
        ("Is the weakness getting worse?", "?".to_string()),
        ("Your age?", format!("?{ENTER}")),
        ("Pain now, 0 to 10?", format!("?{ENTER}")),
        ("Hours sitting a day?", format!("?{ENTER}")),
        ("Which do you do?", format!("{UP} {ENTER}")),
        ("Stiff after deadlifts?", "?".to_string()),
    ];
    // The result quotes the questions, so its first line ends the answering.
    let asked = answer_each(&mut s, &not_sure, "rules minimal 1");
    assert_eq!(s.finish(), 0);
    let plain = s.plain();
    assert_eq!(plain.matches("Answer \u{b7} Not sure").count(), asked.len(), "{plain}");
    let summary = &plain[plain.rfind("Your result:").expect("the summary")..];
    assert!(summary.contains("Still open: "), "what was left unsure is in the summary:\n{summary}");
    let saved = read_json(&file);
    assert_eq!(saved["status"], "complete");
    let answers = saved["answers"].as_object().expect("answers");
    assert_eq!(answers.len(), asked.len(), "{saved}");
    for (id, value) in answers {
        assert_eq!(value, "not_sure", "{id}: {saved}");
    }
    for id in ["weak", "saddle", "worse", "sports", "deadlift_stiff"] {
        assert!(answers.contains_key(id), "{id} was asked: {saved}");
    }
}

#[test]
fn an_emergency_answer_is_checked_first_and_esc_or_n_go_back_to_change_it() {
    let dir = temp();
    let file = dir.path().join("a.json");
    let mut s = pty::spawn(dir.path(), &["--rules", &minimal_rules(), "--save", &path_str(&file)], &[]);
    answer(&mut s, "Leg weakness?", &format!("{DOWN}{DOWN}{ENTER}"));
    s.expect(" Please check this answer ");
    s.expect("You said: \u{201c}Leg weakness?\u{201d} Both legs");
    s.expect("This needs emergency care now. Is that right?");
    s.expect("(y: yes, that is right; n or Esc: go back and change the answer)");
    s.keys(ESC);
    s.expect("(back to the question)");
    s.expect("Question 1, ");
    s.expect("Leg weakness?");
    let menu = s.until_reading();
    let active = menu.lines().find(|l| l.trim_start_matches(['\r', ' ']).starts_with('\u{276f}'));
    assert!(active.is_some_and(|l| l.contains("Both legs")), "the answer given is preselected:\n{menu}");
    s.keys(&format!("{UP}{ENTER}")); // One leg
    s.expect("Question 2, ");

    // The same with `n`, on a yes/no question.
    answer(&mut s, "Numb between the legs?", "y");
    s.expect("You said: \u{201c}Numb between the legs?\u{201d} Yes");
    s.keys("n");
    s.expect("(back to the question)");
    s.expect("Numb between the legs?");
    let prompt = s.until_reading();
    assert!(squash(&prompt).ends_with("(y/n) \u{203a} yes"), "the answer given is preselected:\n{prompt}");
    s.keys("n");
    let next = s.expect("Question 3, ");
    assert!(next.contains("Answer \u{b7} No"), "{next}");
    s.keys(CTRL_C);
    assert_eq!(s.finish(), 130);
    assert!(!s.plain().contains("STOP"), "no emergency was confirmed:\n{}", s.plain());
    let saved = read_json(&file);
    assert_eq!(saved["status"], "incomplete");
    assert_eq!(saved["answers"]["weak"], "one");
    assert_eq!(saved["answers"]["saddle"], false);
}

#[test]
fn a_confirmed_emergency_is_saved_as_stopped_and_a_resume_can_change_the_answer() {
    let dir = temp();
    let file = dir.path().join("a.json");
    let rules = minimal_rules();
    let mut s = pty::spawn(dir.path(), &["--rules", &rules, "--save", &path_str(&file)], &[]);
    answer(&mut s, "Leg weakness?", &format!("{DOWN}{DOWN}{ENTER}"));
    s.expect("This needs emergency care now. Is that right?");
    s.keys("y");
    s.expect("STOP: this needs emergency care now. No more questions.");
    s.expect("Weakness in both legs");
    s.expect("Your result: EMERGENCY");
    s.expect("Your answers are saved in");
    assert_eq!(s.finish(), 0);
    assert!(!s.plain().contains("Question 2"), "nothing more is asked:\n{}", s.plain());
    let saved = read_json(&file);
    assert_eq!(saved["status"], "stopped_at_emergency");
    assert_eq!(saved["answers"], json!({ "weak": "both" }));

    // Resuming asks the emergency answer again, preselected, to confirm or change.
    let mut s = pty::spawn(dir.path(), &["--rules", &rules, "--resume", &path_str(&file)], &[]);
    s.expect("Question 1, ");
    s.expect("Leg weakness?");
    let menu = s.until_reading();
    let active = menu.lines().find(|l| l.trim_start_matches(['\r', ' ']).starts_with('\u{276f}'));
    assert!(active.is_some_and(|l| l.contains("Both legs")), "the saved answer is preselected:\n{menu}");
    s.keys(&format!("{UP}{UP}{ENTER}")); // None
    s.expect("Question 2, ");
    answer_each(&mut s, &self_care_with_lifting_but(&["Leg weakness?"]), "Your answers are saved in");
    assert_eq!(s.finish(), 0);
    assert!(!s.plain().contains("Please check this answer"), "{}", s.plain());
    let saved = read_json(&file);
    assert_eq!(saved["status"], "complete");
    assert_eq!(saved["answers"]["weak"], "none");
}

#[test]
fn the_end_of_a_full_interview_on_a_24_row_screen_shows_the_level_and_what_to_do() {
    let dir = temp();
    let file = dir.path().join("a.json");
    let rules = built_in_rules();
    let mut s = pty::spawn(dir.path(), &["--save", &path_str(&file)], &[]);
    answer_calmly_to_the_end(&mut s, &rules, 1);
    s.expect("Your answers are saved in");
    assert_eq!(s.finish(), 0);
    let outcome = evaluate(None, &file);
    let level = level_word(&outcome["triage"]["level"]);
    let step = text_of(&outcome["next_steps"][0]);
    let first_words: Vec<&str> = step.split_whitespace().take(4).collect();

    // The pty is 24 x 80, like the terminal the program was told about.
    let screen = s.screen();
    let rows: Vec<&str> = screen.lines().collect();
    assert!(rows.len() <= 24, "{screen}");
    assert!(
        rows.iter().any(|r| r.starts_with(&format!(" Your result: {level}:"))),
        "the level is on screen at the end:\n{screen}"
    );
    assert!(
        rows.iter().any(|r| r.starts_with(&format!("What to do: {}", first_words.join(" ")))),
        "what to do is on screen at the end:\n{screen}"
    );
}

#[test]
fn a_real_interview_and_the_replay_of_its_saved_file_ask_the_same_prompts() {
    let dir = temp();
    let file = dir.path().join("a.json");
    let rules = built_in_rules();
    let mut s = pty::spawn(dir.path(), &["--save", &path_str(&file)], &[]);
    let shown = answer_calmly_to_the_end(&mut s, &rules, 1);
    s.expect("Your answers are saved in");
    assert_eq!(s.finish(), 0);
    let plain = s.plain();
    let headers = plain.lines().filter(|l| l.starts_with("Question ")).count();
    assert_eq!(headers, shown.len(), "one progress line per prompt:\n{plain}");

    let run = backscreen(&["interview", "--replay", &path_str(&file), "--format", "json"], "");
    run.assert_ok();
    let replay = run.json();
    let prompts = replay["prompts"].as_array().expect("prompts");
    assert_eq!(prompts.len(), shown.len(), "the same number of prompts: {replay}");
    for (prompt, pty) in prompts.iter().zip(&shown) {
        let ids: Vec<&str> = prompt["questions"].as_array().expect("ids").iter().map(text_of).collect();
        let on_screen = squash(&pty.text);
        let own_text = squash(text_of(&question(&rules, ids[0])["text"]));
        if ids.len() > 1 || !on_screen.contains(&own_text) {
            // Shown as a checklist: its question, a row for each item (or choice), "None of these".
            let list = checklist_of(&rules, ids[0]).unwrap_or_else(|| {
                panic!("prompt {}: {ids:?} is not what was shown:\n{on_screen}", pty.number)
            });
            let text = squash(text_of(&list["text"]));
            assert!(on_screen.contains(&text), "prompt {}: {ids:?} is {text:?}:\n{on_screen}", pty.number);
            let (labels, headings) = checklist_labels(&rules, list, &ids);
            for label in labels.iter().chain(&headings) {
                let start = label_start(label);
                assert!(on_screen.contains(&start), "prompt {}: a row {start:?}:\n{on_screen}", pty.number);
            }
            let rows = rows_of(&pty.text);
            // A list of choices alone (no yes/no row takes `?`) has a "Not sure" row last.
            let choices_alone = ids.iter().all(|id| question(&rules, id)["type"] == "multiple_choice");
            let extra: &[&str] =
                if choices_alone { &["None of these", "Not sure"] } else { &["None of these"] };
            assert_eq!(
                rows.len(),
                labels.len() + extra.len(),
                "prompt {}: {ids:?}:\n{on_screen}",
                pty.number
            );
            assert_eq!(&rows[labels.len()..], extra, "prompt {}:\n{on_screen}", pty.number);
        } // Else the one question's own text was shown.
    }
    let saved = evaluate(None, &file);
    assert_eq!(replay["outcome"]["triage"]["level"], saved["triage"]["level"], "{replay}");
    assert!(["decided", "complete"].contains(&text_of(&replay["stopped"])), "{replay}");
}

/// On a short screen a long checklist scrolls; a row marked "not sure" says so on its
/// first line (the mark once went at the end of the label, and was cut off with it).
#[test]
fn a_not_sure_mark_stays_visible_on_a_long_checklist_row_of_a_short_screen() {
    let dir = temp();
    let mut s = pty::spawn_sized(dir.path(), 15, 80, &[], &[]);
    s.expect("Question 1, ");
    s.until_reading();
    s.press(DOWN);
    let redrawn = s.press("?");
    let screen = s.screen();
    s.keys(CTRL_C);
    assert_eq!(s.finish(), 130);
    assert!(redrawn.contains("(not sure)"), "the row marked not sure says so:\n{screen}");
    assert!(screen.contains("(not sure)"), "and it is on screen:\n{screen}");
}

#[test]
fn a_checklist_of_choices_alone_has_a_not_sure_row_that_answers_each_question_not_sure() {
    // Everything but the pain pattern answered: resuming goes straight to that checklist,
    // whose rows are all choices (no `?`), so "not sure" is a row of its own.
    let dir = temp();
    let file = dir.path().join("a.json");
    let mut doc: Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vignettes/p05.json"))
            .expect("p05"),
    )
    .expect("json");
    let answers = doc["answers"].as_object_mut().expect("answers");
    answers.remove("worse_with");
    answers.remove("eases_with");
    std::fs::write(&file, doc.to_string()).expect("write");
    let mut s = pty::spawn(dir.path(), &["--resume", &path_str(&file)], &[]);
    s.expect("What makes your back pain worse, and what eases it?");
    let prompt = s.until_reading();
    let rows = rows_of(&prompt);
    assert_eq!(rows.last().copied(), Some("Not sure"), "{prompt}");
    assert!(!prompt.contains("? for not sure"), "no row here takes `?`:\n{prompt}");
    s.keys(&format!("{UP} {ENTER}"));
    s.expect("Your answers are saved in");
    assert_eq!(s.finish(), 0);
    let saved = read_json(&file);
    assert_eq!(saved["answers"]["worse_with"], "not_sure");
    assert_eq!(saved["answers"]["eases_with"], "not_sure");
}

#[cfg(unix)]
#[test]
fn resuming_through_a_link_saves_into_the_file_it_points_to_and_keeps_the_link() {
    let dir = temp();
    let real = dir.path().join("real.json");
    let link = dir.path().join("link.json");
    std::fs::write(&real, r#"{"answers": {"weak": "none"}, "rules": {"id": "minimal", "version": "1"}}"#)
        .expect("write");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    let rules = minimal_rules();
    let mut s = pty::spawn(dir.path(), &["--rules", &rules, "--resume", &path_str(&link)], &[]);
    answer_each(&mut s, &self_care_with_lifting_but(&["Leg weakness?"]), "Your answers are saved in");
    assert_eq!(s.finish(), 0);
    let meta = std::fs::symlink_metadata(&link).expect("the link is still there");
    assert!(meta.file_type().is_symlink(), "the link was not replaced by a file of its own");
    let saved = read_json(&real);
    assert_eq!(saved["status"], "complete");
    assert_eq!(saved["answers"]["weak"], "none");
    assert_eq!(saved["answers"]["saddle"], false, "the new answers went into the file the link points to");
}

#[test]
fn resuming_a_file_of_another_rules_version_warns_and_keeps_the_version_it_started_with() {
    let dir = temp();
    let file = dir.path().join("a.json");
    std::fs::write(&file, r#"{"answers": {"weak": "none"}, "rules": {"id": "minimal", "version": "0.9"}}"#)
        .expect("write");
    let rules = minimal_rules();
    let mut s = pty::spawn(dir.path(), &["--rules", &rules, "--resume", &path_str(&file)], &[]);
    s.expect("these answers were saved with rules version 0.9; continuing with version 1");
    answer_each(&mut s, &self_care_with_lifting_but(&["Leg weakness?"]), "Your answers are saved in");
    assert_eq!(s.finish(), 0);
    let saved = read_json(&file);
    assert_eq!(saved["rules"]["version"], "1", "the version the answers were finished with");
    assert_eq!(saved["rules"]["started_with"], "0.9", "and the one they were started with, on record");
}

#[test]
fn saying_yes_to_saving_asks_again_until_a_file_is_saved_and_replaces_one_only_after_a_yes() {
    let dir = temp();
    let taken = dir.path().join("taken.json");
    std::fs::write(&taken, "someone else's answers\n").expect("write");
    let mut s = pty::spawn(dir.path(), &["--rules", &minimal_rules()], &[]);
    answer(&mut s, "Leg weakness?", &format!("{DOWN}{DOWN}{ENTER}"));
    s.expect("Please check this answer");
    s.keys("y");
    s.expect("Save your answers");
    s.keys("y");
    s.expect("File name");
    s.keys(&format!("{}{ENTER}", path_str(&taken)));
    s.expect("already exists. Replace it with these answers?");
    s.keys("n");
    s.expect("is kept as it is; choose another name");
    s.expect("File name");
    let fresh = dir.path().join("fresh.json");
    s.keys(&format!("{}{ENTER}", path_str(&fresh)));
    s.expect("Your answers are saved in");
    assert_eq!(s.finish(), 0);
    assert_eq!(std::fs::read_to_string(&taken).expect("read"), "someone else's answers\n", "not replaced");
    assert_eq!(read_json(&fresh)["answers"]["weak"], "both");
    assert_owner_only(&fresh);

    // A clear yes replaces it.
    let mut s = pty::spawn(dir.path(), &["--rules", &minimal_rules()], &[]);
    answer(&mut s, "Leg weakness?", &format!("{DOWN}{DOWN}{ENTER}"));
    s.expect("Please check this answer");
    s.keys("y");
    s.expect("Save your answers");
    s.keys("y");
    s.expect("File name");
    s.keys(&format!("{}{ENTER}", path_str(&taken)));
    s.expect("already exists. Replace it with these answers?");
    s.keys("y");
    s.expect("Your answers are saved in");
    assert_eq!(s.finish(), 0);
    assert_eq!(read_json(&taken)["answers"]["weak"], "both", "replaced after a clear yes");
}

#[test]
fn a_second_session_on_the_same_file_is_refused_while_the_first_runs_and_not_after_it_crashed() {
    let dir = temp();
    let file = dir.path().join("a.json");
    let rules = minimal_rules();
    let mut first = pty::spawn(dir.path(), &["--rules", &rules, "--save", &path_str(&file)], &[]);
    answer(&mut first, "Leg weakness?", ENTER);
    first.expect("Numb between the legs?");

    for args in [vec!["--resume", &path_str(&file)], vec!["--save", &path_str(&file), "--force"]] {
        let mut args: Vec<String> = args.into_iter().map(str::to_string).collect();
        args.extend(["--rules".to_string(), rules.clone()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut second = pty::spawn(dir.path(), &args, &[]);
        second.expect("is open in another backscreen session");
        assert_eq!(second.finish(), 1, "{args:?}");
    }
    assert_eq!(read_json(&file)["answers"]["weak"], "none", "the first session's answers are intact");

    // A crashed first session does not leave the file locked.
    let status = std::process::Command::new("kill")
        .args(["-KILL", &first.pid().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    // The OS lets go of a dead process's lock: wait until it has, then resume.
    let lock = std::fs::File::open(dir.path().join(".a.json.backscreen-lock")).expect("the lock file");
    let waited = std::time::Instant::now();
    while lock.try_lock().is_err() {
        assert!(waited.elapsed() < std::time::Duration::from_secs(5), "the lock outlived the killed session");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    lock.unlock().expect("unlock");
    let mut again = pty::spawn(dir.path(), &["--rules", &rules, "--resume", &path_str(&file)], &[]);
    again.expect("1 answer already given");
    again.expect("Numb between the legs?");
    again.keys(CTRL_C);
    assert_eq!(again.finish(), 130);
}

#[cfg(target_os = "linux")]
#[test]
fn sigterm_or_sighup_at_a_prompt_restores_the_terminal_keeps_the_answers_and_exits_with_its_code() {
    for (signal, code) in [("TERM", 143), ("HUP", 129)] {
        let dir = temp();
        let file = dir.path().join("a.json");
        let script = format!(
            // The harness's pty starts with echo off: turn it on, so that it is known what to
            // expect back.
            "stty echo icanon; \"$BACKSCREEN\" --rules '{}' --save '{}'; echo \"exit=$?\"; stty -a",
            minimal_rules(),
            path_str(&file)
        );
        let mut s = pty::spawn_shell(dir.path(), &script);
        answer(&mut s, "Leg weakness?", ENTER);
        s.expect("Numb between the legs?");
        s.until_reading(); // waiting for a key: the terminal is in raw mode now
        let shell = s.pid();
        let children =
            std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).expect("children");
        let backscreen = children.split_whitespace().next().expect("backscreen runs under the shell");
        let status = std::process::Command::new("kill")
            .args([&format!("-{signal}"), backscreen])
            .status()
            .expect("kill runs");
        assert!(status.success());
        s.expect(&format!("exit={code}"));
        assert_eq!(s.finish(), 0, "the shell ran stty after backscreen");
        let plain = s.plain();
        let after = &plain[plain.rfind("exit=").expect("the exit line")..];
        let settings: Vec<&str> = after.split(|c: char| c.is_whitespace() || c == ';').collect();
        for on in ["echo", "icanon"] {
            assert!(settings.contains(&on), "SIG{signal}: `{on}` is back on:\n{after}");
        }
        assert!(plain.contains("--resume"), "SIG{signal}: where the answers are is said");
        assert_eq!(read_json(&file)["answers"]["weak"], "none", "SIG{signal}: the answer given is on disk");
    }
}

#[test]
fn a_question_whose_rules_turn_not_sure_off_offers_no_not_sure() {
    let dir = temp();
    let mut rules: Value =
        serde_json::from_str(&std::fs::read_to_string(minimal_rules()).expect("read")).expect("json");
    for q in rules["questions"].as_array_mut().expect("questions") {
        if q["id"] == "weak" || q["id"] == "saddle" {
            q["not_sure"] = json!(false);
        }
    }
    let file = dir.path().join("rules.json");
    std::fs::write(&file, rules.to_string()).expect("write");
    let mut s = pty::spawn(dir.path(), &["--rules", &path_str(&file)], &[]);
    s.expect("Leg weakness?");
    let list = s.until_reading();
    assert!(!list.contains("Not sure"), "no \"Not sure\" row:\n{list}");
    s.keys(ENTER);
    s.expect("Numb between the legs?");
    let yes_no = s.until_reading();
    assert!(!yes_no.contains("? for not sure"), "no `?` offered:\n{yes_no}");
    s.keys("?");
    s.keys("n");
    s.expect("Question 3, ");
    s.keys(CTRL_C);
    assert_eq!(s.finish(), 130);
    assert!(!s.plain().contains("Answer · Not sure"), "`?` was not taken as an answer:\n{}", s.plain());
}
