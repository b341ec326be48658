//! A rules file in several languages: `translations` declares them, every text must
//! carry each, and `--lang` (or the locale) chooses the one shown.

mod common;
use common::{backscreen, backscreen_env, fixture};

const SADDLE: &str = r#"{"answers": {"saddle": true}}"#;

fn path(rel: &str) -> String {
    fixture(rel).to_str().expect("utf-8").to_string()
}

#[test]
fn a_file_that_declares_a_language_and_lacks_it_in_a_text_is_refused_at_that_path() {
    let run = backscreen(&["rules", "check", &path("fixtures/rules/translation-missing.json")], "");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("questions[2].text: has no `es` text, which `translations` declares"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("questions[3].unit: is in one language only, but `translations` declares `es` too"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_file_with_every_text_in_each_declared_language_passes_the_check() {
    backscreen(&["rules", "check", &path("fixtures/rules/translated.json")], "").assert_ok();
}

#[test]
fn lang_chooses_the_language_of_the_rules_texts() {
    let rules = path("fixtures/rules/translated.json");
    let es = backscreen(&["--lang", "es", "evaluate", "--rules", &rules, "-"], SADDLE);
    es.assert_ok();
    assert!(es.stdout.contains("[es] "), "{}", es.stdout);
    let en = backscreen(&["evaluate", "--rules", &rules, "--lang", "en", "-"], SADDLE);
    en.assert_ok();
    assert!(!en.stdout.contains("[es] "), "{}", en.stdout);
}

#[test]
fn the_locale_chooses_the_language_when_lang_is_not_given() {
    let rules = path("fixtures/rules/translated.json");
    let args = ["evaluate", "--rules", &rules, "-"];
    let es = backscreen_env(&args, SADDLE, &[("LANG", "es_ES.UTF-8")]);
    assert!(es.stdout.contains("[es] "), "{}", es.stdout);
    let en = backscreen_env(&args, SADDLE, &[("LANG", "es_ES.UTF-8"), ("LC_ALL", "en_GB.UTF-8")]);
    assert!(!en.stdout.contains("[es] "), "LC_ALL comes first: {}", en.stdout);
    let other = backscreen_env(&args, SADDLE, &[("LANG", "de_DE.UTF-8")]);
    assert!(!other.stdout.contains("[es] "), "English when nothing matches: {}", other.stdout);
}

#[test]
fn asking_for_a_language_the_rules_lack_warns_and_shows_their_own() {
    let run = backscreen(
        &["--lang", "es", "evaluate", "--rules", &path("fixtures/rules/minimal.json"), "-"],
        SADDLE,
    );
    run.assert_ok();
    assert!(run.stderr.contains("these rules have no `es` text; showing them in `en`"), "{}", run.stderr);
    assert!(
        run.stdout.contains("Numb between the legs?") || run.stdout.contains("EMERGENCY"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_translation_must_name_a_known_language_other_than_the_files_own() {
    let text = std::fs::read_to_string(fixture("fixtures/rules/translated.json")).expect("fixture");
    let dir = tempfile::tempdir().expect("temp dir");
    for (from, to, says) in [
        (
            r#""translations": {
    "es""#,
            r#""translations": {
    "fr""#,
            "translations.fr: unknown language `fr`",
        ),
        (
            r#""translations": {
    "es""#,
            r#""translations": {
    "en""#,
            "translations.en: `en` is the file's own language",
        ),
    ] {
        let broken = text.replacen(from, to, 1);
        assert_ne!(broken, text, "the fixture has the text to replace");
        let file = dir.path().join("rules.json");
        std::fs::write(&file, broken).expect("write");
        let run = backscreen(&["rules", "check", file.to_str().expect("utf-8")], "");
        assert_eq!(run.code, 1);
        assert!(run.stderr.contains(says), "{}", run.stderr);
    }
}

#[test]
fn a_translation_not_yet_reviewed_by_a_clinician_says_so_after_the_disclaimer_everywhere() {
    let file = path("vignettes/p01.json");
    let notice = "Esta traducción aún no la ha revisado un profesional de la salud.";
    for format in ["text", "json", "markdown", "html", "fhir"] {
        let es = backscreen(&["--lang", "es", "evaluate", "--format", format, &file], "");
        es.assert_ok();
        assert!(es.stdout.contains(notice), "{format}: {}", es.stdout);
        // English is the file's own language: nothing to say.
        let en = backscreen(&["--lang", "en", "evaluate", "--format", format, &file], "");
        assert!(!en.stdout.contains("has not yet been reviewed"), "{format}");
    }
}
