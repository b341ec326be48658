//! The clinical content of the built-in rules (issue 9, §1-§3), shown on small sets of
//! answers evaluated through the library: the precautions before hands-on therapy
//! (reference §d.2), a possible stress fracture in a young athlete, pain that a clinician
//! has already assessed, and causes that match how people live (repetitive work, symptoms
//! in both legs, the disc pattern).
//!
//! Each person starts from one calm, complete set of answers (`calm()`): a 35-year-old
//! desk worker with three weeks of back ache, tight hips and no warning sign, for whom
//! ART and rehab may both fit. A test changes only what it is about.

use backscreen::answers::{self, Answers};
use backscreen::condition::{Condition, Test};
use backscreen::engine::{Outcome, evaluate};
use backscreen::interview::replay::replay;
use backscreen::rules::{self, Level, Rules};
use backscreen::value::AnswerValue;
use serde_json::{Value, json};
use std::sync::OnceLock;

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| rules::load(None).unwrap_or_else(|e| panic!("the built-in rules are invalid:\n{e}")))
}

/// The new yes/no questions asked before hands-on therapy (reference §d.2).
const PRECAUTIONS: [&str; 8] = [
    "pregnant",
    "recent_fracture",
    "blood_clot",
    "bleeding_disorder",
    "fragile_skin",
    "radiotherapy",
    "hypermobility",
    "heart_disease",
];

/// A calm person: every question answered, no warning sign, ART and rehab may fit.
fn calm() -> serde_json::Map<String, Value> {
    let mut a = json!({
        "saddle_numbness": false, "bladder_change": false, "bowel_change": false,
        "sexual_change": false, "gait_change": false,
        "leg_pain": "none", "leg_weakness": "none", "leg_numbness": "none",
        "fever": false, "infection_risk": ["none"], "cancer_history": false, "weight_loss": false,
        "night_pain_constant": false, "injury": "none", "sudden_onset": false, "bone_health": ["none"],
        "first_episode": false, "age": 35, "duration_weeks": 3, "trend": "same", "pain_now": 4,
        "pain_one_side": false,
        "activity_feels_unsafe": false, "worried_much": false, "pain_hopeless": false,
        "lost_enjoyment": false, "neck_shoulder_pain": false, "walks_short": false,
        "dresses_slowly": false, "bother": "slightly",
        "blood_thinner": false,
        "worse_with": ["sitting"], "eases_with": ["moving", "stretching"],
        "activities": ["desk_work"], "sitting_hours": 8, "tight_hips": true, "weak_glutes": false
    });
    let a = a.as_object_mut().expect("an object");
    for q in PRECAUTIONS {
        a.insert(q.into(), json!(false));
    }
    a.clone()
}

/// `calm()` with `changes` applied (a `null` removes the answer), checked against the rules.
fn answers(changes: Value) -> Answers {
    let mut a = calm();
    for (k, v) in changes.as_object().expect("changes are an object") {
        if v.is_null() {
            a.remove(k);
        } else {
            a.insert(k.clone(), v.clone());
        }
    }
    answers::from_value(json!({ "answers": a }), rules())
        .unwrap_or_else(|p| panic!("the answers fit the rules: {p:?}"))
        .answers
}

fn person(changes: Value) -> Outcome {
    evaluate(rules(), &answers(changes))
}

fn fired(o: &Outcome) -> Vec<&str> {
    o.triage.red_flags.iter().map(|f| f.id.as_str()).collect()
}

fn causes(o: &Outcome) -> Vec<&str> {
    o.causes.iter().map(|c| c.id.as_str()).collect()
}

fn evidence<'o>(o: &'o Outcome, cause: &str) -> &'o [String] {
    &o.causes
        .iter()
        .find(|c| c.id == cause)
        .unwrap_or_else(|| panic!("{cause} is listed: {:?}", causes(o)))
        .evidence
}

/// The one ART `not_if` that looks at question `q`, with its reason in words.
fn art_reason_about(q: &str) -> (&'static Condition, &'static str, &'static [String]) {
    let rules = rules();
    let found: Vec<_> = rules
        .recommendations
        .art
        .not_if
        .iter()
        .filter(|r| rules.questions_used_by(&r.when).contains(&q))
        .collect();
    assert_eq!(found.len(), 1, "one reason against ART looks at `{q}`");
    (&found[0].when, rules.t(&found[0].because), &found[0].source)
}

/// The questions the interview asks a person who would answer as `a` does.
fn asked(a: &Answers) -> Vec<String> {
    let session = replay(rules(), a, None, None).expect("a replay writes nowhere");
    session.prompts.into_iter().flatten().collect()
}

// --- §1 Every precaution of §d.2 before hands-on therapy ---------------------------------

#[test]
fn the_calm_person_may_have_art_and_rehab_so_each_test_below_changes_one_thing() {
    let o = person(json!({}));
    assert_eq!(o.triage.level, Level::SelfCare, "{:?}", fired(&o));
    assert!(o.art.may_fit, "{:?}", o.art.reasons_against);
    assert!(o.rehab.may_fit);
}

#[test]
fn each_precaution_answered_yes_keeps_art_out_and_says_why_citing_the_massage_safety_source() {
    for q in PRECAUTIONS {
        let (when, because, source) = art_reason_about(q);
        assert_eq!(
            when,
            &Condition::Answer { question: q.into(), test: Test::Equals(AnswerValue::Bool(true)) },
            "`{q}` is a reason against ART on its own"
        );
        assert!(source.iter().any(|s| s == "S16"), "{q}: cites §d.2 [S16]");
        let o = person(json!({ q: true }));
        assert!(!o.art.may_fit, "{q}: ART is not offered");
        assert!(o.art.reasons_against.iter().any(|r| r == because), "{q}: the person is told why");
        assert!(o.rehab.may_fit, "{q}: exercise still fits");
        assert_eq!(o.triage.level, Level::SelfCare, "{q}: a precaution is not a red flag");
    }
}

#[test]
fn a_pregnant_person_is_not_offered_art_and_is_told_to_ask_a_clinician_first() {
    let o = person(json!({ "pregnant": true }));
    assert!(!o.art.may_fit);
    let why = o.art.reasons_against.join(" ");
    assert!(why.contains("pregnant") && why.contains("before any hands-on therapy"), "{why}");
}

#[test]
fn a_precaution_not_answered_or_not_sure_keeps_art_out_too() {
    for q in PRECAUTIONS {
        for o in [person(json!({ q: null })), person(json!({ q: "not_sure" }))] {
            assert!(!o.art.may_fit, "{q}: no answer is never taken as no");
            assert!(
                o.art
                    .reasons_against
                    .iter()
                    .any(|r| r.starts_with("Not yet answered") || r.starts_with("Not sure")),
                "{q}: {:?}",
                o.art.reasons_against
            );
        }
    }
}

#[test]
fn the_precautions_are_one_checklist_with_first_person_labels_that_fit_a_line() {
    let rules = rules();
    let list = rules.checklists.iter().find(|c| c.id == "before_hands_on_treatment").expect("the checklist");
    let items: Vec<&str> = list.items.iter().map(|i| i.question.as_str()).collect();
    for q in PRECAUTIONS {
        assert!(items.contains(&q), "{q} is on the checklist");
    }
    for item in &list.items {
        let label = rules.t(item.text.as_ref().expect("a short label"));
        // A row is "❯ ⬚ " and the label: 80 columns at most.
        assert!(label.chars().count() + 4 <= 80, "{label:?} fits one 80-column line");
    }
    // The blood thinner row is only about the medicine now; bleeding disorders have their own.
    let thinner = rules.question("blood_thinner").expect("kept");
    let labels = rules.checklists.iter().flat_map(|c| &c.items).filter(|i| i.question == "blood_thinner");
    for text in labels.filter_map(|i| i.text.as_ref()).chain([&thinner.text]) {
        assert!(!rules.t(text).contains("bleeding"), "{}", rules.t(text));
    }
}

#[test]
fn the_precautions_are_asked_when_art_would_otherwise_fit_and_not_when_it_is_already_ruled_out() {
    let a = answers(json!({}));
    let questions = asked(&a);
    for q in PRECAUTIONS {
        assert!(questions.iter().any(|x| x == q), "{q} is asked: {questions:?}");
    }
    // After cancer, ART waits for a clinician anyway (and the level is urgent): nothing to ask.
    let a = answers(json!({ "cancer_history": true }));
    let questions = asked(&a);
    for q in PRECAUTIONS {
        assert!(!questions.iter().any(|x| x == q), "{q} is not asked: {questions:?}");
    }
}

// --- §1 A possible stress fracture in a young athlete -----------------------------------

fn footballer(changes: Value) -> Outcome {
    let mut base = json!({
        "age": 22, "activities": ["field_sport"], "pain_one_side": true,
        "worse_with": ["standing_leaning_back", "training"]
    });
    for (k, v) in changes.as_object().expect("changes are an object") {
        base[k] = v.clone();
    }
    person(base)
}

#[test]
fn a_young_footballer_with_one_sided_pain_worse_leaning_back_gets_soon_and_no_art() {
    let o = footballer(json!({}));
    assert_eq!(o.triage.level, Level::Soon);
    assert_eq!(fired(&o), vec!["stress_fracture"]);
    let flag = &o.triage.red_flags[0];
    assert!(flag.message.contains("stress fracture") && flag.message.contains("book an appointment"));
    assert!(!o.art.may_fit);
    assert!(
        o.art.reasons_against.iter().any(|r| r.contains("stress fracture")),
        "{:?}",
        o.art.reasons_against
    );
    assert!(o.rehab.may_fit, "exercise is not ruled out");
}

#[test]
fn the_stress_fracture_flag_needs_youth_sport_one_side_and_extension_pain() {
    for (change, why) in [
        (json!({ "age": 26 }), "over 25"),
        (json!({ "activities": ["desk_work"] }), "no sport"),
        (json!({ "activities": ["cycling"] }), "cycling does not load the spine in extension"),
        (json!({ "pain_one_side": false }), "pain in the middle"),
        (json!({ "worse_with": ["training"] }), "not worse leaning back"),
    ] {
        let o = footballer(change);
        assert!(!fired(&o).contains(&"stress_fracture"), "{why}: {:?}", fired(&o));
    }
    for sport in ["running", "gym_lifting", "field_sport"] {
        assert!(fired(&footballer(json!({ "activities": [sport] }))).contains(&"stress_fracture"), "{sport}");
    }
    assert!(fired(&footballer(json!({ "age": 25 }))).contains(&"stress_fracture"), "25 is still young");
}

#[test]
fn the_one_side_question_is_asked_of_a_young_athlete_and_not_of_an_older_one() {
    let young =
        answers(json!({ "age": 22, "activities": ["field_sport"], "worse_with": ["standing_leaning_back"] }));
    assert!(asked(&young).iter().any(|q| q == "pain_one_side"));
    let older =
        answers(json!({ "age": 40, "activities": ["field_sport"], "worse_with": ["standing_leaning_back"] }));
    assert!(!asked(&older).iter().any(|q| q == "pain_one_side"));
}

#[test]
fn art_is_ruled_out_by_the_soon_flags_for_a_bone_or_inflammatory_cause_by_name() {
    let art = &rules().recommendations.art;
    let named: Vec<&str> = art
        .not_if
        .iter()
        .filter_map(|r| match &r.when {
            Condition::RedFlag(f) => Some(f.as_str()),
            _ => None,
        })
        .collect();
    for flag in ["stress_fracture", "inflammatory_pattern", "new_onset_age"] {
        assert!(named.contains(&flag), "{flag} is named in art.not_if: {named:?}");
    }
    // No reason against ART repeats the condition of a red flag below the level that rules
    // ART out anyway: it names the flag instead.
    for r in &art.not_if {
        for f in rules().red_flags.iter().filter(|f| f.level < art.not_at_or_above) {
            assert_ne!(r.when, f.when, "art.not_if copies red flag {}", f.id);
        }
    }
}

#[test]
fn a_teenager_with_new_back_pain_is_told_to_be_examined_before_any_hands_on_therapy() {
    let o = person(json!({ "age": 17 }));
    assert_eq!(o.triage.level, Level::Soon);
    assert!(fired(&o).contains(&"new_onset_age"));
    assert!(!o.art.may_fit, "{:?}", o.art.reasons_against);
}

// --- §2 Pain already assessed by a clinician ---------------------------------------------

fn long_standing(changes: Value) -> Outcome {
    let mut base = json!({
        "duration_weeks": 30, "trend": "same", "began_before_45": false, "morning_stiffness": false,
        "eases_with_exercise": false, "eases_with_rest": true, "wakes_late_night": false,
        "alternating_buttock": false, "spa_links": false
    });
    for (k, v) in changes.as_object().expect("changes are an object") {
        base[k] = v.clone();
    }
    person(base)
}

#[test]
fn long_standing_pain_assessed_and_unchanged_is_self_care_and_changed_since_is_soon() {
    let o = long_standing(json!({ "already_assessed": "yes_unchanged" }));
    assert_eq!(o.triage.level, Level::SelfCare, "{:?}", fired(&o));
    assert!(o.art.may_fit, "assessed, unchanged pain may still have ART");
    for (answer, why) in [("yes_changed", "changed since"), ("no", "never examined"), ("not_sure", "unsure")]
    {
        let o = long_standing(json!({ "already_assessed": answer }));
        assert_eq!(o.triage.level, Level::Soon, "{why}");
        assert!(fired(&o).contains(&"persistent_pain"), "{why}: {:?}", fired(&o));
    }
}

#[test]
fn a_worsening_trend_still_fires_whatever_the_assessment() {
    let o = long_standing(json!({ "already_assessed": "yes_unchanged", "trend": "worse" }));
    assert!(fired(&o).contains(&"persistent_pain"), "{:?}", fired(&o));
    let o = long_standing(json!({
        "already_assessed": "yes_unchanged", "trend": "worse", "leg_pain": "one_below_knee"
    }));
    assert!(fired(&o).contains(&"radicular_not_improving"), "{:?}", fired(&o));
}

#[test]
fn the_assessment_question_is_asked_only_after_six_weeks_and_shorter_pain_is_judged_as_before() {
    let rules = rules();
    let q = rules.question_index("already_assessed").expect("the question");
    assert!(!rules.applies(q, &answers(json!({ "duration_weeks": 5 }))));
    assert!(rules.applies(q, &answers(json!({ "duration_weeks": 6 }))));
    // Leg pain below the knee for 5 weeks, not improving: reviewed, as before.
    let o = person(json!({ "duration_weeks": 5, "leg_pain": "one_below_knee" }));
    assert!(fired(&o).contains(&"radicular_not_improving"), "{:?}", fired(&o));
    // A weak leg found 3 weeks ago: checked, as before.
    let o = person(json!({ "duration_weeks": 3, "leg_weakness": "one_leg" }));
    assert!(fired(&o).contains(&"stable_leg_weakness"), "{:?}", fired(&o));
}

#[test]
fn nerve_findings_assessed_and_unchanged_after_surgery_do_not_send_the_person_back_each_time() {
    let old = json!({ "leg_weakness": "one_leg", "leg_numbness": "one_leg", "leg_pain": "one_below_knee" });
    let mut unchanged = old.clone();
    unchanged["already_assessed"] = json!("yes_unchanged");
    let o = long_standing(unchanged);
    for flag in ["stable_leg_weakness", "radicular_not_improving", "persistent_pain"] {
        assert!(!fired(&o).contains(&flag), "{flag}: {:?}", fired(&o));
    }
    let mut changed = old;
    changed["already_assessed"] = json!("yes_changed");
    let o = long_standing(changed);
    for flag in ["stable_leg_weakness", "radicular_not_improving", "persistent_pain"] {
        assert!(fired(&o).contains(&flag), "{flag}: {:?}", fired(&o));
    }
    // A leg getting weaker is urgent whatever was assessed before.
    let o =
        long_standing(json!({ "leg_weakness": "one_leg_worsening", "already_assessed": "yes_unchanged" }));
    assert_eq!(o.triage.level, Level::Urgent);
}

#[test]
fn stable_spinal_stenosis_already_assessed_is_not_sent_back_but_new_stenosis_is() {
    let stenosis = |assessed: &str| {
        long_standing(json!({
            "age": 72, "leg_pain": "both_legs", "new_bilateral_leg_pain": false,
            "walking_leg_symptoms": true, "worse_with": ["walking"], "eases_with": ["sitting_bending"],
            "already_assessed": assessed
        }))
    };
    assert_eq!(
        stenosis("yes_unchanged").triage.level,
        Level::SelfCare,
        "{:?}",
        fired(&stenosis("yes_unchanged"))
    );
    assert!(fired(&stenosis("no")).contains(&"neurogenic_claudication"));
}

// --- §3 Causes that match how people live ------------------------------------------------

#[test]
fn a_warehouse_pickers_repetitive_work_points_to_overuse_without_any_sport() {
    let o = person(json!({
        "activities": ["repetitive_work"], "worse_with": ["bending_lifting"], "eases_with": ["moving"],
        "sitting_hours": 2, "tight_hips": false
    }));
    assert_eq!(causes(&o).first(), Some(&"repetitive_overuse"), "{:?}", causes(&o));
    let why = evidence(&o, "repetitive_overuse").join(" ");
    assert!(why.contains("work"), "{why}");
}

#[test]
fn a_repetitive_worker_is_asked_about_a_sharp_rise_in_workload() {
    let rules = rules();
    let q = rules.question_index("training_increase").expect("the question");
    assert!(rules.applies(q, &answers(json!({ "activities": ["repetitive_work"] }))));
    assert!(!rules.applies(q, &answers(json!({ "activities": ["desk_work"] }))));
    let o = person(json!({ "activities": ["repetitive_work"], "training_increase": true }));
    assert!(evidence(&o, "repetitive_overuse").iter().any(|e| e.contains("workload")));
}

#[test]
fn pain_or_numbness_in_both_legs_counts_as_nerve_evidence() {
    for change in [
        json!({ "leg_pain": "both_legs", "new_bilateral_leg_pain": false, "walking_leg_symptoms": false }),
        json!({ "leg_numbness": "both_legs" }),
    ] {
        let o = person(change.clone());
        assert!(causes(&o).contains(&"nerve_entrapment"), "{change}: {:?}", causes(&o));
        assert!(evidence(&o, "nerve_entrapment").iter().any(|e| e.contains("both")), "{change}");
    }
    // New pain in both legs is still an emergency of its own.
    let o = person(json!({ "leg_pain": "both_legs", "new_bilateral_leg_pain": true }));
    assert_eq!(o.triage.level, Level::Emergency);
}

#[test]
fn a_disc_pattern_ranks_disc_irritation_above_sitting() {
    let o = person(json!({
        "worse_with": ["sitting", "bending_lifting", "cough_sneeze"], "eases_with": ["lying_down"],
        "tight_hips": false
    }));
    let ranked = causes(&o);
    let at =
        |c: &str| ranked.iter().position(|x| *x == c).unwrap_or_else(|| panic!("{c} listed: {ranked:?}"));
    assert!(at("disc_degeneration") < at("sitting"), "{ranked:?}");
    let why = evidence(&o, "disc_degeneration").join(" ");
    assert!(why.contains("Coughing") && why.contains("Lying down") && why.contains("bending"), "{why}");
    // The same desk worker whose pain is only worse with sitting still points to sitting.
    let o = person(json!({ "tight_hips": false }));
    assert_eq!(causes(&o).first(), Some(&"sitting"), "{:?}", causes(&o));
    assert!(!causes(&o).contains(&"disc_degeneration"));
}
