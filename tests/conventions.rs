//! The conventions of a good command line: shell completions and a man page generated
//! from the clap definition and checked with the real tools, help that fits the
//! terminal and shows examples, `--color` anywhere on the line, TERM=dumb, and clap's
//! own errors in the program's `backscreen:` style.
//!
//! The tools these tests run (bash, zsh, fish, groff) are required, never skipped:
//! `.ci/run` installs any that is missing.

mod common;

use backscreen::cli::{self, Cli, Parsed};
use clap::CommandFactory;
use common::{Run, backscreen, backscreen_env, fixture};
use std::process::{Command, Stdio};

fn p(rel: &str) -> String {
    fixture(rel).to_str().expect("utf-8 path").to_string()
}

/// Runs `tool args...` with `stdin`; a missing tool fails the test with how to get it.
#[track_caller]
fn tool(name: &str, args: &[&str], stdin: &str) -> Run {
    use std::io::Write;
    let mut child = Command::new(name)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("`{name}` is needed for this test ({e}); `.ci/run` installs it"));
    let _ = child.stdin.take().expect("stdin is piped").write_all(stdin.as_bytes());
    let out = child.wait_with_output().expect("the tool finishes");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[track_caller]
fn script(shell: &str) -> String {
    let run = backscreen(&["completions", shell], "");
    run.assert_ok();
    assert!(run.stderr.is_empty(), "{shell}: {}", run.stderr);
    assert!(run.stdout.contains("backscreen"), "{shell}:\n{}", run.stdout);
    run.stdout
}

// ---- completions ------------------------------------------------------------------

#[test]
fn bash_completion_is_valid_bash_and_completes_commands_options_and_values() {
    let script = script("bash");
    let syntax = tool("bash", &["-n"], &script);
    assert_eq!(syntax.code, 0, "bash -n: {}", syntax.stderr);
    // Load the script and ask it what it completes, as bash does on Tab.
    let complete = r#"
        source /dev/stdin
        complete_words() {
            COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
            COMPREPLY=()
            _backscreen backscreen "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            echo "${COMPREPLY[*]}"
        }
    "#;
    let asks = "complete_words backscreen ev
        complete_words backscreen evaluate --fo
        complete_words backscreen evaluate --format ''
        complete_words backscreen completions ''
        complete_words backscreen --color ''";
    let run = tool("bash", &["-c", &format!("{complete}\n{asks}")], &script);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[..3], ["evaluate", "--format --force", "text json markdown html fhir csv jsonl"]);
    // An empty word: the shells, after the options.
    assert!(lines[3].ends_with(" bash elvish fish powershell zsh"), "{}", lines[3]);
    assert_eq!(lines[4], "auto always never", "a global option's values before the command");
}

#[test]
fn zsh_completion_is_valid_zsh_and_defines_the_completion_function() {
    let script = script("zsh");
    assert!(script.starts_with("#compdef backscreen"), "{script}");
    for command in ["interview", "evaluate", "rules", "check", "export", "completions", "man"] {
        assert!(script.contains(&format!("'{command}:")), "zsh completion lacks {command}");
    }
    let syntax = tool("zsh", &["-n"], &script);
    assert_eq!((syntax.code, syntax.stderr.as_str()), (0, ""), "zsh -n");
}

#[test]
fn fish_completion_is_valid_fish_and_completes_commands_and_values() {
    let script = script("fish");
    let syntax = tool("fish", &["--no-execute"], &script);
    assert_eq!((syntax.code, syntax.stderr.as_str()), (0, ""), "fish --no-execute");
    let run = tool(
        "fish",
        &[
            "-c",
            "source; for line in 'backscreen ev' 'backscreen interview --format ' 'backscreen evaluate --format '; \
             complete -C $line | string replace -r '\\t.*' '' | string join ' '; end",
        ],
        &script,
    );
    assert_eq!(run.stderr, "");
    // fish sorts what it offers.
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines, ["evaluate", "json text", "csv fhir html json jsonl markdown text"]);
}

#[test]
fn powershell_and_elvish_completions_register_backscreen() {
    // No PowerShell or Elvish on a Debian machine to run them with: their shape, then.
    let powershell = script("powershell");
    assert!(
        powershell.contains("Register-ArgumentCompleter -Native -CommandName 'backscreen'"),
        "{powershell}"
    );
    let elvish = script("elvish");
    assert!(elvish.contains("set edit:completion:arg-completer[backscreen]"), "{elvish}");
    for script in [&powershell, &elvish] {
        for command in ["interview", "evaluate", "check", "export", "completions", "man"] {
            assert!(script.contains(command), "lacks {command}:\n{script}");
        }
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let run = backscreen(&["completions", "tcsh"], "");
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("backscreen: invalid value 'tcsh'"), "{}", run.stderr);
    assert!(run.stderr.contains("bash, elvish, fish, powershell, zsh"), "{}", run.stderr);
}

#[test]
fn no_possible_value_help_holds_a_double_quote() {
    // clap_complete puts a value's help between double quotes for zsh and fish without
    // escaping them (clap-rs/clap#4053): one `"` breaks the whole script.
    fn check(cmd: &clap::Command, path: &str) {
        for arg in cmd.get_arguments() {
            for value in arg.get_possible_values() {
                let help = value.get_help().map(ToString::to_string).unwrap_or_default();
                assert!(!help.contains('"'), "{path} --{}: {help}", arg.get_id());
            }
        }
        for sub in cmd.get_subcommands() {
            check(sub, &format!("{path} {}", sub.get_name()));
        }
    }
    check(&Cli::command(), "backscreen");
}

// ---- the man page -------------------------------------------------------------------

#[test]
fn the_man_page_renders_without_warnings_and_documents_every_command() {
    let run = backscreen(&["man"], "");
    run.assert_ok();
    assert!(run.stdout.starts_with(".ie \\n(.g .ds Aq"), "{}", &run.stdout[..80]);
    assert_eq!(run.stdout.matches(".ds Aq").count(), 2, "one preamble (.ie and .el)");
    // -ww: every warning; -z: no output but the diagnostics.
    let lint = tool("groff", &["-man", "-Tutf8", "-ww", "-z"], &run.stdout);
    assert_eq!((lint.code, lint.stderr.as_str()), (0, ""), "groff -ww");
    let page = tool("groff", &["-man", "-Tascii", "-P-cbou"], &run.stdout);
    assert_eq!(page.code, 0, "{}", page.stderr);
    let text = page.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    for heading in
        ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS", "EXIT STATUS", "ENVIRONMENT", "EXAMPLES"]
    {
        assert!(page.stdout.lines().any(|l| l == heading), "no {heading} section:\n{}", page.stdout);
    }
    for command in [
        "backscreen interview",
        "backscreen evaluate",
        "backscreen rules check",
        "backscreen rules export",
        "backscreen completions",
        "backscreen man",
    ] {
        assert!(text.contains(command), "no {command}:\n{}", page.stdout);
    }
    for (code, meaning) in cli::EXIT_CODES {
        assert!(text.contains(&format!("{code} {meaning}")), "exit code {code}:\n{}", page.stdout);
    }
    for (_, example) in cli::EXAMPLES {
        assert!(text.contains(example), "example {example}:\n{}", page.stdout);
    }
    // Not the footer's date slot: no build date, and the version where the source goes.
    assert!(run.stdout.contains(".TH backscreen 1 \"\" \"backscreen "), "{}", &run.stdout[..120]);
}

// ---- help ---------------------------------------------------------------------------

#[track_caller]
fn assert_fits(text: &str, width: usize, what: &str) {
    for line in text.lines() {
        assert!(
            line.chars().count() <= width,
            "{what}: a line of {} > {width} columns:\n{line}\n\n{text}",
            line.chars().count()
        );
    }
}

#[test]
fn help_wraps_to_the_width_it_is_given() {
    for width in [40, 50, 60, 80] {
        let columns = width.to_string();
        for args in [&["--help"][..], &["-h"], &["evaluate", "--help"], &["rules", "check", "--help"]] {
            let run = backscreen_env(args, "", &[("COLUMNS", &columns)]);
            run.assert_ok();
            // clap never breaks the usage line, at most 49 columns
            // (`Usage: backscreen evaluate [OPTIONS] <ANSWERS>...`).
            let text: String =
                run.stdout.lines().filter(|l| !l.starts_with("Usage: ")).map(|l| format!("{l}\n")).collect();
            assert_fits(&text, width, &format!("{args:?} at {width}"));
            assert_fits(&run.stdout, width.max(49), &format!("{args:?} at {width}"));
        }
    }
    // Wider than 100 columns reads badly: the help stops there, as `evaluate` does.
    let wide = backscreen_env(&["--help"], "", &[("COLUMNS", "200")]);
    assert_fits(&wide.stdout, 100, "--help at 200");
    assert!(wide.stdout.lines().any(|l| l.chars().count() > 90), "uses the width it has:\n{}", wide.stdout);
}

#[test]
fn help_shows_examples_that_are_valid_command_lines() {
    let run = backscreen(&["--help"], "");
    run.assert_ok();
    let examples = run.stdout.split("Examples:\n").nth(1).expect("an Examples section");
    for (what, command) in cli::EXAMPLES {
        assert!(examples.contains(what) && examples.contains(command), "{command}:\n{}", run.stdout);
    }
    assert!((2..=3).contains(&cli::EXAMPLES.len()));
    let evaluate = backscreen(&["evaluate", "--help"], "");
    assert!(evaluate.stdout.contains("Examples:\n"), "{}", evaluate.stdout);
    // An example that no longer parses would teach a mistake.
    for (_, command) in cli::EXAMPLES {
        let words = command.split(" > ").next().expect("a command").split_whitespace();
        let parsed = cli::parse(words);
        assert!(matches!(parsed, Ok(Parsed::Run(_))), "{command}: {parsed:?}");
    }
}

#[test]
fn examples_that_break_go_on_indented_under_the_command() {
    let run = backscreen_env(&["--help"], "", &[("COLUMNS", "40")]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("    backscreen evaluate --format html"))
        .expect("the example");
    assert!(lines[at + 1] == "      -o report.html answers.json", "{}", run.stdout);
    // And the exit codes table hangs its text under the text.
    let one = lines.iter().position(|l| l.starts_with("  1    invalid input")).expect("exit code 1");
    assert!(
        lines[one + 1].starts_with("       ") && !lines[one + 1].starts_with("        "),
        "{}",
        run.stdout
    );
}

#[test]
fn help_and_version_go_to_stdout_with_exit_0() {
    for args in [&["--help"][..], &["-h"], &["--version"], &["help", "evaluate"], &["evaluate", "--help"]] {
        let run = backscreen(args, "");
        run.assert_ok();
        assert!(run.stderr.is_empty() && !run.stdout.is_empty(), "{args:?}: {}", run.stderr);
    }
}

// ---- --color anywhere, TERM=dumb --------------------------------------------------------

#[test]
fn color_is_accepted_before_or_after_the_command() {
    let p13 = p("vignettes/p13.json");
    for args in [
        vec!["--color", "always", "evaluate", &p13],
        vec!["--color=always", "evaluate", &p13],
        vec!["evaluate", "--color", "always", &p13],
        vec!["evaluate", &p13, "--color", "always"],
    ] {
        let run = backscreen(&args, "");
        run.assert_ok();
        assert!(run.stdout.contains("\u{1b}["), "{args:?}: not coloured");
    }
    for args in [vec!["--color", "never", "rules", "check"], vec!["rules", "check", "--color", "never"]] {
        let run = backscreen(&args, "");
        run.assert_ok();
    }
    let replay = backscreen(&["--color", "never", "interview", "--replay", &p("vignettes/p03.json")], "");
    replay.assert_ok();
}

#[test]
fn the_interviews_own_options_before_a_command_are_refused() {
    // They would be silently ignored: the command has options of its own.
    let run = backscreen(&["--rules", "my-rules.json", "evaluate", &p("vignettes/p13.json")], "");
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "backscreen: '--rules' before 'evaluate' is an option of the interview; a command's options go \
         after its name; see `backscreen evaluate --help`\n"
    );
}

/// Runs `backscreen args...` in a pseudo-terminal 60 columns wide with `TERM=term`,
/// and returns everything it wrote (stdout and stderr share the terminal).
#[cfg(unix)]
fn in_a_terminal(term: &str, args: &[&str]) -> String {
    use expectrl::Session;
    use std::io::ErrorKind;
    use std::time::{Duration, Instant};
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        // Spawning sets 80x24 from the parent, racing anything the child sets: the parent
        // sets 60 columns afterwards, and the child waits to see them.
        .arg("while [ \"$(stty size)\" != '24 60' ]; do sleep 0.01; done; exec \"$BACKSCREEN\" \"$@\"")
        .arg("sh")
        .args(args)
        .env("BACKSCREEN", env!("CARGO_BIN_EXE_backscreen"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env("TERM", term)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("COLUMNS");
    let mut session = Session::spawn(cmd).expect("spawn in a pty");
    session.get_process_mut().set_window_size(60, 24).expect("a 60-column terminal");
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    let start = Instant::now();
    loop {
        match session.try_read(&mut buf) {
            Ok(0) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == ErrorKind::WouldBlock => std::thread::sleep(Duration::from_millis(5)),
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            // Linux reports a pty whose other side has closed as EIO.
            Err(_) => break,
        }
        assert!(start.elapsed() < Duration::from_secs(10), "timed out: {}", String::from_utf8_lossy(&out));
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(unix)]
#[test]
fn term_dumb_turns_colour_off_unless_color_always() {
    let p13 = p("vignettes/p13.json");
    let xterm = in_a_terminal("xterm", &["evaluate", &p13]);
    assert!(xterm.contains("\u{1b}["), "a terminal gets colour:\n{xterm}");
    let dumb = in_a_terminal("dumb", &["evaluate", &p13]);
    assert!(dumb.contains("EMERGENCY"), "{dumb}");
    assert!(!dumb.contains('\u{1b}'), "TERM=dumb gets no escape sequence:\n{dumb:?}");
    let forced = in_a_terminal("dumb", &["evaluate", "--color", "always", &p13]);
    assert!(forced.contains("\u{1b}["), "--color always wins:\n{forced}");
}

#[cfg(unix)]
#[test]
fn help_in_a_terminal_fits_it_and_follows_color_and_term() {
    let help = in_a_terminal("xterm", &["--help"]);
    assert!(help.contains("\u{1b}["), "clap styles help on a terminal:\n{help}");
    let plain = |s: &str| !s.contains('\u{1b}');
    assert!(plain(&in_a_terminal("dumb", &["--help"])), "TERM=dumb");
    assert!(plain(&in_a_terminal("xterm", &["--color", "never", "--help"])), "--color never");
    assert!(plain(&in_a_terminal("xterm", &["evaluate", "--help", "--color=never"])), "--color=never after");
    let dumb = in_a_terminal("dumb", &["--help"]).replace("\r\n", "\n");
    assert_fits(&dumb, 60, "--help in a 60-column terminal");
    assert!(dumb.lines().any(|l| l.chars().count() > 50), "uses the width:\n{dumb}");
}

// ---- clap's errors in the program's style ---------------------------------------------

#[test]
fn usage_errors_are_one_backscreen_line_with_exit_2() {
    let p13 = p("vignettes/p13.json");
    let cases: &[(&[&str], &str)] = &[
        (&["--foo"], "backscreen: unexpected argument '--foo'; see `backscreen --help`"),
        (
            &["evaluate", "--fromat", "json", &p13],
            "backscreen: unexpected argument '--fromat' (did you mean '--format'?); see `backscreen evaluate --help`",
        ),
        (
            &["evalute"],
            "backscreen: unknown command 'evalute' (did you mean 'evaluate'?); see `backscreen --help`",
        ),
        (
            &["evaluate"],
            "backscreen: `backscreen evaluate` needs <ANSWERS>...; see `backscreen evaluate --help`",
        ),
        (
            &["evaluate", "--format", "xml", &p13],
            "backscreen: invalid value 'xml' for '--format <FORMAT>' (one of: text, json, markdown, html, fhir, \
             csv, jsonl); see `backscreen evaluate --help`",
        ),
        (
            &["rules"],
            "backscreen: `backscreen rules` needs a command: check, export; see `backscreen rules --help`",
        ),
        (
            &["--save", "a.json", "--resume", "b.json"],
            "backscreen: '--save <FILE>' cannot be used with '--resume <FILE>'; see `backscreen --help`",
        ),
        (
            &["rules", "check", "a.json", "b.json"],
            "backscreen: unexpected argument 'b.json'; see `backscreen rules check --help`",
        ),
        (
            &["--color"],
            "backscreen: '--color <COLOR>' needs a value (one of: auto, always, never); see `backscreen --help`",
        ),
    ];
    for (args, expected) in cases {
        let run = backscreen(args, "");
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr, format!("{expected}\n"), "{args:?}");
        assert_eq!(run.stdout, "", "{args:?}");
    }
}

#[test]
fn a_bad_argument_cannot_drive_the_terminal_through_the_error() {
    let run = backscreen(&["evaluate", "--x\u{1b}[2J\u{1b}]0;pwned\u{7}", &p("vignettes/p13.json")], "");
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("backscreen: unexpected argument '--x\\u{1b}[2J"), "{:?}", run.stderr);
    assert!(!run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{7}'), "{:?}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{:?}", run.stderr);
}
