//! The interview fits any terminal: at 40 columns every line it writes fits, choice texts
//! wrap whole under their marker, a list taller than the screen scrolls, and a redraw
//! after a resize or after going back leaves no row twice. Also the keys of a Spanish
//! prompt. The real binary in a pseudo-terminal, driven with keys; the screen is what a
//! terminal of that size shows of the output (vt100).
#![cfg(unix)]

#[path = "support/pty.rs"]
mod pty;

use pty::{CTRL_C, DOWN, ENTER, ESC, Screen, UP, path_str, read_json, squash, temp};
use serde_json::{Value, json};
use std::path::Path;

/// How many times `text` is on `screen`, read as one line of words.
fn times_on(screen: &str, text: &str) -> usize {
    squash(screen).matches(&squash(text)).count()
}

/// The lines the program wrote that are wider than `cols`, with their widths: the text
/// between line ends, carriage returns and cursor jumps, without escape sequences.
fn too_wide(raw: &[u8], cols: usize) -> Vec<(usize, String)> {
    let text = String::from_utf8_lossy(raw);
    // A jump of the cursor to a place on the screen starts a line anew.
    let text = text.replace("\x1b[1;1H", "\n").replace("\x1b[H", "\n");
    pty::strip_ansi(&text)
        .split(['\n', '\r'])
        .map(|l| (l.chars().count(), l.to_string()))
        .filter(|(w, _)| *w > cols)
        .collect()
}

#[track_caller]
fn assert_fits(s: &Screen, raw: &[u8], cols: usize) {
    let wide = too_wide(raw, cols);
    assert!(wide.is_empty(), "lines wider than {cols} columns: {wide:#?}\n--- screen ---\n{}", s.screen());
}

/// The minimal test rules, changed by `change`, written into `dir`.
fn minimal_rules_changed(dir: &Path, change: impl FnOnce(&mut Value)) -> String {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules/minimal.json");
    let mut rules = read_json(&fixture);
    change(&mut rules);
    let file = dir.join("rules.json");
    std::fs::write(&file, rules.to_string()).expect("write the rules");
    path_str(&file)
}

fn question_mut<'a>(rules: &'a mut Value, id: &str) -> &'a mut Value {
    let questions = rules["questions"].as_array_mut().expect("questions");
    questions.iter_mut().find(|q| q["id"] == id).unwrap_or_else(|| panic!("no question {id}"))
}

/// Choices with these texts: the first ones with `ids`, the rest with made-up ids.
fn choices(ids: &[&str], texts: &[&str]) -> Value {
    let choices = texts.iter().enumerate().map(|(i, text)| {
        let id = ids.get(i).map_or_else(|| format!("other_{i}"), |id| id.to_string());
        json!({ "id": id, "text": text })
    });
    Value::Array(choices.collect())
}

/// The minimal test rules with the choices of "Leg weakness?" (the first question) given
/// these texts, and more choices after them if there are more than three.
fn rules_with_weakness_choices(dir: &Path, texts: &[&str]) -> String {
    minimal_rules_changed(dir, |rules| {
        question_mut(rules, "weak")["choices"] = choices(&["none", "one", "both"], texts);
    })
}

/// Answers the minimal rules' questions up to "Which do you do?": no weakness, no
/// numbness, pain 3, sitting 8 hours.
#[track_caller]
fn answer_up_to_which_do_you_do(s: &mut Screen) {
    for (question, keys) in [
        ("Leg weakness?", format!("1{ENTER}")),
        ("Numb between the legs?", "n".to_string()),
        ("Pain now, 0 to 10?", format!("3{ENTER}")),
        ("Hours sitting a day?", format!("8{ENTER}")),
    ] {
        s.expect(question);
        s.keys(&keys);
    }
    s.expect("Which do you do?");
    s.until_reading();
}

/// How many rows of `screen` hold the start of `text`.
fn rows_with(screen: &str, text: &str) -> usize {
    let start: String = text.chars().take(17).collect();
    screen.lines().filter(|l| l.contains(&start)).count()
}

/// Fails if the start of any of `texts` is on more than one row of `screen`: drawn again
/// without the old drawing cleared.
#[track_caller]
fn assert_no_row_twice(screen: &str, texts: &[impl AsRef<str>]) {
    for text in texts.iter().map(AsRef::as_ref) {
        assert!(rows_with(screen, text) <= 1, "{text:?} twice:\n{screen}");
    }
}

/// Three choices, each of them two or three lines long at 40 columns.
const LONG: [&str; 3] = [
    "No weakness at all in either leg, and no stumbling or catching of the feet when walking",
    "One leg is weak: the foot slaps or drags, or one knee gives way when climbing stairs",
    "Both legs are weak, or walking has become hard because both legs do not do what I ask",
];

/// Nine choices, the last of them easy to tell apart.
fn many() -> Vec<String> {
    let mut texts: Vec<String> = (1..=8)
        .map(|i| format!("Choice number {i}, a text long enough to need two lines at forty"))
        .collect();
    texts.push("The very last choice, which is only reached by scrolling down".to_string());
    texts
}

#[test]
fn at_40_columns_long_choices_wrap_whole_under_their_marker_and_every_line_fits() {
    let dir = temp();
    let rules = rules_with_weakness_choices(dir.path(), &LONG);
    let mut s = pty::spawn_sized(dir.path(), 24, 40, &["--rules", &rules], &[]);
    s.expect("Leg weakness?");
    s.until_reading();
    let screen = s.screen();
    for text in LONG {
        assert_eq!(times_on(&screen, text), 1, "{text:?} is shown whole, once:\n{screen}");
    }
    assert!(!screen.contains("..."), "nothing is cut:\n{screen}");
    // Under the marker: the list's rows start with the pointer or with its width of space.
    let rows: Vec<&str> = screen.lines().skip_while(|l| !l.starts_with("(arrows")).skip(1).collect();
    assert!(rows.len() >= 6, "each choice takes two lines or more:\n{screen}");
    for row in rows.iter().filter(|r| !r.is_empty()) {
        assert!(
            row.starts_with("\u{276f} ") || row.starts_with("  "),
            "{row:?} is not under its marker:\n{screen}"
        );
    }
    assert!(!s.any_row_wrapped(), "the terminal wrapped nothing itself:\n{screen}");

    // The record of the answer wraps too.
    s.keys(&format!("{DOWN}{ENTER}"));
    s.expect("Numb between the legs?");
    s.until_reading();
    let screen = s.screen();
    assert_eq!(times_on(&screen, &format!("Answer \u{b7} {}", LONG[1])), 1, "{screen}");
    s.keys(CTRL_C);
    assert_eq!(s.finish(), 130);
    assert_fits(&s, s.raw(), 40);
}

#[test]
fn every_line_of_an_interview_and_its_save_offer_fits_40_columns() {
    let dir = temp();
    std::fs::write(dir.path().join("taken.json"), "{}").expect("write");
    let rules = rules_with_weakness_choices(dir.path(), &LONG);
    let mut s = pty::spawn_sized(dir.path(), 24, 40, &["--rules", &rules], &[]);
    // Every kind of prompt: a list, yes/no, numbers (one refused), a list to tick, going back.
    let steps = [
        ("Leg weakness?", format!("{DOWN}{ENTER}")),
        ("Numb between the legs?", "n".to_string()),
        ("Is the weakness getting worse?", ESC.to_string()),
        ("Numb between the legs?", "n".to_string()),
        ("Is the weakness getting worse?", "n".to_string()),
        ("Pain now, 0 to 10?", format!("99{ENTER}")),
        ("99 is not allowed", format!("9{ENTER}")),
        ("Your age?", format!("70{ENTER}")),
    ];
    for (text, keys) in steps {
        s.expect(text);
        s.keys(&keys);
    }
    loop {
        match s.expect_any(&["Hours sitting a day?", "Which do you do?", "Stiff after", "Save your"]).0 {
            0 => s.keys(&format!("8{ENTER}")),
            1 => s.keys(&format!("{DOWN} {ENTER}")),
            2 => s.keys("y"),
            _ => break,
        }
    }
    // Saving: a file name, one that is taken, and back to the offer.
    s.keys("y");
    s.expect("File name");
    s.keys(&format!("taken.json{ENTER}"));
    s.expect("already exists. Replace it");
    s.keys("n");
    s.expect("File name");
    s.keys(ESC);
    s.expect("Save your");
    s.until_reading();
    let end = s.mark();
    s.keys("n");
    assert_eq!(s.finish(), 0);
    assert_fits(&s, &s.raw()[..end], 40);
    let plain = s.plain();
    assert!(plain.contains("(back to the previous question)"), "{plain}");
    assert_eq!(std::fs::read_to_string(dir.path().join("taken.json")).expect("read"), "{}", "kept");
}

#[test]
fn a_long_list_in_a_short_terminal_scrolls_to_its_last_choice() {
    let dir = temp();
    let texts = many();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let rules = rules_with_weakness_choices(dir.path(), &refs);
    let mut s = pty::spawn_sized(dir.path(), 12, 40, &["--rules", &rules], &[]);
    s.expect("Leg weakness?");
    s.until_reading();
    let screen = s.screen();
    assert_eq!(times_on(&screen, &texts[0]), 1, "the first choice is shown:\n{screen}");
    assert_eq!(times_on(&screen, &texts[8]), 0, "the last is below:\n{screen}");
    assert!(screen.contains("more below"), "a line says there are more below:\n{screen}");
    assert!(!screen.contains("more above"), "{screen}");

    // Down, row by row, to the last choice (and "Not sure" after it).
    for _ in 0..8 {
        s.press(DOWN);
    }
    let screen = s.screen();
    assert!(
        screen.lines().any(|l| l.starts_with("\u{276f} The very last choice")),
        "it is the active row:\n{screen}"
    );
    assert_eq!(times_on(&screen, &texts[8]), 1, "the last choice is shown whole:\n{screen}");
    assert_eq!(times_on(&screen, &texts[0]), 0, "the first has scrolled away:\n{screen}");
    assert!(screen.contains("more above"), "a line says there are more above:\n{screen}");
    assert!(screen.contains("Not sure"), "the row after it fits too:\n{screen}");
    for text in &texts {
        assert!(times_on(&screen, text) <= 1, "{text:?} is shown twice:\n{screen}");
    }
    assert!(!s.any_row_wrapped(), "{screen}");

    // Up to the first row; up from it is the last row, "Not sure".
    for _ in 0..8 {
        s.press(UP);
    }
    let screen = s.screen();
    assert!(screen.lines().any(|l| l.starts_with("\u{276f} Choice number 1,")), "back at the top:\n{screen}");
    assert!(!screen.contains("more above"), "{screen}");
    s.press(UP);
    let screen = s.screen();
    assert!(screen.lines().any(|l| l.starts_with("\u{276f} Not sure")), "{screen}");
    s.keys(ENTER);
    s.expect("Answer \u{b7} Not sure");
    s.keys(CTRL_C);
    assert_eq!(s.finish(), 130);
    assert_fits(&s, s.raw(), 40);
}

#[test]
fn after_the_terminal_narrows_the_prompt_is_drawn_again_with_no_row_twice() {
    let dir = temp();
    let rules = rules_with_weakness_choices(dir.path(), &LONG);
    let mut s = pty::spawn_sized(dir.path(), 24, 80, &["--rules", &rules], &[]);
    s.expect("Leg weakness?");
    s.until_reading();
    s.press(DOWN);
    s.resize(16, 40);
    let resized = s.mark();
    // Drawn again at once, without waiting for a key.
    s.expect("Leg weakness?");
    s.until_reading();
    let screen = s.screen();
    assert_eq!(times_on(&screen, "Leg weakness?"), 1, "the question once:\n{screen}");
    for text in LONG {
        assert_eq!(times_on(&screen, text), 1, "{text:?} once, whole:\n{screen}");
    }
    assert!(
        screen.lines().any(|l| l.starts_with("\u{276f} One leg is weak")),
        "the same active row:\n{screen}"
    );

    // And after a key.
    s.press(DOWN);
    let screen = s.screen();
    for text in LONG {
        assert_eq!(times_on(&screen, text), 1, "{text:?} once, whole:\n{screen}");
    }
    assert!(screen.lines().any(|l| l.starts_with("\u{276f} Both legs are weak")), "{screen}");
    assert!(!s.any_row_wrapped(), "{screen}");
    assert_fits(&s, &s.raw()[resized..], 40);

    // Wider again, and a yes/no prompt.
    s.keys(&format!("{UP}{UP}{ENTER}"));
    s.expect("Numb between the legs?");
    s.until_reading();
    s.resize(20, 60);
    s.expect("Numb between the legs?");
    s.until_reading();
    let screen = s.screen();
    assert_eq!(times_on(&screen, "Numb between the legs?"), 1, "{screen}");
    assert_eq!(times_on(&screen, "Answer (y/n)"), 1, "{screen}");
    s.keys("n");
    s.expect("Answer \u{b7} No");
    s.keys(CTRL_C);
    assert_eq!(s.finish(), 130);
}

#[test]
fn a_scrolled_list_gone_back_to_is_drawn_once_with_the_answer_given_active() {
    let dir = temp();
    let texts = many();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let rules = rules_with_weakness_choices(dir.path(), &refs);
    let mut s = pty::spawn_sized(dir.path(), 14, 40, &["--rules", &rules], &[]);
    s.expect("Leg weakness?");
    s.until_reading();
    // The fourth choice, scrolled to; then the next question, and back.
    for _ in 0..3 {
        s.press(DOWN);
    }
    s.keys(ENTER);
    s.expect("Numb between the legs?");
    s.until_reading();
    s.keys(ESC);
    s.expect("(back to the previous question)");
    s.expect("Leg weakness?");
    s.until_reading();
    let screen = s.screen();
    assert!(screen.lines().any(|l| l.starts_with("\u{276f} Choice number 4,")), "preselected:\n{screen}");
    assert_no_row_twice(&screen, &texts);
    // Drawn again in place as the active row moves.
    for keys in [DOWN, DOWN, UP, UP, UP] {
        s.press(keys);
        let screen = s.screen();
        assert_no_row_twice(&screen, &texts);
    }
    s.keys(CTRL_C);
    assert_eq!(s.finish(), 130);
}

#[test]
fn esc_from_a_long_list_clears_it_and_going_on_draws_it_once() {
    let dir = temp();
    let texts = many();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    // "Which do you do?" as a list to pick one from, long enough to scroll.
    let rules = minimal_rules_changed(dir.path(), |rules| {
        let sports = question_mut(rules, "sports");
        sports["type"] = json!("single_choice");
        sports["choices"] = choices(&["running", "lifting", "neither"], &refs);
        question_mut(rules, "deadlift_stiff")["ask_if"] = json!({ "answer": "sports", "equals": "lifting" });
        for cause in rules["causes"].as_array_mut().expect("causes") {
            for evidence in cause["evidence"].as_array_mut().expect("evidence") {
                if evidence["when"]["answer"] == "sports" {
                    evidence["when"] = json!({ "answer": "sports", "equals": "lifting" });
                }
            }
        }
    });
    let mut s = pty::spawn_sized(dir.path(), 14, 40, &["--rules", &rules], &[]);
    answer_up_to_which_do_you_do(&mut s);
    for _ in 0..3 {
        s.press(DOWN);
    }
    s.keys(ESC);
    s.expect("(back to the previous question)");
    s.expect("Hours sitting a day?");
    s.until_reading();
    let screen = s.screen();
    assert!(!screen.contains("Choice number"), "the list is gone:\n{screen}");
    s.keys(ENTER);
    s.expect("Which do you do?");
    s.until_reading();
    let screen = s.screen();
    assert_eq!(rows_with(&screen, &texts[0]), 1, "{screen}");
    assert_no_row_twice(&screen, &texts);
    // Lifting, then back from the question it brings.
    s.keys(&format!("2{ENTER}"));
    s.expect("Stiff after deadlifts?");
    s.keys(ESC);
    s.expect("Which do you do?");
    s.until_reading();
    let screen = s.screen();
    assert!(screen.lines().any(|l| l.starts_with("\u{276f} Choice number 2,")), "preselected:\n{screen}");
    assert_no_row_twice(&screen, &texts);
    s.keys(CTRL_C);
    assert_eq!(s.finish(), 130);
}

#[test]
fn esc_from_a_long_list_to_tick_clears_it_and_going_on_draws_it_once() {
    let dir = temp();
    let texts = ["Running, jogging or any sport where both feet leave the ground", LONG[1], LONG[2]];
    let rules = minimal_rules_changed(dir.path(), |rules| {
        let sports = question_mut(rules, "sports");
        for (choice, text) in sports["choices"].as_array_mut().expect("choices").iter_mut().zip(texts) {
            choice["text"] = json!(text);
        }
    });
    let mut s = pty::spawn_sized(dir.path(), 14, 40, &["--rules", &rules], &[]);
    answer_up_to_which_do_you_do(&mut s);
    s.press(DOWN);
    s.press(" ");
    s.press(DOWN);
    s.press(DOWN);
    s.keys(ESC);
    s.expect("(back to the previous question)");
    s.expect("Hours sitting a day?");
    s.until_reading();
    let screen = s.screen();
    for text in texts {
        assert_eq!(rows_with(&screen, text), 0, "the list is gone:\n{screen}");
    }
    s.keys(ENTER);
    s.expect("Which do you do?");
    s.until_reading();
    let screen = s.screen();
    assert_eq!(rows_with(&screen, texts[0]), 1, "{screen}");
    assert_no_row_twice(&screen, &texts);
    for keys in [UP, UP, DOWN] {
        s.press(keys);
        let screen = s.screen();
        assert_no_row_twice(&screen, &texts);
    }
    s.keys(CTRL_C);
    assert_eq!(s.finish(), 130);
}

#[test]
fn a_spanish_prompt_takes_s_and_n_and_not_y() {
    let dir = temp();
    let file = dir.path().join("a.json");
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules/translated.json");
    let mut s = pty::spawn_sized(
        dir.path(),
        24,
        80,
        &["--lang", "es", "--rules", &path_str(&rules), "--save", &path_str(&file)],
        &[],
    );
    s.expect("Pregunta 1, ");
    let list = squash(&s.until_reading());
    assert!(list.contains("(flechas e Intro)"), "{list}");
    s.keys(&format!("{DOWN}{ENTER}")); // One leg
    s.expect("Respuesta \u{b7} [es] One leg");
    s.expect("Pregunta 2, ");
    let prompt = squash(&s.until_reading());
    assert!(
        prompt.contains("(s o n, ? si no lo sabe, Esc para volver atrás)"),
        "the keys are s and n:\n{prompt}"
    );
    assert!(prompt.ends_with("? Respuesta (s/n) \u{203a}"), "{prompt}");
    // `y` is not a key here; `N` is no.
    s.keys("y");
    s.keys("N");
    let recorded = s.expect("Pregunta 3, ");
    assert!(recorded.contains("Respuesta \u{b7} No"), "{recorded}");
    assert!(!recorded.contains("Respuesta \u{b7} Sí"), "`y` answered:\n{recorded}");
    s.expect("[es] Is the weakness getting worse?");
    s.keys("s");
    let recorded = s.expect("Pregunta 4, ");
    assert!(recorded.contains("Respuesta \u{b7} Sí"), "{recorded}");
    s.keys(CTRL_C);
    assert_eq!(s.finish(), 130);
    let saved = read_json(&file);
    assert_eq!(saved["answers"]["weak"], "one");
    assert_eq!(saved["answers"]["saddle"], false, "N answered no, y nothing: {saved}");
    assert_eq!(saved["answers"]["worse"], true, "s answered yes: {saved}");
}

#[test]
fn a_spanish_emergency_check_at_40_columns_is_confirmed_with_s() {
    let dir = temp();
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules/translated.json");
    let mut s = pty::spawn_sized(dir.path(), 24, 40, &["--lang", "es", "--rules", &path_str(&rules)], &[]);
    s.expect("Pregunta 1, ");
    s.keys(ENTER);
    s.expect("[es] Numb between the legs?");
    s.keys("s");
    s.expect("Por favor, revise esta respuesta");
    let check = squash(&s.until_reading());
    assert!(check.contains("(s: sí, es correcto; n o Esc: volver atrás y cambiar la respuesta)"), "{check}");
    s.keys("y");
    s.keys("n");
    s.expect("(vuelta a la pregunta)");
    s.expect("[es] Numb between the legs?");
    s.keys("s");
    s.expect("Por favor, revise esta respuesta");
    s.keys("S");
    // Confirmed: nothing more is asked; saving is offered, in Spanish.
    s.expect("¿Guardar sus respuestas en un archivo");
    let offer = squash(&s.until_reading());
    assert!(offer.contains("(s o n)"), "{offer}");
    let end = s.mark();
    s.keys("n");
    assert_eq!(s.finish(), 0);
    assert!(!s.plain().contains("Pregunta 3"), "{}", s.plain());
    assert_fits(&s, &s.raw()[..end], 40);
}
