//! Rules files: the typed model, strict loading, validation, and the facts derived
//! from a file that the engine and the interview share (asking order, red-flag questions).

pub mod decode;
pub mod model;
pub mod polarity;
mod validate;

pub use crate::diagnostics::Problem;
pub use model::*;
pub use validate::value_fits;

use crate::condition::{Condition, Facts, Range, Truth};
use crate::input::{self, InputError, SyntaxError};
use crate::value::{AnswerValue, Answers};
use std::collections::HashSet;
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
    #[error("{}", crate::diagnostics::Lines::new("rules", .file, .problems))]
    Invalid { file: String, problems: Vec<Problem> },
}

/// Loads the built-in rules, or the file given.
pub fn load(path: Option<&Path>) -> Result<Rules, RulesError> {
    let (rules, reversed) = load_for_check(path)?;
    if reversed.is_empty() {
        return Ok(rules);
    }
    let file = path.map_or(BUILT_IN_NAME.to_string(), |p| p.display().to_string());
    Err(RulesError::Invalid { file, problems: reversed })
}

/// Parses and validates rules text; `file` names it in errors.
pub fn parse(text: &str, file: &str) -> Result<Rules, RulesError> {
    let (rules, reversed) = parse_for_check(text, file)?;
    if reversed.is_empty() {
        Ok(rules)
    } else {
        Err(RulesError::Invalid { file: file.to_string(), problems: reversed })
    }
}

/// Loads a file for `rules check`: like [`load`], except that a file whose only problems
/// are red flags the polarity analysis refuses comes back with those problems, so that
/// the check can look for answers that show each one.
pub fn load_for_check(path: Option<&Path>) -> Result<(Rules, Vec<Problem>), RulesError> {
    match path {
        None => parse_for_check(BUILT_IN, BUILT_IN_NAME),
        Some(path) => {
            let file = path.display().to_string();
            let text =
                input::read_text(path).map_err(|source| RulesError::Read { file: file.clone(), source })?;
            parse_for_check(&text, &file)
        }
    }
}

pub fn parse_for_check(text: &str, file: &str) -> Result<(Rules, Vec<Problem>), RulesError> {
    let file = file.to_string();
    let value = input::parse_json(text).map_err(|error| RulesError::Syntax { file: file.clone(), error })?;
    let rules =
        decode::rules(&value).map_err(|problems| RulesError::Invalid { file: file.clone(), problems })?;
    let problems = validate::validate(&rules);
    if !problems.is_empty() {
        return Err(RulesError::Invalid { file, problems });
    }
    // Only once every reference resolves: the analysis follows them.
    let reversed = polarity::problems(&rules);
    Ok((rules, reversed))
}

/// What every evaluation needs from the rules, worked out once.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    pub(crate) order: Vec<usize>,
    /// `red_mask[i]`: question `i` is a red-flag question.
    pub(crate) red_mask: Vec<bool>,
    index: std::collections::HashMap<String, usize>,
    pub(crate) score_index: std::collections::HashMap<String, usize>,
    pub(crate) cause_index: std::collections::HashMap<String, usize>,
    /// `checklist_of[i]`: the checklist question `i` is an item of.
    pub(crate) checklist_of: Vec<Option<usize>>,
    pub(crate) dependencies: std::sync::OnceLock<crate::outlook::Dependencies>,
}

impl Derived {
    fn of(rules: &Rules) -> Self {
        // The first of duplicate ids wins; validation reports the duplicates.
        let mut index = std::collections::HashMap::new();
        for (i, q) in rules.questions.iter().enumerate() {
            index.entry(q.id.clone()).or_insert(i);
        }
        let red: HashSet<&str> =
            rules.red_flags.iter().flat_map(|f| rules.questions_used_by(&f.when)).collect();
        let is_red = |i: usize| red.contains(rules.questions[i].id.as_str());
        let mut order: Vec<usize> = (0..rules.questions.len()).filter(|&i| is_red(i)).collect();
        for section in &rules.sections {
            order.extend(
                (0..rules.questions.len())
                    .filter(|&i| rules.questions[i].section == section.id && !is_red(i)),
            );
        }
        let red_mask = (0..rules.questions.len()).map(is_red).collect();
        let ids = |list: Vec<&String>| {
            let mut map = std::collections::HashMap::new();
            for (i, id) in list.into_iter().enumerate() {
                map.entry(id.clone()).or_insert(i);
            }
            map
        };
        let score_index = ids(rules.scores.iter().map(|s| &s.id).collect());
        let cause_index = ids(rules.causes.iter().map(|c| &c.id).collect());
        let mut checklist_of = vec![None; rules.questions.len()];
        for (c, list) in rules.checklists.iter().enumerate() {
            for item in &list.items {
                if let Some(&i) = index.get(&item.question) {
                    checklist_of[i].get_or_insert(c);
                }
            }
        }
        Derived {
            order,
            red_mask,
            index,
            score_index,
            cause_index,
            checklist_of,
            dependencies: Default::default(),
        }
    }
}

/// Conditions seen from the answers so far, for skip logic: a partly known score is
/// unknown, never settled early.
struct Given<'a>(&'a Rules, &'a Answers);

impl Facts for Given<'_> {
    fn answer(&self, q: &str) -> Option<&AnswerValue> {
        self.1.get(q)
    }
    fn score(&self, id: &str) -> Range {
        let mut range = Range::default();
        for item in self.0.scores.iter().filter(|s| s.id == id).flat_map(|s| &s.items) {
            range.add(item.when.eval(self), item.points);
        }
        range
    }
    fn cause(&self, _: &str) -> Range {
        Range::default() // validation keeps causes out of ask_if
    }
}

impl Rules {
    /// Question `q`'s skip logic on these answers: true (ask), false (skip), or unknown
    /// while the questions it looks at have no answer. No ask_if is true.
    pub fn skip_logic(&self, q: usize, answers: &Answers) -> Truth {
        self.questions[q].ask_if.as_ref().map_or(Truth::True, |c| c.eval(&Given(self, answers)))
    }

    /// A condition's value on these answers, as the result reads it.
    pub fn truth(&self, c: &Condition, answers: &Answers) -> Truth {
        c.eval(&Given(self, answers))
    }

    /// Whether question `q` is asked, given these answers: unless its ask_if is false.
    /// When in doubt, ask.
    pub fn applies(&self, q: usize, answers: &Answers) -> bool {
        self.skip_logic(q, answers) != Truth::False
    }

    /// Whether question `q` may be asked now: it applies, and its ask_if is already
    /// decided or every question it looks at is answered (or will never be asked). A
    /// drill-down waits for the questions that lead to it.
    pub fn ready(&self, q: usize, answers: &Answers) -> bool {
        let Some(ask_if) = &self.questions[q].ask_if else { return true };
        match self.skip_logic(q, answers) {
            Truth::False => false,
            Truth::True => true,
            Truth::Unknown => self.questions_used_by(ask_if).into_iter().all(|dep| {
                self.question_index(dep)
                    .is_none_or(|d| answers.contains_key(dep) || !self.applies(d, answers))
            }),
        }
    }

    pub(crate) fn derived(&self) -> &Derived {
        self.derived.get_or_init(|| Derived::of(self))
    }

    /// Question indexes in the order they are asked: red-flag questions first (file
    /// order), then the rest by section order, file order within a section.
    pub fn asking_order(&self) -> Vec<usize> {
        self.derived().order.clone()
    }

    /// Whether a red flag looks at this question, directly or through a score.
    pub fn is_red_flag_question(&self, id: &str) -> bool {
        let d = self.derived();
        d.index.get(id).is_some_and(|&i| d.red_mask[i])
    }

    /// Every question a red flag looks at, directly or through a score.
    pub fn red_flag_questions(&self) -> HashSet<&str> {
        let d = self.derived();
        self.questions.iter().zip(&d.red_mask).filter(|(_, red)| **red).map(|(q, _)| q.id.as_str()).collect()
    }

    /// The questions a condition looks at, directly or through the scores it names.
    pub fn questions_used_by<'a>(&'a self, c: &'a Condition) -> Vec<&'a str> {
        let mut out = Vec::new();
        c.walk(&mut |c| match c {
            Condition::Answer { question, .. }
            | Condition::Answered(question)
            | Condition::NotSure(question) => out.push(question.as_str()),
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

    /// Depth-first, with its own stack rather than recursion: a long ask_if chain must not
    /// overflow the program's stack.
    fn find_path(&self, at: &str, goal: &str, path: &mut Vec<String>, seen: &mut HashSet<String>) -> bool {
        // Each frame: a question on the path and the dependencies of it still to try.
        let mut stack: Vec<std::vec::IntoIter<&str>> = Vec::new();
        let mut here = at;
        loop {
            if here == goal {
                return true;
            }
            if seen.insert(here.to_string()) {
                stack.push(self.ask_if_deps(here).into_iter());
            } else {
                path.pop(); // already explored from here: step back
            }
            let next = loop {
                let Some(frame) = stack.last_mut() else { return false };
                match frame.next() {
                    Some(next) => break next,
                    None => {
                        stack.pop();
                        if !stack.is_empty() {
                            path.pop();
                        }
                    }
                }
            };
            path.push(next.to_string());
            here = next;
        }
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use super::Rules;
    use serde_json::{Value, json};

    /// The minimal test rules with one more red flag (`red_flags[4]`, `extra`, level soon),
    /// changed by `change`; valid apart from what the polarity analysis says.
    pub fn with_flag(when: Value, change: impl FnOnce(&mut Value)) -> Rules {
        let mut v: Value =
            serde_json::from_str(include_str!("../../tests/fixtures/rules/minimal.json")).expect("json");
        v["red_flags"].as_array_mut().expect("list").push(json!({
            "id": "extra", "level": "soon", "name": "Extra", "when": when,
            "message": "Book a visit.", "source": ["s1"]
        }));
        change(&mut v);
        super::parse_for_check(&v.to_string(), "test.json").expect("valid apart from polarity").0
    }
}
