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
    assert_eq!(run.stdout.lines().count(), 1);
    assert!(
        run.stdout.contains("low-back")
            && run.stdout.contains("questions")
            && run.stdout.contains("red flags")
    );
}

#[test]
fn the_built_in_rules_are_the_file_in_the_repository() {
    let on_disk = std::fs::read_to_string(root("rules/low-back.json")).expect("rules/low-back.json");
    assert_eq!(on_disk, backscreen::rules::BUILT_IN);
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
    let cited =
        rules.red_flags.iter().flat_map(|f| &f.source).chain(rules.causes.iter().flat_map(|c| &c.source));
    for id in cited {
        assert!(rules.source(id).is_some(), "source {id} is listed");
    }
}
