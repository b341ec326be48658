//! The interview's state, with no terminal: which prompt comes next, skip logic, the
//! stop rule, going back, progress, resuming. Pure, so it is tested with scripted answers.
//!
//! After every answer the flow asks [`outlook`] whether any answer still to come could
//! change the result; when none can, it stops. Otherwise it offers the prompts that may
//! be asked now (skip logic allows them, the questions they depend on are answered) and
//! that bear on something still open, and its [`Strategy`] picks one.

use super::strategy::{Step, Strategy, Unit};
use crate::decision;
use crate::outlook::{self, Outlook};
use crate::rules::{Level, Rules};
use crate::value::{AnswerValue, Answers};

/// Why a flow has no prompt left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    /// Nothing still to ask could change the result.
    Decided,
    /// Every question that applies has an answer.
    Complete,
}

/// Where an interview stands.
pub struct Flow<'r> {
    rules: &'r Rules,
    strategy: &'r dyn Strategy,
    answers: Answers,
    /// The prompts answered on the way here, for going back.
    history: Vec<Step>,
    current: Option<Step>,
    done: Option<Done>,
    /// Asking order as prompts: each checklist at its first item, and every question
    /// that is in no checklist.
    units: Vec<Unit>,
    /// The outlook `advance` worked out, kept for `progress` while the answers stay as they
    /// were: it is the costly part of a prompt, and needed only once.
    outlook: Option<Outlook>,
}

impl<'r> Flow<'r> {
    /// A new interview, or one resumed from saved answers: the saved answers are replayed
    /// prompt by prompt, as the strategy would have asked them, and the interview goes on
    /// at the first prompt they do not answer. A saved emergency answer is asked again,
    /// so it can be confirmed or changed.
    pub fn new(rules: &'r Rules, strategy: &'r dyn Strategy, saved: Answers) -> Self {
        let d = rules.derived();
        let mut units = Vec::new();
        for &i in &d.order {
            match d.checklist_of[i] {
                Some(c) if !units.contains(&Unit::Checklist(c)) => units.push(Unit::Checklist(c)),
                Some(_) => {}
                None => units.push(Unit::Question(i)),
            }
        }
        let mut flow = Flow {
            rules,
            strategy,
            answers: Answers::new(),
            history: Vec::new(),
            current: None,
            done: None,
            units,
            outlook: None,
        };
        flow.advance();
        let mut emergency_pending = false;
        while let Some(step) = flow.current.clone() {
            let values: Option<Vec<AnswerValue>> =
                step.questions.iter().map(|&q| saved.get(&rules.questions[q].id).cloned()).collect();
            let Some(values) = values else { break };
            flow.answer(values);
            if flow.is_emergency() {
                flow.back();
                emergency_pending = true;
                break;
            }
        }
        // Answers the replay did not reach are kept: the result uses every answer given.
        for (id, v) in saved {
            flow.answers.entry(id).or_insert(v);
        }
        flow.drop_answers_that_no_longer_apply();
        flow.outlook = None;
        if !emergency_pending {
            flow.advance();
        }
        flow
    }

    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// The prompt to ask now, or `None` when the interview is over (see [`Flow::done`]).
    pub fn current(&self) -> Option<&Step> {
        self.current.as_ref()
    }

    pub fn done(&self) -> Option<Done> {
        self.done
    }

    /// The current prompt's existing answers (after going back, or on resume), by question.
    pub fn current_answers(&self) -> Vec<Option<&AnswerValue>> {
        self.current
            .iter()
            .flat_map(|s| &s.questions)
            .map(|&q| self.answers.get(&self.rules.questions[q].id))
            .collect()
    }

    pub fn can_go_back(&self) -> bool {
        !self.history.is_empty()
    }

    /// The prompts answered so far, oldest first.
    pub fn history(&self) -> &[Step] {
        &self.history
    }

    /// Whether the answers so far need emergency care.
    pub fn is_emergency(&self) -> bool {
        decision::decide(self.rules, &self.answers).level == Level::Emergency
    }

    /// Records the answers to the current prompt (one per question shown) and moves on.
    /// Answers to questions that no longer apply because of them are dropped.
    pub fn answer(&mut self, values: Vec<AnswerValue>) {
        let Some(step) = self.current.take() else { return };
        for (&q, v) in step.questions.iter().zip(values) {
            self.answers.insert(self.rules.questions[q].id.clone(), v);
        }
        self.drop_answers_that_no_longer_apply();
        self.outlook = None;
        self.history.push(step);
        self.advance();
    }

    /// Returns to the previous prompt; its answers stay, to be shown preselected.
    pub fn back(&mut self) {
        if let Some(previous) = self.history.pop() {
            self.current = Some(previous);
            self.done = None;
        }
    }

    /// (this prompt's number, the most prompts that can still come after it). The second
    /// only falls as answers come: what is settled stays settled.
    pub fn progress(&self) -> (usize, usize) {
        let number = self.history.len() + 1;
        let more = match &self.outlook {
            Some(o) => self.at_most(o),
            None => self.at_most(&outlook::outlook(self.rules, &self.answers)),
        };
        (number, more)
    }

    /// An upper bound on the prompts still to come after the current one.
    fn at_most(&self, o: &Outlook) -> usize {
        let open = o.open_questions(self.rules);
        let d = self.rules.derived();
        let possible = |q: usize| !self.answered(q) && !o.never[q] && open[q];
        let current: &[usize] = self.current.as_ref().map_or(&[], |s| &s.questions);
        let mut count = 0;
        for &unit in &self.units {
            count += match unit {
                Unit::Checklist(c) => {
                    let items: Vec<usize> = self
                        .checklist_items(c)
                        .into_iter()
                        .filter(|&q| possible(q) && !current.contains(&q))
                        .collect();
                    // Shown together once; an item not ready by then comes on its own later.
                    let later = items.iter().filter(|&&q| !self.rules.ready(q, &self.answers)).count();
                    usize::from(items.len() > later) + later
                }
                Unit::Question(q) => {
                    usize::from(d.checklist_of[q].is_none() && possible(q) && !current.contains(&q))
                }
            };
        }
        count
    }

    fn answered(&self, q: usize) -> bool {
        self.answers.contains_key(&self.rules.questions[q].id)
    }

    fn checklist_items(&self, c: usize) -> Vec<usize> {
        self.rules.checklists[c].items.iter().filter_map(|i| self.rules.question_index(&i.question)).collect()
    }

    fn applies(&self, q: usize) -> bool {
        self.rules.applies(q, &self.answers)
    }

    /// The prompts that may be asked now, in asking order. A checklist shows those of its
    /// items that may be asked now; one item left on its own is asked as its own question.
    fn candidates(&self) -> Vec<Step> {
        let eligible = |q: usize| !self.answered(q) && self.rules.ready(q, &self.answers);
        let d = self.rules.derived();
        let mut out = Vec::new();
        for &unit in &self.units {
            match unit {
                Unit::Checklist(c) => {
                    let items = self.checklist_items(c);
                    let shown: Vec<usize> = items.iter().copied().filter(|&q| eligible(q)).collect();
                    // Items that may apply once an earlier answer is in would be asked on their own.
                    let waiting = items.iter().any(|&q| {
                        !self.answered(q) && self.applies(q) && !self.rules.ready(q, &self.answers)
                    });
                    match shown[..] {
                        [] => {}
                        [q] => out.push(Step { unit: Unit::Question(q), questions: vec![q], waiting: false }),
                        _ => out.push(Step { unit, questions: shown, waiting }),
                    }
                }
                Unit::Question(q) => {
                    if d.checklist_of[q].is_none() && eligible(q) {
                        out.push(Step { unit, questions: vec![q], waiting: false });
                    }
                }
            }
        }
        out
    }

    /// Picks the next prompt, or stops.
    fn advance(&mut self) {
        self.current = None;
        let candidates = self.candidates();
        if candidates.is_empty() {
            self.done = Some(Done::Complete);
            return;
        }
        let o = outlook::outlook(self.rules, &self.answers);
        if o.settled() {
            self.done = Some(Done::Decided);
            return;
        }
        // Only prompts that bear on something still open; the rest could change nothing.
        let open = o.open_questions(self.rules);
        let relevant: Vec<Step> =
            candidates.iter().filter(|s| s.questions.iter().any(|&q| open[q])).cloned().collect();
        let pool = if relevant.is_empty() { candidates } else { relevant };
        let pick = self.strategy.choose(self.rules, &self.answers, &o, &pool).min(pool.len() - 1);
        self.current = pool.into_iter().nth(pick);
        self.done = None;
        self.outlook = Some(o);
    }

    /// One pass in asking order suffices: an ask_if only looks at earlier questions.
    fn drop_answers_that_no_longer_apply(&mut self) {
        for &q in &self.rules.derived().order {
            if !self.applies(q) {
                let id = &self.rules.questions[q].id;
                self.answers.remove(id);
            }
        }
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::interview::strategy::{AskingOrder, SafetyFirst};
    use crate::value::AnswerValue::{Bool, Choice, Choices, NotSure, Number};

    fn minimal() -> Rules {
        crate::rules::parse(include_str!("../../tests/fixtures/rules/minimal.json"), "minimal.json")
            .expect("valid")
    }

    fn ids(flow: &Flow) -> Vec<String> {
        let rules = flow.rules;
        flow.current()
            .map(|s| s.questions.iter().map(|&q| rules.questions[q].id.clone()).collect())
            .unwrap_or_default()
    }

    fn answers(pairs: &[(&str, AnswerValue)]) -> Answers {
        pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
    }

    #[test]
    fn a_question_that_settles_the_most_urgent_red_flags_is_asked_first() {
        let r = minimal();
        let flow = Flow::new(&r, &SafetyFirst, Answers::new());
        // `weak` settles an emergency flag and, answered "none" or "both", an urgent one too.
        assert_eq!(ids(&flow), ["weak"]);
        assert_eq!(ids(&Flow::new(&r, &AskingOrder, Answers::new())), ["saddle"]);
    }

    #[test]
    fn the_interview_stops_as_soon_as_nothing_left_to_ask_can_change_the_result() {
        let r = minimal();
        let mut flow = Flow::new(&r, &SafetyFirst, Answers::new());
        let mut asked = Vec::new();
        while let Some(id) = ids(&flow).first().cloned() {
            asked.push(id.clone());
            let v = match id.as_str() {
                "saddle" => Bool(false),
                "weak" => Choice("none".into()),
                "age" => Number(30),
                "pain" => Number(3),
                "sitting" => Number(1),
                "sports" => Choices(vec!["neither".into()]),
                other => panic!("{other} was asked, but no answer to it can change the result"),
            };
            flow.answer(v.into_iter_one());
        }
        assert_eq!(flow.done(), Some(Done::Decided));
        assert!(!asked.contains(&"deadlift_stiff".to_string()));
        assert!(crate::outlook::outlook(&r, flow.answers()).settled());
    }

    #[test]
    fn a_drill_down_waits_for_the_question_that_leads_to_it() {
        let r = minimal();
        let mut flow = Flow::new(&r, &AskingOrder, Answers::new());
        flow.answer(vec![Bool(false)]);
        assert_eq!(ids(&flow), ["weak"], "`worse` depends on `weak`, so `weak` comes first");
        flow.answer(vec![Choice("one".into())]);
        assert_eq!(ids(&flow), ["worse"], "the drill-down follows as soon as it applies");
    }

    #[test]
    fn a_drill_down_that_does_not_apply_is_never_asked() {
        let r = minimal();
        let mut flow = Flow::new(&r, &AskingOrder, Answers::new());
        flow.answer(vec![Bool(false)]);
        flow.answer(vec![Choice("none".into())]);
        assert_ne!(ids(&flow), ["worse"]);
    }

    #[test]
    fn going_back_returns_to_the_previous_prompt_with_its_answer() {
        let r = minimal();
        let mut flow = Flow::new(&r, &AskingOrder, Answers::new());
        assert!(!flow.can_go_back());
        flow.answer(vec![Bool(false)]);
        flow.answer(vec![Choice("one".into())]);
        flow.back();
        assert_eq!(ids(&flow), ["weak"]);
        assert_eq!(flow.current_answers(), [Some(&Choice("one".into()))]);
    }

    #[test]
    fn changing_an_earlier_answer_drops_answers_that_no_longer_apply() {
        let r = minimal();
        let mut flow = Flow::new(&r, &AskingOrder, Answers::new());
        flow.answer(vec![Bool(false)]);
        flow.answer(vec![Choice("one".into())]);
        flow.answer(vec![Bool(true)]); // worse
        flow.back();
        flow.back();
        flow.answer(vec![Choice("none".into())]);
        assert!(!flow.answers().contains_key("worse"));
    }

    #[test]
    fn the_most_still_to_come_only_falls_as_answers_come() {
        let r = crate::rules::load(None).expect("built-in rules");
        let mut flow = Flow::new(&r, &SafetyFirst, Answers::new());
        let mut last = usize::MAX;
        while let Some(step) = flow.current().cloned() {
            let (number, more) = flow.progress();
            assert_eq!(number, flow.history().len() + 1);
            assert!(more <= last, "at most {more} more after at most {last} more");
            last = more;
            let values = step.questions.iter().map(|&q| first_probe(&r, q)).collect();
            flow.answer(values);
        }
    }

    #[test]
    fn at_most_m_more_is_never_exceeded_on_any_vignette() {
        let r = crate::rules::load(None).expect("built-in rules");
        for n in 1..=13 {
            let path = format!("{}/tests/vignettes/p{n:02}.json", env!("CARGO_MANIFEST_DIR"));
            let file = crate::answers::load(std::path::Path::new(&path), &r).expect("vignette");
            let mut flow = Flow::new(&r, &SafetyFirst, Answers::new());
            let mut promised = Vec::new();
            while let Some(step) = flow.current().cloned() {
                promised.push(flow.progress().1);
                let values = step
                    .questions
                    .iter()
                    .map(|&q| file.answers.get(&r.questions[q].id).cloned().unwrap_or(NotSure))
                    .collect();
                flow.answer(values);
                if flow.is_emergency() {
                    break;
                }
            }
            for (i, more) in promised.iter().enumerate() {
                let came = promised.len() - i - 1;
                assert!(came <= *more, "p{n:02}: prompt {} promised at most {more} more, {came} came", i + 1);
            }
        }
    }

    #[test]
    fn every_question_of_a_checklist_shows_on_one_prompt() {
        let r = crate::rules::load(None).expect("built-in rules");
        let flow = Flow::new(&r, &SafetyFirst, Answers::new());
        let step = flow.current().expect("a first prompt");
        assert!(matches!(step.unit, Unit::Checklist(_)));
        assert_eq!(
            ids(&flow),
            ["saddle_numbness", "bladder_change", "bowel_change", "sexual_change", "gait_change"]
        );
    }

    #[test]
    fn resuming_replays_the_saved_answers_and_continues_at_the_first_prompt_they_leave_open() {
        let r = minimal();
        let saved = answers(&[("saddle", Bool(false)), ("weak", Choice("none".into()))]);
        let mut flow = Flow::new(&r, &AskingOrder, saved);
        assert_eq!(flow.history().len(), 2);
        assert_eq!(flow.progress().0, 3);
        flow.back();
        assert_eq!(ids(&flow), ["weak"], "a resumed interview can still go back");
    }

    #[test]
    fn a_resumed_emergency_answer_is_asked_again_so_it_can_be_changed() {
        let r = minimal();
        let saved = answers(&[("saddle", Bool(true))]);
        let mut flow = Flow::new(&r, &AskingOrder, saved);
        assert_eq!(ids(&flow), ["saddle"]);
        assert_eq!(flow.current_answers(), [Some(&Bool(true))]);
        flow.answer(vec![Bool(false)]);
        assert!(!flow.is_emergency());
        assert_ne!(ids(&flow), ["saddle"]);
    }

    #[test]
    fn a_checklist_partly_answered_shows_the_rest_together_and_a_last_item_on_its_own() {
        let r = crate::rules::load(None).expect("built-in rules");
        let saved = answers(&[("saddle_numbness", Bool(false)), ("bladder_change", Bool(false))]);
        let flow = Flow::new(&r, &SafetyFirst, saved);
        assert_eq!(ids(&flow), ["bowel_change", "sexual_change", "gait_change"]);
        let saved = answers(&[
            ("saddle_numbness", Bool(false)),
            ("bladder_change", Bool(false)),
            ("bowel_change", Bool(false)),
            ("sexual_change", Bool(false)),
        ]);
        let flow = Flow::new(&r, &AskingOrder, saved);
        let step = flow.current().expect("a prompt");
        assert_eq!(ids(&flow), ["gait_change"]);
        assert!(matches!(step.unit, Unit::Question(_)), "one item is asked as its own question");
    }

    #[test]
    fn not_sure_is_an_answer_and_the_flow_moves_on() {
        let r = minimal();
        let mut flow = Flow::new(&r, &AskingOrder, Answers::new());
        flow.answer(vec![NotSure]);
        assert_eq!(flow.answers().get("saddle"), Some(&NotSure));
        assert_ne!(ids(&flow), ["saddle"]);
    }

    /// The first of the answers that stand for a question's possible answers.
    fn first_probe(r: &Rules, q: usize) -> AnswerValue {
        crate::outlook::dependencies(r).probes[q].last().cloned().unwrap_or(NotSure)
    }

    trait One {
        fn into_iter_one(self) -> Vec<AnswerValue>;
    }

    impl One for AnswerValue {
        fn into_iter_one(self) -> Vec<AnswerValue> {
            vec![self]
        }
    }
}
