//! The public vignettes (example patients with the triage a careful clinician would give),
//! each written as an answers file and evaluated through the binary.

mod common;

use common::{backscreen, fixture};
use serde_json::Value;

#[test]
fn every_vignette_gets_the_expected_triage_art_rehab_and_causes() {
    let expected: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(fixture("vignettes/expected.json")).expect("expected.json"),
    )
    .expect("expected.json is JSON");
    assert_eq!(expected.len(), 13, "every public vignette has an answers file");
    let mut failures = Vec::new();
    for case in &expected {
        let id = case["id"].as_str().expect("id");
        let path = fixture(&format!("vignettes/{id}.json"));
        let run = backscreen(&["evaluate", "--format", "json", path.to_str().expect("utf-8 path")], "");
        if run.code != 0 {
            failures.push(format!("{id}: exit {}: {}", run.code, run.stderr));
            continue;
        }
        let got = run.json();
        let check = |what: &str, want: &Value, have: &Value, failures: &mut Vec<String>| {
            if want != have {
                failures.push(format!("{id}: {what}: expected {want}, got {have}"));
            }
        };
        check("triage", &case["expected_triage"], &got["triage"]["level"], &mut failures);
        check("art.may_fit", &case["art_may_fit"], &got["art"]["may_fit"], &mut failures);
        check("rehab.may_fit", &case["rehab_may_fit"], &got["rehab"]["may_fit"], &mut failures);
        let want: Vec<&str> =
            case["expected_causes"].as_array().expect("list").iter().filter_map(Value::as_str).collect();
        let ranked: Vec<&str> =
            got["causes"].as_array().expect("causes").iter().filter_map(|c| c["id"].as_str()).collect();
        // "Top causes include the expected ones": each expected cause ranks within the
        // expected count plus one, so one extra plausible cause may sit among them.
        let top = &ranked[..ranked.len().min(want.len() + 1)];
        for cause in &want {
            if !top.contains(cause) {
                failures.push(format!(
                    "{id}: expected cause {cause} in the top {}, got {ranked:?}",
                    want.len() + 1
                ));
            }
        }
    }
    assert!(failures.is_empty(), "vignette mismatches:\n{}", failures.join("\n"));
}

#[test]
fn every_emergency_vignette_names_the_red_flag_and_what_to_do() {
    for id in ["p02", "p08", "p13"] {
        let path = fixture(&format!("vignettes/{id}.json"));
        let run = backscreen(&["evaluate", "--color", "never", path.to_str().expect("utf-8 path")], "");
        run.assert_ok();
        let first = run.stdout.lines().find(|l| l.contains("EMERGENCY")).unwrap_or_default();
        assert!(first.contains("get emergency care now"), "{id}: the triage comes first:\n{}", run.stdout);
    }
}
