//! Reading a rules file's JSON into the typed model, strictly.
//!
//! Hand-written rather than derived so that every problem in a file is reported at
//! once, each with its JSON path and words a rules author understands; serde's
//! derive would stop at the first one.

use super::model::*;
use crate::condition::{Bound, Condition, Test};
use crate::diagnostics::{Problem, index, join, kind};
use crate::sanitize::{self, quote};
use crate::text::{LANGUAGES, Text};
use crate::value::AnswerValue;
use serde_json::{Map, Value};

/// How deep conditions may nest; deeper is almost certainly a generated or broken file.
pub const MAX_CONDITION_DEPTH: usize = 16;

/// The most entries any list in a rules file may have (questions, red flags, causes, ...):
/// far above any real file, and low enough that checking one stays quick.
pub const MAX_LIST_LEN: usize = 1000;

/// The most choices a question may have, and values an `in` or parts an `all`/`any` may list.
pub const MAX_CHOICES: usize = 100;
pub const MAX_CONDITION_LIST: usize = 200;

/// Score points are small counts; the bound keeps sums far from overflowing.
pub const MAX_POINTS: i64 = 1000;

/// A number question's `min` and `max` lie within a 32-bit integer, which is what a FHIR
/// `integer` holds: every answer and every number in an `ask_if` then fits the export.
pub const NUMBER_BOUNDS: (i64, i64) = (i32::MIN as i64, i32::MAX as i64);

/// A version is a short label (`1.1.0`), printed on one line with the rules id.
pub const MAX_VERSION_LEN: usize = 64;

/// Collects problems while reading.
#[derive(Default)]
pub struct Decoder {
    pub problems: Vec<Problem>,
    language: String,
    /// The languages of `translations`: every text must have each of them too.
    translated: Vec<String>,
}

struct Obj<'v> {
    map: &'v Map<String, Value>,
    path: String,
}

impl<'v> Obj<'v> {
    fn at(&self, key: &str) -> String {
        join(&self.path, key)
    }
    fn get(&self, key: &str) -> Option<&'v Value> {
        self.map.get(key)
    }
}

/// Reads the whole file; `None` means the problems say why.
pub fn rules(root: &Value) -> Result<Rules, Vec<Problem>> {
    let mut d = Decoder::default();
    match d.rules(root) {
        Some(rules) if d.problems.is_empty() => Ok(rules),
        _ => Err(d.problems),
    }
}

impl Decoder {
    pub fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem { path: path.into(), message: message.into() });
    }

    fn object<'v>(&mut self, v: &'v Value, path: &str, fields: &[&str]) -> Option<Obj<'v>> {
        let Some(map) = v.as_object() else {
            self.problem(path, format!("expected an object {{ ... }}, found {}", kind(v)));
            return None;
        };
        for key in map.keys() {
            if !fields.contains(&key.as_str()) {
                let hint = match closest(key, fields) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("the fields allowed here are: {}", fields.join(", ")),
                };
                self.problem(join(path, key), format!("unknown field `{}`; {hint}", quote(key)));
            }
        }
        Some(Obj { map, path: path.to_string() })
    }

    fn required<'v>(&mut self, o: &Obj<'v>, key: &str) -> Option<&'v Value> {
        let v = o.get(key);
        if v.is_none() {
            let at = if o.path.is_empty() { "the top level".to_string() } else { o.path.clone() };
            self.problem(o.path.clone(), format!("missing field `{key}` (required in {at})"));
        }
        v
    }

    fn string(&mut self, v: &Value, path: &str) -> Option<String> {
        match v.as_str() {
            Some(s) if !s.trim().is_empty() => Some(s.to_string()),
            Some(_) => {
                self.problem(path, "must not be empty");
                None
            }
            None => {
                self.problem(path, format!("expected a string, found {}", kind(v)));
                None
            }
        }
    }

    fn id(&mut self, v: &Value, path: &str) -> Option<String> {
        let s = self.string(v, path)?;
        let chars = s.chars().count();
        if is_id(&s) {
            Some(s)
        } else if chars > MAX_ID_LEN {
            self.problem(path, format!("this id is {chars} characters long; ids are at most {MAX_ID_LEN}"));
            None
        } else {
            self.problem(path, format!("`{}` is not a valid id: {ID_RULE}", quote(&s)));
            None
        }
    }

    /// A version: one line, short, with nothing a terminal or a FHIR canonical could misread.
    fn version(&mut self, v: &Value, path: &str) -> Option<String> {
        let s = self.string(v, path)?;
        let chars = s.chars().count();
        if chars > MAX_VERSION_LEN {
            self.problem(
                path,
                format!("this version is {chars} characters long; a version is at most {MAX_VERSION_LEN}"),
            );
            return None;
        }
        if s.chars().any(sanitize::breaks_line) {
            self.problem(
                path,
                format!(
                    "`{}` holds a control or invisible formatting character; a version is one line of visible text such as `1.2.0`",
                    quote(&s)
                ),
            );
            return None;
        }
        Some(s)
    }

    fn text(&mut self, v: &Value, path: &str) -> Option<Text> {
        match v {
            Value::String(_) if !self.translated.is_empty() => {
                let all: Vec<String> = std::iter::once(&self.language)
                    .chain(&self.translated)
                    .map(|l| format!("\"{l}\": ..."))
                    .collect();
                let others: Vec<String> = self.translated.iter().map(|l| format!("`{l}`")).collect();
                self.problem(
                    path,
                    format!(
                        "is in one language only, but `translations` declares {} too; give {{{}}}",
                        others.join(" and "),
                        all.join(", ")
                    ),
                );
                None
            }
            Value::String(_) => self.string(v, path).map(Text::Plain),
            Value::Object(map) => {
                let mut out = std::collections::BTreeMap::new();
                for (lang, s) in map {
                    let at = join(path, lang);
                    if !LANGUAGES.contains(&lang.as_str()) {
                        self.problem(
                            &at,
                            format!("unknown language `{}`; known: {}", quote(lang), LANGUAGES.join(", ")),
                        );
                    } else if let Some(s) = self.string(s, &at) {
                        out.insert(lang.clone(), s);
                    }
                }
                if !map.contains_key(&self.language) && !self.language.is_empty() {
                    let lang = self.language.clone();
                    self.problem(path, format!("has no `{lang}` text, the file's own language"));
                    return None;
                }
                let missing: Vec<String> = self
                    .translated
                    .iter()
                    .filter(|l| !map.contains_key(*l))
                    .map(|l| format!("`{l}`"))
                    .collect();
                if !missing.is_empty() {
                    self.problem(
                        path,
                        format!("has no {} text, which `translations` declares", missing.join(" or ")),
                    );
                    return None;
                }
                Some(Text::Translated(out))
            }

            _ => {
                self.problem(
                    path,
                    format!("expected text (a string, or an object of languages), found {}", kind(v)),
                );
                None
            }
        }
    }

    fn int(&mut self, v: &Value, path: &str) -> Option<i64> {
        if let Some(n) = v.as_i64() {
            return Some(n);
        }
        // Past i64, serde_json reads a number as a float: 99999999999999999999 arrives as 1e20.
        let too_large = |f: f64| f.abs() >= 9.223_372_036_854_776e18;
        let what = match v {
            Value::Number(n) if n.is_u64() || n.as_f64().is_some_and(too_large) => {
                format!("a number too large; whole numbers here are from {} to {}", i64::MIN, i64::MAX)
            }
            Value::Number(n) if n.as_f64().is_some_and(|f| f.fract() == 0.0) => {
                format!("{n}; write it without a decimal point or exponent")
            }
            Value::Number(n) => format!("{n}, which is not a whole number"),
            _ => kind(v),
        };
        self.problem(path, format!("expected a whole number, found {what}"));
        None
    }

    fn boolean(&mut self, v: &Value, path: &str) -> Option<bool> {
        match v.as_bool() {
            Some(b) => Some(b),
            None => {
                self.problem(path, format!("expected true or false, found {}", kind(v)));
                None
            }
        }
    }

    fn level(&mut self, v: &Value, path: &str, allow_self_care: bool) -> Option<Level> {
        let s = self.string(v, path)?;
        match Level::from_id(&s) {
            Some(Level::SelfCare) if !allow_self_care => {
                self.problem(path, "a red flag's level is `emergency`, `urgent` or `soon`");
                None
            }
            Some(level) => Some(level),
            None => {
                self.problem(
                    path,
                    format!(
                        "unknown level `{}`; use `emergency`, `urgent`, `soon` or `self_care`",
                        quote(&s)
                    ),
                );
                None
            }
        }
    }

    /// Reads a list, keeping the items that read cleanly.
    fn list<T>(
        &mut self,
        v: &Value,
        path: &str,
        mut item: impl FnMut(&mut Self, &Value, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let Some(values) = v.as_array() else {
            self.problem(path, format!("expected a list [ ... ], found {}", kind(v)));
            return None;
        };
        if values.len() > MAX_LIST_LEN {
            self.problem(
                path,
                format!("a list here has at most {MAX_LIST_LEN} entries; this one has {}", values.len()),
            );
            return None;
        }
        let before = self.problems.len();
        let out: Vec<T> =
            values.iter().enumerate().filter_map(|(i, v)| item(self, v, &index(path, i))).collect();
        (self.problems.len() == before).then_some(out)
    }

    fn ids(&mut self, v: &Value, path: &str) -> Option<Vec<String>> {
        self.list(v, path, |d, v, p| d.id(v, p))
    }

    fn source(&mut self, o: &Obj, key: &str) -> Option<Vec<String>> {
        let v = self.required(o, key)?;
        let ids = self.ids(v, &o.at(key))?;
        if ids.is_empty() {
            self.problem(o.at(key), "cite at least one source id (from `sources`)");
        }
        Some(ids)
    }

    fn rules(&mut self, root: &Value) -> Option<Rules> {
        let o = self.object(
            root,
            "",
            &[
                "format",
                "id",
                "version",
                "language",
                "translations",
                "title",
                "disclaimer",
                "sources",
                "sections",
                "questions",
                "checklists",
                "scores",
                "red_flags",
                "causes",
                "soft_tissue_areas",
                "rehab_components",
                "recommendations",
                "next_steps",
            ],
        )?;
        if let Some(v) = self.required(&o, "format")
            && v.as_i64() != Some(1)
        {
            let found = if v.is_number() { v.to_string() } else { kind(v) };
            self.problem("format", format!("this backscreen reads rules format 1, not {found}"));
        }
        // The language comes first: every text field is checked against it.
        let language = self.required(&o, "language").and_then(|v| self.string(v, "language"));
        match &language {
            Some(l) if LANGUAGES.contains(&l.as_str()) => self.language = l.clone(),
            Some(l) => {
                let l = quote(l);
                self.problem("language", format!("unknown language `{l}`; known: {}", LANGUAGES.join(", ")))
            }
            None => {}
        }
        let translations = match o.get("translations") {
            Some(v) => self.translations(v),
            None => Some(Vec::new()),
        };
        let id = self.required(&o, "id").and_then(|v| self.id(v, "id"));
        let version = self.required(&o, "version").and_then(|v| self.version(v, "version"));
        let title = self.required(&o, "title").and_then(|v| self.text(v, "title"));
        let disclaimer = self.required(&o, "disclaimer").and_then(|v| self.text(v, "disclaimer"));
        let sources = self.field_list(&o, "sources", Self::source_entry);
        let sections = self.field_list(&o, "sections", Self::section);
        let questions = self.field_list(&o, "questions", Self::question);
        let checklists = match o.get("checklists") {
            Some(v) => self.list(v, "checklists", Self::checklist),
            None => Some(Vec::new()),
        };
        let scores = self.field_list(&o, "scores", Self::score);
        let red_flags = self.field_list(&o, "red_flags", Self::red_flag);
        let causes = self.field_list(&o, "causes", Self::cause);
        let areas = self.field_list(&o, "soft_tissue_areas", Self::named);
        let components = self.field_list(&o, "rehab_components", Self::named);
        let recommendations = self.required(&o, "recommendations").and_then(|v| self.recommendations(v));
        let next_steps = self.required(&o, "next_steps").and_then(|v| self.next_steps(v));
        Some(Rules {
            id: id?,
            version: version?,
            shown: language.clone()?,
            language: language?,
            translations: translations?,
            title: title?,
            disclaimer: disclaimer?,
            sources: sources?,
            sections: sections?,
            questions: questions?,
            checklists: checklists?,
            scores: scores?,
            red_flags: red_flags?,
            causes: causes?,
            soft_tissue_areas: areas?,
            rehab_components: components?,
            recommendations: recommendations?,
            next_steps: next_steps?,
            derived: Default::default(),
            fhir_items: Default::default(),
        })
    }

    fn field_list<T>(
        &mut self,
        o: &Obj,
        key: &str,
        item: impl FnMut(&mut Self, &Value, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let v = self.required(o, key)?;
        self.list(v, &o.at(key), item)
    }

    fn source_entry(&mut self, v: &Value, path: &str) -> Option<Source> {
        let o = self.object(v, path, &["id", "citation"])?;
        let id = self.required(&o, "id").and_then(|v| self.id(v, &o.at("id")));
        let citation = self.required(&o, "citation").and_then(|v| self.text(v, &o.at("citation")));
        Some(Source { id: id?, citation: citation? })
    }

    fn section(&mut self, v: &Value, path: &str) -> Option<Section> {
        let o = self.object(v, path, &["id", "title"])?;
        let id = self.required(&o, "id").and_then(|v| self.id(v, &o.at("id")));
        let title = self.required(&o, "title").and_then(|v| self.text(v, &o.at("title")));
        Some(Section { id: id?, title: title? })
    }

    /// `{"es": {"reviewed_by_clinician": false, "note": "..."}}`: the languages every
    /// text is also given in.
    fn translations(&mut self, v: &Value) -> Option<Vec<Translation>> {
        let Some(map) = v.as_object() else {
            self.problem("translations", format!("expected an object {{ ... }}, found {}", kind(v)));
            return None;
        };
        let mut out = Vec::new();
        for (lang, entry) in map {
            let at = join("translations", lang);
            if !LANGUAGES.contains(&lang.as_str()) {
                self.problem(
                    &at,
                    format!("unknown language `{}`; known: {}", quote(lang), LANGUAGES.join(", ")),
                );
                continue;
            }
            if *lang == self.language {
                self.problem(&at, format!("`{lang}` is the file's own language, not a translation"));
                continue;
            }
            let Some(o) = self.object(entry, &at, &["reviewed_by_clinician", "note"]) else { continue };
            let reviewed = self
                .required(&o, "reviewed_by_clinician")
                .and_then(|v| self.boolean(v, &o.at("reviewed_by_clinician")));
            let note = o.get("note").and_then(|v| self.string(v, &o.at("note")));
            if let Some(reviewed) = reviewed {
                out.push(Translation { language: lang.clone(), reviewed_by_clinician: reviewed, note });
            }
        }
        self.translated = out.iter().map(|t| t.language.clone()).collect();
        Some(out)
    }

    fn named(&mut self, v: &Value, path: &str) -> Option<Named> {
        let o = self.object(v, path, &["id", "name"])?;
        let id = self.required(&o, "id").and_then(|v| self.id(v, &o.at("id")));
        let name = self.required(&o, "name").and_then(|v| self.text(v, &o.at("name")));
        Some(Named { id: id?, name: name? })
    }

    fn question(&mut self, v: &Value, path: &str) -> Option<Question> {
        let o = self.object(
            v,
            path,
            &[
                "id", "section", "type", "text", "topic", "help", "choices", "min", "max", "unit",
                "unit_one", "ask_if", "not_sure",
            ],
        )?;
        let not_sure = o.get("not_sure").map_or(Some(true), |v| self.boolean(v, &o.at("not_sure")));
        let id = self.required(&o, "id").and_then(|v| self.id(v, &o.at("id")));
        let section = self.required(&o, "section").and_then(|v| self.id(v, &o.at("section")));
        let text = self.required(&o, "text").and_then(|v| self.text(v, &o.at("text")));
        let topic = o.get("topic").map(|v| self.text(v, &o.at("topic")));
        let help = o.get("help").map(|v| self.text(v, &o.at("help")));
        let ask_if = o.get("ask_if").map(|v| self.condition(v, &o.at("ask_if"), 1));
        let kind = self.question_kind(&o);
        Some(Question {
            id: id?,
            section: section?,
            kind: kind?,
            text: text?,
            topic: topic.map_or(Some(None), |t| t.map(Some))?,
            help: help.map_or(Some(None), |h| h.map(Some))?,
            ask_if: ask_if.map_or(Some(None), |c| c.map(Some))?,
            not_sure: not_sure?,
        })
    }

    fn checklist(&mut self, v: &Value, path: &str) -> Option<Checklist> {
        let o = self.object(v, path, &["id", "text", "help", "items"])?;
        let id = self.required(&o, "id").and_then(|v| self.id(v, &o.at("id")));
        let text = self.required(&o, "text").and_then(|v| self.text(v, &o.at("text")));
        let help = o.get("help").map(|v| self.text(v, &o.at("help")));
        let items = self.field_list(&o, "items", |d, v, p| {
            let o = d.object(v, p, &["question", "text"])?;
            let question = d.required(&o, "question").and_then(|v| d.id(v, &o.at("question")));
            let text = o.get("text").map(|v| d.text(v, &o.at("text")));
            Some(ChecklistItem { question: question?, text: text.map_or(Some(None), |t| t.map(Some))? })
        });
        if matches!(&items, Some(i) if i.len() < 2) {
            self.problem(o.at("items"), "a checklist needs at least two items");
        }
        Some(Checklist {
            id: id?,
            text: text?,
            help: help.map_or(Some(None), |h| h.map(Some))?,
            items: items?,
        })
    }

    fn question_kind(&mut self, o: &Obj) -> Option<QuestionKind> {
        let ty = self.required(o, "type").and_then(|v| self.string(v, &o.at("type")))?;
        let forbid = |d: &mut Self, keys: &[&str]| {
            for key in keys {
                if o.get(key).is_some() {
                    d.problem(o.at(key), format!("a `{ty}` question takes no `{key}`"));
                }
            }
        };
        let kind = match ty.as_str() {
            "yes_no" | "scale" => {
                forbid(self, &["choices", "min", "max", "unit", "unit_one"]);
                if ty == "yes_no" { QuestionKind::YesNo } else { QuestionKind::Scale }
            }
            "single_choice" | "multiple_choice" => {
                forbid(self, &["min", "max", "unit", "unit_one"]);
                let multiple = ty == "multiple_choice";
                let v = self.required(o, "choices")?;
                let choices = self.list(v, &o.at("choices"), |d, v, p| d.choice(v, p, multiple))?;
                if choices.len() < 2 {
                    self.problem(o.at("choices"), "a choice question needs at least two choices");
                } else if choices.len() > MAX_CHOICES {
                    self.problem(
                        o.at("choices"),
                        format!(
                            "a question has at most {MAX_CHOICES} choices; this one has {}",
                            choices.len()
                        ),
                    );
                }
                if multiple {
                    QuestionKind::MultipleChoice(choices)
                } else {
                    QuestionKind::SingleChoice(choices)
                }
            }
            "number" => {
                forbid(self, &["choices"]);
                let bound = |d: &mut Self, key: &str| {
                    let v = d.required(o, key)?;
                    let n = d.int(v, &o.at(key))?;
                    let (lo, hi) = NUMBER_BOUNDS;
                    if !(lo..=hi).contains(&n) {
                        d.problem(
                            o.at(key),
                            format!("`{key}` is a whole number from {lo} to {hi} (a FHIR integer), not {n}"),
                        );
                        return None;
                    }
                    Some(n)
                };
                let min = bound(self, "min");
                let max = bound(self, "max");
                let unit = o.get("unit").map(|v| self.text(v, &o.at("unit")));
                let unit_one = o.get("unit_one").map(|v| self.text(v, &o.at("unit_one")));
                if unit_one.is_some() && unit.is_none() {
                    self.problem(o.at("unit_one"), "`unit_one` is the singular of `unit`; give `unit` too");
                }
                let (min, max) = (min?, max?);
                if min > max {
                    self.problem(o.at("max"), format!("`max` ({max}) is below `min` ({min})"));
                }
                QuestionKind::Number {
                    min,
                    max,
                    unit: unit.map_or(Some(None), |u| u.map(Some))?,
                    unit_one: unit_one.map_or(Some(None), |u| u.map(Some))?,
                }
            }
            other => {
                self.problem(
                    o.at("type"),
                    format!(
                        "unknown question type `{}`; use yes_no, single_choice, multiple_choice, number or scale",
                        quote(other)
                    ),
                );
                return None;
            }
        };
        Some(kind)
    }

    fn choice(&mut self, v: &Value, path: &str, multiple: bool) -> Option<Choice> {
        let o = self.object(v, path, &["id", "text", "exclusive"])?;
        let id = self.required(&o, "id").and_then(|v| self.id(v, &o.at("id")));
        let text = self.required(&o, "text").and_then(|v| self.text(v, &o.at("text")));
        let exclusive = match o.get("exclusive") {
            Some(v) if !multiple => {
                let _ = v;
                self.problem(o.at("exclusive"), "`exclusive` is only for multiple_choice questions");
                None
            }
            Some(v) => self.boolean(v, &o.at("exclusive")),
            None => Some(false),
        };
        Some(Choice { id: id?, text: text?, exclusive: exclusive? })
    }

    fn score(&mut self, v: &Value, path: &str) -> Option<Score> {
        let o = self.object(v, path, &["id", "name", "items"])?;
        let id = self.required(&o, "id").and_then(|v| self.id(v, &o.at("id")));
        let name = self.required(&o, "name").and_then(|v| self.text(v, &o.at("name")));
        let items = self.field_list(&o, "items", |d, v, p| {
            let o = d.object(v, p, &["when", "points"])?;
            let when = d.required(&o, "when").and_then(|v| d.condition(v, &o.at("when"), 1));
            let points = d.required(&o, "points").and_then(|v| d.int(v, &o.at("points")));
            if let Some(p) = points.filter(|p| !(-MAX_POINTS..=MAX_POINTS).contains(p)) {
                d.problem(
                    o.at("points"),
                    format!("points are a whole number from -{MAX_POINTS} to {MAX_POINTS}, not {p}"),
                );
            }
            Some(ScoreItem { when: when?, points: points? })
        });
        Some(Score { id: id?, name: name?, items: items? })
    }

    fn red_flag(&mut self, v: &Value, path: &str) -> Option<RedFlag> {
        let o = self.object(v, path, &["id", "level", "name", "when", "message", "source"])?;
        let id = self.required(&o, "id").and_then(|v| self.id(v, &o.at("id")));
        let level = self.required(&o, "level").and_then(|v| self.level(v, &o.at("level"), false));
        let name = self.required(&o, "name").and_then(|v| self.text(v, &o.at("name")));
        let when = self.required(&o, "when").and_then(|v| self.condition(v, &o.at("when"), 1));
        let message = self.required(&o, "message").and_then(|v| self.text(v, &o.at("message")));
        let source = self.source(&o, "source");
        Some(RedFlag { id: id?, level: level?, name: name?, when: when?, message: message?, source: source? })
    }

    fn cause(&mut self, v: &Value, path: &str) -> Option<Cause> {
        let o = self.object(
            v,
            path,
            &["id", "name", "explanation", "source", "evidence", "art_targets", "rehab_focus"],
        )?;
        let id = self.required(&o, "id").and_then(|v| self.id(v, &o.at("id")));
        let name = self.required(&o, "name").and_then(|v| self.text(v, &o.at("name")));
        let explanation = self.required(&o, "explanation").and_then(|v| self.text(v, &o.at("explanation")));
        let source = self.source(&o, "source");
        let evidence = self.field_list(&o, "evidence", |d, v, p| {
            let o = d.object(v, p, &["when", "weight", "because"])?;
            let when = d.required(&o, "when").and_then(|v| d.condition(v, &o.at("when"), 1));
            let weight = d.required(&o, "weight").and_then(|v| d.int(v, &o.at("weight")));
            if let Some(w) = weight.filter(|w| !(1..=10).contains(w)) {
                d.problem(o.at("weight"), format!("a weight is a whole number from 1 to 10, not {w}"));
            }
            let because = d.required(&o, "because").and_then(|v| d.text(v, &o.at("because")));
            Some(Evidence { when: when?, weight: weight?, because: because? })
        });
        if matches!(&evidence, Some(e) if e.is_empty()) {
            self.problem(o.at("evidence"), "a cause needs at least one evidence item");
        }
        let art_targets = self.required(&o, "art_targets").and_then(|v| self.ids(v, &o.at("art_targets")));
        let rehab_focus = self.required(&o, "rehab_focus").and_then(|v| self.ids(v, &o.at("rehab_focus")));
        Some(Cause {
            id: id?,
            name: name?,
            explanation: explanation?,
            source: source?,
            evidence: evidence?,
            art_targets: art_targets?,
            rehab_focus: rehab_focus?,
        })
    }

    fn recommendations(&mut self, v: &Value) -> Option<Recommendations> {
        let o = self.object(v, "recommendations", &["art", "rehab"])?;
        let art = self.required(&o, "art").and_then(|v| self.recommendation(v, &o.at("art")));
        let rehab = self.required(&o, "rehab").and_then(|v| self.recommendation(v, &o.at("rehab")));
        Some(Recommendations { art: art?, rehab: rehab? })
    }

    fn recommendation(&mut self, v: &Value, path: &str) -> Option<Recommendation> {
        let o = self.object(
            v,
            path,
            &["name", "about", "source", "not_at_or_above", "not_at_or_above_because", "fits_if", "not_if"],
        )?;
        let name = self.required(&o, "name").and_then(|v| self.text(v, &o.at("name")));
        let about = self.required(&o, "about").and_then(|v| self.text(v, &o.at("about")));
        let source = self.source(&o, "source");
        let level =
            self.required(&o, "not_at_or_above").and_then(|v| self.level(v, &o.at("not_at_or_above"), true));
        let level_because = self
            .required(&o, "not_at_or_above_because")
            .and_then(|v| self.text(v, &o.at("not_at_or_above_because")));
        let fits_if = self.field_list(&o, "fits_if", Self::reason);
        let not_if = self.field_list(&o, "not_if", Self::reason);
        if matches!(&fits_if, Some(f) if f.is_empty()) {
            self.problem(o.at("fits_if"), "list at least one condition under which this may fit");
        }
        Some(Recommendation {
            name: name?,
            about: about?,
            source: source?,
            not_at_or_above: level?,
            not_at_or_above_because: level_because?,
            fits_if: fits_if?,
            not_if: not_if?,
        })
    }

    fn reason(&mut self, v: &Value, path: &str) -> Option<Reason> {
        let o = self.object(v, path, &["when", "because", "source"])?;
        let when = self.required(&o, "when").and_then(|v| self.condition(v, &o.at("when"), 1));
        let because = self.required(&o, "because").and_then(|v| self.text(v, &o.at("because")));
        let source = self.source(&o, "source");
        Some(Reason { when: when?, because: because?, source: source? })
    }

    fn next_steps(&mut self, v: &Value) -> Option<NextSteps> {
        let o = self.object(v, "next_steps", &["emergency", "urgent", "soon", "self_care"])?;
        let level = |d: &mut Self, key: &str| {
            let v = d.required(&o, key)?;
            let steps = d.list(v, &o.at(key), |d, v, p| d.text(v, p))?;
            if steps.is_empty() {
                d.problem(o.at(key), "give at least one next step for this level");
            }
            Some(steps)
        };
        let emergency = level(self, "emergency");
        let urgent = level(self, "urgent");
        let soon = level(self, "soon");
        let self_care = level(self, "self_care");
        Some(NextSteps { emergency: emergency?, urgent: urgent?, soon: soon?, self_care: self_care? })
    }

    pub fn condition(&mut self, v: &Value, path: &str, depth: usize) -> Option<Condition> {
        if depth > MAX_CONDITION_DEPTH {
            self.problem(
                path,
                format!("conditions nest more than {MAX_CONDITION_DEPTH} deep; simplify this one"),
            );
            return None;
        }
        let Some(map) = v.as_object() else {
            self.problem(path, format!("expected a condition object {{ ... }}, found {}", kind(v)));
            return None;
        };
        let has = |k: &str| map.contains_key(k);
        let list = |d: &mut Self, key: &str| {
            let at = join(path, key);
            if let Some(n) = map[key].as_array().map(Vec::len).filter(|n| *n > MAX_CONDITION_LIST) {
                d.problem(
                    at,
                    format!("`{key}` lists at most {MAX_CONDITION_LIST} conditions; this one has {n}"),
                );
                return None;
            }
            let parts = d.list(&map[key], &at, |d, v, p| d.condition(v, p, depth + 1))?;
            if parts.is_empty() {
                d.problem(at, format!("`{key}` needs at least one condition"));
                return None;
            }
            Some(parts)
        };
        if has("all") {
            self.object(v, path, &["all"])?;
            return list(self, "all").map(Condition::All);
        }
        if has("any") {
            self.object(v, path, &["any"])?;
            return list(self, "any").map(Condition::Any);
        }
        if has("not") {
            self.object(v, path, &["not"])?;
            let inner = self.condition(&map["not"], &join(path, "not"), depth + 1)?;
            return Some(Condition::Not(Box::new(inner)));
        }
        if has("answered") {
            self.object(v, path, &["answered"])?;
            return self.id(&map["answered"], &join(path, "answered")).map(Condition::Answered);
        }
        if has("not_sure") {
            self.object(v, path, &["not_sure"])?;
            return self.id(&map["not_sure"], &join(path, "not_sure")).map(Condition::NotSure);
        }
        if has("red_flag") {
            self.object(v, path, &["red_flag"])?;
            return self.id(&map["red_flag"], &join(path, "red_flag")).map(Condition::RedFlag);
        }
        if has("answer") {
            let o = self.object(v, path, &["answer", "equals", "in", "contains", "at_least", "at_most"])?;
            let question = self.id(&map["answer"], &o.at("answer"));
            let test = self.one_test(&o)?;
            return Some(Condition::Answer { question: question?, test });
        }
        for key in ["score", "cause"] {
            if has(key) {
                let o = self.object(v, path, &[key, "at_least", "at_most"])?;
                let id = self.id(&map[key], &o.at(key));
                let bound = match (o.get("at_least"), o.get("at_most")) {
                    (Some(n), None) => Bound::AtLeast(self.int(n, &o.at("at_least"))?),
                    (None, Some(n)) => Bound::AtMost(self.int(n, &o.at("at_most"))?),
                    _ => {
                        self.problem(
                            path,
                            format!("a `{key}` condition needs exactly one of `at_least`, `at_most`"),
                        );
                        return None;
                    }
                };
                return Some(if key == "score" {
                    Condition::Score { score: id?, bound }
                } else {
                    Condition::Cause { cause: id?, bound }
                });
            }
        }
        self.problem(
            path,
            "a condition needs one of `answer`, `answered`, `not_sure`, `score`, `cause`, `red_flag`, `all`, \
             `any` or `not`",
        );
        None
    }

    fn one_test(&mut self, o: &Obj) -> Option<Test> {
        let present: Vec<&str> = ["equals", "in", "contains", "at_least", "at_most"]
            .into_iter()
            .filter(|k| o.get(k).is_some())
            .collect();
        let [key] = present[..] else {
            self.problem(
                o.path.clone(),
                "an `answer` condition needs exactly one of `equals`, `in`, `contains`, `at_least`, `at_most`",
            );
            return None;
        };
        let v = o.get(key)?;
        let at = o.at(key);
        Some(match key {
            "equals" => Test::Equals(self.literal(v, &at)?),
            "in" => {
                if let Some(n) = v.as_array().map(Vec::len).filter(|n| *n > MAX_CONDITION_LIST) {
                    self.problem(
                        at,
                        format!("`in` lists at most {MAX_CONDITION_LIST} values; this one has {n}"),
                    );
                    return None;
                }
                let values = self.list(v, &at, |d, v, p| d.literal(v, p))?;
                if values.is_empty() {
                    self.problem(at, "`in` needs at least one value");
                    return None;
                }
                Test::In(values)
            }
            "contains" => Test::Contains(self.id(v, &at)?),
            "at_least" => Test::AtLeast(self.int(v, &at)?),
            _ => Test::AtMost(self.int(v, &at)?),
        })
    }

    fn literal(&mut self, v: &Value, path: &str) -> Option<AnswerValue> {
        match v {
            Value::Bool(b) => Some(AnswerValue::Bool(*b)),
            Value::String(_) => self.id(v, path).map(AnswerValue::Choice),
            Value::Number(_) => self.int(v, path).map(AnswerValue::Number),
            _ => {
                self.problem(
                    path,
                    format!("expected true/false, a choice id or a whole number, found {}", kind(v)),
                );
                None
            }
        }
    }
}

pub fn is_id(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && s.len() <= MAX_ID_LEN
}

pub const MAX_ID_LEN: usize = 64;

/// What [`is_id`] accepts, in words, for messages.
pub const ID_RULE: &str =
    "an id is letters (a-z, A-Z), digits, `_` and `-`, starting with a letter, at most 64 characters";

/// The allowed name closest to a misspelt one, if any is close.
fn closest<'a>(word: &str, options: &[&'a str]) -> Option<&'a str> {
    options
        .iter()
        // The distance is at least the difference in length: a far longer word (a 3 MB
        // key) is no near miss, and is not compared letter by letter.
        .filter(|o| word.len().abs_diff(o.len()) <= 2)
        .map(|o| (edit_distance(word, o), *o))
        .filter(|(d, o)| *d <= 2.min(o.len() / 2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, o)| o)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(row[j + 1] + 1);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn condition(v: Value) -> Result<Condition, Vec<Problem>> {
        let mut d = Decoder::default();
        match d.condition(&v, "when", 1) {
            Some(c) if d.problems.is_empty() => Ok(c),
            _ => Err(d.problems),
        }
    }

    #[test]
    fn a_misspelt_field_gets_a_suggestion() {
        let err = condition(json!({"answer": "fever", "equal": true})).unwrap_err();
        assert!(
            err.iter().any(|p| p.path == "when.equal" && p.message.contains("did you mean `equals`")),
            "{err:?}"
        );
    }

    #[test]
    fn nested_conditions_read_into_the_tree() {
        let c =
            condition(json!({"any": [{"answer": "a", "equals": true}, {"not": {"answered": "b"}}]})).unwrap();
        assert!(matches!(c, Condition::Any(ref parts) if parts.len() == 2));
    }

    #[test]
    fn an_answer_condition_needs_exactly_one_test() {
        let err = condition(json!({"answer": "age", "at_least": 1, "at_most": 2})).unwrap_err();
        assert!(err[0].message.contains("exactly one of"));
    }

    #[test]
    fn too_deep_nesting_is_refused_without_recursing_further() {
        let mut v = json!({"answer": "a", "equals": true});
        for _ in 0..40 {
            v = json!({ "not": v });
        }
        let err = condition(v).unwrap_err();
        assert_eq!(err.len(), 1);
        assert!(err[0].message.contains("nest more than 16"));
    }

    #[test]
    fn conditions_nest_up_to_the_limit_the_message_names() {
        let nested = |levels: usize| {
            let mut v = json!({"answer": "a", "equals": true});
            for _ in 1..levels {
                v = json!({ "not": v });
            }
            condition(v)
        };
        assert!(nested(MAX_CONDITION_DEPTH).is_ok());
        let err = nested(MAX_CONDITION_DEPTH + 1).unwrap_err();
        assert!(err[0].message.contains(&format!("more than {MAX_CONDITION_DEPTH} deep")), "{err:?}");
    }

    #[test]
    fn the_id_rule_in_words_is_the_rule_is_id_applies() {
        assert!(ID_RULE.contains(&format!("at most {MAX_ID_LEN}")));
        assert!(ID_RULE.contains("`_` and `-`") && ID_RULE.contains("starting with a letter"));
        assert!(is_id("Low-back_2") && !is_id("_a") && !is_id(&"a".repeat(MAX_ID_LEN + 1)));
    }

    #[test]
    fn ids_are_letters_digits_underscores_and_dashes() {
        assert!(is_id("ces_saddle2"));
        assert!(is_id("low-back"));
        assert!(is_id("S8"));
        assert!(!is_id("a b"));
        assert!(!is_id("2nd"));
        assert!(!is_id("é"));
    }
}
