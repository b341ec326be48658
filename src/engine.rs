//! The screening engine: a pure function of (rules, answers) to an outcome in words.
//! No I/O. What is decided comes from [`decision`]; this module explains it.

use crate::condition::{Condition, Truth};
use crate::decision::{self, Decision, Env, FitDecision};
use crate::i18n::Lang;
use crate::outlook;
use crate::rules::{Level, QuestionKind, Recommendation, Rules};
use crate::tr;
use crate::value::{AnswerValue, Answers};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Outcome {
    pub rules: RulesRef,
    pub triage: Triage,
    pub scores: Vec<ScoreValue>,
    pub causes: Vec<RankedCause>,
    /// At `urgent` and `emergency` only: a serious cause must be ruled out first, so
    /// `causes` are other patterns for the clinician, not an explanation of the pain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serious_cause_first: Option<SeriousCauseFirst>,
    pub art: Fit,
    pub rehab: Fit,
    pub next_steps: Vec<String>,
    pub disclaimer: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RulesRef {
    pub id: String,
    pub version: String,
    pub title: String,
    /// The language every text of the outcome is in (`en`, `es`).
    pub language: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Triage {
    pub level: Level,
    pub red_flags: Vec<FiredFlag>,
    /// Red flags that a "not sure" answer leaves open: what to do if the symptom is there.
    pub open: Vec<OpenFlag>,
    pub not_screened: Vec<QuestionRef>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OpenFlag {
    pub id: String,
    pub level: Level,
    pub name: String,
    /// The flag's own message, which applies if the symptom is present.
    pub message: String,
    pub source: Vec<String>,
    pub not_sure_about: Vec<GivenAnswer>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FiredFlag {
    pub id: String,
    pub level: Level,
    pub name: String,
    pub message: String,
    pub source: Vec<String>,
    /// The answers that made it fire (not every answer it reads); of a multiple-choice
    /// answer, only the ticked answers that did.
    pub triggered_by: Vec<GivenAnswer>,
}

/// An answer as a person reads it, with the question it answers.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GivenAnswer {
    pub question: String,
    pub text: String,
    pub answer: AnswerValue,
    pub answer_text: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuestionRef {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ScoreValue {
    pub id: String,
    pub name: String,
    /// The score from the answers given.
    pub value: i64,
    /// False when unanswered items could still raise (or lower) it.
    pub complete: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RankedCause {
    pub id: String,
    pub name: String,
    pub score: i64,
    pub explanation: String,
    pub evidence: Vec<String>,
}

/// What a result at `urgent` or `emergency` says in place of "what your answers point to".
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SeriousCauseFirst {
    /// "A serious cause must be ruled out first".
    pub title: String,
    /// Why no common cause is offered as the explanation.
    pub message: String,
    /// The heading to list `causes` under, if there are any.
    pub causes_heading: String,
}

impl SeriousCauseFirst {
    /// For a result at `level`, in `lang`: `None` below `urgent`.
    pub fn at(level: Level, lang: Lang) -> Option<Self> {
        (level >= Level::Urgent).then(|| SeriousCauseFirst {
            title: tr!(lang, "serious-cause-title"),
            message: tr!(lang, "serious-cause-message"),
            causes_heading: tr!(lang, "serious-cause-causes-heading"),
        })
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Fit {
    pub name: String,
    pub may_fit: bool,
    /// Why it may fit.
    pub reasons: Vec<String>,
    /// Why not now.
    pub reasons_against: Vec<String>,
    /// For ART: the soft-tissue areas of the listed causes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub targets: Option<Vec<String>>,
    /// For rehab: the components of the listed causes, most likely cause first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub focus: Option<Vec<String>>,
    pub about: String,
}

/// The screening result for these answers, in words. Answers are assumed checked
/// against the rules (see `answers::from_value`); anything else is treated as not holding.
pub fn evaluate(rules: &Rules, answers: &Answers) -> Outcome {
    explain(rules, answers, &decision::decide(rules, answers))
}

/// A decision (see [`decision`]) in words, with the answers behind each part.
pub fn explain(rules: &Rules, answers: &Answers, d: &Decision) -> Outcome {
    let t = |text: &crate::text::Text| rules.t(text).to_string();
    let env = Env::of(rules, answers, d);
    let triage = triage(rules, d, &env);
    let causes: Vec<(&crate::rules::Cause, RankedCause)> = d
        .ranking
        .iter()
        .map(|&i| {
            let cause = &rules.causes[i];
            let evidence = cause
                .evidence
                .iter()
                .filter(|e| e.when.eval(&env).is_true())
                .map(|e| t(&e.because))
                .collect();
            let ranked = RankedCause {
                id: cause.id.clone(),
                name: t(&cause.name),
                score: d.causes[i].low,
                explanation: t(&cause.explanation),
                evidence,
            };
            (cause, ranked)
        })
        .collect();
    let mut art = fit(rules, &rules.recommendations.art, &d.art, &env);
    let mut rehab = fit(rules, &rules.recommendations.rehab, &d.rehab, &env);
    let named = |list: &[crate::rules::Named], ids: Vec<&String>| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for id in ids {
            if let Some(n) = list.iter().find(|n| &n.id == id) {
                let name = t(&n.name);
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
        out
    };
    art.targets = Some(if art.may_fit {
        named(&rules.soft_tissue_areas, causes.iter().flat_map(|(c, _)| &c.art_targets).collect())
    } else {
        Vec::new()
    });
    rehab.focus = Some(if rehab.may_fit {
        named(&rules.rehab_components, causes.iter().flat_map(|(c, _)| &c.rehab_focus).collect())
    } else {
        Vec::new()
    });

    Outcome {
        rules: RulesRef {
            id: rules.id.clone(),
            version: rules.version.clone(),
            title: t(&rules.title),
            language: rules.lang().code().to_string(),
        },
        scores: rules
            .scores
            .iter()
            .zip(&d.scores)
            .map(|(s, r)| ScoreValue {
                id: s.id.clone(),
                name: t(&s.name),
                value: r.low,
                complete: r.low == r.high,
            })
            .collect(),
        next_steps: rules.next_steps.for_level(d.level).iter().map(t).collect(),
        triage,
        causes: causes.into_iter().map(|(_, c)| c).collect(),
        serious_cause_first: SeriousCauseFirst::at(d.level, rules.lang()),
        art,
        rehab,
        disclaimer: disclaimer(rules),
    }
}

fn triage(rules: &Rules, d: &Decision, env: &Env) -> Triage {
    let mut red_flags = Vec::new();
    let mut open = Vec::new();
    for (flag, truth) in rules.red_flags.iter().zip(&d.flags) {
        let about = |questions: Vec<&str>| -> Vec<GivenAnswer> {
            questions.into_iter().filter_map(|q| given_answer(rules, q, env.answers.get(q)?)).collect()
        };
        match truth {
            Truth::True => red_flags.push(FiredFlag {
                id: flag.id.clone(),
                level: flag.level,
                name: rules.t(&flag.name).to_string(),
                message: rules.t(&flag.message).to_string(),
                source: flag.source.clone(),
                triggered_by: fired_by(rules, &flag.when, env)
                    .into_iter()
                    .filter_map(|(q, choices)| {
                        let value = env.answers.get(q)?;
                        let value = match (choices, value) {
                            // Only the ticked answers that made it fire, in the order they were given.
                            (Some(cs), AnswerValue::Choices(given)) => AnswerValue::Choices(
                                given.iter().filter(|g| cs.contains(&g.as_str())).cloned().collect(),
                            ),
                            _ => value.clone(),
                        };
                        given_answer(rules, q, &value)
                    })
                    .collect(),
            }),
            // Open because of a "not sure": shown with what to do if the symptom is there.
            Truth::Unknown => {
                let unsure: Vec<&str> = rules
                    .questions_used_by(&flag.when)
                    .into_iter()
                    .filter(|q| env.answers.get(*q).is_some_and(AnswerValue::is_not_sure))
                    .collect();
                if !unsure.is_empty() {
                    open.push(OpenFlag {
                        id: flag.id.clone(),
                        level: flag.level,
                        name: rules.t(&flag.name).to_string(),
                        message: rules.t(&flag.message).to_string(),
                        source: flag.source.clone(),
                        not_sure_about: about(unsure),
                    });
                }
            }
            Truth::False => {}
        }
    }
    // Most urgent first; file order within a level.
    red_flags.sort_by_key(|f| std::cmp::Reverse(f.level));
    open.sort_by_key(|f| std::cmp::Reverse(f.level));
    // A safety question with no answer is "not screened" only while its answer could
    // still fire or rule out a red flag: one that other answers have made moot (a
    // drill-down its opening question ruled out, say) was screened by them.
    let derived = rules.derived();
    let unanswered: Vec<usize> = derived
        .order
        .iter()
        .copied()
        .filter(|&i| derived.red_mask[i] && !env.answers.contains_key(&rules.questions[i].id))
        .collect();
    let not_screened = if unanswered.is_empty() {
        Vec::new()
    } else {
        let o = outlook::outlook(rules, env.answers);
        let deps = outlook::dependencies(rules);
        let open: Vec<usize> =
            (0..rules.red_flags.len()).filter(|&f| o.flags[f].settled().is_none()).collect();
        unanswered
            .into_iter()
            .filter(|&i| !o.never[i] && open.iter().any(|&f| deps.flags[f][i]))
            .map(|i| &rules.questions[i])
            .map(|q| QuestionRef { id: q.id.clone(), text: rules.t(&q.text).to_string() })
            .collect()
    };
    Triage { level: d.level, red_flags, open, not_screened }
}

/// One answer that made a condition come out as it did: the question, and the chosen
/// answers of a multiple-choice question that the deciding tests named (`None`: the whole answer).
type Because<'a> = (&'a str, Option<&'a str>);

/// The answers that made a fired flag fire, in the order the condition names them: every
/// test that holds on a branch that holds (each true part of an `any`, not only the first),
/// and the items that counted towards a score it needs. An answer the flag merely reads
/// (a choice ticked besides the one it looks for, a part of a branch that did not hold) is left out.
fn fired_by<'a>(rules: &'a Rules, c: &'a Condition, env: &Env) -> Vec<(&'a str, Option<Vec<&'a str>>)> {
    let mut because = Vec::new();
    deciding(rules, c, env, true, &mut because);
    // One entry per question: the choices that counted, or the whole answer if any part did.
    let mut out: Vec<(&str, Option<Vec<&str>>)> = Vec::new();
    for (question, choice) in because {
        match (out.iter_mut().find(|(q, _)| *q == question), choice) {
            (None, choice) => out.push((question, choice.map(|c| vec![c]))),
            (Some((_, whole @ Some(_))), None) => *whole = None,
            (Some((_, Some(cs))), Some(c)) if !cs.contains(&c) => cs.push(c),
            (Some(_), _) => {}
        }
    }
    out
}

/// Pushes the answers that make `c` come out `want` (which it does) on `env`. Under a `not`
/// the question turns round: the parts that do not hold are the ones that decide.
fn deciding<'a>(rules: &'a Rules, c: &'a Condition, env: &Env, want: bool, out: &mut Vec<Because<'a>>) {
    let is = |c: &Condition, want: bool| c.eval(env) == if want { Truth::True } else { Truth::False };
    match c {
        Condition::Answer { question, test } => {
            let choice = match test {
                // A `contains` that holds is about one ticked answer; one that fails, about all of them.
                crate::condition::Test::Contains(choice) if want => Some(choice.as_str()),
                _ => None,
            };
            out.push((question, choice));
        }
        Condition::Answered(question) | Condition::NotSure(question) => out.push((question, None)),
        // `all` holds through every part, `any` through each part that holds; and the other way round.
        Condition::All(parts) | Condition::Any(parts) => {
            for part in parts.iter().filter(|p| is(p, want)) {
                deciding(rules, part, env, want, out);
            }
        }
        Condition::Not(inner) => deciding(rules, inner, env, !want, out),
        Condition::Score { score, bound } => {
            // The items that pushed the sum past the bound: those that held and added in
            // its direction, and those that did not hold and would have taken away.
            let upwards = matches!(bound, crate::condition::Bound::AtLeast(_)) == want;
            for item in rules.scores.iter().filter(|s| &s.id == score).flat_map(|s| &s.items) {
                let helps = (item.points > 0) == upwards;
                match item.when.eval(env) {
                    Truth::True if item.points != 0 && helps => deciding(rules, &item.when, env, true, out),
                    Truth::False if item.points != 0 && !helps => {
                        deciding(rules, &item.when, env, false, out)
                    }
                    _ => {}
                }
            }
        }
        // Not in a red flag's condition (validation sees to it): their own answers would say.
        Condition::Cause { .. } | Condition::RedFlag(_) => {}
    }
}

pub fn given_answer(rules: &Rules, question: &str, value: &AnswerValue) -> Option<GivenAnswer> {
    let q = rules.question(question)?;
    Some(GivenAnswer {
        question: q.id.clone(),
        text: rules.t(&q.text).to_string(),
        answer: value.clone(),
        answer_text: answer_text(rules, question, value),
    })
}

/// The rules' disclaimer in the language shown; when that is a translation a clinician has not
/// yet reviewed, followed by a sentence that says so, since the person relies on its wording.
pub fn disclaimer(rules: &Rules) -> String {
    let text = rules.t(&rules.disclaimer).to_string();
    let unreviewed =
        rules.translations.iter().any(|t| t.language == rules.lang().code() && !t.reviewed_by_clinician);
    if unreviewed { format!("{text} {}", crate::tr!(rules.lang(), "translation-not-reviewed")) } else { text }
}

/// An answer in words, in the rules' shown language: "Yes", a choice's text, "12 years".
pub fn answer_text(rules: &Rules, question: &str, value: &AnswerValue) -> String {
    let Some(q) = rules.question(question) else { return String::new() };
    let lang = rules.lang();
    let choice = |id: &String| {
        q.kind
            .choices()
            .iter()
            .find(|c| &c.id == id)
            .map_or_else(|| id.clone(), |c| rules.t(&c.text).to_string())
    };
    match value {
        AnswerValue::Bool(true) => tr!(lang, "answer-yes"),
        AnswerValue::Bool(false) => tr!(lang, "answer-no"),
        AnswerValue::NotSure => tr!(lang, "answer-not-sure"),
        AnswerValue::Choice(c) => choice(c),
        AnswerValue::Choices(cs) if cs.is_empty() => tr!(lang, "answer-none-selected"),
        AnswerValue::Choices(cs) => cs.iter().map(choice).collect::<Vec<_>>().join("; "),
        AnswerValue::Number(n) => match &q.kind {
            QuestionKind::Number { unit_one: Some(u), .. } if *n == 1 => format!("{n} {}", rules.t(u)),
            QuestionKind::Number { unit: Some(u), .. } => format!("{n} {}", rules.t(u)),
            QuestionKind::Scale => tr!(lang, "scale-answer", n = n.to_string()),
            _ => n.to_string(),
        },
    }
}

fn fit(rules: &Rules, rec: &Recommendation, d: &FitDecision, env: &Env) -> Fit {
    let t = |text: &crate::text::Text| rules.t(text).to_string();
    let reasons: Vec<String> =
        rec.fits_if.iter().zip(&d.fits).filter(|(_, t)| t.is_true()).map(|(r, _)| t(&r.because)).collect();
    let mut reasons_against = Vec::new();
    let ruled_out_by_level = d.ruled_out_by_level;
    if ruled_out_by_level {
        reasons_against.push(t(&rec.not_at_or_above_because));
    }
    for (reason, truth) in rec.not_if.iter().zip(&d.against) {
        match truth {
            Truth::True => reasons_against.push(t(&reason.because)),
            // A contraindication nobody was asked about, or that the person was not sure
            // of, must not let a therapy through (said only when it is what stands in the way).
            Truth::Unknown if !ruled_out_by_level => {
                for q in questions_behind(rules, &reason.when) {
                    let unanswered = match env.answers.get(q) {
                        None => true,
                        Some(AnswerValue::NotSure) => false,
                        Some(_) => continue,
                    };
                    if let Some(q) = rules.question(q) {
                        let question = rules.t(&q.text);
                        let line = if unanswered {
                            tr!(rules.lang(), "fit-reason-not-answered", question = question)
                        } else {
                            tr!(rules.lang(), "fit-reason-not-sure", question = question)
                        };
                        if !reasons_against.contains(&line) {
                            reasons_against.push(line);
                        }
                    }
                }
            }
            Truth::Unknown | Truth::False => {}
        }
    }
    Fit {
        name: t(&rec.name),
        may_fit: d.may_fit,
        reasons,
        reasons_against,
        targets: None,
        focus: None,
        about: t(&rec.about),
    }
}

/// The questions a condition looks at, directly, through the scores it names, or through
/// the red flags it names (whose own conditions may use scores).
fn questions_behind<'a>(rules: &'a Rules, c: &'a Condition) -> Vec<&'a str> {
    let mut out = rules.questions_used_by(c);
    c.walk(&mut |part| {
        if let Condition::RedFlag(id) = part {
            for flag in rules.red_flags.iter().filter(|f| &f.id == id) {
                out.extend(rules.questions_used_by(&flag.when));
            }
        }
    });
    out.sort_unstable();
    out.dedup();
    out
}
