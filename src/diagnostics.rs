//! What is wrong in a user's file, and where: problems at JSON paths, printed as lines
//! that name the file. Shared by rules files and answers files.

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

pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_string() } else { format!("{path}.{key}") }
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
        Value::String(s) => format!("the string \"{s}\""),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}
