//! The outcome as text for a person: triage first and unmissable, then causes with
//! their reasons, ART and rehab, next steps and the disclaimer.
//!
//! Colour comes from `colored`, whose global switch the caller sets once. Every
//! string from a rules or answers file goes through `sanitize` first.

use super::wrap::hanging;
use super::{outcome_lang, triage_headline};
use crate::engine::{Fit, Outcome, SeriousCauseFirst};
use crate::i18n::Lang;
use crate::rules::Level;
use crate::sanitize::for_terminal as clean;
use crate::tr;
use colored::{ColoredString, Colorize};
use std::io::{self, Write};

/// Writes the result, in the language of the outcome's texts; `width` wraps long lines
/// (a terminal's width), `None` does not.
pub fn write(out: &mut impl Write, outcome: &Outcome, width: Option<usize>) -> io::Result<()> {
    let lang = outcome_lang(outcome);
    let w = Wrapper { width, lang };
    let rules = &outcome.rules;
    w.para(out, "", &rules.title, |s| s.bold())?;
    let id = clean(&rules.id);
    let version = clean(&rules.version);
    w.para(out, "", &tr!(lang, "result-rules", id = &*id, version = &*version), |s| s.dimmed())?;
    writeln!(out)?;
    triage(out, outcome, &w)?;
    causes(out, outcome, &w)?;
    let art_list = outcome.art.targets.as_deref().unwrap_or_default();
    fit(out, &outcome.art, art_list, &tr!(lang, "fit-areas-to-work-on"), &w)?;
    let rehab_list = outcome.rehab.focus.as_deref().unwrap_or_default();
    fit(out, &outcome.rehab, rehab_list, &tr!(lang, "fit-focus-on"), &w)?;
    w.heading(out, &tr!(lang, "result-heading-next-steps"))?;
    for step in &outcome.next_steps {
        w.para(out, "  - ", step, |s| s.normal())?;
    }
    writeln!(out)?;
    w.para(out, &format!("{} ", tr!(lang, "result-disclaimer")), &outcome.disclaimer, |s| s.normal())?;
    Ok(())
}

/// [`write`], first naming the patient ("Patient: ...") and the answers file when a
/// label is given (`--patient`), so that a printed result says whose it is.
pub fn write_labelled(
    out: &mut impl Write,
    outcome: &Outcome,
    width: Option<usize>,
    patient: Option<&str>,
    file_name: Option<&str>,
) -> io::Result<()> {
    if let Some(patient) = patient.map(str::trim).filter(|p| !p.is_empty()) {
        let lang = outcome_lang(outcome);
        let w = Wrapper { width, lang };
        w.para(out, &format!("{}: ", tr!(lang, "report-label-patient")), patient, |s| s.bold())?;
        if let Some(file) = file_name {
            let first = format!("{}: ", tr!(lang, "report-label-answers-file"));
            w.para(out, &first, file, |s| s.normal())?;
        }
        writeln!(out)?;
    }
    write(out, outcome, width)
}

/// A short block to print last, so that the level and what to do stay on screen when a
/// long result has scrolled by: a dozen lines at most on an 80-column terminal.
pub fn summary(out: &mut impl Write, outcome: &Outcome, width: Option<usize>) -> io::Result<()> {
    let lang = outcome_lang(outcome);
    let w = Wrapper { width, lang };
    let triage = &outcome.triage;
    writeln!(out, "{}", "\u{2500}".repeat(width.unwrap_or(60).clamp(20, 60)).dimmed())?;
    let headline = tr!(lang, "summary-your-result", headline = triage_headline(triage, lang));
    w.banner(out, triage.level, &headline)?;
    if let Some(step) = outcome.next_steps.first() {
        w.para(out, &label(tr!(lang, "summary-what-to-do")), step, |s| s.bold())?;
    }
    // At most three names, so the block stays short.
    let names =
        |all: &[&str]| all.iter().take(3).map(|n| clean(n).into_owned()).collect::<Vec<_>>().join("; ");
    // For red flags, the count says if there are more.
    let flags = |all: Vec<&str>| match all.len() {
        n if n > 3 => tr!(lang, "summary-and-more", list = names(&all), n = n - 3),
        _ => names(&all),
    };
    if !triage.red_flags.is_empty() {
        let flags = flags(triage.red_flags.iter().map(|f| f.name.as_str()).collect());
        w.para(out, &label(tr!(lang, "summary-because-of")), &flags, |s| s.normal())?;
    }
    if !triage.open.is_empty() {
        let flags = flags(triage.open.iter().map(|f| f.name.as_str()).collect());
        let line = tr!(lang, "summary-not-sure-about", flags = flags);
        w.para(out, &label(tr!(lang, "summary-still-open")), &line, |s| s.yellow())?;
    }
    if let Some(first) = &outcome.serious_cause_first {
        // No cause named here: they are not the explanation while a serious one is possible.
        w.para(out, "", &format!("{}.", first.title), |s| s.bold())?;
    } else if !outcome.causes.is_empty() {
        let causes: Vec<&str> = outcome.causes.iter().map(|c| c.name.as_str()).collect();
        let causes = names(&causes);
        w.para(out, &label(tr!(lang, "summary-points-to")), &causes, |s| s.normal())?;
    }
    let verdict = |f: &Fit| verdict(f, lang);
    let fits = format!(
        "{}: {}; {}: {}",
        clean(&outcome.art.name),
        verdict(&outcome.art),
        clean(&outcome.rehab.name),
        verdict(&outcome.rehab)
    );
    w.para(out, "", &fits, |s| s.normal())?;
    w.para(out, "", &tr!(lang, "summary-full-result-above"), |s| s.dimmed())?;
    Ok(())
}

/// "may fit" or "not suggested now".
fn verdict(fit: &Fit, lang: Lang) -> String {
    if fit.may_fit { tr!(lang, "fit-may-fit") } else { tr!(lang, "fit-not-suggested") }
}

/// A piece of a line and its style.
type Part<'a> = (&'a str, &'a dyn Fn(&str) -> ColoredString);

struct Wrapper {
    width: Option<usize>,
    lang: Lang,
}

/// A label to start a paragraph with: "What to do: ".
fn label(text: String) -> String {
    format!("{text} ")
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

    /// A line made of differently styled parts, as it is when it fits the width; wrapped
    /// (all in `fallback`'s style) when it does not, so no line is wider than the screen.
    fn parts(
        &self,
        out: &mut impl Write,
        parts: &[Part<'_>],
        indent: &str,
        fallback: impl Fn(&str) -> ColoredString,
    ) -> io::Result<()> {
        let plain: String = parts.iter().map(|(t, _)| clean(t)).collect::<Vec<_>>().concat();
        if self.width.is_none_or(|w| console::measure_text_width(&plain) <= w) {
            let styled: String = parts.iter().map(|(t, style)| style(&clean(t)).to_string()).collect();
            return writeln!(out, "{styled}");
        }
        let body = plain.strip_prefix(indent).unwrap_or(&plain);
        self.para(out, indent, body, fallback)
    }

    /// The level's banner: ` headline ` on its colour, wrapped to the width line by line.
    fn banner(&self, out: &mut impl Write, level: Level, headline: &str) -> io::Result<()> {
        for line in super::wrap::wrap(&clean(headline), self.width.map(|w| w.saturating_sub(2))) {
            writeln!(out, "{}", paint(level, &format!(" {line} ")))?;
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

impl Wrapper {
    fn heading(&self, out: &mut impl Write, title: &str) -> io::Result<()> {
        self.para(out, "", title, |s| s.bold().underline())
    }
}

/// A level as a tag before a red flag: "EMERGENCY".
fn level_tag(level: Level, lang: Lang) -> String {
    match level {
        Level::Emergency => tr!(lang, "level-tag-emergency"),
        Level::Urgent => tr!(lang, "level-tag-urgent"),
        Level::Soon => tr!(lang, "level-tag-soon"),
        Level::SelfCare => tr!(lang, "level-tag-self-care"),
    }
}

fn triage(out: &mut impl Write, outcome: &Outcome, w: &Wrapper) -> io::Result<()> {
    let lang = w.lang;
    let triage = &outcome.triage;
    w.banner(out, triage.level, &triage_headline(triage, lang))?;
    writeln!(out)?;
    let source = |ids: &[String]| tr!(lang, "result-source", sources = ids.join(", "));
    for flag in &triage.red_flags {
        let tag = format!("[{}]", level_tag(flag.level, lang));
        let painted = |s: &str| paint(flag.level, s);
        w.parts(
            out,
            &[("  ", &|s| s.normal()), (&tag, &painted), (" ", &|s| s.normal()), (&flag.name, &|s| s.bold())],
            "  ",
            |s| s.bold(),
        )?;
        w.para(out, "    ", &flag.message, |s| s.normal())?;
        for a in &flag.triggered_by {
            let line = tr!(
                lang,
                "result-because-you-answered",
                question = a.text.as_str(),
                answer = a.answer_text.as_str()
            );
            w.para(out, "    ", &line, |s| s.dimmed())?;
        }
        w.para(out, "    ", &source(&flag.source), |s| s.dimmed())?;
        writeln!(out)?;
    }
    for flag in &triage.open {
        let tag = format!("[{}]", tr!(lang, "level-open", level = level_tag(flag.level, lang)));
        let painted = |s: &str| paint(flag.level, s);
        w.parts(
            out,
            &[("  ", &|s| s.normal()), (&tag, &painted), (" ", &|s| s.normal()), (&flag.name, &|s| s.bold())],
            "  ",
            |s| s.bold(),
        )?;
        for a in &flag.not_sure_about {
            let line = tr!(lang, "result-not-sure-about", question = a.text.as_str());
            w.para(out, "    ", &line, |s| s.dimmed())?;
        }
        let applies = format!("    {} ", tr!(lang, "result-if-this-applies"));
        w.para(out, &applies, &flag.message, |s| s.normal())?;
        w.para(out, "    ", &source(&flag.source), |s| s.dimmed())?;
        writeln!(out)?;
    }
    if triage.level == Level::Emergency && triage.not_screened.len() > 3 {
        // After an emergency stop the rest was never asked; the list would bury the message.
        let n = triage.not_screened.len();
        w.para(out, "  ", &tr!(lang, "result-not-asked", n = n), |s| s.yellow())?;
        writeln!(out)?;
    } else if !triage.not_screened.is_empty() {
        w.para(out, "  ", &tr!(lang, "result-not-screened"), |s| s.yellow().bold())?;
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
    let lang = w.lang;
    w.heading(out, &tr!(lang, "result-heading-causes"))?;
    if outcome.causes.is_empty() {
        w.para(out, "  ", &tr!(lang, "result-no-cause"), |s| s.normal())?;
    }
    for (i, cause) in outcome.causes.iter().enumerate() {
        let number = format!("  {}. ", i + 1);
        let score = format!(" {}", tr!(lang, "result-score", score = cause.score.to_string()));
        w.parts(
            out,
            &[(&number, &|s| s.normal()), (&cause.name, &|s| s.bold()), (&score, &|s| s.dimmed())],
            &number,
            |s| s.bold(),
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
    w.heading(out, &first.title)?;
    w.para(out, "  ", &first.message, |s| s.normal())?;
    if !outcome.causes.is_empty() {
        writeln!(out)?;
        w.para(out, "  ", &first.causes_heading, |s| s.bold())?;
        for cause in &outcome.causes {
            let line = tr!(
                w.lang,
                "result-cause-with-score",
                name = cause.name.as_str(),
                score = cause.score.to_string()
            );
            w.para(out, "  - ", &line, |s| s.normal())?;
            for because in &cause.evidence {
                w.para(out, "      ", because, |s| s.dimmed())?;
            }
        }
    }
    writeln!(out)
}

fn fit(out: &mut impl Write, fit: &Fit, list: &[String], list_label: &str, w: &Wrapper) -> io::Result<()> {
    let said = format!(" {}", verdict(fit, w.lang));
    let verdict_style = |s: &str| if fit.may_fit { s.green().bold() } else { s.yellow().bold() };
    w.parts(out, &[(&fit.name, &|s| s.bold().underline()), (&said, &verdict_style)], "", |s| s.bold())?;
    w.para(out, "  ", &fit.about, |s| s.normal())?;
    for r in &fit.reasons {
        w.para(out, "  + ", r, |s| s.green())?;
    }
    for r in &fit.reasons_against {
        w.para(out, "  - ", r, |s| s.red())?;
    }
    if fit.reasons.is_empty() && fit.reasons_against.is_empty() {
        w.para(out, "  - ", &tr!(w.lang, "result-fit-nothing"), |s| s.normal())?;
    }
    if !list.is_empty() {
        w.para(out, &format!("  {list_label}: "), &list.join(", "), |s| s.normal())?;
    }
    writeln!(out)
}
