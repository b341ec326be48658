//! A compact bar chart of cause scores for the terminal.

use crate::engine::{Outcome, RankedCause};
use crate::sanitize::for_terminal as clean;
use colored::Colorize;
use std::io::{self, Write};

const BAR: usize = 24;

/// The chart for a result: none at `urgent` and `emergency`, where the causes are not the
/// explanation of the pain but other patterns for the clinician (the text result lists them).
pub fn write(out: &mut impl Write, outcome: &Outcome) -> io::Result<()> {
    if outcome.serious_cause_first.is_some() {
        return Ok(());
    }
    bars(out, &outcome.causes)
}

fn bars(out: &mut impl Write, causes: &[RankedCause]) -> io::Result<()> {
    if causes.is_empty() {
        return Ok(());
    }
    writeln!(out, "{}", "Cause scores".bold().underline())?;
    let max = causes.iter().map(|c| c.score).max().unwrap_or(1).max(1);
    let label = causes.iter().map(|c| clean(&c.name).chars().count()).max().unwrap_or(0).min(40);
    for c in causes {
        let name: String = clean(&c.name).chars().take(label).collect();
        let len = ((c.score.max(0) as usize) * BAR).div_ceil(max as usize).max(1);
        writeln!(out, "  {name:<label$}  {} {}", "\u{2588}".repeat(len).cyan(), c.score)?;
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cause(name: &str, score: i64) -> RankedCause {
        RankedCause {
            id: name.into(),
            name: name.into(),
            score,
            explanation: String::new(),
            evidence: vec![],
        }
    }

    #[test]
    fn bars_are_scaled_to_the_highest_score() {
        colored::control::set_override(false);
        let mut out = Vec::new();
        bars(&mut out, &[cause("Sitting", 8), cause("Lifting", 2)]).expect("write");
        let text = String::from_utf8(out).expect("utf-8");
        let bars: Vec<usize> = text.lines().skip(1).take(2).map(|l| l.matches('\u{2588}').count()).collect();
        assert_eq!(bars, [24, 6], "{text}");
        assert!(text.contains("Sitting  ") && text.contains(" 8"));
    }

    #[test]
    fn no_causes_draw_nothing() {
        let mut out = Vec::new();
        bars(&mut out, &[]).expect("write");
        assert!(out.is_empty());
    }
}
