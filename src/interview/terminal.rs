//! The interview in a real terminal: keys read with console, prompts drawn with a
//! dialoguer theme.
//!
//! dialoguer's own prompts raise SIGINT on Ctrl-C (leaving the cursor hidden), ignore
//! Ctrl-D, and have no Esc in text input; owning the key loop gives every prompt the
//! same keys: Esc goes back, Ctrl-C and Ctrl-D cancel, and the cursor always comes back.

use super::{Prompt, Prompter, Reply, Stop, Tone};
use crate::engine::FiredFlag;
use crate::i18n::Lang;
use crate::rules::{Choice, QuestionKind, Rules};
use crate::sanitize::for_terminal as clean;
use crate::value::AnswerValue;
use console::{Key, Style, Term};
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use std::io;
use std::path::PathBuf;

pub struct TermPrompter {
    term: Term,
    theme: Box<dyn Theme>,
    dim: Style,
    bold: Style,
    /// The language of the program's own words (keys, hints), the rules' shown language.
    #[allow(dead_code)] // read once its words come from the catalogue
    lang: Lang,
}

/// Shows the cursor again however a prompt ends.
struct CursorGuard<'a>(&'a Term);

impl Drop for CursorGuard<'_> {
    fn drop(&mut self) {
        let _ = self.0.show_cursor();
    }
}

/// What the person says of "not sure", shown as an answer.
pub const NOT_SURE_TEXT: &str = "Not sure";
const NONE_OF_THESE: &str = "None of these";

/// A row's state in a list to tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Off,
    On,
    Unsure,
}

trait Positions<T> {
    fn positions(self, f: impl Fn(&T) -> bool) -> Vec<usize>;
}

impl<'a, T: 'a, I: Iterator<Item = &'a T>> Positions<T> for I {
    fn positions(self, f: impl Fn(&T) -> bool) -> Vec<usize> {
        self.enumerate().filter(|(_, x)| f(x)).map(|(i, _)| i).collect()
    }
}

enum Key2 {
    Key(Key),
    Cancel,
}

impl TermPrompter {
    /// A prompter on standard error, coloured or plain.
    pub fn new(color: bool, lang: Lang) -> Self {
        console::set_colors_enabled_stderr(color);
        let theme: Box<dyn Theme> =
            if color { Box::new(ColorfulTheme::default()) } else { Box::new(SimpleTheme) };
        TermPrompter {
            term: Term::stderr(),
            theme,
            dim: Style::new().for_stderr().dim(),
            bold: Style::new().for_stderr().bold(),
            lang,
        }
    }

    pub fn term(&self) -> &Term {
        &self.term
    }

    /// Ctrl-C, Ctrl-D and a closed input all mean the person stopped.
    fn key(&self) -> Result<Key2, Stop> {
        match self.term.read_key_raw() {
            // A signal that interrupts the read comes back as Ctrl-C: leave as the signal says.
            Ok(Key::CtrlC) if super::signals::pending().is_some() => {
                super::signals::leave(super::signals::pending().unwrap_or(2)) // 2: SIGINT
            }
            Ok(Key::CtrlC) | Ok(Key::Char('\u{4}')) => Ok(Key2::Cancel),
            Ok(k) => Ok(Key2::Key(k)),
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(Key2::Cancel),
            Err(e) => Err(Stop::Io(e)),
        }
    }

    fn line(&self, s: &str) -> io::Result<()> {
        self.term.write_line(s)
    }

    fn fmt(&self, f: impl FnOnce(&dyn Theme, &mut String) -> std::fmt::Result) -> String {
        let mut s = String::new();
        let _ = f(self.theme.as_ref(), &mut s);
        s
    }

    /// Writes the one-line record of an answer in place of the prompt's last `rows` lines.
    fn settle(&self, rows: usize, answer: &str) -> io::Result<()> {
        self.term.clear_last_lines(rows)?;
        let line = self.fmt(|t, s| t.format_input_prompt_selection(s, "Answer", answer));
        self.line(&line)
    }

    /// Sanitised text broken at spaces to fit the terminal.
    pub fn wrapped(&self, text: &str) -> Vec<String> {
        crate::render::wrap::wrap(&clean(text), Some(self.width().saturating_sub(1)))
    }

    fn width(&self) -> usize {
        usize::from(self.term.size().1).max(20)
    }

    fn header(&self, p: &Prompt<'_>) -> io::Result<()> {
        // The bar shows the share done of the most there can be; it never goes backwards
        // as answers come, because the most that can come only falls.
        let total = (p.number + p.more).max(1);
        let filled = ((p.number - 1) * 10 + total / 2) / total;
        let bar = format!("{}{}", "\u{2588}".repeat(filled.min(10)), "\u{2591}".repeat(10 - filled.min(10)));
        let more = match p.more {
            0 => "the last one".to_string(),
            1 => "at most 1 more".to_string(),
            n => format!("at most {n} more"),
        };
        self.line("")?;
        // The section rides on the progress line: the order adapts to the answers, so a
        // heading of its own would come and go.
        let section = p.section.map(|s| format!("  {}", clean(s))).unwrap_or_default();
        self.line(&self.dim.apply_to(format!("Question {}, {more}  {bar}{section}", p.number)).to_string())?;
        let (text, help) = match p.checklist {
            Some(c) => (p.rules.t(&c.text), c.help.as_ref()),
            None => (p.rules.t(&p.questions[0].text), p.questions[0].help.as_ref()),
        };
        for l in self.wrapped(text) {
            self.line(&self.bold.apply_to(l).to_string())?;
        }
        if let Some(help) = help {
            for l in self.wrapped(p.rules.t(help)) {
                self.line(&self.dim.apply_to(l).to_string())?;
            }
        }
        let back = if p.can_go_back { ", Esc to go back" } else { "" };
        let q = p.questions[0];
        let unsure = if q.not_sure { ", ? for not sure" } else { "" };
        // In a checklist, `?` is for its yes/no rows.
        let list_unsure = if p.questions.iter().any(|q| matches!(q.kind, QuestionKind::YesNo) && q.not_sure) {
            ", ? for not sure"
        } else {
            ""
        };
        let keys = match (&p.checklist, &q.kind) {
            (Some(_), _) => format!("arrows, Space to tick{list_unsure}, Enter when done{back}"),
            (None, QuestionKind::YesNo) => format!("y or n{unsure}{back}"),
            (None, QuestionKind::SingleChoice(_)) => format!("arrows and Enter{back}"),
            (None, QuestionKind::MultipleChoice(_)) => {
                format!("arrows, Space to tick, Enter when done{back}")
            }
            (None, _) => format!("type a number and press Enter{unsure}{back}"),
        };
        for l in self.wrapped(&format!("({keys})")) {
            self.line(&self.dim.apply_to(l).to_string())?;
        }
        Ok(())
    }

    fn yes_no(
        &self,
        current: Option<&AnswerValue>,
        not_sure: bool,
        can_go_back: bool,
    ) -> Result<Reply, Stop> {
        let preset = match current {
            Some(AnswerValue::Bool(b)) => Some(*b),
            _ => None,
        };
        let prompt = self.fmt(|t, s| t.format_confirm_prompt(s, "Answer", preset));
        self.term.write_str(&prompt)?;
        self.term.flush()?;
        let _guard = CursorGuard(&self.term);
        loop {
            let value = match self.key()? {
                Key2::Cancel => {
                    self.line("")?;
                    return Err(Stop::Cancelled);
                }
                Key2::Key(Key::Char('y' | 'Y')) => AnswerValue::Bool(true),
                Key2::Key(Key::Char('n' | 'N')) => AnswerValue::Bool(false),
                Key2::Key(Key::Char('?')) if not_sure => AnswerValue::NotSure,
                Key2::Key(Key::Enter) if current.is_some() => {
                    current.cloned().unwrap_or(AnswerValue::NotSure)
                }
                Key2::Key(Key::Escape) if can_go_back => {
                    self.line("")?;
                    self.term.clear_last_lines(1)?;
                    return Ok(Reply::Back);
                }
                Key2::Key(_) => continue,
            };
            self.term.clear_line()?;
            let shown = match value {
                AnswerValue::Bool(true) => "Yes",
                AnswerValue::Bool(false) => "No",
                _ => NOT_SURE_TEXT,
            };
            self.settle(0, shown)?;
            return Ok(Reply::Answers(vec![value]));
        }
    }

    fn label(&self, text: &str) -> String {
        console::truncate_str(&clean(text), self.width().saturating_sub(6), "...").into_owned()
    }

    fn height(&self) -> usize {
        usize::from(self.term.size().0).max(10)
    }

    /// Each row's label as lines: wrapped at words under its marker when the whole list
    /// fits the screen (with `extra` lines besides), else cut to one line each, because a
    /// list taller than the screen cannot be redrawn in place.
    fn row_lines(&self, labels: &[String], extra: usize, marker: usize) -> Vec<Vec<String>> {
        let width = self.width().saturating_sub(marker + 1).max(10);
        let wrapped: Vec<Vec<String>> =
            labels.iter().map(|l| crate::render::wrap::wrap(&clean(l), Some(width))).collect();
        let total: usize = wrapped.iter().map(Vec::len).sum::<usize>() + extra;
        // Room for the progress line, the question and the keys above the list.
        if total + 6 <= self.height() {
            wrapped
        } else {
            labels.iter().map(|l| vec![self.label(l)]).collect()
        }
    }

    /// Writes a row: its first line through the theme (marker, highlight), the rest
    /// indented under it. Returns the lines written.
    fn row(&self, lines: &[String], marker: usize, first: impl Fn(&str) -> String) -> io::Result<usize> {
        self.line(&first(lines.first().map_or("", String::as_str)))?;
        for l in &lines[1..] {
            self.line(&format!("{}{l}", " ".repeat(marker)))?;
        }
        Ok(lines.len())
    }

    /// A list to pick one row from; `Ok(None)` is Esc (back).
    fn pick_one(&self, labels: &[String], mut active: usize, back: bool) -> Result<Option<usize>, Stop> {
        self.term.hide_cursor()?;
        let _guard = CursorGuard(&self.term);
        let mut drawn = 0;
        let marker = console::measure_text_width(&self.fmt(|t, s| t.format_select_prompt_item(s, "", false)));
        let lines = self.row_lines(labels, 0, marker);
        loop {
            self.term.clear_last_lines(drawn)?;
            drawn = 0;
            for (i, l) in lines.iter().enumerate() {
                drawn += self.row(l, marker, |text| {
                    self.fmt(|t, s| t.format_select_prompt_item(s, text, i == active))
                })?;
            }
            match self.key()? {
                Key2::Cancel => return Err(Stop::Cancelled),
                Key2::Key(k) if moved(&k, active, labels.len()).is_some() => {
                    active = moved(&k, active, labels.len()).unwrap_or(active)
                }
                Key2::Key(Key::Enter) => {
                    self.settle(drawn, &clean(&labels[active]))?;
                    return Ok(Some(active));
                }
                Key2::Key(Key::Escape) if back => {
                    self.term.clear_last_lines(drawn)?;
                    return Ok(None);
                }
                Key2::Key(_) => {}
            }
        }
    }

    /// A list to tick rows in: Space ticks, `?` marks "not sure" (when `unsure` allows),
    /// Enter finishes. Rows in `exclusive` ("none of these", "not sure") exclude every
    /// other row. Enter with nothing marked shows `empty` and waits. `Ok(None)` is Esc.
    #[allow(clippy::too_many_arguments)]
    fn tick(
        &self,
        labels: &[String],
        headings: &[Option<String>],
        mut marks: Vec<Mark>,
        exclusive: &[usize],
        unsure: &[bool],
        back: bool,
        empty: &str,
    ) -> Result<Option<Vec<Mark>>, Stop> {
        let mut active = 0;
        let mut note: Option<&str> = None;
        self.term.hide_cursor()?;
        let _guard = CursorGuard(&self.term);
        let mut drawn = 0;
        // A pointer before the active row, so that it is not shown by colour alone.
        let marker = 2 + console::measure_text_width(
            &self.fmt(|t, s| t.format_multi_select_prompt_item(s, "", false, false)),
        );
        let headed = headings.iter().filter(|h| h.is_some()).count();
        loop {
            self.term.clear_last_lines(drawn)?;
            drawn = 0;
            let shown: Vec<String> = labels
                .iter()
                .zip(&marks)
                // First, so that it shows even when the row is cut to one line.
                .map(|(text, m)| match m {
                    Mark::Unsure => format!("({}) {text}", NOT_SURE_TEXT.to_lowercase()),
                    _ => text.clone(),
                })
                .collect();
            let lines = self.row_lines(&shown, headed + 2, marker);
            for (i, l) in lines.iter().enumerate() {
                if let Some(h) = headings.get(i).and_then(Option::as_ref) {
                    // In line with the boxes, past the pointer.
                    self.line(&format!("  {}", self.dim.apply_to(self.label(h))))?;
                    drawn += 1;
                }
                let on = marks[i] == Mark::On;
                let pointer = if i == active { "\u{276f} " } else { "  " };
                drawn += self.row(l, marker, |text| {
                    let item = self.fmt(|t, s| t.format_multi_select_prompt_item(s, text, on, i == active));
                    format!("{pointer}{item}")
                })?;
            }
            if let Some(n) = note.take() {
                for l in self.wrapped(n) {
                    self.line(&self.fmt(|t, s| t.format_error(s, &l)))?;
                    drawn += 1;
                }
            }
            let set = |marks: &mut Vec<Mark>, i: usize, m: Mark| {
                marks[i] = if marks[i] == m { Mark::Off } else { m };
                if marks[i] != Mark::Off {
                    // "None of these" and the other rows exclude each other.
                    for (j, other) in marks.iter_mut().enumerate() {
                        if j != i && (exclusive.contains(&i) || exclusive.contains(&j)) {
                            *other = Mark::Off;
                        }
                    }
                }
            };
            match self.key()? {
                Key2::Cancel => return Err(Stop::Cancelled),
                Key2::Key(k) if moved(&k, active, labels.len()).is_some() => {
                    active = moved(&k, active, labels.len()).unwrap_or(active)
                }
                Key2::Key(Key::Char(' ')) => set(&mut marks, active, Mark::On),
                Key2::Key(Key::Char('?')) if unsure.get(active).copied().unwrap_or(false) => {
                    set(&mut marks, active, Mark::Unsure)
                }
                Key2::Key(Key::Enter) => {
                    if marks.iter().all(|m| *m == Mark::Off) {
                        note = Some(empty);
                        continue;
                    }
                    let shown: Vec<String> = labels
                        .iter()
                        .zip(&marks)
                        .filter(|(_, m)| **m != Mark::Off)
                        .map(|(l, m)| match m {
                            Mark::Unsure => format!("{} ({})", clean(l), NOT_SURE_TEXT.to_lowercase()),
                            _ => clean(l).into_owned(),
                        })
                        .collect();
                    self.settle(drawn, &shown.join("; "))?;
                    return Ok(Some(marks));
                }
                Key2::Key(Key::Escape) if back => {
                    self.term.clear_last_lines(drawn)?;
                    return Ok(None);
                }
                Key2::Key(_) => {}
            }
        }
    }

    fn single(&self, p: &Prompt<'_>, choices: &[Choice]) -> Result<Reply, Stop> {
        let q = p.questions[0];
        let mut labels: Vec<String> = choices.iter().map(|c| p.rules.t(&c.text).to_string()).collect();
        if q.not_sure {
            labels.push(NOT_SURE_TEXT.into());
        }
        let active = match p.current[0] {
            Some(AnswerValue::Choice(id)) => choices.iter().position(|c| &c.id == id).unwrap_or(0),
            Some(AnswerValue::NotSure) if q.not_sure => choices.len(),
            _ => 0,
        };
        Ok(match self.pick_one(&labels, active, p.can_go_back)? {
            None => Reply::Back,
            Some(i) if i == choices.len() => Reply::Answers(vec![AnswerValue::NotSure]),
            Some(i) => Reply::Answers(vec![AnswerValue::Choice(choices[i].id.clone())]),
        })
    }

    fn multiple(&self, p: &Prompt<'_>, choices: &[Choice]) -> Result<Reply, Stop> {
        let q = p.questions[0];
        let mut labels: Vec<String> = choices.iter().map(|c| p.rules.t(&c.text).to_string()).collect();
        let mut marks: Vec<Mark> = match p.current[0] {
            Some(AnswerValue::Choices(ids)) => {
                choices.iter().map(|c| if ids.contains(&c.id) { Mark::On } else { Mark::Off }).collect()
            }
            _ => vec![Mark::Off; choices.len()],
        };
        let mut exclusive: Vec<usize> = choices.iter().positions(|c| c.exclusive);
        if q.not_sure {
            labels.push(NOT_SURE_TEXT.into());
            marks.push(if p.current[0].is_some_and(AnswerValue::is_not_sure) { Mark::On } else { Mark::Off });
            exclusive.push(choices.len());
        }
        let empty = if exclusive.is_empty() {
            "Tick at least one choice (Space)."
        } else {
            "Tick at least one choice (Space), or the \"none\" choice."
        };
        let unsure = vec![false; labels.len()];
        let headings = vec![None; labels.len()];
        let Some(marks) = self.tick(&labels, &headings, marks, &exclusive, &unsure, p.can_go_back, empty)?
        else {
            return Ok(Reply::Back);
        };
        if q.not_sure && marks[choices.len()] == Mark::On {
            return Ok(Reply::Answers(vec![AnswerValue::NotSure]));
        }
        let ids = choices.iter().zip(&marks).filter(|(_, m)| **m == Mark::On).map(|(c, _)| c.id.clone());
        Ok(Reply::Answers(vec![AnswerValue::Choices(ids.collect())]))
    }

    /// Several questions on one screen: a ticked yes/no item is yes, `?` not sure, the
    /// rest no; a multiple-choice item records its ticked choices, or "none". "None of
    /// these" answers no to everything, and must be ticked to say so.
    fn checklist(&self, p: &Prompt<'_>) -> Result<Reply, Stop> {
        let rows = p.rows();
        let n = rows.len();
        let mut labels: Vec<String> = rows.iter().map(|r| r.label.to_string()).collect();
        let mut headings: Vec<Option<String>> = rows.iter().map(|r| r.heading.map(str::to_string)).collect();
        labels.push(NONE_OF_THESE.into());
        headings.push(None);
        // "Not sure" is for yes/no rows (`?`); a list of choices alone gets a row of its own.
        let unsure: Vec<bool> = rows
            .iter()
            .map(|r| r.choice.is_none() && p.questions[r.question].not_sure)
            .chain([false])
            .collect();
        let whole_unsure = !unsure.contains(&true) && p.questions.iter().all(|q| q.not_sure);
        let given = p.marks_of(&p.current);
        let answered = p.current.iter().all(Option::is_some);
        let mut marks: Vec<Mark> = given
            .iter()
            .map(|m| match m {
                Some(true) => Mark::On,
                None => Mark::Unsure,
                Some(false) => Mark::Off,
            })
            .collect();
        let all_unsure = answered && p.current.iter().all(|a| a.is_some_and(AnswerValue::is_not_sure));
        let all_no = answered && !all_unsure && given.iter().all(|m| *m == Some(false));
        marks.push(if all_no { Mark::On } else { Mark::Off });
        let mut exclusive = vec![n];
        if whole_unsure {
            labels.push(NOT_SURE_TEXT.into());
            headings.push(None);
            marks.push(if all_unsure { Mark::On } else { Mark::Off });
            exclusive.push(n + 1);
        }
        let unsure: Vec<bool> = unsure.into_iter().chain([false]).collect();
        let empty = "Tick each one that applies (Space), or \"None of these\".";
        let Some(marks) = self.tick(&labels, &headings, marks, &exclusive, &unsure, p.can_go_back, empty)?
        else {
            return Ok(Reply::Back);
        };
        if whole_unsure && marks[n + 1] == Mark::On {
            return Ok(Reply::Answers(vec![AnswerValue::NotSure; p.questions.len()]));
        }
        let marks: Vec<Option<bool>> = marks[..n]
            .iter()
            .map(|m| match m {
                Mark::On => Some(true),
                Mark::Unsure => None,
                Mark::Off => Some(false),
            })
            .collect();
        Ok(Reply::Answers(p.checklist_answers(&marks)))
    }

    /// A line of text typed by the person; `Ok(None)` is Esc.
    fn read_text(
        &self,
        prompt: &str,
        default: Option<&str>,
        allowed: impl Fn(char) -> bool,
    ) -> Result<Option<String>, Stop> {
        let rendered = self.fmt(|t, s| t.format_input_prompt(s, prompt, default));
        self.term.write_str(&rendered)?;
        self.term.flush()?;
        let mut typed = String::new();
        loop {
            match self.key()? {
                Key2::Cancel => {
                    self.line("")?;
                    return Err(Stop::Cancelled);
                }
                Key2::Key(Key::Enter) => {
                    self.line("")?;
                    return Ok(Some(typed));
                }
                Key2::Key(Key::Escape) => {
                    self.line("")?;
                    return Ok(None);
                }
                Key2::Key(Key::Backspace) => {
                    if typed.pop().is_some() {
                        self.term.clear_chars(1)?;
                    }
                }
                Key2::Key(Key::Char(c)) if allowed(c) && typed.chars().count() < 200 => {
                    typed.push(c);
                    self.term.write_str(&c.to_string())?;
                }
                Key2::Key(_) => {}
            }
        }
    }

    fn number(&self, p: &Prompt<'_>, back: bool) -> Result<Reply, Stop> {
        let (min, max) = p.questions[0].kind.range().unwrap_or((0, 10));
        let unit = match &p.questions[0].kind {
            QuestionKind::Number { unit: Some(u), .. } => format!(" {}", clean(p.rules.t(u))),
            _ => String::new(),
        };
        let not_sure = p.questions[0].not_sure;
        let current = match p.current[0] {
            Some(AnswerValue::Number(n)) => Some(n.to_string()),
            Some(AnswerValue::NotSure) if not_sure => Some("?".to_string()),
            _ => None,
        };
        let hint = if not_sure { ", or ? if not sure" } else { "" };
        let label = format!("Answer ({min} to {max}{unit}{hint})");
        let mut rows_to_clear = 1;
        loop {
            let Some(typed) =
                self.read_text(&label, current.as_deref(), |c| c.is_ascii_digit() || c == '-' || c == '?')?
            else {
                if back {
                    self.term.clear_last_lines(rows_to_clear)?;
                    return Ok(Reply::Back);
                }
                self.term.clear_last_lines(rows_to_clear)?;
                rows_to_clear = 1;
                continue;
            };
            let typed = if typed.is_empty() { current.clone().unwrap_or_default() } else { typed };
            if not_sure && typed.trim() == "?" {
                self.settle(rows_to_clear, NOT_SURE_TEXT)?;
                return Ok(Reply::Answers(vec![AnswerValue::NotSure]));
            }
            match typed.parse::<i64>() {
                Ok(n) if (min..=max).contains(&n) => {
                    self.settle(rows_to_clear, &format!("{n}{unit}"))?;
                    return Ok(Reply::Answers(vec![AnswerValue::Number(n)]));
                }
                _ => {
                    // Refused: say why, with the allowed range, and ask again.
                    self.term.clear_last_lines(rows_to_clear)?;
                    let shown = if typed.is_empty() { "nothing".to_string() } else { typed };
                    let msg =
                        format!("{shown} is not allowed: enter a whole number from {min} to {max}{unit}");
                    self.line(&self.fmt(|t, s| t.format_error(s, &msg)))?;
                    rows_to_clear = 2;
                }
            }
        }
    }
}

/// Where a list's highlight goes for a navigation key: arrows, j/k, Tab, or a digit.
fn moved(key: &Key, active: usize, len: usize) -> Option<usize> {
    match key {
        Key::ArrowUp | Key::Char('k') | Key::BackTab => Some((active + len - 1) % len),
        Key::ArrowDown | Key::Char('j') | Key::Tab => Some((active + 1) % len),
        Key::Char(d @ '1'..='9') => Some((*d as usize - '1' as usize).min(len - 1)),
        _ => None,
    }
}

impl Prompter for TermPrompter {
    fn say(&mut self, text: &str, tone: Tone) -> io::Result<()> {
        if text.is_empty() {
            return self.line("");
        }
        let style = match tone {
            Tone::Title | Tone::Strong => self.bold.clone(),
            Tone::Warning => Style::new().for_stderr().red().bold(),
            Tone::Alarm => Style::new().for_stderr().white().on_red().bold(),
            Tone::Normal => Style::new().for_stderr(),
        };
        if tone == Tone::Alarm {
            // A banner: one block with a space either side, wrapped only when it must be.
            for l in self.wrapped(text) {
                self.line(&style.apply_to(format!(" {l} ")).to_string())?;
            }
            return Ok(());
        }
        for l in self.wrapped(text) {
            self.line(&style.apply_to(l).to_string())?;
        }
        Ok(())
    }

    fn finish(&mut self) {
        let _ = self.term.show_cursor();
    }

    fn ask(&mut self, p: &Prompt<'_>) -> Result<Reply, Stop> {
        self.header(p)?;
        let back = p.can_go_back;
        let q = p.questions[0];
        let reply = match (&p.checklist, &q.kind) {
            (Some(_), _) => self.checklist(p),
            (None, QuestionKind::YesNo) => self.yes_no(p.current[0], q.not_sure, back),
            (None, QuestionKind::SingleChoice(c)) => self.single(p, c),
            (None, QuestionKind::MultipleChoice(c)) => self.multiple(p, c),
            (None, QuestionKind::Number { .. } | QuestionKind::Scale) => self.number(p, back),
        };
        if matches!(reply, Ok(Reply::Back)) {
            self.line(&self.dim.apply_to("(back to the previous question)").to_string())?;
        }
        reply
    }

    fn confirm_emergency(&mut self, _rules: &Rules, flags: &[FiredFlag]) -> Result<bool, Stop> {
        let banner = Style::new().for_stderr().white().on_red().bold();
        self.line("")?;
        self.line(&banner.apply_to(" Please check this answer ").to_string())?;
        let mut said = Vec::new();
        for a in flags.iter().flat_map(|f| &f.triggered_by) {
            let line = format!("You said: \u{201c}{}\u{201d} {}", a.text, a.answer_text);
            if !said.contains(&line) {
                said.push(line);
            }
        }
        for line in &said {
            for l in self.wrapped(line) {
                self.line(&l)?;
            }
        }
        self.line(&self.bold.apply_to("This needs emergency care now. Is that right?").to_string())?;
        for l in self.wrapped("(y: yes, that is right; n or Esc: go back and change the answer)") {
            self.line(&self.dim.apply_to(l).to_string())?;
        }
        let _guard = CursorGuard(&self.term);
        loop {
            match self.key()? {
                Key2::Cancel => return Err(Stop::Cancelled),
                Key2::Key(Key::Char('y' | 'Y')) => return Ok(true),
                Key2::Key(Key::Char('n' | 'N') | Key::Escape) => {
                    self.line(&self.dim.apply_to("(back to the question)").to_string())?;
                    return Ok(false);
                }
                Key2::Key(_) => {}
            }
        }
    }

    fn offer_save(&mut self) -> Result<bool, Stop> {
        self.line("")?;
        self.line(
            &self
                .bold
                .apply_to("Save your answers to a file, for example for your clinician? (y or n)")
                .to_string(),
        )?;
        let reply = self.yes_no(Some(&AnswerValue::Bool(false)), false, false)?;
        Ok(matches!(reply, Reply::Answers(v) if v == [AnswerValue::Bool(true)]))
    }

    fn save_name(&mut self, problem: Option<&str>) -> Result<Option<PathBuf>, Stop> {
        if let Some(problem) = problem {
            for l in self.wrapped(problem) {
                self.line(&self.fmt(|t, s| t.format_error(s, &l)))?;
            }
        }
        let default = "backscreen-answers.json";
        let typed = self.read_text("File name (Esc to go back)", Some(default), |c| !c.is_control())?;
        Ok(typed.map(|t| {
            PathBuf::from(if t.trim().is_empty() { default.to_string() } else { t.trim().to_string() })
        }))
    }

    fn confirm_overwrite(&mut self, path: &std::path::Path) -> Result<bool, Stop> {
        let question = format!("{} already exists. Replace it with these answers? (y or n)", path.display());
        for l in self.wrapped(&question) {
            self.line(&self.bold.apply_to(l).to_string())?;
        }
        let reply = self.yes_no(Some(&AnswerValue::Bool(false)), false, false)?;
        Ok(matches!(reply, Reply::Answers(v) if v == [AnswerValue::Bool(true)]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_wrap_round_and_digits_jump() {
        assert_eq!(moved(&Key::ArrowUp, 0, 3), Some(2));
        assert_eq!(moved(&Key::ArrowDown, 2, 3), Some(0));
        assert_eq!(moved(&Key::Char('2'), 0, 3), Some(1));
        assert_eq!(moved(&Key::Char('9'), 0, 3), Some(2));
        assert_eq!(moved(&Key::Enter, 1, 3), None);
    }
}
