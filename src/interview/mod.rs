//! The interactive interview: asks what can still change the result, safety first,
//! with checklists, "not sure", skip logic, going back, progress, a stop as soon as the
//! result is settled, and an immediate (confirmed) stop on an emergency answer.
//!
//! The flow talks to a person only through [`Prompter`], so it is tested with
//! scripted replies; [`terminal`] is the real implementation.

pub mod flow;
pub mod replay;
pub mod run;
pub mod strategy;
pub mod terminal;

use crate::engine::{self, FiredFlag};
use crate::rules::{Checklist, Level, Question, Rules};
use crate::value::{AnswerValue, Answers};
use flow::{Done, Flow};
use std::io;
use std::path::PathBuf;
pub use strategy::{AskingOrder, SafetyFirst, Step, Strategy, Unit};

/// One prompt to put to the person: a question, or a checklist of yes/no questions.
pub struct Prompt<'a> {
    pub rules: &'a Rules,
    /// Set when the questions are the items of this checklist, shown together.
    pub checklist: Option<&'a Checklist>,
    /// The question, or the checklist items shown (those that apply and have no answer).
    pub questions: Vec<&'a Question>,
    /// The answers given before (after going back, or on resume), to preselect; by question.
    pub current: Vec<Option<&'a AnswerValue>>,
    /// "Question `number`", and "at most `more` more" after this one.
    pub number: usize,
    pub more: usize,
    pub can_go_back: bool,
    /// The section's title, when this prompt starts a new section.
    pub new_section: Option<&'a str>,
}

impl Prompt<'_> {
    /// The label of item `i` of a checklist: its own, or its question's text.
    pub fn item_text(&self, i: usize) -> &str {
        let q = self.questions[i];
        let own = self.checklist.and_then(|c| c.items.iter().find(|it| it.question == q.id)).and_then(|it| it.text.as_ref());
        self.rules.t(own.unwrap_or(&q.text))
    }
}

pub enum Reply {
    /// One answer per question shown, in order.
    Answers(Vec<AnswerValue>),
    Back,
}

/// Why the person stopped answering.
#[derive(Debug)]
pub enum Stop {
    /// Ctrl-C, Ctrl-D, or the input closed.
    Cancelled,
    Io(io::Error),
}

impl From<io::Error> for Stop {
    fn from(e: io::Error) -> Self {
        Stop::Io(e)
    }
}

pub trait Prompter {
    fn ask(&mut self, prompt: &Prompt<'_>) -> Result<Reply, Stop>;
    /// An answer needs emergency care: is it right? `true` confirms and stops the
    /// interview; `false` goes back to the question to change it.
    fn confirm_emergency(&mut self, rules: &Rules, flags: &[FiredFlag]) -> Result<bool, Stop>;
    /// Offers to save the answers when no --save file was given; `None` declines.
    fn offer_save(&mut self) -> Result<Option<PathBuf>, Stop>;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// Every question that applies has an answer.
    Complete,
    /// Nothing still to ask could change the result.
    Decided,
    /// An emergency red flag fired and the person confirmed it; nothing more was asked.
    Emergency,
    Cancelled,
}

impl Ending {
    /// The `status` written into a saved answers file.
    pub fn status(self) -> &'static str {
        match self {
            Ending::Complete | Ending::Decided => "complete",
            Ending::Emergency => "stopped_at_emergency",
            Ending::Cancelled => "incomplete",
        }
    }

    /// How replay names it.
    pub fn stopped(self) -> &'static str {
        match self {
            Ending::Complete => "complete",
            Ending::Decided => "decided",
            Ending::Emergency => "emergency",
            Ending::Cancelled => "cancelled",
        }
    }
}

pub struct Session {
    pub answers: Answers,
    pub ending: Ending,
    /// The questions of each prompt answered, in order (ids).
    pub prompts: Vec<Vec<String>>,
}

/// Runs the interview from `start` (empty, or a resumed file's answers) to its end.
/// `after_each` sees the answers after every reply, to save them as they come.
pub fn conduct(
    rules: &Rules,
    strategy: &dyn Strategy,
    prompter: &mut dyn Prompter,
    start: Answers,
    after_each: &mut dyn FnMut(&Answers),
) -> Result<Session, io::Error> {
    let mut flow = Flow::new(rules, strategy, start);
    let mut last_section: Option<&str> = None;
    let session = |flow: &Flow, ending| Session {
        answers: flow.answers().clone(),
        ending,
        prompts: flow
            .history()
            .iter()
            .map(|s| s.questions.iter().map(|&q| rules.questions[q].id.clone()).collect())
            .collect(),
    };
    loop {
        let Some(step) = flow.current().cloned() else {
            let ending = match flow.done() {
                Some(Done::Decided) => Ending::Decided,
                _ => Ending::Complete,
            };
            return Ok(session(&flow, ending));
        };
        let (number, more) = flow.progress();
        let questions: Vec<&Question> = step.questions.iter().map(|&q| &rules.questions[q]).collect();
        let section = rules.sections.iter().find(|s| s.id == questions[0].section);
        let new_section = match section {
            Some(s) if last_section != Some(s.id.as_str()) => Some(rules.t(&s.title)),
            _ => None,
        };
        last_section = section.map(|s| s.id.as_str());
        let prompt = Prompt {
            rules,
            checklist: match step.unit {
                Unit::Checklist(c) => Some(&rules.checklists[c]),
                Unit::Question(_) => None,
            },
            questions,
            current: flow.current_answers(),
            number,
            more,
            can_go_back: flow.can_go_back(),
            new_section,
        };
        match prompter.ask(&prompt) {
            Ok(Reply::Answers(values)) => {
                flow.answer(values);
                after_each(flow.answers());
                if flow.is_emergency() {
                    let outcome = engine::evaluate(rules, flow.answers());
                    let flags: Vec<FiredFlag> =
                        outcome.triage.red_flags.into_iter().filter(|f| f.level == Level::Emergency).collect();
                    match prompter.confirm_emergency(rules, &flags) {
                        Ok(true) => return Ok(session(&flow, Ending::Emergency)),
                        Ok(false) => {
                            flow.back();
                            last_section = None;
                        }
                        Err(Stop::Cancelled) => return Ok(session(&flow, Ending::Cancelled)),
                        Err(Stop::Io(e)) => return Err(e),
                    }
                }
            }
            Ok(Reply::Back) => {
                flow.back();
                last_section = None;
            }
            Err(Stop::Cancelled) => return Ok(session(&flow, Ending::Cancelled)),
            Err(Stop::Io(e)) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::AnswerValue::{Bool, Choice, Choices, Number};
    use std::collections::VecDeque;

    /// Replies from a script, recording what was asked.
    struct Scripted {
        replies: VecDeque<Result<Reply, Stop>>,
        asked: Vec<(String, usize, usize, Option<AnswerValue>)>,
    }

    impl Scripted {
        fn new(replies: Vec<Result<Reply, Stop>>) -> Self {
            Scripted { replies: replies.into(), asked: Vec::new() }
        }
        fn asked_ids(&self) -> Vec<&str> {
            self.asked.iter().map(|a| a.0.as_str()).collect()
        }
    }

    impl Prompter for Scripted {
        fn ask(&mut self, p: &Prompt<'_>) -> Result<Reply, Stop> {
            self.asked.push((p.question.id.clone(), p.number, p.total, p.current.cloned()));
            self.replies.pop_front().unwrap_or_else(|| panic!("no scripted reply for {}", p.question.id))
        }
        fn offer_save(&mut self) -> Result<Option<PathBuf>, Stop> {
            Ok(None)
        }
    }

    fn a(v: AnswerValue) -> Result<Reply, Stop> {
        Ok(Reply::Answer(v))
    }

    fn rules() -> Rules {
        crate::rules::parse(include_str!("../../tests/fixtures/rules/minimal.json"), "minimal.json")
            .expect("valid")
    }

    fn run(script: Vec<Result<Reply, Stop>>, start: Answers) -> (Session, Scripted) {
        let r = rules();
        let mut p = Scripted::new(script);
        let session = conduct(&r, &mut p, start, &mut |_| {}).expect("no I/O error");
        (session, p)
    }

    #[test]
    fn a_full_self_care_path_asks_every_question_that_applies() {
        let (s, p) = run(
            vec![
                a(Bool(false)),
                a(Choice("none".into())),
                a(Number(30)),
                a(Number(3)),
                a(Number(8)),
                a(Choices(vec!["running".into()])),
            ],
            Answers::new(),
        );
        assert_eq!(s.ending, Ending::Complete);
        assert_eq!(p.asked_ids(), ["saddle", "weak", "age", "pain", "sitting", "sports"]);
        assert_eq!(s.answers.len(), 6);
    }

    #[test]
    fn an_emergency_answer_stops_the_interview_and_asks_nothing_more() {
        let (s, p) = run(vec![a(Bool(true))], Answers::new());
        assert_eq!(s.ending, Ending::Emergency);
        assert_eq!(p.asked_ids(), ["saddle"], "nothing is asked after the red flag");
    }

    #[test]
    fn going_back_shows_the_previous_answer_and_a_changed_answer_drops_what_no_longer_applies() {
        let (s, p) = run(
            vec![
                a(Bool(false)),
                a(Choice("one".into())),
                Ok(Reply::Back), // at "worse": back to "weak"
                a(Choice("none".into())),
                a(Number(30)),
                a(Number(3)),
                a(Number(1)),
                a(Choices(vec!["neither".into()])),
            ],
            Answers::new(),
        );
        assert_eq!(s.ending, Ending::Complete);
        assert_eq!(p.asked[3].0, "weak");
        assert_eq!(p.asked[3].3, Some(Choice("one".into())), "the earlier answer is preselected");
        assert!(!p.asked_ids()[4..].contains(&"worse"));
    }

    #[test]
    fn cancelling_keeps_the_answers_given_so_far() {
        let (s, _) = run(vec![a(Bool(false)), Err(Stop::Cancelled)], Answers::new());
        assert_eq!(s.ending, Ending::Cancelled);
        assert_eq!(s.answers.get("saddle"), Some(&Bool(false)));
    }

    #[test]
    fn a_resumed_interview_starts_at_the_first_unanswered_question() {
        let start: Answers = [("saddle", Bool(false)), ("weak", Choice("none".into()))]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        let (_, p) = run(vec![Err(Stop::Cancelled)], start);
        assert_eq!(p.asked[0].0, "age");
        assert_eq!((p.asked[0].1, p.asked[0].2), (3, 7), "progress counts the answers already given");
    }

    #[test]
    fn a_resumed_file_holding_an_emergency_answer_stops_before_asking() {
        let start: Answers = [("saddle".to_string(), Bool(true))].into_iter().collect();
        let (s, p) = run(vec![], start);
        assert_eq!(s.ending, Ending::Emergency);
        assert!(p.asked.is_empty());
    }

    #[test]
    fn progress_is_recomputed_as_skip_logic_changes_the_count() {
        let (_, p) =
            run(vec![a(Bool(false)), a(Choice("none".into())), Err(Stop::Cancelled)], Answers::new());
        let progress: Vec<(usize, usize)> = p.asked.iter().map(|a| (a.1, a.2)).collect();
        assert_eq!(progress, [(1, 8), (2, 8), (3, 7)]);
    }

    #[test]
    fn the_answers_are_handed_on_after_every_reply() {
        let r = rules();
        let mut p = Scripted::new(vec![a(Bool(false)), Err(Stop::Cancelled)]);
        let mut seen = Vec::new();
        conduct(&r, &mut p, Answers::new(), &mut |answers| seen.push(answers.len())).expect("ok");
        assert_eq!(seen, [1]);
    }
}
