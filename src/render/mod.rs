//! Rendering an outcome, one module per output format, each into `impl Write`.

pub mod chart;
pub mod html;
pub mod json;
pub mod markdown;
pub mod report;
pub mod sources;
pub mod text;
pub mod wrap;

use crate::i18n::Lang;
use crate::rules::Level;
use crate::tr;

/// The headline of a result: the level's, except that "no red flags found" is not said
/// while a "not sure" answer leaves a red flag open.
pub fn triage_headline(triage: &crate::engine::Triage, lang: Lang) -> String {
    match triage.level {
        Level::SelfCare if !triage.open.is_empty() => tr!(lang, "headline-self-care-open"),
        level => level_headline(level, lang),
    }
}

/// What a person is told a level means, in one line.
pub fn level_headline(level: Level, lang: Lang) -> String {
    match level {
        Level::Emergency => tr!(lang, "headline-emergency"),
        Level::Urgent => tr!(lang, "headline-urgent"),
        Level::Soon => tr!(lang, "headline-soon"),
        Level::SelfCare => tr!(lang, "headline-self-care"),
    }
}

/// A level as a short label: "Emergency", "Urgent", "Soon", "Self-care".
pub fn level_label(level: Level, lang: Lang) -> String {
    match level {
        Level::Emergency => tr!(lang, "level-emergency"),
        Level::Urgent => tr!(lang, "level-urgent"),
        Level::Soon => tr!(lang, "level-soon"),
        Level::SelfCare => tr!(lang, "level-self-care"),
    }
}

/// The language an outcome's texts are in, which the words around them follow.
pub fn outcome_lang(outcome: &crate::engine::Outcome) -> Lang {
    Lang::from_code(&outcome.rules.language).unwrap_or_default()
}
