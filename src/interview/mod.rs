//! The interactive interview: asks what can still change the result, safety first,
//! with checklists, "not sure", skip logic, going back, progress, a stop as soon as the
//! result is settled, and an immediate (confirmed) stop on an emergency answer.
//!
//! The flow talks to a person only through [`Prompter`], so it is tested with
//! scripted replies; [`terminal`] is the real implementation.

pub mod flow;
pub mod plain;
pub mod replay;
pub mod run;
#[cfg(unix)]
pub mod signals;
/// Elsewhere the default handling applies: the process stops, and the answers saved after
/// every reply are on disk.
#[cfg(not(unix))]
pub mod signals {
    pub fn install(_saved: Option<std::path::PathBuf>, _plain: bool, _lang: crate::i18n::Lang) {}
    pub fn pending() -> Option<i32> {
        None
    }
    pub fn leave(signal: i32) -> ! {
        std::process::exit(128 + signal)
    }
}
pub mod strategy;
pub mod terminal;

use crate::engine::{self, FiredFlag};
use crate::rules::{Checklist, Level, Question, QuestionKind, Rules};
use crate::value::{AnswerValue, Answers};
use flow::{Done, Flow};
use std::io;
use std::path::{Path, PathBuf};
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
    /// The title of the section the prompt's (first) question belongs to.
    pub section: Option<&'a str>,
}

/// One tick box of a checklist: a yes/no question, or one choice of a multiple-choice one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<'a> {
    /// Index into the prompt's `questions`.
    pub question: usize,
    /// The choice's index, for a multiple-choice item.
    pub choice: Option<usize>,
    pub label: &'a str,
    /// A heading shown above this row (the first choice of a headed multiple-choice item).
    pub heading: Option<&'a str>,
}

impl<'a> Prompt<'a> {
    /// A checklist's tick boxes, in order. An exclusive ("none") choice is not a row:
    /// it is what an item with none of its choices ticked records.
    pub fn rows(&self) -> Vec<Row<'a>> {
        let rules = self.rules;
        let mut rows = Vec::new();
        for (i, q) in self.questions.iter().enumerate() {
            let own = self
                .checklist
                .and_then(|c| c.items.iter().find(|it| it.question == q.id))
                .and_then(|it| it.text.as_ref());
            match &q.kind {
                QuestionKind::MultipleChoice(choices) => {
                    let mut heading = own.map(|t| rules.t(t));
                    for (j, c) in choices.iter().enumerate().filter(|(_, c)| !c.exclusive) {
                        rows.push(Row {
                            question: i,
                            choice: Some(j),
                            label: rules.t(&c.text),
                            heading: heading.take(),
                        });
                    }
                }
                _ => rows.push(Row {
                    question: i,
                    choice: None,
                    label: rules.t(own.unwrap_or(&q.text)),
                    heading: None,
                }),
            }
        }
        rows
    }

    /// The answers a checklist's rows stand for: per row, ticked (`Some(true)`), not sure
    /// (`None`), or not ticked (`Some(false)`). A multiple-choice item records the choices
    /// ticked, or its "none" choice.
    pub fn checklist_answers(&self, marks: &[Option<bool>]) -> Vec<AnswerValue> {
        let rows = self.rows();
        self.questions
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let mine = rows.iter().zip(marks).filter(|(r, _)| r.question == i);
                match &q.kind {
                    QuestionKind::MultipleChoice(choices) => {
                        let ticked: Vec<String> = mine
                            .filter(|(_, m)| **m == Some(true))
                            .filter_map(|(r, _)| r.choice.map(|j| choices[j].id.clone()))
                            .collect();
                        if ticked.is_empty() {
                            let none = choices.iter().filter(|c| c.exclusive).map(|c| c.id.clone());
                            AnswerValue::Choices(none.take(1).collect())
                        } else {
                            AnswerValue::Choices(ticked)
                        }
                    }
                    _ => match mine.map(|(_, m)| *m).next().flatten() {
                        Some(b) => AnswerValue::Bool(b),
                        None => AnswerValue::NotSure,
                    },
                }
            })
            .collect()
    }

    /// The mark of each row for the answers given (to preselect after going back).
    pub fn marks_of(&self, values: &[Option<&AnswerValue>]) -> Vec<Option<bool>> {
        self.rows()
            .iter()
            .map(|r| match (values.get(r.question).copied().flatten(), r.choice) {
                (Some(AnswerValue::Bool(b)), None) => Some(*b),
                (Some(AnswerValue::NotSure), None) => None,
                (Some(AnswerValue::Choices(ids)), Some(j)) => {
                    let id = &self.questions[r.question].kind.choices()[j].id;
                    Some(ids.contains(id))
                }
                _ => Some(false),
            })
            .collect()
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

/// How a text said outside a prompt is shown (by style in a terminal; plain mode shows
/// every tone the same, so none may carry meaning by style alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// The rules' title.
    Title,
    /// The disclaimer.
    Warning,
    /// The emergency stop's banner.
    Alarm,
    /// A heading, such as a red flag's name.
    Strong,
    Normal,
}

pub trait Prompter {
    /// Shows a paragraph outside any prompt (the welcome, the emergency stop), wrapped
    /// to the screen; an empty `text` is a blank line.
    fn say(&mut self, text: &str, tone: Tone) -> io::Result<()> {
        let _ = (text, tone);
        Ok(())
    }
    /// The interview is over: leave the screen as it was found (the cursor shown).
    fn finish(&mut self) {}
    fn ask(&mut self, prompt: &Prompt<'_>) -> Result<Reply, Stop>;
    /// An answer needs emergency care: is it right? `true` confirms and stops the
    /// interview; `false` goes back to the question to change it.
    fn confirm_emergency(&mut self, rules: &Rules, flags: &[FiredFlag]) -> Result<bool, Stop>;
    /// Offers to save the answers when no --save file was given: `true` accepts.
    fn offer_save(&mut self) -> Result<bool, Stop>;
    /// The name to save under, with a `problem` with the last one to show first;
    /// `None` goes back to the offer.
    fn save_name(&mut self, problem: Option<&str>) -> Result<Option<PathBuf>, Stop> {
        let _ = problem;
        Ok(None)
    }
    /// `path` exists: replace it? `false` asks for another name.
    fn confirm_overwrite(&mut self, path: &Path) -> Result<bool, Stop> {
        let _ = path;
        Ok(false)
    }
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
        let section = rules.sections.iter().find(|s| s.id == questions[0].section).map(|s| rules.t(&s.title));
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
            section,
        };
        match prompter.ask(&prompt) {
            Ok(Reply::Answers(values)) => {
                flow.answer(values);
                after_each(flow.answers());
                if flow.is_emergency() {
                    let outcome = engine::evaluate(rules, flow.answers());
                    let flags: Vec<FiredFlag> = outcome
                        .triage
                        .red_flags
                        .into_iter()
                        .filter(|f| f.level == Level::Emergency)
                        .collect();
                    match prompter.confirm_emergency(rules, &flags) {
                        Ok(true) => return Ok(session(&flow, Ending::Emergency)),
                        Ok(false) => flow.back(),
                        Err(Stop::Cancelled) => return Ok(session(&flow, Ending::Cancelled)),
                        Err(Stop::Io(e)) => return Err(e),
                    }
                }
            }
            Ok(Reply::Back) => flow.back(),
            Err(Stop::Cancelled) => return Ok(session(&flow, Ending::Cancelled)),
            Err(Stop::Io(e)) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::AnswerValue::{Bool, Choice, Choices, NotSure, Number};
    use std::collections::VecDeque;

    /// Replies from a script (or, when it runs out, from `fallback`), recording what was asked.
    struct Scripted {
        replies: VecDeque<Result<Reply, Stop>>,
        confirms: VecDeque<Result<bool, Stop>>,
        fallback: Answers,
        asked: Vec<(Vec<String>, Vec<Option<AnswerValue>>)>,
        confirmed: usize,
    }

    impl Scripted {
        fn new(replies: Vec<Result<Reply, Stop>>) -> Self {
            Scripted {
                replies: replies.into(),
                confirms: VecDeque::new(),
                fallback: Answers::new(),
                asked: Vec::new(),
                confirmed: 0,
            }
        }
        fn asked_ids(&self) -> Vec<String> {
            self.asked.iter().map(|a| a.0.join("+")).collect()
        }
    }

    impl Prompter for Scripted {
        fn ask(&mut self, p: &Prompt<'_>) -> Result<Reply, Stop> {
            let ids: Vec<String> = p.questions.iter().map(|q| q.id.clone()).collect();
            self.asked.push((ids.clone(), p.current.iter().map(|c| c.cloned()).collect()));
            self.replies.pop_front().unwrap_or_else(|| {
                let values = ids.iter().map(|id| self.fallback.get(id).cloned().unwrap_or(NotSure)).collect();
                Ok(Reply::Answers(values))
            })
        }
        fn confirm_emergency(&mut self, _: &Rules, flags: &[FiredFlag]) -> Result<bool, Stop> {
            assert!(!flags.is_empty(), "the confirmation names the emergency");
            self.confirmed += 1;
            self.confirms.pop_front().unwrap_or(Ok(true))
        }
        fn offer_save(&mut self) -> Result<bool, Stop> {
            Ok(false)
        }
    }

    fn a(v: AnswerValue) -> Result<Reply, Stop> {
        Ok(Reply::Answers(vec![v]))
    }

    fn rules() -> Rules {
        crate::rules::parse(include_str!("../../tests/fixtures/rules/minimal.json"), "minimal.json")
            .expect("valid")
    }

    fn run(p: &mut Scripted, start: Answers) -> Session {
        let r = rules();
        conduct(&r, &AskingOrder, p, start, &mut |_| {}).expect("no I/O error")
    }

    #[test]
    fn a_calm_path_ends_without_an_emergency_and_records_each_prompt() {
        let mut p = Scripted::new(vec![]);
        p.fallback = [
            ("saddle", Bool(false)),
            ("weak", Choice("none".into())),
            ("age", Number(30)),
            ("pain", Number(3)),
            ("sitting", Number(8)),
            ("sports", Choices(vec!["running".into()])),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let s = run(&mut p, Answers::new());
        assert!(matches!(s.ending, Ending::Decided | Ending::Complete), "{:?}", s.ending);
        assert_eq!(s.prompts.len(), p.asked.len());
        assert_eq!(s.prompts[0], ["saddle"]);
        assert_eq!(p.confirmed, 0);
    }

    #[test]
    fn a_confirmed_emergency_answer_stops_the_interview_and_asks_nothing_more() {
        let mut p = Scripted::new(vec![a(Bool(true))]);
        let s = run(&mut p, Answers::new());
        assert_eq!(s.ending, Ending::Emergency);
        assert_eq!(p.asked_ids(), ["saddle"], "nothing is asked after the red flag");
        assert_eq!(p.confirmed, 1, "the emergency answer was confirmed first");
    }

    #[test]
    fn an_emergency_answer_not_confirmed_goes_back_to_the_question_with_it_selected() {
        let mut p = Scripted::new(vec![a(Bool(true)), a(Bool(false)), Err(Stop::Cancelled)]);
        p.confirms.push_back(Ok(false));
        let s = run(&mut p, Answers::new());
        assert_eq!(p.asked_ids()[..2], ["saddle", "saddle"]);
        assert_eq!(p.asked[1].1, [Some(Bool(true))], "the stray answer is shown, to be changed");
        assert_eq!(s.ending, Ending::Cancelled);
        assert_eq!(s.answers.get("saddle"), Some(&Bool(false)));
    }

    #[test]
    fn going_back_shows_the_previous_answer_preselected() {
        let mut p = Scripted::new(vec![a(Bool(false)), Ok(Reply::Back), Err(Stop::Cancelled)]);
        run(&mut p, Answers::new());
        assert_eq!(p.asked[2].0, ["saddle"]);
        assert_eq!(p.asked[2].1, [Some(Bool(false))]);
    }

    #[test]
    fn cancelling_keeps_the_answers_given_so_far() {
        let mut p = Scripted::new(vec![a(Bool(false)), Err(Stop::Cancelled)]);
        let s = run(&mut p, Answers::new());
        assert_eq!(s.ending, Ending::Cancelled);
        assert_eq!(s.answers.get("saddle"), Some(&Bool(false)));
    }

    #[test]
    fn a_resumed_file_holding_an_emergency_answer_asks_that_question_again() {
        let start: Answers = [("saddle".to_string(), Bool(true))].into_iter().collect();
        let mut p = Scripted::new(vec![a(Bool(true))]);
        let s = run(&mut p, start);
        assert_eq!(p.asked_ids(), ["saddle"]);
        assert_eq!(p.asked[0].1, [Some(Bool(true))]);
        assert_eq!(s.ending, Ending::Emergency);
    }

    #[test]
    fn the_answers_are_handed_on_after_every_reply() {
        let r = rules();
        let mut p = Scripted::new(vec![a(Bool(false)), Err(Stop::Cancelled)]);
        let mut seen = Vec::new();
        conduct(&r, &AskingOrder, &mut p, Answers::new(), &mut |answers| seen.push(answers.len()))
            .expect("ok");
        assert_eq!(seen, [1]);
    }
}
