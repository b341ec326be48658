//! `rules check` proves what the red flags of a rules file promise (see "What `rules
//! check` proves" in rules/README.md): a file that breaks a promise is refused, with the
//! answers that show it.

mod common;

use backscreen::condition::Truth;
use backscreen::decision::decide;
use backscreen::value::{AnswerValue, Answers};
use backscreen::{answers, rules};
use common::{backscreen, fixture};

fn path(name: &str) -> String {
    fixture(&format!("fixtures/rules/{name}")).to_str().expect("utf-8 path").to_string()
}

#[test]
fn rules_check_says_in_one_line_what_it_proved_about_the_built_in_rules() {
    let run = backscreen(&["rules", "check"], "");
    run.assert_ok();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(lines[0].starts_with("ok: "), "{}", run.stdout);
    let red_flags = rules::load(None).expect("built-in").red_flags.len();
    assert!(
        lines[1]
            .starts_with(&format!("proved: coverage, monotone, reachable, stops ({red_flags} red flags, ")),
        "{}",
        run.stdout
    );
}

#[test]
fn a_red_flag_that_a_yes_could_switch_off_is_refused_with_answers_that_show_it() {
    let file = path("reversed-red-flag.json");
    let run = backscreen(&["rules", "check", &file], "");
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "the problem and its counterexample, a line each: {}", run.stderr);
    assert!(
        lines[0].ends_with(
            "red_flags[4].when.all[1].equals: red flag `weak_not_worse` could be switched off by answering \
             yes to `worse`; a red flag may only look for a yes, a ticked choice or a score reaching up \
             (ask about what raises concern, not about its absence)"
        ),
        "{}",
        lines[0]
    );
    // The counterexample is an answers file, on one line: it fires the flag, and the yes
    // switches it off.
    let json = &lines[1][lines[1].find('{').expect("answers")..lines[1].rfind('}').expect("end") + 1];
    let (rules, _) = rules::load_for_check(Some(std::path::Path::new(&file))).expect("otherwise valid");
    let answers: Answers = answers::parse(json, "counterexample", &rules).expect("an answers file").answers;
    let flag = rules.red_flags.iter().position(|f| f.id == "weak_not_worse").expect("flag");
    assert_eq!(decide(&rules, &answers).flags[flag], Truth::True, "fires on {json}");
    let mut yes = answers.clone();
    yes.insert("worse".into(), AnswerValue::Bool(true));
    assert_ne!(decide(&rules, &yes).flags[flag], Truth::True, "the yes switches it off");
}

#[test]
fn evaluate_and_the_interview_refuse_a_red_flag_a_yes_could_switch_off_too() {
    let file = path("reversed-red-flag.json");
    let answers = fixture("vignettes/p01.json");
    for args in [
        vec!["evaluate", "--rules", &file, answers.to_str().expect("utf-8")],
        vec!["interview", "--rules", &file, "--replay", answers.to_str().expect("utf-8")],
    ] {
        let run = backscreen(&args, "");
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("could be switched off by answering yes to `worse`"), "{}", run.stderr);
    }
}

#[test]
fn a_red_flag_that_can_never_fire_is_refused() {
    let run = backscreen(&["rules", "check", &path("unreachable-red-flag.json")], "");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.trim_end().ends_with(
            "red_flags[4].when: red flag `both_and_one` can never fire: no answers make this condition true"
        ),
        "{}",
        run.stderr
    );
}
