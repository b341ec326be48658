//! The interview end to end: the real binary in a pseudo-terminal created by the test,
//! driven with the keys a person would press. Runs without a terminal attached (CI).
#![cfg(unix)]

mod common;

use common::{backscreen, fixture};
use pty::{Screen, answer};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";
const ENTER: &str = "\r";
const ESC: &str = "\x1b";
const CTRL_C: &str = "\x03";
const CTRL_D: &str = "\x04";
const SHOW_CURSOR: &str = "\x1b[?25h";
const HIDE_CURSOR: &str = "\x1b[?25l";

/// A small harness: spawn in a pty, wait for text, press keys, collect the exit code.
mod pty {
    use expectrl::Session;
    use expectrl::process::unix::WaitStatus;
    use expectrl::session::OsSession;
    use std::io::{ErrorKind, Write};
    use std::path::Path;
    use std::process::Command;
    use std::time::{Duration, Instant};

    const TIMEOUT: Duration = Duration::from_secs(10);

    pub struct Screen {
        session: OsSession,
        /// Everything the program wrote (stdout and stderr share the pty), as bytes.
        raw: Vec<u8>,
        /// How far into the plain (escape-free) text `expect` has matched.
        seen: usize,
        eof: bool,
    }

    /// Runs `backscreen args...` in a fresh pty of 80x24, in `dir` (also HOME), with
    /// TERM=xterm, no colour settings inherited, and `env` on top.
    pub fn spawn(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Screen {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_backscreen"));
        cmd.args(args)
            .current_dir(dir)
            .env("HOME", dir)
            .env("TERM", "xterm")
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("CLICOLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let session = Session::spawn(cmd).expect("spawn backscreen in a pty");
        Screen { session, raw: Vec::new(), seen: 0, eof: false }
    }

    /// The text without ANSI escape sequences (CSI and two-byte ESC sequences).
    pub fn strip_ansi(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        let mut chars = s.chars().peekable();
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

        pub fn plain(&self) -> String {
            strip_ansi(&String::from_utf8_lossy(&self.raw))
        }

        pub fn raw(&self) -> &[u8] {
            &self.raw
        }

        /// The process id of the program under test.
        pub fn pid(&self) -> i32 {
            self.session.get_process().pid().as_raw()
        }

        /// A position in the raw output, to look at what came after it.
        pub fn mark(&mut self) -> usize {
            self.fill();
            self.raw.len()
        }

        #[track_caller]
        fn fail(&self, what: &str) -> ! {
            panic!("{what}\n--- screen so far (escapes removed) ---\n{}\n---", self.plain())
        }

        /// Waits until `text` appears after the previous match; returns the plain text
        /// from the previous match to the end of this one.
        #[track_caller]
        pub fn expect(&mut self, text: &str) -> String {
            let start = Instant::now();
            loop {
                let plain = self.plain();
                if let Some(i) = plain[self.seen..].find(text) {
                    let end = self.seen + i + text.len();
                    let passed = plain[self.seen..end].to_string();
                    self.seen = end;
                    return passed;
                }
                if self.eof {
                    self.fail(&format!("the program ended before showing {text:?}"));
                }
                if start.elapsed() > TIMEOUT {
                    self.fail(&format!("timed out waiting for {text:?}"));
                }
                if !self.fill() {
                    std::thread::sleep(Duration::from_millis(5));
                }
            }
        }

        /// Waits until the program is reading a key: the terminal is in raw mode.
        ///
        /// console switches to raw mode only while it reads a key, so a key that
        /// arrives a moment earlier meets the cooked terminal: Ctrl-C there would be
        /// a SIGINT, not the key. Reads the pty's mode with `stty` on Linux; elsewhere
        /// waits a moment.
        #[track_caller]
        fn wait_until_reading(&mut self) {
            let pause = || std::thread::sleep(Duration::from_millis(150));
            if !Path::new("/proc/self/fd").exists() {
                return pause(); // Not Linux: no way to look at the child's terminal.
            }
            let pid = self.session.get_process().pid().as_raw();
            let tty = format!("/proc/{pid}/fd/0");
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

        /// Presses `keys` once the program is waiting for a key.
        #[track_caller]
        pub fn keys(&mut self, keys: &str) {
            self.wait_until_reading();
            if let Err(e) = self.session.write_all(keys.as_bytes()).and_then(|()| self.session.flush()) {
                self.fail(&format!("pressing {keys:?}: {e}"));
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

    /// Waits for `question`, then presses `keys` to answer it.
    #[track_caller]
    pub fn answer(s: &mut Screen, question: &str, keys: &str) {
        s.expect(question);
        s.keys(keys);
    }
}

fn minimal_rules() -> String {
    path_str(&fixture("fixtures/rules/minimal.json"))
}

fn path_str(p: &Path) -> String {
    p.to_str().expect("a UTF-8 path").to_string()
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON ({e}):\n{text}", path.display()))
}

#[track_caller]
fn assert_owner_only(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).expect("the saved file exists").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{} has mode {mode:o}", path.display());
}

/// From the start of the line holding `needle` to the end of the raw output.
fn raw_from_line_of<'a>(raw: &'a [u8], needle: &str) -> &'a [u8] {
    let at =
        raw.windows(needle.len()).position(|w| w == needle.as_bytes()).expect("the needle is in the output");
    let line_start = raw[..at].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    &raw[line_start..]
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// The seven questions of the minimal rules on the self-care path with lifting:
/// saddle no, weakness none, age 40, pain 3, sitting 8 h, sports lifting, stiff yes.
fn answer_self_care_path(s: &mut Screen) {
    answer(s, "Numb between the legs?", "n");
    answer(s, "Leg weakness?", ENTER);
    answer_from_age(s);
}

fn answer_from_age(s: &mut Screen) {
    answer(s, "Your age?", &format!("40{ENTER}"));
    answer(s, "Pain now, 0 to 10?", &format!("3{ENTER}"));
    answer(s, "Hours sitting a day?", &format!("8{ENTER}"));
    answer(s, "Which do you do?", &format!("{DOWN} {ENTER}"));
    answer(s, "Stiff after deadlifts?", "y");
}

#[test]
fn a_full_self_care_path_reaches_the_result_and_saves_it() {
    let dir = temp();
    let file = dir.path().join("answers.json");
    let rules = minimal_rules();
    let mut s = pty::spawn(dir.path(), &["--rules", &rules, "--save", &path_str(&file)], &[]);
    s.expect("Question 1 of about 8");
    answer_self_care_path(&mut s);
    s.expect("SELF-CARE");
    s.expect("Cause scores");
    s.expect("Your answers are saved in");
    assert_eq!(s.finish(), 0);

    assert_owner_only(&file);
    let saved = read_json(&file);
    assert_eq!(saved["status"], "complete");
    assert_eq!(saved["answers"]["sports"], serde_json::json!(["lifting"]));
    assert_eq!(saved["answers"]["deadlift_stiff"], true);

    // What the interview showed is what evaluate computes from the saved file.
    let run = backscreen(&["evaluate", "--rules", &rules, "--format", "json", &path_str(&file)], "");
    run.assert_ok();
    let json = run.json();
    assert_eq!(json["triage"]["level"], "self_care");
    let plain = s.plain();
    let result = &plain[plain.find("SELF-CARE").expect("the result")..];
    let causes = json["causes"].as_array().expect("causes");
    assert_eq!(causes.len(), 2, "lifting and sitting: {json}");
    for (i, cause) in causes.iter().enumerate() {
        let line = format!("{}. {} (score {})", i + 1, cause["name"].as_str().expect("name"), cause["score"]);
        assert!(result.contains(&line), "the result lacks `{line}`:\n{result}");
    }
    assert_eq!(result.matches("(score ").count(), causes.len(), "no other cause is shown:\n{result}");
    let chart = &result[result.find("Cause scores").expect("the chart")..];
    for cause in causes {
        assert!(chart.contains(cause["name"].as_str().expect("name")), "the chart lacks {cause}:\n{chart}");
    }
    // Colour is on in a terminal without NO_COLOR (the contrast for the NO_COLOR test).
    assert!(contains(raw_from_line_of(s.raw(), "SELF-CARE"), "\x1b["), "the result is coloured");
}

#[test]
fn an_emergency_answer_ends_the_interview_at_once() {
    let dir = temp();
    let mut s = pty::spawn(dir.path(), &["--rules", &minimal_rules()], &[]);
    answer(&mut s, "Numb between the legs?", "y");
    s.expect("emergency care now");
    // Without --save, the answers are offered to be saved; decline.
    s.expect("Save your answers");
    s.keys("n");
    s.expect("EMERGENCY");
    assert_eq!(s.finish(), 0);
    let plain = s.plain();
    assert!(!plain.contains("Question 2"), "no question after the emergency answer:\n{plain}");
    assert!(!plain.contains("Leg weakness?"), "{plain}");
    let left: Vec<_> = std::fs::read_dir(dir.path()).expect("list").collect();
    assert!(left.is_empty(), "declining the save writes nothing: {left:?}");
}

#[test]
fn esc_goes_back_and_a_changed_answer_is_used() {
    let dir = temp();
    let file = dir.path().join("a.json");
    let mut s = pty::spawn(dir.path(), &["--rules", &minimal_rules(), "--save", &path_str(&file)], &[]);
    answer(&mut s, "Numb between the legs?", "n");
    answer(&mut s, "Leg weakness?", &format!("{DOWN}{ENTER}"));
    answer(&mut s, "Is the weakness getting worse?", ESC);
    s.expect("(back to the previous question)");
    s.expect("Leg weakness?");
    let menu = s.expect("Both legs");
    let marked = |choice: &str| {
        let line = menu.lines().find(|l| l.contains(choice)).expect("the choice is listed");
        let line = line.trim_start_matches(['\r', ' ']);
        line.starts_with('\u{276f}') || line.starts_with('>')
    };
    assert!(marked("One leg"), "the earlier answer is preselected:\n{menu}");
    assert!(!marked("None"), "{menu}");
    s.keys(&format!("{UP}{ENTER}"));
    let between = s.expect("Your age?");
    assert!(!between.contains("worse"), "`worse` no longer applies:\n{between}");
    s.keys(&format!("30{ENTER}"));
    answer(&mut s, "Pain now, 0 to 10?", &format!("3{ENTER}"));
    answer(&mut s, "Hours sitting a day?", &format!("1{ENTER}"));
    answer(&mut s, "Which do you do?", &format!("{DOWN}{DOWN} {ENTER}"));
    s.expect("SELF-CARE");
    assert_eq!(s.finish(), 0);
    let saved = read_json(&file);
    assert_eq!(saved["status"], "complete");
    assert_eq!(saved["answers"]["weak"], "none");
    assert_eq!(saved["answers"]["sports"], serde_json::json!(["neither"]));
    assert!(saved["answers"].get("worse").is_none(), "no stale `worse` answer: {saved}");
}

#[test]
fn an_out_of_range_number_is_refused_with_the_allowed_range_and_asked_again() {
    let dir = temp();
    let mut s = pty::spawn(dir.path(), &["--rules", &minimal_rules()], &[]);
    answer(&mut s, "Numb between the legs?", "n");
    answer(&mut s, "Leg weakness?", ENTER);
    answer(&mut s, "Your age?", &format!("200{ENTER}"));
    s.expect("200 is not allowed");
    s.expect("from 16 to 120");
    s.expect("Answer (16 to 120 years)");
    s.keys(&format!("40{ENTER}"));
    let between = s.expect("Pain now, 0 to 10?");
    assert!(between.contains("40 years"), "the accepted answer is recorded:\n{between}");
    s.keys(CTRL_C);
    assert_eq!(s.finish(), 130);
}

#[test]
fn ctrl_c_with_save_writes_an_incomplete_file_that_resume_finishes() {
    let dir = temp();
    let file = dir.path().join("a.json");
    let rules = minimal_rules();
    let mut s = pty::spawn(dir.path(), &["--rules", &rules, "--save", &path_str(&file)], &[]);
    answer(&mut s, "Numb between the legs?", "n");
    answer(&mut s, "Leg weakness?", ENTER);
    s.expect("Your age?");
    let cancel_point = s.mark();
    s.keys(CTRL_C);
    s.expect("screening cancelled");
    assert_eq!(s.finish(), 130);
    assert!(s.plain().contains("--resume"), "the way to continue is shown");
    assert!(contains(&s.raw()[cancel_point..], SHOW_CURSOR), "the cursor is shown again after Ctrl-C");

    assert_owner_only(&file);
    let saved = read_json(&file);
    assert_eq!(saved["status"], "incomplete");
    let answers = saved["answers"].as_object().expect("answers");
    assert_eq!(answers.len(), 2, "{saved}");
    assert_eq!(saved["answers"]["saddle"], false);
    assert_eq!(saved["answers"]["weak"], "none");

    let mut s = pty::spawn(dir.path(), &["--rules", &rules, "--resume", &path_str(&file)], &[]);
    s.expect("2 already answered");
    let first = s.expect("Question 3 of about 7");
    assert!(!first.contains("Question 1"), "{first}");
    answer_from_age(&mut s);
    s.expect("Your answers are saved in");
    assert_eq!(s.finish(), 0);
    assert_owner_only(&file);
    let saved = read_json(&file);
    assert_eq!(saved["status"], "complete");
    assert_eq!(saved["answers"].as_object().expect("answers").len(), 7, "{saved}");
}

#[test]
fn ctrl_d_cancels_like_ctrl_c() {
    let dir = temp();
    let mut s = pty::spawn(dir.path(), &["--rules", &minimal_rules()], &[]);
    answer(&mut s, "Numb between the legs?", "n");
    s.expect("Leg weakness?");
    s.expect("Both legs");
    // The choice list hides the cursor; cancelling there must show it again.
    let cancel_point = s.mark();
    assert!(contains(&s.raw()[..cancel_point], HIDE_CURSOR), "the list hides the cursor");
    s.keys(CTRL_D);
    s.expect("screening cancelled");
    assert_eq!(s.finish(), 130);
    assert!(contains(&s.raw()[cancel_point..], SHOW_CURSOR), "the cursor is shown again after Ctrl-D");
}

#[test]
fn no_color_gives_no_escape_codes_in_the_result() {
    let dir = temp();
    let file = dir.path().join("a.json");
    let mut s = pty::spawn(
        dir.path(),
        &["--rules", &minimal_rules(), "--save", &path_str(&file)],
        &[("NO_COLOR", "1")],
    );
    answer_self_care_path(&mut s);
    s.expect("SELF-CARE");
    s.expect("Your answers are saved in");
    assert_eq!(s.finish(), 0);
    let result = raw_from_line_of(s.raw(), "SELF-CARE");
    assert!(!contains(result, "\x1b["), "escape codes in the result:\n{:?}", String::from_utf8_lossy(result));
    assert!(contains(result, "Cause scores"), "the chart is part of what was checked");
}

#[test]
fn save_refuses_to_overwrite_an_existing_file_without_force() {
    let dir = temp();
    let file = dir.path().join("a.json");
    std::fs::write(&file, "keep me\n").expect("write");
    let rules = minimal_rules();
    let mut s = pty::spawn(dir.path(), &["--rules", &rules, "--save", &path_str(&file)], &[]);
    assert_eq!(s.finish(), 1);
    let plain = s.plain();
    assert!(plain.contains("already exists") && plain.contains("--force"), "{plain}");
    assert!(!plain.contains("Question"), "nothing is asked:\n{plain}");
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "keep me\n");

    let mut s = pty::spawn(dir.path(), &["--rules", &rules, "--save", &path_str(&file), "--force"], &[]);
    s.expect("Question 1 of about 8");
    s.keys(CTRL_C);
    assert_eq!(s.finish(), 130);
    let saved = read_json(&file);
    assert_eq!(saved["status"], "incomplete");
    assert_owner_only(&file);
}

#[test]
fn running_without_a_terminal_exits_2_quickly() {
    let dir = temp();
    for args in [&[][..], &["interview"][..]] {
        let start = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_backscreen"))
            .args(args)
            .current_dir(dir.path())
            .env("HOME", dir.path())
            .env("TERM", "xterm")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn backscreen");
        while child.try_wait().expect("poll the child").is_none() {
            if start.elapsed() > Duration::from_secs(5) {
                let _ = child.kill();
                panic!("`backscreen {}` waited for input that can never come", args.join(" "));
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let out = child.wait_with_output().expect("collect the output");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "`backscreen {}`: {stderr}", args.join(" "));
        assert!(stderr.contains("backscreen evaluate ANSWERS"), "{stderr}");
        assert!(out.stdout.is_empty(), "nothing on stdout");
        assert!(start.elapsed() < Duration::from_secs(3), "took {:?}", start.elapsed());
    }
}

#[test]
fn the_built_in_rules_start_with_the_welcome_and_a_safety_question() {
    let dir = temp();
    let mut s = pty::spawn(dir.path(), &[], &[]);
    s.expect("screening aid");
    s.expect("Ctrl-C to stop");
    s.expect("Question 1 of about");
    s.keys(CTRL_C);
    s.expect("screening cancelled");
    assert_eq!(s.finish(), 130);
    let left: Vec<_> = std::fs::read_dir(dir.path()).expect("list").collect();
    assert!(left.is_empty(), "nothing is saved without --save: {left:?}");
}

#[test]
fn a_save_that_fails_midway_shows_the_answers_so_nothing_is_lost() {
    let dir = temp();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).expect("mkdir");
    let file = sub.join("a.json");
    let mut s = pty::spawn(dir.path(), &["--rules", &minimal_rules(), "--save", &path_str(&file)], &[]);
    answer(&mut s, "Numb between the legs?", "n");
    // The first answer is saved before the next question is shown.
    s.expect("Leg weakness?");
    assert_eq!(read_json(&file)["answers"]["saddle"], false);
    std::fs::remove_dir_all(&sub).expect("remove the save directory");
    s.keys(ENTER);
    s.expect("could not save");
    answer_from_age(&mut s);
    s.expect("SELF-CARE");
    s.expect("could not save");
    s.expect("\"answers\"");
    assert_eq!(s.finish(), 0);
    let plain = s.plain();
    let shown = &plain[plain.rfind("could not save").expect("the failure is reported")..];
    for answer in ["\"saddle\": false", "\"weak\": \"none\"", "\"age\": 40", "\"deadlift_stiff\": true"] {
        assert!(shown.contains(answer), "`{answer}` is shown:\n{shown}");
    }
    assert!(!sub.exists());
}

#[test]
fn escape_sequences_in_rules_text_are_neutralised_in_the_prompts() {
    let dir = temp();
    let hostile = std::fs::read_to_string(minimal_rules())
        .expect("fixture")
        .replace("Numb between the legs?", "Numb?\\u001b]0;pwned\\u0007\\u001b[2J between the legs?");
    let rules = dir.path().join("hostile.json");
    std::fs::write(&rules, hostile).expect("write");
    let mut s = pty::spawn(dir.path(), &["--rules", &path_str(&rules)], &[]);
    s.expect("between the legs?");
    s.keys(CTRL_C);
    s.expect("screening cancelled");
    assert_eq!(s.finish(), 130);
    assert!(!contains(s.raw(), "\u{1b}]0;pwned"), "the title-setting sequence reached the terminal");
    assert!(!contains(s.raw(), "\u{1b}[2J"), "the clear-screen sequence reached the terminal");
}

#[test]
fn help_text_is_shown_with_its_question() {
    let dir = temp();
    let mut s = pty::spawn(dir.path(), &["--rules", &minimal_rules()], &[]);
    answer(&mut s, "Numb between the legs?", "n");
    answer(&mut s, "Leg weakness?", ENTER);
    answer(&mut s, "Your age?", &format!("40{ENTER}"));
    answer(&mut s, "Pain now, 0 to 10?", &format!("3{ENTER}"));
    s.expect("Hours sitting a day?");
    s.expect("Work and leisure together.");
    s.keys(CTRL_C);
    s.expect("screening cancelled");
    assert_eq!(s.finish(), 130);
}

#[test]
fn an_interrupt_signal_cancels_cleanly_with_the_cursor_shown() {
    // Between two key reads the terminal is in normal mode, where Ctrl-C is a signal,
    // not a key; a signal sent from outside takes that path every time.
    let dir = temp();
    let file = dir.path().join("answers.json");
    let mut s = pty::spawn(dir.path(), &["--rules", &minimal_rules(), "--save", &path_str(&file)], &[]);
    answer(&mut s, "Numb between the legs?", "n");
    s.expect("Leg weakness?");
    let at = s.mark();
    let status =
        std::process::Command::new("kill").args(["-INT", &s.pid().to_string()]).status().expect("kill runs");
    assert!(status.success());
    s.expect("--resume");
    s.expect("screening cancelled");
    assert_eq!(s.finish(), 130, "exit 130, not death by signal");
    assert!(contains(&s.raw()[at..], "\x1b[?25h"), "the cursor is shown again");
    assert_eq!(read_json(&file)["answers"]["saddle"], false, "the answer given is on disk");
}
