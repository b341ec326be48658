//! The typed form of a rules file (format 1). `rules/README.md` documents each field.

use crate::condition::Condition;
use crate::text::Text;
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone)]
pub struct Rules {
    pub id: String,
    pub version: String,
    /// The file's own language: every text has it.
    pub language: String,
    /// The other languages every text is given in, with how far each has been checked.
    pub translations: Vec<Translation>,
    /// The language texts are shown in: the file's own, or one of its translations.
    pub(crate) shown: String,
    pub title: Text,
    pub disclaimer: Text,
    pub sources: Vec<Source>,
    pub sections: Vec<Section>,
    pub questions: Vec<Question>,
    /// Yes/no questions shown together on one screen.
    pub checklists: Vec<Checklist>,
    pub scores: Vec<Score>,
    pub red_flags: Vec<RedFlag>,
    pub causes: Vec<Cause>,
    pub soft_tissue_areas: Vec<Named>,
    pub rehab_components: Vec<Named>,
    pub recommendations: Recommendations,
    pub next_steps: NextSteps,
    /// Facts worked out from the rest, once: a loaded `Rules` is never changed.
    pub(crate) derived: std::sync::OnceLock<super::Derived>,
    /// The linkIds of the rules' FHIR Questionnaire and the type of each item, worked out
    /// once for reading back responses (a batch reads many).
    pub(crate) fhir_items: std::sync::OnceLock<std::collections::HashMap<String, String>>,
}

/// A language that every text of the file is also given in.
#[derive(Debug, Clone, Serialize)]
pub struct Translation {
    pub language: String,
    /// Whether a clinician has checked the translation against the file's own language.
    pub reviewed_by_clinician: bool,
    /// Who wrote it and what is still to check.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub citation: Text,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub id: String,
    pub title: Text,
}

/// An id with a display name: soft-tissue areas and rehab components.
#[derive(Debug, Clone)]
pub struct Named {
    pub id: String,
    pub name: Text,
}

#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    pub section: String,
    pub kind: QuestionKind,
    pub text: Text,
    /// What the question is about, for a report that lists it outside the interview (e.g.
    /// "Risk of a spine infection"), when its text alone does not say ("Do any of these apply?").
    pub topic: Option<Text>,
    pub help: Option<Text>,
    pub ask_if: Option<Condition>,
    /// Whether "not sure" is offered (the default).
    pub not_sure: bool,
}

/// Several yes/no questions asked as one prompt ("Do any of these apply to you?"). Each
/// item is still its own question, answered `true` or `false` (or "not sure"). An item
/// may also be a multiple-choice question with a "none of these" choice: its choices are
/// tick boxes on the same screen, and it is answered with the list ticked (or "none").
#[derive(Debug, Clone)]
pub struct Checklist {
    pub id: String,
    pub text: Text,
    pub help: Option<Text>,
    pub items: Vec<ChecklistItem>,
}

#[derive(Debug, Clone)]
pub struct ChecklistItem {
    pub question: String,
    /// The item's label in the list (the question's own text when absent); for a
    /// multiple-choice item, a heading over its choices (none when absent).
    pub text: Option<Text>,
}

#[derive(Debug, Clone)]
pub enum QuestionKind {
    YesNo,
    SingleChoice(Vec<Choice>),
    MultipleChoice(Vec<Choice>),
    /// `unit` is plural ("weeks"); `unit_one`, when given, is its singular ("week"), for an answer of 1.
    Number {
        min: i64,
        max: i64,
        unit: Option<Text>,
        unit_one: Option<Text>,
    },
    Scale,
}

impl QuestionKind {
    pub fn name(&self) -> &'static str {
        match self {
            QuestionKind::YesNo => "yes_no",
            QuestionKind::SingleChoice(_) => "single_choice",
            QuestionKind::MultipleChoice(_) => "multiple_choice",
            QuestionKind::Number { .. } => "number",
            QuestionKind::Scale => "scale",
        }
    }

    pub fn choices(&self) -> &[Choice] {
        match self {
            QuestionKind::SingleChoice(c) | QuestionKind::MultipleChoice(c) => c,
            _ => &[],
        }
    }

    /// The accepted range of a number or scale question.
    pub fn range(&self) -> Option<(i64, i64)> {
        match self {
            QuestionKind::Number { min, max, .. } => Some((*min, *max)),
            QuestionKind::Scale => Some((0, 10)),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub id: String,
    pub text: Text,
    pub exclusive: bool,
}

#[derive(Debug, Clone)]
pub struct Score {
    pub id: String,
    pub name: Text,
    pub items: Vec<ScoreItem>,
}

#[derive(Debug, Clone)]
pub struct ScoreItem {
    pub when: Condition,
    pub points: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    SelfCare,
    Soon,
    Urgent,
    Emergency,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::SelfCare, Level::Soon, Level::Urgent, Level::Emergency];

    pub fn id(self) -> &'static str {
        match self {
            Level::SelfCare => "self_care",
            Level::Soon => "soon",
            Level::Urgent => "urgent",
            Level::Emergency => "emergency",
        }
    }

    pub fn from_id(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.id() == s)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[derive(Debug, Clone)]
pub struct RedFlag {
    pub id: String,
    pub level: Level,
    pub name: Text,
    pub when: Condition,
    pub message: Text,
    pub source: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Cause {
    pub id: String,
    pub name: Text,
    pub explanation: Text,
    pub source: Vec<String>,
    pub evidence: Vec<Evidence>,
    pub art_targets: Vec<String>,
    pub rehab_focus: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Evidence {
    pub when: Condition,
    pub weight: i64,
    pub because: Text,
}

#[derive(Debug, Clone)]
pub struct Recommendations {
    pub art: Recommendation,
    pub rehab: Recommendation,
}

#[derive(Debug, Clone)]
pub struct Recommendation {
    pub name: Text,
    pub about: Text,
    pub source: Vec<String>,
    pub not_at_or_above: Level,
    pub not_at_or_above_because: Text,
    pub fits_if: Vec<Reason>,
    pub not_if: Vec<Reason>,
}

#[derive(Debug, Clone)]
pub struct Reason {
    pub when: Condition,
    pub because: Text,
    pub source: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct NextSteps {
    pub emergency: Vec<Text>,
    pub urgent: Vec<Text>,
    pub soon: Vec<Text>,
    pub self_care: Vec<Text>,
}

impl NextSteps {
    pub fn for_level(&self, level: Level) -> &[Text] {
        match level {
            Level::Emergency => &self.emergency,
            Level::Urgent => &self.urgent,
            Level::Soon => &self.soon,
            Level::SelfCare => &self.self_care,
        }
    }
}

impl Rules {
    /// A text in the language shown (see [`Rules::show_in`]).
    pub fn t<'a>(&self, text: &'a Text) -> &'a str {
        text.get(&self.shown, &self.language)
    }

    /// Every language the file's texts are in: its own first, then its translations.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.language.as_str()).chain(self.translations.iter().map(|t| t.language.as_str()))
    }

    /// Shows texts in `lang` from now on when the file has it; `false` (and texts in the
    /// file's own language) when it does not.
    pub fn show_in(&mut self, lang: crate::i18n::Lang) -> bool {
        let has = self.languages().any(|l| l == lang.code());
        self.shown = if has { lang.code() } else { self.language.as_str() }.to_string();
        has
    }

    /// The language texts are shown in, which the program's own messages follow too.
    pub fn lang(&self) -> crate::i18n::Lang {
        crate::i18n::Lang::from_code(&self.shown).unwrap_or_default()
    }

    pub fn question_index(&self, id: &str) -> Option<usize> {
        self.derived().index.get(id).copied()
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.derived().index.get(id).map(|&i| &self.questions[i])
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }
}
