//! The `interview` command: checks for a terminal, welcomes the person, runs the
//! interview, saves the answers as they come, and shows the result.

use super::plain::PlainPrompter;
use super::terminal::TermPrompter;
use super::{Ending, Prompter, SafetyFirst, Tone, conduct};
use crate::answers::{self, Answers, AnswersFile};
use crate::app::Language;
use crate::cli::{ColorChoice, InterviewArgs};
use crate::error::{Error, exit};
use crate::i18n::Lang;
use crate::rules::{Level, Rules};
use crate::sanitize::for_terminal as clean;
use crate::{engine, render, save, tr};
use serde_json::{Value, json};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(args: &InterviewArgs, color: ColorChoice, lang: Language) -> Result<ExitCode, Error> {
    if let Some(file) = &args.replay {
        return super::replay::run(args.rules.as_deref(), file, args.format, color, lang);
    }
    // dialoguer-style prompts need a terminal to read keys from and draw on; plain mode
    // needs one too, since a screen reader reads a terminal.
    if !(io::stdin().is_terminal() && io::stderr().is_terminal()) {
        return Err(Error::Usage(tr!(lang.lang, "session-needs-terminal")));
    }
    let rules = crate::app::load_rules(args.rules.as_deref(), lang)?;
    // The rules' shown language: the program's own words follow it.
    let l = rules.lang();
    // A terminal that says it takes no escape sequences gets the mode that writes none.
    let plain = args.plain || std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    let mut saver_lock = None;
    let (start, other, target) = match &args.resume {
        Some(path) => {
            let path = follow_link(path, l)?;
            // Locked before it is read: another session may be writing it.
            saver_lock = Some((path.clone(), lock(&path, l)?));
            let file = answers::load_to_resume(&path, &rules)?;
            if let Some(v) = file.other.get("rules").and_then(|r| r.get("version")).and_then(Value::as_str)
                && v != rules.version
            {
                note(&tr!(
                    l,
                    "session-warning-version",
                    saved = clean(v).into_owned(),
                    current = clean(&rules.version).into_owned()
                ));
            }
            (file.answers, file.other, Some((path, true)))
        }
        None => {
            let target = match &args.save {
                Some(p) => Some((follow_link(p, l)?, args.force)),
                None => None,
            };
            (Answers::new(), serde_json::Map::new(), target)
        }
    };
    let mut saver = Saver::new(&rules, other);
    saver.lock = saver_lock;
    if let Some((path, overwrite)) = target {
        // Saving once before the first question finds a bad path before any answer is at stake.
        saver.first_save(path, overwrite, &start)?;
    }

    super::signals::install(saver.path.clone(), plain, rules.lang());
    let mut prompter: Box<dyn Prompter> = if plain {
        Box::new(PlainPrompter::stdio(l))
    } else {
        Box::new(TermPrompter::new(color.enabled(true), l))
    };
    let prompter = prompter.as_mut();
    let writing = |e| Error::io(tr!(l, "session-error-writing-terminal"), e);
    welcome(prompter, &rules, &start, plain).map_err(writing)?;
    let session = conduct(&rules, &SafetyFirst, prompter, start, &mut |answers| {
        saver.save_quietly(answers, Ending::Cancelled)
    })
    .map_err(|e| Error::io(tr!(l, "session-error-reading-terminal"), e));
    prompter.finish();
    let session = session?;

    if session.ending == Ending::Cancelled {
        saver.save_quietly(&session.answers, Ending::Cancelled);
        match (&saver.path, &saver.failed) {
            (Some(path), None) => {
                let note = tr!(l, "session-saved-so-far", path = display(path));
                let _ = prompter.say(&note, Tone::Normal);
            }
            (Some(_), Some(_)) => saver.show_unsaved(&session.answers, Ending::Cancelled),
            _ => {}
        }
        return Err(Error::Cancelled);
    }

    let outcome = engine::evaluate(&rules, &session.answers);
    if session.ending == Ending::Emergency {
        emergency(prompter, &outcome, l).map_err(writing)?;
    }
    if saver.path.is_none() {
        offer_to_save(prompter, &mut saver, &session.answers, l);
        prompter.finish();
    }
    if saver.path.is_some() {
        saver.save_quietly(&session.answers, session.ending);
    }

    // Plain mode's promise of no escape sequence holds for the result too.
    let colored_out = !plain && color.enabled(io::stdout().is_terminal());
    colored::control::set_override(colored_out);
    let result_error = |e| Error::io(tr!(l, "session-error-writing-result"), e);
    let mut out = io::BufWriter::new(io::stdout().lock());
    writeln!(out)
        .and_then(|()| render::text::write(&mut out, &outcome, render::wrap::terminal_width()))
        .and_then(|()| writeln!(out))
        .and_then(|()| render::chart::write(&mut out, &outcome, render::wrap::terminal_width()))
        // Last, so that the level and what to do are what a person sees when it ends.
        .and_then(|()| render::text::summary(&mut out, &outcome, render::wrap::terminal_width()))
        .and_then(|()| out.flush())
        .map_err(result_error)?;
    drop(out);
    match (&saver.path, &saver.failed) {
        (Some(path), None) => {
            let note = tr!(l, "session-saved", path = display(path));
            let mut out = io::stdout().lock();
            // Broken inside a path too long for a line, so that no line is wider than the screen.
            let lines = match narrower(render::wrap::terminal_width()) {
                Some(width) => super::terminal::fit(&note, width),
                None => vec![note],
            };
            for line in lines {
                writeln!(out, "{line}").map_err(result_error)?;
            }
        }
        (Some(_), Some(_)) => {
            // The answers are on screen, so nothing is lost; but the file asked for is not
            // there, and a script or a clinician's wrapper must be able to tell.
            saver.show_unsaved(&session.answers, session.ending);
            return Ok(ExitCode::from(exit::FAILURE));
        }
        _ => {}
    }
    Ok(ExitCode::from(exit::OK))
}

/// Offers to save, and once the person says yes, asks until a file is saved: a name that
/// exists is replaced only after a clear yes, else another name is asked for; a name that
/// cannot be written is asked again, with the reason. Esc at the name goes back to the
/// offer; "no" or Ctrl-C there declines (the result is shown either way).
fn offer_to_save(prompter: &mut dyn Prompter, saver: &mut Saver, answers: &Answers, l: Lang) {
    while let Ok(true) = prompter.offer_save() {
        let mut problem: Option<String> = None;
        loop {
            let path = match prompter.save_name(problem.as_deref()) {
                Ok(Some(path)) => path,
                Ok(None) => break, // back to the offer
                Err(_) => return,  // Ctrl-C declines
            };
            let path = match follow_link(&path, l) {
                Ok(p) => p,
                Err(e) => {
                    problem = Some(e.to_string());
                    continue;
                }
            };
            let overwrite = path.exists();
            if overwrite {
                match prompter.confirm_overwrite(&path) {
                    Ok(true) => {}
                    Ok(false) => {
                        problem = Some(tr!(l, "session-error-kept", path = display(&path)));
                        continue;
                    }
                    Err(_) => return,
                }
            }
            match saver.first_save(path, overwrite, answers) {
                Ok(()) => return,
                Err(e) => problem = Some(clean(&e.to_string()).into_owned()),
            }
        }
    }
}

/// The title, the disclaimer, how long it takes, and how to answer (in plain mode, by typing).
fn welcome(prompter: &mut dyn Prompter, rules: &Rules, start: &Answers, plain: bool) -> io::Result<()> {
    let l = rules.lang();
    let flow = super::flow::Flow::new(rules, &SafetyFirst, start.clone());
    let (_, more) = flow.progress();
    let total = more + usize::from(flow.current().is_some());
    prompter.say(rules.t(&rules.title), Tone::Title)?;
    prompter.say(&engine::disclaimer(rules), Tone::Warning)?;
    prompter.say("", Tone::Normal)?;
    prompter.say(&intro(l, total, start.len()), Tone::Normal)?;
    let keys = if plain { tr!(l, "session-keys-plain") } else { tr!(l, "session-keys") };
    prompter.say(&keys, Tone::Normal)
}

fn emergency(prompter: &mut dyn Prompter, outcome: &engine::Outcome, l: Lang) -> io::Result<()> {
    prompter.say("", Tone::Normal)?;
    prompter.say(&tr!(l, "session-emergency-stop"), Tone::Alarm)?;
    for flag in outcome.triage.red_flags.iter().filter(|f| f.level == Level::Emergency) {
        prompter.say(&flag.name, Tone::Strong)?;
        prompter.say(&flag.message, Tone::Normal)?;
    }
    Ok(())
}

/// Keeps the saved answers file up to date, and remembers a failure so that the
/// answers can be shown on screen instead: nothing is lost.
struct Saver {
    path: Option<PathBuf>,
    other: serde_json::Map<String, Value>,
    failed: Option<String>,
    /// Held while this interview writes the file, so a second session cannot.
    lock: Option<(PathBuf, save::SessionLock)>,
    /// The language of the messages about saving.
    lang: Lang,
}

impl Saver {
    fn new(rules: &Rules, mut other: serde_json::Map<String, Value>) -> Self {
        // A resumed file keeps on record the rules version it was started with.
        let saved = other.get("rules");
        let started = saved
            .and_then(|r| r.get("started_with"))
            .or_else(|| saved.and_then(|r| r.get("version")))
            .and_then(Value::as_str)
            .filter(|v| *v != rules.version)
            .map(str::to_string);
        let mut record = json!({ "id": rules.id, "version": rules.version });
        if let Some(v) = started {
            record["started_with"] = Value::String(v);
        }
        other.insert("rules".into(), record);
        other.entry("started_at").or_insert_with(|| Value::String(save::now_utc()));
        Saver { path: None, other, failed: None, lock: None, lang: rules.lang() }
    }

    fn contents(&mut self, answers: &Answers, ending: Ending) -> Vec<u8> {
        self.other.insert("status".into(), Value::String(ending.status().into()));
        self.other.insert("saved_at".into(), Value::String(save::now_utc()));
        let file = AnswersFile { answers: answers.clone(), other: self.other.clone() };
        let mut text = serde_json::to_vec_pretty(&file.to_json()).unwrap_or_default();
        text.push(b'\n');
        text
    }

    fn first_save(&mut self, path: PathBuf, overwrite: bool, answers: &Answers) -> Result<(), Error> {
        let l = self.lang;
        if self.lock.as_ref().is_none_or(|(locked, _)| *locked != path) {
            self.lock = Some((path.clone(), lock(&path, l)?));
        }
        let contents = self.contents(answers, Ending::Cancelled);
        save::write_private(&path, &contents, overwrite).map_err(|e| {
            let shown = display(&path);
            if e.kind() == io::ErrorKind::AlreadyExists {
                Error::io(tr!(l, "session-error-exists", path = shown), e)
            } else {
                Error::io(tr!(l, "session-error-cannot-save", path = shown), e)
            }
        })?;
        self.path = Some(path);
        Ok(())
    }

    fn save_quietly(&mut self, answers: &Answers, ending: Ending) {
        let Some(path) = self.path.clone() else { return };
        let contents = self.contents(answers, ending);
        match save::write_private(&path, &contents, true) {
            Ok(()) => self.failed = None,
            Err(e) => {
                if self.failed.is_none() {
                    let reason = clean(&e.to_string()).into_owned();
                    note(&tr!(
                        self.lang,
                        "session-error-save-failed",
                        path = display(&path),
                        reason = reason
                    ));
                }
                self.failed = Some(e.to_string());
            }
        }
    }

    fn show_unsaved(&mut self, answers: &Answers, ending: Ending) {
        let path = self.path.as_deref().map(display).unwrap_or_default();
        let reason = clean(&self.failed.clone().unwrap_or_default()).into_owned();
        let text = String::from_utf8(self.contents(answers, ending)).unwrap_or_default();
        note(&tr!(self.lang, "session-error-unsaved", path = path, reason = reason));
        // On stdout, where a person or a wrapper script takes the result from; if even that
        // fails, the exit code says the answers were not saved.
        let mut out = io::stdout().lock();
        let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    }
}

/// The lock on an answers file, or a message that says another session has it.
fn lock(path: &Path, l: Lang) -> Result<save::SessionLock, Error> {
    save::SessionLock::take(path).map_err(|e| {
        if e.kind() == io::ErrorKind::WouldBlock {
            Error::io(tr!(l, "session-error-locked", path = display(path)), e)
        } else {
            Error::io(tr!(l, "session-error-cannot-lock", path = display(path)), e)
        }
    })
}

/// A symbolic link is followed, so that saving replaces the file it points to and not
/// the link; a link to nothing is refused rather than replaced by a file.
fn follow_link(path: &Path, l: Lang) -> Result<PathBuf, Error> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path)
            .map_err(|e| Error::io(tr!(l, "session-error-bad-link", path = display(path)), e)),
        _ => Ok(path.to_path_buf()),
    }
}

fn display(path: &Path) -> String {
    clean(&path.display().to_string()).into_owned()
}

/// A diagnostic on standard error ("backscreen: ..."): one line, not wrapped, like the
/// program's errors, so that it can be found (and searched for) whole.
fn note(text: &str) {
    crate::note!("{text}");
}

/// One column short of the edge: a line that fills the last column leaves some
/// terminals with an extra blank line.
fn narrower(width: Option<usize>) -> Option<usize> {
    width.map(|w| w.saturating_sub(1))
}

/// How many questions at most, and how long: "1 question", "2 questions", "1 minute".
fn intro(l: Lang, total: usize, answered: usize) -> String {
    let minutes = (total * 15).div_ceil(60).max(1);
    tr!(l, "session-intro", total = total, answered = answered, minutes = minutes)
}

#[cfg(test)]
mod intro_tests {
    use super::{Lang, intro};

    #[test]
    fn the_introduction_counts_questions_answers_and_minutes_in_the_singular_when_there_is_one() {
        let one = intro(Lang::En, 1, 1);
        assert!(one.starts_with("At most 1 question (1 answer already given),"), "{one}");
        assert!(one.ends_with("At most about 1 minute."), "{one}");
        let many = intro(Lang::En, 40, 3);
        assert!(many.starts_with("At most 40 questions (3 answers already given),"), "{many}");
        assert!(many.ends_with("At most about 10 minutes."), "{many}");
        let fresh = intro(Lang::En, 40, 0);
        assert!(fresh.starts_with("At most 40 questions, safety questions first;"), "{fresh}");
    }

    #[test]
    fn the_introduction_in_spanish_counts_in_spanish() {
        let one = intro(Lang::Es, 1, 1);
        assert!(one.starts_with("Como máximo 1 pregunta (ya hay 1 respuesta),"), "{one}");
        assert!(one.ends_with("Como máximo, 1 minuto."), "{one}");
        let many = intro(Lang::Es, 40, 0);
        assert!(many.starts_with("Como máximo 40 preguntas, primero"), "{many}");
        assert!(many.ends_with("Como máximo, unos 10 minutos."), "{many}");
    }
}
