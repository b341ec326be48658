//! Every rules file shipped under `rules/` loads and validates, and `rules check` says so.

mod common;

use common::{backscreen, root};

#[test]
fn every_shipped_rules_file_validates() {
    let mut checked = 0;
    for entry in std::fs::read_dir(root("rules")).expect("rules/ exists") {
        let path = entry.expect("readable").path();
        if path.extension().is_some_and(|e| e == "json") {
            let run = backscreen(&["rules", "check", path.to_str().expect("utf-8 path")], "");
            run.assert_ok();
            assert!(run.stdout.starts_with("ok: "), "{}", run.stdout);
            checked += 1;
        }
    }
    assert!(checked >= 1, "rules/ ships at least the built-in file");
}

#[test]
fn rules_check_without_a_file_checks_the_built_in_rules_with_a_one_line_summary() {
    let run = backscreen(&["rules", "check"], "");
    run.assert_ok();
    let lines: Vec<&str> = run.stdout.lines().collect();
    // The summary, then one line with what was proved about the red flags.
    assert!(
        lines[0].contains("low-back") && lines[0].contains("questions") && lines[0].contains("red flags"),
        "{}",
        run.stdout
    );
    assert!(lines[1..].iter().all(|l| l.starts_with("proved: ")), "{}", run.stdout);
    assert!(lines.len() <= 2, "{}", run.stdout);
}

/// The built-in rules of the binary, and `rules/low-back.json` read from disk at run time,
/// through the same command: `rules check` (id, version and counts) and `rules export`
/// (every question, choice and condition on asking). A binary built from other rules, or a
/// built-in that is loaded differently from a file, shows here.
#[test]
fn the_built_in_rules_are_the_file_in_the_repository() {
    let file = root("rules/low-back.json");
    let file = file.to_str().expect("utf-8 path");
    let built_in = backscreen(&["rules", "check"], "");
    let on_disk = backscreen(&["rules", "check", file], "");
    built_in.assert_ok();
    on_disk.assert_ok();
    let summary = |out: &str, name: &str| {
        let rest = out.strip_prefix(&format!("ok: {name}: ")).map(str::to_string);
        rest.unwrap_or_else(|| panic!("`rules check` names {name}: {out}"))
    };
    assert_eq!(
        summary(&built_in.stdout, "rules/low-back.json (built in)"),
        summary(&on_disk.stdout, file),
        "the same id, version and counts"
    );
    let built_in = backscreen(&["rules", "export"], "");
    let on_disk = backscreen(&["rules", "export", "--rules", file], "");
    built_in.assert_ok();
    on_disk.assert_ok();
    assert_eq!(built_in.json(), on_disk.json(), "the same questionnaire");
}

#[test]
fn the_built_in_rules_cover_each_cauda_equina_feature_as_an_emergency_on_its_own() {
    let rules = backscreen::rules::load(None).expect("valid");
    let ces: Vec<_> = rules.red_flags.iter().filter(|f| f.id.starts_with("ces_")).collect();
    assert!(ces.len() >= 6, "saddle, bladder, bowel, sexual, bilateral leg pain, leg weakness/gait");
    assert!(ces.iter().all(|f| f.level == backscreen::rules::Level::Emergency));
}

#[test]
fn medical_text_in_the_built_in_rules_cites_sources_that_exist() {
    let rules = backscreen::rules::load(None).expect("valid");
    let recommendations = [&rules.recommendations.art, &rules.recommendations.rehab];
    let reasons = recommendations.iter().flat_map(|r| r.fits_if.iter().chain(&r.not_if));
    for reason in reasons.clone() {
        assert!(!reason.source.is_empty(), "every reason for or against a therapy cites a source");
    }
    let cited = rules
        .red_flags
        .iter()
        .flat_map(|f| &f.source)
        .chain(rules.causes.iter().flat_map(|c| &c.source))
        .chain(recommendations.iter().flat_map(|r| &r.source))
        .chain(reasons.flat_map(|r| &r.source));
    for id in cited {
        assert!(rules.source(id).is_some(), "source {id} is listed");
    }
}

/// Every question and choice id of 1.1.0, as stored in answers files people have saved:
/// later versions may add and reword, never drop or rename.
const IDS_OF_1_1_0: &[(&str, &[&str])] = &[
    ("saddle_numbness", &[]),
    ("bladder_change", &[]),
    ("bowel_change", &[]),
    ("sexual_change", &[]),
    ("leg_pain", &["none", "one_above_knee", "one_below_knee", "both_legs"]),
    ("new_bilateral_leg_pain", &[]),
    ("leg_weakness", &["none", "one_leg", "one_leg_worsening", "rapid", "both_legs"]),
    ("gait_change", &[]),
    ("leg_numbness", &["none", "one_leg", "both_legs"]),
    ("fever", &[]),
    ("unwell", &[]),
    (
        "infection_risk",
        &["iv_drugs", "weak_immunity", "recent_infection", "spine_procedure", "wound", "none"],
    ),
    ("cancer_history", &[]),
    ("weight_loss", &[]),
    ("night_pain_constant", &[]),
    ("injury", &["none", "strain", "minor", "major"]),
    ("sudden_onset", &[]),
    ("aaa_signs", &["belly_pain", "pulsing", "faint", "none"]),
    ("bone_health", &["osteoporosis", "steroids", "none"]),
    ("age", &[]),
    ("duration_weeks", &[]),
    ("trend", &["better", "same", "worse"]),
    ("first_episode", &[]),
    ("pain_now", &[]),
    ("walking_leg_symptoms", &[]),
    ("began_before_45", &[]),
    ("morning_stiffness", &[]),
    ("eases_with_exercise", &[]),
    ("eases_with_rest", &[]),
    ("wakes_late_night", &[]),
    ("alternating_buttock", &[]),
    ("spa_links", &[]),
    ("activity_feels_unsafe", &[]),
    ("worried_much", &[]),
    ("pain_hopeless", &[]),
    ("lost_enjoyment", &[]),
    ("bother", &["not_at_all", "slightly", "moderately", "very_much", "extremely"]),
    ("blood_thinner", &[]),
    (
        "worse_with",
        &[
            "sitting",
            "standing_leaning_back",
            "bending_lifting",
            "walking",
            "training",
            "cough_sneeze",
            "none",
        ],
    ),
    ("eases_with", &["moving", "lying_down", "sitting_bending", "stretching", "heat", "none"]),
    ("centralisation", &["centralises", "peripheralises", "no_change", "not_tried"]),
    (
        "activities",
        &["desk_work", "manual_lifting", "gym_lifting", "running", "cycling", "field_sport", "none"],
    ),
    ("sitting_hours", &[]),
    ("training_increase", &[]),
    ("lifting_technique", &["hinge", "rounded", "unsure"]),
    ("sore_after_lifts", &[]),
    ("tight_hips", &[]),
    ("weak_glutes", &[]),
    ("neck_shoulder_pain", &[]),
    ("walks_short", &[]),
    ("dresses_slowly", &[]),
];

/// The ids issue 9 added, which answers files (the vignettes among them) already use.
const IDS_OF_1_2_0: &[(&str, &[&str])] = &[
    ("pregnant", &[]),
    ("recent_fracture", &[]),
    ("blood_clot", &[]),
    ("bleeding_disorder", &[]),
    ("fragile_skin", &[]),
    ("radiotherapy", &[]),
    ("hypermobility", &[]),
    ("heart_disease", &[]),
    ("pain_one_side", &[]),
    ("already_assessed", &["no", "yes_unchanged", "yes_changed"]),
    ("activities", &["repetitive_work"]),
];

#[test]
fn the_built_in_rules_keep_every_question_and_choice_id_answers_files_use() {
    let rules = backscreen::rules::load(None).expect("valid");
    for (id, choices) in IDS_OF_1_1_0.iter().chain(IDS_OF_1_2_0) {
        let q = rules.question(id).unwrap_or_else(|| panic!("question {id} is kept"));
        let have: Vec<&str> = q.kind.choices().iter().map(|c| c.id.as_str()).collect();
        for c in *choices {
            assert!(have.contains(c), "{id}: choice {c} is kept: {have:?}");
        }
    }
    // 1.2.0 brought these ids; any later version keeps them (a pinned version breaks on each bump).
    let version: Vec<u32> = rules.version.split('.').map(|n| n.parse().expect("a numeric version")).collect();
    assert!(version >= vec![1, 2, 0], "the medical content changed, so the version did: {}", rules.version);
    let checklist = rules.checklists.iter().find(|c| c.id == "before_hands_on_treatment");
    assert!(checklist.is_some(), "the precautions before hands-on therapy are one checklist");
    assert!(rules.red_flags.iter().any(|f| f.id == "stress_fracture"));
    let assessed = rules.question("already_assessed").expect("asked");
    let choices: Vec<&str> = assessed.kind.choices().iter().map(|c| c.id.as_str()).collect();
    assert_eq!(choices, ["no", "yes_unchanged", "yes_changed"], "exactly these, in this order");
}
