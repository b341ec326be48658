//! The engine's behaviour on a small rules file: triage, not-screened, causes, recommendations.

use backscreen::answers::{AnswerValue, Answers};
use backscreen::engine::{Outcome, evaluate};
use backscreen::rules::{self, Level, Rules};

fn minimal() -> Rules {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rules/minimal.json"))
            .expect("fixture exists");
    rules::parse(&text, "minimal.json").expect("the minimal fixture is valid")
}

fn run(pairs: &[(&str, AnswerValue)]) -> Outcome {
    let answers: Answers = pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
    evaluate(&minimal(), &answers)
}

use AnswerValue::{Bool, Choice, Choices, Number};

fn safe_answers() -> Vec<(&'static str, AnswerValue)> {
    vec![("saddle", Bool(false)), ("weak", Choice("none".into())), ("age", Number(30)), ("pain", Number(3))]
}

#[test]
fn no_red_flag_means_self_care() {
    let o = run(&safe_answers());
    assert_eq!(o.triage.level, Level::SelfCare);
    assert!(o.triage.red_flags.is_empty());
}

#[test]
fn one_emergency_answer_makes_the_triage_an_emergency_whatever_else_is_said() {
    let mut answers = safe_answers();
    answers[0] = ("saddle", Bool(true));
    answers.push(("sitting", Number(10)));
    let o = run(&answers);
    assert_eq!(o.triage.level, Level::Emergency);
    assert_eq!(o.triage.red_flags[0].id, "saddle");
    assert_eq!(o.triage.red_flags[0].triggered_by[0].question, "saddle");
    assert_eq!(o.triage.red_flags[0].triggered_by[0].answer_text, "Yes");
}

#[test]
fn red_flags_are_listed_most_urgent_first() {
    let o = run(&[("saddle", Bool(true)), ("weak", Choice("one".into())), ("worse", Bool(true))]);
    let levels: Vec<Level> = o.triage.red_flags.iter().map(|f| f.level).collect();
    assert_eq!(levels, vec![Level::Emergency, Level::Urgent]);
}

#[test]
fn unanswered_red_flag_questions_are_listed_as_not_screened() {
    let o = run(&[("weak", Choice("one".into()))]);
    let ids: Vec<&str> = o.triage.not_screened.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, vec!["saddle", "worse", "age", "pain"]);
}

#[test]
fn a_drill_down_ruled_out_by_its_opening_question_is_not_listed_as_not_screened() {
    let o = run(&safe_answers());
    assert!(o.triage.not_screened.is_empty(), "{:?}", o.triage.not_screened);
}

#[test]
fn a_score_red_flag_fires_only_when_its_threshold_is_reached() {
    let mut answers = safe_answers();
    answers[2] = ("age", Number(60));
    assert_eq!(run(&answers).triage.level, Level::SelfCare);
    answers[3] = ("pain", Number(8));
    let o = run(&answers);
    assert_eq!(o.triage.level, Level::Soon);
    let by: Vec<&str> = o.triage.red_flags[0].triggered_by.iter().map(|a| a.question.as_str()).collect();
    assert_eq!(by, vec!["age", "pain"], "a score's red flag names the answers that counted");
}

#[test]
fn a_score_is_reported_with_whether_unanswered_items_could_still_change_it() {
    let o = run(&[("age", Number(60))]);
    assert_eq!((o.scores[0].value, o.scores[0].complete), (1, false));
    let o = run(&[("age", Number(60)), ("pain", Number(2))]);
    assert_eq!((o.scores[0].value, o.scores[0].complete), (1, true));
}

#[test]
fn causes_are_ranked_by_score_with_their_reasons() {
    let mut answers = safe_answers();
    answers.push(("sitting", Number(8)));
    answers.push(("sports", Choices(vec!["lifting".into()])));
    answers.push(("deadlift_stiff", Bool(true)));
    let o = run(&answers);
    let ranked: Vec<(&str, i64)> = o.causes.iter().map(|c| (c.id.as_str(), c.score)).collect();
    assert_eq!(ranked, vec![("lifting", 3), ("sitting", 2)]);
    assert_eq!(o.causes[0].evidence, vec!["You lift.", "Deadlifts leave you stiff."]);
}

#[test]
fn equal_scores_keep_the_rules_file_order() {
    let mut answers = safe_answers();
    answers.push(("sitting", Number(8)));
    answers.push(("deadlift_stiff", Bool(true)));
    let ids: Vec<String> = run(&answers).causes.into_iter().map(|c| c.id).collect();
    assert_eq!(ids, vec!["sitting", "lifting"]);
}

#[test]
fn a_cause_without_evidence_is_not_listed() {
    let mut answers = safe_answers();
    answers.push(("sitting", Number(2)));
    assert!(run(&answers).causes.is_empty());
}

#[test]
fn art_may_fit_with_a_soft_tissue_driver_and_no_contraindication() {
    let mut answers = safe_answers();
    answers.push(("sitting", Number(8)));
    let o = run(&answers);
    assert!(o.art.may_fit, "{:?}", o.art);
    assert_eq!(o.art.reasons, vec!["A soft-tissue driver is likely."]);
    assert_eq!(o.art.targets.as_deref(), Some(&["Hip flexors".to_string()][..]));
    assert!(o.rehab.may_fit);
    assert_eq!(o.rehab.focus.as_deref(), Some(&["Postural retraining".to_string()][..]));
}

#[test]
fn a_contraindication_rules_art_out_with_its_reason() {
    let mut answers = safe_answers();
    answers[3] = ("pain", Number(9));
    answers.push(("sitting", Number(8)));
    let o = run(&answers);
    assert!(!o.art.may_fit);
    assert_eq!(o.art.reasons_against, vec!["Pain is too severe for hands-on work."]);
    assert_eq!(o.art.targets.as_deref(), Some(&[][..]), "no areas are suggested when ART is ruled out");
}

#[test]
fn an_unanswered_contraindication_never_lets_art_through() {
    let o = run(&[("sitting", Number(8))]);
    assert!(!o.art.may_fit);
    assert!(o.art.reasons_against.iter().any(|r| r.contains("Not yet answered") && r.contains("Pain now")));
}

#[test]
fn an_urgent_red_flag_rules_out_art_and_rehab_for_now() {
    let o = run(&[
        ("saddle", Bool(false)),
        ("weak", Choice("one".into())),
        ("worse", Bool(true)),
        ("sitting", Number(8)),
        ("pain", Number(3)),
    ]);
    assert_eq!(o.triage.level, Level::Urgent);
    assert!(!o.art.may_fit && !o.rehab.may_fit);
    assert_eq!(o.rehab.reasons_against, vec!["A red flag comes first."]);
}

#[test]
fn next_steps_follow_the_triage_level() {
    assert_eq!(run(&[("saddle", Bool(true))]).next_steps, vec!["Go to an emergency department now."]);
    assert!(run(&safe_answers()).next_steps[0].starts_with("Keep moving"));
}

#[test]
fn an_answer_to_a_question_its_ask_if_would_skip_is_still_used() {
    // A clinician's hand-written file may hold more than the interview would ask.
    let o = run(&[
        ("weak", Choice("none".into())),
        ("sports", Choices(vec!["running".into()])),
        ("deadlift_stiff", Bool(true)),
    ]);
    assert!(o.causes.iter().any(|c| c.id == "lifting"));
}

#[test]
fn a_not_sure_answer_leaves_its_red_flag_open_with_what_to_do_never_ruled_out() {
    let mut answers = safe_answers();
    answers[0] = ("saddle", AnswerValue::NotSure);
    let o = run(&answers);
    assert!(o.triage.red_flags.iter().all(|f| f.id != "saddle"), "not sure is not yes");
    let open: Vec<&str> = o.triage.open.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(open, ["saddle"], "not sure is not no either: the flag stays open");
    assert_eq!(o.triage.open[0].not_sure_about[0].answer_text, "Not sure");
    assert!(!o.triage.open[0].message.is_empty(), "the flag's own message says what to do if it applies");
    assert!(o.triage.not_screened.iter().all(|q| q.id != "saddle"), "it was asked");
}

#[test]
fn a_not_sure_contraindication_keeps_a_therapy_off_like_an_unanswered_one() {
    let mut answers = safe_answers();
    answers[3] = ("pain", AnswerValue::NotSure);
    answers.push(("sitting", Number(10)));
    let o = run(&answers);
    assert!(!o.art.may_fit, "{:?}", o.art);
}

#[test]
fn not_sure_about_a_cauda_equina_sign_is_urgent_in_the_built_in_rules() {
    let rules = rules::load(None).expect("built-in rules");
    let mut answers: Answers = Answers::new();
    for q in ["saddle_numbness", "bowel_change", "sexual_change", "gait_change"] {
        answers.insert(q.into(), Bool(false));
    }
    answers.insert("bladder_change".into(), AnswerValue::NotSure);
    let o = evaluate(&rules, &answers);
    assert_eq!(o.triage.level, Level::Urgent);
    assert!(o.triage.red_flags.iter().any(|f| f.id == "cauda_equina_not_sure"));
    assert!(
        o.triage.open.iter().any(|f| f.id == "ces_bladder"),
        "the emergency flag it leaves open is shown too"
    );
}

#[test]
fn not_screened_lists_only_safety_questions_that_could_still_change_a_red_flag() {
    // No weakness: the drill-down `worse` cannot change anything, so it is not "not screened";
    // `age` and `pain` still could (the score behind `older_severe`).
    let o = run(&[("saddle", Bool(false)), ("weak", Choice("none".into()))]);
    let ids: Vec<&str> = o.triage.not_screened.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["age", "pain"]);
    let o = run(&[("saddle", Bool(false)), ("weak", Choice("none".into())), ("age", Number(60))]);
    let ids: Vec<&str> = o.triage.not_screened.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["pain"], "age 60: `pain` alone could still make the score reach 2");
    let o = run(&[("saddle", Bool(false)), ("weak", Choice("none".into())), ("age", Number(20))]);
    assert!(o.triage.not_screened.is_empty(), "age 20: the score cannot reach 2, so `pain` is moot");
}

#[test]
fn a_serious_cause_comes_first_at_urgent_and_emergency_only() {
    let mut emergency = safe_answers();
    emergency[0] = ("saddle", Bool(true));
    emergency.push(("sitting", Number(8)));
    let o = run(&emergency);
    assert_eq!(o.triage.level, Level::Emergency);
    let first = o.serious_cause_first.as_ref().expect("said at emergency");
    assert_eq!(first.title, "A serious cause must be ruled out first");
    assert_eq!(o.causes[0].id, "sitting", "the causes are kept, for the clinician");
    let urgent = run(&[("saddle", Bool(false)), ("weak", Choice("one".into())), ("worse", Bool(true))]);
    assert_eq!(urgent.triage.level, Level::Urgent);
    assert!(urgent.serious_cause_first.is_some());
    let mut soon = safe_answers();
    soon[2] = ("age", Number(60));
    soon[3] = ("pain", Number(8));
    assert_eq!(run(&soon).triage.level, Level::Soon);
    assert!(run(&soon).serious_cause_first.is_none());
    assert!(run(&safe_answers()).serious_cause_first.is_none());
}
