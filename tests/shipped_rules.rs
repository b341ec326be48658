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
    let cited =
        rules.red_flags.iter().flat_map(|f| &f.source).chain(rules.causes.iter().flat_map(|c| &c.source));
    for id in cited {
        assert!(rules.source(id).is_some(), "source {id} is listed");
    }
}
