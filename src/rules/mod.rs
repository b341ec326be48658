//! Rules files: the typed model, strict loading, validation, and the facts derived
//! from a file that the engine and the interview share (asking order, red-flag questions).

pub mod decode;
pub mod model;
mod validate;

pub use decode::Problem;
pub use model::*;
pub use validate::value_fits;

use crate::condition::Condition;
use crate::input::{self, InputError, SyntaxError};
use std::collections::HashSet;
use std::fmt;
use std::path::Path;
use thiserror::Error;

/// The built-in rules, so the tool works from any directory.
pub const BUILT_IN: &str = include_str!("../../rules/low-back.json");
pub const BUILT_IN_NAME: &str = "rules/low-back.json (built in)";

#[derive(Debug, Error)]
pub enum RulesError {
    #[error("rules file {file}: {source}")]
    Read { file: String, source: InputError },
    #[error("rules file {file}:{}:{}: {}", .error.line, .error.column, .error.message)]
    Syntax { file: String, error: SyntaxError },
    #[error("{}", Invalid(.file, .problems))]
    Invalid { file: String, problems: Vec<Problem> },
}

/// Every problem on its own line, each naming the file.
struct Invalid<'a>(&'a String, &'a Vec<Problem>);

impl fmt::Display for Invalid<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.1.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "rules file {}: {p}", self.0)?;
        }
        Ok(())
    }
}

/// Loads the built-in rules, or the file given.
pub fn load(path: Option<&Path>) -> Result<Rules, RulesError> {
    match path {
        None => parse(BUILT_IN, BUILT_IN_NAME),
        Some(path) => {
            let file = path.display().to_string();
            let text =
                input::read_text(path).map_err(|source| RulesError::Read { file: file.clone(), source })?;
            parse(&text, &file)
        }
    }
}

/// Parses and validates rules text; `file` names it in errors.
pub fn parse(text: &str, file: &str) -> Result<Rules, RulesError> {
    let file = file.to_string();
    let value = input::parse_json(text).map_err(|error| RulesError::Syntax { file: file.clone(), error })?;
    let rules =
        decode::rules(&value).map_err(|problems| RulesError::Invalid { file: file.clone(), problems })?;
    let problems = validate::validate(&rules);
    if problems.is_empty() { Ok(rules) } else { Err(RulesError::Invalid { file, problems }) }
}

impl Rules {
    /// Question indexes in the order they are asked: red-flag questions first (file
    /// order), then the rest by section order, file order within a section.
    pub fn asking_order(&self) -> Vec<usize> {
        let red = self.red_flag_questions();
        let mut order: Vec<usize> =
            (0..self.questions.len()).filter(|&i| red.contains(self.questions[i].id.as_str())).collect();
        for section in &self.sections {
            order.extend((0..self.questions.len()).filter(|&i| {
                self.questions[i].section == section.id && !red.contains(self.questions[i].id.as_str())
            }));
        }
        order
    }

    /// Every question a red flag looks at, directly or through a score.
    pub fn red_flag_questions(&self) -> HashSet<&str> {
        self.red_flags.iter().flat_map(|f| self.questions_used_by(&f.when)).collect()
    }

    /// The questions a condition looks at, directly or through the scores it names.
    pub fn questions_used_by<'a>(&'a self, c: &'a Condition) -> Vec<&'a str> {
        let mut out = Vec::new();
        c.walk(&mut |c| match c {
            Condition::Answer { question, .. } | Condition::Answered(question) => out.push(question.as_str()),
            Condition::Score { score, .. } => {
                for item in self.scores.iter().filter(|s| &s.id == score).flat_map(|s| &s.items) {
                    item.when.for_each_question(&mut |q| out.push(q));
                }
            }
            _ => {}
        });
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The questions whose ask_if looks at `id`, directly or through a score.
    fn ask_if_deps(&self, id: &str) -> Vec<&str> {
        self.question(id)
            .and_then(|q| q.ask_if.as_ref())
            .map(|c| self.questions_used_by(c))
            .unwrap_or_default()
    }

    /// A path `from -> dep -> ... -> from` through ask_if references, if there is one.
    pub fn ask_if_cycle(&self, from: &str, dep: &str) -> Option<Vec<String>> {
        let mut path = vec![from.to_string(), dep.to_string()];
        let mut seen = HashSet::new();
        self.find_path(dep, from, &mut path, &mut seen).then_some(path)
    }

    fn find_path(&self, at: &str, goal: &str, path: &mut Vec<String>, seen: &mut HashSet<String>) -> bool {
        if at == goal {
            return true;
        }
        if !seen.insert(at.to_string()) {
            return false;
        }
        for next in self.ask_if_deps(at) {
            path.push(next.to_string());
            if self.find_path(next, goal, path, seen) {
                return true;
            }
            path.pop();
        }
        false
    }
}
