//! What is wrong in a user's file, and where: problems at JSON paths, printed as lines
//! that name the file. Shared by rules files and answers files.
//!
//! A key or value taken from a file is quoted through [`sanitize::quote`]: shortened,
//! with newlines and other control characters shown as escapes, so every problem is
//! exactly one line of bounded length.

use crate::sanitize::{self, quote};
use serde_json::Value;
use std::fmt;

/// One thing wrong in a file, at a JSON path such as `questions[3].ask_if.all[0].answer`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Problems as lines, each naming the file: `{what} file {file}: {problem}`.
pub struct Lines<'a> {
    pub what: &'static str,
    pub file: &'a str,
    pub problems: &'a [Problem],
}

impl<'a> Lines<'a> {
    pub fn new(what: &'static str, file: &'a str, problems: &'a [Problem]) -> Self {
        Lines { what, file, problems }
    }
}

impl fmt::Display for Lines<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{} file {}: {p}", self.what, self.file)?;
        }
        Ok(())
    }
}

/// The path of `key` in the object at `path`: `path.key`, or `path["a key"]` for a key
/// from a file that is not a plain name (quoted and shortened like any value).
pub fn join(path: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key.len() <= sanitize::QUOTE_CHARS
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    match (plain, path.is_empty()) {
        (true, true) => key.to_string(),
        (true, false) => format!("{path}.{key}"),
        (false, _) => format!("{path}[\"{}\"]", quote(key).replace('"', "\\\"")),
    }
}

pub fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// How a JSON value is described in a message.
pub fn kind(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() > 40 => "a string".into(),
        Value::String(s) => format!("the string \"{}\"", quote(s)),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}
