//! Mutated fixture bytes through the readers, the check, the engine and the interview:
//! the short, stable stand-in that CI runs for the fuzz targets in `fuzz/` (which need
//! nightly and `cargo fuzz`).
//!
//! Every rules fixture and every vignette answers file is mutated with a fixed seed (a
//! flipped bit, inserted or deleted bytes, a cut, a duplicated range, a JSON token, one
//! string swapped for another), so a failure names the case and reproduces. Each mutant
//! must give a result or a typed error whose message names the file: never a panic.

mod common;

use backscreen::answers::{self, AnswersError};
use backscreen::interview::replay::replay;
use backscreen::rules::{self, Rules, RulesError};
use backscreen::{decision, engine, input, render};
use common::{fixture, root};
use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Change it to try other cases; a failure message gives the seed of the case that failed.
const SEED: u64 = 0x6261_636b_7363_7265;
const CASES_PER_RULES_FILE: usize = 200;
const CASES_PER_ANSWERS_FILE: usize = 50;

/// splitmix64: small, fixed, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Bytes that mean something to a JSON reader or to the rules, to splice in.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ",",
    ":",
    "\\",
    "true",
    "false",
    "null",
    "0",
    "-1",
    "11",
    "1.5",
    "1e400",
    "9223372036854775808",
    "-9223372036854775809",
    "\"not_sure\"",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"\u{1b}[31m\"",
    "[]",
    "{}",
    "{\"all\": []}",
    "{\"not\": {}}",
    "\"emergency\"",
    "\"self_care\"",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    "\u{feff}",
    "\u{00e9}",
    "\n",
];

/// JSON values to put where a string was: the wrong type, out of range, "not sure".
const VALUES: &[&str] = &[
    "true",
    "false",
    "null",
    "0",
    "-1",
    "11",
    "121",
    "1.5",
    "\"not_sure\"",
    "\"\"",
    "[]",
    "[\"not_sure\"]",
    "{}",
];

#[derive(Debug)]
enum Mutation {
    Flip {
        at: usize,
        bit: u8,
    },
    Insert {
        at: usize,
        byte: u8,
    },
    Delete {
        at: usize,
        len: usize,
    },
    Truncate {
        at: usize,
    },
    Duplicate {
        from: usize,
        len: usize,
        to: usize,
    },
    Token {
        at: usize,
        token: &'static str,
    },
    /// One JSON string replaced by another of the same file: dangling ids, values of the
    /// wrong type, a red flag's level where a choice should be.
    SwapString {
        at: usize,
        with: usize,
    },
    /// One JSON string value (not a key) replaced by another kind of value.
    StringToValue {
        at: usize,
        value: &'static str,
    },
}

impl fmt::Display for Mutation {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Mutation::SwapString { at, with } => write!(f, "string {at} replaced by string {with}"),
            Mutation::StringToValue { at, value } => write!(f, "string value {at} replaced by {value}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// The byte ranges of the JSON string literals in `bytes`, quotes included.
fn strings(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (mut start, mut escaped) = (None, false);
    for (i, &b) in bytes.iter().enumerate() {
        match start {
            None if b == b'"' => start = Some(i),
            Some(s) if !escaped && b == b'"' => {
                out.push((s, i + 1));
                start = None;
            }
            Some(_) => escaped = !escaped && b == b'\\',
            None => {}
        }
    }
    out
}

/// The string literals in `bytes` that are values, not object keys.
fn values(bytes: &[u8]) -> Vec<(usize, usize)> {
    let key = |end: usize| bytes[end..].iter().find(|b| !b.is_ascii_whitespace()) == Some(&b':');
    strings(bytes).into_iter().filter(|&(_, end)| !key(end)).collect()
}

/// One to three mutations of `original`, and what they were.
fn mutate(original: &[u8], rng: &mut Rng) -> (Vec<u8>, Vec<Mutation>) {
    let mut bytes = original.to_vec();
    let mut done = Vec::new();
    for _ in 0..1 + rng.below(3) {
        let len = bytes.len();
        let at = rng.below(len + 1);
        let m = match rng.below(10) {
            _ if len == 0 => Mutation::Insert { at: 0, byte: b'{' },
            0 => Mutation::Flip { at: at.min(len - 1), bit: rng.below(8) as u8 },
            1 => Mutation::Insert { at, byte: rng.next() as u8 },
            2 => Mutation::Delete { at: at.min(len - 1), len: 1 + rng.below(16) },
            3 => Mutation::Truncate { at },
            4 => Mutation::Duplicate { from: rng.below(len), len: 1 + rng.below(200), to: at },
            5 | 6 => match strings(&bytes).len() {
                n if n >= 2 => Mutation::SwapString { at: rng.below(n), with: rng.below(n) },
                _ => Mutation::Token { at, token: TOKENS[rng.below(TOKENS.len())] },
            },
            7 | 8 => match values(&bytes).len() {
                0 => Mutation::Token { at, token: TOKENS[rng.below(TOKENS.len())] },
                n => Mutation::StringToValue { at: rng.below(n), value: VALUES[rng.below(VALUES.len())] },
            },
            _ => Mutation::Token { at, token: TOKENS[rng.below(TOKENS.len())] },
        };
        match &m {
            Mutation::Flip { at, bit } => bytes[*at] ^= 1 << bit,
            Mutation::Insert { at, byte } => bytes.insert(*at, *byte),
            Mutation::Delete { at, len } => {
                bytes.drain(*at..(*at + len).min(bytes.len()));
            }
            Mutation::Truncate { at } => bytes.truncate(*at),
            Mutation::Duplicate { from, len, to } => {
                let copy = bytes[*from..(*from + len).min(bytes.len())].to_vec();
                bytes.splice(*to..*to, copy);
            }
            Mutation::Token { at, token } => {
                bytes.splice(*at..*at, token.bytes());
            }
            Mutation::SwapString { at, with } => {
                let s = strings(&bytes);
                let (a, b) = (s[*at], s[*with]);
                let with = bytes[b.0..b.1].to_vec();
                bytes.splice(a.0..a.1, with);
            }
            Mutation::StringToValue { at, value } => {
                let (start, end) = values(&bytes)[*at];
                bytes.splice(start..end, value.bytes());
            }
        }
        done.push(m);
    }
    (bytes, done)
}

fn built_in() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| rules::load(None).unwrap_or_else(|e| panic!("the built-in rules are invalid:\n{e}")))
}

fn json_files(dir: &Path, keep: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a readable directory entry").path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "json")
                && p.file_name().and_then(|n| n.to_str()).is_some_and(&keep)
        })
        .collect();
    files.sort();
    files
}

/// The vignette answers files, read once.
fn vignettes() -> &'static [(PathBuf, String)] {
    static FILES: OnceLock<Vec<(PathBuf, String)>> = OnceLock::new();
    FILES.get_or_init(|| {
        json_files(&fixture("vignettes"), |n| n.starts_with('p'))
            .into_iter()
            .map(|p| {
                let text = std::fs::read_to_string(&p).expect("a readable vignette");
                (p, text)
            })
            .collect()
    })
}

/// What became of the mutants of one kind of file.
#[derive(Default)]
struct Tally {
    cases: usize,
    ok: usize,
    /// Errors before the JSON was read: size, UTF-8, empty.
    input: usize,
    syntax: usize,
    invalid: usize,
    failures: Vec<String>,
}

impl Tally {
    /// Runs one case, turning a panic or a broken promise into a failure that names it.
    fn case(
        &mut self,
        name: &str,
        seed: u64,
        mutations: &[Mutation],
        run: impl FnOnce(&mut Tally) -> Result<(), String>,
    ) {
        self.cases += 1;
        let outcome = catch_unwind(AssertUnwindSafe(|| run(self)));
        let why = match outcome {
            Ok(Ok(())) => return,
            Ok(Err(why)) => why,
            Err(panic) => {
                let text = panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("(no message)");
                format!("panicked: {text}")
            }
        };
        let list: Vec<String> = mutations.iter().map(ToString::to_string).collect();
        self.failures.push(format!("{name}, case seed {seed:#x}, after [{}]: {why}", list.join("; ")));
    }

    #[track_caller]
    fn assert_clean(&self, what: &str) {
        assert!(
            self.failures.is_empty(),
            "{} of {} mutated {what} went wrong:\n{}",
            self.failures.len(),
            self.cases,
            self.failures.iter().take(10).cloned().collect::<Vec<_>>().join("\n")
        );
        // Not vacuous: the mutants reach every stage, not only the JSON reader.
        assert!(self.ok > 0, "no mutated {what} was accepted, so nothing after the check ran");
        assert!(self.invalid > 0, "no mutated {what} was valid JSON but wrong, so the check never ran");
        assert!(self.syntax > 0, "no mutated {what} was broken JSON");
    }
}

/// An outcome rendered every way a person or a program reads it.
fn render_all(rules: &Rules, file: &answers::AnswersFile, outcome: &engine::Outcome) -> Result<(), String> {
    let mut out = Vec::new();
    render::text::write(&mut out, outcome, Some(80)).map_err(|e| e.to_string())?;
    render::json::write(&mut out, outcome).map_err(|e| e.to_string())?;
    let report = render::report::build(rules, file, outcome);
    render::markdown::write(&mut out, &report).map_err(|e| e.to_string())?;
    render::html::write(&mut out, &report).map_err(|e| e.to_string())
}

/// Reads (possibly mutated) answers against `rules` and, when they are accepted,
/// evaluates, renders and writes them back; with `interview`, replays them too.
fn answers_case(rules: &Rules, bytes: Vec<u8>, interview: bool, tally: &mut Tally) -> Result<(), String> {
    let text = match input::from_bytes(bytes) {
        Ok(text) => text,
        Err(e) => {
            tally.input += 1;
            return if e.to_string().is_empty() {
                Err("an input error with no message".into())
            } else {
                Ok(())
            };
        }
    };
    let file = match answers::parse(&text, "mutant.json", rules) {
        Ok(file) => file,
        Err(e) => {
            match &e {
                AnswersError::Syntax { error, .. } if error.line >= 1 && error.column >= 1 => {
                    tally.syntax += 1
                }
                AnswersError::Invalid { problems, .. } if !problems.is_empty() => tally.invalid += 1,
                other => return Err(format!("an error with no place or no problem: {other:?}")),
            }
            return names_the_file(&e.to_string());
        }
    };
    tally.ok += 1;
    let d = decision::decide(rules, &file.answers);
    let outcome = engine::explain(rules, &file.answers, &d);
    if outcome.triage.level != d.level {
        return Err(format!("the result says {:?}, the decision {:?}", outcome.triage.level, d.level));
    }
    render_all(rules, &file, &outcome)?;
    let again = answers::from_value(file.to_json(), rules)
        .map_err(|p| format!("the answers written back do not read again: {p:?}"))?;
    if again != file {
        return Err("the answers written back read differently".into());
    }
    if interview {
        let session = replay(rules, &file.answers, None, None).map_err(|e| e.to_string())?;
        if session.prompts.is_empty() && !session.answers.is_empty() {
            return Err("the replay asked nothing yet kept answers".into());
        }
    }
    Ok(())
}

#[test]
fn mutated_rules_files_give_rules_or_a_typed_error_never_a_panic() {
    let mut files = json_files(&root("rules"), |_| true);
    files.extend(json_files(&fixture("fixtures/rules"), |_| true));
    assert!(files.len() >= 2, "rules/low-back.json and the test fixture: {files:?}");
    let mut tally = Tally::default();
    let mut answers_tally = Tally::default();
    let mut rng = Rng(SEED);
    for path in &files {
        let original = std::fs::read(path).expect("a readable rules file");
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        for _ in 0..CASES_PER_RULES_FILE {
            let seed = rng.next();
            let (bytes, mutations) = mutate(&original, &mut Rng(seed));
            tally.case(name, seed, &mutations, |tally| {
                let text = match input::from_bytes(bytes) {
                    Ok(text) => text,
                    Err(e) => {
                        tally.input += 1;
                        return if e.to_string().is_empty() {
                            Err("an input error with no message".into())
                        } else {
                            Ok(())
                        };
                    }
                };
                let rules = match rules::parse(&text, "mutant.json") {
                    Ok(rules) => rules,
                    Err(e) => {
                        match &e {
                            RulesError::Syntax { error, .. } if error.line >= 1 && error.column >= 1 => {
                                tally.syntax += 1
                            }
                            RulesError::Invalid { problems, .. } if !problems.is_empty() => {
                                tally.invalid += 1
                            }
                            other => return Err(format!("an error with no place or no problem: {other:?}")),
                        }
                        return names_the_file(&e.to_string());
                    }
                };
                tally.ok += 1;
                let _ = rules.asking_order();
                let _ = rules.red_flag_questions();
                // Rules that pass the check are usable: every vignette, read against them,
                // is evaluated and rendered (or refused with a typed error).
                for (i, (_, text)) in vignettes().iter().enumerate() {
                    // One vignette per mutant is also replayed, to keep the test short.
                    let interview = i == (seed as usize) % vignettes().len();
                    answers_case(&rules, text.clone().into_bytes(), interview, &mut answers_tally)?;
                }
                Ok(())
            });
        }
    }
    tally.assert_clean("rules files");
    assert!(answers_tally.failures.is_empty());
    assert!(answers_tally.ok > 0, "no vignette was evaluated against mutated rules that passed the check");
}

#[test]
fn mutated_answers_files_give_a_result_or_a_typed_error_never_a_panic() {
    let rules = built_in();
    let mut tally = Tally::default();
    let mut rng = Rng(SEED ^ 0xa5a5_a5a5);
    assert_eq!(vignettes().len(), 13, "every vignette answers file");
    for (path, text) in vignettes() {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        for _ in 0..CASES_PER_ANSWERS_FILE {
            let seed = rng.next();
            let (bytes, mutations) = mutate(text.as_bytes(), &mut Rng(seed));
            tally.case(name, seed, &mutations, |tally| answers_case(rules, bytes, true, tally));
        }
    }
    tally.assert_clean("answers files");
}

#[test]
fn the_mutations_are_the_same_on_every_run() {
    let original = br#"{"answers": {"saddle_numbness": false, "age": 34}}"#;
    let once = mutate(original, &mut Rng(SEED));
    let again = mutate(original, &mut Rng(SEED));
    assert_eq!(once.0, again.0);
    assert_ne!(once.0, original.to_vec(), "a mutant differs from its original");
}

/// An error message must say which file it is about.
fn names_the_file(message: &str) -> Result<(), String> {
    if message.contains("mutant.json") {
        Ok(())
    } else {
        Err(format!("the message does not name the file: {message}"))
    }
}
