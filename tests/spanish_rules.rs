//! The built-in rules speak English and Spanish: every text in both, the Spanish declared as not
//! yet reviewed by a clinician, the same urgency and numbers in both, and `--lang` choosing which
//! one the person reads.

mod common;

use common::{backscreen, fixture, root};
use serde_json::Value;

/// The built-in rules file as JSON, read from disk.
fn rules_json() -> Value {
    let path = root("rules/low-back.json");
    let text = std::fs::read_to_string(&path).expect("rules/low-back.json is readable");
    serde_json::from_str(&text).expect("rules/low-back.json is JSON")
}

/// Every text of the file, with its JSON path: an object of languages is a text.
fn texts(v: &Value, path: &str, out: &mut Vec<(String, serde_json::Map<String, Value>)>) {
    match v {
        Value::Object(map) if map.contains_key("en") => out.push((path.to_string(), map.clone())),
        Value::Object(map) => {
            for (k, v) in map {
                let at = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                texts(v, &at, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                texts(v, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

fn all_texts() -> Vec<(String, serde_json::Map<String, Value>)> {
    let mut out = Vec::new();
    texts(&rules_json(), "", &mut out);
    out
}

fn lang<'a>(text: &'a serde_json::Map<String, Value>, code: &str) -> &'a str {
    text.get(code).and_then(Value::as_str).unwrap_or("")
}

/// Texts that are spelled the same in both languages, so equal is not a missed translation.
const SAME_IN_BOTH: &[&str] = &["No"];

#[test]
fn the_built_in_rules_declare_spanish_as_not_yet_reviewed_by_a_clinician() {
    let rules = rules_json();
    assert_eq!(rules["language"], "en", "the file's own language is English");
    let es = &rules["translations"]["es"];
    assert_eq!(es["reviewed_by_clinician"], Value::Bool(false), "translations: {}", rules["translations"]);
    let note = es["note"].as_str().unwrap_or("");
    assert!(note.contains("not yet reviewed by a clinician"), "the note says so in words: {note:?}");
}

#[test]
fn every_text_of_the_built_in_rules_has_a_spanish_text_that_is_not_the_english() {
    let texts = all_texts();
    let mut seen = std::collections::BTreeSet::new();
    for (path, text) in &texts {
        let (en, es) = (lang(text, "en"), lang(text, "es"));
        assert!(!en.trim().is_empty(), "{path}: English text");
        assert!(!es.trim().is_empty(), "{path}: Spanish text");
        // A bibliographic reference keeps its original titles, so it may read the same.
        if !path.ends_with(".citation") && !SAME_IN_BOTH.contains(&en) {
            assert_ne!(en, es, "{path}: the Spanish is a translation, not a copy of the English");
        }
        for kind in ["questions", "choices", "red_flags", "next_steps", "causes", "recommendations"] {
            if path.contains(kind) {
                seen.insert(kind);
            }
        }
    }
    assert_eq!(seen.len(), 6, "the walk reached every kind of text: {seen:?}");
    assert!(texts.len() > 300, "only {} texts found", texts.len());

    // No text is left in one language: a plain string where a text belongs.
    let rules = rules_json();
    for (i, q) in rules["questions"].as_array().expect("questions").iter().enumerate() {
        assert!(q["text"].is_object(), "questions[{i}].text is in one language only");
        for (j, c) in q["choices"].as_array().into_iter().flatten().enumerate() {
            assert!(c["text"].is_object(), "questions[{i}].choices[{j}].text is in one language only");
        }
    }
    for (i, f) in rules["red_flags"].as_array().expect("red flags").iter().enumerate() {
        assert!(f["name"].is_object(), "red_flags[{i}].name is in one language only");
        assert!(f["message"].is_object(), "red_flags[{i}].message is in one language only");
    }
    for (level, steps) in rules["next_steps"].as_object().expect("next steps") {
        for (i, s) in steps.as_array().expect("a list").iter().enumerate() {
            assert!(s.is_object(), "next_steps.{level}[{i}] is in one language only");
        }
    }
}

/// How often `phrase` occurs in `text` as whole words, ignoring case.
fn occurrences(text: &str, phrase: &str) -> usize {
    let text = text.to_lowercase();
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(phrase)
        .filter(|(at, _)| {
            !is_word(text[..*at].chars().next_back()) && !is_word(text[at + phrase.len()..].chars().next())
        })
        .count()
}

#[test]
fn the_spanish_keeps_every_number_and_time_limit_of_the_english() {
    let digits = |s: &str| -> Vec<String> {
        let mut runs: Vec<String> =
            s.split(|c: char| !c.is_ascii_digit()).filter(|r| !r.is_empty()).map(str::to_string).collect();
        runs.sort();
        runs
    };
    for (path, text) in all_texts() {
        let (en, es) = (lang(&text, "en"), lang(&text, "es"));
        assert_eq!(digits(en), digits(es), "{path}: the same numbers\n  en: {en}\n  es: {es}");
    }
}

#[test]
fn the_spanish_gives_the_same_urgency_and_the_same_place_to_go_as_the_english() {
    // Where to go, whom to call and how soon, word for word in each text.
    const SAME: &[(&str, &str)] = &[
        ("emergency department", "servicio de urgencias"),
        ("emergency services", "servicios de emergencia"),
        ("drive yourself", "conduciendo usted mismo"),
        ("now", "ahora"),
        ("today", "hoy"),
        ("at once", "de inmediato"),
        ("same day", "mismo día"),
        ("hours", "horas"),
    ];
    let mut compared = 0;
    for (path, text) in all_texts() {
        let (en, es) = (lang(&text, "en"), lang(&text, "es"));
        for (english, spanish) in SAME {
            assert_eq!(
                occurrences(en, english),
                occurrences(es, spanish),
                "{path}: \"{english}\" and \"{spanish}\" as often\n  en: {en}\n  es: {es}"
            );
            compared += occurrences(en, english);
        }
    }
    assert!(compared > 50, "the red flags and next steps use these words: {compared}");
}

/// The name of a red flag in one language, read from the file.
fn flag_name(id: &str, code: &str) -> String {
    let rules = rules_json();
    let flag = rules["red_flags"]
        .as_array()
        .expect("red flags")
        .iter()
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("red flag {id} is in the built-in rules"))
        .clone();
    flag["name"][code].as_str().expect("a name in this language").to_string()
}

#[test]
fn evaluate_in_spanish_shows_the_rules_texts_in_spanish_and_in_english_shows_them_in_english() {
    let answers = fixture("vignettes/p02.json");
    let answers = answers.to_str().expect("utf-8 path");
    let (es_name, en_name) = (flag_name("infection_emergency", "es"), flag_name("infection_emergency", "en"));

    let es = backscreen(&["--lang", "es", "evaluate", answers], "");
    es.assert_ok();
    assert!(es.stdout.contains(&es_name), "the Spanish red flag name {es_name:?}:\n{}", es.stdout);
    assert!(!es.stdout.contains(&en_name), "no English red flag name:\n{}", es.stdout);
    assert!(
        es.stdout.contains("¿Se encuentra muy mal en general"),
        "the question in Spanish:\n{}",
        es.stdout
    );
    assert!(!es.stderr.contains("no `es` text"), "no fallback to English: {}", es.stderr);

    let en = backscreen(&["--lang", "en", "evaluate", answers], "");
    en.assert_ok();
    assert!(en.stdout.contains(&en_name), "the English red flag name {en_name:?}:\n{}", en.stdout);
    assert!(!en.stdout.contains(&es_name), "no Spanish red flag name:\n{}", en.stdout);
}
