//! The command line, declared with clap. Doc comments are the `--help` text; this module
//! also turns clap's own errors into one `backscreen:` line like every other error.

use crate::error::Error;
use crate::render::wrap::hanging;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::parser::ValueSource;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::PathBuf;

pub mod man;

/// Examples shown after `--help` and in the man page: what it does, then the command.
pub const EXAMPLES: &[(&str, &str)] = &[
    ("Answer the questions and keep the answers for a clinician:", "backscreen --save answers.json"),
    (
        "Turn saved answers into a one-page report:",
        "backscreen evaluate --format html -o report.html answers.json",
    ),
    ("Check a rules file:", "backscreen rules check my-rules.json"),
];

/// The exit codes, as `--help` and the man page list them (README, Exit codes).
pub const EXIT_CODES: &[(&str, &str)] = &[
    ("0", "success (whatever the triage level)"),
    ("1", "invalid input (rules or answers file; in a batch, any file) or an I/O error"),
    ("2", "usage error, or no terminal for the interview"),
    ("130", "screening cancelled (Ctrl-C / Ctrl-D)"),
    ("143", "interview stopped by SIGTERM (answers saved so far are kept)"),
    ("129", "interview stopped by SIGHUP (answers saved so far are kept)"),
];

const EVALUATE_EXAMPLES: &[(&str, &str)] = &[
    ("The result for a person, then for machines:", "backscreen evaluate answers.json"),
    ("", "backscreen evaluate --format json answers.json"),
    ("One CSV row per answers file in a folder:", "backscreen evaluate --format csv intake/ > today.csv"),
];

/// The widest help: longer lines are hard to read, as for `evaluate`'s text.
const MAX_HELP_WIDTH: usize = 100;

/// Self-screening for low back pain: red flags and how soon to see a clinician,
/// likely causes, and whether Active Release Technique (ART) or rehab may fit.
///
/// With no command, backscreen asks the questions in the terminal, safety questions
/// first, and ends with the result; `evaluate` turns a saved answers file into a result
/// with no terminal needed. Nothing you answer is sent anywhere.
#[derive(Debug, Parser)]
#[command(name = "backscreen", version)]
#[command(override_usage = "backscreen [OPTIONS]\n       backscreen <COMMAND>")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Options of the interview, which runs when no command is given.
    #[command(flatten)]
    pub interview: InterviewArgs,

    // Options every command takes go here, with `global = true`: they are accepted before
    // or after the command's name (`backscreen --color never evaluate ...` and
    // `backscreen evaluate --color never ...`). `parse` lets them come before a command,
    // where the interview's own options may not.
    /// When to use colour: auto (a terminal, NO_COLOR unset and TERM not dumb), always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// The language to ask and report in: en (English) or es (español). The default comes
    /// from LC_ALL, LC_MESSAGES or LANG, else English.
    #[arg(long, value_enum, value_name = "LANG", global = true)]
    pub lang: Option<crate::i18n::Lang>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ask the screening questions in the terminal (the default).
    Interview(InterviewArgs),
    /// Evaluate a saved answers file and print the result.
    Evaluate(EvaluateArgs),
    /// Work with rules files.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Print a shell completion script on standard output.
    Completions {
        /// The shell to complete in.
        #[arg(value_enum, value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) on standard output: `backscreen man | man -l -`.
    Man,
}

#[derive(Debug, Args, Default)]
pub struct InterviewArgs {
    /// Rules file to use instead of the built-in low-back rules.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Save the answers to FILE (owner-only), for `backscreen evaluate` or a clinician.
    #[arg(long, value_name = "FILE")]
    pub save: Option<PathBuf>,
    /// Continue an unfinished screening saved with --save.
    #[arg(long, value_name = "FILE", conflicts_with = "save")]
    pub resume: Option<PathBuf>,
    /// Overwrite the --save file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Run the interview with the answers taken from ANSWERS instead of a person: shows
    /// each prompt they would see, and the result. A question the file does not answer
    /// is answered "not sure". Needs no terminal.
    #[arg(long, value_name = "ANSWERS", conflicts_with_all = ["save", "resume", "force"])]
    pub replay: Option<PathBuf>,
    /// Ask line by line, for a screen reader or a simple terminal: each question printed
    /// once, choices numbered and answered by typing, no colour and no redrawing. On by
    /// itself when TERM is dumb.
    #[arg(long)]
    pub plain: bool,
    /// With --replay: text (each prompt, then the result) or json.
    #[arg(long, value_enum, default_value_t = ReplayFormat::Text, requires = "replay")]
    pub format: ReplayFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ReplayFormat {
    /// Each prompt as a person would see it, then the result.
    #[default]
    Text,
    /// For machines: the question ids on each prompt, why it stopped, and the result.
    // No double quotes in a value's help: clap_complete writes it between double quotes
    // for zsh and fish without escaping them (clap-rs/clap#4053), breaking the script.
    Json,
}

#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// Rules file to use instead of the built-in low-back rules.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Output format: text, json, markdown, html or fhir for one file; csv or jsonl for
    /// one row per file.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the result to FILE (owner-only, atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite the --output file if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
    /// A label for the report, such as the patient's name or clinic number: shown at the
    /// top of the text, Markdown and HTML reports and as the subject in FHIR.
    #[arg(long, value_name = "TEXT")]
    pub patient: Option<String>,
    /// Answers files (JSON: {"answers": {...}}), or directories of them; `-` reads
    /// standard input. Several files or a directory need --format csv or jsonl.
    #[arg(value_name = "ANSWERS", required = true)]
    pub answers: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Check a rules file (the built-in rules without FILE) and report every problem.
    Check {
        /// The rules file to check.
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
        /// Once the file passes, list every red flag, cause and recommendation with the
        /// sources it cites (Markdown), for a clinician's review.
        #[arg(long)]
        sources: bool,
    },
    /// Export the rules as a FHIR R4 Questionnaire.
    Export {
        /// Export format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Fhir)]
        format: ExportFormat,
        /// Rules file to export instead of the built-in rules.
        #[arg(long, value_name = "FILE")]
        rules: Option<PathBuf>,
        /// Write to FILE (atomically) instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Overwrite the --output file if it exists.
        #[arg(long, requires = "output")]
        force: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A FHIR R4 Questionnaire resource (JSON).
    Fhir,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For a person.
    Text,
    /// For machines: stable keys.
    Json,
    /// A one-page clinician report in Markdown.
    Markdown,
    /// A one-page clinician report: one self-contained, printable HTML file.
    Html,
    /// A FHIR R4 QuestionnaireResponse with the screening result in a contained RiskAssessment.
    Fhir,
    /// One CSV row per answers file.
    Csv,
    /// One JSON object per line per answers file.
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour output going to a stream that is (or is not) a terminal. Auto
    /// colours a terminal unless NO_COLOR is set (<https://no-color.org>) or TERM is
    /// `dumb`, a terminal that says it cannot take escape sequences.
    pub fn enabled(self, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                is_terminal
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
            }
        }
    }
}

/// What a command line asks for.
#[derive(Debug)]
pub enum Parsed {
    /// A command to run.
    Run(Box<Cli>),
    /// `--help` or `--version`: clap's text, to print on standard output (exit 0).
    Show(clap::Error),
}

/// Parses a command line (program name first). A mistake in it is an [`Error::Usage`]
/// whose message is one line in the program's style: what is wrong, a suggestion when
/// clap has one, and which `--help` to read.
pub fn parse(args: impl IntoIterator<Item = impl Into<OsString>>) -> Result<Parsed, Error> {
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let mut cmd = command(help_width()).color(help_color(&args));
    let matches = match cmd.try_get_matches_from_mut(&args) {
        Ok(matches) => matches,
        Err(e) if !e.use_stderr() => return Ok(Parsed::Show(e)),
        Err(e) => return Err(usage_error(&e, &cmd, &args)),
    };
    // The interview's options belong to the interview: with a command they would be
    // silently ignored. (clap's `args_conflicts_with_subcommands` would refuse global
    // options too, such as `backscreen --color never evaluate`.)
    if let Some(name) = matches.subcommand_name() {
        let stray = cmd.get_arguments().find(|a| {
            !a.is_global_set() && matches.value_source(a.get_id().as_str()) == Some(ValueSource::CommandLine)
        });
        if let Some(arg) = stray {
            let flag = arg.get_long().map_or_else(|| arg.get_id().to_string(), |l| format!("--{l}"));
            return Err(Error::Usage(format!(
                "'{flag}' before '{name}' is an option of the interview; a command's options go \
                 after its name; see `backscreen {name} --help`"
            )));
        }
    }
    let cli = Cli::from_arg_matches(&matches).map_err(|e| usage_error(&e, &cmd, &args))?;
    Ok(Parsed::Run(Box::new(cli)))
}

/// The command line definition with what derive cannot say: the examples and exit codes
/// after the help, wrapped with hanging indents to `width` (which clap then uses too).
pub fn command(width: usize) -> clap::Command {
    let after = format!(
        "{}\n\n{}\n\nbackscreen is a screening aid, not a diagnosis.",
        examples(EXAMPLES, width),
        table("Exit codes:", EXIT_CODES, width)
    );
    Cli::command()
        .term_width(width)
        .after_help(after)
        .mut_subcommand("evaluate", |sub| sub.after_help(examples(EVALUATE_EXAMPLES, width)))
}

/// The width help wraps to: the terminal's, or `COLUMNS` when standard output is not a
/// terminal (`backscreen --help | less`), or 100; never more than 100.
pub fn help_width() -> usize {
    crate::render::wrap::terminal_width()
        .or_else(|| std::env::var("COLUMNS").ok()?.trim().parse().ok())
        .unwrap_or(MAX_HELP_WIDTH)
        .clamp(1, MAX_HELP_WIDTH)
}

/// "Examples:", then each one: what it does (when it says), and the command under it.
/// A line too long for `width` goes on indented (clap would start it again at the
/// margin).
fn examples(rows: &[(&str, &str)], width: usize) -> String {
    let mut lines = vec!["Examples:".to_string()];
    for (what, command) in rows {
        if !what.is_empty() {
            lines.extend(hanging("  ", what, Some(width)));
        }
        // A command that must break goes on further in, so it does not read as two.
        let command = crate::render::wrap::wrap(command, Some(width.saturating_sub(6)));
        lines.extend(
            command.iter().enumerate().map(|(i, l)| format!("{}{l}", if i == 0 { "    " } else { "      " })),
        );
    }
    lines.join("\n")
}

/// A heading, then a two-column table: each term, and its text beside it.
fn table(heading: &str, rows: &[(&str, &str)], width: usize) -> String {
    let column = rows.iter().map(|(term, _)| term.len()).max().unwrap_or(0) + 2;
    let mut lines = vec![heading.to_string()];
    for (term, text) in rows {
        lines.extend(hanging(&format!("  {term:<column$}"), text, Some(width)));
    }
    lines.join("\n")
}

/// clap's own colouring (of `--help`) follows `--color` when it is given; otherwise
/// clap decides as `auto` does (a terminal, NO_COLOR), except that TERM=dumb is decided
/// here: clap's detection colours any terminal when a `CI` variable is set.
fn help_color(args: &[OsString]) -> clap::ColorChoice {
    let mut words = args.iter().skip(1).map(|a| a.to_str()).take_while(|a| *a != Some("--"));
    let mut choice = None;
    while let Some(word) = words.next() {
        let value = match word {
            Some("--color") => words.next().flatten(),
            Some(w) => w.strip_prefix("--color="),
            None => None,
        };
        if let Some(value) = value {
            choice = ColorChoice::from_str(value, false).ok().or(choice);
        }
    }
    match choice {
        Some(ColorChoice::Always) => clap::ColorChoice::Always,
        Some(ColorChoice::Never) => clap::ColorChoice::Never,
        Some(ColorChoice::Auto) | None if std::env::var_os("TERM").is_some_and(|t| t == "dumb") => {
            clap::ColorChoice::Never
        }
        Some(ColorChoice::Auto) | None => clap::ColorChoice::Auto,
    }
}

fn usage_error(e: &clap::Error, root: &clap::Command, args: &[OsString]) -> Error {
    let (path, cmd) = command_path(root, args);
    Error::Usage(usage_message(e, &path, cmd))
}

/// The command a command line names (`backscreen rules check`), and its definition.
/// Options and their values are stepped over; the first other word that is not a
/// command's name ends it.
fn command_path<'c>(root: &'c clap::Command, args: &[OsString]) -> (String, &'c clap::Command) {
    let mut path = vec![root.get_name().to_string()];
    let mut cmd = root;
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if let Some(long) = word.strip_prefix("--") {
            let takes_value = cmd
                .get_arguments()
                .find(|a| a.get_long() == Some(long))
                .is_some_and(|a| a.get_action().takes_values());
            if takes_value {
                words.next();
            }
        } else if word.starts_with('-') && word.len() == 2 {
            let short = word.chars().nth(1);
            let takes_value = cmd
                .get_arguments()
                .find(|a| a.get_short() == short)
                .is_some_and(|a| a.get_action().takes_values());
            if takes_value {
                words.next();
            }
        } else if let Some(sub) = cmd.find_subcommand(word.as_ref()) {
            path.push(sub.get_name().to_string());
            cmd = sub;
        } else if !word.starts_with('-') {
            break;
        }
    }
    (path.join(" "), cmd)
}

/// One line for a clap error: what is wrong, then clap's suggestions, then where to
/// read more. What the user typed is quoted as in every other message (see `sanitize`).
fn usage_message(e: &clap::Error, path: &str, cmd: &clap::Command) -> String {
    let quote = |s: &str| crate::sanitize::quote(s).into_owned();
    // clap's own sentences may hold what was typed too; kept whole, but on one line.
    let one_line =
        |s: &str| -> String {
            s.chars()
                .map(|c| {
                    if crate::sanitize::breaks_line(c) {
                        c.escape_default().to_string()
                    } else {
                        c.to_string()
                    }
                })
                .collect()
        };
    let string = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(quote(s)),
        _ => None,
    };
    let list = |kind| match e.get(kind) {
        Some(ContextValue::Strings(v)) if !v.is_empty() => {
            Some(v.iter().map(|s| quote(s)).collect::<Vec<_>>())
        }
        Some(ContextValue::String(s)) => Some(vec![quote(s)]),
        _ => None,
    };
    let arg = string(ContextKind::InvalidArg);
    let value = string(ContextKind::InvalidValue);
    let mut msg = match (e.kind(), &arg, &value) {
        (ErrorKind::UnknownArgument, Some(arg), _) => format!("unexpected argument '{arg}'"),
        (ErrorKind::InvalidSubcommand, ..) => {
            format!("unknown command '{}'", string(ContextKind::InvalidSubcommand).unwrap_or_default())
        }
        (ErrorKind::InvalidValue, Some(arg), Some(value)) if value.is_empty() => {
            format!("'{arg}' needs a value")
        }
        (ErrorKind::InvalidValue | ErrorKind::ValueValidation, Some(arg), Some(value)) => {
            let mut m = format!("invalid value '{value}' for '{arg}'");
            if let Some(source) = std::error::Error::source(e) {
                let _ = write!(m, ": {}", quote(&source.to_string()));
            }
            m
        }
        (ErrorKind::MissingRequiredArgument, ..) => {
            let missing = list(ContextKind::InvalidArg).unwrap_or_default().join(", ");
            format!("`{path}` needs {missing}")
        }
        (ErrorKind::ArgumentConflict, Some(arg), _) => match e.get(ContextKind::PriorArg) {
            Some(ContextValue::String(prior)) if prior == arg => format!("'{arg}' can be given only once"),
            _ => match list(ContextKind::PriorArg) {
                Some(prior) => format!("'{arg}' cannot be used with '{}'", prior.join("', '")),
                None => format!("'{arg}' cannot be used with the other options given"),
            },
        },
        (ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand, ..) => {
            let names: Vec<_> =
                cmd.get_subcommands().map(|c| c.get_name()).filter(|n| *n != "help").collect();
            format!("`{path}` needs a command: {}", names.join(", "))
        }
        _ => {
            // Anything else: clap's own first sentence, on one line.
            let text = e.render().to_string();
            let first = text.split("\n\n").next().unwrap_or_default();
            let first = first.strip_prefix("error: ").unwrap_or(first);
            one_line(&first.split_whitespace().collect::<Vec<_>>().join(" "))
        }
    };
    let valid = list(ContextKind::ValidValue);
    if let Some(valid) = &valid {
        let _ = write!(msg, " (one of: {})", valid.join(", "));
    }
    let suggested =
        [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand, ContextKind::SuggestedValue]
            .into_iter()
            .find_map(list);
    // A value's suggestion adds nothing to the list of values.
    if let Some(suggested) = suggested.filter(|_| valid.is_none()) {
        let _ = write!(msg, " (did you mean '{}'?)", suggested.join("' or '"));
    }
    if let Some(ContextValue::StyledStrs(tips)) = e.get(ContextKind::Suggested) {
        for tip in tips {
            let _ = write!(msg, "; {}", one_line(&tip.to_string()));
        }
    }
    let _ = write!(msg, "; see `{path} --help`");
    msg
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
        command(40).debug_assert();
    }

    #[test]
    fn color_is_found_wherever_it_is_on_the_line() {
        let words = |line: &str| line.split_whitespace().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(help_color(&words("backscreen --color never --help")), clap::ColorChoice::Never);
        assert_eq!(
            help_color(&words("backscreen evaluate --help --color=always")),
            clap::ColorChoice::Always
        );
        assert_eq!(help_color(&words("backscreen --color never --color auto")), clap::ColorChoice::Auto);
        assert_eq!(help_color(&words("backscreen evaluate -- --color never")), clap::ColorChoice::Auto);
    }

    #[test]
    fn the_command_path_steps_over_options_and_their_values() {
        let words = |line: &str| line.split_whitespace().map(OsString::from).collect::<Vec<_>>();
        let cmd = command(80);
        let path = |line: &str| command_path(&cmd, &words(line)).0;
        assert_eq!(path("backscreen --color never rules check --frob"), "backscreen rules check");
        assert_eq!(path("backscreen evaluate --rules check x.json"), "backscreen evaluate");
        assert_eq!(path("backscreen evaluate -o rules x.json"), "backscreen evaluate");
        assert_eq!(path("backscreen -- evaluate"), "backscreen");
    }
}
