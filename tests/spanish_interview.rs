//! A Spanish interview (`--lang es`) in a pseudo-terminal, run through to its result: the
//! program's words, the built-in rules' texts and the result are all in Spanish, and yes
//! is typed `s`. Plain mode is used because its prompts are lines to read and type at.
#![cfg(unix)]

#[path = "support/pty.rs"]
mod pty;

use backscreen::i18n::{Lang, message};
use pty::plain::{SPANISH, answer_calmly, spawn, text_in};
use pty::squash;
use serde_json::Value;
use std::path::Path;

fn built_in_rules() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/low-back.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("read the rules")).expect("the rules are JSON")
}

/// The first prompt of the built-in rules, in Spanish: the warning signs checklist (the
/// one holding the saddle numbness question) and the label of its first row.
fn first_prompt_in_spanish(rules: &Value) -> (String, String) {
    let lists = rules["checklists"].as_array().expect("checklists");
    let list = lists
        .iter()
        .find(|c| c["items"].as_array().expect("items").iter().any(|i| i["question"] == "saddle_numbness"))
        .expect("the saddle numbness question is in a checklist");
    let item = &list["items"][0];
    let label = match item.get("text") {
        Some(own) => own,
        None => {
            let questions = rules["questions"].as_array().expect("questions");
            &questions.iter().find(|q| q["id"] == item["question"]).expect("the item's question")["text"]
        }
    };
    (text_in(&list["text"], "es").to_string(), text_in(label, "es").to_string())
}

/// A heading of the text result, in Spanish, from the message catalogue.
fn spanish(id: &str) -> String {
    let text = message(Lang::Es, id, None);
    assert_ne!(text, id, "the catalogue has `{id}`");
    assert_ne!(text, message(Lang::En, id, None), "`{id}` reads differently in Spanish");
    text
}

#[test]
fn a_spanish_interview_runs_to_its_result_with_spanish_prompts_and_headings() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let rules = built_in_rules();
    let mut s = spawn(dir.path(), &["--lang", "es", "--plain"], &[]);

    let welcome = squash(&s.expect("Pregunta 1, "));
    assert!(welcome.contains("Como máximo"), "the welcome counts in Spanish:\n{welcome}");
    assert!(welcome.contains("Responda escribiendo y pulse Intro: s o n"), "{welcome}");
    let first = squash(&s.expect("Su respuesta:"));
    assert!(first.contains("Escriba los números de las que correspondan"), "Spanish hints:\n{first}");
    assert!(first.contains(" 0. Ninguna de estas"), "{first}");
    // The rules' own texts are shown in Spanish too.
    let (question, row) = first_prompt_in_spanish(&rules);
    assert!(first.contains(&squash(&question)), "the question in Spanish {question:?}:\n{first}");
    assert!(first.contains(&squash(&row)), "its first row in Spanish {row:?}:\n{first}");
    s.line("0");
    s.expect("Anotado: Ninguna de estas");

    answer_calmly(&mut s, &rules, "es", &SPANISH, 2, "¿Guardar sus respuestas en un archivo");
    s.expect("Su respuesta:");
    s.line("s");
    s.expect("Nombre del archivo (solo Intro: backscreen-answers.json;");
    s.line("");
    s.expect("Sus respuestas están guardadas en");
    assert_eq!(s.finish(), 0);

    let text = s.text();
    let result = &text[text.rfind("Anotado: ").expect("answers were recorded")..];
    for heading in [spanish("result-heading-next-steps"), spanish("summary-what-to-do")] {
        assert!(result.contains(&heading), "the result has {heading:?}:\n{result}");
    }
    let saved: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("backscreen-answers.json")).expect("the answers are saved"),
    )
    .expect("JSON");
    assert_eq!(saved["answers"]["saddle_numbness"], false, "answers are ids and values, in no language");
}

#[test]
fn in_spanish_yes_is_s_and_y_is_refused() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut s = spawn(dir.path(), &["--lang", "es", "--plain", "--save", "a.json"], &[]);
    s.expect("Pregunta 1, ");
    s.expect("Su respuesta:");
    s.line("1");
    let check = squash(&s.expect("Su respuesta:"));
    assert!(check.contains("Por favor, revise esta respuesta."), "{check}");
    assert!(check.contains("Escriba s si es correcto, o n para volver"), "{check}");
    s.line("y");
    let refusal = squash(&s.expect("Su respuesta:"));
    assert!(refusal.contains("\"y\" no es una respuesta válida aquí."), "{refusal}");
    s.line("S");
    s.expect("ALTO: esto necesita atención de urgencia ahora. No hay más preguntas.");
    s.expect("Sus respuestas están guardadas en a.json");
    assert_eq!(s.finish(), 0);
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("a.json")).expect("saved"))
            .expect("JSON");
    assert_eq!(saved["status"], "stopped_at_emergency");
    assert_eq!(saved["answers"]["saddle_numbness"], true);
}
