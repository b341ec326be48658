//! The real binary in a pseudo-terminal created by the test, driven with the keys a person
//! would press: spawn it at a given size, wait for text, press keys (or type lines, in
//! plain mode), see the screen (vt100), and finish with its exit code. Runs without a
//! terminal attached (CI). One harness for every pty test; [`plain`] holds what the plain
//! mode tests add to it.
#![allow(dead_code)]

use expectrl::Session;
use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use serde_json::Value;
use std::io::{ErrorKind, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(10);

pub const DOWN: &str = "\x1b[B";
pub const UP: &str = "\x1b[A";
pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";
pub const CTRL_C: &str = "\x03";
pub const CTRL_D: &str = "\x04";

pub struct Screen {
    session: OsSession,
    /// Everything the program wrote (stdout and stderr share the pty), and the echo of
    /// what was typed where the terminal echoes, as bytes.
    raw: Vec<u8>,
    /// The terminal's size from each offset into `raw` on: the start, then each resize.
    sizes: Vec<(usize, u16, u16)>,
    /// How far into the plain (escape-free) text `expect` has matched.
    seen: usize,
    eof: bool,
}

/// A fresh directory to run the program in: its working directory and HOME.
pub fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

pub fn path_str(p: &Path) -> String {
    p.to_str().expect("a UTF-8 path").to_string()
}

pub fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON ({e}):\n{text}", path.display()))
}

/// The environment of every run: in `dir` (also HOME), with TERM=xterm and no locale or
/// colour settings of the developer's. The language comes from --lang in tests; TERM says
/// the terminal takes escape sequences (plain mode is shown to write none by choice).
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

/// Runs `backscreen args...` in `dir` in a fresh pty of 24 x 80, with `env` on top of the
/// environment every run has.
pub fn spawn(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Screen {
    spawn_sized(dir, 24, 80, args, env)
}

/// Like [`spawn`], in a pty of `rows` x `cols` from the start: the program's first
/// prompt is already drawn for that size.
pub fn spawn_sized(dir: &Path, rows: u16, cols: u16, args: &[&str], env: &[(&str, &str)]) -> Screen {
    start(dir, rows, cols, false, args, env)
}

/// Like [`spawn_sized`], on a terminal that echoes what is typed, as a person's does (the
/// pty library turns echo off): for plain mode, answered by typed lines.
pub fn spawn_echoing(dir: &Path, rows: u16, cols: u16, args: &[&str], env: &[(&str, &str)]) -> Screen {
    start(dir, rows, cols, true, args, env)
}

/// The pty library sets 80 x 24 (and echo off) itself, in the child before it runs and
/// again from this side once it runs: a size set from here at once could come before
/// that and be lost, and the program could start at 80 x 24 or see a resize. So the
/// child, a shell, waits for a line sent after the library is done, sets the size (and
/// echo) itself, and only then becomes backscreen (same process, so [`Screen::pid`] is
/// backscreen's).
///
/// The three harnesses this one replaced did this three ways: at 80 x 24 with no wait
/// (the library's size is then right, but a resize straight after spawning raced with
/// it), the child polling `stty size` until the size set from here showed, and this
/// handshake. The handshake is kept: the size is set once, last, with nothing to poll.
fn start(dir: &Path, rows: u16, cols: u16, echo: bool, args: &[&str], env: &[(&str, &str)]) -> Screen {
    let echo = if echo { " echo" } else { "" };
    let mut cmd = command("sh", dir);
    cmd.arg("-c")
        .arg(format!("read go && stty rows {rows} cols {cols}{echo} && exec \"$BACKSCREEN\" \"$@\""))
        .arg("sh")
        .args(args)
        .env("BACKSCREEN", env!("CARGO_BIN_EXE_backscreen"));
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut session = Session::spawn(cmd).expect("spawn backscreen in a pty");
    session.write_all(b"go\n").and_then(|()| session.flush()).expect("start backscreen");
    Screen::new(session, rows, cols)
}

/// Runs `sh -c script` in a fresh pty of 24 x 80 with the environment of [`spawn`], and
/// `$BACKSCREEN` naming the binary: to look at the terminal with `stty` after backscreen
/// has gone. The pty is as the library leaves it (echo off), for the script to change.
pub fn spawn_shell(dir: &Path, script: &str) -> Screen {
    let mut cmd = command("sh", dir);
    cmd.arg("-c").arg(script).env("BACKSCREEN", env!("CARGO_BIN_EXE_backscreen"));
    let session = Session::spawn(cmd).expect("spawn sh in a pty");
    Screen::new(session, 24, 80)
}

/// The text without ANSI escape sequences (CSI and two-byte ESC sequences).
pub fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\x1b' {
            out.push(c);
            continue;
        }
        // A CSI sequence: parameters and intermediates, then one final byte in @..~.
        // Any other escape is two characters, both dropped.
        if let Some('[') = chars.next() {
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        }
    }
    out
}

/// Text with every run of white space made one space: prompts are wrapped to the terminal.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Screen {
    fn new(session: OsSession, rows: u16, cols: u16) -> Screen {
        Screen { session, raw: Vec::new(), sizes: vec![(0, rows, cols)], seen: 0, eof: false }
    }

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

    /// Everything shown, escape sequences and all (line ends as the terminal has them:
    /// "\r\n").
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.raw).into_owned()
    }

    /// Everything shown, without escape sequences.
    pub fn plain(&self) -> String {
        strip_ansi(&self.text())
    }

    pub fn raw(&self) -> &[u8] {
        &self.raw
    }

    /// The process id of the program under test (of the shell, for [`spawn_shell`]).
    pub fn pid(&self) -> i32 {
        self.session.get_process().pid().as_raw()
    }

    /// A position in the raw output, to look at what came after it.
    pub fn mark(&mut self) -> usize {
        self.fill();
        self.raw.len()
    }

    /// Fails with the screen as it is and all the output so far (of the copies this
    /// harness replaced, the one that said the most).
    #[track_caller]
    fn fail(&self, what: &str) -> ! {
        panic!(
            "{what}\n--- screen ---\n{}\n--- all the output (escapes removed) ---\n{}\n---",
            self.screen(),
            self.plain()
        )
    }

    /// Waits until `text` appears after the previous match; returns the plain text from
    /// the previous match to the end of this one.
    #[track_caller]
    pub fn expect(&mut self, text: &str) -> String {
        self.expect_any(&[text]).1
    }

    /// Waits until one of `texts` appears after the previous match, and returns which
    /// (the earliest in the output) and the plain text up to the end of it.
    #[track_caller]
    pub fn expect_any(&mut self, texts: &[&str]) -> (usize, String) {
        let start = Instant::now();
        loop {
            let plain = self.plain();
            let rest = &plain[self.seen..];
            let first = texts
                .iter()
                .enumerate()
                .filter_map(|(k, t)| rest.find(t).map(|i| (i, k)))
                .min_by_key(|&(i, k)| (i, std::cmp::Reverse(texts[k].len())));
            if let Some((i, k)) = first {
                let end = self.seen + i + texts[k].len();
                let passed = plain[self.seen..end].to_string();
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

    /// Waits until the program reads a key, and returns everything shown since the
    /// previous match: the whole prompt, drawn before the program started reading.
    #[track_caller]
    pub fn until_reading(&mut self) -> String {
        self.wait_until_reading();
        self.fill();
        let plain = self.plain();
        let shown = plain[self.seen..].to_string();
        self.seen = plain.len();
        shown
    }

    /// Presses `keys` and waits for the program to show something and read the next
    /// key; returns what it showed meanwhile.
    #[track_caller]
    pub fn press(&mut self, keys: &str) -> String {
        let before = self.mark();
        self.keys(keys);
        let start = Instant::now();
        // Output after the keys means they were read; raw mode after it, the next read.
        while self.raw.len() == before {
            if self.eof || start.elapsed() > TIMEOUT {
                self.fail(&format!("nothing was shown after {keys:?}"));
            }
            if !self.fill() {
                std::thread::sleep(Duration::from_millis(5));
            }
        }
        self.until_reading()
    }

    /// Presses `keys` once the program is waiting for a key (in raw mode).
    #[track_caller]
    pub fn keys(&mut self, keys: &str) {
        self.wait_until_reading();
        self.type_text(keys);
    }

    /// Types `text` at once, without waiting for the program to read a key: for a
    /// terminal in its line mode (plain mode), which keeps what is typed until Enter.
    #[track_caller]
    pub fn type_text(&mut self, text: &str) {
        if let Err(e) = self.session.write_all(text.as_bytes()).and_then(|()| self.session.flush()) {
            self.fail(&format!("typing {text:?}: {e}"));
        }
    }

    /// Types `text` and Enter, like [`Screen::type_text`].
    #[track_caller]
    pub fn line(&mut self, text: &str) {
        self.type_text(&format!("{text}{ENTER}"));
    }

    /// Makes the terminal `rows` x `cols`, once the program waits for a key, so that the
    /// output from here on is known to be for the new size. (One of the copies this
    /// harness replaced resized at once, whatever the program was doing; its one use, right
    /// after spawning, is now a pty spawned at that size.)
    #[track_caller]
    pub fn resize(&mut self, rows: u16, cols: u16) {
        self.wait_until_reading();
        let at = self.mark();
        self.sizes.push((at, rows, cols));
        if let Err(e) = self.session.get_process_mut().set_window_size(cols, rows) {
            self.fail(&format!("resizing the pty: {e}"));
        }
    }

    /// What the terminal shows now: the output written at each size it had. Lines are
    /// cut, not re-wrapped, when it narrows (as xterm does).
    pub fn screen(&self) -> String {
        let (_, rows, cols) = self.sizes[0];
        let mut terminal = vt100::Parser::new(size(rows), size(cols), 0);
        for (k, &(from, rows, cols)) in self.sizes.iter().enumerate() {
            if k > 0 {
                terminal.set_size(size(rows), size(cols));
            }
            let to = self.sizes.get(k + 1).map_or(self.raw.len(), |s| s.0);
            terminal.process(&self.raw[from..to]);
        }
        terminal.screen().contents()
    }

    /// Whether any row of the screen now is one that the terminal wrapped because the
    /// text went past its edge.
    pub fn any_row_wrapped(&self) -> bool {
        let &(from, rows, cols) = self.sizes.last().expect("a size");
        let mut terminal = vt100::Parser::new(size(rows), size(cols), 0);
        terminal.process(&self.raw[from..]);
        (0..rows).any(|r| terminal.screen().row_wrapped(r))
    }

    /// Waits until the program is reading a key: the terminal is in raw mode.
    ///
    /// console switches to raw mode only while it reads a key, so a key that arrives a
    /// moment earlier meets the cooked terminal: Ctrl-C there would be a SIGINT, not the
    /// key. Reads the pty's mode with `stty` on Linux; elsewhere waits a moment.
    #[track_caller]
    fn wait_until_reading(&mut self) {
        let pause = || std::thread::sleep(Duration::from_millis(150));
        if !Path::new("/proc/self/fd").exists() {
            return pause(); // Not Linux: no way to look at the child's terminal.
        }
        let tty = format!("/proc/{}/fd/0", self.pid());
        let start = Instant::now();
        loop {
            match Command::new("stty").args(["-a", "-F", &tty]).output() {
                Ok(out) if out.status.success() => {
                    let modes = String::from_utf8_lossy(&out.stdout);
                    if modes.split_whitespace().any(|w| w == "-icanon") {
                        return;
                    }
                }
                Err(_) => return pause(), // No stty.
                Ok(_) => {}
            }
            self.fill();
            if self.eof || !self.session.get_process().is_alive().unwrap_or(false) {
                self.fail("the program ended while a key was to be pressed");
            }
            if start.elapsed() > TIMEOUT {
                self.fail("timed out waiting for the program to read a key");
            }
            std::thread::sleep(Duration::from_millis(2));
        }
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

fn size(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a screen has rows and columns")
}

/// Waits for `question`, then presses `keys` to answer it.
#[track_caller]
pub fn answer(s: &mut Screen, question: &str, keys: &str) {
    s.expect(question);
    s.keys(keys);
}

/// Plain mode (`--plain`, or TERM=dumb), answered by typed lines as a person with a screen
/// reader would. The terminal stays in its line mode (typed text is echoed and handed over
/// at Enter), so a line may be typed as soon as the prompt is shown: [`Screen::line`] and
/// [`Screen::type_text`], not [`Screen::keys`], which waits for raw mode.
pub mod plain {
    use super::{Screen, spawn_echoing, squash};
    use serde_json::Value;
    use std::path::Path;

    /// Runs `backscreen args...` in a fresh pty of 24 x 80 that echoes what is typed.
    pub fn spawn(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Screen {
        spawn_with_columns(dir, args, env, 80)
    }

    /// Like [`spawn`], on a terminal `columns` wide from the start.
    pub fn spawn_with_columns(dir: &Path, args: &[&str], env: &[(&str, &str)], columns: u16) -> Screen {
        spawn_echoing(dir, 24, columns, args, env)
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
    /// shown: 0 ("none of these") in a checklist, the "none" choice of a list to tick, no
    /// to a yes/no question, the first choice of a list, a low number (35 for an age). An
    /// emergency check is a failure. Returns the prompts, as shown.
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
                let none = (1..=40)
                    .find(|n| none_texts.iter().any(|t| flat.contains(&format!(" {n}. {}", squash(t)))));
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
}
