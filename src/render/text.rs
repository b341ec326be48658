//! The outcome as text for a person: triage first and unmissable, then causes with
//! their reasons, ART and rehab, next steps and the disclaimer.
//!
//! Colour comes from `colored`, whose global switch the caller sets once. Every
//! string from a rules or answers file goes through `sanitize` first.

use super::triage_headline;
use super::wrap::hanging;
use crate::engine::{Fit, Outcome, SeriousCauseFirst};
use crate::rules::Level;
use crate::sanitize::for_terminal as clean;
use colored::{ColoredString, Colorize};
use std::io::{self, Write};

/// Writes the result; `width` wraps long lines (a terminal's width), `None` does not.
pub fn write(out: &mut impl Write, outcome: &Outcome, width: Option<usize>) -> io::Result<()> {
    let w = Wrapper { width };
    let rules = &outcome.rules;
    writeln!(out, "{}", clean(&rules.title).bold())?;
    writeln!(out, "{}", format!("rules {} {}", clean(&rules.id), clean(&rules.version)).dimmed())?;
    writeln!(out)?;
    triage(out, outcome, &w)?;
    causes(out, outcome, &w)?;
    fit(out, &outcome.art, outcome.art.targets.as_deref().unwrap_or_default(), "Areas to work on", &w)?;
    fit(out, &outcome.rehab, outcome.rehab.focus.as_deref().unwrap_or_default(), "Focus on", &w)?;
    heading(out, "Next steps")?;
    for step in &outcome.next_steps {
        w.para(out, "  - ", step, |s| s.normal())?;
    }
    writeln!(out)?;
    w.para(out, "Disclaimer: ", &outcome.disclaimer, |s| s.normal())?;
    Ok(())
}

/// A short block to print last, so that the level and what to do stay on screen when a
/// long result has scrolled by: a dozen lines at most on an 80-column terminal.
pub fn summary(out: &mut impl Write, outcome: &Outcome, width: Option<usize>) -> io::Result<()> {
    let w = Wrapper { width };
    let triage = &outcome.triage;
    writeln!(out, "{}", "\u{2500}".repeat(width.unwrap_or(60).clamp(20, 60)).dimmed())?;
    writeln!(out, "{}", paint(triage.level, &format!(" Your result: {} ", triage_headline(triage))))?;
    if let Some(step) = outcome.next_steps.first() {
        w.para(out, "What to do: ", step, |s| s.bold())?;
    }
    let names =
        |flags: Vec<&str>| flags.into_iter().map(|n| clean(n).into_owned()).collect::<Vec<_>>().join("; ");
    if !triage.red_flags.is_empty() {
        let shown: Vec<&str> = triage.red_flags.iter().take(3).map(|f| f.name.as_str()).collect();
        let more = match triage.red_flags.len() {
            n if n > 3 => format!(" and {} more", n - 3),
            _ => String::new(),
        };
        w.para(out, "Because of: ", &format!("{}{more}", names(shown)), |s| s.normal())?;
    }
    if !triage.open.is_empty() {
        // At most three names, so the block stays short; the count says if there are more.
        let shown: Vec<&str> = triage.open.iter().take(3).map(|f| f.name.as_str()).collect();
        let more = match triage.open.len() {
            n if n > 3 => format!(" and {} more", n - 3),
            _ => String::new(),
        };
        let line = format!(
            "you were not sure about signs of {}{more}; see above what to do if they apply",
            names(shown)
        );
        w.para(out, "Still open: ", &line, |s| s.yellow())?;
    }
    if let Some(first) = &outcome.serious_cause_first {
        // No cause named here: they are not the explanation while a serious one is possible.
        w.para(out, "", &format!("{}.", first.title), |s| s.bold())?;
    } else if !outcome.causes.is_empty() {
        let shown: Vec<&str> = outcome.causes.iter().take(3).map(|c| c.name.as_str()).collect();
        w.para(out, "Points to: ", &names(shown), |s| s.normal())?;
    }
    let verdict = |f: &Fit| if f.may_fit { "may fit" } else { "not suggested now" };
    let fits = format!(
        "{}: {}; {}: {}",
        clean(&outcome.art.name),
        verdict(&outcome.art),
        clean(&outcome.rehab.name),
        verdict(&outcome.rehab)
    );
    w.para(out, "", &fits, |s| s.normal())?;
    w.para(out, "", "The full result, with the reasons, is above.", |s| s.dimmed())?;
    Ok(())
}

struct Wrapper {
    width: Option<usize>,
}

impl Wrapper {
    /// Writes sanitised `text` after `first`, wrapped, each line styled.
    fn para(
        &self,
        out: &mut impl Write,
        first: &str,
        text: &str,
        style: impl Fn(&str) -> ColoredString,
    ) -> io::Result<()> {
        for line in hanging(first, &clean(text), self.width) {
            writeln!(out, "{}", style(&line))?;
        }
        Ok(())
    }
}

fn paint(level: Level, s: &str) -> ColoredString {
    match level {
        Level::Emergency => s.white().on_red().bold(),
        Level::Urgent => s.red().bold(),
        Level::Soon => s.yellow().bold(),
        Level::SelfCare => s.green().bold(),
    }
}

fn heading(out: &mut impl Write, title: &str) -> io::Result<()> {
    writeln!(out, "{}", title.bold().underline())
}

fn triage(out: &mut impl Write, outcome: &Outcome, w: &Wrapper) -> io::Result<()> {
    let triage = &outcome.triage;
    let banner = format!(" {} ", triage_headline(triage));
    writeln!(out, "{}", paint(triage.level, &banner))?;
    writeln!(out)?;
    for flag in &triage.red_flags {
        writeln!(
            out,
            "  {} {}",
            paint(flag.level, &format!("[{}]", flag.level.id().to_uppercase())),
            clean(&flag.name).bold()
        )?;
        w.para(out, "    ", &flag.message, |s| s.normal())?;
        for a in &flag.triggered_by {
            let line = format!("because you answered \"{}\" -> {}", a.text, a.answer_text);
            w.para(out, "    ", &line, |s| s.dimmed())?;
        }
        writeln!(out, "    {}", format!("Source: {}", flag.source.join(", ")).dimmed())?;
        writeln!(out)?;
    }
    for flag in &triage.open {
        writeln!(
            out,
            "  {} {}",
            paint(flag.level, &format!("[{}?]", flag.level.id().to_uppercase())),
            clean(&flag.name).bold()
        )?;
        for a in &flag.not_sure_about {
            let line = format!("you were not sure: \"{}\"", a.text);
            w.para(out, "    ", &line, |s| s.dimmed())?;
        }
        w.para(out, "    If this applies to you: ", &flag.message, |s| s.normal())?;
        writeln!(out, "    {}", format!("Source: {}", flag.source.join(", ")).dimmed())?;
        writeln!(out)?;
    }
    if triage.level == Level::Emergency && triage.not_screened.len() > 3 {
        // After an emergency stop the rest was never asked; the list would bury the message.
        let n = triage.not_screened.len();
        w.para(out, "  ", &format!("{n} other safety questions were not asked."), |s| s.yellow())?;
        writeln!(out)?;
    } else if !triage.not_screened.is_empty() {
        writeln!(out, "  {}", "Not screened: these safety questions have no answer:".yellow().bold())?;
        for q in &triage.not_screened {
            w.para(out, "    - ", &q.text, |s| s.normal())?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn causes(out: &mut impl Write, outcome: &Outcome, w: &Wrapper) -> io::Result<()> {
    if let Some(first) = &outcome.serious_cause_first {
        return clinician_patterns(out, outcome, first, w);
    }
    heading(out, "What your answers point to")?;
    if outcome.causes.is_empty() {
        writeln!(out, "  No particular cause stands out from your answers.")?;
    }
    for (i, cause) in outcome.causes.iter().enumerate() {
        writeln!(
            out,
            "  {}. {} {}",
            i + 1,
            clean(&cause.name).bold(),
            format!("(score {})", cause.score).dimmed()
        )?;
        w.para(out, "     ", &cause.explanation, |s| s.normal())?;
        for because in &cause.evidence {
            w.para(out, "     - ", because, |s| s.normal())?;
        }
    }
    writeln!(out)
}

/// At `urgent` and `emergency`: no cause is offered as the explanation; any are listed,
/// without their explanations, under a heading that says they are for the clinician.
fn clinician_patterns(
    out: &mut impl Write,
    outcome: &Outcome,
    first: &SeriousCauseFirst,
    w: &Wrapper,
) -> io::Result<()> {
    heading(out, &first.title)?;
    w.para(out, "  ", &first.message, |s| s.normal())?;
    if !outcome.causes.is_empty() {
        writeln!(out)?;
        w.para(out, "  ", &first.causes_heading, |s| s.bold())?;
        for cause in &outcome.causes {
            let line = format!("{} (score {})", cause.name, cause.score);
            w.para(out, "  - ", &line, |s| s.normal())?;
            for because in &cause.evidence {
                w.para(out, "      ", because, |s| s.dimmed())?;
            }
        }
    }
    writeln!(out)
}

fn fit(out: &mut impl Write, fit: &Fit, list: &[String], list_label: &str, w: &Wrapper) -> io::Result<()> {
    let verdict = if fit.may_fit { "may fit".green().bold() } else { "not suggested now".yellow().bold() };
    writeln!(out, "{} {}", clean(&fit.name).bold().underline(), verdict)?;
    w.para(out, "  ", &fit.about, |s| s.normal())?;
    for r in &fit.reasons {
        w.para(out, "  + ", r, |s| s.green())?;
    }
    for r in &fit.reasons_against {
        w.para(out, "  - ", r, |s| s.red())?;
    }
    if fit.reasons.is_empty() && fit.reasons_against.is_empty() {
        writeln!(out, "  - Nothing in your answers points to it.")?;
    }
    if !list.is_empty() {
        w.para(out, &format!("  {list_label}: "), &list.join(", "), |s| s.normal())?;
    }
    writeln!(out)
}
