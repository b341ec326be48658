//! `rules check --sources` lists every red flag, cause and recommendation with the sources
//! it cites, so a clinician can review the rules in one sitting.

mod common;

use backscreen::rules;
use common::backscreen;

#[test]
fn every_red_flag_cause_and_recommendation_is_listed_with_the_sources_it_cites() {
    let run = backscreen(&["rules", "check", "--sources"], "");
    run.assert_ok();
    let out = &run.stdout;
    let rules = rules::load(None).expect("built-in");
    let lang = &rules.language;
    let cited = |ids: &[String]| format!("Sources: {}.", ids.join(", "));
    for f in &rules.red_flags {
        let line = format!("- **{}** `{}`: {}. {}", f.level, f.id, f.name.get(lang, lang), cited(&f.source));
        assert!(out.lines().any(|l| l == line), "red flag {}: no line {line:?} in\n{out}", f.id);
    }
    for c in &rules.causes {
        let line = format!("- `{}`: {}. {}", c.id, c.name.get(lang, lang), cited(&c.source));
        assert!(out.lines().any(|l| l == line), "cause {}: no line {line:?}", c.id);
    }
    for rec in [&rules.recommendations.art, &rules.recommendations.rehab] {
        let heading = format!("### {}. {}", rec.name.get(lang, lang), cited(&rec.source));
        assert!(out.lines().any(|l| l == heading), "no heading {heading:?}");
        for (kind, reasons) in [("May fit", &rec.fits_if), ("Not now", &rec.not_if)] {
            for r in reasons {
                let line = format!("- {kind}: {} {}", r.because.get(lang, lang), cited(&r.source));
                assert!(out.lines().any(|l| l == line), "no line {line:?}");
            }
        }
    }
    for s in &rules.sources {
        assert!(out.contains(&format!("- **{}**", s.id)), "source {} and its citation", s.id);
    }
}

#[test]
fn a_rules_file_that_fails_its_check_lists_no_sources() {
    let file = common::fixture("fixtures/rules/unreachable-red-flag.json");
    let run = backscreen(&["rules", "check", "--sources", file.to_str().expect("utf-8")], "");
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "", "nothing to review until the file passes");
}
