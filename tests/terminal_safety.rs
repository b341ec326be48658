//! Nothing from a file drives the terminal: text, ids, keys and versions taken from a rules
//! or answers file reach stdout and stderr with no escape sequence, no bidirectional control,
//! one line where one line is meant, and a bounded length. (The bad-input catalogue,
//! `tests/bad_input.rs`, holds the same to every error message.)

mod common;

use common::{backscreen, fixture};

/// Characters that reorder the text around them (Trojan Source, CVE-2021-42574).
const BIDI: &[char] = &[
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
];

/// What in `text` could drive a terminal: control characters other than newline, and bidi controls.
#[track_caller]
fn assert_inert(what: &str, text: &str) {
    let bad = text.chars().find(|&c| (c.is_control() && c != '\n') || BIDI.contains(&c));
    assert!(bad.is_none(), "{what} holds U+{:04X}: {text:?}", bad.map_or(0, |c| c as u32));
}

fn minimal_rules() -> String {
    std::fs::read_to_string(fixture("fixtures/rules/minimal.json")).expect("the minimal rules fixture")
}

#[test]
fn the_version_warning_quotes_a_hostile_saved_version_on_one_short_line() {
    let version = format!("0.9\nbackscreen: all clear\u{1b}[2J\u{202e}{}", "x".repeat(10_000));
    let answers = serde_json::json!({
        "rules": { "id": "low-back", "version": version },
        "answers": { "saddle_numbness": false },
    });
    let run = backscreen(&["evaluate", "--color", "never", "-"], &answers.to_string());
    run.assert_ok();
    assert_inert("stderr", &run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one warning line: {:?}", run.stderr);
    assert!(
        lines[0].starts_with("backscreen: warning: these answers were saved with rules version 0.9"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("0.9\\nbackscreen: all clear\\u{1b}[2J\\u{202e}x"), "{}", lines[0]);
    assert!(lines[0].chars().count() < 200, "{} characters: {}", lines[0].chars().count(), lines[0]);
}

#[test]
fn bidi_controls_in_rules_text_are_neutralised_in_the_output() {
    let rules = minimal_rules().replace(
        "\"Possible cauda equina syndrome\"",
        "\"Possible \\u202ecauda\\u202c equina \\u2067syndrome\\u2069\\u200f\"",
    );
    assert_ne!(rules, minimal_rules(), "minimal.json no longer names the saddle red flag");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("rules.json");
    std::fs::write(&path, rules).expect("writing the rules");
    let run = backscreen(
        &["evaluate", "--color", "never", "--rules", path.to_str().expect("a UTF-8 path"), "-"],
        r#"{"answers": {"saddle": true}}"#,
    );
    run.assert_ok();
    assert!(run.stdout.contains("Possible"), "{}", run.stdout);
    assert_inert("stdout", &run.stdout);
    assert_inert("stderr", &run.stderr);
}

#[test]
fn a_batch_file_name_starting_with_tab_or_carriage_return_is_no_formula_in_the_csv() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let good = r#"{"answers": {"saddle_numbness": false}}"#;
    for name in ["\t=1+2.json", "\r=1+2.json"] {
        std::fs::write(dir.path().join(name), good).expect("writing an answers file");
    }
    // Relative names, so that the character comes first in the `file` cell.
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_backscreen"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .args(["evaluate", "--format", "csv", "\t=1+2.json", "\r=1+2.json"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("backscreen runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let rows: Vec<&str> = stdout.split('\n').filter(|r| !r.is_empty()).collect();
    assert!(rows.iter().any(|r| r.starts_with("'\t=1+2.json,true,")), "{stdout:?}");
    assert!(rows.iter().any(|r| r.starts_with("\"'\r=1+2.json\",true,")), "{stdout:?}");
}
