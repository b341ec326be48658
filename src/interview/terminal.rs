//! The interview in a real terminal: keys read with console, prompts drawn with a
//! dialoguer theme.
//!
//! dialoguer's own prompts raise SIGINT on Ctrl-C (leaving the cursor hidden), ignore
//! Ctrl-D, and have no Esc in text input; owning the key loop gives every prompt the
//! same keys: Esc goes back, Ctrl-C and Ctrl-D cancel, and the cursor always comes back.

use super::{Prompt, Prompter, Reply, Stop};
use crate::value::AnswerValue;
use crate::rules::{Choice, QuestionKind, Rules};
use crate::sanitize::for_terminal as clean;
use console::{Key, Style, Term};
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use std::io;
use std::path::PathBuf;

pub struct TermPrompter {
    term: Term,
    theme: Box<dyn Theme>,
    dim: Style,
    bold: Style,
}

/// Shows the cursor again however a prompt ends.
struct CursorGuard<'a>(&'a Term);

impl Drop for CursorGuard<'_> {
    fn drop(&mut self) {
        let _ = self.0.show_cursor();
    }
}

enum Key2 {
    Key(Key),
    Cancel,
}

impl TermPrompter {
    /// A prompter on standard error, coloured or plain.
    pub fn new(color: bool) -> Self {
        console::set_colors_enabled_stderr(color);
        let theme: Box<dyn Theme> =
            if color { Box::new(ColorfulTheme::default()) } else { Box::new(SimpleTheme) };
        TermPrompter {
            term: Term::stderr(),
            theme,
            dim: Style::new().for_stderr().dim(),
            bold: Style::new().for_stderr().bold(),
        }
    }

    pub fn term(&self) -> &Term {
        &self.term
    }

    /// Ctrl-C, Ctrl-D and a closed input all mean the person stopped.
    fn key(&self) -> Result<Key2, Stop> {
        match self.term.read_key_raw() {
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
        if let Some(title) = p.new_section {
            self.line("")?;
            self.line(&self.bold.apply_to(clean(title).to_uppercase()).to_string())?;
        }
        let total = p.total.max(1);
        let filled = (p.number.saturating_sub(1) * 10 + total / 2) / total;
        let bar = format!("{}{}", "\u{2588}".repeat(filled.min(10)), "\u{2591}".repeat(10 - filled.min(10)));
        self.line("")?;
        self.line(
            &self.dim.apply_to(format!("Question {} of about {}  {bar}", p.number, p.total)).to_string(),
        )?;
        for l in self.wrapped(p.rules.t(&p.question.text)) {
            self.line(&self.bold.apply_to(l).to_string())?;
        }
        if let Some(help) = &p.question.help {
            for l in self.wrapped(p.rules.t(help)) {
                self.line(&self.dim.apply_to(l).to_string())?;
            }
        }
        let back = if p.can_go_back { ", Esc to go back" } else { "" };
        let keys = match p.question.kind {
            QuestionKind::YesNo => format!("y or n{back}"),
            QuestionKind::SingleChoice(_) => format!("arrows and Enter{back}"),
            QuestionKind::MultipleChoice(_) => format!("arrows, Space to tick, Enter when done{back}"),
            _ => format!("type a number and press Enter{back}"),
        };
        self.line(&self.dim.apply_to(format!("({keys})")).to_string())
    }

    fn yes_no(&self, current: Option<bool>, can_go_back: bool) -> Result<Reply, Stop> {
        let prompt = self.fmt(|t, s| t.format_confirm_prompt(s, "Answer", current));
        self.term.write_str(&prompt)?;
        self.term.flush()?;
        let _guard = CursorGuard(&self.term);
        loop {
            let value = match self.key()? {
                Key2::Cancel => {
                    self.line("")?;
                    return Err(Stop::Cancelled);
                }
                Key2::Key(Key::Char('y' | 'Y')) => true,
                Key2::Key(Key::Char('n' | 'N')) => false,
                Key2::Key(Key::Enter) if current.is_some() => current.unwrap_or_default(),
                Key2::Key(Key::Escape) if can_go_back => {
                    self.line("")?;
                    self.term.clear_last_lines(1)?;
                    return Ok(Reply::Back);
                }
                Key2::Key(_) => continue,
            };
            self.term.clear_line()?;
            self.settle(0, if value { "Yes" } else { "No" })?;
            return Ok(Reply::Answer(AnswerValue::Bool(value)));
        }
    }

    fn item_text(&self, rules: &Rules, c: &Choice) -> String {
        console::truncate_str(&clean(rules.t(&c.text)), self.width().saturating_sub(6), "...").into_owned()
    }

    fn single(
        &self,
        rules: &Rules,
        choices: &[Choice],
        current: Option<&AnswerValue>,
        back: bool,
    ) -> Result<Reply, Stop> {
        let mut active = match current {
            Some(AnswerValue::Choice(id)) => choices.iter().position(|c| &c.id == id).unwrap_or(0),
            _ => 0,
        };
        self.term.hide_cursor()?;
        let _guard = CursorGuard(&self.term);
        let mut drawn = 0;
        loop {
            self.term.clear_last_lines(drawn)?;
            for (i, c) in choices.iter().enumerate() {
                let text = self.item_text(rules, c);
                self.line(&self.fmt(|t, s| t.format_select_prompt_item(s, &text, i == active)))?;
            }
            drawn = choices.len();
            match self.key()? {
                Key2::Cancel => return Err(Stop::Cancelled),
                Key2::Key(k) if moved(&k, active, choices.len()).is_some() => {
                    active = moved(&k, active, choices.len()).unwrap_or(active)
                }
                Key2::Key(Key::Enter) => {
                    self.settle(drawn, &clean(rules.t(&choices[active].text)))?;
                    return Ok(Reply::Answer(AnswerValue::Choice(choices[active].id.clone())));
                }
                Key2::Key(Key::Escape) if back => {
                    self.term.clear_last_lines(drawn)?;
                    return Ok(Reply::Back);
                }
                Key2::Key(_) => {}
            }
        }
    }

    fn multiple(
        &self,
        rules: &Rules,
        choices: &[Choice],
        current: Option<&AnswerValue>,
        back: bool,
    ) -> Result<Reply, Stop> {
        let mut ticked: Vec<bool> = match current {
            Some(AnswerValue::Choices(ids)) => choices.iter().map(|c| ids.contains(&c.id)).collect(),
            _ => vec![false; choices.len()],
        };
        let exclusive = choices.iter().position(|c| c.exclusive);
        let mut active = 0;
        let mut note: Option<&str> = None;
        self.term.hide_cursor()?;
        let _guard = CursorGuard(&self.term);
        let mut drawn = 0;
        loop {
            self.term.clear_last_lines(drawn)?;
            for (i, c) in choices.iter().enumerate() {
                let text = self.item_text(rules, c);
                self.line(
                    &self.fmt(|t, s| t.format_multi_select_prompt_item(s, &text, ticked[i], i == active)),
                )?;
            }
            drawn = choices.len();
            if let Some(n) = note.take() {
                self.line(&self.fmt(|t, s| t.format_error(s, n)))?;
                drawn += 1;
            }
            match self.key()? {
                Key2::Cancel => return Err(Stop::Cancelled),
                Key2::Key(k) if moved(&k, active, choices.len()).is_some() => {
                    active = moved(&k, active, choices.len()).unwrap_or(active)
                }
                Key2::Key(Key::Char(' ')) => {
                    ticked[active] = !ticked[active];
                    // "None of these" and the other choices exclude each other.
                    if ticked[active] {
                        match exclusive {
                            Some(x) if x == active => {
                                ticked.iter_mut().enumerate().for_each(|(i, t)| *t = i == x)
                            }
                            Some(x) => ticked[x] = false,
                            None => {}
                        }
                    }
                }
                Key2::Key(Key::Enter) => {
                    if exclusive.is_some() && !ticked.contains(&true) {
                        note = Some("Tick at least one choice (Space), or the \"none\" choice.");
                        continue;
                    }
                    let ids: Vec<String> =
                        choices.iter().zip(&ticked).filter(|(_, t)| **t).map(|(c, _)| c.id.clone()).collect();
                    let shown: Vec<String> = choices
                        .iter()
                        .zip(&ticked)
                        .filter(|(_, t)| **t)
                        .map(|(c, _)| clean(rules.t(&c.text)).into_owned())
                        .collect();
                    let shown = if shown.is_empty() { "None selected".to_string() } else { shown.join("; ") };
                    self.settle(drawn, &shown)?;
                    return Ok(Reply::Answer(AnswerValue::Choices(ids)));
                }
                Key2::Key(Key::Escape) if back => {
                    self.term.clear_last_lines(drawn)?;
                    return Ok(Reply::Back);
                }
                Key2::Key(_) => {}
            }
        }
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
        let (min, max) = p.question.kind.range().unwrap_or((0, 10));
        let unit = match &p.question.kind {
            QuestionKind::Number { unit: Some(u), .. } => format!(" {}", clean(p.rules.t(u))),
            _ => String::new(),
        };
        let current = match p.current {
            Some(AnswerValue::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        let label = format!("Answer ({min} to {max}{unit})");
        let mut rows_to_clear = 1;
        loop {
            let Some(typed) =
                self.read_text(&label, current.as_deref(), |c| c.is_ascii_digit() || c == '-')?
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
            match typed.parse::<i64>() {
                Ok(n) if (min..=max).contains(&n) => {
                    self.settle(rows_to_clear, &format!("{n}{unit}"))?;
                    return Ok(Reply::Answer(AnswerValue::Number(n)));
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
    fn ask(&mut self, p: &Prompt<'_>) -> Result<Reply, Stop> {
        self.header(p)?;
        let back = p.can_go_back;
        let reply = match &p.question.kind {
            QuestionKind::YesNo => {
                let current = match p.current {
                    Some(AnswerValue::Bool(b)) => Some(*b),
                    _ => None,
                };
                self.yes_no(current, back)
            }
            QuestionKind::SingleChoice(c) => self.single(p.rules, c, p.current, back),
            QuestionKind::MultipleChoice(c) => self.multiple(p.rules, c, p.current, back),
            QuestionKind::Number { .. } | QuestionKind::Scale => self.number(p, back),
        };
        if matches!(reply, Ok(Reply::Back)) {
            self.line(&self.dim.apply_to("(back to the previous question)").to_string())?;
        }
        reply
    }

    fn offer_save(&mut self) -> Result<Option<PathBuf>, Stop> {
        self.line("")?;
        self.line(
            &self
                .bold
                .apply_to("Save your answers to a file, for example for your clinician? (y or n)")
                .to_string(),
        )?;
        match self.yes_no(Some(false), false)? {
            Reply::Answer(AnswerValue::Bool(true)) => {}
            _ => return Ok(None),
        }
        let default = "backscreen-answers.json";
        let typed = self.read_text("File name", Some(default), |c| !c.is_control())?;
        Ok(typed.map(|t| {
            PathBuf::from(if t.trim().is_empty() { default.to_string() } else { t.trim().to_string() })
        }))
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
