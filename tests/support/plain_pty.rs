//! Plain mode in a pseudo-terminal: the real binary, answered by typed lines as a person
//! with a screen reader would. The terminal stays in its line mode (typed text is echoed
//! and handed over at Enter), so a line may be typed as soon as the prompt is shown.
#![allow(dead_code)]

use expectrl::Session;
use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use serde_json::Value;
use std::io::{ErrorKind, Write};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(10);
pub const ENTER: &str = "\r";
pub const CTRL_D: &str = "\x04";

pub struct Screen {
    session: OsSession,
    /// Everything the program wrote (stdout and stderr share the pty) and the echo of
    /// what was typed, as bytes.
    raw: Vec<u8>,
    /// How far into the text `expect` has matched.
    seen: usize,
    eof: bool,
}

/// The environment of every run: no locale, colour or home of the developer's; TERM
/// says the terminal takes escape sequences, so that plain mode is shown to write none
/// by choice (`env` may change it).
fn command(program: &str, dir: &Path) -> Command {
    let mut cmd = Command::new(program);
    cmd.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .env("TERM", "xterm")
        .env("HOME", dir)
        .current_dir(dir);
    cmd
}

/// Runs `backscreen args...` in a fresh pty of 80 columns, in `dir`, with `env` on top.
pub fn spawn(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Screen {
    spawn_with_columns(dir, args, env, 80)
}

/// Like [`spawn`], on a terminal `columns` wide from the start (set before backscreen
/// runs, so that its first line is already written for that width). The terminal echoes
/// what is typed, as a person's does (a fresh pty here does not).
pub fn spawn_with_columns(dir: &Path, args: &[&str], env: &[(&str, &str)], columns: u16) -> Screen {
    let mut cmd = command("sh", dir);
    // The pty library sets its own size once the shell has started: the shell waits for
    // a line, sent after that, before it sets the size and starts backscreen.
    cmd.arg("-c")
        .arg(format!("read go && stty echo cols {columns} rows 24 && exec \"$BACKSCREEN\" \"$@\""))
        .arg("sh")
        .args(args)
        .env("BACKSCREEN", env!("CARGO_BIN_EXE_backscreen"));
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut session = Session::spawn(cmd).expect("spawn backscreen in a pty");
    session.write_all(b"go\n").and_then(|()| session.flush()).expect("start backscreen");
    Screen { session, raw: Vec::new(), seen: 0, eof: false }
}

impl Screen {
    /// Reads whatever the program has written so far; false when nothing new came.
    fn fill(&mut self) -> bool {
        let mut buf = [0u8; 4096];
        let mut got = false;
        loop {
            match self.session.try_read(&mut buf) {
                Ok(0) => {
                    self.eof = true;
                    return got;
                }
                Ok(n) => {
                    self.raw.extend_from_slice(&buf[..n]);
                    got = true;
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => return got,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                // Linux reports a pty whose other side is closed as EIO.
                Err(_) => {
                    self.eof = true;
                    return got;
                }
            }
        }
    }

    /// Everything shown, as text (line ends as the terminal has them: "\r\n").
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.raw).into_owned()
    }

    pub fn raw(&self) -> &[u8] {
        &self.raw
    }

    #[track_caller]
    fn fail(&self, what: &str) -> ! {
        panic!("{what}\n--- screen so far ---\n{}\n---", self.text())
    }

    /// Waits until `text` appears after the previous match; returns the text from the
    /// previous match to the end of this one.
    #[track_caller]
    pub fn expect(&mut self, text: &str) -> String {
        self.expect_any(&[text]).1
    }

    /// Waits until one of `texts` appears after the previous match, and returns which
    /// (the earliest in the output) and the text up to the end of it.
    #[track_caller]
    pub fn expect_any(&mut self, texts: &[&str]) -> (usize, String) {
        let start = Instant::now();
        loop {
            let all = self.text();
            let rest = &all[self.seen..];
            let first = texts
                .iter()
                .enumerate()
                .filter_map(|(k, t)| rest.find(t).map(|i| (i, k)))
                .min_by_key(|&(i, k)| (i, std::cmp::Reverse(texts[k].len())));
            if let Some((i, k)) = first {
                let end = self.seen + i + texts[k].len();
                let passed = all[self.seen..end].to_string();
                self.seen = end;
                return (k, passed);
            }
            if self.eof {
                self.fail(&format!("the program ended before showing one of {texts:?}"));
            }
            if start.elapsed() > TIMEOUT {
                self.fail(&format!("timed out waiting for one of {texts:?}"));
            }
            if !self.fill() {
                std::thread::sleep(Duration::from_millis(5));
            }
        }
    }

    /// Types `text` (no Enter).
    #[track_caller]
    pub fn keys(&mut self, text: &str) {
        if let Err(e) = self.session.write_all(text.as_bytes()).and_then(|()| self.session.flush()) {
            self.fail(&format!("typing {text:?}: {e}"));
        }
    }

    /// Types `text` and Enter.
    #[track_caller]
    pub fn line(&mut self, text: &str) {
        self.keys(&format!("{text}{ENTER}"));
    }

    /// Reads to the end of the output and returns the exit code.
    #[track_caller]
    pub fn finish(&mut self) -> i32 {
        let start = Instant::now();
        while !self.eof {
            if start.elapsed() > TIMEOUT {
                self.fail("timed out waiting for the program to end");
            }
            if !self.fill() {
                std::thread::sleep(Duration::from_millis(5));
            }
        }
        match self.session.get_process().wait() {
            Ok(WaitStatus::Exited(_, code)) => code,
            Ok(other) => self.fail(&format!("the program did not exit normally: {other:?}")),
            Err(e) => self.fail(&format!("waiting for the program: {e}")),
        }
    }
}

/// Text with every run of white space made one space: prompts are wrapped to the terminal.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A rules text in `lang`: a plain string is the file's own language (English).
pub fn text_in<'a>(v: &'a Value, lang: &str) -> &'a str {
    match v {
        Value::String(s) => s,
        Value::Object(map) => map
            .get(lang)
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no `{lang}` text in the rules: {v}")),
        _ => panic!("a text in the rules: {v}"),
    }
}

/// The words of plain mode in one language, as the tests look for them.
pub struct Words {
    pub question: &'static str,
    pub your_answer: &'static str,
    pub yes_no: &'static str,
    pub one_choice: &'static str,
    pub all_that_apply: &'static str,
    pub checklist: &'static str,
    pub number: &'static str,
    pub check_answer: &'static str,
    pub no: &'static str,
}

pub const ENGLISH: Words = Words {
    question: "Question",
    your_answer: "Your answer:",
    yes_no: "Type y for yes or n for no",
    one_choice: "Type the number of your answer",
    all_that_apply: "Type the numbers of all that apply",
    checklist: "or 0 if none of these applies",
    number: "Type a whole number from ",
    check_answer: "Please check this answer",
    no: "n",
};

pub const SPANISH: Words = Words {
    question: "Pregunta",
    your_answer: "Su respuesta:",
    yes_no: "Escriba s para sí o n para no",
    one_choice: "Escriba el número de su respuesta",
    all_that_apply: "Escriba los números de todas las que correspondan",
    checklist: "o 0 si no corresponde ninguna de estas",
    number: "Escriba un número entero de ",
    check_answer: "Por favor, revise esta respuesta",
    no: "n",
};

/// Answers every prompt from "Question `first`" on calmly, by typing, until `until` is
/// shown: 0 ("none of these") in a checklist, the "none" choice of a list to tick, no to a
/// yes/no question, the first choice of a list, a low number (35 for an age). An emergency
/// check is a failure. Returns the prompts, as shown.
#[track_caller]
pub fn answer_calmly(
    s: &mut Screen,
    rules: &Value,
    lang: &str,
    w: &Words,
    first: usize,
    until: &str,
) -> Vec<String> {
    let none_texts: Vec<&str> = rules["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .flat_map(|q| q["choices"].as_array().into_iter().flatten())
        .filter(|c| c["exclusive"] == true)
        .map(|c| text_in(&c["text"], lang))
        .collect();
    let mut shown = Vec::new();
    for number in first.. {
        let header = format!("{} {number}, ", w.question);
        match s.expect_any(&[&header, until, w.check_answer]) {
            (0, _) => {}
            (1, _) => return shown,
            _ => panic!("a calm answer needed emergency care:\n{}", s.text()),
        }
        let prompt = format!("{header}{}", s.expect(w.your_answer));
        let flat = squash(&prompt);
        let typed = if flat.contains(w.checklist) {
            "0".to_string()
        } else if flat.contains(w.yes_no) {
            w.no.to_string()
        } else if flat.contains(w.one_choice) {
            "1".to_string()
        } else if flat.contains(w.all_that_apply) {
            let none =
                (1..=40).find(|n| none_texts.iter().any(|t| flat.contains(&format!(" {n}. {}", squash(t)))));
            none.unwrap_or_else(|| panic!("no \"none\" choice to type:\n{prompt}")).to_string()
        } else if let Some(at) = flat.find(w.number) {
            let min: i64 = flat[at + w.number.len()..]
                .split(' ')
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("no range in:\n{prompt}"));
            (if min >= 16 { 35 } else { min + 2 }).to_string()
        } else {
            panic!("a prompt of an unknown kind:\n{prompt}");
        };
        s.line(&typed);
        shown.push(prompt);
    }
    unreachable!("the numbers run out")
}

/// The positions of every ESC byte: none may be written in plain mode.
pub fn escapes(raw: &[u8]) -> Vec<usize> {
    raw.iter().enumerate().filter(|(_, b)| **b == 0x1b).map(|(i, _)| i).collect()
}
