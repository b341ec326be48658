//! The interview in a real terminal: keys read with console, prompts drawn with a
//! dialoguer theme, every word from the message catalogue in the rules' shown language.
//!
//! dialoguer's own prompts raise SIGINT on Ctrl-C (leaving the cursor hidden), ignore
//! Ctrl-D, and have no Esc in text input; owning the key loop gives every prompt the
//! same keys: Esc goes back, Ctrl-C and Ctrl-D cancel, and the cursor always comes back.
//! Its themes are used only for what carries no words: its confirm prompt and its plain
//! error line are English.
//!
//! A prompt is drawn as a head (progress, question, help, keys), written once, and a body
//! (a list, the line being typed), redrawn in place by counting the lines it took. Every
//! line is fitted to the terminal's width, so that the count is right, and a list taller
//! than the screen scrolls, so that the whole body can be reached to redraw it. When the
//! terminal changes size the count is no longer known (the terminal may have re-wrapped
//! or cut what it shows), so the prompt is drawn again, head and body, on a cleared screen.

use super::{Prompt, Prompter, Reply, Stop, Tone};
use crate::engine::FiredFlag;
use crate::i18n::Lang;
use crate::rules::{Choice, QuestionKind, Rules};
use crate::sanitize::for_terminal as clean;
use crate::tr;
use crate::value::AnswerValue;
use console::{Key, Style, Term, measure_text_width as width_of};
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use std::io;
use std::path::PathBuf;

pub struct TermPrompter {
    term: Term,
    theme: Box<dyn Theme>,
    color: bool,
    dim: Style,
    bold: Style,
    /// The lines of the active row after its first, coloured as the theme colours the first.
    active: Style,
    /// The lines of a recorded answer after its first, likewise.
    value: Style,
    /// The lines of a problem after its first, likewise.
    error: Style,
    /// The language of the program's own words (keys, hints), the rules' shown language.
    lang: Lang,
    /// The keys that answer yes and no, in lower case.
    yes: char,
    no: char,
}

/// Shows the cursor again however a prompt ends.
struct CursorGuard<'a>(&'a Term);

impl Drop for CursorGuard<'_> {
    fn drop(&mut self) {
        let _ = self.0.show_cursor();
    }
}

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
    /// The terminal changed size: draw again.
    Resized,
}

/// What a prompt has on screen, to redraw its body in place, or all of it after a resize.
#[derive(Default)]
struct View {
    /// The terminal's size at the last draw; `None` before the first.
    size: Option<(u16, u16)>,
    /// Lines of the head.
    head: usize,
    /// Rows of the body above the row the cursor is on.
    body: usize,
    /// The cursor is on the body's last row (a line being typed), not below the body.
    typing: bool,
}

/// A prompt's body: lines, then maybe a line being typed, with the cursor at its end.
#[derive(Default)]
struct Body {
    lines: Vec<String>,
    input: Option<String>,
}

/// SIGWINCH, to redraw as soon as the terminal changes size rather than at the next key.
/// The signal interrupts the wait for a key, which console reports as Ctrl-C (as it does
/// for any signal); the flag tells the two apart.
#[cfg(unix)]
mod resize {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, OnceLock};

    static RESIZED: OnceLock<Arc<AtomicBool>> = OnceLock::new();

    pub fn listen() {
        RESIZED.get_or_init(|| {
            let flag = Arc::new(AtomicBool::new(false));
            // Without the handler, a resize is seen at the next key press instead.
            let _ = signal_hook::flag::register(signal_hook::consts::SIGWINCH, Arc::clone(&flag));
            flag
        });
    }

    /// Forgets the resizes seen so far.
    pub fn clear() {
        if let Some(flag) = RESIZED.get() {
            flag.store(false, Ordering::SeqCst);
        }
    }

    /// Whether the terminal changed size since [`clear`].
    pub fn happened() -> bool {
        RESIZED.get().is_some_and(|flag| flag.swap(false, Ordering::SeqCst))
    }
}

/// Elsewhere a resize is seen at the next key press.
#[cfg(not(unix))]
mod resize {
    pub fn listen() {}
    pub fn clear() {}
    pub fn happened() -> bool {
        false
    }
}

impl TermPrompter {
    /// A prompter on standard error, coloured or plain, speaking `lang`.
    pub fn new(color: bool, lang: Lang) -> Self {
        console::set_colors_enabled_stderr(color);
        resize::listen();
        let theme: Box<dyn Theme> =
            if color { Box::new(ColorfulTheme::default()) } else { Box::new(SimpleTheme) };
        let letter =
            |word: String, or: char| word.chars().next().and_then(|c| c.to_lowercase().next()).unwrap_or(or);
        TermPrompter {
            term: Term::stderr(),
            theme,
            color,
            dim: Style::new().for_stderr().dim(),
            bold: Style::new().for_stderr().bold(),
            // As ColorfulTheme colours an active item and a recorded value.
            active: if color { Style::new().for_stderr().cyan() } else { Style::new().for_stderr() },
            value: if color { Style::new().for_stderr().green() } else { Style::new().for_stderr() },
            error: if color { Style::new().for_stderr().red() } else { Style::new().for_stderr() },
            lang,
            yes: letter(tr!(lang, "key-yes"), 'y'),
            no: letter(tr!(lang, "key-no"), 'n'),
        }
    }

    pub fn term(&self) -> &Term {
        &self.term
    }

    /// Ctrl-C, Ctrl-D and a closed input all mean the person stopped. A resize since the
    /// `view` was drawn comes back at once, or as soon as it happens while waiting.
    fn key(&self, view: &View) -> Result<Key2, Stop> {
        resize::clear();
        if view.size.is_some_and(|s| s != self.term.size()) {
            return Ok(Key2::Resized);
        }
        match self.term.read_key_raw() {
            // A signal that interrupts the read comes back as Ctrl-C: leave as the signal says.
            Ok(Key::CtrlC) if super::signals::pending().is_some() => {
                super::signals::leave(super::signals::pending().unwrap_or(2)) // 2: SIGINT
            }
            // A Ctrl-C pressed in the very instant of a resize is lost; pressed again, it works.
            Ok(Key::CtrlC) if resize::happened() => Ok(Key2::Resized),
            Ok(Key::CtrlC) | Ok(Key::Char('\u{4}')) => Ok(Key2::Cancel),
            Ok(k) => Ok(Key2::Key(k)),
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(Key2::Cancel),
            Err(e) => Err(Stop::Io(e)),
        }
    }

    /// Whether `c` is the key `key`, in either case.
    fn is(c: char, key: char) -> bool {
        c.to_lowercase().eq(key.to_lowercase())
    }

    fn line(&self, s: &str) -> io::Result<()> {
        self.term.write_line(s)
    }

    fn fmt(&self, f: impl FnOnce(&dyn Theme, &mut String) -> std::fmt::Result) -> String {
        let mut s = String::new();
        let _ = f(self.theme.as_ref(), &mut s);
        s
    }

    /// The columns a line may take: one short of the terminal's width, so that a full line
    /// never leaves the cursor waiting at the edge, where terminals differ.
    fn width(&self) -> usize {
        usize::from(self.term.size().1).saturating_sub(1).max(20)
    }

    /// Lines a list may take below the head: the rest of the screen, or half of it when the
    /// head leaves less (its top then scrolls away), and never all of it: each line of the
    /// body must still be on screen to redraw it.
    fn room(&self, head: usize) -> usize {
        let most = usize::from(self.term.size().0).saturating_sub(1).max(1);
        most.saturating_sub(head).max(most / 2).clamp(1, most)
    }

    /// Draws the prompt: the first time, head and body; then the body again in place; after a
    /// resize, everything again on a cleared screen. `body` gets the lines it may take.
    fn show(
        &self,
        view: &mut View,
        head: &dyn Fn() -> Vec<String>,
        body: &mut dyn FnMut(usize) -> Body,
    ) -> io::Result<()> {
        let size = self.term.size();
        match view.size {
            Some(drawn) if drawn == size => self.clear_body(view)?,
            drawn => {
                if drawn.is_some() {
                    self.term.move_cursor_to(0, 0)?;
                    self.term.clear_to_end_of_screen()?;
                }
                let lines = head();
                for l in &lines {
                    self.line(l)?;
                }
                view.head = lines.len();
            }
        }
        let body = body(self.room(view.head));
        for l in &body.lines {
            self.line(l)?;
        }
        view.body = body.lines.len();
        view.typing = body.input.is_some();
        if let Some(input) = &body.input {
            self.term.write_str(input)?;
            // A line typed past the edge goes on below.
            view.body += width_of(input).saturating_sub(1) / usize::from(size.1).max(1);
        }
        self.term.flush()?;
        view.size = Some(size);
        Ok(())
    }

    /// Whether the prompt must be drawn: not yet, or not at this size.
    fn stale(&self, view: &View) -> bool {
        view.size != Some(self.term.size())
    }

    /// Clears the body, leaving the cursor where it began.
    fn clear_body(&self, view: &View) -> io::Result<()> {
        if view.typing {
            self.term.clear_line()?;
        }
        self.term.clear_last_lines(view.body)
    }

    /// Writes the record of an answer in place of the prompt's body.
    fn settle(&self, view: &View, answer: &str) -> io::Result<()> {
        self.clear_body(view)?;
        for l in self.record(answer) {
            self.line(&l)?;
        }
        Ok(())
    }

    /// "Answer · ...", wrapped under the answer.
    fn record(&self, answer: &str) -> Vec<String> {
        let word = tr!(self.lang, "prompt-answer");
        let indent = width_of(&self.fmt(|t, s| t.format_input_prompt_selection(s, &word, "")));
        let lines = fit(answer, self.width().saturating_sub(indent));
        let first = self.fmt(|t, s| t.format_input_prompt_selection(s, &word, &lines[0]));
        let rest = lines[1..].iter().map(|l| format!("{}{}", " ".repeat(indent), self.value.apply_to(l)));
        std::iter::once(first).chain(rest).collect()
    }

    /// A problem to show, marked as one, wrapped under its text.
    fn errors(&self, message: &str) -> Vec<String> {
        let error = |m: &str| {
            if self.color {
                self.fmt(|t, s| t.format_error(s, m))
            } else {
                tr!(self.lang, "prompt-error", message = m)
            }
        };
        let prefix = width_of(&error(""));
        let lines = fit(message, self.width().saturating_sub(prefix));
        let rest = lines[1..].iter().map(|l| format!("{}{}", " ".repeat(prefix), self.error.apply_to(l)));
        std::iter::once(error(&lines[0])).chain(rest).collect()
    }

    fn styled(&self, text: &str, style: &Style) -> Vec<String> {
        fit(text, self.width()).into_iter().map(|l| style.apply_to(l).to_string()).collect()
    }

    /// "y or n", in the language's keys.
    fn yes_no_keys(&self) -> String {
        tr!(self.lang, "keys-yes-no", yes = self.yes.to_string(), no = self.no.to_string())
    }

    fn header(&self, p: &Prompt<'_>) -> Vec<String> {
        // The bar shows the share done of the most there can be; it never goes backwards
        // as answers come, because the most that can come only falls.
        let total = (p.number + p.more).max(1);
        let filled = ((p.number.saturating_sub(1) * 10 + total / 2) / total).min(10);
        let bar = format!("{}{}", "\u{2588}".repeat(filled), "\u{2591}".repeat(10 - filled));
        // The section rides on the progress line: the order adapts to the answers, so a
        // heading of its own would come and go.
        let mut progress = vec![tr!(self.lang, "progress", number = p.number, more = p.more), bar];
        progress.extend(p.section.map(|s| clean(s).into_owned()));
        let mut out = vec![String::new()];
        out.extend(fit_pieces(&progress, self.width()).iter().map(|l| self.dim.apply_to(l).to_string()));
        let (text, help) = match p.checklist {
            Some(c) => (p.rules.t(&c.text), c.help.as_ref()),
            None => (p.rules.t(&p.questions[0].text), p.questions[0].help.as_ref()),
        };
        out.extend(self.styled(text, &self.bold));
        if let Some(help) = help {
            out.extend(self.styled(p.rules.t(help), &self.dim));
        }
        out.extend(self.styled(&self.hint(p), &self.dim));
        out
    }

    /// The keys a prompt takes, in words.
    fn hint(&self, p: &Prompt<'_>) -> String {
        let lang = self.lang;
        let q = p.questions[0];
        let mut keys = Vec::new();
        match (&p.checklist, &q.kind) {
            (Some(_), _) => {
                keys.push(tr!(lang, "keys-tick"));
                // In a checklist, `?` is for its yes/no rows.
                if p.questions.iter().any(|q| matches!(q.kind, QuestionKind::YesNo) && q.not_sure) {
                    keys.push(tr!(lang, "keys-not-sure"));
                }
                keys.push(tr!(lang, "keys-tick-done"));
            }
            (None, QuestionKind::YesNo) => {
                keys.push(self.yes_no_keys());
                if q.not_sure {
                    keys.push(tr!(lang, "keys-not-sure"));
                }
            }
            (None, QuestionKind::SingleChoice(_)) => keys.push(tr!(lang, "keys-pick")),
            (None, QuestionKind::MultipleChoice(_)) => {
                keys.push(tr!(lang, "keys-tick"));
                keys.push(tr!(lang, "keys-tick-done"));
            }
            (None, _) => {
                keys.push(tr!(lang, "keys-number"));
                if q.not_sure {
                    keys.push(tr!(lang, "keys-not-sure"));
                }
            }
        }
        if p.can_go_back {
            keys.push(tr!(lang, "keys-back"));
        }
        format!("({})", keys.join(", "))
    }

    /// The line a yes/no answer is typed on: "? Answer (y/n) › no".
    fn confirm_prompt(&self, preset: Option<bool>) -> String {
        let word = tr!(self.lang, "prompt-answer");
        let (yes, no) = (self.yes.to_string(), self.no.to_string());
        if self.color {
            let keys = format!("{yes}/{no}");
            let mut s = self.fmt(|t, s| t.format_input_prompt(s, &word, Some(&keys)));
            if let Some(b) = preset {
                let shown = self.answer_text(&AnswerValue::Bool(b)).to_lowercase();
                s.push_str(&Style::new().for_stderr().cyan().apply_to(shown).to_string());
            }
            s
        } else {
            // The key an Enter gives, in capitals.
            let (yes, no) = match preset {
                Some(true) => (yes.to_uppercase(), no),
                Some(false) => (yes, no.to_uppercase()),
                None => (yes, no),
            };
            format!("{word} [{yes}/{no}] ")
        }
    }

    fn answer_text(&self, value: &AnswerValue) -> String {
        match value {
            AnswerValue::Bool(true) => tr!(self.lang, "answer-yes"),
            AnswerValue::Bool(false) => tr!(self.lang, "answer-no"),
            _ => tr!(self.lang, "answer-not-sure"),
        }
    }

    fn yes_no(
        &self,
        head: &dyn Fn() -> Vec<String>,
        current: Option<&AnswerValue>,
        not_sure: bool,
        can_go_back: bool,
    ) -> Result<Reply, Stop> {
        let preset = match current {
            Some(AnswerValue::Bool(b)) => Some(*b),
            _ => None,
        };
        let _guard = CursorGuard(&self.term);
        let mut view = View::default();
        loop {
            if self.stale(&view) {
                self.show(&mut view, head, &mut |_| Body {
                    lines: Vec::new(),
                    input: Some(self.confirm_prompt(preset)),
                })?;
            }
            let value = match self.key(&view)? {
                Key2::Resized => continue,
                Key2::Cancel => {
                    self.line("")?;
                    return Err(Stop::Cancelled);
                }
                Key2::Key(Key::Char(c)) if Self::is(c, self.yes) => AnswerValue::Bool(true),
                Key2::Key(Key::Char(c)) if Self::is(c, self.no) => AnswerValue::Bool(false),
                Key2::Key(Key::Char('?')) if not_sure => AnswerValue::NotSure,
                Key2::Key(Key::Enter) if current.is_some() => {
                    current.cloned().unwrap_or(AnswerValue::NotSure)
                }
                Key2::Key(Key::Escape) if can_go_back => {
                    self.clear_body(&view)?;
                    return Ok(Reply::Back);
                }
                Key2::Key(_) => continue,
            };
            self.settle(&view, &self.answer_text(&value))?;
            return Ok(Reply::Answers(vec![value]));
        }
    }

    /// A row's lines: the first through `first` (marker, highlight), the rest under its text.
    fn row(&self, text: &str, indent: usize, active: bool, first: impl Fn(&str) -> String) -> Vec<String> {
        let lines = fit(text, self.width().saturating_sub(indent));
        let plain = Style::new().for_stderr();
        let style = if active { &self.active } else { &plain };
        let rest = lines[1..].iter().map(|l| format!("{}{}", " ".repeat(indent), style.apply_to(l)));
        std::iter::once(first(&lines[0])).chain(rest).collect()
    }

    /// The lines of a list: every row, when they fit in `room` lines; else the whole rows that
    /// fit around the active one, with a line for those hidden above and below.
    fn list(
        &self,
        rows: &[Vec<String>],
        active: usize,
        room: usize,
        top: &mut usize,
        indent: usize,
    ) -> Vec<String> {
        let heights: Vec<usize> = rows.iter().map(Vec::len).collect();
        let (start, end) = window(&heights, active, room, top);
        let more = |text: String| self.dim.apply_to(format!("{}{text}", " ".repeat(indent))).to_string();
        let mut out = Vec::new();
        if start > 0 {
            out.push(more(tr!(self.lang, "prompt-more-above", n = start)));
        }
        out.extend(rows[start..end].iter().flatten().cloned());
        if end < rows.len() {
            out.push(more(tr!(self.lang, "prompt-more-below", n = rows.len() - end)));
        }
        out
    }

    /// A list to pick one row from; `Ok(None)` is Esc (back).
    fn pick_one(
        &self,
        head: &dyn Fn() -> Vec<String>,
        labels: &[String],
        mut active: usize,
        back: bool,
    ) -> Result<Option<usize>, Stop> {
        self.term.hide_cursor()?;
        let _guard = CursorGuard(&self.term);
        let marker = width_of(&self.fmt(|t, s| t.format_select_prompt_item(s, "", false)));
        let mut view = View::default();
        let mut top = 0;
        loop {
            self.show(&mut view, head, &mut |room| {
                let rows: Vec<Vec<String>> = labels
                    .iter()
                    .enumerate()
                    .map(|(i, label)| {
                        self.row(label, marker, i == active, |text| {
                            self.fmt(|t, s| t.format_select_prompt_item(s, text, i == active))
                        })
                    })
                    .collect();
                Body { lines: self.list(&rows, active, room, &mut top, marker), input: None }
            })?;
            match self.key(&view)? {
                Key2::Resized => {}
                Key2::Cancel => return Err(Stop::Cancelled),
                Key2::Key(k) if moved(&k, active, labels.len()).is_some() => {
                    active = moved(&k, active, labels.len()).unwrap_or(active)
                }
                Key2::Key(Key::Enter) => {
                    self.settle(&view, &clean(&labels[active]))?;
                    return Ok(Some(active));
                }
                Key2::Key(Key::Escape) if back => {
                    self.clear_body(&view)?;
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
        head: &dyn Fn() -> Vec<String>,
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
        // A pointer before the active row, so that it is not shown by colour alone.
        let marker = 2 + width_of(&self.fmt(|t, s| t.format_multi_select_prompt_item(s, "", false, false)));
        let not_sure = tr!(self.lang, "prompt-not-sure-mark");
        let mut view = View::default();
        let mut top = 0;
        loop {
            let shown_note = note.take();
            self.show(&mut view, head, &mut |room| {
                let note = shown_note.map(|n| self.errors(n)).unwrap_or_default();
                let rows: Vec<Vec<String>> = labels
                    .iter()
                    .enumerate()
                    .map(|(i, text)| {
                        // In line with the boxes, past the pointer.
                        let heading = headings.get(i).and_then(Option::as_ref).map(|h| {
                            fit(h, self.width().saturating_sub(2))
                                .into_iter()
                                .map(|l| format!("  {}", self.dim.apply_to(l)))
                        });
                        // First, so that it shows on the row's first line.
                        let text = match marks[i] {
                            Mark::Unsure => format!("{not_sure} {text}"),
                            _ => text.clone(),
                        };
                        let on = marks[i] == Mark::On;
                        let row = self.row(&text, marker, i == active, |text| {
                            let pointer = if i == active { "\u{276f} " } else { "  " };
                            let item =
                                self.fmt(|t, s| t.format_multi_select_prompt_item(s, text, on, i == active));
                            format!("{pointer}{item}")
                        });
                        heading.into_iter().flatten().chain(row).collect()
                    })
                    .collect();
                let mut lines = self.list(&rows, active, room.saturating_sub(note.len()).max(1), &mut top, 2);
                lines.extend(note);
                Body { lines, input: None }
            })?;
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
            match self.key(&view)? {
                // Drawn again with the note, if one was showing.
                Key2::Resized => note = shown_note,
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
                            Mark::Unsure => format!("{} {not_sure}", clean(l)),
                            _ => clean(l).into_owned(),
                        })
                        .collect();
                    self.settle(&view, &shown.join("; "))?;
                    return Ok(Some(marks));
                }
                Key2::Key(Key::Escape) if back => {
                    self.clear_body(&view)?;
                    return Ok(None);
                }
                Key2::Key(_) => {}
            }
        }
    }

    fn single(
        &self,
        head: &dyn Fn() -> Vec<String>,
        p: &Prompt<'_>,
        choices: &[Choice],
    ) -> Result<Reply, Stop> {
        let q = p.questions[0];
        let mut labels: Vec<String> = choices.iter().map(|c| p.rules.t(&c.text).to_string()).collect();
        if q.not_sure {
            labels.push(tr!(self.lang, "answer-not-sure"));
        }
        let active = match p.current[0] {
            Some(AnswerValue::Choice(id)) => choices.iter().position(|c| &c.id == id).unwrap_or(0),
            Some(AnswerValue::NotSure) if q.not_sure => choices.len(),
            _ => 0,
        };
        Ok(match self.pick_one(head, &labels, active, p.can_go_back)? {
            None => Reply::Back,
            Some(i) if i == choices.len() => Reply::Answers(vec![AnswerValue::NotSure]),
            Some(i) => Reply::Answers(vec![AnswerValue::Choice(choices[i].id.clone())]),
        })
    }

    fn multiple(
        &self,
        head: &dyn Fn() -> Vec<String>,
        p: &Prompt<'_>,
        choices: &[Choice],
    ) -> Result<Reply, Stop> {
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
            labels.push(tr!(self.lang, "answer-not-sure"));
            marks.push(if p.current[0].is_some_and(AnswerValue::is_not_sure) { Mark::On } else { Mark::Off });
            exclusive.push(choices.len());
        }
        let empty = if exclusive.is_empty() {
            tr!(self.lang, "tick-empty")
        } else {
            tr!(self.lang, "tick-empty-or-none")
        };
        let unsure = vec![false; labels.len()];
        let headings = vec![None; labels.len()];
        let Some(marks) =
            self.tick(head, &labels, &headings, marks, &exclusive, &unsure, p.can_go_back, &empty)?
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
    fn checklist(&self, head: &dyn Fn() -> Vec<String>, p: &Prompt<'_>) -> Result<Reply, Stop> {
        let rows = p.rows();
        let n = rows.len();
        let mut labels: Vec<String> = rows.iter().map(|r| r.label.to_string()).collect();
        let mut headings: Vec<Option<String>> = rows.iter().map(|r| r.heading.map(str::to_string)).collect();
        labels.push(tr!(self.lang, "none-of-these"));
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
            labels.push(tr!(self.lang, "answer-not-sure"));
            headings.push(None);
            marks.push(if all_unsure { Mark::On } else { Mark::Off });
            exclusive.push(n + 1);
        }
        let unsure: Vec<bool> = unsure.into_iter().chain([false]).collect();
        let empty = tr!(self.lang, "tick-empty-checklist");
        let Some(marks) =
            self.tick(head, &labels, &headings, marks, &exclusive, &unsure, p.can_go_back, &empty)?
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

    /// The line to type on, and the lines of its prompt above it when the prompt is too
    /// long to leave room for typing beside it.
    fn input_lines(&self, prompt: &str, default: Option<&str>) -> (Vec<String>, String) {
        let whole = self.fmt(|t, s| t.format_input_prompt(s, prompt, default));
        if width_of(&whole) + 10 <= self.width() {
            return (Vec::new(), whole);
        }
        let above = self.styled(prompt, &self.bold);
        (above, self.fmt(|t, s| t.format_input_prompt(s, "", default)))
    }

    /// A line of text typed by the person, under the `above` lines; `Ok(None)` is Esc. The
    /// prompt stays on screen, with the cursor after what was typed.
    fn read_text(
        &self,
        view: &mut View,
        head: &dyn Fn() -> Vec<String>,
        above: &dyn Fn() -> Vec<String>,
        prompt: &str,
        default: Option<&str>,
        allowed: impl Fn(char) -> bool,
    ) -> Result<Option<String>, Stop> {
        let mut typed = String::new();
        loop {
            self.show(view, head, &mut |_| {
                let (lines, input) = self.input_lines(prompt, default);
                Body { lines: above().into_iter().chain(lines).collect(), input: Some(input + &typed) }
            })?;
            match self.key(view)? {
                Key2::Resized => {}
                Key2::Cancel => {
                    self.line("")?;
                    return Err(Stop::Cancelled);
                }
                Key2::Key(Key::Enter) => return Ok(Some(typed)),
                Key2::Key(Key::Escape) => return Ok(None),
                Key2::Key(Key::Backspace) => {
                    typed.pop();
                }
                Key2::Key(Key::Char(c)) if allowed(c) && typed.chars().count() < 200 => typed.push(c),
                Key2::Key(_) => {}
            }
        }
    }

    fn number(&self, head: &dyn Fn() -> Vec<String>, p: &Prompt<'_>, back: bool) -> Result<Reply, Stop> {
        let lang = self.lang;
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
        let label = if not_sure {
            tr!(lang, "number-range-not-sure", min = min, max = max, unit = unit.as_str())
        } else {
            tr!(lang, "number-range", min = min, max = max, unit = unit.as_str())
        };
        let mut view = View::default();
        let mut refused: Option<String> = None;
        loop {
            let above = || refused.as_deref().map(|r| self.errors(r)).unwrap_or_default();
            let typed = self.read_text(&mut view, head, &above, &label, current.as_deref(), |c| {
                c.is_ascii_digit() || c == '-' || c == '?'
            })?;
            let Some(typed) = typed else {
                if back {
                    self.clear_body(&view)?;
                    return Ok(Reply::Back);
                }
                refused = None;
                continue;
            };
            let typed = if typed.is_empty() { current.clone().unwrap_or_default() } else { typed };
            if not_sure && typed.trim() == "?" {
                self.settle(&view, &tr!(lang, "answer-not-sure"))?;
                return Ok(Reply::Answers(vec![AnswerValue::NotSure]));
            }
            match typed.parse::<i64>() {
                Ok(n) if (min..=max).contains(&n) => {
                    self.settle(&view, &format!("{n}{unit}"))?;
                    return Ok(Reply::Answers(vec![AnswerValue::Number(n)]));
                }
                // Refused: say why, with the allowed range, and ask again.
                _ if typed.is_empty() => {
                    refused =
                        Some(tr!(lang, "number-refused-empty", min = min, max = max, unit = unit.as_str()))
                }
                _ => {
                    refused = Some(tr!(
                        lang,
                        "number-refused",
                        typed = typed.as_str(),
                        min = min,
                        max = max,
                        unit = unit.as_str()
                    ))
                }
            }
        }
    }
}

/// `text`, sanitised, in lines of at most `width` columns: broken at spaces, and a word
/// longer than a line (a file's path) broken where the line ends. Never no line.
pub(crate) fn fit(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for line in crate::render::wrap::wrap(&clean(text), Some(width.max(10))) {
        if width_of(&line) <= width {
            out.push(line);
            continue;
        }
        let mut part = String::new();
        let mut used = 0;
        for c in line.chars() {
            let w = width_of(c.encode_utf8(&mut [0; 4]));
            if used + w > width && !part.is_empty() {
                out.push(std::mem::take(&mut part).trim_end().to_string());
                used = 0;
            }
            if used == 0 && c == ' ' {
                continue; // no space at the start of a line
            }
            part.push(c);
            used += w;
        }
        out.push(part);
    }
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

/// `pieces` on as few lines of `width` columns as they fit, two spaces apart; a piece too
/// long for a line of its own is fitted as text.
fn fit_pieces(pieces: &[String], width: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for piece in pieces {
        match out.last_mut() {
            Some(last) if width_of(last) + 2 + width_of(piece) <= width => {
                last.push_str("  ");
                last.push_str(piece);
            }
            _ => out.extend(fit(piece, width)),
        }
    }
    out
}

/// The rows `[start, end)` of a list to show in `room` lines, given each row's height:
/// all when they fit; else whole rows around `active`, leaving a line for "more above"
/// when `start > 0` and one for "more below" when `end` is short of the end. `top`, the
/// first row shown last time, keeps the window still until the active row would leave it.
fn window(heights: &[usize], active: usize, room: usize, top: &mut usize) -> (usize, usize) {
    let n = heights.len();
    if heights.iter().sum::<usize>() <= room {
        *top = 0;
        return (0, n);
    }
    // The rows that fit from `start` on, with their indicator lines.
    let fill = |start: usize| {
        let mut used = usize::from(start > 0);
        let mut end = start;
        while end < n && used + heights[end] + usize::from(end + 1 < n) <= room {
            used += heights[end];
            end += 1;
        }
        end
    };
    *top = (*top).min(active);
    while fill(*top) <= active && *top < active {
        *top += 1;
    }
    // The active row is shown even when it alone is taller than the room.
    (*top, fill(*top).max(active + 1))
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
            for l in fit(text, self.width().saturating_sub(2)) {
                self.line(&style.apply_to(format!(" {l} ")).to_string())?;
            }
            return Ok(());
        }
        for l in self.styled(text, &style) {
            self.line(&l)?;
        }
        Ok(())
    }

    fn finish(&mut self) {
        let _ = self.term.show_cursor();
    }

    fn ask(&mut self, p: &Prompt<'_>) -> Result<Reply, Stop> {
        let this = &*self;
        let head = || this.header(p);
        let back = p.can_go_back;
        let q = p.questions[0];
        let reply = match (&p.checklist, &q.kind) {
            (Some(_), _) => this.checklist(&head, p),
            (None, QuestionKind::YesNo) => this.yes_no(&head, p.current[0], q.not_sure, back),
            (None, QuestionKind::SingleChoice(c)) => this.single(&head, p, c),
            (None, QuestionKind::MultipleChoice(c)) => this.multiple(&head, p, c),
            (None, QuestionKind::Number { .. } | QuestionKind::Scale) => this.number(&head, p, back),
        };
        if matches!(reply, Ok(Reply::Back)) {
            for l in self.styled(&tr!(self.lang, "prompt-back"), &self.dim) {
                self.line(&l)?;
            }
        }
        reply
    }

    fn confirm_emergency(&mut self, _rules: &Rules, flags: &[FiredFlag]) -> Result<bool, Stop> {
        let lang = self.lang;
        let head = || {
            let banner = Style::new().for_stderr().white().on_red().bold();
            let mut out = vec![String::new()];
            for l in fit(&tr!(lang, "emergency-check"), self.width().saturating_sub(2)) {
                out.push(banner.apply_to(format!(" {l} ")).to_string());
            }
            let mut said = Vec::new();
            for a in flags.iter().flat_map(|f| &f.triggered_by) {
                let line = tr!(
                    lang,
                    "emergency-you-said",
                    question = a.text.as_str(),
                    answer = a.answer_text.as_str()
                );
                if !said.contains(&line) {
                    said.push(line);
                }
            }
            for line in &said {
                out.extend(fit(line, self.width()));
            }
            out.extend(self.styled(&tr!(lang, "emergency-question"), &self.bold));
            let keys = tr!(lang, "emergency-keys", yes = self.yes.to_string(), no = self.no.to_string());
            out.extend(self.styled(&keys, &self.dim));
            out
        };
        let _guard = CursorGuard(&self.term);
        let mut view = View::default();
        loop {
            if self.stale(&view) {
                self.show(&mut view, &head, &mut |_| Body::default())?;
            }
            match self.key(&view)? {
                Key2::Resized => {}
                Key2::Cancel => return Err(Stop::Cancelled),
                Key2::Key(Key::Char(c)) if Self::is(c, self.yes) => return Ok(true),
                Key2::Key(Key::Char(c)) if Self::is(c, self.no) => break,
                Key2::Key(Key::Escape) => break,
                Key2::Key(_) => {}
            }
        }
        for l in self.styled(&tr!(lang, "emergency-back"), &self.dim) {
            self.line(&l)?;
        }
        Ok(false)
    }

    fn offer_save(&mut self) -> Result<bool, Stop> {
        let head = || {
            let offer = tr!(self.lang, "save-offer", keys = self.yes_no_keys());
            std::iter::once(String::new()).chain(self.styled(&offer, &self.bold)).collect()
        };
        let reply = self.yes_no(&head, Some(&AnswerValue::Bool(false)), false, false)?;
        Ok(matches!(reply, Reply::Answers(v) if v == [AnswerValue::Bool(true)]))
    }

    fn save_name(&mut self, problem: Option<&str>) -> Result<Option<PathBuf>, Stop> {
        let head = || problem.map(|p| self.errors(p)).unwrap_or_default();
        let default = "backscreen-answers.json";
        let mut view = View::default();
        let prompt = tr!(self.lang, "save-file-name");
        let typed =
            self.read_text(&mut view, &head, &Vec::new, &prompt, Some(default), |c| !c.is_control())?;
        // What was typed stays on screen, as given.
        self.line("")?;
        Ok(typed.map(|t| {
            PathBuf::from(if t.trim().is_empty() { default.to_string() } else { t.trim().to_string() })
        }))
    }

    fn confirm_overwrite(&mut self, path: &std::path::Path) -> Result<bool, Stop> {
        let head = || {
            let path = path.display().to_string();
            let question = tr!(self.lang, "save-overwrite", path = path.as_str(), keys = self.yes_no_keys());
            self.styled(&question, &self.bold)
        };
        let reply = self.yes_no(&head, Some(&AnswerValue::Bool(false)), false, false)?;
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

    #[test]
    fn text_is_fitted_at_spaces_and_a_word_too_long_for_a_line_is_broken() {
        assert_eq!(fit("the quick brown fox", 10), ["the quick", "brown fox"]);
        let path = "/tmp/a-very-long-directory-name/answers.json";
        let lines = fit(&format!("see {path} now"), 12);
        assert!(lines.iter().all(|l| width_of(l) <= 12), "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), format!("see{path}now"));
        assert_eq!(fit("", 10), [""], "an empty text is one empty line");
    }

    #[test]
    fn pieces_share_a_line_while_they_fit() {
        let pieces = ["Question 1, at most 9 more".to_string(), "#".repeat(10), "Safety".to_string()];
        assert_eq!(
            fit_pieces(&pieces, 80),
            [format!("Question 1, at most 9 more  {}  Safety", "#".repeat(10))]
        );
        assert_eq!(
            fit_pieces(&pieces, 39),
            [format!("Question 1, at most 9 more  {}", "#".repeat(10)), "Safety".to_string()]
        );
    }

    #[test]
    fn a_list_that_fits_is_shown_whole() {
        let mut top = 3;
        assert_eq!(window(&[2, 2, 2], 1, 6, &mut top), (0, 3));
        assert_eq!(top, 0);
    }

    #[test]
    fn a_list_taller_than_the_room_shows_whole_rows_around_the_active_one() {
        let heights = [2; 10];
        let mut top = 0;
        // 8 lines: 3 rows of 2 and the "more below" line.
        assert_eq!(window(&heights, 0, 8, &mut top), (0, 3));
        assert_eq!(window(&heights, 2, 8, &mut top), (0, 3), "still in the window: it stays");
        // Moving past the end: a line for "more above", the active row last.
        let (start, end) = window(&heights, 3, 8, &mut top);
        assert_eq!(end, 4);
        assert!(start > 0);
        let (start, end) = window(&heights, 9, 8, &mut top);
        assert_eq!(end, 10, "the last row, with no line for more below");
        assert_eq!(heights[start..end].iter().sum::<usize>() + 1, 7);
        assert_eq!(window(&heights, 0, 8, &mut top), (0, 3), "back to the first row");
    }

    #[test]
    fn a_row_taller_than_the_room_is_still_shown() {
        let mut top = 0;
        assert_eq!(window(&[1, 9, 1], 1, 4, &mut top), (1, 2));
    }
}
