//! What the clinician report says (issue 11 §1): whose it is and which file, only the answers
//! that made a red flag fire marked, dates as a person reads them, "1 week" and not "1 weeks",
//! and rows that say what they are about.

mod common;

use backscreen::answers::{self, AnswersFile};
use backscreen::engine::{self, answer_text};
use backscreen::i18n::Lang;
use backscreen::render::markdown;
use backscreen::render::report::{self, Report, SavedAt};
use backscreen::rules::{self, QuestionKind, Rules};
use backscreen::value::AnswerValue;
use common::{backscreen_env, fixture};
use jiff::tz::{TimeZone, offset};
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};

fn built_in(lang: Lang) -> Rules {
    let mut rules = rules::load(None).expect("built-in rules load");
    assert!(rules.show_in(lang), "the built-in rules are in {}", lang.code());
    rules
}

fn vignette(rules: &Rules, id: &str) -> AnswersFile {
    answers::load(&fixture(&format!("vignettes/{id}.json")), rules).expect("vignette loads")
}

fn report_of(rules: &Rules, file: &AnswersFile) -> Report {
    report::build(rules, file, &engine::evaluate(rules, &file.answers))
}

fn to_markdown(report: &Report) -> String {
    let mut out = Vec::new();
    markdown::write(&mut out, report).expect("writing to a Vec succeeds");
    String::from_utf8(out).expect("markdown is UTF-8")
}

/// `backscreen --lang LANG evaluate --format FORMAT ARGS...`, in UTC, answering with `file`.
fn evaluate(lang: &str, format: &str, args: &[&str], file: &std::path::Path) -> String {
    let mut all = vec!["--lang", lang, "--color", "never", "evaluate", "--format", format];
    all.extend_from_slice(args);
    all.push(file.to_str().expect("utf-8 path"));
    let run = backscreen_env(&all, "", &[("TZ", "UTC")]);
    run.assert_ok();
    run.stdout
}

/// An answers file of its own, for answers the vignettes do not have.
fn answers_file(dir: &tempfile::TempDir, name: &str, content: Value) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, content.to_string()).expect("write answers");
    path
}

// --- Patient label and file name ---

#[test]
fn a_labelled_markdown_report_names_the_patient_and_the_answers_file_above_the_triage() {
    let file = fixture("vignettes/p05.json");
    let md = evaluate("en", "markdown", &["--patient", "Ana <b>Ruiz</b> | 0042"], &file);
    let label =
        format!("**Patient: Ana \\<b\\>Ruiz\\</b\\> \\| 0042** \u{b7} Answers file: {}", file.display());
    let at = md.find(&label).unwrap_or_else(|| panic!("no label line in:\n{md}"));
    assert!(at < md.find("## Triage").expect("a triage section"));

    let es = evaluate("es", "markdown", &["--patient", "Ana"], &file);
    assert!(es.contains(&format!("**Paciente: Ana** \u{b7} Archivo de respuestas: {}", file.display())));
}

#[test]
fn an_unlabelled_markdown_report_from_standard_input_has_no_label_line() {
    let text = std::fs::read_to_string(fixture("vignettes/p05.json")).expect("vignette");
    let run = backscreen_env(&["--lang", "en", "evaluate", "--format", "markdown", "-"], &text, &[]);
    run.assert_ok();
    assert!(!run.stdout.contains("Patient") && !run.stdout.contains("Answers file"), "{}", run.stdout);
}

#[test]
fn the_text_result_says_whose_it_is_first_and_keeps_the_terminal_safe() {
    let file = fixture("vignettes/p05.json");
    let out = evaluate("en", "text", &["--patient", "Ana\u{1b}[2J Ruiz"], &file);
    let mut lines = out.lines();
    let first = lines.next().expect("a first line");
    assert!(first.starts_with("Patient: Ana") && first.ends_with("Ruiz"), "{first}");
    assert!(!out.contains('\u{1b}'), "an escape sequence from --patient reached the output");
    assert_eq!(lines.next(), Some(format!("Answers file: {}", file.display()).as_str()));

    let es = evaluate("es", "text", &["--patient", "Ana"], &file);
    assert!(es.starts_with("Paciente: Ana\n"), "{es}");
    // Without a label the result starts, as before, with the rules' title.
    let plain = evaluate("en", "text", &[], &file);
    assert!(plain.starts_with("Low back pain self-screening\n"), "{plain}");
}

/// HL7's schema for a QuestionnaireResponse (its `contained` resources go through the whole schema).
fn assert_valid_response(resource: &Value) {
    let text = std::fs::read_to_string(fixture("fixtures/fhir/fhir.schema.json")).expect("schema fixture");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    let wrapper = json!({
        "$schema": schema["$schema"],
        "$ref": "#/definitions/QuestionnaireResponse",
        "definitions": schema["definitions"],
    });
    let validator = jsonschema::draft6::new(&wrapper).expect("the FHIR schema compiles");
    let errors: Vec<String> =
        validator.iter_errors(resource).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "not FHIR R4:\n{}", errors.join("\n"));
}

#[test]
fn the_fhir_response_and_its_result_have_the_patient_as_their_subject() {
    let file = fixture("vignettes/p02.json");
    let labelled: Value =
        serde_json::from_str(&evaluate("en", "fhir", &["--patient", "Ana \u{7} Ruiz\u{a0}0042"], &file))
            .expect("JSON");
    // Sanitised as every FHIR string is: a control character is U+FFFD, a no-break space a space.
    let display = "Ana \u{FFFD} Ruiz 0042";
    assert_eq!(labelled["subject"], json!({ "display": display }));
    assert_eq!(labelled["contained"][0]["subject"], json!({ "display": display }));
    assert_valid_response(&labelled);

    let unlabelled: Value = serde_json::from_str(&evaluate("en", "fhir", &[], &file)).expect("JSON");
    assert!(unlabelled.get("subject").is_none());
    assert_eq!(unlabelled["contained"][0]["subject"], json!({ "display": "the person screened" }));
    let blank: Value =
        serde_json::from_str(&evaluate("en", "fhir", &["--patient", "  "], &file)).expect("JSON");
    assert!(blank.get("subject").is_none(), "a blank label is no subject");
}

// --- Only the answers that made a flag fire ---

#[test]
fn a_ticked_answer_the_flag_reads_but_that_did_not_make_it_fire_is_not_marked() {
    // c01: "standing or leaning back" makes the stress-fracture flag fire; "training",
    // ticked in the same list, is read by the flag but plays no part.
    let rules = built_in(Lang::En);
    let file = vignette(&rules, "c01");
    assert_eq!(
        file.answers.get("worse_with"),
        Some(&AnswerValue::Choices(vec!["standing_leaning_back".into(), "training".into()]))
    );
    let outcome = engine::evaluate(&rules, &file.answers);
    let flag = outcome.triage.red_flags.iter().find(|f| f.id == "stress_fracture").expect("it fires");
    let worse = flag.triggered_by.iter().find(|a| a.question == "worse_with").expect("worse_with counted");
    assert_eq!(worse.answer, AnswerValue::Choices(vec!["standing_leaning_back".into()]));
    assert_eq!(worse.answer_text, "Standing for a long time, or leaning backwards");

    let report = report::build(&rules, &file, &outcome);
    let row = report.red_flag_screen.iter().find(|r| r.question_id == "worse_with").expect("a screen row");
    assert!(row.flagged);
    assert_eq!(row.flagged_choices, vec!["Standing for a long time, or leaning backwards".to_string()]);
    assert!(to_markdown(&report).contains(
        "| Standing for a long time, or leaning backwards; Running, riding or training, during or after \
         (red flag: **Standing for a long time, or leaning backwards**) |"
    ));
    // A list whose every ticked answer counted is marked whole, as before.
    let sport = report.red_flag_screen.iter().find(|r| r.question_id == "activities").expect("a row");
    assert!(sport.flagged && sport.flagged_choices.is_empty());

    // The HTML report marks the one answer, not the row: on screen and in print.
    let html = evaluate("en", "html", &[], &fixture("vignettes/c01.json"));
    let marked = "<strong>Standing for a long time, or leaning backwards</strong> <span class=\"tag\">&#9650;\
                  <span class=\"scr\"> red flag</span></span>; Running, riding or training, during or after";
    assert_eq!(html.matches(marked).count(), 2, "the screen table and the printed list");
    assert!(html.contains("<tr class=\"flagged part\"><td>What makes your back pain worse?"), "{html}");

    // The text result's "because you answered" lines say the same.
    let text = evaluate("en", "text", &[], &fixture("vignettes/c01.json"));
    assert!(text.contains(
        "because you answered \"What makes your back pain worse? Choose all that apply.\" -> \
         Standing for a long time, or leaning backwards\n"
    ));
    assert!(!text.contains("Running, riding or training"), "{text}");
}

#[test]
fn every_part_of_an_any_that_holds_made_the_flag_fire_not_only_the_first() {
    // p08: the aneurysm flag holds through a pulsing belly, through feeling faint, and through
    // belly pain with pain at 9: the pain score is one of the reasons.
    let rules = built_in(Lang::En);
    let file = vignette(&rules, "p08");
    let outcome = engine::evaluate(&rules, &file.answers);
    let flag = outcome.triage.red_flags.iter().find(|f| f.id == "aortic_aneurysm").expect("it fires");
    let by: Vec<&str> = flag.triggered_by.iter().map(|a| a.question.as_str()).collect();
    assert_eq!(by, ["sudden_onset", "aaa_signs", "pain_now"]);
}

#[test]
fn under_a_not_the_answers_that_do_not_hold_are_the_ones_that_made_it_fire() {
    let text = std::fs::read_to_string(fixture("fixtures/rules/minimal.json")).expect("minimal rules");
    // "Older with severe pain" becomes: aged 50 or more, and pain not at 2 or less.
    let text = text.replace(
        r#""when": { "score": "worry", "at_least": 2 }"#,
        r#""when": { "all": [ { "answer": "age", "at_least": 50 }, { "not": { "answer": "pain", "at_most": 2 } } ] }"#,
    );
    let rules = rules::parse(&text, "not.json").expect("the changed rules are valid");
    let file = answers::from_value(
        json!({ "answers": { "saddle": false, "weak": "none", "age": 60, "pain": 5, "sitting": 2 } }),
        &rules,
    )
    .expect("answers fit");
    let outcome = engine::evaluate(&rules, &file.answers);
    let flag = outcome.triage.red_flags.iter().find(|f| f.id == "older_severe").expect("it fires");
    let by: Vec<(&str, &AnswerValue)> =
        flag.triggered_by.iter().map(|a| (a.question.as_str(), &a.answer)).collect();
    assert_eq!(by, [("age", &AnswerValue::Number(60)), ("pain", &AnswerValue::Number(5))]);
}

// --- Dates ---

#[test]
fn a_saved_time_reads_as_a_local_date_with_the_month_named_and_the_utc_kept() {
    let madrid_winter = TimeZone::fixed(offset(1));
    let at = SavedAt::read("2026-11-24T13:05:09Z", &madrid_winter, Lang::En).expect("a date");
    assert_eq!(at.local, "24 November 2026, 14:05");
    assert_eq!(at.utc, "2026-11-24 13:05:09 UTC");
    let es = SavedAt::read("2026-11-24T13:05:09Z", &madrid_winter, Lang::Es).expect("a date");
    assert_eq!(es.local, "24 de noviembre de 2026, 14:05");

    // Another offset in the file is the same moment; the local day may be another day.
    let new_york = TimeZone::fixed(offset(-5));
    let late = SavedAt::read("2027-01-01T01:30:00+01:00", &new_york, Lang::En).expect("a date");
    assert_eq!(
        (late.local.as_str(), late.utc.as_str()),
        ("31 December 2026, 19:30", "2027-01-01 00:30:00 UTC")
    );
    let months: Vec<String> = (1..=12)
        .map(|m| {
            SavedAt::read(&format!("2026-{m:02}-15T12:00:00Z"), &TimeZone::UTC, Lang::Es).expect("a date")
        })
        .map(|at| at.local)
        .collect();
    assert_eq!(months[0], "15 de enero de 2026, 12:00");
    assert_eq!(months[8], "15 de septiembre de 2026, 12:00");
    assert_eq!(SavedAt::read("last Tuesday", &TimeZone::UTC, Lang::En), None);
}

#[test]
fn the_markdown_report_shows_the_saved_time_in_the_machines_time_zone_with_the_utc() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = answers_file(&dir, "saved.json", json!({ "answers": {}, "saved_at": "2026-11-24T13:05:09Z" }));
    let run = |tz: &str| {
        let args = ["--lang", "en", "evaluate", "--format", "markdown", path.to_str().expect("utf-8")];
        let run = backscreen_env(&args, "", &[("TZ", tz)]);
        run.assert_ok();
        run.stdout
    };
    let utc = run("UTC");
    assert!(
        utc.contains("Answers saved: 24 November 2026, 13:05 (2026-11-24 13:05:09 UTC) \u{b7} Status"),
        "{utc}"
    );
    assert!(utc.contains("- Answers saved: 24 November 2026, 13:05 (2026-11-24 13:05:09 UTC)\n"));
    // A POSIX TZ string needs no time zone database: five hours behind UTC.
    let east = run("EST5");
    assert!(east.contains("Answers saved: 24 November 2026, 08:05 (2026-11-24 13:05:09 UTC)"), "{east}");
}

// --- Units ---

#[test]
fn one_of_a_unit_is_singular_and_more_are_plural_in_both_languages() {
    for (lang, one, two, hour) in [
        (Lang::En, "1 week", "2 weeks", "1 hour a day"),
        (Lang::Es, "1 semana", "2 semanas", "1 hora al día"),
    ] {
        let rules = built_in(lang);
        let say = |q: &str, n: i64| answer_text(&rules, q, &AnswerValue::Number(n));
        assert_eq!((say("duration_weeks", 1), say("duration_weeks", 2)), (one.into(), two.into()));
        assert_eq!(say("sitting_hours", 1), hour);
        assert_eq!(say("duration_weeks", 0), two.replace('2', "0"));
    }
}

#[test]
fn every_number_question_with_a_unit_in_the_built_in_rules_has_its_singular_in_every_language() {
    let rules = rules::load(None).expect("built-in rules");
    let mut seen = 0;
    for q in &rules.questions {
        if let QuestionKind::Number { unit: Some(_), unit_one, .. } = &q.kind {
            seen += 1;
            let one = unit_one.as_ref().unwrap_or_else(|| panic!("`{}` has a unit but no unit_one", q.id));
            for lang in [Lang::En, Lang::Es] {
                let mut shown = rules.clone();
                assert!(shown.show_in(lang));
                assert!(!shown.t(one).is_empty(), "`{}` has no {} unit_one", q.id, lang.code());
            }
        }
    }
    assert!(seen >= 3, "age, duration and sitting hours have units");
}

#[test]
fn a_unit_one_needs_a_unit_and_a_number_question() {
    let text = std::fs::read_to_string(fixture("fixtures/rules/minimal.json")).expect("minimal rules");
    let without_unit = text.replace(r#""max": 24,"#, r#""max": 24, "unit_one": "hour a day","#);
    let err = rules::parse(&without_unit, "x.json").expect_err("unit_one without unit").to_string();
    assert!(err.contains("`unit_one` is the singular of `unit`"), "{err}");
    let on_yes_no = text.replace(
        r#""text": "Numb between the legs?" }"#,
        r#""text": "Numb between the legs?", "unit_one": "x" }"#,
    );
    let err = rules::parse(&on_yes_no, "x.json").expect_err("unit_one on yes_no").to_string();
    assert!(err.contains("a `yes_no` question takes no `unit_one`"), "{err}");
    let fine = text.replace(r#""unit": "years" }"#, r#""unit": "years", "unit_one": "year" }"#);
    let rules = rules::parse(&fine, "x.json").expect("unit_one with a unit is valid");
    assert_eq!(answer_text(&rules, "age", &AnswerValue::Number(1)), "1 year");
}

// --- Rows that say what they are about ---

#[test]
fn no_two_rows_of_the_red_flag_screen_or_the_answers_read_the_same() {
    for lang in [Lang::En, Lang::Es] {
        let rules = built_in(lang);
        for id in ["p05", "c01", "p02"] {
            let report = report_of(&rules, &vignette(&rules, id));
            let screen: Vec<&str> = report.red_flag_screen.iter().map(|r| r.question.as_str()).collect();
            let unique: HashSet<&&str> = screen.iter().collect();
            assert_eq!(unique.len(), screen.len(), "{id} ({}): two screen rows read the same", lang.code());
            let mut answers: HashMap<&str, usize> = HashMap::new();
            for row in report.answers.iter().flat_map(|g| &g.rows) {
                *answers.entry(row.question.as_str()).or_default() += 1;
            }
            assert!(answers.values().all(|&n| n == 1), "{id}: two answer rows read the same");
        }
    }
    let en = report_of(&built_in(Lang::En), &vignette(&built_in(Lang::En), "p05"));
    let row =
        |id: &str| en.red_flag_screen.iter().find(|r| r.question_id == id).expect("row").question.clone();
    assert_eq!(row("bone_health"), "Bone health: Do any of these apply to you?");
    assert_eq!(row("infection_risk"), "Risk of a spine infection: Do any of these apply to you?");
    let es = report_of(&built_in(Lang::Es), &vignette(&built_in(Lang::Es), "p05"));
    let bone = es.red_flag_screen.iter().find(|r| r.question_id == "bone_health").expect("row");
    assert_eq!(bone.question, "Salud de los huesos: ¿Se aplica a su caso alguna de estas cosas?");
}

#[test]
fn a_fired_flag_names_its_question_by_topic_in_the_report() {
    let rules = built_in(Lang::En);
    let report = report_of(&rules, &vignette(&rules, "p02"));
    let flag = report
        .triage
        .red_flags
        .iter()
        .find(|f| f.name == "Risk factor for spinal infection")
        .expect("a flag");
    let why: Vec<&str> = flag.triggered_by.iter().map(|(q, _)| q.as_str()).collect();
    assert!(why.iter().any(|q| q.starts_with("Risk of a spine infection: ")), "{why:?}");
}
