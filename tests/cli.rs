//! The command line as a user meets it: exit codes, colour, stdin, output shapes.

mod common;

use common::{backscreen, backscreen_env, fixture};

fn p(rel: &str) -> String {
    fixture(rel).to_str().expect("utf-8 path").to_string()
}

#[test]
fn an_emergency_result_still_exits_0() {
    let run = backscreen(&["evaluate", &p("vignettes/p13.json")], "");
    run.assert_ok();
    assert!(run.stdout.contains("EMERGENCY"));
}

#[test]
fn help_documents_the_exit_codes() {
    let run = backscreen(&["--help"], "");
    run.assert_ok();
    for line in ["0    success", "1    invalid input", "2    usage error", "130  screening cancelled"] {
        assert!(run.stdout.contains(line), "--help lacks `{line}`:\n{}", run.stdout);
    }
}

#[test]
fn an_unknown_flag_is_a_usage_error_with_exit_2() {
    let run = backscreen(&["evaluate", "--frobnicate", "x.json"], "");
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn answers_can_come_from_stdin() {
    let answers = std::fs::read_to_string(fixture("vignettes/p03.json")).expect("fixture");
    let run = backscreen(&["evaluate", "--format", "json", "-"], &answers);
    run.assert_ok();
    assert_eq!(run.json()["triage"]["level"], "self_care");
}

#[test]
fn json_output_has_the_stable_keys() {
    let run = backscreen(&["evaluate", "--format", "json", &p("vignettes/p10.json")], "");
    let v = run.json();
    assert_eq!(v["rules"]["id"], "low-back");
    assert!(v["rules"]["version"].is_string());
    assert_eq!(v["triage"]["level"], "urgent");
    let flag = &v["triage"]["red_flags"][0];
    for key in ["id", "level", "message"] {
        assert!(flag[key].is_string(), "red_flags[].{key}");
    }
    assert!(v["triage"]["not_screened"].is_array());
    let cause = &v["causes"][0];
    assert!(cause["id"].is_string() && cause["name"].is_string() && cause["score"].is_i64());
    assert!(cause["evidence"].is_array());
    assert!(v["art"]["may_fit"].is_boolean() && v["art"]["reasons"].is_array());
    assert!(v["rehab"]["may_fit"].is_boolean() && v["rehab"]["focus"].is_array());
}

#[test]
fn text_output_puts_triage_first_then_causes_art_rehab_next_steps_and_disclaimer() {
    let run = backscreen(&["evaluate", &p("vignettes/p03.json")], "");
    let out = &run.stdout;
    let at = |needle: &str| out.find(needle).unwrap_or_else(|| panic!("no `{needle}` in:\n{out}"));
    let order = [
        at("SELF-CARE"),
        at("What your answers point to"),
        at("Active Release"),
        at("Next steps"),
        at("Disclaimer: This is a screening aid, not a diagnosis"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "sections out of order:\n{out}");
}

#[test]
fn piped_output_has_no_colour_by_default() {
    let run = backscreen(&["evaluate", &p("vignettes/p13.json")], "");
    assert!(!run.stdout.contains('\u{1b}'));
}

#[test]
fn color_always_colours_and_no_color_or_color_never_do_not() {
    let always = backscreen(&["evaluate", "--color", "always", &p("vignettes/p13.json")], "");
    assert!(always.stdout.contains("\u{1b}["));
    let never = backscreen(&["evaluate", "--color", "never", &p("vignettes/p13.json")], "");
    assert!(!never.stdout.contains('\u{1b}'));
    let no_color = backscreen_env(&["evaluate", &p("vignettes/p13.json")], "", &[("NO_COLOR", "1")]);
    assert!(!no_color.stdout.contains('\u{1b}'));
}

#[test]
fn escape_sequences_in_rules_text_are_neutralised_in_the_output() {
    let rules = std::fs::read_to_string(fixture("fixtures/rules/minimal.json"))
        .expect("fixture")
        .replace("Go to an emergency department now.", "Go now.\\u001b[2J\\u001b]0;pwned\\u0007");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rules.json");
    std::fs::write(&path, rules).expect("write");
    let run = backscreen(
        &["evaluate", "--color", "never", "--rules", path.to_str().expect("utf-8"), "-"],
        r#"{"answers": {"saddle": true}}"#,
    );
    run.assert_ok();
    assert!(run.stdout.contains("Go now."), "{}", run.stdout);
    assert!(!run.stdout.contains('\u{1b}') && !run.stdout.contains('\u{7}'), "{:?}", run.stdout);
}

#[test]
fn answers_saved_for_another_rules_version_evaluate_with_a_warning() {
    let run = backscreen(
        &["evaluate", "-"],
        r#"{"rules": {"id": "low-back", "version": "0.0.1"}, "answers": {"saddle_numbness": false}}"#,
    );
    run.assert_ok();
    assert!(run.stderr.contains("warning") && run.stderr.contains("0.0.1"), "{}", run.stderr);
}

/// Runs `backscreen args...` with standard output a pipe whose reader is already gone, so
/// the first write fails (the reader leaving after the start would race the write).
/// Returns the exit code and standard error.
#[track_caller]
fn with_stdout_closed(args: &[&str]) -> (Option<i32>, String) {
    use std::process::{Command, Stdio};
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_backscreen"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .args(args)
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .expect("runs");
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_closed_pipe_is_not_reported_as_an_error() {
    // `backscreen evaluate x | head -0`: nothing on stderr, no panic, and the exit code of
    // an I/O error (README, Exit codes: 1), not a crash (101) or a death by SIGPIPE (none).
    let p02 = p("vignettes/p02.json");
    for args in [
        vec!["evaluate", "--format", "json", &p02],
        vec!["evaluate", &p02],
        vec!["interview", "--replay", &p02],
        vec!["rules", "export"],
    ] {
        let (code, stderr) = with_stdout_closed(&args);
        assert_eq!(stderr, "", "{args:?}: a closed pipe is quiet");
        assert_eq!(code, Some(1), "{args:?}: exit code of an I/O error");
    }
}

#[test]
fn a_closed_pipe_after_rules_check_is_not_reported_as_an_error() {
    let (code, stderr) = with_stdout_closed(&["rules", "check"]);
    assert_eq!(stderr, "", "a closed pipe is quiet");
    assert_eq!(code, Some(1), "exit code of an I/O error");
}

#[test]
fn escape_sequences_in_a_bad_answers_file_do_not_reach_the_terminal_through_the_error() {
    let run = backscreen(&["evaluate", "-"], "{\"answers\": {\"\\u001b[31mred\\u001b[0m\": true}}");
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("no question has the id"), "{}", run.stderr);
    assert!(!run.stderr.contains('\u{1b}'), "{:?}", run.stderr);
}

#[test]
fn the_html_report_is_written_owner_only_and_not_overwritten_without_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("report.html");
    let o = out.to_str().expect("utf-8");
    backscreen(&["evaluate", "--format", "html", "-o", o, &p("vignettes/p13.json")], "").assert_ok();
    let html = std::fs::read_to_string(&out).expect("written");
    assert!(html.starts_with("<!doctype html>") || html.starts_with("<!DOCTYPE html>"), "{}", &html[..40]);
    assert!(html.contains("Emergency") && !html.contains("<script"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&out).expect("exists").permissions().mode() & 0o777, 0o600);
    }
    let again = backscreen(&["evaluate", "--format", "html", "-o", o, &p("vignettes/p13.json")], "");
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
}

#[test]
fn the_markdown_report_starts_with_the_triage() {
    let run = backscreen(&["evaluate", "--format", "markdown", &p("vignettes/p10.json")], "");
    run.assert_ok();
    let triage = run.stdout.find("Urgent").or_else(|| run.stdout.find("URGENT")).expect("triage named");
    let causes = run.stdout.find("Lumbar disc").expect("causes listed");
    assert!(triage < causes, "{}", run.stdout);
}

#[test]
fn fhir_export_and_response_come_out_of_the_binary_and_link_up() {
    let q = backscreen(&["rules", "export", "--format", "fhir"], "");
    q.assert_ok();
    let questionnaire = q.json();
    assert_eq!(questionnaire["resourceType"], "Questionnaire");
    let r = backscreen(&["evaluate", "--format", "fhir", &p("vignettes/p01.json")], "");
    r.assert_ok();
    let response = r.json();
    assert_eq!(response["resourceType"], "QuestionnaireResponse");
    let canonical = format!(
        "{}|{}",
        questionnaire["url"].as_str().expect("url"),
        questionnaire["version"].as_str().expect("version")
    );
    assert_eq!(response["questionnaire"], canonical.as_str());
}

/// Runs backscreen with stdout or stderr on /dev/full, where every write fails (ENOSPC).
#[cfg(target_os = "linux")]
fn with_a_full_disk(args: &[&str], on_stderr: bool) -> std::process::Output {
    let full = || std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_backscreen"));
    // The language comes from --lang in tests, never from the developer's locale.
    cmd.env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("LANG");
    cmd.args(args).env("TERM", "dumb").stdin(std::process::Stdio::null());
    if on_stderr {
        cmd.stderr(full()).stdout(std::process::Stdio::piped());
    } else {
        cmd.stdout(full()).stderr(std::process::Stdio::piped());
    }
    cmd.output().expect("runs")
}

#[cfg(target_os = "linux")]
#[test]
fn output_that_cannot_be_written_exits_1_with_a_message_and_never_panics() {
    for args in [vec!["rules", "check"], vec!["evaluate", "tests/vignettes/p01.json"]] {
        let out = with_a_full_disk(&args, false);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("writing the result"), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_stderr_does_not_turn_an_error_into_a_panic() {
    let out = with_a_full_disk(&["evaluate", "no-such-file.json"], true);
    assert_eq!(out.status.code(), Some(1), "exit 1 for the missing file, not 101 for the message");
}
