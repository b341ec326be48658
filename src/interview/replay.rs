//! `backscreen interview --replay ANSWERS`: the real interview flow (the same strategy,
//! the same stop rule, the same result), answered from a file instead of a person. It
//! shows rules authors and clinicians what a given patient would be asked.

use super::plain::progress;
use super::{Ending, Prompt, Prompter, Reply, SafetyFirst, Session, Stop, Strategy, conduct};
use crate::cli::{ColorChoice, ReplayFormat};
use crate::engine::{self, FiredFlag};
use crate::error::{Error, exit};
use crate::rules::{QuestionKind, Rules};
use crate::sanitize::for_terminal as clean;
use crate::value::{AnswerValue, Answers};
use crate::{answers, render, tr};
use serde_json::json;
use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

/// Answers prompts from a file; a question the file leaves out is "not sure". Writes
/// each prompt, as a person would see it, to `out` when there is one.
pub struct FilePrompter<'a, 'w> {
    answers: &'a Answers,
    out: Option<&'w mut dyn Write>,
    width: Option<usize>,
}

impl<'a, 'w> FilePrompter<'a, 'w> {
    pub fn new(answers: &'a Answers, out: Option<&'w mut dyn Write>, width: Option<usize>) -> Self {
        FilePrompter { answers, out, width }
    }
}

impl Prompter for FilePrompter<'_, '_> {
    fn ask(&mut self, p: &Prompt<'_>) -> Result<Reply, Stop> {
        let values: Vec<AnswerValue> = p
            .questions
            .iter()
            .map(|q| self.answers.get(&q.id).cloned().unwrap_or(AnswerValue::NotSure))
            .collect();
        if let Some(out) = self.out.as_deref_mut() {
            write_prompt(out, p, &values, self.width)?;
        }
        Ok(Reply::Answers(values))
    }

    fn confirm_emergency(&mut self, rules: &Rules, flags: &[FiredFlag]) -> Result<bool, Stop> {
        if let Some(out) = self.out.as_deref_mut() {
            let names: Vec<String> = flags.iter().map(|f| clean(&f.name).into_owned()).collect();
            let flags = names.join("; ");
            let line = tr!(rules.lang(), "replay-emergency-confirmed", flags = flags);
            for line in render::wrap::wrap(&line, self.width) {
                writeln!(out, "{line}")?;
            }
        }
        Ok(true)
    }

    fn offer_save(&mut self) -> Result<bool, Stop> {
        Ok(false)
    }
}

/// A prompt as lines of plain text, with the answer given.
pub fn write_prompt(
    out: &mut dyn Write,
    p: &Prompt<'_>,
    values: &[AnswerValue],
    width: Option<usize>,
) -> io::Result<()> {
    let para = |out: &mut dyn Write, first: &str, text: &str| -> io::Result<()> {
        for line in render::wrap::hanging(first, &clean(text), width) {
            writeln!(out, "{line}")?;
        }
        Ok(())
    };
    let rules = p.rules;
    let l = rules.lang();
    let not_sure = tr!(l, "answer-not-sure");
    writeln!(out)?;
    para(out, "", &progress(l, p.number, p.more, p.section))?;
    if let Some(c) = p.checklist {
        para(out, "", rules.t(&c.text))?;
        let given: Vec<Option<&AnswerValue>> = values.iter().map(Some).collect();
        let marks = p.marks_of(&given);
        for (row, mark) in p.rows().iter().zip(&marks) {
            if let Some(h) = row.heading {
                para(out, "  ", h)?;
            }
            let mark = match mark {
                Some(true) => "[x]",
                None => "[?]",
                Some(false) => "[ ]",
            };
            para(out, &format!("  {mark} "), row.label)?;
        }
        let unsure = values.iter().all(AnswerValue::is_not_sure);
        let none = !unsure && marks.iter().all(|m| *m == Some(false));
        let none_of_these = tr!(l, "none-of-these");
        writeln!(out, "  {} {none_of_these}", if none { "[x]" } else { "[ ]" })?;
        // A list of choices alone has a "Not sure" row of its own (see the terminal).
        if p.rows().iter().all(|r| r.choice.is_some()) {
            writeln!(out, "  {} {not_sure}", if unsure { "[x]" } else { "[ ]" })?;
        }
        return Ok(());
    }
    let q = p.questions[0];
    para(out, "", rules.t(&q.text))?;
    let value = &values[0];
    match &q.kind {
        QuestionKind::SingleChoice(choices) | QuestionKind::MultipleChoice(choices) => {
            for c in choices {
                let chosen = match value {
                    AnswerValue::Choice(id) => id == &c.id,
                    AnswerValue::Choices(ids) => ids.contains(&c.id),
                    _ => false,
                };
                para(out, if chosen { "  [x] " } else { "  [ ] " }, rules.t(&c.text))?;
            }
            if q.not_sure {
                let mark = if value.is_not_sure() { "  [x] " } else { "  [ ] " };
                para(out, mark, &not_sure)?;
            }
        }
        _ => {
            let answer = format!("{} ", tr!(l, "replay-answer"));
            para(out, &answer, &engine::answer_text(rules, &q.id, value))?
        }
    }
    Ok(())
}

/// Runs the replay and writes it to standard output.
pub fn run(
    rules: Option<&Path>,
    file: &Path,
    format: ReplayFormat,
    color: ColorChoice,
    lang: crate::app::Language,
) -> Result<ExitCode, Error> {
    let rules = crate::app::load_rules(rules, lang)?;
    let given = answers::load(file, &rules)?;
    let width = render::wrap::terminal_width();
    let mut shown = Vec::new();
    let session = {
        let out: Option<&mut dyn Write> = match format {
            ReplayFormat::Text => Some(&mut shown),
            ReplayFormat::Json => None,
        };
        replay(&rules, &given.answers, out, width)
            .map_err(|e| Error::io(tr!(rules.lang(), "replay-error-replaying"), e))?
    };
    let outcome = engine::evaluate(&rules, &session.answers);
    colored::control::set_override(color.enabled(io::stdout().is_terminal()));
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        ReplayFormat::Json => {
            // A struct, not a map, so `outcome` keeps the key order of `evaluate --format json`.
            #[derive(serde::Serialize)]
            struct Doc<'a> {
                prompts: Vec<serde_json::Value>,
                stopped: &'static str,
                outcome: &'a engine::Outcome,
            }
            let prompts = session.prompts.iter().map(|q| json!({ "questions": q })).collect();
            render::json::write(
                &mut out,
                &Doc { prompts, stopped: session.ending.stopped(), outcome: &outcome },
            )
        }
        ReplayFormat::Text => out
            .write_all(&shown)
            .and_then(|()| {
                let l = rules.lang();
                let how = match session.ending {
                    Ending::Emergency => tr!(l, "replay-stopped-emergency"),
                    Ending::Decided => tr!(l, "replay-stopped-decided"),
                    _ => tr!(l, "replay-complete"),
                };
                let prompts = tr!(l, "replay-prompts", n = session.prompts.len());
                // Wrapped like the prompts above it.
                writeln!(out)?;
                for line in
                    render::wrap::wrap(&format!("{how} {prompts}"), width.map(|w| w.saturating_sub(1)))
                {
                    writeln!(out, "{line}")?;
                }
                writeln!(out)
            })
            .and_then(|()| render::text::write(&mut out, &outcome, width)),
    }
    .and_then(|()| out.flush())
    .map_err(|e| Error::io(tr!(rules.lang(), "replay-error-writing"), e))?;
    Ok(ExitCode::from(exit::OK))
}

/// The interview, answered from `answers`; prompts are written to `out` when given.
pub fn replay(
    rules: &Rules,
    answers: &Answers,
    out: Option<&mut dyn Write>,
    width: Option<usize>,
) -> io::Result<Session> {
    replay_with(rules, &SafetyFirst, answers, out, width)
}

/// [`replay`] with another strategy, to compare strategies.
pub fn replay_with(
    rules: &Rules,
    strategy: &dyn Strategy,
    answers: &Answers,
    out: Option<&mut dyn Write>,
    width: Option<usize>,
) -> io::Result<Session> {
    let mut prompter = FilePrompter::new(answers, out, width);
    conduct(rules, strategy, &mut prompter, Answers::new(), &mut |_| {})
}
