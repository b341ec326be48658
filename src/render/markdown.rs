//! The clinician report as GitHub-flavoured markdown.
//!
//! Every string that comes from a rules or answers file goes through [`escape_md`], so
//! a question text cannot open a link, an image, raw HTML, emphasis or a table cell.

use super::level_label;
use super::report::{FitSummary, KeyFact, Report, ScreenAnswer};
use crate::sanitize::for_terminal;
use crate::tr;
use std::io::{self, Write};

/// Writes the report; its own words are in `report.lang`, as are the texts.
pub fn write(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let e = escape_md;
    let lang = report.lang;
    let status = e(&report.status.text(lang));
    let (saved, rules) = (tr!(lang, "report-label-answers-saved"), tr!(lang, "report-label-rules"));
    writeln!(out, "# {}", tr!(lang, "report-title", title = e(&report.title)))?;
    writeln!(out)?;
    // Who and which file first, so that a stack of printouts can be told apart.
    let mut label = Vec::new();
    if let Some(patient) = &report.patient {
        label.push(format!("**{}: {}**", tr!(lang, "report-label-patient"), e(patient)));
    }
    if let Some(file) = &report.file_name {
        label.push(format!("{}: {}", tr!(lang, "report-label-answers-file"), e(file)));
    }
    if !label.is_empty() {
        writeln!(out, "{}", label.join(" \u{b7} "))?;
        writeln!(out)?;
    }
    let date = match &report.saved {
        Some(at) => format!("{} ({})", e(&at.local), e(&at.utc)),
        None => e(&report.date),
    };
    writeln!(
        out,
        "{saved}: {date} \u{b7} {}: {status} \u{b7} {rules}: {} {}",
        tr!(lang, "report-label-status"),
        e(&report.rules_id),
        e(&report.rules_version)
    )?;
    writeln!(out)?;

    triage(out, report)?;
    screen(out, report)?;
    key_facts(out, report)?;
    causes(out, report)?;

    writeln!(out, "## {}", tr!(lang, "report-heading-treatment"))?;
    writeln!(out)?;
    fit(out, report, &report.art)?;
    fit(out, report, &report.rehab)?;

    answers(out, report)?;

    writeln!(out, "## {}", tr!(lang, "report-heading-record"))?;
    writeln!(out)?;
    let (id, version) = (e(&report.rules_id), e(&report.rules_version));
    writeln!(out, "- {}", tr!(lang, "report-rules-version", id = id, version = version))?;
    writeln!(out, "- {saved}: {date}")?;
    writeln!(out, "- {}: {status}", tr!(lang, "report-label-status"))?;
    writeln!(out)?;

    writeln!(out, "## {}", tr!(lang, "report-heading-disclaimer"))?;
    writeln!(out)?;
    writeln!(out, "{}", e(&report.disclaimer))?;
    Ok(())
}

fn triage(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let e = escape_md;
    let lang = report.lang;
    let triage = &report.triage;
    writeln!(out, "## {}", tr!(lang, "report-heading-triage"))?;
    writeln!(out)?;
    let level = tr!(lang, "report-triage-level-lower", level = level_label(triage.level, lang));
    writeln!(out, "**{}** ({level})", triage.headline)?;
    writeln!(out)?;
    if triage.red_flags.is_empty() && triage.open.is_empty() {
        writeln!(out, "{}", tr!(lang, "report-no-red-flag"))?;
        writeln!(out)?;
        return Ok(());
    }
    if !triage.red_flags.is_empty() {
        writeln!(out, "{}:", tr!(lang, "report-red-flags-fired"))?;
        writeln!(out)?;
    }
    for flag in &triage.red_flags {
        writeln!(out, "- **{}: {}**  ", level_label(flag.level, lang), e(&flag.name))?;
        writeln!(out, "  {}  ", e(&flag.message))?;
        if !flag.triggered_by.is_empty() {
            let why: Vec<String> =
                flag.triggered_by.iter().map(|(q, a)| format!("{} \u{2192} **{}**", e(q), e(a))).collect();
            writeln!(out, "  {}: {}  ", tr!(lang, "report-triggered-by"), why.join("; "))?;
        }
        let ids: Vec<String> = flag.sources.iter().map(|s| e(&s.id)).collect();
        writeln!(out, "  {}: {}", tr!(lang, "report-sources"), ids.join(", "))?;
    }
    if !triage.open.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}:", tr!(lang, "report-open-flags"))?;
        writeln!(out)?;
        for flag in &triage.open {
            let level = tr!(lang, "level-open", level = level_label(flag.level, lang));
            writeln!(out, "- **{level}: {}**  ", e(&flag.name))?;
            writeln!(out, "  {}: {}  ", tr!(lang, "report-if-it-applies"), e(&flag.message))?;
            let why: Vec<String> = flag.triggered_by.iter().map(|(q, _)| e(q)).collect();
            writeln!(out, "  {}: {}", tr!(lang, "answer-not-sure"), why.join("; "))?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}:", tr!(lang, "report-sources-cited"))?;
    writeln!(out)?;
    for source in report.cited_sources() {
        writeln!(out, "- {}: {}", e(&source.id), e(&source.text))?;
    }
    writeln!(out)
}

/// "| Question | Answer |" and the line under it.
fn table_head(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let lang = report.lang;
    writeln!(out, "| {} | {} |", tr!(lang, "report-column-question"), tr!(lang, "report-column-answer"))?;
    writeln!(out, "|---|---|")
}

fn screen(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let e = escape_md;
    let lang = report.lang;
    writeln!(out, "## {}", tr!(lang, "report-heading-screen"))?;
    writeln!(out)?;
    if report.red_flag_screen.is_empty() {
        writeln!(out, "{}", tr!(lang, "report-no-red-flag-questions"))?;
        writeln!(out)?;
        return Ok(());
    }
    table_head(out, report)?;
    let not_asked = tr!(lang, "report-not-asked");
    for row in &report.red_flag_screen {
        let answer = match &row.answer {
            ScreenAnswer::NotAsked if row.not_screened => {
                format!("_{not_asked} ({})_", tr!(lang, "report-not-screened"))
            }
            ScreenAnswer::NotAsked => format!("_{not_asked}_"),
            // Of several ticked answers, only those that made a flag fire are marked.
            a if row.flagged && !row.flagged_choices.is_empty() => {
                let fired: Vec<String> = row.flagged_choices.iter().map(|c| e(c)).collect();
                format!("{} ({}: **{}**)", e(&a.text(lang)), tr!(lang, "report-red-flag"), fired.join("; "))
            }
            a if row.flagged => format!("**{}** ({})", e(&a.text(lang)), tr!(lang, "report-red-flag")),
            a => e(&a.text(lang)),
        };
        writeln!(out, "| {} | {} |", e(&row.question), answer)?;
    }
    writeln!(out)
}

fn key_facts(out: &mut impl Write, report: &Report) -> io::Result<()> {
    if report.duration.is_none() && report.pain.is_none() {
        return Ok(());
    }
    let lang = report.lang;
    writeln!(out, "## {}", tr!(lang, "report-heading-pain-duration"))?;
    writeln!(out)?;
    let line = |out: &mut dyn Write, label: String, fact: &Option<KeyFact>| -> io::Result<()> {
        if let Some(f) = fact {
            let not_asked = || format!("_{}_", tr!(lang, "report-not-asked"));
            let answer = f.answer.as_deref().map_or_else(not_asked, escape_md);
            writeln!(out, "- {label}: **{answer}** ({})", escape_md(&f.question))?;
        }
        Ok(())
    };
    line(out, tr!(lang, "report-pain-now"), &report.pain)?;
    line(out, tr!(lang, "report-duration"), &report.duration)?;
    writeln!(out)
}

fn causes(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let e = escape_md;
    let lang = report.lang;
    // At urgent and emergency no cause is the explanation: say so, and head the list so.
    if let Some(first) = &report.serious_cause_first {
        writeln!(out, "## {}", e(&first.causes_heading))?;
        writeln!(out)?;
        writeln!(out, "**{}.** {}", e(&first.title), e(&first.message))?;
        writeln!(out)?;
        if report.causes.is_empty() {
            writeln!(out, "{}", tr!(lang, "report-no-other-pattern"))?;
            writeln!(out)?;
            return Ok(());
        }
    } else {
        writeln!(out, "## {}", tr!(lang, "report-heading-causes"))?;
        writeln!(out)?;
        if report.causes.is_empty() {
            writeln!(out, "{}", tr!(lang, "report-no-cause"))?;
            writeln!(out)?;
            return Ok(());
        }
    }
    writeln!(
        out,
        "| # | {} | {} | {} |",
        tr!(lang, "report-column-cause"),
        tr!(lang, "report-column-score"),
        tr!(lang, "report-column-evidence")
    )?;
    writeln!(out, "|---|---|---|---|")?;
    for (i, c) in report.causes.iter().enumerate() {
        let evidence: Vec<String> = c.evidence.iter().map(|s| e(s)).collect();
        let score = tr!(lang, "report-score-of", score = c.score.to_string(), max = c.max_score.to_string());
        writeln!(out, "| {} | {} | {score} | {} |", i + 1, e(&c.name), evidence.join("<br>"))?;
    }
    writeln!(out)
}

fn fit(out: &mut impl Write, report: &Report, fit: &FitSummary) -> io::Result<()> {
    let e = escape_md;
    let lang = report.lang;
    let verdict = if fit.may_fit { tr!(lang, "fit-may-fit") } else { tr!(lang, "fit-not-suggested") };
    writeln!(out, "### {}: {}", e(&fit.name), verdict)?;
    writeln!(out)?;
    for r in &fit.reasons_for {
        writeln!(out, "- {}: {}", tr!(lang, "report-for"), e(r))?;
    }
    for r in &fit.reasons_against {
        writeln!(out, "- {}: {}", tr!(lang, "report-against"), e(r))?;
    }
    if fit.reasons_for.is_empty() && fit.reasons_against.is_empty() {
        writeln!(out, "- {}", tr!(lang, "report-fit-nothing"))?;
    }
    if !fit.list.is_empty() {
        let items: Vec<String> = fit.list.iter().map(|s| e(s)).collect();
        writeln!(out, "- {}: {}", fit.list_label, items.join(", "))?;
    }
    writeln!(out)
}

fn answers(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let e = escape_md;
    let lang = report.lang;
    writeln!(out, "## {}", tr!(lang, "report-heading-answers"))?;
    writeln!(out)?;
    if report.answers.is_empty() {
        writeln!(out, "{}", tr!(lang, "report-no-answers"))?;
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
        table_head(out, report)?;
        for row in rows {
            writeln!(out, "| {} | {} |", e(&row.question), e(&row.answer))?;
        }
        writeln!(out)?;
    }
    if shown_in_screen {
        writeln!(out, "{}", tr!(lang, "report-answers-in-screen"))?;
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
