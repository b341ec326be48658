//! `backscreen man`: one manual page for the whole program, built from the clap
//! definition (with clap_mangen) and the same examples and exit codes as `--help`, so
//! it cannot drift from them.

use super::{Cli, EVALUATE_EXAMPLES, EXAMPLES, EXIT_CODES};
use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};
use std::io::{self, Write};

/// Writes the page (roff, for `man -l -`).
pub fn write(out: &mut dyn Write) -> io::Result<()> {
    let mut root = Cli::command().disable_help_subcommand(true);
    root.build();
    // No date (a build date would make the page differ from build to build); roff
    // wants the empty argument written as "", which the roff crate would leave out.
    let man = Man::new(root.clone()).date("\"\"");
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;

    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    roff.text([roman("With no command, backscreen runs the interview. Every command also takes ")]);
    roff.text([bold("--color"), roman(" and "), bold("-h"), roman(", "), bold("--help"), roman(".")]);
    roff.to_writer(&mut page)?;
    for (path, sub) in leaves(&root) {
        // The options every command shares are listed once, above.
        let sub = sub.clone().mut_arg("color", |a| a.hide(true)).mut_arg("help", |a| a.hide(true));
        let mut roff = Roff::new();
        roff.control("SS", [path.as_str()]);
        if let Some(about) = sub.get_long_about().or_else(|| sub.get_about()) {
            roff.text([roman(about.to_string())]);
        }
        roff.control("PP", []);
        roff.to_writer(&mut page)?;
        let man = Man::new(sub);
        page.extend(without_heading(|w| man.render_synopsis_section(w))?);
        page.extend(without_heading(|w| man.render_options_section(w))?);
    }

    let mut roff = Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in EXIT_CODES {
        roff.control("TP", []);
        roff.text([bold(*code)]);
        roff.text([roman(*meaning)]);
    }
    roff.control("SH", ["ENVIRONMENT"]);
    for (name, meaning) in [
        ("NO_COLOR", "Set and not empty: no colour (as --color never), unless --color always."),
        ("TERM", "dumb: no colour, unless --color always."),
        ("COLUMNS", "The width --help wraps to when standard output is not a terminal."),
    ] {
        roff.control("TP", []);
        roff.text([bold(name)]);
        roff.text([roman(meaning)]);
    }
    roff.control("SH", ["EXAMPLES"]);
    for (what, command) in EXAMPLES.iter().chain(EVALUATE_EXAMPLES) {
        if !what.is_empty() {
            roff.control("PP", []);
            roff.text([roman(*what)]);
        }
        roff.control("RS", ["4"]);
        roff.text([bold(*command)]);
        roff.control("RE", []);
    }
    roff.control("SH", ["NOTES"]);
    roff.text([roman("backscreen is a screening aid, not a diagnosis.")]);
    roff.to_writer(&mut page)?;
    man.render_version_section(&mut page)?;

    // Each render starts with the same preamble (the apostrophe string): keep the first.
    let preamble = Roff::new().render();
    let page = String::from_utf8_lossy(&page);
    let body = page.replace(&preamble, "");
    out.write_all(preamble.as_bytes())?;
    out.write_all(body.as_bytes())
}

/// Every command that does something, with its full name (`backscreen rules check`),
/// in the order of `--help`.
fn leaves(cmd: &clap::Command) -> Vec<(String, &clap::Command)> {
    let mut found = Vec::new();
    for sub in cmd.get_subcommands() {
        let path = sub.get_bin_name().map_or_else(|| sub.get_name().to_string(), str::to_string);
        if sub.has_subcommands() {
            found.extend(leaves(sub));
        } else {
            found.push((path, sub));
        }
    }
    found
}

/// A section clap_mangen renders, without its `.SH` line: to put it under a command's
/// own `.SS` heading.
fn without_heading(render: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> io::Result<Vec<u8>> {
    let mut section = Vec::new();
    render(&mut section)?;
    let text = String::from_utf8_lossy(&section);
    let mut lines: Vec<&str> = text.lines().collect();
    if let Some(at) = lines.iter().position(|l| l.starts_with(".SH")) {
        lines.remove(at);
    }
    Ok(lines.iter().flat_map(|l| [l.as_bytes(), b"\n"]).flatten().copied().collect())
}
