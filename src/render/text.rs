//! The outcome as text for a person: triage first and unmissable, then causes with
//! their reasons, ART and rehab, next steps and the disclaimer.
//!
//! Colour comes from `colored`, whose global switch the caller sets once. Every
//! string from a rules or answers file goes through `sanitize` first.

use super::level_headline;
use crate::engine::{Fit, Outcome};
use crate::rules::Level;
use crate::sanitize::for_terminal as clean;
use colored::{ColoredString, Colorize};
use std::io::{self, Write};

pub fn write(out: &mut impl Write, outcome: &Outcome) -> io::Result<()> {
    let rules = &outcome.rules;
    writeln!(out, "{}", clean(&rules.title).bold())?;
    writeln!(out, "{}", format!("rules {} {}", clean(&rules.id), clean(&rules.version)).dimmed())?;
    writeln!(out)?;
    triage(out, outcome)?;
    causes(out, outcome)?;
    fit(out, &outcome.art, outcome.art.targets.as_deref().unwrap_or_default(), "Areas to work on")?;
    fit(out, &outcome.rehab, outcome.rehab.focus.as_deref().unwrap_or_default(), "Focus on")?;
    heading(out, "Next steps")?;
    for step in &outcome.next_steps {
        writeln!(out, "  - {}", clean(step))?;
    }
    writeln!(out)?;
    writeln!(out, "{} {}", "Disclaimer:".bold(), clean(&outcome.disclaimer))?;
    Ok(())
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

fn triage(out: &mut impl Write, outcome: &Outcome) -> io::Result<()> {
    let triage = &outcome.triage;
    let banner = format!(" {} ", level_headline(triage.level));
    writeln!(out, "{}", paint(triage.level, &banner))?;
    writeln!(out)?;
    for flag in &triage.red_flags {
        writeln!(
            out,
            "  {} {}",
            paint(flag.level, &format!("[{}]", flag.level.id().to_uppercase())),
            clean(&flag.name).bold()
        )?;
        writeln!(out, "    {}", clean(&flag.message))?;
        for a in &flag.triggered_by {
            writeln!(
                out,
                "    {} {} {}",
                "because you answered".dimmed(),
                clean(&a.text),
                format!("-> {}", clean(&a.answer_text)).bold()
            )?;
        }
        writeln!(out, "    {}", format!("Source: {}", flag.source.join(", ")).dimmed())?;
        writeln!(out)?;
    }
    if !triage.not_screened.is_empty() {
        writeln!(out, "  {}", "Not screened: these safety questions have no answer:".yellow().bold())?;
        for q in &triage.not_screened {
            writeln!(out, "    - {}", clean(&q.text))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn causes(out: &mut impl Write, outcome: &Outcome) -> io::Result<()> {
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
        writeln!(out, "     {}", clean(&cause.explanation))?;
        for because in &cause.evidence {
            writeln!(out, "     - {}", clean(because))?;
        }
    }
    writeln!(out)
}

fn fit(out: &mut impl Write, fit: &Fit, list: &[String], list_label: &str) -> io::Result<()> {
    let verdict = if fit.may_fit { "may fit".green().bold() } else { "not suggested now".yellow().bold() };
    writeln!(out, "{} {}", clean(&fit.name).bold().underline(), verdict)?;
    writeln!(out, "  {}", clean(&fit.about))?;
    for r in &fit.reasons {
        writeln!(out, "  {} {}", "+".green(), clean(r))?;
    }
    for r in &fit.reasons_against {
        writeln!(out, "  {} {}", "-".red(), clean(r))?;
    }
    if fit.reasons.is_empty() && fit.reasons_against.is_empty() {
        writeln!(out, "  - Nothing in your answers points to it.")?;
    }
    if !list.is_empty() {
        let items: Vec<_> = list.iter().map(|s| clean(s).into_owned()).collect();
        writeln!(out, "  {}: {}", list_label, items.join(", "))?;
    }
    writeln!(out)
}
