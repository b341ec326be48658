//! The command line, declared with clap. Doc comments are the `--help` text.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Exit codes:
  0    success (whatever the triage level)
  1    invalid input (rules or answers file; in a batch, any file) or an I/O error
  2    usage error, or no terminal for the interview
  130  screening cancelled (Ctrl-C / Ctrl-D)
  143, 129  interview stopped by SIGTERM / SIGHUP (answers saved so far are kept)

backscreen is a screening aid, not a diagnosis.";

/// Self-screening for low back pain: red flags and how soon to see a clinician,
/// likely causes, and whether Active Release Technique (ART) or rehab may fit.
#[derive(Debug, Parser)]
#[command(name = "backscreen", version, after_help = EXIT_CODES, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Options of the interview, which runs when no command is given.
    #[command(flatten)]
    pub interview: InterviewArgs,

    /// When to use colour: auto (a terminal, and NO_COLOR unset), always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
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
    /// With --replay: text (each prompt, then the result) or json.
    #[arg(long, value_enum, default_value_t = ReplayFormat::Text, requires = "replay")]
    pub format: ReplayFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ReplayFormat {
    /// Each prompt as a person would see it, then the result.
    #[default]
    Text,
    /// {"prompts": [{"questions": [ids]}], "stopped": ..., "outcome": {...}}
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
    /// Whether to colour output going to a stream that is (or is not) a terminal.
    pub fn enabled(self, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
