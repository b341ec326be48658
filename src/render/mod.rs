//! Rendering an outcome, one module per output format, each into `impl Write`.

pub mod chart;
pub mod html;
pub mod json;
pub mod markdown;
pub mod report;
pub mod text;
pub mod wrap;

use crate::rules::Level;

/// What a person is told a level means, in one line.
pub fn level_headline(level: Level) -> &'static str {
    match level {
        Level::Emergency => "EMERGENCY: get emergency care now",
        Level::Urgent => "URGENT: see a clinician within 24-48 hours",
        Level::Soon => "SOON: book a visit with a clinician",
        Level::SelfCare => "SELF-CARE: no red flags found in your answers",
    }
}
