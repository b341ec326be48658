//! Plain mode (`--plain`, or `TERM=dumb`): the interview as lines, for a screen reader
//! or a terminal that cannot take escape sequences.
//!
//! Each prompt is written once, top to bottom, and never redrawn: a screen reader reads
//! new lines as they come, and anything drawn over in place would be read again or lost.
//! Answers are whole typed lines (read in the terminal's own line mode, so its editing
//! keys work): choices are numbered, and "back" and "not sure" are words shown in the
//! prompt. Nothing here writes an escape sequence, and nothing is shown by style alone.

use super::{Prompt, Prompter, Reply, Row, Stop, Tone};
use crate::engine::{self, FiredFlag};
use crate::i18n::Lang;
use crate::render::wrap::hanging;
use crate::rules::{Choice, QuestionKind, Rules};
use crate::sanitize::for_terminal as clean;
use crate::tr;
use crate::value::AnswerValue;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

/// The progress line of a prompt: "Question 3, at most 12 more (Section)".
pub fn progress(lang: Lang, number: usize, more: usize, section: Option<&str>) -> String {
    let line = tr!(lang, "progress", number = number, more = more);
    match section {
        Some(s) => format!("{line} ({})", clean(s)),
        None => line,
    }
}

/// The width of the terminal standard error is on, if it is one.
pub fn stderr_width() -> Option<usize> {
    console::Term::stderr().size_checked().map(|(_, cols)| usize::from(cols))
}

/// Asks on `out` and reads typed lines from `input`.
pub struct PlainPrompter<R, W> {
    input: R,
    out: W,
    lang: Lang,
    words: Words,
    /// Asked again before each prompt: the window may have been resized.
    width: fn() -> Option<usize>,
}

impl PlainPrompter<io::StdinLock<'static>, io::Stderr> {
    /// Reads standard input and writes to standard error, like the arrow-key interview.
    pub fn stdio(lang: Lang) -> Self {
        PlainPrompter::new(io::stdin().lock(), io::stderr(), lang, stderr_width)
    }
}

/// What the person may type for yes, no, not sure, back and none, normalised.
struct Words {
    yes: Vec<String>,
    no: Vec<String>,
    not_sure: Vec<String>,
    back: Vec<String>,
    none: Vec<String>,
}

impl Words {
    fn of(lang: Lang) -> Self {
        let list = |s: String| s.split('|').map(normal).filter(|w| !w.is_empty()).collect();
        Words {
            yes: list(tr!(lang, "plain-words-yes")),
            no: list(tr!(lang, "plain-words-no")),
            not_sure: list(tr!(lang, "plain-words-not-sure")),
            back: list(tr!(lang, "plain-words-back")),
            none: list(tr!(lang, "plain-words-none")),
        }
    }

    fn not_sure(&self, typed: &str) -> bool {
        typed == "?" || self.not_sure.iter().any(|w| w == typed)
    }
}

/// Lower case, with runs of white space made one space: "  Not   Sure " is "not sure".
fn normal(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// What a prompt takes, and how its rows are numbered.
enum Form<'p> {
    YesNo,
    Single(&'p [Choice]),
    Multiple(&'p [Choice]),
    Number {
        min: i64,
        max: i64,
        unit: String,
    },
    Checklist {
        rows: Vec<Row<'p>>,
        /// Per row: whether `?N` may mark it not sure (its question is yes/no and allows it).
        unsure: Vec<bool>,
    },
}

/// What a typed line says.
enum Typed {
    Answers(Vec<AnswerValue>),
    Back,
}

impl<R: BufRead, W: Write> PlainPrompter<R, W> {
    pub fn new(input: R, out: W, lang: Lang, width: fn() -> Option<usize>) -> Self {
        PlainPrompter { input, out, lang, words: Words::of(lang), width }
    }

    /// Text is wrapped one column short of the edge: a line that fills the last column
    /// leaves some terminals with an extra blank line.
    fn wrap_width(&self) -> Option<usize> {
        (self.width)().map(|w| w.saturating_sub(1))
    }

    /// `text` after `first`, wrapped at spaces, continuation lines indented under it.
    fn para(&mut self, first: &str, text: &str) -> io::Result<()> {
        for line in hanging(first, &clean(text), self.wrap_width()) {
            writeln!(self.out, "{}", line.trim_end())?;
        }
        Ok(())
    }

    /// Asks with `prompt` on the line the answer is typed on; `Stop::Cancelled` at the end
    /// of input (Ctrl-D).
    fn read(&mut self, prompt: &str) -> Result<String, Stop> {
        write!(self.out, "{prompt} ")?;
        self.out.flush()?;
        let mut line = Vec::new();
        if self.input.read_until(b'\n', &mut line)? == 0 {
            // The next thing said starts on a line of its own.
            writeln!(self.out)?;
            return Err(Stop::Cancelled);
        }
        Ok(String::from_utf8_lossy(&line).trim_end_matches(['\n', '\r']).to_string())
    }

    /// A yes or no typed at `prompt` (Enter alone is `default` when there is one); a
    /// "back" is no. Anything else is refused, saying `how`, and asked again.
    fn yes_no_line(&mut self, prompt: &str, default: Option<bool>, how: &str) -> Result<bool, Stop> {
        loop {
            let typed = self.read(prompt)?;
            let t = normal(&typed);
            if t.is_empty()
                && let Some(d) = default
            {
                return Ok(d);
            }
            if self.words.yes.contains(&t) {
                return Ok(true);
            }
            if self.words.no.contains(&t) || self.words.back.contains(&t) {
                return Ok(false);
            }
            let wrong = self.wrong(&typed);
            self.para("", &format!("{wrong} {how}"))?;
        }
    }

    /// The first half of a refusal: what was typed is not an answer.
    fn wrong(&self, typed: &str) -> String {
        let lang = self.lang;
        if typed.trim().is_empty() {
            tr!(lang, "plain-wrong-empty")
        } else {
            // Cut, so that a pasted page does not come back as a page.
            let shown: String = typed.trim().chars().take(40).collect();
            tr!(lang, "plain-wrong", typed = shown.as_str())
        }
    }

    fn form<'p>(&self, p: &Prompt<'p>) -> Form<'p> {
        if p.checklist.is_some() {
            let rows = p.rows();
            let unsure =
                rows.iter().map(|r| r.choice.is_none() && p.questions[r.question].not_sure).collect();
            return Form::Checklist { rows, unsure };
        }
        let q = p.questions[0];
        match &q.kind {
            QuestionKind::YesNo => Form::YesNo,
            QuestionKind::SingleChoice(c) => Form::Single(c),
            QuestionKind::MultipleChoice(c) => Form::Multiple(c),
            QuestionKind::Number { .. } | QuestionKind::Scale => {
                let (min, max) = q.kind.range().unwrap_or((0, 10));
                let unit = match &q.kind {
                    QuestionKind::Number { unit: Some(u), .. } => format!(" {}", clean(p.rules.t(u))),
                    _ => String::new(),
                };
                Form::Number { min, max, unit }
            }
        }
    }

    /// Whether the whole prompt may be answered "not sure" in one word: a question that
    /// allows it, or a checklist of choices alone (no yes/no row to mark `?N`) whose
    /// questions all allow it, as in the arrow-key interview.
    fn whole_not_sure(p: &Prompt<'_>, form: &Form<'_>) -> bool {
        match form {
            Form::Checklist { unsure, .. } => {
                !unsure.contains(&true) && p.questions.iter().all(|q| q.not_sure)
            }
            _ => p.questions[0].not_sure,
        }
    }

    /// How to answer this prompt, as one sentence and "Then press Enter."
    fn how(&self, p: &Prompt<'_>, form: &Form<'_>) -> String {
        let lang = self.lang;
        let mut parts = vec![match form {
            Form::YesNo => tr!(lang, "plain-how-yes-no"),
            Form::Single(_) => tr!(lang, "plain-how-choice"),
            Form::Multiple(_) => tr!(lang, "plain-how-choices"),
            Form::Number { min, max, unit } => {
                tr!(lang, "plain-how-number", min = *min, max = *max, unit = unit.as_str())
            }
            Form::Checklist { .. } => tr!(lang, "plain-how-checklist"),
        }];
        if let Form::Checklist { unsure, .. } = form
            && let Some(first) = unsure.iter().position(|u| *u)
        {
            parts.push(tr!(lang, "plain-how-checklist-unsure", example = first + 1));
        }
        if Self::whole_not_sure(p, form) {
            parts.push(tr!(lang, "plain-how-not-sure"));
        }
        if p.can_go_back {
            parts.push(tr!(lang, "plain-how-back"));
        }
        let mut sentence = parts.join("; ");
        if let Some(first) = sentence.chars().next() {
            sentence = format!("{}{}", first.to_uppercase(), &sentence[first.len_utf8()..]);
        }
        format!("{sentence}. {}", tr!(lang, "plain-then-enter"))
    }

    /// The answers in words, as the person reads them back: "Yes", "40 years", a
    /// checklist's rows that apply (and those not sure), or "None of these".
    fn in_words(&self, p: &Prompt<'_>, form: &Form<'_>, values: &[AnswerValue]) -> String {
        let lang = self.lang;
        let Form::Checklist { rows, .. } = form else {
            return engine::answer_text(p.rules, &p.questions[0].id, &values[0]);
        };
        if Self::whole_not_sure(p, form) && values.iter().all(AnswerValue::is_not_sure) {
            return tr!(lang, "answer-not-sure");
        }
        let given: Vec<Option<&AnswerValue>> = values.iter().map(Some).collect();
        let marked: Vec<String> = rows
            .iter()
            .zip(p.marks_of(&given))
            .filter_map(|(r, m)| match m {
                Some(true) => Some(r.label.to_string()),
                None => Some(format!("{} {}", r.label, tr!(lang, "plain-not-sure-mark"))),
                Some(false) => None,
            })
            .collect();
        if marked.is_empty() { tr!(lang, "none-of-these") } else { marked.join("; ") }
    }

    /// Reads what a typed line answers: `Err` is the reason it is refused.
    fn parse(&self, p: &Prompt<'_>, form: &Form<'_>, typed: &str) -> Result<Typed, String> {
        let lang = self.lang;
        let t = normal(typed);
        let n = p.questions.len();
        if t.is_empty()
            && let Some(previous) = previous(p)
        {
            return Ok(Typed::Answers(previous));
        }
        if self.words.back.contains(&t) {
            return if p.can_go_back { Ok(Typed::Back) } else { Err(tr!(lang, "plain-wrong-no-back")) };
        }
        if Self::whole_not_sure(p, form) && self.words.not_sure(&t) {
            return Ok(Typed::Answers(vec![AnswerValue::NotSure; n]));
        }
        let wrong = || Err(self.wrong(typed));
        let number = |s: &str, len: usize| s.parse::<usize>().ok().filter(|i| (1..=len).contains(i));
        let tokens: Vec<&str> = t.split([' ', ',', ';']).filter(|s| !s.is_empty()).collect();
        match form {
            Form::YesNo if self.words.yes.contains(&t) => Ok(Typed::Answers(vec![AnswerValue::Bool(true)])),
            Form::YesNo if self.words.no.contains(&t) => Ok(Typed::Answers(vec![AnswerValue::Bool(false)])),
            Form::YesNo => wrong(),
            Form::Single(choices) => match number(&t, choices.len()) {
                Some(i) => Ok(Typed::Answers(vec![AnswerValue::Choice(choices[i - 1].id.clone())])),
                None => wrong(),
            },
            Form::Multiple(choices) => {
                let mut picked: Vec<usize> = Vec::new();
                for token in &tokens {
                    match number(token, choices.len()) {
                        Some(i) if !picked.contains(&(i - 1)) => picked.push(i - 1),
                        Some(_) => {}
                        None => return wrong(),
                    }
                }
                if picked.is_empty() {
                    return wrong();
                }
                if picked.len() > 1
                    && let Some(&only) = picked.iter().find(|&&i| choices[i].exclusive)
                {
                    let choice = clean(p.rules.t(&choices[only].text)).into_owned();
                    return Err(tr!(
                        lang,
                        "plain-wrong-exclusive",
                        number = only + 1,
                        choice = choice.as_str()
                    ));
                }
                picked.sort_unstable();
                let ids = picked.iter().map(|&i| choices[i].id.clone()).collect();
                Ok(Typed::Answers(vec![AnswerValue::Choices(ids)]))
            }
            Form::Number { min, max, .. } => match t.parse::<i64>() {
                Ok(v) if (*min..=*max).contains(&v) => Ok(Typed::Answers(vec![AnswerValue::Number(v)])),
                _ => wrong(),
            },
            Form::Checklist { rows, unsure } => {
                let mut marks: Vec<Option<bool>> = vec![Some(false); rows.len()];
                let mut none = false;
                for token in &tokens {
                    if *token == "0" || self.words.none.iter().any(|w| w == token) {
                        none = true;
                        continue;
                    }
                    let (mark, digits) = match token.strip_prefix('?') {
                        Some(rest) => (None, rest),
                        None => (Some(true), *token),
                    };
                    let Some(i) = number(digits, rows.len()) else { return wrong() };
                    // `?N` only where the row takes it; one row given two ways is unclear.
                    let given = marks[i - 1];
                    if (mark.is_none() && !unsure[i - 1]) || (given != Some(false) && given != mark) {
                        return wrong();
                    }
                    marks[i - 1] = mark;
                }
                let any = marks.iter().any(|m| *m != Some(false));
                match (none, any) {
                    (true, true) => Err(tr!(lang, "plain-wrong-none-with-others")),
                    (false, false) => wrong(),
                    _ => Ok(Typed::Answers(p.checklist_answers(&marks))),
                }
            }
        }
    }

    fn list(&mut self, p: &Prompt<'_>, form: &Form<'_>) -> io::Result<()> {
        let numbered = |i: usize| format!("  {i}. ");
        match form {
            Form::Single(choices) | Form::Multiple(choices) => {
                for (i, c) in choices.iter().enumerate() {
                    self.para(&numbered(i + 1), p.rules.t(&c.text))?;
                }
            }
            Form::Checklist { rows, .. } => {
                for (i, r) in rows.iter().enumerate() {
                    if let Some(h) = r.heading {
                        self.para("  ", h)?;
                    }
                    self.para(&numbered(i + 1), r.label)?;
                }
                self.para(&numbered(0), &tr!(self.lang, "none-of-these"))?;
            }
            Form::YesNo | Form::Number { .. } => {}
        }
        Ok(())
    }
}

/// The answers given before (after going back), when every question of the prompt has one.
fn previous(p: &Prompt<'_>) -> Option<Vec<AnswerValue>> {
    p.current.iter().map(|c| c.cloned()).collect()
}

impl<R: BufRead, W: Write> Prompter for PlainPrompter<R, W> {
    /// Every tone alike: what a text means is in its words.
    fn say(&mut self, text: &str, _tone: Tone) -> io::Result<()> {
        if text.is_empty() {
            return writeln!(self.out);
        }
        self.para("", text)
    }

    fn ask(&mut self, p: &Prompt<'_>) -> Result<Reply, Stop> {
        let lang = self.lang;
        let form = self.form(p);
        writeln!(self.out)?;
        self.para("", &progress(lang, p.number, p.more, p.section))?;
        let (text, help) = match p.checklist {
            Some(c) => (p.rules.t(&c.text), c.help.as_ref()),
            None => (p.rules.t(&p.questions[0].text), p.questions[0].help.as_ref()),
        };
        self.para("", text)?;
        if let Some(help) = help {
            self.para("", p.rules.t(help))?;
        }
        self.list(p, &form)?;
        let how = self.how(p, &form);
        self.para("", &how)?;
        if let Some(previous) = previous(p) {
            let words = self.in_words(p, &form, &previous);
            self.para("", &tr!(lang, "plain-keep", answer = words.as_str()))?;
        }
        let prompt = tr!(lang, "plain-your-answer");
        loop {
            let typed = self.read(&prompt)?;
            match self.parse(p, &form, &typed) {
                Ok(Typed::Back) => {
                    self.para("", &tr!(lang, "plain-went-back"))?;
                    return Ok(Reply::Back);
                }
                Ok(Typed::Answers(values)) => {
                    let words = self.in_words(p, &form, &values);
                    self.para("", &tr!(lang, "plain-recorded", answer = words.as_str()))?;
                    return Ok(Reply::Answers(values));
                }
                // One line: what was wrong and what is allowed; then the same question.
                Err(why) => self.para("", &format!("{why} {how}"))?,
            }
        }
    }

    fn confirm_emergency(&mut self, _rules: &Rules, flags: &[FiredFlag]) -> Result<bool, Stop> {
        let lang = self.lang;
        writeln!(self.out)?;
        self.para("", &tr!(lang, "plain-check-answer"))?;
        let mut said = Vec::new();
        for a in flags.iter().flat_map(|f| &f.triggered_by) {
            let line =
                tr!(lang, "plain-you-said", question = a.text.as_str(), answer = a.answer_text.as_str());
            if !said.contains(&line) {
                said.push(line);
            }
        }
        for line in &said {
            self.para("", line)?;
        }
        self.para("", &tr!(lang, "plain-emergency-question"))?;
        let how = tr!(lang, "plain-emergency-how");
        self.para("", &how)?;
        let confirmed = self.yes_no_line(&tr!(lang, "plain-your-answer"), None, &how)?;
        if !confirmed {
            self.para("", &tr!(lang, "plain-back-to-question"))?;
        }
        Ok(confirmed)
    }

    fn offer_save(&mut self) -> Result<bool, Stop> {
        let lang = self.lang;
        writeln!(self.out)?;
        let question = tr!(lang, "plain-offer-save");
        self.para("", &question)?;
        self.yes_no_line(&tr!(lang, "plain-your-answer"), Some(false), &question)
    }

    fn save_name(&mut self, problem: Option<&str>) -> Result<Option<PathBuf>, Stop> {
        if let Some(problem) = problem {
            self.para("", problem)?;
        }
        let default = "backscreen-answers.json";
        let prompt = tr!(self.lang, "plain-file-name", default = default);
        // The prompt is on the line the name is typed on; wrapped, its last line is.
        let mut lines = hanging("", &prompt, self.wrap_width());
        let last = lines.pop().unwrap_or_default();
        for line in lines {
            writeln!(self.out, "{line}")?;
        }
        let typed = self.read(&last)?;
        let name = typed.trim();
        if self.words.back.contains(&normal(name)) {
            return Ok(None);
        }
        Ok(Some(PathBuf::from(if name.is_empty() { default } else { name })))
    }

    fn confirm_overwrite(&mut self, path: &Path) -> Result<bool, Stop> {
        let lang = self.lang;
        let shown = clean(&path.display().to_string()).into_owned();
        let question = tr!(lang, "plain-overwrite", path = shown.as_str());
        self.para("", &question)?;
        self.yes_no_line(&tr!(lang, "plain-your-answer"), Some(false), &question)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interview::{AskingOrder, Ending, conduct};
    use crate::value::Answers;

    fn rules() -> Rules {
        crate::rules::parse(include_str!("../../tests/fixtures/rules/minimal.json"), "minimal.json")
            .expect("valid")
    }

    fn wide() -> Option<usize> {
        Some(80)
    }

    /// Runs the minimal rules' interview on `typed` lines; returns how it ended, the
    /// answers, and everything written.
    fn interview(lang: Lang, typed: &str) -> (Ending, Answers, String) {
        let r = rules();
        let mut out = Vec::new();
        let session = {
            let mut p = PlainPrompter::new(typed.as_bytes(), &mut out, lang, wide);
            conduct(&r, &AskingOrder, &mut p, Answers::new(), &mut |_| {}).expect("no I/O error")
        };
        (session.ending, session.answers, String::from_utf8(out).expect("UTF-8"))
    }

    #[test]
    fn a_whole_interview_is_answered_by_typed_numbers_and_words() {
        // saddle: n; weak: 1 (none); age 40; pain 3; sitting 8; sports 2 (lifting); stiff: y.
        let (ending, answers, shown) = interview(Lang::En, "n\n1\n40\n3\n8\n2\ny\n");
        assert!(matches!(ending, Ending::Complete | Ending::Decided), "{ending:?}\n{shown}");
        assert_eq!(answers.get("weak"), Some(&AnswerValue::Choice("none".into())), "{shown}");
        assert_eq!(answers.get("saddle"), Some(&AnswerValue::Bool(false)));
        assert_eq!(answers.get("age"), Some(&AnswerValue::Number(40)));
        assert!(!shown.contains('\u{1b}'), "no escape sequence:\n{shown}");
        assert!(shown.contains("Question 1, at most"), "{shown}");
        assert!(shown.contains("  1. "), "choices are numbered:\n{shown}");
    }

    #[test]
    fn a_wrong_entry_is_refused_with_what_is_allowed_and_asked_again() {
        let (_, answers, shown) = interview(Lang::En, "maybe\nno\n7\n1\n");
        assert!(shown.contains("\"maybe\" is not an answer here. Type y for yes or n for no"), "{shown}");
        let refusal = shown.lines().find(|l| l.contains("\"7\" is not an answer here.")).expect(&shown);
        assert!(refusal.contains("Type the number of your answer"), "{refusal}");
        assert_eq!(answers.get("saddle"), Some(&AnswerValue::Bool(false)));
        assert_eq!(answers.get("weak"), Some(&AnswerValue::Choice("none".into())));
    }

    #[test]
    fn back_goes_to_the_previous_question_and_enter_keeps_its_answer() {
        // saddle: n; weak: 2 (one leg); then back from the next question, and Enter.
        let (_, answers, shown) = interview(Lang::En, "n\n2\nback\n\n");
        assert!(shown.contains("(back to the previous question)"), "{shown}");
        assert!(shown.contains("Enter alone keeps your previous answer: One leg."), "{shown}");
        assert_eq!(answers.get("weak"), Some(&AnswerValue::Choice("one".into())), "{shown}");
    }

    #[test]
    fn back_on_the_first_question_says_there_is_none() {
        let (_, _, shown) = interview(Lang::En, "back\n");
        assert!(shown.contains("This is the first question"), "{shown}");
    }

    #[test]
    fn the_end_of_input_cancels() {
        let (ending, answers, _) = interview(Lang::En, "n\n");
        assert_eq!(ending, Ending::Cancelled);
        assert_eq!(answers.len(), 1);
    }

    #[test]
    fn spanish_takes_s_for_yes_and_shows_its_own_words() {
        let (_, answers, shown) = interview(Lang::Es, "S\n");
        assert_eq!(answers.get("saddle"), Some(&AnswerValue::Bool(true)), "{shown}");
        assert!(shown.contains("Escriba s para sí o n para no"), "{shown}");
        assert!(shown.contains("Pregunta 1, como máximo"), "{shown}");
    }

    #[test]
    fn not_sure_is_a_typed_word_or_a_question_mark() {
        let (_, answers, _) = interview(Lang::En, "not sure\n?\n");
        assert_eq!(answers.get("saddle"), Some(&AnswerValue::NotSure));
        assert_eq!(answers.get("weak"), Some(&AnswerValue::NotSure));
    }

    #[test]
    fn a_number_out_of_range_is_refused() {
        let (_, answers, shown) = interview(Lang::En, "n\n1\n500\n40\n");
        assert!(shown.contains("\"500\" is not an answer here."), "{shown}");
        assert_eq!(answers.get("age"), Some(&AnswerValue::Number(40)));
    }

    /// The answers a typed line gives to the built-in rules' first checklist (all yes/no
    /// questions that allow "not sure"), or the reason it is refused.
    fn checklist_reply(typed: &str, current: Option<AnswerValue>) -> Result<Vec<AnswerValue>, String> {
        let r = crate::rules::load(None).expect("the built-in rules");
        let list = r.checklists.iter().find(|c| c.items.iter().any(|i| i.question == "saddle_numbness"));
        let list = list.expect("the warning signs checklist");
        let questions: Vec<_> = list.items.iter().filter_map(|i| r.question(&i.question)).collect();
        let p = Prompt {
            rules: &r,
            checklist: Some(list),
            current: vec![current.as_ref(); questions.len()],
            questions,
            number: 1,
            more: 3,
            can_go_back: true,
            section: None,
        };
        let prompter = PlainPrompter::new(&b""[..], Vec::new(), Lang::En, wide);
        match prompter.parse(&p, &prompter.form(&p), typed)? {
            Typed::Answers(v) => Ok(v),
            Typed::Back => Err("back".into()),
        }
    }

    #[test]
    fn a_checklist_takes_the_numbers_that_apply_question_marks_for_not_sure_and_0_for_none() {
        use AnswerValue::{Bool, NotSure};
        assert_eq!(checklist_reply("0", None), Ok(vec![Bool(false); 5]));
        assert_eq!(checklist_reply("none", None), Ok(vec![Bool(false); 5]));
        assert_eq!(
            checklist_reply("1, ?3", None),
            Ok(vec![Bool(true), Bool(false), NotSure, Bool(false), Bool(false)])
        );
        assert_eq!(checklist_reply("back", None), Err("back".into()));
        // Enter alone keeps the answers given before, and is refused when there are none.
        assert_eq!(checklist_reply("", Some(Bool(false))), Ok(vec![Bool(false); 5]));
        assert!(checklist_reply("", None).is_err_and(|e| e.starts_with("Nothing was typed.")));
        for refused in ["0 1", "1 ?1", "6", "?", "not sure", "x"] {
            assert!(checklist_reply(refused, None).is_err(), "{refused:?} is refused");
        }
        assert!(checklist_reply("0 2", None).is_err_and(|e| e.contains("0 (none of these) cannot go with")));
    }

    #[test]
    fn a_multiple_choice_takes_several_numbers_but_not_its_none_with_others() {
        let r = rules();
        let q = r.question("sports").expect("sports");
        let choices = q.kind.choices();
        let none = choices.iter().position(|c| c.exclusive).expect("a none choice") + 1;
        let p = Prompt {
            rules: &r,
            checklist: None,
            questions: vec![q],
            current: vec![None],
            number: 1,
            more: 0,
            can_go_back: false,
            section: None,
        };
        let prompter = PlainPrompter::new(&b""[..], Vec::new(), Lang::En, wide);
        let form = prompter.form(&p);
        let others: Vec<usize> = (1..=choices.len()).filter(|i| *i != none).collect();
        let two = format!("{}, {}", others[0], others[1]);
        match prompter.parse(&p, &form, &two) {
            Ok(Typed::Answers(v)) => assert!(matches!(&v[0], AnswerValue::Choices(ids) if ids.len() == 2)),
            _ => panic!("two choices are taken"),
        }
        let with_none = format!("{} {none}", others[0]);
        match prompter.parse(&p, &form, &with_none) {
            Err(why) => assert!(why.contains("cannot go with other choices"), "{why}"),
            Ok(_) => panic!("the none choice with another is refused"),
        }
    }
}
