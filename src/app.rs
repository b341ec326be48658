//! What each command does: load, evaluate, render. Errors go back to `main`.

use crate::cli::{Cli, Command, EvaluateArgs, Format, RulesCommand};
use crate::error::{Error, exit};
use crate::{answers, engine, interview, render, rules};
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

pub fn run(cli: Cli) -> Result<ExitCode, Error> {
    colored::control::set_override(cli.color.enabled(io::stdout().is_terminal()));
    match cli.command {
        Some(Command::Evaluate(args)) => evaluate(&args),
        Some(Command::Rules(RulesCommand::Check { file })) => rules_check(file.as_deref()),
        Some(Command::Interview(args)) => interview::run::run(&args, cli.color),
        None => interview::run::run(&cli.interview, cli.color),
    }
}

fn evaluate(args: &EvaluateArgs) -> Result<ExitCode, Error> {
    let rules = rules::load(args.rules.as_deref())?;
    let file = answers::load(&args.answers, &rules)?;
    if let Some(v) = file.other.get("rules").and_then(|r| r.get("version")).and_then(|v| v.as_str())
        && v != rules.version
    {
        eprintln!(
            "backscreen: warning: these answers were saved with rules version {v}; evaluating with version {}",
            rules.version
        );
    }
    let outcome = engine::evaluate(&rules, &file.answers);
    let mut out = io::BufWriter::new(io::stdout().lock());
    match args.format {
        Format::Text => render::text::write(&mut out, &outcome, terminal_width()),
        Format::Json => render::json::write(&mut out, &outcome),
    }
    .and_then(|()| out.flush())
    .map_err(|e| Error::io("writing the result", e))?;
    Ok(ExitCode::from(exit::OK))
}

fn rules_check(file: Option<&std::path::Path>) -> Result<ExitCode, Error> {
    let rules = rules::load(file)?;
    let name = file.map_or(rules::BUILT_IN_NAME.to_string(), |f| f.display().to_string());
    println!(
        "ok: {name}: {} {}: {} questions ({} red-flag), {} causes, {} red flags, {} scores",
        rules.id,
        rules.version,
        rules.questions.len(),
        rules.red_flag_questions().len(),
        rules.causes.len(),
        rules.red_flags.len(),
        rules.scores.len()
    );
    Ok(ExitCode::from(exit::OK))
}

/// The width to wrap text output at: the terminal's, or none when piped.
pub(crate) fn terminal_width() -> Option<usize> {
    console::Term::stdout().size_checked().map(|(_, cols)| usize::from(cols).min(100))
}
