//! What each command does: load, evaluate, render. Errors go back to `main`.

use crate::cli::{self, Cli, Command, EvaluateArgs, Format, RulesCommand};
use crate::error::{Error, exit};
use crate::i18n::Lang;
use crate::{answers, batch, engine, fhir, interview, render, rules, save};
use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

pub fn run(cli: Cli) -> Result<ExitCode, Error> {
    colored::control::set_override(cli.color.enabled(io::stdout().is_terminal()));
    let lang = Language { lang: cli.lang.unwrap_or_else(Lang::from_env), asked: cli.lang.is_some() };
    match cli.command {
        Some(Command::Evaluate(args)) => evaluate(&args, lang),
        Some(Command::Rules(RulesCommand::Check { file, sources })) => rules_check(file.as_deref(), sources),
        Some(Command::Rules(RulesCommand::Export { format: _, rules, output, force })) => {
            rules_export(rules.as_deref(), output.as_deref(), force, lang)
        }
        Some(Command::Interview(args)) => interview::run::run(&args, cli.color, lang),
        Some(Command::Completions { shell }) => completions(shell),
        Some(Command::Man) => emit(None, false, |out| cli::man::write(out)),
        None => interview::run::run(&cli.interview, cli.color, lang),
    }
}

/// The language to show things in, and whether `--lang` asked for it (rather than the locale).
#[derive(Debug, Clone, Copy)]
pub struct Language {
    pub lang: Lang,
    pub asked: bool,
}

/// Loads the rules (the built-in ones without a path) to be shown in `lang`. Rules
/// without that language are shown in their own, and the program's messages follow
/// them so that one screen never mixes two languages; `--lang` asking for it is told.
pub fn load_rules(path: Option<&Path>, lang: Language) -> Result<rules::Rules, Error> {
    let mut rules = rules::load(path)?;
    if !rules.show_in(lang.lang) && lang.asked {
        crate::note!(
            "backscreen: warning: these rules have no `{}` text; showing them in `{}`",
            lang.lang.code(),
            crate::sanitize::for_terminal(&rules.language)
        );
    }
    Ok(rules)
}

/// `backscreen completions SHELL`: the script, generated from the command line definition.
fn completions(shell: clap_complete::Shell) -> Result<ExitCode, Error> {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    emit(None, false, |out| {
        clap_complete::generate(shell, &mut cmd, "backscreen", out);
        Ok(())
    })
}

fn evaluate(args: &EvaluateArgs, lang: Language) -> Result<ExitCode, Error> {
    let rules = load_rules(args.rules.as_deref(), lang)?;
    let rows = match args.format {
        Format::Csv => Some(batch::RowFormat::Csv),
        Format::Jsonl => Some(batch::RowFormat::Jsonl),
        _ => None,
    };
    if let Some(rows) = rows {
        return evaluate_batch(&rules, args, rows);
    }
    let [path] = &args.answers[..] else {
        return Err(Error::Usage(
            "several answers files need --format csv or jsonl (one row per file)".into(),
        ));
    };
    if path.is_dir() {
        return Err(Error::Usage(format!(
            "{} is a directory; evaluate its files with --format csv or jsonl",
            path.display()
        )));
    }
    let file = answers::load(path, &rules)?;
    if let Some(v) = file.other.get("rules").and_then(|r| r.get("version")).and_then(|v| v.as_str())
        && v != rules.version
    {
        // `v` is anything the answers file holds; the rules' version is one line (the decoder checks).
        crate::note!(
            "backscreen: warning: these answers were saved with rules version {}; evaluating with version {}",
            crate::sanitize::quote(v),
            crate::sanitize::for_terminal(&rules.version)
        );
    }
    let outcome = engine::evaluate(&rules, &file.answers);
    let name = (path != Path::new("-")).then(|| path.display().to_string());
    let report =
        || render::report::build(&rules, &file, &outcome).labelled(args.patient.as_deref(), name.as_deref());
    let width = if args.output.is_none() { render::wrap::terminal_width() } else { None };
    emit(args.output.as_deref(), args.force, |out| match args.format {
        Format::Text => {
            render::text::write_labelled(out, &outcome, width, args.patient.as_deref(), name.as_deref())
        }
        Format::Json => render::json::write(out, &outcome),
        Format::Markdown => render::markdown::write(out, &report()),
        Format::Html => render::html::write(out, &report()),
        Format::Fhir => {
            let (now, patient) = (save::now_utc(), args.patient.as_deref());
            let resource = fhir::questionnaire_response(&rules, &file, &outcome, &now, patient);
            render::json::write(out, &resource)
        }
        Format::Csv | Format::Jsonl => Ok(()),
    })
}

fn evaluate_batch(
    rules: &rules::Rules,
    args: &EvaluateArgs,
    rows: batch::RowFormat,
) -> Result<ExitCode, Error> {
    // Unlocked handles: the rows are written from a writer thread.
    let mut stderr = io::stderr();
    let tally = match &args.output {
        None => {
            let mut out = io::BufWriter::new(io::stdout());
            batch::run(rules, &args.answers, rows, &mut out, &mut stderr)
                .map_err(|e| Error::io("batch evaluation", e))?
        }
        Some(path) => {
            // Streamed into a private temporary file beside the target, renamed at the end,
            // and only when the batch ran to its end: on a fatal error the old file stays.
            save::write_whole(path, args.force, |out| {
                batch::run(rules, &args.answers, rows, out, &mut stderr)
            })
            .map_err(|e| {
                let what = match e.kind() {
                    io::ErrorKind::AlreadyExists => format!("cannot write {}", path.display()),
                    _ => format!("batch evaluation stopped; {} is as it was", path.display()),
                };
                Error::io(what, e)
            })?
        }
    };
    // After the rows, on stderr: what a person running a batch by hand wants to know.
    crate::note!("backscreen: {}", tally.summary());
    if tally.failed > 0 {
        return Ok(ExitCode::from(exit::FAILURE));
    }
    Ok(ExitCode::from(exit::OK))
}

/// Writes one result to stdout, or atomically and owner-only to `path`.
fn emit(
    path: Option<&Path>,
    force: bool,
    render: impl FnOnce(&mut Vec<u8>) -> io::Result<()>,
) -> Result<ExitCode, Error> {
    let mut bytes = Vec::new();
    render(&mut bytes).map_err(|e| Error::io("rendering the result", e))?;
    match path {
        None => {
            let mut out = io::stdout().lock();
            out.write_all(&bytes)
                .and_then(|()| out.flush())
                .map_err(|e| Error::io("writing the result", e))?;
        }
        Some(path) => {
            save::write_private(path, &bytes, force).map_err(|e| {
                let hint = if e.kind() == io::ErrorKind::AlreadyExists {
                    "; pass --force to overwrite it"
                } else {
                    ""
                };
                Error::io(format!("cannot write {}{hint}", path.display()), e)
            })?;
        }
    }
    Ok(ExitCode::from(exit::OK))
}

fn rules_export(
    rules: Option<&Path>,
    output: Option<&Path>,
    force: bool,
    lang: Language,
) -> Result<ExitCode, Error> {
    let rules = load_rules(rules, lang)?;
    let questionnaire = fhir::questionnaire(&rules);
    emit(output, force, |out| render::json::write(out, &questionnaire))
}

fn rules_check(file: Option<&std::path::Path>, sources: bool) -> Result<ExitCode, Error> {
    let (rules, mut problems) = rules::load_for_check(file)?;
    let name = file.map_or(rules::BUILT_IN_NAME.to_string(), |f| f.display().to_string());
    let proved = crate::proof::prove(&rules);
    if let Err(failures) = &proved {
        problems.extend(failures.iter().map(|f| crate::proof::problem(&rules, f)));
    }
    let proved = match proved {
        Ok(proved) if problems.is_empty() => proved,
        _ => return Err(rules::RulesError::Invalid { file: name, problems }.into()),
    };
    let n = |count: usize, one: &str, many: &str| format!("{count} {}", if count == 1 { one } else { many });
    let mut listing = Vec::new();
    if sources {
        render::sources::write(&mut listing, &rules).map_err(|e| Error::io("writing the sources", e))?;
    }
    let line = if sources {
        String::from_utf8_lossy(&listing).into_owned()
    } else {
        format!(
            "ok: {name}: {} {}: {} ({} red-flag, {}), {}, {}, {}\n\
         proved: coverage, monotone, reachable, stops ({}, {} interview states); see rules/README.md\n",
            rules.id,
            crate::sanitize::for_terminal(&rules.version),
            n(rules.questions.len(), "question", "questions"),
            rules.red_flag_questions().len(),
            n(rules.checklists.len(), "checklist", "checklists"),
            n(rules.causes.len(), "cause", "causes"),
            n(rules.red_flags.len(), "red flag", "red flags"),
            n(rules.scores.len(), "score", "scores"),
            n(proved.red_flags, "red flag", "red flags"),
            proved.states
        )
    };
    // The file name comes from the command line and the id is checked, but the version
    // is free text from the file: never let it drive the terminal.
    let mut out = io::stdout().lock();
    out.write_all(crate::sanitize::for_terminal(&line).as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| Error::io("writing the result", e))?;
    Ok(ExitCode::from(exit::OK))
}
