//! Checks that need the whole file: references, values that fit their question,
//! the asking order, and the red-flag safety rules.

use super::model::*;
use crate::condition::{Condition, Test};
use crate::diagnostics::{Problem, index, join};
use crate::value::AnswerValue;
use std::collections::{HashMap, HashSet};

/// Where a condition stands decides what it may use.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    AskIf,
    ScoreItem,
    Evidence,
    RedFlag,
    Recommendation,
}

pub fn validate(rules: &Rules) -> Vec<Problem> {
    let mut v = Validator { rules, problems: Vec::new() };
    v.unique_ids();
    v.references();
    v.conditions();
    v.asking_order();
    v.red_flag_questions_cannot_be_skipped();
    v.checklists();
    v.problems
}

struct Validator<'r> {
    rules: &'r Rules,
    problems: Vec<Problem>,
}

impl<'r> Validator<'r> {
    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem { path: path.into(), message: message.into() });
    }

    fn unique<'a>(&mut self, list: &str, kind: &str, ids: impl Iterator<Item = &'a str>) {
        let mut seen = HashMap::new();
        for (i, id) in ids.enumerate() {
            if let Some(first) = seen.insert(id, i) {
                self.problem(
                    join(&index(list, i), "id"),
                    format!("duplicate {kind} id `{id}` (first used at {})", index(list, first)),
                );
            }
        }
    }

    fn unique_ids(&mut self) {
        let r = self.rules;
        self.unique("sources", "source", r.sources.iter().map(|s| s.id.as_str()));
        self.unique("sections", "section", r.sections.iter().map(|s| s.id.as_str()));
        self.unique("questions", "question", r.questions.iter().map(|q| q.id.as_str()));
        self.unique("scores", "score", r.scores.iter().map(|s| s.id.as_str()));
        self.unique("red_flags", "red flag", r.red_flags.iter().map(|f| f.id.as_str()));
        self.unique("causes", "cause", r.causes.iter().map(|c| c.id.as_str()));
        self.unique("soft_tissue_areas", "area", r.soft_tissue_areas.iter().map(|a| a.id.as_str()));
        self.unique("rehab_components", "component", r.rehab_components.iter().map(|c| c.id.as_str()));
        self.unique("checklists", "checklist", r.checklists.iter().map(|c| c.id.as_str()));
        for (i, q) in r.questions.iter().enumerate() {
            let path = join(&index("questions", i), "choices");
            self.unique(&path, "choice", q.kind.choices().iter().map(|c| c.id.as_str()));
            for (j, c) in q.kind.choices().iter().enumerate() {
                if c.id == crate::value::NOT_SURE {
                    self.problem(
                        join(&index(&path, j), "id"),
                        "`not_sure` is reserved for the \"not sure\" answer; give this choice another id",
                    );
                }
            }
            let exclusive = q.kind.choices().iter().filter(|c| c.exclusive).count();
            if exclusive > 1 {
                self.problem(path, "at most one choice can be `exclusive` (the \"none of these\" choice)");
            }
        }
    }

    fn references(&mut self) {
        let r = self.rules;
        let sections: HashSet<&str> = r.sections.iter().map(|s| s.id.as_str()).collect();
        for (i, q) in r.questions.iter().enumerate() {
            if !sections.contains(q.section.as_str()) {
                self.problem(
                    join(&index("questions", i), "section"),
                    format!("no section has the id `{}`; add it to `sections` or fix the id", q.section),
                );
            }
        }
        let sources: HashSet<&str> = r.sources.iter().map(|s| s.id.as_str()).collect();
        let cite = |v: &mut Self, path: String, ids: &[String]| {
            for (i, id) in ids.iter().enumerate() {
                if !sources.contains(id.as_str()) {
                    v.problem(index(&path, i), format!("no source has the id `{id}`; add it to `sources`"));
                }
            }
        };
        for (i, f) in r.red_flags.iter().enumerate() {
            cite(self, join(&index("red_flags", i), "source"), &f.source);
        }
        for (i, c) in r.causes.iter().enumerate() {
            cite(self, join(&index("causes", i), "source"), &c.source);
        }
        for (key, rec) in [("art", &r.recommendations.art), ("rehab", &r.recommendations.rehab)] {
            let path = join("recommendations", key);
            cite(self, join(&path, "source"), &rec.source);
            for (list, reasons) in [("fits_if", &rec.fits_if), ("not_if", &rec.not_if)] {
                for (i, reason) in reasons.iter().enumerate() {
                    cite(self, join(&index(&join(&path, list), i), "source"), &reason.source);
                }
            }
        }
        let areas: HashSet<&str> = r.soft_tissue_areas.iter().map(|a| a.id.as_str()).collect();
        let components: HashSet<&str> = r.rehab_components.iter().map(|c| c.id.as_str()).collect();
        for (i, c) in r.causes.iter().enumerate() {
            for (j, a) in c.art_targets.iter().enumerate() {
                if !areas.contains(a.as_str()) {
                    self.problem(
                        index(&join(&index("causes", i), "art_targets"), j),
                        format!("no soft-tissue area has the id `{a}`; add it to `soft_tissue_areas`"),
                    );
                }
            }
            for (j, a) in c.rehab_focus.iter().enumerate() {
                if !components.contains(a.as_str()) {
                    self.problem(
                        index(&join(&index("causes", i), "rehab_focus"), j),
                        format!("no rehab component has the id `{a}`; add it to `rehab_components`"),
                    );
                }
            }
        }
    }

    fn conditions(&mut self) {
        let r = self.rules;
        for (i, q) in r.questions.iter().enumerate() {
            if let Some(c) = &q.ask_if {
                self.condition(c, &join(&index("questions", i), "ask_if"), Place::AskIf);
            }
        }
        for (i, s) in r.scores.iter().enumerate() {
            for (j, item) in s.items.iter().enumerate() {
                let path = join(&index(&join(&index("scores", i), "items"), j), "when");
                self.condition(&item.when, &path, Place::ScoreItem);
            }
        }
        for (i, f) in r.red_flags.iter().enumerate() {
            self.condition(&f.when, &join(&index("red_flags", i), "when"), Place::RedFlag);
        }
        for (i, c) in r.causes.iter().enumerate() {
            for (j, e) in c.evidence.iter().enumerate() {
                let path = join(&index(&join(&index("causes", i), "evidence"), j), "when");
                self.condition(&e.when, &path, Place::Evidence);
            }
        }
        for (key, rec) in [("art", &r.recommendations.art), ("rehab", &r.recommendations.rehab)] {
            for (list, reasons) in [("fits_if", &rec.fits_if), ("not_if", &rec.not_if)] {
                for (i, reason) in reasons.iter().enumerate() {
                    let path = join(&index(&join(&join("recommendations", key), list), i), "when");
                    self.condition(&reason.when, &path, Place::Recommendation);
                }
            }
        }
    }

    fn condition(&mut self, c: &Condition, path: &str, place: Place) {
        match c {
            Condition::All(parts) | Condition::Any(parts) => {
                let key = if matches!(c, Condition::All(_)) { "all" } else { "any" };
                for (i, p) in parts.iter().enumerate() {
                    self.condition(p, &index(&join(path, key), i), place);
                }
            }
            Condition::Not(inner) => self.condition(inner, &join(path, "not"), place),
            Condition::Answered(q) => {
                if place == Place::RedFlag {
                    self.problem(
                        join(path, "answered"),
                        "`answered` cannot be used in a red flag: answering a question must never switch a red flag off",
                    );
                }
                self.question_exists(q, &join(path, "answered"));
            }
            Condition::NotSure(q) => {
                let at = join(path, "not_sure");
                if let Some(q) = self.question_exists(q, &at)
                    && !q.not_sure
                {
                    self.problem(
                        at,
                        format!("`{}` does not offer \"not sure\" (its `not_sure` is false)", q.id),
                    );
                }
            }
            Condition::Answer { question, test } => {
                if let Some(q) = self.question_exists(question, &join(path, "answer")) {
                    self.test_fits(q, test, path);
                }
            }
            Condition::Score { score, .. } => {
                let at = join(path, "score");
                if place == Place::ScoreItem {
                    self.problem(&at, "a score cannot use another score");
                } else if let Some(s) = self.rules.scores.iter().find(|s| &s.id == score) {
                    let uses_answered = s.items.iter().any(|i| {
                        let mut found = false;
                        i.when.walk(&mut |c| found |= matches!(c, Condition::Answered(_)));
                        found
                    });
                    if place == Place::RedFlag && uses_answered {
                        self.problem(
                            &at,
                            format!("score `{score}` uses `answered`, so it cannot be used in a red flag"),
                        );
                    }
                } else {
                    self.problem(&at, format!("no score has the id `{score}`"));
                }
            }
            Condition::Cause { cause, .. } => {
                let at = join(path, "cause");
                if place != Place::Recommendation {
                    self.problem(&at, "a `cause` condition can only be used in `recommendations`");
                } else if !self.rules.causes.iter().any(|c| &c.id == cause) {
                    self.problem(&at, format!("no cause has the id `{cause}`"));
                }
            }
            Condition::RedFlag(flag) => {
                let at = join(path, "red_flag");
                // Only a recommendation may look at a red flag: elsewhere it could make the
                // triage depend on itself, or skip questions on a flag not yet decided.
                if place != Place::Recommendation {
                    self.problem(&at, "a `red_flag` condition can only be used in `recommendations`");
                } else if !self.rules.red_flags.iter().any(|f| &f.id == flag) {
                    self.problem(&at, format!("no red flag has the id `{flag}`"));
                }
            }
        }
    }

    fn question_exists(&mut self, id: &str, path: &str) -> Option<&'r Question> {
        let found = self.rules.question(id);
        if found.is_none() {
            self.problem(path, format!("no question has the id `{id}`"));
        }
        found
    }

    fn test_fits(&mut self, q: &Question, test: &Test, path: &str) {
        let kind = q.kind.name();
        match test {
            Test::Equals(_) if matches!(q.kind, QuestionKind::MultipleChoice(_)) => self.problem(
                join(path, "equals"),
                format!(
                    "`{}` is a multiple_choice question: use `contains` to test one of its choices",
                    q.id
                ),
            ),
            Test::Equals(v) => {
                if let Some(msg) = value_fits(q, v) {
                    self.problem(join(path, "equals"), msg);
                }
            }
            Test::In(values) => {
                if !matches!(
                    q.kind,
                    QuestionKind::SingleChoice(_) | QuestionKind::Number { .. } | QuestionKind::Scale
                ) {
                    self.problem(
                        join(path, "in"),
                        format!("`in` does not fit `{}`, a {kind} question", q.id),
                    );
                    return;
                }
                for (i, v) in values.iter().enumerate() {
                    if let Some(msg) = value_fits(q, v) {
                        self.problem(index(&join(path, "in"), i), msg);
                    }
                }
            }
            Test::Contains(choice) => {
                if !matches!(q.kind, QuestionKind::MultipleChoice(_)) {
                    self.problem(
                        join(path, "contains"),
                        format!("`contains` is for multiple_choice questions; `{}` is {kind}", q.id),
                    );
                } else if let Some(msg) = value_fits(q, &AnswerValue::Choice(choice.clone())) {
                    self.problem(join(path, "contains"), msg);
                }
            }
            Test::AtLeast(n) | Test::AtMost(n) => {
                let key = if matches!(test, Test::AtLeast(_)) { "at_least" } else { "at_most" };
                if q.kind.range().is_none() {
                    self.problem(
                        join(path, key),
                        format!("`{key}` is for number and scale questions; `{}` is {kind}", q.id),
                    );
                } else if let Some(msg) = value_fits(q, &AnswerValue::Number(*n)) {
                    self.problem(join(path, key), msg);
                }
            }
        }
    }

    /// Each `ask_if` may only look at questions asked before it; a loop is named as such.
    fn asking_order(&mut self) {
        let r = self.rules;
        let order = r.asking_order();
        let position: HashMap<&str, usize> =
            order.iter().enumerate().map(|(pos, &i)| (r.questions[i].id.as_str(), pos)).collect();
        for (i, q) in r.questions.iter().enumerate() {
            let Some(ask_if) = &q.ask_if else { continue };
            let path = join(&index("questions", i), "ask_if");
            for dep in r.questions_used_by(ask_if) {
                let (Some(&mine), Some(&theirs)) = (position.get(q.id.as_str()), position.get(dep)) else {
                    continue; // a dangling id is reported elsewhere
                };
                if dep == q.id {
                    self.problem(&path, format!("`{}` cannot be asked depending on its own answer", q.id));
                } else if theirs < mine {
                    // Looking back is what an ask_if should do. A loop has to look forward
                    // somewhere, and is found there: so a valid file is searched for no loop
                    // at all, and the check stays linear in the size of the file.
                } else if let Some(cycle) = r.ask_if_cycle(&q.id, dep) {
                    self.problem(&path, format!("ask_if makes a loop: {}", cycle.join(" -> ")));
                } else {
                    self.problem(
                        &path,
                        format!(
                            "looks at `{dep}`, which is asked after `{}`; an ask_if may only look at \
                             questions asked before it (red-flag questions first, then by section)",
                            q.id
                        ),
                    );
                }
            }
        }
    }

    fn red_flag_questions_cannot_be_skipped(&mut self) {
        let r = self.rules;
        let red = r.red_flag_questions();
        for (i, q) in r.questions.iter().enumerate() {
            let Some(ask_if) = &q.ask_if else { continue };
            if !red.contains(q.id.as_str()) {
                continue;
            }
            for dep in r.questions_used_by(ask_if) {
                if !red.contains(dep) && r.question(dep).is_some() {
                    self.problem(
                        join(&index("questions", i), "ask_if"),
                        format!(
                            "red-flag question `{}` would be skipped depending on `{dep}`, which no red flag \
                             uses; a red-flag question must be asked of everyone, or only behind other \
                             red-flag questions",
                            q.id
                        ),
                    );
                }
            }
        }
    }
}

impl Validator<'_> {
    /// Checklist items exist, are yes/no questions, and appear in one checklist only, once.
    fn checklists(&mut self) {
        let r = self.rules;
        let mut seen: HashMap<&str, String> = HashMap::new();
        for (i, list) in r.checklists.iter().enumerate() {
            for (j, item) in list.items.iter().enumerate() {
                let path = join(&index(&join(&index("checklists", i), "items"), j), "question");
                let Some(q) = self.question_exists(&item.question, &path) else { continue };
                match &q.kind {
                    QuestionKind::YesNo => {}
                    QuestionKind::MultipleChoice(c) if c.iter().any(|c| c.exclusive) => {}
                    QuestionKind::MultipleChoice(_) => self.problem(
                        &path,
                        format!(
                            "`{}` has no `exclusive` (\"none of these\") choice, which a checklist records \
                             when none of its choices is ticked",
                            q.id
                        ),
                    ),
                    kind => self.problem(
                        &path,
                        format!(
                            "`{}` is a {} question; checklist items are yes_no questions (or multiple_choice \
                             questions with a \"none of these\" choice)",
                            q.id,
                            kind.name()
                        ),
                    ),
                }
                if let Some(first) = seen.insert(q.id.as_str(), path.clone()) {
                    self.problem(
                        &path,
                        format!("`{}` is already an item at {first}; an item appears once", q.id),
                    );
                }
            }
        }
    }
}

/// Why `value` cannot be an answer to `q`, if it cannot.
pub fn value_fits(q: &Question, value: &AnswerValue) -> Option<String> {
    let id = &q.id;
    match (&q.kind, value) {
        (_, AnswerValue::NotSure) => None,
        (QuestionKind::YesNo, AnswerValue::Bool(_)) => None,
        (
            QuestionKind::SingleChoice(choices) | QuestionKind::MultipleChoice(choices),
            AnswerValue::Choice(c),
        ) => (!choices.iter().any(|x| &x.id == c)).then(|| unknown_choice(q, c)),
        (kind @ (QuestionKind::Number { .. } | QuestionKind::Scale), AnswerValue::Number(n)) => {
            let (min, max) = kind.range().unwrap_or_default();
            (!(min..=max).contains(n)).then(|| format!("{n} is outside `{id}`'s range {min} to {max}"))
        }
        (kind, v) => Some(format!("{} does not fit `{id}`, a {} question", describe(v), kind.name())),
    }
}

fn unknown_choice(q: &Question, c: &str) -> String {
    let ids: Vec<&str> = q.kind.choices().iter().map(|c| c.id.as_str()).collect();
    format!("`{c}` is not a choice of `{}`; its choices are: {}", q.id, ids.join(", "))
}

fn describe(v: &AnswerValue) -> String {
    match v {
        AnswerValue::Bool(b) => b.to_string(),
        AnswerValue::Choice(c) => format!("the choice \"{c}\""),
        AnswerValue::Choices(_) => "a list of choices".into(),
        AnswerValue::Number(n) => format!("the number {n}"),
        AnswerValue::NotSure => "\"not sure\"".into(),
    }
}
