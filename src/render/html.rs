//! The clinician report as one self-contained HTML5 page: inline CSS only, no
//! script, no external resources, and a print stylesheet for one A4 or Letter page.
//!
//! Every string that comes from a rules or answers file goes through [`escape_html`].
//! Colour always comes with words: the triage banner and badges carry the level as text.

use super::level_label;
use super::report::{FitSummary, KeyFact, Report, ScreenAnswer, ScreenRow};
use crate::i18n::Lang;
use crate::rules::Level;
use crate::sanitize::for_terminal;
use crate::tr;
use std::io::{self, Write};

const STYLE: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { background: #f3f4f6; font-size: 15px; }
body { margin: 0; padding: 1.5rem 1rem; color: #111827; overflow-wrap: break-word; hyphens: auto;
  font: 1rem/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif; }
td, th, .sources, .src, .who { overflow-wrap: anywhere; }
main { max-width: 48rem; margin: 0 auto; background: #fff; padding: 1.5rem 1.75rem; border: 1px solid #d1d5db; border-radius: 6px; }
header { border-bottom: 2px solid #111827; padding-bottom: .4rem; margin-bottom: .8rem;
  display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; gap: 0 1rem; }
h1 { font-size: 1.35rem; margin: 0; line-height: 1.2; }
.sub { margin: .15rem 0 0; color: #374151; font-size: .85rem; }
.who { flex-basis: 100%; margin: .3rem 0 0; font-size: 1.05rem; }
.who .k { color: #4b5563; font-weight: 400; }
.who .blank { display: inline-block; min-width: 16em; border-bottom: 1px solid #111827; }
h2 { font-size: .8rem; text-transform: uppercase; letter-spacing: .06em; color: #1f2937; margin: 1rem 0 .35rem;
  padding-bottom: .15rem; border-bottom: 1px solid #d1d5db; }
h3 { font-size: .95rem; margin: 0 0 .25rem; }
h4 { font-size: .78rem; margin: .5rem 0 .1rem; color: #374151; text-transform: uppercase; letter-spacing: .04em;
  break-after: avoid-column; break-after: avoid; }
p { margin: .25rem 0; }
ul { margin: .2rem 0; padding-left: 1.1rem; }
li { margin: .1rem 0; }
table { width: 100%; border-collapse: collapse; font-size: .85rem; }
th, td { text-align: left; vertical-align: top; padding: .2rem .4rem; border-bottom: 1px solid #e5e7eb; }
thead th { font-size: .72rem; text-transform: uppercase; letter-spacing: .04em; color: #4b5563; border-bottom: 1px solid #9ca3af; }
.banner { padding: .55rem .8rem; border-radius: 4px; font-weight: 700; font-size: 1.05rem; border: 2px solid;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.banner .lvl { display: block; font-size: .72rem; font-weight: 600; text-transform: uppercase; letter-spacing: .06em; }
.level-emergency { background: #b91c1c; color: #fff; border-color: #7f1d1d; }
.level-urgent { background: #c2410c; color: #fff; border-color: #7c2d12; }
.level-soon { background: #fef3c7; color: #78350f; border-color: #b45309; }
.level-self_care { background: #ecfdf5; color: #14532d; border-color: #15803d; }
.badge { display: inline-block; font-size: .68rem; font-weight: 700; text-transform: uppercase; letter-spacing: .04em;
  padding: 0 .35rem; border-radius: 3px; border: 1px solid; vertical-align: 1px;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.flags { list-style: none; padding: 0; margin: .5rem 0 0; }
.flags > li { border-left: 3px solid #9ca3af; padding: .1rem 0 .1rem .6rem; margin: .45rem 0; }
.flags > li.flag-emergency { border-left-color: #b91c1c; }
.flags > li.flag-urgent { border-left-color: #c2410c; }
.flags > li.flag-soon { border-left-color: #b45309; }
.flags .msg { display: block; margin: .25rem 0; }
.why, .src { font-size: .8rem; color: #374151; }
.sources { font-size: .78rem; color: #4b5563; margin: .4rem 0 0; padding-left: 0; list-style: none; }
.sources li { margin: 0; }
.none { color: #374151; }
.first { margin: .1rem 0 .35rem; font-size: .9rem; }
.screens { display: grid; grid-template-columns: minmax(0, 1fr); }
.screen + .screen thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.screen td.ans { width: 30%; }
.screen tr.flagged td { background: #fef2f2; font-weight: 600; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.screen tr.flagged.part td { font-weight: 400; }
.tag { display: inline-block; font-size: .68rem; font-weight: 700; text-transform: uppercase; color: #991b1b; white-space: nowrap; }
.na { color: #4b5563; font-style: italic; }
.gap { color: #92400e; font-weight: 700; font-style: normal; }
.facts { display: flex; gap: 0 1.5rem; flex-wrap: wrap; margin: .2rem 0; font-size: .9rem; }
.facts b { font-size: 1.05rem; }
.causes th[scope=row] { font-weight: 600; width: 30%; }
.causes td.score { width: 9.5rem; white-space: nowrap; }
.causes svg { vertical-align: -1px; margin-right: .35rem; }
.causes ul { margin: 0; padding: 0; list-style: none; font-size: .8rem; }
.causes li { display: inline; margin: 0; }
.causes li + li::before { content: " \2022  "; color: #6b7280; }
.max { color: #4b5563; font-size: .75rem; }
.fits { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: .75rem; }
.fit { border: 1px solid #d1d5db; border-radius: 4px; padding: .45rem .6rem; }
.fit ul { font-size: .8rem; list-style: none; padding-left: 0; }
.fit li { padding-left: 1rem; text-indent: -1rem; }
.verdict { font-weight: 700; font-size: .85rem; margin: 0 0 .2rem; }
.yes { color: #166534; }
.no { color: #9a3412; }
.list { font-size: .8rem; }
.answers { columns: 2; column-gap: 1.25rem; }
.answers section { break-inside: avoid-column; }
.answers table { font-size: .75rem; }
.answers td { padding: .1rem .3rem; }
.answers td + td { width: 38%; font-weight: 600; }
.answers h4:first-child { margin-top: 0; }
.note { font-size: .9em; color: #4b5563; text-transform: none; letter-spacing: 0; font-weight: 400; }
section.inline { display: flex; flex-wrap: wrap; align-items: baseline; gap: .2rem 1rem; margin-top: .8rem;
  border-top: 1px solid #d1d5db; padding-top: .3rem; }
section.inline h2 { margin: 0; padding: 0; border: 0; min-width: 9rem; }
section.inline > :not(h2) { margin: 0; }
section.inline > p.disclaimer { flex: 1 1 20rem; }
.record { display: flex; flex-wrap: wrap; gap: .2rem 1.5rem; margin: 0; font-size: .85rem; }
.record div { display: flex; gap: .35rem; }
.record dt { color: #4b5563; }
.record dd { margin: 0; font-weight: 600; }
.disclaimer { font-size: .8rem; color: #374151; }
/* A phone: the page is the screen's width, and wide rows stack. */
@media screen and (max-width: 34rem) {
  body { padding: 0; }
  main { border: 0; border-radius: 0; padding: 1rem .8rem; }
  .fits { grid-template-columns: minmax(0, 1fr); }
  .causes td.score { width: auto; white-space: normal; }
  .answers { columns: 1; }
}
/* Print-only summaries stand in for the long lists on paper; on screen everything is shown. */
@media screen { .prt { display: none !important; } }
/* No paper size: the printer's paper rules. The page fits A4 and Letter. */
@page { margin: 8mm 10mm; }
@media print {
  .scr { display: none !important; }
  /* Nothing on paper is smaller than 9pt. */
  html, body, main * { font-size: 9pt !important; }
  html { background: #fff; }
  body { padding: 0; line-height: 1.1; font-family: Arial, "Liberation Sans", "Helvetica Neue", Helvetica, sans-serif; }
  main { max-width: none; border: 0; padding: 0; margin: 0; border-radius: 0; }
  header { margin-bottom: 1mm; padding-bottom: .6mm; gap: 0 4mm; }
  h1 { font-size: 13pt !important; }
  .who, .who b { font-size: 11pt !important; }
  .who { margin-top: .4mm; }
  .sub { margin: 0; }
  h2 { margin: 1.5mm 0 .5mm; padding-bottom: 0; letter-spacing: 0; break-after: avoid; }
  .tag { color: #991b1b; }
  h4 { margin: .6mm 0 0; }
  p { margin: .4mm 0; }
  ul { margin: .3mm 0; }
  li { margin: 0; }
  .banner { padding: .8mm 3mm; }
  .banner, .banner * { font-size: 10.5pt !important; }
  .banner .lvl { display: inline; margin-right: 2.5mm; }
  .badge { padding: 0 1mm; vertical-align: 0; }
  .flags { margin: .6mm 0 0; }
  .flags > li { margin: .6mm 0; padding: 0 0 0 2mm; break-inside: avoid; }
  .flags .msg { display: inline; margin: 0; }
  .flags .msg::before { content: " \2014  "; }
  .flags p.src { display: inline; }
  .flags p.src::before { content: " ("; }
  .flags p.src::after { content: ")"; }
  table { line-height: 1.15; }
  th, td { padding: 0 1mm; }
  tr { break-inside: avoid; }
  .compact { list-style: none; padding: 0; margin: .3mm 0; columns: 2; column-gap: 5mm; }
  .compact li { break-inside: avoid; padding-left: 2mm; text-indent: -2mm; margin: 0 0 .4mm; }
  /* Causes as run-in lines: a table's narrow columns wrap into many more lines. */
  .causes thead { display: none; }
  table.causes, .causes tbody, .causes tr { display: block; }
  .causes tr { border-bottom: 1px solid #e5e7eb; padding: .2mm 0; break-inside: avoid; }
  .causes th, .causes td, .causes ul, .causes li { display: inline; padding: 0; border: 0; }
  .causes th[scope=row], .causes td.score { width: auto; }
  .causes td.score { margin: 0 1.5mm; }
  .causes svg { width: 32px; height: 7px; }
  .brief .causes td:last-child { display: none; }
  .brief .causes tr { display: inline; border: 0; margin-right: 4mm; }
  h2 { text-transform: none; }
  .fits { gap: 4mm; }
  .fit { padding: .6mm 2mm; }
  .fit h3 { margin-bottom: .2mm; }
  .answers { column-gap: 5mm; }
  section.inline { margin-top: 1.4mm; padding-top: .5mm; gap: 0 3mm; }
  section.inline { display: block; }
  section.inline h2 { min-width: 0; display: inline; margin-right: 2mm; }
  section.inline > :not(h2) { display: inline; }
  .facts > span { margin-right: 4mm; }
}
"#;

/// Writes the page; its own words are in `report.lang`, as are the texts, and `<html lang>` says so.
pub fn write(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let e = escape_html;
    let lang = report.lang;
    let status = e(&report.status.text(lang));
    writeln!(out, "<!doctype html>")?;
    writeln!(out, "<html lang=\"{}\">", lang.code())?;
    writeln!(out, "<head>")?;
    writeln!(out, "<meta charset=\"utf-8\">")?;
    writeln!(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")?;
    writeln!(out, "<title>{}</title>", t(tr!(lang, "report-title", title = report.title.as_str())))?;
    writeln!(out, "<style>{STYLE}</style>")?;
    writeln!(out, "</head>")?;
    writeln!(out, "<body>")?;
    writeln!(out, "<main>")?;
    writeln!(out, "<header>")?;
    writeln!(out, "<h1>{}</h1>", e(&report.title))?;
    // On paper the record section gives way to the rules named here; the rest of it is already here.
    let rules = tr!(
        lang,
        "report-rules-version",
        id = report.rules_id.as_str(),
        version = report.rules_version.as_str()
    );
    // The local time for a person; the exact UTC time in a tooltip, and on paper after it.
    let dated = match &report.saved {
        Some(saved) => format!(
            "<span title=\"{utc}\">{}</span><span class=\"prt\"> ({utc})</span>",
            t(tr!(lang, "report-answers-dated", date = saved.local.as_str())),
            utc = e(&saved.utc)
        ),
        None => t(tr!(lang, "report-answers-dated", date = report.date.as_str())),
    };
    writeln!(
        out,
        "<p class=\"sub\">{} &middot; {} &middot; {}<span class=\"prt\"> &middot; {}</span></p>",
        t(tr!(lang, "report-clinician-report")),
        dated,
        t(tr!(lang, "report-status-lower", status = report.status.text(lang))),
        t(rules)
    )?;
    who(out, report)?;
    writeln!(out, "</header>")?;

    triage(out, report)?;
    screen(out, report)?;
    key_facts(out, report)?;
    causes(out, report)?;

    writeln!(out, "<section id=\"treatment\" aria-labelledby=\"h-treatment\">")?;
    writeln!(out, "<h2 id=\"h-treatment\">{}</h2>", t(tr!(lang, "report-heading-treatment")))?;
    writeln!(out, "<div class=\"fits scr\">")?;
    fit(out, lang, &report.art)?;
    fit(out, lang, &report.rehab)?;
    writeln!(out, "</div>")?;
    fits_on_paper(out, report)?;
    writeln!(out, "</section>")?;

    answers(out, report)?;

    writeln!(out, "<section id=\"record\" class=\"inline scr\" aria-labelledby=\"h-record\">")?;
    writeln!(out, "<h2 id=\"h-record\">{}</h2>", t(tr!(lang, "report-heading-record")))?;
    writeln!(out, "<dl class=\"record\">")?;
    let item = |out: &mut dyn Write, label: String, value: &str| {
        writeln!(out, "<div><dt>{}</dt><dd>{value}</dd></div>", t(label))
    };
    item(out, tr!(lang, "report-label-rules"), &e(&report.rules_id))?;
    item(out, tr!(lang, "report-label-version"), &e(&report.rules_version))?;
    let saved = match &report.saved {
        Some(saved) => format!("<span title=\"{}\">{}</span>", e(&saved.utc), e(&saved.local)),
        None => e(&report.date),
    };
    item(out, tr!(lang, "report-label-answers-saved"), &saved)?;
    item(out, tr!(lang, "report-label-status"), &status)?;
    writeln!(out, "</dl>")?;
    writeln!(out, "</section>")?;

    writeln!(out, "<section id=\"disclaimer\" class=\"inline\" aria-labelledby=\"h-disclaimer\">")?;
    writeln!(out, "<h2 id=\"h-disclaimer\">{}</h2>", t(tr!(lang, "report-heading-disclaimer")))?;
    writeln!(out, "<p class=\"disclaimer\">{}</p>", e(&report.disclaimer))?;
    writeln!(out, "</section>")?;

    writeln!(out, "</main>")?;
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")
}

/// Who and which file the report is about, so that a stack of printouts can be told apart.
/// Without a patient label, paper gets a line to write the name on.
fn who(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let e = escape_html;
    let lang = report.lang;
    let mut parts = Vec::new();
    match &report.patient {
        Some(p) => parts.push(format!(
            "<span><span class=\"k\">{}:</span> <b>{}</b></span>",
            t(tr!(lang, "report-label-patient")),
            e(p)
        )),
        None => parts.push(format!(
            "<span class=\"prt\"><span class=\"k\">{}:</span> <span class=\"blank\">&nbsp;</span></span>",
            t(tr!(lang, "report-label-patient"))
        )),
    }
    if let Some(f) = &report.file_name {
        parts.push(format!(
            "<span><span class=\"k\">{}:</span> <b>{}</b></span>",
            t(tr!(lang, "report-label-answers-file")),
            e(f)
        ));
    }
    writeln!(out, "<p class=\"who\">{}</p>", parts.join(" &middot; "))
}

fn level_class(level: Level) -> &'static str {
    level.id()
}

/// A catalogue message as HTML text: the program's own words, but escaped all the same,
/// since a translation is a text file anyone may edit.
fn t(text: String) -> String {
    escape_html(&text)
}

fn triage(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let e = escape_html;
    let lang = report.lang;
    let triage = &report.triage;
    writeln!(out, "<section id=\"triage\" aria-labelledby=\"h-triage\">")?;
    // On paper the banner says "Triage level" itself.
    writeln!(out, "<h2 id=\"h-triage\" class=\"scr\">{}</h2>", t(tr!(lang, "report-heading-triage")))?;
    writeln!(
        out,
        "<p class=\"banner level-{}\"><span class=\"lvl\">{}</span>{}</p>",
        level_class(triage.level),
        t(tr!(lang, "report-triage-level", level = level_label(triage.level, lang))),
        e(&triage.headline)
    )?;
    // No red flag fired and none is open: the banner says it all.
    if triage.red_flags.is_empty() && triage.open.is_empty() {
        return writeln!(out, "</section>");
    }
    let cited = report.cited_sources();
    if !triage.red_flags.is_empty() {
        writeln!(out, "<ul class=\"flags\" aria-label=\"{}\">", t(tr!(lang, "report-red-flags-fired")))?;
    }
    for flag in &triage.red_flags {
        let class = level_class(flag.level);
        writeln!(out, "<li class=\"flag-{class}\">")?;
        writeln!(
            out,
            "<span class=\"badge level-{class}\">{}</span> <strong>{}</strong>",
            t(level_label(flag.level, lang)),
            e(&flag.name)
        )?;
        writeln!(out, "<span class=\"msg\">{}</span>", e(&flag.message))?;
        if !flag.triggered_by.is_empty() {
            let why: Vec<String> =
                flag.triggered_by.iter().map(|(q, a)| format!("{} &rarr; <b>{}</b>", e(q), e(a))).collect();
            // On paper the screen below marks these answers; the flag keeps to what to do.
            writeln!(
                out,
                "<p class=\"why scr\">{}: {}</p>",
                t(tr!(lang, "report-triggered-by")),
                why.join("; ")
            )?;
        }
        let refs: Vec<String> = flag
            .sources
            .iter()
            .map(|s| {
                let n = cited.iter().position(|c| c.id == s.id).map_or(0, |i| i + 1);
                format!("{}<span class=\"scr\"> [{n}]</span>", e(&s.id))
            })
            .collect();
        writeln!(out, "<p class=\"src\">{}: {}</p>", t(tr!(lang, "report-sources")), refs.join(", "))?;
        writeln!(out, "</li>")?;
    }
    if !triage.red_flags.is_empty() {
        writeln!(out, "</ul>")?;
    }
    // After the flags that fired, as in every other output.
    if !triage.open.is_empty() {
        writeln!(out, "<ul class=\"flags\" aria-label=\"{}\">", t(tr!(lang, "report-open-flags-label")))?;
        for flag in &triage.open {
            let class = level_class(flag.level);
            writeln!(
                out,
                "<li class=\"flag-{class}\"><span class=\"badge level-{class}\">{}</span> <strong>{}</strong>",
                t(tr!(lang, "level-open", level = level_label(flag.level, lang))),
                e(&flag.name)
            )?;
            let why: Vec<String> = flag.triggered_by.iter().map(|(q, _)| e(q).to_string()).collect();
            writeln!(
                out,
                "<span class=\"msg\">{}: {}</span>",
                t(tr!(lang, "report-if-it-applies")),
                e(&flag.message)
            )?;
            writeln!(
                out,
                "<p class=\"why\">{}: {}</p></li>",
                t(tr!(lang, "answer-not-sure")),
                why.join("; ")
            )?;
        }
        writeln!(out, "</ul>")?;
    }
    writeln!(out, "<ol class=\"sources scr\" aria-label=\"{}\">", t(tr!(lang, "report-sources-cited")))?;
    for (i, source) in cited.iter().enumerate() {
        writeln!(out, "<li>[{}] {}: {}</li>", i + 1, e(&source.id), e(&source.text))?;
    }
    writeln!(out, "</ol>")?;
    // Paper keeps the ids by each flag; the full citations are lines too many for one page.
    let why = if triage.red_flags.is_empty() {
        String::new()
    } else {
        t(tr!(lang, "report-html-print-flag-why")) + " "
    };
    writeln!(out, "<p class=\"prt src\">{why}{}</p>", t(tr!(lang, "report-html-print-sources")))?;
    writeln!(out, "</section>")
}

fn screen(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let lang = report.lang;
    writeln!(out, "<section id=\"red-flag-screen\" aria-labelledby=\"h-screen\">")?;
    writeln!(out, "<h2 id=\"h-screen\">{}</h2>", t(tr!(lang, "report-heading-screen")))?;
    if report.red_flag_screen.is_empty() {
        writeln!(out, "<p class=\"none\">{}</p>", t(tr!(lang, "report-no-red-flag-questions")))?;
        return writeln!(out, "</section>");
    }
    // Long screens are split into two tables, side by side on paper, one after the other on screen.
    let rows = &report.red_flag_screen;
    let halves: Vec<&[ScreenRow]> = if rows.len() > 8 {
        vec![&rows[..rows.len().div_ceil(2)], &rows[rows.len().div_ceil(2)..]]
    } else {
        vec![rows]
    };
    screen_on_paper(out, report)?;
    writeln!(out, "<div class=\"screens scr\">")?;
    for half in halves {
        writeln!(out, "<table class=\"screen\">")?;
        writeln!(
            out,
            "<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>",
            t(tr!(lang, "report-column-question")),
            t(tr!(lang, "report-column-answer"))
        )?;
        writeln!(out, "<tbody>")?;
        for row in half {
            screen_row(out, row, lang)?;
        }
        writeln!(out, "</tbody>")?;
        writeln!(out, "</table>")?;
    }
    writeln!(out, "</div>")?;
    writeln!(out, "</section>")
}

/// The red-flag screen on paper: in full only the answers that matter (a red flag, "not sure",
/// not asked), and one line that counts the rest, which the screen view lists.
fn screen_on_paper(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let e = escape_html;
    let lang = report.lang;
    let not_sure = tr!(lang, "answer-not-sure");
    let is_not_sure = |row: &ScreenRow| match &row.answer {
        ScreenAnswer::Other(a) => {
            *a == not_sure
                || report.triage.open.iter().any(|f| f.triggered_by.iter().any(|(q, _)| *q == row.question))
        }
        _ => false,
    };
    let mut shown = Vec::new();
    let mut skipped = 0usize;
    let (mut rest, mut rest_no) = (0usize, 0usize);
    for row in &report.red_flag_screen {
        match row.answer {
            ScreenAnswer::NotAsked if !row.not_screened => skipped += 1,
            _ if row.flagged || row.not_screened || is_not_sure(row) => shown.push(row),
            // A "yes" is kept even when no flag fired on it: it may matter with the rest.
            ScreenAnswer::Yes => shown.push(row),
            ScreenAnswer::No => {
                rest += 1;
                rest_no += 1;
            }
            _ => rest += 1,
        }
    }
    writeln!(out, "<div class=\"prt\">")?;
    if !shown.is_empty() {
        writeln!(out, "<ul class=\"compact\">")?;
        for row in shown {
            let class = if row.flagged { " class=\"flagged\"" } else { "" };
            // Several ticked answers: only those that made a flag fire are in bold (as on screen).
            let answer = match row.flagged_choices.is_empty() {
                true => format!("<b>{}</b>", screen_answer(row, lang)),
                false => screen_answer(row, lang),
            };
            writeln!(out, "<li{class}>{} &rarr; {answer}</li>", e(&row.question))?;
        }
        writeln!(out, "</ul>")?;
    }
    // Questions the interview skipped because they did not apply are no gap in the screen
    // (those that applied are shown above as not screened): counted, and listed on screen.
    let mut counted = Vec::new();
    if rest > 0 {
        counted.push(if rest == rest_no {
            tr!(lang, "report-html-print-rest-all-no", n = rest)
        } else {
            tr!(lang, "report-html-print-rest", n = rest, no = rest_no)
        });
    }
    if skipped > 0 {
        counted.push(tr!(lang, "report-html-print-not-asked", n = skipped));
    }
    if !counted.is_empty() {
        counted.push(tr!(lang, "report-html-print-full-list"));
        writeln!(out, "<p>{}</p>", t(counted.join(" ")))?;
    }
    writeln!(out, "</div>")
}

/// A screen answer as HTML: the answer, marked when it made a red flag fire or left a gap.
fn screen_answer(row: &ScreenRow, lang: Lang) -> String {
    let e = escape_html;
    let not_asked = t(tr!(lang, "report-not-asked"));
    match &row.answer {
        ScreenAnswer::NotAsked if row.not_screened => format!(
            "<span class=\"na\">{not_asked}</span> <span class=\"gap\">({})</span>",
            t(tr!(lang, "report-not-screened"))
        ),
        ScreenAnswer::NotAsked => format!("<span class=\"na\">{not_asked}</span>"),
        // Of several ticked answers, only those that made a flag fire are marked.
        a if row.flagged && !row.flagged_choices.is_empty() => {
            let tag = format!(
                "<span class=\"tag\">&#9650;<span class=\"scr\"> {}</span></span>",
                t(tr!(lang, "report-red-flag"))
            );
            let fired: Vec<String> =
                row.flagged_choices.iter().map(|c| format!("<strong>{}</strong> {tag}", e(c))).collect();
            let rest: Vec<String> = a
                .text(lang)
                .split("; ")
                .filter(|c| !row.flagged_choices.iter().any(|f| f == c))
                .map(|c| e(c).to_string())
                .collect();
            fired.into_iter().chain(rest).collect::<Vec<_>>().join("; ")
        }
        a if row.flagged => format!(
            "{} <span class=\"tag\">&#9650;<span class=\"scr\"> {}</span></span>",
            e(&a.text(lang)),
            t(tr!(lang, "report-red-flag"))
        ),
        a => e(&a.text(lang)),
    }
}

fn screen_row(out: &mut impl Write, row: &ScreenRow, lang: Lang) -> io::Result<()> {
    // A row with some of its ticked answers marked is not bold as a whole: the marked ones are.
    let class = match (row.flagged, row.flagged_choices.is_empty()) {
        (true, true) => " class=\"flagged\"",
        (true, false) => " class=\"flagged part\"",
        _ => "",
    };
    let (question, answer) = (escape_html(&row.question), screen_answer(row, lang));
    writeln!(out, "<tr{class}><td>{question}</td><td class=\"ans\">{answer}</td></tr>")
}

fn key_facts(out: &mut impl Write, report: &Report) -> io::Result<()> {
    if report.duration.is_none() && report.pain.is_none() {
        return Ok(());
    }
    let lang = report.lang;
    writeln!(out, "<section id=\"pain-duration\" class=\"inline\" aria-labelledby=\"h-facts\">")?;
    writeln!(out, "<h2 id=\"h-facts\">{}</h2>", t(tr!(lang, "report-heading-pain-duration")))?;
    writeln!(out, "<p class=\"facts\">")?;
    let fact = |out: &mut dyn Write, label: String, fact: &Option<KeyFact>| -> io::Result<()> {
        if let Some(f) = fact {
            let not_asked = || format!("<span class=\"na\">{}</span>", t(tr!(lang, "report-not-asked")));
            let answer = f.answer.as_deref().map_or_else(not_asked, escape_html);
            let label = t(label);
            writeln!(out, "<span title=\"{}\">{label}: <b>{answer}</b></span>", escape_html(&f.question))?;
        }
        Ok(())
    };
    fact(out, tr!(lang, "report-pain-now"), &report.pain)?;
    fact(out, tr!(lang, "report-duration"), &report.duration)?;
    writeln!(out, "</p>")?;
    writeln!(out, "</section>")
}

fn causes(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let e = escape_html;
    let lang = report.lang;
    let brief = if report.serious_cause_first.is_some() { " class=\"brief\"" } else { "" };
    writeln!(out, "<section id=\"causes\"{brief} aria-labelledby=\"h-causes\">")?;
    // At urgent and emergency no cause is the explanation: say so, and head the list so.
    if let Some(first) = &report.serious_cause_first {
        writeln!(out, "<h2 id=\"h-causes\">{}</h2>", e(&first.causes_heading))?;
        writeln!(out, "<p class=\"first\"><strong>{}.</strong> {}</p>", e(&first.title), e(&first.message))?;
        if report.causes.is_empty() {
            writeln!(out, "<p class=\"none\">{}</p>", t(tr!(lang, "report-no-other-pattern")))?;
            return writeln!(out, "</section>");
        }
    } else {
        writeln!(out, "<h2 id=\"h-causes\">{}</h2>", t(tr!(lang, "report-heading-causes")))?;
        if report.causes.is_empty() {
            writeln!(out, "<p class=\"none\">{}</p>", t(tr!(lang, "report-no-cause")))?;
            return writeln!(out, "</section>");
        }
    }
    // Bars share one scale: the largest possible score among the causes shown.
    let scale = report.causes.iter().map(|c| c.max_score.max(c.score)).max().unwrap_or(1).max(1);
    // While a serious cause is being ruled out, paper keeps the other patterns' names and
    // scores, and leaves their evidence to the screen (said on the page).
    let serious = report.serious_cause_first.is_some();
    writeln!(out, "<table class=\"causes\">")?;
    writeln!(
        out,
        "<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>",
        t(tr!(lang, "report-column-cause")),
        t(tr!(lang, "report-column-score")),
        t(tr!(lang, "report-column-evidence"))
    )?;
    writeln!(out, "<tbody>")?;
    for c in &report.causes {
        let width = (c.score.clamp(0, scale) * 100) / scale;
        writeln!(out, "<tr>")?;
        writeln!(out, "<th scope=\"row\">{}</th>", e(&c.name))?;
        writeln!(
            out,
            "<td class=\"score\"><svg width=\"80\" height=\"10\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\">\
             <rect width=\"100\" height=\"10\" fill=\"#e5e7eb\"/><rect width=\"{width}\" height=\"10\" fill=\"#1d4ed8\"/></svg>\
             <b>{}</b> <span class=\"max\">{}</span></td>",
            c.score,
            t(tr!(lang, "report-score-max", max = c.max_score.to_string()))
        )?;
        write!(out, "<td><ul>")?;
        for because in &c.evidence {
            write!(out, "<li>{}</li>", e(because))?;
        }
        writeln!(out, "</ul></td>")?;
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody>")?;
    writeln!(out, "</table>")?;
    if serious {
        writeln!(out, "<p class=\"prt\">{}</p>", t(tr!(lang, "report-html-print-evidence-on-screen")))?;
    }
    writeln!(out, "</section>")
}

fn fit(out: &mut impl Write, lang: Lang, fit: &FitSummary) -> io::Result<()> {
    let e = escape_html;
    writeln!(out, "<div class=\"fit\">")?;
    writeln!(out, "<h3>{}</h3>", e(&fit.name))?;
    if fit.may_fit {
        writeln!(out, "<p class=\"verdict yes\">&#10003; {}</p>", t(tr!(lang, "report-may-fit")))?;
    } else {
        writeln!(out, "<p class=\"verdict no\">&#10007; {}</p>", t(tr!(lang, "report-not-suggested")))?;
    }
    if !(fit.reasons_for.is_empty() && fit.reasons_against.is_empty()) {
        let (pro, con) = (t(tr!(lang, "report-for")), t(tr!(lang, "report-against")));
        writeln!(out, "<ul>")?;
        for r in &fit.reasons_for {
            writeln!(out, "<li><span class=\"yes\" aria-label=\"{pro}\">+</span> {}</li>", e(r))?;
        }
        for r in &fit.reasons_against {
            writeln!(out, "<li><span class=\"no\" aria-label=\"{con}\">&minus;</span> {}</li>", e(r))?;
        }
        writeln!(out, "</ul>")?;
    } else {
        writeln!(out, "<p class=\"list\">{}</p>", t(tr!(lang, "report-fit-nothing")))?;
    }
    if !fit.list.is_empty() {
        let items: Vec<String> = fit.list.iter().map(|s| e(s)).collect();
        writeln!(out, "<p class=\"list\"><b>{}:</b> {}</p>", e(&fit.list_label), items.join(", "))?;
    }
    writeln!(out, "</div>")
}

/// ART and rehab on paper: the verdict, the reasons against (they may be why a treatment must
/// wait) and the list, one paragraph each; the reasons for are counted and left to the screen.
/// While a serious cause is being ruled out neither is for now, so the verdict alone is shown.
fn fits_on_paper(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let e = escape_html;
    let lang = report.lang;
    let serious = report.serious_cause_first.is_some();
    for fit in [&report.art, &report.rehab] {
        let mut parts = Vec::new();
        parts.push(if fit.may_fit {
            format!("<span class=\"verdict yes\">&#10003; {}</span>", t(tr!(lang, "report-may-fit")))
        } else {
            format!("<span class=\"verdict no\">&#10007; {}</span>", t(tr!(lang, "report-not-suggested")))
        });
        let reasons = fit.reasons_for.len() + fit.reasons_against.len();
        if serious {
            if reasons > 0 {
                parts.push(t(tr!(lang, "report-html-print-reasons-on-screen", n = reasons)));
            }
        } else {
            for r in &fit.reasons_against {
                parts.push(format!("<span class=\"no\">&minus;</span> {}", e(r)));
            }
            if !fit.list.is_empty() {
                let items: Vec<String> = fit.list.iter().map(|s| e(s)).collect();
                parts.push(format!("<b>{}:</b> {}", e(&fit.list_label), items.join(", ")));
            }
            if !fit.reasons_for.is_empty() {
                parts.push(t(tr!(lang, "report-html-print-reasons-for", n = fit.reasons_for.len())));
            }
        }
        writeln!(out, "<p class=\"prt\"><b>{}:</b> {}</p>", e(&fit.name), parts.join(" "))?;
    }
    Ok(())
}

fn answers(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let e = escape_html;
    let lang = report.lang;
    writeln!(out, "<section id=\"answers\" aria-labelledby=\"h-answers\">")?;
    let in_screen = report.answers.iter().flat_map(|g| &g.rows).any(|r| r.in_red_flag_screen);
    let note = if in_screen {
        format!(" <span class=\"note scr\">({})</span>", t(tr!(lang, "report-answers-in-screen-note")))
    } else {
        String::new()
    };
    writeln!(out, "<h2 id=\"h-answers\">{}{note}</h2>", t(tr!(lang, "report-heading-answers")))?;
    if report.answers.is_empty() {
        writeln!(out, "<p class=\"none\">{}</p>", t(tr!(lang, "report-no-answers")))?;
        return writeln!(out, "</section>");
    }
    answers_on_paper(out, report)?;
    writeln!(out, "<div class=\"answers scr\">")?;
    for (i, group) in report.answers.iter().enumerate() {
        let rows: Vec<_> = group.rows.iter().filter(|r| !r.in_red_flag_screen).collect();
        if rows.is_empty() {
            continue;
        }
        writeln!(out, "<section aria-labelledby=\"h-answers-{i}\">")?;
        writeln!(out, "<h4 id=\"h-answers-{i}\">{}</h4>", e(&group.title))?;
        writeln!(out, "<table>")?;
        for row in rows {
            writeln!(out, "<tr><td>{}</td><td>{}</td></tr>", e(&row.question), e(&row.answer))?;
        }
        writeln!(out, "</table>")?;
        writeln!(out, "</section>")?;
    }
    writeln!(out, "</div>")?;
    writeln!(out, "</section>")
}

/// The answers on paper: every answer other than a plain "no", and one line that counts the
/// "no"s and says where the full list is.
fn answers_on_paper(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let e = escape_html;
    let lang = report.lang;
    let no = tr!(lang, "answer-no");
    let rows = report.answers.iter().flat_map(|g| &g.rows).filter(|r| !r.in_red_flag_screen);
    let (plain_no, shown): (Vec<_>, Vec<_>) =
        rows.partition(|r| r.answer.trim().eq_ignore_ascii_case(no.trim()));
    writeln!(out, "<div class=\"prt\">")?;
    // While a serious cause is being ruled out the page goes to it: the other answers are counted.
    if report.serious_cause_first.is_some() {
        let line = tr!(
            lang,
            "report-html-print-answers-counted",
            n = shown.len() + plain_no.len(),
            no = plain_no.len()
        );
        writeln!(out, "<p>{}</p>", t(line))?;
        return writeln!(out, "</div>");
    }
    if !shown.is_empty() {
        writeln!(out, "<ul class=\"compact\">")?;
        for row in shown {
            writeln!(out, "<li>{} &rarr; <b>{}</b></li>", e(&row.question), e(&row.answer))?;
        }
        writeln!(out, "</ul>")?;
    }
    writeln!(out, "<p>{}</p>", t(tr!(lang, "report-html-print-answers-rest", n = plain_no.len())))?;
    writeln!(out, "</div>")
}

/// Text from a file as HTML text or attribute value: `&`, `<`, `>`, `"` and `'` become
/// character references; control characters become U+FFFD (newlines are kept).
pub fn escape_html(s: &str) -> String {
    let clean = for_terminal(s);
    let mut out = String::with_capacity(clean.len() + 8);
    for c in clean.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape_html;

    #[test]
    fn markup_characters_become_references() {
        assert_eq!(
            escape_html("<script>alert('x' & \"y\")</script>"),
            "&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;"
        );
    }

    #[test]
    fn control_characters_are_neutralised_and_plain_text_kept() {
        assert_eq!(escape_html("a\u{0}b\u{1b}c"), "a\u{FFFD}b\u{FFFD}c");
        assert_eq!(escape_html("Pain 4/10, ¿dolor?\nok"), "Pain 4/10, ¿dolor?\nok");
    }
}
