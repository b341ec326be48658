//! `rules check --sources`: every red flag, cause and recommendation of a rules file with
//! the sources it cites, as Markdown, so a clinician can review the rules in one sitting.

use crate::rules::{Recommendation, Rules};
use crate::text::Text;
use std::collections::BTreeSet;
use std::io::{self, Write};

pub fn write(out: &mut dyn Write, rules: &Rules) -> io::Result<()> {
    let text = |t| text(rules, t);
    writeln!(out, "# Sources cited by the rules {} {}", rules.id, rules.version)?;
    writeln!(out)?;
    writeln!(
        out,
        "Every red flag, cause and recommendation, with what it tells the person and the sources it cites; \
         the full citations are at the end. Checked and proved: coverage, monotone, reachable, stops."
    )?;
    writeln!(out)?;
    writeln!(out, "## Red flags ({})", rules.red_flags.len())?;
    writeln!(out)?;
    for f in &rules.red_flags {
        writeln!(out, "- **{}** `{}`: {}. Sources: {}.", f.level, f.id, text(&f.name), cites(&f.source))?;
        writeln!(out, "  {}", text(&f.message))?;
    }
    writeln!(out)?;
    writeln!(out, "## Causes ({})", rules.causes.len())?;
    writeln!(out)?;
    for c in &rules.causes {
        writeln!(out, "- `{}`: {}. Sources: {}.", c.id, text(&c.name), cites(&c.source))?;
        writeln!(out, "  {}", text(&c.explanation))?;
    }
    writeln!(out)?;
    writeln!(out, "## Recommendations")?;
    for rec in [&rules.recommendations.art, &rules.recommendations.rehab] {
        recommendation(out, rules, rec)?;
    }
    writeln!(out)?;
    writeln!(out, "## Sources ({})", rules.sources.len())?;
    writeln!(out)?;
    let cited: BTreeSet<&str> = rules
        .red_flags
        .iter()
        .flat_map(|f| &f.source)
        .chain(rules.causes.iter().flat_map(|c| &c.source))
        .chain([&rules.recommendations.art, &rules.recommendations.rehab].into_iter().flat_map(|r| {
            r.source.iter().chain(r.fits_if.iter().chain(&r.not_if).flat_map(|reason| &reason.source))
        }))
        .map(String::as_str)
        .collect();
    for s in &rules.sources {
        let unused = if cited.contains(s.id.as_str()) { "" } else { " (cited by nothing above)" };
        writeln!(out, "- **{}**{unused}: {}", s.id, text(&s.citation))?;
    }
    Ok(())
}

fn recommendation(out: &mut dyn Write, rules: &Rules, rec: &Recommendation) -> io::Result<()> {
    let text = |t| text(rules, t);
    writeln!(out)?;
    writeln!(out, "### {}. Sources: {}.", text(&rec.name), cites(&rec.source))?;
    writeln!(out)?;
    writeln!(out, "{}", text(&rec.about))?;
    writeln!(out)?;
    writeln!(out, "- Not at `{}` or above: {}", rec.not_at_or_above, text(&rec.not_at_or_above_because))?;
    for r in &rec.fits_if {
        writeln!(out, "- May fit: {} Sources: {}.", text(&r.because), cites(&r.source))?;
    }
    for r in &rec.not_if {
        writeln!(out, "- Not now: {} Sources: {}.", text(&r.because), cites(&r.source))?;
    }
    Ok(())
}

fn text<'a>(rules: &Rules, t: &'a Text) -> &'a str {
    t.get(&rules.language, &rules.language)
}

fn cites(ids: &[String]) -> String {
    if ids.is_empty() { "none".to_string() } else { ids.join(", ") }
}
