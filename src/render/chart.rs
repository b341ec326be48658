//! A compact bar chart of cause scores for the terminal.

use super::outcome_lang;
use crate::engine::{Outcome, RankedCause};
use crate::i18n::Lang;
use crate::render::wrap::wrap;
use crate::sanitize::for_terminal as clean;
use crate::tr;
use colored::Colorize;
use std::io::{self, Write};

const BAR: usize = 24;

/// The chart for a result: none at `urgent` and `emergency`, where the causes are not the
/// explanation of the pain but other patterns for the clinician (the text result lists them).
/// Within `width` columns when given: a name too long for its column goes on lines of its own
/// above its bar, and bars shrink to a third of the width.
pub fn write(out: &mut impl Write, outcome: &Outcome, width: Option<usize>) -> io::Result<()> {
    if outcome.serious_cause_first.is_some() {
        return Ok(());
    }
    bars(out, &outcome.causes, outcome_lang(outcome), width)
}

fn bars(out: &mut impl Write, causes: &[RankedCause], lang: Lang, width: Option<usize>) -> io::Result<()> {
    if causes.is_empty() {
        return Ok(());
    }
    for line in wrap(&tr!(lang, "chart-heading"), width) {
        writeln!(out, "{}", line.bold().underline())?;
    }
    let max = causes.iter().map(|c| c.score).max().unwrap_or(1).max(1);
    let bar = width.map_or(BAR, |w| BAR.min(w / 3)).max(1);
    let score_width = causes.iter().map(|c| c.score.to_string().len()).max().unwrap_or(1);
    // Two spaces before, two between, one before the score.
    let room = width.map_or(40, |w| w.saturating_sub(2 + 2 + bar + 1 + score_width).min(40));
    let label = causes.iter().map(|c| clean(&c.name).chars().count()).max().unwrap_or(0).min(room);
    for c in causes {
        let len = ((c.score.max(0) as usize) * bar).div_ceil(max as usize).max(1);
        let mut name = wrap(&clean(&c.name), Some(label.max(10)));
        // The last line of the name sits beside the bar; any before it go above.
        let last = name.pop().unwrap_or_default();
        for l in name {
            writeln!(out, "  {l}")?;
        }
        let last: String = last.chars().take(label.max(10)).collect();
        writeln!(out, "  {last:<label$}  {} {}", "\u{2588}".repeat(len).cyan(), c.score)?;
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
        bars(&mut out, &[cause("Sitting", 8), cause("Lifting", 2)], Lang::En, None).expect("write");
        let text = String::from_utf8(out).expect("utf-8");
        let bars: Vec<usize> = text.lines().skip(1).take(2).map(|l| l.matches('\u{2588}').count()).collect();
        assert_eq!(bars, [24, 6], "{text}");
        assert!(text.contains("Sitting  ") && text.contains(" 8"));
    }

    #[test]
    fn no_causes_draw_nothing() {
        let mut out = Vec::new();
        bars(&mut out, &[], Lang::En, None).expect("write");
        assert!(out.is_empty());
    }
}
