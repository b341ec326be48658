//! The interview's state, with no terminal: which question comes next, skip logic,
//! going back, progress, resuming. Pure, so it is tested with scripted answers.

use crate::value::{AnswerValue, Answers};
use crate::condition::{Facts, Range, Truth};
use crate::rules::{Question, Rules};

/// Where an interview stands.
pub struct Flow<'r> {
    rules: &'r Rules,
    order: Vec<usize>,
    answers: Answers,
    /// Positions (in `order`) of the questions answered on the way here, for going back.
    history: Vec<usize>,
    /// Position (in `order`) of the question being asked; `order.len()` when done.
    at: usize,
}

/// Conditions seen from the answers so far. Skip logic never looks at scores of
/// questions not yet asked as settled: a partly known score is unknown.
struct Given<'a>(&'a Rules, &'a Answers);

impl Facts for Given<'_> {
    fn answer(&self, q: &str) -> Option<&AnswerValue> {
        self.1.get(q)
    }
    fn score(&self, id: &str) -> Range {
        let mut range = Range::default();
        for item in self.0.scores.iter().filter(|s| s.id == id).flat_map(|s| &s.items) {
            range.add(item.when.eval(self), item.points);
        }
        range
    }
    fn cause(&self, _: &str) -> Range {
        Range::default() // validation keeps causes out of ask_if
    }
}

impl<'r> Flow<'r> {
    /// A new interview, or one resumed from saved answers: it continues at the first
    /// question that applies and has no answer.
    pub fn new(rules: &'r Rules, answers: Answers) -> Self {
        let order = rules.asking_order();
        let mut flow = Flow { rules, order, answers, history: Vec::new(), at: 0 };
        flow.drop_answers_that_no_longer_apply();
        flow.at = flow.next_applicable(0);
        while flow.at < flow.order.len() && flow.answers.contains_key(&flow.question_at(flow.at).id) {
            flow.history.push(flow.at);
            flow.at = flow.next_applicable(flow.at + 1);
        }
        flow
    }

    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// The question to ask now, or `None` when every question that applies is answered.
    pub fn current(&self) -> Option<&'r Question> {
        (self.at < self.order.len()).then(|| self.question_at(self.at))
    }

    /// The current question's existing answer (after going back, or on resume).
    pub fn current_answer(&self) -> Option<&AnswerValue> {
        self.current().and_then(|q| self.answers.get(&q.id))
    }

    pub fn can_go_back(&self) -> bool {
        !self.history.is_empty()
    }

    /// Records the answer to the current question and moves on. Answers to questions
    /// that no longer apply because of it are dropped.
    pub fn answer(&mut self, value: AnswerValue) {
        let Some(q) = self.current() else { return };
        self.answers.insert(q.id.clone(), value);
        self.drop_answers_that_no_longer_apply();
        self.history.push(self.at);
        self.at = self.next_applicable(self.at + 1);
    }

    /// Returns to the previous question; its answer stays, to be shown preselected.
    pub fn back(&mut self) {
        if let Some(previous) = self.history.pop() {
            self.at = previous;
        }
    }

    /// (this question's number, about how many questions in all), counted over the
    /// questions that apply given the answers so far.
    pub fn progress(&self) -> (usize, usize) {
        let applicable: Vec<usize> = (0..self.order.len()).filter(|&p| self.applies(p)).collect();
        let number = applicable.iter().filter(|&&p| p < self.at).count() + 1;
        (number.min(applicable.len().max(1)), applicable.len())
    }

    fn question_at(&self, position: usize) -> &'r Question {
        &self.rules.questions[self.order[position]]
    }

    /// A question applies unless its ask_if is false: when in doubt, ask.
    fn applies(&self, position: usize) -> bool {
        let q = self.question_at(position);
        q.ask_if.as_ref().is_none_or(|c| c.eval(&Given(self.rules, &self.answers)) != Truth::False)
    }

    fn next_applicable(&self, from: usize) -> usize {
        (from..self.order.len()).find(|&p| self.applies(p)).unwrap_or(self.order.len())
    }

    /// One pass in asking order suffices: an ask_if only looks at earlier questions.
    fn drop_answers_that_no_longer_apply(&mut self) {
        for p in 0..self.order.len() {
            if !self.applies(p) {
                let id = &self.question_at(p).id;
                self.answers.remove(id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::AnswerValue::{Bool, Choice, Choices, Number};

    fn rules() -> Rules {
        let text = include_str!("../../tests/fixtures/rules/minimal.json");
        crate::rules::parse(text, "minimal.json").expect("valid")
    }

    fn ids(flow: &Flow) -> Option<String> {
        flow.current().map(|q| q.id.clone())
    }

    #[test]
    fn red_flag_questions_come_first_then_sections_in_order() {
        let r = rules();
        let mut flow = Flow::new(&r, Answers::new());
        let mut asked = Vec::new();
        while let Some(q) = flow.current() {
            asked.push(q.id.clone());
            let v = match q.kind.name() {
                "yes_no" => Bool(true),
                "single_choice" => Choice("one".into()),
                "multiple_choice" => Choices(vec!["lifting".into()]),
                _ => Number(20),
            };
            flow.answer(v);
        }
        assert_eq!(asked, ["saddle", "weak", "worse", "age", "pain", "sitting", "sports", "deadlift_stiff"]);
    }

    #[test]
    fn a_question_whose_ask_if_is_false_is_not_asked() {
        let r = rules();
        let mut flow = Flow::new(&r, Answers::new());
        flow.answer(Bool(false));
        flow.answer(Choice("none".into()));
        assert_eq!(ids(&flow).as_deref(), Some("age"), "no weakness: the drill-down is skipped");
    }

    #[test]
    fn going_back_returns_to_the_previous_question_with_its_answer() {
        let r = rules();
        let mut flow = Flow::new(&r, Answers::new());
        assert!(!flow.can_go_back());
        flow.answer(Bool(false));
        flow.answer(Choice("one".into()));
        flow.back();
        assert_eq!(ids(&flow).as_deref(), Some("weak"));
        assert_eq!(flow.current_answer(), Some(&Choice("one".into())));
    }

    #[test]
    fn changing_an_earlier_answer_drops_answers_that_no_longer_apply() {
        let r = rules();
        let mut flow = Flow::new(&r, Answers::new());
        flow.answer(Bool(false));
        flow.answer(Choice("one".into()));
        flow.answer(Bool(true)); // worse
        flow.back();
        flow.back();
        flow.answer(Choice("none".into()));
        assert!(!flow.answers().contains_key("worse"));
        assert_eq!(ids(&flow).as_deref(), Some("age"));
    }

    #[test]
    fn progress_counts_only_questions_that_apply_and_is_recomputed() {
        let r = rules();
        let mut flow = Flow::new(&r, Answers::new());
        assert_eq!(flow.progress(), (1, 8), "unknown drill-downs count until ruled out");
        flow.answer(Bool(false));
        flow.answer(Choice("none".into()));
        assert_eq!(flow.progress(), (3, 7));
        for v in [Number(30), Number(2), Number(1)] {
            flow.answer(v);
        }
        flow.answer(Choices(vec!["running".into()]));
        assert_eq!(flow.progress(), (6, 6));
        assert!(flow.current().is_none(), "no deadlift question for a runner");
    }

    #[test]
    fn resuming_continues_at_the_first_unanswered_question() {
        let r = rules();
        let saved: Answers = [("saddle", Bool(false)), ("weak", Choice("none".into())), ("age", Number(40))]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        let mut flow = Flow::new(&r, saved);
        assert_eq!(ids(&flow).as_deref(), Some("pain"));
        assert_eq!(flow.progress(), (4, 7));
        flow.back();
        assert_eq!(ids(&flow).as_deref(), Some("age"), "a resumed interview can still go back");
    }
}
