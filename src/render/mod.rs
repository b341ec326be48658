//! Rendering an outcome, one module per output format, each into `impl Write`.

pub mod chart;
pub mod html;
pub mod json;
pub mod markdown;
pub mod report;
pub mod sources;
pub mod text;
pub mod wrap;

use crate::rules::Level;

/// The headline of a result: the level's, except that "no red flags found" is not said
/// while a "not sure" answer leaves a red flag open.
pub fn triage_headline(triage: &crate::engine::Triage) -> &'static str {
    match triage.level {
        Level::SelfCare if !triage.open.is_empty() => {
            "SELF-CARE: no red flag fired, but some \"not sure\" answers need checking (see below)"
        }
        level => level_headline(level),
    }
}

/// What a person is told a level means, in one line.
pub fn level_headline(level: Level) -> &'static str {
    match level {
        Level::Emergency => "EMERGENCY: get emergency care now",
        Level::Urgent => "URGENT: see a clinician within 24-48 hours",
        Level::Soon => "SOON: book a visit with a clinician",
        Level::SelfCare => "SELF-CARE: no red flags found in your answers",
    }
}
