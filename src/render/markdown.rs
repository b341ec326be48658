//! The clinician report as GitHub-flavoured markdown.
//!
//! Every string that comes from a rules or answers file goes through [`escape_md`], so
//! a question text cannot open a link, an image, raw HTML, emphasis or a table cell.

use super::report::{FitSummary, KeyFact, Report, ScreenAnswer, level_label};
use crate::sanitize::for_terminal;
use std::io::{self, Write};

pub fn write(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let e = escape_md;
    writeln!(out, "# {}: clinician report", e(&report.title))?;
    writeln!(out)?;
    writeln!(
        out,
        "Answers saved: {} \u{b7} Status: {} \u{b7} Rules: {} {}",
        e(&report.date),
        e(report.status.text()),
        e(&report.rules_id),
        e(&report.rules_version)
    )?;
    writeln!(out)?;

    triage(out, report)?;
    screen(out, report)?;
    key_facts(out, report)?;
    causes(out, report)?;

    writeln!(out, "## ART and rehab")?;
    writeln!(out)?;
    fit(out, &report.art)?;
    fit(out, &report.rehab)?;

    answers(out, report)?;

    writeln!(out, "## Rules, version and date")?;
    writeln!(out)?;
    writeln!(out, "- Rules: {} version {}", e(&report.rules_id), e(&report.rules_version))?;
    writeln!(out, "- Answers saved: {}", e(&report.date))?;
    writeln!(out, "- Status: {}", e(report.status.text()))?;
    writeln!(out)?;

    writeln!(out, "## Disclaimer")?;
    writeln!(out)?;
    writeln!(out, "{}", e(&report.disclaimer))?;
    Ok(())
}

fn triage(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let e = escape_md;
    let triage = &report.triage;
    writeln!(out, "## Triage")?;
    writeln!(out)?;
    writeln!(out, "**{}** (triage level: {})", triage.headline, level_label(triage.level))?;
    writeln!(out)?;
    if triage.red_flags.is_empty() && triage.open.is_empty() {
        writeln!(out, "No red flag fired.")?;
        writeln!(out)?;
        return Ok(());
    }
    if !triage.red_flags.is_empty() {
        writeln!(out, "Red flags that fired:")?;
        writeln!(out)?;
    }
    for flag in &triage.red_flags {
        writeln!(out, "- **{}: {}**  ", level_label(flag.level), e(&flag.name))?;
        writeln!(out, "  {}  ", e(&flag.message))?;
        if !flag.triggered_by.is_empty() {
            let why: Vec<String> =
                flag.triggered_by.iter().map(|(q, a)| format!("{} \u{2192} **{}**", e(q), e(a))).collect();
            writeln!(out, "  Triggered by: {}  ", why.join("; "))?;
        }
        let ids: Vec<String> = flag.sources.iter().map(|s| e(&s.id)).collect();
        writeln!(out, "  Sources: {}", ids.join(", "))?;
    }
    if !triage.open.is_empty() {
        writeln!(out)?;
        writeln!(out, "Red flags left open by a \"not sure\" answer (if the symptom is there):")?;
        writeln!(out)?;
        for flag in &triage.open {
            writeln!(out, "- **{}?: {}**  ", level_label(flag.level), e(&flag.name))?;
            writeln!(out, "  If it applies: {}  ", e(&flag.message))?;
            let why: Vec<String> = flag.triggered_by.iter().map(|(q, _)| e(q)).collect();
            writeln!(out, "  Not sure: {}", why.join("; "))?;
        }
    }
    writeln!(out)?;
    writeln!(out, "Sources cited:")?;
    writeln!(out)?;
    for source in report.cited_sources() {
        writeln!(out, "- {}: {}", e(&source.id), e(&source.text))?;
    }
    writeln!(out)
}

fn screen(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let e = escape_md;
    writeln!(out, "## Red-flag screen")?;
    writeln!(out)?;
    if report.red_flag_screen.is_empty() {
        writeln!(out, "These rules have no red-flag questions.")?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "| Question | Answer |")?;
    writeln!(out, "|---|---|")?;
    for row in &report.red_flag_screen {
        let answer = match &row.answer {
            ScreenAnswer::NotAsked if row.not_screened => "_not asked (not screened)_".to_string(),
            ScreenAnswer::NotAsked => "_not asked_".to_string(),
            a if row.flagged => format!("**{}** (red flag)", e(a.text())),
            a => e(a.text()),
        };
        writeln!(out, "| {} | {} |", e(&row.question), answer)?;
    }
    writeln!(out)
}

fn key_facts(out: &mut impl Write, report: &Report) -> io::Result<()> {
    if report.duration.is_none() && report.pain.is_none() {
        return Ok(());
    }
    writeln!(out, "## Pain and duration")?;
    writeln!(out)?;
    let line = |out: &mut dyn Write, label: &str, fact: &Option<KeyFact>| -> io::Result<()> {
        if let Some(f) = fact {
            let answer = f.answer.as_deref().map_or_else(|| "_not asked_".to_string(), escape_md);
            writeln!(out, "- {label}: **{answer}** ({})", escape_md(&f.question))?;
        }
        Ok(())
    };
    line(out, "Pain now", &report.pain)?;
    line(out, "Duration", &report.duration)?;
    writeln!(out)
}

fn causes(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let e = escape_md;
    // At urgent and emergency no cause is the explanation: say so, and head the list so.
    if let Some(first) = &report.serious_cause_first {
        writeln!(out, "## {}", e(&first.causes_heading))?;
        writeln!(out)?;
        writeln!(out, "**{}.** {}", e(&first.title), e(&first.message))?;
        writeln!(out)?;
        if report.causes.is_empty() {
            writeln!(out, "No other pattern stands out from the answers.")?;
            writeln!(out)?;
            return Ok(());
        }
    } else {
        writeln!(out, "## Likely causes")?;
        writeln!(out)?;
        if report.causes.is_empty() {
            writeln!(out, "No particular cause stands out from the answers.")?;
            writeln!(out)?;
            return Ok(());
        }
    }
    writeln!(out, "| # | Cause | Score | Evidence |")?;
    writeln!(out, "|---|---|---|---|")?;
    for (i, c) in report.causes.iter().enumerate() {
        let evidence: Vec<String> = c.evidence.iter().map(|s| e(s)).collect();
        writeln!(
            out,
            "| {} | {} | {} of {} | {} |",
            i + 1,
            e(&c.name),
            c.score,
            c.max_score,
            evidence.join("<br>")
        )?;
    }
    writeln!(out)
}

fn fit(out: &mut impl Write, fit: &FitSummary) -> io::Result<()> {
    let e = escape_md;
    let verdict = if fit.may_fit { "may fit" } else { "not suggested now" };
    writeln!(out, "### {}: {}", e(&fit.name), verdict)?;
    writeln!(out)?;
    for r in &fit.reasons_for {
        writeln!(out, "- For: {}", e(r))?;
    }
    for r in &fit.reasons_against {
        writeln!(out, "- Against: {}", e(r))?;
    }
    if fit.reasons_for.is_empty() && fit.reasons_against.is_empty() {
        writeln!(out, "- Nothing in the answers points to it.")?;
    }
    if !fit.list.is_empty() {
        let items: Vec<String> = fit.list.iter().map(|s| e(s)).collect();
        writeln!(out, "- {}: {}", fit.list_label, items.join(", "))?;
    }
    writeln!(out)
}

fn answers(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let e = escape_md;
    writeln!(out, "## All answers")?;
    writeln!(out)?;
    if report.answers.is_empty() {
        writeln!(out, "No answers were given.")?;
        writeln!(out)?;
        return Ok(());
    }
    let mut shown_in_screen = false;
    for group in &report.answers {
        let rows: Vec<_> = group.rows.iter().filter(|r| !r.in_red_flag_screen).collect();
        if rows.len() < group.rows.len() {
            shown_in_screen = true;
        }
        if rows.is_empty() {
            continue;
        }
        writeln!(out, "### {}", e(&group.title))?;
        writeln!(out)?;
        writeln!(out, "| Question | Answer |")?;
        writeln!(out, "|---|---|")?;
        for row in rows {
            writeln!(out, "| {} | {} |", e(&row.question), e(&row.answer))?;
        }
        writeln!(out)?;
    }
    if shown_in_screen {
        writeln!(out, "Answers to the red-flag questions are in the red-flag screen above.")?;
        writeln!(out)?;
    }
    Ok(())
}

/// Text from a file as literal markdown: the characters that could start markup
/// (`\`, `|`, `*`, `_`, backtick, `<`, `>`, `[`, `]`, `&`, `~`, `#`) get a backslash,
/// as does a `-`, `+` or `=` or a list number's `.`/`)` at the start; line breaks,
/// tabs and other control characters become spaces, so a value stays in its cell.
pub fn escape_md(s: &str) -> String {
    let clean = for_terminal(s);
    let chars: Vec<char> = clean.chars().collect();
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    // A list marker needs a space (or the end of the line) after it.
    let marker_end = |i: usize| chars.get(i + 1).is_none_or(|c| c.is_whitespace());
    let mut out = String::with_capacity(clean.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '<' | '>' | '[' | ']' | '&' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if digits > 0 && i == digits && marker_end(i) => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\u{FFFD}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape_md;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(escape_md("a|b"), "a\\|b");
        assert_eq!(escape_md("*bold* _it_ `code`"), "\\*bold\\* \\_it\\_ \\`code\\`");
        assert_eq!(escape_md("<script>"), "\\<script\\>");
        assert_eq!(escape_md("[x](http://e)"), "\\[x\\](http://e)");
        assert_eq!(escape_md("a\\b & ~c~ #d"), "a\\\\b \\& \\~c\\~ \\#d");
    }

    #[test]
    fn line_starts_that_would_make_a_list_or_heading_are_escaped() {
        assert_eq!(escape_md("- item"), "\\- item");
        assert_eq!(escape_md("12. item"), "12\\. item");
        assert_eq!(escape_md("3) item"), "3\\) item");
        assert_eq!(escape_md("1.0.0"), "1.0.0");
        assert_eq!(escape_md("24-48 hours, 2.5 kg"), "24-48 hours, 2.5 kg");
    }

    #[test]
    fn line_breaks_and_control_characters_become_spaces() {
        assert_eq!(escape_md("a\nb\r\nc"), "a b  c");
        assert_eq!(escape_md("x\u{1b}[2Jy"), "x \\[2Jy");
    }

    #[test]
    fn ordinary_text_is_unchanged() {
        assert_eq!(escape_md("Pain 4/10, 3 weeks; ¿dolor?"), "Pain 4/10, 3 weeks; ¿dolor?");
    }
}
