//! Which prompt comes next. The flow offers the prompts that may be asked now and can
//! still change something; a [`Strategy`] picks one. Strategies are interchangeable,
//! so they can be compared (`cargo bench --bench interview`).

use crate::condition::Truth;
use crate::outlook::{Dependencies, Outlook};
use crate::rules::{Level, QuestionKind, Rules};
use crate::value::{AnswerValue, Answers};

/// One prompt: a single question, or a checklist of questions on one screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Question(usize),
    Checklist(usize),
}

/// A prompt that may be asked now, with the questions (by index) it would show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub unit: Unit,
    pub questions: Vec<usize>,
    /// A checklist some of whose items are not ready yet (they wait for another answer).
    pub waiting: bool,
}

pub trait Strategy {
    /// A short name, for benchmarks.
    fn name(&self) -> &'static str;
    /// The index in `candidates` (never empty, in asking order) of the prompt to ask next.
    fn choose(&self, rules: &Rules, answers: &Answers, outlook: &Outlook, candidates: &[Step]) -> usize;
}

/// The order of the rules file: red-flag questions first, then by section.
pub struct AskingOrder;

impl Strategy for AskingOrder {
    fn name(&self) -> &'static str {
        "asking-order"
    }
    fn choose(&self, _: &Rules, _: &Answers, _: &Outlook, _: &[Step]) -> usize {
        0
    }
}

/// The prompt whose answer can settle the most of what is still open, weighted so that
/// safety comes first: an open emergency red flag outweighs everything below it, and so
/// on down to the order of the causes.
///
/// Each prompt is tried with answers that stand for every way it can be answered (see
/// [`crate::outlook::Dependencies::probes`]; a checklist with "none of these" and with
/// each item alone), and scored by the weight of what the outlook then shows settled,
/// averaged over those answers. First comes the most urgent open red flag a prompt bears
/// on; within that level, a checklist none of whose items still wait for another answer
/// (so it is shown once, whole); then the higher score; then what the prompt bears on at
/// all (for causes, the evidence weight at stake); then asking order.
pub struct SafetyFirst;

/// What an open part of the result weighs.
fn flag_weight(level: Level) -> u64 {
    match level {
        Level::Emergency => 1_000_000,
        Level::Urgent => 10_000,
        Level::Soon => 100,
        Level::SelfCare => 0,
    }
}
const FIT_WEIGHT: u64 = 10;
const CAUSE_WEIGHT: u64 = 1;

impl SafetyFirst {
    /// What `step` bears on, by weight.
    fn weight(rules: &Rules, deps: &Dependencies, outlook: &Outlook, step: &Step) -> u64 {
        let touches = |mask: &[bool]| step.questions.iter().any(|&q| mask[q]);
        let mut w = 0;
        for (i, flag) in rules.red_flags.iter().enumerate() {
            if outlook.flags[i].settled().is_none() && touches(&deps.flags[i]) {
                w += flag_weight(flag.level);
            }
        }
        if !outlook.art.settled() && touches(&deps.art) {
            w += FIT_WEIGHT;
        }
        if !outlook.rehab.settled() && touches(&deps.rehab) {
            w += FIT_WEIGHT;
        }
        for (c, open) in outlook.contending.iter().enumerate() {
            if *open {
                w += step.questions.iter().map(|&q| deps.stakes[c][q]).sum::<u64>() * CAUSE_WEIGHT;
            }
        }
        w
    }
}

impl Strategy for SafetyFirst {
    fn name(&self) -> &'static str {
        "safety-first"
    }
    fn choose(&self, rules: &Rules, answers: &Answers, outlook: &Outlook, candidates: &[Step]) -> usize {
        let deps = crate::outlook::dependencies(rules);
        // The tier decides first, and is cheap; the gain is worked out only within the best tier.
        let tiers: Vec<(Option<Level>, bool)> =
            candidates.iter().map(|s| (Self::tier(rules, deps, outlook, s), !s.waiting)).collect();
        let top = tiers.iter().max().copied().unwrap_or((None, true));
        let mut best: Option<(usize, (bool, u64, u64))> = None;
        for (i, step) in candidates.iter().enumerate().filter(|(i, _)| tiers[*i] == top) {
            let score = (
                Self::follows_up(rules, answers, step),
                Self::gain(rules, deps, answers, outlook, step),
                Self::weight(rules, deps, outlook, step),
            );
            // Strictly better only: ties keep the earlier prompt in asking order.
            if best.is_none_or(|(_, b)| score > b) {
                best = Some((i, score));
            }
        }
        best.map_or(0, |(i, _)| i)
    }
}

impl SafetyFirst {
    /// The most urgent open red flag `step` bears on: while an emergency red flag is open,
    /// only prompts that bear on one are asked, and so on down.
    fn tier(rules: &Rules, deps: &Dependencies, outlook: &Outlook, step: &Step) -> Option<Level> {
        rules
            .red_flags
            .iter()
            .enumerate()
            .filter(|(i, _)| outlook.flags[*i].settled().is_none())
            .filter(|(i, _)| step.questions.iter().any(|&q| deps.flags[*i][q]))
            .map(|(_, f)| f.level)
            .max()
    }

    /// A question that follows up an answer just given ("do you feel very unwell?" after a
    /// fever) comes next within its tier: it is what the person expects, and the answer
    /// that opened it has made it likelier to matter.
    fn follows_up(rules: &Rules, answers: &Answers, step: &Step) -> bool {
        matches!(step.unit, Unit::Question(q)
            if rules.questions[q].ask_if.is_some() && rules.skip_logic(q, answers) == Truth::True)
    }

    /// The weight of what the answers to `step` settle, on average over its probes.
    fn gain(rules: &Rules, deps: &Dependencies, answers: &Answers, now: &Outlook, step: &Step) -> u64 {
        let ids: Vec<&str> = step.questions.iter().map(|&q| rules.questions[q].id.as_str()).collect();
        let hypotheses: Vec<Vec<AnswerValue>> = match step.unit {
            Unit::Question(q) => deps.probes[q].iter().map(|v| vec![v.clone()]).collect(),
            Unit::Checklist(_) => {
                // "None of these", and each tick box alone.
                let questions: Vec<&crate::rules::Question> =
                    step.questions.iter().map(|&q| &rules.questions[q]).collect();
                let none: Vec<AnswerValue> = questions
                    .iter()
                    .map(|q| match &q.kind {
                        QuestionKind::MultipleChoice(c) => AnswerValue::Choices(
                            c.iter().filter(|c| c.exclusive).map(|c| c.id.clone()).take(1).collect(),
                        ),
                        _ => AnswerValue::Bool(false),
                    })
                    .collect();
                let mut out = vec![none.clone()];
                for (i, q) in questions.iter().enumerate() {
                    match &q.kind {
                        QuestionKind::MultipleChoice(c) => {
                            for c in c.iter().filter(|c| !c.exclusive) {
                                let mut one = none.clone();
                                one[i] = AnswerValue::Choices(vec![c.id.clone()]);
                                out.push(one);
                            }
                        }
                        _ => {
                            let mut one = none.clone();
                            one[i] = AnswerValue::Bool(true);
                            out.push(one);
                        }
                    }
                }
                out
            }
        };
        if hypotheses.is_empty() {
            return 0;
        }
        let mut trial = answers.clone();
        let mut total = 0;
        for values in &hypotheses {
            for (id, v) in ids.iter().zip(values) {
                trial.insert((*id).to_string(), v.clone());
            }
            total += settled_weight(rules, now, &crate::outlook::outlook(rules, &trial));
        }
        total / hypotheses.len() as u64
    }
}

/// The weight of what is open in `before` and settled in `after`.
fn settled_weight(rules: &Rules, before: &Outlook, after: &Outlook) -> u64 {
    let mut w = 0;
    for (i, flag) in rules.red_flags.iter().enumerate() {
        if before.flags[i].settled().is_none() && after.flags[i].settled().is_some() {
            w += flag_weight(flag.level);
        }
    }
    if !before.art.settled() && after.art.settled() {
        w += FIT_WEIGHT;
    }
    if !before.rehab.settled() && after.rehab.settled() {
        w += FIT_WEIGHT;
    }
    for (b, a) in before.contending.iter().zip(&after.contending) {
        if *b && !*a {
            w += CAUSE_WEIGHT;
        }
    }
    if !before.causes_settled && after.causes_settled {
        w += FIT_WEIGHT;
    }
    w
}
