//! An exhaustive check that the outlook is sound on a small rules file: for every set of
//! answers so far (each question unanswered, or any answer that tells the rules' cases
//! apart, "not sure" included) and every way the rest could end, what the outlook calls
//! settled is what [`decide`] gives on every ending. The interview stops on the outlook,
//! so a claim that is not sound would end it before an answer that changes the result.

use backscreen::answers::{AnswerValue, Answers};
use backscreen::decision::decide;
use backscreen::outlook::{dependencies, outlook};
use backscreen::rules::Rules;

/// Each question's possible answers: the outlook's probes, and "not sure" where offered.
fn values(rules: &Rules) -> Vec<Vec<AnswerValue>> {
    let deps = dependencies(rules);
    rules
        .questions
        .iter()
        .zip(&deps.probes)
        .map(|(q, probes)| {
            let mut v = probes.clone();
            if q.not_sure {
                v.push(AnswerValue::NotSure);
            }
            v
        })
        .collect()
}

/// Every assignment of `None` or one of `values[i]` to each question.
fn assignments(values: &[Vec<AnswerValue>], fixed: &[Option<AnswerValue>]) -> Vec<Vec<Option<AnswerValue>>> {
    let mut out: Vec<Vec<Option<AnswerValue>>> = vec![Vec::new()];
    for (i, vs) in values.iter().enumerate() {
        let choices: Vec<Option<AnswerValue>> = match fixed.get(i) {
            Some(Some(v)) => vec![Some(v.clone())],
            _ => std::iter::once(None).chain(vs.iter().cloned().map(Some)).collect(),
        };
        out = out
            .into_iter()
            .flat_map(|prefix| {
                choices.iter().map(move |c| {
                    let mut p = prefix.clone();
                    p.push(c.clone());
                    p
                })
            })
            .collect();
    }
    out
}

fn to_answers(rules: &Rules, a: &[Option<AnswerValue>]) -> Answers {
    rules.questions.iter().zip(a).filter_map(|(q, v)| v.clone().map(|v| (q.id.clone(), v))).collect()
}

/// Every way the outlook's claims fail on `rules`, described; empty when it is sound.
pub fn unsound_claims(rules: &Rules) -> Vec<String> {
    let values = values(rules);
    let none = vec![None; rules.questions.len()];
    let mut failures = Vec::new();
    for partial in assignments(&values, &none) {
        let given = to_answers(rules, &partial);
        let o = outlook(rules, &given);
        let mut tops = Vec::new();
        for end in assignments(&values, &partial) {
            let mut end = to_answers(rules, &end);
            // Skip logic: a question still to come is asked only if it applies (ask_if
            // looks back only, so one pass in asking order settles it).
            for i in rules.asking_order() {
                let id = &rules.questions[i].id;
                if !given.contains_key(id) && !rules.applies(i, &end) {
                    end.remove(id);
                }
            }
            let d = decide(rules, &end);
            let mut fail = |what: &str| failures.push(format!("{what}: given {given:?}, ending {end:?}"));
            for (i, t) in d.flags.iter().enumerate() {
                if !o.flags[i].can(*t) {
                    fail(&format!(
                        "red flag {} ends {t:?}, which the outlook ruled out",
                        rules.red_flags[i].id
                    ));
                }
            }
            for (name, fits, can) in [("art", d.art.may_fit, o.art), ("rehab", d.rehab.may_fit, o.rehab)] {
                if (fits && !can.can_fit) || (!fits && !can.can_not_fit) {
                    fail(&format!("{name} ends may_fit={fits}, which the outlook ruled out"));
                }
            }
            if d.level < o.lowest || d.level > o.highest {
                fail(&format!("the level ends {:?}, outside the outlook's range", d.level));
            }
            let top = d.verdict().top;
            if !tops.contains(&top) {
                tops.push(top);
            }
        }
        if o.causes_settled && tops.len() > 1 {
            failures.push(format!(
                "top causes called settled, but they can end as any of {tops:?}: given {given:?}"
            ));
        }
    }
    failures
}

/// Fails with a few examples when the outlook claims anything unsound on these rules.
pub fn assert_sound(rules: &Rules) {
    let failures = unsound_claims(rules);
    assert!(
        failures.is_empty(),
        "{} unsound claims, e.g.:\n{}",
        failures.len(),
        failures[..failures.len().min(5)].join("\n")
    );
}
