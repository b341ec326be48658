//! Results and reports in the language chosen with `--lang`: the program's own words (headings,
//! labels, table headers, the triage headline) come from the catalogue in that language, HTML and
//! FHIR say which language they are in, and the machine side (JSON keys, level values, batch rows)
//! stays the same in every language.
//!
//! The assertions are on the program's own words, not on the rules' texts, which their translator
//! may still reword.

mod common;
use backscreen::engine;
use backscreen::i18n::Lang;
use backscreen::render;
use common::{backscreen, fixture};
use serde_json::Value;

/// `tests/vignettes/p02.json`: an emergency. `p01`: self-care with causes.
fn vignette(name: &str) -> String {
    fixture(&format!("vignettes/{name}.json")).to_str().expect("utf-8").to_string()
}

#[track_caller]
fn evaluate(lang: &str, format: &str, answers: &str) -> String {
    let run = backscreen(&["--lang", lang, "evaluate", "--format", format, answers], "");
    run.assert_ok();
    run.stdout
}

#[track_caller]
fn evaluate_stdin(lang: &str, format: &str, answers: &str) -> String {
    let run = backscreen(&["--lang", lang, "evaluate", "--format", format, "-"], answers);
    run.assert_ok();
    run.stdout
}

#[track_caller]
fn assert_has(text: &str, expected: &[&str]) {
    for e in expected {
        assert!(text.contains(e), "missing {e:?} in:\n{text}");
    }
}

#[track_caller]
fn assert_lacks(text: &str, unexpected: &[&str]) {
    for u in unexpected {
        assert!(!text.contains(u), "unexpected {u:?} in:\n{text}");
    }
}

#[test]
fn a_spanish_emergency_result_says_it_in_spanish() {
    let text = evaluate("es", "text", &vignette("p02"));
    assert_has(
        &text,
        &[
            " URGENCIA: busque atención de urgencia ahora ",
            "  [URGENCIA] ",
            "  [URGENTE] ",
            "porque respondió \"",
            "\" -> Sí",
            "Fuente: S",
            "Primero hay que descartar una causa grave",
            "Para su profesional de la salud: otros patrones en sus respuestas",
            "(puntuación ",
            "no se recomienda por ahora",
            "Próximos pasos",
            "Aviso: ",
        ],
    );
    assert!(text.lines().nth(1).is_some_and(|l| l.starts_with("reglas low-back ")), "{text}");
    assert_lacks(
        &text,
        &[
            "EMERGENCY",
            "[URGENT]",
            "because you answered",
            "Source:",
            "ruled out first",
            "For your clinician",
            "(score ",
            "not suggested now",
            "Next steps",
            "Disclaimer:",
        ],
    );
}

#[test]
fn a_spanish_self_care_result_names_its_causes_and_what_may_fit_in_spanish() {
    let text = evaluate("es", "text", &vignette("p01"));
    assert_has(
        &text,
        &[
            " AUTOCUIDADO: no se encontraron señales de alarma en sus respuestas ",
            "Lo que indican sus respuestas",
            "  1. ",
            "(puntuación ",
            "puede ser útil",
            "  Zonas a trabajar: ",
            "  Centrarse en: ",
        ],
    );
    assert_lacks(
        &text,
        &["SELF-CARE", "What your answers point to", "may fit", "Areas to work on", "Focus on"],
    );
}

#[test]
fn a_not_sure_answer_leaves_a_red_flag_open_in_spanish_words() {
    let answers = r#"{"answers": {"saddle_numbness": "not_sure"}}"#;
    let text = evaluate_stdin("es", "text", answers);
    assert_has(&text, &["[¿URGENCIA?] ", "respondió que no lo sabe: \"", "    Si es su caso: ", "No lo sé"]);
    assert_lacks(&text, &["[EMERGENCY?]", "you were not sure", "If this applies to you"]);
    let md = evaluate_stdin("es", "markdown", answers);
    assert_has(
        &md,
        &["- **¿Urgencia?: ", "  Si es el caso: ", "  No lo sé: ", "_sin preguntar (sin evaluar)_"],
    );
}

#[test]
fn a_spanish_markdown_report_has_spanish_headings_labels_and_table_headers() {
    let md = evaluate("es", "markdown", &vignette("p02"));
    assert_has(
        &md,
        &[
            ": informe para el profesional de la salud\n",
            "Respuestas guardadas: sin registrar \u{b7} Estado: sin registrar \u{b7} Reglas: low-back ",
            "## Triaje\n",
            "(nivel de triaje: Urgencia)",
            "Señales de alarma activadas:\n",
            "- **Urgencia: ",
            "  Activada por: ",
            "  Fuentes: S",
            "Fuentes citadas:\n",
            "## Cribado de señales de alarma\n",
            "| Pregunta | Respuesta |\n",
            "| **sí** (señal de alarma) |",
            " | no |",
            "## Dolor y duración\n",
            "- Dolor actual: **8/10**",
            "- Duración: **",
            "## Para su profesional de la salud: otros patrones en sus respuestas",
            "**Primero hay que descartar una causa grave.** ",
            "| # | Causa | Puntuación | Indicios |\n",
            " de ",
            "## ART y rehabilitación\n",
            "- En contra: ",
            "## Todas las respuestas\n",
            "Las respuestas a las preguntas sobre señales de alarma están en el cribado de arriba.",
            "## Reglas, versión y fecha\n",
            "- Reglas: low-back, versión ",
            "## Aviso\n",
        ],
    );
    assert_lacks(
        &md,
        &["clinician report", "## Triage\n", "| Question | Answer |", "## Disclaimer", "not recorded"],
    );
}

#[test]
fn a_spanish_html_report_is_marked_spanish_and_has_spanish_headings() {
    let page = evaluate("es", "html", &vignette("p02"));
    assert_has(
        &page,
        &[
            "<html lang=\"es\">",
            ": informe para el profesional de la salud</title>",
            "Informe para el profesional de la salud &middot; fecha de las respuestas: sin registrar &middot; estado: sin registrar",
            "<h2 id=\"h-triage\" class=\"scr\">Triaje</h2>",
            "<span class=\"lvl\">Nivel de triaje: Urgencia</span>",
            "aria-label=\"Señales de alarma activadas\"",
            "<th scope=\"col\">Pregunta</th><th scope=\"col\">Respuesta</th>",
            "<span class=\"tag\">&#9650;<span class=\"scr\"> señal de alarma</span></span>",
            "<h2 id=\"h-facts\">Dolor y duración</h2>",
            "<th scope=\"col\">Causa</th><th scope=\"col\">Puntuación</th><th scope=\"col\">Indicios</th>",
            "(máx. ",
            "<h2 id=\"h-treatment\">ART y rehabilitación</h2>",
            "&#10007; No se recomienda por ahora",
            "aria-label=\"En contra\"",
            "<h2 id=\"h-record\">Reglas, versión y fecha</h2>",
            "<dt>Versión</dt>",
            "<dt>Estado</dt><dd>sin registrar</dd>",
            "<h2 id=\"h-disclaimer\">Aviso</h2>",
        ],
    );
    assert_lacks(&page, &["lang=\"en\"", "clinician report", ">Triage<", ">Question<", ">Disclaimer<"]);
}

#[test]
fn spanish_fhir_says_es_and_keeps_its_codes() {
    let response: Value = serde_json::from_str(&evaluate("es", "fhir", &vignette("p02"))).expect("JSON");
    assert_eq!(response["language"], "es");
    let assessment = &response["contained"][0];
    let first = &assessment["prediction"][0];
    assert_eq!(first["qualitativeRisk"]["coding"][0]["code"], "emergency", "codes stay the same");
    assert_eq!(first["outcome"]["text"], "Nivel de triaje: con qué urgencia buscar atención");
    assert_eq!(assessment["note"][0]["text"], "URGENCIA: busque atención de urgencia ahora");
    assert_eq!(assessment["subject"]["display"], "la persona evaluada");

    let run = backscreen(&["--lang", "es", "rules", "export"], "");
    run.assert_ok();
    assert_eq!(run.json()["language"], "es", "the Questionnaire too");
    let english: Value = serde_json::from_str(&evaluate("en", "fhir", &vignette("p02"))).expect("JSON");
    assert_eq!(english["language"], "en");
}

/// `v` with every string and number replaced by its kind: the keys and the shape.
fn shape(v: &Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), shape(v))).collect()),
        Value::Array(items) => Value::Array(items.iter().map(shape).collect()),
        Value::String(_) => "string".into(),
        Value::Number(_) => "number".into(),
        other => other.clone(),
    }
}

#[test]
fn spanish_json_has_the_same_keys_and_values_as_english_with_spanish_texts() {
    for name in ["p01", "p02"] {
        let parse = |lang| -> Value {
            serde_json::from_str(&evaluate(lang, "json", &vignette(name))).expect("evaluate writes JSON")
        };
        let (en, es) = (parse("en"), parse("es"));
        assert_eq!(shape(&en), shape(&es), "{name}: the same keys, in the same places");
        assert_eq!(en["triage"]["level"], es["triage"]["level"], "{name}: levels are machine values");
        let ids = |v: &Value| -> Vec<Value> {
            let causes = v["causes"].as_array().expect("causes");
            let flags = v["triage"]["red_flags"].as_array().expect("red flags");
            causes.iter().chain(flags).map(|c| c["id"].clone()).collect()
        };
        assert_eq!(ids(&en), ids(&es), "{name}");
        assert_eq!(es["rules"]["language"], "es");
    }
    let es: Value = serde_json::from_str(&evaluate("es", "json", &vignette("p02"))).expect("JSON");
    assert_eq!(es["triage"]["level"], "emergency");
    assert_eq!(es["serious_cause_first"]["title"], "Primero hay que descartar una causa grave");
    let answered = &es["triage"]["red_flags"][0]["triggered_by"][0];
    assert_eq!((answered["answer"].clone(), answered["answer_text"].clone()), (true.into(), "Sí".into()));
}

#[test]
fn batch_rows_are_the_same_in_every_language() {
    for format in ["csv", "jsonl"] {
        let rows = |lang| {
            let run = backscreen(
                &["--lang", lang, "evaluate", "--format", format, &vignette("p01"), &vignette("p02")],
                "",
            );
            run.assert_ok();
            run.stdout
        };
        assert_eq!(rows("es"), rows("en"), "{format}");
    }
}

#[test]
fn english_is_unchanged_by_asking_for_it() {
    for format in ["text", "markdown", "html", "json"] {
        let asked = evaluate("en", format, &vignette("p02"));
        let run = backscreen(&["evaluate", "--format", format, &vignette("p02")], "");
        run.assert_ok();
        assert_eq!(asked, run.stdout, "{format}");
    }
    let text = evaluate("en", "text", &vignette("p02"));
    assert_has(&text, &[" EMERGENCY: get emergency care now ", "Next steps", "Disclaimer: "]);
    assert_has(&evaluate("en", "html", &vignette("p02")), &["<html lang=\"en\">"]);
}

/// The rules shown in Spanish, and the outcome for one vignette.
fn spanish_outcome(name: &str) -> engine::Outcome {
    let mut rules = backscreen::rules::load(None).expect("the built-in rules load");
    assert!(rules.show_in(Lang::Es), "the built-in rules have Spanish");
    let file = backscreen::answers::load(&fixture(&format!("vignettes/{name}.json")), &rules)
        .expect("the vignette fits the rules");
    engine::evaluate(&rules, &file.answers)
}

#[test]
fn the_summary_and_the_chart_at_the_end_of_an_interview_are_in_spanish() {
    colored::control::set_override(false);
    let mut out = Vec::new();
    let outcome = spanish_outcome("p02");
    render::text::summary(&mut out, &outcome, None).expect("write");
    let p01 = spanish_outcome("p01");
    render::chart::write(&mut out, &p01, None).expect("write");
    render::text::summary(&mut out, &p01, None).expect("write");
    let text = String::from_utf8(out).expect("utf-8");
    assert_has(
        &text,
        &[
            " Su resultado: URGENCIA: busque atención de urgencia ahora ",
            "Qué hacer: ",
            "Debido a: ",
            " más\n",
            "Primero hay que descartar una causa grave.",
            "El resultado completo, con los motivos, está arriba.",
            "Puntuación de las causas\n",
            "Posibles causas: ",
            ": puede ser útil",
        ],
    );
    assert_lacks(&text, &["Your result", "What to do", "Because of", " more", "Cause scores", "Points to"]);
}

#[test]
fn report_words_follow_the_language_asked_for() {
    use render::report::{ScreenAnswer, Status};
    assert_eq!(ScreenAnswer::Yes.text(Lang::Es), "sí");
    assert_eq!(ScreenAnswer::NotAsked.text(Lang::Es), "sin preguntar");
    assert_eq!(ScreenAnswer::NotAsked.text(Lang::En), "not asked");
    assert_eq!(Status::StoppedAtEmergency.text(Lang::Es), "detenido por una urgencia");
    assert_eq!(Status::Other("paused".into()).text(Lang::Es), "paused", "an unknown status as written");
    assert_eq!(render::level_label(backscreen::rules::Level::SelfCare, Lang::Es), "Autocuidado");
}
